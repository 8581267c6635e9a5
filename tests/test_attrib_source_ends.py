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
