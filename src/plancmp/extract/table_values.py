"""Tables, part 3a: what a value cell holds.

A value cell is a number with at most a few characters of comparator and unit
words (``≥95%``, ``99%以上``, ``35.6公里``), maybe in brackets a note explains
(``(85)``), a cumulative figure in square brackets (``[13.5]``), a year of its
own (``2.1(2019年)``), a word of comment (``100（全覆盖）``) or a footnote mark
glued to it when notes follow the table (``35%1``). A cell written in words
(``启动8个改造项目``) gives the first quantity with a unit it holds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..models import Comparator
from ..ruleset import RuleSet
from .numbers import parse_cell
from .quantities import find_quantities
from .table_cells import Cell, CompiledTables

#: a value cell holds a number and at most this many characters of comparator and unit words (≥95%以上)
MAX_VALUE_WORDS = 4
_PARENS = re.compile(r"^[((](.+)[))]$")
_FOOTNOTE = re.compile(r"^(.*?[%‰\u4e00-\u9fff])\s*([1-9])$")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
#: a year in brackets after a value: 2.1(2019年) is the 2019 figure
_OWN_YEAR = re.compile(r"^(.*?)\s*[(（]\s*((?:19|20)\d\d)\s*年?(?:底|末)?\s*[)）]$")
#: scale characters a unit may open with (万人次, 亿元): the value stays as written before them
_SCALE_CHARS = "万亿千百"
#: a cumulative figure of the period in square brackets (a note under the table says so): [13.5]
_CUMULATIVE = re.compile(r"^[\[〔【［](.+)[\]〕】］]$")
#: a word of comment in brackets after the value: 100（全覆盖）
_COMMENT = re.compile(r"^(.*?\d[%‰]?)\s*[(（][\u4e00-\u9fff]{1,8}[)）]$")


@dataclass
class Value:
    """A value cell read: the number, and what the cell itself says about it."""

    cell: Cell
    comparator: Comparator
    value: Decimal
    value_max: Decimal | None
    unit: str | None = None  # a unit written in the cell (35.6公里) or on the line under it
    year: int | None = None  # a year written in a value cell given as words (2027年60%)
    mark: int | None = None  # a footnote mark glued to the value (35%1)
    doubts: list[str] = field(default_factory=list)


class ValueCells:
    """Reads value cells; the row reader and the grid reader are such readers."""

    tr: CompiledTables
    rules: RuleSet
    notes: bool  # numbered notes follow the table: a digit glued to a value is a footnote mark

    def is_value(self, t: str) -> bool:
        if len(self.tr.value_shape.sub("", t)) > MAX_VALUE_WORDS:
            return False
        return self._parse(t)[0] is not None

    def _parse(self, t: str) -> tuple[tuple[Comparator, Decimal, Decimal | None] | None, str, list[str]]:
        """The cell's value, the text it was read from and the doubts of reading it: brackets
        (``(85)``, a note explains them) and a footnote mark (``35%1``, when the table has notes)."""
        doubts: list[str] = []
        own = _OWN_YEAR.match(t)
        if own:
            t = own.group(1)
        m = _PARENS.match(t)
        if m:
            t, doubts = m.group(1), ["table:parenthesised"]
        cum = _CUMULATIVE.match(t)
        if cum:
            t, doubts = cum.group(1), ["table:cumulative"]
        comment = _COMMENT.match(t)
        if comment:
            t = comment.group(1)
        parsed = parse_cell(t, self.rules)
        if parsed is None and self.notes:
            f = _FOOTNOTE.match(t)
            if f:
                parsed, t, doubts = parse_cell(f.group(1), self.rules), f.group(1), [*doubts, "table:footnote-mark"]
        return parsed, t, doubts

    def read_value(self, cell: Cell) -> Value | None:
        """A value cell: ``>85``, ``99%以上``, ``35.6公里``, ``(85)``, ``35%1``."""
        parsed, t, doubts = self._parse(cell.text)
        if parsed is None:
            return None
        op, value, vmax = parsed
        own = _OWN_YEAR.match(cell.text)
        mark = _FOOTNOTE.match(cell.text) if "table:footnote-mark" in doubts else None
        unit, written = self._unit_in(t)
        if written is not None and unit and unit[0] in _SCALE_CHARS and written[0] != value:
            value, vmax = written  # 1850万人次: 1850 in 万人次, not 18500000 in 万人次
        return Value(cell=cell, comparator=op, value=value, value_max=vmax, unit=unit, doubts=doubts,
                     year=int(own.group(2)) if own else None, mark=int(mark.group(2)) if mark else None)

    def _unit_in(self, t: str) -> tuple[str | None, tuple[Decimal, Decimal | None] | None]:
        """The unit written in a value cell, and the value as written before it (unscaled)."""
        if "%" in t or "％" in t:
            return "%", None
        qs = find_quantities(t, 0, self.rules)
        if len(qs) == 1 and qs[0].unit:
            return qs[0].unit, (qs[0].value, qs[0].value_max)
        return None, None

    def _text_value(self, cell: Cell) -> Value | None:
        """The value of a cell written in words (``启动8个城中村改造项目``, ``2027年60%``)."""
        for q in find_quantities(cell.text, 0, self.rules):
            if not q.unit:
                continue
            years = [int(y) for y in _YEAR.findall(cell.text[:q.num_start])]
            sub = Cell(text=cell.text[q.start:q.end], start=cell.start + q.start, end=cell.start + q.end, line=cell.line)
            return Value(cell=sub, comparator=q.comparator, value=q.value, value_max=q.value_max, unit=q.unit,
                         year=years[-1] if years else None, doubts=["table:value-in-text"])
        return None
