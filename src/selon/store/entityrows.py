"""The rows of the entity pages, kept per batch: for each entity, the articles naming it
and the statements it made or is named in, so that a page reads its own rows instead of
joining the whole members, mentions and statements tables.

An entity's page (:mod:`selon.store.entityreads`) joined every canonical member with
every mention and every statement of the store, eight scans of 20–90 ms each at 36k
articles (about 0.5 s for a much-cited person). Two tables hold what those joins gave:

- ``entity_articles``: one row per group and article, where a group is a canonical
  entity, else the name key of article entities not resolved (as the entity listing,
  :mod:`selon.store.listing`, groups them): the article's date, the group's mentions in
  it, the names and types of its entities there, the mention texts with their counts,
  and for a canonical entity how its members of that article joined it.
- ``entity_statements``: one row per group, role and statement, with all a page shows
  of the statement (its article's title, outlet and date, its source, relays, content
  and the times it names, as :func:`selon.store.reads.statements` gives them): ``said``
  (the source is one of the canonical entity's members, or tied to no entity and named
  by a member's key in the same article),
  ``about`` (a mention of the group lies inside the statement's content) and ``source``
  (the statement's source key, whatever its entity: the page of a name key lists those).

Every row depends on its own article alone (its records and its members), so a change is
made exact by deriving again the rows of the articles it touched: a batch written
(:func:`derive` of its new articles), a resolution (its members' articles), a merge or
split by hand (the articles of the members moved). :func:`refresh` derives every row.
Both use :func:`_rows`, the one aggregation; ``tests/test_entity_rows.py`` compares the
kept rows with it, and the pages with the queries they replaced.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from typing import Any

import duckdb

ARTICLES = "entity_articles"
STATEMENTS = "entity_statements"
IDS = "SELECT unnest(?::JSON::VARCHAR[])"  # a JSON list of article ids, as a subquery

CREATE = [
    f"""CREATE TABLE IF NOT EXISTS {ARTICLES} (
        id VARCHAR NOT NULL,
        article_id VARCHAR NOT NULL,
        published DATE,
        mentions BIGINT NOT NULL,
        canonical BOOLEAN NOT NULL,
        names STRUCT(name VARCHAR, type VARCHAR)[] NOT NULL,
        spellings STRUCT(text VARCHAR, n BIGINT)[] NOT NULL,
        joined STRUCT(name VARCHAR, reason VARCHAR, reason_code VARCHAR, decided_by VARCHAR,
                       n BIGINT)[] NOT NULL,
        batch BIGINT NOT NULL
    )""",
    f"""CREATE TABLE IF NOT EXISTS {STATEMENTS} (
        id VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        article_id VARCHAR NOT NULL,
        attr_id VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        published DATE,
        via STRUCT(text VARCHAR, key VARCHAR)[] NOT NULL,
        title VARCHAR,
        outlet VARCHAR,
        credit VARCHAR,
        kind VARCHAR NOT NULL,
        stance VARCHAR NOT NULL,
        source_text VARCHAR,
        source_key VARCHAR,
        source_name VARCHAR,
        cue_text VARCHAR,
        content_text VARCHAR NOT NULL,
        content_start INTEGER NOT NULL,
        content_end INTEGER NOT NULL,
        source_how VARCHAR,
        confidence DOUBLE,
        times STRUCT(text VARCHAR, value VARCHAR, type VARCHAR, mod VARCHAR)[] NOT NULL,
        batch BIGINT NOT NULL
    )""",
]


# The tables the rows are derived from, and the temporary tables that hold a batch's
# rows while it is written and resolved (:func:`stage`): deriving its rows from them
# costs what the batch costs, where a semi-join with the store's tables scanned them
# whole (360 ms of CPU a 64-article batch at 36k articles).
SOURCES = ("articles", "lines", "entities", "mentions", "attributions", "attribution_via",
           "times", "canonical_members")
STAGED = {table: f"staged_{table}" for table in SOURCES}
_STORE = {table: table for table in SOURCES}


def _rows(some: bool, src: dict[str, str] = _STORE, batch: str = "0") -> dict[str, str]:
    """The SELECT of each table's rows: of every article, or (``some``) of the articles
    whose ids are the JSON list parameter, once per ``?`` of the statement; from the
    store's tables, or those named in ``src``; ``batch`` the SQL of their batch number."""
    only = f"WHERE article_id IN ({IDS})" if some else ""
    ar_only = f"WHERE id IN ({IDS})" if some else ""
    # Each record table read once, for the articles asked about only.
    base = (
        f"WITH e AS (SELECT article_id, entity_id, name, type, key FROM {src['entities']} "
        f"  {only}), "
        f"cm AS (SELECT article_id, entity_id, canonical_id, name, key, reason, reason_code, "
        f"  decided_by FROM {src['canonical_members']} {only}), "
        f"x AS (SELECT article_id, entity_id, start, \"end\", text FROM {src['mentions']} "
        f"  {only}), "
        f"ar AS (SELECT id, published, title, outlet, credit FROM {src['articles']} "
        f"  {ar_only}), "
        "em AS MATERIALIZED (SELECT e.article_id, e.entity_id, e.name, e.type, "
        "  coalesce(cm.canonical_id, e.key) AS id, cm.canonical_id IS NOT NULL AS canonical, "
        "  cm.name AS m_name, cm.key AS m_key, cm.reason, cm.reason_code, cm.decided_by FROM e "
        "  LEFT JOIN cm ON cm.article_id = e.article_id AND cm.entity_id = e.entity_id), "
        "hit AS MATERIALIZED (SELECT em.id, x.article_id, x.start, x.\"end\", x.text "
        "  FROM em JOIN x ON x.article_id = em.article_id AND x.entity_id = em.entity_id)")
    articles = (
        f"{base}, "
        "g AS (SELECT id, article_id, bool_or(canonical) AS canonical, "
        "  list(DISTINCT {'name': name, 'type': type}) AS names FROM em GROUP BY id, article_id), "
        "j AS (SELECT id, article_id, list({'name': m_name, 'reason': reason, "
        "  'reason_code': reason_code, 'decided_by': decided_by, 'n': n}) AS joined FROM "
        "  (SELECT id, article_id, m_name, reason, reason_code, decided_by, count(*) AS n "
        "  FROM em WHERE canonical "
        "  GROUP BY ALL) GROUP BY id, article_id), "
        "s AS (SELECT id, article_id, sum(n) AS mentions, list({'text': text, 'n': n}) "
        "  AS spellings FROM (SELECT id, article_id, text, count(*) AS n FROM hit GROUP BY ALL) "
        "  GROUP BY id, article_id) "
        "SELECT g.id, g.article_id, ar.published, coalesce(s.mentions, 0)::BIGINT, "
        "g.canonical, g.names, coalesce(s.spellings, []), coalesce(j.joined, []), "
        f"{batch} AS batch FROM g "
        "JOIN ar ON ar.id = g.article_id "
        "LEFT JOIN s ON s.id = g.id AND s.article_id = g.article_id "
        "LEFT JOIN j ON j.id = g.id AND j.article_id = g.article_id")
    statements = (
        f"{base}, "
        f"a AS MATERIALIZED (SELECT article_id, attr_id, position, kind, stance, source_text, "
        f"  source_key, source_entity, cue_text, content_text, time_ids, content_start, "
        f"  content_end, source_how, confidence FROM {src['attributions']} {only}), "
        f"v AS (SELECT article_id, attr_id, list({{'text': text, 'key': key}} ORDER BY position) "
        f"  AS via FROM {src['attribution_via']} {only} GROUP BY article_id, attr_id), "
        # the times a statement names, in the order of the article's text
        f"tm AS (SELECT article_id, time_id, first(text) AS text, first(value) AS value, "
        f"  first(type) AS type, first(mod) AS mod, min(position) AS position "
        f"  FROM {src['times']} {only} GROUP BY article_id, time_id), "
        "st AS (SELECT a.article_id, a.attr_id, list({'text': tm.text, 'value': tm.value, "
        "  'type': tm.type, 'mod': tm.mod} ORDER BY tm.position) AS times "
        "  FROM (SELECT article_id, attr_id, unnest(time_ids) AS time_id FROM a) a "
        "  JOIN tm ON tm.article_id = a.article_id AND tm.time_id = a.time_id "
        "  GROUP BY a.article_id, a.attr_id), "
        "en AS (SELECT article_id, entity_id, first(name) AS name FROM e "
        "  GROUP BY article_id, entity_id), "
        "r AS (SELECT DISTINCT em.id, 'said' AS role, a.article_id, a.attr_id FROM a JOIN em "
        "  ON em.article_id = a.article_id AND em.canonical AND (em.entity_id = a.source_entity "
        "  OR (a.source_entity IS NULL AND em.m_key = a.source_key)) "
        "  UNION SELECT DISTINCT hit.id, 'about', a.article_id, a.attr_id FROM hit JOIN a "
        "  ON a.article_id = hit.article_id AND hit.start >= a.content_start "
        "  AND hit.\"end\" <= a.content_end "
        "  UNION SELECT DISTINCT a.source_key, 'source', a.article_id, a.attr_id FROM a "
        "  WHERE a.source_key IS NOT NULL) "
        "SELECT r.id, r.role, r.article_id, r.attr_id, a.position, ar.published, "
        "coalesce(v.via, []), ar.title, ar.outlet, ar.credit, a.kind, a.stance, "
        "a.source_text, a.source_key, en.name, a.cue_text, a.content_text, a.content_start, "
        f"a.content_end, a.source_how, a.confidence, coalesce(st.times, []), {batch} AS batch "
        "FROM r JOIN a ON a.article_id = r.article_id "
        "AND a.attr_id = r.attr_id JOIN ar ON ar.id = r.article_id "
        "LEFT JOIN v ON v.article_id = r.article_id AND v.attr_id = r.attr_id "
        "LEFT JOIN st ON st.article_id = r.article_id AND st.attr_id = r.attr_id "
        "LEFT JOIN en ON en.article_id = a.article_id AND en.entity_id = a.source_entity")
    return {ARTICLES: articles, STATEMENTS: statements}


FROM_STORE = _rows(False)
_OF_SOME = _rows(True)
# A staged batch's rows carry its number (the microsecond it was staged), so that its
# resolution finds them again in the row groups written last (the zone maps of
# ``batch`` skip the others) instead of scanning the whole tables for their articles.
_STAGED_BATCH = "staged_batch"
_OF_STAGED = _rows(True, STAGED, f"(SELECT n FROM {_STAGED_BATCH})")

# Fill the tables from the store (:func:`refresh`: the migration, a rebuild) a slice of
# articles at a time: one aggregation over every entity, mention and statement of a
# 36k-article store ran out of the store's memory limit, where a slice costs what its
# articles hold. The rows are then sorted by group, so that the zone maps of a page's
# scan skip most of the table.
SLICE = 2000  # articles a fill aggregates at once


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Derive every row from the store, replacing the tables' rows (inside the caller's
    transaction): :data:`SLICE` articles at a time, then sorted by group."""
    ids = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
    for table in FROM_STORE:
        con.execute(f"DELETE FROM {table}")
    for start in range(0, len(ids), SLICE):
        derive(con, ids[start:start + SLICE], new=True)
    for table in FROM_STORE:
        con.execute(f"CREATE OR REPLACE TEMP TABLE sorted_rows AS "
                    f"SELECT * FROM {table} ORDER BY id")
        con.execute(f"DELETE FROM {table}")
        con.execute(f"INSERT INTO {table} SELECT * FROM sorted_rows")
        con.execute("DROP TABLE sorted_rows")


def stage(con: duckdb.DuckDBPyConnection,
          insert: Callable[[str, str, list[dict[str, Any]]], None],
          tables: dict[str, list[dict[str, Any]]]) -> None:
    """Hold a batch's rows (as the writer has them, no member yet) in the temporary
    tables :data:`STAGED`, replacing the last batch's; ``insert(into, table, rows)``
    writes rows of ``table`` into ``into``."""
    for table, staged in STAGED.items():
        con.execute(f"CREATE OR REPLACE TEMP TABLE {staged} AS SELECT * FROM {table} LIMIT 0")
        if tables.get(table):
            insert(staged, table, tables[table])
    con.execute(f"CREATE OR REPLACE TEMP TABLE {_STAGED_BATCH} AS SELECT ?::BIGINT AS n",
                [time.time_ns() // 1000])


def derive(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str], *,
           staged: bool = False, new: bool = False) -> None:
    """Derive again the rows of these articles from their records and members, inside the
    caller's transaction (after a batch is written, members added or moved): from the
    store's tables, or (``staged``) from the batch's rows :func:`stage` holds, which must
    then be all these articles' rows. ``new``: the articles were written in this
    transaction, so that they have no rows to replace (none is looked for)."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    param = json.dumps(ids)
    where = f"article_id IN ({IDS})"
    if staged:  # the batch's rows: in the row groups its number is in
        row = con.execute(f"SELECT n FROM {_STAGED_BATCH}").fetchone()
        where = f"batch = {int(row[0]) if row else 0} AND {where}"
    for table, select in (_OF_STAGED if staged else _OF_SOME).items():
        if not new:
            con.execute(f"DELETE FROM {table} WHERE {where}", [param])
        con.execute(f"INSERT INTO {table} {select}", [param] * select.count("?"))


def add_members(con: duckdb.DuckDBPyConnection,
                insert: Callable[[str, str, list[dict[str, Any]]], None],
                members: list[dict[str, Any]]) -> None:
    """Add members of the staged batch's entities to its staged rows."""
    if members:
        insert(STAGED["canonical_members"], "canonical_members", members)

