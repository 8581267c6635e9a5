"""Build the spaCy pipeline for a language and run it over articles."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from selon.analyse import extensions  # noqa: F401
from selon.analyse.attributions import component as _attributions  # noqa: F401
from selon.analyse.entities import component as _entities  # noqa: F401
from selon.analyse.lines import component as _lines  # noqa: F401
from selon.analyse.quantities import component as _quantities  # noqa: F401
from selon.analyse.times import component as _times  # noqa: F401
from selon.errors import ModelError
from selon.model import Analysis, Article
from selon.reconcile import conflicts

MODELS = {"fr": "fr_core_news_md"}

# selon's components, in the order they run after the model's own.
COMPONENTS = ("selon_entities", "selon_quantities", "selon_times", "selon_attributions")


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
    nlp.add_pipe("selon_lines", first=True, config={"lang": lang})
    for component in COMPONENTS:
        nlp.add_pipe(component, config={"lang": lang})
    return nlp


def analyze(articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Analysis]:
    """Analyse articles in order, streaming: one Analysis per Article.

    Articles are read lazily and handed to spaCy in batches, so a corpus is never held
    in memory. Every article must be in a supported language (today: French).
    """
    pending: list[Article] = []

    def docs(nlp: Language) -> Iterator[Doc]:
        for article in articles:
            if article.lang not in MODELS:
                raise ModelError(f"language {article.lang!r} is not supported yet",
                                 source=article.source)
            pending.append(article)
            yield make_doc(nlp, article)

    nlp = load("fr")
    for doc in nlp.pipe(docs(nlp), batch_size=batch_size):
        yield to_analysis(doc, pending.pop(0))


def analyze_one(article: Article) -> Analysis:
    return next(analyze([article]))


def make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.selon_published = article.published
    return doc


def to_analysis(doc: Doc, article: Article) -> Analysis:
    """The records the components left on ``doc``; attributions already list the
    quantities and times inside their content."""
    analysis = Analysis(
        article=article,
        lines=list(doc._.selon_lines or []),
        entities=list(doc._.selon_entities or []),
        attributions=list(doc._.selon_attributions or []),
        quantities=list(doc._.selon_quantities or []),
        times=list(doc._.selon_times or []),
    )
    analysis.conflicts = conflicts.find(analysis)
    return analysis
