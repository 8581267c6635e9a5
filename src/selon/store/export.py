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
  with the ``sanction`` topic; an ``Event`` per statement (what was said, the source and
  relays as written and as entities, the article as proof; see :func:`ftm_statements`).

Every format but Parquet (the tables as they are) carries the readers' corrections
(``selon.store.corrections``): corrected sources and spans, added statements, and no
statement a reader said is none; the CSV says which rows were corrected and by whom.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from selon.errors import ConfigError, StoreError
from selon.model import Analysis
from selon.output import to_json
from selon.sanitize import http_url, spreadsheet_cell
from selon.store import corrections, inplace, queries
from selon.store.db import Store, as_list
from selon.store.keys import name_key

FORMATS = ("jsonl", "csv", "parquet", "ftm")
PARQUET_TABLES = ("articles", "lines", "entities", "mentions", "attributions",
                  "attribution_via", "quantities", "times")
CSV_FIELDS = ("article_id", "published", "outlet", "title", "url", "attribution_id", "kind",
              "stance", "source", "via", "chain", "cue", "cue_lemma", "content",
              "content_start", "content_end", "how", "confidence", "corrected", "corrected_by",
              "original_source")
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


@dataclass
class Report:
    """What an export wrote: ``records`` (articles for jsonl, statements for csv, tables
    for parquet, entities for ftm) and, per kind, how many (rows per table for parquet,
    entities per schema for ftm)."""

    fmt: str
    articles: int
    records: int
    by_kind: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        """One line for a person: "50 statements from 5 articles as csv"."""
        arts = f"{self.articles} article{'s' if self.articles != 1 else ''}"
        kinds = ", ".join(f"{k} {n}" for k, n in self.by_kind.items())
        if self.fmt == "jsonl":
            return f"{arts} as selon/1 JSON Lines"
        if self.fmt == "csv":
            return f"{self.records} statement{'s' if self.records != 1 else ''} " \
                   f"from {arts} as CSV"
        if self.fmt == "parquet":
            return f"{self.records} Parquet tables ({kinds}) of {arts}"
        return f"{self.records} FollowTheMoney entities ({kinds}) from {arts}"


def export(store: Store, fmt: str, out: Output, query: Selection | str | None = None) -> int:
    """Write the selected articles in ``fmt`` to ``out``; return the number of records
    (see :class:`Report`)."""
    return export_report(store, fmt, out, query).records


def export_report(store: Store, fmt: str, out: Output,
                  query: Selection | str | None = None) -> Report:
    """Write the selected articles in ``fmt`` to ``out``; say what was written.

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
    report = Report(fmt, len(ids), 0)
    if fmt == "parquet":
        if not isinstance(out, str | os.PathLike) or str(out) == "-":
            raise ConfigError("parquet export needs a folder to write into, not a stream")
        rows = export_parquet(store, Path(out), None if selection.everything else ids)
        report.records = len(rows)
        report.by_kind = {table: n for table, n in rows.items()}
        return report
    with _opened(out) as stream:
        if fmt == "jsonl":
            report.records = export_jsonl(store, ids, stream)
        elif fmt == "csv":
            report.records = export_csv(store, ids, stream)
        else:
            kinds = export_ftm(store, ids, stream)
            report.records = sum(kinds.values())
            report.by_kind = dict(kinds.most_common())
    return report


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
    for i in range(0, len(ids), _BATCH):  # with the readers' corrections applied
        yield from corrections.apply_stored(store, store.load_analyses(ids[i:i + _BATCH]))


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
        batch = list(store.iter_rows(
            "SELECT a.article_id, ar.published, ar.outlet, ar.title, ar.url, a.attr_id, a.kind, "
            "a.stance, a.source_text, v.via, a.cue_text, a.cue_lemma, a.content_text, "
            "a.content_start, a.content_end, a.source_how, a.confidence "
            "FROM attributions a JOIN articles ar ON ar.id = a.article_id "
            "LEFT JOIN (SELECT article_id, attr_id, string_agg(text, ' ← ' ORDER BY position) "
            "  AS via FROM attribution_via GROUP BY article_id, attr_id) v "
            "  ON v.article_id = a.article_id AND v.attr_id = a.attr_id "
            "WHERE a.article_id IN (SELECT unnest(?::JSON::VARCHAR[])) "
            "ORDER BY ar.published NULLS LAST, a.article_id, a.position",
            [as_list(ids[i:i + _BATCH * 10])],
        ))
        for r in corrections.csv_rows(store, batch):
            chain = " ← ".join(x for x in (r["source_text"], r["via"]) if x)
            writer.writerow({key: spreadsheet_cell(value) for key, value in {
                "article_id": r["article_id"],
                "published": r["published"].isoformat() if r["published"] else "",
                "outlet": r["outlet"], "title": r["title"], "url": r["url"],
                "attribution_id": r["attr_id"], "kind": r["kind"], "stance": r["stance"],
                "source": r["source_text"], "via": r["via"], "chain": chain,
                "cue": r["cue_text"], "cue_lemma": r["cue_lemma"],
                "content": r["content_text"], "content_start": r["content_start"],
                "content_end": r["content_end"], "how": r["source_how"],
                "confidence": r["confidence"], "corrected": r.get("corrected"),
                "corrected_by": r.get("corrected_by"), "original_source": r.get("original_source"),
            }.items()})
            n += 1
    return n


def export_parquet(store: Store, folder: Path, ids: Sequence[str] | None) -> dict[str, int]:
    """One Parquet file per table in ``folder``; return the rows written per table."""
    try:
        inplace.write_marker(folder)  # the folder can then be read in place (--db DIR)
    except OSError as exc:
        raise StoreError(f"cannot create the export folder {folder}: {exc}") from exc
    return {table: store.copy_to_parquet(table, folder / f"{table}.parquet", ids)
            for table in PARQUET_TABLES}


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
    resolved_of: dict[str, str] = {}
    for e in analysis.entities:
        key = name_key(e.name)
        schema = FTM_SCHEMAS.get(e.type)
        resolved = ftm_id(schema, key) if schema and key else None
        if resolved:
            resolved_of[e.id] = resolved
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
    yield from ftm_statements(analysis, doc_id, resolved_of)


def ftm_statements(analysis: Analysis, doc_id: str,
                   resolved_of: dict[str, str]) -> Iterator[dict[str, Any]]:
    """One ``Event`` per statement: ``description`` what was said, ``summary`` the chain
    "source ← relay", ``namesMentioned`` the source and relays as written, ``involved``
    those of them that are a Person or Organization, ``proof`` the article, ``date`` its
    publication date, ``recordId`` "article id:attribution id", ``keywords`` kind, stance,
    how the source was found and whether a reader corrected the statement (the values are
    the corrected ones)."""
    a = analysis.article
    for at in analysis.attributions:
        parties = ([at.source] if at.source else []) + list(at.via)
        names = [p.text for p in parties]
        chain = " ← ".join([at.source.text if at.source else "?"] + [v.text for v in at.via])
        cue = a.text[at.cue[0]:at.cue[1]] if at.cue else None
        involved = [resolved_of[p.entity] for p in parties
                    if p.entity and p.entity in resolved_of]
        yield {"id": ftm_id("Statement", a.id, at.id), "schema": "Event", "properties": _props(
            name=f"{chain}: {cue}" if cue else chain,
            description=a.text[at.content[0]:at.content[1]], summary=chain,
            namesMentioned=names, involved=list(dict.fromkeys(involved)), proof=doc_id,
            date=a.published.isoformat() if a.published else None,
            sourceUrl=http_url(a.url), publisher=a.outlet, recordId=f"{a.id}:{at.id}",
            keywords=[at.kind, at.stance] + ([f"source found: {at.how}"] if at.how else [])
            + (["corrected by a reader"] if at.correction else []),
        )}


def export_ftm(store: Store, ids: Sequence[str], stream: TextIO) -> Counter[str]:
    """FollowTheMoney entities, one JSON object per line; return how many per schema."""
    seen: set[str] = set()
    n: Counter[str] = Counter()
    for analysis in analyses(store, ids):
        for entity in ftm_entities(analysis, seen):
            stream.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
            n[entity["schema"]] += 1
    for entity in ftm_sanctions(store, ids):
        stream.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
        n[entity["schema"]] += 1
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
