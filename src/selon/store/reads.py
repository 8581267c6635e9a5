"""Read queries the web pages need and :mod:`selon.store.queries` does not have (yet).

Same conventions as :mod:`selon.store.queries`: an open Store first, parameters always,
JSON-ready dicts out (dates as ISO strings). These belong in the store package; they live
here until they move, so that nothing else in the web package writes SQL.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from selon.errors import ConfigError
from selon.store.db import Store
from selon.store.queries import article_filters

MAX_IDS = 500  # articles considered at most by the graph and timeline of a search

_FIRST_BODY_LINE = (
    "(SELECT substr(ar.text, l.start + 1, least(l.\"end\" - l.start, 160)) FROM lines l "
    "WHERE l.article_id = ar.id AND l.kind = 'body' ORDER BY l.position LIMIT 1)")


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _page(limit: int, offset: int) -> None:
    if limit <= 0 or offset < 0:
        raise ConfigError(f"limit must be positive and offset not negative "
                          f"(got limit={limit}, offset={offset})")


def articles(store: Store, *, outlet: str | None = None, since: date | None = None,
             until: date | None = None, originals_only: bool = False, limit: int = 20,
             offset: int = 0) -> list[dict[str, Any]]:
    """Articles, newest first (by publication date, then by when they were stored)."""
    _page(limit, offset)
    where, params = article_filters(outlet=outlet, since=since, until=until,
                                    originals_only=originals_only)
    # The page of articles first, then its openings and counts: per-article subqueries
    # over the whole record tables cost seconds on a store of tens of thousands.
    rows = store.fetch(
        "WITH page AS (SELECT ar.id, ar.title, ar.outlet, ar.published, ar.credit, ar.lang, "
        "ar.url, ar.duplicate_of, ar.ingested_at, ar.text FROM articles ar "
        + ("WHERE " + " AND ".join(where) + " " if where else "")
        + "ORDER BY ar.published DESC NULLS LAST, ar.ingested_at DESC, ar.id LIMIT ? OFFSET ?), "
        "first AS (SELECT l.article_id, arg_min(l.start, l.position) AS s, "
        "  arg_min(l.\"end\", l.position) AS e FROM lines l WHERE l.kind = 'body' "
        "  AND l.article_id IN (SELECT id FROM page) GROUP BY l.article_id), "
        "counted AS (SELECT a.article_id, count(*) AS n FROM attributions a "
        "  WHERE a.article_id IN (SELECT id FROM page) GROUP BY a.article_id) "
        "SELECT p.id, p.title, p.outlet, p.published, p.credit, p.lang, p.url, p.duplicate_of, "
        "substr(p.text, f.s + 1, least(f.e - f.s, 160)) AS opening, "
        "coalesce(c.n, 0) AS statements FROM page p "
        "LEFT JOIN first f ON f.article_id = p.id LEFT JOIN counted c ON c.article_id = p.id "
        "ORDER BY p.published DESC NULLS LAST, p.ingested_at DESC, p.id",
        [*params, limit, offset])
    return [{k: _iso(v) for k, v in r.items()} for r in rows]


def openings(store: Store, ids: list[str]) -> dict[str, str]:
    """The first body line of each article (a title for plain-text articles)."""
    if not ids:
        return {}
    rows = store.fetch(
        "SELECT ar.id, " + _FIRST_BODY_LINE + " AS opening FROM articles ar "
        "WHERE ar.id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    return {r["id"]: r["opening"] for r in rows if r["opening"]}


def entity(store: Store, key: str, *, limit: int = 100) -> dict[str, Any] | None:
    """Everything the store knows about the entity of this name key, or None.

    ``names`` and ``spellings`` seen, ``articles`` mentioning it (with mention counts),
    ``said`` (statements with it as source), ``about`` (statements mentioning it inside
    their content), ``relays`` (who relayed its statements, with counts).
    """
    names = store.fetch(
        "SELECT name, type, count(DISTINCT article_id) AS articles FROM entities WHERE key = ? "
        "GROUP BY name, type ORDER BY articles DESC, name", [key])
    if not names:
        return None
    spellings = store.fetch(
        "SELECT m.text, count(*) AS n FROM mentions m JOIN entities e "
        "ON e.article_id = m.article_id AND e.entity_id = m.entity_id WHERE e.key = ? "
        "GROUP BY m.text ORDER BY n DESC, m.text LIMIT 50", [key])
    arts = store.fetch(
        "WITH hits AS (SELECT e.article_id, count(m.position) AS mentions FROM entities e "
        "  LEFT JOIN mentions m ON m.article_id = e.article_id AND m.entity_id = e.entity_id "
        "  WHERE e.key = ? GROUP BY e.article_id), "
        "page AS (SELECT ar.id, ar.title, ar.outlet, ar.published, ar.text, h.mentions "
        "  FROM hits h JOIN articles ar ON ar.id = h.article_id "
        "  ORDER BY ar.published DESC NULLS LAST, ar.id LIMIT ?), "
        "first AS (SELECT l.article_id, arg_min(l.start, l.position) AS s, "
        "  arg_min(l.\"end\", l.position) AS e FROM lines l WHERE l.kind = 'body' "
        "  AND l.article_id IN (SELECT id FROM page) GROUP BY l.article_id) "
        "SELECT p.id, p.title, p.outlet, p.published, p.mentions, "
        "substr(p.text, f.s + 1, least(f.e - f.s, 160)) AS opening "
        "FROM page p LEFT JOIN first f ON f.article_id = p.id "
        "ORDER BY p.published DESC NULLS LAST, p.id", [key, limit])
    said = statements(store, source_key=key, limit=limit)
    about = statements(store, about_key=key, limit=limit)
    relays = store.fetch(
        "SELECT v.key, mode(v.text) AS text, count(*) AS n FROM attribution_via v "
        "JOIN attributions a ON a.article_id = v.article_id AND a.attr_id = v.attr_id "
        "WHERE a.source_key = ? GROUP BY v.key ORDER BY n DESC, v.key LIMIT 50", [key])
    top = names[0]
    return {
        "key": key, "name": top["name"], "type": top["type"],
        "names": names, "spellings": spellings,
        "articles": [{k: _iso(v) for k, v in r.items()} for r in arts],
        "said": said, "about": about, "relays": relays,
        "stances": dict(Counter(s["stance"] for s in said)),
    }


def statements(store: Store, *, source_key: str | None = None, about_key: str | None = None,
               ids: list[str] | None = None, limit: int = 200,
               canonical_id: str | None = None,
               about_canonical: str | None = None) -> list[dict[str, Any]]:
    """Statements (with their via chain and the times inside) by exact source key, by an
    entity key mentioned in their content, or of these articles; newest articles first.
    ``canonical_id``: with a member of this canonical entity as source;
    ``about_canonical``: with a member of it mentioned in their content."""
    where: list[str] = []
    params: list[Any] = []
    if canonical_id is not None:
        where.append(
            "EXISTS (SELECT 1 FROM canonical_members cm WHERE cm.canonical_id = ? "
            "AND cm.article_id = a.article_id AND (cm.entity_id = a.source_entity "
            "OR (a.source_entity IS NULL AND cm.key = a.source_key)))")
        params.append(canonical_id)
    if about_canonical is not None:
        where.append(
            "EXISTS (SELECT 1 FROM mentions m JOIN canonical_members cm "
            "ON cm.article_id = m.article_id AND cm.entity_id = m.entity_id "
            "WHERE m.article_id = a.article_id AND cm.canonical_id = ? "
            "AND m.start >= a.content_start AND m.\"end\" <= a.content_end)")
        params.append(about_canonical)
    if source_key is not None:
        where.append("a.source_key = ?")
        params.append(source_key)
    if about_key is not None:
        where.append(
            "EXISTS (SELECT 1 FROM mentions m JOIN entities e ON e.article_id = m.article_id "
            "AND e.entity_id = m.entity_id WHERE m.article_id = a.article_id "
            "AND m.start >= a.content_start AND m.\"end\" <= a.content_end AND e.key = ?)")
        params.append(about_key)
    if ids is not None:
        where.append("a.article_id IN (SELECT unnest(?::VARCHAR[]))")
        params.append(ids[:MAX_IDS])
    # The statements first, then their relays and times, from those articles only.
    rows = store.fetch(
        "WITH sel AS (SELECT a.article_id, ar.title, ar.outlet, ar.credit, ar.published, "
        "a.attr_id, a.position, a.kind, a.stance, a.source_text, a.source_key, "
        "a.source_entity, a.cue_text, a.content_text, a.time_ids "
        "FROM attributions a JOIN articles ar ON ar.id = a.article_id "
        + ("WHERE " + " AND ".join(where) + " " if where else "")
        + "ORDER BY ar.published DESC NULLS LAST, a.article_id, a.position LIMIT ?), "
        "arts AS (SELECT DISTINCT article_id FROM sel), "
        "vias AS (SELECT v.article_id, v.attr_id, list(v.text ORDER BY v.position) AS via_text, "
        "  list(v.key ORDER BY v.position) AS via_key FROM attribution_via v "
        "  WHERE v.article_id IN (SELECT article_id FROM arts) GROUP BY v.article_id, v.attr_id), "
        "tms AS (SELECT t.* FROM times t WHERE t.article_id IN (SELECT article_id FROM arts)), "
        "ents AS (SELECT e.article_id, e.entity_id, e.name FROM entities e "
        "  WHERE e.article_id IN (SELECT article_id FROM arts)) "
        "SELECT a.article_id, a.title, a.outlet, a.credit, a.published, a.attr_id, a.kind, "
        "a.stance, a.source_text, a.source_key, se.name AS source_name, a.cue_text, "
        "a.content_text, a.time_ids, vv.via_text, vv.via_key, "
        "(SELECT list({'text': t.text, 'value': t.value, 'type': t.type, 'mod': t.mod} "
        "  ORDER BY t.position) FROM tms t WHERE t.article_id = a.article_id "
        "  AND list_contains(a.time_ids, t.time_id)) AS times "
        "FROM sel a LEFT JOIN vias vv ON vv.article_id = a.article_id AND vv.attr_id = a.attr_id "
        "LEFT JOIN ents se ON se.article_id = a.article_id AND se.entity_id = a.source_entity "
        "ORDER BY a.published DESC NULLS LAST, a.article_id, a.position",
        [*params, limit])
    out = []
    for r in rows:
        via = [{"text": t, "key": k} for t, k in
               zip(r["via_text"] or [], r["via_key"] or [], strict=False)]
        out.append({
            "article_id": r["article_id"], "title": r["title"], "outlet": r["outlet"],
            "credit": r["credit"], "published": _iso(r["published"]), "id": r["attr_id"],
            "kind": r["kind"], "stance": r["stance"],
            "source": ({"text": r["source_text"], "key": r["source_key"],
                        "name": r["source_name"]} if r["source_text"] is not None else None),
            "via": via, "cue": r["cue_text"], "content": r["content_text"],
            "times": list(r["times"] or []),
        })
    return out
