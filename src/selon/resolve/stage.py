"""The resolve stage as ingest runs it: each stored batch is resolved against the store,
then the canonical entities it created or extended are screened."""

from __future__ import annotations

from collections.abc import Sequence

from selon.resolve.canonical import Resolver, Result
from selon.resolve.screen import ListCache, ScreenResult, screen
from selon.store import resolution as rs
from selon.store.db import Store


class ResolveStage:
    """One per ingest run: the store's canonical index is read once, then kept."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.resolver = Resolver(store)
        self.lists = ListCache()  # the list index, read once while the lists stay

    def run(self, article_ids: Sequence[str] | None) -> tuple[Result, ScreenResult]:
        result = self.resolver.run(article_ids)
        touched = sorted(set(result.touched))
        screened = ScreenResult()
        if touched and rs.watchlists(self.store):
            screened = screen(self.store, touched, cache=self.lists)
        return result, screened
