"""Rows out: a table on a terminal, plain tab-separated text when piped, JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from selon.report import shorten
from selon.sanitize import spreadsheet_cell


def _cell(value: Any, width: int) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return shorten(str(value), width)


def emit(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str, int]], fmt: str,
         *, title: str | None = None, data: Any = None) -> None:
    """Print ``rows``. ``columns`` are (key, header, max width); ``data`` replaces the rows
    for JSON output when the full records should be printed."""
    if fmt == "json":
        sys.stdout.write(json.dumps(rows if data is None else data, ensure_ascii=False,
                                    indent=2, default=str) + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow([header for _, header, _ in columns])
        for row in rows:
            writer.writerow(["" if row.get(k) is None else spreadsheet_cell(row.get(k))
                             for k, _, _ in columns])
        return
    if sys.stdout.isatty():
        table = Table(title=title, title_justify="left")
        for _, header, _ in columns:
            table.add_column(header, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(k), w) for k, _, w in columns))
        Console().print(table)
        return
    if title:
        sys.stdout.write(f"{title}\n")
    sys.stdout.write("\t".join(header for _, header, _ in columns) + "\n")
    for row in rows:
        sys.stdout.write("\t".join(_cell(row.get(k), w) for k, _, w in columns) + "\n")
