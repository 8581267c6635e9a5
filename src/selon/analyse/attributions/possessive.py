"""« Son tweet », « leur communiqué »: a document with a possessive names nobody; its
author is the one the possessive stands for, resolved as a subject pronoun is (the latest
speaker or body before it). The document nouns are ``nested.document_nouns`` and the
possessives ``possessive_sources`` of the language's cues.json."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from selon import lang as langdata
from selon.analyse.attributions.context import Context
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.speakers import make_party
from selon.model import Party


def possessor(ctx: Context, head: Token) -> Party | None:
    """The author of the document ``head`` when a possessive leads it, else None."""
    singular, plural, documents = _words(ctx.doc.lang_ or "fr")
    if norm_word(head.lemma_) not in documents and norm_word(head.text) not in documents:
        return None
    det = next((c for c in head.lefts if c.dep_ == "det"), None)
    if det is None:
        return None
    w = norm_word(det.text)
    if w in singular:
        span = ctx.resolver.resolve(det.idx)
    elif w in plural:
        span = ctx.resolver.resolve_plural(det.idx)
    else:
        return None
    if span is None:
        return None
    party = make_party(ctx.text, span, ctx.entities)
    party.how = "pronoun"
    return party


@cache
def _words(lang: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = langdata.load(lang, "cues")
    poss = data.get("possessive_sources", {})
    docs = data.get("nested", {}).get("document_nouns", [])
    return (frozenset(norm_word(w) for w in poss.get("singular", [])),
            frozenset(norm_word(w) for w in poss.get("plural", [])),
            frozenset(norm_word(w) for w in docs))
