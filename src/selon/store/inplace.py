"""A store read in place from Parquet: the tables as files that DuckDB reads where they lie,
with no load step.

A folder holds the tables in one of two layouts, told apart per table:

- ``TABLE/*.parquet``: partitions, one file per batch, as ``selon ingest --partitions DIR``
  (and ``--engine dask``) writes them into ``DIR/tables`` beside its store file;
- ``TABLE.parquet``: one file per table, as ``selon export --format parquet DIR`` writes
  them.

:data:`MARKER` (``selon-tables.json``) says which schema version the tables follow; every
read command of selon opens such a folder given as ``--db`` (read-only). The record
tables and ``articles`` become views over their partitions; the derived tables (the
entity summary and listing, canonical entities, stories, watchlists, readers'
corrections) over the snapshot of them the last run wrote, or stay empty when there is
none (the relay chains are then derived per query). The search index is the store
file's; a folder has none, and searches fall back to scanning the texts.

Writing: :func:`write_batch` adds one file per table for a batch of rows, written aside
and renamed, so that a reader sees a batch whole or not at all; at the end of a run,
:func:`write_snapshot` writes the derived tables whole (``TABLE.parquet``). Articles are only ever
added (a stored article is never written again), so the partitions never hold two
versions of one row.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from selon.errors import StoreError
from selon.store import chains, columns, schema
from selon.store.sql import literal

MARKER = "selon-tables.json"
FORMAT = "selon-tables/1"

# The tables a batch of articles writes, in the order of their files' names.
WRITTEN = ("articles", *columns.RECORD_TABLES)


def is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder of selon tables (it holds :data:`MARKER`)."""
    return (path / MARKER).is_file()


def write_marker(folder: Path) -> None:
    """Create the folder and its marker (kept if already there with the same version)."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / MARKER
    if marker.is_file() and _version(folder) == schema.SCHEMA_VERSION:
        return
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(json.dumps({"format": FORMAT, "schema_version": schema.SCHEMA_VERSION})
                   + "\n", encoding="utf-8")
    tmp.replace(marker)


def _version(folder: Path) -> int:
    try:
        meta = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"format {meta.get('format')!r}, not {FORMAT}")
        return int(meta["schema_version"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StoreError(f"{folder / MARKER} is not a readable {FORMAT} marker: {exc}") from exc


def table_files(folder: Path, table: str) -> list[str]:
    """The Parquet files of ``table`` in ``folder`` (either layout), sorted."""
    files = sorted(str(p) for p in (folder / table).glob("*.parquet"))
    single = folder / f"{table}.parquet"
    return files + ([str(single)] if single.is_file() else [])


def connect(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory database whose tables read the folder's files in place.

    Its schema is the store file's (every migration applied to empty tables), so that the
    queries of a store file run on it unchanged; each table with files becomes a view."""
    version = _version(folder)
    if version != schema.SCHEMA_VERSION:
        raise StoreError(
            f"the tables in {folder} follow schema version {version}, this selon reads "
            f"{schema.SCHEMA_VERSION}; write them again with this selon "
            "('selon export --format parquet' from the store file)")
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute(schema.CREATE_VERSION_TABLE)
        for v, statements in schema.MIGRATIONS:
            for statement in statements:
                schema.run(con, statement)
            con.execute("INSERT INTO schema_version VALUES (?, now()::TIMESTAMP)", [v])
        found = False
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE table_name <> 'schema_version'"
        ).fetchall()]
        for table in tables:
            files = table_files(folder, table)
            if not files:
                continue
            found = True
            listed = ", ".join(literal(f) for f in files)
            con.execute(f"DROP TABLE {table}")
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM "
                        f"read_parquet([{listed}], union_by_name = true)")
        if not found:
            raise StoreError(f"{folder} holds no Parquet tables yet (no articles written)")
        if not table_files(folder, chains.CHAINS):
            # A chain never changes once written: derived per query, it reads only what
            # the query asks for.
            con.execute(f"DROP TABLE {chains.CHAINS}")
            con.execute(f"CREATE VIEW {chains.CHAINS} AS {chains.FROM_STORE}")
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"cannot read the Parquet tables in {folder}: {exc}") from exc
    except BaseException:
        con.close()
        raise
    return con


def write_batch(folder: Path, tables: dict[str, list[dict[str, Any]]],
                payload: Any) -> list[Path]:
    """Add one Parquet file per table for a batch of rows (``tables``, as the store writes
    them); ``payload(rows)`` is the JSON text of a list of rows. Returns the files."""
    articles = tables.get("articles") or []
    if not articles:
        return []
    write_marker(folder)
    stem = f"part-{_next_seq(folder):06d}-{articles[0]['id'][:16]}"
    con = duckdb.connect(":memory:")
    written: list[Path] = []
    try:
        for table in WRITTEN:
            rows = tables.get(table) or []
            if not rows:
                continue
            con.execute(f"CREATE OR REPLACE TABLE {table} ("
                        + ", ".join(f'"{n}" {t}' for n, t in columns.COLUMNS[table]) + ")")
            con.execute(columns.insert_sql(table), [payload(rows), columns.row_type(table)])
            target = folder / table / f"{stem}.parquet"
            target.parent.mkdir(exist_ok=True)
            tmp = target.with_suffix(".tmp")
            con.execute(f"COPY {table} TO {literal(str(tmp))} "
                        "(FORMAT parquet, COMPRESSION zstd)")
            written.append(tmp)
        # Articles last: a reader that sees an article sees its records.
        written.sort(key=lambda p: p.parent.name == "articles")
        for i, tmp in enumerate(written):
            written[i] = tmp.with_suffix(".parquet")
            tmp.replace(written[i])
    except (duckdb.Error, OSError) as exc:
        for tmp in written:
            tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write the Parquet tables in {folder}: {exc}") from exc
    finally:
        con.close()
    return written


def derived_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The store file's tables that are not written per article (summaries, listings,
    canonical entities, stories, lists, corrections): :func:`write_snapshot` copies them."""
    kept = {*WRITTEN, chains.CHAINS, "schema_version"}
    return [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' ORDER BY table_name").fetchall() if r[0] not in kept]


def write_snapshot(con: duckdb.DuckDBPyConnection, folder: Path) -> int:
    """Write each derived table whole as ``folder/TABLE.parquet`` (aside, then renamed);
    return how many tables. They are small beside the record tables and change in place
    (a merge, a story that grows), so each run writes them again."""
    write_marker(folder)
    tables = derived_tables(con)
    try:
        for table in tables:
            target = folder / f"{table}.parquet"
            tmp = target.with_suffix(".tmp")
            con.execute(f"COPY {table} TO {literal(str(tmp))} (FORMAT parquet, "
                        "COMPRESSION zstd)")
            tmp.replace(target)
    except (duckdb.Error, OSError) as exc:
        raise StoreError(f"cannot write the derived tables in {folder}: {exc}") from exc
    return len(tables)


def rows_of_articles(table: str) -> str:
    """The SELECT of ``table``'s rows of a list of articles (a JSON list parameter), with
    the columns the writer fills: what a store file adds to a folder that lacks them."""
    names = ", ".join(f'"{name}"' for name, _ in columns.COLUMNS[table])
    key = "id" if table == "articles" else "article_id"
    return f"SELECT {names} FROM {table} WHERE {key} IN (SELECT unnest(?::JSON::VARCHAR[]))"


def stored_ids(folder: Path) -> set[str]:
    """The ids of the articles already in the folder's partitions."""
    files = table_files(folder, "articles") if is_folder(folder) else []
    if not files:
        return set()
    con = duckdb.connect(":memory:")
    try:
        listed = ", ".join(literal(f) for f in files)
        return {r[0] for r in con.execute(f"SELECT id FROM read_parquet([{listed}])").fetchall()}
    except duckdb.Error as exc:
        raise StoreError(f"cannot read the articles' ids in {folder}: {exc}") from exc
    finally:
        con.close()


def _next_seq(folder: Path) -> int:
    seqs = (_seq(p.name) for p in (folder / "articles").glob("part-*.parquet"))
    return max(seqs, default=0) + 1


def _seq(name: str) -> int:
    try:
        return int(name.split("-")[1])
    except (IndexError, ValueError):
        return 0
