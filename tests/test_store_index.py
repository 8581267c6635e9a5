"""The search index and the entity summary follow every write, batch by batch; one call
rebuilds both from the store; the listings take their page before deriving fields."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from selon.store import Store, entityreads, queries, reads
from selon.store.synthetic import synthetic


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "s.duckdb") as s:
        yield s


def summary(store: Store) -> list[dict[str, object]]:
    return store.fetch("SELECT * FROM entity_summary ORDER BY key")


def test_each_write_adds_its_articles_to_the_index(store: Store) -> None:
    store.write_many([synthetic(i) for i in range(5)])
    assert store.search_index_ready and store.search_index_current
    assert queries.stats(store)["search_index"] == {"ready": True, "articles_indexed": 5,
                                                   "stale": False}
    late = synthetic(7)
    store.write(late)  # one more batch: found at once, nothing rebuilt
    assert store.search_index.count() == 6
    assert late.article.id in {h["id"] for h in queries.search(store, "soldats", limit=50)}


def test_french_stems_phrases_and_boolean_queries(tmp_path: Path) -> None:
    from test_store import seed_analysis  # the hand-made seed article

    with Store(tmp_path / "s.duckdb") as store:
        store.write(seed_analysis())
        other = synthetic(3)
        store.write(other)
        seed = "6ea505d4c5c787ac"
        hits = queries.search(store, "SAPEUR choigou")  # stem, case and accents folded
        assert hits[0]["id"] == seed and hits[0]["score"] > 0
        assert "Choïgou" in hits[0]["snippet"]
        assert [h["id"] for h in queries.search(store, '"sapeurs nord-coréens"')] == [seed]
        assert queries.search(store, '"nord-coréens sapeurs"') == []  # words out of order
        assert [h["id"] for h in queries.search(store, "koursk AND démenti")] == [seed]
        assert seed not in {h["id"] for h in queries.search(store, "soldats -sapeurs")}
        assert queries.search(store, "soldats -sapeurs")[0]["id"] == other.article.id
        assert queries.search(store, 'koursk AND "') is not None  # bad syntax: plain words
        assert queries.article_ids(store, text="sapeurs") == [seed]


def test_a_store_without_index_falls_back_then_one_call_rebuilds_it(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.write_many([synthetic(i) for i in range(4)])
    shutil.rmtree(store.search_index.path)  # as a store written before the index existed
    with Store(path) as store:
        assert not store.search_index_ready and not store.search_index_current
        assert queries.stats(store)["search_index"]["stale"]
        assert queries.search(store, "soldats")[0]["score"] is None  # ILIKE fallback
        assert store.refresh_search_index() == 4
        assert store.search_index_current
        assert len(queries.search(store, "soldats")) == 4


def test_the_summary_added_to_batch_by_batch_equals_one_rebuilt_whole(store: Store) -> None:
    for start in range(0, 40, 7):  # batches of different sizes, entities shared across them
        store.write_many([synthetic(i) for i in range(start, min(start + 7, 40))])
    added = summary(store)
    assert added and any(r["cited"] > 1 for r in added)
    assert any(r["quoted"] > 0 for r in added)
    store.refresh_search_index()
    assert summary(store) == added
    top = queries.entities(store, limit=3)
    assert top[0]["cited"] >= top[-1]["cited"] and top[0]["name"]
    quoted = queries.entities(store, order="quoted", limit=500)
    assert quoted[0]["quoted"] == max(r["quoted"] for r in added if r["name"] is not None)


def test_the_article_page_is_taken_before_its_fields_are_derived(store: Store) -> None:
    store.write_many([synthetic(i) for i in range(12)])
    first = reads.articles(store, limit=5)
    second = reads.articles(store, limit=5, offset=5)
    assert len(first) == 5 and not {a["id"] for a in first} & {a["id"] for a in second}
    for a in first:
        stored = store.scalar("SELECT count(*) FROM attributions WHERE article_id = ?",
                              [a["id"]])
        assert a["statements"] == stored and a["opening"]
    order = [(a["published"] or "", a["id"]) for a in first + second]
    assert [p for p, _ in order] == sorted((p for p, _ in order), reverse=True)


def test_entity_statements_about_it_are_those_whose_content_mentions_it(store: Store) -> None:
    store.write_many([synthetic(i) for i in range(10)])
    key = queries.entities(store, limit=1)[0]["key"]
    page = entityreads.key_entity(store, key)
    assert page is not None
    expected = store.scalar(
        "SELECT count(*) FROM attributions a WHERE EXISTS (SELECT 1 FROM mentions m "
        "JOIN entities e ON e.article_id = m.article_id AND e.entity_id = m.entity_id "
        "WHERE m.article_id = a.article_id AND m.start >= a.content_start "
        "AND m.\"end\" <= a.content_end AND e.key = ?)", [key])
    assert len(page["about"]) == min(expected, 100) and expected > 0
