"""Serialise an Analysis as ``selon/1`` JSON (see the project README for the contract)."""

from __future__ import annotations

from datetime import date
from typing import Any

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

SCHEMA = "selon/1"


def _span(s: Span | None) -> list[int] | None:
    return [s[0], s[1]] if s is not None else None


def _party(p: Party | None) -> dict[str, Any] | None:
    if p is None:
        return None
    out: dict[str, Any] = {"text": p.text, "span": _span(p.span)}
    if p.entity:
        out["entity"] = p.entity
    return out


def to_json(analysis: Analysis) -> dict[str, Any]:
    """The ``selon/1`` record of one analysed article."""
    a = analysis.article
    return {
        "schema": SCHEMA,
        "article": {
            "id": a.id,
            "lang": a.lang,
            "published": a.published.isoformat() if a.published else None,
            "published_from": a.published_from,
            "title": a.title,
            "outlet": a.outlet,
            "url": a.url,
            "credit": analysis.credit,
            "source": a.source,
            "text": a.text,
        },
        "body": [_span(s) for s in analysis.body],
        "lines": [
            {"span": _span(ln.span), "kind": ln.kind, "reason": ln.reason, "agency": ln.agency}
            for ln in analysis.lines
        ],
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "mentions": [_span(m) for m in e.mentions]}
            for e in analysis.entities
        ],
        "attributions": [
            {
                "id": at.id,
                "kind": at.kind,
                "content": _span(at.content),
                "cue": _span(at.cue),
                "cue_lemma": at.cue_lemma,
                "source": _party(at.source),
                "via": [_party(v) for v in at.via],
                "stance": at.stance,
                "quantities": at.quantities,
                "times": at.times,
                # how the source was found and the confidence that follows (trust.py)
                "how": at.how,
                "confidence": at.confidence,
                **({"correction": at.correction} if at.correction is not None else {}),
            }
            for at in analysis.attributions
        ],
        "quantities": [
            {
                "id": q.id, "span": _span(q.span), "value": q.value, "approx": q.approx,
                "lower": q.lower, "upper": q.upper, "unit": q.unit,
                "unit_span": _span(q.unit_span), "kind": q.kind, "currency": q.currency,
                "role": q.role, "reason": q.reason,
            }
            for q in analysis.quantities
        ],
        "times": [
            {"id": t.id, "span": _span(t.span), "type": t.type, "value": t.value, "mod": t.mod,
             "reason": t.reason}
            for t in analysis.times
        ],
        "conflicts": [{"a": c.a, "b": c.b, "type": c.type, "why": c.why,
                       "why_code": machine(c.why)}
                      for c in analysis.conflicts],
    }


def _tuple(s: list[int] | None) -> Span | None:
    return (int(s[0]), int(s[1])) if s is not None else None


def _party_from(d: dict[str, Any] | None) -> Party | None:
    if d is None:
        return None
    span = _tuple(d.get("span"))
    return Party(text=d["text"], span=span or (0, 0), entity=d.get("entity"))


def from_json(record: dict[str, Any]) -> Analysis:
    """Rebuild an Analysis from its ``selon/1`` record (the inverse of :func:`to_json`)."""
    if record.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} record: schema is {record.get('schema')!r}")
    a = record["article"]
    article = Article(
        id=a["id"], text=a["text"], lang=a.get("lang") or "fr",
        published=date.fromisoformat(a["published"]) if a.get("published") else None,
        published_from=a.get("published_from") or "unknown", title=a.get("title"),
        outlet=a.get("outlet"), url=a.get("url"), source=a.get("source"),
    )
    return Analysis(
        article=article,
        lines=[Line(_tuple(ln["span"]) or (0, 0), ln["kind"], ln.get("reason"), ln.get("agency"))
               for ln in record.get("lines", [])],
        entities=[Entity(e["id"], e["name"], e["type"],
                         [(int(m[0]), int(m[1])) for m in e.get("mentions", [])])
                  for e in record.get("entities", [])],
        attributions=[
            Attribution(
                id=at["id"], kind=at["kind"], content=_tuple(at["content"]) or (0, 0),
                cue=_tuple(at.get("cue")), cue_lemma=at.get("cue_lemma"),
                source=_party_from(at.get("source")),
                via=[p for p in (_party_from(v) for v in at.get("via", [])) if p is not None],
                stance=at.get("stance") or "assert", quantities=list(at.get("quantities", [])),
                times=list(at.get("times", [])), how=at.get("how"),
                confidence=at.get("confidence"), correction=at.get("correction"),
            )
            for at in record.get("attributions", [])
        ],
        quantities=[
            Quantity(
                id=q["id"], span=_tuple(q["span"]) or (0, 0), value=q.get("value"),
                approx=bool(q.get("approx")), unit=q.get("unit"),
                unit_span=_tuple(q.get("unit_span")), lower=q.get("lower"), upper=q.get("upper"),
                role=q.get("role"), kind=q.get("kind") or "count", currency=q.get("currency"),
                reason=q.get("reason"),
            )
            for q in record.get("quantities", [])
        ],
        times=[
            TimeExpr(id=t["id"], span=_tuple(t["span"]) or (0, 0), type=t["type"],
                     value=t.get("value"), mod=t.get("mod"), reason=t.get("reason"))
            for t in record.get("times", [])
        ],
        conflicts=[Conflict(a=c["a"], b=c["b"], type=c.get("type") or "contradicts",
                            why=restore(c.get("why"), c.get("why_code")) or "")
                   for c in record.get("conflicts", [])],
    )
