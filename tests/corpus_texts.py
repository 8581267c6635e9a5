"""Texts of ``orangesum-all.jsonl.gz`` articles for attribution gold (tests/gold/orangesum-all):
the corpus lost the paragraph breaks of its articles (« ... jeudi.Le gouvernement ... »), so
a break goes back where a sentence's last mark is glued to the capital that opens the next
one. The gold was written on these texts; its contents are anchored by their words."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

# a sentence end (after a word of two letters or more, a digit, a closing mark or bracket:
# not the initial of « J.Biden ») glued to the capital, or the opening quotation mark, of the
# next sentence
GLUED = re.compile(r"(?<=[A-Za-zÀ-ÿ0-9\"»)])(?<!\b[A-ZÀ-Þ])([.!?])(?=[«\"]?[A-ZÀ-ÖØ-Þ])")


def paragraphs(text: str) -> str:
    """The corpus text with a line break after each glued sentence end."""
    return GLUED.sub(lambda m: m.group(1) + "\n", text)


def corpus_texts(corpus: Path, ids: set[int]) -> dict[int, str]:
    """The texts (paragraphs restored) of these corpus ids."""
    found: dict[int, str] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("id") in ids:
                found[d["id"]] = paragraphs(d["text"]) + "\n"
    return found


def filled_set(gold: Path, corpus: Path, out: Path) -> Path:
    """A copy of the gold set ``gold`` (files ``<id>.gold.json`` naming ``orangesum-all:<id>``
    as their text) beside the texts it names, written from the corpus."""
    golds = sorted(gold.glob("*.gold.json"))
    ids = {int(g.name.split(".")[0]) for g in golds}
    texts = corpus_texts(corpus, ids)
    out.mkdir(parents=True, exist_ok=True)
    for g in golds:
        n = int(g.name.split(".")[0])
        (out / f"{n}.txt").write_text(texts[n], encoding="utf-8")
        doc = json.loads(g.read_text(encoding="utf-8"))
        doc["doc"]["text_file"] = f"{n}.txt"
        (out / g.name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return out


if __name__ == "__main__":  # write the texts of corpus ids: python corpus_texts.py OUT ID...
    import sys

    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    base = Path(__file__).resolve().parents[2] / "shared/data/orangesum-all.jsonl.gz"
    for n, t in corpus_texts(base, {int(a) for a in sys.argv[2:]}).items():
        (target / f"{n}.txt").write_text(t, encoding="utf-8")
