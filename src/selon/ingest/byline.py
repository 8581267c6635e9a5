"""Publication dates stated in a byline line, e.g. "AFP, publié le jeudi 21 mai 2020"."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from selon import lang as langdata


@cache
def _rules(lang: str) -> tuple[re.Pattern[str], dict[str, int], int]:
    data = langdata.load(lang, "byline")
    return re.compile(data["pattern"], re.IGNORECASE), data["months"], data["search_lines"]


@cache
def _outlet_rule(lang: str) -> re.Pattern[str]:
    return re.compile(langdata.load(lang, "byline")["outlet_pattern"], re.IGNORECASE)


def outlet_in_byline(text: str, lang: str = "fr") -> str | None:
    """The outlet of a byline such as "Orange avec AFP-Services, publié le …" ("Orange")."""
    _, _, n_lines = _rules(lang)
    for line in text.splitlines()[:n_lines]:
        m = _outlet_rule(lang).match(line.strip())
        if m:
            return m.group("outlet").strip()
    return None


def published_in_byline(text: str, lang: str = "fr") -> date | None:
    pattern, months, n_lines = _rules(lang)
    for line in text.splitlines()[:n_lines]:
        m = pattern.search(line)
        if m is None:
            continue
        month = months.get(m.group("month").casefold())
        if month is None:
            continue
        try:
            return date(int(m.group("year")), month, int(m.group("day")))
        except ValueError:
            continue
    return None
