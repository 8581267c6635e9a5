"""Statements and search on a store of real articles (the shared stories-dev set, ingested
by ``selon ingest``): every filter of ``selon claims`` under the same name in the API and
on the page, true totals, exports that hold exactly the listed rows, and one query
language for articles and statements in the CLI, the API and the page."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from selon.store import Store
from selon.store.keys import fold, name_key

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def real(dev_stories_db: Path) -> Iterator[TestClient]:
    from selon.settings import Settings
    from selon.web import create_app

    with TestClient(create_app(dev_stories_db, Settings(), api_token=""),
                    raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def db(dev_stories_db: Path) -> Iterator[Store]:
    with Store(dev_stories_db, read_only=True) as s:
        yield s


def every_page(client: TestClient, params: dict[str, Any], size: int = 7) -> list[dict[str, Any]]:
    """All items of /api/attributions, a small page at a time."""
    out: list[dict[str, Any]] = []
    while True:
        body = client.get("/api/attributions", params={**params, "limit": size,
                                                       "offset": len(out)}).json()
        out += body["items"]
        if len(body["items"]) < size:
            assert body["total"] == len(out)
            return out


def keys(items: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(i["article_id"], i["id"]) for i in items]


def test_each_filter_counts_what_the_store_holds(real: TestClient, db: Store) -> None:
    """Each filter's total is the count SQL finds independently, and the pages hold it."""
    every = db.scalar("SELECT count(*) FROM attributions")
    assert real.get("/api/attributions").json()["total"] == every > 100
    top = db.fetch("SELECT stance, kind, count(*) AS n FROM attributions GROUP BY ALL "
                   "ORDER BY n DESC LIMIT 1")[0]
    checks = {
        "stance": (top["stance"], "SELECT count(*) FROM attributions WHERE stance = ?"),
        "kind": (top["kind"], "SELECT count(*) FROM attributions WHERE kind = ?"),
        "since": ("2020-08-01", "SELECT count(*) FROM attributions a JOIN articles ar "
                                "ON ar.id = a.article_id WHERE ar.published >= ?"),
        "until": ("2020-06-15", "SELECT count(*) FROM attributions a JOIN articles ar "
                                "ON ar.id = a.article_id WHERE ar.published <= ?"),
    }
    for name, (value, sql) in checks.items():
        expected = db.scalar(sql, [value])
        assert 0 < expected < every, name
        got = every_page(real, {name: value}, size=25)
        assert len(got) == expected, name
    trump = every_page(real, {"source": "trump"})
    assert trump and all("trump" in fold(i["source"]["name"] or i["source"]["text"])
                         for i in trump)
    via_key = db.fetch("SELECT key, count(*) AS n FROM attribution_via GROUP BY key "
                       "ORDER BY n DESC, key LIMIT 1")[0]
    relayed = every_page(real, {"via": via_key["key"]})
    assert len(relayed) == via_key["n"]
    assert all(any(via_key["key"] in name_key(v["text"]) for v in i["via"]) for i in relayed)
    about = every_page(real, {"about": "Kenosha"})
    assert about and len(about) < every
    assert every_page(real, {"outlet": "orange act"}) and \
        real.get("/api/attributions", params={"outlet": "le figaro"}).json()["total"] == 0
    assert real.get("/api/attributions", params={"originals": "true"}).json()["total"] == \
        every - db.scalar("SELECT count(*) FROM attributions a JOIN articles ar "
                          "ON ar.id = a.article_id WHERE ar.duplicate_of IS NOT NULL")


def test_filters_combine_and_sorts_order(real: TestClient) -> None:
    both = every_page(real, {"source": "trump", "kind": "direct"})
    alone = every_page(real, {"source": "trump"})
    assert set(keys(both)) <= set(keys(alone)) and all(i["kind"] == "direct" for i in both)
    oldest = every_page(real, {"sort": "oldest"}, size=50)
    days = [i["published"] for i in oldest]
    assert days == sorted(days) and days[0] < days[-1]
    newest = every_page(real, {"sort": "newest"}, size=50)
    assert [i["published"] for i in newest] == sorted(days, reverse=True)
    by_source = every_page(real, {"sort": "source"}, size=50)
    assert set(keys(by_source)) == set(keys(newest)) and keys(by_source) != keys(newest)
    r = real.get("/api/attributions", params={"sort": "loudest"})
    assert r.status_code == 422 and "sort must be one of" in r.json()["error"]["message"]


@pytest.mark.parametrize("params", [{}, {"source": "trump", "sort": "oldest"},
                                    {"q": "police OR policiers", "sort": "relevance"},
                                    {"kind": "direct", "sort": "source"}])
def test_exports_hold_exactly_the_listed_rows(real: TestClient, params: dict[str, str]
                                              ) -> None:
    listed = every_page(real, params, size=9)
    assert listed
    body = real.get("/api/attributions/export", params={**params, "format": "json"})
    assert body.status_code == 200
    assert 'filename="statements.json"' in body.headers["content-disposition"]
    data = body.json()
    assert data["total"] == len(listed) and data["items"] == listed
    raw = real.get("/api/attributions/export", params={**params, "format": "csv"})
    assert raw.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(raw.text)))
    assert [(r["article_id"], r["id"]) for r in rows] == keys(listed)
    assert [r["content"] for r in rows] == [i["content"]["text"] for i in listed]
    assert all(r["permalink"].startswith("http://testserver/articles/") and
               r["permalink"].endswith("#s-" + r["id"]) for r in rows)


def test_statements_page_shows_the_api_listing(real: TestClient) -> None:
    params = {"source": "trump", "sort": "oldest"}
    api = real.get("/api/attributions", params={**params, "limit": 50}).json()
    page = real.get("/statements", params=params, headers={"accept": "text/html"})
    assert page.status_code == 200
    html = page.text
    assert re.search(rf"<strong>{api['total']:,}</strong> statements?\b", html)
    assert html.count('class="copy-cite"') == len(api["items"])
    for item in api["items"]:
        assert f'href="/articles/{item["article_id"]}#s-{item["id"]}"' in html
    assert "/api/attributions/export?format=csv&amp;source=trump&amp;sort=oldest" in html
    # An HTML form's empty fields are dropped by a redirect, then read as the API reads.
    r = real.get("/statements?q=&source=trump&via=&stance=&since=",
                 headers={"accept": "text/html"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/statements?source=trump"
    bad = real.get("/statements", params={"stance": "denial"}, headers={"accept": "text/html"})
    assert bad.status_code == 422 and "stance must be one of" in bad.text


def test_pages_link_to_the_statements_page(real: TestClient, db: Store) -> None:
    html = {"accept": "text/html"}
    assert 'href="/statements"' in real.get("/", headers=html).text
    entity = real.get("/entities/donald%20trump", headers=html).text
    assert "/statements?source=Donald%20Trump" in entity
    aid = db.fetch("SELECT article_id FROM attributions GROUP BY 1 ORDER BY count(*) DESC "
                   "LIMIT 1")[0]["article_id"]
    article = real.get(f"/articles/{aid}", headers=html).text
    assert "/statements?outlet=Orange%20Actu" in article and "/statements?source=" in article


def _all_hits(client: TestClient, q: str, **params: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    while True:
        body = client.get("/api/search", params={"q": q, **params, "limit": 5,
                                                 "offset": len(out)}).json()
        out += body["items"]
        if len(body["items"]) < 5:
            assert body["total"] == len(out), q
            return out


def _text(db: Store, aid: str) -> str:
    row = db.fetch("SELECT title, text FROM articles WHERE id = ?", [aid])[0]
    return fold((row["title"] or "") + " " + row["text"])


def test_query_language_on_real_articles(real: TestClient, db: Store) -> None:
    n = db.scalar("SELECT count(*) FROM articles")
    phrase = {h["id"] for h in _all_hits(real, '"Corée du Nord"')}
    words = {h["id"] for h in _all_hits(real, "Corée Nord")}
    assert phrase and phrase <= words
    assert all("coree du nord" in _text(db, a) for a in phrase)
    assert len(words) < n  # a space means AND: not every article has both
    either = {h["id"] for h in _all_hits(real, "Kenosha OR Pyongyang")}
    kenosha = {h["id"] for h in _all_hits(real, "Kenosha")}
    pyongyang = {h["id"] for h in _all_hits(real, "Pyongyang")}
    assert either == kenosha | pyongyang and kenosha and pyongyang
    without = {h["id"] for h in _all_hits(real, "Kenosha NOT Trump")}
    assert without == {a for a in kenosha if "trump" not in _text(db, a)}
    assert {h["id"] for h in _all_hits(real, "Kenosha -Trump")} == without
    grouped = {h["id"] for h in _all_hits(real, '(Kenosha OR Pyongyang) AND "Donald Trump"')}
    assert grouped == {a for a in either if "donald trump" in _text(db, a)}
    only_not = real.get("/api/search", params={"q": "NOT Trump"})
    assert only_not.status_code == 400 and "only excludes" in only_not.json()["error"]["message"]
    broken = real.get("/api/search", params={"q": '"Corée du'}).json()
    assert broken["total"] > 0 and "not valid syntax" in broken["warnings"][0]


def test_search_filters_highlights_and_statements(real: TestClient, db: Store) -> None:
    every = _all_hits(real, "Trump")
    late = _all_hits(real, "Trump", since="2020-08-01")
    assert late and len(late) < len(every)
    assert all(h["published"] >= "2020-08-01" for h in late)
    assert _all_hits(real, "Trump", outlet="le figaro") == []
    assert len(_all_hits(real, "Trump", outlet="orange")) == len(every)
    oldest = [h["published"] for h in _all_hits(real, "Trump", sort="oldest")]
    assert oldest == sorted(oldest)
    for hit in every:
        assert hit["highlights"], hit["id"]
        for start, end in hit["highlights"]:
            assert fold(hit["snippet"][start:end]).startswith("trump")
    body = real.get("/api/search", params={"q": '"Garde nationale"'}).json()
    for hit in body["items"]:
        marked = [fold(hit["snippet"][a:b]) for a, b in hit["highlights"]]
        assert "garde nationale" in marked, marked
    said = every_page(real, {"q": "Trump"})
    assert body and said
    assert real.get("/api/search", params={"q": "Trump"}).json()["statements"] == len(said)
    assert all("trump" in fold(i["content"]["text"]) for i in said)
    assert len(said) < db.scalar("SELECT count(*) FROM attributions")
    page = real.get("/search", params={"q": '"Garde nationale"'},
                    headers={"accept": "text/html"}).text
    assert re.search(rf"<strong>{body['total']:,}</strong> articles?\b", page)
    assert re.search(r'<mark class="hit">Garde nationale</mark>', page)


def _selon(db: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "selon", *args, "--db", str(db)],
                          capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_cli_and_api_give_the_same_answers(real: TestClient, dev_stories_db: Path) -> None:
    rows = json.loads(_selon(dev_stories_db, "claims", "--source", "trump", "--sort",
                             "oldest", "--json"))
    assert rows == every_page(real, {"source": "trump", "sort": "oldest"})
    text = _selon(dev_stories_db, "claims", "--q", "police", "--limit", "2")
    total = real.get("/api/attributions", params={"q": "police"}).json()["total"]
    assert text.splitlines()[0] == f"1–2 of {total} statement(s)"
    hits = json.loads(_selon(dev_stories_db, "search", '"Corée du Nord"', "--json"))
    assert [h["id"] for h in hits] == [h["id"] for h in _all_hits(real, '"Corée du Nord"')][:20]
    head = _selon(dev_stories_db, "search", "Kenosha NOT Trump").splitlines()[0]
    assert head == f"{len(_all_hits(real, 'Kenosha NOT Trump'))} article(s) for " \
                   "'Kenosha NOT Trump'"
    said = _selon(dev_stories_db, "search", "--statements", "Trump")
    assert said.splitlines()[0] == f"{len(every_page(real, {'q': 'Trump'}))} statement(s) " \
                                   "for 'Trump'"
    assert "**Trump**" in said
