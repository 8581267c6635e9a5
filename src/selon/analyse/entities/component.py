"""The selon_entities component: people, organisations and places, with every mention.

It runs right after spaCy's ``ner`` and writes ``doc._.selon_entities``
(``list[Entity]``, ids "e1", "e2", ... in order of first mention):

1. NER mentions, corrected where NER is reliably wrong (``entity_spans``), and the
   outlet and agency of a byline ("Le Journal avec AFP, publié le ...") as organisations;
   names typed ORG by an organisation word or an apposition ("l'armateur danois Maersk");
2. organisations named by a lowercase institution phrase (``entity_nominal``);
3. "Russie-Corée du Nord" split into the names it joins;
4. mentions in boilerplate lines left out;
5. mentions of one entity grouped (``coref``), each entity named by its fullest form.

Mentions never overlap; they leave out articles and role titles but keep "M.", "Mme".
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from selon.analyse.entities.compounds import split_hyphen_compounds
from selon.analyse.entities.coref import Item, cluster
from selon.analyse.entities.nominal import NominalOrgs, type_organisations
from selon.analyse.entities.rules import EntityRules
from selon.analyse.entities.spans import Mention, NerCleaner
from selon.analyse.extensions import doc_text
from selon.model import Entity, Span


class EntitiesComponent:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.rules = EntityRules.for_lang(lang)
        self.cleaner = NerCleaner(self.rules)
        self.nominal = NominalOrgs(self.rules)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        mentions = _with_byline(doc, text, self.cleaner.mentions(doc), self.rules)
        mentions = type_organisations(doc, mentions, self.rules)
        mentions = self.nominal.find(doc, text, mentions)
        mentions = split_hyphen_compounds(doc, mentions, self.rules)
        mentions = _outside(doc, mentions, _boilerplate(doc))
        items = [self._item(doc, text, m) for m in mentions]
        doc._.selon_entities = cluster(items, text, self.rules)
        return doc

    def _item(self, doc: Doc, text: str, m: Mention) -> Item:
        span = m.chars(doc)
        surface = text[span[0]:span[1]]
        return Item(span=span, text=surface, label=m.label, key=self.rules.key(surface),
                    person_cue=m.person_cue, org_cue=m.org_cue)


def _with_byline(doc: Doc, text: str, mentions: list[Mention],
                 rules: EntityRules) -> list[Mention]:
    """The outlet and the agency of a byline among the first lines are organisations;
    they replace the mentions they overlap."""
    head = text[:_line_end(text, rules.byline_lines)]
    found: list[Mention] = []
    for hit in rules.byline.finditer(head):
        for group in ("outlet", "agency"):
            a, b = hit.span(group)
            if a < 0 or not any(c.isupper() or c.isdigit() for c in text[a:b]):
                continue
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is not None and len(span):
                found.append(Mention(span.start, span.end, "ORG", org_cue=True))
    if not found:
        return mentions
    kept = [m for m in mentions if not any(m.start < f.end and f.start < m.end for f in found)]
    return sorted(kept + found, key=lambda m: m.start)


def _line_end(text: str, lines: int) -> int:
    end = -1
    for _ in range(lines):
        end = text.find("\n", end + 1)
        if end < 0:
            return len(text)
    return end


def _boilerplate(doc: Doc) -> list[Span]:
    return [ln.span for ln in doc._.selon_lines or [] if ln.kind == "boilerplate"]


def _outside(doc: Doc, mentions: list[Mention], spans: list[Span]) -> list[Mention]:
    if not spans:
        return mentions
    out: list[Mention] = []
    k = 0
    for m in mentions:  # both sorted: one pass
        s, e = m.chars(doc)
        while k < len(spans) and spans[k][1] <= s:
            k += 1
        if k < len(spans) and spans[k][0] < e:
            continue
        out.append(m)
    return out


def entity_at(doc: Doc, start_char: int, end_char: int) -> Entity | None:
    """The entity with a mention overlapping ``[start_char, end_char)`` the most, if any."""
    best: Entity | None = None
    best_overlap = 0
    for entity in doc._.selon_entities or []:
        for s, e in entity.mentions:
            overlap = min(e, end_char) - max(s, start_char)
            if overlap > best_overlap:
                best, best_overlap = entity, overlap
    return best


@Language.factory("selon_entities", default_config={"lang": "fr"})
def make_entities(nlp: Language, name: str, lang: str) -> EntitiesComponent:
    return EntitiesComponent(lang)
