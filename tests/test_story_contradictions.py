"""Contradictions between the statements of a story, across and within its articles:
the use of force justified against its qualification as a crime, a denial of any fault
against the reproach it answers, opposite verdicts, counter-accusations. Texts written
for these tests, analysed by the real pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selon.analyse import pipeline
from selon.ingest import article_from_text
from selon.model import Analysis
from selon.reconcile import build
from selon.settings import Settings
from selon.store import Store


def analysed(text: str, published: str, url: str, outlet: str) -> Analysis:
    art = article_from_text(text, Settings(published=published, outlet=outlet))
    art.url = url
    return pipeline.analyze_one(art)


def story_relations(tmp_path: Path, articles: list[Analysis]) -> list[dict[str, Any]]:
    """The relations of the one story the articles make, with each end's source."""
    from selon.store import storyreads

    with Store(tmp_path / "s.duckdb") as store:
        store.write_many(articles)
        build.update(store)
        listed = storyreads.stories(store)
        assert len(listed) == 1
        d = storyreads.story(store, listed[0]["id"])
    source = {st["id"]: st["source"] or "" for st in d["statement_list"]}
    return [{**r, "sources": {source.get(r["a"], ""), source.get(r["b"], "")}}
            for r in d["relations"]]


def test_force_justified_against_a_murder_weeks_later(tmp_path: Path) -> None:
    a = analysed("Un policier de Korvatine a tué un automobiliste lors d'un contrôle routier.\n"
                 "Le procureur Marc Duvel a déclaré que le chauffeur ne représentait pas une "
                 "menace pour le policier de Korvatine.\n",
                 "2024-06-02", "https://a.example/ctrl", "Le Courrier")
    b = analysed("Contrôle routier mortel de Korvatine : le policier sera jugé.\n"
                 "L'avocat du policier, Me Henri Lasalle, a affirmé que son client était dans "
                 "son droit lors du contrôle routier de Korvatine.\n",
                 "2024-06-12", "https://b.example/ctrl", "La Gazette")
    found = [r for r in story_relations(tmp_path, [a, b])
             if "dans son droit" in r["why"] and "pas une menace" in r["why"]]
    assert len(found) == 1


def test_a_denial_of_any_fault_against_the_reproach_naming_the_one_who_denies(
        tmp_path: Path) -> None:
    a = analysed("Une marée noire souille les plages de Korvatine depuis dix jours.\n"
                 "Le ministre Paul Varnet a assuré n'avoir commis aucune erreur dans la gestion "
                 "de la marée noire de Korvatine.\n",
                 "2024-07-02", "https://a.example/oil", "Le Courrier")
    b = analysed("Marée noire de Korvatine : la colère monte sur les plages.\n"
                 "Les pêcheurs de Korvatine estiment que le ministre Paul Varnet a tardé à "
                 "faire pomper le fioul de la marée noire.\n"
                 "Les pêcheurs de Mesulra estiment que l'armateur a tardé à réagir.\n",
                 "2024-07-05", "https://b.example/oil", "La Gazette")
    found = [r for r in story_relations(tmp_path, [a, b]) if "denies" in r["why"]]
    assert len(found) == 1
    assert any("Varnet" in s for s in found[0]["sources"])
    assert any("Korvatine" in s for s in found[0]["sources"])


def test_better_against_horrible_and_a_comparison_agreeing_with_its_standard() -> None:
    from selon.reconcile import conflicts

    a = analysed("Les réfugiés de l'île de Korvatine ont été transférés dans le camp de Pelsa.\n"
                 "Le ministre Paul Varnet a affirmé que les conditions sont meilleures dans le "
                 "camp de Pelsa que dans le camp de Dorvik.\n"
                 "« C'est horrible dans le camp de Pelsa, il n'y a pas d'eau », a raconté Amina, "
                 "une réfugiée.\n"
                 "L'association Abri a déclaré que le camp de Dorvik était insalubre.\n",
                 "2024-08-02", "https://a.example/camp", "Le Courrier")
    by_id = {at.id: at for at in a.attributions}
    found = {frozenset((by_id[c.a].source.text, by_id[c.b].source.text))  # type: ignore[union-attr]
             for c in conflicts.find(a) if "oppositely" in c.why}
    assert found == {frozenset(("Paul Varnet", "Amina"))}


def test_a_calm_vote_against_ballot_stuffing_but_not_against_violences_denied() -> None:
    from selon.reconcile import conflicts

    a = analysed("Les habitants de Korvatine ont élu leur maire dimanche.\n"
                 "Le préfet Paul Varnet a affirmé que le scrutin s'était déroulé dans le calme.\n"
                 "« Dans plusieurs bureaux, nous avons vu des bourrages d'urnes », a déclaré "
                 "Jeanne Morel, candidate de l'opposition.\n"
                 "Selon la gendarmerie, la journée s'est passée sans les violences que l'on "
                 "craignait.\n", "2024-09-02", "https://a.example/vote", "Le Courrier")
    by_id = {at.id: at for at in a.attributions}
    found = {frozenset((by_id[c.a].source.text, by_id[c.b].source.text))  # type: ignore[union-attr]
             for c in conflicts.find(a)}
    assert found == {frozenset(("Paul Varnet", "Jeanne Morel"))}


def test_the_results_of_a_vote_against_their_rejection_in_another_article(
        tmp_path: Path) -> None:
    a = analysed("La commission électorale de Korvatine a proclamé les résultats de la "
                 "présidentielle.\n"
                 "Selon la commission électorale, Jean Morel a obtenu 61% des voix contre 30% "
                 "pour Paul Varnet.\n"
                 "Selon la banque centrale de Korvatine, 40% des habitants vivent sous le seuil "
                 "de pauvreté.\n", "2024-10-02", "https://a.example/res", "Le Courrier")
    b = analysed("Présidentielle de Korvatine : l'opposant Paul Varnet conteste la victoire de "
                 "Jean Morel.\n"
                 "« Je rejette ces résultats fantaisistes », a déclaré Paul Varnet devant la "
                 "commission électorale.\n", "2024-10-03", "https://b.example/res", "La Gazette")
    found = [r["sources"] for r in story_relations(tmp_path, [a, b])]
    assert found == [{"la commission électorale", "Paul Varnet"}]
