"""``selon search`` and ``selon claims``: the query language and the filters of the API and
of the web pages (``/search``, ``/statements``), under the same names."""

from __future__ import annotations

from typing import Any

import click

from selon.cli.app import fail, load_settings, main
from selon.cli.corpus import OUTLET_HELP, _open, _warn_empty_range, db_option, format_options
from selon.cli.tables import emit
from selon.errors import SelonError
from selon.model import KINDS, STANCES

QUERY_HELP = """\b
The query language (the same in /api/search and on the /search page):
  word word      every word must be found (French stemming: 'soldat'
                 finds 'soldats'; case and accents ignored)
  "a phrase"     these words side by side, in this order
  a OR b         either (AND is the default between words)
  NOT a, -a      leave out what has it
  ( ... )        group: '(Kiev OR Kyiv) AND "cessez-le-feu"'"""


def _marked(text: str, ranges: list[list[int]]) -> str:
    """``text`` with its matched words between ** (a terminal has no highlighter)."""
    from selon.store.fulltext import marked

    return "".join(f"**{piece}**" if hit else piece for piece, hit in marked(text, ranges))


def _chain(row: dict[str, Any]) -> str:
    names = [(row["source"] or {}).get("text") or "?"] + [v["text"] for v in row["via"]]
    return " ← ".join(names)


@main.command(epilog=QUERY_HELP)
@click.argument("text")
@db_option
@click.option("--outlet", help=OUTLET_HELP)
@click.option("--since", metavar="YYYY-MM-DD", help="Articles published on or after.")
@click.option("--until", metavar="YYYY-MM-DD", help="Articles published on or before.")
@click.option("--originals", is_flag=True, help="Leave out near-duplicate copies.")
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]),
              default="relevance", show_default=True)
@click.option("--statements", "in_statements", is_flag=True,
              help="Search what was said (the statements) instead of whole articles.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@format_options
def search(text: str, db: str | None, outlet: str | None, since: str | None,
           until: str | None, originals: bool, sort: str, in_statements: bool, limit: int,
           offset: int, fmt: str) -> None:
    """Full-text search of the stored articles, or with --statements of what was said.

    Prints the true total (all pages), and each hit's snippet with the matched words
    between ** (--json: the snippet and 'highlights', character ranges in it)."""
    from selon.store import fulltext

    _warn_empty_range(since, until)
    store = _open(load_settings(db=db), read_only=True)
    given: dict[str, Any] = {"outlet": outlet, "since": since, "until": until,
                             "originals_only": originals}
    if in_statements:
        _statements(store, text, given, sort, limit, offset, fmt)
        return
    try:
        found = fulltext.articles(store, text, **given, sort=sort, limit=limit, offset=offset)
    except SelonError as exc:
        fail(exc)
    for warning in found["warnings"]:
        click.echo(f"warning: {warning}", err=True)
    rows = [{**r, "marked": _marked(r["snippet"], r["highlights"])} for r in found["items"]]
    emit(rows, [("id", "id", 16), ("published", "published", 10), ("outlet", "outlet", 20),
                ("title", "title", 60), ("marked", "snippet", 240)], fmt,
         title=f"{found['total']} article(s) for {text!r}", data=found["items"])


def _statements(store: Any, text: str, given: dict[str, Any], sort: str, limit: int,
                offset: int, fmt: str) -> None:
    from selon.store import fulltext, queries, totals

    try:
        rows = queries.claims(store, q=text, **given, sort=sort, limit=limit, offset=offset)
        total = totals.claims(store, q=text, **given)
        contents = [r["content"]["text"] for r in rows]
        width = max((len(c) for c in contents), default=1) + 1
        pieces = fulltext.highlight_texts(store.statement_index, text, contents, width)
    except SelonError as exc:
        fail(exc)
    flat = [{**r, "chain": _chain(r), "marked": _marked(piece, [list(m) for m in marks])}
            for r, (piece, marks) in zip(rows, pieces, strict=True)]
    emit(flat, [("published", "published", 10), ("chain", "source ← via", 40),
                ("stance", "stance", 8), ("marked", "what was said", 240),
                ("article_id", "article", 16)], fmt,
         title=f"{total} statement(s) for {text!r}", data=rows)


@main.command(epilog=QUERY_HELP)
@db_option
@click.option("--q", "q", metavar="QUERY",
              help="Only statements whose words match this query (the language below).")
@click.option("--source", help="Who said it (a name; accents and case ignored).")
@click.option("--via", help="A relay it came through (agency, outlet, statement).")
@click.option("--about", help="An entity named inside what was said.")
@click.option("--stance", type=click.Choice(STANCES, case_sensitive=False),
              help="Only this stance.")
@click.option("--kind", type=click.Choice(KINDS, case_sensitive=False),
              help="Only this kind of statement.")
@click.option("--since", metavar="YYYY-MM-DD", help="Articles published on or after.")
@click.option("--until", metavar="YYYY-MM-DD", help="Articles published on or before.")
@click.option("--outlet", help=OUTLET_HELP)
@click.option("--originals", is_flag=True, help="Leave out near-duplicate copies.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), metavar="0..1",
              help="Only statements whose source was found with at least this confidence "
                   "(named 0.9, pronoun 0.55, guessed 0.2: see 'found' in the output).")
@click.option("--sort", type=click.Choice(["newest", "oldest", "source", "outlet",
                                           "relevance"]),
              default="newest", show_default=True,
              help="Newest or oldest article first, by source or outlet name, or (with "
                   "--q) best match first.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10000))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@format_options
def claims(db: str | None, q: str | None, source: str | None, via: str | None,
           about: str | None, stance: str | None, kind: str | None, since: str | None,
           until: str | None, outlet: str | None, originals: bool,
           min_confidence: float | None, sort: str, limit: int, offset: int,
           fmt: str) -> None:
    """Who said what, through whom: the stored attributions, newest first, and how many
    match in all (the /statements page and /api/attributions take the same filters).

    'found' says how the source was found and its confidence; a weak one (under 0.6: a
    resolved pronoun, an unnamed or anonymous source) is marked WEAK, and a statement a
    reader corrected is marked CORRECTED (the JSON keeps the original values)."""
    from selon.store import queries, totals

    _warn_empty_range(since, until)
    store = _open(load_settings(db=db), read_only=True)
    given: dict[str, Any] = {"q": q, "source": source, "via": via, "about": about,
                             "stance": stance, "kind": kind, "since": since, "until": until,
                             "outlet": outlet, "originals_only": originals,
                             "min_confidence": min_confidence}
    try:
        rows = queries.claims(store, **given, sort=sort if q or sort != "relevance"
                              else "newest", limit=limit, offset=offset)
        total = totals.claims(store, **given)
    except SelonError as exc:
        fail(exc)
    flat = [{**r, "chain": _chain(r), "cue_text": (r["cue"] or {}).get("text"),
             "content_text": r["content"]["text"], "found": _found(r)} for r in rows]
    shown = f"{offset + 1}–{offset + len(rows)} of " if rows and (offset or total > len(rows)) \
        else ""
    emit(flat, [("published", "published", 10), ("chain", "source ← via", 50),
                ("found", "found", 50), ("cue_text", "cue", 20), ("stance", "stance", 8),
                ("content_text", "content", 80), ("article_id", "article", 16)], fmt,
         title=f"{shown}{total} statement(s)", data=rows)


def _found(row: dict[str, Any]) -> str:
    """How the source was found, in words, WEAK or CORRECTED when it is."""
    from selon.analyse.attributions.trust import is_weak, reason

    c = row.get("correction")
    if c is not None:
        what = "not a statement" if c.get("not_statement") else ", ".join(c["actions"])
        return f"CORRECTED ({what}) by {c['by']}"
    conf = row.get("confidence")
    words = reason(row.get("how"), (row.get("source") or {}).get("text"))
    if conf is None:
        return words
    return f"{'WEAK: ' if is_weak(conf) else ''}{words} ({conf:.2f})"
