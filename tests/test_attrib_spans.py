"""Where a content ends and who speaks through a second participle: a phrase about the
reporting act hung on the verb ends an object content, and two coordinated participles
after a reporting clause give two statements of its speaker. Sentences written for the
test, run with the real model."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attributions import attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


@pytest.mark.parametrize(("text", "content"), [
    ("Le maire Paul Martin a annoncé la fermeture du pont sans en préciser la durée.",
     "la fermeture du pont"),
    ("La directrice Anne Roux a évoqué son inquiétude devant quelques journalistes.",
     "son inquiétude"),
    ("Le maire Paul Martin a reconnu son erreur lors d'une conférence de presse.",
     "son erreur"),
    ("La préfète a confirmé la fermeture des plages auprès de la radio locale.",
     "la fermeture des plages"),
])
def test_object_stops_before_a_phrase_about_the_reporting_act(
        fr: Language, text: str, content: str) -> None:
    found = attrs(fr, text)
    assert [a.content for a in found] == [content], found


def test_object_keeps_its_own_complements(fr: Language) -> None:
    found = attrs(fr, "Le maire Paul Martin a annoncé la fermeture du pont de la ville.")
    assert [a.content for a in found] == ["la fermeture du pont de la ville"], found
    # a phrase that may date what is reported stays with the parse of the content
    found = attrs(fr, "Le maire Paul Martin a évoqué les soldats morts pendant la guerre.")
    assert [a.content for a in found] == ["les soldats morts pendant la guerre"], found


def test_a_quoted_word_after_the_object_is_no_adjunct(fr: Language) -> None:
    found = attrs(fr, "Dénonçant une décision « sans précédent », le syndicat des pilotes "
                      "a appelé à la grève.")
    denounced = [a for a in found if a.cue == "Dénonçant"]
    assert len(denounced) == 1, found
    assert denounced[0].content == "une décision « sans précédent »"


def test_coordinated_participles_give_two_statements(fr: Language) -> None:
    found = attrs(fr, "Le syndicat des pilotes a dénoncé une réforme injuste, réclamant "
                      "son retrait et appelant à la grève.")
    by_cue = {a.cue: a for a in found}
    assert set(by_cue) == {"a dénoncé", "réclamant", "appelant"}, found
    assert by_cue["réclamant"].content == "son retrait"
    assert by_cue["appelant"].content == "la grève"
    assert {a.source for a in found} == {"Le syndicat des pilotes"}


def test_second_participle_after_a_quote_shares_the_speaker(fr: Language) -> None:
    found = attrs(fr, "La députée Claire Vasseur a appelé à rouvrir les écoles, dénonçant "
                      "un « abandon des familles » et réclamant un plan national.")
    demanded = [a for a in found if a.cue == "réclamant"]
    assert len(demanded) == 1, found
    assert demanded[0].source == "Claire Vasseur"
    assert demanded[0].content == "un plan national"


def test_a_participle_after_a_non_reporting_one_is_not_forced(fr: Language) -> None:
    # "brandissant" reports nothing: "appelant" keeps the subject its own reading gives
    found = attrs(fr, "Des milliers de manifestants se sont réunis sur la place, brandissant "
                      "des drapeaux et appelant à la démission du maire.")
    called = [a for a in found if a.cue == "appelant"]
    assert len(called) == 1, found
    assert called[0].source == "Des milliers de manifestants"
    assert called[0].content == "la démission du maire"


def test_trailing_selon_reports_the_relative_clause_before_it(fr: Language) -> None:
    found = attrs(fr, "« Nous avons besoin d'aide », a dit la candidate Anne Roux, dont un "
                      "conseiller a disparu mardi selon son équipe.")
    according = [a for a in found if a.kind == "according_to"]
    assert len(according) == 1, found
    assert according[0].content == "un conseiller a disparu mardi"
    assert according[0].source == "son équipe"


def test_trailing_selon_keeps_a_relative_clause_inside_its_clause(fr: Language) -> None:
    # the relative clause is not the last one before the phrase: the whole clause is reported
    found = attrs(fr, "Le maire, dont le mandat s'achève, a été blessé selon la presse.")
    according = [a for a in found if a.kind == "according_to"]
    assert [a.content for a in according] == ["Le maire, dont le mandat s'achève, a été blessé"]
    # "qui" says more of its noun, inside the reported clause
    found = attrs(fr, "Le maire a rencontré le préfet, qui a démissionné lundi selon la presse.")
    according = [a for a in found if a.kind == "according_to"]
    assert [a.content for a in according] == [
        "Le maire a rencontré le préfet, qui a démissionné lundi"], found
