"""Export a store (or a selection of it) as JSON Lines, CSV, Parquet or FollowTheMoney.

- ``jsonl``: one ``selon/1`` record per article (the same as ``selon analyze --json``).
- ``csv``: one row per attribution, with its article's metadata and the relay chain; a
  cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) starts with ``'``.
- ``parquet``: one file per table into a folder, for DuckDB, pandas, Spark...
- ``ftm``: FollowTheMoney entities as JSON lines: an ``Article`` per article, a ``Person``
  or ``Organization`` per entity key (stable across articles), a ``Mention`` per
  (article, entity) and a ``Documentation`` linking each person/organisation to the
  articles that mention or quote it; a ``Sanction`` per watchlist flag of one of them
  (``authority`` the list, ``authorityId`` the listed entry's own id, ``program`` its
  programme, ``reason`` why selon flagged it), the person or organisation also marked
  with the ``sanction`` topic.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from selon.errors import ConfigError, StoreError
from selon.model import Analysis
from selon.output import to_json
from selon.sanitize import http_url, spreadsheet_cell
from selon.store import queries
from selon.store.db import Store, as_list
from selon.store.keys import name_key

FORMATS = ("jsonl", "csv", "parquet", "ftm")
PARQUET_TABLES = ("articles", "lines", "entities", "mentions", "attributions",
                  "attribution_via", "quantities", "times")
CSV_FIELDS = ("article_id", "published", "outlet", "title", "url", "attribution_id", "kind",
              "stance", "source", "via", "chain", "cue", "cue_lemma", "content",
              "content_start", "content_end")
FTM_SCHEMAS = {"PER": "Person", "ORG": "Organization"}
LANGUAGES = {"fr": "fra", "en": "eng"}
_BATCH = 200


@dataclass(frozen=True)
class Selection:
    """Which articles to export (all of them when every field is empty)."""

    text: str | None = None  # full-text query
    outlet: str | None = None
    since: date | str | None = None
    until: date | str | None = None
    originals_only: bool = False

    @property
    def everything(self) -> bool:
        return (self.text is None and self.outlet is None and self.since is None
                and self.until is None and not self.originals_only)


Output = str | os.PathLike[str] | TextIO


def export(store: Store, fmt: str, out: Output, query: Selection | str | None = None) -> int:
    """Write the selected articles in ``fmt`` to ``out``; return the number of records.

    ``out`` is a path, ``"-"`` for standard output, or an open text stream (for
    ``parquet``: a folder, created if needed). ``query`` is a :class:`Selection`, or a
    full-text query string, or None for the whole store.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"export format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    selection = Selection(text=query) if isinstance(query, str) else (query or Selection())
    ids = queries.article_ids(store, text=selection.text, outlet=selection.outlet,
                              since=selection.since, until=selection.until,
                              originals_only=selection.originals_only)
    if fmt == "parquet":
        if not isinstance(out, str | os.PathLike) or str(out) == "-":
            raise ConfigError("parquet export needs a folder to write into, not a stream")
        return export_parquet(store, Path(out), None if selection.everything else ids)
    with _opened(out) as stream:
        if fmt == "jsonl":
            return export_jsonl(store, ids, stream)
        if fmt == "csv":
            return export_csv(store, ids, stream)
        return export_ftm(store, ids, stream)


@contextmanager
def _opened(out: Output) -> Iterator[TextIO]:
    if not isinstance(out, str | os.PathLike):
        yield out
        return
    if str(out) == "-":
        yield sys.stdout
        return
    try:
        with open(out, "w", encoding="utf-8", newline="") as stream:
            yield stream
    except OSError as exc:
        raise StoreError(f"cannot write the export to {out}: {exc}") from exc


def analyses(store: Store, ids: Sequence[str]) -> Iterator[Analysis]:
    """The stored analyses of ``ids``, loaded a batch at a time."""
    for i in range(0, len(ids), _BATCH):
        yield from store.load_analyses(ids[i:i + _BATCH])


def export_jsonl(store: Store, ids: Sequence[str], stream: TextIO) -> int:
    """One ``selon/1`` record per line."""
    n = 0
    for analysis in analyses(store, ids):
        stream.write(json.dumps(to_json(analysis), ensure_ascii=False) + "\n")
        n += 1
    return n


def export_csv(store: Store, ids: Sequence[str], stream: TextIO) -> int:
    """One row per attribution; ``chain`` reads "source ← relay ← relay"."""
    writer = csv.DictWriter(stream, fieldnames=CSV_FIELDS)
    writer.writeheader()
    n = 0
    for i in range(0, len(ids), _BATCH * 10):
        for r in store.iter_rows(
            "SELECT a.article_id, ar.published, ar.outlet, ar.title, ar.url, a.attr_id, a.kind, "
            "a.stance, a.source_text, v.via, a.cue_text, a.cue_lemma, a.content_text, "
            "a.content_start, a.content_end "
            "FROM attributions a JOIN articles ar ON ar.id = a.article_id "
            "LEFT JOIN (SELECT article_id, attr_id, string_agg(text, ' ← ' ORDER BY position) "
            "  AS via FROM attribution_via GROUP BY article_id, attr_id) v "
            "  ON v.article_id = a.article_id AND v.attr_id = a.attr_id "
            "WHERE a.article_id IN (SELECT unnest(?::JSON::VARCHAR[])) "
            "ORDER BY ar.published NULLS LAST, a.article_id, a.position",
            [as_list(ids[i:i + _BATCH * 10])],
        ):
            chain = " ← ".join(x for x in (r["source_text"], r["via"]) if x)
            writer.writerow({key: spreadsheet_cell(value) for key, value in {
                "article_id": r["article_id"],
                "published": r["published"].isoformat() if r["published"] else "",
                "outlet": r["outlet"], "title": r["title"], "url": r["url"],
                "attribution_id": r["attr_id"], "kind": r["kind"], "stance": r["stance"],
                "source": r["source_text"], "via": r["via"], "chain": chain,
                "cue": r["cue_text"], "cue_lemma": r["cue_lemma"],
                "content": r["content_text"], "content_start": r["content_start"],
                "content_end": r["content_end"],
            }.items()})
            n += 1
    return n


def export_parquet(store: Store, folder: Path, ids: Sequence[str] | None) -> int:
    """One Parquet file per table in ``folder``; return the number of files written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the export folder {folder}: {exc}") from exc
    for table in PARQUET_TABLES:
        store.copy_to_parquet(table, folder / f"{table}.parquet", ids)
    return len(PARQUET_TABLES)


def ftm_id(*parts: str) -> str:
    """A stable FollowTheMoney entity id: the same parts always give the same id."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"selon-{digest}"


def _props(**values: Any) -> dict[str, list[str]]:
    """FtM properties: every value a list of strings, empty ones left out."""
    out: dict[str, list[str]] = {}
    for name, value in values.items():
        items = value if isinstance(value, list) else [value]
        kept = [str(v) for v in items if v not in (None, "")]
        if kept:
            out[name] = kept
    return out


def ftm_entities(analysis: Analysis, seen: set[str]) -> Iterator[dict[str, Any]]:
    """The FtM entities of one article; ``seen`` avoids repeating a Person/Organization."""
    a = analysis.article
    doc_id = ftm_id("Article", a.id)
    yield {"id": doc_id, "schema": "Article", "properties": _props(
        title=a.title, publishedAt=a.published.isoformat() if a.published else None,
        sourceUrl=http_url(a.url), publisher=a.outlet, language=LANGUAGES.get(a.lang),
        author=analysis.credit,
    )}
    roles: dict[str, set[str]] = {}
    for at in analysis.attributions:
        if at.source and at.source.entity:
            roles.setdefault(at.source.entity, set()).add("quoted")
        for v in at.via:
            if v.entity:
                roles.setdefault(v.entity, set()).add("relayed")
    documented: dict[str, set[str]] = {}
    for e in analysis.entities:
        key = name_key(e.name)
        schema = FTM_SCHEMAS.get(e.type)
        resolved = ftm_id(schema, key) if schema and key else None
        if schema and resolved and resolved not in seen:
            seen.add(resolved)
            yield {"id": resolved, "schema": schema, "properties": _props(name=e.name)}
        yield {"id": ftm_id("Mention", a.id, e.id), "schema": "Mention", "properties": _props(
            document=doc_id, name=e.name, resolved=resolved, detectedSchema=schema,
        )}
        if resolved:
            documented.setdefault(resolved, {"mentioned"}).update(roles.get(e.id, set()))
    for resolved, role in documented.items():
        yield {"id": ftm_id("Documentation", a.id, resolved), "schema": "Documentation",
               "properties": _props(document=doc_id, entity=resolved, role=sorted(role))}


def export_ftm(store: Store, ids: Sequence[str], stream: TextIO) -> int:
    """FollowTheMoney entities, one JSON object per line."""
    seen: set[str] = set()
    n = 0
    for analysis in analyses(store, ids):
        for entity in ftm_entities(analysis, seen):
            stream.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    for entity in ftm_sanctions(store, ids):
        stream.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n


def ftm_sanctions(store: Store, ids: Sequence[str]) -> Iterator[dict[str, Any]]:
    """``Sanction`` entities for the watchlist flags of the entities of these articles."""
    from selon.store.resolution import flags_for_articles

    marked: set[str] = set()
    for row in flags_for_articles(store, ids):
        schema = FTM_SCHEMAS.get(row["type"])
        if not schema:
            continue
        resolved = ftm_id(schema, row["key"])
        if resolved not in marked:
            marked.add(resolved)
            yield {"id": resolved, "schema": schema,
                   "properties": _props(topics=["sanction"])}
        yield {"id": ftm_id("Sanction", resolved, row["list"], row["entry_id"]),
               "schema": "Sanction", "properties": _props(
                   entity=resolved, authority=row["list"], authorityId=row["entry_id"],
                   program=row["programme"], namesMentioned=row["entry_name"],
                   reason=f"{row['reason']} (score {row['score']:.2f})")}
