"""Files (.txt, .html, .htm, .html.gz, .txt.gz) become Articles."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from selon.errors import InputError
from selon.ingest import html as htmlpage
from selon.ingest.byline import outlet_in_byline, published_in_byline
from selon.ingest.language import identify
from selon.ingest.reading import read_text
from selon.lang import SUPPORTED
from selon.model import Article
from selon.reasons import say
from selon.settings import Settings

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")


def content_id(text: str) -> str:
    """The article id: a hash of its text, so the same text always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def article_from_path(path: Path, settings: Settings) -> Article:
    """Read one file as an Article, or raise InputError naming it."""
    text, warning = read_text(path, settings.max_bytes)
    is_html = path.name.lower().endswith(HTML_SUFFIXES) or htmlpage.looks_like_html(text)
    return article_from_text(text, settings, source=str(path), is_html=is_html,
                             warnings=[warning] if warning else [])


def article_from_text(
    text: str,
    settings: Settings,
    *,
    source: str = "<text>",
    is_html: bool = False,
    url: str | None = None,
    published: date | None = None,
    warnings: list[str] | None = None,
) -> Article:
    """Build an Article from decoded text or HTML, applying the settings' overrides.

    ``published`` comes from the collection the text was found in (a JSONL line, a feed
    entry): it wins over the page's own metadata, not over the settings.
    """
    warnings = list(warnings or [])
    title = outlet = None
    published_from = "metadata" if published else "unknown"
    if is_html:
        page = htmlpage.extract(text, source)
        text, outlet, url = page.text, page.outlet, url or page.url
        title = page.title
        if published is None and page.published:
            published, published_from = page.published, "html"
    if not text.strip():
        raise InputError(say("ingest.no_text"), source=source)
    lang = _language(text, settings, source)
    if settings.published:
        published, published_from = date.fromisoformat(settings.published), "flag"
    elif published is None:
        published = published_in_byline(text, lang)
        published_from = "byline" if published else "unknown"
    if published is None:
        published, published_from = date.today(), "today"
        warnings.append(f"{source}: no publication date found; relative dates are resolved "
                        "against today (give --published YYYY-MM-DD)")
    return Article(
        id=content_id(text), text=text, lang=lang, published=published,
        published_from=published_from, title=title,
        outlet=settings.outlet or outlet or outlet_in_byline(text, lang),
        url=url, source=source, warnings=warnings,
    )


def _language(text: str, settings: Settings, source: str) -> str:
    if settings.lang != "auto":
        return settings.lang
    found = identify(text)
    if found in SUPPORTED:
        return found
    if found is None:
        raise InputError(say("ingest.language_unknown"), source=source)
    raise InputError(say("ingest.language_other", lang=found, supported=", ".join(SUPPORTED)),
                     source=source)
