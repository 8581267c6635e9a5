"""RSS and Atom feeds (feedparser, on bytes: it never fetches anything itself).

Each entry becomes an article from its own content when that is long enough
(> :data:`MIN_FEED_WORDS` words), else from its link, fetched safely. The entry's date and
title win over the page's; the feed's title is the outlet unless ``--outlet`` is given.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import feedparser
from lxml import etree
from lxml import html as lxml_html

from selon.errors import SelonError
from selon.ingest.items import (
    Context,
    Failure,
    article_from_fetched,
    build_article,
    open_maybe_gzip,
    reason,
    with_metadata,
)
from selon.model import Article
from selon.reasons import say

# A feed entry whose own content is longer than this is the article; else its link is read.
MIN_FEED_WORDS = 80
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)[\s>/]")


def is_feed(data: bytes, content_type: str | None = None) -> bool:
    """Whether a body is an RSS/Atom feed, by its Content-Type or its first element."""
    ctype = (content_type or "").lower()
    if "rss" in ctype or "atom" in ctype:
        return True
    head = data[:4096].lower()
    m = _FEED_ROOT.search(head)
    return m is not None and b"<html" not in head[: m.start()]


def sniff_feed(path: Path) -> bool:
    """Whether the start of ``path`` looks like an RSS, RDF or Atom document."""
    try:
        with open_maybe_gzip(path) as f:
            head = f.read(4096)
    except (OSError, EOFError, zlib.error, SelonError):
        return False
    return is_feed(head)


def iter_feed(data: bytes, name: str, ctx: Context,
              base: str | None = None) -> Iterator[Article | Failure]:
    """Each entry of an RSS/Atom feed: its own content when long enough, else its link."""
    headers = {"content-location": base} if base else {}
    # Given bytes, feedparser parses them and fetches nothing itself.
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception") or "no <rss>, <feed> or <rdf:RDF> element"
        yield Failure(name, say("ingest.not_feed", why=str(why)))
        return
    outlet = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries, 1):
        link = entry.get("link") or None
        label = f"{name}:entry {i}"
        yield _from_entry(entry, label, link, outlet, ctx)


def _from_entry(entry: Any, label: str, link: str | None, outlet: Any,
                ctx: Context) -> Article | Failure:
    published = _entry_date(entry)
    title = entry.get("title")
    body = _entry_html(entry)
    reasons: list[str] = []
    if body and _word_count(body) > MIN_FEED_WORDS:
        page = f"<html><head><title>{_escape(title)}</title></head><body><article>{body}" \
               "</article></body></html>"
        try:
            article = build_article(page, ctx, source=label, is_html=True, url=link,
                             published=published)
            return with_metadata(article, ctx, title=title, outlet=outlet)
        except SelonError as exc:
            reasons.append(f"its own content: {reason(exc)}")
    if not link:
        reasons.append("its text is too short to be the article and it has no link")
        return Failure(label, "; ".join(reasons))
    try:
        fetched = ctx.fetch(link)
        article = article_from_fetched(fetched, ctx, source=link, published=published)
    except SelonError as exc:
        return Failure(f"{label} ({link})", "; ".join([*reasons, reason(exc)]))
    return with_metadata(article, ctx, title=title, outlet=outlet)


def _entry_html(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = content.get("value") if hasattr(content, "get") else None
        if isinstance(value, str) and value.strip():
            return value
    summary = entry.get("summary")
    return summary if isinstance(summary, str) else ""


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except (AttributeError, ValueError):
                continue
    return None


def _word_count(fragment: str) -> int:
    try:
        text = lxml_html.fragment_fromstring(fragment, create_parent="div").text_content()
    except (etree.ParserError, ValueError):
        return 0
    return len(text.split())


def _escape(value: Any) -> str:
    text = value if isinstance(value, str) else ""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
