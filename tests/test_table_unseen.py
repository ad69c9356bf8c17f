"""Indicator-table layouts met on plans of other fields, each in a table written for the test.

Units whose superscript the text layer lost (``m3``, ``km2``, ``万m2``) in a unit
column or after a name; footnote marks glued to values whose numbered note gives
their year; tables set in columns by runs of spaces, which reflow must not join
even where the rows are as long as a hard-wrapped line; text targets (持续优化)
lined up under the year columns of a spaced row; a group name over sub-rows that are
whole names, their values by column or a sub-row at a time; a first row giving only a
unit; a first header cell naming the rows in words of its own; a caption saying 现状;
a column of growth rates (年均增长) whose values are targets of their own, a cumulative
figure in square brackets, a word in brackets after a value, header cells written as
paragraphs of two lines (2021年 ⏎ 基础值); columns named by a period's end (“十四五”期末
= 2025); group rows written without the delimiters of the rows around them; an empty
corner cell over the names; compound and per-people units in brackets after a name.
"""
from __future__ import annotations

import pytest

from .layout import wrap_chars as wrap
from .tables_common import Rec, content, doc_of, records

LOST_SUPERSCRIPT_UNIT_COLUMN = """序号
指标
单位
2020年
2025年
属性
1
单位地区生产总值用水量
m3
21.5
18
约束性
2
建成区绿化覆盖面积
km2
46.2
52
预期性
3
年污水处理量
万m3
3650
4200
预期性
"""

LOST_SUPERSCRIPT_IN_NAME = """指标 | 2020年 | 2025年 | 属性
城镇人均住房建筑面积(m2) | 36.8 | 40 | 预期性
万元工业增加值用水量(m3) | 12.4 | 10.5 | 约束性
"""

FOOTNOTE_MARK_YEARS = """指标名称 | 2020年 | 2025年 | 属性
公交出行分担率(%) | 48%1 | 55 | 预期性
绿色出行比例(%) | 70.5%2 | 80 | 预期性
注:1.公交出行分担率为2019年数据。
2.按工作日统计。
"""

SPACED_AFTER_PROSE = """到2025年，全区交通运行效率明显提高，公共交通服务能力显著增强，绿色出行成为主要出行方式之一。

序号  指标                单位    2020年    2025年      属性
1     轨道交通运营里程    公里    36        58          预期性
2     公交站点覆盖率      %       88        持续提高    预期性
3     路网密度            —       基本达标  持续优化    预期性
4     公共停车泊位        万个    2.6       3.5         预期性
"""

GROUP_OVER_WHOLE_SUB_ROWS = """指标
2020年
2025年
属性
社区卫生人员学历
大专及以上学历占比(%)
本科及以上学历占比(%)
64
22
80
35
预期性
家庭医生签约率(%)
40
60
约束性
"""

GROUP_SUB_ROWS_ONE_AT_A_TIME = """指标
2021年
2026年
属性
养老护理员证书
初级及以上证书持有率(%)
中级及以上证书持有率(%)
70
90
预期性
25
45
预期性
"""

FIRST_ROW_UNIT_ONLY = """序号
指标
单位
2022年
2027年
1
公共充电桩总量
个
2
新能源汽车公交占比
%
76
100
3
换电站
座
4
12
"""

NAMED_FIRST_COLUMN_REVIEW = """表3 2023年文化设施现状
设施名称 2023年
公共图书馆分馆（个） 14
文化活动室（个） 96
"""

GROWTH_AND_CUMULATIVE_COLUMN = """指标 | 单位 | 2025年 | 2030年 | 年均增速(%) | 属性
社会消费品零售总额 | 亿元 | 420 | 560 | 6左右 | 预期性
单位GDP二氧化碳排放降低 | % | — | — | [18] | 约束性
"""

GROWTH_COLUMN_ONE_PER_LINE = """指标
2025年
2030年
年均增长
属性
规模以上工业增加值(亿元)
310
420
6.3%
预期性
"""

COMMENT_IN_BRACKETS = """指标名称 | 2020年 | 2025年
行政村通硬化路比例(%) | 98 | 100（全覆盖）
"""

HEADER_CELLS_AS_PARAGRAPHS = """指标

2021年
基础值

2026年
目标值

社区嵌入式养老服务设施（个）

12

30

"""

FIRST_CELL_OWN_WORDS_PIPES = """工作指标 | 单位 | 2024年 | 2025年 | 2026年
新建口袋公园 | 个 | 6 | 8 | 10
"""

PERIOD_END_COLUMNS_GROUP_ROWS_WITHOUT_TABS = "\n".join([
    "序号\t指标\t“十四五”期末\t“十五五”期末\t属性",
    "一、生态环境",
    "1\t地表水优良水体比例\t72%\t≥80%\t约束性",
    "二、公共服务",
    "2\t社区养老服务设施覆盖率\t90%\t100%\t预期性",
    "",
    "三、保障措施",
    "各部门按照职责分工抓好落实。",
])

EMPTY_CORNER_CELL = """| | 2022年 | 2027年 |
|---|---|---|
| 甲类传染病报告发病率（1/10万） | 0.8 | ≤1 |
| 二级以上医院预约诊疗率（%） | 55 | 70 |
"""

COMPOUND_UNITS_IN_NAMES = """指标名称（单位）	2020年	2025年
臭氧浓度（微克/立方米）	158	150
公共充电桩密度（个/平方公里）	3.1	8
"""

SCALED_UNITS_IN_VALUE_CELLS = """指标 | 2020年 | 2025年
城市书房年服务读者 | 36万人次 | 60万人次
文化产业增加值 | 1.8亿元 | 2.5亿元
"""

UNSEEN_CASES = [
    ("lost-superscript-unit-column", LOST_SUPERSCRIPT_UNIT_COLUMN, {
        (10, "单位地区生产总值用水量", 21.5, None, "=", "立方米", "baseline", 2020, "约束性"),
        (11, "单位地区生产总值用水量", 18, None, "=", "立方米", "target", 2025, "约束性"),
        (16, "建成区绿化覆盖面积", 46.2, None, "=", "平方公里", "baseline", 2020, "预期性"),
        (17, "建成区绿化覆盖面积", 52, None, "=", "平方公里", "target", 2025, "预期性"),
        (22, "年污水处理量", 3650, None, "=", "万立方米", "baseline", 2020, "预期性"),
        (23, "年污水处理量", 4200, None, "=", "万立方米", "target", 2025, "预期性"),
    }),
    ("lost-superscript-in-name", LOST_SUPERSCRIPT_IN_NAME, {
        (2, "城镇人均住房建筑面积", 36.8, None, "=", "平方米", "baseline", 2020, "预期性"),
        (2, "城镇人均住房建筑面积", 40, None, "=", "平方米", "target", 2025, "预期性"),
        (3, "万元工业增加值用水量", 12.4, None, "=", "立方米", "baseline", 2020, "约束性"),
        (3, "万元工业增加值用水量", 10.5, None, "=", "立方米", "target", 2025, "约束性"),
    }),
    ("footnote-mark-year-from-note", FOOTNOTE_MARK_YEARS, {
        (2, "公交出行分担率", 48, None, "=", "%", "baseline", 2019, "预期性"),
        (2, "公交出行分担率", 55, None, "=", "%", "target", 2025, "预期性"),
        (3, "绿色出行比例", 70.5, None, "=", "%", "baseline", 2020, "预期性"),
        (3, "绿色出行比例", 80, None, "=", "%", "target", 2025, "预期性"),
    }),
    ("group-name-over-whole-sub-rows-values-by-column", GROUP_OVER_WHOLE_SUB_ROWS, {
        (8, "社区卫生人员大专及以上学历占比", 64, None, "=", "%", "baseline", 2020, "预期性"),
        (9, "社区卫生人员本科及以上学历占比", 22, None, "=", "%", "baseline", 2020, "预期性"),
        (10, "社区卫生人员大专及以上学历占比", 80, None, "=", "%", "target", 2025, "预期性"),
        (11, "社区卫生人员本科及以上学历占比", 35, None, "=", "%", "target", 2025, "预期性"),
        (14, "家庭医生签约率", 40, None, "=", "%", "baseline", 2020, "约束性"),
        (15, "家庭医生签约率", 60, None, "=", "%", "target", 2025, "约束性"),
    }),
    ("group-sub-rows-values-a-sub-row-at-a-time", GROUP_SUB_ROWS_ONE_AT_A_TIME, {
        (8, "养老护理员初级及以上证书持有率", 70, None, "=", "%", "baseline", 2021, "预期性"),
        (9, "养老护理员初级及以上证书持有率", 90, None, "=", "%", "target", 2026, "预期性"),
        (11, "养老护理员中级及以上证书持有率", 25, None, "=", "%", "baseline", 2021, "预期性"),
        (12, "养老护理员中级及以上证书持有率", 45, None, "=", "%", "target", 2026, "预期性"),
    }),
    ("first-row-unit-only", FIRST_ROW_UNIT_ONLY, {
        (12, "新能源汽车公交占比", 76, None, "=", "%", "baseline", 2022, None),
        (13, "新能源汽车公交占比", 100, None, "=", "%", "target", 2027, None),
        (17, "换电站", 4, None, "=", "座", "baseline", 2022, None),
        (18, "换电站", 12, None, "=", "座", "target", 2027, None),
    }),
    ("named-first-column-review-caption", NAMED_FIRST_COLUMN_REVIEW, {
        (3, "公共图书馆分馆", 14, None, "=", "个", "baseline", 2023, None),
        (4, "文化活动室", 96, None, "=", "个", "baseline", 2023, None),
    }),
    ("growth-column-and-cumulative-brackets", GROWTH_AND_CUMULATIVE_COLUMN, {
        (2, "社会消费品零售总额", 420, None, "=", "亿元", "baseline", 2025, "预期性"),
        (2, "社会消费品零售总额", 560, None, "=", "亿元", "target", 2030, "预期性"),
        (2, "社会消费品零售总额年均增速", 6, None, "~", "%", "target", None, "预期性"),
        (3, "单位GDP二氧化碳排放降低", 18, None, "=", "%", "target", None, "约束性"),
    }),
    ("growth-column-one-cell-per-line", GROWTH_COLUMN_ONE_PER_LINE, {
        (7, "规模以上工业增加值", 310, None, "=", "亿元", "baseline", 2025, "预期性"),
        (8, "规模以上工业增加值", 420, None, "=", "亿元", "target", 2030, "预期性"),
        (9, "规模以上工业增加值年均增长", 6.3, None, "=", "%", "target", None, "预期性"),
    }),
    ("comment-in-brackets-after-value", COMMENT_IN_BRACKETS, {
        (2, "行政村通硬化路比例", 98, None, "=", "%", "baseline", 2020, None),
        (2, "行政村通硬化路比例", 100, None, "=", "%", "target", 2025, None),
    }),
    ("header-cells-as-paragraphs-year-then-word", HEADER_CELLS_AS_PARAGRAPHS, {
        (11, "社区嵌入式养老服务设施", 12, None, "=", "个", "baseline", 2021, None),
        (13, "社区嵌入式养老服务设施", 30, None, "=", "个", "target", 2026, None),
    }),
    ("first-header-cell-own-words-pipes", FIRST_CELL_OWN_WORDS_PIPES, {
        (2, "新建口袋公园", 6, None, "=", "个", "baseline", 2024, None),
        (2, "新建口袋公园", 8, None, "=", "个", "target", 2025, None),
        (2, "新建口袋公园", 10, None, "=", "个", "target", 2026, None),
    }),
    ("period-end-columns-group-rows-without-tabs", PERIOD_END_COLUMNS_GROUP_ROWS_WITHOUT_TABS, {
        (3, "地表水优良水体比例", 72, None, "=", "%", "baseline", 2025, "约束性"),
        (3, "地表水优良水体比例", 80, None, ">=", "%", "target", 2030, "约束性"),
        (5, "社区养老服务设施覆盖率", 90, None, "=", "%", "baseline", 2025, "预期性"),
        (5, "社区养老服务设施覆盖率", 100, None, "=", "%", "target", 2030, "预期性"),
    }),
    ("empty-corner-cell-heads-the-names", EMPTY_CORNER_CELL, {
        (3, "甲类传染病报告发病率", 0.8, None, "=", "1/10万", "baseline", 2022, None),
        (3, "甲类传染病报告发病率", 1, None, "<=", "1/10万", "target", 2027, None),
        (4, "二级以上医院预约诊疗率", 55, None, "=", "%", "baseline", 2022, None),
        (4, "二级以上医院预约诊疗率", 70, None, "=", "%", "target", 2027, None),
    }),
    ("compound-units-in-names", COMPOUND_UNITS_IN_NAMES, {
        (2, "臭氧浓度", 158, None, "=", "微克/立方米", "baseline", 2020, None),
        (2, "臭氧浓度", 150, None, "=", "微克/立方米", "target", 2025, None),
        (3, "公共充电桩密度", 3.1, None, "=", "个/平方公里", "baseline", 2020, None),
        (3, "公共充电桩密度", 8, None, "=", "个/平方公里", "target", 2025, None),
    }),
    ("scaled-units-in-value-cells", SCALED_UNITS_IN_VALUE_CELLS, {
        (2, "城市书房年服务读者", 36, None, "=", "万人次", "baseline", 2020, None),
        (2, "城市书房年服务读者", 60, None, "=", "万人次", "target", 2025, None),
        (3, "文化产业增加值", 1.8, None, "=", "亿元", "baseline", 2020, None),
        (3, "文化产业增加值", 2.5, None, "=", "亿元", "target", 2025, None),
    }),
    ("spaced-columns-after-prose-text-targets", SPACED_AFTER_PROSE, {
        (4, "轨道交通运营里程", 36, None, "=", "公里", "baseline", 2020, "预期性"),
        (4, "轨道交通运营里程", 58, None, "=", "公里", "target", 2025, "预期性"),
        (5, "公交站点覆盖率", 88, None, "=", "%", "baseline", 2020, "预期性"),
        (7, "公共停车泊位", 2.6, None, "=", "万个", "baseline", 2020, "预期性"),
        (7, "公共停车泊位", 3.5, None, "=", "万个", "target", 2025, "预期性"),
    }),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in UNSEEN_CASES], ids=[c[0] for c in UNSEEN_CASES])
def test_unseen_table_layouts(text: str, expected: set[Rec]) -> None:
    assert records(text) == expected


# rows of a table set in columns, nearly as long as each other, none ending a sentence: to the
# hard-wrap detector they look like lines cut at one width
SPACED_ROWS_SAME_WIDTH = [
    ("transport", """序号  指标              单位   2020年   2025年     属性
1     轨道交通运营里程  公里   36        58         预期性
2     公交站点覆盖率    %      88        持续提高   预期性
3     路网密度          —      基本达标  持续优化   预期性
4     公共停车泊位      万个   2.6       3.5        预期性
5     公交专用道里程    公里   42        60         约束性
"""),
    ("housing", """序号  指标                  单位     2020年   2025年   属性
1     新增保障性租赁住房    万套     0.8       2.4       预期性
2     城镇老旧小区改造      个       35        120       约束性
3     人均住房建筑面积      平方米   36.2      38        预期性
4     既有多层住宅加装电梯  台       60        300       预期性
"""),
]


@pytest.mark.parametrize("text", [c[1] for c in SPACED_ROWS_SAME_WIDTH], ids=[c[0] for c in SPACED_ROWS_SAME_WIDTH])
def test_spaced_table_rows_stay_lines(text: str) -> None:
    lines = [ln[2].split()[0] for ln in doc_of(text).lines() if ln[2].strip()]
    assert lines[-3:] == [ln.split()[0] for ln in text.splitlines()[-3:]]
    assert len(lines) == len([ln for ln in text.splitlines() if ln.strip()])


# two spaces after a sentence's end or a comma are a writer's habit, not a column gap: a
# hard-wrapped paragraph holding them is still joined
WRAPPED_WITH_DOUBLE_SPACES = (
    "全区持续推进老旧小区综合改造，完善社区养老托育设施。  加快补齐停车充电短板，"
    "优化公交线网布局，  提升慢行交通品质。  推动口袋公园和绿道建设，打造十五分钟社区生活圈，"
    "持续改善人居环境质量，增强群众获得感和幸福感。"
)


def test_double_spaces_after_sentence_ends_are_no_column_gaps() -> None:
    text = wrap(WRAPPED_WITH_DOUBLE_SPACES, 24) + "\n"
    assert len(text.splitlines()) >= 4
    lines = [ln[2] for ln in doc_of(text).lines() if ln[2].strip()]
    assert len(lines) == 1, lines


# rows written ``a | b | c`` (no delimiter at the edges) whose last cell a hard wrap cut off
OPEN_EDGED_PIPES = """序号 | 指标 | 属性 | 2023年 | 2026年
1 | 农村义务教育学校标准化建设达标比例（%） | 约束性 | 86 | 100
2 | 县域普通高中省级示范性学校占比（%） | 预期性 | 33.3 | 50
"""


@pytest.mark.parametrize("width", [
    30, 36, 37, 38,
    # a wrap inside the last number (``… | 10`` ⏎ ``0``) cannot be told from a page number under the row
    pytest.param(40, marks=pytest.mark.xfail(strict=True, reason="wrap-cuts-inside-the-last-number")),
])
def test_a_wrap_cutting_off_the_last_cell_changes_nothing(width: int) -> None:
    wrapped = wrap(OPEN_EDGED_PIPES, width)
    assert len(wrapped.splitlines()) > len(OPEN_EDGED_PIPES.splitlines())
    assert content(wrapped) == content(OPEN_EDGED_PIPES)
    assert len(content(OPEN_EDGED_PIPES)) == 4
