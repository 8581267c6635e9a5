"""Statements that answer another source's statement and go against it
(selon.reconcile.rejections, selon.reconcile.verdicts), on sentences written for these
tests and analysed by the real pipeline."""

from __future__ import annotations

import pytest

from selon.analyse import pipeline
from selon.ingest import article_from_text
from selon.model import Analysis
from selon.reconcile import rejections, verdicts
from selon.settings import Settings


def analyse(text: str) -> Analysis:
    return pipeline.analyze_one(article_from_text(text, Settings(published="2025-03-04")))


def pairs(a: Analysis) -> set[tuple[str, str]]:
    text = a.article.text
    by_id = {at.id: text[at.content[0]:at.content[1]] for at in a.attributions}
    return {tuple(sorted((by_id[c.a], by_id[c.b]))) for c in a.conflicts}  # type: ignore[misc]


def pair(x: str, y: str) -> tuple[str, str]:
    return tuple(sorted((x, y)))  # type: ignore[return-value]


@pytest.mark.parametrize(("text", "claim", "answer", "said"), [
    # a relative denial answers the clause just before it
    ("Le ministre a affirmé que l'usine fermerait en mai, ce qu'a démenti le syndicat.",
     "l'usine fermerait en mai", "ce qu'a démenti le syndicat", "« ce que"),
    # a denial and the accusation that follows it
    ("La société a nié mardi avoir pollué la rivière. L'association a accusé la société "
     "d'avoir déversé des déchets dans la rivière pendant des mois.",
     "avoir pollué la rivière", "d'avoir déversé des déchets dans la rivière pendant des mois",
     "accuses"),
    # a short dismissal in answer
    ("Un rapport du Sénat affirme que le ministre a menti aux députés. \"Grotesque\", a "
     "répondu son porte-parole.", "le ministre a menti aux députés", "Grotesque", "grotesque"),
    # a rejection naming whose words it rejects
    ("Paul Verdier a déclaré que les repas des cantines de la ville étaient immangeables. La "
     "mairie a protesté contre les propos que Paul Verdier a tenus sur les cantines.",
     "les repas des cantines de la ville étaient immangeables",
     "les propos que Paul Verdier a tenus sur les cantines", "naming them"),
    # « Mais selon X » right after another source's statement
    ("Le ministre a assuré que la réforme réduirait le chômage. Mais selon les syndicats, elle "
     "supprimera des milliers d'emplois.", "la réforme réduirait le chômage",
     "elle supprimera des milliers d'emplois", "'mais'"),
    # « pourtant » inside a statement about the same thing
    ("Pour le maire, la crue est liée au mauvais entretien des digues. Selon les hydrologues, "
     "la crue est pourtant liée aux pluies exceptionnelles du mois.",
     "la crue est liée au mauvais entretien des digues",
     "la crue est pourtant liée aux pluies exceptionnelles du mois", "pourtant"),
    # « Répondant aux accusations de X selon lesquelles ..., Y a affirmé que ... »
    ("Répondant aux accusations de l'opposition selon lesquelles le dépouillement a été "
     "bâclé, le ministre a affirmé que tout s'était déroulé sans incident.",
     "le dépouillement a été bâclé", "tout s'était déroulé sans incident", "répondant"),
    # opposite verdicts on one thing
    ("Les observateurs ont dénoncé un scrutin entaché de fraudes. La commission électorale a "
     "jugé que le scrutin était valide.", "un scrutin entaché de fraudes",
     "le scrutin était valide", "scrutin"),
])
def test_an_answer_against_a_statement(text: str, claim: str, answer: str, said: str) -> None:
    a = analyse(text)
    assert pairs(a) == {pair(claim, answer)}
    assert said in a.conflicts[0].why


@pytest.mark.parametrize("text", [
    # the relative denial answers a clause that is no statement, not the accusation before
    "Le préfet a accusé les grévistes de bloquer le port. La grève a commencé lundi, ce qu'a "
    "démenti le syndicat.",
    # « ces accusations » needs an accusation to answer, not a worry
    "Le parlement s'est inquiété d'une ingérence étrangère dans la campagne. Le gouvernement "
    "voisin a rejeté ces accusations.",
    # « Mais » within one source's words
    "Le ministre a assuré que la réforme réduirait le chômage. Mais, a-t-il ajouté, elle "
    "prendra du temps.",
    # « à propos de X » is no statement of X's
    "Le préfet a déclaré que les repas des cantines de la ville étaient immangeables. Le "
    "syndicat a rejeté l'idée d'une grève à propos du préfet et des cantines.",
    # two negative verdicts agree
    "Les observateurs ont dénoncé un scrutin entaché de fraudes. La commission électorale a "
    "jugé que le scrutin n'était pas valide.",
])
def test_no_conflict_without_an_answer_against(text: str) -> None:
    assert analyse(text).conflicts == []


def test_the_word_helpers() -> None:
    assert rejections.relative("ce qu'a démenti le syndicat")
    assert not rejections.relative("cette information")
    assert rejections.points_at_accusation("ces accusations")
    assert not rejections.points_at_accusation("ces informations")
    assert rejections.dismissive("des accusations « complètement ridicules »")
    assert not rejections.dismissive("une réponse raisonnable")
    v = verdicts.verdicts()
    assert verdicts.side("le vote est valide", v) == (1, "valide")
    assert verdicts.side("le vote n'est pas valide", v) == (-1, "valide")
    assert verdicts.side("valide mais entaché de fraudes", v) is None


def test_a_pronoun_antecedent_after_mais_is_no_answer() -> None:
    # « elle » stands for « la France », which follows « Mais »; the statement itself sits
    # in a relative clause and answers nobody
    a = analyse("« Tous les enfants doivent rentrer avec leurs mères », a insisté l'avocate "
                "Marie Caron. Mais la France refuse de rapatrier les adultes, dont elle "
                "souhaite le jugement sur place.")
    said = {a.article.text[x.content[0]:x.content[1]]: x.source.text if x.source else None
            for x in a.attributions}
    assert said.get("le jugement sur place") == "la France", said
    assert pairs(a) == set()
