"""Tag a plain string: find the expressions, resolve them, give clock times their day.

``tag(text, published)`` needs no spaCy; the ``selon_times`` component and the TimeBank
evaluation both call it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from selon.analyse.timex_patterns import Found, ends_with, find
from selon.analyse.timex_resolve import DAY_VALUE, Resolved, resolve
from selon.analyse.timex_rules import TimexRules, rules_for
from selon.analyse.timex_tense import guess_tense, sentence_bounds
from selon.model import Span, TimeExpr


def _inside(found: Found, regions: Sequence[Span]) -> bool:
    return any(s <= found.start and found.end <= e for s, e in regions)


def _resolve_all(text: str, founds: list[Found], ref: date | None,
                 rules: TimexRules) -> list[Resolved]:
    out = []
    for f in founds:
        def tense(f: Found = f) -> str | None:
            if ends_with(text, f.start, rules.no_tense_shift_after):
                return None
            return guess_tense(text, f.start, f.end, rules)
        out.append(resolve(f, ref, tense, rules))
    return out


def tag(text: str, published: date | None, lang: str = "fr",
        regions: Sequence[Span] | None = None) -> list[TimeExpr]:
    """The time expressions of ``text`` resolved against ``published``.

    ``regions``, when given, limits the result to expressions inside those spans
    (the body lines of an article).
    """
    rules = rules_for(lang)
    founds = find(text, rules)
    if regions is not None:
        founds = [f for f in founds if _inside(f, regions)]
    resolved = _resolve_all(text, founds, published, rules)
    items = list(zip(founds, resolved, strict=True))
    _anchor_clocks(text, items, published)
    out = []
    for i, (f, r) in enumerate(items, 1):
        out.append(TimeExpr(f"t{i}", (f.start, f.end), r.type, r.value, r.mod, r.reason))
    return out


def _anchor_clocks(text: str, items: list[tuple[Found, Resolved]], ref: date | None) -> None:
    """Give a lone clock time the day of the nearest day in its sentence, else the last
    day mentioned before it, else the reference date."""
    last_day: str | None = None
    for i, (f, r) in enumerate(items):
        if r.value and DAY_VALUE.match(r.value[:10]) and not r.clock:
            last_day = r.value[:10]
        if not r.clock or r.value:
            continue
        left, right = sentence_bounds(text, f.start, f.end)
        near = [(abs(g.start - f.start), s.value[:10]) for j, (g, s) in enumerate(items)
                if j != i and left <= g.start < right and s.value and DAY_VALUE.match(s.value[:10])]
        if near:
            day = min(near)[1]
        elif last_day:
            day = last_day
        elif ref is not None:
            day = ref.isoformat()
        else:
            day = "XXXX-XX-XX"
        r.value = day + r.clock
        r.type = "TIME"
