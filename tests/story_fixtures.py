"""The shared stories-dev set ingested once per session into a fresh store (needs
../shared and its corpus): used by the end-to-end score and the browser test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def dev_stories_db(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (shared / "data" / "orangesum-all.jsonl.gz").is_file():
        pytest.skip("needs ../shared/data/orangesum-all.jsonl.gz")
    tmp = tmp_path_factory.mktemp("stories-dev")
    inp, db = tmp / "dev.jsonl", tmp / "dev.duckdb"
    subprocess.run([sys.executable, str(shared / "eval" / "score_stories.py"), "--make-input",
                    str(shared / "gold" / "stories-dev"), str(inp)], check=True, timeout=120)
    subprocess.run([sys.executable, "-m", "selon", "ingest", "--db", str(db), str(inp)],
                   check=True, timeout=900, capture_output=True)
    return db
