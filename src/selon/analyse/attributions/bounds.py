"""Where a content span ends: trimmed, cut before a relay or another statement, run on
over a parse slip, kept whole over a quotation, with balanced quote marks."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from selon.analyse.attributions.boundaries import occasion_end, past_sentence, relative_end
from selon.analyse.attributions.clause_start import copula_in_relative
from selon.analyse.attributions.context import Context
from selon.analyse.attributions.lexicon import norm_word, trigger_at
from selon.analyse.attributions.source import CLOSING, OPENING
from selon.analyse.attributions.speakers import TokRange, trim


def finish(ctx: Context, sent: TokRange, a: int, b: int, cue_end: int,
           exact: bool = False) -> tuple[tuple[int, int], str] | None:
    """Trim the token range [a, b) into a content span; ``exact`` ends are not parse slips."""
    doc = ctx.doc
    b = min(b, sent[1])
    a = max(a, sent[0])
    b = _cut_relays(ctx, a, b)
    if not exact:
        run = _back_off(ctx, a, b, sent)  # a run-on stops before ", dont ..." too
        b = relative_end(ctx, b - 1, _cut_relays(ctx, a, run)) if run > b else run
        b = _through_quote(ctx, a, b, sent)
        b = through_aside(ctx, b, sent)
        b = occasion_end(ctx, a, b)
    a, b = trim(doc, a, b)
    a, b = _balance_quotes(ctx, a, b)
    if a >= b:
        return None
    # 'a critiqué "les filières clandestines"': direct, its words inside the marks
    return ctx.reported(past_sentence(ctx, ctx.chars((a, b)), sent))


def _cut_relays(ctx: Context, a: int, b: int) -> int:
    """Stop before ", selon X", ", cité par X" or an inverted reporting clause."""
    doc = ctx.doc
    for j in range(a + 1, b - 1):
        if norm_word(doc[j].text) == "en" and _gerund_cue(ctx, doc[j + 1]) and \
                not ctx.in_quote(doc[j]):
            return j - 1 if norm_word(doc[j - 1].text) == "tout" else j  # "... en dénonçant Y"
        if doc[j].pos_ == "CCONJ" and not ctx.in_quote(doc[j]) and any(
            # "... et mis en garde contre ...": another cue; not '"A mais est considéré B"'
            t.pos_ == "VERB" and (ctx.cue_of(t) is not None or ctx.multiword_at(t) is not None)
            for t in doc[j + 1:min(j + 3, b)]
        ):
            return j
        if doc[j].text != "," or ctx.in_quote(doc[j]):
            continue
        k = j + 1
        while k < b - 1 and norm_word(doc[k].text) in _INFINITIVE_LEADS:
            k += 1
        if k > j + 1 and doc[k].pos_ == "VERB" and ctx.cue_of(doc[k]) is not None and \
                not _repeated_lead(doc, a, j + 1, k):
            return j  # ", avant de préciser : ...": another statement begins
        k = j + 1
        while k < b - 1 and norm_word(doc[k].text) in _PARTICIPLE_LEADS:
            k += 1  # ", les qualifiant de ...", ", tout en appelant ..."
        nxt = doc[k]
        if (nxt.pos_ == "VERB" and "Pres" in nxt.morph.get("Tense", []) and
                "Part" in nxt.morph.get("VerbForm", [])) or (
                k > j + 1 and nxt.text.endswith("ant") and nxt.text.isalpha()):
            return j
        if trigger_at(doc, ctx.lex, j + 1, b) is not None and not copula_in_relative(ctx, j - 1):
            return j  # but "qui pourraient être, selon lui, des casseurs" is one clause
        if nxt.lemma_ in ctx.lex.relay_participles and j + 2 < len(doc) and \
                norm_word(doc[j + 2].text) == ctx.lex.relay_by:
            return j
    return b


def _repeated_lead(doc: Doc, a: int, j: int, k: int) -> bool:
    """"accusés de semer A, de menacer B": the lone preposition that led the content leads
    one more complement of the same run, not another statement."""
    return k == j + 1 and norm_word(doc[j].text) in _PREPOSITIONS_DE and \
        norm_word(doc[a].text) in _PREPOSITIONS_DE


_PREPOSITIONS_DE = frozenset({"de", "d'"})


def _gerund_cue(ctx: Context, tok: Token) -> bool:
    """A reporting verb as a gerund after "en" ("a appelé à la grève | en dénonçant X"):
    a statement of its own that ends the content before it."""
    if not norm_word(tok.text).endswith("ant") or "Part" not in tok.morph.get("VerbForm", []):
        return False
    return ctx.cue_of(tok) is not None or ctx.multiword_at(tok) is not None


def _back_off(ctx: Context, a: int, b: int, sent: TokRange) -> int:
    """A clause ending mid-phrase ("..., l'état" before "-major") is a parse slip: end it at
    its last comma (outside quotation marks) instead."""
    doc = ctx.doc
    if b >= sent[1] or b <= a or ctx.quotes.containing(doc[b - 1].idx) is not None:
        return b
    nxt, last = doc[b], doc[b - 1]
    glued = nxt.text == "-" and not last.whitespace_
    if (nxt.is_punct and not glued) or nxt.is_space or nxt.pos_ == "CCONJ":
        return b  # "... et regretté que ...": a coordinated cue ends the content there
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


def through_aside(ctx: Context, b: int, sent: TokRange) -> int:
    """A content whose parse ends on a copula of a relative clause before a "selon" phrase
    set off by commas ("des groupes qui pourraient être | , selon lui, des casseurs") runs
    on past the phrase to the end of the clause."""
    doc = ctx.doc
    if b >= sent[1] - 1 or doc[b].text != "," or not copula_in_relative(ctx, b - 1) or \
            trigger_at(doc, ctx.lex, b + 1, sent[1]) is None:
        return b
    close = next((j for j in range(b + 2, sent[1]) if doc[j].text == ","), None)
    return b if close is None else _run_on(doc, close + 1, sent)


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
        last = doc[b - 1].idx + len(doc[b - 1])
        if q is not None and (q.outer[1] <= last + 1 or (
                q.outer[1] > last and not ctx.text[last:q.outer[1] - 1].strip())):
            a -= 1  # '"A"' and '« A »': the closing mark right after, a space allowed
    if b < len(doc) and doc[b].text in CLOSING and ctx.quotes.ending_at(doc[b].idx + 1):
        q = ctx.quotes.ending_at(doc[b].idx + 1)
        if q is not None and q.outer[0] >= doc[a].idx:
            b += 1
    if b < len(doc) and doc[b].text == ")" and any(t.text == "(" for t in doc[a:b]):
        b += 1
    return a, b
