"""Stories on the web: the JSON API (``/api/stories``, ``/api/stories/{id}``,
``/api/contradictions``) and the pages (``/stories``, ``/stories/{id}``).

A story page shows a timeline of statements per source and the contradictions side by
side, each statement in its sentence with the reported words highlighted and linked to
the article."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from selon.errors import StoreError
from selon.reconcile import output
from selon.store import storyreads, totals
from selon.web.api import MAX_LIMIT, WORDY, Limit, Offset, StoreDep, _errors
from selon.web.app import ApiError

api = APIRouter(prefix="/api", tags=["stories"], responses=_errors(400))
pages = APIRouter(include_in_schema=False)

StoryId = Annotated[str, Path(min_length=3, max_length=64, pattern=r"^[\w-]+$")]


class StorySummary(BaseModel):
    id: str
    title: str | None
    first_day: str = Field(description="The day of its first article (publication date, else "
                                       "ingestion day).")
    last_day: str
    articles: int
    outlets: list[str] | None
    sources: list[str] | None = Field(description="Its most frequent sources.")
    statements: int
    contradictions: int


class StoryList(BaseModel):
    items: list[StorySummary]
    total: int = Field(description="Stories matching the filters, all pages together.")
    limit: int
    offset: int


class StoriesDoc(BaseModel):
    schema_: str = Field(alias="schema", description="selon-stories/1")
    stories: list[dict[str, Any]]
    statements: list[dict[str, Any]] = Field(
        description="Each with its mentions (article URL, content span, attribution id, "
                    "outlet, date, relay chain), origins count, first article, relay.")
    relations: list[dict[str, Any]] = Field(description="Contradictions: a, b, type, why.")


class Contradiction(BaseModel):
    story: str
    title: str | None
    why: str | None
    why_code: str | None = Field(None, description=(
        "The machine form of why (selon.reasons: JSON, a code and its values), when kept."))
    a: dict[str, Any] | None = Field(description="statement, source and its first mention.")
    b: dict[str, Any] | None


class ContradictionList(BaseModel):
    items: list[Contradiction]
    total: int = Field(description="Pairs matching the filters, all pages together.")
    limit: int
    offset: int


@api.get("/stories", summary="Stories, latest first", response_model=StoryList)
def list_stories(
    s: StoreDep, limit: Limit = 50, offset: Offset = 0,
    since: date | None = None, until: date | None = None,
    about: Annotated[str | None, Query(max_length=300, pattern=WORDY,
                                       description="An entity named in an article.")] = None,
    search: Annotated[str | None, Query(max_length=300, pattern=WORDY,
                                        description="Words of an article.")] = None,
) -> dict[str, Any]:
    """Stories with the filters of ``selon stories``."""
    given: dict[str, Any] = {"since": since, "until": until, "about": about, "search": search}
    items = storyreads.stories(s, **given, limit=limit, offset=offset)
    return {"items": items, "total": totals.stories(s, **given), "limit": limit,
            "offset": offset}


@api.get("/stories/{story_id}", summary="One story as selon-stories/1",
         response_model=StoriesDoc, responses=_errors(404))
def get_story(s: StoreDep, story_id: StoryId) -> dict[str, Any]:
    """The story, its statements with all their mentions, and its contradictions."""
    try:
        d = storyreads.story(s, story_id)
    except StoreError as exc:
        raise ApiError(404, "not_found", str(exc)) from exc
    return output.to_json([d])


@api.get("/contradictions", summary="Contradicting statements, latest stories first",
         response_model=ContradictionList)
def list_contradictions(s: StoreDep, limit: Limit = 50, offset: Offset = 0,
                        story: Annotated[str | None, Query(max_length=64)] = None
                        ) -> dict[str, Any]:
    """Pairs of statements that contradict each other, with why and where each was said."""
    items = storyreads.contradictions(s, story_id=story, limit=min(limit, MAX_LIMIT),
                                      offset=offset)
    return {"items": items, "total": totals.contradictions(s, story_id=story), "limit": limit,
            "offset": offset}


_SENTENCE_END = re.compile(r"[.!?…]\s|\n")


def in_sentence(text: str, span: list[int]) -> dict[str, str]:
    """The sentence around ``span``, cut in three: before, the span, after."""
    start, end = int(span[0]), int(span[1])
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    found = _SENTENCE_END.search(text, end)
    right = found.start() + 1 if found else len(text)
    if start - left > 300:
        left = start - 300
    if right - end > 300:
        right = end + 300
    return {"before": text[left:start], "span": text[start:end], "after": text[end:right]}


def _decorate(store: Any, d: dict[str, Any]) -> None:
    ids = {m["article_id"] for st in d["statement_list"] for m in st["mentions"]}
    texts = storyreads.article_texts(store, sorted(ids))
    for st in d["statement_list"]:
        for m in st["mentions"]:
            m["context"] = in_sentence(texts.get(m["article_id"], ""), m["content"])


def timeline(d: dict[str, Any]) -> list[dict[str, Any]]:
    """Statements grouped by source, each source's mentions in date order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for st in d["statement_list"]:
        groups.setdefault(st["source"] or "(no source found)", []).append(st)
    out = []
    for source, sts in groups.items():
        mentions = sorted(((m, st) for st in sts for m in st["mentions"]),
                          key=lambda x: (x[0]["published"] or "", x[0]["article_id"]))
        out.append({"source": source, "statements": sts, "mentions": mentions,
                    "weight": sum(st["articles"] for st in sts)})
    out.sort(key=lambda g: (-g["weight"], g["source"]))
    return out


@pages.get("/stories")
def stories_page(request: Request, s: StoreDep,
                 offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
                 q: Annotated[str | None, Query(max_length=300)] = None) -> Response:
    """All stories, latest first."""
    from selon.web.pages import page

    q = (q or "").strip() or None
    items = storyreads.stories(s, search=q, limit=20, offset=offset)
    return page(request, "stories.html", {"items": items, "offset": offset, "page": 20,
                                          "sq": q or ""})


@pages.get("/stories/{story_id}")
def story_page(request: Request, s: StoreDep, story_id: str) -> Response:
    """A story: its articles, a timeline of statements per source, contradictions."""
    from selon.web.pages import page

    try:
        d = storyreads.story(s, story_id)
    except StoreError as exc:
        raise ApiError(404, "not_found", str(exc)) from exc
    _decorate(s, d)
    by_id = {st["id"]: st for st in d["statement_list"]}
    pairs = [{"why": r["why"], "why_code": r.get("why_code"), "a": by_id.get(r["a"]),
              "b": by_id.get(r["b"])}
             for r in d["relations"]]
    return page(request, "story.html", {"d": d, "timeline": timeline(d),
                                        "pairs": [p for p in pairs if p["a"] and p["b"]]})
