"""The start prefilter of the time patterns finds what a scan of the whole text finds."""

from __future__ import annotations

import dataclasses
import re

import pytest

from selon.analyse.times.patterns import find
from selon.analyse.times.rules import rules_for
from selon.analyse.times.starts import index_of, key_table, literals_of, starts_of

TEXTS = [
    "Le 3 mars 2021, il y a trois jours, la ministre a parlé vers 18h30 devant les élus.",
    "DEPUIS LE DÉBUT DE L'ANNÉE 2019 ET JUSQU'À LA FIN DU XXE SIÈCLE, RIEN N'A CHANGÉ.",
    "Mi-juin, cet été-là, à 7 heures du matin, chaque lundi et chaque semaine, en 97,",
    "entre 1982-1990 et mars-avril, le 12/05/2020 puis le 2020-05-13 à 14:05 précises",
    "Au lendemain de la réunion, l’an 2000 et l'année 1999, dans deux ans environ.",
    "Le Kelvin s'écrit \u212a, le s long \u017f et le i sans point \u0131 : 3\u00a0janvier.",
    "Une date arabe \u0663\u0664 mars et des chiffres pleine chasse \uff11\uff12 mars 2020.",
    "Hier soir, aujourd'hui, demain matin ; ces dernières années ; depuis des décennies.",
]


def _scanned(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_every_pattern_finds_the_same_matches_as_a_full_scan(text: str) -> None:
    rules = rules_for("fr")
    assert rules.keys is not None
    index = index_of(text, rules.keys)
    for pattern in rules.patterns:
        if pattern.starts is None or index is None:
            continue
        tried = [(m.start(), m.end())
                 for m in pattern.starts.finditer(pattern.regex, text, index)]
        assert tried == _scanned(pattern.regex, text), (pattern.kind, text)


@pytest.mark.parametrize("text", TEXTS)
def test_find_is_the_same_with_and_without_the_prefilter(text: str) -> None:
    rules = rules_for("fr")
    plain = dataclasses.replace(rules, keys=None)
    assert find(text, rules) == find(text, plain)


def test_most_patterns_are_tried_only_at_their_starts() -> None:
    rules = rules_for("fr")
    assert sum(p.starts is not None for p in rules.patterns) == len(rules.patterns)


def test_beginnings_ignore_case_and_read_digits_and_spaces_as_classes() -> None:
    regex = re.compile(r"(?<![\w-])(?:il\s+y\s+a|(?P<d>\d{1,2})\s*[hH]|mi-\w+)", re.IGNORECASE)
    keys = key_table(literals_of([regex]))
    assert keys is not None
    starts = starts_of(regex, keys)
    assert starts is not None
    begins = set().union(*starts.by_length)
    assert {keys.key("i") + keys.key("l") + " ", "0" + keys.key("h"), "00 "} <= begins
    assert keys.key("I") == keys.key("i") and keys.key("\u0663") == "0"
    text = "IL Y A 3 H, Mi-Mai et 12 h"
    index = index_of(text, keys)
    assert index is not None
    assert [m.span() for m in starts.finditer(regex, text, index)] == _scanned(regex, text)


def test_a_pattern_that_can_start_anywhere_keeps_the_full_scan() -> None:
    regex = re.compile(r"(?:.\d|\s+mars)", re.IGNORECASE)
    keys = key_table(literals_of([regex]))
    assert keys is not None
    assert starts_of(regex, keys) is None


def test_a_text_with_characters_beyond_the_table_is_not_indexed() -> None:
    keys = rules_for("fr").keys
    assert keys is not None
    assert index_of("le 3 mars \U0001f600", keys) is None
    assert index_of("le 3 mars", keys) is not None
