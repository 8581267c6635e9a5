"""A throw-away HTTP server on a loopback address, for tests that fetch (never the internet)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler], host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``handler`` on ``host`` (a free port) and yield the base URL."""
    server = ThreadingHTTPServer((host, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        h = f"[{host}]" if ":" in host else host
        yield f"http://{h}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
