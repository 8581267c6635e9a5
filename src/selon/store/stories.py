"""The store side of stories: the articles still to place, the window around a batch's
dates, and one transaction that writes a batch's placements with the rebuilt records of
every story it touched (so a killed build leaves either all of a batch or none of it)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from selon.store.db import IDS, Store, ids_param

# An article's day: its publication date, else the day it was ingested; a date in the
# future (beyond tomorrow, for time zones) is not trusted either.
_DAY = ("CASE WHEN a.published IS NOT NULL AND a.published <= current_date + 1 "
        "THEN a.published ELSE CAST(a.ingested_at AS DATE) END")


def pending_count(store: Store) -> int:
    return int(store.scalar(
        "SELECT count(*) FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM story_articles s WHERE s.article_id = a.id)") or 0)


def pending(store: Store, limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` articles in no story yet, oldest first."""
    return store.fetch(
        f"SELECT a.id, a.title, a.text, a.duplicate_of, {_DAY} AS day FROM articles a "
        "WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_id = a.id) "
        "ORDER BY day, a.id LIMIT ?", [limit])


def window(store: Store, lo: date, hi: date) -> list[dict[str, Any]]:
    """The placed articles whose day lies in [lo, hi], with their stories."""
    return store.fetch(
        "SELECT a.id, a.title, a.text, a.duplicate_of, s.day, s.story_id FROM story_articles s "
        "JOIN articles a ON a.id = s.article_id WHERE s.day BETWEEN ? AND ?", [lo, hi])


def names(store: Store, ids: Sequence[str]) -> dict[str, dict[str, str]]:
    """Per article, the name keys of its entities and their types."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for r in store.fetch(
            "SELECT article_id, key, type FROM entities "
            f"WHERE article_id IN ({IDS})", [ids_param(ids)]):
        out[r["article_id"]][r["key"]] = r["type"]
    return out


def canonical(store: Store, ids: Sequence[str]) -> dict[tuple[str, str], str]:
    """The canonical entity (resolve stage) of each entity of these articles that has one:
    ``(article id, entity id)`` → canonical id."""
    if not ids:
        return {}
    return {(r["article_id"], r["entity_id"]): r["canonical_id"] for r in store.fetch(
        "SELECT article_id, entity_id, canonical_id FROM canonical_members "
        f"WHERE article_id IN ({IDS})", [ids_param(ids)])}


def stories_of(store: Store, ids: Sequence[str]) -> dict[str, str]:
    """The story of each of these (placed) articles."""
    return {r["article_id"]: r["story_id"] for r in store.fetch(
        "SELECT article_id, story_id FROM story_articles "
        f"WHERE article_id IN ({IDS})", [ids_param(ids)])}


def members(store: Store, story_ids: Sequence[str]) -> dict[str, list[str]]:
    """The article ids of each of these stories."""
    out: dict[str, list[str]] = defaultdict(list)
    for r in store.fetch(
            "SELECT story_id, article_id FROM story_articles "
            f"WHERE story_id IN ({IDS}) ORDER BY day, article_id",
            [ids_param(story_ids)]):
        out[r["story_id"]].append(r["article_id"])
    return out


def save(store: Store, placed: list[dict[str, Any]], touched: Sequence[str],
         rows: dict[str, list[dict[str, Any]]],
         merged: dict[str, str] | None = None) -> None:
    """Add the placements of a batch, move the articles of ``merged`` stories (absorbed
    id -> target id) to their targets, and replace the records of the touched stories."""
    store._writable()
    now = datetime.now(UTC).replace(tzinfo=None)
    merged = merged or {}
    with store._transaction("saving stories in") as con:
        for gone, target in sorted(merged.items()):
            con.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?",
                        [target, gone])
        if placed:
            store._insert("story_articles", [{**p, "added_at": now} for p in placed])
        for table in ("stories", "story_statements", "statement_mentions", "story_relations"):
            con.execute(f"DELETE FROM {table} WHERE story_id IN ({IDS})",
                        [ids_param([*touched, *merged])])
            table_rows = rows.get(table) or []
            if table == "stories":
                table_rows = [{**r, "updated_at": now} for r in table_rows]
            if table_rows:
                store._insert(table, table_rows)


def copies(store: Store, ids: Sequence[str]) -> dict[str, str]:
    """For each of these articles, the dispatch it copies (its original, else itself)."""
    return {r["id"]: r["duplicate_of"] or r["id"] for r in store.fetch(
        f"SELECT id, duplicate_of FROM articles WHERE id IN ({IDS})",
        [ids_param(ids)])}


def reset(store: Store) -> None:
    """Forget every story (the next build places every article again)."""
    store._writable()
    with store._transaction("clearing the stories of") as con:
        for table in ("story_articles", "stories", "story_statements", "statement_mentions",
                      "story_relations"):
            con.execute(f"DELETE FROM {table}")
