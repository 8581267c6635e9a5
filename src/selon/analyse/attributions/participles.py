"""Who speaks through a present participle, and the infinitive a cue takes.

- A participle right after its speaker: ", des responsables évoquant des difficultés",
  "les propos d'un médecin affirmant que ...", "les médias pointant la piste de X" (the
  participle's own subject), "des sources confirmant que ...". A document speaks for whoever
  issued it: "le groupe a publié un communiqué expliquant que ..." (the group), "X a répondu
  par un tweet affirmant ..." (X), "une vidéo indiquant ..." (the video, with no issuer).
  Any other noun is not a speaker: "des jeux célébrant la violence" reports nothing.
- A detached participle whose clause the parser hung on a subordinate verb speaks with the
  sentence's main subject ("X a appelé les pays à rapatrier ..., affirmant ne pas ..."); one
  that opens the sentence, with the subject after its clause ("Dénonçant X, l'ONG a ...").
- A bare infinitive after a cue is its content: "a affirmé être la cible de ...", "affirmant
  ne pas être en mesure de ...", "a annoncé avoir procédé à ...".
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from selon import lang as langdata
from selon.analyse.attributions.context import Context
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.objects import rules
from selon.analyse.attributions.possessive import possessor
from selon.analyse.attributions.retag import forms
from selon.analyse.attributions.source import (
    after_np,
    left_subject,
    misparsed_subject,
    subject_np,
)
from selon.analyse.attributions.speakers import TokRange, noun_phrase
from selon.analyse.tokens import is_finite
from selon.model import Party

_MAX_BACK = 4  # adjectives and quote marks between a speaker noun and its participle
_MAX_GLOSS = 6  # tokens of a bracketed gloss between them, brackets included: "(OMS)"
_MAX_LEAD = 4  # negation and clitics between a cue and its infinitive
_SPEAKER_TYPES = frozenset({"PER", "ORG"})
# "Après avoir dit", "Avant de dire"; never "Sans mentionner X": what was not said
_FRONTED_LEADS = frozenset({"après", "avant", "de", "d'", "mais", "et"})
_FRONTED_FIRST = frozenset({"après", "avant"})
_INFINITIVE_LEADS = frozenset({"ne", "n'", "pas", "plus", "jamais", "rien", "se", "s'", "y",
                               "en", "le", "la", "les", "l'", "lui", "leur"})
_RELATIVES = frozenset({"où", "dont", "qui", "lequel", "laquelle", "lesquels", "lesquelles"})
_MAX_CLIMB = 6  # heads climbed from a participle to the sentence's main verb


@cache
def _document_nouns(lang: str) -> frozenset[str]:
    nested = langdata.load(lang, "cues").get("nested", {})
    return frozenset(norm_word(w) for w in nested.get("document_nouns", []))


def _speaker(ctx: Context, n: Token) -> bool:
    words = {norm_word(n.text), norm_word(n.lemma_)}
    if words & ctx.lex.speaker_nouns or words & rules(ctx).participle_speakers:
        return True
    return n.ent_type_ in _SPEAKER_TYPES or ctx.entities.type_at(
        (n.idx, n.idx + len(n))) in _SPEAKER_TYPES


def _before(ctx: Context, verb: Token, sent: TokRange) -> Token | None:
    """The noun right before the participle, over adjectives and quote marks."""
    doc = ctx.doc
    j = verb.i - 1
    glossed = 0  # tokens of a bracketed gloss skipped: "l'Organisation (OMS) mettant"
    while j >= sent[0] and verb.i - j - glossed <= _MAX_BACK:
        t = doc[j]
        if t.text == ")" and not glossed:
            k = next((k for k in range(j - 1, max(sent[0], j - _MAX_GLOSS) - 1, -1)
                      if doc[k].text == "("), None)
            if k is None or k == j - 1:
                return None
            glossed = j - k + 1
            j = k - 1
            continue
        if t.pos_ in ("NOUN", "PROPN"):
            return t
        if not (t.pos_ == "ADJ" or t.text in ('"', "»", "”")
                or (t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm", []))):
            return None
        j -= 1
    return None


def participle_speaker(ctx: Context, sent: TokRange, verb: Token) -> Party | None:
    """The speaker of a present participle that follows a noun (None: not a statement)."""
    doc = ctx.doc
    limit = (sent[0], verb.i)
    own = next((c for c in verb.lefts if c.dep_ == "nsubj" and not ctx.in_quote(c)), None)
    lead = doc[own.left_edge.i - 1] if own is not None and own.left_edge.i > sent[0] else None
    if own is not None and own.pos_ in ("NOUN", "PROPN") and (lead is None or lead.text == ","):
        # "les médias pointant X"
        return possessor(ctx, own) or ctx.party(noun_phrase(doc, own, limit))
    n = _before(ctx, verb, sent)
    if n is None:
        return None
    if not _speaker(ctx, n):
        n = _over_place(ctx, n, sent)
    if _speaker(ctx, n):
        head = n
        while head.dep_ == "flat:name" and head.head.i < head.i:
            head = head.head
        while head.ent_iob_ == "I" and head.i > sent[0]:
            head = doc[head.i - 1]  # "l'Organisation mondiale de la santé (OMS) mettant"
        return ctx.party(noun_phrase(doc, head, limit))
    if norm_word(n.lemma_) not in _document_nouns(doc.lang_ or "fr") and \
            norm_word(n.text) not in _document_nouns(doc.lang_ or "fr"):
        return None
    issuer = n.head
    if n.dep_ in ("obj", "obl:agent", "obl:mod", "obl", "obl:arg") and issuer.pos_ == "VERB":
        subj = left_subject(ctx, issuer, issuer.i)
        if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            return ctx.party(subject_np(ctx, subj, sent))
    # "une vidéo indiquant que ...", but "son tweet critiquant X": the one "son" stands for
    return possessor(ctx, n) or ctx.party(noun_phrase(doc, n, limit))


def _over_place(ctx: Context, n: Token, sent: TokRange) -> Token:
    """The speaker noun before the prepositional phrase that ``n`` heads, the parser having
    hung the participle on that phrase ("des manifestations dans tout le pays | réclamant
    X": the demonstrations); ``n`` itself when there is none."""
    doc = ctx.doc
    lead = n.left_edge
    if lead.pos_ != "ADP" or lead.i <= sent[0] or not any(c.dep_ == "case" for c in n.children):
        return n
    before = doc[lead.i - 1]
    if before.pos_ in ("NOUN", "PROPN") and _speaker(ctx, before):
        return before
    return n


def main_verb_after(ctx: Context, sent: TokRange, after: int, end: int) -> int | None:
    """Where the main clause's verb group starts inside a content running from ``after``
    to ``end``, the content being that of a participle qualifying the subject ("des
    manifestations dénonçant les violences | ont eu lieu ..."): its first finite verb or
    auxiliary outside quotation marks, when no conjunction or relative word opens a clause
    of the content before it. None when there is none."""
    doc = ctx.doc
    for k in range(after, min(end, sent[1])):
        t = doc[k]
        if ctx.in_quote(t):
            continue
        w = norm_word(t.text)
        if t.pos_ == "SCONJ" or w in ctx.lex.que_words or w in ctx.lex.relative_words or \
                t.dep_ == "acl:relcl" or (t.pos_ == "PRON" and t.dep_.startswith("nsubj")):
            return None
        if is_finite(t):
            return k
    return None


def fronted_infinitive(ctx: Context, sent: TokRange, start: int, verb: Token) -> bool:
    """A cue in an infinitive clause that opens the sentence ("Après avoir déclaré que A,
    ...", "Avant de démentir toute faute, ..."): its speaker is the main clause's
    subject, after the comma."""
    doc = ctx.doc
    lead = [norm_word(t.text) for t in doc[sent[0]:start] if not (t.is_punct or t.is_space)]
    if not lead or not set(lead) <= _FRONTED_LEADS or not set(lead) & _FRONTED_FIRST:
        return False
    group = doc[start] if start < verb.i else verb
    return "Inf" in group.morph.get("VerbForm", []) or group.lemma_ in ("avoir", "être")


def detached_speaker(ctx: Context, sent: TokRange, verb: Token,
                     content_end: int, fronted: bool = False) -> Party | None:
    """The speaker of a detached participle (or of a ``fronted`` infinitive clause) the
    usual reading left without one."""
    doc = ctx.doc
    if fronted or verb.i == sent[0] or all(t.is_punct for t in doc[sent[0]:verb.i]):
        j = content_end  # "Dénonçant X, | l'ONG Golos, ..., a reçu ..."
        while j < sent[1] and (doc[j].is_space or ctx.in_quote(doc[j])
                               or doc[j].text in ('"', "»", "”")):
            j += 1
        if j >= sent[1] or doc[j].text != ",":
            return None
        r = after_np(ctx, sent, j + 1)
        return ctx.party(r) if r[0] < r[1] and _names_speaker(ctx, r) else None
    head = verb
    last_verb: Token | None = None  # the highest verb below a root that is none
    for _ in range(_MAX_CLIMB):
        if head.head.i == head.i:
            break
        head = head.head
        if head.pos_ in ("VERB", "AUX") and head.i < verb.i:
            last_verb = head
    if head.pos_ not in ("VERB", "AUX") and last_verb is not None and \
            misparsed_subject(ctx, sent, last_verb) is not None:
        head = last_verb  # "Lors de X plus tard dans la journée, Mme Y a dit A, ajoutant B"
    if head.i >= verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    deps: tuple[str, ...] = ("nsubj", "nsubj:pass")
    if head.lemma_ not in forms(doc.lang_ or "fr").impersonal_verbs:
        deps += ("expl:subj",)  # "Il n'a pas voulu ..., précisant": the parser's expletive
    subj = left_subject(ctx, head, head.i, deps)
    if subj is None:  # "Plus tard, Mme X a dit A, ajoutant B": the parser's apposition
        return misparsed_subject(ctx, sent, head)
    return subject_party(ctx, subj, sent)


def _names_speaker(ctx: Context, r: TokRange) -> bool:
    return any(t.pos_ in ("NOUN", "PROPN") and _speaker(ctx, t) for t in ctx.doc[r[0]:r[1]])


def speaker_head(ctx: Context, party: Party) -> bool:
    """Whether a source phrase is headed by a name, a pronoun, or a noun of a person or a
    body ("le maire de la ville", "les habitants"), not by a thing the parse put after an
    inverted verb ("a apprécié mardi | la victoire du parti": the verb's object)."""
    span = ctx.doc.char_span(party.span[0], party.span[1], alignment_mode="expand")
    head = next((t for t in span or () if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if head is None or head.pos_ != "NOUN":
        return True
    return _speaker(ctx, head) or norm_word(head.lemma_) in ctx.lex.antecedent_nouns


def infinitive_content(ctx: Context, verb: Token, after: int, sent: TokRange) -> TokRange | None:
    """"a affirmé être la cible de ...": a bare infinitive right after the cue (past
    negation and clitics) and the rest of the verb's phrase."""
    doc = ctx.doc
    k = after
    while k < sent[1] and k - after < _MAX_LEAD and (
            norm_word(doc[k].text) in _INFINITIVE_LEADS or norm_word(doc[k].text)
            in ctx.lex.time_words or ctx.in_time(doc[k])):
        k += 1
    if k >= sent[1] or doc[k].pos_ not in ("VERB", "AUX") or \
            "Inf" not in doc[k].morph.get("VerbForm", []):
        return None
    first = after
    while first < k and (norm_word(doc[first].text) in ctx.lex.time_words
                         or ctx.in_time(doc[first])):
        first += 1
    end = min(max(verb.right_edge.i, doc[k].head.right_edge.i if doc[k].head.i != verb.i
                  else doc[k].right_edge.i, doc[k].right_edge.i) + 1, sent[1])
    for j in range(k + 1, end - 1):  # not over ", où ils ont ...": a clause of its own
        if doc[j].text == "," and not ctx.in_quote(doc[j]) and \
                norm_word(doc[j + 1].text) in _RELATIVES:
            return first, j
    return first, end


def subject_party(ctx: Context, subj: Token | None, sent: TokRange) -> Party | None:
    """Who a clause's subject names: the speaker a pronoun resolves to, else its noun
    phrase; nobody for an impersonal or unresolved pronoun."""
    if subj is None or norm_word(subj.text) in ctx.lex.impersonal:
        return None
    p = ctx.pronoun(subj)
    if isinstance(p, Party):
        return p
    return ctx.party(subject_np(ctx, subj, sent)) if p is False else None
