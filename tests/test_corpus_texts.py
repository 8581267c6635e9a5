"""The paragraph breaks put back into corpus texts for the orangesum-all gold sets."""

from __future__ import annotations

import pytest

from corpus_texts import paragraphs


@pytest.mark.parametrize(("glued", "restored"), [
    ("Il pleuvait jeudi.Le gouvernement a cédé.", "Il pleuvait jeudi.\nLe gouvernement a cédé."),
    ("a constaté l'AFP.Dimanche, rien.", "a constaté l'AFP.\nDimanche, rien."),
    ('la ville."On a vu", dit-il.', 'la ville.\n"On a vu", dit-il.'),
    ("un « record ».Les recettes", "un « record ».\nLes recettes"),
    ("en 2019?Personne", "en 2019?\nPersonne"),
])
def test_a_glued_sentence_end_gets_its_break_back(glued: str, restored: str) -> None:
    assert paragraphs(glued) == restored


@pytest.mark.parametrize("text", [
    "Selon J.Biden, tout va bien.",  # an initial
    "Le taux est de 3.5 pour cent.",  # a decimal point
    "Il a dit. Puis il est parti.",  # a space: already two sentences
    "la société A.B. Martin",  # initials
])
def test_other_full_stops_stay(text: str) -> None:
    assert paragraphs(text) == text
