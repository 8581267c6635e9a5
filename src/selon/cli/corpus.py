"""Corpus commands: ingest into the store, then entities, show, stats, export (search and
claims: :mod:`selon.cli.statements`)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from selon import failurelog
from selon.cli.app import EXIT_BAD_INPUT, EXIT_STORE_FAILED, err, fail, load_settings, main
from selon.cli.tables import emit
from selon.errors import SelonError
from selon.settings import MB, Settings

F = TypeVar("F", bound=Callable[..., Any])

OUTLET_HELP = ("Only outlets whose name has these words or word beginnings, in order "
               "(case and accents ignored: 'orange actu' finds 'Orange Actualités').")


def db_option(f: F) -> F:
    return click.option("--db", metavar="PATH",
                        help="The store file (default ./selon.duckdb, or SELON_DB); read "
                             "commands also take a folder of Parquet tables (written by "
                             "'ingest --partitions' or 'export --format parquet').")(f)


def format_options(f: F) -> F:
    f = click.option("--csv", "fmt", flag_value="csv", help="Print CSV.")(f)
    f = click.option("--json", "fmt", flag_value="json", help="Print JSON.")(f)
    return click.option("--table", "fmt", flag_value="table", default=True, hidden=True)(f)


def _bar_columns(total: int | None) -> tuple[ProgressColumn, ...]:
    """The ingest bar: with a known total, done/total and the time left."""
    known: tuple[ProgressColumn, ...] = (MofNCompleteColumn(), TextColumn("eta"),
                                         TimeRemainingColumn()) if total else ()
    return (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), *known,
            TextColumn("{task.fields[status]}"), TimeElapsedColumn())


def _warn_empty_range(since: str | None, until: str | None) -> None:
    from selon.store.filters import empty_range

    if (warning := empty_range(since, until)) is not None:
        err(f"warning: {warning}")


def _open(settings: Settings, *, read_only: bool) -> Any:
    from selon.store.db import Store

    try:
        return Store(settings.db, read_only=read_only)
    except SelonError as exc:
        fail(exc)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Analyse in N local processes, each loading the model once (default 1).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default=None,
              help="'dask' runs the analysis on a Dask cluster (needs --scheduler).")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786.")
@click.option("--partitions", type=click.Path(path_type=Path), metavar="DIR",
              help="Also write the store's tables, batch by batch, as Parquet partitions "
                   "in DIR, which every read command opens in place with --db DIR (with "
                   "--engine dask, its workers' output goes there too; default: the store "
                   "path + '.partitions').")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for every input.")
@click.option("--outlet", metavar="NAME", help="Outlet name for every input.")
@click.option("--lang", type=click.Choice(["fr", "auto"]), default=None, help="Default: fr.")
@click.option("--max-size", "max_size", type=click.IntRange(min=1), metavar="MB",
              help="Refuse inputs larger than this (default 10 MB).")
@click.option("--allow-private", is_flag=True, default=None,
              help="Allow fetching loopback and private addresses (refused by default; "
                   "cloud-metadata addresses stay refused).")
@click.option("--no-robots", "respect_robots", flag_value=False, default=None,
              help="Do not check robots.txt before fetching a URL.")
@click.option("--timeout", "fetch_timeout", type=click.IntRange(min=1), metavar="SECONDS",
              help="Time limit for one URL, redirects and robots.txt included (default 15).")
@click.option("--log", "log_path", type=click.Path(path_type=Path), metavar="PATH",
              help="Append failures here (default: the store path + '.failures.log').")
@click.option("--server", "server", metavar="URL",
              help="Send the articles to a running 'selon serve' (token in SELON_API_TOKEN) "
                   "instead of opening the store: the server stays its only writer.")
def ingest(inputs: tuple[str, ...], db: str | None, workers: int | None, engine: str | None,
           scheduler: str | None, partitions: Path | None, published: str | None,
           outlet: str | None, lang: str | None, max_size: int | None,
           allow_private: bool | None, respect_robots: bool | None, fetch_timeout: int | None,
           log_path: Path | None, server: str | None) -> None:
    """Analyse articles and store them: files, folders, .jsonl(.gz), WARC, RSS/Atom, URLs.

    Articles already in the store are skipped, so running the same command again
    completes an interrupted batch. Near-duplicate copies of one wire story are
    linked to the first one (duplicate_of). One bad input never stops the batch:
    it is reported at the end, and the exit status is then 2; 3 when analysed
    articles or the search index could not be written to the store (a full disk).
    The same text met again under another URL is not analysed again; that URL
    (or file) is kept as another address of the stored article.

    On a terminal a progress bar shows the counts, with done/total and the time
    left when the inputs can be counted first (files, JSONL lines). Every article
    dated today for lack of a date gets a warning, every folder with no file
    selon reads a note.

    With --server the inputs are read here and analysed and stored by the server.
    """
    settings = load_settings(db=db, workers=workers, engine=engine, scheduler=scheduler,
                             published=published, outlet=outlet, lang=lang,
                             max_bytes=max_size * MB if max_size else None,
                             allow_private=allow_private, respect_robots=respect_robots,
                             fetch_timeout=fetch_timeout)
    if server is not None:
        _ingest_remote(list(inputs), settings, server)
        return
    from selon.batch import IngestSummary, Options
    from selon.batch import ingest as run_ingest
    from selon.ingest.sources import iter_inputs

    store = _open(settings, read_only=False)
    options = Options(workers=settings.workers, engine=settings.engine,
                      scheduler=settings.scheduler, batch_size=settings.batch_size,
                      partitions=partitions or Path(f"{settings.db}.partitions"),
                      tables=partitions)
    notes: list[str] = []
    stream = iter_inputs(list(inputs), settings, allow_private=settings.allow_private,
                         respect_robots=settings.respect_robots,
                         timeout=float(settings.fetch_timeout), notes=notes)
    show_bar = sys.stderr.isatty()
    total = None
    if show_bar:  # files and JSONL lines are counted first: the bar then has an ETA
        from selon.ingest.counting import count_inputs

        total = count_inputs(list(inputs))
    with Progress(*_bar_columns(total), console=Console(stderr=True),
                  disable=not show_bar) as bar:
        task = bar.add_task("ingesting", total=total, status="")

        def progress(s: IngestSummary) -> None:
            rate = s.analysed / s.seconds if s.seconds else 0.0
            bar.update(task, completed=s.done,
                       status=f"{s.analysed} analysed, {s.ingested} stored, {s.present} "
                              f"present, {len(s.failures)} failed, {rate:.1f} docs/s")

        try:
            summary = run_ingest(stream, store, options, on_result=progress)
        except SelonError as exc:
            with suppress(SelonError):
                store.close()
            fail(exc)
    store_errors = [summary.store_error] if summary.store_error else []
    try:
        store.close()
    except SelonError as exc:  # e.g. the final checkpoint on a full disk
        store_errors.append(str(exc))
    log = log_path or Path(f"{settings.db}.failures.log")
    not_written = f" ({summary.not_written} not written to the store)" if summary.not_written \
        else ""
    click.echo(f"ingested {summary.ingested} ({summary.duplicates} near-duplicates linked), "
               f"already present {summary.present}, failed {len(summary.failures)}{not_written}, "
               f"in {summary.seconds:.1f} s ({summary.rate:.1f} docs/s) into {settings.db}")
    if summary.addresses:
        click.echo(f"kept {summary.addresses} more address(es) of texts already stored "
                   "(selon show ID lists them)")
    for note in notes:
        err(f"note: {note}")
    for source in summary.undated:
        err(f"warning: {source}: no publication date found, dated today; relative dates "
            "in it are read against today (give --published YYYY-MM-DD, or 'published' in "
            "JSONL)")
    for f in summary.failures:
        err(f"failed: {f.input}: {f.reason}")
    if summary.failures:
        try:
            failurelog.append(log, summary.failures)
        except OSError as exc:
            err(f"error: cannot write the failures log {log}: {exc.strerror or exc}; "
                "the failures are listed above only")
        else:
            err(f"{len(summary.failures)} failure(s) also written to {log}")
    for message in store_errors:
        err(f"error: {message}; what was stored before stays stored: free space (or fix "
            "the cause) and run the same command again to complete the batch")
    if summary.not_written or store_errors:
        raise SystemExit(EXIT_STORE_FAILED)
    if summary.failures:
        raise SystemExit(EXIT_BAD_INPUT)


def _ingest_remote(inputs: list[str], settings: Settings, server: str) -> None:
    from selon.cli import remote

    try:
        summary = remote.run(inputs, settings, server)
    except SelonError as exc:
        fail(exc)
    for name, reason in summary.failures:
        err(f"failed: {name}: {reason}")
    if summary.failures:
        raise SystemExit(EXIT_BAD_INPUT)


@main.group(invoke_without_command=True)
@db_option
@click.option("--order", type=click.Choice(["cited", "quoted"]), default="cited",
              show_default=True, help="Most cited (articles) or most quoted (as source).")
@click.option("--type", "type_", type=click.Choice(["PER", "ORG", "LOC", "MISC"]))
@click.option("--name", metavar="WORDS",
              help="Only names with these words or word beginnings (case, accents and "
                   "titles ignored; names merged into one canonical entity find each other).")
@click.option("--flagged", is_flag=True,
              help="Only canonical entities flagged on a watchlist, with their flags.")
@click.option("--limit", default=30, show_default=True, type=click.IntRange(1, 10000))
@format_options
@click.pass_context
def entities(ctx: click.Context, db: str | None, order: str, type_: str | None,
             name: str | None, flagged: bool, limit: int, fmt: str) -> None:
    """The entities of the store, most cited or most quoted first: one row per
    canonical entity, with the spellings of its members (--json: id, key, name, type,
    spellings, types, cited, quoted, canonical).

    With --flagged: the canonical entities flagged on a watchlist, highest score first
    (--json: name, type, spellings and flags with list, entry_id, entry_name, programme,
    score, reason). When --limit leaves some out, the title says how many are shown of
    how many, and a line on stderr says how many more there are (also with --json,
    whose list keeps its shape).
    Subcommands merge, split and why act on canonical entities; resolve resolves what
    an older store has not resolved yet.
    """
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"db": db}
        return
    store = _open(load_settings(db=db), read_only=True)
    if flagged:
        from selon.resolve.report import flagged_entities

        try:
            every = flagged_entities(store, type_=type_)  # few: the total is free
        except SelonError as exc:
            fail(exc)
        found = every[:limit]
        rows = [{"name": e["name"], "type": e["type"], "list": f["list"],
                 "entry": f"{f['entry_id']} {f['entry_name']}", "score": f["score"],
                 "reason": f["reason"]} for e in found for f in e["flags"]]
        shown = f"{len(found)} of " if len(every) > len(found) else ""
        emit(rows, [("name", "name", 30), ("type", "type", 4), ("list", "list", 16),
                    ("entry", "entry", 36), ("score", "score", 6), ("reason", "reason", 80)],
             fmt, title=f"{shown}{len(every)} entities flagged on watchlists", data=found)
        more = len(every) - len(found)
        if more:
            err(f"note: {more} more flagged {'entity' if more == 1 else 'entities'} not "
                f"shown: --limit {len(every)} shows them all")
        return
    from selon.store import entityreads

    try:
        rows = entityreads.listing(store, order=order, type=type_, name=name, limit=limit)
    except SelonError as exc:
        fail(exc)
    flat = [{**r, "spelled": " · ".join(r["spellings"])} for r in rows]
    emit(flat, [("name", "name", 30), ("type", "type", 4), ("cited", "articles", 8),
                ("quoted", "quoted", 6), ("spelled", "spellings", 60), ("id", "id", 12)],
         fmt, title=f"entities, most {order}", data=rows)


@main.command()
@click.argument("article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the selon/1 record.")
def show(article_id: str, db: str | None, as_json: bool) -> None:
    """One stored article with its records (an id prefix of 6+ characters will do)."""
    from selon.output import from_json
    from selon.report import render_plain, render_rich
    from selon.store import queries

    store = _open(load_settings(db=db), read_only=True)
    try:
        record = queries.show(store, article_id)
    except SelonError as exc:
        fail(exc)
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    analysis = from_json(record)
    if sys.stdout.isatty():
        render_rich(analysis, Console())
    else:
        sys.stdout.write(render_plain(analysis))
    meta = record["store"]
    if meta["duplicate_of"] or meta["duplicates"]:
        click.echo(f"near-duplicate of: {meta['duplicate_of'] or '-'}; "
                   f"copies: {', '.join(meta['duplicates']) or '-'}")
    for place in meta.get("also_at", []):
        click.echo(f"same text also read from: {place['url'] or place['source']}")


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(db: str | None, as_json: bool) -> None:
    """What is in the store: counts, dates, outlets, search index."""
    from selon.store import queries

    store = _open(load_settings(db=db), read_only=True)
    data = queries.stats(store)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    for key in ("articles", "duplicates", "attributions", "entities", "mentions", "quantities",
                "times", "first_published", "last_published", "schema_version", "path"):
        click.echo(f"{key:18s} {data.get(key)}")
    kinds = ", ".join(f"{k} {n}" for k, n in data["attributions_by_kind"].items())
    click.echo(f"{'by kind':18s} {kinds or '-'}")
    outlets = ", ".join(f"{o['outlet'] or '?'} {o['articles']}" for o in data["outlets"][:10])
    click.echo(f"{'outlets':18s} {outlets or '-'}")
    idx = data["search_index"]
    click.echo(f"{'search index':18s} {'ready' if idx['ready'] else 'absent'}"
               f"{' (stale)' if idx['stale'] else ''}")


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "ftm"]),
              default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), metavar="PATH",
              help="File (or folder, for parquet) to write; default standard output.")
@click.option("--search", "text", metavar="TEXT", help="Only articles matching this text.")
@click.option("--outlet", help=OUTLET_HELP)
@click.option("--since", metavar="YYYY-MM-DD", help="Articles published on or after.")
@click.option("--until", metavar="YYYY-MM-DD", help="Articles published on or before.")
@click.option("--originals", is_flag=True, help="Leave out near-duplicate copies.")
def export(db: str | None, fmt: str, output: Path | None, text: str | None,
           outlet: str | None, since: str | None, until: str | None, originals: bool) -> None:
    """Export the store (or the articles matching --search): selon/1 JSONL, CSV of
    statements, Parquet tables, or FollowTheMoney entities (Aleph, OpenSanctions; one
    Event per statement with its text, source, relays and article).

    Says on stderr what it wrote: articles, statements, tables (rows of each) or
    entities (how many of each schema)."""
    from selon.store import export as exp

    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs --output FOLDER")
    _warn_empty_range(since, until)
    store = _open(load_settings(db=db), read_only=True)
    try:
        selection = exp.Selection(text=text, outlet=outlet, since=since, until=until,
                                  originals_only=originals)
        report = exp.export_report(store, fmt, output if output is not None else sys.stdout,
                                   selection)
    except SelonError as exc:
        fail(exc)
    err(f"exported {report.describe()}" + (f" to {output}" if output else ""))
