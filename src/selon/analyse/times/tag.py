"""Tag a plain string: find the expressions, resolve them, give clock times their day.

``tag(text, published)`` needs no spaCy; the ``selon_times`` component and the TimeBank
evaluation both call it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from selon.analyse.times.patterns import Found, ends_with, find
from selon.analyse.times.resolve import DAY_VALUE, Resolved, resolve
from selon.analyse.times.rules import TimexRules, rules_for
from selon.analyse.times.tense import announces, guess_tense, sentence_bounds
from selon.model import Span, TimeExpr

TenseHint = Callable[[int, int], str | None]
"""The tense of the verb governing a span ('past', 'present', 'future'), None when unknown."""

_CLOCK_AFTER_DAY = re.compile(r"\s*,?\s+(?:à|dès|avant|après)?\s*")
_DAY_AFTER_CLOCK = re.compile(r"\s*,?\s*")


def _inside(found: Found, regions: Sequence[Span]) -> bool:
    return any(s <= found.start and found.end <= e for s, e in regions)


def _resolve_all(text: str, founds: list[Found], ref: date | None, rules: TimexRules,
                 hint: TenseHint | None) -> list[Resolved]:
    out = []
    for f in founds:
        weekday = f.kind == "weekday"

        def tense(f: Found = f, weekday: bool = weekday) -> str | None:
            if ends_with(text, f.start, rules.no_tense_shift_after):
                return None
            verb = hint(f.start, f.end) if hint is not None else None
            if verb in ("past", "future"):
                return verb
            if verb == "present":
                return "future" if weekday and announces(text, f.start, f.end, rules) else None
            guess = guess_tense(text, f.start, f.end, rules)
            if guess is None and weekday and announces(text, f.start, f.end, rules):
                return "future"  # "rendez-vous samedi à 8 h", "le match a lieu dimanche"
            return guess
        out.append(resolve(f, ref, tense, rules))
    return out


def tag(text: str, published: date | None, lang: str = "fr",
        regions: Sequence[Span] | None = None, tense: TenseHint | None = None) -> list[TimeExpr]:
    """The time expressions of ``text`` resolved against ``published``.

    ``regions``, when given, limits the result to expressions inside those spans
    (the body lines of an article); ``tense``, when given, tells the tense of the verb
    governing a span (from a parse), tried before the tense markers of the sentence.
    """
    rules = rules_for(lang)
    founds = find(text, rules)
    if regions is not None:
        founds = [f for f in founds if _inside(f, regions)]
    resolved = _resolve_all(text, founds, published, rules, tense)
    items = list(zip(founds, resolved, strict=True))
    _anchor_days(text, items)
    _anchor_clocks(text, items, published)
    # "dans la matinée" with no day before it in its paragraph says nothing checkable:
    # left out, unlike "le lendemain", whose missing anchor is worth a reason.
    items = [(f, r) for f, r in items
             if not (r.value is None and r.anchor is not None and r.anchor[0] == 0)]
    out = []
    for i, (f, r) in enumerate(items, 1):
        out.append(TimeExpr(f"t{i}", (f.start, f.end), r.type, r.value, r.mod, r.reason))
    return out


def _anchor_days(text: str, items: list[tuple[Found, Resolved]]) -> None:
    """'le lendemain', 'la veille', 'dans la nuit': count from the last date mentioned
    before them in the same paragraph; without one they keep no value (and their reason)."""
    for i, (f, r) in enumerate(items):
        if r.anchor is None:
            continue
        para = text.rfind("\n", 0, f.start) + 1
        base: str | None = None
        for g, s in reversed(items[:i]):
            if g.end <= para:
                break
            if s.value and DAY_VALUE.match(s.value[:10]):
                base = s.value[:10]
                break
        if base is None:
            continue
        offset, part = r.anchor
        r.value = (date.fromisoformat(base) + timedelta(days=offset)).isoformat() + part
        r.reason = None


def _day_of(r: Resolved) -> str | None:
    return r.value[:10] if r.value and not r.clock and DAY_VALUE.match(r.value[:10]) else None


def _joined_day(text: str, items: list[tuple[Found, Resolved]], i: int) -> str | None:
    """The day of the expression written right before or right after clock time ``i``."""
    f = items[i][0]
    if i > 0:
        g, s = items[i - 1]
        if _day_of(s) and _CLOCK_AFTER_DAY.fullmatch(text, g.end, f.start):
            return _day_of(s)
    if i + 1 < len(items):
        g, s = items[i + 1]
        if _day_of(s) and _DAY_AFTER_CLOCK.fullmatch(text, f.end, g.start):
            return _day_of(s)
    return None


def _anchor_clocks(text: str, items: list[tuple[Found, Resolved]], ref: date | None) -> None:
    """Give a lone clock time the day it is written with ('hier à 10 h', '4 h mardi'), else
    the nearest day in its sentence, else the last day mentioned before it, else the
    reference date."""
    last_day: str | None = None
    for i, (f, r) in enumerate(items):
        if r.value and DAY_VALUE.match(r.value[:10]) and not r.clock:
            last_day = r.value[:10]
        if not r.clock or r.value:
            continue
        left, right = sentence_bounds(text, f.start, f.end)
        near = [(abs(g.start - f.start), s.value[:10]) for j, (g, s) in enumerate(items)
                if j != i and left <= g.start < right and s.value and DAY_VALUE.match(s.value[:10])]
        joined = _joined_day(text, items, i)
        if joined:
            day = joined
        elif near:
            day = min(near)[1]
        elif last_day:
            day = last_day
        elif ref is not None:
            day = ref.isoformat()
        else:
            day = "XXXX-XX-XX"
        r.value = day + r.clock
        r.type = "TIME"
