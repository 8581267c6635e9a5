"""A title that stands for a person named earlier: « le président » after « le président
américain Donald Trump », « le ministre australien du Commerce » after « Simon Birmingham,
le ministre ... ».

Each person mention is read with the role word right before it (« le président américain
X », « le chef de la diplomatie, X ») or right after it (« X, la directrice de ... »);
a source phrase led by a role word then stands for the latest person who carried that
role, the one whose title shares most words with the phrase when several did (none when
both titles have words of their own and share none: « le candidat républicain » is not
« le candidat démocrate X »). The role
words are ``role_titles`` of ``lang/fr/entities.json`` less ``not_antecedent`` of
``lang/fr/roles.json``; feminine forms count as their masculine role.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from selon import lang as langdata
from selon.analyse.attributions.lexicon import norm_word
from selon.model import Entity, Span

_MAX_BEFORE = 8  # words back from a name to the role word of its title
_MAX_AFTER = 6  # words of a title read after ", le ..."
_QUALIFIERS = frozenset({"ADJ", "NOUN", "PROPN"})  # the words that tell two titles apart
_LEAD = 3  # words of a source phrase before its role word (« l'ancien président »)


@dataclass(frozen=True)
class _Titled:
    pos: int  # character offset of the mention
    role: str
    words: frozenset[str]  # the title's other words, to tell two presidents apart
    entity: str


def role_words(lang: str) -> dict[str, str]:
    """Role word -> its masculine role."""
    roles = langdata.load(lang, "roles")
    never = frozenset(roles["not_antecedent"])
    fem: dict[str, str] = roles["feminine"]
    return {w.lower(): fem.get(w.lower(), w.lower())
            for w in langdata.load(lang, "entities")["role_titles"] if w.lower() not in never}


class TitleIndex:
    """The persons of one document by the roles their titles give them."""

    def __init__(self, doc: Doc, entities: list[Entity] | None, roles: dict[str, str]) -> None:
        self.doc = doc
        self.roles = roles
        self._items: list[_Titled] = []
        for e in entities or []:
            if e.type != "PER":
                continue
            for s, t in e.mentions:
                span = doc.char_span(s, t, alignment_mode="expand")
                if span is None:
                    continue
                for role, words in self._titles(span.start, span.end):
                    self._items.append(_Titled(s, role, words, e.id))

    def _titles(self, start: int, end: int) -> list[tuple[str, frozenset[str]]]:
        doc, out = self.doc, []
        j = start - 1
        if j >= 0 and doc[j].text == ",":
            j -= 1  # « le chef de la diplomatie, X »
        words: list[str] = []
        while j >= 0 and start - j <= _MAX_BEFORE and not doc[j].is_punct \
                and doc[j].pos_ not in ("VERB", "AUX"):
            w = norm_word(doc[j].text)
            if w in self.roles:
                out.append((self.roles[w], frozenset(words)))
                break
            if doc[j].pos_ in _QUALIFIERS:
                words.append(w)
            j -= 1
        k = end
        if k + 1 < len(doc) and doc[k].text == ",":
            k += 1
            while k < len(doc) and doc[k].pos_ == "DET":
                k += 1
            if k < len(doc) and norm_word(doc[k].text) in self.roles:
                role = self.roles[norm_word(doc[k].text)]
                after = [norm_word(t.text) for t in doc[k + 1:k + 1 + _MAX_AFTER]
                         if t.pos_ in _QUALIFIERS]
                out.append((role, frozenset(after)))
        return out

    def link(self, span: Span) -> str | None:
        """The person a title phrase at ``span`` stands for, if one carried its role."""
        if not self._items:
            return None
        toks = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        if toks is None:
            return None
        role, rest = None, set()
        for n, t in enumerate(toks):
            w = norm_word(t.text)
            if role is None:
                if w in self.roles:
                    role = self.roles[w]
                elif n >= _LEAD or t.pos_ not in ("DET", "ADJ"):
                    return None
            elif t.pos_ in _QUALIFIERS:
                rest.add(w)
        if role is None or "Plur" in toks[0].morph.get("Number", []):
            return None
        before = [it for it in self._items if it.role == role and it.pos < span[0]]
        if not before:
            return None
        best = max(before, key=lambda it: (len(it.words & rest), it.pos))
        if rest and best.words and not best.words & rest:
            return None  # « le candidat républicain » is not « le candidat démocrate X »
        return best.entity
