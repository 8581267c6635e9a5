"""Words between a reporting verb and a content that comes after it.

A cue verb may be kept apart from its que-clause, its infinitive, its object or its
quotation by adverbs and time words, by short prepositional phrases and by an incise set
off by commas: "a déploré à Belgrade n'avoir eu aucune explication", "a affirmé devant les
députés vouloir ...", "avait promis, avant son arrivée à Lyon, qu'il ...", "a dit, jeudi,
qu'il ...", "a appelé, dans un communiqué, les salariés à cesser le travail". A colon may
open the content too, a clause without quotation marks: "X a prévenu : la réforme sera
votée". Those words say where, when or to whom the statement was made; the content starts
after them. The parser often hangs the content on a word of the phrase, so the phrase is
read from the words' classes, not from the tree.
"""

from __future__ import annotations

from selon.analyse.attributions.context import Context
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.source import OPENING
from selon.analyse.attributions.speakers import TokRange
from selon.analyse.tokens import is_finite

_MAX_GAP = 16  # tokens between the verb and its content
_MAX_INCISE = 10  # tokens of an incise between commas
_PHRASE_POS = frozenset({"DET", "NOUN", "PROPN", "ADJ", "NUM"})


def content_after_gap(ctx: Context, sent: TokRange, after: int) -> int | None:
    """Where a content may start past the adverbials, prepositional phrases and incise
    that follow the verb group ending at ``after`` (what the verb takes there is read as
    right after the verb); None when no such words stand there."""
    doc = ctx.doc
    end = min(sent[1], after + _MAX_GAP)
    i = after
    while i < end:
        t = doc[i]
        if ctx.in_quote(t) and i > after:
            break
        nxt = _skip(ctx, i, end)
        if nxt is None:
            break
        i = nxt
    if i == after or i >= sent[1] or (doc[i].is_punct and doc[i].text[:1] not in OPENING):
        return None  # ", leur avait demandé ...": a comma no incise closes ends the phrase
    return i


def clause_after_colon(ctx: Context, sent: TokRange, after: int) -> TokRange | None:
    """"X a prévenu (mardi) : la réforme sera votée" -> the clause after the colon, to the
    end of the sentence; None when no colon follows the verb group (past adverbials,
    phrases and an incise), when a quotation opens after it or when no finite verb
    follows (a list of nouns is an object, read elsewhere)."""
    doc = ctx.doc
    i = after
    end = min(sent[1], after + _MAX_GAP)
    while i < end and doc[i].text != ":":
        nxt = _skip(ctx, i, end)
        if nxt is None:
            return None
        i = nxt
    if i >= end or ctx.in_quote(doc[i]):
        return None
    a = i + 1
    while a < sent[1] and doc[a].is_space:
        a += 1
    if a >= sent[1] or doc[a].text[:1] in OPENING:
        return None
    b = sent[1]
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    if not any(is_finite(t) for t in doc[a:b]) or any(t.text in (":", ";") for t in doc[a:b]):
        return None
    return a, b


def _skip(ctx: Context, i: int, end: int) -> int | None:
    """The index after one adverb, time word, prepositional phrase or incise at ``i``."""
    doc = ctx.doc
    t = doc[i]
    w = norm_word(t.text)
    if (t.pos_ == "ADV" and w not in ctx.lex.negation) or w in ctx.lex.time_words \
            or ctx.in_time(t):
        return i + 1
    if t.pos_ == "ADP" and w not in ("de", "d'") and not ctx.in_quote(t):
        k = i + 1
        while k < end and (doc[k].pos_ in _PHRASE_POS or (
                doc[k].pos_ == "ADP" and norm_word(doc[k].text) in ("de", "d'", "du", "des",
                                                                    "à", "au", "aux"))):
            k += 1
        if doc[k - 1].pos_ == "ADP" or (k < end and doc[k].pos_ == "ADP"):
            return None  # "sur sa capacité à gouverner": the infinitive is the noun's
        # a phrase with a noun in it ("à Belgrade", "devant les députés", "au sujet de X")
        return k if any(doc[j].pos_ in ("NOUN", "PROPN") for j in range(i + 1, k)) else None
    if t.text == "," and not ctx.in_quote(t):
        k = i + 1
        while k < end and k - i <= _MAX_INCISE and doc[k].text != ",":
            u = doc[k]
            if ctx.in_quote(u) or u.text in (";", ":", "(", ")") or is_finite(u) or \
                    norm_word(u.text) in ctx.lex.que_words:
                return None
            k += 1
        return k + 1 if k < end and doc[k].text == "," and k > i + 1 else None
    return None


