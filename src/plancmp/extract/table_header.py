"""Tables, part 2: the header, read by what each of its cells names.

A header cell names a column: the indicator (指标, 二级指标), a row number (序号),
a grouping (类别, 一级指标), a unit (单位), the attribute (属性), a value column
with a year (2020年, 目标值（2025年）, 2024年任务量) or without one (目标,
“十四五”完成值), a task or project (工作任务, 项目名称), a deadline (完成时间),
notes (推进单位). The header sits on one delimited line, over two rows
(``指标值`` spanning ``2020年 | 2025年``), or one cell per line or per paragraph,
where a cell may be broken over lines (``“十四五”`` ⏎ ``完成值``, ``目标值`` ⏎
``（2025年）``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .numbers import parse_integer
from .table_cells import (
    Cell,
    CompiledTables,
    Lines,
    delimited_rows,
    delimiter_of,
    joined_text,
    next_nonblank,
    one_cell,
    paragraph_mode,
    row_delimiters,
    split_cells,
)

Kind = Literal["target", "baseline"]

#: a header written one cell per line may have this many lines between its cells (blank ones)
MAX_HEADER_GAP = 2
#: a header cell is broken over at most this many lines
MAX_CELL_LINES = 3
#: a header written one cell per line holds at most this many cells (groups too): a longer run of
#: header words is no header (and reading it from every line of the run would cost its length squared)
MAX_HEADER_CELLS = 24
#: a header cell naming nothing known is at most this long
_MAX_OTHER = 8
_OPENS_QUALIFIER = re.compile(r"^[（(]")


@dataclass
class Column:
    """One column of a header: what its cells hold; a value column's year and kind."""

    role: str
    label: str = ""
    year: int | None = None
    kind: Kind | None = None
    explicit: bool = False  # the kind comes from the header's words (现状, 目标), not from the order
    growth: str | None = None  # a column of growth rates: the word its values add to the row's name (年均增长)


@dataclass
class Header:
    """The header of a table: its columns, its cells and the cleaned lines it spans."""

    columns: list[Column]
    first_line: int  # cleaned line index
    last_line: int
    delimited: bool  # the header sat on one delimited line (its columns can line up with the rows)
    paragraphs: bool = False  # one cell per paragraph: lines not parted by a blank line are one cell
    n_delims: int | None = None  # delimiters in a row of a delimited table
    cells: list[Cell] = field(default_factory=list)
    rest: list[Cell] = field(default_factory=list)  # cells after the header on its own line (a table run into one line)

    @property
    def years(self) -> list[Column]:
        """The value columns, in order (with a year or not)."""
        return [c for c in self.columns if c.role == "year"]

    @property
    def is_list(self) -> bool:
        """A task or project list (工作任务, 项目名称 …) rather than an indicator table."""
        return not self.years

    def count(self, *roles: str) -> int:
        return sum(1 for c in self.columns if c.role in roles)


def header_role(text: str, tr: CompiledTables) -> Column | None:
    """The column a header cell names, or None when it names none."""
    t = re.sub(r"\s+", "", text)
    if not t:
        return Column(role="empty")
    for role, pat in (("name", tr.name), ("seq", tr.seq_head), ("binding", tr.binding_head),
                      ("unit", tr.unit_head), ("category", tr.category), ("note", tr.note),
                      ("task", tr.task), ("time", tr.time), ("group", tr.group)):
        if pat.fullmatch(t):
            return Column(role=role, label=t)
    g = tr.growth.fullmatch(t)
    if g:
        # a target unless the table reviews the past (a caption saying 完成情况): not explicit
        return Column(role="year", label=t, kind="target", growth=g.group("word"))
    m = tr.year.fullmatch(t)
    end = tr.period_end.fullmatch(t) if m is None else None
    if m or end:
        h = tr.rules.header
        year = int(m.group("year")) if m else tr.five_year(parse_integer(end.group("n")) or 0)[1]  # type: ignore[union-attr]
        kind: Kind | None = None
        if any(w in t for w in h.baseline_words):
            kind = "baseline"
        elif any(w in t for w in h.target_words):
            kind = "target"
        return Column(role="year", label=t, year=year, kind=kind, explicit=kind is not None)
    if tr.base_col.fullmatch(t):
        return Column(role="year", label=t, kind="baseline", explicit=True)
    if tr.target_col.fullmatch(t):
        return Column(role="year", label=t, kind="target", explicit=True)
    return None


def columns_of(cells: list[Cell], tr: CompiledTables, lenient: bool = False) -> list[Column] | None:
    """The columns ``cells`` name; None when one names nothing. ``lenient``: a few cells naming
    nothing known (年均增长) are columns of their own (``other``) whose cells are not read."""
    cols = [header_role(c.text, tr) for c in cells]
    unknown = sum(1 for c in cols if c is None)
    if not cells or (unknown and not (lenient and unknown <= max(1, len(cells) // 3))):
        return None
    return [c or Column(role="other", label=cell.text) for c, cell in zip(cols, cells)]


def named_first(cells: list[Cell], tr: CompiledTables) -> list[Column] | None:
    """The columns of a header whose first cell names its rows in words of its own (设施类型,
    服务项目) and whose other cells are all known, with a value column among them: that first
    cell is the name column."""
    if len(cells) < 2 or len(cells[0].text) > _MAX_OTHER or any(ch.isdigit() for ch in cells[0].text) \
            or tr.place_rows.fullmatch(cells[0].text):
        return None  # places as rows (街道 | 2025年 | …) make a grid
    rest = columns_of(cells[1:], tr, lenient=True)
    if rest is None or not any(c.role == "year" for c in rest) or any(c.role in ("name", "task") for c in rest):
        return None
    return [Column(role="name", label=cells[0].text), *rest]


def finish_header(columns: list[Column]) -> bool:
    """Whether ``columns`` make a header; fixes the kind of each value column.

    An indicator table has an indicator (or row-number) column and a value column; a task
    list has a task column and a row-number, deadline or notes column."""
    roles = {c.role for c in columns}
    years = [c for c in columns if c.role == "year"]
    if not years:
        return "task" in roles and bool(roles & {"seq", "time", "note", "unit"})  # a list's 单位 is who does it
    for c in columns:
        if c.role == "task":
            c.role = "name"  # 项目 over values names the indicator
    if not roles & {"name", "seq", "task"}:
        if columns[0].role != "empty":
            return False
        columns[0].role = "name"  # the corner cell left empty (| | 2020年 | 2025年 |) heads the names
    order_kinds(years)
    return True


def order_kinds(years: list[Column], start: int | None = None) -> None:
    """The kind of each value column its words leave open: a year before the plan's period
    (``start``, when known) is the baseline and one within it a target; without the period,
    the earliest of two or more is the baseline unless another column says it is."""
    open_ = [c for c in years if not c.explicit]
    if start is not None:
        for c in open_:
            c.kind = "baseline" if c.year is not None and c.year < start else "target"
        return
    earliest = min((c.year for c in open_ if c.year is not None), default=None)
    told = any(c.explicit and c.kind == "baseline" for c in years)
    for c in open_:
        c.kind = "baseline" if len(years) > 1 and c.year == earliest and not told else "target"


def _second_row(lines: Lines, i: int, cols: list[Column], tr: CompiledTables) -> tuple[list[Column], int] | None:
    """A header over two rows (``指标 | 指标值 | 属性`` then ``| 2020年 | 2025年 |``): the
    merged columns and the line of the second row."""
    if not any(c.role == "group" or (c.role == "year" and c.year is None) for c in cols):
        return None
    j = next_nonblank(lines, i)
    if j is None:
        return None
    below = columns_of(split_cells(lines[j][2], lines[j][0], j, len(cols))[0], tr)
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


def _run_together(cells: list[Cell], i: int, tr: CompiledTables) -> Header | None:
    """A table run into one line of cells parted by spaces (``主要指标 序号 指标 2020年 2025年
    属性 1 学前教育毛入园率(%) 92 95 预期性 …``): the longest run of header cells, the rest
    its rows."""
    roles = [header_role(c.text, tr) for c in cells]
    start = next((k for k, r in enumerate(roles) if r is not None and r.role in ("seq", "name", "category")), None)
    if start is None:
        return None
    end = start
    while end < len(cells) and roles[end] is not None and roles[end].role != "empty":  # type: ignore[union-attr]
        end += 1
    cols = [r for r in roles[start:end] if r is not None]
    if end == len(cells) or len(cols) < 2 or not finish_header(cols):
        return None
    return Header(columns=cols, first_line=i, last_line=i, delimited=False, cells=cells[start:end], rest=cells[end:])


def _named_first_header(cells: list[Cell], i: int, tr: CompiledTables) -> Header | None:
    cols = named_first(cells, tr)
    if cols is None or not finish_header(cols):
        return None
    for c, col in zip(cells, cols):
        c.role = col.role  # type: ignore[assignment]
    return Header(columns=cols, first_line=i, last_line=i, delimited=False, cells=cells)


def _one_line_header(lines: Lines, i: int, tr: CompiledTables) -> Header | None:
    s, _, text = lines[i]
    d = delimiter_of(text)
    cells, delimited = split_cells(text, s, i)
    if len(cells) < 2:
        return None
    if d is None and columns_of(cells, tr) is None:
        return _run_together(cells, i, tr) or _named_first_header(cells, i, tr)
    last, n_delims = i, None
    if d is not None:
        # a wrap may have cut the header line: its last cells (or its closing delimiter) go on below
        n_delims = row_delimiters(lines, i, d)
        got = delimited_rows(lines, i, n_delims)
        if got is not None and len(got[1]) > 1 and columns_of(got[0], tr, lenient=True) is not None:
            cells, taken = got
            last = taken[-1]
    cols = columns_of(cells, tr, lenient=d is not None)
    if d is not None and cols is not None and cols[0].role == "other":
        cols = named_first(cells, tr) or cols
    if cols is None:
        return None
    two = _second_row(lines, last, cols, tr)
    if two is not None:
        cols, last = two
    if not finish_header(cols):
        return None
    for c, col in zip(cells, cols):
        c.role = col.role  # type: ignore[assignment]
    return Header(columns=cols, first_line=i, last_line=last, delimited=delimited, n_delims=n_delims, cells=cells)


def _header_cell(lines: Lines, j: int, tr: CompiledTables) -> tuple[Column, list[int]] | None:
    """The header cell starting at line ``j``: the line alone, or joined with the lines under it
    when alone it names nothing (``“十四五”`` ⏎ ``完成值``) or they add a qualifier in brackets
    (``目标值`` ⏎ ``（2025年）``)."""
    run = [j]
    while len(run) < MAX_CELL_LINES and run[-1] + 1 < len(lines) and lines[run[-1] + 1][2].strip():
        run.append(run[-1] + 1)
    alone = header_role(lines[j][2], tr)
    for k in range(len(run), 1, -1):
        if alone is not None and not _OPENS_QUALIFIER.match(lines[run[1]][2].strip()) \
                and not _one_paragraph(lines, run, alone, tr):
            break
        col = header_role(joined_text([lines[x][2] for x in run[:k]]), tr)
        if col is not None and col.role != "empty":
            return col, run[:k]
    if alone is None or alone.role == "empty":
        return None
    return alone, [j]


def _one_paragraph(lines: Lines, run: list[int], alone: Column, tr: CompiledTables) -> bool:
    """Whether two lines set apart by blank lines are one header cell naming a value column
    (``2020年`` ⏎ ``基础值``, ``目标值`` ⏎ ``2025年``): a year and a word of a value column."""
    j = run[0]
    if len(run) != 2 or (j > 0 and lines[j - 1][2].strip()) or alone.role != "year":
        return False
    after = run[1] + 1
    if after < len(lines) and lines[after][2].strip():
        return False
    other = header_role(lines[run[1]][2], tr)
    return other is not None and other.role == "year" and (alone.year is None) != (other.year is None)


def _other_cell(lines: Lines, j: int, tr: CompiledTables) -> tuple[Column, list[int]] | None:
    """A header cell naming nothing known (年均增速) between two that do: a column of its own."""
    t = lines[j][2].strip()
    nxt = next_nonblank(lines, j)
    if tr.seq.fullmatch(t) or any(ch.isdigit() for ch in t) or len(t) > _MAX_OTHER or nxt is None:
        return None
    after = _header_cell(lines, nxt, tr)
    if after is None or after[0].role in ("empty", "group"):
        return None
    return Column(role="other", label=t), [j]


def _cell_per_line_header(lines: Lines, i: int, tr: CompiledTables) -> Header | None:
    """A header written one cell per line (or per paragraph), across blank lines."""
    columns: list[Column] = []
    cells: list[Cell] = []
    j, last, read = i, i, 0
    while j < len(lines) and j - last <= MAX_HEADER_GAP + (0 if not columns else 1):
        if not lines[j][2].strip() or tr.skip.fullmatch(lines[j][2].strip()):
            j += 1
            continue
        got = _header_cell(lines, j, tr)
        if got is None and columns:
            got = _other_cell(lines, j, tr)
        if got is None or (columns and delimiter_of(lines[j][2])):
            break
        col, taken = got
        read += 1
        if read > MAX_HEADER_CELLS:
            return None
        if col.role != "group":
            columns.append(col)
            cells.append(one_cell(lines, taken))
            cells[-1].role = col.role  # type: ignore[assignment]
        last = j = taken[-1]
        j += 1
    if len(columns) < 2 or not finish_header(columns):
        return None
    return Header(columns=columns, first_line=i, last_line=last, delimited=False,
                  paragraphs=paragraph_mode(lines, i, last), cells=cells)


def find_header(lines: Lines, i: int, tr: CompiledTables) -> Header | None:
    """A header starting at cleaned line ``i``: on one line, or one cell per line."""
    text = lines[i][2]
    if not text.strip():
        return None
    first = split_cells(text, lines[i][0], i)[0]
    if len(first) > 1:
        return _one_line_header(lines, i, tr)
    return _cell_per_line_header(lines, i, tr)
