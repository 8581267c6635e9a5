"""What a quantity counts and what happened to it, read from tokens and the parse.

The counted noun phrase is read left to right from the first token after the number:
at most two adjectives, a head noun, then adjectives, at most one ``de``/``du``/``des`` +
noun complement per conjunct, and ``et``/``ou`` + a bare noun for a coordinated head
("ingénieurs et ouvriers du bâtiment"). It stops at verbs, articles, prepositions,
punctuation and participles that name a role ("soldats tués ou blessés").
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from selon.analyse.quantities.rules import QuantityRules

_PATIENT_RELS = frozenset({"obj", "nsubj:pass"})
_NOUN_RELS = frozenset({"nmod", "obl", "obl:arg"})


@dataclass(frozen=True)
class UnitPhrase:
    start: int  # first token index
    end: int  # one past the last token index
    head: int  # token index of the head noun


class TokenIndex:
    """Character offset → token index, by binary search over token starts."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts: list[int] = doc.to_array("IDX").tolist()  # no Token objects: cheap

    def at_or_after(self, char: int) -> int | None:
        """First non-space token starting at or after ``char``."""
        i = bisect_left(self.starts, char)
        while i < len(self.doc) and self.doc[i].is_space:
            i += 1
        return i if i < len(self.doc) else None

    def covering(self, char: int) -> int | None:
        """Token containing ``char``."""
        i = bisect_left(self.starts, char + 1) - 1
        return i if 0 <= i < len(self.doc) else None


def is_role_word(tok: Token, rules: QuantityRules) -> bool:
    return tok.pos_ in ("VERB", "ADJ", "NOUN") and \
        rules.role_of_word(tok.lemma_.lower(), tok.lower_) is not None


def _is_head(tok: Token, rules: QuantityRules, *, linked: bool) -> bool:
    if tok.lower_.endswith(rules.not_plural_suffixes):
        return False  # "dont trois grièvement": an adverb tagged as a noun
    capitalised = tok.text[:1].isupper() and not tok.is_sent_start
    if tok.pos_ == "NOUN" and not capitalised:
        return True
    if tok.pos_ in ("PROPN", "NOUN"):
        # "2,7 millions de Palestiniens"; right after digits only a plural-looking name
        return linked or tok.text.endswith("s")
    return is_role_word(tok, rules)


def _is_modifier(tok: Token, rules: QuantityRules) -> bool:
    return (tok.pos_ == "ADJ" and not is_role_word(tok, rules)
            and "Ord" not in tok.morph.get("NumType", []))


def find_unit(doc: Doc, i: int, end_char: int, rules: QuantityRules, *,
              linked: bool) -> UnitPhrase | None:
    """The counted noun phrase starting at token ``i`` (before ``end_char``), if any."""
    n = len(doc)

    def inside(k: int) -> bool:
        return k < n and doc[k].idx < end_char and not doc[k].is_space

    j = i
    while j - i < 2 and inside(j) and _is_modifier(doc[j], rules):
        j += 1
    if not inside(j) or not _is_head(doc[j], rules, linked=linked):
        return None
    head = j
    last = j
    k = j + 1
    complement_used = coordinated = False
    while inside(k):
        tok = doc[k]
        if _is_modifier(tok, rules):
            last = k
            k += 1
        elif (tok.lower_ in rules.link_words and not complement_used and inside(k + 1)
              and doc[k + 1].pos_ == "NOUN" and not is_role_word(doc[k + 1], rules)):
            complement_used = True
            last = k + 1
            k += 2
        elif (tok.lower_ in rules.coordinators and not coordinated and inside(k + 1)
              and doc[k + 1].pos_ == "NOUN" and not is_role_word(doc[k + 1], rules)):
            coordinated = True
            complement_used = False
            last = k + 1
            k += 2
        else:
            break
    return UnitPhrase(i if i < head else head, last + 1, head)


def find_role(doc: Doc, unit: UnitPhrase, qty_start: int, rules: QuantityRules) -> str | None:
    """What happened to the counted things; see the ``_doc`` of quantities.json.

    A participle right after the counted noun first, then the verb governing the quantity,
    then the counted noun itself ("300 morts" → killed), then a governing noun it is the
    ``de`` complement of ("la mort de 12 patients").
    """
    head = doc[unit.head]
    gov, rel = _governor(head, qty_start, unit.end)
    return (_role_after(doc, unit.end, rules)
            or _role_of_verb(gov, rel, rules)
            or rules.role_nouns.get(head.lower_) or rules.role_nouns.get(head.lemma_.lower())
            or _role_of_noun(gov, rel, rules))


def _role_after(doc: Doc, k: int, rules: QuantityRules) -> str | None:
    parts: list[str] = []
    joiner = ""
    n = len(doc)
    while k < n and is_role_word(doc[k], rules):
        role = rules.role_of_word(doc[k].lemma_.lower(), doc[k].lower_)
        if role and role not in parts:
            if parts:
                parts.append(joiner)
            parts.append(role)
        nxt = doc[k + 1].lower_ if k + 1 < n else ""
        j = k + 2
        while j < n and _is_adverb(doc[j], rules):  # "tués ou grièvement blessés"
            j += 1
        if nxt in rules.role_joiners and j < n and is_role_word(doc[j], rules):
            joiner = rules.role_joiners[nxt]
            k = j
        else:
            break
    return "_".join(parts) or None


def _is_adverb(tok: Token, rules: QuantityRules) -> bool:
    return tok.pos_ == "ADV" or tok.lower_.endswith(rules.not_plural_suffixes)


def _governor(head: Token, qty_start: int, qty_end: int) -> tuple[Token | None, str]:
    """The token the quantity depends on, and how; conjuncts climb to the first conjunct."""
    tok = head
    # climb out of the quantity itself ("1,55 millions de cas": cas → millions)
    while tok.head.i != tok.i and qty_start <= tok.head.i < qty_end:
        tok = tok.head
    for _ in range(3):  # "envoyer 1000 sapeurs ainsi que 5000 ouvriers": conj → first conjunct
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ == "VERB":
            # the parser often hangs a second object on the verb itself
            return tok, "obj"
    if tok.head.i == tok.i:
        return None, ""
    if tok.dep_ in _NOUN_RELS and not any(c.dep_ == "case" and c.lemma_ == "de"
                                          for c in tok.children):
        return tok.head, "other"
    return tok.head, tok.dep_


def _role_of_verb(gov: Token | None, rel: str, rules: QuantityRules) -> str | None:
    if gov is None or gov.pos_ not in ("VERB", "ADJ", "AUX", "NOUN"):
        return None
    lemmas = rules.lemmas(gov.lemma_.lower())
    if gov.pos_ in ("ADJ", "NOUN") and rel.startswith("nsubj"):
        # a predicate: "50 enfants sont morts", "600 soldats avaient péri", "12 sont blessés"
        return rules.role_of_word(lemmas[0], gov.lower_)
    passive = any(c.dep_ == "aux:pass" for c in gov.children)
    if rel in _PATIENT_RELS or (rel == "nsubj" and passive):
        table = rules.verbs_patient
    elif rel == "nsubj" and gov.pos_ != "NOUN":
        table = rules.verbs_subject
    else:
        return None
    return next((table[lem] for lem in lemmas if lem in table), None)


def _role_of_noun(gov: Token | None, rel: str, rules: QuantityRules) -> str | None:
    if gov is None or gov.pos_ != "NOUN" or rel not in _NOUN_RELS:
        return None
    return rules.role_nouns.get(gov.lower_) or rules.role_nouns.get(gov.lemma_.lower())
