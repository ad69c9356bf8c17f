"""The scope a short metric leaves to its context, and the indicator of every target (plancmp.extract.scope)."""
from __future__ import annotations

import hashlib

import pytest

from plancmp.extract import scope, segment
from plancmp.extract.indicators import Catalog, default_catalog
from plancmp.extract.pipeline import extract_text, prepare
from plancmp.extract.scope import heading_scope, level_words_in, needs_scope, sentence_scope
from plancmp.models import Section, Span, Target
from plancmp.prepare.read import RawText
from plancmp.ruleset import default_rules


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return default_catalog()


NEEDS = [
    ("巩固率", True),
    ("新增学位", True),
    ("入园率", False),        # 入园 names the level itself
    ("小学生均公用经费", False),
    ("率", False),            # one character is no metric to complete
    ("普惠性幼儿园覆盖率", False),
]


@pytest.mark.parametrize("metric,expected", NEEDS, ids=[m for m, _ in NEEDS])
def test_needs_scope(cat: Catalog, metric: str, expected: bool) -> None:
    assert needs_scope(cat.normalize(metric), cat) is expected


# the sentence up to the number, as the stage sees it
SENTENCE = [
    ("十五五期间新建公办幼儿园15所,新增学位", "幼儿园"),
    ("新改扩建初中学校4所,扩容学位", "初中"),
    ("全县义务教育入学率保持100%、巩固率达到", "义务教育"),
    ("本年度改扩建7所幼儿园和3所小学,解决学位", "幼儿园、小学"),
    ("加大学校建设力度,新增学位", None),                  # 大学 in 加大学校 is no level
    ("扩大学位供给,新增学位", None),
    ("《某某区中小学布局规划》正式印发,未来五年建设学校", None),  # a book title is no subject
    ("推进高中阶段教育普及,全市统筹,确保每个街道完成,新增学位", None),  # three clauses back
]


@pytest.mark.parametrize("before,expected", SENTENCE, ids=[b for b, _ in SENTENCE])
def test_sentence_scope(cat: Catalog, before: str, expected: str | None) -> None:
    assert sentence_scope(before, cat) == expected


@pytest.mark.xfail(strict=True, reason="a sibling rate's level in the clause before is taken for the subject")
def test_sentence_scope_skips_a_sibling_rate_of_another_level(cat: Catalog) -> None:
    assert sentence_scope("学前教育毛入园率达到92%,巩固率达到", cat) is None


def test_level_words_in_order(cat: Catalog) -> None:
    assert level_words_in("普通高中和中职学校招生", cat) == ["普通高中", "中职"]


def _sections(*titles: str) -> dict[str, Section]:
    out, parent = {}, None
    for i, title in enumerate(titles, 1):
        sid = ".".join(["1"] * i)
        out[sid] = Section(id=sid, level=i, marker="一、", title=title, line=i, parent=parent)
        parent = sid
    return out


HEADINGS = [
    (("推进学前教育普惠发展", "扩大资源供给"), "学前教育"),
    (("义务教育优质均衡", "学位建设"), "义务教育"),
    (("各级各类教育协调发展", "学前教育和义务教育"), None),  # two levels, then none
    (("队伍建设", "名师培养"), None),
]


@pytest.mark.parametrize("titles,expected", HEADINGS, ids=["/".join(t) for t, _ in HEADINGS])
def test_heading_scope(cat: Catalog, titles: tuple[str, ...], expected: str | None) -> None:
    secs = _sections(*titles)
    assert heading_scope(max(secs), secs, cat) == expected


PLAN = """某某县教育事业发展规划
一、学前教育
到2025年,新改扩建公办幼儿园12所,新增学位3600个。
二、义务教育
全县义务教育入学率保持100%、巩固率达到98.5%。
(一)学位供给
新增学位8000个。
三、保障措施
加大学校建设力度,新建学校6所。
"""


@pytest.fixture(scope="module")
def plan_targets() -> dict[tuple[int, float], object]:
    return {(t.line, t.value): t for t in extract_text(PLAN).targets}


FULL = [
    ((3, 3600), "新增学位", "幼儿园新增学位"),      # the clause before names the level
    ((7, 8000), "新增学位", "义务教育新增学位"),    # the parent heading names it
    ((9, 6), "新建学校", "新建学校"),              # complete already
]


@pytest.mark.parametrize("key,metric,full", FULL, ids=[f for _, _, f in FULL])
def test_metric_full_in_a_plan(plan_targets, key: tuple[int, float], metric: str, full: str) -> None:
    t = plan_targets[key]
    assert (t.metric, t.metric_full) == (metric, full)


def test_a_scope_from_a_heading_is_a_doubt(plan_targets) -> None:
    from_heading, from_sentence = plan_targets[(7, 8000)], plan_targets[(3, 3600)]
    assert "metric_full:from-heading" in from_heading.doubts and from_heading.confidence < 1
    assert not any(d.startswith("metric_full") for d in from_sentence.doubts)


def test_every_target_carries_metric_full_and_known_indicators(plan_targets) -> None:
    ts = list(plan_targets.values())
    assert all(t.metric_full for t in ts)
    ref = plan_targets[(5, 98.5)].indicator
    assert ref is not None and (ref.id, ref.field, ref.stage) == ("compulsory.consolidation", "教育", "义务")
    assert plan_targets[(3, 3600)].indicator is None


WORK_ONLY = "某区城市更新行动方案\n到2025年,实施雨水管道检测约80公里,对其中的约15公里进行修复或改造。\n至2030年,新增12公里以上道路架空线入地。\n"


def test_a_metric_of_work_only_takes_the_thing_of_the_target_before_it() -> None:
    """The metric as a reading that takes the words after the number gives it (修复或改造)."""
    rules = default_rules()
    raw = RawText(path="a.txt", text=WORK_ONLY, encoding="utf-8", sha256=hashlib.sha256(WORK_ONLY.encode()).hexdigest())
    doc = prepare(raw, rules)

    def at(metric: str, number: str, line: int) -> Target:
        i = WORK_ONLY.index(number)
        return Target(metric=metric, value=float(number), unit="公里", line=line, span=Span(start=i, end=i + len(number)),
                      match=number, text=WORK_ONLY.splitlines()[line - 1])

    ts = scope.annotate([at("雨水管道检测", "80", 2), at("修复或改造", "15", 2), at("新增", "12", 3)], doc,
                        segment.segment(doc, rules), rules)
    # the thing counted before (the target before it in the sentence) or after the number
    assert [t.metric_full for t in ts] == ["雨水管道检测", "雨水管道修复或改造", "新增道路架空线入地"]
