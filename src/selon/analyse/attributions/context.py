"""What the attribution finders share for one document, and what they find."""

from __future__ import annotations

import bisect
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property

from spacy.attrs import LEMMA, ORTH, POS
from spacy.tokens import Doc, Span, Token

from selon.analyse.attributions.lexicon import Cue, Lexicon, norm_word
from selon.analyse.attributions.quotes import Quote, QuoteIndex
from selon.analyse.attributions.speakers import (
    EntityIndex,
    PronounResolver,
    TokRange,
    char_span,
    make_party,
    noun_phrase,
    prefer_name,
    trim,
)
from selon.analyse.extensions import doc_text
from selon.analyse.tokens import is_finite
from selon.model import Party
from selon.model import Span as CharSpan

_PARTICIPLE_ENDINGS = ("ées", "és", "ée", "é")
_MAX_LEAD_WORDS = 8  # words of an adverbial before a quotation ("Après le vote, « ... »")
_MAX_CUE_FORMS = 500_000  # forms kept by Context.cue_tokens before it starts afresh


@dataclass
class Found:
    """An attribution before ids are given: content and cue as character spans."""

    kind: str
    content: CharSpan
    cue: CharSpan | None
    cue_lemma: str | None
    source: Party | None
    stance: str = "assert"
    via: list[Party] = field(default_factory=list)
    anchor: int = 0  # token index of the cue
    phrase: TokRange | None = None  # the "selon X" / "cité par X" tokens, for relays
    opinion: bool = False  # "Pour X, ...": X's view, never a relay
    pronoun: bool = False  # the source was resolved from a pronoun ("a-t-elle dit")
    judged: bool = False  # a noun judged by a participle's agent ("un plan, rejeté par X")


@dataclass
class Context:
    doc: Doc
    lex: Lexicon
    quotes: QuoteIndex
    entities: EntityIndex
    resolver: PronounResolver
    text: str = ""
    times: list[CharSpan] = field(default_factory=list)  # time expressions, sorted
    apposed: set[TokRange] = field(default_factory=set)  # names taken from an apposition

    def __post_init__(self) -> None:
        if not self.text:
            self.text = doc_text(self.doc)
        self._time_starts = [t[0] for t in self.times]
        self._where: dict[Collection[str], list[int]] = {}
        self._cues: dict[frozenset[str], list[int]] = {}

    # Per-document look-ups, computed once: the finders scan every sentence token by token,
    # and a spaCy Token is rebuilt at every ``doc[i]``.

    @cached_property
    def words(self) -> list[str]:
        """``norm_word`` of every token's text, by token index."""
        strings = self.doc.vocab.strings
        return [norm_word(strings[orth]) for orth in self.doc.to_array(ORTH).tolist()]

    @cached_property
    def pos(self) -> list[str]:
        """The part of speech (``pos_``) of every token, by token index."""
        strings = self.doc.vocab.strings
        return [strings[pos] for pos in self.doc.to_array(POS).tolist()]

    def where(self, words: Collection[str], a: int, b: int) -> list[int]:
        """Indices in ``[a, b)`` of the tokens whose word (``norm_word``) is one of
        ``words`` (a frozenset, or one word as a one-item tuple), in order."""
        found = self._where.get(words)
        if found is None:
            found = self._where[words] = [i for i, w in enumerate(self.words) if w in words]
        return found[bisect.bisect_left(found, a):bisect.bisect_left(found, b)]

    def in_time(self, tok: Token) -> bool:
        """Whether ``tok`` is part of a time expression ("fin mars", "le 28 avril")."""
        i = bisect.bisect_right(self._time_starts, tok.idx) - 1
        return i >= 0 and self.times[i][0] <= tok.idx < self.times[i][1]

    def in_quote(self, tok: Token) -> bool:
        return self.quotes.containing(tok.idx) is not None

    def party(self, r: TokRange, *, name: bool = True) -> Party | None:
        r = trim(self.doc, *r)
        if r[0] >= r[1]:
            return None
        if r[1] - r[0] == 1:
            pron = self.pronoun(self.doc[r[0]])
            if pron is None or isinstance(pron, Party):
                return pron
        how = "apposition" if r in self.apposed else None
        if name:
            named = prefer_name(self.doc, r, self.lex)
            how = "apposition" if named != r else how
            r = named
        party = make_party(self.text, char_span(self.doc, r), self.entities)
        party.how = how
        return party

    def pronoun(self, tok: Token) -> Party | bool | None:
        """The person a pronoun stands for; None if unresolved; False if not a pronoun."""
        w = norm_word(tok.text).lstrip("-")
        if w.startswith("qu'"):
            w = w[3:]
        number = self.lex.subject_pronouns.get(w) or self.lex.stressed_pronouns.get(w)
        if number is None:
            return False
        if (subject := self._dislocated(tok)) is not None:
            return subject  # "l'Autorité a, elle, qualifié ...": the subject before
        if number == "plur":
            span = self.resolver.resolve_plural(tok.idx)
        else:
            span = self.resolver.resolve(tok.idx, self.lex.pronoun_gender.get(w))
        if span is None:
            return None
        party = make_party(self.text, span, self.entities)
        # "selon elle", "d'après lui", "pour eux": a stressed pronoun after a preposition
        after_prep = tok.i > 0 and self.doc[tok.i - 1].pos_ == "ADP"
        stressed = w in self.lex.stressed_pronouns and (
            after_prep or w not in self.lex.subject_pronouns)
        party.how = "selon_pronoun" if stressed else "pronoun"
        return party

    def _dislocated(self, tok: Token) -> Party | None:
        """The subject that a pronoun set off by commas after its auxiliary takes up
        again ("l'Autorité a, elle, qualifié ...", "Le ministre a, lui, refusé"), else
        None."""
        doc, i = self.doc, tok.i
        if i < 3 or i + 1 >= len(doc) or doc[i - 1].text != "," or doc[i + 1].text != "," \
                or doc[i - 2].pos_ not in ("AUX", "VERB"):
            return None
        verb = doc[i - 2] if doc[i - 2].head.i == doc[i - 2].i else doc[i - 2].head
        subj = next((c for c in (*verb.children, *tok.head.children)
                     if c.dep_ == "nsubj" and c.i < i - 2 and c.pos_ in ("NOUN", "PROPN")),
                    None)
        if subj is None:
            return None
        r = trim(doc, *noun_phrase(doc, subj, (subj.sent.start, i - 2)))
        if r[0] >= r[1]:
            return None
        return make_party(self.text, self.chars(r), self.entities)

    def cue_of(self, tok: Token) -> Cue | None:
        """The reporting cue whose verb is ``tok``, by lemma (or participle form)."""
        return self._cue(tok.lemma_.lower(), tok.text.lower(), tok.pos_)

    def multiword_at(self, tok: Token) -> Cue | None:
        """The multiword cue whose verb is ``tok`` and whose fixed words follow it
        ("mis en garde", "fait état")."""
        doc = self.doc
        for multi in self.lex.multiword.get(tok.lemma_.lower(), ()):
            n = len(multi.words)
            if tuple(norm_word(t.text) for t in doc[tok.i + 1:tok.i + 1 + n]) == multi.words:
                return multi
        return None

    def cue_tokens(self, a: int, b: int, pos: frozenset[str]) -> list[int]:
        """Indices in ``[a, b)`` of the tokens with a part of speech in ``pos`` whose lemma
        leads a multiword cue or that :meth:`cue_of` takes for a cue: the only tokens a
        cue can start at, found once per document (from arrays, each form looked up
        once) rather than token by token in every sentence."""
        found = self._cues.get(pos)
        if found is None:
            strings = self.doc.vocab.strings
            lemmas = self.doc.to_array(LEMMA).tolist()
            orths = self.doc.to_array(ORTH).tolist()
            may = self.lex.cue_forms
            if len(may) > _MAX_CUE_FORMS:
                may.clear()
            found = []
            for i, p in enumerate(self.pos):
                if p not in pos:
                    continue
                key = (lemmas[i], orths[i], p)
                hit = may.get(key)
                if hit is None:
                    lemma = strings[lemmas[i]].lower()
                    hit = may[key] = lemma in self.lex.multiword or self._cue(
                        lemma, strings[orths[i]].lower(), p) is not None
                if hit:
                    found.append(i)
            self._cues[pos] = found
        return found[bisect.bisect_left(found, a):bisect.bisect_left(found, b)]

    def _cue(self, lemma: str, low: str, pos: str) -> Cue | None:
        cue = self.lex.verb(lemma)
        if cue is None:
            for ending in _PARTICIPLE_ENDINGS:
                if low.endswith(ending):
                    cue = self.lex.verb(low[: -len(ending)] + "er")
                    break
        if cue is None and pos == "VERB" and lemma == low:
            cue = self.lex.present_verb(lemma)  # "montre" left as its own lemma
        return cue

    def quote_inside(self, span: CharSpan) -> list[Quote]:
        return self.quotes.inside(span)

    def reported(self, span: CharSpan) -> tuple[CharSpan, str]:
        """A content and its kind: one quotation (:meth:`whole_quote`) is direct, its words
        inside the marks; reported speech with quoted words anywhere in it is mixed (the
        guide); any other is indirect."""
        quotes = self.quote_inside(span)
        if (inner := self.whole_quote(span, quotes)) is not None:
            return inner, "direct"
        return span, "mixed" if quotes else "indirect"

    def whole_quote(self, span: CharSpan, quotes: list[Quote]) -> CharSpan | None:
        """The words inside the marks when ``span`` is one quotation, or one quotation led
        only by the lexicon's 'quote_leads' ('Mais "..."'): a direct quote."""
        if len(quotes) != 1 or quotes[0].outer[1] != span[1]:
            return None
        lead = self.text[span[0]:quotes[0].outer[0]].split()
        if all(norm_word(w) in self.lex.quote_leads for w in lead) or \
                self._adverbial_lead(span[0], quotes[0].outer[0], len(lead)):
            return quotes[0].inner
        return None

    def _adverbial_lead(self, a: int, b: int, words: int) -> bool:
        """'Après le vote, « ... », a-t-il dit', 'Mais pour autant, « ... »': a short
        adverbial set off by a comma before the quotation, no clause of its own (no finite
        verb, no 'que'), frames the quote and is not part of what is reported."""
        if not 0 < words <= _MAX_LEAD_WORDS or not self.text[a:b].rstrip().endswith(","):
            return False
        toks = self.doc.char_span(a, b, alignment_mode="expand")
        return toks is not None and not any(
            is_finite(t)
            or norm_word(t.text) in self.lex.que_words or t.text in "«»“”\"" for t in toks)

    def chars(self, r: TokRange) -> CharSpan:
        return char_span(self.doc, r)


def sentence_range(sent: Span) -> TokRange:
    return sent.start, sent.end
