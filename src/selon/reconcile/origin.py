"""Corroboration and origin of a statement: the independent origins that report it,
the first article that carried it, and its innermost relay.

A mention's origin is the innermost relay of its attribution ("…, selon TASS"), else the
agency of its article's credit line ("Avec AFP"), else the dispatch it copies (the
original of a near-copy), else its own article. Copies of one dispatch, or reports
relayed by one agency, are one origin, not independent corroboration.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from selon.reconcile.statements import Mention, Statement
from selon.reconcile.words import party_key


@dataclass
class Origin:
    origins: int  # independent origins reporting the statement
    first_article: str
    first_day: date | None  # None when no mention is dated
    relay: str | None  # the innermost relay most mentions go through


def origin_of(m: Mention, copies: dict[str, str]) -> str:
    at = m.attribution
    if at.via:
        return "relay:" + party_key(at.via[0].text)
    if m.article.credit:
        return "relay:" + party_key(m.article.credit)
    return "article:" + copies.get(m.article_id, m.article_id)


def relay_of(m: Mention) -> str | None:
    if m.attribution.via:
        return m.attribution.via[0].text
    return m.article.credit


def corroboration(st: Statement, copies: dict[str, str]) -> Origin:
    """``copies`` maps a near-copy's id to its original's."""
    origins = {origin_of(m, copies) for m in st.mentions}
    first = min(st.mentions, key=lambda m: (m.article.article.published is None,
                                            m.article.article.published or date.min,
                                            m.article_id))
    relays = Counter(r for r in (relay_of(m) for m in st.mentions) if r)
    return Origin(
        origins=len(origins),
        first_article=first.article_id,
        first_day=first.article.article.published,
        relay=relays.most_common(1)[0][0] if relays else None,
    )
