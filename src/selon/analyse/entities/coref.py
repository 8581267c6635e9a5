"""In-article coreference of names: mentions of one person, organisation or place.

- the same name key (case, accents, hyphens, titles ignored): "Kim Jong Un" = "Kim Jong-un";
- a person's shorter form joins the full name whose first or last words it is:
  "M. Choïgou" -> "Sergueï Choïgou", "M. Kim" -> "Kim Jong Un";
- an organisation's shorter form joins a longer one it begins:
  "département d'État" -> "département d'État américain";
- an acronym joins the name it follows in parentheses, or whose initials it spells.

When a short form fits several longer names, the nearest one before it wins
(else the nearest after it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from selon.analyse.entities.rules import EntityRules, words
from selon.model import Entity, Span

_SCORED = ("PER", "ORG", "LOC")


@dataclass
class Item:
    """A mention with what coreference needs: its text, span, label and key."""

    span: Span
    text: str
    label: str
    key: tuple[str, ...]
    person_cue: bool = False
    org_cue: bool = False  # "l'entreprise Altrad": never a short form of a person's name


@dataclass
class _Group:
    key: tuple[str, ...]
    items: list[Item] = field(default_factory=list)

    @property
    def first(self) -> int:
        return self.items[0].span[0]

    def label(self) -> str:
        votes: Counter[str] = Counter()
        for it in self.items:
            votes[it.label] += 2 if it.person_cue or it.org_cue else 1
        scored = [(n, lab) for lab, n in votes.items() if lab in _SCORED]
        if scored:
            best = max(n for n, _ in scored)
            for it in self.items:  # ties: the first mention's label
                if it.label in _SCORED and votes[it.label] == best:
                    return it.label
        return self.items[0].label


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, short: int, long_: int) -> None:
        self.parent[self.find(short)] = self.find(long_)


def cluster(items: list[Item], text: str, rules: EntityRules) -> list[Entity]:
    """Group ``items`` (sorted by position) into entities, ids in order of first mention."""
    groups: list[_Group] = []
    by_key: dict[tuple[str, ...], int] = {}
    for it in items:
        if not it.key:
            continue
        n = by_key.get(it.key)
        if n is None:
            n = by_key[it.key] = len(groups)
            groups.append(_Group(it.key))
        groups[n].items.append(it)
    labels = [g.label() for g in groups]
    uf = _UnionFind(len(groups))
    _link_short_forms(groups, labels, uf)
    _link_acronyms(groups, labels, items, text, by_key, uf)
    merged: dict[int, list[Item]] = {}
    for n, g in enumerate(groups):
        merged.setdefault(uf.find(n), []).extend(g.items)
    out: list[Entity] = []
    for members in sorted(merged.values(), key=lambda ms: min(m.span[0] for m in ms)):
        members.sort(key=lambda m: m.span)
        label = _Group((), members).label()
        out.append(Entity(id=f"e{len(out) + 1}", name=_name(members, label, rules), type=label,
                          mentions=[m.span for m in members]))
    return out


def _link_short_forms(groups: list[_Group], labels: list[str], uf: _UnionFind) -> None:
    # index longer keys by their first and last words (persons) and by prefixes (orgs)
    person_ends: dict[tuple[str, ...], list[int]] = {}
    org_prefixes: dict[tuple[str, ...], list[int]] = {}
    for n, g in enumerate(groups):
        k = g.key
        if len(k) < 2:
            continue
        if labels[n] == "PER":
            for size in range(1, len(k)):
                person_ends.setdefault(k[:size], []).append(n)
                person_ends.setdefault(k[-size:], []).append(n)
        elif labels[n] == "ORG":
            for size in range(1, len(k)):
                org_prefixes.setdefault(k[:size], []).append(n)
    for n, g in enumerate(groups):
        if labels[n] == "PER" or (labels[n] in ("MISC", "ORG") and len(g.key) == 1
                                  and not g.items[0].text.isupper()
                                  and not any(it.org_cue for it in g.items)):
            cands = person_ends.get(g.key, [])
            if not cands and labels[n] == "ORG":
                cands = org_prefixes.get(g.key, [])
        elif labels[n] == "ORG":
            cands = org_prefixes.get(g.key, [])
        else:
            continue
        target = _nearest(groups, n, [c for c in cands if c != n])
        if target is not None:
            uf.union(n, target)


def _nearest(groups: list[_Group], n: int, cands: list[int]) -> int | None:
    """The candidate with a mention nearest before this group's first mention."""
    if not cands:
        return None
    start = groups[n].first
    best, best_pos = None, -1
    for c in set(cands):
        before = [it.span[0] for it in groups[c].items if it.span[0] < start]
        if before and max(before) > best_pos:
            best, best_pos = c, max(before)
    if best is not None:
        return best
    return min(set(cands), key=lambda c: groups[c].first)


def _link_acronyms(groups: list[_Group], labels: list[str], items: list[Item], text: str,
                   by_key: dict[tuple[str, ...], int], uf: _UnionFind) -> None:
    ends = {it.span[1]: it for it in items}
    initials: dict[str, list[int]] = {}
    for n, g in enumerate(groups):
        if labels[n] == "ORG" and len(g.key) >= 2:
            initials.setdefault("".join(w[0] for w in g.key), []).append(n)
    for n, g in enumerate(groups):
        acr = g.items[0].text
        if not (2 <= len(acr) <= 8 and acr.isupper() and acr.isalpha()):
            continue
        target = None
        for it in g.items:  # "Conseil de sécurité de l'ONU (CSNU)"
            s = it.span[0]
            if text[s - 1:s] == "(":
                prev = ends.get(s - 2) or ends.get(s - 1)
                if prev is not None and prev.key in by_key:
                    target = by_key[prev.key]
                    break
        if target is None:
            target = _nearest(groups, n, [c for c in initials.get(acr.casefold(), []) if c != n])
        if target is not None and uf.find(target) != uf.find(n):
            uf.union(n, target)


def _name(members: list[Item], label: str, rules: EntityRules) -> str:
    """The fullest form: most words, titles and articles left out; ties: the first."""
    best = members[0]
    best_size: tuple[int, int, int, int] = (-1, 0, 0, 0)
    for m in members:
        bare = strip_title(m.text, rules)
        size = (len(m.key), m.label == label, bare == m.text, len(bare))
        if size > best_size:
            best, best_size = m, size
    return strip_title(best.text, rules)


def strip_title(text: str, rules: EntityRules) -> str:
    for title in rules.mention_titles:
        if text.startswith(title + " ") and len(words(text)) > 1:
            return text[len(title) + 1:]
    return text
