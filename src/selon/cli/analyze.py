"""``selon analyze``: one or more article files in, a report or selon/1 JSON out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from selon.cli.app import EXIT_BAD_INPUT, err, fail, load_settings, main
from selon.errors import SelonError
from selon.model import Analysis, Article
from selon.settings import MB

if TYPE_CHECKING:
    from rich.console import Console

# The readers (trafilatura, charset detection), rich and the report are imported when the
# command runs: every other command (``selon claims``) starts without them.


@main.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(path_type=Path, readable=False))  # unreadable: one failure line
@click.option("--json", "as_json", is_flag=True,
              help="Print selon/1 JSON (one object; JSON Lines for several files).")
@click.option("--published", metavar="YYYY-MM-DD",
              help="Publication date, the reference for relative dates. Default: the HTML "
                   "metadata, else a 'publié le ...' byline, else today (with a warning).")
@click.option("--outlet", metavar="NAME", help="Outlet name to record for every article.")
@click.option("--lang", type=click.Choice(["fr", "auto"]), default=None,
              help="Language of the articles; 'auto' identifies it and refuses unsupported "
                   "ones. Default: fr.")
@click.option("--max-size", "max_size", type=click.IntRange(min=1), metavar="MB",
              help="Refuse inputs larger than this many megabytes (default 10).")
def analyze(files: tuple[Path, ...], as_json: bool, published: str | None, outlet: str | None,
            lang: str | None, max_size: int | None) -> None:
    """Analyse article files (.txt, .html, .htm, .html.gz) and report who said what.

    Prints, per article, its metadata, every attribution as
    "source ← via | cue | content", and the entities with their mention counts.
    A file that cannot be read is reported on stderr and the others go on; the
    exit status is then 2.
    """
    settings = load_settings(published=published, outlet=outlet, lang=lang,
                         max_bytes=max_size * MB if max_size else None)
    failed = 0
    from rich.console import Console

    from selon.ingest import article_from_path

    console = Console()
    stdout_tty = sys.stdout.isatty()

    def articles() -> Iterator[Article]:
        nonlocal failed
        for path in files:
            try:
                article = article_from_path(path, settings)
            except SelonError as exc:
                failed += 1
                err(f"error: {exc}")
                continue
            for w in article.warnings:
                err(f"warning: {w}")
            yield article

    from selon.analyse import pipeline  # loading spaCy is slow: only when needed

    try:
        results = pipeline.analyze(articles(), batch_size=settings.batch_size)
        for i, analysis in enumerate(_progress(results, len(files))):
            _emit(analysis, as_json=as_json, many=len(files) > 1, first=i == 0,
                  console=console, tty=stdout_tty)
    except SelonError as exc:
        fail(exc)
    if failed:
        err(f"{failed} of {len(files)} input(s) failed")
        sys.exit(EXIT_BAD_INPUT)


def _progress(results: Iterator[Analysis], total: int) -> Iterator[Analysis]:
    if total < 5 or not sys.stderr.isatty():
        yield from results
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("analyse", total=total)
        for r in results:
            yield r
            bar.advance(task)


def _emit(a: Analysis, *, as_json: bool, many: bool, first: bool, console: Console,
          tty: bool) -> None:
    if as_json:
        from selon.output import to_json

        record = to_json(a)
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=None if many else 2) + "\n")
    elif tty:
        if not first:
            console.rule()
        from selon.report import render_rich

        render_rich(a, console)
    else:
        from selon.report import render_plain

        sys.stdout.write(("\n" if not first else "") + render_plain(a))
    sys.stdout.flush()
