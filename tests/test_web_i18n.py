"""The interface in English and French: catalogues complete for every message of the
templates and web modules, the language chosen from ?lang=, the cookie and the browser,
every page type rendered in both, dates and numbers written by Babel per locale."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from selon.web import i18n

if TYPE_CHECKING:
    from web_fixtures import DemoStore

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)}


def extracted() -> dict[Any, str]:
    """Every message of the templates, the web modules and the texts of selon.reasons (as
    ``make messages`` finds them)."""
    found: dict[Any, str] = {}
    options = {"trimmed": "true", "trim_blocks": "true", "lstrip_blocks": "true"}
    for method, pattern in (("python", "src/selon/web/**.py"),
                            ("python", "src/selon/reasons.py"),
                            ("jinja2", "src/selon/web/templates/**.html")):
        for name, _line, message, _comments, _context in extract_from_dir(
                ROOT, [(pattern, method)], keywords=KEYWORDS,
                options_map={pattern: options}):
            found.setdefault(message, name)
    return found


def catalogue(lang: str) -> Any:
    path = i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        return read_po(f, locale=lang)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_message_has_a_translation(lang: str) -> None:
    messages = extracted()
    assert len(messages) > 300  # the extraction really read the templates
    cat = catalogue(lang)
    missing, broken = [], []
    for msgid, where in messages.items():
        entry = cat.get(msgid)
        if entry is None or entry.fuzzy or not all(
                entry.string if isinstance(entry.string, tuple) else [entry.string]):
            missing.append(f"{where}: {msgid!r}")
            continue
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = {p for i in ids for p in PLACEHOLDER.findall(i)}
        for s in strings:
            if set(PLACEHOLDER.findall(s)) - wanted or (
                    len(ids) == 1 and set(PLACEHOLDER.findall(s)) != wanted):
                broken.append(f"{msgid!r} -> {s!r}")
    assert not missing, f"{len(missing)} message(s) without a {lang} translation:\n" + \
        "\n".join(missing[:30])
    assert not broken, "placeholders differ:\n" + "\n".join(broken[:30])


def test_the_language_comes_from_the_url_then_the_cookie_then_the_browser() -> None:
    assert i18n.choose(None, None, None) == "en"
    assert i18n.choose(None, None, "fr-FR,fr;q=0.9,en;q=0.8") == "fr"
    assert i18n.choose(None, None, "de-DE,de;q=0.9,en;q=0.5") == "en"
    assert i18n.choose(None, None, "en;q=0.4,fr-CA;q=0.7") == "fr"
    assert i18n.choose(None, None, "de, *;q=0.1") == "en"
    assert i18n.choose(None, None, "xx-!!,;q=bad") == "en"
    assert i18n.choose(None, "en", "fr") == "en"
    assert i18n.choose("fr", "en", "en") == "fr"
    assert i18n.choose("de", "zz", "fr") == "fr"  # unknown values are ignored


def test_dates_and_numbers_are_written_per_locale() -> None:
    with i18n.use("fr"):
        assert i18n.day("2024-03-07") == "7 mars 2024"
        assert i18n.number(2211).replace("\u202f", " ").replace("\xa0", " ") == "2 211"
        assert i18n.decimal(0.5) == "0,50"
        assert i18n.gettext("Statements") == "Déclarations"
        assert i18n.how_words("pronoun", "Mme Dupont") == "pronom résolu en Mme Dupont"
    with i18n.use("en"):
        assert i18n.day("2024-03-07") == "Mar 7, 2024"
        assert i18n.number(2211) == "2,211"
        assert i18n.decimal(0.5) == "0.50"
        assert i18n.day("not a date") == "not a date"


def page_paths(client: TestClient, demo: DemoStore) -> dict[str, str]:
    entity = client.get("/api/entities", params={"order": "quoted", "limit": 1}).json()
    paths = {
        "home": "/", "articles": "/articles", "article": f"/articles/{demo.paris}",
        "entities": "/entities", "entities-search": "/entities?name=fabius",
        "entity": f"/entities/{entity['items'][0]['id']}", "search": "/search?q=accord",
        "sources": "/sources", "sources-article": f"/sources?article={demo.paris}",
        "timeline": "/timeline", "stories": "/stories", "ingest": "/ingest", "docs": "/docs",
        "statements": "/statements", "statements-filtered": "/statements?q=accord",
        "corrections": "/corrections", "error": "/articles/0000000000000000",
        "empty-range": "/statements?since=2024-05-01&until=2024-01-01",
    }
    stories = client.get("/api/stories", params={"limit": 1}).json()["items"]
    if stories:
        paths["story"] = f"/stories/{stories[0]['id']}"
    return paths


def visible(html: str) -> str:
    """The page's text and attribute values, without its tags and script data."""
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    attrs = " ".join(re.findall(r'(?:title|aria-label|placeholder|data-done)="([^"]*)"', html))
    return re.sub(r"<[^>]+>", " ", html) + " " + attrs


def test_every_page_type_renders_in_both_languages(client: TestClient,
                                                   demo_store: DemoStore) -> None:
    paths = page_paths(client, demo_store)
    fr = catalogue("fr")
    english_only = [m.id for m in fr if isinstance(m.id, str) and len(m.id) >= 14
                    and "%(" not in m.id and "<" not in m.id and m.string != m.id]
    assert len(english_only) > 100
    for lang, word in (("en", "Statements"), ("fr", "Déclarations")):
        for name, path in paths.items():
            sep = "&" if "?" in path else "?"
            r = client.get(f"{path}{sep}lang={lang}", headers={"Accept": "text/html"})
            client.cookies.clear()  # the client is shared: keep no language for others
            assert r.status_code == (404 if name == "error" else 200), (lang, name, r.text)
            assert f'<html lang="{lang}">' in r.text, (lang, name)
            assert f">{word}</a>" in r.text, (lang, name)  # the menu
            assert f"lang={lang}" in r.headers.get("set-cookie", ""), (lang, name)
            assert "Accept-Language" in r.headers.get("vary", ""), (lang, name)
            if lang == "fr" and name != "docs":  # (the API's own texts are English)
                text = visible(r.text)
                leaks = [m for m in english_only if m in text]
                assert not leaks, f"English on the French {name} page ({path}): {leaks[:5]}"
    fr_error = client.get("/articles/0000000000000000?lang=fr", headers={"Accept": "text/html"})
    warned = client.get(paths["empty-range"] + "&lang=fr", headers={"Accept": "text/html"})
    client.cookies.clear()
    assert "Page introuvable" in fr_error.text
    assert "La période est vide" in warned.text and "1 janv. 2024" in warned.text


def test_the_browser_language_the_cookie_and_the_switch(client: TestClient) -> None:
    html = {"Accept": "text/html"}
    client.cookies.clear()
    fr = client.get("/statements?q=accord", headers={**html, "Accept-Language": "fr-FR,fr"},
                    cookies={})
    assert '<html lang="fr">' in fr.text and "set-cookie" not in fr.headers
    # the answer cache keeps one page per language
    en = client.get("/statements?q=accord", headers={**html, "Accept-Language": "en-GB"})
    assert '<html lang="en">' in en.text
    # the switch links to the same page, its query kept
    assert 'href="/statements?q=accord&amp;lang=fr" lang="fr" hreflang="fr">Français</a>' \
        in en.text
    client.cookies.set("lang", "fr")
    try:
        kept = client.get("/entities", headers={**html, "Accept-Language": "en"})
        assert '<html lang="fr">' in kept.text  # the cookie wins over the browser
    finally:
        client.cookies.clear()
    # the API speaks English whatever the browser says, and sets no cookie
    api = client.get("/api/stats?lang=fr", headers={"Accept-Language": "fr"})
    assert api.status_code == 200 and "set-cookie" not in api.headers
    client.cookies.clear()
