"""Two quoted complements of one cue, joined by a conjunction that repeats their
preposition: « X a appelé à "A" de Y et à "B" » reports two things, one record each
(the guide: two quotes with one clause give one record per quote). A list of three or
more (« de "A", de "B" et de "C" ») is one content, as it is one qualification."""

from __future__ import annotations

from dataclasses import replace

from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.quotes import OPENING


def split_complements(ctx: Context, found: list[Found]) -> list[Found]:
    """The records of ``found`` split at « et à », « et de », ... when the content follows
    that preposition and each part holds a quotation; the other records as they are."""
    out: list[Found] = []
    for f in found:
        out.extend(_split(ctx, f))
    return out


def _split(ctx: Context, f: Found) -> list[Found]:
    if f.kind != "mixed" or f.cue is None or f.cue[1] > f.content[0]:
        return [f]
    doc = ctx.doc
    span = doc.char_span(f.content[0], f.content[1], alignment_mode="expand")
    if span is None or span.start == 0:
        return [f]
    k = span.start - 1
    if doc[k].text[:1] in OPENING and k > 0:
        k -= 1
    prep = doc[k]
    if prep.pos_ != "ADP":
        return [f]
    for j in range(span.start + 1, span.end - 2):
        t = doc[j]
        if t.pos_ != "CCONJ" or ctx.in_quote(t) or \
                ctx.words[j + 1] != ctx.words[prep.i]:
            continue
        if _listed(ctx, span.start, j, prep.lemma_):
            return [f]
        first = (f.content[0], doc[j - 1].idx + len(doc[j - 1]))
        second = (doc[j + 2].idx, f.content[1])
        if not ctx.quote_inside(first) or not ctx.quote_inside(second):
            return [f]
        return [replace(f, content=c, kind=k, via=list(f.via))
                for c, k in (_part(ctx, first), _part(ctx, second))]
    return [f]


def _listed(ctx: Context, start: int, conj: int, prep: str) -> bool:
    """Whether a comma before ``conj`` opens another complement led by ``prep``: the
    complements are a list of three or more (« de », « d' » alike: their lemma)."""
    doc = ctx.doc
    return any(ctx.words[i] == "," and doc[i + 1].lemma_ == prep and not ctx.in_quote(doc[i])
               for i in range(start, conj - 1))


def _part(ctx: Context, span: tuple[int, int]) -> tuple[tuple[int, int], str]:
    """A part that opens with a quotation and adds only a verbless phrase ("« A » de
    l'opposant") is that quotation, direct; any other part is mixed."""
    doc = ctx.doc
    q = ctx.quotes.starting_at(span[0])
    if q is None or q.outer[1] > span[1]:
        return span, "mixed"
    rest = doc.char_span(q.outer[1], span[1], alignment_mode="expand")
    if rest is not None and any(t.pos_ in ("VERB", "AUX") for t in rest):
        return span, "mixed"
    return q.inner, "direct"
