"""Compiled time-expression rules for one language, built from ``lang/<lang>/times.json``.

No spaCy here: the finder and resolver work on a plain string, so that the French
TimeBank evaluation runs in seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from selon import lang as langdata
from selon.analyse.times.starts import KeyTable, Starts, key_table, literals_of, starts_of
from selon.errors import ConfigError

_APOS = "['’]"


def norm(word: str) -> str:
    """The lexicon key of a matched word: lower case, straight apostrophe, single spaces."""
    return re.sub(r"\s+", " ", word.replace("’", "'").lower()).strip()


def _normset(words: Iterable[str]) -> frozenset[str]:
    """The normalised forms of a data file's word list."""
    return frozenset(norm(w) for w in words)


def _alt(words: Any) -> str:
    """A regex alternation of lexicon words, longest first; apostrophes match ' and ’."""
    items = [w for w in words if not w.startswith("_")]
    items.sort(key=len, reverse=True)
    parts = []
    for w in items:
        p = re.escape(w).replace("'", _APOS).replace(r"\ ", r"\s+").replace(" ", r"\s+")
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class Pattern:
    kind: str
    regex: re.Pattern[str]
    check: str | None
    starts: Starts | None = None  # where it can start (None: scan the whole text)


@dataclass(frozen=True)
class TimexRules:
    """Everything the finder and resolver need for one language."""

    patterns: tuple[Pattern, ...]
    keys: KeyTable | None  # the text keys of the patterns' starts (None: full scans)
    lex: dict[str, dict[str, Any]]
    month_ambiguous: frozenset[str]
    season_after: frozenset[str]
    age_units: frozenset[str]
    age_after: frozenset[str]
    age_after_if_followed: frozenset[str]
    age_followers: frozenset[str]
    not_duration: frozenset[str]
    no_tense_shift_after: frozenset[str]
    time_cue_after: frozenset[str]
    ref_not_after: dict[str, frozenset[str]]
    year_min: int
    year_max: int
    year_after: frozenset[str]
    year_joined: frozenset[str]
    year_followers: frozenset[str]
    two_digit_pivot: int
    number_words: frozenset[str]
    two_digit_after: frozenset[str]
    two_digit_de_after: frozenset[str]
    age_range: re.Pattern[str]
    age_group_before: frozenset[str]
    weekday_not_before: frozenset[str]
    compound_not_after: frozenset[str]
    anchored_before: frozenset[str]
    anchored_event_after: frozenset[str]
    part_after: frozenset[str]
    future: tuple[re.Pattern[str], ...]
    past: tuple[re.Pattern[str], ...]
    announce: re.Pattern[str]

    def get(self, lexicon: str, word: str | None) -> Any:
        """The value of ``word`` in ``lexicon`` (None when absent)."""
        if word is None:
            return None
        return self.lex[lexicon].get(norm(word))


_LEXICONS = (
    "month", "ordinal_one", "weekday", "part", "clock", "relday", "dem", "rel", "mod", "period",
    "season", "unit", "vague", "approx_noun", "approx", "time_approx", "each", "fixed", "ref",
    "dem_part", "per", "these", "anchored", "anchored_part",
)


def _number_regex(words: list[str], joined: list[str]) -> str:
    word = _alt(words)
    tail = _alt(joined)
    digits = r"\d+(?:[.,]\d+)?"
    return rf"(?:{digits}|{word}(?:(?:-|\s+)(?:et(?:-|\s+){tail}|{word}))*)"


@cache
def rules_for(lang: str) -> TimexRules:
    """The compiled rules for ``lang`` (built once per process)."""
    data = langdata.load(lang, "times")
    try:
        lex = {name: {norm(k): v for k, v in data[name].items() if not k.startswith("_")}
               for name in _LEXICONS}
        slots = {name: _alt(data[name]) for name in _LEXICONS}
        slots["num"] = _number_regex(data["number_words"], data["number_and"])
        slots["ap"] = _APOS
        slots["glue"] = data["glue"].replace("{ap}", _APOS)
        patterns = []
        for item in data["patterns"]:
            source = item["re"]
            for name, value in slots.items():
                source = source.replace("{" + name + "}", value)
            # a pattern marked "after_joiner" is the second half of "mars-avril", "1982-1990"
            bound = r"(?<=\w[-/–])" if item.get("after_joiner") else r"(?<![\w-])"
            regex = re.compile(rf"{bound}(?:{source})(?![\w])", re.IGNORECASE)
            patterns.append(Pattern(item["kind"], regex, item.get("check")))
        # every pattern begins with a look-behind refusing a word character before it, so a
        # match begins at a word start: try each only where its first characters are
        keys = key_table(literals_of(p.regex for p in patterns))
        if keys is not None:
            patterns = [Pattern(p.kind, p.regex, p.check, starts_of(p.regex, keys))
                        for p in patterns]
        year = data["year"]
        tense = data["tense"]
        return TimexRules(
            patterns=tuple(patterns),
            keys=keys,
            lex=lex,
            month_ambiguous=frozenset(data["month_ambiguous"]["forms"]),
            season_after=_normset(data["season_context"]["after"]),
            age_units=_normset(data["age"]["units"]),
            age_after=_normset(data["age"]["after"]),
            age_after_if_followed=_normset(data["age"]["after_if_followed"]),
            age_followers=_normset(data["age"]["followers"]),
            not_duration=_normset(data["not_duration"]["forms"]),
            no_tense_shift_after=_normset(data["no_tense_shift_after"]["words"]),
            time_cue_after=_normset(data["time_cue"]["after"]),
            ref_not_after={norm(k): _normset(v)
                           for k, v in data["ref_not_after"].items() if not k.startswith("_")},
            year_min=int(year["min"]),
            year_max=int(year["max"]),
            year_after=_normset(year["after"]),
            year_joined=frozenset(year["joined"]),
            year_followers=_normset(year["followers"]),
            two_digit_pivot=int(year["two_digit_pivot"]),
            number_words=frozenset(data["number_words"]),
            two_digit_after=_normset(year["two_digit_after"]),
            two_digit_de_after=_normset(year["two_digit_de_after"]),
            age_range=re.compile(
                r"\b(?:" + "|".join(re.escape(norm(w)) for w in data["age"]["range_nouns"])
                + r")\s+(?:de|d'|entre)\s*(?:\d+\s*(?:à|-|–|et)\s*)?$"),
            age_group_before=_normset(data["age"]["group_before"]),
            weekday_not_before=_normset(data["weekday_feast"]["next"]),
            compound_not_after=_normset(data["compound_noun"]["after"]),
            anchored_before=_normset(data["anchored_context"]["before"]),
            anchored_event_after=_normset(data["anchored_context"]["event"]),
            part_after=_normset(data["anchored_context"]["part_after"]),
            future=tuple(re.compile(p, re.IGNORECASE) for p in tense["future"]),
            past=tuple(re.compile(p, re.IGNORECASE) for p in tense["past"]),
            announce=re.compile(r"(?<![\w-])" + _alt(tense["announce"]) + r"(?![\w-])",
                                re.IGNORECASE),
        )
    except (KeyError, re.error) as exc:
        raise ConfigError(f"bad time rules in lang/{lang}/times.json: {exc}; fix the data file")\
            from exc
