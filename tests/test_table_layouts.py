"""More indicator-table layouts of the genre, each in a table written for the test.

Numbered row names with blank lines, group rows, 类别 cells opening groups, 单位
and 属性 before the values, a value and its unit on two lines, empty marks,
bracketed values and footnote marks explained by notes, target-only columns,
header cells broken over lines, two name columns, values written in words,
unknown columns, deadlines, a repeated header, a table run into one line, and
year columns judged against the plan period.
"""
from __future__ import annotations

import pytest

from plancmp.extract import pipeline

from .tables_common import Rec, records

NUMBERED_NAMES_BLANK_LINES = """表1 青山县教育发展主要指标

指标

2020年

2025年

属性

1.学前三年毛入园率(%)

93%

97%

预期性

2.义务教育巩固率(%)

98%

99%以上

约束性

3.高中阶段毛入学率(%)

91.5%

≥95%

预期性

四、重点任务
"""

GROUP_ROWS_EMPTY_CELL = """序号
指标
2020年
2025年
属性
一、普及水平
/
1
学前教育普惠率(%)
82
90
约束性
二、优质资源
—
2
优质高中学位占比(%)
40
55
预期性
3
市级示范幼儿园(所)
6
12
预期性
三、组织保障
各部门按职责分工落实。
"""

CATEGORY_OPENS_GROUP = """类别

序号

指标

单位

属性

目标

强基础

1

新建社区体育场地

处

预期性

14

2

更新改造游泳池

座

预期性

3

提品质

3

街区绿道长度

公里

约束性

22
"""

UNIT_AND_BINDING_BEFORE_VALUES = """序号
指标
单位
属性
2025年
2030年
1
人均绿地面积
平方米
约束性
7.9
8.5以上
2
污水处理率
%
约束性
95
98
"""

VALUE_AND_UNIT_TWO_LINES = """指标
现状值
目标值
新建骑行道
12.4
公里
35.6
公里
口袋公园
18
座
40
座
"""

EMPTY_MARKS_AND_NOTES = """指标 | 2020年 | 2025年 | 属性
普惠性托位数(个) | / | 800 | 预期性
社区学校覆盖率(%) | (70) | 90 | 约束性
职业院校双师型教师比例(%) | 52%1 | 65%2 | 预期性
终身学习平台注册人数(万人) | — | 12 | 预期性
注:1.括号内为2019年数据。
2.含兼职教师。
"""

TARGET_ONLY_NO_YEAR = """序号 | 指标名称 | 目标值 | 属性
1 | 新增公共停车泊位(个) | 1500以上 | 预期性
2 | 充电桩覆盖率(%) | 60 | 约束性
"""

TARGET_ONLY_WITH_YEAR = """指标
单位
2027年
新建保障性住房
万套
1.2
旧区改造面积
万平方米
45
"""

HEADER_CELLS_BROKEN = """类别
序号
一级指标
二级指标
单位
属性
“十三五”
完成值
目标值
（2025年）

发展动力
1
盘活存量用地
存量工业用地盘活面积
公顷
预期性
120
≥200

2
低效楼宇改造数量
栋
预期性

≥15

生态环境
3
推进雨污分流
雨污混接改造小区数
个
约束性
启动36个小区改造
80
"""

BROKEN_PARAGRAPH_CELLS = """序号

指标名称

基准值
（2020年）

目标值
（2025年）

1

每千人口拥有
3岁以下婴幼儿托位数(个)

1.2

4.5

2

社区嵌入式
养老服务设施覆盖率(%)

45

100
"""


UNKNOWN_HEADER_COLUMN = """序号 | 指标 | 单位 | 2020年 | 2025年 | 全市位次 | 属性
1 | 城镇新增就业人数 | 万人 | 1.8 | 2.2 | 4 | 预期性
2 | 居民人均可支配收入 | 元 | 52000 | 68000 | 9 | 预期性
"""

UNKNOWN_HEADER_CELL_PER_LINE = """指标
基期值
对标值
目标值
属性
地区生产总值(亿元)
860
6%
1150
预期性
研发投入强度(%)
2.1
—
3
预期性
"""

WORDED_VALUES = """序号
指标
2020年
2025年
属性
1
5G网络覆盖率(%)
80
全覆盖
预期性
2
街道综合文化站达标率(%)
基本达标
100
约束性
3
公共图书馆年流通人次(万人次)
35
45
预期性
"""

VALUE_WITH_OWN_YEAR = """指标 | 现状值 | 2025年 | 属性
人均体育场地面积(平方米) | 2.1(2019年) | 2.6 | 预期性
经常参加体育锻炼人数比例(%) | 38 | 45 | 预期性
"""

DEADLINE_COLUMN = """序号
指标
目标值
完成时限
1
新增养老床位(张)
600
2024年
2
社区食堂覆盖率(%)
90
2025年
"""

ANNUAL_COLUMNS_PERIOD = """西川区“十五五”规划(2026-2030年)
序号 | 指标 | 2025年 | 2026年 | 2027年 | 2030年
1 | 新建公共充电桩(个) | 800 | 1000 | 1200 | 2000
"""

ANNUAL_COLUMNS_THREE_YEAR = """东山区城市更新三年行动方案(2024-2026年)
指标 | 2024年 | 2025年 | 2026年
老旧小区改造(个) | 12 | 15 | 13
"""


HEADER_REPEATED_AFTER_PAGE_BREAK = """序号 | 指标 | 2020年 | 2025年 | 属性
1 | 学前教育普惠率(%) | 85 | 90 | 约束性
— 12 —
序号 | 指标 | 2020年 | 2025年 | 属性
2 | 义务教育巩固率(%) | 99 | 99.5 | 约束性
"""

TABLE_RUN_INTO_ONE_LINE = (
    "主要指标 序号 指标 2020年 2025年 属性 1 学前教育毛入园率(%) 92 95 预期性 "
    "2 普惠性幼儿园覆盖率(%) 85 ≥90 约束性 三、主要任务\n"
)


CIRCLED_ROW_NUMBERS = """指标
2022年
2025年
①
人均受教育年限(年)
11.2
11.8
②
公办园在园幼儿占比(%)
55
≥60
"""


COMPOUND_UNIT_COLUMN = """指标
单位
现状
目标
生均公用经费
元/生•年
1200
1500
"""



NOTE_COLUMN_ONE_CELL = """指标
2024年
2027年
属性
备注
公共充电桩数量(个)
3200
5000
预期性
含专用充电桩
新能源公交车占比(%)
80
100
约束性
智慧停车场数量(个)
12
30
预期性
"""

NEW_CASES: list[tuple[str, str, set[Rec]]] = [
    ("note-column-after-the-attribute", NOTE_COLUMN_ONE_CELL, {
        (7, "公共充电桩数量", 3200, None, "=", "个", "baseline", 2024, "预期性"),
        (8, "公共充电桩数量", 5000, None, "=", "个", "target", 2027, "预期性"),
        (12, "新能源公交车占比", 80, None, "=", "%", "baseline", 2024, "约束性"),
        (13, "新能源公交车占比", 100, None, "=", "%", "target", 2027, "约束性"),
        (16, "智慧停车场数量", 12, None, "=", "个", "baseline", 2024, "预期性"),
        (17, "智慧停车场数量", 30, None, "=", "个", "target", 2027, "预期性"),
    }),
    ("numbered-names-blank-lines", NUMBERED_NAMES_BLANK_LINES, {
        (13, "学前三年毛入园率", 93, None, "=", "%", "baseline", 2020, "预期性"),
        (15, "学前三年毛入园率", 97, None, "=", "%", "target", 2025, "预期性"),
        (21, "义务教育巩固率", 98, None, "=", "%", "baseline", 2020, "约束性"),
        (23, "义务教育巩固率", 99, None, ">=", "%", "target", 2025, "约束性"),
        (29, "高中阶段毛入学率", 91.5, None, "=", "%", "baseline", 2020, "预期性"),
        (31, "高中阶段毛入学率", 95, None, ">=", "%", "target", 2025, "预期性"),
    }),
    ("group-rows-with-empty-cell", GROUP_ROWS_EMPTY_CELL, {
        (10, "学前教育普惠率", 82, None, "=", "%", "baseline", 2020, "约束性"),
        (11, "学前教育普惠率", 90, None, "=", "%", "target", 2025, "约束性"),
        (17, "优质高中学位占比", 40, None, "=", "%", "baseline", 2020, "预期性"),
        (18, "优质高中学位占比", 55, None, "=", "%", "target", 2025, "预期性"),
        (22, "市级示范幼儿园", 6, None, "=", "所", "baseline", 2020, "预期性"),
        (23, "市级示范幼儿园", 12, None, "=", "所", "target", 2025, "预期性"),
    }),
    ("category-opens-group-and-value-then-row-number", CATEGORY_OPENS_GROUP, {
        (23, "新建社区体育场地", 14, None, "=", "处", "target", None, "预期性"),
        (33, "更新改造游泳池", 3, None, "=", "座", "target", None, "预期性"),
        (45, "街区绿道长度", 22, None, "=", "公里", "target", None, "约束性"),
    }),
    ("unit-and-binding-before-values", UNIT_AND_BINDING_BEFORE_VALUES, {
        (11, "人均绿地面积", 7.9, None, "=", "平方米", "baseline", 2025, "约束性"),
        (12, "人均绿地面积", 8.5, None, ">=", "平方米", "target", 2030, "约束性"),
        (17, "污水处理率", 95, None, "=", "%", "baseline", 2025, "约束性"),
        (18, "污水处理率", 98, None, "=", "%", "target", 2030, "约束性"),
    }),
    ("value-and-unit-on-two-lines", VALUE_AND_UNIT_TWO_LINES, {
        (5, "新建骑行道", 12.4, None, "=", "公里", "baseline", None, None),
        (7, "新建骑行道", 35.6, None, "=", "公里", "target", None, None),
        (10, "口袋公园", 18, None, "=", "座", "baseline", None, None),
        (12, "口袋公园", 40, None, "=", "座", "target", None, None),
    }),
    ("empty-marks-parentheses-and-footnote-marks", EMPTY_MARKS_AND_NOTES, {
        (2, "普惠性托位数", 800, None, "=", "个", "target", 2025, "预期性"),
        (3, "社区学校覆盖率", 70, None, "=", "%", "baseline", 2019, "约束性"),
        (3, "社区学校覆盖率", 90, None, "=", "%", "target", 2025, "约束性"),
        (4, "职业院校双师型教师比例", 52, None, "=", "%", "baseline", 2020, "预期性"),
        (4, "职业院校双师型教师比例", 65, None, "=", "%", "target", 2025, "预期性"),
        (5, "终身学习平台注册人数", 12, None, "=", "万人", "target", 2025, "预期性"),
    }),
    ("target-column-only-no-year", TARGET_ONLY_NO_YEAR, {
        (2, "新增公共停车泊位", 1500, None, ">=", "个", "target", None, "预期性"),
        (3, "充电桩覆盖率", 60, None, "=", "%", "target", None, "约束性"),
    }),
    ("target-column-only-with-year", TARGET_ONLY_WITH_YEAR, {
        (6, "新建保障性住房", 1.2, None, "=", "万套", "target", 2027, None),
        (9, "旧区改造面积", 45, None, "=", "万平方米", "target", 2027, None),
    }),
    ("header-cells-broken-two-name-columns-value-in-words", HEADER_CELLS_BROKEN, {
        (18, "存量工业用地盘活面积", 120, None, "=", "公顷", "baseline", None, "预期性"),
        (19, "存量工业用地盘活面积", 200, None, ">=", "公顷", "target", 2025, "预期性"),
        (26, "低效楼宇改造数量", 15, None, ">=", "栋", "target", 2025, "预期性"),
        (34, "雨污混接改造小区数", 36, None, "=", "个", "baseline", None, "约束性"),
        (35, "雨污混接改造小区数", 80, None, "=", "个", "target", 2025, "约束性"),
    }),
    ("cells-broken-inside-paragraphs", BROKEN_PARAGRAPH_CELLS, {
        (16, "每千人口拥有3岁以下婴幼儿托位数", 1.2, None, "=", "个", "baseline", 2020, None),
        (18, "每千人口拥有3岁以下婴幼儿托位数", 4.5, None, "=", "个", "target", 2025, None),
        (25, "社区嵌入式养老服务设施覆盖率", 45, None, "=", "%", "baseline", 2020, None),
        (27, "社区嵌入式养老服务设施覆盖率", 100, None, "=", "%", "target", 2025, None),
    }),
    ("unknown-header-column-skipped", UNKNOWN_HEADER_COLUMN, {
        (2, "城镇新增就业人数", 1.8, None, "=", "万人", "baseline", 2020, "预期性"),
        (2, "城镇新增就业人数", 2.2, None, "=", "万人", "target", 2025, "预期性"),
        (3, "居民人均可支配收入", 52000, None, "=", "元", "baseline", 2020, "预期性"),
        (3, "居民人均可支配收入", 68000, None, "=", "元", "target", 2025, "预期性"),
    }),
    ("unknown-header-cell-one-per-line", UNKNOWN_HEADER_CELL_PER_LINE, {
        (7, "地区生产总值", 860, None, "=", "亿元", "baseline", None, "预期性"),
        (9, "地区生产总值", 1150, None, "=", "亿元", "target", None, "预期性"),
        (12, "研发投入强度", 2.1, None, "=", "%", "baseline", None, "预期性"),
        (14, "研发投入强度", 3, None, "=", "%", "target", None, "预期性"),
    }),
    ("values-in-words-keep-their-column", WORDED_VALUES, {
        (8, "5G网络覆盖率", 80, None, "=", "%", "baseline", 2020, "预期性"),
        (14, "街道综合文化站达标率", 100, None, "=", "%", "target", 2025, "约束性"),
        (18, "公共图书馆年流通人次", 35, None, "=", "万人次", "baseline", 2020, "预期性"),
        (19, "公共图书馆年流通人次", 45, None, "=", "万人次", "target", 2025, "预期性"),
    }),
    ("value-with-its-own-year", VALUE_WITH_OWN_YEAR, {
        (2, "人均体育场地面积", 2.1, None, "=", "平方米", "baseline", 2019, "预期性"),
        (2, "人均体育场地面积", 2.6, None, "=", "平方米", "target", 2025, "预期性"),
        (3, "经常参加体育锻炼人数比例", 38, None, "=", "%", "baseline", None, "预期性"),
        (3, "经常参加体育锻炼人数比例", 45, None, "=", "%", "target", 2025, "预期性"),
    }),
    ("deadline-column-gives-the-year", DEADLINE_COLUMN, {
        (7, "新增养老床位", 600, None, "=", "张", "target", 2024, None),
        (11, "社区食堂覆盖率", 90, None, "=", "%", "target", 2025, None),
    }),
    ("header-repeated-after-a-page-break", HEADER_REPEATED_AFTER_PAGE_BREAK, {
        (2, "学前教育普惠率", 85, None, "=", "%", "baseline", 2020, "约束性"),
        (2, "学前教育普惠率", 90, None, "=", "%", "target", 2025, "约束性"),
        (5, "义务教育巩固率", 99, None, "=", "%", "baseline", 2020, "约束性"),
        (5, "义务教育巩固率", 99.5, None, "=", "%", "target", 2025, "约束性"),
    }),
    ("table-run-into-one-line", TABLE_RUN_INTO_ONE_LINE, {
        (1, "学前教育毛入园率", 92, None, "=", "%", "baseline", 2020, "预期性"),
        (1, "学前教育毛入园率", 95, None, "=", "%", "target", 2025, "预期性"),
        (1, "普惠性幼儿园覆盖率", 85, None, "=", "%", "baseline", 2020, "约束性"),
        (1, "普惠性幼儿园覆盖率", 90, None, ">=", "%", "target", 2025, "约束性"),
    }),
    ("circled-row-numbers", CIRCLED_ROW_NUMBERS, {
        (6, "人均受教育年限", 11.2, None, "=", "年", "baseline", 2022, None),
        (7, "人均受教育年限", 11.8, None, "=", "年", "target", 2025, None),
        (10, "公办园在园幼儿占比", 55, None, "=", "%", "baseline", 2022, None),
        (11, "公办园在园幼儿占比", 60, None, ">=", "%", "target", 2025, None),
    }),
    ("compound-unit-in-unit-column", COMPOUND_UNIT_COLUMN, {
        (7, "生均公用经费", 1200, None, "=", "元/生•年", "baseline", None, None),
        (8, "生均公用经费", 1500, None, "=", "元/生•年", "target", None, None),
    }),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in NEW_CASES], ids=[c[0] for c in NEW_CASES])
def test_more_table_layouts(text: str, expected: set[Rec]) -> None:
    assert records(text) == expected


# --- year columns against the plan's period (read by the pipeline, which knows it) ------------

PERIOD_CASES = [
    ("before-the-period-is-baseline", ANNUAL_COLUMNS_PERIOD,
     {(2025, "baseline"), (2026, "target"), (2027, "target"), (2030, "target")}),
    ("every-year-of-the-period-is-target", ANNUAL_COLUMNS_THREE_YEAR,
     {(2024, "target"), (2025, "target"), (2026, "target")}),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in PERIOD_CASES], ids=[c[0] for c in PERIOD_CASES])
def test_year_columns_against_the_plan_period(text: str, want: set[tuple[int, str]]) -> None:
    got = {(t.year, t.kind) for t in pipeline.extract_text(text).targets if t.rule.startswith("table")}
    assert got == want
