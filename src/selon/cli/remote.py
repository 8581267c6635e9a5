"""``selon ingest --server URL``: read the inputs here, send the articles to a running
server's ingest queue (``POST /api/ingest/batch``), wait for it to store them.

The served store has one writer, the server; this client never opens the file.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import click

from selon.errors import ConfigError, InputError, SelonError
from selon.model import Article, Failure

SEND_EVERY = 100  # articles per request (the server takes up to 500)
POLL = 0.5  # seconds between looks at a job
WAIT = 3600.0  # seconds to wait for the server to finish the jobs sent


@dataclass
class RemoteSummary:
    sent: int = 0
    stored: int = 0
    present: int = 0
    duplicates: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)
    seconds: float = 0.0


def _payload(article: Article) -> dict[str, Any]:
    return {"text": article.text, "title": article.title, "url": article.url,
            "outlet": article.outlet, "lang": article.lang,
            "published": article.published.isoformat() if article.published else None,
            "published_from": article.published_from, "source": article.source}


class Server:
    """A running selon server that ingests, reached with the bearer token."""

    def __init__(self, url: str, token: str | None, timeout: float = 60.0) -> None:
        import httpx

        if not url.lower().startswith(("http://", "https://")):
            raise ConfigError(f"--server {url!r}: give the server's http(s) address, "
                              "e.g. http://127.0.0.1:8000")
        if not token:
            raise ConfigError("--server needs the server's token in SELON_API_TOKEN")
        self.url = url.rstrip("/")
        self._http = httpx.Client(base_url=self.url, timeout=timeout,
                                  headers={"Authorization": f"Bearer {token}"})

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, path: str, **kw: Any) -> dict[str, Any]:
        import httpx

        for attempt in range(6):
            try:
                r = self._http.request(method, path, **kw)
            except httpx.HTTPError as exc:
                raise InputError(f"cannot reach the server: {exc}", source=self.url) from None
            if r.status_code == 503 and attempt < 5:  # busy: it says when to come back
                time.sleep(min(float(r.headers.get("Retry-After", "2") or 2), 30.0))
                continue
            break
        try:
            body: dict[str, Any] = r.json()
        except ValueError:
            body = {}
        if r.status_code >= 400:
            message = (body.get("error") or {}).get("message") or r.reason_phrase
            raise InputError(f"the server answered {r.status_code}: {message}",
                             source=self.url + path)
        return body

    def send(self, articles: list[Article]) -> int:
        """Queue ``articles``; the job's id."""
        job = self._call("POST", "/api/ingest/batch",
                         json={"articles": [_payload(a) for a in articles]})
        return int(job["id"])

    def job(self, job_id: int) -> dict[str, Any]:
        return self._call("GET", f"/api/ingest/jobs/{job_id}")


def ingest(items: Iterable[Article | Failure], server: Server,
           on_progress: Any = None) -> RemoteSummary:
    """Send every article of ``items`` and wait for the server to have worked them all."""
    summary = RemoteSummary()
    started = time.perf_counter()
    jobs: list[int] = []
    batch: list[Article] = []

    def flush() -> None:
        if batch:
            jobs.append(server.send(batch))
            summary.sent += len(batch)
            batch.clear()

    for item in items:
        if isinstance(item, Failure):
            summary.failures.append((item.input, item.reason))
            continue
        batch.append(item)
        if len(batch) >= SEND_EVERY:
            flush()
    flush()
    deadline = time.monotonic() + WAIT
    finished: dict[int, dict[str, Any]] = {}
    while len(finished) < len(jobs):
        for job_id in jobs:
            if job_id in finished:
                continue
            job = server.job(job_id)
            if job["state"] in ("done", "failed"):
                finished[job_id] = job
        if on_progress is not None:
            on_progress(summary.sent, sum(j["stored"] + j["present"] for j in finished.values()))
        if len(finished) < len(jobs):
            if time.monotonic() > deadline:
                raise InputError("the server has not finished after an hour; see its /ingest "
                                 "page", source=server.url)
            time.sleep(POLL)
    for job in finished.values():
        summary.stored += job["stored"]
        summary.present += job["present"]
        summary.duplicates += job["duplicates"]
        summary.failures += [(f["input"], f["reason"]) for f in job["failures"]]
        if job["error"]:
            summary.failures.append((f"job {job['id']}", job["error"]))
    summary.seconds = time.perf_counter() - started
    return summary


def run(inputs: list[str], settings: Any, url: str) -> RemoteSummary:
    """What ``selon ingest --server URL INPUTS`` does; prints its summary line."""
    from selon.ingest.sources import iter_inputs

    server = Server(url, os.environ.get("SELON_API_TOKEN", "").strip() or None)
    try:
        stream = iter_inputs(inputs, settings, allow_private=settings.allow_private,
                             respect_robots=settings.respect_robots,
                             timeout=float(settings.fetch_timeout))
        summary = ingest(stream, server)
    except SelonError:
        server.close()
        raise
    server.close()
    click.echo(f"sent {summary.sent} to {server.url}: stored {summary.stored} "
               f"({summary.duplicates} near-duplicates linked), already present "
               f"{summary.present}, failed {len(summary.failures)}, in "
               f"{summary.seconds:.1f} s")
    return summary
