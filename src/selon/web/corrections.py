"""Readers' corrections over HTTP: the API (``GET``/``POST /api/corrections``), the form
on the article page (``POST /articles/{id}/corrections``) and the audit trail page
(``/corrections``).

Correcting needs the server's token (a bearer header for the API, the token field of the
form); the audit trail records who (``$SELON_API_TOKEN_NAME``), when, what, before and after.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from selon.errors import InputError
from selon.model import KindName, StanceName
from selon.store import corrections
from selon.store.db import Store
from selon.web import security
from selon.web.api import Limit, Offset, StoreDep, _errors, full_id, require_token
from selon.web.app import ApiError, state

api = APIRouter(prefix="/api/corrections", tags=["corrections"], responses=_errors(400))
pages = APIRouter(include_in_schema=False)
PAGE = 50
FORM_MAX = 20_000  # bytes of a correction form


class CorrectionIn(BaseModel):
    """One correction of one statement of a stored article."""

    model_config = ConfigDict(extra="forbid")

    article_id: str = Field(min_length=6, max_length=64, description="The article (or a "
                            "prefix of its id of at least 6 characters).")
    action: Literal["source", "span", "not_statement", "add"] = Field(description=(
        "source: wrong source; span: wrong content span; not_statement: not a statement; "
        "add: a missing statement."))
    key: list[int] | None = Field(None, min_length=2, max_length=2, description=(
        "The content span [start, end] of the statement corrected (its 'content' span, or "
        "'correction.key' once corrected); not for 'add'."))
    source: str | None = Field(None, max_length=300, description="The right source's name "
                               "(source, add).")
    source_span: list[int] | None = Field(None, min_length=2, max_length=2, description=(
        "Where the source is named in the text (optional; else its nearest occurrence)."))
    span: list[int] | None = Field(None, min_length=2, max_length=2, description=(
        "The right content span (span), or the new statement's (add)."))
    kind: KindName | None = Field(None, description="The new statement's kind (add).")
    stance: StanceName | None = Field(None, description="The new statement's stance (add).")
    note: str | None = Field(None, max_length=2000, description="Why, in words.")


class CorrectionList(BaseModel):
    items: list[dict[str, Any]] = Field(description=(
        "Corrections, newest first: id, article_id, title, action, key, before, after, by, "
        "at, note, article_present."))
    total: int
    limit: int
    offset: int


def _record(request: Request, s: Store, body: CorrectionIn) -> dict[str, Any]:
    """Check and store a correction; 422 with the reason when it does not fit."""
    st = state(request)
    article_id = full_id(s, body.article_id)
    analysis = s.load_analyses([article_id])[0]
    after: dict[str, Any] = {k: v for k, v in {
        "source": body.source, "source_span": body.source_span, "span": body.span,
        "kind": body.kind, "stance": body.stance}.items() if v is not None}
    try:
        c = corrections.record(s, analysis, body.action, body.key, after, st.token_name,
                               body.note)
    except InputError as exc:
        raise ApiError(422, "invalid_correction", str(exc)) from exc
    st.cache.clear()  # pages and answers showing the statement have changed
    row = next(r for r in corrections.listing(s, limit=1, article_id=article_id)
               if r["id"] == c.id)
    anchor = f"c{c.id}" if c.action == "add" else None
    return {"correction": row, "page": f"/articles/{quote(article_id)}"
            + (f"#rec-{anchor}" if anchor else "")}


@api.post("", summary="Correct a statement (needs the token)", status_code=201,
          dependencies=[Depends(require_token)], responses=_errors(401, 403, 404))
def post_correction(request: Request, body: CorrectionIn, s: StoreDep) -> dict[str, Any]:
    """Store a reader's correction, apart from the analysis: it is kept across re-ingests
    and re-analysis of the article (keyed by its content hash and the statement's span),
    applied wherever the statement is shown or exported, and listed in the audit trail."""
    return _record(request, s, body)


@api.get("", summary="The audit trail of corrections", response_model=CorrectionList,
         responses=_errors(404))
def list_corrections(s: StoreDep, limit: Limit = 50, offset: Offset = 0,
                     article: Annotated[str | None, Query(min_length=6, max_length=64)] = None
                     ) -> dict[str, Any]:
    """Who corrected what and when, before and after, newest first."""
    article_id = full_id(s, article) if article else None
    items = corrections.listing(s, limit=limit, offset=offset, article_id=article_id)
    total = (len(corrections.listing(s, limit=1_000_000, article_id=article_id))
             if article_id else corrections.count(s))
    return {"items": items, "total": total, "limit": limit, "offset": offset}


async def _form(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > FORM_MAX:
        raise ApiError(413, "too_large", "the correction form is too large")
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {k: v[-1].strip() for k, v in fields.items()}


def _pair(value: str, what: str) -> list[int] | None:
    """"120-180" (or "120 180") as [120, 180]; None when empty."""
    if not value:
        return None
    parts = value.replace(",", " ").replace("-", " ").split()
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise ApiError(422, "invalid_correction", f"{what} must be two character offsets "
                       f"like 120-180, not {value!r}")
    return [int(parts[0]), int(parts[1])]


@pages.post("/articles/{article_id}/corrections")
def correct_from_page(request: Request, s: StoreDep, article_id: str,
                      form: Annotated[dict[str, str], Depends(_form)]) -> Response:
    """The article page's correction form: the token in a field, then back to the page."""
    st = state(request)
    if st.token is None:
        raise ApiError(403, "disabled", "this server takes no corrections: start it with "
                       "SELON_API_TOKEN set")
    if not security.token_matches(st.token, f"Bearer {form.get('token', '')}"):
        raise ApiError(401, "unauthorized", "the token is wrong: give the server's "
                       "SELON_API_TOKEN in the token field")
    action = form.get("action", "")
    if action not in ("source", "span", "not_statement", "add"):
        raise ApiError(422, "invalid_correction", "choose what to correct")
    span = _pair(form.get("span", ""), "the span")
    if span is None and form.get("span_start") and form.get("span_end"):
        span = _pair(f"{form['span_start']}-{form['span_end']}", "the span")
    kind = form.get("kind") or None
    try:
        body = CorrectionIn(
            article_id=article_id, action=action,  # type: ignore[arg-type]
            key=_pair(form.get("key", ""), "the statement's key"),
            source=form.get("source") or None, source_span=None, span=span,
            kind=kind, stance=None, note=form.get("note") or None)  # type: ignore[arg-type]
    except ValueError as exc:
        raise ApiError(422, "invalid_correction", f"the correction is not valid: {exc}") \
            from exc
    out = _record(request, s, body)
    cid = out["correction"]["id"]
    page = out["page"].split("#")[0]
    anchor = out["page"].split("#")[1] if "#" in out["page"] else "records"
    return RedirectResponse(f"{page}?corrected={cid}#{anchor}", status_code=303)


@pages.get("/corrections")
def corrections_page(request: Request, s: StoreDep,
                     offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Response:
    """Every correction in one place: who, when, what, before and after."""
    from selon.web.pages import page

    return page(request, "corrections.html", {
        "items": corrections.listing(s, limit=PAGE, offset=offset),
        "total": corrections.count(s), "offset": offset, "page": PAGE})
