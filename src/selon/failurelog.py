"""The failures log (``<db>.failures.log``): one tab-separated line per failed input.

Each line is ``time<TAB>input<TAB>reason``. Every field is escaped
(:func:`selon.sanitize.log_field`), so a file name holding a newline or a tab cannot
forge a line or a field.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from selon.model import Failure
from selon.sanitize import log_field


def lines(failures: Iterable[Failure], when: datetime | None = None) -> list[str]:
    """The log lines for ``failures`` (each ending with a newline)."""
    stamp = (when or datetime.now(UTC)).isoformat(timespec="seconds")
    return [f"{log_field(stamp)}\t{log_field(f.input)}\t{log_field(f.reason)}\n"
            for f in failures]


def append(path: Path, failures: Iterable[Failure], when: datetime | None = None) -> None:
    """Append the lines for ``failures`` to ``path``; raises OSError (a full disk, a
    read-only folder) for the caller to report."""
    text = "".join(lines(failures, when))
    with path.open("a", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
