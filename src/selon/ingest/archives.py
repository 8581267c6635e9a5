"""Collections in one file: JSONL (one article per line) and WARC web archives.

Both are streamed (a line or a record at a time, never the whole file) and a bad line or
record is a Failure naming it (``file:line 12``, ``file:record at offset 3456``); the rest
of the file is still read. A truncated gzip ends the file with one Failure after the lines
read so far; after a broken WARC record, reading resumes at the next record found.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from io import BufferedIOBase
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from selon.errors import SelonError
from selon.ingest.fetch import decode_body
from selon.ingest.files import article_from_path
from selon.ingest.items import (
    PUBLISHED_FROM_METADATA,
    Context,
    Failure,
    build_article,
    guard,
    open_maybe_gzip,
    reason,
    with_metadata,
)
from selon.ingest.reading import open_regular
from selon.model import Article
from selon.reasons import say

# A "text"/"html" value that is a short relative file name: read that file instead.
_FILE_REF = re.compile(r"^[\w./-]+\.(txt|html?)(\.gz)?$", re.IGNORECASE)


def iter_jsonl(path: Path, ctx: Context) -> Iterator[Article | Failure]:
    """One article per line, streamed; a bad line is a Failure and the file goes on."""
    limit = ctx.settings.max_bytes
    try:
        f = open_maybe_gzip(path)
    except OSError as exc:
        yield Failure(str(path), f"cannot read the file: {exc.strerror or exc}")
        return
    except SelonError as exc:
        yield Failure(str(path), reason(exc))
        return
    with f:
        number = 0
        while True:
            number += 1
            label = f"{path}:line {number}"
            try:
                line = f.readline(limit + 1)
                too_long = len(line) > limit and not line.endswith(b"\n")
                if too_long:
                    _skip_line(f)
            except (EOFError, OSError, zlib.error) as exc:
                yield Failure(label, f"the file is truncated or corrupt from here ({exc}); the "
                                     f"{number - 1} lines before it were read")
                return
            if not line:
                return
            if too_long:
                yield Failure(label, f"the line is longer than the {limit} byte limit; raise it "
                                     "with --max-size or SELON_MAX_BYTES")
            elif line.strip():
                yield _from_jsonl_line(line, label, path.parent, ctx)


def _skip_line(f: BufferedIOBase) -> None:
    while True:
        rest = f.readline(1 << 20)
        if not rest or rest.endswith(b"\n"):
            return


def _from_jsonl_line(line: bytes, label: str, folder: Path, ctx: Context) -> Article | Failure:
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return Failure(label, say("ingest.json_invalid", detail=str(exc)))
    if not isinstance(obj, dict):
        return Failure(label, say("ingest.json_not_object"))
    warnings: list[str] = []
    published = _iso_date(obj.get("published"))
    if obj.get("published") is not None and published is None:
        warnings.append(f"{label}: \"published\" is not a date ({obj.get('published')!r}); "
                        "ignored")
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    try:
        for key, is_html in (("text", False), ("html", True)):
            value = obj.get(key)
            if not isinstance(value, str) or not value.strip():
                continue
            ref = _file_ref(value, folder)
            if ref is None and _FILE_REF.match(value):
                return Failure(label, f"\"{key}\" names a file ({value!r}) that is not in "
                                      f"{folder} or its subfolders")
            if ref is not None:
                article = article_from_path(ref, ctx.settings)
                if published is not None and ctx.settings.published is None:
                    article = replace(article, published=published,
                                      published_from=PUBLISHED_FROM_METADATA,
                                      warnings=[w for w in article.warnings
                                                if "no publication date" not in w])
                article = replace(article, source=label, url=url or article.url,
                                  warnings=article.warnings + warnings)
            else:
                article = build_article(value, ctx, source=label, is_html=is_html, url=url,
                                 published=published, warnings=warnings)
            return with_metadata(article, ctx, title=obj.get("title"), outlet=obj.get("outlet"))
    except SelonError as exc:
        return Failure(label, reason(exc))
    return Failure(label, say("ingest.json_no_text"))


def _file_ref(value: str, folder: Path) -> Path | None:
    """The file named by a short relative path value, when it exists inside ``folder``."""
    if len(value) > 300 or not _FILE_REF.match(value) or value.startswith("/"):
        return None
    candidate = (folder / value).resolve()
    if not candidate.is_relative_to(folder.resolve()) or not candidate.is_file():
        return None
    return candidate


def _iso_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def iter_warc(path: Path, ctx: Context) -> Iterator[Article | Failure]:
    """HTML responses in a WARC; after a broken record, resume at the next record found."""
    try:
        f = open_regular(path)
    except SelonError as exc:
        yield Failure(str(path), reason(exc))
        return
    with f:
        gzipped = f.read(2) == b"\x1f\x8b"
        start: int | None = 0
        while start is not None:
            f.seek(start)
            records = ArchiveIterator(f)
            try:
                for record in records:
                    item = _from_record(record, str(path), records, ctx)
                    if item is not None:
                        yield item
                return
            except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as exc:
                where = records.offset
                yield Failure(f"{path}:record at offset {where}",
                              f"broken WARC record ({str(exc).strip()[:200]}); skipped to the "
                              "next record")
                start = _next_record_start(f, where + 1, gzipped)


def _from_record(record: Any, name: str, records: ArchiveIterator,
                 ctx: Context) -> Article | Failure | None:
    if record.format != "warc":
        # warcio reads any other text as an (old) ARC record: here it means damage.
        raise ArchiveLoadFailed("not a WARC record")
    if record.rec_type not in ("response", "resource"):
        return None
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        status, ctype = "200", record.rec_headers.get_header("Content-Type") or ""
    if not status.startswith("2") or "html" not in ctype.lower():
        return None
    limit = ctx.settings.max_bytes
    body = record.content_stream().read(limit + 1)
    label = f"{name}:record at offset {records.get_record_offset()}"
    if len(body) > limit:
        return Failure(label, f"the page is over the {limit} byte limit; raise it with "
                              "--max-size or SELON_MAX_BYTES")
    declared = record.http_headers.get_header("Content-Length") if record.http_headers else None
    encoded = record.http_headers.get_header("Content-Encoding") if record.http_headers else None
    if declared and declared.isdigit() and not encoded and len(body) < int(declared):
        return Failure(label, f"the record is truncated ({len(body)} of {declared} bytes)")
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    return guard(label, lambda: build_article(decode_body(body, ctype, label), ctx, source=label,
                                        is_html=True, url=url, published=None))


def _next_record_start(f: BufferedIOBase, offset: int, gzipped: bool) -> int | None:
    """The offset of the next thing that looks like the start of a record, if any."""
    marker = b"\x1f\x8b\x08" if gzipped else b"WARC/1."
    f.seek(offset)
    position = offset
    tail = b""
    while True:
        chunk = f.read(1 << 20)
        if not chunk:
            return None
        data = tail + chunk
        found = data.find(marker)
        if found >= 0:
            return position - len(tail) + found
        tail = data[-(len(marker) - 1):]
        position += len(chunk)
