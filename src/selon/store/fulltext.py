"""Full-text search of articles and of statements: one query language, filters, totals.

The query language (the same in ``selon search``, ``/api/search`` and the ``/search`` page):

- ``word word``: every word must be found (French stemming: « soldat » finds « soldats »;
  case and accents ignored);
- ``"a phrase"``: these words next to each other, in this order;
- ``a OR b``, ``a AND b``, ``NOT a`` (or ``-a``), and parentheses to group them;
- a query that is not valid syntax is searched as plain words, with a warning.

Articles are found by their title and text, statements by what was said (their content).
The index gives every match; the store's filters (outlet, dates, copies, and for
statements every filter of :func:`selon.store.queries.claims`) then keep some, so a total
is always the number of matches that the pages show. A store without an index falls back
to matching every word with ILIKE (no ranking, no phrases).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from selon.errors import ConfigError
from selon.store.db import Store, as_list, in_values
from selon.store.keys import fold
from selon.store.searchindex import SearchIndex

SNIPPET = 200
SHORT = 3  # characters: a matched word this short is highlighted only in a phrase or alone
ARTICLE_SORTS = ("relevance", "newest", "oldest")
_WORD = re.compile(r"\w+")
_PHRASE = re.compile(r'"([^"]*)"')
_OPERATORS = {"AND", "OR", "NOT"}


def words(query: str) -> list[str]:
    """The words of ``query`` without its operators (what the ILIKE fallback matches)."""
    found = [w for w in _WORD.findall(query) if w not in _OPERATORS]
    if not found:
        raise ConfigError("the search text has no words")
    return found


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def warnings(store: Store, query: str) -> list[str]:
    """What the query language read differently from what was typed (bad syntax)."""
    words(query)
    _parsed, said = store.search_index.parse(query)
    return said


def statement_condition(store: Store, query: str) -> tuple[str, list[Any], list[str]]:
    """A WHERE condition on ``attributions AS a`` true for the statements that match
    ``query``, its parameters, and the statement keys (``article:statement``) best first
    (empty when the store has no statement index and words are matched with ILIKE)."""
    found = words(query)
    index: SearchIndex = store.statement_index
    if index.exists:
        keys = [k for k, _score in index.every_hit(query)]
        # The articles first (a semi-join on a column), then the statements' keys: the key
        # made for every statement of the store cost 20 ms at 36k articles.
        articles = sorted({k.split(":", 1)[0] for k in keys})
        return ("a.article_id IN (SELECT unnest(?::JSON::VARCHAR[])) AND "
                "(a.article_id || ':' || a.attr_id) IN (SELECT unnest(?::JSON::VARCHAR[]))",
                [as_list(articles), as_list(keys)], keys)
    cond = " AND ".join(["a.content_text ILIKE ? ESCAPE '\\'"] * len(found))
    return f"({cond})", [_like(w) for w in found], []


def _article_where(outlet: str | None, since: date | str | None, until: date | str | None,
                   originals_only: bool) -> tuple[list[str], list[Any]]:
    from selon.store.queries import article_filters

    return article_filters(outlet=outlet, since=since, until=until,
                           originals_only=originals_only)


def articles(store: Store, query: str, *, outlet: str | None = None,
             since: date | str | None = None, until: date | str | None = None,
             originals_only: bool = False, sort: str = "relevance", limit: int = 20,
             offset: int = 0) -> dict[str, Any]:
    """A page of the articles matching ``query`` and the filters, with the total, the
    snippet of each (``highlights``: character ranges of the matched words in it) and the
    query's warnings."""
    if sort not in ARTICLE_SORTS:
        raise ConfigError(f"sort must be one of {', '.join(ARTICLE_SORTS)}, not {sort!r}")
    if limit <= 0 or offset < 0:
        raise ConfigError(f"limit must be positive and offset not negative "
                          f"(got limit={limit}, offset={offset})")
    found = words(query)
    where, params = _article_where(outlet, since, until, originals_only)
    said: list[str] = []
    ranked = store.search_index_ready
    if ranked:
        _parsed, said = store.search_index.parse(query)
        hits = store.search_index.every_hit(query)
        source = ("(SELECT unnest(?::JSON::VARCHAR[]) AS id, unnest(?::JSON::DOUBLE[]) AS "
                  "score, generate_subscripts(?::JSON::VARCHAR[], 1) AS rank) h "
                  "JOIN articles ar ON ar.id = h.id")
        ids = as_list(i for i, _ in hits)
        params = [ids, as_list(s for _, s in hits), ids, *params]
        score = "h.score"
    else:
        source = "articles ar"
        for w in found:
            where.append("(ar.title ILIKE ? ESCAPE '\\' OR ar.text ILIKE ? ESCAPE '\\')")
            params += [_like(w), _like(w)]
        score = "NULL::DOUBLE"
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    order = {"relevance": "h.rank" if ranked else "ar.published DESC NULLS LAST, ar.id",
             "newest": "ar.published DESC NULLS LAST, ar.id",
             "oldest": "ar.published ASC NULLS LAST, ar.id"}[sort]
    total = int(store.scalar(f"SELECT count(*) FROM {source}{cond}", params) or 0)
    # The page first, then the texts of its articles alone: sorting the hits with their
    # texts carried every hit's text through the sort (25 ms for 7,600 hits at 36k).
    rows = store.fetch(
        f"SELECT ar.id, ar.title, ar.outlet, ar.published, ar.duplicate_of, ar.url, "
        f"{score} AS score FROM {source}{cond} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset])
    by_id, id_params = in_values("id", [r["id"] for r in rows])
    texts = {r["id"]: r["text"] for r in store.fetch(
        f"SELECT id, text FROM articles WHERE {by_id}", id_params)} if rows else {}
    pieces = highlight_texts(store.search_index if ranked else None, query,
                             [texts[r["id"]] for r in rows], SNIPPET)
    items = []
    for r, (piece, marks) in zip(rows, pieces, strict=True):
        items.append({
            "id": r["id"], "title": r["title"], "outlet": r["outlet"],
            "published": r["published"].isoformat() if r["published"] else None,
            "duplicate_of": r["duplicate_of"], "url": r["url"], "score": r["score"],
            "snippet": piece, "highlights": [list(m) for m in marks]})
    return {"items": items, "total": total, "warnings": said}


def highlight_texts(index: SearchIndex | None, query: str, texts: list[str],
                    width: int) -> list[tuple[str, list[tuple[int, int]]]]:
    """Each text's best piece and the ranges of the matched words in it: by the index's
    own analysis when there is one, else where a word of ``query`` starts a word."""
    if index is not None and index.exists:
        wide = index.highlights(query, texts, width * 3)  # then cut around the best hit
        alone = _phrase_only(query)
        return [around(piece, tidy(piece, marks, alone), width) for piece, marks in wide]
    stems = [w.lower() for w in words(query)]
    out = []
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + r")\w*", re.IGNORECASE)
    for text in texts:
        first = pattern.search(text)
        start = max(0, first.start() - width // 3) if first else 0
        piece = text[start:start + width]
        out.append((piece, [m.span() for m in pattern.finditer(piece)]))
    return out


def _phrase_only(query: str) -> set[str]:
    """The first letters (folded) of the words that the query has only inside phrases."""
    inside = {fold(w)[:4] for p in _PHRASE.findall(query) for w in _WORD.findall(p)}
    outside = {fold(w)[:4] for w in _WORD.findall(_PHRASE.sub(" ", query))}
    return inside - outside


def tidy(text: str, ranges: list[tuple[int, int]], phrase_only: set[str] | None = None
         ) -> list[tuple[int, int]]:
    """Matched words side by side (a phrase) joined into one range; a word found alone
    that the query has only in a phrase (the « nord » of "Corée du Nord") dropped; a lone
    short word (« de », « la », matched everywhere) dropped when longer ones are there."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if joined and not text[joined[-1][1]:start].strip(" '’-"):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    if phrase_only:
        joined = [(a, b) for a, b in joined if _WORD.search(text[a:b].strip()) is None
                  or len(_WORD.findall(text[a:b])) > 1 or fold(text[a:b])[:4] not in phrase_only]
    if any(end - start > SHORT for start, end in joined):
        joined = [(start, end) for start, end in joined if end - start > SHORT]
    return joined


def around(text: str, ranges: list[tuple[int, int]], width: int
           ) -> tuple[str, list[tuple[int, int]]]:
    """At most ``width`` characters of ``text`` around its longest hit (a phrase before a
    word), cut at spaces, with the ranges inside moved to match."""
    if len(text) <= width:
        return text, ranges
    best = max(ranges, key=lambda r: r[1] - r[0], default=(0, 0))
    start = max(0, min(best[0] - width // 3, len(text) - width))
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best[0] else start
    end = start + width
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > best[1] else end
    lead = "…" if start else ""
    shift = len(lead) - start
    inside = [(a + shift, b + shift) for a, b in ranges if a >= start and b <= end]
    return lead + text[start:end] + ("…" if end < len(text) else ""), inside


def marked(text: str, ranges: list[list[int]] | list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut into ``(piece, is_hit)`` for the templates (no HTML is built here)."""
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted((int(a), int(b)) for a, b in ranges):
        if start < at or end > len(text) or start >= end:
            continue
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return out
