"""The JSON API under ``/api``: read the store, and (with a token) analyse and ingest.

Every route is documented in the OpenAPI schema (``/openapi.json``), errors included: they
all have the shape ``{"error": {"code": ..., "message": ...}}``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from selon.errors import InputError, StoreError
from selon.model import Analysis, Article
from selon.output import to_json
from selon.resolve.report import flagged_entities
from selon.settings import Settings
from selon.store import entityreads, filters, fulltext, queries, reads, totals
from selon.store.db import Store
from selon.store.keys import name_key
from selon.web import graph, security
from selon.web.app import ApiError, state
from selon.web.schemas import (
    ArticleList,
    EntityList,
    ErrorBody,
    IngestIn,
    IngestOut,
    SearchResults,
    SourcesGraph,
    TextIn,
    Timeline,
)

log = logging.getLogger("selon.web")

MAX_LIMIT = 200
WORDY = r"[^\W_]"  # at least one letter or digit: what a name or a search can match on
MAX_OFFSET = 1_000_000
RECENT = 100  # articles the graph and timeline cover when no scope is given
ANALYSE_WAIT = 30.0  # seconds a POST waits for the analyser before a 503


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    docs = {400: "A parameter has a wrong value.", 401: "The bearer token is missing or wrong.",
            403: "Disabled: the server has no API token configured.",
            404: "No such record.", 413: "The request body is over the size limit.",
            422: "The request is not valid.", 503: "The store or the model is unavailable."}
    return {s: {"model": ErrorBody, "description": docs.get(s, "Error.")}
            for s in (*statuses, 422, 503)}


router = APIRouter(prefix="/api", tags=["api"], responses=_errors(400))
bearer = HTTPBearer(auto_error=False, description="The server's SELON_API_TOKEN.")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="How many items at most.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="How many items to skip.")]


def store(request: Request) -> Iterator[Store]:
    """A store connection for the time of one request."""
    with state(request).pool.get() as s:
        yield s


StoreDep = Annotated[Store, Depends(store)]


def require_token(request: Request,
                  creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    """403 ``disabled`` without a configured token; 401 without the right bearer token."""
    token = state(request).token
    if token is None:
        raise ApiError(403, "disabled", "this endpoint is disabled: start the server with "
                       "SELON_API_TOKEN set to enable analysis and ingestion over HTTP")
    given = f"Bearer {creds.credentials}" if creds is not None else None
    if not security.token_matches(token, given):
        raise ApiError(401, "unauthorized", "send 'Authorization: Bearer <SELON_API_TOKEN>'",
                       headers={"WWW-Authenticate": "Bearer"})


def full_id(s: Store, article_id: str) -> str:
    """The full id of an article from an id or a prefix; 404 when there is none."""
    try:
        return s.resolve_id(article_id)
    except StoreError as exc:
        raise ApiError(404, "not_found", str(exc)) from exc


# -- reading -------------------------------------------------------------------------------


@router.get("/stats", summary="What is in the store")
def get_stats(s: StoreDep) -> dict[str, Any]:
    """Counts and ranges: articles, duplicates, statements by kind, outlets, search index."""
    out = queries.stats(s)
    out.pop("path", None)  # the server's file system is none of the client's business
    return out


OutletQ = Annotated[str | None, Query(
    max_length=300, pattern=WORDY,
    description="Outlets whose name has these words or word beginnings, in order, case and "
                "accents ignored ('orange actu' finds 'Orange Actualités').")]
OriginalsQ = Annotated[bool, Query(description="Leave out near-duplicate copies "
                                               "(as --originals on the command line).")]
# The name used before ``originals``; still accepted, not documented.
OldOriginalsQ = Annotated[bool, Query(include_in_schema=False)]


def _range_warnings(since: date | None, until: date | None) -> list[str]:
    warning = filters.empty_range(since, until)
    return [warning] if warning else []


@router.get("/articles", summary="Articles, newest first", response_model=ArticleList)
def list_articles(s: StoreDep, limit: Limit = 20, offset: Offset = 0,
                  outlet: OutletQ = None, since: date | None = None,
                  until: date | None = None, originals: OriginalsQ = False,
                  originals_only: OldOriginalsQ = False) -> dict[str, Any]:
    """Articles by publication date (newest first), with filters, pagination and the
    total count."""
    given: dict[str, Any] = {"outlet": outlet, "since": since, "until": until,
                             "originals_only": originals or originals_only}
    items = reads.articles(s, **given, limit=limit, offset=offset)
    return {"items": items, "total": totals.articles(s, **given), "limit": limit,
            "offset": offset, "warnings": _range_warnings(since, until)}


@router.get("/articles/{article_id}", summary="One article with all its records",
            responses=_errors(404))
def get_article(request: Request, s: StoreDep,
                article_id: Annotated[str, Path(min_length=6, max_length=64)]
                ) -> dict[str, Any]:
    """The article's ``selon/1`` record (text, lines, entities, attributions, quantities,
    times, every one with its spans) and ``store`` (duplicates, source, warnings). An id
    prefix of at least 6 characters is accepted. ``source`` (where the server read it)
    is the file's name alone, or the URL it was fetched from."""
    return public_record(stored_record(request, s, full_id(s, article_id)))


def stored_record(request: Request, s: Store, full: str) -> dict[str, Any]:
    """:func:`selon.store.queries.show` of the article ``full`` (its record with the
    readers' corrections, rejected statements kept, and what the store knows of it),
    computed once for the article's page and its API answer (until the store changes)."""
    record: dict[str, Any] = state(request).cache.memo(
        "article", full, lambda: queries.show(s, full))
    return record


def public_record(record: dict[str, Any]) -> dict[str, Any]:
    """A stored record as a client may see it: where the server read the article from is
    cut to the file's name (URLs stay), in ``source``, ``also_at`` and warnings alike."""
    raw = record["article"].get("source")
    shown = security.public_source(raw)
    record["article"]["source"] = shown
    meta = record["store"]
    meta["source"] = security.public_source(meta.get("source"))
    for place in meta.get("also_at", []):
        place["source"] = security.public_source(place["source"])
    meta["warnings"] = [security.hide_server_paths(w.replace(raw, shown or "") if raw else w)
                        for w in meta.get("warnings", [])]
    return record


@router.get("/entities", summary="Entities, most cited or most quoted",
            response_model=EntityList)
def list_entities(s: StoreDep, limit: Limit = 50, offset: Offset = 0,
                  order: Literal["cited", "quoted"] = "cited",
                  type: Literal["PER", "ORG", "LOC", "MISC"] | None = None,
                  name: Annotated[str | None, Query(
                      max_length=300, pattern=WORDY,
                      description="Names with these words or word beginnings (case, accents "
                                  "and titles ignored; names merged into one canonical "
                                  "entity find each other).")] = None) -> dict[str, Any]:
    """Entities, one per canonical entity (its spellings and types listed); article
    entities not resolved are grouped by name key, their ``id`` being that key."""
    items = entityreads.listing(s, order=order, type=type, name=name, limit=limit,
                                offset=offset)
    return {"items": items, "total": entityreads.count(s, type=type, name=name),
            "limit": limit, "offset": offset}


@router.get("/entities/{key}", summary="One entity across articles", responses=_errors(404))
def get_entity(request: Request, s: StoreDep,
               key: Annotated[str, Path(min_length=1, max_length=300)]) -> dict[str, Any]:
    """One entity by canonical id, name key or name: names and spellings seen (from all
    its members), articles mentioning it, what it said (as source), what was said about
    it, who relays it, its flags and how its names were joined (``joined``)."""
    found = entity_data(request, s, key)
    if found is None:
        raise ApiError(404, "not_found", f"no entity named {key!r}; /api/entities lists them")
    return found


def entity_data(request: Request, s: Store, key: str) -> dict[str, Any] | None:
    """:func:`selon.store.entityreads.lookup` of ``key`` (else of its name key), computed
    once for the entity's page and its API answer (until the store changes)."""
    found: dict[str, Any] | None = state(request).cache.memo(
        "entity", key, lambda: entityreads.lookup(s, key) or entityreads.lookup(s, name_key(key)))
    return found


@router.get("/flagged", summary="Entities flagged on a watchlist")
def list_flagged(s: StoreDep, limit: Limit = 50,
                 type: Literal["PER", "ORG"] | None = None) -> dict[str, Any]:
    """Canonical entities flagged on a watchlist: name, type, spellings and flags (list,
    entry_id, entry_name, programme, score, reason), highest score first."""
    every = flagged_entities(s, type_=type)  # few: the total costs no second query
    return {"items": every[:limit], "total": len(every), "limit": limit}


@router.get("/search", summary="Full-text search of articles", response_model=SearchResults)
def search(request: Request, s: StoreDep,
           q: Annotated[str, Query(min_length=1, max_length=500, pattern=WORDY, description=(
               "Every word must be found (French stemming, case and accents ignored); "
               "\"a phrase\"; a OR b; NOT a (or -a); parentheses group.")
           )],
           limit: Limit = 20, offset: Offset = 0, outlet: OutletQ = None,
           since: date | None = None, until: date | None = None,
           originals: OriginalsQ = False,
           sort: Literal["relevance", "newest", "oldest"] = "relevance") -> dict[str, Any]:
    """Articles matching ``q`` (BM25 with French stemming when indexed), filtered by outlet
    and dates, with the true total, a snippet with the matched words (``highlights``:
    character ranges in it) and ``statements``: how many statements match ``q`` with the
    same filters (``/api/attributions?q=`` lists them)."""
    given: dict[str, Any] = {"outlet": outlet, "since": since, "until": until,
                             "originals_only": originals}
    found = found_articles(request, s, q, given, sort=sort, limit=limit, offset=offset)
    return {"query": q, "items": found["items"], "total": found["total"],
            "statements": found["statements"], "limit": limit, "offset": offset,
            "warnings": found["warnings"] + _range_warnings(since, until)}


def found_articles(request: Request, s: Store, q: str, given: dict[str, Any], *, sort: str,
                   limit: int, offset: int) -> dict[str, Any]:
    """:func:`selon.store.fulltext.articles` of ``q`` with the filters ``given``, and
    ``statements``: how many statements match them; computed once for the search page and
    the API's answer alike (until the store changes)."""
    def compute() -> dict[str, Any]:
        found = fulltext.articles(s, q, **given, sort=sort, limit=limit, offset=offset)
        return {**found, "statements": totals.claims(s, q=q, **given)}

    arg = json.dumps([q, sort, limit, offset, {k: v if v is None or isinstance(v, bool)
                                               else str(v) for k, v in given.items()}])
    found: dict[str, Any] = state(request).cache.memo("search", arg, compute)
    if found["warnings"]:  # read again: JSON kept their words, not their codes (languages)
        found["warnings"] = fulltext.warnings(s, q)
    return found


def scoped_ids(s: Store, *, article: str | None, q: str | None) -> list[str]:
    """The articles of one article's, a search's (else the :data:`RECENT` most recent
    articles') statements."""
    if article is not None:
        return [full_id(s, article)]
    if q is not None:
        return [h["id"] for h in queries.search(s, q, limit=reads.MAX_IDS)]
    return [a["id"] for a in reads.articles(s, limit=RECENT)]


def scoped_statements(s: Store, *, article: str | None, q: str | None,
                      source: str | None = None, limit: int = 5000) -> list[dict[str, Any]]:
    """The statements of one article, of the articles a search finds, of one source, or
    (none given) of the :data:`RECENT` most recent articles."""
    if source is not None and article is None and q is None:  # a canonical id, a name, a key
        found = entityreads.find(s, source) or entityreads.find(s, name_key(source))
        if found is not None:
            return reads.statements(s, canonical_id=found[0], limit=limit)
        return reads.statements(s, source_key=name_key(source), limit=limit)
    ids = scoped_ids(s, article=article, q=q)
    return reads.statements(s, ids=ids, limit=min(limit, 2000) if article else limit)


def scoped_chains(s: Store, *, article: str | None, q: str | None) -> list[dict[str, Any]]:
    """What the sources graph needs of the same statements, from the chains kept per
    batch (:mod:`selon.store.chains`)."""
    ids = scoped_ids(s, article=article, q=q)
    return reads.chains(s, ids, limit=2000 if article else 5000)


@router.get("/sources", summary="Who relays whom", response_model=SourcesGraph,
            responses=_errors(404))
def sources(s: StoreDep,
            article: Annotated[str | None, Query(min_length=6, max_length=64)] = None,
            q: Annotated[str | None, Query(min_length=1, max_length=500, pattern=WORDY)] = None,
            top: Annotated[int, Query(ge=1, le=100, description=(
                "Nodes kept per column, busiest first; the others of a column are one "
                "node 'others:<column>'."))] = graph.MAX_PER_COLUMN
            ) -> dict[str, Any]:
    """The relay graph (source → relay → outlet) of one article or of a search (else of
    the 100 most recent articles), and each source's statements by stance."""
    sts = scoped_chains(s, article=article, q=q)
    g = graph.build(sts, top=top)
    return {
        "nodes": [{"id": n.id, "label": n.label, "column": n.column, "count": n.count,
                   "stances": dict(n.stances), "others": n.others} for n in g.nodes],
        "edges": [{"source": e.source, "target": e.target, "count": e.count} for e in g.edges],
        "tree": g.tree, "sources": graph.per_source(sts),
    }


@router.get("/timeline", summary="Statements and dated events on a time axis",
            response_model=Timeline, responses=_errors(404))
def timeline(s: StoreDep,
             q: Annotated[str | None, Query(min_length=1, max_length=500, pattern=WORDY)] = None,
             article: Annotated[str | None, Query(min_length=6, max_length=64)] = None,
             source: Annotated[str | None, Query(
                 min_length=1, max_length=300, pattern=WORDY,
                 description="A source's name (case, accents and titles ignored: "
                             "'M. Choïgou' is 'choigou').")] = None
             ) -> dict[str, Any]:
    """Statements at their article's date, and the time expressions inside them at the
    date they refer to, for a search, an article or a source (else the 100 most recent
    articles)."""
    return graph.timeline(scoped_statements(s, article=article, q=q, source=source))


# -- writing (token only) ------------------------------------------------------------------


def _article(request: Request, body: TextIn | IngestIn) -> Article:
    from selon.ingest import article_from_text

    st = state(request)
    settings: Settings = st.settings.with_flags(
        published=body.published.isoformat() if body.published else None, outlet=body.outlet)
    raw = body.html if body.html is not None else body.text
    if raw is None:
        raise ApiError(422, "invalid_request", "give 'text' or 'html'")
    if len(raw.encode("utf-8")) > settings.max_bytes:
        raise ApiError(413, "too_large", f"the article is over {settings.max_bytes} bytes")
    article = article_from_text(raw, settings, source="<http>", is_html=body.html is not None,
                                url=body.url)
    if body.title is not None:
        article.title = body.title
    return article


def _fetched_article(request: Request, body: IngestIn) -> Article:
    from selon.ingest.fetch import fetch
    from selon.ingest.items import Context, article_from_fetched

    url = (body.url or "").strip()
    if not url.lower().startswith(("http://", "https://")):
        raise ApiError(422, "bad_input", "only http:// and https:// URLs are fetched")
    st = state(request)
    settings = st.settings.with_flags(outlet=body.outlet)
    ctx = Context(settings, allow_private=False, respect_robots=True, timeout=15.0)
    page = fetch(url, allow_private=False, max_bytes=settings.max_bytes)
    article = article_from_fetched(page, ctx, source=url, published=body.published)
    if body.title is not None:
        article.title = body.title
    return article


def _analyse(request: Request, article: Article) -> Analysis:
    from selon.analyse import pipeline

    lock = state(request).analyse_lock  # one spaCy pipeline, one document at a time
    if not lock.acquire(timeout=ANALYSE_WAIT):
        raise ApiError(503, "unavailable", "the analyser is busy with other articles; "
                       "retry in a moment", headers={"Retry-After": "5"})
    try:
        return pipeline.analyze_one(article)
    finally:
        lock.release()


@router.post("/analyze", summary="Analyse a text (nothing stored)",
             dependencies=[Depends(require_token)], responses=_errors(401, 403, 413))
def analyze(request: Request, body: TextIn) -> dict[str, Any]:
    """Text or HTML in, its ``selon/1`` record out. Needs the bearer token."""
    return to_json(_analyse(request, _article(request, body)))


@router.post("/ingest", summary="Analyse and store an article",
             dependencies=[Depends(require_token)], response_model=IngestOut,
             responses=_errors(401, 403, 413))
def ingest(request: Request, body: IngestIn, s: StoreDep) -> dict[str, Any]:
    """Text, HTML or a URL (fetched through selon's guarded fetcher) in; the article is
    analysed and stored. Needs the bearer token."""
    if body.text is None and body.html is None:
        article = _fetched_article(request, body)
    else:
        article = _article(request, body)
    analysis = _analyse(request, article)
    if s.read_only:
        raise InputError("the store is open read-only")
    stored = s.write(analysis)
    if stored and body.reindex and not s.search_index_current:  # writes index their batch
        try:
            s.refresh_search_index()
        except StoreError as exc:  # stored all the same; ranked search lags until a refresh
            log.warning("search index not refreshed: %s", exc)
    if stored:
        state(request).cache.clear()  # the cached answers no longer hold
    return {"id": article.id, "stored": stored, "page": f"/articles/{article.id}",
            "statements": len(analysis.attributions)}
