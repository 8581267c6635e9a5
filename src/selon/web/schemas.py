"""The request and response models of the JSON API (they make its OpenAPI schema)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.json_schema import SkipJsonSchema


class ErrorDetail(BaseModel):
    code: str = Field(description="A stable, machine-readable code, e.g. not_found.")
    message: str = Field(description="What went wrong and what to do, for a person.")


class ErrorBody(BaseModel):
    """The one error shape of the API."""

    error: ErrorDetail


# -- models --------------------------------------------------------------------------------


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    credit: str | None
    lang: str | None
    url: str | None
    duplicate_of: str | None
    opening: str | None = Field(description="The first body line (plain texts have no title).")
    statements: int


class ArticleList(BaseModel):
    items: list[ArticleSummary]
    total: int = Field(description="Articles matching the filters, all pages together.")
    limit: int
    offset: int
    warnings: list[str] = Field(default_factory=list,
                                description="E.g. a date range that cannot match.")


class SearchHit(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    duplicate_of: str | None
    url: str | None = None
    score: float | None = Field(description="BM25 score; null when the search index is absent.")
    snippet: str
    highlights: list[list[int]] = Field(
        default_factory=list, description="[start, end] character ranges of the matched "
                                          "words in the snippet.")


class SearchResults(BaseModel):
    query: str
    items: list[SearchHit]
    total: int = Field(description="Articles matching the query, all pages together.")
    statements: int = Field(0, description="Statements whose content matches the query "
                                           "(with the same filters).")
    limit: int
    offset: int
    warnings: list[str] = Field(default_factory=list,
                                description="What the query was read as, when not as typed.")


class ClaimList(BaseModel):
    items: list[dict[str, Any]] = Field(
        description="Attributions: article_id, title, outlet, published, url, permalink "
                    "(the article page at the statement), id, kind, stance, "
                    "source {text, span, entity, name}, via [{text, span, entity}], "
                    "cue {text, span, lemma}, content {text, span}, how (how the source "
                    "was found), confidence (0 to 1), correction (when a reader corrected it: "
                    "actions, by, at, original).")
    total: int = Field(description="Statements matching the filters, all pages together.")
    sort: str = "newest"
    limit: int
    offset: int
    warnings: list[str] = Field(default_factory=list,
                                description="E.g. a date range that cannot match.")


class EntityRow(BaseModel):
    id: str = Field(description="The canonical entity's id (the name key when unresolved).")
    key: str
    name: str
    type: str
    spellings: list[str] = Field(description="Names of its members, most frequent first.")
    types: list[str] = Field(description="Types the analysis gave its members.")
    canonical: bool = Field(description="Whether it is a canonical entity of the store.")
    cited: int = Field(description="Articles mentioning it.")
    quoted: int = Field(description="Statements with it as source.")


class EntityList(BaseModel):
    items: list[EntityRow]
    total: int = Field(description="Entities matching the filters, all pages together.")
    limit: int
    offset: int


class SourcesGraph(BaseModel):
    nodes: list[dict[str, Any]] = Field(description="id, label, column (0 source, 1 relay, "
                                                    "2 outlet), count, stances, others (for "
                                                    "the node 'others:<column>': how many "
                                                    "nodes it gathers, else 0).")
    edges: list[dict[str, Any]] = Field(description="source, target (node ids), count.")
    tree: list[dict[str, Any]] = Field(description="outlet ← relay ← source, nested.")
    sources: list[dict[str, Any]] = Field(description="Per source: count, stances, relays.")


class Timeline(BaseModel):
    statements: list[dict[str, Any]] = Field(description="At their article's date; "
                                             "lane: the speaker's name.")
    events: list[dict[str, Any]] = Field(description="Dated time expressions inside the "
                                         "statements, at the date they refer to.")
    per_day: list[dict[str, Any]]
    lanes: list[str] = Field(description="Speakers with a lane, most statements first (the "
                             "last one may gather the other sources).")
    published: dict[str, str] | None = Field(description="first and last publication date "
                                             "of these statements' articles.")


class TextIn(BaseModel):
    """An article given in the request: its text or its HTML, and optional metadata."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "oneOf": [{"required": ["text"]}, {"required": ["html"]}]})

    text: str | SkipJsonSchema[None] = Field(None, pattern=r"\S",
                                             description="Plain text of the article.")
    html: str | SkipJsonSchema[None] = Field(None, pattern=r"\S",
                                             description="An HTML page (main text and "
                                                         "metadata are extracted).")
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=4000,
                            description="Recorded as metadata; never fetched by /analyze.")
    published: date | None = Field(None, description="Publication date; the reference for "
                                                     "relative dates.")

    @model_validator(mode="after")
    def _one_body(self) -> TextIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


class IngestIn(BaseModel):
    """What to store: text or HTML (as for /analyze), or an http(s) URL to fetch."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "anyOf": [{"required": ["text"]}, {"required": ["html"]}, {"required": ["url"]}],
        "not": {"required": ["text", "html"]}})

    text: str | SkipJsonSchema[None] = Field(None, pattern=r"\S")
    html: str | SkipJsonSchema[None] = Field(None, pattern=r"\S")
    url: str | SkipJsonSchema[None] = Field(
        None, max_length=4000,
        description="Fetched (public http(s) addresses only, robots.txt respected) when "
                    "neither text nor html is given; otherwise recorded as metadata.")
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=300)
    published: date | None = None
    reindex: bool = Field(True, description="Rebuild the search index after storing.")

    @model_validator(mode="after")
    def _something(self) -> IngestIn:
        if self.text is not None and self.html is not None:
            raise ValueError("give 'text' or 'html', not both")
        if self.text is None and self.html is None and not self.url:
            raise ValueError("give 'text', 'html' or 'url'")
        return self


class IngestOut(BaseModel):
    id: str
    stored: bool = Field(description="False when the article was already in the store.")
    page: str = Field(description="Path of the article's page.")
    statements: int
