"""Command line: a thin layer over the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from selon import __version__
from selon import settings as settings_mod
from selon.errors import SelonError
from selon.ingest import article_from_path
from selon.model import Analysis, Article
from selon.output import to_json
from selon.report import render_plain, render_rich
from selon.settings import MB, Settings

EXIT_BAD_INPUT = 2


def _err(message: str) -> None:
    click.echo(f"selon: {message}", err=True)


def _settings(**flags: object) -> Settings:
    try:
        return settings_mod.load().with_flags(**flags)
    except SelonError as exc:
        raise click.UsageError(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="selon")
def main() -> None:
    """selon: who said what, according to whom, with the span it came from.

    Settings come from defaults, then a config file (SELON_CONFIG, ./selon.toml or
    ~/.config/selon/config.toml), then SELON_* environment variables, then flags.
    """


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
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
    settings = _settings(published=published, outlet=outlet, lang=lang,
                         max_bytes=max_size * MB if max_size else None)
    failed = 0
    console = Console()
    stdout_tty = sys.stdout.isatty()

    def articles() -> Iterator[Article]:
        nonlocal failed
        for path in files:
            try:
                article = article_from_path(path, settings)
            except SelonError as exc:
                failed += 1
                _err(f"error: {exc}")
                continue
            for w in article.warnings:
                _err(f"warning: {w}")
            yield article

    from selon.analyse import pipeline  # loading spaCy is slow: only when needed

    try:
        results = pipeline.analyze(articles(), batch_size=settings.batch_size)
        for i, analysis in enumerate(_progress(results, len(files))):
            _emit(analysis, as_json=as_json, many=len(files) > 1, first=i == 0,
                  console=console, tty=stdout_tty)
    except SelonError as exc:
        _err(f"error: {exc}")
        sys.exit(EXIT_BAD_INPUT)
    if failed:
        _err(f"{failed} of {len(files)} input(s) failed")
        sys.exit(EXIT_BAD_INPUT)


def _progress(results: Iterator[Analysis], total: int) -> Iterator[Analysis]:
    if total < 5 or not sys.stderr.isatty():
        yield from results
        return
    columns = (TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("analyse", total=total)
        for r in results:
            yield r
            bar.advance(task)


def _emit(a: Analysis, *, as_json: bool, many: bool, first: bool, console: Console,
          tty: bool) -> None:
    if as_json:
        record = to_json(a)
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=None if many else 2) + "\n")
    elif tty:
        if not first:
            console.rule()
        render_rich(a, console)
    else:
        sys.stdout.write(("\n" if not first else "") + render_plain(a))
    sys.stdout.flush()


@main.group(name="eval")
def eval_group() -> None:
    """Measure selon against reference corpora."""


@eval_group.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def timebank(path: Path, as_json: bool) -> None:
    """Score the time tagger on French TimeBank (a folder of .tml files, or its root).

    Prints TempEval-3-style figures: extraction precision/recall/F1 (strict and
    overlap), value F1 (value and mod both right), and the most frequent errors.
    """
    from selon.evaluate import timebank as tb

    try:
        report = tb.run(path)
    except SelonError as exc:
        _err(f"error: {exc}")
        sys.exit(EXIT_BAD_INPUT)
    if as_json:
        click.echo(json.dumps(tb.report_dict(report), indent=2, ensure_ascii=False))
    else:
        click.echo(tb.format_report(report))
