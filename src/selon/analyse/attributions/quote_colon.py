"""A quotation and its speaker on the two sides of a colon, with no reporting verb.

``find_quote_colon``: the quotation opens its sentence, then a colon and the clause of its
speaker: « "A" : le président X a balayé lundi les critiques ». The press sets the words
first and names who said them after the colon, whatever the verb; the clause's subject
must be a person or a body (a name, a speaker noun or a pronoun standing for one), active,
before its verb. One direct record, the verb group as its cue.

``find_speaker_colon``: the speaker first, the quotation after the colon ending the
sentence: a verbless lead headed by the speaker (« La ministre X, mardi soir : "A" ») or
the speaker said to be of a mind (« X a été clair : "A" », a subject, « être » and an
adjective). One direct record with no cue.
"""

from __future__ import annotations

from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.phrase import speaker_noun
from selon.analyse.attributions.quotes import Quote
from selon.analyse.attributions.relative import person
from selon.analyse.attributions.speakers import TokRange, noun_phrase
from selon.model import Party

_MIN_WORDS = 2  # a one-word quotation before a colon is a title or a label
_SUBJECT_SPAN = 12  # tokens after the colon where the subject and its verb stand
_MAX_LEAD = 15  # tokens of a speaker's lead before the colon
_AFTER_QUOTE = frozenset(".!?…")  # what may follow a quotation that ends its sentence


def _word_at(ctx: Context, i: int, sent: TokRange) -> int:
    """The first token from ``i`` on that is not a space (``sent[1]`` if none)."""
    while i < sent[1] and ctx.doc[i].is_space:
        i += 1
    return i


def _quote_at(ctx: Context, i: int, sent: TokRange, verbal: list[Found]) -> Quote | None:
    """The quotation of two words or more that opens at token ``i``, unless a record
    found by its reporting clause already holds it."""
    q = ctx.quotes.starting_at(ctx.doc[i].idx) if i < sent[1] else None
    if q is None or len(ctx.text[q.inner[0]:q.inner[1]].split()) < _MIN_WORDS:
        return None
    if any(f.content[0] < q.outer[1] and f.content[1] > q.outer[0] for f in verbal):
        return None  # the quotation has its own reporting clause
    return q


def find_quote_colon(ctx: Context, sent: TokRange, verbal: list[Found]) -> list[Found]:
    doc = ctx.doc
    first = _word_at(ctx, sent[0], sent)
    q = _quote_at(ctx, first, sent, verbal)
    if q is None:
        return []
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


def find_speaker_colon(ctx: Context, sent: TokRange, verbal: list[Found]) -> list[Found]:
    doc = ctx.doc
    first = _word_at(ctx, sent[0], sent)
    colon = next((i for i in ctx.where((":",), first, min(sent[1], first + _MAX_LEAD + 1))
                  if not ctx.in_quote(doc[i])), None)
    if colon is None or colon == first:
        return []
    q = _quote_at(ctx, _word_at(ctx, colon + 1, sent), sent, verbal)
    if q is None:
        return []
    rest = ctx.text[q.outer[1]:doc[sent[1] - 1].idx + len(doc[sent[1] - 1])]
    if any(not (c.isspace() or c in _AFTER_QUOTE) for c in rest):
        return []  # the quotation does not end the sentence
    lead = (first, colon)
    if any(ctx.in_quote(t) or norm_word(t.text) in ctx.lex.trigger_first
           for t in doc[first:colon]):
        return []  # « Pour X, ... : » is read by its trigger
    found = _lead_speaker(ctx, lead)
    if found is None:
        return []
    source, anchor = found
    return [Found("direct", q.inner, None, None, source, "assert", anchor=anchor)]


def _lead_speaker(ctx: Context, lead: TokRange) -> tuple[Party, int] | None:
    doc = ctx.doc
    tokens = doc[lead[0]:lead[1]]
    finite = [t for t in tokens if t.pos_ in ("VERB", "AUX")]
    if not finite:
        roots = [t for t in tokens if t.head.i == t.i or not lead[0] <= t.head.i < lead[1]]
        if len(roots) != 1:
            return None
        root = roots[0]
        one = (root.i, root.i + 1)
        if not (speaker_noun(ctx, one) or (root.pos_ == "PROPN" and person(ctx, one))):
            return None
        source = ctx.party(noun_phrase(doc, root, lead))
        return (source, root.i) if source is not None else None
    cop = [t for t in finite if t.dep_ == "cop" and t.lemma_.lower() == "être"]
    if len(cop) != 1 or cop[0].head.pos_ != "ADJ" or any(
            t is not cop[0] and t.dep_ not in ("aux", "aux:tense") for t in finite):
        return None
    adj = cop[0].head
    subj = next((c for c in adj.children if c.dep_ == "nsubj" and c.i < adj.i), None)
    if subj is None:
        return None
    if subj.pos_ == "PRON":
        p = ctx.pronoun(subj)
        return (p, adj.i) if isinstance(p, Party) else None
    np = noun_phrase(doc, subj, (lead[0], cop[0].i))
    source = ctx.party(np) if person(ctx, np) else None
    return (source, adj.i) if source is not None else None
