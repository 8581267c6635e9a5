"""Statements the parser reads wrong: a fronted adjunct taken for the subject, a run of
complements cut at a cue inside it, a quotation the sentence splitter cut before a
trailing "selon X". Sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attributions import attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def test_a_fronted_adjunct_is_not_the_subject(fr: Language) -> None:
    # the parser makes "tweet" the subject and hangs the name on it
    text = ("Dans un tweet, la sœur du journaliste, Chahinez Drareni, a dit être "
            "\"écœurée et déçue de la décision du tribunal\".")
    found = [(a.content, a.source) for a in attrs(fr, text)]
    assert found == [("être \"écœurée et déçue de la décision du tribunal\"",
                      "la sœur du journaliste")], found
