"""The selon_attributions component (to be filled in)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from selon.analyse import extensions  # noqa: F401


class AttributionsComponent:
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        doc._.selon_attributions = []
        return doc


@Language.factory("selon_attributions", default_config={"lang": "fr"})
def make_attributions(nlp: Language, name: str, lang: str) -> AttributionsComponent:
    return AttributionsComponent(lang)
