""""selon X" in the middle or at the end of a sentence, and headline-like leads."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from selon.model import Attribution


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def _found(fr: Language, text: str) -> list[tuple[str, str, str | None]]:
    doc = fr(text)
    out = []
    a: Attribution
    for a in doc._.selon_attributions:
        out.append((a.kind, text[a.content[0]:a.content[1]], a.source.text if a.source else None))
    return out


def test_selon_in_the_middle_before_an_infinitive_keeps_both_sides(fr: Language) -> None:
    found = _found(fr, "L'usine a augmenté sa production, selon de nombreux analystes, pour "
                       "compenser la baisse des ventes, avec des équipes où le travail était mal "
                       "payé.")
    assert found == [("according_to", "L'usine a augmenté sa production, selon de nombreux "
                      "analystes, pour compenser la baisse des ventes, avec des équipes où le "
                      "travail était mal payé", "de nombreux analystes")]


def test_selon_before_a_participle_clause_takes_the_clause_before(fr: Language) -> None:
    found = _found(fr, "Le festival a attiré des milliers de visiteurs, selon les organisateurs, "
                       "relançant le débat sur son financement.")
    assert found == [("according_to", "Le festival a attiré des milliers de visiteurs",
                      "les organisateurs")]


def test_headline_lead_with_selon_pronoun_and_colon_takes_what_follows(fr: Language) -> None:
    found = _found(fr, "La ministre Anne Morel a parlé lundi. Autre mesure critiquable selon "
                       "elle: les loyers ont été gelés pendant deux ans.")
    assert found == [("according_to", "les loyers ont été gelés pendant deux ans", "Anne Morel")]


def test_selon_pronoun_without_commas_takes_the_whole_clause(fr: Language) -> None:
    found = _found(fr, "Le maire Paul Roux a présenté son plan. Ces réformes visent selon lui à "
                       "protéger les emplois.")
    assert found == [("according_to", "Ces réformes visent selon lui à protéger les emplois",
                      "Paul Roux")]


def test_selon_pronoun_inside_a_relative_clause_is_still_an_aside(fr: Language) -> None:
    found = _found(fr, "Le maire Paul Roux a présenté son plan. Tout dépend du rôle que "
                       "jouerait selon lui la banque dans la crise.")
    assert found == []


def test_selon_after_a_closing_quote_is_a_relay_even_for_a_name_read_as_a_verb(
        fr: Language) -> None:
    doc = fr("Le préfet Marc Blanc a pour sa part estimé qu'il \"n'y a aucune raison de "
             "s'inquiéter\", selon l'agence russe Ria Novosti.")
    found = doc._.selon_attributions
    assert len(found) == 1, found
    a = found[0]
    assert a.source is not None and a.source.text == "Marc Blanc"
    assert [v.text for v in a.via] == ["Ria Novosti"]


def test_selon_after_a_conjunction_is_its_own_statement_and_ends_the_first(
        fr: Language) -> None:
    found = _found(fr, "Le ministre a affirmé que les prix baisseraient et, selon les "
                       "syndicats, les salaires vont stagner.")
    assert found == [("indirect", "les prix baisseraient", "Le ministre"),
                     ("according_to", "les salaires vont stagner", "les syndicats")]


def test_selon_after_a_conjunction_after_an_object_is_no_relay(fr: Language) -> None:
    doc = fr("Le gouvernement a promis des aides et, selon l'opposition, il n'a rien versé.")
    found = doc._.selon_attributions
    assert [(a.kind, doc.text[a.content[0]:a.content[1]]) for a in found] == [
        ("indirect", "des aides"), ("according_to", "il n'a rien versé")]
    assert found[0].via == []
    assert found[1].source is not None and found[1].source.text == "l'opposition"


def test_selon_in_a_relative_clause_is_not_a_relay_of_the_statement_before(
        fr: Language) -> None:
    doc = fr("La société a annoncé un vaccin efficace, une affirmation qui selon l'OMS doit "
             "être vérifiée.")
    found = doc._.selon_attributions
    assert [(a.kind, doc.text[a.content[0]:a.content[1]]) for a in found] == [
        ("indirect", "un vaccin efficace"), ("according_to", "doit être vérifiée")]
    assert found[0].via == []
    assert found[1].source is not None and found[1].source.text == "l'OMS"


def test_fronted_selon_takes_a_quotation_of_several_sentences_whole(fr: Language) -> None:
    found = _found(fr, "Selon l'écrivain Paul Roux, « les gens ont peur. Ils ne sortent plus. "
                       "Tout est fermé ». Il a ajouté qu'il partirait.")
    assert found[0] == ("according_to", "les gens ont peur. Ils ne sortent plus. Tout est fermé",
                        "Paul Roux")


def test_pour_with_a_group_of_people(fr: Language) -> None:
    assert _found(fr, "Pour ses détracteurs, le président veut rester au pouvoir à vie.") == [
        ("according_to", "le président veut rester au pouvoir à vie", "ses détracteurs")]


@pytest.mark.parametrize(("text", "content", "source"), [
    ("Aux yeux de la France, la réforme est une « provocation ».",
     "la réforme est une « provocation »", "la France"),
    ("Aux yeux des Emirats, Israël a accepté de mettre fin au projet.",
     "Israël a accepté de mettre fin au projet", "Emirats"),
])
def test_aux_yeux_de_a_country(fr: Language, text: str, content: str, source: str) -> None:
    # a country's name stands for its government; the tagger may make it a common noun
    found = [(text[a.content[0]:a.content[1]], a.source.text if a.source else None)
             for a in fr(text)._.selon_attributions]
    assert found == [(content, source)]
