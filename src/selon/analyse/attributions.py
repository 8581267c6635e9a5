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

from selon.analyse import extensions  # noqa: F401
from selon.analyse.attrib_context import Context, Found
from selon.analyse.attrib_lexicon import Lexicon, load_lexicon
from selon.analyse.attrib_selon import find_according, find_relays
from selon.analyse.attrib_verbs import find_verbal
from selon.analyse.quotes import QuoteIndex, find_quotes
from selon.analyse.speakers import EntityIndex, PronounResolver, TokRange
from selon.model import Attribution, Span


class AttributionsComponent:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lex: Lexicon = load_lexicon(lang)

    def __call__(self, doc: Doc) -> Doc:
        doc._.selon_attributions = find_attributions(doc, self.lex)
        return doc


@Language.factory("selon_attributions", default_config={"lang": "fr"})
def make_attributions(nlp: Language, name: str, lang: str) -> AttributionsComponent:
    return AttributionsComponent(lang)


def find_attributions(doc: Doc, lex: Lexicon) -> list[Attribution]:
    text = doc.text
    quotes = QuoteIndex(find_quotes(text, lex.quote_pairs))
    entities = EntityIndex(doc._.selon_entities)
    ctx = Context(doc, lex, quotes, entities, PronounResolver(doc, entities, quotes), text)
    skip = _boilerplate(doc)
    found: list[Found] = []
    for sent in doc.sents:
        if skip and _inside(skip, sent.start_char):
            continue
        found.extend(_sentence(ctx, (sent.start, sent.end)))
    return _records(doc, _dedupe(found))


def _sentence(ctx: Context, sent: TokRange) -> list[Found]:
    verbal = find_verbal(ctx, sent)
    for f in verbal:
        if f.source is not None:
            ctx.resolver.note_speaker(ctx.doc[f.anchor].idx, f.source.span)
    according = find_according(ctx, sent)
    relays = find_relays(ctx, sent, [f.phrase for f in according if f.phrase])
    kept: list[Found] = []
    for item in sorted(according + relays, key=lambda f: f.anchor):
        phrase = ctx.chars(item.phrase) if item.phrase else item.content
        hosts = [v for v in verbal if v.source is not None and not _within(phrase, v.content)
                 and not _within(phrase, v.source.span)]
        inside = any(_within(phrase, v.content) for v in verbal)
        if hosts:
            host = min(hosts, key=lambda v: abs(v.anchor - item.anchor))
            if item.source is not None:
                host.via.append(item.source)
            host.via.extend(item.via)
        elif item.kind == "according_to" and not inside:
            kept.append(item)
    return verbal + kept


def _within(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _dedupe(found: list[Found]) -> list[Found]:
    """One attribution per content span (a quote may be reached from two cues)."""
    seen: set[Span] = set()
    out: list[Found] = []
    for f in sorted(found, key=lambda f: (f.content[0], f.anchor)):
        if f.content in seen:
            continue
        seen.add(f.content)
        out.append(f)
    return out


def _records(doc: Doc, found: list[Found]) -> list[Attribution]:
    qty = [(q.span, q.id) for q in doc._.selon_quantities or []]
    times = [(t.span, t.id) for t in doc._.selon_times or []]
    out: list[Attribution] = []
    for n, f in enumerate(found, 1):
        out.append(Attribution(
            id=f"a{n}", kind=f.kind, content=f.content, cue=f.cue, cue_lemma=f.cue_lemma,
            source=f.source, via=f.via, stance=f.stance,
            quantities=[i for s, i in qty if _within(s, f.content)],
            times=[i for s, i in times if _within(s, f.content)],
        ))
    return out


def _boilerplate(doc: Doc) -> list[Span]:
    return sorted(ln.span for ln in doc._.selon_lines or [] if ln.kind == "boilerplate")


def _inside(spans: list[Span], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, 1 << 60)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
