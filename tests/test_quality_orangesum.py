"""Attribution quality on real wire copy: 40 AFP articles from Orange Actu, hand-annotated
by readers who never saw selon's output (tests/gold/orangesum/README.md).

The rules may be tuned on `tune/`; `report/` is held out. Both sets' floors are measured
figures, only ever raised.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selon.analyse import pipeline
from selon.ingest import article_from_path
from selon.output import to_json
from selon.settings import Settings
from test_quality_seed import score

GOLD = Path(__file__).resolve().parent / "gold" / "orangesum"

FLOORS = {
    "tune": {"attr_p": 0.95, "attr_f1": 0.85, "attr_full_f1": 0.75, "attr_kind_acc": 0.97},
    "report": {"attr_p": 0.83, "attr_f1": 0.68, "attr_full_f1": 0.62, "attr_kind_acc": 0.93},
}


@pytest.mark.parametrize("part", ["tune", "report"])
def test_real_wire_copy_meets_attribution_floors(shared: Path, tmp_path: Path,
                                                 part: str) -> None:
    golds = sorted((GOLD / part).glob("*.gold.json"))
    assert len(golds) == 20
    articles = []
    for gold in golds:
        doc = json.loads(gold.read_text("utf-8"))["doc"]
        articles.append(article_from_path((gold.parent / doc["text_file"]).resolve(),
                                          Settings(published=doc["published"],
                                                   outlet=doc["outlet"])))
    pairs = []
    for gold, analysis in zip(golds, pipeline.analyze(articles), strict=True):
        pred = tmp_path / gold.name.replace(".gold.json", ".pred.json")
        pred.write_text(json.dumps(to_json(analysis), ensure_ascii=False), "utf-8")
        pairs.append((gold, pred))
    score(shared / "eval" / "score.py", pairs, FLOORS[part])
