"""Quotations with no cue of their own that go on a statement: a paragraph that ends on one
quotation after a short verbless lead, and a quotation announced by a colon after an
inverted reporting clause. Sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attrib_quotes import attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def _said_by(found: list[tuple[str, str, str | None, str | None]], content: str) -> set[str]:
    return {f[3] or "" for f in found if f[1].strip(" .") == content.strip(" .")}


# ------------------------------------------------------------ a paragraph after a lead

def test_paragraph_quote_after_a_question_goes_on_the_last_speaker(fr: Language) -> None:
    text = ('"Nous avons fait le choix de la prudence", a déclaré mardi la ministre de la '
            'Santé, Claire Dufour.\nEt les critiques de l\'opposition ? "Elles ne tiennent '
            'aucun compte des chiffres de la semaine."\nLe débat reprendra jeudi.')
    found = attrs(fr, text)
    assert "Claire Dufour" in _said_by(
        found, "Elles ne tiennent aucun compte des chiffres de la semaine."), found


def test_paragraph_quote_after_a_verbless_list_goes_on_the_last_speaker(
        fr: Language) -> None:
    text = ('"J\'ai passé dix jours au lit", raconte Julie Marchand, une infirmière de '
            'Lyon.\nFatigue, maux de tête, perte de l\'odorat, les signes ordinaires de la '
            'maladie. "Je ne saurai jamais si c\'était bien le virus."\n'
            'Les hôpitaux de la ville restent prudents.')
    found = attrs(fr, text)
    assert "Julie Marchand" in _said_by(
        found, "Je ne saurai jamais si c'était bien le virus."), found


def test_paragraph_quote_after_a_lead_with_its_own_verb_is_not_continued(
        fr: Language) -> None:
    text = ('"Nous avons fait le choix de la prudence", a déclaré mardi la ministre de la '
            'Santé, Claire Dufour.\nLes manifestants ont défilé devant le ministère. '
            '"Justice pour tous les soignants du pays."\nLe débat reprendra jeudi.')
    found = attrs(fr, text)
    assert "Claire Dufour" not in _said_by(found, "Justice pour tous les soignants du pays."), \
        found


# ------------------------------------------------------------ a colon after an inverted clause

def test_quote_after_a_colon_that_ends_an_inverted_clause_goes_on_its_speaker(
        fr: Language) -> None:
    text = ('"Qui peut encore croire à ces promesses ?", a encore lancé le sénateur Marc '
            'Vidal, reprenant le mot dont ses partisans usent depuis des mois: "Le pays '
            'mérite mieux que ces manoeuvres."')
    found = attrs(fr, text)
    assert "Marc Vidal" in _said_by(found, "Le pays mérite mieux que ces manoeuvres."), found


def test_quote_after_a_colon_with_a_verb_of_its_own_is_not_continued(fr: Language) -> None:
    text = ('"Qui peut encore croire à ces promesses ?", a encore lancé le sénateur Marc '
            'Vidal, tandis que la foule scandait: "Le pays mérite mieux que ces manoeuvres."')
    found = attrs(fr, text)
    assert "Marc Vidal" not in _said_by(found, "Le pays mérite mieux que ces manoeuvres."), \
        found


# ------------------------------------------------------------ a quotation, a colon, its speaker

def test_quotation_then_colon_then_the_clause_of_its_speaker(fr: Language) -> None:
    text = ('"Nous ne reculerons pas" : le président Luc Martin a balayé lundi les critiques '
            "de l'opposition.")
    found = attrs(fr, text)
    assert any(f[0] == "direct" and f[1] == "Nous ne reculerons pas" and f[2] == "a balayé"
               and "Luc Martin" in (f[3] or "") for f in found), found


def test_quotation_then_colon_then_a_clause_about_a_thing_is_nothing(fr: Language) -> None:
    text = ('"La vie en rose" : la chanson a été reprise des centaines de fois depuis sa '
            'création.')
    assert attrs(fr, text) == []
    text = ('"Black Lives Matter" : le mouvement est né en 2013 après la mort d\'un '
            'adolescent.')
    assert attrs(fr, text) == []


def test_speaker_then_colon_then_the_quotation_that_ends_the_sentence(fr: Language) -> None:
    text = 'Le ministre Paul Roux a été clair : "Il n\'y aura pas de nouvel impôt cette année."'
    found = attrs(fr, text)
    assert any(f[0] == "direct" and f[1].startswith("Il n'y aura pas de nouvel impôt")
               and "Paul Roux" in (f[3] or "") for f in found), found
    text = ('La ministre Anne Roy, mardi soir : "Nous avons entendu la colère des '
            'agriculteurs."')
    found = attrs(fr, text)
    assert any(f[1].startswith("Nous avons entendu la colère") and "Anne Roy" in (f[3] or "")
               for f in found), found


def test_a_thing_then_colon_then_a_quotation_is_nothing(fr: Language) -> None:
    assert attrs(fr, 'Le titre du dernier livre de Paul Roux : "Une vie de combat".') == []
    assert attrs(fr, 'La ville a été calme : "Une nuit sans incident majeur".') == []
