"""Ingest a stream of inputs into the store: admit, deduplicate, analyse, write.

Memory stays flat in corpus size: inputs are streamed, analysis runs in bounded
windows, and only the articles in flight (admitted, not yet written) are held.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from selon.analyse.parallel import analyze_stream, chunked
from selon.errors import SelonError, StoreError
from selon.ingest.dedup import bands, is_duplicate, signature
from selon.model import Analysis, Article, Failure
from selon.reasons import say
from selon.reconcile import build as reconcile_build
from selon.resolve.stage import ResolveStage
from selon.store import addresses
from selon.store.db import Store
from selon.store.nearcopies import find_duplicates
from selon.store.rows import WriteItem

WRITE_EVERY = 64  # articles per store transaction
ADMIT_EVERY = 32  # inputs looked up in the store at once


@dataclass
class IngestSummary:
    ingested: int = 0
    present: int = 0
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    not_written: int = 0  # of the failures: analysed, but the store refused the write
    store_error: str | None = None  # the index or the link repair could not be written
    resolved: int = 0  # article entities resolved to canonical entities
    flags: int = 0  # watchlist flags set on the canonical entities of these articles
    undated: list[str] = field(default_factory=list)  # inputs dated today for lack of a date
    addresses: int = 0  # new places (URL, file) of a text already stored, kept in the store
    analysed: int = 0  # articles analysed so far (stored a batch at a time afterwards)

    @property
    def done(self) -> int:
        """Inputs dealt with so far: analysed (stored or about to be), present or failed."""
        return self.analysed + self.present + len(self.failures) - self.not_written

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
    # Also write the store's tables there as Parquet partitions (with the dask engine, by
    # default into ``partitions``).
    tables: Path | None = None
    batch_size: int = 16
    background: bool = False  # analyse in low-priority processes, even for one worker


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
    seen_again: list[tuple[str, str | None, str | None]] = []  # (id, url, source)
    tables = options.tables or (options.partitions if options.engine == "dask" else None)
    if tables is not None:
        store.mirror_to(tables)

    def admitted() -> Iterator[Article]:
        # Inputs are looked up in the store a group at a time: one query for the ids
        # already stored and one for near-copies, instead of two per article.
        for group in chunked(inputs, ADMIT_EVERY):
            failures = [item for item in group if isinstance(item, Failure)]
            summary.failures.extend(failures)
            articles = [item for item in group if not isinstance(item, Failure)]
            stored = store.existing([a.id for a in articles])
            fresh: dict[str, tuple[Article, list[int], list[tuple[int, int]]]] = {}
            for article in articles:
                if article.id in stored or article.id in in_flight or article.id in fresh:
                    summary.present += 1
                    seen_again.append((article.id, article.url, article.source))
                    continue
                if article.published_from == "today":
                    summary.undated.append(article.source or article.id)
                sig = signature(article.text)
                fresh[article.id] = (article, sig, bands(sig))
            originals = find_duplicates(
                store, [(b, partial(is_duplicate, sig)) for _, sig, b in fresh.values()])
            for (article, sig, item_bands), original in zip(fresh.values(), originals,
                                                            strict=True):
                in_flight[article.id] = _InFlight(
                    sig, item_bands, original or _in_flight_original(sig, in_flight))
            if failures or len(fresh) < len(articles):
                notify(summary)
            for article, _, _ in fresh.values():
                yield article

    buffer: list[WriteItem] = []
    heirs: dict[str, str | None] = {}
    stage: list[ResolveStage] = []  # made at the first write: reads the store's entities once

    def flush() -> None:
        written = set(_write(store, buffer, summary))
        if written:
            _resolve(store, stage, sorted(written), summary)
        for w in buffer:
            aid = w.analysis.article.id
            info = in_flight.pop(aid)
            if aid in written:
                summary.ingested += 1
                summary.duplicates += info.duplicate_of is not None
            elif info.duplicate_of is None:  # an original that could not be stored:
                # the store made its first stored copy here (if any) the original
                copies = sorted(c.analysis.article.id for c in buffer
                                if c.duplicate_of == aid and c.analysis.article.id in written)
                heirs[aid] = copies[0] if copies else None
        buffer.clear()

    results = analyze_stream(admitted(), workers=options.workers, engine=options.engine,
                             scheduler=options.scheduler, partitions=options.partitions,
                             batch_size=options.batch_size, background=options.background)
    # A copy admitted while its original was in flight points at it; if the original then
    # fails, its first copy stored becomes the original and the later ones point there.
    for result in results:
        if isinstance(result, Analysis):
            summary.analysed += 1
            info = in_flight[result.article.id]
            if info.duplicate_of in heirs:
                heir = heirs[info.duplicate_of]
                if heir is None:
                    heirs[info.duplicate_of] = result.article.id
                info.duplicate_of = heir
            buffer.append(WriteItem(result, info.duplicate_of, info.signature, info.bands))
            if len(buffer) >= WRITE_EVERY:
                flush()
        else:
            summary.failures.append(result)
            if result.article_id:  # no longer in flight: a later copy may be tried again
                lost = in_flight.pop(result.article_id, None)
                if lost is not None and lost.duplicate_of is None:
                    heirs[result.article_id] = None  # its copies need a new original
        summary.seconds = time.perf_counter() - started
        notify(summary)
    flush()
    try:
        summary.addresses = addresses.record(store, seen_again)  # a second URL is not lost
        store.repair_near_copy_links()  # links left dangling by an older run
        # Checked on every run, not only when something was stored: a build killed before
        # it committed, or one that failed, leaves the index stale or absent.
        if store.search_available and not store.search_index_current:
            store.refresh_search_index()
        reconcile_build.update(store)  # stories: place what is in none yet (also after a kill)
        store.snapshot_derived()  # the Parquet folder's summaries, entities and stories
    except StoreError as exc:  # a full disk: what was stored stays stored; say so
        summary.store_error = str(exc)
    summary.seconds = time.perf_counter() - started
    return summary


def _resolve(store: Store, stage: list[ResolveStage], ids: list[str],
             summary: IngestSummary) -> None:
    """Resolve a stored batch against the store and screen what it changed. The articles
    are stored already: a failure here is reported and ``selon entities resolve`` does it
    later; it loses nothing."""
    try:
        if not stage:
            stage.append(ResolveStage(store))
        result, screened = stage[0].run(ids)
    except SelonError as exc:
        stage.clear()
        summary.failures.append(Failure(f"{len(ids)} articles",
                                        say("ingest.resolve_failed", detail=str(exc))))
        return
    summary.resolved += result.resolved
    summary.flags += screened.flags


def _write(store: Store, items: list[WriteItem], summary: IngestSummary) -> list[str]:
    """Write a batch; if it is refused, write one by one so one bad record loses nothing else."""
    try:
        return store.write_many(items)
    except StoreError as exc:
        if len(items) == 1:
            art = items[0].analysis.article
            summary.failures.append(Failure(art.source or art.id,
                                            say("ingest.not_stored", detail=str(exc)), art.id))
            summary.not_written += 1
            return []
    return [aid for item in items for aid in _write(store, [item], summary)]


def _in_flight_original(sig: list[int], in_flight: dict[str, _InFlight]) -> str | None:
    """The article in flight (admitted, not yet stored) this text is a near-copy of."""
    for other_id, info in in_flight.items():
        if is_duplicate(sig, info.signature):
            return info.duplicate_of or other_id
    return None
