"""The resolve stage reads the batch just written from the rows the store holds, not from
its tables: the same rows, the same decisions, whatever the size of the store."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from selon.model import Analysis, Article, Entity
from selon.resolve.canonical import Resolver
from selon.resolve.decisions import merge
from selon.resolve.titles import evidence
from selon.store import evidence as kept
from selon.store import resolution as rs
from selon.store.db import Store
from selon.store.rows import WriteItem
from web_fixtures import DemoStore


def article(aid: str, text: str, names: list[tuple[str, str, str]]) -> Analysis:
    """An analysis whose entities are (name, type, mention text), every mention of it."""
    entities = []
    for i, (name, type_, mention) in enumerate(names):
        spans, at = [], text.find(mention)
        while at >= 0:
            spans.append((at, at + len(mention)))
            at = text.find(mention, at + 1)
        entities.append(Entity(f"e{i}", name, type_, spans))
    return Analysis(Article(id=aid, text=text), entities=entities)


def ours() -> list[Analysis]:
    long = "Une longue introduction sur la situation, écrite pour que la mention " * 3
    return [
        article("b1", "Le président russe Vladimir Poutine a parlé. Poutine a été bref.",
                [("Vladimir Poutine", "PER", "Vladimir Poutine"), ("Poutine", "PER", "Poutine"),
                 ("Moscou", "LOC", "Moscou")]),
        article("b2", f"{long}M. Martin, le ministre français de l'Économie, a répondu. "
                      "Mme Lefèvre (CNRS) s'est tue. L'Élysée n'a rien dit.",
                [("Martin", "PER", "Martin"), ("Lefèvre", "PER", "Lefèvre"),
                 ("CNRS", "ORG", "CNRS"), ("Élysée", "ORG", "Élysée")]),
        article("b3", "Sergueï Choïgou, le ministre russe de la Défense, est à Kyiv. "
                      "« Choïgou ment », dit-on à Kyiv.",
                [("Sergueï Choïgou", "PER", "Sergueï Choïgou"), ("Kyiv", "LOC", "Kyiv"),
                 ("Choïgou", "PER", "Choïgou ment")]),
    ]


def canonical_of(store: Store, aid: str, eid: str) -> str:
    return str(store.scalar("SELECT canonical_id FROM canonical_members WHERE article_id = ? "
                            "AND entity_id = ?", [aid, eid]))


def sql_side(store: Store, call: Any) -> Any:
    """``call(store)`` with the held rows set aside: what the tables give."""
    held, store._recent = store._recent, None
    try:
        return call(store)
    finally:
        store._recent = held


def same_reads(store: Store, ids: list[str]) -> None:
    assert store.held(ids) is not None
    for call in (lambda s: rs.unresolved(s, ids),
                 lambda s: sorted(rs.mention_contexts(s, article_ids=ids),
                                  key=lambda r: (r["article_id"], r["entity_id"], r["before"])),
                 lambda s: sorted(rs.story_members(s, ids),
                                  key=lambda r: (r["article_id"], r["canonical_id"]))):
        held = call(store)
        assert held == sql_side(store, call)
    assert rs.unresolved(store, ids)  # something was compared


def test_held_batch_rows_equal_the_tables(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        ids = store.write_many(ours())
        same_reads(store, ids)
        contexts = {(r["article_id"], r["text"]): r for r in
                    rs.mention_contexts(store, article_ids=ids)}
        # 80 characters before a mention far into the text, all of them near its start
        assert len(contexts[("b2", "Martin")]["before"]) == 80
        assert contexts[("b1", "Vladimir Poutine")]["before"] == "Le président russe "
        assert contexts[("b3", "Choïgou ment")]["after"].startswith(" », dit-on")


def test_held_rows_of_real_analyses_equal_the_tables(demo_store: DemoStore,
                                                     tmp_path: Path) -> None:
    with Store(demo_store.path, read_only=True) as demo:
        analyses = demo.load_analyses(sorted(demo_store.ids.values()))
    with Store(tmp_path / "real.duckdb") as store:
        ids = store.write_many(analyses)
        assert len(ids) == len(analyses) >= 4
        same_reads(store, ids)
        assert rs.mention_contexts(store, article_ids=ids)


def test_a_repaired_near_copy_link_is_held_as_stored(tmp_path: Path) -> None:
    one, two, three = ours()
    with Store(tmp_path / "s.duckdb") as store:
        store.write_many([one])
        Resolver(store).run(["b1"])
        # b2 copies b1 (stored, resolved); b3 copies an article never stored: repaired
        ids = store.write_many([WriteItem(two, "b1"), WriteItem(three, "gone")])
        held = store.held(ids)
        assert held is not None
        assert held["articles"]["b2"]["duplicate_of"] == "b1"
        assert held["articles"]["b3"]["duplicate_of"] is None
        same_reads(store, ids)
        assert {r["article_id"] for r in rs.story_members(store, ["b1", *ids])} == {"b1"}


def test_nothing_is_held_once_resolved_or_decided(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        ids = store.write_many(ours()[:2])
        assert store.held(ids) is not None and store.held(["b1", "b9"]) is None
        Resolver(store).run(ids)
        assert store.held(ids) is None and store.held_ids == frozenset()
        assert rs.unresolved(store, ids) == []  # now read from the tables: all resolved


def resolve_in_batches(path: Path, batches: list[list[Analysis]], held: bool,
                       monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    with monkeypatch.context() as m:
        if not held:
            m.setattr(Store, "held", lambda self, ids: None)
            m.setattr(Store, "held_ids", property(lambda self: frozenset()))
        with Store(path) as store:
            resolver = Resolver(store)  # kept across batches, as ingest keeps it
            for batch in batches:
                resolver.run(store.write_many(batch))
            return store.fetch(
                "SELECT m.article_id, m.entity_id, m.canonical_id, m.score, m.reason, "
                "c.name FROM canonical_members m JOIN canonical c USING (canonical_id) "
                "ORDER BY m.article_id, m.entity_id")


def test_decisions_are_the_same_from_held_rows_and_from_the_tables(
        demo_store: DemoStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(demo_store.path, read_only=True) as demo:
        real = demo.load_analyses(sorted(demo_store.ids.values()))
    copies = [dataclasses.replace(a, article=dataclasses.replace(a.article, id=f"copy-{i}"))
              for i, a in enumerate(real)]
    batches = [ours()[:2], real[: len(real) // 2], [ours()[2], *real[len(real) // 2:]],
               copies]
    held = resolve_in_batches(tmp_path / "held.duckdb", batches, True, monkeypatch)
    read = resolve_in_batches(tmp_path / "read.duckdb", batches, False, monkeypatch)
    assert held == read
    assert len(held) > 20 and any(r["score"] < 1 for r in held)


def kept_against_mentions(store: Store) -> int:
    """Every canonical person whose evidence the store keeps has the evidence its members'
    mentions give; returns how many are kept."""
    known = [r["canonical_id"] for r in store.fetch(
        "SELECT canonical_id FROM canonical_evidence_known ORDER BY 1")]
    stored = kept.read(store, known)
    contexts: dict[str, list[tuple[str, str, str]]] = {cid: [] for cid in known}
    for r in rs.mention_contexts(store, canonical_ids=known):
        contexts[r["canonical_id"]].append((r["before"], r["text"], r["after"]))
    for cid in known:
        titles, genders = kept.parts(stored[cid])
        found = evidence(contexts[cid])
        assert ({(t.role, t.country, t.phrase) for t in found.titles}, found.genders) \
            == (set(titles), set(genders)), cid
    return len(known)


def test_kept_evidence_is_what_the_mentions_say(demo_store: DemoStore,
                                                tmp_path: Path) -> None:
    with Store(demo_store.path, read_only=True) as demo:
        real = demo.load_analyses(sorted(demo_store.ids.values()))
    with Store(tmp_path / "e.duckdb") as store:
        resolver = Resolver(store)
        for batch in (ours()[:2], real, [ours()[2]]):
            resolver.run(store.write_many(batch))
        assert kept_against_mentions(store) > 5
        assert any(kept.parts(rows)[0] for rows in kept.read(store, [r["canonical_id"] for r in
                   store.fetch("SELECT canonical_id FROM canonical_evidence_known")]).values())
        # a later run reads it from the store, and what joins is added
        copies = [dataclasses.replace(a, article=dataclasses.replace(a.article, id=f"c{i}"))
                  for i, a in enumerate([*ours(), *real])]
        Resolver(store).run(store.write_many(copies))
        assert kept_against_mentions(store) > 5
        # members moved by hand: those entities' evidence is read again when needed
        poutine = canonical_of(store, "b1", "e0")
        assert kept.read(store, [poutine])
        merge(store, "Vladimir Poutine", "Sergueï Choïgou")
        assert kept.read(store, [poutine, canonical_of(store, "b3", "e0")]) == {}
        kept_against_mentions(store)


def test_decisions_are_the_same_with_kept_evidence_and_without(
        demo_store: DemoStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[int] = []  # canonical entities whose kept evidence the second run used

    def read(store: Store, ids: list[str]) -> dict[str, list[kept.Row]]:
        found = real_read(store, ids)
        served.append(len(found))
        return found

    real_read = kept.read
    monkeypatch.setattr(kept, "read", read)
    with Store(demo_store.path, read_only=True) as demo:
        real = demo.load_analyses(sorted(demo_store.ids.values()))
    copies = [dataclasses.replace(a, article=dataclasses.replace(a.article, id=f"c{i}"))
              for i, a in enumerate([*ours(), *real])]
    results = []
    for forget in (False, True):
        with Store(tmp_path / f"k{forget}.duckdb") as store:
            Resolver(store).run(store.write_many([*ours(), *real]))
            if forget:  # as a store written before the evidence was kept
                with store._transaction("forgetting in") as con:
                    kept.forget(con, None)
            Resolver(store).run(store.write_many(copies))  # a second run
            results.append(store.fetch(
                "SELECT article_id, entity_id, canonical_id, score, reason "
                "FROM canonical_members ORDER BY article_id, entity_id"))
    assert results[0] == results[1]
    assert sum(served) > 0
    assert any("title" in r["reason"] or "candidate" in r["reason"] for r in results[0])
