"""Quotations read out of a document: « On peut (ainsi) lire dans le communiqué : "A" ou
encore "B" ». The subject "on" with a reading verb (the lexicon's inversion
'reading_verbs', maybe after one of its 'modals') and a document after one of its
'document_preps' reports what the document says; each quotation after the colon (joined
by a comma, "et", "ou" or "ou encore") is one direct record whose source is the document.
"""

from __future__ import annotations

from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.source import document_np
from selon.analyse.attributions.speakers import TokRange

_MAX_ADVERBS = 3  # adverbs between "on (peut)" and the reading verb
_MAX_QUOTES = 8  # quotations read after one colon
_JOINERS = frozenset({",", "et", "ou", "encore"})


def find_reading(ctx: Context, sent: TokRange) -> list[Found]:
    inv = ctx.lex.inversion
    if inv is None:
        return []
    doc = ctx.doc
    out: list[Found] = []
    for j in ctx.where(("on",), sent[0], sent[1] - 2):
        if ctx.in_quote(doc[j]):
            continue
        k = j + 1
        if doc[k].lemma_.lower() in inv.modals:
            k += 1
        n = 0
        while k < sent[1] and doc[k].pos_ == "ADV" and n < _MAX_ADVERBS:
            k += 1
            n += 1
        if k >= sent[1] or (doc[k].lemma_.lower() not in inv.reading_verbs
                            and norm_word(doc[k].text) not in inv.reading_verbs):
            continue
        r = document_np(ctx, sent, k + 1)
        if r is None:
            continue
        colon = r[1]
        while colon < sent[1] and doc[colon].is_space:
            colon += 1
        if colon >= sent[1] or doc[colon].text != ":":
            continue
        source = ctx.party(r)
        if source is None:
            continue
        verb = doc[k]
        cue = (doc[j].idx, verb.idx + len(verb))
        for inner in _quotes_after(ctx, colon + 1, sent):
            out.append(Found("direct", inner, cue, verb.lemma_.lower(), source, "assert",
                             anchor=k))
    return out


def _quotes_after(ctx: Context, i: int, sent: TokRange) -> list[tuple[int, int]]:
    """The inner spans of the quotations from token ``i`` on, joined by _JOINERS only; the
    last may run past the sentence split the parser made inside it."""
    doc = ctx.doc
    found: list[tuple[int, int]] = []
    while i < len(doc) and len(found) < _MAX_QUOTES:
        while i < len(doc) and doc[i].is_space:
            i += 1
        q = ctx.quotes.starting_at(doc[i].idx) if i < len(doc) else None
        if q is None:
            break
        found.append(q.inner)
        close = doc.char_span(q.outer[1] - 1, q.outer[1], alignment_mode="expand")
        if close is None:
            break
        i = close.end
        n = 0
        while i < len(doc) and norm_word(doc[i].text) in _JOINERS and n < 3:
            i += 1
            n += 1
        if n == 0:
            break
    return found
