"""Stores grown from copies of analyses (for benchmarks): every record copied under the
copy's id, links kept within a copy, and the index and summary cover the copies."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from selon.resolve.canonical import _rows
from selon.resolve.titles import evidence as read_titles
from selon.store import Store, WriteItem, evidence, queries
from selon.store import resolution as rs
from selon.store.columns import RECORD_TABLES
from selon.store.copies import grow
from selon.store.synthetic import synthetic
from test_summaries import _corpus_lines, _ingest


def test_a_grown_store_holds_whole_copies_under_new_ids(tmp_path: Path) -> None:
    base = tmp_path / "base.duckdb"
    originals = [synthetic(i) for i in range(4)]
    with Store(base) as store:
        store.write_many([WriteItem(a) for a in originals[:3]])
        store.write_many([WriteItem(originals[3], originals[0].article.id)])
    with Store(tmp_path / "big.duckdb") as big:
        assert grow(big, base, 10) == 12  # whole rounds of the base: 3 of 4 articles
        assert grow(big, base, 10) == 0  # already that big
        ids = [r["id"] for r in big.fetch("SELECT id FROM articles")]
        assert len(ids) == len(set(ids)) == 12
        assert not {a.article.id for a in originals} & set(ids)
        for table in RECORD_TABLES:
            with Store(base, read_only=True) as b:
                one = b.scalar(f"SELECT count(*) FROM {table}")
            assert big.scalar(f"SELECT count(*) FROM {table}") == 3 * one
        # Each copy of the near-copy points at the copy of its original in the same round.
        links = big.fetch("SELECT c.url AS url, o.url AS original FROM articles c "
                          "JOIN articles o ON o.id = c.duplicate_of")
        assert len(links) == 3
        assert all(link["url"].split("#")[1] == link["original"].split("#")[1]
                   for link in links)
        days = big.fetch("SELECT DISTINCT published FROM articles")
        assert len(days) == 1  # 12 articles at 100 a day
        assert big.search_index_current
        assert len(queries.search(big, "soldats", limit=50)) == 12
        copy = big.load_analyses([ids[5]])[0]
        original = next(a for a in originals if a.article.text == copy.article.text)
        assert copy.attributions == original.attributions
        top = queries.entities(big, limit=1)[0]
        with Store(base, read_only=True) as b:
            assert top["cited"] == 3 * queries.entities(b, limit=1)[0]["cited"]


def test_a_grown_store_keeps_the_titles_its_canonical_people_have_in_the_base(
        shared: Path, tmp_path: Path) -> None:
    """The copies' texts are the base's, so each canonical person whose titles the base
    keeps whole keeps them whole in the grown store too: the kept rows are what reading
    every mention of its members there gives (the resolve stage then reads no mention
    of them again, as in a store filled by ingests)."""
    base = tmp_path / "real.duckdb"
    _ingest(_corpus_lines(shared, 0, 12, tmp_path / "a.jsonl"), base)
    with Store(tmp_path / "grown.duckdb") as big:
        assert grow(big, base, 30) >= 30
        known = [r["canonical_id"] for r in big.fetch(
            f"SELECT canonical_id FROM {evidence.KNOWN} ORDER BY 1")]
        assert len(known) > 10
        kept = evidence.read(big, known)
        contexts: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for r in rs.mention_contexts(big, canonical_ids=known):
            contexts[r["canonical_id"]].append((r["before"], r["text"], r["after"]))
        assert sum(len(v) for v in contexts.values()) > 3 * len(known)
        titled = 0
        for cid in known:
            expected = sorted(_rows(cid, read_titles(contexts[cid])))
            assert sorted(kept.get(cid, [])) == expected, cid
            titled += bool(expected)
        assert titled > 3
