"""The one SQL-literal helper: DuckDB reads back exactly the string it was given."""

from __future__ import annotations

import duckdb
import pytest

from selon.store.sql import literal

TRICKY = ["plain", "l'Élysée", "''", "a'); DROP TABLE x; --", "", "ligne\nsuivante"]


@pytest.mark.parametrize("value", TRICKY)
def test_duckdb_reads_back_the_literal_unchanged(value: str) -> None:
    con = duckdb.connect()
    try:
        assert con.execute(f"SELECT {literal(value)}").fetchone() == (value,)
    finally:
        con.close()


def test_a_folder_with_a_quote_in_its_name_takes_a_copy(tmp_path) -> None:
    target = tmp_path / "l'archive" / "t.parquet"
    target.parent.mkdir()
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE t AS SELECT 1 AS n")
        con.execute(f"COPY t TO {literal(str(target))} (FORMAT parquet)")
        read = f"SELECT n FROM read_parquet({literal(str(target))})"
        assert con.execute(read).fetchall() == [(1,)]
    finally:
        con.close()
