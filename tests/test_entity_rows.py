"""The rows of the entity pages kept per batch (selon.store.entityrows) equal the rows
derived afresh from the store (and so do the articles' openings), and the pages read
from them show what the joins over the whole store showed, on real articles: after an
ingest, after a second ingest adding articles that name the same people, after a merge
and a split by hand, and on a store migrated from the schema before them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from selon.resolve import decisions
from selon.store import entityreads, entityrows, openings, reads, schema
from selon.store.db import Store
from selon.store.entityreads import display_name
from test_summaries import _corpus_lines, _ingest

TOP = 12  # entities compared page by page (the most cited, the most quoted)




# -- the pages as the joins over the whole store gave them (before the kept rows) --------


def joined_entity(store: Store, canonical_id: str, limit: int = 100) -> dict[str, Any]:
    """The parts of a canonical entity's page, from the record and member tables."""
    names = store.fetch(
        "SELECT e.name, e.type, count(DISTINCT e.article_id) AS articles "
        "FROM canonical_members m JOIN entities e ON e.article_id = m.article_id "
        "AND e.entity_id = m.entity_id WHERE m.canonical_id = ? "
        "GROUP BY e.name, e.type", [canonical_id])
    spellings = store.fetch(
        "SELECT x.text, count(*) AS n FROM mentions x JOIN canonical_members m "
        "ON m.article_id = x.article_id AND m.entity_id = x.entity_id "
        "WHERE m.canonical_id = ? GROUP BY x.text ORDER BY n DESC, x.text LIMIT 50",
        [canonical_id])
    arts = store.fetch(
        "WITH hits AS (SELECT m.article_id, count(x.position) AS mentions "
        "  FROM canonical_members m LEFT JOIN mentions x ON x.article_id = m.article_id "
        "  AND x.entity_id = m.entity_id WHERE m.canonical_id = ? GROUP BY m.article_id) "
        "SELECT ar.id, ar.title, ar.outlet, ar.published, h.mentions "
        "FROM hits h JOIN articles ar ON ar.id = h.article_id "
        "ORDER BY ar.published DESC NULLS LAST, ar.id LIMIT ?", [canonical_id, limit])
    relays = store.fetch(
        "WITH mine AS (SELECT a.article_id, a.attr_id FROM attributions a "
        "  JOIN canonical_members m ON m.article_id = a.article_id "
        "  AND (m.entity_id = a.source_entity OR (a.source_entity IS NULL "
        "  AND m.key = a.source_key)) WHERE m.canonical_id = ?) "
        "SELECT v.key, list(v.text) AS texts, count(*) AS n FROM attribution_via v "
        "JOIN mine USING (article_id, attr_id) GROUP BY v.key", [canonical_id])
    joined = store.fetch(
        "SELECT name, reason, reason_code, decided_by, count(*) AS n FROM canonical_members "
        "WHERE canonical_id = ? GROUP BY name, reason, reason_code, decided_by",
        [canonical_id])
    return {"names": names, "spellings": spellings, "articles": arts, "relays": relays,
            "joined": joined,
            "said": reads.statements(store, canonical_id=canonical_id, limit=limit),
            "about": reads.statements(store, about_canonical=canonical_id, limit=limit)}


def joined_key(store: Store, key: str, limit: int = 100) -> dict[str, Any]:
    """The parts of the page of a name key no canonical entity holds, from the records."""
    names = store.fetch(
        "SELECT name, type, count(DISTINCT article_id) AS articles FROM entities "
        "WHERE key = ? GROUP BY name, type", [key])
    spellings = store.fetch(
        "SELECT m.text, count(*) AS n FROM mentions m JOIN entities e "
        "ON e.article_id = m.article_id AND e.entity_id = m.entity_id WHERE e.key = ? "
        "GROUP BY m.text ORDER BY n DESC, m.text LIMIT 50", [key])
    arts = store.fetch(
        "WITH hits AS (SELECT e.article_id, count(m.position) AS mentions FROM entities e "
        "  LEFT JOIN mentions m ON m.article_id = e.article_id AND m.entity_id = e.entity_id "
        "  WHERE e.key = ? GROUP BY e.article_id) "
        "SELECT ar.id, ar.title, ar.outlet, ar.published, h.mentions "
        "FROM hits h JOIN articles ar ON ar.id = h.article_id "
        "ORDER BY ar.published DESC NULLS LAST, ar.id LIMIT ?", [key, limit])
    relays = store.fetch(
        "SELECT v.key, list(v.text) AS texts, count(*) AS n FROM attribution_via v "
        "JOIN attributions a ON a.article_id = v.article_id AND a.attr_id = v.attr_id "
        "WHERE a.source_key = ? GROUP BY v.key", [key])
    return {"names": names, "spellings": spellings, "articles": arts, "relays": relays,
            "said": reads.statements(store, source_key=key, limit=limit),
            "about": reads.statements(store, about_key=key, limit=limit)}


def _iso(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()}
            for r in rows]


def assert_page_as_joined(page: dict[str, Any], old: dict[str, Any]) -> None:
    """The page read from the kept rows shows what the joins gave: the same names with
    their counts, spellings, articles (in order, with their mentions), statements (in
    order, whole), relays (each with one of its most frequent spellings) and joins."""
    key = (lambda n: (-n["articles"], n["name"], n["type"]))  # noqa: E731
    assert sorted(page["names"], key=key) == sorted(old["names"], key=key)
    assert page["spellings"] == old["spellings"]
    assert [{k: a[k] for k in ("id", "title", "outlet", "published", "mentions")}
            for a in page["articles"]] == _iso(old["articles"])
    assert page["said"] == old["said"]
    assert page["about"] == old["about"]
    relays = sorted(old["relays"], key=lambda r: (-r["n"], r["key"]))[:50]
    assert [(r["key"], r["n"]) for r in page["relays"]] == [(r["key"], r["n"]) for r in relays]
    for mine, theirs in zip(page["relays"], relays, strict=True):
        counts = Counter(theirs["texts"])
        assert counts[mine["text"]] == max(counts.values())
    if "joined" in old:
        jkey = (lambda j: (-j["n"], j["name"], j["reason"], j["decided_by"]))  # noqa: E731
        assert page["joined"] == sorted(old["joined"], key=jkey)[:50]


def _norm(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    out = []
    for r in rows:
        out.append(tuple(tuple(sorted(map(str, v))) if isinstance(v, list) else str(v)
                         for v in r.values()))
    return sorted(out)


def assert_kept_equals_derived(store: Store) -> None:
    kept_from = {**entityrows.FROM_STORE, openings.OPENINGS: openings.FROM_STORE}
    for table, select in kept_from.items():
        drop = " EXCLUDE (batch)" if table in entityrows.FROM_STORE else ""
        kept = _norm(store.fetch(f"SELECT *{drop} FROM {table}"))
        fresh = _norm(store.fetch(f"SELECT *{drop} FROM ({select})"))
        assert kept == fresh, (table, sorted(set(kept) ^ set(fresh))[:3])
        assert kept, f"{table} is empty"


def assert_pages_as_joined(store: Store) -> int:
    """Compare the pages of the most cited and most quoted entities; return how many."""
    seen: set[str] = set()
    for order in ("cited", "quoted"):
        for row in entityreads.listing(store, order=order, limit=TOP):
            if row["id"] in seen:
                continue
            seen.add(row["id"])
            if row["canonical"]:
                page = entityreads.entity(store, row["id"])
                assert page is not None
                old = joined_entity(store, row["id"])
                head = store.fetch("SELECT name, type FROM canonical WHERE canonical_id = ?",
                                   [row["id"]])[0]
                assert page["name"] == (display_name(
                    [{"name": n["name"], "n": n["articles"]} for n in old["names"]],
                    head["type"]) or head["name"])
            else:
                page = entityreads.key_entity(store, row["id"])
                assert page is not None, row
                old = joined_key(store, row["id"])
            assert_page_as_joined(page, old)
            assert page["stances"] == dict(Counter(s["stance"] for s in old["said"]))
    return len(seen)


def test_pages_from_kept_rows_show_what_the_joins_showed(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "rows.duckdb"
    _ingest(_corpus_lines(shared, 0, 24, tmp_path / "a.jsonl"), db)
    with Store(db) as store:
        assert_kept_equals_derived(store)
        assert assert_pages_as_joined(store) > TOP
        assert store.scalar(f"SELECT count(*) FROM {entityrows.ARTICLES} "
                            "WHERE canonical") > 5
        top = entityreads.listing(store, limit=1)[0]
        before = entityreads.lookup(store, top["id"])
        assert before is not None and before["said"] + before["about"]
    # the second batch shares people with the first: their pages gain its articles
    _ingest(_corpus_lines(shared, 16, 24, tmp_path / "b.jsonl"), db)
    with Store(db) as store:
        assert store.scalar("SELECT count(*) FROM articles") > 30
        assert_kept_equals_derived(store)
        assert assert_pages_as_joined(store) > TOP
        grown = [r for r in entityreads.listing(store, type="PER", limit=50)
                 if r["canonical"] and r["cited"] >= 2]
        assert grown
        # a merge by hand moves every member of one canonical entity into another
        per = [r for r in entityreads.listing(store, type="PER", limit=50) if r["canonical"]]
        a, b = per[0], per[1]
        decisions.merge(store, a["id"], b["id"])
        assert_kept_equals_derived(store)
        merged = entityreads.lookup(store, a["key"])
        assert merged is not None
        assert len(merged["articles"]) >= max(a["cited"], b["cited"])
        assert_page_as_joined(merged, joined_entity(store, merged["id"]))
        # a split by hand takes B's name key out again
        decisions.split(store, a["id"], b["key"])
        assert_kept_equals_derived(store)
        assert assert_pages_as_joined(store) > TOP
        # deriving every row again gives the very rows kept
        kept = {t: _norm(store.fetch(f"SELECT * EXCLUDE (batch) FROM {t}"))
                for t in entityrows.FROM_STORE}
        with store._transaction("rebuilding") as con:
            entityrows.refresh(con)
        assert kept == {t: _norm(store.fetch(f"SELECT * EXCLUDE (batch) FROM {t}"))
                        for t in entityrows.FROM_STORE}


def test_migration_fills_the_rows_of_an_older_store(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    _ingest(_corpus_lines(shared, 40, 12, tmp_path / "c.jsonl"), db)
    with Store(db) as store:
        expected = {t: _norm(store.fetch(f"SELECT * EXCLUDE (batch) FROM {t}"))
                    for t in entityrows.FROM_STORE}
        con = store._con
        for table in [*entityrows.FROM_STORE, openings.OPENINGS]:  # as a store of schema 11
            con.execute(f"DROP TABLE {table}")
        con.execute("DELETE FROM schema_version WHERE version >= 12")
    with Store(db) as store:
        assert store.version == schema.SCHEMA_VERSION
        assert expected == {t: _norm(store.fetch(f"SELECT * EXCLUDE (batch) FROM {t}"))
                            for t in entityrows.FROM_STORE}
        assert_kept_equals_derived(store)
        assert_pages_as_joined(store)


def test_migration_fills_in_slices_sorted_by_group(shared: Path, tmp_path: Path,
                                                    monkeypatch: Any) -> None:
    """The migration's fill aggregates a slice of articles at a time (one aggregation of
    a 36k-article store ran out of memory): slices of 7 articles give the rows one
    aggregation gives, and the table is sorted by group for the pages' zone maps."""
    db = tmp_path / "sliced.duckdb"
    _ingest(_corpus_lines(shared, 40, 24, tmp_path / "c.jsonl"), db)
    with Store(db) as store:
        whole = {t: _norm(store.fetch(f"SELECT * EXCLUDE (batch) FROM ({select})"))
                 for t, select in entityrows.FROM_STORE.items()}
        assert store.scalar("SELECT count(*) FROM articles") > 3 * 7
        con = store._con
        for table in [*entityrows.FROM_STORE, openings.OPENINGS]:  # as a store of schema 11
            con.execute(f"DROP TABLE {table}")
        con.execute("DELETE FROM schema_version WHERE version >= 12")
    monkeypatch.setattr(entityrows, "SLICE", 7)
    with Store(db) as store:
        assert store.version == schema.SCHEMA_VERSION
        for table in entityrows.FROM_STORE:
            assert whole[table] == _norm(store.fetch(f"SELECT * EXCLUDE (batch) FROM {table}"))
            ids = [r["id"] for r in store.fetch(f"SELECT id FROM {table}")]
            assert len(set(ids)) > 10 and ids == sorted(ids)


def test_claims_of_a_source_read_from_its_rows_as_from_the_statements(
        shared: Path, tmp_path: Path) -> None:
    """``selon claims --source X`` pages through X's rows of the entity pages: the same
    claims, in the same order, as the query over every statement (which a folder of
    Parquet tables, holding no such rows, still runs), whatever the filters and sort."""
    from selon.store import queries

    db = tmp_path / "claims.duckdb"
    _ingest(_corpus_lines(shared, 8, 30, tmp_path / "d.jsonl"), db)
    with Store(db) as store:
        sources = [r["key"] for r in store.fetch(
            "SELECT key FROM entity_summary WHERE quoted > 0 ORDER BY quoted DESC, key LIMIT 8")]
        assert len(sources) == 8
        asks: list[dict[str, Any]] = [
            {}, {"sort": "oldest"}, {"sort": "outlet"}, {"sort": "source"},
            {"limit": 3, "offset": 2}, {"stance": "assert"}, {"kind": "direct"},
            {"since": "2020-06-01"}, {"min_confidence": 0.5}, {"originals_only": True}]
        compared = 0
        for source in [*sources, sources[0].split()[-1]]:
            for ask in asks:
                fast = queries.claims(store, source=source, **ask)
                store.folder = True  # the query a folder of tables runs
                try:
                    full = queries.claims(store, source=source, **ask)
                finally:
                    store.folder = False
                assert fast == full, (source, ask)
                compared += bool(full)
        assert compared > 40
