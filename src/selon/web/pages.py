"""Server-rendered HTML pages: home, search, article, entities, sources, timeline, docs.

Pages work without JavaScript; ``/static/selon.js`` only enhances them. Templates are
Jinja2 with autoescaping on: article data is never marked safe.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from jinja2 import Environment

from selon.store import entityreads, queries, reads, resolution, storyreads
from selon.store.keys import name_key
from selon.web import graph, render, security
from selon.web.api import StoreDep, full_id, scoped_chains, scoped_statements
from selon.web.app import ApiError, plotly_js, state

router = APIRouter(include_in_schema=False)

PAGE = 20
SHOWN = 300  # statements listed on the sources page (the graph counts them all)


def register_filters(env: Environment) -> None:
    """Filters and globals the templates use."""
    env.filters["href"] = security.safe_href
    env.filters["urlpart"] = lambda v: quote(str(v), safe="")
    env.globals["legend"] = render.LEGEND
    env.globals["display_title"] = render.display_title


def page(request: Request, name: str, context: dict[str, Any], *, status: int = 200,
         headers: dict[str, str] | None = None) -> Response:
    """Render a template with what every page shows (ingest enabled or not)."""
    st = state(request)
    ctx = {"ingest_enabled": st.ingest_enabled, "ingesting": st.ingest_queue is not None,
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


@router.get("/search")
def search(request: Request, s: StoreDep,
           q: Annotated[str, Query(max_length=500)] = "",
           offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> Response:
    """Search results with links to the sources graph and timeline of the search."""
    q = q.strip()
    hits = queries.search(s, q, limit=PAGE, offset=offset) if q else []
    titles = reads.openings(s, [h["id"] for h in hits if not h["title"]])
    return page(request, "search.html", {"q": q, "hits": hits, "offset": offset,
                                         "page": PAGE, "openings": titles})


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
    analysis = s.load_analyses([full])[0]  # loaded once, for the record and the page
    record = queries.show(s, full, analysis)
    flags: dict[str, list[dict[str, Any]]] = {}
    for f in resolution.article_flags(s, full):
        flags.setdefault(f["key"], []).append(f)
    return page(request, "article.html", {
        "a": analysis.article, "credit": analysis.credit, "store": record["store"],
        "flags": flags,
        "r": render.render(analysis),
        "title": render.display_title(analysis.article.title, _opening(analysis)),
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
    found = entityreads.lookup(s, key) or entityreads.lookup(s, name_key(key))
    if found is None:
        raise ApiError(404, "not_found", f"no entity named {key!r}; the entities page "
                       "(/entities) finds them by name")
    key = found["key"]
    said = found["said"]
    stories = (entityreads.stories(s, found["id"]) if found["canonical"]
               else storyreads.stories_of_entity(s, key))
    return page(request, "entity.html", {"e": found, "timeline": graph.timeline(said),
                                         "flags": found["flags"],
                                         "graph": graph.build(said) if said else None,
                                         "stories": stories})


@router.get("/sources")
def sources(request: Request, s: StoreDep, article: str | None = None,
            q: Annotated[str | None, Query(max_length=500)] = None) -> Response:
    """Who relays whom, for an article or a search, and statements per source."""
    q = (q or "").strip() or None
    sts = scoped_statements(s, article=article, q=q, limit=SHOWN) if (article or q) else []
    chains = scoped_chains(s, article=article, q=q) if (article or q) else []
    title = None
    if article:
        aid = full_id(s, article)
        head = s.fetch("SELECT title FROM articles WHERE id = ?", [aid])
        title = render.display_title(head[0]["title"] if head else None,
                                     reads.openings(s, [aid]).get(aid, ""))
    return page(request, "sources.html", {
        "q": q or "", "article": article, "article_title": title, "statements": sts,
        "graph": graph.build(chains) if chains else None,
        "per_source": graph.per_source(chains),
    })


@router.get("/timeline")
def timeline(request: Request, s: StoreDep,
             q: Annotated[str | None, Query(max_length=500)] = None,
             source: Annotated[str | None, Query(max_length=300)] = None) -> Response:
    """Statements and dated events of a search (or of one source) on a time axis."""
    q = (q or "").strip() or None
    source = (source or "").strip() or None
    sts = scoped_statements(s, article=None, q=q, source=source) if (q or source) else []
    data = graph.timeline(sts)
    return page(request, "timeline.html", {"q": q or "", "source": source, "t": data},
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
