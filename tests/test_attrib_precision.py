"""Statements that are not there: constructions misread as reporting clauses, so that an
object, a document or a plan speaks. Sentences written for the test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attributions import attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


@pytest.mark.parametrize("text", [
    "Depuis Genève où il séjourne, le député Marc Aubry a pour sa part, dans un message "
    "publié sur Facebook, qualifié de mensongères les rumeurs visant son frère.",
    "Réfugiée à Bruxelles, la militante Inès Caron a de son côté, dans un entretien "
    "accordé à une radio, jugé absurdes les poursuites engagées contre elle.",
])
def test_a_bare_past_participle_after_a_comma_is_no_inverted_clause(fr: Language,
                                                                     text: str) -> None:
    found = attrs(fr, text)
    assert not [a for a in found if a.source in ("les rumeurs", "les poursuites")], found
    assert not [a for a in found if text.index(a.content) == 0], found


@pytest.mark.parametrize(("text", "source"), [
    ("« Nous ne partirons pas », dit le maire de Lyon.", "le maire de Lyon"),
    ("« La route sera rouverte lundi », a précisé la préfète Claire Morin.", "Claire Morin"),
    ("« Rien n'est décidé », rappelle le porte-parole du gouvernement.",
     "le porte-parole du gouvernement"),
])
def test_a_finite_or_compound_inverted_group_still_reports(fr: Language, text: str,
                                                           source: str) -> None:
    found = [a for a in attrs(fr, text) if a.kind == "direct"]
    assert [a.source for a in found] == [source], attrs(fr, text)


@pytest.mark.parametrize("text", [
    "Le maire a vigoureusement défendu son budget, qu'il a qualifié de « raisonnable ».",
    "La directrice a longuement présenté son projet, qu'elle a jugé « indispensable ».",
])
def test_que_after_the_object_and_a_comma_opens_a_relative_not_the_content(
        fr: Language, text: str) -> None:
    found = attrs(fr, text)
    assert not [a for a in found if a.content.startswith(("il a", "elle a"))], found


@pytest.mark.parametrize(("text", "content"), [
    ("Le ministre a averti ses partenaires, lundi, que la réforme serait votée.",
     "la réforme serait votée"),
    ("Le ministre a prévenu ses partenaires que la réforme serait votée.",
     "la réforme serait votée"),
])
def test_que_after_an_object_still_leads_the_content(fr: Language, text: str,
                                                     content: str) -> None:
    assert [a.content for a in attrs(fr, text)] == [content]


@pytest.mark.parametrize("text", [
    "Ce discours lui a valu d'être violemment condamné par les syndicats.",
    "Cette remarque lui a valu d'être aussitôt condamnée par plusieurs élus.",
])
def test_a_content_never_holds_its_own_cue(fr: Language, text: str) -> None:
    found = attrs(fr, text)
    assert not [a for a in found if a.cue in a.content], found


def test_a_qualifying_participle_and_a_relative_statement_keep_their_cue(
        fr: Language) -> None:
    text = "Le maire a annoncé une décision jugée « injuste » par l'opposition."
    assert "jugée" in {a.cue for a in attrs(fr, text)}, attrs(fr, text)
    text = "Le maire aurait quitté la ville, ce qu'a démenti son adjoint Paul Mercier."
    assert [(a.cue, a.content) for a in attrs(fr, text)] == [
        ("a démenti", "ce qu'a démenti son adjoint Paul Mercier")]


@pytest.mark.parametrize(("text", "source"), [
    ("Le ministre Paul Durand a publié un message sur Twitter. Son tweet, critiquant la "
     "Chine, a été supprimé dimanche.", "Paul Durand"),
    ("La ministre Anne Leroy a écrit aux maires. Sa lettre souligne que les écoles "
     "resteront ouvertes.", "Anne Leroy"),
])
def test_a_document_with_a_possessive_is_said_by_its_author(fr: Language, text: str,
                                                            source: str) -> None:
    found = [a for a in attrs(fr, text) if a.cue in ("critiquant", "souligne")]
    assert [a.source for a in found] == [source], attrs(fr, text)
