#!/usr/bin/env python
"""Does the confidence mean something? Source accuracy per ``how`` on the gold sets.

Analyses every article of the attribution gold sets (``tests/gold/orangesum/*/`` and the
seed gold), matches each predicted statement to a gold one as the scorer does (content
spans overlapping by at least half of the longer one), and counts, for every ``how`` (how
the source was found), the matched statements and those whose source is right by the
scorer's own name test (``same_name`` of ``../shared/eval/score.py``, any gold reading).
A confidence scale earns its order when a higher ``how`` is right more often.

    .venv/bin/python bench/trust.py
    .venv/bin/python bench/trust.py --json

Exit status 0; 2 when ../shared (the texts, the scorer) is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD_SETS = sorted((ROOT / "tests" / "gold" / "orangesum").glob("*/"))


def _scorer() -> Any:
    path = SHARED / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("selon_scorer", path)
    if spec is None or spec.loader is None or not path.is_file():
        print(f"bench/trust.py: no scorer at {path}", file=sys.stderr)
        sys.exit(2)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="Print JSON.")
    args = parser.parse_args()
    score = _scorer()
    from selon.analyse.attributions.trust import CONFIDENCE
    from selon.analyse.pipeline import analyze_one
    from selon.ingest import article_from_text
    from selon.settings import Settings

    golds = [p for d in GOLD_SETS for p in sorted(d.glob("*.gold.json"))]
    golds.append(SHARED / "gold" / "seed.gold.json")
    matched: Counter[str] = Counter()
    right: Counter[str] = Counter()
    unmatched: Counter[str] = Counter()
    articles = 0
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = (gold_path.parent / gold["doc"]["text_file"]).resolve()
        if not text_path.is_file():
            continue
        text = text_path.read_text(encoding="utf-8")
        published = gold["doc"].get("published")
        analysis = analyze_one(article_from_text(text, Settings(published=published)))
        articles += 1
        gold_a = [(score.anchor(text, a["content"], a.get("occurrence", 1)), a)
                  for a in gold.get("attributions", [])]
        for at in analysis.attributions:
            how = at.how or "none"
            best = None
            for span, ga in gold_a:
                ov = score.overlap(span, at.content)
                longer = max(span[1] - span[0], at.content[1] - at.content[0])
                if ov * 2 >= longer and (best is None or ov > best[0]):
                    best = (ov, ga)
            if best is None:
                unmatched[how] += 1
                continue
            matched[how] += 1
            ga = best[1]
            readings = [ga["source"]] + [o["source"] for o in ga.get("alternatives", [])]
            names = [at.source.text] if at.source else []
            entity = next((e for e in analysis.entities
                           if at.source and e.id == at.source.entity), None)
            if entity is not None:
                names.append(entity.name)
            if any(score.same_name(g, n) for r in readings for g in r for n in names):
                right[how] += 1
    rows = []
    for how in sorted(set(matched) | set(unmatched), key=lambda h: -CONFIDENCE.get(h, 0)):
        m = matched[how]
        rows.append({"how": how, "confidence": CONFIDENCE.get(how), "matched": m,
                     "source_right": right[how],
                     "source_acc": round(right[how] / m, 3) if m else None,
                     "not_in_gold": unmatched[how]})
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    if args.json:
        print(json.dumps({"articles": articles, "rows": rows, "load": load}, indent=1))
        return
    print(f"{articles} gold articles (load average {load:.1f})")
    print(f"{'how':<15}{'conf.':>6}{'matched':>9}{'source right':>14}{'acc.':>7}"
          f"{'not in gold':>13}")
    for r in rows:
        acc = f"{r['source_acc']:.2f}" if r["source_acc"] is not None else "–"
        print(f"{r['how']:<15}{r['confidence'] or 0:>6.2f}{r['matched']:>9}"
              f"{r['source_right']:>14}{acc:>7}{r['not_in_gold']:>13}")


if __name__ == "__main__":
    main()
