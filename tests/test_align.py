"""Canonical indicators, pair scores, assignment and relation (plancmp.comparison.catalog, scoring, assignment, align)."""
from __future__ import annotations

import itertools
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plancmp.comparison.align import align_targets
from plancmp.comparison.assignment import assign, min_cost_assignment
from plancmp.comparison.catalog import Catalog, default_catalog
from plancmp.comparison.matrix import compare_aligner
from plancmp.comparison.scoring import relation, score_pair
from plancmp.models import ExtractResult, Span, Target

from .align_score import score_alignment
from .samples import GOLD, extracted
from .gold_extract import extract_json


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return default_catalog()


def tgt(metric: str, value: float = 90, unit: str = "%", comparator: str = "=", line: int = 1,
        value_max: float | None = None, kind: str = "target", year: int | None = None) -> Target:
    return Target(metric=metric, value=value, value_max=value_max, unit=unit, comparator=comparator, kind=kind,
                  year=year, line=line, span=Span(start=line * 100, end=line * 100 + 5), match="x", text=metric)


# ---------------------------------------------------------------- normalization and identification

NORMALIZE = [
    ("全区学前三年毛入园率（%）", "学前教育毛入园率"),
    ("力争九年义务教育巩固率稳定在", "义务教育巩固率"),
    ("“双师型”教师占比", "双师型教师比例"),
    ("公共财政教育支出占公共财政支出的比例", "一般公共预算教育支出占一般公共预算支出比例"),
    ("中等职业学校 专任教师", "中职专任教师"),
]


@pytest.mark.parametrize("metric,expected", NORMALIZE, ids=[m for m, _ in NORMALIZE])
def test_normalize(cat: Catalog, metric: str, expected: str) -> None:
    assert cat.normalize(metric) == expected


IDENTIFY = [
    ("学前三年毛入园率", "preschool.gross_enrollment"),
    ("幼儿入园率", "preschool.gross_enrollment"),
    ("学前教育普惠率", "preschool.inclusive_coverage"),
    ("普惠性幼儿园在园幼儿占比", "preschool.inclusive_coverage"),
    ("公办园在园幼儿占比", "preschool.public_share"),
    ("幼儿园专任教师接受专业教育比例", "preschool.teacher_professional"),
    ("九年义务教育巩固率", "compulsory.consolidation"),
    ("义务教育阶段就近入学比例", "compulsory.nearby"),
    ("高中阶段教育毛入学率", "highschool.gross_enrollment"),
    ("中职学校双师型教师比例", "vocational.dual_teacher"),
    ("适龄残疾儿童少年入学率", "special.enrollment"),
    ("中小学专任教师学历达标率", "teacher.qualified_degree"),
    ("教育支出占财政支出比例", "funding.budget_share"),
    ("生均公用经费标准", "funding.per_student_public"),
    ("小学生均公用经费", "funding.per_student_public@小学"),
    ("中小学生体质健康达标率", "health.fitness_pass"),
    ("儿童青少年总体近视率", "health.myopia"),
    ("绿色校园达标率", "facilities.green_school"),
    ("中小学校智慧校园达标率", "it.smart_campus"),
    ("义务教育专任教师本科以上学历比例", "teacher.bachelor@初中+小学"),
]


@pytest.mark.parametrize("metric,key", IDENTIFY, ids=[m for m, _ in IDENTIFY])
def test_identify(cat: Catalog, metric: str, key: str) -> None:
    unit = "元" if "经费" in metric else "%"
    assert cat.profile(tgt(metric, unit=unit)).key == key


# indicators of other fields, in wordings plans use (units as plans write them)
IDENTIFY_FIELDS = [
    ("全区森林覆盖率", "%", "green.forest_coverage", "绿化市容"),
    ("城市人均公园绿地面积", "平方米", "green.park_area_per_capita", "绿化市容"),
    ("空气质量优良天数比率", "%", "eco.air_good_days", "生态环境"),
    ("PM2.5年均浓度", "微克/立方米", "eco.pm25", "生态环境"),
    ("老旧供水管网改造目标", "公里", "water.supply_pipes", "水务"),       # a suffix that names the plan's act
    ("城镇污水处理率", "%", "water.sewage_treatment", "水务"),
    ("新增公共停车泊位", "个", "transport.public_parking", "交通"),
    ("单位GDP能耗下降", "%", "energy.intensity_reduction", "能源"),
    ("养老机构护理型床位占比", "%", "eldercare.nursing_bed_share", "养老托育"),
    ("每千人口拥有3岁以下婴幼儿托位数", "个", "childcare.nursery_places_per_1000", "养老托育"),
    ("每千人口执业医师数", "人", "health.doctors_per_1000", "卫生健康"),
    ("城镇调查失业率", "%", "employment.urban_unemployment", "就业收入"),
    ("保障性租赁住房", "套", "housing.affordable_rental", "住房"),
    ("既有多层住宅加装电梯", "台", "renewal.elevators", "城市更新"),
    ("人均应急避难场所面积", "平方米", "safety.shelter_area_per_capita", "安全韧性"),
]


@pytest.mark.parametrize("metric,unit,key,field", IDENTIFY_FIELDS, ids=[m for m, *_ in IDENTIFY_FIELDS])
def test_identify_beyond_education(cat: Catalog, metric: str, unit: str, key: str, field: str) -> None:
    p = cat.profile(tgt(metric, unit=unit))
    assert (p.key, p.field) == (key, field)


UNIDENTIFIED = [
    "普惠性幼儿园入园率",      # 普惠性 in front of an alias changes the measure
    "区级以上骨干教师比例",    # 区级以上 is not a neutral qualifier
    "新建住宅小区配套学校",
    "特级教师工作室",
]


@pytest.mark.parametrize("metric", UNIDENTIFIED, ids=UNIDENTIFIED)
def test_not_an_indicator(cat: Catalog, metric: str) -> None:
    assert cat.profile(tgt(metric)).indicator is None


def test_alias_in_other_unit_is_not_the_indicator(cat: Catalog) -> None:
    assert cat.profile(tgt("学习型社区创建率", 80, "%")).indicator is not None
    assert cat.profile(tgt("学习型社区创建率", 12, "个")).indicator is None


def test_every_alias_names_its_own_indicator(cat: Catalog) -> None:
    wrong = []
    for ind in cat.table.indicator:
        for alias in (ind.name, *ind.aliases):
            hit = cat.identify(cat.normalize(alias))
            if hit is None or hit[0].id != ind.id or hit[2]:
                wrong.append((ind.id, alias, hit and hit[0].id))
    assert wrong == []


# ---------------------------------------------------------------- pair scores

SAME = [
    ("学前三年毛入园率", "学前教育入园率"),
    ("公共财政教育支出占公共财政支出的比例", "一般公共预算教育支出占一般公共预算支出比例"),
    ("中等职业学校双师型教师比例", "“双师型”教师比例"),
    ("普惠性幼儿园覆盖率", "学前教育普惠率"),
    ("国家学生体质健康标准达标率", "学生体质健康合格率"),
    ("书香校园创建数", "书香校园创建数"),  # no indicator: same normalized name
]


@pytest.mark.parametrize("x,y", SAME, ids=[f"{x}~{y}" for x, y in SAME])
def test_same_measure_is_matched(cat: Catalog, x: str, y: str) -> None:
    unit = "个" if "数" in x else "%"
    s = score_pair(cat.profile(tgt(x, unit=unit)), cat.profile(tgt(y, unit=unit)), cat)
    assert s.band == "matched", s


# the same measure named another way, with units: work words, scope words and measure words
# aside, the names agree (invented wordings of other fields and places)
SAME_WITH_UNITS = [
    ("新建社区公园数量", "座", "新建或改建社区公园", "座"),         # word order of the work
    ("推动老旧厂房更新数量", "个", "老旧厂房更新", "处"),           # other classifier of a count
    ("初中新增学位", "个", "初中扩容学位", "万个"),                # other increment word, other scale
    ("开办公立托育机构", "所", "新办公立托育机构", "所"),
    ("省、市级示范性高中", "所", "省级示范性高中", "所"),          # nested tiers
    ("雨水泵站改造", "座", "改造雨水泵站", "座"),
    ("城市道路机扫率", "%", "城市主次干道机扫率", "%"),        # a specific rate word is a head
    ("老旧小区加装电梯", "部", "老旧小区加装电梯", "台"),        # 部 and 台 count machines alike
    ("新建改建公厕", "座", "新建、改建公共厕所", "座"),          # 公厕 is 公共厕所
    ("社区嵌入式养老服务设施覆盖率", "%", "嵌入式养老服务设施覆盖率", "%"),  # one object, one rate
    ("优质高中在校生占比", "%", "优质高中在校生比例", "%"),
]


@pytest.mark.parametrize("x,ux,y,uy", SAME_WITH_UNITS, ids=[f"{x}~{y}" for x, _, y, _ in SAME_WITH_UNITS])
def test_same_measure_with_units_is_matched(cat: Catalog, x: str, ux: str, y: str, uy: str) -> None:
    s = score_pair(cat.profile(tgt(x, unit=ux)), cat.profile(tgt(y, unit=uy)), cat)
    assert s.band == "matched", s


NEVER = [
    ("学前教育毛入园率", "学前教育普惠率", "%", "%"),
    ("义务教育就近入学率", "义务教育入学率", "%", "%"),
    ("普惠性幼儿园在园幼儿占比", "公办园及普惠性民办园占全区幼儿园比例", "%", "%"),
    ("小学巩固率", "初中巩固率", "%", "%"),
    ("平安校园达标率", "智慧校园建成率", "%", "%"),
    ("学生体质健康优秀率", "学生体质健康达标率", "%", "%"),
    ("专任教师本科以上学历比例", "专任教师研究生学历比例", "%", "%"),
    ("新建幼儿园", "新建中小学", "所", "所"),
    ("新建学校", "新建学校", "%", "所"),
    ("区级骨干教师", "市级骨干教师", "名", "名"),
    ("特级校长工作室", "特级教师工作室", "个", "个"),
    ("近视率年均下降", "近视率", "百分点", "%"),
    ("区级学科带头人", "市级学科带头人", "名", "名"),            # disjoint tiers of government
    ("新增停车泊位", "公共停车泊位总数", "个", "个"),              # an increment against a total
    ("每年新增绿地面积", "新增绿地面积", "公顷", "公顷"),          # per year against the period
    ("人均公园绿地面积", "新增各类绿化面积", "平方米", "万平方米"),
    ("排水管道检测", "排水管道修复", "公里", "公里"),              # inspection is not repair
    ("燃气管道改造", "供水管网改造", "公里", "公里"),
    ("新建口袋公园", "更新商务楼宇", "座", "个"),
    ("绿化覆盖率", "污水处理率", "%", "%"),
    ("区骨干教师", "市骨干教师", "名", "名"),                    # tiers written without 级
    ("力争全县", "确保全区", "%", "%"),                          # nothing left once filler is dropped
    ("覆盖率", "覆盖率", "%", "%"),                              # bare rates: of what?
    ("学校", "新改扩建学校", "所", "所"),                        # one word: new schools, or all?
    ("新建雨水泵站", "改造雨水泵站", "座", "座"),                # building is not renovating
    ("排水管道检测", "修复或改造排水管道", "公里", "公里"),      # inspecting is not repairing
    ("口袋公园新建和改建总数", "新增口袋公园改建数量", "个", "个"),  # a name ending in 总数 is a total
    ("“美丽庭院”创建总量", "新增“美丽庭院”创建", "户", "户"),
    ("道路照明节能灯具使用率", "道路照明智能控制纳控率", "%", "%"),  # two rates of one object
    ("公交站点无障碍设施配置率", "公交站点无障碍设施完好率", "%", "%"),
    ("每千名老年人拥有养老床位", "新增养老床位", "张", "张"),    # a density is not a count
    ("人均体育场地面积", "新建体育场地面积", "平方米", "平方米"),
    ("社区食堂明厨亮灶覆盖率", "社区卫生服务站覆盖率", "%", "%"),  # only the rate word agrees
    ("托育机构卫生评价合格率", "托育机构保育质量评估合格率", "%", "%"),
    ("新建自行车专用道", "自行车专用道总里程", "公里", "公里"),    # 总 before a measure word: a total
    ("筹建共有产权住房", "共有产权住房总量", "套", "万套"),
    ("累计建成社区足球场", "建成社区足球场", "片", "片"),          # work done in the period, a total
]


@pytest.mark.parametrize("x,y,ux,uy", NEVER, ids=[f"{x}!{y}" for x, y, _, _ in NEVER])
def test_different_measures_are_not_matched(cat: Catalog, x: str, y: str, ux: str, uy: str) -> None:
    s = score_pair(cat.profile(tgt(x, unit=ux)), cat.profile(tgt(y, unit=uy)), cat)
    assert s.band != "matched", s


def test_nested_levels_are_only_uncertain(cat: Catalog) -> None:
    s = score_pair(cat.profile(tgt("义务教育生均公用经费", 1200, "元")),
                   cat.profile(tgt("小学生均公用经费", 1100, "元")), cat)
    assert s.band == "uncertain" and "nest" in " ".join(s.notes)


def test_components_are_named(cat: Catalog) -> None:
    s = score_pair(cat.profile(tgt("学前三年毛入园率")), cat.profile(tgt("学前教育入园率")), cat)
    assert set(s.components) == {"alias", "chars", "tokens", "head", "scope", "unit"}
    assert s.components["alias"] == 1 and s.indicator == "preschool.gross_enrollment"


# ---------------------------------------------------------------- relation

RELATION = [
    (("=", 95, None, "%"), ("=", 90, None, "%"), "a_higher"),
    ((">=", 90, None, "%"), ("=", 90, None, "%"), "same"),
    ((">", 90, None, "%"), (">=", 90, None, "%"), "a_higher"),
    (("~", 60, None, "%"), ("=", 60, None, "%"), "same"),
    (("<=", 5, None, "%"), (">=", 3, None, "%"), "incomparable"),
    (("<", 8, None, "%"), ("<=", 8, None, "%"), "b_higher"),
    (("=", 1.2, None, "亿元"), ("=", 9000, None, "万元"), "a_higher"),
    (("=", 1, None, "亿元"), ("=", 10000, None, "万元"), "same"),
    (("range", 5, 10, "个"), ("=", 12, None, "个"), "b_higher"),
    (("range", 5, 10, "个"), ("=", 8, None, "个"), "incomparable"),
    (("range", 5, 10, "个"), ("range", 5, 10, "个"), "same"),
    (("=", 90, None, "%"), ("=", 90, None, "所"), "incomparable"),
    (("=", 1, None, "公顷"), ("=", 10000, None, "平方米"), "same"),
    (("=", 500, None, "亩"), ("=", 30, None, "公顷"), "a_higher"),    # 333,333 against 300,000 平方米
    (("=", 1.2, None, "公里"), ("=", 1500, None, "米"), "b_higher"),
    ((">=", 3, None, "万个"), ("=", 30000, None, "个"), "same"),
]


@pytest.mark.parametrize("a,b,expected", RELATION, ids=[f"{a}-{b}" for a, b, _ in RELATION])
def test_relation(cat: Catalog, a: tuple, b: tuple, expected: str) -> None:
    pa = cat.profile(tgt("指标", a[1], a[3], a[0], value_max=a[2]))
    pb = cat.profile(tgt("指标", b[1], b[3], b[0], value_max=b[2]))
    assert relation(pa, pb) == expected


_MIRROR = {"a_higher": "b_higher", "b_higher": "a_higher", "same": "same", "incomparable": "incomparable"}
_comparators = st.sampled_from(["=", ">=", ">", "<=", "<", "~", "range"])
_values = st.decimals(min_value=0, max_value=1000, places=2).map(float)


@settings(max_examples=200, deadline=None)
@given(_comparators, _values, _values, _comparators, _values, _values, st.sampled_from(["万元", "亿元", "元"]))
def test_relation_is_antisymmetric(ca, va, wa, cb, vb, wb, unit) -> None:
    cat = default_catalog()
    pa = cat.profile(tgt("经费", min(va, wa), unit, ca, value_max=max(va, wa) if ca == "range" else None))
    pb = cat.profile(tgt("经费", min(vb, wb), "万元", cb, value_max=max(vb, wb) if cb == "range" else None))
    assert relation(pb, pa) == _MIRROR[relation(pa, pb)]


# ---------------------------------------------------------------- assignment

def test_assignment_is_optimal_not_greedy() -> None:
    # greedy would take (0, 0) = 0.9 and leave row 1 with nothing: 0.9 in all
    assert sorted(assign([[0.9, 0.8], [0.85, 0.0]])) == [(0, 1), (1, 0)]


def test_weak_pairs_are_never_forced() -> None:
    assert assign([[0.0, 0.0], [0.0, 0.3]]) == [(1, 1)]
    assert assign([[-0.5, 0.2], [0.4, -1.0]]) == [(0, 1), (1, 0)]
    assert assign([]) == [] and assign([[]]) == []


@pytest.mark.parametrize("utility, expected", [
    ([[0.1, 0.9, 0.3]], [(0, 1)]),
    ([[0.1], [0.9], [0.3]], [(1, 0)]),
    ([[0.5, 0.4, 0.0], [0.6, 0.0, 0.1]], [(0, 1), (1, 0)]),
    ([[0.5, 0.6], [0.4, 0.0], [0.0, 0.1]], [(0, 1), (1, 0)]),
    ([[1.0, 1.0], [1.0, 1.0]], [(0, 0), (1, 1)]),
], ids=["one-row", "one-column", "wide", "tall", "all-equal-identity"])
def test_assignment_of_rectangular_matrices(utility, expected) -> None:
    assert assign(utility) == expected


def test_min_cost_assignment_wants_rows_le_columns() -> None:
    assert min_cost_assignment([[3.0, 1.0, 2.0], [1.0, 5.0, 9.0]]) == [1, 0]
    with pytest.raises(ValueError, match="rows <= columns"):
        min_cost_assignment([[1.0], [2.0]])


def _brute_force_best(utility: list[list[float]]) -> float:
    """The best total of any one-to-one assignment (pairs <= 0 count nothing)."""
    gain = [[max(x, 0.0) for x in row] for row in utility]
    if len(gain) > len(gain[0]):
        gain = [list(col) for col in zip(*gain)]
    return max(sum(gain[i][j] for i, j in enumerate(cols))
               for cols in itertools.permutations(range(len(gain[0])), len(gain)))


# a few values repeat, so ties (repeated mentions of one indicator) are common
_utility = st.one_of(st.sampled_from([-0.3, 0.0, 0.0, 0.01, 0.1, 0.25, 0.5, 1.0]),
                     st.floats(min_value=-1, max_value=1, allow_nan=False))
_matrices = st.integers(1, 5).flatmap(
    lambda n_cols: st.lists(st.lists(_utility, min_size=n_cols, max_size=n_cols), min_size=1, max_size=5))


@settings(max_examples=300, deadline=None)
@given(_matrices)
def test_assignment_equals_brute_force(utility) -> None:
    pairs = assign(utility)
    rows, cols = [i for i, _ in pairs], [j for _, j in pairs]
    assert len(set(rows)) == len(rows) and len(set(cols)) == len(cols)  # one-to-one
    assert rows == sorted(rows)
    assert all(utility[i][j] > 0 for i, j in pairs)  # nothing weak is forced
    total = sum(utility[i][j] for i, j in pairs)
    assert total == pytest.approx(_brute_force_best(utility), abs=1e-9)
    assert assign(utility) == pairs  # deterministic


@settings(max_examples=200, deadline=None)
@given(_matrices)
def test_assignment_breaks_ties_as_scipy_did(utility) -> None:
    """diff used scipy's linear_sum_assignment before; the same pairs among equal
    optima keep diff's output byte for byte (skipped where scipy is not installed)."""
    np = pytest.importorskip("numpy")
    lsa = pytest.importorskip("scipy.optimize").linear_sum_assignment
    m = np.clip(np.asarray(utility, dtype=float), 0.0, None)
    rows, cols = lsa(m, maximize=True)
    assert assign(utility) == [(int(i), int(j)) for i, j in zip(rows, cols) if m[i, j] > 0]


def test_alignment_is_deterministic_and_order_free(cat: Catalog) -> None:
    a = [tgt(m, v, line=i + 1) for i, (m, v) in enumerate(
        [("学前教育毛入园率", 95), ("普惠性幼儿园覆盖率", 85), ("学前三年毛入园率", 95), ("平安校园达标率", 100)])]
    b = [tgt(m, v, line=i + 10) for i, (m, v) in enumerate(
        [("学前教育入园率", 96), ("学前教育普惠率", 88), ("智慧校园建成率", 100)])]

    def pairs(xs, ys):
        al = align_targets(xs, ys, cat)
        return ([(p.a.target.line, p.b.target.line) for p in al.matched],
                [q.target.line for q in al.only_a], [q.target.line for q in al.only_b])

    first = pairs(a, b)
    rng = random.Random(7)
    for _ in range(5):
        xs, ys = a[:], b[:]
        rng.shuffle(xs)
        rng.shuffle(ys)
        assert pairs(xs, ys) == first
    matched, only_a, only_b = first
    assert (1, 10) in matched and (2, 11) in matched
    assert (3, 10) in matched  # the repeated 入园率 joins its partner
    assert only_a == [4] and only_b == [12]


def test_baselines_are_not_aligned(cat: Catalog) -> None:
    al = align_targets([tgt("学前教育毛入园率", 90, kind="baseline")], [tgt("学前教育毛入园率", 95)], cat)
    assert al.matched == [] and al.only_a == [] and len(al.only_b) == 1


# ---------------------------------------------------------------- the seed pair

PAIR = ("beijing-fengtai-2021", "shanxi-taiyuan-yingze-2021")


def _gold_align() -> dict:
    return json.loads((GOLD / "align" / f"{PAIR[0]}__{PAIR[1]}.json").read_text(encoding="utf-8"))


def _diff_dict(a: dict, b: dict) -> dict:
    from plancmp.comparison.diff import build_diff

    return build_diff(ExtractResult.model_validate(a), ExtractResult.model_validate(b)).to_dict()


def test_seed_pair_on_gold_targets() -> None:
    a, b = (extract_json(GOLD / f"{n}.json") for n in PAIR)
    res = score_alignment(_gold_align(), _diff_dict(a, b))
    assert res.precision >= 0.9 and res.recall >= 0.8, res


def test_seed_pair_on_extract_output() -> None:
    res = score_alignment(_gold_align(), _diff_dict(extracted(PAIR[0]), extracted(PAIR[1])))
    assert res.precision >= 0.9 and res.recall >= 0.8, res


# ---------------------------------------------------------------- for compare

def test_compare_aligner_sees_records_as_diff_does() -> None:
    al = compare_aligner()
    a = {"metric": "学前三年毛入园率", "value": 95, "unit": "%", "comparator": ">=", "line": 3}
    b = {"metric": "学前教育入园率", "value": 90, "unit": "%", "comparator": "=", "line": 9}
    c = {"metric": "学前教育普惠率", "value": 90, "unit": "%", "comparator": "=", "line": 9}
    canon = al.canonical_of(a)
    assert canon is not None and canon.id == "preschool.gross_enrollment" and canon.stage == "学前"
    assert al.pair_score(a, b) >= al.threshold > al.pair_score(a, c) == 0.0
    assert al.unit_base("亿元") == ("元", 100000000)


# ---------------------------------------------------------------- years, fields, units in a diff

def test_like_years_pair_and_other_years_are_context(cat: Catalog) -> None:
    a = [tgt("建成区绿化覆盖率", 40, year=2025, line=3), tgt("建成区绿化覆盖率", 45, year=2035, line=4)]
    b = [tgt("建成区绿化覆盖率", 42, year=2035, line=7), tgt("建成区绿化覆盖率", 38, year=2025, line=8)]
    al = align_targets(a, b, cat)
    assert sorted((p.a.target.line, p.b.target.line) for p in al.matched) == [(3, 8), (4, 7)]
    one = align_targets(a, [b[0]], cat)  # only a 2035 target on B: the 2025 one of A is its context
    assert [(p.a.target.line, p.b.target.line) for p in one.matched] == [(4, 7)]
    assert [q.target.line for q in one.matched[0].context_a] == [3] and one.only_a == []


def test_an_undated_mention_restates_a_dated_one(cat: Catalog) -> None:
    a = [tgt("人均公园绿地面积", 11.5, "平方米", year=2030, line=5), tgt("人均公园绿地面积", 11.5, "平方米", line=9)]
    al = align_targets(a, [tgt("人均公园绿地面积", 10, "平方米", year=2030, line=2)], cat)
    assert sorted(p.a.target.line for p in al.matched) == [5, 9] and al.matched[0].context_a == ()


def test_a_breakdown_by_district_is_no_restatement(cat: Catalog) -> None:
    a = [tgt("新建幼儿园", 6, "所", line=2), tgt("新建幼儿园", 9, "所", line=5), tgt("新建幼儿园", 6, "所", line=8)]
    al = align_targets(a, [tgt("新建幼儿园", 20, "所", line=3)], cat)
    paired = {p.a.target.value for p in al.matched}
    assert len(paired) == 1  # only mentions of the paired figure join it
    assert {q.target.value for q in al.only_a} == {6, 9} - paired and len(al.matched) + len(al.only_a) == 3


PLAN_FIELDS = [
    ("某区城市更新“十五五”规划", [], "城市更新"),
    ("某区公共停车设施建设规划（2026-2030）", [], "交通"),
    ("某县“十五五”教育事业发展规划", [], "教育"),
    ("关于印发工作方案的通知", ["森林覆盖率", "人均公园绿地面积", "义务教育巩固率"], "绿化市容"),
    ("关于印发工作方案的通知", ["某某指数"], None),
]


@pytest.mark.parametrize("title,metrics,expected", PLAN_FIELDS, ids=[f"{t}{m}" for t, m, _ in PLAN_FIELDS])
def test_plan_field(cat: Catalog, title: str, metrics: list[str], expected: str | None) -> None:
    unit = {"人均公园绿地面积": "平方米"}
    assert cat.plan_field(title, [tgt(m, unit=unit.get(m, "%")) for m in metrics]) == expected


STAGES = [
    ("应急避难场所开放数量", "城市更新", "安全韧性"),  # another field's stage before the schools' 安全
    ("应急疏散演练", "教育", "安全"),
    ("社区微更新项目", "城市更新", "城市更新"),
    ("某某专项指数", "城市更新", "城市更新"),        # nothing says: the plan's own field
    ("某某专项指数", "教育", "其他"),
]


@pytest.mark.parametrize("metric,plan_field,stage", STAGES, ids=[f"{m}@{f}" for m, f, _ in STAGES])
def test_stage_in_a_plan_of_a_field(cat: Catalog, metric: str, plan_field: str, stage: str) -> None:
    assert cat.profile(tgt(metric, unit="个"), plan_field).stage == stage


def test_diff_json_gives_converted_values_and_common_year_baselines() -> None:
    from plancmp.comparison.diff import build_diff

    def plan(name: str, targets: list[Target]) -> ExtractResult:
        return ExtractResult.model_validate({"source": {"path": f"{name}.txt", "sha256": "0", "encoding": "utf-8", "lines": 9},
                                             "meta": {"title": f"{name}城市更新规划"}, "targets": [t.model_dump() for t in targets]})

    a = plan("甲区", [tgt("低效产业用地盘活面积", 600, "亩", line=2),
                     tgt("低效产业用地盘活面积", 300, "亩", kind="baseline", year=2020, line=3),
                     tgt("低效产业用地盘活面积", 200, "亩", kind="baseline", year=2015, line=4)])
    b = plan("乙区", [tgt("盘活低效产业用地", 30, "公顷", line=5),
                     tgt("盘活低效产业用地", 12, "公顷", kind="baseline", year=2015, line=6)])
    d = build_diff(a, b).to_dict()
    assert d["a"]["field"] == d["b"]["field"] == "城市更新"
    [pair] = d["matched"]
    assert pair["relation"] == "a_higher"  # 600亩 = 400,000 平方米 against 30公顷 = 300,000 平方米
    assert pair["converted"]["unit"] == "平方米" and round(pair["converted"]["a"]) == 400000
    assert pair["baseline"]["a"]["year"] == pair["baseline"]["b"]["year"] == 2015


STRIPPED = [
    ("到2025年学前教育毛入园率", "学前教育毛入园率"),
    ("“十四五”期间新改扩建学校", "新改扩建学校"),
    ("某某区未来5年将建学校】3月2日", "某某区将建学校"),
    ("三是完成燃气管道改造", "完成燃气管道改造"),
    ("2021年秋季新增学位", "新增学位"),
    ("义务(wù)教育巩固率达(dá", "义务教育巩固率"),          # a reading that runs into the verb
]


@pytest.mark.parametrize("metric,norm", STRIPPED, ids=[m for m, _ in STRIPPED])
def test_time_and_list_markers_leave_a_name(cat: Catalog, metric: str, norm: str) -> None:
    assert cat.normalize(metric) == norm
