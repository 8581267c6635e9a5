"""Where the content of a complement stops: before an adjunct set off by a comma.

A noun-phrase object or an infinitive complement names what was said, asked or
denounced; a comma after it (outside quotation marks) that opens a phrase of another kind
ends it:

- a time or an occasion: "a appelé à stopper la violence, après plusieurs nuits
  d'émeutes" (a place after "dans" may be where what is reported happens, and stays);
- a participle: "a confirmé l'arrestation de X, annoncée lundi par Paris";
- an absolute clause: "a appelé à respecter les règles, les plages se trouvant prises";
- what the speaker did next: "a exhorté X à Y, avant de narguer ...";
- after a noun-phrase object, an apposition that says who X is: "a dénoncé la mort de X,
  un Afro-Américain tué par ..." (after an infinitive it may be what was said: "a indiqué
  étudier un lien avec X, un syndrome rare").

A comma before a phrase of the same kind as the content's first word ("à la retenue, à la
désescalade") is a list and does not end it.
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.analyse.attributions.context import Context
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.speakers import TokRange
from selon.analyse.tokens import is_finite

# prepositions that go on with the content: "de" (a list of complements), the places of
# what is reported ("détenir 12.000 étrangers, dans trois camps") and "à" of a manner or
# measure ("partager les réserves, à raison de deux cuillerées"; an occasion such as "à
# l'issue de" ends a content through the lexicon's 'occasions' instead)
_CONTENT_PREPS = frozenset({"de", "d'", "du", "des", "dans", "à"})
_APPOSITION_DETS = frozenset({"un", "une"})  # an indefinite noun phrase after a comma
_MAX_ABSOLUTE = 6  # tokens between the comma and the participle of an absolute clause


def complement_end(ctx: Context, sent: TokRange, a: int, b: int,
                   appositions: bool = False) -> int:
    """The first comma in (a, b) that opens an adjunct, else ``b``; with ``appositions``
    (a noun-phrase object) also one that opens an indefinite apposition."""
    doc = ctx.doc
    # the content's first word, or the preposition before it ("à | la retenue, à ...")
    firsts = {norm_word(doc[k].text) for k in (a - 1, a) if 0 <= k < len(doc)}
    for j in range(a + 1, min(b, sent[1]) - 1):
        if doc[j].text != "," or ctx.in_quote(doc[j]):
            continue
        nxt = doc[j + 1]
        w = norm_word(nxt.text)
        if nxt.pos_ == "ADP" and w not in firsts and w not in _CONTENT_PREPS:
            return j  # ", après plusieurs nuits", ", lors de ..."
        if nxt.pos_ == "ADP" and w in ("dans", "à") and j + 2 < b and \
                "Dem" in doc[j + 2].morph.get("PronType", []):
            return j  # "à Tulsa, dans cette ville acquise à sa cause": the place again
        if nxt.pos_ == "SCONJ" or (nxt.pos_ == "VERB" and _participle(nxt)):
            return j  # ", annoncée lundi par Paris", ", citant ...", ", alors que ..."
        if appositions and nxt.pos_ == "DET" and w in _APPOSITION_DETS and \
                not firsts & _APPOSITION_DETS:
            return j  # "la mort de George Floyd, un Afro-Américain décédé ...": who X is
        if nxt.pos_ in ("DET", "NOUN", "PROPN") and _absolute(ctx, j + 1, b):
            return j  # ", les plages se trouvant prises d'assaut"
    return b


def _participle(t: Token) -> bool:
    return "Part" in t.morph.get("VerbForm", [])


def _absolute(ctx: Context, j: int, b: int) -> bool:
    doc = ctx.doc
    for k in range(j, min(j + _MAX_ABSOLUTE, b)):
        t = doc[k]
        if t.text in (",", ";", ":") or ctx.in_quote(t):
            return False
        if t.pos_ in ("VERB", "AUX") and "Pres" in t.morph.get("Tense", []) and _participle(t):
            # its own subject: not a noun the participle only describes ("un syndrome
            # rare touchant les adultes")
            return any(c.dep_.startswith("nsubj") and j <= c.i < k for c in t.children)
        if is_finite(t):
            return False
    return False


_OPEN_ENDS = frozenset({"VERB", "AUX", "ADP", "DET", "SCONJ"})


def quote_run(ctx: Context, sent: TokRange, b: int) -> int:
    """A content that stops on a word that needs more, right before a quotation ("les
    accusant de n'avoir | « jamais eu un vrai emploi »"), runs to the closing mark."""
    doc = ctx.doc
    if b <= 0 or b >= sent[1] or doc[b - 1].pos_ not in _OPEN_ENDS:
        return b
    q = ctx.quotes.starting_at(doc[b].idx)
    if q is None:
        return b
    close = doc.char_span(q.outer[1] - 1, q.outer[1], alignment_mode="expand")
    return close.end if close is not None and close.end <= sent[1] else b
