"""Reflow: hard-wrapped copies joined again, on plan fragments written for these tests."""
from __future__ import annotations

import pytest

from plancmp.extract.pipeline import extract_text, prepare
from plancmp.prepare import read
from plancmp.prepare.reflow import compiled, find_wrap
from plancmp.prepare.textmap import MappedText
from plancmp.ruleset import default_rules

from .layout import wrap_chars as cut


def cleaned(text: str) -> str:
    return prepare(read.RawText("<test>", text, "utf-8", "0"), default_rules()).text


PARAGRAPH = ("到2027年,青溪县学前教育普惠率稳定在92.5%以上,义务教育巩固率保持在99.5%,"
             "新建改扩建中小学校舍12所,新增公办学位6800个,高中阶段毛入学率达到97%以上,"
             "县域内城乡学校结对帮扶实现全覆盖,教师培训经费占公用经费比例不低于5%。")
OTHER = ("全县中小学体质健康达标率达到93%以上,近视率每年下降1个百分点,"
         "建成智慧校园示范校15所,数字教育资源覆盖全部乡村小规模学校和教学点。")

JOINED = [
    # (id, wrapped text, what the cleaned text must hold whole)
    ("paragraph-cut-at-26-characters", cut(f"一、发展目标\n{PARAGRAPH}\n二、主要指标\n{OTHER}", 26),
     [PARAGRAPH, OTHER, "一、发展目标\n", "二、主要指标\n"]),
    ("decimal-split-over-a-break", "\n".join(["(一)发展目标", "县域学前教育普惠率稳定在92.5%以上,义务教育巩固率保持在99.",
                                              "5%,高中阶段毛入学率达到97%以上,县域内城乡学校结对帮扶实现全覆",
                                              "盖,全县中小学体质健康达标率达到93%以上,近视率每年下降1个百分",
                                              "点,建成智慧校园示范校15所,数字教育资源覆盖全部乡村小规模学校。"]),
     ["保持在99.5%,", "全覆盖,", "1个百分点,"]),
    ("year-split-over-a-break", "\n".join(["(二)建设任务", "全县将按照城乡一体化布局要求持续推进学校标准化建设,到20",
                                           "27年新建幼儿园8所,改扩建中小学12所,新增学位6800个,确保",
                                           "每个乡镇至少办好一所公办中心幼儿园。"]),
     ["到2027年新建幼儿园8所"]),
]

#: readings a conversion site writes after characters (學(xué), or bare: 城chéng 东)
READINGS = {"县": "xiàn", "学": "xué", "育": "yù", "达": "dá", "建": "jiàn", "校": "xiào"}


def glossed(text: str, bare: bool = False) -> str:
    """``text`` with the reading after each character of :data:`READINGS`, as a conversion site writes it."""
    return "".join(c + (f"{READINGS[c]} " if bare else f"({READINGS[c]})") if c in READINGS else c for c in text)


JOINED += [
    # a wrap cuts a reading anywhere: (xu ⏎ é), 学 ⏎ (xué); the width is that of the page as printed
    *((f"glossed-text-cut-at-{w}-characters", cut(glossed(f"一、发展目标\n{PARAGRAPH}"), w), [PARAGRAPH])
      for w in (23, 30, 38)),
    *((f"bare-readings-cut-at-{w}-characters", cut(glossed(f"一、发展目标\n{PARAGRAPH}", bare=True), w), [PARAGRAPH])
      for w in (27, 34)),
]


@pytest.mark.parametrize(("text", "whole"), [(t, w) for _, t, w in JOINED], ids=[c[0] for c in JOINED])
def test_cut_lines_are_joined(text: str, whole: list[str]) -> None:
    out = cleaned(text)
    for piece in whole:
        assert piece in out


KEPT = [
    # (id, text that is not hard-wrapped, or whose line breaks here are the writer's)
    ("lines-as-written", f"一、发展目标\n{PARAGRAPH}\n二、主要指标\n{OTHER}\n三、保障措施\n加强组织领导,落实经费保障。"),
    ("table-one-cell-per-line", "\n".join(["序号", "指标", "2022年", "2027年", "1", "学前教育普惠率(%)", "90", "≥92.5",
                                           "2", "义务教育巩固率(%)", "99", "99.5"] * 3)),
    ("list-items-of-equal-length", "\n".join(["1.新建青溪县城东第二幼儿园项目", "2.改扩建青溪县城西实验小学项目",
                                              "3.新建青溪县高新区初级中学项目", "4.改扩建青溪县第一中学宿舍项目"])),
]


@pytest.mark.parametrize("text", [t for _, t in KEPT], ids=[c[0] for c in KEPT])
def test_writers_line_breaks_stay(text: str) -> None:
    assert cleaned(text) == text


def test_wrapped_heading_and_sentence_end_stay_apart() -> None:
    wrapped = cut(f"{PARAGRAPH}\n二、主要指标\n{OTHER}", 26)
    out = cleaned(wrapped)
    assert "全覆盖,教师培训经费占公用经费比例不低于5%。\n二、主要指标\n全县" in out


def test_heading_in_a_larger_font_takes_its_rest() -> None:
    """A heading holds fewer characters than the body lines: it goes on on a short next line."""
    body = cut(PARAGRAPH + OTHER, 30).split("\n")
    text = "\n".join(["(三)推进城乡义务教育一体化高质量发展,促进县域教育", "均衡发展", *body])
    out = cleaned(text)
    assert out.startswith("(三)推进城乡义务教育一体化高质量发展,促进县域教育均衡发展\n")


def test_page_break_inside_a_paragraph() -> None:
    """A page number between two halves of a cut paragraph goes, and the halves join."""
    lines = cut(PARAGRAPH + OTHER, 30).split("\n")
    text = "\n".join([*lines[:3], "", "— 3 —", "", *lines[3:]])
    assert PARAGRAPH in cleaned(text)


def test_width_in_columns_of_a_pdf() -> None:
    """A PDF's lines hold the same width, not the same number of characters: digits take half a column."""
    pdf = ["县域学前教育普惠率稳定在92.5%以上,义务教育巩固",
           "率保持在99.5%,高中阶段毛入学率达到97%以上,县域",
           "内城乡学校结对帮扶实现全覆盖,全县中小学体质健康达",
           "标率达到93%以上,近视率每年下降1个百分点,建成智",
           "慧校园示范校15所。"]
    wrap = find_wrap(MappedText.from_original("\n".join(pdf)), compiled(default_rules()))
    assert wrap is not None and wrap.measure == "columns"
    assert "义务教育巩固率保持在99.5%" in cleaned("\n".join(pdf))


def test_record_points_at_the_line_its_digits_start_on() -> None:
    text = "\n".join(["(一)发展目标", "县域学前教育普惠率稳定在92.5%以上,义务教育巩固率保持在99.",
                      "5%,高中阶段毛入学率达到97%以上,县域内城乡学校结对帮扶实现全覆",
                      "盖,全县中小学体质健康达标率达到93%以上,近视率每年下降1个百分",
                      "点,建成智慧校园示范校15所,数字教育资源覆盖全部乡村小规模学校。"])
    got = {(t.metric, t.value): (t.line, t.match) for t in extract_text(text).targets}
    assert got[("义务教育巩固率", 99.5)] == (2, "保持在99.\n5%")
