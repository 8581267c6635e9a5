"""Quotation spans in a text: « ... », “ ... ” and straight "...", found by scanning once.

A quotation never crosses a paragraph (line) break unless it is a guillemet one that
the next paragraph reopens, which this simple scanner leaves open-ended: an unclosed
mark is ignored.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from selon.model import Span

CLOSING = frozenset("»”\"")  # the marks that close a quotation
OPENING = frozenset("«“\"")  # and those that open one


@dataclass(frozen=True)
class Quote:
    """One quotation: ``outer`` includes the marks, ``inner`` is the words inside them."""

    outer: Span
    inner: Span


def find_quotes(text: str, pairs: list[tuple[str, str]]) -> list[Quote]:
    """Outermost quotations of ``text`` in order; quotes nested inside them are skipped."""
    opens = {o: c for o, c in pairs if o != c}
    same = {o for o, c in pairs if o == c}
    closes = {c: o for o, c in pairs if o != c}
    out: list[Quote] = []
    stack: list[tuple[str, int]] = []
    straight: dict[str, int] = {}
    marks = re.compile("[\n" + re.escape("".join(o + c for o, c in pairs)) + "]")
    for m in marks.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n":
            stack.clear()
            straight.clear()
        elif ch in opens:
            stack.append((ch, i))
        elif ch in closes:
            # a stray closing mark (no matching opening on top) is ignored
            if stack and stack[-1][0] == closes[ch]:
                _, start = stack.pop()
                if not stack and not straight:
                    out.append(_make(text, start, i + 1))
        elif ch in same:
            if ch in straight:
                start = straight.pop(ch)
                if not stack and not straight:
                    out.append(_make(text, start, i + 1))
            else:
                straight[ch] = i
    return _outermost(out)


def _make(text: str, start: int, end: int) -> Quote:
    a, b = start + 1, end - 1
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Quote((start, end), (a, b))


def _outermost(quotes: list[Quote]) -> list[Quote]:
    quotes.sort(key=lambda q: (q.outer[0], -q.outer[1]))
    out: list[Quote] = []
    for q in quotes:
        if out and q.outer[0] < out[-1].outer[1]:
            continue
        out.append(q)
    return out


class QuoteIndex:
    """Fast look-ups over the quotations of one document."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self._starts = [q.outer[0] for q in quotes]

    def containing(self, pos: int) -> Quote | None:
        """The quotation whose marks enclose character ``pos`` (marks excluded)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0:
            q = self.quotes[i]
            if q.outer[0] < pos < q.outer[1] - 1:
                return q
        return None

    def ending_at(self, end: int) -> Quote | None:
        """The quotation whose closing mark ends at ``end``."""
        i = bisect.bisect_right(self._starts, end) - 1
        if i >= 0 and self.quotes[i].outer[1] == end:
            return self.quotes[i]
        return None

    def starting_at(self, start: int) -> Quote | None:
        i = bisect.bisect_left(self._starts, start)
        if i < len(self.quotes) and self.quotes[i].outer[0] == start:
            return self.quotes[i]
        return None

    def inside(self, span: Span) -> list[Quote]:
        """Quotations lying wholly within ``span``."""
        i = bisect.bisect_left(self._starts, span[0])
        out: list[Quote] = []
        while i < len(self.quotes) and self.quotes[i].outer[0] < span[1]:
            if self.quotes[i].outer[1] <= span[1]:
                out.append(self.quotes[i])
            i += 1
        return out
