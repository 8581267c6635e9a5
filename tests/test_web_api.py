"""The HTTP API: reading the store, the one error shape, the token, the body limit, the
security headers, and a schemathesis contract run against the app's own OpenAPI schema."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from selon.web.security import CSP

if TYPE_CHECKING:
    from web_fixtures import DemoStore


TOKEN = "test-token-0123456789abcdef"  # the write app's token (web_fixtures.TOKEN)
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_token_is_the_write_apps(auth: dict[str, str]) -> None:
    assert auth == AUTH


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """The response is the one error shape, with this status and code."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body


def assert_security_headers(response: Any) -> None:
    h = response.headers
    assert h["content-security-policy"] == CSP or "script-src 'self';" in h[
        "content-security-policy"]
    assert "'unsafe-inline'" not in h["content-security-policy"].split("script-src")[1].split(
        ";")[0]
    assert "frame-ancestors 'none'" in h["content-security-policy"]
    assert h["x-content-type-options"] == "nosniff"
    assert h["x-frame-options"] == "DENY"
    assert h["referrer-policy"] == "no-referrer"


# -- reading -------------------------------------------------------------------------------


def test_stats_counts_the_demo_articles(client: TestClient, demo_store: DemoStore) -> None:
    body = client.get("/api/stats").json()
    assert body["articles"] == len(demo_store.ids) == 4
    assert body["attributions"] > 10
    assert "path" not in body  # the server's file layout is not the client's business


def test_articles_list_and_pagination(client: TestClient, demo_store: DemoStore) -> None:
    first = client.get("/api/articles", params={"limit": 2}).json()
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    ids = [a["id"] for a in first["items"] + second["items"]]
    assert sorted(ids) == sorted(demo_store.ids.values())
    dates = [a["published"] for a in first["items"] + second["items"]]
    assert dates == sorted(dates, reverse=True)
    assert all(a["statements"] >= 0 for a in first["items"])


def test_article_record_is_selon_1_with_spans(client: TestClient, demo_store: DemoStore
                                              ) -> None:
    aid = demo_store.paris
    body = client.get(f"/api/articles/{aid[:8]}").json()  # a prefix is enough
    assert body["schema"] == "selon/1"
    assert body["article"]["id"] == aid
    text = body["article"]["text"]
    quotes = [a for a in body["attributions"] if a["kind"] == "direct"]
    assert quotes
    start, end = quotes[0]["content"]
    assert "Je regarde la salle" in text[start:end]
    assert body["store"]["duplicates"] == []


def test_attributions_filters(client: TestClient) -> None:
    items = client.get("/api/attributions", params={"source": "Fabius"}).json()["items"]
    assert items and all("fabius" in (i["source"]["name"] or i["source"]["text"]).lower()
                         for i in items)
    direct = client.get("/api/attributions", params={"kind": "direct"}).json()["items"]
    assert direct and {i["kind"] for i in direct} == {"direct"}


def test_entities_and_one_entity(client: TestClient) -> None:
    items = client.get("/api/entities", params={"order": "quoted"}).json()["items"]
    assert items[0]["quoted"] >= items[-1]["quoted"]
    fabius = client.get("/api/entities/laurent fabius").json()
    assert fabius["name"] == "Laurent Fabius"
    assert {"Laurent Fabius", "M. Fabius"} <= {s["text"] for s in fabius["spellings"]}
    assert fabius["said"]


def test_search_sources_and_timeline(client: TestClient, demo_store: DemoStore) -> None:
    hits = client.get("/api/search", params={"q": "canal de Suez"}).json()["items"]
    assert hits and hits[0]["snippet"]
    graph = client.get("/api/sources", params={"article": demo_store.paris}).json()
    labels = {n["label"] for n in graph["nodes"]}
    assert "Laurent Fabius" in labels
    assert any(e["source"] == "e:ban ki moon" for e in graph["edges"])
    timeline = client.get("/api/timeline", params={"q": "accord"}).json()
    assert timeline["statements"] and all(p["date"] for p in timeline["statements"])


# -- the one error shape -------------------------------------------------------------------


def test_unknown_article_is_404(client: TestClient) -> None:
    assert_error(client.get("/api/articles/ffffffffffff"), 404, "not_found")
    assert_error(client.get("/api/entities/nobody at all"), 404, "not_found")


def test_unknown_route_and_method(client: TestClient) -> None:
    assert_error(client.get("/api/nothing-here"), 404, "not_found")
    assert_error(client.delete("/api/articles"), 405, "method_not_allowed")
    assert_error(client.put("/api/analyze", json={}), 405, "method_not_allowed")


def test_invalid_parameters_are_422(client: TestClient) -> None:
    assert_error(client.get("/api/articles", params={"limit": 0}), 422, "invalid_request")
    assert_error(client.get("/api/articles", params={"since": "yesterday"}), 422,
                 "invalid_request")
    assert_error(client.get("/api/entities", params={"order": "loudest"}), 422,
                 "invalid_request")
    assert_error(client.get("/api/search"), 422, "invalid_request")


def test_sources_without_scope_cover_the_latest_articles(client: TestClient) -> None:
    graph = client.get("/api/sources").json()
    assert graph["nodes"] and graph["sources"]


def test_unexpected_error_is_500_in_the_same_shape(read_app: FastAPI) -> None:
    def boom() -> None:
        raise RuntimeError("secret internal detail")

    read_app.add_api_route("/api/_test_boom", boom, include_in_schema=False)
    try:
        with TestClient(read_app, raise_server_exceptions=False) as c:
            r = c.get("/api/_test_boom")
        body = assert_error(r, 500, "internal_error")
        assert "secret" not in body["error"]["message"]
        assert_security_headers(r)
    finally:
        read_app.router.routes = [rt for rt in read_app.router.routes
                                  if getattr(rt, "path", "") != "/api/_test_boom"]


def test_html_clients_get_an_error_page_with_the_same_code(client: TestClient) -> None:
    r = client.get("/articles/ffffffffffff", headers={"Accept": "text/html"})
    assert r.status_code == 404
    assert "not_found" in r.text and r.headers["content-type"].startswith("text/html")


# -- token, body limit, read-only ----------------------------------------------------------


def test_post_endpoints_are_disabled_without_a_token(client: TestClient) -> None:
    for path in ("/api/analyze", "/api/ingest"):
        assert_error(client.post(path, json={"text": "Bonjour."}), 403, "disabled")
        assert_error(client.post(path, json={"text": "Bonjour."}, headers=AUTH), 403,
                     "disabled")


def test_wrong_or_missing_token_is_401(write_client: TestClient) -> None:
    r = client_post = write_client.post("/api/analyze", json={"text": "Bonjour."})
    assert_error(client_post, 401, "unauthorized")
    assert r.headers["www-authenticate"] == "Bearer"
    assert_error(write_client.post("/api/analyze", json={"text": "x"},
                                   headers={"Authorization": "Bearer nope"}), 401,
                 "unauthorized")
    assert_error(write_client.post("/api/analyze", json={"text": "x"},
                                   headers={"Authorization": f"Basic {TOKEN}"}), 401,
                 "unauthorized")


def test_short_token_is_refused() -> None:
    from selon.errors import ConfigError
    from selon.web.app import _token

    with pytest.raises(ConfigError):
        _token("short")


def test_body_over_the_limit_is_413(write_client: TestClient) -> None:
    big = {"text": "mot " * 60_000}  # 240 kB > the 200 kB limit of the write app
    assert_error(write_client.post("/api/analyze", json=big, headers=AUTH), 413, "too_large")

    def chunks() -> Any:  # no Content-Length: counted while reading
        for _ in range(30):
            yield b"x" * 10_000

    r = write_client.post("/api/ingest", content=chunks(),
                          headers={**AUTH, "Content-Type": "application/json"})
    assert_error(r, 413, "too_large")


def test_analyze_returns_selon_1_and_stores_nothing(write_client: TestClient) -> None:
    text = ("« Nous ne céderons pas », a déclaré le ministre Jean Dupont, selon l'AFP. "
            "Environ 300 personnes ont manifesté le 3 mars.")
    r = write_client.post("/api/analyze", headers=AUTH,
                          json={"text": text, "published": "2024-03-05"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["schema"] == "selon/1" and body["article"]["published"] == "2024-03-05"
    assert any(a["kind"] == "direct" for a in body["attributions"])
    assert write_client.get("/api/stats").json()["articles"] == 0 or not any(
        a["id"] == body["article"]["id"]
        for a in write_client.get("/api/articles").json()["items"])


def test_analyze_needs_exactly_one_of_text_or_html(write_client: TestClient) -> None:
    assert_error(write_client.post("/api/analyze", headers=AUTH, json={}), 422,
                 "invalid_request")
    assert_error(write_client.post("/api/analyze", headers=AUTH,
                                   json={"text": "a", "html": "<p>a</p>"}), 422,
                 "invalid_request")
    assert_error(write_client.post("/api/analyze", headers=AUTH,
                                   json={"text": "a", "path": "/etc/passwd"}), 422,
                 "invalid_request")


def test_ingest_stores_and_is_idempotent(write_client: TestClient) -> None:
    text = "Le maire a affirmé que 40 arbres seraient plantés, selon la mairie."
    first = write_client.post("/api/ingest", headers=AUTH,
                              json={"text": text, "title": "Arbres", "published": "2024-01-02"})
    assert first.status_code == 200, first.text
    again = write_client.post("/api/ingest", headers=AUTH,
                              json={"text": text, "published": "2024-01-02"})
    assert first.json()["stored"] is True and again.json()["stored"] is False
    aid = first.json()["id"]
    assert write_client.get(f"/api/articles/{aid}").json()["article"]["title"] == "Arbres"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "/etc/passwd", "http://127.0.0.1:9/x",
                                 "http://localhost/", "ftp://example.org/a"])
def test_ingest_never_reads_local_files_or_private_urls(write_client: TestClient,
                                                        url: str) -> None:
    r = write_client.post("/api/ingest", headers=AUTH, json={"url": url})
    assert_error(r, 422, "bad_input")


def test_security_headers_everywhere(client: TestClient, demo_store: DemoStore) -> None:
    for path in ("/", "/api/stats", "/api/nothing", "/static/selon.css", "/docs",
                 f"/articles/{demo_store.paris}", "/openapi.json"):
        assert_security_headers(client.get(path))
    assert_security_headers(client.post("/api/ingest", json={}))


def test_openapi_documents_the_api_and_docs_load_nothing_from_outside(client: TestClient
                                                                      ) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/attributions",
                 "/api/entities", "/api/search", "/api/analyze", "/api/ingest"):
        assert path in schema["paths"]
    assert "401" in schema["paths"]["/api/ingest"]["post"]["responses"]
    assert "413" in schema["paths"]["/api/analyze"]["post"]["responses"]
    assert not any(p.startswith("/articles") for p in schema["paths"])  # pages are not API
    docs = client.get("/docs").text
    assert "/api/attributions" in docs and "/openapi.json" in docs
    assert "http://" not in docs.split("</header>")[0] and "cdn" not in docs.lower()


# -- the contract: schemathesis against the app's own schema --------------------------------


def _contract(app: FastAPI, *, methods: set[str], examples: int,
              headers: dict[str, str] | None = None, excluded: list[Any] | None = None
              ) -> None:
    import schemathesis
    from hypothesis import HealthCheck, given, settings

    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() not in methods:
            continue

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: Any) -> None:
            case.call_and_validate(headers=headers, excluded_checks=excluded)

        try:
            run()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)


def test_api_contract_with_schemathesis(read_app: FastAPI) -> None:
    """Every documented operation of the read-only app, with generated inputs, answers as
    its schema says (documented status codes, matching bodies, never a server error)."""
    _contract(read_app, methods={"GET", "POST"}, examples=25)


def test_write_api_contract_with_schemathesis(write_app: FastAPI,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The POST endpoints with the token, on generated bodies (analysis runs for real).

    Schema-valid bodies may still be refused with a documented 422 ``bad_input``: an HTML
    page with no article text in it, a URL that is not public. So the check "schema-valid
    data is accepted" is left out here (it runs on the read-only app above)."""
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    from selon.errors import InputError
    from selon.ingest import fetch as fetch_module

    def no_network(url: str, **_: Any) -> None:
        raise InputError("no network in tests", source=url)

    monkeypatch.setattr(fetch_module, "fetch", no_network)
    _contract(write_app, methods={"POST"}, examples=15, headers=AUTH,
              excluded=[positive_data_acceptance])
