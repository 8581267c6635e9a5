"""The full-text index of a store: a tantivy index in a folder beside the store file.

The store stays the source of truth: the index holds, for every stored article, its id and
its title and text analysed for French (lower case, accents folded, Snowball French stems).
Each batch written adds its own articles and commits (nothing is rebuilt whole);
:meth:`SearchIndex.rebuild` builds it again from the store's articles, in one commit, so a
killed rebuild leaves the previous index. Queries use tantivy's language: words (any of
them), ``"a phrase"``, ``AND``/``OR``/``NOT``, ``+must``/``-must_not`` and parentheses.

tantivy is imported only when the index is used, so commands that never search start fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from selon.errors import StoreError

ANALYZER = "selon_fr"
FIELDS = ["title", "text"]
WRITER_HEAP = 64_000_000  # bytes of buffered documents before tantivy writes a segment


def index_path(store_path: Path) -> Path:
    """Where the index of the store file ``store_path`` lives."""
    return store_path.with_name(store_path.name + ".search")


def _schema() -> Any:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
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


class SearchIndex:
    """The index folder of one store; opened lazily, one writer at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._index: Any = None
        self._writer: Any = None

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
                index = tantivy.Index(_schema(), path=str(self.path), reuse=True)
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

    def add(self, docs: Iterable[tuple[str, str | None, str]]) -> int:
        """Add (or replace) these ``(id, title, text)`` articles and commit; return how many."""
        import tantivy

        writer = self._writer_of()
        n = 0
        try:
            for article_id, title, text in docs:
                writer.delete_documents_by_term("id", article_id)
                writer.add_document(tantivy.Document(id=article_id, title=title or "",
                                                     text=text))
                n += 1
            if n:
                writer.commit()
        except ValueError as exc:
            writer.rollback()
            raise StoreError(f"cannot add to the search index {self.path}: {exc}") from exc
        return n

    def rebuild(self, batches: Iterable[list[tuple[str, str | None, str]]]) -> int:
        """Replace the whole index with these articles, in one commit; return how many."""
        import tantivy

        writer = self._writer_of()
        n = 0
        try:
            writer.delete_all_documents()
            for batch in batches:
                for article_id, title, text in batch:
                    writer.add_document(tantivy.Document(id=article_id, title=title or "",
                                                         text=text))
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

    def search(self, query: str, limit: int, offset: int = 0) -> list[tuple[str, float]]:
        """``(id, score)`` of the best matches, best first."""
        index = self._open(create=False)
        if index is None:
            return []
        index.reload()
        searcher = index.searcher()
        try:
            parsed = index.parse_query(query, FIELDS)
        except ValueError:  # not valid query syntax: read it as plain words
            parsed, _errors = index.parse_query_lenient(query, FIELDS)
        hits = searcher.search(parsed, limit, count=False, offset=offset).hits
        return [(searcher.doc(address)["id"][0], float(score)) for score, address in hits]

    def close(self) -> None:
        """Let go of the writer (and its lock); committed documents are on disk."""
        if self._writer is not None:
            self._writer.wait_merging_threads()
            self._writer = None
        self._index = None
