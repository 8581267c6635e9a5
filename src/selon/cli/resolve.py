"""Resolve commands: ``selon watchlist add|list|remove`` and ``selon entities
merge|split|why|resolve``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from selon.cli.app import err, fail, load_settings, main
from selon.cli.corpus import _open, db_option, entities
from selon.cli.tables import emit
from selon.errors import SelonError


def _store(ctx: click.Context, db: str | None, *, read_only: bool) -> Any:
    given = db or (ctx.obj or {}).get("db")
    return _open(load_settings(db=given), read_only=read_only)


@main.group()
def watchlist() -> None:
    """Sanctions lists in the store: every canonical person and organisation is screened
    against them (when a list is added, and for new entities at each ingest)."""


@watchlist.command("add")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--name", help="The list's name in the store (default: from the file name).")
@db_option
@click.pass_context
def watchlist_add(ctx: click.Context, path: Path, name: str | None, db: str | None) -> None:
    """Load a list whole (or not at all) and screen the store against it.

    PATH is the UN Security Council consolidated list (XML), OFAC's SDN list (legacy
    CSV; its alt and add CSVs beside it are read with it) or FollowTheMoney JSON Lines.
    """
    from selon.resolve.watchlists.load import add

    settings = load_settings(db=db)
    store = _open(settings, read_only=False)
    try:
        with store:
            loaded = add(store, path, name=name, max_bytes=settings.max_list_bytes)
    except SelonError as exc:
        fail(exc)
    for warning in loaded.warnings:
        err(f"warning: {path}: {warning}")
    s = loaded.screening
    click.echo(f"loaded {loaded.entries} entries ({loaded.format}) as {loaded.name!r}; "
               f"screened {s.screened} entities ({s.comparisons} comparisons, "
               f"{s.seconds:.1f} s): {s.flags} flag(s)")


@watchlist.command("list")
@db_option
def watchlist_list(db: str | None) -> None:
    """The lists loaded in the store."""
    from selon.store import resolution as rs

    store = _open(load_settings(db=db), read_only=True)
    with store:
        rows = rs.watchlists(store)
    emit(rows, [("name", "name", 24), ("format", "format", 10), ("entries", "entries", 8),
                ("loaded_at", "loaded", 20), ("source", "source", 60)], "table",
         title="watchlists")


@watchlist.command("remove")
@click.argument("name")
@db_option
def watchlist_remove(name: str, db: str | None) -> None:
    """Remove a list, its entries and its flags."""
    from selon.resolve.watchlists.load import remove

    store = _open(load_settings(db=db), read_only=False)
    try:
        with store:
            count = remove(store, name)
    except SelonError as exc:
        fail(exc)
    click.echo(f"removed {name!r} ({count} entries) and its flags")


@entities.command("merge")
@click.argument("a")
@click.argument("b")
@db_option
@click.pass_context
def entities_merge(ctx: click.Context, a: str, b: str, db: str | None) -> None:
    """Make B part of entity A (names or entity ids); remembered across re-ingests."""
    from selon.resolve.decisions import merge

    _decide(ctx, db, lambda store: merge(store, a, b), read_only=False)


@entities.command("split")
@click.argument("a")
@click.argument("b")
@db_option
@click.pass_context
def entities_split(ctx: click.Context, a: str, b: str, db: str | None) -> None:
    """Take the spelling B out of the entity it shares with A; remembered."""
    from selon.resolve.decisions import split

    _decide(ctx, db, lambda store: split(store, a, b), read_only=False)


@entities.command("why")
@click.argument("a")
@click.argument("b")
@db_option
@click.pass_context
def entities_why(ctx: click.Context, a: str, b: str, db: str | None) -> None:
    """Whether A and B are one entity, and the reason of every join."""
    from selon.resolve.decisions import why

    _decide(ctx, db, lambda store: "\n".join(why(store, a, b)), read_only=True)


def _decide(ctx: click.Context, db: str | None, answer: Callable[[Any], str],
            read_only: bool) -> None:
    """Open the store, print what ``answer`` says of it, and turn errors into one line."""
    store = _store(ctx, db, read_only=read_only)
    try:
        with store:
            click.echo(answer(store))
    except SelonError as exc:
        fail(exc)


@entities.command("resolve")
@db_option
@click.pass_context
def entities_resolve(ctx: click.Context, db: str | None) -> None:
    """Resolve the entities not resolved yet (e.g. of a store made before resolution),
    then screen the new canonical entities against the loaded watchlists, with those a
    run killed before its screening ended left unscreened."""
    from selon.resolve.stage import ResolveStage

    store = _store(ctx, db, read_only=False)
    try:
        with store:
            r, s = ResolveStage(store).run(None)
    except SelonError as exc:
        fail(exc)
    click.echo(f"resolved {r.resolved} article entities: {r.joined} joined an entity, "
               f"{r.created} new; screened {s.screened} ({s.flags} flag(s))")
