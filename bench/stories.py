#!/usr/bin/env python
"""Story building at scale: the whole corpus placed in stories, then a batch added.

Fills a store with the texts of ``orangesum-all.jsonl.gz`` (all 36,152 by default) and
records made by a cheap stand-in analyser (``selon.store.standin``: capitalised names as
entities, quotations as statements; no spaCy, so that the store is ready in minutes),
holding back the latest ``--batch`` articles (1,000). Then, each in its own process so
that peak memory is its own:

1. ``build``: every stored article placed in stories from scratch (time, peak memory);
2. ``add``: the held-back batch written and placed (time, peak memory);
3. ``add-small``: the same batch added to a store holding only the articles within the
   story window of the batch's dates: if the cost of a batch depends only on its window,
   and not on the size of the store, (2) and (3) take about the same time.

    .venv/bin/python bench/stories.py                 # whole corpus
    .venv/bin/python bench/stories.py --n 8000 --json
    .venv/bin/python bench/stories.py --db big.duckdb # time a full rebuild of a real store

Quality instead: ``--gold DIR`` (repeatable) ingests a story gold set (selon-stories-gold/1,
texts from the corpus when it names them by ``orangesum_id`` only) into a fresh store with
the real analyser, prints ``selon stories --json`` scored by ``score_stories.py``:

    .venv/bin/python bench/stories.py --gold ../shared/gold/stories-dev \
        --gold tests/gold/stories-tune
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = (REPO_ROOT / ".." / "shared" / "data" / "orangesum-all.jsonl.gz").resolve()
if str(REPO_ROOT / "src") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "src"))


def records(corpus: Path, n: int | None) -> list[dict[str, Any]]:
    out = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("text"):
                out.append(r)
            if n is not None and len(out) >= n:
                break
    out.sort(key=lambda r: (r.get("published") or "", r["id"]))
    return out


def analyses(rows: list[dict[str, Any]]) -> list[Any]:
    from selon.store.standin import standin

    return [standin(r["text"], published=date.fromisoformat(r["published"][:10])
                    if r.get("published") else None, title=r.get("title"),
                    url=f"https://orangesum.example/{r['id']}") for r in rows]


def fill(db: Path, rows: list[dict[str, Any]]) -> None:
    from selon.store import Store

    with Store(db) as store:
        store.write_many(analyses(rows), batch_size=2000)


def peak_mb() -> float:
    """The process's peak resident memory since the last :func:`reset_peak` (Linux), else
    since it started."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def reset_peak() -> None:
    """Start the peak count again from the current memory (Linux: clear_refs 5)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def phase(args: argparse.Namespace) -> dict[str, Any]:
    """Run in a child process: one measured step."""
    from selon.reconcile import build
    from selon.store import Store
    from selon.store import stories as st_store

    db = Path(args.db)
    with Store(db) as store:
        if args.phase == "rebuild":
            st_store.reset(store)
        extra = {}
        if args.phase == "add":
            rows = json.loads(Path(args.rows).read_text(encoding="utf-8"))
            store.write_many(analyses(rows))
        before = rss_mb()
        reset_peak()
        started, cpu = time.perf_counter(), time.process_time()
        summary = build.update(store)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        extra["stories"] = store.scalar("SELECT count(*) FROM stories")
        extra["articles"] = store.scalar("SELECT count(*) FROM articles")
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "placed": summary.placed,
            "batches": summary.batches, "peak_mb": round(peak_mb(), 1),
            "rss_mb_before": round(before, 1), **extra}


def gold_scores(gold: Path, corpus: Path) -> dict[str, float]:
    """Ingest one story gold set into a fresh store and score its stories."""
    sys.path.insert(0, str(REPO_ROOT / "tests"))
    from story_fixtures import filled_gold

    scorer = corpus.parent.parent / "eval" / "score_stories.py"
    with tempfile.TemporaryDirectory() as tmp:
        rows = (gold / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        if any(line.strip() and "text" not in json.loads(line) for line in rows):
            gold = filled_gold(gold, corpus, Path(tmp) / "gold")
        inp, db, pred = Path(tmp) / "in.jsonl", Path(tmp) / "s.duckdb", Path(tmp) / "p.json"
        env_run = [sys.executable, "-m", "selon"]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (str(REPO_ROOT / "src"), os.environ.get("PYTHONPATH")) if p)}
        subprocess.run([sys.executable, str(scorer), "--make-input", str(gold), str(inp)],
                       check=True, capture_output=True)
        subprocess.run([*env_run, "ingest", "--db", str(db), str(inp)], check=True,
                       capture_output=True, env=env)
        out = subprocess.run([*env_run, "stories", "--db", str(db), "--json"], check=True,
                             capture_output=True, text=True, env=env)
        pred.write_text(out.stdout, encoding="utf-8")
        scored = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--json"],
                                check=True, capture_output=True, text=True)
    return dict(json.loads(scored.stdout)["metrics"])


def child(db: Path, which: str, rows: Path | None = None) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--phase", which, "--db", str(db)]
    if rows:
        cmd += ["--rows", str(rows)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--n", type=int, default=None, help="Articles to use (default: all).")
    ap.add_argument("--batch", type=int, default=1000, help="Articles added at the end.")
    ap.add_argument("--db", help="Time a full rebuild of the stories of this store instead.")
    ap.add_argument("--keep", type=Path, help="Keep the filled store (with its stories) here.")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--gold", type=Path, action="append",
                    help="Score the stories of this gold set instead (repeatable).")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--rows", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        print(json.dumps(phase(args)))
        return 0
    if args.gold:
        keys = ("story_bcubed_f1", "story_pair_f1", "story_pair_p", "mention_recall",
                "stmt_pair_f1", "contra_f1")
        scores = {str(g): gold_scores(g, args.corpus) for g in args.gold}
        if args.json:
            print(json.dumps(scores, indent=1))
        for g, m in scores.items():
            if not args.json:
                print(g + ": " + ", ".join(f"{k} {m.get(k, 0):.3f}" for k in keys))
        return 0
    if args.db:
        result = {"rebuild": child(Path(args.db), "rebuild")}
        print(json.dumps(result, indent=1))
        return 0
    from selon.reconcile.stories import WINDOW_DAYS

    rows = records(args.corpus, args.n)
    main_rows, batch = rows[:-args.batch], rows[-args.batch:]
    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "big.duckdb", Path(tmp) / "small.duckdb"
        batch_file = Path(tmp) / "batch.json"
        batch_file.write_text(json.dumps(batch, ensure_ascii=False), encoding="utf-8")
        started = time.perf_counter()
        fill(big, main_rows)
        filled = time.perf_counter() - started
        first = min(date.fromisoformat(r["published"][:10]) for r in batch if r.get("published"))
        lo = (first - timedelta(days=2 * WINDOW_DAYS)).isoformat()
        fill(small, [r for r in main_rows if (r.get("published") or "") >= lo])
        result = {
            "articles": len(rows), "batch": len(batch), "fill_seconds": round(filled, 1),
            "build": child(big, "build"),
            "add": child(big, "add", batch_file),
            "build_small": child(small, "build"),
            "add_small": child(small, "add", batch_file),
            "store_mb": round(big.stat().st_size / 2**20, 1),
        }
        if args.keep:
            import shutil

            shutil.copy(big, args.keep)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        b, a, s = result["build"], result["add"], result["add_small"]
        print(f"{result['articles']} articles (stand-in records), "
              f"filled in {result['fill_seconds']} s")
        print(f"build: {b['placed']} placed in {b['stories']} stories, {b['seconds']} s "
              f"({b['placed'] / max(b['seconds'], 1e-9):.0f} articles/s), peak "
              f"{b['peak_mb']} MB (from {b['rss_mb_before']} MB with the store open)")
        print(f"add {result['batch']} to the full store ({a['articles']} articles): "
              f"{a['seconds']} s, peak {a['peak_mb']} MB")
        print(f"add {result['batch']} to a store of its window only ({s['articles']} "
              f"articles): {s['seconds']} s, peak {s['peak_mb']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
