"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium, never a
downloaded browser) against uvicorn on 127.0.0.1. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

if TYPE_CHECKING:
    from web_fixtures import DemoStore


from web_fixtures import ARTIFACTS, needs_chromium

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(read_app: FastAPI, live_server: Any) -> Iterator[str]:
    with live_server(read_app) as server:
        yield server.url


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.errors = errors
    yield pg
    context.close()


def shot(pg: Any, name: str) -> None:
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_article_quote_click_shows_source_and_relay(page: Any, site: str,
                                                    demo_store: DemoStore) -> None:
    page.goto(f"{site}/articles/{demo_store.paris}")
    quote = page.locator("a.k-quote", has_text="Je regarde la salle").first
    assert quote.is_visible()
    assert page.locator("#panel").is_hidden()
    shot(page, "article-wide")
    # A statement relayed by an agency: Ban Ki-moon's words, through Reuters.
    relayed = page.locator(".text a[data-a]", has_text="triomphe").first
    relayed.click()
    panel = page.locator("#panel")
    panel.wait_for(state="visible")
    assert "Ban Ki-moon" in panel.inner_text()
    assert panel.locator(".k-via").inner_text().strip() == "Reuters"
    assert page.locator(".text a.active").count() >= 1
    shot(page, "article-statement-selected")
    quote.click()
    assert "Laurent Fabius" in panel.locator(".chain").inner_text()
    assert "déclarer" in panel.inner_text()
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert not page.errors, page.errors


def test_article_without_javascript_uses_anchors(browser: Any, site: str,
                                                 demo_store: DemoStore) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280,
                                                                       "height": 900})
    pg = context.new_page()
    pg.goto(f"{site}/articles/{demo_store.paris}")
    pg.locator("a.k-quote", has_text="Je regarde la salle").first.click()
    assert pg.url.split("#")[1].startswith("rec-")
    target = pg.locator(".record:target")
    assert "Laurent Fabius" in target.inner_text()
    shot(pg, "article-no-js-record")
    context.close()


def test_phone_width(browser: Any, site: str, demo_store: DemoStore) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    pg = context.new_page()
    pg.goto(f"{site}/articles/{demo_store.paris}")
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the article page scrolls sideways on a phone ({width}px)"
    pg.locator("a.k-quote", has_text="Je regarde la salle").first.tap()
    pg.locator("#panel").wait_for(state="visible")
    shot(pg, "article-phone")
    pg.goto(f"{site}/")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    shot(pg, "home-phone")
    context.close()


def test_entity_page_and_search(page: Any, site: str) -> None:
    page.goto(f"{site}/")
    page.locator("a", has_text="Laurent Fabius").first.click()
    page.wait_for_url("**/entities/**")
    assert page.locator("h1").inner_text().startswith("Laurent Fabius")
    assert "M. Fabius" in page.inner_text("body")
    shot(page, "entity")
    page.fill("#site-q", "Ever Given")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search?q=Ever+Given")
    results = page.locator("ol.results li")
    assert results.count() >= 1
    assert "Ever Given" in results.first.inner_text()
    shot(page, "search")
    assert not page.errors, page.errors


def test_sources_graph_and_timeline_plot(page: Any, site: str) -> None:
    page.goto(f"{site}/sources?q=accord")
    assert page.locator("figure.graph svg .node").count() >= 3
    shot(page, "sources")
    page.goto(f"{site}/timeline?q=accord")
    page.locator("#timeline-plot .main-svg").first.wait_for(state="attached", timeout=15000)
    assert page.locator("#timeline-plot .point").count() >= 3
    shot(page, "timeline")
    assert not page.errors, page.errors


HOSTILE_TITLE = '<script>window.__pwned = "title"</script><img src=x onerror="window.__pwned=1">'
HOSTILE_TEXT = (
    "Le ministre a déclaré que « tout va bien <script>window.__pwned = 'text'</script> », "
    'selon l\'AFP. <img src=x onerror="window.__pwned=2"> <svg onload="window.__pwned=3">'
    "</svg> <a href=\"javascript:window.__pwned=4\">cliquez</a>\n"
    "« Nous partirons <b onmouseover=\"window.__pwned=5\">demain</b> », a dit M. Dupont.\n"
)


def test_hostile_article_runs_nothing(browser: Any, write_app: FastAPI, auth: dict[str, str],
                                      live_server: Any) -> None:
    """An article whose title, text and URL carry scripts, handlers and javascript: links
    is ingested through the API, then shown: nothing runs, no dialog opens."""
    with TestClient(write_app) as c:
        r = c.post("/api/ingest", headers=auth, json={
            "text": HOSTILE_TEXT, "title": HOSTILE_TITLE, "outlet": "<b onclick=x>Out</b>",
            "url": "javascript:window.__pwned='url'", "published": "2024-02-03"})
        assert r.status_code == 200, r.text
        article_id = r.json()["id"]
    with live_server(write_app) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.goto(f"{server.url}/articles/{article_id}")
        assert HOSTILE_TITLE in pg.locator("h1").inner_text()  # shown as text, verbatim
        assert "javascript:" in pg.locator(".unsafe-url").inner_text()
        assert pg.locator('a[href^="javascript:"]').count() == 0
        assert pg.locator("main img, main svg[onload], main [onerror], main [onmouseover]"
                          ).count() == 0
        for link in pg.locator(".text a[data-a]").all():
            link.hover()
            link.click()
        pg.locator("a.k-quote").first.click() if pg.locator("a.k-quote").count() else None
        for path in ("/", "/search?q=ministre", f"/sources?article={article_id}",
                     "/timeline?q=ministre", "/entities"):
            pg.goto(f"{server.url}{path}")
            pg.mouse.move(200, 300)
        shot(pg, "hostile-article")
        pg.goto(f"{server.url}/articles/{article_id}")
        shot(pg, "hostile-article")
        assert pg.evaluate("typeof window.__pwned") == "undefined"
        assert dialogs == []
        context.close()


@pytest.fixture(scope="module")
def dev_site(dev_stories_db: Path, live_server: Any) -> Iterator[str]:
    from selon.settings import Settings
    from selon.web.app import create_app

    with live_server(create_app(dev_stories_db, Settings())) as server:
        yield server.url


def test_story_page_shows_a_contradiction_pair(page: Any, dev_site: str) -> None:
    """A story of the shared dev set: the contradiction between Biden ('attise les
    braises') and Trump ('cela aide') side by side, both sentences highlighted and linked."""
    page.goto(f"{dev_site}/stories")
    page.locator("ol.stories a", has_text="Kenosha").first.click()
    page.wait_for_url("**/stories/**")
    pair = page.locator(".contradiction").filter(has_text="cela aide").first
    assert pair.is_visible()
    sides = pair.locator(".side")
    assert sides.count() == 2
    marked = [sides.nth(i).locator("mark.said").inner_text() for i in range(2)]
    assert any("attise les braises" in m for m in marked)
    assert any("cela aide" in m for m in marked)
    for i in range(2):
        assert "/articles/" in (sides.nth(i).locator("a").first.get_attribute("href") or "")
    shot(page, "story-contradiction")
    sides.nth(0).locator("a").first.click()
    page.wait_for_url("**/articles/**")
    assert not page.errors, page.errors


def test_statements_page_filters_sorts_and_exports(browser: Any, dev_site: str) -> None:
    """A fact-checker's round: filter by source from the form, sort, and download the CSV
    of exactly the rows listed, in their order (real articles of the shared dev set)."""
    import csv
    import io

    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(f"{dev_site}/")
    pg.locator("header.site nav a", has_text="Statements").click()
    pg.wait_for_url("**/statements")
    every = int(pg.locator("#total strong").inner_text())
    pg.fill("input[name=source]", "Trump")
    pg.select_option("select[name=sort]", "oldest")
    pg.locator("form.statement-filters button[type=submit]").click()
    pg.wait_for_url("**/statements?source=Trump&sort=oldest")  # the empty fields dropped
    total = int(pg.locator("#total strong").inner_text())
    assert 0 < total < every
    rows = pg.locator("table.listing tbody tr")
    assert rows.count() == total  # fewer than a page
    shown = [rows.nth(i).locator("td.content .k-quote, td.content .k-content").inner_text()
             for i in range(rows.count())]
    days = [rows.nth(i).locator("time").get_attribute("datetime")
            for i in range(rows.count())]  # the text is the day in the page's language
    assert days == sorted(days)
    shot(pg, "statements-filtered")
    with pg.expect_download() as info:
        pg.locator("a.export", has_text="CSV").click()
    download = info.value
    assert download.suggested_filename == "statements.csv"
    got = list(csv.DictReader(io.StringIO(Path(download.path()).read_text("utf-8"))))
    assert [r["content"] for r in got] == shown
    assert all("trump" in r["source"].lower() for r in got)
    assert not errors, errors
    context.close()


def test_copy_citation_and_permalink_to_the_sentence(browser: Any, dev_site: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=dev_site)
    pg = context.new_page()
    pg.goto(f"{dev_site}/statements?q=%22Garde+nationale%22&sort=relevance")
    row = pg.locator("table.listing tbody tr").first
    said = row.locator("td.content .k-quote, td.content .k-content").inner_text()
    assert pg.locator("td.content mark.hit").first.inner_text() == "Garde nationale"
    speaker = row.locator("td").first.locator("a").first.inner_text()
    button = row.locator("button.copy-cite")
    assert button.is_visible()  # shown by the script; the text is in a <details> without it
    button.click()
    pg.wait_for_function("document.querySelector('button.copy-cite.copied') !== null")
    cited = pg.evaluate("navigator.clipboard.readText()")
    first, *rest = cited.splitlines()
    published = row.locator("time").first.get_attribute("datetime") or ""
    assert first.startswith(f"« {said} » — {speaker}")
    # the day written in the page's language (English here), e.g. "August 26, 2020"
    assert re.search(r" — Orange Actu, [A-Z][a-z]+ \d{1,2}, (\d{4})$", first), first
    assert first.endswith(published[:4]) and published.startswith("2020-")
    assert rest[0].startswith("Article: https://orangesum.example/")
    link = rest[-1].removeprefix("Sentence: ")
    assert link.startswith(f"{dev_site}/articles/") and "#s-a" in link
    shot(pg, "statements-citation-copied")
    pg.goto(link)
    cited_parts = pg.locator(".text .cited.k-content, .text .cited.k-quote")
    cited_parts.first.wait_for(state="visible")
    marked = "".join(cited_parts.nth(i).inner_text() for i in range(cited_parts.count()))
    assert " ".join(marked.split()) == " ".join(said.split())  # the sentence, marked
    box = cited_parts.first.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900  # scrolled to the sentence
    assert pg.locator("#panel").is_visible()
    shot(pg, "article-permalink-sentence")
    context.close()


def test_search_page_phrase_filters_and_statements_tab(page: Any, dev_site: str) -> None:
    page.goto(f"{dev_site}/search")
    page.fill("#search-q", '"Corée du Nord" NOT Singapour')
    page.fill("form.big input[name=since]", "2020-06-10")
    page.locator("form.big button[type=submit]").click()
    page.wait_for_url("**/search?q=*since=2020-06-10*")
    marks = page.locator("ol.results mark.hit")
    assert marks.count() > 0
    assert all(marks.nth(i).inner_text().lower().replace("é", "e") == "coree du nord"
               for i in range(marks.count()))
    days = page.locator("ol.results time")
    assert all(days.nth(i).inner_text() >= "2020-06-10" for i in range(days.count()))
    tabs = page.locator("nav.tabs a")
    assert int(tabs.nth(0).locator("strong").inner_text()) == page.locator(
        "ol.results > li").count()
    shot(page, "search-phrase-highlighted")
    tabs.nth(1).click()
    page.wait_for_url("**/statements?q=*")
    n = int(page.locator("#total strong").inner_text())
    assert page.locator("table.listing tbody tr td.content").count() == n or n == 0
    assert not page.errors, page.errors
