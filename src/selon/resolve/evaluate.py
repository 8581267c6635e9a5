"""Score the name matcher on labelled pairs: a CSV with ``name1,name2,is_match``.

More columns are ignored (a ``schema`` column, when present, gives the type: Person,
Company, Organization ...). Lines starting with ``#`` are comments. A file without that
header is read as pairs that all match, in its first two columns (the layout of
cross-script test pairs).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from selon.errors import InputError
from selon.resolve.matcher import DEFAULT_THRESHOLD, compare
from selon.resolve.names import unknown_script

_TRUE = {"true", "1", "yes", "y", "t", "match"}
_FALSE = {"false", "0", "no", "n", "f", "nomatch", "no_match"}
_KINDS = {"person": "PER", "company": "ORG", "organization": "ORG", "legalentity": "ORG",
          "vessel": "MISC", "location": "LOC", "place": "LOC", "per": "PER", "org": "ORG",
          "loc": "LOC", "misc": "MISC"}


@dataclass(frozen=True)
class Pair:
    name1: str
    name2: str
    is_match: bool
    kind: str = "PER"


@dataclass
class Report:
    n: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_matches: list[list[str]] = field(default_factory=list)
    missed: list[list[str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, object]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "n": self.n, "false_matches": self.false_matches,
                "missed": self.missed}


def _label(value: str, path: Path, line: int) -> bool:
    v = value.strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise InputError(f"line {line}: is_match must be true or false, not {value!r}",
                     source=str(path))


def read_pairs(path: Path, split: str | None = None) -> list[Pair]:
    """The labelled pairs of a CSV file (see the module docstring); with ``split``, only
    the rows whose ``split`` column holds that value."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read this CSV file ({exc})", source=str(path)) from exc
    rows = [(n, r) for n, r in enumerate(csv.reader(text.splitlines()), start=1)
            if r and not r[0].lstrip().startswith("#") and any(c.strip() for c in r)]
    if not rows:
        raise InputError("no name pairs in this CSV file", source=str(path))
    header = [c.strip().lower() for c in rows[0][1]]
    pairs: list[Pair] = []
    if {"name1", "name2", "is_match"} <= set(header):
        i1, i2, im = header.index("name1"), header.index("name2"), header.index("is_match")
        ik = header.index("schema") if "schema" in header else None
        if split is not None and "split" not in header:
            raise InputError("no split column in this CSV file; leave out --split",
                             source=str(path))
        isplit = header.index("split") if split is not None else None
        for line, row in rows[1:]:
            if isplit is not None and row[isplit].strip() != split:
                continue
            if len(row) <= max(i1, i2, im):
                raise InputError(f"line {line}: expected {len(header)} columns",
                                 source=str(path))
            kind = _KINDS.get(row[ik].strip().lower(), "PER") if ik is not None else "PER"
            pairs.append(Pair(row[i1], row[i2], _label(row[im], path, line), kind))
    else:
        for line, row in rows:
            if len(row) < 2:
                raise InputError(f"line {line}: expected at least two names, or a "
                                 "name1,name2,is_match header", source=str(path))
            pairs.append(Pair(row[0], row[1], True))
    return pairs


def warnings(pairs: list[Pair]) -> list[str]:
    """Pairs the matcher cannot compare, in words: an empty name, or one in a script
    selon cannot transliterate (both score 0, so a match among them counts as missed)."""
    empty = [p for p in pairs if not p.name1.strip() or not p.name2.strip()]
    odd = [p for p in pairs if p not in empty and (unknown_script(p.name1)
                                                   or unknown_script(p.name2))]
    out = []
    for what, found in (("an empty name", empty),
                        ("a name in a script selon cannot transliterate", odd)):
        if found:
            sample = "; ".join(f"« {p.name1} » / « {p.name2} »" for p in found[:3])
            out.append(f"{len(found)} pair(s) with {what} score 0 (e.g. {sample})")
    return out


def score_pairs(pairs: list[Pair], threshold: float = DEFAULT_THRESHOLD) -> Report:
    report = Report()
    for pair in pairs:
        found = compare(pair.name1, pair.name2, pair.kind).score >= threshold
        report.n += 1
        if found and pair.is_match:
            report.tp += 1
        elif found:
            report.fp += 1
            report.false_matches.append([pair.name1, pair.name2])
        elif pair.is_match:
            report.fn += 1
            report.missed.append([pair.name1, pair.name2])
    return report


def format_report(report: Report) -> str:
    lines = [f"pairs {report.n}: precision {report.precision:.3f}, recall "
             f"{report.recall:.3f}, F1 {report.f1:.3f}"]
    for title, rows in (("false matches", report.false_matches), ("missed", report.missed)):
        if rows:
            lines.append(f"{title} ({len(rows)}):")
            lines.extend(f"  {a}  |  {b}" for a, b in rows)
    return "\n".join(lines)
