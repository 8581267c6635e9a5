"""Serve and ingest at once (issue 11, "Live"): the running server is the store's one
writer; clients send it articles (``selon ingest --server``) or it follows sources itself
(``selon serve --follow``). Pages answer meanwhile and show the new articles at once.

The articles are written here, in our own words, from a few templates.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from selon.errors import ConfigError
from selon.ingest import article_from_text
from selon.settings import Settings
from selon.store import Store
from selon.web.ingest_queue import IngestQueue, parse_every

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "live-token-0123456789abcdef"
TOWNS = ["Valmorin", "Castelbrune", "Ostrava-le-Haut", "Pélissac", "Norvenne", "Ardelay",
         "Bremontier", "Sauveterre-Neuve", "Quillan-sur-Orbe", "Tavernac"]
PEOPLE = ["Hélène Marchal", "Bruno Tessier", "Amina Diallo", "Karl Westphal", "Inès Roca",
          "Paul Verhaegen", "Sofia Lindqvist", "Marc Aubanel", "Lucie Farge", "Omar Benali"]
WORKS = ["le pont", "la digue", "l'école", "la gare", "le barrage", "la station d'épuration"]


def article_text(i: int) -> str:
    town, who, work = TOWNS[i % 10], PEOPLE[(i // 10) % 10], WORKS[i % 6]
    return (f"Le conseil de {town} a voté mardi un budget de {100 + i} millions d'euros pour "
            f"{work}, après {i % 7 + 2} mois de débats.\n"
            f"« Nous tiendrons le calendrier annoncé pour {work} de {town} », a déclaré "
            f"{who}, présidente de la commission des travaux numéro {i}.\n"
            f"Selon l'opposition, le chantier numéro {i} coûtera plutôt {150 + 2 * i} "
            f"millions d'euros.\n")


def write_articles(folder: Path, n: int, first: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(first, first + n):
        path = folder / f"{i:04d}.txt"
        path.write_text(article_text(i), "utf-8")
        paths.append(path)
    return paths


def test_every_takes_durations_and_refuses_nonsense() -> None:
    assert parse_every("90s") == 90 and parse_every("15m") == 900
    assert parse_every("1h") == 3600 and parse_every("15") == 900
    for bad in ("soon", "2s", ""):
        with pytest.raises(ConfigError, match="--every"):
            parse_every(bad)


def test_the_queue_stores_articles_and_names_what_failed(tmp_path: Path) -> None:
    db = tmp_path / "q.duckdb"
    Store(db).close()
    cleared = []
    queue = IngestQueue(db, Settings(published="2025-05-06"),
                        on_stored=lambda: cleared.append(1))
    queue.start()
    try:
        articles = [article_from_text(article_text(i), Settings(published="2025-05-06"))
                    for i in range(3)]
        job = queue.submit_articles(articles)
        missing = tmp_path / "nowhere" / "feed.xml"
        other = queue.submit_sources([str(missing)])
        done = queue.wait(job.id, 240)
        failed = queue.wait(other.id, 60)
    finally:
        queue.stop()
    assert done is not None and done.state == "done", done
    assert (done.stored, done.present, done.failures) == (3, 0, [])
    assert failed is not None and failed.state == "done" and failed.stored == 0
    # A failure names the input, but never the server's folders.
    assert failed.failures and failed.failures[0][0] == "feed.xml"
    assert str(tmp_path) not in str(failed.to_json())
    assert cleared, "the answer cache was not told the store changed"
    with Store(db, read_only=True) as store:
        assert store.existing([a.id for a in articles]) == {a.id for a in articles}


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``selon serve`` with a token on a fresh store, as deployed (its own process)."""
    from web_fixtures import selon_serve

    db = tmp_path / "live.duckdb"
    Store(db).close()
    with selon_serve(db, {**os.environ, "SELON_API_TOKEN": TOKEN}) as base:
        yield base, db


async def readers(base: str, until: asyncio.Event,
                  clients: int = 20) -> tuple[Counter[int], list[str]]:
    """``clients`` readers asking for the home page, the article list and a search until
    ``until`` is set; the status of every answer (errors as 0) and the first few wrong
    answers."""
    seen: Counter[int] = Counter()
    why: list[str] = []
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        async def reader(n: int) -> None:
            k = 0
            while not until.is_set():
                path = ("/", f"/api/articles?offset={k % 3}", f"/api/search?q=chantier&n={n}")[
                    k % 3]
                try:
                    r = await http.get(path, headers={"Accept": "text/html"} if path == "/"
                                       else {})
                    seen[r.status_code] += 1
                    if r.status_code != 200 and len(why) < 5:
                        why.append(f"{path}: {r.status_code} {r.text[:300]}")
                except httpx.HTTPError:
                    seen[0] += 1
                k += 1
                await asyncio.sleep(0.05)

        await asyncio.gather(*(reader(n) for n in range(clients)))
    return seen, why


def test_300_articles_sent_to_a_busy_server_are_all_stored_and_shown(
        live: tuple[str, Path], tmp_path: Path) -> None:
    base, db = live
    folder = tmp_path / "batch"
    write_articles(folder, 300)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 not text \xff\xfe" * 50)
    env = {**os.environ, "SELON_API_TOKEN": TOKEN, "PYTHONPATH": str(ROOT / "src")}

    async def run() -> tuple[tuple[Counter[int], list[str]], subprocess.CompletedProcess[str]]:
        stop = asyncio.Event()
        load = asyncio.create_task(readers(base, stop))
        done = await asyncio.to_thread(
            subprocess.run, [sys.executable, "-m", "selon", "ingest", "--server", base,
                             "--published", "2025-05-06", str(folder)],
            env=env, capture_output=True, text=True, timeout=600)
        await asyncio.sleep(1)
        stop.set()
        return await load, done

    (seen, why), done = asyncio.run(run())
    assert done.returncode == 2, done.stderr  # the broken file, and nothing else
    assert "sent 300" in done.stdout and "stored 300" in done.stdout, done.stdout
    assert "broken.txt" in done.stderr
    assert set(seen) == {200}, f"answers during the ingest: {dict(seen)}; {why}"
    assert sum(seen.values()) > 100
    stats = httpx.get(f"{base}/api/stats", timeout=10).json()
    assert stats["articles"] == 300
    # Without a restart: the search and the listing show the new articles.
    hits = httpx.get(f"{base}/api/search", params={"q": "Castelbrune"}, timeout=10).json()
    assert hits["items"], hits
    jobs = httpx.get(f"{base}/api/ingest/jobs", timeout=10).json()
    assert jobs["total"] == 3 and {j["state"] for j in jobs["jobs"]} == {"done"}
    assert sum(j["stored"] for j in jobs["jobs"]) == 300
    page = httpx.get(f"{base}/ingest", headers={"Accept": "text/html"}, timeout=10).text
    assert "Ingest queue" in page and "done" in page
    # A second writer is still refused, with the way to do it instead.
    local = subprocess.run([sys.executable, "-m", "selon", "ingest", "--db", str(db),
                            str(folder / "0000.txt")], env=env, capture_output=True,
                           text=True, timeout=120)
    assert local.returncode != 0 and "--server" in local.stderr


def test_sending_needs_the_token(live: tuple[str, Path]) -> None:
    base, _ = live
    r = httpx.post(f"{base}/api/ingest/batch", json={"articles": [{"text": "Un texte."}]},
                   timeout=10)
    assert r.status_code == 401
    bad = httpx.post(f"{base}/api/ingest/batch", json={"articles": []},
                     headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
    assert bad.status_code == 422
    gone = httpx.get(f"{base}/api/ingest/jobs/99", timeout=10)
    assert gone.status_code == 404 and "99" in gone.json()["error"]["message"]


def test_a_followed_folder_is_ingested_on_schedule(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from selon.web import create_app

    db = tmp_path / "follow.duckdb"
    Store(db).close()
    folder = tmp_path / "feed"
    write_articles(folder, 4)
    app = create_app(db, Settings(published="2025-05-06"), api_token="",
                     follow=[str(folder)], every=3600)
    with TestClient(app) as client:
        deadline = time.monotonic() + 240
        while True:
            jobs = client.get("/api/ingest/jobs").json()
            if jobs["jobs"] and jobs["jobs"][0]["state"] == "done":
                break
            assert time.monotonic() < deadline, jobs
            time.sleep(0.5)
        assert jobs["follow"] == ["feed"] and jobs["every_seconds"] == 3600
        assert jobs["jobs"][0]["stored"] == 4
        assert client.get("/api/stats").json()["articles"] == 4
        # The read API stays closed to writes without a token.
        assert client.post("/api/ingest/batch",
                           json={"articles": [{"text": "x"}]}).status_code == 403
