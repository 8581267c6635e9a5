"""Read queries the web pages need and :mod:`selon.store.queries` does not have (yet).

Same conventions as :mod:`selon.store.queries`: an open Store first, parameters always,
JSON-ready dicts out (dates as ISO strings). These belong in the store package; they live
here until they move, so that nothing else in the web package writes SQL.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from selon.errors import ConfigError
from selon.store import chains as chain_rows
from selon.store import corrections
from selon.store.db import Store, as_list, in_values
from selon.store.openings import OPENINGS
from selon.store.queries import article_filters

MAX_IDS = 500  # articles considered at most by the graph and timeline of a search


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
    # The page of articles first, then the openings and counts of its ids alone, looked
    # up in the article_id indexes: deriving them over whole tables grew with the store.
    rows = store.fetch(
        "SELECT ar.id, ar.title, ar.outlet, ar.published, ar.credit, ar.lang, ar.url, "
        "ar.duplicate_of FROM articles ar "
        + ("WHERE " + " AND ".join(where) + " " if where else "")
        + "ORDER BY ar.published DESC NULLS LAST, ar.ingested_at DESC, ar.id LIMIT ? OFFSET ?",
        [*params, limit, offset])
    ids = [r["id"] for r in rows]
    opening = openings(store, ids)
    cond, ids_params = in_values("article_id", ids)
    counted = {r["article_id"]: r["n"] for r in store.fetch(
        f"SELECT article_id, count(*) AS n FROM attributions WHERE {cond} GROUP BY article_id",
        ids_params)} if ids else {}
    return [{**{k: _iso(v) for k, v in r.items()}, "opening": opening.get(r["id"]),
             "statements": counted.get(r["id"], 0)} for r in rows]


def openings(store: Store, ids: list[str]) -> dict[str, str]:
    """The first body line of each article (a title for plain-text articles), from the
    openings kept per batch (:mod:`selon.store.openings`)."""
    if not ids:
        return {}
    # A filter in the scan: a semi-join read the opening of every article first.
    rows = store.fetch(f"SELECT article_id, opening FROM {OPENINGS} "
                       "WHERE list_contains(?::JSON::VARCHAR[], article_id)", [as_list(ids)])
    return {r["article_id"]: r["opening"] for r in rows if r["opening"]}


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
        # The entity's own mentions first (its entity rows, then their mentions), then
        # the statements of those articles whose content holds one: the EXISTS over every
        # mention of the store, correlated with every statement, grew with the store.
        where.append(
            "(a.article_id, a.attr_id) IN (SELECT DISTINCT s.article_id, s.attr_id "
            "FROM (SELECT m.article_id, m.start, m.\"end\" FROM entities e JOIN mentions m "
            "  ON m.article_id = e.article_id AND m.entity_id = e.entity_id WHERE e.key = ?) hit "
            "JOIN attributions s ON s.article_id = hit.article_id "
            "AND hit.start >= s.content_start AND hit.\"end\" <= s.content_end)")
        params.append(about_key)
    if ids is not None:
        cond, ids_params = in_values("a.article_id", ids[:MAX_IDS])
        where.append(cond)
        params.extend(ids_params)
    # The statements first, then the relays, times and source names of their articles,
    # looked up by article id (an index lookup each, whatever the store's size).
    # The page's keys (two columns sorted), then its rows: sorting the text columns of
    # every matching statement costs five times more.
    page = store.fetch(
        "SELECT a.article_id, a.attr_id FROM attributions a "
        "JOIN articles ar ON ar.id = a.article_id "
        + ("WHERE " + " AND ".join(where) + " " if where else "")
        + "ORDER BY ar.published DESC NULLS LAST, a.article_id, a.position LIMIT ?",
        [*params, limit])
    arts = sorted({r["article_id"] for r in page})
    cond, arts_params = in_values("article_id", arts)
    found = {(r["article_id"], r["attr_id"]): r for r in store.fetch(
        "SELECT a.article_id, ar.title, ar.outlet, ar.credit, ar.published, "
        "a.attr_id, a.kind, a.stance, a.source_text, a.source_key, "
        "a.source_entity, a.cue_text, a.content_text, a.time_ids, a.content_start, "
        "a.content_end, a.source_how, a.confidence "
        "FROM attributions a JOIN articles ar ON ar.id = a.article_id "
        f"WHERE a.{cond}", arts_params)} if page else {}
    rows = [found[(r["article_id"], r["attr_id"])] for r in page]
    vias: dict[tuple[str, str], list[dict[str, Any]]] = {}
    times: dict[tuple[str, str], dict[str, Any]] = {}
    names: dict[tuple[str, str], str] = {}
    if arts:
        for v in store.fetch(f"SELECT article_id, attr_id, text, key FROM attribution_via "
                             f"WHERE {cond} ORDER BY article_id, attr_id, position", arts_params):
            vias.setdefault((v["article_id"], v["attr_id"]), []).append(
                {"text": v["text"], "key": v["key"]})
        for t in store.fetch(f"SELECT article_id, time_id, text, value, type, mod FROM times "
                             f"WHERE {cond} ORDER BY article_id, position", arts_params):
            times[(t["article_id"], t["time_id"])] = {
                "text": t["text"], "value": t["value"], "type": t["type"], "mod": t["mod"]}
        names = {(e["article_id"], e["entity_id"]): e["name"] for e in store.fetch(
            f"SELECT article_id, entity_id, name FROM entities WHERE {cond}", arts_params)}
    rank = {k: n for n, k in enumerate(times)}  # the times of an article in text order
    out = []
    for r in rows:
        aid = r["article_id"]
        out.append({
            "article_id": aid, "title": r["title"], "outlet": r["outlet"],
            "credit": r["credit"], "published": _iso(r["published"]), "id": r["attr_id"],
            "kind": r["kind"], "stance": r["stance"],
            "source": ({"text": r["source_text"], "key": r["source_key"],
                        "name": names.get((aid, r["source_entity"]))}
                       if r["source_text"] is not None else None),
            "via": vias.get((aid, r["attr_id"]), []), "cue": r["cue_text"],
            "content": r["content_text"],
            "content_span": [r["content_start"], r["content_end"]],
            "how": r["source_how"], "confidence": r["confidence"],
            "times": [times[k] for k in sorted(
                ((aid, t) for t in r["time_ids"] or [] if (aid, t) in times),
                key=rank.__getitem__)],
        })
    return corrections.overlay_rows(store, out)  # the readers' corrections applied


def chains(store: Store, ids: list[str], limit: int = 5000) -> list[dict[str, Any]]:
    """The statements of these articles as the sources graph needs them (source, relays,
    outlet, stance, date), read from the chains kept per batch; newest articles first,
    then in text order."""
    if not ids:
        return []
    cond, params = in_values("article_id", ids[:MAX_IDS])
    rows = store.fetch(f"SELECT * FROM {chain_rows.CHAINS} WHERE {cond} "
                       "ORDER BY published DESC NULLS LAST, article_id, position LIMIT ?",
                       [*params, limit])
    return [chain_rows.as_statement(r) for r in rows]
