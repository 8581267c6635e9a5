"""Addresses: where else the very same text (the same article id) was read.

An article is stored once, with the URL and source it was first read from. A later input
with the same text (the same page under a second URL, a file in two folders) is not
analysed again, but where it came from is kept here, so no address is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from selon.store.db import Store


def record(store: Store, seen: Sequence[tuple[str, str | None, str | None]]) -> int:
    """Keep ``(article_id, url, source)`` for every stored article whose first URL (or, with
    no URL, first source) differs and that is not known yet; return how many were added."""
    rows = [(aid, url, source) for aid, url, source in seen if url or source]
    if not rows:
        return 0
    store._writable()
    now = datetime.now(UTC).replace(tzinfo=None)
    with store._transaction("recording addresses in") as con:
        before = con.execute("SELECT count(*) FROM article_addresses").fetchone()
        con.execute(
            "INSERT INTO article_addresses "
            "SELECT DISTINCT ON (c.id, coalesce(c.url, c.source)) c.id, c.url, c.source, ? "
            "FROM (SELECT unnest(?::VARCHAR[]) AS id, unnest(?::VARCHAR[]) AS url, "
            "  unnest(?::VARCHAR[]) AS source) c "
            "JOIN articles a ON a.id = c.id "
            "WHERE (CASE WHEN c.url IS NOT NULL THEN c.url IS DISTINCT FROM a.url "
            "  ELSE a.url IS NOT NULL OR c.source IS DISTINCT FROM a.source END) "
            "AND NOT EXISTS (SELECT 1 FROM article_addresses k WHERE k.article_id = c.id "
            "  AND coalesce(k.url, k.source) = coalesce(c.url, c.source))",
            [now, [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]])
        after = con.execute("SELECT count(*) FROM article_addresses").fetchone()
    return int(after[0] if after else 0) - int(before[0] if before else 0)


def of_article(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The other places this article's text was read from, first seen first."""
    rows = store.fetch("SELECT url, source, seen_at FROM article_addresses WHERE article_id = ? "
                       "ORDER BY seen_at, url, source", [article_id])
    return [{"url": r["url"], "source": r["source"], "seen_at": r["seen_at"].isoformat()}
            for r in rows]
