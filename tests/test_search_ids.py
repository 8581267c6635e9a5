"""The ids of the documents a search finds, kept by their address in the index for the
index as it is (selon.store.searchindex): the same answers as the stored documents give,
before and after a batch changes the index."""

from __future__ import annotations

from pathlib import Path

from selon.store import Store
from selon.store import searchindex as si
from selon.store.synthetic import synthetic


def _stored_ids(store: Store, query: str) -> list[tuple[str, float]]:
    """What every_hit must give: read from the stored documents, nothing kept."""
    index = store.search_index._open(create=False)
    index.reload()
    searcher = index.searcher()
    parsed, _ = store.search_index.parse(query)
    hits = searcher.search(parsed, int(searcher.num_docs), count=False).hits
    return [(searcher.doc(a)["id"][0], float(s)) for s, a in hits]


def test_kept_ids_are_those_of_the_documents_before_and_after_a_batch(
        tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_many([synthetic(i) for i in range(6)])
        first = store.search_index.every_hit("soldats")
        assert first and first == _stored_ids(store, "soldats")
        kept = si._IDS[str(store.search_index.path)][1]
        assert len(kept) == len(first)  # every document found is kept by its address
        store.write_many([synthetic(i, seed=1) for i in range(6, 10)])  # the index changes
        after = store.search_index.every_hit("soldats")
        assert after == _stored_ids(store, "soldats")
        assert {i for i, _ in after} > {i for i, _ in first}  # the new articles found
        assert si._IDS[str(store.search_index.path)][1] is not kept  # the old ones dropped
        # another query of the same index finds its documents again from what is kept
        again = store.search_index.every_hit("soldat")
        assert again == _stored_ids(store, "soldat")
