"""The store's tables, as numbered migrations, and the columns the writer fills.

A migration is frozen once released: to change the schema, append a new one (never edit
an old one) and update ``selon.store.columns.COLUMNS`` to match the result.
``tests/test_store.py`` checks that ``COLUMNS`` agrees with the tables the migrations create.

Spans are ``start``/``end`` Python string offsets into ``articles.text`` (``end`` is a
reserved word in SQL: quote it as ``"end"``). Every record also keeps its snippet text
(``text``, ``content_text``, ...) for fast display, except lines, whose text is the
article's own ``substr(text, start + 1, "end" - start)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import duckdb

from selon.store import chains, entityrows, evidence, listing, openings

# A step of a migration: one SQL statement, or a function that runs several on the
# connection (a fill done in slices).
Step = str | Callable[[duckdb.DuckDBPyConnection], None]


def run(con: duckdb.DuckDBPyConnection, step: Step) -> None:
    """Run one step of a migration on the connection."""
    if isinstance(step, str):
        con.execute(step)
    else:
        step(con)

SCHEMA_VERSION = 12

_V1 = [
    """CREATE TABLE IF NOT EXISTS meta (
        key VARCHAR NOT NULL,
        value VARCHAR
    )""",
    """CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        url VARCHAR,
        outlet VARCHAR,
        published DATE,
        published_from VARCHAR,
        lang VARCHAR,
        title VARCHAR,
        text VARCHAR NOT NULL,
        credit VARCHAR,
        source VARCHAR,
        warnings VARCHAR[],
        duplicate_of VARCHAR,
        ingested_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE signatures (
        article_id VARCHAR NOT NULL,
        signature UBIGINT[] NOT NULL
    )""",
    """CREATE TABLE lines (
        article_id VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        kind VARCHAR NOT NULL,
        reason VARCHAR,
        agency VARCHAR
    )""",
    """CREATE TABLE entities (
        article_id VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        entity_id VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        key VARCHAR NOT NULL
    )""",
    """CREATE TABLE mentions (
        article_id VARCHAR NOT NULL,
        entity_id VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text VARCHAR NOT NULL
    )""",
    """CREATE TABLE attributions (
        article_id VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        attr_id VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        content_start INTEGER NOT NULL,
        content_end INTEGER NOT NULL,
        content_text VARCHAR NOT NULL,
        cue_start INTEGER,
        cue_end INTEGER,
        cue_text VARCHAR,
        cue_lemma VARCHAR,
        source_text VARCHAR,
        source_start INTEGER,
        source_end INTEGER,
        source_entity VARCHAR,
        source_key VARCHAR,
        stance VARCHAR NOT NULL,
        quantity_ids VARCHAR[],
        time_ids VARCHAR[]
    )""",
    """CREATE TABLE attribution_via (
        article_id VARCHAR NOT NULL,
        attr_id VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        entity VARCHAR,
        key VARCHAR NOT NULL
    )""",
    """CREATE TABLE quantities (
        article_id VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        quantity_id VARCHAR NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        value DOUBLE,
        approx BOOLEAN NOT NULL,
        lower DOUBLE,
        upper DOUBLE,
        unit VARCHAR,
        unit_start INTEGER,
        unit_end INTEGER,
        kind VARCHAR NOT NULL,
        currency VARCHAR,
        role VARCHAR,
        reason VARCHAR
    )""",
    """CREATE TABLE times (
        article_id VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        time_id VARCHAR NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        value VARCHAR,
        mod VARCHAR,
        reason VARCHAR
    )""",
    """CREATE TABLE minhash_bands (
        band INTEGER NOT NULL,
        hash UBIGINT NOT NULL,
        article_id VARCHAR NOT NULL
    )""",
]

# Stories (the reconcile stage): which story each article joined, the stories' summaries,
# the statements matched across a story's articles with their mentions, and the
# contradictions between statements. Rebuilt per story when a batch touches it.
_V2 = [
    """CREATE TABLE conflicts (
        article_id VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        a VARCHAR NOT NULL,
        b VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        why VARCHAR
    )""",
    """CREATE TABLE story_articles (
        article_id VARCHAR NOT NULL,
        story_id VARCHAR NOT NULL,
        day DATE NOT NULL,
        added_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE stories (
        story_id VARCHAR NOT NULL,
        title VARCHAR,
        first_day DATE NOT NULL,
        last_day DATE NOT NULL,
        articles INTEGER NOT NULL,
        outlets VARCHAR[],
        sources VARCHAR[],
        statements INTEGER NOT NULL,
        contradictions INTEGER NOT NULL,
        updated_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE story_statements (
        story_id VARCHAR NOT NULL,
        statement_id VARCHAR NOT NULL,
        source VARCHAR,
        source_key VARCHAR,
        kinds VARCHAR[],
        articles INTEGER NOT NULL,
        origins INTEGER NOT NULL,
        first_article VARCHAR NOT NULL,
        first_day DATE,
        relay VARCHAR
    )""",
    """CREATE TABLE statement_mentions (
        story_id VARCHAR NOT NULL,
        statement_id VARCHAR NOT NULL,
        article_id VARCHAR NOT NULL,
        attr_id VARCHAR NOT NULL,
        origin VARCHAR NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    )""",
    """CREATE TABLE story_relations (
        story_id VARCHAR NOT NULL,
        a VARCHAR NOT NULL,
        b VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        why VARCHAR
    )""",
]

# Version 3: the resolve stage. Canonical entities across the store, the article entities
# that belong to each (with the reason they joined), the merges and splits decided by
# hand (by type and name key, so they outlive re-ingests), watchlists and their flags.
_V3 = [
    """CREATE TABLE canonical (
        canonical_id VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        key VARCHAR NOT NULL,
        country VARCHAR,
        role VARCHAR,
        created_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE canonical_members (
        article_id VARCHAR NOT NULL,
        entity_id VARCHAR NOT NULL,
        canonical_id VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        key VARCHAR NOT NULL,
        score DOUBLE NOT NULL,
        reason VARCHAR NOT NULL,
        decided_by VARCHAR NOT NULL,
        resolved_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE resolve_decisions (
        decision VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        key_a VARCHAR NOT NULL,
        key_b VARCHAR NOT NULL,
        decided_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE watchlists (
        name VARCHAR NOT NULL,
        format VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        entries INTEGER NOT NULL,
        loaded_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE watchlist_entries (
        list VARCHAR NOT NULL,
        entry_id VARCHAR NOT NULL,
        schema VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        names VARCHAR[] NOT NULL,
        programme VARCHAR,
        countries VARCHAR[],
        birth_dates VARCHAR[],
        positions VARCHAR[]
    )""",
    """CREATE TABLE flags (
        canonical_id VARCHAR NOT NULL,
        list VARCHAR NOT NULL,
        entry_id VARCHAR NOT NULL,
        entry_name VARCHAR NOT NULL,
        programme VARCHAR,
        score DOUBLE NOT NULL,
        reason VARCHAR NOT NULL,
        flagged_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE screened (
        canonical_id VARCHAR NOT NULL,
        list VARCHAR NOT NULL
    )""",
]


CREATE_VERSION_TABLE = """CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL,
    applied_at TIMESTAMP NOT NULL
)"""

# The entity summary (schema version 4): entities grouped across articles by name key,
# with their most frequent spelling and type, the articles citing them and the statements
# they are the source of. ``entity_names`` counts each (key, spelling, type); both tables
# are added to by every batch written (``ENTITY_SUMMARY_ADD``), never rebuilt whole except
# on demand (``ENTITY_SUMMARY_REBUILD``). Keys only quoted (never an entity) keep a row with
# no name.
_BATCH_ENTITIES = ("(SELECT unnest(from_json($1::JSON, '[{\"key\": \"VARCHAR\", "
                   "\"name\": \"VARCHAR\", \"type\": \"VARCHAR\", "
                   "\"article_id\": \"VARCHAR\"}]')) AS r)")
_BATCH_QUOTED = "(SELECT unnest(from_json($2::JSON, '[{\"source_key\": \"VARCHAR\"}]')) AS r)"


def _names(where: str) -> str:
    """The most frequent spelling and type of each key of entity_names matching ``where``."""
    return (
        "(SELECT n.key, n.name, t.type FROM "
        "(SELECT key, first(name ORDER BY n DESC, name) AS name FROM (SELECT key, name, "
        f"  sum(articles) AS n FROM entity_names {where} GROUP BY key, name) GROUP BY key) n "
        "JOIN (SELECT key, first(type ORDER BY n DESC, type) AS type FROM (SELECT key, type, "
        f"  sum(articles) AS n FROM entity_names {where} GROUP BY key, type) GROUP BY key) t "
        "ON t.key = n.key)")


_SET_NAMES = ("UPDATE entity_summary SET name = x.name, type = x.type FROM {names} x "
              "WHERE entity_summary.key = x.key")

ENTITY_SUMMARY_ADD = [
    "INSERT INTO entity_names SELECT r.key, r.name, r.type, count(*) "
    f"FROM {_BATCH_ENTITIES} GROUP BY 1, 2, 3 ON CONFLICT (key, name, type) "
    "DO UPDATE SET articles = entity_names.articles + excluded.articles",
    "INSERT INTO entity_summary (key, cited, quoted) SELECT key, sum(c), sum(q) FROM ("
    f"  SELECT r.key AS key, count(DISTINCT r.article_id) AS c, 0 AS q FROM {_BATCH_ENTITIES}"
    "  GROUP BY 1 UNION ALL "
    f"  SELECT r.source_key, 0, count(*) FROM {_BATCH_QUOTED} GROUP BY 1) GROUP BY key "
    "ON CONFLICT (key) DO UPDATE SET cited = entity_summary.cited + excluded.cited, "
    "quoted = entity_summary.quoted + excluded.quoted",
    _SET_NAMES.format(names=_names(
        f"WHERE key IN (SELECT DISTINCT r.key FROM {_BATCH_ENTITIES})")),
]

ENTITY_SUMMARY_REBUILD = [
    "DELETE FROM entity_names",
    "INSERT INTO entity_names SELECT key, name, type, count(*) FROM entities GROUP BY 1, 2, 3",
    "DELETE FROM entity_summary",
    "INSERT INTO entity_summary (key, cited, quoted) SELECT key, sum(c), sum(q) FROM ("
    "  SELECT key, count(DISTINCT article_id) AS c, 0 AS q FROM entities GROUP BY 1 UNION ALL "
    "  SELECT source_key, 0, count(*) FROM attributions WHERE source_key IS NOT NULL "
    "  GROUP BY 1) GROUP BY key",
    _SET_NAMES.format(names=_names("")),
]

_V4 = [
    "DROP TABLE IF EXISTS entity_summary",  # the older whole-store rebuild's table
    """CREATE TABLE entity_names (
        key VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        articles BIGINT NOT NULL,
        PRIMARY KEY (key, name, type)
    )""",
    """CREATE TABLE entity_summary (
        key VARCHAR PRIMARY KEY,
        name VARCHAR,
        type VARCHAR,
        cited BIGINT NOT NULL,
        quoted BIGINT NOT NULL
    )""",
    *ENTITY_SUMMARY_REBUILD,
]

# Version 5: indexes on the article id of the record tables, so that reading one article's
# records looks its rows up instead of scanning seven tables whole (the article page). DuckDB
# uses them for ``article_id = ?`` and ``article_id IN (?, ...)``, not for subqueries.
INDEXED = ("lines", "entities", "mentions", "attributions", "attribution_via", "quantities",
           "times", "conflicts", "canonical_members")
_V5 = [
    *(f"CREATE INDEX IF NOT EXISTS {t}_article ON {t} (article_id)" for t in INDEXED),
]

# Version 6: where else an article's exact text was read (same id): a second URL of the
# same page, the same file in two folders. The first stays in ``articles.url``/``source``.
_V6 = [
    """CREATE TABLE IF NOT EXISTS article_addresses (
        article_id VARCHAR NOT NULL,
        url VARCHAR,
        source VARCHAR,
        seen_at TIMESTAMP NOT NULL
    )""",
]

# Version 7: how each statement's source was found and the confidence that follows
# (selon.analyse.attributions.trust; NULL for rows written before), and the readers'
# corrections, kept apart from the analysis: keyed by the article's content hash (its id)
# and the character span of the record, never by row, so that they survive re-ingests and
# re-analysis (selon.store.corrections).
_V7 = [
    "ALTER TABLE attributions ADD COLUMN source_how VARCHAR",
    "ALTER TABLE attributions ADD COLUMN confidence DOUBLE",
    "CREATE SEQUENCE IF NOT EXISTS correction_ids START 1",
    """CREATE TABLE IF NOT EXISTS corrections (
        id BIGINT PRIMARY KEY DEFAULT nextval('correction_ids'),
        article_id VARCHAR NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        action VARCHAR NOT NULL,
        after VARCHAR NOT NULL,
        before VARCHAR,
        note VARCHAR,
        author VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS corrections_article ON corrections (article_id)",
]

# Version 8: summaries kept per batch, filled here for existing stores: the entity listing
# (``selon.store.listing``: one row per canonical entity or name key with its counts and
# spellings, and the name keys of each for the name search) and the statements' chains
# from source through relays to outlet (``selon.store.chains``, the sources graph).
_V8 = [*listing.CREATE, *listing.V8_FILL, *chains.CREATE, *chains.FILL]

# Version 9, "scale-listing-counts" (renumber at merge if another migration takes 9): the
# counts the entity listing is made of (``selon.store.listing``), so that a write adds its
# exact difference instead of aggregating its groups' rows again (which grew with the
# store: a batch touches the most cited groups); ``entity_listing_keys`` gains its count.
_V9_SCALE_LISTING_COUNTS = listing.MIGRATE

# Version 10, "scale2-canonical-evidence" (renumber at merge if another migration takes
# 10): the titles and genders of canonical people, kept per batch
# (``selon.store.evidence``); empty at first, each entity's filled when first read.
_V10_SCALE2_CANONICAL_EVIDENCE = evidence.CREATE

# Version 12, "serve-entity-rows": the
# rows of the entity pages, kept per batch (``selon.store.entityrows``): per entity, the
# articles naming it and the statements it made or is named in, filled from the store;
# and the opening of each article (``selon.store.openings``), which every list shows.
_V12_SERVE_ENTITY_ROWS: list[Step] = [*entityrows.CREATE, entityrows.refresh,
                                      *openings.CREATE, *openings.FILL]

# Version 11, "i18n-reason-codes": the
# machine form (``selon.reasons``: a code and its values, JSON) of the texts for people
# kept beside their English: why two statements contradict, why an entity joined its
# canonical entity, why a watchlist entry was flagged. NULL for rows written before (their
# English is shown as it is).
_V11_I18N_REASON_CODES = [
    "ALTER TABLE conflicts ADD COLUMN IF NOT EXISTS why_code VARCHAR",
    "ALTER TABLE story_relations ADD COLUMN IF NOT EXISTS why_code VARCHAR",
    "ALTER TABLE canonical_members ADD COLUMN IF NOT EXISTS reason_code VARCHAR",
    "ALTER TABLE flags ADD COLUMN IF NOT EXISTS reason_code VARCHAR",
]

# (version, statements): applied in order, each in its own transaction together with
# the row it adds to schema_version.
MIGRATIONS: list[tuple[int, Sequence[Step]]] = [
    (1, _V1), (2, _V2), (3, _V3), (4, _V4), (5, _V5), (6, _V6), (7, _V7), (8, _V8),
    (9, _V9_SCALE_LISTING_COUNTS), (10, _V10_SCALE2_CANONICAL_EVIDENCE),
    (11, _V11_I18N_REASON_CODES), (12, _V12_SERVE_ENTITY_ROWS)]
