"""Fixtures for the web tests: a store of the bundled demo articles, built once per session
by the real pipeline and written with the real Store, and apps over it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from selon.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "selon" / "demo"
TOKEN = "test-token-0123456789abcdef"
PARIS = "01_accord-de-paris.txt"

# The browser tests drive Debian's Chromium (never a downloaded browser) with Playwright.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")


@dataclass(frozen=True)
class DemoStore:
    path: Path
    ids: dict[str, str]  # demo file name -> article id

    @property
    def paris(self) -> str:
        """The id of the Paris climate agreement demo (quotes, a relay, boilerplate)."""
        return self.ids[PARIS]


def build_demo_store(path: Path) -> DemoStore:
    """Analyse every demo article and store it (with the search index)."""
    from selon.analyse.pipeline import analyze_one
    from selon.ingest import article_from_path
    from selon.store import Store

    ids: dict[str, str] = {}
    settings = Settings()
    with Store(path) as store:
        for file in sorted(DEMO.glob("0*")):
            analysis = analyze_one(article_from_path(file, settings))
            store.write(analysis)
            ids[file.name] = analysis.article.id
        store.refresh_search_index()
    return DemoStore(path, ids)


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> DemoStore:
    return build_demo_store(tmp_path_factory.mktemp("web") / "demo.duckdb")


@pytest.fixture(scope="session")
def auth() -> dict[str, str]:
    """The Authorization header the write app accepts."""
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium under Playwright, one per test module; test-artifacts/ exists."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def live_server() -> type[LiveServer]:
    """The :class:`LiveServer` class (test modules do not import this module)."""
    return LiveServer


@pytest.fixture(scope="session")
def read_app(demo_store: DemoStore) -> FastAPI:
    """The app as ``selon serve`` starts it without a token: read-only."""
    from selon.web import create_app

    return create_app(demo_store.path, Settings(), api_token="")


@pytest.fixture(scope="session")
def client(read_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(read_app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def write_app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    """An app with a token, over its own (initially empty) store, with a small body limit."""
    from selon.web import create_app

    path = tmp_path_factory.mktemp("web-write") / "write.duckdb"
    return create_app(path, Settings(max_bytes=200_000), api_token=TOKEN)


@pytest.fixture(scope="session")
def write_client(write_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(write_app, raise_server_exceptions=False) as c:
        yield c


@contextmanager
def selon_serve(db: Path, env: dict[str, str]) -> Iterator[str]:
    """``selon serve`` on ``db`` in its own process, as deployed; its base URL once it
    answers. ``env`` is the whole environment of the server (the token or not)."""
    from selon.web.loopback import serving

    with serving(db, {**env, "PYTHONPATH": str(ROOT / "src")}, cli=True, quiet=True,
                 stop_within=30) as base:
        yield base


class LiveServer:
    """uvicorn serving an app on 127.0.0.1 in a thread, for the browser tests."""

    def __init__(self, app: FastAPI) -> None:
        import uvicorn

        from selon.web.loopback import free_port

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
