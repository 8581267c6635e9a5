"""The shared stories-dev set ingested once per session into a fresh store (needs
../shared and its corpus): used by the end-to-end score and the browser test."""

from __future__ import annotations

import gzip
import json
import shutil
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


def filled_gold(gold: Path, corpus: Path, out: Path) -> Path:
    """A copy of a gold set whose ``articles.jsonl`` names articles by ``orangesum_id``
    only, with each article's title and text filled in from the corpus, so that the shared
    scorer (which reads the corpus beside the gold directory) and ``--make-input`` work."""
    rows = [json.loads(line) for line in (gold / "articles.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    need = {int(r["orangesum_id"]) for r in rows}
    found: dict[int, dict[str, str]] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("id") in need:
                found[d["id"]] = d
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(gold / "stories.gold.json", out / "stories.gold.json")
    with (out / "articles.jsonl").open("w", encoding="utf-8") as f:
        for r in rows:
            d = found[int(r["orangesum_id"])]
            r["text"] = d["text"]
            r["title"] = r.get("title") or d.get("title")
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return out


def ingested_set(shared: Path, tmp_path_factory: pytest.TempPathFactory,
                 name: str) -> tuple[Path, Path]:
    """The story gold set ``tests/gold/NAME``, filled from the corpus and ingested into a
    fresh store: (gold directory to score against, store)."""
    corpus = shared / "data" / "orangesum-all.jsonl.gz"
    if not corpus.is_file():
        pytest.skip("needs ../shared/data/orangesum-all.jsonl.gz")
    tmp = tmp_path_factory.mktemp(name)
    gold = filled_gold(Path(__file__).parent / "gold" / name, corpus, tmp / "gold")
    inp, db = tmp / f"{name}.jsonl", tmp / f"{name}.duckdb"
    subprocess.run([sys.executable, str(shared / "eval" / "score_stories.py"), "--make-input",
                    str(gold), str(inp)], check=True, timeout=120)
    subprocess.run([sys.executable, "-m", "selon", "ingest", "--db", str(db), str(inp)],
                   check=True, timeout=900, capture_output=True)
    return gold, db


@pytest.fixture(scope="session")
def tune_stories(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The stories-tune set (tests/gold), ingested into a fresh store."""
    return ingested_set(shared, tmp_path_factory, "stories-tune")


@pytest.fixture(scope="session")
def tune2_stories(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The stories-tune2 set (tests/gold), ingested into a fresh store."""
    return ingested_set(shared, tmp_path_factory, "stories-tune2")


@pytest.fixture(scope="session")
def tune3_stories(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The stories-tune3 set (tests/gold), ingested into a fresh store."""
    return ingested_set(shared, tmp_path_factory, "stories-tune3")
