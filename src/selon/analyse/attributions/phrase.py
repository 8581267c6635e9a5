"""Where a "selon X" / "Pour X" phrase ends: relative clauses, appositions, speakers."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from selon.analyse.attributions.context import Context
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.speakers import TokRange
from selon.analyse.tokens import is_finite

_MAX_APPOSITION = 24  # tokens of a relative clause or an apposition kept in a source phrase


RELAY_NP_WORDS = frozenset({"de", "du", "des", "d'"})


def phrase_end(ctx: Context, end: int, sent: TokRange) -> int:
    """Where a source phrase ending at ``end`` really ends: over a relative clause or an
    apposition set off by commas ("D'après X, qui s'est exprimé depuis ..., Y"; "Selon
    Jean Martin, porte-parole de la mairie, Y"), when a clause with its own subject follows.
    A phrase whose relative clause runs to the end of the sentence keeps ``end``."""
    doc, lex = ctx.doc, ctx.lex
    e = end
    for _ in range(2):
        if e + 1 >= sent[1] or doc[e].text != ",":
            break
        k = e + 1
        c = _next_comma(ctx, k, min(sent[1], k + _MAX_APPOSITION))
        if c is None:
            break
        if norm_word(doc[k].text) in lex.relative_words:
            if not finite(doc, (k, c)):
                break
        elif not _name_word(doc[e - 1]) or not _apposition(ctx, k, c):
            break  # an apposition follows a name: "Jean Martin, porte-parole de ..."
        e = c
    if e != end and not _clause_follows(ctx, e + 1, sent[1]):
        return end
    return e


def _next_comma(ctx: Context, a: int, b: int) -> int | None:
    """The first comma in [a, b) outside quotation marks and brackets."""
    depth = 0
    for j in range(a, b):
        t = ctx.doc[j]
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(depth - 1, 0)
        elif t.text == "," and depth == 0 and not ctx.in_quote(t):
            return j
        elif t.text in (";", ":", ".", "!", "?") or t.is_space:
            return None
    return None


def _apposition(ctx: Context, a: int, b: int) -> bool:
    """", porte-parole de la mairie,", ", ancienne directrice de l'OMS,", ", le chef de
    l'ONG,", ", une comptable de 30 ans,", ", de l'université X,": a phrase without a verb
    that says who someone is (a bare noun, a singular noun or a speaker noun after an
    article, an affiliation), not a time ("lundi") nor a subject ("trois personnes")."""
    doc, lex = ctx.doc, ctx.lex
    toks = doc[a:b]
    first = doc[a]
    if norm_word(first.text) in lex.time_words or ctx.in_time(first) or any(
            t.text in "«»“”\"" or is_finite(t) for t in toks):
        return False
    if first.pos_ == "DET":  # "le chef de l'ONG", "une comptable de 30 ans"
        nxt = next((t for t in doc[a + 1:b] if t.pos_ != "ADJ"), None)
        return _speaker_noun(ctx, (a + 1, b)) or (
            nxt is not None and nxt.pos_ == "NOUN" and "Plur" not in nxt.morph.get("Number", [])
            and "Plur" not in first.morph.get("Number", []))
    if first.pos_ == "ADP" and norm_word(first.text) in RELAY_NP_WORDS:
        return any(t.pos_ in ("NOUN", "PROPN") for t in toks)  # ", de l'université X,"
    k = a
    while k < b and doc[k].pos_ == "ADJ":
        k += 1
    return k < b and doc[k].pos_ == "NOUN" and doc[k].dep_ not in ("case", "fixed", "mark") \
        and "Plur" not in doc[k].morph.get("Number", [])  # not "face à ..." nor "lundi"


def _name_word(t: Token) -> bool:
    """The last word of a name ("Jean Martin", "Cheong Seong-chang" parsed as a verb)."""
    return t.pos_ == "PROPN" or (t.ent_type_ in ("PER", "ORG") and t.ent_iob_ == "I")


def _speaker_noun(ctx: Context, r: TokRange) -> bool:
    """A noun naming a person or a body ("ministre", "ONG") before any preposition."""
    for t in ctx.doc[r[0]:r[1]]:
        if t.pos_ == "ADP":
            return False
        if t.pos_ in ("NOUN", "PROPN") and (norm_word(t.lemma_) in ctx.lex.speaker_nouns
                                           or norm_word(t.text) in ctx.lex.speaker_nouns):
            return True
    return False


def speaker_phrase(ctx: Context, np: TokRange, end: int, sent: TokRange,
                   places: bool = False) -> bool:
    """Whether a "Pour X" phrase names who holds the view that follows: X is a stressed
    pronoun, a person's or an organisation's name (or a place's, standing for its
    government, when ``places``: "Aux yeux de la France, ..."), or a noun phrase headed by
    a speaker noun (in the phrase or its apposition); a comma and a finite clause follow."""
    doc = ctx.doc
    if end >= sent[1] or doc[end].text != "," or not finite(doc, (end + 1, sent[1])):
        return False
    first = doc[np[0]]
    if first.pos_ in ("VERB", "AUX", "ADP", "NUM") or first.like_num:
        return False
    if np[1] - np[0] == 1 and norm_word(first.text) in ctx.lex.stressed_pronouns:
        return True
    if _speaker_noun(ctx, np) or (end > np[1] and _name_word(doc[np[1] - 1])
                                  and _speaker_noun(ctx, (np[1] + 1, end))):
        return True
    for t in doc[np[0]:np[1]]:
        if t.pos_ == "ADP":
            break
        kinds = ("PER", "ORG", "LOC") if places else ("PER", "ORG")
        name = t.pos_ == "PROPN" or (places and t.pos_ == "NOUN" and t.text[:1].isupper())
        if name and (t.ent_type_ in kinds or ctx.entities.type_at(
                (t.idx, t.idx + len(t))) in kinds):
            return True  # "aux yeux des Emirats": a name the tagger made a common noun
    return False


def _clause_follows(ctx: Context, a: int, b: int) -> bool:
    """Whether [a, b) is a clause of its own: a word that can be a subject, then a finite
    verb; not the rest of a clause whose subject came before ``a`` ("le président,
    furieux, | a quitté ...")."""
    subject = False
    for t in ctx.doc[a:b]:
        if is_finite(t):
            return subject
        if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            subject = True
    return False


def finite(doc: Doc, r: TokRange) -> bool:
    return any(is_finite(t)
               for t in doc[r[0]:r[1]])


def is_name_word(t: Token) -> bool:
    return _name_word(t)


def speaker_noun(ctx: Context, r: TokRange) -> bool:
    return _speaker_noun(ctx, r)


_CLAUSE_STOPS = frozenset({";", ":", "(", ".", "!", "?"})
_MAX_SUBJECT = 8  # tokens of a subject before the finite verb of a new clause


def clause_end(ctx: Context, a: int, b: int) -> int:
    """Where a clause starting at ``a`` ends (before ``b``): at a semicolon or a colon, or
    at a comma outside quotes that opens another clause: a conjunction, a relative or
    participial clause, a reporting construction (", selon X", ", comme l'a dit X", ", ce
    que X dément", ", a-t-il ajouté"), or a new subject and its finite verb (", le ministre
    a affirmé que ...")."""
    doc = ctx.doc
    for j in range(a + 1, b):
        t = doc[j]
        if ctx.in_quote(t):
            continue
        if t.text in _CLAUSE_STOPS or t.is_space:
            return j
        if t.text == "," and j + 1 < b and _opens_after_comma(ctx, j + 1, b):
            return j
    return b


def _opens_after_comma(ctx: Context, k: int, b: int) -> bool:
    doc, lex = ctx.doc, ctx.lex
    t = doc[k]
    w = norm_word(t.text)
    if t.pos_ in ("CCONJ", "SCONJ") or w in lex.relative_words or w in ("comme", "ce", "où"):
        return True
    if w in lex.trigger_first and w != "de":
        return True
    if t.pos_ in ("VERB", "AUX") and ("Fin" in t.morph.get("VerbForm", [])
                                       or "Pres" in t.morph.get("Tense", [])):
        return True  # ", a-t-il ajouté", ", affirmant ..."
    if t.pos_ not in ("DET", "PROPN", "PRON", "NOUN"):
        return False
    for u in doc[k + 1:min(b, k + _MAX_SUBJECT)]:
        if u.is_punct:
            return False
        if u.pos_ in ("VERB", "AUX") and "Fin" in u.morph.get("VerbForm", []):
            return True
    return False
