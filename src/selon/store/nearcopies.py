"""Near-copy lookups: which stored article a new text's MinHash bands point to.

Candidates share at least one band with the new text; the ones sharing most bands are
tried first, and a ``signature_check`` on the candidate's stored signature (for example
``lambda other: similarity(sig, other) >= 0.8``) says whether it really is a near-copy.
The answer is always the original: if the match is itself a copy, the article it copies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from selon.store.db import Store, as_list

Bands = Sequence[tuple[int, int]]
Check = Callable[[list[int]], bool]


def find_duplicate(store: Store, bands: Bands, signature_check: Check | None = None,
                   *, max_candidates: int = 20) -> str | None:
    """The stored article that ``bands`` (of a new text) point to as a near-copy.

    Without ``signature_check`` the candidate sharing most bands wins.
    """
    return find_duplicates(store, [(bands, signature_check)], max_candidates=max_candidates)[0]


def find_duplicates(store: Store, queries: Sequence[tuple[Bands, Check | None]], *,
                    max_candidates: int = 20) -> list[str | None]:
    """:func:`find_duplicate` for many texts at once, in one query.

    Each query is (bands, signature_check); the answer, per query, is the original
    article its text is a near-copy of, or None.
    """
    items, bands_, hashes = [], [], []
    for i, (qbands, _check) in enumerate(queries):
        for b, h in qbands:
            items.append(i)
            bands_.append(b)
            hashes.append(h)
    found: list[str | None] = [None] * len(queries)
    if not items:
        return found
    rows = store.fetch(
        "SELECT q.item, b.article_id, count(*) AS shared, "
        "any_value(a.duplicate_of) AS dup_of, any_value(s.signature) AS signature, "
        "min(a.ingested_at) AS first_seen FROM minhash_bands b "
        "JOIN (SELECT unnest(?::JSON::INTEGER[]) AS item, unnest(?::JSON::INTEGER[]) AS band, "
        "      unnest(?::JSON::UBIGINT[]) AS hash) q ON b.band = q.band AND b.hash = q.hash "
        "LEFT JOIN articles a ON a.id = b.article_id "
        "LEFT JOIN signatures s ON s.article_id = b.article_id "
        "GROUP BY q.item, b.article_id "
        "QUALIFY row_number() OVER (PARTITION BY q.item "
        "  ORDER BY count(*) DESC, min(a.ingested_at), b.article_id) <= ? "
        "ORDER BY q.item, shared DESC, first_seen, b.article_id",
        [as_list(items), as_list(bands_), as_list(hashes), max_candidates])
    for row in rows:
        i = row["item"]
        check = queries[i][1]
        if found[i] is None and (check is None or (
                row["signature"] is not None and check(list(row["signature"])))):
            found[i] = str(row["dup_of"] or row["article_id"])
    return found
