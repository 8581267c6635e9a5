"""Arguments become a stream of Articles and Failures: files, folders, JSONL, WARC, feeds, URLs."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from local_server import serving
from selon.ingest.fetch import clear_robots_cache
from selon.ingest.sources import Failure, iter_inputs
from selon.model import Article
from selon.settings import Settings

S = Settings()
PARA = ("Le ministre a déclaré mardi que la réforme serait votée avant l'été, selon l'agence "
        "de presse, et les syndicats ont dénoncé une décision prise sans eux. ")
LONG = " ".join(f"<p>{PARA}Paragraphe {i}.</p>" for i in range(6))  # well over 80 words


def page(title: str, body: str = PARA, published: str = "2021-03-29") -> str:
    return (f"<!DOCTYPE html><html lang='fr'><head><title>{title}</title>"
            f"<meta property='article:published_time' content='{published}T10:00:00+02:00'>"
            f"</head><body><article><h1>{title}</h1><p>{body}</p><p>{body}</p></article>"
            "</body></html>")


ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/robots.txt": (200, "text/plain", b"User-agent: *\nAllow: /\n"),
    "/article": (200, "text/html; charset=utf-8", page("Un article en ligne").encode()),
    "/entry": (200, "text/html; charset=utf-8", page("Une entrée courte").encode()),
    "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        status, ctype, body = ROUTES.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serving(Handler) as url:
        yield url


@pytest.fixture(autouse=True)
def _fresh_robots() -> None:
    clear_robots_cache()


def run(*args: str | Path, settings: Settings = S) -> list[Article | Failure]:
    return list(iter_inputs([str(a) for a in args], settings, allow_private=True))


def articles(items: list[Article | Failure]) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


def failures(items: list[Article | Failure]) -> list[Failure]:
    return [x for x in items if isinstance(x, Failure)]


# --- files and folders -----------------------------------------------------------------


def test_folder_is_read_recursively_sorted_known_suffixes_only(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Deux. " + PARA, "utf-8")
    (tmp_path / "a.html").write_text(page("Page A"), "utf-8")
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(("Trois. " + PARA).encode()))
    (tmp_path / "notes.md").write_text("# not an input", "utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / ".hidden.txt").write_text(PARA, "utf-8")
    items = run(tmp_path)
    assert not failures(items)
    assert [Path(a.source or "").name for a in articles(items)] == ["a.html", "2.txt", "c.txt.gz"]
    assert articles(items)[0].title == "Page A"


def test_missing_path_and_other_schemes_are_failures() -> None:
    items = run("/no/such/file.txt", "ftp://example.org/x")
    assert [f.input for f in failures(items)] == ["/no/such/file.txt", "ftp://example.org/x"]
    assert "no such file" in failures(items)[0].reason
    assert "only http:// and https://" in failures(items)[1].reason


def test_a_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_bytes(b"\0\1\2binary")
    (tmp_path / "2.txt").write_text(PARA, "utf-8")
    items = run(tmp_path)
    assert isinstance(items[0], Failure) and "binary" in items[0].reason
    assert isinstance(items[1], Article)


# --- JSONL -----------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 7, "text": PARA, "url": "https://ex.fr/a", "published": "2020-07-02",
                    "title": "Titre A", "outlet": "Le Journal"}),
        "{not json",
        "[1, 2]",
        json.dumps({"title": "no text"}),
        "",
        json.dumps({"html": page("Titre HTML", published="2019-01-01"),
                    "published": "2020-05-06T08:00:00Z"}),
        json.dumps({"text": PARA, "published": "hier"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    items = run(path)
    assert [x.input for x in failures(items)] == [f"{path}:line {n}" for n in (2, 3, 4)]
    assert "not valid JSON" in failures(items)[0].reason
    first, second, third = articles(items)
    assert first.source == f"{path}:line 1"
    assert (first.url, first.title, first.outlet) == ("https://ex.fr/a", "Titre A", "Le Journal")
    assert first.published == date(2020, 7, 2) and first.published_from == "metadata"
    assert first.id != "7" and len(first.id) == 16
    assert second.published == date(2020, 5, 6)  # the collection's date beats the page's
    assert second.title == "Titre HTML" and "ministre" in second.text
    assert third.published_from == "today"
    assert any("not a date" in w for w in third.warnings)


def test_jsonl_published_flag_overrides(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"text": PARA, "published": "2020-07-02"}) + "\n", "utf-8")
    [art] = run(path, settings=Settings(published="2024-01-31", outlet="Flag"))
    assert isinstance(art, Article)
    assert (art.published, art.published_from, art.outlet) == (date(2024, 1, 31), "flag", "Flag")


def test_jsonl_may_name_files_next_to_it_but_not_outside(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "8.txt").write_text(PARA, "utf-8")
    (tmp_path.parent / "outside.txt").write_text(PARA, "utf-8")
    path = tmp_path / "manifest.jsonl"
    path.write_text(json.dumps({"text": "text/8.txt", "published": "2020-07-02"}) + "\n"
                    + json.dumps({"text": "../outside.txt"}) + "\n", "utf-8")
    items = run(path)
    art = items[0]
    assert isinstance(art, Article) and "ministre" in art.text
    assert art.published == date(2020, 7, 2) and not art.warnings
    assert isinstance(items[1], Failure)  # "../outside.txt" is just two words of text


def test_truncated_jsonl_gz_keeps_the_lines_read(tmp_path: Path) -> None:
    rows = [json.dumps({"text": f"{PARA} Ligne numéro {i} : {i * 7919 % 10007}."})
            for i in range(400)]
    data = gzip.compress(("\n".join(rows) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    items = run(path)
    assert isinstance(items[-1], Failure)
    assert "truncated or corrupt" in items[-1].reason
    good = articles(items)
    assert len(good) > 10 and len(good) == len(items) - 1
    assert items[-1].input == f"{path}:line {len(good) + 1}"


def test_jsonl_line_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": PARA * 100}) + "\n" + json.dumps({"text": PARA}) + "\n",
                    "utf-8")
    items = run(path, settings=Settings(max_bytes=2000))
    assert isinstance(items[0], Failure) and "limit" in items[0].reason
    assert isinstance(items[1], Article)


# --- WARC ------------------------------------------------------------------------------


def _record(writer: WARCWriter, url: str, body: bytes, *, status: str = "200 OK",
            ctype: str = "text/html; charset=utf-8", kind: str = "response") -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        url, kind, payload=io.BytesIO(body),
        http_headers=http if kind == "response" else None))


@pytest.mark.parametrize("gz", [False, True])
def test_warc(tmp_path: Path, gz: bool) -> None:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    _record(w, "https://ex.fr/un", page("Premier").encode())
    _record(w, "https://ex.fr/un", b"GET /un HTTP/1.1\r\n\r\n", kind="request")
    _record(w, "https://ex.fr/absent", b"not found", status="404 Not Found")
    _record(w, "https://ex.fr/logo.png", b"\x89PNG", ctype="image/png")
    _record(w, "https://ex.fr/menu", b"<html><body><nav>Accueil</nav></body></html>")
    _record(w, "https://ex.fr/deux", page("Deuxième").encode())
    broken_at = buf.tell()
    buf.write(b"this is not a WARC record\r\n\r\n")
    _record(w, "https://ex.fr/trois", page("Troisième").encode())
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(buf.getvalue())
    items = run(path)
    assert [a.url for a in articles(items)] == ["https://ex.fr/un", "https://ex.fr/deux",
                                                "https://ex.fr/trois"]
    assert [a.title for a in articles(items)] == ["Premier", "Deuxième", "Troisième"]
    menu, broken = failures(items)
    assert menu.input.startswith(f"{path}:record at offset ") and "no article text" in menu.reason
    assert broken.input == f"{path}:record at offset {broken_at}"
    assert "broken WARC record" in broken.reason


def test_warc_that_is_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "x.warc"
    path.write_text("hello, I am not an archive\n" * 3, "utf-8")
    [failure] = run(path)
    assert isinstance(failure, Failure) and failure.input == f"{path}:record at offset 0"


# --- feeds -----------------------------------------------------------------------------


def rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Le Fil</title><link>{base}/</link><description>d</description>
<item><title>Longue entrée</title><link>{base}/long</link>
<pubDate>Tue, 02 Jun 2020 08:00:00 GMT</pubDate>
<content:encoded><![CDATA[{LONG}]]></content:encoded></item>
<item><title>Courte entrée</title><link>{base}/entry</link>
<pubDate>Wed, 03 Jun 2020 09:00:00 GMT</pubDate><description>Un résumé court.</description></item>
<item><title>Lien mort</title><link>{base}/gone</link><description>Court.</description></item>
<item><title>Sans lien</title><description>Court.</description></item>
</channel></rss>"""


ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atome Info</title><id>urn:x</id>
<updated>2021-02-03T00:00:00Z</updated>
<entry><title>Entrée Atom</title><id>urn:1</id><link href="https://ex.fr/atom/1"/>
<published>2021-02-01T10:00:00Z</published><updated>2021-02-02T10:00:00Z</updated>
<content type="html"><![CDATA[{LONG}]]></content></entry></feed>"""


def test_rss_feed_file(tmp_path: Path, base: str) -> None:
    path = tmp_path / "fil.rss"
    path.write_text(rss(base), "utf-8")
    items = run(path)
    long, short, gone, nolink = items
    assert isinstance(long, Article) and isinstance(short, Article)
    assert long.source == f"{path}:entry 1" and long.url == f"{base}/long"
    assert (long.title, long.outlet, long.published) == ("Longue entrée", "Le Fil",
                                                         date(2020, 6, 2))
    assert "Paragraphe 5" in long.text
    # The short entry was read from its link; the feed's date wins over the page's.
    assert short.url == f"{base}/entry" and short.title == "Courte entrée"
    assert short.published == date(2020, 6, 3) and short.published_from == "metadata"
    assert "ministre" in short.text
    assert isinstance(gone, Failure) and gone.input == f"{path}:entry 3 ({base}/gone)"
    assert "HTTP 404" in gone.reason
    assert isinstance(nolink, Failure) and "no link" in nolink.reason


def test_atom_feed_file_and_sniffing(tmp_path: Path) -> None:
    for name in ("fil.atom", "feed-without-suffix"):
        path = tmp_path / name
        path.write_text(ATOM, "utf-8")
        [art] = run(path)
        assert isinstance(art, Article)
        assert (art.title, art.outlet, art.url) == ("Entrée Atom", "Atome Info",
                                                    "https://ex.fr/atom/1")
        assert art.published == date(2021, 2, 1)


def test_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("Ceci n'est pas un flux, juste du texte.\n", "utf-8")
    [failure] = run(path)
    assert isinstance(failure, Failure) and failure.input == str(path)
    assert "not an RSS or Atom feed" in failure.reason


# --- URLs ------------------------------------------------------------------------------


def test_urls(base: str) -> None:
    ROUTES["/feed.xml"] = (200, "application/rss+xml", rss(base).encode())
    items = run(f"{base}/article", f"{base}/nothing", f"{base}/image", f"{base}/feed.xml")
    art = items[0]
    assert isinstance(art, Article)
    assert (art.url, art.source, art.title) == (f"{base}/article", f"{base}/article",
                                                "Un article en ligne")
    assert art.published == date(2021, 3, 29) and art.published_from == "html"
    assert isinstance(items[1], Failure) and "HTTP 404" in items[1].reason
    assert isinstance(items[2], Failure) and "image/png" in items[2].reason
    assert [type(x).__name__ for x in items[3:]] == ["Article", "Article", "Failure", "Failure"]


def test_private_urls_are_refused_by_default(base: str) -> None:
    [failure] = list(iter_inputs([f"{base}/article"], S))
    assert isinstance(failure, Failure) and "loopback" in failure.reason


def test_the_stream_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": PARA}) + "\n", "utf-8")
    stream = iter_inputs([str(path), "/no/such/file"], S)
    assert isinstance(next(stream), Article)
    assert isinstance(next(stream), Failure)
