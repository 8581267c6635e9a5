"""Command line: a thin layer over the library. ``selon --help`` lists the commands."""

from selon.cli import analyze, corpus, evaluate, resolve, serve, stories  # noqa: F401  (registers the commands)
from selon.cli.app import main

__all__ = ["main"]
