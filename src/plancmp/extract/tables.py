"""Stage 5b, tables: rows of main-indicator tables as baseline/target records.

A plan's main-indicator table (``指标 | 2020年 | 2025年 | 属性``) reaches us in
many layouts: one cell per line with blank lines between, pipes, tabs,
Markdown, cells separated by spaces, cells broken over lines, sub-rows
(``其中:小学`` / ``初中`` with one value per line in a cell). Every layout is
turned into the same stream of cells (:mod:`plancmp.extract.table_cells` splits the
lines and finds the header); :func:`_read_rows` reads the stream into
:class:`IndicatorRow` s by what each cell is (row number, indicator name,
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

from ..models import Section, Span, Target
from ..prepare.chars import han_or, is_han
from ..prepare.document import Doc, section_at
from ..ruleset import RuleSet
from .numbers import parse_cell
from .table_cells import (
    CompiledTables,
    Header,
    IndicatorCell,
    IndicatorColumn,
    compiled,
    find_header,
    next_nonblank,
    split_cells,
)

CellKind = Literal["seq", "name", "value", "empty", "binding", "unit", "stop"]


_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BR = re.compile(r"<br\s*/?>", re.I)
#: more blank lines than this in a row end a table
MAX_BLANK_RUN = 3
#: a value cell holds a number and at most this many characters of comparator and unit words (≥95%以上)
MAX_VALUE_WORDS = 4
#: a line this long is prose: it is not tried as a header (which saves the work; header cells are short)
MAX_HEADER_LINE = 200


# --- classifying cells and building rows ---------------------------------------------

@dataclass
class IndicatorRow:
    """One row of an indicator table: its cells by what they are."""

    seq: IndicatorCell | None = None
    names: list[IndicatorCell] = field(default_factory=list)
    subs: list[IndicatorCell] = field(default_factory=list)  # sub-labels of this row (其中:小学, 初中)
    values: list[IndicatorCell | None] = field(default_factory=list)  # None: an empty cell that keeps its column
    binding: str | None = None
    unit: str | None = None
    cells: list[IndicatorCell] = field(default_factory=list)
    parent: IndicatorRow | None = None  # the row a sub-row (其中:…) belongs to

    @property
    def has_values(self) -> bool:
        return any(v is not None for v in self.values)


class _Reader:
    """Reads a stream of cells into rows."""

    def __init__(self, header: Header, tr: CompiledTables, rules: RuleSet) -> None:
        self.header, self.tr, self.rules = header, tr, rules
        self.n_years = len(header.years)
        self.has_seq_column = any(c.role in ("seq", "category") for c in header.columns)
        self.rows: list[IndicatorRow] = []
        self.row = IndicatorRow()
        self.last_seq: int | None = None

    # what a cell is
    def kind(self, cell: IndicatorCell, nxt: IndicatorCell | None) -> CellKind:
        t, tr = cell.text, self.tr
        r = tr.rules
        if t in r.bindings:
            return "binding"
        if t in r.cells.empty or not t:
            return "empty"
        if tr.seq.fullmatch(t) and self._is_seq(t, nxt):
            return "seq"
        if self._is_value(t):
            return "value"
        if len(t) > r.cells.max_chars or tr.prose.search(t) or tr.stop.match(t):
            return "stop"
        if t in r.names.units:
            return "unit"
        if any(is_han(c) for c in t):
            return "name"
        return "stop"

    def _is_value(self, t: str) -> bool:
        if len(self.tr.value_shape.sub("", t)) > MAX_VALUE_WORDS:
            return False
        return parse_cell(t, self.rules) is not None

    def _is_seq(self, t: str, nxt: IndicatorCell | None) -> bool:
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
        self.row = IndicatorRow()

    def feed(self, cells: list[IndicatorCell], line_row: bool, peek: IndicatorCell | None = None) -> bool:
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
                if self.tr.seq.fullmatch(cell.text):
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
                self.row.binding = self.tr.rules.bindings[cell.text]
                self.row.cells.append(cell)
            elif k == "unit":
                self.row.unit = cell.text
                self.row.cells.append(cell)
        return True

    def _feed_role(self, cell: IndicatorCell) -> None:
        row = self.row
        if cell.role == "year":
            row.values.extend(self._cell_values(cell))
        elif cell.role == "binding" and cell.text in self.tr.rules.bindings:
            row.binding = self.tr.rules.bindings[cell.text]
        elif cell.role == "unit" and cell.text:
            row.unit = cell.text
        row.cells.append(cell)

    def _cell_values(self, cell: IndicatorCell) -> list[IndicatorCell | None]:
        """The values of a year cell: one, or one per line of a cell holding sub-row values."""
        t = cell.text
        if not t or t in self.tr.rules.cells.empty:
            return [None]
        if self._is_value(t):
            return [cell]
        parts = [p for p in _BR.split(t) if p.strip()]
        if len(parts) == 1:
            parts = t.split()
        out: list[IndicatorCell | None] = []
        pos = 0
        for p in parts:
            p = p.strip()
            a = t.find(p, pos)
            pos = a + len(p)
            if p in self.tr.rules.cells.empty:
                out.append(None)
            elif self._is_value(p):
                out.append(IndicatorCell(text=p, start=cell.start + a, end=cell.start + a + len(p), line=cell.line))
            else:
                return [None]
        return out

    def _start_seq(self, cell: IndicatorCell) -> None:
        self.flush()
        self.row.seq = cell
        self.row.cells.append(cell)
        digits = re.sub(r"\D", "", cell.text)
        self.last_seq = int(digits) if digits else None

    def _name(self, cell: IndicatorCell) -> None:
        is_sub = bool(self.tr.sub_prefix.match(cell.text))
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

    def _short_sub(self, cell: IndicatorCell) -> bool:
        t = cell.text
        return len(t) <= self.tr.rules.names.max_sub_chars and not self.tr.unit_paren.search(t)


def _read_rows(lines: list[tuple[int, int, str]], header: Header, tr: CompiledTables,
               rules: RuleSet) -> tuple[list[IndicatorRow], int]:
    """Rows of the table after ``header`` and the last cleaned line it occupies."""
    reader = _Reader(header, tr, rules)
    n_cols = len(header.columns)
    last = header.last_line
    i = header.last_line + 1
    pending: list[IndicatorCell] | None = None  # a delimited line broken inside a cell
    while i < len(lines):
        s, _, text = lines[i]
        if not text.strip():
            if i - last > MAX_BLANK_RUN:
                break
            i += 1
            continue
        if _MD_RULE.match(text):
            last = i
            i += 1
            continue
        if tr.stop.match(text.strip()) or (i > header.last_line + 1 and find_header(lines, i, tr)):
            break
        cells, delimited = split_cells(text, s, i, n_cols if header.delimited else None)
        if header.delimited and not delimited and pending is None:
            break  # a line without cells after a delimited table ends it
        if not delimited and len(cells) > 1 and not _spaced_row(cells, reader):
            # spaces inside a name, not between cells: the whole line is one cell
            cells = [IndicatorCell(text=text.strip(), start=s + len(text) - len(text.lstrip()),
                                   end=s + len(text.rstrip()), line=i)]
        if delimited and pending and cells:  # guard (B1 owns the reader): a bare | of a cut row has no cells
            # the previous line broke a cell: its last cell and our first are one cell
            joined = pending[-1]
            first = cells[0]
            merged = IndicatorCell(text=f"{joined.text}{first.text}", start=joined.start, end=first.end,
                                   line=joined.line)
            cells = pending[:-1] + [merged] + cells[1:]
            pending = None
        elif delimited and header.delimited and cells and len(cells) < n_cols and _is_broken(lines, i, n_cols, len(cells)):
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
    return _merge_broken(reader.rows, header, tr), last


def _spaced_row(cells: list[IndicatorCell], reader: _Reader) -> bool:
    """A line of cells separated by spaces: at least one of them a value or an attribute."""
    return any(c.text in reader.tr.rules.bindings or reader._is_value(c.text) for c in cells)


def _is_broken(lines: list[tuple[int, int, str]], i: int, n_cols: int, n: int) -> bool:
    j = next_nonblank(lines, i)
    if j is None:
        return False
    nxt, delimited = split_cells(lines[j][2], lines[j][0], j, n_cols - n + 1)
    return delimited and n + len(nxt) - 1 == n_cols


def _next_cell(lines: list[tuple[int, int, str]], i: int) -> IndicatorCell | None:
    j = next_nonblank(lines, i)
    if j is None:
        return None
    s, _, text = lines[j]
    return IndicatorCell(text=text.strip(), start=s, end=s + len(text), line=j)


def _merge_broken(rows: list[IndicatorRow], header: Header, tr: CompiledTables) -> list[IndicatorRow]:
    """A row without values and row number that is not the head of sub-rows continues the
    name of the row before it (a name broken over two lines), when that name lacks its
    ``(unit)`` and the table has no grouping column (whose cells stand alone too)."""
    if any(c.role == "category" for c in header.columns):
        return rows
    out: list[IndicatorRow] = []
    for k, r in enumerate(rows):
        nxt = rows[k + 1] if k + 1 < len(rows) else None
        heads_subs = nxt is not None and nxt.parent is r
        if (not r.has_values and r.seq is None and not r.subs and out and not heads_subs
                and r.parent is None and out[-1].names
                and not tr.unit_paren.search(_joined_name(out[-1].names))):
            out[-1].names.extend(r.names)
            out[-1].cells.extend(r.cells)
            continue
        out.append(r)
    return out


# --- records -------------------------------------------------------------------------

_CJK_GAP = re.compile(f"(?<={han_or('“”()（）')})\\s+(?={han_or('“”()（）')})")


_NAME_MARKS = re.compile(r"^\s*(?:[((]\d{1,2}[))]|\d{1,2}[.、)])\s*|\s*[*★☆▲△※]+\s*$")


def _joined_name(cells: list[IndicatorCell]) -> str:
    """The indicator name of ``cells`` joined, unit included; a row number written in the name
    cell (``1.``) and marks after it (``*``, ``★``) are dropped."""
    text = "".join(c.text for c in cells)
    text = _CJK_GAP.sub("", text).strip()
    return _NAME_MARKS.sub("", text).strip()


def _name_of(cells: list[IndicatorCell], tr: CompiledTables) -> tuple[str, str | None]:
    """Indicator name without its unit, and the unit of a trailing ``(%)``."""
    text = _joined_name(cells)
    m = tr.unit_paren.search(text)
    if m:
        return text[: m.start()].strip(), m.group("unit")
    return text, None


def _metric(row: IndicatorRow, sub: IndicatorCell | None, tr: CompiledTables, header: Header) -> tuple[str, str | None]:
    head = row.parent if row.parent is not None else row
    names = head.names
    if len(names) > 1 and any(c.role == "category" for c in header.columns) and not tr.unit_paren.search(names[0].text):
        names = names[1:]  # the first is the grouping cell (学前教育 | 学前三年毛入园率)
    name, unit = _name_of(names, tr)
    if sub is None:
        return name, unit
    label, sub_unit = _name_of([sub], tr)
    label = tr.sub_prefix.sub("", label, count=1).strip()
    if tr.own_metric.search(label) or sub_unit:
        return label, sub_unit or unit
    return f"{label}{name}", unit


def _assign(row: IndicatorRow, header: Header) -> tuple[list[tuple[IndicatorColumn, IndicatorCell | None, int]], bool]:
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


def _row_text(doc: Doc, row: IndicatorRow) -> str:
    lines = sorted({c.line for c in row.cells})
    cells = [c for c in row.cells if c.text]
    if not cells:
        return ""
    dl = doc.lines()
    if all(len([c for c in row.cells if c.line == ln]) > 1 for ln in lines):
        return " ".join(doc.original_text(dl[ln][0], dl[ln][1]).strip() for ln in lines)
    return " | ".join(doc.original_text(c.start, c.end).strip() for c in sorted(cells, key=lambda c: c.start))


def _row_records(doc: Doc, row: IndicatorRow, header: Header, layout: str, sections: list[Section],
             tr: CompiledTables, rules: RuleSet) -> list[Target]:
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
        metric, unit = _metric(row, row.subs[si] if row.subs else None, tr, header)
        if not metric:
            continue
        unit = unit or row.unit or (row.parent.unit if row.parent is not None else None) or _unit_of_cell(cell.text) or ""
        a, b = doc.span_of(cell.start, cell.end)
        line = doc.line_of(cell.start)
        out.append(Target(
            metric=metric, value=float(value), value_max=float(vmax) if vmax is not None else None,
            unit=unit, comparator=op, kind=col.kind or "target", year=col.year, binding=binding,
            line=line, span=Span(start=a, end=b), match=doc.original.text[a:b],
            section=section_at(sections, line, a), text=text.strip(), rule=rule,
        ))
    return out


def _layout(rows: list[IndicatorRow]) -> str:
    """Layout of a table whose header is not delimited: cells spaced on a line, or one per line."""
    if any(len([d for d in r.cells if d.line == c.line]) > 1 for r in rows for c in r.cells):
        return "spaced"
    return "one-cell-per-line"


@dataclass
class Table:
    """A table found in the document: its header, rows and the cleaned lines it spans."""

    header: Header
    rows: list[IndicatorRow]
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
    tr = compiled(rules)
    lines = doc.lines()
    out: list[Table] = []
    i = 0
    while i < len(lines):
        text = lines[i][2]
        if not text.strip() or len(text.strip()) > MAX_HEADER_LINE:
            i += 1
            continue
        header = find_header(lines, i, tr)
        if header is None:
            i += 1
            continue
        rows, last = _read_rows(lines, header, tr, rules)
        if any(r.has_values for r in rows):
            layout = _delimited_name(lines[header.first_line][2]) if header.delimited else _layout(rows)
            out.append(Table(header=header, rows=rows, first_line=header.first_line, last_line=last, layout=layout))
        i = max(last, header.last_line) + 1
    return out


def _delimited_name(text: str) -> str:
    if "\t" in text and "|" not in text:
        return "tabs"
    return "markdown" if text.strip().startswith("|") else "pipes"


def extract_tables(doc: Doc, sections: list[Section], rules: RuleSet) -> list[Target]:
    """Stage ``tables``: a baseline and target record per row and year column."""
    tr = compiled(rules)
    out: list[Target] = []
    for table in find_tables(doc, rules):
        for row in table.rows:
            out.extend(_row_records(doc, row, table.header, table.layout, sections, tr, rules))
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
