"""Real pages from ../shared/data/orangesum-intl: raw HTML in, sound records out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from selon.analyse import pipeline
from selon.ingest import article_from_path
from selon.output import to_json
from selon.settings import Settings

N = 12


@pytest.fixture(scope="module")
def records(shared: Path) -> list[dict[str, Any]]:
    folder = shared / "data" / "orangesum-intl"
    meta = [json.loads(line) for line in
            (folder / "articles.jsonl").read_text("utf-8").splitlines()[:N]]
    arts = [article_from_path(folder / m["html"], Settings()) for m in meta]
    return [to_json(a) for a in pipeline.analyze(arts)]


def test_raw_pages_give_dated_credited_articles(records: list[dict[str, Any]]) -> None:
    assert len(records) == N
    for rec in records:
        art = rec["article"]
        assert isinstance(art, dict)
        assert art["published"] and art["published_from"] in ("html", "byline")
        assert art["title"] and len(art["text"]) > 200
    credits = [r["article"]["credit"] for r in records]
    assert credits.count("AFP") >= N // 2


def test_every_span_points_inside_the_text(records: list[dict[str, Any]]) -> None:
    for rec in records:
        text = rec["article"]["text"]
        spans = [s for s in rec["body"]]
        for e in rec["entities"]:
            spans += e["mentions"]
        for a in rec["attributions"]:
            spans += [a["content"]] + ([a["cue"]] if a["cue"] else [])
            spans += [p["span"] for p in ([a["source"]] if a["source"] else []) + a["via"]]
        for q in rec["quantities"] + rec["times"]:
            spans.append(q["span"])
        assert all(0 <= s < e <= len(text) for s, e in spans)


def test_reported_speech_is_found_with_sources(records: list[dict[str, Any]]) -> None:
    attributions = [a for r in records for a in r["attributions"]]
    assert len(attributions) >= 3 * N  # wire copy quotes people in nearly every paragraph
    with_source = [a for a in attributions if a["source"]]
    assert len(with_source) >= 0.9 * len(attributions)
    texts = [a["source"]["text"].lower() for a in with_source]
    assert not any(t in ("il", "elle", "ils", "elles", "-il", "-elle") for t in texts)
