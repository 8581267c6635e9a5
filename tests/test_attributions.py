"""selon_attributions on short French sentences written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from spacy.language import Language

from selon.analyse import pipeline
from selon.analyse.attributions.component import find_attributions
from selon.analyse.attributions.lexicon import load_lexicon
from selon.analyse.attributions.quotes import find_quotes
from selon.model import Article, Attribution, Entity

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def fr() -> Language:
    return pipeline.load("fr")


@dataclass
class A:
    kind: str
    content: str
    cue: str | None
    source: str | None
    via: list[str]
    stance: str


def _view(text: str, a: Attribution) -> A:
    def s(span: tuple[int, int] | None) -> str | None:
        return text[span[0]:span[1]] if span else None

    return A(a.kind, text[a.content[0]:a.content[1]], s(a.cue),
             a.source.text if a.source else None, [v.text for v in a.via], a.stance)


def attrs(fr: Language, text: str) -> list[A]:
    doc = fr(text)
    return [_view(text, a) for a in doc._.selon_attributions]


def one(fr: Language, text: str) -> A:
    found = attrs(fr, text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- direct quotes

def test_quote_then_inverted_clause_takes_the_name_in_apposition(fr: Language) -> None:
    a = one(fr, "« Nous ne reculerons pas », a déclaré le ministre italien de la Défense, "
                "Marco Bellini, lors d'une conférence.")
    assert a.kind == "direct"
    assert a.content == "Nous ne reculerons pas"
    assert a.cue == "a déclaré"
    assert a.source == "Marco Bellini"


def test_quote_after_colon(fr: Language) -> None:
    a = one(fr, "La directrice de l'école a déclaré : « Les comptes sont en ordre. »")
    assert a.kind == "direct"
    assert a.content.startswith("Les comptes sont en ordre")
    assert a.source is not None and "directrice" in a.source


def test_quote_continued_by_pronoun_resolves_to_the_person(fr: Language) -> None:
    found = attrs(fr, "Le maire Paul Durand a visité le chantier mardi. "
                      "« Tout sera prêt en mai », a-t-il ajouté.")
    assert len(found) == 1
    a = found[0]
    assert a.kind == "direct"
    assert a.content == "Tout sera prêt en mai"
    assert a.source == "Paul Durand"  # never "-il"


def test_short_quoted_words_in_a_passive_report_make_it_mixed(fr: Language) -> None:
    a = one(fr, "Les nouvelles règles ont été jugées « inacceptables » par le syndicat des "
                "enseignants.")
    assert a.kind == "mixed"
    assert a.content.endswith("« inacceptables »")
    assert "par le syndicat" not in a.content
    assert a.source is not None and "syndicat des enseignants" in a.source


def test_multi_sentence_quote_is_one_content(fr: Language) -> None:
    a = one(fr, "« Le pont est fermé. Il rouvrira demain », a précisé la préfecture.")
    assert a.kind == "direct"
    assert a.content == "Le pont est fermé. Il rouvrira demain"
    assert a.source == "la préfecture"


# ---------------------------------------------------------------- indirect speech

def test_que_clause(fr: Language) -> None:
    a = one(fr, "Le porte-parole de la mairie a indiqué que les travaux reprendront lundi.")
    assert a.kind == "indirect"
    assert a.content == "les travaux reprendront lundi"
    assert a.cue == "a indiqué"
    assert a.source == "Le porte-parole de la mairie"


def test_infinitive_content(fr: Language) -> None:
    a = one(fr, "La société a affirmé avoir remboursé tous ses clients.")
    assert a.content == "avoir remboursé tous ses clients"
    assert a.source == "La société"


def test_nominal_object_with_stance(fr: Language) -> None:
    a = one(fr, "Le syndicat a rejeté cette proposition.")
    assert a.content == "cette proposition"
    assert a.stance == "reject"
    b = one(fr, "Le ministère a confirmé la fermeture de trois usines.")
    assert b.content == "la fermeture de trois usines"
    assert b.stance == "assert"


def test_verbs_without_nominal_content_need_a_clause(fr: Language) -> None:
    assert attrs(fr, "Le comité a expliqué la règle aux joueurs.") == []


def test_multiword_cue_faire_etat(fr: Language) -> None:
    a = one(fr, "Des témoins font état de tirs nourris dans le quartier.")
    assert a.cue == "font état"
    assert a.content == "de tirs nourris dans le quartier"
    assert a.source == "Des témoins"


def test_inverted_clause_after_content(fr: Language) -> None:
    a = one(fr, "Les négociations reprendront la semaine prochaine, a déclaré l'agence Reuters.")
    assert a.content == "Les négociations reprendront la semaine prochaine"
    assert a.source == "Reuters"


def test_fear_and_deny_stances(fr: Language) -> None:
    assert one(fr, "Les habitants craignent que la digue ne cède.").stance == "fear"
    assert one(fr, "Le club a démenti ces rumeurs.").stance == "deny"


def test_negated_cue_is_not_a_statement(fr: Language) -> None:
    assert attrs(fr, "Le ministère n'a jamais révélé le nombre de victimes.") == []


# ---------------------------------------------------------------- selon and relays

def test_selon_fronted(fr: Language) -> None:
    a = one(fr, "Selon la police, trois personnes ont été blessées.")
    assert a.kind == "according_to"
    assert a.cue == "Selon"
    assert a.content == "trois personnes ont été blessées"
    assert a.source == "la police"


def test_selon_after_a_connector_and_with_a_list(fr: Language) -> None:
    a = one(fr, "Pourtant, selon les chiffres belges, néerlandais et allemands, la production "
                "a baissé.")
    assert a.content == "la production a baissé"
    assert a.source == "les chiffres belges, néerlandais et allemands"


def test_d_apres(fr: Language) -> None:
    a = one(fr, "D'après les enquêteurs, l'incendie était accidentel.")
    assert a.kind == "according_to"
    assert a.source == "les enquêteurs"
    assert a.content == "l'incendie était accidentel"


def test_selon_trailing_with_relay_in_the_phrase(fr: Language) -> None:
    a = one(fr, "Le barrage a cédé dans la nuit, selon un rapport publié par l'agence Reuters.")
    assert a.content == "Le barrage a cédé dans la nuit"
    assert a.source == "un rapport"
    assert a.via == ["Reuters"]


def test_selon_source_prefers_the_proper_name_in_apposition(fr: Language) -> None:
    a = one(fr, "Selon l'agence de presse allemande DPA, le sommet est reporté.")
    assert a.source == "DPA"


def test_selon_tacked_on_a_reported_statement_is_a_relay(fr: Language) -> None:
    a = one(fr, "Les stocks sont épuisés, a déclaré le directeur Jean Martin, selon Reuters.")
    assert a.kind == "indirect"
    assert a.source == "Jean Martin"
    assert a.via == ["Reuters"]
    assert a.content == "Les stocks sont épuisés"


def test_fronted_selon_wraps_an_inner_attribution(fr: Language) -> None:
    found = attrs(fr, "Selon le quotidien Le Soir, le ministre a annoncé que les écoles "
                      "resteront ouvertes.")
    assert len(found) == 1, found  # no separate, overlapping "selon" attribution
    a = found[0]
    assert a.content == "les écoles resteront ouvertes"
    assert a.source == "le ministre"
    assert a.via == ["Le Soir"]


def test_selon_pronoun_resolves(fr: Language) -> None:
    found = attrs(fr, "L'économiste Claire Fabre a publié une note. Selon elle, la croissance "
                      "ralentira.")
    assert found and found[-1].source == "Claire Fabre"


# ---------------------------------------------------------------- known weaknesses

def test_direct_quote_kept_when_selon_is_in_the_sentence(fr: Language) -> None:
    a = one(fr, "« La situation est grave », a déclaré le médecin, selon l'agence Belga.")
    assert a.kind == "direct"
    assert a.content == "La situation est grave"
    assert a.via == ["Belga"]


def test_reporting_clause_is_not_content(fr: Language) -> None:
    a = one(fr, "Le trafic sera rétabli jeudi, a assuré le transporteur.")
    assert "assuré" not in a.content
    assert "transporteur" not in a.content


def test_content_does_not_run_into_the_next_sentence(fr: Language) -> None:
    text = "Le préfet a annoncé que la route restera fermée. Les habitants sont inquiets."
    a = one(fr, text)
    assert a.content == "la route restera fermée"


def test_pronoun_speaker_is_never_the_clitic(fr: Language) -> None:
    found = attrs(fr, "La juge Anne Morel a quitté la salle. « Je ne commenterai pas », "
                      "a-t-elle lancé.")
    assert found and found[-1].source == "Anne Morel"
    assert all(not (a.source or "").startswith("-") for a in found)


def test_source_is_never_taken_from_inside_a_quote(fr: Language) -> None:
    found = attrs(fr, "« Le président Karl Weber a dit que tout est fini », a raconté la "
                      "voisine.")
    outer = [a for a in found if a.kind == "direct"]
    assert len(outer) == 1, found
    assert outer[0].source == "la voisine"
    # what the quoted words report is Weber's statement, relayed by the neighbour
    nested = [a for a in found if a is not outer[0]]
    assert all(a.source == "Karl Weber" and a.via == ["la voisine"] for a in nested), found


# ---------------------------------------------------------------- generalising

@pytest.mark.parametrize(("text", "name"), [
    ("« Le port restera ouvert », a déclaré le président de l'Autorité portuaire, "
     "l'amiral Jean Martin, dans un communiqué.", "Jean Martin"),
    ("« Aucune frappe n'a visé des civils », a affirmé le porte-parole du ministère, "
     "le colonel Pierre Lagarde.", "Pierre Lagarde"),
    ("« Le budget sera voté », a assuré la ministre, Mme Sophie Durand.", "Sophie Durand"),
])
def test_inverted_speaker_is_the_name_after_a_title_apposition(
        fr: Language, text: str, name: str) -> None:
    a = one(fr, text)
    assert a.kind == "direct"
    assert a.source == name


def test_inverted_speaker_after_a_dative_agency(fr: Language) -> None:
    a = one(fr, "« Le dialogue est rompu », rappelle à l'AFP Laura Vidal, la directrice de l'ONG.")
    assert a.source == "Laura Vidal"


def test_subject_inside_the_quote_does_not_block_the_inversion(fr: Language) -> None:
    a = one(fr, "« Notre pays doit condamner le racisme et le suprémacisme », a déclaré "
                "M. Karl Weber dans une allocution.")
    assert a.kind == "direct"
    assert a.source is not None and "Weber" in a.source


def test_selon_in_the_middle_spans_one_clause(fr: Language) -> None:
    a = one(fr, "Quelque 15.000 personnes, selon la police, ont manifesté dans le calme.")
    assert a.content == "Quelque 15.000 personnes, selon la police, ont manifesté dans le calme"
    assert a.source == "la police"


def test_selon_in_the_middle_before_a_new_clause_takes_the_clause_before(fr: Language) -> None:
    found = attrs(fr, "Les magasins ont été pillés dans la nuit, selon des journalistes sur "
                      "place, et la police a annoncé avoir arrêté des dizaines de personnes.")
    assert len(found) == 2, found
    selon = next(a for a in found if a.kind == "according_to")
    assert selon.content == "Les magasins ont été pillés dans la nuit"
    verbal = next(a for a in found if a.kind != "according_to")
    assert verbal.source == "la police"
    assert verbal.via == []  # a "selon" phrase of another clause is not a relay


def test_selon_before_a_relative_about_the_source(fr: Language) -> None:
    a = one(fr, "Le commerce mondial va reculer, selon l'Organisation mondiale du Commerce "
                "(OMC), qui publie ses prévisions.")
    assert a.content == "Le commerce mondial va reculer"
    assert a.source == "l'Organisation mondiale du Commerce"


def test_selon_after_a_relative_word(fr: Language) -> None:
    a = one(fr, "Le monde s'habitue à ce fléau, qui selon l'agence sanitaire pourrait "
                "« ne jamais disparaître ».")
    assert a.content == "pourrait « ne jamais disparaître »"


def test_selon_phrase_keeps_its_relay_to_the_end(fr: Language) -> None:
    a = one(fr, "Le virus a contaminé au moins 4.503.811 personnes, selon un bilan établi "
                "par l'AFP à partir de sources officielles vendredi.")
    assert a.content == "Le virus a contaminé au moins 4.503.811 personnes"
    # the agency made the count ("établi par"): it is the source, up to "à partir de"
    assert a.source == "l'AFP"
    assert a.via == []


def test_selon_a_manner_word_is_not_a_source(fr: Language) -> None:
    assert attrs(fr, "L'agence a fixé un délai d'un an, selon un scénario « optimiste ».") \
        == []


@pytest.mark.parametrize(("text", "source", "content", "stance"), [
    ("Le maire a quitté la réunion, affirmant que le projet était illégal.",
     "Le maire", "le projet était illégal", "assert"),
    ("Les syndicats ont quitté la table, estimant que la réforme menace l'emploi.",
     "Les syndicats", "la réforme menace l'emploi", "opinion"),
    ("Les habitants ont quitté le village, craignant que la digue ne cède.",
     "Les habitants", "la digue ne cède", "fear"),
    ("Le ministre Paul Leroy a visité l'usine, assurant que les emplois seraient préservés.",
     "Paul Leroy", "les emplois seraient préservés", "assert"),
])
def test_present_participle_cue_takes_the_subject_of_its_clause(
        fr: Language, text: str, source: str, content: str, stance: str) -> None:
    a = one(fr, text)
    assert (a.source, a.content, a.stance) == (source, content, stance)


def test_plural_pronoun_speakers_resolve(fr: Language) -> None:
    found = attrs(fr, "Les deux ONG ont publié un rapport. « Nous avons recensé 300 victimes »,"
                      " ont-elles ajouté.")
    assert [a.source for a in found] == ["Les deux ONG"]
    found = attrs(fr, "Les médecins grévistes ont manifesté devant l'hôpital. Ils ont affirmé "
                      "que les urgences étaient saturées.")
    assert [a.source for a in found] == ["Les médecins grévistes"]


def test_pronoun_gender_picks_the_agreeing_speaker(fr: Language) -> None:
    found = attrs(fr, "Le ministre Paul Martin a rencontré la directrice Laurel Miller. "
                      "« Rien n'est perdu », a-t-elle averti.")
    assert found and found[-1].source == "Laurel Miller"
    found = attrs(fr, "La Russie a affirmé avoir repris la ville. « Les combats sont terminés »,"
                      " a-t-elle ajouté.")
    assert found[-1].source == "La Russie"


def test_selon_pronoun_is_never_a_relay_or_a_garbage_phrase(fr: Language) -> None:
    a = one(fr, "Le député a dénoncé des jeux vidéo selon lui « atroces et sinistres ».")
    assert a.source == "Le député"
    assert a.via == []
    found = attrs(fr, "Joe Biden a accusé son rival d'être un pyromane, parce qu'il nie selon "
                      "lui la réalité du changement climatique.")
    assert all(not v.startswith("lui") for a in found for v in a.via)


def test_quote_paragraph_continues_the_previous_speaker(fr: Language) -> None:
    found = attrs(fr, "La juge Anne Morel a quitté la salle. « Je ne commenterai pas », "
                      "a-t-elle déclaré.\n« Nous ferons appel de cette décision dès demain. "
                      "Nos clients sont innocents. »")
    assert len(found) == 2, found
    cont = found[1]
    assert cont.kind == "direct"
    assert cont.cue is None
    assert cont.source == "Anne Morel"
    assert cont.content.startswith("Nous ferons appel")


def test_no_continuation_after_a_selon_paragraph_or_for_a_short_title(fr: Language) -> None:
    found = attrs(fr, "Selon la police, trois personnes ont été blessées.\n"
                      "« Nous ferons appel de cette décision dès demain. »")
    assert len(found) == 1
    found = attrs(fr, "« Le pont est fermé », a précisé la préfecture.\n« Pont fermé »\n")
    assert len(found) == 1


def test_infinitive_content_runs_to_the_end_of_the_clause(fr: Language) -> None:
    a = one(fr, "L'agence a indiqué étudier un possible lien entre la grippe et la maladie de "
                "Lyme, un syndrome rare touchant les adultes.")
    assert a.content == ("étudier un possible lien entre la grippe et la maladie de Lyme, "
                         "un syndrome rare touchant les adultes")


def test_que_of_a_conjunction_is_not_reported_speech(fr: Language) -> None:
    found = attrs(fr, "Ces accusations ont été rejetées par la Russie tandis que Washington a "
                      "dénoncé son arrestation.")
    assert len(found) == 2, found
    a, b = found
    assert (b.source, b.content) == ("Washington", "son arrestation")
    assert a.content == "Ces accusations"  # what the passive's agent rejects: its subject
    assert a.source == "la Russie"
    assert a.stance == "reject"


def test_nested_cue_of_the_same_speaker_is_one_statement(fr: Language) -> None:
    a = one(fr, "Le secrétaire général a dit espérer que la recherche d'un vaccin aboutira.")
    assert a.cue == "a dit"
    assert a.content.startswith("espérer")


# ---------------------------------------------------------------- source phrases, "Pour X"

@pytest.mark.parametrize(("text", "source", "content"), [
    ("D'après la ministre Claire Fabre, qui s'est exprimée depuis Bruxelles, le texte "
     "ouvre une nouvelle ère.", "Claire Fabre", "le texte ouvre une nouvelle ère"),
    ("Selon Jean Martin, porte-parole de la mairie, les travaux reprendront lundi.",
     "Jean Martin", "les travaux reprendront lundi"),
    ("Selon Paul Roux, de l'université de Lyon, le glacier a reculé de dix mètres.",
     "Paul Roux", "le glacier a reculé de dix mètres"),
])
def test_relative_clause_and_apposition_belong_to_the_selon_phrase(
        fr: Language, text: str, source: str, content: str) -> None:
    a = one(fr, text)
    assert (a.kind, a.source, a.content) == ("according_to", source, content)


def test_selon_phrase_does_not_swallow_the_subject_after_it(fr: Language) -> None:
    a = one(fr, "Selon la police, trois personnes, dont deux enfants, ont été blessées.")
    assert a.source == "la police"
    assert a.content == "trois personnes, dont deux enfants, ont été blessées"
    a = one(fr, "Selon le ministre, le président, furieux, a quitté la salle.")
    assert a.content == "le président, furieux, a quitté la salle"


@pytest.mark.parametrize(("text", "source", "content"), [
    ("Pour le ministre, la réforme est indispensable.", "le ministre",
     "la réforme est indispensable"),
    ("Pour les syndicats, ce plan menace des milliers d'emplois.", "les syndicats",
     "ce plan menace des milliers d'emplois"),
    ("Pour l'ONG Amnesty International, ces arrestations sont arbitraires.",
     "Amnesty International", "ces arrestations sont arbitraires"),
])
def test_pour_a_person_or_body_is_according_to(
        fr: Language, text: str, source: str, content: str) -> None:
    a = one(fr, text)
    assert (a.kind, a.cue, a.source, a.content) == ("according_to", "Pour", source, content)


@pytest.mark.parametrize("text", [
    "Pour la première fois, le club a remporté le championnat.",
    "Pour cela, il faudra trouver des fonds.",
    "Pour 2021, le budget prévoit une hausse des impôts.",
    "Pour sauver la banque, le gouvernement a injecté des milliards.",
    "Pour sa part, la ville a rouvert ses écoles.",
    "Pour l'instant, la route reste fermée.",
    "Les élus ont voté pour le ministre, la réforme est passée.",
])
def test_pour_without_a_speaker_makes_no_record(fr: Language, text: str) -> None:
    assert [a for a in attrs(fr, text) if a.cue == "Pour"] == []


def test_pour_with_a_pronoun_cue_is_one_statement_of_that_person(fr: Language) -> None:
    found = attrs(fr, "Le maire Paul Durand a inauguré le pont. Pour Lina Haddad, chercheuse "
                      "à l'Institut Pasteur, le vaccin arrivera trop tard, explique-t-elle.")
    assert len(found) == 1, found
    a = found[0]
    assert a.kind == "indirect"
    assert a.source == "Lina Haddad"  # never the earlier "Paul Durand"
    assert a.content == "le vaccin arrivera trop tard"


def test_pour_phrase_inside_another_speaker_statement_makes_no_record(fr: Language) -> None:
    found = attrs(fr, "Pour le gouvernement, la crise est terminée, a déclaré le porte-parole "
                      "Marc Leroy.")
    assert [a.source for a in found] == ["Marc Leroy"]


@pytest.mark.parametrize("text", [
    "« Tout ira bien », a expliqué l'homme disant s'appeler Durand.",
    "L'homme disant s'appeler Durand a affirmé que tout irait bien.",
])
def test_participial_modifier_is_not_part_of_the_source(fr: Language, text: str) -> None:
    a = one(fr, text)
    assert a.source is not None and a.source.lower() == "l'homme"


def test_adjacent_quotes_before_one_cue_are_one_record_each(fr: Language) -> None:
    """Choice: one direct record per quotation, same cue, source and relays (a content
    span never carries the quote marks and punctuation between two quotations)."""
    found = attrs(fr, "Le ministre Paul Roux a parlé aux élus. « Nous gagnerons », « nous ne "
                      "céderons rien » et « nous resterons unis », a-t-il dit, selon l'AFP.")
    assert [a.content for a in found] == ["Nous gagnerons", "nous ne céderons rien",
                                          "nous resterons unis"]
    assert {(a.kind, a.cue, a.source) for a in found} == {("direct", "a-t-il dit", "Paul Roux")}
    assert all(a.via == ["l'AFP"] for a in found)


def test_a_comma_inside_a_quote_does_not_end_the_content(fr: Language) -> None:
    a = one(fr, "La juge Anne Morel a accusé Bruxelles d'avoir « deux poids, deux mesures » "
                "face aux agriculteurs.")
    assert a.source == "Anne Morel"
    assert a.content == "d'avoir « deux poids, deux mesures » face aux agriculteurs"
    a = one(fr, "Le député Marc Roux a dénoncé « une politique du deux poids, deux mesures » "
                "dans ce dossier.")
    assert a.content.startswith("« une politique du deux poids, deux mesures »")


# ---------------------------------------------------------------- entities and quotes

def test_party_links_to_the_entity_whose_mention_overlaps(fr: Language) -> None:
    text = "Selon la chercheuse Lina Haddad, le glacier a reculé."
    doc = fr(text)
    start = text.index("Lina Haddad")
    doc._.selon_entities = [Entity("e1", "Lina Haddad", "PER", [(start, start + 11)])]
    found = find_attributions(doc, load_lexicon("fr"))
    assert found[0].source is not None and found[0].source.entity == "e1"


def test_find_quotes_nested_and_straight() -> None:
    pairs = load_lexicon("fr").quote_pairs
    text = 'Il dit « un “petit” pas » et "deux".'
    quotes = find_quotes(text, pairs)
    assert [text[q.inner[0]:q.inner[1]] for q in quotes] == ["un “petit” pas", "deux"]


def test_analyze_one_fills_attributions() -> None:
    an = pipeline.analyze_one(Article(id="t", text="Selon l'ONG, la ville est encerclée."))
    assert [a.id for a in an.attributions] == ["a1"]


# ---------------------------------------------------------------- seed quality floor

@pytest.mark.shared
def test_seed_attribution_scores(tmp_path: Path) -> None:
    if not (SHARED / "seed").is_dir():
        pytest.skip(f"needs the shared reference data at {SHARED} (absent on this machine)")
    from datetime import date

    from selon.output import to_json

    path = SHARED / "seed" / "000_6ea505d4c5c787ac.txt"
    an = pipeline.analyze_one(Article(id="seed", text=path.read_text("utf-8"),
                                      published=date(2025, 6, 18)))
    out = tmp_path / "seed.json"
    out.write_text(json.dumps(to_json(an), ensure_ascii=False), "utf-8")
    res = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "--json",
         str(SHARED / "gold" / "seed.gold.json"), str(out)],
        capture_output=True, text=True, check=True,
    )
    scores = json.loads(res.stdout)["metrics"]
    assert scores["attr_f1"] >= 0.95
    assert scores["attr_full_f1"] >= 0.9


def test_statement_lists_the_numbers_and_dates_it_holds() -> None:
    from selon.analyse import pipeline
    from selon.ingest import article_from_text
    from selon.settings import Settings

    text = ("Le ministère a indiqué mardi qu'environ 300 soldats avaient été tués en mars. "
            "Le bilan date de 2019.\n")
    analysis = pipeline.analyze_one(article_from_text(text, Settings(published="2024-05-14")))
    [statement] = [a for a in analysis.attributions if a.cue_lemma and "indiquer" in a.cue_lemma]
    held = {q.id: text[q.span[0]:q.span[1]] for q in analysis.quantities
            if q.id in statement.quantities}
    assert list(held.values()) == ["environ 300 soldats"]
    dates = [text[t.span[0]:t.span[1]] for t in analysis.times if t.id in statement.times]
    assert dates == ["mars"]  # "mardi" (the cue's day) and "2019" are outside the content
