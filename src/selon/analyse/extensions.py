"""Doc extensions shared by selon's spaCy components, registered once at import.

Each component writes one attribute; later components read what earlier ones wrote:

- ``selon_published`` (``datetime.date | None``): set by the runner before the pipeline runs.
- ``selon_lines`` (``list[Line]``): written by ``selon_lines``.
- ``selon_entities`` (``list[Entity]``): written by ``selon_entities``.
- ``selon_quantities`` (``list[Quantity]``): written by ``selon_quantities``.
- ``selon_times`` (``list[TimeExpr]``): written by ``selon_times``.
- ``selon_attributions`` (``list[Attribution]``): written by ``selon_attributions``.
- ``selon_text`` (``str | None``): the text, kept by :func:`doc_text` (or the runner).
"""

from __future__ import annotations

from spacy.tokens import Doc

NAMES = (
    "selon_published",
    "selon_lines",
    "selon_entities",
    "selon_quantities",
    "selon_times",
    "selon_attributions",
    "selon_text",
)

for _name in NAMES:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text at each access
    (half a millisecond for an article), and every component reads it."""
    text: str | None = doc._.selon_text
    if text is None:
        text = doc._.selon_text = doc.text
    return text
