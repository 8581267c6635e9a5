"""Readers' corrections in the store: recorded, listed, read per article.

The ``corrections`` table (migration 7) is apart from the analysis tables: re-ingesting or
re-analysing an article never touches it, and its rows name statements by the article's
content hash and a character span (see :mod:`selon.store.corrected`), not by row ids.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from selon.errors import InputError
from selon.model import CORRECTION_ACTIONS, KINDS, STANCES, Analysis, Correction, Span
from selon.store import corrected
from selon.store.db import Store, in_values

MAX_NAME = 300
MAX_NOTE = 2000


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _row(r: dict[str, Any]) -> Correction:
    at = r["created_at"]
    return Correction(
        article_id=r["article_id"], key=(r["start"], r["end"]), action=r["action"],
        after=json.loads(r["after"]), author=r["author"],
        at=at.isoformat(timespec="seconds") if isinstance(at, datetime) else str(at),
        id=int(r["id"]), before=json.loads(r["before"]) if r["before"] else None,
        note=r["note"])


def _span(value: Any, n: int, what: str) -> Span:
    try:
        a, b = (int(x) for x in value)
    except (TypeError, ValueError):
        raise InputError(f"{what} must be two character offsets [start, end]") from None
    if not (0 <= a < b <= n):
        raise InputError(f"{what} [{a}, {b}] is not a non-empty span of the article "
                         f"(its text has {n} characters)")
    return a, b


def _name(value: Any, what: str = "source") -> str:
    name = " ".join(str(value or "").split())
    if not name or len(name) > MAX_NAME:
        raise InputError(f"give the {what} as a name of 1 to {MAX_NAME} characters")
    return name


def record(store: Store, analysis: Analysis, action: str, key: Sequence[int] | None,
           after: dict[str, Any], author: str, note: str | None = None) -> Correction:
    """Check and store one correction of ``analysis`` (the stored article, corrections
    so far applied or not); InputError says what is wrong with it.

    ``key``: the content span of the statement corrected (for ``add``, ignored: the new
    statement's span is ``after["span"]``). ``after``: ``{"source": name}`` (with an
    optional ``source_span``), ``{"span": [a, b]}``, ``{}`` for ``not_statement``, or
    ``{"span": [a, b], "source": name, "kind": kind}`` (and an optional ``stance``).
    """
    if action not in CORRECTION_ACTIONS:
        raise InputError(f"unknown correction {action!r}: one of {', '.join(CORRECTION_ACTIONS)}")
    text = analysis.article.text
    n = len(text)
    clean: dict[str, Any] = {}
    current = corrected.apply(analysis, list_for(store, [analysis.article.id]),
                              keep_rejected=True)
    before = None
    if action == "add":
        k = _span(after.get("span"), n, "the statement's span")
        clean["span"] = list(k)
        clean["source"] = _name(after.get("source"))
        kind = str(after.get("kind") or "")
        if kind not in KINDS:
            raise InputError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        clean["kind"] = kind
        if after.get("stance"):
            if after["stance"] not in STANCES:
                raise InputError(f"stance must be one of {', '.join(STANCES)}")
            clean["stance"] = after["stance"]
    else:
        k = _span(key, n, "the statement's key span")
        target = next((at for at in current.attributions if at.correction is not None
                       and tuple(at.correction.get("key", ())) == k), None) or next(
            (at for at in current.attributions if corrected.matches(k, at.content)), None)
        if target is None:
            raise InputError(f"article {analysis.article.id[:12]} has no statement at "
                             f"[{k[0]}, {k[1]}]; to add one, use the correction 'add'")
        before = corrected.snapshot(text, target)
        if action == "source":
            clean["source"] = _name(after.get("source"))
        elif action == "span":
            clean["span"] = list(_span(after.get("span"), n, "the new span"))
    if action in ("source", "add") and after.get("source_span") is not None:
        clean["source_span"] = list(_span(after["source_span"], n, "the source's span"))
    if note is not None and len(note) > MAX_NOTE:
        raise InputError(f"the note is over {MAX_NOTE} characters")
    store._writable()
    with store._transaction("recording a correction in") as con:
        row = con.execute(
            'INSERT INTO corrections (article_id, start, "end", action, after, before, note, '
            "author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [analysis.article.id, k[0], k[1], action, json.dumps(clean, ensure_ascii=False),
             json.dumps(before, ensure_ascii=False) if before is not None else None,
             note or None, author, _now()]).fetchone()
    assert row is not None
    return next(c for c in list_for(store, [analysis.article.id]) if c.id == int(row[0]))


def list_for(store: Store, article_ids: Sequence[str]) -> list[Correction]:
    """The corrections of these articles, oldest first."""
    if not article_ids:
        return []
    cond, params = in_values("article_id", list(article_ids))
    return [_row(r) for r in store.fetch(
        f"SELECT * FROM corrections WHERE {cond} ORDER BY id", params)]


def count(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM corrections") or 0)


def listing(store: Store, *, limit: int = 50, offset: int = 0,
            article_id: str | None = None) -> list[dict[str, Any]]:
    """The audit trail, newest first: who, when, what, before and after, and the article."""
    where, params = ("WHERE c.article_id = ? ", [article_id]) if article_id else ("", [])
    rows = store.fetch(
        "SELECT c.*, ar.title, ar.outlet, ar.published, ar.id IS NOT NULL AS present "
        "FROM corrections c "
        "LEFT JOIN articles ar ON ar.id = c.article_id " + where
        + "ORDER BY c.id DESC LIMIT ? OFFSET ?", [*params, limit, offset])
    out = []
    for r in rows:
        c = _row(r)
        out.append({"id": c.id, "article_id": c.article_id, "title": r["title"],
                    "outlet": r["outlet"],
                    "published": r["published"].isoformat() if r["published"] else None,
                    "action": c.action, "key": list(c.key), "before": c.before,
                    "after": c.after, "by": c.author, "at": c.at, "note": c.note,
                    "article_present": bool(r["present"])})
    return out


def corrected_ids(store: Store) -> list[str]:
    """The articles with at least one correction, in the order first corrected."""
    return [r["article_id"] for r in store.fetch(
        "SELECT article_id, min(id) AS first FROM corrections GROUP BY article_id "
        "ORDER BY first")]


def apply_stored(store: Store, analyses: list[Analysis], *,
                 keep_rejected: bool = False) -> list[Analysis]:
    """``analyses`` with the stored corrections of their articles applied."""
    found = list_for(store, [a.article.id for a in analyses])
    if not found:
        return analyses
    return [corrected.apply(a, found, keep_rejected=keep_rejected) for a in analyses]


def overlay_rows(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Statement rows of a listing with their corrections applied (see
    :func:`selon.store.corrected.overlay`); rows need ``content_span``."""
    ids = sorted({r["article_id"] for r in rows})
    found = list_for(store, ids)
    if not found:
        return rows
    spans = any(c.action == "span" for c in found)
    texts: dict[str, str] = {}
    if spans:
        cond, params = in_values("id", ids)
        texts = {r["id"]: r["text"] for r in store.fetch(
            f"SELECT id, text FROM articles WHERE {cond}", params)}
    by: dict[str, list[Correction]] = {}
    for c in found:
        by.setdefault(c.article_id, []).append(c)
    return [corrected.overlay(r, texts, by.get(r["article_id"], [])) for r in rows]


def claim_rows(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of :func:`selon.store.queries.claims` (content and source as dicts with
    ``text`` and ``span``) with the corrections of their articles applied."""
    views = [{**r, "content": r["content"]["text"], "content_span": r["content"]["span"]}
             for r in rows]
    out = []
    for r, v in zip(rows, overlay_rows(store, views), strict=True):
        if "correction" in v:
            r = {**r, "source": v["source"], "how": v["how"], "confidence": v["confidence"],
                 "correction": v["correction"],
                 "content": {"text": v["content"], "span": v["content_span"]}}
        out.append(r)
    return out


def csv_rows(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Export rows (``article_id``, ``attr_id``, ``source_text``, ``content_text``,
    ``content_start``/``content_end``, ...) with the corrections of their articles applied:
    statements a reader rejected left out, added ones appended after their article's
    rows, ``corrected`` (the actions), ``corrected_by``, ``original_source`` filled."""
    ids = list(dict.fromkeys(r["article_id"] for r in rows))
    found = list_for(store, ids)
    if not found:
        return rows
    by: dict[str, list[Correction]] = {}
    for c in found:
        by.setdefault(c.article_id, []).append(c)
    added = {a.article.id: [at for at in a.attributions if at.id.startswith("c")]
             for a in apply_stored(store, store.load_analyses(
                 [i for i in ids if any(c.action == "add" for c in by.get(i, []))]))}
    texts = {a: t for a, t in ((r["id"], r["text"]) for r in store.fetch(
        f"SELECT id, text FROM articles WHERE {in_values('id', list(by))[0]}",
        in_values("id", list(by))[1]))}
    out: list[dict[str, Any]] = []
    for i, r in enumerate(rows):
        mine = by.get(r["article_id"], [])
        if mine:
            view = {"article_id": r["article_id"], "content": r["content_text"],
                    "content_span": [r["content_start"], r["content_end"]],
                    "source": {"text": r["source_text"]} if r["source_text"] else None,
                    "how": r.get("source_how"), "confidence": r.get("confidence")}
            view = corrected.overlay(view, texts, mine)
            info = view.get("correction")
            if info is not None:
                if info.get("not_statement"):
                    continue
                r = {**r, "source_text": (view["source"] or {}).get("text"),
                     "content_text": view["content"], "source_how": view["how"],
                     "confidence": view["confidence"],
                     "corrected": " ".join(info["actions"]), "corrected_by": info["by"],
                     "original_source": info["original"]["source"]}
                r["content_start"], r["content_end"] = view["content_span"]
        out.append(r)
        last = i + 1 == len(rows) or rows[i + 1]["article_id"] != r["article_id"]
        for at in added.get(r["article_id"], []) if last else []:
            out.append({**{k: v for k, v in r.items() if k in (
                "article_id", "published", "outlet", "title", "url")},
                "attr_id": at.id, "kind": at.kind, "stance": at.stance,
                "source_text": at.source.text if at.source else None, "via": None,
                "cue_text": None, "cue_lemma": None,
                "content_text": texts.get(r["article_id"], "")[at.content[0]:at.content[1]],
                "content_start": at.content[0], "content_end": at.content[1],
                "source_how": at.how, "confidence": at.confidence, "corrected": "add",
                "corrected_by": (at.correction or {}).get("by"), "original_source": None})
    return out
