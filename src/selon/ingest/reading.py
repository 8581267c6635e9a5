"""Read an input's bytes safely and decode them to text, or say clearly why not."""

from __future__ import annotations

import codecs
import io
import os
import stat
import zlib
from pathlib import Path

from charset_normalizer import from_bytes

from selon.errors import InputError
from selon.reasons import say

_MB = 1024 * 1024
WESTERN = "cp1252"
SINGLE_BYTE = ("cp", "iso8859", "latin", "mac", "koi8", "kz1048", "ptcp")
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))


NOT_REGULAR = "not a regular file ({kind}); only regular files are read, so it was skipped"


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def not_regular(path: Path) -> str | None:
    """Why ``path`` cannot be read as an input (not a regular file), or None.

    ``stat`` never blocks, unlike ``open`` on a FIFO with no writer.
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot read the file: {exc.strerror or exc}"
    return None if stat.S_ISREG(mode) else NOT_REGULAR.format(kind=kind_of(mode))


def open_regular(path: Path) -> io.BufferedReader:
    """``path`` opened for reading bytes, only if it is a regular file.

    Opened without blocking (a FIFO with no writer would block ``open`` forever), then
    checked on the open descriptor, so a file swapped for a FIFO in between is refused too.
    Raises InputError naming the file.
    """
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as exc:
        raise InputError(say("ingest.no_such_file"), source=name) from exc
    except OSError as exc:
        raise InputError(say("ingest.cannot_read", detail=exc.strerror or str(exc)),
                         source=name) from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(NOT_REGULAR.format(kind=kind_of(mode)), source=name)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    reader: io.BufferedReader = os.fdopen(fd, "rb")
    return reader


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's content (gunzipped for ``.gz``), refused past ``max_bytes``."""
    name = str(path)
    with open_regular(path) as f:
        size = os.fstat(f.fileno()).st_size
        if size > max_bytes:
            raise InputError(_too_big(size, max_bytes), source=name)
        try:
            data = f.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(say("ingest.cannot_read", detail=exc.strerror or str(exc)),
                             source=name) from exc
    if len(data) > max_bytes:
        raise InputError(_too_big(None, max_bytes), source=name)
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
        raise InputError(say("ingest.empty"), source=name)
    wide = utf16_or_32(data)
    if wide is not None:
        text, encoding = wide
        if not text.strip():
            raise InputError(say("ingest.empty"), source=name)
        return text, f"{name}: not UTF-8; decoded as {encoding}"
    if looks_binary(data):
        raise InputError(say("ingest.binary"), source=name)
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


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def utf16_or_32(data: bytes) -> tuple[str, str] | None:
    """``data`` decoded when it is UTF-16 or UTF-32 text (with a BOM, or UTF-16 without one
    recognised by its zero bytes), with the encoding's name; else None.

    Without a BOM, Latin-script text in UTF-16 has a zero byte in nearly every other
    position (the high byte of each character) and almost none in the others: a binary
    file hardly ever looks like that, and what does not decode cleanly is left alone.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding.upper()
            except UnicodeDecodeError:
                return None
    head = data[:8192]
    if len(head) < 4 or len(data) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.6 and zeros_even < 0.02:
        encoding = "utf-16-le"
    elif zeros_even > 0.6 and zeros_odd < 0.02:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if any(ch in text for ch in "\x00\ufffe\uffff") or looks_binary(text.encode("utf-8")):
        return None
    sample = text[:4096]
    plain = sum(ch.isascii() and (ch.isprintable() or ch.isspace()) for ch in sample)
    if " " not in sample or plain < 0.8 * len(sample):  # mostly ASCII with spaces, as prose
        return None
    return text, encoding.upper()


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
