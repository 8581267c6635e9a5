"""Crash safety: a writer killed with SIGKILL mid-batch leaves only whole articles.

A subprocess writes synthetic articles (realistic size, no spaCy) in batches and prints
each batch's ids once committed; the test kills it with SIGKILL at a random moment, opens
the store and checks every article present has all its rows, no row is orphaned and every
reported batch survived; then reruns the writer to completion and checks the batch is
complete with no duplicates.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from selon.store import Store
from selon.store.columns import RECORD_TABLES
from selon.store.synthetic import expected_counts, synthetic

N = 400
BATCH = 20

WRITER = textwrap.dedent("""
    import sys
    from selon.store import Store
    from selon.store.synthetic import synthetic

    path, n, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with Store(path) as store:
        for start in range(0, n, batch):
            ids = store.write_many([synthetic(i) for i in range(start, min(n, start + batch))])
            print(" ".join(ids) if ids else "-", flush=True)
    print("done", flush=True)
""")

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


@pytest.fixture(scope="module")
def expected() -> dict[str, dict[str, int]]:
    return {an.article.id: expected_counts(an) for an in (synthetic(i) for i in range(N))}


def start_writer(path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(N), str(BATCH)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def check_integrity(path: Path, expected: dict[str, dict[str, int]]) -> set[str]:
    """Assert only whole, expected articles are stored; return their ids."""
    with Store(path) as store:
        ids = [r["id"] for r in store.fetch("SELECT id FROM articles")]
        assert len(ids) == len(set(ids)), "an article was stored twice"
        assert set(ids) <= set(expected), "an unexpected article id was stored"
        for table in RECORD_TABLES:
            orphans = store.scalar(
                f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
            assert orphans == 0, f"{orphans} orphan rows in {table}"
        for table in next(iter(expected.values())):
            got = {r["article_id"]: r["n"] for r in store.fetch(
                f"SELECT article_id, count(*) AS n FROM {table} GROUP BY article_id")}
            for aid in ids:
                assert got.get(aid, 0) == expected[aid][table], f"{aid}: {table} incomplete"
        return set(ids)


def test_killed_writer_leaves_whole_articles_and_a_rerun_completes(
    tmp_path: Path, expected: dict[str, dict[str, int]]
) -> None:
    path = tmp_path / "kill.duckdb"
    rnd = random.Random(4)
    committed: set[str] = set()
    for round_ in range(3):
        proc = start_writer(path)
        assert proc.stdout is not None
        batches = 0
        while batches < 2:  # let it commit two batches (more on later rounds: it skips)
            line = proc.stdout.readline()
            assert line, f"writer ended early: {proc.stderr.read() if proc.stderr else ''}"
            if line.strip() == "done":
                break
            committed.update(x for x in line.split() if x != "-")
            batches += 1
        time.sleep(rnd.uniform(0.0, 0.15))  # land somewhere inside a later batch
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL, f"round {round_}: not killed"
        stored = check_integrity(path, expected)
        assert committed <= stored, "a batch reported as committed was lost"
        committed = stored
    assert len(committed) < N, "the writer finished before it was killed; raise N"

    proc = start_writer(path)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert out.strip().endswith("done")
    assert check_integrity(path, expected) == set(expected)

    # running the whole batch again adds nothing
    proc = start_writer(path)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert set(out.split()) == {"-", "done"}
    with Store(path) as store:
        assert store.scalar("SELECT count(*) FROM articles") == N
        assert store.scalar("SELECT count(*) FROM attributions") == sum(
            c["attributions"] for c in expected.values())
