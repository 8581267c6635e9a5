"""What a newsroom trial found in the CLI and API: outlet names, closed value lists, empty
date ranges, export reports, ingest progress and warnings, copies, errors without paths."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from selon.cli import main
from selon.errors import ConfigError, StoreError
from selon.model import Analysis
from selon.settings import Settings
from selon.store import queries, reads
from selon.store.db import Store
from selon.store.synthetic import synthetic

# What these tests check was added with them: imported where used, so that each test
# fails on its own against the code before the fixes.

ROOT = Path(__file__).resolve().parents[1]
SERVER_DIR = "/srv/newsroom/inbox"  # where the server read the articles from
OUTLETS = ["Orange Actualités", "Le Figaro", "L'Œuvre du Soir", "Orangeade Hebdo", None]


def analyses() -> list[Analysis]:
    out = []
    for i in range(10):
        an = synthetic(i, seed=11, size=600, attributions=3, mentions=6)
        an.article.outlet = OUTLETS[i % len(OUTLETS)]
        an.article.source = f"{SERVER_DIR}/{i}.txt"
        an.article.warnings = [f"{SERVER_DIR}/{i}.txt: no publication date found"]
        out.append(an)
    return out


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("trial") / "nested" / "deep" / "trial.duckdb"
    path.parent.mkdir(parents=True)
    with Store(path) as s:
        for an in analyses():
            s.write(an)
        s.refresh_search_index()
    return path


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    with Store(db, read_only=True) as s:
        yield s


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


# -- outlets, stances, kinds, dates ---------------------------------------------------------


@pytest.mark.parametrize(("query", "outlet"), [
    ("orange actu", "Orange Actualités"), ("ORANGE ACTUALITES", "Orange Actualités"),
    ("actualités", "Orange Actualités"), ("le fig", "Le Figaro"),
    ("oeuvre", "L'Œuvre du Soir"), ("l œuvre soir", "L'Œuvre du Soir"),
])
def test_outlet_matches_word_beginnings_case_and_accents_ignored(
        store: Store, query: str, outlet: str) -> None:
    rows = queries.claims(store, outlet=query, limit=1000)
    assert rows and {r["outlet"] for r in rows} == {outlet}
    arts = reads.articles(store, outlet=query, limit=100)
    assert arts and {a["outlet"] for a in arts} == {outlet}
    from selon.store import totals

    assert len(arts) == totals.articles(store, outlet=query)
    assert len(queries.article_ids(store, outlet=query)) == len(arts)


def test_outlet_words_must_start_words_in_order(store: Store) -> None:
    assert queries.claims(store, outlet="range actu") == []  # not the start of a word
    assert queries.claims(store, outlet="actualités orange") == []  # not in this order
    orange = {r["outlet"] for r in queries.claims(store, outlet="orange", limit=1000)}
    assert orange == {"Orange Actualités", "Orangeade Hebdo"}
    with pytest.raises(ConfigError, match="no letters or digits"):
        queries.claims(store, outlet=" - ")


def test_every_stance_the_analyser_gives_is_in_the_list() -> None:
    from selon.model import KINDS, STANCES

    found: set[str] = set()

    def walk(o: object) -> None:
        if isinstance(o, dict):
            for k, v in o.items():
                if k in ("stance", "predicative_stance") and isinstance(v, str):
                    found.add(v)
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    for path in (ROOT / "src" / "selon" / "lang" / "fr").glob("*.json"):
        walk(json.loads(path.read_text("utf-8")))
    assert found and found <= set(STANCES)
    assert "assert" in STANCES and "direct" in KINDS


def test_a_stance_or_kind_outside_the_list_is_refused(store: Store) -> None:
    with pytest.raises(ConfigError, match="stance must be one of assert, deny"):
        queries.claims(store, stance="denial")
    with pytest.raises(ConfigError, match="kind must be one of direct"):
        queries.claims(store, kind="quote")
    assert all(r["stance"] == "reject" for r in queries.claims(store, stance="REJECT"))
    code, _, err = run("claims", "--db", str(store.path), "--stance", "denial")
    assert code == 2 and "'denial' is not one of" in err and "threaten" in err
    code, _, err = run("claims", "--db", str(store.path), "--kind", "quote")
    assert code == 2 and "'quote' is not one of" in err


def test_an_empty_date_range_warns(store: Store) -> None:
    from selon.store.filters import empty_range

    assert empty_range("2024-05-01", "2024-04-01") is not None
    assert empty_range("2024-04-01", "2024-05-01") is None
    assert empty_range("2024-04-01", None) is None
    code, out, err = run("claims", "--db", str(store.path), "--since", "2024-05-01",
                         "--until", "2024-04-01")
    assert code == 0 and "0 statement" in out
    assert "date range is empty" in err and "swap" in err
    code, _, err = run("claims", "--db", str(store.path), "--since", "2024-01-01")
    assert code == 0 and "date range" not in err


def test_a_folder_given_as_db_gets_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder, not a store file"):
        Store(tmp_path)
    for args in (["claims"], ["ingest", str(tmp_path / "none.txt")], ["stats"]):
        code, _, err = run(*args, "--db", str(tmp_path))
        assert code == 2
        assert "is a folder, not a store file" in err and "IO Error" not in err


# -- export --------------------------------------------------------------------------------


def test_export_reports_what_it_wrote(store: Store, tmp_path: Path) -> None:
    n_statements = store.scalar("SELECT count(*) FROM attributions")
    code, out, err = run("export", "--db", str(store.path), "--format", "csv")
    assert code == 0
    assert f"exported {n_statements} statements from 10 articles as CSV" in err
    assert len(out.strip().splitlines()) == n_statements + 1
    code, _, err = run("export", "--db", str(store.path), "--format", "parquet", "-o",
                       str(tmp_path / "pq"))
    assert code == 0 and "8 Parquet tables (articles 10, lines " in err
    code, out, err = run("export", "--db", str(store.path), "--format", "ftm")
    schemas = [json.loads(x)["schema"] for x in out.splitlines()]
    assert f"{len(schemas)} FollowTheMoney entities (" in err
    assert f"Event {schemas.count('Event')}" in err and schemas.count("Event") == n_statements
    code, _, err = run("export", "--db", str(store.path), "--format", "jsonl")
    assert "exported 10 articles as selon/1 JSON Lines" in err


def test_ftm_statements_carry_text_source_relays_and_article(store: Store) -> None:
    from selon.store.export import export_report

    buf = io.StringIO()
    report = export_report(store, "ftm", buf)
    entities = {e["id"]: e for e in map(json.loads, buf.getvalue().splitlines())}
    assert report.records == len(entities)
    events = [e for e in entities.values() if e["schema"] == "Event"]
    assert len(events) == report.by_kind["Event"] == 30
    an = analyses()[0]
    first = an.attributions[0]
    text = an.article.text
    content = text[first.content[0]:first.content[1]]
    mine = [e for e in events if e["properties"]["recordId"] == [f"{an.article.id}:{first.id}"]]
    assert len(mine) == 1
    props = mine[0]["properties"]
    assert props["description"] == [content]
    assert first.source is not None
    assert props["namesMentioned"] == [first.source.text, *[v.text for v in first.via]]
    assert props["summary"] == [" ← ".join([first.source.text, *[v.text for v in first.via]])]
    assert entities[props["proof"][0]]["schema"] == "Article"
    assert entities[props["proof"][0]]["properties"]["title"] == [an.article.title]
    assert props["date"] == [an.article.published.isoformat()]  # type: ignore[union-attr]
    involved = [entities[i] for i in props["involved"]]
    assert {e["schema"] for e in involved} <= {"Person", "Organization"}
    assert first.source.text.removeprefix("Mme ") in {
        e["properties"]["name"][0] for e in involved} or not involved
    from followthemoney import model

    for e in events:  # valid FollowTheMoney entities
        model.get_proxy(e, cleaned=False)
        assert model.get("Event") is not None and set(e["properties"]) <= set(
            model.get("Event").properties)  # type: ignore[union-attr]


# -- ingest --------------------------------------------------------------------------------


TEXT = ("Le maire a annoncé que le pont rouvrirait en mai, selon un communiqué de la mairie "
        "cité par la presse locale.\n")
OTHER = ("La préfète a indiqué que la route serait fermée deux jours, a rapporté le journal "
         "régional.\n")
THIRD = ("Le club a confirmé le départ de son entraîneur, a précisé un porte-parole lors "
         "d'une conférence de presse.\n")


def test_count_inputs_knows_files_and_jsonl_lines(tmp_path: Path) -> None:
    import gzip

    from selon.ingest.counting import count_inputs

    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT)
    (folder / "sub" / "b.html").write_text("<p>x</p>")
    (folder / "notes.pdf").write_bytes(b"%PDF")
    lines = "\n".join(json.dumps({"text": f"{TEXT} {i}"}) for i in range(7))
    (folder / "c.jsonl").write_text(lines + "\n\n   \n" + json.dumps({"text": "z"}))
    with gzip.open(folder / "d.jsonl.gz", "wt") as f:
        f.write(lines + "\n")
    assert count_inputs([str(folder)]) == 2 + 8 + 7
    assert count_inputs([str(folder / "a.txt"), str(tmp_path / "missing.txt")]) == 2
    assert count_inputs([str(folder), "https://example.org/feed"]) is None
    (folder / "e.warc.gz").write_bytes(b"")
    assert count_inputs([str(folder)]) is None


def test_progress_reaches_the_counted_total(tmp_path: Path) -> None:
    from selon.batch import ingest
    from selon.ingest.counting import count_inputs
    from selon.ingest.sources import iter_inputs

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT)
    (folder / "b.txt").write_text(OTHER)
    (folder / "c.jsonl").write_text("\n".join([json.dumps({"text": THIRD}), "{not json",
                                               json.dumps({"text": TEXT})]) + "\n")
    total = count_inputs([str(folder)])
    seen: list[int] = []
    with Store(tmp_path / "s.duckdb") as s:
        summary = ingest(iter_inputs([str(folder)], Settings(published="2024-03-04")), s,
                         on_result=lambda r: seen.append(r.done))
    assert total == 5 and summary.done == 5
    assert summary.ingested == 3 and summary.present == 1 and len(summary.failures) == 1
    assert seen == sorted(seen) and seen[-1] == total


def test_ingest_notes_warnings_and_keeps_a_second_url(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "scan.pdf").write_bytes(b"%PDF")
    (empty / "scan2.PDF").write_bytes(b"%PDF")
    undated = tmp_path / "undated"
    undated.mkdir()
    (undated / "one.txt").write_text(THIRD)
    (undated / "two.txt").write_text(OTHER)
    jsonl = tmp_path / "copies.jsonl"
    jsonl.write_text("\n".join(json.dumps({"text": TEXT, "url": u, "published": "2024-03-04"})
                               for u in ("https://a.example/1", "https://b.example/2",
                                         "https://a.example/1")) + "\n")
    db = tmp_path / "s.duckdb"
    code, out, err = run("ingest", "--db", str(db), str(empty), str(undated), str(jsonl))
    assert code == 0, err
    assert f"note: {empty}: no file selon reads in this folder (it holds 2 .pdf)" in err
    assert f"warning: {undated / 'one.txt'}: no publication date found, dated today" in err
    assert f"warning: {undated / 'two.txt'}: no publication date found" in err
    assert "copies.jsonl" not in err  # dated by its JSONL field
    assert "kept 1 more address(es)" in out
    with Store(db, read_only=True) as s:
        aid = s.scalar("SELECT id FROM articles WHERE url = 'https://a.example/1'")
        shown = queries.show(s, aid)
    assert [c["url"] for c in shown["store"]["also_at"]] == ["https://b.example/2"]
    code, out, _ = run("show", "--db", str(db), aid)
    assert "same text also read from: https://b.example/2" in out
    code, out, err = run("ingest", "--db", str(db), str(jsonl))  # again: nothing new
    assert code == 0 and "kept" not in out and "already present 3" in out
    code, out, err = run("ingest", "--db", str(db), str(undated / "one.txt"))
    assert "kept" not in out and "warning" not in err  # the same file again: no new address
    code, _, err = run("ingest", "--db", str(db), str(tmp_path / "void"))
    assert "no such file" in err


# -- API -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def api(db: Path) -> Iterator[TestClient]:
    from selon.web import create_app

    with TestClient(create_app(db, Settings(), api_token=""),
                    raise_server_exceptions=False) as c:
        yield c


def test_lists_return_totals(api: TestClient, store: Store) -> None:
    n = store.scalar("SELECT count(*) FROM attributions")
    body = api.get("/api/attributions", params={"limit": 7, "offset": 3}).json()
    assert body["total"] == n and len(body["items"]) == 7
    body = api.get("/api/attributions", params={"outlet": "orange actu", "limit": 2}).json()
    assert body["total"] == 6 and len(body["items"]) == 2
    assert body["warnings"] == []
    assert api.get("/api/articles", params={"limit": 3}).json()["total"] == 10
    entities = api.get("/api/entities", params={"limit": 2}).json()
    assert entities["total"] == store.scalar("SELECT count(DISTINCT key) FROM entities")
    hits = api.get("/api/search", params={"q": "soldats", "limit": 1}).json()
    assert hits["total"] == len(queries.article_ids(store, text="soldats")) > 1
    assert len(hits["items"]) == 1
    assert api.get("/api/stories").json()["total"] == 0
    assert api.get("/api/contradictions").json()["total"] == 0
    assert api.get("/api/flagged").json()["total"] == 0


def test_api_uses_the_cli_names_and_validates_lists(api: TestClient) -> None:
    from selon.model import KINDS, STANCES

    schema = api.get("/openapi.json").json()
    params = {p["name"]: p for p in schema["paths"]["/api/attributions"]["get"]["parameters"]}
    assert "originals" in params and "originals_only" not in params
    enum = json.dumps(params["stance"]["schema"])
    assert all(f'"{s}"' in enum for s in STANCES)
    assert all(f'"{k}"' in json.dumps(params["kind"]["schema"]) for k in KINDS)
    arts = {p["name"] for p in schema["paths"]["/api/articles"]["get"]["parameters"]}
    assert "originals" in arts and "originals_only" not in arts
    r = api.get("/api/attributions", params={"stance": "denial"})
    assert r.status_code == 422
    message = r.json()["error"]["message"]
    assert message.startswith("stance must be one of 'assert', 'deny'") and "denial" in message
    r = api.get("/api/attributions", params={"since": "2024-05-01", "until": "2024-04-01"})
    assert r.status_code == 200 and r.json()["total"] == 0
    assert "date range is empty" in r.json()["warnings"][0]
    assert api.get("/api/articles", params={"originals": "true"}).status_code == 200


@pytest.mark.parametrize(("params", "expected"), [
    ({"limit": 5000}, "limit must be at most 200 (got '5000')"),
    ({"limit": "many"}, "limit must be a whole number (got 'many')"),
    ({"since": "yesterday"}, "since must be a date such as 2025-06-18 (got 'yesterday')"),
    ({"source": "--"}, "source needs at least one letter or digit (got '--')"),
])
def test_422_messages_are_sentences(api: TestClient, params: dict[str, object],
                                    expected: str) -> None:
    r = api.get("/api/attributions", params=params)
    assert r.status_code == 422
    assert r.json()["error"] == {"code": "invalid_request", "message": expected}


def test_errors_and_records_show_no_server_path(api: TestClient, db: Path) -> None:
    secret = str(db.parent.parent)
    aid = queries.article_ids(Store(db, read_only=True))[0]
    r = api.get(f"/api/articles/{aid}")
    assert r.status_code == 200 and "/srv/" not in r.text and "newsroom" not in r.text
    record = r.json()
    assert record["article"]["source"] == record["store"]["source"]
    assert record["article"]["source"].endswith(".txt")
    assert "/" not in record["article"]["source"]
    assert record["store"]["warnings"] == [f"{record['article']['source']}: no publication "
                                           "date found"]
    for path in ("/articles/ffffffffffff", "/api/articles/ffffffffffff", "/nowhere/at/all",
                 "/entities/nobody", "/api/entities/nobody", "/static/none.css"):
        for accept in ("text/html", "application/json"):
            r = api.get(path, headers={"accept": accept})
            assert r.status_code == 404, path
            assert secret not in r.text and "duckdb" not in r.text.lower(), path


def test_a_wrong_method_answers_without_echoing_paths(api: TestClient) -> None:
    r = api.post("/api/articles/abcdef/more")
    assert r.status_code in (404, 405) and "…" not in r.json()["error"]["message"]
    r = api.delete("/api/attributions")
    assert r.status_code == 405
    assert r.json()["error"]["message"] == ("DELETE is not allowed here; /docs lists each "
                                            "route's methods")


def test_hide_server_paths_cuts_file_paths_only() -> None:
    from selon.web.security import hide_server_paths, public_source

    said = hide_server_paths("cannot read /srv/news/in/a.txt: see https://x.org/a/b or /docs")
    assert said == "cannot read …/a.txt: see https://x.org/a/b or /docs"
    assert public_source("/srv/in/corpus.jsonl:line 12") == "corpus.jsonl:line 12"
    assert public_source("https://x.org/a/b.html") == "https://x.org/a/b.html"


def test_sources_are_named_not_keyed(api: TestClient, store: Store) -> None:
    row = store.fetch("SELECT source_key, any_value(source_text) AS text FROM attributions "
                      "WHERE source_key LIKE '% %' GROUP BY source_key LIMIT 1")[0]
    by_key = api.get("/api/timeline", params={"source": row["source_key"]}).json()
    by_name = api.get("/api/timeline", params={"source": row["text"].upper()}).json()
    assert by_key["statements"] and by_name == by_key
    entity = api.get(f"/api/entities/{row['text']}")
    assert entity.status_code == 200 and entity.json()["key"] == row["source_key"]


def test_readme_and_make_say_how_to_get_selon_on_the_path() -> None:
    import subprocess

    readme = (ROOT / "README.md").read_text("utf-8")
    start = readme.index("Requirements:")
    assert "source .venv/bin/activate" in readme[start:readme.index("## What it finds")]
    said = subprocess.run(["make", "-s", "--no-print-directory", "path"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout
    assert f"{ROOT}/.venv/bin/selon" in said and "source .venv/bin/activate" in said


# -- the entities page ---------------------------------------------------------------------


def _named(aid: str, text: str, names: list[tuple[str, str, list[str]]]) -> Analysis:
    from selon.model import Article, Entity

    entities = []
    for i, (name, type_, mentions) in enumerate(names):
        spans = []
        for m in mentions:
            start = text.index(m, spans[-1][1] if spans else 0)
            spans.append((start, start + len(m)))
        entities.append(Entity(f"e{i}", name, type_, spans))
    return Analysis(Article(id=aid, text=text), entities=entities)


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from selon.resolve.canonical import resolve

    path = tmp_path_factory.mktemp("people") / "p.duckdb"
    with Store(path) as s:
        s.write(_named("a1", "Sergueï Choïgou est arrivé. M. Choïgou a parlé à Moscou.",
                       [("Sergueï Choïgou", "PER", ["Sergueï Choïgou", "M. Choïgou"]),
                        ("Moscou", "LOC", ["Moscou"])]))
        s.write(_named("a2", "Sergei Shoigu spoke in Moscow about Choïgou Holding.",
                       [("Sergei Shoigu", "PER", ["Sergei Shoigu"]),
                        ("Moscou", "ORG", ["Moscow"])]))
        s.write(_named("a3", "Choïgou répond. Sergueï Choïgou confirme.",
                       [("Sergueï Choïgou", "PER", ["Choïgou", "Sergueï Choïgou"])]))
        resolve(s)
    return path


def test_entities_are_found_by_name_with_types_spellings_and_merges(people: Path) -> None:
    from selon.store import entityreads

    with Store(people) as s:
        moscow = entityreads.listing(s, name="mosc")
        assert [(e["name"], e["type"]) for e in moscow] == [("Moscou", "ORG"), ("Moscou", "LOC")]
        assert entityreads.count(s, name="mosc") == 2
        assert entityreads.count(s, name="mosc", type="PER") == 0
        # merged by the resolve stage: each spelling finds the one canonical person
        for q in ("choï", "SERGUEI cho", "shoigu"):
            found = entityreads.listing(s, name=q)
            assert [e["spellings"] for e in found] == [["Sergueï Choïgou", "Sergei Shoigu"]], q
            assert entityreads.count(s, name=q) == 1
        assert entityreads.listing(s, name="choï")[0]["name"] == "Sergueï Choïgou"
        assert entityreads.listing(s, name="oïgou") == []  # not the start of a word
        assert entityreads.count(s) == 3


def test_entities_page_has_a_name_search_and_shows_what_is_merged(people: Path) -> None:
    from selon.web import create_app

    with TestClient(create_app(people, Settings(), api_token=""),
                    raise_server_exceptions=False) as c:
        page = c.get("/entities", params={"name": "Choïgou"})
        assert page.status_code == 200
        html = page.text
        assert 'type="search" name="name" value="Choïgou"' in html
        assert "1 entity named like « Choïgou »" in html
        assert "Sergei Shoigu" in html  # the merged spelling
        every = c.get("/entities").text
        assert "3 entities" in every
        nobody = c.get("/entities", params={"name": "nobody here"}).text
        assert nobody.count("No entity named") == 1
        by_name = c.get("/entities/M. SERGUEÏ CHOÏGOU")  # a name, not the key
        assert by_name.status_code == 200 and "<h1>Sergueï Choïgou" in by_name.text
        api = c.get("/api/entities", params={"name": "shoigu"}).json()
        assert api["total"] == 1 and len(api["items"]) == 1
        assert api["items"][0]["spellings"] == ["Sergueï Choïgou", "Sergei Shoigu"]
    code, out, _ = run("entities", "--db", str(people), "--name", "choï", "--json")
    assert code == 0 and [e["name"] for e in json.loads(out)] == ["Sergueï Choïgou"]


@pytest.mark.parametrize(("body", "expected"), [
    ({"text": "   "}, "text must not be blank"),
    ({"text": "Un texte.", "published": "demain"},
     "published must be a date such as 2025-06-18 (got 'demain')"),
    ({"text": "Un texte.", "author": "moi"}, "author is not a field this endpoint takes"),
    ({"text": "a", "html": "<p>b</p>"}, "give exactly one of 'text' or 'html'"),
])
def test_422_messages_for_a_request_body(write_client: TestClient, auth: dict[str, str],
                                         body: dict[str, str], expected: str) -> None:
    r = write_client.post("/api/analyze", json=body, headers=auth)
    assert r.status_code == 422
    assert r.json()["error"]["message"] == expected
