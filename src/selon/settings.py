"""One settings object shared by the CLI, the library and (later) the HTTP API.

Precedence, lowest first: defaults < config file < ``SELON_*`` environment < flags.
The config file is ``$SELON_CONFIG`` if set, else ``./selon.toml`` if present, else
``~/.config/selon/config.toml`` if present. It is TOML with the same keys as below.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from selon.errors import ConfigError

MB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    lang: str = "fr"  # fr | auto
    max_bytes: int = 10 * MB  # inputs larger than this (after decompression) are refused
    batch_size: int = 16
    outlet: str | None = None
    published: str | None = None  # ISO date that overrides every other source
    db: str = "selon.duckdb"  # the store file
    workers: int = 1  # local analysis processes for ingest
    engine: str = "local"  # local | dask
    scheduler: str | None = None  # Dask scheduler address, with engine = dask
    fetch_timeout: int = 15  # seconds for one URL, redirects included
    allow_private: bool = False  # fetch loopback/private addresses (tests, intranets)
    respect_robots: bool = True
    max_list_bytes: int = 200 * MB  # watchlist files larger than this are refused

    def with_flags(self, **flags: Any) -> Settings:
        """Return a copy where every flag that was given (not None) wins."""
        given = {k: v for k, v in flags.items() if v is not None}
        unknown = set(given) - {f.name for f in fields(self)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return _checked(replace(self, **given))


def _coerce(name: str, value: Any, source: str) -> Any:
    kinds = {f.name: f.type for f in fields(Settings)}
    if name not in kinds:
        raise ConfigError(
            f"unknown setting {name!r} in {source}; known: {', '.join(sorted(kinds))}"
        )
    if kinds[name] == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise ConfigError(f"{name} in {source} must be true or false, not {value!r}")
    if kinds[name] == "int":
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{name} in {source} must be a whole number, not {value!r}") from exc
    return None if value in ("", None) else str(value)


def _checked(s: Settings) -> Settings:
    if s.lang not in ("fr", "auto"):
        raise ConfigError(f"lang must be 'fr' or 'auto', not {s.lang!r}")
    if s.max_bytes <= 0:
        raise ConfigError("max_bytes must be positive")
    if s.published is not None:
        try:
            date.fromisoformat(s.published)
        except ValueError as exc:
            raise ConfigError(
                f"--published must be a date such as 2025-06-18, not {s.published!r}"
            ) from exc
    if s.batch_size <= 0:
        raise ConfigError("batch_size must be positive")
    if s.workers <= 0 or s.fetch_timeout <= 0:
        raise ConfigError("workers and fetch_timeout must be positive")
    if s.engine not in ("local", "dask"):
        raise ConfigError(f"engine must be 'local' or 'dask', not {s.engine!r}")
    return s


def config_path(env: dict[str, str]) -> Path | None:
    if env.get("SELON_CONFIG"):
        path = Path(env["SELON_CONFIG"])
        if not path.is_file():
            raise ConfigError(f"SELON_CONFIG points to {path}, which is not a file")
        return path
    for candidate in (Path("selon.toml"), Path.home() / ".config" / "selon" / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


def load(env: dict[str, str] | None = None) -> Settings:
    """Defaults, then the config file, then ``SELON_*`` variables."""
    env = dict(os.environ) if env is None else env
    values: dict[str, Any] = {}
    path = config_path(env)
    if path is not None:
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        for k, v in data.items():
            values[k] = _coerce(k, v, str(path))
    for f in fields(Settings):
        key = "SELON_" + f.name.upper()
        if key in env:
            values[f.name] = _coerce(f.name, env[key], key)
    return _checked(Settings(**values))
