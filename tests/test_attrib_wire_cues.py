"""Reporting verbs of wire copy that the lexicon lacked, found by counting the verbs of
reporting constructions (an inverted clause after a quotation, « X a VERB que », « X a
VERB : "..." », « en VERB-ant que ») over a corpus of news articles: each with its stance
and the constructions it takes, the present forms the tagger reads as nouns or adjectives,
and the readings they must not give. Sentences written for the test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from selon.analyse.attributions.lexicon import load_lexicon
from test_attributions import A, attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def _view(a: A) -> tuple[str, str, str | None, str | None, str]:
    return a.kind, a.content, a.cue, a.source, a.stance


# ------------------------------------------------- inverted clauses, present tense misread

@pytest.mark.parametrize(("text", "cue", "source", "stance"), [
    # the tagger takes these present forms for an adjective or a noun
    ("« Le texte sera amendé », complète son porte-parole.", "complète", "son porte-parole",
     "assert"),
    ("« Rien n'est encore décidé », tranche Matignon.", "tranche", "Matignon", "opinion"),
    ("« Il faut aller plus loin », abonde le président du groupe.", "abonde",
     "le président du groupe", "opinion"),
    ("« On peut faire mieux », questionne un élu de l'opposition.", "questionne",
     "un élu de l'opposition", "assert"),
    ("« Nous avons gagné », jubile le maire.", "jubile", "le maire", "opinion"),
    ("« J'ai eu très peur », livre la victime.", "livre", "la victime", "assert"),
])
def test_inverted_clause_with_a_present_form_read_as_a_noun(fr: Language, text: str,
                                                            cue: str, source: str,
                                                            stance: str) -> None:
    found = attrs(fr, text)
    assert [(a.kind, a.cue, a.source, a.stance) for a in found] == [
        ("direct", cue, source, stance)]


def test_inverted_clause_after_a_reported_clause_with_a_noun_subject(fr: Language) -> None:
    found = attrs(fr, "Nous serons prêts en juin, rassure le directeur de l'usine.")
    assert [_view(a) for a in found] == [
        ("indirect", "Nous serons prêts en juin", "rassure", "le directeur de l'usine",
         "assert")]


def test_present_stem_with_a_grave_accent() -> None:
    lex = load_lexicon("fr")
    assert lex.present_verb("complète") is lex.verbs["compléter"]
    assert lex.present_verb("tempèrent") is lex.verbs["tempérer"]
    assert lex.present_verb("relève") is lex.verbs["relever"]
    assert lex.present_verb("table") is None


# ---------------------------------------------------------------- clauses and objects

@pytest.mark.parametrize(("text", "expected"), [
    ("Le syndicat a maintenu que la grève continuerait jusqu'à lundi.",
     ("indirect", "la grève continuerait jusqu'à lundi", "a maintenu", "Le syndicat",
      "assert")),
    ("Le directeur a remarqué que les ventes avaient baissé.",
     ("indirect", "les ventes avaient baissé", "a remarqué", "Le directeur", "assert")),
    ("Les experts préconisent que les écoles restent ouvertes.",
     ("indirect", "les écoles restent ouvertes", "préconisent", "Les experts", "call")),
    ("La ministre a préconisé une hausse des salaires des enseignants.",
     ("indirect", "une hausse des salaires des enseignants", "a préconisé", "La ministre",
      "call")),
    ("Le ministre a justifié : « Nous n'avions pas le choix ».",
     ("direct", "Nous n'avions pas le choix", "a justifié", "Le ministre", "assert")),
])
def test_new_cue_with_a_clause_an_object_or_a_quote(fr: Language, text: str,
                                                    expected: tuple[str, ...]) -> None:
    assert [_view(a) for a in attrs(fr, text)] == [expected]


# ---------------------------------------------------------------- participles and gerunds

@pytest.mark.parametrize(("text", "expected"), [
    ("Le ministre a pris la parole, en préconisant une hausse des salaires.",
     ("indirect", "une hausse des salaires", "préconisant", "Le ministre", "call")),
    ("Le syndicat a quitté la réunion, prétextant que la direction avait menti.",
     ("indirect", "la direction avait menti", "prétextant", "Le syndicat", "assert")),
    # the parser hangs the participle under the clause: the clause is still its own
    ("Le syndicat a répondu sèchement, prétextant que la direction avait menti.",
     ("indirect", "la direction avait menti", "prétextant", "Le syndicat", "assert")),
])
def test_participle_or_gerund_of_a_new_cue_shares_the_subject(fr: Language, text: str,
                                                              expected: tuple[str, ...]) -> None:
    assert [_view(a) for a in attrs(fr, text)] == [expected]


# ---------------------------------------------------------------- what they must not report

@pytest.mark.parametrize("text", [
    "Le maire a justifié sa décision : la ville n'a plus les moyens.",  # no clause after ':'
    "La ville a développé un réseau de pistes cyclables.",
    "L'équipe a enchaîné trois victoires en championnat.",
    "Le défenseur a taclé l'attaquant dans la surface.",
    "Le club a balayé son adversaire en finale.",
    "Il se souvient de son enfance à Alger.",
    "Le transporteur livre les colis le lundi.",
    "Les supporters jubilent dans les rues de la ville.",
    # a misread apposition puts the subject on the left: the object is no speaker
    "Le sénateur républicain John Smith, figure majeure du camp conservateur, a apprécié "
    "mardi la victoire de son parti.",
])
def test_non_reporting_uses_of_the_new_cues(fr: Language, text: str) -> None:
    assert attrs(fr, text) == []


# ------------------------------------------- inverted clause after a clause, verb misread

@pytest.mark.parametrize(("text", "expected"), [
    ("La hausse restera limitée, nuance l'économiste.",
     ("indirect", "La hausse restera limitée", "nuance", "l'économiste", "assert")),
    ("La réforme ne passera pas, tranche le syndicat.",
     ("indirect", "La réforme ne passera pas", "tranche", "le syndicat", "opinion")),
    ("Le projet avance bien, abonde le maire.",
     ("indirect", "Le projet avance bien", "abonde", "le maire", "opinion")),
])
def test_inverted_clause_whose_present_verb_the_tagger_read_as_a_noun(
        fr: Language, text: str, expected: tuple[str, ...]) -> None:
    assert [_view(a) for a in attrs(fr, text)] == [expected]


def test_a_misread_present_form_followed_by_a_verb_is_no_inverted_clause(
        fr: Language) -> None:
    assert attrs(fr, "Le cuisinier a servi le plat, tranche le rôti et repart.") == []


@pytest.mark.parametrize(("text", "cue"), [
    ("« La situation reste fragile », a fait observer le ministre.", "a fait observer"),
    ("« La situation reste fragile », a mis en avant le ministre.", "a mis en avant"),
])
def test_locutions_in_an_inverted_clause(fr: Language, text: str, cue: str) -> None:
    assert [_view(a) for a in attrs(fr, text)] == [
        ("direct", "La situation reste fragile", cue, "le ministre", "assert")]
