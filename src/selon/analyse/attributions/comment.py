""", comme l'a affirmé X" / "comme le demandent X et Y" / "comme X l'a dit" / "comme
annoncé (par X)": a statement of the clause it comments (``nested.settle`` gives it the
content of the statement it sits in, when there is one)."""

from __future__ import annotations

from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.relative import (
    Inner,
    Words,
    agent,
    form_cue,
    np_after,
    pronoun_party,
    words,
)
from selon.analyse.attributions.speakers import TokRange, trim
from selon.analyse.attributions.trust import ANONYMOUS_TEXT
from selon.model import Party

_MAX_COMMENT = 10  # tokens between "comme" and the end of its source


def find_comments(ctx: Context, sent: TokRange) -> list[Inner]:
    doc = ctx.doc
    w = words(doc.lang_ or "fr")
    out: list[Inner] = []
    for i in ctx.where((w.comment_word,), sent[0], sent[1] - 1):
        item = _comment(ctx, w, sent, i)
        if item is not None:
            out.append(item)
    return out


def _comment(ctx: Context, w: Words, sent: TokRange, i: int) -> Inner | None:
    """", comme l'a affirmé X" / "comme le demandent X" / "comme X l'a dit" / "comme
    annoncé (par X)": X's statement of the clause it comments."""
    doc = ctx.doc
    limit = min(sent[1], i + 1 + _MAX_COMMENT)
    verb = next((t for t in doc[i + 1:limit] if t.pos_ in ("VERB", "AUX")
                 and t.dep_ not in ("aux", "aux:pass", "aux:tense")), None)
    if verb is None or verb.i + 1 > sent[1] or verb.pos_ != "VERB":
        return None
    cue = ctx.cue_of(verb) or form_cue(ctx, verb)
    if cue is None:
        return None
    lead = doc[i + 1:verb.i]
    clitic = next((t.i for t in lead if norm_word(t.text) in w.comment_clitics
                   and doc[t.i + 1].pos_ in ("VERB", "AUX")), None)
    has_clitic = clitic is not None
    participle = verb.i == i + 1 and "Part" in verb.morph.get("VerbForm", [])
    source: Party | None = None
    cue_from = i
    if participle:  # "comme annoncé", "comme annoncé par le ministère"
        if verb.i + 1 < sent[1] and norm_word(doc[verb.i + 1].text) == "par":
            np = np_after(ctx, sent, verb.i + 2)
            source = agent(ctx, np) if np is not None else None
        else:  # nobody named: an anonymous statement, as an agentless passive's
            source = Party(ANONYMOUS_TEXT, ctx.chars((i, verb.i + 1)))
    elif not has_clitic:
        return None  # "comme il dit souvent" and the like are too loose
    else:
        assert clitic is not None
        names = [t for t in doc[i + 1:clitic] if t.pos_ in ("NOUN", "PROPN") or (
            t.pos_ == "PRON" and norm_word(t.text) in ctx.lex.subject_pronouns)]
        if names:  # "comme le ministre l'a affirmé", "comme il l'a dit"
            first = names[0]
            source = pronoun_party(ctx, first) if first.pos_ == "PRON" else \
                agent(ctx, trim(doc, i + 1, clitic))
            cue_from = clitic
        else:  # "comme l'a affirmé X"
            np = np_after(ctx, sent, verb.i + 1)
            source = agent(ctx, np) if np is not None else None
        if source is None:
            return None
    content = _commented(ctx, sent, i)
    if content is None:
        return None
    found = Found("indirect", ctx.chars(content), ctx.chars((cue_from, verb.i + 1)),
                  f"comme {cue.lemma}", source, cue.stance, anchor=verb.i)
    start = doc[i - 1].idx if doc[i - 1].text == "," else doc[i].idx
    return Inner(found, start, comments=True)


def _commented(ctx: Context, sent: TokRange, i: int) -> TokRange | None:
    """What a "comme" comment is about: after a comma, the clause before it (from the
    sentence, the quotation or the colon it lies in); without one, the verb phrase it
    follows ("n'a pas rouvert ses portes comme annoncé" -> "rouvert ses portes")."""
    doc = ctx.doc
    if doc[i - 1].text != ",":
        head = doc[i - 1]
        for _ in range(6):
            if head.pos_ == "VERB" or head.head.i == head.i or not sent[0] <= head.head.i < i:
                break
            head = head.head
        if head.pos_ != "VERB":
            return None
        r = trim(doc, head.i, i)
        return r if r[1] - r[0] >= 2 else None
    a = sent[0]
    q = ctx.quotes.containing(doc[i].idx)
    for j in range(i - 1, sent[0], -1):
        t = doc[j]
        if t.text in (":", ";") and not (q is None and ctx.in_quote(t)):
            a = j + 1
            break
        if q is not None and t.idx < q.inner[0]:
            a = j + 1
            break
    for j in range(a + 1, i - 1):  # "X a démenti que A, comme l'affirme Y": Y affirms A
        t = doc[j]
        if norm_word(t.text) in ctx.lex.que_words and t.pos_ == "SCONJ" and any(
                ctx.cue_of(v) is not None for v in doc[max(a, j - 4):j] if v.pos_ == "VERB"):
            a = j + 1
            break
    r = trim(doc, a, i)
    return r if r[1] - r[0] >= 2 else None
