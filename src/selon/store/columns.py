"""The columns the store's writer fills, per table, and the SQL that inserts a batch of
rows given as one JSON text. They describe the tables as ``selon.store.schema``'s
migrations leave them (``tests/test_store.py`` checks that the two agree)."""

from __future__ import annotations

import json

# Per-article record tables: every row carries article_id; deleting or checking an
# article touches exactly these.
RECORD_TABLES = (
    "lines", "entities", "mentions", "attributions", "attribution_via", "quantities", "times",
    "signatures", "minhash_bands", "conflicts",
)

# The columns the writer fills, in order, with their DuckDB types (the current schema).
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("id", "VARCHAR"), ("url", "VARCHAR"), ("outlet", "VARCHAR"), ("published", "DATE"),
        ("published_from", "VARCHAR"), ("lang", "VARCHAR"), ("title", "VARCHAR"),
        ("text", "VARCHAR"), ("credit", "VARCHAR"), ("source", "VARCHAR"),
        ("warnings", "VARCHAR[]"), ("duplicate_of", "VARCHAR"), ("ingested_at", "TIMESTAMP"),
    ],
    "signatures": [("article_id", "VARCHAR"), ("signature", "UBIGINT[]")],
    "lines": [
        ("article_id", "VARCHAR"), ("position", "INTEGER"), ("start", "INTEGER"),
        ("end", "INTEGER"), ("kind", "VARCHAR"), ("reason", "VARCHAR"), ("agency", "VARCHAR"),
    ],
    "entities": [
        ("article_id", "VARCHAR"), ("position", "INTEGER"), ("entity_id", "VARCHAR"),
        ("name", "VARCHAR"), ("type", "VARCHAR"), ("key", "VARCHAR"),
    ],
    "mentions": [
        ("article_id", "VARCHAR"), ("entity_id", "VARCHAR"), ("position", "INTEGER"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("text", "VARCHAR"),
    ],
    "attributions": [
        ("article_id", "VARCHAR"), ("position", "INTEGER"), ("attr_id", "VARCHAR"),
        ("kind", "VARCHAR"), ("content_start", "INTEGER"), ("content_end", "INTEGER"),
        ("content_text", "VARCHAR"), ("cue_start", "INTEGER"), ("cue_end", "INTEGER"),
        ("cue_text", "VARCHAR"), ("cue_lemma", "VARCHAR"), ("source_text", "VARCHAR"),
        ("source_start", "INTEGER"), ("source_end", "INTEGER"), ("source_entity", "VARCHAR"),
        ("source_key", "VARCHAR"), ("stance", "VARCHAR"), ("quantity_ids", "VARCHAR[]"),
        ("time_ids", "VARCHAR[]"), ("source_how", "VARCHAR"), ("confidence", "DOUBLE"),
    ],
    "attribution_via": [
        ("article_id", "VARCHAR"), ("attr_id", "VARCHAR"), ("position", "INTEGER"),
        ("text", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("entity", "VARCHAR"),
        ("key", "VARCHAR"),
    ],
    "quantities": [
        ("article_id", "VARCHAR"), ("position", "INTEGER"), ("quantity_id", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("text", "VARCHAR"), ("value", "DOUBLE"),
        ("approx", "BOOLEAN"), ("lower", "DOUBLE"), ("upper", "DOUBLE"), ("unit", "VARCHAR"),
        ("unit_start", "INTEGER"), ("unit_end", "INTEGER"), ("kind", "VARCHAR"),
        ("currency", "VARCHAR"), ("role", "VARCHAR"), ("reason", "VARCHAR"),
    ],
    "times": [
        ("article_id", "VARCHAR"), ("position", "INTEGER"), ("time_id", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("text", "VARCHAR"), ("type", "VARCHAR"),
        ("value", "VARCHAR"), ("mod", "VARCHAR"), ("reason", "VARCHAR"),
    ],
    "minhash_bands": [("band", "INTEGER"), ("hash", "UBIGINT"), ("article_id", "VARCHAR")],
    "conflicts": [
        ("article_id", "VARCHAR"), ("position", "INTEGER"), ("a", "VARCHAR"), ("b", "VARCHAR"),
        ("type", "VARCHAR"), ("why", "VARCHAR"), ("why_code", "VARCHAR"),
    ],
    "story_articles": [
        ("article_id", "VARCHAR"), ("story_id", "VARCHAR"), ("day", "DATE"),
        ("added_at", "TIMESTAMP"),
    ],
    "stories": [
        ("story_id", "VARCHAR"), ("title", "VARCHAR"), ("first_day", "DATE"),
        ("last_day", "DATE"), ("articles", "INTEGER"), ("outlets", "VARCHAR[]"),
        ("sources", "VARCHAR[]"), ("statements", "INTEGER"), ("contradictions", "INTEGER"),
        ("updated_at", "TIMESTAMP"),
    ],
    "story_statements": [
        ("story_id", "VARCHAR"), ("statement_id", "VARCHAR"), ("source", "VARCHAR"),
        ("source_key", "VARCHAR"), ("kinds", "VARCHAR[]"), ("articles", "INTEGER"),
        ("origins", "INTEGER"), ("first_article", "VARCHAR"), ("first_day", "DATE"),
        ("relay", "VARCHAR"),
    ],
    "statement_mentions": [
        ("story_id", "VARCHAR"), ("statement_id", "VARCHAR"), ("article_id", "VARCHAR"),
        ("attr_id", "VARCHAR"), ("origin", "VARCHAR"), ("start", "INTEGER"),
        ("end", "INTEGER"),
    ],
    "story_relations": [
        ("story_id", "VARCHAR"), ("a", "VARCHAR"), ("b", "VARCHAR"), ("type", "VARCHAR"),
        ("why", "VARCHAR"), ("why_code", "VARCHAR"),
    ],
    "canonical": [
        ("canonical_id", "VARCHAR"), ("type", "VARCHAR"), ("name", "VARCHAR"),
        ("key", "VARCHAR"), ("country", "VARCHAR"), ("role", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
    ],
    "canonical_members": [
        ("article_id", "VARCHAR"), ("entity_id", "VARCHAR"), ("canonical_id", "VARCHAR"),
        ("name", "VARCHAR"), ("key", "VARCHAR"), ("score", "DOUBLE"), ("reason", "VARCHAR"),
        ("decided_by", "VARCHAR"), ("resolved_at", "TIMESTAMP"), ("reason_code", "VARCHAR"),
    ],
    "resolve_decisions": [
        ("decision", "VARCHAR"), ("type", "VARCHAR"), ("key_a", "VARCHAR"),
        ("key_b", "VARCHAR"), ("decided_at", "TIMESTAMP"),
    ],
    "watchlists": [
        ("name", "VARCHAR"), ("format", "VARCHAR"), ("source", "VARCHAR"),
        ("entries", "INTEGER"), ("loaded_at", "TIMESTAMP"),
    ],
    "watchlist_entries": [
        ("list", "VARCHAR"), ("entry_id", "VARCHAR"), ("schema", "VARCHAR"),
        ("name", "VARCHAR"), ("names", "VARCHAR[]"), ("programme", "VARCHAR"),
        ("countries", "VARCHAR[]"), ("birth_dates", "VARCHAR[]"), ("positions", "VARCHAR[]"),
    ],
    "flags": [
        ("canonical_id", "VARCHAR"), ("list", "VARCHAR"), ("entry_id", "VARCHAR"),
        ("entry_name", "VARCHAR"), ("programme", "VARCHAR"), ("score", "DOUBLE"),
        ("reason", "VARCHAR"), ("flagged_at", "TIMESTAMP"), ("reason_code", "VARCHAR"),
    ],
    "screened": [("canonical_id", "VARCHAR"), ("list", "VARCHAR")],
}

# The tables of the reconcile stage, keyed by story (not written with the articles).
STORY_TABLES = ("story_articles", "stories", "story_statements", "statement_mentions",
                "story_relations")


def row_type(table: str) -> str:
    """The ``from_json`` structure of a list of rows of ``table`` (a JSON text)."""
    return json.dumps([{name: kind for name, kind in COLUMNS[table]}])


def insert_sql(table: str, into: str | None = None) -> str:
    """One INSERT that adds many rows, passed as one JSON array parameter (``?``) with
    its structure (``?``, see :func:`row_type`), into ``table`` (or ``into``, a table
    of the same columns).

    Binding one text parameter and parsing it inside DuckDB is about a hundred times
    faster than binding a Python value per cell (executemany or list parameters).
    """
    names = [name for name, _ in COLUMNS[table]]
    cols = ", ".join(f'"{name}"' for name in names)
    values = ", ".join(f'r."{name}"' for name in names)
    return (f"INSERT INTO {into or table} ({cols}) SELECT {values} "
            "FROM (SELECT unnest(from_json(?::JSON, ?)) AS r)")
