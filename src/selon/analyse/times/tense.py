"""Guess whether the clause around a time expression speaks of the past or the future.

Cheap on purpose: the nearest tense marker (from ``times.json``) in the same sentence wins.
"""

from __future__ import annotations

import re

from selon.analyse.times.rules import TimexRules

_SENT_END = re.compile(r"[.!?;\n]")
_WINDOW = 300


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence-like stretch of ``text`` around ``start``-``end``."""
    lo = max(0, start - _WINDOW)
    left = lo
    for stop in _SENT_END.finditer(text, lo, start):
        left = stop.end()
    after = _SENT_END.search(text, end, min(len(text), end + _WINDOW))
    right = after.start() if after else min(len(text), end + _WINDOW)
    return left, right


def guess_tense(text: str, start: int, end: int, rules: TimexRules) -> str | None:
    """'past', 'future' or None for the expression at ``start``-``end``."""
    left, right = sentence_bounds(text, start, end)
    best: tuple[int, str] | None = None
    for tense, patterns in (("future", rules.future), ("past", rules.past)):
        for pattern in patterns:
            for m in pattern.finditer(text, left, right):
                if m.start() < end and m.end() > start:
                    continue  # the expression itself ("lundi dernier")
                dist = start - m.end() if m.end() <= start else m.start() - end
                if best is None or dist < best[0]:
                    best = (dist, tense)
    return best[1] if best else None


def announces(text: str, start: int, end: int, rules: TimexRules) -> bool:
    """Whether the sentence around the expression announces something to come."""
    left, right = sentence_bounds(text, start, end)
    return rules.announce.search(text, left, right) is not None
