"""The full-text indexes of a store: tantivy indexes in folders beside the store file.

The store stays the source of truth. The article index holds, for every stored article,
its id and its title and text analysed for French (lower case, accents folded, Snowball
French stems); the statement index holds, for every statement, ``article:statement`` as id,
its article's id and what was said, analysed alike. Each batch written adds its own
articles and statements and commits (nothing is rebuilt whole); :meth:`SearchIndex.rebuild`
builds one again from the store, in one commit, so a killed rebuild leaves the previous
index. Queries use the language of :mod:`selon.store.fulltext` (every word, ``"a
phrase"``, ``AND``/``OR``/``NOT``, ``-word`` and parentheses).

tantivy is imported only when the index is used, so commands that never search start fast.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from selon.errors import ConfigError, StoreError
from selon.reasons import say

ANALYZER = "selon_fr"
FIELDS = ["title", "text"]
STATEMENT_FIELDS = ["text"]
Doc = tuple[str, str | None, str]  # (id, title or the statement's article id, text)
MEMO = 16  # answers of every_hit kept per index (until it changes)
WRITER_HEAP = 64_000_000  # bytes of buffered documents before tantivy writes a segment


def index_path(store_path: Path) -> Path:
    """Where the article index of the store file ``store_path`` lives."""
    return store_path.with_name(store_path.name + ".search")


def statement_index_path(store_path: Path) -> Path:
    """Where the statement index of the store file ``store_path`` lives."""
    return store_path.with_name(store_path.name + ".statements.search")


def _schema(statements: bool = False) -> Any:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    if statements:
        builder.add_text_field("article", stored=True, tokenizer_name="raw")
    else:
        builder.add_text_field("title", tokenizer_name=ANALYZER)
    builder.add_text_field("text", tokenizer_name=ANALYZER)
    return builder.build()


def _analyzer() -> Any:
    import tantivy

    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(40))
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold())
            .filter(tantivy.Filter.stemmer("french"))
            .build())


# The id of each document found, by its address (segment, document), for the index as it
# is (its meta.json's time): loading a stored document to read its id cost about 10 µs,
# 60 ms for a query matching 6,000 articles and statements; documents once loaded are
# then found again at no cost by every later query, in every connection of the process.
MAX_IDS = 4_000_000  # ids kept per index at most (about 400 MB past which none is added)
_IDS: dict[str, tuple[int, dict[tuple[int, int], str]]] = {}
_IDS_LOCK = threading.Lock()


def _ids_of(path: Path, version: int) -> dict[tuple[int, int], str]:
    """The ids kept for the index at ``path`` in its ``version`` (none kept for another)."""
    key = str(path)
    with _IDS_LOCK:
        kept = _IDS.get(key)
        if kept is None or kept[0] != version:
            kept = (version, {})
            _IDS[key] = kept
        return kept[1]


class SearchIndex:
    """One index folder of a store (its articles, or with ``statements`` its statements);
    opened lazily, one writer at a time."""

    def __init__(self, path: Path, *, statements: bool = False) -> None:
        self.path = path
        self.statements = statements
        self.fields = STATEMENT_FIELDS if statements else FIELDS
        self._index: Any = None
        self._writer: Any = None
        self._memo: OrderedDict[tuple[str, int], list[tuple[str, float]]] = OrderedDict()
        self._memo_lock = threading.Lock()

    def _doc(self, doc: Doc) -> Any:
        import tantivy

        if self.statements:
            return tantivy.Document(id=doc[0], article=doc[1] or "", text=doc[2])
        return tantivy.Document(id=doc[0], title=doc[1] or "", text=doc[2])

    @property
    def exists(self) -> bool:
        return (self.path / "meta.json").is_file()

    def _open(self, *, create: bool) -> Any:
        if self._index is None:
            if not create and not self.exists:
                return None
            import tantivy

            try:
                self.path.mkdir(parents=True, exist_ok=True)
                index = tantivy.Index(_schema(self.statements), path=str(self.path), reuse=True)
            except (OSError, ValueError) as exc:
                raise StoreError(f"cannot open the search index {self.path}: {exc}; remove "
                                 "that folder: the next 'selon ingest' rebuilds it") from exc
            index.register_tokenizer(ANALYZER, _analyzer())
            self._index = index
        return self._index

    def _writer_of(self) -> Any:
        if self._writer is None:
            index = self._open(create=True)
            try:
                self._writer = index.writer(heap_size=WRITER_HEAP, num_threads=1)
            except ValueError as exc:
                raise StoreError(f"the search index {self.path} is being written by another "
                                 f"process ({exc}); wait for it to finish") from exc
        return self._writer

    def add(self, docs: Iterable[Doc]) -> int:
        """Add (or replace) these ``(id, title, text)`` articles, or ``(id, article, text)``
        statements (every earlier statement of their articles is removed), and commit;
        return how many."""
        writer = self._writer_of()
        n = 0
        seen: set[str] = set()
        try:
            for doc in docs:
                if not self.statements:
                    writer.delete_documents_by_term("id", doc[0])
                elif doc[1] not in seen:
                    writer.delete_documents_by_term("article", doc[1] or "")
                    seen.add(doc[1] or "")
                writer.add_document(self._doc(doc))
                n += 1
            if n:
                writer.commit()
        except ValueError as exc:
            writer.rollback()
            raise StoreError(f"cannot add to the search index {self.path}: {exc}") from exc
        return n

    def rebuild(self, batches: Iterable[list[Doc]]) -> int:
        """Replace the whole index with these documents, in one commit; return how many."""
        writer = self._writer_of()
        n = 0
        try:
            writer.delete_all_documents()
            for batch in batches:
                for doc in batch:
                    writer.add_document(self._doc(doc))
                    n += 1
            writer.commit()
            writer.wait_merging_threads()
        except ValueError as exc:
            writer.rollback()
            raise StoreError(f"cannot rebuild the search index {self.path}: {exc}") from exc
        finally:
            self._writer = None  # wait_merging_threads consumed it (or it failed)
        return n

    def count(self) -> int:
        """Articles in the index (0 when there is none)."""
        index = self._open(create=False)
        if index is None:
            return 0
        index.reload()
        return int(index.searcher().num_docs)

    def _scratch(self) -> Any:
        """An empty index in memory, to read a query where no index exists yet."""
        import tantivy

        index = tantivy.Index(_schema(self.statements))
        index.register_tokenizer(ANALYZER, _analyzer())
        return index

    def parse(self, query: str) -> tuple[Any, list[str]]:
        """The tantivy query for ``query`` (every word required unless OR says otherwise)
        and what was read differently: a query that is not valid syntax is read as plain
        words, and the warning says so. A query that only excludes is a ConfigError."""
        index = self._open(create=False) or self._scratch()
        try:
            return index.parse_query(query, self.fields, conjunction_by_default=True), []
        except ValueError as exc:
            if "only excluding" in str(exc).lower():
                raise ConfigError(f"the query {query!r} only excludes words: add a word or a "
                                  "phrase to find (e.g. 'sanctions NOT russie')") from exc
            parsed, _errors = index.parse_query_lenient(query, self.fields)
            return parsed, [say("search.bad_syntax", query=query)]

    def search(self, query: str, limit: int, offset: int = 0) -> list[tuple[str, float]]:
        """``(id, score)`` of the best matches, best first."""
        index = self._open(create=False)
        if index is None:
            return []
        index.reload()
        searcher = index.searcher()
        parsed, _warnings = self.parse(query)
        hits = searcher.search(parsed, limit, count=False, offset=offset).hits
        return [(searcher.doc(address)["id"][0], float(score)) for score, address in hits]

    def every_hit(self, query: str) -> list[tuple[str, float]]:
        """``(id, score)`` of every match, best first (the filters of the store then keep
        some: the total is counted after them). The last few answers are kept until the
        index changes: a listing asks for its page, its total and its order."""
        index = self._open(create=False)
        if index is None:
            return []
        try:
            version = (self.path / "meta.json").stat().st_mtime_ns
        except OSError:
            version = 0
        with self._memo_lock:
            kept = self._memo.get((query, version))
        if kept is not None:
            return kept
        index.reload()
        searcher = index.searcher()
        n = int(searcher.num_docs)
        if n == 0:
            return []
        parsed, _warnings = self.parse(query)
        hits = searcher.search(parsed, n, count=False).hits
        try:  # the same index before and after the searcher was taken: its ids hold
            same = (self.path / "meta.json").stat().st_mtime_ns == version
        except OSError:
            same = False
        ids = _ids_of(self.path, version) if same else {}
        found = []
        for score, address in hits:
            where = (address.segment_ord, address.doc)
            got = ids.get(where)
            if got is None:
                got = searcher.doc(address)["id"][0]
                if len(ids) < MAX_IDS:
                    ids[where] = got
            found.append((got, float(score)))
        with self._memo_lock:
            self._memo[(query, version)] = found
            while len(self._memo) > MEMO:
                self._memo.popitem(last=False)
        return found

    def highlights(self, query: str, texts: list[str], width: int) -> list[tuple[str, list[
            tuple[int, int]]]]:
        """For each text, its best piece of at most ``width`` characters and the character
        ranges in it of the query's words (as the index matched them: stems, no accents)."""
        import tantivy

        index = self._open(create=False)
        if index is None or not texts:
            return [(t[:width], []) for t in texts]
        searcher = index.searcher()
        parsed, _warnings = self.parse(query)
        generator = tantivy.SnippetGenerator.create(searcher, parsed, _schema(self.statements),
                                                    "text")
        generator.set_max_num_chars(width)
        out = []
        for text in texts:
            snip = generator.snippet_from_doc(tantivy.Document(text=text))
            piece = snip.fragment()
            raw = piece.encode("utf-8")
            ranges = [(len(raw[:h.start].decode("utf-8", "ignore")),
                       len(raw[:h.end].decode("utf-8", "ignore"))) for h in snip.highlighted()]
            out.append((piece, ranges) if piece else (text[:width], []))
        return out

    def close(self) -> None:
        """Let go of the writer (and its lock); committed documents are on disk."""
        if self._writer is not None:
            self._writer.wait_merging_threads()
            self._writer = None
        self._index = None
