#!/usr/bin/env python
"""Where the statements of a story gold set are lost: attributions or joining.

For each gold set (selon-stories-gold/1, texts filled from the corpus when it names them by
``orangesum_id``), ingests it into a fresh store with the real analyser (or reads the store
given by ``--db``), builds its stories and scores them with ``score_stories.py``. Then:

- each gold mention is *found* (a predicted mention matches it, as the scorer matches
  them), *span* (an attribution of its article overlaps it, but its shown span is too
  different), or *no attribution* (no attribution of its article overlaps it);
- each gold pair of mentions across articles is *joined*, *not joined* (both mentions
  found, in different statements: the joining's loss) or *lacks a mention* (the
  attributions' loss);
- ``oracle``: every gold mention that is not found is added as an attribution of its
  article (the gold anchor as content with the figures and times inside it, the gold
  source's first name as source, linked to the article's entity of that name if any),
  and the stories' statements and contradictions are matched again. Its scores are what
  joining does with all the mentions: the part of the gap left to joining.

    .venv/bin/python bench/story_gap.py tests/gold/stories-tune ../shared/gold/stories-dev
    .venv/bin/python bench/story_gap.py --db tune.duckdb tests/gold/stories-tune --list
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = (REPO_ROOT / ".." / "shared" / "data" / "orangesum-all.jsonl.gz").resolve()
for p in (REPO_ROOT / "src", REPO_ROOT / "tests"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

Span = tuple[int, int]
KEYS = ("mention_recall", "stmt_pair_p", "stmt_pair_r", "stmt_pair_f1", "contra_p",
        "contra_r", "contra_f1")


def _scorer(corpus: Path) -> Any:
    sys.path.insert(0, str(corpus.parent.parent / "eval"))
    import score_stories

    return score_stories


def _ingest(gold: Path, db: Path, scorer_path: Path) -> None:
    inp = db.with_suffix(".jsonl")
    subprocess.run([sys.executable, str(scorer_path), "--make-input", str(gold), str(inp)],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "selon", "ingest", "--db", str(db), str(inp)],
                   check=True, capture_output=True)


def _predicted(store: Any) -> dict[str, Any]:
    from selon.reconcile import build, output
    from selon.store import stories as st_store
    from selon.store import storyreads

    st_store.reset(store)
    build.update(store)
    rows = storyreads.stories(store, limit=1_000_000)
    return output.to_json(storyreads.details(store, [r["id"] for r in rows]))


def _gold_mentions(gold_dir: Path, sc: Any) -> list[tuple[str, Span, str, list[str]]]:
    gold = json.loads((gold_dir / "stories.gold.json").read_text(encoding="utf-8"))
    arts = {a["id"]: a for a in sc.load_articles(gold_dir)}
    out = []
    for st in gold["statements"]:
        for x in st["mentions"]:
            a = arts[x["article"]]
            out.append((a["url"], sc.anchor(a["text"], x["content"], x.get("occurrence", 1)),
                        st["id"], list(st.get("source") or [])))
    return out


def _matches(gm: list[tuple[str, Span, str, list[str]]], pred: dict[str, Any],
             sc: Any) -> dict[int, str]:
    """Gold mention index → the predicted statement of the mention matching it."""
    pm: dict[str, list[tuple[Span, str]]] = defaultdict(list)
    for st in pred["statements"]:
        for x in st["mentions"]:
            pm[x["article"]].append(((int(x["content"][0]), int(x["content"][1])), st["id"]))
    out: dict[int, str] = {}
    for url in {g[0] for g in gm}:
        gi = [i for i, g in enumerate(gm) if g[0] == url]
        cands = pm.get(url, [])
        mm = sc.greedy_match([gm[i][1] for i in gi], [c[0] for c in cands],
                             lambda a, b: sc.overlap(a, b) >= 0.5 * max(a[1] - a[0], b[1] - b[0]))
        out.update({gi[a]: cands[b][1] for a, b in mm.items()})
    return out


def gap(gold_dir: Path, pred: dict[str, Any], analyses: dict[str, Any],
        sc: Any) -> dict[str, Any]:
    gm = _gold_mentions(gold_dir, sc)
    found = _matches(gm, pred, sc)
    why: dict[int, str] = {}
    for i, (url, sp, _, _) in enumerate(gm):
        if i in found:
            why[i] = "found"
        else:
            an = analyses[url]
            hit = any(sc.overlap(at.content, sp) > 0 for at in an.attributions)
            why[i] = "span" if hit else "no attribution"
    pairs: Counter[str] = Counter()
    listed = []
    for i, j in combinations(range(len(gm)), 2):
        if gm[i][2] != gm[j][2] or gm[i][0] == gm[j][0]:
            continue
        if i in found and j in found:
            kind = "joined" if found[i] == found[j] else "not joined"
        else:
            kind = "lacks a mention (" + " + ".join(
                sorted(why[k] for k in (i, j) if k not in found)) + ")"
        pairs[kind] += 1
        listed.append((gm[i][2], kind))
    return {"mentions": dict(Counter(why.values())), "pairs": dict(pairs), "listed": listed,
            "missing": [i for i in range(len(gm)) if i not in found], "gold_mentions": gm}


def oracle(store: Any, gold_mentions: list[tuple[str, Span, str, list[str]]],
           missing: list[int], analyses: dict[str, Any]) -> dict[str, Any]:
    """The stories' statements and contradictions matched again with every missing gold
    mention added as an attribution."""
    from selon.model import Attribution, Party
    from selon.reconcile import across, conflicts, statements
    from selon.reconcile.words import party_key

    for n, i in enumerate(missing):
        url, sp, _, sources = gold_mentions[i]
        an = analyses[url]
        name = sources[0] if sources else ""
        keys = {party_key(s) for s in sources}
        entity = next((e.id for e in an.entities if party_key(e.name) in keys), None)
        an.attributions.append(Attribution(
            id=f"gold{n}", kind="indirect", content=sp, cue=None, cue_lemma=None,
            source=Party(text=name, span=(0, 0), entity=entity) if name else None,
            quantities=[q.id for q in an.quantities if sp[0] <= q.span[0] < sp[1]],
            times=[t.id for t in an.times if sp[0] <= t.span[0] < sp[1]]))
    from selon.store import stories as st_store

    by_id = {an.article.id: an for an in analyses.values()}
    canonical = st_store.canonical(store, list(by_id))
    members: dict[str, list[str]] = defaultdict(list)
    for r in store.fetch("SELECT story_id, article_id FROM story_articles "
                         "ORDER BY story_id, article_id"):
        members[r["story_id"]].append(r["article_id"])
    out: dict[str, list[dict[str, Any]]] = {"stories": [], "statements": [], "relations": []}
    for sid, ids in members.items():
        ans = [by_id[a] for a in ids if a in by_id]
        for an in ans:
            an.conflicts = conflicts.find(an)
        stmts = statements.match(sid, ans, canonical)
        out["stories"].append({"id": sid, "articles": [an.article.url for an in ans]})
        for s in stmts:
            out["statements"].append({"id": s.id, "story": sid, "source": s.source, "mentions": [
                {"article": m.article.article.url, "content": list(m.span)} for m in s.mentions]})
        for r in across.relations(stmts, ans):
            out["relations"].append({"a": r.a, "b": r.b, "type": r.type, "why": r.why})
    return out


def run(gold: Path, corpus: Path, db: Path | None, show: bool) -> dict[str, Any]:
    from selon.store import Store
    from story_fixtures import filled_gold

    sc = _scorer(corpus)
    scorer_path = corpus.parent.parent / "eval" / "score_stories.py"
    with tempfile.TemporaryDirectory() as tmp:
        rows = (gold / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        if any(line.strip() and "text" not in json.loads(line) for line in rows):
            gold = filled_gold(gold, corpus, Path(tmp) / "gold")
        work = Path(tmp) / "s.duckdb"
        if db is None:
            _ingest(gold, work, scorer_path)
        else:
            shutil.copy(db, work)
        with Store(work) as store:
            pred = _predicted(store)
            ids = [r["id"] for r in store.fetch("SELECT id FROM articles")]
            analyses = {an.article.url: an for an in store.load_analyses(ids)}
            metrics, _ = sc.score(gold, pred)
            found = gap(gold, pred, analyses, sc)
            best, _ = sc.score(gold, oracle(store, found["gold_mentions"], found["missing"],
                                            analyses))
    result = {"scores": {k: metrics[k] for k in KEYS}, "mentions": found["mentions"],
              "pairs": found["pairs"], "oracle": {k: best[k] for k in KEYS}}
    if show:
        result["listed"] = [f"{s}: {k}" for s, k in found["listed"] if k != "joined"]
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("gold", type=Path, nargs="+", help="Story gold sets.")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--db", type=Path, action="append",
                    help="A store the gold set is already ingested into (one per set, in order).")
    ap.add_argument("--list", action="store_true", help="List every gold pair not joined.")
    args = ap.parse_args()
    dbs = args.db or [None] * len(args.gold)
    if len(dbs) != len(args.gold):
        ap.error("give one --db per gold set, or none")
    out = {str(g): run(g, args.corpus, d, args.list) for g, d in zip(args.gold, dbs, strict=True)}
    print(json.dumps(out, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
