"""Who a source is across the articles of a story: a source named by its role only
(« le Premier ministre ») is the person that the story's articles give that title to
(« le Premier ministre libanais Hassan Diab »), when they give it to one person only.

The titles are read from the words just before each mention of a person (the apposition
of French news: role, optional adjective of nationality, name). A role given to two people
in the story (« le président » of two countries) names neither.
"""

from __future__ import annotations

import re
from collections import defaultdict

from selon.model import Analysis, Attribution
from selon.reconcile.words import party_key
from selon.store.keys import name_key

# A title stands right before the name: no punctuation between them, in the same sentence.
_BREAK = re.compile(r"[\n.;:!?,()«»\"“”\[\]]")
_DEFINITE = frozenset({"le", "la", "l"})
_PREPOSITIONS = frozenset({"de", "du", "d", "des", "a", "au", "aux", "par", "pour", "sur", "avec"})
BEFORE_CHARS = 60  # how far before a person's name its title is looked for
TITLE_WORDS = 5


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
            for start, _ in e.mentions:
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
