"""Build the spaCy pipeline for a language and run it over articles."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from selon.analyse import extensions  # noqa: F401
from selon.analyse.attributions import component as _attributions  # noqa: F401
from selon.analyse.elision import split_quoted_elisions
from selon.analyse.entities import component as _entities  # noqa: F401
from selon.analyse.lines import component as _lines  # noqa: F401
from selon.analyse.quantities import component as _quantities  # noqa: F401
from selon.analyse.spaces import SpaceTokenizer
from selon.analyse.times import component as _times  # noqa: F401
from selon.errors import ModelError
from selon.model import Analysis, Article, Entity, Party, Span
from selon.reconcile import conflicts

MODELS = {"fr": "fr_core_news_md"}

# selon's components, in the order they run after the model's own.
COMPONENTS = ("selon_entities", "selon_quantities", "selon_times", "selon_attributions")

# Texts longer than this are analysed in pieces of at most this many characters, cut at
# paragraph boundaries: spaCy refuses texts over 1,000,000 characters (E088), and its
# memory grows with the length of one Doc (a 0.93 MB text took 3.5 GB). News articles are
# far shorter: the cut only applies to what is hardly one article (a dump, a report).
PIECE_CHARS = 50_000
_CUTS = ("\n\n", "\n", ". ", " ")


@cache
def load(lang: str = "fr") -> Language:
    """Return the full pipeline for ``lang`` (loaded once per process)."""
    name = MODELS.get(lang)
    if name is None:
        raise ModelError(f"language {lang!r} is not supported yet; use one of: {', '.join(MODELS)}")
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"the spaCy model {name!r} is not installed; run 'make run' or "
            f"'pip install -e .' in the project to install the pinned models"
        ) from exc
    split_quoted_elisions(nlp.tokenizer, lang)
    nlp.tokenizer = SpaceTokenizer(nlp.tokenizer)
    nlp.add_pipe("selon_lines", first=True, config={"lang": lang})
    for component in COMPONENTS:
        nlp.add_pipe(component, config={"lang": lang})
    return nlp


def analyze(articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Analysis]:
    """Analyse articles in order, streaming: one Analysis per Article.

    Articles are read lazily and handed to spaCy in batches, so a corpus is never held
    in memory. Every article must be in a supported language (today: French). A text
    longer than :data:`PIECE_CHARS` is analysed piece by piece (:func:`analyze_long`).
    """
    pending: list[Article] = []

    def docs(nlp: Language) -> Iterator[Doc]:
        for article in articles:
            if article.lang not in MODELS:
                raise ModelError(f"language {article.lang!r} is not supported yet",
                                 source=article.source)
            pending.append(article)
            if len(article.text) > PIECE_CHARS:
                yield _placeholder(nlp)  # keeps the order; analysed apart, below
            else:
                yield make_doc(nlp, article)

    nlp = load("fr")
    for doc in nlp.pipe(docs(nlp), batch_size=batch_size):
        article = pending.pop(0)
        if len(article.text) > PIECE_CHARS:
            yield analyze_long(nlp, article)
        else:
            yield to_analysis(doc, article)


def analyze_one(article: Article) -> Analysis:
    return next(analyze([article]))


def make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.selon_published = article.published
    doc._.selon_text = article.text  # what doc.text would join again from the tokens
    return doc


def to_analysis(doc: Doc, article: Article, *, with_conflicts: bool = True) -> Analysis:
    """The records the components left on ``doc``; attributions already list the
    quantities and times inside their content. ``with_conflicts=False`` leaves the
    conflicts out (a piece of a long text: they are found once for the whole)."""
    analysis = Analysis(
        article=article,
        lines=list(doc._.selon_lines or []),
        entities=list(doc._.selon_entities or []),
        attributions=list(doc._.selon_attributions or []),
        quantities=list(doc._.selon_quantities or []),
        times=list(doc._.selon_times or []),
    )
    if with_conflicts:
        analysis.conflicts = conflicts.find(analysis)
    return analysis


# -- long texts ----------------------------------------------------------------------------


def _placeholder(nlp: Language) -> Doc:
    return nlp.make_doc("")


def pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces covering ``text``, each at most ``size``
    characters, cut after the last paragraph break (else line break, sentence end, space)
    in the second half of the window; a hard cut only when there is none."""
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        for mark in _CUTS:
            at = text.rfind(mark, start + size // 2, end - len(mark) + 1)
            if at != -1:
                end = at + len(mark)
                break
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


def analyze_long(nlp: Language, article: Article) -> Analysis:
    """Analyse a long text one piece at a time (memory bounded by one piece) and merge
    the records, their spans shifted to the offsets of the whole text.

    Entities with the same name and type in several pieces become one entity; record ids
    are numbered across the whole text (``e1``, ``a1``, ``q1``, ``t1``, ...).
    """
    merged = Analysis(article=article)
    entity_of: dict[tuple[str, str], Entity] = {}
    for start, end in pieces(article.text, PIECE_CHARS):
        part = replace(article, text=article.text[start:end])
        doc = next(iter(nlp.pipe([make_doc(nlp, part)])))
        _merge(merged, to_analysis(doc, part, with_conflicts=False), start, entity_of)
        del doc
    for e in merged.entities:
        e.mentions.sort()
    merged.conflicts = conflicts.find(merged)
    return merged


def _shift(span: Span, by: int) -> Span:
    return (span[0] + by, span[1] + by)


def _merge(into: Analysis, piece: Analysis, by: int,
           entity_of: dict[tuple[str, str], Entity]) -> None:
    into.lines.extend(replace(ln, span=_shift(ln.span, by)) for ln in piece.lines)
    entity_ids: dict[str, str] = {}
    for e in piece.entities:
        target = entity_of.get((e.name, e.type))
        if target is None:
            target = Entity(id=f"e{len(into.entities) + 1}", name=e.name, type=e.type)
            entity_of[(e.name, e.type)] = target
            into.entities.append(target)
        target.mentions.extend(_shift(m, by) for m in e.mentions)
        entity_ids[e.id] = target.id
    quantity_ids: dict[str, str] = {}
    for q in piece.quantities:
        quantity_ids[q.id] = f"q{len(into.quantities) + 1}"
        into.quantities.append(replace(
            q, id=quantity_ids[q.id], span=_shift(q.span, by),
            unit_span=_shift(q.unit_span, by) if q.unit_span else None))
    time_ids: dict[str, str] = {}
    for t in piece.times:
        time_ids[t.id] = f"t{len(into.times) + 1}"
        into.times.append(replace(t, id=time_ids[t.id], span=_shift(t.span, by)))

    def party(p: Party) -> Party:
        return replace(p, span=_shift(p.span, by),
                       entity=entity_ids.get(p.entity) if p.entity else None)

    for a in piece.attributions:
        into.attributions.append(replace(
            a, id=f"a{len(into.attributions) + 1}", content=_shift(a.content, by),
            cue=_shift(a.cue, by) if a.cue else None,
            source=party(a.source) if a.source else None, via=[party(v) for v in a.via],
            quantities=[quantity_ids[i] for i in a.quantities if i in quantity_ids],
            times=[time_ids[i] for i in a.times if i in time_ids]))
