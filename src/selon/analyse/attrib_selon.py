""""selon X", "d'après X", "de source X" and relays ("cité par X"): sources without a verb."""

from __future__ import annotations

from spacy.tokens import Token

from selon.analyse.attrib_context import Context, Found
from selon.analyse.attrib_lexicon import norm_word, trigger_at
from selon.analyse.speakers import TokRange, noun_phrase, trim
from selon.model import Party

_CLAUSE_WORDS = frozenset({"qui", "que", "qu'", "dont", "lorsque", "quand"})
_MAX_LEAD = 3  # "Cependant, selon X, ...": words before a fronted "selon" phrase


def find_according(ctx: Context, sent: TokRange) -> list[Found]:
    doc = ctx.doc
    out: list[Found] = []
    i = sent[0]
    while i < sent[1]:
        trig = trigger_at(doc, ctx.lex, i, sent[1])
        if trig is None or ctx.in_quote(doc[i]):
            i += 1
            continue
        np_start = i + trig.keep_from
        np = selon_phrase(ctx, np_start, sent)
        if np[0] >= np[1]:
            i += 1
            continue
        source, via = _source_and_relays(ctx, np, sent)
        phrase_end = np[1]
        content = _content(ctx, sent, i, phrase_end)
        cue_end = i + len(trig.words) - 1
        if content is not None and source is not None:
            cue = (doc[i].idx, doc[cue_end].idx + len(doc[cue_end]))
            lemma = " ".join(trig.words).replace("' ", "'")
            out.append(Found("according_to", content, cue, lemma, source, "assert", via,
                             anchor=i, phrase=(i, phrase_end)))
        i = max(phrase_end, i + 1)
    return out


def find_relays(ctx: Context, sent: TokRange, taken: list[TokRange]) -> list[Found]:
    """", cité par l'agence X," outside any "selon" phrase: a relay for the sentence's speaker."""
    doc, lex = ctx.doc, ctx.lex
    out: list[Found] = []
    for j in range(sent[0] + 1, sent[1] - 2):
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
    """The noun phrase starting at ``start``: up to a comma that does not continue a list
    ("les estimations sud-coréennes, américaines et ukrainiennes"), or as parsed."""
    doc = ctx.doc
    if start >= sent[1]:
        return (start, start)
    end, by_comma = sent[1], False
    for j in range(start + 1, sent[1]):
        t = doc[j]
        if t.text == ",":
            nxt = doc[j + 1] if j + 1 < sent[1] else None
            if nxt is not None and (nxt.pos_ in ("ADJ", "NUM") or nxt.dep_ in ("conj", "amod")):
                continue
            end, by_comma = j, True
            break
        if t.text in (";", ":", "(", ".", "!", "?") or t.is_space or \
                norm_word(t.text) in _CLAUSE_WORDS:
            end, by_comma = j, True
            break
        if t.pos_ in ("VERB", "AUX") and "Part" not in t.morph.get("VerbForm", []):
            end = j
            break
    if not by_comma:
        head: Token = doc[start]
        for _ in range(12):
            h = head.head
            if h.i == head.i or not (start <= h.i < sent[1]) or h.pos_ in ("VERB", "AUX"):
                break
            head = h
        end = min(end, max(noun_phrase(doc, head, (start, sent[1]))[1], start + 1))
    return trim(doc, start, end)


def _source_and_relays(ctx: Context, np: TokRange,
                       sent: TokRange) -> tuple[Party | None, list[Party]]:
    """"un communiqué cité par l'agence TASS" -> (communiqué, [TASS])."""
    doc, lex = ctx.doc, ctx.lex
    parts: list[TokRange] = []
    a = np[0]
    for j in range(np[0] + 1, np[1] - 1):
        t = doc[j]
        if (t.lemma_ in lex.relay_participles or _participle_of(t, lex.relay_participles)) and \
                norm_word(doc[j + 1].text) == lex.relay_by:
            parts.append((a, j))
            a = j + 2
    parts.append((a, np[1]))
    parties = [ctx.party(p) for p in parts]
    source = parties[0]
    via = [p for p in parties[1:] if p is not None]
    return source, via


def _participle_of(t: Token, lemmas: frozenset[str]) -> bool:
    low = t.text.lower()
    for ending in ("ées", "és", "ée", "é"):
        if low.endswith(ending):
            return low[: -len(ending)] + "er" in lemmas
    return False


def _content(ctx: Context, sent: TokRange, trig: int, phrase_end: int) -> tuple[int, int] | None:
    """The clause the "selon" phrase attaches to: the rest of the sentence around it."""
    doc = ctx.doc
    before = trim(doc, sent[0], trig)
    after = trim(doc, phrase_end, sent[1])
    words_before = sum(1 for t in doc[before[0]:before[1]] if not t.is_punct)
    if after[0] < after[1] and words_before <= _MAX_LEAD:
        r = after
    elif before[0] < before[1] and (after[0] >= after[1] or words_before > _MAX_LEAD):
        r = before if after[0] >= after[1] else trim(doc, sent[0], sent[1])
    else:
        return None
    r = _balance(ctx, r)
    return ctx.chars(r) if r[0] < r[1] else None


def _balance(ctx: Context, r: TokRange) -> TokRange:
    doc = ctx.doc
    a, b = r
    if b < len(doc) and doc[b].text in "»”\"" and ctx.quotes.ending_at(doc[b].idx + 1):
        q = ctx.quotes.ending_at(doc[b].idx + 1)
        if q is not None and q.outer[0] >= doc[a].idx:
            b += 1
    return a, b
