"""Names joined by a hyphen ("le lien Russie-Corée du Nord") split into the names they
join, when each part is a name the article mentions elsewhere."""

from __future__ import annotations

from spacy.tokens import Doc

from selon.analyse.entities.rules import EntityRules
from selon.analyse.entities.spans import Mention


def split_hyphen_compounds(doc: Doc, mentions: list[Mention], rules: EntityRules) -> list[Mention]:
    """ "Lien Russie-Corée du Nord" -> "Russie", "Corée du Nord" when both parts are names
    met elsewhere in the article."""
    known: dict[tuple[str, ...], str] = {}
    for m in mentions:
        known.setdefault(rules.key(doc[m.start:m.end].text), m.label)
    out: list[Mention] = []
    for m in mentions:
        hyphens = [i for i in range(m.start + 1, m.end - 1) if doc[i].text == "-"]
        if not hyphens:
            out.append(m)
            continue
        parts = _known_parts(doc, m, hyphens, known, rules)
        out.extend(parts or [m])
    return out


def _known_parts(doc: Doc, m: Mention, hyphens: list[int], known: dict[tuple[str, ...], str],
                 rules: EntityRules) -> list[Mention]:
    bounds = [m.start, *hyphens, m.end]
    parts: list[Mention] = []
    for n in range(len(bounds) - 1):
        s, e = bounds[n] + (1 if n else 0), bounds[n + 1]
        found = None
        if n == 0:  # longest known suffix of the first part
            for a in range(s, e):
                label = known.get(rules.key(doc[a:e].text))
                if label:
                    found = Mention(a, e, label)
                    break
        else:  # longest known prefix of the others
            for b in range(e, s, -1):
                label = known.get(rules.key(doc[s:b].text))
                if label:
                    found = Mention(s, b, label)
                    break
        if found is None or (n and n < len(bounds) - 2 and found.end != e):
            return []
        parts.append(found)
    return parts
