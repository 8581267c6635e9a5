"""Constructions of wire copy read as statements: a participle sharing the reporting
clause's speaker, statements quoted inside a quotation, an adverbial between auxiliary
and participle, and where a complement's content stops. Sentences written for the test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attributions import attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def test_participle_after_an_inverted_clause_shares_its_speaker(fr: Language) -> None:
    found = attrs(fr, "« Le pays se tait », a critiqué la sénatrice Claire Vasseur, citant "
                      "la politique d'accueil du gouvernement.")
    cited = [a for a in found if a.cue == "citant"]
    assert len(cited) == 1, found
    assert cited[0].source == "Claire Vasseur"
    assert cited[0].content == "la politique d'accueil du gouvernement"


def test_participle_after_a_content_with_its_own_verb_is_not_forced(fr: Language) -> None:
    # the participle follows a que-clause: the usual reading decides, never this rule
    found = attrs(fr, "La sénatrice Claire Vasseur a dit que le port resterait fermé, "
                      "rappelant les grèves de l'hiver.")
    assert [a.source for a in found if a.cue == "a dit"] == ["Claire Vasseur"]


def test_statement_quoted_inside_a_quotation_is_relayed(fr: Language) -> None:
    found = attrs(fr, "« La police nous a conseillé de quitter la vallée avant la "
                      "nuit », a raconté Paul Giraud, un éleveur.")
    outer = [a for a in found if a.kind == "direct"]
    inner = [a for a in found if a.cue == "a conseillé"]
    assert len(outer) == 1 and outer[0].source == "Paul Giraud", found
    assert len(inner) == 1, found
    assert inner[0].source == "La police"
    assert inner[0].via == ["Paul Giraud"]
    assert inner[0].content == "de quitter la vallée avant la nuit"


def test_a_thought_guessed_inside_a_quotation_is_no_statement(fr: Language) -> None:
    found = attrs(fr, "« Peut-être que le maire pensait que la digue tiendrait », a "
                      "reconnu Paul Giraud.")
    assert not [a for a in found if a.cue and "pensait" in a.cue], found


def test_adverbial_between_auxiliary_and_participle(fr: Language) -> None:
    found = attrs(fr, "La ministre Hélène Corbin a d'autre part dénoncé la fermeture des "
                      "maternités rurales.")
    assert [(a.source, a.content) for a in found] == [
        ("Hélène Corbin", "la fermeture des maternités rurales")]


@pytest.mark.parametrize(("text", "content"), [
    ("Le préfet a appelé à éviter la corniche, après trois jours d'éboulements.",
     "à éviter la corniche"),
    ("Le syndicat a confirmé la grève des pilotes, annoncée lundi par la direction.",
     "la grève des pilotes"),
    ("Le maire a dénoncé l'expulsion de Marc Olier, un boulanger installé depuis vingt ans.",
     "l'expulsion de Marc Olier"),
])
def test_complement_stops_before_an_adjunct(fr: Language, text: str, content: str) -> None:
    found = attrs(fr, text)
    assert content in [a.content for a in found], found


def test_complement_runs_over_the_quotation_it_needs(fr: Language) -> None:
    found = attrs(fr, "Le député Jean Morin a pris la parole, accusant ses collègues "
                      "d'être « dans le déni ».")
    accusing = [a for a in found if a.cue == "accusant"]
    assert len(accusing) == 1, found
    assert accusing[0].content == "d'être « dans le déni »"
    assert accusing[0].kind == "mixed"


def test_a_quotation_led_only_by_a_conjunction_is_direct(fr: Language) -> None:
    found = attrs(fr, "Pour la maire Hélène Courtois, le retard est réel. "
                      "Mais « l'école rouvrira avant l'hiver », a-t-elle assuré.")
    assured = [a for a in found if a.cue == "a-t-elle assuré"]
    assert len(assured) == 1, found
    assert assured[0].kind == "direct"
    assert assured[0].content == "l'école rouvrira avant l'hiver"
    # a preposition belongs to the reported phrase: reported speech with quoted words
    found = attrs(fr, "La maire Hélène Courtois a promis de « rouvrir l'école avant l'hiver ».")
    assert [a.kind for a in found if a.cue == "a promis"] == ["mixed"], found


def test_a_measure_after_a_comma_stays_in_the_content(fr: Language) -> None:
    found = attrs(fr, "Les marins ont affirmé avoir survécu en partageant leurs vivres, "
                      "à raison d'un biscuit par jour.")
    said = [a for a in found if a.cue == "ont affirmé"]
    assert len(said) == 1, found
    assert said[0].content.endswith("à raison d'un biscuit par jour")
