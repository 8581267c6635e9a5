"""Serialise an Analysis as ``selon/1`` JSON (see the project README for the contract)."""

from __future__ import annotations

from typing import Any

from selon.model import Analysis, Party, Span

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
    }
