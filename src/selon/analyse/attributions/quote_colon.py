"""A quotation that opens its sentence, then a colon and the clause of its speaker:
« "A" : le président X a balayé lundi les critiques ». The press sets the words first and
names who said them after the colon, whatever the verb; the clause's subject must be a
person or a body (a name, a speaker noun or a pronoun standing for one), active, before
its verb. One direct record, the verb group as its cue.
"""

from __future__ import annotations

from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.relative import person
from selon.analyse.attributions.speakers import TokRange, noun_phrase
from selon.model import Party

_MIN_WORDS = 2  # a one-word quotation before a colon is a title or a label
_SUBJECT_SPAN = 12  # tokens after the colon where the subject and its verb stand


def find_quote_colon(ctx: Context, sent: TokRange, verbal: list[Found]) -> list[Found]:
    doc = ctx.doc
    first = sent[0]
    while first < sent[1] and doc[first].is_space:
        first += 1
    if first >= sent[1]:
        return []
    q = ctx.quotes.starting_at(doc[first].idx)
    if q is None or len(ctx.text[q.inner[0]:q.inner[1]].split()) < _MIN_WORDS:
        return []
    if any(f.content[0] < q.outer[1] and f.content[1] > q.outer[0] for f in verbal):
        return []  # the quotation has its own reporting clause
    colon = next((t.i for t in doc[first:sent[1]] if t.idx >= q.outer[1]), None)
    if colon is None or doc[colon].text != ":":
        return []
    found = _speaker(ctx, (colon + 1, min(sent[1], colon + 1 + _SUBJECT_SPAN)), sent)
    if found is None:
        return []
    source, cue, verb = found
    return [Found("direct", q.inner, cue, doc[verb].lemma_.lower(), source, "assert",
                  anchor=verb)]


def _speaker(ctx: Context, span: TokRange,
             sent: TokRange) -> tuple[Party, tuple[int, int], int] | None:
    """The subject of the first finite verb of ``span``, its verb group, and the verb."""
    doc = ctx.doc
    for t in doc[span[0]:span[1]]:
        if t.dep_ != "nsubj" or t.head.i <= t.i or t.head.pos_ != "VERB" \
                or t.head.i >= sent[1] or ctx.in_quote(t):
            continue
        verb = t.head
        if t.pos_ == "PRON":
            p = ctx.pronoun(t)
            source = p if isinstance(p, Party) else None
        else:
            np = noun_phrase(doc, t, (span[0], verb.i))
            source = ctx.party(np) if person(ctx, np) else None
        if source is None:
            return None
        aux = [c.i for c in verb.children if c.dep_ in ("aux", "aux:tense") and c.i < verb.i]
        start = min(aux, default=verb.i)
        return source, ctx.chars((start, verb.i + 1)), verb.i
    return None
