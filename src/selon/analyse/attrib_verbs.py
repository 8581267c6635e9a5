"""Attributions led by a reporting verb: quotes, que-clauses, infinitives, objects, inversions."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from selon.analyse.attrib_context import Context, Found
from selon.analyse.attrib_lexicon import Cue, norm_word, trigger_at
from selon.analyse.attrib_selon import selon_phrase
from selon.analyse.speakers import TokRange, noun_phrase, trim
from selon.model import Party

_CLOSING = frozenset("»”\"")
_OPENING = frozenset("«“\"")
_SUBJ = ("nsubj", "nsubj:pass")
_SKIP = object()  # the verb has a subject that cannot be a source ("on", "il est ...")


def find_verbal(ctx: Context, sent: TokRange) -> list[Found]:
    out: list[Found] = []
    for i in range(*sent):
        tok = ctx.doc[i]
        match = _match_cue(ctx, tok)
        if match is None:
            continue
        found = _analyse(ctx, sent, tok, *match)
        if found is not None:
            out.append(found)
    return out


def _match_cue(ctx: Context, tok: Token) -> tuple[Cue, int] | None:
    """The cue led by ``tok`` and the index after its last word, if ``tok`` is a cue verb."""
    if tok.pos_ not in ("VERB", "ADJ", "NOUN") or tok.is_punct:
        return None
    doc, lex = ctx.doc, ctx.lex
    cue: Cue | None = None
    end = tok.i + 1
    for multi in lex.multiword.get(tok.lemma_.lower(), ()):
        words = [norm_word(t.text) for t in doc[tok.i + 1: tok.i + 1 + len(multi.words)]]
        if tuple(words) == multi.words:
            cue, end = multi, tok.i + 1 + len(multi.words)
            break
    if cue is None:
        cue = ctx.cue_of(tok)
    if cue is None:
        return None
    if tok.pos_ != "VERB" and not _after_aux(doc, tok):
        return None
    if ctx.in_quote(tok):
        return None
    if cue.lemma in lex.reflexive_only and not _reflexive(ctx, tok):
        return None
    if any(norm_word(c.text) in lex.negation for c in tok.children) or (
        tok.i > 0 and norm_word(doc[tok.i - 1].text) in lex.negation
    ):
        return None
    return cue, end


def _after_aux(doc: Doc, tok: Token) -> bool:
    prev = doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and (prev.pos_ == "AUX" or prev.text.startswith("-"))


def _reflexive(ctx: Context, tok: Token) -> bool:
    if any(c.dep_.startswith("expl") for c in tok.children):
        return True
    return any(norm_word(ctx.doc[j].text) in ("s'", "se") for j in range(max(tok.i - 3, 0), tok.i))


def _cue_start(doc: Doc, verb: Token, floor: int) -> int:
    """Index of the first word of the verb group: "a déclaré", "a-t-il ajouté", "ont été ..."."""
    start, j = verb.i, verb.i - 1
    while j >= floor and (doc[j].pos_ in ("AUX", "ADV") or doc[j].text.startswith("-")):
        if doc[j].pos_ == "AUX" or doc[j].lemma_ in ("avoir", "être"):
            start = j
        j -= 1
    return start


def _clitic(ctx: Context, start: int, end: int) -> Token | None:
    """An inverted subject pronoun ("-t-il", "-elle") in or just after the verb group."""
    doc = ctx.doc
    for j in range(start, min(end + 2, len(doc))):
        t = doc[j].text
        if t.startswith("-") and t[1:].lower() in ctx.lex.subject_pronouns:
            return doc[j]
        if t.startswith("-") and t[1:].lower() in ctx.lex.impersonal:
            return doc[j]
    return None


def _analyse(ctx: Context, sent: TokRange, verb: Token, cue: Cue, cue_end: int) -> Found | None:
    doc = ctx.doc
    start = _cue_start(doc, verb, sent[0])
    clitic = _clitic(ctx, start, cue_end)
    after = cue_end
    if clitic is not None and clitic.i >= cue_end:
        after = clitic.i + 1
    prev = _prev_word(doc, start)
    left_subj = _left_subject(doc, verb, start) is not None
    inverted = prev is not None and prev.text in (",", *_CLOSING) and not left_subj
    passive = any(c.dep_ == "aux:pass" for c in verb.children)

    content = _content(ctx, sent, verb, cue, cue_end, after, inverted, passive, start)
    if content is None:
        return None
    span, kind = content
    source = _source(ctx, sent, verb, after, inverted, passive, clitic)
    if source is _SKIP or (source is None and clitic is None):
        return None
    party = source if isinstance(source, Party) else None
    cue_chars = (doc[start].idx, doc[cue_end - 1].idx + len(doc[cue_end - 1]))
    return Found(kind, span, cue_chars, cue.lemma, party, cue.stance, anchor=verb.i)


def _left_subject(doc: Doc, verb: Token, start: int) -> Token | None:
    """The subject before the verb, unless another verb stands between them (then the
    parser has probably given the verb a subject that belongs to a clause before it)."""
    for c in verb.lefts:
        if c.dep_ == "nsubj" and not c.text.startswith("-") and not any(
            t.pos_ == "VERB" for t in doc[c.right_edge.i + 1:start]
        ):
            return c
    return None


def _agent(ctx: Context, verb: Token) -> Token | None:
    """The "par X" agent of a passive verb (the parser sometimes labels it obl:mod)."""
    for c in verb.rights:
        if c.dep_ == "obl:agent" or (c.dep_.startswith("obl") and any(
            k.dep_ == "case" and norm_word(k.text) == ctx.lex.relay_by for k in c.lefts
        )):
            return c
    return None


def _prev_word(doc: Doc, i: int) -> Token | None:
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return doc[j] if j >= 0 else None


# ------------------------------------------------------------------ content

def _content(ctx: Context, sent: TokRange, verb: Token, cue: Cue, cue_end: int, after: int,
             inverted: bool, passive: bool, start: int) -> tuple[tuple[int, int], str] | None:
    doc = ctx.doc
    quote = _quote_after_colon(ctx, sent, after)
    if quote is not None:
        return quote, "direct"
    que = _que(ctx, verb, after, sent)
    if que is not None:
        top = que.head if que.head.i > que.i else verb
        end = max(top.right_edge.i, verb.right_edge.i if top is verb else 0) + 1
        return _finish(ctx, sent, que.i + 1, end, cue_end)
    xcomp = next((c for c in verb.rights if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                  and c.i >= after), None)
    if xcomp is not None:
        return _finish(ctx, sent, max(xcomp.left_edge.i, after), xcomp.right_edge.i + 1, cue_end)
    if inverted:
        return _inverted_content(ctx, sent, start)
    if cue.inverted_only:
        return None
    if passive:
        agent = _agent(ctx, verb)
        subj = next((c for c in verb.children if c.dep_ == "nsubj:pass"), None)
        if agent is None or agent.i < verb.i:
            return None
        first = subj.left_edge.i if subj is not None else _clause_start(ctx, sent)
        return _finish(ctx, sent, first, agent.left_edge.i, cue_end, exact=True)
    if cue.nominal:
        if cue.words:
            a = cue_end
            while a < sent[1] and norm_word(doc[a].text) in ctx.lex.time_words:
                a += 1
            return _finish(ctx, sent, a, verb.right_edge.i + 1, cue_end)
        obj = next((c for c in verb.rights if c.dep_ == "obj" and c.i >= after
                    and c.pos_ in ("NOUN", "PROPN", "NUM", "PRON")), None)
        if obj is not None and norm_word(obj.text) not in ctx.lex.que_words:
            return _finish(ctx, sent, max(obj.left_edge.i, after), obj.right_edge.i + 1, cue_end)
    return None


def _finish(ctx: Context, sent: TokRange, a: int, b: int, cue_end: int,
            exact: bool = False) -> tuple[tuple[int, int], str] | None:
    """Trim the token range [a, b) into a content span; ``exact`` ends are not parse slips."""
    doc = ctx.doc
    b = min(b, sent[1])
    a = max(a, sent[0])
    b = _cut_relays(ctx, a, b)
    if not exact:
        b = _back_off(doc, a, b, sent)
    a, b = trim(doc, a, b)
    a, b = _balance_quotes(ctx, a, b)
    if a >= b:
        return None
    span = ctx.chars((a, b))
    quotes = ctx.quote_inside(span)
    kind = "indirect"
    if quotes:
        q = quotes[-1]
        near_cue = cue_end <= a and doc.char_span(doc[cue_end].idx, q.outer[0],
                                                  alignment_mode="expand") is not None and \
            len(doc.char_span(doc[cue_end].idx, q.outer[0], alignment_mode="expand") or []) <= 2
        if q.outer[1] >= span[1] - 1 or near_cue:
            kind = "mixed"
    return span, kind


def _clause_start(ctx: Context, sent: TokRange) -> int:
    """Where a sentence's main clause starts: after a fronted "Selon X," phrase."""
    doc = ctx.doc
    for j in range(sent[0], min(sent[0] + 4, sent[1])):
        trig = trigger_at(doc, ctx.lex, j, sent[1])
        if trig is not None:
            return selon_phrase(ctx, j + trig.keep_from, sent)[1]
    return sent[0]


def _cut_relays(ctx: Context, a: int, b: int) -> int:
    """Stop before ", selon X", ", cité par X" or an inverted reporting clause."""
    doc = ctx.doc
    for j in range(a + 1, b - 1):
        if doc[j].pos_ == "CCONJ" and any(
            t.pos_ == "VERB" and ctx.cue_of(t) is not None for t in doc[j + 1:min(j + 3, b)]
        ):
            return j
        if doc[j].text != ",":
            continue
        nxt = doc[j + 1]
        if nxt.pos_ == "VERB" and "Pres" in nxt.morph.get("Tense", []) and \
                "Part" in nxt.morph.get("VerbForm", []):
            return j
        if trigger_at(doc, ctx.lex, j + 1, b) is not None:
            return j
        if nxt.lemma_ in ctx.lex.relay_participles and j + 2 < len(doc) and \
                norm_word(doc[j + 2].text) == ctx.lex.relay_by:
            return j
    return b


def _back_off(doc: Doc, a: int, b: int, sent: TokRange) -> int:
    """A clause ending mid-phrase ("..., l'état" before "-major") is a parse slip: end it at
    its last comma instead."""
    if b >= sent[1] or b <= a:
        return b
    nxt, last = doc[b], doc[b - 1]
    glued = nxt.text == "-" and not last.whitespace_
    if (nxt.is_punct and not glued) or nxt.is_space:
        return b
    for j in range(b - 1, a, -1):
        if doc[j].text == ",":
            return j
    # no comma to fall back to: the parse stopped short ("déclaré espérer un vaccin d'ici |
    # la fin de l'année"), so run on to the next punctuation of the sentence
    for j in range(b, sent[1]):
        t = doc[j]
        if (t.is_punct and t.text not in ("-", "'", "’")) or ctx_cue_like(t):
            return j
    return sent[1]


def ctx_cue_like(t: Token) -> bool:
    """Whether ``t`` begins a new clause (a conjunction) where a run-on content must stop."""
    return t.pos_ in ("CCONJ", "SCONJ") and t.dep_ in ("cc", "mark")


def _balance_quotes(ctx: Context, a: int, b: int) -> tuple[int, int]:
    """Keep a closing mark whose opening is inside, drop a lone opening mark at the start."""
    doc = ctx.doc
    if a > 0 and doc[a - 1].text in _OPENING:
        q = ctx.quotes.starting_at(doc[a - 1].idx)
        if q is not None and q.outer[1] <= doc[b - 1].idx + len(doc[b - 1]) + 1:
            a -= 1
    if b < len(doc) and doc[b].text in _CLOSING and ctx.quotes.ending_at(doc[b].idx + 1):
        q = ctx.quotes.ending_at(doc[b].idx + 1)
        if q is not None and q.outer[0] >= doc[a].idx:
            b += 1
    if b < len(doc) and doc[b].text == ")" and any(t.text == "(" for t in doc[a:b]):
        b += 1
    return a, b


def _quote_after_colon(ctx: Context, sent: TokRange, after: int) -> tuple[int, int] | None:
    """"X a déclaré (à la presse) : « ... »" -> the quotation's inner span."""
    doc = ctx.doc
    for j in range(after, min(after + 12, sent[1])):
        if doc[j].text == ":":
            k = j + 1
            while k < len(doc) and doc[k].is_space:
                k += 1
            if k < len(doc) and doc[k].text[:1] in _OPENING:
                q = ctx.quotes.starting_at(doc[k].idx)
                if q is not None:
                    return q.inner
            return None
        if doc[j].text in (".", ";") or doc[j].text[:1] in _OPENING:
            return None
    return None


def _que(ctx: Context, verb: Token, after: int, sent: TokRange) -> Token | None:
    """The "que" opening the reported clause: a mark under a ccomp, or close after the verb."""
    for c in verb.rights:
        if c.dep_ in ("ccomp", "advcl") and c.i >= after:
            for m in c.lefts:
                if m.dep_ == "mark" and norm_word(m.text) in ctx.lex.que_words:
                    return m
    doc = ctx.doc
    for j in range(after, min(after + 6, sent[1])):
        w = norm_word(doc[j].text)
        if w in ctx.lex.que_words and doc[j].pos_ == "SCONJ":
            return doc[j]
        if doc[j].is_punct or doc[j].pos_ in ("VERB", "SCONJ"):
            return None
    return None


def _inverted_content(ctx: Context, sent: TokRange,
                      start: int) -> tuple[tuple[int, int], str] | None:
    """"Content, a déclaré X." / "« Quote », a-t-il ajouté." -> what comes before the cue."""
    doc = ctx.doc
    comma = start - 1
    while comma >= 0 and doc[comma].is_space:
        comma -= 1
    j = comma - 1 if doc[comma].text == "," else comma
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j >= 0 and doc[j].text in _CLOSING:
        q = ctx.quotes.ending_at(doc[j].idx + 1)
        if q is not None:
            lead = trim(doc, sent[0], sent[1])[0]
            if q.outer[0] <= doc[lead].idx:
                return q.inner, "direct"
    return _finish(ctx, sent, sent[0], comma, start, exact=True)


# ------------------------------------------------------------------ source

def _source(ctx: Context, sent: TokRange, verb: Token, after: int, inverted: bool,
            passive: bool, clitic: Token | None, depth: int = 0) -> Party | object | None:
    doc, lex = ctx.doc, ctx.lex
    if clitic is not None:
        if clitic.text[1:].lower() in lex.impersonal:
            return _SKIP
        p = ctx.pronoun(clitic)
        return p if isinstance(p, Party) else None
    if passive:
        agent = _agent(ctx, verb)
        if agent is None:
            return _SKIP
        return ctx.party(noun_phrase(doc, agent, sent))
    subj = _left_subject(doc, verb, verb.i) if not inverted else None
    if subj is None:
        subj = next((c for c in verb.rights if c.dep_ == "nsubj"
                     and norm_word(c.text) not in lex.time_words), None)
    if subj is not None:
        w = norm_word(subj.text)
        if w in lex.impersonal:
            return _SKIP
        if w == "qui" and verb.dep_ == "acl:relcl":
            return ctx.party(noun_phrase(doc, verb.head, sent))
        if subj.i > verb.i and inverted:
            return ctx.party(_after_np(ctx, sent, after))
        return ctx.party(noun_phrase(doc, subj, sent))
    if inverted:
        party = ctx.party(_after_np(ctx, sent, after))
        left = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
        if party is None and left is not None:
            return ctx.party(noun_phrase(doc, left, sent))
        return party
    if verb.dep_ in ("conj", "advcl", "xcomp") and depth < 3 and verb.head.i < verb.i and (
        verb.dep_ == "conj" or verb.pos_ == "VERB"
    ):
        head = verb.head
        return _source(ctx, sent, head, head.i + 1, False,
                       any(c.dep_ == "aux:pass" for c in head.children), None, depth + 1)
    return None


def _after_np(ctx: Context, sent: TokRange, after: int) -> TokRange:
    """The noun phrase right after an inverted verb: "..., a déclaré le ministre, M. X, ..."."""
    doc = ctx.doc
    j = after
    while j < sent[1]:
        t = doc[j]
        if t.is_space or t.text.startswith("-") or norm_word(t.text) in ctx.lex.time_words:
            j += 1
        elif t.pos_ == "ADP" and t.head.i > j and t.head.pos_ != "PROPN":
            j = t.head.right_edge.i + 1  # "à l'AFP", "devant la presse"
        else:
            break
    if j >= sent[1] or doc[j].pos_ not in ("DET", "NOUN", "PROPN", "ADJ", "NUM", "PRON"):
        return (j, j)
    head = doc[j]
    for _ in range(12):
        if head.head.i == head.i or not (j <= head.head.i < sent[1]):
            break
        if head.head.pos_ in ("VERB", "AUX") and head.dep_ not in ("amod", "acl"):
            break
        head = head.head
    start, end = noun_phrase(doc, head, (j, sent[1]))
    if start > j:
        start = j
    return _cut_np(ctx, start, end)


def _cut_np(ctx: Context, start: int, end: int) -> TokRange:
    """End a phrase at a comma unless a name in apposition follows ("le ministre, M. X")."""
    doc = ctx.doc
    for j in range(start + 1, end):
        t = doc[j]
        if t.text in (",", ";", ":", "(", ")") or t.is_space:
            k = j + 1
            if t.text == "," and k < end and doc[k].pos_ == "PROPN" \
                    and _name_run_ends(ctx, k, end):
                continue
            return start, j
        if trigger_at(doc, ctx.lex, j, end) is not None:
            return start, j
        if t.lemma_ in ctx.lex.relay_participles and j + 1 < end and \
                norm_word(doc[j + 1].text) == ctx.lex.relay_by:
            return start, j
    return start, end


def _name_run_ends(ctx: Context, k: int, end: int) -> bool:
    doc = ctx.doc
    while k < end and (doc[k].pos_ == "PROPN" or doc[k].ent_iob_ == "I"):
        k += 1
    return k >= end or doc[k].is_punct
