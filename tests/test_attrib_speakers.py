"""Who a statement's source is: pronouns and titles standing for a named person
(sentences written for these tests)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from selon.analyse import pipeline
from selon.analyse.attributions.speakers import gender_of
from selon.analyse.attributions.titles import role_words


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def _statements(fr: Language, text: str) -> list[tuple[str, str | None, str | None, list[str]]]:
    doc = fr(text)
    return [(text[a.content[0]:a.content[1]], a.source.text if a.source else None,
             a.source.entity if a.source else None, [v.text for v in a.via])
            for a in doc._.selon_attributions]


def _entity(fr: Language, text: str, name: str) -> str:
    doc = fr(text)
    return next(e.id for e in doc._.selon_entities if e.name == name)


def test_a_selon_source_is_the_antecedent_of_the_next_pronoun(fr: Language) -> None:
    text = ("Le ministre Jean Roux a présenté la réforme mardi. Selon Michel Caron, chercheur "
            "à l'université de Lyon, la réforme est fragile. « Elle ne tiendra pas deux ans, "
            "c'est une certitude », explique-t-il.")
    quote = next(s for s in _statements(fr, text) if s[0].startswith("Elle ne tiendra"))
    assert quote[1] == "Michel Caron"


def test_the_noun_a_name_complements_gives_it_no_gender(fr: Language) -> None:
    doc = fr("La visite de Marc Leroy a été annulée.")
    start = next(t.i for t in doc if t.text == "Marc")
    assert gender_of(doc, start, start + 2) is None
    doc = fr("La juge Anne Morel a rendu sa décision.")
    start = next(t.i for t in doc if t.text == "Anne")
    assert gender_of(doc, start, start + 2) == "Fem"


def test_only_a_role_noun_in_apposition_tells_the_gender(fr: Language) -> None:
    roles = role_words("fr")
    doc = fr("Selon Paul Durand, la directrice du musée, la salle est fermée.")
    assert gender_of(doc, 1, 3, roles) == "Fem"  # « directrice » is a role
    # « Pour X, la cause ... » with « cause » misparsed as X's apposition (a hand-built
    # parse, as the model sometimes gives it): the noun says nothing of X
    words = ["Pour", "Paul", "Durand", ",", "la", "cause", "est", "entendue", "."]
    doc = Doc(fr.vocab, words=words, heads=[1, 7, 1, 1, 5, 1, 7, 7, 7],
              deps=["case", "obl:mod", "flat:name", "punct", "det", "appos", "aux:pass",
                    "ROOT", "punct"],
              pos=["ADP", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "AUX", "VERB", "PUNCT"],
              morphs=["", "", "", "", "Definite=Def|Gender=Fem|Number=Sing|PronType=Art",
                      "Gender=Fem|Number=Sing", "", "", ""])
    assert gender_of(doc, 1, 3) == "Fem"  # read without the role words, as before
    assert gender_of(doc, 1, 3, roles) is None


def test_a_title_stands_for_the_person_named_with_it(fr: Language) -> None:
    text = ("Le président américain Donald Trump a visité Tulsa samedi. Le président a estimé "
            "que les tests étaient une arme.")
    ((_, source, entity, _),) = _statements(fr, text)
    assert source == "Le président"
    assert entity == _entity(fr, text, "Donald Trump")


def test_a_title_with_other_words_is_someone_else(fr: Language) -> None:
    text = ("Le candidat démocrate Joe Biden était à New York. Le candidat républicain a jugé "
            "que la ville était sale.")
    ((_, source, entity, _),) = _statements(fr, text)
    assert source == "Le candidat républicain"
    assert entity is None
