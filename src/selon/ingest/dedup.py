"""Near-duplicate articles (the same wire story under another headline): MinHash + LSH.

A text becomes the set of its word 5-grams ("shingles") after normalisation: casefolded,
accents kept, punctuation dropped, digits kept. Each shingle gets a 64-bit hash (a
polynomial over 64-bit word hashes, vectorised with numpy), and the signature is its
minimum under :data:`NUM_PERM` hash functions of the multiply-shift family
``h(x) = ((a * x + b) mod 2**64) >> 32`` with odd ``a`` (a universal family on 64-bit
keys), whose parameters come from a fixed seed: signatures are stable across runs,
processes and machines, so they can be stored.

The share of equal positions of two signatures estimates the Jaccard similarity of the
shingle sets (:func:`similarity`). For search, a signature is cut into bands
(:func:`bands`); two texts sharing a band hash are candidates, then checked with
:func:`similarity` against :data:`DUPLICATE_THRESHOLD`. With 32 bands of 4 rows, a pair
at 0.8 shares a band with probability 1 - (1 - 0.8**4)**32 > 0.99999.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

NUM_PERM = 128
SHINGLE_WORDS = 5
N_BANDS = 32
# Estimated Jaccard similarity of shingles above which two texts are "the same wire story".
DUPLICATE_THRESHOLD = 0.8
SEED = 20250618
_MAX_HASH = (1 << 32) - 1
_BLOCK = 8192  # shingles hashed at once (bounds memory to BLOCK x NUM_PERM x 8 bytes)
_WORD = re.compile(r"[^\W_]+")

_rng = np.random.default_rng(SEED)
_A = _rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_B = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier that combines word hashes

U64Array = npt.NDArray[np.uint64]


def words(text: str) -> list[str]:
    """The normalised words of ``text``: casefolded, accents kept, punctuation dropped."""
    return _WORD.findall(text.casefold())


@lru_cache(maxsize=200_000)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "big")


def shingle_hashes(text: str, k: int = SHINGLE_WORDS) -> U64Array:
    """The distinct 64-bit hashes of the word ``k``-grams of ``text`` (one for short texts)."""
    ws = words(text)
    if not ws:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter((_word_hash(w) for w in ws), dtype=np.uint64, count=len(ws))
    n = max(len(ws) - k + 1, 1)
    acc = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(min(k, len(ws))):
            acc = acc * _MIX + h[i : i + n]
    return np.unique(acc)


def signature(text: str) -> list[int]:
    """The MinHash signature of ``text``: :data:`NUM_PERM` unsigned 32-bit ints."""
    shingles = shingle_hashes(text)
    sig = np.full(NUM_PERM, _MAX_HASH, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for start in range(0, len(shingles), _BLOCK):
            block = shingles[start : start + _BLOCK, None]
            hashed = (block * _A + _B) >> np.uint64(32)
            np.minimum(sig, hashed.min(axis=0), out=sig)
    return [int(v) for v in sig]


def bands(sig: Sequence[int], n_bands: int = N_BANDS) -> list[tuple[int, int]]:
    """``(band index, band hash)`` for each band of ``sig``; hashes are unsigned 64-bit."""
    if n_bands <= 0 or len(sig) % n_bands:
        raise ValueError(f"a signature of {len(sig)} values cannot be cut in {n_bands} bands")
    rows = len(sig) // n_bands
    out = []
    for b in range(n_bands):
        data = b"".join(int(v).to_bytes(4, "big") for v in sig[b * rows : (b + 1) * rows])
        digest = hashlib.blake2b(data, digest_size=8, person=b"selon-band").digest()
        out.append((b, int.from_bytes(digest, "big")))
    return out


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """The estimated Jaccard similarity of the texts behind two signatures (0.0 to 1.0)."""
    if len(a) != len(b) or not a:
        raise ValueError("signatures of different lengths cannot be compared")
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def is_duplicate(a: Sequence[int], b: Sequence[int]) -> bool:
    """Whether two signatures are near-duplicates (the same wire story)."""
    return similarity(a, b) >= DUPLICATE_THRESHOLD


class DedupIndex:
    """An in-memory LSH index of signatures, for a batch processed without a store."""

    def __init__(self, threshold: float = DUPLICATE_THRESHOLD, n_bands: int = N_BANDS) -> None:
        self.threshold = threshold
        self.n_bands = n_bands
        self._buckets: dict[tuple[int, int], list[str]] = defaultdict(list)
        self._sigs: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, id: str, sig: Sequence[int]) -> None:
        """Index ``sig`` under ``id`` (adding the same id again is a no-op)."""
        if id in self._sigs:
            return
        self._sigs[id] = list(sig)
        for band in bands(sig, self.n_bands):
            self._buckets[band].append(id)

    def candidates(self, sig: Sequence[int]) -> list[str]:
        """Ids sharing at least one band with ``sig``, in the order they were added."""
        seen: dict[str, None] = {}
        for band in bands(sig, self.n_bands):
            for id_ in self._buckets.get(band, ()):
                seen.setdefault(id_, None)
        return list(seen)

    def matches(self, sig: Sequence[int]) -> list[tuple[str, float]]:
        """Indexed ids at or above the threshold, most similar first."""
        found = [(i, similarity(sig, self._sigs[i])) for i in self.candidates(sig)]
        return sorted((m for m in found if m[1] >= self.threshold), key=lambda m: -m[1])

    def find(self, sig: Sequence[int]) -> str | None:
        """The id of the most similar indexed text at or above the threshold, if any."""
        best = self.matches(sig)
        return best[0][0] if best else None


def duplicate_pairs(items: Iterable[tuple[str, Sequence[int]]],
                    threshold: float = DUPLICATE_THRESHOLD) -> list[tuple[str, str, float]]:
    """Every pair ``(earlier id, later id, similarity)`` at or above ``threshold``."""
    index = DedupIndex(threshold)
    pairs: list[tuple[str, str, float]] = []
    for id_, sig in items:
        pairs.extend((other, id_, s) for other, s in index.matches(sig))
        index.add(id_, sig)
    return pairs
