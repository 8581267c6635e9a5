"""Who a source is across the articles of a story: a source named by its role only
(« le Premier ministre ») is the person that the story's articles give that title to
(« le Premier ministre libanais Hassan Diab »), when they give it to one person only.

The titles are read from the words just before each mention of a person (the apposition
of French news: role, optional adjective of nationality, name), and from an apposition
after it that opens with a role word (« Ismaël Wagué, porte-parole de la junte, »). A
role given to two people in the story (« le président » of two countries) names neither.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from selon import lang as langdata
from selon.model import Analysis, Attribution
from selon.reconcile.words import party_key
from selon.store.keys import name_key

# A title stands right before the name: no punctuation between them, in the same sentence.
_BREAK = re.compile(r"[\n.;:!?,()«»\"“”\[\]]")
_DEFINITE = frozenset({"le", "la", "l"})
_PREPOSITIONS = frozenset({"de", "du", "d", "des", "a", "au", "aux", "par", "pour", "sur", "avec"})
BEFORE_CHARS = 60  # how far before a person's name its title is looked for
TITLE_WORDS = 5
AFTER_WORDS = 7  # the longest apposition after a name taken for a title
_AFTER = re.compile(r"\s*,\s*([^\n.;:!?,()«»\"“”\[\]]+)[,.;:)]")


@cache
def _role_words(lang: str = "fr") -> frozenset[str]:
    """The keys of the role words an apposition after a name opens with."""
    return frozenset(name_key(w) for w in langdata.load(lang, "entities")["role_titles"])


def _after(text: str, end: int) -> str | None:
    """The title in an apposition right after a name (« , porte-parole de la junte, »)."""
    m = _AFTER.match(text, end, end + BEFORE_CHARS)
    if not m:
        return None
    words = name_key(m.group(1)).split()
    if words and words[0] in _DEFINITE:
        words = words[1:]
    roles = _role_words()
    if not words or len(words) > AFTER_WORDS:
        return None
    if not any(words[:len(r.split())] == r.split() for r in roles):
        return None
    return " ".join(words)


def titles(analyses: list[Analysis]) -> dict[str, set[str]]:
    """Every title (the key of the words before a person's name) with the keys of the
    people the story's articles give it to."""
    out: dict[str, set[str]] = defaultdict(set)
    for an in analyses:
        text = an.article.text
        for e in an.entities:
            if e.type != "PER":
                continue
            person = party_key(e.name)
            if len(person.split()) < 2:
                continue  # a lone surname may be two people of one family
            for start, end in e.mentions:
                after = _after(text, end)
                if after:
                    out[after].add(person)
                before = _BREAK.split(text[max(0, start - BEFORE_CHARS):start])[-1]
                words = name_key(before).split()
                for skip in (0, 1):  # « le Premier ministre [libanais] Hassan Diab »
                    kept = words[:len(words) - skip]
                    for n in range(1, min(TITLE_WORDS, len(kept) - 1) + 1):
                        # the title opens with a definite article that no preposition
                        # leads (« porte-parole de la junte X »: « la junte » is not X)
                        det = kept[-n - 1]
                        lead = kept[-n - 2] if len(kept) > n + 1 else ""
                        if det in _DEFINITE and lead not in _PREPOSITIONS:
                            out[" ".join(kept[-n:])].add(person)
    return out


def role_keys(analysis: Analysis, at: Attribution, known: dict[str, set[str]],
              vague: frozenset[str]) -> set[str]:
    """The key of the one person a role-only source names in the story, if any."""
    if at.source is None or at.source.entity is not None:
        return set()
    key = party_key(at.source.text)
    if not key or key in vague:
        return set()
    people = known.get(key, set())
    return set(people) if len(people) == 1 else set()


def held(known: dict[str, set[str]]) -> dict[str, set[str]]:
    """Each person and the titles the story gives to them alone."""
    out: dict[str, set[str]] = defaultdict(set)
    for title, people in known.items():
        if len(people) == 1:
            out[next(iter(people))].add(title)
    return out
