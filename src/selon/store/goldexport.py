"""Corrected articles written as ``selon-gold/1`` files (``../shared/gold/FORMAT.md``).

For each article a reader corrected: ``<id>.txt`` (the text exactly as stored) and
``<id>.gold.json`` whose ``attributions`` are the article's statements with every
correction applied (rejected ones left out, added ones in). Positions are anchors: the
exact content text and its ``occurrence``. Only attributions are given: the other keys of
the format are left out (a reader who corrects statements has not annotated the rest), and
``doc.note`` says so.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from selon.errors import StoreError
from selon.model import Analysis
from selon.store import corrections
from selon.store.db import Store

FORMAT = "selon-gold/1"


def occurrence(text: str, span: tuple[int, int]) -> int:
    """Which occurrence (1-based) of its own text ``span`` is, as the scorer counts them."""
    needle = text[span[0]:span[1]]
    n, i = 0, text.find(needle)
    while 0 <= i < span[0]:
        n += 1
        i = text.find(needle, i + 1)
    return n + 1


def gold_record(analysis: Analysis, names: dict[str, str]) -> dict[str, Any]:
    """The ``selon-gold/1`` record of a corrected analysis; ``names``: entity id -> name."""
    a = analysis.article
    text = a.text
    out = []
    for at in analysis.attributions:
        content = text[at.content[0]:at.content[1]]
        source = []
        if at.source is not None:
            source = [at.source.text] + ([names[at.source.entity]] if at.source.entity
                                         in names and names[at.source.entity]
                                         != at.source.text else [])
        item: dict[str, Any] = {
            "id": at.id, "kind": at.kind, "content": content,
            "cue": text[at.cue[0]:at.cue[1]] if at.cue else "",
            "source": source, "via": [v.text for v in at.via], "stance": at.stance,
        }
        occ = occurrence(text, at.content)
        if occ > 1:
            item["occurrence"] = occ
        if at.correction is not None:
            item["corrected"] = {"actions": at.correction["actions"],
                                 "by": at.correction.get("by"), "at": at.correction.get("at")}
        out.append(item)
    return {
        "format": FORMAT,
        "doc": {"id": a.id, "text_file": f"{a.id}.txt", "lang": a.lang,
                "published": a.published.isoformat() if a.published else None,
                "outlet": a.outlet,
                "note": "Statements as selon found them, with readers' corrections applied; "
                        "only attributions are given."},
        "attributions": out,
        "conflicts": [],
    }


def export_gold(store: Store, folder: Path, ids: list[str] | None = None) -> list[Path]:
    """Write the gold files of the corrected articles (or of ``ids`` among them) into
    ``folder``; return the gold files written."""
    wanted = corrections.corrected_ids(store)
    if ids is not None:
        wanted = [i for i in wanted if i in set(ids)]
    present = [i for i in wanted if store.has(i)]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the gold folder {folder}: {exc}") from exc
    written = []
    for analysis in corrections.apply_stored(store, store.load_analyses(present)):
        a = analysis.article
        names = {e.id: e.name for e in analysis.entities}
        try:
            with open(folder / f"{a.id}.txt", "w", encoding="utf-8", newline="") as f:
                f.write(a.text)
            path = folder / f"{a.id}.gold.json"
            path.write_text(json.dumps(gold_record(analysis, names), ensure_ascii=False,
                                       indent=1) + "\n", encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"cannot write the gold files of {a.id} into {folder}: "
                             f"{exc}") from exc
        written.append(path)
    return written
