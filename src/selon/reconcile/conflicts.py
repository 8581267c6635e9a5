"""Statements of one article that contradict each other.

Four kinds of evidence, each giving a short ``why``:

- a rejection or denial pointing back at an earlier statement of another source
  ("... a rejeté cette affirmation"), and what the rejecting source says instead in the
  same sentence ("... et a déclaré que ses soldats continuaient de se battre");
- a denial or rejection whose content repeats the words of an earlier claim, and the
  rejection of an accusation made just before;
- different figures for the same count (same role and unit) from different sources,
  outside each other's bounds;
- incompatible descriptions of one event ("accident" vs "attaque").

:mod:`selon.reconcile.rejections` adds the answers that go against another source's
statement (relative denials, dismissals, « Mais selon X », ...) and
:mod:`selon.reconcile.verdicts` opposite verdicts on one thing.

The cue words are data (``lang/<code>/conflicts.json``). Everything here reads the
records of an :class:`~selon.model.Analysis`; nothing is re-parsed.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from selon import lang as langdata
from selon.model import Analysis, Attribution, Conflict, Quantity
from selon.reasons import role_word, say
from selon.reconcile import rejections, verdicts
from selon.reconcile.words import content_words, normalise, source_key

# How far apart (in lines of the text) two statements may be and still be compared.
NEAR_LINES = 1
DESCRIPTION_LINES = 6
FIGURE_LINES = 2


@dataclass(frozen=True)
class Cues:
    opposing: frozenset[str]
    accusing: frozenset[str]
    demonstratives: frozenset[str]
    heads: frozenset[str]
    anaphoric: frozenset[str]
    incompatible: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    across: tuple[int, ...] = ()  # the pairs of ``incompatible`` compared across articles
    across_excluded: frozenset[str] = frozenset()  # without these words
    across_days: tuple[tuple[int, int], ...] = ()  # (pair, days apart) when not the default
    compounds: tuple[str, ...] = ()  # phrases taken out before matching "incompatible"
    negators: frozenset[str] = frozenset()  # an account word just after one is denied


@cache
def cues(lang: str = "fr") -> Cues:
    data = langdata.load(lang, "conflicts")
    return Cues(
        opposing=frozenset(data["opposing_stances"]),
        accusing=frozenset(data["accusing_stances"]),
        demonstratives=frozenset(data["demonstratives"]),
        heads=frozenset(data["anaphoric_heads"]),
        anaphoric=frozenset(data["anaphoric_words"]),
        incompatible=tuple((tuple(a), tuple(b)) for a, b in data["incompatible"]),
        across=tuple(data.get("incompatible_across_articles", ())),
        across_excluded=frozenset(data.get("incompatible_across_excluded", ())),
        across_days=tuple((int(n), int(d)) for n, d in
                          data.get("incompatible_across_days", {}).items()),
        compounds=tuple(data.get("incompatible_compounds", ())),
        negators=frozenset(data.get("incompatible_negators", ())),
    )


def without_compounds(text: str, c: Cues) -> str:
    """Normalised ``text`` without the phrases whose words tell no account (« attentat
    suicide »), so that their words are not matched as one."""
    if c.compounds and _words(c.compounds).search(text):
        text = _words(c.compounds).sub(" ", text)
    return text


class _Layout:
    """Line and sentence numbers of positions in one text."""

    _SENTENCE_END = re.compile(r"[.!?…](?:\s*[»”\"])?\s+(?=[«“\"A-ZÀ-Ý])|\n")

    def __init__(self, text: str) -> None:
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.sentence_starts = [0] + [m.end() for m in self._SENTENCE_END.finditer(text)]

    def line(self, pos: int) -> int:
        return bisect_right(self.line_starts, pos)

    def sentence(self, pos: int) -> int:
        return bisect_right(self.sentence_starts, pos)


def start_of(at: Attribution) -> int:
    points = [at.content[0]]
    if at.cue:
        points.append(at.cue[0])
    if at.source:
        points.append(at.source.span[0])
    return min(points)


def cue_of(at: Attribution) -> int:
    return at.cue[0] if at.cue else at.content[0]


def is_anaphoric(content: str, c: Cues) -> bool:
    """Whether a rejected content only points back ("cette affirmation", "cela")."""
    words = normalise(content).split()
    if not words:
        return True
    if " ".join(words) in c.anaphoric:
        return True
    if words[0] in c.demonstratives:  # "ces accusations, les qualifiant de mensonges"
        return any(w.strip(",;:.") in c.heads for w in words[1:3])
    return False


def find(analysis: Analysis) -> list[Conflict]:
    """The pairs of attributions of one article that contradict each other."""
    text = analysis.article.text
    c = cues(analysis.article.lang if analysis.article.lang == "fr" else "fr")
    ats = sorted(analysis.attributions, key=start_of)
    layout = _Layout(text)
    found: dict[frozenset[str], Conflict] = {}

    def add(a: Attribution, b: Attribution, why: str) -> None:
        key = frozenset((a.id, b.id))
        if a.id != b.id and key not in found:
            found[key] = Conflict(a=a.id, b=b.id, why=why)

    def who(at: Attribution) -> str:
        return at.source.text if at.source else say("who.unnamed")

    keys = {at.id: source_key(at) for at in ats}

    def differ(x: Attribution, y: Attribution) -> bool:
        kx, ky = keys[x.id], keys[y.id]
        return not kx or not ky or (kx != ky and kx not in ky and ky not in kx)

    scene = rejections.Scene(analysis, ats, lambda at: layout.line(cue_of(at)),
                             lambda at: layout.sentence(cue_of(at)), differ, add, who,
                             c.opposing, c.accusing)
    for i, r in enumerate(ats):
        content = text[r.content[0]:r.content[1]]
        if r.stance not in c.opposing or rejections.relative(content):
            continue  # a relative denial (« ce qu'a démenti X ») is rejections' to pair
        r_line = layout.line(cue_of(r))
        earlier = [x for x in reversed(ats[:i])
                   if x.stance not in c.opposing and differ(x, r)
                   and cue_of(x) < cue_of(r) and r_line - layout.line(cue_of(x)) <= NEAR_LINES]
        if not earlier:
            continue
        if is_anaphoric(content, c):
            target = next((x for x in earlier if x.stance in c.accusing), None)
            if target is None and rejections.points_at_accusation(content):
                # « a rejeté ces accusations » needs an accusation, or a statement naming them
                target = next((x for x in earlier if scene.names(x, r)), None)
            target = target or (None if rejections.points_at_accusation(content) else earlier[0])
            if target is None:
                continue
            add(target, r, say("conflict.rejects", by=who(r), of=who(target)))
            sentence = layout.sentence(cue_of(r))
            for d in ats[i + 1:]:
                if (keys[d.id] == keys[r.id] and d.stance not in c.opposing
                        and layout.sentence(cue_of(d)) == sentence):
                    add(target, d, say("conflict.rejects_other_account", by=who(d),
                                       of=who(target)))
            continue
        mine = content_words(content)
        for x in earlier:
            if x.stance in c.accusing:
                add(x, r, say("conflict.rejects_accusation", by=who(r), of=who(x)))
                break
            theirs = content_words(text[x.content[0]:x.content[1]])
            shared = mine & theirs
            if len(shared) >= 2 or (shared and len(shared) >= 0.5 * min(len(mine), len(theirs))):
                add(x, r, say("conflict.denies", by=who(r), of=who(x)))
                break

    _figures(analysis, ats, layout, differ, add, who)
    _descriptions(text, ats, layout, c, differ, add, who)
    rejections.find(scene)
    verdicts.find(scene)
    return list(found.values())


def bounds(q: Quantity) -> tuple[float, float] | None:
    """The values a figure allows: "plus de 10.000" has no upper bound, "moins de 50" no
    lower one, "environ 600" ten per cent either side."""
    if q.value is None:
        return None
    if q.lower is not None and q.upper is None:
        return q.lower, math.inf
    if q.upper is not None and q.lower is None:
        return 0.0, q.upper
    low = q.lower if q.lower is not None else q.value
    high = q.upper if q.upper is not None else q.value
    if q.approx and q.lower is None and q.upper is None:
        low, high = q.value * 0.9, q.value * 1.1
    return min(low, high), max(low, high)


def places(analysis: Analysis, at: Attribution) -> set[str]:
    """The places named inside a statement's content (entity ids)."""
    lo, hi = at.content
    return {e.id for e in analysis.entities if e.type == "LOC"
            and any(lo <= m[0] and m[1] <= hi for m in e.mentions)}


def unit_head(unit: str | None) -> str | None:
    if not unit:
        return None
    word = normalise(unit).split()
    if not word:
        return None
    head = word[0]
    return head[:-1] if len(head) > 3 and head[-1] in "sx" else head


def _figures(analysis, ats, layout, differ, add, who) -> None:  # type: ignore[no-untyped-def]
    by_id = {q.id: q for q in analysis.quantities}
    times = {t.id: t.value for t in analysis.times}
    counted = []
    for at in ats:
        for qid in at.quantities:
            q = by_id.get(qid)
            if q is not None and q.role and unit_head(q.unit) and bounds(q):
                counted.append((at, q))
    for i, (a, qa) in enumerate(counted):
        for b, qb in counted[i + 1:]:
            if a.id == b.id or not differ(a, b):
                continue
            if qa.role != qb.role or unit_head(qa.unit) != unit_head(qb.unit):
                continue
            if abs(layout.line(cue_of(a)) - layout.line(cue_of(b))) > FIGURE_LINES:
                continue  # figures far apart in the text count different things
            pa, pb = places(analysis, a), places(analysis, b)
            if pa and pb and not pa & pb:
                continue  # figures for different places
            ta = {times[t] for t in a.times if times.get(t)}
            tb = {times[t] for t in b.times if times.get(t)}
            if ta and tb and not ta & tb:
                continue  # figures for different dates: an update, not a contradiction
            la, ha = bounds(qa) or (0.0, 0.0)
            lb, hb = bounds(qb) or (0.0, 0.0)
            if ha < lb or hb < la:
                add(a, b, say("conflict.figures", a=who(a), b=who(b), unit=qa.unit,
                              role=role_word(qa.role), x=f"{qa.value:g}", y=f"{qb.value:g}"))


def has_word(words: tuple[str, ...], text: str,
             negators: frozenset[str] = frozenset()) -> str | None:
    """The first of ``words`` found as a whole word in (normalised) ``text``, not just
    after one of ``negators``."""
    return _has(words, text, negators)


# How many words before an account word a negator denies it (« il n'y a pas eu de violences »).
NEGATED_WORDS = 3


def _negated(text: str, start: int, negators: frozenset[str]) -> bool:
    before = [t.split("'")[-1] for t in re.findall(r"[\w'-]+", text[max(0, start - 40):start])]
    return any(t in negators for t in before[-NEGATED_WORDS:])


@cache
def _words(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``words`` as a whole word (one search tells whether :func:`_has` finds one)."""
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})(?!\w)")


def _has(words: tuple[str, ...], text: str,
         negators: frozenset[str] = frozenset()) -> str | None:
    """The first of ``words`` (in their order) that ``text`` has as a whole word, but for
    the words a negator denies (« sans violences ») when ``negators`` are given."""
    if not words or not _words(words).search(text):
        return None
    for w in words:
        for m in _words((w,)).finditer(text):
            if not negators or w.split()[0] in negators or not _negated(text, m.start(),
                                                                          negators):
                return w
    return None


def _descriptions(text, ats, layout, c, differ, add, who) -> None:  # type: ignore[no-untyped-def]
    contents = {at.id: without_compounds(normalise(text[at.content[0]:at.content[1]]), c)
                for at in ats}
    for left, right in c.incompatible:
        # each content's words of either side, looked up once (not once per pair)
        marks = {at.id: (_has(left, contents[at.id], c.negators),
                         _has(right, contents[at.id], c.negators)) for at in ats}
        for i, a in enumerate(ats):
            wa_l, wa_r = marks[a.id]
            if bool(wa_l) == bool(wa_r):
                continue
            for b in ats[i + 1:]:
                if not differ(a, b):
                    continue
                if abs(layout.line(cue_of(b)) - layout.line(cue_of(a))) > DESCRIPTION_LINES:
                    continue
                wb_l, wb_r = marks[b.id]
                if bool(wb_l) == bool(wb_r):
                    continue
                if wa_l and wb_r:
                    add(a, b, say("conflict.accounts", x=wa_l, a=who(a), y=wb_r, b=who(b)))
                elif wa_r and wb_l:
                    add(a, b, say("conflict.accounts", x=wa_r, a=who(a), y=wb_l, b=who(b)))
