"""Canonical entities across the store, resolved incrementally, every join with its reason.

A batch of new article entities (PER, ORG, LOC) is resolved against the canonical
entities already in the store, read once into an in-memory index (nothing already
resolved is recomputed). For each entity, in order:

1. a decision by hand (``selon entities merge``) joins it to its partner's entity;
2. a country, a capital or an adjective joins its place (« Russie » = « Russia »;
   « Moscou » is its own entity, linked to Russia by its country code); so does a capital
   or a country the analysis typed as a person or an organisation (« Washington a
   dénoncé » names the US government, a speaker), unless a full name of its article or
   story ends with that word (« Denzel Washington »);
3. the same name once transliterated and spelled neutrally (« Sergueï Choïgou » =
   « Sergei Shoigu » = « Сергей Шойгу ») joins that entity;
4. a surname alone (« Choïgou ») joins a full name only when the article or its story
   (its near-copies) leaves one candidate, or, failing that, when its title (« le
   président russe Poutine ») is that of one full name of the store only; otherwise it
   stays on its own, so two « M. Martin » of unrelated articles stay apart;
5. otherwise the closest entity sharing a name word joins when the matcher scores it
   at least ``MERGE_THRESHOLD`` and no other entity comes close.

Titles and roles read around the mentions (:mod:`selon.resolve.titles`) speak against
steps 4 and 5: a man is not a woman (« M. » / « Mme »), « le président russe » is not
« le président ukrainien ».

A split by hand (``selon entities split``) forbids two name keys to join again.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from selon.reasons import machine, place_word, say
from selon.resolve.blocking import NameBlocks
from selon.resolve.matcher import compare_forms
from selon.resolve.names import NameForm, name_form
from selon.resolve.places import CAPITALS, EXONYMS, Place, is_country, place_of
from selon.resolve.titles import Evidence, Title, conflict, evidence, shared
from selon.store import evidence as kept
from selon.store import resolution as rs
from selon.store.db import Store
from selon.store.keys import name_key

MERGE_THRESHOLD = 0.86
# A second candidate this close to the best leaves the choice open: no join.
AMBIGUITY_MARGIN = 0.03
# A surname alone is matched by title against at most this many full names of the store.
MAX_TITLE_CANDIDATES = 60


@dataclass
class Result:
    resolved: int = 0
    joined: int = 0
    created: int = 0
    new_canonicals: list[str] = field(default_factory=list)
    touched: list[str] = field(default_factory=list)  # canonical ids given new members
    comparisons: int = 0  # names scored by the matcher (after blocking)


# The role of a canonical entity that is a country's government named by its capital or
# its name (« Washington », « Moscou » as a speaker).
GOVERNMENT = "government"

def canonical_id(type_: str, key: str, seed: str) -> str:
    digest = hashlib.sha1(f"{type_}\x1f{key}\x1f{seed}".encode()).hexdigest()
    return "c" + digest[:11]


class Index:
    """The store's canonical entities, in memory, for one batch."""

    def __init__(self, store: Store, exhaustive: bool = False) -> None:
        self.exhaustive = exhaustive  # compare with every entity (to check blocking)
        self.blocks: dict[str, NameBlocks] = defaultdict(NameBlocks)
        self.named: list[tuple[str, NameForm]] = []  # block ids -> (canonical, name)
        self.rows: dict[str, dict[str, Any]] = {}
        self.forms: dict[str, list[NameForm]] = defaultdict(list)
        self.keys: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.member_keys: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.tokens: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.places: dict[tuple[str, str], str] = {}
        self.merges: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.splits: set[tuple[str, frozenset[str]]] = set()
        self.canon_keys: dict[str, set[str]] = defaultdict(set)
        for row in rs.canonicals(store):
            self.rows[row["canonical_id"]] = row
            if row["country"] and row["role"]:
                self.places[(row["country"], row["role"])] = row["canonical_id"]
        for row in rs.spellings(store):
            self.add_spelling(row["canonical_id"], row["name"], row["key"])
        for row in rs.decisions(store):
            if row["decision"] == "merge":
                self.merges[(row["type"], row["key_a"])].add(row["key_b"])
                self.merges[(row["type"], row["key_b"])].add(row["key_a"])
            else:
                self.splits.add((row["type"], frozenset((row["key_a"], row["key_b"]))))

    def add_spelling(self, cid: str, name: str, key: str) -> None:
        type_ = self.rows[cid]["type"]
        if key in self.canon_keys[cid]:
            return
        self.canon_keys[cid].add(key)
        self.member_keys[(type_, key)].add(cid)
        form = name_form(name, type_)
        self.forms[cid].append(form)
        if len(form.core) >= 2 or type_ != "PER":
            self.keys[(type_, form.ordered_key)].add(cid)
            self.blocks[type_].add(len(self.named), form)
            self.named.append((cid, form))
            for part in form.core:
                self.tokens[(type_, part.spelling)].add(cid)
                if form.abjad:
                    self.tokens[(type_, "#" + part.skeleton)].add(cid)

    def forbidden(self, type_: str, key: str, cid: str) -> bool:
        return any((type_, frozenset((key, other))) in self.splits
                   for other in self.canon_keys[cid])

    def candidates(self, form: NameForm) -> dict[str, list[NameForm]]:
        """The canonical entities that may score 0.8 or more against ``form``, each with
        its names that may (:mod:`selon.resolve.blocking`); with ``exhaustive``, every
        entity of the type with all its names."""
        out: dict[str, list[NameForm]] = defaultdict(list)
        if self.exhaustive:
            for cid, row in self.rows.items():
                if row["type"] == form.kind and self.forms[cid]:
                    out[cid] = list(self.forms[cid])
            return out
        blocks = self.blocks.get(form.kind)
        if blocks is not None:
            for i in sorted(blocks.candidates(form)):
                cid, other = self.named[i]
                out[cid].append(other)
        return out


class Resolver:
    """Resolve one batch of article entities against the store."""

    def __init__(self, store: Store, exhaustive: bool = False) -> None:
        self.store = store
        self.index = Index(store, exhaustive)
        self.new: list[dict[str, Any]] = []
        self.members: list[dict[str, Any]] = []
        self.by_article: dict[str, set[str]] = defaultdict(set)
        self.stamp = rs.now()
        self.comparisons = 0
        # titles and roles: of the batch's entities, and of canonical entities (read
        # from the store when first needed, then kept up to date in memory)
        self.entity_ev: dict[tuple[str, str], Evidence] = {}
        self.canon_ev: dict[str, Evidence] = defaultdict(Evidence)
        self.ev_known: set[str] = set()
        # what the store is to keep of them (selon.store.evidence): the people whose
        # evidence is now whole in memory, and the rows of their evidence
        self.ev_whole: set[str] = set()
        self.ev_rows: list[kept.Row] = []

    def run(self, article_ids: Sequence[str] | None = None) -> Result:
        """Resolve the unresolved entities of these articles (or of the whole store) and
        write them in one transaction. The index stays loaded for the next batch."""
        pending = rs.unresolved(self.store, article_ids)
        result = Result()
        if not pending:
            return result
        story = {r["article_id"] for r in pending} | {r["duplicate_of"] for r in pending
                                                     if r["duplicate_of"]}
        for row in rs.story_members(self.store, sorted(story)):
            self.by_article[row["article_id"]].add(row["canonical_id"])
        self.entity_ev = _evidence_by_entity(
            rs.mention_contexts(self.store, article_ids=sorted({r["article_id"]
                                                                 for r in pending})))
        # full names first, so that a surname alone finds the full name of its article
        pending.sort(key=lambda r: len(name_form(r["name"], r["type"]).core) < 2)
        before = self.comparisons
        for entity in pending:
            result.joined += self.resolve(entity)
            result.resolved += 1
        result.comparisons = self.comparisons - before
        result.created = len(self.new)
        result.new_canonicals = [r["canonical_id"] for r in self.new]
        result.touched = sorted({m["canonical_id"] for m in self.members})
        try:
            rs.add_resolution(self.store, self.new, self.members,
                              evidence=(self.ev_whole, self.ev_rows))
        finally:
            self.new, self.members = [], []
            self.ev_whole, self.ev_rows = set(), []
        return result

    def _create(self, entity: dict[str, Any], name: str, reason: str,
                country: str | None = None, role: str | None = None,
                type_: str | None = None) -> str:
        type_ = type_ or entity["type"]
        cid = canonical_id(type_, entity["key"],
                           f"{entity['article_id']}/{entity['entity_id']}")
        row = {"canonical_id": cid, "type": type_, "name": name,
               "key": entity["key"], "country": country, "role": role,
               "created_at": self.stamp}
        self.new.append(row)
        self.index.rows[cid] = row
        self.ev_known.add(cid)
        if type_ == "PER":  # its members are all in memory: its evidence is whole
            self.ev_whole.add(cid)
        if country and role:
            self.index.places[(country, role)] = cid
        self._join(entity, cid, 1.0, reason)
        return cid

    def _join(self, entity: dict[str, Any], cid: str, score: float, reason: str) -> None:
        self.members.append({
            "article_id": entity["article_id"], "entity_id": entity["entity_id"],
            "canonical_id": cid, "name": entity["name"], "key": entity["key"],
            "score": round(score, 4), "reason": reason, "reason_code": machine(reason),
            "decided_by": "rule",
            "resolved_at": self.stamp})
        self.index.add_spelling(cid, entity["name"], entity["key"])
        self.by_article[entity["article_id"]].add(cid)
        found = self.entity_ev.get((entity["article_id"], entity["entity_id"]))
        if found is not None and self.index.rows[cid]["type"] == "PER":
            self.canon_ev[cid].add(found)
            self.ev_rows.extend(_rows(cid, found))

    def _evidence(self, cids: Sequence[str]) -> dict[str, Evidence]:
        """The titles of these canonical entities, reading from the store those not
        read yet."""
        unread = sorted(set(cids) - self.ev_known)
        if unread:  # kept by the store, else read from the mentions (and then kept)
            for cid, stored in kept.read(self.store, unread).items():
                titles, genders = kept.parts(stored)
                self.canon_ev[cid].add(Evidence({Title(*t) for t in titles}, set(genders)))
                self.ev_known.add(cid)
            unread = [cid for cid in unread if cid not in self.ev_known]
        if unread:
            rows = rs.mention_contexts(self.store, canonical_ids=unread)
            by_canonical: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
            for r in rows:
                by_canonical[r["canonical_id"]].append((r["before"], r["text"], r["after"]))
            for cid in unread:
                found = evidence(by_canonical.get(cid, []))
                self.canon_ev[cid].add(found)
                self.ev_rows.extend(_rows(cid, found))
            self.ev_known.update(unread)
            self.ev_whole.update(unread)
        return {cid: self.canon_ev[cid] for cid in cids}

    def _against(self, entity: dict[str, Any], cid: str) -> str | None:
        """Why the titles say this entity is not that canonical entity, if they do."""
        mine = self.entity_ev.get((entity["article_id"], entity["entity_id"]))
        if mine is None or entity["type"] != "PER":
            return None
        return conflict(mine, self._evidence([cid])[cid])

    def _story(self, entity: dict[str, Any]) -> set[str]:
        ids = {entity["article_id"]}
        if entity.get("duplicate_of"):
            ids.add(entity["duplicate_of"])
        out: set[str] = set()
        for aid in ids:
            out |= self.by_article.get(aid, set())
        return out

    def resolve(self, entity: dict[str, Any]) -> bool:
        """Resolve one entity; True when it joined an existing canonical entity."""
        idx = self.index
        type_, key = entity["type"], entity["key"]
        form = name_form(entity["name"], type_)
        for partner in sorted(idx.merges.get((type_, key), ())):
            for cid in sorted(idx.member_keys.get((type_, partner), ())):
                self._join(entity, cid, 1.0, say("join.by_hand", name=partner))
                return True
        place = place_of(entity["name"]) if type_ == "LOC" else self._metonym(entity, form)
        if place is not None:
            # a capital or country named as a person or an organisation (« Washington a
            # dénoncé ») is its government: one entity per country, apart from the place
            role = place.role if type_ == "LOC" else GOVERNMENT
            cid_place = idx.places.get((place.code, role))
            reason = say("join.place", role=place_word(place.role), code=place.code,
                         country=place.country)
            if type_ != "LOC":
                reason = say("join.government", place=reason)
            if cid_place is not None:
                self._join(entity, cid_place, 1.0, say("join.same_place", place=reason))
                return True
            self._create(entity, entity["name"], say("join.first_place", place=reason),
                         place.code, role, type_="LOC" if type_ == "LOC" else "ORG")
            return False
        if form.empty:
            self._create(entity, entity["name"], say("join.no_words"))
            return False
        partial = type_ == "PER" and len(form.core) < 2
        if partial:
            return self._resolve_partial(entity, form)
        exact = [cid for cid in sorted(idx.keys.get((type_, form.ordered_key), ()))
                 if not idx.forbidden(type_, key, cid)]
        if exact:
            cid = max(exact, key=lambda c: len(idx.canon_keys[c]))
            self._join(entity, cid, 1.0, say("join.same_key", key=form.ordered_key,
                                             name=idx.rows[cid]["name"]))
            return True
        scored = []
        for cid, others in idx.candidates(form).items():
            if idx.forbidden(type_, key, cid) or _initials_clash(form, idx.forms[cid]):
                continue
            self.comparisons += len(others)
            # a score under the margin below the threshold never joins nor makes a join
            # ambiguous: the matcher may stop short of it
            best = max((compare_forms(form, other, careful=True,
                                      needed=MERGE_THRESHOLD - AMBIGUITY_MARGIN)
                        for other in others), key=lambda m: m.score)
            scored.append((best.score, cid, best))
        scored.sort(key=lambda t: -t[0])
        scored = [t for t in scored if t[0] < MERGE_THRESHOLD - AMBIGUITY_MARGIN
                  or self._against(entity, t[1]) is None]
        if scored and scored[0][0] >= MERGE_THRESHOLD:
            runner_up = next((s for s, c, _ in scored[1:] if c != scored[0][1]), 0.0)
            if scored[0][0] - runner_up >= AMBIGUITY_MARGIN:
                score, cid, match = scored[0]
                self._join(entity, cid, score, say("join.scored", why=match.reason,
                                                   score=f"{score:.2f}",
                                                   name=idx.rows[cid]["name"]))
                return True
        self._create(entity, entity["name"], say("join.new"))
        return False

    def _metonym(self, entity: dict[str, Any], form: NameForm) -> Place | None:
        """The country or capital a person or organisation named like one stands for
        (« Washington a dénoncé »: its government), if nothing says it is a person.
        A person's name must be a capital or a country of ``lang/fr/places.json`` (not
        any territory: « Jordan » may be a surname); a full name of its article or story
        ending with the word (« Denzel Washington ») keeps it a person. An organisation
        of states (« ONU », « UE ») stays an organisation."""
        place = place_of(entity["name"])
        if place is None or place.role == "adjective" or not is_country(place.code):
            return None  # « ONU », « UE »: organisations of states, not places
        if entity["type"] != "PER":
            return place
        key = name_key(entity["name"])
        if key not in CAPITALS and key not in EXONYMS:
            return None
        for cid in self._story(entity):
            if self.index.rows[cid]["type"] == "PER" and any(
                    len(f.core) >= 2 and _surname_in(form, f) for f in self.index.forms[cid]):
                return None
        return place

    def _resolve_partial(self, entity: dict[str, Any], form: NameForm) -> bool:
        idx = self.index
        found = []
        for cid in sorted(self._story(entity)):
            row = idx.rows[cid]
            if row["type"] != "PER" or idx.forbidden("PER", entity["key"], cid):
                continue
            forms = [f for f in idx.forms[cid] if len(f.core) >= 2]
            if any(compare_forms(form, f, careful=True, needed=0.7).score >= 0.7
                   and _surname_in(form, f)
                   for f in forms) and self._against(entity, cid) is None:
                found.append(cid)
        if not found:
            return self._partial_by_title(entity, form)
        if len(found) == 1:
            cid = found[0]
            where = ("join.one_in_article" if cid in self.by_article.get(entity["article_id"], ())
                     else "join.one_in_story")
            self._join(entity, cid, 0.9, say(where, partial=entity["name"],
                                             name=idx.rows[cid]["name"]))
            return True
        self._create(entity, entity["name"], say("join.partial_several"))
        return False

    def _partial_by_title(self, entity: dict[str, Any], form: NameForm) -> bool:
        """A surname alone with no full name in its article or story joins the one full
        name of the store that carried the same title (role and country)."""
        idx = self.index
        mine = self.entity_ev.get((entity["article_id"], entity["entity_id"]))
        why = say("join.partial_alone")
        if mine is None or not mine.titles:
            self._create(entity, entity["name"], why)
            return False
        word = form.core[0]
        cids = [cid for cid in sorted(idx.tokens.get(("PER", word.spelling), ()))
                if not idx.forbidden("PER", entity["key"], cid)
                and any(len(f.core) >= 2 and _surname_in(form, f) for f in idx.forms[cid])]
        if not cids or len(cids) > MAX_TITLE_CANDIDATES:
            self._create(entity, entity["name"], why)
            return False
        titles = self._evidence(cids)
        backed = [(cid, shared(mine, titles[cid])) for cid in cids
                  if conflict(mine, titles[cid]) is None]
        backed = [(cid, title) for cid, title in backed if title]
        if len(backed) != 1:
            self._create(entity, entity["name"], why if not backed else
                         say("join.partial_titles"))
            return False
        cid, title = backed[0]
        self._join(entity, cid, 0.88, say("join.by_title", partial=entity["name"], title=title,
                                          name=idx.rows[cid]["name"]))
        return True


def _rows(cid: str, found: Evidence) -> list[kept.Row]:
    return kept.as_rows(cid, ((t.role, t.country, t.phrase) for t in found.titles),
                        found.genders)


def _evidence_by_entity(rows: list[dict[str, Any]]) -> dict[tuple[str, str], Evidence]:
    grouped: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for r in rows:
        grouped[(r["article_id"], r["entity_id"])].append((r["before"], r["text"], r["after"]))
    return {k: evidence(v) for k, v in grouped.items()}


def _initials_clash(form: NameForm, others: list[NameForm]) -> bool:
    """« George H. W. Bush » never joins an entity spelled « George W. Bush »."""
    return bool(form.initials) and any(o.initials and o.initials != form.initials
                                       for o in others)


def _surname_in(short: NameForm, full: NameForm) -> bool:
    """The word of a partial name is the last word of the full name (« Choïgou »), or
    its first when that is a short surname written first (« Kim », « Xi »); not a
    middle one (« Luc » is not « Jean-Luc Gala »)."""
    word = short.core[0].spelling if short.core else ""
    first = full.core[0].spelling
    return word == full.core[-1].spelling or (word == first and len(first) <= 4)


def resolve(store: Store, article_ids: Sequence[str] | None = None) -> Result:
    """Resolve the article entities of the store that are not resolved yet (of these
    articles, or all): one transaction, existing canonical entities left as they are."""
    return Resolver(store).run(article_ids)
