"""The pair matcher alone: CPU time per comparison, and a digest of every result.

Two sets of pairs:

1. screening pairs: the capitalised word runs of the first ``--articles`` articles of
   the corpus (as ``bench/resolve.py`` builds its PER entities) against the UN and OFAC
   names their blocking proposes, compared as screening does (``strict_joins``);
2. the labelled name-pair files (``--pairs``), each pair compared in the three ways the
   matcher is called (plain, ``careful`` as resolution merges, ``strict_joins`` as
   screening).

Names are parsed first (``name_form``, outside the timing), then every pair is compared
``--repeat`` times: the first pass counts as "cold" (the matcher's word scores are
kept from one comparison to the next, so a first pass costs what one screening run
does), the best of the others as "warm". Screening pairs are timed twice: exact scores
(``needed`` 0) and as screening calls the matcher (``needed``: the lowest score its
first pass keeps, so the matcher may stop short below it).

Prints the number of pairs, the CPU µs per comparison, a SHA-256 digest of all exact
results (score, reasons, words left over: a change that keeps every score keeps the
digest) and the number of screening pairs whose result with ``needed`` differs from
the exact one at or above ``needed``, or reaches ``needed`` when the exact one does not
(0 expected). ``--dump FILE`` writes the exact results, one line per pair.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import inspect
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# this folder holds a requests.py of its own: keep it behind the installed packages
# (followthemoney imports the requests package)
sys.path[:] = ([str(ROOT / "src")]
               + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
               + [str(ROOT / "bench")])

from _screening import NEEDED, Pair, compare_pairs, screening_pairs  # noqa: E402
from selon.resolve.evaluate import read_pairs  # noqa: E402
from selon.resolve.matcher import Match, compare_forms  # noqa: E402
from selon.resolve.names import name_form  # noqa: E402
from selon.resolve.screen import ListIndex  # noqa: E402
from selon.resolve.watchlists import read_list  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
_NAME = re.compile(r"\b[A-Z][a-zà-ÿ]+(?:[ -][A-Z][a-zà-ÿ]+){1,2}\b")


def article_names(corpus: Path, limit: int, per_article: int) -> list[str]:
    names: dict[str, None] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= limit:
                break
            seen: set[str] = set()
            for m in _NAME.finditer(json.loads(line).get("text") or ""):
                if len(seen) < per_article:
                    seen.add(m.group(0))
            names.update(dict.fromkeys(sorted(seen)))
    return list(names)


def list_index(lists: list[Path]) -> ListIndex:
    entries: list[dict[str, Any]] = []
    for path in lists:
        data = read_list(path, max_bytes=500 * 2**20)
        entries.extend({"list": path.stem, **vars(e)} for e in data.entries)
    return ListIndex(entries)


def file_pairs(paths: list[Path]) -> list[Pair]:
    out: list[Pair] = []
    for path in paths:
        for p in read_pairs(path):
            a, b = name_form(p.name1, p.kind), name_form(p.name2, p.kind)
            for how in ({}, {"careful": True}, {"strict_joins": True}):
                out.append((a, b, how))
    return out


def timed(pairs: list[Pair], repeat: int,
          needed: float = 0.0) -> tuple[float, float, list[Match]]:
    """CPU seconds of the first pass and of the best later one, and the results."""
    times = []
    results: list[Match] = []
    for _ in range(max(2, repeat)):
        started = time.process_time()
        results = compare_pairs(pairs, needed)
        times.append(time.process_time() - started)
    return times[0], min(times[1:]), results


def line(pair: Pair, match: Match) -> str:
    a, b, how = pair
    return json.dumps([a.original, b.original, a.kind, b.kind, sorted(how), match.score,
                       list(match.reasons), match.extra, match.extra_lead, match.longer],
                      ensure_ascii=False)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "orangesum-all.jsonl.gz")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--per-article", type=int, default=12)
    ap.add_argument("--lists", nargs="*", type=Path,
                    default=[SHARED / "sanctions" / "UN_consolidated.xml",
                             SHARED / "sanctions" / "ofac_sdn.csv"])
    ap.add_argument("--pairs", nargs="*", type=Path,
                    default=[SHARED / "names" / "nomenklatura_cases.csv",
                             SHARED / "names" / "watchman_cross_script_pairs.csv",
                             ROOT / "tests" / "data" / "name_pairs.csv"])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    names = article_names(args.corpus, args.articles, args.per_article)
    screening = screening_pairs(list_index(args.lists), ((name, "PER") for name in names))
    labelled = file_pairs(args.pairs)
    screen_cold, screen_warm, screen_results = timed(screening, args.repeat)
    files_cold, files_warm, files_results = timed(labelled, args.repeat)
    report: dict[str, object] = {"screening_pairs": len(screening)}

    def per(seconds: float, n: int) -> float:
        return round(1e6 * seconds / max(1, n), 1)

    report["screening_cpu_us_cold"] = per(screen_cold, len(screening))
    report["screening_cpu_us_warm"] = per(screen_warm, len(screening))
    if "needed" in inspect.signature(compare_forms).parameters:
        cold, warm, quick = timed(screening, args.repeat, NEEDED)
        report["needed"] = NEEDED
        report["screening_needed_cpu_us_cold"] = per(cold, len(screening))
        report["screening_needed_cpu_us_warm"] = per(warm, len(screening))
        report["needed_mismatches"] = sum(
            1 for p, m, q in zip(screening, screen_results, quick, strict=True)
            if (m.score >= NEEDED or q.score >= NEEDED) and line(p, m) != line(p, q))
    report["labelled_pairs"] = len(labelled)
    report["labelled_cpu_us_cold"] = per(files_cold, len(labelled))
    report["labelled_cpu_us_warm"] = per(files_warm, len(labelled))
    digest = hashlib.sha256()
    lines = [line(p, m) for p, m in zip(screening + labelled,
                                        screen_results + files_results, strict=True)]
    for text in lines:
        digest.update(text.encode() + b"\n")
    if args.dump:
        args.dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report["digest"] = digest.hexdigest()
    if args.json:
        print(json.dumps(report))
    else:
        for key, value in report.items():
            print(f"{key:34} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
