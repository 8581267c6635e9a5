"""Attributions led by a reporting verb: quotes, que-clauses, infinitives, objects, inversions."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from selon.analyse.attributions.according_to import selon_phrase
from selon.analyse.attributions.adjuncts import complement_end, quote_run
from selon.analyse.attributions.agented import (
    agent_participle,
    agent_statement,
    agented,
    causative,
)
from selon.analyse.attributions.boundaries import relative_clause_end
from selon.analyse.attributions.bounds import finish as _finish
from selon.analyse.attributions.bounds import through_aside
from selon.analyse.attributions.clause_start import after_reporting_colon, quote_opening
from selon.analyse.attributions.complements import (
    coordinated_object_end,
    object_words,
    prep_content,
)
from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.events import (
    event_noun,
    event_source,
    event_stance,
    takes_position,
)
from selon.analyse.attributions.gaps import clause_after_colon, content_after_gap
from selon.analyse.attributions.inverted import (
    adverbials_end,
    after_quote,
    quote_chain,
    subject_from,
)
from selon.analyse.attributions.lexicon import Cue, norm_word, trigger_at
from selon.analyse.attributions.objects import (
    clitic_ok,
    concrete_object,
    estimate_content,
    literal_use,
    np_object,
    object_end,
    object_start,
    past_quoted_modifier,
    qualifier_quote,
    rules,
)
from selon.analyse.attributions.participles import (
    detached_speaker,
    fronted_infinitive,
    infinitive_content,
    main_verb_after,
    participle_speaker,
    speaker_head,
)
from selon.analyse.attributions.predicates import (
    bare_participle,
    object_predicate,
    predicate_statement,
)
from selon.analyse.attributions.quoted_content import (
    listed_quotes,
    opens_quote,
    quote_after_colon,
    quote_as_object,
    quote_list,
    quote_then_aside,
)
from selon.analyse.attributions.relative import words as relative_words
from selon.analyse.attributions.shared import (
    coordinated_participle,
    coordinated_subject,
    shared_speaker,
    split_subject,
)
from selon.analyse.attributions.source import (
    CLOSING,
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
from selon.analyse.attributions.speakers import TokRange, noun_phrase
from selon.model import Party
from selon.model import Span as CharSpan

ANONYMOUS = "anonymous"  # the source of an agentless passive ("est soupçonné de ...")
_CUE_POS = frozenset({"VERB", "ADJ", "NOUN", "PROPN"})  # what a cue's head word can be
_MAX_INNER_ADVERBS = 2  # adverbs between a locution's verb and its fixed words


def find_verbal(ctx: Context, sent: TokRange) -> list[Found]:
    out: list[Found] = []
    for i in ctx.cue_tokens(*sent, _CUE_POS):
        tok = ctx.doc[i]
        match = _match_cue(ctx, tok)
        if match is None:
            continue
        if _denied(ctx, tok, out):
            continue
        out.extend(_analyse(ctx, sent, tok, *match, earlier=out))
    return out


_DENIALS = frozenset({"deny", "reject"})


def _denied(ctx: Context, verb: Token, earlier: list[Found]) -> bool:
    """"X a démenti que le président ait qualifié Y de ...": a cue in the subjunctive
    inside the content of a denial is the claim denied, no statement of its own."""
    group = [verb, *(c for c in verb.children if c.dep_.startswith("aux"))]
    if not any("Sub" in t.morph.get("Mood", []) for t in group):
        return False
    return any(f.stance in _DENIALS and f.content[0] <= verb.idx < f.content[1]
               for f in earlier)


def quoted_content(ctx: Context, sent: TokRange,
                   verb: Token) -> tuple[Cue, CharSpan, tuple[CharSpan, str]] | None:
    """Cue, cue characters and content of ``verb`` standing inside a quotation, with its
    subject before it (quoted_cues.py); None when it is no cue or has no content."""
    match = _match_cue(ctx, verb, quoted=True)
    if match is None or is_present_participle(verb):
        return None
    cue, cue_end = match
    doc = ctx.doc
    start = cue_start(doc, verb, sent[0])
    clit = clitic(ctx, start, cue_end)
    after = clit.i + 1 if clit is not None and clit.i >= cue_end else cue_end
    passive = any(c.dep_ == "aux:pass" for c in verb.children)
    if passive:
        return None
    content = _content(ctx, sent, verb, cue, cue_end, after, False, False, start)
    if content is None:
        return None
    cue_chars = (doc[start].idx, doc[cue_end - 1].idx + len(doc[cue_end - 1]))
    return cue, cue_chars, content


def _match_cue(ctx: Context, tok: Token, quoted: bool = False) -> tuple[Cue, int] | None:
    """The cue led by ``tok`` and the index after its last word, if ``tok`` is a cue verb
    (inside a quotation only when ``quoted``)."""
    if tok.pos_ not in _CUE_POS or tok.is_punct:
        return None
    doc, lex = ctx.doc, ctx.lex
    cue: Cue | None = None
    end = tok.i + 1
    first = tok.i + 1
    while first < min(tok.i + 1 + _MAX_INNER_ADVERBS, len(doc)) and doc[first].pos_ == "ADV" \
            and norm_word(doc[first].text) not in lex.negation:
        first += 1  # "a fait officiellement état de", "a mis aussitôt en garde"
    for multi in lex.multiword.get(tok.lemma_.lower(), ()):
        for a in dict.fromkeys((tok.i + 1, first)):
            words = [norm_word(t.text) for t in doc[a: a + len(multi.words)]]
            if tuple(words) == multi.words:
                cue, end = multi, a + len(multi.words)
                break
        if cue is not None:
            break
    if cue is None:
        cue = ctx.cue_of(tok)
    if cue is None:
        return None
    if tok.pos_ != "VERB" and not _after_aux(doc, tok) and not (
            cue.lemma in lex.predicates and bare_participle(tok)) and not (
            agented(lex, cue) and agent_participle(tok)):  # « jugée "injuste" », « dénoncé par »
        return None
    if ctx.in_quote(tok) and not opens_quote(ctx, tok) and not quoted:
        return None
    if cue.lemma in lex.reflexive_only and not _reflexive(ctx, tok):
        return None
    if cue.lemma in lex.not_reflexive and _reflexive(ctx, tok):
        return None  # "s'informer de la situation"
    if not clitic_ok(ctx, tok, cue.lemma) or _relay_participle(ctx, tok):
        return None
    if any(norm_word(c.text) in lex.negation for c in tok.children) or (
        tok.i > 0 and norm_word(doc[tok.i - 1].text) in lex.negation
    ):
        stance = lex.negated.get(cue.lemma)
        if stance is None:
            return None
        # "n'exclut pas de ...", "n'a pas exclu un report": a possibility held open
        cue = replace(cue, stance=stance, nominal=True)
    return cue, end


def _relay_participle(ctx: Context, tok: Token) -> bool:
    """"X, cité par l'AFP": a relay, not the verb's own statement."""
    doc = ctx.doc
    return tok.lemma_ in ctx.lex.relay_participles and tok.i + 1 < len(doc) and \
        norm_word(doc[tok.i + 1].text) == ctx.lex.relay_by and not any(
            c.dep_.startswith("aux") for c in tok.children)


def _after_aux(doc: Doc, tok: Token) -> bool:
    prev = doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and (prev.pos_ == "AUX" or prev.text.startswith("-"))


def _reflexive(ctx: Context, tok: Token) -> bool:
    if any(c.dep_.startswith("expl") for c in tok.children):
        return True
    return any(norm_word(ctx.doc[j].text) in ("s'", "se") for j in range(max(tok.i - 3, 0), tok.i))


def _analyse(ctx: Context, sent: TokRange, verb: Token, cue: Cue, cue_end: int,
             earlier: list[Found] | None = None) -> list[Found]:
    """The statement led by ``verb``; one per quotation when several quotations joined by
    commas come before one inverted cue ("« A », « B », a-t-il dit": two direct records
    with the same cue and source, as the content of a record has no quote marks in it)."""
    doc = ctx.doc
    start = _modal_start(ctx, verb, cue_start(doc, verb, sent[0]), sent)
    clit = clitic(ctx, start, cue_end)
    after = cue_end
    if clit is not None and clit.i >= cue_end:
        after = clit.i + 1
    if cue.lemma in ctx.lex.predicates and bare_participle(verb):
        found = predicate_statement(ctx, sent, verb, cue)  # « jugée "injuste" par X »
        if found is not None:
            return [found]
    if agented(ctx.lex, cue) and agent_participle(verb) and not (
            ctx.lex.complements.get(cue.lemma, ((), False, False))[2]
            and prep_content(ctx, sent, cue.lemma, cue_end) is not None):  # "accusé de"
        found = agent_statement(ctx, sent, verb, cue)  # « un plan, rejeté par X »
        if found is not None:
            return [found]
        if verb.pos_ != "VERB" and not _after_aux(doc, verb) and \
                cue.lemma not in ctx.lex.predicates:
            return []
    participle = is_present_participle(verb)
    speaker = None
    if participle and not _detached(ctx, start, sent):
        speaker = participle_speaker(ctx, sent, verb)  # ", des responsables évoquant X"
        if speaker is None:  # "réclamant X et dénonçant Y": the first one's speaker
            speaker = coordinated_participle(ctx, verb, earlier or [])
        if speaker is None:
            return []  # "des jeux célébrant la violence": a participle that qualifies a noun
    bare = _charged(ctx, cue, verb)  # "X, accusé de mentir, ...": never an inversion
    if bare is None:
        return []
    inverted = not participle and not bare and is_inverted(ctx, verb, start)
    if not inverted and not participle and not bare and start > sent[0] and \
            _dative(ctx, doc[start - 1]) and is_inverted(ctx, verb, start - 1):
        start -= 1  # "« ... », lui a répondu X": the pronoun opens the verb group
        inverted = True
    passive = any(c.dep_ == "aux:pass" for c in verb.children)

    charged = (passive or bare) and ctx.lex.complements.get(cue.lemma, ((), False, False))[2]
    comp = prep_content(ctx, sent, cue.lemma, after) if charged else None
    if comp is not None and bare:  # "X, accusé de mentir, a ...": up to the comma
        end = next((j for j in range(comp[0], sent[1]) if doc[j].text in (",", ";", ":")
                    and not ctx.in_quote(doc[j])), sent[1])
        content = _finish(ctx, sent, comp[0], end, cue_end, exact=True)
    elif comp is not None:  # "est accusé (par le parquet) d'avoir menti"
        content = _finish(ctx, sent, comp[0], comp[1], cue_end)
    else:
        content = _content(ctx, sent, verb, cue, cue_end, after, inverted, passive, start)
    if content is None and not inverted and not passive:
        gap = content_after_gap(ctx, sent, after)  # "a déploré à Belgrade n'avoir ..."
        if gap is not None:
            content = _content(ctx, sent, verb, cue, cue_end, gap, False, False, start)
        colon = clause_after_colon(ctx, sent, after) if content is None and cue.clause \
            else None
        if colon is not None:  # "X a prévenu : la réforme sera votée"
            content = _finish(ctx, sent, colon[0], colon[1], cue_end, exact=True)
    if content is None:
        return []
    fronted = not participle and fronted_infinitive(ctx, sent, start, verb)
    opening = (participle and all(t.is_punct or t.is_space for t in doc[sent[0]:start])) \
        or fronted  # "Après avoir déclaré que A, | le ministre a ..."
    fronted_speaker = None
    if fronted:  # "Après avoir déclaré que A, B, et que C, | le ministre a ...": the comma
        for j in range(after, sent[1]):  # before the main clause's speaker ends the content
            if doc[j].text == "," and not ctx.in_quote(doc[j]) and \
                    (fronted_speaker := detached_speaker(ctx, sent, verb, j, True)) is not None:
                first = _token_start(ctx, content[0][0])
                content = _finish(ctx, sent, first, j, cue_end, exact=True) or content
                break
        if fronted_speaker is None:
            return []
    elif opening and content[1] != "direct":  # "Dénonçant X, | l'ONG a ...": to the comma
        comma = next((j for j in range(after, _token_end(ctx, content[0][1]))
                      if doc[j].text == "," and not ctx.in_quote(doc[j])), None)
        if comma is not None:
            content = _finish(ctx, sent, cue_end, comma, cue_end, exact=True) or content
    if speaker is not None and content[1] != "direct":  # a participle qualifying a noun
        main = main_verb_after(ctx, sent, after, _token_end(ctx, content[0][1]))
        if main is not None:  # "des manifestations dénonçant X | ont eu lieu"
            content = _finish(ctx, sent, _token_start(ctx, content[0][0]), main, cue_end,
                              exact=True) or content
    span, kind = content
    if kind != "direct":  # "Le ministre, qui a assuré que A, | a quitté la salle"
        first, last = _token_start(ctx, span[0]), _token_end(ctx, span[1])
        rel = relative_clause_end(ctx, next((c for c in verb.children if c.dep_ == "nsubj"),
                                            None), first, last)
        if rel < last:
            span, kind = _finish(ctx, sent, first, rel, cue_end, exact=True) or content
    if kind != "direct" and literal_use(ctx, cue.lemma, verb, _token_end(ctx, span[1])):
        return []  # "a condamné l'accusé à dix ans de prison": an act, not a statement
    if fronted:
        speaker = fronted_speaker
    elif opening:
        speaker = detached_speaker(ctx, sent, verb, _token_end(ctx, span[1]))
    if speaker is None and clit is None and not participle and not inverted:
        speaker = split_subject(ctx, sent, verb)  # "Il a d'autre part averti que ..."
    source = speaker or find_source(ctx, sent, verb, subject_from(ctx, sent, after)
                                    if inverted else after, inverted, passive, clit)
    if not participle and not inverted and source is None and clit is None:
        source = coordinated_subject(ctx, sent, verb)  # "X a accusé A et menacé de ..."
    if participle and (source is SKIP or source is None) and clit is None:
        source = detached_speaker(ctx, sent, verb, _token_end(ctx, span[1])) or source
    if participle and (source is SKIP or source is None) and clit is None and earlier:
        source = shared_speaker(ctx, verb, earlier) or source  # "..., a dit X, citant Y"
    anonymous = comp is not None or (passive and cue.lemma in rules(ctx).anonymous_passive)
    if source is SKIP and anonymous and agent(ctx, verb) is None:
        source = Party(ANONYMOUS, (doc[start].idx, doc[cue_end - 1].idx + len(doc[cue_end - 1])))
    if source is None and clit is None and bare and comp is not None:
        ag = agent(ctx, verb)  # "X, accusé (par Y) de mentir, ..."
        source = ctx.party(noun_phrase(doc, ag, sent)) if ag is not None else Party(
            ANONYMOUS, (doc[start].idx, doc[cue_end - 1].idx + len(doc[cue_end - 1])))
    if causative(ctx, cue, verb):  # "ce retard fait craindre une pénurie": nobody's word
        start = min(start, cue_start(doc, doc[verb.i - 1], sent[0]))
        source = Party(ANONYMOUS, (doc[start].idx, doc[cue_end - 1].idx + len(doc[cue_end - 1])))
    if source is SKIP or (source is None and clit is None):
        return []
    party = source if isinstance(source, Party) else None
    if party is not None and participle and party.text != ANONYMOUS and \
            event_source(ctx, party):  # "X a apporté son soutien en faisant part de Y"
        party = detached_speaker(ctx, sent, verb, _token_end(ctx, span[1]))
        if party is None:
            return []
    if party is not None and party.text != ANONYMOUS and (
            not plausible_source(ctx, party) or event_source(ctx, party)):
        return []  # "..., a sobrement salué l'accord": no speaker
    if party is not None and inverted and kind != "direct" and cue.inverted_only and \
            not speaker_head(ctx, party):
        return []  # "X, figure du parti, a apprécié | la victoire": no inverted speaker
    cue_chars = (doc[start].idx, doc[cue_end - 1].idx + len(doc[cue_end - 1]))
    pronoun = clit is not None or any(
        c.dep_ == "nsubj" and norm_word(c.text) in ctx.lex.subject_pronouns
        for c in verb.children)
    spans = [span]
    if kind == "direct" and inverted:
        spans = [q.inner for q in quote_chain(ctx, sent, start)[:-1]] + spans
    elif kind == "direct" and quote_after_colon(ctx, sent, after) == span:
        spans += listed_quotes(ctx, sent, span)  # "a résumé : « A », « B »": one each
    return [Found(kind, s, cue_chars, cue.lemma, party, cue.stance, anchor=verb.i,
                  pronoun=pronoun) for s in spans]


def _modal_start(ctx: Context, verb: Token, start: int, sent: TokRange) -> int:
    """The start of a verb group whose cue is the infinitive of one of the inversion's
    modals ("« ... », veut croire X", "a voulu rassurer X"): the modal and its
    auxiliary open the group, so that it reads as inverted after a comma or a quote."""
    inv = ctx.lex.inversion
    doc = ctx.doc
    j = start - 1
    if inv is None or j < sent[0] or "Inf" not in verb.morph.get("VerbForm", []) or \
            doc[j].lemma_.lower() not in inv.modals:
        return start
    return cue_start(doc, doc[j], sent[0])


def _dative(ctx: Context, tok: Token) -> bool:
    """An object pronoun that can open an inverted verb group ("lui", "leur", "me")."""
    w = norm_word(tok.text)
    return tok.pos_ == "PRON" and w in ctx.lex.object_clitics and w not in ("se", "s'")


def _charged(ctx: Context, cue: Cue, verb: Token) -> bool | None:
    """A bare past participle of a verb whose passive has a content ("accusé de ..."); None
    for one that only qualifies its noun, not set off by a comma ("les experts invités à
    témoigner ont ...")."""
    if not (ctx.lex.complements.get(cue.lemma, ((), False, False))[2] and bare_participle(verb)
            and verb.dep_ in ("acl", "advcl", "conj", "ROOT")):
        return False
    if verb.dep_ != "acl":
        return True
    j = verb.i - 1
    while j >= verb.sent.start and ctx.doc[j].pos_ == "ADV":
        j -= 1  # ", vivement critiqué pour ..."
    return True if j < verb.sent.start or ctx.doc[j].text in (",", "(", "—", "–") else None


def _token_start(ctx: Context, char: int) -> int:
    """The index of the token that holds character ``char``."""
    s = ctx.doc.char_span(char, char + 1, alignment_mode="expand")
    return s.start if s is not None else 0


def _token_end(ctx: Context, char: int) -> int:
    """The index after the token that ends at or holds character ``char``."""
    s = ctx.doc.char_span(char - 1, char, alignment_mode="expand") if char > 0 else None
    return s.end if s is not None else len(ctx.doc)


_QUE_JOINS = frozenset({"et", "ou", "mais"})
_MAX_COORDINATED = 4  # "que A, que B et que C": clauses joined to one content

_CLITICS = frozenset({"le", "la", "les", "l'", "lui", "leur", "se", "s'", "y", "nous",
                      "vous"})


def _detached(ctx: Context, start: int, sent: TokRange) -> bool:
    """A participle clause set off by a comma, led by "en" / "tout en", or opening the
    sentence: "..., affirmant que ...", "Craignant que ..., X a ...", "..., lui reprochant
    de ..." (object clitics before the participle are part of its clause)."""
    doc = ctx.doc
    while start > sent[0] and norm_word(doc[start - 1].text) in ctx.lex.object_clitics:
        start -= 1
    prev = prev_word(doc, start)
    if prev is None or start <= sent[0]:
        return True
    while prev is not None and prev.i > sent[0] and norm_word(prev.text) in _CLITICS:
        prev = prev_word(doc, prev.i)  # ", les qualifiant de ..."
    if prev is None or prev.text == "," or norm_word(prev.text) == "en":
        return True
    return all(t.is_punct or t.is_space for t in doc[sent[0]:start])


# ------------------------------------------------------------------ content

def _content(ctx: Context, sent: TokRange, verb: Token, cue: Cue, cue_end: int, after: int,
             inverted: bool, passive: bool, start: int) -> tuple[tuple[int, int], str] | None:
    doc = ctx.doc
    if not inverted:  # "citant entre autres | la fermeture", "a dénoncé notamment | X"
        after = adverbials_end(ctx, after, sent[1])
    quote = None if inverted and after_quote(ctx, start) else quote_after_colon(ctx, sent, after)
    if quote is not None:
        return quote, "direct"
    que = _que(ctx, verb, after, sent) if cue.clause else None
    if que is not None:
        top = que.head if que.head.i > que.i else verb
        # "a souligné qu'en trois jours, les flammes ...": a clause the parser ends at a
        # fronted complement still runs to the end of the verb's phrase
        end = max(top.right_edge.i, verb.right_edge.i) + 1
        if verb.dep_ in ("advcl", "dep", "parataxis") and verb.head.i > que.i:
            end = max(end, verb.head.right_edge.i + 1)  # the parser made the clause the root
        return _finish(ctx, sent, que.i + 1, _coordinated_que(ctx, sent, end), cue_end)
    relative = any("Rel" in c.morph.get("PronType", []) for c in verb.lefts)
    comp = None if inverted or passive or relative else prep_content(ctx, sent, cue.lemma, after)
    if comp is not None:  # "a appelé Téhéran à revenir ...", "a accusé X de mentir"
        return _cut(ctx, sent, comp[0], cue_end, _finish(ctx, sent, comp[0], comp[1], cue_end))
    if inverted and after_quote(ctx, start):
        return _inverted_content(ctx, sent, start)  # "« ... », a expliqué l'homme disant ..."
    xcomp = next((c for c in verb.rights if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                  and c.i >= after), None)
    if xcomp is not None:
        a = max(xcomp.left_edge.i, after)
        return _cut(ctx, sent, a, cue_end, _finish(ctx, sent, a, xcomp.right_edge.i + 1, cue_end))
    if inverted:
        return _inverted_content(ctx, sent, start)
    if cue.inverted_only:
        return None
    est = None if passive else estimate_content(ctx, sent, verb, cue.lemma, after)
    if est is not None:  # "estime à plus de 2.000 le nombre de X"
        return _finish(ctx, sent, est[0], est[1], cue_end, exact=True)
    inf = None if passive else infinitive_content(ctx, verb, after, sent)
    if inf is not None:  # "a affirmé être la cible de ...", "affirmant ne pas pouvoir ..."
        return _cut(ctx, sent, inf[0], cue_end, _finish(ctx, sent, inf[0], inf[1], cue_end))
    if passive:
        ag = agent(ctx, verb)
        subj = next((c for c in verb.children if c.dep_ == "nsubj:pass"), None)
        if ag is None and subj is not None and cue.lemma in rules(ctx).anonymous_passive:
            return _finish(ctx, sent, subj.left_edge.i, subj.right_edge.i + 1, cue_end,
                           exact=True)  # "X a été pointé du doigt": what is said of X
        if ag is None or ag.i < verb.i:
            return None
        if subj is not None and subj.right_edge.i < start and \
                cue.lemma not in ctx.lex.object_predicates:  # "X a été démenti par Y": X
            return _finish(ctx, sent, subj.left_edge.i, subj.right_edge.i + 1, cue_end,
                           exact=True)
        first = subj.left_edge.i if subj is not None else _clause_start(ctx, sent)
        return _finish(ctx, sent, first, ag.left_edge.i, cue_end, exact=True)
    if cue.lemma in ctx.lex.object_predicates and not passive and not inverted:
        pred = object_predicate(ctx, sent, verb, after)
        if pred is not None:  # 'a jugé la réforme "injuste"'
            return _finish(ctx, sent, pred[0], pred[1], cue_end, exact=True)
    event = not cue.nominal and event_stance(ctx, cue.lemma) is not None
    if cue.nominal or event:
        obj = np_object(ctx, verb, after)
        if event and (obj is None or not event_noun(ctx, obj) or not takes_position(ctx, verb)):
            return None  # "a demandé des sanctions", "a exclu toute négociation"
        if cue.words:
            a = cue_end
            while a < sent[1] and norm_word(doc[a].text) in ctx.lex.time_words:
                a += 1
            if a < sent[1] and norm_word(doc[a].text) in cue.leads:
                a += 1  # "a mis en garde mardi contre | X"
            return _finish(ctx, sent, a, verb.right_edge.i + 1, cue_end)
        if obj is not None and concrete_object(ctx, cue.lemma, obj):
            return None  # "a défendu la ville", "a salué le président"
        misparsed = obj is None or norm_word(obj.text) in ctx.lex.time_words
        quoted = quote_as_object(ctx, sent, after) if misparsed and not inverted else None
        if quoted is not None:  # 'a salué « un pas en avant »', its words misparsed
            return quoted, "direct"
        if obj is not None and norm_word(obj.text) not in ctx.lex.que_words:
            a = object_start(ctx, sent, after, max(obj.left_edge.i, after))
            b = past_quoted_modifier(ctx, sent, obj.right_edge.i + 1)
            b = coordinated_object_end(ctx, sent, b)  # "des emplois et la libération de X"
            found = _finish(ctx, sent, a, b, cue_end)
            stop = _main_clause_after(verb)
            if found is not None and stop is not None and found[0][1] > doc[stop].idx:
                found = _finish(ctx, sent, a, stop, cue_end, exact=True)
            named = qualifier_quote(ctx, cue.stance, found)
            if named is not None:  # 'a qualifié le vote d'"énorme mensonge"': the name given
                return named, "direct"
            listed = quote_list(ctx, sent, found[0]) if found is not None and \
                found[1] == "direct" else None
            if listed is not None:  # 'dénonce « A », « B » et « C »': one object
                return listed, "direct"
            if found is not None and found[1] != "direct":
                b = object_end(ctx, sent, a, _token_end(ctx, found[0][1]))
                b = through_aside(ctx, complement_end(ctx, sent, a, b, appositions=True), sent)
                found = _finish(ctx, sent, a, b, cue_end, exact=True) or found
            return found
        if event:
            return None
        words = object_words(ctx, sent, verb, after) if not inverted else None
        head = next((t for t in doc[words[0]:words[1]] if t.pos_ in ("NOUN", "PROPN")),
                    None) if words is not None else None
        if head is not None and concrete_object(ctx, cue.lemma, head):
            return None  # "a salué, du coude, le vice-président X": an act
        if words is not None:  # "a nié X et condamné | les deux attaques"
            return _finish(ctx, sent, words[0], words[1], cue_end)
    return None


def _coordinated_que(ctx: Context, sent: TokRange, end: int) -> int:
    """A que-clause the parser ended before "et que B" (hung on the main verb): the second
    clause is reported too ("insistant sur le fait que A et qu'elle va B")."""
    doc = ctx.doc
    for _ in range(_MAX_COORDINATED):
        j = end
        while j < sent[1] and doc[j].text in CLOSING:
            j += 1
        if j + 1 >= sent[1] or norm_word(doc[j].text) not in _QUE_JOINS or \
                norm_word(doc[j + 1].text) not in ctx.lex.que_words or ctx.in_quote(doc[j]):
            return end
        head = doc[j + 1].head
        if head.i <= j + 1:
            return end
        end = min(head.right_edge.i + 1, sent[1])
    return end


def _main_clause_after(verb: Token) -> int | None:
    """Where the main clause goes on after a relative clause that holds the cue ("l'avocate
    qui réclame le retour des enfants | a dit ..."): its verb group, which no run-on of
    the relative clause's object reaches."""
    if verb.dep_ != "acl:relcl":
        return None
    main = verb.head.head
    if main.i <= verb.i:
        return None
    return min([main.i] + [c.i for c in main.children
                           if c.dep_.startswith(("aux", "cop")) and c.i > verb.i])


def _cut(ctx: Context, sent: TokRange, a: int, cue_end: int,
         found: tuple[CharSpan, str] | None) -> tuple[CharSpan, str] | None:
    """A complement's content cut before an adjunct set off by a comma (adjuncts.py)."""
    if found is None or found[1] == "direct":
        return found
    b = _token_end(ctx, found[0][1])
    end = complement_end(ctx, sent, a, quote_run(ctx, sent, b))
    return found if end == b else _finish(ctx, sent, a, end, cue_end, exact=True) or found


def _clause_start(ctx: Context, sent: TokRange) -> int:
    """Where a sentence's main clause starts: after a fronted "Selon X," phrase."""
    doc = ctx.doc
    for j in range(sent[0], min(sent[0] + 4, sent[1])):
        trig = trigger_at(doc, ctx.lex, j, sent[1])
        if trig is not None:
            return selon_phrase(ctx, j + trig.keep_from, sent)[1]
    return sent[0]


def _que(ctx: Context, verb: Token, after: int, sent: TokRange) -> Token | None:
    """The "que" opening the reported clause: a mark under a ccomp, or close after the verb."""
    for c in verb.rights:
        if c.dep_ in ("ccomp", "advcl") and c.i >= after:
            for m in c.lefts:
                if m.dep_ == "mark" and norm_word(m.text) in ctx.lex.que_words and not (
                        m.i > 0 and norm_word(ctx.doc[m.i - 1].text) in ctx.lex.que_not_after
                ) and not _relative_on_object(ctx, verb, m) and \
                        not _participle_before(ctx, verb, m):
                    return m  # not: pendant qu'il manifestait
    doc = ctx.doc
    if any(c.dep_ == "advmod" and norm_word(c.text) in ctx.lex.comparatives
           for c in verb.children):
        return None  # "est davantage contestée que lors de ...": a comparison
    for j in range(after, min(after + 6, sent[1])):
        w = norm_word(doc[j].text)
        if w in ctx.lex.que_words and (doc[j].pos_ == "SCONJ" or _after_adjunct(ctx, after, j)):
            if j > 0 and norm_word(doc[j - 1].text) in ctx.lex.que_not_after:
                return None  # "tandis que", "alors que"
            return doc[j]
        if doc[j].is_punct or doc[j].pos_ in ("VERB", "SCONJ"):
            return None
    return None


def _participle_before(ctx: Context, verb: Token, que: Token) -> bool:
    """"a réagi, prétextant que ...": a present participle right before the "que" (that the
    parser hung under the clause as one more mark) owns the clause, not the main verb."""
    prev = ctx.doc[que.i - 1] if que.i > 0 else None
    return prev is not None and prev.i > verb.i and prev.pos_ == "VERB" and \
        is_present_participle(prev)


def _relative_on_object(ctx: Context, verb: Token, que: Token) -> bool:
    """"a défendu son budget, qu'il a qualifié de ...": a "que" right after the comma that
    closes the verb's noun object opens a relative clause on that object (the parser took
    it for a conjunction), not the reported clause."""
    doc = ctx.doc
    comma = que.i - 1
    if comma <= verb.i or doc[comma].text != ",":
        return False
    return any(c.dep_ == "obj" and c.pos_ in ("NOUN", "PROPN") and c.i > verb.i and not any(
        t.is_punct or t.pos_ in ("VERB", "AUX") for t in doc[c.i + 1:comma]
    ) for c in verb.rights)  # "ses décisions face au virus, qu'il a qualifié de ..."


def _after_adjunct(ctx: Context, after: int, j: int) -> bool:
    """Whether the "que" at ``j``, which the parser read as a relative pronoun, follows
    only an adjunct of the verb ("a révélé dans la foulée | que ...", "a reconnu mercredi à
    Genève | que ..."): a phrase led by a preposition or a time word, no object noun."""
    doc = ctx.doc
    if j <= after or not (doc[after].pos_ == "ADP" or ctx.words[after] in ctx.lex.time_words):
        return False
    # a determiner that no preposition leads opens an object: "a présenté à la presse le
    # projet que ..." is a relative clause; so is "que" after a noun of statements or
    # documents ("a protesté contre les propos que X a tenus", "le rapport qu'il a publié")
    nested = relative_words(doc.lang_ or "fr")
    before = ctx.words[j - 1]
    if doc[j - 1].pos_ == "NOUN" and (before in nested.claim_nouns
                                      or before in nested.document_nouns):
        return False
    return not any(doc[k].pos_ == "DET" and doc[k - 1].pos_ != "ADP" for k in range(after + 1, j))


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
    aside = quote_then_aside(ctx, sent, comma)
    if aside is not None:
        return aside, "direct"
    first = sent[0]
    for k in range(comma - 1, sent[0], -1):  # a sentence boundary the parser missed
        n = k + 1
        while n < comma and doc[n].is_space:
            n += 1
        if doc[k].text in (".", "!", "?") and n < comma and doc[n].text[:1].isupper():
            first = n
            break
    first = after_reporting_colon(ctx, first, comma)  # « X a nié : A, a-t-il dit » -> A
    opened = quote_opening(ctx, first, comma) if first == sent[0] else None
    if opened is not None:  # « "A. B" au Bélarus, a expliqué X »: the quotation from A
        return opened.inner, "direct"
    return _finish(ctx, sent, first, comma, start, exact=True)
