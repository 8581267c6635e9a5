"""``selon serve``: the web interface and HTTP API over a store."""

from __future__ import annotations

from pathlib import Path

import click

from selon.cli.app import fail, load_settings, main
from selon.errors import SelonError


@main.command()
@click.option("--db", metavar="PATH", help="The store to serve (default ./selon.duckdb).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; 0.0.0.0 exposes the server to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", type=click.IntRange(1, 32), metavar="N",
              help="Server processes (default: one per core up to 4 when read-only; "
                   "1 with SELON_API_TOKEN or --follow, the only writer).")
@click.option("--follow", "follow", multiple=True, metavar="SOURCE",
              help="Ingest this feed, URL, file or folder now and again every --every "
                   "(repeatable); the server stays the store's only writer.")
@click.option("--every", "every", default="15m", show_default=True, metavar="DURATION",
              help="Time between --follow runs: 30s, 15m, 1h.")
def serve(db: str | None, host: str, port: int, workers: int | None,
          follow: tuple[str, ...], every: str) -> None:
    """Serve the web interface and the HTTP API (OpenAPI at /openapi.json, docs at /docs).

    Read-only unless SELON_API_TOKEN is set (16+ characters): then POST /api/analyze,
    POST /api/ingest and POST /api/ingest/batch (what 'selon ingest --server' sends)
    accept requests bearing "Authorization: Bearer <token>". With --follow the server
    ingests its sources itself on a schedule. Ingestion runs in one queue while pages
    keep answering; /ingest shows the queue and its failures. Under load, requests
    beyond what the server can work on at once wait a few seconds, then get 503 with
    Retry-After.
    """
    from selon.web import serve as run
    from selon.web.ingest_queue import parse_every

    settings = load_settings(db=db)
    try:
        seconds = parse_every(every)
        run(Path(settings.db), host=host, port=port, settings=settings, workers=workers,
            follow=list(follow) or None, every=seconds)
    except SelonError as exc:
        fail(exc)
