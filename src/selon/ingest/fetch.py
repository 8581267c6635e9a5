"""Fetch one URL safely: http(s) only, public addresses only, bounded in time and size.

Every hop (the URL, each redirect, each ``/robots.txt``) is resolved once, every address
checked, and the connection made to the checked address only: see
:mod:`selon.ingest.netguard` for why this defeats DNS rebinding.

Limits: one monotonic deadline covers the whole fetch (connecting, TLS, sending, every
redirect, every robots.txt lookup and every byte of the body; each socket operation gets
at most the time left). Cloud metadata addresses are refused even with ``allow_private``.
The body is streamed and refused as soon as it passes ``max_bytes`` (at once if the
``Content-Length`` says so; gzip bodies are bounded after decompression too).
robots.txt is read with :mod:`urllib.robotparser`, cached per origin in the process.

The resolver and the address check are parameters, so tests can say "this address is
public" without touching the network.
"""

from __future__ import annotations

import ssl
import threading
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from selon import __version__
from selon.errors import InputError
from selon.ingest.netguard import (
    AddressCheck,
    IPAddress,
    PinnedBackend,
    Resolver,
    address_problem,
    metadata_problem,
    system_resolve,
)
from selon.ingest.reading import decode
from selon.reasons import say

__all__ = [
    "DEFAULT_USER_AGENT", "AddressCheck", "Fetched", "IPAddress", "Resolver",
    "address_problem", "charset_of", "clear_robots_cache", "decode_body", "fetch",
    "system_resolve",
]

DEFAULT_USER_AGENT = f"selon/{__version__} (+news attribution research)"
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB
ROBOTS_TIMEOUT = 10.0

@dataclass(frozen=True)
class Fetched:
    """What a server answered: the final URL (after redirects), status, type, bytes."""

    url: str
    status: int
    content_type: str | None
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def is_html(self) -> bool:
        ctype = (self.content_type or "").lower()
        return "html" in ctype

    def text(self) -> str:
        """The body decoded: the charset the server named, else UTF-8, else detected."""
        return decode_body(self.content, self.content_type, self.url)


def decode_body(data: bytes, content_type: str | None, name: str) -> str:
    """HTTP body bytes as text: the ``charset`` of ``content_type``, else UTF-8 or detected.

    Raises InputError (source=name) for empty or binary bodies.
    """
    charset = charset_of(content_type)
    if charset and data.strip():
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    text, _warning = decode(data, name)
    return text


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 15.0,
    max_bytes: int,
    user_agent: str = DEFAULT_USER_AGENT,
    respect_robots: bool = True,
    resolve: Resolver = system_resolve,
    check: AddressCheck = address_problem,
    ssl_context: ssl.SSLContext | None = None,
) -> Fetched:
    """GET ``url`` and return the final 2xx answer, or raise InputError(source=url).

    Redirects are followed (at most :data:`MAX_REDIRECTS`), each hop checked again:
    scheme, resolved addresses (unless ``allow_private``) and robots.txt (unless
    ``respect_robots`` is False). ``resolve`` and ``check`` are for tests;
    ``ssl_context`` for private certificate authorities (default: certifi's).
    """
    answer = _follow(url, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes,
                     user_agent=user_agent, respect_robots=respect_robots, resolve=resolve,
                     check=check, truncate=False, ssl_context=ssl_context)
    if not 200 <= answer.status < 300:
        raise InputError(_status_message(answer.status), source=url)
    return answer


def _follow(
    url: str,
    *,
    allow_private: bool,
    timeout: float,
    max_bytes: int,
    user_agent: str,
    respect_robots: bool,
    resolve: Resolver,
    check: AddressCheck,
    truncate: bool,
    ssl_context: ssl.SSLContext | None = None,
    deadline: float | None = None,
) -> Fetched:
    """The final answer after redirects, whatever its status, before ``deadline`` (a
    monotonic time; default ``timeout`` from now), robots.txt lookups included."""
    deadline = min(deadline, time.monotonic() + timeout) if deadline else \
        time.monotonic() + timeout
    current = _parse(url, source=url)
    seen = {str(current)}
    for _hop in range(MAX_REDIRECTS + 1):
        addresses = _addresses(current, allow_private, resolve, check, source=url)
        if respect_robots:
            _robots_check(current, user_agent=user_agent, allow_private=allow_private,
                          resolve=resolve, check=check, source=url, ssl_context=ssl_context,
                          deadline=deadline)
        answer = _get(current, addresses, deadline=deadline, timeout=timeout,
                      max_bytes=max_bytes, user_agent=user_agent, truncate=truncate, source=url,
                      ssl_context=ssl_context)
        if answer.status not in REDIRECT_STATUSES:
            return answer
        location = answer.headers.get("location")
        if not location:
            raise InputError(f"the server answered {answer.status} (a redirect) without saying "
                             "where to; try the URL in a browser", source=url)
        try:
            current = current.join(location)
        except httpx.InvalidURL as exc:
            raise InputError(f"the server redirects to an invalid URL {location!r}",
                             source=url) from exc
        current = _parse(str(current), source=url)
        if str(current) in seen:
            raise InputError(f"too many redirects: {current} redirects back to a URL already "
                             "visited (a loop); the site is misconfigured", source=url)
        seen.add(str(current))
    raise InputError(f"too many redirects (more than {MAX_REDIRECTS}); give the final URL "
                     "directly", source=url)


def _parse(url: str, *, source: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise InputError(f"not a valid URL ({exc})", source=source) from exc
    if parsed.scheme not in ("http", "https"):
        scheme = f"{parsed.scheme}:" if parsed.scheme else "a URL without a scheme"
        raise InputError(f"only http:// and https:// URLs can be fetched, not {scheme}; give "
                         "a local file as a path instead", source=source)
    if not parsed.host:
        raise InputError("the URL has no host name", source=source)
    if parsed.userinfo:
        raise InputError("URLs with a user name or password are not fetched; remove them "
                         "from the URL", source=source)
    return parsed.copy_with(fragment=None)


def _port(url: httpx.URL) -> int:
    return url.port or (443 if url.scheme == "https" else 80)


def _addresses(url: httpx.URL, allow_private: bool, resolve: Resolver, check: AddressCheck,
               *, source: str) -> list[IPAddress]:
    host = url.raw_host.decode("ascii")
    try:
        addresses = resolve(host, _port(url))
    except (OSError, UnicodeError) as exc:
        raise InputError(f"cannot resolve the host name {url.host!r} ({exc}); check the URL "
                         "and the network", source=source) from exc
    if not addresses:
        raise InputError(f"the host name {url.host!r} resolves to no address", source=source)
    for addr in addresses:
        # Metadata services stay refused even for an intranet: they hand out credentials.
        problem = metadata_problem(addr)
        if problem:
            raise InputError(f"refused to fetch from {url.host}: {problem}; selon never "
                             "fetches these, even with allow_private", source=source)
        problem = None if allow_private else check(addr)
        if problem:
            raise InputError(f"refused to fetch from {url.host}: {problem}; selon only "
                             "fetches public addresses (allow_private=True to override, "
                             "for trusted networks only)", source=source)
    return addresses


def _get(url: httpx.URL, addresses: list[IPAddress], *, deadline: float, timeout: float,
         max_bytes: int, user_agent: str, truncate: bool, source: str,
         ssl_context: ssl.SSLContext | None) -> Fetched:
    """One request to one of ``addresses``; the body is read unless it is a redirect."""
    backend = PinnedBackend(url.raw_host.decode("ascii"), addresses, deadline)
    target = httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port,
                          target=url.raw_path)
    headers = [(b"Host", url.netloc), (b"User-Agent", user_agent.encode("ascii", "replace")),
               (b"Accept", b"text/html,application/xhtml+xml,application/xml;q=0.9,"
                           b"application/rss+xml,application/atom+xml,text/plain;q=0.8,*/*;q=0.5"),
               (b"Accept-Encoding", b"gzip, identity")]
    left = max(deadline - time.monotonic(), 0.001)
    extensions: dict[str, Any] = {
        "timeout": {"connect": left, "read": left, "write": left, "pool": left},
    }
    try:
        with httpcore.ConnectionPool(ssl_context=ssl_context, network_backend=backend,
                                     retries=0, max_connections=1, http1=True,
                                     http2=False) as pool, \
                pool.stream("GET", target, headers=headers, extensions=extensions) as response:
            resp_headers = _headers(response.headers)
            status = response.status
            content = b""
            if status not in REDIRECT_STATUSES:
                content = _read_body(response.iter_stream(), resp_headers, max_bytes,
                                     truncate=truncate, source=source)
    except httpcore.TimeoutException as exc:
        raise InputError(f"no complete answer from {url.host} within {timeout:g} s (the "
                         "server is slow or unreachable); retry later or raise the timeout",
                         source=source) from exc
    except httpcore.ConnectError as exc:
        raise InputError(f"cannot connect to {url.host} ({exc or 'refused'}); check the URL "
                         "and the network", source=source) from exc
    except (httpcore.ProtocolError, httpcore.NetworkError) as exc:
        raise InputError(f"the connection to {url.host} failed ({exc or type(exc).__name__});"
                         " retry later", source=source) from exc
    return Fetched(url=str(url), status=status, content_type=resp_headers.get("content-type"),
                   content=content, headers=resp_headers)


def _headers(raw: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in raw:
        key, value = k.decode("latin-1").lower(), v.decode("latin-1")
        out[key] = f"{out[key]}, {value}" if key in out else value
    return out


def _read_body(chunks: Iterable[bytes], headers: dict[str, str], max_bytes: int, *,
               truncate: bool, source: str) -> bytes:
    """The body, gunzipped if needed, never holding more than ``max_bytes`` of it."""
    length = headers.get("content-length", "")
    if not truncate and length.isdigit() and int(length) > max_bytes:
        raise InputError(_too_big(max_bytes, f"announces {int(length)} bytes"), source=source)
    encoding = headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate", ""):
        raise InputError(f"the server sent a body encoded as {encoding!r}, which selon cannot "
                         "decode", source=source)
    inflate = None
    if encoding in ("gzip", "x-gzip"):
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflate = zlib.decompressobj()
    out = bytearray()
    received = 0
    for chunk in chunks:
        received += len(chunk)
        if inflate is not None:
            try:
                piece = inflate.decompress(chunk, max_bytes + 1 - len(out))
            except zlib.error as exc:
                raise InputError(f"the server sent invalid {encoding} data ({exc})",
                                 source=source) from exc
            over = len(out) + len(piece) > max_bytes or bool(inflate.unconsumed_tail)
        else:
            piece = chunk
            over = len(out) + len(piece) > max_bytes
        if over or received > max_bytes:
            if truncate:
                out += piece[: max(max_bytes - len(out), 0)]
                return bytes(out)
            raise InputError(_too_big(max_bytes, "sent more"), source=source)
        out += piece
    return bytes(out)


def _too_big(max_bytes: int, what: str) -> str:
    return (f"the page is too large (the server {what} than the {max_bytes} byte limit); "
            "raise it with --max-size or SELON_MAX_BYTES if this really is one article")


def _status_message(status: int) -> str:
    if status in (401, 403):
        hint = say("fetch.login")
    elif status in (404, 410):
        hint = say("fetch.gone")
    elif status == 429 or status >= 500:
        hint = say("fetch.busy")
    else:
        hint = say("fetch.check")
    return say("fetch.status", status=status, hint=hint)


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header value, if any."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


# --- robots.txt -------------------------------------------------------------------------

_robots_cache: dict[tuple[str, bool], RobotFileParser | str] = {}
_robots_lock = threading.Lock()


def clear_robots_cache() -> None:
    """Forget every robots.txt read so far (for tests and long-running processes)."""
    with _robots_lock:
        _robots_cache.clear()


def _robots_check(url: httpx.URL, *, user_agent: str, allow_private: bool, resolve: Resolver,
                  check: AddressCheck, source: str, ssl_context: ssl.SSLContext | None,
                  deadline: float) -> None:
    origin = str(url.copy_with(path="/", query=None, fragment=None)).rstrip("/")
    key = (origin, allow_private)
    with _robots_lock:
        rules = _robots_cache.get(key)
    if rules is None:
        rules = _load_robots(origin, user_agent=user_agent, allow_private=allow_private,
                             resolve=resolve, check=check, ssl_context=ssl_context,
                             deadline=deadline)
        if not (isinstance(rules, str) and time.monotonic() >= deadline):
            with _robots_lock:  # a lookup cut short by this fetch's deadline is not kept
                _robots_cache[key] = rules
    if isinstance(rules, str):
        raise InputError(rules, source=source)
    if not rules.can_fetch(user_agent, str(url)):
        raise InputError(f"robots.txt of {url.host} disallows selon for this page; use a copy "
                         "you are allowed to read (a saved file or a WARC), or ask the site",
                         source=source)


def _load_robots(origin: str, *, user_agent: str, allow_private: bool, resolve: Resolver,
                 check: AddressCheck, ssl_context: ssl.SSLContext | None, deadline: float
                 ) -> RobotFileParser | str:
    """The parsed rules, or the reason (a message) why nothing may be fetched."""
    robots_url = f"{origin}/robots.txt"
    host = httpx.URL(origin).host
    parser = RobotFileParser(robots_url)
    try:
        answer = _follow(robots_url, allow_private=allow_private, timeout=ROBOTS_TIMEOUT,
                         max_bytes=ROBOTS_MAX_BYTES, user_agent=user_agent,
                         respect_robots=False, resolve=resolve, check=check, truncate=True,
                         ssl_context=ssl_context, deadline=deadline)
    except InputError as exc:
        detail = str(exc).removeprefix(f"{robots_url}: ")
        return (f"cannot read robots.txt of {host} ({detail}), so selon does not fetch from "
                "it; retry later")
    if 200 <= answer.status < 300:
        parser.parse(answer.content.decode("utf-8", "replace").splitlines())
    elif 400 <= answer.status < 500:
        parser.parse([])  # RFC 9309: robots.txt "unavailable", so crawling is allowed
    else:
        return (f"robots.txt of {host} answered HTTP {answer.status}, so selon must assume "
                "it may not fetch from it (RFC 9309); retry later")
    return parser
