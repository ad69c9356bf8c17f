"""The records plancmp emits. Field names and meanings follow docs/records.md.

One record type per concept; every finding carries provenance: the 1-based
line of the ORIGINAL file, the character span in the decoded original text,
the section id and the source sentence.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_serializer

SCHEMA_EXTRACT = "plancmp.extract/1"

Comparator = Literal["=", ">=", ">", "<=", "<", "range", "~"]
Kind = Literal["target", "baseline"]
Tier = Literal["list", "named", "optional"]
Status = Literal["planned", "ongoing", "done"]


def _num(v: float | None) -> float | int | None:
    """Exact numbers in output: 100.0 prints as 100, 99.02 stays 99.02."""
    if v is None:
        return None
    if float(v).is_integer() and abs(v) < 1e15:
        return int(v)
    return v


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """Half-open character offsets [start, end) into the decoded original text."""

    start: int
    end: int


class Baseline(Record):
    """A baseline given inline with its target (same metric)."""

    value: float
    value_max: float | None = None
    unit: str | None = None
    comparator: Comparator = "="
    year: int | None = None
    line: int | None = None

    @field_serializer("value", "value_max")
    def _ser(self, v: float | None) -> float | int | None:
        return _num(v)


class IndicatorRef(Record):
    """The canonical indicator a target names (``rules/indicators.toml``): what a corpus of
    plans is grouped by, and what ``diff`` and ``compare`` pair on."""

    id: str = Field(description="the indicator's id; `@levels` is appended when a qualifier narrows it "
                                "(funding.per_student_public@小学)")
    name: str = Field(description="the canonical name, with the narrowing in brackets: 生均公用经费(小学)")
    field: str = Field(description="the field of policy it belongs to: 教育, 城市更新, 生态环境, 水务 …")
    stage: str = Field(description="its group within the field: 学前, 义务 … for education, else the field's own")


class Target(Record):
    """A numeric commitment or indicator value (records.md §1)."""

    metric: str
    metric_full: str | None = Field(default=None, description=(
        "the metric with the scope it leaves to its context: a short metric (巩固率, 新增学位) takes the "
        "education level or subject of its sentence or section heading (义务教育巩固率); else the metric"))
    indicator: IndicatorRef | None = Field(default=None, description=(
        "the canonical indicator `metric_full` names, or null when the indicator table knows none"))
    value: float
    value_max: float | None = None
    unit: str
    comparator: Comparator = "="
    kind: Kind = "target"
    year: int | None = None
    binding: str | None = None
    baseline: Baseline | None = None
    line: int
    page: int | None = Field(default=None, description="page of `line` in a paged source (PDF), else null")
    span: Span
    match: str = Field(description="the original text at span: number with its unit and comparator words")
    section: str | None = None
    text: str = Field(description="the sentence or table row the value came from, as in the original")
    rule: str = Field(default="", description="name of the rule that produced the record (see --explain)")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0, description=(
        "how sure the reading is, 0-1: a table row under a recognised header or a metric the grammar "
        "found scores high; a fallback metric, or a kind or year taken only from the section, lower"))
    doubts: list[str] = Field(default_factory=list, description=(
        "why a person should check this record, as `field:reason` (metric:fallback, kind:section-only, "
        "year:inherited, table:no-header …); empty when nothing is in doubt"))

    @field_serializer("value", "value_max")
    def _ser(self, v: float | None) -> float | int | None:
        return _num(v)


class Project(Record):
    """A named initiative (records.md §2)."""

    name: str
    category: str | None = None
    tier: Tier = "named"
    line: int
    page: int | None = Field(default=None, description="page of `line` in a paged source (PDF), else null")
    lines: list[int] = Field(default_factory=list, description="every line the project is mentioned on")
    section: str | None = None
    text: str = ""
    description: str | None = None
    status: Status | None = Field(None, description=(
        "what the text says of it: planned (新建, 启动, 到2025年建成), ongoing (在建, 续建), done (已建成, "
        "投入使用, or named in the review of the last period: not this plan's commitment); null when it says nothing"))
    year: int | None = Field(None, description="the year the text gives it (2023年新建…, 到2025年建成…), else null")


class Section(Record):
    """A heading of the plan (records.md §3)."""

    id: str
    level: int
    marker: str
    title: str
    line: int
    page: int | None = Field(default=None, description="page of `line` in a paged source (PDF), else null")
    parent: str | None = None
    #: offset of the heading in the decoded original (not written out): which section a record is in
    #: when several headings share a line, as in run-together text; None for sections read from JSON
    _offset: int | None = PrivateAttr(default=None)

    @property
    def offset(self) -> int | None:
        return self._offset

    def at(self, offset: int) -> Section:
        """This section, placed at ``offset`` of the original (segment does)."""
        self._offset = offset
        return self


class Region(Record):
    province: str | None = None
    city: str | None = None
    district: str | None = None


class Period(Record):
    start: int | None = None
    end: int | None = None


class Meta(Record):
    """Document metadata (records.md §4), from the text only."""

    title: str | None = None
    region: Region = Field(default_factory=Region)
    issuer: str | None = None
    issued: str | None = None
    period: Period = Field(default_factory=Period)
    doc_number: str | None = None


class DocWarning(Record):
    """Something the reader should know: noise dropped, spinning reversed, bytes replaced."""

    code: str
    message: str
    line: int | None = None


class Source(Record):
    """The input: its path, the hash of its bytes, and how it was read. ``lines`` counts the lines
    of the extracted text that every record's ``line`` refers to (``plancmp clean FILE`` prints it)."""

    path: str
    sha256: str
    encoding: str
    lines: int
    format: str = Field(default="text", description="what the file was read as: text, html, docx or pdf")
    reader: str = Field(default="plancmp", description="what read it: plancmp (plain text) or the library "
                                                       "and version that extracted the text (pdfplumber 0.11.10)")
    pages: int | None = Field(default=None, description="number of pages of a paged source (PDF), else null")


class ExtractResult(Record):
    """What `plancmp extract` prints for one document."""

    schema_: str = Field(default=SCHEMA_EXTRACT, alias="schema")
    source: Source
    meta: Meta = Field(default_factory=Meta)
    sections: list[Section] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    warnings: list[DocWarning] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict:
        return self.model_dump(by_alias=True, mode="json")
