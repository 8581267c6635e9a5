"""What the readers of collections share: the context of a run, building an Article
from text with the collection's metadata, and turning errors into Failures."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from io import BufferedIOBase
from pathlib import Path
from typing import Any

from selon.errors import InputError, SelonError
from selon.ingest import html as htmlpage
from selon.ingest.fetch import Fetched, decode_body, fetch
from selon.ingest.files import article_from_text
from selon.ingest.reading import open_regular
from selon.model import Article, Failure
from selon.reasons import Reason
from selon.settings import Settings

__all__ = ["Context", "Failure", "article_from_fetched", "build_article", "guard",
           "open_maybe_gzip", "reason", "with_metadata"]

# How an article's date was found when the collection gave it (JSONL field, feed entry).
PUBLISHED_FROM_METADATA = "metadata"


@dataclass(frozen=True)
class Context:
    """The settings of one run and how URLs may be fetched."""

    settings: Settings
    allow_private: bool
    respect_robots: bool
    timeout: float

    def fetch(self, url: str) -> Fetched:
        """:func:`selon.ingest.fetch.fetch` with this run's limits."""
        return fetch(url, allow_private=self.allow_private, timeout=self.timeout,
                     max_bytes=self.settings.max_bytes, respect_robots=self.respect_robots)


def guard(label: str, build: Callable[[], Article]) -> Article | Failure:
    """``build()``, or a Failure naming ``label`` when it raises a SelonError."""
    try:
        article = build()
    except SelonError as exc:
        return Failure(label, reason(exc))
    return article


def reason(exc: SelonError) -> str:
    """The message of ``exc`` without the ``source:`` prefix (the Failure names it): a
    :class:`selon.reasons.Reason` when the error has a code."""
    if isinstance(exc.message, Reason):
        return exc.message
    message = str(exc)
    return message.removeprefix(f"{exc.source}: ") if exc.source else message


def with_metadata(article: Article, ctx: Context, *, title: Any = None,
                  outlet: Any = None) -> Article:
    """``article`` with the collection's title and outlet (``--outlet`` still wins)."""
    changes: dict[str, Any] = {}
    if isinstance(title, str) and title.strip():
        changes["title"] = title.strip()
    if isinstance(outlet, str) and outlet.strip() and not ctx.settings.outlet:
        changes["outlet"] = outlet.strip()
    return replace(article, **changes) if changes else article


def build_article(text: str, ctx: Context, *, source: str, is_html: bool, url: str | None,
                  published: date | None, warnings: list[str] | None = None) -> Article:
    """article_from_text, with a date from the collection that wins over the page's own."""
    return article_from_text(text, ctx.settings, source=source, is_html=is_html, url=url,
                             published=published, warnings=warnings)


def article_from_fetched(page: Fetched, ctx: Context, *, source: str,
                         published: date | None) -> Article:
    """The article in a fetched page (HTML or plain text); InputError for other types."""
    ctype = (page.content_type or "").split(";")[0].strip().lower()
    if ctype and not (ctype.startswith("text/") or "html" in ctype or "xml" in ctype):
        raise InputError(f"the server sent {ctype}, not a web page or text; selon reads "
                         "HTML and plain text", source=source)
    text = decode_body(page.content, page.content_type, source)
    is_html = page.is_html or htmlpage.looks_like_html(text)
    return build_article(text, ctx, source=source, is_html=is_html, url=page.url,
                         published=published)


def open_maybe_gzip(path: Path) -> BufferedIOBase:
    """``path`` opened for reading bytes, gunzipped on the fly when it ends in ``.gz``.

    Only a regular file is opened (InputError otherwise): a FIFO would block forever.
    """
    f = open_regular(path)
    if path.name.lower().endswith(".gz"):
        return _Gunzip(f)
    return f


class _Gunzip(gzip.GzipFile):
    """A gzip reader over an open file, closing that file with itself."""

    def __init__(self, raw: BufferedIOBase) -> None:
        super().__init__(fileobj=raw, mode="rb")
        self._raw = raw

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._raw.close()
