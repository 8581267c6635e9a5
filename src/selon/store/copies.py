"""Large stores for benchmarks, made of copies of real analyses under new ids.

:func:`grow` copies every article of a base store (real articles, analysed by selon) with
all its records, again and again under new ids, until the target store holds ``n``
articles. No analysis runs: a copy is a few SQL statements per table, so a store of
100,000 articles is made in minutes. Each copy gets a new id, URL and source, and a
publication day of its own (``per_day`` articles a day, from the base's earliest day on),
so that the copies spread over time as an archive does; their near-copy links point at
the copy of the same round. The search index, the entity summary and the canonical
entities of the copies are then built as an ingest would have left them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selon.errors import StoreError
from selon.store import columns, evidence
from selon.store.db import Store
from selon.store.sql import literal

PER_DAY = 100  # articles published a day in a grown store
_MAPPED = {"article_id", "id"}


def _select(table: str) -> str:
    """The columns of ``table`` with the article id (and, for articles, the fields that
    name the article) taken from the copy map ``m``."""
    out = []
    for column, _type in columns.COLUMNS[table]:
        if column in _MAPPED:
            out.append("m.new_id")
        elif table == "articles" and column == "url":
            out.append("b.url || '#copy-' || m.round")
        elif table == "articles" and column == "source":
            out.append("b.source || ' (copy ' || m.round || ')'")
        elif table == "articles" and column == "published":
            out.append("m.day")
        elif table == "articles" and column == "duplicate_of":
            out.append("d.new_id")
        else:
            out.append(f"b.{_quote(column)}")
    return ", ".join(out)


def _quote(column: str) -> str:
    return f'"{column}"'


COPIED = ("articles", *columns.RECORD_TABLES, "canonical_members")


def grow(store: Store, base: Path, n: int, *, per_day: int = PER_DAY) -> int:
    """Copy the articles of the store at ``base`` into ``store`` until it holds ``n``
    articles (or more: whole rounds of the base are copied); return articles added."""
    if not base.is_file():
        raise StoreError(f"no base store at {base}: ingest real articles into it first")
    have = int(store.scalar("SELECT count(*) FROM articles") or 0)
    if have >= n:
        return 0
    con = store._con
    con.execute(f"ATTACH {literal(str(base))} AS base (READ_ONLY)")
    try:
        size = int(store.scalar("SELECT count(*) FROM base.articles") or 0)
        if not size:
            raise StoreError(f"the base store {base} holds no article")
        # the copies' entities join the base's canonical entities (their members are
        # copied with the articles): those entities are copied once, and their titles
        # with them (the copies' texts are the base's), as an ingest would have kept them
        con.execute("CREATE OR REPLACE TEMP TABLE new_canonical AS SELECT canonical_id "
                    "FROM base.canonical WHERE canonical_id NOT IN "
                    "(SELECT canonical_id FROM canonical)")
        con.execute("INSERT INTO canonical SELECT * FROM base.canonical WHERE canonical_id "
                    "IN (SELECT canonical_id FROM new_canonical)")
        evidence.copy_from(con, "base", "new_canonical")
        first = 10_000  # rounds already in the store are numbered from their count
        round_ = first + have // size
        added = 0
        while have + added < n:
            _copy_round(store, round_, size, per_day)
            added += size
            round_ += 1
    finally:
        con.execute("DETACH base")
    store.refresh_search_index()  # the search index and the entity summary, from the store
    return added


def _copy_round(store: Store, round_: int, size: int, per_day: int) -> None:
    """One copy of every base article, in one transaction."""
    with store._transaction("copying articles into") as con:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE copy_map AS SELECT b.id AS old_id, "
            "substr(md5(b.id || ':' || ?::VARCHAR), 1, 16) AS new_id, ?::INTEGER AS round, "
            "(SELECT min(published) FROM base.articles)::DATE "
            "  + ((? * ? + row_number() OVER (ORDER BY b.id) - 1) // ?)::INTEGER AS day "
            "FROM base.articles b", [round_, round_, round_ - 10_000, size, per_day])
        for table in COPIED:
            key = "id" if table == "articles" else "article_id"
            dup = ("LEFT JOIN copy_map d ON d.old_id = b.duplicate_of "
                   if table == "articles" else "")
            con.execute(f"INSERT INTO {table} SELECT {_select(table)} FROM base.{table} b "
                        f"JOIN copy_map m ON m.old_id = b.{key} {dup}")
        _copy_stories(con, round_)
        con.execute("DROP TABLE copy_map")


def _copy_stories(con: Any, round_: int) -> None:
    """The base's stories, copied for this round: each story of the base becomes a story
    of its copies (ids suffixed with the round), its days those of the copies. A grown
    store then has as many stories as an archive of its size, with no placing to do."""
    sid = "b.story_id || '~' || m.round"
    con.execute("CREATE OR REPLACE TEMP TABLE story_map AS SELECT DISTINCT b.story_id AS "
                f"old_sid, {sid} AS new_sid FROM base.story_articles b "
                "JOIN copy_map m ON m.old_id = b.article_id")
    con.execute(f"INSERT INTO story_articles SELECT m.new_id, {sid}, m.day, b.added_at "
                "FROM base.story_articles b JOIN copy_map m ON m.old_id = b.article_id")
    con.execute(
        "INSERT INTO stories SELECT s.new_sid, b.title, d.first_day, d.last_day, b.articles, "
        "b.outlets, b.sources, b.statements, b.contradictions, b.updated_at "
        "FROM base.stories b JOIN story_map s ON s.old_sid = b.story_id "
        "JOIN (SELECT story_id, min(day) AS first_day, max(day) AS last_day FROM "
        "story_articles GROUP BY story_id) d ON d.story_id = s.new_sid")
    con.execute(
        "INSERT INTO story_statements SELECT s.new_sid, b.statement_id, b.source, "
        "b.source_key, b.kinds, b.articles, b.origins, coalesce(f.new_id, b.first_article), "
        "f.day, b.relay FROM base.story_statements b "
        "JOIN story_map s ON s.old_sid = b.story_id "
        "LEFT JOIN copy_map f ON f.old_id = b.first_article")
    con.execute(
        "INSERT INTO statement_mentions SELECT s.new_sid, b.statement_id, m.new_id, "
        "b.attr_id, coalesce('article:' || o.new_id, b.origin), b.start, b.\"end\" "
        "FROM base.statement_mentions b JOIN story_map s ON s.old_sid = b.story_id "
        "JOIN copy_map m ON m.old_id = b.article_id "
        "LEFT JOIN copy_map o ON 'article:' || o.old_id = b.origin")
    con.execute(
        "INSERT INTO story_relations SELECT s.new_sid, b.a, b.b, b.type, b.why, b.why_code "
        "FROM base.story_relations b JOIN story_map s ON s.old_sid = b.story_id")
    con.execute("DROP TABLE story_map")
