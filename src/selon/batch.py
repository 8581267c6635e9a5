"""Ingest a stream of inputs into the store: admit, deduplicate, analyse, write.

Memory stays flat in corpus size: inputs are streamed, analysis runs in bounded
windows, and only the articles in flight (admitted, not yet written) are held.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from selon.analyse.parallel import analyze_stream
from selon.errors import StoreError
from selon.ingest.dedup import DUPLICATE_THRESHOLD, bands, signature, similarity
from selon.model import Analysis, Article, Failure
from selon.store.db import Store
from selon.store.rows import WriteItem

WRITE_EVERY = 64  # articles per store transaction


@dataclass
class IngestSummary:
    ingested: int = 0
    present: int = 0
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.ingested / self.seconds if self.seconds else 0.0


@dataclass
class _InFlight:
    signature: list[int]
    bands: list[tuple[int, int]]
    duplicate_of: str | None


@dataclass
class Options:
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    partitions: Path | None = None
    batch_size: int = 16


def ingest(
    inputs: Iterable[Article | Failure],
    store: Store,
    options: Options | None = None,
    *,
    on_result: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Analyse and store every new article of ``inputs``; report what happened to each."""
    options = options or Options()
    summary = IngestSummary()
    started = time.perf_counter()
    in_flight: dict[str, _InFlight] = {}
    notify = on_result or (lambda _s: None)

    def admitted() -> Iterator[Article]:
        for item in inputs:
            if isinstance(item, Failure):
                summary.failures.append(item)
                notify(summary)
                continue
            if item.id in in_flight or store.has(item.id):
                summary.present += 1
                notify(summary)
                continue
            sig = signature(item.text)
            item_bands = bands(sig)
            in_flight[item.id] = _InFlight(sig, item_bands, _original(store, sig, item_bands,
                                                                      in_flight))
            yield item

    buffer: list[WriteItem] = []

    def flush() -> None:
        written = set(_write(store, buffer, summary))
        for w in buffer:
            info = in_flight.pop(w.analysis.article.id)
            if w.analysis.article.id in written:
                summary.ingested += 1
                summary.duplicates += info.duplicate_of is not None
        buffer.clear()

    results = analyze_stream(admitted(), workers=options.workers, engine=options.engine,
                             scheduler=options.scheduler, partitions=options.partitions,
                             batch_size=options.batch_size)
    for result in results:
        if isinstance(result, Analysis):
            info = in_flight[result.article.id]
            buffer.append(WriteItem(result, info.duplicate_of, info.signature, info.bands))
            if len(buffer) >= WRITE_EVERY:
                flush()
        else:
            summary.failures.append(result)
        summary.seconds = time.perf_counter() - started
        notify(summary)
    flush()
    if summary.ingested:
        store.refresh_search_index()
    summary.seconds = time.perf_counter() - started
    return summary


def _write(store: Store, items: list[WriteItem], summary: IngestSummary) -> list[str]:
    """Write a batch; if it is refused, write one by one so one bad record loses nothing else."""
    try:
        return store.write_many(items)
    except StoreError as exc:
        if len(items) == 1:
            art = items[0].analysis.article
            summary.failures.append(Failure(art.source or art.id, str(exc)))
            return []
    return [aid for item in items for aid in _write(store, [item], summary)]


def _original(store: Store, sig: list[int], item_bands: list[tuple[int, int]],
              in_flight: dict[str, _InFlight]) -> str | None:
    """The article this text is a near-copy of: stored already, or in flight."""
    found = store.find_duplicate(
        item_bands, lambda other: similarity(sig, other) >= DUPLICATE_THRESHOLD)
    if found:
        return found
    for other_id, info in in_flight.items():
        if similarity(sig, info.signature) >= DUPLICATE_THRESHOLD:
            return info.duplicate_of or other_id
    return None
