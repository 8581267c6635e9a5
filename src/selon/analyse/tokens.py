"""Token indices picked by their parse labels in one array read, so that a rule looking for
a few tokens (the subjects, the adjectives) does not build a Python object for every token
of the document (spaCy makes one for each ``doc[i]``, the main cost of a scan in Python)."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
from spacy.attrs import DEP, POS
from spacy.tokens import Doc, Token


def with_labels(doc: Doc, *, pos: Collection[str] = (), dep: Collection[str] = ()) -> list[int]:
    """The indices of the tokens whose part of speech is one of ``pos`` (when given) and
    whose dependency label is one of ``dep`` (when given), in order."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    arr = doc.to_array([POS, DEP])
    keep = np.ones(len(doc), dtype=bool)
    if pos:
        keep &= np.isin(arr[:, 0], [strings.add(p) for p in pos])
    if dep:
        keep &= np.isin(arr[:, 1], [strings.add(d) for d in dep])
    return [int(i) for i in np.flatnonzero(keep)]


def is_finite(t: Token) -> bool:
    """A verb or auxiliary in a finite form (it makes a clause)."""
    return t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", [])
