"""The sentence extractor's parts: tokenizer, exclusion rules, metric strategies, kind from sections, skip lines,
explain, rule errors."""
from __future__ import annotations

import pytest

from plancmp.errors import RulesError
from plancmp.extract import targets
from plancmp.extract.clause_words import strip_list_marker
from plancmp.extract.explain import explain_line
from plancmp.extract.kind import KindCues
from plancmp.extract.metric import METRIC_STRATEGIES, MetricContext, choose_metrics
from plancmp.extract.pipeline import extract_file, extract_text
from plancmp.extract.quantities import Exclusions, Units, find_quantities
from plancmp.extract.targets import extract_targets
from plancmp.extract.tokenize import compiled as compiled_tokenizer
from plancmp.extract.tokenize import tokenize
from plancmp.models import ExtractResult, Section, Source
from plancmp.prepare.document import Doc
from plancmp.prepare.normalize import normalize
from plancmp.prepare.textmap import MappedText
from plancmp.ruleset import RuleSet


def doc_of(text: str) -> Doc:
    return Doc(path="<t>", encoding="utf-8", sha256="", mapped=normalize(MappedText.from_original(text)))


def test_tokenizer_keeps_terms_whole() -> None:
    rules = RuleSet()
    toks = tokenize("学前教育毛入园率和普惠性幼儿园覆盖率,中职双师型教师比例,义务教育巩固率", rules)
    for term in ("毛入园率", "普惠性幼儿园", "覆盖率", "双师型教师", "巩固率"):
        assert term in toks
    assert "".join(toks) == "学前教育毛入园率和普惠性幼儿园覆盖率,中职双师型教师比例,义务教育巩固率"


def test_tokenizer_is_built_once_per_rule_set() -> None:
    rules = RuleSet()
    assert compiled_tokenizer(rules) is compiled_tokenizer(rules)
    assert compiled_tokenizer(rules) is not compiled_tokenizer(RuleSet())


EXCLUDED = {
    "ordinal": "第三所学校",
    "ordinal-word": "办好每一所学校",
    "vague-one": "打造一支队伍",
    "vague-one-no-verb": "形成一个良好的育人氛围",
    "vague-one-not-a-thing": "建成一个平台",
    "paired-slogan": "三人一组。",
    "counted-slogan": "实现五个“10”",
    "quoted-slogan": "落实“两个责任”",
    "fixed-phrase": "树牢四个意识",
    "named-programme": "实施三名工程",
    "inside-title": "印发《学生必做的50件事》",
    "plus-slogan": "构建1+3所模式",
    "plus-slogan-head": "推行5所+2模式",
    "5g": "建设5G网络",
    "phone-icp": "联系电话 1234名",
    "four-character-idiom": "形成三位一体育人格局",
    "clock-time": "每天下午17:30,学校",
    "clock-time-until": "课间操9:30前,",
    "clock-time-range-end": "开放时段8:00至8:30,",
    "year": "自 2019 年起,",
    "duration-outside-the-system": "力争3年内完成,",
    "quoted-slogan-arabic": "落实“4个一批”要求",
    "approximate-pair": "每校培养七八名骨干",
    "vague-scale": "吸引数百名志愿者",
    "er-not-liang": "推进二次供水设施改造",
    "life-circle": "打造10分钟体育健身圈",
    "round-the-clock": "书房实行24小时开放",
    "meeting-number": "经区政府第十一届45次常务会议审议",
    "formal-digit-in-a-word": "沿陆家嘴一带",
    "project-label": "推进滨江路120项目建设",
    "class-size-threshold": "逐步化解56人以上大班额",
    "figure-inside-a-rate-name": "社区养老服务设施1公里覆盖率达到85",
}


@pytest.mark.parametrize(("name", "text"), sorted(EXCLUDED.items()), ids=sorted(EXCLUDED))
def test_each_exclusion_rule_fires(name: str, text: str) -> None:
    rules = RuleSet()
    log: list[str] = []
    found = find_quantities(text, 0, rules, log)
    assert not [q for q in found if q.unit], found
    assert any(f"excluded by {name}" in line for line in log), log


@pytest.mark.parametrize("text", ["达到G20所标准", "共34页", "2025年", "2021-12-31", "津和党发202214号", "学区制3.0版", "1.学前教育"],
                         ids=["letter-code", "page", "year", "date", "doc-number", "version", "list-marker"])
def test_grammar_never_reads(text: str) -> None:
    rules = RuleSet()
    assert not [q for q in find_quantities(text, 0, rules) if q.unit]


def test_every_exclusion_rule_has_a_case() -> None:
    names = {r.name for r in RuleSet().table("exclusions", Exclusions).rule}
    assert names <= set(EXCLUDED)


def test_rule_tables_validate() -> None:
    rules = RuleSet()
    assert rules.table("units", Units).units
    assert rules.table("kind", KindCues).baseline_sections


SECTIONED = "一、发展基础\n全区共有幼儿园80所。\n二、主要目标\n普惠性幼儿园覆盖率达到90%。\n现有专任教师3000名。"
SECTIONS = [Section(id="1", level=1, marker="一、", title="发展基础", line=1),
            Section(id="2", level=1, marker="二、", title="主要目标", line=3)]


def test_kind_from_section_titles_and_cues() -> None:
    found = extract_targets(doc_of(SECTIONED), SECTIONS, RuleSet())
    assert [(t.line, t.kind, t.section) for t in found] == [(2, "baseline", "1"), (4, "target", "2"), (5, "baseline", "2")]


def test_kind_without_sections_reads_the_headings() -> None:
    found = extract_targets(doc_of(SECTIONED), [], RuleSet())
    assert [t.kind for t in found] == ["baseline", "target", "baseline"]


def test_skip_lines_are_left_to_tables() -> None:
    found = extract_targets(doc_of(SECTIONED), SECTIONS, RuleSet(), skip_lines={4})
    assert [t.line for t in found] == [2, 5]


def test_explain_tells_how_a_record_was_read(tmp_path) -> None:
    p = tmp_path / "plan.txt"
    p.write_text("一、主要目标\n全区义务教育入学率、巩固率均达到100%,落实“两个责任”。\n", encoding="utf-8")
    res = extract_file(str(p))
    out = explain_line(res, 2)
    assert "义务教育巩固率" in out and "one value shared by 2 metrics" in out
    assert "comparator = from '达到' before the number" in out
    assert "kind target" in out
    assert "excluded by quoted-slogan" in out


def test_explain_on_an_empty_line() -> None:
    res = ExtractResult(source=Source(path="-", sha256="", encoding="utf-8", lines=1))
    assert "no target on this line" in explain_line(res, 1)


@pytest.mark.parametrize(("text", "want"), [("5.小学入学率", "小学入学率"), ("(3)完成培训", "完成培训"), ("①新建学校", "新建学校"),
                                            ("2035年目标", "2035年目标"), ("1.5万人", "1.5万人")],
                         ids=["arabic", "paren", "circled", "year", "decimal"])
def test_list_markers_are_the_item_kinds_of_the_heading_rules(text: str, want: str) -> None:
    assert strip_list_marker(text, RuleSet()) == want


@pytest.mark.parametrize(("table", "text", "where"), [
    ("exclusions", '[[rule]]\nname = "broken"\nbefore = "编号(\\\\s*$"\n', r"rule\.\d+\.before"),
    ("numbers", '[metric]\nlead_patterns = ["^(?:每年"]\n', r"metric\.lead_patterns\.\d+"),
    ("units", 'compound = ["元/[人"]\n', r"compound\.\d+"),
], ids=["exclusions", "numbers", "units"])
def test_a_broken_rule_pattern_names_its_table_and_field(tmp_path, table: str, text: str, where: str) -> None:
    (tmp_path / f"{table}.toml").write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match=rf"^rules table {table}\.toml is invalid at {where}: not a valid regular expression"):
        extract_targets(doc_of(SECTIONED), SECTIONS, RuleSet([tmp_path]))


#: one phrase per metric strategy, with a metric that strategy names in it
STRATEGY_CASES = {
    "from_to_end_value": ("全县毛入学率由2020年的88.5%提高到95%。", "毛入学率"),
    "respectively": ("小学、初中专任教师本科学历比例分别达到85%、95%。", "初中专任教师本科学历比例"),
    "respectively_again": ("绿化覆盖率、林木覆盖率分别达到40%、30%;2035年分别达到45%、35%。", "绿化覆盖率"),
    "respectively_changes": ("全区有污水处理厂6座、泵站40座,分别比2018年增加2座、9座。", "污水处理厂增加"),
    "bracket_count": ("建成20所(5所省级、15所市级)书香示范校。", "省级书香示范校"),
    "investment_purpose": ("投入1200万元实施老旧小区雨污分流改造。", "老旧小区雨污分流改造投入"),
    "counted_thing_after": ("新建两所九年一贯制学校。", "新建九年一贯制学校"),
    "shared_list": ("义务教育入学率、巩固率保持100%。", "义务教育巩固率"),
    "time_only_clause": ("开展班主任轮训,每三年不少于120学时。", "开展班主任轮训"),
    "share_of_whole": ("全区城镇80%以上的住宅小区实现雨污分流。", "城镇住宅小区实现雨污分流"),
    "raise_verb_subject": ("公用经费补助标准提高至初中900元、小学700元。", "初中公用经费补助标准"),
    "quoted_subject": ("深入推进“文明校园”建设,创建率达到80%。", "文明校园创建率"),
    "paragraph_full_name": ("提高适龄儿童疫苗接种率，到2025年接种率达到98%。", "适龄儿童疫苗接种率"),
    "listed_rate_subject": ("共享单车停放入栏规范率98%、车辆完好率95%。", "共享单车停放车辆完好率"),
    "elliptic_rate": ("学生体质测试合格率达95%,优秀率达25%。", "学生体质测试优秀率"),
    "attribute_of_previous": ("资助困难学生900人次、金额60万元。", "资助困难学生金额"),
    "attribute_of_topic": ("东湖区现有社会停车场12个,总泊位数3400个。", "社会停车场总泊位数"),
    "money_of_previous": ("补助低保家庭学生320人次,合计16.5万元。", "补助低保家庭学生金额"),
    "object_of_previous": ("每年培训社区工作者500人次,三年累计培训1500人次。", "培训社区工作者"),
    "share_without_subject": ("全区现有口袋公园15个,仅占公园总数的12%。", "口袋公园占公园总数"),
    "elliptic_level": ("认定特色示范校15所(其中市级3所、区级12所)。", "区级特色示范校"),
    "part_of_previous": ("全镇现有卫生室30个(其中民营8个)。", "民营卫生室"),
    "verb_of_previous_item": ("新增社区养老床位800张、日间照料床位300张。", "新增日间照料床位"),
    "listed_value": ("中小学专任教师研究生学历比例分别达到12%、20%。", "中小学专任教师研究生学历比例"),
    "topic_alone": ("社会消费品零售总额年均增长8%,到2025年突破500亿元。", "社会消费品零售总额"),
    "fallback": ("高中阶段毛入学率达到98%。", "高中阶段毛入学率"),
}


@pytest.mark.parametrize(("name", "text", "metric"), [(n, t, m) for n, (t, m) in STRATEGY_CASES.items()], ids=list(STRATEGY_CASES))
def test_each_metric_strategy_names_a_metric(monkeypatch: pytest.MonkeyPatch, name: str, text: str, metric: str) -> None:
    chosen: list[tuple[str, list[str]]] = []

    def recording(ctx: MetricContext) -> list[str]:
        metrics = choose_metrics(ctx)
        chosen.append((ctx.chosen_by, metrics))
        return metrics

    monkeypatch.setattr(targets, "choose_metrics", recording)
    extract_text(text)
    assert any(by == name and metric in metrics for by, metrics in chosen), chosen


def test_every_metric_strategy_has_a_case() -> None:
    assert [s.name for s in METRIC_STRATEGIES] == list(STRATEGY_CASES)
