"""The summaries kept per batch (the entity listing, the statements' chains of the
sources graph) equal the aggregation over the whole store, after ingests of real
articles (the second one meeting articles already stored), a merge and a split by hand, a
rebuild, and on a store migrated from schema 7."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from selon.cli import main
from selon.resolve import decisions
from selon.store import chains, entityreads, listing, reads, schema
from selon.store.db import Store
from selon.web import graph


def _corpus_lines(shared: Path, start: int, n: int, out: Path) -> Path:
    corpus = shared / "data" / "orangesum-all.jsonl.gz"
    if not corpus.is_file():
        pytest.skip(f"{corpus} is absent")
    with gzip.open(corpus, "rt", encoding="utf-8") as src:
        out.write_text("".join(itertools.islice(src, start, start + n)), encoding="utf-8")
    return out


def _ingest(inputs: Path, db: Path) -> None:
    out = CliRunner().invoke(main, ["ingest", str(inputs), "--db", str(db)])
    assert out.exit_code in (0, 2), out.output


def _norm(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    out = []
    for r in rows:
        out.append((r["id"], r["key"], r["type"], tuple(r["types"]),
                    tuple((s["name"], s["n"]) for s in r["spellings"]),
                    r["cited"], r["quoted"], r["canonical"]))
    return sorted(out)


def kept_and_live(store: Store) -> tuple[list[Any], list[Any], set[Any], set[Any]]:
    """The kept listing rows and keys, and the same aggregated afresh from the store."""
    kept = _norm(store.fetch(f"SELECT * FROM {listing.LISTING}"))
    live = _norm(store.fetch(listing.GROUPS))
    kept_keys = {(r["id"], r["key"]) for r in store.fetch(
        f"SELECT id, key FROM {listing.LISTING_KEYS}")}
    live_keys = {(r["id"], r["key"]) for r in store.fetch(listing.GROUP_KEYS)}
    return kept, live, kept_keys, live_keys


def assert_counts_equal_live(store: Store) -> None:
    """The counts the listing is made of, kept by adding each write's difference, equal
    the same counted afresh over the whole store."""
    for table, fresh in listing.COUNTS_FROM_STORE.items():
        kept = sorted(tuple(r.values()) for r in store.fetch(f"SELECT * FROM {table}"))
        live = sorted(tuple(r.values()) for r in store.fetch(fresh))
        assert kept == live, (table, sorted(set(kept) ^ set(live))[:4])


def assert_kept_equals_live(store: Store) -> None:
    assert_counts_equal_live(store)
    kept, live, kept_keys, live_keys = kept_and_live(store)
    assert len(kept) == len({r[0] for r in kept}), "an entity is listed twice"
    missing = set(live) - set(kept)
    extra = set(kept) - set(live)
    assert not missing and not extra, (sorted(missing)[:3], sorted(extra)[:3])
    assert kept_keys == live_keys


def _chain_rows(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted((r["article_id"], r["attr_id"], r["position"], str(r["published"]),
                   r["outlet"], r["credit"], r["stance"], r["source_text"], r["source_key"],
                   r["source_name"], tuple((v["text"], v["key"]) for v in r["via"]))
                  for r in rows)


def assert_chains_equal_live(store: Store) -> None:
    kept = _chain_rows(store.fetch(f"SELECT * FROM {chains.CHAINS}"))
    assert kept == _chain_rows(store.fetch(chains.FROM_STORE))
    assert len(kept) == store.scalar("SELECT count(*) FROM attributions")


def _drawn(sts: list[dict[str, Any]]) -> tuple[Any, ...]:
    g = graph.build(sts)
    return ([(n.id, n.label, n.column, n.count, dict(n.stances)) for n in g.nodes],
            [(e.source, e.target, e.count) for e in g.edges], g.tree,
            graph.per_source(sts))


def test_listing_kept_per_batch_equals_the_store_after_two_ingests(
        shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "two.duckdb"
    _ingest(_corpus_lines(shared, 0, 24, tmp_path / "a.jsonl"), db)
    with Store(db) as store:
        first = store.scalar(f"SELECT count(*) FROM {listing.LISTING}")
        assert first > 20 and store.scalar(
            f"SELECT count(*) FROM {listing.LISTING} WHERE canonical") > 5
        assert_kept_equals_live(store)
    # the second batch shares people with the first: their rows change, they are not
    # added again
    _ingest(_corpus_lines(shared, 16, 24, tmp_path / "b.jsonl"), db)
    with Store(db) as store:
        assert store.scalar("SELECT count(*) FROM articles") > 30
        assert store.scalar(f"SELECT count(*) FROM {listing.LISTING}") > first
        assert_kept_equals_live(store)
        top = entityreads.listing(store, limit=5)
        assert top and top[0]["cited"] >= top[-1]["cited"]
        quoted = entityreads.listing(store, order="quoted", limit=3)
        assert quoted[0]["quoted"] > 0
        # a merge by hand moves every member of one canonical entity into another
        per = [r for r in entityreads.listing(store, type="PER", limit=50) if r["canonical"]]
        assert len(per) >= 2
        a, b = per[0], per[1]
        decisions.merge(store, a["id"], b["id"])
        assert_kept_equals_live(store)
        merged = [r for r in entityreads.listing(store, type="PER", limit=50)
                  if set(a["spellings"]) <= set(r["spellings"])]
        assert len(merged) == 1 and set(b["spellings"]) <= set(merged[0]["spellings"])
        assert merged[0]["cited"] >= max(a["cited"], b["cited"])
        # the name search finds the merged entity by either name
        word = b["key"].split()[-1]
        found = entityreads.listing(store, name=word, limit=50)
        assert merged[0]["id"] in {r["id"] for r in found}
        assert entityreads.count(store, name=word) == len(found)
        # the chains of the sources graph: kept rows as the store has them, and the same
        # graph as the statements read whole
        assert_chains_equal_live(store)
        # a split by hand takes B's name key out again, into an entity of its own
        assert "split" in decisions.split(store, a["id"], b["key"])
        assert_kept_equals_live(store)
        apart = {r["id"]: r for r in entityreads.listing(store, type="PER", limit=200)}
        assert a["id"] in apart and apart[a["id"]]["cited"] <= merged[0]["cited"]
        # rebuilding from the store gives the very counts kept
        before = kept_and_live(store)[0]
        with store._transaction("rebuilding") as con:
            listing.refresh(con)
        assert kept_and_live(store)[0] == before
        ids = [r["article_id"] for r in store.fetch(
            "SELECT article_id FROM attribution_via GROUP BY 1 ORDER BY count(*) DESC LIMIT 3")]
        assert ids, "no relayed statement in these articles"
        for some in ([ids[0]], ids):
            assert _drawn(reads.chains(store, some)) == _drawn(reads.statements(store, ids=some))


def test_migration_fills_the_listing_of_an_older_store(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    _ingest(_corpus_lines(shared, 40, 12, tmp_path / "c.jsonl"), db)
    with Store(db) as store:
        expected = _norm(store.fetch(f"SELECT * FROM {listing.LISTING}"))
        con = store._con
        # as a store of schema 7 is: no listing tables nor counts, version 7
        con.execute(f"DROP TABLE {listing.LISTING}")
        con.execute(f"DROP TABLE {listing.LISTING_KEYS}")
        con.execute(f"DROP TABLE {chains.CHAINS}")
        for table in (listing.NAMES, listing.TYPES, listing.TOTALS):
            con.execute(f"DROP TABLE {table}")
        con.execute("DELETE FROM schema_version WHERE version >= 8")
    with Store(db) as store:
        assert store.version == schema.SCHEMA_VERSION
        assert _norm(store.fetch(f"SELECT * FROM {listing.LISTING}")) == expected
        assert_kept_equals_live(store)
        assert_chains_equal_live(store)
        assert json.loads(json.dumps(entityreads.listing(store, limit=3)))


def test_a_stored_article_shows_at_once_in_cached_lists_and_summaries(
        write_client: Any, auth: dict[str, str]) -> None:
    """The answers cached before an ingest are not served after it: the entity listing,
    its name search and the article list show the new article at once."""
    asked = {"/api/entities": {"name": "Guénolé Trastour", "limit": 5},
             "/api/articles": {"limit": 1}}
    before = {path: write_client.get(path, params=p).json() for path, p in asked.items()}
    again = {path: write_client.get(path, params=p).json() for path, p in asked.items()}
    assert before == again and before["/api/entities"]["total"] == 0  # (now cached)
    text = ("Le maire Guénolé Trastour a annoncé mardi la réouverture du pont de Kerbriant, "
            "selon un communiqué de la mairie. « Les travaux sont finis », a déclaré "
            "Guénolé Trastour devant la presse.")
    r = write_client.post("/api/ingest", json={"text": text, "published": "2031-05-06"},
                          headers=auth)
    assert r.status_code == 200 and r.json()["stored"], r.text
    listed = write_client.get("/api/entities", params=asked["/api/entities"]).json()
    assert listed["total"] == 1 and listed["items"][0]["cited"] == 1
    assert listed["items"][0]["quoted"] >= 1
    newest = write_client.get("/api/articles", params=asked["/api/articles"]).json()
    aid = newest["items"][0]["id"]
    assert aid not in [i["id"] for i in before["/api/articles"]["items"]]
    graph_of = write_client.get("/api/sources", params={"article": aid}).json()
    assert any("Trastour" in n["label"] for n in graph_of["nodes"])
