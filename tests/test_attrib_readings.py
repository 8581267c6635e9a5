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


@pytest.mark.parametrize(("text", "content"), [
    ("Plusieurs militants ont été accusés par le gouvernement de troubler l'ordre public, de "
     "menacer la sécurité et d'être payés par \"des puissances étrangères\".",
     "de troubler l'ordre public, de menacer la sécurité et d'être payés par "
     "\"des puissances étrangères\""),
    ("Le parquet accuse l'élu de mentir, de menacer les témoins et de cacher des preuves.",
     "de mentir, de menacer les témoins et de cacher des preuves"),
])
def test_a_cue_inside_a_run_of_complements_is_one_of_them(fr: Language, text: str,
                                                          content: str) -> None:
    # "menacer" is a cue, but here it is one more thing the accused are said to do
    assert [a.content for a in attrs(fr, text)] == [content]


@pytest.mark.parametrize(("text", "quoted"), [
    ("Le maire Paul Durand s'est exprimé jeudi. Regrettant la suppression du marché de Noël, "
     "selon lui \"révélatrice d'une mairie sans ambition\", il a jugé qu'\"on a perdu le goût "
     "de la fête\".", "révélatrice d'une mairie sans ambition"),
    ("La ministre Claire Morel s'est exprimée jeudi. Déplorant la hausse des loyers, selon elle "
     "\"insupportable pour les familles\", elle a estimé qu'il fallait \"agir vite\".",
     "insupportable pour les familles"),
])
def test_a_quotation_after_selon_in_mid_sentence_is_its_own_statement(
        fr: Language, text: str, quoted: str) -> None:
    # the speaker's words about a noun of the clause before, not a relay of the clause after
    found = [(a.kind, a.content, a.cue) for a in attrs(fr, text)]
    assert ("direct", quoted, "selon") in found, found


@pytest.mark.parametrize(("text", "content", "source", "relay"), [
    ("Selon une étude récente, la rénovation des gymnases coûtera près de 3 millions "
     "d'euros, a indiqué la maire Anne Morel.",
     "la rénovation des gymnases coûtera près de 3 millions d'euros", "une étude récente",
     "Anne Morel"),
    ("Selon un rapport de la Cour des comptes, la dette de la ville a doublé en dix ans, a "
     "expliqué mardi le préfet.", "la dette de la ville a doublé en dix ans",
     "un rapport de la Cour des comptes", "le préfet"),
    # the relaying clause between the phrase and what it says (this crashed the analysis:
    # the content was cut to end before it began)
    ("Selon les premiers éléments de l'enquête, ont précisé les gendarmes, le conducteur "
     "roulait trop vite.", "le conducteur roulait trop vite",
     "les premiers éléments de l'enquête", "les gendarmes"),
])
def test_a_selon_phrase_opening_a_relayed_statement(fr: Language, text: str, content: str,
                                                    source: str, relay: str) -> None:
    # the document speaks and the inverted clause's speaker relays it: one record
    found = [(a.kind, a.content, a.source, a.via) for a in attrs(fr, text)]
    assert found == [("according_to", content, source, [relay])], found


@pytest.mark.parametrize(("text", "view", "tail"), [
    ("Pour Anne Morel comme pour Paul Durand, la musique est indissociable des concerts, mais "
     "ceux-ci doivent devenir \"moins chers\", selon le Lyonnais.",
     "la musique est indissociable des concerts", "ceux-ci doivent devenir \"moins chers\""),
    ("Pour la ministre, la réforme est indispensable, mais elle doit être \"mieux "
     "expliquée\", selon le député.",
     "la réforme est indispensable", "elle doit être \"mieux expliquée\""),
])
def test_a_trailing_selon_after_an_opening_view_takes_the_last_conjunct(
        fr: Language, text: str, view: str, tail: str) -> None:
    found = sorted((a.cue or "", a.content) for a in attrs(fr, text))
    assert found == [("Pour", view), ("selon", tail)], found


@pytest.mark.parametrize(("text", "content"), [
    ("Dans un premier temps, seuls 200 visiteurs pourront entrer dans le musée, le visage "
     "couvert par un masque et en respectant les distances, selon un communiqué de la "
     "direction.",
     "Dans un premier temps, seuls 200 visiteurs pourront entrer dans le musée, le visage "
     "couvert par un masque et en respectant les distances"),
    ("Les secours ont retrouvé deux randonneurs, un homme et une femme, selon la préfecture.",
     "Les secours ont retrouvé deux randonneurs, un homme et une femme"),
])
def test_a_trailing_selon_after_a_comma_keeps_the_whole_clause(fr: Language, text: str,
                                                               content: str) -> None:
    # a noun phrase set off by commas before ", selon X" is part of the clause, not its
    # own statement (only « ..., une « situation grave » selon X » with no comma is)
    assert [a.content for a in attrs(fr, text)] == [content]


@pytest.mark.parametrize(("text", "content"), [
    ("Le syndicat plaide pour que les salaires augmentent dès janvier.",
     "les salaires augmentent dès janvier"),
    ("Les riverains ont plaidé pour qu'une piste cyclable soit tracée.",
     "une piste cyclable soit tracée"),
])
def test_a_que_clause_after_a_cue_preposition_starts_after_que(fr: Language, text: str,
                                                               content: str) -> None:
    assert [a.content for a in attrs(fr, text)] == [content]


def test_a_second_object_the_parser_hung_elsewhere_is_part_of_the_content(
        fr: Language) -> None:
    # the parser makes "fermeture" a conjunct of "habitants", not of "logements"
    text = "Les habitants, réclamant des logements et la fermeture de l'usine, ont bloqué la route."
    assert [a.content for a in attrs(fr, text)] == ["des logements et la fermeture de l'usine"]
