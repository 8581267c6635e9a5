"""Pair scoring: how likely two names are one person, organisation or place, and why.

Each word of the shorter name is aligned with its best word of the other (order-free, so
« SHOIGU, Sergey » meets « Sergueï Choïgou »; a word may also meet two adjacent words
joined, so « Jong-un » meets « Jong Un » and « Jongun »). A pair of words scores 1 when
their transliterations agree, a little less when only their neutral spellings or
consonant skeletons agree, and by edit distance otherwise. A word of the shorter name
that meets nothing, or meets a clearly different word (« Un » / « Il »), sinks the score:
close names of different people stay apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import product
from typing import Any

from rigour.text.distance import levenshtein

from selon.reasons import how_word, join, place_word, say
from selon.resolve.names import NameForm, Part, name_form
from selon.resolve.places import place_of

DEFAULT_THRESHOLD = 0.8
_PATRONYMIC = ("vich", "vitch", "vych", "ovna", "evna", "ovic", "evic", "ogly", "oglu", "kyzy")
# A word that meets its counterpart below this is a different word.
PART_FLOOR = 0.84


@dataclass(frozen=True)
class Match:
    """The score of a pair of names and the reason, in words."""

    score: float
    # the reasons: Reasons, or (code, values) pairs made Reasons when read (the matcher
    # builds a Match for every alignment it keeps, most of them never explained)
    parts: tuple[str | tuple[str, dict[str, Any]], ...] = field(default_factory=tuple)
    extra: int = 0            # words of the longer name left unmatched (no particles,
    extra_lead: bool = False  # no patronymics); one of them before every matched word
    longer: str = "b"         # which name ("a" or "b") is the longer one
    # the lowest score of a word met (particles and initials aside; 1.0 when none):
    # « Chariati » / « Sharifi » met by edit distance at 0.85
    weakest: float = 1.0

    @property
    def reason(self) -> str:
        return join(self.reasons)

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(p if isinstance(p, str) else _explained(*p) for p in self.parts)


def _explained(code: str, values: dict[str, Any]) -> str:
    """A reason of :func:`_match` as a Reason (how two words met, in words too)."""
    if "how" in values:
        values = {**values, "how": how_word(values["how"])}
    return say(code, **values)


def _edit_similarity(a: str, b: str) -> float:
    longest = max(len(a), len(b))
    if longest == 0:
        return 0.0
    if min(len(a), len(b)) <= 4 or abs(len(a) - len(b)) > 2:
        return 0.0  # short words must agree exactly (Un / Il, Yong / Jong)
    dist = levenshtein(a, b, max_edits=3)
    allowed = 1 if longest < 8 else 2
    if dist > allowed:
        return 0.0
    # a first letter that differs is a different name more often than a typo
    first = 0.0 if a[0] == b[0] else 0.04
    return 0.93 - 0.04 * dist - first


def part_score(a: Part, b: Part, abjad: bool = False,
               strict: bool = False) -> tuple[float, str]:
    """Score two words of names, with the way they met (``strict``: only agreeing
    spellings, no edit distance)."""
    if a.ascii == b.ascii:
        return 1.0, "same"
    if a.spelling == b.spelling:
        return 0.97, "same spelling across conventions"
    if a.initial or b.initial:
        if a.spelling[:1] == b.spelling[:1] or a.ascii[:1] == b.ascii[:1]:
            return 0.85, "initial"
        return 0.0, ""
    if abjad and a.skeleton == b.skeleton:
        return 0.92, "same consonants"
    if a.spelling.replace("u", "o") == b.spelling.replace("u", "o"):
        return 0.88, "o/u vowel"  # Korean 성: Sung, Song; 철: Chol, Chul
    if strict:
        return 0.0, ""
    if (abjad and min(len(a.skeleton), len(b.skeleton)) >= 4
            and a.skeleton[0] == b.skeleton[0] and levenshtein(a.skeleton, b.skeleton) <= 1):
        return 0.85, "close consonants"
    sim = _edit_similarity(a.spelling, b.spelling)
    if sim >= PART_FLOOR:
        return sim, "close spelling"
    return sim, ""


# how two words meet without edit distance: what ``part_score(..., strict=True)`` keeps
_STRICT_WAYS = frozenset({"same", "same spelling across conventions", "initial",
                          "same consonants", "o/u vowel"})
# word scores by the words' keys and abjad: the same pairs of words recur across the
# variants of one comparison and across the names of a store (cleared when full)
_SCORES: dict[tuple[str, str, bool], tuple[float, str]] = {}
_SCORES_MAX = 1_000_000


def _word_score(a: Part, b: Part, abjad: bool) -> tuple[float, str]:
    """``part_score(a, b, abjad)``, kept by the words' keys."""
    key = (a.key, b.key, abjad)
    found = _SCORES.get(key)
    if found is None:
        if len(_SCORES) >= _SCORES_MAX:
            _SCORES.clear()
        found = _SCORES[key] = part_score(a, b, abjad)
    return found


def _weight(part: Part) -> float:
    return 0.3 if part.particle else (0.5 if part.initial else 1.0)


# an alignment: score, the shorter and longer names' words, the words met (word of
# the shorter -> score, how, word of the longer), the longer's words left over, their
# count without patronymics, whether one of those comes first, which name is longer,
# and whether the words are in another order
_Aligned = tuple[float, tuple[Part, ...], tuple[Part, ...], dict[int, tuple[float, str, int]],
                 list[Part], int, bool, str, bool]


def _align(short: tuple[Part, ...], long: tuple[Part, ...], abjad: bool,
           kind: str, strict: bool = False, ordered: bool = False, longer: str = "b",
           beat: float = -1.0, needed: float = 0.0) -> _Aligned | None:
    """Align the words of ``short`` with those of ``long``; None when the score cannot
    exceed ``beat`` or reach ``needed`` (each word at its best, and the fewest words
    left over, already do not)."""
    pairs = []
    tops: dict[int, float] = {}  # each word of the shorter name: its best score here
    for i, a in enumerate(short):
        top = 0.0
        for j, b in enumerate(long):
            score, how = _word_score(a, b, abjad)
            if score > 0 and (not strict or how in _STRICT_WAYS):
                pairs.append((score, i, j, how))
                if score > top:
                    top = score
        tops[id(a)] = top
    numbers_differ = kind == "ORG" and ({p.ascii for p in short if p.digits}
                                        != {p.ascii for p in long if p.digits})
    if beat >= 0 or needed > 0:
        # the score is at most this: sharing words, the order and the words left over
        # beyond the fewest possible only lower it (word scores are at most 1, so the
        # bound is not capped at 1 before the numbers' term: taking it after is the same)
        best = _bound(short, long, kind, tops) - (0.3 if numbers_differ else 0.0)
        if best <= beat or best < needed:
            return None
    pairs.sort(key=lambda p: (-p[0], abs(p[1] - p[2])))
    used_i: dict[int, tuple[float, str, int]] = {}
    used_j: set[int] = set()
    for score, i, j, how in pairs:
        if i in used_i or j in used_j:
            continue
        used_i[i] = (score, how, j)
        used_j.add(j)
    core = sum(1 for p in short if not p.particle and not p.initial)
    total = weight = 0.0
    bad = 0
    loose = False  # some word met by an initial or by edit distance
    for i, part in enumerate(short):
        w = _weight(part)
        score, how, j = used_i.get(i, (0.0, "", -1))
        if score < PART_FLOOR and not part.particle:
            bad += 1
        elif how:
            loose = loose or how in ("initial", "close spelling", "close consonants")
        total += w * score
        weight += w
    base = total / weight if weight else 0.0
    misordered = False
    if ordered:
        order = [used_i[i][2] for i in sorted(used_i) if not short[i].particle]
        if order != sorted(order):
            base *= 0.7
            misordered = True
    spare = [p for j, p in enumerate(long) if j not in used_j and not p.particle]
    # patronymics are often left out (« LUKASHENKA, Viktar Aliaksandravich »)
    dropped = [p for p in spare if not p.ascii.endswith(_PATRONYMIC)]
    if bad:
        base *= 0.55 ** bad
    if kind == "ORG":
        base -= 0.12 * len(spare)
        if numbers_differ:
            base -= 0.3
    elif spare:
        # dropped middle names are common; a lone surname against a full name is not proof
        # (Marine Le Pen is not Jean-Marie Le Pen; George W. Bush is not George Washington)
        if core < 2:
            base -= 0.25
        else:
            base -= (0.1 if loose else 0.02) * len(dropped) + 0.02 * (len(spare) - len(dropped))
    first = min(used_j) if used_j else 0
    lead = bool(dropped) and any(j < first and not p.particle and p in dropped
                                 for j, p in enumerate(long))
    return (max(0.0, min(1.0, base)), short, long, used_i, spare, len(dropped), lead, longer,
            misordered)


def _tops(a: NameForm, b: NameForm, abjad: bool) -> dict[int, float]:
    """For each word of either name (joined pairs too, by ``id``), its best word score
    against any word of the other (scores are symmetric)."""
    out: dict[int, float] = {}
    for u in a.units:
        top = 0.0
        for w in b.units:
            score = _word_score(u, w, abjad)[0]
            if score > top:
                top = score
            if score > out.get(id(w), 0.0):
                out[id(w)] = score
        out[id(u)] = top
    return out


def _bound(short: tuple[Part, ...], long: tuple[Part, ...], kind: str,
           tops: dict[int, float]) -> float:
    """An upper bound of what :func:`_align` can score (as its own, with each word's
    best against the whole other name; a little above, to ignore rounding)."""
    bound = weight = 0.0
    hopeless = met = core = 0
    for a in short:
        top = tops.get(id(a), 0.0)
        w = _weight(a)
        bound += w * top
        weight += w
        if top > 0:
            met += 1
        if top < PART_FLOOR and not a.particle:
            hopeless += 1
        if not a.particle and not a.initial:
            core += 1
    best = bound / weight if weight else 0.0
    if hopeless:
        best *= 0.55 ** hopeless
    fewest = sum(1 for p in long if not p.particle) - met
    if kind == "ORG":
        best -= 0.12 * max(0, fewest)
    elif fewest > 0:
        best -= 0.25 if core < 2 else 0.02 * fewest
    return min(1.0, best) + 1e-9


def _match(found: _Aligned) -> Match:
    """The alignment with its reasons, in words."""
    score, short, long, used_i, spare, extra, lead, longer, misordered = found
    reasons: list[tuple[str, dict[str, Any]]] = []
    weakest = 1.0
    for i, part in enumerate(short):
        met, how, j = used_i.get(i, (0.0, "", -1))
        if met < PART_FLOOR and not part.particle:
            reasons.append(("match.unmatched", {"word": part.ascii}))
        elif how:
            reasons.append(("match.met", {"a": part.ascii, "b": long[j].ascii, "how": how}))
        initial = part.initial or (j >= 0 and long[j].initial)
        if not part.particle and not initial:
            weakest = min(weakest, met)
    if misordered:
        reasons.append(("match.order", {}))
    if spare:
        reasons.append(("match.extra", {"words": " ".join(p.ascii for p in spare)}))
    return Match(score, tuple(reasons), extra, lead, longer, weakest)


def compare_forms(a: NameForm, b: NameForm, *, careful: bool = False,
                  strict_joins: bool = False, needed: float = 0.0) -> Match:
    """Score two parsed names. ``careful`` (for merging entities of the store) forbids
    edit distance between two names both written as one word (« Gavinnewsom » /
    « Garynewsom »), which pair screening allows as a typo; ``strict_joins`` forbids
    only that (for watchlist screening, where word order varies).

    ``needed``: the caller only acts on scores at least this high; the ways of aligning
    the words that cannot reach it are then not tried, so a lower score may come out
    lower still (0, "below needed"). A score at ``needed`` or above is the same, with
    the same reasons, as without it."""
    if a.empty or b.empty:
        return Match(0.0, (say("match.empty"),))
    if a.kind == "LOC" and b.kind == "LOC":
        pa, pb = place_of(a.original), place_of(b.original)
        if pa is not None and pb is not None:
            if pa == pb:
                return Match(0.97, (say("match.same_place", role=place_word(pa.role),
                                             country=pa.country),))
            return Match(0.0, (say("match.other_place", role=place_word(pa.role), code=pa.code,
                                        role2=place_word(pb.role), code2=pb.code),))
    abjad = a.abjad or b.abjad
    kind = a.kind if a.kind == b.kind else "PER"
    if kind == "PER" and a.initials and b.initials and a.initials != b.initials:
        return Match(0.0, (say("match.initials", a=" ".join(sorted(a.initials)),
                               b=" ".join(sorted(b.initials))),))
    if kind == "PER" and a.generation != b.generation:
        return Match(0.0, (say("match.generation", a=a.generation or "-",
                               b=b.generation or "-"),))
    ordered = careful and kind == "PER"
    # with ``needed``, the alignments are first bounded by each word's best score
    tops = _tops(a, b, abjad) if needed > 0 else None
    short, long, longer = ((a.parts, b.parts, "b") if len(a.parts) <= len(b.parts)
                           else (b.parts, a.parts, "a"))
    best = None
    if tops is None or _bound(short, long, kind, tops) >= needed:
        best = _align(short, long, abjad, kind, False, ordered, longer, needed=needed)
    if best is not None and (best[0] >= 0.97 or (best[0] >= 0.9 and not best[5])):
        return _scripts(a, b, _match(best))  # joining words cannot do better enough to matter
    for va, vb in product(a.variants, b.variants):
        if va.joined is None and vb.joined is None:
            continue
        # a joined word of the shorter name that no word of the other could meet (the
        # lengths are too far apart for any way two words meet) only sinks its score
        if len(va.parts) <= len(vb.parts):
            if va.joined is not None and not _may_meet(va.joined, vb.parts, abjad):
                continue
        elif vb.joined is not None and not _may_meet(vb.joined, va.parts, abjad):
            continue
        both_joined = va.joined is not None and vb.joined is not None
        beat = best[0] if best is not None else -1.0
        strict = va.strict or vb.strict or ((careful or strict_joins) and both_joined)
        short, long, longer = ((va.parts, vb.parts, "b") if len(va.parts) <= len(vb.parts)
                               else (vb.parts, va.parts, "a"))
        if tops is not None:
            bound = _bound(short, long, kind, tops)
            if bound <= beat or bound < needed:
                continue
        found = _align(short, long, abjad, kind, strict, ordered, longer, beat, needed)
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    if best is None:
        return Match(0.0, (say("match.below", needed=f"{needed:.2f}"),))
    return _scripts(a, b, _match(best))


def _may_meet(joined: Part, others: tuple[Part, ...], abjad: bool) -> bool:
    """Whether some word of the other name could score above zero with ``joined``:
    equal or close spellings or transliterations have lengths within 2, so do
    skeletons within 1 (compared for abjads only), and an initial meets anything."""
    return any(w.initial or abs(len(w.spelling) - len(joined.spelling)) <= 2
               or abs(len(w.ascii) - len(joined.ascii)) <= 2
               or (abjad and abs(len(w.skeleton) - len(joined.skeleton)) <= 1)
               for w in others)


def _scripts(a: NameForm, b: NameForm, best: Match) -> Match:
    if a.scripts != b.scripts and best.score > 0:
        scripts = "/".join(sorted(a.scripts | b.scripts))
        best = replace(best, parts=(*best.parts, ("match.scripts", {"scripts": scripts})))
    return best


def compare(name1: str, name2: str, kind: str = "PER") -> Match:
    """Score two names of the same type (PER, ORG, LOC, MISC)."""
    return compare_forms(name_form(name1, kind), name_form(name2, kind))


def is_match(name1: str, name2: str, kind: str = "PER",
             threshold: float = DEFAULT_THRESHOLD) -> bool:
    return compare(name1, name2, kind).score >= threshold
