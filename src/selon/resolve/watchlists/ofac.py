"""OFAC's SDN list in its legacy CSV layout (no header): ``sdn.csv`` with one row per
entry, and beside it the alternate names (``alt.csv``) and addresses (``add.csv``),
joined by ``ent_num``. ``-0-`` marks an empty field."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from selon.errors import InputError
from selon.resolve.watchlists.model import Entry

SDN_COLUMNS = 12  # ent_num, name, type, programme, title, call sign, vessel x5, remarks
_DOB = re.compile(r"\balt\. DOB ([^;.]+)|\bDOB ([^;.]+)")
_NATIONALITY = re.compile(r"\bnationality ([^;.]+)")


def _cell(value: str) -> str:
    value = value.strip()
    return "" if value == "-0-" else value


def _rows(path: Path, text: str, columns: int) -> list[list[str]]:
    rows = []
    text = text.rstrip().rstrip("\x1a")  # the DOS end-of-file mark OFAC files end with
    try:
        for line, row in enumerate(csv.reader(io.StringIO(text), strict=True), start=1):
            if not row or not any(c.strip() for c in row):
                continue
            if len(row) != columns or not row[0].strip().isdigit():
                raise InputError(f"line {line}: expected {columns} columns starting with an "
                                 "entry number (OFAC legacy CSV); nothing was loaded",
                                 source=str(path))
            rows.append([_cell(c) for c in row])
    except csv.Error as exc:
        raise InputError(f"malformed CSV ({exc}); nothing was loaded", source=str(path)) from exc
    return rows


def natural_order(name: str) -> str:
    """« SHOIGU, Sergei » → « Sergei SHOIGU »."""
    if name.count(",") == 1:
        last, first = (p.strip() for p in name.split(","))
        if first and last and not re.search(r"\b(ltd|inc|llc|s\.a|co)\b", first, re.I):
            return f"{first} {last}"
    return name


def _sibling(path: Path, kind: str) -> Path | None:
    for name in (path.name.replace("sdn", kind), f"{kind}.csv", f"ofac_{kind}.csv"):
        candidate = path.with_name(name)
        if candidate != path and candidate.is_file():
            return candidate
    return None


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_ofac(path: Path, text: str) -> list[Entry]:
    entries: dict[str, Entry] = {}
    for row in _rows(path, text, SDN_COLUMNS):
        ent, name, sdn_type, programme, title, remarks = (row[0], row[1], row[2], row[3],
                                                          row[4], row[11])
        if not name:
            raise InputError(f"entry {ent} has no name; nothing was loaded", source=str(path))
        if sdn_type.lower() in ("vessel", "aircraft"):
            continue
        schema = "Person" if sdn_type.lower() == "individual" else "Organization"
        births = [d or a for a, d in _DOB.findall(remarks)]
        entries[ent] = Entry(
            entry_id=ent, schema=schema, name=name, names=[natural_order(name)],
            programme=f"OFAC {programme.replace('] [', ', ')}" if programme else "OFAC",
            countries=[m.strip() for m in _NATIONALITY.findall(remarks)],
            birth_dates=[b.strip() for b in births if b.strip()],
            positions=[title] if title else [])
    alt = _sibling(path, "alt")
    if alt is not None:
        for row in _rows(alt, _read_text(alt), 5):
            entry = entries.get(row[0])
            if entry is not None and row[3]:
                entry.names.append(natural_order(row[3]))
    add = _sibling(path, "add")
    if add is not None:
        for row in _rows(add, _read_text(add), 6):
            entry = entries.get(row[0])
            if entry is not None and row[4] and row[4] not in entry.countries:
                entry.countries.append(row[4])
    if not entries:
        raise InputError("no entries in this OFAC list; nothing was loaded", source=str(path))
    for entry in entries.values():
        entry.names = list(dict.fromkeys(entry.names))
    return list(entries.values())
