"""Reporting clauses set in the middle of what is reported, outside quotation marks:
« Cela, a-t-il souligné, pourra être fait », « La réforme, a précisé le ministre, sera
votée en juin ». The sentence opens with a short phrase (the reported clause's subject:
no finite verb, no conjunction or preposition first), then a comma, an inverted verb
group and its subject, a comma, and the rest of the reported clause with its finite verb.
The construction reports whatever the verb when the subject is a clitic (-t-il, -elle);
with a noun-phrase subject the verb must be a cue of the lexicon. The content is what
follows the incise (as the reference annotations mark it); the statement is the speaker's.
"""

from __future__ import annotations

from selon.analyse.attributions.bounds import finish
from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.inverted import group_lemma, group_source, verb_group
from selon.analyse.attributions.speakers import TokRange, trim
from selon.analyse.tokens import is_finite
from selon.model import Party

_MAX_LEAD = 8  # tokens of the phrase before the incise
_MAX_INCISE = 14  # tokens of the incise, its verb group and its subject
_LEAD_NOT_POS = frozenset({"ADP", "SCONJ", "CCONJ", "ADV"})


def find_incises(ctx: Context, sent: TokRange, known: set[int]) -> list[Found]:
    """Statements of reporting clauses set between commas after the sentence's first
    phrase; verbs in ``known`` already gave a statement and are skipped."""
    inv = ctx.lex.inversion
    if inv is None:
        return []
    doc = ctx.doc
    first, end = trim(doc, *sent)
    if first >= end or doc[first].pos_ in _LEAD_NOT_POS or ctx.in_quote(doc[first]):
        return []
    c1 = next((j for j in range(first + 1, min(first + _MAX_LEAD + 1, end))
               if doc[j].text == ","), None)
    if c1 is None or any(is_finite(t) or t.text in (":", ";") or ctx.in_quote(t)
                         for t in doc[first:c1]):
        return []
    g = verb_group(ctx, inv, c1 + 1, end)
    if g is None or g.verb in known or doc[g.verb].pos_ not in ("VERB", "AUX"):
        return []
    c2 = next((j for j in range(g.end, min(c1 + _MAX_INCISE, end)) if doc[j].text == ","), None)
    if c2 is None or any(is_finite(t) or ctx.in_quote(t) for t in doc[g.end:c2]):
        return []
    if g.clitic is not None:
        if c2 != g.end or doc[g.clitic].text.lstrip("-").lower() == "on":
            return []
    elif ctx.cue_of(doc[g.verb]) is None or c2 == g.end:
        return []
    if not any(is_finite(t) for t in doc[c2 + 1:end]):
        return []
    source = group_source(ctx, inv, (sent[0], c2), g)
    if source is False:
        return []
    content = finish(ctx, sent, c2 + 1, end, g.start, exact=True)
    if content is None:
        return []
    last = doc[max(g.verb, g.clitic or 0, g.end - 1)]
    cue = (doc[g.start].idx, last.idx + len(last))
    return [Found(content[1], content[0], cue, group_lemma(ctx, g),
                  source if isinstance(source, Party) else None, "assert",
                  anchor=g.verb, pronoun=g.clitic is not None)]


