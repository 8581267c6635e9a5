"""Filters the query commands and the API share: outlet names, closed value lists, dates.

- An outlet is matched on word prefixes, case and accents ignored, in SQL with parameters:
  « orange actu » finds « Orange Actualités », « le fig » finds « Le Figaro ».
- ``kind`` and ``stance`` take their values from :data:`selon.model.KINDS` and
  :data:`selon.model.STANCES`; anything else is a :class:`~selon.errors.ConfigError`
  naming the accepted values (a typo must not answer "0 rows" silently).
- A date range whose start is after its end matches nothing: :func:`empty_range` says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from selon.errors import ConfigError
from selon.model import KINDS, STANCES
from selon.store.keys import name_key

# The outlet column as words: lower case, ligatures spelled out, accents stripped, every
# run of characters that are neither letters nor digits one space, a space in front.
_OUTLET_WORDS = ("(' ' || regexp_replace(strip_accents(replace(replace(lower("
                 "coalesce({col}, '')), 'œ', 'oe'), 'æ', 'ae')), "
                 "'[^\\p{{L}}\\p{{N}}]+', ' ', 'g'))")


def outlet_condition(outlet: str, column: str = "ar.outlet") -> tuple[str, list[Any]]:
    """A WHERE condition (and its parameter) true when every word of ``outlet``, in order,
    starts a word of the outlet's name, case and accents ignored."""
    words = name_key(outlet).split()
    if not words:
        raise ConfigError(f"outlet {outlet!r} has no letters or digits to match")
    pattern = "% " + "% ".join(words) + "%"  # name_key leaves no '%' or '_' in a word
    # The distinct outlet names are matched (a few hundred), then rows by equality.
    return (f"{column} IN (SELECT o FROM (SELECT DISTINCT outlet AS o FROM articles) d "
            f"WHERE {_OUTLET_WORDS.format(col='d.o')} LIKE ?)", [pattern])


def check_choice(value: str | None, choices: Sequence[str], what: str) -> str | None:
    """``value`` in lower case if it is one of ``choices`` (or None); else ConfigError."""
    if value is None:
        return None
    folded = value.strip().lower()
    if folded not in choices:
        raise ConfigError(f"{what} must be one of {', '.join(choices)}; {value!r} is not one")
    return folded


def check_kind(kind: str | None) -> str | None:
    """A statement kind, checked against :data:`selon.model.KINDS`."""
    return check_choice(kind, KINDS, "kind")


def check_stance(stance: str | None) -> str | None:
    """A stance, checked against :data:`selon.model.STANCES`."""
    return check_choice(stance, STANCES, "stance")


def empty_range(since: date | str | None, until: date | str | None) -> str | None:
    """A warning when ``since`` is after ``until`` (nothing can match), else None.

    Dates that are not ISO dates are left to the query, which reports them."""
    try:
        start = date.fromisoformat(since) if isinstance(since, str) else since
        end = date.fromisoformat(until) if isinstance(until, str) else until
    except ValueError:
        return None
    if start is not None and end is not None and start > end:
        return (f"the date range is empty: since {start.isoformat()} is after until "
                f"{end.isoformat()}, so nothing can match; swap them?")
    return None


CLAIM_FILTERS = ("q", "source", "via", "about", "stance", "kind", "outlet", "since", "until",
                 "originals", "min_confidence")


@dataclass(frozen=True)
class ClaimFilters:
    """The filters of ``selon claims``, ``/api/attributions`` and the ``/statements`` page,
    under the same names in all three: one object, read by
    :func:`selon.store.queries.claims` and :func:`selon.store.totals.claims`."""

    source: str | None = None
    via: str | None = None
    about: str | None = None
    stance: str | None = None
    kind: str | None = None
    outlet: str | None = None
    since: date | None = None
    until: date | None = None
    originals: bool = False
    q: str | None = None  # a full-text query on what was said (selon.store.fulltext)
    min_confidence: float | None = None  # how surely the source was found (0 to 1)

    def query(self) -> dict[str, Any]:
        """The keyword arguments of :func:`selon.store.queries.claims`."""
        given = {name: getattr(self, name) for name in CLAIM_FILTERS if name != "originals"}
        return {**given, "originals_only": self.originals}

    def given(self) -> dict[str, str]:
        """The filters set, as query parameters (for links that keep them)."""
        out: dict[str, str] = {}
        for name in CLAIM_FILTERS:
            value = getattr(self, name)
            if value is True:
                out[name] = "true"
            elif value not in (None, False, ""):
                out[name] = value.isoformat() if isinstance(value, date) else str(value)
        return out

    def warnings(self) -> list[str]:
        """The empty date range warning, when there is one."""
        warning = empty_range(self.since, self.until)
        return [warning] if warning else []
