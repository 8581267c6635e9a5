"""A stand-in analysis of a real text, cheap and without spaCy, for story benchmarks and
crash tests at the scale of a whole corpus: capitalised word runs as entities, each
quotation in « » as a direct statement of the name just after it. Not selon's analysis:
only records of realistic number and shape over real words."""

from __future__ import annotations

import hashlib
import re
from datetime import date

from selon.model import Analysis, Article, Attribution, Entity, Line, Party

_NAME = re.compile(r"(?<![\w'’])(?:[A-ZÀ-Ý][\w'’-]+)(?:\s+(?:de\s+|du\s+)?[A-ZÀ-Ý][\w'’-]+){0,3}")
_QUOTE = re.compile(r"«\s*([^«»]{12,600}?)\s*»")
_SKIP = frozenset({"Le", "La", "Les", "Un", "Une", "Des", "Il", "Elle", "Ils", "Elles", "Ce",
                   "Cette", "Mais", "Et", "Selon", "Dans", "Pour", "En", "Au", "Aux", "Du",
                   "De", "Si", "On", "Nous", "Je", "L", "D"})


def standin(text: str, *, published: date | None, title: str | None, url: str | None,
            outlet: str | None = None) -> Analysis:
    aid = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    article = Article(id=aid, text=text, published=published,
                      published_from="flag" if published else "unknown", title=title,
                      outlet=outlet, url=url)
    lines = []
    pos = 0
    for part in text.split("\n"):
        if part.strip():
            lines.append(Line((pos, pos + len(part)), "body"))
        pos += len(part) + 1
    entities: dict[str, Entity] = {}
    found = []
    for m in _NAME.finditer(text):
        name = m.group(0)
        if name.split()[0] in _SKIP and len(name.split()) == 1:
            continue
        e = entities.get(name)
        if e is None:
            e = entities[name] = Entity(f"e{len(entities) + 1}", name,
                                        "PER" if len(name.split()) >= 2 else "ORG")
        e.mentions.append(m.span())
        found.append((m.start(), m.end(), e))
    attributions: list[Attribution] = []
    for m in _QUOTE.finditer(text):
        after = next(((s, t, e) for s, t, e in found if s >= m.end() and s - m.end() < 80), None)
        if after is None:
            continue
        s, t, e = after
        attributions.append(Attribution(
            id=f"a{len(attributions) + 1}", kind="direct", content=m.span(1),
            cue=None, cue_lemma=None, source=Party(text[s:t], (s, t), e.id)))
    return Analysis(article=article, lines=lines, entities=list(entities.values()),
                    attributions=attributions)
