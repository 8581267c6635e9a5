"""Word-level helpers shared by the reconcile modules: normalised text, content words,
the key of a statement's source."""

from __future__ import annotations

import re
from functools import cache

from selon import lang as langdata
from selon.model import Attribution
from selon.store.keys import name_key

_WORD = re.compile(r"[\w'-]+")
# Determiners that say nothing of who a source is: « certains experts » and « plusieurs
# experts » are the experts of the story (keys are accent-free, see name_key).
_ARTICLES = ("de nombreuses ", "de nombreux ", "d autres ", "certaines ", "certains ",
             "plusieurs ", "quelques ", "le ", "la ", "les ", "l ", "un ", "une ", "des ")


def normalise(text: str) -> str:
    """Lower case, one apostrophe style, single spaces (accents kept)."""
    text = text.replace("’", "'").replace("ʼ", "'").lower()
    return " ".join(text.split())


def any_of(words: list[str]) -> re.Pattern[str]:
    """A pattern of any of these words or phrases (normalised, the longest first), as
    whole words of a normalised text."""
    alts = sorted((re.escape(normalise(w)) for w in words), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alts)})(?![\w-])")


@cache
def stopwords(lang: str = "fr") -> frozenset[str]:
    return frozenset(langdata.load(lang, "conflicts")["stopwords"])


def content_words(text: str, lang: str = "fr") -> set[str]:
    """The words that carry the content (no stop words, at least three letters)."""
    stop = stopwords(lang)
    out = set()
    for w in _WORD.findall(normalise(text)):
        w = w.split("'")[-1]
        if len(w) >= 3 and w not in stop:
            out.add(w)
    return out


def party_key(text: str) -> str:
    """The key of a source's words: ``"la Russie"`` → ``"russie"``."""
    key = name_key(text)
    for article in _ARTICLES:
        if key.startswith(article):
            key = key[len(article):]
            break
    return key


def source_key(at: Attribution) -> str:
    return party_key(at.source.text) if at.source else ""
