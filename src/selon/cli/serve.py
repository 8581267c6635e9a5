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
                   "1 with SELON_API_TOKEN, the only writer).")
def serve(db: str | None, host: str, port: int, workers: int | None) -> None:
    """Serve the web interface and the HTTP API (OpenAPI at /openapi.json, docs at /docs).

    Read-only unless SELON_API_TOKEN is set (16+ characters): then POST /api/analyze
    and POST /api/ingest accept requests bearing "Authorization: Bearer <token>".
    Under load, requests beyond what the server can work on at once wait a few
    seconds, then get 503 with Retry-After.
    """
    from selon.web import serve as run

    settings = load_settings(db=db)
    try:
        run(Path(settings.db), host=host, port=port, settings=settings, workers=workers)
    except SelonError as exc:
        fail(exc)
