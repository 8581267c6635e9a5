"""How a speaker qualifies someone or something, himself included: « s'est présenté comme
un "X" », « s'est posée en garante de "Y" », « se décrit comme un "Z" ». Sentences
written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from test_attributions import attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


@pytest.mark.parametrize(("text", "content", "source"), [
    ("Le chef de l'Etat s'est présenté comme un « rempart contre le chaos ».",
     "un « rempart contre le chaos »", "Le chef de l'Etat"),
    ("Dans un long discours, la candidate s'est posée en garante de « l'unité nationale ».",
     "garante de « l'unité nationale »", "la candidate"),
    ("Le maire de la ville se décrit comme un « homme de terrain ».",
     "un « homme de terrain »", "Le maire de la ville"),
])
def test_a_speaker_presents_himself_in_quoted_words(fr: Language, text: str, content: str,
                                                     source: str) -> None:
    found = [(a.kind, a.content, a.source) for a in attrs(fr, text)]
    assert ("mixed", content, source) in found, found


@pytest.mark.parametrize("text", [
    "Le ministre s'est présenté comme candidat à la mairie de Lyon.",
    "Le ministre s'est présenté devant la commission d'enquête jeudi.",
    "Il se pose en arbitre entre les deux camps.",
])
def test_presenting_oneself_without_quoted_words_reports_nothing(fr: Language,
                                                                 text: str) -> None:
    assert attrs(fr, text) == []


# ---------------------------------------------------------------- agentless participles

def test_an_agentless_participle_on_a_speakers_object_is_the_speakers_word(
        fr: Language) -> None:
    found = [(a.content, a.source) for a in attrs(
        fr, "Le candidat s'en est pris à son rival, qualifié de « pantin » des lobbies.")]
    assert ("« pantin » des lobbies", "Le candidat") in found, found


@pytest.mark.parametrize("text", [
    # the qualified noun is the subject: nobody named says it
    "Le sénateur, qualifié de traître, a quitté le parti.",
    "Le sénateur, qualifié de « traître », a quitté le parti.",
    # the subject is no speaker
    "Le plan offrait des terres aux colons, considérées comme illégales.",
])
def test_an_agentless_participle_without_a_speaker_reports_nothing(fr: Language,
                                                                   text: str) -> None:
    assert attrs(fr, text) == []


def test_a_compound_tense_around_an_incise_keeps_its_subject(fr: Language) -> None:
    found = [(a.content, a.source) for a in attrs(
        fr, "La militante a, dans une vidéo, qualifié de mensongères les accusations "
            "visant son frère.")]
    assert found == [("mensongères les accusations visant son frère", "La militante")], found
