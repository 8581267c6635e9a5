"""Settings: defaults < config file < SELON_* environment < flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from selon import settings
from selon.errors import ConfigError


def test_defaults() -> None:
    s = settings.load({})
    assert s.lang == "fr" and s.max_bytes == 10 * settings.MB


def test_precedence(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('lang = "auto"\nmax_bytes = 1000\noutlet = "Fichier"\n')
    s = settings.load({"SELON_CONFIG": str(cfg), "SELON_MAX_BYTES": "2000"})
    assert (s.lang, s.max_bytes, s.outlet) == ("auto", 2000, "Fichier")
    s = s.with_flags(outlet="Drapeau", lang=None)
    assert (s.lang, s.outlet) == ("auto", "Drapeau")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SELON_MAX_BYTES": "lots"}, "whole number"),
        ({"SELON_LANG": "xx"}, "lang must be"),
        ({"SELON_CONFIG": "/nonexistent/selon.toml"}, "not a file"),
    ],
)
def test_bad_settings_are_explained(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        settings.load(env)


def test_bad_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("lang = \n")
    with pytest.raises(ConfigError, match="cannot read config"):
        settings.load({"SELON_CONFIG": str(cfg)})
    cfg.write_text('colour = "blue"\n')
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        settings.load({"SELON_CONFIG": str(cfg)})
