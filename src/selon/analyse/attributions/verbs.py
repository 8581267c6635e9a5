"""Attributions led by a reporting verb: quotes, que-clauses, infinitives, objects, inversions."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from selon.analyse.attributions.according_to import selon_phrase
from selon.analyse.attributions.complements import object_words, prep_content
from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.inverted import after_quote, quote_chain
from selon.analyse.attributions.lexicon import Cue, norm_word, trigger_at
from selon.analyse.attributions.predicates import bare_participle, predicate_statement
from selon.analyse.attributions.source import (
    CLOSING,
    OPENING,
    SKIP,
    agent,
    clitic,
    cue_start,
    find_source,
    is_inverted,
    is_present_participle,
    plausible_source,
    prev_word,
)
from selon.analyse.attributions.speakers import TokRange, trim
from selon.model import Party

ANONYMOUS = "anonymous"  # the source of an agentless passive ("est soupçonné de ...")
_CUE_POS = frozenset({"VERB", "ADJ", "NOUN", "PROPN"})  # what a cue's head word can be


def find_verbal(ctx: Context, sent: TokRange) -> list[Found]:
    out: list[Found] = []
    for i in range(*sent):
        if ctx.pos[i] not in _CUE_POS:
            continue
        tok = ctx.doc[i]
        match = _match_cue(ctx, tok)
        if match is None:
            continue
        out.extend(_analyse(ctx, sent, tok, *match))
    return out


def _match_cue(ctx: Context, tok: Token) -> tuple[Cue, int] | None:
    """The cue led by ``tok`` and the index after its last word, if ``tok`` is a cue verb."""
    if tok.pos_ not in _CUE_POS or tok.is_punct:
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
    if tok.pos_ != "VERB" and not _after_aux(doc, tok) and not (
            cue.lemma in lex.predicates and bare_participle(tok)):  # « jugée "injuste" »
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


def _analyse(ctx: Context, sent: TokRange, verb: Token, cue: Cue, cue_end: int) -> list[Found]:
    """The statement led by ``verb``; one per quotation when several quotations joined by
    commas come before one inverted cue ("« A », « B », a-t-il dit": two direct records
    with the same cue and source, as the content of a record has no quote marks in it)."""
    doc = ctx.doc
    start = cue_start(doc, verb, sent[0])
    clit = clitic(ctx, start, cue_end)
    after = cue_end
    if clit is not None and clit.i >= cue_end:
        after = clit.i + 1
    if cue.lemma in ctx.lex.predicates and bare_participle(verb):
        found = predicate_statement(ctx, sent, verb, cue)  # « jugée "injuste" par X »
        if found is not None:
            return [found]
    participle = is_present_participle(verb)
    if participle and not _detached(doc, start, sent):
        return []  # "des jeux célébrant la violence": a participle that qualifies a noun
    inverted = not participle and is_inverted(ctx, verb, start)
    passive = any(c.dep_ == "aux:pass" for c in verb.children)

    charged = passive and ctx.lex.complements.get(cue.lemma, ((), False, False))[2]
    comp = prep_content(ctx, sent, cue.lemma, after) if charged else None
    if comp is not None:  # "est accusé (par le parquet) d'avoir menti"
        content = _finish(ctx, sent, comp[0], comp[1], cue_end)
    else:
        content = _content(ctx, sent, verb, cue, cue_end, after, inverted, passive, start)
    if content is None:
        return []
    span, kind = content
    source = find_source(ctx, sent, verb, after, inverted, passive, clit)
    if source is SKIP and comp is not None and agent(ctx, verb) is None:
        source = Party(ANONYMOUS, (doc[start].idx, doc[cue_end - 1].idx + len(doc[cue_end - 1])))
    if source is SKIP or (source is None and clit is None):
        return []
    party = source if isinstance(source, Party) else None
    if party is not None and party.text != ANONYMOUS and not plausible_source(ctx, party):
        return []
    cue_chars = (doc[start].idx, doc[cue_end - 1].idx + len(doc[cue_end - 1]))
    pronoun = clit is not None or any(
        c.dep_ == "nsubj" and norm_word(c.text) in ctx.lex.subject_pronouns
        for c in verb.children)
    spans = [span]
    if kind == "direct" and inverted:
        spans = [q.inner for q in quote_chain(ctx, sent, start)[:-1]] + spans
    return [Found(kind, s, cue_chars, cue.lemma, party, cue.stance, anchor=verb.i,
                  pronoun=pronoun) for s in spans]


def _detached(doc: Doc, start: int, sent: TokRange) -> bool:
    """A participle clause set off by a comma, led by "en" / "tout en", or opening the
    sentence: "..., affirmant que ...", "Craignant que ..., X a ..."."""
    prev = prev_word(doc, start)
    if prev is None or start <= sent[0]:
        return True
    if prev.text == "," or norm_word(prev.text) == "en":
        return True
    return all(t.is_punct or t.is_space for t in doc[sent[0]:start])


# ------------------------------------------------------------------ content

def _content(ctx: Context, sent: TokRange, verb: Token, cue: Cue, cue_end: int, after: int,
             inverted: bool, passive: bool, start: int) -> tuple[tuple[int, int], str] | None:
    doc = ctx.doc
    quote = None if inverted and after_quote(ctx, start) else _quote_after_colon(ctx, sent, after)
    if quote is not None:
        return quote, "direct"
    que = _que(ctx, verb, after, sent)
    if que is not None:
        top = que.head if que.head.i > que.i else verb
        # "a souligné qu'en trois jours, les flammes ...": a clause the parser ends at a
        # fronted complement still runs to the end of the verb's phrase
        end = max(top.right_edge.i, verb.right_edge.i) + 1
        if verb.dep_ in ("advcl", "dep", "parataxis") and verb.head.i > que.i:
            end = max(end, verb.head.right_edge.i + 1)  # the parser made the clause the root
        return _finish(ctx, sent, que.i + 1, end, cue_end)
    relative = any("Rel" in c.morph.get("PronType", []) for c in verb.lefts)
    comp = None if inverted or passive or relative else prep_content(ctx, sent, cue.lemma, after)
    if comp is not None:  # "a appelé Téhéran à revenir ...", "a accusé X de mentir"
        return _finish(ctx, sent, comp[0], comp[1], cue_end)
    if inverted and after_quote(ctx, start):
        return _inverted_content(ctx, sent, start)  # "« ... », a expliqué l'homme disant ..."
    xcomp = next((c for c in verb.rights if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                  and c.i >= after), None)
    if xcomp is not None:
        return _finish(ctx, sent, max(xcomp.left_edge.i, after), xcomp.right_edge.i + 1, cue_end)
    if inverted:
        return _inverted_content(ctx, sent, start)
    if cue.inverted_only:
        return None
    if passive:
        ag = agent(ctx, verb)
        subj = next((c for c in verb.children if c.dep_ == "nsubj:pass"), None)
        if ag is None or ag.i < verb.i:
            return None
        first = subj.left_edge.i if subj is not None else _clause_start(ctx, sent)
        return _finish(ctx, sent, first, ag.left_edge.i, cue_end, exact=True)
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
        words = object_words(ctx, sent, verb, after) if not inverted else None
        if words is not None:  # "a nié X et condamné | les deux attaques"
            return _finish(ctx, sent, words[0], words[1], cue_end)
    return None


def _finish(ctx: Context, sent: TokRange, a: int, b: int, cue_end: int,
            exact: bool = False) -> tuple[tuple[int, int], str] | None:
    """Trim the token range [a, b) into a content span; ``exact`` ends are not parse slips."""
    doc = ctx.doc
    b = min(b, sent[1])
    a = max(a, sent[0])
    b = _cut_relays(ctx, a, b)
    if not exact:
        run = _back_off(ctx, a, b, sent)
        b = _cut_relays(ctx, a, run) if run > b else run
        b = _through_quote(ctx, a, b, sent)
    a, b = trim(doc, a, b)
    a, b = _balance_quotes(ctx, a, b)
    if a >= b:
        return None
    span = ctx.chars((a, b))
    quotes = ctx.quote_inside(span)
    if len(quotes) == 1 and quotes[0].outer == span:
        return quotes[0].inner, "direct"  # 'a critiqué "les filières clandestines"'
    # reported speech that embeds quoted words is mixed (the guide), wherever they stand
    kind = "mixed" if quotes else "indirect"
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
        if doc[j].text != "," or ctx.in_quote(doc[j]):
            continue
        k = j + 1
        while k < b - 1 and norm_word(doc[k].text) in _INFINITIVE_LEADS:
            k += 1
        if k > j + 1 and doc[k].pos_ == "VERB" and ctx.cue_of(doc[k]) is not None:
            return j  # ", avant de préciser : ...": another statement begins
        k = j + 1
        while k < b - 1 and norm_word(doc[k].text) in _PARTICIPLE_LEADS:
            k += 1  # ", les qualifiant de ...", ", tout en appelant ..."
        nxt = doc[k]
        if (nxt.pos_ == "VERB" and "Pres" in nxt.morph.get("Tense", []) and
                "Part" in nxt.morph.get("VerbForm", [])) or (
                k > j + 1 and nxt.text.endswith("ant") and nxt.text.isalpha()):
            return j
        if trigger_at(doc, ctx.lex, j + 1, b) is not None:
            return j
        if nxt.lemma_ in ctx.lex.relay_participles and j + 2 < len(doc) and \
                norm_word(doc[j + 2].text) == ctx.lex.relay_by:
            return j
    return b


def _back_off(ctx: Context, a: int, b: int, sent: TokRange) -> int:
    """A clause ending mid-phrase ("..., l'état" before "-major") is a parse slip: end it at
    its last comma (outside quotation marks) instead."""
    doc = ctx.doc
    if b >= sent[1] or b <= a or ctx.quotes.containing(doc[b - 1].idx) is not None:
        return b
        return b
    nxt, last = doc[b], doc[b - 1]
    glued = nxt.text == "-" and not last.whitespace_
    if (nxt.is_punct and not glued) or nxt.is_space:
        return b
    for j in range(b - 1, a, -1):
        if doc[j].text == "," and not ctx.in_quote(doc[j]):
            return j
    # no comma to fall back to: the parse stopped short ("a indiqué étudier un lien entre
    # A et | B, un syndrome ..."), so run on to the end of the clause: sentence-level
    # punctuation, a subordinate clause, or a conjunction that opens a clause of its own
    return _run_on(doc, b, sent)


def _run_on(doc: Doc, b: int, sent: TokRange) -> int:
    """The end of a clause that runs on from ``b``: sentence-level punctuation, a
    subordinate clause, or a conjunction that opens a clause of its own."""
    for j in range(b, sent[1]):
        t = doc[j]
        if t.text in _CLAUSE_STOPS or _opens_clause(t):
            return j
    return sent[1]


def _through_quote(ctx: Context, a: int, b: int, sent: TokRange) -> int:
    """A quotation is atomic: a content whose parse ends inside one ("d'avoir « deux poids,
    | deux mesures » face aux ...") runs to its closing mark, then to the end of the clause."""
    doc = ctx.doc
    if b <= a or b >= sent[1]:
        return b
    q = ctx.quotes.containing(doc[b - 1].idx)
    if q is None or q.inner[0] < doc[a].idx:
        return b
    close = doc.char_span(q.outer[1] - 1, q.outer[1], alignment_mode="expand")
    if close is None or close.end > sent[1]:
        return b
    b = close.end
    if b < sent[1] and not (doc[b].is_punct or doc[b].is_space):
        b = _run_on(doc, b, sent)
    return b


_PARTICIPLE_LEADS = frozenset({"tout", "en", "le", "la", "les", "l'", "lui", "leur", "se", "s'",
                               "y"})
_INFINITIVE_LEADS = frozenset({"avant", "après", "de", "d'", "sans", "afin", "pour", "puis"})
_CLAUSE_STOPS = frozenset({".", ";", ":", "!", "?", "…", "—", "–"})


def _opens_clause(t: Token) -> bool:
    """Whether ``t`` begins a new clause where a run-on content must stop: a subordinating
    conjunction, or a coordinating one whose conjunct is a finite verb."""
    if t.pos_ == "SCONJ" and t.dep_ == "mark":
        return True
    h = t.head
    if t.pos_ != "CCONJ" or t.dep_ != "cc" or h.i < t.i:
        return False
    return "Fin" in h.morph.get("VerbForm", []) or any(
        c.dep_ in ("aux:tense", "aux:pass", "cop") and "Fin" in c.morph.get("VerbForm", [])
        for c in h.children)


def _balance_quotes(ctx: Context, a: int, b: int) -> tuple[int, int]:
    """Keep a closing mark whose opening is inside, drop a lone opening mark at the start."""
    doc = ctx.doc
    if a > 0 and doc[a - 1].text in OPENING:
        q = ctx.quotes.starting_at(doc[a - 1].idx)
        if q is not None and q.outer[1] <= doc[b - 1].idx + len(doc[b - 1]) + 1:
            a -= 1
    if b < len(doc) and doc[b].text in CLOSING and ctx.quotes.ending_at(doc[b].idx + 1):
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
            if k < len(doc) and doc[k].text[:1] in OPENING:
                q = ctx.quotes.starting_at(doc[k].idx)
                if q is not None:
                    return q.inner
            return None
        if doc[j].text in (".", ";") or doc[j].text[:1] in OPENING:
            return None
        if j > after and doc[j].pos_ == "VERB" and ctx.cue_of(doc[j]) is not None:
            return None  # "a estimé ..., avant de préciser : « ... »": that cue's quote
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
            if j > 0 and norm_word(doc[j - 1].text) in ctx.lex.que_not_after:
                return None  # "tandis que", "alors que"
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
    chain = quote_chain(ctx, sent, start)
    if chain:
        return chain[-1].inner, "direct"  # the quote opens its sentence (maybe missed)
    first = sent[0]
    for k in range(comma - 1, sent[0], -1):  # a sentence boundary the parser missed
        n = k + 1
        while n < comma and doc[n].is_space:
            n += 1
        if doc[k].text in (".", "!", "?") and n < comma and doc[n].text[:1].isupper():
            first = n
            break
    return _finish(ctx, sent, first, comma, start, exact=True)
