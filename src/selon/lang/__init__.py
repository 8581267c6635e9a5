"""Language knowledge lives in data files: ``lang/<code>/<name>.json``."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from selon.errors import ConfigError

SUPPORTED = ("fr",)


@cache
def load(lang: str, name: str) -> Any:
    """Return the parsed data file ``lang/<lang>/<name>.json`` (cached)."""
    try:
        raw = resources.files("selon.lang").joinpath(lang, f"{name}.json").read_text("utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(
            f"no language data {name!r} for {lang!r}; supported languages: {', '.join(SUPPORTED)}"
        ) from exc
    return json.loads(raw)


@cache
def load_shared(name: str) -> Any:
    """Return the parsed data file ``lang/<name>.json`` shared by all languages."""
    raw = resources.files("selon.lang").joinpath(f"{name}.json").read_text("utf-8")
    return json.loads(raw)
