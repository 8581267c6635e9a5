"""The entities list with a name search, and what each listed entity groups.

:func:`matching` is :func:`selon.store.queries.entities` narrowed to the names that have
the words (or word beginnings) of a query, case, accents and titles ignored: « choï »
finds « Sergueï Choïgou ». A name merged with others into one canonical entity (see
``selon entities resolve``) is found by any of them: « Shoigu » finds « Choïgou » once
they are merged. :func:`details` gives, for the keys of a page, the types seen, the
spellings in the texts, and the other names of their canonical entity.
"""

from __future__ import annotations

from typing import Any

from selon.errors import ConfigError
from selon.store import queries
from selon.store.db import ENTITY_SUMMARY, Store
from selon.store.keys import name_key

SPELLINGS = 6  # spellings shown per entity, most frequent first
MERGED = 6  # other names of its canonical entity shown per entity


def _pattern(q: str) -> str:
    words = name_key(q).split()
    if not words:
        raise ConfigError(f"the name {q!r} has no letters or digits to look for")
    return "% " + "% ".join(words) + "%"


# Keys whose own words match, or that share a canonical entity with a key that does.
_KEYS = ("(SELECT k.key FROM (SELECT DISTINCT key FROM entities) k "
         "WHERE (' ' || k.key) LIKE ? "
         "UNION SELECT m1.key FROM canonical_members m1 JOIN canonical_members m2 "
         "ON m2.canonical_id = m1.canonical_id WHERE (' ' || m2.key) LIKE ?)")


def matching(store: Store, q: str | None, *, order: str = "cited", type: str | None = None,
             limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Entities (key, name, type, cited, quoted) whose name matches ``q``, in the order of
    :func:`selon.store.queries.entities`; all of them when ``q`` is empty."""
    q = (q or "").strip()
    if not q:
        return queries.entities(store, order=order, type=type, limit=limit, offset=offset)
    queries.entities(store, order=order, type=type, limit=1)  # the same checks
    pattern = _pattern(q)
    sort = "cited DESC, quoted DESC" if order == "cited" else "quoted DESC, cited DESC"
    if store.entity_summary_ready:
        return store.fetch(
            f"SELECT key, name, type, cited, quoted FROM {ENTITY_SUMMARY} "
            f"WHERE name IS NOT NULL AND key IN {_KEYS} AND (?::VARCHAR IS NULL OR type = ?) "
            f"ORDER BY {sort}, key LIMIT ? OFFSET ?",
            [pattern, pattern, type, type, limit, offset])
    return store.fetch(
        "WITH e AS (SELECT key, mode(name) AS name, mode(type) AS type, "
        "  count(DISTINCT article_id) AS cited FROM entities "
        f"  WHERE key IN {_KEYS} AND (?::VARCHAR IS NULL OR type = ?) GROUP BY key), "
        "q AS (SELECT source_key AS key, count(*) AS quoted FROM attributions "
        "  WHERE source_key IN (SELECT key FROM e) GROUP BY source_key) "
        "SELECT e.key, e.name, e.type, e.cited, coalesce(q.quoted, 0) AS quoted "
        f"FROM e LEFT JOIN q ON q.key = e.key ORDER BY {sort}, e.key LIMIT ? OFFSET ?",
        [pattern, pattern, type, type, limit, offset])


def count_matching(store: Store, q: str | None, *, type: str | None = None) -> int:
    """How many entities :func:`matching` lists in all pages together."""
    from selon.store import totals

    q = (q or "").strip()
    if not q:
        return totals.entities(store, type=type)
    pattern = _pattern(q)
    # As matching(): the summary's main type, or live any record of the key with that type.
    table = ENTITY_SUMMARY if store.entity_summary_ready else \
        "(SELECT DISTINCT key, name, type FROM entities)"
    value = store.scalar(
        f"SELECT count(DISTINCT key) FROM {table} WHERE name IS NOT NULL AND key IN {_KEYS} "
        "AND (?::VARCHAR IS NULL OR type = ?)", [pattern, pattern, type, type])
    return int(value or 0)


def details(store: Store, keys: list[str]) -> dict[str, dict[str, Any]]:
    """Per key: ``types`` seen ([type, articles], most first), ``spellings`` in the texts
    (most frequent first) and ``merged``: the other names of its canonical entities."""
    out: dict[str, dict[str, Any]] = {k: {"types": [], "spellings": [], "merged": []}
                                      for k in keys}
    if not keys:
        return out
    for r in store.fetch(
            "SELECT key, type, count(DISTINCT article_id) AS n FROM entities "
            "WHERE key IN (SELECT unnest(?::VARCHAR[])) GROUP BY key, type "
            "ORDER BY key, n DESC, type", [keys]):
        out[r["key"]]["types"].append([r["type"], r["n"]])
    for r in store.fetch(
            "SELECT key, text FROM (SELECT e.key, m.text, row_number() OVER "
            "  (PARTITION BY e.key ORDER BY count(*) DESC, m.text) AS rank "
            "  FROM mentions m JOIN entities e ON e.article_id = m.article_id "
            "  AND e.entity_id = m.entity_id WHERE e.key IN (SELECT unnest(?::VARCHAR[])) "
            "  GROUP BY e.key, m.text) WHERE rank <= ? ORDER BY key, rank",
            [keys, SPELLINGS]):
        out[r["key"]]["spellings"].append(r["text"])
    for r in store.fetch(
            "SELECT key, name FROM (SELECT m1.key, m2.name, row_number() OVER "
            "  (PARTITION BY m1.key ORDER BY count(*) DESC, m2.name) AS rank "
            "  FROM (SELECT DISTINCT key, canonical_id FROM canonical_members "
            "    WHERE key IN (SELECT unnest(?::VARCHAR[]))) m1 "
            "  JOIN canonical_members m2 ON m2.canonical_id = m1.canonical_id "
            "  AND m2.key <> m1.key GROUP BY m1.key, m2.name) "
            "WHERE rank <= ? ORDER BY key, rank", [keys, MERGED]):
        out[r["key"]]["merged"].append(r["name"])
    return out
