"""Nominal statements with a source: "l'annonce par X que Y", "l'annonce de X que Y",
"l'annonce par X de Y", "l'appel de X à Y" (X a person, a body or a country standing for
its government), "X a lancé un appel à Y" (the appeal's author is the subject of the verb
that makes it)."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from selon import lang as langdata
from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.phrase import clause_end
from selon.analyse.attributions.relative import Inner, kind_of, person
from selon.analyse.attributions.speakers import TokRange, noun_phrase, trim
from selon.errors import ConfigError
from selon.model import Party

_MAX_GAP = 12  # tokens between the noun and its "que" / "à"


@cache
def _nouns(lang: str) -> tuple[dict[str, str], dict[str, str], frozenset[str], frozenset[str]]:
    data = langdata.load(lang, "cues").get("nested", {})
    try:
        return ({norm_word(k): v for k, v in data["nominal_que"].items()},
                {norm_word(k): v for k, v in data["nominal_to"].items()},
                frozenset(norm_word(w) for w in data["nominal_by"]),
                frozenset(norm_word(w) for w in data["nominal_makers"]))
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(
            f"lang/{lang}/cues.json 'nested' nominal lists are malformed ({exc!r}); fix them"
        ) from exc


@cache
def _noun_words(lang: str) -> frozenset[str]:
    """The nouns that can lead a nominal statement (announce or appeal)."""
    que_nouns, to_nouns, _, _ = _nouns(lang)
    return frozenset(que_nouns) | frozenset(to_nouns)


def find_nominal(ctx: Context, sent: TokRange) -> list[Inner]:
    doc = ctx.doc
    que_nouns, to_nouns, by_words, _ = _nouns(doc.lang_ or "fr")
    out: list[Inner] = []
    for t in (doc[i] for i in ctx.where(_noun_words(doc.lang_ or "fr"), *sent)):
        if ctx.in_quote(t) or not (t.pos_ == "NOUN" or (  # "l'annonce" read as "l' annonce"
                t.i > sent[0] and norm_word(doc[t.i - 1].text) == "l'" and t.pos_ == "VERB")):
            continue
        w = norm_word(t.text)
        if w in que_nouns:
            item = _announce(ctx, sent, t, que_nouns[w], by_words) \
                or _announce_of(ctx, sent, t, que_nouns[w])
        elif w in to_nouns:
            item = _appeal(ctx, sent, t, to_nouns[w], by_words)
        else:
            continue
        if item is not None:
            out.append(item)
    return out


def _by(ctx: Context, sent: TokRange, noun: Token, by_words: frozenset[str],
        stop: frozenset[str]) -> tuple[Party | None, int] | None:
    """The author after the noun ("par le président X", "de Pékin") and the token where
    the next word of ``stop`` ("que", "à") comes, skipping time words."""
    doc = ctx.doc
    source: Party | None = None
    j = noun.i + 1
    limit = min(sent[1], noun.i + _MAX_GAP)
    while j < limit:
        t = doc[j]
        w = norm_word(t.text)
        if w in stop:
            return source, j
        if w in by_words and source is None and j + 1 < limit:
            k = j + 1
            while k < limit and norm_word(doc[k].text) not in stop and doc[k].text != ",":
                k += 1
            np = trim(doc, j + 1, k)
            if w != "par" and not (person(ctx, np) or _country(ctx, np)):
                return None  # "l'appel d'offres", "l'annonce du départ": no author
            source = ctx.party(np)
            j = k
            continue
        if t.pos_ in ("VERB", "AUX") or t.text in (",", ";", ":", "."):
            return None
        j += 1
    return None


def _country(ctx: Context, np: TokRange) -> bool:
    """A place's name heads the phrase, standing for its government ("l'appel de la
    Hongrie à ...", "l'annonce de Paris que ...")."""
    doc = ctx.doc
    for t in doc[np[0]:np[1]]:
        if t.pos_ == "ADP":
            return False
        if t.pos_ == "PROPN":
            return "LOC" in (t.ent_type_, ctx.entities.type_at((t.idx, t.idx + len(t))))
    return False


def _announce(ctx: Context, sent: TokRange, noun: Token, stance: str,
              by_words: frozenset[str]) -> Inner | None:
    """"l'annonce la semaine dernière par X qu'il rompait ..."."""
    doc = ctx.doc
    found = _by(ctx, sent, noun, by_words, ctx.lex.que_words)
    if found is None or found[0] is None:
        return None
    source, que = found
    r = trim(doc, que + 1, clause_end(ctx, que + 1, sent[1]))
    if r[1] - r[0] < 2:
        return None
    content = ctx.chars(r)
    f = Found(kind_of(ctx, content), content, ctx.chars((noun.i, noun.i + 1)),
              norm_word(noun.lemma_), source, stance, anchor=noun.i)
    return Inner(f, _np_start(ctx, noun))


_OF = frozenset({"de", "d'", "du", "des"})
_MAX_AGENT = 4  # tokens between "par" and the head of the agent


def _announce_of(ctx: Context, sent: TokRange, noun: Token, stance: str) -> Inner | None:
    """"l'annonce par X de nouvelles mesures": what is announced is the "de" phrase after
    the agent. The parser hangs it on the agent's noun, with the agent's own complements
    ("le ministre de la Santé"): the first "de" complement that is a common noun written in
    lower case and no name is the content, the words before it after "par" the source."""
    doc = ctx.doc
    j = noun.i + 1
    while j < sent[1] and ctx.in_time(doc[j]):
        j += 1  # "l'annonce mardi par X"
    if j >= sent[1] or norm_word(doc[j].text) != "par":
        return None
    agent = next((t for t in doc[j + 1:min(sent[1], j + 1 + _MAX_AGENT)]
                  if t.pos_ in ("NOUN", "PROPN")), None)
    if agent is None:
        return None
    for c in agent.subtree:
        if c.i <= agent.i or c.dep_ != "nmod" or c.pos_ != "NOUN" or c.text[:1].isupper() \
                or c.ent_type_ or c.i >= sent[1]:
            continue
        case = next((k for k in c.children if k.dep_ == "case"), None)
        if case is None or norm_word(case.text) not in _OF or ctx.in_quote(case):
            continue
        first = min([k.i for k in c.children if k.i < c.i] + [c.i])
        start = first + 1 if norm_word(doc[first].text) in ("de", "d'") else first
        np = trim(doc, j + 1, first)
        if np[1] <= np[0] or not (person(ctx, np) or _country(ctx, np)):
            return None
        source = ctx.party(np)
        end = noun_phrase(doc, c, (start, sent[1]))[1]
        if source is None or end <= start:
            return None
        content = ctx.chars((start, end))
        f = Found(kind_of(ctx, content), content, ctx.chars((noun.i, noun.i + 1)),
                  norm_word(noun.lemma_), source, stance, anchor=noun.i)
        return Inner(f, _np_start(ctx, noun))
    return None


def _appeal(ctx: Context, sent: TokRange, noun: Token, stance: str,
            by_words: frozenset[str]) -> Inner | None:
    """"l'appel de X à la retenue", "X a lancé un appel à la grève"."""
    doc = ctx.doc
    found = _by(ctx, sent, noun, by_words, frozenset({"à"}))
    if found is None:
        return None
    source, to = found
    if source is None:
        source = _maker(ctx, sent, noun)
    if source is None or to + 1 >= sent[1]:
        return None
    verb = to + 1
    while verb < min(sent[1], to + 3) and doc[verb].pos_ == "PRON":
        verb += 1  # "l'appel de X à lui emboîter le pas", "à se retirer"
    if verb < sent[1] and doc[verb].pos_ in ("VERB", "AUX"):  # "un appel à cesser le feu"
        r = trim(doc, to + 1, clause_end(ctx, to + 1, sent[1]))
    else:
        head = next((c for c in doc[to + 1:min(sent[1], to + 6)]
                     if c.pos_ in ("NOUN", "PROPN")), None)
        if head is None:
            return None
        r = noun_phrase(doc, head, (to + 1, sent[1]))
        r = (to + 1 if doc[to + 1].pos_ == "DET" else r[0], r[1])
    if r[1] - r[0] < 1:
        return None
    content = ctx.chars(r)
    f = Found(kind_of(ctx, content), content, ctx.chars((noun.i, noun.i + 1)),
              norm_word(noun.lemma_), source, stance, anchor=noun.i)
    return Inner(f, _np_start(ctx, noun))


def _maker(ctx: Context, sent: TokRange, noun: Token) -> Party | None:
    """The subject of the verb whose object the noun is ("X a lancé un appel"), through
    coordinated verbs ("X a organisé ... et lancé un appel")."""
    doc = ctx.doc
    makers = _nouns(doc.lang_ or "fr")[3]
    if noun.dep_ != "obj" or noun.head.pos_ != "VERB" or \
            norm_word(noun.head.lemma_) not in makers:
        return None  # "X a fait appel à des techniques": no appeal
    verb = noun.head
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            if subj.pos_ == "PRON":
                p = ctx.pronoun(subj)
                return p if isinstance(p, Party) else None
            return ctx.party(noun_phrase(doc, subj, sent))
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _np_start(ctx: Context, noun: Token) -> int:
    """Where the noun's phrase starts, with its preposition ("malgré l'annonce")."""
    doc = ctx.doc
    i = noun.i
    while i > 0 and doc[i - 1].pos_ in ("DET", "ADJ", "ADP") and doc[i - 1].text != ",":
        i -= 1
    return doc[i].idx
