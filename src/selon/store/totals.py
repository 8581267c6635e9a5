"""How many rows a listing has in all, whatever page is asked: the totals of the API lists.

Each function takes the filters of the listing it counts (same names, same meaning) and
builds its conditions with the same helpers, so a total always counts what the pages show.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from selon.store import queries
from selon.store.db import Store
from selon.store.upkeep import ENTITY_SUMMARY


def _count(store: Store, sql: str, params: list[Any]) -> int:
    value = store.scalar(sql, params)
    return int(value or 0)


def articles(store: Store, *, outlet: str | None = None, since: date | str | None = None,
             until: date | str | None = None, originals_only: bool = False) -> int:
    """Articles matching the filters of :func:`selon.store.reads.articles`."""
    where, params = queries.article_filters(outlet=outlet, since=since, until=until,
                                            originals_only=originals_only)
    return _count(store, "SELECT count(*) FROM articles ar"
                  + (" WHERE " + " AND ".join(where) if where else ""), params)


def claims(store: Store, **filters: Any) -> int:
    """Statements matching the filters of :func:`selon.store.queries.claims`."""
    where, params = queries.claim_conditions(store, **filters)
    return _count(store, "SELECT count(*) FROM attributions a "
                  "JOIN articles ar ON ar.id = a.article_id"
                  + (" WHERE " + " AND ".join(where) if where else ""), params)


def entities(store: Store, *, type: str | None = None) -> int:
    """Entities (name keys) listed by :func:`selon.store.queries.entities`."""
    if store.entity_summary_ready:
        return _count(store, f"SELECT count(*) FROM {ENTITY_SUMMARY} WHERE name IS NOT NULL "
                      "AND (?::VARCHAR IS NULL OR type = ?)", [type, type])
    return _count(store, "SELECT count(DISTINCT key) FROM entities "
                  "WHERE (?::VARCHAR IS NULL OR type = ?)", [type, type])


def search(store: Store, text: str, **filters: Any) -> int:
    """Articles :func:`selon.store.queries.search` finds for ``text`` and the filters."""
    from selon.store import fulltext

    return int(fulltext.articles(store, text, **filters, limit=1)["total"])


def stories(store: Store, **filters: Any) -> int:
    """Stories matching the filters of :func:`selon.store.storyreads.stories`."""
    from selon.store import storyreads

    return len(storyreads.stories(store, **filters, limit=None))


def contradictions(store: Store, *, story_id: str | None = None) -> int:
    """Contradiction pairs listed by :func:`selon.store.storyreads.contradictions`."""
    return _count(store, "SELECT count(*) FROM story_relations r JOIN stories s "
                  "ON s.story_id = r.story_id WHERE (?::VARCHAR IS NULL OR r.story_id = ?)",
                  [story_id, story_id])
