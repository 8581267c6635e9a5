"""Values made safe for where they are written: log lines, spreadsheet cells, link fields.

Inputs are hostile: a file name may hold a newline (a forged log line), a quote may start
with ``=`` (a spreadsheet formula), a page may give a ``javascript:`` URL.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

# C0 and C1 control characters, DEL, and the Unicode line and paragraph separators, which
# some viewers also break lines on.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# OWASP "CSV injection": a cell starting with one of these is read as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def log_field(value: Any) -> str:
    """``value`` as one field of a tab-separated log line: a backslash, tab, newline or any
    other control character is written as an escape (``\\\\``, ``\\t``, ``\\n``, ``\\x1b``),
    so a field can never end its line or forge another one."""
    return _CONTROL.sub(_escape, str(value).replace("\\", "\\\\"))


def terminal_text(value: Any) -> str:
    """``value`` with control characters escaped (no terminal escape sequences, no forged
    lines), for messages that name an input."""
    return _CONTROL.sub(_escape, str(value))


def spreadsheet_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP): a text starting
    with ``=``, ``+``, ``-``, ``@``, a tab or a line break is prefixed with ``'``.
    Numbers and empty values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def http_url(value: Any) -> str | None:
    """``value`` if it is an absolute http(s) URL with a host, else None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if _CONTROL.search(url) or " " in url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url
