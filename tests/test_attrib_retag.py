"""Present participles of reporting verbs that the tagger read as an adjective or a noun,
in a detached phrase (attributions/retag.py). Sentences written for the test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attributions import attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def test_a_participle_read_as_an_adjective_after_an_inverted_clause(fr: Language) -> None:
    text = ("« Il faut tenir bon », a affirmé mardi le maire Paul Ferrand, martelant sa "
            "volonté de rouvrir l'usine.")
    found = [a for a in attrs(fr, text) if a.cue == "martelant"]
    assert [(a.content, a.source) for a in found] == [
        ("sa volonté de rouvrir l'usine", "Paul Ferrand")], attrs(fr, text)


def test_a_participle_read_as_a_noun_after_its_clitic(fr: Language) -> None:
    text = "Le syndicat a rejeté ces accusations, les qualifiant de « mensonges »."
    found = [a for a in attrs(fr, text) if a.cue is not None and "qualifiant" in a.cue]
    assert [(a.content, a.source) for a in found] == [("mensonges", "Le syndicat")], \
        attrs(fr, text)


@pytest.mark.parametrize("text", [
    "La ville a retrouvé un air calme, rassurant pour les habitants.",
    "Le rapport du préfet, accablant pour la mairie, a été publié lundi.",
])
def test_an_adjective_in_ant_stays_an_adjective(fr: Language, text: str) -> None:
    assert attrs(fr, text) == []
