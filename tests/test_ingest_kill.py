"""The real ``selon ingest`` killed with SIGKILL mid-batch, then run again.

No half-written article may remain after the kill, and running the same command again
must complete the batch: the final store equals the store of an uninterrupted run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from selon.store import Store
from selon.store.columns import RECORD_TABLES

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

CITIES = ["Lyon", "Brest", "Nancy", "Dijon", "Rouen", "Tours", "Nîmes", "Metz", "Pau", "Caen"]
TOPICS = ["la rénovation du stade", "la fermeture d'une école", "un nouveau tramway",
          "la hausse des loyers", "un plan contre les inondations", "la piscine municipale",
          "le budget de la culture", "une ligne de bus de nuit", "la collecte des déchets",
          "un parc solaire", "la sécurité routière", "un marché couvert"]


def corpus(path: Path, n: int = 240) -> None:
    """Short French articles of our own, each different (city, topic, numbers, speaker)."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            city, topic = CITIES[i % len(CITIES)], TOPICS[(i * 7) % len(TOPICS)]
            text = (f"Le conseil municipal de {city} a voté mardi {topic}, un projet de "
                    f"{(i + 3) * 11} millions d'euros, selon la mairie.\n"
                    f"« Nous tiendrons le calendrier prévu pour {2030 + i % 7} », a déclaré "
                    f"l'adjoint au maire, Paul Martin-{i}, devant {20 + i} habitants.\n"
                    f"L'opposition a rejeté ce plan, estimant qu'il coûterait {i + 2} fois "
                    f"plus que prévu à la ville n°{i}.\n")
            fh.write(json.dumps({"text": text, "published": "2024-05-14",
                                 "outlet": f"Le Courrier {i}"}) + "\n")


def ingest(db: Path, inputs: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "selon", "ingest", "--db", str(db),
                             str(inputs)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def snapshot(db: Path) -> dict[str, dict[str, int]]:
    """Per table, the number of rows of each article (plus the articles themselves)."""
    with Store(db, read_only=True) as store:
        out = {"articles": {r["id"]: 1 for r in store.fetch("SELECT id FROM articles")}}
        for table in RECORD_TABLES:
            orphans = store.scalar(f"SELECT count(*) FROM {table} WHERE article_id NOT IN "
                                   "(SELECT id FROM articles)")
            assert orphans == 0, f"{orphans} orphan rows in {table}"
            out[table] = {r["article_id"]: r["n"] for r in store.fetch(
                f"SELECT article_id, count(*) AS n FROM {table} GROUP BY article_id")}
        return out


# The write-ahead log holds a few KB once the schema is created, and hundreds of KB once
# a batch of articles is committed: past this size, articles are being written.
WRITING = 64 * 1024


def kill_mid_batch(db: Path, inputs: Path, delay: float) -> dict[str, dict[str, int]]:
    """Run ``selon ingest``, SIGKILL it once it has started committing articles."""
    proc = ingest(db, inputs)
    wal = Path(f"{db}.wal")
    deadline = time.monotonic() + 600
    while not (wal.exists() and wal.stat().st_size > WRITING) and proc.poll() is None:
        assert time.monotonic() < deadline, "ingest never started writing"
        time.sleep(0.02)
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    with Store(db):  # opening for writing replays the log (and finishes a killed migration)
        pass
    return snapshot(db)


def test_killed_ingest_leaves_whole_articles_and_a_rerun_completes(tmp_path: Path) -> None:
    inputs = tmp_path / "articles.jsonl"
    corpus(inputs)
    reference = tmp_path / "reference.duckdb"
    done = ingest(reference, inputs)
    assert done.wait(timeout=600) == 0, done.stderr.read() if done.stderr else ""
    full = snapshot(reference)
    assert len(full["articles"]) == 240

    partial: dict[str, dict[str, int]] = {}
    for attempt in range(8):
        db = tmp_path / f"killed{attempt}.duckdb"
        partial = kill_mid_batch(db, inputs, delay=0.25 * attempt)
        for table, counts in partial.items():  # whatever survived is whole
            for article_id, n in counts.items():
                assert full[table].get(article_id) == n, f"{article_id}: {table} half-written"
        for table in RECORD_TABLES:
            for article_id in partial["articles"]:
                assert partial[table].get(article_id) == full[table].get(article_id)
        if 0 < len(partial["articles"]) < 240:
            break
    assert 0 < len(partial["articles"]) < 240, "never killed between two batches"

    again = ingest(db, inputs)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert f"already present {len(partial['articles'])}" in out
    assert snapshot(db) == full
