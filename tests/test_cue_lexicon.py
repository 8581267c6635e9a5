"""The reporting-verb lexicon: built from a verb-class lexicon, every cue with a stance."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from selon.analyse.attributions.lexicon import load_lexicon
from selon.lang import load


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


STANCES = {"assert", "deny", "reject", "admit", "accuse", "fear", "call", "promise",
           "threaten", "opinion", "qualify"}


def test_lexicon_is_large_and_every_cue_has_a_known_stance() -> None:
    lex = load_lexicon("fr")
    multi = [c for cues in lex.multiword.values() for c in cues]
    assert len(lex.verbs) + len(multi) >= 260
    assert {c.stance for c in lex.verbs.values()} | {c.stance for c in multi} <= STANCES
    # the classes of the issue are all represented
    assert {c.stance for c in lex.verbs.values()} == STANCES


def test_curated_entries_take_precedence_over_the_class_lexicon() -> None:
    lex = load_lexicon("fr")
    built = load("fr", "cue_verbs")["verbs"]
    assert "lancer" in built and not built["lancer"].get("inverted_only")
    assert lex.verbs["lancer"].inverted_only  # cues.json: « ... », a lancé X only
    assert lex.verbs["affirmer"].constructions >= {"que"}  # frames kept from the lexicon


def test_reflexive_class_members_need_their_pronoun() -> None:
    lex = load_lexicon("fr")
    assert "plaindre" in lex.reflexive_only and "lamenter" in lex.reflexive_only
    assert "vanter" not in lex.reflexive_only  # also a plain verb (vanter les mérites)


@pytest.mark.parametrize(("text", "cue", "stance"), [
    ("Le syndicat a exhorté les salariés à la prudence, a rapporté la radio.", "a rapporté",
     "assert"),
    ("Le directeur s'est plaint que les crédits n'arrivaient pas.", "est plaint",
     "accuse"),
    ("Le maire a réitéré que la route resterait fermée.", "a réitéré", "assert"),
    ("Les riverains soupçonnent que l'usine rejette des déchets.", "soupçonnent", "accuse"),
    ("Le ministre a laissé entendre que la réforme serait retirée.", "a laissé entendre",
     "assert"),
    ("Le club a démenti que son entraîneur ait démissionné.", "a démenti", "deny"),
])
def test_new_cues_are_found_with_their_stance(fr: Language, text: str, cue: str,
                                              stance: str) -> None:
    found = [(text[a.cue[0]:a.cue[1]], a.stance) for a in fr(text)._.selon_attributions]
    assert (cue, stance) in found


def test_manner_of_speaking_verbs_are_cues_only_after_a_quote(fr: Language) -> None:
    quoted = "« Nous ne partirons pas », a hurlé le porte-parole."
    plain = "Le porte-parole a hurlé de douleur dans la salle."
    assert [quoted[a.cue[0]:a.cue[1]] for a in fr(quoted)._.selon_attributions] == ["a hurlé"]
    assert fr(plain)._.selon_attributions == []
