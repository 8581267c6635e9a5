"""Countries, their capitals used as metonyms and their adjectives, kept apart.

« Russie », « Russia » and « Россия » are one country (rigour's territories, which know
names in many languages); « Moscou » is the Russian government when it « a dénoncé »,
a different entity linked to Russia; « russe » says something is Russian. Each resolves
to a :class:`Place` whose ``role`` keeps them distinguishable.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rigour.territories import get_territory, lookup_territory

from selon import lang as langdata
from selon.store.keys import name_key

_DATA = langdata.load("fr", "places")
CAPITALS: dict[str, str] = _DATA["capitals"]
EXONYMS: dict[str, str] = _DATA["exonyms"]
ADJECTIVES: dict[str, str] = {
    adj + ending: code
    for adj, code in _DATA["adjectives"].items() for ending in _DATA["adjective_endings"]
}


@dataclass(frozen=True)
class Place:
    code: str   # ISO country code (lower case), "eu" for the EU
    role: str   # "country", "capital" (a metonym for its government) or "adjective"

    @property
    def country(self) -> str:
        territory = get_territory(self.code)
        return territory.name if territory is not None else self.code.upper()


def is_country(code: str) -> bool:
    """True for a country (a territory with an ISO alpha-3 code), not an organisation of
    states that rigour also lists (« un », « eu »)."""
    territory = get_territory(code)
    return territory is not None and territory.alpha3 is not None


@lru_cache(maxsize=50_000)
def place_of(name: str) -> Place | None:
    """The country a place name, capital or adjective stands for, if known."""
    key = name_key(name)
    if not key:
        return None
    if key in CAPITALS:
        return Place(CAPITALS[key], "capital")
    if key in ADJECTIVES:
        return Place(ADJECTIVES[key], "adjective")
    if key in EXONYMS:
        return Place(EXONYMS[key], "country")
    territory = lookup_territory(name)
    if territory is None or "-" in territory.code:
        return None  # unknown, or a region (« Washington » the state is not meant)
    return Place(territory.code, "country")
