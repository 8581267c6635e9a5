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

MAX_PER_COLUMN = 25
ROW = 30
NODE_W = 210
COL_X = (10, 330, 650)
WIDTH = COL_X[2] + NODE_W + 10

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
    width: int = WIDTH
    tree: list[dict[str, Any]] = field(default_factory=list)
    hidden: int = 0  # nodes left out of the drawing (still in the tables)


def outlet_label(st: dict[str, Any]) -> str:
    """The article's outlet, or its credit line, or a plain 'not known'."""
    if st.get("outlet"):
        return str(st["outlet"])
    if st.get("credit"):
        return f"credited: {st['credit']}"
    return "outlet not known"


def chain(st: dict[str, Any]) -> list[tuple[str, str]]:
    """(node id, label) from the source, through each relay, to the outlet."""
    src = st.get("source")
    hops: list[tuple[str, str]] = []
    if src:
        hops.append((f"e:{src.get('key') or src['text']}", src.get("name") or src["text"]))
    else:
        hops.append(("e:?", "(no source found)"))
    for v in st.get("via", []):
        hops.append((f"e:{v.get('key') or v['text']}", v["text"]))
    label = outlet_label(st)
    hops.append((f"o:{label}", label))
    return hops


def build(statements: list[dict[str, Any]]) -> Graph:
    """The relay graph of these statements, laid out in three columns."""
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str], Edge] = {}
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
        for (left, _), (right, _) in itertools.pairwise(hops):
            edges.setdefault((left, right), Edge(left, right)).count += 1
    for nid in relays:
        if nodes[nid].column == 0:
            nodes[nid].column = 1
    shown: list[Node] = []
    hidden = 0
    for column in range(3):
        col = sorted((n for n in nodes.values() if n.column == column),
                     key=lambda n: (-n.count, n.label.lower()))
        hidden += max(0, len(col) - MAX_PER_COLUMN)
        for row, node in enumerate(col[:MAX_PER_COLUMN]):
            node.x, node.y = COL_X[column], 20 + row * ROW
            shown.append(node)
    visible = {n.id: n for n in shown}
    drawn = []
    top = max((e.count for e in edges.values()), default=1)
    for e in edges.values():
        a, b = visible.get(e.source), visible.get(e.target)
        if a is None or b is None:
            continue
        x1, y1 = a.x + NODE_W, a.y + 10
        x2, y2 = b.x - 6, b.y + 10
        if x2 <= x1:  # a relay relaying a relay in the same column: loop around
            x2 = b.x + NODE_W + 6
        mid = (x1 + x2) / 2
        e.path = f"M{x1},{y1} C{mid:.0f},{y1} {mid:.0f},{y2} {x2},{y2}"
        e.width = round(1 + 5 * e.count / top, 1)
        drawn.append(e)
    height = 40 + ROW * max([1] + [sum(1 for n in shown if n.column == c) for c in range(3)])
    return Graph(nodes=shown, edges=drawn, height=height, tree=tree(statements), hidden=hidden)


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
        src = st.get("source") or {"text": "(no source found)", "key": None, "name": None}
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


def timeline(statements: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Points on a time axis: each statement at its article's date, and each dated time
    expression inside a statement at the date it refers to."""
    said = []
    events = []
    by_day: defaultdict[str, int] = defaultdict(int)
    for st in statements:
        src = st.get("source") or {}
        who = src.get("name") or src.get("text") or "(no source found)"
        base = {"article_id": st["article_id"], "id": st["id"], "source": who,
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
    return {"statements": said, "events": events,
            "per_day": [{"date": d, "count": n} for d, n in sorted(by_day.items())]}
