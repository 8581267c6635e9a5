"""Ingesting a batch into the store: summary, idempotence, duplicates, workers, Dask."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from selon.batch import Options, ingest
from selon.cli import main
from selon.ingest.sources import iter_inputs
from selon.output import to_json
from selon.settings import Settings
from selon.store.db import Store

DEMO = Path(__file__).resolve().parents[1] / "src" / "selon" / "demo"
TEXTS = sorted(DEMO.glob("0*.txt"))


def corpus(tmp_path: Path) -> Path:
    """A folder with the demo articles, a wire copy of one, a JSONL with a bad line, junk."""
    folder = tmp_path / "in"
    folder.mkdir()
    for p in TEXTS:
        (folder / p.name).write_text(p.read_text("utf-8"), "utf-8")
    original = TEXTS[1].read_text("utf-8").splitlines()
    copy = ["Le Courrier du Soir avec AFP, publié le mercredi 14 avril 2021 à 07h00",
            *original[1:]]
    (folder / "copy.txt").write_text("\n".join(copy) + "\n", "utf-8")
    lines = [json.dumps({"text": "Le maire a annoncé lundi que le pont rouvrirait en mai, "
                                 "selon un communiqué de la mairie cité par la presse locale.",
                         "published": "2024-03-04", "outlet": "Essai"}),
             "{not json",
             json.dumps({"title": "sans texte"})]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "junk.txt").write_bytes(b"\x00\x01\x02" * 100)
    return folder


def records(store: Store) -> dict[str, dict[str, object]]:
    ids = [r["id"] for r in store.fetch("SELECT id FROM articles ORDER BY id")]
    out = {}
    for a in store.load_analyses(ids):
        rec = to_json(a)
        rec["article"].pop("source", None)
        out[a.article.id] = rec
    return out


def run_ingest(folder: Path, db: Path, options: Options) -> object:
    settings = Settings(db=str(db))
    with Store(db) as store:
        return ingest(iter_inputs([str(folder)], settings), store, options)


def test_cli_ingest_summary_failures_and_rerun(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    db = tmp_path / "s.duckdb"
    log = tmp_path / "fail.log"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", "--db", str(db), "--log", str(log), str(folder)])
    assert first.exit_code == 2, first.output
    assert "ingested 5 (1 near-duplicates linked), already present 0, failed 3" in first.stdout
    assert "batch.jsonl:line 2" in first.stderr and "junk.txt" in first.stderr
    assert len(log.read_text("utf-8").splitlines()) == 3
    with Store(db, read_only=True) as store:
        dup = store.fetch("SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL")
        assert len(dup) == 1
        original = store.fetch("SELECT id FROM articles WHERE source LIKE ?",
                               [f"%{TEXTS[1].name}"])[0]["id"]
        assert dup[0]["duplicate_of"] == original
        before = store.scalar("SELECT count(*) FROM attributions")
        assert before > 20
    again = runner.invoke(main, ["ingest", "--db", str(db), "--log", str(log), str(folder)])
    assert "ingested 0 (0 near-duplicates linked), already present 5, failed 3" in again.stdout
    with Store(db, read_only=True) as store:
        assert store.scalar("SELECT count(*) FROM attributions") == before
    for args in (["stats"], ["claims", "--limit", "3"], ["search", "canal"],
                 ["entities", "--json"], ["export", "--format", "csv"]):
        res = runner.invoke(main, [*args, "--db", str(db)])
        assert res.exit_code == 0, (args, res.output)
    found = runner.invoke(main, ["search", "remorqueurs", "--json", "--db", str(db)])
    assert {r["id"] for r in json.loads(found.stdout)} >= {original}


def test_workers_give_the_same_records_as_one_process(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    # The same spaCy batches on both sides: only where they run differs.
    one = run_ingest(folder, tmp_path / "one.duckdb", Options(workers=1, batch_size=2))
    two = run_ingest(folder, tmp_path / "two.duckdb", Options(workers=2, batch_size=2))
    assert (one.ingested, one.duplicates) == (two.ingested, two.duplicates) == (5, 1)  # type: ignore[attr-defined]
    with Store(tmp_path / "one.duckdb", read_only=True) as a, \
            Store(tmp_path / "two.duckdb", read_only=True) as b:
        assert records(a) == records(b)


def test_dask_local_cluster_gives_the_same_records(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    folder = corpus(tmp_path)
    run_ingest(folder, tmp_path / "local.duckdb", Options(batch_size=2))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        parts = tmp_path / "parts"
        summary = run_ingest(folder, tmp_path / "dask.duckdb",
                             Options(engine="dask", scheduler=cluster.scheduler_address,
                                     partitions=parts, batch_size=2))
    assert summary.ingested == 5  # type: ignore[attr-defined]
    assert len(list(parts.glob("*.parquet"))) >= 3
    with Store(tmp_path / "local.duckdb", read_only=True) as a, \
            Store(tmp_path / "dask.duckdb", read_only=True) as b, \
            Store(parts, read_only=True) as in_place:  # the partitions, with no load step
        assert records(a) == records(b) == records(in_place)
