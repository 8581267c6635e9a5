"""Texts that reach the pages from the analysis, the resolver and the ingest (why two
statements contradict, why an entity joined its canonical entity, why a watchlist entry
was flagged, why an input was not stored, how a date was found): the store and the JSON
keep their code and values (selon.reasons) beside the English, and a French page renders
them in French, with none of their English left."""

from __future__ import annotations

import json
import pickle
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient
from markupsafe import escape

from selon import reasons
from selon.model import Analysis, Article, Entity
from selon.settings import Settings
from selon.store import Store
from selon.web import i18n

LISTS = Path(__file__).parent / "data" / "watchlists"
FIELD = re.compile(r"%\((\w+)\)s")

# Two short reports written for these tests: a claim and its denial, a count, and a
# minister named in two transliterations.
KURSK = """Koursk : Moscou et Kiev se contredisent sur la ligne de front

Le ministère russe de la Défense a affirmé mardi que ses troupes avaient repris le contrôle \
total de la région de Koursk. L'état-major ukrainien a démenti ces informations, assurant \
que ses soldats combattaient toujours dans plusieurs villages de la zone.

Le ministre russe de la Défense, Sergueï Choïgou, a indiqué que 1.200 soldats avaient été \
déployés près de la frontière.
"""
SHOIGU = """Sergei Shoigu en visite dans la région

Selon l'agence officielle, Sergei Shoigu a rencontré jeudi des officiers venus de plusieurs \
régions du pays. Un porte-parole de l'armée ukrainienne a affirmé que 300 soldats russes \
avaient été déployés dans la zone.
"""
GERMAN = ("Der Ausschuss teilte am Dienstag mit, dass die neue Brücke im kommenden Frühjahr "
          "eröffnet werde, nach zwei Jahren Verzögerung wegen der Überschwemmungen am Ufer.\n")


def sample(code: str) -> reasons.Reason:
    """The reason of ``code`` with a made-up value in each of its fields."""
    fields = FIELD.findall(reasons.TEMPLATES[code])
    return reasons.say(code, **{f: f"«{f}-value»" for f in fields})


def fr_catalogue() -> Any:
    with (i18n.LOCALE_DIR / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale="fr")


# --- the machine form --------------------------------------------------------------------

def test_a_reason_is_its_english_text_and_keeps_its_code() -> None:
    why = reasons.say("conflict.rejects", by="Kiev", of=reasons.say("who.unnamed"))
    assert why == "Kiev rejects what an unnamed source said"
    form = reasons.machine(why)
    assert form is not None and json.loads(form)[0]["code"] == "conflict.rejects"
    again = reasons.parse(form)
    assert again == why and again is not None and again.parts[0][0] == "conflict.rejects"
    copied = pickle.loads(pickle.dumps(why))  # the analysis runs in other processes
    assert isinstance(copied, reasons.Reason) and reasons.machine(copied) == form
    assert reasons.machine("plain text") is None
    assert reasons.parse('[{"code": "no.such.code", "args": {}}]') is None
    assert reasons.parse("not json") is None
    assert reasons.restore("as stored", None) == "as stored"


def test_joined_reasons_and_compound_roles() -> None:
    joined = reasons.join([reasons.say("match.order"), reasons.say("match.extra", words="a b")])
    assert joined == "words in another order; extra: a b"
    assert isinstance(joined, reasons.Reason) and len(joined.parts) == 2
    assert reasons.join(["free text", reasons.say("match.order")]) == \
        "free text; words in another order"
    assert reasons.role_word("killed_or_wounded") == "killed or wounded"
    assert reasons.role_word("not_a_role") == "not_a_role"


@pytest.mark.parametrize("code", sorted(reasons.TEMPLATES))
def test_every_reason_has_a_french_text_with_the_same_fields(code: str) -> None:
    entry = fr_catalogue().get(reasons.TEMPLATES[code])
    assert entry is not None and entry.string, f"{code}: no French text (make messages)"
    assert set(FIELD.findall(entry.string)) == set(FIELD.findall(reasons.TEMPLATES[code]))
    with i18n.use("fr"):
        text, english = i18n.said(sample(code))
    assert not english and text == entry.string % {
        f: f"«{f}-value»" for f in FIELD.findall(reasons.TEMPLATES[code])}


def test_nested_reasons_are_rendered_in_the_page_language() -> None:
    why = reasons.say("conflict.figures", a="Kiev", b=reasons.say("who.unnamed"),
                      unit="soldats", role=reasons.role_word("killed_or_wounded"),
                      x="300", y="1200")
    form = reasons.machine(why)
    with i18n.use("fr"):
        text, english = i18n.said("as stored", form)
    assert not english
    assert text == ("Kiev et une source non nommée donnent des chiffres différents des "
                    "soldats tués ou blessés (300 contre 1200)")
    with i18n.use("en"):
        assert i18n.said("as stored", form) == (str(why), False)
    with i18n.use("fr"):  # stored before codes were kept: English, and said to be
        assert i18n.said("kept as it was", None) == ("kept as it was", True)
        assert str(i18n.said_html("kept as it was")) == '<span lang="en">kept as it was</span>'


# --- French pages ------------------------------------------------------------------------

def assert_french(page: str, english: str, form: str | None) -> None:
    """``english`` (a stored text with its machine form) is not on the French ``page``;
    its French rendering is."""
    with i18n.use("fr"):
        french, still_english = i18n.said(english, form)
    assert not still_english, english
    assert str(escape(french)) in page, french
    assert str(escape(english)) not in page, english


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    """A server following a folder of two French reports, a German text, a binary file
    and an empty one, and a path that does not exist: the real pipeline stores the
    reports (contradiction, counts, names resolved, a story) and names what failed."""
    from selon.web import create_app

    root = tmp_path_factory.mktemp("reasons")
    folder = root / "inbox"
    folder.mkdir()
    (folder / "kursk.txt").write_text(KURSK, "utf-8")
    (folder / "shoigu.txt").write_text(SHOIGU, "utf-8")
    (folder / "german.txt").write_text(GERMAN, "utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_text("   \n", "utf-8")
    db = root / "r.duckdb"
    Store(db).close()
    app = create_app(db, Settings(published="2025-05-06", lang="auto"), api_token="",
                     follow=[str(folder), str(root / "nowhere")], every=3600)
    with TestClient(app) as client:
        deadline = time.monotonic() + 300
        while True:
            jobs = client.get("/api/ingest/jobs").json()["jobs"]
            if jobs and jobs[0]["state"] in ("done", "failed"):
                break
            assert time.monotonic() < deadline, jobs
            time.sleep(0.5)
        assert jobs[0]["state"] == "done" and jobs[0]["stored"] == 2, jobs[0]["failures"]
        yield client, db


def test_the_ingest_page_names_failures_in_french(served: tuple[TestClient, Path]) -> None:
    client, _ = served
    job = client.get("/api/ingest/jobs").json()["jobs"][0]
    failures = {f["input"]: f for f in job["failures"]}
    assert set(failures) == {"german.txt", "binary.txt", "empty.txt", "nowhere"}, failures
    codes = {name: json.loads(f["reason_code"])[0]["code"] for name, f in failures.items()}
    assert codes == {"german.txt": "ingest.language_other", "binary.txt": "ingest.binary",
                     "empty.txt": "ingest.empty", "nowhere": "ingest.no_such_input"}
    fr = client.get("/ingest?lang=fr").text
    for f in failures.values():
        assert_french(fr, f["reason"], f["reason_code"])
    assert '<span lang="en">' not in fr
    en = client.get("/ingest?lang=en").text
    assert all(str(escape(f["reason"])) in en for f in failures.values())


def test_story_and_entity_pages_give_the_analysis_reasons_in_french(
        served: tuple[TestClient, Path]) -> None:
    client, _ = served  # the server holds the store: read it through the API
    stories = client.get("/api/stories").json()["items"]
    relations = [{"story_id": st["id"], **r} for st in stories
                 for r in client.get(f"/api/stories/{st['id']}").json()["relations"]]
    entities = client.get("/api/entities", params={"limit": 200}).json()["items"]
    members = [{"canonical_id": e["id"], **j} for e in entities
               for j in client.get(f"/api/entities/{e['id']}").json()["joined"]]
    articles = client.get("/api/articles").json()["items"]
    assert relations and all(r["why_code"] for r in relations)
    assert members and all(m["reason_code"] for m in members)
    for r in relations:
        page = client.get(f"/stories/{r['story_id']}?lang=fr")
        assert page.status_code == 200
        assert_french(page.text, r["why"], r["why_code"])
        assert '<span lang="en">' not in page.text
    codes = {json.loads(m["reason_code"])[0]["code"] for m in members}
    assert {"join.new", "join.scored"} <= codes or {"join.new", "join.same_key"} <= codes, codes
    for m in members:
        page = client.get(f"/entities/{m['canonical_id']}?lang=fr").text
        assert_french(page, m["reason"], m["reason_code"])
    assert len(articles) == 2
    for a in articles:
        found = client.get(f"/api/articles/{a['id']}").json()["article"]["published_from"]
        assert found == "flag"  # given by the settings, as --published gives it
        page = client.get(f"/articles/{a['id']}?lang=fr").text
        assert "(d’après : flag)" not in page
        assert "(d’après : la ligne de commande)" in page


def test_watchlist_flags_are_explained_in_french(tmp_path: Path) -> None:
    from selon.resolve.canonical import resolve
    from selon.resolve.watchlists.load import add
    from selon.web.app import create_app

    db = tmp_path / "w.duckdb"
    text = "Pak To Chun, de Corée du Nord, est cité."
    with Store(db) as s:
        s.write(Analysis(Article(id="a1b2c3d4", text=text), entities=[
            Entity("e0", "Pak To Chun", "PER", [(0, 11)]),
            Entity("e1", "Corée du Nord", "LOC", [(16, 29)])]))
        resolve(s)
        add(s, LISTS / "un_small.xml", name="UN")
        flag = s.fetch("SELECT canonical_id, reason, reason_code FROM flags")[0]
    assert json.loads(flag["reason_code"])[0]["code"] == "flag.match"
    client = TestClient(create_app(db, Settings(db=str(db))))
    for path in ("/entities/pak%20to%20chun?lang=fr", "/articles/a1b2c3d4?lang=fr"):
        page = client.get(path).text
        assert "KPi.901" in page
        assert_french(page, flag["reason"], flag["reason_code"])
    api = client.get("/api/entities/pak%20to%20chun").json()["flags"][0]
    assert api["reason"] == flag["reason"] and api["reason_code"] == flag["reason_code"]


def test_a_query_read_differently_is_said_in_french(served: tuple[TestClient, Path]) -> None:
    client, _ = served
    query = '"Koursk ukrainien'  # a quote left open: its words are searched as words
    warned = client.get("/api/search", params={"q": query}).json()["warnings"]
    assert len(warned) == 1 and "not valid syntax" in warned[0]
    for path in ("/search", "/statements"):
        page = client.get(path, params={"q": query, "lang": "fr"}).text
        assert_french(page, warned[0], reasons.machine(reasons.say("search.bad_syntax",
                                                                   query=query)))
