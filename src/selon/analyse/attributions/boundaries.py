"""Where a reported content stops before words the parser hung onto it.

- An occasion of the reporting act after a comma: "a jugé qu'il serait inutile de
  négocier, à l'occasion de son premier discours" (the speech is when it was said, not
  what was said). The phrase must open with one of the lexicon's occasion word groups and
  name one of its speech events (discours, entretien, conférence, ...), maybe after a
  determiner and adjectives.
- A detached relative clause ("..., dont ...", the lexicon's 'detached_relatives') where
  a content runs on past the end the parser gave it: "a condamné les Etats-Unis pour la
  mort de X, dont l'arrestation a déclenché ..." (what follows tells the reader about X;
  it is not what was condemned).

- The end of a relative clause set off by commas, where the cue stands in it: "Le
  ministre, qui a assuré que A, a quitté la salle" (the main clause is not the content).

- A quotation that the content opens and that goes on past the end of the sentence
  (the parser splits sentences inside quotation marks): "a affirmé que « A. B »" keeps
  all of A and B, up to the closing mark.

Commas inside quotation marks never end a content here.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from selon.analyse.attributions.context import Context
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.quotes import CLOSING
from selon.analyse.attributions.speakers import TokRange
from selon.analyse.tokens import is_finite
from selon.model import Span

_MAX_BEFORE_NOUN = 3  # determiners and adjectives between the word group and its noun


def occasion_end(ctx: Context, a: int, b: int) -> int:
    """The comma in (a, b) that opens a phrase about the reporting occasion, or the first
    word of one right after a quotation ('à "aider X" lors d'un débat') or, with no comma,
    one that ends a content with no verb ("a souligné son attachement à la paix devant
    quelques journalistes"), else ``b``."""
    lex = ctx.lex
    if not lex.occasion_preps:
        return b
    doc = ctx.doc
    for j in range(a + 1, b - 1):
        bare = False
        if doc[j].text == "," and not ctx.in_quote(doc[j]):
            first = j + 1
        elif doc[j - 1].text in CLOSING and not ctx.in_quote(doc[j]) and \
                ctx.quotes.ending_at(doc[j - 1].idx + 1) is not None:
            first = j
        elif not ctx.in_quote(doc[j]) and doc[j].pos_ == "ADP":
            first, bare = j, True
        else:
            continue
        noun = _occasion_noun(ctx, first, b)
        if noun is None:
            continue
        if not bare:
            return j
        if noun.right_edge.i + 1 >= b and not _verb_in(doc, a, j):
            return j
    return b


def _occasion_noun(ctx: Context, first: int, b: int) -> Token | None:
    """The occasion noun of a phrase that opens at ``first`` with one of the lexicon's
    word groups, maybe after determiners and adjectives and a noun of a series ("une
    série de tweets"), else None."""
    lex, doc = ctx.lex, ctx.doc
    for words in lex.occasion_preps:
        k = first
        if k + len(words) > b or any(norm_word(doc[k + m].text) != w
                                     for m, w in enumerate(words)):
            continue
        k += len(words)
        n = k
        while n < min(k + _MAX_BEFORE_NOUN + 1, b):
            t = doc[n]
            if t.pos_ == "NOUN":
                if norm_word(t.lemma_) in lex.occasion_nouns or \
                        norm_word(t.text) in lex.occasion_nouns:
                    return t
                if norm_word(t.lemma_) in lex.occasion_series and n + 1 < b and \
                        norm_word(doc[n + 1].text) in ("de", "d'"):
                    k = n = n + 2  # "une série de | tweets"
                    continue
                return None
            if t.pos_ not in ("DET", "ADJ", "NUM"):
                return None
            n += 1
        return None
    return None


def _verb_in(doc: Doc, a: int, b: int) -> bool:
    """A verb in [a, b): the content is a clause or a participle phrase, whose own
    adjuncts stay in it ("les violences commises devant les journalistes")."""
    return any(t.pos_ in ("VERB", "AUX") for t in doc[a:b])


def relative_end(ctx: Context, a: int, b: int) -> int:
    """The comma in (a, b) before a detached relative clause ("..., dont ..."), else
    ``b``."""
    doc = ctx.doc
    for j in range(a + 1, b - 1):
        if doc[j].text == "," and not ctx.in_quote(doc[j]) and \
                norm_word(doc[j + 1].text) in ctx.lex.detached_relatives:
            return j
    return b


def past_sentence(ctx: Context, span: Span, sent: TokRange) -> Span:
    """``span`` run on to the closing mark of a quotation that opens inside it and closes
    after the end of the sentence ``sent``; otherwise ``span``."""
    doc = ctx.doc
    end = doc[sent[1] - 1].idx + len(doc[sent[1] - 1])
    if span[1] < end - 2:
        return span  # the content does not reach the end of its sentence
    q = ctx.quotes.containing(span[1] - 1)
    if q is None or q.outer[1] <= end or q.outer[0] < span[0] - 1:
        return span
    return (min(span[0], q.outer[0]), q.outer[1])


def relative_clause_end(ctx: Context, subject: Token | None, a: int, b: int) -> int:
    """A cue in a relative clause set off by commas ("Le ministre, qui a assuré que A, a
    quitté la salle"): its content stops at the comma where the main clause's verb group
    comes back (", a quitté"); ``b`` when the subject is no such relative or no such comma
    is in (a, b)."""
    doc = ctx.doc
    if subject is None or norm_word(subject.text) not in ctx.lex.relative_words or \
            subject.i == 0 or doc[subject.i - 1].text != ",":
        return b
    incise = False
    for j in range(a + 1, b - 1):
        if doc[j].text != "," or ctx.in_quote(doc[j]):
            continue
        if incise:  # the comma that closes "la réforme, très attendue, serait"
            incise = False
            continue
        k = j + 1
        while k < b and (norm_word(doc[k].text) in ctx.lex.negation
                         or norm_word(doc[k].text) in ctx.lex.object_clitics):
            k += 1  # ", ne l'a pas", ", leur a"
        if k < b and is_finite(doc[k]):
            return j
        incise = True
    return b
