"""Tabular writers shared by ``diff`` and ``compare``: CSV, TSV, Markdown,
JSON lines, XLSX, and the plain data of a terminal table (:class:`TextTable`,
drawn by the CLI's :mod:`plancmp.cli.terminal`; the library never imports rich).

Every writer takes the same shape of data: ``rows`` (mappings from column key
to value) and ``columns`` (the keys to write, in order; a key is also the
header unless a :class:`OutputColumn` gives another). A value may be a plain value
(str, int, float, bool, None, list) or a :class:`SheetCell` that adds a comment and
an Excel number format; text writers use the cell's ``text``.

Heavy libraries (openpyxl) are imported inside the writer that needs
them, never at import time.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import UsageError
from .values import format_number

__all__ = [
    "SheetCell", "OutputColumn", "Sheet", "field_text", "to_csv", "to_tsv", "to_markdown",
    "to_jsonl", "to_xlsx", "xlsx_sheet_name", "TableColumn", "TableRow", "TextTable", "text_table",
]


@dataclass(frozen=True)
class SheetCell:
    """One table cell with more than a value.

    ``value`` is what a spreadsheet stores (a number stays a number);
    ``text`` is what text formats print (defaults to ``value`` formatted);
    ``comment`` becomes an Excel cell comment (the source sentence, say);
    ``number_format`` is an Excel format such as ``'"≥"0.##"%"'``.
    """

    value: Any
    text: str | None = None
    comment: str | None = None
    number_format: str | None = None

    def __str__(self) -> str:
        return self.text if self.text is not None else format_value(self.value)


@dataclass(frozen=True)
class OutputColumn:
    """A column: the row key it reads, its header, and an Excel width hint."""

    key: str
    header: str | None = None
    width: float | None = None

    @property
    def title(self) -> str:
        return self.header if self.header is not None else self.key


@dataclass
class Sheet:
    """One worksheet of an XLSX workbook."""

    name: str
    columns: Sequence[str | OutputColumn]
    rows: Sequence[Mapping[str, Any]]
    frozen_columns: int = 0  # leading columns kept in view when scrolling right


ColumnsArg = Sequence[str | OutputColumn]


def _cols(columns: ColumnsArg) -> list[OutputColumn]:
    return [c if isinstance(c, OutputColumn) else OutputColumn(c) for c in columns]


def format_value(v: Any) -> str:
    """A value as text: None → '', 100.0 → '100', lists joined by '; '."""
    if v is None:
        return ""
    if isinstance(v, SheetCell):
        return str(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return format_number(v)
    if isinstance(v, (list, tuple)):
        return "; ".join(format_value(x) for x in v)
    if isinstance(v, Mapping):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def field_text(row: Mapping[str, Any], key: str) -> str:
    """The text of ``row[key]`` as the text writers print it."""
    return format_value(row.get(key))


def to_csv(rows: Iterable[Mapping[str, Any]], columns: ColumnsArg, sep: str = ",", bom: bool = False) -> str:
    """Rows as CSV (RFC 4180 quoting, ``\\r\\n`` rows as Excel expects).

    ``bom=True`` starts the text with U+FEFF so Excel opens UTF-8 Chinese
    correctly. Newlines inside cells are kept, quoted.
    """
    cols = _cols(columns)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    w.writerow([c.title for c in cols])
    for r in rows:
        w.writerow([field_text(r, c.key) for c in cols])
    return ("\ufeff" if bom else "") + buf.getvalue()


_TSV_BREAK = re.compile(r"[\t\r\n]+")


def to_tsv(rows: Iterable[Mapping[str, Any]], columns: ColumnsArg) -> str:
    """Rows as tab-separated values: one line per row, tabs and newlines in
    cells replaced by a space (TSV has no quoting)."""
    cols = _cols(columns)

    def clean(s: str) -> str:
        return _TSV_BREAK.sub(" ", s)

    lines = ["\t".join(clean(c.title) for c in cols)]
    lines += ["\t".join(clean(field_text(r, c.key)) for c in cols) for r in rows]
    return "\n".join(lines) + "\n"


def _md_escape(s: str) -> str:
    s = s.replace("\\", "\\\\").replace("|", "\\|")
    return re.sub(r"\r\n|\r|\n", "<br>", s)


def to_markdown(rows: Iterable[Mapping[str, Any]], columns: ColumnsArg) -> str:
    """Rows as a GitHub-flavoured Markdown table (``|`` escaped, newlines as ``<br>``)."""
    cols = _cols(columns)
    lines = [
        "| " + " | ".join(_md_escape(c.title) for c in cols) + " |",
        "|" + "|".join(" --- " for _ in cols) + "|",
    ]
    for r in rows:
        lines.append("| " + " | ".join(_md_escape(field_text(r, c.key)) for c in cols) + " |")
    return "\n".join(lines) + "\n"


def to_jsonl(objs: Iterable[Any]) -> str:
    """One compact JSON object per line, Chinese kept as is."""
    return "".join(json.dumps(o, ensure_ascii=False, default=_json_default) + "\n" for o in objs)


def _json_default(o: Any) -> Any:
    if isinstance(o, SheetCell):
        return o.value
    if hasattr(o, "model_dump"):
        return o.model_dump(by_alias=True, mode="json")
    raise TypeError(f"cannot write {type(o).__name__} as JSON")


# ---------------------------------------------------------------- XLSX

_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_XLSX_MAX_COMMENT = 32000  # Excel's limit is 32767 characters
#: a column is sized to its longest cell up to this width; longer cells wrap
_XLSX_MAX_AUTO_WIDTH = 60
#: the size (points) of a comment box: room for a sentence or two of the source
_XLSX_COMMENT_BOX = (320, 120)


def xlsx_sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique worksheet name: ≤31 characters, none of ``[]:*?/\\``."""
    base = _SHEET_BAD.sub("_", name).strip("'") or "Sheet"
    base = base[:31]
    cand, n = base, 2
    while cand.lower() in taken:
        suffix = f" ({n})"
        cand = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(cand.lower())
    return cand


def _display_width(s: str) -> int:
    """Terminal/Excel width: CJK and full-width characters count double."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in s)


def to_xlsx(sheets: Sequence[Sheet], path: str | Path | BinaryIO) -> None:
    """Write a workbook with one worksheet per :class:`Sheet` to a file path
    or a binary file object.

    The header row is bold and frozen, numbers are stored as numbers (with
    the cell's number format), a :class:`SheetCell` comment becomes an Excel
    comment, and column widths follow the content.
    """
    try:
        from openpyxl import Workbook
        from openpyxl.comments import Comment
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise UsageError("writing XLSX needs openpyxl; install it with `pip install openpyxl`") from None

    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for sh in sheets or [Sheet("Sheet", [], [])]:
        ws = wb.create_sheet(xlsx_sheet_name(sh.name, taken))
        cols = _cols(sh.columns)
        widths = [_display_width(c.title) for c in cols]
        ws.append([c.title for c in cols])
        for cell in ws[1]:
            cell.font = bold
            cell.alignment = wrap
        for ri, row in enumerate(sh.rows, start=2):
            for ci, col in enumerate(cols, start=1):
                raw = row.get(col.key)
                value, comment, fmt = _xlsx_value(raw)
                cell = ws.cell(row=ri, column=ci, value=value)
                if fmt:
                    cell.number_format = fmt
                if comment:
                    c = Comment(comment[:_XLSX_MAX_COMMENT], "plancmp")
                    c.width, c.height = _XLSX_COMMENT_BOX
                    cell.comment = c
                shown = str(raw) if isinstance(raw, SheetCell) else format_value(value)
                widths[ci - 1] = max(widths[ci - 1], min(_display_width(shown), _XLSX_MAX_AUTO_WIDTH))
        for ci, col in enumerate(cols, start=1):
            ws.column_dimensions[get_column_letter(ci)].width = col.width or max(8, widths[ci - 1] + 2)
        ws.freeze_panes = f"{get_column_letter(sh.frozen_columns + 1)}2"
    out = path if hasattr(path, "write") else Path(path)
    try:
        wb.save(out)
    except OSError as e:
        raise UsageError(f"cannot write {out}: {e.strerror or e}; check the folder exists and is writable") from None


def _xlsx_value(raw: Any) -> tuple[Any, str | None, str | None]:
    """(stored value, comment, number format) for one cell."""
    if isinstance(raw, SheetCell):
        v = raw.value
        if v is not None and not isinstance(v, (int, float, str, bool)):
            v = format_value(v)
        return v, raw.comment, raw.number_format
    if raw is None or isinstance(raw, (int, float, bool)):
        return raw, None, None
    return format_value(raw), None, None


# ---------------------------------------------------------------- terminal (plain data)

@dataclass(frozen=True)
class TableColumn:
    """One column of a terminal table: its header and how its cells wrap
    (``overflow`` "fold" breaks long words, "ellipsis" cuts them)."""

    title: str
    min_width: int | None = None
    max_width: int | None = None
    justify: str = "left"
    overflow: str = "ellipsis"
    no_wrap: bool = False


@dataclass(frozen=True)
class TableRow:
    """One row of a terminal table; missing trailing cells are empty."""

    cells: tuple[str, ...]
    section: bool = False  # a rule above this row (ignored on the first row)
    heading: bool = False  # the row names the group below it (printed bold)


@dataclass(frozen=True)
class TextTable:
    """A table for the terminal as plain data; :mod:`plancmp.cli.terminal` draws it."""

    title: str | None
    columns: tuple[TableColumn, ...]
    rows: tuple[TableRow, ...]


#: terminal columns never fold narrower than this; the first (the row's name) keeps more
_MIN_WIDTH, _FIRST_MIN_WIDTH = 4, 8


def text_table(rows: Iterable[Mapping[str, Any]], columns: ColumnsArg, title: str | None = None,
               group_key: str | None = None) -> TextTable:
    """A :class:`TextTable` of the rows; a section line between groups when
    ``group_key`` changes. Cells wrap (folding long words); the first column is wider."""
    cols = _cols(columns)
    out: list[TableRow] = []
    first, prev = True, None
    for r in rows:
        section = False
        if group_key is not None:
            g = r.get(group_key)
            section = not first and g != prev
            first, prev = False, g
        out.append(TableRow(tuple(field_text(r, c.key) for c in cols), section=section))
    columns = tuple(TableColumn(c.title, min_width=_MIN_WIDTH if i else _FIRST_MIN_WIDTH, overflow="fold")
                    for i, c in enumerate(cols))
    return TextTable(title=title, columns=columns, rows=tuple(out))
