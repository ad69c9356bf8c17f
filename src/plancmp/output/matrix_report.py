"""A compare matrix as output: JSON (``plancmp.compare/1``), JSON lines, CSV,
TSV, Markdown, XLSX, and the plain tables the CLI's :mod:`plancmp.cli.terminal`
draws in pages that fit the terminal (the library never imports rich).
"""
from __future__ import annotations

import io
import json
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..comparison.inputs import Plan
from ..comparison.matrix import CategoryRow, CellData, Comparison, CompiledCompare, JsonRecord, MatrixRow
from ..errors import UsageError
from . import writers
from .values import COMPARATOR_SIGNS, format_number, value_text
from .writers import OutputColumn, Sheet, SheetCell, TableColumn, TableRow, TextTable

SCHEMA_COMPARE = "plancmp.compare/1"


# ------------------------------------------------------------------ cell text

def shown_target(c: CellData) -> JsonRecord:
    """The cell's target as the matrix shows it: in the row's unit (converted where the plan wrote another)."""
    return {**c.target, **c.converted} if c.converted else c.target


def cell_text(c: CellData, sep: str = " ") -> str:
    """``≥90% (2025)`` then ``基线 85% (2020)`` and ``L136``, joined by ``sep``; a value the plan wrote in
    another unit is shown in the row's unit, marked ``≈`` (the written one is in the comment)."""
    t = c.target
    parts = [("≈" if c.converted else "") + value_text(shown_target(c), with_year=True)]
    if c.baseline:
        parts.append(f"基线 {value_text(c.baseline, with_year=True)}")
    line = f"L{t.get('line')}"
    if c.also:
        line += " (另 " + ", ".join(f"L{a.get('line')}: {value_text(a)}" for a in c.also) + ")"
    parts.append(line)
    return sep.join(parts)


def cell_comment(c: CellData, plan: Plan) -> str:
    """The source sentence with its line, for a spreadsheet comment."""
    t = c.target
    lines = [f"{plan.source.get('path', '')}:{t.get('line')} {t.get('metric', '')}", str(t.get("text") or "")]
    if c.converted:
        lines.insert(1, f"原文 {value_text(t, with_year=True)}")
    if c.baseline and c.baseline.get("line"):
        lines.append(f"基线: line {c.baseline['line']}" + (f" {c.baseline.get('text')}" if c.baseline.get("text") else ""))
    for a in c.also:
        lines.append(f"另见 line {a.get('line')}: {a.get('text') or a.get('metric')}")
    return "\n".join(lines)


# ------------------------------------------------------------------ output

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "md", "xlsx")
BINARY_FORMATS = frozenset({"xlsx"})

FIXED_COLUMNS = ("group", "row", "unit", "plans", "min", "median", "max", "most_ambitious")


def plan_header(plan: Plan, rules: CompiledCompare) -> str:
    """A column header: the district, marked when it is only the file name."""
    return plan.key + (rules.file_name_mark if plan.name_from_file else "")


def row_title(row: MatrixRow) -> str:
    return ("≈ " if row.kind == "cluster" else "") + row.name


def _cell_dict(c: CellData) -> dict[str, Any]:
    return {"text": cell_text(c), "target": c.target, "baseline": c.baseline, "also": c.also, "converted": c.converted}


def to_dict(cmp: Comparison) -> dict[str, Any]:
    """The JSON document ``plancmp.compare/1``; each cell carries the full target record."""
    return {
        "schema": SCHEMA_COMPARE,
        "plans": [_plan_dict(p) for p in cmp.plans],
        "rows": [_row_dict(r, cmp) for r in cmp.rows],
        "projects": [_project_dict(r, cmp) for r in cmp.projects],
    }


def _plan_dict(p: Plan) -> dict[str, Any]:
    return {"key": p.key, "name": p.name, "name_from": "file" if p.name_from_file else "meta", "field": p.field,
            "source": p.source, "meta": p.meta, "targets": len(p.targets), "projects": len(p.projects)}


def _row_dict(r: MatrixRow, cmp: Comparison) -> dict[str, Any]:
    return {"type": r.kind, "id": r.id, "name": r.name, "field": r.field, "stage": r.stage, "unit": r.unit,
            "lower_is_better": r.lower_is_better, "metrics": r.metrics,
            "plans": len(r.cells), "min": r.stats.get("min"), "median": r.stats.get("median"),
            "max": r.stats.get("max"), "most_ambitious": r.most_ambitious,
            "cells": {p.key: _cell_dict(r.cells[p.key]) for p in cmp.plans if p.key in r.cells}}


def _project_dict(r: CategoryRow, cmp: Comparison) -> dict[str, Any]:
    return {"type": "projects", "category": r.category, "plans": len(r.cells),
            "total": sum(len(v) for v in r.cells.values()),
            "cells": {p.key: r.cells[p.key] for p in cmp.plans if p.key in r.cells}}


def flat_rows(cmp: Comparison, sep: str = " ") -> tuple[list[Any], list[dict[str, Any]]]:
    """(columns, rows) of one rectangular table: the indicator rows, then one
    row per project category (group ``项目``; cells ``N: name；name``)."""
    cols: list[Any] = [OutputColumn(k) for k in FIXED_COLUMNS] + plan_columns(cmp)
    with_years = years_differ(cmp)
    rows: list[dict[str, Any]] = []
    for r in cmp.rows:
        d: dict[str, Any] = {"group": r.stage, "row": row_title(r), "unit": r.unit, "plans": len(r.cells),
                             "min": r.stats.get("min"), "median": r.stats.get("median"), "max": r.stats.get("max"),
                             "most_ambitious": "、".join(r.most_ambitious)}
        d.update({pk: cell_text(c, sep) for pk, c in r.cells.items()})
        if with_years:
            d.update({year_key(pk): c.target.get("year") for pk, c in r.cells.items()})
        rows.append(d)
    for pr in cmp.projects:
        counts = [len(v) for v in pr.cells.values()]
        d = {"group": PROJECTS_GROUP, "row": pr.category, "unit": "个", "plans": len(pr.cells),
             "min": min(counts), "median": statistics.median(counts), "max": max(counts), "most_ambitious": ""}
        d.update({pk: project_cell_text(v) for pk, v in pr.cells.items()})
        rows.append(d)
    return cols, rows


PROJECTS_GROUP = "项目"


#: after the name of a project the plan reports as done (the review of the last period): not a commitment
DONE_MARK = "(已完成)"


def years_differ(cmp: Comparison) -> bool:
    """Whether the plans state their targets for different years (2025 in one, 2030 in another):
    the flat outputs then give each plan a year column beside its values."""
    years = {p.key: frozenset() for p in cmp.plans}
    for r in cmp.rows:
        for pk, c in r.cells.items():
            if c.target.get("year"):
                years[pk] = years[pk] | {c.target["year"]}
    return len({y for y in years.values() if y}) > 1


def year_key(plan_key: str) -> str:
    return f"{plan_key}\x00year"


def plan_columns(cmp: Comparison) -> list[OutputColumn]:
    """A column per plan, each followed by its year column where the plans' years differ."""
    with_years = years_differ(cmp)
    cols: list[OutputColumn] = []
    for p in cmp.plans:
        cols.append(OutputColumn(p.key, plan_header(p, cmp.rules)))
        if with_years:
            cols.append(OutputColumn(year_key(p.key), f"{plan_header(p, cmp.rules)} 年份"))
    return cols


def project_cell_text(projects: Sequence[JsonRecord], limit: int | None = None) -> str:
    """``N: name；name`` — a project the plan reports as done carries :data:`DONE_MARK`."""
    names = [str(p.get("name") or "") + (DONE_MARK if p.get("status") == "done" else "") for p in projects]
    shown = names if limit is None or len(names) <= limit else names[:limit] + ["…"]
    return f"{len(names)}: " + "；".join(shown)


def comparison_text(cmp: Comparison, fmt: str, bom: bool = False) -> str:
    """The comparison as csv, tsv, md, json or jsonl text."""
    if fmt == "json":
        return json.dumps(to_dict(cmp), ensure_ascii=False, indent=1) + "\n"
    if fmt == "jsonl":
        d = to_dict(cmp)
        return writers.to_jsonl([{"type": "plan", **p} for p in d["plans"]] + d["rows"] + d["projects"])
    cols, rows = flat_rows(cmp)
    if fmt == "csv":
        return writers.to_csv(rows, cols, bom=bom)
    if fmt == "tsv":
        return writers.to_tsv(rows, cols)
    if fmt == "md":
        return _markdown(cmp)
    raise UsageError(f"unknown --format {fmt!r} for compare; use one of {', '.join(FORMATS)}")


def _markdown(cmp: Comparison) -> str:
    cols, rows = flat_rows(cmp, sep="<br>")
    out = [f"# 指标对比 ({len(cmp.plans)} plans)\n"]
    out += _legend(cmp)
    n_ind = len(cmp.rows)
    for title, part in ((None, rows[:n_ind]), ("项目(按类别)", rows[n_ind:])):
        if title:
            out.append(f"\n## {title}\n")
        out.append(writers.to_markdown(part, cols))
    return "\n".join(out)


def _legend(cmp: Comparison) -> list[str]:
    notes = []
    if any(p.name_from_file for p in cmp.plans):
        notes.append(f"{cmp.rules.file_name_mark} the plan names no district; its file name is shown.")
    if any(r.kind == "cluster" for r in cmp.rows):
        notes.append("≈ rows group similar targets that no canonical indicator covers.")
    return [n + "\n" for n in notes]


# ------------------------------------------------------------------ XLSX

def _excel_literal(s: str) -> str:
    """``s`` as literal text inside an Excel number format: in double quotes (any inside dropped)."""
    return '"' + s.replace('"', "") + '"' if s else ""


def number_format(t: JsonRecord) -> str:
    """An Excel format that shows the stored number as the cell text: ``"≥"General"% (2025)"``."""
    year = f" ({t['year']})" if t.get("year") else ""
    if t.get("value_max") is not None:
        return "General" + _excel_literal(f"–{format_number(t['value_max'])}{t.get('unit') or ''}{year}")
    sign = COMPARATOR_SIGNS.get(t.get("comparator") or "=", "")
    return _excel_literal(sign) + "General" + _excel_literal(f"{t.get('unit') or ''}{year}")


def xlsx_sheets(cmp: Comparison) -> list[Any]:
    """One sheet per stage, one for the clusters, one for projects, one listing the plans."""
    by_key = {p.key: p for p in cmp.plans}
    plan_cols = plan_columns(cmp)
    with_years = years_differ(cmp)
    cols = [OutputColumn("row", "指标", 28), OutputColumn("unit", "unit"), OutputColumn("plans", "plans"), OutputColumn("min"),
            OutputColumn("median"), OutputColumn("max"), OutputColumn("most_ambitious", "most ambitious")] + plan_cols
    sheets = []
    for stage, rows in cmp.stage_groups():
        out = []
        for r in rows:
            d: dict[str, Any] = {"row": row_title(r), "unit": r.unit, "plans": len(r.cells),
                                 "min": r.stats.get("min"), "median": r.stats.get("median"),
                                 "max": r.stats.get("max"), "most_ambitious": "、".join(r.most_ambitious)}
            for pk, c in r.cells.items():
                shown = shown_target(c)
                d[pk] = SheetCell(value=shown.get("value"), text=cell_text(c), comment=cell_comment(c, by_key[pk]),
                                  number_format=number_format(shown))
                if with_years:
                    d[year_key(pk)] = c.target.get("year")
            out.append(d)
        sheets.append(Sheet(stage, cols, out, frozen_columns=1))
    prow = []
    for pr in cmp.projects:
        d = {"row": pr.category, "plans": len(pr.cells), "total": sum(len(v) for v in pr.cells.values())}
        for pk, v in pr.cells.items():
            d[pk] = SheetCell(value=len(v), text=project_cell_text(v),
                              comment="\n".join(f"L{p.get('line')} {p.get('name')}" for p in v))
        prow.append(d)
    project_cols = [OutputColumn(p.key, plan_header(p, cmp.rules)) for p in cmp.plans]
    sheets.append(Sheet("项目", [OutputColumn("row", "类别", 12), OutputColumn("plans"), OutputColumn("total")] + project_cols,
                        prow, frozen_columns=1))
    plans = [{"column": plan_header(p, cmp.rules), "district": p.name, "name_from": "file" if p.name_from_file else "meta",
              "file": p.source.get("path"), "title": p.meta.get("title"),
              "period": "–".join(str(x) for x in ((p.meta.get("period") or {}).get("start"), (p.meta.get("period") or {}).get("end")) if x),
              "targets": len(p.targets), "projects": len(p.projects)} for p in cmp.plans]
    sheets.append(Sheet("plans", ["column", "district", "name_from", "file", "title", "period", "targets", "projects"], plans))
    return sheets


def write_xlsx(cmp: Comparison, path: str | Path) -> None:
    writers.to_xlsx(xlsx_sheets(cmp), path)


# ------------------------------------------------------------------ terminal

#: terminal column widths: indicator name, one district, the figures (n, min/median/max, most ambitious)
NAME_W, CELL_W, STATS_W = 20, 16, 42
#: above this many plans terminal cells show only value and year (one line), so more districts fit a page
COMPACT_OVER = 8
COMPACT_CELL_W = 12
#: project names a full terminal cell lists before "…"
TERMINAL_PROJECT_NAMES = 3


def terminal_pages(n_plans: int, width: int, cell_w: int = CELL_W) -> list[tuple[range, bool]]:
    """Pages of district columns that fit ``width``, each with whether it carries
    the figures; when the figures leave room for fewer than two districts they
    get a page of their own."""
    per_page = max(1, (width - NAME_W - 4) // (cell_w + 3))
    first = (width - NAME_W - 4 - STATS_W) // (cell_w + 3)
    pages: list[tuple[range, bool]] = []
    i = 0
    if first >= min(2, n_plans):
        pages.append((range(0, min(first, n_plans)), True))
        i = pages[0][0].stop
    else:
        pages.append((range(0), True))
    while i < n_plans:
        pages.append((range(i, min(i + per_page, n_plans)), False))
        i += per_page
    return pages


def terminal_tables(cmp: Comparison, width: int) -> list[TextTable]:
    """Tables (plain data, drawn by :mod:`plancmp.cli.terminal`) that fit ``width``:
    the districts split into pages of columns, the indicator column repeated on
    each page, the figures on the first."""
    compact = len(cmp.plans) > COMPACT_OVER
    cell_w = COMPACT_CELL_W if compact else CELL_W
    pages = terminal_pages(len(cmp.plans), width, cell_w)
    tables: list[TextTable] = []
    for cols, with_stats in pages:
        plans = [cmp.plans[i] for i in cols]
        title = f"指标对比: {len(cmp.plans)} plans"
        if len(pages) > 1:
            title += f", districts {cols.start + 1}–{cols.stop} of {len(cmp.plans)}" if plans else ", figures"
        columns = [TableColumn("指标", min_width=10, max_width=NAME_W, overflow="fold")]
        if with_stats:
            columns += [TableColumn("n", justify="right"),
                        TableColumn("min / median / max", max_width=18, overflow="fold"),
                        TableColumn("most ambitious", max_width=12, overflow="fold")]
        columns += [TableColumn(plan_header(p, cmp.rules), max_width=cell_w, overflow="fold") for p in plans]
        rows: list[TableRow] = []
        prev = None
        for r in cmp.rows:
            if r.stage != prev:
                rows.append(TableRow((r.stage,), section=prev is not None, heading=True))
            prev = r.stage
            lead = [row_title(r)]
            if with_stats:
                lead += [str(len(r.cells)), _stats_text(r), "、".join(r.most_ambitious)]
            rows.append(TableRow((*lead, *(_terminal_cell(r.cells.get(p.key), compact) for p in plans))))
        if cmp.projects:
            rows.append(TableRow(("项目(按类别)",), section=True, heading=True))
            for pr in cmp.projects:
                lead = [pr.category]
                if with_stats:
                    counts = [len(v) for v in pr.cells.values()]
                    lead += [str(len(pr.cells)), f"{min(counts)} / {format_number(statistics.median(counts))} / {max(counts)}", ""]
                rows.append(TableRow((*lead, *(_terminal_projects(pr.cells.get(p.key), compact) for p in plans))))
        tables.append(TextTable(title=title, columns=tuple(columns), rows=tuple(rows)))
    return tables


def terminal_note(cmp: Comparison) -> str:
    """The text printed (dimmed) under the terminal tables: the legend, and
    where to find what compact cells leave out."""
    note = legend(cmp)
    if len(cmp.plans) > COMPACT_OVER:
        note += ("Cells show value and year only; baselines, source lines and project names are in "
                 "--format md, xlsx (-o FILE) or json.\n")
    return note


def _terminal_cell(c: CellData | None, compact: bool) -> str:
    if c is None:
        return ""
    if compact:
        return value_text(c.target, with_year=True)
    return cell_text(c, "\n")


def _terminal_projects(projects: Sequence[JsonRecord] | None, compact: bool) -> str:
    if not projects:
        return ""
    return str(len(projects)) if compact else project_cell_text(projects, TERMINAL_PROJECT_NAMES)


def _stats_text(r: MatrixRow) -> str:
    if "min" not in r.stats:
        return ""
    u = r.unit or ""
    return f"{format_number(r.stats['min'])} / {format_number(r.stats['median'])} / {format_number(r.stats['max'])}{u}"


def legend(cmp: Comparison) -> str:
    return "".join(_legend(cmp))


def render_comparison(cmp: Comparison, fmt: str, bom: bool = False) -> str | bytes:
    """The comparison in ``fmt``: text for csv/tsv/json/jsonl/md, bytes for xlsx."""
    if fmt == "xlsx":
        buf = io.BytesIO()
        write_xlsx(cmp, buf)
        return buf.getvalue()
    return comparison_text(cmp, fmt, bom)
