"""Story commands: ``selon stories`` (a listing, or selon-stories/1 JSON) and
``selon story ID`` (one story's statements by source, with contradictions)."""

from __future__ import annotations

import json
from typing import Any

import click

from selon.cli.app import load_settings, main
from selon.cli.corpus import _open, db_option
from selon.cli.tables import emit
from selon.errors import SelonError


def _build_if_writable(db: str | None, update: bool) -> None:
    """Place articles in no story yet (after an interrupted build), when asked."""
    if not update:
        return
    from selon.reconcile import build

    store = _open(load_settings(db=db), read_only=False)
    try:
        summary = build.update(store)
    except SelonError as exc:
        store.close()
        from selon.cli.app import fail
        fail(exc)
    store.close()
    click.echo(f"selon: placed {summary.placed} article(s) in stories, "
               f"{summary.batches} batch(es), {summary.seconds:.1f} s", err=True)


@main.command()
@db_option
@click.option("--since", metavar="YYYY-MM-DD", help="Stories still running on or after this day.")
@click.option("--until", metavar="YYYY-MM-DD", help="Stories begun on or before this day.")
@click.option("--about", metavar="ENTITY", help="Stories with an article naming this entity.")
@click.option("--search", metavar="TEXT", help="Stories with an article containing these words.")
@click.option("--limit", type=click.IntRange(1, 1_000_000),
              help="At most this many (default: 50 listed; all with --json).")
@click.option("--update", is_flag=True,
              help="First place the articles that are in no story yet (finishes an "
                   "interrupted build; ingest does this by itself).")
@click.option("--json", "as_json", is_flag=True, help="Print selon-stories/1 JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the listing as CSV.")
def stories(db: str | None, since: str | None, until: str | None, about: str | None,
            search: str | None, limit: int | None, update: bool, as_json: bool,
            as_csv: bool) -> None:
    """Stories: articles about one event, with dates, outlets, top sources and the
    number of contradictions between their statements, latest first."""
    from selon.cli.app import fail
    from selon.reconcile import output
    from selon.store import storyreads

    _build_if_writable(db, update)
    store = _open(load_settings(db=db), read_only=True)
    try:
        rows = storyreads.stories(store, since=since, until=until, about=about, search=search,
                                  limit=limit if limit or as_json else 50)
        if as_json:
            details = storyreads.details(store, [r["id"] for r in rows])
            click.echo(json.dumps(output.to_json(details), ensure_ascii=False, indent=1))
            return
    except SelonError as exc:
        fail(exc)
    finally:
        store.close()
    flat = [{**r, "dates": f"{r['first_day']} – {r['last_day']}",
             "outlets_text": ", ".join(r["outlets"] or []),
             "sources_text": ", ".join(r["sources"] or [])} for r in rows]
    emit(flat, [("id", "story", 16), ("dates", "dates", 23), ("articles", "articles", 8),
                ("contradictions", "contra.", 7), ("title", "title", 60),
                ("outlets_text", "outlets", 30), ("sources_text", "top sources", 50)],
         "csv" if as_csv else "table", title=f"{len(rows)} stor{'y' if len(rows) == 1 else 'ies'}")


def _chain(m: dict[str, Any]) -> str:
    return " ← ".join([m["source_text"] or "?", *m["via"]])


@main.command()
@click.argument("story_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print selon-stories/1 JSON for it.")
def story(story_id: str, db: str | None, as_json: bool) -> None:
    """One story: its statements grouped by source, each with its mentions (outlet, date,
    relay chain), and its contradictions side by side."""
    from selon.cli.app import fail
    from selon.reconcile import output
    from selon.store import storyreads

    store = _open(load_settings(db=db), read_only=True)
    try:
        d = storyreads.story(store, story_id)
    except SelonError as exc:
        fail(exc)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(output.to_json([d]), ensure_ascii=False, indent=1))
        return
    click.echo(f"{d['id']}  {d['title'] or '-'}")
    click.echo(f"  {d['first_day']} – {d['last_day']}, {d['articles']} article(s), "
               f"outlets: {', '.join(d['outlets'] or []) or '-'}")
    by_source: dict[str, list[dict[str, Any]]] = {}
    for st in d["statement_list"]:
        by_source.setdefault(st["source"] or "(no source)", []).append(st)
    for source, sts in sorted(by_source.items(), key=lambda kv: -sum(s["articles"] for s in kv[1])):
        click.echo(f"\n{source}")
        for st in sts:
            click.echo(f"  [{st['id']}] {st['articles']} article(s), {st['origins']} "
                       f"independent origin(s), first {st['first_seen'] or '?'}"
                       + (f", via {st['relay']}" if st["relay"] else ""))
            for m in st["mentions"]:
                click.echo(f"    {m['published'] or '?'} {m['outlet'] or '-'} "
                           f"[{_chain(m)}] {m['kind']}: {m['text'][:110]}")
    if d["relations"]:
        click.echo(f"\ncontradictions ({len(d['relations'])})")
        by_id = {st["id"]: st for st in d["statement_list"]}
        for r in d["relations"]:
            a, b = by_id.get(r["a"]), by_id.get(r["b"])
            for side in (a, b):
                if side and side["mentions"]:
                    m = side["mentions"][0]
                    click.echo(f"  {side['source'] or '?'}: {m['text'][:120]}  ({m['article']})")
            click.echo(f"    why: {r['why']}\n")
