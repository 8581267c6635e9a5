#!/usr/bin/env python
"""Where the analysis time goes: seconds and share of every pipeline component.

Runs selon's full pipeline over the first N articles of a gzip JSONL corpus, batch by batch,
one component at a time over the batch (as ``nlp.pipe`` does), and times each (CPU time of
the process, so that other work on a shared machine counts little): the model's
own components (tok2vec, parser, ner, ...), selon's (lines, entities, quantities, times,
attributions), then the records and conflicts (``to_analysis``) and the ``selon/1`` JSON
(``to_json``). Prints a table of seconds and shares; ``--json`` prints one object.
``--profile FILE`` also writes a cProfile of the whole run (read it with ``pstats``).

    PYTHONPATH=src .venv/bin/python bench/components.py --n 200
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = (REPO_ROOT / ".." / "shared" / "data" / "orangesum-all.jsonl.gz").resolve()
if str(REPO_ROOT / "src") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "src"))


def read(corpus: Path, n: int) -> list[Any]:
    from selon.model import Article

    out = []
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            if len(out) >= n:
                break
            item = json.loads(line)
            text = item.get("text")
            if not isinstance(text, str) or not text.strip():
                continue
            published = item.get("published")
            day = date.fromisoformat(published[:10]) if published else None
            out.append(Article(id=str(item["id"]), text=text, published=day))
    return out


def clock() -> float:
    """CPU seconds of this process: on a shared machine, wall time also counts the other
    processes' turns."""
    return time.process_time()


def run(articles: list[Any], batch_size: int) -> dict[str, float]:
    from selon.analyse import pipeline
    from selon.output import to_json

    nlp = pipeline.load("fr")
    spent: dict[str, float] = defaultdict(float)
    for at in range(0, len(articles), batch_size):
        batch = [a for a in articles[at:at + batch_size] if len(a.text) <= pipeline.PIECE_CHARS]
        started = clock()
        docs = [pipeline.make_doc(nlp, a) for a in batch]
        spent["make_doc"] += clock() - started
        for name, proc in nlp.pipeline:
            started = clock()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=batch_size))
            else:
                docs = [proc(doc) for doc in docs]
            spent[name] += clock() - started
        started = clock()
        analyses = [pipeline.to_analysis(doc, a) for doc, a in zip(docs, batch, strict=True)]
        spent["to_analysis (records, conflicts)"] += clock() - started
        started = clock()
        for analysis in analyses:
            json.dumps(to_json(analysis), ensure_ascii=False)
        spent["to_json"] += clock() - started
    return dict(spent)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200, help="articles (200)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--profile", type=Path, help="write a cProfile of the run here")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    articles = read(args.corpus, args.n)
    from selon.analyse import pipeline

    pipeline.load("fr")
    run(articles[: args.batch_size], args.batch_size)  # warm up
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    spent = run(articles, args.batch_size)
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    total = sum(spent.values())
    if args.json:
        print(json.dumps({"n_docs": len(articles), "total_s": total, "seconds": spent,
                          "shares": {k: v / total for k, v in spent.items()}}))
        return 0
    print(f"{len(articles)} articles, {total:.1f} CPU seconds in all")
    for name, seconds in spent.items():
        print(f"  {name:34s} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
