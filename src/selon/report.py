"""The human-readable report of an analysis: rich tables on a terminal, plain text when piped."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console
from rich.table import Table

from selon.model import Analysis, Party, Span

CONTENT_WIDTH = 90


def shorten(text: str, width: int = CONTENT_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _cut(text: str, span: Span | None) -> str:
    return text[span[0]:span[1]] if span else ""


def number(value: float) -> str:
    """A value as a reader writes it: 100 000 000 000, 1.5 (no exponent)."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u202f")
    return f"{value:,.6f}".rstrip("0").replace(",", "\u202f")


def chain(source: Party | None, via: list[Party]) -> str:
    """"source ← via ← via", innermost first, as the statement travelled to the article."""
    names = [source.text if source else "?"] + [v.text for v in via]
    return " ← ".join(names)


def header_lines(a: Analysis) -> Iterator[str]:
    art = a.article
    yield f"{art.source or art.id}"
    yield f"  title: {art.title or '-'}"
    yield f"  outlet: {art.outlet or '-'}   credit: {a.credit or '-'}"
    yield (f"  published: {art.published.isoformat() if art.published else '-'}"
           f" (from {art.published_from})   lang: {art.lang}   id: {art.id}")


def attribution_rows(a: Analysis) -> Iterator[tuple[str, str, str, str, str]]:
    text = a.article.text
    for at in a.attributions:
        yield (at.id, chain(at.source, at.via), _cut(text, at.cue), at.kind + (
            f", {at.stance}" if at.stance != "assert" else ""), shorten(_cut(text, at.content)))


def entity_rows(a: Analysis) -> Iterator[tuple[str, str, int]]:
    for e in sorted(a.entities, key=lambda e: (-len(e.mentions), e.name)):
        yield e.name, e.type, len(e.mentions)


def quantity_rows(a: Analysis) -> Iterator[tuple[str, str, str, str]]:
    text = a.article.text
    for q in a.quantities:
        value = "?" if q.value is None else number(q.value)
        yield (_cut(text, q.span), ("~" if q.approx else "") + value, q.unit or "-", q.role or "-")


def time_rows(a: Analysis) -> Iterator[tuple[str, str, str]]:
    text = a.article.text
    for t in a.times:
        yield _cut(text, t.span), t.type, (t.value or "?") + (f" ({t.mod})" if t.mod else "")


def render_plain(a: Analysis) -> str:
    out = list(header_lines(a))
    out.append(f"\nattributions ({len(a.attributions)}): source ← via | cue | content")
    out += [f"  {src} | {cue} | {content}  [{kind}]" for _, src, cue, kind, content
            in attribution_rows(a)]
    out.append(f"\nentities ({len(a.entities)}): name (type) mentions")
    out += [f"  {name} ({ty}) {n}" for name, ty, n in entity_rows(a)]
    if a.quantities:
        out.append(f"\nquantities ({len(a.quantities)}): text | value | unit | role")
        out += [f"  {t} | {v} | {u} | {r}" for t, v, u, r in quantity_rows(a)]
    if a.times:
        out.append(f"\ntimes ({len(a.times)}): text | type | value")
        out += [f"  {t} | {ty} | {v}" for t, ty, v in time_rows(a)]
    return "\n".join(out) + "\n"


def render_rich(a: Analysis, console: Console) -> None:
    lines = list(header_lines(a))
    console.print(f"[bold]{lines[0]}[/bold]", highlight=False)
    for line in lines[1:]:
        console.print(line, highlight=False)
    t = Table(title=f"Attributions ({len(a.attributions)})", title_justify="left", expand=True)
    for col, style in (("id", "dim"), ("source ← via", "bold cyan"), ("cue", "magenta"),
                       ("kind", "green"), ("content", "")):
        t.add_column(col, style=style, overflow="fold")
    for row in attribution_rows(a):
        t.add_row(*row)
    console.print(t)
    e = Table(title=f"Entities ({len(a.entities)})", title_justify="left")
    for col in ("name", "type", "mentions"):
        e.add_column(col)
    for name, ty, n in entity_rows(a):
        e.add_row(name, ty, str(n))
    console.print(e)
    for title, cols, rows in (
        ("Quantities", ("text", "value", "unit", "role"), list(quantity_rows(a))),
        ("Times", ("text", "type", "value"), list(time_rows(a))),
    ):
        if rows:
            q = Table(title=f"{title} ({len(rows)})", title_justify="left")
            for col in cols:
                q.add_column(col)
            for r in rows:
                q.add_row(*r)
            console.print(q)
