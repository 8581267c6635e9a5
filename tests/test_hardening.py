"""Security hardening (issue 12, item 10): log and CSV injection, FtM URLs, metadata
addresses under --allow-private, robots.txt inside the fetch deadline, no paths in 404s."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import time
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from local_server import serving
from selon.cli import main
from selon.errors import InputError
from selon.ingest.fetch import clear_robots_cache, fetch
from selon.store import Store
from selon.store.export import export
from selon.store.synthetic import synthetic

if TYPE_CHECKING:
    from web_fixtures import DemoStore

FORGED = "2026-01-01T00:00:00+00:00\tforged.txt\tnot a real failure"


def test_a_newline_in_a_file_name_cannot_forge_a_failures_log_line(tmp_path: Path) -> None:
    evil = tmp_path / f"a\n{FORGED}\x1b[2J.txt"
    evil.write_bytes(b"")  # empty: a failure
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), str(evil)])
    assert result.exit_code == 2
    lines = Path(f"{db}.failures.log").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    _stamp, name, reason = lines[0].split("\t")
    assert name == str(tmp_path) + "/a\\n2026-01-01T00:00:00+00:00\\tforged.txt\\t" \
        "not a real failure\\x1b[2J.txt"
    assert reason == "the input is empty"
    stderr_lines = [ln for ln in result.stderr.splitlines() if "forged.txt" in ln]
    assert len(stderr_lines) == 1 and stderr_lines[0].startswith("selon: failed: ")
    assert "\x1b" not in result.stderr


@pytest.fixture
def hostile_store(tmp_path: Path) -> Iterator[Store]:
    an = synthetic(1)
    at = an.attributions[0]
    assert at.source is not None
    an.attributions[0] = replace(at, source=replace(at.source, text="=HYPERLINK(\"x\")"))
    an.article = replace(an.article, title="@SUM(A1:A9)", outlet="+33 1 23",
                         url="javascript:alert(1)")
    ok = synthetic(2)
    ok.article = replace(ok.article, title="-2+3", url="https://example.org/a?b=1")
    with Store(tmp_path / "h.duckdb") as store:
        store.write(an)
        store.write(ok)
        yield store


def test_csv_export_neutralises_formulas(hostile_store: Store) -> None:
    buf = io.StringIO()
    export(hostile_store, "csv", buf)
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    cells = [c for row in rows[1:] for c in row]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert "'=HYPERLINK(\"x\")" in cells and "'@SUM(A1:A9)" in cells
    assert "'+33 1 23" in cells and "'-2+3" in cells


def test_claims_csv_output_neutralises_formulas(hostile_store: Store) -> None:
    path = str(hostile_store.path)
    hostile_store.close()
    result = CliRunner().invoke(main, ["claims", "--db", path, "--csv", "--limit", "100"])
    assert result.exit_code == 0, result.output
    cells = [c for row in csv.reader(io.StringIO(result.stdout)) for c in row]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "@")]


def test_ftm_export_gives_only_http_source_urls(hostile_store: Store) -> None:
    buf = io.StringIO()
    export(hostile_store, "ftm", buf)
    articles = [e for line in buf.getvalue().splitlines()
                if (e := json.loads(line))["schema"] == "Article"]
    urls = [u for a in articles for u in a["properties"].get("sourceUrl", [])]
    assert urls == ["https://example.org/a?b=1"]


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/",
                                 "http://[::ffff:169.254.169.254]/", "http://[fd00:ec2::254]/",
                                 "http://100.100.100.200/"])
def test_metadata_addresses_stay_refused_with_allow_private(url: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match="cloud metadata address; selon never fetches"):
        fetch(url, allow_private=True, max_bytes=1 << 20, timeout=2)
    assert time.monotonic() - started < 1


class SlowRobots(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            time.sleep(4)
        body = b"User-agent: *\nAllow: /\n" if self.path == "/robots.txt" else b"<p>ok</p>"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)


def test_robots_txt_lookup_is_inside_the_fetch_deadline() -> None:
    clear_robots_cache()
    with serving(SlowRobots) as base:
        started = time.monotonic()
        with pytest.raises(InputError, match=r"robots\.txt"):
            fetch(f"{base}/page", allow_private=True, max_bytes=1 << 20, timeout=1)
        assert time.monotonic() - started < 2.5
    clear_robots_cache()


def test_not_found_messages_never_show_the_store_path(client: TestClient,
                                                      demo_store: DemoStore) -> None:
    folder = str(demo_store.path.parent)
    for path, headers in (("/api/articles/zzzzzzzz", {}),
                          ("/articles/zzzzzzzz", {"Accept": "text/html"}),
                          ("/api/sources?article=zzzzzzzz", {})):
        r = client.get(path, headers=headers)
        assert r.status_code == 404, (path, r.text)
        assert folder not in r.text and "duckdb" not in r.text, path
        assert "zzzzzzzz" in r.text
