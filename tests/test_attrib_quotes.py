"""Quotations, content boundaries and coordinated cues, on sentences written for these
tests: interrupted quotations, continued ones, quote chains, a cue that opens its
quotation, contents that stop before an occasion, a detached relative or a coordinated
cue, contents that run past a sentence split, coordinated participles and quotations
read in a document."""

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
    out = []
    for a in doc._.selon_attributions:
        cue = text[a.cue[0]:a.cue[1]] if a.cue else None
        out.append((a.kind, text[a.content[0]:a.content[1]], cue,
                    a.source.text if a.source else None))
    return out


def contents(found: list[tuple[str, str, str | None, str | None]]) -> list[str]:
    return [f[1] for f in found]


# ------------------------------------------------------------ interrupted quotations

def test_quotation_interrupted_by_inverted_clause_is_two_records(fr: Language) -> None:
    text = ('Le maire Paul Roux a parlé longtemps. "Nous avons gagné la bataille, mais pas '
            'la paix, a-t-il écrit dans sa lettre publiée lundi. Il faudra des années pour '
            'réparer la ville."')
    found = attrs(fr, text)
    first = [f for f in found if f[1] == "Nous avons gagné la bataille, mais pas la paix"]
    second = [f for f in found if f[1].startswith("Il faudra des années")]
    assert len(first) == 1 and len(second) == 1, found
    assert first[0][0] == second[0][0] == "direct"
    assert first[0][3] == second[0][3] == "Paul Roux"
    assert not any("a-t-il écrit" in c for c in contents(found)), found


def test_comma_inside_quotation_without_clitic_does_not_split(fr: Language) -> None:
    text = ('"Nous avons gagné la bataille, a déclaré hier le maire, et la ville est sauve", '
            'a résumé Paul Roux.')
    found = attrs(fr, text)
    assert not any(f[1] == "Nous avons gagné la bataille" for f in found), found


# ------------------------------------------------------------ continued quotations

def test_continued_quote_before_a_heading_line(fr: Language) -> None:
    text = ('"Le plan est une erreur", estime Paul Martin, chercheur au CNRS. "Je ne crois '
            'pas qu\'il tienne."\n- Suite du texte -\nLa réunion a eu lieu.')
    found = attrs(fr, text)
    assert ("direct", "Je ne crois pas qu'il tienne.", "estime", "Paul Martin") in found, found


def test_continued_quote_past_relative_clause_on_the_speaker(fr: Language) -> None:
    text = ('"Je reste ici", a déclaré à la presse Jean Morel, un retraité qui a refusé de '
            'donner son âge, après la marche. "On ne nous fera pas partir."')
    found = attrs(fr, text)
    assert any(f[1] == "On ne nous fera pas partir." and f[3] == "Jean Morel"
               for f in found), found


def test_quote_chain_joined_by_dont(fr: Language) -> None:
    text = ('"Plusieurs incidents graves ont été signalés", dont "deux accidents mortels", '
            'indique à la presse Paul Martin, expert.')
    found = attrs(fr, text)
    assert ("direct", "Plusieurs incidents graves ont été signalés", "indique",
            "Paul Martin") in found, found
    assert ("direct", "deux accidents mortels", "indique", "Paul Martin") in found, found


def test_quote_then_short_aside_before_inverted_cue(fr: Language) -> None:
    text = ('"Je trouve que ce projet est absurde pour tout le monde", en France, a déclaré '
            'la ministre Anne Roy à une télévision.')
    found = attrs(fr, text)
    assert ("direct", "Je trouve que ce projet est absurde pour tout le monde",
            "a déclaré", "Anne Roy") in found, found


# ------------------------------------------------------------ cue opening its quotation

def test_cue_that_opens_the_quotation_with_two_coordinated_verbs(fr: Language) -> None:
    text = ('Le ministre a toutefois relevé que les rebelles avaient "nié toute '
            'responsabilité et condamné les deux attaques".')
    found = attrs(fr, text)
    assert ("indirect", "toute responsabilité", "nié", "les rebelles") in found, found
    assert ("indirect", "les deux attaques", "condamné", "les rebelles") in found, found


def test_cue_that_opens_the_quotation_after_a_pronoun(fr: Language) -> None:
    text = ('La ministre Anne Roy est arrivée lundi. Elle "a demandé à l\'ambassadeur de '
            'France de remettre une note de protestation", a déclaré un conseiller, Paul Durand.')
    found = attrs(fr, text)
    assert ("indirect", "de remettre une note de protestation", "a demandé",
            "Anne Roy") in found, found


# ------------------------------------------------------------ content boundaries

def test_content_stops_before_the_occasion_of_the_statement(fr: Language) -> None:
    text = ('Le président du Parlement, Paul Martin, a jugé dimanche qu\'il serait "inutile" '
            'de négocier avec ses voisins, à l\'occasion de son premier discours à la Chambre.')
    found = attrs(fr, text)
    assert ("mixed", 'il serait "inutile" de négocier avec ses voisins', "a jugé",
            "Paul Martin") in found, found


def test_occasion_that_names_no_speech_event_stays_in_the_content(fr: Language) -> None:
    text = ('Le maire Paul Roux a affirmé que le pont serait fermé, lors de la crue, '
            'pour des raisons de sécurité.')
    found = attrs(fr, text)
    assert any(f[2] == "a affirmé" and "lors de la crue" in f[1] for f in found), found


def test_run_on_content_stops_before_detached_dont(fr: Language) -> None:
    text = ('Le président Paul Martin a condamné les Etats-Unis pour la mort de Jean Dupont, '
            'dont l\'arrestation a déclenché des manifestations.')
    found = attrs(fr, text)
    assert ("indirect", "les Etats-Unis pour la mort de Jean Dupont", "a condamné",
            "Paul Martin") in found, found


def test_pendant_que_opens_no_reported_clause(fr: Language) -> None:
    text = ('Le ministère de l\'Intérieur a fait état d\'un troisième décès, celui d\'un jeune '
            'homme heurté par une voiture pendant qu\'il manifestait.')
    found = attrs(fr, text)
    assert not any(f[1] == "il manifestait" for f in found), found
    assert any(f[1].startswith("d'un troisième décès") for f in found), found


def test_mixed_content_keeps_its_second_quote_before_a_coordinated_cue(fr: Language) -> None:
    text = ('Le général Paul Martin a expliqué que s\'agissant "d\'opérations en cours", la '
            'revue aurait dû recevoir "une approbation des autorités" militaires et regretté '
            'que dans ce cas elle n\'ait pas respecté ses "obligations".')
    found = attrs(fr, text)
    assert ("mixed", 's\'agissant "d\'opérations en cours", la revue aurait dû recevoir '
            '"une approbation des autorités" militaires', "a expliqué", "Paul Martin") \
        in found, found
    assert any(f[2] == "regretté" for f in found), found


def test_content_runs_to_the_closing_mark_past_a_sentence_split(fr: Language) -> None:
    text = ('Le ministre Paul Martin a affirmé sur Twitter que "certains ne pensent pas que '
            'la paix compte. A ceux qui le pensent: il est temps de le dire".')
    found = attrs(fr, text)
    assert ("direct", "certains ne pensent pas que la paix compte. A ceux qui le pensent: "
            "il est temps de le dire", "a affirmé", "Paul Martin") in found, found


# ------------------------------------------------------------ coordinated participles

def test_two_coordinated_participle_cues_are_two_records(fr: Language) -> None:
    text = ('Le candidat Paul Martin s\'est déchaîné contre son rival, lui reprochant de nier '
            'la réalité du changement climatique et le traitant de "pyromane du climat".')
    found = attrs(fr, text)
    assert ("indirect", "de nier la réalité du changement climatique", "reprochant",
            "Paul Martin") in found, found
    assert ("direct", "pyromane du climat", "traitant", "Paul Martin") in found, found


# ------------------------------------------------------------ quotations read in a document

def test_quotations_read_in_a_document_after_a_colon(fr: Language) -> None:
    text = ('La lettre du syndicat a circulé. On peut ainsi lire dans la lettre du syndicat: '
            '"Le pays va mal" ou encore "les citoyens sont fatigués de tout".')
    found = attrs(fr, text)
    for quoted in ("Le pays va mal", "les citoyens sont fatigués de tout"):
        assert ("direct", quoted, "On peut ainsi lire", "la lettre du syndicat") in found, found


def test_reading_verb_without_colon_reads_no_quotation(fr: Language) -> None:
    text = 'On peut lire dans la lettre du syndicat le mot "crise" deux fois.'
    found = attrs(fr, text)
    assert not any(f[2] == "On peut lire" for f in found), found


# ------------------------------------------------------------ bad input

def test_long_paragraph_of_interrupted_quotes_stays_bounded(fr: Language) -> None:
    """A 5,000-word paragraph inside one pair of marks, interrupted again and again, and
    an unclosed mark at the end: no crash, the parts found, bounded time."""
    unit = 'le pont tiendra encore longtemps, a-t-il dit au conseil. '
    text = 'Le préfet Paul Roux a parlé. "' + unit * 600 + '" puis "fin sans fermeture'
    t0 = time.process_time()
    found = attrs(fr, text)
    elapsed = time.process_time() - t0
    assert any(f[1] == "le pont tiendra encore longtemps" for f in found), found[:5]
    assert len(found) <= 2 * 600 + 5
    assert elapsed < 90, elapsed


def test_a_quotation_opened_by_a_colon_after_a_reported_clause(fr: Language) -> None:
    text = ("Le maire a estimé que la crue était « un signal d'alarme » : « Quand il pleut "
            "ainsi, la digue ne tient plus ».")
    assert [(k, c, s) for k, c, _, s in attrs(fr, text)] == [
        ("mixed", "la crue était « un signal d'alarme »", "Le maire"),
        ("direct", "Quand il pleut ainsi, la digue ne tient plus", "Le maire")]


@pytest.mark.parametrize(("text", "content", "source"), [
    ("Dans sa lettre, le maire dénonce « la lenteur des travaux », « les promesses non "
     "tenues » et « le mépris des habitants ».",
     "la lenteur des travaux », « les promesses non tenues » et « le mépris des habitants",
     "le maire"),
    ("Le maire a salué « un pas en avant », « une avancée réelle ».",
     "un pas en avant », « une avancée réelle", "Le maire"),
])
def test_quotations_listed_as_one_object(fr: Language, text: str, content: str,
                                         source: str) -> None:
    # a list of quotations after the verb is one object, not its first quotation
    found = [(k, c, s) for k, c, _, s in attrs(fr, text)]
    assert found == [("direct", content, source)], found
