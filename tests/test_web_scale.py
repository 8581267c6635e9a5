"""The sources graph and the timeline over a store of real articles (the shared
stories-dev set): a column's tail gathered into one node without losing a statement, the
timeline's lanes named after speakers, its opening range the publication dates, and a
source given by its name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def real(dev_stories_db: Path) -> Iterator[TestClient]:
    from selon.settings import Settings
    from selon.web.app import create_app

    with TestClient(create_app(dev_stories_db, Settings()),
                    raise_server_exceptions=False) as c:
        yield c


def test_sources_graph_gathers_the_tail_and_keeps_every_statement(real: TestClient) -> None:
    full = real.get("/api/sources", params={"top": 100}).json()
    total = sum(s["count"] for s in full["sources"])
    sources = [n for n in full["nodes"] if n["column"] == 0]
    assert total > 20 and len(sources) > 6, "the dev set has many sources"
    small = real.get("/api/sources", params={"top": 3}).json()
    per_column = Counter(n["column"] for n in small["nodes"])
    assert per_column[0] == 4  # the three busiest and one node for the others
    others = next(n for n in small["nodes"] if n["id"] == "others:0")
    assert others["others"] == len(sources) - 3
    assert others["label"] == f"{len(sources) - 3} other sources"
    outlets = [n for n in small["nodes"] if n["column"] == 2]
    assert sum(n["count"] for n in outlets) == total  # each statement reaches one outlet
    into_outlets = {n["id"] for n in outlets}
    assert sum(e["count"] for e in small["edges"] if e["target"] in into_outlets) == total
    kept = sorted((n for n in sources), key=lambda n: -n["count"])[:3]
    assert {n["count"] for n in small["nodes"] if n["column"] == 0 and not n["others"]} \
        == {n["count"] for n in kept}


def test_sources_page_has_a_top_control_and_both_drawings(real: TestClient) -> None:
    html = real.get("/sources", params={"top": 5}, headers=HTML).text
    assert '<select name="top">' in html and '<option value="5" selected>' in html
    assert 'class="relay-graph layout-wide"' in html
    assert 'class="relay-graph layout-narrow"' in html
    assert "other sources" in html and "more are gathered" in html
    assert real.get("/sources", params={"top": 0}, headers=HTML).status_code == 422


def test_timeline_lanes_are_speakers_and_open_on_publication_dates(real: TestClient) -> None:
    t = real.get("/api/timeline").json()
    assert t["statements"], "the dev set's statements are on the default timeline"
    dates = sorted(p["date"] for p in t["statements"])
    assert t["published"] == {"first": dates[0], "last": dates[-1]}
    lanes = t["lanes"]
    assert {p["lane"] for p in t["statements"]} <= set(lanes)
    from selon.web.graph import NO_SOURCE, UNNAMED

    spoken = [lane for lane in lanes
              if lane not in (NO_SOURCE, UNNAMED) and not lane.endswith(" other speakers")]
    assert len(spoken) >= 5
    for lane in spoken:  # each lane is the name of an entity of the store, not a key
        found = real.get("/api/entities", params={"name": lane}).json()["items"]
        assert any(lane == e["name"] or lane in e["spellings"] for e in found), lane
    described = [p for p in t["statements"] if p["lane"] == UNNAMED]
    assert all(p["source"] not in spoken for p in described)
    html = real.get("/timeline", headers=HTML).text
    assert "latest articles" in html and 'id="timeline-plot"' in html
    assert f'datetime="{dates[0]}"' in html


def _top_speaker(real: TestClient) -> dict[str, Any]:
    rows = real.get("/api/entities", params={"order": "quoted", "limit": 1}).json()["items"]
    return dict(rows[0])


def test_timeline_takes_a_source_by_its_name(real: TestClient) -> None:
    top = _top_speaker(real)
    by_name = real.get("/api/timeline", params={"source": top["name"]}).json()
    assert len(by_name["statements"]) == top["quoted"]
    by_id = real.get("/api/timeline", params={"source": top["id"]}).json()
    assert len(by_id["statements"]) == top["quoted"]
    html = real.get("/timeline", params={"source": top["name"].upper()}, headers=HTML).text
    assert f"Timeline of {top['name']}" in html
