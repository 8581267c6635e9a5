"""Who a source stands for, beyond its own words: the keys of the government or body it
speaks for, so that one statement reported under several names is one.

- A country's government as a whole: « Moscou » (a capital as a metonym), « le
  Kremlin » (a seat of government, ``bodies.json``), « la Russie », « le gouvernement
  russe », « les autorités de la Russie » all give the key ``%ru``.
- A spokesperson speaks for the body named in their title: « le porte-parole de la
  junte » gives the key of « junte » (and of its government, when the body is one:
  « porte-parole du Kremlin » gives ``%ru``).

The keys are those of :func:`selon.reconcile.words.party_key`; two sources sharing one
are the same source for :func:`selon.reconcile.statements.same_source`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from selon import lang as langdata
from selon.resolve.places import place_of

_ARTICLES = ("le ", "la ", "les ", "l ")


@dataclass(frozen=True)
class _Data:
    seats: dict[str, str]
    heads: frozenset[str]
    titles: tuple[str, ...]  # longest first
    links: tuple[str, ...]  # longest first


@cache
def _data(lang: str = "fr") -> _Data:
    raw = langdata.load(lang, "bodies")
    return _Data(dict(raw["seats"]), frozenset(raw["government_heads"]),
                 tuple(sorted(raw["spokesperson_titles"], key=len, reverse=True)),
                 tuple(sorted(raw["body_links"], key=len, reverse=True)))


def _after_link(rest: str, links: tuple[str, ...]) -> str | None:
    """What follows the word joining a title or a head to its body (« de la junte »)."""
    for link in links:
        if rest.startswith(link + " "):
            return _strip(rest[len(link) + 1:]) or None
    return None


def _strip(key: str) -> str:
    for article in _ARTICLES:
        if key.startswith(article):
            return key[len(article):]
    return key


def government(key: str, lang: str = "fr") -> str | None:
    """The key (``%`` and the country code) of the government a source key names as a
    whole, if it names one."""
    data = _data(lang)
    key = _strip(key)
    if not key:
        return None
    if key in data.seats:
        return f"%{data.seats[key]}"
    place = place_of(key)
    if place is not None and place.role in ("capital", "country"):
        return f"%{place.code}"
    words = key.split()
    if len(words) > 1 and words[0] in data.heads:
        rest = " ".join(words[1:])
        place = place_of(_after_link(rest, data.links) or rest)
        if place is not None:  # a country, its capital or its adjective
            return f"%{place.code}"
    return None


def spoken_for(key: str, lang: str = "fr") -> str | None:
    """The key of the body a spokesperson's title names (« porte parole de la junte »:
    « junte »), if the key is such a title."""
    data = _data(lang)
    for title in data.titles:
        if key.startswith(title + " "):
            return _after_link(key[len(title) + 1:], data.links)
    return None


@lru_cache(maxsize=50_000)
def keys(key: str, lang: str = "fr") -> frozenset[str]:
    """The keys of what a source key stands for: its government, the body it speaks for
    and that body's government."""
    out = set()
    gov = government(key, lang)
    if gov:
        out.add(gov)
    body = spoken_for(key, lang)
    if body:
        out.add(body)
        gov = government(body, lang)
        if gov:
            out.add(gov)
    return frozenset(out)
