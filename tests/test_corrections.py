"""Readers' corrections over the API, on a real store of real articles: the token is
required, corrections persist across a re-ingest and a re-analysis of the article, are
shown with the originals, exported (JSONL, CSV, FtM, selon-gold/1) and listed in the audit
trail with who, when, what, before and after."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from selon.model import Analysis, Attribution, Correction, Party
from selon.settings import Settings

TOKEN = "corrections-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
WHO = "desk-verification"
N_ARTICLES = 4


def _real(shared: Path) -> list[Path]:
    folder = shared / "data" / "orangesum-intl" / "text"
    if not folder.is_dir():
        pytest.skip(f"no real articles at {folder}")
    return sorted(folder.glob("*.txt"))[20:20 + N_ARTICLES]


@pytest.fixture(scope="module")
def real(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from selon.analyse.pipeline import analyze_one
    from selon.ingest import article_from_path
    from selon.store import Store

    path = tmp_path_factory.mktemp("corrections") / "real.duckdb"
    files = _real(shared)
    ids = []
    with Store(path) as store:
        for f in files:
            analysis = analyze_one(article_from_path(f, Settings()))
            store.write(analysis)
            ids.append(analysis.article.id)
    copy = path.with_name("read-only.duckdb")  # for a server of its own in this process
    copy.write_bytes(path.read_bytes())
    return {"path": path, "ids": ids, "files": files, "copy": copy}


@pytest.fixture(scope="module")
def api(real: dict[str, Any]) -> Iterator[TestClient]:
    from selon.web import create_app

    old = os.environ.get("SELON_API_TOKEN_NAME")
    os.environ["SELON_API_TOKEN_NAME"] = WHO
    try:
        app = create_app(real["path"], Settings(), api_token=TOKEN)
    finally:
        if old is None:
            os.environ.pop("SELON_API_TOKEN_NAME", None)
        else:
            os.environ["SELON_API_TOKEN_NAME"] = old
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _statements(api: TestClient, article_id: str) -> list[dict[str, Any]]:
    r = api.get(f"/api/articles/{article_id}")
    assert r.status_code == 200, r.text
    return list(r.json()["attributions"])


def _article_with(api: TestClient, ids: list[str], n: int) -> tuple[str, list[dict[str, Any]]]:
    for i in ids:
        found = [a for a in _statements(api, i) if a["source"]]
        if len(found) >= n:
            return i, found
    pytest.skip(f"no article with {n} sourced statements")


def test_correcting_needs_the_token(api: TestClient, real: dict[str, Any]) -> None:
    aid, found = _article_with(api, real["ids"], 1)
    body = {"article_id": aid, "action": "source", "key": found[0]["content"],
            "source": "Quelqu'un d'autre"}
    assert api.post("/api/corrections", json=body).status_code == 401
    wrong = api.post("/api/corrections", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"
    assert api.get("/api/corrections").json()["total"] == 0


def test_a_read_only_server_takes_no_correction(real: dict[str, Any]) -> None:
    from selon.web import create_app

    with TestClient(create_app(real["copy"], Settings(), api_token=""),
                    raise_server_exceptions=False) as c:
        r = c.post("/api/corrections", headers=AUTH, json={
            "article_id": real["ids"][0], "action": "not_statement", "key": [0, 5]})
        assert r.status_code == 403
        assert c.get("/corrections").status_code == 200


def test_bad_corrections_are_refused_in_words(api: TestClient, real: dict[str, Any]) -> None:
    aid, found = _article_with(api, real["ids"], 1)
    r = api.post("/api/corrections", headers=AUTH, json={
        "article_id": aid, "action": "source", "key": [0, 1], "source": "X"})
    assert r.status_code == 422 and "no statement at [0, 1]" in r.json()["error"]["message"]
    r = api.post("/api/corrections", headers=AUTH, json={
        "article_id": aid, "action": "add", "span": [10, 10**7], "source": "X",
        "kind": "indirect"})
    assert r.status_code == 422 and "not a non-empty span" in r.json()["error"]["message"]
    r = api.post("/api/corrections", headers=AUTH, json={
        "article_id": aid, "action": "source", "key": found[0]["content"], "source": "  "})
    assert r.status_code == 422
    r = api.post("/api/corrections", headers=AUTH, json={
        "article_id": "0" * 12, "action": "not_statement", "key": [0, 5]})
    assert r.status_code == 404


def test_corrections_apply_persist_and_are_exported(api: TestClient, real: dict[str, Any],
                                                    tmp_path: Path, shared: Path) -> None:
    aid, found = _article_with(api, real["ids"], 3)
    text = api.get(f"/api/articles/{aid}").json()["article"]["text"]
    first, second, third = found[0], found[1], found[2]
    new_name = "Une source corrigée"
    r = api.post("/api/corrections", headers=AUTH, json={
        "article_id": aid[:10], "action": "source", "key": first["content"],
        "source": new_name, "note": "the parser took the wrong subject"})
    assert r.status_code == 201, r.text
    c1 = r.json()["correction"]
    assert c1["by"] == WHO and c1["action"] == "source" and c1["after"]["source"] == new_name
    assert c1["before"]["source"] == first["source"]["text"] and c1["at"]
    r = api.post("/api/corrections", headers=AUTH, json={
        "article_id": aid, "action": "not_statement", "key": second["content"]})
    assert r.status_code == 201, r.text
    a, b = third["content"]
    r = api.post("/api/corrections", headers=AUTH, json={
        "article_id": aid, "action": "span", "key": third["content"], "span": [a, b - 1]})
    assert r.status_code == 201, r.text
    # a missing statement: the first sentence of the text, by a name of the reader's
    end = text.index(".") if "." in text[:400] else 40
    r = api.post("/api/corrections", headers=AUTH, json={
        "article_id": aid, "action": "add", "span": [0, end], "source": "Le rédacteur",
        "kind": "indirect"})
    assert r.status_code == 201, r.text
    added_id = f"c{r.json()['correction']['id']}"

    def check(record: list[dict[str, Any]]) -> None:
        by_key = {tuple(at.get("correction", {}).get("key") or at["content"]): at
                  for at in record}
        one = by_key[tuple(first["content"])]
        assert one["source"]["text"] == new_name and one["how"] == "corrected"
        assert one["confidence"] == 1.0
        assert one["correction"]["original"]["source"] == first["source"]["text"]
        assert one["correction"]["by"] == WHO
        assert by_key[tuple(second["content"])]["correction"]["not_statement"] is True
        assert by_key[tuple(third["content"])]["content"] == [a, b - 1]
        added = next(at for at in record if at["id"] == added_id)
        assert added["content"] == [0, end] and added["source"]["text"] == "Le rédacteur"

    check(_statements(api, aid))
    # the listing of statements carries them too
    items = api.get("/api/attributions", params={"limit": 200}).json()["items"]
    mine = {tuple(i["content"]["span"]): i for i in items if i["article_id"] == aid}
    assert mine[tuple(first["content"])]["source"]["text"] == new_name
    assert mine[tuple(first["content"])]["correction"]["original"]["source"] \
        == first["source"]["text"]

    # a re-ingest of the same article: nothing changes, the corrections hold
    src = real["files"][real["ids"].index(aid)].read_text(encoding="utf-8")
    again = api.post("/api/ingest", headers=AUTH, json={"text": src})
    assert again.status_code == 200 and again.json()["id"] == aid
    assert again.json()["stored"] is False
    check(_statements(api, aid))
    # a re-analysis: the article's analysis rows replaced by a fresh analysis
    _reanalyse(real["path"], aid, src, api)
    check(_statements(api, aid))

    # the audit trail
    trail = api.get("/api/corrections").json()
    assert trail["total"] == 4
    assert [c["action"] for c in trail["items"]] == ["add", "span", "not_statement", "source"]
    assert all(c["by"] == WHO and c["article_id"] == aid for c in trail["items"])
    page = api.get("/corrections")
    assert page.status_code == 200
    assert new_name in page.text and WHO in page.text and "not a statement" in page.text

    api.app.state.selon.pool.close()  # type: ignore[attr-defined]  # the CLI opens the file
    _check_exports(real["path"], aid, first, second, new_name, tmp_path, shared)


def _reanalyse(path: Path, aid: str, text: str, api: TestClient) -> None:
    """What a re-analysis of the article does to the store: its records rewritten."""
    from selon.analyse.pipeline import analyze_one
    from selon.ingest import article_from_text
    from selon.store import Store
    from selon.store.columns import RECORD_TABLES

    analysis = analyze_one(article_from_text(text, Settings()))
    assert analysis.article.id == aid
    st = api.app.state.selon  # type: ignore[attr-defined]
    with st.pool.get() as s:
        assert isinstance(s, Store)
        with s._transaction("re-analysing in") as con:
            for table in ("articles", *RECORD_TABLES):
                column = "id" if table == "articles" else "article_id"
                con.execute(f"DELETE FROM {table} WHERE {column} = ?", [aid])
        assert s.write(analysis)
    st.cache.clear()


def _check_exports(path: Path, aid: str, first: dict[str, Any], second: dict[str, Any],
                   new_name: str, tmp_path: Path, shared: Path) -> None:
    from selon.store import Store, export

    with Store(path) as s:
        out = io.StringIO()
        export.export_csv(s, [aid], out)
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        row = next(r for r in rows if r["content_start"] == str(first["content"][0]))
        assert row["source"] == new_name and row["corrected"] == "source"
        assert row["original_source"] == first["source"]["text"] and row["corrected_by"] == WHO
        assert not any(r["content_start"] == str(second["content"][0]) and not r["corrected"]
                       for r in rows)
        assert any(r["corrected"] == "add" and r["source"] == "Le rédacteur" for r in rows)
        lines = io.StringIO()
        export.export_jsonl(s, [aid], lines)
        record = json.loads(lines.getvalue())
        assert any(a["source"] and a["source"]["text"] == new_name
                   for a in record["attributions"])
        assert not any(a["content"] == second["content"] for a in record["attributions"])
        ftm = io.StringIO()
        export.export_ftm(s, [aid], ftm)
        events = [e for e in map(json.loads, ftm.getvalue().splitlines())
                  if e["schema"] == "Event"]
        assert any(new_name in e["properties"].get("namesMentioned", []) and
                   "corrected by a reader" in e["properties"]["keywords"] for e in events)
        pred = tmp_path / "pred.json"
        pred.write_text(lines.getvalue(), encoding="utf-8")
    gold_dir = tmp_path / "gold"
    done = subprocess.run([sys.executable, "-m", "selon", "corrections", "export", "--db",
                           str(path), "--gold", str(gold_dir)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    gold = gold_dir / f"{aid}.gold.json"
    assert done.stdout.strip() == str(gold)
    data = json.loads(gold.read_text(encoding="utf-8"))
    assert data["format"] == "selon-gold/1" and data["doc"]["text_file"] == f"{aid}.txt"
    assert any(new_name in a["source"] for a in data["attributions"])
    listed = subprocess.run([sys.executable, "-m", "selon", "corrections", "list", "--db",
                             str(path)], capture_output=True, text=True, timeout=300)
    assert listed.returncode == 0 and "4 correction(s)" in listed.stdout
    assert WHO in listed.stdout and f"→ {new_name}" in listed.stdout
    scorer = shared / "eval" / "score.py"
    if scorer.is_file():  # the scorer reads the gold: the corrected output scores perfectly
        scored = subprocess.run(["python3", str(scorer), str(gold), str(pred), "--json"],
                                capture_output=True, text=True, timeout=120)
        assert scored.returncode == 0, scored.stderr
        metrics = json.loads(scored.stdout)["metrics"]
        assert metrics["attr_f1"] == 1.0 and metrics["attr_source_acc"] == 1.0


def test_a_correction_follows_its_statement_when_the_span_moves_a_little() -> None:
    from selon.model import Article
    from selon.store.corrected import apply

    text = "Le maire a déclaré que la piscine rouvrirait en juin, selon la mairie."
    art = Article(id="x" * 16, text=text)
    content = (text.index("la piscine"), text.index(", selon"))
    at = Attribution("a1", "indirect", content, None, None, Party("Le maire", (0, 8)),
                     how="described", confidence=0.7)
    fix = Correction(art.id, (content[0], content[1] + 2), "source", {"source": "la mairie"},
                     "ed", "2025-01-01T00:00:00", id=1)
    out = apply(Analysis(art, attributions=[at]), [fix])
    assert out.attributions[0].source is not None
    assert out.attributions[0].source.text == "la mairie"
    assert out.attributions[0].source.span == (text.index("la mairie"),
                                               text.index("la mairie") + 9)
    assert at.source is not None and at.source.text == "Le maire"  # the original untouched
    far = Correction(art.id, (0, 5), "not_statement", {}, "ed", "2025-01-01T00:00:00", id=2)
    assert apply(Analysis(art, attributions=[at]), [far]).attributions == [at]


def test_gold_anchors_count_occurrences_as_the_scorer_does() -> None:
    from selon.store.goldexport import occurrence

    text = "il a dit oui. Puis il a dit oui. Et encore : il a dit oui."
    spans = []
    i = text.find("il a dit oui")
    while i >= 0:
        spans.append((i, i + 12))
        i = text.find("il a dit oui", i + 1)
    assert [occurrence(text, s) for s in spans] == [1, 2, 3]
    assert occurrence("aaaa", (1, 3)) == 2  # overlapping hits count, as find_all finds them
