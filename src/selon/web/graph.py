"""Who relays whom, and when: the sources graph and the timeline of a set of statements.

Input is the statement dicts of :func:`selon.store.reads.statements`. The graph has three
columns: sources (who said it), relays (agencies, papers, spokespeople it went through),
and outlets (the article's outlet, or its credit line when the outlet is not known). It is
laid out here, drawn by the template as inline SVG with presentation attributes only.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from selon.web.i18n import N_, gettext, ngettext

MAX_PER_COLUMN = 25  # nodes drawn per column by default; the others are one node
TOP_CHOICES = (5, 10, 25, 50, 100)
MAX_LANES = 30  # speakers with a lane of their own on the timeline
NO_SOURCE = N_("(no source found)")
UNNAMED = N_("sources not named (« l'avocat »)")
ROW = 30
COLUMNS = ("sources", "relays", "outlets")


@dataclass(frozen=True)
class Layout:
    """Where the three columns go: ``wide`` for a desktop, ``narrow`` for a phone (the
    three columns, outlets included, fit in 400 px at a readable size)."""

    name: str
    node_w: int
    col_x: tuple[int, int, int]
    chars: int  # characters of a label before it is cut

    @property
    def width(self) -> int:
        return self.col_x[2] + self.node_w + self.col_x[0]


WIDE = Layout("wide", 210, (10, 330, 650), 26)
NARROW = Layout("narrow", 120, (2, 142, 282), 11)

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass
class Node:
    id: str
    label: str
    column: int  # 0 source, 1 relay, 2 outlet
    count: int = 0
    stances: Counter[str] = field(default_factory=Counter)
    x: int = 0
    y: int = 0
    others: int = 0  # for the node standing for the rest of its column: how many it holds


@dataclass
class Edge:
    source: str
    target: str
    count: int = 0
    path: str = ""
    width: float = 1.0


@dataclass
class Graph:
    nodes: list[Node]
    edges: list[Edge]
    height: int
    layout: Layout = WIDE
    tree: list[dict[str, Any]] = field(default_factory=list)
    hidden: int = 0  # nodes gathered into a column's "others" node (still in the tables)
    top: int = MAX_PER_COLUMN

    @property
    def width(self) -> int:
        return self.layout.width

    def label(self, node: Node) -> str:
        """The node's label cut to the layout's width, with its count."""
        n = self.layout.chars
        text = node.label if len(node.label) <= n else node.label[:n - 1] + "…"
        return f"{text} ({node.count})"


def outlet_label(st: dict[str, Any]) -> str:
    """The article's outlet, or its credit line, or a plain 'not known'."""
    if st.get("outlet"):
        return str(st["outlet"])
    if st.get("credit"):
        return f"credited: {st['credit']}"
    return gettext("outlet not known")  # in the page's language (the API's: English)


def chain(st: dict[str, Any]) -> list[tuple[str, str]]:
    """(node id, label) from the source, through each relay, to the outlet."""
    src = st.get("source")
    hops: list[tuple[str, str]] = []
    if src:
        hops.append((f"e:{src.get('key') or src['text']}", src.get("name") or src["text"]))
    else:
        hops.append(("e:?", gettext(NO_SOURCE)))
    for v in st.get("via", []):
        hops.append((f"e:{v.get('key') or v['text']}", v["text"]))
    label = outlet_label(st)
    hops.append((f"o:{label}", label))
    return hops


def build(statements: list[dict[str, Any]], *, top: int = MAX_PER_COLUMN,
          layout: Layout = WIDE) -> Graph:
    """The relay graph of these statements in three columns: the ``top`` busiest nodes of
    each column, the rest of a column gathered into one node (so that every statement
    still flows from left to right, however many articles there are)."""
    nodes: dict[str, Node] = {}
    flows: Counter[tuple[str, ...]] = Counter()
    relays: set[str] = set()
    for st in statements:
        hops = chain(st)
        relays.update(nid for nid, _ in hops[1:-1])
        for i, (nid, label) in enumerate(hops):
            column = 2 if i == len(hops) - 1 else 0
            node = nodes.setdefault(nid, Node(nid, label, column))
            node.count += 1
            if i == 0:
                node.stances[st.get("stance") or "assert"] += 1
        flows[tuple(nid for nid, _ in hops)] += 1
    for nid in relays:
        if nodes[nid].column == 0:
            nodes[nid].column = 1
    shown: list[Node] = []
    merged: dict[str, str] = {}  # node id -> the id of the node it is drawn as
    hidden = 0
    for column in range(3):
        col = sorted((n for n in nodes.values() if n.column == column),
                     key=lambda n: (-n.count, n.label.lower()))
        kept, rest = col[:top], col[top:]
        if rest:
            hidden += len(rest)
            other = Node(f"others:{column}", f"{len(rest)} other {COLUMNS[column]}", column,
                         count=sum(n.count for n in rest), others=len(rest))
            for n in rest:
                merged[n.id] = other.id
                other.stances.update(n.stances)
            kept.append(other)
        for row, node in enumerate(kept):
            node.x, node.y = layout.col_x[column], 20 + row * ROW
            shown.append(node)
    visible = {n.id: n for n in shown}
    edges: dict[tuple[str, str], Edge] = {}
    for path, carried in flows.items():
        drawn_as = [merged.get(h, h) for h in path]
        for left, right in itertools.pairwise(drawn_as):
            if left != right:
                edges.setdefault((left, right), Edge(left, right)).count += carried
    peak = max((e.count for e in edges.values()), default=1)
    for e in edges.values():
        a, b = visible[e.source], visible[e.target]
        x1, y1 = a.x + layout.node_w, a.y + 10
        x2, y2 = b.x - 6, b.y + 10
        if x2 <= x1:  # a relay relaying a relay in the same column: loop around
            x2 = b.x + layout.node_w + 6
        mid = (x1 + x2) / 2
        e.path = f"M{x1},{y1} C{mid:.0f},{y1} {mid:.0f},{y2} {x2},{y2}"
        e.width = round(1 + 5 * e.count / peak, 1)
    height = 40 + ROW * max([1] + [sum(1 for n in shown if n.column == c) for c in range(3)])
    return Graph(nodes=shown, edges=list(edges.values()), height=height, layout=layout,
                 tree=tree(statements), hidden=hidden, top=top)


def tree(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same graph as a nested list read from the outlet: outlet ← relay ← source."""
    root: dict[str, Any] = {}
    for st in statements:
        hops = list(reversed(chain(st)))
        level = root
        for _, label in hops:
            entry = level.setdefault(label, {"count": 0, "children": {}})
            entry["count"] += 1
            level = entry["children"]

    def listed(level: dict[str, Any]) -> list[dict[str, Any]]:
        items = sorted(level.items(), key=lambda kv: (-kv[1]["count"], kv[0].lower()))
        return [{"label": k, "count": v["count"], "children": listed(v["children"])}
                for k, v in items]

    return listed(root)


def per_source(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per source: how many statements, with which stances, through whom."""
    rows: dict[str, dict[str, Any]] = {}
    for st in statements:
        src = st.get("source") or {"text": gettext(NO_SOURCE), "key": None, "name": None}
        key = src.get("key") or src["text"]
        row = rows.setdefault(key, {
            "key": src.get("key"), "name": src.get("name") or src["text"],
            "count": 0, "stances": Counter(), "relays": Counter(), "outlets": Counter(),
        })
        row["count"] += 1
        row["stances"][st.get("stance") or "assert"] += 1
        for v in st.get("via", []):
            row["relays"][v["text"]] += 1
        row["outlets"][outlet_label(st)] += 1
    out = sorted(rows.values(), key=lambda r: (-r["count"], str(r["name"]).lower()))
    for r in out:
        for k in ("stances", "relays", "outlets"):
            r[k] = dict(r[k].most_common())
    return out


def day(value: str | None) -> str | None:
    """A TIMEX3 value as a plottable ISO day (a month or year falls on its first day)."""
    if not value:
        return None
    m = _DATE.match(value)
    if m is None:
        return None
    y, mo, d = m.group(1), m.group(2) or "01", m.group(3) or "01"
    if not ("01" <= mo <= "12" and "01" <= d <= "31"):
        return None
    return f"{y}-{mo}-{d}"


def speaker(st: dict[str, Any]) -> tuple[str, str] | None:
    """(lane id, label) of a statement's source when it is a named speaker (an entity: a
    name, or « il » resolved to one), one lane per name key; None for a source the text
    only describes (« l'avocat ») or none."""
    src = st.get("source") or {}
    if not src.get("name"):
        return None
    return str(src.get("key") or src["name"].lower()), str(src["name"])


def timeline(statements: list[dict[str, Any]],
             lanes: int = MAX_LANES) -> dict[str, Any]:
    """Points on a time axis: each statement at its article's date, and each dated time
    expression inside a statement at the date it refers to. ``lane`` is the speaker's name
    (the ``lanes`` most frequent named speakers each have one; other speakers share one
    lane, and sources the text only describes another); ``published`` is the first and
    last publication date, the range shown first."""
    said = []
    events = []
    by_day: defaultdict[str, int] = defaultdict(int)
    counts: Counter[str] = Counter()
    labels: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for st in statements:
        found = speaker(st)
        if found is not None:
            counts[found[0]] += 1
            labels[found[0]][found[1]] += 1
    top = [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:lanes]]
    named = {k: labels[k].most_common(1)[0][0] for k in top}
    rest = len(counts) - len(top)
    others = ngettext("%(num)s other speaker", "%(num)s other speakers", rest) if rest > 0 else ""
    extra: list[str] = [others] if others else []
    for st in statements:
        found = speaker(st)
        src = st.get("source") or {}
        if found is None:
            lane = gettext(UNNAMED if src else NO_SOURCE)
            if lane not in extra:
                extra.append(lane)
        else:
            lane = named.get(found[0], others)
        base = {"article_id": st["article_id"], "id": st["id"], "lane": lane,
                "source": src.get("name") or src.get("text") or gettext(NO_SOURCE),
                "stance": st.get("stance"), "content": st.get("content") or ""}
        if st.get("published"):
            said.append({**base, "date": st["published"]})
            by_day[st["published"]] += 1
        for t in st.get("times", []):
            when = day(t.get("value"))
            if when:
                events.append({**base, "date": when, "text": t.get("text"),
                               "value": t.get("value"), "mod": t.get("mod")})
    said.sort(key=lambda p: (p["date"], p["source"]))
    events.sort(key=lambda p: (p["date"], p["source"]))
    days = sorted(by_day)
    return {"statements": said, "events": events,
            "per_day": [{"date": d, "count": by_day[d]} for d in days],
            "lanes": [named[k] for k in top] + extra,
            "published": {"first": days[0], "last": days[-1]} if days else None}
