"""Titles and roles as evidence for and against joining names across articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from selon.model import Analysis, Article, Entity
from selon.resolve.canonical import resolve
from selon.resolve.titles import conflict, evidence, shared
from selon.store.db import Store


def art(aid: str, text: str, names: list[tuple[str, str]]) -> Analysis:
    entities = []
    for i, (name, mention) in enumerate(names):
        start = text.index(mention)
        entities.append(Entity(f"e{i}", name, "PER", [(start, start + len(mention))]))
    return Analysis(Article(id=aid, text=text), entities=entities)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "t.duckdb") as s:
        yield s


def member(store: Store, aid: str, eid: str = "e0") -> dict[str, str]:
    return store.fetch("SELECT canonical_id, reason FROM canonical_members "
                       "WHERE article_id = ? AND entity_id = ?", [aid, eid])[0]


def test_titles_are_read_before_and_after_a_name() -> None:
    ev = evidence([("Hier, le président russe ", "Vladimir Poutine", " a parlé."),
                   ("a dit ", "Sergueï Lavrov", ", le ministre russe des Affaires étrangères,")])
    assert {(t.role, t.country) for t in ev.titles} == {("président", "ru"), ("ministre", "ru")}
    assert ev.gender == "m"
    assert evidence([("selon ", "Mme Martin", ".")]).gender == "f"
    assert evidence([("a dit M. ", "Martin", ".")]).gender == "m"
    merkel = evidence([("a déclaré la chancelière allemande ", "Angela Merkel", "")])
    assert merkel.roles() == {("chancelier", "de")} and merkel.gender == "f"
    assert evidence([("et ", "Joe Biden", " a dit")]).titles == set()


def test_conflicts_and_shared_titles() -> None:
    ru = evidence([("le président russe ", "Poutine", "")])
    ua = evidence([("le président ukrainien ", "Zelensky", "")])
    assert conflict(ru, ua) and "ukrainien" in str(conflict(ru, ua))
    assert conflict(evidence([("", "M. Martin", "")]), evidence([("", "Mme Martin", "")]))
    assert conflict(ru, evidence([("le ministre ukrainien ", "Poutine", "")])) is None
    assert shared(ru, evidence([("selon le président russe ", "Vladimir Poutine", "")])) \
        == "le président russe"


def test_a_surname_with_the_title_of_one_full_name_joins_it(store: Store) -> None:
    store.write(art("a1", "Le président russe Vladimir Poutine a parlé.",
                    [("Vladimir Poutine", "Vladimir Poutine")]))
    store.write(art("a2", "Le chanteur Paul Poutine a chanté.", [("Paul Poutine", "Paul Poutine")]))
    store.write(art("a3", "Selon le président russe Poutine, rien ne change.",
                    [("Poutine", "Poutine")]))
    store.write(art("a4", "Un certain Poutine a répondu.", [("Poutine", "Poutine")]))
    resolve(store)
    assert member(store, "a3")["canonical_id"] == member(store, "a1")["canonical_id"]
    assert "le président russe" in member(store, "a3")["reason"].lower()
    assert member(store, "a4")["canonical_id"] not in {member(store, "a1")["canonical_id"],
                                                       member(store, "a2")["canonical_id"]}


def test_a_woman_never_joins_a_man_by_surname(store: Store) -> None:
    store.write(art("a1", "M. Jean Martin a parlé, puis Mme Martin a répondu.",
                    [("Jean Martin", "M. Jean Martin"), ("Martin", "Mme Martin")]))
    resolve(store)
    assert member(store, "a1", "e0")["canonical_id"] != member(store, "a1", "e1")["canonical_id"]


def test_same_role_in_two_countries_keeps_close_names_apart(store: Store) -> None:
    store.write(art("a1", "Le ministre russe Sergueï Ivanov a parlé.",
                    [("Sergueï Ivanov", "Sergueï Ivanov")]))
    store.write(art("a2", "Le ministre ukrainien Sergei Ivanova a parlé.",
                    [("Sergei Ivanova", "Sergei Ivanova")]))
    store.write(art("a3", "Le ministre russe Sergei Ivanova a parlé.",
                    [("Sergei Ivanova", "Sergei Ivanova")]))
    resolve(store)
    first = member(store, "a1")["canonical_id"]
    assert member(store, "a2")["canonical_id"] != first


def test_a_role_without_country_joins_only_when_one_full_name_carried_it(store: Store) -> None:
    store.write(art("a1", "Le président Donald Trump a parlé.", [("Donald Trump", "Donald Trump")]))
    store.write(art("a2", "Son fils Eric Trump a répondu.", [("Eric Trump", "Eric Trump")]))
    store.write(art("a3", "Le président Trump a tweeté.", [("Trump", "Trump")]))
    store.write(art("a4", "Le ministre Jean Dubois et le ministre Paul Dubois.",
                    [("Jean Dubois", "Jean Dubois"), ("Paul Dubois", "Paul Dubois")]))
    store.write(art("a5", "Le ministre Dubois a parlé.", [("Dubois", "Dubois")]))
    resolve(store)
    assert member(store, "a3")["canonical_id"] == member(store, "a1")["canonical_id"]
    assert "several full names" in member(store, "a5")["reason"]
