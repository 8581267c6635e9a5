"""Resolve stage at scale: resolution cost per ingest batch, screening time per comparison.

Analysing 36k articles with spaCy takes hours on a laptop, so this bench builds the
entities directly: for each article of the corpus (gzip JSONL with ``id``, ``text``), the
capitalised word runs of its text (« Sergueï Choïgou », « Kim Jong Un ») become PER
entities (at most ``--per-article``), stored as selon analyses. Then:

1. resolution: articles are resolved in batches of ``--batch`` (as ingest does, one
   resolver kept across batches), timing each batch;
2. screening: the lists (UN XML, OFAC CSV) are loaded and every canonical entity is
   screened, counting the name comparisons blocking leaves (and, apart, the time spent
   parsing the lists' names);
3. reading: the entity listing (one row per canonical entity) and one entity page.

Prints one JSON object (``--json``) or a short report. yente's published figure is about
43 µs per comparison.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# this folder holds a requests.py of its own: keep it behind the installed packages
# (followthemoney imports the requests package)
sys.path[:] = ([str(ROOT / "src")]
               + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
               + [str(ROOT / "bench")])

from _screening import NEEDED, compare_pairs, screening_pairs  # noqa: E402
from selon.model import Analysis, Article, Entity  # noqa: E402
from selon.resolve.canonical import Resolver  # noqa: E402
from selon.resolve.screen import ListIndex, screen  # noqa: E402
from selon.resolve.watchlists import read_list  # noqa: E402
from selon.store import entityreads  # noqa: E402
from selon.store import resolution as rs  # noqa: E402
from selon.store.db import Store  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
_NAME = re.compile(r"\b[A-Z][a-zà-ÿ]+(?:[ -][A-Z][a-zà-ÿ]+){1,2}\b")


def analyses(corpus: Path, limit: int, per_article: int) -> list[Analysis]:
    out = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            if len(out) >= limit:
                break
            row = json.loads(line)
            text = row.get("text") or ""
            seen: dict[str, Entity] = {}
            for m in _NAME.finditer(text):
                name = m.group(0)
                if name not in seen and len(seen) < per_article:
                    seen[name] = Entity(f"e{len(seen)}", name, "PER", [m.span()])
            out.append(Analysis(Article(id=f"b{row['id']}", text=text),
                                entities=list(seen.values())))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "orangesum-all.jsonl.gz")
    ap.add_argument("--articles", type=int, default=36152)
    ap.add_argument("--per-article", type=int, default=12)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lists", nargs="*", type=Path,
                    default=[SHARED / "sanctions" / "UN_consolidated.xml",
                             SHARED / "sanctions" / "ofac_sdn.csv"])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    items = analyses(args.corpus, args.articles, args.per_article)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        store.write_many(items)
        resolver = Resolver(store)
        batch_seconds = []
        batch_cpu = []
        resolved = comparisons = 0
        ids = [a.article.id for a in items]
        started = time.perf_counter()
        cpu_started = time.process_time()
        for i in range(0, len(ids), args.batch):
            t, c = time.perf_counter(), time.process_time()
            done = resolver.run(ids[i:i + args.batch])
            resolved += done.resolved
            comparisons += done.comparisons
            batch_seconds.append(time.perf_counter() - t)
            batch_cpu.append(time.process_time() - c)
        resolve_total = time.perf_counter() - started
        resolve_cpu = time.process_time() - cpu_started
        canonicals = store.scalar("SELECT count(*) FROM canonical")
        for path in args.lists:
            data = read_list(path, max_bytes=500 * 2**20)
            rows = [{"list": path.stem, **vars(e)} for e in data.entries]
            rs.add_watchlist(store, path.stem, data.format, str(path), rows)
        t, c = time.perf_counter(), time.process_time()
        screened = screen(store)
        screen_seconds = time.perf_counter() - t
        screen_cpu = time.process_time() - c
        # the part of screening spent parsing the lists' names and indexing them (once
        # per process: ingest keeps the index across batches)
        t, c = time.perf_counter(), time.process_time()
        ListIndex(rs.list_entries(store, [p.stem for p in args.lists]))
        index_seconds = time.perf_counter() - t
        index_cpu = time.process_time() - c
        # the comparisons alone: every target's names against its blocked candidates (the
        # blocking look-ups timed apart), as screening's first pass calls the matcher
        # (scores below what it keeps may stop short)
        index = ListIndex(rs.list_entries(store, [p.stem for p in args.lists]))
        targets = rs.screening_targets(store, None)
        c = time.process_time()
        pairs = screening_pairs(index, ((name, target["type"]) for target in targets
                                        for name in target["names"]))
        blocking_cpu = time.process_time() - c
        c = time.process_time()
        compare_pairs(pairs, NEEDED)
        blocking_and_compare_cpu = blocking_cpu + time.process_time() - c
        pure = len(pairs)
        t = time.perf_counter()
        top = entityreads.listing(store, type="PER", limit=50)
        listing_ms = 1000 * (time.perf_counter() - t)
        t = time.perf_counter()
        if top:
            entityreads.lookup(store, top[0]["id"])
        page_ms = 1000 * (time.perf_counter() - t)
    quarter = max(1, len(batch_seconds) // 4)
    report = {
        "articles": len(items), "entities": resolved, "canonical": canonicals,
        "resolve_seconds": round(resolve_total, 2),
        "resolve_cpu_seconds": round(resolve_cpu, 2),
        "resolve_comparisons": comparisons,
        "batch_articles": args.batch,
        "batch_cpu_ms_median": round(1000 * statistics.median(batch_cpu), 1),
        "batch_cpu_ms_first_quarter": round(1000 * statistics.mean(batch_cpu[:quarter]), 1),
        "batch_cpu_ms_last_quarter": round(1000 * statistics.mean(batch_cpu[-quarter:]), 1),
        "batch_ms_median": round(1000 * statistics.median(batch_seconds), 1),
        "batch_ms_first_quarter": round(1000 * statistics.mean(batch_seconds[:quarter]), 1),
        "batch_ms_last_quarter": round(1000 * statistics.mean(batch_seconds[-quarter:]), 1),
        "screened": screened.screened, "comparisons": screened.comparisons,
        "flags": screened.flags, "screen_seconds": round(screen_seconds, 2),
        "us_per_comparison": round(1e6 * screen_seconds / max(1, screened.comparisons), 1),
        "screen_cpu_seconds": round(screen_cpu, 2),
        "list_index_seconds": round(index_seconds, 2),
        "list_index_cpu_seconds": round(index_cpu, 2),
        "cpu_us_per_comparison_with_blocking": round(
            1e6 * blocking_and_compare_cpu / max(1, pure), 1),
        "cpu_us_per_comparison": round(
            1e6 * max(0.0, blocking_and_compare_cpu - blocking_cpu) / max(1, pure), 1),
        "comparisons_per_cpu_second": round(
            pure / max(1e-9, blocking_and_compare_cpu - blocking_cpu)),
        "us_per_comparison_without_index": round(
            1e6 * max(0.0, screen_seconds - index_seconds) / max(1, screened.comparisons), 1),
        "entity_listing_ms": round(listing_ms, 1), "entity_page_ms": round(page_ms, 1),
        "us_per_entity": round(1e6 * screen_seconds / max(1, screened.screened), 1),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "load_average": Path("/proc/loadavg").read_text().split()[:3],
    }
    if args.json:
        print(json.dumps(report))
    else:
        for key, value in report.items():
            print(f"{key:24} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
