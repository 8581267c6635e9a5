"""What « il », « elle » and « ils » stand for when a statement's speaker is a pronoun:
a subject read from where it stands, a body named by its noun, never a thing; and the
kind of a few framed quotations (sentences written for these tests)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from selon.analyse import pipeline
from selon.analyse.attributions.lexicon import load_lexicon
from selon.analyse.attributions.speakers import follows_inverted_cue, stands_as_subject
from test_attributions import A, attrs


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def _by_content(found: list[A], start: str) -> A:
    hits = [a for a in found if a.content.startswith(start)]
    assert len(hits) == 1, found
    return hits[0]


def test_a_subject_is_read_from_where_it_stands(fr: Language) -> None:
    # words and tags as the model gives them for such a sentence (a hand-built doc: the
    # parse hangs the name on "présidence", so no subject label reaches it)
    words = ["L'", "ancien", "candidat", "à", "la", "présidence", "Marc", "Leroy", ",",
             "très", "hostile", "à", "Paul", "Roux", ",", "a", "estimé", "que", "..."]
    pos = ["DET", "ADJ", "NOUN", "ADP", "DET", "NOUN", "PROPN", "PROPN", "PUNCT", "ADV",
           "ADJ", "ADP", "PROPN", "PROPN", "PUNCT", "AUX", "VERB", "SCONJ", "PUNCT"]
    morphs = [""] * len(words)
    morphs[15] = "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
    morphs[16] = "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part"
    doc = Doc(fr.vocab, words=words, pos=pos, morphs=morphs)
    lex = load_lexicon("fr")
    assert stands_as_subject(doc, 6, 8, lex)  # Marc Leroy, then an apposition, then "a"
    assert not stands_as_subject(doc, 12, 14, lex)  # "à Paul Roux": a complement


def test_a_name_after_a_conjunction_is_no_subject(fr: Language) -> None:
    text = ("Le docteur Paul Roux, chef des services des hôpitaux Lariboisière et Jean-Morel, "
            "à Lyon, a annoncé un premier cas. « Nous avons tout vérifié », a-t-il expliqué.")
    assert _by_content(attrs(fr, text), "Nous avons tout vérifié").source == "Paul Roux"


def test_a_body_named_by_its_noun_is_the_antecedent(fr: Language) -> None:
    text = ("Le maire Paul Roux a dénoncé la lenteur des aides. Le gouvernement va de nouveau "
            "soutenir les éleveurs touchés par la sécheresse. Il a averti que la facture "
            "dépasserait « sans doute » un milliard d'euros.")
    a = _by_content(attrs(fr, text), "la facture")
    assert a.source == "Le gouvernement"


def test_a_body_needs_its_gender_and_a_main_clause(fr: Language) -> None:
    # "elle" cannot be "le gouvernement"; "si la société ..." is a condition, not a speaker
    text = ("La ministre Anne Morel a visité l'usine. Le gouvernement va soutenir le site. "
            "« Rien n'est perdu », a-t-elle assuré.")
    assert _by_content(attrs(fr, text), "Rien n'est perdu").source == "Anne Morel"
    text = ("« Le site fermera », a déclaré Paul Roux. Si la société vend l'usine, le "
            "chantier s'arrêtera. « Nous le savons depuis mai », a-t-il ajouté.")
    assert _by_content(attrs(fr, text), "Nous le savons").source == "Paul Roux"


def test_the_subject_a_relative_clause_hangs_on_is_its_pronoun(fr: Language) -> None:
    text = ("L'avocate Marie Caron défend plusieurs familles. Mais la France refuse de "
            "rapatrier les adultes, dont elle souhaite le jugement sur place.")
    assert _by_content(attrs(fr, text), "le jugement sur place").source == "la France"


def test_a_thing_is_never_what_ils_stands_for(fr: Language) -> None:
    text = ("Les syndicats ont appelé à la grève. Plusieurs manifestations ont eu lieu "
            "samedi. Ils réclament une hausse des salaires.")
    a = _by_content(attrs(fr, text), "une hausse des salaires")
    assert a.source == "Les syndicats"


def test_an_opinion_in_quoted_words_is_mixed(fr: Language) -> None:
    found = attrs(fr, "Pour le ministre Paul Roux, la crue est due à une « gestion "
                      "désastreuse » des digues.")
    a = _by_content(found, "la crue")
    assert (a.kind, a.source) == ("mixed", "Paul Roux")


def test_a_framing_adverbial_before_a_quote_is_not_reported(fr: Language) -> None:
    a = _by_content(attrs(fr, "Mais pour autant, « personne n'a rien caché », assure le "
                              "docteur Paul Roux."), "personne")
    assert (a.kind, a.content) == ("direct", "personne n'a rien caché")
    # a clause before the quotation is reported speech that embeds it: mixed
    a = attrs(fr, "Le maire a promis, « sans délai », une enquête, a affirmé Paul Roux.")
    assert all(x.kind != "direct" or x.content != "sans délai" for x in a), a


def test_the_name_after_an_inverted_reporting_verb_is_a_speaker(fr: Language) -> None:
    # « ... », a déclaré à la presse la ministre Anne Morel / ..., citant le plan Morel
    lex = load_lexicon("fr")
    words = ["»", ",", "a", "déclaré", "à", "la", "presse", "la", "ministre", "Anne", "Morel",
             ",", "citant", "le", "plan", "Paul", "Roux", "."]
    pos = ["PUNCT", "PUNCT", "AUX", "VERB", "ADP", "DET", "NOUN", "DET", "NOUN", "PROPN",
           "PROPN", "PUNCT", "VERB", "DET", "NOUN", "PROPN", "PROPN", "PUNCT"]
    lemmas = [w.lower() for w in words]
    lemmas[3], lemmas[12] = "déclarer", "citer"
    morphs = [""] * len(words)
    morphs[2] = "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
    morphs[3] = "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part"
    morphs[12] = "Tense=Pres|VerbForm=Part"
    doc = Doc(fr.vocab, words=words, pos=pos, lemmas=lemmas, morphs=morphs)
    assert follows_inverted_cue(doc, 9, lex)
    assert not follows_inverted_cue(doc, 15, lex)  # a present participle's object
    assert not follows_inverted_cue(doc, 5, lex)  # "à la presse": led by a preposition


def test_a_noun_subject_ends_at_its_apposition(fr: Language) -> None:
    a = attrs(fr, "Le groupe pharmaceutique Novalis, partenaire de l'université de Lyon, a "
                  "annoncé mardi une pause dans ses essais cliniques.")
    assert [x.source for x in a] == ["Novalis"]
    # a name after the comma is the speaker, whatever the tagger made of its words
    a = attrs(fr, "Le nouveau président du Sénat, Jean-Marc Leroy, a jugé dimanche qu'il "
                  "serait inutile de négocier.")
    assert [x.source for x in a] == ["Jean-Marc Leroy"]
    # no apposition after the comma: the phrase is left whole (and no source comes of it)
    a = attrs(fr, "La suspension d'un des essais les plus avancés, sans doute à cause d'un "
                  "effet indésirable, montre que la prudence est de mise.")
    assert a == []


def test_a_subject_is_cut_at_a_parenthesis_and_past_a_leading_date(fr: Language) -> None:
    a = attrs(fr, "Dans la soirée, plusieurs milliers de manifestants (3.500 selon la "
                  "préfecture, 5.000 selon les organisateurs) ont dénoncé le racisme dans "
                  "la police.")
    assert [x.source for x in a if x.cue == "ont dénoncé"] == [
        "plusieurs milliers de manifestants"]
    a = attrs(fr, "Mercredi, cafetiers et restaurateurs ont demandé au gouvernement de les "
                  "autoriser à rouvrir.")
    assert [x.source for x in a] == ["cafetiers et restaurateurs"]


def test_ils_falls_back_on_any_plural_subject(fr: Language) -> None:
    # « propriétaires » is in no list of speakers: still the only subject « ils » can be
    a = attrs(fr, "Les nouveaux propriétaires ont acheté le château en 2010. Ils réclament "
                  "un million d'euros à la société.")
    assert [x.source for x in a] == ["Les nouveaux propriétaires"]


def test_an_acronym_in_parentheses_stays_with_the_subject(fr: Language) -> None:
    a = attrs(fr, "Le président (PS) du conseil départemental Stéphane Troussel a dénoncé "
                  "dans un communiqué les méthodes des militants.")
    assert [x.source for x in a] == ["Stéphane Troussel"]
    a = attrs(fr, "Le chef de file des députés La République en marche (LREM), Richard "
                  "Ferrand, demande à Jean-Luc Mélenchon de clarifier sa position.")
    assert [x.source for x in a] == ["Richard Ferrand"]


def test_the_author_of_a_document_is_its_source_not_a_relay(fr: Language) -> None:
    a = attrs(fr, "L'épidémie a fait au moins 4.000 morts dans le pays, selon un bilan établi "
                  "par l'agence Nordpresse à partir de sources officielles.")
    assert [(x.source, x.via) for x in a] == [("Nordpresse", [])]
    # a document cited by an agency is still relayed by it
    a = attrs(fr, "Le barrage a cédé dans la nuit, selon un communiqué cité par l'agence "
                  "Nordpresse.")
    assert [(x.source, x.via) for x in a] == [("un communiqué", ["Nordpresse"])]


def test_a_quote_whose_cue_an_earlier_content_runs_over_is_kept(fr: Language) -> None:
    # the first statement's content may run on past the quote's closing mark; the quote,
    # which it only overlaps, is still a statement of its own
    found = attrs(fr, "Mercredi, le ministre de l'Intérieur Paul Roux a précisé sur France "
                      "Inter que la fin était prévue pour 2024 car \"ceux qui sont là ont un "
                      "titre de séjour\". \"J'ai indiqué aux pays étrangers que l'échéance "
                      "c'est 2024\", a-t-il insisté.")
    quote = _by_content(found, "J'ai indiqué")
    assert (quote.kind, quote.source) == ("direct", "Paul Roux")


def test_who_replies_is_not_who_just_spoke(fr: Language) -> None:
    text = ("Anne Morel, la directrice de l'agence, a été entendue mardi. Le docteur Marc "
            "Leroy est devenu une figure rassurante. Lors de l'audition, le sénateur Paul "
            "Roux a paru irriter Marc Leroy en lui lançant qu'il n'était pas la seule "
            "référence. « Je ne me suis jamais présenté comme la seule voix », a-t-il "
            "répondu.")
    found = attrs(fr, text)
    assert _by_content(found, "il n'était pas").source == "Paul Roux"
    assert _by_content(found, "Je ne me suis jamais").source == "Marc Leroy"
