"""Server-rendered HTML pages: home, search, article, entities, sources, timeline, docs.

Pages work without JavaScript; ``/static/selon.js`` only enhances them. Templates are
Jinja2 with autoescaping on: article data is never marked safe.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from jinja2 import Environment
from starlette.exceptions import HTTPException as StarletteHTTPException

from selon.analyse.attributions import trust
from selon.model import KINDS
from selon.output import from_json
from selon.store import (
    entityreads,
    fulltext,
    queries,
    reads,
    resolution,
    storyreads,
)
from selon.store.keys import name_key
from selon.web import graph, i18n, render, security
from selon.web.api import (
    RECENT,
    WORDY,
    StoreDep,
    entity_data,
    found_articles,
    full_id,
    scoped_chains,
    scoped_statements,
    stored_record,
)
from selon.web.app import ApiError, plotly_js, state

router = APIRouter(include_in_schema=False)


def without_empty(request: Request) -> None:
    """Redirect a page to itself without the empty parameters an HTML form sends, so that
    it reads its filters exactly as the API does (a route dependency: it runs first)."""
    given = list(request.query_params.multi_items())
    kept = [(k, v) for k, v in given if v.strip()]
    if len(kept) != len(given):
        where = request.url.path + ("?" + urlencode(kept) if kept else "")
        raise StarletteHTTPException(303, "see the same page without its empty fields",
                                     headers={"Location": where})

PAGE = 20
SHOWN = 300  # statements listed on the sources page (the graph counts them all)


def register_filters(env: Environment) -> None:
    """Filters and globals the templates use."""
    env.filters["href"] = security.safe_href
    env.filters["urlpart"] = lambda v: quote(str(v), safe="")
    env.globals["legend"] = render.LEGEND
    env.globals["display_title"] = render.display_title
    env.filters["marked"] = fulltext.marked
    env.globals["trust_reason"] = trust.reason
    env.globals["is_weak"] = trust.is_weak
    env.globals["kinds"] = KINDS


def page(request: Request, name: str, context: dict[str, Any], *, status: int = 200,
         headers: dict[str, str] | None = None) -> Response:
    """Render a template with what every page shows (ingest enabled or not)."""
    st = state(request)
    ctx = {"ingest_enabled": st.ingest_enabled, "ingesting": st.ingest_queue is not None,
           "base": str(request.base_url).rstrip("/"),
           **i18n.page_context(request.url.path, list(request.query_params.multi_items())),
           **context}
    return st.templates.TemplateResponse(request, name, ctx, status_code=status,
                                         headers=headers)


@router.get("/")
def home(request: Request, s: StoreDep) -> Response:
    """Search box, counts, recent articles, most cited sources."""
    return page(request, "home.html", {
        "stats": queries.stats(s),
        "recent": reads.articles(s, limit=12),
        "quoted": queries.entities(s, order="quoted", limit=15),
        "cited": queries.entities(s, order="cited", limit=15),
        "stories": storyreads.stories(s, limit=8),
    })


@router.get("/search", dependencies=[Depends(without_empty)])
def search(request: Request, s: StoreDep,
           q: Annotated[str, Query(max_length=500)] = "",
           outlet: Annotated[str | None, Query(max_length=300, pattern=WORDY)] = None,
           since: date | None = None, until: date | None = None, originals: bool = False,
           sort: Literal["relevance", "newest", "oldest"] = "relevance",
           offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> Response:
    """Articles matching a query (the language of selon.store.fulltext), filtered by
    outlet and dates, with the true total, highlighted snippets, and how many statements
    match (listed on /statements?q=)."""
    q = q.strip()
    given: dict[str, Any] = {"outlet": outlet, "since": since, "until": until,
                             "originals_only": originals}
    found: dict[str, Any] = {"items": [], "total": 0, "warnings": []}
    said = 0
    if q:
        found = found_articles(request, s, q, given, sort=sort, limit=PAGE, offset=offset)
        said = found["statements"]
    hits = found["items"]
    for h in hits:
        h["marked"] = fulltext.marked(h["snippet"], h["highlights"])
    titles = reads.openings(s, [h["id"] for h in hits if not h["title"]])
    keep = {k: v for k, v in {"q": q, "outlet": outlet, "since": since, "until": until,
                              "originals": "true" if originals else None}.items() if v}
    return page(request, "search.html", {
        "q": q, "hits": hits, "total": found["total"], "statements": said,
        "warnings": i18n.shown_warnings(found["warnings"], since, until),
        "offset": offset, "page": PAGE, "openings": titles, "outlet": outlet or "",
        "since": since, "until": until, "originals": originals, "sort": sort,
        "query": urlencode({**keep, "sort": sort}), "filters": urlencode(keep)})


@router.get("/articles")
def articles(request: Request, s: StoreDep,
             offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
             outlet: str | None = None) -> Response:
    """All articles, newest first, a page at a time."""
    items = reads.articles(s, outlet=outlet or None, limit=PAGE, offset=offset)
    return page(request, "articles.html", {"items": items, "offset": offset, "page": PAGE,
                                           "outlet": outlet or ""})


@router.get("/articles/{article_id}")
def article(request: Request, s: StoreDep, article_id: str) -> Response:
    """The article with every span highlighted, its records below, its metadata."""
    full = full_id(s, article_id)
    if full != article_id:
        return RedirectResponse(f"/articles/{quote(full)}", status_code=307)
    # the record with the readers' corrections applied, rejected statements kept (shown
    # struck out): the same for the page and the API's answer, computed once for both
    record = stored_record(request, s, full)
    analysis = from_json(record)
    flags: dict[str, list[dict[str, Any]]] = {}
    for f in resolution.article_flags(s, full):
        flags.setdefault(f["key"], []).append(f)
    return page(request, "article.html", {
        "a": analysis.article, "credit": analysis.credit, "store": record["store"],
        "flags": flags,
        "r": render.render(analysis),
        "title": render.display_title(analysis.article.title, _opening(analysis)),
        "can_correct": state(request).token is not None,
        "just_corrected": request.query_params.get("corrected"),
    })


def _opening(analysis: Any) -> str:
    text: str = analysis.article.text
    for ln in analysis.lines:
        if ln.kind == "body":
            return text[ln.span[0]:ln.span[1]]
    return text


@router.get("/entities")
def entities(request: Request, s: StoreDep,
             order: Literal["cited", "quoted"] = "cited",
             type: Literal["PER", "ORG", "LOC", "MISC", ""] = "",
             name: Annotated[str, Query(max_length=300)] = "",
             offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Response:
    """Entities (one row per canonical entity), most cited or most quoted first, found
    by name, with their spellings and types."""
    name = name.strip() if name_key(name) else ""
    items = entityreads.listing(s, order=order, type=type or None, name=name or None,
                                limit=50, offset=offset)
    return page(request, "entities.html", {
        "items": items, "order": order, "type": type, "name": name, "offset": offset,
        "page": 50, "total": entityreads.count(s, type=type or None, name=name or None)})


@router.get("/entities/{key}")
def entity(request: Request, s: StoreDep, key: str) -> Response:
    """One entity (a canonical id, a name key or a name): names, spellings, articles,
    what it said, what was said about it, how its names were joined."""
    found = entity_data(request, s, key)
    if found is None:
        raise ApiError(404, "not_found", f"no entity named {key!r}; the entities page "
                       "(/entities) finds them by name")
    key = found["key"]
    said = found["said"]
    stories = entityreads.stories(s, found["id"])
    return page(request, "entity.html", {"e": found, "timeline": graph.timeline(said),
                                         "flags": found["flags"],
                                         "graph": graph.build(said) if said else None,
                                         "narrow": graph.build(said, top=10,
                                                               layout=graph.NARROW)
                                         if said else None,
                                         "stories": stories})


@router.get("/sources")
def sources(request: Request, s: StoreDep, article: str | None = None,
            q: Annotated[str | None, Query(max_length=500)] = None,
            top: Annotated[int, Query(ge=1, le=100)] = graph.MAX_PER_COLUMN) -> Response:
    """Who relays whom, for a search or an article (else the latest articles), drawn with
    the ``top`` busiest nodes of each column, and statements per source."""
    q = (q or "").strip() or None
    if q:
        article = None
    sts = scoped_statements(s, article=article, q=q, limit=SHOWN)
    chains = scoped_chains(s, article=article, q=q)
    title = None
    if article:
        aid = full_id(s, article)
        head = s.fetch("SELECT title FROM articles WHERE id = ?", [aid])
        title = render.display_title(head[0]["title"] if head else None,
                                     reads.openings(s, [aid]).get(aid, ""))
    return page(request, "sources.html", {
        "q": q or "", "article": article, "article_title": title, "statements": sts,
        "articles": len({c["article_id"] for c in chains}), "total": len(chains), "recent": RECENT,
        "graph": graph.build(chains, top=top) if chains else None,
        "narrow": graph.build(chains, top=min(top, 10), layout=graph.NARROW) if chains else None,
        "top": top, "top_choices": sorted({*graph.TOP_CHOICES, top}),
        "per_source": graph.per_source(chains),
    })


@router.get("/timeline")
def timeline(request: Request, s: StoreDep,
             q: Annotated[str | None, Query(max_length=500)] = None,
             source: Annotated[str | None, Query(max_length=300)] = None) -> Response:
    """Statements and dated events of a search, of one source (a name as written, a name
    key or an entity id) or, by default, of the latest articles, on a time axis that
    opens on their publication dates."""
    q = (q or "").strip() or None
    source = (source or "").strip() or None
    if source and not name_key(source):
        source = None
    if q:
        source = None
    sts = scoped_statements(s, article=None, q=q, source=source)
    named = None
    if source:
        found = entityreads.find(s, source) or entityreads.find(s, name_key(source))
        named = entityreads.entity(s, found[0], limit=1) if found else None
    api_query = f"q={quote(q)}" if q else f"source={quote(source)}" if source else ""
    return page(request, "timeline.html", {
        "q": q or "", "source": source, "t": graph.timeline(sts),
        "source_name": named["name"] if named else None, "recent": RECENT,
        "api": "/api/timeline" + (f"?{api_query}" if api_query else "")},
        headers={"Content-Security-Policy": security.CSP_INLINE_STYLES})


@router.get("/docs")
def docs(request: Request) -> Response:
    """The API's reference, rendered from its OpenAPI schema (no CDN, no script)."""
    schema = request.app.openapi()
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            ops.append({"method": method.upper(), "path": path, "op": op})
    return page(request, "docs.html", {"schema": schema, "ops": ops})


@router.get("/static/vendor/plotly.min.js")
def plotly() -> Response:
    """plotly.js, served from the installed plotly package."""
    path = plotly_js()
    if path is None:
        raise ApiError(404, "not_found", "the plotly package is not installed")
    return FileResponse(path, media_type="text/javascript",
                        headers={"Cache-Control": "public, max-age=86400"})


def iso(value: date | str | None) -> str:
    """A date for display."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)
