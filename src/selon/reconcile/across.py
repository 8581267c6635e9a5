"""Contradictions between the statements of one story.

The within-article conflicts of the story's articles (:mod:`selon.reconcile.conflicts`),
raised to the statements holding them, plus, between mentions of different articles by
different sources on close days:

- different figures for the same count (same role and unit, outside each other's bounds),
  and « aucune victime » against a figure of the dead or wounded;
- a denial repeating another source's words;
- a negative content repeating another source's words (« à aucun moment on n'a parlé
  d'un gouvernement à majorité militaire » against « un gouvernement en majorité
  militaire »);
- incompatible accounts of the event ("accidentelle" vs "intervention extérieure", « dans
  son droit » vs « un meurtre »);
- a denial of any fault against the reproach that names the one who denies
  (:mod:`selon.reconcile.faults`);
- the results of a vote against their rejection (:mod:`selon.reconcile.results`).

Each with a short ``why``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from selon import lang as langdata
from selon.model import Analysis, Quantity
from selon.reasons import role_word, say
from selon.reconcile import conflicts, faults, results
from selon.reconcile.statements import Mention, Relation, Statement, same_source
from selon.reconcile.words import normalise
from selon.store.keys import name_key

FIGURE_DAYS = 2
# Figures of one count on different days are an update (a toll that rises), not a contradiction.
SAME_COUNT_DAYS = 0
FIGURE_SHARED_WORDS = 2  # words two figures' contents share besides the figures
# A negative content against a positive one: the content words they share, and the share
# of the fewer words of the two that these make.
NEGATED_SHARED_WORDS = 3
NEGATED_OVERLAP = 0.6


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
    known = {name_key(e.name) for st in statements for m in st.mentions
             for e in m.article.entities if e.type == "LOC"}
    places = {id(m): _places(m, known) for _, m, _ in figures}  # each mention's, once
    for i, (sa, ma, qa) in enumerate(figures):
        for sb, mb, qb in figures[i + 1:]:
            if sa is sb or ma.article_id == mb.article_id or same_source(ma.keys, mb.keys):
                continue
            if qa.role != qb.role or conflicts.unit_head(qa.unit) != conflicts.unit_head(qb.unit):
                continue
            if not ma.near(mb, SAME_COUNT_DAYS) or not _same_count(ma, qa, mb, qb, places):
                continue
            ba, bb = conflicts.bounds(qa), conflicts.bounds(qb)
            if ba and bb and (ba[1] < bb[0] or bb[1] < ba[0]):
                add(sa.id, sb.id, say("story.figures", unit=qa.unit, role=role_word(qa.role),
                                      x=f"{qa.value:g}", y=f"{qb.value:g}"))
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
                add(sid, sd.id, say("story.denies", by=sd.source or say("who.a_source")))
    _negated(statements, add)
    _none_against_figures(figures, statements, add)
    _descriptions(statements, cues, add)
    faults.find(statements, add)
    results.find(statements, add)


def _places(m: Mention, known: set[str]) -> set[str]:
    """The places inside a mention's content: the names of its article's entities that
    some article of the story takes for a place (the analysis may type a place it knows
    in one article and not in another)."""
    lo, hi = m.attribution.content
    return {key for e in m.article.entities if (key := name_key(e.name)) in known
            and any(lo <= s and e_ <= hi for s, e_ in e.mentions)}


def _gives(m: Mention, q: Quantity) -> bool:
    """Whether a mention also gives a figure of ``q``'s count within its bounds (then its
    other figures count something else: « 57 nouveaux cas ..., dont 36 à Pékin »)."""
    want = conflicts.bounds(q)
    if want is None:
        return False
    by_id = {x.id: x for x in m.article.quantities}
    for qid in m.attribution.quantities:
        x = by_id.get(qid)
        if x is None or x.role != q.role:
            continue
        if conflicts.unit_head(x.unit) != conflicts.unit_head(q.unit):
            continue
        got = conflicts.bounds(x)
        if got and not (got[1] < want[0] or want[1] < got[0]):
            return True
    return False


def _same_count(a: Mention, qa: Quantity, b: Mention, qb: Quantity,
                places: dict[int, set[str]]) -> bool:
    """Whether two figures may count the same thing: the same places (a world toll is
    not a country's: both contents name a place in common, or neither names one), the
    same days, if both give one, neither content also giving the other's figure, and
    some words in common besides the figures and their unit."""
    pa, pb = places[id(a)], places[id(b)]
    if (pa or pb) and not pa & pb:
        return False
    times_a = {t.value for t in a.article.times if t.id in a.attribution.times and t.value}
    times_b = {t.value for t in b.article.times if t.id in b.attribution.times and t.value}
    if times_a and times_b and not times_a & times_b:
        return False
    if _gives(a, qb) or _gives(b, qa):
        return False
    unit = {w[:6] for q in (qa, qb) for w in normalise(q.unit or "").split()}
    words_a = {w for w in a.words if not w.startswith("#")} - unit
    words_b = {w for w in b.words if not w.startswith("#")} - unit
    return len(words_a & words_b) >= FIGURE_SHARED_WORDS


def _negated(statements: list[Statement], add) -> None:  # type: ignore[no-untyped-def]
    """A negative content (:attr:`Mention.negative`) that repeats most of the words of a
    positive one of another source, in another article of close days."""
    mentions = [(st, m) for st in statements for m in st.mentions]
    negative = [(st, m) for st, m in mentions if m.negative]
    for sn, mn in negative:
        for sp, mp in mentions:
            if mp.negative or sp is sn or mp.article_id == mn.article_id:
                continue
            if not mn.near(mp, FIGURE_DAYS) or (mn.keys and mp.keys
                                                and same_source(mn.keys, mp.keys)):
                continue
            wn = {w for w in mn.words if not w.startswith("#")}
            wp = {w for w in mp.words if not w.startswith("#")}
            shared = len(wn & wp)
            if shared >= NEGATED_SHARED_WORDS and shared >= NEGATED_OVERLAP * min(len(wn), len(wp)):
                neg, pos = (m.attribution.source for m in (mn, mp))
                add(sp.id, sn.id, say("story.says_contrary",
                                      by=neg.text if neg else say("who.a_source"),
                                      of=pos.text if pos else say("who.another")))


@cache
def _none_pattern(lang: str = "fr") -> tuple[re.Pattern[str], dict[str, list[str]]]:
    data = langdata.load(lang, "conflicts")
    words = "|".join(sorted((re.escape(w) for w in data["none_words"]), key=len, reverse=True))
    nouns = data["none_nouns"]
    alt = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})\s*({alt})(?!\w)"), nouns


def _none_against_figures(figures, statements: list[Statement], add) -> None:  # type: ignore[no-untyped-def]
    """« Il n'y a eu aucune victime » against a figure of the dead or wounded given by
    another source in another article."""
    pattern, nouns = _none_pattern()
    for st in statements:
        for m in st.mentions:
            found = pattern.search(normalise(m.content))
            if not found:
                continue
            roles = set(nouns[found.group(1)])
            for sb, mb, qb in figures:
                if sb is st or mb.article_id == m.article_id or qb.role not in roles:
                    continue
                if not qb.value or qb.value <= 0 or not m.near(mb, FIGURE_DAYS):
                    continue
                if m.keys and mb.keys and same_source(m.keys, mb.keys):
                    continue
                add(st.id, sb.id, say("story.says_none", by=st.source or say("who.a_source"),
                                      what=found.group(1),
                                      other=sb.source or say("who.another"),
                                      value=f"{qb.value:g}", unit=qb.unit,
                                      role=role_word(qb.role)))


def _descriptions(statements: list[Statement], cues, add) -> None:  # type: ignore[no-untyped-def]
    """Incompatible accounts of the story's event (an accident, an attack) given by
    different sources in different articles on close days."""
    days_of = dict(cues.across_days)
    for n in cues.across:
        days = days_of.get(n, FIGURE_DAYS)
        left, right = (tuple(w for w in side if w not in cues.across_excluded)
                       for side in cues.incompatible[n])
        sides: list[tuple[int, str, Statement, Mention]] = []
        for st in statements:
            for m in st.mentions:
                if m.attribution.stance in cues.opposing:
                    continue  # "a rejeté la thèse de l'accident" is not an account of one
                text = conflicts.without_compounds(
                    normalise(m.content), cues)
                wl = conflicts.has_word(left, text, cues.negators)
                wr = conflicts.has_word(right, text, cues.negators)
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
                if da is None or db is None or abs((da - db).days) > days:
                    continue
                add(sa.id, sb.id, say("story.accounts", x=wa, a=sa.source, y=wb,
                                      b=sb.source))
