"""The web interface and HTTP API over a selon store (``selon serve``)."""

from __future__ import annotations

from selon.web.app import create_app, serve

__all__ = ["create_app", "serve"]
