"""Reading inputs: encodings, limits, bad files, HTML, byline dates, language."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selon.errors import InputError
from selon.ingest import article_from_path, article_from_text
from selon.ingest.byline import published_in_byline
from selon.ingest.language import identify
from selon.ingest.reading import decode, gunzip, looks_binary
from selon.settings import Settings

FR = ("Le ministre a déclaré mardi que la réforme serait votée avant l'été, selon "
      "l'agence de presse, et les syndicats ont dénoncé une décision prise sans eux.\n")
PAGE = """<!DOCTYPE html><html lang="fr"><head><title>Un port bloqué</title>
<meta property="og:site_name" content="Le Quotidien d'Essai">
<meta property="article:published_time" content="2021-03-29T10:00:00+02:00"></head>
<body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article><h1>Un port bloqué</h1>
<p>Le porte-conteneurs est resté coincé pendant six jours dans le canal, a indiqué
l'autorité du canal dans un communiqué publié lundi soir.</p>
<p>« Le trafic reprendra dès demain », a assuré son président lors d'une conférence de
presse, selon les journalistes présents sur place.</p>
<p>Plus de quatre cents navires attendaient de pouvoir passer, d'après les chiffres
communiqués par les armateurs.</p></article>
<footer>Abonnez-vous à notre newsletter</footer></body></html>"""


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_plain_text_is_kept_exactly(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", FR.encode())
    art = article_from_path(p, Settings(published="2025-06-18"))
    assert art.text == FR
    assert art.published == date(2025, 6, 18) and art.published_from == "flag"
    assert len(art.id) == 16


def test_same_text_same_id(tmp_path: Path) -> None:
    a = article_from_path(write(tmp_path, "a.txt", FR.encode()), Settings())
    b = article_from_path(write(tmp_path, "b.txt", FR.encode()), Settings())
    c = article_from_path(write(tmp_path, "c.txt", (FR + "Fin.\n").encode()), Settings())
    assert a.id == b.id != c.id


def test_latin1_file_is_decoded_with_a_warning(tmp_path: Path) -> None:
    p = write(tmp_path, "latin.txt", FR.encode("cp1252"))
    art = article_from_path(p, Settings())
    assert "déclaré" in art.text and "dénoncé" in art.text
    assert any("not UTF-8" in w for w in art.warnings)
    short = "Très déçu, le maître-nageur français a reçu 3 œufs.\n"
    p = write(tmp_path, "short.txt", short.encode("cp1252"))
    assert article_from_path(p, Settings()).text == short


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t", "empty"),
        ("bin.txt", b"\x00\x01\x02binary\x00" * 50, "binary"),
        ("img.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
        ("nothing.html", b"<html><head><title>x</title></head><body><nav>menu</nav></body></html>",
         "no article text"),
    ],
)
def test_bad_inputs_name_the_file(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    p = write(tmp_path, name, data)
    with pytest.raises(InputError) as err:
        article_from_path(p, Settings())
    assert message in str(err.value)
    assert str(p) in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        article_from_path(tmp_path / "absent.txt", Settings())


def test_size_limit(tmp_path: Path) -> None:
    p = write(tmp_path, "big.txt", FR.encode() * 2000)
    with pytest.raises(InputError, match="over the"):
        article_from_path(p, Settings(max_bytes=100_000))
    assert article_from_path(p, Settings(max_bytes=1_000_000)).text.startswith("Le ministre")


def test_gzip_bomb_is_refused_without_inflating_it(tmp_path: Path) -> None:
    p = write(tmp_path, "bomb.html.gz", gzip.compress(b"<p>" + b"a" * 5_000_000))
    assert p.stat().st_size < 100_000
    with pytest.raises(InputError, match="once decompressed"):
        article_from_path(p, Settings(max_bytes=1_000_000))


def test_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress(PAGE.encode())
    with pytest.raises(InputError, match=r"truncated|not valid gzip"):
        gunzip(data[: len(data) // 2], 10_000_000, "x.gz")


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    p = write(tmp_path, "page.html", PAGE.encode())
    art = article_from_path(p, Settings())
    assert "coincé pendant six jours" in art.text
    assert "Accueil" not in art.text and "newsletter" not in art.text
    assert art.title == "Un port bloqué"
    assert art.outlet == "Le Quotidien d'Essai"
    assert art.published == date(2021, 3, 29) and art.published_from == "html"


def test_html_gz_and_flags_override(tmp_path: Path) -> None:
    p = write(tmp_path, "page.html.gz", gzip.compress(PAGE.encode()))
    art = article_from_path(p, Settings(published="2021-04-01", outlet="Autre"))
    assert art.published == date(2021, 4, 1) and art.outlet == "Autre"


def test_byline_date() -> None:
    text = "Agence X avec AFP-Services, publié le vendredi 03 janvier 2020 à 09h10\nTexte.\n"
    assert published_in_byline(text) == date(2020, 1, 3)
    assert published_in_byline("AFP, publié le 31 février 2020\n") is None
    art = article_from_text(text, Settings())
    assert art.published == date(2020, 1, 3) and art.published_from == "byline"
    assert art.outlet == "Agence X"
    assert article_from_text("AFP, publié le jeudi 21 mai 2020\nTexte.\n", Settings()).outlet \
        is None


def test_no_date_falls_back_to_today_with_warning() -> None:
    art = article_from_text(FR, Settings(), source="x.txt")
    assert art.published == date.today() and art.published_from == "today"
    assert any("x.txt" in w and "--published" in w for w in art.warnings)


def test_language_identification() -> None:
    assert identify(FR) == "fr"
    assert identify("The minister said on Tuesday that the bill would pass, and the unions "
                    "were not happy with it.") == "en"
    assert identify("1 2 3") is None
    with pytest.raises(InputError, match="'en'"):
        article_from_text("The minister said that the vote was held in the house and that it "
                          "was won by the party.", Settings(lang="auto"))
    assert article_from_text(FR, Settings(lang="auto")).lang == "fr"


@given(st.text(min_size=1, max_size=300))
def test_decode_roundtrips_utf8_or_refuses(s: str) -> None:
    data = s.encode("utf-8")
    try:
        text, warning = decode(data, "h.txt")
    except InputError as exc:
        assert "h.txt" in str(exc)
        assert not data.strip() or looks_binary(data)
    else:
        assert warning is None and text == s.removeprefix("\ufeff")
