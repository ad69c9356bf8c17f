"""Indicator tables in the layouts first met: each row gives a baseline and target record per year column.

The tables below are written for these tests (not copied from the samples);
the last tests check every indicator-table row of the two sample plans that
have one against their gold annotations. More layouts of the genre are in
test_table_layouts; grids, lists and robustness have their own files.
"""
from __future__ import annotations

import pytest

from plancmp.extract import pipeline, tables
from plancmp.prepare import read
from plancmp.ruleset import default_rules

from .samples import gold
from .tables_common import Rec, doc_of, records

ONE_CELL_PER_LINE = """（二）发展目标
专栏1 “十四五”时期教育发展主要指标

序号

指标名称

2020年

2025年

属性

1

学前三年毛入园率(%)

96.5

≥98

预期性

2

义务教育巩固率(%)

99.6

>99.8

约束性

3

新增中小学学位(个)

—

6000

预期性

三、主要任务
到2025年新建学校10所。
"""

PIPES = """专栏二 主要发展目标 | | | | |
序号 | 指标名称 | 2020年 | 2025年 | 属性 |
1 | 残疾儿童少年入学率(%) | 97.5 | 98 | 约束性 |
2 | 普通高中生师比 | 13.5 | 13 | 预期性 |
3 | 劳动教育实践基地(个) | 6 | 10-12 | 预期性 |
四、保障措施
"""

TABS = "指标\t2020年\t2025年\t属性\n学前教育普惠率(%)\t85.2\t90以上\t约束性\n生均公用经费(元)\t1200\t1500\t预期性\n"

MARKDOWN_2035 = """| 序号 | 指标 | 2020年 | 2025年 | 2035年 | 属性 |
| --- | --- | :---: | :---: | :---: | --- |
| 1 | 特殊教育适龄儿童入学率(%) | 95 | ≥97 | 100 | 约束性 |
| 2 | 每万人口在校大学生数(人) | 约300 | 350 | 400-450 | 预期性 |

下一段正文。
"""

SPACED = """序号 指标 2020年 2025年 属性
1 学前教育毛入园率(%) 95.1 97 预期性
2 九年义务教育 巩固率(%) 99.5 ≥99.8 约束性
五、组织实施
"""

BROKEN_PIPES = """序号 | 指标名称 | 2020年 | 2025年 | 属性
1 | 中小学专任教师中具有研究生
学历的比例(%) | 12 | 20 | 预期性
2 | 学前教育专任教师接受专业 教育比例(%) | 60 | 80 | 约束性
3 | 义务教育阶段学校体育场地达标率(%) | | |
 | | 92 | 100 | 预期性
"""

BROKEN_ONE_CELL = """教育发展主要指标
指标
2020年
2025年
1
中小学生体质健康
标准达标率(%)
92.5
>95
2
新增幼儿园学位
(个)
3000
"""

SUB_ROWS_ONE_CELL = """主要发展指标
指标
2020年
2025年
属性
1
专任教师研究生学历比例(%)
其中:小学
初中
8
15
12
20
预期性
2
平均受教育年限(年)
13.2
13.8
预期性
其中:受过高等教育的比例(%)
30
35
预期性

四、保障措施
"""

SUB_ROWS_PIPES = """| 序号 | 指标 | 2020年 | 2025年 | 属性 |
|---|---|---|---|---|
| 1 | 教师本科学历比例(%) | | | 预期性 |
| | 其中:小学 | 90 | 95 | |
| | 初中 | 96 | 98 | |
| 2 | 义务教育学校达标率(%) | 88 | 100 | 约束性 |
"""

MISSING_CELL = """主要指标
指标
2020年
2025年
1
学前教育入园率(%)
>85
>90
2
中小学生近视率下降(个百分点)
≥1
3
校园安全达标率(%)
100
100
"""

BASE_TARGET_HEADER = """序号\t指标\t单位\t2020年基数\t2025年目标值\t属性
1\t新增公办幼儿园\t所\t-\t15\t约束性
2\t市级以上示范校\t所\t12\t20\t预期性
"""

TWO_ROW_HEADER = """| 序号 | 指标 | 指标值 | | 属性 |
| | | 2020年 | 2025年 | |
| 1 | 学前教育毛入园率(%) | 95 | 98 | 预期性 |
| 2 | 义务教育巩固率(%) | 99 | 99.5 | 约束性 |
"""

NO_YEAR_COLUMNS = """指标 现状值 目标值
普惠性幼儿园覆盖率(%) 85 ≥90
"""

GROUPING_COLUMN_PIPES = """领域 | 序号 | 指标 | 2020年 | 2025年 | 属性
学前教育 | 1 | 学前三年毛入园率(%) | 90 | 95 | 预期性
2.普惠性幼儿园覆盖率(%)* | 80 | 85 | 约束性
义务教育 | 3 | 义务教育巩固率(%)★ | 99 | 99.5 | 约束性
"""

GROUPING_COLUMN_ONE_CELL = """类别
指标
2020年
2025年
学前教育
1
学前三年毛入园率(%)
90
95
义务教育
2
义务教育巩固率(%)
99
99.5
"""

CASES: list[tuple[str, str, set[Rec]]] = [
    ("one-cell-per-line", ONE_CELL_PER_LINE, {
        (18, "学前三年毛入园率", 96.5, None, "=", "%", "baseline", 2020, "预期性"),
        (20, "学前三年毛入园率", 98, None, ">=", "%", "target", 2025, "预期性"),
        (28, "义务教育巩固率", 99.6, None, "=", "%", "baseline", 2020, "约束性"),
        (30, "义务教育巩固率", 99.8, None, ">", "%", "target", 2025, "约束性"),
        (40, "新增中小学学位", 6000, None, "=", "个", "target", 2025, "预期性"),
    }),
    ("pipes", PIPES, {
        (3, "残疾儿童少年入学率", 97.5, None, "=", "%", "baseline", 2020, "约束性"),
        (3, "残疾儿童少年入学率", 98, None, "=", "%", "target", 2025, "约束性"),
        (4, "普通高中生师比", 13.5, None, "=", "", "baseline", 2020, "预期性"),
        (4, "普通高中生师比", 13, None, "=", "", "target", 2025, "预期性"),
        (5, "劳动教育实践基地", 6, None, "=", "个", "baseline", 2020, "预期性"),
        (5, "劳动教育实践基地", 10, 12, "range", "个", "target", 2025, "预期性"),
    }),
    ("tabs", TABS, {
        (2, "学前教育普惠率", 85.2, None, "=", "%", "baseline", 2020, "约束性"),
        (2, "学前教育普惠率", 90, None, ">=", "%", "target", 2025, "约束性"),
        (3, "生均公用经费", 1200, None, "=", "元", "baseline", 2020, "预期性"),
        (3, "生均公用经费", 1500, None, "=", "元", "target", 2025, "预期性"),
    }),
    ("markdown-2035-column", MARKDOWN_2035, {
        (3, "特殊教育适龄儿童入学率", 95, None, "=", "%", "baseline", 2020, "约束性"),
        (3, "特殊教育适龄儿童入学率", 97, None, ">=", "%", "target", 2025, "约束性"),
        (3, "特殊教育适龄儿童入学率", 100, None, "=", "%", "target", 2035, "约束性"),
        (4, "每万人口在校大学生数", 300, None, "~", "人", "baseline", 2020, "预期性"),
        (4, "每万人口在校大学生数", 350, None, "=", "人", "target", 2025, "预期性"),
        (4, "每万人口在校大学生数", 400, 450, "range", "人", "target", 2035, "预期性"),
    }),
    ("spaced", SPACED, {
        (2, "学前教育毛入园率", 95.1, None, "=", "%", "baseline", 2020, "预期性"),
        (2, "学前教育毛入园率", 97, None, "=", "%", "target", 2025, "预期性"),
        (3, "九年义务教育巩固率", 99.5, None, "=", "%", "baseline", 2020, "约束性"),
        (3, "九年义务教育巩固率", 99.8, None, ">=", "%", "target", 2025, "约束性"),
    }),
    ("broken-cells-pipes", BROKEN_PIPES, {
        (3, "中小学专任教师中具有研究生学历的比例", 12, None, "=", "%", "baseline", 2020, "预期性"),
        (3, "中小学专任教师中具有研究生学历的比例", 20, None, "=", "%", "target", 2025, "预期性"),
        (4, "学前教育专任教师接受专业教育比例", 60, None, "=", "%", "baseline", 2020, "约束性"),
        (4, "学前教育专任教师接受专业教育比例", 80, None, "=", "%", "target", 2025, "约束性"),
        (6, "义务教育阶段学校体育场地达标率", 92, None, "=", "%", "baseline", 2020, "预期性"),
        (6, "义务教育阶段学校体育场地达标率", 100, None, "=", "%", "target", 2025, "预期性"),
    }),
    ("broken-cells-one-per-line", BROKEN_ONE_CELL, {
        (8, "中小学生体质健康标准达标率", 92.5, None, "=", "%", "baseline", 2020, None),
        (9, "中小学生体质健康标准达标率", 95, None, ">", "%", "target", 2025, None),
        (13, "新增幼儿园学位", 3000, None, "=", "个", "target", 2025, None),
    }),
    ("sub-rows-one-cell-per-line", SUB_ROWS_ONE_CELL, {
        (10, "小学专任教师研究生学历比例", 8, None, "=", "%", "baseline", 2020, "预期性"),
        (11, "初中专任教师研究生学历比例", 15, None, "=", "%", "baseline", 2020, "预期性"),
        (12, "小学专任教师研究生学历比例", 12, None, "=", "%", "target", 2025, "预期性"),
        (13, "初中专任教师研究生学历比例", 20, None, "=", "%", "target", 2025, "预期性"),
        (17, "平均受教育年限", 13.2, None, "=", "年", "baseline", 2020, "预期性"),
        (18, "平均受教育年限", 13.8, None, "=", "年", "target", 2025, "预期性"),
        (21, "受过高等教育的比例", 30, None, "=", "%", "baseline", 2020, "预期性"),
        (22, "受过高等教育的比例", 35, None, "=", "%", "target", 2025, "预期性"),
    }),
    ("sub-rows-pipes", SUB_ROWS_PIPES, {
        (4, "小学教师本科学历比例", 90, None, "=", "%", "baseline", 2020, "预期性"),
        (4, "小学教师本科学历比例", 95, None, "=", "%", "target", 2025, "预期性"),
        (5, "初中教师本科学历比例", 96, None, "=", "%", "baseline", 2020, "预期性"),
        (5, "初中教师本科学历比例", 98, None, "=", "%", "target", 2025, "预期性"),
        (6, "义务教育学校达标率", 88, None, "=", "%", "baseline", 2020, "约束性"),
        (6, "义务教育学校达标率", 100, None, "=", "%", "target", 2025, "约束性"),
    }),
    ("missing-cell", MISSING_CELL, {
        (7, "学前教育入园率", 85, None, ">", "%", "baseline", 2020, None),
        (8, "学前教育入园率", 90, None, ">", "%", "target", 2025, None),
        (11, "中小学生近视率下降", 1, None, ">=", "个百分点", "target", 2025, None),
        (14, "校园安全达标率", 100, None, "=", "%", "baseline", 2020, None),
        (15, "校园安全达标率", 100, None, "=", "%", "target", 2025, None),
    }),
    ("two-row-header", TWO_ROW_HEADER, {
        (3, "学前教育毛入园率", 95, None, "=", "%", "baseline", 2020, "预期性"),
        (3, "学前教育毛入园率", 98, None, "=", "%", "target", 2025, "预期性"),
        (4, "义务教育巩固率", 99, None, "=", "%", "baseline", 2020, "约束性"),
        (4, "义务教育巩固率", 99.5, None, "=", "%", "target", 2025, "约束性"),
    }),
    ("value-columns-without-years", NO_YEAR_COLUMNS, {
        (2, "普惠性幼儿园覆盖率", 85, None, "=", "%", "baseline", None, None),
        (2, "普惠性幼儿园覆盖率", 90, None, ">=", "%", "target", None, None),
    }),
    ("grouping-column-pipes", GROUPING_COLUMN_PIPES, {
        (2, "学前三年毛入园率", 90, None, "=", "%", "baseline", 2020, "预期性"),
        (2, "学前三年毛入园率", 95, None, "=", "%", "target", 2025, "预期性"),
        (3, "普惠性幼儿园覆盖率", 80, None, "=", "%", "baseline", 2020, "约束性"),
        (3, "普惠性幼儿园覆盖率", 85, None, "=", "%", "target", 2025, "约束性"),
        (4, "义务教育巩固率", 99, None, "=", "%", "baseline", 2020, "约束性"),
        (4, "义务教育巩固率", 99.5, None, "=", "%", "target", 2025, "约束性"),
    }),
    ("grouping-column-one-cell-per-line", GROUPING_COLUMN_ONE_CELL, {
        (8, "学前三年毛入园率", 90, None, "=", "%", "baseline", 2020, None),
        (9, "学前三年毛入园率", 95, None, "=", "%", "target", 2025, None),
        (13, "义务教育巩固率", 99, None, "=", "%", "baseline", 2020, None),
        (14, "义务教育巩固率", 99.5, None, "=", "%", "target", 2025, None),
    }),
    ("unit-column-and-kind-words", BASE_TARGET_HEADER, {
        (2, "新增公办幼儿园", 15, None, "=", "所", "target", 2025, "约束性"),
        (3, "市级以上示范校", 12, None, "=", "所", "baseline", 2020, "预期性"),
        (3, "市级以上示范校", 20, None, "=", "所", "target", 2025, "预期性"),
    }),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_table_layouts(text: str, expected: set[Rec]) -> None:
    assert records(text) == expected


NOT_TABLES = [
    ("prose-mentions-indicators", "完善监测指标体系,2025年达到95%。\n各项指标2020年基本完成。\n"),
    ("header-without-rows", "指标\n2020年\n2025年\n三、主要任务\n"),
    ("year-list-without-indicator-column", "2020年 | 2025年\n95 | 98\n"),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_TABLES], ids=[c[0] for c in NOT_TABLES])
def test_not_a_table(text: str) -> None:
    assert records(text) == set()


PIPE_LIST_THEN_SIGNATURE = """重点项目表
序号 | 项目名称 | 建设内容 | 实施年限
1 | 城南小学扩建项目 | 新建教学楼一栋 | 2022—2024年
2 | 职教中心实训楼项目 | 建设实训楼 | 2023—2025年
— 5 —
临川县教育局
2022年3月1日
"""

LINE_CASES = [
    ("one-cell-per-line", ONE_CELL_PER_LINE, set(range(4, 43)), {2, 44, 45}),
    ("pipe-list-then-signature", PIPE_LIST_THEN_SIGNATURE, {2, 3, 4}, {1, 6, 7}),
    ("pipes", PIPES, {2, 3, 4, 5}, {1, 6}),
    ("markdown", MARKDOWN_2035, {1, 2, 3, 4}, {6}),
]


@pytest.mark.parametrize(("text", "inside", "outside"), [c[1:] for c in LINE_CASES], ids=[c[0] for c in LINE_CASES])
def test_table_lines(text: str, inside: set[int], outside: set[int]) -> None:
    got = tables.body_lines_of(doc_of(text), default_rules())
    assert inside <= got
    assert not outside & got


def test_only_indicator_tables_and_grids_are_kept_from_running_text() -> None:
    assert tables.table_lines(doc_of(PIPES), default_rules()) == {2, 3, 4, 5}
    assert tables.table_lines(doc_of(PIPE_LIST_THEN_SIGNATURE), default_rules()) == set()


def test_record_provenance() -> None:
    doc = doc_of(PIPES)
    t = next(r for r in tables.extract_tables(doc, [], default_rules()) if r.kind == "target" and r.line == 5)
    assert t.match == "10-12"
    assert doc.original.text[t.span.start:t.span.end] == "10-12"
    assert t.text == "3 | 劳动教育实践基地(个) | 6 | 10-12 | 预期性 |"
    assert t.rule == "table:pipes"


# --- the sample plans: every indicator-table row right ----------------------------------

SEED_TABLES = [("beijing-fengtai-2021", 114, 202), ("shanxi-taiyuan-yingze-2021", 52, 59)]


def _key(r: dict) -> tuple:
    return (r["line"], r["metric"], r["value"], r.get("value_max"), r.get("comparator", "="), r["unit"],
            r["kind"], r.get("year"), r.get("binding"))


@pytest.mark.parametrize(("name", "first", "last"), SEED_TABLES, ids=[s[0] for s in SEED_TABLES])
def test_seed_table_rows(name: str, first: int, last: int) -> None:
    from .samples import SAMPLES

    raw = read.read(str(SAMPLES / f"{name}.txt"), None)
    doc = pipeline.prepare(raw, default_rules())
    got = {_key(t.model_dump()) for t in tables.extract_tables(doc, [], default_rules())}
    want = {_key(g) for g in gold(name)["targets"] if first <= g["line"] <= last}
    assert got == want
