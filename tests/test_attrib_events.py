"""Reflexive "se dire" with a quoted adjective, on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def attrs(fr: Language, text: str) -> list[tuple[str, str, str | None, str | None, str]]:
    """(kind, content, cue, source, stance) of every attribution of ``text``."""
    doc = fr(text)
    return [(a.kind, text[a.content[0]:a.content[1]],
             text[a.cue[0]:a.cue[1]] if a.cue else None,
             a.source.text if a.source else None, a.stance)
            for a in doc._.selon_attributions]


@pytest.mark.parametrize("text, content, cue", [
    ('La sénatrice s\'est dite "très fière" de son équipe.',
     '"très fière" de son équipe', "s'est dite"),
    ('La directrice s\'est aussi dite "fière" des 300 salariés de l\'usine.',
     '"fière" des 300 salariés de l\'usine', "s'est aussi dite"),
    ('Le médecin s\'est d\'autre part dit "prudemment optimiste" sur la suite, avec trois '
     'traitements à l\'essai.', '"prudemment optimiste" sur la suite', "dit"),
])
def test_quoted_adjective_after_se_dire(fr: Language, text: str, content: str,
                                        cue: str) -> None:
    found = attrs(fr, text)
    assert [(f[0], f[1], f[2]) for f in found] == [("mixed", content, cue)], found
