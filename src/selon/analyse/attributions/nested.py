"""Statements inside statements: where the outer content stops, and who relays whom.

A content stops where another reporting construction begins: "X a affirmé que A, ce que Y
dément" gives X the content A and Y the denial; "X a nié que A, comme l'affirme Y" gives
both the content A. A construction inside a quotation (or any content it does not end)
is reported by the outer speaker: the outer speaker is its relay (``via``).
"""

from __future__ import annotations

from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.relative import Inner, kind_of
from selon.model import Party

_MIN_LEFT = 3  # characters an outer content keeps before a nested construction
_MAX_CHAIN = 400  # characters from a statement's cue to the "avant d'ajouter" chained to it


def settle(ctx: Context, found: list[Found], inner: list[Inner]) -> list[Found]:
    """The outer statements cut at the nested constructions they hold, and the nested
    statements with their contents and relays; a nested statement the other rules already
    made (same content and source, or same cue) is not made twice."""
    text = ctx.text
    out: list[Found] = []
    for item in sorted(inner, key=lambda x: x.start):
        quoted = ctx.in_quote(ctx.doc[item.found.anchor])
        relay: Found | None = None  # the outer speaker reports it inside the quotation
        cut: Found | None = None  # the outer statement ends where it begins
        for f in found:
            a, b = f.content
            if not a + _MIN_LEFT < item.start < b:
                continue
            if quoted and f.kind in ("direct", "mixed"):
                relay = relay or f
                continue
            if _starts_after(f, item.start):
                continue
            f.content = (a, _back(text, a, item.start))
            cut = cut or f
        nf = item.found
        if item.chained:
            before = _previous(found, item.start)
            if before is None:
                continue
            nf.source, nf.via = before.source, list(before.via)
            _give_back(ctx, before, item.start)
        if item.comments and cut is not None:
            nf.content = cut.content
        if item.comments:
            nf.kind = kind_of(ctx, nf.content)
        if relay is not None and relay.source is not None and \
                not _same(relay.source, nf.source):
            nf.via = [relay.source] + [v for v in relay.via if not _same(v, nf.source)]
        if _made(found + out, nf):
            continue
        out.append(nf)
    for f in found:
        _no_dangling(ctx, f)
    return found + out


def _no_dangling(ctx: Context, f: Found) -> None:
    """A content never ends on the conjunction before a nested construction: "les prix
    baisseraient et, selon X, ..." keeps "les prix baisseraient"."""
    doc = ctx.doc
    span = doc.char_span(f.content[0], f.content[1], alignment_mode="expand")
    if span is None or len(span) < 2 or span[-1].pos_ != "CCONJ" or ctx.in_quote(span[-1]):
        return
    f.content = (f.content[0], _back(ctx.text, f.content[0], span[-2].idx + len(span[-2])))


def _give_back(ctx: Context, f: Found, pos: int) -> None:
    """"« A », a déclaré X, avant d'ajouter : « B »": a statement whose content was taken
    past the chained construction at ``pos`` gets back the quotation before its cue."""
    if f.cue is None or f.content[0] < pos:
        return
    j = f.cue[0]
    while j > 0 and ctx.text[j - 1] in " ,":
        j -= 1
    q = ctx.quotes.ending_at(j)
    if q is not None and q.inner[1] > q.inner[0]:
        f.content, f.kind = q.inner, "direct"


def _previous(found: list[Found], pos: int) -> Found | None:
    """The statement with a source whose cue comes last before ``pos``, not far back."""
    best: Found | None = None
    for f in found:
        if f.cue is None or f.source is None or f.cue[1] > pos or pos - f.cue[1] > _MAX_CHAIN:
            continue
        if best is None or best.cue is None or f.cue[1] > best.cue[1]:
            best = f
    return best


def _starts_after(f: Found, pos: int) -> bool:
    """The outer statement's cue comes after ``pos``: "A, ce que Y dément, a dit X" is
    not cut by its own content's construction."""
    return f.cue is not None and f.cue[0] >= pos


def _back(text: str, a: int, b: int) -> int:
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
        b -= 1
    return b


def _made(found: list[Found], nf: Found) -> bool:
    for f in found:
        if f.cue is not None and nf.cue is not None and f.cue[0] <= nf.cue[0] < f.cue[1]:
            return True
        if _same(f.source, nf.source) and _overlap(f.content, nf.content) * 2 >= max(
                f.content[1] - f.content[0], nf.content[1] - nf.content[0]):
            return True  # "X a lancé un appel à ...": the verb already made it
    return False


def _same(a: Party | None, b: Party | None) -> bool:
    if a is None or b is None:
        return a is b
    if a.span == b.span or (a.entity is not None and a.entity == b.entity):
        return True
    return a.text.lower() == b.text.lower()


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
