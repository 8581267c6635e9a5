"""Read numerals: digits with French or English grouping, and French number words.

``parse_digits`` never guesses: a string whose separators do not form one consistent
reading ("1.234,5.6", "12.34.5") gives ``(None, reason)``.

Accepted readings (``sep`` = space, U+00A0, U+202F or U+2009):

- ``15000``, ``15 000``, ``15.000``, ``15,000`` (groups of exactly three digits) → 15000;
- ``1,5`` and ``1.5`` (a separator not followed by exactly three digits) → 1.5;
- ``1.234,5`` and ``1 234,5`` (French) and ``1,234.5`` (English) → 1234.5;
- before a scale word (``scaled=True``) a single comma is always a decimal comma:
  ``1,500 million`` is 1.5 million.
"""

from __future__ import annotations

import re

from text_to_num import text2num

SPACES = " \u00a0\u202f\u2009"
_SPACE_RE = re.compile(f"[{SPACES}]")
_GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})+")
_DIGITS = re.compile(r"\d+")

Number = int | float


def as_number(value: float) -> Number:
    """``15000.0`` → ``15000``; other floats unchanged (rounded to 10 significant digits)."""
    if value == int(value) and abs(value) < 1e18:
        return int(value)
    return float(f"{value:.10g}")


def parse_digits(text: str, *, scaled: bool = False) -> tuple[Number | None, str | None]:
    """Value of a numeral written in digits, or ``(None, reason)`` when it is malformed."""
    s = text.strip()
    negative = s[:1] in "-−"
    if negative:
        s = s[1:]
    value = _parse_unsigned(s, scaled)
    if value is None:
        return None, f"malformed number {text!r}: separators do not form one reading"
    return as_number(-value if negative else value), None


def _parse_unsigned(s: str, scaled: bool) -> float | None:
    if not s or not s[0].isdigit():
        return None
    if _SPACE_RE.search(s):
        # spaces group thousands; an optional decimal comma may end it
        head, sep, frac = s.partition(",")
        if sep and not _DIGITS.fullmatch(frac):
            return None
        groups = _SPACE_RE.split(head)
        if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
            return None
        if not all(_DIGITS.fullmatch(g) for g in groups):
            return None
        return float("".join(groups) + ("." + frac if sep else ""))
    dots, commas = s.count("."), s.count(",")
    if not dots and not commas:
        return float(s) if _DIGITS.fullmatch(s) else None
    if dots and commas:
        first = min(s.index("."), s.index(","))
        group_sep = s[first]
        dec_sep = "," if group_sep == "." else "."
        head, sep, frac = s.rpartition(dec_sep)
        if head.count(dec_sep) or not _DIGITS.fullmatch(frac):
            return None
        if not _GROUPED.fullmatch(head):
            return None
        return float(head.replace(group_sep, "") + "." + frac)
    sep_char = "." if dots else ","
    parts = s.split(sep_char)
    if not all(_DIGITS.fullmatch(p) for p in parts):
        return None
    if len(parts) == 2 and (len(parts[1]) != 3 or (scaled and sep_char == ",")):
        return float(parts[0] + "." + parts[1])  # decimal: 1,5 / 1.5 / 1,500 million
    if 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]):
        return float("".join(parts))
    return None


def parse_words(text: str) -> int | None:
    """Value of French number words ("quinze mille", "quatre-vingt-dix"), or None."""
    try:
        value = text2num(" ".join(text.lower().split()), "fr")
    except ValueError:
        return None
    return int(value)
