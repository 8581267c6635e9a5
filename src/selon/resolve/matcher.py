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

from rigour.text.distance import levenshtein

from selon.resolve.names import NameForm, Part, name_form, skeleton
from selon.resolve.places import place_of

DEFAULT_THRESHOLD = 0.8
_PATRONYMIC = ("vich", "vitch", "vych", "ovna", "evna", "ovic", "evic", "ogly", "oglu", "kyzy")
# A word that meets its counterpart below this is a different word.
PART_FLOOR = 0.84


@dataclass(frozen=True)
class Match:
    """The score of a pair of names and the reason, in words."""

    score: float
    reasons: tuple[str, ...] = field(default_factory=tuple)
    extra: int = 0            # words of the longer name left unmatched (no particles,
    extra_lead: bool = False  # no patronymics); one of them before every matched word
    longer: str = "b"         # which name ("a" or "b") is the longer one

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


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


def _variants(parts: tuple[Part, ...]) -> list[tuple[tuple[Part, ...], bool]]:
    """The parts, and the parts with one adjacent pair written as one word; with each,
    whether it joins syllables (short words, as in Korean names), which must then
    agree in spelling: « Jongnam » is not « Yongnam »."""
    out = [(parts, False)]
    if 2 <= len(parts) <= 5:
        for i in range(len(parts) - 1):
            a, b = parts[i], parts[i + 1]
            if a.initial or b.initial:
                continue
            # each word keeps its own spelling: « Cheng He » is « shenghe », not « sheng »
            spelled = a.spelling + b.spelling
            joined = Part(ascii=a.ascii + b.ascii, spelling=spelled, skeleton=skeleton(spelled),
                          particle=False)
            # syllables, or a particle joined to a word (« Abdel » = « Abd al »)
            strict = (len(a.spelling) <= 4 and len(b.spelling) <= 4) or a.particle \
                or b.particle
            out.append(((*parts[:i], joined, *parts[i + 2:]), strict))
    return out


def _align(short: tuple[Part, ...], long: tuple[Part, ...], abjad: bool,
           kind: str, strict: bool = False, ordered: bool = False) -> Match:
    pairs = []
    for (i, a), (j, b) in product(enumerate(short), enumerate(long)):
        score, how = part_score(a, b, abjad, strict)
        if score > 0:
            pairs.append((score, i, j, how))
    pairs.sort(key=lambda p: (-p[0], abs(p[1] - p[2])))
    used_i: dict[int, tuple[float, str, int]] = {}
    used_j: set[int] = set()
    for score, i, j, how in pairs:
        if i in used_i or j in used_j:
            continue
        used_i[i] = (score, how, j)
        used_j.add(j)
    total = weight = 0.0
    bad = 0
    loose = False  # some word met by an initial or by edit distance
    reasons = []
    for i, part in enumerate(short):
        w = 0.3 if part.particle else (0.5 if part.initial else 1.0)
        score, how, j = used_i.get(i, (0.0, "", -1))
        if score < PART_FLOOR and not part.particle:
            bad += 1
            reasons.append(f"{part.ascii} unmatched")
        elif how:
            reasons.append(f"{part.ascii}={long[j].ascii} ({how})")
            loose = loose or how in ("initial", "close spelling", "close consonants")
        total += w * score
        weight += w
    base = total / weight if weight else 0.0
    order = [used_i[i][2] for i in sorted(used_i) if not short[i].particle]
    if ordered and order != sorted(order):
        base *= 0.7
        reasons.append("words in another order")
    spare = [p for j, p in enumerate(long) if j not in used_j and not p.particle]
    # patronymics are often left out (« LUKASHENKA, Viktar Aliaksandravich »)
    dropped = [p for p in spare if not p.ascii.endswith(_PATRONYMIC)]
    if bad:
        base *= 0.55 ** bad
    core = [p for p in short if not p.particle and not p.initial]
    if kind == "ORG":
        base -= 0.12 * len(spare)
        numbers_a = {p.ascii for p in short if p.digits}
        numbers_b = {p.ascii for p in long if p.digits}
        if numbers_a != numbers_b:
            base -= 0.3
    elif spare:
        # dropped middle names are common; a lone surname against a full name is not proof
        # (Marine Le Pen is not Jean-Marie Le Pen; George W. Bush is not George Washington)
        if len(core) < 2:
            base -= 0.25
        else:
            base -= (0.1 if loose else 0.02) * len(dropped) + 0.02 * (len(spare) - len(dropped))
    if spare:
        reasons.append("extra: " + " ".join(p.ascii for p in spare))
    first = min(used_j) if used_j else 0
    lead = any(j < first and not p.particle and p in dropped for j, p in enumerate(long))
    return Match(max(0.0, min(1.0, base)), tuple(reasons), len(dropped), lead)


def compare_forms(a: NameForm, b: NameForm, *, careful: bool = False,
                  strict_joins: bool = False) -> Match:
    """Score two parsed names. ``careful`` (for merging entities of the store) forbids
    edit distance between two names both written as one word (« Gavinnewsom » /
    « Garynewsom »), which pair screening allows as a typo; ``strict_joins`` forbids
    only that (for watchlist screening, where word order varies)."""
    if a.empty or b.empty:
        return Match(0.0, ("empty name",))
    if a.kind == "LOC" and b.kind == "LOC":
        pa, pb = place_of(a.original), place_of(b.original)
        if pa is not None and pb is not None:
            if pa == pb:
                return Match(0.97, (f"same {pa.role}: {pa.country}",))
            return Match(0.0, (f"{pa.role} {pa.code} is not {pb.role} {pb.code}",))
    abjad = a.abjad or b.abjad
    kind = a.kind if a.kind == b.kind else "PER"
    if kind == "PER" and a.initials and b.initials and a.initials != b.initials:
        return Match(0.0, ("initials differ: " + " ".join(sorted(a.initials)) + " / "
                           + " ".join(sorted(b.initials)),))
    if kind == "PER" and a.generation != b.generation:
        return Match(0.0, (f"generation differs: {a.generation or '-'} / {b.generation or '-'}",))
    short, long = (a.parts, b.parts) if len(a.parts) <= len(b.parts) else (b.parts, a.parts)
    best = _align(short, long, abjad, kind, False, ordered=careful and kind == "PER")
    if long is a.parts and len(a.parts) != len(b.parts):
        best = replace(best, longer="a")
    if best.score >= 0.97 or (best.score >= 0.9 and not best.extra):
        return _scripts(a, b, best)  # joining words cannot do better enough to matter
    vars_a, vars_b = _variants(a.parts), _variants(b.parts)
    for (va, sa), (vb, sb) in product(vars_a, vars_b):
        if va is a.parts and vb is b.parts:
            continue
        # a joined word of the shorter name that no word of the other could meet (the
        # lengths are too far apart for any way two words meet) only sinks its score
        if len(va) <= len(vb):
            if va is not a.parts and not _may_meet(_joined_part(va, a.parts), vb, abjad):
                continue
        elif vb is not b.parts and not _may_meet(_joined_part(vb, b.parts), va, abjad):
            continue
        short, long = (va, vb) if len(va) <= len(vb) else (vb, va)
        both_joined = va is not a.parts and vb is not b.parts
        strict = sa or sb or ((careful or strict_joins) and both_joined)
        found = _align(short, long, abjad, kind, strict, ordered=careful and kind == "PER")
        if short is vb and len(va) != len(vb):
            found = replace(found, longer="a")
        if found.score > best.score:
            best = found
    return _scripts(a, b, best)


def _joined_part(variant: tuple[Part, ...], parts: tuple[Part, ...]) -> Part:
    """The one word of a variant that is two words of ``parts`` joined."""
    return next(p for p, q in zip(variant, parts, strict=False) if p is not q)


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
        best = replace(best, reasons=(*best.reasons, f"across scripts {scripts}"))
    return best


def compare(name1: str, name2: str, kind: str = "PER") -> Match:
    """Score two names of the same type (PER, ORG, LOC, MISC)."""
    return compare_forms(name_form(name1, kind), name_form(name2, kind))


def is_match(name1: str, name2: str, kind: str = "PER",
             threshold: float = DEFAULT_THRESHOLD) -> bool:
    return compare(name1, name2, kind).score >= threshold
