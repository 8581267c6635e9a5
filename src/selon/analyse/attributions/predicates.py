"""What a bare past participle of a judging verb says of a noun, and who says it.

« une décision jugée "injuste" par l'opposition », « un scrutin qualifié de "mensonge" par
l'opposition », « des incendies présentés par les autorités comme des accidents »: the
content is the predicate (the quotation or adjective after "jugée", the words after "de" or
"comme"), the source is the agent after "par". Without an agent, a participle that
qualifies a noun of a speaker's clause is the speaker's word (« le candidat s'en est pris à
son rival, qualifié de "pantin" »); any other reports nothing (« le sénateur, qualifié de
"traître", a quitté le parti »).
``lang/<lang>/cues.json`` "predicates" lists the verbs and the words that lead their
predicate (none: a quotation or an adjective right after the participle).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.lexicon import Cue, norm_word
from selon.analyse.attributions.phrase import speaker_noun
from selon.analyse.attributions.source import OPENING, after_np, plausible_source, subject_np
from selon.analyse.attributions.speakers import TokRange
from selon.analyse.tokens import is_finite
from selon.model import Party

_MAX_CLIMB = 4  # heads climbed from a participle's noun to the verb of its clause
_MAX_SPAN = 20  # tokens after the participle that its predicate and agent may take
_STOPS = frozenset({",", ";", ":", ".", "!", "?", "(", ")", "—", "–"})
_PAST_ENDS = ("é", "ée", "és", "ées")
_AUXILIARIES = frozenset({"avoir", "être"})
_MAX_INCISE = 12  # tokens of an incise between an auxiliary and its participle


def bare_participle(verb: Token) -> bool:
    """A past participle with no auxiliary: "jugée", "qualifiés", "présentés"."""
    if verb.pos_ not in ("VERB", "ADJ"):
        return False
    past = ("Part" in verb.morph.get("VerbForm", []) and "Past" in verb.morph.get("Tense", [])) \
        or verb.text.lower().endswith(_PAST_ENDS)
    if not past or any(c.dep_.startswith("aux") for c in verb.children):
        return False
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return False  # "a ajouté que ... et estimé que ...": the auxiliary is shared
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    return prev is None or prev.pos_ != "AUX"


def predicate_statement(ctx: Context, sent: TokRange, verb: Token, cue: Cue) -> Found | None:
    leads = ctx.lex.predicates.get(cue.lemma)
    if leads is None:
        return None
    doc = ctx.doc
    limit = min(sent[1], verb.i + 1 + _MAX_SPAN)
    agent: TokRange | None = None
    pred: TokRange | None = None
    k = verb.i + 1
    while k < limit:
        t = doc[k]
        w = norm_word(t.text)
        if w == ctx.lex.relay_by and agent is None:
            agent = after_np(ctx, (sent[0], limit), k + 1)
            if agent[0] >= agent[1]:
                return None
            k = agent[1]
        elif pred is None and leads and w in leads:
            pred = (k + 1, _predicate_end(ctx, k + 1, limit))
            k = pred[1]
        elif pred is None and not leads and (t.text in OPENING or t.pos_ == "ADJ"):
            end = _predicate_end(ctx, k, limit) if t.text in OPENING else _adjectives(ctx, k, limit)
            pred = (k, end)
            k = pred[1]
        else:
            break
    if pred is None or (agent is None and not _of_noun(verb)):
        return None
    a, b = pred
    while a < b and (doc[a].is_space or doc[a].text in _STOPS):
        a += 1
    while b > a and (doc[b - 1].is_space or doc[b - 1].text in _STOPS):
        b -= 1
    if a >= b:
        return None
    if agent is None:
        party = _clause_speaker(ctx, sent, verb)
        if party is None:
            return None
    else:
        party = ctx.party(agent)
        if party is None or not plausible_source(ctx, party):
            return None
    span = ctx.chars((a, b))
    quotes = ctx.quote_inside(span)
    if (inner := ctx.whole_quote(span, quotes)) is not None:
        return Found("direct", inner, (verb.idx, verb.idx + len(verb)), cue.lemma,
                     party, cue.stance, anchor=verb.i)  # « jugée "injuste" par X »
    head = verb.head
    prev = doc[verb.i - 1] if verb.i > 0 else None
    if head.pos_ in ("NOUN", "PROPN") and head.i < verb.i and prev is not None \
            and prev.text != "," and head.left_edge.i >= sent[0]:
        a = head.left_edge.i  # "une modification présentée par X comme une erreur"
        span = ctx.chars((a, b))
        quotes = ctx.quote_inside(span)
    kind = "mixed" if quotes else "indirect"
    cue_chars = (verb.idx, verb.idx + len(verb))
    return Found(kind, span, cue_chars, cue.lemma, party, cue.stance, anchor=verb.i)


def _of_noun(verb: Token) -> bool:
    """A participle that qualifies a noun before it: hung on that noun ("la réélection
    jugée frauduleuse", "le sénateur, qualifié de « traître »"), or on the clause's verb
    right after a comma that follows a noun ("s'en est pris à son rival, qualifié de
    « pantin »"). A participle hung on anything else may be a compound tense whose
    auxiliary stands far before it ("a, dans une vidéo, qualifié de ...")."""
    doc = verb.doc
    prev = doc[verb.i - 1] if verb.i > 0 else None
    if verb.dep_ == "advcl" and verb.head.i < verb.i and prev is not None and \
            prev.text == "," and verb.i > 1 and doc[verb.i - 2].pos_ in ("NOUN", "PROPN"):
        return not _after_incise(doc, verb)
    if verb.dep_ not in ("acl", "amod") or verb.head.pos_ not in ("NOUN", "PROPN") or \
            verb.head.i > verb.i:
        return False
    return not _after_incise(doc, verb)


def _after_incise(doc: Doc, verb: Token) -> bool:
    """"a, dans une vidéo, | qualifié": an auxiliary before a comma-bounded incise."""
    if verb.i == 0 or doc[verb.i - 1].text != ",":
        return False
    j = verb.i - 2
    while j > max(verb.i - _MAX_INCISE, 0) and doc[j].text != ",":
        j -= 1
    return j > 0 and doc[j].text == "," and doc[j - 1].lemma_ in _AUXILIARIES


def _clause_speaker(ctx: Context, sent: TokRange, verb: Token) -> Party | None:
    """The speaker who qualifies a noun of his own clause with an agentless participle:
    « le candidat s'en est pris à son rival, qualifié de "pantin" »: the candidate. None
    when the subject names no person or body (« le plan offrait des terres, considérées
    comme ... ») or is the noun qualified (« le sénateur, qualifié de ..., a quitté »)."""
    t = verb.head
    for _ in range(_MAX_CLIMB):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            break
        t = t.head
    if t.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in t.children if c.dep_ in ("nsubj", "expl:subj")
                 and sent[0] <= c.i < t.i), None)
    if subj is None or subj.left_edge.i <= verb.i <= subj.right_edge.i or \
            (verb.dep_ != "advcl" and verb.head.i in {x.i for x in subj.subtree}):
        return None
    np = subject_np(ctx, subj, sent)
    party = ctx.party(np)
    if party is None or not plausible_source(ctx, party):
        return None
    if subj.pos_ == "PRON" or speaker_noun(ctx, np) or \
            ctx.entities.type_at(party.span) in ("PER", "ORG"):
        return party
    return None


def _predicate_end(ctx: Context, k: int, limit: int) -> int:
    """Where a predicate that starts at ``k`` ends: before "par", a stop or a finite verb;
    a quotation is taken whole."""
    doc = ctx.doc
    while k < limit:
        t = doc[k]
        q = ctx.quotes.starting_at(t.idx) if t.text in OPENING else None
        if q is not None:
            close = doc.char_span(q.outer[1] - 1, q.outer[1], alignment_mode="expand")
            if close is None or close.end > limit:
                return k
            k = close.end
            continue
        if norm_word(t.text) == ctx.lex.relay_by or t.text in _STOPS or (
            is_finite(t)
        ):
            return k
        k += 1
    return k


def _adjectives(ctx: Context, k: int, limit: int) -> int:
    doc = ctx.doc
    while k < limit and doc[k].pos_ in ("ADJ", "ADV") and norm_word(doc[k].text) != "par":
        k += 1
    return k


def object_predicate(ctx: Context, sent: TokRange, verb: Token, after: int) -> TokRange | None:
    """The object and what a judging verb says of it: 'a jugé la réforme "injuste"', 'a
    estimé la hausse trop rapide', 'a jugé la loi injuste et dangereuse'. The adjective
    must be quoted, graded by an adverb or paired with another: a bare one is the
    object's own ('a jugé la réforme fiscale')."""
    obj = next((c for c in verb.rights if c.dep_ == "obj" and c.i >= after
                and c.pos_ in ("NOUN", "PROPN")), None)
    if obj is None:
        return None
    doc = ctx.doc
    for adj in reversed([t for t in obj.subtree if t.dep_ == "amod" and t.pos_ == "ADJ"
                         and t.i > obj.i]):  # the parser may give it to a complement noun
        first = adj.left_edge.i
        quoted = doc[first - 1].text in OPENING or (
            ctx.in_quote(adj) and not ctx.in_quote(obj))
        graded = any(c.dep_ == "advmod" and c.i < adj.i for c in adj.children)
        paired = any(c.dep_ == "conj" and c.pos_ == "ADJ" for c in adj.children)
        if not (quoted or graded or paired):
            continue
        end = adj.right_edge.i + 1
        q = ctx.quotes.containing(adj.idx)
        if q is not None:
            close = doc.char_span(q.outer[1] - 1, q.outer[1], alignment_mode="expand")
            end = max(end, close.end) if close is not None else end
        return max(obj.left_edge.i, after), min(end, sent[1])
    return None
