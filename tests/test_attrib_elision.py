"""An elided word glued to the quotation mark that opens a quote (« qu'"il », « l'"ex »),
and a list of three quoted complements. Sentences written for the test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attributions import attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def test_the_tokenizer_splits_the_mark_off_the_elided_word(fr: Language) -> None:
    doc = fr("Il a dit qu'\"il partira\" et parlé d'\"abandon\", aujourd'hui.")
    words = [t.text for t in doc]
    assert words[3:6] == ["qu'", '"', "il"]
    assert words[10:13] == ["d'", '"', "abandon"]
    assert "aujourd'hui" in words


@pytest.mark.parametrize(("text", "content"), [
    ("Le maire Paul Ferrand a indiqué qu'\"il faudra rouvrir le pont\" avant l'hiver.",
     "\"il faudra rouvrir le pont\" avant l'hiver"),
    ("La ministre Anne Leroy a assuré que le projet d'\"intérêt général\" serait mené à "
     "terme.", "le projet d'\"intérêt général\" serait mené à terme"),
])
def test_a_quote_glued_to_an_elided_word(fr: Language, text: str, content: str) -> None:
    found = attrs(fr, text)
    assert [(a.content, a.kind) for a in found] == [(content, "mixed")], found
    assert found[0].source in ("Paul Ferrand", "Anne Leroy")


def test_three_quoted_complements_are_one_qualification(fr: Language) -> None:
    text = ("Le ministère a rejeté ces critiques, les qualifiant de tissu de \"mensonges\", "
            "d'\"insultes\" et de \"calomnies\".")
    found = [a for a in attrs(fr, text) if a.cue == "qualifiant"]
    assert [a.content for a in found] == [
        "tissu de \"mensonges\", d'\"insultes\" et de \"calomnies\""], found
