"""Exports: selon/1 JSON Lines, CSV of attributions, Parquet per table, FollowTheMoney."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from selon.errors import ConfigError
from selon.output import to_json
from selon.store import Store
from selon.store.export import PARQUET_TABLES, Selection, export, ftm_id
from selon.store.synthetic import synthetic

ARTICLES = [synthetic(i) for i in range(5)]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "s.duckdb")
    s.write_many(ARTICLES)
    yield s
    s.close()


def test_jsonl_is_the_selon_1_record_of_each_article(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert export(store, "jsonl", out) == 5
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    by_id = {r["article"]["id"]: r for r in records}
    assert by_id == {an.article.id: to_json(an) for an in ARTICLES}


def test_jsonl_to_a_stream_with_a_selection(store: Store) -> None:
    buf = io.StringIO()
    first = ARTICLES[0].article
    n = export(store, "jsonl", buf, Selection(since=first.published, until=first.published))
    assert n == 1
    assert json.loads(buf.getvalue())["article"]["id"] == first.id


def test_csv_has_one_row_per_attribution_with_the_chain(store: Store) -> None:
    buf = io.StringIO()
    assert export(store, "csv", buf) == 50
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == 50
    an = ARTICLES[0]
    at = an.attributions[0]
    row = next(r for r in rows if r["article_id"] == an.article.id
               and r["attribution_id"] == at.id)
    assert at.source is not None
    assert row["chain"] == f"{at.source.text} ← {at.via[0].text}"
    assert row["content"] == an.article.text[at.content[0]:at.content[1]]
    assert int(row["content_start"]) == at.content[0]
    assert an.article.published is not None
    assert row["published"] == an.article.published.isoformat()


def test_parquet_writes_one_file_per_table(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "pq"
    assert export(store, "parquet", folder) == len(PARQUET_TABLES)
    for table in PARQUET_TABLES:
        n = duckdb.sql(f"SELECT count(*) FROM '{folder / table}.parquet'").fetchone()
        assert n is not None and n[0] == store.scalar(f"SELECT count(*) FROM {table}"), table


def test_parquet_of_a_selection_has_only_its_rows(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "pq"
    first = ARTICLES[0].article
    export(store, "parquet", folder, Selection(until=first.published))
    ids = duckdb.sql(f"SELECT DISTINCT article_id FROM '{folder}/mentions.parquet'").fetchall()
    assert ids == [(first.id,)]


def test_bad_format_and_parquet_to_a_stream_are_refused(store: Store) -> None:
    with pytest.raises(ConfigError, match="format"):
        export(store, "xml", io.StringIO())
    with pytest.raises(ConfigError, match="folder"):
        export(store, "parquet", io.StringIO())


def ftm(store: Store, query: Selection | str | None = None) -> list[dict[str, object]]:
    buf = io.StringIO()
    n = export(store, "ftm", buf, query)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert n == len(lines)
    return lines


def test_ftm_entities_are_well_shaped_and_linked(store: Store) -> None:
    entities = ftm(store)
    by_id: dict[str, dict[str, object]] = {}
    for e in entities:
        assert set(e) == {"id", "schema", "properties"}
        assert e["schema"] in {"Article", "Person", "Organization", "Mention", "Documentation",
                               "Event"}
        props = e["properties"]
        assert isinstance(props, dict) and props
        assert all(isinstance(v, list) and v and all(isinstance(x, str) for x in v)
                   for v in props.values())
        assert e["id"] not in by_id, "an entity was emitted twice"
        by_id[str(e["id"])] = e
    schemas = [e["schema"] for e in entities]
    assert schemas.count("Article") == 5
    for e in entities:
        props = e["properties"]
        assert isinstance(props, dict)
        if e["schema"] == "Mention":
            assert {"document", "name"} <= set(props)
            assert by_id[props["document"][0]]["schema"] == "Article"
            if "resolved" in props:
                assert by_id[props["resolved"][0]]["schema"] == props["detectedSchema"][0]
        if e["schema"] == "Event":  # a statement: what was said, in which article
            assert props["description"] and by_id[props["proof"][0]]["schema"] == "Article"
        if e["schema"] == "Documentation":
            assert by_id[props["entity"][0]]["schema"] in {"Person", "Organization"}
            assert "mentioned" in props["role"]
    article = by_id[ftm_id("Article", ARTICLES[0].article.id)]
    assert article["properties"] == {
        "title": [ARTICLES[0].article.title], "publishedAt": ["2024-01-01"],
        "sourceUrl": [ARTICLES[0].article.url], "language": ["fra"], "author": ["AFP"],
        **({"publisher": [ARTICLES[0].article.outlet]} if ARTICLES[0].article.outlet else {}),
    }


def test_ftm_ids_are_stable_and_people_are_shared_across_articles(store: Store) -> None:
    first, again = ftm(store), ftm(store)
    assert first == again
    people = [e for e in first if e["schema"] == "Person"]
    names = [p["properties"]["name"][0] for p in people]  # type: ignore[index]
    assert len(names) == len(set(names))
    # a person named in several articles has one entity, documented by each article
    docs = [e for e in first if e["schema"] == "Documentation"]
    per_entity: dict[str, int] = {}
    for d in docs:
        per_entity[d["properties"]["entity"][0]] = per_entity.get(  # type: ignore[index]
            d["properties"]["entity"][0], 0) + 1  # type: ignore[index]
    assert max(per_entity.values()) > 1
    quoted = [d for d in docs if "quoted" in d["properties"]["role"]]  # type: ignore[index]
    assert quoted
