"""A content that holds its own reporting verb is no statement.

What a speaker says stands apart from the verb that reports it: a content span around its
own cue comes from a misread construction (« Ce discours lui a valu d'être condamné par
Y » read as Y saying the whole clause). The verbs that qualify what they are said of
(``predicates``: « un niveau jugé "alarmant" par X », « est jugé ... ») and a relative
statement (« ce qu'a démenti X ») hold their cue by design: they are left alone.
"""

from __future__ import annotations

from selon.analyse.attributions.context import Context, Found


def drop_own_cue(ctx: Context, found: list[Found], inner: set[int]) -> list[Found]:
    """The records, less those whose content holds their own cue; ``inner`` are the ids
    of the relative and nominal statements."""
    return [f for f in found if id(f) in inner or not _holds_cue(ctx, f)]


def _holds_cue(ctx: Context, f: Found) -> bool:
    if f.cue is None or f.kind == "according_to" or f.cue_lemma in ctx.lex.predicates:
        return False
    return f.content[0] <= f.cue[0] and f.cue[1] <= f.content[1]
