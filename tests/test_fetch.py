"""The safe URL fetcher, against local HTTP servers on 127.0.0.x (never the internet)."""

from __future__ import annotations

import gzip
import ipaddress
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from local_server import serving
from selon.errors import InputError
from selon.ingest.fetch import (
    Fetched,
    IPAddress,
    address_problem,
    clear_robots_cache,
    fetch,
    system_resolve,
)

PAGE = ("<!DOCTYPE html><html><head><title>Essai</title>"
        "<meta charset='utf-8'></head><body><p>Le ministre a déclaré mardi que la réforme "
        "serait votée avant l'été.</p></body></html>").encode()
ROBOTS = b"User-agent: selon\nDisallow: /private/\n\nUser-agent: *\nAllow: /\n"
MB = 1024 * 1024


class Handler(BaseHTTPRequestHandler):
    """Routes for every behaviour the fetcher must handle."""

    robots: tuple[int, bytes] = (200, ROBOTS)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, to: str, status: int = 302) -> None:
        self._send(status, b"", extra={"Location": to})

    def do_GET(self) -> None:
        path = self.path
        address: tuple[str, int] = self.server.server_address  # type: ignore[assignment]
        host, port = address
        if path == "/robots.txt":
            status, body = self.robots
            self._send(status, body, "text/plain")
        elif path == "/ok" or path.startswith("/private/"):
            self._send(200, PAGE)
        elif path == "/echo":
            self._send(200, f"host={self.headers['Host']} server={host}"
                       .encode(), "text/plain")
        elif path == "/latin1":
            self._send(200, "<p>Café à l'été</p>".encode("latin-1"),
                       "text/html; charset=iso-8859-1")
        elif path == "/missing":
            self._send(404, b"not here")
        elif path == "/r1":
            self._redirect("/r2", 301)
        elif path == "/r2":
            self._redirect(f"http://127.0.0.1:{port}/r3", 307)
        elif path == "/r3":
            self._redirect("ok", 303)
        elif path == "/loop1":
            self._redirect("/loop2")
        elif path == "/loop2":
            self._redirect("/loop1")
        elif path.startswith("/chain/"):
            self._redirect(f"/chain/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path == "/nowhere":
            self._send(302)
        elif path == "/to-ftp":
            self._redirect("ftp://example.org/file")
        elif path == "/to-loopback":
            self._redirect(f"http://127.0.0.1:{port}/ok")
        elif path == "/gzip":
            self._send(200, gzip.compress(PAGE), extra={"Content-Encoding": "gzip"})
        elif path == "/gzbomb":
            self._send(200, gzip.compress(b"\0" * (5 * MB)), extra={"Content-Encoding": "gzip"})
        elif path == "/big-announced":
            self.send_response(200)
            self.send_header("Content-Length", str(50 * MB))
            self.end_headers()
            self._stream(b"x" * 1024, 100)
        elif path == "/big":  # no Content-Length: the body ends when the connection closes
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self._stream(b"x" * 65536, 40)
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self._stream(b"x", 200, pause=0.05)
        elif path == "/stall":
            time.sleep(3)
            self._send(200, PAGE)
        else:
            self._send(500, b"no route")

    def _stream(self, chunk: bytes, times: int, pause: float = 0.0) -> None:
        try:
            for _ in range(times):
                self.wfile.write(chunk)
                self.wfile.flush()
                if pause:
                    time.sleep(pause)
        except OSError:
            return


def _serve(host: str, robots: tuple[int, bytes] = (200, ROBOTS)) -> Iterator[str]:
    with serving(type("H", (Handler,), {"robots": robots}), host) as url:
        yield url


@pytest.fixture(autouse=True)
def _fresh_robots() -> None:
    clear_robots_cache()


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    yield from _serve("127.0.0.1")


@pytest.fixture(scope="module")
def public_base() -> Iterator[str]:
    """A server on 127.0.0.2, which the tests' address check calls public."""
    yield from _serve("127.0.0.2")


PUBLIC_TEST_IP = ipaddress.ip_address("127.0.0.2")


def pretend_public(addr: IPAddress) -> str | None:
    return None if addr == PUBLIC_TEST_IP else address_problem(addr)


def resolver(names: dict[str, list[str]]) -> Callable[[str, int], list[IPAddress]]:
    def resolve(host: str, port: int) -> list[IPAddress]:
        if host in names:
            return [ipaddress.ip_address(a) for a in names[host]]
        return system_resolve(host, port)
    return resolve


def get(url: str, **kw: Any) -> Fetched:
    kw.setdefault("allow_private", True)
    kw.setdefault("max_bytes", MB)
    return fetch(url, **kw)


def test_ok_page(base: str) -> None:
    page = fetch(f"{base}/ok", allow_private=True, max_bytes=MB)
    assert page.status == 200
    assert page.url == f"{base}/ok"
    assert page.content == PAGE
    assert page.is_html and page.content_type == "text/html; charset=utf-8"
    assert page.headers["content-length"] == str(len(PAGE))
    assert "déclaré" in page.text()


def test_charset_from_header_and_gzip(base: str) -> None:
    assert "Café à l'été" in fetch(f"{base}/latin1", allow_private=True, max_bytes=MB).text()
    assert fetch(f"{base}/gzip", allow_private=True, max_bytes=MB).content == PAGE


def test_404_names_status_and_url(base: str) -> None:
    with pytest.raises(InputError, match="HTTP 404") as err:
        get(f"{base}/missing")
    assert err.value.source == f"{base}/missing"
    assert str(err.value).startswith(f"{base}/missing: ")


def test_redirect_chain_is_followed(base: str) -> None:
    page = fetch(f"{base}/r1", allow_private=True, max_bytes=MB)
    assert page.url == f"{base}/ok"
    assert page.content == PAGE


def test_redirect_loop(base: str) -> None:
    with pytest.raises(InputError, match="too many redirects"):
        get(f"{base}/loop1")


def test_redirect_chain_longer_than_five(base: str) -> None:
    with pytest.raises(InputError, match=r"too many redirects \(more than 5\)"):
        get(f"{base}/chain/0")


def test_redirect_without_location_or_to_other_scheme(base: str) -> None:
    with pytest.raises(InputError, match="without saying where"):
        get(f"{base}/nowhere")
    with pytest.raises(InputError, match="only http:// and https://"):
        get(f"{base}/to-ftp")


def test_trickling_server_is_cut_off_by_the_total_deadline(base: str) -> None:
    start = time.monotonic()
    with pytest.raises(InputError, match="within 1 s"):
        get(f"{base}/trickle", timeout=1.0)
    assert time.monotonic() - start < 2.5


def test_stalled_server_times_out(base: str) -> None:
    start = time.monotonic()
    with pytest.raises(InputError, match="slow or unreachable"):
        get(f"{base}/stall", timeout=0.5)
    assert time.monotonic() - start < 2.0


def test_oversized_bodies_are_refused(base: str) -> None:
    with pytest.raises(InputError, match="too large"):
        get(f"{base}/big", max_bytes=100_000)
    with pytest.raises(InputError, match="announces"):
        get(f"{base}/big-announced", max_bytes=100_000)
    with pytest.raises(InputError, match="too large"):
        get(f"{base}/gzbomb", max_bytes=100_000)


def test_robots_disallow(base: str) -> None:
    host = base.removeprefix("http://").rsplit(":", 1)[0]
    with pytest.raises(InputError, match=f"robots.txt of {host} disallows selon"):
        get(f"{base}/private/page")
    assert get(f"{base}/ok")  # allowed
    assert get(f"{base}/private/page", respect_robots=False)


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (403, True), (503, False)])
def test_robots_status(status: int, allowed: bool) -> None:
    for b in _serve("127.0.0.1", robots=(status, b"")):
        if allowed:
            assert get(f"{b}/private/page")
        else:
            with pytest.raises(InputError, match=f"robots.txt of 127.0.0.1 answered HTTP {status}"):
                get(f"{b}/private/page")


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd",
                                 "javascript:alert(1)", "example.org/page"])
def test_non_http_schemes(url: str) -> None:
    with pytest.raises(InputError, match="only http:// and https://") as err:
        fetch(url, max_bytes=MB)
    assert err.value.source == url


def test_credentials_in_url_refused() -> None:
    with pytest.raises(InputError, match="user name or password"):
        fetch("http://user:pw@example.org/", max_bytes=MB)


@pytest.mark.parametrize(("url", "why"), [
    ("http://127.0.0.1:{port}/ok", "loopback"),
    ("http://10.1.2.3/ok", "private"),
    ("http://[::1]:{port}/ok", "loopback"),
    ("http://localhost:{port}/ok", "loopback"),
    ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
    ("http://[fd00:ec2::254]/latest/meta-data/", "cloud metadata"),
    ("http://0.0.0.0:{port}/ok", "unspecified"),
    ("http://[::ffff:127.0.0.1]:{port}/ok", "loopback"),
])
def test_private_addresses_refused(base: str, url: str, why: str) -> None:
    port = base.rsplit(":", 1)[1]
    with pytest.raises(InputError, match=f"refused to fetch.*{why}"):
        fetch(url.format(port=port), max_bytes=MB)


def test_a_name_with_one_private_address_among_public_ones_is_refused() -> None:
    resolve = resolver({"mixed.test": ["93.184.216.34", "10.0.0.5"]})
    with pytest.raises(InputError, match=r"10\.0\.0\.5 is a private address"):
        fetch("http://mixed.test/", max_bytes=MB, resolve=resolve)


def test_redirect_from_public_host_to_loopback_is_refused(public_base: str) -> None:
    port = public_base.rsplit(":", 1)[1]
    resolve = resolver({"public.test": ["127.0.0.2"]})
    page = fetch(f"http://public.test:{port}/ok", max_bytes=MB, resolve=resolve,
                 check=pretend_public)
    assert page.content == PAGE  # the first hop really is allowed
    with pytest.raises(InputError, match=r"refused to fetch from 127\.0\.0\.1: .*loopback"):
        fetch(f"http://public.test:{port}/to-loopback", max_bytes=MB, resolve=resolve,
              check=pretend_public)


def test_connects_to_the_validated_address_not_a_second_dns_answer(public_base: str) -> None:
    """DNS rebinding: a resolver that answers public first, loopback after, is asked once."""
    port = public_base.rsplit(":", 1)[1]
    answers = iter([["127.0.0.2"], ["127.0.0.1"], ["127.0.0.1"]])
    calls: list[str] = []

    def rebinding(host: str, p: int) -> list[IPAddress]:
        calls.append(host)
        return [ipaddress.ip_address(a) for a in next(answers)]

    page = fetch(f"http://rebind.test:{port}/echo", max_bytes=MB, resolve=rebinding,
                 check=pretend_public, respect_robots=False)
    assert calls == ["rebind.test"]
    assert page.text() == f"host=rebind.test:{port} server=127.0.0.2"


@pytest.mark.parametrize(("addr", "public"), [
    ("8.8.8.8", True), ("2606:4700:4700::1111", True), ("93.184.216.34", True),
    ("127.0.0.1", False), ("10.0.0.1", False), ("172.16.3.4", False), ("192.168.1.1", False),
    ("169.254.1.1", False), ("100.64.0.1", False), ("224.0.0.1", False), ("240.0.0.1", False),
    ("0.0.0.0", False), ("::", False), ("::1", False), ("fe80::1", False), ("fc00::1", False),
    ("ff02::1", False), ("::ffff:10.0.0.1", False), ("64:ff9b::7f00:1", False),
    ("2002:7f00:1::", False), ("100.100.100.200", False),
])
def test_address_problem(addr: str, public: bool) -> None:
    assert (address_problem(ipaddress.ip_address(addr)) is None) is public


@pytest.fixture(scope="module")
def tls_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for ``pinned.test``."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("needs the openssl command to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=pinned.test",
                    "-addext", "subjectAltName=DNS:pinned.test"], check=True,
                   capture_output=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"{server.server_address[1]}", cert
    finally:
        server.shutdown()
        server.server_close()


def test_https_verifies_the_name_while_connecting_to_the_pinned_address(
        tls_base: tuple[str, Path]) -> None:
    port, cert = tls_base
    trusting = ssl.create_default_context(cafile=str(cert))
    resolve = resolver({"pinned.test": ["127.0.0.1"]})
    page = fetch(f"https://pinned.test:{port}/ok", allow_private=True, max_bytes=MB,
                 resolve=resolve, ssl_context=trusting)
    assert page.content == PAGE
    # Same address, other name: the certificate does not match, the fetch fails.
    with pytest.raises(InputError, match="CERTIFICATE_VERIFY_FAILED"):
        fetch(f"https://127.0.0.1:{port}/ok", allow_private=True, max_bytes=MB,
              ssl_context=trusting)
    # The default context (certifi) does not trust a self-signed certificate.
    with pytest.raises(InputError, match="CERTIFICATE_VERIFY_FAILED"):
        fetch(f"https://pinned.test:{port}/ok", allow_private=True, max_bytes=MB,
              resolve=resolve)
