"""Where a content that runs back to the start of its sentence really starts.

A statement closed by a reporting clause at the end of its sentence (« A, a-t-il
précisé », « A, selon X ») takes the words before it; those words may open with another
reporting construction that is not part of what is said:

- a reporting clause closed by a colon: « X n'a pas confirmé, loin de là : A, a-t-il
  précisé » -> A;
- a reporting clause after a quotation and a relative word before a trailing "selon"
  phrase: « "B", a dit X, dont un proche a démissionné selon Y » -> "un proche a
  démissionné".
"""

from __future__ import annotations

from selon.analyse.attributions.context import Context


def after_reporting_colon(ctx: Context, a: int, b: int) -> int:
    """The token after the last colon in [a, b) (outside quotations) whose words before
    it hold a reporting verb of the lexicon outside quotations; ``a`` when there is none."""
    doc = ctx.doc
    for j in range(b - 1, a, -1):
        if doc[j].text != ":" or ctx.in_quote(doc[j]):
            continue
        if any(t.pos_ == "VERB" and not ctx.in_quote(t) and
               (ctx.cue_of(t) is not None or ctx.multiword_at(t) is not None)
               for t in doc[a:j]):
            return j + 1
    return a


def after_relative(ctx: Context, a: int, b: int) -> int:
    """The token after a relative word that follows a comma in [a, b) and opens a clause
    running to ``b`` (no comma outside quotations after it but one just before ``b``):
    « ..., dont un proche a démissionné selon Y » -> "un proche"; ``a`` when there is none
    or when the words before the comma are not a complete statement of their own (a
    quotation, or a finite verb)."""
    doc = ctx.doc
    end = b
    while end > a and doc[end - 1].text == ",":
        end -= 1
    for j in range(end - 1, a + 1, -1):
        t = doc[j]
        if t.text == "," and not ctx.in_quote(t):
            return a  # the clause is closed before the phrase: not its content
        if ctx.words[j] not in ctx.lex.relative_words or doc[j - 1].text != "," or \
                ctx.in_quote(t):
            continue
        if j + 2 < end and _complete(ctx, a, j - 1):
            return j + 1
        return a
    return a


def _complete(ctx: Context, a: int, b: int) -> bool:
    """Whether [a, b) holds a quotation or a finite verb outside one."""
    doc = ctx.doc
    return any(ctx.in_quote(t) or (t.pos_ in ("VERB", "AUX")
                                   and "Fin" in t.morph.get("VerbForm", []))
               for t in doc[a:b])
