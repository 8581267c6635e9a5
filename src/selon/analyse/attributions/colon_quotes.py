"""A quotation opened by a colon at the end of a reported clause: « X a estimé que A :
"B" » reports A (indirect or mixed) and then B in X's own words, one record each (the
guide: two quotes with one clause give one record per quote)."""

from __future__ import annotations

from dataclasses import replace

from selon.analyse.attributions.context import Context, Found

_COLONS = frozenset({":"})


def split_colon_quotes(ctx: Context, found: list[Found]) -> list[Found]:
    """The records of ``found`` whose content ends with a colon and a quotation, split
    there; the other records as they are."""
    out: list[Found] = []
    for f in found:
        out.extend(_split(ctx, f))
    return out


def _split(ctx: Context, f: Found) -> list[Found]:
    if f.kind not in ("mixed", "indirect") or f.cue is None or f.cue[1] > f.content[0]:
        return [f]
    doc = ctx.doc
    span = doc.char_span(f.content[0], f.content[1], alignment_mode="expand")
    if span is None:
        return [f]
    for t in span[1:]:
        if t.text not in _COLONS or ctx.in_quote(t):
            continue
        nxt = t.i + 1
        while nxt < span.end and doc[nxt].is_space:
            nxt += 1
        q = ctx.quotes.starting_at(doc[nxt].idx) if nxt < len(doc) else None
        if q is None or q.outer[1] < f.content[1] - 1 or q.inner[0] >= q.inner[1]:
            return [f]
        prev = doc[t.i - 1]
        first = (f.content[0], prev.idx + len(prev))
        if first[0] >= first[1]:
            return [f]
        kind = "mixed" if ctx.quote_inside(first) else "indirect"
        return [replace(f, content=first, kind=kind, via=list(f.via)),
                replace(f, content=q.inner, kind="direct", via=list(f.via))]
    return [f]
