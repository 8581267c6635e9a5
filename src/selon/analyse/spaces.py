"""No-break spaces read as plain spaces by the tokenizer, the text left as it is.

Web copy puts no-break spaces (U+00A0) between words; spaCy splits words on the plain
space only, so each one becomes a token of its own in the middle of the sentence: the
tagger then reads « a\u00a0souligné » as a stray « a » and a participle, and misses the
sentence breaks after « .\u00a0». The wrapper hands the tokenizer the text with those
characters as plain spaces (one character for one, so every offset stays exact) and keeps
the text as given in ``selon_text``, where every component reads it. The narrow no-break
space (U+202F) is left as it is: reading it as a space changed no figure measured.
"""

from __future__ import annotations

from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from selon.analyse import extensions  # noqa: F401  (selon_text)

_AS_SPACE = str.maketrans({"\u00a0": " "})


class SpaceTokenizer:
    """A tokenizer that reads typographic spaces as plain spaces."""

    def __init__(self, inner: Tokenizer) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        plain = text.translate(_AS_SPACE)
        doc = self.inner(plain)
        if plain != text:
            doc._.selon_text = text  # offsets index the text as given
        return doc

    def __getattr__(self, name: str) -> object:  # vocab, explain, to_disk ...
        return getattr(self.inner, name)
