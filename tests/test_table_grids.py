"""Grids whose rows are places and whose columns are categories and years, in tables written for the tests."""
from __future__ import annotations

import pytest

from plancmp.extract import tables
from plancmp.ruleset import default_rules

from .tables_common import doc_of

GRID_THREE_ROW_HEADER = """附件1
南湖县闲置宅基地腾退任务分解表
单位：亩

乡镇

存量闲置宅基地

整治类型

分年度腾退任务面积

甲类

乙类

2025年

2026年

面积

处数

面积

面积

东岭镇

东村片

12.5

30

4.2

8.3

6

6.5

西村片

7.0

16

2.0

5.0

3

4

北溪乡

9.5

21

0.00

9.5

5

4.5

合计

29.0

67

6.2

22.8

14

15

备注：甲类、乙类数据互有重叠。
"""

# (line, metric, value, unit, kind, year)
GRID_THREE_ROW_EXPECTED = {
    (33, "存量闲置宅基地面积（东岭镇东村片）", 12.5, "亩", "baseline", None),
    (35, "存量闲置宅基地处数（东岭镇东村片）", 30, "处", "baseline", None),
    (37, "甲类面积（东岭镇东村片）", 4.2, "亩", "baseline", None),
    (39, "乙类面积（东岭镇东村片）", 8.3, "亩", "baseline", None),
    (41, "分年度腾退任务面积（东岭镇东村片）", 6, "亩", "target", 2025),
    (43, "分年度腾退任务面积（东岭镇东村片）", 6.5, "亩", "target", 2026),
    (47, "存量闲置宅基地面积（东岭镇西村片）", 7.0, "亩", "baseline", None),
    (49, "存量闲置宅基地处数（东岭镇西村片）", 16, "处", "baseline", None),
    (51, "甲类面积（东岭镇西村片）", 2.0, "亩", "baseline", None),
    (53, "乙类面积（东岭镇西村片）", 5.0, "亩", "baseline", None),
    (55, "分年度腾退任务面积（东岭镇西村片）", 3, "亩", "target", 2025),
    (57, "分年度腾退任务面积（东岭镇西村片）", 4, "亩", "target", 2026),
    (61, "存量闲置宅基地面积（北溪乡）", 9.5, "亩", "baseline", None),
    (63, "存量闲置宅基地处数（北溪乡）", 21, "处", "baseline", None),
    (65, "甲类面积（北溪乡）", 0, "亩", "baseline", None),
    (67, "乙类面积（北溪乡）", 9.5, "亩", "baseline", None),
    (69, "分年度腾退任务面积（北溪乡）", 5, "亩", "target", 2025),
    (71, "分年度腾退任务面积（北溪乡）", 4.5, "亩", "target", 2026),
    (75, "存量闲置宅基地面积（合计）", 29.0, "亩", "baseline", None),
    (77, "存量闲置宅基地处数（合计）", 67, "处", "baseline", None),
    (79, "甲类面积（合计）", 6.2, "亩", "baseline", None),
    (81, "乙类面积（合计）", 22.8, "亩", "baseline", None),
    (83, "分年度腾退任务面积（合计）", 14, "亩", "target", 2025),
    (85, "分年度腾退任务面积（合计）", 15, "亩", "target", 2026),
}

GRID_YEARS_PIPES = """各街道新增托育托位分解表(单位:个)
街道 | 2025年 | 2026年 | 2027年
城关街道 | 120 | 150 | 180
河口街道 | 80 | 100 | - 
"""

GRID_YEARS_PIPES_EXPECTED = {
    (3, "新增托育托位（城关街道）", 120, "个", "target", 2025),
    (3, "新增托育托位（城关街道）", 150, "个", "target", 2026),
    (3, "新增托育托位（城关街道）", 180, "个", "target", 2027),
    (4, "新增托育托位（河口街道）", 80, "个", "target", 2025),
    (4, "新增托育托位（河口街道）", 100, "个", "target", 2026),
}

GRID_TWO_ROW_HEADER = """区域
新建
改扩建
学校数
学位数
学校数
学位数
东城区
3
2700
2
900
西城区
1
1080
4
1600
"""

GRID_TWO_ROW_EXPECTED = {
    (9, "新建学校数（东城区）", 3, "", "target", None),
    (10, "新建学位数（东城区）", 2700, "", "target", None),
    (11, "改扩建学校数（东城区）", 2, "", "target", None),
    (12, "改扩建学位数（东城区）", 900, "", "target", None),
    (14, "新建学校数（西城区）", 1, "", "target", None),
    (15, "新建学位数（西城区）", 1080, "", "target", None),
    (16, "改扩建学校数（西城区）", 4, "", "target", None),
    (17, "改扩建学位数（西城区）", 1600, "", "target", None),
}

GRIDS = [
    ("three-row-header-one-cell-per-paragraph", GRID_THREE_ROW_HEADER, GRID_THREE_ROW_EXPECTED),
    ("years-pipes", GRID_YEARS_PIPES, GRID_YEARS_PIPES_EXPECTED),
    ("two-row-header-one-cell-per-line", GRID_TWO_ROW_HEADER, GRID_TWO_ROW_EXPECTED),
]


@pytest.mark.parametrize(("text", "expected"), [g[1:] for g in GRIDS], ids=[g[0] for g in GRIDS])
def test_grid_layouts(text: str, expected: set[tuple]) -> None:
    """Metric: the labels over the column, then the row (with its parent row) in brackets; kind from
    the column's words (存量 baseline, 任务 target, a year target); unit from a 数 label or the table."""
    got = {(t.line, t.metric, t.value, t.unit, t.kind, t.year) for t in tables.extract_tables(doc_of(text), [], default_rules())}
    assert got == expected


def test_a_wide_open_grid_header_is_read_in_bounded_time() -> None:
    """Many groups over many categories, each holding the same two measures: the choice of which
    top cells hold the others is weighed over a bounded number of readings."""
    import time

    from plancmp.extract.table_grid import fit_header

    labels = ["片区"] + [f"第{i}组" for i in range(4)] + [f"类别{i}" for i in range(24)] + ["面积", "个数"] * 24
    t0 = time.perf_counter()
    fit_header(labels, 1 + 48, ["年"])
    assert time.perf_counter() - t0 < 5
