"""Parquet partitions of selon/1 records, written by cluster workers and read back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from selon.store.sql import literal


def write_partition(path: Path, records: list[dict[str, Any]]) -> None:
    """Write records as one Parquet file (columns: id, published, outlet, record JSON)."""
    tmp = path.with_suffix(".tmp")
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE p (id VARCHAR, published VARCHAR, outlet VARCHAR, record JSON)")
        con.executemany(
            "INSERT INTO p VALUES (?, ?, ?, ?)",
            [(r["article"]["id"], r["article"].get("published"), r["article"].get("outlet"),
              json.dumps(r, ensure_ascii=False)) for r in records],
        )
        con.execute(f"COPY p TO {literal(str(tmp))} (FORMAT parquet)")
    finally:
        con.close()
    tmp.replace(path)  # a partition is either complete or absent


def read_partition(path: Path) -> list[dict[str, Any]]:
    con = duckdb.connect()
    try:
        rows = con.execute("SELECT record FROM read_parquet(?)", [str(path)]).fetchall()
    finally:
        con.close()
    return [json.loads(r[0]) for r in rows]
