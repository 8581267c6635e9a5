"""Texts longer than spaCy's 1,000,000-character limit (issue 12, item 3): analysed in
pieces cut at paragraph boundaries, with exact offsets, in ``analyze``, ``ingest`` and the
HTTP API; never a traceback."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from selon.analyse import pipeline
from selon.cli import main
from selon.ingest.files import content_id
from selon.model import Analysis, Article
from selon.settings import Settings
from selon.store.rows import check_spans

TOKEN = "long-text-token-0123456789"
PARAGRAPHS = [
    "Le ministre Jean Dufresne a déclaré mardi que 40 000 logements seraient construits "
    "d'ici 2027, selon un communiqué publié à Paris.",
    "« Nous tiendrons ce calendrier », a affirmé Jean Dufresne devant les députés.",
    "La maire de Lyon, Claire Vautrin, a estimé que le plan arrivait trop tard, "
    "d'après l'Agence France-Presse.",
    "Selon la fédération du bâtiment, environ 12 000 chantiers sont à l'arrêt depuis mars.",
]


def long_text(filler: int) -> str:
    """The paragraphs, then ``filler`` blank lines, then the paragraphs again."""
    body = "\n\n".join(PARAGRAPHS)
    return body + "\n" * filler + body + "\n"


def article(text: str) -> Article:
    return Article(id=content_id(text), text=text, published=date(2024, 5, 2),
                   published_from="flag", source="long.txt")


def contents(a: Analysis) -> list[tuple[str, str | None, str]]:
    text = a.article.text
    return [(at.kind, at.source.text if at.source else None,
             text[at.content[0]:at.content[1]]) for at in a.attributions]


def test_a_text_over_a_million_characters_is_analysed_with_exact_offsets(nlp: object) -> None:
    text = long_text(1_000_500)
    assert len(text) > 1_000_000
    result = pipeline.analyze_one(article(text))
    check_spans(result)
    single = pipeline.analyze_one(article("\n\n".join(PARAGRAPHS) + "\n"))
    # the same statements at both ends of the text, at the right offsets
    assert contents(result) == contents(single) * 2
    tail = len(text) - len(single.article.text)
    assert result.attributions[-1].content == (single.attributions[-1].content[0] + tail,
                                               single.attributions[-1].content[1] + tail)
    names = [e.name for e in result.entities]
    assert len(names) == len(set((e.name, e.type) for e in result.entities))  # merged
    dufresne = next(e for e in result.entities if e.name == "Jean Dufresne")
    assert all(text[s:e] in ("Jean Dufresne", "Dufresne") for s, e in dufresne.mentions)
    assert len(dufresne.mentions) == 2 * len(next(
        e for e in single.entities if e.name == "Jean Dufresne").mentions)
    ids = [a.id for a in result.attributions]
    assert len(ids) == len(set(ids))
    qids = {q.id for q in result.quantities}
    assert all(set(a.quantities) <= qids for a in result.attributions)


def test_pieces_are_cut_at_paragraphs_and_cover_the_text(nlp: object,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join(PARAGRAPHS * 6)
    monkeypatch.setattr(pipeline, "PIECE_CHARS", 700)
    cuts = pipeline.pieces(text, 700)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(cuts))
    assert all(e - s <= 700 for s, e in cuts) and len(cuts) > 3
    assert all(text[e - 2:e] == "\n\n" for _, e in cuts[:-1])
    result = pipeline.analyze_one(article(text))
    check_spans(result)
    whole = {c for c in contents(pipeline.analyze_one(article("\n\n".join(PARAGRAPHS))))}
    assert set(contents(result)) == whole  # every statement, found in every piece
    assert len(result.attributions) == 6 * len(whole)


def test_analyze_command_takes_a_long_text_among_others(tmp_path: Path, nlp: object) -> None:
    big = tmp_path / "big.txt"
    big.write_text(long_text(1_000_500), encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["analyze", "--published", "2024-05-02", str(big), str(small)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "E088" not in result.output
    assert result.output.count("attributions (") == 2


def test_the_api_analyses_a_long_text(tmp_path: Path, nlp: object) -> None:
    from selon.web import create_app

    app = create_app(tmp_path / "w.duckdb", Settings(max_bytes=3_000_000), api_token=TOKEN)
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.post("/api/analyze", json={"text": long_text(1_000_500),
                                              "published": "2024-05-02"},
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text[:300]
    assert len(r.json()["attributions"]) == 2 * len(contents(
        pipeline.analyze_one(article("\n\n".join(PARAGRAPHS) + "\n"))))
