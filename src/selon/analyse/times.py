"""The selon_times component (to be filled in)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from selon.analyse import extensions  # noqa: F401


class TimesComponent:
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        doc._.selon_times = []
        return doc


@Language.factory("selon_times", default_config={"lang": "fr"})
def make_times(nlp: Language, name: str, lang: str) -> TimesComponent:
    return TimesComponent(lang)
