"""Readers' corrections applied to what the analysis found (no SQL here).

A correction names its statement by the article and the character span ``key`` of the
statement's content as the reader saw it. After a re-analysis the statement with exactly
that span is corrected, else the one whose content overlaps the key by at least half of the
longer span (the scorer's rule); a correction that matches nothing any more stays in the
audit trail and changes nothing. Corrections apply in the order they were made.

A corrected statement keeps its original values in ``Attribution.correction["original"]``;
its source becomes ``how = "corrected"`` with confidence 1.0 when a reader gave it.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import replace
from typing import Any

from selon.analyse.attributions.trust import CONFIDENCE
from selon.model import Analysis, Attribution, Correction, Party, Span

CORRECTED_HOW = "corrected"  # the "how" of a source a reader gave
CORRECTED_CONFIDENCE = CONFIDENCE[CORRECTED_HOW]


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def matches(key: Span, content: Span) -> bool:
    """Whether a statement with this content is the one a correction keyed ``key`` names."""
    if key == content:
        return True
    longer = max(key[1] - key[0], content[1] - content[0])
    return longer > 0 and _overlap(key, content) * 2 >= longer


def _find(records: list[tuple[Span, Attribution]], key: Span) -> int | None:
    exact = next((i for i, (k, _) in enumerate(records) if k == key), None)
    if exact is not None:
        return exact
    best, best_ov = None, 0
    for i, (k, _) in enumerate(records):
        ov = _overlap(k, key)
        if ov > best_ov and matches(key, k):
            best, best_ov = i, ov
    return best


def snapshot(text: str, at: Attribution | None) -> dict[str, Any] | None:
    """The values of a statement a correction can change, as the audit trail keeps them."""
    if at is None:
        return None
    return {"kind": at.kind, "span": list(at.content),
            "content": text[at.content[0]:at.content[1]],
            "source": at.source.text if at.source is not None else None,
            "how": at.how, "confidence": at.confidence}


def source_party(analysis: Analysis, name: str, span: Span | None, near: int) -> Party:
    """The party a reader named: at ``span`` when given, else at the occurrence of the name
    in the text nearest ``near``, else an empty span at ``near`` (a name not in the text)."""
    text = analysis.article.text
    if span is None:
        low, needle = text.lower(), name.lower()
        hits, i = [], low.find(needle)
        while i >= 0 and needle:
            hits.append(i)
            i = low.find(needle, i + 1)
        if hits:
            at = min(hits, key=lambda h: abs(h - near))
            span = (at, at + len(needle))
    if span is None:
        return Party(name, (near, near), None, CORRECTED_HOW)
    entity = next((e.id for e in analysis.entities
                   if any(_overlap(m, span) * 2 > (span[1] - span[0]) for m in e.mentions)),
                  None)
    return Party(name, span, entity, CORRECTED_HOW)


def _mark(at: Attribution, c: Correction, text: str) -> None:
    info = at.correction
    if info is None:
        info = at.correction = {"original": snapshot(text, at), "actions": [], "ids": [],
                                "key": list(at.content)}
    info["actions"].append(c.action)
    info["ids"].append(c.id)
    info["by"] = c.author
    info["at"] = c.at
    if c.note:
        info["note"] = c.note


def apply(analysis: Analysis, corrections: list[Correction], *,
          keep_rejected: bool = False) -> Analysis:
    """A copy of ``analysis`` with ``corrections`` (of this article) applied.

    Statements a reader said are not statements are left out, or kept with
    ``correction["not_statement"]`` set when ``keep_rejected`` (to show them struck out).
    Added statements get the id ``c<correction id>``.
    """
    mine = sorted((c for c in corrections if c.article_id == analysis.article.id),
                  key=lambda c: c.id)
    if not mine:
        return analysis
    text = analysis.article.text
    records: list[tuple[Span, Attribution]] = [
        (at.content, replace(at, correction=deepcopy(at.correction)))
        for at in analysis.attributions]
    for c in mine:
        key = (int(c.key[0]), int(c.key[1]))
        if c.action == "add":
            src = c.after.get("source")
            sspan = c.after.get("source_span")
            party = (source_party(analysis, str(src), tuple(sspan) if sspan else None, key[0])
                     if src else None)
            new = Attribution(id=f"c{c.id}", kind=str(c.after.get("kind") or "indirect"),
                              content=key, cue=None, cue_lemma=None, source=party,
                              stance=str(c.after.get("stance") or "assert"),
                              how=CORRECTED_HOW, confidence=CORRECTED_CONFIDENCE)
            new.correction = {"original": None, "actions": ["add"], "ids": [c.id],
                              "key": list(key), "by": c.author, "at": c.at, "added": True,
                              **({"note": c.note} if c.note else {})}
            records.append((key, new))
            continue
        i = _find(records, key)
        if i is None:
            continue
        at = records[i][1]
        _mark(at, c, text)
        assert at.correction is not None
        if c.action == "source":
            sspan = c.after.get("source_span")
            at.source = source_party(analysis, str(c.after["source"]),
                                     tuple(sspan) if sspan else None, at.content[0])
            at.how, at.confidence = CORRECTED_HOW, CORRECTED_CONFIDENCE
        elif c.action == "span":
            a, b = c.after["span"]
            at.content = (int(a), int(b))
        elif c.action == "not_statement":
            at.correction["not_statement"] = True
    out = [at for _, at in records
           if keep_rejected or not (at.correction or {}).get("not_statement")]
    out.sort(key=lambda at: (at.content[0], at.id))
    return replace(analysis, attributions=out)


def overlay(row: dict[str, Any], text_of: dict[str, str],
            corrections: list[Correction]) -> dict[str, Any]:
    """A statement row of a listing (``article_id``, ``content`` text, ``source`` dict and
    the content span in ``content_span``) with the corrections of its article applied:
    ``correction`` set, ``source`` and ``content`` changed, the originals kept there."""
    span = row.get("content_span")
    if span is None:
        return row
    key: Span = (int(span[0]), int(span[1]))
    mine = [c for c in sorted(corrections, key=lambda c: c.id)
            if c.action != "add" and matches((int(c.key[0]), int(c.key[1])), key)]
    if not mine:
        return row
    text = text_of.get(row["article_id"], "")
    original = {"source": (row.get("source") or {}).get("text"), "content": row.get("content"),
                "span": list(key), "how": row.get("how"), "confidence": row.get("confidence")}
    info: dict[str, Any] = {"original": original, "actions": [c.action for c in mine],
                            "ids": [c.id for c in mine], "key": list(key),
                            "by": mine[-1].author, "at": mine[-1].at}
    for c in mine:
        if c.action == "source":
            row["source"] = {"text": c.after["source"], "key": None, "name": c.after["source"]}
            row["how"], row["confidence"] = CORRECTED_HOW, CORRECTED_CONFIDENCE
        elif c.action == "span" and text:
            a, b = (int(x) for x in c.after["span"])
            row["content"] = text[a:b]
            row["content_span"] = [a, b]
        elif c.action == "not_statement":
            info["not_statement"] = True
    row["correction"] = info
    return row
