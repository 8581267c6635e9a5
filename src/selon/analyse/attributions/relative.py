"""Relative forms of reporting, each a statement of its own:

- "un communiqué selon lequel Y", "les accusations de X selon lesquelles Y": Y, by the
  document, or by X for a claim noun (accusation, rumeur, ...);
- "X, selon qui Y" / "X, pour qui Y": Y, X's view;
- ", ce que X dément" / ", ce qu'a démenti X": a statement about the clause before, whose
  content is that relative phrase.

This module also holds what the nested finders share (comment.py, nominal.py,
chained.py): every finder returns ``Inner`` items, the statement and where its
construction starts, so that the statement around it stops there (``nested.settle``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from selon import lang as langdata
from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.lexicon import Cue, norm_word
from selon.analyse.attributions.phrase import clause_end, is_name_word, speaker_noun
from selon.analyse.attributions.quotes import CLOSING
from selon.analyse.attributions.speakers import TokRange, noun_phrase, trim
from selon.analyse.attributions.trust import ANONYMOUS_TEXT
from selon.analyse.tokens import is_finite
from selon.errors import ConfigError
from selon.model import Party

_MAX_NP = 12  # tokens of an antecedent noun phrase
_MAX_COMMENT = 10  # tokens between "ce que" and the end of its source


@dataclass
class Inner:
    """A nested statement and the character where its construction starts."""

    found: Found
    start: int
    comments: bool = False  # "comme l'a dit X": the content is the clause it comments
    chained: bool = False  # "avant d'ajouter": the speaker is the one of the statement before


@dataclass(frozen=True)
class Words:
    relative_by: frozenset[str]  # selon, d'après (+ lequel)
    relative_pronouns: frozenset[str]  # lequel, laquelle, ...
    opinion_by: frozenset[str]  # selon, pour, d'après (+ qui)
    claim_nouns: dict[str, str]  # noun -> stance: the source is its "de X" / "par X"
    document_nouns: frozenset[str]  # the source is the document itself
    by_words: frozenset[str]  # de, du, des, d', par: a claim's author
    comment_word: str  # comme
    comment_clitics: frozenset[str]  # l', le, la, les
    that_words: frozenset[str]  # ce + que/qu'


@cache
def words(lang: str) -> Words:
    data = langdata.load(lang, "cues").get("nested", {})
    try:
        return Words(
            frozenset(norm_word(w) for w in data["relative_by"]),
            frozenset(norm_word(w) for w in data["relative_pronouns"]),
            frozenset(norm_word(w) for w in data["opinion_by"]),
            {norm_word(k): v for k, v in data["claim_nouns"].items()},
            frozenset(norm_word(w) for w in data["document_nouns"]),
            frozenset(norm_word(w) for w in data["by_words"]),
            norm_word(data["comment_word"]),
            frozenset(norm_word(w) for w in data["comment_clitics"]),
            frozenset(norm_word(w) for w in data["that_words"]),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(
            f"lang/{lang}/cues.json 'nested' is malformed ({exc!r}); fix the data file"
        ) from exc


def find_relative(ctx: Context, sent: TokRange) -> list[Inner]:
    """The relative and comment statements of one sentence (bounded: one pass over it)."""
    doc = ctx.doc
    w = words(doc.lang_ or "fr")
    out: list[Inner] = []
    first = w.relative_by | w.opinion_by | w.that_words | {"d'"}  # "d'" of "d'après"
    for i in ctx.where(first, sent[0] + 1, sent[1] - 1):
        word = ctx.words[i]
        nxt = ctx.words[i + 1]
        if word == "d'" and nxt == "après" and i + 2 < sent[1]:
            word, nxt, k = "d'après", ctx.words[i + 2], i + 2
        else:
            k = i + 1
        item: Inner | None = None
        if word in w.relative_by and nxt in w.relative_pronouns:
            item = _selon_lequel(ctx, w, sent, i, k + 1)
        elif word in w.opinion_by and nxt == "qui" and doc[i - 1].text == ",":
            item = _selon_qui(ctx, sent, i, k + 1)
        elif word in w.that_words and doc[i - 1].text == "," and nxt in ("que", "qu'"):
            item = _ce_que(ctx, sent, i)
        if item is not None:
            out.append(item)
    return out


def kind_of(ctx: Context, content: tuple[int, int], base: str = "indirect") -> str:
    """Mixed when quoted words lie inside the content; a content inside a longer quotation
    is the outer speaker's quotation, not this statement's."""
    if base == "according_to":
        return base
    quotes = [q for q in ctx.quote_inside(content)
              if content[0] <= q.outer[0] and q.outer[1] <= content[1] + 1]
    return "mixed" if quotes else base


def _antecedent(ctx: Context, sent: TokRange, end: int) -> TokRange | None:
    """The noun phrase that ends at token ``end`` (exclusive): its head is the highest noun
    above the last word that still lies before ``end``."""
    doc = ctx.doc
    k = trim(doc, sent[0], end)[1] - 1
    if k < sent[0] or doc[k].pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "X"):
        return None
    head = doc[k]
    for _ in range(6):
        h = head.head
        if h.i == head.i or not (sent[0] <= h.i < end) or h.pos_ not in ("NOUN", "PROPN"):
            break
        head = h
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    np = noun_phrase(doc, head, (max(sent[0], end - _MAX_NP), end))
    return np if np[0] < np[1] else None


def _selon_lequel(ctx: Context, w: Words, sent: TokRange, i: int, start: int) -> Inner | None:
    """"N selon lequel Y": the claim's author ("de X") or the document or person N."""
    doc = ctx.doc
    np = _antecedent(ctx, sent, i)
    content = _clause(ctx, sent, start)
    if np is None or content is None:
        return None
    head = next((t for t in doc[np[0]:np[1]] if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None:
        return None
    lemma = norm_word(head.lemma_)
    cue = (doc[i].idx, doc[start - 1].idx + len(doc[start - 1]))
    source: Party | None
    if lemma in w.claim_nouns or norm_word(head.text) in w.claim_nouns:
        stance = w.claim_nouns.get(lemma) or w.claim_nouns[norm_word(head.text)]
        by = next((t.i for t in doc[head.i + 1:np[1]] if norm_word(t.text) in w.by_words), None)
        cue = (head.idx, cue[1])
        # "des rumeurs selon lesquelles ...": nobody named, an anonymous statement
        source = ctx.party(trim(doc, by + 1, np[1])) if by is not None else \
            Party(ANONYMOUS_TEXT, cue)
        found = Found(kind_of(ctx, content), content, cue,
                      f"{head.text} selon", source, stance, anchor=head.i)
        return Inner(found, doc[np[0]].idx)
    if lemma in w.document_nouns or norm_word(head.text) in w.document_nouns \
            or person(ctx, np):
        source = ctx.party(np)
        if source is None:
            return None
        found = Found("according_to", content, cue, "selon", source, "assert", anchor=i)
        return Inner(found, doc[i].idx)
    return None


def _selon_qui(ctx: Context, sent: TokRange, i: int, start: int) -> Inner | None:
    """"l'expert Jean Martin, selon qui Y" / ", pour qui Y": Y is the person's view."""
    doc = ctx.doc
    np = _antecedent(ctx, sent, i - 1)
    content = _clause(ctx, sent, start)
    if np is None or content is None or not person(ctx, np):
        return None
    source = ctx.party(np)
    if source is None:
        return None
    cue = (doc[i].idx, doc[start - 1].idx + len(doc[start - 1]))
    lemma = " ".join(norm_word(t.text) for t in doc[i:start])
    found = Found("according_to", content, cue, lemma, source, "assert", anchor=i)
    return Inner(found, doc[i - 1].idx)


def person(ctx: Context, np: TokRange) -> bool:
    """A person or an organisation: a name of either, or a speaker noun heads the phrase."""
    doc = ctx.doc
    if speaker_noun(ctx, np):
        return True
    return any(t.pos_ == "PROPN" and (t.ent_type_ in ("PER", "ORG") or ctx.entities.type_at(
        (t.idx, t.idx + len(t))) in ("PER", "ORG")) for t in doc[np[0]:np[1]])


def _clause(ctx: Context, sent: TokRange, start: int) -> tuple[int, int] | None:
    """The clause from ``start``; a relative clause also ends before the finite verb of the
    clause it sits in ("des rumeurs selon lesquelles il serait malade | circulent")."""
    doc = ctx.doc
    end = clause_end(ctx, start, sent[1])
    seen = False
    for t in doc[start:end]:
        if ctx.in_quote(t):
            continue
        if t.pos_ in ("CCONJ", "SCONJ") or norm_word(t.text) in ctx.lex.relative_words \
                or norm_word(t.text) in ctx.lex.que_words:
            seen = False
        elif is_finite(t):
            if seen and doc[t.i - 1].pos_ != "AUX":
                end = t.i
                break
            seen = True
    r = trim(doc, start, end)
    if r[1] < len(doc) and doc[r[1]].text in CLOSING:
        q = ctx.quotes.ending_at(doc[r[1]].idx + 1)
        if q is not None and q.outer[0] >= doc[r[0]].idx:
            r = (r[0], r[1] + 1)
    if r[1] - r[0] < 2:
        return None
    return ctx.chars(_with_quote(ctx, r))


def _with_quote(ctx: Context, r: TokRange) -> TokRange:
    """A content that opens a quotation ends with it ("selon qui « il faut agir »")."""
    doc = ctx.doc
    a, b = r
    q = ctx.quotes.starting_at(doc[a].idx) if doc[a].text in "«“\"" else None
    if q is not None and q.outer[1] <= doc[b - 1].idx + len(doc[b - 1]) + 1:
        s = doc.char_span(q.inner[0], q.inner[1], alignment_mode="expand")
        if s is not None and s.start >= a:
            return s.start, s.end
    return a, b


def _ce_que(ctx: Context, sent: TokRange, i: int) -> Inner | None:
    """", ce que X dément" / ", ce qu'a démenti X": the relative phrase is the content."""
    doc = ctx.doc
    limit = min(sent[1], i + 2 + _MAX_COMMENT)
    verb = next((t for t in doc[i + 2:limit] if t.pos_ == "VERB" or (
        t.pos_ in ("ADV", "ADJ", "NOUN") and form_cue(ctx, t) is not None)), None)
    if verb is None or ctx.in_quote(verb):
        return None
    cue = ctx.cue_of(verb) or form_cue(ctx, verb)
    if cue is None:
        return None
    between = [t for t in doc[i + 2:verb.i] if t.pos_ not in ("AUX", "ADV", "PART")]
    if between:  # "ce que Moscou dément"
        source = agent(ctx, trim(doc, i + 2, verb.i)) if between[0].pos_ != "PRON" else \
            pronoun_party(ctx, between[0])
        end = verb.i + 1
    else:  # "ce qu'a démenti Maria Kolesnikova", "ce qu'il dément"
        np = np_after(ctx, sent, verb.i + 1)
        if np is None:
            return None
        source, end = agent(ctx, np), np[1]
    if source is None:
        return None
    content = ctx.chars((i, end))
    found = Found("indirect", content, ctx.chars(cue_range(doc, i + 2, verb.i)), cue.lemma,
                  source, cue.stance, anchor=verb.i)
    return Inner(found, doc[i - 1].idx)


_FORM_ENDINGS = ("ir", "r", "re", "tre")  # dément -> démentir, nie -> nier, admet -> admettre


def form_cue(ctx: Context, t: Token) -> Cue | None:
    """The cue verb a finite form the tagger missed stands for ("ce que Moscou dément")."""
    low = norm_word(t.text)
    for ending in _FORM_ENDINGS:
        cue = ctx.lex.verb(low + ending)
        if cue is not None:
            return cue
    return None


def agent(ctx: Context, r: TokRange) -> Party | None:
    """A source that can speak: a person, an organisation or a document ("comme l'indique
    son nom" has none)."""
    doc = ctx.doc
    head = next((t for t in doc[r[0]:r[1]] if t.pos_ in ("NOUN", "PROPN")), None)
    docs = words(doc.lang_ or "fr").document_nouns
    if person(ctx, r) or (head is not None and (norm_word(head.lemma_) in docs
                                                or norm_word(head.text) in docs)):
        return ctx.party(r)
    return None


def cue_range(doc: Doc, a: int, verb: int) -> TokRange:
    k = verb
    while k > a and doc[k - 1].pos_ == "AUX":
        k -= 1
    return k, verb + 1


def np_after(ctx: Context, sent: TokRange, a: int) -> TokRange | None:
    """The source noun phrase after an inverted verb, up to a comma or a clause word; a
    run of names in apposition keeps to the name."""
    doc = ctx.doc
    while a < sent[1] and norm_word(doc[a].text) in ctx.lex.time_words:
        a += 1
    if a >= sent[1]:
        return None
    b = a
    while b < sent[1] and b - a < _MAX_NP:
        t = doc[b]
        if (t.is_punct and t.text not in ("-", "'")) or t.pos_ in ("SCONJ", "CCONJ") or (
                t.pos_ in ("VERB", "AUX") and not is_name_word(t)):
            break
        if b > a and doc[b - 1].pos_ in ("NOUN", "PROPN") and t.ent_iob_ != "I" and (
                _timed(ctx, b) or (t.pos_ == "DET" and b + 1 < sent[1] and _timed(ctx, b + 1))):
            break  # "comme l'a affirmé le ministre | la veille": the source ends at the name
        b += 1
    r = trim(doc, a, b)
    return r if r[0] < r[1] else None


def _timed(ctx: Context, j: int) -> bool:
    t = ctx.doc[j]
    return ctx.in_time(t) or norm_word(t.text) in ctx.lex.time_words


def pronoun_party(ctx: Context, tok: Token) -> Party | None:
    p = ctx.pronoun(tok)
    return p if isinstance(p, Party) else None
