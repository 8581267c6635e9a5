#!/usr/bin/env python
"""Latency of the query filters and totals the API lists use, on a store of synthetic
articles (no spaCy): outlet by word beginnings, claims with their total, articles with
their total, entities found by name.

    .venv/bin/python bench/filters.py                  # 10,000 articles, 10 statements each
    .venv/bin/python bench/filters.py --n 30000 --keep /tmp/filters.duckdb
    .venv/bin/python bench/filters.py --db /tmp/big.duckdb   # an existing store, as it is

Prints the median and p95 of ``--runs`` runs of each query (target p95 < 200 ms).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT / "src") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "src"))

from selon.store import entityreads, queries, reads, totals  # noqa: E402
from selon.store.db import Store  # noqa: E402
from selon.store.synthetic import synthetic  # noqa: E402


def build(path: Path, n: int) -> None:
    with Store(path) as s:
        batch = []
        for i in range(n):
            batch.append(synthetic(i, seed=7))
            if len(batch) == 500:
                s.write_many(batch)
                batch.clear()
        if batch:
            s.write_many(batch)
        s.refresh_search_index()


def timed(fn: Callable[[], Any], runs: int) -> dict[str, float]:
    fn()  # warm
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--db", type=Path, help="Measure this store instead of building one.")
    ap.add_argument("--keep", type=Path, help="Build the store here and keep it.")
    ap.add_argument("--outlet", default="le fig", help="The outlet query (default 'le fig').")
    ap.add_argument("--name", default="choï", help="The entity name query (default 'choï').")
    args = ap.parse_args()
    if args.db is None:
        path = args.keep or Path(tempfile.mkdtemp()) / "filters.duckdb"
        started = time.perf_counter()
        build(path, args.n)
        print(f"built {args.n} synthetic articles in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)
    else:
        path = args.db
    out: dict[str, Any] = {"store": str(path)}
    with Store(path, read_only=True) as s:
        out["articles"] = s.scalar("SELECT count(*) FROM articles")
        out["statements"] = s.scalar("SELECT count(*) FROM attributions")
        o, name = args.outlet, args.name
        cases: dict[str, Callable[[], Any]] = {
            "claims outlet (page of 50)": lambda: queries.claims(s, outlet=o),
            "claims outlet total": lambda: totals.claims(s, outlet=o),
            "claims total (no filter)": lambda: totals.claims(s),
            "claims stance+outlet total": lambda: totals.claims(s, stance="reject", outlet=o),
            "articles outlet (page of 20)": lambda: reads.articles(s, outlet=o),
            "articles outlet total": lambda: totals.articles(s, outlet=o),
            "entities by name (page of 50)": lambda: entityreads.listing(s, name=name),
            "entities by name total": lambda: entityreads.count(s, name=name),
            "entities page (50, spellings and types)": lambda: entityreads.listing(s),
        }
        out["rows"] = {"claims outlet total": totals.claims(s, outlet=o),
                       "entities by name total": entityreads.count(s, name=name)}
        out["latency"] = {k: timed(fn, args.runs) for k, fn in cases.items()}
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
