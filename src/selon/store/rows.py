"""Analyses to table rows (column-wise, for batch inserts) and rows back to Analyses."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from selon.errors import StoreError
from selon.model import (
    Analysis,
    Article,
    Attribution,
    Conflict,
    Entity,
    Line,
    Party,
    Quantity,
    Span,
    TimeExpr,
)
from selon.reasons import machine, restore
from selon.store.columns import COLUMNS
from selon.store.keys import name_key

TableRows = list[dict[str, Any]]


@dataclass
class WriteItem:
    """One article to write, with what ingest knows about it beyond the analysis."""

    analysis: Analysis
    duplicate_of: str | None = None  # id of the article this one is a near-copy of
    signature: list[int] | None = None  # MinHash signature of the text
    bands: list[tuple[int, int]] = field(default_factory=list)  # (band index, band hash)


def check_spans(analysis: Analysis) -> None:
    """Raise StoreError if any record points outside the article text."""
    n = len(analysis.article.text)
    aid = analysis.article.id

    def ok(span: Span | None, what: str) -> None:
        if span is not None and not (0 <= span[0] <= span[1] <= n):
            raise StoreError(
                f"article {aid}: {what} has span {span} outside the text (length {n}); "
                "this is a bug in the analysis, please report it"
            )

    for ln in analysis.lines:
        ok(ln.span, "a line")
    for e in analysis.entities:
        for m in e.mentions:
            ok(m, f"entity {e.id}")
    for at in analysis.attributions:
        ok(at.content, f"attribution {at.id} content")
        ok(at.cue, f"attribution {at.id} cue")
        if at.source:
            ok(at.source.span, f"attribution {at.id} source")
        for v in at.via:
            ok(v.span, f"attribution {at.id} via")
    for q in analysis.quantities:
        ok(q.span, f"quantity {q.id}")
        ok(q.unit_span, f"quantity {q.id} unit")
    for t in analysis.times:
        ok(t.span, f"time {t.id}")


def _lo(span: Span | None) -> int | None:
    return span[0] if span is not None else None


def _hi(span: Span | None) -> int | None:
    return span[1] if span is not None else None


def to_rows(items: Sequence[WriteItem], now: datetime) -> dict[str, TableRows]:
    """Every row of every table for ``items``, as dicts keyed by column name."""
    out: dict[str, TableRows] = {t: [] for t in COLUMNS}
    names = {t: [name for name, _ in cols] for t, cols in COLUMNS.items()}

    def add(table: str, *values: Any) -> None:
        out[table].append(dict(zip(names[table], values, strict=True)))

    for item in items:
        an = item.analysis
        a = an.article
        text = a.text
        add("articles", a.id, a.url, a.outlet, a.published, a.published_from, a.lang, a.title,
            text, an.credit, a.source, list(a.warnings), item.duplicate_of, now)
        if item.signature is not None:
            add("signatures", a.id, list(item.signature))
        for band, value in item.bands:
            add("minhash_bands", band, value, a.id)
        for i, ln in enumerate(an.lines):
            add("lines", a.id, i, ln.span[0], ln.span[1], ln.kind, ln.reason, ln.agency)
        keys: dict[str, str] = {}
        for i, e in enumerate(an.entities):
            keys[e.id] = name_key(e.name)
            add("entities", a.id, i, e.id, e.name, e.type, keys[e.id])
            for j, (s, t) in enumerate(e.mentions):
                add("mentions", a.id, e.id, j, s, t, text[s:t])
        for i, at in enumerate(an.attributions):
            src = at.source
            src_key = None
            if src is not None:
                src_key = keys.get(src.entity or "") or name_key(src.text)
            add("attributions", a.id, i, at.id, at.kind, at.content[0], at.content[1],
                text[at.content[0]:at.content[1]], _lo(at.cue), _hi(at.cue),
                text[at.cue[0]:at.cue[1]] if at.cue else None, at.cue_lemma,
                src.text if src else None, _lo(src.span if src else None),
                _hi(src.span if src else None), src.entity if src else None, src_key,
                at.stance, list(at.quantities), list(at.times), at.how, at.confidence)
            for j, v in enumerate(at.via):
                add("attribution_via", a.id, at.id, j, v.text, v.span[0], v.span[1], v.entity,
                    keys.get(v.entity or "") or name_key(v.text))
        for i, q in enumerate(an.quantities):
            add("quantities", a.id, i, q.id, q.span[0], q.span[1], text[q.span[0]:q.span[1]],
                q.value, q.approx, q.lower, q.upper, q.unit, _lo(q.unit_span), _hi(q.unit_span),
                q.kind, q.currency, q.role, q.reason)
        for i, tx in enumerate(an.times):
            add("times", a.id, i, tx.id, tx.span[0], tx.span[1], text[tx.span[0]:tx.span[1]],
                tx.type, tx.value, tx.mod, tx.reason)
        for i, c in enumerate(an.conflicts):
            add("conflicts", a.id, i, c.a, c.b, c.type, c.why, machine(c.why))
    return out


def _span(lo: int | None, hi: int | None) -> Span | None:
    return (lo, hi) if lo is not None and hi is not None else None


Row = dict[str, Any]


def to_analyses(
    articles: list[Row], tables: dict[str, list[Row]]
) -> list[Analysis]:
    """Rebuild Analyses from rows (each table's rows sorted by article, then position)."""
    by: dict[str, dict[str, list[Row]]] = {t: defaultdict(list) for t in tables}
    for t, rows in tables.items():
        for r in rows:
            by[t][r["article_id"]].append(r)
    via: dict[tuple[str, str], list[Party]] = defaultdict(list)
    for r in tables.get("attribution_via", []):
        via[(r["article_id"], r["attr_id"])].append(
            Party(text=r["text"], span=(r["start"], r["end"]), entity=r["entity"]))
    mentions: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for r in tables.get("mentions", []):
        mentions[(r["article_id"], r["entity_id"])].append((r["start"], r["end"]))

    out = []
    for a in articles:
        aid = a["id"]
        published = a["published"]
        article = Article(
            id=aid, text=a["text"], lang=a["lang"],
            published=published if isinstance(published, date) else None,
            published_from=a["published_from"], title=a["title"], outlet=a["outlet"],
            url=a["url"], source=a["source"], warnings=list(a["warnings"] or []),
        )
        lines = [Line(span=(r["start"], r["end"]), kind=r["kind"], reason=r["reason"],
                      agency=r["agency"]) for r in by["lines"][aid]]
        entities = [Entity(id=r["entity_id"], name=r["name"], type=r["type"],
                           mentions=mentions[(aid, r["entity_id"])])
                    for r in by["entities"][aid]]
        attributions = []
        for r in by["attributions"][aid]:
            src_span = _span(r["source_start"], r["source_end"])
            source = (Party(text=r["source_text"], span=src_span, entity=r["source_entity"])
                      if r["source_text"] is not None and src_span is not None else None)
            attributions.append(Attribution(
                id=r["attr_id"], kind=r["kind"], content=(r["content_start"], r["content_end"]),
                cue=_span(r["cue_start"], r["cue_end"]), cue_lemma=r["cue_lemma"],
                source=source, via=via[(aid, r["attr_id"])], stance=r["stance"],
                quantities=list(r["quantity_ids"] or []), times=list(r["time_ids"] or []),
                how=r.get("source_how"), confidence=r.get("confidence"),
            ))
        quantities = [Quantity(
            id=r["quantity_id"], span=(r["start"], r["end"]), value=r["value"],
            approx=r["approx"], unit=r["unit"], unit_span=_span(r["unit_start"], r["unit_end"]),
            lower=r["lower"], upper=r["upper"], role=r["role"], kind=r["kind"],
            currency=r["currency"], reason=r["reason"],
        ) for r in by["quantities"][aid]]
        times = [TimeExpr(id=r["time_id"], span=(r["start"], r["end"]), type=r["type"],
                          value=r["value"], mod=r["mod"], reason=r["reason"])
                 for r in by["times"][aid]]
        conflicts = [Conflict(a=r["a"], b=r["b"], type=r["type"],
                              why=restore(r["why"], r.get("why_code")) or "")
                     for r in by["conflicts"][aid]] if "conflicts" in by else []
        out.append(Analysis(article=article, lines=lines, entities=entities,
                            attributions=attributions, quantities=quantities, times=times,
                            conflicts=conflicts))
    return out
