"""The selon_times component: TIMEX3 time expressions resolved against the publication date.

The work is done on the plain text by ``timex_tag.tag`` (regexes from ``lang/<lang>/times.json``,
no model run); boilerplate lines are left out. The parse already made by the pipeline tells
the tense of the verb governing each expression (``verb_tense``), which is surer than the
tense markers of the sentence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from selon.analyse.extensions import doc_text
from selon.analyse.times.rules import rules_for
from selon.analyse.times.tag import tag
from selon.model import Span


class TimesComponent:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        rules_for(lang)  # fail early on bad language data

    def __call__(self, doc: Doc) -> Doc:
        lines = doc._.selon_lines
        regions: list[Span] | None = None
        if lines is not None:
            regions = [ln.span for ln in lines if ln.kind != "boilerplate"]
        def tense(start: int, end: int) -> str | None:
            return verb_tense(doc, start, end)

        doc._.selon_times = tag(doc_text(doc), doc._.selon_published, self.lang, regions, tense)
        return doc


def _tense_of(tok: Token) -> str | None:
    tenses = tok.morph.get("Tense", [])
    if "Fut" in tenses:
        return "future"
    if "Past" in tenses or "Imp" in tenses:
        return "past"
    return "present" if "Pres" in tenses else None


def verb_tense(doc: Doc, start: int, end: int) -> str | None:
    """'past', 'present' or 'future' from the morphology of the verb governing the span
    (an auxiliary: 'a voté' is past, 'aura voté' future); None without a finite verb."""
    if not doc.has_annotation("DEP") or not doc.has_annotation("MORPH"):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    for _ in range(4):
        if tok.head is tok:
            return None
        tok = tok.head
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        aux = [c for c in tok.children if c.dep_ in ("aux", "aux:tense", "aux:pass")]
        for a in aux:
            t = _tense_of(a)
            if t == "future":
                return t
            if a.dep_ != "aux:pass" and "Part" in tok.morph.get("VerbForm", []):
                return "past"  # passé composé, plus-que-parfait
            if t is not None:
                return t
        if "Fin" in tok.morph.get("VerbForm", []):
            return _tense_of(tok)
    return None


@Language.factory("selon_times", default_config={"lang": "fr"})
def make_times(nlp: Language, name: str, lang: str) -> TimesComponent:
    return TimesComponent(lang)
