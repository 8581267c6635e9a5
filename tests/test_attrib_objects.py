"""Noun-phrase objects, participles, infinitives, document sources and agentless passives,
on sentences written for these tests."""

from __future__ import annotations

import time

import pytest
from spacy.language import Language

from selon.analyse import pipeline


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def attrs(fr: Language, text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(kind, content, cue, source) of every attribution of ``text``."""
    doc = fr(text)
    return [(a.kind, text[a.content[0]:a.content[1]],
             text[a.cue[0]:a.cue[1]] if a.cue else None, a.source.text if a.source else None)
            for a in doc._.selon_attributions]


def one(fr: Language, text: str, content: str) -> tuple[str, str, str | None, str | None]:
    found = attrs(fr, text)
    hits = [f for f in found if f[1] == content]
    assert len(hits) == 1, found
    return hits[0]


# ------------------------------------------------------------ noun-phrase objects

@pytest.mark.parametrize("text, content, cue, source, kind", [
    ("Le maire a écarté toute hausse des impôts locaux.",
     "toute hausse des impôts locaux", "a écarté", "Le maire", "indirect"),
    ("La présidente a accusé les rebelles et leurs alliés.",
     "les rebelles et leurs alliés", "a accusé", "La présidente", "indirect"),
    ("La ministre a défendu le bilan de son gouvernement.",
     "le bilan de son gouvernement", "a défendu", "La ministre", "indirect"),
    ("Le juge a assimilé ces méthodes à de l'intimidation.",
     "ces méthodes à de l'intimidation", "a assimilé", "Le juge", "indirect"),
    ("Les écologistes y voient une victoire pour la planète.",
     "une victoire pour la planète", "voient", "Les écologistes", "indirect"),
    ("La police a cité des raisons de sécurité.",
     "des raisons de sécurité", "a cité", "La police", "indirect"),
    ('La syndicaliste a dénoncé "avec la plus grande fermeté" ces licenciements.',
     '"avec la plus grande fermeté" ces licenciements', "a dénoncé", "La syndicaliste",
     "mixed"),
    ('Le porte-parole a réfuté dans une lettre ouverte les accusations "absurdes" du syndicat.',
     'les accusations "absurdes" du syndicat', "a réfuté", "Le porte-parole", "mixed"),
    ("La radio rapporte des tensions entre les deux camps.",
     "des tensions entre les deux camps", "rapporte", "La radio", "indirect"),
])
def test_object_is_the_content(fr: Language, text: str, content: str, cue: str,
                               source: str, kind: str) -> None:
    assert one(fr, text, content) == (kind, content, cue, source)


def test_object_content_stops_before_a_relative_clause(fr: Language) -> None:
    text = ("La mairesse a condamné les pompiers pour la lenteur des secours, dont "
            "l'arrivée tardive a provoqué la colère des habitants.")
    assert one(fr, text, "les pompiers pour la lenteur des secours")[3] == "La mairesse"


@pytest.mark.parametrize("text", [
    "Le tribunal a condamné l'accusé à dix ans de prison.",
    "La cour a condamné le braqueur à une peine de huit ans.",
    "La reine a salué la foule depuis le balcon.",
    "Le capitaine a défendu la ville pendant trois jours.",
    "Le chanteur a salué Marie Dubois avant le concert.",
    "La préfecture déplore 12 morts et 40 blessés.",
    "Le journal a cité des sources proches du dossier.",
    "Le contrat rapporte deux millions d'euros par an au club.",
    "Elle voit une voiture rouge devant la maison.",
    # a bare participle that only qualifies its noun, not set off by a comma
    "Les deux médecins invités à témoigner devant la commission se sont mis en quarantaine.",
])
def test_an_act_is_not_a_statement(fr: Language, text: str) -> None:
    assert attrs(fr, text) == []


# -------------------------------------------------------------------- participles

@pytest.mark.parametrize("text, content, cue, source", [
    ("Les débats ont repris, des élus évoquant des pressions sur les témoins.",
     "des pressions sur les témoins", "évoquant", "des élus"),
    ("La chaîne a diffusé les propos d'un chercheur affirmant que le glacier reculait.",
     "le glacier reculait", "affirmant", "un chercheur"),
    ("Les enquêteurs ont rouvert le dossier, les journaux locaux pointant des failles "
     "dans la première enquête.", "des failles dans la première enquête", "pointant",
     "les journaux locaux"),
    ("Le ministre a publié un communiqué expliquant que la réforme serait reportée.",
     "la réforme serait reportée", "expliquant", "Le ministre"),
    ("Les syndicats ont appelé les salariés à rejoindre le cortège, affirmant ne pas "
     "vouloir céder.", "ne pas vouloir céder", "affirmant", "Les syndicats"),
    ('Dénonçant une manœuvre "grossière", le syndicat des enseignants, qui compte 3.000 '
     "membres, a quitté la table.", 'une manœuvre "grossière"', "Dénonçant",
     "le syndicat des enseignants"),
])
def test_participle_speaker(fr: Language, text: str, content: str, cue: str,
                            source: str) -> None:
    assert one(fr, text, content)[2:] == (cue, source)


def test_participle_of_a_plain_noun_reports_nothing(fr: Language) -> None:
    assert attrs(fr, "Des jeux célébrant la violence ont été interdits.") == []


@pytest.mark.parametrize("text, content, source", [
    ("La société a affirmé être victime d'une campagne de dénigrement.",
     "être victime d'une campagne de dénigrement", "La société"),
    ("Le club a annoncé mardi avoir recruté deux nouveaux joueurs.",
     "avoir recruté deux nouveaux joueurs", "Le club"),
])
def test_bare_infinitive_content(fr: Language, text: str, content: str, source: str) -> None:
    assert one(fr, text, content)[3] == source


def test_pendant_que_is_no_content(fr: Language) -> None:
    text = ("La préfecture a fait état mardi d'un deuxième blessé, un cycliste renversé "
            "pendant qu'il traversait.")
    assert not any(f[1] == "il traversait" for f in attrs(fr, text))


def test_long_object_sentence_is_bounded(fr: Language) -> None:
    text = "Le maire a condamné " + ", ".join(["les dégradations du parc"] * 800) + "."
    t0 = time.process_time()
    fr(text)
    assert time.process_time() - t0 < 60


def test_object_clitic_before_a_participle(fr: Language) -> None:
    text = ('Le gouvernement a rejeté ces critiques, les qualifiant notamment de "caricature" '
            'et d\'"insulte".')
    assert one(fr, text, '"caricature" et d\'"insulte"')[2:] == ("qualifiant", "Le gouvernement")


# ------------------------------------------------ passives, documents and estimates

@pytest.mark.parametrize("text, content, cue, source", [
    ("Le ministre a été incarcéré lundi, soupçonné de corruption lors de l'achat de masques.",
     "corruption lors de l'achat de masques", "soupçonné", "anonymous"),
    ("L'élue, accusée par ses adversaires d'avoir menti, a porté plainte.",
     "d'avoir menti", "accusée", "ses adversaires"),
    ("La direction avait alors été pointée du doigt pour son silence.",
     "La direction", "avait alors été pointée du doigt", "anonymous"),
    ("Le préfet a été vivement critiqué après les inondations.",
     "Le préfet", "a été vivement critiqué", "anonymous"),
    ("Une étude publique montre que le nombre de cas pourrait être bien plus élevé.",
     "le nombre de cas pourrait être bien plus élevé", "montre", "Une étude publique"),
    ("Ce rapport consulté par l'AFP estime à plus de 2.000 le nombre de logements "
     "insalubres dans la ville, selon la mairie.",
     "à plus de 2.000 le nombre de logements insalubres dans la ville", "estime", "Ce rapport"),
    ("La préfecture a signalé deux incidents: un vol à la gare et une bagarre au port.",
     "deux incidents: un vol à la gare et une bagarre au port", "a signalé", "La préfecture"),
])
def test_passives_documents_estimates(fr: Language, text: str, content: str, cue: str,
                                      source: str) -> None:
    assert one(fr, text, content)[2:] == (cue, source)


def test_a_judicial_passive_is_not_a_statement(fr: Language) -> None:
    assert attrs(fr, "Le maire a été condamné pour fraude électorale.") == []


def test_qualifier_quote_is_the_name_given(fr: Language) -> None:
    text = 'Le maire a qualifié le projet de "pure folie".'
    assert one(fr, text, "pure folie") == ("direct", "pure folie", "a qualifié", "Le maire")


def test_infinitive_content_stops_before_a_relative_clause(fr: Language) -> None:
    text = ("La société a affirmé mardi être victime d'une campagne de dénigrement, dont elle "
            "ignore l'origine.")
    found = attrs(fr, text)
    assert ("indirect", "être victime d'une campagne de dénigrement", "a affirmé",
            "La société") in found, found
