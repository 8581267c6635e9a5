"""Turn an :class:`~selon.model.Analysis` into highlighted text and statement records.

The article text is cut into lines (the analysis's own line classes: body, heading, credit,
boilerplate), and every line into *segments*: the pieces between any two span boundaries.
A segment carries the classes of every span covering it, so nested and overlapping spans
(an entity inside a source inside a quote) need no nesting in the HTML. Nothing here builds
HTML: the templates do, with Jinja2 autoescaping, from these plain records.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from selon.analyse.attributions import trust
from selon.model import Analysis, Attribution, Entity, Party, Quantity, Span, TimeExpr
from selon.store.keys import name_key
from selon.web import i18n
from selon.web.i18n import N_
from selon.web.i18n import gettext as _

# (css class, label) in the order the legend shows them (labels translated where shown).
LEGEND: tuple[tuple[str, str], ...] = (
    ("k-quote", N_("direct quote")),
    ("k-content", N_("reported content (indirect, mixed, « selon »)")),
    ("k-cue", N_("cue (reporting verb, « selon »)")),
    ("k-source", N_("source (who said it)")),
    ("k-via", N_("relay (through whom)")),
    ("k-qty", N_("quantity")),
    ("k-time", N_("time expression")),
    ("k-ent", N_("entity mention")),
)
_KIND_LABELS = {"direct": N_("direct quote"), "indirect": N_("indirect statement"),
                "mixed": N_("mixed statement"), "according_to": N_("« selon » statement")}

# Roles of an attribution's spans, most specific first (a cue inside a quote links the cue).
_ROLE_RANK = {"cue": 0, "source": 0, "via": 0, "content": 1}


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    classes: tuple[str, ...]
    attr: str | None = None  # attribution id, for the spans of a statement
    rank: int = 9
    width: int = 0
    label: str = ""
    entity_key: str | None = None


@dataclass
class Segment:
    """A piece of text and the classes of every span that covers it."""

    text: str
    classes: tuple[str, ...] = ()
    attr: str | None = None  # the statement this piece belongs to (innermost), if any
    anchors: list[str] = field(default_factory=list)  # element ids that start here
    title: str | None = None
    entity_key: str | None = None  # when only an entity covers it: link to its page


@dataclass
class Block:
    """One line of the article: its kind and its segments."""

    kind: str  # body | heading | credit | boilerplate
    segments: list[Segment]
    reason: str | None = None


@dataclass
class Section:
    """Consecutive lines shown together: boilerplate runs are collapsed."""

    boilerplate: bool
    blocks: list[Block]


@dataclass(frozen=True)
class PartyView:
    """A source or relay: the words in the text and the entity they name."""

    text: str
    name: str | None
    key: str | None


@dataclass(frozen=True)
class QuantityView:
    text: str
    value: str | None
    unit: str | None
    approx: bool
    role: str | None


@dataclass(frozen=True)
class TimeView:
    text: str
    type: str
    value: str | None
    mod: str | None


@dataclass
class Record:
    """One statement as shown beside the text: source ← via chain, cue, stance, contents."""

    id: str
    kind: str
    stance: str
    content: str
    source: PartyView | None
    via: list[PartyView]
    cue: str | None
    cue_lemma: str | None
    quantities: list[QuantityView]
    times: list[TimeView]
    entities: list[PartyView]
    span: Span = (0, 0)  # the content's characters
    how: str | None = None  # how the source was found (selon.analyse.attributions.trust)
    confidence: float | None = None
    reason: str = ""  # ``how`` in words
    weak: bool = False
    correction: dict[str, Any] | None = None  # a reader's correction, the originals in it

    @property
    def key(self) -> str:
        """The span a correction names this statement by ("start-end")."""
        k = (self.correction or {}).get("key") or self.span
        return f"{k[0]}-{k[1]}"

    @property
    def chain(self) -> str:
        """"source ← via ← via", innermost first, as the statement travelled."""
        names = [(self.source.name or self.source.text) if self.source else "(no source)"]
        names += [v.name or v.text for v in self.via]
        return " ← ".join(names)


@dataclass
class Rendered:
    """An article ready for the article page."""

    sections: list[Section]
    records: list[Record]
    entities: list[dict[str, Any]]
    counts: dict[str, int]


def _text(analysis: Analysis, span: Span | None) -> str:
    if span is None:
        return ""
    return analysis.article.text[span[0]:span[1]]


def _party(p: Party | None, entities: dict[str, Entity]) -> PartyView | None:
    if p is None:
        return None
    ent = entities.get(p.entity or "")
    name = ent.name if ent else None
    key = name_key(ent.name if ent else p.text) or None
    return PartyView(text=p.text, name=name, key=key)


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:g}"


def _quantity_view(analysis: Analysis, q: Quantity) -> QuantityView:
    value = _number(q.value)
    if value is None and q.lower is not None and q.upper is not None:
        value = f"{_number(q.lower)}–{_number(q.upper)}"
    return QuantityView(text=_text(analysis, q.span), value=value, unit=q.unit,
                        approx=q.approx, role=q.role)


def _time_view(analysis: Analysis, t: TimeExpr) -> TimeView:
    return TimeView(text=_text(analysis, t.span), type=t.type, value=t.value, mod=t.mod)


def records(analysis: Analysis) -> list[Record]:
    """The record of every statement of the article, in text order."""
    entities = {e.id: e for e in analysis.entities}
    qs = {q.id: q for q in analysis.quantities}
    ts = {t.id: t for t in analysis.times}
    out = []
    for at in analysis.attributions:
        lo, hi = at.content
        inside: dict[str, PartyView] = {}
        for e in analysis.entities:
            if any(lo <= m[0] and m[1] <= hi for m in e.mentions):
                inside.setdefault(e.id, PartyView(text=e.name, name=e.name,
                                                  key=name_key(e.name) or None))
        out.append(Record(
            id=at.id, kind=at.kind, stance=at.stance, content=_text(analysis, at.content),
            source=_party(at.source, entities),
            via=[v for v in (_party(p, entities) for p in at.via) if v is not None],
            cue=_text(analysis, at.cue) or None, cue_lemma=at.cue_lemma,
            quantities=[_quantity_view(analysis, qs[i]) for i in at.quantities if i in qs],
            times=[_time_view(analysis, ts[i]) for i in at.times if i in ts],
            entities=list(inside.values()),
            span=at.content, how=at.how, confidence=at.confidence,
            reason=trust.reason(at.how, at.source.text if at.source else None),
            weak=trust.is_weak(at.confidence), correction=at.correction,
        ))
    return out


def _attribution_marks(at: Attribution, entities: dict[str, Entity]) -> list[_Mark]:
    width = at.content[1] - at.content[0]
    kind = "k-quote" if at.kind == "direct" else "k-content"
    label = _(_KIND_LABELS[at.kind]) if at.kind in _KIND_LABELS else at.kind
    if (at.correction or {}).get("not_statement"):
        kind = "k-rejected"  # a reader said it is no statement: shown struck out
    marks = [_Mark(at.content[0], at.content[1], (kind, f"st-{at.stance}"), at.id,
                   _ROLE_RANK["content"], width,
                   f"{label} ({at.id}, {i18n.stance_word(at.stance)})")]
    if at.cue is not None:
        marks.append(_Mark(at.cue[0], at.cue[1], ("k-cue",), at.id, _ROLE_RANK["cue"], width,
                           _("cue of %(id)s", id=at.id)))
    if at.source is not None:
        marks.append(_Mark(at.source.span[0], at.source.span[1], ("k-source",), at.id,
                           _ROLE_RANK["source"], width, _("source of %(id)s", id=at.id)))
    for v in at.via:
        marks.append(_Mark(v.span[0], v.span[1], ("k-via",), at.id, _ROLE_RANK["via"], width,
                           _("relay of %(id)s", id=at.id)))
    return marks


def _marks(analysis: Analysis) -> list[_Mark]:
    entities = {e.id: e for e in analysis.entities}
    marks: list[_Mark] = []
    for at in analysis.attributions:
        marks += _attribution_marks(at, entities)
    for q in analysis.quantities:
        marks.append(_Mark(q.span[0], q.span[1], ("k-qty",),
                           label=_("quantity %(id)s", id=q.id)))
    for t in analysis.times:
        value = f" = {t.value}" if t.value else ""
        marks.append(_Mark(t.span[0], t.span[1], ("k-time",), label=f"{t.type}{value}"))
    for e in analysis.entities:
        for m in e.mentions:
            marks.append(_Mark(m[0], m[1], ("k-ent", f"t-{e.type.lower()}"),
                               label=f"{e.name} ({i18n.type_word(e.type)})",
                               entity_key=name_key(e.name) or None))
    n = len(analysis.article.text)
    return [m for m in marks if 0 <= m.start < m.end <= n]


def _segments(text: str, start: int, end: int, marks: list[_Mark],
              first_of: dict[str, int]) -> list[Segment]:
    inside = [m for m in marks if m.start < end and m.end > start]
    cuts = {start, end}
    for m in inside:
        cuts.add(max(m.start, start))
        cuts.add(min(m.end, end))
    points = sorted(cuts)
    out: list[Segment] = []
    for a, b in itertools.pairwise(points):
        cover = [m for m in inside if m.start <= a and m.end >= b]
        classes: list[str] = []
        for m in cover:
            for c in m.classes:
                if c not in classes:
                    classes.append(c)
        statement = [m for m in cover if m.attr is not None]
        attr = min(statement, key=lambda m: (m.rank, m.width)).attr if statement else None
        ent_key = next((m.entity_key for m in cover if m.entity_key), None)
        anchors = [f"s-{aid}" for aid, at in first_of.items() if at == a]
        out.append(Segment(
            text=text[a:b], classes=tuple(classes), attr=attr, anchors=anchors,
            title=" · ".join(m.label for m in cover if m.label) or None,
            entity_key=ent_key if attr is None else None,
        ))
    for aid in [aid for aid, at in first_of.items() if start <= at < end]:
        del first_of[aid]
    return out


def _line_spans(analysis: Analysis) -> list[tuple[Span, str, str | None]]:
    text = analysis.article.text
    if analysis.lines:
        return [(ln.span, ln.kind, ln.reason) for ln in analysis.lines]
    out: list[tuple[Span, str, str | None]] = []
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            out.append(((pos, pos + len(raw)), "body", None))
        pos += len(raw) + 1
    return out


def render(analysis: Analysis) -> Rendered:
    """The article's lines cut into highlighted segments, its records and entity list."""
    text = analysis.article.text
    marks = _marks(analysis)
    first_of = {at.id: at.content[0] for at in analysis.attributions}
    sections: list[Section] = []
    for span, kind, reason in _line_spans(analysis):
        block = Block(kind=kind, segments=_segments(text, span[0], span[1], marks, first_of),
                      reason=reason)
        boiler = kind == "boilerplate"
        if sections and sections[-1].boilerplate == boiler:
            sections[-1].blocks.append(block)
        else:
            sections.append(Section(boilerplate=boiler, blocks=[block]))
    ents: list[dict[str, Any]] = [
        {"name": e.name, "type": e.type, "key": name_key(e.name), "mentions": len(e.mentions)}
        for e in sorted(analysis.entities, key=lambda e: (-len(e.mentions), e.name))]
    counts = {
        "statements": len(analysis.attributions), "entities": len(analysis.entities),
        "quantities": len(analysis.quantities), "times": len(analysis.times),
        "boilerplate": sum(1 for ln in analysis.lines if ln.kind == "boilerplate"),
    }
    return Rendered(sections=sections, records=records(analysis), entities=ents, counts=counts)


def display_title(title: str | None, text: str, width: int = 90) -> str:
    """The article's title, else its first words (plain-text articles have none)."""
    if title and title.strip():
        return title.strip()
    first = " ".join(text.split())[:width]
    return first + ("…" if len(" ".join(text.split())) > width else "")
