"""The selon_quantities component: counted amounts, money and percentages, with spans.

For every line that is not boilerplate, a precompiled regular expression finds number
seeds (digits, French number words, "une centaine", "des milliers"); each seed is then
extended on the text (scale word, collective, "de", currency or percent sign), the
counted noun phrase is read from the tokens after it and a role from the parse.

Conventions (also in ``lang/fr/quantities.json`` ``_doc``):

- ``value`` is the number (ints for whole numbers); ``approx`` is set by approximators
  ("environ", "près de", "plus de", ...) and collectives ("une centaine de" = 100).
  "plus de N"/"au moins N" set ``lower = N``; "moins de N"/"jusqu'à N" set ``upper = N``.
- Vague amounts take the smallest plural reading: "des dizaines" = 20, "plusieurs
  centaines" = 200, "des milliers" = 2000, "des centaines de milliers" = 200000, with
  ``approx = True`` and ``lower`` = value.
- ``role`` comes first from a participle right after the counted noun ("soldats tués ou
  blessés" → ``killed_or_wounded``: roles joined in text order by their conjunction), then
  from the counted noun itself ("300 morts" → ``killed``), then from its governor.
- A number with no counted noun borrows the unit of its range partner ("entre 20 et
  30 euros") or of the counted quantity it elides ("1200 chalets, l'Isère (950)",
  "6 serres, dont trois").
- Durations and times of day ("trois mois", "14 h") are left to ``selon_times``; years,
  days of the month, identifiers ("résolution 1718", "MH17") and ordinals are skipped.
- A malformed or implausibly large number keeps its span with ``value = None`` and a
  ``reason``; nothing is invented.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from selon.analyse.extensions import doc_text
from selon.analyse.quantities.numbers import as_number, parse_digits, parse_words
from selon.analyse.quantities.rules import QuantityRules
from selon.analyse.quantities.units import TokenIndex, find_role, find_unit
from selon.model import Quantity, Span

MAX_VALUE = 1e15  # larger counts or amounts are not real-world figures
_WORD_SPLIT = re.compile(r"[\s-]+")
_LOOKBACK = 40
_FUNCTION_POS = frozenset({"ADP", "DET", "ADV", "CCONJ", "SCONJ", "PRON"})


class _LineScanner:
    """Reads the quantities of one line ``[a, b)`` of ``doc.text``."""

    def __init__(self, doc: Doc, text: str, index: TokenIndex, rules: QuantityRules,
                 a: int, b: int) -> None:
        self.doc, self.index, self.rules = doc, index, rules
        self.text = text  # doc.text, computed once per doc: it is rebuilt at every access
        self.a, self.b = a, b
        self.ident_end = -1  # end of the last identifier number, for lists "1718, 1874 et 2270"
        self.elliptic: set[int] = set()  # ids of word numbers that must borrow a unit
        self.factor: dict[int, float] = {}  # id -> scale word factor ("15 millions": 1e6)
        self.plain: set[int] = set()  # ids of numbers with no scale or collective of their own

    def scan(self) -> list[Quantity]:
        out: list[Quantity] = []
        consumed = self.a
        for m in self.rules.seed.finditer(self.text, self.a, self.b):
            if m.start() < consumed:
                continue
            q = self._read(m)
            if q is not None:
                out.append(q)
                consumed = q.span[1]
        self._share_scales(out)
        self._share_units(out)
        return [q for q in out if q.unit is not None or id(q) not in self.elliptic
                or id(q) in self.factor]

    def _share_scales(self, found: list[Quantity]) -> None:
        """'entre 12 et 15 millions', 'de 10 à 20 milliards', '3 ou 4 millions': a bare
        number takes the scale of the scaled number right after it (right to left, so
        that lists chain), when its own figure is not larger than its partner's."""
        r, text = self.rules, self.text
        shared: set[int] = set()
        for k in range(len(found) - 2, -1, -1):
            q, nxt = found[k], found[k + 1]
            factor = self.factor.get(id(nxt))
            if (factor is None or id(q) not in self.plain or q.unit is not None
                    or q.kind != "count" or q.value is None or nxt.value is None):
                continue
            joiner = text[q.span[1]:nxt.span[0]]
            if not (r.scale_joiner.match(joiner)
                    or (id(nxt) in shared and r.range_joiner.match(joiner))):
                continue
            if q.value > nxt.value / factor:
                continue  # "de 800.000 à 1,2 million"
            q.value = as_number(q.value * factor)
            if q.lower is not None:
                q.lower = as_number(q.lower * factor)
            if q.upper is not None:
                q.upper = as_number(q.upper * factor)
            self.factor[id(q)] = factor
            self.plain.discard(id(q))
            shared.add(id(q))

    def _share_units(self, found: list[Quantity]) -> None:
        """Bare numbers borrow the unit of a range partner or of an elided antecedent."""
        r, text = self.rules, self.text
        for k, q in enumerate(found[:-1]):
            nxt = found[k + 1]
            if (q.kind == "count" and q.unit and nxt.kind == "money"
                    and q.unit.lower() in r.scaled_currencies
                    and text[q.span[1]:nxt.span[0]].strip() == "("):
                # "152.734 livres (170.000 euros)": a converted amount, so money
                q.kind, q.currency, q.role = "money", r.scaled_currencies[q.unit.lower()], None
        for k in range(len(found) - 2, -1, -1):  # right to left: "2, 3 ou 4 milliards de $"
            q, nxt = found[k], found[k + 1]
            if (q.unit is None and q.kind == "count" and nxt.unit
                    and r.range_joiner.match(text[q.span[1]:nxt.span[0]])):
                _borrow(q, nxt)
        for k, q in enumerate(found):
            if q.unit is not None or q.kind != "count":
                continue
            back = max(self.a, q.span[0] - 10)
            if not r.ellipsis_before.search(text, back, q.span[0]):
                continue
            prev = next((p for p in reversed(found[:k]) if p.unit and p.kind == "count"), None)
            if prev is not None and q.span[0] - prev.span[1] <= r.ellipsis_max_gap:
                _borrow(q, prev)

    # -- the number itself -------------------------------------------------------------

    def _read(self, m: re.Match[str]) -> Quantity | None:
        r, text = self.rules, self.text
        start, end = m.start(), m.end()
        value: float | None = None
        reason: str | None = None
        approx = scaled = need_link = False
        lower: float | None = None
        factor: float | None = None
        if m.group("vdet"):
            value = r.vague[m.group("vcoll").lower()] * 2
            if m.group("vcoll2"):
                value *= r.vague[m.group("vcoll2").lower()]
            approx, scaled, lower = True, True, value
        elif m.group("ucoll"):
            value = r.collectives[m.group("ucoll").lower()]
            approx = scaled = need_link = True
        elif m.group("digits") is not None:
            if self._not_a_count(m):
                return None
            mm = r.mult.match(text, end, self.b)
            value, reason = parse_digits(text[start:end], scaled=bool(mm and mm.group("scale")))
            if mm:
                value, approx, scaled, end = self._multiply(value, mm, approx)
                factor = self._factor(mm)
            else:
                ab = r.abbr.match(text, end, self.b)
                if ab:
                    factor = r.abbreviations[ab.group("abbr")]
                    if value is not None:
                        value *= factor
                    scaled, end = True, ab.end()
        else:
            words = m.group("words")
            if not self._plausible_words(words, start):
                return None
            value = parse_words(words)
            if value is None:
                return None
            factors = [r.scales[w.lower()] for w in _WORD_SPLIT.split(words)
                       if w.lower() in r.scales]
            scaled = bool(factors)
            factor = factors[-1] if factors else None
            mm = r.mult.match(text, end, self.b)
            if mm:
                value, approx, scaled, end = self._multiply(value, mm, approx)
                factor = self._factor(mm)
        q = self._complete(m, start, end, value, reason, approx, lower, scaled, need_link)
        if q is not None:
            if factor is not None:
                self.factor[id(q)] = factor
            elif not scaled:
                self.plain.add(id(q))
        return q

    def _factor(self, mm: re.Match[str]) -> float | None:
        """The factor of a scale word after a number; None for a collective."""
        scale = mm.group("scale")
        return self.rules.scales[scale.lower()] if scale else None

    def _multiply(self, value: float | None, mm: re.Match[str],
                  approx: bool) -> tuple[float | None, bool, bool, int]:
        r = self.rules
        if mm.group("coll"):
            factor: float = r.collectives[mm.group("coll").lower()]
            approx = True
        else:
            factor = r.scales[mm.group("scale").lower()]
        return (None if value is None else value * factor), approx, True, mm.end()

    def _plausible_words(self, words: str, start: int) -> bool:
        parts = _WORD_SPLIT.split(words.strip())
        if len(parts) != 1:
            return True
        low = parts[0].lower()
        if low in self.rules.lone_forbidden:
            return False
        if low in self.rules.lone_ambiguous:
            # "neuf blessés" is a number, "un char neuf" is not: a plural noun must follow
            i = self.index.covering(start)
            if i is None:
                return False
            nxt = self.doc[i + 1] if i + 1 < len(self.doc) else None
            return self.doc[i].pos_ == "NUM" or (
                nxt is not None and "Plur" in nxt.morph.get("Number", []))
        return True

    def _not_a_count(self, m: re.Match[str]) -> bool:
        """Days of the month, identifiers and list continuations of identifiers."""
        r, text = self.rules, self.text
        start, end = m.start(), m.end()
        back = max(self.a, start - _LOOKBACK)
        if (r.ident_before.search(text, back, start) or r.ident_before_cs.search(text, back, start)
                or (self.ident_end >= 0 and r.ident_joiner.match(text[self.ident_end:start]))):
            self.ident_end = end
            return True
        if r.decade_before.search(text, back, start):
            return True
        digits = m.group("digits")
        return digits.isdigit() and int(digits) <= 31 and bool(
            r.month_after.match(text, end, self.b) or r.weekday_before.search(text, back, start))

    def _is_year(self, m: re.Match[str], has_unit: bool) -> bool:
        digits = m.group("digits")
        if digits is None or len(digits) != 4 or not digits.isdigit():
            return False
        lo, hi = self.rules.year_range
        if not lo <= int(digits) <= hi:
            return False
        back = max(self.a, m.start() - _LOOKBACK)
        return not has_unit or bool(self.rules.year_before.search(self.text, back, m.start()))

    # -- what follows: currency, percent, counted noun phrase ---------------------------

    def _complete(self, m: re.Match[str], start: int, end: int, value: float | None,
                  reason: str | None, approx: bool, lower: float | None, scaled: bool,
                  need_link: bool) -> Quantity | None:
        r, text, doc = self.rules, self.text, self.doc
        link = r.link.match(text, end, self.b) if scaled else None
        after = link.end() if link else end
        kind, currency = "count", None
        unit_span: Span | None = None
        unit = None
        pct = r.percent_after.match(text, end, self.b)
        cur = r.currency_after.match(text, after, self.b)
        code = r.currency_code(cur.group("cur"), scaled=scaled) if cur else None
        before = r.currency_before.search(text, max(self.a, start - 4), start)
        measure = r.measure_after.match(text, after, self.b)
        measure_before = None if measure else r.measure_before.search(
            text, max(self.a, start - 16), start)
        if pct:
            kind, unit_span = "percent", (pct.start("pct"), pct.end("pct"))
        elif cur and code:
            kind, currency, unit_span = "money", code, (cur.start("cur"), cur.end("cur"))
        elif before:
            kind, currency = "money", r.prefixes[before.group("cur")]
            unit_span = (before.start("cur"), before.end("cur"))
            start = before.start()
        elif measure:
            kind, unit_span = "measure", (measure.start("mu"), measure.end("mu"))
        elif measure_before and not link:
            kind, unit_span = "measure", (measure_before.start("mu"), measure_before.end("mu"))
            start = measure_before.start()
        else:
            i = self.index.at_or_after(after)
            if i is not None and doc[i].idx < self.b:
                if self._time_unit(i):
                    return None
                unit = find_unit(doc, i, self.b, r, linked=link is not None)
            if unit is not None:
                head = doc[unit.head]
                if head.lower_ in r.time_units or head.text in r.time_units:
                    return None
                last = doc[unit.end - 1]
                unit_span = (doc[unit.start].idx, last.idx + len(last.text))
        has_unit = unit_span is not None
        if need_link and not has_unit and (link or not self._ends_clause(end)):
            return None  # "une quarantaine de 14 jours", "une quarantaine stricte"
        if m.group("digits") is not None and self._is_year(m, has_unit):
            return None
        elliptic = False
        if m.group("words") and not has_unit and not scaled:
            # "dont trois", "entre douze et quinze millions": kept only if it borrows a unit
            # or a scale (see _share_units, _share_scales)
            if not (r.ellipsis_before.search(text, max(self.a, start - 10), start)
                    or self._range_follows(end)):
                return None
            elliptic = True
        upper: float | None = None
        span_end = max(unit_span[1] if unit_span else end, end)
        ap = r.approx_before.search(text, max(self.a, start - _LOOKBACK), start)
        bound: str | None = None
        if ap:
            approx, start = True, ap.start()
            bound = r.approx_bounds[int((ap.lastgroup or "a0")[1:])]
        elif apa := r.approx_after.match(text, span_end, self.b):
            approx, span_end = True, apa.end()
            bound = r.approx_after_bounds[int((apa.lastgroup or "a0")[1:])]
        if bound == "lower":
            lower = value
        elif bound == "upper":
            upper = value
        if ap is None and not has_unit and (
                self._name_before(start) or r.name_after.match(text[end:end + 3])):
            return None  # "la chaîne Kan 11", "France 2", "au 10 Downing Street"
        if value is not None and abs(value) > MAX_VALUE:
            value, lower, upper = None, None, None
            reason = f"implausibly large number {text[m.start():end]!r}"
        role = None
        if unit is not None:
            first = self.index.covering(start)
            role = find_role(doc, unit, first if first is not None else unit.start, r)
        q = Quantity(
            id="",
            span=(start, span_end),
            value=None if value is None else as_number(value),
            approx=approx,
            unit="%" if kind == "percent" else (
                text[unit_span[0]:unit_span[1]] if unit_span else None),
            unit_span=unit_span,
            lower=None if lower is None else as_number(lower),
            upper=None if upper is None else as_number(upper),
            role=role,
            kind=kind,
            currency=currency,
            reason=reason,
        )
        if elliptic:
            self.elliptic.add(id(q))
        return q

    def _time_unit(self, i: int) -> bool:
        """A duration or time of day: "trois mois", "14 h", "24 dernières heures"."""
        doc, units = self.doc, self.rules.time_units
        for k in (i, i + 1):
            if k >= len(doc):
                return False
            tok = doc[k]
            if tok.lower_ in units or tok.text in units:
                return True
            if tok.pos_ != "ADJ":
                return False
        return False

    def _name_before(self, start: int) -> bool:
        """A capitalised name right before: "la chaîne Kan 11", "France 2"; not a capitalised
        function word opening the line ("Entre 12 et 15 millions")."""
        nb = self.rules.name_before.search(self.text, max(self.a, start - _LOOKBACK), start)
        if nb is None:
            return False
        if nb.start() > self.a:
            return True
        i = self.index.covering(nb.start())
        return i is None or self.doc[i].pos_ not in _FUNCTION_POS

    def _range_follows(self, pos: int) -> bool:
        """A range or list partner follows: "douze et quinze millions"."""
        nxt = self.rules.seed.search(self.text, pos, min(self.b, pos + 12))
        return nxt is not None and bool(
            self.rules.range_joiner.match(self.text[pos:nxt.start()]))

    def _ends_clause(self, pos: int) -> bool:
        rest = self.text[pos:self.b].lstrip()
        return not rest or not rest[0].isalnum()


def _borrow(q: Quantity, other: Quantity) -> None:
    q.unit, q.unit_span = other.unit, other.unit_span
    q.kind, q.currency = other.kind, other.currency
    q.role = q.role or other.role


class QuantitiesComponent:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.rules = QuantityRules.for_lang(lang)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        lines = doc._.selon_lines
        if lines is None:
            spans: list[Span] = [(0, len(text))]
        else:
            spans = [ln.span for ln in lines if ln.kind != "boilerplate"]
        index = TokenIndex(doc)
        found: list[Quantity] = []
        for a, b in spans:
            found.extend(_LineScanner(doc, text, index, self.rules, a, b).scan())
        for n, q in enumerate(found, 1):
            q.id = f"q{n}"
        doc._.selon_quantities = found
        return doc


@Language.factory("selon_quantities", default_config={"lang": "fr"})
def make_quantities(nlp: Language, name: str, lang: str) -> QuantitiesComponent:
    return QuantitiesComponent(lang)
