"""Reporting constructions known by their surface where the parse goes wrong: where a
content that runs back to the start of its sentence really starts, and the statements of
trailing "selon" phrases. Sentences written for the test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attributions import attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


@pytest.mark.parametrize(("text", "content"), [
    ("Mais le maire Paul Ferrand n'a pas confirmé, loin de là : la route sera « fermée » "
     "mais le pont ne sera « pas démoli », a-t-il précisé.",
     "la route sera « fermée » mais le pont ne sera « pas démoli »"),
    ("La ministre Anne Leroy a démenti : les écoles resteront ouvertes, a ajouté la "
     "ministre.", "les écoles resteront ouvertes"),
])
def test_a_reporting_clause_before_a_colon_is_not_the_content(fr: Language, text: str,
                                                               content: str) -> None:
    found = [a for a in attrs(fr, text) if a.cue in ("a-t-il précisé", "a ajouté")]
    assert [a.content for a in found] == [content], attrs(fr, text)


def test_a_colon_after_a_plain_clause_stays_in_the_content(fr: Language) -> None:
    text = "Le bilan reste lourd : trente blessés, a précisé le préfet."
    found = [a for a in attrs(fr, text) if a.cue == "a précisé"]
    assert [a.content for a in found] == ["Le bilan reste lourd : trente blessés"]


def test_a_trailing_selon_after_a_reporting_clause_and_a_relative_word(fr: Language) -> None:
    text = ("« Nous avons besoin d'aide », a dit la ministre Anne Leroy, dont un conseiller "
            "a démissionné mardi selon son entourage.")
    found = [a for a in attrs(fr, text) if a.kind == "according_to"]
    assert [(a.content, a.source) for a in found] == [
        ("un conseiller a démissionné mardi", "son entourage")], attrs(fr, text)


def test_a_relative_clause_of_a_plain_statement_stays_in_a_trailing_selon(fr: Language) -> None:
    text = "La ville a recruté dix agents, qui ont commencé lundi, selon le maire."
    found = [a for a in attrs(fr, text) if a.kind == "according_to"]
    assert [a.content for a in found] == ["La ville a recruté dix agents, qui ont commencé lundi"]


def test_a_trailing_selon_after_a_noun_phrase_in_apposition(fr: Language) -> None:
    text = ("La ville a recensé lundi 300 cas, un record, les hôpitaux se remplissant, une "
            "« situation grave » selon les médecins.")
    found = [a for a in attrs(fr, text) if a.kind == "according_to"]
    assert [(a.content, a.source) for a in found] == [("une « situation grave »", "les médecins")]


def test_a_selon_phrase_after_the_copula_of_a_relative_clause(fr: Language) -> None:
    text = ("Le préfet a signalé des groupes venus d'ailleurs qui pourraient être, selon "
            "lui, des casseurs ou des pillards.")
    found = [a for a in attrs(fr, text) if a.cue == "a signalé"]
    assert [a.content for a in found] == [
        "des groupes venus d'ailleurs qui pourraient être, selon lui, des casseurs ou des "
        "pillards"], attrs(fr, text)
    other = "Le préfet a reçu lundi des jeunes qui seraient, selon la police, des casseurs."
    found = [a for a in attrs(fr, other) if a.kind == "according_to"]
    assert [(a.content, a.source) for a in found] == [("des casseurs", "la police")]


def test_a_coordinated_cue_inside_the_quoted_words_does_not_cut_them(fr: Language) -> None:
    text = ("Cet accord « ne sert pas la cause des habitants mais est considéré comme une "
            "trahison », a dit à la presse le porte-parole Paul Morel.")
    found = [a for a in attrs(fr, text) if a.cue == "a dit"]
    assert [a.content for a in found] == [
        "Cet accord « ne sert pas la cause des habitants mais est considéré comme une "
        "trahison »"], attrs(fr, text)


def test_a_quotation_of_two_sentences_before_a_gloss_and_an_inverted_clause(fr: Language) -> None:
    text = ("« Ce qui comptait, c'était le départ du maire hors de la ville. Ils le "
            "justifiaient par la nécessité d'un apaisement » dans la région, a expliqué "
            "Paul Morel.")
    found = [a for a in attrs(fr, text) if a.cue == "a expliqué"]
    assert [(a.kind, a.content, a.source) for a in found] == [
        ("direct", "Ce qui comptait, c'était le départ du maire hors de la ville. Ils le "
         "justifiaient par la nécessité d'un apaisement", "Paul Morel")], attrs(fr, text)


@pytest.mark.parametrize(("text", "content"), [
    ("Plusieurs journaux locaux révélaient dans la foulée que la mairie était en "
     "négociations avancées pour racheter le stade.",
     "la mairie était en négociations avancées pour racheter le stade"),
    ("De nombreux pays ont reconnu mercredi à Lyon que le chômage ne concernait pas "
     "uniquement la France.", "le chômage ne concernait pas uniquement la France"),
])
def test_que_read_as_a_relative_pronoun_after_an_adjunct(fr: Language, text: str,
                                                         content: str) -> None:
    found = attrs(fr, text)
    assert [a.content for a in found] == [content], found


@pytest.mark.parametrize(("text", "content", "cue", "source"), [
    ("La réforme, a précisé le ministre Paul Morel, sera votée en juin.",
     "sera votée en juin", "a précisé", "Paul Morel"),
    ("Le maire Paul Morel a parlé longtemps. Cela, a-t-il souligné, pourra être réalisé "
     "avec « le départ des troupes ».", "pourra être réalisé avec « le départ des troupes »",
     "a-t-il souligné", "Paul Morel"),
])
def test_a_reporting_clause_set_between_subject_and_verb(fr: Language, text: str, content: str,
                                                         cue: str, source: str) -> None:
    found = [a for a in attrs(fr, text) if a.cue == cue]
    assert [(a.content, a.source) for a in found] == [(content, source)], attrs(fr, text)


def test_an_incise_that_is_no_reporting_clause(fr: Language) -> None:
    assert attrs(fr, "La réforme, a rencontré le ministre, sera votée en juin.") == []
    assert attrs(fr, "Paris, capitale de la France, est une grande ville.") == []


@pytest.mark.parametrize("text", [
    "Le journaliste est détenu en Turquie, qui a reconnu son arrestation.",
    "Le journaliste serait détenu depuis mars en Turquie qui a reconnu lundi son arrestation.",
])
def test_the_speaker_of_a_relative_clause_the_parser_missed(fr: Language, text: str) -> None:
    found = [a for a in attrs(fr, text) if a.cue == "a reconnu"]
    assert [(a.content, a.source) for a in found] == [("son arrestation", "Turquie")], found


def test_a_time_word_the_parser_made_the_object_is_not_the_content(fr: Language) -> None:
    found = attrs(fr, "La ville de Lyon, qui a reconnu lundi son erreur, a fermé le parc.")
    assert [(a.content, a.source) for a in found] == [("son erreur", "La ville de Lyon")], found


@pytest.mark.parametrize("text", [
    "Le ministre Paul Morel a salué « un pas en avant significatif pour la paix ».",
    "Le ministre Paul Morel a salué mardi « un pas en avant significatif pour la paix », "
    "avant de partir.",
])
def test_a_quotation_as_the_object_whatever_its_parse(fr: Language, text: str) -> None:
    found = [a for a in attrs(fr, text) if a.cue == "a salué"]
    assert [(a.kind, a.content, a.source) for a in found] == [
        ("direct", "un pas en avant significatif pour la paix", "Paul Morel")], attrs(fr, text)


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("Les écoles resteront fermées, a indiqué lundi le ministère, mais les crèches "
     "rouvriront, a-t-il ajouté.", "a-t-il ajouté", "les crèches rouvriront"),
    ("La route sera fermée, a expliqué le maire, et le pont sera réparé en juin, a précisé "
     "son adjoint.", "a précisé", "le pont sera réparé en juin"),
    ("Les écoles n'ont pas rouvert, a indiqué mardi la mairie : « la ville a fait des "
     "démarches auprès de l'État », mais n'a reçu « aucune réponse » à ce jour, précise la "
     "mairie dans un communiqué.", "précise", "n'a reçu « aucune réponse » à ce jour"),
])
def test_a_content_does_not_run_back_over_another_statement(fr: Language, text: str, cue: str,
                                                            content: str) -> None:
    found = [a for a in attrs(fr, text) if a.cue == cue]
    assert [a.content for a in found] == [content], attrs(fr, text)


def test_a_reporting_clause_inside_the_quoted_words_stays_in_them(fr: Language) -> None:
    text = ("Elle « a demandé au consul de remettre une note de protestation au ministère », "
            "a déclaré à la presse un conseiller, Paul Morel.")
    found = [a for a in attrs(fr, text) if a.cue == "a déclaré"]
    assert [(a.kind, a.content) for a in found] == [
        ("mixed", "Elle « a demandé au consul de remettre une note de protestation au "
         "ministère »")], attrs(fr, text)


def test_a_content_stops_at_the_occasion_after_its_quotation(fr: Language) -> None:
    text = ("Le frère de la victime a appelé mercredi les élus à « aider les familles » lors "
            "d'un débat exceptionnel au conseil au cours duquel une responsable a plaidé pour "
            "des réparations.")
    found = attrs(fr, text)
    assert [(a.cue, a.content) for a in found] == [
        ("a appelé", "à « aider les familles »"), ("a plaidé", "des réparations")], found



def test_a_subject_stops_before_an_apposition_led_by_an_adverb(fr: Language) -> None:
    text = ("L'ancien candidat Paul Morel, très hostile à Jean Dupont, a estimé que ce refus "
            "le disqualifiait.")
    found = [a for a in attrs(fr, text) if a.cue == "a estimé"]
    assert [a.source for a in found] == ["Paul Morel"], found


@pytest.mark.parametrize("text", [
    "L'ancien candidat républicain à la présidence Paul Morel, lui-même multimillionnaire et "
    "très hostile à Jean Dupont, a notamment estimé sur Facebook que ce refus « le "
    "disqualifiait ».",
    "L'ancien candidat à la présidence Paul Morel, lui-même multimillionnaire, a notamment "
    "estimé que ce refus le disqualifiait.",
])
def test_a_subject_stops_before_an_apposition_led_by_lui_meme(fr: Language, text: str) -> None:
    found = [a for a in attrs(fr, text) if a.cue == "a notamment estimé"]
    assert [a.source for a in found] == ["Paul Morel"], attrs(fr, text)


def test_two_quoted_complements_of_one_cue_are_two_statements(fr: Language) -> None:
    text = ("L'ONG Vigie a appelé à « la libération immédiate » de l'opposant et à « la fin "
            "de la campagne d'intimidation » dans le pays.")
    found = [a for a in attrs(fr, text) if a.cue == "a appelé"]
    assert [(a.kind, a.content) for a in found] == [
        ("direct", "la libération immédiate"),
        ("direct", "la fin de la campagne d'intimidation")], found
    one = [a for a in attrs(fr, "Le maire a appelé à la « retenue » et à la prudence.")
           if a.cue == "a appelé"]
    assert len(one) == 1, one


def test_an_agent_of_another_participle_is_no_literal_use(fr: Language) -> None:
    text = ("Le maire Paul Ferrand a souligné la transparence de la ville, citant la réforme "
            "lancée par le préfet.")
    found = [a for a in attrs(fr, text) if a.cue == "citant"]
    assert [(a.content, a.source) for a in found] == [
        ("la réforme lancée par le préfet", "Paul Ferrand")], attrs(fr, text)


def test_a_present_participle_the_tagger_took_for_a_finite_verb(fr: Language) -> None:
    found = attrs(fr, "Le maire a exploité cet épisode, se moquant de sa rivale.")
    assert [(a.cue, a.content, a.source) for a in found] == [
        ("se moquant", "sa rivale", "Le maire")], found
