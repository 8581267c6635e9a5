"""Birth years and roles the articles give, weighed when an entity is screened: on
articles and a list written for these tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from selon.model import Analysis, Article, Entity
from selon.resolve.canonical import resolve
from selon.resolve.facts import birth_years, entry_years
from selon.resolve.screen import COUNTRY_PENALTY
from selon.resolve.watchlists.load import add
from selon.store import resolution as rs
from selon.store.db import Store


def article(aid: str, text: str, name: str, published: date | None = None) -> Analysis:
    start = text.index(name)
    return Analysis(Article(id=aid, text=text, published=published),
                    entities=[Entity("e0", name, "PER", [(start, start + len(name))])])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "f.duckdb") as s:
        yield s


def ftm_list(tmp_path: Path, **props: list[str]) -> Path:
    """A one-entry FollowTheMoney list: « Boris Exemplov » with these properties."""
    path = tmp_path / "one.ftm.jsonl"
    path.write_text(json.dumps({"id": "t-1", "schema": "Person", "properties": {
        "name": ["Boris Exemplov"], **props}}) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("after,published,years", [
    (", né en 1948, a supervisé le tir", None, {1948}),
    (", née le 9 mars 1944 à Kaesong, a parlé", None, {1944}),
    (", 61 ans, a répondu", date(2025, 6, 18), {1964}),
    (" (61 ans) a répondu", date(2025, 6, 18), {1964}),
    (", âgé de 61 ans, a répondu", date(2025, 6, 18), {1964}),
    (", 61 ans, a répondu", None, set()),           # no date: no year from an age
    (" a parlé. Son fils, né en 1990, aussi.", None, set()),  # another sentence
    (" a parlé pendant 20 ans", date(2025, 6, 18), set()),
])
def test_birth_years_after_a_name(after: str, published: date | None,
                                  years: set[int]) -> None:
    assert set(birth_years(after, published)) == years


def test_years_of_an_entry_s_birth_dates() -> None:
    assert entry_years(["1944-03-09", "01 Jan 1960", "1955 to 1957"]) == {
        1944, 1960, 1955, 1956, 1957}
    assert entry_years(["circa 1970"]) == {1970}


def test_a_birth_year_and_a_role_the_entry_records_are_in_the_reason(
        store: Store, tmp_path: Path) -> None:
    store.write(article("a1", "Boris Exemplov, vice-président de la Compagnie fictive, né "
                        "en 1961, a signé le contrat.", "Boris Exemplov"))
    resolve(store)
    add(store, ftm_list(tmp_path, birthDate=["1961-04-02"],
                        position=["Vice Chairman of the Fictive Company"]), name="T")
    (flag,) = rs.flagged(store)[0]["flags"]
    assert "born 1961 (« né en 1961 »), as the entry" in flag["reason"]
    assert "as the entry's position « Vice Chairman of the Fictive Company »" in flag["reason"]


def test_a_role_is_not_its_vice() -> None:
    from selon.resolve.facts import Facts, compare_facts
    from selon.resolve.titles import Title

    facts = Facts(titles={Title("président", None, "le président de la Compagnie")})
    assert compare_facts(facts, [], ["Vice Chairman of the Company"]).noted == []
    said = compare_facts(facts, [], ["Chairman of the Company"])
    assert said.noted and said.agree == said.against == []  # noted, not weighed


def test_a_birth_year_far_from_the_entry_s_lowers_the_score(store: Store,
                                                            tmp_path: Path) -> None:
    store.write(article("a1", "Boris Exemplov, 24 ans, a gagné la course.",
                        "Boris Exemplov", date(2025, 6, 18)))
    resolve(store)
    add(store, ftm_list(tmp_path, birthDate=["1950"]), name="T")
    (flag,) = rs.flagged(store)[0]["flags"]
    assert flag["score"] == pytest.approx(1.0 - COUNTRY_PENALTY)
    assert "born 2001 (« 24 ans »), the entry 1950" in flag["reason"]
    # the same name and list without the birth date: the full score, no word of a year
    add(store, ftm_list(tmp_path), name="T")
    (flag,) = rs.flagged(store)[0]["flags"]
    assert flag["score"] == 1.0 and "born" not in flag["reason"]
