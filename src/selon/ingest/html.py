"""Main text and metadata of an HTML page, by trafilatura and htmldate."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from selon.errors import InputError

# trafilatura and htmldate log every page they find hard; selon reports its own errors.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


# A page whose main text is shorter than this is a menu, an index or an error page.
MIN_WORDS = 12


@dataclass
class Page:
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    markers = ("<body", "<head")
    return head.startswith(("<!doctype html", "<html", "<?xml")) or any(m in head for m in markers)


def extract(html: str, name: str) -> Page:
    """The article in ``html``; InputError when the page holds no article text."""
    # Imported here, where HTML is read: loading trafilatura costs 170-200 ms, which
    # every command (even 'selon claims') paid at start-up.
    import trafilatura
    from htmldate import find_date

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, favor_precision=False, deduplicate=False,
    )
    text = (getattr(doc, "text", None) or "").strip()
    words = len(text.split())
    if words < MIN_WORDS:
        raise InputError(f"no article text found in this HTML page (only {words} words of "
                         "main text); is it an index, a login or an error page?", source=name)
    published = _date(getattr(doc, "date", None)) or _date(
        find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    )
    return Page(
        text=text,
        title=getattr(doc, "title", None) or None,
        outlet=getattr(doc, "sitename", None) or None,
        url=getattr(doc, "url", None) or None,
        published=published,
    )


def _date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
