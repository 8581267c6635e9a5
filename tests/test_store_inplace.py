"""The store's tables as Parquet partitions, read in place (no load step)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from selon.batch import Options, ingest
from selon.cli import main
from selon.errors import StoreError
from selon.ingest.sources import iter_inputs
from selon.settings import Settings
from selon.store import inplace
from selon.store.db import Store
from test_batch import TEXTS, records


def run(inputs: list[Path], db: Path, tables: Path | None) -> object:
    with Store(db) as store:
        return ingest(iter_inputs([str(p) for p in inputs], Settings(db=str(db))), store,
                      Options(batch_size=2, tables=tables))


def counts(store: Store) -> dict[str, int]:
    return {t: store.scalar(f"SELECT count(*) FROM {t}")
            for t in (*inplace.WRITTEN, "entity_listing", "canonical_members", "stories",
                      "story_statements", "source_chains")}


def cli(*args: str) -> str:
    res = CliRunner().invoke(main, list(args))
    assert res.exit_code == 0, res.output
    return res.stdout


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two runs into one store file, each batch also written as partitions."""
    tmp = tmp_path_factory.mktemp("inplace")
    db, parts = tmp / "s.duckdb", tmp / "parts"
    run(TEXTS[:2], db, parts)
    run(TEXTS[1:], db, parts)  # one already stored, one new
    return db, parts


def test_the_folder_reads_as_the_store_file(written: tuple[Path, Path]) -> None:
    db, parts = written
    with Store(db, read_only=True) as a, Store(parts, read_only=True) as b:
        assert records(a) == records(b)
        assert counts(a) == counts(b)
        assert counts(b)["articles"] == len(TEXTS)
        assert counts(b)["entity_listing"] > 0 and counts(b)["stories"] > 0
        assert b.scalar("SELECT count(DISTINCT id) FROM articles") == len(TEXTS)
    # One file per batch and table: the second run added files, rewrote none.
    assert len(inplace.table_files(parts, "articles")) >= 2
    for args in (["claims", "--json"], ["entities", "--json"], ["stories", "--json"],
                 ["claims", "--source", "Fabius", "--json"]):
        assert json.loads(cli(*args, "--db", str(db))) == json.loads(cli(*args, "--db",
                                                                         str(parts)))
    assert "Fabius" in cli("claims", "--source", "Fabius", "--db", str(parts))


def test_the_folder_is_read_only(written: tuple[Path, Path]) -> None:
    _, parts = written
    with pytest.raises(StoreError, match="only reads"):
        Store(parts)
    res = CliRunner().invoke(main, ["ingest", "--db", str(parts), str(TEXTS[0])])
    assert res.exit_code != 0 and "only reads" in res.output and "Traceback" not in res.output


def test_a_folder_of_another_schema_version_is_refused(tmp_path: Path) -> None:
    (tmp_path / inplace.MARKER).write_text(
        json.dumps({"format": inplace.FORMAT, "schema_version": 3}), "utf-8")
    with pytest.raises(StoreError, match="schema version 3"):
        Store(tmp_path, read_only=True)
    for bad in ("{not json", "[1, 2]"):
        (tmp_path / inplace.MARKER).write_text(bad, "utf-8")
        with pytest.raises(StoreError, match="not a readable"):
            Store(tmp_path, read_only=True)


def test_an_empty_folder_says_so(tmp_path: Path) -> None:
    inplace.write_marker(tmp_path)
    with pytest.raises(StoreError, match="no Parquet tables"):
        Store(tmp_path, read_only=True)


def test_a_failed_partition_write_loses_nothing(tmp_path: Path,
                                                caplog: pytest.LogCaptureFixture) -> None:
    """The store file keeps the batch; the next run adds what the folder lacks, and a
    store written before its folder existed is added whole."""
    db, parts = tmp_path / "s.duckdb", tmp_path / "parts"
    run(TEXTS[:1], db, None)  # before any partitions
    inplace.write_marker(parts)
    (parts / "attributions").write_text("in the way", "utf-8")  # a file where a folder goes
    run(TEXTS[1:2], db, parts)
    assert "cannot write the Parquet tables" in caplog.text
    with Store(db, read_only=True) as store:
        assert store.scalar("SELECT count(*) FROM articles") == 2
    (parts / "attributions").unlink()
    run(TEXTS[2:], db, parts)
    with Store(db, read_only=True) as a, Store(parts, read_only=True) as b:
        assert counts(b)["articles"] == len(TEXTS)
        assert records(a) == records(b)


def test_an_export_folder_reads_in_place(written: tuple[Path, Path], tmp_path: Path) -> None:
    db, _ = written
    out = tmp_path / "export"
    cli("export", "--format", "parquet", "-o", str(out), "--db", str(db))
    assert inplace.is_folder(out)
    assert json.loads(cli("claims", "--json", "--db", str(db))) == \
        json.loads(cli("claims", "--json", "--db", str(out)))
