"""The name comparisons screening makes, for the benchmarks that time the matcher alone
(``matcher.py``, ``resolve.py``): each name against the list names blocking proposes for
it, compared as screening compares them.

Screening's own loop (:func:`selon.resolve.screen.screen_entity`) also keeps the best
entry and weighs the countries; here only the pairs and the matcher's calls are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from selon.resolve.matcher import Match, compare_forms
from selon.resolve.names import NameForm, name_form
from selon.resolve.screen import COUNTRY_BONUS, DEFAULT_THRESHOLD, ListIndex

# two parsed names and how the matcher compares them (``careful``, ``strict_joins``)
Pair = tuple[NameForm, NameForm, dict[str, bool]]
AS_SCREENING = {"strict_joins": True}  # how screening calls the matcher
NEEDED = DEFAULT_THRESHOLD - 2 * COUNTRY_BONUS  # the lowest score screening's first pass keeps


def screening_pairs(index: ListIndex, names: Iterable[tuple[str, str]]) -> list[Pair]:
    """Each (name, type) parsed, against every list name ``index`` proposes for it, in
    the index's order; as screening, a person's name needs two core words and any other
    name one (a surname alone is never screened)."""
    out: list[Pair] = []
    for name, type_ in names:
        form = name_form(name, type_)
        if len(form.core) < (2 if type_ == "PER" else 1):
            continue
        out.extend((form, index.forms[f][1], AS_SCREENING) for f in index.candidates(form))
    return out


def compare_pairs(pairs: Sequence[Pair], needed: float = 0.0) -> list[Match]:
    """The matcher's result for every pair, each compared its own way; ``needed`` (the
    lowest score the caller acts on, see :func:`compare_forms`) is passed only when
    above 0, so that a matcher without it can be timed too."""
    if not needed:
        return [compare_forms(a, b, **how) for a, b, how in pairs]
    return [compare_forms(a, b, **how, needed=needed) for a, b, how in pairs]
