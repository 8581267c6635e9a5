"""Where a content ends: coordinated que-clauses stay one statement, a conjunction inside a
quotation never cuts it, and a passive with its agent reports its subject. Sentences
written for the test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attributions import attrs, one


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


@pytest.mark.parametrize(("text", "content"), [
    ("Le maire a assuré que la digue tiendrait et que les habitants pourraient rentrer jeudi.",
     "la digue tiendrait et que les habitants pourraient rentrer jeudi"),
    ("La crise est passée, a estimé la ministre Anne Durand, insistant sur le fait que la "
     "reprise sera \"lente\" et qu'elle va \"changer\" le pays.",
     "la reprise sera \"lente\" et qu'elle va \"changer\" le pays"),
])
def test_coordinated_que_clauses_are_one_content(fr: Language, text: str,
                                                 content: str) -> None:
    assert content in [a.content for a in attrs(fr, text)]


def test_a_conjunction_inside_a_quotation_does_not_cut_the_content(fr: Language) -> None:
    text = ("Cet accord \"ne sert pas la cause des Kurdes mais est considéré comme une trahison "
            "de leurs droits\", a dit à l'AFP Ali Hassan, porte-parole du mouvement.")
    a = one(fr, text)
    assert a.content == ("Cet accord \"ne sert pas la cause des Kurdes mais est considéré "
                         "comme une trahison de leurs droits\"")
    assert a.kind == "mixed"
    assert a.source == "Ali Hassan"


def test_a_passive_with_its_agent_reports_its_subject(fr: Language) -> None:
    a = one(fr, "Cette version avait été démentie dès le matin par les autorités ukrainiennes.")
    assert (a.content, a.source, a.stance) == ("Cette version", "les autorités ukrainiennes",
                                               "deny")


def test_a_judgement_in_the_passive_keeps_what_is_judged(fr: Language) -> None:
    # "jugé" qualifies: what the agent says is the whole predicate, not the subject alone
    found = attrs(fr, "Le niveau de la crue est jugé \"alarmant\" par les services de l'Etat.")
    assert all(a.content != "Le niveau de la crue" for a in found), found


@pytest.mark.parametrize(("text", "content"), [
    ("Lundi, le ministère a annoncé son arrestation sans en préciser la date.", "son arrestation"),
    ("Le gouvernement a promis une enquête sans donner de calendrier.", "une enquête"),
])
def test_an_infinitive_adjunct_ends_an_object(fr: Language, text: str, content: str) -> None:
    assert [a.content for a in attrs(fr, text)] == [content]


def test_without_an_infinitive_the_phrase_stays_in_the_object(fr: Language) -> None:
    found = attrs(fr, "Le syndicat a réclamé une hausse sans conditions des salaires.")
    assert [a.content for a in found] == ["une hausse sans conditions des salaires"]


@pytest.mark.parametrize(("text", "content"), [
    ("L'opposition a qualifié le scrutin de mascarade, de farce et de trahison.",
     "mascarade, de farce et de trahison"),
    ("Le syndicat a appelé les salariés à cesser le travail et à manifester jeudi.",
     "à cesser le travail et à manifester jeudi"),
])
def test_coordinated_complements_are_one_content(fr: Language, text: str,
                                                 content: str) -> None:
    assert content in [a.content for a in attrs(fr, text)]


def test_que_after_a_noun_of_statements_is_a_relative(fr: Language) -> None:
    # « les propos que X a tenus »: what is protested against is the remarks, relative and all
    found = attrs(fr, "La mairie a protesté contre les propos que Paul Verdier a tenus sur "
                      "les cantines.")
    assert [a.content for a in found] == ["les propos que Paul Verdier a tenus sur les cantines"]
