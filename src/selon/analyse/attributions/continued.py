"""Quotations that go on a statement within its paragraph, with no cue of their own.

« "A", a déclaré X. "B" » and « "A", a-t-il dit, "B" »: B is more of X's words, its own
direct record with X's cue, source and relays (one record per quotation). The quotation
must come right after the statement: after the comma that ends an inverted reporting
clause or the colon that ends the words after it (« "A", a-t-il dit, citant X : "B" »), or
as the next sentence when nothing but that clause and an apposition ("..., analyse X,
chercheur au CNRS.") stands between them. It must end its sentence, and no
statement may hold it already. A finite verb in the gap ends the statement unless a
relative clause about the speaker holds it (", un homme de 53 ans qui a refusé de ...").
A continued quotation can be continued in turn.

``closing_quote`` finds the quotation that is a paragraph's last sentence, for the
continuation of a statement by the next paragraph (see ``component._continuations``).
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.quotes import CLOSING, OPENING, Quote
from selon.analyse.tokens import is_finite
from selon.model import Party, Span

_MAX_GAP_TOKENS = 30  # words between a statement and the quotation that goes on with it
_MAX_LEAD_TOKENS = 25  # words of a paragraph before the quotation that ends it
_SENTENCE_ENDS = (".", "!", "?", "…")


def continued_quotes(ctx: Context, found: list[Found]) -> list[Found]:
    """The continuations of ``found`` (sorted by position), each a new direct record."""
    quotes = ctx.quotes.quotes
    starts = [q.outer[0] for q in quotes]
    held = sorted(f.content for f in found)
    out: list[Found] = []
    for f in sorted(found, key=lambda f: f.content[0]):
        while f.kind in ("direct", "indirect", "mixed") and f.source is not None \
                and not f.judged:  # "un plan, rejeté par X": X says no more
            end = _extent(ctx, f)
            i = bisect.bisect_left(starts, end)
            if i >= len(quotes):
                break
            q = quotes[i]
            if _held(held, q) or not _goes_on(ctx, f, end, q):
                break
            g = Found("direct", q.inner, f.cue, f.cue_lemma, continued(f.source), f.stance,
                      list(f.via), anchor=f.anchor, pronoun=f.pronoun)
            out.append(g)
            bisect.insort(held, q.inner)
            f = g
    return out


def continued(party: Party | None) -> Party | None:
    """The speaker of a continued quotation: the same party, marked as carried over."""
    return replace(party, how="continued") if party is not None else None


def _extent(ctx: Context, f: Found) -> int:
    """Where the statement ends: after its content (and the closing mark of a quoted
    one), its cue and a source that follows the content."""
    end = f.content[1]
    q = ctx.quotes.ending_at(end + 1)
    if q is not None and q.inner[1] == end:
        end += 1
    ends = [end]
    if f.cue is not None:
        ends.append(f.cue[1])
    if f.source is not None and f.source.span[0] >= f.content[1]:
        ends.append(f.source.span[1])
    return max(ends)


def _held(held: list[tuple[int, int]], q: Quote) -> bool:
    """Whether a statement's content overlaps the quotation already."""
    i = bisect.bisect_left(held, (q.outer[1], 0))
    return any(c[1] > q.outer[0] for c in held[max(i - 8, 0):i])


def _goes_on(ctx: Context, f: Found, end: int, q: Quote) -> bool:
    text = ctx.text
    gap = text[end:q.outer[0]]
    if "\n" in gap or any(m in gap for m in '"«»“”'):
        return False
    if not _ends_sentence(ctx, q):
        return False
    words = gap.strip()
    inverted = f.cue is not None and f.cue[0] >= f.content[1]
    if inverted and words.endswith((",", ":")):
        pass  # « "A", a-t-il dit (à la presse), "B" », « "A", a-t-il dit, citant X : "B" »
    elif not words.endswith(_SENTENCE_ENDS) or not text[q.inner[0]:q.inner[0] + 1].isupper():
        return False
    if words in (",", ".", "!", "?", "…"):
        return True
    span = ctx.doc.char_span(end, q.outer[0], alignment_mode="expand")
    if span is None or len(span) > _MAX_GAP_TOKENS:
        return False
    for t in span:  # a finite verb of a relative clause on the speaker may stand there
        if norm_word(t.text) in ctx.lex.relative_words:
            return True
        if is_finite(t):
            return False
    return True


def _ends_sentence(ctx: Context, q: Quote) -> bool:
    """The quotation closes its sentence: its words end on sentence punctuation, or only
    punctuation follows its closing mark up to the end of the sentence or the line."""
    text = ctx.text
    if text[q.inner[0]:q.inner[1]].rstrip().endswith(_SENTENCE_ENDS):
        nxt = text[q.outer[1]:q.outer[1] + 2].strip(" \t\xa0")
        return nxt == "" or nxt[:1] in _SENTENCE_ENDS or nxt[:1] == "\n" or nxt[:1].isupper() \
            or nxt[:1] in '"«“'
    rest = text[q.outer[1]:q.outer[1] + 3].lstrip(" ")
    return rest == "" or rest[:1] in _SENTENCE_ENDS or rest[:1] == "\n"


def closing_quote(ctx: Context, para: Span) -> Quote | None:
    """The quotation that a paragraph is, or that ends it after a short lead of no finite
    verb closed by sentence punctuation (« Et les critiques ? "..." », « Fièvre, toux,
    fatigue. "..." »): a question or a list asked or drawn by the article, the quotation
    answering it. None when the lead has a verb of its own (« Les manifestants ont défilé.
    "..." »: the quotation may be theirs) or a quotation mark."""
    text = ctx.text
    q = ctx.quotes.starting_at(para[0])
    if q is not None:
        return q
    end = para[1] - 1 if text[para[1] - 1] in ".…" else para[1]
    q = ctx.quotes.ending_at(end)
    if q is None or q.outer[0] <= para[0]:
        return None
    lead = text[para[0]:q.outer[0]].rstrip(" \t\u00a0")
    if not lead.endswith(_SENTENCE_ENDS) or any(c in OPENING or c in CLOSING for c in lead):
        return None
    span = ctx.doc.char_span(para[0], para[0] + len(lead), alignment_mode="expand")
    if span is None or len(span) > _MAX_LEAD_TOKENS:
        return None
    if any(is_finite(t) for t in span):
        return None
    return q
