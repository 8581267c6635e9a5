#!/usr/bin/env python
"""Load benchmark of the web app: N concurrent clients for T seconds, on loopback.

Starts ``selon.web.serve`` on the given store in a child process (uvicorn, its default
workers: one per core up to 4, read-only; 127.0.0.1, a free port), waits until it
answers, then runs ``--clients`` concurrent clients for ``--seconds``, each on one
keep-alive HTTP/1.1 connection over asyncio streams (``--client httpx``: httpx's client,
which costs several milliseconds of CPU a request, taken from the server on a shared
machine). Each client loops over a fixed mix of pages and API reads whose ids, names and
words are sampled from the store itself. Prints, per endpoint, requests, requests/s,
p50/p95/p99 latency (ms) and errors (any status >= 400, timeout or connection error), the
totals, the load average, and the CPU milliseconds per request of the server (all its
processes, from /proc) and of the clients: on a busy machine the latencies measure the
other processes too, the CPU figures hardly.

    .venv/bin/python bench/serve.py --db selon.duckdb
    .venv/bin/python bench/serve.py --db selon.duckdb --clients 50 --seconds 30 --json
    .venv/bin/python bench/serve.py --db selon.duckdb --fresh   # no shared answers kept
    .venv/bin/python bench/serve.py --db selon.duckdb --spread 20  # 2,000 ids over the store

Served read-only, the worker processes share their answers through ``<db>.answers`` (see
``selon.web.answers``), which outlives the server: a second run on the same store and
``--port`` finds the answers of the first (answers are kept per host, for the absolute
links of pages). ``--fresh`` deletes that file first, so that every answer is
computed during the run (a cold start).

Bounded on purpose: loopback only, at most 500 clients and 600 seconds. Read-only: no
token is given to the server, so it opens the store read-only and refuses writes.
Exit status: 0 without errors, 1 with errors, 2 when the store or the server cannot start.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT / "src") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "src"))

from selon.web import answers  # noqa: E402
from selon.web.loopback import free_port, start_server, stop_server, wait_ready  # noqa: E402

MAX_CLIENTS = 500
MAX_SECONDS = 600
TIMEOUT = 30.0  # seconds a request may take before it counts as an error


@dataclass
class Stats:
    """Latencies (seconds) and errors of one endpoint."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[str, int] = field(default_factory=dict)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process and its living descendants, from /proc
    (0 where /proc is absent): what the server spent, whatever else the machine runs."""
    total, todo = 0.0, [pid]
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError, ValueError):
            continue
    return total


def endpoints(base: str, spread: int = 1) -> list[tuple[str, list[str]]]:
    """(label, candidate paths) for the mix, sampled from the store through the API."""
    with httpx.Client(base_url=base, timeout=60) as c:
        return sampled(c, spread)


def _pages(c: httpx.Client, path: str, params: dict[str, Any], spread: int,
           rng: random.Random) -> list[dict[str, Any]]:
    """The first page of 100 items of ``path``, or (``spread`` > 1) ``spread`` pages of
    100 at random offsets over all its items."""
    first = c.get(path, params={**params, "limit": 100}).json()
    if spread <= 1:
        return list(first["items"])
    offsets = sorted(rng.sample(range(0, max(1, first["total"]), 100),
                                min(spread, max(1, first["total"] // 100))))
    return [item for o in offsets
            for item in c.get(path, params={**params, "limit": 100, "offset": o}
                              ).json()["items"]]


def sampled(c: httpx.Client, spread: int = 1) -> list[tuple[str, list[str]]]:
    """The mix of :func:`endpoints`, asked through the client ``c``."""
    rng = random.Random(0)
    arts = _pages(c, "/api/articles", {}, spread, rng)
    ents = _pages(c, "/api/entities", {"order": "quoted"}, spread, rng)
    if not arts:
        raise RuntimeError("the store is empty: ingest articles first")
    ids = [a["id"] for a in arts]
    keys = [e["key"] for e in ents] or ["x"]
    names = [e["name"] for e in ents if e["quoted"]] or ["x"]
    words = sorted({w for a in arts for w in (a["title"] or a["opening"] or "").split()
                    if len(w) > 5 and w.isalpha()})[:200 * spread] or ["accord"]
    q = lambda v: quote(v, safe="")  # noqa: E731
    return [
        ("page /", ["/"]),
        ("page /articles/{id}", [f"/articles/{i}" for i in ids]),
        ("page /entities/{key}", [f"/entities/{q(k)}" for k in keys]),
        ("page /search", [f"/search?q={q(w)}" for w in words]),
        ("api /api/stats", ["/api/stats"]),
        ("api /api/articles", [f"/api/articles?limit=20&offset={o}" for o in range(0, 100, 20)]),
        ("api /api/articles/{id}", [f"/api/articles/{i}" for i in ids]),
        ("api /api/attributions", [f"/api/attributions?source={q(n)}&limit=20" for n in names]),
        ("api /api/entities", ["/api/entities?limit=50", "/api/entities?order=quoted&limit=50"]),
        ("api /api/entities/{key}", [f"/api/entities/{q(k)}" for k in keys]),
        ("api /api/search", [f"/api/search?q={q(w)}" for w in words]),
        ("api /api/sources", [f"/api/sources?article={i}" for i in ids]),
    ]


class RawHTTP:
    """One keep-alive HTTP/1.1 connection over asyncio streams: what a client costs is
    then a few hundred microseconds of CPU a request (httpx's own costs several
    milliseconds, which on a machine shared with the server is taken from the server).
    Reads bodies by Content-Length or chunked; reconnects when the server closes."""

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, html: bool) -> tuple[int, bytes]:
        return await asyncio.wait_for(self._get(path, html), self.timeout)

    async def _get(self, path: str, html: bool) -> tuple[int, bytes]:
        reused = self._writer is not None
        if self._writer is None or self._reader is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        accept = b"Accept: text/html\r\n" if html else b""
        self._writer.write(b"GET " + path.encode("latin-1") + b" HTTP/1.1\r\nHost: "
                           + f"{self.host}:{self.port}".encode() + b"\r\n" + accept + b"\r\n")
        try:
            head = await self._reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            await self.close()
            if reused and not getattr(exc, "partial", b""):  # closed while idle: once more
                return await self._get(path, html)
            raise ConnectionError("the server closed the connection") from None
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length, chunked, close = None, False, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif name == b"connection" and b"close" in value.lower():
                close = True
        if chunked:
            parts = []
            while True:
                size = int((await self._reader.readuntil(b"\r\n")).split(b";")[0], 16)
                parts.append(await self._reader.readexactly(size + 2))
                if size == 0:
                    break
            body = b"".join(p[:-2] for p in parts)
        elif length is not None:
            body = await self._reader.readexactly(length)
        else:  # no length: the body runs to the end of the connection
            body = await self._reader.read()
            close = True
        if close:
            await self.close()
        return status, body

    async def close(self) -> None:
        writer, self._writer, self._reader = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError, ConnectionError):
                await writer.wait_closed()


async def client(n: int, base: str, mix: list[tuple[str, list[str]]], until: float,
                 stats: dict[str, Stats], http: httpx.AsyncClient | None) -> None:
    rng = random.Random(n)
    i = n
    parts = urlsplit(base)
    raw = RawHTTP(parts.hostname or "127.0.0.1", parts.port or 80, TIMEOUT) \
        if http is None else None
    try:
        while time.monotonic() < until:
            label, paths = mix[i % len(mix)]
            i += 1
            path = rng.choice(paths)
            html = label.startswith("page")
            st = stats.setdefault(label, Stats())
            t0 = time.perf_counter()
            try:
                if raw is not None:
                    code, _ = await raw.get(path, html)
                else:
                    assert http is not None
                    r = await http.get(base + path, headers={"Accept": "text/html"}
                                       if html else {})
                    await r.aread()
                    code = r.status_code
                status = str(code)
                if code >= 400:
                    st.errors += 1
            except (httpx.HTTPError, OSError, TimeoutError, asyncio.IncompleteReadError,
                    ValueError, IndexError) as exc:
                status = type(exc).__name__
                st.errors += 1
                if raw is not None:
                    await raw.close()
            st.latencies.append(time.perf_counter() - t0)
            st.statuses[status] = st.statuses.get(status, 0) + 1
    finally:
        if raw is not None:
            await raw.close()


async def run(base: str, clients: int, seconds: float,
              kind: str = "raw", spread: int = 1) -> tuple[dict[str, Stats], float]:
    mix = endpoints(base, spread)
    stats: dict[str, Stats] = {}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=TIMEOUT) as http:
        t0 = time.monotonic()
        until = t0 + seconds
        await asyncio.gather(*(client(n, base, mix, until, stats,
                                      http if kind == "httpx" else None)
                               for n in range(clients)))
        elapsed = time.monotonic() - t0
    return stats, elapsed


def report(stats: dict[str, Stats], elapsed: float) -> dict[str, Any]:
    rows = []
    for label, st in stats.items():
        ms = [v * 1000 for v in st.latencies]
        rows.append({"endpoint": label, "requests": len(ms), "rps": len(ms) / elapsed,
                     "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95),
                     "p99_ms": percentile(ms, 99), "errors": st.errors,
                     "statuses": st.statuses})
    every = [v * 1000 for st in stats.values() for v in st.latencies]
    total = {"requests": len(every), "rps": len(every) / elapsed,
             "p50_ms": percentile(every, 50), "p95_ms": percentile(every, 95),
             "p99_ms": percentile(every, 99),
             "errors": sum(st.errors for st in stats.values())}
    return {"seconds": elapsed, "endpoints": rows, "total": total}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="The store to serve.")
    ap.add_argument("--clients", type=int, default=50, help="Concurrent clients (50).")
    ap.add_argument("--seconds", type=float, default=30, help="Duration of the run (30).")
    ap.add_argument("--json", action="store_true", help="Print one JSON object.")
    ap.add_argument("--port", type=int, default=0, help="The server's port (a free one).")
    ap.add_argument("--client", choices=("raw", "httpx"), default="raw",
                    help="How the clients speak HTTP: 'raw' (default), keep-alive HTTP/1.1 "
                         "over asyncio streams, or 'httpx' (several ms of CPU a request).")
    ap.add_argument("--fresh", action="store_true",
                    help="Delete the answers kept by earlier runs first (a cold start).")
    ap.add_argument("--spread", type=int, default=1,
                    help="Sample ids, entities and words from this many pages of 100 at "
                         "random offsets over the whole store (1, the default: the 100 "
                         "most recent articles and most quoted entities). Wider samples "
                         "are asked for more answers never computed before.")
    args = ap.parse_args(argv)
    if not args.db.is_file():
        print(f"serve.py: no store at {args.db}", file=sys.stderr)
        return 2
    if not (1 <= args.clients <= MAX_CLIENTS and 1 <= args.seconds <= MAX_SECONDS):
        print(f"serve.py: --clients must be 1..{MAX_CLIENTS}, --seconds 1..{MAX_SECONDS}",
              file=sys.stderr)
        return 2
    kept = answers.answers_path(args.db).is_file() and not args.fresh
    if args.fresh:
        answers.remove(args.db)
    load_before = os.getloadavg()[0]
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(args.db, port)
    try:
        try:
            wait_ready(base, proc, timeout=300)  # a loaded machine starts it slowly
        except RuntimeError as exc:
            print(f"serve.py: {exc}", file=sys.stderr)
            return 2
        cpu0, own0 = tree_cpu(proc.pid), time.process_time()
        stats, elapsed = asyncio.run(run(base, args.clients, args.seconds, args.client,
                                       args.spread))
        server_cpu, client_cpu = tree_cpu(proc.pid) - cpu0, time.process_time() - own0
    finally:
        stop_server(proc, 15)
    out = report(stats, elapsed)
    n = max(1, out["total"]["requests"])
    out["cpu_ms_per_request"] = {"server": round(server_cpu * 1000 / n, 1),
                                 "client": round(client_cpu * 1000 / n, 1)}
    out.update({"db": str(args.db), "clients": args.clients, "client": args.client,
                "spread": args.spread,
                "answers_kept": kept,
                "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)]})
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"{args.clients} clients, {elapsed:.1f} s, store {args.db}, "
              f"{'answers of earlier runs kept' if kept else 'cold (no answers kept)'}, "
              f"load average {out['load_average'][0]} before, {out['load_average'][1]} after")
        print(f"{'endpoint':28} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
              f"{'p99 ms':>8} {'errors':>6}")
        for r in [*out["endpoints"], {"endpoint": "TOTAL", **out["total"]}]:
            print(f"{r['endpoint']:28} {r['requests']:>8} {r['rps']:>8.1f} {r['p50_ms']:>8.1f} "
                  f"{r['p95_ms']:>8.1f} {r['p99_ms']:>8.1f} {r['errors']:>6}")
        cpu = out["cpu_ms_per_request"]
        print(f"CPU per request: server {cpu['server']} ms (all its processes), "
              f"clients {cpu['client']} ms")
    return 1 if out["total"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
