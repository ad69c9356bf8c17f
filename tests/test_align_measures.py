"""What a metric measures beyond its words (plancmp.extract.measure_kind) as alignment uses it: what
a target's sentence adds to its name (a total word before the number, 每年 before the metric, N%的X),
what a share counts, and restatements kept out of the assignment. Invented sentences of the genre."""
from __future__ import annotations

import pytest

from plancmp.comparison.align import align_targets
from plancmp.comparison.catalog import Catalog, default_catalog
from plancmp.comparison.scoring import score_pair
from plancmp.models import Span, Target

from .test_align import tgt


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return default_catalog()


# what a sentence adds to a name: a share written before what it counts (N%的X…: a share of
# units) against a share of people; a total word between the metric and its number
SENTENCE_NEVER = [
    ("到2030年，全市80%的街道建成老年友好型社区。", "街道建成老年友好型社区", "80%", 80, "%",
     "街道老年人家庭医生签约覆盖率", 80, "%"),
    ("力争92%的村（社区）建成健康村。", "村(社区)建成健康村", "92%", 92, "%",
     "村民健康档案建档率", 92, "%"),
    ("全区体育场地总面积达到180万平方米。", "体育场地", "180万平方米", 180, "万平方米",
     "新增体育场地", 20, "万平方米"),
    ("新增公共充电桩800个，全区公共充电桩总数达到1.1万个。", "公共充电桩", "1.1万个", 1.1, "万个",
     "新增公共充电桩", 900, "个"),                   # the mention nearest the number says 总数
    ("每年清理河道垃圾不少于3万吨。", "清理河道垃圾", "3万吨", 3, "万吨",
     "清理河道垃圾", 12, "万吨"),                    # 每年 before the metric: per year, not the period
]


@pytest.mark.parametrize("text,metric,match,value,unit,other,ov,ou", SENTENCE_NEVER,
                         ids=[f"{m}!{o}" for _, m, _, _, _, o, _, _ in SENTENCE_NEVER])
def test_what_the_sentence_says_blocks(cat: Catalog, text, metric, match, value, unit, other, ov, ou) -> None:
    a = Target(metric=metric, value=value, unit=unit, comparator="=", kind="target", line=1,
               span=Span(start=0, end=1), match=match, text=text)
    s = score_pair(cat.profile(a), cat.profile(tgt(other, ov, ou)), cat)
    assert s.band == "none" and s.blocked, s


# what a share counts, from the name alone: the last noun of people or units before the rate word;
# an institution's coverage counts the people it serves, so it says nothing
SUBJECTS = [
    ("达到省级标准的乡镇比例", "units"),
    ("二级以上养老机构占比", "units"),
    ("农村留守儿童关爱服务覆盖率", "people"),
    ("城区初中毕业生升学比例", None),      # 毕业生: not a listed noun of people
    ("标准化社区卫生服务站覆盖率", None),  # coverage of an institution
    ("在园幼儿占比", "people"),
    ("燃气管网改造率", None),
]


@pytest.mark.parametrize("norm,expected", SUBJECTS, ids=[n for n, _ in SUBJECTS])
def test_subject_of_a_share(cat: Catalog, norm: str, expected: str | None) -> None:
    from plancmp.extract.measure_kind import subject

    assert subject(cat.normalize(norm), cat.table.measure, counted_first=False) == expected


def test_a_share_of_people_against_one_of_people_is_not_blocked(cat: Catalog) -> None:
    a = Target(metric="学生参加课后服务", value=95, unit="%", comparator="=", kind="target", line=1,
               span=Span(start=0, end=1), match="95%", text="确保95%的学生参加课后服务。")
    assert cat.profile(a).subject == "people"
    assert score_pair(cat.profile(a), cat.profile(tgt("学生参加课后服务比例", 90)), cat).blocked is None


def test_an_undated_restatement_does_not_take_another_years_target(cat: Catalog) -> None:
    # A: 2025 and 2035 targets; B: a 2025 target, restated undated in its text further down
    a = [tgt("城市污水处理率", 95, line=3, year=2025), tgt("城市污水处理率", 98, line=4, year=2035)]
    b = [tgt("城市污水处理率", 96, line=5, year=2025), tgt("污水处理率", 96, line=9)]
    al = align_targets(a, b, cat)
    pairs = {(p.a.target.line, p.b.target.line) for p in al.matched}
    assert pairs == {(3, 5), (3, 9)} and al.only_a == [] and al.only_b == []
    assert [c.target.line for p in al.matched for c in p.context_a] == [4]
