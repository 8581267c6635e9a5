"""What makes a watchlist flag right: name words that truly meet, the nationality the
articles give the person, and namesakes left unflagged unless the evidence picks one.
Sentences written for these tests, analysed by the real pipeline; lists written here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from selon.analyse.pipeline import analyze_one
from selon.model import Article
from selon.resolve.canonical import resolve
from selon.resolve.facts import nationality_nouns, nationality_of
from selon.resolve.matcher import compare
from selon.resolve.titles import evidence
from selon.resolve.watchlists.load import add
from selon.store import resolution as rs
from selon.store.db import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "s.duckdb") as s:
        yield s


def write(store: Store, aid: str, text: str) -> None:
    store.write(analyze_one(Article(id=aid, text=text, published=date(2020, 6, 1))))
    resolve(store)


def ftm_list(tmp_path: Path, *entries: dict[str, Any]) -> Path:
    """A FollowTheMoney list of people: each entry its id, name and other properties."""
    path = tmp_path / "list.ftm.jsonl"
    path.write_text("".join(json.dumps({"id": e["id"], "schema": "Person", "properties": {
        k: v for k, v in e.items() if k != "id"}}) + "\n" for e in entries), encoding="utf-8")
    return path


def flags(store: Store) -> dict[str, list[dict[str, Any]]]:
    return {row["name"]: row["flags"] for row in rs.flagged(store)}


def test_a_name_word_met_only_by_edit_distance_is_another_name(store: Store,
                                                               tmp_path: Path) -> None:
    assert compare("Karim Chariati", "Karim SHARIFI").weakest == pytest.approx(0.85)
    assert compare("George W. Bush", "George Walker BUSH").weakest == 1.0  # initials aside
    write(store, "a1", "Le gouverneur de la province, Karim Chariati, a fermé les écoles "
                       "mardi. Abou Mehdi Karimi, chef de la milice, a démenti.")
    add(store, ftm_list(tmp_path, {"id": "t-1", "name": ["Karim SHARIFI"]},
                        {"id": "t-2", "name": ["Abu Mahdi KARIMI"]}), name="T")
    found = flags(store)
    # « Chariati » meets « Sharifi » only by two edits (0.85): no flag; « Mehdi » meets
    # « Mahdi » by one vowel (0.89), a transcription: flagged
    assert "Karim Chariati" not in found
    assert [f["entry_id"] for f in found["Abou Mehdi Karimi"]] == ["t-2"]


def test_the_nationality_said_of_the_person_weighs_against_another_country(
        store: Store, tmp_path: Path) -> None:
    write(store, "a1", "La police autrichienne a arrêté mardi à Vienne l'Algérien Karim "
                       "Benali et le Pakistanais Mohamed Usmani, selon le parquet.")
    add(store, ftm_list(tmp_path, {"id": "t-1", "name": ["Mohammed USMANI"],
                                   "nationality": ["ng"]}), name="T")
    assert flags(store) == {}  # a Pakistani is not the Nigerian of the list
    # the same article and an entry of his nationality: flagged, the words in the reason
    add(store, ftm_list(tmp_path, {"id": "t-1", "name": ["Mohammed USMANI"],
                                   "nationality": ["pk"]}), name="T")
    (flag,) = flags(store)["Mohamed Usmani"]
    assert "« le Pakistanais », as the entry (pk)" in flag["reason"]


def test_a_title_s_adjective_is_the_person_s_nationality(store: Store,
                                                         tmp_path: Path) -> None:
    write(store, "a1", "Le ministre afghan Karim Sadeqi a défendu mardi le plan de paix "
                       "devant les députés.")
    write(store, "a2", "Le porte-parole du gouvernement afghan, Farid Sadeqi, a défendu "
                       "mardi le plan de paix.")
    add(store, ftm_list(tmp_path, {"id": "t-1", "name": ["Karim SADEQI"],
                                   "nationality": ["ir"]},
                        {"id": "t-2", "name": ["Farid SADEQI"], "nationality": ["ir"]}),
        name="T")
    found = flags(store)
    # « afghan » is said of the minister: an Afghan is not the Iranian of the list
    assert "Karim Sadeqi" not in found
    # it is said of the government, not of its spokesman: nothing against him
    assert [f["entry_id"] for f in found["Farid Sadeqi"]] == ["t-2"]
    assert "afghan" not in found["Farid Sadeqi"][0]["reason"]


def test_an_office_s_country_outweighs_the_countries_an_article_names(
        store: Store, tmp_path: Path) -> None:
    write(store, "a1", "Les frontières avec le Mexique restent fermées, a indiqué mardi le "
                       "chef du gouvernement espagnol Pablo Moreno, qui doit se rendre au "
                       "Portugal.")
    add(store, ftm_list(tmp_path, {"id": "t-1", "name": ["Pablo MORENO SALAZAR"],
                                   "nationality": ["mx"]}), name="T")
    # a second surname the article leaves out needs the entry's country: the article
    # names Mexico, but the man it names is the head of the Spanish government
    assert flags(store) == {}


def test_nationality_words_next_to_a_name() -> None:
    assert nationality_nouns("ont arrêté l'Algérien Karim Benali et du Pakistanais ",
                             ".") == {"pk": "du Pakistanais"}
    assert nationality_nouns("a dit ", ", un Marocain de 30 ans, au juge") == {
        "ma": "un Marocain"}
    assert nationality_nouns("selon le Hezbollah ", "") == {}  # no country's people
    # an office of a country is its holder's nationality; a government near a name is not
    assert nationality_nouns("a dit le chef du gouvernement espagnol ", ", lundi") == {
        "es": "le chef du gouvernement espagnol"}
    assert nationality_nouns("a dit ", ", le chef de la diplomatie iranienne, à Rome") == {
        "ir": "le chef de la diplomatie iranienne"}
    assert nationality_nouns("a critiqué le gouvernement afghan ", "") == {}
    said = {t.phrase: nationality_of(t) for t in evidence([
        ("a déclaré le Premier ministre espagnol ", "X Y", ""),
        ("a déclaré ", "X Y", ", le chef du mouvement libanais du Hezbollah"),
        ("selon le porte-parole du gouvernement afghan ", "X Y", "")]).titles}
    assert said == {"ministre espagnol": "es",  # « Premier » is not read as a role
                    "le porte-parole du gouvernement afghan": None}


def test_namesakes_on_one_list_flag_only_the_one_the_evidence_picks(
        store: Store, tmp_path: Path) -> None:
    write(store, "a1", "Un habitant du quartier de Bagdad, Mohammed Ibrahim, né en 1975, a "
                       "raconté la nuit de l'incendie.")
    namesakes = ({"id": "t-1", "name": ["Mohammed IBRAHIM"], "nationality": ["iq"],
                  "birthDate": ["1975-02-01"]},
                 {"id": "t-2", "name": ["Mohamed IBRAHIM"], "nationality": ["sd"],
                  "birthDate": ["1960"]})
    add(store, ftm_list(tmp_path, *namesakes), name="T")
    # the birth year the article gives is the first one's only
    assert [f["entry_id"] for f in flags(store)["Mohammed Ibrahim"]] == ["t-1"]
    # without dates, the country the article names (Iraq) says nothing of which one it
    # means, and the other's country absent from it is no evidence for the first
    add(store, ftm_list(tmp_path, *({k: v for k, v in e.items() if k != "birthDate"}
                                    for e in namesakes)), name="T")
    assert flags(store) == {}
