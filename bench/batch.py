#!/usr/bin/env python
"""CPU time of writing one batch of articles into a store and resolving its entities, as
``selon ingest`` does per 64 articles: the cost that must follow the batch, not the store.

Copies ``--db`` to ``--work`` (the store itself is not changed), takes ``--batches``
batches of ``--batch`` articles of ``--base`` (real analyses), gives each a new id
(``scale-batch:`` + its id and the batch number, hashed) and writes them with
:meth:`Store.write_many` (rows, entity summary, entity listing, sources' chains, search
index), then resolves them with one resolve stage kept across batches (its store read
once, at the first batch, is timed apart). Prints the median CPU milliseconds of the
write and of the resolution per batch, the load average and a SHA-256 digest of what the
resolution decided (every member's canonical entity, score and reason, every canonical
entity made), the same for two versions of the code that decide alike. ``--rounds`` 2:
the batches are written again under other ids by a second resolve stage, as the next
``selon ingest`` run would (``run2_resolve_cpu_ms``): what the first run left in the
store serves it.

    PYTHONPATH=src .venv/bin/python bench/batch.py --db STORE --base BASE [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import shutil
import statistics
import sys
from pathlib import Path

from selon.resolve.stage import ResolveStage
from selon.store import Store
from selon.store.rows import WriteItem
from selon.store.searchindex import index_path, statement_index_path


def cpu() -> float:
    t = os.times()
    return t.user + t.system


def resolution_digest(store: Store, ids: list[str]) -> str:
    """SHA-256 of the members of these articles and the canonical entities they are in
    (ids, names, scores, reasons; not the times)."""
    members = store.fetch(
        "SELECT article_id, entity_id, canonical_id, name, key, score, reason, decided_by "
        "FROM canonical_members WHERE article_id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY article_id, entity_id", [ids])
    canon = store.fetch(
        "SELECT canonical_id, type, name, key, country, role FROM canonical "
        "WHERE canonical_id IN (SELECT canonical_id FROM canonical_members "
        "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))) ORDER BY canonical_id", [ids])
    text = json.dumps([members, canon], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16] + f" ({len(members)} members)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--base", type=Path, required=True)
    ap.add_argument("--work", type=Path, default=Path("/tmp/scale/batch.duckdb"))
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--batches", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=2,
                    help="runs of batches, each with a new resolve stage (a new ingest)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    for src, dst in ((args.db, args.work),):
        shutil.copyfile(src, dst)
    for where in (index_path, statement_index_path):
        shutil.rmtree(where(args.work), ignore_errors=True)
        if where(args.db).is_dir():
            shutil.copytree(where(args.db), where(args.work))
    with Store(args.base, read_only=True) as base:
        ids = [r["id"] for r in base.fetch("SELECT id FROM articles ORDER BY id LIMIT ?",
                                           [args.batch * args.batches])]
        analyses = base.load_analyses(ids)
    load = os.getloadavg()[0]
    writes: list[float] = []
    resolves: list[list[float]] = []
    batches: list[list[str]] = []
    first_reads: list[float] = []
    with Store(args.work) as store:
        articles = store.scalar("SELECT count(*) FROM articles")
        for round_ in range(args.rounds):  # each round as one run of selon ingest
            t = cpu()
            stage = ResolveStage(store)
            first_reads.append((cpu() - t) * 1000)
            resolves.append([])
            for i in range(args.batches):
                n = round_ * args.batches + i
                items = []
                for an in analyses[i * args.batch:(i + 1) * args.batch]:
                    new_id = hashlib.sha1(f"scale-batch:{an.article.id}:{n}".encode()).hexdigest()
                    items.append(WriteItem(dataclasses.replace(
                        an, article=dataclasses.replace(an.article, id=new_id,
                                                        url=f"{an.article.url}#b{n}"))))
                t = cpu()
                written = store.write_many(items)
                batches.append(written)
                writes.append((cpu() - t) * 1000)
                t = cpu()
                stage.run(written)
                resolves[-1].append((cpu() - t) * 1000)
        digest = resolution_digest(store, [i for batch in batches for i in batch])
    out = {"articles": articles, "batch": args.batch, "batches": args.batches,
           "write_cpu_ms": round(statistics.median(writes)),
           "resolve_cpu_ms": round(statistics.median(resolves[0])),
           "resolve_first_read_cpu_ms": round(first_reads[0]),
           "writes_ms": [round(x) for x in writes],
           "resolves_ms": [round(x) for x in resolves[0]]}
    for k, later in enumerate(resolves[1:], start=2):
        out[f"run{k}_resolve_cpu_ms"] = round(statistics.median(later))
        out[f"run{k}_resolves_ms"] = [round(x) for x in later]
    out["resolution_digest"] = digest
    out["load_average"] = [load, os.getloadavg()[0]]
    sys.stdout.write((json.dumps(out) if args.json else "\n".join(
        f"{k:>26}  {v}" for k, v in out.items())) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
