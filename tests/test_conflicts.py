"""Conflicts within one article (selon.reconcile.conflicts) on sentences written for
these tests, analysed by the real pipeline."""

from __future__ import annotations

import pytest

from selon.analyse import pipeline
from selon.ingest import article_from_text
from selon.model import Analysis
from selon.output import from_json, to_json
from selon.reconcile import conflicts
from selon.settings import Settings


def analyse(text: str) -> Analysis:
    return pipeline.analyze_one(article_from_text(text, Settings(published="2025-03-04")))


def pairs(a: Analysis) -> set[tuple[str, str]]:
    text = a.article.text
    by_id = {at.id: text[at.content[0]:at.content[1]] for at in a.attributions}
    return {(by_id[c.a], by_id[c.b]) for c in a.conflicts}


def test_denial_pointing_back_at_a_claim() -> None:
    a = analyse("Le ministère de la Défense a affirmé mardi que ses troupes avaient repris le "
                "village de Valmont. Le maire de la commune a démenti cette information.")
    assert pairs(a) == {("ses troupes avaient repris le village de Valmont", "cette information")}
    assert "Le maire" in a.conflicts[0].why


def test_counter_claim_in_the_rejecting_sentence() -> None:
    a = analyse("Le gouverneur a déclaré que le barrage avait tenu. L'ingénieur en chef a rejeté "
                "cette affirmation et a déclaré que la digue nord avait cédé dans la nuit.")
    assert ("le barrage avait tenu", "la digue nord avait cédé dans la nuit") in pairs(a)
    assert ("le barrage avait tenu", "cette affirmation") in pairs(a)


def test_different_figures_for_the_same_count() -> None:
    a = analyse("Selon la police, 120 manifestants ont été arrêtés samedi à Lyon. Les "
                "organisateurs ont affirmé que 450 manifestants avaient été arrêtés.")
    assert len(a.conflicts) == 1
    assert "120" in a.conflicts[0].why and "450" in a.conflicts[0].why


def test_figures_inside_each_others_bounds_agree() -> None:
    a = analyse("Selon la police, environ 400 manifestants ont été arrêtés samedi à Lyon. Les "
                "organisateurs ont affirmé que 420 manifestants avaient été arrêtés.")
    assert a.conflicts == []


def test_incompatible_descriptions_of_one_event() -> None:
    a = analyse("Les autorités ont assuré qu'il s'agissait d'un accident. Un groupe armé a "
                "revendiqué une attaque délibérée contre le site, a affirmé son porte-parole.")
    # the group's claim and its spokesman's report of it each contradict the authorities
    assert a.conflicts
    assert all(c.a == "a1" and "accident" in c.why and "attaque" in c.why
               for c in a.conflicts)


def test_a_suicide_attack_is_no_account_of_a_suicide() -> None:
    a = analyse("Le groupe armé a revendiqué un attentat suicide contre la caserne. Un témoin "
                "a raconté que son voisin avait été tué dans l'explosion.")
    assert len(a.attributions) >= 2
    assert a.conflicts == []
    b = analyse("La police a affirmé qu'il s'agissait d'un suicide dans sa cellule. Son avocat "
                "a assuré que le détenu avait été tué par un gardien.")
    assert any("suicid" in c.why and "tué" in c.why for c in b.conflicts)


def test_denial_repeating_the_claim() -> None:
    a = analyse("Le maire a déclaré que la route serait rouverte jeudi. Le préfet a nié que la "
                "route serait rouverte jeudi.")
    assert len(pairs(a)) == 1


@pytest.mark.parametrize("text", [
    "Le maire a déclaré que la route serait rouverte jeudi. Le préfet a indiqué que les "
    "travaux du pont commenceraient en mai.",
    "Il pleuvait sur la ville et personne ne parlait.",
    "",
])
def test_no_conflict_without_evidence(text: str) -> None:
    if not text:
        assert conflicts.find(Analysis(article=article_from_text("x", Settings()))) == []
        return
    assert analyse(text).conflicts == []


def test_conflicts_survive_the_json_round_trip() -> None:
    a = analyse("Le maire a déclaré que la route serait rouverte jeudi. Le préfet a nié que la "
                "route serait rouverte jeudi.")
    record = to_json(a)
    assert record["conflicts"] and record["conflicts"][0]["type"] == "contradicts"
    assert from_json(record).conflicts == a.conflicts


def test_the_store_keeps_an_articles_conflicts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from selon.store import Store

    a = analyse("Le maire a déclaré que la route serait rouverte jeudi. Le préfet a nié que la "
                "route serait rouverte jeudi.")
    assert a.conflicts
    with Store(tmp_path / "s.duckdb") as store:
        store.write(a)
        assert store.load_analysis(a.article.id).conflicts == a.conflicts
