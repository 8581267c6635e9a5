"""Where a content that runs back to the start of its sentence really starts.

A statement closed by a reporting clause at the end of its sentence (« A, a-t-il
précisé », « A, selon X ») takes the words before it; those words may open with another
reporting construction that is not part of what is said:

- a reporting clause closed by a colon: « X n'a pas confirmé, loin de là : A, a-t-il
  précisé » -> A;
- a reporting clause after a quotation and a relative word before a trailing "selon"
  phrase: « "B", a dit X, dont un proche a démissionné selon Y » -> "un proche a
  démissionné";
- a noun phrase in apposition right before a trailing "selon" phrase: « X a recensé 300
  cas, une situation grave selon Y » -> "une situation grave".

And a "selon" phrase set off by commas after the copula of a relative clause (« des
groupes qui pourraient être, selon lui, des casseurs ») leaves the clause whole.
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.quotes import OPENING, Quote
from selon.analyse.tokens import is_finite


def after_reporting_colon(ctx: Context, a: int, b: int) -> int:
    """The token after the last colon in [a, b) (outside quotations) whose words before
    it hold a reporting verb of the lexicon outside quotations; ``a`` when there is none.
    (One pass: the last colon after the first such verb.)"""
    doc = ctx.doc
    colons = [j for j in ctx.where((":",), a + 1, b) if not ctx.in_quote(doc[j])]
    if not colons:
        return a
    first = next((t.i for t in doc[a:colons[-1]] if _reports(ctx, t)), None)
    if first is None:
        return a
    return colons[-1] + 1


def after_relative(ctx: Context, a: int, b: int) -> int:
    """The token after a relative word that follows a comma in [a, b) and opens a clause
    running to ``b`` (no comma outside quotations after it but one just before ``b``):
    « ..., dont un proche a démissionné selon Y » -> "un proche"; ``a`` when there is none
    or when the words before the comma hold no reporting verb (« X, qui a 3 points
    d'avance, selon Y » is one statement)."""
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
        if j + 2 < end and _reported(ctx, a, j - 1):
            return j + 1
        return a
    return a


def _reported(ctx: Context, a: int, b: int) -> bool:
    """Whether [a, b) holds a statement of its own: a reporting verb of the lexicon
    outside quotations ('"A", a dit X, dont ...')."""
    return any(_reports(ctx, t) for t in ctx.doc[a:b])


def _reports(ctx: Context, t: Token) -> bool:
    return t.pos_ == "VERB" and not ctx.in_quote(t) and (
        ctx.cue_of(t) is not None or ctx.multiword_at(t) is not None)


def apposed_start(ctx: Context, a: int, b: int) -> int:
    """The start of a noun phrase in apposition that ends [a, b) right before a "selon"
    phrase with no comma between: « X a recensé 300 cas, une « situation grave » selon
    Y » -> "une « situation grave »". The phrase opens with a determiner after a comma
    (outside quotations) and holds no finite verb nor clause word; the words before it
    hold a finite verb. ``a`` when there is none."""
    doc = ctx.doc
    if b <= a or doc[b - 1].text == ",":
        return a
    for j in range(b - 1, a, -1):
        t = doc[j]
        if ctx.in_quote(t):
            continue
        if t.text == ",":
            if j + 1 < b and doc[j + 1].pos_ == "DET" and _complete_clause(ctx, a, j):
                return j + 1
            return a
        if is_finite(t) or \
                ctx.words[j] in ctx.lex.relative_words or ctx.words[j] in ctx.lex.que_words \
                or t.pos_ == "SCONJ" or t.text in (";", ":"):
            return a
    return a


def _complete_clause(ctx: Context, a: int, b: int) -> bool:
    return any(is_finite(t)
               and not ctx.in_quote(t) for t in ctx.doc[a:b])


_MAX_RELATIVE_TO_COPULA = 4  # tokens from a relative word to the copula of its clause


def copula_in_relative(ctx: Context, k: int) -> bool:
    """Whether token ``k`` is a copula or an auxiliary (which ends no clause) that a
    relative word shortly before leads: "des groupes qui pourraient être | , selon lui,
    des casseurs": the phrase after the "selon" phrase completes the clause."""
    doc = ctx.doc
    if k < 0 or not (doc[k].dep_ == "cop" or doc[k].pos_ == "AUX"):
        return False
    return any(ctx.words[j] in ctx.lex.relative_words
               for j in range(max(k - _MAX_RELATIVE_TO_COPULA, 0), k))


_MAX_QUOTE_BACK = 1500  # characters of a quotation a content runs back over


def quote_opening(ctx: Context, first: int, comma: int) -> Quote | None:
    """A quotation that opened before the sentence starting at token ``first`` (the
    splitter cut it: « "A. B" au Bélarus, a expliqué X ») and closes before token
    ``comma``, with no verb between its end and the comma: it is the statement, the
    words after it the article's gloss. None when there is no such quotation."""
    doc = ctx.doc
    q = ctx.quotes.containing(doc[first].idx)
    if q is None or q.inner[0] >= doc[first].idx or q.outer[1] > doc[comma].idx or \
            doc[first].idx - q.inner[0] > _MAX_QUOTE_BACK:
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.idx >= q.outer[1] for t in doc[first:comma]):
        return None
    return q


_MIN_LEFT_WORDS = 2  # words a cut content keeps
_NOTHING_OR_MARK = OPENING | {""}  # what may stand before a quotation that opens a content


def cut_back(ctx: Context, found: list[Found]) -> None:
    """A content that runs back from its inverted reporting clause over another
    statement of the sentence starts after it: « A, a indiqué X, mais B, a-t-il ajouté »
    -> B; « X a indiqué : "A", mais B, précise X » -> B (the quotation is the first
    statement's). The other statement's reporting clause (cue and speaker) or its
    quotation opening the content is where it stops; a conjunction after it is left out."""
    text = ctx.text
    for f in found:
        if f.cue is None or f.content[1] > f.cue[0]:
            continue  # not a content before its cue
        a, b = f.content
        cut = a
        for g in found:
            if g is f or g.cue is None:
                continue
            if a < g.cue[0] and g.cue[1] <= b and g.content[1] <= g.cue[0] and \
                    ctx.quotes.containing(g.cue[0]) is None:  # « A, a dit X, » inside
                end = g.cue[1]
                if g.source is not None and g.cue[1] <= g.source.span[0] and g.source.span[1] <= b:
                    end = g.source.span[1]  # "a indiqué lundi le ministère"
                cut = max(cut, end)
            elif a <= g.content[0] and g.content[1] < b and not a <= g.cue[0] < b and \
                    text[a:g.content[0]].strip() in _NOTHING_OR_MARK:
                cut = max(cut, g.content[1])  # the quotation that opens it is g's
        if cut == a:
            continue
        start = _word_after(ctx, cut, b)
        if start is not None and len(text[start:b].split()) >= _MIN_LEFT_WORDS:
            f.content = (start, b)
            f.kind = ctx.reported(f.content)[1]  # the content kept whole, marks and all


def _word_after(ctx: Context, pos: int, end: int) -> int | None:
    """The first word after character ``pos`` and before ``end``: past punctuation,
    quote marks and one coordinating conjunction (", mais B")."""
    span = ctx.doc.char_span(pos, end, alignment_mode="expand")
    if span is None:
        return None
    toks = [t for t in span if t.idx >= pos and not (t.is_punct or t.is_space)]
    if toks and toks[0].pos_ == "CCONJ":
        toks = toks[1:]
    return toks[0].idx if toks else None

