"""Titles and roles around a person's name, as evidence for and against joining names.

Read in the text of the article next to each mention (the analysis keeps role titles
out of person names): « le président russe Vladimir Poutine », « Sergueï Lavrov, le
ministre russe des Affaires étrangères », « M. Choïgou », « la chancelière Merkel ».
Each gives a :class:`Title` (the role, masculine form, and the country its words name)
and a gender. The words come from ``lang/fr/entities.json`` (role titles) and
``lang/fr/roles.json``.

- Against: a man and a woman (« M. Martin » / « Mme Martin »), or the same role in
  two countries (« le président russe » / « le président ukrainien »), are two people.
- For: a surname alone (« le président russe Poutine », « le président Trump ») joins
  the one full name of the store that carried the same role (in the same country).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from selon import lang as langdata
from selon.resolve.places import place_of

_ROLES = langdata.load("fr", "roles")
_ENTITIES = langdata.load("fr", "entities")
FEMININE: dict[str, str] = _ROLES["feminine"]
ROLE_WORDS = frozenset(w.lower() for w in _ENTITIES["role_titles"]) \
    - frozenset(_ROLES["not_identifying"])
_GENDER_OF_ROLE = {**{w: "f" for w in _ROLES["feminine_only"]},
                   **{w: "m" for w in _ROLES["masculine_only"]}}
_MALE = frozenset(_ROLES["male"])
_FEMALE = frozenset(_ROLES["female"])
_STOP = frozenset(_ROLES["qualifier_stop"])
_DETERMINERS = frozenset(("le", "la", "du", "au"))
_COURTESY_WORDS = (_MALE | _FEMALE) - _DETERMINERS
_DE = frozenset(("de", "d'", "du", "des", "l'", "la", "le", "les"))

_WORD = re.compile(r"[dlDL]['’]|[\w-]+(?:['’]\w+)?")
_SENTENCE = re.compile(r"[.!?;:\n«»\"“”()\[\]]")
_COURTESY = re.compile(r"(?:^|\s)(?P<t>[A-Z][a-z]{0,9})\.?\s*$")
_AFTER = re.compile(r"^\s*,\s*(?P<phrase>[^,.;:()\n\"«»]{3,90})")
MAX_QUALIFIER = 6


@dataclass(frozen=True)
class Title:
    role: str                # « président » (masculine form)
    country: str | None      # ISO code of the country its words name, when they do
    phrase: str              # the words as written: « le président russe »


@dataclass
class Evidence:
    """What the text around an entity's mentions says about who it is."""

    titles: set[Title] = field(default_factory=set)
    genders: set[str] = field(default_factory=set)

    def add(self, other: Evidence) -> None:
        self.titles |= other.titles
        self.genders |= other.genders

    @property
    def gender(self) -> str | None:
        return next(iter(self.genders)) if len(self.genders) == 1 else None

    def roles(self) -> set[tuple[str, str]]:
        return {(t.role, t.country) for t in self.titles if t.country}


def _words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text)]


def _joined(words: list[str]) -> str:
    return " ".join(words).replace("' ", "'")


def _role(word: str) -> str | None:
    low = word.lower()
    if low not in ROLE_WORDS:
        return None
    return FEMININE.get(low, low)


def _country(words: Iterable[str]) -> str | None:
    for word in words:
        if word in _DE or word.lower() in _STOP or len(word) < 3:
            continue
        place = place_of(word)
        if place is not None and place.role in ("adjective", "country"):
            return place.code
    return None


def _gender(determiner: str | None, role_word: str) -> str | None:
    det = (determiner or "").lower()
    if det in _DETERMINERS:
        return "f" if det == "la" else "m"
    return _GENDER_OF_ROLE.get(role_word.lower())


def _before(text: str) -> tuple[Title | None, str | None]:
    """The title ending right before a name, and the gender a courtesy title gives."""
    courtesy = _COURTESY.search(text)
    if courtesy and courtesy.group("t").lower() in _COURTESY_WORDS:  # « M. », « Mme »
        return None, "m" if courtesy.group("t").lower() in _MALE else "f"
    cut = max((m.end() for m in _SENTENCE.finditer(text)), default=0)
    words = _words(text[cut:])
    for back in range(1, min(len(words), MAX_QUALIFIER + 1) + 1):
        i = len(words) - back
        role = _role(words[i])
        qualifier = words[i + 1:]
        if any(w.lower() in _STOP for w in qualifier):
            return None, None
        if role is None:
            continue
        det = words[i - 1] if i > 0 else None
        phrase = _joined(words[i - 1 if det and det.lower() in _DE else i:])
        return Title(role, _country(qualifier), phrase), _gender(det, words[i])
    return None, None


def _after(text: str) -> tuple[Title | None, str | None]:
    """« X, le ministre russe de la Défense, ... »: the title right after a name."""
    m = _AFTER.match(text)
    if not m:
        return None, None
    words = _words(m.group("phrase"))
    start = 1 if words and words[0].lower() in ("le", "la", "l'", "un", "une", "ex") else 0
    if len(words) <= start:
        return None, None
    role = _role(words[start])
    if role is None:
        return None, None
    qualifier = []
    for w in words[start + 1:start + 1 + MAX_QUALIFIER]:
        if w.lower() in _STOP:
            break
        qualifier.append(w)
    det = words[0] if start else None
    return (Title(role, _country(qualifier), _joined(words[:start + 1 + len(qualifier)])),
            _gender(det, words[start]))


def evidence(mentions: Iterable[tuple[str, str, str]]) -> Evidence:
    """The evidence of one entity from its mentions, each (text before, mention, text
    after)."""
    out = Evidence()
    for before, mention, after in mentions:
        first = _words(mention)[:1]
        if first and first[0].lower() in _COURTESY_WORDS and first[0][:1].isupper():
            out.genders.add("m" if first[0].lower() in _MALE else "f")
        for title, gender in (_before(before), _after(after)):
            if title is not None:
                out.titles.add(title)
            if gender is not None:
                out.genders.add(gender)
    return out


def conflict(a: Evidence, b: Evidence) -> str | None:
    """Why two entities cannot be one person, when their titles say so."""
    if a.gender and b.gender and a.gender != b.gender:
        return f"one is a {_GENDER_WORD[a.gender]}, the other a {_GENDER_WORD[b.gender]}"
    ra, rb = a.roles(), b.roles()
    if ra & rb:
        return None
    for role, country in ra:
        others = {c for r, c in rb if r == role}
        if others and country not in others:
            there = next(t.phrase for t in b.titles if t.role == role and t.country in others)
            here = next(t.phrase for t in a.titles if (t.role, t.country) == (role, country))
            return f"« {here} » is not « {there} »"
    return None


def shared(a: Evidence, b: Evidence) -> str | None:
    """The title two entities share, in words: the same role in the same country, else
    the same role where neither names a country for it (« le président Trump »)."""
    common = a.roles() & b.roles()
    if common:
        role, country = sorted(common)[0]
        return next(t.phrase for t in sorted(b.titles, key=lambda t: t.phrase)
                    if (t.role, t.country) == (role, country))
    mine = {t.role for t in a.titles if t.country is None}
    for t in sorted(b.titles, key=lambda t: t.phrase):
        if t.role in mine:
            return next(x.phrase for x in sorted(a.titles, key=lambda x: x.phrase)
                        if x.role == t.role)
    return None


_GENDER_WORD = {"m": "man", "f": "woman"}
