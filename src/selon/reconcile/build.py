"""Build stories over a store, online: place the articles that are in no story yet, a
batch at a time, and rebuild the statements, origins and contradictions of the stories
each batch touched.

Each batch is one transaction (see :func:`selon.store.stories.save`): killed midway, the
store keeps the batches already saved and no half of one; running it again places the
articles still waiting.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from selon.model import Analysis
from selon.reasons import machine
from selon.reconcile import across, conflicts, origin, statements
from selon.reconcile.stories import Doc, Params, place
from selon.store import Store
from selon.store import stories as st_store

BATCH = 500
# The statements of a very long story are matched over its latest articles only.
MAX_STORY_ARTICLES = 300


@dataclass
class BuildSummary:
    placed: int = 0
    batches: int = 0
    stories_touched: int = 0
    seconds: float = 0.0


def update(store: Store, *, batch: int = BATCH, params: Params | None = None,
           on_batch: Callable[[BuildSummary], None] | None = None,
           max_batches: int | None = None) -> BuildSummary:
    """Place every article that is in no story yet; return what was done."""
    p = params or Params()
    summary = BuildSummary()
    started = time.perf_counter()
    terms: dict[str, Counter[str]] = {}  # the words of the last window, kept for the next
    while max_batches is None or summary.batches < max_batches:
        rows = st_store.pending(store, batch)
        if not rows:
            break
        touched = place_batch(store, rows, p, terms)
        summary.placed += len(rows)
        summary.batches += 1
        summary.stories_touched += touched
        summary.seconds = time.perf_counter() - started
        if on_batch:
            on_batch(summary)
    summary.seconds = time.perf_counter() - started
    return summary


def _doc(r: dict[str, Any], names: dict[str, dict[str, str]],
         terms: dict[str, Counter[str]]) -> Doc:
    return Doc(id=r["id"], day=r["day"], title=r["title"], text=r["text"],
               names=names.get(r["id"], {}), duplicate_of=r["duplicate_of"],
               story=r.get("story_id"), terms=terms.get(r["id"]) or Counter())


def place_batch(store: Store, rows: list[dict[str, Any]], p: Params,
                terms: dict[str, Counter[str]] | None = None) -> int:
    """Place one batch of articles; ``terms`` carries the words of the previous window
    over to the next batch (it is updated to this batch's window)."""
    terms = {} if terms is None else terms
    days = [r["day"] for r in rows]
    lo, hi = min(days) - timedelta(days=p.window_days), max(days) + timedelta(days=p.window_days)
    window_rows = st_store.window(store, lo, hi)
    names = st_store.names(store, [r["id"] for r in rows] + [r["id"] for r in window_rows])
    window = [_doc(r, names, terms) for r in window_rows]
    new = [_doc(r, names, terms) for r in rows]
    known = {d.id for d in window} | {d.id for d in new}
    outside = [d.duplicate_of for d in new if d.duplicate_of and d.duplicate_of not in known]
    placement = place(new, window, st_store.stories_of(store, outside) if outside else {}, p)
    assignment = placement.stories
    terms.clear()
    terms.update({d.id: d.terms for d in (*window, *new)})
    touched = sorted(set(assignment.values()) | set(placement.merged.values()))
    members = st_store.members(store, [*touched, *placement.merged])
    for gone, target in sorted(placement.merged.items()):
        members.setdefault(target, []).extend(members.pop(gone, []))
    day_of = {d.id: d.day for d in new}
    for aid, sid in assignment.items():
        members.setdefault(sid, []).append(aid)
    placed = [{"article_id": aid, "story_id": sid, "day": day_of[aid]}
              for aid, sid in assignment.items()]
    tables: dict[str, list[dict[str, Any]]] = {
        "stories": [], "story_statements": [], "statement_mentions": [], "story_relations": []}
    wanted = {sid: members[sid][-MAX_STORY_ARTICLES:] for sid in touched}
    all_ids = sorted({aid for ids in wanted.values() for aid in ids})
    analyses = {an.article.id: an for an in store.load_analyses(all_ids)}
    for an in analyses.values():  # also for articles stored before conflicts were kept
        an.conflicts = conflicts.find(an)
    copies = st_store.copies(store, all_ids)
    canonical = st_store.canonical(store, all_ids)
    for sid in touched:
        story_rows(sid, [analyses[a] for a in wanted[sid] if a in analyses],
                   len(members[sid]), copies, tables, canonical)
    st_store.save(store, placed, touched, tables, merged=placement.merged)
    return len(touched)


def story_rows(story_id: str, analyses: list[Analysis], n_articles: int,
               copies: dict[str, str], tables: dict[str, list[dict[str, Any]]],
               canonical: dict[tuple[str, str], str] | None = None) -> None:
    """The rows of one story: its summary, statements, mentions and contradictions;
    ``copies`` maps each article to the dispatch it copies, ``canonical`` an article's
    entity to its canonical entity."""
    stmts = statements.match(story_id, analyses, canonical)
    rels = across.relations(stmts, analyses)
    for s in stmts:
        o = origin.corroboration(s, copies)
        tables["story_statements"].append({
            "story_id": story_id, "statement_id": s.id, "source": s.source,
            "source_key": s.source_key, "kinds": sorted({m.attribution.kind for m in s.mentions}),
            "articles": len({m.article_id for m in s.mentions}), "origins": o.origins,
            "first_article": o.first_article, "first_day": o.first_day, "relay": o.relay})
        for m in s.mentions:
            tables["statement_mentions"].append({
                "story_id": story_id, "statement_id": s.id, "article_id": m.article_id,
                "attr_id": m.attribution.id, "origin": origin.origin_of(m, copies),
                "start": m.span[0], "end": m.span[1]})
    for r in rels:
        tables["story_relations"].append({"story_id": story_id, "a": r.a, "b": r.b,
                                          "type": r.type, "why": r.why,
                                          "why_code": machine(r.why)})
    dated = [an.article.published for an in analyses if an.article.published]
    first = min(analyses, key=lambda an: (an.article.published or date.max, an.article.id))
    sources = Counter(s.source for s in stmts if s.source)
    tables["stories"].append({
        "story_id": story_id, "title": first.article.title,
        "first_day": min(dated) if dated else date.today(),
        "last_day": max(dated) if dated else date.today(),
        "articles": n_articles,
        "outlets": sorted({an.article.outlet for an in analyses if an.article.outlet}),
        "sources": [name for name, _ in sources.most_common(5)],
        "statements": len(stmts), "contradictions": len(rels)})
