"""Resolve a found time expression to a TIMEX3 type, value and mod.

Relative expressions are resolved against a reference date (the publication date);
a month or day without a year takes the reference year, moved one year back when the
clause is in the past and the date would fall after the reference (forward for the future).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from text_to_num import text2num

from selon.analyse.times.patterns import Found
from selon.analyse.times.rules import TimexRules, norm

Tense = Callable[[], str | None]

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass
class Resolved:
    """TIMEX3 attributes; ``clock`` is set for a time of day still waiting for its day,
    ``anchor`` (days to add, part of day) for a day counted from the date before it."""

    type: str
    value: str | None
    mod: str | None = None
    reason: str | None = None
    clock: str | None = None
    anchor: tuple[int, str] | None = None


def fmt_number(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:.10g}"


def parse_number(word: str, rules: TimexRules) -> float | None:
    """A number written in digits or words ("trois", "vingt et un"); None when unreadable."""
    if word[0].isdigit():
        return float(word.replace(",", "."))
    if rules.get("vague", word) is not None:
        return None
    try:
        return float(text2num(norm(word), "fr"))
    except ValueError:
        return None


def _roman(s: str) -> int:
    if s.isdigit():
        return int(s)
    total = 0
    for ch, nxt in zip(s.upper(), [*s.upper()[1:], ""], strict=True):
        v = _ROMAN[ch]
        total += -v if nxt and _ROMAN[nxt] > v else v
    return total


def _add_months(d: date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def _year_of(two_or_four: str, ref: date | None, rules: TimexRules) -> int:
    y = int(two_or_four)
    if len(two_or_four) == 4:
        return y
    this = ref.year if ref else 2000
    century = this - this % 100
    return century + y if century + y <= this + rules.two_digit_pivot else century - 100 + y


def infer_year(month: int, day: int | None, ref: date, tense: Tense, rel: int | None,
               weekday: int | None = None) -> int:
    """The year of a month (and day) written without one.

    A weekday settles it when one year fits ("lundi 11 mai"); dernier/prochain and the
    tense of the clause come next; with neither, the occurrence nearest the reference.
    """
    y = ref.year
    if weekday is not None and day is not None:
        fits = [c for c in (y, y - 1, y + 1) if _weekday_of(c, month, day) == weekday]
        if len(fits) == 1:
            return fits[0]
    key = (month, day or 0)
    now = (ref.month, ref.day if day else 0)
    if rel == -1:
        return y if key < now else y - 1
    if rel == 1:
        return y if key > now else y + 1
    if key == now:
        return y
    t = tense()
    if t == "past":
        return y - 1 if key > now else y
    if t == "future":
        return y + 1 if key < now else y
    # no tense: the nearest occurrence, within half a year either way
    gap = (month - ref.month) * 31 + ((day or 15) - (ref.day if day else 15))
    if gap > 183:
        return y - 1
    if gap < -183:
        return y + 1
    return y


def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return date(year, month, day).isoweekday()
    except ValueError:
        return None


def _weekday_date(wd: int, ref: date, tense: Tense, rel: int | None) -> date:
    back = (ref.isoweekday() - wd) % 7
    ahead = (wd - ref.isoweekday()) % 7
    if rel == -1:
        return ref - timedelta(days=back or 7)
    if rel == 1:
        return ref + timedelta(days=ahead or 7)
    if tense() == "future":
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back)


def _mod(g: dict[str, str], rules: TimexRules) -> str | None:
    if "mod" in g:
        return str(rules.get("mod", g["mod"]))
    if "approx" in g:
        return rules.get("approx", g["approx"]) or rules.get("time_approx", g["approx"])
    if "approx_noun" in g:
        return "APPROX"
    return None


def _unresolved(kind: str, what: str) -> Resolved:
    return Resolved(kind, None, reason=f"{what} needs the publication date")


def _date(g: dict[str, str], ref: date | None, tense: Tense, rules: TimexRules) -> Resolved:
    day_word = g["day"]
    day = int(day_word) if day_word.isdigit() else int(rules.get("ordinal_one", day_word))
    month = int(g["monthnum"]) if "monthnum" in g else int(rules.get("month", g["month"]))
    rel = rules.get("rel", g.get("rel"))
    if "year" in g:
        year = _year_of(g["year"], ref, rules)
    elif ref is not None:
        weekday = rules.get("weekday", g.get("weekday"))
        year = infer_year(month, day, ref, tense, rel, weekday)
    else:
        year = 2000  # a leap year, to check the day only
    try:
        d = date(year, month, day)
    except ValueError:
        return Resolved("DATE", None, reason=f"no such date: day {day} of month {month}")
    part = str(rules.get("part", g["part"])) if "part" in g else ""
    kind = "TIME" if part else "DATE"
    if "year" not in g and ref is None:
        return Resolved(kind, f"XXXX-{d.month:02d}-{d.day:02d}{part}")
    return Resolved(kind, d.isoformat() + part)


def _month(g: dict[str, str], ref: date | None, tense: Tense, rules: TimexRules) -> Resolved:
    month = int(rules.get("month", g["month"]))
    mod = _mod(g, rules)
    if "year" in g:
        return Resolved("DATE", f"{_year_of(g['year'], ref, rules)}-{month:02d}", mod)
    if ref is None:
        return Resolved("DATE", f"XXXX-{month:02d}", mod)
    year = infer_year(month, None, ref, tense, rules.get("rel", g.get("rel")))
    return Resolved("DATE", f"{year}-{month:02d}", mod)


def _season(g: dict[str, str], ref: date | None, tense: Tense, rules: TimexRules) -> Resolved:
    code = str(rules.get("season", g["season"]))
    mod = _mod(g, rules)
    if "year" in g:
        return Resolved("DATE", f"{g['year']}-{code}", mod)
    if ref is None:
        return Resolved("DATE", f"XXXX-{code}", mod)
    start = _SEASON_START[code]
    rel = rules.get("rel", g.get("rel"))
    y = ref.year
    if rel == -1:
        y = y if start + 3 <= ref.month else y - 1
    elif rel == 1:
        y = y if start > ref.month else y + 1
    elif code == "WI" and ref.month <= 2:
        y -= 1
    elif "dem" not in g:
        y = infer_year(start, None, ref, tense, None) if start != ref.month else y
    return Resolved("DATE", f"{y}-{code}", mod)


def _day_with_part(d: date, g: dict[str, str], rules: TimexRules) -> Resolved:
    if "part" in g:
        part = rules.get("part", g["part"]) or rules.get("dem_part", g["part"])
        return Resolved("TIME", f"{d.isoformat()}{part}", _mod(g, rules))
    return Resolved("DATE", d.isoformat())


def _period(g: dict[str, str], ref: date | None, tense: Tense, rules: TimexRules) -> Resolved:
    code = str(rules.get("period", g["period"]))
    off = int(rules.get("rel", g.get("rel")) or 0)
    mod = _mod(g, rules)
    if ref is None:
        return _unresolved("DATE", "a period relative to now")
    if code == "WE" and off == 0 and ref.isoweekday() < 6 and tense() == "past":
        off = -1  # "ce week-end" told on a Monday is the one just gone
    if code in ("W", "WE"):
        y, w, _ = (ref + timedelta(days=7 * off)).isocalendar()
        return Resolved("DATE", f"{y}-W{w:02d}" + ("-WE" if code == "WE" else ""), mod)
    if code == "M":
        y, m = _add_months(ref, off)
        return Resolved("DATE", f"{y}-{m:02d}", mod)
    return Resolved("DATE", str(ref.year + off), mod)


def _shift(g: dict[str, str], ref: date | None, rules: TimexRules, sign: int) -> Resolved:
    n = parse_number(g["num"], rules)
    code, mult, is_time = rules.get("unit", g["unit"])
    mod = _mod(g, rules)
    vague = "PAST_REF" if sign < 0 else "FUTURE_REF"
    if n is None or not n.is_integer() or is_time:
        return Resolved("DATE", vague, mod)
    if ref is None:
        return _unresolved("DATE", "a date relative to now")
    k = int(n) * int(mult) * sign
    if code in ("D", "W"):
        days = k * (7 if code == "W" else 1)
        return Resolved("DATE", (ref + timedelta(days=days)).isoformat(), mod)
    if code == "M":
        y, m = _add_months(ref, k)
        return Resolved("DATE", f"{y}-{m:02d}", mod)
    years = {"Y": 1, "DE": 10, "CE": 100}[code]
    return Resolved("DATE", str(ref.year + k * years), mod)


def _duration(g: dict[str, str], rules: TimexRules, kind: str = "DURATION") -> Resolved:
    mod = _mod(g, rules)
    if "fixed" in g:
        return Resolved(kind, str(rules.get("fixed", g["fixed"])), mod)
    code, mult, is_time = rules.get("unit", g["unit"])
    n = parse_number(g["num"], rules) if "num" in g else (None if "these" in g else 1.0)
    prefix = "PT" if is_time else "P"
    if n is None:
        return Resolved(kind, f"{prefix}X{code}", mod)
    n *= float(rules.get("approx_noun", g.get("approx_noun")) or 1) * mult
    if "half" in g:
        n += 0.5 * mult
    return Resolved(kind, f"{prefix}{fmt_number(n)}{code}", mod)


def _anchored(found: Found, rules: TimexRules) -> Resolved:
    """'le lendemain', 'la veille', 'dans la nuit': waits for the date it counts from."""
    g = found.groups
    if "anchorpart" in g:
        part = str(rules.get("anchored_part", g["anchorpart"]))
        return Resolved("TIME", None, _mod(g, rules), reason="no date before it to take the day of",
                        anchor=(0, part))
    part = str(rules.get("part", g["part"])) if "part" in g else ""
    if "event" in g:
        return Resolved("TIME" if part else "DATE", None, _mod(g, rules),
                        reason="counts from an event, not from a date")
    return Resolved("TIME" if part else "DATE", None, _mod(g, rules),
                    reason="no date before it to count from",
                    anchor=(int(rules.get("anchored", g["anchor"])), part))


def _clock(g: dict[str, str], rules: TimexRules) -> Resolved:
    if "clock" in g:
        clock = str(rules.get("clock", g["clock"]))
    else:
        hour = int(g["hour"]) % 24
        clock = f"{hour:02d}:{int(g.get('minute', 0)):02d}"
    return Resolved("TIME", None, _mod(g, rules), clock=f"T{clock}")


def resolve(found: Found, ref: date | None, tense: Tense, rules: TimexRules) -> Resolved:
    """The TIMEX3 reading of one found expression."""
    g, kind = found.groups, found.kind
    if kind == "date":
        return _date(g, ref, tense, rules)
    if kind == "month":
        return _month(g, ref, tense, rules)
    if kind == "year":
        return Resolved("DATE", str(_year_of(g["year"], ref, rules)), _mod(g, rules))
    if kind in ("anchored", "anchored_part"):
        return _anchored(found, rules)
    if kind == "decade":
        dec = g["decade"]
        if len(dec) == 2:  # "les années 60": the latest such decade not after the reference
            this = ref.year if ref else 2000
            full = this - this % 100 + int(dec)
            dec = str(full if full <= this else full - 100)
        return Resolved("DATE", f"{dec[:3]}X", _mod(g, rules))
    if kind == "century":
        return Resolved("DATE", f"{_roman(g['century']) - 1:02d}XX", _mod(g, rules))
    if kind == "season":
        return _season(g, ref, tense, rules)
    if kind == "relday":
        if ref is None:
            return _unresolved("TIME" if "part" in g else "DATE", "a day relative to today")
        offset = int(rules.get("relday", g["relday"])) if "relday" in g else 0
        return _day_with_part(ref + timedelta(days=offset), g, rules)
    if kind == "weekday":
        if ref is None:
            return _unresolved("TIME" if "part" in g else "DATE", "a weekday")
        wd = int(rules.get("weekday", g["weekday"]))
        day = _weekday_date(wd, ref, tense, rules.get("rel", g.get("rel")))
        return _day_with_part(day, g, rules)
    if kind == "period":
        return _period(g, ref, tense, rules)
    if kind in ("ago", "ahead"):
        return _shift(g, ref, rules, -1 if kind == "ago" else 1)
    if kind == "time":
        return _clock(g, rules)
    if kind == "set":
        if "weekday" in g:
            return Resolved("SET", f"XXXX-WXX-{rules.get('weekday', g['weekday'])}")
        return _duration(g, rules, "SET")
    if kind == "duration":
        return _duration(g, rules)
    if kind == "ref":
        return Resolved("DATE", str(rules.get("ref", g["ref"])))
    return Resolved("DATE", None, reason=f"unknown pattern kind {kind!r}")


DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
