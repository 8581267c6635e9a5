"""The selon_entities component: corrected NER spans, nominal organisations, coreference.

Sentences are written for these tests. Where a test must not depend on what the
statistical NER happens to find, it sets ``doc.ents`` by hand and runs the
component again on the parsed doc.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from selon.analyse.entities.component import EntitiesComponent, entity_at
from selon.analyse.entities.rules import EntityRules
from selon.model import Entity


@pytest.fixture(scope="module")
def component() -> EntitiesComponent:
    return EntitiesComponent("fr")


def run(nlp: Language, text: str) -> tuple[str, list[Entity]]:
    doc = nlp(text)
    return text, list(doc._.selon_entities)


def with_ents(nlp: Language, component: EntitiesComponent, text: str,
              ents: list[tuple[str, str, int]]) -> tuple[Doc, list[Entity]]:
    """Parse ``text``, replace the NER output by ``ents`` ((surface, label, occurrence)),
    and run the entity component again."""
    doc = nlp(text)
    spans = []
    for surface, label, occurrence in ents:
        start = -1
        for _ in range(occurrence):
            start = text.index(surface, start + 1)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    component(doc)
    return doc, list(doc._.selon_entities)


def surfaces(text: str, entity: Entity) -> list[str]:
    return [text[s:e] for s, e in entity.mentions]


def find(entities: list[Entity], surface: str, text: str) -> Entity:
    hits = [e for e in entities if surface in surfaces(text, e)]
    assert hits, f"{surface!r} is not a mention: {[surfaces(text, e) for e in entities]}"
    return hits[0]


def all_mentions(text: str, entities: list[Entity]) -> list[str]:
    return [m for e in entities for m in surfaces(text, e)]


# -------------------------------------------------------------- corrected spans


def test_person_cut_short_is_extended(nlp: Language, component: EntitiesComponent) -> None:
    text = "Le dirigeant Kim Jong Un a inspecté une usine de la capitale."
    _, ents = with_ents(nlp, component, text, [("Kim Jong", "PER", 1)])
    assert all_mentions(text, ents) == ["Kim Jong Un"]


def test_span_is_cut_at_line_break(nlp: Language, component: EntitiesComponent) -> None:
    text = "Le port a rouvert, selon Reuters\nNous remercions nos lecteurs fidèles."
    _, ents = with_ents(nlp, component, text, [("Reuters\nNous", "ORG", 1)])
    assert all_mentions(text, ents) == ["Reuters"]


def test_place_noun_and_de_are_stripped(nlp: Language, component: EntitiesComponent) -> None:
    text = "Les combats continuent dans la région de Belgorod depuis lundi."
    _, ents = with_ents(nlp, component, text, [("région de Belgorod", "LOC", 1)])
    assert all_mentions(text, ents) == ["Belgorod"]
    assert ents[0].type == "LOC"


def test_role_title_is_not_in_the_mention(nlp: Language, component: EntitiesComponent) -> None:
    text = "Hier, le Premier ministre Marco Bellini a démissionné à Rome."
    _, ents = with_ents(nlp, component, text,
                        [("Premier ministre Marco Bellini", "MISC", 1), ("Rome", "LOC", 1)])
    person = find(ents, "Marco Bellini", text)
    assert person.type == "PER"
    assert "Premier ministre" not in " ".join(all_mentions(text, ents))


def test_role_before_name_makes_a_person(nlp: Language, component: EntitiesComponent) -> None:
    text = "Le Premier ministre grec Nikos Andreou a fixé la date du scrutin."
    _, ents = with_ents(nlp, component, text, [("Nikos Andreou", "LOC", 1)])
    assert [e.type for e in ents] == ["PER"]


def test_capitalised_common_word_in_heading_is_dropped(
        nlp: Language, component: EntitiesComponent) -> None:
    text = "« Chèvre à vendre »\nLe fermier a vendu sa chèvre au marché de Rodez."
    _, ents = with_ents(nlp, component, text, [("Chèvre", "PER", 1), ("Rodez", "LOC", 1)])
    assert all_mentions(text, ents) == ["Rodez"]


def test_sentence_initial_article_and_noun_dropped(
        nlp: Language, component: EntitiesComponent) -> None:
    text = "La sécheresse menace les récoltes. Les éleveurs de Bretagne s'inquiètent."
    _, ents = with_ents(nlp, component, text,
                        [("La sécheresse", "MISC", 1), ("Bretagne", "LOC", 1)])
    assert all_mentions(text, ents) == ["Bretagne"]


def test_states_alone_is_not_a_place(nlp: Language) -> None:
    text, ents = run(nlp, "Il est interdit aux États membres de vendre des armes au régime.")
    assert "États" not in all_mentions(text, ents)


def test_demonym_is_not_a_place(nlp: Language, component: EntitiesComponent) -> None:
    text = "Les Marocains ont fêté la victoire dans les rues de Rabat."
    _, ents = with_ents(nlp, component, text, [("Marocains", "LOC", 1), ("Rabat", "LOC", 1)])
    assert all_mentions(text, ents) == ["Rabat"]


def test_article_stripped_when_name_is_met_elsewhere(
        nlp: Language, component: EntitiesComponent) -> None:
    text = "L'Autriche a fermé ses frontières. La décision de l'Autriche surprend Berlin."
    _, ents = with_ents(nlp, component, text, [("L'Autriche", "LOC", 1), ("Autriche", "LOC", 2),
                                               ("Berlin", "LOC", 1)])
    assert surfaces(text, ents[0]) == ["Autriche", "Autriche"]


def test_hyphen_compound_of_known_names_is_split(
        nlp: Language, component: EntitiesComponent) -> None:
    text = "Sommet Chili-Pérou\nLe Chili et le Pérou ont signé un accord commercial."
    _, ents = with_ents(nlp, component, text, [("Sommet Chili-Pérou", "LOC", 1),
                                               ("Chili", "LOC", 2), ("Pérou", "LOC", 2)])
    chili, peru = find(ents, "Chili", text), find(ents, "Pérou", text)
    assert len(chili.mentions) == 2 and len(peru.mentions) == 2
    assert chili.id != peru.id


def test_majority_type_per_name(nlp: Language, component: EntitiesComponent) -> None:
    text = "Selon Interfax, le port est fermé. Interfax cite un officier. Interfax insiste."
    _, ents = with_ents(nlp, component, text, [("Interfax", "ORG", 1), ("Interfax", "MISC", 2),
                                               ("Interfax", "ORG", 3)])
    assert [(e.name, e.type, len(e.mentions)) for e in ents] == [("Interfax", "ORG", 3)]


def test_acronym_is_an_organisation(nlp: Language, component: EntitiesComponent) -> None:
    text = "La NASA a publié des images de la sonde."
    _, ents = with_ents(nlp, component, text, [("NASA", "PER", 1)])
    assert [e.type for e in ents] == ["ORG"]


def test_single_letters_numbers_and_unit_symbols_are_not_entities(
        nlp: Language, component: EntitiesComponent) -> None:
    text = "Il a fait 2 °C à Lille, 40 km plus au nord, et 12.500 habitants ont eu froid."
    _, ents = with_ents(nlp, component, text, [("C", "LOC", 1), ("Lille", "LOC", 1),
                                               ("km", "ORG", 1), ("12.500", "MISC", 1)])
    assert all_mentions(text, ents) == ["Lille"]


def test_number_words_opening_a_mention_are_left_out(
        nlp: Language, component: EntitiesComponent) -> None:
    text = "Onze Etats ont voté contre. Quinze délégués de Savoie et les Deux-Sèvres aussi."
    _, ents = with_ents(nlp, component, text, [("Onze Etats", "MISC", 1), ("Quinze", "LOC", 1),
                                               ("Savoie", "LOC", 1), ("Deux-Sèvres", "LOC", 1)])
    assert all_mentions(text, ents) == ["Savoie", "Deux-Sèvres"]


def test_organisation_words_make_an_organisation(
        nlp: Language, component: EntitiesComponent) -> None:
    text = ("Le cargo de Baltic Shipmanagement a été saisi. Le Parti vert alpin proteste. "
            "Le Tour de Bretagne regrette.")
    _, ents = with_ents(nlp, component, text, [("Baltic Shipmanagement", "PER", 1),
                                               ("Parti vert alpin", "MISC", 1),
                                               ("Tour de Bretagne", "MISC", 1)])
    assert [(e.name, e.type) for e in ents] == [
        ("Baltic Shipmanagement", "ORG"), ("Parti vert alpin", "ORG"),
        ("Tour de Bretagne", "MISC")]


def test_organisation_word_cut_off_is_joined(nlp: Language,
                                             component: EntitiesComponent) -> None:
    text = "Il a parlé dimanche à la télévision KTV News depuis Lyon."
    _, ents = with_ents(nlp, component, text, [("KTV", "ORG", 1), ("News", "PER", 1),
                                               ("Lyon", "LOC", 1)])
    assert [(e.name, e.type) for e in ents] == [("KTV News", "ORG"), ("Lyon", "LOC")]


def test_a_noun_in_apposition_makes_an_organisation(
        nlp: Language, component: EntitiesComponent) -> None:
    text = ("Le navire de l'armateur norvégien Fjordline a accosté. Brennar, la compagnie "
            "islandaise, a protesté. La société Paul Lemaire a fermé. Le patron du groupe "
            "Marc Dubois a parlé. L'armateur grec Aristote Kallas a ri.")
    _, ents = with_ents(nlp, component, text, [
        ("Fjordline", "MISC", 1), ("Brennar", "PER", 1), ("Paul Lemaire", "PER", 1),
        ("Marc Dubois", "PER", 1), ("Aristote Kallas", "PER", 1)])
    assert [(e.name, e.type) for e in ents] == [
        ("Fjordline", "ORG"), ("Brennar", "ORG"), ("Paul Lemaire", "ORG"),
        ("Marc Dubois", "PER"), ("Aristote Kallas", "PER")]


def test_an_organisation_by_apposition_is_not_a_persons_short_name(
        nlp: Language, component: EntitiesComponent) -> None:
    text = "L'entreprise Vardel organise un séminaire présidé par Pierre Vardel à Metz."
    _, ents = with_ents(nlp, component, text, [("Vardel", "MISC", 1), ("Pierre Vardel", "PER", 1),
                                               ("Metz", "LOC", 1)])
    assert [(surfaces(text, e), e.type) for e in ents] == [
        (["Vardel"], "ORG"), (["Pierre Vardel"], "PER"), (["Metz"], "LOC")]


def test_byline_outlet_and_agency_are_organisations(nlp: Language) -> None:
    text, ents = run(nlp, "Le Courrier du Plateau avec AFP, publié le lundi 3 mai 2021 à 10h00\n"
                          "Le maire de Lille a inauguré le pont.")
    outlet = find(ents, "Le Courrier du Plateau", text)
    assert outlet.type == "ORG"
    assert find(ents, "AFP", text).type == "ORG"


# -------------------------------------------------------------- nominal organisations


def test_nominal_organisations_without_article(nlp: Language) -> None:
    text, ents = run(nlp, "Le gouvernement portugais a protesté. L'état-major général de "
                          "l'armée polonaise a démenti. Le ministère de la Santé a publié "
                          "un bilan.")
    mentions = all_mentions(text, ents)
    assert "gouvernement portugais" in mentions
    assert "état-major général de l'armée polonaise" in mentions
    assert find(ents, "gouvernement portugais", text).type == "ORG"


def test_nominal_needs_a_qualifier_and_a_definite_article(nlp: Language) -> None:
    text, ents = run(nlp, "Son gouvernement a tenu bon. Un ministère a été créé. "
                          "Le gouvernement a démissionné.")
    assert not [m for m in all_mentions(text, ents) if "gouvernement" in m or "ministère" in m]


def test_nominal_with_a_name_in_apposition_is_left_to_the_name(nlp: Language) -> None:
    text, ents = run(nlp, "Le texte a été diffusé par l'agence de presse officielle "
                          "chinoise Xinhua.")
    assert all_mentions(text, ents) == ["Xinhua"]


# -------------------------------------------------------------- coreference


def test_title_and_surname_join_the_full_name(nlp: Language) -> None:
    text, ents = run(nlp, "Le ministre Jean Dupuis a parlé mardi à Lyon. M. Dupuis a ajouté "
                          "que Dupuis resterait en poste.")
    person = find(ents, "Jean Dupuis", text)
    assert surfaces(text, person) == ["Jean Dupuis", "M. Dupuis", "Dupuis"]
    assert person.name == "Jean Dupuis" and person.type == "PER"


def test_family_name_first_and_hyphen_variants(nlp: Language,
                                               component: EntitiesComponent) -> None:
    text = ("Le dirigeant Park Min Ho a reçu un émissaire. Selon Park Min-ho, la visite est "
            "historique. M. Park a salué Mme Lefort.")
    _, ents = with_ents(nlp, component, text, [("Park Min Ho", "PER", 1), ("Park Min-ho", "PER", 1),
                                               ("M. Park", "PER", 1), ("Mme Lefort", "PER", 1)])
    park = find(ents, "Park Min Ho", text)
    assert surfaces(text, park) == ["Park Min Ho", "Park Min-ho", "M. Park"]
    assert find(ents, "Mme Lefort", text).id != park.id


def test_acronym_in_parentheses_joins_long_form(nlp: Language) -> None:
    text, ents = run(nlp, "L'Organisation mondiale du commerce (OMC) a tranché. Selon l'OMC, "
                          "la décision est définitive.")
    org = find(ents, "Organisation mondiale du commerce", text)
    assert surfaces(text, org).count("OMC") == 2


def test_short_org_joins_nearest_longer_form_with_same_qualifier(nlp: Language) -> None:
    text, ents = run(nlp, "Le Département d'État de la Corée du Nord a protesté. Le département "
                          "d'État américain a réagi lundi. Le Département d'État des États-Unis a "
                          "confirmé. Plus tard, le porte-parole du département d'État a précisé.")
    us = find(ents, "département d'État américain", text)
    assert "Département d'État des États-Unis" in surfaces(text, us)
    assert "département d'État" in surfaces(text, us)
    north = find(ents, "Département d'État de la Corée du Nord", text)
    assert north.id != us.id and len(north.mentions) == 1


def test_ids_in_order_of_first_mention_and_sorted_mentions(nlp: Language) -> None:
    _text, ents = run(nlp, "Marie Curie est née à Varsovie. Curie a étudié à Paris, "
                           "loin de Varsovie.")
    assert [e.id for e in ents] == [f"e{i}" for i in range(1, len(ents) + 1)]
    firsts = [e.mentions[0][0] for e in ents]
    assert firsts == sorted(firsts)
    for e in ents:
        assert e.mentions == sorted(e.mentions)


def test_mentions_never_overlap(nlp: Language) -> None:
    _text, ents = run(nlp, "Le ministère des Affaires étrangères de la France a convoqué "
                          "l'ambassadeur du Mali à Paris.")
    spans = sorted(m for e in ents for m in e.mentions)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


# -------------------------------------------------------------- boilerplate, helper, data


def test_boilerplate_lines_have_no_mentions(nlp: Language) -> None:
    text, ents = run(nlp, "Le maire de Nantes a inauguré le pont.\n"
                          "Soutenez Radio Bretagne à partir de 2€\n"
                          "Faites un don à Radio Bretagne pour son journalisme.")
    assert "Radio Bretagne" not in " ".join(all_mentions(text, ents))


def test_entity_at_finds_the_overlapping_entity(nlp: Language) -> None:
    text = "Le chancelier Karl Weber a rencontré des élus à Vienne."
    doc = nlp(text)
    start = text.index("Weber")
    found = entity_at(doc, start, start + 5)
    assert found is not None and found.type == "PER"
    assert entity_at(doc, 0, 2) is None


def test_name_keys_ignore_case_accents_titles_and_qualify_countries() -> None:
    rules = EntityRules.for_lang("fr")
    assert rules.key("Kim Jong-un") == rules.key("Kim Jong Un")
    assert rules.key("M. Dupuis") == rules.key("Dupuis")
    us = rules.key("département d'État américain")
    assert us == rules.key("Département d’État des Etats-Unis")
    assert rules.key("Département d'État de la RPDC") != rules.key("département d'État américain")


# -------------------------------------------------------------- the reference article


def test_seed_entity_scores(shared: Path, tmp_path: Path) -> None:
    from selon.analyse import pipeline
    from selon.model import Article
    from selon.output import to_json

    text = (shared / "seed" / "000_6ea505d4c5c787ac.txt").read_text(encoding="utf-8")
    analysis = pipeline.analyze_one(Article(id="seed", text=text))
    pred = tmp_path / "seed.json"
    pred.write_text(json.dumps(to_json(analysis), ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), str(shared / "gold" / "seed.gold.json"),
         str(pred), "--min", "entity_exact_f1=0.98", "--min", "entity_cluster_f1=0.98",
         "--min", "entity_typed_f1=0.98"],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
