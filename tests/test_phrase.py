"""The part-of-speech tagger and the noun-phrase boundary it drives (extract/tokenize.tag,
extract/phrase.noun_phrase), on clauses of our own; and the generated lexicon is what its script
writes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from plancmp.extract.phrase import is_enumeration, is_place_name, join_topic, leading_verbs, noun_phrase, topic_of
from plancmp.extract.tokenize import tag
from plancmp.ruleset import RuleSet

ROOT = Path(__file__).resolve().parent.parent
RULES = RuleSet()
RATES = ["率", "比例", "比重", "占比"]

#: (id, the words of a clause before a number, the phrase naming the metric)
PHRASES = [
    ("adverb-after-subject", "临江新区将新建公园", "新建公园"),
    ("adverbs-after-subject", "青山区还将有", ""),
    ("time-and-scope-phrase", "“十三五”期间累计新增泊位", "新增泊位"),
    ("plan-locality", "三年计划中新建学校", "新建学校"),
    ("trailing-adverb", "新建学校只", "新建学校"),
    ("preposition-and-pronoun", "对其中的约", ""),
    ("region-word", "全县农村自来水普及率", "农村自来水普及率"),
    ("gazetteer-district", "东城区公办中小学", "公办中小学"),
    ("not-a-place-town", "城镇登记失业率", "城镇登记失业率"),
    ("having-word", "南湖县现有敬老院", "敬老院"),
    ("support-verbs", "加快推进建设充电桩", "建设充电桩"),
    ("support-verb-kept-alone", "计划投入", "计划投入"),
    ("total-adverb-inside", "学前教育累计投入资金", "学前教育投入资金"),
    ("aside-closed-by-deng", "多渠道(财政专项、政府融资等)筹集资金", "筹集资金"),
    ("list-closed-by-deng-modifies", "医院、学校等配建停车场", "医院、学校等配建停车场"),
    ("list-of-names-closed-by-deng", "新建青松路、白鹭湾等街心花园", "新建街心花园"),
    ("quotes-inside", "“美丽家园”示范小区", "“美丽家园”示范小区"),
    ("time-word-qualifying", "居住区周边的夜间停车缺口", "居住区周边的夜间停车缺口"),
    ("adverb-inside-before-noun", "随迁子女就近入学率", "随迁子女就近入学率"),
    ("one-char-inside-unknown-word", "高效节水灌溉面积", "高效节水灌溉面积"),
    ("long-list-keeps-after-deng", "雨污分流、管网修复、泵站改造、河道清淤和调蓄设施建设等项目投入资金", "项目投入资金"),
]


@pytest.mark.parametrize(("head", "phrase"), [(h, p) for _, h, p in PHRASES], ids=[i for i, _, _ in PHRASES])
def test_noun_phrase(head: str, phrase: str) -> None:
    assert noun_phrase(head, RULES) == phrase, tag(head, RULES)


@pytest.mark.parametrize(("text", "words"), [
    ("滨海新区将新建幼儿园", ["滨海新区", "将", "新建", "幼儿园"]),
    ("新增2.5万平方米APP停车", ["新增", "2.5", "万平方米", "APP", "停车"]),
    ("学前教育毛入园率", ["学前教育", "毛入园率"]),
], ids=["place-adverb-verb-noun", "numbers-and-latin-stay-whole", "domain-terms-whole"])
def test_tagger_words_give_back_the_text(text: str, words: list[str]) -> None:
    got = tag(text, RULES)
    assert [w for w, _ in got] == words
    assert "".join(w for w, _ in got) == text


def test_tagger_tags_from_the_domain_dictionary_win() -> None:
    tags = dict(tag("全区新建幼儿园", RULES))
    assert tags == {"全区": "ns", "新建": "v", "幼儿园": "n"}


@pytest.mark.parametrize(("fn", "args", "want"), [
    (topic_of, ("学前教育投入资金", RULES, RATES), "学前教育"),
    (topic_of, ("公共停车场", RULES, RATES), "公共停车场"),
    (topic_of, ("校舍维修改造", RULES, RATES), "校舍维修改造"),
    (topic_of, ("新增学位", RULES, RATES), ""),
    (topic_of, ("义务教育巩固率", RULES, RATES), ""),
    (topic_of, ("地区生产总值年均增长", RULES, RATES), "地区生产总值"),
    (join_topic, ("义务教育学校建设", "建设项目"), "义务教育学校建设项目"),
    (join_topic, ("公共停车场", "总泊位数"), "公共停车场总泊位数"),
    (leading_verbs, ("新建、改扩建东湖小学、西湖中学", RULES), "新建、改扩建"),
    (leading_verbs, ("完成东苑小区", RULES), ""),
    (is_enumeration, ("东湖小学、西湖中学等", RULES), True),
    (is_enumeration, ("新建、改扩建", RULES), False),
    (is_place_name, ("凉州区", RULES), True),
    (is_place_name, ("天祝县", RULES), True),
    (is_place_name, ("既有园区", RULES), False),
], ids=["topic-before-verb", "topic-whole-thing", "topic-whole-action", "no-topic-verb-first", "no-topic-rate",
        "topic-of-change", "join-at-shared-word", "join-plain", "verbs-of-a-list", "verbs-not-governing",
        "list-of-names", "list-of-verbs-only", "gazetteer-name", "short-name-and-division", "park-is-no-place"])
def test_phrase_helpers(fn, args, want) -> None:
    assert fn(*args) == want


def test_the_lexicon_is_what_its_script_writes() -> None:
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_pos_lexicon.py"), "--check"], capture_output=True)
    assert r.returncode == 0, "rules/pos_lexicon.txt is stale: run scripts/make_pos_lexicon.py"
