"""Shared fixtures: the ../shared folder (optional) and the French pipeline (loaded once)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("web_fixtures", "story_fixtures")  # the demo store, the web apps, the live server

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEMO = ROOT / "src" / "selon" / "demo"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seed").is_dir():
        pytest.skip(f"needs the shared reference data at {SHARED} (absent on this machine)")
    return SHARED


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from selon.analyse import pipeline

    return pipeline.load("fr")
