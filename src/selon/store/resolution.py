"""The store side of the resolve stage: canonical entities, their members, decisions by
hand, watchlists and flags. The rules that decide live in ``selon.resolve``; this module
only reads and writes their tables (always with parameters, one transaction per change).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from selon.store.db import Store

RESOLVED_TYPES = ("PER", "ORG", "LOC")


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# -- reading ----------------------------------------------------------------------------


def unresolved(store: Store, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Article entities of type PER/ORG/LOC that belong to no canonical entity yet, with
    the article they are in and the article it is a near-copy of (its story)."""
    where = " AND e.article_id IN (SELECT unnest(?::VARCHAR[]))" if article_ids else ""
    params: list[Any] = [list(RESOLVED_TYPES)]
    if article_ids:
        params.append(list(article_ids))
    return store.fetch(
        "SELECT e.article_id, e.entity_id, e.name, e.type, e.key, a.duplicate_of "
        "FROM entities e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN canonical_members m ON m.article_id = e.article_id "
        "  AND m.entity_id = e.entity_id "
        "WHERE m.canonical_id IS NULL AND e.type IN (SELECT unnest(?::VARCHAR[]))"
        f"{where} ORDER BY e.article_id, e.position", params)


def canonicals(store: Store) -> list[dict[str, Any]]:
    return store.fetch("SELECT canonical_id, type, name, key, country, role FROM canonical")


def spellings(store: Store) -> list[dict[str, Any]]:
    """Each distinct (canonical, spelling) of the store."""
    return store.fetch("SELECT DISTINCT canonical_id, name, key FROM canonical_members")


def story_members(store: Store, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The canonical entities already resolved in these articles (an article and the
    copies of its story)."""
    return store.fetch(
        "SELECT DISTINCT m.article_id, m.canonical_id FROM canonical_members m "
        "WHERE m.article_id IN (SELECT unnest(?::VARCHAR[]))", [list(article_ids)])


def decisions(store: Store) -> list[dict[str, Any]]:
    return store.fetch("SELECT decision, type, key_a, key_b FROM resolve_decisions "
                       "ORDER BY decided_at")


def members_of(store: Store, canonical_id: str) -> list[dict[str, Any]]:
    return store.fetch(
        "SELECT article_id, entity_id, canonical_id, name, key, score, reason, decided_by "
        "FROM canonical_members WHERE canonical_id = ? ORDER BY resolved_at, article_id",
        [canonical_id])


def canonical_by_key(store: Store, key: str, type_: str | None = None) -> list[dict[str, Any]]:
    """Canonical entities that have a member spelled with this name key."""
    sql = ("SELECT DISTINCT c.canonical_id, c.type, c.name, c.key FROM canonical c "
           "JOIN canonical_members m USING (canonical_id) WHERE m.key = ?")
    params: list[Any] = [key]
    if type_:
        sql += " AND c.type = ?"
        params.append(type_)
    return store.fetch(sql, params)


def canonical_row(store: Store, canonical_id: str) -> dict[str, Any] | None:
    rows = store.fetch("SELECT canonical_id, type, name, key, country, role FROM canonical "
                       "WHERE canonical_id = ?", [canonical_id])
    return rows[0] if rows else None


# -- writing ----------------------------------------------------------------------------


def add_resolution(store: Store, new_canonicals: list[dict[str, Any]],
                   members: list[dict[str, Any]]) -> None:
    """Add canonical entities and members in one transaction."""
    store._writable()
    with store._transaction("resolving entities in"):
        if new_canonicals:
            store._insert("canonical", new_canonicals)
        if members:
            store._insert("canonical_members", members)


def record_decision(store: Store, decision: str, type_: str, key_a: str, key_b: str,
                    moves: Sequence[tuple[str, str, Sequence[str], str]],
                    new_canonicals: list[dict[str, Any]]) -> None:
    """Remember a merge or split and move members accordingly, in one transaction.

    Each move is (from canonical, to canonical, member keys or [] for all, reason).
    """
    store._writable()
    with store._transaction("recording a decision in") as con:
        con.execute("DELETE FROM resolve_decisions WHERE type = ? AND "
                    "((key_a = ? AND key_b = ?) OR (key_a = ? AND key_b = ?))",
                    [type_, key_a, key_b, key_b, key_a])
        con.execute("INSERT INTO resolve_decisions VALUES (?, ?, ?, ?, ?)",
                    [decision, type_, key_a, key_b, now()])
        if new_canonicals:
            store._insert("canonical", new_canonicals)
        for source, target, keys, reason in moves:
            key_filter = " AND key IN (SELECT unnest(?::VARCHAR[]))" if keys else ""
            params: list[Any] = [target, reason, now(), source]
            if keys:
                params.append(list(keys))
            con.execute("UPDATE canonical_members SET canonical_id = ?, reason = ?, "
                        "decided_by = 'hand', score = 1.0, resolved_at = ? "
                        f"WHERE canonical_id = ?{key_filter}", params)
            con.execute("DELETE FROM flags WHERE canonical_id IN (?, ?)", [source, target])
            con.execute("DELETE FROM screened WHERE canonical_id IN (?, ?)", [source, target])
        con.execute("DELETE FROM canonical WHERE canonical_id NOT IN "
                    "(SELECT canonical_id FROM canonical_members)")
