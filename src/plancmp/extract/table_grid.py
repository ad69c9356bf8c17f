"""Tables, part 6: grids whose rows are places and whose columns are categories and years.

An annex that shares a task out (任务量分解表) has a row per town or district
(``青村镇``, ``奉城镇`` with sub-rows ``老奉城`` / ``头桥``, ``总计``) and a
value per column, under a header of several rows whose cells span others::

    街镇 | 存量用地 (图斑面积 | 个数) | 重点类型 (A类 | B类) | 分年度任务量 (2024年 | 2025年)

Flattened one cell per line, the header is a run of labels read row by row
(as HTML lists them), so which label stands over which column is not written.
:func:`fit_header` finds the spans that tile the grid under what the cells
say: a label repeated in the header (``图斑面积``) and a year stand at the
bottom over one column; a year's siblings are years; a cell spanning rows
has two children or more. The data give the number of columns.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations

from ..models import Section, Target
from ..prepare.document import Doc
from ..ruleset import RuleSet
from .table_cells import (
    Cell,
    CompiledTables,
    Lines,
    body_lines,
    compiled,
    delimiter_of,
    paragraph_mode,
    row_delimiters,
)
from .table_header import Column, Header
from .table_records import make_target, name_and_unit, row_text
from .table_rows import RowReader, Table, TableRow

#: a header cell is at most this long
_MAX_LABEL = 30
#: cells looked at from a candidate first header cell to the first row of values
_MAX_HEADER_CELLS = 60
#: rows of labels a delimited grid's header holds at most (more are a list of names, not a header)
_MAX_HEADER_ROWS = 8
#: a grid has at least this many value columns and rows
_MIN_VALUES = 2
_MIN_ROWS = 2
#: readings of one header weighed at most (the cells holding cells are chosen among its top row)
_MAX_READINGS = 5000
#: the price of a reading that leaves measures without a cell over them: not a reading
_MISFIT = 100.0
_YEAR_CELL = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*年")
_SPAN = re.compile(r"(?:19|20)\d\d\s*[-—~至到]\s*(?:19|20)?\d\d")
_SPAN_HEAD = re.compile(r"^(?:19|20)\d\d\s*[-—~至到]\s*(?:19|20)?\d\d\s*年?(?:度)?")
_CAPTION = re.compile(r"(?:表|清单|一览)$|^附[件表]|单位\s*[:：]")


# --- fitting spans to a flattened header ----------------------------------------------

def _is_year(text: str) -> bool:
    return bool(_YEAR_CELL.match(text)) and not _SPAN.search(text)


def _measure_groups(labels: list[str], start: int, years: set[int]) -> list[list[int]]:
    """The bottom row from ``start`` cut into the groups each cell above it holds: a group ends
    where a measure comes again (图斑面积, 个数 | 图斑面积 | …); a run of years is a group."""
    groups: list[list[int]] = []
    for k in range(start, len(labels)):
        cur = groups[-1] if groups else None
        is_year = k in years
        if cur is None or (k - 1 in years) != is_year or (not is_year and any(labels[j] == labels[k] for j in cur)):
            groups.append([k])
        else:
            cur.append(k)
    return groups


@dataclass
class _Reading:
    """One way to read a header: per column the labels over it, and how odd the reading is."""

    columns: list[list[int]]
    cost: float


class _HeaderReader:
    """Reads a flattened header of up to three rows over ``width`` columns.

    The bottom row starts at the first label repeated in the header (a measure written under
    every group: 图斑面积); it splits into the groups the cells above hold. Years stand under a
    cell naming a period or a task (分年度任务量), a period total (2024-2026年任务量) over its own
    column. What is left are cells holding a group of measures and, above them, cells holding
    such cells: which is which is chosen so that groups side by side hold the same measures."""

    def __init__(self, labels: list[str], width: int, year_parent_words: list[str]) -> None:
        self.labels, self.width, self.year_parent_words = labels, width, year_parent_words
        seen: dict[str, int] = {}
        for t in labels:
            seen[t] = seen.get(t, 0) + 1
        self.bottom = next((k for k, t in enumerate(labels) if seen[t] > 1), len(labels))
        measures = {t for t in labels[self.bottom:] if seen[t] > 1}
        self.years = {k for k, t in enumerate(labels) if _is_year(t)}
        self.measured = {k for k, t in enumerate(labels[:self.bottom]) if any(t.endswith(m) for m in measures)}
        self.leaves = {0} | {k for k in self.years if k < self.bottom} | \
            {k for k, t in enumerate(labels[:self.bottom]) if _SPAN.search(t)}
        self.year_parent = self._year_parent()
        self.leaves |= self.measured - {self.year_parent}  # …任务量图斑面积 names its column whole

    def _year_parent(self) -> int | None:
        """The cell the years stand under: a measure (分年度任务量图斑面积), else a period or a task."""
        if not self.years:
            return None
        before = range(min(min(self.years), self.bottom) - 1, 0, -1)
        for k in before:
            if k in self.measured and k not in self.leaves:
                return k
        for k in before:
            if k not in self.leaves and any(w in self.labels[k] for w in self.year_parent_words):
                return k
        return None

    def read(self) -> list[list[int]] | None:
        groups = _measure_groups(self.labels, self.bottom, self.years)
        if any(g[0] in self.years for g in groups) and self.year_parent is None:
            return None
        groups = [g for g in groups if g[0] not in self.years]
        year_groups = [sorted(self.years)] if self.year_parent is not None else []
        upper = [k for k in range(self.bottom) if k not in self.leaves and k != self.year_parent]
        n_parents = len(upper) - len(groups)
        if not groups:
            upper_leaves, n_parents = set(upper), 0  # no measures below: the cells are columns
        else:
            upper_leaves = set()
        if n_parents < 0:
            return None
        best: _Reading | None = None
        for n, reading in enumerate(self._readings(upper, upper_leaves, groups, year_groups, n_parents)):
            if n >= _MAX_READINGS:
                break  # a header this open is read as far as this
            if best is None or reading.cost < best.cost:
                best = reading
        if best is None or best.cost >= _MISFIT or len(best.columns) != self.width:
            return None
        return best.columns

    def _readings(self, upper: list[int], upper_leaves: set[int], groups: list[list[int]],
                  year_groups: list[list[int]], n_parents: int) -> Iterator[_Reading]:
        """Every reading with ``n_parents`` cells holding cells (in the top row) and the rest of
        ``upper`` holding measure groups, the top row ending as early as it can."""
        must_top = max([*self.measured, self.year_parent or 0, 0])
        for end in range(must_top + 1, self.bottom + 1):
            top = [k for k in upper if k < end]
            second = [k for k in upper if k >= end]
            if (n_parents == 0 and second) or len(second) < n_parents or len(top) < n_parents:
                continue  # each cell holding cells holds one at least
            for parents in combinations(top, n_parents):
                for split in _compositions(len(second), n_parents):
                    yield self._reading(end, set(parents), second, split, groups, year_groups, upper_leaves)
            if n_parents == 0:
                break

    def _reading(self, end: int, parents: set[int], second: list[int], split: list[int],
                 groups: list[list[int]], year_groups: list[list[int]], upper_leaves: set[int]) -> _Reading:
        children: dict[int, list[int]] = {}
        pos = 0
        for p, n in zip(sorted(parents), split):
            children[p] = second[pos:pos + n]
            pos += n
        queue = iter(groups)
        held: dict[int, list[int]] = {}
        columns: list[list[int]] = []
        cost = 0.2 * sum(1 for k in range(end) if k not in parents and k not in self.leaves
                         and k != self.year_parent and k not in upper_leaves and self.bottom < len(self.labels))
        for k in range(end):
            if k in self.years and self.year_parent is not None:
                continue  # under their parent
            if k in self.leaves or k in upper_leaves:
                columns.append([k])
            elif k == self.year_parent:
                columns += [[k, y] for y in (year_groups[0] if year_groups else [])]
            elif k in parents:
                for c in children[k]:
                    held[c] = next(queue, [])
                    columns += [[k, c, m] for m in held[c]]
                shapes = {tuple(self.labels[m] for m in held[c]) for c in children[k]}
                cost += 0.5 * (len(shapes) - 1)
            else:
                held[k] = next(queue, [])
                columns += [[k, m] for m in held[k]]
        if next(queue, None) is not None or any(not g for g in held.values()):
            cost += _MISFIT  # groups of measures left over, or a cell holding none
        sizes = [len(v) for v in children.values()]
        cost += 0.01 * (max(sizes) - min(sizes)) if sizes else 0.0
        return _Reading(columns=columns, cost=cost)


def _compositions(n: int, parts: int) -> Iterator[list[int]]:
    """Ways to cut ``n`` items, in order, into ``parts`` non-empty runs (their lengths)."""
    if parts == 0:
        if n == 0:
            yield []
        return
    for cut in combinations(range(1, n), parts - 1):
        bounds = (0, *cut, n)
        yield [bounds[i + 1] - bounds[i] for i in range(parts)]


def fit_header(labels: list[str], width: int, year_parent_words: list[str]) -> list[list[int]] | None:
    """For each of ``width`` columns, the indexes of the header cells over it, top to bottom;
    None when the labels do not read as a header of that width. ``year_parent_words``: words
    of the cell years stand under (rules/tables.toml ``grid``)."""
    if len(labels) == width:
        # one row: its columns are told apart by their labels
        return [[k] for k in range(width)] if len(set(labels)) == width else None
    return _HeaderReader(labels, width, year_parent_words).read()


# --- finding a grid -----------------------------------------------------------------

@dataclass
class GridColumn:
    """A value column of a grid: its label (the header cells over it, joined), kind, year, unit."""

    label: str
    kind: str
    year: int | None
    unit: str | None


@dataclass
class _Body:
    rows: list[TableRow] = field(default_factory=list)
    last: int = -1


def find_grid(lines: Lines, i: int, tr: CompiledTables, rules: RuleSet) -> Table | None:
    """A grid whose header starts at cleaned line ``i``, or None (for one line; a document's
    lines are tried through one :class:`GridFinder`)."""
    return GridFinder(lines, tr, rules).at(i)


class GridFinder:
    """Grids tried at each line of one document. The header walk from a line reads up to
    ``_MAX_HEADER_CELLS`` cells; each cell is read and judged once per document (its reading
    depends only on the line it starts on and the paragraph mode), so trying every line of a
    run of labels costs a lookup per cell, not a value parse."""

    def __init__(self, lines: Lines, tr: CompiledTables, rules: RuleSet) -> None:
        self.lines, self.tr, self.rules = lines, tr, rules
        self._reader = _value_reader(0, tr, rules)
        self._steps: dict[tuple[int, bool], tuple[Cell | None, str, int] | None] = {}

    def _step(self, p: int, paragraphs: bool) -> tuple[Cell | None, str, int] | None:
        """The cell the header walk reads next from line ``p`` (a cell was just read, or the walk
        starts there), how it is judged (value, label or stop) and the line after it; None where
        the walk ends."""
        key = (p, paragraphs)
        if key not in self._steps:
            cl = next(body_lines(self.lines, p, paragraphs, None, 2, skip=self.tr.skip), None)
            if cl is None:
                self._steps[key] = None
            else:
                t = cl.cells[0].text if len(cl.cells) == 1 else ""
                kind = "stop" if not t else "value" if self._reader.is_value(t) and not _is_year(t) \
                    else "label" if _label_line(t, self.tr) else "stop"
                self._steps[key] = (cl.cells[0] if t else None, kind, cl.lines[-1] + 1)
        return self._steps[key]

    def at(self, i: int) -> Table | None:
        """A grid whose header starts at cleaned line ``i``, or None."""
        lines, tr = self.lines, self.tr
        text = lines[i][2].strip()
        d = delimiter_of(text)
        if d is not None:
            return _delimited_grid(lines, i, d, tr, self.rules)
        if not _label_line(text, tr):
            return None
        paragraphs = paragraph_mode(lines, i, min(len(lines) - 1, i + 8))
        header: list[Cell] = []
        p = i
        while (step := self._step(p, paragraphs)) is not None:
            cell, kind, p = step
            if cell is None or len(header) > _MAX_HEADER_CELLS or kind == "stop":
                return None
            if kind == "value":
                break
            header.append(cell)
        else:
            return None
        if len(header) < 3:
            return None
        # the last label before the first value is the first row's label, maybe under a parent label
        # (a place: 东岭镇 over 东村片)
        first = 2 if tr.place.search(header[-2].text) and not tr.place.search(header[-1].text) else 1
        body = _read_body(lines, header[-first].line, paragraphs, tr, _value_reader(i, tr, self.rules))
        layout = "one-cell-per-line"  # with or without blank lines between the cells
        return _grid(header[:-first], body, i, paragraphs, layout, tr)


def _value_reader(i: int, tr: CompiledTables, rules: RuleSet) -> RowReader:
    return RowReader(Header(columns=[], first_line=i, last_line=i, delimited=False), tr, rules)


def _grid(labels: list[Cell], body: _Body, first: int, paragraphs: bool, layout: str,
          tr: CompiledTables) -> Table | None:
    if len(body.rows) < _MIN_ROWS:
        return None
    width = len(body.rows[0].values)
    fit = fit_header([c.text for c in labels], width + 1, tr.rules.grid.year_parent_words)
    if fit is None:
        return None
    columns = [Column(role="name", label=labels[0].text)]
    columns += [Column(role="year", label=_label(labels, idx)) for idx in fit[1:]]
    head = Header(columns=columns, first_line=first, last_line=labels[-1].line, delimited=layout == "pipes",
                  paragraphs=paragraphs, cells=labels)
    return Table(kind="grid", header=head, rows=body.rows, first_line=first, last_line=body.last, layout=layout)


def _delimited_grid(lines: Lines, i: int, d: str, tr: CompiledTables, rules: RuleSet) -> Table | None:
    """A grid written with pipes or tabs: header lines of labels (empty cells under spanning
    ones), then lines of a label and values."""
    reader = _value_reader(i, tr, rules)
    n_delims = row_delimiters(lines, i, d)
    labels: list[Cell] = []
    body = _Body()
    width: int | None = None
    label_rows = 0
    for cl in body_lines(lines, i, False, n_delims, 1):
        cells = [c for c in cl.cells if c.text]
        if not cl.delimited or not cells:
            break
        values = [c for c in cl.cells[1:] if reader.is_value(c.text) and not _is_year(c.text)
                  or c.text in tr.rules.cells.empty]
        if not values:
            if body.rows or not all(_label_line(c.text, tr) for c in cells):
                break
            labels.extend(cells)
            label_rows += 1
            if label_rows > _MAX_HEADER_ROWS:
                return None
            continue
        if not labels or not _label_line(cl.cells[0].text, tr) or len(values) != len(cl.cells) - 1 \
                or (width is not None and len(values) != width):
            break
        width = len(values)
        row = TableRow(names=[[cl.cells[0]]], cells=list(cl.cells))
        row.values = [reader.read_value(c) if c.text not in tr.rules.cells.empty else None for c in values]
        body.rows.append(row)
        body.last = cl.last
    return _grid(labels, body, i, False, "pipes", tr) if labels else None


def _label_line(t: str, tr: CompiledTables) -> bool:
    return bool(t) and len(t) <= _MAX_LABEL and not tr.prose.search(t) and not _CAPTION.search(t) \
        and not tr.stop.match(t) and not tr.seq.fullmatch(t)


def _label(labels: list[Cell], idx: list[int]) -> str:
    return "\x1f".join(labels[k].text for k in idx)


def _read_body(lines: Lines, start: int, paragraphs: bool, tr: CompiledTables, reader: RowReader) -> _Body:
    """Rows of a label (maybe under a parent label) and as many values as the first row has."""
    body = _Body()
    width: int | None = None
    labels: list[Cell] = []
    row: TableRow | None = None
    parent: Cell | None = None
    for cl in body_lines(lines, start, paragraphs, None, 2, skip=tr.skip):
        cell = cl.cells[0] if len(cl.cells) == 1 else None
        if cell is None:
            break
        t = cell.text
        if reader.is_value(t) or t in tr.rules.cells.empty:
            if not labels and row is None:
                break
            if labels:
                parent, row = _open_row(labels, parent, tr)
                body.rows.append(row)
                labels = []
            assert row is not None
            if width is not None and len(row.values) >= width:
                break
            row.values.append(reader.read_value(cell) if t not in tr.rules.cells.empty else None)
            row.cells.append(cell)
            body.last = cl.last
            continue
        if not _label_line(t, tr) or len(labels) >= 2:
            break
        if row is not None:
            width = width or len(row.values)
            if len(row.values) != width:
                break
        labels.append(cell)
    if body.rows and width is not None and len(body.rows[-1].values) != width:
        body.rows.pop()
    if len(body.rows) == 1 or (body.rows and len(body.rows[0].values) < _MIN_VALUES):
        body.rows = []
    return body


def _open_row(labels: list[Cell], parent: Cell | None, tr: CompiledTables) -> tuple[Cell | None, TableRow]:
    """A row under ``labels``: two labels are a parent and its sub-row (奉城镇 / 老奉城); one label
    without a place suffix after such a pair is another sub-row of the same parent (头桥)."""
    if len(labels) == 2:
        parent = labels[0]
        return parent, TableRow(groups=[parent], names=[[labels[1]]], cells=list(labels))
    label = labels[0]
    if parent is not None and tr.place.search(parent.text) and not tr.place.search(label.text):
        return parent, TableRow(groups=[parent], names=[[label]], cells=[label])
    return None, TableRow(names=[[label]], cells=[label])


# --- records ------------------------------------------------------------------------

def _caption_metric(caption: str | None, tr: CompiledTables) -> str | None:
    """What a grid of years counts, from its caption: 各街道新增托育托位分解表 -> 新增托育托位."""
    if not caption:
        return None
    core = tr.caption_tail.sub("", tr.caption_head.sub("", caption.strip())).strip()
    return core or None


def grid_columns(table: Table, tr: CompiledTables, period_start: int | None = None) -> list[GridColumn]:
    """Label, kind, year and unit of each value column (a year before ``period_start`` is a baseline)."""
    out = []
    explicit_target = any(tr.grid_target.search(c.label) for c in table.header.columns[1:])
    for col in table.header.columns[1:]:
        parts = col.label.split("\x1f")
        year = next((int(m.group("year")) for p in parts if _is_year(p) for m in [_YEAR_CELL.match(p)] if m), None)
        words = [p for p in parts if not _is_year(p)]
        path = "".join(words)
        if year is not None and period_start is not None and year < period_start:
            kind = "baseline"
        elif tr.grid_target.search(path) or (year is not None and not tr.grid_base.search(path)):
            kind = "target"
        elif tr.grid_base.search(path) or explicit_target:
            kind = "baseline"
        else:
            kind = "target"
        # the shortest name of the column: below its top group when it has a group of its own
        # (大吴泾图斑面积 rather than 重点开发区域大吴泾图斑面积), its period left to the year field
        label = _SPAN_HEAD.sub("", "".join(words[1:] if len(words) > 2 else words))
        label = label or _caption_metric(table.caption, tr) or "".join(parts)
        name, unit = name_and_unit([Cell(text=label, start=0, end=0, line=0)], tr)
        m = tr.count_label.search(name)
        if unit is None and m:
            unit = m.group("unit") or "个"
        out.append(GridColumn(label=name, kind=kind, year=year, unit=unit or table.unit))
    return out


def grid_records(doc: Doc, table: Table, sections: list[Section], rules: RuleSet,
                 period_start: int | None = None) -> list[Target]:
    """One record per value cell: the column's label with the row's label in brackets."""
    tr = compiled(rules)
    cols = grid_columns(table, tr, period_start)
    doubts = ["table:spanning-header"] if len(table.header.cells) > len(cols) + 1 else []
    out: list[Target] = []
    for row in table.rows:
        place = "".join(c.text for c in row.groups) + "".join(c.text for c in row.names[0])
        text = row_text(doc, row)
        for col, v in zip(cols, row.values):
            if v is None:
                continue
            d = [*doubts, *v.doubts] + ([] if col.year else ["table:no-year"]) + ([] if col.unit else ["table:no-unit"])
            out.append(make_target(doc, v.cell, metric=f"{col.label}（{place}）", value=v, unit=col.unit or "",
                                   kind=col.kind, year=col.year, binding=None, sections=sections, text=text,
                                   rule=f"table:grid:{table.layout}", doubts=d))
    return out
