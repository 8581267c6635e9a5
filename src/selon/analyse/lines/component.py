"""The selon_lines component: body, heading, credit and boilerplate lines.

It runs first, on the raw text, and also starts a sentence at every line break so
that the parser never joins a heading or a credit line to the paragraph next to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from selon import lang as langdata
from selon.analyse.extensions import doc_text
from selon.model import Line, Span

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class LineRules:
    tail: list[re.Pattern[str]]
    boilerplate: list[re.Pattern[str]]
    credit: list[re.Pattern[str]]
    agencies: dict[str, str]
    heading_max_words: int
    heading_no_final: str
    abbreviations: frozenset[str]

    @classmethod
    def for_lang(cls, lang: str) -> LineRules:
        data = langdata.load(lang, "lines")
        agencies = {a.casefold(): canon for a, canon in data["agencies"]}
        names = sorted((re.escape(a) for a, _ in data["agencies"]), key=len, reverse=True)
        alt = "|".join(names)

        def comp(p: str) -> re.Pattern[str]:
            return re.compile(p, re.IGNORECASE)

        return cls(
            tail=[comp(p) for p in data["boilerplate_tail"]],
            boilerplate=[comp(p) for p in data["boilerplate"]],
            # agency names are matched case-sensitively: "ap" in prose is not AP
            credit=[re.compile(p.replace("{agency}", f"(?-i:{alt})"), re.IGNORECASE)
                    for p in data["credit"]],
            agencies=agencies,
            heading_max_words=data["heading"]["max_words"],
            heading_no_final=data["heading"]["no_final"],
            abbreviations=frozenset(data["abbreviations"]),
        )


def split_lines(text: str) -> list[Span]:
    """Spans of the non-blank lines of ``text``, stripped of surrounding white space."""
    out: list[Span] = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        if not raw.strip():
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        end = m.end() - (len(raw) - len(raw.rstrip()))
        out.append((start, end))
    return out


def classify(text: str, rules: LineRules) -> list[Line]:
    """Classify every non-blank line of ``text``."""
    out: list[Line] = []
    in_tail = False
    spans = split_lines(text)
    for i, span in enumerate(spans):
        line = text[span[0]:span[1]]
        if not in_tail and i > 0 and any(p.search(line) for p in rules.tail):
            in_tail = True
        if in_tail:
            out.append(Line(span, "boilerplate", "trailing appeal"))
            continue
        if any(p.search(line) for p in rules.boilerplate):
            out.append(Line(span, "boilerplate", "page furniture"))
            continue
        agency = _credit(line, rules)
        if agency:
            out.append(Line(span, "credit", None, agency))
            continue
        words = _WORD.findall(line)
        if ((0 < len(words) <= rules.heading_max_words and line[-1] not in rules.heading_no_final
                and not line.endswith("»")) or _quoted_heading(line, words, rules)):
            out.append(Line(span, "heading"))
            continue
        out.append(Line(span, "body"))
    return out


def _quoted_heading(line: str, words: list[str], rules: LineRules) -> bool:
    """A short line that is wholly a quotation (« Soldat à louer ») is a heading."""
    return (len(words) <= rules.heading_max_words and line.startswith(("«", "\"", "“"))
            and line.endswith(("»", "\"", "”")))


def _credit(line: str, rules: LineRules) -> str | None:
    for pattern in rules.credit:
        m = pattern.match(line)
        if m:
            return rules.agencies.get(m.group("agency").casefold(), m.group("agency"))
    return None


_FINAL = frozenset(".!?…")
_INITIAL = re.compile(r"^[A-ZÀ-Ý]\.$")
_CLOSING = frozenset("»\"”)’'")


def _may_end(words: list[str], i: int, rules: LineRules) -> bool:
    """Whether a sentence may end with word ``i`` (final punctuation, maybe quoted)."""
    while i >= 0 and (not words[i].strip() or words[i] in _CLOSING):
        i -= 1
    if i < 0 or words[i][-1] not in _FINAL:
        return False
    # "J." or "M." alone, or "Me ." split by the tokenizer: an abbreviation, not an end.
    word = words[i] if len(words[i]) > 1 else (words[i - 1] + "." if i else "")
    return not (_INITIAL.match(word) or word in rules.abbreviations)


class LinesComponent:
    def __init__(self, lang: str) -> None:
        self.rules = LineRules.for_lang(lang)

    def __call__(self, doc: Doc) -> Doc:
        doc._.selon_lines = classify(doc_text(doc), self.rules)
        # A sentence starts after every line break: the parser keeps preset boundaries.
        # Elsewhere a sentence may only start after final punctuation: the parser
        # otherwise splits inside names ("Kim Jong | Un") and after opening quotes. It
        # never starts with a closing quote, nor after an initial ("J.") or a title ("Me").
        # Computed on plain lists and set in one go: per-token property writes are slow.
        pairs = [(t.text, t.whitespace_) for t in doc]  # one Token made per token
        words = [w for w, _ in pairs]
        spaces = [s for _, s in pairs]
        starts = numpy.zeros((len(words), 1), dtype="int64")  # 0: the parser decides
        if words:
            starts[0, 0] = 1
        for i in range(1, len(words)):
            prev = words[i - 1]
            if "\n" in spaces[i - 1] or (not prev.strip() and "\n" in prev):
                starts[i, 0] = 1
            elif words[i].strip() and (words[i] in _CLOSING
                                       or not _may_end(words, i - 1, self.rules)):
                starts[i, 0] = -1
        # spaCy reads the array as uint64 and -1 ("not a start") back as a signed value.
        doc.from_array([SENT_START], starts.astype("uint64"))  # type: ignore[arg-type]
        return doc


@Language.factory("selon_lines", default_config={"lang": "fr"})
def make_lines(nlp: Language, name: str, lang: str) -> LinesComponent:
    return LinesComponent(lang)
