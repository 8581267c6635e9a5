"""Stories as ``selon-stories/1`` JSON (see the project README): stories with their
articles (named by URL), statements with all their mentions, and contradictions."""

from __future__ import annotations

from typing import Any

SCHEMA = "selon-stories/1"


def to_json(details: list[dict[str, Any]]) -> dict[str, Any]:
    """The ``selon-stories/1`` record of stories read by
    :func:`selon.store.storyreads.details`."""
    out_stories, out_statements, out_relations = [], [], []
    for d in details:
        out_stories.append({
            "id": d["id"], "title": d["title"], "first_day": d["first_day"],
            "last_day": d["last_day"], "outlets": d["outlets"], "sources": d["sources"],
            "articles": [a["url"] or a["id"] for a in d["article_list"]],
            "article_ids": [a["id"] for a in d["article_list"]],
        })
        for st in d["statement_list"]:
            out_statements.append({
                "id": st["id"], "story": d["id"], "source": st["source"],
                "origins": st["origins"], "first_article": st["first_article"],
                "first_seen": st["first_seen"], "relay": st["relay"], "kinds": st["kinds"],
                "mentions": [{
                    "article": m["article"], "content": m["content"],
                    "attribution": m["attribution"], "kind": m["kind"], "stance": m["stance"],
                    "outlet": m["outlet"], "published": m["published"], "via": m["via"],
                    "origin": m["origin"],
                } for m in st["mentions"]],
            })
        for r in d["relations"]:
            out_relations.append({**r, "story": d["id"]})
    return {"schema": SCHEMA, "stories": out_stories, "statements": out_statements,
            "relations": out_relations}
