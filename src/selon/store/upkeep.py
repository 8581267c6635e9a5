"""The upkeep of what a store derives from its rows for searching and listing: the search
indexes (articles, statements) and the entity summary, added to by every batch written,
and rebuilt whole from the store together with the entity listing and the statements'
chains.

The writer (:class:`selon.store.db.Store`) calls :func:`summarise` inside a batch's
transaction and :func:`index_written` once the batch is committed; its
``refresh_search_index`` is :func:`rebuild`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import duckdb

from selon.errors import StoreError
from selon.store import chains, entityrows, listing, openings, schema
from selon.store.rows import WriteItem
from selon.store.searchindex import Doc

if TYPE_CHECKING:
    from selon.store.db import Store

log = logging.getLogger(__name__)

ENTITY_SUMMARY = "entity_summary"
REINDEX_BATCH = 2000  # articles read from the store at a time when the index is rebuilt


def summarise(con: duckdb.DuckDBPyConnection, tables: dict[str, list[dict[str, Any]]]) -> None:
    """Add a batch's entities and statements to the entity summary (same transaction
    as their rows): the cost follows the batch, not the store."""
    entities = tables.get("entities") or []
    attributions = [{"source_key": r["source_key"]} for r in tables.get("attributions") or []
                    if r.get("source_key")]
    if not entities and not attributions:
        return
    rows = json.dumps(
        [{"key": r["key"], "name": r["name"], "type": r["type"],
          "article_id": r["article_id"]} for r in entities], ensure_ascii=False)
    quoted = json.dumps(attributions, ensure_ascii=False)
    for statement in schema.ENTITY_SUMMARY_ADD:
        con.execute(statement, [rows, quoted] if "$2" in statement else [rows])


def index_written(store: Store, items: list[WriteItem]) -> None:
    """Add the articles and statements of a committed batch to the search indexes. A
    failure leaves an index behind the store (found stale, rebuilt by the next ingest)."""
    try:
        store.search_index.add((i.analysis.article.id, i.analysis.article.title,
                                i.analysis.article.text) for i in items)
        store.statement_index.add(
            (f"{i.analysis.article.id}:{at.id}", i.analysis.article.id,
             i.analysis.article.text[at.content[0]:at.content[1]])
            for i in items for at in i.analysis.attributions)
    except StoreError as exc:
        log.warning("%s", exc)


def search_index_current(store: Store) -> bool:
    """Whether the search indexes hold every stored article and statement (see
    :attr:`Store.search_index_current`)."""
    return (store.search_index.exists and store.statement_index.exists
            and store.search_index.count() == store.scalar("SELECT count(*) FROM articles")
            and store.statement_index.count() == store.scalar(
                "SELECT count(*) FROM attributions"))


def entity_summary_ready(store: Store) -> bool:
    """Whether the entity summary is kept (every store at schema version 4 or more)."""
    return bool(store.scalar(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND table_name = ?", [ENTITY_SUMMARY]))


def rebuild(store: Store) -> int:
    """Rebuild the search indexes, the entity summary, the entity listing and the
    statements' chains from the rows of ``store`` (open for writing); return the
    articles indexed."""

    def batches() -> Iterator[list[Doc]]:
        batch: list[Doc] = []
        for r in store.iter_rows("SELECT id, title, text FROM articles", size=REINDEX_BATCH):
            batch.append((r["id"], r["title"], r["text"]))
            if len(batch) >= REINDEX_BATCH:
                yield batch
                batch = []
        yield batch

    def statements() -> Iterator[list[Doc]]:
        batch: list[Doc] = []
        for r in store.iter_rows("SELECT article_id, attr_id, content_text FROM "
                                 "attributions", size=REINDEX_BATCH):
            batch.append((f"{r['article_id']}:{r['attr_id']}", r["article_id"],
                          r["content_text"] or ""))
            if len(batch) >= REINDEX_BATCH:
                yield batch
                batch = []
        yield batch

    n = store.search_index.rebuild(batches())
    store.statement_index.rebuild(statements())
    with store._transaction("summarising the entities of") as con:
        for statement in schema.ENTITY_SUMMARY_REBUILD:
            con.execute(statement)
        listing.refresh(con)
        entityrows.refresh(con)
        openings.refresh(con)
        for statement in chains.FILL:
            con.execute(statement)
    return n
