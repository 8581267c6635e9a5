"""Cues that come before their content in ordinary compound tenses: a second participle
that shares the first one's auxiliary and subject, words between the verb and its
content. Sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attributions import attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("La syndicaliste Odile Varenne a accusé la direction de vouloir fermer l'usine et "
     "menacé de bloquer les livraisons.", "menacé", "de bloquer les livraisons"),
    ("La syndicaliste Odile Varenne n'a pas cité de chiffre, mais indiqué que la grève "
     "durerait.", "indiqué", "la grève durerait"),
])
def test_a_coordinated_participle_shares_the_auxiliary_and_its_subject(
        fr: Language, text: str, cue: str, content: str) -> None:
    found = [a for a in attrs(fr, text) if a.cue == cue]
    assert [(a.source, a.content) for a in found] == [("Odile Varenne", content)]


def test_a_participle_after_a_passive_is_no_statement_of_its_subject(fr: Language) -> None:
    found = attrs(fr, "Le gérant Marc Tissot a été interpellé et accusé de fraude.")
    assert not [a for a in found if a.source == "Marc Tissot"], found


def test_a_participle_pair_on_a_noun_shares_no_auxiliary(fr: Language) -> None:
    # "arrêté et accusé" qualify "un voisin": "accusé" is not the prefect's word
    found = attrs(fr, "La préfète Anne Morel a reçu un voisin arrêté et accusé de vol.")
    assert not [a for a in found if a.cue == "accusé"], found


@pytest.mark.parametrize(("text", "content"), [
    ("Le juge Paul Lemaire a regretté à Rennes n'avoir reçu aucune réponse du ministère.",
     "n'avoir reçu aucune réponse du ministère"),
    ("Le juge Paul Lemaire a affirmé devant les élus vouloir rouvrir le dossier.",
     "vouloir rouvrir le dossier"),
    ("Le juge Paul Lemaire avait promis, avant son départ pour Nantes, qu'il rendrait "
     "son rapport en mai.", "il rendrait son rapport en mai"),
    ("Le juge Paul Lemaire a dit, jeudi, qu'il quitterait ses fonctions.",
     "il quitterait ses fonctions"),
])
def test_words_between_the_verb_and_its_content_are_passed_over(
        fr: Language, text: str, content: str) -> None:
    found = attrs(fr, text)
    assert [(a.source, a.content) for a in found] == [("Paul Lemaire", content)]


def test_an_infinitive_that_completes_a_noun_is_not_passed_to(fr: Language) -> None:
    # "sur sa capacité à gouverner": the infinitive belongs to the noun, not the verb
    found = attrs(fr, "Le juge Paul Lemaire a insisté sur sa capacité à trancher vite.")
    assert not [a for a in found if a.content == "trancher vite"], found


def test_a_multiword_cue_after_et_is_a_second_record(fr: Language) -> None:
    found = attrs(fr, "La préfecture a fait état d'une fuite de gaz et mis en garde contre "
                      "les fausses alertes.")
    assert [(a.cue, a.source, a.content) for a in found] == [
        ("a fait état", "La préfecture", "d'une fuite de gaz"),
        ("mis en garde", "La préfecture", "les fausses alertes")]


def test_a_cue_in_a_relative_clause_stops_where_the_main_clause_resumes(
        fr: Language) -> None:
    found = attrs(fr, "Le sénateur Luc Barral, qui a assuré que la loi serait retirée, a "
                      "quitté l'hémicycle.")
    assert [(a.source, a.content) for a in found] == [
        ("Luc Barral", "la loi serait retirée")]


@pytest.mark.parametrize("text", [
    "Le sénateur Luc Barral a prévenu : la loi sera retirée avant l'été.",
    "Le sénateur Luc Barral a prévenu mardi devant la presse : la loi sera retirée avant "
    "l'été.",
])
def test_a_clause_after_a_colon_is_the_content(fr: Language, text: str) -> None:
    found = attrs(fr, text)
    assert [(a.source, a.content, a.kind) for a in found] == [
        ("Luc Barral", "la loi sera retirée avant l'été", "indirect")]


def test_a_colon_after_a_verb_that_is_no_cue_opens_no_statement(fr: Language) -> None:
    assert attrs(fr, "Le sénateur Luc Barral a visité deux usines : la première fermera "
                     "en mai.") == []


def test_a_common_noun_object_is_no_place_even_inside_a_place_name(fr: Language) -> None:
    # the recogniser takes "piste de la Chine" for a place here; "piste" is no name
    found = attrs(fr, "La banque a été visée par un piratage, les journaux locaux "
                      "pointant la piste de la Chine.")
    assert [(a.source, a.content) for a in found if a.cue == "pointant"] == [
        ("les journaux locaux", "la piste de la Chine")]


def test_a_named_place_object_is_still_an_act(fr: Language) -> None:
    assert not [a for a in attrs(fr, "Le ministre Yves Caradec a salué la France.")
                if a.cue and "salué" in a.cue]


@pytest.mark.parametrize(("text", "content"), [
    ("La fédération a, dans un communiqué, appelé les adhérents à cesser le travail.",
     "à cesser le travail"),
    ("La fédération a, mardi, dénoncé la fermeture de l'usine.", "la fermeture de l'usine"),
    ("La fédération a appelé, dans un communiqué, les adhérents à cesser le travail.",
     "à cesser le travail"),
])
def test_an_incise_after_the_auxiliary_or_the_verb_keeps_the_subject(
        fr: Language, text: str, content: str) -> None:
    found = attrs(fr, text)
    assert [(a.source, a.content) for a in found] == [("La fédération", content)]


def test_greeting_a_titled_person_past_an_incise_is_an_act(fr: Language) -> None:
    found = attrs(fr, "La gouverneure Lise Aubry a brièvement salué, de la main, le "
                      "vice-président Marc Olier.")
    assert not [a for a in found if a.cue and "salué" in a.cue], found


def test_a_passive_split_by_an_adverb_has_no_speaker_in_its_subject(fr: Language) -> None:
    found = attrs(fr, "La réforme des retraites est davantage contestée depuis janvier.")
    assert not [a for a in found if a.source == "La réforme des retraites"], found


def test_a_claim_in_the_subjunctive_under_a_denial_is_no_statement(fr: Language) -> None:
    found = attrs(fr, "La mairie a démenti que le préfet Jean Rivet ait traité les "
                      "grévistes de « voyous ».")
    assert [a.cue for a in found] == ["a démenti"], found
    said = attrs(fr, "La mairie a confirmé que le préfet Jean Rivet a traité les "
                     "grévistes de « voyous ».")
    assert [a.source for a in said if a.cue == "a traité"] == ["Jean Rivet"], said
