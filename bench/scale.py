"""How selon's costs grow with the store: the same work measured on a store of N articles.

    PYTHONPATH=src python bench/scale.py --articles 100000 --base BASE.duckdb [--json]

1. Builds (or reuses) ``--db`` (default ``/tmp/selon-scale-N.duckdb``): copies of the real
   analyses of the store ``--base`` under new ids (``selon.store.copies``), until it holds N
   articles, with their search index, entity summary and stories. ``--base`` is a store of
   real articles analysed by selon; without it, the first ``--base-size`` articles of
   ``../shared/data/orangesum-all.jsonl.gz`` are ingested into ``/tmp/selon-scale-base.duckdb``
   first.
2. Ingests the same ``--new`` articles (1,000 orangesum articles not in the base, from line
   ``--new-from``) with ``selon ingest`` into an empty store and into a copy of the N store,
   timing each and sampling the ingest process's memory (RSS) every 0.2 s.
3. Serves the N store (``selon.web.serve``, read-only, loopback) and times, single client,
   20 runs each: the home page, ``/api/articles``, the page of the most cited entity, a phrase
   search and a boolean search (``/api/search``). Every run asks a URL of its own (an unused
   ``run`` parameter), so the server's answer cache never answers. Also times
   ``queries.claims(source=...)`` (what ``selon claims --source`` runs), 20 runs, and the
   start of ``selon claims`` (``--help``: Python start and the command's imports; best of 5),
   and a whole ``selon claims --source X`` run (best of 5).

``--json`` prints one object with the keys ``ingest_empty_s``, ``ingest_full_s``,
``home_p95_ms``, ``articles_p95_ms``, ``entity_p95_ms``, ``claims_p95_ms``, ``phrase_p95_ms``,
``boolean_p95_ms``, ``cli_start_ms`` (and a few more). Nothing else goes to stdout with
``--json``; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from _timing import p95_ms
from selon.reconcile import build as reconcile_build
from selon.store import Store, queries
from selon.store.copies import grow
from selon.store.searchindex import index_path, statement_index_path
from selon.web.loopback import serving

CORPUS = Path(__file__).resolve().parents[1] / "../shared/data/orangesum-all.jsonl.gz"
PHRASE = '"président de la République"'
BOOLEAN = "(gouvernement OR ministre) AND réforme -football"
SELON = [sys.executable, "-m", "selon"]


def say(message: str) -> None:
    print(f"scale.py: {message}", file=sys.stderr, flush=True)


def corpus_lines(start: int, n: int, out: Path) -> Path:
    """Lines ``start`` .. ``start + n - 1`` (1-based) of the corpus, as a JSONL file."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for number, line in enumerate(src, 1):
            if number >= start + n:
                break
            if number >= start:
                dst.write(line)
    return out


def ingest(inputs: Path, db: Path, published: str) -> dict[str, Any]:
    """``selon ingest`` as a child process: seconds, articles stored, peak and final RSS."""
    t = time.perf_counter()
    proc = subprocess.Popen([*SELON, "ingest", str(inputs), "--db", str(db), "--published",
                             published], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    samples: list[int] = []

    def watch() -> None:
        status = Path(f"/proc/{proc.pid}/status")
        while proc.poll() is None:
            try:
                for line in status.read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        samples.append(int(line.split()[1]) // 1024)
            except OSError:
                break
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, err = proc.communicate()
    watcher.join()
    seconds = time.perf_counter() - t
    if proc.returncode not in (0, 2):
        raise RuntimeError(f"selon ingest failed ({proc.returncode}): {err[-2000:]}")
    with Store(db, read_only=True) as store:
        stored = store.scalar("SELECT count(*) FROM articles")
    quarter = samples[len(samples) // 4] if samples else 0
    return {"s": round(seconds, 1), "stored": stored, "summary": out.strip(),
            "rss_peak_mb": max(samples, default=0), "rss_quarter_mb": quarter,
            "rss_last_mb": samples[-1] if samples else 0}


def build(path: Path, base: Path, n: int, *, stories: bool = True) -> dict[str, Any]:
    t = time.perf_counter()
    with Store(path) as store:
        added = grow(store, base, n)
        copied = time.perf_counter() - t
        placed = reconcile_build.update(store) if stories else None
        pending = store.scalar("SELECT count(*) FROM articles WHERE id NOT IN "
                               "(SELECT article_id FROM story_articles)")
    return {"added": added, "copy_s": round(copied, 1),
            "stories_s": round(placed.seconds, 1) if placed else None,
            "not_in_stories": pending, "total_s": round(time.perf_counter() - t, 1)}


def copy_store(src: Path, dst: Path) -> None:
    """Copy a store file with both its search indexes (without one, the ingest into the
    copy would first rebuild it whole from the store)."""
    shutil.copyfile(src, dst)
    for path in (index_path, statement_index_path):
        if path(src).is_dir():
            shutil.copytree(path(src), path(dst))


def web_figures(db: Path, top: str) -> dict[str, float]:
    html = {"Accept": "text/html"}
    with serving(db, timeout=300) as base, httpx.Client(base_url=base, timeout=120) as c:
        def get(path: str, headers: dict[str, str] | None = None) -> Callable[[int], Any]:
            def run(i: int) -> None:
                sep = "&" if "?" in path else "?"
                r = c.get(f"{path}{sep}run={i}", headers=headers or {})
                if r.status_code != 200:
                    raise RuntimeError(f"{path}: HTTP {r.status_code}: {r.text[:300]}")
            return run

        return {
            "home_p95_ms": p95_ms(get("/", html)),
            "articles_p95_ms": p95_ms(get("/api/articles?limit=20")),
            "entity_p95_ms": p95_ms(get(f"/entities/{quote(top, safe='')}", html)),
            "phrase_p95_ms": p95_ms(get(f"/api/search?q={quote(PHRASE)}")),
            "boolean_p95_ms": p95_ms(get(f"/api/search?q={quote(BOOLEAN)}")),
        }


def best_ms(cmd: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append((time.perf_counter() - t) * 1000)
    return round(min(times), 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000, help="N, the store's size.")
    ap.add_argument("--db", type=Path, help="The N store (default /tmp/selon-scale-N.duckdb).")
    ap.add_argument("--base", type=Path, help="A store of real analyses to copy.")
    ap.add_argument("--base-size", type=int, default=2000)
    ap.add_argument("--new", type=int, default=1000, help="Articles ingested (1,000).")
    ap.add_argument("--new-from", type=int, default=30_001,
                    help="First corpus line of the ingested articles (30,001).")
    ap.add_argument("--no-ingest", action="store_true", help="Skip the two ingests.")
    ap.add_argument("--no-stories", action="store_true",
                    help="Do not place the copies in stories (the slowest part of a build).")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="selon-scale-"))
    out: dict[str, Any] = {"articles": args.articles, "machine_load": os.getloadavg()[0]}
    try:
        base = args.base or Path("/tmp/selon-scale-base.duckdb")
        if not base.is_file():
            say(f"ingesting {args.base_size} corpus articles into the base store {base}")
            ingest(corpus_lines(1, args.base_size, work / "base.jsonl"), base, "2020-01-01")
        path = args.db or Path(f"/tmp/selon-scale-{args.articles}.duckdb")
        say(f"building {path} ({args.articles} articles from {base})")
        out["build"] = build(path, base, args.articles, stories=not args.no_stories)
        say(f"built: {out['build']}")
        with Store(path, read_only=True) as store:
            out["stored"] = store.scalar("SELECT count(*) FROM articles")
            out["store_mb"] = round(path.stat().st_size / 2**20)
            last_day = str(store.scalar("SELECT max(published) FROM articles"))
            top = queries.entities(store, limit=1)[0]["key"]
            source = queries.entities(store, order="quoted", limit=1)[0]["name"]
            say("timing the claims query")
            out["claims_p95_ms"] = p95_ms(
                lambda i: queries.claims(store, source=source, limit=20))
        say("timing the web pages and searches")
        out.update(web_figures(path, top))
        say(f"so far: {json.dumps(out)}")
        out["cli_start_ms"] = best_ms([*SELON, "claims", "--help"])
        out["cli_claims_ms"] = best_ms([*SELON, "claims", "--db", str(path), "--source", source,
                                        "--limit", "5"])
        if not args.no_ingest:
            new = corpus_lines(args.new_from, args.new, work / "new.jsonl")
            say(f"ingesting {args.new} new articles into an empty store")
            empty = ingest(new, work / "empty.duckdb", last_day)
            say(f"into an empty store: {empty}")
            say(f"ingesting them into a copy of the {out['stored']}-article store")
            copy_store(path, work / "full.duckdb")
            full = ingest(new, work / "full.duckdb", last_day)
            out.update({"ingest_empty_s": empty["s"], "ingest_full_s": full["s"],
                        "ingest_ratio": round(full["s"] / empty["s"], 2),
                        "ingest_empty": empty, "ingest_full": full})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        sys.stdout.write(json.dumps(out) + "\n")
    else:
        for k, v in out.items():
            sys.stdout.write(f"{k:>20}  {v}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
