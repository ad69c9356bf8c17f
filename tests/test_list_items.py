"""Numbered task sentences are list items, not sections; run-in titles end before the comma.

Invented sentences of fields the corpus lacks (water, parks, housing, elderly care, county schools).
"""
from __future__ import annotations

import pytest

from plancmp.extract.pipeline import prepare
from plancmp.extract.segment import segment
from plancmp.prepare import read
from plancmp.ruleset import default_rules


def titles(text: str) -> list[tuple[int, str]]:
    """(level, title) of every section found in ``text``."""
    doc = prepare(read.RawText("<test>", text, "utf-8", "0"), default_rules())
    return [(s.level, s.title) for s in segment(doc, default_rules())]


CASES = [
    (
        "task-sentences-with-figures-are-a-list",
        "二、重点任务\n(一)提升排水能力\n1.改造雨污混接点120处,城区管网覆盖率达到98%。\n"
        "2.新建调蓄池4座,易涝片区排涝标准提高到20年一遇。\n3.疏浚河道35公里,恢复河道行洪断面。\n",
        [(1, "重点任务"), (2, "提升排水能力")],
    ),
    (
        "paren-sentences-without-full-stop-are-a-list",
        "三、住房保障\n(一)筹建公共租赁住房800套,优先保障困难家庭\n(二)改造城中村3个,惠及居民1500户\n",
        [(1, "住房保障")],
    ),
    (
        "run-in-title-ends-at-full-stop",
        "一、发展成效\n(一)养老服务网络持续完善。新建社区养老服务站26个,床位总数达到4100张。\n"
        "(二)医养结合深入推进。签约医疗机构达到40家。\n",
        [(1, "发展成效"), (2, "养老服务网络持续完善"), (2, "医养结合深入推进")],
    ),
    (
        "nominal-run-in-title-ends-at-comma",
        "一、发展成效\n(一)办学条件明显改善,新建校舍面积12万平方米,生均用地达标\n"
        "(二)师资结构更加合理,研究生学历教师占比提高到18%\n",
        [(1, "发展成效"), (2, "办学条件明显改善"), (2, "师资结构更加合理")],
    ),
    (
        "short-titles-among-a-list-keep-the-level",
        "(三)加强生态修复\n1.湿地保护。新建湿地公园2处。\n2.林地提质。完成森林抚育3万亩。\n"
        "3.实施矿山复绿工程,修复废弃矿山面积120公顷。\n",
        [(2, "加强生态修复"), (3, "湿地保护"), (3, "林地提质"), (3, "实施矿山复绿工程")],
    ),
    (
        "two-clause-title-without-figure-stays-whole",
        "四、保障措施\n(一)坚持规划引领,强化统筹协调\n健全工作推进机制。\n(二)加大资金投入,拓宽融资渠道\n",
        [(1, "保障措施"), (2, "坚持规划引领,强化统筹协调"), (2, "加大资金投入,拓宽融资渠道")],
    ),
    (
        "titles-with-figures-in-a-list-level-are-items",
        "二、主要任务\n(一)便民出行\n1.新增公交线路6条,公交站点500米覆盖率达到95%。\n"
        "2.改造港湾式公交站台40处,方便群众候车。\n3.新建公共停车泊位1200个。\n",
        [(1, "主要任务"), (2, "便民出行")],
    ),
    (
        "a-year-in-a-title-is-no-figure",
        "一、发展目标\n(一)2030年发展目标\n全镇生活污水处理率明显提高。\n(二)2035年远景目标\n基本建成宜居城镇。\n",
        [(1, "发展目标"), (2, "2030年发展目标"), (2, "2035年远景目标")],
    ),
    (
        "a-date-in-a-title-is-no-figure",
        "三、实施步骤\n(一)启动部署阶段(4月底前)\n制定年度工作方案。\n(二)集中攻坚阶段(11月中旬前)\n"
        "全面推进整治。\n",
        [(1, "实施步骤"), (2, "启动部署阶段(4月底前)"), (2, "集中攻坚阶段(11月中旬前)")],
    ),
    (
        "noun-phrase-before-the-comma-is-a-run-in-title",
        "二、整治重点\n(一)占用基本农田的违法建设,全镇涉及面积约35亩;\n"
        "(二)影响河道行洪的违法建设,共排查点位12处;\n",
        [(1, "整治重点"), (2, "占用基本农田的违法建设"), (2, "影响河道行洪的违法建设")],
    ),
    (
        "one-numbered-sentence-alone-is-titled-before-its-comma",
        "二、实施步骤\n(一)新建幼儿园6所,其中城区4所,乡镇2所。\n4月,完成选址。\n",
        [(1, "实施步骤"), (2, "新建幼儿园6所")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_list_items(text: str, expected: list[tuple[int, str]]) -> None:
    assert titles(text) == expected


def test_a_quoted_period_alone_is_no_heading() -> None:
    text = "一、发展环境\n“十五五”\n是我镇加快绿色转型的关键时期,各项改革进入深水区。\n"
    assert titles(text) == [(1, "发展环境")]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("(二)主要目标\n生态优先\n森林覆盖率稳定在45%以上。\n绿色发展\n单位产值能耗下降13%。\n",
                 [(2, "主要目标")], id="labels-between-body-lines-are-not-sections"),
    pytest.param("(二)主要目标\n生态优先\n森林覆盖率稳定在45%以上。\n(三)重点任务\n加快绿色转型。\n",
                 [(2, "主要目标"), (3, "生态优先"), (2, "重点任务")], id="a-lone-label-under-a-heading-stays"),
])
def test_labels(text: str, expected: list[tuple[int, str]]) -> None:
    assert titles(text) == expected
