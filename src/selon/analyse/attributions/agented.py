"""What a noun is said to be by the agent of a bare past participle after it.

« un projet de loi, vivement critiqué par l'opposition, ... », « une attaque revendiquée par
le groupe », « la décision, saluée par les syndicats et contestée par le patronat »: the
participle of a cue whose object is its content (a nominal cue) reports that noun phrase,
and the agent after "par" is the source. Only the stances of ``lang/<lang>/cues.json``
"agent_participles" count (an accusation, a rejection, a claim, a call, a judgement): a
noun "annoncé par X" or "cité par X" is a fact or a relay, not a stance taken on it. The
participle's gender and number pick, inside the noun phrase, the noun it speaks of (« la
signature de cet accord, dénoncé par X » reports the agreement, not its signature).

A fear or a hope caused by a thing has no speaker at all: « ce retard fait craindre une
pénurie » is anonymous ("causatives" in cues.json), whatever its subject.
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.lexicon import Cue, Lexicon, norm_word
from selon.analyse.attributions.objects import concrete_object, rules
from selon.analyse.attributions.predicates import bare_participle
from selon.analyse.attributions.source import after_np, plausible_source
from selon.analyse.attributions.speakers import TokRange

_MAX_CLIMB = 5  # heads climbed from the word before the participle to its noun
_MAX_CHAIN = 3  # participles joined by "et" that share one noun
_MAX_GAP = 6  # tokens between the participle and the "par" of its parsed agent
_MAX_BETWEEN = 4  # adverbs and time words between the participle and "par"
_OWN = frozenset({"det", "amod", "nummod", "case"})  # a noun's own words before it
_ENDINGS = (("ées", "Fem", "Plur"), ("ée", "Fem", "Sing"), ("és", "Masc", "Plur"),
            ("é", "Masc", "Sing"))  # a first-group participle's gender and number
_CLAUSE_MARKS = frozenset({",", ";", ":", "(", ")", "—", "–"})


def agented(lex: Lexicon, cue: Cue) -> bool:
    """Whether a bare participle of ``cue`` may report its noun ("critiqué par X")."""
    return cue.nominal and cue.stance in lex.agent_stances and \
        cue.lemma not in lex.agent_not


def causative(ctx: Context, cue: Cue, verb: Token) -> bool:
    """An infinitive of fear or hope right after "faire" / "laisser" ("fait craindre")."""
    prev = ctx.doc[verb.i - 1] if verb.i > 0 else None
    return cue.stance in ctx.lex.causative_stances and not cue.words and prev is not None \
        and prev.lemma_ in ctx.lex.causatives and "Inf" in verb.morph.get("VerbForm", [])


def agent_participle(verb: Token) -> bool:
    """A bare past participle, or one joined by "et" to such a participle ("rejeté par X
    et critiqué par Y")."""
    if bare_participle(verb):
        return True
    head = verb.head
    return verb.dep_ == "conj" and head.i < verb.i and head.pos_ in ("VERB", "ADJ") and \
        not any(c.dep_.startswith("aux") for c in verb.children) and bare_participle(head)


def agent_statement(ctx: Context, sent: TokRange, verb: Token, cue: Cue) -> Found | None:
    """The statement of "NOUN, PARTICIPLE par AGENT", or None."""
    if not agented(ctx.lex, cue):
        return None
    first = verb
    for _ in range(_MAX_CHAIN):  # "rejeté par X et critiqué par Y": the noun of the first
        if first.dep_ != "conj" or first.head.i > first.i or first.head.pos_ not in (
                "VERB", "ADJ"):
            break
        first = first.head
    head = _noun(ctx, sent, first)
    if head is None:
        return None
    agent = _agent(ctx, sent, verb)
    if agent is None:
        return None
    party = ctx.party(agent)
    if party is None or not plausible_source(ctx, party):
        return None
    noun = _agreeing(head, first)
    if concrete_object(ctx, cue.lemma, noun) or _literal(ctx, cue.lemma, noun):
        return None  # "la ville, défendue par l'armée": an act
    doc = ctx.doc
    a = max(min([noun.i] + [c.left_edge.i for c in noun.lefts if c.dep_ in _OWN]), sent[0])
    b = min(first.left_edge.i, first.i)
    for j in range(noun.i - 1, a - 1, -1):  # "Dévoilé en janvier, un plan ...": after the comma
        if doc[j].text in _CLAUSE_MARKS and not ctx.in_quote(doc[j]):
            a = j + 1
            break
    while b > a and (doc[b - 1].is_space or doc[b - 1].text in _CLAUSE_MARKS
                     or doc[b - 1].pos_ == "ADV"):
        b -= 1
    while a < b and (doc[a].is_space or doc[a].pos_ == "ADP" or (doc[a].is_punct
                     and not ctx.quotes.starting_at(doc[a].idx))):
        a += 1  # "la signature de | cet accord"
    if a >= b:
        return None
    span = ctx.chars((a, b))
    kind = "mixed" if ctx.quote_inside(span) else "indirect"
    return Found(kind, span, (verb.idx, verb.idx + len(verb)), cue.lemma, party, cue.stance,
                 anchor=verb.i, judged=True)


def _noun(ctx: Context, sent: TokRange, first: Token) -> Token | None:
    """The noun the participle follows: its head in the parse, else the nearest noun that
    governs the word before it and agrees with it ("une tentative de la forcer à l'exil,
    condamnée par X": the attempt, not the exile)."""
    head = first.head
    if first.dep_ in ("acl", "amod") and head.pos_ in ("NOUN", "PROPN") \
            and sent[0] <= head.i < first.i:
        return head
    if first.dep_ not in ("acl", "amod", "advcl", "conj"):
        return None
    j = first.left_edge.i - 1
    doc = ctx.doc
    while j >= sent[0] and (doc[j].is_space or doc[j].text == "," or doc[j].pos_ == "ADV"):
        j -= 1
    if j < sent[0]:
        return None
    t: Token | None = doc[j]
    for _ in range(_MAX_CLIMB):
        if t is None or t.i < sent[0] or t.pos_ in ("AUX",) or (t.dep_ == "ROOT" and \
                t.pos_ == "VERB"):
            return None
        if t.pos_ in ("NOUN", "PROPN") and _agrees(t, first):
            return t
        t = t.head if t.head.i != t.i else None
    return None


def _literal(ctx: Context, lemma: str, noun: Token) -> bool:
    """A noun that the verb's literal uses name ("défendre la ville", "déplorer des morts")."""
    w = norm_word(noun.text)
    return any(w in words for words in rules(ctx).literal.get(lemma, ()))


def _agent(ctx: Context, sent: TokRange, verb: Token) -> TokRange | None:
    """The agent phrase after "par" right after the participle (adverbs and a time
    allowed between)."""
    doc = ctx.doc
    k = verb.i + 1
    while k < sent[1] and k <= verb.i + _MAX_BETWEEN and (
            doc[k].pos_ == "ADV" or ctx.in_time(doc[k])
            or norm_word(doc[k].text) in ctx.lex.time_words):
        k += 1  # "dénoncé aussitôt par", "revendiquée en soirée par"
    if k >= sent[1] or norm_word(doc[k].text) != ctx.lex.relay_by:
        by = next((c for t in verb.rights if t.dep_ == "obl:agent" for c in t.lefts
                   if c.dep_ == "case" and norm_word(c.text) == ctx.lex.relay_by), None)
        if by is None or not verb.i < by.i <= verb.i + _MAX_GAP:
            return None
        k = by.i  # "revendiquée en soirée par X": the parser's agent
    agent = after_np(ctx, sent, k + 1)
    return agent if agent[0] < agent[1] else None


def _agreeing(head: Token, participle: Token) -> Token:
    """The noun of ``head``'s phrase that agrees with the participle: ``head`` itself when
    it does, else the nearest of the nouns it complements that does ("la fin du droit du
    sol, réclamée par X": the end), else a complement noun of ``head`` that does, else
    ``head``."""
    if _agrees(head, participle):
        return head
    best = None
    t = head
    for _ in range(_MAX_CLIMB):
        if t.dep_ != "nmod" or t.head.pos_ not in ("NOUN", "PROPN") or t.head.i >= t.i:
            break
        t = t.head
        if _agrees(t, participle):
            best = t
            break
    if best is not None:
        return best
    for c in head.children:
        if c.dep_ == "nmod" and c.pos_ in ("NOUN", "PROPN") and head.i < c.i < participle.i \
                and _agrees(c, participle):
            return c
    return head


def _agrees(noun: Token, participle: Token) -> bool:
    """Gender and number that do not clash (an unknown one clashes with none); a
    participle's ending is trusted over its tagged features."""
    low = participle.text.lower()
    own = next(((g, n) for end, g, n in _ENDINGS if low.endswith(end)), None)
    for k, feat in enumerate(("Gender", "Number")):
        a = noun.morph.get(feat, [])
        b = [own[k]] if own is not None else participle.morph.get(feat, [])
        if a and b and a != b:
            return False
    return True
