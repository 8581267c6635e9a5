"""The web app's load control and kept answers (selon.web.admission): expensive requests
never hold every slot, a kept answer is sent whole with its ETag (304 when the client has
it), and requests for one answer being computed wait for it instead of computing it again.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from fastapi.testclient import TestClient

from selon.web.admission import Admission, AnswerCache, CacheAnswers, is_heavy

if TYPE_CHECKING:
    from web_fixtures import DemoStore


def test_a_kept_answer_is_the_same_whole_answer_and_304_for_its_etag(
        client: TestClient, demo_store: DemoStore) -> None:
    for url, headers in ((f"/articles/{demo_store.paris}?v=etag", {"Accept": "text/html"}),
                         ("/api/articles?limit=2&v=etag", {})):
        first = client.get(url, headers=headers)
        again = client.get(url, headers=headers)
        assert first.status_code == again.status_code == 200
        tag = first.headers["etag"]
        assert tag.startswith('"') and tag.endswith('"') and len(tag) > 10
        # the kept answer carries every header the computed one had: security, language
        assert dict(again.headers) == dict(first.headers)
        assert again.content == first.content
        assert "content-security-policy" in again.headers
        same = client.get(url, headers={**headers, "If-None-Match": f'W/{tag}, "other"'})
        assert same.status_code == 304 and same.content == b""
        assert same.headers["etag"] == tag
        other = client.get(url, headers={**headers, "If-None-Match": '"not-it"'})
        assert other.status_code == 200 and other.content == first.content


def test_answers_of_different_bodies_have_different_etags(client: TestClient) -> None:
    one = client.get("/api/articles?limit=1&offset=0")
    two = client.get("/api/articles?limit=1&offset=1")
    assert one.json()["items"] != two.json()["items"]
    assert one.headers["etag"] != two.headers["etag"]


def test_the_heavy_requests_are_searches_entity_pages_and_counts() -> None:
    for path in ("/", "/search", "/api/search", "/api/stats", "/entities/x",
                 "/api/entities/x", "/api/attributions", "/timeline"):
        assert is_heavy(path), path
    for path in ("/articles/abc", "/api/articles", "/api/articles/abc", "/api/entities",
                 "/api/sources", "/static/selon.css"):
        assert not is_heavy(path), path


class Blocking:
    """An ASGI app whose requests stay at work until ``release`` is set, counting how many
    are at work at once, by path."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.at_work: dict[str, int] = {}
        self.most: dict[str, int] = {}
        self.calls = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        path = scope["path"]
        self.calls += 1
        self.at_work[path] = self.at_work.get(path, 0) + 1
        self.most[path] = max(self.most.get(path, 0), self.at_work[path])
        try:
            await self.release.wait()
        finally:
            self.at_work[path] -= 1
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": path.encode()})


async def _get(app: Any, path: str) -> tuple[int, bytes, dict[bytes, bytes]]:
    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"",
             "headers": [(b"host", b"test")]}
    got: dict[str, Any] = {"body": b""}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            got["status"] = message["status"]
            got["headers"] = dict(message["headers"])
        else:
            got["body"] += message.get("body", b"")

    await app(scope, receive, send)
    return got["status"], got["body"], got["headers"]


def test_heavy_requests_leave_slots_to_the_others() -> None:
    async def run() -> tuple[Blocking, list[int], int]:
        inner = Blocking()
        gate = Admission(inner, slots=4, queue=20, wait=10, heavy=2)
        heavy = [asyncio.create_task(_get(gate, "/api/search")) for _ in range(6)]
        await asyncio.sleep(0.05)
        light = [asyncio.create_task(_get(gate, "/api/articles")) for _ in range(2)]
        await asyncio.sleep(0.05)
        # two searches at work, four waiting; both cheap requests at work beside them
        at_work = (inner.at_work.get("/api/search", 0), inner.at_work.get("/api/articles", 0))
        inner.release.set()
        done = await asyncio.wait_for(asyncio.gather(*heavy, *light), 10)
        return inner, [at_work[0], at_work[1], *(s for s, _, _ in done)], gate.shed

    inner, seen, shed = asyncio.run(run())
    assert seen[:2] == [2, 2]
    assert set(seen[2:]) == {200} and shed == 0
    assert inner.most["/api/search"] == 2


def test_heavy_requests_past_their_queue_are_shed_with_retry_after() -> None:
    async def run() -> list[tuple[int, bytes, dict[bytes, bytes]]]:
        inner = Blocking()
        gate = Admission(inner, slots=4, queue=1, wait=10, heavy=1)
        tasks = [asyncio.create_task(_get(gate, "/search")) for _ in range(4)]
        await asyncio.sleep(0.05)
        inner.release.set()
        return await asyncio.wait_for(asyncio.gather(*tasks), 10)

    statuses = sorted(s for s, _, _ in asyncio.run(run()))
    assert statuses == [200, 200, 503, 503]  # one at work, one waiting, two shed


def test_requests_for_one_answer_being_computed_wait_for_it() -> None:
    async def run() -> tuple[Blocking, list[tuple[int, bytes, dict[bytes, bytes]]], int]:
        inner = Blocking()
        cache = AnswerCache()
        kept = CacheAnswers(inner, cache, wait=10)
        tasks = [asyncio.create_task(_get(kept, "/api/articles")) for _ in range(5)]
        await asyncio.sleep(0.05)
        inner.release.set()
        done = await asyncio.wait_for(asyncio.gather(*tasks), 10)
        return inner, done, cache.hits

    inner, done, hits = asyncio.run(run())
    assert inner.calls == 1  # computed once
    assert hits == 4
    assert {(s, b) for s, b, _ in done} == {(200, b"/api/articles")}
    assert len({h[b"etag"] for _, _, h in done}) == 1
