"""Verbal attributions on sentences written for these tests: inverted clauses after a
quotation whatever the verb, continued quotations, sources that stop at the name,
participles, coordinated cues, appeals, passives and kinds."""

from __future__ import annotations

import time

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from selon.model import Attribution


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


def attrs(fr: Language, text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(kind, content, cue, source) of every attribution of ``text``."""
    doc = fr(text)

    def s(span: tuple[int, int] | None) -> str | None:
        return text[span[0]:span[1]] if span else None

    out = []
    a: Attribution
    for a in doc._.selon_attributions:
        out.append((a.kind, text[a.content[0]:a.content[1]], s(a.cue),
                    a.source.text if a.source else None))
    return out


def with_content(found: list[tuple[str, str, str | None, str | None]],
                 content: str) -> tuple[str, str, str | None, str | None]:
    hits = [f for f in found if f[1] == content]
    assert len(hits) == 1, found
    return hits[0]


# ------------------------------------------------- inverted clause after a quotation

@pytest.mark.parametrize("text, cue, source", [
    ('"Le pont sera rouvert demain", a déclaré à la presse un ingénieur de 52 ans.',
     "a déclaré", "un ingénieur de 52 ans"),
    ('"Le pont sera rouvert demain", a insisté auprès de la presse locale '
     "l'ingénieure Claire Dumont, qui suit le chantier.", "a insisté", "Claire Dumont"),
    ('"Le pont sera rouvert demain", a par ailleurs martelé le préfet.',
     "a par ailleurs martelé", "le préfet"),
    ('"Le pont sera rouvert demain", a de son côté gazouillé le préfet.',
     "a de son côté gazouillé", "le préfet"),
    ('"Le pont sera-t-il rouvert demain ?" a demandé le préfet Paul Roux.',
     "a demandé", "Paul Roux"),
    ('"Le pont sera rouvert demain", peut-on lire dans un avis de la préfecture.',
     "peut-on lire", "un avis de la préfecture"),
    ('"Le pont sera rouvert demain", lit-on dans le bulletin municipal.',
     "lit-on", "le bulletin municipal"),
    ('"Le pont sera rouvert demain", commente Paul Roux, de la direction des routes.',
     "commente", "Paul Roux"),
    ('"Le pont sera rouvert demain !" a lancé le maire Jean Valet depuis la mairie de Lyon.',
     "a lancé", "Jean Valet"),
    ('"Le pont sera rouvert demain", a déclaré dans la soirée à la presse Lucie, une '
     "riveraine de 40 ans.", "a déclaré", "Lucie"),
    ('"Le pont sera rouvert demain. Nous avons tout vérifié", avait expliqué Jean Valet '
     "lundi pour rassurer les habitants.", "avait expliqué", "Jean Valet"),
])
def test_inverted_clause_after_a_quote_whatever_the_verb(
        fr: Language, text: str, cue: str, source: str) -> None:
    found = attrs(fr, text)
    kind, _, got_cue, got_source = with_content(found, text.split('"')[1])
    assert (kind, got_cue, got_source) == ("direct", cue, source)


def test_a_quote_after_an_inverted_clause_is_not_its_content(fr: Language) -> None:
    text = ('Le maire Jean Valet a visité le chantier. "Le pont sera rouvert demain ?", '
            'a-t-il encore dit, reprenant le slogan des riverains: "Un pont pour tous."')
    found = attrs(fr, text)
    assert with_content(found, "Le pont sera rouvert demain ?")[2] == "a-t-il encore dit"


def test_inverted_clitic_with_adverb_takes_the_earlier_speaker(fr: Language) -> None:
    text = ('Le maire Jean Valet a visité le chantier. "Le pont sera rouvert demain", '
            "a-t-il encore gazouillé.")
    kind, _, cue, source = with_content(attrs(fr, text), "Le pont sera rouvert demain")
    assert (kind, cue, source) == ("direct", "a-t-il encore gazouillé", "Jean Valet")


@pytest.mark.parametrize("text", [
    '"Le Monde" a publié un long article sur le chantier.',
    '"La Marseillaise", chantée par la foule, a retenti sur la place.',
    '"Titanic", a été vu par des millions de spectateurs.',
    '"Le pont sera rouvert", peut-on espérer.',
])
def test_a_quote_before_a_verb_is_not_always_reported(fr: Language, text: str) -> None:
    assert attrs(fr, text) == []


def test_long_run_of_quotes_and_inverted_verbs_stays_bounded(fr: Language) -> None:
    """A 5,000-word paragraph with no full stop, made of quotations and inverted clauses,
    unbalanced marks included: no crash, one statement per quotation, bounded time."""
    unit = '"le pont tiendra", a par ailleurs martelé le préfet, « sans doute », '
    text = unit * 500 + '"fin sans marque de fermeture'
    t0 = time.process_time()
    found = attrs(fr, text)
    elapsed = time.process_time() - t0
    assert sum(1 for f in found if f[1] == "le pont tiendra") >= 1
    assert elapsed < 60, elapsed


# ------------------------------------------------------------- continued quotations

@pytest.mark.parametrize("text, second", [
    ('"Le pont tiendra", a déclaré le préfet Paul Roux. "Nous avons tout vérifié."',
     "Nous avons tout vérifié."),
    ('Le préfet Paul Roux est venu. "Le pont tiendra", a-t-il dit à la presse, '
     '"mais nous restons prudents".', "mais nous restons prudents"),
    ('"Le pont tiendra", analyse Paul Roux, ingénieur au ministère. '
     '"Je ne vois aucun risque."', "Je ne vois aucun risque."),
    ('Le préfet Paul Roux a déclaré : "Le pont tiendra". "Nous avons tout vérifié."',
     "Nous avons tout vérifié."),
])
def test_a_quote_that_goes_on_a_statement_is_its_own_record(
        fr: Language, text: str, second: str) -> None:
    found = attrs(fr, text)
    first = with_content(found, "Le pont tiendra")
    assert with_content(found, second) == ("direct", second, first[2], first[3])
    assert first[3] is not None and "Paul Roux" in first[3]


@pytest.mark.parametrize("text", [
    '"Le pont tiendra", a déclaré le préfet Paul Roux. Le "Titanic" a coulé.',
    '"Le pont tiendra", a déclaré le préfet Paul Roux. Le maire est parti. "Rien ne bouge."',
])
def test_a_quote_after_other_words_goes_on_nothing(fr: Language, text: str) -> None:
    assert [f[1] for f in attrs(fr, text)] == ["Le pont tiendra"]


def test_quotes_joined_by_ou_before_one_clause_give_one_record_each(fr: Language) -> None:
    text = '"Nous pouvons avancer", ou "nous pouvons reculer", a ajouté le candidat Paul Roux.'
    found = attrs(fr, text)
    assert {f[1] for f in found} == {"Nous pouvons avancer", "nous pouvons reculer"}
    assert {f[3] for f in found} == {"Paul Roux"}


# ------------------------------------------- appeals, accusations: object + infinitive

@pytest.mark.parametrize("text, content, cue", [
    ("La maire Lucie Marchand a appelé Lyon à rouvrir ses piscines.",
     "à rouvrir ses piscines", "a appelé"),
    ("La maire Lucie Marchand a appelé au calme.", "calme", "a appelé"),
    ("La maire Lucie Marchand a exhorté les riverains à quitter leurs maisons.",
     "à quitter leurs maisons", "a exhorté"),
    ("La maire Lucie Marchand a demandé à la préfète de fermer le pont.",
     "de fermer le pont", "a demandé"),
    ("La maire Lucie Marchand a accusé le ministre de l'Intérieur de mentir aux habitants.",
     "de mentir aux habitants", "a accusé"),
    ("La maire Lucie Marchand a reproché à son rival de nier les chiffres.",
     "de nier les chiffres", "a reproché"),
])
def test_content_after_the_object_of_an_appeal_or_accusation(
        fr: Language, text: str, content: str, cue: str) -> None:
    kind, _, got_cue, source = with_content(attrs(fr, text), content)
    assert (kind, got_cue, source) == ("indirect", cue, "Lucie Marchand")


# --------------------------------------- coordinated cues, participles and gerunds

def test_coordinated_cues_with_one_subject_give_one_record_each(fr: Language) -> None:
    found = attrs(fr, "La maire Lucie Marchand a nié toute faute et condamné les "
                      "deux incendies.")
    assert with_content(found, "toute faute")[3] == "Lucie Marchand"
    assert with_content(found, "les deux incendies")[2:] == ("condamné", "Lucie Marchand")


def test_a_gerund_after_the_object_takes_the_main_subject(fr: Language) -> None:
    text = ('La maire Lucie Marchand a condamné "fermement" ces incendies "odieux", '
            'tout en appelant les deux camps à "garder leur calme".')
    found = attrs(fr, text)
    assert with_content(found, '"fermement" ces incendies "odieux"')[0] == "mixed"
    assert with_content(found, 'à "garder leur calme"')[2:] == ("appelant", "Lucie Marchand")


def test_a_content_stops_before_a_participle_led_by_a_clitic(fr: Language) -> None:
    text = 'La maire Lucie Marchand a rejeté ces chiffres, les qualifiant de "mensonges".'
    assert with_content(attrs(fr, text), "ces chiffres")[3] == "Lucie Marchand"


# ------------------------------------------------------------------------ kinds

def test_quoted_words_anywhere_in_reported_speech_make_it_mixed(fr: Language) -> None:
    text = 'La maire Lucie Marchand a affirmé que la ville allait "tenir bon" face à la crise.'
    kind, _, _, source = with_content(attrs(fr, text),
                                      'la ville allait "tenir bon" face à la crise')
    assert (kind, source) == ("mixed", "Lucie Marchand")


def test_an_object_that_is_one_quotation_is_direct(fr: Language) -> None:
    text = 'La maire Lucie Marchand a dénoncé "une décision injuste et brutale".'
    kind, _, cue, _ = with_content(attrs(fr, text), "une décision injuste et brutale")
    assert (kind, cue) == ("direct", "a dénoncé")


# ------------------------------------------------ passives and qualification by an agent

@pytest.mark.parametrize("text, content, cue, source, kind", [
    ('La mairie a publié un bilan. Une analyse jugée "partiale" par l\'opposition.',
     "partiale", "jugée", "l'opposition", "direct"),
    ('Un vote contesté et qualifié de "mascarade" par les écologistes.',
     "mascarade", "qualifié", "les écologistes", "direct"),
    ("Ces coupures, présentées par la régie comme des incidents isolés, agacent les "
     "habitants.", "des incidents isolés", "présentées", "la régie", "indirect"),
    ("La mairie répare une panne présentée par la régie comme un accident.",
     "une panne présentée par la régie comme un accident", "présentée", "la régie",
     "indirect"),
    ("Le trésorier Paul Roux est accusé par le parquet d'avoir détourné des fonds.",
     "d'avoir détourné des fonds", "est accusé", "le parquet", "indirect"),
    ("Le trésorier Paul Roux est soupçonné de fraude fiscale.",
     "fraude fiscale", "est soupçonné", "anonymous", "indirect"),
])
def test_passive_and_qualification_take_the_agent_as_source(
        fr: Language, text: str, content: str, cue: str, source: str, kind: str) -> None:
    assert with_content(attrs(fr, text), content) == (kind, content, cue, source)


def test_a_participle_without_an_agent_reports_nothing(fr: Language) -> None:
    assert attrs(fr, 'Une analyse jugée "partiale" circule depuis lundi.') == []


# ------------------------------------------------------------- nested statements

@pytest.mark.parametrize("text, first, second, cue", [
    ('La ministre Lucie Marchand a estimé que le pont était solide, avant de préciser : '
     '"Nous vérifierons tout."', "le pont était solide", "Nous vérifierons tout.", "préciser"),
    ("La ministre Lucie Marchand a souligné que le pont tenait, avant d'ajouter : "
     '"Aucun risque."', "le pont tenait", "Aucun risque.", "ajouter"),
])
def test_a_content_stops_where_another_statement_begins(
        fr: Language, text: str, first: str, second: str, cue: str) -> None:
    found = attrs(fr, text)
    assert with_content(found, first)[3] == "Lucie Marchand"
    assert with_content(found, second) == ("direct", second, cue, "Lucie Marchand")
