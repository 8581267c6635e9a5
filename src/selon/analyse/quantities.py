"""The selon_quantities component (to be filled in)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from selon.analyse import extensions  # noqa: F401


class QuantitiesComponent:
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        doc._.selon_quantities = []
        return doc


@Language.factory("selon_quantities", default_config={"lang": "fr"})
def make_quantities(nlp: Language, name: str, lang: str) -> QuantitiesComponent:
    return QuantitiesComponent(lang)
