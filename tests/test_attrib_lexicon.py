"""Lemmas and locutions that carry a reporting sense, and the participles and predicates
that report what a noun is said to be: a noun judged by the agent of a participle after it,
a negated cue that holds a possibility open, a causative fear with no speaker, an object and
the quoted or graded adjective a judging verb gives it. Sentences written for the test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from selon.analyse.attributions.lexicon import load_lexicon
from test_attributions import A, attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def _by_cue(found: list[A], cue: str) -> A:
    hits = [a for a in found if a.cue == cue]
    assert len(hits) == 1, found
    return hits[0]


# ---------------------------------------------------------------- participle with an agent

def test_participle_with_an_agent_reports_the_noun_it_follows(fr: Language) -> None:
    a = _by_cue(attrs(fr, "Le projet de loi, vivement critiqué par l'opposition, sera voté "
                          "mardi."), "critiqué")
    assert (a.kind, a.content, a.source, a.stance) == (
        "indirect", "Le projet de loi", "l'opposition", "accuse")


def test_two_participles_with_their_agents_make_two_records(fr: Language) -> None:
    found = attrs(fr, "La réforme, saluée par les syndicats et contestée par le patronat, "
                      "entre en vigueur.")
    assert sorted((a.cue, a.source, a.content) for a in found) == [
        ("contestée", "le patronat", "La réforme"),
        ("saluée", "les syndicats", "La réforme")]


def test_claimed_attack_without_a_comma(fr: Language) -> None:
    a = one_cue(fr, "Une attaque revendiquée par le groupe Etat islamique a fait dix morts.",
                "revendiquée")
    assert (a.content, a.source, a.stance) == ("Une attaque", "le groupe Etat islamique",
                                               "admit")


def one_cue(fr: Language, text: str, cue: str) -> A:
    return _by_cue(attrs(fr, text), cue)


def test_participle_agrees_with_the_noun_it_speaks_of(fr: Language) -> None:
    # masculine "dénoncé" is said of the agreement, not of its (feminine) signature
    a = one_cue(fr, "La signature de cet accord, dénoncé par l'Autorité palestinienne, "
                    "était prévue lundi.", "dénoncé")
    assert (a.content, a.source) == ("cet accord", "l'Autorité palestinienne")


def test_participle_speaks_of_the_noun_its_ending_agrees_with(fr: Language) -> None:
    # "réclamée" is said of the end, not of the (masculine) right it names
    a = one_cue(fr, "Le maire a rejeté la fin du droit de grève, réclamée par des élus de "
                    "droite.", "réclamée")
    assert a.content.endswith("la fin du droit de grève") and a.source == "des élus de droite"


def test_a_time_may_stand_before_the_agent(fr: Language) -> None:
    a = one_cue(fr, "Au moins dix personnes sont mortes lors d'une attaque revendiquée en "
                    "soirée par le groupe Etat islamique.", "revendiquée")
    assert (a.content, a.source) == ("une attaque", "le groupe Etat islamique")


def test_the_agent_of_a_participle_speaks_no_following_quote(fr: Language) -> None:
    found = attrs(fr, "Le ministre a balayé la fin du droit du sol, réclamée par des élus "
                      "de droite. \"Ce ne serait pas une réponse.\"")
    assert not [a for a in found if a.kind == "direct" and a.source == "des élus de droite"]


@pytest.mark.parametrize("text", [
    "Son statut de réfugié, reconnu par l'agence en 2019, lui a permis de rester.",  # an act
    "Le rapport annoncé par le ministre sera publié lundi.",  # an assertion: a fact
    "Le texte adopté par le Parlement prévoit une hausse des impôts.",  # no cue
    "La ville, défendue par l'armée, a résisté.",  # a place: an act
    "Le vote est prévu, a expliqué la porte-parole.",  # no participle with an agent
])
def test_no_judgement_from_facts_acts_or_places(fr: Language, text: str) -> None:
    assert not [a for a in attrs(fr, text) if a.cue in ("annoncé", "adopté", "défendue",
                                                         "reconnu")]


# ---------------------------------------------------------------- lexicon

def test_negated_exclusion_holds_a_possibility_open(fr: Language) -> None:
    a = one_cue(fr, "Le gouvernement n'exclut pas de fermer les écoles.", "exclut")
    assert (a.content, a.source, a.stance) == ("de fermer les écoles", "Le gouvernement",
                                               "opinion")


def test_negated_exclusion_of_a_noun_phrase(fr: Language) -> None:
    a = one_cue(fr, "Le ministre n'a pas exclu un nouveau confinement.", "a pas exclu")
    assert (a.content, a.stance) == ("un nouveau confinement", "opinion")


def test_other_negated_cues_stay_no_statement(fr: Language) -> None:
    assert attrs(fr, "Le ministre n'a pas confirmé la fermeture du site.") == []


def test_informing_someone_of_something(fr: Language) -> None:
    a = one_cue(fr, "Le ministère a informé les familles de la date du procès.", "a informé")
    assert (a.content, a.source) == ("la date du procès", "Le ministère")


def test_a_preposition_inside_a_name_leads_no_content(fr: Language) -> None:
    a = one_cue(fr, "Le ministre a accusé la Banque de France de mentir.", "a accusé")
    assert a.content == "de mentir"


def test_mocking_someone(fr: Language) -> None:
    a = one_cue(fr, "Le sénateur s'est moqué de son rival.", "s'est moqué")
    assert (a.content, a.source, a.stance) == ("son rival", "Le sénateur", "opinion")


def test_seeing_a_meaning_in_something(fr: Language) -> None:
    a = one_cue(fr, "La députée a vu dans ce vote \"une victoire historique\".", "a vu dans")
    assert (a.kind, a.content, a.stance) == ("mixed", 'ce vote "une victoire historique"',
                                             "opinion")


def test_warning_against_takes_what_follows_the_preposition(fr: Language) -> None:
    a = one_cue(fr, "L'OMS a mis en garde mardi contre une reprise trop rapide.",
                "a mis en garde")
    assert (a.content, a.source, a.stance) == ("une reprise trop rapide", "L'OMS", "fear")


def test_a_causative_fear_has_no_speaker(fr: Language) -> None:
    a = one_cue(fr, "Ce retard fait craindre une pénurie de vaccins.", "fait craindre")
    assert (a.content, a.source, a.stance) == ("une pénurie de vaccins", "anonymous", "fear")


def test_an_agentless_contested_measure_is_anonymous(fr: Language) -> None:
    a = one_cue(fr, "La mesure est très contestée.", "est très contestée")
    assert (a.content, a.source) == ("La mesure", "anonymous")


# ---------------------------------------------------------------- object and predicate

@pytest.mark.parametrize(("text", "cue", "content"), [
    ('Le syndicat a jugé la réforme "injuste et dangereuse".', "a jugé",
     'la réforme "injuste et dangereuse"'),
    ("Le maire a estimé la hausse trop rapide.", "a estimé", "la hausse trop rapide"),
])
def test_judging_verb_with_an_object_and_its_predicate(fr: Language, text: str, cue: str,
                                                       content: str) -> None:
    a = one_cue(fr, text, cue)
    assert (a.content, a.stance) == (content, "opinion")


def test_a_bare_adjective_is_the_object_own(fr: Language) -> None:
    assert attrs(fr, "La commission a jugé la réforme fiscale lundi.") == []


def test_lexicon_entries_have_their_constructions() -> None:
    lex = load_lexicon("fr")
    assert lex.verbs["exclure"].stance == "reject"
    assert "inf:de" in lex.verbs["exclure"].constructions
    assert lex.verbs["exprimer"].stance == "opinion" and not lex.verbs["exclure"].nominal
    assert lex.negated["exclure"] == "opinion"
    assert any(c.lemma == "voir dans" for c in lex.multiword["voir"])


def test_reflexive_forms_that_report_nothing(fr: Language) -> None:
    assert attrs(fr, "Le président s'est rendu à Lyon pour s'informer de la situation.") == []
    assert attrs(fr, "La ministre s'est exprimée devant les députés sur la réforme.") == []


def test_a_comparison_is_no_reported_clause(fr: Language) -> None:
    found = attrs(fr, "La mesure est davantage contestée que lors de la première vague.")
    assert [a.content for a in found] == ["La mesure"]
