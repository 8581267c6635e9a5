"""How many inputs an ingest will meet, when that is known beforehand (for a progress bar).

A text or HTML file is one input, a JSONL file one per non-blank line, a folder the sum
of its files. URLs, feeds and WARC archives cannot be counted without fetching or reading
them through: with any of them the total is unknown (None).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

from selon.errors import SelonError
from selon.ingest.feeds import sniff_feed
from selon.ingest.items import Failure, open_maybe_gzip
from selon.ingest.sources import _URL, FEED_SUFFIXES, JSONL_SUFFIXES, WARC_SUFFIXES, _walk

CHUNK = 1 << 20


def count_inputs(args: Sequence[str]) -> int | None:
    """The number of articles (and failures) ``iter_inputs(args)`` will yield, or None."""
    total = 0
    for arg in args:
        if _URL.match(arg):
            return None
        path = Path(arg)
        items: list[Path | Failure] = _walk(path) if path.is_dir() else [path]
        for item in items:
            n = 1 if isinstance(item, Failure) else count_file(item)
            if n is None:
                return None
            total += n
    return total


def count_file(path: Path) -> int | None:
    """Inputs in one file: 1, the non-blank lines of a JSONL file, None for an archive or
    a feed (or a file that cannot be read to count: it will be one failure)."""
    name = path.name.lower()
    if not path.is_file():
        return 1
    if name.endswith(WARC_SUFFIXES) or name.endswith(FEED_SUFFIXES):
        return None
    if name.endswith(JSONL_SUFFIXES):
        return _lines(path)
    try:
        return None if sniff_feed(path) else 1
    except (OSError, SelonError):
        return 1


def _lines(path: Path) -> int:
    """Non-blank lines (the reader skips blank ones too), read a chunk at a time so that
    one huge line never sits in memory; 1 if the file cannot be read (one failure)."""
    n = 0
    try:
        with open_maybe_gzip(path) as f:
            open_line = False  # the line still open has something in it
            while chunk := f.read(CHUNK):
                parts = chunk.split(b"\n")
                for part in parts[:-1]:
                    n += open_line or bool(part.strip())
                    open_line = False
                open_line = open_line or bool(parts[-1].strip())
            n += open_line
    except (OSError, EOFError, zlib.error, SelonError):
        return max(n, 1)
    return n
