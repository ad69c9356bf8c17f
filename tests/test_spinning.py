"""Synonym spinning: reversed only on evidence, only in context, and without changing what is extracted."""
from __future__ import annotations

import random

import pytest

from plancmp.extract.pipeline import extract_text, prepare
from plancmp.prepare.clean import clean_spinning, compiled_spinning, despin_edits, is_spun
from plancmp.prepare.read import RawText
from plancmp.prepare.textmap import MappedText
from plancmp.ruleset import default_rules

RULES = default_rules()

#: evidence that a text is spun, put in front of the cases below
SPUN_PREAMBLE = "坚持优先发展教化,办好人民满足的教化。" * 5


def despin(text: str) -> str:
    edits = despin_edits(text, RULES)
    return MappedText.from_original(text).apply(edits, "spinning").text


def prepared_text(text: str) -> str:
    return prepare(RawText("<test>", text, "utf-8", "0"), RULES).text


SUB_CASES = [
    ("全区老师队伍建设不断加强", "全区教师队伍建设不断加强"),
    ("促进教化公允,提高质量", "促进教育公平,提高质量"),
    ("加强国家平安和国防教化", "加强国家安全和国防教育"),
    ("建设平安校园,完善校内平安态势感知", "建设平安校园,完善校园安全态势感知"),
    ("完善特别教化体系,关爱特别群体", "完善特殊教育体系,关爱特殊群体"),
    ("现代教化治理实力有待提升", "现代教育治理能力有待提升"),
    ("具有强劲实力的现代化强区", "具有强劲实力的现代化强区"),
    ("中学阶段毛入学率保持100%", "高中阶段毛入学率保持100%"),
    ("推动一般中学多样化特色发展", "推动普通高中多样化特色发展"),
    ("全面落实中小学德育指南,办好中等职业学校", "全面落实中小学德育指南,办好中等职业学校"),
    ("一般公共预算教化支出逐年只增不减", "一般公共预算教育支出逐年只增不减"),
    ("着力扩高校前教化资源", "着力扩大学前教育资源"),
    ("与高校、科研机构合作,办好老年高校", "与高校、科研机构合作,办好老年大学"),
    ("推动文明校内创建,校内外相结合", "推动文明校园创建,校内外相结合"),
    ("办人民满足的教化,满意学生多样化需求", "办人民满意的教育,满足学生多样化需求"),
    ("家长满意度达到90%", "家长满意度达到90%"),
    ("保障各类人群同等享有教化,享受同等待遇", "保障各类人群平等享有教育,享受同等待遇"),
    ("为学生发展供应有力支撑", "为学生发展提供有力支撑"),
    ("探究建立老师退出机制,培养探究式学习", "探索建立教师退出机制,培养探究式学习"),
    ("完善绩效工资安排方法", "完善绩效工资分配办法"),
    ("激励社会力气兴办教化,发挥评价的激励作用", "鼓励社会力量兴办教育,发挥评价的激励作用"),
    ("在党中心坚毅领导下", "在党中央坚强领导下"),
    ("必需醒悟相识到问题", "必须清醒认识到问题"),
    ("加快发呈现代职业教化", "加快发展现代职业教育"),
]


@pytest.mark.parametrize(("spun", "plain"), SUB_CASES, ids=[f"sub-{i}" for i in range(len(SUB_CASES))])
def test_substitution_in_context(spun: str, plain: str) -> None:
    assert despin(spun) == plain


GENUINE = [
    "建设平安校园,创建平安中国示范区",
    "一般公共预算教育支出逐年只增不减,一般性转移支付",
    "综合实力和核心竞争力显著增强",
    "中小学教师平均工资收入水平不低于公务员",
    "与高校、科研机构开展合作",
    "人民群众对教育的满意度持续提升,满足多样化需求",
    "残疾学生享受同等待遇",
    "增加学位供给5000个",
    "保持全市领先",
]


@pytest.mark.parametrize("text", GENUINE, ids=[f"genuine-{i}" for i in range(len(GENUINE))])
def test_genuine_words_survive_even_a_forced_pass(text: str) -> None:
    assert despin(text) == text


CLEAN_PLAN = """一、发展目标
到2025年,教育现代化水平显著提升,建设平安校园,学前教育毛入园率达到95%以上。
普通高中阶段毛入学率保持100%,特殊教育学校在校生达到120人。
教师队伍素质全面提高,一般公共预算教育支出逐年只增不减,区域综合实力明显增强。
二、主要任务
(一)促进教育公平。完善教师交流轮岗制度,应交流轮岗教师比例每年不低于15%。
(二)提升安全保障能力。健全学校安全风险防控体系,中小学校园安全达标率达到100%。
(三)办好人民满意的教育。满足学生个性化需求,鼓励社会力量兴办教育,新增学位3000个。
(四)加强教师培养。培养骨干教师200名,提供优质教育资源,探索建立教师退出机制。
(五)发展职业教育和终身教育。推进教育信息化,建设智慧校园,教育督导覆盖全部学校。
"""


def test_clean_plan_is_left_untouched() -> None:
    assert not is_spun(CLEAN_PLAN, RULES)
    assert prepared_text(CLEAN_PLAN) == CLEAN_PLAN
    assert despin(CLEAN_PLAN) == CLEAN_PLAN  # even if it were judged spun


def test_no_reversal_without_evidence() -> None:
    text = "老师们认真备课,全面提升教学实力,一般学校也要供应午餐。"
    t, found = clean_spinning(MappedText.from_original(text), RULES)
    assert t.text == text and not found.warnings


def test_reversal_is_reported_with_its_evidence() -> None:
    text = SPUN_PREAMBLE + "老师队伍不断壮大。"
    t, found = clean_spinning(MappedText.from_original(text), RULES)
    assert "教师队伍" in t.text
    (w,) = found.warnings
    assert w.code == "spinning"
    assert "教化→教育 10" in w.message and "evidence: 教化 10×" in w.message
    assert t.original.text == text  # records keep the original wording


def spin(text: str, seed: int, share: float = 0.8) -> tuple[str, int]:
    """A spinning pass with the table read backwards: plain → spun at random, only where reversible."""
    subs = compiled_spinning(RULES).subs
    rng = random.Random(seed)
    n = 0
    for c in sorted(subs, key=lambda c: len(c.sub.plain)):
        i = text.find(c.sub.plain)
        while i != -1:
            cand = text[:i] + c.sub.spun + text[i + len(c.sub.plain):]
            if rng.random() < share and despin(cand) == despin(text):
                text, n = cand, n + 1
            i = text.find(c.sub.plain, i + 1)
    return text, n


@pytest.mark.parametrize("seed", [1, 7, 2024], ids=["seed-1", "seed-7", "seed-2024"])
def test_spinning_pass_reads_the_same(seed: int) -> None:
    spun, n = spin(CLEAN_PLAN, seed)
    assert n >= 10 and spun != CLEAN_PLAN
    assert is_spun(spun, RULES)
    assert prepared_text(spun) == prepared_text(CLEAN_PLAN)
    clean_res, spun_res = extract_text(CLEAN_PLAN), extract_text(spun)

    def key(r):  # what a target says, and where
        return [(t.metric, t.value, t.value_max, t.unit, t.comparator, t.kind, t.year, t.line) for t in r.targets]

    assert key(spun_res) == key(clean_res)
    assert [(s.line, s.marker) for s in spun_res.sections] == [(s.line, s.marker) for s in clean_res.sections]


def test_every_table_entry_is_valid() -> None:
    spinning = compiled_spinning(RULES)
    table, subs = spinning.rules, spinning.subs
    assert len(subs) == len(table.sub) > 50
    for c in subs:
        assert c.sub.spun != c.sub.plain, c.sub
