"""A cue in an infinitive clause that opens the sentence: « Après avoir déclaré que A, le
ministre ... », « Avant de démentir X, la directrice ... »: the speaker is the main
clause's subject after the comma. Sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attributions import attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


@pytest.mark.parametrize(("text", "content", "source"), [
    ("Après avoir déclaré qu'il fermerait l'usine et qu'il refusait toute vente, le "
     "ministre s'est dit favorable à un accord.",
     "il fermerait l'usine et qu'il refusait toute vente", "le ministre"),
    # commas inside the content: it runs to the comma before the speaker
    ("Après avoir déclaré qu'il fermerait l'usine, pour des raisons de « sécurité », et "
     "qu'il s'opposait à une vente, le ministre s'est finalement dit favorable à un accord.",
     "il fermerait l'usine, pour des raisons de « sécurité », et qu'il s'opposait à une vente",
     "le ministre"),
])
def test_a_fronted_past_infinitive_speaks_for_the_main_subject(
        fr: Language, text: str, content: str, source: str) -> None:
    found = [(a.content, a.source) for a in attrs(fr, text)]
    assert (content, source) in found, found


@pytest.mark.parametrize("text", [
    # what was not said
    "Sans mentionner la Chine, la ministre a dénoncé « des pressions inacceptables ».",
    # the main clause's subject is no speaker
    "Après avoir annoncé la fermeture du site, l'usine a cessé toute activité.",
])
def test_no_statement_without_a_speaker_or_when_nothing_was_said(fr: Language,
                                                                 text: str) -> None:
    found = [a.cue for a in attrs(fr, text)]
    assert all(c not in ("mentionner", "avoir annoncé") for c in found), found
