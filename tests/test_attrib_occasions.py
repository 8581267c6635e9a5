"""The occasion of saying something is not what was said: « lors de son discours »,
« devant quelques journalistes », « dans une série de tweets » end a content that has
no verb of its own. Sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attributions import attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


@pytest.mark.parametrize(("text", "content"), [
    # no comma before the occasion: the object ends before it
    ("Le président a souligné son attachement à la paix devant quelques journalistes.",
     "son attachement à la paix"),
    # a series of speech events after a comma
    ("Le maire s'est dit favorable à un accord, dans une série de tweets.",
     "favorable à un accord"),
    # after the quoted words of a self-description
    ("La sénatrice s'est présentée comme une « voix libre » lors de son discours.",
     "une « voix libre »"),
])
def test_an_occasion_ends_the_content(fr: Language, text: str, content: str) -> None:
    found = [a.content for a in attrs(fr, text)]
    assert found == [content], found


@pytest.mark.parametrize(("text", "content"), [
    # a participle phrase in the content: its own adjunct stays
    ("Le président a dénoncé les violences commises devant les journalistes.",
     "les violences commises devant les journalistes"),
    # a clause: its own adjunct stays
    ("Le président a assuré qu'il parlerait de la paix lors de son discours.",
     "il parlerait de la paix lors de son discours"),
])
def test_an_occasion_inside_a_verb_phrase_stays(fr: Language, text: str,
                                               content: str) -> None:
    found = [a.content for a in attrs(fr, text)]
    assert found == [content], found
