"""The HTML pages: what they show, that article data is escaped, that nothing runs inline;
and the span renderer on hand-built analyses (nested and overlapping spans)."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from fastapi.testclient import TestClient

from selon.model import Analysis, Article, Attribution, Entity, Line, Party, Quantity, TimeExpr
from selon.web import graph, render

if TYPE_CHECKING:
    from web_fixtures import DemoStore


HTML = {"Accept": "text/html"}
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


def get(client: TestClient, path: str) -> str:
    r = client.get(path, headers=HTML)
    assert r.status_code == 200, (path, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    assert not INLINE_SCRIPT.search(r.text), f"inline script on {path}"
    return r.text


# -- the renderer ----------------------------------------------------------------------------

TEXT = "« Nous partirons en mai », a déclaré Jean Dupont, selon l'AFP. Fin."


def hand_built() -> Analysis:
    q = TEXT.index("Nous")
    q_end = TEXT.index(" »")
    cue = TEXT.index("a déclaré")
    src = TEXT.index("Jean Dupont")
    afp = TEXT.index("l'AFP")
    mai = TEXT.index("en mai")
    return Analysis(
        article=Article(id="x" * 16, text=TEXT, published=date(2024, 1, 5)),
        lines=[Line((0, len(TEXT) - 5), "body"), Line((len(TEXT) - 4, len(TEXT)), "boilerplate")],
        entities=[Entity("e1", "Jean Dupont", "PER", [(src, src + 11)]),
                  Entity("e2", "AFP", "ORG", [(afp + 2, afp + 5)])],
        attributions=[Attribution(
            id="a1", kind="direct", content=(q, q_end), cue=(cue, cue + 9), cue_lemma="déclarer",
            source=Party("Jean Dupont", (src, src + 11), "e1"),
            via=[Party("l'AFP", (afp, afp + 5), "e2")], times=["t1"])],
        quantities=[],
        times=[TimeExpr("t1", (mai, mai + 6), "DATE", "2024-05")],
    )


def test_segments_rebuild_the_text_and_carry_every_class() -> None:
    r = render.render(hand_built())
    blocks = [b for s in r.sections for b in s.blocks]
    assert "".join(seg.text for b in blocks for seg in b.segments) + " " == TEXT[:-4] + " " \
        or "".join(seg.text for seg in blocks[0].segments) == TEXT[:len(TEXT) - 5]
    segs = blocks[0].segments
    mai = next(s for s in segs if s.text == "en mai")
    assert {"k-quote", "k-time"} <= set(mai.classes) and mai.attr == "a1"
    dupont = next(s for s in segs if s.text == "Jean Dupont")
    assert {"k-source", "k-ent", "t-per"} <= set(dupont.classes)
    # "l'AFP" is a relay; its last three letters are also an entity mention: split in two.
    assert [s.text for s in segs if "k-via" in s.classes] == ["l'", "AFP"]
    assert "k-ent" in next(s for s in segs if s.text == "AFP").classes
    assert next(s for s in segs if s.text.startswith("Nous")).anchors == ["s-a1"]


def test_boilerplate_is_its_own_section() -> None:
    r = render.render(hand_built())
    assert [s.boilerplate for s in r.sections] == [False, True]


def test_record_has_chain_cue_and_dates() -> None:
    rec = render.records(hand_built())[0]
    assert rec.chain == "Jean Dupont ← AFP"
    assert rec.cue == "a déclaré" and rec.cue_lemma == "déclarer"
    assert [t.value for t in rec.times] == ["2024-05"]
    assert rec.source is not None and rec.source.key == "jean dupont"


def test_spans_out_of_range_are_ignored() -> None:
    a = hand_built()
    a.quantities.append(Quantity("q1", (5, 10_000), 3.0))
    r = render.render(a)
    assert all("k-qty" not in s.classes for sec in r.sections for b in sec.blocks
               for s in b.segments)


def test_graph_columns_and_timeline_days() -> None:
    sts = [{"article_id": "x", "id": "a1", "outlet": None, "credit": "AFP", "published":
            "2024-01-05", "stance": "reject", "content": "c",
            "source": {"text": "M. Dupont", "key": "dupont", "name": "Jean Dupont"},
            "via": [{"text": "TASS", "key": "tass"}],
            "times": [{"text": "mai", "value": "2024-05", "type": "DATE", "mod": None}]}]
    g = graph.build(sts)
    assert {n.label: n.column for n in g.nodes} == {"Jean Dupont": 0, "TASS": 1,
                                                     "credited: AFP": 2}
    assert g.tree[0]["label"] == "credited: AFP"
    assert g.tree[0]["children"][0]["children"][0]["label"] == "Jean Dupont"
    t = graph.timeline(sts)
    assert t["events"][0]["date"] == "2024-05-01" and t["statements"][0]["date"] == "2024-01-05"
    assert graph.day("XXXX-05") is None and graph.day("2024-13") is None


# -- the pages -------------------------------------------------------------------------------


def test_home(client: TestClient) -> None:
    html = get(client, "/")
    assert 'action="/search"' in html and "Recent articles" in html
    assert "Most quoted sources" in html and "Laurent Fabius" in html


def test_article_page_highlights_and_records(client: TestClient, demo_store: DemoStore) -> None:
    html = get(client, f"/articles/{demo_store.paris}")
    quote = re.search(r'<a href="#rec-(a\d+)" class="hl k-quote[^"]*" data-a="\1"[^>]*>'
                      r"Je regarde la salle", html)
    assert quote, "the direct quote is a highlighted link to its record"
    rec = html[html.index(f'id="rec-{quote.group(1)}"'):]
    rec = rec[:rec.index("</li>")]
    assert "Laurent Fabius" in rec and "déclarer" in rec
    for cls, _ in render.LEGEND:
        assert f"hl {cls}" in html  # the legend names every kind
    assert '<details class="boilerplate">' in html
    assert "Credit</dt><dd>Reuters" in html and "2015-12-13" in html


def test_article_prefix_redirects(client: TestClient, demo_store: DemoStore) -> None:
    aid = demo_store.paris
    r = client.get(f"/articles/{aid[:8]}", headers=HTML, follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == f"/articles/{aid}"


def test_entity_page(client: TestClient) -> None:
    html = get(client, "/entities/laurent%20fabius")
    assert "What Laurent Fabius said" in html and "M. Fabius" in html
    assert "Mentions per article" in html


def test_entities_sources_timeline_search_docs(client: TestClient, demo_store: DemoStore
                                               ) -> None:
    assert "Laurent Fabius" in get(client, "/entities?order=quoted")
    html = get(client, f"/sources?article={demo_store.paris}")
    assert "<svg" in html and 'class="tree"' in html and "Ban Ki-moon" in html
    html = get(client, "/sources?q=canal")
    assert "Statements per source" in html
    html = get(client, "/timeline?q=accord")
    assert 'id="timeline-plot"' in html and 'data-src="/api/timeline?q=accord&amp;lang=en"' in html
    # plotly.js (several MB) is fetched by the script only where a chart is drawn.
    assert "plotly" not in html and "plotly" not in get(client, "/")
    assert "/static/vendor/plotly.min.js" in client.get("/static/selon.js").text
    html = get(client, "/search?q=Ever+Given")
    assert "Ever Given" in html
    assert "/api/ingest" in get(client, "/docs")
    assert get(client, "/articles").count("<li>") >= 4


def test_plotly_is_served_from_the_installed_package(client: TestClient) -> None:
    r = client.get("/static/vendor/plotly.min.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert len(r.content) > 1_000_000


def test_hostile_article_data_is_escaped() -> None:
    from selon.web.app import _templates
    from selon.web.security import safe_href

    evil = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
    a = hand_built()
    a.article.title = evil
    a.article.url = "javascript:window.__pwned=1"
    a.article.outlet = evil
    env = _templates().env
    html = env.get_template("article.html").render(
        a=a.article, credit=None, store={"duplicate_of": None, "duplicates": []},
        r=render.render(a), title=a.article.title, ingest_enabled=False)
    assert "<script>window" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    assert safe_href("javascript:alert(1)") is None and safe_href(" JAVASCRIPT:x") is None
    assert safe_href("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_href('https://x.org/"onmouseover=') is None
