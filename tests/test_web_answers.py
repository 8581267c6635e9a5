"""Answers shared by the read-only server's processes and kept across restarts
(selon.web.answers): a second app on the same store files answers from them, and an app
started after the store was written never does."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi.testclient import TestClient

from selon.settings import Settings
from selon.store import Store
from selon.store.searchindex import index_path, statement_index_path
from selon.web import answers, create_app

if TYPE_CHECKING:
    from web_fixtures import DemoStore


def _copy(demo: DemoStore, to: Path) -> Path:
    path = to / "copy.duckdb"
    shutil.copyfile(demo.path, path)
    for folder in (index_path, statement_index_path):
        if folder(demo.path).is_dir():
            shutil.copytree(folder(demo.path), folder(path))
    return path


def _get(path: Path, url: str) -> tuple[int, int, int]:
    """(articles in /api/stats or HTTP status, cache hits, cache misses) of one request
    through a new read-only app over ``path``."""
    app = create_app(path, Settings(), api_token="")
    with TestClient(app) as c:
        r = c.get(url)
        assert r.status_code == 200, r.text
        cache = app.state.selon.cache
        value = r.json()["articles"] if url.startswith("/api/stats") else r.status_code
        return value, cache.hits, cache.misses


def test_a_second_read_only_app_answers_from_the_shared_answers(
        demo_store: DemoStore, tmp_path: Path) -> None:
    path = _copy(demo_store, tmp_path)
    n, hits, misses = _get(path, "/api/stats")
    assert (hits, misses) == (0, 1)
    assert answers.answers_path(path).is_file()
    again, hits, misses = _get(path, "/api/stats")  # another process, or a restart
    assert (again, hits, misses) == (n, 1, 0)
    other = create_app(path, Settings(max_bytes=1000), api_token="")  # other settings
    with TestClient(other) as c:
        assert c.get("/api/stats").status_code == 200
        assert (other.state.selon.cache.hits, other.state.selon.cache.misses) == (0, 1)


def test_an_article_stored_after_a_restart_shows_up(demo_store: DemoStore,
                                                     tmp_path: Path) -> None:
    path = _copy(demo_store, tmp_path)
    n, _, _ = _get(path, "/api/stats")
    page = f"/api/articles/{demo_store.paris}"
    assert _get(path, page)[0] == 200
    with Store(path) as store:  # a batch written while no server runs (selon ingest)
        analysis = store.load_analyses([demo_store.paris])[0]
        analysis.article.id = "f" * 64
        analysis.article.text += " Une phrase de plus."
        assert store.write(analysis)
    after, hits, misses = _get(path, "/api/stats")
    assert (after, hits, misses) == (n + 1, 0, 1)
    # nothing answered from before the write: the answer and the article's record (which
    # its page shares) both computed anew
    assert _get(path, page)[1:] == (0, 2)


def test_the_same_app_run_twice_shares_again_and_stops_at_once(
        demo_store: DemoStore, tmp_path: Path) -> None:
    """A second run of one app (a test client entered again) opens the shared answers
    anew: more answers than the writer's queue holds, then a stop, never wait for ever."""
    path = _copy(demo_store, tmp_path)
    app = create_app(path, Settings(), api_token="")
    after_runs = []
    for run in range(2):
        with TestClient(app) as c:
            shared = app.state.selon.cache.shared
            assert shared is not None
            for i in range(answers.PENDING + 40):  # each a new answer to share
                url = f"/api/articles?limit=1&offset={i % 3}&n={run}-{i}"
                assert c.get(url).status_code == 200
        after_runs.append(app.state.selon.cache.shared)
    assert after_runs == [None, None]  # closed with each run
    with sqlite3.connect(answers.answers_path(path)) as con:
        assert con.execute("SELECT count(*) FROM answers").fetchone()[0] > 0


def test_shared_answers_close_twice_and_drop_what_comes_after(tmp_path: Path) -> None:
    shared = answers.SharedAnswers(tmp_path / "a.answers", "g")
    shared.close()
    shared.close()
    for i in range(answers.PENDING + 1):  # a queue nobody reads any more: dropped
        shared.put(f"k{i}", 200, [], b"x")
    assert shared.get("k0") is None
