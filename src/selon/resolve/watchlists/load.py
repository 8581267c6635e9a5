"""Load a watchlist into the store (whole or not at all), then screen the store."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from selon.errors import InputError
from selon.resolve.screen import ScreenResult, screen
from selon.resolve.watchlists.read import read_list
from selon.store import resolution as rs
from selon.store.db import Store


@dataclass
class Loaded:
    name: str
    format: str
    entries: int
    screening: ScreenResult
    warnings: list[str] = field(default_factory=list)


def default_name(path: Path) -> str:
    stem = path.name.split(".")[0]
    return stem.removesuffix("_sdn").removesuffix("-sdn") or stem


def add(store: Store, path: Path, *, name: str | None = None,
        max_bytes: int = 200 * 2**20) -> Loaded:
    """Read the list at ``path``, store it under ``name`` (replacing a list of that name)
    and screen every canonical entity of the store against it."""
    if not path.is_file():
        raise InputError("no such file", source=str(path))
    data = read_list(path, max_bytes=max_bytes)
    list_name = (name or default_name(path)).strip()
    if not list_name:
        raise InputError("a watchlist needs a name; pass --name", source=str(path))
    rows = [{"list": list_name, **asdict(e)} for e in data.entries]
    rs.add_watchlist(store, list_name, data.format, str(path), rows)
    return Loaded(list_name, data.format, len(rows), screen(store, lists=[list_name]),
                  data.warnings)


def remove(store: Store, name: str) -> int:
    if not any(w["name"] == name for w in rs.watchlists(store)):
        known = ", ".join(w["name"] for w in rs.watchlists(store)) or "none"
        raise InputError(f"no watchlist named {name!r} in the store (loaded: {known})")
    return rs.remove_watchlist(store, name)
