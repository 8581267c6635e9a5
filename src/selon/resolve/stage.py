"""The resolve stage as ingest runs it: each stored batch is resolved against the store,
then the canonical entities it created or extended are screened. The first batch of a
run also screens what an earlier run left unscreened (killed between storing a batch or
a list and screening it)."""

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
        self.caught_up = False  # entities left unscreened by an earlier run looked up

    def run(self, article_ids: Sequence[str] | None) -> tuple[Result, ScreenResult]:
        result = self.resolver.run(article_ids)
        touched = set(result.touched)
        screened = ScreenResult()
        if rs.watchlists(self.store):
            if not self.caught_up:
                touched.update(rs.unscreened(self.store))
                self.caught_up = True
            if touched:
                screened = screen(self.store, sorted(touched), cache=self.lists)
        return result, screened
