"""Organisations named by a lowercase institution phrase, which NER misses, and names
typed as organisations by their own words or by a noun in apposition.

"le département d'État américain", "l'état-major général de l'armée ukrainienne",
"le gouvernement français": a head noun from the language data, after a definite
article, with at least one qualifier on its right (an adjective, or "de" + noun or
place). The article is left out. A phrase followed by a name in apposition
("l'agence de presse officielle russe TASS") is left to the name.

A PER or MISC name with an organisation word ("Synergy Shipmanagement", "Parti
communiste chinois"), or a name after or before a trigger noun ("l'armateur danois
Maersk", "Evergreen, la compagnie taïwanaise", "la société Jean Martin") is an ORG.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from selon.analyse.entities.rules import EntityRules, fold, words
from selon.analyse.entities.spans import Mention, is_acronym, is_capitalised

_MAX_DE = 2


class NominalOrgs:
    def __init__(self, rules: EntityRules) -> None:
        self.rules = rules
        firsts = sorted(rules.nominal_firsts, key=len, reverse=True)
        # candidate heads found in the text, not token by token
        self.pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, firsts)) + r")\b",
                                  re.IGNORECASE)

    def find(self, doc: Doc, text: str, mentions: list[Mention]) -> list[Mention]:
        """Nominal ORG mentions, merged into ``mentions`` (sorted, disjoint): a nominal
        phrase absorbs the names inside its qualifiers ("des États-Unis")."""
        owner: dict[int, int] = {}
        for n, m in enumerate(mentions):
            for i in range(m.start, m.end):
                owner[i] = n
        found: list[Mention] = []
        after = 0
        for hit in self.pattern.finditer(text):
            span = doc.char_span(hit.start(), hit.end(), alignment_mode="expand")
            if span is None or span.start < after or span.start in owner:
                continue
            i = span.start
            heads = self.rules.nominal_heads.get(fold(doc[i].text))
            if heads is None:
                continue
            phrase = self._phrase(doc, i, heads, owner, mentions)
            if phrase is not None:
                found.append(phrase)
                after = phrase.end
        if not found:
            return mentions
        absorbed = {owner[i] for m in found for i in range(m.start, m.end) if i in owner}
        kept = [m for n, m in enumerate(mentions) if n not in absorbed]
        return sorted(kept + found, key=lambda m: m.start)

    def _head_end(self, doc: Doc, i: int, heads: tuple[tuple[str, ...], ...]) -> int | None:
        for head in heads:  # longest first: "état-major" before "état"
            j, got = i, 0
            while j < len(doc) and got < len(head):
                w = words(doc[j].text)
                if not w and doc[j].text == "-" and got:
                    j += 1
                    continue
                if w != head[got:got + len(w)] or not w:
                    break
                got += len(w)
                j += 1
            if got == len(head):
                return j
        return None

    def _phrase(self, doc: Doc, i: int, heads: tuple[tuple[str, ...], ...],
                owner: dict[int, int], mentions: list[Mention]) -> Mention | None:
        r = self.rules
        end = self._head_end(doc, i, heads)
        if end is None or not self._definite_before(doc, i):
            return None
        qualifiers = 0
        des = 0
        j = end
        while j < len(doc):
            prev = doc[j - 1]
            if "\n" in prev.whitespace_:
                break
            tok = doc[j]
            if self._qualifying_adj(tok):
                qualifiers += 1
                j += 1
                continue
            if tok.lower_ in r.de_words and des < _MAX_DE and "\n" not in tok.whitespace_:
                k = j + 1
                if k < len(doc) and doc[k].lower_ in r.determiners:
                    k += 1
                if k >= len(doc):
                    break
                target = doc[k]
                if k in owner:
                    m = mentions[owner[k]]
                    if m.start != k or m.label == "PER":
                        break
                    j = m.end
                elif target.pos_ in ("NOUN", "PROPN") and target.is_alpha \
                        and target.lower_ not in r.not_qualifier_nouns \
                        and fold(target.text) not in r.role_titles:
                    j = k + 1
                else:
                    break
                qualifiers += 1
                des += 1
                continue
            break
        if qualifiers == 0:
            return None
        # a name right after: apposition ("l'agence de presse sud-coréenne Yonhap")
        if j < len(doc) and "\n" not in doc[j - 1].whitespace_ and (
                j in owner or (doc[j].pos_ == "PROPN" and is_capitalised(doc[j]))):
            return None
        return Mention(i, j, "ORG", nominal=True)

    def _qualifying_adj(self, tok: Token) -> bool:
        return (tok.pos_ == "ADJ" and tok.text[:1].islower() and tok.lower_ not in
                self.rules.weak_adjectives and "\n" not in tok.text)

    def _definite_before(self, doc: Doc, i: int) -> bool:
        """The head follows a definite article or "du"/"au" (maybe with an adjective)."""
        j = i - 1
        while j >= 0 and doc[j].pos_ == "ADJ" and i - j <= 2:
            j -= 1
        if j < 0:
            return False
        tok = doc[j]
        if tok.lower_ in self.rules.determiners:
            return True
        contraction = tok.lower_ in ("du", "des", "au", "aux")
        return contraction and "Ind" not in tok.morph.get("Definite", [])


def type_organisations(doc: Doc, mentions: list[Mention], rules: EntityRules) -> list[Mention]:
    """Mentions an organisation word or an apposition says are organisations become ORG
    (with ``org_cue``: such a name is not a short form of a person's name); an
    organisation word cut off the name before it is joined to it ("ABC" + "News")."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and m.end - m.start == 1 and prev.end == m.start
                and doc[m.start].text in rules.org_name_words
                and "\n" not in doc[m.start - 1].whitespace_):
            prev.end, prev.label, prev.org_cue = m.end, "ORG", True
            continue
        if _org_evidence(doc, m, rules):
            m.label = "ORG"
            m.org_cue = True
        out.append(m)
    return out


def _org_evidence(doc: Doc, m: Mention, r: EntityRules) -> bool:
    size = m.end - m.start
    if m.label != "LOC" and size >= 2 and any(
            doc[i].text in r.org_name_words for i in range(m.start, m.end)):
        found = True
    else:
        # a person's name only after a noun that never names a person ("la société Jean
        # Martin"), or when it is one word ("l'armateur danois Maersk" tagged PER)
        single = size == 1
        before = _apposition_before(doc, m.start, r)
        if before is not None:
            found = m.label != "PER" or before or single
        else:
            after = _apposition_after(doc, m.end, r)
            found = after is not None and (m.label != "PER" or (after and single))
    return found and words(doc[m.start:m.end].text) not in r.countries


def _apposition_before(doc: Doc, i: int, r: EntityRules) -> bool | None:
    """A trigger noun before token ``i``, maybe with lowercase adjectives between: None
    if there is none, else whether it also makes a person's name an organisation
    ("la société Jean Martin"; only right after an article, not "du groupe")."""
    j = i - 1
    while j >= 0 and i - j <= 3 and doc[j].pos_ in ("ADJ", "NOUN") \
            and doc[j].lower_ not in r.org_apposition and doc[j].text[:1].islower():
        j -= 1
    if j < 0:
        return None
    tok = doc[j]
    persons = r.org_apposition.get(tok.lower_)
    if persons is None or not (tok.text[:1].islower() or is_acronym(tok)) \
            or any("\n" in doc[k].whitespace_ for k in range(j, i)):
        return None
    after_article = j > 0 and doc[j - 1].lower_ in r.determiners and not (
        j > 1 and doc[j - 2].lower_ in r.de_words)
    return persons and after_article


def _apposition_after(doc: Doc, k: int, r: EntityRules) -> bool | None:
    """ "Evergreen, la compagnie taïwanaise", "Maersk (l'armateur danois)": None if there
    is no trigger noun, else whether it also makes a person's name an organisation."""
    if k >= len(doc) or doc[k].text not in (",", "(") or "\n" in doc[k - 1].whitespace_:
        return None
    k += 1
    if k < len(doc) and doc[k].lower_ in r.determiners:
        k += 1
    if k >= len(doc) or not doc[k].text[:1].islower():
        return None
    return r.org_apposition.get(doc[k].lower_)
