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
def serve(db: str | None, host: str, port: int) -> None:
    """Serve the web interface and the HTTP API (OpenAPI at /openapi.json, docs at /docs).

    Read-only unless SELON_API_TOKEN is set (16+ characters): then POST /api/analyze
    and POST /api/ingest accept requests bearing "Authorization: Bearer <token>".
    """
    from selon.web import serve as run

    settings = load_settings(db=db)
    try:
        run(Path(settings.db), host=host, port=port, settings=settings)
    except SelonError as exc:
        fail(exc)
