#!/usr/bin/env python
"""Dump the ``selon/1`` output of a fixed set of texts, or compare it with an earlier dump.

A guard for changes that must not change the output (speed work, refactoring): dump before,
change, compare after. The set is the seed article, the gold texts of ``tests/gold/``
(demo and orangesum tune/report), the demo folder, a sample of corpus articles (every
``--step``-th article of ``orangesum-all.jsonl.gz``, ``--n`` of them) and two long texts
made of corpus articles end to end (analysed in pieces, see ``pipeline.analyze_long``).

    PYTHONPATH=src .venv/bin/python tools/snapshot.py dump /tmp/before.jsonl
    PYTHONPATH=src .venv/bin/python tools/snapshot.py compare /tmp/before.jsonl

``--intl`` takes instead every article of ``orangesum-intl`` (789 texts, with their
publication dates and outlet), the wider guard for speed work on the rules.

``compare`` analyses the same texts again and prints, for every text whose output differs,
its name and the first differing field; exit status 1 when anything differs, 2 when the
dump or the shared data are missing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = (REPO_ROOT / ".." / "shared").resolve()
CORPUS = SHARED / "data" / "orangesum-all.jsonl.gz"
INTL = SHARED / "data" / "orangesum-intl"
if str(REPO_ROOT / "src") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "src"))


def _gold_articles() -> Iterator[tuple[str, Any]]:
    from selon.ingest import article_from_path
    from selon.settings import Settings

    golds = [SHARED / "gold" / "seed.gold.json", *sorted((REPO_ROOT / "tests" / "gold").glob(
        "*.gold.json")), *sorted((REPO_ROOT / "tests" / "gold" / "orangesum").glob(
            "*/*.gold.json"))]
    for g in golds:
        doc = json.loads(g.read_text("utf-8"))["doc"]
        text_file = doc.get("text_file") or f"../seed/{doc['id']}.txt"
        path = (g.parent / text_file).resolve()
        if not path.is_file():
            continue
        settings = Settings(published=doc.get("published"), outlet=doc.get("outlet"))
        yield f"gold:{g.relative_to(g.parents[1])}", article_from_path(path, settings)


def _demo_articles() -> Iterator[tuple[str, Any]]:
    from selon.ingest import article_from_path
    from selon.settings import Settings

    for path in sorted((REPO_ROOT / "src" / "selon" / "demo").glob("[0-9]*")):
        yield f"demo:{path.name}", article_from_path(path, Settings())


def _corpus_articles(n: int, step: int) -> Iterator[tuple[str, Any]]:
    from selon.model import Article

    long_parts: list[str] = []
    long_done = 0
    taken = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if taken >= n and long_done >= 2:
                return
            item = json.loads(line)
            text = item.get("text") or ""
            published = item.get("published")
            day = date.fromisoformat(published[:10]) if published else None
            if number % step == 0 and taken < n and text.strip():
                taken += 1
                yield f"corpus:{item['id']}", Article(id=str(item["id"]), text=text,
                                                      published=day)
            elif number % step == 1 and long_done < 2:
                long_parts.append(text)
                if sum(map(len, long_parts)) > 120_000:
                    long_done += 1
                    yield f"long:{long_done}", Article(id=f"long-{long_done}",
                                                       text="\n\n".join(long_parts),
                                                       published=day)
                    long_parts = []


def _intl_articles() -> Iterator[tuple[str, Any]]:
    from selon.ingest import article_from_path
    from selon.settings import Settings

    for line in (INTL / "articles.jsonl").read_text("utf-8").splitlines():
        item = json.loads(line)
        settings = Settings(published=item.get("published"), outlet=item.get("outlet"))
        yield f"intl:{item['id']}", article_from_path(INTL / item["text"], settings)


def articles(n: int, step: int, intl: bool = False) -> list[tuple[str, Any]]:
    if intl:
        return list(_intl_articles())
    return [*_gold_articles(), *_demo_articles(), *_corpus_articles(n, step)]


def outputs(n: int, step: int, intl: bool = False) -> Iterator[tuple[str, str]]:
    from selon.analyse import pipeline
    from selon.output import to_json

    named = articles(n, step, intl)
    for (name, _), analysis in zip(named, pipeline.analyze(a for _, a in named), strict=True):
        data = to_json(analysis)
        source = data.get("article", {}).get("source")
        if isinstance(source, str) and source.startswith(str(REPO_ROOT)):
            # the same file seen from another checkout is the same input
            data["article"]["source"] = source[len(str(REPO_ROOT)) + 1:]
        yield name, json.dumps(data, ensure_ascii=False, sort_keys=True)


def first_difference(old: Any, new: Any, where: str = "") -> str:
    if type(old) is not type(new):
        return f"{where}: {old!r:.120} != {new!r:.120}"
    if isinstance(old, dict):
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                return first_difference(old.get(key), new.get(key), f"{where}.{key}")
    if isinstance(old, list):
        for i, (a, b) in enumerate(zip(old, new, strict=False)):
            if a != b:
                return first_difference(a, b, f"{where}[{i}]")
        return f"{where}: {len(old)} items != {len(new)} items"
    return f"{where}: {old!r:.120} != {new!r:.120}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=("dump", "compare"))
    ap.add_argument("file", type=Path, help="the dump (JSONL: one text per line)")
    ap.add_argument("--n", type=int, default=300, help="corpus articles (300)")
    ap.add_argument("--step", type=int, default=97, help="take every STEP-th article (97)")
    ap.add_argument("--intl", action="store_true",
                    help="every article of orangesum-intl instead of the default set")
    args = ap.parse_args(argv)
    if not CORPUS.is_file():
        print(f"needs the shared corpus at {CORPUS}", file=sys.stderr)
        return 2
    if args.action == "dump":
        with args.file.open("w", encoding="utf-8") as out:
            count = 0
            for name, text in outputs(args.n, args.step, args.intl):
                out.write(json.dumps({"name": name, "output": text}, ensure_ascii=False) + "\n")
                count += 1
        print(f"{count} outputs written to {args.file}", file=sys.stderr)
        return 0
    if not args.file.is_file():
        print(f"no dump at {args.file}; run 'dump' first", file=sys.stderr)
        return 2
    before = {}
    for line in args.file.read_text("utf-8").splitlines():
        item = json.loads(line)
        before[item["name"]] = item["output"]
    differ = seen = 0
    for name, text in outputs(args.n, args.step, args.intl):
        seen += 1
        old = before.get(name)
        if old is None:
            print(f"{name}: not in the dump")
            differ += 1
        elif old != text:
            differ += 1
            print(f"{name}: {first_difference(json.loads(old), json.loads(text))}")
    missing = len(set(before) - {name for name, _ in articles(args.n, args.step, args.intl)})
    print(f"{seen} outputs compared: {differ} differ, {missing} of the dump not produced",
          file=sys.stderr)
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main())
