"""Score the time tagger on the French TimeBank (ISO-TimeML ``.tml`` files), TempEval-3 style.

For each file the text is the content of the TEXT element with its tags removed; the gold
timexes are the TIMEX3 elements inside it (the document creation time, in DCT, is the
reference date and is not scored). Figures:

- extraction P/R/F1, strict (identical span) and relaxed (any overlap, one-to-one);
- value: a relaxed match whose value and mod are both right; ``value_accuracy`` over the
  matches, and the TempEval-3 value P/R/F1 (correct values over predicted / gold timexes);
- type accuracy over the relaxed matches;
- the most frequent errors (missed, spurious, wrong value) with their text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from selon.analyse.times.tag import tag
from selon.errors import InputError
from selon.model import TimeExpr


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str | None
    mod: str | None


@dataclass
class TimebankDoc:
    name: str
    dct: date
    text: str
    gold: list[Timex]


@dataclass(frozen=True)
class ErrorCase:
    kind: str  # missed | spurious | value
    text: str
    gold: str | None
    pred: str | None
    count: int
    example: str  # a file name and the words around the first case


@dataclass
class TimebankReport:
    files: int = 0
    gold: int = 0
    pred: int = 0
    strict_tp: int = 0
    relaxed_tp: int = 0
    value_tp: int = 0
    type_tp: int = 0
    errors: list[ErrorCase] = field(default_factory=list)

    @staticmethod
    def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def strict(self) -> tuple[float, float, float]:
        return self._prf(self.strict_tp, self.pred, self.gold)

    @property
    def relaxed(self) -> tuple[float, float, float]:
        return self._prf(self.relaxed_tp, self.pred, self.gold)

    @property
    def value(self) -> tuple[float, float, float]:
        return self._prf(self.value_tp, self.pred, self.gold)

    @property
    def value_accuracy(self) -> float:
        return self.value_tp / self.relaxed_tp if self.relaxed_tp else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_tp / self.relaxed_tp if self.relaxed_tp else 0.0


def _walk(el: ET.Element, parts: list[str], pos: list[int], gold: list[Timex]) -> None:
    """Append the text of ``el`` (tags removed) to ``parts``; record TIMEX3 spans."""
    start = pos[0]
    if el.text:
        parts.append(el.text)
        pos[0] += len(el.text)
    for child in el:
        _walk(child, parts, pos, gold)
        if child.tail:
            parts.append(child.tail)
            pos[0] += len(child.tail)
    if el.tag == "TIMEX3" and el.get("functionInDocument") != "CREATION_TIME":
        gold.append(Timex(start, pos[0], el.get("type", ""), el.get("value"), el.get("mod")))


def read_tml(path: Path) -> TimebankDoc:
    """One ISO-TimeML file: its creation date, its text and its gold timexes."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise InputError(f"cannot read as ISO-TimeML: {exc}", source=str(path)) from exc
    dct_el = root.find("DCT/TIMEX3")
    text_el = root.find("TEXT")
    if dct_el is None or text_el is None:
        raise InputError("no DCT/TIMEX3 or TEXT element; is this a TimeBank .tml file?",
                         source=str(path))
    try:
        dct = date.fromisoformat((dct_el.get("value") or "")[:10])
    except ValueError as exc:
        raise InputError(f"creation time is not a date: {exc}", source=str(path)) from exc
    parts: list[str] = []
    gold: list[Timex] = []
    text_el.tail = None
    _walk(text_el, parts, [0], gold)
    gold.sort(key=lambda t: t.start)
    return TimebankDoc(path.name, dct, "".join(parts), gold)


def _match(gold: list[Timex], pred: list[TimeExpr]) -> dict[int, int]:
    """One-to-one overlap matching, largest overlap first: gold index -> pred index."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = min(g.end, p.span[1]) - max(g.start, p.span[0])
            if ov > 0:
                pairs.append((-ov, gi, pi))
    pairs.sort()
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in out and pi not in used:
            out[gi] = pi
            used.add(pi)
    return out


def _context(doc: TimebankDoc, start: int, end: int) -> str:
    left = doc.text[max(0, start - 40):start].replace("\n", " ")
    right = doc.text[end:end + 40].replace("\n", " ")
    return f"{doc.name}: …{left}[{doc.text[start:end]}]{right}…"


def _show(value: str | None, mod: str | None) -> str:
    return f"{value} {mod}" if mod else str(value)


ErrorKey = tuple[str, str, str | None, str | None]  # kind, text, gold, pred


def score_doc(doc: TimebankDoc, report: TimebankReport, errors: Counter[ErrorKey],
              examples: dict[ErrorKey, str]) -> None:
    """Tag one document and add its counts and errors to ``report``."""
    pred = tag(doc.text, doc.dct, "fr")
    report.files += 1
    report.gold += len(doc.gold)
    report.pred += len(pred)
    m = _match(doc.gold, pred)
    seen: set[int] = set()
    for gi, g in enumerate(doc.gold):
        key: ErrorKey
        if gi not in m:
            key = ("missed", doc.text[g.start:g.end].lower(), _show(g.value, g.mod), None)
            errors[key] += 1
            examples.setdefault(key, _context(doc, g.start, g.end))
            continue
        p = pred[m[gi]]
        seen.add(m[gi])
        report.relaxed_tp += 1
        report.strict_tp += (g.start, g.end) == p.span
        report.type_tp += g.type == p.type
        if g.value == p.value and (g.mod or None) == (p.mod or None):
            report.value_tp += 1
        else:
            key = ("value", doc.text[g.start:g.end].lower(), _show(g.value, g.mod),
                   _show(p.value, p.mod))
            errors[key] += 1
            examples.setdefault(key, _context(doc, g.start, g.end))
    for pi, p in enumerate(pred):
        if pi not in seen:
            key = ("spurious", doc.text[p.span[0]:p.span[1]].lower(), None, _show(p.value, p.mod))
            errors[key] += 1
            examples.setdefault(key, _context(doc, *p.span))


def run(path: Path, *, top: int = 20) -> TimebankReport:
    """Score the tagger on every ``.tml`` file under ``path`` (a folder or one file)."""
    path = Path(path)
    files = sorted(path.rglob("*.tml")) if path.is_dir() else [path]
    if not files:
        raise InputError("no .tml files found; give the French TimeBank Data folder",
                         source=str(path))
    report = TimebankReport()
    errors: Counter[ErrorKey] = Counter()
    examples: dict[ErrorKey, str] = {}
    for f in files:
        score_doc(read_tml(f), report, errors, examples)
    report.errors = [ErrorCase(k[0], k[1], k[2], k[3], n, examples[k])
                     for k, n in errors.most_common(top)]
    return report


def format_report(report: TimebankReport) -> str:
    """The report as a few aligned lines of text."""
    sp, sr, sf = report.strict
    rp, rr, rf = report.relaxed
    vp, vr, vf = report.value
    lines = [
        f"French TimeBank: {report.files} files, {report.gold} gold timexes, "
        f"{report.pred} predicted",
        f"extraction strict   P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}",
        f"extraction relaxed  P {rp:.3f}  R {rr:.3f}  F1 {rf:.3f}",
        f"value (+mod)        P {vp:.3f}  R {vr:.3f}  F1 {vf:.3f}  "
        f"accuracy {report.value_accuracy:.3f}",
        f"type accuracy       {report.type_accuracy:.3f}",
        "most frequent errors:",
    ]
    for e in report.errors:
        detail = {"missed": f"gold {e.gold}", "spurious": f"pred {e.pred}",
                  "value": f"gold {e.gold}, pred {e.pred}"}[e.kind]
        lines.append(f"  {e.count:3d} {e.kind:8s} {e.text!r}: {detail}")
        lines.append(f"      {e.example}")
    return "\n".join(lines)


def report_dict(report: TimebankReport) -> dict[str, object]:
    """The report's figures as plain JSON-ready values."""

    def prf(t: tuple[float, float, float]) -> dict[str, float]:
        return {"p": round(t[0], 4), "r": round(t[1], 4), "f1": round(t[2], 4)}

    return {
        "files": report.files, "gold": report.gold, "predicted": report.pred,
        "extraction_strict": prf(report.strict), "extraction_relaxed": prf(report.relaxed),
        "value": prf(report.value), "value_accuracy": round(report.value_accuracy, 4),
        "type_accuracy": round(report.type_accuracy, 4),
        "errors": [{"kind": e.kind, "text": e.text, "gold": e.gold, "pred": e.pred,
                    "count": e.count, "example": e.example} for e in report.errors],
    }
