"""Command line: a thin layer over the library."""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import date
from pathlib import Path

import click

from selon.analyse import pipeline
from selon.model import Article
from selon.output import to_json


@click.group()
def main() -> None:
    """selon: who said what, according to whom, with the span it came from."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print selon/1 JSON.")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
def analyze(files: tuple[Path, ...], as_json: bool, published: object) -> None:
    """Analyse articles (temporary minimal version)."""
    for f in files:
        text = f.read_text("utf-8")
        pub = published.date() if published else date.today()  # type: ignore[attr-defined]
        art = Article(id=hashlib.sha256(text.encode()).hexdigest()[:16], text=text, published=pub)
        res = pipeline.analyze_one(art)
        sys.stdout.write(json.dumps(to_json(res), ensure_ascii=False) + "\n")
