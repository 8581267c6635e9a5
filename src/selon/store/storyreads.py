"""Read queries over stories: listings with filters, one story with its statements,
mentions and contradictions, and the contradictions of the whole store. Plain,
JSON-ready dicts (dates as ISO strings)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from selon.errors import ConfigError, StoreError
from selon.store.db import IDS, Store, ids_param
from selon.store.keys import name_key
from selon.store.queries import _day, _iso  # one date parsing for every store query


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def stories(store: Store, *, since: date | str | None = None, until: date | str | None = None,
            about: str | None = None, search: str | None = None, limit: int | None = 50,
            offset: int = 0) -> list[dict[str, Any]]:
    """Stories, latest first: dates, article count, outlets, top sources, contradictions.

    ``since``/``until`` keep stories with days in that range; ``about`` those with an
    article naming that entity (by name key, whole words); ``search`` those whose title
    or an article's title or text contains the words."""
    if (limit is not None and limit <= 0) or offset < 0:
        raise ConfigError(f"limit must be positive and offset not negative (got {limit}, "
                          f"{offset})")
    where: list[str] = []
    params: list[Any] = []
    if (day := _day(since, "since")) is not None:
        where.append("s.last_day >= ?")
        params.append(day)
    if (day := _day(until, "until")) is not None:
        where.append("s.first_day <= ?")
        params.append(day)
    if about is not None:
        key = name_key(about)
        if not key:
            raise ConfigError(f"about {about!r} has no letters or digits to match")
        where.append("s.story_id IN (SELECT sa.story_id FROM story_articles sa JOIN entities e "
                     "ON e.article_id = sa.article_id WHERE (' ' || e.key || ' ') LIKE ?)")
        params.append(f"% {key} %")
    if search is not None:
        for word in search.split():
            where.append("s.story_id IN (SELECT sa.story_id FROM story_articles sa JOIN "
                         "articles a ON a.id = sa.article_id WHERE a.title ILIKE ? ESCAPE '\\' "
                         "OR a.text ILIKE ? ESCAPE '\\')")
            params += [_like(word), _like(word)]
    sql = ("SELECT story_id AS id, title, first_day, last_day, articles, outlets, sources, "
           "statements, contradictions FROM stories s "
           + ("WHERE " + " AND ".join(where) + " " if where else "")
           + "ORDER BY last_day DESC, articles DESC, story_id")
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    rows = store.fetch(sql, params)
    for r in rows:
        r["first_day"], r["last_day"] = _iso(r["first_day"]), _iso(r["last_day"])
    return rows


def story(store: Store, story_id: str) -> dict[str, Any]:
    """One story: its summary, articles, statements (each with its mentions: article,
    outlet, date, content span and text, relay chain) and contradictions."""
    found = store.fetch("SELECT story_id AS id, title, first_day, last_day, articles, outlets, "
                        "sources, statements, contradictions FROM stories WHERE story_id = ?",
                        [story_id])
    if not found:
        raise StoreError(f"no story {story_id!r} in {store.path}; 'selon stories' lists them")
    return details(store, [story_id])[0]


def details(store: Store, story_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Stories in full (all of them when ``story_ids`` is None), a few bulk queries."""
    ids = list(story_ids) if story_ids is not None else None
    flt = f" WHERE {{col}} IN ({IDS})" if ids is not None else ""
    prm: list[Any] = [ids_param(ids)] if ids is not None else []
    heads = store.fetch("SELECT story_id AS id, title, first_day, last_day, articles, outlets, "
                        "sources, statements, contradictions FROM stories"
                        + flt.format(col="story_id") + " ORDER BY first_day, story_id", prm)
    arts = defaultdict(list)
    for r in store.fetch(
            "SELECT sa.story_id, a.id, a.url, a.outlet, a.published, a.title, a.duplicate_of "
            "FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            + flt.format(col="sa.story_id") + " ORDER BY sa.day, a.id", prm):
        arts[r.pop("story_id")].append({**r, "published": _iso(r["published"])})
    vias = defaultdict(list)
    for r in store.fetch(
            "SELECT v.article_id, v.attr_id, v.text FROM attribution_via v "
            "WHERE v.article_id IN (SELECT article_id FROM story_articles"
            + flt.format(col="story_id") + ") ORDER BY v.article_id, v.attr_id, v.position", prm):
        vias[(r["article_id"], r["attr_id"])].append(r["text"])
    mentions = defaultdict(list)
    for r in store.fetch(
            "SELECT m.story_id, m.statement_id, m.article_id, m.attr_id, m.origin, m.start, "
            "m.\"end\", substr(ar.text, m.start + 1, m.\"end\" - m.start) AS shown, a.kind, "
            "a.stance, a.content_start, a.content_end, a.content_text, a.cue_text, "
            "a.source_text, ar.url, ar.outlet, ar.published FROM statement_mentions m "
            "JOIN attributions a ON a.article_id = m.article_id AND a.attr_id = m.attr_id "
            "JOIN articles ar ON ar.id = m.article_id"
            + flt.format(col="m.story_id")
            + " ORDER BY ar.published NULLS LAST, m.article_id, a.content_start", prm):
        mentions[r["statement_id"]].append({
            "article": r["url"] or r["article_id"], "article_id": r["article_id"],
            "attribution": r["attr_id"], "content": [r["start"], r["end"]],
            "attribution_content": [r["content_start"], r["content_end"]],
            "text": r["shown"], "content_text": r["content_text"], "kind": r["kind"],
            "stance": r["stance"],
            "cue": r["cue_text"], "source_text": r["source_text"], "outlet": r["outlet"],
            "published": _iso(r["published"]),
            "via": vias.get((r["article_id"], r["attr_id"]), []),
            "origin": r["origin"]})
    stmts = defaultdict(list)
    for r in store.fetch(
            "SELECT * FROM story_statements" + flt.format(col="story_id")
            + " ORDER BY story_id, statement_id", prm):
        stmts[r["story_id"]].append({
            "id": r["statement_id"], "story": r["story_id"], "source": r["source"],
            "source_key": r["source_key"], "kinds": r["kinds"], "articles": r["articles"],
            "origins": r["origins"], "first_article": r["first_article"],
            "first_seen": _iso(r["first_day"]), "relay": r["relay"],
            "mentions": mentions.get(r["statement_id"], [])})
    rels = defaultdict(list)
    for r in store.fetch("SELECT * FROM story_relations" + flt.format(col="story_id")
                         + " ORDER BY story_id, a, b", prm):
        rels[r["story_id"]].append({"a": r["a"], "b": r["b"], "type": r["type"],
                                    "why": r["why"], "why_code": r.get("why_code")})
    out = []
    for h in heads:
        sid = h["id"]
        out.append({**h, "first_day": _iso(h["first_day"]), "last_day": _iso(h["last_day"]),
                    "article_list": arts.get(sid, []), "statement_list": stmts.get(sid, []),
                    "relations": rels.get(sid, [])})
    return out


def contradictions(store: Store, *, story_id: str | None = None, limit: int = 50,
                   offset: int = 0) -> list[dict[str, Any]]:
    """Contradiction pairs, latest stories first, each with both statements' first mention."""
    if limit <= 0 or offset < 0:
        raise ConfigError(f"limit must be positive and offset not negative (got {limit}, "
                          f"{offset})")
    rows = store.fetch(
        "SELECT r.story_id, r.a, r.b, r.why, r.why_code, s.title, s.last_day "
        "FROM story_relations r "
        "JOIN stories s ON s.story_id = r.story_id WHERE (?::VARCHAR IS NULL OR r.story_id = ?) "
        "ORDER BY s.last_day DESC, r.story_id, r.a, r.b LIMIT ? OFFSET ?",
        [story_id, story_id, limit, offset])
    if not rows:
        return []
    wanted = sorted({r["story_id"] for r in rows})
    by_stmt = {st["id"]: st for d in details(store, wanted) for st in d["statement_list"]}
    out = []
    for r in rows:
        a, b = by_stmt.get(r["a"]), by_stmt.get(r["b"])
        out.append({"story": r["story_id"], "title": r["title"], "why": r["why"],
                    "why_code": r["why_code"],
                    "a": _side(a), "b": _side(b)})
    return out


def _side(st: dict[str, Any] | None) -> dict[str, Any] | None:
    if st is None:
        return None
    first = st["mentions"][0] if st["mentions"] else None
    return {"statement": st["id"], "source": st["source"], "mention": first}


def article_texts(store: Store, ids: Sequence[str]) -> dict[str, str]:
    """The texts of these articles (for showing a mention in its sentence)."""
    return {r["id"]: r["text"] for r in store.fetch(
        f"SELECT id, text FROM articles WHERE id IN ({IDS})", [ids_param(ids)])}
