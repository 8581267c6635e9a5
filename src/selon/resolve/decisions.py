"""Decisions by hand: merge two canonical entities, split one, and say why two names are
(or are not) one entity. Decisions are kept by type and name key, so they hold for
articles ingested again or later. The entities a decision changes lose their flags and
are screened again against the loaded watchlists at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from selon.errors import InputError
from selon.reasons import say
from selon.resolve.canonical import canonical_id
from selon.resolve.matcher import compare
from selon.resolve.screen import screen
from selon.store import resolution as rs
from selon.store.db import Store
from selon.store.keys import name_key


@dataclass(frozen=True)
class Target:
    """A name or canonical id given on the command line, found in the store."""

    given: str
    key: str
    canonical: dict[str, Any]


def find(store: Store, given: str) -> Target:
    """The canonical entity a name (any member spelling) or id stands for."""
    if not given.strip():
        raise InputError("an empty name stands for no entity; give a name or an entity id "
                         "('selon entities --json' lists both)")
    row = rs.canonical_row(store, given.strip())
    if row is not None:
        return Target(given, row["key"], row)
    key = name_key(given)
    rows = rs.canonical_by_key(store, key)
    if not rows:
        raise InputError(f"no entity of the store is named « {given} »; run "
                         "'selon entities --type PER' to see names, or give an entity id")
    if len(rows) > 1:
        ids = ", ".join(f"{r['canonical_id']} ({r['type']}, {r['name']})" for r in rows[:8])
        raise InputError(f"« {given} » names several entities: {ids}; give one of these ids")
    found = rs.canonical_row(store, rows[0]["canonical_id"])
    assert found is not None
    return Target(given, key, found)


def merge(store: Store, a: str, b: str) -> str:
    """Make B's entity part of A's; remembered. Returns a sentence saying what was done."""
    ta, tb = find(store, a), find(store, b)
    ca, cb = ta.canonical, tb.canonical
    if ca["type"] != cb["type"]:
        raise InputError(f"« {a} » is {ca['type']} and « {b} » is {cb['type']}: "
                         "only entities of one type can be merged")
    if ca["canonical_id"] == cb["canonical_id"]:
        return f"« {a} » and « {b} » are already one entity ({ca['canonical_id']})"
    reason = say("join.by_hand", name=ca["name"])
    rs.record_decision(store, "merge", ca["type"], ta.key, tb.key,
                       [(cb["canonical_id"], ca["canonical_id"], [], reason)], [])
    _screen_again(store, [ca["canonical_id"]])
    return f"merged « {cb['name']} » into « {ca['name']} » ({ca['canonical_id']})"


def split(store: Store, a: str, b: str) -> str:
    """Take the spellings of B out of the entity A and B share; remembered."""
    ta, tb = find(store, a), find(store, b)
    ca = ta.canonical
    if ca["canonical_id"] != tb.canonical["canonical_id"]:
        rs.record_decision(store, "split", ca["type"], ta.key, tb.key, [], [])
        return f"« {a} » and « {b} » are already apart; they will not be joined"
    if ta.key == tb.key:
        raise InputError(f"« {a} » and « {b} » are one spelling; give two different names")
    new_id = canonical_id(ca["type"], tb.key, f"split/{ca['canonical_id']}")
    new = {"canonical_id": new_id, "type": ca["type"], "name": b, "key": tb.key,
           "country": None, "role": None, "created_at": rs.now()}
    rs.record_decision(store, "split", ca["type"], ta.key, tb.key,
                       [(ca["canonical_id"], new_id, [tb.key],
                         say("join.split_by_hand", name=ca["name"]))], [new])
    _screen_again(store, [ca["canonical_id"], new_id])
    return f"split « {b} » ({new_id}) from « {ca['name']} » ({ca['canonical_id']})"


def _screen_again(store: Store, canonical_ids: list[str]) -> None:
    """A merge or split drops the flags of the entities it changes: screen them again
    (a merged entity has more spellings, a split one fewer)."""
    if rs.watchlists(store):
        screen(store, [c for c in canonical_ids if rs.canonical_row(store, c) is not None])


def why(store: Store, a: str, b: str) -> list[str]:
    """Lines saying whether A and B are one entity, and every reason that joined them."""
    ta, tb = find(store, a), find(store, b)
    ca, cb = ta.canonical, tb.canonical
    lines = []
    decided = [d for d in rs.decisions(store)
               if {d["key_a"], d["key_b"]} == {ta.key, tb.key}]
    if ca["canonical_id"] == cb["canonical_id"]:
        lines.append(f"« {a} » and « {b} » are one entity: « {ca['name']} » "
                     f"({ca['canonical_id']}, {ca['type']})")
        seen = set()
        for m in rs.members_of(store, ca["canonical_id"]):
            if m["key"] in (ta.key, tb.key) and (m["key"], m["reason"]) not in seen:
                seen.add((m["key"], m["reason"]))
                lines.append(f"  « {m['name']} » (article {m['article_id']}): {m['reason']}"
                             f" [{m['decided_by']}]")
    else:
        lines.append(f"« {a} » ({ca['canonical_id']}) and « {b} » ({cb['canonical_id']}) "
                     "are different entities")
        # the spellings asked about (an id stands for its entity's name)
        match = compare(a if ta.given.strip() != ca["canonical_id"] else ca["name"],
                        b if tb.given.strip() != cb["canonical_id"] else cb["name"], ca["type"])
        lines.append(f"  names scored {match.score:.2f}: {match.reason or 'nothing in common'}")
    lines.extend(f"  decided by hand: {d['decision']} « {d['key_a']} » / « {d['key_b']} »"
                 for d in decided)
    return lines
