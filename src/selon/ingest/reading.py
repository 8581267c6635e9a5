"""Read an input's bytes safely and decode them to text, or say clearly why not."""

from __future__ import annotations

import zlib
from pathlib import Path

from charset_normalizer import from_bytes

from selon.errors import InputError

_MB = 1024 * 1024
WESTERN = "cp1252"
SINGLE_BYTE = ("cp", "iso8859", "latin", "mac", "koi8", "kz1048", "ptcp")
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's content (gunzipped for ``.gz``), refused past ``max_bytes``."""
    name = str(path)
    if not path.exists():
        raise InputError("no such file", source=name)
    if not path.is_file():
        raise InputError("not a regular file (a folder or a device?)", source=name)
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(_too_big(size, max_bytes), source=name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", source=name) from exc
    if path.suffix.lower() == ".gz":
        data = gunzip(data, max_bytes, name)
    return data


def gunzip(data: bytes, max_bytes: int, name: str) -> bytes:
    """Decompress gzip data without ever holding more than ``max_bytes`` of output."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise InputError(f"not valid gzip data ({exc})", source=name) from exc
    if len(out) > max_bytes or d.unconsumed_tail:
        raise InputError(_too_big(None, max_bytes, "once decompressed"), source=name)
    if not d.eof:
        raise InputError("the gzip data is truncated", source=name)
    return out


def _too_big(size: int | None, max_bytes: int, how: str = "") -> str:
    what = f"{size / _MB:.1f} MB" if size is not None else "too large"
    return (f"the input is {what}{' ' + how if how else ''}, over the {max_bytes / _MB:.0f} MB "
            "limit; raise it with --max-size or SELON_MAX_BYTES if this really is one article")


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Text and, when it was not UTF-8, a warning naming the encoding that was detected."""
    if not data.strip():
        raise InputError("the input is empty", source=name)
    if looks_binary(data):
        raise InputError("this looks like a binary file, not text or HTML", source=name)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(
            "the text is not UTF-8 and its encoding could not be detected; "
            "convert it to UTF-8 (for example with iconv) and try again",
            source=name,
        )
    if best.encoding.startswith(SINGLE_BYTE):
        # Between single-byte code pages, a short text rarely settles the question; the
        # Western one is by far the most likely for the languages selon reads.
        try:
            return data.decode(WESTERN), f"{name}: not UTF-8; decoded as {WESTERN}"
        except UnicodeDecodeError:
            pass
    return str(best), f"{name}: not UTF-8; decoded as {best.encoding}"


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    if head.startswith((b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\x7fELF", b"GIF8", b"\xff\xd8\xff")):
        return True
    control = sum(head.count(bytes([c])) for c in _CONTROL)
    return control > max(4, len(head) // 100)


def read_text(path: Path, max_bytes: int) -> tuple[str, str | None]:
    return decode(read_bytes(path, max_bytes), str(path))
