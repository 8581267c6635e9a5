"""Appeals, refusals and hopes whose content is an event noun: "a demandé des sanctions",
"a exclu toute négociation", "espère une reprise des vols", "a ordonné le retrait des
troupes". The verbs are no nominal cues ("demander son chemin" is no statement): their
object is the content only when its head names an event (``lang/<lang>/event_nouns.json``)
and their subject can take a position (a person, an organisation, a country; not « la
pluie a demandé un arrêt des travaux »)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from selon import lang as langdata
from selon.analyse.attributions.context import Context
from selon.analyse.attributions.lexicon import norm_word
from selon.model import Party

_AGENT_TYPES = frozenset({"PER", "ORG", "GPE", "LOC", "NORP"})
_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
_CONTROLLED = frozenset({"conj", "xcomp", "advcl"})  # verbs whose subject is their head's
_MAX_CLIMB = 3


@dataclass(frozen=True)
class EventWords:
    verbs: dict[str, str]  # lemma -> stance
    suffixes: tuple[str, ...]
    not_events: frozenset[str]
    nouns: frozenset[str]
    position_nouns: frozenset[str]
    attitudes: frozenset[str] = frozenset()


@cache
def event_words(lang: str) -> EventWords:
    data = langdata.load(lang, "event_nouns")
    return EventWords(
        verbs=dict(data["verbs"]),
        suffixes=tuple(data["suffixes"]),
        not_events=frozenset(norm_word(w) for w in data["not"]),
        nouns=frozenset(norm_word(w) for w in data["nouns"]),
        position_nouns=frozenset(norm_word(w) for w in data["position_nouns"]),
        attitudes=frozenset(norm_word(w) for w in data.get("attitudes", [])),
    )


def words(ctx: Context) -> EventWords:
    return event_words(ctx.doc.lang_ or "fr")


def event_stance(ctx: Context, lemma: str) -> str | None:
    """The stance of a verb whose event-noun object is its content, None for other verbs."""
    return words(ctx).verbs.get(lemma)


def event_noun(ctx: Context, head: Token) -> bool:
    """Whether a noun names an event or an attitude: "la libération", "le retrait", "un
    cessez-le-feu", "sa volonté de ..."."""
    if head.pos_ != "NOUN":
        return False
    w = words(ctx)
    forms = {norm_word(head.text), norm_word(head.lemma_)}
    if forms & w.not_events:
        return False
    if forms & (w.nouns | w.attitudes):
        return True  # "le retrait", "sa volonté de ..."
    return any(f.endswith(s) and len(f) > len(s) + 2 for f in forms for s in w.suffixes)


def takes_position(ctx: Context, verb: Token) -> bool:
    """Whether the verb's subject can take a position: a pronoun, a name, a person's or an
    organisation's noun. A coordinated verb, an infinitive or a participle takes the
    subject of the verb it depends on; one without any is left to the source finder."""
    subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    head = verb
    for _ in range(_MAX_CLIMB):  # "le texte vise à demander X", "des centaines de
        if subj is not None or head.dep_ not in _CONTROLLED or head.head.i == head.i:
            break  # migrants, espérant X": the subject of the verb it depends on
        head = head.head
        subj = next((c for c in head.children if c.dep_ in _SUBJECTS), None)
    if subj is None:
        return True
    if subj.pos_ == "PRON" and "Rel" in subj.morph.get("PronType", []) and \
            verb.dep_.startswith("acl") and verb.head.i < verb.i:
        subj = verb.head  # "l'avocate qui demande le retour des enfants": who "qui" is
    if subj.pos_ in ("PRON", "PROPN"):
        return True
    kinds = {subj.ent_type_, ctx.entities.type_at((subj.idx, subj.idx + len(subj)))}
    if kinds & _AGENT_TYPES:
        return True
    forms = {norm_word(subj.text), norm_word(subj.lemma_)}
    return bool(forms & (ctx.lex.speaker_nouns | words(ctx).position_nouns))


def event_source(ctx: Context, party: Party) -> bool:
    """A source phrase headed by an event noun ("l'accord", "cette sortie"): a thing the
    parse took for the speaker, which takes no position."""
    if party.entity is not None:
        return False
    span = ctx.doc.char_span(party.span[0], party.span[1], alignment_mode="expand")
    head = next((t for t in span or () if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if head is None or head.pos_ != "NOUN" or not event_noun(ctx, head):
        return False
    forms = {norm_word(head.text), norm_word(head.lemma_)}
    return not forms & (ctx.lex.speaker_nouns | words(ctx).position_nouns)

