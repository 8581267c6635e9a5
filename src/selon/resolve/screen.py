"""Screening: canonical persons and organisations of the store against watchlists.

Blocking first: every name of a list entry is indexed by the keys of its words
(:mod:`selon.resolve.blocking`: spellings, consonant skeletons and their deletion
neighbourhoods); an entity's spelling is compared only with the entry names whose words
could meet all of its own, which loses no pair the matcher would flag. Each
comparison is the pair matcher; a flag needs ``DEFAULT_THRESHOLD``, and every word of
the name meeting its counterpart at ``WORD_FLOOR`` at least (« Chariati » meets
« Sharifi » by edit distance only: another name). A surname alone is never screened.
The countries the entity's articles name are evidence: an entry whose nationality is
among them gains a little, one whose nationality is absent from them loses a little;
the reason says so. The nationality the articles give the person (« du Pakistanais
X », « le ministre afghan X », :mod:`selon.resolve.facts`) outweighs them: it gains as
much, and a foreign one loses twice as much. So does a birth year the articles give:
one the entry records too gains as much as a shared country (once, whatever agrees),
one far from the entry's dates loses as much as a foreign country. A role the entry's
position names is stated in the reason. A name several entries of one list share
flags none of them unless what the articles say of the person picks one.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from selon.reasons import join, machine, say
from selon.resolve.blocking import NameBlocks
from selon.resolve.facts import Facts, compare_facts, read_facts
from selon.resolve.matcher import Match, compare_forms
from selon.resolve.names import COMMON_WORDS, NameForm, name_form
from selon.resolve.places import place_of
from selon.store import resolution as rs
from selon.store.db import Store

DEFAULT_THRESHOLD = 0.90
COUNTRY_BONUS = 0.03
COUNTRY_PENALTY = 0.06
AMBIGUITY = 0.05
NATIONALITY_PENALTY = 2 * COUNTRY_PENALTY  # the articles call the person another's national
WORD_FLOOR = 0.87  # a name word met below this (edit distance) is another name's
FACTS_WIDTH = 160  # characters read after a mention for a birth year (« X, ..., né en 1948 »)


@dataclass
class ScreenResult:
    screened: int = 0
    flags: int = 0
    comparisons: int = 0
    seconds: float = 0.0


class ListIndex:
    """The names of list entries, blocked by the keys of their words
    (:mod:`selon.resolve.blocking`); ``exhaustive`` compares every name (to check
    blocking)."""

    def __init__(self, entries: list[dict[str, Any]], exhaustive: bool = False) -> None:
        self.entries = entries
        self.exhaustive = exhaustive
        self.forms: list[tuple[int, NameForm]] = []
        self.blocks: dict[str, NameBlocks] = defaultdict(NameBlocks)
        self.by_kind: dict[str, list[int]] = defaultdict(list)
        self.codes: list[set[str]] = []
        for i, entry in enumerate(entries):
            kind = "PER" if entry["schema"] == "Person" else "ORG"
            codes = set()
            for country in entry.get("countries") or []:
                place = place_of(country)
                if place is not None:
                    codes.add(place.code)
            self.codes.append(codes)
            forms = [name_form(name, kind) for name in entry["names"] or [entry["name"]]]
            forms = [f for f in forms if len(f.core) >= (2 if kind == "PER" else 1)]
            if any(not f.abjad for f in forms):
                # its names in Arabic or Hebrew script (consonants only) are left out when
                # it has names in another script: an article's name that meets only
                # their consonants and none of its transcriptions is another person
                # (« Hassan Rohani » / « رنا صدام حسين التكريتي »)
                forms = [f for f in forms if not f.abjad]
            for form in forms:
                f = len(self.forms)
                self.forms.append((i, form))
                self.blocks[kind].add(f, form)
                self.by_kind[kind].append(f)

    def candidates(self, form: NameForm) -> list[int]:
        if self.exhaustive:
            return list(self.by_kind.get(form.kind, ()))
        blocks = self.blocks.get(form.kind)
        return sorted(blocks.candidates(form)) if blocks is not None else []


def _weak_word(form: NameForm) -> bool:
    """A one-word name too common or too short to flag alone (« Djihad », « ISI »)."""
    word = form.core[0] if len(form.core) == 1 else None
    return word is not None and (word.ascii in COMMON_WORDS or word.spelling in COMMON_WORDS
                                 or len(word.ascii) <= 4)


def screen_entity(index: ListIndex, type_: str, names: Sequence[str],
                  countries: set[str] | None = None,
                  threshold: float = DEFAULT_THRESHOLD,
                  facts: Facts | None = None, *,
                  unambiguous: bool = True) -> tuple[list[dict[str, Any]], int]:
    """Flags for one entity spelled ``names``, and the number of comparisons made.
    ``countries`` (the codes its articles name) and ``facts`` (birth years, titles and
    nationalities they give) are weighed when given. ``unambiguous`` (the default)
    keeps no flag for a name several entries of one list share unless the evidence
    picks one of them; without it, every entry reaching the threshold is returned (to
    find the entities worth a closer look)."""
    best: dict[int, tuple[float, Match, str, int]] = {}
    comparisons = 0
    needed = threshold - COUNTRY_BONUS  # a score below this never flags
    for name in names:
        form = name_form(name, type_)
        if len(form.core) < (2 if type_ == "PER" else 1):
            continue
        for f in index.candidates(form):
            i, entry_form = index.forms[f]
            comparisons += 1
            match = compare_forms(form, entry_form, strict_joins=True, needed=needed)
            if len(entry_form.core) == 1 and (match.score < 0.97 or _weak_word(form)):
                continue  # a one-word organisation name must agree, and not be common
            if match.extra and (type_ == "ORG" or match.longer == "a" or match.extra_lead):
                # a word of the article's name the entry lacks (« Ali Akbar Salehi » /
                # « Ali SALEHI »), a given name before the entry's (« Uday Saddam Hussein »
                # is Saddam's son) or an organisation word (« Orange Volunteers »): another
                continue
            if match.weakest < WORD_FLOOR:
                continue  # a word met only by edit distance (« Chariati » / « Sharifi »)
            if match.score > best.get(i, (0.0,))[0]:
                best[i] = (match.score, match, f"« {name} » ~ « {entry_form.original} »",
                           len(entry_form.core))
    weighed: list[_Weighed] = []
    nationalities = facts.nationalities if facts is not None else {}
    for i, (score, match, pair, words) in best.items():
        if score < needed:
            continue
        entry = index.entries[i]
        evidence: list[str] = []
        codes = index.codes[i]
        name_score = score
        supported = False  # what the articles say of the person agrees
        bonus = False      # given once, whatever agrees
        # a surname the article leaves out (Spanish second surnames) or a one-word name
        # needs the entry's country among the article's
        needs_country = match.extra > 0 or words < 2
        told = set(nationalities)
        if codes and told:
            # what the articles say of the person (« du Pakistanais », « le ministre
            # afghan ») outweighs the countries they name
            if codes & told:
                code = sorted(codes & told)[0]
                score += COUNTRY_BONUS
                supported = bonus = True
                evidence = [say("flag.facts", facts=f"« {nationalities[code]} », as the "
                                                    f"entry ({', '.join(sorted(codes))})")]
            else:
                code = sorted(told)[0]
                score -= NATIONALITY_PENALTY
                evidence = [say("flag.facts", facts=f"« {nationalities[code]} », not the "
                                                    f"entry's {', '.join(sorted(codes))}")]
                if needs_country:
                    score = 0.0
        elif countries is not None and codes:
            if codes & countries:
                score += COUNTRY_BONUS
                bonus = True
                # said of the article, not of the person: no reason to pick this entry
                # rather than another of the same name
                evidence = [say("flag.countries", codes=", ".join(sorted(codes & countries)))]
            else:
                score -= COUNTRY_PENALTY
                evidence = [say("flag.no_country", codes=", ".join(sorted(codes)))]
                if needs_country:
                    score = 0.0
        elif countries is not None and match.extra:
            score = 0.0
        facts_said = compare_facts(facts, entry.get("birth_dates") or [],
                                   entry.get("positions") or [])
        if facts_said.agree and not bonus:
            score += COUNTRY_BONUS
        supported = (supported or bool(facts_said.agree)) and not facts_said.against
        score -= COUNTRY_PENALTY * len(facts_said.against)
        evidence += [say("flag.facts", facts=words) for words in
                     facts_said.agree + facts_said.against + facts_said.noted]
        score = min(1.0, score)
        flag = {"list": entry["list"], "entry_id": entry["entry_id"],
                "entry_name": entry["name"], "programme": entry["programme"],
                "score": round(score, 3),
                "reason": (why := join([say("flag.match", pair=pair, why=match.reason),
                                        *evidence])),
                "reason_code": machine(why)}
        weighed.append(_Weighed(name_score, score, supported, flag))
    if not unambiguous:
        return [w.flag for w in weighed if w.score >= threshold], comparisons
    return _unambiguous(weighed, threshold), comparisons


@dataclass
class _Weighed:
    """An entry an entity's name meets: the name's score, the score with the evidence,
    whether what the articles say of the person agrees (a nationality, a birth year)
    and nothing speaks against it, and the flag."""

    name_score: float
    score: float
    supported: bool
    flag: dict[str, Any]


def _unambiguous(weighed: list[_Weighed], threshold: float) -> list[dict[str, Any]]:
    """Per list, the flag of the one entry the name meets best. Entries whose names it
    meets as well (within ``AMBIGUITY``) make it ambiguous (« Jihad islamique » is three
    entries, « Mohammed Ibrahim » many): one of them is kept only when what the
    articles say of the person supports it (a nationality or a birth year agrees,
    nothing speaks against it) and puts it clearly (``AMBIGUITY``) above all the
    others. Evidence against some of them is no evidence for another, and a country
    the articles name says nothing of which namesake they mean."""
    out = []
    for name in sorted({w.flag["list"] for w in weighed}):
        mine = [w for w in weighed if w.flag["list"] == name]
        top = max(w.name_score for w in mine)
        namesakes = sorted((w for w in mine if w.name_score >= top - AMBIGUITY),
                           key=lambda w: -w.score)
        first = namesakes[0]
        if first.score < threshold:
            continue
        if len(namesakes) == 1 or (first.supported and all(
                w.score <= first.score - AMBIGUITY for w in namesakes[1:])):
            out.append(first.flag)
    return out


def _article_countries(store: Store, canonical_ids: Sequence[str]) -> dict[str, set[str]]:
    rows = store.fetch(
        "SELECT DISTINCT m1.canonical_id, c2.country FROM canonical_members m1 "
        "JOIN canonical_members m2 ON m2.article_id = m1.article_id "
        "JOIN canonical c2 ON c2.canonical_id = m2.canonical_id "
        "WHERE m1.canonical_id IN (SELECT unnest(?::VARCHAR[])) AND c2.country IS NOT NULL",
        [list(canonical_ids)])
    out: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        out[row["canonical_id"]].add(row["country"])
    return out


def _facts(store: Store, canonical_ids: Sequence[str]) -> dict[str, Facts]:
    """The birth years and titles the articles give of these entities."""
    rows = rs.mention_contexts(store, canonical_ids=canonical_ids, width=FACTS_WIDTH)
    return read_facts(rows, rs.published_dates(store, [r["article_id"] for r in rows]))


class ListCache:
    """The list index kept across ingest batches, read again only when the store's lists
    change (added, replaced, removed)."""

    def __init__(self) -> None:
        self._version: tuple[tuple[str, str], ...] | None = None
        self._index: ListIndex | None = None

    def get(self, store: Store, names: Sequence[str]) -> ListIndex:
        version = tuple(sorted((w["name"], str(w["loaded_at"])) for w in rs.watchlists(store)
                               if w["name"] in names))
        if self._index is None or version != self._version:
            self._index = ListIndex(rs.list_entries(store, list(names)))
            self._version = version
        return self._index


def screen(store: Store, canonical_ids: Sequence[str] | None = None,
           lists: Sequence[str] | None = None,
           threshold: float = DEFAULT_THRESHOLD, *, cache: ListCache | None = None,
           exhaustive: bool = False) -> ScreenResult:
    """Screen these canonical entities (or all) against these lists (or all), replacing
    their earlier flags on those lists. ``cache`` keeps the list index for the next call;
    ``exhaustive`` compares every entity with every entry name (to check blocking)."""
    started = time.perf_counter()
    result = ScreenResult()
    names = list(lists) if lists is not None else [w["name"] for w in rs.watchlists(store)]
    if not names or (canonical_ids is not None and not canonical_ids):
        return result
    if cache is not None and not exhaustive:
        index = cache.get(store, names)
    else:
        index = ListIndex(rs.list_entries(store, names), exhaustive)
    targets = rs.screening_targets(store, canonical_ids)
    flags: list[dict[str, Any]] = []
    candidates: dict[str, list[dict[str, Any]]] = {}
    stamp = rs.now()
    for target in targets:
        # first without country evidence, to find the few entities worth a closer look
        found, n = screen_entity(index, target["type"], target["names"], None,
                                 threshold - COUNTRY_BONUS, unambiguous=False)
        result.comparisons += n
        if found:
            candidates[target["canonical_id"]] = [target]
    countries = _article_countries(store, sorted(candidates)) if candidates else {}
    facts = _facts(store, sorted(candidates)) if candidates else {}
    for cid, (target,) in candidates.items():
        found, _ = screen_entity(index, target["type"], target["names"],
                                 countries.get(cid, set()), threshold,
                                 facts.get(cid) if target["type"] == "PER" else None)
        for flag in found:
            flags.append({"canonical_id": cid, **flag, "flagged_at": stamp})
    ids = [t["canonical_id"] for t in targets]
    rs.write_flags(store, names, ids, flags)
    result.screened = len(ids)
    result.flags = len(flags)
    result.seconds = time.perf_counter() - started
    return result
