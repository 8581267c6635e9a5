"""Every page type in Debian's Chromium over a store of real articles (the shared
stories-dev set): axe-core finds no serious or critical accessibility violation, at a
desktop width and at a phone width, in English and in French (the browser's language
chooses), and a screenshot of each page at both widths in both languages is saved under
test-artifacts/pages/ (``<page>-<lang>-<width>.png``) to be looked at.

axe-core is the npm package pinned in tools/axe/package.json (``make browser`` installs
it into tools/axe/node_modules); it is injected as an init script, so the pages keep
their own Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from web_fixtures import ARTIFACTS, needs_chromium

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ARTIFACTS / "pages"
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True,
              "has_touch": True, "device_scale_factor": 2},
}
BLOCKING = {"serious", "critical"}

pytestmark = [
    needs_chromium,
    pytest.mark.skipif(not AXE.exists(),
                       reason=f"no axe-core at {AXE} (make browser installs it with npm)"),
]


@pytest.fixture(scope="module")
def real_site(dev_stories_db: Path, live_server: Any) -> Iterator[str]:
    from selon.settings import Settings
    from selon.web.app import create_app

    with live_server(create_app(dev_stories_db, Settings())) as server:
        yield server.url


@pytest.fixture(scope="module")
def pages(real_site: str) -> dict[str, str]:
    return page_paths(real_site)


def page_paths(site: str) -> dict[str, str]:
    """Page type -> a path of that type in the store served at ``site``."""
    api = httpx.Client(base_url=site, timeout=30)
    article = api.get("/api/articles", params={"limit": 1}).json()["items"][0]["id"]
    quoted = api.get("/api/entities", params={"order": "quoted", "limit": 1}).json()
    entity = quoted["items"][0]["id"]
    story = api.get("/api/stories", params={"limit": 1}).json()["items"][0]["id"]
    paths = {
        "home": "/", "articles": "/articles", "article": f"/articles/{article}",
        "entities": "/entities", "entities-search": "/entities?name=trump",
        "entity": f"/entities/{entity}", "search": "/search?q=Trump",
        "sources": "/sources?q=Trump", "sources-article": f"/sources?article={article}",
        "timeline": "/timeline", "timeline-source": "/timeline?source=Donald%20Trump",
        "stories": "/stories", "story": f"/stories/{story}", "ingest": "/ingest",
        "docs": "/docs", "error": "/articles/0000000000000000",
        "statements": "/statements", "statements-filtered": "/statements?q=Trump&sort=relevance",
        "corrections": "/corrections",
    }
    return paths


def axe_violations(pg: Any) -> list[dict[str, Any]]:
    result: dict[str, Any] = pg.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in BLOCKING]


def described(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:3]]
        lines.append(f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} node(s), "
                     f"e.g. {targets})")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_every_page_type_is_accessible(browser: Any, real_site: str, pages: dict[str, str],
                                       width: str, lang: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(**VIEWPORTS[width], locale=lang)
    context.add_init_script(path=str(AXE))
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    failures: dict[str, str] = {}
    sideways: dict[str, int] = {}
    try:
        for name, path in pages.items():
            response = pg.goto(f"{real_site}{path}")  # the browser's language chooses
            assert response is not None
            assert response.status == (404 if name == "error" else 200), (name, path)
            assert pg.locator("html").get_attribute("lang") == lang, (name, path)
            if pg.locator("#timeline-plot").count():
                pg.locator("#timeline-plot .main-svg").first.wait_for(state="attached",
                                                                      timeout=20000)
            pg.screenshot(path=str(SHOTS / f"{name}-{lang}-{width}.png"), full_page=False)
            found = axe_violations(pg)
            if found:
                failures[name] = described(found)
            scroll = pg.evaluate("document.documentElement.scrollWidth")
            if scroll > VIEWPORTS[width]["viewport"]["width"]:  # type: ignore[index]
                sideways[name] = scroll
        # axe is really at work: an image without a text alternative is a critical one.
        pg.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
        assert "image-alt" in {v["id"] for v in axe_violations(pg)}
    finally:
        context.close()
    assert not failures, "\n".join(f"{k} ({pages[k]}):\n{v}" for k, v in failures.items())
    assert not sideways, f"pages wider than the {width} viewport: {sideways}"
    assert not errors, errors
