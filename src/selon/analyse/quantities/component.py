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

from spacy.language import Language
from spacy.tokens import Doc

from selon.analyse.extensions import doc_text
from selon.analyse.quantities.rules import QuantityRules
from selon.analyse.quantities.scanner import LineScanner
from selon.analyse.quantities.units import TokenIndex
from selon.model import Quantity, Span


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
            found.extend(LineScanner(doc, text, index, self.rules, a, b).scan())
        for n, q in enumerate(found, 1):
            q.id = f"q{n}"
        doc._.selon_quantities = found
        return doc


@Language.factory("selon_quantities", default_config={"lang": "fr"})
def make_quantities(nlp: Language, name: str, lang: str) -> QuantitiesComponent:
    return QuantitiesComponent(lang)
