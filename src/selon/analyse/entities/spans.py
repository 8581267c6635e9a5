"""Mentions from spaCy's NER, corrected where it is reliably wrong.

Every correction works on tokens of one entity and its neighbours: cut at line
breaks, articles and role titles stripped ("le président russe Vladimir Poutine"
-> "Vladimir Poutine"), "région de Koursk" -> "Koursk", names cut short extended
("Kim Jong" + "Un"), capitalised common words at the start of a sentence or a
heading dropped ("Soldat", "La guerre"), demonyms ("Américains") dropped, number
words opening a mention left out ("Sept Français"), single characters, numbers and
unit symbols ("C" of "2 °C") dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from selon.analyse.entities.rules import EntityRules, fold, words

_OPENERS = frozenset("«\"“‘'([-–—•*")
_COMMON_POS = frozenset({"NOUN", "ADJ", "VERB", "ADV", "ADP", "DET", "PRON", "AUX", "CCONJ",
                         "SCONJ", "NUM", "INTJ"})
_FUNCTION_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PRON", "AUX", "VERB", "ADV"})
_MAX_PER_TOKENS = 5


@dataclass
class Mention:
    """One mention: token range ``[start, end)`` of the doc and its label."""

    start: int
    end: int
    label: str
    person_cue: bool = False  # a title or role says it is a person
    org_cue: bool = False  # its name or an apposition says it is an organisation
    nominal: bool = False  # a lowercase institution phrase, not a name
    doubtful: bool = False  # a capitalised common word? kept only if the name recurs

    def chars(self, doc: Doc) -> tuple[int, int]:
        return doc[self.start].idx, doc[self.end - 1].idx + len(doc[self.end - 1].text)


def is_title_case(tok: Token) -> bool:
    text = tok.text
    return text[:1].isupper() and not text.isupper() if len(text) > 1 else text.isupper()


def is_acronym(tok: Token) -> bool:
    return len(tok.text) > 1 and tok.is_alpha and tok.text.isupper()


def is_capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper()


def line_or_sentence_start(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens its sentence or line, maybe after quotes or a dash."""
    j = i - 1
    while j >= 0 and (doc[j].text in _OPENERS or doc[j].is_space):
        if "\n" in doc[j].text or "\n" in doc[j].whitespace_:
            return True
        j -= 1
    if j < 0 or "\n" in doc[j].whitespace_:
        return True
    return bool(doc[j + 1].is_sent_start)


def _heading_start(doc: Doc, i: int, headings: set[int]) -> bool:
    """Whether token ``i`` is the first word of a heading line (after quotes or dashes)."""
    j = i
    while j > 0 and doc[j - 1].text in _OPENERS and "\n" not in doc[j - 1].whitespace_:
        j -= 1
    return doc[j].idx in headings


def _pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Cut ``[start, end)`` at line breaks."""
    out: list[tuple[int, int]] = []
    s = start
    for i in range(start, end):
        tok = doc[i]
        if tok.is_space:
            if s < i:
                out.append((s, i))
            s = i + 1
        elif "\n" in tok.whitespace_:
            out.append((s, i + 1))
            s = i + 1
    if s < end:
        out.append((s, end))
    return out


class NerCleaner:
    """Turns ``doc.ents`` into corrected mentions."""

    def __init__(self, rules: EntityRules) -> None:
        self.rules = rules

    def mentions(self, doc: Doc) -> list[Mention]:
        out: list[Mention] = []
        for ent in doc.ents:
            for start, end in _pieces(doc, ent.start, ent.end):
                m = self._clean(doc, Mention(start, end, ent.label_))
                if m is not None:
                    out.append(m)
        return self._in_context(doc, _merge_adjacent_persons(doc, out))

    def _in_context(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Corrections that need the other mentions of the article:
        "L'Italie" -> "Italie" when "Italie" is met elsewhere; "AFP Iouri" -> "AFP" + "Iouri";
        a heading's first word met nowhere else ("- Morgues pleines en Inde -") dropped."""
        r = self.rules
        keys: dict[tuple[str, ...], list[Mention]] = {}
        for m in mentions:
            keys.setdefault(r.key(doc[m.start:m.end].text), []).append(m)
        sure = {k for k, ms in keys.items() if any(not m.doubtful for m in ms)}
        mentions = [m for m in mentions
                    if not m.doubtful or r.key(doc[m.start:m.end].text) in sure]
        headings = {ln.span[0] for ln in doc._.selon_lines or [] if ln.kind == "heading"}
        out: list[Mention] = []
        for m in mentions:
            first = doc[m.start]
            rest_key = r.key(doc[m.start + 1:m.end].text) if m.end - m.start > 1 else ()
            if fold(first.text) in r.determiners and is_capitalised(first) and rest_key and (
                    rest_key in keys or words(doc[m.start + 1:m.end].text) in r.countries):
                m.start += 1
            elif is_acronym(first) and rest_key and is_title_case(doc[m.start + 1]) \
                    and r.key(first.text) in keys:
                known = keys[r.key(first.text)][0]
                out.append(Mention(m.start, m.start + 1, known.label))
                m.start += 1
                m.label = "PER"
            elif m.end - m.start == 1 and len(keys[r.key(first.text)]) == 1 \
                    and _heading_start(doc, m.start, headings) and m.label != "ORG":
                continue
            out.append(m)
        return out

    def _clean(self, doc: Doc, m: Mention) -> Mention | None:
        r = self.rules
        # leading and trailing punctuation and spaces
        while m.start < m.end and (doc[m.start].is_punct or doc[m.start].is_space):
            m.start += 1
        while m.start < m.end and ((doc[m.end - 1].is_punct and doc[m.end - 1].text != ".")
                                   or doc[m.end - 1].is_space):
            m.end -= 1
        if m.start >= m.end or not self._strip_number_words(doc, m):
            return None
        self._strip_function_words(doc, m)
        if not self._strip_common_start(doc, m):
            return None
        self._strip_apposition_noun(doc, m)
        self._strip_function_words(doc, m)
        if not self._strip_role_title(doc, m):
            return None
        self._strip_place_noun(doc, m)
        text = doc[m.start:m.end].text
        if text in r.never_entity or text in r.mention_titles or len(text) == 1 \
                or text in r.unit_symbols or not any(c.isalpha() for c in text):
            return None  # "C" of "2 °C", "204.486"
        key = words(text)
        if " ".join(key) in r.never_alone or key in r.demonyms or self._people(doc, m):
            return None
        if not any(is_capitalised(t) or t.text[:1].isdigit() for t in doc[m.start:m.end]):
            return None
        if m.doubtful and not is_capitalised(doc[m.start]):
            return None
        self._retype(doc, m)
        if m.label == "PER":
            self._extend_person(doc, m)
        return m

    def _is_number_word(self, tok: Token) -> bool:
        parts = fold(tok.text).split("-")
        return parts[0] in self.rules.number_words and all(
            p in self.rules.number_words or p in ("et", "un", "une") for p in parts)

    def _strip_number_words(self, doc: Doc, m: Mention) -> bool:
        """ "Sept Français", "Cent-cinq Etats": number words opening a mention are left out,
        not "Deux-Sèvres". False: nothing is left."""
        i = m.start
        while i < m.end and self._is_number_word(doc[i]):
            if not doc[i].whitespace_ and i + 1 < m.end:
                if i + 2 < m.end and doc[i + 1].text == "-" and self._is_number_word(doc[i + 2]):
                    i += 2
                    continue
                return True  # glued to a name: "Deux-Sèvres"
            i += 1
        if i >= m.end:
            return False
        m.start = i
        return True

    def _strip_apposition_noun(self, doc: Doc, m: Mention) -> None:
        """ "compagnie Evergreen" -> "Evergreen" (typed ORG by ``type_organisations``)."""
        r = self.rules
        first = doc[m.start]
        if not first.text[:1].islower() or first.lower_ not in r.org_apposition:
            return
        for i in range(m.start + 1, min(m.end, m.start + 4)):
            if is_capitalised(doc[i]):
                m.start = i
                return
            if doc[i].pos_ not in ("ADJ", "NOUN"):
                return

    def _strip_common_start(self, doc: Doc, m: Mention) -> bool:
        """A capitalised common word opening a sentence or heading is not a name:
        drop "Soldat", "La guerre"; keep "Russie" of "Lien Russie-...". False: drop all."""
        r = self.rules
        first = doc[m.start]
        if not line_or_sentence_start(doc, m.start):
            return True
        if first.text in r.never_entity:
            if m.end - m.start == 1:
                return False
            m.start += 1
            return self._strip_common_start(doc, m)
        if first.pos_ in _COMMON_POS and first.pos_ != "DET" and m.end - m.start == 1 \
                and not is_acronym(first):
            m.doubtful = True  # "Soldat" or a name the tagger took for a noun
            return True
        if (first.pos_ == "PROPN" or is_acronym(first) or first.text in r.mention_titles
                or fold(first.text) in r.org_heads or fold(first.text) in r.role_titles
                or first.pos_ not in _COMMON_POS):
            return True
        rest = doc[m.start + 1:m.end]
        if not any(is_capitalised(t) for t in rest):
            m.doubtful = True  # "La guerre"
            return True
        if first.pos_ == "DET":
            # "Les Etats-Unis" -> "Etats-Unis", but "Le Monde" stays
            if words(rest.text) in r.countries:
                m.start += 1
            return True
        m.start += 1
        return True

    def _strip_function_words(self, doc: Doc, m: Mention) -> None:
        r = self.rules
        # lowercase articles and prepositions: "la Russie", "de Los Angeles"
        while m.end - m.start > 1 and doc[m.start].text.islower() and (
                doc[m.start].text in r.determiners or (doc[m.start].pos_ in _FUNCTION_POS
                and doc[m.start].whitespace_)):
            m.start += 1
        # trailing function words and times: "ministère de la Justice de", "Bourse mardi soir"
        while m.end - m.start > 1 and doc[m.end - 1].text.islower() \
                and doc[m.end - 2].whitespace_ and (
                    doc[m.end - 1].pos_ in _FUNCTION_POS or doc[m.end - 1].text in r.de_words
                    or doc[m.end - 1].text in r.not_qualifier_nouns):
            m.end -= 1

    def _people(self, doc: Doc, m: Mention) -> bool:
        """ "les Hongkongais", "Africo-américain": a people, not a place."""
        r = self.rules
        text = doc[m.start:m.end].text
        last = text[text.rfind("-") + 1:]
        if "-" in text and last.islower() and words(last) in r.demonyms:
            return True
        if m.end - m.start != 1 or m.label == "PER":
            return False
        tok = doc[m.start]
        after_article = m.start > 0 and doc[m.start - 1].lower_ in r.plural_articles
        return ((tok.pos_ == "NOUN" or after_article)
                and tok.text.endswith(r.demonym_suffixes) and words(tok.text) not in r.countries)

    def _strip_role_title(self, doc: Doc, m: Mention) -> bool:
        """ "Premier ministre Boris Johnson" -> "Boris Johnson" (a person); a mention that is
        only a role ("ministre de l'Intérieur") is dropped. False: drop."""
        r = self.rules
        if fold(doc[m.start].text) not in r.role_titles:
            return True
        for i in range(m.start + 1, m.end):
            tok = doc[i]
            if (tok.pos_ == "PROPN" and is_capitalised(tok)
                    and fold(tok.text) not in r.role_titles
                    and all(is_capitalised(t) or t.text in r.name_particles or t.text == "-"
                            for t in doc[i:m.end])):
                m.start = i
                m.label = "PER"
                m.person_cue = True
                return True
        return False

    def _strip_place_noun(self, doc: Doc, m: Mention) -> None:
        """ "région de Koursk" -> "Koursk"."""
        r = self.rules
        if m.label != "LOC" or m.end - m.start < 3 or fold(doc[m.start].text) not in r.place_nouns:
            return
        nxt = m.start + 1
        while nxt < m.end - 1 and doc[nxt].pos_ == "ADJ" and doc[nxt].text.islower():
            nxt += 1  # "région semi-autonome de Hong Kong"
        if doc[nxt].lower_ not in r.de_words or nxt + 1 >= m.end:
            return
        nxt += 1
        if doc[nxt].lower_ in r.determiners and nxt + 1 < m.end:
            nxt += 1
        if is_capitalised(doc[nxt]):
            m.start = nxt

    def _retype(self, doc: Doc, m: Mention) -> None:
        r = self.rules
        first = doc[m.start]
        if first.text in r.mention_titles:
            m.label = "PER"
            m.person_cue = True
            return
        if m.label == "PER" and m.end - m.start == 1 and is_acronym(first):
            m.label = "ORG"  # people are not written in capitals: "KCDC"
            return
        if m.label != "PER" and fold(first.text) in r.org_heads:
            m.label = "ORG"
            return
        # a role just before: "le Premier ministre grec Kyriakos Mitsotakis"
        j = m.start - 1
        steps = 0
        while j >= 0 and steps < 3 and doc[j].pos_ == "ADJ" and doc[j].text.islower():
            j -= 1
            steps += 1
        if j >= 0 and fold(doc[j].text) in r.role_titles and all(
                is_capitalised(t) for t in doc[m.start:m.end]) and m.label != "ORG":
            m.label = "PER"
            m.person_cue = True
        elif m.start > 0 and doc[m.start - 1].text in r.mention_titles \
                and not doc[m.start - 1].whitespace_.count("\n"):
            m.start -= 1
            m.label = "PER"
            m.person_cue = True

    def _extend_person(self, doc: Doc, m: Mention) -> None:
        """ "Kim Jong" + "Un": take following name words the NER left out."""
        r = self.rules
        while m.end < len(doc) and m.end - m.start < _MAX_PER_TOKENS:
            prev, tok = doc[m.end - 1], doc[m.end]
            if "\n" in prev.whitespace_ or (not prev.whitespace_ and prev.text != "-"):
                return
            if tok.ent_iob_ == "B" and tok.ent_type_ != "PER":
                return
            if is_title_case(tok) and tok.is_alpha and (tok.text in r.name_particles or (
                    tok.text not in r.never_entity and fold(tok.text) not in r.role_titles
                    and tok.pos_ in ("PROPN", "X"))):
                m.end += 1
            else:
                return


def _merge_adjacent_persons(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Two PER mentions side by side ("Kim Jong" "Un") are one; the extension may
    also have run into the next mention: keep mentions disjoint."""
    out: list[Mention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            prev = out[-1]
            if m.end > prev.end:
                prev.end = m.end
            continue
        if out and out[-1].label == "PER" and m.label == "PER" and out[-1].end == m.start \
                and "\n" not in doc[m.start - 1].whitespace_:
            out[-1].end = m.end
            continue
        out.append(m)
    return out
