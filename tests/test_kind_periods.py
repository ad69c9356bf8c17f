"""A five-year period named in a plan is past or present by the plan's own time (kind.DocTime.period_kind):
an earlier period's figures are baselines, the plan's own period's are commitments."""
from __future__ import annotations

import pytest

from plancmp.extract.pipeline import extract_text

CASES = [
    # (id, text, metric start, value, kind)
    ("own-period-in-a-13th-plan",
     "东湖区市容管理“十三五”规划\n一、主要任务\n“十三五”期间，每年新建非机动车停放点60处。\n",
     "新建非机动车停放点", 60, "target"),
    ("earlier-period-in-a-15th-plan",
     "西岭区城市更新“十五五”规划\n一、主要任务\n“十四五”期间累计完成旧住房改造120万平方米，“十五五”期间再改造80万平方米。\n",
     "旧住房改造", 120, "baseline"),
    ("own-period-after-the-earlier-one",
     "西岭区城市更新“十五五”规划\n一、主要任务\n“十四五”期间累计完成旧住房改造120万平方米，“十五五”期间再改造80万平方米。\n",
     "改造", 80, "target"),
    ("earlier-period-in-a-14th-plan",
     "南溪县教育事业发展“十四五”规划\n二、发展目标\n“十三五”以来，全县新增公办幼儿园学位4200个。\n",
     "新增公办幼儿园学位", 4200, "baseline"),
    ("compared-with-an-earlier-period-is-a-change",
     "南溪县教育事业发展“十四五”规划\n二、发展目标\n到2025年，学前教育毛入园率比“十三五”末提高3个百分点。\n",
     "学前教育毛入园率", 3, "target"),
    ("the-plans-own-period-in-a-heading-leaves-a-review-part-alone",
     "“十五五”城乡建设发展规划\n第一章 发展基础\n2016至2025年，全区建成保障性住房1.2万套。\n",
     "建成保障性住房", 1.2, "baseline"),
    ("a-lone-sentence-takes-the-assumed-period",
     "十三五期间,全镇建成农村公路85公里。\n", "建成农村公路", 85, "baseline"),
]


@pytest.mark.parametrize(("text", "metric", "value", "kind"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_named_period_is_past_or_present_by_the_plans_time(text: str, metric: str, value: float, kind: str) -> None:
    got = [(t.metric, t.kind) for t in extract_text(text).targets if t.value == value]
    assert got and got[0][0].endswith(metric) or metric in got[0][0], got
    assert got[0][1] == kind, got


PAGE_DATE_CASES = [
    # (id, page head, text, metric start, value, kind): the same text with and without a web page's date
    ("a-repost-years-later-keeps-the-targets", "发布日期: 2023-04-01\n",
     "某县农村供水规划\n二、工作目标\n到2020年,全县新建集中供水站14处。\n", "新建集中供水站", 14, "target"),
    ("a-portal-page-date-keeps-a-year-plan", "发布日期:2019-11-20 10:05  来源:某镇政府\n",
     "某镇2018年道路建设计划\n一、目标任务\n2018年全镇硬化村道32公里。\n", "硬化村道", 32, "target"),
]


@pytest.mark.parametrize(("head", "text", "metric", "value", "kind"), [c[1:] for c in PAGE_DATE_CASES],
                         ids=[c[0] for c in PAGE_DATE_CASES])
def test_a_web_pages_date_is_not_the_documents_time(head: str, text: str, metric: str, value: float,
                                                    kind: str) -> None:
    """The date a page went up (发布日期) may be years after the document: a figure's kind reads the
    document's own time, so the page around a plan changes no record."""
    for t in (text, head + text):
        got = [(x.metric, x.kind, x.year) for x in extract_text(t).targets if x.value == value]
        assert got and metric in got[0][0] and got[0][1] == kind, (t[:20], got)


def test_the_documents_own_date_dates_its_figures() -> None:
    """A date the document signs itself with is its time: a year before it is past, whatever the page says."""
    text = ("发布日期: 2023-04-01\n某区养老服务设施规划(2021-2025年)\n某区人民政府\n2022年6月1日\n"
            "二、工作目标\n2021年全区建成社区食堂45个,到2025年建成120个。\n")
    got = {x.value: x.kind for x in extract_text(text).targets}
    assert got.get(45) == "baseline" and got.get(120) == "target", got


@pytest.mark.parametrize(("second", "value", "year"), [
    ("其中,“十四五”期间新建乡镇公办幼儿园12所。", 12, None),
    ("其中,城区学校达到98%。", 98, 2027),
], ids=["own-period-keeps-its-own-time", "continued-sentence-takes-the-year"])
@pytest.mark.parametrize("joint", ["", "\n"], ids=["one-paragraph", "two-lines"])
def test_a_sentence_naming_its_own_period_takes_no_year_before(second: str, value: float, year: int | None,
                                                               joint: str) -> None:
    """其中 continues the sentence before and takes its year, unless it names its own period; and so
    whether the two sentences share a line or not (a Word export runs paragraphs together)."""
    text = f"柳河县教育“十四五”规划\n二、发展目标\n到2027年,全县义务教育巩固率达到96%。{joint}{second}\n"
    got = [x.year for x in extract_text(text).targets if x.value == value]
    assert got == [year]
