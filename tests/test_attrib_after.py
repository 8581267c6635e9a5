"""Reporting clauses that come after what they report: an inverted verb group after a
comma-closed clause or a quotation, whatever the verb. Sentences written for the test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attributions import attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


@pytest.mark.parametrize(("text", "content", "source"), [
    # a clause with quoted words in it
    ("Le chantier est « une priorité absolue », a souligné Jeanne Roussel devant la presse.",
     "Le chantier est « une priorité absolue »", "Jeanne Roussel"),
    # a copula in the clause before: the parser's subject on the left is not the speaker's
    ("La taxe est franchement injuste, a expliqué Bruno Carrel.",
     "La taxe est franchement injuste", "Bruno Carrel"),
])
def test_a_clause_then_an_inverted_verb_group(fr: Language, text: str, content: str,
                                              source: str) -> None:
    found = [(a.content, a.source) for a in attrs(fr, text)]
    assert found == [(content, source)], found


def test_a_clitic_subject_after_a_clause_reports_it(fr: Language) -> None:
    found = attrs(fr, "Le maire Hugo Garnier a parlé longtemps. La digue sera rehaussée "
                      "avant l'hiver, a-t-il tranché.")
    mine = [a for a in found if a.content == "La digue sera rehaussée avant l'hiver"]
    assert len(mine) == 1, found
    assert mine[0].cue == "a-t-il tranché"


@pytest.mark.parametrize("text", [
    # two coordinated verbs of one subject: the noun phrase is an object, not a speaker
    "Il est arrivé à Lyon lundi, a rencontré le préfet Marc Bodin.",
    "Le ministre a visité le « chantier du siècle », a rencontré le préfet Marc Bodin.",
    "La police a bouclé le quartier, a fouillé les caves et a relâché les suspects.",
    # a clause the subordinating conjunction leads is no reported statement
    "Lorsque la pluie a cessé, a repris la course des cyclistes.",
])
def test_no_statement_without_an_inverted_speaker(fr: Language, text: str) -> None:
    verbs = ("rencontré", "fouillé", "relâché", "repris")
    found = [a for a in attrs(fr, text) if a.cue and a.cue.split()[-1] in verbs]
    assert found == [], found


@pytest.mark.parametrize(("text", "source"), [
    ("« Rien n'a changé depuis un an », relativise Me Odile Vernet.", "Me Odile Vernet"),
    ("« Rien n'a changé depuis un an », ajoute Me Vernet en souriant.", "Me Vernet"),
])
def test_a_lawyer_title_is_no_first_person_pronoun(fr: Language, text: str,
                                                   source: str) -> None:
    found = [a for a in attrs(fr, text) if a.kind == "direct"]
    assert [(a.content, a.source) for a in found] == [("Rien n'a changé depuis un an",
                                                       source)], found


def test_plus_tot_inside_an_inverted_group(fr: Language) -> None:
    found = attrs(fr, "« Nous serons là demain », expliquait plus tôt le militant Paul Ferrand.")
    assert [(a.content, a.source) for a in found] == [("Nous serons là demain",
                                                       "Paul Ferrand")], found


# ------------------------------------------------------------ "selon", "pour", "aux yeux de"

@pytest.mark.parametrize(("text", "content", "source"), [
    ("Mais pour le ministre Paul Morel, la réforme est indispensable.",
     "la réforme est indispensable", "Paul Morel"),
    ("Aux yeux du ministre Paul Morel, la réforme est indispensable.",
     "la réforme est indispensable", "Paul Morel"),
    ("Dans ce dossier et aux yeux de la ministre Anne Leroy, la réforme est indispensable.",
     "la réforme est indispensable", "Anne Leroy"),
])
def test_a_view_phrase_after_a_conjunction_or_with_aux_yeux(fr: Language, text: str,
                                                             content: str,
                                                             source: str) -> None:
    found = [(a.content, a.source) for a in attrs(fr, text)]
    assert found == [(content, source)], found


def test_aux_yeux_de_needs_a_speaker(fr: Language) -> None:
    # the eyes of the law see nothing: no person or body, no statement
    assert attrs(fr, "Aux yeux de la loi, ce contrat reste valable jusqu'en mai.") == []


# ------------------------------------------------------------ Verb∋Net classes added

@pytest.mark.parametrize(("text", "cue"), [
    ("Des élus se sont indignés que le conseil vote la hausse sans débat.", "sont indignés"),
    ("« Nous verrons bien », a ricané le député Paul Morel.", "a ricané"),
])
def test_verbs_of_the_added_classes_report(fr: Language, text: str, cue: str) -> None:
    assert [a.cue for a in attrs(fr, text)] == [cue]


@pytest.mark.parametrize("text", [
    "Cette décision a indigné les habitants du quartier.",  # no reflexive: an effect
    "Le député Paul Morel a ricané pendant tout le discours.",  # no quotation: a laugh
])
def test_added_verbs_outside_their_constructions_report_nothing(fr: Language,
                                                                text: str) -> None:
    assert attrs(fr, text) == []


@pytest.mark.parametrize(("text", "cue", "source"), [
    ("« Nous tiendrons bon », veut croire Lucie Marchal, une commerçante du quartier.",
     "veut croire", "Lucie Marchal"),
    ("« Le pont est sûr », a voulu rassurer le maire Paul Ferrand.", "a voulu rassurer",
     "Paul Ferrand"),
])
def test_a_modal_leads_the_inverted_infinitive(fr: Language, text: str, cue: str,
                                               source: str) -> None:
    found = [(a.kind, a.cue, a.source) for a in attrs(fr, text)]
    assert found == [("direct", cue, source)], found


def test_an_adverb_ending_like_a_participle_is_not_the_inverted_verb(fr: Language) -> None:
    # "toutefois" ends like a participle: the cue is still the verb after it
    found = attrs(fr, "La ministre Anne Leroy a parlé longtemps. Les aides seront "
                      "remboursées, sauf pour les « petits commerces », a-t-elle toutefois "
                      "souligné.")
    assert [a.cue for a in found if a.content.startswith("Les aides")] == \
        ["a-t-elle toutefois souligné"], found


# ------------------------------------------------------------ locutions, relays

@pytest.mark.parametrize(("text", "cue", "content"), [
    ("Le ministère a fait officiellement état de trois blessés dans l'incendie.",
     "a fait officiellement état", "de trois blessés dans l'incendie"),
    ("L'agence a mis aussitôt en garde contre une pénurie d'eau.",
     "a mis aussitôt en garde", "une pénurie d'eau"),
])
def test_an_adverb_inside_a_locution(fr: Language, text: str, cue: str,
                                     content: str) -> None:
    assert [(a.cue, a.content) for a in attrs(fr, text)] == [(cue, content)]


def test_a_selon_phrase_after_an_adverbial_clause_is_the_main_clause_s(fr: Language) -> None:
    # the count is the agency's; the country's statement inside "depuis que" has no relay
    text = ("L'épidémie a fait 1.200 morts depuis que le pays a fait état du premier cas, "
            "selon un bilan de l'agence Reuters.")
    found = attrs(fr, text)
    stated = [a for a in found if a.cue == "a fait état"]
    assert [(a.content, a.source, a.via) for a in stated] == [
        ("du premier cas", "le pays", [])], found
    assert any(a.kind == "according_to" and a.source is not None and "Reuters" in a.source
               for a in found), found


@pytest.mark.parametrize(("text", "source"), [
    ("« Ça m'a agacé », regrette dans les colonnes du Point le ministre Paul Morel.",
     "Paul Morel"),
    ("« Nous ne céderons pas », a déclaré dans les colonnes du New York Times le sénateur "
     "John Hale.", "John Hale"),
])
def test_a_newspaper_phrase_between_the_verb_and_its_subject(fr: Language, text: str,
                                                             source: str) -> None:
    found = [a for a in attrs(fr, text) if a.kind == "direct"]
    assert [a.source for a in found] == [source], found


def test_a_place_after_de_is_no_newspaper_to_skip(fr: Language) -> None:
    # "au Salon de Genève": the phrase is no source's, and what follows is no speaker
    found = attrs(fr, "Le modèle a inspiré « La Voiture Noire » dévoilée au Salon de Genève "
                      "en 2019.Pour mémoire, la série sera produite en 40 exemplaires.")
    assert [a for a in found if a.cue == "dévoilée"] == [], found
