#!/usr/bin/env python
"""CPU time of single requests to the web app, in this process: a figure a busy machine
hardly changes (wall times under load measure the other processes too).

Builds the app over ``--db`` (read-only, DuckDB limited to one thread, as each of two
server processes on two cores is) and asks each endpoint of the mix ``--runs`` times in
a row through Starlette's test client, every time with a query parameter of its own and
the answer cache emptied first (the data kept for an entity's page and API answer too), so
that every request is computed. Prints, per endpoint, the median CPU milliseconds
of the whole process (every thread: the app's, DuckDB's) and the median wall
milliseconds, with the load average before and after.

    PYTHONPATH=src .venv/bin/python bench/requests.py --db selon.duckdb [--json]

With ``--mix N``: the URLs of ``bench/serve.py``'s mix instead (N per endpoint), once with
nothing kept (every answer computed) and once again (answered from what was kept), with
the mean CPU milliseconds per request of each endpoint in both passes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote


def mix(client: Any) -> list[tuple[str, str, bool]]:
    """(label, path, as HTML) for the endpoints, with ids and keys from the store."""
    arts = client.get("/api/articles", params={"limit": 1}).json()["items"]
    ents = client.get("/api/entities", params={"limit": 1}).json()["items"]
    aid, key = arts[0]["id"], quote(ents[0]["key"], safe="")
    return [
        ("page /", "/", True),
        ("page /articles/{id}", f"/articles/{aid}", True),
        ("page /entities", "/entities", True),
        ("page /entities/{key}", f"/entities/{key}", True),
        ("page /sources?article", f"/sources?article={aid}", True),
        ("api /api/articles", "/api/articles?limit=20", False),
        ("api /api/articles/{id}", f"/api/articles/{aid}", False),
        ("api /api/entities", "/api/entities?limit=50", False),
        ("api /api/entities quoted", "/api/entities?order=quoted&limit=50", False),
        ("api /api/entities name", "/api/entities?name=mac&limit=50", False),
        ("api /api/entities/{key}", f"/api/entities/{key}", False),
        ("api /api/sources", "/api/sources", False),
        ("api /api/sources?article", f"/api/sources?article={aid}", False),
        ("api /api/search", "/api/search?q=gouvernement", False),
    ]


def the_mix(client: Any, per: int) -> list[tuple[str, str, bool]]:
    """The endpoints and URLs of ``bench/serve.py``'s mix (sampled from the store the same
    way), at most ``per`` URLs each."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from serve import sampled

    return [(label, path, label.startswith("page"))
            for label, paths in sampled(client) for path in paths[:per]]


def mix_passes(app: Any, client: Any, per: int) -> list[dict[str, Any]]:
    """CPU per request of one pass over the mix's URLs with nothing kept (cold: every
    answer computed, the data of an entity kept for its second answer of the pass), then
    of the same pass again (warm: answered from what the first pass kept)."""
    urls = the_mix(client, per)
    app.state.selon.cache.clear()
    rows: dict[str, dict[str, Any]] = {}
    for name in ("cold", "warm"):
        for label, path, html in urls:
            headers = {"Accept": "text/html"} if html else {}
            c0 = time.process_time()
            r = client.get(path, headers=headers)
            ms = (time.process_time() - c0) * 1000
            if r.status_code != 200:
                raise RuntimeError(f"{path}: HTTP {r.status_code}")
            row = rows.setdefault(label, {"endpoint": label, "urls": 0, "cold": [], "warm": []})
            row[name].append(ms)
    out = []
    for row in rows.values():
        out.append({"endpoint": row["endpoint"], "urls": len(row["cold"]),
                    "cold_cpu_ms": round(statistics.mean(row["cold"]), 1),
                    "warm_cpu_ms": round(statistics.mean(row["warm"]), 1)})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--mix", type=int, default=0, metavar="N",
                    help="Instead: bench/serve.py's mix, N URLs per endpoint, a cold pass "
                         "then a warm one (mean CPU ms per request).")
    args = ap.parse_args(argv)
    if not args.db.is_file():
        print(f"requests.py: no store at {args.db}", file=sys.stderr)
        return 2
    from fastapi.testclient import TestClient

    from selon.settings import load
    from selon.web import create_app

    os.environ.pop("SELON_API_TOKEN", None)
    load_before = os.getloadavg()
    rows = []
    import inspect

    given = {"threads": 1} if "threads" in inspect.signature(create_app).parameters else {}
    app = create_app(args.db, load(), **given)
    cache = app.state.selon.cache
    with TestClient(app) as client:
        if args.mix:
            passes = mix_passes(app, client, args.mix)
            load_after = os.getloadavg()
            if args.json:
                print(json.dumps({"db": str(args.db), "mix": passes, "load_average": [
                    round(load_before[0], 1), round(load_after[0], 1)]}, indent=1))
            else:
                for r in passes:
                    print(f"{r['endpoint']:28} {r['urls']:4} URLs  cold cpu "
                          f"{r['cold_cpu_ms']:8.1f} ms   warm cpu {r['warm_cpu_ms']:6.1f} ms")
                print(f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after")
            return 0
        for label, path, html in mix(client):
            headers = {"Accept": "text/html"} if html else {}
            sep = "&" if "?" in path else "?"
            cpu, wall = [], []
            for i in range(-1, args.runs):  # one run first: connections, the engine's caches
                cache.clear()  # no answer nor data kept by an earlier request or run
                c0, w0 = time.process_time(), time.perf_counter()
                r = client.get(f"{path}{sep}run={i}", headers=headers)
                c1, w1 = time.process_time(), time.perf_counter()
                if r.status_code != 200:
                    print(f"requests.py: {path}: HTTP {r.status_code}", file=sys.stderr)
                    return 1
                if i >= 0:
                    cpu.append((c1 - c0) * 1000)
                    wall.append((w1 - w0) * 1000)
            rows.append({"endpoint": label, "cpu_ms": round(statistics.median(cpu), 1),
                         "wall_ms": round(statistics.median(wall), 1)})
    out = {"db": str(args.db), "runs": args.runs, "endpoints": rows,
           "load_average": [round(load_before[0], 1), round(os.getloadavg()[0], 1)]}
    if args.json:
        print(json.dumps(out, indent=1))
    else:
        for r in rows:
            print(f"{r['endpoint']:32} cpu {r['cpu_ms']:8.1f} ms   wall {r['wall_ms']:8.1f} ms")
        print(f"load average {out['load_average'][0]} before, {out['load_average'][1]} after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
