"""Canonical entities across the store, decisions by hand, watchlists and flags, on
articles and lists written for these tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from selon.cli import main
from selon.errors import InputError
from selon.model import Analysis, Article, Entity
from selon.resolve.canonical import resolve
from selon.resolve.decisions import merge, split, why
from selon.resolve.screen import screen
from selon.resolve.watchlists import read_list
from selon.resolve.watchlists.load import add, remove
from selon.store import resolution as rs
from selon.store.db import Store

LISTS = Path(__file__).parent / "data" / "watchlists"
MB = 2**20


def article(aid: str, text: str, names: list[tuple[str, str, str]]) -> Analysis:
    """An analysis whose entities are (name, type, mention text) found in ``text``."""
    entities = []
    for i, (name, type_, mention) in enumerate(names):
        start = text.index(mention)
        entities.append(Entity(f"e{i}", name, type_, [(start, start + len(mention))]))
    return Analysis(Article(id=aid, text=text), entities=entities)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "r.duckdb") as s:
        yield s


def canonical_of(store: Store, aid: str, eid: str) -> str:
    rows = store.fetch("SELECT canonical_id FROM canonical_members WHERE article_id = ? "
                       "AND entity_id = ?", [aid, eid])
    assert len(rows) == 1
    return str(rows[0]["canonical_id"])


def test_spellings_across_articles_and_scripts_become_one_entity(store: Store) -> None:
    store.write(article("a1", "Sergueï Choïgou est arrivé à Moscou.",
                        [("Sergueï Choïgou", "PER", "Sergueï Choïgou"),
                         ("Moscou", "LOC", "Moscou")]))
    store.write(article("a2", "Sergei Shoigu spoke in Russia.",
                        [("Sergei Shoigu", "PER", "Sergei Shoigu"),
                         ("Russia", "LOC", "Russia")]))
    store.write(article("a3", "Сергей Шойгу в России.", [("Сергей Шойгу", "PER", "Сергей Шойгу"),
                                                         ("Россия", "LOC", "России")]))
    store.write(article("a4", "La Russie a répondu.", [("Russie", "LOC", "Russie")]))
    result = resolve(store)
    assert result.resolved == 7
    person = canonical_of(store, "a1", "e0")
    assert canonical_of(store, "a2", "e0") == person == canonical_of(store, "a3", "e0")
    russia = canonical_of(store, "a2", "e1")
    assert canonical_of(store, "a3", "e1") == russia == canonical_of(store, "a4", "e0")
    assert canonical_of(store, "a1", "e1") != russia  # Moscou: the capital, not the country
    assert "transliterated" in store.fetch(
        "SELECT reason FROM canonical_members WHERE article_id = 'a3' AND entity_id = 'e0'"
    )[0]["reason"]


def test_resolution_is_incremental(store: Store) -> None:
    store.write(article("a1", "Kim Jong Un a parlé.", [("Kim Jong Un", "PER", "Kim Jong Un")]))
    assert resolve(store).resolved == 1
    before = store.fetch("SELECT * FROM canonical_members")
    store.write(article("a2", "Kim Jong-un a répondu.",
                        [("Kim Jong-un", "PER", "Kim Jong-un")]))
    second = resolve(store)
    assert second.resolved == 1 and second.joined == 1  # only the new article
    assert store.fetch("SELECT * FROM canonical_members WHERE article_id = 'a1'") == before
    assert resolve(store).resolved == 0


def test_close_names_and_lone_surnames_of_unrelated_articles_stay_apart(store: Store) -> None:
    for i, name in enumerate(["Kim Jong Un", "Kim Jong Il", "Kim Yo Jong", "Kim Jong Nam"]):
        store.write(article(f"k{i}", f"{name} est cité.", [(name, "PER", name)]))
    store.write(article("m1", "M. Martin a parlé.", [("Martin", "PER", "Martin")]))
    store.write(article("m2", "M. Martin a répondu.", [("Martin", "PER", "Martin")]))
    resolve(store)
    kims = {canonical_of(store, f"k{i}", "e0") for i in range(4)}
    assert len(kims) == 4
    assert canonical_of(store, "m1", "e0") != canonical_of(store, "m2", "e0")


def test_a_surname_joins_the_one_full_name_of_its_article(store: Store) -> None:
    text = "Sergueï Choïgou a parlé. Plus tard, Choïgou a précisé."
    store.write(article("a1", text, [("Sergueï Choïgou", "PER", "Sergueï Choïgou"),
                                     ("Choïgou", "PER", "Choïgou a")]))
    resolve(store)
    assert canonical_of(store, "a1", "e0") == canonical_of(store, "a1", "e1")


def test_merge_split_and_why_are_kept_across_re_resolution(store: Store) -> None:
    store.write(article("a1", "Abou Test a parlé.", [("Abou Test", "PER", "Abou Test")]))
    store.write(article("a2", "Jean Exemple a parlé.",
                        [("Jean Exemple", "PER", "Jean Exemple")]))
    resolve(store)
    assert "different entities" in why(store, "Abou Test", "Jean Exemple")[0]
    merge(store, "Abou Test", "Jean Exemple")
    assert canonical_of(store, "a1", "e0") == canonical_of(store, "a2", "e0")
    lines = why(store, "Abou Test", "Jean Exemple")
    assert "one entity" in lines[0] and any("merged by hand" in ln for ln in lines)
    # a later article spelled like B joins A's entity because of the decision
    store.write(article("a3", "Jean Exemple revient.",
                        [("Jean Exemple", "PER", "Jean Exemple")]))
    resolve(store)
    assert canonical_of(store, "a3", "e0") == canonical_of(store, "a1", "e0")
    split(store, "Abou Test", "Jean Exemple")
    assert canonical_of(store, "a2", "e0") != canonical_of(store, "a1", "e0")
    assert rs.decisions(store)[-1]["decision"] == "split"


def test_unknown_names_give_one_clear_error(store: Store) -> None:
    with pytest.raises(InputError, match="no entity of the store"):
        merge(store, "Personne Inconnue", "Autre")


# -- watchlists ---------------------------------------------------------------------------


def test_the_three_list_formats_are_read_with_ids_and_programmes() -> None:
    un = read_list(LISTS / "un_small.xml", max_bytes=MB)
    assert un.format == "un-xml" and [e.entry_id for e in un.entries] == ["KPi.901", "KPe.901"]
    assert un.entries[0].programme == "UN DPRK 1718" and "Pak" not in un.entries[0].names
    ofac = read_list(LISTS / "sdn.csv", max_bytes=MB)
    first = ofac.entries[0]
    assert (first.entry_id, first.names) == ("9001", ["Sergei Petrovich CHOIGOU-TEST",
                                                      "Sergey SHOYGU-TEST"])
    assert first.birth_dates == ["01 Jan 1960"] and "Russia" in first.countries
    ftm = read_list(LISTS / "list.ftm.jsonl", max_bytes=MB)
    assert [e.entry_id for e in ftm.entries] == ["ftm-1"]


@pytest.mark.parametrize("content,message", [
    ("<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>", "malformed XML"),
    ("<other/>", "is not a UN consolidated list"),
    ('1,"A B","individual","X",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n2,"C",-0-\n',
     "line 2: expected 12 columns"),
    ("name;other\nfoo;bar\n", "unknown list format"),
    ('{"id": "x", "schema": "Spaceship", "properties": {}}\n', "unknown FollowTheMoney"),
    ('{"id": "x", "schema": "Person", "properties": {"name": []}}\n', "has no name"),
])
def test_bad_lists_are_refused_whole_with_one_message(store: Store, tmp_path: Path,
                                                      content: str, message: str) -> None:
    path = tmp_path / "bad.list"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        add(store, path, name="bad")
    assert rs.watchlists(store) == [] and store.scalar(
        "SELECT count(*) FROM watchlist_entries") == 0


def test_a_list_over_the_size_limit_is_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    with path.open("wb") as fh:  # sparse: the size is what counts
        fh.truncate(500 * MB)
    with pytest.raises(InputError, match="500 MB, over the limit"):
        add(store, path, max_bytes=200 * MB)


def test_names_in_an_unknown_script_are_kept_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text('{"id": "o1", "schema": "Person", "properties": '
                    '{"name": ["Test Person"], "alias": ["\U00012000\U00012001"]}}\n',
                    encoding="utf-8")
    data = read_list(path, max_bytes=MB)
    assert len(data.entries) == 1 and "cannot transliterate" in data.warnings[0]


def test_screening_flags_with_reason_and_reruns_for_new_entities(store: Store) -> None:
    store.write(article("a1", "Pak To Chun, de Corée du Nord, est cité.",
                        [("Pak To Chun", "PER", "Pak To Chun"),
                         ("Corée du Nord", "LOC", "Corée du Nord")]))
    resolve(store)
    loaded = add(store, LISTS / "un_small.xml", name="UN")
    assert loaded.entries == 2 and loaded.screening.flags == 1
    flag = rs.flagged(store)[0]["flags"][0]
    assert (flag["list"], flag["entry_id"], flag["programme"]) == ("UN", "KPi.901",
                                                                   "UN DPRK 1718")
    assert "kp" in flag["reason"] and flag["score"] >= 0.9
    store.write(article("a2", "Sergueï Choïgou-Test a parlé.",
                        [("Sergueï Choïgou-Test", "PER", "Sergueï Choïgou-Test")]))
    add(store, LISTS / "sdn.csv", name="ofac")
    result = resolve(store)
    assert screen(store, result.touched).flags == 1
    assert {r["name"] for r in rs.flagged(store)} == {"Pak To Chun", "Sergueï Choïgou-Test"}
    remove(store, "ofac")
    assert {r["name"] for r in rs.flagged(store)} == {"Pak To Chun"}


def test_cli_watchlist_and_flagged_json(tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    with Store(db) as s:
        s.write(article("a1", "Pak To-chun est arrivé. Korea Mining Development Trading "
                        "Corporation aussi.",
                        [("Pak To-chun", "PER", "Pak To-chun"),
                         ("Korea Mining Development Trading Corporation", "ORG",
                          "Korea Mining Development Trading Corporation")]))
    runner = CliRunner()
    out = runner.invoke(main, ["entities", "resolve", "--db", db])
    assert out.exit_code == 0, out.output
    out = runner.invoke(main, ["watchlist", "add", str(LISTS / "un_small.xml"), "--name", "UN",
                               "--db", db])
    assert out.exit_code == 0 and "2 flag(s)" in out.output, out.output
    out = runner.invoke(main, ["entities", "--flagged", "--json", "--db", db])
    data = json.loads(out.stdout)
    assert [set(e) for e in data] == [{"name", "type", "spellings", "flags"}] * 2
    assert out.stderr == ""
    # a limit that leaves some out says so; the JSON keeps its shape
    out = runner.invoke(main, ["entities", "--flagged", "--json", "--limit", "1", "--db", db])
    assert len(json.loads(out.stdout)) == 1
    assert "1 more flagged entity not shown: --limit 2 shows them all" in out.stderr
    out = runner.invoke(main, ["entities", "--flagged", "--limit", "1", "--db", db])
    assert out.stdout.startswith("1 of 2 entities flagged on watchlists"), out.stdout
    data = [e for e in data if e["type"] == "PER"]
    assert set(data[0]["flags"][0]) == {"list", "entry_id", "entry_name", "programme",
                                        "score", "reason", "reason_code"}
    assert data[0]["flags"][0]["entry_id"] == "KPi.901"
    out = runner.invoke(main, ["watchlist", "remove", "nope", "--db", db])
    assert out.exit_code == 2 and "no watchlist named" in out.output


def test_flags_show_on_entity_and_article_pages_api_and_ftm_export(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from selon.settings import Settings
    from selon.store.export import export
    from selon.web.app import create_app

    db = tmp_path / "w.duckdb"
    with Store(db) as s:
        s.write(article("a1b2c3d4", "Pak To Chun, de Corée du Nord, est cité.",
                        [("Pak To Chun", "PER", "Pak To Chun"),
                         ("Corée du Nord", "LOC", "Corée du Nord")]))
        resolve(s)
        add(s, LISTS / "un_small.xml", name="UN")
        out = tmp_path / "out.ftm.jsonl"
        export(s, "ftm", str(out))
    sanctions = [json.loads(ln) for ln in out.read_text().splitlines()
                 if '"Sanction"' in ln]
    assert [e["properties"]["authorityId"] for e in sanctions] == [["KPi.901"]]
    client = TestClient(create_app(db, Settings(db=str(db))))
    page = client.get("/entities/pak%20to%20chun").text
    assert "badge flag" in page and "KPi.901" in page
    assert "badge flag" in client.get("/articles/a1b2c3d4").text
    api = client.get("/api/flagged").json()
    assert api["items"][0]["flags"][0]["entry_id"] == "KPi.901"
    assert api["total"] == len(api["items"]) >= 1
    assert client.get("/api/flagged", params={"limit": 1}).json()["total"] == api["total"]
    assert client.get("/api/entities/pak%20to%20chun").json()["flags"][0]["list"] == "UN"


def test_ingest_resolves_each_stored_batch(tmp_path: Path) -> None:
    from selon.batch import Options, ingest
    from selon.ingest.sources import iter_inputs
    from selon.settings import Settings

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Le ministre russe de la Défense, Sergueï Choïgou, a inspecté mardi les troupes "
        "déployées près de la frontière, a indiqué son ministère.\n", "utf-8")
    (folder / "b.txt").write_text(
        "Selon l'agence officielle, Sergei Shoigu a rencontré jeudi à Moscou des officiers "
        "venus de plusieurs régions du pays.\n", "utf-8")
    db = tmp_path / "i.duckdb"
    with Store(db) as s:
        summary = ingest(iter_inputs([str(folder)], Settings(db=str(db))), s,
                         Options(batch_size=2))
        entities = s.scalar("SELECT count(*) FROM entities WHERE type IN ('PER','ORG','LOC')")
        assert summary.resolved == entities > 0
        assert s.scalar("SELECT count(*) FROM canonical_members") == entities
        people = s.fetch("SELECT m.name, m.canonical_id FROM canonical_members m "
                         "JOIN canonical c USING (canonical_id) WHERE c.type = 'PER'")
    shoigu = [p for p in people if "hoïgou" in p["name"] or "hoigu" in p["name"]]
    assert len(shoigu) == 2 and len({p["canonical_id"] for p in shoigu}) == 1, people


def test_a_merge_or_split_screens_the_entities_it_changes_again(store: Store) -> None:
    store.write(article("a1", "Pak To Chun, de Corée du Nord, est cité.",
                        [("Pak To Chun", "PER", "Pak To Chun"),
                         ("Corée du Nord", "LOC", "Corée du Nord")]))
    store.write(article("a2", "Jean Exemple a parlé.",
                        [("Jean Exemple", "PER", "Jean Exemple")]))
    resolve(store)
    add(store, LISTS / "un_small.xml", name="UN")
    assert [r["name"] for r in rs.flagged(store)] == ["Pak To Chun"]
    merge(store, "Pak To Chun", "Jean Exemple")
    (entity,) = rs.flagged(store)
    assert set(entity["spellings"]) == {"Pak To Chun", "Jean Exemple"}
    assert entity["flags"][0]["entry_id"] == "KPi.901"
    split(store, "Pak To Chun", "Jean Exemple")
    (entity,) = rs.flagged(store)
    assert entity["spellings"] == ["Pak To Chun"] and entity["flags"][0]["list"] == "UN"


def test_why_compares_the_names_asked_about_and_refuses_an_empty_one(store: Store) -> None:
    store.write(article("a1", "Abou Test a parlé.", [("Abou Test", "PER", "Abou Test")]))
    store.write(article("a2", "Jean Exemple a parlé.",
                        [("Jean Exemple", "PER", "Jean Exemple")]))
    resolve(store)
    merge(store, "Abou Test", "Jean Exemple")
    split(store, "Jean Exemple", "Abou Test")  # the entity named « Abou Test » keeps Jean
    left = rs.canonical_row(store, canonical_of(store, "a2", "e0"))
    assert left is not None and left["name"] == "Jean Exemple"
    lines = why(store, "Jean Exemple", "Abou Test")
    assert "different entities" in lines[0] and "scored 1.00" not in lines[1], lines
    with pytest.raises(InputError, match="empty name"):
        why(store, " ", "Abou Test")


def test_a_capital_named_as_a_person_or_an_organisation_is_its_government(store: Store) -> None:
    store.write(article("w1", "Washington a dénoncé le tir.",
                        [("Washington", "PER", "Washington")]))
    store.write(article("w2", "Washington a répondu, et Moscou aussi.",
                        [("Washington", "ORG", "Washington"), ("Moscou", "PER", "Moscou")]))
    store.write(article("w3", "Washington, la capitale fédérale.",
                        [("Washington", "LOC", "Washington")]))
    store.write(article("d1", "Denzel Washington joue. Washington a souri.",
                        [("Denzel Washington", "PER", "Denzel Washington"),
                         ("Washington", "PER", "Washington a")]))
    store.write(article("j1", "Jordan a marqué.", [("Jordan", "PER", "Jordan")]))
    store.write(article("o1", "L'ONU et l'UE ont répondu.",
                        [("ONU", "ORG", "ONU"), ("UE", "ORG", "UE")]))
    resolve(store)
    capital = canonical_of(store, "w3", "e0")
    government = canonical_of(store, "w1", "e0")
    assert government == canonical_of(store, "w2", "e0") != capital  # kept distinguishable
    row = rs.canonical_row(store, capital)
    assert row is not None and (row["type"], row["country"], row["role"]) == (
        "LOC", "us", "capital")
    row = rs.canonical_row(store, government)
    assert row is not None and (row["type"], row["country"], row["role"]) == (
        "ORG", "us", "government")
    assert rs.canonical_row(store, canonical_of(store, "w2", "e1"))["country"] == "ru"
    # a surname of a full name of its article stays a person; so does a country name
    # that is not a capital or a country of the French place names (« Jordan »)
    assert canonical_of(store, "d1", "e1") == canonical_of(store, "d1", "e0") != capital
    assert rs.canonical_row(store, canonical_of(store, "j1", "e0"))["type"] == "PER"
    # organisations of states stay organisations
    assert {rs.canonical_row(store, canonical_of(store, "o1", e))["type"]
            for e in ("e0", "e1")} == {"ORG"}


def test_entities_a_killed_screening_left_unscreened_are_screened_next(store: Store) -> None:
    from selon.resolve.stage import ResolveStage

    store.write(article("a1", "Pak To Chun, de Corée du Nord, est cité.",
                        [("Pak To Chun", "PER", "Pak To Chun"),
                         ("Corée du Nord", "LOC", "Corée du Nord")]))
    resolve(store)
    # the list stored, its screening never run (what a run killed in between leaves)
    data = read_list(LISTS / "un_small.xml", max_bytes=MB)
    rs.add_watchlist(store, "UN", data.format, "un_small.xml",
                     [{"list": "UN", **vars(e)} for e in data.entries])
    assert rs.flagged(store) == [] and rs.unscreened(store)
    _, screened = ResolveStage(store).run(None)  # `selon entities resolve`, or an ingest
    assert screened.flags == 1 and rs.flagged(store)[0]["name"] == "Pak To Chun"
    assert rs.unscreened(store) == []
    _, again = ResolveStage(store).run(None)
    assert again.screened == 0  # nothing left to catch up
