"""What the entity component knows about a language, read from ``lang/<code>/entities.json``.

Also the name keys used to compare mentions: case-, accent-, hyphen- and
apostrophe-insensitive word tuples, titles and articles left out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from selon import lang as langdata

_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Lower case, no accents: ``"États"`` -> ``"etats"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> tuple[str, ...]:
    """Folded words of ``text``; hyphens and apostrophes separate words."""
    return tuple(w for w in _NON_WORD.split(fold(text)) if w)


def _plural(word: str) -> str:
    return word if word.endswith(("s", "x")) else word + "s"


@dataclass(frozen=True)
class EntityRules:
    mention_titles: frozenset[str]  # exact surface, e.g. "M."
    role_titles: frozenset[str]  # folded
    determiners: frozenset[str]  # lower case
    de_words: frozenset[str]  # lower case
    place_nouns: frozenset[str]  # folded
    org_heads: frozenset[str]  # folded, for capitalised names
    nominal_heads: dict[str, tuple[tuple[str, ...], ...]]  # first folded word -> heads as words
    nominal_firsts: frozenset[str]  # first words of nominal heads, as written
    weak_adjectives: frozenset[str]  # lower case
    not_qualifier_nouns: frozenset[str]  # lower case
    never_alone: frozenset[str]  # folded word tuples joined by a space
    never_entity: frozenset[str]  # exact surface
    name_particles: frozenset[str]  # exact surface
    country_of: dict[tuple[str, ...], str]  # folded words of a country name or demonym -> key
    countries: frozenset[tuple[str, ...]]  # folded words of country names
    demonyms: frozenset[tuple[str, ...]]  # folded words of demonyms that are not country names
    skip_words: frozenset[str]  # words left out of name keys
    demonym_suffixes: tuple[str, ...]  # endings of demonyms: "Hongkongais"
    plural_articles: frozenset[str]  # lower case
    org_name_words: frozenset[str]  # exact surface: "Shipmanagement", "Groupe", "SA"
    org_apposition: dict[str, bool]  # lower-case noun -> whether it retypes a PER too
    unit_symbols: frozenset[str]  # exact surface: "°C", "km"
    number_words: frozenset[str]  # folded cardinal number words
    byline: re.Pattern[str]  # "<Outlet> avec <Agency>, publié le ..."
    byline_lines: int  # lines from the start where a byline is looked for

    @classmethod
    def for_lang(cls, lang: str) -> EntityRules:
        return _load(lang)

    def key(self, text: str) -> tuple[str, ...]:
        """Name key: folded words without articles, prepositions and titles; after the
        first word, country names and demonyms become one country key, so that
        "département d'État américain" and "Département d'État des États-Unis" meet."""
        ws = [w for w in words(text) if w not in self.skip_words]
        if len(ws) < 2:
            return tuple(ws)
        out = [ws[0]]
        i = 1
        while i < len(ws):
            for n in (3, 2, 1):
                country = self.country_of.get(tuple(ws[i:i + n]))
                if country is not None and i + n <= len(ws):
                    out.append(country)
                    i += n
                    break
            else:
                out.append(ws[i])
                i += 1
        return tuple(out)


@cache
def _load(lang: str) -> EntityRules:
    data = langdata.load(lang, "entities")
    country_of: dict[tuple[str, ...], str] = {}
    countries: set[tuple[str, ...]] = set()
    demonym_words: set[tuple[str, ...]] = set()
    for names, (masc, fem) in data["countries"]:
        canon = "@" + " ".join(words(names[0]))
        for name in names:
            countries.add(words(name))
            country_of[words(name)] = canon
        for form in {masc, fem, _plural(masc), _plural(fem)}:
            demonym_words.add(words(form))
            country_of.setdefault(words(form), canon)
    nominal: dict[str, list[tuple[str, ...]]] = {}
    for head in data["nominal_org_heads"]:
        ws = words(head)
        nominal.setdefault(ws[0], []).append(ws)
    mention_titles = frozenset(data["mention_titles"])
    skip = {*(fold(d).strip("'’") for d in data["determiners"]), *(fold(d).strip("'’")
            for d in data["de_words"]), *(w for t in mention_titles for w in words(t))}
    return EntityRules(
        mention_titles=mention_titles,
        role_titles=frozenset(fold(t) for t in data["role_titles"]),
        determiners=frozenset(d.lower() for d in data["determiners"]),
        de_words=frozenset(d.lower() for d in data["de_words"]),
        place_nouns=frozenset(fold(p) for p in data["place_nouns"]),
        org_heads=frozenset(fold(h) for h in data["org_heads"]),
        nominal_heads={k: tuple(sorted(v, key=len, reverse=True)) for k, v in nominal.items()},
        nominal_firsts=frozenset(re.split(r"[\s'’-]", h)[0] for h in data["nominal_org_heads"]),
        weak_adjectives=frozenset(a.lower() for a in data["weak_adjectives"]),
        not_qualifier_nouns=frozenset(n.lower() for n in data["not_qualifier_nouns"]),
        never_alone=frozenset(" ".join(words(w)) for w in data["never_alone"]),
        never_entity=frozenset(data["never_entity"]),
        name_particles=frozenset(data["name_particles"]),
        country_of=country_of,
        countries=frozenset(countries),
        demonyms=frozenset(demonym_words - countries),
        skip_words=frozenset(skip),
        demonym_suffixes=tuple(data["demonym_suffixes"]),
        plural_articles=frozenset(a.lower() for a in data["plural_articles"]),
        org_name_words=frozenset(data["org_name_words"]),
        org_apposition={**{n.lower(): False for n in data["org_apposition_nouns"]},
                        **{n.lower(): True for n in data["org_apposition_nouns_for_persons"]}},
        unit_symbols=frozenset(data["unit_symbols"]),
        number_words=frozenset(fold(w) for w in data["number_words"]),
        byline=re.compile(data["byline"], re.MULTILINE),
        byline_lines=int(data["byline_lines"]),
    )
