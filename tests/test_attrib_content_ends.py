"""Where a content ends: an act adjunct after an object, a second que-clause joined by
"et", and a heading in capitals that is no continued quote; sentences written for these
tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from selon.analyse import pipeline


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def attrs(fr: Language, text: str) -> list[tuple[str, str, str | None]]:
    """(kind, content, source) of every attribution of ``text``."""
    doc = fr(text)
    return [(a.kind, text[a.content[0]:a.content[1]], a.source.text if a.source else None)
            for a in doc._.selon_attributions]


def test_object_stops_before_an_infinitive_of_the_act(fr: Language) -> None:
    found = attrs(fr, "Le ministère a annoncé son arrestation sans en préciser la date.")
    assert found == [("indirect", "son arrestation", "Le ministère")], found


def test_a_second_que_clause_is_part_of_the_content(fr: Language) -> None:
    text = ('La situation est "sous contrôle", a affirmé la ministre de la Santé, Marie '
            'Lenoir, insistant sur le fait que la reprise sera "lente" et qu\'elle va '
            '"transformer" la région.')
    assert ("mixed", 'la reprise sera "lente" et qu\'elle va "transformer" la région',
            "Marie Lenoir") in attrs(fr, text)


def test_a_heading_in_capitals_is_no_continued_quote(fr: Language) -> None:
    text = ('La ministre de la Culture a dénoncé mardi les menaces. "Nous tiendrons bon face '
            'à ces groupes", a-t-elle lancé devant la presse.\n'
            '"NOUS NE RECULERONS PAS DEVANT LES MENACES DE CES GROUPES ARMÉS"\n'
            'Le texte sera examiné par les députés la semaine prochaine.\n')
    contents = [f[1] for f in attrs(fr, text)]
    assert "Nous tiendrons bon face à ces groupes" in contents
    assert not any(c.startswith("NOUS NE RECULERONS") for c in contents), contents


def test_a_gerund_cue_ends_the_content_and_reports_on_its_own(fr: Language) -> None:
    found = attrs(fr, "Le syndicat a appelé à la grève en dénonçant les licenciements.")
    assert ("indirect", "la grève", "Le syndicat") in found, found
    assert ("indirect", "les licenciements", "Le syndicat") in found, found


def test_quotations_listed_after_a_colon_are_one_statement_each(fr: Language) -> None:
    found = attrs(fr, 'Le syndicat a résumé sa position : "nous ne céderons pas", "nous irons '
                      'jusqu\'au bout".')
    assert found == [("direct", "nous ne céderons pas", "Le syndicat"),
                     ("direct", "nous irons jusqu'au bout", "Le syndicat")], found


def test_a_place_taken_up_again_after_a_comma_ends_the_content(fr: Language) -> None:
    found = attrs(fr, "Les autorités locales avaient dit attendre jusqu'à 10.000 personnes à "
                      "Nantes, dans cette ville réputée calme.")
    assert found == [("indirect", "attendre jusqu'à 10.000 personnes à Nantes",
                      "Les autorités locales")], found


def test_a_call_for_a_quoted_noun_keeps_the_words_after_the_quote(fr: Language) -> None:
    found = attrs(fr, "Le ministre a appelé à une « réunion d'urgence » du Conseil de "
                      "sécurité.")
    assert found == [("mixed", "une « réunion d'urgence » du Conseil de sécurité",
                      "Le ministre")], found


@pytest.mark.parametrize("text", [
    'Le maire a assuré mardi que "si la digue cède, le quartier sera inondé".',
    "Le maire a assuré mardi que « si la digue cède, le quartier sera inondé ».",
])
def test_a_que_clause_that_is_one_quotation_is_direct_whatever_the_marks(
        fr: Language, text: str) -> None:
    found = attrs(fr, text)
    assert found == [("direct", "si la digue cède, le quartier sera inondé", "Le maire")], found
