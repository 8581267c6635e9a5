"""The span shown for a statement's mention: the reported words of an attribution, without
the narrator's words its content may run on to.

Four cuts, each only outside quotations:

- the end of a quotation the content starts inside of;

- the attribution's own source or cue inside its content (« ... se sont déjà déversées en
  mer, selon Akihiko Ono, ... »): the content stops before the comma that opens them;
- a narrator's phrase after a comma (« ..., même si ... », « ..., sur fond de ... »);
- a second act of the speaker joined by « et » (« ... n'avait été commise et a refusé de
  présenter des excuses »).

Then, of what remains, a quotation that opens the content and is followed by the
narrator's words (« "rien (n'était) décidé", quelques instants avant ... ») is the
speaker's words, as is the longest quotation when it is a good part of the content.
The words of a mention (what statements are compared on) are those of the trimmed content.
"""

from __future__ import annotations

import re
from functools import cache

from selon import lang as langdata
from selon.model import Attribution

QUOTE_SHARE = 0.3
QUOTE_MIN_WORDS = 3  # a quoted word or two ('le "rétablissement" du président') is not it
MIN_KEPT_WORDS = 3  # a cut that would leave fewer words is not made

_QUOTED = re.compile(r"«\s*([^«»]+?)\s*»|“([^“”]+)”|\"([^\"]+)\"")
_OPENING_QUOTE = re.compile(r"\s*(?:«\s*([^«»]+?)\s*»|“([^“”]+)”|\"([^\"]+)\")\s*[,;(]")


def _participle(lemma: str) -> str | None:
    if lemma.endswith("er"):
        return lemma[:-2] + "é"
    if lemma.endswith("ir"):
        return lemma[:-2] + "i"
    return None


@cache
def _patterns(lang: str = "fr") -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = langdata.load(lang, "mentions")
    verbs = langdata.load(lang, "cues")["verbs"]
    parts = {p for p in (_participle(v) for v in verbs) if p}
    parts |= set(data["coordinated_participles"])
    alt = "|".join(sorted(map(re.escape, parts), key=len, reverse=True))
    aux = "|".join(map(re.escape, data["coordinated_auxiliaries"]))
    adv = "|".join(sorted(map(re.escape, data["adverbs"]), key=len, reverse=True))
    coordinated = re.compile(
        rf",?\s+et\s+(?:{aux})\s+(?:(?:{adv})\s+)?(?:{alt})(?:e|s|es)?(?!\w)", re.IGNORECASE)
    tails = "|".join(_phrase(t) for t in sorted(data["narrator_tails"], key=len, reverse=True))
    narrator = re.compile(rf",\s*(?:{tails})", re.IGNORECASE)
    return coordinated, narrator


def _phrase(words: str) -> str:
    """A pattern for a phrase of the data: either apostrophe; a whole word at its end."""
    pattern = re.escape(words).replace("'", "['’]")
    return pattern if words.endswith("'") else pattern + r"(?!\w)"


def _closing_quote(text: str, lo: int, hi: int) -> int | None:
    """Where the quotation a content starts inside ends, when it ends before the content
    does (« ...J'ai senti que c'était plus fort" en 2005, provoqué par ... »)."""
    guillemet = text.find("»", lo, hi)
    if guillemet != -1 and text.find("«", lo, guillemet) == -1:
        return guillemet
    line = text.rfind("\n", 0, lo) + 1
    if text.count('"', line, lo) % 2 == 1:
        straight = text.find('"', lo, hi)
        if straight != -1:
            return straight
    return None


def _quoted_ranges(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text, lo, hi)]


def _words(text: str) -> int:
    return len(text.split())


def trimmed(text: str, at: Attribution) -> tuple[int, int]:
    """The attribution's content without the narrator's words it runs on to."""
    lo, hi = at.content
    quotes = _quoted_ranges(text, lo, hi)

    def outside(pos: int) -> bool:
        return not any(a <= pos < b for a, b in quotes)

    cuts = []
    inside = [p.span[0] for p in ([at.source] if at.source else []) + list(at.via)
              if lo < p.span[0] < hi] + ([at.cue[0]] if at.cue and lo < at.cue[0] < hi else [])
    for pos in inside:
        comma = text.rfind(",", lo, pos)
        if any(a > pos for a, _ in quotes):
            continue  # a reporting clause between two quotations (« "...", a-t-il dit. "..." »)
        if comma > lo and outside(comma):
            cuts.append(comma)
    closing = _closing_quote(text, lo, hi)
    if closing is not None:
        cuts.append(closing)
    coordinated, narrator = _patterns()
    for pattern in (coordinated, narrator):
        for m in pattern.finditer(text, lo, hi):
            if outside(m.start()):
                cuts.append(m.start())
                break
    for cut in sorted(cuts):
        end = cut
        while end > lo and text[end - 1] in " ,;:":
            end -= 1
        if _words(text[lo:end]) >= MIN_KEPT_WORDS:
            return lo, end
    return lo, hi


def quoted_part(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The longest quotation inside ``span`` (its inner words), else ``span`` itself."""
    best = span
    size = 0
    for m in _QUOTED.finditer(text, span[0], span[1]):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        if m.end(group) - m.start(group) > size:
            best, size = (m.start(group), m.end(group)), m.end(group) - m.start(group)
    return best


def shown(text: str, at: Attribution) -> tuple[int, int]:
    """The span shown for a mention of ``at``: the trimmed content, or the speaker's own
    words in it when a quotation opens it or makes a good part of it."""
    lo, hi = trimmed(text, at)
    m = _OPENING_QUOTE.match(text, lo, hi)
    if m:
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        if _words(m.group(group)) >= QUOTE_MIN_WORDS:
            return m.start(group), m.end(group)
    inner = quoted_part(text, (lo, hi))
    if (inner[1] - inner[0] >= QUOTE_SHARE * (hi - lo)
            and _words(text[inner[0]:inner[1]]) >= QUOTE_MIN_WORDS):
        return inner
    return lo, hi
