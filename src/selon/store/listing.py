"""The entity listing, kept per batch: one row per canonical entity (or name key when its
article entities are not resolved), as the entities page and ``/api/entities`` list them.

Grouping every article entity with its canonical entity and counting the statements of
each group read all entities, members and attributions of the store on every request
(about 250 ms at 36k articles). ``entity_listing`` holds the result and
``entity_listing_keys`` the name keys of each group (for the name search). Every write
that changes a group recomputes the rows of the groups it touched, in its own
transaction: a batch of articles (the name keys of its entities and sources), a
resolution (the canonical entities gaining members and the keys they leave), a merge or
split by hand (both canonical entities). :func:`refresh` with no ids rebuilds both tables.

:data:`GROUPS` is the aggregation itself (one row per group, for all groups or for a list
of ids): the migration that creates the tables, the per-batch update and the tests that
compare the kept rows with a fresh aggregation all use it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import duckdb

LISTING = "entity_listing"
LISTING_KEYS = "entity_listing_keys"

CREATE = [
    f"""CREATE TABLE IF NOT EXISTS {LISTING} (
        id VARCHAR NOT NULL,
        key VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        types VARCHAR[] NOT NULL,
        spellings STRUCT(name VARCHAR, n BIGINT)[] NOT NULL,
        cited BIGINT NOT NULL,
        quoted BIGINT NOT NULL,
        canonical BOOLEAN NOT NULL
    )""",
    f"""CREATE TABLE IF NOT EXISTS {LISTING_KEYS} (
        id VARCHAR NOT NULL,
        key VARCHAR NOT NULL
    )""",
]

_IDS = "(SELECT unnest(?::JSON::VARCHAR[]))"
_SOME = f"WHERE id IN {_IDS}"
# Only the article entities that can be in the groups asked for (their key is one of the
# ids, or they are members of one), before they are joined with their canonical entity:
# the cost of a batch follows its groups, not the whole entities table.
_CANDIDATES = (
    f"WHERE e.key IN {_IDS} OR (e.article_id, e.entity_id) IN (SELECT article_id, "
    f"entity_id FROM canonical_members WHERE canonical_id IN {_IDS})")


def _members(where: str) -> str:
    """Each article entity with the id of its group: its canonical entity, else its key
    (all of them, or those of the groups whose ids are the parameter)."""
    pre, post = (_CANDIDATES, _SOME) if where else ("", "")
    return (
        "em AS MATERIALIZED (SELECT * FROM (SELECT e.article_id, e.entity_id, e.name, "
        "  e.type, e.key, coalesce(m.canonical_id, e.key) AS id, "
        "  m.canonical_id IS NOT NULL AS canonical FROM entities e "
        "  LEFT JOIN canonical_members m ON m.article_id = e.article_id "
        f"  AND m.entity_id = e.entity_id {pre}) {post})")


def _groups(where: str) -> str:
    """One row per group: its key and type (the canonical entity's, else the most
    frequent of its members, ties to the first in order), the types of its members, its
    spellings with the articles of each (most frequent first), the articles citing it,
    its statements as source (a source tied to a member, or tied to no entity and named
    by a member's key in the same article) and whether it is a canonical entity."""
    return (
        f"WITH {_members(where)}, "
        "src AS (SELECT em.id FROM attributions a JOIN em "
        "  ON em.article_id = a.article_id AND em.entity_id = a.source_entity "
        "  UNION ALL SELECT em.id FROM attributions a JOIN em "
        "  ON em.article_id = a.article_id AND em.key = a.source_key "
        "  WHERE a.source_entity IS NULL), "
        "q AS (SELECT id, count(*) AS quoted FROM src GROUP BY id), "
        "tn AS (SELECT id, type, count(*) AS n FROM em GROUP BY id, type), "
        "t AS (SELECT id, first(type ORDER BY n DESC, type) AS type, "
        "  list(type ORDER BY type) AS types FROM tn GROUP BY id), "
        "kn AS (SELECT id, key, count(*) AS n FROM em GROUP BY id, key), "
        "k AS (SELECT id, first(key ORDER BY n DESC, key) AS key FROM kn GROUP BY id), "
        "sn AS (SELECT id, name, count(DISTINCT article_id) AS n FROM em GROUP BY id, name), "
        "s AS (SELECT id, list({'name': name, 'n': n} ORDER BY n DESC, name) AS spellings "
        "  FROM sn GROUP BY id), "
        "g AS (SELECT id, bool_or(canonical) AS canonical, "
        "  count(DISTINCT article_id) AS cited FROM em GROUP BY id) "
        "SELECT g.id, coalesce(c.key, k.key) AS key, coalesce(c.type, t.type) AS type, "
        "t.types, s.spellings, g.cited, coalesce(q.quoted, 0) AS quoted, g.canonical "
        "FROM g JOIN t ON t.id = g.id JOIN k ON k.id = g.id JOIN s ON s.id = g.id "
        "LEFT JOIN q ON q.id = g.id "
        "LEFT JOIN (SELECT canonical_id, max(key) AS key, max(type) AS type FROM canonical "
        "  GROUP BY canonical_id) c ON c.canonical_id = g.id")


def _keys(where: str) -> str:
    return f"WITH {_members(where)} SELECT DISTINCT id, key FROM em"


# The aggregation over the whole store (the migration fills the tables with it).
GROUPS = _groups("")
GROUP_KEYS = _keys("")

REBUILD = [
    f"DELETE FROM {LISTING}",
    f"INSERT INTO {LISTING} {GROUPS}",
    f"DELETE FROM {LISTING_KEYS}",
    f"INSERT INTO {LISTING_KEYS} {GROUP_KEYS}",
]


def refresh(con: duckdb.DuckDBPyConnection, ids: Iterable[str] | None = None) -> None:
    """Recompute the listing rows of these group ids (all groups when None), inside the
    caller's transaction."""
    if ids is None:
        for statement in REBUILD:
            con.execute(statement)
        return
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return
    param = [json.dumps(wanted, ensure_ascii=False)]
    con.execute(f"DELETE FROM {LISTING} {_SOME}", param)
    con.execute(f"INSERT INTO {LISTING} {_groups(_SOME)}", param * 3)
    con.execute(f"DELETE FROM {LISTING_KEYS} {_SOME}", param)
    con.execute(f"INSERT INTO {LISTING_KEYS} {_keys(_SOME)}", param * 3)


def batch_groups(tables: dict[str, list[dict[str, Any]]]) -> set[str]:
    """The groups a batch of new articles touches: its entities are not resolved yet, so
    each is listed under its name key, and so is every source named by key."""
    keys = {r["key"] for r in tables.get("entities") or []}
    keys |= {r["source_key"] for r in tables.get("attributions") or [] if r.get("source_key")}
    return keys


def resolution_groups(members: list[dict[str, Any]]) -> set[str]:
    """The groups new members change: the canonical entity each joins and the name key
    it was listed under until then."""
    return {m["canonical_id"] for m in members} | {m["key"] for m in members}
