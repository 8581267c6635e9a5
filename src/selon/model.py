"""Typed records: what selon reports, each with the character spans it came from.

Spans are ``(start, end)`` Python string offsets into ``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, get_args

Span = tuple[int, int]

# The values an attribution's ``kind`` and ``stance`` take (filters are checked against them).
KindName = Literal["direct", "indirect", "mixed", "according_to"]
StanceName = Literal["assert", "deny", "reject", "admit", "accuse", "fear", "call", "promise",
                     "threaten", "opinion", "qualify"]
KINDS: tuple[str, ...] = get_args(KindName)
STANCES: tuple[str, ...] = get_args(StanceName)


@dataclass
class Article:
    """One input text and what is known about it before analysis."""

    id: str
    text: str
    lang: str = "fr"
    published: date | None = None
    published_from: str = "unknown"  # flag | metadata | html | byline | today | unknown
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    source: str | None = None  # the file name or URL it was read from
    warnings: list[str] = field(default_factory=list)


@dataclass
class Line:
    """A non-empty line of the text and what it is: body, heading, credit or boilerplate."""

    span: Span
    kind: str  # body | heading | credit | boilerplate
    reason: str | None = None
    agency: str | None = None  # for credit lines: the agency named


@dataclass
class Entity:
    """A person, organisation or place, with every mention of it in the article."""

    id: str
    name: str
    type: str  # PER | ORG | LOC | MISC
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Party:
    """Who a statement comes from, or who relayed it: the words in the text and the entity."""

    text: str
    span: Span
    entity: str | None = None  # Entity.id when the words name a known entity
    # How the words were found, when the finder knows it at the point of decision
    # (pronoun, apposition, continued, ...; see selon.analyse.attributions.trust)
    how: str | None = field(default=None, compare=False)


@dataclass
class Attribution:
    """A reported statement: what was said, by whom, through whom, with which cue."""

    id: str
    kind: str  # direct | indirect | mixed | according_to
    content: Span
    cue: Span | None
    cue_lemma: str | None
    source: Party | None
    via: list[Party] = field(default_factory=list)
    stance: str = "assert"  # assert | reject | deny | admit | accuse | fear | ...
    quantities: list[str] = field(default_factory=list)  # Quantity.id inside the content
    times: list[str] = field(default_factory=list)  # TimeExpr.id inside the content
    how: str | None = None  # how the source was found (selon.analyse.attributions.trust)
    confidence: float | None = None  # in [0, 1], from ``how``
    # Set when a reader corrected the record: what changed and the values before
    correction: dict[str, Any] | None = None


@dataclass
class Quantity:
    """A counted amount: "environ 15.000 soldats" is 15000 soldats, approximate."""

    id: str
    span: Span
    value: float | None
    approx: bool = False
    unit: str | None = None
    unit_span: Span | None = None
    lower: float | None = None
    upper: float | None = None
    role: str | None = None  # deployed | sent | killed | wounded | arrested | displaced | ...
    kind: str = "count"  # count | money | percent | measure
    currency: str | None = None
    reason: str | None = None  # why value is None, when it is


@dataclass
class TimeExpr:
    """A time expression, TIMEX3-typed and resolved against the publication date."""

    id: str
    span: Span
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    mod: str | None = None
    reason: str | None = None  # why value is None, when it is


@dataclass
class Conflict:
    """Two attributions of one article that contradict each other, and why."""

    a: str  # Attribution.id of the earlier statement
    b: str  # Attribution.id of the one that contradicts it
    type: str = "contradicts"
    why: str = ""


@dataclass
class Failure:
    """An input that could not become an article or an analysis, and why."""

    input: str  # the file, URL, "file:line N" or record it came from
    reason: str
    article_id: str | None = None  # when the input had become an article already


@dataclass
class Analysis:
    """Everything selon found in one article."""

    article: Article
    lines: list[Line] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def body(self) -> list[Span]:
        return [ln.span for ln in self.lines if ln.kind != "boilerplate"]

    @property
    def credit(self) -> str | None:
        return next((ln.agency for ln in self.lines if ln.kind == "credit" and ln.agency), None)


CorrectionAction = Literal["source", "span", "not_statement", "add"]
CORRECTION_ACTIONS: tuple[str, ...] = get_args(CorrectionAction)


@dataclass
class Correction:
    """A reader's correction of one statement, kept apart from the analysis.

    Keyed by what survives a re-ingest or a re-analysis: the article's id (its content
    hash) and the character span ``key`` of the statement's content as it was shown
    (for ``add``, the span of the new statement). ``after`` holds the new values:
    ``source`` (and ``source_span``), ``span``, or ``span``, ``source`` and ``kind``.
    """

    article_id: str
    key: Span
    action: str  # source | span | not_statement | add
    after: dict[str, Any]
    author: str
    at: str  # ISO time (UTC)
    id: int = 0
    before: dict[str, Any] | None = None
    note: str | None = None
