"""The same statement across the articles of a story, and contradictions between
statements.

Two attributions of different articles are one statement when their sources are the
same (the same name key, or one name inside the other: "Biden" and "Joe Biden") and their
contents share most of their words, whatever the form: a direct quote in one, indirect
speech in another, a paraphrase in a third. Groups are closed by union: A = B and B = C
make one statement.

Contradictions are the within-article conflicts of the story's articles, raised to the
statements holding them, plus, across articles, different figures for the same count
from different sources on close days, a denial repeating another source's words, and
incompatible accounts of the event ("accidentelle" vs "intervention extérieure") by
different sources on close days.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from selon.model import Analysis, Attribution
from selon.reconcile import conflicts, spans
from selon.reconcile.words import content_words, normalise, party_key

# Words that may name a source but say nothing of who it is; "anonymous" is the analysis'
# source of an agentless passive (« est soupçonné de ... »): many people, never one speaker.
VAGUE = frozenset({"il", "elle", "ils", "elles", "on", "lui", "eux", "celui ci", "celle ci",
                   "anonymous"})
SAME_SOURCE_OVERLAP = 0.5
SAME_SOURCE_MIN_WORDS = 2
ANY_SOURCE_OVERLAP = 0.8
ANY_SOURCE_MIN_WORDS = 6
FIGURE_DAYS = 2


@dataclass
class Mention:
    article: Analysis
    attribution: Attribution
    keys: frozenset[str]
    words: frozenset[str]

    @property
    def article_id(self) -> str:
        return self.article.article.id

    @property
    def span(self) -> tuple[int, int]:
        """The span shown for this mention: the reported words (:func:`spans.shown`)."""
        return spans.shown(self.article.article.text, self.attribution)


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


def _stems(text: str) -> frozenset[str]:
    return frozenset(w[:6] for w in content_words(text))


def _keys(analysis: Analysis, at: Attribution) -> frozenset[str]:
    if at.source is None:
        return frozenset()
    keys = {party_key(at.source.text)}
    if at.source.entity:
        name = next((e.name for e in analysis.entities if e.id == at.source.entity), None)
        if name:
            keys.add(party_key(name))
    return frozenset(k for k in keys if k and k not in VAGUE)


def same_source(a: frozenset[str], b: frozenset[str]) -> bool:
    for x in a:
        wx = set(x.split())
        for y in b:
            wy = set(y.split())
            if wx <= wy or wy <= wx:
                return True
    return False


def overlap(a: frozenset[str], b: frozenset[str]) -> tuple[int, float]:
    shared = len(a & b)
    return shared, shared / min(len(a), len(b)) if a and b else 0.0


def is_same(x: Mention, y: Mention) -> bool:
    shared, ratio = overlap(x.words, y.words)
    if x.keys and y.keys and same_source(x.keys, y.keys):
        return shared >= SAME_SOURCE_MIN_WORDS and ratio >= SAME_SOURCE_OVERLAP
    return shared >= ANY_SOURCE_MIN_WORDS and ratio >= ANY_SOURCE_OVERLAP


def match(story_id: str, analyses: list[Analysis]) -> list[Statement]:
    """Every attribution of the story's articles in one statement (most alone)."""
    mentions = [Mention(an, at, _keys(an, at), _stems(_reported(an, at)))
                for an in analyses for at in an.attributions]
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
                if is_same(mentions[i], mentions[j]):
                    parent[root(i)] = root(j)
    groups: dict[int, list[Mention]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[root(i)].append(m)
    ordered = sorted(groups.values(), key=lambda g: (-len({m.article_id for m in g}),
                                                     g[0].article_id, g[0].attribution.id))
    return [Statement(f"{story_id}:{n}", g) for n, g in enumerate(ordered, start=1)]


def relations(statements: list[Statement], analyses: list[Analysis]) -> list[Relation]:
    """Contradictions between the statements of one story."""
    where: dict[tuple[str, str], str] = {}
    for st in statements:
        for m in st.mentions:
            where[(m.article_id, m.attribution.id)] = st.id
    found: dict[frozenset[str], Relation] = {}

    def add(a: str, b: str, why: str) -> None:
        if a != b and frozenset((a, b)) not in found:
            found[frozenset((a, b))] = Relation(a, b, why)

    for an in analyses:
        for c in an.conflicts:
            a, b = where.get((an.article.id, c.a)), where.get((an.article.id, c.b))
            if a and b:
                add(a, b, c.why)
    _across(statements, add)
    return list(found.values())


def _across(statements: list[Statement], add) -> None:  # type: ignore[no-untyped-def]
    """Figures and denials between mentions of different articles."""
    cues = conflicts.cues()
    figures = []
    denials = []
    claims: dict[str, list[tuple[Statement, Mention]]] = defaultdict(list)
    for st in statements:
        for m in st.mentions:
            q_by_id = {q.id: q for q in m.article.quantities}
            for qid in m.attribution.quantities:
                q = q_by_id.get(qid)
                if q is not None and q.role and conflicts.unit_head(q.unit) and q.value:
                    figures.append((st, m, q))
            if m.attribution.stance in cues.opposing:
                denials.append((st, m))
            else:
                for w in m.words:
                    claims[w].append((st, m))
    for i, (sa, ma, qa) in enumerate(figures):
        for sb, mb, qb in figures[i + 1:]:
            if sa is sb or ma.article_id == mb.article_id or same_source(ma.keys, mb.keys):
                continue
            if qa.role != qb.role or conflicts.unit_head(qa.unit) != conflicts.unit_head(qb.unit):
                continue
            da, db = ma.article.article.published, mb.article.article.published
            if da is None or db is None or abs((da - db).days) > FIGURE_DAYS:
                continue
            ba, bb = conflicts.bounds(qa), conflicts.bounds(qb)
            if ba and bb and (ba[1] < bb[0] or bb[1] < ba[0]):
                add(sa.id, sb.id, f"different figures for the {qa.unit} {qa.role}: "
                                  f"{qa.value:g} vs {qb.value:g}")
    for sd, md in denials:
        if len(md.words) < 3:
            continue
        counts: dict[str, int] = defaultdict(int)
        for w in md.words:
            for sc, mc in claims.get(w, []):
                if mc.article_id != md.article_id and not same_source(mc.keys, md.keys):
                    counts[sc.id] += 1
        for sid, n in counts.items():
            if n >= 3 and n >= 0.6 * len(md.words):
                add(sid, sd.id, f"{sd.source or 'a source'} denies it")
    _descriptions(statements, cues, add)


def _descriptions(statements: list[Statement], cues, add) -> None:  # type: ignore[no-untyped-def]
    """Incompatible accounts of the story's event (an accident, an attack) given by
    different sources in different articles on close days."""
    for n in cues.across:
        left, right = (tuple(w for w in side if w not in cues.across_excluded)
                       for side in cues.incompatible[n])
        sides: list[tuple[int, str, Statement, Mention]] = []
        for st in statements:
            for m in st.mentions:
                if m.attribution.stance in cues.opposing:
                    continue  # "a rejeté la thèse de l'accident" is not an account of one
                text = normalise(m.article.article.text[slice(*m.attribution.content)])
                wl, wr = conflicts.has_word(left, text), conflicts.has_word(right, text)
                if bool(wl) != bool(wr):
                    sides.append((0 if wl else 1, wl or wr or "", st, m))
        for side, wa, sa, ma in sides:
            if side:
                continue
            for other, wb, sb, mb in sides:
                if not other or sa is sb or ma.article_id == mb.article_id:
                    continue
                if not ma.keys or not mb.keys or same_source(ma.keys, mb.keys):
                    continue
                da, db = ma.article.article.published, mb.article.article.published
                if da is None or db is None or abs((da - db).days) > FIGURE_DAYS:
                    continue
                add(sa.id, sb.id, f"incompatible accounts: {wa!r} ({sa.source}) "
                                  f"vs {wb!r} ({sb.source})")
