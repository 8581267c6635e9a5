"""Quotations that a reporting clause interrupts without closing them.

Wire copy often opens a quotation, breaks it with an inverted reporting clause and goes on
without new quote marks: « "A, a-t-il écrit dans sa tribune. B" » or « "A, poursuit-elle,
B" ». The pair of marks spans A, the clause and B; A and B are the speaker's words, one
direct record each, and the clause between them is not quoted. The clause must carry an
inverted clitic subject (-t-il, -elle, dit-on): that hyphenated pronoun is what marks the
words as an interruption rather than quoted speech. B starts after the comma that closes
the clause or after the end of its sentence, and runs to the closing mark.
"""

from __future__ import annotations

from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.inverted import verb_group
from selon.analyse.attributions.quotes import Quote
from selon.analyse.attributions.speakers import TokRange, trim
from selon.model import Party, Span

_MIN_WORDS = 2  # words of each part of an interrupted quotation
_MAX_CLAUSE = 40  # tokens of the interrupting clause up to the end of its sentence
_SENTENCE_ENDS = frozenset({".", "!", "?", "…"})


def find_interrupted(ctx: Context, sent: TokRange) -> list[tuple[Found, Span]]:
    """The two parts of each quotation interrupted in ``sent``, with the span of the
    interrupting clause (statements that hold it are not the speaker's words)."""
    inv = ctx.lex.inversion
    if inv is None:
        return []
    doc = ctx.doc
    out: list[tuple[Found, Span]] = []
    for j in ctx.where((",",), sent[0], sent[1] - 1):
        q = ctx.quotes.containing(doc[j].idx)
        if q is None:
            continue
        last = _last_token(ctx, q)
        if last is None or last <= j + 1:
            continue
        g = verb_group(ctx, inv, j + 1, last)
        if g is None or g.clitic is None or doc[g.clitic].text.lstrip("-").lower() == "on":
            continue
        rest = _rest_start(ctx, g.end, last)
        if rest is None:
            continue
        first = trim(doc, *_tokens(ctx, (q.inner[0], doc[j].idx)))
        second = trim(doc, rest, last + 1)
        if first[1] - first[0] < _MIN_WORDS or second[1] - second[0] < _MIN_WORDS:
            continue
        p = ctx.pronoun(doc[g.clitic])
        party = p if isinstance(p, Party) else None
        verb = doc[g.verb]
        end_tok = doc[max(g.verb, g.clitic)]
        cue = (doc[g.start].idx, end_tok.idx + len(end_tok))
        clause = (doc[j].idx, doc[rest].idx)
        for part in (first, second):
            span = (doc[part[0]].idx, doc[part[1] - 1].idx + len(doc[part[1] - 1]))
            out.append((Found("direct", span, cue, verb.lemma_.lower(), party, "assert",
                              anchor=g.verb, pronoun=True), clause))
        if party is not None:
            ctx.resolver.note_speaker(verb.idx, party.span)
    return out


def _last_token(ctx: Context, q: Quote) -> int | None:
    """The last token of the quotation's words."""
    span = ctx.doc.char_span(q.inner[0], q.inner[1], alignment_mode="expand")
    return span.end - 1 if span is not None and len(span) else None


def _tokens(ctx: Context, span: Span) -> TokRange:
    s = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
    return (s.start, s.end) if s is not None else (0, 0)


def _rest_start(ctx: Context, k: int, last: int) -> int | None:
    """Where the quoted words resume after the clause ending at ``k``: after the comma
    that closes it, or after the end of its sentence."""
    doc = ctx.doc
    if k <= last and doc[k].text == ",":
        return k + 1
    for j in range(k, min(last, k + _MAX_CLAUSE)):
        t = doc[j]
        if t.text in ('"', "«", "»", "“", "”", ":", ";"):
            return None
        if t.text in _SENTENCE_ENDS:
            return j + 1
    return None


def drop_spanning(found: list[Found], parts: list[tuple[Found, Span]]) -> list[Found]:
    """``found`` without the statements whose content runs over an interrupting clause,
    then the parts of the interrupted quotations."""
    clauses = [c for _, c in parts]
    kept = [f for f in found
            if not any(f.content[0] < c[0] and c[1] <= f.content[1] for c in clauses)]
    return kept + [f for f, _ in parts]
