"""A source phrase stops at the name: a time after an inverted subject is when it was
said, not who said it. Sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attributions import attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


@pytest.mark.parametrize(("text", "content", "source"), [
    ("« Nous ne céderons pas », a déclaré le ministre jeudi soir devant la presse.",
     "Nous ne céderons pas", "le ministre"),
    ("Le porte-parole a démenti toute négociation, comme l'a affirmé le ministre la veille.",
     "Le porte-parole a démenti toute négociation", "le ministre"),
])
def test_a_time_after_the_subject_is_not_the_source(fr: Language, text: str, content: str,
                                                    source: str) -> None:
    found = [(a.content, a.source) for a in attrs(fr, text)]
    assert (content, source) in found, found


def test_a_pronoun_set_off_after_the_auxiliary_takes_up_the_subject(fr: Language) -> None:
    text = ("De son côté, le président égyptien, Karim Nasser, dont le pays est un allié, a "
            "sobrement salué l'accord. Mais l'Autorité palestinienne a, elle, qualifié de "
            "« trahison » l'accord de paix et a appelé à une « réunion d'urgence » de la "
            "Ligue arabe.")
    found = [(a.cue, a.source) for a in attrs(fr, text)]
    assert ("a appelé", "l'Autorité palestinienne") in found, found
