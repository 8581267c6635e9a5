"""Store integrity across failures (issue 12, items 7-8): near-copy links only point at
stored articles, and the search index is checked, and rebuilt, on every ingest run."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from selon.batch import ingest
from selon.store import Store, WriteItem, reads
from selon.store.queries import search
from selon.store.searchindex import index_path
from selon.store.synthetic import synthetic

MISSING = "0123456789abcdef"  # an original that was never stored


def duplicate_links(store: Store) -> dict[str, str | None]:
    return {r["id"]: r["duplicate_of"] for r in store.fetch(
        "SELECT id, duplicate_of FROM articles")}


def test_copies_of_an_original_never_stored_get_a_stored_original(tmp_path: Path) -> None:
    copies = [synthetic(i) for i in range(3)]
    with Store(tmp_path / "s.duckdb") as store:
        store.write_many([WriteItem(c, MISSING) for c in copies])
        links = duplicate_links(store)
        assert MISSING not in links.values()
        heirs = [i for i, d in links.items() if d is None]
        assert len(heirs) == 1  # one of them stands for the story
        assert all(d == heirs[0] for i, d in links.items() if i != heirs[0])
        originals = reads.articles(store, originals_only=True, limit=10)
        assert [a["id"] for a in originals] == heirs


def test_a_rerun_with_nothing_new_repairs_old_dangling_links(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        original, copy = synthetic(1), synthetic(2)
        store.write_many([WriteItem(original), WriteItem(copy, original.article.id)])
        # What a store written before the fix holds: the original's row lost, the link kept.
        store._con.execute("DELETE FROM articles WHERE id = ?", [original.article.id])
        assert duplicate_links(store) == {copy.article.id: original.article.id}
        ingest([], store)
        assert duplicate_links(store) == {copy.article.id: None}


KILL_DURING_BUILD = """
import sys
from selon.store import Store
store = Store(sys.argv[1])
print("building", flush=True)
store.refresh_search_index()
print("built", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_kill_during_the_index_build_is_repaired_by_the_next_run(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.write_many([synthetic(i) for i in range(50)])
        store.refresh_search_index()
        late = [synthetic(i) for i in range(50, 600)]
        store.write_many(late)
    # What a run killed between the store's commit and the index's leaves, at its worst:
    # the store holds every article, the index none; the rebuild is then killed too.
    shutil.rmtree(index_path(path))
    proc = subprocess.Popen([sys.executable, "-c", KILL_DURING_BUILD, str(path)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "building"
    time.sleep(0.15)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with Store(path) as store:
        ingest([], store)  # a rerun with nothing new
        assert store.search_index_current
        hits = search(store, "soldats", limit=1000) + search(store, "soldats", limit=1000,
                                                            offset=1000)
        assert len(hits) == 600  # every article has the word, the 550 late ones too
        assert late[-1].article.id in {h["id"] for h in hits}
        assert hits[0]["score"] is not None  # found by the index, not the fallback
