"""Stage 5b, tables: rows of main-indicator tables as baseline/target records.

A plan's main-indicator table (``指标 | 2020年 | 2025年 | 属性``) reaches us in
many layouts: one cell per line with blank lines between, pipes, tabs,
Markdown, cells separated by spaces, cells broken over lines, sub-rows
(``其中:小学`` / ``初中`` with one value per line in a cell). Every layout is
turned into the same stream of :class:`Cell` s; :func:`_build_rows` reads the
stream into :class:`Row` s by what each cell is (row number, indicator name,
value, attribute), so a missing or broken cell does not shift the columns.

Each row gives one record per year column: the earliest of two or more year
columns is the baseline, later ones are targets (a 2035 column gives a third
record). When a row has fewer values than the header has year columns, the
page dropped an empty cell; the values are then given to the LATEST columns
(an indicator new to the plan has no baseline, a plan table always states its
target), and the record's rule says ``:missing-cell``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field

from .document import Doc, section_at
from .models import Section, Span, Target
from .numbers import parse_cell
from .patterns import han_or, is_han
from .rules import RuleSet

Role = Literal["seq", "name", "category", "year", "binding", "unit", "note", "empty", "group"]
CellKind = Literal["seq", "name", "value", "empty", "binding", "unit", "stop"]


# --- rules ---------------------------------------------------------------------------

class HeaderRules(BaseModel):
    name: list[str] = Field(description="regexes of the indicator-name header cell (指标, 指标名称)")
    seq: list[str] = Field(description="regexes of the row-number header cell (序号)")
    category: list[str] = Field(default=[], description="regexes of a grouping column (领域, 类别)")
    binding: list[str] = Field(description="regexes of the attribute header cell (属性)")
    unit: list[str] = Field(default=[], description="regexes of a unit column (单位)")
    note: list[str] = Field(default=[], description="regexes of columns without values (备注)")
    year: str = Field(description="regex of a year header cell with a group `year`")
    baseline_column: list[str] = Field(default=[], description="regexes of a value column without a year that holds the baseline (现状值)")
    target_column: list[str] = Field(default=[], description="regexes of a value column without a year that holds the target (目标值)")
    group: list[str] = Field(default=[], description="regexes of a cell spanning the year columns of a second header row (指标值)")
    baseline_words: list[str] = Field(description="words in a year header that make it the baseline column")
    target_words: list[str] = Field(description="words in a year header that make it a target column")


class CellRules(BaseModel):
    empty: list[str] = Field(description="cells that hold no value but keep their column")
    max_chars: int = Field(description="longest text of a cell; longer lines end a table")
    seq: str = Field(description="regex of a row-number cell")
    prose: str = Field(description="regex found in prose lines (which end a table)")
    stop: list[str] = Field(description="regexes matching at the start of a line that ends a table")


class NameRules(BaseModel):
    units: list[str] = Field(description="units accepted in a trailing (unit) of an indicator name")
    sub_prefix: str = Field(description="regex opening a sub-row label (其中:)")
    own_metric: str = Field(description="regex: a sub-label that names its own metric")
    max_sub_chars: int = Field(description="longest sub-label continuing a 其中 group")


class TableRules(BaseModel):
    """``rules/tables.toml``."""

    header: HeaderRules
    bindings: dict[str, str] = Field(description="attribute cell -> binding (预期 -> 预期性)")
    cells: CellRules
    names: NameRules


@dataclass(frozen=True)
class _Compiled:
    rules: TableRules
    name: re.Pattern[str]
    seq_head: re.Pattern[str]
    category: re.Pattern[str]
    binding_head: re.Pattern[str]
    unit_head: re.Pattern[str]
    note: re.Pattern[str]
    year: re.Pattern[str]
    base_col: re.Pattern[str]
    target_col: re.Pattern[str]
    group: re.Pattern[str]
    seq: re.Pattern[str]
    prose: re.Pattern[str]
    stop: re.Pattern[str]
    unit_paren: re.Pattern[str]
    sub_prefix: re.Pattern[str]
    own_metric: re.Pattern[str]
    value_shape: re.Pattern[str]


def _alt(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)")


def _compiled(rules: RuleSet) -> _Compiled:
    def build() -> _Compiled:
        t = rules.table("tables", TableRules)
        h, c, n = t.header, t.cells, t.names
        units = "|".join(re.escape(u) for u in sorted(n.units, key=len, reverse=True))
        return _Compiled(
            rules=t,
            name=_alt(h.name), seq_head=_alt(h.seq), category=_alt(h.category),
            binding_head=_alt(h.binding), unit_head=_alt(h.unit), note=_alt(h.note),
            year=re.compile(h.year), base_col=_alt(h.baseline_column), target_col=_alt(h.target_column),
            group=_alt(h.group),
            seq=re.compile(c.seq), prose=re.compile(c.prose), stop=_alt(c.stop),
            unit_paren=re.compile(rf"\s*[((]\s*(?P<unit>{units})\s*[))]\s*$"),
            sub_prefix=re.compile(n.sub_prefix), own_metric=re.compile(n.own_metric),
            # what is left of a value cell without its number: comparator and unit words only
            value_shape=re.compile(r"[\d.,%‰\s<>≤≥=~+\-]"),
        )
    return rules.cached("tables.compiled", build)  # type: ignore[no-any-return]


# --- cells and the header ------------------------------------------------------------

@dataclass
class Cell:
    """One table cell: its text (stripped) and where it is in ``doc.text``."""

    text: str
    start: int
    end: int
    line: int  # index of the cleaned line
    role: Role | None = None  # the header column it sits under, when the row lines up with the header


@dataclass
class Column:
    role: Role
    year: int | None = None
    kind: Literal["target", "baseline"] | None = None


@dataclass
class Header:
    columns: list[Column]
    first_line: int  # cleaned line index
    last_line: int
    delimited: bool  # the header sat on one delimited line (its columns can line up with the rows)

    @property
    def years(self) -> list[Column]:
        return [c for c in self.columns if c.role == "year"]


_DELIMS = ("|", "\t")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SPACES = re.compile(r"\S+")
_BR = re.compile(r"<br\s*/?>", re.I)


def _next_nonblank(lines: list[tuple[int, int, str]], i: int) -> int | None:
    """Index of the first non-blank cleaned line after ``i``, or None."""
    j = i + 1
    while j < len(lines) and not lines[j][2].strip():
        j += 1
    return j if j < len(lines) else None


def _split(text: str, start: int, line: int, n_cols: int | None = None) -> tuple[list[Cell], bool]:
    """The cells of one line and whether it was delimited (pipes, tabs) or spaced.

    A delimiter opening or closing the line (Markdown ``| a | b |``) opens no cell,
    unless that cell is needed to make ``n_cols`` cells (``1 | 指标 | | |``)."""
    for d in _DELIMS:
        if d in text:
            cells, pos = [], 0
            for part in text.split(d):
                s = len(part) - len(part.lstrip())
                cells.append(Cell(part.strip(), start + pos + s, start + pos + len(part.rstrip()), line))
                pos += len(part) + 1
            if text.strip().startswith(d) and cells and not cells[0].text and len(cells) != n_cols:
                cells = cells[1:]
            if text.strip().endswith(d) and cells and not cells[-1].text and len(cells) != n_cols:
                cells = cells[:-1]
            return cells, True
    cells = [Cell(m.group(), start + m.start(), start + m.end(), line) for m in _SPACES.finditer(text)]
    return cells, False


def _header_role(text: str, rx: _Compiled) -> Column | None:
    t = re.sub(r"\s+", "", text)
    if not t:
        return Column("empty")
    for role, pat in (("name", rx.name), ("seq", rx.seq_head), ("binding", rx.binding_head),
                      ("unit", rx.unit_head), ("category", rx.category), ("note", rx.note),
                      ("group", rx.group)):
        if pat.fullmatch(t):  # type: ignore[attr-defined]
            return Column(role)  # type: ignore[arg-type]
    m = rx.year.fullmatch(t)
    if m:
        h = rx.rules.header
        kind: Literal["target", "baseline"] | None = None
        if any(w in t for w in h.baseline_words):
            kind = "baseline"
        elif any(w in t for w in h.target_words):
            kind = "target"
        return Column("year", int(m.group("year")), kind)
    if rx.base_col.fullmatch(t):
        return Column("year", None, "baseline")
    if rx.target_col.fullmatch(t):
        return Column("year", None, "target")
    return None


def _header_columns(cells: list[Cell], rx: _Compiled) -> list[Column] | None:
    cols = [_header_role(c.text, rx) for c in cells]
    if not cells or any(c is None for c in cols):
        return None
    return cols  # type: ignore[return-value]


def _finish_header(columns: list[Column]) -> bool:
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


def _second_row(lines: list[tuple[int, int, str]], i: int, cols: list[Column],
                rx: _Compiled) -> tuple[list[Column], int] | None:
    """A header over two rows (``指标 | 指标值 | 属性`` then ``| 2020年 | 2025年 |``): the
    merged columns and the line of the second row."""
    if not any(c.role == "group" or (c.role == "year" and c.year is None) for c in cols):
        return None
    j = _next_nonblank(lines, i)
    if j is None:
        return None
    below = _header_columns(_split(lines[j][2], lines[j][0], j, len(cols))[0], rx)
    if below is None or not any(c.role == "year" for c in below):
        return None
    if len(below) == len(cols):
        return [b if b.role == "year" else c for c, b in zip(cols, below)], j
    years = [b for b in below if b.role == "year"]
    out: list[Column] = []
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


def _find_header(lines: list[tuple[int, int, str]], i: int, rx: _Compiled) -> Header | None:
    """A header starting at cleaned line ``i``: on one line, or one cell per line."""
    s, _, text = lines[i]
    cells, delimited = _split(text, s, i)
    cols = _header_columns(cells, rx)
    if cols is None:
        return None
    if len(cells) > 1:
        two = _second_row(lines, i, cols, rx)
        if two is not None:
            cols, last = two
            return Header(cols, i, last, delimited) if _finish_header(cols) else None
        return Header(cols, i, i, delimited) if _finish_header(cols) else None
    # one cell per line: gather the header cells that follow, across blank lines
    columns, last, j = list(cols), i, i + 1
    while j < len(lines) and j - last <= 2:
        t = lines[j][2].strip()
        if t:
            c = _header_role(t, rx)
            if c is None or c.role == "empty":
                break
            if c.role != "group":
                columns.append(c)
            last = j
        j += 1
    return Header(columns, i, last, False) if _finish_header(columns) else None


# --- classifying cells and building rows ---------------------------------------------

@dataclass
class Row:
    seq: Cell | None = None
    names: list[Cell] = field(default_factory=list)
    subs: list[Cell] = field(default_factory=list)  # sub-labels of this row (其中:小学, 初中)
    values: list[Cell | None] = field(default_factory=list)  # None: an empty cell that keeps its column
    binding: str | None = None
    unit: str | None = None
    cells: list[Cell] = field(default_factory=list)
    parent: Row | None = None  # the row a sub-row (其中:…) belongs to

    @property
    def has_values(self) -> bool:
        return any(v is not None for v in self.values)


class _Reader:
    """Reads a stream of cells into rows."""

    def __init__(self, header: Header, rx: _Compiled, rules: RuleSet) -> None:
        self.header, self.rx, self.rules = header, rx, rules
        self.n_years = len(header.years)
        self.has_seq_column = any(c.role in ("seq", "category") for c in header.columns)
        self.rows: list[Row] = []
        self.row = Row()
        self.last_seq: int | None = None

    # what a cell is
    def kind(self, cell: Cell, nxt: Cell | None) -> CellKind:
        t, rx = cell.text, self.rx
        r = rx.rules
        if t in r.bindings:
            return "binding"
        if t in r.cells.empty or not t:
            return "empty"
        if rx.seq.fullmatch(t) and self._is_seq(t, nxt):
            return "seq"
        if self._is_value(t):
            return "value"
        if len(t) > r.cells.max_chars or rx.prose.search(t) or rx.stop.match(t):
            return "stop"
        if t in r.names.units:
            return "unit"
        if any(is_han(c) for c in t):
            return "name"
        return "stop"

    def _is_value(self, t: str) -> bool:
        if len(self.rx.value_shape.sub("", t)) > 4:
            return False
        return parse_cell(t, self.rules) is not None

    def _is_seq(self, t: str, nxt: Cell | None) -> bool:
        n = int(re.sub(r"\D", "", t))
        if nxt is None or self.kind(nxt, None) != "name":
            return False
        row = self.row
        if not row.values and not row.names:
            return True
        if not row.has_values and (self.last_seq is not None or self.has_seq_column):
            return True  # a grouping cell (学前教育) stands before the row number
        if self.last_seq is not None and n == self.last_seq + 1:
            return True
        return len(row.values) >= self.n_years * max(1, len(row.subs))

    # building rows
    def flush(self) -> None:
        if self.row.names or self.row.subs or self.row.values:
            self.rows.append(self.row)
        self.row = Row()

    def feed(self, cells: list[Cell], line_row: bool, peek: Cell | None = None) -> bool:
        """Read the cells of one line; ``line_row``: the line is a row of several cells;
        ``peek``: the cell after this line (for a one-cell line). False when a cell ends the table."""
        if line_row:
            if self.row.has_values or self.row.binding:
                self.flush()
            elif self.row.values:  # empty cells of a row broken over lines: this line holds its values
                self.row.values.clear()
        for i, cell in enumerate(cells):
            nxt = cells[i + 1] if i + 1 < len(cells) else peek
            if cell.role is not None and cell.role not in ("name", "seq"):
                self._feed_role(cell)
                continue
            if cell.role is not None and not cell.text:
                continue
            if cell.role == "seq":
                if self.rx.seq.fullmatch(cell.text):
                    self._start_seq(cell)
                continue
            k: CellKind = "name" if cell.role == "name" else self.kind(cell, nxt)
            if k == "stop":
                return False
            if k == "seq":
                self._start_seq(cell)
            elif k == "name":
                self._name(cell)
            elif k in ("value", "empty"):
                self.row.values.append(cell if k == "value" else None)
                self.row.cells.append(cell)
            elif k == "binding":
                self.row.binding = self.rx.rules.bindings[cell.text]
                self.row.cells.append(cell)
            elif k == "unit":
                self.row.unit = cell.text
                self.row.cells.append(cell)
        return True

    def _feed_role(self, cell: Cell) -> None:
        row = self.row
        if cell.role == "year":
            row.values.extend(self._cell_values(cell))
        elif cell.role == "binding" and cell.text in self.rx.rules.bindings:
            row.binding = self.rx.rules.bindings[cell.text]
        elif cell.role == "unit" and cell.text:
            row.unit = cell.text
        row.cells.append(cell)

    def _cell_values(self, cell: Cell) -> list[Cell | None]:
        """The values of a year cell: one, or one per line of a cell holding sub-row values."""
        t = cell.text
        if not t or t in self.rx.rules.cells.empty:
            return [None]
        if self._is_value(t):
            return [cell]
        parts = [p for p in _BR.split(t) if p.strip()]
        if len(parts) == 1:
            parts = t.split()
        out: list[Cell | None] = []
        pos = 0
        for p in parts:
            p = p.strip()
            a = t.find(p, pos)
            pos = a + len(p)
            if p in self.rx.rules.cells.empty:
                out.append(None)
            elif self._is_value(p):
                out.append(Cell(p, cell.start + a, cell.start + a + len(p), cell.line))
            else:
                return [None]
        return out

    def _start_seq(self, cell: Cell) -> None:
        self.flush()
        self.row.seq = cell
        self.row.cells.append(cell)
        digits = re.sub(r"\D", "", cell.text)
        self.last_seq = int(digits) if digits else None

    def _name(self, cell: Cell) -> None:
        is_sub = bool(self.rx.sub_prefix.match(cell.text))
        row = self.row
        if row.has_values or row.binding:
            self.flush()
        row = self.row
        fresh = not (row.names or row.subs or row.values or row.seq)
        last = self.rows[-1] if self.rows else None
        if fresh and last is not None and (is_sub or ((last.subs or last.parent) and self._short_sub(cell))):
            row.parent = last.parent or last
            row.subs.append(cell)
        elif is_sub or row.subs:
            row.subs.append(cell)
        else:
            row.names.append(cell)
        row.cells.append(cell)

    def _short_sub(self, cell: Cell) -> bool:
        t = cell.text
        return len(t) <= self.rx.rules.names.max_sub_chars and not self.rx.unit_paren.search(t)


def _read_rows(lines: list[tuple[int, int, str]], header: Header, rx: _Compiled,
               rules: RuleSet) -> tuple[list[Row], int]:
    """Rows of the table after ``header`` and the last cleaned line it occupies."""
    reader = _Reader(header, rx, rules)
    n_cols = len(header.columns)
    last = header.last_line
    i = header.last_line + 1
    pending: list[Cell] | None = None  # a delimited line broken inside a cell
    while i < len(lines):
        s, _, text = lines[i]
        if not text.strip():
            if i - last > 3:
                break
            i += 1
            continue
        if _MD_RULE.match(text):
            last = i
            i += 1
            continue
        if rx.stop.match(text.strip()) or (i > header.last_line + 1 and _find_header(lines, i, rx)):
            break
        cells, delimited = _split(text, s, i, n_cols if header.delimited else None)
        if header.delimited and not delimited and pending is None:
            break  # a line without cells after a delimited table ends it
        if not delimited and len(cells) > 1 and not _spaced_row(cells, reader):
            cells = [Cell(text.strip(), s + len(text) - len(text.lstrip()), s + len(text.rstrip()), i)]
        if delimited and pending is not None:
            # the previous line broke a cell: its last cell and our first are one cell
            joined = pending[-1]
            first = cells[0]
            merged = Cell(f"{joined.text}{first.text}", joined.start, first.end, joined.line)
            cells = pending[:-1] + [merged] + cells[1:]
            pending = None
        elif delimited and header.delimited and len(cells) < n_cols and _is_broken(lines, i, n_cols, len(cells)):
            pending = cells
            last = i
            i += 1
            continue
        if delimited and header.delimited and len(cells) == n_cols:
            for c, col in zip(cells, header.columns):
                c.role = col.role if col.role != "empty" else "note"
        line_row = len(cells) > 1
        # in a one-cell-per-line stream a row number must see the name after it
        peek = _next_cell(lines, i) if len(cells) == 1 else None
        if not reader.feed(cells, line_row, peek):
            break
        last = i
        i += 1
    reader.flush()
    return _merge_broken(reader.rows, header, rx), last


def _spaced_row(cells: list[Cell], reader: _Reader) -> bool:
    """A line of cells separated by spaces: at least one of them a value or an attribute."""
    return any(c.text in reader.rx.rules.bindings or reader._is_value(c.text) for c in cells)


def _is_broken(lines: list[tuple[int, int, str]], i: int, n_cols: int, n: int) -> bool:
    j = _next_nonblank(lines, i)
    if j is None:
        return False
    nxt, delimited = _split(lines[j][2], lines[j][0], j, n_cols - n + 1)
    return delimited and n + len(nxt) - 1 == n_cols


def _next_cell(lines: list[tuple[int, int, str]], i: int) -> Cell | None:
    j = _next_nonblank(lines, i)
    if j is None:
        return None
    s, _, text = lines[j]
    return Cell(text.strip(), s, s + len(text), j)


def _merge_broken(rows: list[Row], header: Header, rx: _Compiled) -> list[Row]:
    """A row without values and row number that is not the head of sub-rows continues the
    name of the row before it (a name broken over two lines), when that name lacks its
    ``(unit)`` and the table has no grouping column (whose cells stand alone too)."""
    if any(c.role == "category" for c in header.columns):
        return rows
    out: list[Row] = []
    for k, r in enumerate(rows):
        nxt = rows[k + 1] if k + 1 < len(rows) else None
        heads_subs = nxt is not None and nxt.parent is r
        if (not r.has_values and r.seq is None and not r.subs and out and not heads_subs
                and r.parent is None and out[-1].names
                and not rx.unit_paren.search(_joined_name(out[-1].names))):
            out[-1].names.extend(r.names)
            out[-1].cells.extend(r.cells)
            continue
        out.append(r)
    return out


# --- records -------------------------------------------------------------------------

_CJK_GAP = re.compile(f"(?<={han_or('“”()（）')})\\s+(?={han_or('“”()（）')})")


_NAME_MARKS = re.compile(r"^\s*(?:[((]\d{1,2}[))]|\d{1,2}[.、)])\s*|\s*[*★☆▲△※]+\s*$")


def _joined_name(cells: list[Cell]) -> str:
    """The indicator name of ``cells`` joined, unit included; a row number written in the name
    cell (``1.``) and marks after it (``*``, ``★``) are dropped."""
    text = "".join(c.text for c in cells)
    text = _CJK_GAP.sub("", text).strip()
    return _NAME_MARKS.sub("", text).strip()


def _name_of(cells: list[Cell], rx: _Compiled) -> tuple[str, str | None]:
    """Indicator name without its unit, and the unit of a trailing ``(%)``."""
    text = _joined_name(cells)
    m = rx.unit_paren.search(text)
    if m:
        return text[: m.start()].strip(), m.group("unit")
    return text, None


def _metric(row: Row, sub: Cell | None, rx: _Compiled, header: Header) -> tuple[str, str | None]:
    head = row.parent if row.parent is not None else row
    names = head.names
    if len(names) > 1 and any(c.role == "category" for c in header.columns) and not rx.unit_paren.search(names[0].text):
        names = names[1:]  # the first is the grouping cell (学前教育 | 学前三年毛入园率)
    name, unit = _name_of(names, rx)
    if sub is None:
        return name, unit
    label, sub_unit = _name_of([sub], rx)
    label = rx.sub_prefix.sub("", label, count=1).strip()
    if rx.own_metric.search(label) or sub_unit:
        return label, sub_unit or unit
    return f"{label}{name}", unit


def _assign(row: Row, header: Header) -> tuple[list[tuple[Column, Cell | None, int]], bool]:
    """(year column, value cell, sub-row index) for the values of ``row``; and whether the
    row had fewer values than columns (a dropped empty cell)."""
    years = header.years
    k = max(1, len(row.subs))
    vals = row.values
    n_cols = len(vals) // k if len(vals) % k == 0 else len(vals)
    if n_cols * k != len(vals):
        k = 1
        n_cols = len(vals)
    missing = n_cols < len(years)
    cols = years[len(years) - n_cols:] if missing else years[:n_cols]
    out = []
    for ci, col in enumerate(cols):
        for si in range(k):
            out.append((col, vals[ci * k + si], si))
    return out, missing


def _unit_of_cell(text: str) -> str | None:
    if "%" in text or "％" in text:
        return "%"
    return None


def _row_text(doc: Doc, row: Row) -> str:
    lines = sorted({c.line for c in row.cells})
    cells = [c for c in row.cells if c.text]
    if not cells:
        return ""
    dl = doc.lines()
    if all(len([c for c in row.cells if c.line == ln]) > 1 for ln in lines):
        return " ".join(doc.original_text(dl[ln][0], dl[ln][1]).strip() for ln in lines)
    return " | ".join(doc.original_text(c.start, c.end).strip() for c in sorted(cells, key=lambda c: c.start))


def _records(doc: Doc, row: Row, header: Header, layout: str, sections: list[Section],
             rx: _Compiled, rules: RuleSet) -> list[Target]:
    pairs, missing = _assign(row, header)
    binding = row.binding or (row.parent.binding if row.parent is not None else None)
    text = _row_text(doc, row.parent) + " " + _row_text(doc, row) if row.parent is not None else _row_text(doc, row)
    rule = f"table:{layout}" + (":missing-cell" if missing else "") + (":sub-row" if row.subs or row.parent else "")
    out = []
    for col, cell, si in pairs:
        if cell is None:
            continue
        parsed = parse_cell(cell.text, rules)
        if parsed is None:
            continue
        op, value, vmax = parsed
        metric, unit = _metric(row, row.subs[si] if row.subs else None, rx, header)
        if not metric:
            continue
        unit = unit or row.unit or (row.parent.unit if row.parent is not None else None) or _unit_of_cell(cell.text) or ""
        a, b = doc.span_of(cell.start, cell.end)
        line = doc.line_of(cell.start)
        out.append(Target(
            metric=metric, value=float(value), value_max=float(vmax) if vmax is not None else None,
            unit=unit, comparator=op, kind=col.kind or "target", year=col.year, binding=binding,
            line=line, span=Span(start=a, end=b), match=doc.original.text[a:b],
            section=section_at(sections, line), text=text.strip(), rule=rule,
        ))
    return out


def _layout(rows: list[Row]) -> str:
    """Layout of a table whose header is not delimited: cells spaced on a line, or one per line."""
    if any(len([d for d in r.cells if d.line == c.line]) > 1 for r in rows for c in r.cells):
        return "spaced"
    return "one-cell-per-line"


@dataclass
class Table:
    """A table found in the document: its header, rows and the cleaned lines it spans."""

    header: Header
    rows: list[Row]
    first_line: int
    last_line: int
    layout: str


def find_tables(doc: Doc, rules: RuleSet) -> list[Table]:
    """Every indicator table of ``doc``, in order (found once per document and rule set: the
    tables stage and the targets stage's skipped lines both ask)."""
    key = f"tables.find_tables:{id(rules)}:{id(doc.mapped)}"
    hit = doc.derived.get(key)
    if hit is None:
        hit = doc.derived[key] = _find_tables(doc, rules)
    return hit  # type: ignore[return-value]


def _find_tables(doc: Doc, rules: RuleSet) -> list[Table]:
    rx = _compiled(rules)
    lines = doc.lines()
    out: list[Table] = []
    i = 0
    while i < len(lines):
        text = lines[i][2]
        if not text.strip() or len(text.strip()) > 200:
            i += 1
            continue
        header = _find_header(lines, i, rx)
        if header is None:
            i += 1
            continue
        rows, last = _read_rows(lines, header, rx, rules)
        if any(r.has_values for r in rows):
            layout = _delimited_name(lines[header.first_line][2]) if header.delimited else _layout(rows)
            out.append(Table(header, rows, header.first_line, last, layout))
        i = max(last, header.last_line) + 1
    return out


def _delimited_name(text: str) -> str:
    if "\t" in text and "|" not in text:
        return "tabs"
    return "markdown" if text.strip().startswith("|") else "pipes"


def extract_tables(doc: Doc, sections: list[Section], rules: RuleSet) -> list[Target]:
    """Stage ``tables``: a baseline and target record per row and year column."""
    rx = _compiled(rules)
    out: list[Target] = []
    for table in find_tables(doc, rules):
        for row in table.rows:
            out.extend(_records(doc, row, table.header, table.layout, sections, rx, rules))
    return out


def table_lines(doc: Doc, rules: RuleSet) -> set[int]:
    """Original lines covered by indicator tables (header to last row), which the sentence
    extractor skips."""
    lines = doc.lines()
    out: set[int] = set()
    for t in find_tables(doc, rules):
        a = doc.line_of(lines[t.first_line][0])
        b = doc.line_of(lines[t.last_line][0])
        out.update(range(a, b + 1))
    return out
