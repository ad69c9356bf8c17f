"""Indicator tables, part 1: the rule table, and what a table's cells and header are.

A line of a table is split into :class:`IndicatorCell` s (pipes, tabs, Markdown,
or cells separated by spaces); a header is recognised by what each of its cells
names (指标, 序号, 2020年, 属性 …) and read into :class:`IndicatorColumn` s, on one
line, over two rows, or one cell per line. Which cells make a row, and the
records the rows give, is :mod:`plancmp.extract.tables`; this module knows no rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from ..prepare.chars import alternation, any_of
from ..ruleset import Regex, RuleSet, compiled_once

Role = Literal["seq", "name", "category", "year", "binding", "unit", "note", "empty", "group"]


# --- rules ---------------------------------------------------------------------------

class HeaderRules(BaseModel):
    name: list[Regex] = Field(description="regexes of the indicator-name header cell (指标, 指标名称)")
    seq: list[Regex] = Field(description="regexes of the row-number header cell (序号)")
    category: list[Regex] = Field(default=[], description="regexes of a grouping column (领域, 类别)")
    binding: list[Regex] = Field(description="regexes of the attribute header cell (属性)")
    unit: list[Regex] = Field(default=[], description="regexes of a unit column (单位)")
    note: list[Regex] = Field(default=[], description="regexes of columns without values (备注)")
    year: Regex = Field(description="regex of a year header cell with a group `year`")
    baseline_column: list[Regex] = Field(default=[], description="regexes of a value column without a year that holds the baseline (现状值)")
    target_column: list[Regex] = Field(default=[], description="regexes of a value column without a year that holds the target (目标值)")
    group: list[Regex] = Field(default=[], description="regexes of a cell spanning the year columns of a second header row (指标值)")
    baseline_words: list[str] = Field(description="words in a year header that make it the baseline column")
    target_words: list[str] = Field(description="words in a year header that make it a target column")


class CellRules(BaseModel):
    empty: list[str] = Field(description="cells that hold no value but keep their column")
    max_chars: int = Field(description="longest text of a cell; longer lines end a table")
    seq: Regex = Field(description="regex of a row-number cell")
    prose: Regex = Field(description="regex found in prose lines (which end a table)")
    stop: list[Regex] = Field(description="regexes matching at the start of a line that ends a table")


class NameRules(BaseModel):
    units: list[str] = Field(description="units accepted in a trailing (unit) of an indicator name")
    sub_prefix: Regex = Field(description="regex opening a sub-row label (其中:)")
    own_metric: Regex = Field(description="regex: a sub-label that names its own metric")
    max_sub_chars: int = Field(description="longest sub-label continuing a 其中 group")


class TableRules(BaseModel):
    """``rules/tables.toml``."""

    header: HeaderRules
    bindings: dict[str, str] = Field(description="attribute cell -> binding (预期 -> 预期性)")
    cells: CellRules
    names: NameRules


@dataclass(frozen=True)
class CompiledTables:
    """``rules/tables.toml`` compiled (:func:`compiled`)."""

    rules: TableRules
    name: re.Pattern[str]  # header cells, each matched whole: the indicator-name column
    seq_head: re.Pattern[str]  # ... the row-number column
    category: re.Pattern[str]
    binding_head: re.Pattern[str]
    unit_head: re.Pattern[str]
    note: re.Pattern[str]
    year: re.Pattern[str]
    base_col: re.Pattern[str]
    target_col: re.Pattern[str]
    group: re.Pattern[str]
    seq: re.Pattern[str]  # a row-number cell
    prose: re.Pattern[str]
    stop: re.Pattern[str]
    unit_paren: re.Pattern[str]  # a trailing (unit) of an indicator name
    sub_prefix: re.Pattern[str]
    own_metric: re.Pattern[str]
    value_shape: re.Pattern[str]


@compiled_once
def compiled(rules: RuleSet) -> CompiledTables:
    """The table rules, validated and compiled once per rule set."""
    t = rules.table("tables", TableRules)
    h, c, n = t.header, t.cells, t.names
    return CompiledTables(
        rules=t,
        name=_any(h.name), seq_head=_any(h.seq), category=_any(h.category),
        binding_head=_any(h.binding), unit_head=_any(h.unit), note=_any(h.note),
        year=re.compile(h.year), base_col=_any(h.baseline_column), target_col=_any(h.target_column),
        group=_any(h.group),
        seq=re.compile(c.seq), prose=re.compile(c.prose), stop=_any(c.stop),
        unit_paren=re.compile(rf"\s*[((]\s*(?P<unit>{alternation(n.units)})\s*[))]\s*$"),
        sub_prefix=re.compile(n.sub_prefix), own_metric=re.compile(n.own_metric),
        # what is left of a value cell without its number: comparator and unit words only
        value_shape=re.compile(r"[\d.,%‰\s<>≤≥=~+\-]"),
    )


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(any_of(patterns))


# --- cells and the header ------------------------------------------------------------

@dataclass
class IndicatorCell:
    """One table cell: its text (stripped) and where it is in ``doc.text``."""

    text: str
    start: int
    end: int
    line: int  # index of the cleaned line
    role: Role | None = None  # the header column it sits under, when the row lines up with the header


@dataclass
class IndicatorColumn:
    """One column of a header: what its cells hold; a year column's year and kind."""

    role: Role
    year: int | None = None
    kind: Literal["target", "baseline"] | None = None


@dataclass
class Header:
    """The header of an indicator table: its columns and the cleaned lines it spans."""

    columns: list[IndicatorColumn]
    first_line: int  # cleaned line index
    last_line: int
    delimited: bool  # the header sat on one delimited line (its columns can line up with the rows)

    @property
    def years(self) -> list[IndicatorColumn]:
        return [c for c in self.columns if c.role == "year"]


_DELIMS = ("|", "\t")
#: a header written one cell per line may have this many lines between its cells (blank ones)
MAX_HEADER_GAP = 2
_SPACED_CELL = re.compile(r"\S+")  # in a line without delimiters, cells are separated by spaces


def next_nonblank(lines: list[tuple[int, int, str]], i: int) -> int | None:
    """Index of the first non-blank cleaned line after ``i``, or None."""
    j = i + 1
    while j < len(lines) and not lines[j][2].strip():
        j += 1
    return j if j < len(lines) else None


def split_cells(text: str, start: int, line: int, n_cols: int | None = None) -> tuple[list[IndicatorCell], bool]:
    """The cells of one line and whether it was delimited (pipes, tabs) or spaced.

    A delimiter opening or closing the line (Markdown ``| a | b |``) opens no cell,
    unless that cell is needed to make ``n_cols`` cells (``1 | 指标 | | |``)."""
    for d in _DELIMS:
        if d in text:
            cells, pos = [], 0
            for part in text.split(d):
                s = len(part) - len(part.lstrip())
                cells.append(IndicatorCell(text=part.strip(), start=start + pos + s,
                                           end=start + pos + len(part.rstrip()), line=line))
                pos += len(part) + 1
            if text.strip().startswith(d) and cells and not cells[0].text and len(cells) != n_cols:
                cells = cells[1:]
            if text.strip().endswith(d) and cells and not cells[-1].text and len(cells) != n_cols:
                cells = cells[:-1]
            return cells, True
    cells = [IndicatorCell(text=m.group(), start=start + m.start(), end=start + m.end(), line=line)
             for m in _SPACED_CELL.finditer(text)]
    return cells, False


def _header_role(text: str, tr: CompiledTables) -> IndicatorColumn | None:
    t = re.sub(r"\s+", "", text)
    if not t:
        return IndicatorColumn(role="empty")
    for role, pat in (("name", tr.name), ("seq", tr.seq_head), ("binding", tr.binding_head),
                      ("unit", tr.unit_head), ("category", tr.category), ("note", tr.note),
                      ("group", tr.group)):
        if pat.fullmatch(t):  # type: ignore[attr-defined]
            return IndicatorColumn(role=role)  # type: ignore[arg-type]
    m = tr.year.fullmatch(t)
    if m:
        h = tr.rules.header
        kind: Literal["target", "baseline"] | None = None
        if any(w in t for w in h.baseline_words):
            kind = "baseline"
        elif any(w in t for w in h.target_words):
            kind = "target"
        return IndicatorColumn(role="year", year=int(m.group("year")), kind=kind)
    if tr.base_col.fullmatch(t):
        return IndicatorColumn(role="year", kind="baseline")
    if tr.target_col.fullmatch(t):
        return IndicatorColumn(role="year", kind="target")
    return None


def _header_columns(cells: list[IndicatorCell], tr: CompiledTables) -> list[IndicatorColumn] | None:
    cols = [_header_role(c.text, tr) for c in cells]
    if not cells or any(c is None for c in cols):
        return None
    return cols  # type: ignore[return-value]


def _finish_header(columns: list[IndicatorColumn]) -> bool:
    """Whether ``columns`` make a header; fixes the kind of each year column."""
    roles = {c.role for c in columns}
    years = [c for c in columns if c.role == "year"]
    if not years or not roles & {"name", "seq"}:
        return False
    earliest = min((c.year for c in years if c.year is not None), default=None)
    for c in years:
        if c.kind is None:
            c.kind = "baseline" if len(years) > 1 and c.year == earliest else "target"
    return True


def _second_row(lines: list[tuple[int, int, str]], i: int, cols: list[IndicatorColumn],
                tr: CompiledTables) -> tuple[list[IndicatorColumn], int] | None:
    """A header over two rows (``指标 | 指标值 | 属性`` then ``| 2020年 | 2025年 |``): the
    merged columns and the line of the second row."""
    if not any(c.role == "group" or (c.role == "year" and c.year is None) for c in cols):
        return None
    j = next_nonblank(lines, i)
    if j is None:
        return None
    below = _header_columns(split_cells(lines[j][2], lines[j][0], j, len(cols))[0], tr)
    if below is None or not any(c.role == "year" for c in below):
        return None
    if len(below) == len(cols):
        return [b if b.role == "year" else c for c, b in zip(cols, below)], j
    years = [b for b in below if b.role == "year"]
    out: list[IndicatorColumn] = []
    spare = 0  # empty cells that the spanning cell covered
    for c in cols:
        if c.role == "group" or (c.role == "year" and c.year is None):
            if years:
                out.extend(years)
                spare, years = len(years) - 1, []
            continue
        if c.role == "empty" and spare:
            spare -= 1
            continue
        out.append(c)
    return out, j


def find_header(lines: list[tuple[int, int, str]], i: int, tr: CompiledTables) -> Header | None:
    """A header starting at cleaned line ``i``: on one line, or one cell per line."""
    s, _, text = lines[i]
    cells, delimited = split_cells(text, s, i)
    cols = _header_columns(cells, tr)
    if cols is None:
        return None
    if len(cells) > 1:
        two = _second_row(lines, i, cols, tr)
        if two is not None:
            cols, last = two
        else:
            last = i
        if not _finish_header(cols):
            return None
        return Header(columns=cols, first_line=i, last_line=last, delimited=delimited)
    # one cell per line: gather the header cells that follow, across blank lines
    columns, last, j = list(cols), i, i + 1
    while j < len(lines) and j - last <= MAX_HEADER_GAP:
        t = lines[j][2].strip()
        if t:
            c = _header_role(t, tr)
            if c is None or c.role == "empty":
                break
            if c.role != "group":
                columns.append(c)
            last = j
        j += 1
    if not _finish_header(columns):
        return None
    return Header(columns=columns, first_line=i, last_line=last, delimited=False)
