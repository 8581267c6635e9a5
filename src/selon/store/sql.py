"""SQL text for the few statements DuckDB cannot parameterise (COPY ... TO, ATTACH, file lists)."""

from __future__ import annotations


def literal(value: str) -> str:
    """``value`` as a SQL string literal: quoted, its single quotes doubled."""
    return "'" + value.replace("'", "''") + "'"
