"""Who makes a statement led by a reporting verb.

The speaker is, in order: an inverted clitic ("a-t-il ajouté"), the agent of a passive
("qualifiés de ... par X"), the subject before the verb, the noun phrase after an inverted
verb ("..., a déclaré le ministre, l'amiral X, ..."), or, for a present participle
("..., affirmant que ..."), the subject of the clause the participle hangs on.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from selon import lang as langdata
from selon.analyse.attributions.context import Context
from selon.analyse.attributions.lexicon import norm_word, trigger_at
from selon.analyse.attributions.possessive import possessor
from selon.analyse.attributions.quotes import CLOSING, OPENING
from selon.analyse.attributions.speakers import TokRange, noun_phrase, present_participle, trim
from selon.analyse.tokens import is_finite
from selon.model import Party

SKIP = object()  # the verb has a subject that cannot be a source ("on", "il est ...")
_MAX_CLIMB = 4  # heads climbed from a detached participle's noun to its clause's verb
_MAX_TITLE_WORDS = 3  # "le colonel", "l'amiral", "Mme": words between a comma and a name


def cue_start(doc: Doc, verb: Token, floor: int) -> int:
    """Index of the first word of the verb group: "a déclaré", "a-t-il ajouté", "ont été ..."."""
    start, j = verb.i, verb.i - 1
    while j >= floor and (doc[j].pos_ in ("AUX", "ADV") or doc[j].text.startswith("-") or (
        doc[j].pos_ == "PRON" and j > 0 and doc[j - 1].text == "-" and not doc[j - 1].whitespace_
    )):
        if doc[j].pos_ == "AUX" or doc[j].lemma_ in ("avoir", "être"):
            start = j
        j -= 1
    return start


def prev_word(doc: Doc, i: int) -> Token | None:
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return doc[j] if j >= 0 else None


def clitic(ctx: Context, start: int, end: int) -> Token | None:
    """An inverted subject pronoun ("-t-il", "-elle", "- elles") in or just after the verb
    group."""
    doc = ctx.doc
    lex = ctx.lex
    for j in range(start, min(end + 2, len(doc))):
        t = doc[j].text
        if t.startswith("-") and (t[1:].lower() in lex.subject_pronouns
                                  or t[1:].lower() in lex.impersonal):
            return doc[j]
        if t == "-" and not doc[j].whitespace_ and j + 1 < len(doc) and \
                doc[j + 1].text.lower() in lex.subject_pronouns:
            return doc[j + 1]
    return None


def is_present_participle(tok: Token) -> bool:
    """"affirmant", "estimant": a present participle (or gerund after "en")."""
    return present_participle(tok)


def left_subject(ctx: Context, verb: Token, start: int,
                 deps: tuple[str, ...] = ("nsubj",)) -> Token | None:
    """The subject before the verb, unless another verb stands between them (then the
    parser has probably given the verb a subject that belongs to a clause before it) or
    it lies inside a quotation ("« ... le racisme », a déclaré X")."""
    doc = ctx.doc
    for c in verb.lefts:
        if norm_word(c.text) in ctx.lex.object_clitics:
            # "X, venu ..., leur a demandé": the parser took the object clitic for the
            # subject; the real one is that of the detached clause before it
            return next((s for a in verb.lefts if a.dep_ == "advcl" and a.i < c.i
                         for s in a.lefts if s.dep_ in deps and not ctx.in_quote(s)), None)
        if c.dep_ in deps and not c.text.startswith("-") and not ctx.in_quote(c) and not any(
            t.pos_ == "VERB" for t in doc[c.right_edge.i + 1:start]
        ):
            return _past_fronted_phrase(c)
    return None


def _past_fronted_phrase(subj: Token) -> Token | None:
    """"Dans un tweet, le frère de X, Y, a dit": a subject led by a preposition is a fronted
    adjunct the parser misread; the speaker is the noun phrase apposed to it (with none,
    the parser's subject stays)."""
    if not any(c.dep_ == "case" and c.i < subj.i for c in subj.lefts):
        return subj
    return next((c for c in subj.rights if c.dep_ == "appos"), subj)


def agent(ctx: Context, verb: Token) -> Token | None:
    """The "par X" agent of a passive verb (the parser sometimes labels it obl:mod)."""
    for c in verb.rights:
        if c.dep_ == "obl:agent" or (c.dep_.startswith("obl") and any(
            k.dep_ == "case" and norm_word(k.text) == ctx.lex.relay_by for k in c.lefts
        )):
            return c
    return None


def is_inverted(ctx: Context, verb: Token, start: int) -> bool:
    """"..., a déclaré X" / "« ... », dit-il": the verb group follows a comma or a quote
    (not the comma closing an incise after the auxiliary: "X a, mardi, déclaré ...")."""
    prev = prev_word(ctx.doc, start)
    if prev is None or prev.text not in (",", *CLOSING):
        return False
    if start == verb.i and _bare_past_participle(verb):
        return False  # "..., qualifié de X les rumeurs": a participle agreeing, no inversion
    if _split_group(ctx, verb, prev):
        return False
    subj = left_subject(ctx, verb, start)
    return subj is None or _own_finite(ctx, subj, verb, start)


def _bare_past_participle(verb: Token) -> bool:
    """A past participle (by its tag and its ending) with no auxiliary before it: an
    inverted reporting clause has a finite verb ("dit le ministre") or a compound group
    ("a déclaré X"), never this."""
    return "Part" in verb.morph.get("VerbForm", []) and "Past" in verb.morph.get(
        "Tense", []) and norm_word(verb.text).endswith(_participle_endings(verb.doc.lang_ or "fr"))


@cache
def _participle_endings(lang: str) -> tuple[str, ...]:
    return tuple(langdata.load(lang, "cues").get("past_participle_endings", []))


def _own_finite(ctx: Context, subj: Token, verb: Token, start: int) -> bool:
    """Whether the subject the parser gave ``verb`` on its left belongs to a clause of its
    own: a finite verb outside any relative clause stands between it and the comma before
    ``verb``'s group, and a speaker follows the verb ("La mesure est illégale, a expliqué
    X": "est" makes the clause before complete, and X speaks)."""
    doc, lex = ctx.doc, ctx.lex
    after = next((c for c in verb.rights if c.dep_ in ("nsubj", "obj")), None)
    if after is None or not (after.dep_ == "nsubj" or after.pos_ == "PROPN" or norm_word(
            after.lemma_) in lex.speaker_nouns | lex.antecedent_nouns):
        return False
    for t in doc[subj.i + 1:start]:
        if norm_word(t.text) in lex.relative_words | lex.que_words or t.pos_ == "SCONJ" \
                or "Rel" in t.morph.get("PronType", []):
            return False  # "X, qui est arrivé hier, a dit ...": the subject's own clause
        if is_finite(t) \
                and (t.head.i != verb.i or t.dep_ == "cop"):
            return True
    return False


_MAX_INCISE = 10  # words of an incise between an auxiliary and its participle


def incise_before(ctx: Context, sent: TokRange, j: int) -> int | None:
    """The index of the comma that opens an incise closed by the comma at ``j`` (a phrase
    without a verb of its own), None when ``j`` closes none."""
    doc = ctx.doc
    if doc[j].text != "," or ctx.in_quote(doc[j]):
        return None
    for k in range(j - 1, max(sent[0], j - _MAX_INCISE) - 1, -1):
        t = doc[k]
        if t.text == ",":
            return k if k < j - 1 and not ctx.in_quote(t) else None
        if t.pos_ in ("VERB", "AUX") or ctx.in_quote(t) or t.text in (";", ":", "(", ")"):
            return None
    return None


def _split_group(ctx: Context, verb: Token, comma: Token) -> bool:
    """"X a, dans un communiqué, appelé ...": the comma before the participle closes an
    incise that follows its auxiliary, and the auxiliary follows its subject (not a
    comma or a quotation, as in "« ... », a, selon X, déclaré Y")."""
    doc = ctx.doc
    if comma.text != "," or "Part" not in verb.morph.get("VerbForm", []):
        return False
    k = incise_before(ctx, (verb.sent.start, verb.sent.end), comma.i)
    if k is None or k - 1 <= verb.sent.start:
        return False
    aux = doc[k - 1]
    if aux.pos_ not in ("AUX", "VERB") or aux.lemma_ not in ("avoir", "être") or \
            "Fin" not in aux.morph.get("VerbForm", []):
        return False
    before = prev_word(doc, aux.i)
    return before is not None and before.text not in (",", *CLOSING) and not before.is_punct


def find_source(ctx: Context, sent: TokRange, verb: Token, after: int, inverted: bool,
                passive: bool, clit: Token | None, depth: int = 0) -> Party | object | None:
    doc, lex = ctx.doc, ctx.lex
    if clit is not None:
        if clit.text.lstrip("-").lower() in lex.impersonal:
            return SKIP
        p = ctx.pronoun(clit)
        return p if isinstance(p, Party) else None
    if passive:
        ag = agent(ctx, verb)
        if ag is None:
            return SKIP
        return ctx.party(noun_phrase(doc, ag, sent))
    if is_present_participle(verb):
        return participle_source(ctx, sent, verb, depth)
    subj = left_subject(ctx, verb, verb.i) if not inverted else None
    if subj is None:
        subj = next((c for c in verb.rights if c.dep_ == "nsubj"
                     and norm_word(c.text) not in lex.time_words), None)
    if subj is not None:
        w = norm_word(subj.text)
        if w in lex.impersonal:
            return SKIP
        if w == "qui" and verb.dep_ == "acl:relcl":
            return ctx.party(noun_phrase(doc, verb.head, sent))
        if w == "qui" and subj.i < verb.i:  # the parser missed the relative clause
            ante = antecedent_before(ctx, subj.i, sent)
            return ctx.party(noun_phrase(doc, ante, sent)) if ante is not None else None
        if subj.i > verb.i and inverted:
            return ctx.party(after_np(ctx, sent, after))
        return possessor(ctx, subj) or ctx.party(subject_np(ctx, subj, sent))
    if inverted:
        party = ctx.party(after_np(ctx, sent, after))
        left = next((c for c in verb.lefts if c.dep_ == "nsubj" and not ctx.in_quote(c)), None)
        if party is None and left is not None:
            return ctx.party(noun_phrase(doc, left, sent))
        return party
    if verb.dep_ in ("conj", "advcl", "xcomp") and depth < 3 and verb.head.i < verb.i and (
        verb.dep_ == "conj" or verb.pos_ == "VERB"
    ):
        head = verb.head  # "que X a nié A et condamné B": X, not the que-clause's speaker
        if not (verb.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubj:pass")
                                             for c in head.children)):
            head = _main_clause(ctx, head, verb.i)
        return find_source(ctx, sent, head, head.i + 1, False,
                           any(c.dep_ == "aux:pass" for c in head.children), None, depth + 1)
    return misparsed_subject(ctx, sent, verb)


def misparsed_subject(ctx: Context, sent: TokRange, verb: Token) -> Party | None:
    """The subject the parser hung on a fronted adverbial as an apposition, leaving the
    verb with none ("Plus tard dans la journée, Mme X a indiqué ..."): the name or noun
    phrase between the comma that closes the adverbial and the verb group; None when
    there is none."""
    doc = ctx.doc
    start = cue_start(doc, verb, sent[0])
    if start - 1 <= sent[0]:
        return None
    head = doc[start - 1]
    while head.dep_ == "flat:name" and head.head.i < head.i:
        head = head.head
    if head.pos_ not in ("NOUN", "PROPN") or head.dep_ != "appos" or head.head.i >= head.i:
        return None
    left = head.left_edge.i
    if left <= sent[0] or doc[left - 1].text != "," or head.right_edge.i != start - 1:
        return None
    return ctx.party((left, start))


_ANTECEDENT_DEPS = frozenset({"flat:name", "flat", "appos"})
_MAX_ANTECEDENT_STEPS = 4


def antecedent_before(ctx: Context, i: int, sent: TokRange) -> Token | None:
    """The head of the noun phrase that ends right before the relative pronoun at ``i``
    (a comma between allowed): « en Turquie, qui a reconnu ... » -> Turquie, « l'avocate
    Marie Dosé qui ... » -> avocate. None when no noun ends there."""
    doc = ctx.doc
    k = i - 1
    if k > sent[0] and doc[k].text == ",":
        k -= 1
    if k < sent[0] or doc[k].pos_ not in ("NOUN", "PROPN") or ctx.in_quote(doc[k]):
        return None
    tok = doc[k]
    for _ in range(_MAX_ANTECEDENT_STEPS):
        h = tok.head
        if tok.dep_ not in _ANTECEDENT_DEPS or h.i >= tok.i or h.i < sent[0] or \
                h.pos_ not in ("NOUN", "PROPN"):
            break
        tok = h
    return tok


def _main_clause(ctx: Context, head: Token, i: int) -> Token:
    """"a assuré qu'un vaccin deviendra ..., promettant ...", "a estimé que X ..., avant de
    préciser": past the que-clauses to the verb whose subject speaks."""
    while head.dep_ in ("ccomp", "advcl") and head.head.i != head.i and head.i > i - 40 \
            and any(c.dep_ == "mark" and norm_word(c.text) in ctx.lex.que_words
                    for c in head.children):
        head = head.head
    return head


def participle_source(ctx: Context, sent: TokRange, verb: Token,
                      depth: int = 0) -> Party | object | None:
    """"Le maire a quitté la salle, affirmant que ...": the speaker is the subject of the
    clause the participle depends on (never the participle's own object). A participle
    that qualifies a noun ("des manifestants scandant ...") is left alone."""
    head = _main_clause(ctx, verb.head, verb.i)
    doc = ctx.doc
    before = prev_word(doc, verb.i)
    if before is not None and (before.text == "," or norm_word(before.text) == "en"):
        for _ in range(_MAX_CLIMB):  # ", tout en appelant ...", parsed onto the object noun
            if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
                break
            head = head.head
    if head.i == verb.i or depth >= 3 or not (sent[0] <= head.i < sent[1]):
        return SKIP
    if head.pos_ not in ("VERB", "AUX", "ADJ") and verb.dep_ not in ("advcl", "conj"):
        return SKIP
    start = cue_start(doc, head, sent[0])
    clit = clitic(ctx, start, head.i + 1)
    if clit is not None:
        return find_source(ctx, sent, head, head.i + 1, False, False, clit, depth + 1)
    subj = left_subject(ctx, head, start, ("nsubj", "nsubj:pass"))
    if subj is None:
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")
                     and c.i != verb.i and not ctx.in_quote(c)), None)
    if subj is not None:
        w = norm_word(subj.text)
        if w in ctx.lex.impersonal:
            return SKIP
        if w == "qui" and head.dep_ == "acl:relcl":
            return ctx.party(noun_phrase(doc, head.head, sent))
        if subj.i > head.i:
            return ctx.party(after_np(ctx, sent, head.i + 1))
        return possessor(ctx, subj) or ctx.party(subject_np(ctx, subj, sent))
    if is_inverted(ctx, head, start):
        return ctx.party(after_np(ctx, sent, head.i + 1))
    if head.dep_ in ("conj", "advcl", "xcomp") or is_present_participle(head):
        return participle_source(ctx, sent, head, depth + 1)
    return SKIP


def subject_np(ctx: Context, subj: Token, sent: TokRange) -> TokRange:
    """The subject's noun phrase; "Carrie Lam, la cheffe de l'exécutif, a accusé": when the
    parser heads the subject on the apposition, keep the name in front of it."""
    doc = ctx.doc
    for c in subj.lefts:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and not ctx.in_quote(c):
            return noun_phrase(doc, c, sent)
    r = noun_phrase(doc, subj, sent)
    if subj.pos_ == "PROPN":
        return _cut_np(ctx, *r)
    r = _cut_apposition(ctx, subj.i, *r)
    # "Et Carrie Lam, la cheffe de ..., a accusé" parsed with the title as the subject
    k = r[0] - 1
    if k > sent[0] and doc[k].text == ",":
        a = k
        while a > sent[0] and _name_token(doc[a - 1]):
            a -= 1
        lead = doc[a - 1] if a > sent[0] else None
        if a < k and (lead is None or lead.pos_ == "CCONJ" or lead.is_punct):
            return a, k
    return r


def after_np(ctx: Context, sent: TokRange, after: int) -> TokRange:
    """The noun phrase right after an inverted verb: "..., a déclaré le ministre, M. X, ..."."""
    doc = ctx.doc
    j = after
    while j < sent[1]:
        t = doc[j]
        if t.is_space or t.text.startswith("-") or norm_word(t.text) in ctx.lex.time_words \
                or ctx.in_time(t):
            j += 1
        elif (k := skip_phrase(ctx, j, sent[1])) > j:
            j = k  # "à l'AFP", "auprès de la presse", "dans la journée"
        elif t.pos_ == "ADP" and t.head.i > j and t.head.pos_ != "PROPN":
            j = t.head.right_edge.i + 1  # "devant la presse"
        elif t.pos_ == "ADP" and t.head.i > j and t.head.i + 1 < sent[1] and \
                _name_token(doc[t.head.i + 1]):
            j = t.head.i + 1  # "à l'AFP Laurel Miller": the name after the agency
        else:
            break
    if j >= sent[1] or (doc[j].pos_ not in ("DET", "NOUN", "PROPN", "ADJ", "NUM", "PRON")
                        and not (doc[j].is_alpha and doc[j].text[:1].isupper())):
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
    while end < sent[1] and end > start and doc[end - 1].text[:1].isupper() and \
            doc[end].is_alpha and doc[end].text[:1].isupper() and not ctx.in_time(doc[end]):
        end += 1  # "Donald | Trump": a name the parser cut in two
    start, end = _cut_np(ctx, start, end)
    name = _apposed_name(ctx, end, sent[1])
    if name is not None:
        ctx.apposed.add(name)  # recorded for the source's "how" (trust.py)
    return name if name is not None else (start, end)


_DE = frozenset({"de", "d'", "du", "des"})
_SUBJECT_START = frozenset({"DET", "PROPN", "NOUN", "NUM", "ADJ"})


def skip_phrase(ctx: Context, j: int, end: int, depth: int = 0) -> int:
    """The index after a short prepositional phrase at ``j`` that stands between an
    inverted verb and its subject ("à l'AFP", "auprès de la presse", "lors d'un point de
    presse", "dans la journée"), read from the words: ``j`` when there is none, or when
    no subject can start after it."""
    doc = ctx.doc
    inv = ctx.lex.inversion
    if inv is None:
        return j
    word = norm_word(doc[j].text)
    if word in inv.bare_preps:  # "par téléphone", never "par le ministre"
        if j + 1 >= end or doc[j + 1].pos_ != "NOUN" or not doc[j + 1].text[:1].islower():
            return j
    elif word not in inv.preps:
        return j
    k = j + 1
    if k < end and norm_word(doc[k].text) in _DE and word in ("auprès", "lors"):
        k += 1
    while k < end and doc[k].pos_ == "DET":
        k += 1
    if k >= end or doc[k].pos_ not in ("NOUN", "PROPN"):
        return j
    k += 1
    while k < end and doc[k].pos_ in ("ADJ", "PROPN") and doc[k].text[:1].islower():
        k += 1  # "à la télévision publique"
    de = norm_word(doc[k].text) if k + 1 < end else ""
    if (de in ("de", "d'") and doc[k + 1].pos_ == "NOUN") or (
            de in ("du", "des") and doc[k + 1].pos_ in ("NOUN", "PROPN")):
        k += 2  # "lors d'un point de presse", "dans les colonnes du Point"
        while k < end and doc[k - 1].text[:1].isupper() and doc[k].is_alpha and \
                doc[k].text[:1].isupper() and doc[k].pos_ != "DET":
            k += 1  # "dans les colonnes du New York Times"
    if k < end and depth < 2 and ((nxt := norm_word(doc[k].text)) in inv.preps
                                  or nxt in inv.bare_preps):
        return k if skip_phrase(ctx, k, end, depth + 1) > k else j  # "dans la journée à l'AFP"
    if k >= end or (doc[k].pos_ not in _SUBJECT_START and not doc[k].text[:1].isupper()):
        return j
    return k


def document_np(ctx: Context, sent: TokRange, j: int) -> TokRange | None:
    """"lit-on dans un communiqué du ministère": the document after a reading verb."""
    doc = ctx.doc
    inv = ctx.lex.inversion
    if inv is None:
        return None
    if j < sent[1] and norm_word(doc[j].text) == "y":
        j += 1
    while j < sent[1] and norm_word(doc[j].text) in ctx.lex.time_words:
        j += 1
    if j >= sent[1] or norm_word(doc[j].text) not in inv.document_preps:
        return None
    r = after_np(ctx, sent, j + 1)
    return r if r[0] < r[1] else None


def _apposed_name(ctx: Context, comma: int, limit: int) -> TokRange | None:
    """", l'amiral Jean Martin," / ", M. X" / ", Mme Y" right after a title noun phrase:
    a name (maybe after a few title words) that ends the phrase."""
    doc = ctx.doc
    if comma >= limit or doc[comma].text != ",":
        return None
    k = comma + 1
    while k < limit and not _name_token(doc[k]):
        t = doc[k]
        if k - comma > _MAX_TITLE_WORDS or t.is_punct or t.pos_ not in ("DET", "NOUN", "ADJ"):
            return None
        k += 1
    if k >= limit or not _name_token(doc[k]):
        return None
    a = k
    while k < limit and (_name_token(doc[k]) or (doc[k].ent_iob_ == "I"
                                                 and doc[k].text[:1].isupper())):
        k += 1
    if k < limit and not (doc[k].is_punct or doc[k].pos_ == "ADP" or doc[k].is_space):
        return None
    return a, k


def _name_token(t: Token) -> bool:
    return t.pos_ == "PROPN" and t.text[:1].isupper()


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
        if trigger_at(doc, ctx.lex, j, end) is not None or (
            t.dep_ in ("amod", "acl") and present_participle(t)
        ):  # "l'homme disant s'appeler Ng"
            return start, j
        if t.lemma_ in ctx.lex.relay_participles and j + 1 < end and \
                norm_word(doc[j + 1].text) == ctx.lex.relay_by:
            return start, j
        if t.pos_ == "ADP" and norm_word(t.text) not in _DE and t.ent_iob_ != "I" and any(
            p.pos_ in ("NOUN", "PROPN") for p in doc[start:j]
        ):  # "Joe Biden depuis l'Etat du Delaware": the source stops at the name
            return trim(doc, start, j)
        timed = _time_at(ctx, j) or (t.pos_ == "DET" and j + 1 < end and _time_at(ctx, j + 1))
        if timed and t.ent_iob_ != "I" and doc[j - 1].pos_ in ("NOUN", "PROPN") and \
                not _time_at(ctx, j - 1):
            return trim(doc, start, j)  # "a déclaré le ministre | jeudi soir", "| la veille"
    return trim(doc, start, end)


def _time_at(ctx: Context, j: int) -> bool:
    t = ctx.doc[j]
    return ctx.in_time(t) or norm_word(t.text) in ctx.lex.time_words


def _cut_apposition(ctx: Context, head: int, start: int, end: int) -> TokRange:
    """"Le groupe X, partenaire de l'université Y, a annoncé": a subject headed by a noun
    ends at the comma of an apposition after its head, unless a name follows it ("le
    ministre, M. X"), and before a parenthesis ("des manifestants (3.000 selon ...)")."""
    doc = ctx.doc
    for j in range(start + 1, end - 1):
        if doc[j].text == "(" and j > head and not ctx.in_quote(doc[j]) and \
                not _acronym(doc, j + 1, end):  # "(LREM)", "(Criirad)" belong to the name
            return trim(doc, start, j)
        if doc[j].text != "," or ctx.in_quote(doc[j]):
            continue
        if all(ctx.in_time(t) or norm_word(t.text) in ctx.lex.time_words
               for t in doc[start:j]):
            start = j + 1  # "Mercredi, cafetiers et restaurateurs ont demandé"
            continue
        if j < head:
            continue
        if _capitalised_run(doc, j + 1, end) or (doc[j + 1].pos_ not in _APPOSITION_START
                                                  and not _emphatic(ctx, doc[j + 1])):
            return start, end  # a name, or no apposition ("X, sans doute ...", "X, et Y")
        return trim(doc, start, j)
    return start, end


def _emphatic(ctx: Context, t: Token) -> bool:
    """"lui-même", "elles-mêmes": a stressed pronoun made emphatic opens an apposition."""
    w = norm_word(t.text)
    return "-" in w and w.split("-")[0] in ctx.lex.stressed_pronouns


_APPOSITION_START = frozenset({"NOUN", "DET", "ADJ", "NUM", "ADV"})
_MAX_ACRONYM_WORDS = 3


def _acronym(doc: Doc, k: int, end: int) -> bool:
    """"LREM)", "PS)": a few capitalised words closed by a parenthesis."""
    a = k
    while k < end and k - a < _MAX_ACRONYM_WORDS and doc[k].text[:1].isupper():
        k += 1
    return a < k < end and doc[k].text == ")"
_MAX_NAME_WORDS = 6


def _capitalised_run(doc: Doc, k: int, end: int) -> bool:
    """"Mohammad-Bagher Ghalibaf," at ``k``: capitalised words (hyphens glued between
    them) up to a punctuation mark or the end, whatever the tagger made of them."""
    a = k
    while k < end and k - a < _MAX_NAME_WORDS and (
            doc[k].text[:1].isupper() or (doc[k].text == "-" and not doc[k].whitespace_)):
        k += 1
    return k > a and (k >= end or (doc[k].is_punct and doc[k].text != "-"))


def _name_run_ends(ctx: Context, k: int, end: int) -> bool:
    doc = ctx.doc
    while k < end and (doc[k].pos_ == "PROPN" or doc[k].ent_iob_ == "I"):
        k += 1
    return k >= end or doc[k].is_punct


_NOT_SPEAKER_PRONOUNS = frozenset({"je", "j'", "tu", "nous", "vous", "me", "m'", "moi", "toi"})
_MAX_SOURCE_TOKENS = 16


def _title_before_name(span: Span) -> bool:
    """"Me Dupont": a title of the language's entity data (the lawyer's "Me") before a
    name, not the pronoun "me"."""
    return len(span) > 1 and span[0].text in _titles(span.doc.lang_ or "fr") and \
        span[1].text[:1].isupper()


@cache
def _titles(lang: str) -> frozenset[str]:
    return frozenset(langdata.load(lang, "entities").get("mention_titles", []))


def plausible_source(ctx: Context, party: Party) -> bool:
    """Whether a source phrase can name a speaker: no quotation marks or finite verb in it,
    not led by a preposition or a first-person pronoun, not a manner word ("selon un
    scénario ..."), not a whole clause."""
    span = ctx.doc.char_span(party.span[0], party.span[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    if len(span) > _MAX_SOURCE_TOKENS:
        return False
    first = span[0]
    if first.pos_ == "ADP" or (norm_word(first.text) in _NOT_SPEAKER_PRONOUNS
                               and not _title_before_name(span)):
        return False
    for t in span:
        if t.text in CLOSING or t.text in OPENING:
            return False
        if is_finite(t) and not (
            t.ent_iob_ == "I" and t.ent_type_ == "PER" and t.text[:1].isupper()
        ):  # a finite verb, not a person's name the tagger took for one ("Zaharieva")
            return False
    head = next((t for t in span if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if head is None:  # "obligatoire": an adjective the parser took for a subject
        return any(t.text[:1].isupper() for t in span)
    if len(span) == 1 and head.pos_ == "PRON" and norm_word(head.text) in ctx.lex.relative_words:
        return False  # "qui" left unresolved
    return head.lemma_.lower() not in ctx.lex.not_sources
