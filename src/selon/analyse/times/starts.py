"""Where a time pattern can start: a cheap prefilter in place of a scan of the whole text.

Every pattern of ``times.json`` is tried by ``re.finditer`` over the whole text, though
matches can only begin at a word, and only at a few words: a month, a digit, « il y a » ...
From each compiled pattern we read the first ``WIDTH`` characters it can match (all of its
possible beginnings, as a set of short keys; a class such as ``\\d`` stands for one key
character). A text is turned once into the same keys (``Starts.keys``); the pattern is then
tried with ``regex.match`` only at the word starts whose key begins one of its beginnings,
which finds the same matches as ``finditer`` (see ``Starts.finditer``). A pattern whose
beginnings cannot be read (a wildcard first, a first character that is not a word
character) keeps the full scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

WIDTH = 3  # key characters read at each word start
_RUN = re.compile(r"\w+")
_MAX_RANGE = 256  # a character range wider than this is a wildcard
_DIGIT = "0"
_SPACE = " "


UNIVERSE = 0x3000  # the characters the key table knows; a text with others is scanned fully
_OUTSIDE = re.compile(f"[^\\x00-\\u{UNIVERSE - 1:04x}]")


@cache
def _universe() -> str:
    return "".join(map(chr, range(UNIVERSE)))


@dataclass(frozen=True)
class KeyTable:
    """Text characters to key characters: every decimal digit is '0', every space ' ', every
    character that a pattern literal matches (case ignored, as the patterns are compiled) that
    literal's key (one key for the literals that match one another); any other character is
    itself. Only characters below UNIVERSE are known: ``index_of`` refuses other texts."""

    table: dict[int, str]
    not_word: frozenset[str]  # keys that some non-word character has

    def key(self, char: str) -> str:
        return self.table.get(ord(char), char)


def key_table(literals: Iterable[str]) -> KeyTable | None:
    """The table for these pattern literals, or None when a literal would need two keys or
    matches a digit or a space (then the prefilter is not used)."""
    everything = _universe()
    table: dict[int, str] = {}
    for char in re.findall(r"\d", everything):
        table[ord(char)] = _DIGIT
    for char in re.findall(r"\s", everything):
        if ord(char) in table:
            return None
        table[ord(char)] = _SPACE
    fixed = set(table)
    for lit in sorted(set(literals)):
        if ord(lit) >= UNIVERSE:
            return None
        if ord(lit) in fixed:
            continue
        matched = re.findall(re.escape(lit), everything, re.IGNORECASE)
        if any(ord(c) in fixed for c in matched):
            return None
        keys = {table[ord(c)] for c in matched if ord(c) in table}
        if len(keys) > 1:
            return None
        rep = keys.pop() if keys else lit
        for char in matched:
            table[ord(char)] = rep
    not_word = frozenset(table.get(ord(c), c) for c in re.findall(r"\W", everything))
    return KeyTable({k: v for k, v in table.items() if chr(k) != v}, not_word)


class _Wild(Exception):
    """A part of a pattern whose characters cannot be listed."""


def _chars_of_in(items: list[tuple[Any, Any]]) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] <= _MAX_RANGE:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            chars.add(_DIGIT)
        elif op is sre.CATEGORY and av is sre.CATEGORY_SPACE:
            chars.add(_SPACE)
        else:
            raise _Wild
    return chars


def _literals(items: Any) -> Iterator[str]:
    """Every literal character of a parsed pattern (for the key table)."""
    for op, av in items:
        if op is sre.LITERAL:
            yield chr(av)
        elif op is sre.IN:
            for iop, iav in av:
                if iop is sre.LITERAL:
                    yield chr(iav)
                elif iop is sre.RANGE and iav[1] - iav[0] <= _MAX_RANGE:
                    yield from (chr(c) for c in range(iav[0], iav[1] + 1))
        elif op is sre.SUBPATTERN:
            yield from _literals(av[-1])
        elif op is sre.BRANCH:
            for branch in av[1]:
                yield from _literals(branch)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            yield from _literals(av[2])
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _literals(av[1])
        elif op is sre.ATOMIC_GROUP:
            yield from _literals(av)


def _walk(items: Any, opened: set[str], keys: KeyTable,
          closed: set[str]) -> set[str]:
    """Extend the beginnings ``opened`` (shorter than WIDTH) by the parsed ``items``; those
    that reach WIDTH, or meet a wildcard, go to ``closed``; returns those still open."""
    for op, av in items:
        if not opened:
            return opened
        if op is sre.LITERAL or op is sre.IN:
            try:
                chars = {chr(av)} if op is sre.LITERAL else _chars_of_in(av)
            except _Wild:
                closed |= opened
                return set()
            step = {keys.key(c) for c in chars}
            grown = {s + c for s in opened for c in step}
            closed |= {s for s in grown if len(s) >= WIDTH}
            opened = {s for s in grown if len(s) < WIDTH}
        elif op is sre.SUBPATTERN:
            opened = _walk(av[-1], opened, keys, closed)
        elif op is sre.ATOMIC_GROUP:
            opened = _walk(av, opened, keys, closed)
        elif op is sre.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                out |= _walk(branch, set(opened), keys, closed)
            opened = out
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, sub = av
            out = set(opened) if low == 0 else set()
            state = opened
            for count in range(1, min(high, WIDTH + 1) + 1):
                state = _walk(sub, set(state), keys, closed)
                if count >= low:
                    out |= state
                if not state:
                    break
            else:
                out |= state  # an empty-matching body or more repeats than WIDTH: stay open
            opened = out
        elif op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue  # a look-around consumes nothing: skipping it only admits more
        else:
            closed |= opened
            return set()
    return opened


class Index:
    """The word starts of one text by their key (its first WIDTH characters, as keys), and by
    the shorter heads of their keys when a pattern asks for them."""

    def __init__(self, full: dict[str, list[int]]) -> None:
        self.full = full
        self._heads: dict[int, dict[str, list[int]]] = {}

    def heads(self, n: int) -> dict[str, list[int]]:
        if n not in self._heads:
            out: dict[str, list[int]] = {}
            for key, at in self.full.items():
                if len(key) >= n:
                    out.setdefault(key[:n], []).extend(at)
            self._heads[n] = out
        return self._heads[n]


@dataclass(frozen=True)
class Starts:
    """The beginnings of one pattern, by length (a key starting with one of them may match)."""

    by_length: tuple[frozenset[str], ...]  # [n] holds the beginnings of n characters

    def positions(self, index: Index) -> list[int]:
        """The word starts of a text where the pattern may match, in order."""
        found: list[int] = []
        for n in range(1, WIDTH + 1):
            begins = self.by_length[n]
            if not begins:
                continue
            keyed = index.full if n == WIDTH else index.heads(n)
            if len(begins) < len(keyed):
                for begin in begins:
                    found += keyed.get(begin, ())
            else:
                for key, at in keyed.items():
                    if key in begins:
                        found += at
        found.sort()
        return found

    def finditer(self, regex: re.Pattern[str], text: str,
                 index: Index) -> Iterator[re.Match[str]]:
        """The matches of ``regex.finditer(text)``, trying only the possible starts."""
        pos = 0
        for at in self.positions(index):
            if at < pos:
                continue  # inside the last match (a start found twice is skipped here too)
            m = regex.match(text, at)
            if m is not None:
                yield m
                pos = m.end()


def starts_of(regex: re.Pattern[str], keys: KeyTable) -> Starts | None:
    """The beginnings of ``regex``, or None when the full scan must be kept."""
    parsed = sre_parse.parse(regex.pattern, regex.flags)
    if parsed.getwidth()[0] == 0:
        return None  # an empty match: finditer's rules for it are not reproduced here
    closed: set[str] = set()
    opened = _walk(list(parsed), {""}, keys, closed)
    begins = closed | opened
    if not begins or any(b == "" or b[0] in keys.not_word for b in begins):
        return None
    by_length = tuple(frozenset(b for b in begins if len(b) == n) for n in range(WIDTH + 1))
    return Starts(by_length)


def literals_of(regexes: Iterable[re.Pattern[str]]) -> set[str]:
    out: set[str] = set()
    for regex in regexes:
        out.update(_literals(sre_parse.parse(regex.pattern, regex.flags)))
    return out


def index_of(text: str, keys: KeyTable) -> Index | None:
    """Every word start of ``text`` by its key, or None for a text with characters that the
    key table does not know."""
    if _OUTSIDE.search(text):
        return None
    keyed = text.translate(keys.table)
    index: dict[str, list[int]] = {}
    for m in _RUN.finditer(text):
        at = m.start()
        index.setdefault(keyed[at:at + WIDTH], []).append(at)
    return Index(index)
