"""Contents a cue takes after its object, read from the words as well as the parse.

- A preposition that leads the content after an optional object: "a appelé Téhéran à
  revenir à ses engagements", "a demandé à la préfète de fermer le pont", "a accusé
  l'opposition de chercher le chaos", "a appelé à la retenue", "les qualifiant de
  mensonges" (``lang/<lang>/cues.json`` "complements" says which verb takes which).
- The noun-phrase object of a nominal cue that the parser gave to another verb: "a nié
  toute responsabilité et condamné les deux attaques" (the attacks are what is condemned).
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.analyse.attributions.context import Context
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.objects import past_phrase
from selon.analyse.attributions.quotes import CLOSING, OPENING
from selon.analyse.attributions.speakers import TokRange
from selon.analyse.tokens import is_finite

_MAX_OBJECT = 12  # tokens between the verb and the preposition of its content
_MAX_DETERMINERS = 4  # tokens before the head noun of an object ("les deux premières")
_BEFORE_INFINITIVE = frozenset({"se", "s'", "ne", "n'", "pas", "plus", "jamais", "le", "la",
                                "les", "l'", "lui", "leur", "y", "en", "nous", "vous"})
_NP_START = frozenset({"DET", "NOUN", "PROPN", "ADJ", "NUM"})


def _in_name(ctx: Context, t: Token) -> bool:
    """A preposition inside a name: "l'Organisation mondiale de la santé d'un foyer"."""
    return t.ent_iob_ == "I" or ctx.entities.type_at((t.idx, t.idx + len(t))) is not None


def prep_content(ctx: Context, sent: TokRange, lemma: str, after: int) -> TokRange | None:
    """The token range of the content a preposition leads after the verb's object (the
    preposition included before an infinitive, not before a noun phrase), or None when the
    verb takes none or none is there."""
    comp = ctx.lex.complements.get(lemma)
    if comp is None:
        return None
    preps, noun, _ = comp
    doc = ctx.doc
    home = ctx.quotes.containing(doc[after - 1].idx) if after > 0 else None

    def quoted(t: Token) -> bool:  # inside another quotation than the cue's own
        return ctx.quotes.containing(t.idx) not in (None, home)

    for j in range(after, min(after + _MAX_OBJECT, sent[1])):
        t = doc[j]
        if norm_word(t.text) in preps and not quoted(t) and not _in_name(ctx, t):
            k = j + 1
            while k < sent[1] and (norm_word(doc[k].text) in _BEFORE_INFINITIVE
                                   or doc[k].text in OPENING):
                k += 1
            if k >= sent[1]:
                return None
            head = doc[k]
            if head.pos_ in ("DET", "NUM", "ADJ") and head.head.i > k and \
                    head.head.pos_ in ("NOUN", "PROPN") and head.head.i < sent[1]:
                head = head.head  # 'à une « réunion » du Conseil': the phrase of the noun
            marked = doc[j + 1].text in OPENING
            if _infinitive(head):  # "de remettre une note": the preposition included
                return j, _coordinated(ctx, sent, max(head.right_edge.i, k) + 1, preps)
            if noun and (head.pos_ in _NP_START or marked):  # "à la grève": what is asked
                return j + 1, _coordinated(ctx, sent, max(head.right_edge.i, k) + 1, preps)
            continue  # "a accusé le ministre de l'Intérieur de mentir": an object's "de"
        if t.text in (",", ";", ":", ".", "!", "?") and not quoted(t):
            return None
        if is_finite(t) or \
                t.pos_ == "SCONJ":
            return None
    return None


def _coordinated(ctx: Context, sent: TokRange, end: int, preps: frozenset[str]) -> int:
    """The end of complements coordinated with the one ending at ``end``, each led by one
    of the preposition again ("de mascarade, de farce et de trahison")."""
    doc = ctx.doc
    while end + 1 < sent[1] and (doc[end].text == "," or doc[end].pos_ == "CCONJ") \
            and not ctx.in_quote(doc[end]):
        j = end + 1
        if doc[j].pos_ == "CCONJ" and doc[end].text == ",":
            j += 1  # ", et de ..."
        if j >= sent[1] or norm_word(doc[j].text) not in preps:
            break
        k = j + 1
        while k < sent[1] and doc[k].text in OPENING:
            k += 1
        if k >= sent[1] or doc[k].is_punct:
            break
        end = max(doc[k].right_edge.i, k) + 1
        while end < sent[1] and doc[end].text in CLOSING and ctx.in_quote(doc[end - 1]):
            end += 1  # the quotation the complement opened
    return end


def coordinated_object_end(ctx: Context, sent: TokRange, b: int) -> int:
    """The end of an object noun phrase ending at ``b`` with a second one coordinated to it
    that the parser hung elsewhere ("réclamant des emplois | et la libération de X, ..."):
    "et" or "ou", a determiner and a noun, up to the next comma, with no verb between."""
    doc = ctx.doc
    if b + 2 >= sent[1] or doc[b].pos_ != "CCONJ" or ctx.in_quote(doc[b]) or \
            doc[b + 1].pos_ != "DET" or doc[b + 2].pos_ != "NOUN" or doc[b + 2].dep_ != "conj" \
            or doc[b + 2].head.i >= b:
        return b
    end = b + 3
    while end < sent[1] and not doc[end].is_punct and doc[end].pos_ not in ("VERB", "AUX",
                                                                              "CCONJ", "SCONJ"):
        end += 1
    if end < sent[1] and doc[end].pos_ in ("VERB", "AUX", "CCONJ", "SCONJ"):
        return b
    return end


def object_words(ctx: Context, sent: TokRange, verb: Token, after: int) -> TokRange | None:
    """The object noun phrase right after a nominal cue that the parser left without one
    ("a nié X et condamné | les deux attaques")."""
    if any(c.dep_ == "obj" and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM") for c in verb.children):
        return None
    doc = ctx.doc
    j = after
    while j < sent[1] and (norm_word(doc[j].text) in ctx.lex.time_words or ctx.in_time(doc[j])):
        j += 1
    j = past_phrase(ctx, sent, j)  # "a réfuté dans une lettre ouverte | les affirmations"
    start = j
    q = ctx.quotes.starting_at(doc[j].idx) if j < sent[1] else None
    if q is not None:  # 'a condamné "fermement" ces attaques': the quoted words go with it
        close = doc.char_span(q.outer[1] - 1, q.outer[1], alignment_mode="expand")
        if close is None or close.end >= sent[1]:
            return None
        j = close.end
    if j >= sent[1] or doc[j].pos_ not in _NP_START or norm_word(doc[j].text) in ctx.lex.que_words:
        return None
    for k in range(j, min(j + _MAX_DETERMINERS, sent[1])):
        t = doc[k]
        if t.pos_ in ("NOUN", "PROPN"):
            return start, max(t.right_edge.i, k) + 1
        if t.pos_ not in ("DET", "NUM", "ADJ") and t.text not in OPENING:
            return None  # 'son « rôle essentiel »': a quotation may open after the article
    return None


def _infinitive(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") and "Inf" in t.morph.get("VerbForm", [])
