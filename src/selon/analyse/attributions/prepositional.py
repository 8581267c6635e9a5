"""Statements whose content is a prepositional object or an adjective phrase.

- "X s'est félicité de Y", "X a appelé à Y", "X a protesté contre Y", "X insiste sur Y",
  "X s'est engagé à Y": Y, the phrase the preposition opens (coordinated phrases with
  their own preposition, "de A et de B", are one record each);
- "X s'est dit préoccupé", "se disant prêt à Y", "s'est déclaré favorable à Y": the
  adjective phrase.

Which verbs take which preposition is data (cues.json "prepositional"); reflexive cue
verbs of the lexicon with an "inf:de" frame (s'inquiéter, se réjouir) take "de" too. The
speaker is found as for any reporting verb. A verb another finder has already read is
left alone, as are passives, negations and verbs inside quotation marks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from selon import lang as langdata
from selon.analyse.attributions.boundaries import occasion_end
from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.lexicon import norm_word, trigger_at
from selon.analyse.attributions.phrase import clause_end
from selon.analyse.attributions.source import (
    CLOSING,
    OPENING,
    SKIP,
    clitic,
    cue_start,
    find_source,
    is_inverted,
    plausible_source,
    prev_word,
    subject_np,
)
from selon.analyse.attributions.speakers import TokRange, noun_phrase, present_participle, trim
from selon.errors import ConfigError
from selon.model import Party

_REFLEXIVE = frozenset({"se", "s'"})
_VERB_POS = frozenset({"VERB", "ADJ", "AUX"})
_MAX_GAP = 8  # tokens between the verb and its preposition ("s'est engagé, depuis mai, à")


@dataclass(frozen=True)
class Frame:
    lemma: str
    preps: tuple[tuple[str, ...], ...]  # each preposition as its words ("en faveur de")
    stance: str
    reflexive: bool | None  # True: only "se V"; False: never; None: either
    infinitive: bool = False  # only an infinitive after the preposition (s'engager à)
    quoted: bool = False  # only a phrase with quoted words in it (a parlé de « trahison »)


@dataclass(frozen=True)
class Words:
    frames: dict[str, Frame]
    predicative: frozenset[str]  # se dire, se déclarer + adjective
    predicative_stance: str
    adjective_stances: dict[str, str]
    fact_nouns: frozenset[str]
    incises: tuple[tuple[str, ...], ...]  # "quant à lui", "au mieux": skipped after the verb


@cache
def words(lang: str) -> Words:
    data = langdata.load(lang, "cues").get("prepositional", {})
    try:
        frames = {
            lemma: Frame(lemma, tuple(_split(p) for p in v["preps"]),
                         v.get("stance", "assert"), v.get("reflexive"),
                         bool(v.get("infinitive")), bool(v.get("quoted")))
            for lemma, v in data.get("verbs", {}).items()
        }
        pred = data.get("predicative", {})
        return Words(
            frames=frames,
            predicative=frozenset(pred.get("verbs", [])),
            predicative_stance=pred.get("stance", "opinion"),
            adjective_stances=dict(pred.get("adjective_stances", {})),
            fact_nouns=frozenset(norm_word(w) for w in data.get("fact_nouns", [])),
            incises=tuple(sorted((_split(x) for x in data.get("incises", [])), key=len,
                                 reverse=True)),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(
            f"lang/{lang}/cues.json 'prepositional' is malformed ({exc!r}); fix the data file"
        ) from exc


def _split(words: str) -> tuple[str, ...]:
    return tuple(norm_word(w) for w in words.split())


def find_prepositional(ctx: Context, sent: TokRange, verbal: list[Found]) -> list[Found]:
    """The statements of the sentence ``sent`` led by a verb and a preposition or an
    adjective. ``verbal`` are the sentence's statements found by their reporting verb: a
    verb one of them is led by, or that stands inside one's content, is left alone."""
    doc = ctx.doc
    w = words(doc.lang_ or "fr")
    taken = {f.anchor for f in verbal}
    inside = [f.content for f in verbal]
    out: list[Found] = []
    relayed = _has_selon(ctx, sent)  # "X s'est engagé à Y, selon Z": Z's account, not X's
    for i in range(*sent):
        if ctx.pos[i] not in _VERB_POS:
            continue
        verb = doc[i]
        if verb.pos_ not in _VERB_POS or i in taken or ctx.in_quote(verb) or any(
                a <= verb.idx < b for a, b in inside):
            continue
        lemma = _lemma(ctx, w, verb)
        frame = _frame(ctx, w, lemma)
        if frame is None and lemma not in w.predicative:
            continue
        if relayed and (frame is None or not frame.quoted):
            continue  # but quoted words are X's own: « a parlé de "A", selon Z » (Z relays)
        if verb.pos_ != "VERB" and not (lemma != verb.lemma_.lower() or _participle(verb)):
            continue  # a verb the tagger took for an adjective ("insiste") or an auxiliary
        if _passive(verb) or _negated(ctx, verb):
            continue
        reflexive = _reflexive(doc, verb)
        if frame is not None and frame.reflexive is not None and frame.reflexive != reflexive:
            frame = None
        j = _skip_gap(ctx, w, verb.i + 1, sent[1])
        contents: list[tuple[TokRange, str]] = []
        if frame is not None:
            contents = [(r, frame.stance) for r in _objects(ctx, sent, j, frame, w)]
        if not contents and lemma in w.predicative and reflexive:
            contents = _predicate(ctx, sent, j, w)
        if contents:
            out.extend(_statements(ctx, sent, verb, frame.lemma if frame else lemma, contents))
    return out


def _has_selon(ctx: Context, sent: TokRange) -> bool:
    """Whether a "selon X" phrase (outside quotation marks) stands in the sentence."""
    doc = ctx.doc
    return any(not ctx.in_quote(doc[j]) and trigger_at(doc, ctx.lex, j, sent[1]) is not None
               for j in ctx.where(ctx.lex.trigger_first, *sent))


def _lemma(ctx: Context, w: Words, verb: Token) -> str:
    """The verb's lemma; a mis-lemmatised present form ("table", "tablent") by its ending."""
    lemma = verb.lemma_.lower()
    if lemma in w.frames or lemma in w.predicative or ctx.lex.verb(lemma) is not None:
        return lemma
    low = norm_word(verb.text)
    for ending, base in (("ent", "er"), ("e", "er")):
        if low.endswith(ending) and low[: -len(ending)] + base in w.frames:
            return low[: -len(ending)] + base
    return lemma


def _frame(ctx: Context, w: Words, lemma: str) -> Frame | None:
    frame = w.frames.get(lemma)
    if frame is not None:
        return frame
    cue = ctx.lex.verb(lemma)
    if cue is not None and "inf:de" in cue.constructions and lemma in ctx.lex.reflexive_only:
        return Frame(lemma, (("de",),), cue.stance, True)
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ == "aux:pass" for c in verb.children)


def _negated(ctx: Context, verb: Token) -> bool:
    doc = ctx.doc
    return any(norm_word(c.text) in ctx.lex.negation for c in verb.children) or (
        verb.i > 0 and norm_word(doc[verb.i - 1].text) in ctx.lex.negation)


_QUOTED_WORDS = 4  # 's'est dit "prudemment optimiste"': a short quoted adjective phrase
_REFLEXIVE_GAP = 7  # "s'est d'autre part dit": the pronoun, the auxiliary and an adverbial


def _reflexive(doc: Doc, verb: Token) -> bool:
    if any(c.dep_.startswith("expl") for c in verb.children):
        return True
    if any(norm_word(doc[j].text) in _REFLEXIVE for j in range(max(verb.i - 3, 0), verb.i)):
        return True
    for j in range(max(verb.i - _REFLEXIVE_GAP, 0), verb.i - 3):
        if norm_word(doc[j].text) in _REFLEXIVE and doc[j + 1].lemma_ == "être" and all(
                not t.is_punct and t.pos_ not in ("VERB", "AUX")
                for t in doc[j + 2:verb.i]):
            return True  # "s'est d'autre part dit": an adverbial inside the verb group
    return False


def _skip_gap(ctx: Context, w: Words, j: int, end: int) -> int:
    """The first word after the verb group that is not an adverb, a time, an inverted
    pronoun, an incise word ("quant à lui") or an incise between commas."""
    doc = ctx.doc
    while j < end:
        t = doc[j]
        if t.is_space or t.pos_ == "ADV" or t.text.startswith("-") or ctx.in_time(t) \
                or norm_word(t.text) in ctx.lex.time_words:
            j += 1
            continue
        inc = next((x for x in w.incises if tuple(
            norm_word(u.text) for u in doc[j:j + len(x)]) == x), None)
        if inc is not None:
            j += len(inc)
            continue
        if t.text == ",":
            close = next((k for k in range(j + 1, min(j + _MAX_GAP + 2, end))
                          if doc[k].text == ","), None)
            if close is None or any(
                    u.pos_ in ("VERB", "AUX") or ctx.in_quote(u) for u in doc[j + 1:close]):
                return j
            j = close + 1
            continue
        return j
    return j


def _objects(ctx: Context, sent: TokRange, j: int, frame: Frame, w: Words) -> list[TokRange]:
    """The phrase that one of the frame's prepositions opens at ``j``, to the end of its
    clause; quoted phrases joined by "et" and the same preposition are one each ("d'un
    « A » et d'un « B »")."""
    doc = ctx.doc
    n = _prep_at(doc, j, frame)
    if n is None:
        return []
    a = j + n
    if frame.infinitive and not _infinitive_at(doc, a, sent[1]):
        return []
    b = _stop(ctx, a, clause_end(ctx, a, sent[1]))
    cuts = [a]
    for k in range(a + 1, b - 1):
        if norm_word(doc[k].text) in ("et", "ou") and not ctx.in_quote(doc[k]) and \
                _prep_at(doc, k + 1, frame) is not None:
            cuts.append(k)
    parts = []
    for x, y in zip(cuts, [*cuts[1:], b], strict=True):
        if x != a:
            x += 1 + (_prep_at(doc, x + 1, frame) or 0)
        parts.append(_trim(ctx, _after_fact(ctx, x, y, w), y))
    parts = [r for r in parts if r[0] < r[1]]
    if len(parts) > 1 and not all(ctx.quote_inside(ctx.chars(r)) for r in parts):
        parts = [_trim(ctx, _after_fact(ctx, a, b, w), b)]
    if frame.quoted:  # "a parlé de sa famille" reports nothing; "de « trahison »" does
        parts = [r for r in parts if r[0] < r[1] and ctx.quote_inside(ctx.chars(r))]
    return [r for r in parts if r[0] < r[1]]


def _trim(ctx: Context, a: int, b: int) -> TokRange:
    """Trim punctuation, but keep the marks of a quotation that the range holds whole."""
    doc = ctx.doc
    a, b = trim(doc, a, b)
    if a >= b:
        return a, b
    if a > 0 and doc[a - 1].text in OPENING:
        q = ctx.quotes.starting_at(doc[a - 1].idx)
        if q is not None and b < len(doc) and doc[b].text in CLOSING and \
                q.outer[1] == doc[b].idx + len(doc[b]):
            return a - 1, b + 1  # "de « trahison »": the marks stand apart from the words
        if q is not None and q.outer[1] <= doc[b - 1].idx + len(doc[b - 1]) + 1:
            a -= 1
    if b < len(doc) and doc[b].text in CLOSING:
        q = ctx.quotes.ending_at(doc[b].idx + 1)
        if q is not None and q.outer[0] >= doc[a].idx:
            b += 1
    return a, b


def _infinitive_at(doc: Doc, a: int, end: int) -> bool:
    """An infinitive at ``a``, maybe after its clitics and negation ("à ne pas le faire")."""
    for t in doc[a:min(a + 4, end)]:
        if t.pos_ in ("VERB", "AUX"):
            return "Inf" in t.morph.get("VerbForm", [])
        if t.pos_ not in ("PRON", "ADV"):
            return False
    return False


def _prep_at(doc: Doc, j: int, frame: Frame) -> int | None:
    """How many words the frame's preposition at ``j`` takes ("d'", "du", "en faveur de").
    After a verb that also takes a direct object ("menace des emplois"), "du" and "des"
    are articles, not "de"."""
    contracted = ("d'", "du", "des") if frame.reflexive or len(frame.preps[0]) > 1 \
        or frame.preps[0] != ("de",) else ("d'",)
    for prep in frame.preps:
        got = tuple(norm_word(t.text) for t in doc[j:j + len(prep)])
        if got == prep:
            return len(prep)
        if got and ((prep[-1] == "de" and got[-1] in contracted)
                    or (prep[-1] == "à" and got[-1] in ("au", "aux"))) and got[:-1] == prep[:-1]:
            return len(prep)
    return None


def _stop(ctx: Context, a: int, b: int) -> int:
    """A content ends before a conjunction that opens a verb of its own ("contre X et
    dénoncé Y") and before a phrase about the occasion of saying it ("comme un « A » lors
    de son discours")."""
    doc = ctx.doc
    for k in range(a + 1, b - 1):
        if doc[k].pos_ == "CCONJ" and not ctx.in_quote(doc[k]) and any(
                t.pos_ == "VERB" and ("Fin" in t.morph.get("VerbForm", []) or (
                    "Part" in t.morph.get("VerbForm", []) and t.dep_ == "conj"))
                for t in doc[k + 1:min(k + 3, b)]):
            return k
    return occasion_end(ctx, a, b)


def _after_fact(ctx: Context, a: int, b: int, w: Words) -> int:
    """"sur le fait que Y" -> Y; "pour que Y" -> Y."""
    doc = ctx.doc
    if a < b - 1 and norm_word(doc[a].text) in ctx.lex.que_words:
        return a + 1
    for j in range(a, min(a + 3, b - 1)):
        if norm_word(doc[j].text) in w.fact_nouns and norm_word(doc[j + 1].text) in \
                ctx.lex.que_words:
            return j + 2
    return a


def _predicate(ctx: Context, sent: TokRange, j: int, w: Words) -> list[tuple[TokRange, str]]:
    """"s'est dit préoccupé", "se disant prêt à Y", 's'est dite "très fière" de Y': the
    adjective phrase at ``j``, a short quotation of it included (up to a comma then)."""
    doc = ctx.doc
    if j >= sent[1]:
        return []
    k = j
    q = ctx.quotes.starting_at(doc[j].idx) if doc[j].is_punct else None
    if q is not None and j + 1 < sent[1] and \
            len(ctx.doc.char_span(*q.inner, alignment_mode="expand") or ()) <= _QUOTED_WORDS:
        k = j + 1  # 's'est dite "fière" de ...': the adjective is the first quoted word
    elif ctx.in_quote(doc[j]):
        return []
    while k + 1 < min(j + 4, sent[1]) and doc[k].pos_ == "ADV":
        k += 1  # "s'est dit très inquiet", 'prudemment optimiste"'
    t = doc[k]
    stance = w.adjective_stances.get(_masculine(t))
    past = t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm", []) \
        and not present_participle(t)
    if stance is None and t.pos_ not in ("ADJ",) and not past:
        return []
    if k > j and q is not None and stance is None and t.pos_ != "ADJ":
        return []  # a quoted participle is a quotation of its own, not how X said X was
    end = clause_end(ctx, j, sent[1])
    if k > j:  # 's'est dit "optimiste" sur X, avec huit candidats ...': before the adjunct
        end = next((c for c in range(k, end) if doc[c].text in (",", ";", ":", "(")
                    and not ctx.in_quote(doc[c])), end)
    r = _trim(ctx, j, _stop(ctx, j, end))
    if r[0] >= r[1]:
        return []
    return [(r, stance or w.predicative_stance)]


def _masculine(tok: Token) -> str:
    """The adjective's base form: "préoccupées" -> "préoccupé", "prête" -> "prêt"."""
    low = norm_word(tok.text)
    for ending in ("es", "s", "e"):
        if low.endswith(ending) and low[: -len(ending)]:
            base = low[: -len(ending)]
            if ending != "s" and base.endswith("e"):
                continue
            return base
    return low


def _statements(ctx: Context, sent: TokRange, verb: Token, lemma: str,
                contents: list[tuple[TokRange, str]]) -> list[Found]:
    doc = ctx.doc
    start = cue_start(doc, verb, sent[0])
    if start > sent[0] and norm_word(doc[start - 1].text) in _REFLEXIVE:
        start -= 1  # "s'est félicité", "se disant"
    if _participle(verb) and not _detached(doc, verb, start, sent):
        return []  # "des jeux appelant à la violence": a participle that qualifies a noun
    clit = clitic(ctx, start, verb.i + 1)
    after = clit.i + 1 if clit is not None and clit.i > verb.i else verb.i + 1
    inverted = not _participle(verb) and is_inverted(ctx, verb, start)
    speaker = verb
    if _participle(verb) and verb.dep_ == "conj" and _participle(verb.head):
        speaker = verb.head  # "brandissant X et appelant à Y": the first participle's speaker
    source = find_source(ctx, sent, speaker, after, inverted, False, clit)
    if source is None or (source is SKIP and _participle(verb)):
        source = _subject_of(ctx, sent, verb)
    if source is SKIP or not isinstance(source, Party) or not plausible_source(ctx, source):
        return []
    cue = (doc[start].idx, verb.idx + len(verb))
    pronoun = clit is not None or any(
        c.dep_ == "nsubj" and norm_word(c.text) in ctx.lex.subject_pronouns
        for c in verb.children)
    out = []
    for r, stance in contents:
        span, kind = _kind(ctx, r)
        out.append(Found(kind, span, cue, lemma, source, stance, anchor=verb.i,
                         pronoun=pronoun))
    return out


def _participle(tok: Token) -> bool:
    """A present participle, whatever part of speech the tagger gave it ("se disant")."""
    return "Part" in tok.morph.get("VerbForm", []) and (
        "Pres" in tok.morph.get("Tense", []) or norm_word(tok.text).endswith("ant"))


def _subject_of(ctx: Context, sent: TokRange, verb: Token) -> Party | None:
    """The subject the parser hung on the verb's auxiliary ("X a quant à lui appelé"), or,
    for a detached participle the parser attached astray, that of the main clause before
    it ("X s'était abrité ..., tout en se disant prêt à ...")."""
    doc = ctx.doc
    if verb.dep_ == "amod" and verb.head.i < verb.i and verb.head.pos_ in ("NOUN", "PROPN"):
        return ctx.party(noun_phrase(doc, verb.head, (sent[0], verb.i)))  # "La ministre insiste"
    heads = [verb] + [c for c in verb.children if c.dep_.startswith("aux")]
    if _participle(verb):
        root = next((t for t in doc[sent[0]:verb.i] if t.head.i == t.i), None)
        if root is None or root.pos_ not in ("VERB", "AUX"):
            return None
        heads = [root] + [c for c in root.children if c.dep_.startswith("aux")]
    for h in heads:
        subj = next((c for c in h.lefts if c.dep_ in ("nsubj", "nsubj:pass")
                     and not ctx.in_quote(c)), None)
        if subj is None:
            continue
        if norm_word(subj.text) in ctx.lex.impersonal:
            return None
        return ctx.party(subject_np(ctx, subj, sent))
    return None


def _kind(ctx: Context, r: TokRange) -> tuple[tuple[int, int], str]:
    """A content that is one quotation (led at most by a 'quote_leads' conjunction) is
    direct (its words inside the marks); one with
    quoted words in it is mixed; any other is indirect."""
    return ctx.reported(ctx.chars(r))


def _detached(doc: Doc, verb: Token, start: int, sent: TokRange) -> bool:
    """A participle set off by a comma, led by "en", opening the sentence, or joined by
    "et" to such a participle ("..., brandissant X et appelant à Y")."""
    prev = prev_word(doc, start)
    if prev is None or start <= sent[0] or prev.text == "," or norm_word(prev.text) == "en":
        return True
    if norm_word(prev.text) == "et" and verb.dep_ == "conj" and _participle(verb.head):
        return True
    return all(t.is_punct or t.is_space for t in doc[sent[0]:start])
