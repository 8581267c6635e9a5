"""Trust signals and corrections in the web interface: weak records marked in words on the
article and entity pages, the correction form, the corrections page; and in Debian's
Chromium (Playwright), a reader who corrects a source and sees it marked corrected."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from selon.settings import Settings
from web_fixtures import ARTIFACTS, needs_chromium

if TYPE_CHECKING:
    from web_fixtures import DemoStore

TOKEN = "web-corrections-token-0123456789"


@pytest.fixture(scope="module")
def correct_app(demo_store: DemoStore, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    """A server with a token over its own copy of the demo store."""
    from selon.web import create_app

    path = tmp_path_factory.mktemp("web-corrections") / "demo.duckdb"
    path.write_bytes(demo_store.path.read_bytes())
    return create_app(path, Settings(), api_token=TOKEN)


@pytest.fixture(scope="module")
def web(correct_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(correct_app, raise_server_exceptions=False) as c:
        yield c


def test_article_page_marks_weak_sources_in_words(client: TestClient,
                                                  demo_store: DemoStore) -> None:
    pages = [client.get(f"/articles/{i}").text for i in demo_store.ids.values()]
    marked = [p for p in pages if 'class="badge weak"' in p]
    assert marked, "no demo article has a weak source"
    html = marked[0]
    badge = re.search(r'<span class="badge weak" role="note">(.*?)</span></span>', html, re.S)
    assert badge is not None
    words = re.sub(r"<[^>]+>", "", badge.group(1))
    assert "weak source:" in words and "confidence 0." in words
    assert re.search(r"(pronoun|« selon lui ») resolved to|unnamed source|guessed", words)
    assert "Source found</dt>" in html
    # a read-only server offers no correction form
    assert "Correct this statement" not in html and 'name="token"' not in html


def test_entity_page_lists_mark_weak_records(client: TestClient) -> None:
    from selon.store import Store

    st = client.app.state.selon  # type: ignore[attr-defined]
    with st.pool.get() as s:
        assert isinstance(s, Store)
        rows = s.fetch("SELECT source_key FROM attributions WHERE confidence < 0.6 "
                       "AND source_key IS NOT NULL AND source_key <> '' LIMIT 20")
    for r in rows:
        page = client.get(f"/entities/{r['source_key']}")
        if page.status_code == 200 and 'class="badge weak"' in page.text:
            assert "weak source:" in page.text
            return
    pytest.skip("no entity page lists a weak statement in the demo store")


def test_the_form_needs_the_token(web: TestClient, demo_store: DemoStore) -> None:
    page = web.get(f"/articles/{demo_store.paris}").text
    key = re.search(r'name="key" value="(\d+-\d+)"', page)
    assert key is not None and "Correct this statement" in page
    r = web.post(f"/articles/{demo_store.paris}/corrections", follow_redirects=False,
                 data={"key": key.group(1), "action": "source", "source": "X",
                       "token": "wrong-token-0000000000"})
    assert r.status_code == 401 and "token is wrong" in r.text
    assert "No correction yet" in web.get("/corrections").text


@needs_chromium
def test_a_reader_corrects_a_source_and_sees_it_corrected(correct_app: FastAPI,
                                                          live_server: Any, browser: Any,
                                                          demo_store: DemoStore) -> None:
    with live_server(correct_app) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{server.url}/articles/{demo_store.paris}")
            record = page.locator("li.record").first
            original = record.locator(".chain .k-source").inner_text().strip()
            assert original and original != "Gérard Exemple"
            record.locator("details.correct summary").click()
            form = record.locator("form.correct-form")
            form.get_by_label("wrong source").check()
            form.get_by_label("Right source").fill("Gérard Exemple")
            form.get_by_label("Note").fill("the agency, not the minister")
            form.get_by_label("Token").fill(TOKEN)
            page.screenshot(path=str(ARTIFACTS / "correction-form.png"))
            form.get_by_role("button", name="Save the correction").click()
            page.wait_for_url(re.compile(r"corrected=\d+"))
            assert "saved" in page.locator("p.notice[role=status]").inner_text()
            record = page.locator("li.record").first
            assert record.locator(".chain .k-source").inner_text().strip() == "Gérard Exemple"
            badge = record.locator(".badge.corrected")
            assert badge.is_visible() and "corrected" in badge.inner_text()
            assert original in record.locator("p.original").inner_text()
            page.screenshot(path=str(ARTIFACTS / "correction-marked.png"), full_page=False)
            page.goto(f"{server.url}/corrections")
            row = page.locator("table.corrections tbody tr").first
            text = row.inner_text()
            assert "wrong source" in text and "Gérard Exemple" in text and original in text
            assert "token" in text  # who: the token's name (SELON_API_TOKEN_NAME unset)
            page.screenshot(path=str(ARTIFACTS / "corrections-page.png"))
            assert not errors, errors
        finally:
            page.close()
