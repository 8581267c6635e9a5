"""Appeals, refusals and hopes whose content is an event noun, where such objects end,
and reflexive "se dire" with a quoted adjective, on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def attrs(fr: Language, text: str) -> list[tuple[str, str, str | None, str | None, str]]:
    """(kind, content, cue, source, stance) of every attribution of ``text``."""
    doc = fr(text)
    return [(a.kind, text[a.content[0]:a.content[1]],
             text[a.cue[0]:a.cue[1]] if a.cue else None,
             a.source.text if a.source else None, a.stance)
            for a in doc._.selon_attributions]


@pytest.mark.parametrize("text, content, cue, source, stance", [
    ("La maire a demandé des sanctions contre le directeur du chantier.",
     "des sanctions contre le directeur du chantier", "a demandé", "La maire", "call"),
    ("Le Premier ministre a ordonné le retrait des blindés.",
     "le retrait des blindés", "a ordonné", "Le Premier ministre", "call"),
    ("La présidente a exclu toute négociation avec les ravisseurs.",
     "toute négociation avec les ravisseurs", "a exclu", "La présidente", "reject"),
    ("Le laboratoire espère une mise sur le marché avant l'été.",
     "une mise sur le marché avant l'été", "espère", "Le laboratoire", "opinion"),
    ("Le gouverneur a demandé l'aide de l'armée.",
     "l'aide de l'armée", "a demandé", "Le gouverneur", "call"),
    # an attitude object of a speech verb
    ("La ministre a réitéré son soutien aux familles des victimes.",
     "son soutien aux familles des victimes", "a réitéré", "La ministre", "assert"),
])
def test_event_object_is_the_content(fr: Language, text: str, content: str, cue: str,
                                     source: str, stance: str) -> None:
    assert ("indirect", content, cue, source, stance) in attrs(fr, text)


def test_event_object_in_a_relative_clause_stops_before_the_main_verb(fr: Language) -> None:
    found = attrs(fr, "L'avocate qui réclame depuis des années le retour des enfants a "
                      "parlé hier.")
    assert [(f[1], f[3]) for f in found] == [("le retour des enfants", "L'avocate")], found


def test_event_object_runs_over_a_quoted_adjective(fr: Language) -> None:
    found = attrs(fr, 'En signe de protestation, la présidente Anne Morel a ordonné le rappel '
                      '"immédiat" de l\'ambassadeur à Paris.')
    assert [(f[0], f[1], f[3]) for f in found] == [
        ("mixed", 'le rappel "immédiat" de l\'ambassadeur à Paris', "Anne Morel")], found


def test_an_event_noun_is_no_speaker(fr: Language) -> None:
    # the parse reads "l'accord" as the inverted subject of "a salué": no such statement
    found = attrs(fr, "Pour sa part, le Premier ministre marocain, Aziz Akhannouch, dont le "
                      "pays est un partenaire des Emirats et des Etats-Unis, a brièvement "
                      "salué l'accord.")
    assert all(f[3] != "l'accord" for f in found), found


@pytest.mark.parametrize("text", [
    "La pluie a demandé un arrêt des travaux.",  # no one who takes a position
    "Le voyageur a demandé son chemin à un passant.",  # no event
    "L'entreprise a demandé une autorisation pour agrandir son usine.",  # an application
    "Le texte vise à demander la suppression de la taxe.",  # a text's aim, nobody's call
    # a participle's subject is the main clause's: a crowd hoping is no statement
    "Des centaines de migrants attendent à la frontière, espérant une ouverture du passage.",
])
def test_no_event_statement(fr: Language, text: str) -> None:
    assert attrs(fr, text) == []


@pytest.mark.parametrize("text, content, cue", [
    ('La sénatrice s\'est dite "très fière" de son équipe.',
     '"très fière" de son équipe', "s'est dite"),
    ('La directrice s\'est aussi dite "fière" des 300 salariés de l\'usine.',
     '"fière" des 300 salariés de l\'usine', "s'est aussi dite"),
    ('Le médecin s\'est d\'autre part dit "prudemment optimiste" sur la suite, avec trois '
     'traitements à l\'essai.', '"prudemment optimiste" sur la suite', "dit"),
])
def test_quoted_adjective_after_se_dire(fr: Language, text: str, content: str,
                                        cue: str) -> None:
    found = attrs(fr, text)
    assert [(f[0], f[1], f[2]) for f in found] == [("mixed", content, cue)], found


def test_citing_an_event_with_its_agent_is_a_statement(fr: Language) -> None:
    # "par" inside the object ("lancée par X") does not make "citer" a literal use
    found = attrs(fr, "L'ambassadeur a défendu le bilan de son pays en matière de lutte "
                      "contre les discriminations, citant la réforme lancée par le président.")
    assert ("indirect", "la réforme lancée par le président", "citant", "L'ambassadeur",
            "assert") in found, found


@pytest.mark.parametrize("text, content, cue", [
    ('La ministre a prévenu ses concitoyens des "risques" auxquels ils étaient exposés.',
     '"risques" auxquels ils étaient exposés', "a prévenu"),
    ("Le maire a averti les habitants de la fermeture du pont.",
     "la fermeture du pont", "a averti"),
])
def test_warning_someone_of_something(fr: Language, text: str, content: str,
                                      cue: str) -> None:
    assert [(f[1], f[2]) for f in attrs(fr, text)] == [(content, cue)]


def test_a_hammered_attitude_is_mixed_with_its_quoted_words(fr: Language) -> None:
    found = attrs(fr, 'Le président a martelé sa volonté de restaurer "l\'ordre" dans le pays.')
    assert [(f[0], f[1], f[2]) for f in found] == [
        ("mixed", 'sa volonté de restaurer "l\'ordre" dans le pays', "a martelé")], found

