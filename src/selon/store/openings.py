"""The opening of each article (its first body line, at most 160 characters), kept per
batch: the lists of articles (home page, ``/api/articles``, an entity's page, a search)
show it for every article of their page.

Finding it read the lines of the page's articles and their texts, a scan of the whole
lines table (15–25 ms at 36k articles for a page of 100). An article's lines and text
never change once written, so a batch adds the openings of its new articles, in its own
transaction (:func:`derive`); the migration and a rebuild derive them all
(:data:`FILL`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import duckdb

OPENINGS = "article_openings"
SIZE = 160  # characters of the first body line shown at most

CREATE = [f"CREATE TABLE IF NOT EXISTS {OPENINGS} (article_id VARCHAR NOT NULL, "
          "opening VARCHAR NOT NULL)"]

_IDS = "SELECT unnest(?::JSON::VARCHAR[])"


def _select(some: bool, lines: str = "lines", articles: str = "articles") -> str:
    """The openings of every article, or (``some``) of the articles whose ids are the JSON
    list parameter (given twice); from the store's tables or the ones named."""
    of_lines = f"AND l.article_id IN ({_IDS}) " if some else ""
    arts = f"WHERE ar.id IN ({_IDS})" if some else ""
    return (
        "WITH first AS (SELECT l.article_id, arg_min(l.start, l.position) AS s, "
        f"  arg_min(l.\"end\", l.position) AS e FROM {lines} l "
        f"  WHERE l.kind = 'body' {of_lines}GROUP BY l.article_id) "
        f"SELECT ar.id, substr(ar.text, f.s + 1, least(f.e - f.s, {SIZE})) AS opening "
        f"FROM {articles} ar JOIN first f ON f.article_id = ar.id {arts}")


FROM_STORE = _select(False)
FILL = [f"DELETE FROM {OPENINGS}", f"INSERT INTO {OPENINGS} {FROM_STORE} ORDER BY 1"]


def derive(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str], *,
           lines: str = "lines", articles: str = "articles") -> None:
    """Add the openings of these articles (just written), inside the caller's
    transaction, from their rows in the store or in the tables named (a batch's rows,
    held apart: the cost then follows the batch)."""
    if not article_ids:
        return
    param = json.dumps(sorted(set(article_ids)))
    con.execute(f"INSERT INTO {OPENINGS} {_select(True, lines, articles)}", [param, param])


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Derive every opening from the store (inside the caller's transaction)."""
    for statement in FILL:
        con.execute(statement)
