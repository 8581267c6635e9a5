#!/usr/bin/env python
"""CPU time of single requests to the web app, in this process: a figure a busy machine
hardly changes (wall times under load measure the other processes too).

Builds the app over ``--db`` (read-only, DuckDB limited to one thread, as each of two
server processes on two cores is) and asks each endpoint of the mix ``--runs`` times in
a row through Starlette's test client, every time with a query parameter of its own so
that the answer cache never answers. Prints, per endpoint, the median CPU milliseconds
of the whole process (every thread: the app's, DuckDB's) and the median wall
milliseconds, with the load average before and after.

    PYTHONPATH=src .venv/bin/python bench/requests.py --db selon.duckdb [--json]
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--json", action="store_true")
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
    with TestClient(create_app(args.db, load(), **given)) as client:
        for label, path, html in mix(client):
            headers = {"Accept": "text/html"} if html else {}
            sep = "&" if "?" in path else "?"
            cpu, wall = [], []
            for i in range(-1, args.runs):  # one run first: connections, the engine's caches
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
