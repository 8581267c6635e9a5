"""Command-line arguments become a stream of Articles (and Failures, which do not stop it).

An argument is a URL (http/https: fetched safely, a page or a feed), a folder (read
recursively in sorted order, files with a known suffix only), or a file:

* ``.txt``, ``.html``, ``.htm`` (optionally ``.gz``): one article;
* ``.jsonl``, ``.ndjson`` (optionally ``.gz``): one article per line, a JSON object with
  ``text`` or ``html`` and optional ``url``, ``published``, ``title``, ``outlet`` (``id`` is
  ignored: an article's id is its content hash). ``text``/``html`` may also name a file next
  to the JSONL file (``"text": "text/8.txt"``), so a manifest of files works too. The file
  is streamed line by line;
* ``.warc``, ``.warc.gz``: every HTML ``response`` (or ``resource``) record with a 2xx status;
* ``.rss``, ``.atom``, ``.xml``, or any file whose content looks like a feed: RSS/Atom.

Nothing here stops the batch: every input that cannot be read becomes a :class:`Failure`
naming it precisely (``file:line 12``, ``file:record at offset 3456``, ``feed:entry 3``).
A publication date given by the collection (JSONL ``published``, a feed entry's date)
wins over the page's own metadata; ``settings.published`` wins over everything.

The readers themselves live in :mod:`selon.ingest.archives` (JSONL, WARC),
:mod:`selon.ingest.feeds` (RSS/Atom) and :mod:`selon.ingest.fetch` (URLs).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from selon.errors import InputError
from selon.ingest.archives import iter_jsonl, iter_warc
from selon.ingest.feeds import is_feed, iter_feed, sniff_feed
from selon.ingest.files import HTML_SUFFIXES, article_from_path
from selon.ingest.items import Context, Failure, article_from_fetched, guard, reason
from selon.ingest.reading import not_regular, read_bytes
from selon.model import Article
from selon.reasons import say
from selon.settings import Settings

__all__ = ["KNOWN_SUFFIXES", "Failure", "iter_inputs"]

TEXT_SUFFIXES = (".txt", ".txt.gz", *HTML_SUFFIXES)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rss.gz", ".atom.gz", ".xml.gz")
KNOWN_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES + FEED_SUFFIXES

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def iter_inputs(
    args: Sequence[str],
    settings: Settings,
    *,
    allow_private: bool = False,
    respect_robots: bool = True,
    timeout: float = 15.0,
    notes: list[str] | None = None,
) -> Iterator[Article | Failure]:
    """Every article in ``args``, in order, lazily; what cannot be read becomes a Failure.

    ``notes``, when given, receives a sentence for each folder that holds no file selon
    reads (nothing failed, but nothing was found either)."""
    ctx = Context(settings, allow_private, respect_robots, timeout)
    for arg in args:
        if _URL.match(arg):
            yield from _from_url(arg, ctx)
            continue
        path = Path(arg)
        if path.is_dir():
            found = _walk(path)
            if not found and notes is not None:
                notes.append(empty_folder_note(path))
            for file in found:
                if isinstance(file, Failure):
                    yield file
                else:
                    yield from _from_file(file, ctx)
        elif path.exists():
            yield from _from_file(path, ctx)
        else:
            yield Failure(arg, say("ingest.no_such_input"))


def empty_folder_note(folder: Path) -> str:
    """Why a folder gave nothing: it is empty, or which kinds of file it holds instead."""
    kinds: Counter[str] = Counter()
    for _root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        kinds.update("".join(Path(f).suffixes[-2:]).lower() or "(no suffix)"
                     for f in files if not f.startswith("."))
    held = ", ".join(f"{n} {k}" for k, n in kinds.most_common(5))
    return (f"{folder}: no file selon reads in this folder"
            + (f" (it holds {held})" if held else " (it is empty)")
            + "; selon reads " + " ".join(KNOWN_SUFFIXES))


def _walk(folder: Path) -> list[Path | Failure]:
    """Files under ``folder`` with a known suffix, sorted; hidden entries skipped.

    A subfolder that cannot be listed becomes a Failure in its place, not a silent gap.
    """
    found: list[tuple[str, Path | Failure]] = []

    def unreadable(exc: OSError) -> None:
        where = str(exc.filename or folder)
        found.append((where, Failure(where, "cannot read this folder "
                                     f"({exc.strerror or exc}); its files were skipped")))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend((str(Path(root, f)), Path(root, f)) for f in files
                     if not f.startswith(".") and f.lower().endswith(KNOWN_SUFFIXES))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _from_file(path: Path, ctx: Context) -> Iterator[Article | Failure]:
    why = not_regular(path)
    if why is not None:  # a FIFO, device or socket: opening it could block forever
        yield Failure(str(path), why)
        return
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        yield from iter_jsonl(path, ctx)
    elif name.endswith(WARC_SUFFIXES):
        yield from iter_warc(path, ctx)
    elif name.endswith(FEED_SUFFIXES) or sniff_feed(path):
        try:
            data = read_bytes(path, ctx.settings.max_bytes)
        except InputError as exc:
            yield Failure(str(path), reason(exc))
            return
        yield from iter_feed(data, str(path), ctx)
    else:
        yield guard(str(path), lambda: article_from_path(path, ctx.settings))


def _from_url(url: str, ctx: Context) -> Iterator[Article | Failure]:
    try:
        page = ctx.fetch(url)
    except InputError as exc:
        yield Failure(url, reason(exc))
        return
    if is_feed(page.content, page.content_type):
        yield from iter_feed(page.content, url, ctx, base=page.url)
        return
    yield guard(url, lambda: article_from_fetched(page, ctx, source=url, published=None))
