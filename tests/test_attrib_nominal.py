"""Nominal statements with a source, on sentences written for these tests."""

from __future__ import annotations

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


def test_announcement_by_x_that_is_x_statement_and_ends_the_outer_one(fr: Language) -> None:
    assert _found(fr, "Le syndicat a dit vouloir poursuivre le dialogue malgré l'annonce mardi "
                      "par le ministre Paul Roux qu'il supprimait les aides.") == [
        ("vouloir poursuivre le dialogue", "Le syndicat", "a dit"),
        ("il supprimait les aides", "Paul Roux", "annonce")]


def test_appeal_of_x_to_something(fr: Language) -> None:
    assert _found(fr, "L'appel de l'ONU à la retenue n'a pas été entendu.") == [
        ("la retenue", "l'ONU", "appel")]


def test_appeal_launched_by_the_subject_of_coordinated_verbs(fr: Language) -> None:
    assert _found(fr, "Dimanche, l'opposition a réuni des milliers de personnes et lancé un "
                      "appel à la grève suivi dans plusieurs usines.") == [
        ("la grève", "l'opposition", "appel")]


def test_nouns_without_an_author_or_an_appeal_are_nothing(fr: Language) -> None:
    assert _found(fr, "L'annonce du départ des troupes a surpris.") == []
    assert _found(fr, "Ces pirates ont fait appel à des techniques connues.") == []
    assert _found(fr, "La mairie a publié un appel d'offres à destination des entreprises.") == []


def test_locutions_laisser_entendre_and_dresser_un_tableau(fr: Language) -> None:
    assert _found(fr, "Le ministre a laissé entendre que les impôts augmenteraient.") == [
        ("les impôts augmenteraient", "Le ministre", "a laissé entendre")]
    found = _found(fr, "La ministre Anne Morel a dressé un tableau sombre de la situation.")
    assert len(found) == 1 and found[0][1] == "Anne Morel"
    assert found[0][0].endswith("de la situation")


def test_appeal_and_announcement_of_a_country_standing_for_its_government(
        fr: Language) -> None:
    found = _found(fr, "Le Premier ministre a critiqué l'appel de la Hongrie à suspendre "
                       "les négociations.")
    assert any(f[1] == "la Hongrie" and f[2] == "appel" and "suspendre les négociations"
               in f[0] for f in found), found
    found = _found(fr, "Les marchés ont salué l'annonce de l'Italie qu'elle baisserait ses "
                       "taxes sur l'énergie.")
    assert ("elle baisserait ses taxes sur l'énergie", "l'Italie", "annonce") in found, found
    found = _found(fr, "Les élus ont rejeté à l'époque l'appel de l'Espagne à les suivre sur "
                       "le gel des ventes.")
    assert any(f[1] == "l'Espagne" and f[2] == "appel" and "suivre sur le gel des ventes"
               in f[0] for f in found), found


def test_announcement_by_x_of_something(fr: Language) -> None:
    found = _found(fr, "Les syndicats ont dénoncé l'annonce par le ministre de la Santé de la "
                       "fermeture de trois hôpitaux.")
    assert ("la fermeture de trois hôpitaux", "le ministre de la Santé", "annonce") in found, \
        found
    found = _found(fr, "Les marchés ont salué l'annonce mardi par la banque centrale d'une "
                       "baisse des taux.")
    assert ("une baisse des taux", "la banque centrale", "annonce") in found, found
    assert _found(fr, "L'annonce par erreur de sa mort a choqué ses proches.") == []
