"""Answers shared by the server's worker processes and kept across restarts, for a store
served read-only.

A store served read-only cannot change while it is served (DuckDB lets no process write
a file others hold open), so an answer to a GET request stays right as long as the store
files, the search indexes and selon's own code are the same. :func:`fingerprint` sums
those up (sizes and modification times: any committed write changes the store file or
its write-ahead log, any index commit its folder); the answers of other fingerprints are
deleted when the file is opened. The answers live in one SQLite file beside the store
(``<store>.answers``), so that each of several worker processes need not compute them
again, nor a server started again on the same store.

Where that file cannot be written (a read-only folder), :func:`open_shared` returns None
and each process keeps its answers in memory only, as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import queue
import sqlite3
import threading
from pathlib import Path

import selon
from selon import __version__
from selon.store.searchindex import index_path, statement_index_path

log = logging.getLogger("selon.web")

MAX_BYTES = 512 * 1024 * 1024  # bodies kept in the file at most; past it nothing is added
BUSY_MS = 200  # a write waiting longer for another process's is dropped (in its thread)
PENDING = 256  # answers waiting to be written at most; more are not shared

_SCHEMA = ("CREATE TABLE IF NOT EXISTS answers (generation TEXT NOT NULL, "
           "key TEXT NOT NULL, status INTEGER NOT NULL, headers TEXT NOT NULL, "
           "body BLOB NOT NULL, PRIMARY KEY (generation, key)) WITHOUT ROWID")


def answers_path(store_path: Path) -> Path:
    """Where the shared answers of the store file ``store_path`` live."""
    return store_path.with_name(store_path.name + ".answers")


def _stats(path: Path) -> list[tuple[str, int, int]]:
    """(name, size, mtime ns) of a file, or of every file of a folder; none if absent."""
    if path.is_file():
        st = path.stat()
        return [(path.name, st.st_size, st.st_mtime_ns)]
    if path.is_dir():
        out = []
        for child in sorted(path.rglob("*")):
            if child.is_file() and not child.name.startswith(".tantivy"):  # locks
                st = child.stat()
                out.append((str(child.relative_to(path)), st.st_size, st.st_mtime_ns))
        return out
    return []


def _code_files() -> list[Path]:
    root = Path(selon.__file__).resolve().parent
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in
                  {".py", ".html", ".json", ".js", ".css"})


def fingerprint(store_path: Path, salt: str = "") -> str:
    """What an answer depends on: the store file, its write-ahead log, its two search
    indexes, selon's version and code (a changed template changes every page), and
    ``salt`` (the server's settings)."""
    parts: list[object] = [__version__, salt]
    for path in (store_path, store_path.with_name(store_path.name + ".wal"),
                 index_path(store_path), statement_index_path(store_path)):
        parts.append(_stats(path))
    parts.append([(str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in _code_files()])
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]


class SharedAnswers:
    """The answers of one store fingerprint in the SQLite file: any process may add, all
    read. Every failure (locked, full disk) only means an answer is not shared."""

    def __init__(self, path: Path, generation: str) -> None:
        self.path = path
        self.generation = generation
        self._con = sqlite3.connect(str(path), timeout=BUSY_MS / 1000,
                                    check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        self._con.execute("PRAGMA journal_mode = WAL")
        self._con.execute("PRAGMA synchronous = OFF")  # a lost answer is computed again
        self._con.execute(_SCHEMA)
        self._bytes = 0
        with contextlib.suppress(sqlite3.Error):
            self._con.execute("DELETE FROM answers WHERE generation <> ?", [generation])
        row = self._con.execute("SELECT coalesce(sum(length(body)), 0) FROM answers").fetchone()
        self._bytes = int(row[0]) if row else 0
        # Writes go through a connection of their own, so that reads never wait for them.
        self._wcon = sqlite3.connect(str(path), timeout=BUSY_MS / 1000,
                                     check_same_thread=False)
        self._wcon.execute("PRAGMA synchronous = OFF")
        self._pending: queue.Queue[tuple[str, str, int, str, bytes]] = queue.Queue(PENDING)
        self._closed = False
        self._writer = threading.Thread(target=self._write, name="selon-answers",
                                        daemon=True)
        self._writer.start()

    def get(self, key: str) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        try:
            with self._lock:
                row = self._con.execute(
                    "SELECT status, headers, body FROM answers WHERE generation = ? "
                    "AND key = ?", [self.generation, key]).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in json.loads(row[1])]
        return int(row[0]), headers, bytes(row[2])

    def put(self, key: str, status: int, headers: list[tuple[bytes, bytes]],
            body: bytes) -> None:
        """Add an answer, later: a thread of its own writes it (the caller, often the
        server's event loop, never waits for another process's write). Dropped when that
        thread is behind by :data:`PENDING` answers."""
        if self._closed or self._bytes + len(body) > MAX_BYTES:
            return
        raw = json.dumps([(k.decode("latin-1"), v.decode("latin-1")) for k, v in headers])
        try:
            self._pending.put_nowait((self.generation, key, status, raw, body))
        except queue.Full:
            return
        self._bytes += len(body)

    def _write(self) -> None:
        while True:
            rows = [self._pending.get()]
            while len(rows) < 64:
                try:
                    rows.append(self._pending.get_nowait())
                except queue.Empty:
                    break
            done = None in rows
            rows = [r for r in rows if r is not None]
            try:
                with self._wcon:  # one transaction
                    self._wcon.executemany(
                        "INSERT OR IGNORE INTO answers VALUES (?, ?, ?, ?, ?)", rows)
            except sqlite3.Error:  # locked longer than BUSY_MS, a full disk: not shared
                pass
            if done:
                self._wcon.close()
                return

    def close(self) -> None:
        """Write what is pending (for 5 s at most) and close; again, nothing happens.
        Never waits for ever: answers added after it are dropped."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(queue.Full):
            self._pending.put(None, timeout=5)  # type: ignore[arg-type]
        self._writer.join(timeout=5)
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._con.close()


def open_shared(store_path: Path, salt: str = "") -> SharedAnswers | None:
    """The shared answers of the store at ``store_path`` as it is now (for a server of
    these settings, ``salt``), or None when the file cannot be opened (each process then
    keeps its answers to itself)."""
    path = answers_path(store_path)
    try:
        return SharedAnswers(path, fingerprint(store_path, salt))
    except (OSError, sqlite3.Error) as exc:
        log.info("answers not shared between processes (%s): %s", path.name, exc)
        return None


def remove(store_path: Path) -> None:
    """Delete the shared answers of a store (its file and SQLite's companions)."""
    path = answers_path(store_path)
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(p)
