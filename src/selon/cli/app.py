"""The ``selon`` command group and what every command shares."""

from __future__ import annotations

from typing import NoReturn

import click

from selon import __version__
from selon import settings as settings_mod
from selon.errors import SelonError
from selon.sanitize import terminal_text
from selon.settings import Settings

EXIT_BAD_INPUT = 2
EXIT_STORE_FAILED = 3  # analysed articles or the search index could not be written


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="selon")
def main() -> None:
    """selon: who said what, according to whom, with the span it came from.

    Settings come from defaults, then a config file (SELON_CONFIG, ./selon.toml or
    ~/.config/selon/config.toml), then SELON_* environment variables, then flags.
    """


def err(message: str) -> None:
    """One line on stderr, prefixed with the program name (control characters of file
    names and other inputs escaped, so no input can forge a line or a terminal sequence)."""
    click.echo(f"selon: {terminal_text(message)}", err=True)


def fail(exc: SelonError) -> NoReturn:
    """Report an error in one line and exit with status 2."""
    err(f"error: {exc}")
    raise SystemExit(EXIT_BAD_INPUT)


def load_settings(**flags: object) -> Settings:
    """Settings with the given command-line flags applied (None = not given)."""
    try:
        return settings_mod.load().with_flags(**flags)
    except SelonError as exc:
        raise click.UsageError(str(exc)) from exc
