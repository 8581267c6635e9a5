"""Reporting clauses known by their shape: a quotation, then an inverted verb group and its
subject. « "...", a par ailleurs dénoncé le ministre », « "...?" a-t-il encore tweeté »,
« "...", peut-on lire dans le communiqué »: the construction reports speech whatever the
verb, so the verb need not be a known cue (statements of known cues are ``verbs``' work;
this finder leaves their verbs alone).

The quotation (or the chain of quotations joined by commas) must open its sentence, and a
comma must follow it unless its words end on ".", "?", "!" or "…". The verb group is an
optional reflexive and auxiliary, an optional clitic subject (-t-il, -elle, -on), adverbs
or fixed adverbials (par ailleurs, de son côté), the verb, and maybe a clitic after it
(dit-il, lit-on); a modal may lead the verb's infinitive (peut-on lire, veut croire X).
The source is the clitic's antecedent, the document after "dans" for a reading verb with
"on" (lit-on dans le communiqué), or the noun phrase after the group.

The same group after a comma that closes a reported clause, at the end of the sentence,
reports that clause whatever its verb when its subject is a clitic (« Le projet sera
revu, a-t-il tranché »), and with a cue of the lexicon when it is a noun phrase, also
when the tagger took its present form for a noun or an adjective (« ..., tranche le
syndicat »): ``find_inverted_clauses``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from selon.analyse.attributions.bounds import finish
from selon.analyse.attributions.clause_start import after_reporting_colon
from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.lexicon import Inversion, norm_word
from selon.analyse.attributions.participles import speaker_head
from selon.analyse.attributions.quotes import Quote
from selon.analyse.attributions.source import (
    CLOSING,
    after_np,
    document_np,
    plausible_source,
    prev_word,
)
from selon.analyse.attributions.speakers import TokRange, trim
from selon.analyse.tokens import is_finite
from selon.model import Party

_MAX_ADVERBS = 4  # adverb tokens inside one verb group
_MAX_INCISE = 8  # words of an incise set off by commas between an inverted verb and its subject
_INCISE_POS = frozenset({"ADP", "ADV", "ADJ", "VERB"})  # what an incise can start with
_CLOSING_WORDS = (".", "?", "!", "…")
_PARTICIPLE_ENDS = ("é", "ée", "és", "ées", "i", "ie", "is", "it", "ite", "u", "ue", "us", "t")
_NOT_VERB_POS = frozenset({"DET", "ADP", "PRON", "CCONJ", "SCONJ", "NUM", "PUNCT", "SPACE",
                           "SYM", "AUX"})


_QUOTE_LEADS = frozenset({".", "!", "?", ":", "…"})
_QUOTE_JOINERS = frozenset({"et", "ou", "mais", "dont"})


def after_quote(ctx: Context, start: int) -> bool:
    """Whether the verb group at ``start`` follows a closing quote mark (and a comma)."""
    doc = ctx.doc
    j = start - 1
    while j >= 0 and (doc[j].is_space or doc[j].text == ","):
        j -= 1
    return j >= 0 and doc[j].text in CLOSING and ctx.quotes.ending_at(doc[j].idx + 1) is not None


def quote_chain(ctx: Context, sent: TokRange, start: int) -> list[Quote]:
    """The quotations right before an inverted cue at ``start`` when they open their
    sentence: "« A », a-t-il dit" -> [A]; "« A », « B » et « C », a-t-il dit" -> [A, B, C]
    (quotes joined by a comma, "et", "ou (encore)", "mais" or "dont": « "A", dont "B", a
    indiqué X »). Empty when other words come first."""
    doc = ctx.doc
    j = start - 1
    while j >= 0 and (doc[j].is_space or doc[j].text == ","):
        j -= 1
    chain: list[Quote] = []
    lead = doc[trim(doc, sent[0], sent[1])[0]].idx
    while j >= 0 and doc[j].text in CLOSING:
        q = ctx.quotes.ending_at(doc[j].idx + 1)
        if q is None:
            break
        chain.insert(0, q)
        opening = doc.char_span(q.outer[0], q.outer[0] + 1, alignment_mode="expand")
        before = prev_word(doc, opening.start) if opening is not None else None
        if q.outer[0] <= lead or before is None or before.text in _QUOTE_LEADS:
            return chain
        k = before.i - 1
        if norm_word(before.text) == "encore" and k >= 0 and norm_word(doc[k].text) == "ou":
            k -= 1  # « "A" ou encore "B" »
        elif before.text != "," and norm_word(before.text) not in _QUOTE_JOINERS:
            return []
        while k >= 0 and (doc[k].is_space or (before.text != "," and doc[k].text == ",")):
            k -= 1  # « "A", ou "B" »
        j = k
    return []


@dataclass(frozen=True)
class Group:
    """An inverted verb group: its first token, its verb, the token after it, its clitic."""

    start: int
    verb: int
    end: int
    clitic: int | None


def find_inverted(ctx: Context, sent: TokRange, known: set[int]) -> list[Found]:
    """Direct statements of inverted clauses after a quotation, whatever their verb; verbs
    in ``known`` already gave a statement and are skipped."""
    inv = ctx.lex.inversion
    if inv is None:
        return []
    doc = ctx.doc
    out: list[Found] = []
    for j in ctx.where(CLOSING, *sent):
        q = ctx.quotes.ending_at(doc[j].idx + 1)
        if q is None:
            continue
        k = j + 1
        while k < sent[1] and doc[k].is_space:
            k += 1
        if k < sent[1] and doc[k].text == ",":
            k += 1
        elif not _closed_words(ctx.text, q):
            continue
        g = verb_group(ctx, inv, k, sent[1])
        if g is None or g.verb in known:
            continue
        chain = quote_chain(ctx, sent, g.start)
        if not chain:
            continue
        source = group_source(ctx, inv, sent, g)
        if source is False:
            continue
        party = source if isinstance(source, Party) else None
        last = doc[max(g.verb, g.clitic or 0, g.end - 1)]
        cue = (doc[g.start].idx, last.idx + len(last))
        lemma = group_lemma(ctx, g)
        out.extend(Found("direct", c.inner, cue, lemma, party, group_stance(ctx, g),
                         anchor=g.verb, pronoun=g.clitic is not None) for c in chain)
    return out


def find_inverted_clauses(ctx: Context, sent: TokRange, known: set[int]) -> list[Found]:
    """Reported clauses closed by a comma and an inverted reporting clause that ends the
    sentence: « Le projet sera revu, a-t-il tranché. », « La taxe est injuste, a expliqué
    X. ». The clause before the comma must open the sentence with a finite verb of its
    own. A clitic subject says by itself that the group reports, whatever its verb; with
    a noun-phrase subject the verb must be a cue of the lexicon ("Il est arrivé lundi, a
    rencontré le préfet" is two verbs of one subject, quoted words or not), with a
    speaker after it that the parser took for its subject or object: this catches the
    cues whose subject the parser put on the left. Nothing may follow the speaker but a
    phrase, an apposition or a relative clause. Verbs in ``known`` already gave a
    statement: they are skipped, and a clause that holds one is no plain reported
    clause."""
    inv = ctx.lex.inversion
    if inv is None:
        return []
    doc = ctx.doc
    out: list[Found] = []
    first = trim(doc, *sent)[0]
    commas = ctx.where((",",), first + _MIN_CLAUSE, sent[1] - 2)
    if not commas or not _opens_clause(ctx, first):
        return out
    finite = next((t.i for t in doc[first:commas[-1]] if is_finite(t)), None)
    cue_before = min((k for k in known if k >= first), default=sent[1])
    for j in commas:
        if j - first > _MAX_CLAUSE or cue_before < j:
            break  # a long run, or one that holds another statement's cue: no one clause
        if finite is None or finite >= j or ctx.in_quote(doc[j]):
            continue
        starts_group = ctx.pos[j + 1] in _GROUP_START_POS
        # else a present the tagger read as a noun or an adjective may start it
        misread = not starts_group and _misread_present(ctx, j + 1, sent[1])
        if not (starts_group or misread):
            continue
        g = verb_group(ctx, inv, j + 1, sent[1])
        if g is None or any(j < k <= g.end + _MAX_ADVERBS for k in known) or \
                (doc[g.verb].pos_ != "VERB" and not misread) or not _clause_tail(ctx, sent, g):
            continue  # near a cue that gave a statement, or no verb the tagger saw
        if g.clitic is None and not misread and (ctx.cue_of(doc[g.verb]) is None
                                                 or not _parsed_speaker(ctx, g)):
            continue
        start = after_reporting_colon(ctx, first, j)  # « X a nié : A, a-t-il dit » -> A
        content = finish(ctx, sent, start, j, g.start, exact=True)
        if content is None:
            continue
        source = group_source(ctx, inv, sent, g)
        if source is False or (misread and not (
                isinstance(source, Party) and speaker_head(ctx, source))):
            continue
        last = doc[max(g.verb, g.clitic or 0, g.end - 1)]
        cue = (doc[g.start].idx, last.idx + len(last))
        out.append(Found(content[1], content[0], cue, group_lemma(ctx, g),
                         source if isinstance(source, Party) else None,
                         group_stance(ctx, g), anchor=g.verb, pronoun=g.clitic is not None))
    return out


_MIN_CLAUSE = 3  # tokens of the reported clause before its comma
_MAX_CLAUSE = 80  # tokens of a reported clause: past them, a run of several sentences


def _opens_clause(ctx: Context, first: int) -> bool:
    """Whether the sentence's first word can open a reported clause: no conjunction,
    preposition or relative word ("Quand il est arrivé, a ...")."""
    t = ctx.doc[first]
    return t.pos_ not in ("SCONJ", "ADP", "CCONJ") and norm_word(t.text) not in \
        ctx.lex.relative_words | ctx.lex.que_words


def _misread_present(ctx: Context, i: int, end: int) -> bool:
    """A present form of a cue of the lexicon that the tagger took for a noun or an
    adjective, right before a determiner or a name: the verb of an inverted clause with a
    noun-phrase subject (« La réforme ne passera pas, tranche le syndicat »)."""
    doc = ctx.doc
    t = doc[i]
    return i + 1 < end and t.pos_ in ("NOUN", "ADJ") and _word(t) and \
        ctx.lex.present_verb(norm_word(t.text)) is not None and \
        doc[i + 1].pos_ in ("DET", "PROPN")




_GROUP_START_POS = frozenset({"AUX", "VERB", "PRON"})  # the group's verb must be a VERB


def _clause_tail(ctx: Context, sent: TokRange, g: Group) -> bool:
    """Whether the inverted group ends the sentence but for its subject and the phrases
    after it: no finite verb after the group outside a relative clause or a quotation."""
    doc = ctx.doc
    for t in doc[g.end:sent[1]]:
        w = norm_word(t.text)
        if w in ctx.lex.relative_words or w in ctx.lex.que_words or t.text in (";", ":"):
            return True
        if is_finite(t) and not ctx.in_quote(t):
            return False
    return True


def _parsed_speaker(ctx: Context, g: Group) -> bool:
    """A subject after the verb, as the parser read it, or a name or a speaker noun that
    it took for the verb's object ("a expliqué Jean Dupont")."""
    verb = ctx.doc[g.verb]
    lex = ctx.lex
    return any(c.i >= g.end and (c.dep_ == "nsubj" or (c.dep_ == "obj" and (
        c.pos_ == "PROPN" or norm_word(c.lemma_) in lex.speaker_nouns | lex.antecedent_nouns)))
        for c in verb.children)


def _closed_words(text: str, q: Quote) -> bool:
    """Whether the quotation's words end on sentence punctuation ("...?" a déclaré X)."""
    inner = text[q.inner[0]:q.inner[1]].rstrip()
    return inner.endswith(_CLOSING_WORDS)


def verb_group(ctx: Context, inv: Inversion, k: int, end: int) -> Group | None:
    """The inverted verb group starting at token ``k``, if the words there make one."""
    doc = ctx.doc
    i = dative_start(ctx, k, end)
    reflexive = i < end and norm_word(doc[i].text) in inv.reflexives
    if reflexive:
        i += 1
    aux = False
    if i < end:
        w = norm_word(doc[i].text)
        aux = w in inv.auxiliaries or (reflexive and w in inv.reflexive_auxiliaries)
        if aux:
            i += 1
    clit, i = _clitic(doc, i, end)
    i = _adverbs(ctx, inv, i, end)
    if i >= end:
        return None
    verb = doc[i]
    multi = multiword_end(ctx, i, end)
    if multi is not None and (aux or clit is not None):
        return Group(k, i, multi, clit)  # "a-t-il fait savoir": a locution of the lexicon
    if not _verb_word(inv, verb) and not (_word(verb) and _known(ctx, verb)):
        return None
    after_clit, after = _clitic(doc, i + 1, end)
    if clit is None and after_clit is not None:
        clit = after_clit
    else:
        after = i + 1
    if verb.lemma_.lower() in inv.modals:
        j = after
        if j < end and norm_word(doc[j].text) == "y":
            j += 1
        if j < end and "Inf" in doc[j].morph.get("VerbForm", []) and _word(doc[j]) and \
                doc[j].lemma_.lower() not in inv.not_verbs:
            return Group(k, j, j + 1, clit)  # "peut-on lire", "a voulu rassurer X"
        return None
    if aux:
        if not (_participle(verb) or ctx.cue_of(verb) is not None):
            return None
    elif clit is None and not (_finite(verb) or _known(ctx, verb)):
        return None
    return Group(k, i, after, clit)


def multiword_end(ctx: Context, i: int, end: int) -> int | None:
    """The index after a locution of the lexicon led by the verb at ``i`` ("fait savoir",
    "a mis en garde"), if one starts there."""
    doc = ctx.doc
    for cue in ctx.lex.multiword.get(doc[i].lemma_.lower(), ()):
        n = len(cue.words)
        if i + 1 + n <= end and tuple(norm_word(t.text) for t in doc[i + 1:i + 1 + n]) \
                == cue.words:
            return i + 1 + n
    return None


def group_lemma(ctx: Context, g: Group) -> str:
    """The cue lemma of a verb group: its locution's ("faire savoir") or its verb's."""
    doc = ctx.doc
    verb = doc[g.verb]
    end = multiword_end(ctx, g.verb, g.end)
    if end is not None:
        words = tuple(norm_word(t.text) for t in doc[g.verb + 1:end])
        return next(c.lemma for c in ctx.lex.multiword[verb.lemma_.lower()] if c.words == words)
    return verb.lemma_.lower() if verb.pos_ in ("VERB", "AUX") else norm_word(verb.text)


def group_stance(ctx: Context, g: Group) -> str:
    """The stance of a verb group's cue when the lexicon knows its verb ("« ... », abonde
    X": opinion), else a plain assertion."""
    verb = ctx.doc[g.verb]
    cue = ctx.cue_of(verb) or ctx.lex.present_verb(norm_word(verb.text))
    return cue.stance if cue is not None else "assert"


def _clitic(doc: Doc, i: int, end: int) -> tuple[int | None, int]:
    """A clitic subject at ``i`` ("-t-il", "-elle", "-on", "- il"): its token and the
    index after it; (None, i) when there is none."""
    j = i
    if j < end and doc[j].text.lower() == "-t":
        j += 1
    if j < end and doc[j].text.startswith("-") and doc[j].text[1:].lower() in _CLITICS:
        return j, j + 1
    if j + 1 < end and doc[j].text == "-" and doc[j + 1].text.lower() in _CLITICS:
        return j + 1, j + 2
    return None, i


_CLITICS = frozenset({"il", "elle", "ils", "elles", "on"})


def _adverbs(ctx: Context, inv: Inversion, i: int, end: int,
             keep: frozenset[str] = frozenset()) -> int:
    """Skip the adverbs of a verb group: "encore", "par ailleurs", "quant à lui"; a word
    in ``keep`` stops the skip ("auprès" leads a phrase)."""
    doc, words = ctx.doc, ctx.words
    n = 0
    while i < end and n < _MAX_ADVERBS:
        t = doc[i]
        if keep and words[i] in keep:
            break
        fixed = next((a for a in inv.adverbials_by_first.get(words[i], ())
                      if i + len(a) <= end and tuple(words[i:i + len(a)]) == a), None)
        if fixed is not None:
            i += len(fixed)
        elif t.pos_ == "ADV" and t.text.isalpha() and t.text[:1].islower() \
                and not _participle(t):
            i += 1
        else:
            break
        n += 1
    return i


def dative_start(ctx: Context, k: int, end: int) -> int:
    """The index after an object pronoun opening an inverted verb group ("« ... », lui a
    répondu X", "leur lance-t-il"): the group proper starts there."""
    doc = ctx.doc
    if k < end and doc[k].pos_ == "PRON" and norm_word(doc[k].text) in ctx.lex.object_clitics \
            and norm_word(doc[k].text) not in ("se", "s'"):
        return k + 1
    return k


def adverbials_end(ctx: Context, i: int, end: int) -> int:
    """The index after the adverbs and the lexicon's adverbials at ``i`` ("notamment",
    "pour sa part", "entre autres"), stopping at a preposition that leads a phrase
    ("auprès de") and at a negation."""
    inv = ctx.lex.inversion
    if inv is None:
        return i
    return _adverbs(ctx, inv, i, end, keep=inv.preps | ctx.lex.negation)


def subject_from(ctx: Context, sent: TokRange, i: int) -> int:
    """Where the subject of an inverted reporting clause can start, the verb group ending
    at ``i``: past the lexicon's adverbials and adverbs ("a insisté pour sa part X", "a
    dit aussi X") and past incises set off by commas that open with a preposition, an
    adverb, a participle or a time word ("a déclaré, en Bretagne, la ministre X", "lui a
    répondu, agacé, le préfet X"). The words there are left to the subject finder."""
    inv = ctx.lex.inversion
    if inv is None:
        return i
    doc = ctx.doc
    end = sent[1]
    for _ in range(2):
        i = adverbials_end(ctx, i, end)
        if i + 1 >= end or doc[i].text != ",":
            break
        first = doc[i + 1]
        if not (first.pos_ in _INCISE_POS or ctx.in_time(first)
                or norm_word(first.text) in ctx.lex.time_words) or not first.text[:1].islower():
            break
        k = i + 1
        while k < end and k - i <= _MAX_INCISE and doc[k].text != "," and not (
                doc[k].text in CLOSING or doc[k].text in ("«", "“", ";", ":")
                or _finite(doc[k])):
            k += 1
        if k >= end or doc[k].text != ",":
            break
        i = k + 1
    return i


def _word(t: Token) -> bool:
    return t.text.replace("-", "").isalpha() and t.text[:1].islower()


def _verb_word(inv: Inversion, t: Token) -> bool:
    """Whether ``t`` can be the verb of an inverted group (a lower-case word that is not a
    determiner, preposition, pronoun, ... nor "être" or another verb that never reports)."""
    return _word(t) and t.pos_ not in _NOT_VERB_POS and t.lemma_.lower() not in inv.not_verbs \
        and norm_word(t.text) != "été"


def _participle(t: Token) -> bool:
    return ("Part" in t.morph.get("VerbForm", []) and t.pos_ == "VERB") or \
        t.text.lower().endswith(_PARTICIPLE_ENDS)


def _finite(t: Token) -> bool:
    return t.pos_ == "VERB" and "Fin" in t.morph.get("VerbForm", [])


def _known(ctx: Context, t: Token) -> bool:
    """A present-tense cue the tagger took for a noun ("nuance", "analyse")."""
    low = norm_word(t.text)
    return ctx.cue_of(t) is not None or (
        low.endswith("e") and ctx.lex.present_verb(low) is not None)


def group_source(ctx: Context, inv: Inversion, sent: TokRange,
            g: Group) -> Party | bool | None:
    """Who speaks in the inverted group ``g``: a Party, None (a pronoun left unresolved),
    or False (no speaker: the words are not a reporting clause)."""
    doc = ctx.doc
    if g.clitic is not None:
        clit = doc[g.clitic]
        if clit.text.lstrip("-").lower() == "on":
            verb = doc[g.verb]
            if verb.lemma_.lower() not in inv.reading_verbs and \
                    norm_word(verb.text) not in inv.reading_verbs:
                return False
            r = document_np(ctx, sent, g.end)
            return ctx.party(r) if r is not None else False
        p = ctx.pronoun(clit)
        return p if isinstance(p, Party) else None
    r = after_np(ctx, sent, subject_from(ctx, sent, g.end))
    if r[0] >= r[1]:
        return False
    party = ctx.party(r)
    if party is None or not plausible_source(ctx, party):
        return False
    return party
