"""No-break spaces (U+00A0) between words: the sentences and verb groups are read as with
plain spaces, and every span still indexes the text as given. Sentences written for the
test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from selon.analyse.extensions import doc_text
from test_attributions import attrs

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def test_an_inverted_clause_with_no_break_spaces(fr: Language) -> None:
    text = (f"Les écoles resteront fermées jusqu'en juin,{NBSP}a{NBSP}précisé le recteur "
            "Paul Dumas.")
    found = attrs(fr, text)
    assert [(a.kind, a.content, a.cue, a.source) for a in found] == [
        ("indirect", "Les écoles resteront fermées jusqu'en juin", f"a{NBSP}précisé",
         "Paul Dumas")]


def test_a_sentence_break_after_a_no_break_space(fr: Language) -> None:
    text = (f"Le syndicat a reproché à la direction de « mentir ».{NBSP}La CGT{NBSP}avait "
            "pourtant salué le projet du ministre.")
    doc = fr(text)
    assert [s.text.split()[0] for s in doc.sents] == ["Le", "La"]
    assert [(a.content, a.source) for a in attrs(fr, text)] == [
        ("de « mentir »", "Le syndicat"), ("le projet du ministre", "La CGT")]


def test_the_text_as_given(fr: Language) -> None:
    text = f"Le maire a{NBSP}annoncé{NBSP}la fermeture du pont."
    doc = fr(text)
    assert doc_text(doc) == text
    assert [t.text for t in doc] == ["Le", "maire", "a", "annoncé", "la", "fermeture",
                                     "du", "pont", "."]
