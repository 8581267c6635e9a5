"""Statements the reporting rules used to miss: what may stand between an inverted
reporting verb and its subject, and an object pronoun opening the verb group. Sentences
written for the test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attributions import attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


@pytest.mark.parametrize(("text", "source"), [
    ("« Le barrage tiendra », a insisté pour sa part Julien Marceau.", "Julien Marceau"),
    ("« Le barrage tiendra », a affirmé de son côté mardi le maire Hugo Garnier.", "Hugo Garnier"),
    ("« Le barrage tiendra », a déclaré, en Bretagne, la ministre Anne Leroy.", "Anne Leroy"),
    ("« Le barrage tiendra », a tonné, d'emblée, le préfet Marc Bodin.", "Marc Bodin"),
    ("« Restez chez vous », lui a répondu, agacé, le préfet Marc Bodin.", "Marc Bodin"),
    ("« Restez chez vous », lui lance le maire Paul Ferrand.", "Paul Ferrand"),
])
def test_words_between_an_inverted_verb_and_its_subject(fr: Language, text: str,
                                                        source: str) -> None:
    found = [a for a in attrs(fr, text) if a.kind == "direct"]
    assert [(a.content, a.source) for a in found] == [(text.split("»")[0][2:-1], source)]


def test_a_named_incise_is_the_subject_not_skipped(fr: Language) -> None:
    # ", M. Dupont, ..." after the verb is the speaker himself, never an incise
    found = attrs(fr, "« Le barrage tiendra », a déclaré, M. Dupont, maire de la ville.")
    assert all(a.source != "maire de la ville" for a in found), found


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("« Le pays recule », a dit le maire Hugo Garnier, citant entre autres la fermeture "
     "des écoles.", "citant", "la fermeture des écoles"),
    ("Le maire Hugo Garnier a parlé longtemps, soulignant entre autres son « rôle "
     "essentiel ».", "soulignant", "son « rôle essentiel »"),
])
def test_an_adverbial_between_the_cue_and_its_object(fr: Language, text: str, cue: str,
                                                     content: str) -> None:
    found = [a for a in attrs(fr, text) if a.cue == cue]
    assert [(a.content, a.source) for a in found] == [(content, "Hugo Garnier")], found


@pytest.mark.parametrize(("text", "content"), [
    ("Le candidat Paul Morel a lui aussi condamné dimanche les violences.", "les violences"),
    ("Les ONG ont elles aussi dénoncé la « répression ».", "la « répression »"),
])
def test_a_stressed_pronoun_between_auxiliary_and_participle(fr: Language, text: str,
                                                             content: str) -> None:
    found = attrs(fr, text)
    assert [a.content for a in found] == [content], found
    assert found[0].source is not None and found[0].source.split()[-1] in ("Morel", "ONG")


def test_a_participle_after_a_name_and_its_bracketed_acronym(fr: Language) -> None:
    text = ("La ville a fermé ses écoles lundi, l'Organisation mondiale de la santé (OMS) "
            "mettant en garde jeudi contre cette « tendance à la hausse ».")
    found = [a for a in attrs(fr, text) if a.cue == "mettant en garde"]
    assert [a.content for a in found] == ["cette « tendance à la hausse »"], attrs(fr, text)
    assert found[0].source in ("OMS", "l'Organisation mondiale de la santé")


@pytest.mark.parametrize(("text", "found"), [
    ("Le maire Paul Ferrand a visité le chantier. Il n'a pas voulu donner de date précise "
     "pour la réouverture du pont, précisant toutefois que cela interviendrait « bientôt ».",
     [("cela interviendrait « bientôt »", "Paul Ferrand")]),
    ("Il faut rouvrir le pont, estimant que la ville en a besoin.", []),
])
def test_a_participle_after_a_main_clause_the_parser_made_impersonal(
        fr: Language, text: str, found: list[tuple[str, str]]) -> None:
    assert [(a.content, a.source) for a in attrs(fr, text)] == found


def test_a_gerund_right_after_an_inverted_clitic_subject(fr: Language) -> None:
    text = ("Le maire Paul Ferrand est venu. « Nous resterons ici », insiste-t-il en saluant "
            "« une équipe solide et courageuse ».")
    found = [a for a in attrs(fr, text) if a.cue == "saluant"]
    assert [(a.content, a.source) for a in found] == [
        ("une équipe solide et courageuse", "Paul Ferrand")], attrs(fr, text)


@pytest.mark.parametrize("text", [
    "« Le pont tiendra », a indiqué par téléphone le maire Paul Ferrand.",
    "« Le pont tiendra », a indiqué à la presse par téléphone le maire Paul Ferrand.",
    "« Le pont tiendra », a expliqué par écrit à la presse Paul Ferrand.",
])
def test_a_bare_noun_after_par_between_an_inverted_verb_and_its_subject(
        fr: Language, text: str) -> None:
    # "par téléphone" is a means, not the agent "par le ministre"
    found = attrs(fr, text)
    assert [(a.content, a.source) for a in found] == [("Le pont tiendra", "Paul Ferrand")], found


@pytest.mark.parametrize(("text", "found"), [
    ("Les grévistes ont bloqué le dépôt, réclamant une hausse des salaires et dénonçant "
     "la fermeture du site.",
     [("réclamant", "une hausse des salaires", "Les grévistes"),
      ("dénonçant", "la fermeture du site", "Les grévistes")]),
    ("Des manifestations réclamant justice pour la victime et dénonçant les violences "
     "policières ont eu lieu dans plusieurs villes.",
     [("réclamant", "justice pour la victime", "Des manifestations"),
      ("dénonçant", "les violences policières", "Des manifestations")]),
    ("Sa mort a déclenché des manifestations dans tout le pays réclamant la vérité sur le "
     "drame et dénonçant le silence des autorités.",
     [("réclamant", "la vérité sur le drame", "des manifestations"),
      ("dénonçant", "le silence des autorités", "des manifestations")]),
])
def test_coordinated_participles_share_their_speaker(
        fr: Language, text: str, found: list[tuple[str, str, str]]) -> None:
    # two participles joined by "et" are two statements of one speaker; a place phrase
    # between the speaker and the participle is skipped; the main clause ends the content
    assert [(a.cue, a.content, a.source) for a in attrs(fr, text)] == found


def test_a_place_phrase_before_a_participle_makes_no_speaker(fr: Language) -> None:
    assert attrs(fr, "Le parc accueille des jeux pour les enfants célébrant la nature.") == []


@pytest.mark.parametrize(("text", "content"), [
    ("Le préfet met en avant des raisons de sécurité.", "des raisons de sécurité"),
    ("Le maire a mis en avant le coût des travaux.", "le coût des travaux"),
])
def test_what_is_put_forward(fr: Language, text: str, content: str) -> None:
    # « mettre en avant » an argument: its noun-phrase object is what is said
    assert [a.content for a in attrs(fr, text)] == [content]


@pytest.mark.parametrize("text", [
    "Plus tard dans la journée, Mme Leroy a indiqué que la ville paierait.",
    "Lors d'une réunion plus tard dans la journée, Mme Leroy a indiqué que la ville paierait.",
])
def test_a_subject_the_parser_hung_on_a_fronted_adverbial(fr: Language, text: str) -> None:
    # the name after the adverbial's comma, parsed as its apposition, is the subject
    assert [(a.content, a.source) for a in attrs(fr, text)] == [
        ("la ville paierait", "Mme Leroy")]


def test_a_participle_after_a_subject_hung_on_a_fronted_adverbial(fr: Language) -> None:
    text = ("Lors d'une réunion plus tard dans la journée, Mme Leroy a indiqué qu'\"il faudra "
            "des millions d'euros pour le pont\" de la ville, ajoutant que la région risquait "
            "de ne pas suivre.")
    found = [(a.cue, a.source) for a in attrs(fr, text)]
    assert ("ajoutant", "Mme Leroy") in found, found
