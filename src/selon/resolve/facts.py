"""What the articles say of a screened person that a watchlist entry records too: a
birth year (« né en 1948 », « 76 ans » with the article's date), a role (« le
vice-président de la Commission militaire centrale » / the entry's position « Vice
Chairman of the ... Central Military Commission ») and a nationality (« du Pakistanais
Mohamed Usman », « le ministre afghan X », « le chef du gouvernement espagnol X »: the
adjective of the person's own title or office, not of a noun after it, « le
porte-parole du gouvernement afghan »). Read in the words
after each mention (and, for roles and nationalities, the title or noun before it,
:mod:`selon.resolve.titles`); the patterns and the role words are in
``lang/fr/screening.json``.

Screening (:mod:`selon.resolve.screen`) weighs a birth year as it weighs nationality: a
year the entry has agrees, one far from all of its dates speaks against it. A role the
entry's position names is only stated in the reason: role words are common
(« président ») and lists keep few positions, so a role neither raises nor lowers a
score.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from selon import lang as langdata
from selon.resolve.places import is_country, place_of
from selon.resolve.titles import ROLE_WORDS, Title, evidence

_DATA = langdata.load("fr", "screening")
_BORN = [re.compile(p, re.I) for p in _DATA["born"]]
_AGE = [re.compile(p, re.I) for p in _DATA["age"]]
_NATIONALITY_BEFORE = [re.compile(p) for p in _DATA["nationality_before"]]
_NATIONALITY_AFTER = [re.compile(p) for p in _DATA["nationality_after"]]
POSITIONS: dict[str, list[str]] = _DATA["positions"]
# a role matches a position's word, not its vice or deputy (« président » is not a
# « Vice Chairman »)
_NOT_VICE = r"(?<!vice )(?<!vice-)(?<!deputy )(?<!vice)"
_POSITION_WORDS = {
    role: re.compile(("" if role.startswith("vice") else _NOT_VICE) + r"\b(?:"
                     + "|".join(re.escape(w) for w in words) + r")\b", re.I)
    for role, words in POSITIONS.items()}
_SENTENCE_END = re.compile(r"[.!?;\n]\s|[.!?;]$|\n")
_YEAR = re.compile(r"\b(1[89]\d\d|20[0-3]\d)\b")
_TITLE_WORD = re.compile(r"[\w-]+")
# an entry's birth year and the article's may differ by one (an age given before the
# birthday, a year rounded by the list)
YEAR_SLACK = 1


@dataclass
class Facts:
    """What an entity's articles say of it: birth years, each with the words that gave
    it, and titles."""

    births: dict[int, str] = field(default_factory=dict)
    titles: set[Title] = field(default_factory=set)
    # country codes the person is said to be of, each with the words that say so
    nationalities: dict[str, str] = field(default_factory=dict)


def _sentence(after: str) -> str:
    end = _SENTENCE_END.search(after)
    return after[:end.start()] if end else after


def birth_years(after: str, published: date | None) -> dict[int, str]:
    """Birth years the words after a name give, each with those words."""
    text = _sentence(after)
    out: dict[int, str] = {}
    for pattern in _BORN:
        for m in pattern.finditer(text):
            out.setdefault(int(m.group("year")), m.group(0).strip(" ,()"))
    if published is not None:
        for pattern in _AGE:
            for m in pattern.finditer(text):
                age = int(m.group("age"))
                if 15 <= age <= 110:
                    # born this year, or the one before when the birthday is still to come
                    out.setdefault(published.year - age, m.group(0).strip(" ,()"))
    return out


def _nationality_word(word: str) -> str | None:
    place = place_of(word)
    if place is None or place.role != "adjective" or not is_country(place.code):
        return None
    return place.code


def nationality_of(title: Title) -> str | None:
    """The country of the adjective right after a title's role words (« le ministre
    afghan », « le Premier ministre espagnol »); none for an adjective of a noun after
    them (« le chef du mouvement libanais »)."""
    words = _TITLE_WORD.findall(title.phrase)
    roles = [i for i, w in enumerate(words) if w.lower() in ROLE_WORDS]
    if not roles:
        return None
    i = roles[0]
    while i < len(words) and words[i].lower() in ROLE_WORDS:
        i += 1
    return _nationality_word(words[i]) if i < len(words) else None


def nationality_nouns(before: str, after: str) -> dict[str, str]:
    """The nationality a noun right before a name (« du Pakistanais ») or in an
    apposition right after it (« , un Algérien »), or the office of a country
    (« le chef du gouvernement espagnol »), gives, with its words."""
    out: dict[str, str] = {}
    for patterns, text in ((_NATIONALITY_BEFORE, before), (_NATIONALITY_AFTER, after)):
        for pattern in patterns:
            m = pattern.search(text)
            code = _nationality_word(m.group("noun")) if m else None
            if m and code:
                out.setdefault(code, " ".join(m.group(0).strip(" ,").split()))
    return out


def read_facts(rows: Iterable[dict[str, Any]],
               published: dict[str, date | None]) -> dict[str, Facts]:
    """The facts of each canonical entity from its mentions (rows of
    :func:`selon.store.resolution.mention_contexts` with ``canonical_id``)."""
    contexts: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    out: dict[str, Facts] = defaultdict(Facts)
    for r in rows:
        cid = r["canonical_id"]
        contexts[cid].append((r["before"] or "", r["text"], r["after"] or ""))
        for year, words in birth_years(r["after"] or "", published.get(r["article_id"])).items():
            out[cid].births.setdefault(year, words)
        for country, said in nationality_nouns(r["before"] or "", r["after"] or "").items():
            out[cid].nationalities.setdefault(country, said)
    for cid, mentions in contexts.items():
        out[cid].titles = evidence(mentions).titles
        for title in sorted(out[cid].titles, key=lambda t: t.phrase):
            of = nationality_of(title)
            if of is not None:
                out[cid].nationalities.setdefault(of, title.phrase)
    return dict(out)


def entry_years(birth_dates: Sequence[str]) -> set[int]:
    """The years an entry's birth dates give (« 1944-03-09 », « 01 Jan 1960 »,
    « 1955 to 1957 »: 1955, 1956, 1957)."""
    years: set[int] = set()
    for value in birth_dates:
        found = [int(y) for y in _YEAR.findall(value)]
        if len(found) == 2 and found[0] < found[1] <= found[0] + 20:
            years.update(range(found[0], found[1] + 1))
        else:
            years.update(found)
    return years


@dataclass
class Compared:
    """Facts set against an entry, in words: what agrees and what speaks against it
    (both weighed), and what is only noted (a role)."""

    agree: list[str] = field(default_factory=list)
    against: list[str] = field(default_factory=list)
    noted: list[str] = field(default_factory=list)


def compare_facts(facts: Facts | None, birth_dates: Sequence[str],
                  positions: Sequence[str]) -> Compared:
    """The facts the articles give set against an entry's dates and positions."""
    out = Compared()
    agree, against = out.agree, out.against
    if facts is None:
        return out
    listed = entry_years(birth_dates)
    if facts.births and listed:
        met = sorted(y for y in facts.births if any(abs(y - x) <= YEAR_SLACK for x in listed))
        if met:
            agree.append(f"born {met[0]} (« {facts.births[met[0]]} »), as the entry "
                         f"({', '.join(birth_dates[:2])})")
        else:
            year = min(facts.births)
            against.append(f"born {year} (« {facts.births[year]} »), the entry "
                           f"{', '.join(birth_dates[:2])}")
    for title in sorted(facts.titles, key=lambda t: t.phrase):
        pattern = _POSITION_WORDS.get(title.role)
        position = next((p for p in positions if pattern and pattern.search(p)), None)
        if position is not None:
            out.noted.append(f"« {title.phrase} » as the entry's position « "
                             f"{' '.join(position.split())[:80]} »")
            break
    return out
