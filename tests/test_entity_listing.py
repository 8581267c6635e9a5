"""Entity listings and pages by canonical entity: one person spelled three ways is one
row and one page, with the statements of all its members."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from selon.cli import main
from selon.model import Analysis, Article, Attribution, Entity, Party
from selon.resolve.canonical import resolve
from selon.store import entityreads
from selon.store.db import Store


def said(aid: str, text: str, names: list[tuple[str, str, str]], speaker: str,
         content: str) -> Analysis:
    """An article whose entities are (name, type, mention) and one statement by the
    entity whose mention is ``speaker``, with ``content`` as its content."""
    entities = []
    for i, (name, type_, mention) in enumerate(names):
        start = text.index(mention)
        entities.append(Entity(f"e{i}", name, type_, [(start, start + len(mention))]))
    who = next(e for e in entities if text[e.mentions[0][0]:e.mentions[0][1]] == speaker)
    s, c = text.index(speaker), text.index(content)
    attr = Attribution("a0", "indirect", (c, c + len(content)), None, None,
                       Party(speaker, (s, s + len(speaker)), who.id))
    return Analysis(Article(id=aid, text=text), entities=entities, attributions=[attr])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "e.duckdb") as s:
        s.write(said("a1", "Sergueï Choïgou a dit que les troupes partiraient.",
                     [("Sergueï Choïgou", "PER", "Sergueï Choïgou")],
                     "Sergueï Choïgou", "les troupes partiraient"))
        s.write(said("a2", "Sergei Shoigu said the plan was ready.",
                     [("Sergei Shoigu", "PER", "Sergei Shoigu")],
                     "Sergei Shoigu", "the plan was ready"))
        s.write(said("a3", "Ivan Petrov a affirmé que Choïgou avait menti.",
                     [("Ivan Petrov", "PER", "Ivan Petrov"), ("Choïgou", "PER", "Choïgou")],
                     "Ivan Petrov", "Choïgou avait menti"))
        s.write(said("a4", "Marc Durand estime que Sergueï Choïgou partira. Choïgou l'a nié.",
                     [("Marc Durand", "PER", "Marc Durand"),
                      ("Sergueï Choïgou", "PER", "Sergueï Choïgou")],
                     "Marc Durand", "Sergueï Choïgou partira"))
        yield s


def test_a_canonical_person_is_one_row_with_its_spellings(store: Store) -> None:
    before = entityreads.listing(store, type="PER")
    assert not any(r["canonical"] for r in before)  # not resolved: grouped by name key
    assert sum("choigou" in r["key"] or "shoigu" in r["key"] for r in before) >= 2
    resolve(store)
    rows = entityreads.listing(store, type="PER")
    shoigu = [r for r in rows if "Sergei Shoigu" in r["spellings"]]
    assert len(shoigu) == 1
    row = shoigu[0]
    assert row["canonical"] and row["cited"] == 3 and row["quoted"] == 2
    assert set(row["spellings"]) == {"Sergueï Choïgou", "Sergei Shoigu"}
    assert row["types"] == ["PER"] and row["name"] == "Sergueï Choïgou"


def test_the_page_holds_statements_by_and_about_all_members(store: Store) -> None:
    resolve(store)
    page = entityreads.lookup(store, "sergei shoigu")  # any member's key finds it
    assert page is not None and page["canonical"]
    assert entityreads.lookup(store, page["id"])["id"] == page["id"]  # type: ignore[index]
    assert {c["content"] for c in page["said"]} == {"les troupes partiraient",
                                                     "the plan was ready"}
    assert {c["content"] for c in page["about"]} == {"Sergueï Choïgou partira"}
    assert {n["name"] for n in page["names"]} == {"Sergueï Choïgou", "Sergei Shoigu"}
    assert len(page["articles"]) == 3 and page["joined"]


def test_unresolved_names_keep_their_key_page(store: Store) -> None:
    page = entityreads.lookup(store, "ivan petrov")
    assert page is not None and not page["canonical"] and page["said"]
    assert entityreads.lookup(store, "nobody here") is None


def test_cli_lists_canonical_entities(store: Store, tmp_path: Path) -> None:
    resolve(store)
    path = store.path
    store.close()
    out = CliRunner().invoke(main, ["entities", "--db", str(path), "--type", "PER", "--json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert [r["spellings"] for r in rows if "Sergei Shoigu" in r["spellings"]] == [
        ["Sergueï Choïgou", "Sergei Shoigu"]]


def test_web_listing_and_page_by_canonical_entity(store: Store) -> None:
    from fastapi.testclient import TestClient

    from selon.settings import Settings
    from selon.web import create_app

    resolve(store)
    path = store.path
    store.close()
    with TestClient(create_app(path, Settings(), api_token="")) as client:
        items = client.get("/api/entities", params={"type": "PER"}).json()["items"]
        row = next(i for i in items if "Sergei Shoigu" in i["spellings"])
        assert sum("Sergei Shoigu" in i["spellings"] for i in items) == 1
        body = client.get(f"/api/entities/{row['id']}").json()
        assert len(body["said"]) == 2 and len(body["about"]) == 1
        html = client.get("/entities", params={"type": "PER"}).text
        assert f'href="/entities/{row["id"]}"' in html and "Sergei Shoigu" in html
        html = client.get(f"/entities/{row['id']}").text
        assert "the plan was ready" in html and "les troupes partiraient" in html
        assert "How its names were joined" in html
