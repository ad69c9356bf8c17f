"""No layout makes the table readers raise; layout changes keep the records; doubts and
confidence; rows of cells handed over whole."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancmp.extract import tables
from plancmp.extract.table_cells import Cell
from plancmp.ruleset import default_rules

from .layout import wrap_chars as wrap
from .tables_common import content, doc_of, records
from .test_table_grids import GRID_THREE_ROW_HEADER, GRID_TWO_ROW_HEADER
from .test_table_layouts import (
    CATEGORY_OPENS_GROUP,
    EMPTY_MARKS_AND_NOTES,
    GROUP_ROWS_EMPTY_CELL,
    HEADER_CELLS_BROKEN,
    NEW_CASES,
    NUMBERED_NAMES_BLANK_LINES,
    TARGET_ONLY_NO_YEAR,
    UNIT_AND_BINDING_BEFORE_VALUES,
)
from .test_tables import CASES, MISSING_CELL, NOT_TABLES, ONE_CELL_PER_LINE, PIPES, SUB_ROWS_ONE_CELL

@pytest.mark.parametrize("width", [30, 34, 38, 41], ids=lambda w: f"wrapped-at-{w}")
def test_hard_wrapped_pipe_table_does_not_crash(width: int) -> None:
    """A PDF paste cuts a pipe row right before its closing ``|``, which then stands alone on a line."""
    text = ("专栏二 “十四五”时期本区教育发展主要指标 | ||||\n序号 | 指标名称 | 2020年 | 2025年 | 属性 |\n"
            "1 | 残疾儿童少年义务教育入学率(%) | 97.35 | 98.5 | 约束性 |\n"
            "2 | 中小学专任教师具有硕士学位比例(%) | 10.2 | 15 | 预期性 |\n四、保障措施\n")
    got = records(wrap(text, width))
    assert {(m, v, k) for _, m, v, _, _, _, k, _, _ in got} >= {("残疾儿童少年义务教育入学率", 98.5, "target")}


# --- no layout makes the reader raise; layout changes keep the records ---------------------

_ALL_TABLES = [c[1] for c in CASES] + [c[1] for c in NEW_CASES] + [c[1] for c in NOT_TABLES]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_ALL_TABLES), st.integers(min_value=2, max_value=60), st.randoms(use_true_random=False))
def test_no_layout_makes_the_reader_raise(text: str, width: int, rnd) -> None:
    """Tables wrapped at any width, with lines shuffled or dropped, blank lines added or removed:
    the reader may read less, never raises, and every record points at its own text."""
    lines = wrap(text, width).split("\n")
    op = rnd.randrange(4)
    if op == 0:
        rnd.shuffle(lines)
    elif op == 1 and lines:
        del lines[rnd.randrange(len(lines))]
    elif op == 2:
        lines = [x for ln in lines for x in (ln, "")]
    else:
        lines = [ln for ln in lines if ln.strip()]
    variant = "\n".join(lines)
    doc = doc_of(variant)
    for t in tables.extract_tables(doc, [], default_rules()):
        assert variant[t.span.start:t.span.end] == t.match
        assert 0.0 < t.confidence <= 1.0


ONE_CELL_TABLES = [
    ("one-cell-per-line", ONE_CELL_PER_LINE), ("group-rows", GROUP_ROWS_EMPTY_CELL),
    ("unit-before-values", UNIT_AND_BINDING_BEFORE_VALUES), ("numbered-names", NUMBERED_NAMES_BLANK_LINES),
    ("category-groups", CATEGORY_OPENS_GROUP), ("sub-rows", SUB_ROWS_ONE_CELL),
]


@pytest.mark.parametrize("text", [c[1] for c in ONE_CELL_TABLES], ids=[c[0] for c in ONE_CELL_TABLES])
def test_blank_lines_between_cells_change_nothing(text: str) -> None:
    """One cell per line or one cell per paragraph: the same records."""
    without = "\n".join(ln for ln in text.split("\n") if ln.strip()) + "\n"
    with_blanks = "\n\n".join(ln for ln in text.split("\n") if ln.strip()) + "\n"
    assert content(without) == content(text) == content(with_blanks)


# --- confidence: a row that fits its header is sure; each doubt lowers it ---------------------

DOUBTS = [
    ("fits-the-header", PIPES, 3, 97.5, []),
    ("missing-cell", MISSING_CELL, 11, 1, ["table:missing-cell"]),
    ("no-year-in-the-header", TARGET_ONLY_NO_YEAR, 2, 1500, ["table:no-year"]),
    ("value-written-in-words", HEADER_CELLS_BROKEN, 34, 36, ["table:value-in-text", "table:no-year"]),
    ("bracketed-value", EMPTY_MARKS_AND_NOTES, 3, 70, ["table:parenthesised"]),
    ("footnote-mark", EMPTY_MARKS_AND_NOTES, 4, 65, ["table:footnote-mark"]),
    ("no-unit", GRID_TWO_ROW_HEADER, 10, 2700, ["table:spanning-header", "table:no-year", "table:no-unit"]),
]


@pytest.mark.parametrize(("text", "line", "value", "doubts"), [d[1:] for d in DOUBTS], ids=[d[0] for d in DOUBTS])
def test_doubts_and_confidence(text: str, line: int, value: float, doubts: list[str]) -> None:
    got = [t for t in tables.extract_tables(doc_of(text), [], default_rules()) if t.line == line and t.value == value]
    assert len(got) == 1
    assert sorted(got[0].doubts) == sorted(doubts)
    assert (got[0].confidence == 0.95) if not doubts else (got[0].confidence < 0.9)


def test_more_doubts_less_confidence() -> None:
    from plancmp.extract.table_records import confidence

    assert confidence([]) > confidence(["table:no-year"]) > confidence(["table:no-year", "table:missing-cell"])
    assert confidence(["table:extra-values"] * 9) == 0.1


# --- rows of cells handed over whole (HTML, DOCX, PDF structure) ------------------------------

def _cells(texts: list[str], line: int) -> list[Cell]:
    return [Cell(text=t, start=0, end=len(t), line=line) for t in texts]


def test_rows_of_cells_read_by_the_same_reader() -> None:
    header = _cells(["序号", "指标", "2022年", "2025年", "属性"], 0)
    rows = [_cells(["1", "家庭医生签约率(%)", "38", "≥45", "预期性"], 1),
            _cells(["2", "其中:重点人群", "65", "75", ""], 2),
            _cells(["3", "每千人口执业医师数(人)", "—", "3.2", "约束性"], 3)]
    table = tables.read_table(header, rows, default_rules())
    assert table is not None and table.kind == "indicator"
    got = [([c.text for n in r.names for c in n], [c.text for c in r.subs],
            [v.cell.text if v else None for v in r.values], r.binding) for r in table.rows]
    assert got == [(["家庭医生签约率(%)"], [], ["38", "≥45"], "预期性"),
                   ([], ["其中:重点人群"], ["65", "75"], None),
                   (["每千人口执业医师数(人)"], [], [None, "3.2"], "约束性")]
    assert [(c.year, c.kind) for c in table.header.years] == [(2022, "baseline"), (2025, "target")]


def test_rows_of_cells_of_a_task_list() -> None:
    header = _cells(["序号", "重点任务", "牵头单位", "完成时间"], 0)
    rows = [_cells(["1", "建成区域医疗中心", "区卫健委", "2026年"], 1)]
    table = tables.read_table(header, rows, default_rules())
    assert table is not None and table.kind == "list"
    assert [[c.text for c in r.names[0]] for r in table.rows] == [["建成区域医疗中心"]]


def test_rows_of_cells_without_a_header_are_no_table() -> None:
    assert tables.read_table(_cells(["甲", "乙"], 0), [_cells(["1", "2"], 1)], default_rules()) is None


# --- page numbers of a printed copy inside any table --------------------------------------------

PAGED_TABLES = [*ONE_CELL_TABLES, ("grid-three-row-header", GRID_THREE_ROW_HEADER)]


@pytest.mark.parametrize("text", [c[1] for c in PAGED_TABLES], ids=[c[0] for c in PAGED_TABLES])
@pytest.mark.parametrize("every", [3, 4, 7], ids=lambda n: f"page-number-every-{n}-lines")
def test_page_numbers_inside_a_table_change_nothing(text: str, every: int) -> None:
    """A printed copy's page numbers (— 2 —) fall anywhere in a table: they are passed over."""
    lines = text.split("\n")
    paged = [x for k, ln in enumerate(lines, 1) for x in ([ln, f"— {k // every + 1} —"] if k % every == 0 else [ln])]
    assert content("\n".join(paged)) == content(text)
