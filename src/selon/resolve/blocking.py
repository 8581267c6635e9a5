"""Blocking: which names are worth a full comparison, without losing any the matcher
would join.

The matcher (:mod:`selon.resolve.matcher`) sinks a pair below 0.55 as soon as one
word of the shorter name (not a particle) meets no word of the other at ``PART_FLOOR`` or
more. So a pair can reach a threshold only if its words meet word by word, and two words
meet in few ways: the same neutral spelling (or with o/u swapped), the same consonant
skeleton or skeletons one edit apart (a name in Arabic or Hebrew script), spellings one
edit apart, or two edits apart with the same first letter (long words), a word against
two adjacent words written as one (« Jong Un » / « Jongun »), or an initial.

:class:`NameBlocks` indexes every word of the names it holds (and every pair of
adjacent words joined) by keys that two such words always share: the spelling, the
skeleton, and their deletion neighbourhoods (the strings left after deleting up to one,
or two, letters: two strings within *k* edits always share one), and first letters
for initials. A key only proposes a pair of words; the words are then scored (once per
pair of spellings, cached) and only those that meet count. A name is a candidate when
its words met cover every word of the query, or every word of the name itself
(particles aside: the shorter of the two must be covered whole). The rule follows the
matcher, so blocking finds every pair the exhaustive comparison scores above 0.55
(tests compare both on a real store and on the labelled pair files).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from selon.resolve.matcher import PART_FLOOR, part_score
from selon.resolve.names import NameForm, Part, skeleton

# Words this long or longer meet by one edit; two edits need both at least this long.
_ONE_EDIT = 5
_TWO_EDITS = 6


@dataclass(frozen=True)
class _Unit:
    spelling: str
    first: str       # first letter of its transliteration (initials meet by it)
    covers: int      # bit mask of the words of its name it stands for (no particles)
    strict: bool     # a join of syllables or of a particle: spellings must agree
    initial: bool


def _bits(form: NameForm) -> dict[int, int]:
    """A bit for each word of a name that must meet a word of the other (not particles)."""
    out: dict[int, int] = {}
    for i, part in enumerate(form.parts):
        if not part.particle:
            out[i] = 1 << len(out)
    return out


def units(form: NameForm) -> list[_Unit]:
    """The words of a name and its adjacent pairs written as one word, each with the
    words it stands for."""
    bit = _bits(form)
    out = [_Unit(p.spelling, p.ascii[:1], bit.get(i, 0), False, p.initial)
           for i, p in enumerate(form.parts)]
    if 2 <= len(form.parts) <= 5:
        for i in range(len(form.parts) - 1):
            a, b = form.parts[i], form.parts[i + 1]
            if a.initial or b.initial:
                continue
            strict = (len(a.spelling) <= 4 and len(b.spelling) <= 4) or a.particle \
                or b.particle
            out.append(_Unit(a.spelling + b.spelling, a.ascii[:1],
                             bit.get(i, 0) | bit.get(i + 1, 0), strict, False))
    return out


def _deletions(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


@lru_cache(maxsize=100_000)
def word_keys(spelling: str, first: str, strict: bool, initial: bool) -> tuple[str, ...]:
    """Keys two words share whenever they may meet at ``PART_FLOOR`` (spelling keys; the
    skeleton keys are apart, see :func:`skeleton_keys`). An initial has the keys of its
    letter (« i ») and meets the first letters of words (« f »); a word has both."""
    if initial:
        return tuple(sorted({"i" + spelling[:1], "i" + first}))
    keys = {"s" + spelling.replace("u", "o"), "f" + spelling[:1], "f" + first}
    if not strict:
        if len(spelling) >= _ONE_EDIT:
            keys |= {"1" + w for w in _deletions(spelling, 1)}
        if len(spelling) >= _TWO_EDITS:
            # two edits count only between words of one first letter, and a common first
            # letter is always aligned with itself
            keys |= {"2" + spelling[0] + w for w in _deletions(spelling[1:], 2)}
    return tuple(sorted(keys))


@lru_cache(maxsize=100_000)
def skeleton_keys(spelling: str, strict: bool) -> tuple[str, ...]:
    skel = skeleton(spelling)
    if strict or len(skel) < 4:
        return (skel,)
    return tuple(sorted(_deletions(skel, 1)))


def _probe(spelling: str, first: str, strict: bool, initial: bool) -> tuple[str, ...]:
    """The keys a word looks up: its own, with initials and first letters swapped (an
    initial meets words by their first letter, a word meets initials by its own)."""
    keys = word_keys(spelling, first, strict, initial)
    if initial:
        return keys + tuple("f" + k[1:] for k in keys)
    return tuple("i" + k[1:] if k[0] == "f" else k for k in keys)


def _part(word: tuple[str, str, bool]) -> Part:
    spelling, first, initial = word
    return Part(ascii=first if initial else f"{first}\x00{spelling}", spelling=spelling,
                skeleton=skeleton(spelling), particle=False, initial=initial)


@lru_cache(maxsize=500_000)
def _meet(a: tuple[str, str, bool], b: tuple[str, str, bool], abjad: bool) -> bool:
    return part_score(_part(a), _part(b), abjad)[0] >= PART_FLOOR


class NameBlocks:
    """An inverted index of names by the keys of their words. Each name added has an
    id (given by the caller); :meth:`candidates` returns the ids worth comparing."""

    def __init__(self) -> None:
        self._keys: dict[str, set[int]] = defaultdict(set)       # key -> word ids
        self._abjad_keys: dict[str, set[int]] = defaultdict(set)  # skeletons of abjad names
        self._latin_keys: dict[str, set[int]] = defaultdict(set)  # skeletons of the others
        self._words: dict[tuple[str, str, bool, bool, bool], int] = {}
        self._word_of: list[tuple[tuple[str, str, bool], bool]] = []  # (word, abjad)
        self._names: list[list[tuple[int, int]]] = []  # word id -> [(name id, covers)]
        self._full: dict[int, int] = {}                 # name id -> all its bits

    def __len__(self) -> int:
        return len(self._full)

    def add(self, name_id: int, form: NameForm) -> None:
        self._full[name_id] = (1 << len(_bits(form))) - 1
        for unit in units(form):
            wid = self._word_id(unit, form.abjad)
            self._names[wid].append((name_id, unit.covers))

    def _word_id(self, unit: _Unit, abjad: bool) -> int:
        key = (unit.spelling, unit.first, unit.initial, unit.strict, abjad)
        wid = self._words.get(key)
        if wid is not None:
            return wid
        wid = self._words[key] = len(self._word_of)
        self._word_of.append(((unit.spelling, unit.first, unit.initial), abjad))
        self._names.append([])
        for k in word_keys(unit.spelling, unit.first, unit.strict, unit.initial):
            self._keys[k].add(wid)
        if not unit.initial:
            table = self._abjad_keys if abjad else self._latin_keys
            for k in skeleton_keys(unit.spelling, unit.strict):
                table[k].add(wid)
        return wid

    def _proposed(self, unit: _Unit, abjad: bool) -> Iterator[int]:
        found: set[int] = set()
        for k in _probe(unit.spelling, unit.first, unit.strict, unit.initial):
            found |= self._keys.get(k, set())
        if not unit.initial:
            for k in skeleton_keys(unit.spelling, unit.strict):
                found |= self._abjad_keys.get(k, set())
                if abjad:
                    found |= self._latin_keys.get(k, set())
        mine = (unit.spelling, unit.first, unit.initial)
        for wid in found:
            other, other_abjad = self._word_of[wid]
            if _meet(mine, other, abjad or other_abjad):
                yield wid

    def candidates(self, form: NameForm) -> list[int]:
        """Ids of the names that may score more than 0.55 against ``form``: those whose
        words met cover all the query's words, or all their own (particles aside)."""
        mine: dict[int, int] = defaultdict(int)    # name -> words of the query covered
        theirs: dict[int, int] = defaultdict(int)  # name -> its own words covered
        for unit in units(form):
            for wid in self._proposed(unit, form.abjad):
                for name_id, covers in self._names[wid]:
                    mine[name_id] |= unit.covers
                    theirs[name_id] |= covers
        full = (1 << len(_bits(form))) - 1
        return [name_id for name_id, covered in mine.items()
                if covered == full or theirs[name_id] == self._full[name_id]]
