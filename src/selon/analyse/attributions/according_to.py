""""selon X", "d'après X", "de source X" and relays ("cité par X"): sources without a verb."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from selon.analyse.attributions.clause_start import (
    after_relative,
    apposed_start,
    copula_in_relative,
)
from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.lexicon import norm_word, trigger_at
from selon.analyse.attributions.phrase import RELAY_NP_WORDS, finite, phrase_end, speaker_phrase
from selon.analyse.attributions.quotes import CLOSING, OPENING
from selon.analyse.attributions.source import plausible_source
from selon.analyse.attributions.speakers import TokRange, noun_phrase, present_participle, trim
from selon.analyse.tokens import is_finite
from selon.model import Party

_CLAUSE_WORDS = frozenset({"qui", "que", "qu'", "dont", "lorsque", "quand"})
_MAX_LEAD = 3  # "Cependant, selon X, ...": words before a fronted "selon" phrase
_MAX_GLOSS = 10  # tokens of a bracketed gloss kept in a source phrase: "(OMS)"
_MAX_QUOTE_CHARS = 1500  # a quotation a fronted "selon" phrase takes whole


def find_according(ctx: Context, sent: TokRange) -> list[Found]:
    """"Selon X, Y" and the like; "Pour X, Y" (X's view) only when the phrase opens the
    sentence, X is a person or an organisation and a comma and a finite clause follow."""
    doc = ctx.doc
    out: list[Found] = []
    first = _opening(ctx, sent)
    i = sent[0]
    while i < sent[1]:
        if ctx.words[i] not in ctx.lex.trigger_first:  # no trigger starts here
            i += 1
            continue
        trig = trigger_at(doc, ctx.lex, i, sent[1], initial=i == first)
        if trig is None or ctx.in_quote(doc[i]):
            i += 1
            continue
        np_start = i + trig.keep_from
        np = selon_phrase(ctx, np_start, sent)
        if np[0] >= np[1]:
            i += 1
            continue
        source, via = _source_and_relays(ctx, np, sent)
        end = phrase_end(ctx, np[1], sent)
        if trig.needs_speaker and not speaker_phrase(ctx, np, end, sent, trig.places):
            i += 1
            continue
        aside = aside_quote(ctx, sent, i, end)
        content = _content(ctx, sent, i, end, aside)
        cue_end = i + len(trig.words) - 1
        if content is not None:
            content = _whole_quote(ctx, content)
        if content is not None and source is not None and _plausible(ctx, source):
            cue = (doc[i].idx, doc[cue_end].idx + len(doc[cue_end]))
            lemma = " ".join(trig.words).replace("' ", "'")
            # "Pour X, la cause est une « erreur »": X's view in quoted words is mixed speech
            kind = "mixed" if trig.needs_speaker and ctx.quote_inside(content) else "according_to"
            if content == aside:
                kind = "direct"  # "A, selon lui « Q », B": the quoted words alone
            out.append(Found(kind, content, cue, lemma, source, "assert", via,
                             anchor=i, phrase=(i, end), opinion=trig.needs_speaker))
        i = max(end, i + 1)
    _split_views(ctx, sent, out)
    return out


def _split_views(ctx: Context, sent: TokRange, found: list[Found]) -> None:
    """"Pour X, A, mais B, selon Y": a trailing "selon Y" whose content runs back over
    the view of an opening "Pour X" has the conjunct after the last ", mais" (or ", et")
    and X's view stops before it; with no such conjunction both are left as they are."""
    doc = ctx.doc
    for view in [f for f in found if f.opinion]:
        if view.phrase is None:
            continue
        for tail in found:
            if tail is view or tail.opinion or tail.phrase is None or \
                    tail.anchor <= view.anchor or tail.content[0] > ctx.doc[view.anchor].idx:
                continue
            a, b = view.phrase[1], tail.anchor
            cut = next((j for j in range(b - 2, a, -1) if doc[j].text == "," and
                        doc[j + 1].pos_ == "CCONJ" and not ctx.in_quote(doc[j])), None)
            if cut is None:
                continue
            first = _balance(ctx, trim(doc, a, cut))
            last = _balance(ctx, trim(doc, cut + 2, b))
            if first[0] >= first[1] or last[0] >= last[1]:
                continue
            view.content = ctx.chars(first)
            if view.kind == "mixed" and not ctx.quote_inside(view.content):
                view.kind = "according_to"
            tail.content = ctx.chars(last)


def _opening(ctx: Context, sent: TokRange) -> int:
    """Where the sentence's first phrase starts: past a leading conjunction and its comma
    ("Mais pour X, ...", "Et, pour X, ...")."""
    doc = ctx.doc
    i = trim(doc, *sent)[0]
    if i + 1 < sent[1] and doc[i].pos_ == "CCONJ":
        i += 1
        while i < sent[1] and (doc[i].text == "," or doc[i].is_space):
            i += 1
    return i


def _whole_quote(ctx: Context, content: tuple[int, int]) -> tuple[int, int]:
    """"Selon X, « A. B. C »": a content that opens a quotation of several sentences runs
    to its end (the sentence splitter cut it after "A.")."""
    q = ctx.quotes.containing(content[0])
    if q is not None and q.inner[0] >= content[0] - 1 and content[1] < q.inner[1] and \
            q.inner[1] - content[0] <= _MAX_QUOTE_CHARS:
        return content[0], q.inner[1]
    return content


def _plausible(ctx: Context, source: Party) -> bool:
    """plausible_source, where a name the tagger read as a verb ("Ria Novosti") is a name."""
    if plausible_source(ctx, source):
        return True
    span = ctx.doc.char_span(source.span[0], source.span[1], alignment_mode="expand")
    verbs = [t for t in span or [] if t.pos_ in ("VERB", "AUX")]
    return bool(verbs) and all(t.text[:1].isupper() and t.ent_type_ for t in verbs) and \
        source.text[:1].isupper() and len(span or []) <= 4


def find_relays(ctx: Context, sent: TokRange, taken: list[TokRange]) -> list[Found]:
    """", cité par l'agence X," outside any "selon" phrase: a relay for the sentence's speaker."""
    doc, lex = ctx.doc, ctx.lex
    out: list[Found] = []
    for j in (k - 1 for k in ctx.where((lex.relay_by,), sent[0] + 2, sent[1] - 1)):
        t = doc[j]
        if t.lemma_ not in lex.relay_participles or norm_word(doc[j + 1].text) != lex.relay_by:
            continue
        if doc[j - 1].text != "," or any(a <= j < b for a, b in taken) or ctx.in_quote(t):
            continue
        np = selon_phrase(ctx, j + 2, sent)
        party = ctx.party(np)
        if party is not None:
            out.append(Found("relay", party.span, None, None, party, anchor=j, phrase=(j, np[1])))
    return out


def selon_phrase(ctx: Context, start: int, sent: TokRange) -> TokRange:
    """The noun phrase starting at ``start``: a stressed pronoun alone ("selon lui"); else up
    to a comma that does not continue a list ("les estimations sud-coréennes, américaines
    et ukrainiennes"), a finite verb or a clause word, with a gloss in brackets ("(OMS)");
    a phrase that runs to the end of the sentence keeps all of it ("selon un bilan établi
    par l'AFP à partir de sources officielles")."""
    doc = ctx.doc
    if start >= sent[1]:
        return (start, start)
    if norm_word(doc[start].text) in ctx.lex.stressed_pronouns:
        return (start, start + 1)
    end, by_comma = sent[1], False
    j = start + 1
    while j < sent[1]:
        t = doc[j]
        if t.text == "(":
            close = next((k for k in range(j + 1, min(j + _MAX_GLOSS, sent[1]))
                          if doc[k].text == ")"), None)
            if close is not None:
                j = close + 1
                continue
        if t.text == ",":
            nxt = doc[j + 1] if j + 1 < sent[1] else None
            if nxt is not None and (nxt.pos_ in ("ADJ", "NUM") or nxt.dep_ in ("conj", "amod")) \
                    and _list_goes_on(doc, j + 1, sent[1]):
                j += 1
                continue
            name_end = _apposed_name_end(ctx, j + 1, sent[1])
            if name_end is not None:  # "le gouverneur de New York, Andrew Cuomo, ..."
                j = name_end
                continue
            end, by_comma = j, True
            break
        if t.text in (";", ":", "(", ".", "!", "?") or t.is_space or \
                norm_word(t.text) in _CLAUSE_WORDS:
            end, by_comma = j, True
            break
        if is_finite(t) and \
                not t.text[:1].isupper():  # "l'agence Ria Novosti": a name, not a verb
            end = j
            break
        j += 1
    if not by_comma and end < sent[1]:
        head: Token = doc[start]
        for _ in range(12):
            h = head.head
            if h.i == head.i or not (start <= h.i < sent[1]) or h.pos_ in ("VERB", "AUX"):
                break
            head = h
        end = min(end, max(noun_phrase(doc, head, (start, sent[1]))[1], start + 1))
    return trim(doc, start, end)


def _list_goes_on(doc: Doc, a: int, b: int) -> bool:
    """Whether the words from ``a`` continue a list ("belges, | néerlandais et allemands"):
    a conjunction comes before any finite verb ("trois personnes, dont ..., ont" does not;
    nor an apposition, "X, chercheuse à ..., le retrait est ...")."""
    for t in doc[a:b]:
        if t.pos_ == "CCONJ":
            return True
        if is_finite(t) or \
                t.text in (";", ":", ".", "!", "?"):
            return False
    return False


def _apposed_name_end(ctx: Context, k: int, end: int) -> int | None:
    """The end of a name in apposition that starts at ``k`` and closes with punctuation."""
    doc = ctx.doc
    a = k
    while k < end and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
        k += 1
    if k == a or (k < end and not doc[k].is_punct):
        return None
    return k


def _source_and_relays(ctx: Context, np: TokRange,
                       sent: TokRange) -> tuple[Party | None, list[Party]]:
    """"un communiqué cité par l'agence TASS" -> (communiqué, [TASS]); "un bilan établi par
    l'agence X" -> (X, []): the author of a document is its source, not a relay."""
    doc, lex = ctx.doc, ctx.lex
    parts: list[TokRange] = []
    authored = False
    a = np[0]
    for j in range(np[0] + 1, np[1] - 1):
        t = doc[j]
        words = lex.relay_participles | lex.relay_authors
        if (t.lemma_ in words or _participle_of(t, words)) and \
                norm_word(doc[j + 1].text) == lex.relay_by:
            authored = not parts and (t.lemma_ in lex.relay_authors
                                      or _participle_of(t, lex.relay_authors))
            parts.append((a, j))
            a = j + 2
    parts.append((a, np[1]))
    parties = [ctx.party(_source_np(ctx, p, n > 0)) for n, p in enumerate(parts)]
    if authored and len(parties) == 2 and parties[1] is not None:
        parties = parties[1:]
    source = parties[0]
    via = [p for p in parties[1:] if p is not None]
    return source, via


def _source_np(ctx: Context, r: TokRange, relay: bool) -> TokRange:
    """A source without its bracketed gloss; a relay ("par l'AFP à partir de sources
    officielles vendredi") up to a preposition other than "de" or a time word."""
    doc, lex = ctx.doc, ctx.lex
    for j in range(r[0] + 1, r[1]):
        t = doc[j]
        if t.text == "(":
            return r[0], j
        w = norm_word(t.text)
        if relay and ((t.pos_ == "ADP" and w not in RELAY_NP_WORDS) or w in lex.time_words):
            return r[0], j
    return r


def _participle_of(t: Token, lemmas: frozenset[str]) -> bool:
    low = t.text.lower()
    for ending in ("ées", "és", "ée", "é"):
        if low.endswith(ending):
            return low[: -len(ending)] + "er" in lemmas
    return False


def _content(ctx: Context, sent: TokRange, trig: int, phrase_end: int,
             aside: tuple[int, int] | None) -> tuple[int, int] | None:
    """The clause the "selon" phrase is about (``aside``: the phrase's :func:`aside_quote`).
    Conventions (as in the reference gold, where the content of "Selon X, Y" is Y):

    - fronted, "(Cependant,) selon X, Y." -> Y;
    - trailing, "Y, selon X." -> Y;
    - after a relative word, "..., qui selon X pourrait ..." -> "pourrait ...";
    - in the middle, "A, selon X, B.": when B opens a new clause (a conjunction, a relative
      word, a present participle, its own finite verb after a complete A) the content is A;
      otherwise A and B are one clause ("15.000 personnes, selon la police, ont manifesté";
      "Le pouvoir a multiplié les ruses, selon X, pour s'assurer ...") and the content spans
      from A to the end of B, the "selon" phrase inside it;
    - a headline-like lead and a colon, "Autre mesure critiquable selon lui: Y" -> Y;
    - no comma, "Ces réformes visent selon lui à ..." -> the whole clause;
    - an aside, "A, selon X « Q », B" -> Q, the quotation alone.
    """
    doc = ctx.doc
    before = trim(doc, sent[0], trig)
    after = trim(doc, phrase_end, sent[1])
    has_after = after[0] < after[1]
    words_before = sum(1 for t in doc[before[0]:before[1]] if not t.is_punct)
    k = trig - 1
    while k > sent[0] and doc[k].text == ",":
        k -= 1
    lead = norm_word(doc[k].text) if trig > sent[0] else ""
    fronted = words_before <= _MAX_LEAD and not any(
        _bare_noun(ctx, t, before) or "Fin" in t.morph.get("VerbForm", [])
        for t in doc[before[0]:before[1]])
    colon = has_after and phrase_end < sent[1] and doc[phrase_end].text == ":" and \
        not finite(doc, before)
    if has_after and not fronted and not colon:
        after = (after[0], _clause_end(ctx, after[0], after[1]))
    if aside is not None and has_after and before[0] < before[1]:
        return aside  # "Déplorant la fermeture, selon lui « absurde », il a dit ..."
    coordinated = trig > sent[0] and doc[k].pos_ == "CCONJ"  # "..., et, selon X, Y"
    if has_after and (fronted or colon or coordinated or lead in _CLAUSE_WORDS or lead == "où"):
        r = after
    elif before[0] >= before[1]:
        return None
    elif has_after and doc[trig - 1].text == "," and copula_in_relative(ctx, k):
        r = after  # "..., qui pourraient être, selon lui, des casseurs" -> "des casseurs"
    elif not has_after or _opens_clause(ctx, after[0]) or (
        finite(doc, before) and _main_finite(ctx, after)
    ):
        # '"A", a dit X, dont un proche a démissionné selon Y' -> "un proche a démissionné";
        # "X a recensé 300 cas, une situation grave selon Y" -> "une situation grave"
        start = after_relative(ctx, before[0], trig)
        if not has_after and doc[trig - 1].text != ",":  # "..., une « situation grave » selon Y"
            start = max(start, apposed_start(ctx, before[0], before[1]))
        r = (start, before[1])
    elif doc[trig - 1].text != "," and len(doc[trig:phrase_end]) <= 2 and \
            norm_word(doc[phrase_end - 1].text) in ctx.lex.stressed_pronouns and (
                before[0] != trim(doc, *sent)[0] or _subordinate(ctx, before)):
        return None  # "le rôle que jouerait selon lui internet ...": an aside, no clear clause
    else:
        r = (before[0], after[1])
    r = trim(doc, r[0], _missed_boundary(ctx, r[0], r[1]))
    r = _balance(ctx, r)
    return ctx.chars(r) if r[0] < r[1] else None


def aside_quote(ctx: Context, sent: TokRange, trig: int,
                 phrase_end: int) -> tuple[int, int] | None:
    """The quotation right after a "selon X" set off by a comma in mid-sentence and closed
    before a comma: X's words about something of the clause before ("Déplorant la
    fermeture des plages, selon lui « absurde », il a estimé ..."); a statement of its own."""
    doc = ctx.doc
    if trig - 1 <= sent[0] or doc[trig - 1].text != ",":
        return None
    q = ctx.quotes.starting_at(doc[phrase_end].idx) if phrase_end < sent[1] else None
    if q is None:
        return None
    close = doc.char_span(q.outer[1] - 1, q.outer[1], alignment_mode="expand")
    if close is None or close.end >= sent[1] or doc[close.end].text != ",":
        return None
    return q.inner


def _missed_boundary(ctx: Context, a: int, b: int) -> int:
    """The end of the first sentence in [a, b) when the parser missed a boundary: a full
    stop (or one that closes a quotation) before a capital or an opening quote mark."""
    doc = ctx.doc
    for j in range(a + 1, b - 1):
        t, nxt = doc[j], doc[j + 1]
        stop = t.text in _STOPS and not ctx.in_quote(t)
        closes = t.text in CLOSING and doc[j - 1].text in _STOPS and \
            ctx.quotes.ending_at(t.idx + 1) is not None
        if (stop or closes) and (nxt.text[:1].isupper() or (
                nxt.text in OPENING and nxt.idx > t.idx + 1)):
            return j + 1
    return b


_STOPS = frozenset({".", "!", "?", "…"})


def _bare_noun(ctx: Context, t: Token, r: TokRange) -> bool:
    """A noun that can be a subject ("15.000 personnes, selon X, ont ..."), unlike "En
    avril" or "Lundi" before a fronted "selon" phrase."""
    if t.pos_ not in ("NOUN", "PROPN", "PRON") or norm_word(t.text) in ctx.lex.time_words:
        return False
    return t.dep_ in ("nsubj", "nsubj:pass") or not any(
        c.dep_ == "case" and r[0] <= c.i < r[1] for c in t.children)


def _opens_clause(ctx: Context, i: int) -> bool:
    """A conjunction, a relative word or a participial clause ("relançant le débat", "en
    ajoutant que ...") starts at token ``i``."""
    doc = ctx.doc
    t = doc[i]
    if norm_word(t.text) == "en" and i + 1 < len(doc) and present_participle(doc[i + 1]):
        return True
    return t.pos_ in ("CCONJ", "SCONJ") or norm_word(t.text) in _CLAUSE_WORDS or \
        norm_word(t.text) == "où" or present_participle(t)


def _main_finite(ctx: Context, r: TokRange) -> bool:
    """A finite verb in [r) before any relative or subordinate clause: "pour s'assurer un
    succès, avec des bureaux où la surveillance était ..." has none of its own."""
    for t in ctx.doc[r[0]:r[1]]:
        w = norm_word(t.text)
        if w in _CLAUSE_WORDS or w == "où" or t.pos_ == "SCONJ":
            return False
        if is_finite(t):
            return True
    return False


def _subordinate(ctx: Context, r: TokRange) -> bool:
    """Whether [r) holds a relative or subordinating word ("le rôle que jouerait ...")."""
    return any(norm_word(t.text) in _CLAUSE_WORDS or norm_word(t.text) == "où"
               or t.pos_ == "SCONJ" for t in ctx.doc[r[0]:r[1]])


def _clause_end(ctx: Context, a: int, b: int) -> int:
    """Where the clause starting at ``a`` ends: at ";", ":", or a comma that opens another
    clause (", et la police a ...", ", qui ...", ", tandis que ...", ", selon ...")."""
    doc = ctx.doc
    for j in range(a + 1, b):
        t = doc[j]
        if t.text in (";", ":"):
            return trim(doc, a, j)[1]
        if t.text == "," and j + 1 < b and not ctx.in_quote(t) and (_opens_clause(ctx, j + 1) or
                                           trigger_at(doc, ctx.lex, j + 1, b) is not None):
            return trim(doc, a, j)[1]
    return b


def _balance(ctx: Context, r: TokRange) -> TokRange:
    doc = ctx.doc
    a, b = r
    k = b
    while k < len(doc) and doc[k].text in (".", "!", "?", "…") and ctx.in_quote(doc[k]):
        k += 1  # "« J'achète un vélo! »"
    if k > b and k < len(doc) and doc[k].text in CLOSING:
        b = k
    if b < len(doc) and doc[b].text in "»”\"" and ctx.quotes.ending_at(doc[b].idx + 1):
        q = ctx.quotes.ending_at(doc[b].idx + 1)
        if q is not None and q.outer[0] >= doc[a].idx:
            b += 1
    return a, b
