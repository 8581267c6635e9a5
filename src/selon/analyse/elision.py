"""An elided word glued to an opening quotation mark is split from it by the tokenizer.

Wire copy writes « a indiqué qu'"il faut… » or « au service "d'ambassades…" » with no
space between the elided word and the mark. spaCy's French tokenizer keeps « qu'"il »
as one token (its exception pattern for elisions matches the whole string), so the
parser reads no « que » and no opening quote, and the statement is lost. The tokenizer
is given one more infix, the mark after an apostrophe, and its exception pattern is not
applied to a string holding one: « qu' », « " », « il ». Offsets are unchanged: only
token boundaries move.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokenizer import Tokenizer

from selon import lang


def _pattern(code: str) -> str:
    data = lang.load(code, "elision")
    apostrophes = "".join(re.escape(a) for a in data["apostrophes"])
    marks = "".join(re.escape(m) for m in data["opening_marks"])
    return f"(?<=[{apostrophes}])[{marks}]"


def split_quoted_elisions(tokenizer: Tokenizer, code: str = "fr") -> None:
    """Make ``tokenizer`` split an opening quotation mark off the elided word before it."""
    pattern = _pattern(code)
    glued = re.compile(pattern)
    infixes = tokenizer.infix_finditer
    old = getattr(infixes, "__self__", None)
    if old is None or not isinstance(old, re.Pattern):
        return
    tokenizer.infix_finditer = re.compile(f"{pattern}|{old.pattern}").finditer
    match = tokenizer.token_match
    if match is not None:
        tokenizer.token_match = _unless(glued, match)


def _unless(glued: re.Pattern[str],
            match: Callable[[str], re.Match[str] | None]) -> Callable[[str], re.Match[str] | None]:
    def token_match(text: str) -> re.Match[str] | None:
        return None if glued.search(text) else match(text)
    return token_match
