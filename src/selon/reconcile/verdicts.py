"""Opposite verdicts on one thing from two sources: « le vote est valide et légitime »
against « un vote entaché de fraudes ».

Two statements of different sources, a few lines apart, contradict when one gives the thing
a positive verdict and the other a negative one, and they share a content word besides the
verdict words (the thing judged: « vote »). A verdict word just after a negation counts for
the other side (« n'est pas légitime »). The words are data (``lang/<code>/verdicts.json``);
:func:`selon.reconcile.conflicts.find` calls :func:`find` with the article's
:class:`~selon.reconcile.rejections.Scene`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from selon import lang as langdata
from selon.model import Attribution
from selon.reasons import say
from selon.reconcile.rejections import Scene
from selon.reconcile.words import any_of, content_words, normalise

# How far apart (in lines) two verdicts on one thing may be.
VERDICT_LINES = 10
_WORD = re.compile(r"[\w'-]+")


@dataclass(frozen=True)
class Verdicts:
    positive: re.Pattern[str]
    negative: re.Pattern[str]
    negations: frozenset[str]
    words: frozenset[str]
    comparatives: frozenset[str] = frozenset()
    openers: re.Pattern[str] | None = None


@cache
def verdicts(lang: str = "fr") -> Verdicts:
    data = langdata.load(lang, "verdicts")
    every = {w for side in ("positive", "negative") for v in data[side]
             for w in normalise(v).replace("'", " ").split()}
    return Verdicts(any_of(data["positive"]), any_of(data["negative"]),
                    frozenset(data["negations"]), frozenset(every),
                    frozenset(normalise(w) for w in data.get("comparatives", ())),
                    any_of(data["comparison_openers"]) if data.get("comparison_openers")
                    else None)


def side(text: str, v: Verdicts) -> tuple[int, str] | None:
    """``(+1 or -1, the verdict word)`` of a statement, or None when it gives none or both."""
    norm = normalise(text)
    found: set[int] = set()
    word = ""
    for sign, pattern in ((1, v.positive), (-1, v.negative)):
        for m in pattern.finditer(norm):
            before = [w.split("'")[-1] for w in _WORD.findall(norm[:m.start()])[-2:]]
            negated = any(w in v.negations for w in before)
            found.add(-sign if negated else sign)
            word = m.group()
    if len(found) != 1:
        return None
    return found.pop(), word


def standard(text: str, word: str, v: Verdicts, lang: str = "fr") -> set[str]:
    """The content words of what a comparative verdict compares the thing with (« meilleures
    ... par rapport à celles de Moria »: ``{"moria"}``), but for the words of the thing
    judged itself; empty for any other verdict."""
    if normalise(word) not in v.comparatives or v.openers is None:
        return set()
    norm = normalise(text)
    at = norm.find(normalise(word))
    opener = v.openers.search(norm, at + len(word)) if at >= 0 else None
    if opener is None:
        return set()
    # the words of the thing judged are not those of its standard (« le camp de Pelsa »
    # against « le camp de Dorvik »: only « dorvik »)
    return content_words(norm[opener.end():], lang) - content_words(norm[:opener.start()], lang)


def find(scene: Scene) -> None:
    v = verdicts(scene.lang)
    text = scene.analysis.article.text
    judged: list[tuple[Attribution, int, str, set[str], set[str]]] = []
    for at in scene.ats:
        lo, hi = scene.reach(at)
        got = side(text[lo:hi], v)
        if got is not None:
            judged.append((at, got[0], got[1], content_words(text[lo:hi], scene.lang) - v.words,
                           standard(text[lo:hi], got[1], v, scene.lang)))
    for i, (a, sa, wa, ca, xa) in enumerate(judged):
        for b, sb, wb, cb, xb in judged[i + 1:]:
            if (sa == sb or abs(scene.line(b) - scene.line(a)) > VERDICT_LINES
                    or not scene.differ(a, b)):
                continue
            if xa & cb or xb & ca:
                continue  # « meilleur que Moria » agrees with « Moria, un enfer »
            thing = ca & cb
            if thing:
                scene.add(a, b, say("conflict.verdicts", a=scene.name(a), b=scene.name(b),
                                    thing=sorted(thing)[0], x=wa, y=wb))
