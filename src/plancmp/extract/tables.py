"""Stage 5b, tables: every table of a plan as a typed :class:`Table`, and the records it gives.

A table is a header plus rows of cells, whatever carries the cells
(:mod:`~plancmp.extract.table_cells`). Three kinds are read:

- **indicator tables** (``指标 | 2020年 | 2025年 | 属性``, ``“十四五”完成值 | “十五五”目标值``):
  the header is recognised by what its cells name (:mod:`~plancmp.extract.table_header`)
  and rows are fitted to it by content (:mod:`~plancmp.extract.table_rows`); each
  row gives a baseline and a target record per value column
  (:mod:`~plancmp.extract.table_records`);
- **grids** whose rows are places (towns, districts) and whose columns are
  categories and years, under a header of several rows
  (:mod:`~plancmp.extract.table_grid`); a record per cell, its metric the column
  with the row in brackets;
- **task and project lists** (``序号 | 工作任务 | 推进单位``, ``重点项目一览表``): rows
  the projects stage takes as list entries (:mod:`~plancmp.extract.table_lists`).

:func:`find_tables` finds them once per document; :func:`read_table` reads rows of
cells handed over whole (from HTML, DOCX or PDF structure) with the same readers.
Lines of indicator tables and grids are not read again as running text
(:func:`table_lines`); a table's lines are never sections (:func:`body_lines_of`).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import chain

from ..models import Section, Target
from ..prepare.document import Doc
from ..ruleset import RuleSet
from .table_cells import Cell, CellLine, CompiledTables, Lines, body_lines, compiled
from .table_header import Header, columns_of, find_header, finish_header
from .table_grid import GridFinder, grid_records
from .table_lists import ListEntry, list_entries, read_list
from .table_records import table_records
from .table_rows import RowReader, Table, TableKind, TableRow

#: more blank lines than this in a row end a table
MAX_BLANK_RUN = 3
#: a line this long is prose: it is not tried as a header (which saves the work; header cells are short)
MAX_HEADER_LINE = 200
#: lines above a header searched for its caption and a unit line (单位：万元)
_CAPTION_LINES = 3
#: lines under a table searched for its notes (注：1. …)
_NOTE_LINES = 4
#: lines after a header searched for numbered notes, whose marks may be glued to values (35%1)
_NOTE_SCAN = 300


def find_tables(doc: Doc, rules: RuleSet) -> list[Table]:
    """Every table of ``doc``, in order (found once per document and rule set: the tables,
    targets, sections and projects stages all ask)."""
    key = f"tables.find_tables:{id(rules)}:{id(doc.mapped)}"
    hit = doc.derived.get(key)
    if hit is None:
        hit = doc.derived[key] = _find_tables(doc.lines(), rules)
    return hit  # type: ignore[return-value]


def _find_tables(lines: Lines, rules: RuleSet) -> list[Table]:
    tr = compiled(rules)
    out: list[Table] = []
    grids = GridFinder(lines, tr, rules)
    i = 0
    while i < len(lines):
        text = lines[i][2].strip()
        if not text or len(text) > MAX_HEADER_LINE:
            i += 1
            continue
        header = find_header(lines, i, tr)
        table = None
        if header is not None:
            notes = _has_numbered_notes(lines, header.last_line, tr)
            body: Iterable[CellLine] = body_lines(lines, header.last_line + 1, header.paragraphs, header.n_delims,
                                                  MAX_BLANK_RUN, len(header.columns), tr.skip)
            if header.rest:
                body = chain((CellLine(cells=[c], row=False, lines=[c.line]) for c in header.rest), body)
            if header.is_list:
                rows, last = read_list(header, body, tr)
                kind: TableKind = "list"
            else:
                rows, last = RowReader(header, tr, rules, notes=notes).read(body)
                kind = "indicator"
            if rows and (kind == "list" or any(r.has_values for r in rows)):
                table = Table(kind=kind, header=header, rows=rows, first_line=header.first_line,
                              last_line=max(last, header.last_line), layout=_layout(lines, header, rows))
        else:
            table = grids.at(i)
        if table is None:
            i += 1
            continue
        _describe(lines, table, tr)
        out.append(table)
        i = table.last_line + 1
    return out


def _has_numbered_notes(lines: Lines, after: int, tr: CompiledTables) -> bool:
    end = min(len(lines), after + _NOTE_SCAN)
    return any(tr.numbered_note.match(lines[j][2]) for j in range(after + 1, end))


_NOTE_ITEM = re.compile(r"^\s*\d{1,2}[.、]")


def _describe(lines: Lines, table: Table, tr: CompiledTables) -> None:
    """The caption and unit line above the table, and the notes under it."""
    j, seen = table.first_line - 1, 0
    while j >= 0 and seen < _CAPTION_LINES:
        t = lines[j][2].strip()
        if t:
            seen += 1
            m = tr.unit_line.search(t)
            if m and table.unit is None:
                table.unit = m.group("unit")
            caption = tr.unit_note.sub("", t).strip()
            if caption and len(caption) <= MAX_HEADER_LINE // 2 and table.caption is None:
                table.caption = caption
        j -= 1
    j, seen = table.last_line + 1, 0
    while j < len(lines) and seen < _NOTE_LINES:
        t = lines[j][2].strip()
        if t:
            seen += 1
            if not (tr.notes.match(t) or (table.notes and _NOTE_ITEM.match(t))):
                break
            table.notes.append(t)
            m = tr.paren_note.search(t)
            if m:
                table.paren_year = int(m.group(1))
            mark = tr.mark_note.match(t)
            if mark and not m:  # a note about the bracketed values says so; this one is about a mark
                table.mark_years[int(mark.group("mark"))] = int(mark.group("year"))
        j += 1


def _layout(lines: Lines, header: Header, rows: list[TableRow]) -> str:
    """The name of the layout (the record's rule says it): pipes, tabs, markdown, spaced,
    or one-cell-per-line (with or without blank lines between the cells)."""
    if header.delimited:
        text = lines[header.first_line][2]
        if "\t" in text and "|" not in text:
            return "tabs"
        return "markdown" if text.strip().startswith("|") else "pipes"
    if any(len([d for d in r.cells if d.line == c.line]) > 1 for r in rows for c in r.cells):
        return "spaced"
    return "one-cell-per-line"


def read_table(header: list[Cell], rows: Iterable[list[Cell]], rules: RuleSet) -> Table | None:
    """A table handed over as a header row and rows of cells (read from HTML, DOCX or PDF
    structure rather than from lines of text), read by the same row readers. None when the
    header names no table."""
    tr = compiled(rules)
    cols = columns_of(header, tr)
    if cols is None or not finish_header(cols):
        return None
    for c, col in zip(header, cols):
        c.role = col.role  # type: ignore[assignment]
    first = header[0].line if header else 0
    head = Header(columns=cols, first_line=first, last_line=first, delimited=True, cells=header)
    body = (CellLine(cells=r, row=True, delimited=True, lines=sorted({c.line for c in r})) for r in rows if r)
    if head.is_list:
        got, last = read_list(head, body, tr)
    else:
        got, last = RowReader(head, tr, rules).read(body)
    return Table(kind="list" if head.is_list else "indicator", header=head, rows=got, first_line=first,
                 last_line=max(last, first), layout="cells")


def extract_tables(doc: Doc, sections: list[Section], rules: RuleSet, period_start: int | None = None) -> list[Target]:
    """Stage ``tables``: a baseline and target record per row and value column. ``period_start``:
    the first year of the plan (the meta stage reads it), before which a year column is the baseline."""
    out: list[Target] = []
    for table in find_tables(doc, rules):
        if table.kind == "grid":
            out.extend(grid_records(doc, table, sections, rules, period_start))
        elif table.kind == "indicator":
            out.extend(table_records(doc, table, sections, rules, period_start))
    return out


def task_entries(doc: Doc, rules: RuleSet, category_of: Callable[[str], str | None]) -> list[ListEntry]:
    """Project list entries from the rows of the task and project lists (see :func:`list_entries`)."""
    return list_entries(find_tables(doc, rules), rules, category_of)


def _original_lines(doc: Doc, table: Table) -> range:
    lines = doc.lines()
    return range(doc.line_of(lines[table.first_line][0]), doc.line_of(lines[table.last_line][0]) + 1)


def table_lines(doc: Doc, rules: RuleSet) -> set[int]:
    """Original lines covered by indicator tables and grids (header to last row), which the
    sentence extractor skips; the cells of task lists are sentences and are read."""
    out: set[int] = set()
    for t in find_tables(doc, rules):
        if t.kind != "list":
            out.update(_original_lines(doc, t))
    return out


def body_lines_of(doc: Doc, rules: RuleSet) -> set[int]:
    """Original lines of every table's header and rows: none of them is a section heading."""
    out: set[int] = set()
    for t in find_tables(doc, rules):
        out.update(_original_lines(doc, t))
    return out
