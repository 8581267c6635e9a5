"""The selon_entities component (to be filled in)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from selon.analyse import extensions  # noqa: F401


class EntitiesComponent:
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        doc._.selon_entities = []
        return doc


@Language.factory("selon_entities", default_config={"lang": "fr"})
def make_entities(nlp: Language, name: str, lang: str) -> EntitiesComponent:
    return EntitiesComponent(lang)
