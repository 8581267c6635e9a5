"""Noun-phrase objects as the content of a reporting verb, and when they are not one.

"a condamné les violences", "a écarté toute hausse", "a réfuté dans une lettre les
accusations", 'a condamné "avec force" ces attaques', "la presse rapporte des
condamnations" (the parser reads "des" as a preposition): the object is what is said. A
verb is a statement only in its reporting use: "condamner X à mort", "saluer la foule" or
"défendre la ville" are acts (``lang/<lang>/cues.json`` "objects" says which words make a
use literal, which verbs need an abstract object, which need a clitic: "y voir X").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from selon import lang as langdata
from selon.analyse.attributions.context import Context
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.speakers import TokRange

_OBJECT_POS = frozenset({"NOUN", "PROPN", "NUM", "PRON"})
_PERSON_PLACE = frozenset({"PER", "LOC", "GPE"})
_MAX_GAP = 8  # tokens of a quoted adverbial or a short phrase between a verb and its object
_MAX_LITERAL = 12  # tokens after the verb searched for a literal use
_MAX_QUOTED_MODIFIER = 3  # words of a quoted adjective after an object ('"immédiat"')
_OF_WORDS = frozenset({"de", "d'", "du", "des"})
_RELATIVE_AFTER_COMMA = frozenset({"dont", "lequel", "laquelle", "lesquels",
                                   "lesquelles"})


@dataclass(frozen=True)
class ObjectRules:
    literal: dict[str, tuple[tuple[str, ...], ...]]
    abstract: frozenset[str]
    clitics: dict[str, frozenset[str]]
    partitive: frozenset[str]
    anonymous_passive: frozenset[str]
    participle_speakers: frozenset[str]
    estimate_verbs: frozenset[str]
    estimate_preps: frozenset[str]
    infinitive_leads: tuple[tuple[str, ...], ...] = ()


@cache
def object_rules(lang: str) -> ObjectRules:
    data = langdata.load(lang, "cues").get("objects", {})
    return ObjectRules(
        literal={lemma: tuple(tuple(norm_word(w) for w in seq) for seq in seqs)
                 for lemma, seqs in data.get("literal", {}).items()},
        abstract=frozenset(data.get("abstract", [])),
        clitics={lemma: frozenset(norm_word(w) for w in words)
                 for lemma, words in data.get("clitics", {}).items()},
        partitive=frozenset(norm_word(w) for w in data.get("partitive", [])),
        anonymous_passive=frozenset(data.get("anonymous_passive", [])),
        participle_speakers=frozenset(norm_word(w) for w in data.get("participle_speakers", [])),
        estimate_verbs=frozenset(data.get("estimates", {}).get("verbs", [])),
        estimate_preps=frozenset(norm_word(w) for w in data.get("estimates", {}).get("preps", [])),
        infinitive_leads=tuple(tuple(norm_word(w) for w in seq) for seq in data.get(
            "adjuncts", {}).get("infinitive_leads", [])),
    )


def rules(ctx: Context) -> ObjectRules:
    return object_rules(ctx.doc.lang_ or "fr")


def clitic_ok(ctx: Context, verb: Token, lemma: str) -> bool:
    """"Les opposants y voient une manœuvre": a verb that is a cue only after a clitic."""
    need = rules(ctx).clitics.get(lemma)
    if need is None:
        return True
    doc = ctx.doc
    return any(norm_word(doc[j].text) in need for j in range(max(verb.i - 3, 0), verb.i))


def literal_use(ctx: Context, lemma: str, verb: Token, end: int) -> bool:
    """Whether the words after the verb (up to ``end``) make it an act, not a statement:
    "a condamné l'accusé à dix ans de prison", "a salué la foule"."""
    r = rules(ctx)
    seqs = r.literal.get(lemma, ())
    doc = ctx.doc
    toks = doc[verb.i + 1:min(end, verb.i + 1 + _MAX_LITERAL)]
    words = [norm_word(t.text) for t in toks]
    for seq in seqs:
        n = len(seq)
        if any(tuple(words[k:k + n]) == seq and not _agent_of_participle(toks, k)
               for k in range(len(words) - n + 1)):
            return True
    return False


def _agent_of_participle(toks: Span, k: int) -> bool:
    """Whether the words at ``k`` follow another past participle ("citant la réforme
    lancée | par X"): that participle's agent, not the verb's use."""
    if k == 0:
        return False
    t = toks[k - 1]
    return bool(t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm", [])
                and "Past" in t.morph.get("Tense", []))


def concrete_object(ctx: Context, lemma: str, head: Token) -> bool:
    """An object that is a person or a place, for a verb that reports only about things:
    "défendre la ville", "saluer le président", "saluer le vice-président X" (an act, not
    a statement). A lower-case noun is no place name even when the recogniser took it
    into one ("pointant la piste de la Chine")."""
    if lemma not in rules(ctx).abstract:
        return False
    kinds = {head.ent_type_, ctx.entities.type_at((head.idx, head.idx + len(head)))}
    if "PER" in kinds or any(c.dep_ == "appos" and c.ent_type_ == "PER"
                             for c in head.rights):  # "le vice-président X": a person
        return True
    if kinds & _PERSON_PLACE and head.text[:1].isupper():  # not "la piste de la Chine",
        return True  # a lower-case noun the recogniser took into a place name
    w = norm_word(head.lemma_)
    return w in ctx.lex.speaker_nouns or norm_word(head.text) in ctx.lex.speaker_nouns


def np_object(ctx: Context, verb: Token, after: int) -> Token | None:
    """The verb's object noun, or a noun the parser attached with a partitive article read
    as a preposition ("rapporte des condamnations": obl:arg with case "des")."""
    partitive = rules(ctx).partitive
    rights = list(verb.rights)
    for n, c in enumerate(rights):
        if c.i < after or c.pos_ not in _OBJECT_POS:
            continue
        if c.dep_ == "obj" and norm_word(c.text) in ctx.lex.time_words and any(
                d.dep_ == "obj" and d.pos_ in _OBJECT_POS for d in rights[n + 1:]):
            continue  # "a reconnu lundi | son erreur": a time word the parser made an object
        if c.dep_ == "obj":
            return c
        if c.dep_ == "obl:arg" and c.pos_ == "NOUN" and any(
                k.dep_ == "case" and norm_word(k.text) in partitive and k.i == c.left_edge.i
                for k in c.lefts):
            return c
    return None


def object_start(ctx: Context, sent: TokRange, after: int, first: int) -> int:
    """Where an object content starts: at the object, or before a quoted adverbial that
    stands between it and the verb ('a condamné "avec force" ces attaques')."""
    if first <= after:
        return first
    doc = ctx.doc
    q = ctx.quotes.starting_at(doc[after].idx) if after < sent[1] else None
    if q is not None and q.outer[1] <= doc[first].idx + len(doc[first]) and \
            first - after <= _MAX_GAP:
        return after
    return first


def object_end(ctx: Context, sent: TokRange, a: int, b: int) -> int:
    """An object content stops before a relative clause set off by a comma ("les
    Etats-Unis pour la mort de X, dont l'arrestation ..."), and runs over the list a colon
    opens after it ("a rapporté trois incidents: un vol à X; une agression à Y")."""
    doc = ctx.doc
    if b + 1 < sent[1] and doc[b].text == ":" and not ctx.in_quote(doc[b]) and \
            doc[b + 1].text[:1] not in ('"', "«", "“"):
        end = sent[1]
        while end > b and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return end
    for j in range(a + 1, b - 1):
        if doc[j].text == "," and not ctx.in_quote(doc[j]) and \
                norm_word(doc[j + 1].text) in _RELATIVE_AFTER_COMMA:
            return j
        if not ctx.in_quote(doc[j]) and _act_adjunct(ctx, j, b):
            return j
    return b


def _act_adjunct(ctx: Context, j: int, b: int) -> bool:
    """Whether the words at ``j`` describe the act of saying, not what is said: "sans en
    préciser la date", "avant de partir"."""
    doc = ctx.doc
    for lead in rules(ctx).infinitive_leads:
        n = len(lead)
        if tuple(norm_word(t.text) for t in doc[j:j + n]) == lead and any(
                "Inf" in t.morph.get("VerbForm", []) for t in doc[j + n:min(j + n + 3, b)]):
            return True
    return False


def past_quoted_modifier(ctx: Context, sent: TokRange, b: int) -> int:
    """The end of an object the parser cut before a quoted modifier and its complement
    ('le rappel | "immédiat" de l'ambassadeur à Paris'): through the quotation of at most
    ``_MAX_QUOTED_MODIFIER`` words and the phrase "de" opens after it, to the next comma;
    ``b`` when no such words follow."""
    doc = ctx.doc
    if b >= sent[1]:
        return b
    q = ctx.quotes.starting_at(doc[b].idx)
    if q is None:
        return b
    close = doc.char_span(q.outer[1] - 1, q.outer[1], alignment_mode="expand")
    if close is None or close.end >= sent[1] or close.end - b - 2 > _MAX_QUOTED_MODIFIER:
        return b
    k = close.end
    if norm_word(doc[k].text) not in _OF_WORDS:
        return b
    end = k + 1
    while end < sent[1] and (doc[end].text in ("'", "’") or not doc[end].is_punct) and (
            doc[end].pos_ not in ("VERB", "AUX", "CCONJ", "SCONJ", "PRON")
            or norm_word(doc[end].text) == "l'"):
        end += 1  # "de l' ambassadeur": an elided article, maybe split or taken for a pronoun
    return end if end > k + 1 else b


def past_phrase(ctx: Context, sent: TokRange, j: int) -> int:
    """The index after a short phrase between a verb and its object ("a réfuté dans une
    lettre ouverte | les affirmations"), ``j`` when there is none."""
    doc, inv = ctx.doc, ctx.lex.inversion
    if inv is None or j >= sent[1] or norm_word(doc[j].text) not in inv.preps:
        return j
    k = j + 1
    while k < sent[1] and doc[k].pos_ == "DET":
        k += 1
    if k >= sent[1] or doc[k].pos_ != "NOUN":
        return j
    k += 1
    while k < sent[1] and k - j < _MAX_GAP and doc[k].pos_ in ("ADJ", "VERB") \
            and doc[k].text[:1].islower() and "Fin" not in doc[k].morph.get("VerbForm", []):
        k += 1  # "dans une lettre ouverte"
    if k >= sent[1] or doc[k].pos_ not in ("DET", "NOUN", "PROPN", "NUM"):
        return j
    return k


def estimate_content(ctx: Context, sent: TokRange, verb: Token, lemma: str,
                     after: int) -> TokRange | None:
    """"estime à plus de 2.000 le nombre de logements insalubres": the figure and what it
    counts, up to the first comma."""
    r = rules(ctx)
    doc = ctx.doc
    if lemma not in r.estimate_verbs or after >= sent[1] or \
            norm_word(doc[after].text) not in r.estimate_preps:
        return None
    if not any(t.like_num or t.pos_ == "NUM" for t in doc[after + 1:min(after + 5, sent[1])]):
        return None
    end = next((j for j in range(after + 1, sent[1]) if doc[j].text in (",", ";", ":")
                and not ctx.in_quote(doc[j])), sent[1])
    return after, end


def qualifier_quote(ctx: Context, stance: str,
                    found: tuple[tuple[int, int], str] | None) -> tuple[int, int] | None:
    """'a qualifié le vote d'"énorme mensonge"': a qualifying cue's object that ends on a
    quotation after "de" says what the thing was called; that quotation is the content."""
    if found is None or stance != "qualify" or found[1] != "mixed":
        return None
    span = found[0]
    quotes = ctx.quote_inside(span)
    if not quotes:
        return None
    last = quotes[-1]
    if last.outer[1] != span[1]:
        return None
    before = ctx.text[max(span[0], last.outer[0] - 3):last.outer[0]].lower().replace("’", "'")
    return last.inner if before.endswith(("de ", "d'")) else None
