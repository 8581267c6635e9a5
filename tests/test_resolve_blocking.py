"""Blocking loses nothing: on labelled name pairs, and on a store of real articles
analysed here, resolution and screening with blocking give what comparing every name
with every other gives."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from selon.analyse import pipeline
from selon.model import Article
from selon.resolve.blocking import NameBlocks
from selon.resolve.canonical import Resolver
from selon.resolve.evaluate import read_pairs
from selon.resolve.matcher import compare_forms
from selon.resolve.names import name_form
from selon.resolve.places import place_of
from selon.resolve.screen import ListIndex, screen_entity
from selon.resolve.watchlists import read_list
from selon.store import evidence as kept
from selon.store import resolution as rs
from selon.store.db import Store

HERE = Path(__file__).parent / "data"
ARTICLES = 24


def _pair_files(shared: Path | None) -> list[Path]:
    files = [HERE / "name_pairs.csv"]
    if shared is not None:
        files += sorted((shared / "data" / "names").glob("*.csv"))
    return files


@pytest.fixture(scope="module")
def maybe_shared() -> Path | None:
    path = Path(__file__).resolve().parents[1].parent / "shared"
    return path if (path / "data" / "names").is_dir() else None


def test_every_pair_the_matcher_scores_is_a_candidate(maybe_shared: Path | None) -> None:
    checked = 0
    for path in _pair_files(maybe_shared):
        for pair in read_pairs(path):
            if pair.kind == "LOC" and place_of(pair.name1) and place_of(pair.name2):
                continue  # places meet by their country code, not by their words
            a, b = name_form(pair.name1, pair.kind), name_form(pair.name2, pair.kind)
            for careful, strict in ((True, False), (False, True), (False, False)):
                if compare_forms(a, b, careful=careful, strict_joins=strict).score <= 0.55:
                    continue
                checked += 1
                for query, held in ((a, b), (b, a)):
                    blocks = NameBlocks()
                    blocks.add(7, held)
                    assert blocks.candidates(query) == [7], (pair.name1, pair.name2)
    assert checked >= 900  # the own set alone has about 970 such pairs and modes


def test_words_that_meet_nothing_are_no_candidates() -> None:
    blocks = NameBlocks()
    for i, name in enumerate(["Kim Jong Un", "Kim Yo Jong", "Sergueï Choïgou", "Jean Martin"]):
        blocks.add(i, name_form(name))
    assert sorted(blocks.candidates(name_form("Kim Jong-un"))) == [0]
    assert sorted(blocks.candidates(name_form("Sergei Shoigu"))) == [2]
    assert sorted(blocks.candidates(name_form("Сергей Шойгу"))) == [2]
    assert blocks.candidates(name_form("Jean Dupont")) == []  # one word of two met
    assert blocks.candidates(name_form("Paul Durand")) == []


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory,
               maybe_shared: Path | None) -> Iterator[Path]:
    if maybe_shared is None:
        pytest.skip("needs ../shared/data/orangesum-intl")
    folder = maybe_shared / "data" / "orangesum-intl"
    meta = [json.loads(line) for line in
            (folder / "articles.jsonl").read_text("utf-8").splitlines()[:ARTICLES]]
    arts = [Article(id=f"r{m['id']}", text=(folder / m["text"]).read_text("utf-8"),
                    title=m["title"]) for m in meta]
    path = tmp_path_factory.mktemp("blocking") / "real.duckdb"
    with Store(path) as store:
        store.write_many(list(pipeline.analyze(arts)))
    yield path


def _resolved(path: Path, exhaustive: bool) -> dict[tuple[str, str], tuple[Any, ...]]:
    with Store(path) as store:
        with store._transaction("clearing resolution in") as con:
            con.execute("DELETE FROM canonical_members")
            con.execute("DELETE FROM canonical")
            kept.forget(con, None)
        ids = [r["id"] for r in store.fetch("SELECT id FROM articles ORDER BY id")]
        resolver = Resolver(store, exhaustive=exhaustive)
        for i in range(0, len(ids), 6):  # batches, as ingest resolves them
            resolver.run(ids[i:i + 6])
        return {(r["article_id"], r["entity_id"]): (r["canonical_id"], r["score"], r["reason"])
                for r in store.fetch("SELECT * FROM canonical_members")}


def test_resolution_with_blocking_is_the_exhaustive_one(real_store: Path) -> None:
    blocked = _resolved(real_store, exhaustive=False)
    every = _resolved(real_store, exhaustive=True)
    assert len(blocked) >= 10 * ARTICLES  # real articles name many people, groups, places
    joined = [k for k, v in blocked.items() if "score" in v[2]]
    assert joined  # some joins by the matcher, not only same keys
    assert blocked == every


def test_screening_with_blocking_is_the_exhaustive_one(real_store: Path,
                                                      maybe_shared: Path) -> None:
    un = read_list(maybe_shared / "data" / "sanctions" / "UN_consolidated.xml",
                   max_bytes=500 * 2**20)
    mine = read_list(HERE / "watchlists" / "list.ftm.jsonl", max_bytes=2**20)
    with Store(real_store) as store:
        targets = rs.screening_targets(store, None)
    words = {p.spelling for t in targets for n in t["names"]
             for p in name_form(n, t["type"]).parts}
    # the entries sharing a word with the store's names, and others drawn at random
    near = [e for e in un.entries if any(p.spelling in words for n in (e.names or [e.name])
                                         for p in name_form(n).parts)]
    rest = [e for e in un.entries if e not in near]
    chosen = near + random.Random(3).sample(rest, 60) + list(mine.entries)
    entries = [{"list": "UN", **vars(e)} for e in chosen]
    blocked, every = ListIndex(entries), ListIndex(entries, exhaustive=True)
    flagged = compared = 0
    for target in targets:
        got, n = screen_entity(blocked, target["type"], target["names"], None, 0.6)
        want, m = screen_entity(every, target["type"], target["names"], None, 0.6)
        assert got == want, target["names"]
        flagged += bool(got)
        compared += n
        assert n <= m
    assert len(targets) >= 3 * ARTICLES and flagged
    assert compared < len(targets) * len(entries) / 20  # blocking does prune


def _entry(entry_id: str, names: list[str]) -> dict[str, Any]:
    return {"list": "T", "entry_id": entry_id, "schema": "Person", "name": names[0],
            "names": names, "programme": "test", "countries": [], "birth_dates": [],
            "positions": []}


def test_consonants_of_an_arabic_alias_alone_flag_no_one() -> None:
    # « Karam Hadid » has the consonants of « كريم حداد » but is not « Karim Haddad »
    with_latin = ListIndex([_entry("1", ["Karim Haddad", "كريم حداد"])])
    found, _ = screen_entity(with_latin, "PER", ["Karam Hadid"])
    assert found == []
    found, _ = screen_entity(with_latin, "PER", ["Karim Haddad"])
    assert [f["entry_id"] for f in found] == ["1"]
    arabic_only = ListIndex([_entry("2", ["كريم حداد"])])
    found, _ = screen_entity(arabic_only, "PER", ["Karam Hadid"])
    assert [f["entry_id"] for f in found] == ["2"]  # no transcription to prefer
