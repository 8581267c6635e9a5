"""The store read in place from Parquet partitions, against the store file it came from.

    PYTHONPATH=src python bench/inplace.py --db STORE [--folder DIR] [--json]

1. Copies ``--db`` (so that it can be opened for writing while others read it) and writes
   its tables as partitions into ``--folder`` (default: a temporary folder), as the first
   ``selon ingest --partitions DIR`` on an existing store does: every stored article in
   partitions of 500, then the derived tables whole. Times both, and gives the sizes.
2. Times, 20 runs each (p95, ms; after one run to warm up), on the store file and on the
   folder: opening the store, ``selon claims --source X`` (``queries.claims``, X the most
   quoted source), the article listing of the home page, one article with its records
   (``queries.show``), the entities listing, and a statement count by stance.

``--json`` prints one object; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _timing import p95_ms
from selon.store import Store, queries


def say(message: str) -> None:
    print(f"inplace.py: {message}", file=sys.stderr, flush=True)


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 2**20, 1)


def figures(path: Path, source: str, article_ids: list[str]) -> dict[str, float]:
    def opened(_i: int) -> None:
        Store(path, read_only=True).close()

    out = {"open_p95_ms": p95_ms(opened)}
    with Store(path, read_only=True) as store:
        out["claims_p95_ms"] = p95_ms(lambda i: queries.claims(store, source=source, limit=20))
        out["listing_p95_ms"] = p95_ms(lambda i: store.fetch(
            "SELECT id, published, outlet, title FROM articles "
            "ORDER BY published DESC, id LIMIT 20 OFFSET ?", [max(i, 0) * 20]))
        out["article_p95_ms"] = p95_ms(
            lambda i: queries.show(store, article_ids[i % len(article_ids)]))
        out["entities_p95_ms"] = p95_ms(lambda i: queries.entities(store, limit=30))
        out["stances_p95_ms"] = p95_ms(lambda i: store.fetch(
            "SELECT stance, count(*) FROM attributions GROUP BY stance"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="A store file of real analyses.")
    ap.add_argument("--folder", type=Path, help="Where to write the partitions (a new folder).")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not args.db.is_file():
        ap.error(f"no store file at {args.db}")
    work = Path(tempfile.mkdtemp(prefix="selon-inplace-"))
    folder = args.folder or work / "parts"
    if folder.exists():
        ap.error(f"{folder} exists: give a new folder")
    out: dict[str, Any] = {"store_mb": size_mb(args.db)}
    try:
        copy = work / "store.duckdb"
        shutil.copyfile(args.db, copy)
        with Store(copy) as store:
            out["articles"] = store.scalar("SELECT count(*) FROM articles")
            say(f"writing the partitions of {out['articles']} articles into {folder}")
            t = time.process_time()
            store.mirror_to(folder)
            out["write_partitions_cpu_s"] = round(time.process_time() - t, 1)
            t = time.process_time()
            store.snapshot_derived()
            out["write_derived_cpu_s"] = round(time.process_time() - t, 1)
            top = queries.entities(store, order="quoted", limit=1)
            ids = [r["id"] for r in store.fetch(
                "SELECT id FROM articles USING SAMPLE 20 ROWS (reservoir, 7)")]
        out["folder_mb"] = size_mb(folder)
        out["source"] = top[0]["name"] if top else ""
        for name, path in (("file", copy), ("folder", folder)):
            say(f"timing the queries on the {name}")
            out[name] = figures(path, out["source"], ids)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(out))
    else:
        for key, value in out.items():
            print(f"{key:24} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
