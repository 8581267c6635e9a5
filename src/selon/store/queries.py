"""Read queries over a store: search, claims, entities, one article, statistics.

Every function takes an open :class:`~selon.store.db.Store` and returns plain,
JSON-ready dicts (dates as ISO strings). Lists are paginated with ``limit``/``offset``.
Names given to filter on (``source``, ``via``, ``about``) are compared as keys (see
:func:`selon.store.keys.name_key`): case, accents and titles do not matter, and a query
matches whole words of a name ("Choïgou" finds "Sergueï Choïgou").
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from selon.errors import ConfigError
from selon.model import Analysis
from selon.output import to_json
from selon.store import addresses, corrections, entityrows, filters, fulltext
from selon.store.db import Store, as_list, in_values
from selon.store.keys import name_key
from selon.store.upkeep import ENTITY_SUMMARY

ORDERS = ("cited", "quoted")
# How statements are sorted: the key of each order, then the text order inside an article.
CLAIM_SORTS = {
    "newest": "ar.published DESC NULLS LAST, a.article_id, a.position",
    "oldest": "ar.published ASC NULLS LAST, a.article_id, a.position",
    "source": "a.source_key ASC NULLS LAST, ar.published DESC NULLS LAST, a.article_id, "
              "a.position",
    "outlet": "ar.outlet ASC NULLS LAST, ar.published DESC NULLS LAST, a.article_id, "
              "a.position",
    "relevance": "list_position(?::JSON::VARCHAR[], a.article_id || ':' || a.attr_id), "
                 "ar.published DESC NULLS LAST, a.article_id, a.position",
}


def _page(limit: int, offset: int) -> None:
    if limit <= 0 or offset < 0:
        raise ConfigError(f"limit must be positive and offset not negative "
                          f"(got limit={limit}, offset={offset})")


def _day(value: date | str | None, what: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(f"{what} must be a date such as 2025-06-18, not {value!r}") from exc


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _contains(word: str) -> str:
    """An ILIKE pattern (with ESCAPE '\\') matching text that contains ``word``."""
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _words_pattern(name: str, what: str) -> str:
    key = name_key(name)
    if not key:
        raise ConfigError(f"{what} {name!r} has no letters or digits to match")
    return f"% {key} %"


def search(store: Store, text: str, limit: int = 20, offset: int = 0,
           **filters: Any) -> list[dict[str, Any]]:
    """Articles matching the query ``text`` (see :mod:`selon.store.fulltext` for its
    language and ``filters``: outlet, since, until, originals_only, sort), ranked by BM25
    (French stemming) when the search index exists, else every word matched with ILIKE
    (score None), newest first."""
    return fulltext.articles(store, text, limit=limit, offset=offset, **filters)["items"]


def article_filters(*, outlet: str | None = None, since: date | str | None = None,
                    until: date | str | None = None,
                    originals_only: bool = False) -> tuple[list[str], list[Any]]:
    """WHERE conditions (on ``articles AS ar``) and their parameters for the filters that
    every article listing shares."""
    where: list[str] = []
    params: list[Any] = []
    if (day := _day(since, "since")) is not None:
        where.append("ar.published >= ?")
        params.append(day)
    if (day := _day(until, "until")) is not None:
        where.append("ar.published <= ?")
        params.append(day)
    if outlet is not None:  # word prefixes, case and accents ignored (selon.store.filters)
        cond, cond_params = filters.outlet_condition(outlet)
        where.append(cond)
        params += cond_params
    if originals_only:
        where.append("ar.duplicate_of IS NULL")
    return where, params


# The source keys a name matches (its parameter: :func:`_words_pattern`).
_SOURCE_KEYS = "SELECT key FROM entity_summary WHERE quoted > 0 AND (' ' || key || ' ') LIKE ?"
# The columns of a statement the conditions of :func:`claim_conditions` and the sorts of
# :data:`CLAIM_SORTS` read, as the source rows of the entity pages hold them.
_SOURCE_ROW_COLUMNS = ("article_id, attr_id, position, kind, stance, confidence, source_key, "
                       "content_start, content_end, content_text")


def claim_conditions(
    store: Store,
    *,
    source: str | None = None,
    via: str | None = None,
    about: str | None = None,
    stance: str | None = None,
    kind: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    outlet: str | None = None,
    originals_only: bool = False,
    q: str | None = None,
    min_confidence: float | None = None,
) -> tuple[list[str], list[Any]]:
    """WHERE conditions (on ``attributions AS a`` joined to ``articles AS ar``) and their
    parameters for the filters of :func:`claims`."""
    where: list[str] = []
    params: list[Any] = []
    if q is not None:  # what was said matches the full-text query (selon.store.fulltext)
        cond, cond_params, _keys = fulltext.statement_condition(store, q)
        where.append(cond)
        params += cond_params
    # A name matches distinct keys first (a few thousand at most), then rows by equality.
    # The keys are those of the entity summary kept per batch (every source key has its
    # row there with ``quoted`` > 0, every entity key with ``cited`` > 0): a distinct over
    # all statements or entities cost 25 ms at 36k articles, the summary's 1 ms.
    if source is not None:
        where.append(f"a.source_key IN ({_SOURCE_KEYS})")
        params.append(_words_pattern(source, "source"))
    if via is not None:
        where.append(
            "EXISTS (SELECT 1 FROM attribution_via v WHERE v.article_id = a.article_id "
            "AND v.attr_id = a.attr_id AND v.key IN (SELECT k FROM (SELECT DISTINCT key AS k "
            "FROM attribution_via) WHERE (' ' || k || ' ') LIKE ?))")
        params.append(_words_pattern(via, "via"))
    if about is not None:
        where.append(
            "EXISTS (SELECT 1 FROM (SELECT m.article_id, m.start, m.\"end\" FROM mentions m "
            "  JOIN entities e ON e.article_id = m.article_id AND e.entity_id = m.entity_id "
            "  WHERE e.key IN (SELECT key FROM entity_summary WHERE cited > 0 "
            "  AND (' ' || key || ' ') LIKE ?)) hit "
            "WHERE hit.article_id = a.article_id AND hit.start >= a.content_start "
            "AND hit.\"end\" <= a.content_end)")
        params.append(_words_pattern(about, "about"))
    if (stance := filters.check_stance(stance)) is not None:
        where.append("a.stance = ?")
        params.append(stance)
    if (kind := filters.check_kind(kind)) is not None:
        where.append("a.kind = ?")
        params.append(kind)
    if min_confidence is not None:  # rows written before confidences were kept have none
        where.append("a.confidence >= ?")
        params.append(min_confidence)
    more_where, more_params = article_filters(outlet=outlet, since=since, until=until,
                                              originals_only=originals_only)
    return where + more_where, params + more_params


def claims(
    store: Store,
    *,
    source: str | None = None,
    via: str | None = None,
    about: str | None = None,
    stance: str | None = None,
    kind: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    outlet: str | None = None,
    originals_only: bool = False,
    q: str | None = None,
    sort: str = "newest",
    min_confidence: float | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Attributions (who said what, through whom), newest articles first.

    ``source``/``via`` match the speaker / a relay by name; ``about`` an entity mentioned
    inside the content; ``since``/``until`` bound the article's publication date
    (inclusive); ``originals_only`` leaves out near-duplicate copies; ``q`` is a full-text
    query on what was said (:mod:`selon.store.fulltext`). ``sort``: one of
    :data:`CLAIM_SORTS` (``relevance`` needs ``q``, else it is ``newest``).
    ``min_confidence`` keeps statements whose source was found with at least that
    confidence (``how`` says how it was found). Readers' corrections are applied
    (``correction`` on a row).
    """
    _page(limit, offset)
    if sort not in CLAIM_SORTS:
        raise ConfigError(f"sort must be one of {', '.join(CLAIM_SORTS)}, not {sort!r}")
    # A source's statements are read from its rows of the entity pages (sorted by source
    # key: the zone maps skip the others), not from the whole attributions table: 44 ms
    # against 11-20 ms a page of the most quoted sources at 100k articles.
    rows_of_source = source is not None and not store.folder
    where, params = claim_conditions(store, source=None if rows_of_source else source,
                                     via=via, about=about,
                                     stance=stance, kind=kind, since=since, until=until,
                                     outlet=outlet, originals_only=originals_only, q=q,
                                     min_confidence=min_confidence)
    statements, statement_params = "attributions a", []
    if rows_of_source:
        statements = (f"(SELECT {_SOURCE_ROW_COLUMNS} FROM {entityrows.STATEMENTS} "
                      f"WHERE role = 'source' AND id IN ({_SOURCE_KEYS})) a")
        statement_params = [_words_pattern(source or "", "source")]
    order, order_params = CLAIM_SORTS[sort], []
    if sort == "relevance":
        ranked = [k for k, _ in store.statement_index.every_hit(q)] if (
            q is not None and store.statement_index.exists) else None
        if ranked is None:
            order = CLAIM_SORTS["newest"]
        else:
            order_params = [as_list(ranked)]
    # First the page of keys (few columns scanned), then the full rows of that page.
    page = store.fetch(
        f"SELECT a.article_id, a.attr_id FROM {statements} "
        "JOIN articles ar ON ar.id = a.article_id "
        + ("WHERE " + " AND ".join(where) + " " if where else "")
        + f"ORDER BY {order} LIMIT ? OFFSET ?",
        [*statement_params, *params, *order_params, limit, offset])
    keys = [as_list(r["article_id"] for r in page), as_list(r["attr_id"] for r in page)]
    # Each table filtered by the page's article ids too: index lookups, not whole scans.
    arts = sorted({r["article_id"] for r in page})
    in_a, ids = in_values("a.article_id", arts)
    in_ar, _ = in_values("ar.id", arts)
    in_e, _ = in_values("article_id", arts)
    full = {(r["article_id"], r["attr_id"]): r for r in store.fetch(
        "SELECT a.article_id, ar.title, ar.outlet, ar.published, ar.url, a.attr_id, a.kind, "
        "a.stance, "
        "a.source_text, a.source_entity, se.name AS source_name, a.cue_text, a.cue_lemma, "
        "a.content_text, a.content_start, a.content_end, a.cue_start, a.cue_end, "
        "a.source_start, a.source_end, a.source_how, a.confidence "
        # Every statement of the page's articles (then the page's, here): a join with
        # the page's pairs built its hash table on the whole attributions table.
        "FROM attributions a JOIN articles ar ON ar.id = a.article_id "
        f"LEFT JOIN (SELECT article_id, entity_id, name FROM entities WHERE {in_e}) se "
        "ON se.article_id = a.article_id AND se.entity_id = a.source_entity "
        f"WHERE {in_a} AND {in_ar}", [*ids, *ids, *ids])} if page else {}
    rows = [full[(r["article_id"], r["attr_id"])] for r in page]
    vias: dict[tuple[str, str], list[dict[str, Any]]] = {}
    if rows:
        for v in store.fetch(
            "SELECT v.article_id, v.attr_id, v.text, v.start, v.\"end\", v.entity "
            "FROM attribution_via v "
            "JOIN (SELECT unnest(?::JSON::VARCHAR[]) AS article_id, "
            "unnest(?::JSON::VARCHAR[]) AS attr_id) p"
            " ON p.article_id = v.article_id AND p.attr_id = v.attr_id "
            f"WHERE {in_values('v.article_id', arts)[0]} "
            "ORDER BY v.article_id, v.attr_id, v.position",
            [*keys, *ids],
        ):
            vias.setdefault((v["article_id"], v["attr_id"]), []).append(
                {"text": v["text"], "span": [v["start"], v["end"]], "entity": v["entity"]})
    out = []
    for r in rows:
        src = None
        if r["source_text"] is not None:
            src = {"text": r["source_text"], "span": [r["source_start"], r["source_end"]],
                   "entity": r["source_entity"], "name": r["source_name"]}
        out.append({
            "article_id": r["article_id"], "title": r["title"], "outlet": r["outlet"],
            "published": _iso(r["published"]), "url": r["url"],
            "permalink": f"/articles/{r['article_id']}#s-{r['attr_id']}",
            "id": r["attr_id"], "kind": r["kind"],
            "stance": r["stance"], "source": src,
            "via": vias.get((r["article_id"], r["attr_id"]), []),
            "cue": ({"text": r["cue_text"], "span": [r["cue_start"], r["cue_end"]],
                     "lemma": r["cue_lemma"]} if r["cue_start"] is not None else None),
            "content": {"text": r["content_text"], "span": [r["content_start"], r["content_end"]]},
            "how": r["source_how"], "confidence": r["confidence"],
        })
    return corrections.claim_rows(store, out)


def entities(store: Store, *, order: str = "cited", type: str | None = None,
             limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Entities grouped across articles by key, most cited (articles mentioning them) or
    most quoted (attributions with them as source) first.

    Read from the entity summary, which every write adds to (a ``type`` filter applies to
    each entity's most frequent type).
    """
    _page(limit, offset)
    if order not in ORDERS:
        raise ConfigError(f"order must be one of {', '.join(ORDERS)}, not {order!r}")
    sort = "cited DESC, quoted DESC" if order == "cited" else "quoted DESC, cited DESC"
    return store.fetch(
        f"SELECT key, name, type, cited, quoted FROM {ENTITY_SUMMARY} WHERE name IS NOT NULL "
        f"AND (?::VARCHAR IS NULL OR type = ?) ORDER BY {sort}, key LIMIT ? OFFSET ?",
        [type, type, limit, offset])


def show(store: Store, article_id: str, analysis: Analysis | None = None) -> dict[str, Any]:
    """One article as its ``selon/1`` record, plus what the store knows about it
    (``store``: duplicate_of, duplicates, source, warnings, ingested_at). An id prefix of
    at least 6 characters is accepted; an unknown id raises StoreError. ``analysis``: the
    article's stored Analysis when the caller has loaded it already."""
    full = analysis.article.id if analysis is not None else store.resolve_id(article_id)
    loaded = analysis if analysis is not None else store.load_analyses([full])[0]
    # with the readers' corrections: corrected values, the originals in "correction"
    record = to_json(corrections.apply_stored(store, [loaded], keep_rejected=True)[0])
    meta = store.fetch("SELECT duplicate_of, source, warnings, ingested_at FROM articles "
                       "WHERE id = ?", [full])[0]
    dups = [r["id"] for r in store.fetch(
        "SELECT id FROM articles WHERE duplicate_of = ? ORDER BY id", [full])]
    record["store"] = {
        "duplicate_of": meta["duplicate_of"], "duplicates": dups, "source": meta["source"],
        "warnings": list(meta["warnings"] or []), "ingested_at": _iso(meta["ingested_at"]),
        "also_at": addresses.of_article(store, full),  # the same text read elsewhere too
    }
    return record


def stats(store: Store) -> dict[str, Any]:
    """Counts and ranges: what is in the store."""
    counts = store.fetch(
        "SELECT (SELECT count(*) FROM articles) AS articles, "
        "(SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL) AS duplicates, "
        "(SELECT count(*) FROM attributions) AS attributions, "
        "(SELECT count(*) FROM entities) AS entity_records, "
        "(SELECT count(DISTINCT key) FROM entities) AS entities, "
        "(SELECT count(*) FROM mentions) AS mentions, "
        "(SELECT count(*) FROM quantities) AS quantities, "
        "(SELECT count(*) FROM times) AS times, "
        "(SELECT min(published) FROM articles) AS first_published, "
        "(SELECT max(published) FROM articles) AS last_published")[0]
    by_kind = {r["kind"]: r["n"] for r in store.fetch(
        "SELECT kind, count(*) AS n FROM attributions GROUP BY kind ORDER BY n DESC, kind")}
    outlets = [{"outlet": r["outlet"], "articles": r["n"]} for r in store.fetch(
        "SELECT outlet, count(*) AS n FROM articles GROUP BY outlet "
        "ORDER BY n DESC, outlet NULLS LAST")]
    ready = store.search_index_ready
    indexed = store.search_index.count() if ready else 0
    return {
        **{k: _iso(v) for k, v in counts.items()},
        "attributions_by_kind": by_kind,
        "outlets": outlets,
        "schema_version": store.version,
        "search_index": {
            "ready": ready,
            "articles_indexed": indexed,
            "stale": indexed != counts["articles"],
        },
        "path": str(store.path),
    }


def article_ids(
    store: Store,
    *,
    text: str | None = None,
    outlet: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    originals_only: bool = False,
) -> list[str]:
    """The ids of every article matching all the given filters, oldest first.

    ``text`` is a full-text query (any word, French stemming) when the search index
    exists, else every word must appear (ILIKE).
    """
    where: list[str] = []
    params: list[Any] = []
    if text is not None:
        words = fulltext.words(text)
        if store.search_index_ready:
            where.append("ar.id IN (SELECT unnest(?::JSON::VARCHAR[]))")
            params.append(as_list(i for i, _ in store.search_index.every_hit(text)))
        else:
            for w in words:
                like = _contains(w)
                where.append("(ar.title ILIKE ? ESCAPE '\\' OR ar.text ILIKE ? ESCAPE '\\')")
                params += [like, like]
    more_where, more_params = article_filters(outlet=outlet, since=since, until=until,
                                              originals_only=originals_only)
    where += more_where
    params += more_params
    sql = "SELECT ar.id FROM articles ar"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return [r["id"] for r in store.fetch(sql + " ORDER BY ar.published NULLS LAST, ar.id",
                                         params)]
