"""Articles grouped into stories, online: each new article joins the story it is most
like, among the stories active within a date window, or starts a new one.

The likeness of two articles mixes several signals:

- near-copies (``duplicate_of``, found at ingest by MinHash bands) are always one story;
- the words of their titles and texts, TF-IDF weighted over the articles of the window
  (so the weights need nothing beyond the window);
- the names they share (people, organisations, places), weighted by the rarity in French
  of their rarest word ("Kenosha" weighs more than "Etats-Unis"), places counting less
  than people and organisations;
- their distance in days: nothing beyond the window, and less the farther apart.

An article joins the story of its most alike article (single link) when the likeness
passes a threshold, or, below it, when that story is clearly the closest (``ratio``
times closer than any other story of the window, above a ``floor``) and shares names
with it; when it is as close as ``Params.merge`` to articles of two stories,
it links them and they become one (the older story absorbs the other), so that reports
of one event that arrived before the report bridging them end up together, whichever
batch brought them. Stories are never rebuilt: a batch only reads the window around
its own dates (and the articles of the stories it merges), so its cost does not grow
with the store.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

WINDOW_DAYS = 14
TITLE_WEIGHT = 3
MAX_TERMS = 120  # the heaviest terms of an article are kept for comparison
INDEX_TERMS = 25  # of which these propose candidates,
MIN_SHARED = 2  # when they share at least this many
STEM = 7  # words compare by their first letters (a crude, language-light stemmer)
TEXT_CHARS = 4000  # the opening of the text that is compared (the lead carries the story)


@dataclass(frozen=True)
class Params:
    """The weights of the likeness and the joining threshold (tuned on story gold)."""

    words: float = 0.8
    names: float = 0.2
    place_factor: float = 0.4
    decay_days: float = 80.0
    threshold: float = 0.35
    window_days: int = WINDOW_DAYS
    link: str = "single"  # single | top2 (mean of the two best links to a story's articles)
    support: float = 0.0  # the weight of a story's second-best link, added to its best
    merge: float = 0.35  # a new article this close to two stories merges them
    # Below the threshold, a story this close still takes an article that is ``ratio``
    # times closer to it than to any other story of the window (neighbour-relative).
    floor: float = 0.2
    ratio: float = 3.0
    floor_names: float = 0.1  # and sharing this much of their names with one of its articles
    # How rare a name is: in French (the same weight whatever the batch, so the stories do
    # not depend on how the articles were batched) or in the window.
    name_rarity: str = "language"


@dataclass
class Doc:
    """What the story builder knows of one article."""

    id: str
    day: date
    title: str | None
    text: str
    names: dict[str, str] = field(default_factory=dict)  # name key -> entity type
    duplicate_of: str | None = None
    story: str | None = None
    terms: Counter[str] = field(default_factory=Counter)


_WORD = re.compile(r"[^\W\d_][\w'-]*")


UNKNOWN_RANK = 200_000
RANK_SCALE = 200


@cache
def word_ranks() -> dict[str, int]:
    """Stems (seven first letters) and their frequency rank in French (data file)."""
    from selon import lang as langdata

    return dict(langdata.load("fr", "word_ranks")["ranks"])


@cache
def _stop() -> frozenset[str]:
    from selon.reconcile.words import stopwords

    return stopwords("fr")


def terms_of(title: str | None, text: str) -> Counter[str]:
    stop = _stop()
    out: Counter[str] = Counter()
    for piece, weight in ((title or "", TITLE_WEIGHT), (text[:TEXT_CHARS], 1)):
        words = _WORD.findall(piece.lower().replace("’", "'"))
        for w in words:
            if "'" in w:
                w = w.rsplit("'", 1)[-1]
            if len(w) > 2 and w not in stop:
                out[w[:STEM]] += weight
    return out


def name_weight(key: str, ranks: dict[str, int]) -> float:
    """A name's weight by the rarity in French of its rarest word ("kenosha" weighs more
    than "etats unis")."""
    words = [w[:STEM] for w in key.split() if len(w) > 2] or [key[:STEM]]
    return max(math.log(2 + ranks.get(w, UNKNOWN_RANK) / RANK_SCALE) for w in words)


class Vectors:
    """TF-IDF vectors of a set of documents (the window and the batch)."""

    def __init__(self, docs: Sequence[Doc], place_factor: float = 0.4,
                 name_rarity: str = "window") -> None:
        df: Counter[str] = Counter()
        names_df: Counter[str] = Counter()
        for d in docs:
            if not d.terms:
                d.terms = terms_of(d.title, d.text)
            df.update(d.terms.keys())
            names_df.update(d.names.keys())
        n = max(len(docs), 1)
        ranks = word_ranks()
        # A word's weight: how rare it is in the language (its frequency rank in the
        # model's vocabulary), so that a small window weighs words as a large one does.
        self.idf = {t: math.log(2 + ranks.get(t, UNKNOWN_RANK) / RANK_SCALE) for t in df}
        if name_rarity == "language":  # the same weight whatever the batch or window
            self.name_idf = {k: name_weight(k, ranks) for k in names_df}
        else:
            self.name_idf = {k: math.log((n + 1) / (c + 0.5)) for k, c in names_df.items()}
        self.vec: dict[str, dict[str, float]] = {}
        # An inverted index over each article's heaviest terms proposes the candidates
        # an article is compared with: articles sharing none of them are not alike.
        self.index: dict[str, list[Doc]] = {}
        for d in docs:
            weights = {t: (1 + math.log(c)) * self.idf[t] for t, c in d.terms.items()}
            top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
            norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
            self.vec[d.id] = {t: w / norm for t, w in top}
            for t, _ in top[:INDEX_TERMS]:
                self.index.setdefault(t, []).append(d)
        # Names as unit vectors of square-rooted weights: their dot product is the shared
        # weight over the geometric mean of the two articles' total weights.
        self.nvec: dict[str, dict[str, float]] = {}
        for d in docs:
            nw = {k: self.name_idf.get(k, 0.0) * (place_factor if kind == "LOC" else 1.0)
                  for k, kind in d.names.items()}
            total = sum(nw.values())
            self.nvec[d.id] = {k: math.sqrt(w / total) for k, w in nw.items()} if total else {}

    def candidates(self, d: Doc) -> list[Doc]:
        """The articles sharing at least two of the heaviest terms of ``d``."""
        top = sorted(self.vec[d.id].items(), key=lambda kv: (-kv[1], kv[0]))[:INDEX_TERMS]
        shared: Counter[str] = Counter()
        docs: dict[str, Doc] = {}
        for t, _ in top:
            for other in self.index.get(t, ()):
                if other.id != d.id:
                    shared[other.id] += 1
                    docs[other.id] = other
        return [docs[i] for i, n in shared.items() if n >= MIN_SHARED]

    def cosine(self, a: Doc, b: Doc) -> float:
        va, vb = self.vec[a.id], self.vec[b.id]
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(w * vb.get(t, 0.0) for t, w in va.items())

    def names(self, a: Doc, b: Doc) -> float:
        na, nb = self.nvec[a.id], self.nvec[b.id]
        if len(na) > len(nb):
            na, nb = nb, na
        return sum(w * nb.get(k, 0.0) for k, w in na.items())


def likeness(v: Vectors, a: Doc, b: Doc, p: Params) -> float:
    days = abs((a.day - b.day).days)
    if days > p.window_days:
        return 0.0
    score = p.words * v.cosine(a, b) + p.names * v.names(a, b)
    return score * math.exp(-days / p.decay_days)


def story_scores(v: Vectors, d: Doc, p: Params) -> list[tuple[float, str, float]]:
    """The stories ``d`` is linked to, best first, each with its evidence: the best link
    to one of its articles, plus ``support`` times the second best; and the most of
    their names ``d`` shares with one of its articles."""
    links: dict[str, list[float]] = {}
    named: dict[str, float] = {}
    for other in v.candidates(d):
        s = likeness(v, d, other, p)
        if s > 0 and other.story:
            links.setdefault(other.story, []).append(s)
            named[other.story] = max(named.get(other.story, 0.0), v.names(d, other))
    out = []
    for story, scores in links.items():
        scores.sort(reverse=True)
        if p.link == "top2" and len(scores) >= 2:
            score = (scores[0] + scores[1]) / 2
        else:
            score = scores[0] + p.support * (scores[1] if len(scores) > 1 else 0.0)
        out.append((score, story, named[story]))
    out.sort(key=lambda x: (-x[0], x[1]))
    return out


def joins(scored: list[tuple[float, str, float]], p: Params) -> bool:
    """Whether the best of these stories takes the article: close enough, or clearly
    closer than any other story and sharing names with it."""
    best, _, named = scored[0]
    other = scored[1][0] if len(scored) > 1 else 0.0
    return best >= p.threshold or (best >= p.floor and best >= p.ratio * other
                                   and named >= p.floor_names)


def story_id_for(article_id: str) -> str:
    return "st-" + article_id[:12]


@dataclass
class Placement:
    """Where a batch went: the story of each new article, and the stored stories merged
    into another (absorbed story id -> the story it joined)."""

    stories: dict[str, str]
    merged: dict[str, str]


def assign(new: Iterable[Doc], window: Sequence[Doc], story_of_original: dict[str, str],
           p: Params | None = None) -> dict[str, str]:
    """The story of each new article (see :func:`place`), merged stories resolved."""
    return place(new, window, story_of_original, p).stories


def place(new: Iterable[Doc], window: Sequence[Doc], story_of_original: dict[str, str],
          p: Params | None = None) -> Placement:
    """The story of each new article (new ones taken in date order); ``window`` holds
    the stored articles near their dates, with their stories; ``story_of_original`` the
    stories of originals of near-copies that may lie outside the window.

    An article as close as ``p.merge`` to two stories links them: they become one (the
    story of the earliest article absorbs the others), so that articles of one story
    that arrived before the article bridging them end up together whatever the order
    of the batches."""
    p = p or Params()
    fresh = sorted(new, key=lambda d: (d.day, d.id))
    docs = [*window, *fresh]
    v = Vectors(docs, p.place_factor, p.name_rarity)
    by_id = {d.id: d for d in window}
    out: dict[str, str] = {}
    merged: dict[str, str] = {}
    first: dict[str, tuple[date, str]] = {}
    for d in window:
        if d.story:
            first[d.story] = min(first.get(d.story, (d.day, d.id)), (d.day, d.id))

    def absorb(stories: list[str]) -> str:
        target = min(stories, key=lambda s: first.get(s, (date.max, s)))
        gone = {s for s in stories if s != target}
        if not gone:
            return target
        for s in gone:
            merged[s] = target
            first[target] = min(first.get(target, (date.max, target)),
                                first.get(s, (date.max, s)))
        for k, s in merged.items():
            if s in gone:
                merged[k] = target
        for doc in docs:
            if doc.story in gone:
                doc.story = target
        for k, s in out.items():
            if s in gone:
                out[k] = target
        return target

    for d in fresh:
        original = d.duplicate_of
        if original and (original in out or original in by_id or original in story_of_original):
            story = out.get(original) or (by_id[original].story if original in by_id
                                          else story_of_original[original])
            d.story = merged.get(story or "", story)
        else:
            scored = story_scores(v, d, p)
            if scored and joins(scored, p):
                d.story = absorb([s for score, s, _ in scored if s == scored[0][1]
                                  or score >= p.merge])
        if d.story is None:
            d.story = story_id_for(d.id)
        first[d.story] = min(first.get(d.story, (d.day, d.id)), (d.day, d.id))
        out[d.id] = d.story
        by_id[d.id] = d
    return Placement(out, merged)
