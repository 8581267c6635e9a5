"""Normalised name keys, so that "M. Choïgou" and "CHOIGOU" group and match together.

A key is the name case-folded, without accents, punctuation turned into single spaces,
and leading courtesy titles ("M.", "Mme", "Dr" ...) dropped. This is a plain, language-light
key for grouping within the store; the resolve stage adds transliteration-aware keys.
"""

from __future__ import annotations

import re
import unicodedata

from selon import lang as langdata

# Courtesy titles dropped at the start of a name (after case-folding and accent removal).
TITLES = frozenset(langdata.load_shared("titles")["courtesy"])

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})
_NON_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Case-fold and strip accents, keeping one character per input character.

    The result has the same length as ``text``, so an offset found in it is an offset
    into ``text`` (used to place search snippets).
    """
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)
        kept = "".join(c for c in base if not unicodedata.combining(c)).casefold()
        out.append(kept if len(kept) == 1 else ch.casefold()[:1] or ch)
    return "".join(out)


def name_key(name: str) -> str:
    """The grouping key of a name: ``"M. Sergueï Choïgou"`` → ``"serguei choigou"``."""
    text = unicodedata.normalize("NFKD", name.translate(_LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    words = _NON_WORD.sub(" ", text).split()
    while len(words) > 1 and words[0] in TITLES:
        words.pop(0)
    return " ".join(words)
