"""Statements whose content is a prepositional object or an adjective phrase, on sentences
written for these tests."""

from __future__ import annotations

import time

import pytest
from spacy.language import Language

from selon.analyse import pipeline


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def _found(fr: Language, text: str) -> list[tuple[str, str | None, str | None]]:
    doc = fr(text)
    return [(text[a.content[0]:a.content[1]], a.source.text if a.source else None,
             text[a.cue[0]:a.cue[1]] if a.cue else None) for a in doc._.selon_attributions]


def _stances(fr: Language, text: str) -> list[str]:
    return [a.stance for a in fr(text)._.selon_attributions]


def test_reflexive_verb_with_de_takes_the_phrase_after_de(fr: Language) -> None:
    assert _found(fr, "La maire de Lyon s'est réjouie de la baisse du chômage dans sa ville.") \
        == [("la baisse du chômage dans sa ville", "La maire de Lyon", "s'est réjouie")]
    assert _found(fr, "Le syndicat s'inquiète d'une hausse brutale des loyers.") == [
        ("une hausse brutale des loyers", "Le syndicat", "s'inquiète")]
    assert _stances(fr, "Le syndicat s'inquiète d'une hausse brutale des loyers.") == ["fear"]


def test_two_quoted_phrases_with_their_own_preposition_are_two_records(fr: Language) -> None:
    doc = fr("Le président du club s'est félicité d'un « succès historique » et d'une "
             "« saison exceptionnelle ».")
    got = [(doc.text[a.content[0]:a.content[1]], a.kind) for a in doc._.selon_attributions]
    assert got == [("un « succès historique »", "mixed"),
                   ("une « saison exceptionnelle »", "mixed")]


def test_protest_call_insist_plead_bet(fr: Language) -> None:
    assert _found(fr, "Les agriculteurs ont protesté contre la réforme des retraites.") == [
        ("la réforme des retraites", "Les agriculteurs", "ont protesté")]
    assert _found(fr, "L'ONG a appelé à la libération immédiate des journalistes.") == [
        ("la libération immédiate des journalistes", "L'ONG", "a appelé")]
    assert _found(fr, "La ministre insiste sur le fait que les écoles resteront ouvertes.") == [
        ("les écoles resteront ouvertes", "La ministre", "insiste")]
    assert _found(fr, "La députée a plaidé en faveur d'une taxe sur les billets d'avion.") == [
        ("une taxe sur les billets d'avion", "La députée", "a plaidé")]
    assert _found(fr, "Le gouvernement table sur une croissance de 2 % l'an prochain.") == [
        ("une croissance de 2 % l'an prochain", "Le gouvernement", "table")]


def test_words_between_the_verb_and_its_preposition(fr: Language) -> None:
    assert _found(fr, "Le sénateur a quant à lui appelé à un « sursaut collectif ».") == [
        ("un « sursaut collectif »", "Le sénateur", "appelé")]
    assert _found(fr, "L'entreprise s'est engagée, dès lundi, à rembourser ses clients.") == [
        ("rembourser ses clients", "L'entreprise", "s'est engagée")]


def test_participle_takes_the_subject_of_the_main_clause(fr: Language) -> None:
    assert _found(fr, "Des milliers d'étudiants ont défilé dimanche, appelant à la démission "
                      "du recteur.") == [
        ("la démission du recteur", "Des milliers d'étudiants", "appelant")]


def test_a_call_and_the_participle_after_it_are_two_statements(fr: Language) -> None:
    assert _found(fr, "Les syndicats ont appelé à la grève, estimant que la réforme menace "
                      "l'emploi.") == [
        ("la grève", "Les syndicats", "ont appelé"),
        ("la réforme menace l'emploi", "Les syndicats", "estimant")]


def test_an_article_after_a_transitive_verb_is_not_de(fr: Language) -> None:
    assert _found(fr, "Ce plan menace des milliers d'emplois.") == []
    assert _found(fr, "Le président menace de sanctions les pays voisins.")[0][:2] == (
        "sanctions les pays voisins", "Le président")


def test_se_dire_with_an_adjective(fr: Language) -> None:
    assert _found(fr, "Paul Martin s'est déclaré prêt à discuter avec les grévistes.") == [
        ("prêt à discuter avec les grévistes", "Paul Martin", "s'est déclaré")]
    assert _stances(fr, "Paul Martin s'est déclaré prêt à discuter avec les grévistes.") == [
        "promise"]
    assert _found(fr, "Les pompiers ont quitté la caserne, se disant épuisés par la saison "
                      "des incendies.") == [
        ("épuisés par la saison des incendies", "Les pompiers", "se disant")]


def test_what_is_not_a_statement(fr: Language) -> None:
    assert _found(fr, "La région ne s'est pas félicitée de ce résultat.") == []
    assert _found(fr, "Le chat s'appelle Félix.") == []
    assert _found(fr, "Il est appelé à jouer un rôle important.") == []
    assert _found(fr, "Les joueurs ont couru contre la montre.") == []
    assert _found(fr, "Le chef d'orchestre s'est engagé à Vienne pour trois saisons.") == []


def test_a_selon_phrase_keeps_the_statement_its_own(fr: Language) -> None:
    found = _found(fr, "Le conseil s'est engagé à fermer le site, selon son porte-parole.")
    assert [(s, c) for _, s, c in found] == [("son porte-parole", "selon")]


def test_long_run_of_prepositions_is_bounded(fr: Language) -> None:
    text = "Le comité s'est félicité " + " et ".join(
        f"d'un « progrès numéro {n} »" for n in range(400)) + "."
    t0 = time.process_time()  # CPU, not wall time: another job on the machine adds none
    found = _found(fr, text)
    assert time.process_time() - t0 < 30  # quadratic in the run, it took minutes
    assert len(found) == 400 and all(s == "Le comité" for _, s, _ in found)


def _kinds(fr: Language, text: str) -> list[tuple[str, str, str | None]]:
    return [(a.kind, text[a.content[0]:a.content[1]], a.source.text if a.source else None)
            for a in fr(text)._.selon_attributions]


@pytest.mark.parametrize(("text", "found"), [
    ("Le maire Paul Ferrand a lui parlé de « trahison ».",
     [("direct", "trahison", "Paul Ferrand")]),
    ('Le maire Paul Ferrand a parlé de "trahison".', [("direct", "trahison", "Paul Ferrand")]),
    ("Les autorités ont dénoncé vendredi la décision de la région, parlant d'une « erreur "
     "totale » de calcul.", [("indirect", "la décision de la région", "Les autorités"),
                             ("mixed", "une « erreur totale » de calcul", "Les autorités")]),
    ("Le maire Paul Ferrand a parlé de sa famille.", []),
])
def test_parler_de_with_quoted_words(fr: Language, text: str,
                                     found: list[tuple[str, str, str | None]]) -> None:
    assert _kinds(fr, text) == found


def test_a_quotation_in_spaced_guillemets_after_the_preposition(fr: Language) -> None:
    assert _kinds(fr, "Le syndicat s'est félicité de « cette victoire ».") == [
        ("direct", "cette victoire", "Le syndicat")]


def test_quoted_words_of_parler_de_relayed_by_selon(fr: Language) -> None:
    doc = fr("Le maire Paul Ferrand a lui parlé de « trahison », selon la radio locale.")
    assert [(a.kind, a.source.text if a.source else None, [v.text for v in a.via])
            for a in doc._.selon_attributions] == [
        ("direct", "Paul Ferrand", ["la radio locale"])]
