"""Command line: a thin layer over the library. ``selon --help`` lists the commands."""

from selon.cli import (  # noqa: F401  (registers the commands)
    analyze,
    corpus,
    corrections,
    evaluate,
    resolve,
    serve,
    statements,
    stories,
)
from selon.cli.app import main

__all__ = ["main"]
