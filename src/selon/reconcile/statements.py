"""The same statement across the articles of a story, and contradictions between
statements.

Two attributions of different articles are one statement when their sources are the
same (the same name key, one name inside the other: "Biden" and "Joe Biden", one
canonical entity of the resolve stage, or one government or body they speak for:
« Moscou », « le Kremlin » and « le porte-parole du Kremlin », :mod:`selon.reconcile.bodies`)
and their contents share most of their words, whatever the form: a direct quote in one,
indirect speech in another, a paraphrase in a third. Words are the lemmas of the content
words (:mod:`selon.reconcile.lemmas`: no function words, no negation words) and the
figures by value; the share of words in common is counted either way, each word one or
each by its rarity in the language (a figure and rare words in common say more). The
words in common must hold one that is neither a name of the story's people and things
nor a role word (« le président Keïta »), and one outside the language's commonest words
(« le soir du coup d'État »). A source that names no known entity (« un témoin », or words
taken for a source by mistake), or that is the other mention's named relay (« selon
l'agence Tass »), may be the other's under other words: fewer shared words suffice than
between two named sources, more than for one source. A negative content and a positive
one are never one statement (« sans aucune précaution » denies nothing), nor two contents
giving figures none of which allows a value of the other's. Groups are closed by union:
A = B and B = C make one statement.

A source named by its role only (« le Premier ministre ») is also the person the story's
articles give that title to, before or after the name (:mod:`selon.reconcile.speakers`);
a person is also the body a title the story gives them alone speaks for (« Ismaël Wagué,
porte-parole de la junte »); a mention is compared on its reported words
(:mod:`selon.reconcile.spans`). Contradictions between statements are
:mod:`selon.reconcile.across`'s.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache

from selon import lang as langdata
from selon.model import Analysis, Attribution
from selon.reconcile import bodies, conflicts, spans, speakers
from selon.reconcile.lemmas import RANK_SCALE, content_lemmas, lemma, weight
from selon.reconcile.words import normalise, party_key

# Words that may name a source but say nothing of who it is; "anonymous" is the analysis'
# source of an agentless passive (« est soupçonné de ... »): many people, never one speaker.
VAGUE = frozenset({"il", "elle", "ils", "elles", "on", "lui", "eux", "celui ci", "celle ci",
                   "anonymous"})
_WORD = re.compile(r"\w+")
SAME_SOURCE_OVERLAP = 0.5
SAME_SOURCE_MIN_WORDS = 2
ANY_SOURCE_OVERLAP = 0.8
ANY_SOURCE_MIN_WORDS = 6
# When a source names no known entity (« un témoin », « les autorités », or words the
# analysis took for a source by mistake), it may be the other mention's source under
# other words: the contents then join on fewer shared words than two named sources need.
UNNAMED_SOURCE_OVERLAP = 0.5
UNNAMED_SOURCE_MIN_WORDS = 3
# Two contents share at least one word outside the language's commonest (:func:`telling`).
COMMON_RANK = 1000
COMMON_WEIGHT = math.log(2 + COMMON_RANK / RANK_SCALE)  # as :func:`lemmas.weight` gives it


@dataclass
class Mention:
    article: Analysis
    attribution: Attribution
    keys: frozenset[str]
    words: frozenset[str]
    # whether the source names an entity of the article (or the one person a role names)
    named: bool = False
    negative: bool = False  # the reported words deny something (:func:`_negative`)
    figures: tuple[tuple[float, float], ...] = ()  # the values its figures allow
    # the keys of the named relays it came through (« selon l'agence Tass »: its source
    # may be the other mention's relay, or its relay the other's source)
    relays: frozenset[str] = frozenset()

    @property
    def article_id(self) -> str:
        return self.article.article.id

    @property
    def span(self) -> tuple[int, int]:
        """The span shown for this mention: the reported words (:func:`spans.shown`)."""
        return spans.shown(self.article.article.text, self.attribution)

    @property
    def content(self) -> str:
        """The words of the attribution's content, as the article has them."""
        return self.article.article.text[slice(*self.attribution.content)]

    def near(self, other: Mention, days: int) -> bool:
        """Whether the two mentions are in one article, or in articles both dated and at
        most ``days`` apart."""
        if self.article_id == other.article_id:
            return True
        da, db = self.article.article.published, other.article.article.published
        return da is not None and db is not None and abs((da - db).days) <= days


@dataclass
class Statement:
    id: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def source(self) -> str | None:
        names = [m.attribution.source.text for m in self.mentions if m.attribution.source]
        return max(names, key=len) if names else None

    @property
    def source_key(self) -> str | None:
        keys = sorted((k for m in self.mentions for k in m.keys), key=len)
        return keys[-1] if keys else None


@dataclass
class Relation:
    a: str
    b: str
    why: str
    type: str = "contradicts"


def _reported(analysis: Analysis, at: Attribution) -> str:
    lo, hi = spans.trimmed(analysis.article.text, at)
    return analysis.article.text[lo:hi]


def _words(analysis: Analysis, at: Attribution) -> frozenset[str]:
    """What a mention is compared on: the lemmas of its reported content words, and its
    figures by value, however they are written (« 2.750 tonnes », « 2 750 tonnes »)."""
    values = {q.id: q.value for q in analysis.quantities}
    figures = {f"#{values[q]:g}" for q in at.quantities if values.get(q) is not None}
    return content_lemmas(_reported(analysis, at)) | figures


@cache
def _negation_lemmas(lang: str = "fr") -> frozenset[str]:
    return frozenset(lemma(w, lang) for w in _negations(lang)[0])


@cache
def _role_lemmas(lang: str = "fr") -> frozenset[str]:
    """The lemmas of the role words (« président », « porte-parole »)."""
    return frozenset().union(*(content_lemmas(w, lang)
                               for w in langdata.load(lang, "entities")["role_titles"]))


def story_names(analyses: list[Analysis]) -> frozenset[str]:
    """The words that name someone or something of the story (the lemmas of its
    entities' names) and the role words: two contents sharing only these (« le président
    Keïta ») say nothing in common of what was said."""
    names: set[str] = set(_role_lemmas())
    for an in analyses:
        for e in an.entities:
            names |= _name_lemmas(e.name)
    return frozenset(names)


@lru_cache(maxsize=100_000)
def _name_lemmas(name: str) -> frozenset[str]:
    return content_lemmas(name)


def _figures(analysis: Analysis, at: Attribution) -> tuple[tuple[float, float], ...]:
    """The values each figure of the content allows (« plus de 2 700 »: 2700 and more)."""
    by_id = {q.id: q for q in analysis.quantities}
    found = (conflicts.bounds(by_id[q]) for q in at.quantities if q in by_id)
    return tuple(b for b in found if b is not None)


@cache
def _negations(lang: str = "fr") -> tuple[frozenset[str], frozenset[str]]:
    data = langdata.load(lang, "mentions")
    return frozenset(data["negations"]), frozenset(data["not_negating_after"])


def _negative(analysis: Analysis, at: Attribution) -> bool:
    """Whether the reported words are negative (« rien n'est décidé »; not « stockées sans
    aucune précaution »)."""
    negations, privative = _negations(analysis.article.lang or "fr")
    words = _WORD.findall(normalise(_reported(analysis, at)))
    return any(w in negations and (i == 0 or words[i - 1] not in privative)
               for i, w in enumerate(words))


def _keys(analysis: Analysis, at: Attribution, titles: dict[str, set[str]] | None = None,
          canonical: dict[tuple[str, str], str] | None = None,
          held: dict[str, set[str]] | None = None) -> tuple[frozenset[str], bool]:
    """The keys of a mention's source (its words, its entity's name, the person its role
    names, ``@`` and the canonical entity of its entity, ``%`` and the country of the
    government it speaks for, the body a spokesperson speaks for
    (:mod:`selon.reconcile.bodies`): two mentions whose sources share a key, or whose
    keys are one inside the other, have the same source) and whether the source names a
    known entity. ``held`` gives the titles the story gives each person."""
    if at.source is None:
        return frozenset(), False
    keys = {party_key(at.source.text)}
    roles = speakers.role_keys(analysis, at, titles, VAGUE) if titles else set()
    keys |= roles
    if at.source.entity:
        name = next((e.name for e in analysis.entities if e.id == at.source.entity), None)
        if name:
            keys.add(party_key(name))
        cid = (canonical or {}).get((analysis.article.id, at.source.entity))
        if cid:
            keys.add(f"@{cid}")
    # what the source stands for: its government, the body its title or the title the
    # story gives the person speaks for (« Dmitri Peskov », « porte-parole du Kremlin »)
    for k in list(keys):
        keys |= bodies.keys(k)
        for title in (held or {}).get(k, ()):
            keys |= bodies.keys(title)
    kept = frozenset(k for k in keys if k and k not in VAGUE)
    return kept, bool(kept) and (at.source.entity is not None or bool(roles))


def _relays(analysis: Analysis, at: Attribution) -> frozenset[str]:
    """The keys of the relays of a mention that name a known entity (not « des propos »
    or « un porte-parole »)."""
    names = {e.id: e.name for e in analysis.entities}
    out = set()
    for p in at.via:
        if p.entity is None:
            continue
        out.add(party_key(p.text))
        if p.entity in names:
            out.add(party_key(names[p.entity]))
    return frozenset(k for k in out if k and k not in VAGUE)


def same_source(a: frozenset[str], b: frozenset[str]) -> bool:
    for x in a:
        wx = set(x.split())
        for y in b:
            wy = set(y.split())
            if wx <= wy or wy <= wx:
                return True
    return False


def overlap(a: frozenset[str], b: frozenset[str]) -> tuple[int, float]:
    """The words two contents share, and the share they make of the smaller of the two,
    counted either way: each word one, or each by its :func:`~selon.reconcile.lemmas.weight`
    (a figure and rare words in common, « nitrate », « ammonium », say more than the other
    words of a paraphrase; a paraphrase may also add rare words of its own)."""
    shared = a & b
    if not a or not b:
        return len(shared), 0.0
    lighter = min(sum(map(weight, a)), sum(map(weight, b)))
    return len(shared), max(len(shared) / min(len(a), len(b)),
                            sum(map(weight, shared)) / lighter)


def telling(words: frozenset[str]) -> bool:
    """Whether some of these words is not among the language's commonest
    (:data:`COMMON_RANK`): « coup », « État » and « soir » in common say nothing of which
    statement two contents are."""
    return any(weight(w) >= COMMON_WEIGHT for w in words)


def is_same(x: Mention, y: Mention, names: frozenset[str] = frozenset()) -> bool:
    """Whether two mentions report one statement; ``names`` are the words that name the
    story's people and things (:func:`story_names`)."""
    if x.negative != y.negative:
        return False  # « on n'a jamais parlé de X » is not « X », whatever the words
    # negation words are compared through :attr:`Mention.negative` above, not as content
    # words (« aucune victime » and « à aucun moment » share nothing)
    xw, yw = x.words - _negation_lemmas(), y.words - _negation_lemmas()
    if names and not {w for w in xw & yw if not w.startswith("#")} - names:
        return False  # « libérer le président Keïta » is not « le président Keïta va bien »
    if x.figures and y.figures and not any(a[0] <= b[1] and b[0] <= a[1]
                                           for a in x.figures for b in y.figures):
        return False  # « 9000 morts » is not « 900 morts »: another count, or an update
    shared, ratio = overlap(xw, yw)
    if x.keys and y.keys and same_source(x.keys, y.keys) and xw and xw == yw:
        return True  # one source, the very same words (« rendre des comptes »)
    if not telling(xw & yw):
        return False  # only the commonest words in common (« le soir du coup d'État »)
    if x.keys and y.keys and same_source(x.keys, y.keys):
        return shared >= SAME_SOURCE_MIN_WORDS and ratio >= SAME_SOURCE_OVERLAP
    # two sources say the same only in the same words: a figure written out in digits
    # and in words (« quatre », #4) is no more words in common
    words = len({w for w in xw & yw if not w.startswith("#")})
    unnamed = not (x.named and y.named) and bool(x.keys or y.keys)
    # one reports the words through the other's relay (« selon l'agence Tass » against
    # « Dmitri Peskov, cité par Tass »): the relay may be all the other knew of the source
    unnamed = unnamed or any(a.keys and b.relays and same_source(a.keys, b.relays)
                             for a, b in ((x, y), (y, x)))
    if unnamed and words >= UNNAMED_SOURCE_MIN_WORDS and ratio >= UNNAMED_SOURCE_OVERLAP:
        return True
    return words >= ANY_SOURCE_MIN_WORDS and ratio >= ANY_SOURCE_OVERLAP


def match(story_id: str, analyses: list[Analysis],
          canonical: dict[tuple[str, str], str] | None = None) -> list[Statement]:
    """Every attribution of the story's articles in one statement (most alone);
    ``canonical`` gives the canonical entity of an article's entity, when resolved."""
    titles = speakers.titles(analyses)
    held = speakers.held(titles)
    names = story_names(analyses)
    mentions = []
    for an in analyses:
        for at in an.attributions:
            keys, named = _keys(an, at, titles, canonical, held)
            mentions.append(Mention(an, at, keys, _words(an, at), named, _negative(an, at),
                                    _figures(an, at), _relays(an, at)))
    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Compare only mentions sharing a content word (an inverted index keeps it linear
    # in practice); words found in too many mentions do not propose pairs.
    index: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        for w in m.words:
            index[w].append(i)
    limit = max(50, len(mentions) // 5)
    seen: set[tuple[int, int]] = set()
    for posting in index.values():
        if len(posting) > limit:
            continue
        for n, i in enumerate(posting):
            for j in posting[n + 1:]:
                if (i, j) in seen or mentions[i].article_id == mentions[j].article_id:
                    continue
                seen.add((i, j))
                if is_same(mentions[i], mentions[j], names):
                    parent[root(i)] = root(j)
    groups: dict[int, list[Mention]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[root(i)].append(m)
    ordered = sorted(groups.values(), key=lambda g: (-len({m.article_id for m in g}),
                                                     g[0].article_id, g[0].attribution.id))
    return [Statement(f"{story_id}:{n}", g) for n, g in enumerate(ordered, start=1)]
