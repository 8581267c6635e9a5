"""A story build killed with SIGKILL between (and inside) its batches, then run again.

The store must stay consistent after the kill (every placed article in exactly one story
that has its summary row, every mention pointing at a statement of its story), and the
rerun must finish the build with the same stories as an uninterrupted build.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from selon.reconcile import build
from selon.store import Store
from selon.store.standin import standin
from test_stories import event_text, other_text

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

BATCH = 60
BUILD = (
    "import sys\n"
    "from selon.reconcile import build\n"
    "from selon.store import Store\n"
    "with Store(sys.argv[1]) as s:\n"
    f"    build.update(s, batch={BATCH}, on_batch=lambda m: print(m.batches, flush=True))\n"
)


def fill(db: Path) -> int:
    items = []
    start = date(2024, 1, 1)
    for e in range(40):
        for n in range(8):
            title, text = event_text(e, n)
            items.append(standin(text, published=start + timedelta(days=2 * e + n % 3),
                                 title=title, url=f"https://x.example/{e}/{n}"))
    for i in range(60):
        title, text = other_text(i)
        items.append(standin(text, published=start + timedelta(days=i), title=title,
                             url=f"https://x.example/o/{i}"))
    with Store(db) as store:
        return len(store.write_many(items))


def check_consistent(db: Path) -> dict[str, frozenset[str]]:
    with Store(db, read_only=True) as s:
        dup = s.scalar("SELECT count(*) FROM (SELECT article_id FROM story_articles "
                       "GROUP BY article_id HAVING count(*) > 1)")
        assert dup == 0, "an article is in two stories"
        members = {r["story_id"]: r["n"] for r in s.fetch(
            "SELECT story_id, count(*) AS n FROM story_articles GROUP BY story_id")}
        summaries = {r["story_id"]: r["articles"] for r in s.fetch(
            "SELECT story_id, articles FROM stories")}
        assert summaries == members, "story summaries disagree with their articles"
        orphans = s.scalar(
            "SELECT count(*) FROM statement_mentions m WHERE NOT EXISTS (SELECT 1 FROM "
            "story_statements t WHERE t.story_id = m.story_id AND t.statement_id = m.statement_id)")
        assert orphans == 0, "mentions of a statement that is not stored"
        unplaced = s.scalar("SELECT count(*) FROM story_statements t WHERE NOT EXISTS "
                            "(SELECT 1 FROM stories s WHERE s.story_id = t.story_id)")
        assert unplaced == 0, "statements of a story that is not stored"
        groups: dict[str, set[str]] = {}
        for r in s.fetch("SELECT story_id, article_id FROM story_articles"):
            groups.setdefault(r["story_id"], set()).add(r["article_id"])
        return {sid: frozenset(g) for sid, g in groups.items()}


def run_and_kill(db: Path, after_batches: int, delay: float) -> None:
    proc = subprocess.Popen([sys.executable, "-c", BUILD, str(db)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    deadline = time.monotonic() + 300
    seen = 0
    while seen < after_batches:
        line = proc.stdout.readline()
        assert line, f"the build ended before {after_batches} batches: {proc.stderr.read()}"
        seen = int(line)
        assert time.monotonic() < deadline
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)


@pytest.mark.parametrize("after_batches, delay", [(1, 0.3)])
def test_killed_story_build_is_consistent_and_a_rerun_finishes_it(
        tmp_path: Path, after_batches: int, delay: float) -> None:
    db, ref = tmp_path / "s.duckdb", tmp_path / "ref.duckdb"
    n = fill(db)
    shutil.copy(db, ref)
    with Store(ref) as store:
        build.update(store, batch=BATCH)
    expected = check_consistent(ref)

    run_and_kill(db, after_batches, delay)
    partial = check_consistent(db)
    placed = sum(len(g) for g in partial.values())
    assert BATCH * after_batches <= placed < n, "the kill came after the end of the build"

    with Store(db) as store:
        summary = build.update(store, batch=BATCH)
    assert summary.placed == n - placed
    assert sorted(check_consistent(db).values(), key=sorted) == \
        sorted(expected.values(), key=sorted)
