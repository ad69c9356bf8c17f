"""Tables, part 5: task and project lists (重点任务清单, 重点项目一览表).

A list's header names a task or project column (工作任务, 项目名称), maybe a row
number (序号), a grouping column (任务类型), the units in charge (推进单位) and a
deadline (完成时间). Its rows start at their row numbers; group rows
(``行动一：…``, ``二、…``) and grouping cells stand between them. The task cell
is the first cell after the row number; the cells after it (units, deadlines)
are kept with the row. :func:`list_entries` turns the rows into project list
entries: the name is the task's lead clause, the description the whole cell.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..ruleset import RuleSet
from .table_cells import Cell, CellLine, CompiledTables, as_one, compiled
from .table_header import Header, header_role
from .table_rows import Table, TableRow

#: a group row or grouping cell is at most this long
_MAX_GROUP = 40
#: a lead clause shorter than this takes the next clause too (对…分类，优化…)
_MIN_LEAD = 4
_CLAUSE_END = re.compile(r"[，,。；;！!？?]")
#: a header cell is at most this long (序号, 工作任务): a longer cell is no header of a next table
_MAX_HEADER_WORD = 6
#: a task column naming these holds projects, named in full (项目名称, 重点工程)
_PROJECT_WORDS = ("项目", "工程")
#: a topic before a colon (``“一江一河”地区：重点推进…``) is not part of the task's name
_TOPIC = re.compile(r"^[^，,。；;：:]{1,16}[：:]")


@dataclass
class ListEntry:
    """A row of a task or project list as a project list entry."""

    name: str
    description: str
    pos: int  # position of the name in doc.text
    category: str | None


def read_list(header: Header, lines: Iterable[CellLine], tr: CompiledTables) -> tuple[list[TableRow], int]:
    """Rows of a task or project list and the last cleaned line they take up."""
    has_seq = any(c.role == "seq" for c in header.columns)
    rows: list[TableRow] = []
    row: TableRow | None = None
    last = -1
    for cl in lines:
        if header.delimited and not cl.delimited:
            break  # a line without delimiters after a delimited list ends it
        cells = [as_one(cl.cells)] if not cl.row and len(cl.cells) > 1 else cl.cells
        if cl.row and len(cells) > 1:
            row = _row_of_cells(cells, header)
            if row is not None:  # a row without a task is a group row (| 行动一 | | |)
                rows.append(row)
            last = cl.last
            continue
        cell = cells[0]
        if _ends(cell, tr):
            break
        if has_seq and tr.seq.fullmatch(cell.text):
            row = TableRow(seq=cell, cells=[cell])
            rows.append(row)
        elif not has_seq and (row is None or row.extra):
            row = TableRow(names=[[cell]], cells=[cell])  # a list without row numbers: a key cell, then its text
            rows.append(row)
        elif row is not None:
            row.extra.append(cell)
            row.cells.append(cell)
        elif len(cell.text) > _MAX_GROUP:
            break  # prose before any row
        last = cl.last
    if has_seq:
        for r in rows:
            _name_cell(r, header)
    return [r for r in rows if r.names], last


def _name_cell(row: TableRow, header: Header) -> None:
    """The task or project cell of a row read one cell per line: the cells after the row number
    stand in the header's order; grouping cells merged away shift it to the left."""
    if row.names or not row.extra:
        return
    roles = [c.role for c in header.columns]
    after = roles[roles.index("seq") + 1:]
    k = next((i for i, r in enumerate(after) if r in ("task", "name")), 0)
    k = max(0, k - max(0, len(after) - len(row.extra)))
    cell = row.extra[min(k, len(row.extra) - 1)]
    row.names = [[cell]]
    row.extra = [c for c in row.extra if c is not cell]


def _ends(cell: Cell, tr: CompiledTables) -> bool:
    """A cell that ends a list: a heading, a note or the next box (but not a group row), or the
    header of the next table."""
    t = cell.text
    if tr.stop.match(t) and not tr.group_row.match(t):
        return True
    col = header_role(t, tr) if len(t) <= _MAX_HEADER_WORD else None
    return col is not None and col.role in ("seq", "name", "task")


def _row_of_cells(cells: list[Cell], header: Header) -> TableRow | None:
    """A delimited row: the task cell is the one under the first task column (项目名称 before
    建设内容), or the longest cell when the row does not line up with the header."""
    row = TableRow(cells=cells)
    by_role: dict[str, Cell] = {}
    if len(cells) == len(header.columns):
        for c, col in zip(cells, header.columns):
            by_role.setdefault(col.role, c)
    task = by_role.get("task") or by_role.get("name") or max(cells, key=lambda c: len(c.text))
    if not task.text:
        return None
    row.seq = by_role.get("seq")
    row.names = [[task]]
    row.extra = [c for c in cells if c is not task and c is not row.seq and c.text]
    return row


def lead_clause(text: str, tr: CompiledTables) -> str:
    """The name of a task: its first clause, without a topic before a colon or a basis clause."""
    t = _TOPIC.sub("", text.strip(), count=1).strip()
    clauses = [c.strip() for c in _CLAUSE_END.split(t) if c.strip()]
    if not clauses:
        return t
    if len(clauses) > 1 and tr.basis.match(clauses[0]):
        clauses = clauses[1:]
    lead = clauses[0]
    if len(lead) < _MIN_LEAD and len(clauses) > 1:
        lead = f"{lead}，{clauses[1]}"
    return lead


def list_entries(tables: list[Table], rules: RuleSet, category_of: Callable[[str], str | None]) -> list[ListEntry]:
    """Project list entries from the rows of every task or project list with row numbers.

    ``category_of``: the projects stage's reading of a name's head (工程, 项目 …); a task
    without one is a 任务, a row of a project list a 项目."""
    tr = compiled(rules)
    out: list[ListEntry] = []
    for table in tables:
        if table.kind != "list" or not any(c.role == "seq" for c in table.header.columns):
            continue
        # a column of tasks (工作任务) names rows by their lead clause; one of projects (项目名称) in full
        tasks = any(c.role == "task" and not any(w in c.label for w in _PROJECT_WORDS) for c in table.header.columns)
        for row in table.rows:
            cell = row.names[0][0]
            name = lead_clause(cell.text, tr) if tasks else cell.text
            if not name:
                continue
            desc = cell.text if tasks else " ".join(c.text for c in row.extra) or None
            pos = cell.start + max(cell.text.find(name), 0)
            out.append(ListEntry(name=name, description=desc or "", pos=pos,
                                 category=category_of(name) or ("任务" if tasks else "项目")))
    return out
