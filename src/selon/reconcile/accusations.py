"""An accusation against the denial of the accused, in another article of the story:
« le ministre a accusé le syndicat d'avoir saboté les machines » against « le syndicat a
démenti toute implication ».

A denial or rejection (stance) and an accusation of another source, in different articles
on close days, contradict when the accusation names the one who denies (from its cue on),
and the denial either points back (« ces accusations », « toute implication », a short
content) or shares two content words with the accusation (or half the words of the
shorter of the two: one place in common is not enough). Within one article,
:mod:`selon.reconcile.conflicts` pairs them; :func:`selon.reconcile.across.relations`
calls :func:`find` with the story's statements.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from selon.reasons import say
from selon.reconcile import conflicts, rejections
from selon.reconcile.faults import names
from selon.reconcile.statements import Mention, Statement, same_source
from selon.reconcile.words import content_words

# How many days apart an accusation and its denial may be.
ACCUSATION_DAYS = 7
# A denial of at most so many words answers whatever it is accused of (« toute implication »).
SHORT_WORDS = 4


def _text(m: Mention) -> str:
    return m.article.article.text[slice(*m.attribution.content)]


def _close(a: Mention, b: Mention) -> bool:
    da, db = a.article.article.published, b.article.article.published
    return da is not None and db is not None and abs((da - db).days) <= ACCUSATION_DAYS


def _answers(denial: str, accusation: str, c: conflicts.Cues) -> bool:
    if conflicts.is_anaphoric(denial, c) or rejections.points_at_accusation(denial):
        return True
    if len(re.findall(r"\w+", denial)) <= SHORT_WORDS:
        return True
    mine, theirs = content_words(denial), content_words(accusation)
    shared = mine & theirs
    return len(shared) >= 2 or (bool(shared) and len(shared) >= 0.5 * min(len(mine), len(theirs)))


def find(statements: list[Statement], add: Callable[[str, str, str], None],
         lang: str = "fr") -> None:
    c = conflicts.cues(lang)
    denials = [(st, m) for st in statements for m in st.mentions
               if m.attribution.stance in c.opposing and m.keys]
    accusations = [(st, m) for st in statements for m in st.mentions
                   if m.attribution.stance in c.accusing]
    for sd, md in denials:
        for sa, ma in accusations:
            if sa is sd or ma.article_id == md.article_id or not _close(md, ma):
                continue
            if ma.keys and same_source(md.keys, ma.keys):
                continue
            if names(ma, md.keys, reach=True) and _answers(_text(md), _text(ma), c):
                add(sa.id, sd.id, say("conflict.rejects_accusation",
                                      by=sd.source or say("who.a_source"),
                                      of=sa.source or say("who.another")))
