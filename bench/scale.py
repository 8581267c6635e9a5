"""How the store's query costs grow with its size (a first, partial cut of issue 13's bench).

    PYTHONPATH=src python bench/scale.py --articles 10000 [--json] [--db PATH]

Builds (or reuses) a store of N synthetic analyses (``selon.store.synthetic``: realistic
sizes, no spaCy), then measures, p95 over 20 runs in this process: the article listing (the
home page's query), an entity page of the top entity, a claims query by source, a phrase
search and a boolean search; the time to write and index one more batch of 500 articles;
and the start of ``selon claims`` as a subprocess. Not yet done: real analyses of
orangesum under new ids, the HTTP pages, and ingest (analysis included) of 1,000 articles.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from selon.store import Store, queries, reads
from selon.store.synthetic import synthetic

RUNS = 20
BATCH = 500


def p95_ms(run: Callable[[], Any]) -> float:
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        run()
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.quantiles(times, n=20)[-1], 1)


def build(store: Store, n: int) -> None:
    have = store.scalar("SELECT count(*) FROM articles") or 0
    for start in range(have, n, BATCH):
        store.write_many([synthetic(i) for i in range(start, min(n, start + BATCH))])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    path = args.db or Path(f"/tmp/selon-scale-{args.articles}.duckdb")
    out: dict[str, Any] = {"articles": args.articles}
    with Store(path) as store:
        t = time.perf_counter()
        build(store, args.articles)
        out["build_s"] = round(time.perf_counter() - t, 1)
        top = queries.entities(store, limit=1)[0]["key"]
        source = queries.entities(store, order="quoted", limit=1)[0]["name"]
        out["articles_p95_ms"] = p95_ms(lambda: reads.articles(store, limit=20))
        out["entity_p95_ms"] = p95_ms(lambda: reads.entity(store, top))
        out["claims_p95_ms"] = p95_ms(lambda: queries.claims(store, source=source, limit=20))
        out["phrase_p95_ms"] = p95_ms(lambda: queries.search(store, '"les soldats ont été"'))
        out["boolean_p95_ms"] = p95_ms(
            lambda: queries.search(store, "(koursk OR kiev) AND soldats -cessez"))
        base = 10_000_000 + (store.scalar("SELECT count(*) FROM articles") or 0)
        t = time.perf_counter()
        store.write_many([synthetic(base + i) for i in range(BATCH)])
        out["write_batch_500_s"] = round(time.perf_counter() - t, 2)
        out["index_current"] = store.search_index_current
    starts = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "selon", "claims", "--db", str(path),
                        "--source", source, "--limit", "5"], capture_output=True, check=True)
        starts.append((time.perf_counter() - t) * 1000)
    out["cli_claims_ms"] = round(min(starts), 1)
    sys.stdout.write(json.dumps(out) + "\n" if args.json else
                     "\n".join(f"{k:>20}  {v}" for k, v in out.items()) + "\n")


if __name__ == "__main__":
    main()
