"""Statements: ``/api/attributions``, its CSV/JSON export, and the ``/statements`` page.

The three read one :class:`~selon.store.filters.ClaimFilters` built by :func:`claim_filters`
from query parameters named as the options of ``selon claims`` (source, via, about, stance,
kind, outlet, since, until, originals, and q for the words said), and run the same query
(:func:`selon.store.queries.claims`) in the same order: an export holds exactly the rows
that the pages of the listing show, one after the other.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse

from selon.model import KINDS, STANCES, KindName, StanceName
from selon.store import fulltext, queries, totals
from selon.store.db import Store
from selon.store.filters import ClaimFilters
from selon.web import i18n
from selon.web.api import WORDY, Limit, Offset, OriginalsQ, OutletQ, StoreDep, _errors
from selon.web.pages import page, without_empty
from selon.web.schemas import ClaimList

api = APIRouter(prefix="/api", tags=["api"], responses=_errors(400))
pages = APIRouter(include_in_schema=False)

PAGE = 50
EXPORT_CHUNK = 500
Sort = Literal["newest", "oldest", "source", "outlet", "relevance"]
SortQ = Annotated[Sort, Query(description="newest or oldest article first, by source or "
                                          "outlet name, or (with q) best match first.")]
CSV_COLUMNS = ("published", "outlet", "source", "via", "kind", "stance", "cue", "content",
               "title", "url", "article_id", "id", "permalink")


def _name(what: str) -> Any:
    return Query(max_length=300, pattern=WORDY, description=what)


def claim_filters(
    q: Annotated[str | None, Query(max_length=500, pattern=WORDY, description=(
        "Words said, in the search language: every word, \"a phrase\", OR, NOT, "
        "parentheses (see /api/search)."))] = None,
    source: Annotated[str | None, _name(
        "Speaker name (whole words; case, accents and titles ignored).")] = None,
    via: Annotated[str | None, _name("A relay's name.")] = None,
    about: Annotated[str | None, _name("An entity named in the content.")] = None,
    stance: Annotated[StanceName | None, Query(description="Only this stance.")] = None,
    kind: Annotated[KindName | None, Query(description="Only this kind of statement.")] = None,
    outlet: OutletQ = None,
    since: Annotated[date | None, Query(
        description="Articles published on or after this day.")] = None,
    until: Annotated[date | None, Query(
        description="Articles published on or before this day.")] = None,
    originals: OriginalsQ = False,
    originals_only: Annotated[bool, Query(include_in_schema=False)] = False,
    min_confidence: Annotated[float | None, Query(
        ge=0, le=1, description="Only statements whose source was found with at least this "
                                "confidence (0 to 1; see 'how' on each item).")] = None,
) -> ClaimFilters:
    """The filters of a statements listing from its query parameters."""
    return ClaimFilters(q=q, source=source, via=via, about=about, stance=stance, kind=kind,
                        outlet=outlet, since=since, until=until,
                        originals=originals or originals_only, min_confidence=min_confidence)


FiltersDep = Annotated[ClaimFilters, Depends(claim_filters)]


def listing(s: Store, f: ClaimFilters, sort: str, limit: int, offset: int) -> dict[str, Any]:
    """A page of statements, the total and the warnings: what the API and the page show."""
    sort = sort if (sort != "relevance" or f.q) else "newest"
    items = queries.claims(s, **f.query(), sort=sort, limit=limit, offset=offset)
    warnings = f.warnings() + (fulltext.warnings(s, f.q) if f.q else [])
    return {"items": items, "total": totals.claims(s, **f.query()), "limit": limit,
            "offset": offset, "sort": sort, "warnings": warnings}


@api.get("/attributions", summary="Who said what, through whom", response_model=ClaimList)
def list_attributions(s: StoreDep, f: FiltersDep, limit: Limit = 50, offset: Offset = 0,
                      sort: SortQ = "newest") -> dict[str, Any]:
    """Attributions with the same filters as ``selon claims`` (and ``q``, words said),
    sorted, a page at a time, with the total count. Each says ``how`` its source was found
    and the ``confidence`` that follows; readers' corrections are applied (``correction``
    holds the originals)."""
    return listing(s, f, sort, limit, offset)


def _every(s: Store, f: ClaimFilters, sort: str) -> Iterator[dict[str, Any]]:
    sort = sort if (sort != "relevance" or f.q) else "newest"
    offset = 0
    while True:
        chunk = queries.claims(s, **f.query(), sort=sort, limit=EXPORT_CHUNK, offset=offset)
        yield from chunk
        if len(chunk) < EXPORT_CHUNK:
            return
        offset += EXPORT_CHUNK


def csv_row(item: dict[str, Any], base: str) -> dict[str, Any]:
    """One statement as a flat CSV row."""
    source = item["source"] or {}
    return {
        "published": item["published"], "outlet": item["outlet"],
        "source": source.get("name") or source.get("text"),
        "via": " ← ".join(v["text"] for v in item["via"]), "kind": item["kind"],
        "stance": item["stance"], "cue": (item["cue"] or {}).get("text"),
        "content": item["content"]["text"], "title": item["title"], "url": item["url"],
        "article_id": item["article_id"], "id": item["id"],
        "permalink": base + item["permalink"]}


@api.get("/attributions/export", summary="Every statement of a listing, as CSV or JSON",
         responses={200: {"content": {"text/csv": {}, "application/json": {}}}})
def export_attributions(request: Request, s: StoreDep, f: FiltersDep,
                        format: Literal["csv", "json"] = "csv",
                        sort: SortQ = "newest") -> Response:
    """Every statement that ``/api/attributions`` pages through with the same filters and
    sort, in the same order, as one file (``statements.csv`` or ``statements.json``: the
    items of ``/api/attributions``, with the filters and the total)."""
    base = str(request.base_url).rstrip("/")
    rows = list(_every(s, f, sort))
    name = "statements." + format
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if format == "json":
        body = json.dumps({"filters": f.given(), "sort": sort, "total": len(rows),
                           "items": rows}, ensure_ascii=False, indent=1)
        return Response(body, media_type="application/json", headers=headers)

    def lines() -> Iterator[str]:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for item in rows:
            writer.writerow(csv_row(item, base))
            if out.tell() > 64_000:
                yield out.getvalue()
                out.seek(0)
                out.truncate()
        yield out.getvalue()

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8", headers=headers)


@pages.get("/statements", dependencies=[Depends(without_empty)])
def statements_page(request: Request, s: StoreDep, f: FiltersDep,
                    sort: Sort = "newest",
                    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Response:
    """Every statement, filtered as ``selon claims``, sorted, a page at a time, with the
    total, exports of exactly these rows and a citation for each."""
    found = listing(s, f, sort, PAGE, offset)
    if f.q:
        contents = [it["content"]["text"] for it in found["items"]]
        width = max((len(c) for c in contents), default=1) + 1
        pieces = fulltext.highlight_texts(s.statement_index, f.q, contents, width)
        for it, (piece, marks) in zip(found["items"], pieces, strict=True):
            whole = piece == it["content"]["text"]
            it["marked"] = fulltext.marked(piece, marks) if whole else None
    keep = f.given()
    return page(request, "statements.html", {
        **found, "f": f, "given": keep, "page": PAGE, "stances": STANCES, "kinds": KINDS,
        "page_warnings": i18n.shown_warnings(
            [w for w in found["warnings"] if w not in f.warnings()], f.since, f.until),
        "query": urlencode({**keep, "sort": found["sort"]}),
    })
