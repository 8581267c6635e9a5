"""The selon_times component: TIMEX3 time expressions resolved against the publication date.

The work is done on the plain text by ``timex_tag.tag`` (regexes from ``lang/<lang>/times.json``,
no model run); boilerplate lines are left out.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from selon.analyse import extensions  # noqa: F401
from selon.analyse.timex_rules import rules_for
from selon.analyse.timex_tag import tag
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
        doc._.selon_times = tag(doc.text, doc._.selon_published, self.lang, regions)
        return doc


@Language.factory("selon_times", default_config={"lang": "fr"})
def make_times(nlp: Language, name: str, lang: str) -> TimesComponent:
    return TimesComponent(lang)
