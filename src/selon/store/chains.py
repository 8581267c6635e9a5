"""Who relays whom, kept per batch: each statement's chain from its source, through its
relays, to its article's outlet, as the sources graph draws it.

Drawing the graph of an article (or of a search) joined its statements with their
articles, relays and source entities at every request. ``source_chains`` holds one row
per statement with all the graph needs: the source as written, its key and its entity's
name, the relays in order, the outlet and credit line, the stance and the article's date.
A statement's chain never changes once its article is written, so a batch adds the rows
of its own statements (from the rows it writes, no store read) in its own transaction;
the migration fills the table from the stored statements with :data:`FROM_STORE`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime
from typing import Any

import duckdb

CHAINS = "source_chains"

_COLUMNS = [
    ("article_id", "VARCHAR"), ("attr_id", "VARCHAR"), ("position", "INTEGER"),
    ("published", "DATE"), ("outlet", "VARCHAR"), ("credit", "VARCHAR"),
    ("stance", "VARCHAR"), ("source_text", "VARCHAR"), ("source_key", "VARCHAR"),
    ("source_name", "VARCHAR"), ("via", "STRUCT(text VARCHAR, key VARCHAR)[]"),
]

# No index on article_id: with one, a store whose ingest was killed mid-batch made
# DuckDB 1.5.5 abort its next commit (an internal error reverting the commit); a scan of
# this narrow table for an article's rows costs a few milliseconds at 37k articles.
CREATE = [
    f"CREATE TABLE IF NOT EXISTS {CHAINS} ("
    + ", ".join(f"{name} {kind}" + (" NOT NULL" if name in ("article_id", "attr_id") else "")
                for name, kind in _COLUMNS) + ")",
]

# The chains of every stored statement, aggregated afresh from the record tables.
FROM_STORE = (
    "SELECT a.article_id, a.attr_id, a.position, ar.published, ar.outlet, ar.credit, "
    "a.stance, a.source_text, a.source_key, e.name AS source_name, "
    "coalesce(v.via, []) AS via FROM attributions a "
    "JOIN articles ar ON ar.id = a.article_id "
    "LEFT JOIN entities e ON e.article_id = a.article_id AND e.entity_id = a.source_entity "
    "LEFT JOIN (SELECT article_id, attr_id, list({'text': text, 'key': key} "
    "  ORDER BY position) AS via FROM attribution_via GROUP BY article_id, attr_id) v "
    "  ON v.article_id = a.article_id AND v.attr_id = a.attr_id")

FILL = [f"DELETE FROM {CHAINS}", f"INSERT INTO {CHAINS} {FROM_STORE}"]

_INSERT = (
    f"INSERT INTO {CHAINS} SELECT " + ", ".join(f"r.{name}" for name, _ in _COLUMNS)
    + " FROM (SELECT unnest(from_json(?::JSON, ?)) AS r)")
_ROW_TYPE = json.dumps([{name: ([{"text": "VARCHAR", "key": "VARCHAR"}] if name == "via"
                                 else kind) for name, kind in _COLUMNS}])


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def batch_rows(tables: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The chain rows of a batch's statements, from the rows the batch writes."""
    articles = {r["id"]: r for r in tables.get("articles") or []}
    names = {(r["article_id"], r["entity_id"]): r["name"] for r in tables.get("entities") or []}
    via: defaultdict[tuple[str, str], list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for v in tables.get("attribution_via") or []:
        via[(v["article_id"], v["attr_id"])].append(
            (v["position"], {"text": v["text"], "key": v["key"]}))
    out = []
    for a in tables.get("attributions") or []:
        ar = articles.get(a["article_id"], {})
        published = ar.get("published")
        out.append({
            "article_id": a["article_id"], "attr_id": a["attr_id"], "position": a["position"],
            "published": _iso(published),
            "outlet": ar.get("outlet"), "credit": ar.get("credit"), "stance": a["stance"],
            "source_text": a["source_text"], "source_key": a["source_key"],
            "source_name": names.get((a["article_id"], a["source_entity"])),
            "via": [v for _, v in sorted(via[(a["article_id"], a["attr_id"])],
                                         key=lambda p: p[0])],
        })
    return out


def add(con: duckdb.DuckDBPyConnection, tables: dict[str, list[dict[str, Any]]]) -> None:
    """Add the chains of a batch's statements (inside the batch's transaction)."""
    rows = batch_rows(tables)
    if rows:
        con.execute(_INSERT, [json.dumps(rows, ensure_ascii=False), _ROW_TYPE])


def as_statement(r: dict[str, Any]) -> dict[str, Any]:
    """A chain row in the shape of :func:`selon.store.reads.statements` (the fields the
    sources graph reads)."""
    published = r["published"]
    return {
        "article_id": r["article_id"], "id": r["attr_id"], "outlet": r["outlet"],
        "credit": r["credit"], "stance": r["stance"],
        "published": _iso(published),
        "source": ({"text": r["source_text"], "key": r["source_key"],
                    "name": r["source_name"]} if r["source_text"] is not None else None),
        "via": [dict(v) for v in r["via"] or []],
    }
