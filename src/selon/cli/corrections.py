"""``selon corrections``: the readers' corrections of a store (list, export as gold).

Corrections are made in the web interface or with ``POST /api/corrections`` on a server
holding the token; they are kept in the store apart from the analysis.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from selon.cli.app import err, fail, load_settings, main
from selon.cli.corpus import _open, db_option, format_options
from selon.cli.tables import emit
from selon.errors import SelonError

_WHAT = {"source": "wrong source", "span": "wrong span", "not_statement": "not a statement",
         "add": "added"}


def _change(c: dict[str, Any]) -> str:
    before, after = c["before"] or {}, c["after"]
    if c["action"] == "source":
        return f"{before.get('source') or '(none)'} → {after['source']}"
    if c["action"] == "span":
        return f"{before.get('span')} → {after['span']}"
    if c["action"] == "add":
        return f"{after['kind']} by {after['source']} at {after['span']}"
    return f"« {(before.get('content') or '')[:60]} »"


@main.group(invoke_without_command=True)
@db_option
@click.pass_context
def corrections(ctx: click.Context, db: str | None) -> None:
    """Readers' corrections of statements: 'list' the audit trail, 'export --gold DIR'
    the corrected articles as selon-gold/1 files. Without a subcommand: list."""
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_cmd, db=db, limit=50, article=None, fmt="table")


@corrections.command("list")
@db_option
@click.option("--article", metavar="ID", help="Only the corrections of this article.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100000))
@format_options
@click.pass_context
def list_cmd(ctx: click.Context, db: str | None, article: str | None, limit: int,
             fmt: str) -> None:
    """Who corrected what, when, before and after, newest first (--json: id, article_id,
    action, key, before, after, by, at, note)."""
    from selon.store import corrections as store_corrections

    db = db or (ctx.obj or {}).get("db")
    store = _open(load_settings(db=db), read_only=True)
    try:
        article_id = store.resolve_id(article) if article else None
        rows = store_corrections.listing(store, limit=limit, article_id=article_id)
    except SelonError as exc:
        fail(exc)
    finally:
        store.close()
    flat = [{**r, "what": _WHAT.get(r["action"], r["action"]), "change": _change(r),
             "article": r["article_id"][:16]} for r in rows]
    emit(flat, [("id", "#", 5), ("at", "when", 19), ("by", "who", 30), ("what", "what", 16),
                ("change", "before → after", 70), ("article", "article", 16)], fmt,
         title=f"{len(rows)} correction(s)", data=rows)


@corrections.command("export")
@db_option
@click.option("--gold", "gold", metavar="DIR", required=True,
              help="Write <id>.txt and <id>.gold.json (selon-gold/1) per corrected article.")
@click.pass_context
def export_cmd(ctx: click.Context, db: str | None, gold: str) -> None:
    """The corrected articles as selon-gold/1 files: every statement with the corrections
    applied (rejected ones left out, added ones in), to score the analyser with
    eval/score.py."""
    from selon.store import goldexport

    db = db or (ctx.obj or {}).get("db")
    store = _open(load_settings(db=db), read_only=True)
    try:
        written = goldexport.export_gold(store, Path(gold))
    except SelonError as exc:
        fail(exc)
    finally:
        store.close()
    err(f"wrote {len(written)} gold file(s) (selon-gold/1) into {gold}")
    for path in written:
        click.echo(str(path))
