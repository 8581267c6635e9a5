"""Security for the web app: response headers, the request body limit, the bearer token.

Everything here is plain ASGI middleware or a FastAPI dependency, so it wraps every
response: pages, the JSON API, static files and errors alike.
"""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import Iterable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script anywhere: every script is a file under /static. Styles likewise.
CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))

# Plotly injects a <style> element for its own widgets: the timeline page (and only it)
# allows inline *styles*. Scripts stay 'self' only.
CSP_INLINE_STYLES = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

HEADERS: dict[str, str] = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def error_body(code: str, message: str) -> bytes:
    """The one error shape of the API, as JSON bytes."""
    return json.dumps({"error": {"code": code, "message": message}},
                      ensure_ascii=False).encode("utf-8")


class SecurityHeaders:
    """Add :data:`HEADERS` to every HTTP response that does not set them itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw: list[tuple[bytes, bytes]] = list(message.get("headers", []))
                present = {name.lower() for name, _ in raw}
                for name, value in HEADERS.items():
                    if name.lower().encode() not in present:
                        raw.append((name.lower().encode(), value.encode()))
                message["headers"] = raw
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413 and the JSON error shape.

    A declared ``Content-Length`` over the limit is refused before reading anything; a
    chunked body is read up to the limit and refused as soon as it passes it. Bodies within
    the limit are buffered and handed to the app unchanged.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _refuse(self, send: Send) -> None:
        body = error_body("too_large", f"the request body is over the limit of "
                          f"{self.max_bytes} bytes; send a smaller article")
        await send({"type": "http.response.start", "status": 413, "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope.get("headers", []))
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(chunk)
            more = bool(message.get("more_body"))
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _content_length(headers: Iterable[tuple[bytes, bytes]]) -> int | None:
    for name, value in headers:
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def token_matches(configured: str, authorization: str | None) -> bool:
    """Whether an ``Authorization`` header carries ``Bearer <configured>`` (constant time)."""
    if not authorization:
        return False
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode("utf-8"), configured.encode("utf-8"))


def safe_href(url: Any) -> str | None:
    """``url`` if it is an http(s) URL fit to link to, else None (shown as text only)."""
    if not isinstance(url, str):
        return None
    low = url.strip().lower()
    if (low.startswith(("http://", "https://")) and not any(c in url for c in "\r\n\t<>\"'`")
            and " " not in url.strip()):
        return url.strip()
    return None


_URL = re.compile(r"^https?://", re.IGNORECASE)
# An absolute file-system path inside a message: "/", then at least two path parts.
_SERVER_PATH = re.compile(r"(?<![\w/:.~-])(?:/[^\s/'\"<>|]+){2,}/?")


def public_source(source: str | None) -> str | None:
    """Where an article was read from, as a client may see it: a URL as it is, a file by
    its name alone (``/srv/in/corpus.jsonl:line 12`` is ``corpus.jsonl:line 12``)."""
    if source is None or _URL.match(source):
        return source
    return source.replace("\\", "/").rsplit("/", 1)[-1] or None


def hide_server_paths(message: str) -> str:
    """``message`` with every absolute file path cut to its last part ("…/name")."""
    return _SERVER_PATH.sub(lambda m: "…/" + m.group(0).rstrip("/").rsplit("/", 1)[-1],
                            message)
