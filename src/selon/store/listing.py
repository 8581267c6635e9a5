"""The entity listing, kept per batch: one row per canonical entity (or name key when its
article entities are not resolved), as the entities page and ``/api/entities`` list them.

Grouping every article entity with its canonical entity and counting the statements of
each group read all entities, members and attributions of the store on every request
(about 250 ms at 36k articles). ``entity_listing`` holds the result and
``entity_listing_keys`` the name keys of each group (for the name search). Every write
that changes a group adds its exact difference to counts kept per group, in its own
transaction, and rewrites the listing rows of the groups it touched from those counts
(never from the store's rows): a batch of articles (its entities and statements, no
store read), a resolution (the entities that join a canonical entity leave their name
key's group, article by article), a merge or split by hand (the articles of the members
moved). Counting per article is what makes the difference exact: a group's ``cited``
and each spelling's ``n`` count articles, so an article's part is 0 or 1 however many
of its entities are in the group. :func:`refresh` with no ids rebuilds every table.

Kept counts (schema migration "scale-listing-counts"): ``entity_listing_names`` (group,
spelling, articles), ``entity_listing_types`` (group, type, entities),
``entity_listing_keys`` (group, name key, entities) and ``entity_listing_totals`` (group,
articles citing it, statements it is the source of).

:data:`GROUPS` is the aggregation itself (one row per group, for all groups or for a list
of ids): the migration that creates the tables, the per-batch update and the tests that
compare the kept rows with a fresh aggregation all use it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

LISTING = "entity_listing"
LISTING_KEYS = "entity_listing_keys"

NAMES = "entity_listing_names"
TYPES = "entity_listing_types"
TOTALS = "entity_listing_totals"

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



# What schema version 8 filled its two tables with (frozen, as that migration is).
V8_FILL = [
    f"DELETE FROM {LISTING}",
    f"INSERT INTO {LISTING} {GROUPS}",
    f"DELETE FROM {LISTING_KEYS}",
    f"INSERT INTO {LISTING_KEYS} {GROUP_KEYS}",
]

# Version "scale-listing-counts": the counts the listing rows are made of, so that a
# write adds its difference instead of aggregating its groups' rows again.
COUNT_TABLES = [
    f"""CREATE TABLE IF NOT EXISTS {NAMES} (
        id VARCHAR NOT NULL, name VARCHAR NOT NULL, n BIGINT NOT NULL,
        PRIMARY KEY (id, name))""",
    f"""CREATE TABLE IF NOT EXISTS {TYPES} (
        id VARCHAR NOT NULL, type VARCHAR NOT NULL, n BIGINT NOT NULL,
        PRIMARY KEY (id, type))""",
    f"""CREATE TABLE IF NOT EXISTS {TOTALS} (
        id VARCHAR PRIMARY KEY, cited BIGINT NOT NULL, quoted BIGINT NOT NULL,
        canonical BOOLEAN NOT NULL)""",
]
KEYS_WITH_COUNTS = [
    f"DROP TABLE IF EXISTS {LISTING_KEYS}",
    f"""CREATE TABLE {LISTING_KEYS} (
        id VARCHAR NOT NULL, key VARCHAR NOT NULL, n BIGINT NOT NULL,
        PRIMARY KEY (id, key))""",
]

# The counts over the whole store (the migration and :func:`refresh` fill them with it;
# the tests compare the kept counts with it).
COUNTS_FROM_STORE = {
    NAMES: f"WITH {_members('')} SELECT id, name, count(DISTINCT article_id) AS n FROM em "
           "GROUP BY id, name",
    TYPES: f"WITH {_members('')} SELECT id, type, count(*) AS n FROM em GROUP BY id, type",
    LISTING_KEYS: f"WITH {_members('')} SELECT id, key, count(*) AS n FROM em "
                  "GROUP BY id, key",
    TOTALS: f"SELECT id, cited, quoted, canonical FROM ({GROUPS})",
}
_COUNTS_FROM_STORE = [statement for table, select in COUNTS_FROM_STORE.items()
                      for statement in (f"DELETE FROM {table}",
                                        f"INSERT INTO {table} {select}")]


def _rows_of(where: str) -> str:
    """The listing rows made from the kept counts (of every group, or of the ids given)."""
    return (
        f"WITH tt AS (SELECT * FROM {TOTALS} {where}), "
        f"t AS (SELECT id, first(type ORDER BY n DESC, type) AS type, "
        f"  list(type ORDER BY type) AS types FROM {TYPES} {where} GROUP BY id), "
        f"k AS (SELECT id, first(key ORDER BY n DESC, key) AS key FROM {LISTING_KEYS} "
        f"  {where} GROUP BY id), "
        f"s AS (SELECT id, list({{'name': name, 'n': n}} ORDER BY n DESC, name) AS spellings "
        f"  FROM {NAMES} {where} GROUP BY id) "
        "SELECT tt.id, coalesce(c.key, k.key) AS key, coalesce(c.type, t.type) AS type, "
        "t.types, s.spellings, tt.cited, tt.quoted, tt.canonical "
        "FROM tt JOIN t ON t.id = tt.id JOIN k ON k.id = tt.id JOIN s ON s.id = tt.id "
        "LEFT JOIN (SELECT canonical_id, max(key) AS key, max(type) AS type FROM canonical "
        f"  WHERE canonical_id IN (SELECT id FROM tt) GROUP BY canonical_id) c "
        "  ON c.canonical_id = tt.id")


REBUILD = [
    *_COUNTS_FROM_STORE,
    f"DELETE FROM {LISTING}",
    f"INSERT INTO {LISTING} {_rows_of('')}",
]
MIGRATE = [*COUNT_TABLES, *KEYS_WITH_COUNTS, *REBUILD]


@dataclass
class Parts:
    """What some articles add to each group: articles per spelling, entities per type and
    per key, articles citing, statements as source."""

    names: Counter[tuple[str, str]] = field(default_factory=Counter)
    types: Counter[tuple[str, str]] = field(default_factory=Counter)
    keys: Counter[tuple[str, str]] = field(default_factory=Counter)
    cited: Counter[str] = field(default_factory=Counter)
    quoted: Counter[str] = field(default_factory=Counter)
    canonical: set[str] = field(default_factory=set)

    def minus(self, other: Parts) -> Parts:
        """This less ``other``, keeping the zeros (a count may fall to 0)."""
        out = Parts(canonical=self.canonical | other.canonical)
        for name in ("names", "types", "keys", "cited", "quoted"):
            mine, theirs = getattr(self, name), getattr(other, name)
            getattr(out, name).update({k: mine.get(k, 0) - theirs.get(k, 0)
                                       for k in set(mine) | set(theirs)})
        return out

    @property
    def groups(self) -> set[str]:
        return (set(self.cited) | set(self.quoted)
                | {g for counts in (self.names, self.types, self.keys) for g, _ in counts})


def parts(entities: Iterable[dict[str, Any]], membership: dict[tuple[str, str], str],
          attributions: Iterable[dict[str, Any]]) -> Parts:
    """The part of some whole articles in their groups, as :data:`GROUPS` counts them:
    ``entities`` (article_id, entity_id, name, type, key) and ``attributions``
    (article_id, source_entity, source_key) are all the rows of these articles,
    ``membership`` maps (article_id, entity_id) to a canonical id."""
    out = Parts()
    by_entity: Counter[tuple[str, str]] = Counter()
    by_key: Counter[tuple[str, str]] = Counter()
    for a in attributions:
        if a.get("source_entity") is not None:
            by_entity[(a["article_id"], a["source_entity"])] += 1
        elif a.get("source_key") is not None:
            by_key[(a["article_id"], a["source_key"])] += 1
    names: set[tuple[str, str, str]] = set()
    cited: set[tuple[str, str]] = set()
    for e in entities:
        aid, eid = e["article_id"], e["entity_id"]
        canonical = membership.get((aid, eid))
        g = canonical or e["key"]
        if canonical:
            out.canonical.add(g)
        names.add((g, e["name"], aid))
        cited.add((g, aid))
        out.types[(g, e["type"])] += 1
        out.keys[(g, e["key"])] += 1
        quoted = by_entity[(aid, eid)] + by_key[(aid, e["key"])]
        if quoted:
            out.quoted[g] += quoted
    for g, name, _ in names:
        out.names[(g, name)] += 1
    for g, _ in cited:
        out.cited[g] += 1
    return out


_UPSERT = ("INSERT INTO {table} SELECT r.id, r.x, r.n FROM (SELECT unnest(from_json(?::JSON, "
           "'[{{\"id\": \"VARCHAR\", \"x\": \"VARCHAR\", \"n\": \"BIGINT\"}}]')) AS r) "
           "ON CONFLICT DO UPDATE SET n = {table}.n + excluded.n")
_UPSERT_TOTALS = (
    f"INSERT INTO {TOTALS} SELECT r.id, r.cited, r.quoted, r.canonical FROM (SELECT "
    "unnest(from_json(?::JSON, '[{\"id\": \"VARCHAR\", \"cited\": \"BIGINT\", "
    "\"quoted\": \"BIGINT\", \"canonical\": \"BOOLEAN\"}]')) AS r) "
    f"ON CONFLICT DO UPDATE SET cited = {TOTALS}.cited + excluded.cited, "
    f"quoted = {TOTALS}.quoted + excluded.quoted, "
    f"canonical = {TOTALS}.canonical OR excluded.canonical")


def apply(con: duckdb.DuckDBPyConnection, delta: Parts) -> None:
    """Add ``delta`` to the kept counts and rewrite the listing rows of its groups, inside
    the caller's transaction: the cost follows the groups' counts, not their articles."""
    groups = sorted(delta.groups)
    if not groups:
        return
    for table, counts in ((NAMES, delta.names), (TYPES, delta.types),
                          (LISTING_KEYS, delta.keys)):
        rows = [{"id": g, "x": x, "n": n} for (g, x), n in counts.items() if n]
        if rows:
            con.execute(_UPSERT.format(table=table), [json.dumps(rows, ensure_ascii=False)])
    totals = [{"id": g, "cited": delta.cited.get(g, 0), "quoted": delta.quoted.get(g, 0),
               "canonical": g in delta.canonical} for g in groups]
    con.execute(_UPSERT_TOTALS, [json.dumps(totals, ensure_ascii=False)])
    param = [json.dumps(groups, ensure_ascii=False)]
    for table in (NAMES, TYPES, LISTING_KEYS):
        con.execute(f"DELETE FROM {table} WHERE id IN {_IDS} AND n <= 0", param)
    con.execute(f"DELETE FROM {TOTALS} WHERE id IN {_IDS} AND cited <= 0", param)
    con.execute(f"DELETE FROM {LISTING} {_SOME}", param)
    con.execute(f"INSERT INTO {LISTING} {_rows_of(_SOME)}", param * 4)


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the counts and the listing from the store (inside the caller's
    transaction)."""
    for statement in REBUILD:
        con.execute(statement)


def batch_parts(tables: dict[str, list[dict[str, Any]]]) -> Parts:
    """The part of a batch of new articles: their entities are not resolved yet, so each
    is listed under its name key."""
    return parts(tables.get("entities") or [], {}, tables.get("attributions") or [])


def stored_rows(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> tuple[
        list[dict[str, Any]], dict[tuple[str, str], str], list[dict[str, Any]]]:
    """The entities, membership and statements' sources of these stored articles, read
    from the store (for changes whose rows the caller does not hold)."""
    param = [json.dumps(sorted(set(article_ids)), ensure_ascii=False)]

    def rows(sql: str) -> list[dict[str, Any]]:
        cur = con.execute(sql, param)
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    entities = rows("SELECT article_id, entity_id, name, type, key FROM entities "
                    f"WHERE article_id IN {_IDS}")
    members = {(r["article_id"], r["entity_id"]): r["canonical_id"] for r in rows(
        f"SELECT article_id, entity_id, canonical_id FROM canonical_members "
        f"WHERE article_id IN {_IDS}")}
    sources = rows("SELECT article_id, source_entity, source_key FROM attributions "
                   f"WHERE article_id IN {_IDS}")
    return entities, members, sources
