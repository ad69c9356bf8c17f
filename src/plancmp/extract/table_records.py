"""Tables, part 4: the target and baseline records an indicator table's rows give.

Each row gives one record per value column: the column's kind (the earliest of
two or more year columns, or a 现状/完成值 column, is the baseline; later ones
and 目标值 are targets) and its year (null when the header names none). When a
row has fewer values than the header has value columns, the page dropped an
empty cell; the values are then given to the LATEST columns (an indicator new
to the plan has no baseline, a plan table always states its target).

Every record says how sure the reading is: ``confidence`` is high for a row
that fits its header, lower with each doubt, and ``doubts`` names them
(``table:missing-cell``, ``table:no-year``, ``table:value-in-text`` …).
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..models import Section, Span, Target
from ..prepare.chars import han_or
from ..prepare.document import Doc, section_at
from ..ruleset import RuleSet
from .table_cells import Cell, CompiledTables, compiled, unit_form
from .table_header import Column, Header, order_kinds
from .table_rows import Table, TableRow, Value

#: confidence of a record read from a row that fits a recognised header
SURE = 0.95
#: what each doubt takes off
PENALTY = {
    "table:missing-cell": 0.2, "table:extra-values": 0.3, "table:no-year": 0.1, "table:no-unit": 0.1,
    "table:value-in-text": 0.2, "table:parenthesised": 0.1, "table:footnote-mark": 0.2, "table:spanning-header": 0.15,
}

_CJK_GAP = re.compile(f"(?<={han_or('“”()（）')})\\s+(?={han_or('“”()（）')})")
_NAME_MARKS = re.compile(r"^\s*(?:[((]\d{1,3}[))]|\d{1,3}[.、)．]|[①-⑳])\s*|\s*[*★☆▲△※]+\s*$")


def joined_name(cells: list[Cell]) -> str:
    """The name of ``cells`` joined, unit included; a row number written in the name cell
    (``1.``) and marks after it (``*``, ``★``) are dropped."""
    text = _CJK_GAP.sub("", "".join(c.text for c in cells)).strip()
    return _NAME_MARKS.sub("", text).strip()


def name_and_unit(cells: list[Cell], tr: CompiledTables) -> tuple[str, str | None]:
    """Indicator name without its unit and qualifiers, and the unit of a trailing ``(%)``."""
    text = joined_name(cells)
    unit = None
    m = tr.unit_paren.search(text)
    if m:
        text, unit = text[: m.start()].strip(), unit_form(m.group("unit"), tr)
    return tr.qualifier.sub("", text).strip(), unit


def _metric(row: TableRow, sub: Cell | None, tr: CompiledTables) -> tuple[str, str | None]:
    head = row.parent if row.parent is not None else row
    name, unit = name_and_unit(head.names[-1], tr) if head.names else ("", None)
    if sub is None:
        return name, unit
    label, sub_unit = name_and_unit([sub], tr)
    label = tr.sub_prefix.sub("", label, count=1).strip()
    if head.grouped and name:
        return merged_name(name, label), sub_unit or unit
    if tr.own_metric.search(label) or sub_unit or not name:
        return label, sub_unit or unit
    return f"{label}{name}", unit


#: the shortest word a group's name and its sub-row's name share (学历 in 教师学历 / 本科及以上学历比例)
_MIN_SHARED = 2


def merged_name(group: str, sub: str) -> str:
    """A sub-row's metric under a group's name: the group's name, less a last word the sub-row's
    name says again, then the sub-row's (教师学历 + 本科及以上学历比例 -> 教师本科及以上学历比例)."""
    for k in range(len(group) - 1, _MIN_SHARED - 1, -1):
        if group[-k:] in sub:
            return group[:-k] + sub
    return group + sub


def _assign(row: TableRow, header: Header) -> tuple[list[tuple[Column, Value | None, int]], list[str]]:
    """(value column, value, sub-row index) for the values of ``row``, and the doubts of the fit
    (fewer values than columns: a dropped empty cell; more: a misread row)."""
    years = header.years
    k = max(1, len(row.subs))
    vals = row.values
    n_cols = len(vals) // k if len(vals) % k == 0 else len(vals)
    if n_cols * k != len(vals):
        k, n_cols = 1, len(vals)
    slots = [c for c in header.columns if c.role in ("year", "other")]
    if n_cols == len(slots) > len(years):
        # a value under a column naming nothing known (年均增长) stands in its place: skip it
        keep = [ci for ci, c in enumerate(slots) if c.role == "year"]
        vals = [vals[ci * k + si] for ci in keep for si in range(k)]
        n_cols = len(keep)
    doubts = []
    if n_cols < len(years):
        doubts.append("table:missing-cell")
        cols = years[len(years) - n_cols:]
    else:
        if n_cols > len(years):
            doubts.append("table:extra-values")
        cols = years[:n_cols]
    if row.row_major and n_cols * k == len(vals):  # b1 t1 b2 t2 rather than b1 b2 t1 t2
        vals = [vals[si * n_cols + ci] for ci in range(n_cols) for si in range(k)]
    out = [(col, vals[ci * k + si], si) for ci, col in enumerate(cols) for si in range(k)]
    return out, doubts


def row_text(doc: Doc, row: TableRow) -> str:
    """The row as the original writes it: its lines when each holds several cells, else its cells joined by ``|``."""
    cells = [c for c in row.cells if c.text]
    if not cells:
        return ""
    lines = sorted({c.line for c in cells})
    dl = doc.lines()
    if all(len([c for c in cells if c.line == ln]) > 1 for ln in lines):
        return " ".join(doc.original_text(dl[ln][0], dl[ln][1]).strip() for ln in lines)
    return " | ".join(doc.original_text(c.start, c.end).strip() for c in sorted(cells, key=lambda c: c.start))


def confidence(doubts: list[str]) -> float:
    """:data:`SURE` less the penalty of each doubt, never below 0.1."""
    return round(max(0.1, SURE - sum(PENALTY.get(d, 0.1) for d in doubts)), 2)


def _reviews(caption: str | None, tr: CompiledTables) -> bool:
    """Whether a table's caption says it gives the state or the last period's results."""
    if not caption or tr.prose.search(caption):
        return False  # a sentence above the table is no caption
    return bool(tr.review_caption.search(caption)) and not tr.goal_caption.search(caption)


def table_records(doc: Doc, table: Table, sections: list[Section], rules: RuleSet,
                  period_start: int | None = None) -> list[Target]:
    """The records of an indicator table; year columns before ``period_start`` are baselines."""
    tr = compiled(rules)
    years = [replace(c) for c in table.header.years]
    if period_start is not None:
        order_kinds(years, period_start)
    if _reviews(table.caption, tr):
        for c in years:
            c.kind = c.kind if c.explicit else "baseline"
    kinds = {id(c): k.kind for c, k in zip(table.header.years, years)}
    out: list[Target] = []
    for row in table.rows:
        out.extend(_row_records(doc, row, table, sections, tr, kinds))
    return out


def _row_records(doc: Doc, row: TableRow, table: Table, sections: list[Section], tr: CompiledTables,
                 kinds: dict[int, str | None]) -> list[Target]:
    pairs, fit = _assign(row, table.header)
    binding = row.binding or (row.parent.binding if row.parent is not None else None)
    text = row_text(doc, row.parent) + " " + row_text(doc, row) if row.parent is not None else row_text(doc, row)
    rule = f"table:{table.layout}" + (":missing-cell" if "table:missing-cell" in fit else "") \
        + (":sub-row" if row.subs or row.parent else "")
    out = []
    for col, v, si in pairs:
        if v is None:
            continue
        metric, name_unit = _metric(row, row.subs[si] if row.subs else None, tr)
        if not metric:
            continue
        unit = v.unit or row.unit or name_unit or (row.parent.unit if row.parent is not None else None) or table.unit
        doubts = [*fit, *v.doubts]
        if col.growth and "table:cumulative" not in doubts:
            metric, unit = metric + col.growth, v.unit or "%"  # 地区生产总值年均增长 6.5%
        year = v.year or (table.paren_year if "table:parenthesised" in v.doubts else None) \
            or (table.mark_years.get(v.mark) if v.mark is not None else None) or row.year \
            or (row.parent.year if row.parent is not None else None) or col.year
        if year is None:
            doubts.append("table:no-year")
        if not unit:
            doubts.append("table:no-unit")
        out.append(make_target(doc, v.cell, metric=metric, value=v, unit=unit or "", kind=kinds.get(id(col)) or "target",
                               year=year, binding=binding, sections=sections, text=text, rule=rule, doubts=doubts))
    return out


def make_target(doc: Doc, cell: Cell, *, metric: str, value: Value, unit: str, kind: str, year: int | None,
                binding: str | None, sections: list[Section], text: str, rule: str, doubts: list[str]) -> Target:
    """The record of one value cell, with its provenance."""
    a, b = doc.span_of(cell.start, cell.end)
    line = doc.line_of(cell.start)
    return Target(
        metric=metric, value=float(value.value),
        value_max=float(value.value_max) if value.value_max is not None else None,
        unit=unit, comparator=value.comparator, kind=kind, year=year, binding=binding,  # type: ignore[arg-type]
        line=line, span=Span(start=a, end=b), match=doc.original.text[a:b],
        section=section_at(sections, line, a), text=text.strip(), rule=rule,
        confidence=confidence(doubts), doubts=doubts,
    )
