"""A denial of any fault against the reproach it answers: « le Premier ministre a assuré
n'avoir commis aucune erreur » against « de nombreux habitants estiment que le
gouvernement du Premier ministre a tardé à agir ».

Two statements of one story, of different sources on close days (in one article or in
two), contradict when one denies any fault, the other reproaches a fault of doing too
little or too late, and the reproach names the one who denies (a word of its source's
name). The words are data (``lang/<code>/faults.json``); :func:`selon.reconcile.across`
calls :func:`find` with the story's statements.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from selon import lang as langdata
from selon.reasons import say
from selon.reconcile.statements import Mention, Statement, same_source
from selon.reconcile.words import any_of, normalise
from selon.store.keys import name_key

# How many days apart a denial and the reproach it answers may be.
FAULT_DAYS = 14
# Words of a source's key too short or too common to tell who is named.
_MIN_NAME = 4


@dataclass(frozen=True)
class Faults:
    denials: re.Pattern[str]
    reproaches: re.Pattern[str]


@cache
def faults(lang: str = "fr") -> Faults:
    data = langdata.load(lang, "faults")
    return Faults(any_of(data["denials"]), any_of(data["reproaches"]))


def _names(m: Mention, keys: frozenset[str]) -> bool:
    """Whether a mention's content names a source of ``keys`` (a word of its name)."""
    region = name_key(m.content)
    words = {w for k in keys if k[:1] not in "@%" for w in k.split() if len(w) >= _MIN_NAME}
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", region) for w in words)


def find(statements: list[Statement], add: Callable[[str, str, str], None],
         lang: str = "fr") -> None:
    f = faults(lang)
    denials, reproaches = [], []
    for st in statements:
        for m in st.mentions:
            text = normalise(m.content)
            if f.denials.search(text):
                denials.append((st, m))
            elif f.reproaches.search(text):
                reproaches.append((st, m))
    for sd, md in denials:
        if not md.keys:
            continue
        for sr, mr in reproaches:
            if sr is sd or not md.near(mr, FAULT_DAYS):
                continue
            if mr.keys and same_source(md.keys, mr.keys):
                continue
            if _names(mr, md.keys):
                add(sr.id, sd.id, say("story.denies", by=sd.source or say("who.a_source")))
