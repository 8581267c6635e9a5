"""``selon eval``: measure selon against reference corpora."""

from __future__ import annotations

import json
from pathlib import Path

import click

from selon.cli.app import err, fail, main
from selon.errors import SelonError


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
        fail(exc)
    if as_json:
        click.echo(json.dumps(tb.report_dict(report), indent=2, ensure_ascii=False))
    else:
        click.echo(tb.format_report(report))


@eval_group.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--split", metavar="NAME",
              help="Only the rows whose split column holds NAME (e.g. tune, report).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def names(path: Path, split: str | None, as_json: bool) -> None:
    """Score the name matcher at its default threshold on labelled pairs.

    PATH is a CSV with name1,name2,is_match columns (more columns are ignored; a
    schema column, when present, gives the type). Prints precision, recall, F1 and
    the wrong pairs (--json: precision, recall, f1, n, false_matches, missed).
    Pairs with an empty name or a name in a script selon cannot transliterate score
    0; a warning on stderr says how many.
    """
    from selon.resolve import evaluate as ev

    try:
        pairs = ev.read_pairs(path, split)
        report = ev.score_pairs(pairs)
    except SelonError as exc:
        fail(exc)
    for warning in ev.warnings(pairs):
        err(f"warning: {path}: {warning}")
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(ev.format_report(report))
