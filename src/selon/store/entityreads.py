"""Entities as the resolve stage groups them: one row, one page per canonical entity.

A canonical entity gathers the article entities resolved into it (« Sergueï Choïgou »,
« Choïgou », « Sergei Shoigu »); article entities not resolved (MISC names, stores made
before resolution) are grouped by name key as before, and their id is that key. The
statements of an entity are those whose source is one of its members (or, when the
analysis tied the source to no entity, whose source key is a member's key in the same
article), and those whose content mentions one of its members.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from selon.errors import ConfigError
from selon.store import reads
from selon.store.db import Store
from selon.store.keys import name_key
from selon.store.listing import LISTING, LISTING_KEYS
from selon.store.reads import statements

ORDERS = ("cited", "quoted")


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def display_name(spellings: list[dict[str, Any]], type_: str) -> str:
    """The name to show: the most frequent spelling of several words for a person (not
    « Poutine » when « Vladimir Poutine » is a member), else the most frequent one."""
    ranked = sorted(spellings, key=lambda s: (-s["n"], s["name"]))
    if type_ == "PER":
        full = [s for s in ranked if len(s["name"].split()) >= 2]
        if full:
            return str(full[0]["name"])
    return str(ranked[0]["name"]) if ranked else ""


def _named(name: str | None) -> tuple[str, list[Any]]:
    """The condition (on a listing row ``g``) that one of its members' names has the
    words, or word beginnings, of ``name`` (case, accents and titles ignored), and its
    parameter."""
    if not (name or "").strip():
        return "", []
    words = name_key(name or "").split()
    if not words:
        raise ConfigError(f"the name {name!r} has no letters or digits to look for")
    return (f"AND g.id IN (SELECT id FROM {LISTING_KEYS} WHERE (' ' || key) LIKE ?) ",
            ["% " + "% ".join(words) + "%"])


def count(store: Store, *, type: str | None = None, name: str | None = None) -> int:
    """How many entities :func:`listing` lists in all pages together."""
    named, params = _named(name)
    value = store.scalar(
        f"SELECT count(*) FROM {LISTING} g WHERE (?::VARCHAR IS NULL OR g.type = ?) {named}",
        [type, type, *params])
    return int(value or 0)


def listing(store: Store, *, order: str = "cited", type: str | None = None,
            name: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Entities, one row per canonical entity (or name key when unresolved), most cited
    (articles) or most quoted (statements as source) first: ``id``, ``key``, ``name``,
    ``type``, ``spellings`` (names of its members), ``types`` (their types as the
    analysis gave them), ``cited``, ``quoted``, ``canonical``. With ``name``, only the
    entities one of whose names has its words or word beginnings (« choï » finds
    « Sergueï Choïgou », and « Shoigu » finds it too once the two are merged).

    Read from the listing kept per batch (:mod:`selon.store.listing`): the cost follows
    the number of entities, not of their mentions and statements."""
    named, name_params = _named(name)
    if limit <= 0 or offset < 0:
        raise ConfigError(f"limit must be positive and offset not negative "
                          f"(got limit={limit}, offset={offset})")
    if order not in ORDERS:
        raise ConfigError(f"order must be one of {', '.join(ORDERS)}, not {order!r}")
    sort = "cited DESC, quoted DESC" if order == "cited" else "quoted DESC, cited DESC"
    rows = store.fetch(
        "SELECT g.id, g.key, g.type, g.types, g.cited, g.quoted, g.canonical, g.spellings "
        f"FROM {LISTING} g WHERE (?::VARCHAR IS NULL OR g.type = ?) {named}"
        f"ORDER BY {sort}, g.key, g.id LIMIT ? OFFSET ?",
        [type, type, *name_params, limit, offset])
    for r in rows:
        names = list(r["spellings"] or [])
        r["name"] = display_name(names, r["type"])
        r["spellings"] = [s["name"] for s in names]  # most frequent first
        r["types"] = sorted(r["types"] or [])
    return rows


def find(store: Store, ident: str) -> tuple[str, list[str]] | None:
    """The canonical entity an id or a name key stands for, and the other canonical
    entities that key names (two « M. Martin » of unrelated articles); None when it
    names no canonical entity."""
    if store.fetch("SELECT 1 FROM canonical WHERE canonical_id = ?", [ident]):
        return ident, []
    rows = store.fetch(
        "SELECT m.canonical_id, count(DISTINCT m.article_id) AS n FROM canonical_members m "
        "WHERE m.canonical_id IN (SELECT canonical_id FROM canonical_members WHERE key = ?) "
        "GROUP BY m.canonical_id ORDER BY n DESC, m.canonical_id", [ident])
    if not rows:
        return None
    return rows[0]["canonical_id"], [r["canonical_id"] for r in rows[1:]]


def entity(store: Store, canonical_id: str, *, limit: int = 100) -> dict[str, Any] | None:
    """Everything the store knows about one canonical entity, or None: ``names`` (with
    types and article counts), mention ``spellings``, ``articles``, ``said`` and
    ``about`` (statements as :func:`selon.store.reads.statements` gives them),
    ``relays``, ``stances``, ``flags`` and ``joined`` (how its names were joined)."""
    head = store.fetch("SELECT canonical_id, type, name, key FROM canonical "
                       "WHERE canonical_id = ?", [canonical_id])
    if not head:
        return None
    row = head[0]
    names = store.fetch(
        "SELECT e.name, e.type, count(DISTINCT e.article_id) AS articles "
        "FROM canonical_members m JOIN entities e ON e.article_id = m.article_id "
        "AND e.entity_id = m.entity_id WHERE m.canonical_id = ? "
        "GROUP BY e.name, e.type ORDER BY articles DESC, e.name", [canonical_id])
    spellings = store.fetch(
        "SELECT x.text, count(*) AS n FROM mentions x JOIN canonical_members m "
        "ON m.article_id = x.article_id AND m.entity_id = x.entity_id "
        "WHERE m.canonical_id = ? GROUP BY x.text ORDER BY n DESC, x.text LIMIT 50",
        [canonical_id])
    arts = store.fetch(
        "WITH hits AS (SELECT m.article_id, count(x.position) AS mentions "
        "  FROM canonical_members m LEFT JOIN mentions x ON x.article_id = m.article_id "
        "  AND x.entity_id = m.entity_id WHERE m.canonical_id = ? GROUP BY m.article_id), "
        "page AS (SELECT ar.id, ar.title, ar.outlet, ar.published, ar.text, h.mentions "
        "  FROM hits h JOIN articles ar ON ar.id = h.article_id "
        "  ORDER BY ar.published DESC NULLS LAST, ar.id LIMIT ?), "
        "first AS (SELECT l.article_id, arg_min(l.start, l.position) AS s, "
        "  arg_min(l.\"end\", l.position) AS e FROM lines l WHERE l.kind = 'body' "
        "  AND l.article_id IN (SELECT id FROM page) GROUP BY l.article_id) "
        "SELECT p.id, p.title, p.outlet, p.published, p.mentions, "
        "substr(p.text, f.s + 1, least(f.e - f.s, 160)) AS opening "
        "FROM page p LEFT JOIN first f ON f.article_id = p.id "
        "ORDER BY p.published DESC NULLS LAST, p.id", [canonical_id, limit])
    relays = store.fetch(
        "WITH mine AS (SELECT a.article_id, a.attr_id FROM attributions a "
        "  JOIN canonical_members m ON m.article_id = a.article_id "
        "  AND (m.entity_id = a.source_entity OR (a.source_entity IS NULL "
        "  AND m.key = a.source_key)) WHERE m.canonical_id = ?) "
        "SELECT v.key, mode(v.text) AS text, count(*) AS n FROM attribution_via v "
        "JOIN mine USING (article_id, attr_id) GROUP BY v.key ORDER BY n DESC, v.key LIMIT 50",
        [canonical_id])
    joined = store.fetch(
        "SELECT name, reason, reason_code, decided_by, count(*) AS n FROM canonical_members "
        "WHERE canonical_id = ? GROUP BY name, reason, reason_code, decided_by "
        "ORDER BY n DESC, name LIMIT 50", [canonical_id])
    flags = store.fetch(
        "SELECT list, entry_id, entry_name, programme, score, reason, reason_code FROM flags "
        "WHERE canonical_id = ? ORDER BY score DESC", [canonical_id])
    said = statements(store, canonical_id=canonical_id, limit=limit)
    about = statements(store, about_canonical=canonical_id, limit=limit)
    counted = [{"name": n["name"], "n": n["articles"]} for n in names]
    return {
        "id": canonical_id, "key": row["key"], "type": row["type"],
        "name": display_name(counted, row["type"]) or row["name"],
        "names": names, "spellings": spellings,
        "types": sorted({n["type"] for n in names}),
        "articles": [{k: _iso(v) for k, v in r.items()} for r in arts],
        "said": said, "about": about, "relays": relays,
        "stances": dict(Counter(s["stance"] for s in said)),
        "flags": flags, "joined": joined,
    }


def stories(store: Store, canonical_id: str, limit: int = 20) -> list[dict[str, Any]]:
    """The stories with an article naming one of the members, latest first."""
    rows = store.fetch(
        "SELECT story_id AS id, title, first_day, last_day, articles, outlets, sources, "
        "statements, contradictions FROM stories WHERE story_id IN (SELECT sa.story_id FROM "
        "story_articles sa JOIN canonical_members m ON m.article_id = sa.article_id "
        "WHERE m.canonical_id = ?) ORDER BY last_day DESC, articles DESC, story_id LIMIT ?",
        [canonical_id, limit])
    for r in rows:
        r["first_day"], r["last_day"] = _iso(r["first_day"]), _iso(r["last_day"])
    return rows


def lookup(store: Store, ident: str, *, limit: int = 100) -> dict[str, Any] | None:
    """The entity page of a canonical id or a name key: the canonical entity it names
    (with ``others``, the other canonical entities of that key), else the article
    entities of that key grouped as they are (``canonical`` false); None when neither."""
    found = find(store, ident)
    if found is not None:
        cid, others = found
        out = entity(store, cid, limit=limit)
        if out is not None:
            named = store.fetch("SELECT canonical_id AS id, name, type FROM canonical "
                                "WHERE canonical_id IN (SELECT unnest(?::VARCHAR[])) "
                                "ORDER BY name, canonical_id", [others]) if others else []
            return {**out, "canonical": True, "others": named}
    grouped = reads.entity(store, ident, limit=limit)
    if grouped is None:
        return None
    return {**grouped, "id": ident, "canonical": False, "others": [], "joined": [],
            "types": sorted({n["type"] for n in grouped["names"]}), "flags": []}
