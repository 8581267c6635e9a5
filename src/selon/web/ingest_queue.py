"""The served store's one writer: a queue of ingest jobs worked by one thread.

A newsroom keeps ``selon serve`` running and feeds it: jobs come from the server's own
schedule (``selon serve --follow SOURCES --every 15m``) and from clients
(``selon ingest --server URL``, ``POST /api/ingest/batch``). One thread takes them in
order, analyses in a separate process (the server's threads keep answering) and writes
through its own connection to the store the server already holds, so nothing else ever
needs the file lock. After each stored group the server's answer cache is cleared: pages
show the new articles without a restart.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from selon.errors import SelonError
from selon.model import Article, Failure
from selon.reasons import Reason, machine, say
from selon.settings import Settings

log = logging.getLogger(__name__)

KEEP = 50  # finished jobs kept for the queue page
FRESH_EVERY = 5.0  # seconds: during a job, cached answers are dropped at most this often
MAX_QUEUED = 100  # jobs waiting at once; more are refused (the client retries)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def shown_input(name: str) -> str:
    """What a page may show of an input: a URL as given, a server file by its name only."""
    if "://" in name or name.startswith("<"):
        return name
    return Path(name).name or name


@dataclass
class Job:
    """One ingest run: where its inputs come from, its state and what became of them."""

    id: int
    origin: str  # "follow" (the server's schedule) or "client"
    inputs: list[str]  # what it reads, as shown (sources, or "N articles from a client")
    total: int | None = None  # articles to ingest when known at submission
    state: str = "queued"  # queued | running | done | failed
    queued: datetime = field(default_factory=_now)
    started: datetime | None = None
    finished: datetime | None = None
    stored: int = 0
    present: int = 0
    duplicates: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)
    error: str | None = None  # why the whole job failed

    def to_json(self) -> dict[str, Any]:
        def iso(t: datetime | None) -> str | None:
            return t.isoformat() if t else None

        return {"id": self.id, "origin": self.origin, "inputs": self.inputs,
                "total": self.total, "state": self.state, "queued": iso(self.queued),
                "started": iso(self.started), "finished": iso(self.finished),
                "stored": self.stored, "present": self.present,
                "duplicates": self.duplicates,
                "failures": [{"input": i, "reason": r, "reason_code": machine(r)}
                             for i, r in self.failures],
                "error": self.error, "error_code": machine(self.error)}


Feed = Callable[[], Iterable[Article | Failure]]


class IngestQueue:
    """Ingest jobs for the store at ``path``, worked in order by one thread.

    ``on_stored`` is called (from the worker thread) after articles were written: the
    server clears its answer cache there. ``every`` seconds (if given) the ``follow``
    sources are queued again, unless their previous run is still queued or running.
    """

    def __init__(self, path: Path, settings: Settings, *,
                 on_stored: Callable[[], None] = lambda: None,
                 follow: list[str] | None = None, every: float | None = None) -> None:
        self.path = path
        self.settings = settings
        self.follow = list(follow or [])
        self.every = every
        self._on_stored = on_stored
        self._lock = threading.Condition()
        self._waiting: deque[tuple[Job, Feed]] = deque()
        self._jobs: dict[int, Job] = {}
        self._done: deque[int] = deque()
        self._next_id = 1
        self._stop = False
        self._thread: threading.Thread | None = None
        self._timer: threading.Thread | None = None

    # -- submitting ---------------------------------------------------------------------

    def submit_articles(self, articles: list[Article], origin: str = "client") -> Job:
        """Queue articles already read (by a client); returns the job at once."""
        job = self._new(origin, [say("ingest.from_client", n=len(articles))], len(articles))
        return self._queue(job, lambda: list(articles))

    def submit_sources(self, sources: list[str], origin: str = "follow") -> Job:
        """Queue files, folders, JSONL, feeds or URLs read by the server itself."""
        from selon.ingest.sources import iter_inputs

        job = self._new(origin, [shown_input(s) for s in sources], None)
        settings = self.settings
        return self._queue(job, lambda: iter_inputs(
            sources, settings, allow_private=settings.allow_private,
            respect_robots=settings.respect_robots, timeout=float(settings.fetch_timeout)))

    def _new(self, origin: str, inputs: list[str], total: int | None) -> Job:
        with self._lock:
            job = Job(self._next_id, origin, inputs, total)
            self._next_id += 1
            return job

    def _queue(self, job: Job, feed: Feed) -> Job:
        from selon.errors import StoreError

        with self._lock:
            if len(self._waiting) >= MAX_QUEUED:
                raise StoreError(f"the ingest queue is full ({MAX_QUEUED} jobs waiting); "
                                 "retry in a few minutes")
            self._jobs[job.id] = job
            self._waiting.append((job, feed))
            self._lock.notify_all()
        return job

    # -- reading ------------------------------------------------------------------------

    def job(self, job_id: int) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def jobs(self) -> list[Job]:
        """Every job known, newest first: waiting, running, then the last finished."""
        with self._lock:
            return sorted(self._jobs.values(), key=lambda j: j.id, reverse=True)

    def wait(self, job_id: int, timeout: float) -> Job | None:
        """The job once it has finished (or as it is when ``timeout`` seconds pass)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                job = self._jobs.get(job_id)
                left = deadline - time.monotonic()
                if job is None or job.state in ("done", "failed") or left <= 0:
                    return job
                self._lock.wait(min(left, 1.0))

    # -- working ------------------------------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._work, name="selon-ingest", daemon=True)
        self._thread.start()
        if self.follow and self.every:
            self._timer = threading.Thread(target=self._schedule, name="selon-follow",
                                           daemon=True)
            self._timer.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop taking jobs; the running one finishes its current write first."""
        with self._lock:
            self._stop = True
            self._lock.notify_all()
        for thread in (self._thread, self._timer):
            if thread is not None:
                thread.join(timeout)

    def _schedule(self) -> None:
        assert self.every is not None
        while True:
            with self._lock:
                busy = any(j.origin == "follow" and j.state in ("queued", "running")
                           for j in self._jobs.values())
            if not busy:
                try:
                    self.submit_sources(self.follow)
                except SelonError as exc:
                    log.warning("follow run not queued: %s", exc)
            with self._lock:
                if self._lock.wait_for(lambda: self._stop, timeout=self.every):
                    return

    def _work(self) -> None:
        from selon.store.db import Store

        store: Store | None = None
        try:
            while True:
                with self._lock:
                    self._lock.wait_for(lambda: self._stop or bool(self._waiting))
                    if self._stop:
                        return
                    job, feed = self._waiting.popleft()
                    job.state, job.started = "running", _now()
                try:
                    if store is None:
                        store = Store(self.path, read_only=False)
                    self._run(job, feed, store)
                except SelonError as exc:
                    job.error = (exc.message if isinstance(exc.message, Reason)
                                 and not exc.source else str(exc))
                    log.warning("ingest job %d failed: %s", job.id, exc)
                except Exception as exc:  # the queue outlives any one job
                    log.exception("ingest job %d failed", job.id)
                    job.error = say("job.unexpected", detail=str(exc))
                self._finish(job)
        finally:
            if store is not None:
                store.close()

    def _run(self, job: Job, feed: Feed, store: Any) -> None:
        from selon.batch import IngestSummary, Options, ingest

        seen, told = 0, time.monotonic()

        def progress(s: IngestSummary) -> None:
            nonlocal seen, told
            job.stored, job.present, job.duplicates = s.ingested, s.present, s.duplicates
            job.failures = [(shown_input(f.input), f.reason) for f in s.failures]
            # New articles are in the store: cached answers are old. Not after every write
            # though: each drop makes every reader recompute its page at once.
            if s.ingested > seen and time.monotonic() - told >= FRESH_EVERY:
                seen, told = s.ingested, time.monotonic()
                self._on_stored()

        # One analysis process: the server's own threads keep answering meanwhile.
        options = Options(workers=1, background=True, batch_size=self.settings.batch_size)
        summary = ingest(_counted(feed(), job), store, options, on_result=progress)
        progress(summary)
        if summary.store_error:
            job.error = summary.store_error
        self._on_stored()  # stories and the search index were brought up to date

    def _finish(self, job: Job) -> None:
        with self._lock:
            job.state = "failed" if job.error else "done"
            job.finished = _now()
            self._done.append(job.id)
            while len(self._done) > KEEP:
                self._jobs.pop(self._done.popleft(), None)
            self._lock.notify_all()


def _counted(items: Iterable[Article | Failure], job: Job) -> Iterator[Article | Failure]:
    """The inputs, counting them into ``job.total`` when it was not known beforehand."""
    known = job.total is not None
    for n, item in enumerate(items, 1):
        if not known:
            job.total = n
        yield item


def parse_every(text: str) -> float:
    """Seconds in '90s', '15m', '1h' or a bare number of minutes ('15')."""
    from selon.errors import ConfigError

    value = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600}
    scale = units.get(value[-1:])
    number = value[:-1] if scale else value
    try:
        seconds = float(number) * (scale or 60)
    except ValueError:
        raise ConfigError(f"--every {text!r}: give a duration such as 30s, 15m or 1h") from None
    if seconds < 10:
        raise ConfigError(f"--every {text!r}: at least 10 seconds between runs")
    return seconds
