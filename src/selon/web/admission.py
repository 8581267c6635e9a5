"""Load control for the web app: a bounded number of requests at work, a short queue, and
503 with ``Retry-After`` beyond it; plus a cache of the answers to GET requests.

Why slots: every request at work holds one store connection and, while its code runs,
one worker thread. With at most :attr:`Admission.slots` requests at work, and a connection
pool of the same size, borrowing a connection never waits, so no request can hold a
connection while waiting for a thread that waits for a connection (the deadlock of
issue 12). Requests beyond the slots wait in a bounded queue for at most ``wait`` seconds;
past that, or when the queue is full, they are answered 503 at once, and the server is
free again as soon as the load stops.

Why a cache: a store served read-only does not change while it is served (DuckDB lets no
other process write it meanwhile), and a store served with a token changes only through
this app's own ingest, which calls :meth:`AnswerCache.clear`. So a successful answer to a
GET request stays right until then. The cache is bounded in entries and bytes. A store
served read-only also shares its answers between the worker processes and across restarts
(:mod:`selon.web.answers`): each process looks in its own memory first, then in the shared
file.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from selon.web import i18n
from selon.web.answers import SharedAnswers
from selon.web.security import error_body

BYPASS = ("/static/",)
NOT_CACHED = ("/static/", "/api/ingest", "/ingest")  # the queue changes by itself


# Requests whose answer costs tens to hundreds of milliseconds when computed (searches,
# an entity's page, the counts of the whole store, the statements of a source): at most
# HEAVY of them work at once in a process, so that they never hold every slot and the
# cheap ones (an article, a page of a list) are not queued behind them.
HEAVY_PATHS = frozenset({"/", "/search", "/api/search", "/api/stats", "/api/attributions",
                         "/sources", "/timeline", "/api/timeline", "/statements",
                         "/api/statements", "/entities"})
HEAVY_PREFIXES = ("/entities/", "/api/entities/", "/stories/", "/api/stories/")


def is_heavy(path: str) -> bool:
    """Whether a request for ``path`` is one of the expensive kind (:data:`HEAVY_PATHS`)."""
    return path in HEAVY_PATHS or path.startswith(HEAVY_PREFIXES)


class Admission:
    """ASGI middleware: at most ``slots`` requests at work, ``queue`` more waiting at most
    ``wait`` seconds each; the others get 503 ``unavailable`` with ``Retry-After``.

    Of the slots, expensive requests (:func:`is_heavy`) take at most ``heavy`` at once
    (they wait for one of theirs first, in the same bounded way), so that
    ``slots - heavy`` are always left to the others."""

    def __init__(self, app: ASGIApp, *, slots: int, queue: int, wait: float,
                 retry_after: int = 1, heavy: int | None = None) -> None:
        self.app = app
        self.slots = slots
        self.queue = queue
        self.wait = wait
        self.retry_after = retry_after
        self.heavy = max(1, min(slots - 1, slots // 2 if heavy is None else heavy)) \
            if slots > 1 else slots
        self.waiting = 0
        self.active = 0
        self.shed = 0  # answered 503 since start (for tests and logs)
        self._sem: asyncio.Semaphore | None = None
        self._heavy: asyncio.Semaphore | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(BYPASS):
            await self.app(scope, receive, send)
            return
        if self._sem is None or self._heavy is None:  # created in the server's event loop
            self._sem = asyncio.Semaphore(self.slots)
            self._heavy = asyncio.Semaphore(self.heavy)
        heavy = self._heavy if is_heavy(scope["path"]) else None
        if heavy is not None and not await self._admit(heavy):
            self.shed += 1
            await self._refuse(send)
            return
        try:
            if not await self._admit(self._sem):
                self.shed += 1
                await self._refuse(send)
                return
            self.active += 1
            try:
                await self.app(scope, receive, send)
            finally:
                self.active -= 1
                self._sem.release()
        finally:
            if heavy is not None:
                heavy.release()

    async def _admit(self, sem: asyncio.Semaphore) -> bool:
        if not sem.locked():
            await sem.acquire()
            return True
        if self.waiting >= self.queue:
            return False
        self.waiting += 1
        try:
            await asyncio.wait_for(sem.acquire(), self.wait)
        except TimeoutError:
            return False
        finally:
            self.waiting -= 1
        return True

    async def _refuse(self, send: Send) -> None:
        body = error_body("unavailable", "the server is busy; retry in "
                          f"{self.retry_after} s")
        await send({"type": "http.response.start", "status": 503, "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"retry-after", str(self.retry_after).encode()),
            (b"cache-control", b"no-store"),
        ]})
        await send({"type": "http.response.body", "body": body})


# (Host header, path, query, HTML or not): pages and exports write absolute links with
# the host the client asked for.
Key = tuple[str, str, str, bool, str]  # host, path, query, HTML or not, the page's language


@dataclass
class _Answer:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


@dataclass
class AnswerCache:
    """Successful GET answers by host, path, query and kind (HTML or not), least recently used
    first out, at most ``entries`` of them and ``max_bytes`` of bodies in all."""

    entries: int = 4096
    max_bytes: int = 128 * 1024 * 1024
    item_bytes: int = 2 * 1024 * 1024
    _items: OrderedDict[Key, _Answer] = field(default_factory=OrderedDict)
    _bytes: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    hits: int = 0
    misses: int = 0
    generation: int = 0  # bumped by clear(): answers computed before are not kept
    shared: SharedAnswers | None = None  # the answers of the other processes (read-only)

    def get(self, key: Key) -> _Answer | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return found
            shared, generation = self.shared, self.generation
        got = shared.get(_shared_key(key)) if shared is not None else None
        if got is None:
            with self._lock:
                self.misses += 1
            return None
        answer = _Answer(*got)
        self._keep(key, answer, generation)
        with self._lock:
            self.hits += 1
        return answer

    def put(self, key: Key, answer: _Answer, generation: int) -> None:
        if len(answer.body) > self.item_bytes:
            return
        if self._keep(key, answer, generation) and self.shared is not None:
            self.shared.put(_shared_key(key), answer.status, answer.headers, answer.body)

    def _keep(self, key: Key, answer: _Answer, generation: int) -> bool:
        with self._lock:
            if generation != self.generation:  # computed before the store changed
                return False
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._items[key] = answer
            self._bytes += len(answer.body)
            while self._items and (len(self._items) > self.entries
                                   or self._bytes > self.max_bytes):
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped.body)
        return True

    def memo(self, name: str, arg: str, compute: Callable[[], Any]) -> Any:
        """What ``compute()`` gives (JSON-ready data) for ``name`` and ``arg``, kept like
        the answers: the data of one entity serves its page and its API answer alike, in
        every process. Each call gets a copy of its own (decoded from JSON)."""
        key = ("", "memo:" + name, arg, False, "")  # data, the same in every language
        generation = self.generation
        found = self.get(key)
        if found is not None:
            return json.loads(found.body)
        value = compute()
        body = json.dumps(value, ensure_ascii=False).encode("utf-8")
        self.put(key, _Answer(200, [], body), generation)
        return json.loads(body)  # the caller's copy: the same as a later call gets

    def clear(self) -> None:
        """Forget every answer (after the store was written), shared ones included."""
        with self._lock:
            self._items.clear()
            self._bytes = 0
            self.generation += 1
            shared, self.shared = self.shared, None
        if shared is not None:  # answers of the store as it was: not to be read again
            shared.close()


def _shared_key(key: Key) -> str:
    host, path, query, html, lang = key
    return f"{'H' if html else 'J'} {lang} {host} {path}?{query}"


class CacheAnswers:
    """ASGI middleware, the outermost: answer a GET from :class:`AnswerCache` when it can
    (the whole answer as it was sent, security and language headers included, so that a
    hit runs nothing else of the app), with 304 when the client already has it (its
    ``ETag`` in ``If-None-Match``); keep the successful (200) answers of the others, each
    with its ``ETag``.

    Requests for the same answer while it is being computed wait for it (at most
    ``wait`` seconds) instead of computing it again side by side."""

    def __init__(self, app: ASGIApp, cache: AnswerCache, wait: float = 5.0) -> None:
        self.app = app
        self.cache = cache
        self.wait = wait
        self._computing: dict[Key, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" \
                or scope["path"].startswith(NOT_CACHED):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        key = (headers.get(b"host", b"").decode("latin-1"), scope["path"],
               scope.get("query_string", b"").decode("latin-1"),
               b"text/html" in headers.get(b"accept", b""),
               i18n.scope_language(scope))  # a page per language
        found = self.cache.get(key)
        if found is None and key in self._computing:  # asked already: wait for it
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._computing[key].wait(), self.wait)
            found = self.cache.get(key)
        if found is not None:
            await _send_kept(found, headers.get(b"if-none-match"), send)
            return
        done = self._computing.setdefault(key, asyncio.Event())
        try:
            await self._compute(scope, receive, send, key)
        finally:
            if self._computing.get(key) is done:
                del self._computing[key]
            done.set()

    async def _compute(self, scope: Scope, receive: Receive, send: Send, key: Key) -> None:
        """Run the app, holding its answer back until it is whole (at most the cache's
        ``item_bytes``), then send and keep it with its ETag; a longer answer goes out
        as it comes, not kept."""
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        passing = False  # the answer is not kept: messages go out as they come
        generation = self.cache.generation

        async def keep(message: Message) -> None:
            nonlocal start, size, passing
            if passing:
                await send(message)
                return
            if message["type"] == "http.response.start":
                start = message
                if message.get("status") != 200:
                    passing = True
                    await send(message)
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            body = message.get("body", b"")
            chunks.append(body)
            size += len(body)
            if message.get("more_body"):
                if size > self.cache.item_bytes:  # too long to keep: out as it comes
                    passing = True
                    await send(start)
                    await send({"type": "http.response.body", "body": b"".join(chunks),
                                "more_body": True})
                return
            whole = b"".join(chunks)
            raw = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"etag"]
            raw.append((b"etag", etag(whole)))
            answer = _Answer(200, raw, whole)
            self.cache.put(key, answer, generation)
            await send({"type": "http.response.start", "status": 200, "headers": raw})
            await send({"type": "http.response.body", "body": whole})

        await self.app(scope, receive, keep)


def etag(body: bytes) -> bytes:
    """A strong validator of an answer's body."""
    return b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'


# Headers a 304 repeats from the answer it stands for (RFC 9110, 15.4.5)
_NOT_MODIFIED_KEEPS = (b"etag", b"vary", b"cache-control", b"content-location", b"expires",
                       b"date")


async def _send_kept(answer: _Answer, if_none_match: bytes | None, send: Send) -> None:
    """Send a kept answer, or 304 when ``If-None-Match`` names its ETag."""
    if if_none_match is not None:
        tag = next((v for k, v in answer.headers if k == b"etag"), None)
        given = {t.strip().removeprefix(b"W/") for t in if_none_match.split(b",")}
        if tag is not None and (tag in given or b"*" in given):
            await send({"type": "http.response.start", "status": 304, "headers": [
                (k, v) for k, v in answer.headers if k.lower() in _NOT_MODIFIED_KEEPS]})
            await send({"type": "http.response.body", "body": b""})
            return
    await send({"type": "http.response.start", "status": answer.status,
                "headers": answer.headers})
    await send({"type": "http.response.body", "body": answer.body})
