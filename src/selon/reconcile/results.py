"""The results of a vote against their rejection: « Je rejette ces résultats
fantaisistes », said by a candidate, against « M. X a obtenu 61% des voix », announced by
the electoral commission.

Two statements of one story, of different sources on close days (in one article or in
two), contradict when one rejects the results (its words, or a rejection or denial naming
them) and the other gives a share in per cent with words of a vote's results. The words
are data (``lang/<code>/results.json``); :func:`selon.reconcile.across.relations` calls
:func:`find` with the story's statements.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from selon import lang as langdata
from selon.reasons import say
from selon.reconcile import conflicts
from selon.reconcile.statements import Statement, same_source
from selon.reconcile.words import any_of, normalise

# How many days apart the results and their rejection may be.
RESULTS_DAYS = 7
_SHARE = re.compile(r"\d(?:[\d.,\s]*\d)?\s?(?:%|pour cent)")


@dataclass(frozen=True)
class Results:
    rejections: re.Pattern[str]
    heads: re.Pattern[str]
    words: re.Pattern[str]


@cache
def results(lang: str = "fr") -> Results:
    data = langdata.load(lang, "results")
    return Results(any_of(data["rejections"]), any_of(data["heads"]),
                   any_of(data["results_words"]))


def find(statements: list[Statement], add: Callable[[str, str, str], None],
         lang: str = "fr") -> None:
    r = results(lang)
    opposing = conflicts.cues(lang).opposing
    rejecting, giving = [], []
    for st in statements:
        for m in st.mentions:
            text = normalise(m.content)
            if r.rejections.search(text) or (m.attribution.stance in opposing
                                             and r.heads.search(text)):
                rejecting.append((st, m))
            elif _SHARE.search(text) and r.words.search(text):
                giving.append((st, m))
    for sr, mr in rejecting:
        for sg, mg in giving:
            if sg is sr or not mr.near(mg, RESULTS_DAYS):
                continue
            if not mr.keys or (mg.keys and same_source(mr.keys, mg.keys)):
                continue
            add(sg.id, sr.id, say("conflict.rejects", by=sr.source or say("who.a_source"),
                                  of=sg.source or say("who.another")))
