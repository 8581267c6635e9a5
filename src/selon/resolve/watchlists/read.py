"""Read a watchlist file whole, or refuse it with one message that names it."""

from __future__ import annotations

from pathlib import Path

from selon.errors import InputError
from selon.resolve.names import unknown_script
from selon.resolve.watchlists.ftm import read_ftm
from selon.resolve.watchlists.model import ListData
from selon.resolve.watchlists.ofac import read_ofac
from selon.resolve.watchlists.un import read_un

FORMATS = ("un-xml", "ofac-csv", "ftm-jsonl")


def sniff(head: bytes) -> str | None:
    """The format of a list from its first bytes, or None."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<"):
        return "un-xml"
    if text.startswith(b"{"):
        return "ftm-jsonl"
    first = text.split(b"\n", 1)[0]
    if first[:1].isdigit() and first.count(b",") >= 11:
        return "ofac-csv"
    return None


def read_list(path: Path, *, max_bytes: int) -> ListData:
    """All the entries of a list file (UN XML, OFAC SDN CSV, FtM JSON Lines)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read this file ({exc.strerror})", source=str(path)) from exc
    if size > max_bytes:
        raise InputError(f"this list is {size / 2**20:.0f} MB, over the limit of "
                         f"{max_bytes / 2**20:.0f} MB; raise max_list_bytes "
                         "(SELON_MAX_LIST_BYTES) to load it", source=str(path))
    data = path.read_bytes()
    kind = sniff(data[:4096])
    if kind is None:
        raise InputError("unknown list format: expected the UN consolidated list (XML), "
                         "OFAC's SDN list (legacy CSV) or FollowTheMoney JSON Lines",
                         source=str(path))
    if kind == "un-xml":
        entries = read_un(path, data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            if kind == "ftm-jsonl":
                raise InputError("FollowTheMoney JSON Lines must be UTF-8; nothing was "
                                 "loaded", source=str(path)) from None
            text = data.decode("cp1252", errors="replace")
        entries = read_ofac(path, text) if kind == "ofac-csv" else read_ftm(path, text)
    warnings = []
    unreadable = [(e.entry_id, n) for e in entries for n in e.names if unknown_script(n)]
    if unreadable:
        sample = ", ".join(f"{eid}: {n}" for eid, n in unreadable[:3])
        warnings.append(f"{len(unreadable)} name(s) in a script selon cannot transliterate "
                        f"(e.g. {sample}) are kept but match only when spelled the same")
    return ListData(kind, entries, warnings)
