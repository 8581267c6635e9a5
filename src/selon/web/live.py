"""Live ingestion on a running server: the queue's API (``POST /api/ingest/batch``,
``GET /api/ingest/jobs``, ``GET /api/ingest/jobs/{id}``) and its page (``/ingest``).

The server is the store's only writer: clients send articles here instead of opening the
file (``selon ingest --server URL``), and ``selon serve --follow`` queues its own runs.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from selon.ingest.files import content_id
from selon.model import Article
from selon.web.api import _errors, require_token
from selon.web.app import ApiError, state
from selon.web.ingest_queue import IngestQueue, Job

BATCH_MAX = 500  # articles in one POST

api = APIRouter(prefix="/api/ingest", tags=["ingest"], responses=_errors(400))
pages = APIRouter(include_in_schema=False)


class ArticleIn(BaseModel):
    """An article a client has read: its text (already extracted) and what it knows."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(pattern=r"\S", description="The article's text, one paragraph a line.")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=4000)
    outlet: str | None = Field(None, max_length=300)
    published: date | None = None
    published_from: str = Field("metadata", max_length=20, description=(
        "Where the date came from on the client: flag, metadata, html, byline, today."))
    lang: str = Field("fr", pattern=r"^[a-z]{2}$")
    source: str | None = Field(None, max_length=300, description=(
        "What the client read it from (a file name or URL), shown in failures."))


class BatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=BATCH_MAX)


class JobOut(BaseModel):
    id: int
    origin: str = Field(description="'follow' (the server's schedule) or 'client'.")
    inputs: list[str]
    total: int | None = Field(description="Articles to ingest (read so far for sources).")
    state: str = Field(description="queued, running, done or failed.")
    queued: str
    started: str | None
    finished: str | None
    stored: int
    present: int = Field(description="Already in the store: skipped.")
    duplicates: int = Field(description="Of those stored, near-copies linked to an original.")
    failures: list[dict[str, str | None]] = Field(description=(
        "Each input that was not stored: input, reason (English) and reason_code (its "
        "machine form, selon.reasons JSON, when it has one)."))
    error: str | None
    error_code: str | None = Field(None, description="The machine form of error, if any.")


class JobList(BaseModel):
    total: int
    jobs: list[JobOut]
    follow: list[str] = Field(description="What the server follows on its own schedule.")
    every_seconds: float | None


def queue_of(request: Request) -> IngestQueue:
    found = state(request).ingest_queue
    if found is None:
        raise ApiError(403, "disabled", "this server does not ingest: start it with "
                       "SELON_API_TOKEN set (or with --follow)")
    return found


def _job(queue: IngestQueue, job_id: int) -> Job:
    job = queue.job(job_id)
    if job is None:
        raise ApiError(404, "not_found", f"no ingest job {job_id} (finished jobs are kept for "
                       "a while, then forgotten)")
    return job


@api.post("/batch", summary="Queue articles for ingestion", status_code=202,
          dependencies=[Depends(require_token)], response_model=JobOut,
          responses=_errors(401, 403, 413, 503))
def ingest_batch(request: Request, body: BatchIn) -> dict[str, Any]:
    """Up to 500 articles (text already extracted) into the server's ingest queue; answers
    at once with the job to follow at ``/api/ingest/jobs/{id}``. Needs the bearer token."""
    queue = queue_of(request)
    articles = [Article(id=content_id(a.text), text=a.text, lang=a.lang,
                        published=a.published or date.today(),
                        published_from=a.published_from if a.published else "today",
                        title=a.title, outlet=a.outlet, url=a.url,
                        source=a.source or a.url or "<client>")
                for a in body.articles]
    return queue.submit_articles(articles).to_json()


@api.get("/jobs", summary="The ingest queue", response_model=JobList,
         responses=_errors(403))
def list_jobs(request: Request) -> dict[str, Any]:
    """Jobs waiting, running and recently finished, newest first, with their failures."""
    queue = queue_of(request)
    jobs = [j.to_json() for j in queue.jobs()]
    return {"total": len(jobs), "jobs": jobs, "follow": [j for j in _shown(queue.follow)],
            "every_seconds": queue.every}


@api.get("/jobs/{job_id}", summary="One ingest job", response_model=JobOut,
         responses=_errors(403, 404))
def get_job(request: Request, job_id: Annotated[int, Path(ge=1)]) -> dict[str, Any]:
    """A job's state and what became of its articles so far."""
    return _job(queue_of(request), job_id).to_json()


def _shown(sources: list[str]) -> list[str]:
    from selon.web.ingest_queue import shown_input

    return [shown_input(s) for s in sources]


@pages.get("/ingest")
def ingest_page(request: Request) -> Response:
    """The ingest queue: what the server follows, jobs waiting and running, failures."""
    from selon.web.pages import page

    queue = state(request).ingest_queue
    return page(request, "ingest.html", {
        "enabled": queue is not None,
        "jobs": [j.to_json() for j in queue.jobs()] if queue else [],
        "follow": _shown(queue.follow) if queue else [],
        "every": queue.every if queue else None})
