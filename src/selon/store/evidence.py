"""The titles and genders read around the mentions of each canonical person, kept per
batch, so that the resolve stage need not read every mention of a canonical entity (and
the text of every article citing it) to know its titles: the most cited people of the
store are cited by more articles as it grows, and the resolve stage asks for them every
run (schema migration "scale2-canonical-evidence").

``canonical_evidence_known`` lists the canonical entities whose evidence is whole in
``canonical_evidence``: one row per title (role, country or '', phrase; gender '') or
gender (role, country and phrase ''). An entity is listed when the resolve stage made it
or read its evidence from the store's mentions; from then on every member that joins it
adds its own evidence in the same transaction. One left out of the list (an older store,
members moved by hand) is read from the mentions again when needed. Rows only: the
meaning of a title is the resolve stage's (``selon.resolve.titles``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:  # the schema imports this module, and the store the schema
    from selon.store.db import Store

EVIDENCE = "canonical_evidence"
KNOWN = "canonical_evidence_known"

CREATE = [
    f"""CREATE TABLE IF NOT EXISTS {EVIDENCE} (
        canonical_id VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        country VARCHAR NOT NULL,
        phrase VARCHAR NOT NULL,
        gender VARCHAR NOT NULL,
        PRIMARY KEY (canonical_id, role, country, phrase, gender))""",
    f"CREATE TABLE IF NOT EXISTS {KNOWN} (canonical_id VARCHAR PRIMARY KEY)",
]

Row = tuple[str, str, str, str, str]  # canonical_id, role, country, phrase, gender


def as_list(values: Iterable[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def read(store: Store, canonical_ids: Sequence[str]) -> dict[str, list[Row]]:
    """The kept evidence rows of those of these entities whose evidence is whole (an
    entity listed with no row has none)."""
    out: dict[str, list[Row]] = {}
    if not canonical_ids:
        return out
    for r in store.fetch(
            f"SELECT k.canonical_id, e.role, e.country, e.phrase, e.gender FROM {KNOWN} k "
            f"LEFT JOIN {EVIDENCE} e ON e.canonical_id = k.canonical_id "
            "WHERE k.canonical_id IN (SELECT unnest(?::JSON::VARCHAR[]))",
            [as_list(canonical_ids)]):
        rows = out.setdefault(r["canonical_id"], [])
        if r["role"] is not None:
            rows.append((r["canonical_id"], r["role"], r["country"], r["phrase"],
                         r["gender"]))
    return out


_ROWS = ("SELECT unnest(from_json(?::JSON, '[[\"VARCHAR\"]]')) AS r")


def add(con: duckdb.DuckDBPyConnection, known: Iterable[str], rows: Iterable[Row]) -> None:
    """Inside the caller's transaction: list ``known`` as whole, then keep the ``rows`` of
    the entities listed (the others' are read from the mentions when needed)."""
    known = sorted(set(known))
    if known:
        con.execute(f"INSERT INTO {KNOWN} SELECT unnest(?::JSON::VARCHAR[]) "
                    "ON CONFLICT DO NOTHING", [as_list(known)])
    rows = sorted(set(rows))
    if rows:
        con.execute(
            f"INSERT INTO {EVIDENCE} SELECT r[1], r[2], r[3], r[4], r[5] FROM ({_ROWS}) "
            f"WHERE r[1] IN (SELECT canonical_id FROM {KNOWN}) ON CONFLICT DO NOTHING",
            [json.dumps(rows, ensure_ascii=False)])


def forget(con: duckdb.DuckDBPyConnection, canonical_ids: Sequence[str] | None) -> None:
    """Inside the caller's transaction: these entities' evidence (or all) is no longer
    whole (their members changed otherwise than by joining)."""
    for table in (EVIDENCE, KNOWN):
        if canonical_ids is None:
            con.execute(f"DELETE FROM {table}")
        elif canonical_ids:
            con.execute(f"DELETE FROM {table} WHERE canonical_id IN "
                        "(SELECT unnest(?::JSON::VARCHAR[]))", [as_list(canonical_ids)])


def copy_from(con: duckdb.DuckDBPyConnection, other: str, new: str) -> None:
    """Inside the caller's transaction: this store's canonical entities gain the members of
    the attached store ``other``'s (copies of its articles, so titles read from the same
    texts): an entity of ``other`` stays whole where it is whole there and, here, whole
    or new (listed in the table ``new``); its rows are the union of both stores'."""
    con.execute(f"DELETE FROM {KNOWN} WHERE canonical_id IN (SELECT canonical_id FROM "
                f"{other}.canonical) AND canonical_id NOT IN (SELECT canonical_id FROM "
                f"{other}.{KNOWN})")
    con.execute(f"INSERT INTO {KNOWN} SELECT canonical_id FROM {other}.{KNOWN} WHERE "
                f"canonical_id IN (SELECT canonical_id FROM {new}) AND canonical_id NOT IN "
                f"(SELECT canonical_id FROM {KNOWN})")
    con.execute(f"INSERT OR IGNORE INTO {EVIDENCE} SELECT * FROM {other}.{EVIDENCE} WHERE "
                f"canonical_id IN (SELECT canonical_id FROM {KNOWN})")


def as_rows(canonical_id: str, titles: Iterable[tuple[str, str | None, str]],
            genders: Iterable[str]) -> list[Row]:
    """The rows of some evidence: titles as (role, country, phrase), genders."""
    return ([(canonical_id, role, country or "", phrase, "") for role, country, phrase in titles]
            + [(canonical_id, "", "", "", g) for g in genders])


def parts(rows: Iterable[Row]) -> tuple[list[tuple[str, str | None, str]], list[str]]:
    """The titles (role, country or None, phrase) and genders of some rows."""
    titles: list[tuple[str, str | None, str]] = []
    genders: list[str] = []
    for _, role, country, phrase, gender in rows:
        if role:
            titles.append((role, country or None, phrase))
        elif gender:
            genders.append(gender)
    return titles, genders
