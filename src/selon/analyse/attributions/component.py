"""The selon_attributions component: who said what, according to whom, through whom.

Sentence by sentence it finds statements led by a reporting verb (``attrib_verbs``) and
"selon X" phrases (``attrib_selon``). A "selon X" or "cité par X" phrase next to a
statement that has its own speaker is a relay (``via``) of that statement, not a second
attribution: "..., a déclaré Choïgou, selon TASS" has source Choïgou, via TASS.
"""

from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc

from selon.analyse.attributions.according_to import aside_quote, find_according, find_relays
from selon.analyse.attributions.chained import find_chained
from selon.analyse.attributions.clause_start import cut_back
from selon.analyse.attributions.colon_quotes import split_colon_quotes
from selon.analyse.attributions.comment import find_comments
from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.continued import closing_quote, continued, continued_quotes
from selon.analyse.attributions.coordinated import coordinated_participles
from selon.analyse.attributions.incise import find_incises
from selon.analyse.attributions.interrupted import drop_spanning, find_interrupted
from selon.analyse.attributions.inverted import find_inverted, find_inverted_clauses
from selon.analyse.attributions.lexicon import Lexicon, load_lexicon, norm_word
from selon.analyse.attributions.nested import settle
from selon.analyse.attributions.nominal import find_nominal
from selon.analyse.attributions.own_cue import drop_own_cue
from selon.analyse.attributions.prepositional import find_prepositional
from selon.analyse.attributions.quote_colon import find_quote_colon, find_speaker_colon
from selon.analyse.attributions.quoted_cues import find_quoted_cues
from selon.analyse.attributions.quotes import CLOSING, QuoteIndex, find_quotes
from selon.analyse.attributions.reading import find_reading
from selon.analyse.attributions.relative import Inner, find_relative
from selon.analyse.attributions.retag import retag_participles
from selon.analyse.attributions.speakers import EntityIndex, PronounResolver, TokRange
from selon.analyse.attributions.split_complements import split_complements
from selon.analyse.attributions.titles import TitleIndex, role_words
from selon.analyse.attributions.trust import confidence, judge
from selon.analyse.attributions.verbs import find_verbal
from selon.analyse.extensions import doc_text
from selon.analyse.tokens import is_finite
from selon.model import Attribution, Party, Span

_MAX_LEAD = 3  # words before a "selon" phrase that still opens the sentence
_MAX_TAIL = 12  # tokens between a reporting clause and the relay phrase after it
_MIN_CONTINUED_WORDS = 4  # a shorter quoted paragraph is a title, not a continued quote
_MIN_HEADING_LETTERS = 8  # fewer capitals may be an acronym or a shout inside a quote


class AttributionsComponent:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lex: Lexicon = load_lexicon(lang)
        self.roles = role_words(lang)

    def __call__(self, doc: Doc) -> Doc:
        doc._.selon_attributions = find_attributions(doc, self.lex, self.roles)
        return doc


@Language.factory("selon_attributions", default_config={"lang": "fr"})
def make_attributions(nlp: Language, name: str, lang: str) -> AttributionsComponent:
    return AttributionsComponent(lang)


def find_attributions(doc: Doc, lex: Lexicon,
                      roles: dict[str, str] | None = None) -> list[Attribution]:
    text = doc_text(doc)
    retag_participles(doc, lex)  # "..., martelant X" read as an adjective
    quotes = QuoteIndex(find_quotes(text, lex.quote_pairs))
    entities = EntityIndex(doc._.selon_entities,
                           TitleIndex(doc, doc._.selon_entities, roles or {}))
    times = sorted(t.span for t in doc._.selon_times or [])
    resolver = PronounResolver(doc, entities, quotes, lex)
    ctx = Context(doc, lex, quotes, entities, resolver, text, times)
    skip = _boilerplate(doc)
    found: list[Found] = []
    inner: list[Inner] = []
    parts = []
    for sent in doc.sents:
        if skip and _inside(skip, sent.start_char):
            continue
        parts.extend(find_interrupted(ctx, (sent.start, sent.end)))
        found.extend(_sentence(ctx, (sent.start, sent.end)))
        mine = find_relative(ctx, (sent.start, sent.end))
        mine += find_nominal(ctx, (sent.start, sent.end))
        mine += find_comments(ctx, (sent.start, sent.end))
        mine += find_chained(ctx, (sent.start, sent.end))
        mine += find_quoted_cues(ctx, (sent.start, sent.end))
        for n in mine:  # "ce qu'a démenti X": X may be the "elle" of the next quote
            if n.found.source is not None:
                ctx.resolver.note_speaker(ctx.doc[n.found.anchor].idx, n.found.source.span)
        inner.extend(mine)
    found = _dedupe(drop_spanning(found, parts))
    found = found + continued_quotes(ctx, [f for f in found if not _inside(skip, f.content[0])])
    found = settle(ctx, found + _continuations(ctx, found, skip), inner)
    found = drop_own_cue(ctx, found, {id(n.found) for n in inner})
    return _records(doc, sorted(found, key=lambda f: (f.content[0], f.anchor)))


def _continuations(ctx: Context, found: list[Found], skip: list[Span]) -> list[Found]:
    """Quote continuation, as the press writes it: a paragraph that is one direct quotation
    and nothing else (or ends on one after a short verbless lead, see ``closing_quote``),
    with no cue of its own, right after a paragraph whose last statement
    is a direct, indirect or mixed quote with a source, is more of that source's words:
    kind direct, no cue, same source and relays. Its lead, if any, holds no statement; a
    paragraph ending on a "selon X" statement, or a source-less one, continues nothing. A
    continued paragraph can be continued in turn."""
    text = ctx.text
    out: list[Found] = []
    stated = sorted(found, key=lambda f: f.content[0])
    starts = [f.content[0] for f in stated]
    last: Found | None = None
    for span, kind in _paragraphs(ctx.doc, text):
        para = _strip(text, *span)
        if para[0] >= para[1] or kind == "boilerplate" or (skip and _inside(skip, para[0])):
            continue
        i = bisect.bisect_left(starts, para[0])
        mine = stated[i:bisect.bisect_left(starts, para[1])]
        q = closing_quote(ctx, para) if kind == "body" else None
        whole = q is not None and (q.outer[1] == para[1] or (
            q.outer[1] == para[1] - 1 and text[para[1] - 1] in ".…"))
        if q is not None and whole and not mine and last is not None \
                and len(text[q.inner[0]:q.inner[1]].split()) >= _MIN_CONTINUED_WORDS \
                and not _capitals(text[q.inner[0]:q.inner[1]]) \
                and not _cue_inside(stated, para):
            cont = Found("direct", q.inner, None, None, continued(last.source), "assert",
                         list(last.via))
            out.append(cont)
            mine = [cont]
        last = mine[-1] if mine and kind == "body" else None
        if last is not None and (last.kind not in ("direct", "indirect", "mixed")
                                 or last.source is None):
            last = None
    return out


def _capitals(words: str) -> bool:
    """A quotation in capital letters on a line of its own: a heading that repeats words of
    the article ('"LE PAYS NE CÉDERA PAS"'), not more of the last speaker's words."""
    letters = [c for c in words if c.isalpha()]
    return len(letters) >= _MIN_HEADING_LETTERS and all(c.isupper() for c in letters)


def _paragraphs(doc: Doc, text: str) -> list[tuple[Span, str]]:
    """The text's lines and their kinds (body, heading, ...), from selon_lines when it ran."""
    lines = doc._.selon_lines
    if lines:
        return sorted((ln.span, ln.kind) for ln in lines)
    out: list[tuple[Span, str]] = []
    pos = 0
    while pos <= len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        out.append(((pos, end), "body"))
        pos = end + 1
    return out


def _strip(text: str, a: int, b: int) -> Span:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _cue_inside(found: list[Found], para: Span) -> bool:
    return any(f.cue is not None and _within(f.cue, para) for f in found)


def _sentence(ctx: Context, sent: TokRange) -> list[Found]:
    verbal = find_verbal(ctx, sent)
    verbal += find_inverted(ctx, sent, {f.anchor for f in verbal})
    verbal += find_inverted_clauses(ctx, sent, {f.anchor for f in verbal})
    verbal += find_incises(ctx, sent, {f.anchor for f in verbal})
    verbal += find_prepositional(ctx, sent, verbal)
    verbal += coordinated_participles(ctx, sent, verbal)
    verbal += find_reading(ctx, sent)
    verbal += find_quote_colon(ctx, sent, verbal)  # « "A" : X a balayé ... »
    verbal += find_speaker_colon(ctx, sent, verbal)  # « X a été clair : "A" »
    cut_back(ctx, verbal)  # « A, a dit X, mais B, a-t-il ajouté »: B
    verbal = split_complements(ctx, verbal)  # « a appelé à "A" et à "B" »: two records
    verbal = split_colon_quotes(ctx, verbal)  # « a estimé que A : "B" »: two records
    for f in verbal:
        if f.source is not None:
            ctx.resolver.note_speaker(ctx.doc[f.anchor].idx, f.source.span)
    according = find_according(ctx, sent)
    relays = find_relays(ctx, sent, [f.phrase for f in according if f.phrase])
    kept = _opinions(ctx, verbal, [f for f in according if f.opinion])
    according = [f for f in according if not f.opinion]
    for item in sorted(according + relays, key=lambda f: f.anchor):
        phrase = item.phrase or (item.anchor, item.anchor + 1)
        chars = ctx.chars(phrase)
        if item.source is not None and item.phrase is not None and \
                aside_quote(ctx, sent, item.anchor, item.phrase[1]) == item.content:
            kept.append(item)  # "A, selon lui « Q », B": no relay of a clause around it
            continue
        opened = next((v for v in verbal if v.source is not None and v.cue is not None
                       and v.content[0] == chars[0] and v.cue[0] >= v.content[1]), None)
        relayed = _relayed_content(ctx, item.content, opened) if item.kind == "according_to" \
            and item.source is not None and opened is not None else None
        if relayed is not None and opened is not None and opened.source is not None:
            # "Selon un rapport, A, a indiqué X": the report's statement that X relays
            item.via = [*item.via, opened.source]
            item.content = relayed
            verbal.remove(opened)
            kept.append(item)
            continue
        hosts = [v for v in verbal if v.source is not None and not _within(chars, v.content)
                 and not _within(chars, v.source.span)]
        host = _host(ctx, sent, phrase, hosts)
        if host is not None:  # with the other quotes of its cue ("« A », « B », a-t-il dit")
            for v in [v for v in verbal if v.anchor == host.anchor]:
                for party in ([item.source] if item.source else []) + item.via:
                    if not _same(party, v.source) and not any(_same(party, w) for w in v.via):
                        v.via.append(party)
        elif item.kind == "according_to" and not any(_within(chars, v.content) for v in verbal) \
                and not any(_same(item.source, v.source) for v in verbal):
            kept.append(item)
            if item.source is not None and ctx.entities.type_at(item.source.span) == "PER":
                # "Selon X, ...": a person speaks, as after a verb (a newspaper or a
                # report cited for a fact is no antecedent of "il a ajouté")
                ctx.resolver.note_speaker(ctx.doc[item.anchor].idx, item.source.span)
    return _outermost(verbal) + kept


def _opinions(ctx: Context, verbal: list[Found], opinions: list[Found]) -> list[Found]:
    """"Pour X, Y": X's view, never a relay. A reporting clause later in the sentence whose
    speaker is a pronoun is X speaking, whoever else the pronoun could stand for; when its
    content is Y ("Pour X, Y, explique-t-elle") the statement takes Y as its content and no
    second record is made. A statement of another, named speaker that holds the phrase
    ("Pour X, Y, a déclaré Z") leaves no record of X."""
    kept: list[Found] = []
    for op in opinions:
        assert op.phrase is not None and op.source is not None
        chars = ctx.chars(op.phrase)
        merged = False
        for v in verbal:
            if not v.pronoun or v.cue is None or v.cue[0] < op.content[0]:
                continue
            v.source = op.source
            if v.content[0] < op.content[1] and v.content[1] > op.content[0]:
                v.content = (max(v.content[0], op.content[0]), v.content[1])
                merged = True
        if not merged and not any(_within(chars, v.content) for v in verbal):
            kept.append(op)
        ctx.resolver.note_speaker(ctx.doc[op.anchor].idx, op.source.span)
    return kept


def _outermost(verbal: list[Found]) -> list[Found]:
    """"a dit espérer que ...", "en disant craindre ...": a cue inside the content of another
    cue of the same speaker is part of that statement, not a second one."""
    return [f for f in verbal if not any(
        g is not f and f.cue is not None and _within(f.cue, g.content)
        and _within(f.content, g.content)  # not a quote that g's content only overlaps
        and _same(f.source, g.source) for g in verbal)]


def _host(ctx: Context, sent: TokRange, phrase: TokRange, hosts: list[Found]) -> Found | None:
    """The statement a "selon X" / "cité par X" phrase relays: the phrase opens the sentence
    before the statement's reporting clause ("Selon TASS, X a déclaré que ..."), stands
    inside that clause ("X, selon TASS, a déclaré ..."), or follows it or its content
    closely ("..., a déclaré X, dans un communiqué, selon TASS"). Anywhere else the phrase
    is an attribution of its own or nothing, never a relay."""
    doc = ctx.doc
    best: tuple[int, Found] | None = None
    lead = sum(1 for t in doc[sent[0]:phrase[0]] if not t.is_punct)
    for v in hosts:
        cue = _tokens(ctx, v.cue) if v.cue else (v.anchor, v.anchor + 1)
        parts = [cue]
        if v.source is not None and sent[0] <= _tokens(ctx, v.source.span)[0] < sent[1]:
            parts.append(_tokens(ctx, v.source.span))
        region = (min(p[0] for p in parts), max(p[1] for p in parts))
        content = _tokens(ctx, v.content)
        while content[1] < sent[1] and doc[content[1]].text in CLOSING:
            content = (content[0], content[1] + 1)  # '... qu'il "n'y a aucun doute", selon X'
        if region[0] <= phrase[0] and phrase[1] <= region[1]:
            dist = 0
        elif lead <= _MAX_LEAD and phrase[1] <= region[0] and phrase[1] <= content[0]:
            dist = region[0] - phrase[1]
        elif _adverbial_clause(ctx, sent, region[0]):
            continue  # "X a fait Y depuis que Z a annoncé W, selon V": V tells X's clause
        elif _coordinated_clause(ctx, sent, phrase):
            continue  # "X a promis A et, selon Y, il n'a rien fait": Y's own statement
        else:
            trailing = _close_tail(doc, phrase[1], sent[1]) and not any(
                t.is_alpha for t in doc[phrase[1]:sent[1]])
            ends = [e for _, e in ([region, content] if trailing else [region]) if e <= phrase[0]]
            if not ends or not _close_tail(doc, max(ends), phrase[0]) or any(
                    t.lower_ in ctx.lex.relative_words for t in doc[max(ends):phrase[0]]):
                continue  # ", une affirmation qui selon X ...": a statement of its own
            dist = phrase[0] - max(ends)
        if best is None or dist < best[0]:
            best = (dist, v)
    return best[1] if best else None


def _coordinated_clause(ctx: Context, sent: TokRange, phrase: TokRange) -> bool:
    """A "selon" phrase right after a coordinating conjunction ("..., et, selon Y, ...")
    that a finite clause follows: it opens a statement of its own, not a relay."""
    doc = ctx.doc
    k = phrase[0] - 1
    while k > sent[0] and doc[k].text == ",":
        k -= 1
    if k <= sent[0] or doc[k].pos_ != "CCONJ" or ctx.in_quote(doc[k]):
        return False
    return any(is_finite(t)
               for t in doc[phrase[1]:sent[1]])


def _adverbial_clause(ctx: Context, sent: TokRange, start: int) -> bool:
    """Whether the reporting clause starting at token ``start`` lies in an adverbial
    clause of the sentence ("depuis que", "alors que", "après que" before it, no comma
    between): a phrase after it belongs to the main clause."""
    doc, lex = ctx.doc, ctx.lex
    for j in range(start - 1, sent[0], -1):
        w = norm_word(doc[j].text)
        if doc[j].text in (",", ";", ":"):
            return False
        if w in lex.que_words and norm_word(doc[j - 1].text) in lex.que_not_after:
            return True
    return False


def _close_tail(doc: Doc, a: int, b: int) -> bool:
    """Few words between a reporting clause and a relay phrase, none a verb or a quote."""
    return b - a <= _MAX_TAIL and not any(
        is_finite(t)
        or t.text in ("«", "»", '"', "“", "”", ";", ":")
        for t in doc[a:b]
    )


def _tokens(ctx: Context, span: Span) -> TokRange:
    s = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
    return (s.start, s.end) if s is not None else (0, 0)


def _same(a: Party | None, b: Party | None) -> bool:
    if a is None or b is None:
        return False
    if a.span == b.span or (a.entity is not None and a.entity == b.entity):
        return True
    return a.text.lower() == b.text.lower()


def _relayed_content(ctx: Context, content: tuple[int, int],
                     clause: Found) -> tuple[int, int] | None:
    """The content of a selon phrase whose statement the inverted reporting ``clause``
    after it relays: up to the end of the clause's own content ("Selon un rapport, A, a
    indiqué X" -> A), or after the clause's speaker when the clause stands between the
    phrase and what it says ("Selon un rapport, a indiqué X, A" -> A); None when nothing
    is left or the clause has no speaker."""
    if clause.source is None or clause.cue is None:
        return None
    if clause.content[1] > content[0]:
        r = (content[0], min(content[1], clause.content[1]))
    else:
        start = max(content[0], clause.cue[1], clause.source.span[1])
        while start < content[1] and ctx.text[start] in " ,":
            start += 1
        r = (start, content[1])
    return r if r[0] < r[1] else None


def _within(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _dedupe(found: list[Found]) -> list[Found]:
    """One attribution per content span (a quote may be reached from two cues), except
    for a reported phrase that two named sources each judge ("un plan, rejeté par X et
    critiqué par Y")."""
    seen: set[tuple[Span, str]] = set()
    out: list[Found] = []
    for f in sorted(found, key=lambda f: (f.content[0], f.anchor)):
        who = f.source.text.lower() if f.judged and f.source is not None else ""
        if (f.content, who) in seen:
            continue
        seen.add((f.content, who))
        out.append(f)
    return out


def _records(doc: Doc, found: list[Found]) -> list[Attribution]:
    qty = [(q.span, q.id) for q in doc._.selon_quantities or []]
    times = [(t.span, t.id) for t in doc._.selon_times or []]
    out: list[Attribution] = []
    for n, f in enumerate(found, 1):
        how = judge(doc, f.source)
        out.append(Attribution(
            id=f"a{n}", kind=f.kind, content=f.content, cue=f.cue, cue_lemma=f.cue_lemma,
            source=f.source, via=f.via, stance=f.stance,
            quantities=[i for s, i in qty if _within(s, f.content)],
            times=[i for s, i in times if _within(s, f.content)],
            how=how, confidence=confidence(how),
        ))
    return out


def _boilerplate(doc: Doc) -> list[Span]:
    return sorted(ln.span for ln in doc._.selon_lines or [] if ln.kind == "boilerplate")


def _inside(spans: list[Span], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, 1 << 60)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
