"""Find time expressions in a plain string: regex candidates, context checks, longest wins.

What is found is not yet resolved: see ``timex_resolve`` for values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selon.analyse.times.rules import TimexRules, norm
from selon.analyse.times.starts import index_of

_PREV_WORD = re.compile(r"([\w'’-]+)\s*$")
_NEXT_WORD = re.compile(r"\s*([\w-]+['’]?)")
_OK_AFTER_YEAR = set(".,;:!?)(»\"”…–-/")
_JOINED_YEAR = re.compile(r"(\d{4})\s*(\S+)\s*$")
_RANGE_START = re.compile(r"\d+\s*[-–]\s*$")
_STRICT_AFTER_YEAR = set(".,;:!?)(»\"”…–-/")


@dataclass
class Found:
    """A candidate time expression: its span, the kind of pattern and the words it holds."""

    start: int
    end: int
    kind: str
    groups: dict[str, str] = field(default_factory=dict)
    priority: int = 0


def prev_word(text: str, start: int) -> str:
    """The word just before ``start`` (normalised), '' at the start of the text."""
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    return norm(m.group(1)) if m else ""


def ends_with(text: str, start: int, phrases: frozenset[str]) -> bool:
    """Whether the words just before ``start`` are one of ``phrases`` (normalised)."""
    before = " " + norm(text[max(0, start - 24):start])
    return any(before.endswith(" " + p) or (p == "," and before.endswith(",")) for p in phrases)


def _next_word(text: str, end: int) -> str:
    stripped = text[end:end + 40].lstrip(" \t\u00a0")
    if not stripped:
        return "."
    m = _NEXT_WORD.match(stripped)
    return norm(m.group(1)) if m else stripped[0]


def _follower_ok(text: str, end: int, rules: TimexRules) -> bool:
    """A number is a year only when it is not followed by what it counts."""
    rest = text[end:end + 40]
    stripped = rest.lstrip(" \t\u00a0")
    if not stripped or stripped[0] == "\n" or stripped[0] in _OK_AFTER_YEAR:
        return True
    m = _NEXT_WORD.match(stripped)
    if not m or m.group(1)[0].isdigit():
        return False
    word = m.group(1)
    return word[0].isupper() or norm(word) in rules.year_followers


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" \t\u00a0«\"(")
    return not before or before[-1] in ".!?:\n"


class _Checker:
    def __init__(self, text: str, rules: TimexRules) -> None:
        self.text = text
        self.rules = rules
        self.years: list[tuple[int, int]] = []  # accepted bare years, for "2019 et 2020"

    def two_digit_year(self, found: Found) -> bool:
        """'en 97', 'depuis 98', 'l'été de 98,': a year written with two digits, only after a
        year preposition and before punctuation (never a count: 'en 15 minutes')."""
        text, rules = self.text, self.rules
        rest = text[found.end:found.end + 2].lstrip(" \t\u00a0")
        if rest and rest[0] not in _STRICT_AFTER_YEAR and rest[0] != "\n":
            return False
        word = prev_word(text, found.start)
        if word in rules.two_digit_after:
            return True
        if word not in ("de", "d'"):
            return False
        m = _PREV_WORD.search(text, max(0, found.start - 60), found.start)
        return m is not None and ends_with(text, m.start(), rules.two_digit_de_after)

    def year_ok(self, value: str) -> bool:
        return self.rules.year_min <= int(value) <= self.rules.year_max

    def joined_to_year(self, start: int) -> bool:
        m = _JOINED_YEAR.search(self.text, max(0, start - 12), start)
        if not m or m.group(2) not in self.rules.year_joined:
            return False
        return any(s == m.start(1) for s, _ in self.years)

    def is_age(self, found: Found) -> bool:
        """'Jean, 87 ans,' or 'un homme de 30 ans a ...': an age, not a duration."""
        g, rules, text = found.groups, self.rules, self.text
        if norm(g["unit"]) not in rules.age_units or ("approx" in g and "approx_noun" not in g):
            return False
        if ends_with(text, found.start, rules.age_after):
            return True
        if not ends_with(text, found.start, rules.age_after_if_followed):
            return False
        nxt = _next_word(text, found.end)
        return nxt in rules.age_followers or not nxt[0].isalnum()

    def is_age_range(self, found: Found) -> bool:
        """'enfants de 2 à 8 ans', 'les moins de 17 ans', 'les 6-12 ans': ages, not durations."""
        g, rules, text = found.groups, self.rules, self.text
        if norm(g["unit"]) not in rules.age_units:
            return False
        lo = max(0, found.start - 40)
        if rules.age_range.search(norm(text[lo:found.start])):
            return True
        if "approx" in g and norm(g["approx"]).split(" ")[0] in ("plus", "moins"):
            return ends_with(text, found.start, rules.age_group_before)
        m = _RANGE_START.search(text, lo, found.start)
        return m is not None and ends_with(text, m.start(), rules.age_group_before)

    def not_duration(self, found: Found) -> bool:
        return norm(self.text[found.start:found.end]) in self.rules.not_duration

    def check(self, found: Found, m: re.Match[str], check: str | None) -> Found | None:
        text, rules, g = self.text, self.rules, found.groups
        if check == "year_range":
            return found if self.year_ok(g["year"]) else None
        if check == "year_context":
            if not self.year_ok(g["year"]) or not _follower_ok(text, found.end, rules):
                return None
            if prev_word(text, found.start) in rules.year_after or self.joined_to_year(found.start):
                self.years.append((found.start, found.end))
                return found
            return None
        if check in ("year_follow", "month") and "year" in g and (
            not _follower_ok(text, found.end, rules)
            or (len(g["year"]) == 4 and not self.year_ok(g["year"]))
        ):
            # "le 17 juin 1000 sapeurs": keep the date, drop the count
            del g["year"]
            found.end = m.start("year")
            while found.end > found.start and text[found.end - 1].isspace():
                found.end -= 1
        if check == "month":
            alone = not ({"mod", "year", "rel", "monthword"} & g.keys())
            ambiguous = g["month"] in rules.month_ambiguous
            if alone and ambiguous and not _sentence_start(text, found.start):
                return None
            return found
        if check == "season":
            if not ({"mod", "dem", "det", "year", "rel"} & g.keys()) and \
                    prev_word(text, found.start) not in rules.season_after:
                return None
            return found
        if check == "duration":
            if self.is_age(found) or self.is_age_range(found) or self.not_duration(found):
                return None
            return found
        if check == "two_digit_year":
            return found if self.two_digit_year(found) else None
        if check == "month_joined":
            return found if rules.get("month", prev_word(text, found.start - 1)) else None
        if check == "weekday":
            nxt = norm(text[found.end:found.end + 20]).split(" ")
            if nxt[:1] != [""] and (nxt[0] in rules.weekday_not_before
                                    or " ".join(nxt[:2]) in rules.weekday_not_before):
                return None
            return found
        if check == "compound":
            return None if ends_with(text, found.start, rules.compound_not_after) else found
        if check == "anchored":
            if not ends_with(text, found.start, rules.anchored_before):
                return None
            if _next_word(text, found.end) in rules.anchored_event_after:
                g["event"] = "1"  # "au lendemain de la démission": the day after an event
            return found
        if check == "anchored_part":
            if "mod" in g:
                return found if prev_word(text, found.start) == "en" else None
            return found if ends_with(text, found.start, rules.part_after) else None
        if check == "time_cue":
            if "approx" in g or prev_word(text, found.start) in rules.time_cue_after:
                return found
            return None
        if check == "ref":
            banned = rules.ref_not_after.get(norm(g["ref"]), frozenset())
            return None if prev_word(text, found.start) in banned else found
        return found


def find(text: str, rules: TimexRules) -> list[Found]:
    """Every time expression in ``text``, in order, without overlaps (longest first)."""
    checker = _Checker(text, rules)
    candidates: list[Found] = []
    index = index_of(text, rules.keys) if rules.keys is not None else None
    for priority, pattern in enumerate(rules.patterns):
        matches = pattern.regex.finditer(text) if index is None or pattern.starts is None \
            else pattern.starts.finditer(pattern.regex, text, index)
        for m in matches:
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            found = checker.check(Found(m.start(), m.end(), pattern.kind, groups, priority),
                                  m, pattern.check)
            if found is not None and found.end > found.start:
                candidates.append(found)
    candidates.sort(key=lambda f: (f.start - f.end, f.priority, f.start))
    taken: list[Found] = []
    for cand in candidates:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    taken.sort(key=lambda f: f.start)
    return taken
