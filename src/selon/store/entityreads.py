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
from selon.store import corrections, reads
from selon.store.db import Store
from selon.store.entityrows import ARTICLES, STATEMENTS
from selon.store.keys import name_key
from selon.store.listing import LISTING, LISTING_KEYS, TOTALS

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
    # The canonical entities with a member of this key, most cited first, from the
    # listing's kept counts (a scan of the members of every canonical entity before).
    rows = store.fetch(
        f"SELECT k.id AS canonical_id FROM {LISTING_KEYS} k JOIN {TOTALS} t ON t.id = k.id "
        "WHERE k.key = ? AND t.canonical ORDER BY t.cited DESC, k.id", [ident])
    if not rows:
        return None
    return rows[0]["canonical_id"], [r["canonical_id"] for r in rows[1:]]


def _group(store: Store, gid: str, said: str, limit: int) -> dict[str, Any] | None:
    """What the page of the group ``gid`` (a canonical id, else a name key) shows, read
    from its rows kept per batch (:mod:`selon.store.entityrows`): ``names``,
    ``spellings``, ``articles``, ``said`` (statements of role ``said``: as the canonical
    entity's, or ``source``: by source key), ``about``, ``relays`` and ``joined``; None
    when no article names it. Each part is one scan of the group's kept rows (sorted by
    group, so that zone maps skip most of the table); only the page's articles are then
    looked up by id, for their titles and openings."""
    names = store.fetch(
        f"SELECT r.name, r.type, count(*) AS articles FROM (SELECT unnest(names) AS r "
        f"FROM {ARTICLES} WHERE id = ?) GROUP BY r.name, r.type "
        "ORDER BY articles DESC, r.name, r.type", [gid])
    if not names:
        return None
    spellings = store.fetch(
        f"SELECT r.text, sum(r.n)::BIGINT AS n FROM (SELECT unnest(spellings) AS r "
        f"FROM {ARTICLES} WHERE id = ?) GROUP BY r.text ORDER BY n DESC, r.text LIMIT 50",
        [gid])
    arts = store.fetch(
        f"WITH page AS (SELECT article_id, published, mentions FROM {ARTICLES} WHERE id = ? "
        "  ORDER BY published DESC NULLS LAST, article_id LIMIT ?) "
        "SELECT ar.id, ar.title, ar.outlet, ar.published, p.mentions FROM page p "
        "JOIN articles ar ON ar.id = p.article_id "
        "ORDER BY p.published DESC NULLS LAST, p.article_id", [gid, limit])
    opening = reads.openings(store, [a["id"] for a in arts])
    for a in arts:
        a["opening"] = opening.get(a["id"])
    relays = store.fetch(
        f"SELECT r.key, mode(r.text) AS text, count(*) AS n FROM (SELECT unnest(via) AS r "
        f"FROM {STATEMENTS} WHERE id = ? AND role = ?) GROUP BY r.key "
        "ORDER BY n DESC, r.key LIMIT 50", [gid, said])
    joined = store.fetch(
        f"SELECT r.name, r.reason, r.reason_code, r.decided_by, sum(r.n)::BIGINT AS n FROM "
        f"(SELECT unnest(joined) AS r FROM {ARTICLES} WHERE id = ?) "
        "GROUP BY r.name, r.reason, r.reason_code, r.decided_by "
        "ORDER BY n DESC, r.name, r.reason, r.decided_by LIMIT 50", [gid])

    def page(role: str) -> list[dict[str, Any]]:
        rows = store.fetch(
            f"SELECT * EXCLUDE (id, role, batch) FROM {STATEMENTS} WHERE id = ? AND role = ? "
            "ORDER BY published DESC NULLS LAST, article_id, position LIMIT ?",
            [gid, role, limit])
        return corrections.overlay_rows(store, [_statement(r) for r in rows])

    return {"names": names, "spellings": spellings,
            "articles": [{k: _iso(v) for k, v in r.items()} for r in arts],
            "said": page(said), "about": page("about"), "relays": relays, "joined": joined}


def _statement(r: dict[str, Any]) -> dict[str, Any]:
    """A statement of a kept row, as :func:`selon.store.reads.statements` gives it (before
    the readers' corrections)."""
    return {
        "article_id": r["article_id"], "title": r["title"], "outlet": r["outlet"],
        "credit": r["credit"], "published": _iso(r["published"]), "id": r["attr_id"],
        "kind": r["kind"], "stance": r["stance"],
        "source": ({"text": r["source_text"], "key": r["source_key"],
                    "name": r["source_name"]} if r["source_text"] is not None else None),
        "via": r["via"], "cue": r["cue_text"], "content": r["content_text"],
        "content_span": [r["content_start"], r["content_end"]],
        "how": r["source_how"], "confidence": r["confidence"], "times": r["times"],
    }


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
    parts = _group(store, canonical_id, "said", limit) or {
        "names": [], "spellings": [], "articles": [], "said": [], "about": [],
        "relays": [], "joined": []}
    flags = store.fetch(
        "SELECT list, entry_id, entry_name, programme, score, reason, reason_code FROM flags "
        "WHERE canonical_id = ? ORDER BY score DESC", [canonical_id])
    names = parts["names"]
    counted = [{"name": n["name"], "n": n["articles"]} for n in names]
    return {
        "id": canonical_id, "key": row["key"], "type": row["type"],
        "name": display_name(counted, row["type"]) or row["name"],
        "names": names, "spellings": parts["spellings"],
        "types": sorted({n["type"] for n in names}),
        "articles": parts["articles"],
        "said": parts["said"], "about": parts["about"], "relays": parts["relays"],
        "stances": dict(Counter(s["stance"] for s in parts["said"])),
        "flags": flags, "joined": parts["joined"],
    }


def key_entity(store: Store, key: str, *, limit: int = 100) -> dict[str, Any] | None:
    """The article entities of this name key that no canonical entity holds, grouped as
    they are, or None: ``names`` and ``spellings`` seen, ``articles`` mentioning them
    (with mention counts), ``said`` (statements of this source key), ``about``
    (statements naming them inside their content), ``relays`` (who relayed its
    statements, with counts)."""
    parts = _group(store, key, "source", limit)
    if parts is None:
        return None
    top = parts["names"][0]
    return {"key": key, "name": top["name"], "type": top["type"],
            **{k: parts[k] for k in ("names", "spellings", "articles", "said", "about",
                                     "relays")},
            "stances": dict(Counter(s["stance"] for s in parts["said"]))}


def stories(store: Store, group: str, limit: int = 20) -> list[dict[str, Any]]:
    """The stories with an article naming the entity (a canonical id, else the name key
    of entities no canonical entity holds), latest first."""
    rows = store.fetch(
        "SELECT story_id AS id, title, first_day, last_day, articles, outlets, sources, "
        "statements, contradictions FROM stories WHERE story_id IN (SELECT sa.story_id FROM "
        f"story_articles sa WHERE sa.article_id IN (SELECT article_id FROM {ARTICLES} "
        "WHERE id = ?)) ORDER BY last_day DESC, articles DESC, story_id LIMIT ?",
        [group, limit])
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
    grouped = key_entity(store, ident, limit=limit)
    if grouped is None:
        return None
    return {**grouped, "id": ident, "canonical": False, "others": [], "joined": [],
            "types": sorted({n["type"] for n in grouped["names"]}), "flags": []}
