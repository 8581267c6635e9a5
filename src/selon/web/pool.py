"""The store connections of the web app: a few per process, one request at a time each."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selon.errors import StoreError
from selon.store.db import Store

POOL_SIZE = 8  # requests at work at once (see selon.web.admission), one connection each


class StorePool:
    """A few connections to one store file, one request at a time each.

    A DuckDB connection must not be shared by threads at once; connections to the same
    file in one process share one database, so readers run side by side. Connections are
    opened on demand (up to ``size``) and kept for reuse.
    """

    def __init__(self, path: Path, *, read_only: bool, size: int = POOL_SIZE,
                 threads: int | None = None) -> None:
        self.path = path
        self.read_only = read_only
        self.size = size
        self.threads = threads
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        self._idle.put(self._open())

    def _open(self) -> Store:
        store = Store(self.path, read_only=self.read_only)
        if self.threads is not None:  # for the database of this process, every connection
            store.fetch(f"SET threads = {int(self.threads)}")
        self._all.append(store)
        return store

    @contextmanager
    def get(self) -> Iterator[Store]:
        """Borrow a connection for the time of a block; never waits.

        The admission control lets no more requests work than there are connections, so
        one is always free; should one not be, StoreError (503) says so at once rather
        than wait for a connection whose holder may be waiting for this thread.
        """
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                fresh = self._open() if len(self._all) < self.size else None
            if fresh is None:
                raise StoreError("every store connection is busy; retry in a moment") \
                    from None
            store = fresh
        try:
            yield store
        finally:
            self._idle.put(store)

    def close(self) -> None:
        """Close every idle connection (borrowed ones close when they come back are not
        tracked: call this when no request runs). The pool opens new ones when used again."""
        with self._lock:
            while True:
                try:
                    self._idle.get_nowait()
                except queue.Empty:
                    break
            for store in self._all:
                store.close()
            self._all.clear()
