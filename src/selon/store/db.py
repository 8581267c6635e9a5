"""The Store: one embedded DuckDB file, written idempotently, one transaction per batch.

This is the only module that writes SQL (always with parameters; table and column names
come from constants in ``selon.store.schema``), with the upkeep of the search indexes and
the entity summary (``selon.store.upkeep``) it calls. Read queries live in
``selon.store.queries`` and go through :meth:`Store.fetch`.

Crash safety: a batch of articles is one transaction (``BEGIN`` … ``COMMIT``), so a process
killed mid-write leaves either the whole batch or none of it; DuckDB's write-ahead log
replays only committed transactions when the file is opened again.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from selon.errors import StoreError
from selon.model import Analysis
from selon.store import chains, columns, entityrows, inplace, listing, openings, schema, upkeep
from selon.store.rows import WriteItem, check_spans, to_analyses, to_rows
from selon.store.searchindex import SearchIndex, index_path, statement_index_path
from selon.store.sql import literal

# DuckDB's driver tries to import pandas for every parameter it binds (to recognise data
# frames). pandas is no dependency of selon, and each failed import searches the whole
# module path: about 0.4 ms a parameter, 190 ms for a query of 500 ids. Recording once that
# it is absent makes the same query take 9 ms.
if "pandas" not in sys.modules and importlib.util.find_spec("pandas") is None:
    sys.modules["pandas"] = None  # type: ignore[assignment]

DEFAULT_PATH = Path("selon.duckdb")
MIN_PREFIX = 6
# DuckDB's own default is most of the machine's memory: a store never needs that much,
# and large operations spill to disk past this limit.
MEMORY_LIMIT = "1GB"

_LOAD_ORDER = {
    "lines": "position",
    "entities": "position",
    "mentions": "entity_id, position",
    "attributions": "position",
    "attribution_via": "attr_id, position",
    "quantities": "position",
    "times": "position",
    "conflicts": "position",
}

log = logging.getLogger(__name__)


def as_list(values: Iterable[Any]) -> str:
    """A list parameter as one JSON text, read in SQL as ``?::JSON::VARCHAR[]`` (or another
    element type). The driver binds a Python list element by element, about a hundred
    times slower."""
    return json.dumps(list(values), ensure_ascii=False)


# The same for a list of ids, as a subquery: ``... IN ({IDS})`` with ``ids_param(ids)``.
IDS = "SELECT unnest(?::JSON::VARCHAR[])"


def ids_param(ids: Iterable[str]) -> str:
    """The parameter for :data:`IDS`."""
    return as_list(ids)


# Up to this many values, ``column IN (?, ?, ...)`` lets DuckDB look each up in the
# column's index (schema version 5); a subquery of a list is a join that scans the table.
# Each row found through the index is fetched on its own, which costs about 0.1 ms with
# text columns: past a few articles' rows, one scan of the table is cheaper (measured on a
# store of 36k articles: 89 articles' times, 132 ms looked up, 39 ms scanned).
LOOKUP_MAX = 8


def in_values(column: str, values: Iterable[Any]) -> tuple[str, list[Any]]:
    """``(condition, parameters)`` for ``column IN values``: index lookups for a few
    values, one JSON list parameter (a semi-join) for many."""
    values = list(values)
    if not values:
        return "FALSE", []
    if len(values) <= LOOKUP_MAX:
        return f"{column} IN ({', '.join('?' * len(values))})", values
    return f"{column} IN (SELECT unnest(?::JSON::VARCHAR[]))", [as_list(values)]


class Store:
    """An open selon store. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_PATH, *,
                 read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._mirror: Path | None = None
        self._recent: dict[str, Any] | None = None
        # A folder of Parquet tables holds the records only, not the rows derived per
        # batch (the entity pages' rows): readers then derive what they need.
        self.folder = inplace.is_folder(self.path)
        if self.folder:
            self._open_folder()
            return
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a store file: give the path of a "
                             f"file (e.g. --db {self.path / DEFAULT_PATH}), created if needed")
        if read_only and not self.path.is_file():
            raise StoreError(f"no store at {self.path}; ingest articles into it first "
                             "(or pass the right --db / SELON_DB)")
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only,
                                       config={"memory_limit": MEMORY_LIMIT})
            self._con.execute("SET enable_progress_bar = false")  # library code: no output
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreError(
                    f"{self.path} is in use by another selon process (the file is locked); "
                    "wait for it to finish, or use another store file with --db; if it is "
                    "'selon serve', send articles to it with 'selon ingest --server URL'"
                ) from exc
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
        try:
            self.version = self._migrate()
        except BaseException:
            self._con.close()
            raise
        self.search_index = SearchIndex(index_path(self.path))
        self.statement_index = SearchIndex(statement_index_path(self.path), statements=True)

    # -- opening ------------------------------------------------------------------------

    def _open_folder(self) -> None:
        """Read a folder of Parquet tables in place (``selon.store.inplace``)."""
        if not self.read_only:
            raise StoreError(
                f"{self.path} is a folder of Parquet tables, which selon only reads; ingest "
                "into a store file (--db FILE) with --partitions DIR to add to it")
        self._con = inplace.connect(self.path)
        self.version = schema.SCHEMA_VERSION
        self.search_index = SearchIndex(index_path(self.path))  # none: the file's
        self.statement_index = SearchIndex(statement_index_path(self.path), statements=True)

    def _migrate(self) -> int:
        con = self._con
        try:
            has_table = con.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
                " AND schema_name = 'main' AND table_name = 'schema_version'").fetchone()
            current = 0
            if has_table and has_table[0]:
                row = con.execute("SELECT max(version) FROM schema_version").fetchone()
                current = int(row[0]) if row and row[0] is not None else 0
        except duckdb.Error as exc:
            raise StoreError(f"{self.path} is not a readable selon store: {exc}") from exc
        if current > schema.SCHEMA_VERSION:
            raise StoreError(
                f"the store {self.path} was written by a newer selon (schema version {current}; "
                f"this selon knows up to {schema.SCHEMA_VERSION}); upgrade selon to use it"
            )
        if current == schema.SCHEMA_VERSION:
            return current
        if self.read_only:
            raise StoreError(
                f"the store {self.path} has schema version {current}, this selon needs "
                f"{schema.SCHEMA_VERSION}; open it once for writing (e.g. 'selon ingest') "
                "to upgrade it"
            )
        try:
            con.execute(schema.CREATE_VERSION_TABLE)
            for version, statements in schema.MIGRATIONS:
                if version <= current:
                    continue
                con.execute("BEGIN TRANSACTION")
                try:
                    for statement in statements:
                        schema.run(con, statement)
                    con.execute("INSERT INTO schema_version VALUES (?, ?)",
                                [version, datetime.now(UTC).replace(tzinfo=None)])
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                current = version
        except duckdb.Error as exc:
            raise StoreError(
                f"cannot set up the store {self.path} (is it a selon store?): {exc}") from exc
        return current

    def close(self) -> None:
        """Close the file and the search index (committed data is safe; nothing is pending
        between calls).

        Raises StoreError when the final checkpoint cannot be written (a full disk): the
        committed transactions are still in the write-ahead log, replayed on next open."""
        try:
            self.search_index.close()
            self.statement_index.close()
        finally:
            try:
                self._con.close()
            except duckdb.Error as exc:
                raise StoreError(f"closing the store {self.path} failed: {exc}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- reading helpers ----------------------------------------------------------------

    def fetch(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        """Run a read query with parameters; rows as dicts."""
        try:
            cur = self._con.execute(sql, list(params or []))
            names = [d[0] for d in cur.description or []]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        except duckdb.Error as exc:
            raise StoreError(f"query on {self.path} failed: {exc}") from exc

    def iter_rows(self, sql: str, params: Sequence[Any] | None = None,
                  size: int = 2000) -> Iterator[dict[str, Any]]:
        """Stream the rows of a read query as dicts, ``size`` at a time (for exports)."""
        try:
            cur = self._con.cursor()
            try:
                cur.execute(sql, list(params or []))
                names = [d[0] for d in cur.description or []]
                while batch := cur.fetchmany(size):
                    for row in batch:
                        yield dict(zip(names, row, strict=True))
            finally:
                cur.close()
        except duckdb.Error as exc:
            raise StoreError(f"query on {self.path} failed: {exc}") from exc

    def copy_to_parquet(self, table: str, path: Path, ids: Sequence[str] | None = None) -> int:
        """Write one table (all of it, or the rows of these article ids) to a Parquet file."""
        if table not in columns.COLUMNS:
            raise StoreError(f"unknown table {table!r}")
        key = "id" if table == "articles" else "article_id"
        where = f" WHERE {key} IN (SELECT unnest(?::JSON::VARCHAR[]))" if ids is not None else ""
        params = [as_list(ids)] if ids is not None else []
        try:
            row = self._con.execute(f"SELECT count(*) FROM {table}{where}", params).fetchone()
            self._con.execute(f"COPY (SELECT * FROM {table}{where}) TO {literal(str(path))} "
                              "(FORMAT parquet, COMPRESSION zstd)", params)
        except duckdb.Error as exc:
            raise StoreError(f"cannot write {path}: {exc}") from exc
        return int(row[0]) if row else 0

    def scalar(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        """The first column of the first row of a read query (None if no row)."""
        rows = self.fetch(sql, params)
        return next(iter(rows[0].values())) if rows else None

    def has(self, article_id: str) -> bool:
        """Whether an article with this exact id is stored."""
        return bool(self.scalar("SELECT count(*) FROM articles WHERE id = ?", [article_id]))

    def existing(self, article_ids: Sequence[str]) -> set[str]:
        """Which of these ids are stored (one query for a whole batch)."""
        if not article_ids:
            return set()
        return {r["id"] for r in self.fetch(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?::JSON::VARCHAR[]))",
            [as_list(article_ids)])}

    def resolve_id(self, prefix: str) -> str:
        """The full id of the one article whose id starts with ``prefix`` (≥ 6 characters)."""
        prefix = prefix.strip()
        if len(prefix) < MIN_PREFIX:
            raise StoreError(f"give at least {MIN_PREFIX} characters of the article id, "
                             f"not {prefix!r}")
        ids = [r["id"] for r in self.fetch(
            "SELECT id FROM articles WHERE starts_with(id, ?) ORDER BY id LIMIT 6", [prefix])]
        if not ids:
            raise StoreError(f"no article with id {prefix!r} in {self.path}; "
                             "'selon search' finds articles by their words")
        if len(ids) > 1:
            raise StoreError(f"the id {prefix!r} is ambiguous ({', '.join(ids[:5])}...); "
                             "give more characters")
        return ids[0]

    def load_analysis(self, article_id: str) -> Analysis:
        """The stored Analysis of one article (an id prefix of ≥ 6 characters is accepted)."""
        return self.load_analyses([self.resolve_id(article_id)])[0]

    def load_analyses(self, ids: Sequence[str]) -> list[Analysis]:
        """The stored Analyses of these exact ids, in the given order (unknown ids skipped)."""
        if not ids:
            return []
        ids = list(ids)
        by_id, params = in_values("id", ids)
        by_article, _ = in_values("article_id", ids)
        articles = {r["id"]: r for r in self.fetch(
            f"SELECT * FROM articles WHERE {by_id}", params)}
        tables = {
            table: self.fetch(
                f"SELECT * FROM {table} WHERE {by_article} ORDER BY article_id, {order}", params)
            for table, order in _LOAD_ORDER.items()
        }
        return to_analyses([articles[i] for i in ids if i in articles], tables)

    # -- writing ------------------------------------------------------------------------

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store {self.path} is open read-only")

    def write(self, analysis: Analysis, *, duplicate_of: str | None = None,
              signature: list[int] | None = None,
              bands: Sequence[tuple[int, int]] = ()) -> bool:
        """Store one article and its records; False (and no change) if already stored."""
        item = WriteItem(analysis, duplicate_of, signature, list(bands))
        return bool(self.write_many([item]))

    def write_many(self, items: Iterable[Analysis | WriteItem], *,
                   batch_size: int = 500) -> list[str]:
        """Store many articles, ``batch_size`` per transaction; return the ids newly written.

        Articles already stored (or repeated in ``items``) are skipped, so running the
        same input again is harmless. A batch is all-or-nothing.
        """
        self._writable()
        written: list[str] = []
        for chunk in _chunks(items, batch_size):
            written.extend(self._write_batch(chunk))
        return written

    def _write_batch(self, chunk: list[WriteItem]) -> list[str]:
        unique: dict[str, WriteItem] = {}
        for item in chunk:
            check_spans(item.analysis)
            unique.setdefault(item.analysis.article.id, item)
        with self._transaction("writing to") as con:
            present = {row[0] for row in con.execute(
                "SELECT id FROM articles WHERE id IN (SELECT unnest(?::JSON::VARCHAR[]))",
                [as_list(unique)]).fetchall()}
            new = [item for aid, item in unique.items() if aid not in present]
            tables = to_rows(new, datetime.now(UTC).replace(tzinfo=None))
            for table, rows in tables.items():
                if rows:
                    self._insert(table, rows)
            upkeep.summarise(con, tables)
            listing.apply(con, listing.batch_parts(tables))
            chains.add(con, tables)
            # the rows of the entity pages and the openings, from the batch's own rows
            written = [item.analysis.article.id for item in new]
            entityrows.stage(con, self._insert_into, tables)
            entityrows.derive(con, written, staged=True, new=True)
            openings.derive(con, written, lines=entityrows.STAGED["lines"],
                            articles=entityrows.STAGED["articles"])
            repaired: dict[str, str | None] = {}
            if any(item.duplicate_of for item in new):
                repaired = self._repair_links(con)
        for row in tables.get("articles") or []:  # as stored: with the repaired links
            row["duplicate_of"] = repaired.get(row["id"], row["duplicate_of"])
        # The batch's rows the resolution that follows reads (its entities, their
        # mentions, the articles' texts and near-copy links, the statements' sources):
        # held here, it reads none of them from the store, whose size it then ignores.
        self._recent = {
            "ids": {item.analysis.article.id for item in new},
            "entities": tables.get("entities") or [],
            "mentions": tables.get("mentions") or [],
            "articles": {r["id"]: {"text": r["text"], "duplicate_of": r["duplicate_of"]}
                         for r in tables.get("articles") or []},
            "attributions": [{k: r.get(k) for k in ("article_id", "source_entity",
                                                   "source_key")}
                             for r in tables.get("attributions") or []]}
        if new:
            upkeep.index_written(self, new)
            if self._mirror is not None:
                self._write_partitions(tables)
        return [item.analysis.article.id for item in new]

    # -- Parquet partitions -------------------------------------------------------------

    def mirror_to(self, folder: Path) -> int:
        """From now on, also write every batch's rows as Parquet partitions into ``folder``
        (read in place by ``Store(folder, read_only=True)``); first add the stored
        articles the folder lacks (a batch whose files failed, or a store older than the
        folder). Returns how many articles were added that way."""
        self._writable()
        self._mirror = folder
        inplace.write_marker(folder)
        stored = {r[0] for r in self._con.execute("SELECT id FROM articles").fetchall()}
        missing = sorted(stored - inplace.stored_ids(folder))
        for i in range(0, len(missing), 500):
            ids = [as_list(missing[i:i + 500])]
            self._write_partitions({t: self.fetch(inplace.rows_of_articles(t), ids)
                                    for t in inplace.WRITTEN})
        return len(missing)

    def snapshot_derived(self) -> None:
        """Write the derived tables whole into the partitions' folder (end of a run)."""
        if self._mirror is None:
            return
        try:
            inplace.write_snapshot(self._con, self._mirror)
        except StoreError as exc:
            log.warning("%s (the store file has them; the next ingest writes them)", exc)

    def _write_partitions(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        # After the commit: the store file has the batch whatever happens here, and the
        # next mirror_to adds what the folder lacks.
        assert self._mirror is not None
        try:
            inplace.write_batch(self._mirror, tables, _payload)
        except StoreError as exc:
            log.warning("%s (the store file has them; the next ingest adds them)", exc)

    def recent_rows(self, article_ids: Iterable[str]) -> tuple[
            list[dict[str, Any]], list[dict[str, Any]]] | None:
        """The entities and statements' sources of these articles if they were all written
        by the last batch and nothing was resolved since (else None), and forget them."""
        recent, self._recent = self._recent, None
        wanted = set(article_ids)
        if recent is None or not wanted <= recent["ids"]:
            return None
        return ([r for r in recent["entities"] if r["article_id"] in wanted],
                [r for r in recent["attributions"] if r["article_id"] in wanted])

    def held(self, article_ids: Iterable[str]) -> dict[str, Any] | None:
        """The rows of the last batch written (``entities``, ``mentions``, ``articles``:
        id -> text and ``duplicate_of``) when these articles are all of it and nothing was
        resolved since (so that none of their entities has a canonical entity yet), else
        None. Unlike :meth:`recent_rows` it keeps them."""
        wanted = set(article_ids)
        if self._recent is None or not wanted or not wanted <= self._recent["ids"]:
            return None
        return self._recent

    @property
    def held_ids(self) -> frozenset[str]:
        """The articles of the last batch written, while it is held (see :meth:`held`)."""
        return frozenset(self._recent["ids"]) if self._recent is not None else frozenset()

    def repair_near_copy_links(self) -> int:
        """Make every ``duplicate_of`` point at a stored article; return the links changed.

        A copy whose original was never stored (its analysis or its write failed) would be
        hidden from ``--originals`` with nothing shown in its place: the earliest stored
        copy of that original becomes the original, and the other copies point at it.
        Every write of near-copies does this in its own transaction; calling it repairs
        stores written before that.
        """
        self._writable()
        with self._transaction("repairing near-copy links in") as con:
            changed = self._repair_links(con)
        if changed:  # the links held for the resolution may be among them
            self._recent = None
        return len(changed)

    @staticmethod
    def _repair_links(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
        """Repair the dangling links; return each article changed with its new link."""
        dangling = con.execute(
            "SELECT id, row_number() OVER w AS k, first_value(id) OVER w AS heir "
            "FROM articles a WHERE duplicate_of IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM articles o WHERE o.id = a.duplicate_of) "
            "WINDOW w AS (PARTITION BY duplicate_of ORDER BY ingested_at, id)").fetchall()
        changed: dict[str, str | None] = {}
        for article_id, k, heir in dangling:
            changed[article_id] = None if k == 1 else heir
            con.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?",
                        [changed[article_id], article_id])
        return changed

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        con = self._con
        try:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
                con.execute("COMMIT")
            except BaseException:
                # A failed COMMIT (a full disk) has already ended the transaction: the
                # ROLLBACK then fails too, and its error must not hide the cause.
                with suppress(duckdb.Error):
                    con.execute("ROLLBACK")
                raise
        except (duckdb.Error, ValueError) as exc:
            raise StoreError(f"{doing} the store {self.path} failed: {exc}") from exc

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        self._insert_into(table, table, rows)

    def _insert_into(self, into: str, table: str, rows: list[dict[str, Any]]) -> None:
        """Rows of ``table`` into ``into`` (the table itself, or a table of its columns)."""
        self._con.execute(columns.insert_sql(table, into), [_payload(rows),
                                                            columns.row_type(table)])

    # -- near-duplicates ----------------------------------------------------------------

    def add_signature(self, article_id: str, bands: Sequence[tuple[int, int]], *,
                      signature: Sequence[int] | None = None) -> None:
        """Record (or replace) the MinHash bands, and optionally the full signature."""
        self._writable()
        with self._transaction("writing to") as con:
            con.execute("DELETE FROM minhash_bands WHERE article_id = ?", [article_id])
            if bands:
                self._insert("minhash_bands", [
                    {"band": b, "hash": h, "article_id": article_id} for b, h in bands])
            if signature is not None:
                con.execute("DELETE FROM signatures WHERE article_id = ?", [article_id])
                con.execute("INSERT INTO signatures VALUES (?, ?::JSON::UBIGINT[])",
                            [article_id, as_list(signature)])

    def signature(self, article_id: str) -> list[int] | None:
        """The stored MinHash signature of an article, if any."""
        value = self.scalar("SELECT signature FROM signatures WHERE article_id = ?",
                            [article_id])
        return list(value) if value is not None else None

    # -- full-text search and the entity summary (kept by selon.store.upkeep) ----------

    @property
    def search_available(self) -> bool:
        """Whether ranked search can be used (tantivy is a dependency: always)."""
        return True

    @property
    def search_index_current(self) -> bool:
        """Whether the search index holds every stored article. False when there is none
        (a store written before it existed) or when a run was killed between the write of
        a batch and its indexing; :meth:`refresh_search_index` then builds it again."""
        return upkeep.search_index_current(self)

    @property
    def search_index_ready(self) -> bool:
        """Whether a search index exists (ranked search; else words are matched with ILIKE)."""
        return self.search_index.exists

    def refresh_search_index(self) -> int:
        """Rebuild the search index, the entity summary, the entity listing and the
        statements' chains from the store; return articles indexed. Writes keep them up to
        date batch by batch: this is for a store written before the index existed, or
        after a run killed between a write and its indexing.
        """
        self._writable()
        return upkeep.rebuild(self)

    @property
    def entity_summary_ready(self) -> bool:
        """Whether the entity summary is kept (every store at schema version 4 or more)."""
        return upkeep.entity_summary_ready(self)


def _payload(rows: list[dict[str, Any]]) -> str:
    """Rows as the one JSON text that :func:`columns.insert_sql` reads."""
    return json.dumps(rows, ensure_ascii=False, allow_nan=False, default=_json_default)


def _json_default(value: Any) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot store a {type(value).__name__} value")


def _chunks(items: Iterable[Analysis | WriteItem], size: int) -> Iterator[list[WriteItem]]:
    chunk: list[WriteItem] = []
    for item in items:
        chunk.append(item if isinstance(item, WriteItem) else WriteItem(item))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
