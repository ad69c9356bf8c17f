"""Tables, part 3: the rows of an indicator table, fitted to the header by content.

The body of a table is a stream of cells (:class:`~plancmp.extract.table_cells.CellLine` s).
Each cell is read for what it is — a row number, an indicator name, a value, an
empty cell (``-``, ``/``), an attribute (预期性), a unit (万平方米), a group row
(``二、优质资源``), a value written in words (``启动8个改造项目``) — and rows are
built in the header's column order: a cell that cannot continue the row (a row
number or a name after the values) starts the next one. So a missing, empty or
broken cell does not shift the columns, and no count of lines is trusted.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from ..prepare.chars import is_han
from ..ruleset import RuleSet
from .quantities import find_quantities
from .table_cells import Cell, CellLine, CompiledTables, as_one, unit_form
from .table_header import Header, header_role
from .table_values import Value, ValueCells

TableKind = Literal["indicator", "grid", "list"]
CellKind = Literal["seq", "name", "value", "empty", "binding", "unit", "group", "text", "stop", "time", "skip"]

#: a group row (二、优质资源) is one when a row follows within this many cells
_GROUP_LOOKAHEAD = 8
#: a value written in words is at most this long (基本实现全覆盖)
_MAX_WORDED = 10
#: a word under a unit column is at most this long (万平方米, 公里/平方公里 are known units)
_MAX_UNIT_WORD = 3
#: a cell that is a year (a deadline: 2025年, 2025年底)
_YEAR_CELL = re.compile(r"((?:19|20)\d\d)\s*年(?:底|末|前|内)?")


@dataclass
class TableRow:
    """One row of a table: its cells by what they are."""

    seq: Cell | None = None
    groups: list[Cell] = field(default_factory=list)  # the group rows and category cells in force
    names: list[list[Cell]] = field(default_factory=list)  # name cells, each maybe broken in pieces
    subs: list[Cell] = field(default_factory=list)  # sub-labels of this row (其中:小学, 初中)
    values: list[Value | None] = field(default_factory=list)  # None: an empty cell that keeps its column
    binding: str | None = None
    unit: str | None = None
    year: int | None = None  # a deadline cell of the row (完成时限: 2025年)
    note: Cell | None = None  # the row's cell under a notes column (备注)
    cells: list[Cell] = field(default_factory=list)
    parent: TableRow | None = None  # the row a sub-row (其中:…) belongs to
    grouped: bool = False  # the subs are complete names under a group name (学历 over 本科及以上学历比例(%))
    row_major: bool = False  # sub-row values come a sub-row at a time (an attribute cell after each)
    extra: list[Cell] = field(default_factory=list)  # cells of a list row after its task cell

    @property
    def has_values(self) -> bool:
        return any(v is not None for v in self.values)

    @property
    def fresh(self) -> bool:
        return not (self.names or self.subs or self.values or self.seq)


@dataclass
class _Item:
    cell: Cell
    row_start: bool  # the first cell of a line that is a whole row
    last_line: int  # the last cleaned line of the line it came from


class RowReader(ValueCells):
    """Reads a stream of cells into :class:`TableRow` s under ``header``."""

    def __init__(self, header: Header, tr: CompiledTables, rules: RuleSet, notes: bool = False) -> None:
        self.header, self.tr, self.rules, self.notes = header, tr, rules, notes
        # value cells a row holds: one per value column, and one per column naming nothing known
        self.n_years = sum(1 for c in header.columns if c.role in ("year", "other"))
        roles = [c.role for c in header.columns]
        self.has_seq_column = "seq" in roles or "category" in roles
        after = roles[roles.index("seq") + 1:] if "seq" in roles else roles
        self.n_names = max(1, sum(1 for r in after if r in ("name", "category")))
        first_value = next((k for k, r in enumerate(roles) if r == "year"), len(roles))
        self.pre_value = {r for r in roles[:first_value] if r in ("unit", "binding")}
        last_value = max((k for k, r in enumerate(roles) if r in ("year", "other")), default=len(roles))
        self.note_after = "note" in roles[last_value + 1:]  # a 备注 column after the values
        self.rows: list[TableRow] = []
        self.row = TableRow()
        self.groups: list[Cell] = []
        self.last_seq: int | None = None
        self.items: list[_Item] = []
        self.last_kind: CellKind | None = None
        self._source: Iterator[CellLine] = iter(())
        # the header's own cells, repeated in the body after a page break
        self.header_texts = {c.text for c in header.cells if c.text}
        # a header on one line parted by spaces: a spaced row of as many cells lines up with it
        self.one_line_header = len(header.cells) > 1 and len({c.line for c in header.cells}) == 1

    # --- what a cell is -------------------------------------------------------------

    def kind(self, t: str) -> CellKind:
        tr, r = self.tr, self.tr.rules
        if not t or t in r.cells.empty:
            return "empty"
        if t in self.header_texts:
            return "skip"
        if t in r.bindings:
            return "binding"
        if _YEAR_CELL.fullmatch(t):
            return "time"
        if tr.seq.fullmatch(t):
            return "seq"
        if self.is_value(t):
            return "value"
        if len(t) <= 8 and tr.unit_cell.fullmatch(t):
            return "unit"
        if tr.group_row.match(t) and len(t) <= r.cells.max_chars:
            return "group"
        if tr.stop.match(t):
            return "stop"
        if len(t) > r.cells.max_chars or tr.prose.search(t):
            return "text"
        if any(is_han(c) for c in t):
            return "name"
        return "stop"

    # --- the state of the row -------------------------------------------------------

    def _complete(self) -> bool:
        return len(self.row.values) >= self.n_years * max(1, len(self.row.subs))

    def _value_stage(self) -> bool:
        row = self.row
        if not (row.names or row.subs):
            return False
        if row.values:
            return True
        if self.pre_value and (row.unit or row.binding):
            return True
        return len(row.names) >= self.n_names and not self.pre_value

    def _is_seq(self, t: str, k: int) -> bool:
        nxt = self._peek(k)
        if nxt is None or self.kind(nxt.text) not in ("name", "group"):
            return False
        row = self.row
        n = int(re.sub(r"\D", "", t) or 0)
        if row.fresh:
            return True
        if not row.has_values and not row.seq and (self.last_seq is not None or self.has_seq_column):
            return True  # a grouping cell (学前教育) stands before the row number
        if self.last_seq is not None and n == self.last_seq + 1 and (
                row.values or not self._value_stage() or (not row.has_values and not self._seq_again(k, n))):
            return True  # the next row number before a name: the row gave no value (only a unit)
        return self._complete()

    def _seq_again(self, k: int, n: int) -> bool:
        """Whether the row number ``n`` comes again shortly after cell ``k`` before a name (``3`` ⏎
        ``提品质`` ⏎ ``3`` ⏎ ``街区绿道长度``): then cell ``k`` was a value, the name a group."""
        for j in range(k + 2, min(len(self.items), k + _GROUP_LOOKAHEAD)):
            t = self.items[j].cell.text
            if self.tr.seq.fullmatch(t) and int(re.sub(r"\D", "", t) or -1) == n:
                nxt = self._peek(j)
                return nxt is not None and self.kind(nxt.text) == "name"
        return False

    def _peek(self, k: int) -> Cell | None:
        """The next cell with text after ``k`` (among those read ahead)."""
        for j in range(k + 1, len(self.items)):
            if self.items[j].cell.text:
                return self.items[j].cell
        return None

    def _row_follows(self, k: int) -> bool:
        """Whether cells after ``k`` make a row (a name, then a value), so that ``k`` is a group row."""
        seen_name = False
        for it in self.items[k + 1:k + 1 + _GROUP_LOOKAHEAD]:
            kd = self.kind(it.cell.text)
            if kd in ("stop", "text", "group"):
                return False
            if kd == "name":
                seen_name = True
            elif kd in ("value", "binding") and seen_name:
                return True
        return False

    # --- building rows --------------------------------------------------------------

    def flush(self) -> None:
        if self.row.names or self.row.subs or self.row.values:
            self.rows.append(self.row)
        self.row = TableRow(groups=list(self.groups))

    def read(self, lines: Iterable[CellLine]) -> tuple[list[TableRow], int]:
        """Rows of the body and the last cleaned line they take up (-1: none). ``lines`` is read
        only as far as the table goes (and a few cells beyond, to look ahead)."""
        self._source = iter(lines)
        last, k = -1, 0
        while self._fill(k + _GROUP_LOOKAHEAD + 1) > k:
            it = self.items[k]
            if not self._feed(it, k):
                break
            last = it.last_line
            k += 1
        self.flush()
        return self.rows, last

    def _fill(self, n: int) -> int:
        """Read lines until ``n`` cells are at hand (or the lines end); the number at hand."""
        while len(self.items) < n:
            cl = next(self._source, None)
            if cl is None or (self.header.delimited and not cl.delimited and not self._group_line(cl)):
                break  # a line without delimiters after a delimited table ends it, unless a group row
            cells = cl.cells
            if cl.row and sum(1 for c in cells if c.text in self.header_texts) > len(cells) // 2:
                continue  # the header again, after a page break
            if not cl.row and len(cells) > 1 and not self._spaced_row(cells):
                cells = [as_one(cells)]  # spaces inside a name, not between cells
            row_line = cl.row or len(cells) > 1
            if (cl.delimited or (row_line and self.one_line_header)) and len(cells) == len(self.header.columns):
                for c, col in zip(cells, self.header.columns):
                    c.role = col.role if col.role != "empty" else "note"  # type: ignore[assignment]
            self.items.extend(_Item(c, row_line and i == 0, cl.last) for i, c in enumerate(cells))
        return len(self.items)

    def _group_line(self, cl: CellLine) -> bool:
        """A group row written without delimiters inside a delimited table (一、城市环境): a merged
        cell spanning the row keeps none. Whether rows follow it is decided when it is read."""
        t = "".join(c.text for c in cl.cells)
        return bool(self.tr.group_row.match(t)) and len(t) <= self.tr.rules.cells.max_chars \
            and not self.tr.prose.search(t)

    def _spaced_row(self, cells: list[Cell]) -> bool:
        kinds = [self.kind(c.text) for c in cells]
        # a small whole number after the name is a value, not a row number (养老机构(家) 21)
        kinds = [k if k != "seq" or "name" not in kinds[:j] else "value" for j, k in enumerate(kinds)]
        return any(k in ("value", "binding") for k in kinds) and any(k in ("name", "seq") for k in kinds)

    def _feed(self, it: _Item, k: int) -> bool:
        """Read one cell; False when it ends the table."""
        cell, row = it.cell, self.row
        if it.row_start:
            if row.has_values or row.binding:
                self.flush()
            elif row.values:  # empty cells of a row broken over lines: this line holds its values
                row.values.clear()
        if cell.role is not None and cell.role not in ("name", "seq"):
            self._feed_role(cell)
            return True
        if cell.role is not None and not cell.text:
            return True
        if cell.role == "seq":
            if self.tr.seq.fullmatch(cell.text):
                self._start_seq(cell)
            return True
        kd: CellKind = "name" if cell.role == "name" else self.kind(cell.text)
        if kd == "skip":
            return True
        if kd == "seq" and not self._is_seq(cell.text, k):
            kd = "value"
        if kd == "group":
            if header_role(cell.text, self.tr) is None and self._row_follows(k):
                self.flush()
                self.groups = [cell]
                self.row.groups = [cell]
                return True
            return False
        done = self._feed_kind(kd, cell, k)
        self.last_kind = kd
        return done

    def _feed_kind(self, kd: CellKind, cell: Cell, k: int) -> bool:
        row = self.row
        if kd == "stop":
            return False
        if kd == "text":
            if not self._value_stage() or self._complete() or len(cell.text) > self.tr.rules.cells.max_text_value \
                    or cell.text.endswith("。"):
                return False
            self._add_value(cell, self._text_value(cell))
        elif kd == "seq":
            self._start_seq(cell)
        elif kd == "name":
            if self._unit_column_cell(cell):
                self._unit(cell)
            elif self._value_stage() and not self._complete() and not self.tr.unit_paren.search(cell.text) \
                    and find_quantities(cell.text, 0, self.rules):
                self._add_value(cell, self._text_value(cell))
            elif self._worded(cell):
                self._add_value(cell, None)  # 全覆盖: keeps its column, gives no record
            elif self._note_cell(cell, k):
                row.note = cell
                row.cells.append(cell)
            else:
                self._name(cell)
        elif kd == "time":
            if any(c.role == "time" for c in self.header.columns):
                row.year = int(cell.text[:4])
            row.cells.append(cell)
        elif kd == "value":
            self._add_value(cell, self.read_value(cell))
        elif kd == "empty":
            if row.names or row.subs:
                row.values.append(None)
                row.cells.append(cell)
        elif kd == "binding":
            if row.subs and len(row.values) == self.n_years < self.n_years * len(row.subs):
                row.row_major = True  # 82 | 95 | 预期性 | 31 | 50 | 预期性: a sub-row at a time
            row.binding = self.tr.rules.bindings[cell.text]
            row.cells.append(cell)
        elif kd == "unit":
            self._unit(cell)
        return True

    def _add_value(self, cell: Cell, value: Value | None) -> None:
        if self.row.has_values and self._complete() and not self.row.subs:
            self.flush()  # more values than columns: a row without a name of its own
        self.row.values.append(value)
        self.row.cells.append(cell)

    def _note_cell(self, cell: Cell, k: int) -> bool:
        """A cell under a notes column after the values (含专用充电桩): the row has its values
        and its attribute and no note yet, and no value follows (which would make the cell the
        next row's name)."""
        row = self.row
        if not (self.note_after and row.has_values and row.note is None and self.last_kind in ("binding", "value", "empty")
                and (self._complete() or row.binding is not None)) or self.tr.unit_paren.search(cell.text):
            return False
        nxt = self._peek(k)
        return nxt is None or self.kind(nxt.text) not in ("value", "empty", "unit")

    def _worded(self, cell: Cell) -> bool:
        """A value written in words (全覆盖, 基本达标) where the row waits for a value: not a piece
        of a name broken over lines, which ends like a name (达标率, 人数)."""
        t = cell.text
        return (self._value_stage() and not self._complete() and bool(self.tr.worded.search(t))
                and not self.tr.own_metric.search(t) and not self.tr.unit_paren.search(t)
                and len(t) <= _MAX_WORDED)

    def _unit_column_cell(self, cell: Cell) -> bool:
        """A short word right after the name, under a unit column standing before the values
        (万套, 栋): a unit the unit tables do not know."""
        row = self.row
        return ("unit" in self.pre_value and bool(row.names) and not row.unit and not row.binding
                and not row.values and self.last_kind == "name" and len(cell.text) <= _MAX_UNIT_WORD
                and not self.tr.sub_prefix.match(cell.text))

    def _unit(self, cell: Cell) -> None:
        row = self.row
        text = unit_form(cell.text.strip("()（）"), self.tr)
        last = row.values[-1] if row.values else None
        if self.last_kind == "value" and last is not None and (row.unit or "unit" not in self.pre_value):
            last.unit = last.unit or text  # 35.6 ⏎ 公里: the unit of the value above
        elif row.names or row.subs:
            row.unit = text
        row.cells.append(cell)

    def _feed_role(self, cell: Cell) -> None:
        row = self.row
        if cell.role == "year":
            for v in self._cell_values(cell):
                row.values.append(v)
        elif cell.role == "binding" and cell.text in self.tr.rules.bindings:
            row.binding = self.tr.rules.bindings[cell.text]
        elif cell.role == "unit" and cell.text and cell.text not in self.tr.rules.cells.empty:
            row.unit = unit_form(cell.text, self.tr)
        elif cell.role == "category" and cell.text:
            self.groups = [cell]
            row.groups = [cell]
        elif cell.role == "time" and _YEAR_CELL.match(cell.text):
            row.year = int(cell.text[:4])
        row.cells.append(cell)

    def _cell_values(self, cell: Cell) -> list[Value | None]:
        """The values of a year cell: one, or one per line of a cell holding sub-row values."""
        t = cell.text
        if not t or t in self.tr.rules.cells.empty:
            return [None]
        v = self.read_value(cell) if self.is_value(t) else None
        if v is not None:
            return [v]
        parts = [p for p in re.split(r"<br\s*/?>", t, flags=re.I) if p.strip()]
        if len(parts) == 1:
            parts = t.split()
        out: list[Value | None] = []
        pos = 0
        for p in parts:
            p = p.strip()
            a = t.find(p, pos)
            pos = a + len(p)
            if p in self.tr.rules.cells.empty:
                out.append(None)
            elif self.is_value(p):
                out.append(self.read_value(Cell(text=p, start=cell.start + a, end=cell.start + a + len(p), line=cell.line)))
            else:
                return [self._text_value(cell)]
        return out

    def _start_seq(self, cell: Cell) -> None:
        row = self.row
        if not row.has_values and not row.seq and row.names and not row.subs:
            # names before the row number are group cells (类别 | 序号 | 指标)
            self.groups = [c for name in row.names for c in name]
            row.names = []
        else:
            self.flush()
        self.row.groups = list(self.groups)
        self.row.seq = cell
        self.row.cells.append(cell)
        digits = re.sub(r"\D", "", cell.text)
        self.last_seq = int(digits) if digits else None

    def _name(self, cell: Cell) -> None:
        is_sub = bool(self.tr.sub_prefix.match(cell.text))
        row = self.row
        if row.has_values or row.binding or (row.values and not row.names):
            self.flush()
        row = self.row
        last = self.rows[-1] if self.rows else None
        if row.fresh and last is not None and (is_sub or ((last.subs or last.parent) and self._short_sub(cell))):
            row.parent = last.parent or last
            row.subs.append(cell)
        elif is_sub or row.subs:
            row.subs.append(cell)
        elif self._group_of_subs(cell):
            return
        elif row.names and (len(row.names) >= self.n_names or self.last_kind != "name"):
            row.names[-1].append(cell)  # a name broken over lines
        else:
            row.names.append([cell])
        row.cells.append(cell)

    def _group_of_subs(self, cell: Cell) -> bool:
        """A second whole name (one ending with its unit) before any value: the row is a group.

        ``幼儿园专任教师学历`` ⏎ ``专科及以上学历比例(%)`` ⏎ ``本科及以上学历比例(%)``: the pieces
        before the first whole name are the group's name, both whole names its sub-rows. A whole
        name alone before it is a row without values (a first row giving only a unit), which ends."""
        row = self.row
        if not (row.names and self.last_kind == "name" and not row.values and self.tr.unit_paren.search(cell.text)):
            return False
        pieces = row.names[-1]
        if not self.tr.unit_paren.search(pieces[-1].text):
            return False
        if len(pieces) == 1:
            self.flush()
            self.row.names.append([cell])
            self.row.cells.append(cell)
            return True
        row.names[-1] = pieces[:-1]
        row.subs = [pieces[-1], cell]
        row.grouped = True
        row.cells.append(cell)
        return True

    def _short_sub(self, cell: Cell) -> bool:
        t = cell.text
        return len(t) <= self.tr.rules.names.max_sub_chars and not self.tr.unit_paren.search(t)


@dataclass
class Table:
    """A table found in the document: its header, rows and the cleaned lines it spans."""

    kind: TableKind
    header: Header
    rows: list[TableRow]
    first_line: int  # cleaned line index of the header's first line
    last_line: int
    layout: str
    caption: str | None = None
    unit: str | None = None  # the unit a line above the table gives (单位：亩)
    paren_year: int | None = None  # the year a note gives bracketed values (括号内为2019年数据)
    mark_years: dict[int, int] = field(default_factory=dict)  # footnote mark -> the year its note gives
    notes: list[str] = field(default_factory=list)
