"""Statements chained to the one before: "..., a-t-il dit, avant d'ajouter : « B »",
"Avant de reconnaître : « B »", "..., avant de préciser que B". The speaker is the one of
the statement before (settled by ``nested.settle``); the content is the quotation or the
que-clause that follows the chained verb."""

from __future__ import annotations

from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.phrase import clause_end
from selon.analyse.attributions.quotes import OPENING
from selon.analyse.attributions.relative import Inner, kind_of
from selon.analyse.attributions.speakers import TokRange, trim

_CHAIN = "avant"
_OF = frozenset({"de", "d'"})


def find_chained(ctx: Context, sent: TokRange) -> list[Inner]:
    doc = ctx.doc
    out: list[Inner] = []
    for i in ctx.where((_CHAIN,), sent[0], sent[1] - 3):
        if norm_word(doc[i + 1].text) not in _OF or ctx.in_quote(doc[i]):
            continue
        verb = doc[i + 2]
        cue = ctx.cue_of(verb)
        if cue is None or verb.pos_ not in ("VERB", "AUX"):
            continue
        k = verb.i + 1
        while k < sent[1] and doc[k].text in (":", ","):
            k += 1
        if k >= sent[1]:
            continue
        content: TokRange | None = None
        kind = "indirect"
        q = ctx.quotes.starting_at(doc[k].idx) if doc[k].text in OPENING else None
        if q is not None:
            s = doc.char_span(q.inner[0], q.inner[1], alignment_mode="expand")
            if s is not None and len(s) > 0:
                content, kind = (s.start, s.end), "direct"
        elif norm_word(doc[k].text) in ctx.lex.que_words:
            content = trim(doc, k + 1, clause_end(ctx, k + 1, sent[1]))
        if content is None or content[1] - content[0] < 1:
            continue
        chars = ctx.chars(content)
        if kind != "direct":
            kind = kind_of(ctx, chars)
        cue_span = ctx.chars((i, verb.i + 1))
        f = Found(kind, chars, cue_span, cue.lemma, None, cue.stance, anchor=verb.i)
        start = doc[i - 1].idx if i > sent[0] and doc[i - 1].text == "," else doc[i].idx
        out.append(Inner(f, start, chained=True))
    return out
