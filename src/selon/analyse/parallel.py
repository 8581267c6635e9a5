"""Run the analysis here, in local worker processes, or on a Dask cluster.

Whatever the engine, articles stream through in bounded windows (a corpus is never
held in memory), results come back in input order, and each worker process loads the
spaCy pipeline once. An article that makes the analysis fail is reported as a
``Failure`` and the rest of its chunk still goes through.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Protocol, TypeVar

from selon.analyse import pipeline
from selon.errors import ConfigError, SelonError
from selon.model import Analysis, Article, Failure
from selon.reasons import say

log = logging.getLogger(__name__)

T = TypeVar("T")
CHUNK = 16  # articles per task: one spaCy batch
BACKGROUND_NICENESS = 5  # how much a background analysis yields the CPU to its server


Result = Analysis | Failure


class _Future(Protocol):
    def result(self) -> Any: ...


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def analyze_chunk(chunk: list[Article], batch_size: int = CHUNK) -> list[Result]:
    """Analyse a chunk; if it fails as a whole, retry one article at a time."""
    try:
        return list(pipeline.analyze(chunk, batch_size=batch_size))
    except SelonError:
        raise
    except Exception:  # isolate the article that breaks the model
        log.debug("chunk failed; retrying article by article", exc_info=True)
    out: list[Result] = []
    for article in chunk:
        try:
            out.append(pipeline.analyze_one(article))
        except Exception as exc:  # one bad article must not stop a batch
            out.append(Failure(article.source or article.id,
                               say("ingest.analysis_failed", detail=repr(exc)), article.id))
    return out


def _windowed(submit: Callable[[list[Article]], _Future], chunks: Iterable[list[Article]],
              window: int) -> Iterator[Result]:
    pending: deque[_Future] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def analyze_stream(
    articles: Iterable[Article],
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    partitions: Path | None = None,
    batch_size: int = CHUNK,
    background: bool = False,
) -> Iterator[Result]:
    """Analyses (or Failures) for ``articles``, in order. One local worker analyses in
    this process; ``background`` analyses in worker processes of low priority even for one
    worker (a server keeps its threads and its cores for its readers)."""
    if engine == "dask":
        yield from _dask(articles, scheduler, partitions, batch_size)
    elif engine != "local":
        raise ConfigError(f"unknown engine {engine!r}; use 'local' or 'dask'")
    elif workers <= 1 and not background:
        for chunk in chunked(articles, batch_size):
            yield from analyze_chunk(chunk, batch_size)
    else:
        ctx = get_context("spawn")
        with ProcessPoolExecutor(max(1, workers), mp_context=ctx,
                                 initializer=_warm_background if background else _warm) as pool:
            yield from _windowed(lambda c: pool.submit(analyze_chunk, c, batch_size),
                                 chunked(articles, batch_size), window=2 * workers)


def _warm() -> None:
    pipeline.load("fr")


def _warm_background() -> None:
    os.nice(BACKGROUND_NICENESS)
    _warm()


def _dask(articles: Iterable[Article], scheduler: str | None, partitions: Path | None,
          batch_size: int) -> Iterator[Result]:
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - distributed is a pinned dependency
        raise ConfigError("the dask engine needs the 'distributed' package") from exc
    if not scheduler:
        raise ConfigError("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    if partitions is None:
        raise ConfigError("--engine dask needs a folder for its Parquet partitions")
    partitions.mkdir(parents=True, exist_ok=True)
    with Client(scheduler, timeout="30s") as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        counter = iter(range(10**12))

        def submit(chunk: list[Article]) -> _Future:
            path = partitions / f"part-{next(counter):06d}-{chunk[0].id}.parquet"
            future: _Future = client.submit(_chunk_to_partition, chunk, str(path), batch_size,
                                            pure=False)
            return _PartitionFuture(future, path)

        yield from _windowed(submit, chunked(articles, batch_size), window=2 * workers)


@dataclass
class _PartitionFuture:
    """A Dask future whose result is read back from the Parquet partition it wrote."""

    future: _Future
    path: Path

    def result(self) -> list[Result]:
        from selon.output import from_json
        from selon.store.partitions import read_partition

        outcome: list[Failure | None] = self.future.result()
        records = iter(read_partition(self.path))
        return [from_json(next(records)) if o is None else o for o in outcome]


def _chunk_to_partition(chunk: list[Article], path: str, batch_size: int) -> list[Failure | None]:
    """On a Dask worker: analyse a chunk and write it as a Parquet partition.

    Returns, per article, None where its analysis is in the partition, else its Failure.
    """
    from selon.output import to_json
    from selon.store.partitions import write_partition

    results = analyze_chunk(chunk, batch_size)
    write_partition(Path(path), [to_json(r) for r in results if isinstance(r, Analysis)])
    return [r if isinstance(r, Failure) else None for r in results]
