"""``selon eval``: measure selon against reference corpora."""

from __future__ import annotations

import json
from pathlib import Path

import click

from selon.cli.app import fail, main
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
