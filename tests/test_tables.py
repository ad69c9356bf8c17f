"""Indicator tables in every layout: each row gives a baseline and target record per year column.

The tables below are written for these tests (not copied from the samples);
the last tests check every indicator-table row of the two sample plans that
have one against their gold annotations.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancmp.extract import pipeline, tables
from plancmp.extract.table_cells import Cell, compiled
from plancmp.extract.table_lists import lead_clause
from plancmp.prepare import read
from plancmp.ruleset import default_rules

from .conftest import gold

# (line, metric, value, value_max, comparator, unit, kind, year, binding)
Rec = tuple[int, str, float, float | None, str, str, str, int | None, str | None]


def _doc(text: str):
    raw = read.RawText("<table>", text, "utf-8", "0" * 64)
    return pipeline.prepare(raw, default_rules())


def records(text: str) -> set[Rec]:
    doc = _doc(text)
    return {(t.line, t.metric, t.value, t.value_max, t.comparator, t.unit, t.kind, t.year, t.binding)
            for t in tables.extract_tables(doc, [], default_rules())}


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


UNKNOWN_HEADER_COLUMN = """序号 | 指标 | 单位 | 2020年 | 2025年 | 年均增长 | 属性
1 | 城镇新增就业人数 | 万人 | 1.8 | 2.2 | 4.1% | 预期性
2 | 居民人均可支配收入 | 元 | 52000 | 68000 | 5.5% | 预期性
"""

UNKNOWN_HEADER_CELL_PER_LINE = """指标
基期值
年均增速
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
    got = tables.body_lines_of(_doc(text), default_rules())
    assert inside <= got
    assert not outside & got


def test_only_indicator_tables_and_grids_are_kept_from_running_text() -> None:
    assert tables.table_lines(_doc(PIPES), default_rules()) == {2, 3, 4, 5}
    assert tables.table_lines(_doc(PIPE_LIST_THEN_SIGNATURE), default_rules()) == set()


def test_record_provenance() -> None:
    doc = _doc(PIPES)
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
    from .conftest import SAMPLES

    raw = read.read(str(SAMPLES / f"{name}.txt"), None)
    doc = pipeline.prepare(raw, default_rules())
    got = {_key(t.model_dump()) for t in tables.extract_tables(doc, [], default_rules())}
    want = {_key(g) for g in gold(name)["targets"] if first <= g["line"] <= last}
    assert got == want


def _wrap(text: str, width: int) -> str:
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("width", [30, 34, 38, 41], ids=lambda w: f"wrapped-at-{w}")
def test_hard_wrapped_pipe_table_does_not_crash(width: int) -> None:
    """A PDF paste cuts a pipe row right before its closing ``|``, which then stands alone on a line."""
    text = ("专栏二 “十四五”时期本区教育发展主要指标 | ||||\n序号 | 指标名称 | 2020年 | 2025年 | 属性 |\n"
            "1 | 残疾儿童少年义务教育入学率(%) | 97.35 | 98.5 | 约束性 |\n"
            "2 | 中小学专任教师具有硕士学位比例(%) | 10.2 | 15 | 预期性 |\n四、保障措施\n")
    got = records(_wrap(text, width))
    assert {(m, v, k) for _, m, v, _, _, _, k, _, _ in got} >= {("残疾儿童少年义务教育入学率", 98.5, "target")}


# --- no layout makes the reader raise; layout changes keep the records ---------------------

_ALL_TABLES = [c[1] for c in CASES] + [c[1] for c in NOT_TABLES]


def _content(text: str) -> set[tuple]:
    return {(m, v, vm, op, u, k, y, b) for _, m, v, vm, op, u, k, y, b in records(text)}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_ALL_TABLES), st.integers(min_value=2, max_value=60), st.randoms(use_true_random=False))
def test_no_layout_makes_the_reader_raise(text: str, width: int, rnd) -> None:
    """Tables wrapped at any width, with lines shuffled or dropped, blank lines added or removed:
    the reader may read less, never raises, and every record points at its own text."""
    lines = _wrap(text, width).split("\n")
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
    doc = _doc(variant)
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
    assert _content(without) == _content(text) == _content(with_blanks)


# --- a table's rows are never sections ----------------------------------------------------

DUTY_LIST = """附件2
成员单位职责分工

单位

职责分工

区住房保障局

牵头制定年度计划，统筹推进各项任务。

区财政局

负责落实资金保障。

各街镇

落实属地责任。
"""

ROWS_NOT_SECTIONS = [
    ("numbered-row-names", NUMBERED_NAMES_BLANK_LINES, {"四、"}, {"1.", "2.", "3."}),
    ("group-rows", "一、发展目标\n" + GROUP_ROWS_EMPTY_CELL, {"一、", "三、"}, {"二、"}),
    ("duty-list-cells", DUTY_LIST, {"附件2"}, set()),
]


@pytest.mark.parametrize(("text", "kept", "dropped"), [c[1:] for c in ROWS_NOT_SECTIONS],
                         ids=[c[0] for c in ROWS_NOT_SECTIONS])
def test_table_rows_are_never_sections(text: str, kept: set[str], dropped: set[str]) -> None:
    sections = pipeline.extract_text(text).sections
    markers = {s.marker for s in sections}
    titles = {s.title for s in sections}
    assert kept <= markers
    assert not dropped & markers
    assert not {"区住房保障局", "区财政局", "各街镇", "单位", "职责分工"} & titles


# --- task and project lists: their rows become project list entries --------------------------

TASK_LIST = """附件
西江区“美好家园”三年行动重点任务清单（2025-2027年）

任务类型

序号

工作任务

责任单位

行动一：居住品质提升行动

老旧小区改造

1

滨河片区：整体推进滨河新村成片改造，打造宜居样板社区

区房管局、滨河街道

2

完成多层住宅加装电梯300台

区房管局

公共空间优化

3

参照全市“口袋公园”建设导则，新建改建口袋公园12座。

区绿化局

4

各街道全面推进“一刻钟便民生活圈”建设，建成示范街道2个。

行动二：城市安全韧性行动

5

更新老旧燃气管道约20公里
"""

TASK_LIST_EXPECTED = [
    ("整体推进滨河新村成片改造", "滨河片区:整体推进滨河新村成片改造,打造宜居样板社区", "任务"),
    ("完成多层住宅加装电梯300台", "完成多层住宅加装电梯300台", "任务"),
    ("新建改建口袋公园12座", "参照全市“口袋公园”建设导则,新建改建口袋公园12座。", "任务"),
    ("各街道全面推进“一刻钟便民生活圈”建设", "各街道全面推进“一刻钟便民生活圈”建设,建成示范街道2个。", "任务"),
    ("更新老旧燃气管道约20公里", "更新老旧燃气管道约20公里", "任务"),
]


def test_task_list_rows_are_list_entries() -> None:
    """Name: the task's lead clause (no topic before a colon, no basis clause); description: the
    whole task cell, as the cleaned text writes it (ASCII punctuation)."""
    doc = _doc(TASK_LIST)
    got = [(e.name, e.description, e.category) for e in tables.task_entries(doc, default_rules(), lambda n: None)]
    assert got == TASK_LIST_EXPECTED


def test_task_list_projects_in_the_pipeline() -> None:
    projects = pipeline.extract_text(TASK_LIST).projects
    listed = {(p.name, p.line) for p in projects if p.tier == "list"}
    assert {("整体推进滨河新村成片改造", 18), ("完成多层住宅加装电梯300台", 24)} <= listed


def test_task_list_quantities_stay_running_text() -> None:
    """The cells of a task list are sentences: their quantities are read as running text."""
    targets = pipeline.extract_text(TASK_LIST).targets
    assert {(t.line, t.value) for t in targets} >= {(24, 300), (32, 12), (38, 2), (44, 20)}
    assert not any(t.rule.startswith("table") for t in targets)


LEAD_CLAUSES = [
    ("topic-before-colon", "北岸片区：推进旧厂房改造，建设创意园区", "推进旧厂房改造"),
    ("basis-clause-skipped", "按照市级标准，建成5个示范社区", "建成5个示范社区"),
    ("one-clause", "完成雨水管网改造18公里", "完成雨水管网改造18公里"),
    ("short-lead-takes-next", "抓好，落实属地责任", "抓好，落实属地责任"),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in LEAD_CLAUSES], ids=[c[0] for c in LEAD_CLAUSES])
def test_lead_clause(text: str, want: str) -> None:
    assert lead_clause(text, compiled(default_rules())) == want


TABLE_KINDS = [
    ("indicator-one-cell-per-line", ONE_CELL_PER_LINE, ["indicator"]),
    ("indicator-pipes", PIPES, ["indicator"]),
    ("task-list", TASK_LIST, ["list"]),
    ("duty-list", DUTY_LIST, ["list"]),
    ("prose", NOT_TABLES[0][1], []),
]


@pytest.mark.parametrize(("text", "kinds"), [c[1:] for c in TABLE_KINDS], ids=[c[0] for c in TABLE_KINDS])
def test_find_tables_kinds(text: str, kinds: list[str]) -> None:
    assert [t.kind for t in tables.find_tables(_doc(text), default_rules())] == kinds


# --- grids: rows are places, columns are categories and years ---------------------------------

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
    got = {(t.line, t.metric, t.value, t.unit, t.kind, t.year) for t in tables.extract_tables(_doc(text), [], default_rules())}
    assert got == expected


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
    got = [t for t in tables.extract_tables(_doc(text), [], default_rules()) if t.line == line and t.value == value]
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


# --- page numbers of a printed copy inside any table --------------------------------------------

PAGED_TABLES = [*ONE_CELL_TABLES, ("grid-three-row-header", GRID_THREE_ROW_HEADER)]


@pytest.mark.parametrize("text", [c[1] for c in PAGED_TABLES], ids=[c[0] for c in PAGED_TABLES])
@pytest.mark.parametrize("every", [3, 4, 7], ids=lambda n: f"page-number-every-{n}-lines")
def test_page_numbers_inside_a_table_change_nothing(text: str, every: int) -> None:
    """A printed copy's page numbers (— 2 —) fall anywhere in a table: they are passed over."""
    lines = text.split("\n")
    paged = [x for k, ln in enumerate(lines, 1) for x in ([ln, f"— {k // every + 1} —"] if k % every == 0 else [ln])]
    assert _content("\n".join(paged)) == _content(text)


def test_a_wide_open_grid_header_is_read_in_bounded_time() -> None:
    """Many groups over many categories, each holding the same two measures: the choice of which
    top cells hold the others is weighed over a bounded number of readings."""
    import time

    from plancmp.extract.table_grid import fit_header

    labels = ["片区"] + [f"第{i}组" for i in range(4)] + [f"类别{i}" for i in range(24)] + ["面积", "个数"] * 24
    t0 = time.perf_counter()
    fit_header(labels, 1 + 48, ["年"])
    assert time.perf_counter() - t0 < 5
