"""Tell a text's language from its most frequent function words (no model needed)."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from selon import lang as langdata

_WORD = re.compile(r"[^\W\d_]+")


@cache
def _words() -> tuple[float, dict[str, frozenset[str]]]:
    data = langdata.load_shared("identify")
    return data["min_share"], {k: frozenset(v) for k, v in data["words"].items()}


def identify(text: str, sample: int = 20000) -> str | None:
    """The ISO 639-1 code of the language of ``text``, or None when unclear."""
    words = [w.casefold() for w in _WORD.findall(text[:sample])]
    if len(words) < 5:
        return None
    min_share, lists = _words()
    counts = Counter(words)
    shares = {code: sum(counts[w] for w in ws) / len(words) for code, ws in lists.items()}
    code, share = max(shares.items(), key=lambda kv: kv[1])
    return code if share >= min_share else None
