"""Reporting constructions known by their surface where the parse goes wrong: where a
content that runs back to the start of its sentence really starts, and the statements of
trailing "selon" phrases. Sentences written for the test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attributions import attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


@pytest.mark.parametrize(("text", "content"), [
    ("Mais le maire Paul Ferrand n'a pas confirmé, loin de là : la route sera « fermée » "
     "mais le pont ne sera « pas démoli », a-t-il précisé.",
     "la route sera « fermée » mais le pont ne sera « pas démoli »"),
    ("La ministre Anne Leroy a démenti : les écoles resteront ouvertes, a ajouté la "
     "ministre.", "les écoles resteront ouvertes"),
])
def test_a_reporting_clause_before_a_colon_is_not_the_content(fr: Language, text: str,
                                                               content: str) -> None:
    found = [a for a in attrs(fr, text) if a.cue in ("a-t-il précisé", "a ajouté")]
    assert [a.content for a in found] == [content], attrs(fr, text)


def test_a_colon_after_a_plain_clause_stays_in_the_content(fr: Language) -> None:
    text = "Le bilan reste lourd : trente blessés, a précisé le préfet."
    found = [a for a in attrs(fr, text) if a.cue == "a précisé"]
    assert [a.content for a in found] == ["Le bilan reste lourd : trente blessés"]
