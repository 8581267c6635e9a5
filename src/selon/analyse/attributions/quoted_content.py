"""Quotations next to a reporting verb: a content after a colon ("X a déclaré : « ... »")
or before an inverted cue past a short aside ("« ... », en France, a dit X"), and a
quotation that opens at the verb group, the subject left outside ("Elle « a demandé à X
de partir »", "les rebelles ont « nié toute part et condamné l'attaque »")."""

from __future__ import annotations

from spacy.tokens import Token

from selon.analyse.attributions.context import Context
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.source import CLOSING, OPENING
from selon.analyse.attributions.speakers import TokRange, trim


def quote_after_colon(ctx: Context, sent: TokRange, after: int) -> tuple[int, int] | None:
    """"X a déclaré (à la presse) : « ... »" -> the quotation's inner span."""
    doc = ctx.doc
    for j in range(after, min(after + 12, sent[1])):
        if doc[j].text == ":":
            k = j + 1
            while k < len(doc) and doc[k].is_space:
                k += 1
            if k < len(doc) and doc[k].text[:1] in OPENING:
                q = ctx.quotes.starting_at(doc[k].idx)
                if q is not None:
                    return q.inner
            return None
        if doc[j].text in (".", ";") or doc[j].text[:1] in OPENING:
            return None
        if j > after and doc[j].pos_ == "VERB" and ctx.cue_of(doc[j]) is not None:
            return None  # "a estimé ..., avant de préciser : « ... »": that cue's quote
    return None


def listed_quotes(ctx: Context, sent: TokRange, inner: tuple[int, int]) -> list[tuple[int, int]]:
    """The quotations listed after the one of ``inner`` in its sentence, joined by commas
    or "et" only ('a résumé : « A », « B » et « C »'): one statement each."""
    doc = ctx.doc
    q = ctx.quotes.containing(inner[0])
    if q is None or q.inner != inner:
        return []
    out: list[tuple[int, int]] = []
    end_char = doc[sent[1] - 1].idx + len(doc[sent[1] - 1])
    while True:
        rest = ctx.text[q.outer[1]:end_char]
        gap = len(rest) - len(rest.lstrip(" ,\u00a0"))
        words = rest[gap:]
        for join in _LIST_JOINS:
            if words.startswith(join):
                gap += len(join)
                break
        nxt = ctx.quotes.starting_at(q.outer[1] + gap)
        if nxt is None or nxt.outer[1] > end_char or gap == 0 or \
                ("," not in rest[:gap] and not rest[:gap].strip()):
            return out
        out.append(nxt.inner)
        q = nxt


def quote_then_aside(ctx: Context, sent: TokRange, comma: int) -> tuple[int, int] | None:
    """"« A », en France, a déclaré X": a quotation opening the sentence, then a short aside
    without a verb between commas before the inverted cue; the content is the quotation."""
    doc = ctx.doc
    k = comma - 1
    n = 0
    while k > sent[0] and doc[k].text != "," and n < _MAX_ASIDE:
        if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in CLOSING or doc[k].text in OPENING:
            return None
        k -= 1
        n += 1
    if doc[k].text != "," or n == 0 or k - 1 < sent[0] or doc[k - 1].text not in CLOSING:
        return None
    q = ctx.quotes.ending_at(doc[k - 1].idx + 1)
    lead = trim(doc, sent[0], sent[1])[0]
    if q is None or q.outer[0] > doc[lead].idx:
        return None
    return q.inner


_MAX_ASIDE = 5  # words of an aside between a quotation and its inverted cue
_LIST_JOINS = ("et ", "ou ")  # words that may join listed quotations, after a comma or not


def opens_quote(ctx: Context, verb: Token) -> bool:
    """Whether the quotation holding ``verb`` opens at its verb group (only auxiliaries,
    adverbs and clitics between the mark and the verb) while its subject stands before
    the mark; a verb coordinated with such a verb inside the same quotation counts too."""
    q = ctx.quotes.containing(verb.idx)
    if q is None:
        return False
    head = verb
    if verb.dep_ == "conj" and verb.head.i < verb.i and ctx.quotes.containing(
            verb.head.idx) is q and verb.head.pos_ == "VERB":
        head = verb.head
    doc = ctx.doc
    opening = doc.char_span(q.outer[0], q.outer[0] + 1, alignment_mode="expand")
    if opening is None:
        return False
    for t in doc[opening.end:head.i]:
        if t.pos_ not in ("AUX", "ADV") and norm_word(t.text) not in ctx.lex.object_clitics \
                and norm_word(t.text) not in ctx.lex.negation:
            return False
    return any(c.dep_ in ("nsubj", "nsubj:pass") and c.idx < q.outer[0]
               for c in head.children)


_CLAUSE_END = frozenset({".", ",", ";", "!", "?", "…", ")"})


def quote_as_object(ctx: Context, sent: TokRange, after: int) -> tuple[int, int] | None:
    """'X a salué (mardi) « un pas en avant pour la paix »': a quotation right after a
    verb that takes a noun-phrase object, closing its clause, is what was said, whatever
    the parser made of its words. The quotation's inner span, None when there is none.
    Quotations listed after it, joined by commas or "et" ('a dénoncé « A », « B » et
    « C »'), are one object: the span runs from the first to the last."""
    doc = ctx.doc
    j = after
    while j < sent[1] and norm_word(doc[j].text) in ctx.lex.time_words:
        j += 1
    if j >= sent[1] or doc[j].text[:1] not in OPENING:
        return None
    q = ctx.quotes.starting_at(doc[j].idx)
    if q is None:
        return None
    close = doc.char_span(q.outer[1] - 1, q.outer[1], alignment_mode="expand")
    if close is None or close.end > sent[1]:
        return None
    if close.end < sent[1] and doc[close.end].text not in _CLAUSE_END:
        return None
    return quote_list(ctx, sent, q.inner) or q.inner


def quote_list(ctx: Context, sent: TokRange, inner: tuple[int, int]) -> tuple[int, int] | None:
    """The span from the quotation of ``inner`` to the last of the quotations listed after
    it ('a dénoncé « A », « B » et « C »': one object), when that list closes its clause;
    None when no quotation follows."""
    listed = listed_quotes(ctx, sent, inner)
    last = ctx.quotes.containing(listed[-1][0]) if listed else None
    if last is None:
        return None
    doc = ctx.doc
    close = doc.char_span(last.outer[1] - 1, last.outer[1], alignment_mode="expand")
    if close is None or close.end > sent[1] or (
            close.end < sent[1] and doc[close.end].text not in _CLAUSE_END):
        return None
    return inner[0], last.inner[1]
