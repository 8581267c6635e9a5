"""The store side of the resolve stage: canonical entities, their members, decisions by
hand, watchlists and flags. The rules that decide live in ``selon.resolve``; this module
only reads and writes their tables (always with parameters, one transaction per change).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from selon.reasons import machine
from selon.store import entityrows, listing
from selon.store import evidence as kept
from selon.store.db import Store, as_list, in_values

RESOLVED_TYPES = ("PER", "ORG", "LOC")


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# -- reading ----------------------------------------------------------------------------


def unresolved(store: Store, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Article entities of type PER/ORG/LOC that belong to no canonical entity yet, with
    the article they are in and the article it is a near-copy of (its story), in article
    and position order. The batch just written is taken from the rows the store holds;
    other articles are read, each table filtered by their ids first."""
    held = store.held(article_ids) if article_ids else None
    if held is not None:  # just written: none of its entities is resolved yet
        articles = held["articles"]
        wanted = set(article_ids or ())
        rows = sorted((e for e in held["entities"]
                       if e["article_id"] in wanted and e["type"] in RESOLVED_TYPES),
                      key=lambda e: (e["article_id"], e["position"]))
        return [{"article_id": e["article_id"], "entity_id": e["entity_id"],
                 "name": e["name"], "type": e["type"], "key": e["key"],
                 "duplicate_of": articles[e["article_id"]]["duplicate_of"]} for e in rows]
    some = "IN (SELECT id FROM ids)" if article_ids else "IS NOT NULL"
    params: list[Any] = [as_list(article_ids or []), list(RESOLVED_TYPES)]
    return store.fetch(
        "WITH ids AS (SELECT unnest(?::JSON::VARCHAR[]) AS id), "
        "e AS MATERIALIZED (SELECT article_id, entity_id, name, type, key, position "
        f"  FROM entities WHERE type IN (SELECT unnest(?::VARCHAR[])) AND article_id {some}), "
        "m AS MATERIALIZED (SELECT article_id, entity_id, canonical_id FROM canonical_members"
        f"  WHERE article_id {some}), "
        f"a AS MATERIALIZED (SELECT id, duplicate_of FROM articles WHERE id {some}) "
        "SELECT e.article_id, e.entity_id, e.name, e.type, e.key, a.duplicate_of "
        "FROM e JOIN a ON a.id = e.article_id "
        "LEFT JOIN m ON m.article_id = e.article_id AND m.entity_id = e.entity_id "
        "WHERE m.canonical_id IS NULL ORDER BY e.article_id, e.position", params)


def _context(text: str, start: int, end: int, width: int) -> tuple[str, str]:
    """The ``width`` characters before and after a mention, as :func:`mention_contexts`
    cuts them in SQL."""
    return text[max(start - width, 0):max(start, 0)], text[end:end + width]


def mention_contexts(store: Store, *, article_ids: Sequence[str] | None = None,
                     canonical_ids: Sequence[str] | None = None,
                     width: int = 80) -> list[dict[str, Any]]:
    """Each mention of a PER entity of these articles (or of these canonical entities'
    members) with ``width`` characters of text before and after it: the titles and roles
    the resolve stage reads as evidence. With canonical ids, rows carry ``canonical_id``.
    The batch just written is taken from the rows the store holds; otherwise the members,
    mentions and texts are read for the articles concerned only (filtered first)."""
    held = store.held(article_ids) if canonical_ids is None and article_ids else None
    if held is not None:
        wanted = set(article_ids or ())
        people = {(e["article_id"], e["entity_id"]) for e in held["entities"]
                  if e["article_id"] in wanted and e["type"] == "PER"}
        out = []
        for x in held["mentions"]:
            if (x["article_id"], x["entity_id"]) in people:
                before, after = _context(held["articles"][x["article_id"]]["text"],
                                         x["start"], x["end"], width)
                out.append({"article_id": x["article_id"], "entity_id": x["entity_id"],
                            "text": x["text"], "before": before, "after": after})
        return out
    if canonical_ids is not None:
        scope = ("SELECT article_id, entity_id, canonical_id FROM canonical_members "
                 "WHERE canonical_id IN (SELECT unnest(?::JSON::VARCHAR[]))")
        ids: list[Any] = [as_list(canonical_ids)]
        pick = ", s.canonical_id"
    else:
        scope = ("SELECT article_id, entity_id FROM entities WHERE type = 'PER' "
                 "AND article_id IN (SELECT unnest(?::JSON::VARCHAR[]))")
        ids = [as_list(article_ids or [])]
        pick = ""
    return store.fetch(
        f"WITH s AS MATERIALIZED ({scope}), "
        "x AS MATERIALIZED (SELECT x.article_id, x.entity_id, x.start, x.\"end\", x.text "
        "  FROM mentions x WHERE x.article_id IN (SELECT DISTINCT article_id FROM s)), "
        "ar AS MATERIALIZED (SELECT id, text FROM articles "
        "  WHERE id IN (SELECT DISTINCT article_id FROM s)) "
        f"SELECT x.article_id, x.entity_id{pick}, x.text, "
        "substr(ar.text, greatest(x.start - ?, 0) + 1, least(x.start, ?)) AS before, "
        "substr(ar.text, x.\"end\" + 1, ?) AS after FROM x "
        "JOIN s ON s.article_id = x.article_id AND s.entity_id = x.entity_id "
        "JOIN ar ON ar.id = x.article_id", [*ids, width, width, width])


def published_dates(store: Store, article_ids: Sequence[str]) -> dict[str, Any]:
    """The publication date of each of these articles (None when unknown)."""
    if not article_ids:
        return {}
    rows = store.fetch("SELECT id, published FROM articles "
                       "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [sorted(set(article_ids))])
    return {r["id"]: r["published"] for r in rows}


def canonicals(store: Store) -> list[dict[str, Any]]:
    return store.fetch("SELECT canonical_id, type, name, key, country, role FROM canonical")


def spellings(store: Store) -> list[dict[str, Any]]:
    """Each distinct (canonical, spelling) of the store."""
    return store.fetch("SELECT DISTINCT canonical_id, name, key FROM canonical_members")


def story_members(store: Store, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The canonical entities already resolved in these articles (an article and the
    copies of its story). The articles of the batch just written have none: only the
    others (the originals its near-copies copy) are looked up."""
    ids = sorted(set(article_ids) - store.held_ids)
    if not ids:
        return []
    cond, params = in_values("m.article_id", ids)
    return store.fetch(
        f"SELECT DISTINCT m.article_id, m.canonical_id FROM canonical_members m WHERE {cond}",
        params)


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
                   members: list[dict[str, Any]], *,
                   evidence: tuple[Iterable[str], Iterable[kept.Row]] = ((), ())) -> None:
    """Add canonical entities and members in one transaction, with the evidence of
    canonical people to keep: (the entities whose evidence is whole, evidence rows)."""
    store._writable()
    articles = {m["article_id"] for m in members}
    held = store.recent_rows(articles)
    with store._transaction("resolving entities in") as con:
        if held is not None:  # written by the last batch: no member before these
            entities, sources = held
            before: dict[tuple[str, str], str] = {}
        else:
            entities, before, sources = listing.stored_rows(con, sorted(articles))
        if new_canonicals:
            store._insert("canonical", new_canonicals)
        if members:
            store._insert("canonical_members", members)
        kept.add(con, *evidence)
        after = {**before, **{(m["article_id"], m["entity_id"]): m["canonical_id"]
                              for m in members}}
        listing.apply(con, listing.parts(entities, after, sources).minus(
            listing.parts(entities, before, sources)))
        if held is not None:  # the last batch's rows are staged: its members join them
            entityrows.add_members(con, store._insert_into, members)
        entityrows.derive(con, sorted(articles), staged=held is not None)


def record_decision(store: Store, decision: str, type_: str, key_a: str, key_b: str,
                    moves: Sequence[tuple[str, str, Sequence[str], str]],
                    new_canonicals: list[dict[str, Any]]) -> None:
    """Remember a merge or split and move members accordingly, in one transaction.

    Each move is (from canonical, to canonical, member keys or [] for all, reason).
    """
    store._writable()
    store.recent_rows(())  # members change: what the last batch held is no longer all
    with store._transaction("recording a decision in") as con:
        moved: set[str] = set()
        for source, _target, keys, _reason in moves:
            key_filter = " AND key IN (SELECT unnest(?::VARCHAR[]))" if keys else ""
            moved |= {r[0] for r in con.execute(
                f"SELECT DISTINCT article_id FROM canonical_members WHERE canonical_id = ?"
                f"{key_filter}", [source, *([list(keys)] if keys else [])]).fetchall()}
        entities, before, sources = listing.stored_rows(con, sorted(moved))
        con.execute("DELETE FROM resolve_decisions WHERE type = ? AND "
                    "((key_a = ? AND key_b = ?) OR (key_a = ? AND key_b = ?))",
                    [type_, key_a, key_b, key_b, key_a])
        con.execute("INSERT INTO resolve_decisions VALUES (?, ?, ?, ?, ?)",
                    [decision, type_, key_a, key_b, now()])
        if new_canonicals:
            store._insert("canonical", new_canonicals)
        for source, target, keys, reason in moves:
            key_filter = " AND key IN (SELECT unnest(?::VARCHAR[]))" if keys else ""
            params: list[Any] = [target, reason, machine(reason), now(), source]
            if keys:
                params.append(list(keys))
            con.execute("UPDATE canonical_members SET canonical_id = ?, reason = ?, "
                        "reason_code = ?, decided_by = 'hand', score = 1.0, resolved_at = ? "
                        f"WHERE canonical_id = ?{key_filter}", params)
            kept.forget(con, [source, target])  # members moved: read again when needed
            con.execute("DELETE FROM flags WHERE canonical_id IN (?, ?)", [source, target])
            con.execute("DELETE FROM screened WHERE canonical_id IN (?, ?)", [source, target])
        con.execute("DELETE FROM canonical WHERE canonical_id NOT IN "
                    "(SELECT canonical_id FROM canonical_members)")
        for source, _target, keys, _reason in moves:
            if keys:  # a split: the entity left behind is named by a spelling it kept
                con.execute(
                    "UPDATE canonical SET name = m.name, key = m.key FROM (SELECT "
                    "  arg_max(name, length(name)) AS name, arg_max(key, length(name)) AS key "
                    "  FROM canonical_members WHERE canonical_id = ?) m "
                    "WHERE canonical_id = ? AND canonical.key IN (SELECT unnest(?::VARCHAR[]))"
                    " AND m.name IS NOT NULL", [source, source, list(keys)])
        _, after, _ = listing.stored_rows(con, sorted(moved))
        listing.apply(con, listing.parts(entities, after, sources).minus(
            listing.parts(entities, before, sources)))
        entityrows.derive(con, sorted(moved))


# -- watchlists and flags -----------------------------------------------------------------


def watchlists(store: Store) -> list[dict[str, Any]]:
    return store.fetch("SELECT name, format, source, entries, loaded_at FROM watchlists "
                       "ORDER BY loaded_at, name")


def add_watchlist(store: Store, name: str, fmt: str, source: str,
                  entries: list[dict[str, Any]]) -> None:
    """Load a list whole, in one transaction (replacing a list of the same name)."""
    store._writable()
    with store._transaction("loading a watchlist into") as con:
        for table, column in (("watchlist_entries", "list"), ("flags", "list"),
                              ("screened", "list"), ("watchlists", "name")):
            con.execute(f"DELETE FROM {table} WHERE {column} = ?", [name])
        con.execute("INSERT INTO watchlists VALUES (?, ?, ?, ?, ?)",
                    [name, fmt, source, len(entries), now()])
        store._insert("watchlist_entries", entries)


def remove_watchlist(store: Store, name: str) -> int:
    """Remove a list, its entries and its flags; return how many entries it had."""
    store._writable()
    count = store.scalar("SELECT count(*) FROM watchlist_entries WHERE list = ?", [name])
    with store._transaction("removing a watchlist from") as con:
        for table, column in (("watchlist_entries", "list"), ("flags", "list"),
                              ("screened", "list"), ("watchlists", "name")):
            con.execute(f"DELETE FROM {table} WHERE {column} = ?", [name])
    return int(count or 0)


def list_entries(store: Store, lists: Sequence[str]) -> list[dict[str, Any]]:
    return store.fetch(
        "SELECT list, entry_id, schema, name, names, programme, countries, birth_dates, "
        "positions FROM watchlist_entries WHERE list IN (SELECT unnest(?::VARCHAR[]))",
        [list(lists)])


def screening_targets(store: Store, canonical_ids: Sequence[str] | None) -> list[dict[str, Any]]:
    """Canonical PER/ORG entities with their distinct spellings (all, or these)."""
    where = " AND c.canonical_id IN (SELECT unnest(?::VARCHAR[]))" if canonical_ids else ""
    params = [list(canonical_ids)] if canonical_ids else []
    return store.fetch(
        "SELECT c.canonical_id, c.type, list(DISTINCT m.name) AS names, "
        "count(DISTINCT m.article_id) AS articles FROM canonical c "
        "JOIN canonical_members m USING (canonical_id) WHERE c.type IN ('PER', 'ORG')"
        f"{where} GROUP BY c.canonical_id, c.type", params)


def unscreened(store: Store) -> list[str]:
    """Canonical PER/ORG entities not screened against every loaded list (a list added
    by a run killed before its screening ended, a batch stored before its own)."""
    return [r["canonical_id"] for r in store.fetch(
        "SELECT DISTINCT c.canonical_id FROM canonical c CROSS JOIN watchlists w "
        "WHERE c.type IN ('PER', 'ORG') AND NOT EXISTS (SELECT 1 FROM screened s "
        "  WHERE s.canonical_id = c.canonical_id AND s.list = w.name) "
        "ORDER BY c.canonical_id")]


def write_flags(store: Store, lists: Sequence[str], canonical_ids: Sequence[str],
                flags: list[dict[str, Any]]) -> None:
    """Replace the flags of these entities on these lists, and mark them screened."""
    store._writable()
    with store._transaction("writing flags to") as con:
        params = [list(canonical_ids), list(lists)]
        con.execute("DELETE FROM flags WHERE canonical_id IN (SELECT unnest(?::VARCHAR[])) "
                    "AND list IN (SELECT unnest(?::VARCHAR[]))", params)
        con.execute("DELETE FROM screened WHERE canonical_id IN "
                    "(SELECT unnest(?::VARCHAR[])) AND list IN (SELECT unnest(?::VARCHAR[]))",
                    params)
        if flags:
            store._insert("flags", flags)
        rows = [{"canonical_id": c, "list": name} for c in canonical_ids for name in lists]
        if rows:
            store._insert("screened", rows)


def flagged(store: Store, canonical_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Flagged canonical entities: name (most frequent spelling), type, spellings, flags."""
    where = " WHERE f.canonical_id IN (SELECT unnest(?::VARCHAR[]))" if canonical_ids else ""
    params = [list(canonical_ids)] if canonical_ids else []
    return store.fetch(
        "WITH s AS (SELECT canonical_id, mode(name) AS name, list(DISTINCT name) AS spellings,"
        "  count(DISTINCT article_id) AS articles FROM canonical_members GROUP BY canonical_id)"
        " SELECT c.canonical_id, s.name, c.type, s.spellings, s.articles, "
        " list({'list': f.list, 'entry_id': f.entry_id, 'entry_name': f.entry_name, "
        "   'programme': f.programme, 'score': f.score, 'reason': f.reason, "
        "   'reason_code': f.reason_code} "
        "   ORDER BY f.score DESC) AS flags "
        f"FROM flags f JOIN canonical c USING (canonical_id) JOIN s USING (canonical_id){where}"
        " GROUP BY c.canonical_id, s.name, c.type, s.spellings, s.articles "
        " ORDER BY max(f.score) DESC, s.articles DESC", params)


def article_flags(store: Store, article_id: str) -> list[dict[str, Any]]:
    """Flags of the canonical entities an article mentions, by its entity ids."""
    return store.fetch(
        "SELECT m.entity_id, m.key, m.canonical_id, f.list, f.entry_id, f.entry_name, f.programme, "
        "f.score, f.reason, f.reason_code FROM canonical_members m JOIN flags f "
        "USING (canonical_id) "
        "WHERE m.article_id = ? ORDER BY f.score DESC", [article_id])


def flags_for_articles(store: Store, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Each (entity name key, type, flag) for the entities of these articles."""
    return store.fetch(
        "SELECT DISTINCT m.key, c.type, f.list, f.entry_id, f.entry_name, f.programme, "
        "f.score, f.reason, f.reason_code FROM canonical_members m "
        "JOIN canonical c USING (canonical_id) "
        "JOIN flags f USING (canonical_id) "
        "WHERE m.article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY m.key, f.list",
        [list(article_ids)])


def flags_for_key(store: Store, key: str) -> list[dict[str, Any]]:
    """Flags of the canonical entities that have a member with this name key."""
    return store.fetch(
        "SELECT DISTINCT f.canonical_id, f.list, f.entry_id, f.entry_name, f.programme, "
        "f.score, f.reason, f.reason_code FROM flags f WHERE f.canonical_id IN "
        "(SELECT canonical_id FROM canonical_members WHERE key = ?) ORDER BY f.score DESC",
        [key])
