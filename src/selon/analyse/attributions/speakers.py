"""Who speaks: noun phrases of sources, proper names in apposition, pronouns, entity links."""

from __future__ import annotations

import bisect
from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from selon.analyse.attributions.lexicon import Lexicon, norm_word
from selon.analyse.attributions.quotes import CLOSING, QuoteIndex
from selon.analyse.attributions.titles import TitleIndex
from selon.analyse.tokens import is_finite, with_labels
from selon.model import Entity, Party, Span

TokRange = tuple[int, int]  # token indices [start, end)

# Right-hand dependents that are not part of a source's noun phrase.
_NOT_NP = frozenset({"acl:relcl", "parataxis", "advcl", "ccomp", "dep"})
_NAME_LABELS = frozenset({"PER", "ORG", "LOC", "MISC"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "appos", "flat:name", "conj"})


def char_span(doc: Doc, r: TokRange) -> Span:
    return (doc[r[0]].idx, doc[r[1] - 1].idx + len(doc[r[1] - 1]))


def trim(doc: Doc, start: int, end: int) -> TokRange:
    """Drop punctuation and spaces at both ends of a token range (may return empty)."""
    while start < end and (doc[start].is_punct or doc[start].is_space) and doc[start].text != "-":
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def noun_phrase(doc: Doc, head: Token, limit: TokRange) -> TokRange:
    """The noun phrase headed by ``head`` within ``limit``, without relative clauses."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    for child in head.rights:
        if child.dep_ in _NOT_NP or (child.dep_ == "acl" and child.pos_ == "VERB") or (
            child.dep_ == "amod" and present_participle(child)
        ):  # "l'homme disant s'appeler Ng": a participial modifier is not the speaker's name
            end = min(end, child.left_edge.i)
            break
    for child in head.lefts:
        if child.dep_ in _NOT_NP:
            start = max(start, child.right_edge.i + 1)
    start, end = max(start, limit[0]), min(end, limit[1])
    while start < end and doc[start].dep_ in ("case", "mark", "cc"):
        start += 1
    start, end = trim(doc, start, end)
    # "l'état-major": the parser sometimes splits a hyphenated word; glue it back.
    while start > limit[0] and start < end and doc[start - 1].whitespace_ == "" and (
        doc[start].text.startswith("-") or doc[start - 1].text.endswith("-")
    ):
        start -= 1
    return start, end


def present_participle(tok: Token) -> bool:
    """"affirmant", "disant": a present participle (or gerund after "en"); also one the
    tagger took for a finite verb with no subject ("..., se moquant de X")."""
    if tok.pos_ != "VERB":
        return False
    if "Part" in tok.morph.get("VerbForm", []):
        return "Pres" in tok.morph.get("Tense", []) or tok.text.lower().endswith("ant")
    return tok.text.lower().endswith("ant") and "Fin" in tok.morph.get("VerbForm", []) and \
        not any(c.dep_.startswith("nsubj") for c in tok.children)


def prefer_name(doc: Doc, r: TokRange, lex: Lexicon) -> TokRange:
    """"l'agence de presse sud-coréenne Yonhap" -> "Yonhap": a trailing name in apposition."""
    start, end = r
    i = end
    while i > start and _is_name(doc[i - 1]):
        i -= 1
    while i < end and not doc[i].text[:1].isupper():
        i += 1
    if i >= end or i == start or (doc[i].ent_iob_ == "I" and _name_entity_starts_before(doc, i)):
        return r
    before = doc[i - 1]
    if norm_word(before.text) in lex.name_stop_before or before.pos_ in ("ADP", "DET"):
        return r
    if not any(t.pos_ == "NOUN" and not _is_name(t) for t in doc[start:i]):
        return r
    return i, end


def _name_entity_starts_before(doc: Doc, i: int) -> bool:
    """Whether token ``i`` continues a name begun earlier ("Corée du Nord"), not a phrase
    the recogniser swept in ("agence Belga")."""
    j = i
    while j > 0 and doc[j].ent_iob_ == "I":
        j -= 1
    return doc[j].text[:1].isupper()


def _is_name(t: Token) -> bool:
    if t.pos_ == "PROPN":
        return True
    if t.ent_type_ in _NAME_LABELS and t.text[:1].isupper():
        return True
    # "Kim Jong-un": pieces inside a name entity
    return t.ent_iob_ == "I" and t.ent_type_ in _NAME_LABELS and t.pos_ in ("PROPN", "PRON", "X")


class EntityIndex:
    """Entity mentions by position, to link a party span to an entity id."""

    def __init__(self, entities: list[Entity] | None, titles: TitleIndex | None = None) -> None:
        items = sorted((m[0], m[1], e.id, e.type) for e in entities or [] for m in e.mentions)
        self._items = items
        self._starts = [it[0] for it in items]
        self._types = {e.id: e.type for e in entities or []}
        self.titles = titles

    def link(self, span: Span) -> str | None:
        """The entity a party's words name: a mention they overlap, else the person a
        title phrase stands for (« le président » after « le président X »)."""
        best = self._best(span)
        if best is not None:
            return best[2]
        return self.titles.link(span) if self.titles is not None else None

    def type_at(self, span: Span) -> str | None:
        """The type (PER, ORG, ...) of the entity whose mention overlaps ``span`` most, or
        that a title phrase stands for."""
        best = self._best(span)
        if best is not None:
            return best[3]
        eid = self.titles.link(span) if self.titles is not None else None
        return self._types.get(eid) if eid is not None else None

    def _best(self, span: Span) -> tuple[int, int, str, str] | None:
        best: tuple[int, int, str, str] | None = None
        best_len = 0
        i = max(bisect.bisect_left(self._starts, span[0]) - 8, 0)
        while i < len(self._items) and self._items[i][0] < span[1]:
            s, e, _, _ = self._items[i]
            ov = min(e, span[1]) - max(s, span[0])
            if ov > best_len:
                best, best_len = self._items[i], ov
            i += 1
        return best

    def persons(self) -> list[Span]:
        return [(s, e) for s, e, _, t in self._items if t == "PER"]


@dataclass
class _Candidate:
    span: Span
    preferred: bool  # a subject or an earlier speaker
    gender: str | None = None  # "Masc" / "Fem" when the words around the name tell
    person: bool = True  # a person's name; else a body named by its noun ("le gouvernement")
    sentence: int = -1  # where a body's sentence starts


@dataclass
class _Speaker:
    pos: int
    span: Span
    person: bool
    gender: str | None
    plural: bool


_MAX_PLURAL_DISTANCE = 600  # characters back to look for what "ils" / "elles" stands for


class PronounResolver:
    """Resolve "il", "-t-elle", "selon lui", "ils" to the most recent fitting antecedent.

    Singular: the latest person who is a subject or was quoted, or the latest quoted
    organisation whose article agrees ("la Russie ... a-t-elle ajouté"); a name whose title,
    article or apposition gives a gender ("Mme", "la directrice") must agree with the
    pronoun. Plural: the latest plural speaker or plural subject ("les syndicats",
    "Fanny et Sophie") not too far back; unresolved otherwise (never "ils").
    """

    def __init__(self, doc: Doc, entities: EntityIndex, quotes: QuoteIndex,
                 lex: Lexicon | None = None) -> None:
        self.doc = doc
        self._replies = lex.reply_verbs if lex is not None else frozenset()
        self._roles = entities.titles.roles if entities.titles is not None else None
        spans = entities.persons() or [(e.start_char, e.end_char) for e in doc.ents
                                       if e.label_ == "PER"]
        self._cands: list[_Candidate] = []
        for s in spans:
            if quotes.containing(s[0]) is not None:
                continue
            tok = doc.char_span(s[0], s[1], alignment_mode="expand")
            if tok is None:
                continue
            preferred = any(
                t.dep_ in ("nsubj", "nsubj:pass") or (t.dep_ in _SUBJECT_DEPS and
                                                      t.head.dep_ in ("nsubj", "nsubj:pass"))
                for t in tok
            ) or (lex is not None and (stands_as_subject(doc, tok.start, tok.end, lex)
                                       or follows_inverted_cue(doc, tok.start, lex)))
            self._cands.append(_Candidate(s, preferred,
                                          gender_of(doc, tok.start, tok.end, self._roles)))
        if lex is not None:
            self._cands.extend(_bodies(doc, quotes, lex, self._cands))
        # a name's gender, told once ("M. Trump"), holds for its other mentions ("Donald Trump")
        self._entities = entities
        self._entity_gender: dict[str, str | None] = {}
        for c in self._cands:
            eid = entities.link(c.span)
            if eid is not None and c.gender is not None:
                known = self._entity_gender.get(eid, c.gender)
                self._entity_gender[eid] = c.gender if known == c.gender else None
        for c in self._cands:
            if c.gender is None:
                c.gender = self._entity_gender.get(entities.link(c.span) or "")
        self._cands.sort(key=lambda c: c.span)
        self._starts = [c.span[0] for c in self._cands]
        self._speakers: list[_Speaker] = []
        self._plural_subjects: list[tuple[Span, bool]] = []  # and whether people or bodies
        for t in doc:
            if t.dep_ in ("nsubj", "nsubj:pass") and t.pos_ in ("NOUN", "PROPN") and \
                    _plural(t) and quotes.containing(t.idx) is None:
                self._plural_subjects.append((char_span(doc, noun_phrase(doc, t, (0, len(doc)))),
                                              lex is None or _agentive(t, lex)))

    def note_speaker(self, pos: int, span: Span) -> None:
        """Remember a source that was just quoted (a good antecedent for later pronouns)."""
        i = bisect.bisect_left(self._starts, span[0])
        person = (i < len(self._cands) and self._cands[i].span[0] < span[1]
                  and self._cands[i].person) or (
            i > 0 and self._cands[i - 1].span[1] > span[0] and self._cands[i - 1].person
        ) or self._entities.type_at(span) == "PER"  # « le président » standing for X
        tok = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        if tok is None or len(tok) == 0:
            return
        gender = gender_of(self.doc, tok.start, tok.end, self._roles) or self._entity_gender.get(
            self._entities.link(span) or "")
        self._speakers.append(_Speaker(pos, span, person, gender, _plural(tok.root)))

    def resolve(self, pos: int, gender: str | None = None) -> Span | None:
        i = bisect.bisect_left(self._starts, pos)
        tok = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        here = tok.sent.start_char if tok is not None and tok[0].text.startswith("-") else -2
        # "X ..., a-t-il dit": a body in the words the inverted clause reports is not "il"
        before = [c for c in self._cands[:i] if _agrees(c.gender, gender, c.person)
                  and (c.person or c.sentence != here)]
        preferred = [c.span for c in before if c.preferred]
        speakers = [s.span for s in sorted(self._speakers, key=lambda s: s.pos)
                    if s.pos < pos and not s.plural and _agrees(s.gender, gender, s.person)]
        if tok is not None and self._replies and self._answers(tok.start):
            # "« ... », a-t-il répondu": whoever answers, not the one who just spoke
            spoke = max(speakers[-1:] + preferred[-1:], key=lambda s: s[0], default=None)
            who = self._entities.link(spoke) if spoke is not None else None
            preferred = [s for s in preferred if s != spoke and (
                who is None or self._entities.link(s) != who)]
            speakers = [s for s in speakers if s != spoke and (
                who is None or self._entities.link(s) != who)]
        options = preferred[-1:] + speakers[-1:]
        if options:
            return max(options, key=lambda s: s[0])
        # no subject or speaker fits: the latest name only if it is known to agree
        before = [c for c in before if c.person]
        last = before[-1] if before else None
        if last is None or (gender is not None and last.gender != gender):
            return None
        return last.span

    def _answers(self, i: int) -> bool:
        """Whether the pronoun at token ``i`` is the subject of a reply verb next to it."""
        for j in (i - 2, i - 1, i + 1, i + 2):
            if 0 <= j < len(self.doc) and self.doc[j].pos_ == "VERB":
                return self.doc[j].lemma_.lower() in self._replies
        return False

    def resolve_plural(self, pos: int) -> Span | None:
        speakers = [s.span for s in sorted(self._speakers, key=lambda s: s.pos)
                    if s.pos < pos and s.plural]
        near = [(s, agent) for s, agent in self._plural_subjects
                if s[1] <= pos and pos - s[1] <= _MAX_PLURAL_DISTANCE]
        # people or bodies before things ("les syndicats ... des manifestations ... ils")
        subjects = [s for s, agent in near if agent] or [s for s, _ in near]
        options = [s for s in speakers[-1:] + subjects[-1:] if pos - s[1] <= _MAX_PLURAL_DISTANCE]
        return max(options, key=lambda s: s[0]) if options else None


_MAX_INCISE = 12  # tokens of an apposition between a subject and its verb


def stands_as_subject(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the words [start, end) stand where a clause's subject stands, read from the
    words rather than the parse (which often hangs a name on a title before it): not led
    by a preposition, and followed by a finite verb group, maybe after an apposition
    between commas: « Le candidat à la mairie Paul Roux a dit », « Anne, infirmière,
    s'interroge », never « hostile à Paul Roux, a dit » nor « a rencontré Paul Roux »."""
    if start > 0 and (doc[start - 1].pos_ in ("ADP", "CCONJ")
                      or norm_word(doc[start - 1].text) in _DE):
        return False  # "à X", "de X", "Y et X": a complement or a conjunct
    j = end
    if j < len(doc) and doc[j].text == ",":
        k = j + 1
        while k < len(doc) and k - j <= _MAX_INCISE and doc[k].text != "," and \
                not doc[k].is_sent_start and not is_finite(doc[k]) and \
                norm_word(doc[k].text) not in lex.relative_words:
            k += 1
        if k >= len(doc) or doc[k].text != "," or k == j + 1:
            return False
        j = k + 1
    for _ in range(3):  # "ne", "n'", "se", "lui": before the verb
        if j < len(doc) and (norm_word(doc[j].text) in lex.object_clitics
                             or norm_word(doc[j].text) in lex.negation):
            j += 1
    return j < len(doc) and is_finite(doc[j]) and not doc[j].is_sent_start


_MAX_INVERTED_GAP = 10  # words between an inverted reporting verb and its subject's name


def follows_inverted_cue(doc: Doc, start: int, lex: Lexicon) -> bool:
    """Whether the name at ``start`` is the subject of a reporting verb inverted after a
    quotation or a comma (« ... », a déclaré à la presse la ministre Anne Morel), even when
    no statement was read there: a speaker, thus a likely antecedent of the next « elle »."""
    if start == 0 or doc[start - 1].pos_ in ("ADP", "CCONJ") or \
            norm_word(doc[start - 1].text) in _DE:
        return False
    j = start - 1
    while j >= 0 and start - j <= _MAX_INVERTED_GAP and doc[j].pos_ != "VERB":
        if doc[j].is_punct or is_finite(doc[j]) or norm_word(doc[j].text) in lex.que_words:
            return False
        j -= 1
    if j < 0 or doc[j].pos_ != "VERB" or lex.verb(doc[j].lemma_.lower()) is None or \
            present_participle(doc[j]):  # "..., citant la politique du gouvernement X"
        return False
    k = j - 1
    while k >= 0 and (doc[k].pos_ in ("AUX", "ADV") or norm_word(doc[k].text) in lex.negation):
        k -= 1
    return k >= 0 and (doc[k].text == "," or doc[k].text in CLOSING)




_DE = frozenset({"de", "d'", "du", "des"})
_MAIN_CLAUSE = frozenset({"ROOT", "conj"})


def _agentive(t: Token, lex: Lexicon) -> bool:
    """Whether a subject noun can name who speaks: a name, a coordination of names, or a
    noun of people or bodies (« les syndicats », « quatre pays »), never a thing or an
    event (« les manifestations », « ses images »)."""
    if t.pos_ == "PROPN" or t.ent_type_ in _NAME_LABELS or t.text[:1].isupper():
        return True
    w, lemma = norm_word(t.text), norm_word(t.lemma_)
    return w in lex.speaker_nouns or lemma in lex.speaker_nouns or \
        w in lex.antecedent_nouns or lemma in lex.antecedent_nouns or any(
            c.dep_ == "conj" and c.pos_ == "PROPN" for c in t.children)


def _bodies(doc: Doc, quotes: QuoteIndex, lex: Lexicon,
            names: list[_Candidate]) -> list[_Candidate]:
    """Singular subjects that are no person's name but may be what « il » or « elle » stands
    for: a body named by its noun (« Le gouvernement français va ... Il a averti ») or an
    organisation or country named as the subject (« la France ... qu'elle estime »).
    Their gender must be told by their article or noun to be chosen."""
    taken = [c.span for c in names]
    out: list[_Candidate] = []
    for i in with_labels(doc, pos=("NOUN", "PROPN"), dep=("nsubj", "nsubj:pass")):
        t = doc[i]
        if _plural(t) or quotes.containing(t.idx) is not None or \
                t.head.dep_ not in _MAIN_CLAUSE:  # "si X achète", "par lequel X désigne"
            continue
        if t.pos_ == "PROPN":
            if t.ent_type_ not in ("ORG", "LOC"):
                continue
        elif not (norm_word(t.lemma_) in lex.speaker_nouns or norm_word(t.text) in
                  lex.speaker_nouns):
            continue
        a, b = t.left_edge.i, t.i + 1
        while b < len(doc) and doc[b].head.i == t.i and doc[b].dep_ in ("amod", "flat:name") \
                and not doc[b].is_punct:
            b += 1
        a, b = trim(doc, a, b)
        while a < b and doc[a].dep_ in ("case", "mark", "cc"):
            a += 1
        if a >= b:
            continue
        span = char_span(doc, (a, b))
        whole = char_span(doc, noun_phrase(doc, t, (t.sent.start, t.sent.end)))
        if any(s[0] < whole[1] and whole[0] < s[1] for s in taken):
            continue  # "le sénateur Rand Paul": the name is the candidate, not its title
        out.append(_Candidate(span, True, _noun_gender(t), person=False,
                              sentence=t.sent.start_char))
    return out


def _agrees(have: str | None, want: str | None, unknown_ok: bool) -> bool:
    if want is None:
        return True
    if have is None:
        return unknown_ok
    return have == want


def _plural(t: Token) -> bool:
    """"les syndicats", "Fanny et Sophie": a plural noun or a coordination of names."""
    if t.pos_ in ("NOUN", "PROPN") and ("Plur" in t.morph.get("Number", []) or any(
        c.dep_ in ("det", "nummod") and "Plur" in c.morph.get("Number", []) for c in t.children
    )):
        return True
    return any(c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") for c in t.children)


_FEM_TITLES = frozenset({"mme", "madame", "mlle"})
_MASC_TITLES = frozenset({"m.", "monsieur"})


def gender_of(doc: Doc, start: int, end: int,
              roles: Collection[str] | None = None) -> str | None:
    """The grammatical gender the words around a name give it: a title ("M.", "Mme"), the
    article or noun it stands in apposition to ("la juge X", "X, la directrice ..."). With
    ``roles``, only a role noun in apposition tells ("Pour X, la cause ..." misparsed as
    an apposition says nothing of X)."""
    if start > 0:
        w = norm_word(doc[start - 1].text)
        if w in _FEM_TITLES:
            return "Fem"
        if w in _MASC_TITLES:
            return "Masc"
    for t in doc[start:end]:
        w = norm_word(t.text)
        if w in _FEM_TITLES:
            return "Fem"
        if w in _MASC_TITLES:
            return "Masc"
    root = doc[start:end].root
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"
             and (roles is None or norm_word(c.text) in roles)]
    if root.pos_ == "NOUN":
        nouns.insert(0, root)
    head = root.head
    if root.dep_ in ("appos", "flat:name", "nmod") and head.pos_ == "NOUN" and head.i < start \
            and not any(c.dep_ == "case" for c in root.children) \
            and not any(t.is_punct for t in doc[head.i + 1:start]) \
            and (roles is None or norm_word(head.text) in roles):
        # "la juge X", not "la visite de X" nor "... certaines dents: X" (X is neither);
        # the name's own apposition ("X, conseiller ...") tells first
        nouns.append(head)
    if root.pos_ == "PROPN":
        dets = [c for c in root.children if c.dep_ == "det" and c.i < start + 1]
        nouns = dets + nouns
    for n in nouns:
        g = _noun_gender(n)
        if g is not None:
            return g
    return None


def _noun_gender(n: Token) -> str | None:
    for c in ([n] if n.pos_ == "DET" else [c for c in n.children if c.dep_ == "det"] + [n]):
        g = c.morph.get("Gender", [])
        if len(g) == 1 and norm_word(c.text) not in ("l'", "les"):
            return g[0]
    return None


def make_party(text: str, span: Span, entities: EntityIndex) -> Party:
    """A party from its span in ``text`` (pass the doc's text once: ``Doc.text`` is rebuilt
    at every access)."""
    return Party(text[span[0]:span[1]], span, entities.link(span))
