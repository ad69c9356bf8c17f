"""Tables, part 1: the rule table, and what a table's cells are.

Whatever carries the cells of a table (pipes, tabs, Markdown, runs of spaces,
one cell per line, one cell per paragraph), the readers see the same thing: a
sequence of :class:`CellLine` s, each holding the :class:`Cell` s of one line
(a whole row when the line delimits its cells, one cell otherwise).
:func:`cell_lines` makes that sequence from the cleaned lines of a document;
tables read from HTML, DOCX or PDF structure can hand rows of cells to the same
readers (:func:`plancmp.extract.tables.read_table`). The header is
:mod:`plancmp.extract.table_header`; rows are :mod:`plancmp.extract.table_rows`.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field

from ..prepare.chars import alternation, any_of, han_or
from ..ruleset import Regex, RuleSet, compiled_once
from .meta import compiled as meta_rules
from .meta import five_year_period
from .quantities import compiled as quantity_grammar

Role = Literal["seq", "name", "category", "year", "binding", "unit", "note", "empty", "group", "task", "time"]

Lines = list[tuple[int, int, str]]


# --- rules ---------------------------------------------------------------------------

class HeaderRules(BaseModel):
    name: list[Regex] = Field(description="regexes of the indicator-name header cell (指标, 指标名称)")
    seq: list[Regex] = Field(description="regexes of the row-number header cell (序号)")
    category: list[Regex] = Field(default=[], description="regexes of a grouping column (领域, 类别, 一级指标)")
    binding: list[Regex] = Field(description="regexes of the attribute header cell (属性)")
    unit: list[Regex] = Field(default=[], description="regexes of a unit column (单位)")
    note: list[Regex] = Field(default=[], description="regexes of columns without values (备注, 责任单位)")
    task: list[Regex] = Field(default=[], description="regexes of the task or project column of a task list (工作任务, 项目名称)")
    time: list[Regex] = Field(default=[], description="regexes of the deadline column of a task list (完成时间)")
    year: Regex = Field(description="regex of a year header cell with a group `year`")
    baseline_column: list[Regex] = Field(default=[], description="regexes of a value column without a year that holds the baseline (现状值, “十四五”完成值)")
    target_column: list[Regex] = Field(default=[], description="regexes of a value column without a year that holds the target (目标值)")
    group: list[Regex] = Field(default=[], description="regexes of a cell spanning the year columns of a second header row (指标值)")
    period_end: Regex = Field(default="(?P<n>(?!))", description="regex of a value column named by the end of a "
                              "five-year period (“十三五”末), group `n` its number")
    growth_column: Regex = Field(default="(?P<word>(?!))", description="regex of a column of growth rates (年均增长), "
                                 "group `word` the word added to the row's name")
    baseline_words: list[str] = Field(description="words in a year header that make it the baseline column")
    target_words: list[str] = Field(description="words in a year header that make it a target column")


class CellRules(BaseModel):
    empty: list[str] = Field(description="cells that hold no value but keep their column")
    max_chars: int = Field(description="longest text of a name cell; longer lines end a table")
    max_text_value: int = Field(description="longest text of a value cell written as words (启动8个改造项目)")
    seq: Regex = Field(description="regex of a row-number cell")
    prose: Regex = Field(description="regex found in prose lines (which end a table)")
    stop: list[Regex] = Field(description="regexes matching at the start of a line that ends a table")
    group: list[Regex] = Field(default=[], description="regexes of a group row inside a table (二、优质资源, 行动一：…), "
                                                      "which ends the table when no row follows it")
    notes: Regex = Field(description="regex of a note under a table (注：1. …)")
    skip: list[Regex] = Field(default=[], description="regexes of whole lines of page furniture inside a table (— 12 —)")
    worded: Regex = Field(description="regex of a value written in words (全覆盖, 基本达标)")


class NameRules(BaseModel):
    units: list[str] = Field(description="units a unit cell or a trailing (unit) of an indicator name may hold")
    sub_prefix: Regex = Field(description="regex opening a sub-row label (其中:)")
    own_metric: Regex = Field(description="regex: a sub-label that names its own metric")
    max_sub_chars: int = Field(description="longest sub-label continuing a 其中 group")
    qualifier: Regex = Field(description="regex of a bracketed qualifier dropped from a metric: （含改扩建）")
    per_unit: Regex = Field(default="(?!)", description="regex of a unit written per so many people (1/10万)")
    lost_superscripts: dict[str, str] = Field(default={}, description="units whose superscript the text layer lost "
                                              "(m3) -> the unit they stand for (立方米)")


class AroundRules(BaseModel):
    unit_line: Regex = Field(description="regex of a unit line above a table (单位：亩), group `unit`")
    numbered_note: Regex = Field(description="regex of numbered notes under a table (注：1.)")
    paren_note: Regex = Field(description="regex of a note giving bracketed values a year, group 1")
    review_caption: Regex = Field(default="(?!)", description="regex of a caption saying the table reviews the state "
                                  "(现状, 完成情况): its value columns are baselines")
    goal_caption: Regex = Field(default="(?!)", description="regex of a caption naming goals too (目标)")
    mark_note: Regex | None = Field(default=None, description="regex of a numbered note giving the year of the "
                                    "values its mark is glued to; groups `mark`, `year`")


class GridRules(BaseModel):
    place_suffixes: list[str] = Field(description="endings of a place's name (镇, 街道)")
    target_words: list[str] = Field(description="words of a column's labels that make its cells targets")
    baseline_words: list[str] = Field(description="words of a column's labels that make its cells baselines")
    year_parent_words: list[str] = Field(description="words of the cell years stand under (年度, 任务)")
    counters: list[str] = Field(description="counters whose X数 column takes X as unit (处数 -> 处)")
    caption_rows: list[str] = Field(description="row kinds a caption names after 各 (各街道)")
    caption_kinds: Regex = Field(description="regex of the kind of table ending a caption (分解表)")


class ListRules(BaseModel):
    basis_openers: list[str] = Field(description="words opening a clause that gives a task's basis (参照)")


class TableRules(BaseModel):
    """``rules/tables.toml``."""

    header: HeaderRules
    bindings: dict[str, str] = Field(description="attribute cell -> binding (预期 -> 预期性)")
    cells: CellRules
    names: NameRules
    around: AroundRules
    grid: GridRules
    lists: ListRules


@dataclass(frozen=True)
class CompiledTables:
    """``rules/tables.toml`` compiled (:func:`compiled`)."""

    rules: TableRules
    name: re.Pattern[str]  # header cells, each matched whole: the indicator-name column
    seq_head: re.Pattern[str]  # ... the row-number column
    category: re.Pattern[str]
    binding_head: re.Pattern[str]
    unit_head: re.Pattern[str]
    note: re.Pattern[str]
    task: re.Pattern[str]
    time: re.Pattern[str]
    year: re.Pattern[str]
    base_col: re.Pattern[str]
    target_col: re.Pattern[str]
    group: re.Pattern[str]
    growth: re.Pattern[str]
    period_end: re.Pattern[str]
    five_year: Callable[[int], tuple[int, int]]  # the years of the n-th five-year plan (meta.toml)
    seq: re.Pattern[str]  # a row-number cell
    prose: re.Pattern[str]
    stop: re.Pattern[str]
    group_row: re.Pattern[str]
    notes: re.Pattern[str]
    skip: re.Pattern[str]  # a page number printed inside a table: skipped
    worded: re.Pattern[str]
    unit_paren: re.Pattern[str]  # a trailing (unit) of an indicator name
    unit_cell: re.Pattern[str]  # a cell that is a unit: 万平方米, （亩）
    sub_prefix: re.Pattern[str]
    own_metric: re.Pattern[str]
    qualifier: re.Pattern[str]
    lost_unit: re.Pattern[str]  # a unit whose superscript was lost (万m2): groups `scale`, `unit`
    value_shape: re.Pattern[str]
    unit_line: re.Pattern[str]
    unit_note: re.Pattern[str]  # a unit note in brackets after a caption
    numbered_note: re.Pattern[str]
    paren_note: re.Pattern[str]
    mark_note: re.Pattern[str]
    review_caption: re.Pattern[str]
    goal_caption: re.Pattern[str]
    place: re.Pattern[str]  # a place's name ends so
    grid_target: re.Pattern[str]
    grid_base: re.Pattern[str]
    count_label: re.Pattern[str]  # group `unit`: the counter of an X数 column
    place_rows: re.Pattern[str]  # a first header cell naming places as rows (街道, 乡镇名称): a grid's
    caption_head: re.Pattern[str]
    caption_tail: re.Pattern[str]
    basis: re.Pattern[str]


@compiled_once
def compiled(rules: RuleSet) -> CompiledTables:
    """The table rules, validated and compiled once per rule set."""
    t = rules.table("tables", TableRules)
    h, c, n, g = t.header, t.cells, t.names, t.grid
    lost = [f"[万亿]?{u}" for u in sorted(n.lost_superscripts, key=len, reverse=True)]
    units = alternation([*n.units, *quantity_grammar(rules).units.units]) + "".join(f"|{u}" for u in lost)
    return CompiledTables(
        rules=t,
        name=_any(h.name), seq_head=_any(h.seq), category=_any(h.category),
        binding_head=_any(h.binding), unit_head=_any(h.unit), note=_any(h.note), task=_any(h.task),
        time=_any(h.time), year=re.compile(h.year), base_col=_any(h.baseline_column),
        target_col=_any(h.target_column), group=_any(h.group),
        growth=re.compile(h.growth_column), period_end=re.compile(h.period_end),
        five_year=lambda n: five_year_period(meta_rules(rules), n),
        seq=re.compile(c.seq), prose=re.compile(c.prose), stop=_any(c.stop), group_row=_any(c.group),
        notes=re.compile(c.notes), skip=_any(c.skip), worded=re.compile(c.worded),
        # a unit, a slash unit the grammar knows, one unit per another (个/平方公里), per people (1/10万)
        unit_paren=re.compile(rf"\s*[((]\s*(?P<unit>(?:{units})/(?:{units}|[百千万][人户生])|{units}"
                              rf"|{any_of(quantity_grammar(rules).units.compound)}|{n.per_unit})"
                              r"\s*[))]\s*$"),
        unit_cell=re.compile(rf"[((]?\s*(?:{units}|{any_of(quantity_grammar(rules).units.compound)})\s*[))]?"),
        sub_prefix=re.compile(n.sub_prefix), own_metric=re.compile(n.own_metric),
        qualifier=re.compile(n.qualifier),
        lost_unit=re.compile(rf"(?P<scale>[万亿]?)(?P<unit>{alternation(list(n.lost_superscripts))})"),
        # what is left of a value cell without its number: comparator and unit words only
        value_shape=re.compile(r"[\d.,%‰\s<>≤≥=~+\-()（）]"),
        unit_line=re.compile(t.around.unit_line),
        unit_note=re.compile(rf"[(（]?\s*{t.around.unit_line}[^)）]*[)）]?"),
        numbered_note=re.compile(t.around.numbered_note), paren_note=re.compile(t.around.paren_note),
        mark_note=re.compile(t.around.mark_note or "(?!)"),
        review_caption=re.compile(t.around.review_caption), goal_caption=re.compile(t.around.goal_caption),
        place=re.compile(f"(?:{alternation(g.place_suffixes)})$"),
        grid_target=re.compile(alternation(g.target_words)), grid_base=re.compile(alternation(g.baseline_words)),
        count_label=re.compile(f"(?P<unit>{alternation(g.counters)})数$|数量$"),
        place_rows=re.compile(rf"(?:各)?(?:{alternation(g.caption_rows)})(?:名称)?"),
        caption_head=re.compile(rf"^(?:附件\s*\d*\s*[:：]?\s*)?(?:各|分)(?:{alternation(g.caption_rows)})"),
        caption_tail=re.compile(g.caption_kinds),
        basis=re.compile(f"^(?:{alternation(t.lists.basis_openers)})"),
    )


def unit_form(text: str, tr: CompiledTables) -> str:
    """A unit cell's unit: as written, unless its superscript was lost (``m3`` -> 立方米,
    ``万m2`` -> 万平方米)."""
    m = tr.lost_unit.fullmatch(text.strip())
    return m.group("scale") + tr.rules.names.lost_superscripts[m.group("unit")] if m else text


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(any_of(patterns))


# --- cells ---------------------------------------------------------------------------

@dataclass
class Cell:
    """One table cell: its text (stripped) and where it is in ``doc.text``."""

    text: str
    start: int
    end: int
    line: int  # index of the cleaned line where it starts
    role: Role | None = None  # the header column it sits under, when the row lines up with the header


@dataclass
class CellLine:
    """The cells of one line of a table (or of one row handed over whole).

    ``row``: the cells make a whole row (a delimited line, a spaced row, a row of an
    HTML table); otherwise the line holds one cell of a row laid out one cell per line."""

    cells: list[Cell]
    row: bool
    delimited: bool = False  # pipes or tabs: the cells line up with a delimited header
    lines: list[int] = field(default_factory=list)  # cleaned lines it took up

    @property
    def last(self) -> int:
        return self.lines[-1] if self.lines else self.cells[-1].line


_DELIMS = ("|", "\t")
_SPACED_CELL = re.compile(r"\S+")  # in a line without delimiters, cells are separated by spaces
_CJK_GAP = re.compile(f"(?<={han_or('“”()（）')})\\s+(?={han_or('“”()（）')})")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
#: a delimited row broken by a hard wrap is joined over at most this many lines
MAX_ROW_LINES = 4
#: the longest piece of a last cell a wrap cut off onto a line of its own (``0``, ``约束性``)
_MAX_CUT_CELL = 12
#: lines looked at to learn how many delimiters a row of a delimited table holds
_DELIM_SAMPLE = 40


def joined_text(parts: list[str]) -> str:
    """Parts of one cell broken over lines, joined: a space only between two ASCII words
    (``每千人口拥有`` ⏎ ``3岁以下…`` is one name)."""
    out = ""
    for p in (p.strip() for p in parts):
        if not p:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            out += " "
        out += p
    return _CJK_GAP.sub("", out)


def is_md_rule(text: str) -> bool:
    return bool(_MD_RULE.match(text))


def delimiter_of(text: str) -> str | None:
    return next((d for d in _DELIMS if d in text), None)


def split_cells(text: str, start: int, line: int, n_cols: int | None = None) -> tuple[list[Cell], bool]:
    """The cells of one line and whether it was delimited (pipes, tabs) or spaced.

    A delimiter opening or closing the line (Markdown ``| a | b |``) opens no cell,
    unless that cell is needed to make ``n_cols`` cells (``1 | 指标 | | |``)."""
    d = delimiter_of(text)
    if d is None:
        return [Cell(text=m.group(), start=start + m.start(), end=start + m.end(), line=line)
                for m in _SPACED_CELL.finditer(text)], False
    return _trim_edges(_raw_split(text, start, line, d), text, text, d, n_cols), True


def merge_cells(a: Cell, b: Cell) -> Cell:
    """Two pieces of one cell that a hard wrap broke (``98.`` ⏎ ``5``) as one cell."""
    if not a.text:
        return b
    if not b.text:
        return a
    return Cell(text=a.text + b.text, start=a.start, end=b.end, line=a.line, role=a.role)


def one_cell(lines: Lines, idx: list[int]) -> Cell:
    """The cell made of the cleaned lines ``idx`` (consecutive, or parted by page numbers)."""
    parts = [lines[j][2] for j in idx]
    s = lines[idx[0]][0] + len(parts[0]) - len(parts[0].lstrip())
    e = lines[idx[-1]][0] + len(parts[-1].rstrip())
    return Cell(text=joined_text(parts), start=s, end=e, line=idx[0])


def next_nonblank(lines: Lines, i: int) -> int | None:
    """Index of the first non-blank cleaned line after ``i``, or None."""
    j = i + 1
    while j < len(lines) and not lines[j][2].strip():
        j += 1
    return j if j < len(lines) else None


def paragraph_mode(lines: Lines, first: int, last: int) -> bool:
    """Whether the lines ``first..last`` (a header) put one cell per paragraph: a blank line
    after (nearly) every line, so that lines not parted by a blank line are one broken cell."""
    filled = [j for j in range(first, last + 1) if lines[j][2].strip()]
    if len(filled) < 2:
        return False
    parted = sum(1 for j in filled[:-1] if not lines[j + 1][2].strip())
    return parted >= 0.6 * (len(filled) - 1)


def row_delimiters(lines: Lines, first: int, d: str) -> int:
    """How many delimiters a row holds in the delimited table whose header is on line ``first``.

    A hard wrap (a PDF paste) cuts rows anywhere, so single lines may hold fewer: the count is
    the one that splits the next lines, taken in order, into groups holding exactly it that cover
    the most lines."""
    counts: list[int] = []
    j = first
    while j < len(lines) and len(counts) < _DELIM_SAMPLE and lines[j][2].strip():
        k = lines[j][2].count(d)
        if not k and not (j + 1 < len(lines) and d in lines[j + 1][2]):
            break  # a line without delimiters only inside a row broken over lines
        counts.append(k)
        j += 1
    top = max(counts)
    best, best_cover = top, -1
    for target in range(top, top + MAX_ROW_LINES):
        cover, acc, n = 0, 0, 0
        for k in counts:
            acc, n = acc + k, n + 1
            if acc >= target:
                cover += n if acc == target else 0
                acc, n = 0, 0
        if cover > best_cover:
            best, best_cover = target, cover
    return best


def delimited_rows(lines: Lines, i: int, n_delims: int, n_cols: int | None = None) -> tuple[list[Cell], list[int]] | None:
    """The cells of a delimited row starting at line ``i``, re-joined when a hard wrap broke it
    over lines (a PDF paste cuts ``| 98.5 | 约束性 |`` anywhere): lines are taken until they hold
    the table's ``n_delims`` delimiters."""
    d = delimiter_of(lines[i][2])
    if d is None:
        return None
    taken = [i]
    count = lines[i][2].count(d)
    j = i
    while count < n_delims and len(taken) < MAX_ROW_LINES:
        j += 1
        if j >= len(lines) or not lines[j][2].strip():
            break
        nd = lines[j][2].count(d)
        if count + nd > n_delims:
            break
        taken.append(j)
        count += nd
    if count != n_delims and len(taken) > 1:
        taken = [i]
    if count == n_delims and _open_end(lines, i, taken[-1], d, n_delims):
        taken.append(taken[-1] + 1)  # ``1 | 指标 | 3.2 |`` ⏎ ``0``: the wrap cut the last cell off
    cells: list[Cell] = []
    for j in taken:
        s, _, text = lines[j]
        part = _raw_split(text, s, j, d) if d in text else [one_cell(lines, [j])]
        if cells and part:
            cells[-1] = merge_cells(cells[-1], part[0])
            part = part[1:]
        cells.extend(part)
    return _trim_edges(cells, lines[i][2], lines[taken[-1]][2], d, n_cols), taken


def _open_end(lines: Lines, first: int, last: int, d: str, n_delims: int) -> bool:
    """Whether a row ends with a delimiter where the table's rows end without one (``a | b``, as a
    whole row above it shows), and the next line, without delimiters and short, holds its last cell."""
    if lines[first][2].strip().startswith(d) or not lines[last][2].rstrip().endswith(d):
        return False
    above = (lines[k][2].rstrip() for k in range(first - 1, max(-1, first - MAX_ROW_LINES - 2), -1))
    if not any(t.count(d) == n_delims and not t.endswith(d) for t in above):
        return False
    nxt = last + 1
    if nxt >= len(lines):
        return False
    t = lines[nxt][2].strip()
    return bool(t) and d not in t and len(t) <= _MAX_CUT_CELL


def _raw_split(text: str, start: int, line: int, d: str) -> list[Cell]:
    cells, pos = [], 0
    for part in text.split(d):
        s = len(part) - len(part.lstrip())
        cells.append(Cell(text=part.strip(), start=start + pos + s, end=start + pos + len(part.rstrip()), line=line))
        pos += len(part) + 1
    return cells


def _trim_edges(cells: list[Cell], first: str, last: str, d: str, n_cols: int | None) -> list[Cell]:
    """Without the empty cells a delimiter opening or closing the row makes (Markdown), unless
    they are needed to make ``n_cols`` cells (``| | 92 | 100 |`` under a five-column header)."""
    if first.strip().startswith(d) and cells and not cells[0].text and len(cells) != n_cols:
        cells = cells[1:]
    if last.strip().endswith(d) and cells and not cells[-1].text and len(cells) != n_cols:
        cells = cells[:-1]
    return cells


def body_lines(lines: Lines, start: int, paragraphs: bool, n_delims: int | None,
               max_blank: int, n_cols: int | None = None, skip: re.Pattern[str] | None = None) -> Iterator[CellLine]:
    """The lines of a table body from cleaned line ``start`` on, as :class:`CellLine` s.

    ``paragraphs``: one cell per paragraph (consecutive lines are one broken cell);
    ``n_delims``: delimiters a row of a delimited table holds (rows broken by a wrap are
    re-joined; ``n_cols``: cells a delimited row holds; ``skip``: whole lines of page furniture,
    passed over like blank lines). Stops after ``max_blank`` blank lines in a row; the reader
    stops earlier."""
    i, blank = start, 0
    while i < len(lines):
        text = lines[i][2]
        if not text.strip():
            blank += 1
            if blank > max_blank:
                return
            i += 1
            continue
        if is_md_rule(text) or (skip is not None and skip.fullmatch(text.strip())):
            i += 1
            continue
        if n_delims and delimiter_of(text):
            got = delimited_rows(lines, i, n_delims, n_cols)
            assert got is not None
            cells, taken = got
            yield CellLine(cells=cells, row=True, delimited=True, lines=taken)
            i, blank = taken[-1] + 1, 0
            continue
        taken = [i]
        if paragraphs:
            while len(taken) < MAX_ROW_LINES and (nxt := _paragraph_goes_on(lines, taken[-1], skip)) is not None:
                taken.append(nxt)
        # several cells parted by spaces: the reader decides whether they are a row or one cell
        cells = split_cells(text, lines[i][0], i)[0] if len(taken) == 1 else [one_cell(lines, taken)]
        yield CellLine(cells=cells, row=False, lines=taken)
        i, blank = taken[-1] + 1, 0


def _paragraph_goes_on(lines: Lines, j: int, skip: re.Pattern[str] | None) -> int | None:
    """The line that goes on with the paragraph of line ``j`` (a page number between the two
    pieces of a cell is passed over), or None where the paragraph ends."""
    k = j + 1
    if k < len(lines) and skip is not None and skip.fullmatch(lines[k][2].strip()):
        k += 1
    if k >= len(lines) or not lines[k][2].strip() or delimiter_of(lines[k][2]):
        return None
    if skip is not None and skip.fullmatch(lines[k][2].strip()):
        return None
    return k


def as_one(cells: list[Cell]) -> Cell:
    """Cells parted by spaces read as one cell (spaces inside a name, not between cells)."""
    return Cell(text=joined_text([c.text for c in cells]), start=cells[0].start, end=cells[-1].end,
                line=cells[0].line)
