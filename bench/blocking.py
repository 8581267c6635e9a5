"""Blocking against the exhaustive comparison, on a real store (one filled by ``selon
ingest``, so with spaCy's entities).

1. Resolution: the store's resolution is cleared in two copies; one is resolved with
   blocking, the other comparing every entity with every canonical entity of its type,
   both in batches of ``--batch`` articles as ingest does. The two must give the same
   canonical entity, score and reason to every article entity.
2. Screening: the lists are loaded into the blocked copy and every canonical PER/ORG
   entity is screened with blocking. Then a sample of entities (every flagged one and
   ``--sample`` others) is screened against every name of the lists: each pair is
   first checked with the matcher's own word scores (a pair none of whose words meet
   any word of the other, or two of them written as one, scores 0), then scored in
   full. The flags of the sample must be the same.

Prints one JSON object: counts, comparisons and times of both, and the differences.
``--dump FILE`` writes the blocked side's results (every article entity's canonical
entity, score and reason; every flag with its reason), one JSON line each, to compare
two versions of the code on one store.
Slow by design (the exhaustive side compares everything): minutes on a few hundred
articles.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# this folder holds a requests.py of its own: keep it off the path (followthemoney
# imports the requests package)
sys.path[:] = [str(ROOT / "src")] + [p for p in sys.path
                                     if Path(p or ".").resolve() != ROOT / "bench"]

from selon.resolve.blocking import units  # noqa: E402
from selon.resolve.canonical import Resolver  # noqa: E402
from selon.resolve.facts import Facts  # noqa: E402
from selon.resolve.matcher import PART_FLOOR, part_score  # noqa: E402
from selon.resolve.names import NameForm, Part, skeleton  # noqa: E402
from selon.resolve.screen import (  # noqa: E402
    COUNTRY_BONUS,
    DEFAULT_THRESHOLD,
    ListIndex,
    _article_countries,
    _facts,
    screen,
    screen_entity,
)
from selon.resolve.watchlists import read_list  # noqa: E402
from selon.store import resolution as rs  # noqa: E402
from selon.store.db import Store  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"


def _clear(store: Store) -> None:
    with store._transaction("clearing resolution in") as con:
        for table in ("flags", "screened", "canonical_members", "canonical",
                      "canonical_evidence", "canonical_evidence_known"):
            con.execute(f"DELETE FROM {table}")


def _resolve(path: Path, exhaustive: bool, batch: int, limit: int) -> dict[str, Any]:
    with Store(path) as store:
        _clear(store)
        ids = [r["id"] for r in store.fetch("SELECT id FROM articles ORDER BY id")][:limit]
        resolver = Resolver(store, exhaustive=exhaustive)
        started = time.process_time()
        comparisons = 0
        for i in range(0, len(ids), batch):
            comparisons += resolver.run(ids[i:i + batch]).comparisons
        seconds = time.process_time() - started
        members = {(r["article_id"], r["entity_id"]): (r["canonical_id"], r["score"],
                                                       r["reason"])
                   for r in store.fetch("SELECT * FROM canonical_members")}
    return {"members": members, "comparisons": comparisons, "cpu_seconds": seconds,
            "articles": len(ids)}


class EveryName(ListIndex):
    """A list index whose candidates are all names of the kind that pass the matcher's
    own necessary condition: some word (or two adjacent words written as one) of one
    name meets a word or joined pair of the other at the word floor (any pair that does
    not scores at most 0.55). Words are checked with ``part_score``, not with keys."""

    def __init__(self, index: ListIndex) -> None:
        self.__dict__.update(index.__dict__)
        self.exhaustive = False
        self.words: dict[tuple[str, str, bool, bool], Part] = {}
        self.name_words: list[set[tuple[str, str, bool, bool]]] = []
        for _, form in self.forms:
            mine = set()
            for u in units(form):
                key = (u.spelling, u.first, u.initial, form.abjad)
                self.words.setdefault(key, _as_part(u))
                mine.add(key)
            self.name_words.append(mine)

    def candidates(self, form: NameForm) -> list[int]:
        mine = [_as_part(u) for u in units(form)]
        met = {key for key, part in self.words.items()
               if any(part_score(a, part, form.abjad or key[3])[0] >= PART_FLOOR
                      for a in mine)}
        return [f for f in self.by_kind.get(form.kind, ()) if self.name_words[f] & met]


def _as_part(unit: Any) -> Part:
    return Part(ascii=unit.first if unit.initial else f"{unit.first}\x00{unit.spelling}",
                spelling=unit.spelling, skeleton=skeleton(unit.spelling), particle=False,
                initial=unit.initial)


def _exhaustive_flags(index: EveryName, target: dict[str, Any],
                      countries: dict[str, set[str]],
                      facts: dict[str, Facts]) -> list[dict[str, Any]]:
    """As ``screen`` does: a first pass without evidence (every entry the name may
    flag), then with the countries and, for a person, the facts of its articles."""
    first, _ = screen_entity(index, target["type"], target["names"], None,
                             DEFAULT_THRESHOLD - COUNTRY_BONUS, unambiguous=False)
    if not first:
        return []
    cid = target["canonical_id"]
    found, _ = screen_entity(index, target["type"], target["names"],
                             countries.get(cid, set()), DEFAULT_THRESHOLD,
                             facts.get(cid) if target["type"] == "PER" else None)
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True, help="a store filled by selon ingest")
    ap.add_argument("--articles", type=int, default=10**9)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lists", nargs="*", type=Path,
                    default=[SHARED / "sanctions" / "UN_consolidated.xml",
                             SHARED / "sanctions" / "ofac_sdn.csv"])
    ap.add_argument("--sample", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dump", type=Path, help="write the blocked side's results here")
    args = ap.parse_args()
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        blocked_db, every_db = Path(tmp) / "blocked.duckdb", Path(tmp) / "every.duckdb"
        shutil.copy(args.db, blocked_db)
        shutil.copy(args.db, every_db)
        blocked = _resolve(blocked_db, False, args.batch, args.articles)
        every = _resolve(every_db, True, args.batch, args.articles)
        differ = sorted(k for k in blocked["members"].keys() | every["members"].keys()
                        if blocked["members"].get(k) != every["members"].get(k))
        report["resolution"] = {
            "articles": blocked["articles"], "entities": len(blocked["members"]),
            "canonical": len({v[0] for v in blocked["members"].values()}),
            "blocked_comparisons": blocked["comparisons"],
            "exhaustive_comparisons": every["comparisons"],
            "blocked_cpu_s": round(blocked["cpu_seconds"], 1),
            "exhaustive_cpu_s": round(every["cpu_seconds"], 1),
            "differences": len(differ),
            "first_differences": [[k, blocked["members"].get(k), every["members"].get(k)]
                                  for k in differ[:10]]}
        with Store(blocked_db) as store:
            for path in args.lists:
                data = read_list(path, max_bytes=500 * 2**20)
                rows = [{"list": path.stem, **vars(e)} for e in data.entries]
                rs.add_watchlist(store, path.stem, data.format, str(path), rows)
            started = time.process_time()
            result = screen(store)
            screen_cpu = time.process_time() - started
            if args.dump:
                lines = [json.dumps(["member", *k, *v], ensure_ascii=False)
                         for k, v in sorted(blocked["members"].items())]
                lines += [json.dumps(["flag", r["canonical_id"], r["list"], r["entry_id"],
                                      r["score"], r["reason"]], ensure_ascii=False)
                          for r in store.fetch("SELECT * FROM flags ORDER BY canonical_id, "
                                               "list, entry_id")]
                args.dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
            flags: dict[str, set[tuple[str, str, float]]] = {}
            for row in store.fetch("SELECT canonical_id, list, entry_id, score FROM flags"):
                flags.setdefault(row["canonical_id"], set()).add(
                    (row["list"], row["entry_id"], row["score"]))
            targets = {t["canonical_id"]: t for t in rs.screening_targets(store, None)}
            index = EveryName(ListIndex(rs.list_entries(store, [p.stem for p in args.lists])))
            others = sorted(set(targets) - set(flags))
            random.Random(args.seed).shuffle(others)
            sample = sorted(flags) + others[:args.sample]
            countries = _article_countries(store, sample)
            facts = _facts(store, sample)
            started = time.process_time()
            mismatched = []
            for cid in sample:
                found = _exhaustive_flags(index, targets[cid], countries, facts)
                got = {(f["list"], f["entry_id"], f["score"]) for f in found}
                if got != flags.get(cid, set()):
                    mismatched.append([targets[cid]["names"][:3], sorted(got),
                                       sorted(flags.get(cid, set()))])
            every_cpu = time.process_time() - started
        report["screening"] = {
            "targets": result.screened, "blocked_comparisons": result.comparisons,
            "blocked_cpu_s": round(screen_cpu, 1), "flags": result.flags,
            "flagged_entities": len(flags), "sample_checked": len(sample),
            "exhaustive_cpu_s_for_sample": round(every_cpu, 1),
            "differences": len(mismatched), "first_differences": mismatched[:10]}
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
