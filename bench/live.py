#!/usr/bin/env python
"""Serve and ingest at once (issue 11): a batch of articles is sent to a running server
while ``bench/serve.py``'s clients read it, on loopback.

Starts ``selon serve`` with a token on a store (the server is its one writer), starts
``--clients`` (20) readers looping over ``bench/serve.py``'s mix of pages and API reads,
then posts ``--n`` (300) real articles from the corpus (lines after those already in the
store) to ``POST /api/ingest/batch`` and follows the job. The readers run until the job
has finished, then:

- every request of the readers is counted, and any status >= 400, timeout or connection
  error is an error (the target is zero);
- every article of the batch must be in the store (``/api/articles/{id}``, its id being the
  content hash the server gives it), none lost;
- every stored article must be found by the search page (``/search`` with a phrase of its
  title) and, for those with statements, the statements page (``/statements`` with a
  phrase of one of its statements) must list it, with no restart of the server.

Without ``--db`` (or when the file does not exist) a base store is made first by
``selon ingest`` of the first ``--base`` (200) corpus articles. Bounded: loopback only, at
most 100 clients, 1,000 articles and ``--seconds`` (900) of ingest.

    nice -n 10 .venv/bin/python bench/live.py --db /tmp/live.duckdb
    nice -n 10 .venv/bin/python bench/live.py --db /tmp/live.duckdb --n 300 --clients 20 --json

Exit status: 0 when there is no error and every article is found, 1 otherwise, 2 when the
store or the server cannot start.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
sys.path.insert(0, str(HERE))
if str(REPO_ROOT / "src") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "src"))

from selon.ingest.files import content_id  # noqa: E402
from selon.web.loopback import TOKEN, free_port, start_server, stop_server, wait_ready  # noqa: E402
from serve import Stats, client, endpoints, report  # noqa: E402

CORPUS = REPO_ROOT.parent / "shared" / "data" / "orangesum-all.jsonl.gz"
MAX_CLIENTS = 100
MAX_ARTICLES = 1000
WORD = re.compile(r"[^\W\d_]{3,}")


def corpus_lines(path: Path, start: int, n: int) -> list[dict[str, Any]]:
    """``n`` corpus articles with a text, from line ``start`` on."""
    out: list[dict[str, Any]] = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i < start:
                continue
            row = json.loads(line)
            if (row.get("text") or "").strip():
                out.append(row)
            if len(out) == n:
                break
    return out


def make_base(db: Path, corpus: Path, n: int) -> None:
    """A store of the first ``n`` corpus articles, made by ``selon ingest``."""
    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp) / "base.jsonl"
        part.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                for r in corpus_lines(corpus, 0, n)), encoding="utf-8")
        print(f"live.py: making the base store {db} from {n} articles", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "selon", "ingest", str(part), "--db", str(db)],
                       check=True, env={**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")},
                       stdout=subprocess.DEVNULL)


def phrase(text: str, words: int = 4) -> str | None:
    """A quoted phrase of the first ``words`` words of ``text`` that are only letters, in a
    row (so that the query language reads it as one phrase)."""
    found = text.split()
    for i in range(len(found) - words + 1):
        run = found[i:i + words]
        if all(WORD.fullmatch(w) for w in run):
            return '"' + " ".join(run) + '"'
    return None


async def readers(base: str, clients: int, done: asyncio.Event,
                  stats: dict[str, Stats], deadline: float) -> float:
    """The clients of bench/serve.py, until ``done`` is set (or the deadline)."""
    mix = endpoints(base)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    t0 = time.monotonic()
    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        async def one(n: int) -> None:
            # bench/serve.py's client, in windows of a second, until the batch is in
            step = 0
            while not done.is_set() and time.monotonic() < deadline:
                await client(n + step * clients, base, mix,
                             min(deadline, time.monotonic() + 1.0), stats, http)
                step += 1

        await asyncio.gather(*(one(n) for n in range(clients)))
    return time.monotonic() - t0


async def ingest(base: str, token: str, rows: list[dict[str, Any]], done: asyncio.Event,
                 deadline: float) -> dict[str, Any]:
    """Post the batch, follow its job to the end; set ``done``."""
    body = {"articles": [{"text": r["text"], "title": r.get("title"),
                          "published": r.get("published"), "outlet": "Orange Actu",
                          "source": f"corpus line id {r.get('id')}"} for r in rows]}
    auth = {"Authorization": f"Bearer {token}"}
    try:
        async with httpx.AsyncClient(base_url=base, timeout=120) as http:
            t0 = time.monotonic()
            while True:  # a busy server sheds load with 503: retry when it says
                r = await http.post("/api/ingest/batch", json=body, headers=auth)
                if r.status_code != 503 or time.monotonic() > deadline:
                    break
                await asyncio.sleep(float(r.headers.get("retry-after") or 1))
            r.raise_for_status()
            job = r.json()
            polls: dict[int, int] = {}
            while job["state"] in ("queued", "running") and time.monotonic() < deadline:
                await asyncio.sleep(1.0)
                r = await http.get(f"/api/ingest/jobs/{job['id']}", headers=auth)
                polls[r.status_code] = polls.get(r.status_code, 0) + 1
                if r.status_code == 200:  # (a busy server may shed a poll: 503)
                    job = r.json()
            job["polls"] = polls
            job["seconds"] = time.monotonic() - t0
            return dict(job)
    finally:
        done.set()


async def run(base: str, token: str, rows: list[dict[str, Any]], clients: int,
              seconds: float) -> tuple[dict[str, Stats], float, dict[str, Any]]:
    stats: dict[str, Stats] = {}
    done = asyncio.Event()
    deadline = time.monotonic() + seconds
    reading = asyncio.create_task(readers(base, clients, done, stats, deadline + 5))
    await asyncio.sleep(2.0)  # the readers are at work before the batch arrives
    job = await ingest(base, token, rows, done, deadline)
    elapsed = await reading
    return stats, elapsed, job


def found_after(base: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Which articles of the batch the store, the search page and the statements page
    show now (the server was not restarted)."""
    stored, in_search, with_statements, in_statements = 0, 0, 0, 0
    missing: list[str] = []
    html = {"Accept": "text/html"}
    with httpx.Client(base_url=base, timeout=60) as http:
        for row in rows:
            aid = content_id(row["text"])
            r = http.get(f"/api/articles/{aid}")
            if r.status_code != 200:
                missing.append(f"{row.get('id')}: not stored ({r.status_code})")
                continue
            stored += 1
            record = r.json()
            # a phrase of its title or text; for a title of short words and an almost empty
            # text (« Le »), a shorter phrase of the title
            words = next((w for n in (4, 3, 2) for t in (row.get("title") or "", row["text"])
                          if (w := phrase(t, n))), None)
            if words and f"/articles/{aid}" in http.get(
                    f"/search?q={quote(words)}&originals=true", headers=html).text:
                in_search += 1
            elif words and f"/articles/{aid}" in http.get(
                    f"/search?q={quote(words)}", headers=html).text:
                in_search += 1  # a near-copy of an earlier article: found with the copies
            else:
                missing.append(f"{row.get('id')}: not found by /search?q={words}")
            text = record["article"]["text"]
            said = [p for p in (phrase(text[a["content"][0]:a["content"][1]], 3)
                                for a in record.get("attributions", [])) if p]
            if said:
                with_statements += 1
                words = said[0]
                page = http.get(f"/statements?q={quote(words)}", headers=html).text
                if f"/articles/{aid}" in page:
                    in_statements += 1
                else:
                    missing.append(f"{row.get('id')}: not on /statements?q={words}")
        stats = http.get("/api/stats").json()
    return {"sent": len(rows), "stored": stored, "in_search": in_search,
            "with_statements": with_statements, "in_statements": in_statements,
            "store_articles": stats.get("articles"), "missing": missing[:20]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True,
                    help="The store to serve (made from --base articles if absent).")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="A JSONL(.gz) corpus.")
    ap.add_argument("--base", type=int, default=200,
                    help="Articles of a new base store (200); the batch starts after them.")
    ap.add_argument("--n", type=int, default=300, help="Articles in the batch (300).")
    ap.add_argument("--clients", type=int, default=20, help="Concurrent readers (20).")
    ap.add_argument("--seconds", type=float, default=900, help="Longest ingest wait (900).")
    ap.add_argument("--json", action="store_true", help="Print one JSON object.")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"live.py: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    if not (1 <= args.clients <= MAX_CLIENTS and 1 <= args.n <= MAX_ARTICLES
            and 10 <= args.seconds <= 3600):
        print(f"live.py: --clients 1..{MAX_CLIENTS}, --n 1..{MAX_ARTICLES}, "
              "--seconds 10..3600", file=sys.stderr)
        return 2
    if not args.db.is_file():
        make_base(args.db, args.corpus, args.base)
    rows = corpus_lines(args.corpus, args.base, args.n)
    token = secrets.token_urlsafe(24)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    load_before = os.getloadavg()
    cpu0 = os.times()
    proc = start_server(args.db, port, {**os.environ, TOKEN: token,
                                        "PYTHONPATH": str(REPO_ROOT / "src")})
    try:
        try:
            wait_ready(base, proc, timeout=300)
        except RuntimeError as exc:
            print(f"live.py: {exc}", file=sys.stderr)
            return 2
        before = httpx.get(f"{base}/api/stats", timeout=30).json()["articles"]
        stats, elapsed, job = asyncio.run(run(base, token, rows, args.clients, args.seconds))
        load_during = os.getloadavg()
        after = found_after(base, rows)
    finally:
        stop_server(proc, 30)
    cpu1 = os.times()
    out = report(stats, elapsed)
    out.update({"db": str(args.db), "clients": args.clients, "articles_before": before,
                "job": {k: job.get(k) for k in ("state", "total", "stored", "present",
                                                 "duplicates", "seconds", "error", "polls")},
                "job_failures": job.get("failures", [])[:10], "after": after,
                "load_average": {"before": load_before, "during": load_during},
                "server_cpu_s": round((cpu1.children_user + cpu1.children_system)
                                      - (cpu0.children_user + cpu0.children_system), 1)})
    lost = after["sent"] - after["stored"] - len(job.get("failures", []))
    ok = (out["total"]["errors"] == 0 and job.get("state") == "done"
          and after["stored"] == after["sent"] and after["in_search"] == after["stored"]
          and after["in_statements"] == after["with_statements"])
    out["passed"] = ok
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        j = out["job"]
        print(f"{args.clients} readers for {elapsed:.1f} s while {len(rows)} articles were "
              f"ingested ({j['state']} in {j['seconds'] or 0:.1f} s: {j['stored']} stored, "
              f"{j['present']} already present, {j['duplicates']} near-copies), "
              f"load average {load_before[0]:.1f} before, {load_during[0]:.1f} during")
        print(f"{'endpoint':28} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
              f"{'p99 ms':>8} {'errors':>6}")
        for r in [*out["endpoints"], {"endpoint": "TOTAL", **out["total"]}]:
            print(f"{r['endpoint']:28} {r['requests']:>8} {r['rps']:>8.1f} {r['p50_ms']:>8.1f} "
                  f"{r['p95_ms']:>8.1f} {r['p99_ms']:>8.1f} {r['errors']:>6}")
        print(f"after: {after['stored']} of {after['sent']} in the store ({lost} lost), "
              f"{after['in_search']} found by /search, {after['in_statements']} of "
              f"{after['with_statements']} with statements on /statements; the store holds "
              f"{after['store_articles']} articles (was {before})")
        for m in after["missing"]:
            print(f"  {m}")
        print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
