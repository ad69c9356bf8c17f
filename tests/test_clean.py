"""Stage clean: page chrome, sharing-site page markers, and the whole stage on the samples."""
from __future__ import annotations

import pytest

from plancmp.extract.pipeline import prepare
from plancmp.prepare.clean import CLEANERS, clean_noise, clean_page_markers, explain_cleaning, find_noise
from plancmp.prepare.document import Doc
from plancmp.prepare.normalize import normalize
from plancmp.prepare.read import RawText
from plancmp.prepare.textmap import MappedText
from plancmp.ruleset import default_rules

from .samples import SAMPLES

RULES = default_rules()


def prepared(text: str) -> Doc:
    return prepare(RawText("<test>", text, "utf-8", "0"), RULES)


def mapped(text: str) -> MappedText:
    return normalize(MappedText.from_original(text))


# -- chrome lines: each kind alone -----------------------------------------------------

CHROME = [
    ("share-header", "《某区教育发展规划.docx》由会员分享,可在线阅读,更多相关《某区教育发展规划.docx(20页珍藏版)》请在某某文库网上搜索。"),
    ("navigation", "导航菜单"),
    ("navigation", "当前位置:首页 > 政务公开 > 规划计划"),
    ("navigation", "网站首页 | 新闻中心 | 政策文件 | 联系我们"),
    ("page-controls", "字体:  大 中 小"),
    ("page-controls", "【打印本页】 【关闭窗口】"),
    ("page-controls", "分享到:"),
    ("page-controls", "【字号:大 中 小】【打印】【关闭】"),
    ("article-info", "来源:县教体局  发布时间:2023-06-01 09:45  浏览次数:207"),
    ("qr-prompt", "扫一扫在手机打开当前页"),
    ("site-switch", "移动版"),
    ("site-switch", "手机版 | 电脑版"),
    ("site-footer", "网站标识码:3201000001 苏ICP备05009871号"),
    ("site-footer", "浙公网安备 33010602000123号"),
    ("site-footer", "主办:某某市某某区人民政府办公室"),
    ("site-footer", "版权所有:某某区教育局"),
    ("leave-site", "您访问的链接即将离开“某某区人民政府”门户网站 是否继续?"),
    ("page-address", "本文地址:/jiaoyu/2021/1234.html"),
    ("page-address", "本文链接:http://example.gov.cn/a.html"),
    ("comments", "留言与评论(共有 条评论)"),
    ("comments", "验证码:"),
    ("comments", "发表评论"),
    ("disclaimer", "本文仅代表作者观点,不代表本站立场。"),
    ("disclaimer", "免责声明:本站部分内容来源于网络"),
    ("article-info", "来源:区教育局 发布时间:2021-05-06 浏览次数:1234"),
    ("article-info", "上一篇:关于开展校园安全检查的通知"),
    ("article-info", "发布日期:2020-11-02 16:40  来源:市教育局  点击数:88  【字体:大 中 小】 打印本页"),
    ("article-info", "信息来源:镇政府  阅读次数:3150 【字号: 大 中 小】【打印】【关闭窗口】"),
    ("related-news", "- 区教育局召开年度工作会议(2021-03-02 10:21:45)"),
    ("related-news", "• 某街道开展垃圾分类宣传 2021-03-01"),
    ("related-news", "- 周新闻排行榜"),
    ("related-news", "相关新闻"),
    ("related-news", "时间:2023-09-14 16:2:07某市有哪些示范性高中"),
    ("related-news", "时间:2023-09-14 16:02"),
    ("attachment-file", "实施方案解读.pdf"),
]


@pytest.mark.parametrize(("kind", "line"), CHROME, ids=[f"{k}-{i}" for i, (k, _) in enumerate(CHROME)])
def test_chrome_line_is_recognised(kind: str, line: str) -> None:
    text = "(一)发展目标\n" + line + "\n到2025年,学前教育毛入园率达到95%。"
    found = find_noise(mapped(text).text, RULES)
    assert found == {1: kind}


PLAN_TEXT = [
    "附件",
    "附件:重点工程一览表",
    "附:“十四五”时期重点项目一览表",
    "主要指标:学前教育毛入园率达到95%。",
    "2021年12月31日",
    "某某区教育委员会 2021-12-31",
    "(三)加强校园安全管理,健全安全防控体系",
    "建立健全学校安全风险防控体系,打印室、阅览室全天开放。",
    "来源广泛、结构合理的教育经费投入机制基本形成。",
    "1、坚持党的全面领导",
    "目 录",
    "- 完善学前教育公共服务体系",
    "推进“互联网+教育”,建设移动版学习平台。",
]


@pytest.mark.parametrize("line", PLAN_TEXT, ids=[f"plan-{i}" for i in range(len(PLAN_TEXT))])
def test_plan_text_is_never_chrome(line: str) -> None:
    text = "(一)发展目标\n" + line + "\n到2025年,学前教育毛入园率达到95%。"
    assert find_noise(mapped(text).text, RULES) == {}


def test_attachment_field_needs_a_file_after_it() -> None:
    portal = "正文最后一段。\n\n附件:\n\n审批表.jpg\n\n移动版"
    plan = "正文最后一段。\n附件\n重点工程一览表\n一、学前教育扩容工程"
    assert set(find_noise(mapped(portal).text, RULES)) == {2, 4, 6}
    assert find_noise(mapped(plan).text, RULES) == {}


def test_portal_metadata_block() -> None:
    text = ("• [标  题] 某区“十四五”教育规划\n  • [发文机构] 某区教育委员会\n  • [成文日期] 2021-12-31\n"
            "  • 政策解读\n\n    字体:  \n\n  一、发展基础\n")
    doc = prepared(text)
    assert doc.noise_lines == {1, 2, 3, 4, 6}
    assert doc.text.split("\n")[:2] == ["", ""]  # chrome lines go with their line ends; blank lines stay
    heading = doc.text.index("一、发展基础")
    assert doc.line_of(heading) == 8  # the map still points at the original line
    assert doc.on_original_lines().split("\n")[7] == "  一、发展基础"


RUN_ON = "全县新建幼儿园八所,改扩建中小学十二所,新增学位六千个,教师培训经费占公用经费的比例不低于百分之五。" * 8


def test_chrome_run_together_with_the_text_goes_alone() -> None:
    """A sharing site's header run into the plan's first paragraph (a Word export): only the header goes."""
    header = "《某县教育提升方案.docx》由会员分享,可在线阅读,更多相关《某县教育提升方案.docx(12页)》请在某某文库上搜索。"
    doc = prepared(header + RUN_ON)
    assert doc.text == RUN_ON
    assert doc.noise_lines == set()  # the line is text: headings and targets on it are read


def test_chrome_block_start_on_a_long_line_is_text() -> None:
    text = "• [标  题] 某县“十五五”教育规划" + RUN_ON
    assert prepared(text).text == text


def test_noise_takes_lines_out_and_warns_once_per_kind() -> None:
    text = "正文。\n- 新闻一(2021-04-18 14:39:43)\n- 新闻二(2021-04-17 09:17:20)\n- 日新闻排行榜"
    t, found = clean_noise(mapped(text), RULES)
    assert t.text == "正文。\n"  # the last line has no line end of its own: the one before it stays
    assert found.noise == {"related-news": [2, 3, 4]}
    assert [w.code for w in found.warnings] == ["noise"]
    assert "lines 2-4" in found.warnings[0].message


@pytest.mark.parametrize("cells", [
    "镇名\n\n甲镇\n\n12.50\n\n乙镇\n\n8.00\n",  # one cell per line, a blank line between cells
    "镇名\n面积\n甲镇\n12.50\n乙镇\n8.00\n",  # one cell per line
    "任务\n\n违法建筑\n拆除面积\n\n2300\n",  # a cell over two lines
], ids=["blank-parted-cells", "cell-per-line", "two-line-cell"])
@pytest.mark.parametrize("marker", ["- 7 -", "— 12 —", "第3页 共9页"])
def test_a_page_number_inside_a_table_leaves_no_trace(cells: str, marker: str) -> None:
    """A printed page number falls anywhere, inside a table too: once it is out, the cells read as
    they would without it (no blank line added between two cells or inside one)."""
    lines = cells.split("\n")
    for k in range(1, len(lines) - 1):
        text = "\n".join(lines[:k] + [marker] + lines[k:])
        t, found = clean_noise(mapped(text), RULES)
        assert t.text == cells, k
        assert found.noise == {"page-number": [k + 1]}
        after = t.text.index("\n".join(lines[k:]), len("\n".join(lines[:k])))
        assert t.line_of(after) == k + 2  # the cell after the page number keeps its original line


# -- page markers ---------------------------------------------------------------------

PAGE = "推进教育现代化建设,完善学前教育公共服务体系,扩大普惠性资源供给," * 6
SENTENCES = PAGE[:-1] + "。"


def test_page_markers_join_cut_words_and_keep_lines() -> None:
    text = ("1、" + PAGE + "在以习近平同\n2、志为核心的党中央坚强领导下," + PAGE + "增长1\n3、5%,"
            + PAGE + "\n4、" + PAGE + "完毕。")
    t, found = clean_page_markers(MappedText.from_original(text), RULES)
    assert "\n" not in t.text
    assert "习近平同志为核心" in t.text
    assert "增长15%" in t.text
    assert "2、" not in t.text and not t.text.startswith("1、")
    assert t.line_of(t.text.index("志为核心")) == 2
    assert t.line_of(t.text.index("同志")) == 1
    assert t.line_of(t.text.index("5%")) == 3
    assert [w.code for w in found.warnings] == ["page-markers"]


def test_only_the_first_marker_is_stripped() -> None:
    text = "1、" + PAGE + "\n2、" + PAGE + "提高残疾学生评估鉴定\n3、、入学安置、教育教学" + PAGE + "\n4、" + PAGE
    t, _ = clean_page_markers(MappedText.from_original(text), RULES)
    assert "评估鉴定、入学安置" in t.text
    assert "3、" not in t.text


@pytest.mark.parametrize(
    "text",
    ["1、坚持党的领导\n2、坚持立德树人\n3、坚持改革创新\n4、坚持依法治教",
     "一、总体要求\n1、指导思想。" + SENTENCES + "\n2、基本原则。" + SENTENCES + "\n3、发展目标。" + SENTENCES,
     "1、" + PAGE + "\n3、" + PAGE + "\n5、" + PAGE],
    ids=["short-list-items", "items-ending-sentences", "not-consecutive"],
)
def test_numbered_lists_are_not_page_markers(text: str) -> None:
    t, found = clean_page_markers(MappedText.from_original(text), RULES)
    assert t.text == text and not found.warnings


@pytest.mark.parametrize("name", list(CLEANERS), ids=list(CLEANERS))
def test_cleaner_leaves_plain_plan_alone(name: str) -> None:
    text = "一、发展目标\n到2025年,学前教育毛入园率达到95%,建设平安校园。\n二、保障措施\n加大一般公共预算投入。"
    t, found = CLEANERS[name](mapped(text), RULES)
    assert t.text == text and not found.warnings and not found.noise


# -- the samples -----------------------------------------------------------------------

def sample_doc(name: str) -> Doc:
    from plancmp.prepare import read

    return prepare(read.read(str(SAMPLES / f"{name}.txt")), RULES)


@pytest.mark.parametrize(
    ("name", "noise"),
    [("beijing-fengtai-2021", set(range(1, 14)) | {15, 455, 457, 459, 461, 463, 464, 465, 466, 468}),
     ("beijing-haidian-2021-fragment", {1, 33, 35, 37, 38}),
     ("fujian-fuzhou-gulou-2021", set(range(94, 103))),
     ("shanxi-taiyuan-yingze-2021", set()),
     ("tianjin-heping-2035", {1})],
    ids=["fengtai", "haidian", "gulou", "yingze", "heping"],
)
def test_sample_chrome_lines(name: str, noise: set[int]) -> None:
    assert sample_doc(name).noise_lines == noise


def test_sharing_copy_reads_whole() -> None:
    doc = sample_doc("tianjin-heping-2035")
    text = doc.text
    assert "\n" not in text.strip()  # 48 pages joined into one run
    for joined in ["(一)学习贯彻习近平新时代中国特色社会主义思想", "(九)全面提升教育对外开放水平",
                   "一批普通高中", "不低于本区公务员平均工资收入水平",
                   "在以习近平同志为核心的党中央坚强领导下", "评估鉴定、入学安置"]:
        assert joined in text
    pos = text.index("(九)全面提升")
    assert doc.line_of(pos) == 45
    assert doc.line_of(text.index("面提升教育对外开放")) == 46


def test_explain_groups_by_fixer_with_lines() -> None:
    out = explain_cleaning(sample_doc("tianjin-heping-2035"))
    assert "page_markers:" in out and "'N、' → '' ×48  lines 2-49" in out
    assert "spinning:" in out and "'教化' → '教育'" in out
    assert "[spinning]" in out and "[page-markers]" in out
    assert explain_cleaning(prepared("一、总体要求\n")) == "no changes: the text is read as it is"


@pytest.mark.parametrize("name", ["beijing-fengtai-2021", "beijing-haidian-2021-fragment", "fujian-fuzhou-gulou-2021"],
                         ids=["fengtai", "haidian", "gulou"])
def test_no_record_comes_from_chrome(name: str) -> None:
    from .samples import extracted

    chrome = sample_doc(name).noise_lines
    result = extracted(name)
    lines = [r["line"] for key in ("sections", "targets", "projects") for r in result[key]]
    assert chrome and not chrome.intersection(lines)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

NOISY = st.lists(st.sampled_from(
    ["1、", "2、", "3、", "附件:", "审批表.jpg", "移动版", "教化", "老师", "平安校园", "在以习近平同",
     "- 新闻(2021-04-18 14:39:43)", "京ICP备20013709号", "\n", "\n", " ", "。", "专业 教育"]), max_size=40)


@settings(max_examples=150, deadline=None)
@given(NOISY)
def test_clean_never_fails_and_keeps_lines_monotonic(parts: list[str]) -> None:
    doc = prepared("".join(parts))
    lines = [doc.line_of(p) for p in range(len(doc.text))]
    assert lines == sorted(lines)
    assert all(1 <= ln <= max(doc.original.n_lines, 1) for ln in lines)
