"""Quality floors, scored by the shared scorer exactly as a person would run it.

Two references: the shared seed article (its gold comes with ../shared) and our own
demo articles, whose gold in tests/gold was written by hand without looking at the
analyser's output (held out: the analyser is never tuned on it). Floors are measured
figures, only ever raised.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from selon.analyse import pipeline
from selon.ingest import article_from_path
from selon.output import to_json
from selon.settings import Settings

GOLD = Path(__file__).resolve().parent / "gold"

SEED_FLOORS = {
    "body_f1": 1.0,
    "boilerplate_removed": 1.0,
    "entity_exact_f1": 1.0,
    "entity_cluster_f1": 1.0,
    "attr_f1": 1.0,
    "attr_full_f1": 1.0,
    "qty_value_f1": 1.0,
    "time_value_f1": 1.0,
    "conflict_f1": 1.0,
}

DEMO_FLOORS = {
    "body_f1": 1.0,
    "boilerplate_removed": 1.0,
    "entity_exact_f1": 0.87,
    "entity_cluster_f1": 1.0,
    "attr_f1": 0.88,
    "attr_full_f1": 0.88,
    "qty_value_f1": 1.0,
    "time_value_f1": 0.80,
}


def predict(text_file: Path, out: Path, published: str | None = None) -> Path:
    article = article_from_path(text_file, Settings(published=published))
    out.write_text(json.dumps(to_json(pipeline.analyze_one(article)), ensure_ascii=False),
                   encoding="utf-8")
    return out


def score(scorer: Path, pairs: list[tuple[Path, Path]], floors: dict[str, float]) -> None:
    args = [sys.executable, str(scorer)]
    for gold, pred in pairs:
        args += [str(gold), str(pred)]
    for name, floor in floors.items():
        args += ["--min", f"{name}={floor}"]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_seed_meets_quality_floors(shared: Path, tmp_path: Path) -> None:
    pred = predict(shared / "seed" / "000_6ea505d4c5c787ac.txt", tmp_path / "seed.json",
                   published="2025-06-18")
    score(shared / "eval" / "score.py", [(shared / "gold" / "seed.gold.json", pred)],
          SEED_FLOORS)


def test_held_out_demo_gold_meets_quality_floors(shared: Path, tmp_path: Path) -> None:
    pairs = []
    for gold in sorted(GOLD.glob("demo_*.gold.json")):
        text_file = (gold.parent / json.loads(gold.read_text("utf-8"))["doc"]["text_file"])
        pairs.append((gold, predict(text_file.resolve(), tmp_path / f"{gold.stem}.json")))
    assert len(pairs) == 3
    score(shared / "eval" / "score.py", pairs, DEMO_FLOORS)
