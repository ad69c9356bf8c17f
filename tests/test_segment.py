"""Stage segment: the heading tree, on plan fragments written for these tests."""
from __future__ import annotations

import pytest

from plancmp.extract.heading_titles import compiled, predicate_end
from plancmp.extract.pipeline import extract_text, prepare
from plancmp.extract.segment import ordinal, segment
from plancmp.prepare import read
from plancmp.ruleset import default_rules


def sections(text: str) -> list[tuple[int, int, str, str]]:
    """(line, level, marker, title) of every section found in ``text``."""
    doc = prepare(read.RawText("<test>", text, "utf-8", "0"), default_rules())
    return [(s.line, s.level, s.marker, s.title) for s in segment(doc, default_rules())]


BODY = "全面落实本规划的各项任务,确保各项措施落到实处,形成上下联动、齐抓共管的工作格局。"

CASES = [
    (
        "nested-markers",
        f"一、总体思路\n{BODY}\n(一)基本原则\n1.坚持公平。让每个孩子都能享有公平而有质量的教育。\n"
        f"(1)扩大资源。新建一批幼儿园。\n①优化布局。合理配置学位。\n二、保障措施\n{BODY}\n",
        [(1, 1, "一、", "总体思路"), (3, 2, "(一)", "基本原则"), (4, 3, "1.", "坚持公平"),
         (5, 4, "(1)", "扩大资源"), (6, 5, "①", "优化布局"), (7, 1, "二、", "保障措施")],
    ),
    (
        "fragment-starts-mid-list",
        f"  统筹推进各项改革。{BODY}\n\n  (七)优化学校布局\n\n  {BODY}\n\n  (八)提升教师素养\n\n  {BODY}\n",
        [(3, 2, "(七)", "优化学校布局"), (7, 2, "(八)", "提升教师素养")],
    ),
    (
        "full-width-parens-as-written",
        f"（三）办好特殊教育\r\n{BODY}\r\n（四）发展职业教育\r\n",
        [(1, 2, "（三）", "办好特殊教育"), (3, 2, "（四）", "发展职业教育")],
    ),
    (
        "unmarked-level-one-then-numbered",
        f"目标任务\n到2025年,全县教育发展水平显著提升,人民群众满意度持续提高。\n(一)学前教育行动\n"
        f"01.扩大普惠资源\n{BODY}\n02.提高保教质量\n{BODY}\n组织实施\n{BODY}\n21.强化组织领导\n{BODY}\n",
        [(1, 1, "", "目标任务"), (3, 2, "(一)", "学前教育行动"), (4, 3, "01.", "扩大普惠资源"),
         (6, 3, "02.", "提高保教质量"), (8, 1, "", "组织实施"), (10, 2, "21.", "强化组织领导")],
    ),
    (
        "run-in-with-stop",
        "3.队伍建设。选优配强学校领导班子,完成校长交流轮岗。\n4 .督导评估。健全督导机制。\n",
        [(1, 2, "3.", "队伍建设"), (2, 2, "4.", "督导评估")],
    ),
    (
        "run-in-without-punctuation",
        "1.城市更新要求教育提供更多学位随着新区人口快速增长,学位需求持续扩大,供需矛盾日益突出。\n"
        "2.数字转型推动课堂教学变革创新以数据驱动为特征的教学方式正在形成,需要加快布局。\n",
        [(1, 1, "1.", "城市更新要求教育提供更多学位"), (2, 1, "2.", "数字转型推动课堂教学变革创新")],
    ),
    (
        "year-after-marker",
        f"(一)远景展望\n1.总体目标\n{BODY}\n2.2030年远景目标\n{BODY}\n",
        [(1, 1, "(一)", "远景展望"), (2, 2, "1.", "总体目标"), (4, 2, "2.", "2030年远景目标")],
    ),
    (
        "headings-inside-a-joined-page",
        "要形成全社会关心教育的合力。 二、主要任务 (一)深化课程改革 推进课程建设,完善评价。 "
        "1.优化课程结构 建立分层课程体系。\n",
        [(1, 1, "二、", "主要任务"), (1, 2, "(一)", "深化课程改革"), (1, 3, "1.", "优化课程结构")],
    ),
    (
        "box-hangs-under-section-not-item",
        f"二、发展目标\n(三)主要指标\n1.普及程度。{BODY}\n2.质量水平。{BODY}\n专栏2 教育发展主要指标 | ||\n"
        f"三、重点任务\n{BODY}\n",
        [(1, 1, "二、", "发展目标"), (2, 2, "(三)", "主要指标"), (3, 3, "1.", "普及程度"),
         (4, 3, "2.", "质量水平"), (5, 3, "专栏2", "教育发展主要指标"), (6, 1, "三、", "重点任务")],
    ),
    (
        "appendix-restarts-the-tree",
        f"一、总体要求\n(一)指导思想\n{BODY}\n附件\n全县教育重点工程一览表\n一、校舍改造工程\n{BODY}\n"
        f"二、教师培训工程\n{BODY}\n",
        [(1, 1, "一、", "总体要求"), (2, 2, "(一)", "指导思想"), (4, 1, "附件", "附件"),
         (5, 2, "", "全县教育重点工程一览表"), (6, 3, "一、", "校舍改造工程"), (8, 3, "二、", "教师培训工程")],
    ),
    (
        "appendix-with-title-on-its-line",
        f"四、组织保障\n{BODY}\n附:重点项目一览表\n序号\n项目名称\n1\n学位扩充项目\n新建学校三所。\n",
        [(1, 1, "四、", "组织保障"), (3, 1, "附:", "重点项目一览表")],
    ),
    (
        "markdown-marks-and-chrome-words-inside-titles",
        f"## 一、构建生涯导航体系\n{BODY}\n### (一)完善留言评论机制\n{BODY}\n",
        [(1, 1, "一、", "构建生涯导航体系"), (3, 2, "(一)", "完善留言评论机制")],
    ),
    (
        "chapters-and-sections",
        f"第一章 发展基础\n{BODY}\n第一节 主要成就\n{BODY}\n第二章 总体要求\n",
        [(1, 1, "第一章", "发展基础"), (3, 2, "第一节", "主要成就"), (5, 1, "第二章", "总体要求")],
    ),
    (
        "titles-opening-with-any-word-or-figure",
        f"一、总体要求\n{BODY}\n(一)长效机制建设\n{BODY}\n(二)组织保障\n{BODY}\n(三)5G+智慧教育\n{BODY}\n",
        [(1, 1, "一、", "总体要求"), (3, 2, "(一)", "长效机制建设"), (5, 2, "(二)", "组织保障"),
         (7, 2, "(三)", "5G+智慧教育")],
    ),
    (
        "known-heading-word-after-the-title",
        f"某县教育提升行动方案\n(2023—2025年)\n\n前言\n{BODY}\n第一部分 总体要求\n一、指导思想\n{BODY}\n",
        [(4, 1, "", "前言"), (6, 1, "第一部分", "总体要求"), (7, 2, "一、", "指导思想")],
    ),
    (
        "article-glyph-headings-and-spaced-numbers",
        f"{BODY}一起来看↓↓↓\n\n▌工作目标\n{BODY}\n\n■重点举措\n01 扩大优质学位供给\n{BODY}\n"
        f"02 提升教师专业素养\n{BODY}\n",
        [(3, 1, "", "工作目标"), (6, 1, "", "重点举措"), (7, 2, "01", "扩大优质学位供给"),
         (9, 2, "02", "提升教师专业素养")],
    ),
    (
        "preface-is-a-sibling",
        f"前  言\n{BODY}\n一、总体要求\n{BODY}\n(一)指导思想\n{BODY}\n",
        [(1, 1, "", "前  言"), (3, 1, "一、", "总体要求"), (5, 2, "(一)", "指导思想")],
    ),
    (
        "appendix-titles-over-tables",
        f"一、总体要求\n{BODY}\n附件1\n重点项目表\n序号 | 项目名称 | 建设内容\n1 | 校舍改造 | 改造校舍\n"
        "附件2\n主要指标表\n",
        [(1, 1, "一、", "总体要求"), (3, 1, "附件1", "附件1"), (4, 2, "", "重点项目表"),
         (7, 1, "附件2", "附件2"), (8, 2, "", "主要指标表")],
    ),
    (
        "box-entries-are-its-children",
        f"(一)扩大学位供给\n{BODY}\n专栏1 学位建设工程\n1.新建学校工程。新建小学两所、初中一所。\n"
        f"2.改扩建工程。扩建城区学校三所。\n(二)加强教师队伍\n{BODY}\n",
        [(1, 1, "(一)", "扩大学位供给"), (3, 2, "专栏1", "学位建设工程"), (4, 3, "1.", "新建学校工程"),
         (5, 3, "2.", "改扩建工程"), (6, 1, "(二)", "加强教师队伍")],
    ),
    (
        "box-after-a-sentence-end-inside-a-line",
        f"(二)扩大学位供给\n改扩建城区学校三所。{BODY}专栏4:城乡学校建设重大工程\n1.新建学校工程。新建小学两所。\n",
        [(1, 2, "(二)", "扩大学位供给"), (2, 3, "专栏4:", "城乡学校建设重大工程"), (3, 4, "1.", "新建学校工程")],
    ),
    (
        "numbering-that-goes-on-closes-the-box",
        f"(一)提升教学质量\n1.课程建设。{BODY}\n2.课堂改革。{BODY}\n专栏3 质量提升行动\n{BODY}\n"
        f"3.评价改革。{BODY}\n",
        [(1, 1, "(一)", "提升教学质量"), (2, 2, "1.", "课程建设"), (3, 2, "2.", "课堂改革"),
         (4, 2, "专栏3", "质量提升行动"), (6, 2, "3.", "评价改革")],
    ),
    (
        "markdown-bold-run-in",
        f"### (二)促进全面发展\n\n**1.加强体育锻炼。**每天校内锻炼一小时,{BODY}\n\n"
        f"**2.提升审美素养**开设丰富的艺术课程,{BODY}\n",
        [(1, 2, "(二)", "促进全面发展"), (3, 3, "1.", "加强体育锻炼"), (5, 3, "2.", "提升审美素养")],
    ),
    (
        "heading-wrapped-at-page-width",
        "(一)完善学前教育公共服务体系,扩大普惠性资源\n覆盖面\n"
        "全县新建和改扩建公办幼儿园二十所,有效缓解\n城区入园难问题,学前教育公共服务体系更加健\n"
        "全,普惠性幼儿园覆盖率稳步提高,保教质量明显\n提升,城乡之间的差距逐步缩小,家长满意度不\n"
        "断提高,学前教育发展的基础更加扎实,保障更\n加有力。\n(二)推进义务教育优质均衡发展\n",
        [(1, 1, "(一)", "完善学前教育公共服务体系,扩大普惠性资源覆盖面"), (9, 1, "(二)", "推进义务教育优质均衡发展")],
    ),
    (
        "heading-right-after-a-sentence-end",
        f"一、总体要求\n{BODY}(一)指导思想\n{BODY}(二)工作原则\n1.统筹推进。{BODY}2.分类实施。{BODY}\n",
        [(1, 1, "一、", "总体要求"), (2, 2, "(一)", "指导思想"), (3, 2, "(二)", "工作原则"),
         (4, 3, "1.", "统筹推进"), (4, 3, "2.", "分类实施")],
    ),
    (
        "marker-glued-to-the-next-heading",
        f"第一章规划背景第一节发展成效\n“十四五”以来,{BODY}\n",
        [(1, 1, "第一章", "规划背景"), (1, 2, "第一节", "发展成效")],
    ),
    (
        "heading-word-run-into-its-body",
        "三、重点任务到2027年,全县新建幼儿园八所,改扩建中小学十二所,新增学位六千个。\n"
        "四、保障措施为确保各项任务落到实处,县政府建立联席会议制度。\n",
        [(1, 1, "三、", "重点任务"), (2, 1, "四、", "保障措施")],
    ),
    (
        "numbering-goes-on-after-a-list-without-full-stops",
        # run-together text: a heading after a reference list (no sentence end) is known by its number
        f"一、总体要求{BODY * 20}依据《中小学校设计规范》GB 50099-2011《幼儿园建设标准》建标175-2016"
        f"二、现状分析(一)学校设施概况全县现有中小学四十所,{BODY * 20}\n",
        [(1, 1, "一、", "总体要求"), (1, 1, "二、", "现状分析"), (1, 2, "(一)", "学校设施概况")],
    ),
    (
        "heading-words-joined-stay-whole",
        f"一、发展目标和主要任务\n{BODY}\n",
        [(1, 1, "一、", "发展目标和主要任务")],
    ),
    (
        "a-whole-plan-on-one-line",
        # paragraphs run together (a Word export): titles end where the body opens
        "某县教育质量提升行动方案为办好人民满意的教育,制定本方案。一、发展基础“十四五”以来,"
        f"{BODY}(一)办学条件显著改善全县新建学校十所,{BODY}(二)教师队伍持续优化选派骨干教师赴外地研修,"
        f"{BODY}二、主要任务(一)扩大优质资源供给坚持公益普惠,{BODY}(二)深化课程教学改革以课堂为主阵地,"
        f"{BODY}三、保障措施加强组织领导,{BODY}" * 8 + "\n",
        [(1, 1, "一、", "发展基础"), (1, 2, "(一)", "办学条件显著改善"), (1, 2, "(二)", "教师队伍持续优化"),
         (1, 1, "二、", "主要任务"), (1, 2, "(一)", "扩大优质资源供给"), (1, 2, "(二)", "深化课程教学改革"),
         (1, 1, "三、", "保障措施")] * 8,
    ),
    (
        "verb-object-titles-run-into-a-new-predicate",
        # one paragraph: a verb-object title ends where the body opens its own predicate (an adverb,
        # a preposition, a verb with its object); a verb that ends the object stays (校舍改造对…)
        ("某区教育发展规划为推进教育现代化,制定本规划。一、主要任务(一)全面加强师资培训始终坚持把教师发展放在首位,"
         f"{BODY}(二)稳步推进校舍改造对老旧校舍实施加固,{BODY}(三)完善学校安全管理严格落实门卫值守制度。"
         f"{BODY}(四)提高课后服务质量,{BODY}(五)办学条件显著改善全区新建学校六所,{BODY}") * 8 + "\n",
        [(1, 1, "一、", "主要任务"), (1, 2, "(一)", "全面加强师资培训"), (1, 2, "(二)", "稳步推进校舍改造"),
         (1, 2, "(三)", "完善学校安全管理"), (1, 2, "(四)", "提高课后服务质量"),
         (1, 2, "(五)", "办学条件显著改善")] * 8,
    ),
    (
        "heading-words-after-a-sentence-end-in-one-paragraph",
        # a heading word of the genre right after a sentence end opens an unmarked heading, unless it
        # is the subject of the sentence (主要任务是…)
        (f"某县体育事业规划为建设体育强县,制定本规划。{BODY}主要任务是补齐场地短板。{BODY}"
         f"工作目标到2030年,人均体育场地面积明显增加。{BODY}保障措施1.强化组织领导建立部门联席会议制度,{BODY}"
         f"2.加大经费投入确保预算逐年增长,{BODY}") * 8 + "\n",
        [(1, 1, "", "工作目标"), (1, 1, "", "保障措施"), (1, 2, "1.", "强化组织领导"),
         (1, 2, "2.", "加大经费投入")] * 8,
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_heading_tree(text: str, expected: list[tuple[int, int, str, str]]) -> None:
    assert sections(text) == expected


TRAPS = [
    ("item-in-running-sentence", f"要做到以下几点: 1.加强领导, 2.完善制度。{BODY}\n"),
    ("cn-numeral-inside-idiom", f"引导学生做到知行合一、学以致用,{BODY}\n"),
    ("party-group-in-parens", "区级各机关党委(党组),各街道党政组织:\n"),
    ("parenthesised-word", f"培养一批名校(园)长和骨干教师,{BODY}\n"),
    ("decimal-at-line-start", f"1.5万名学生参加课后服务,{BODY}\n"),
    ("table-row-with-pipes", "序号 | 指标 | 2020年 | 2025年 |\n2 | 学前教育毛入园率(%) | 90 | 95 |\n"),
    ("table-header-with-tabs", f"{BODY}\n指标\t2020年\t2025年\t属性\n九年义务教育巩固率(%)\t98.5\t99\t预期性\n{BODY}\n"),
    ("table-cells-one-per-line", f"{BODY}\n指标\n2020年\n2025年\n1\n普惠园覆盖率(%)\n85\n90\n"),
    ("lead-sentence-not-alone", f"  深化集团化办学。{BODY}\n\n  完善督导评估。{BODY}\n"),
    ("document-title-line", f"某县“十五五”教育事业发展规划\n{BODY}\n"),
    ("list-lead-in-with-colon", f"{BODY}\n实现三个目标:\n{BODY}\n"),
    ("web-chrome", "导航菜单\n\n字体: 大 中 小\n移动版\n本文地址:/a/b/123.html\n留言与评论(共有 条评论)\n验证码:\n"),
    ("related-news-with-timestamps", f"{BODY}\n- 我区召开教育工作会议(2023-05-06 10:21:33)\n- 日新闻排行榜\n"),
    ("portal-attachment-field", f"{BODY}\n\n附件:\n\n审批表.jpg\n\n移动版\n"),
    ("count-after-a-space", f"{BODY}\n10 所学校参加试点,{BODY}\n"),
    ("table-of-contents", "目  录\n第一章 发展基础……………………1\n第二章 总体要求……………………6\n一、主要任务..........12\n"),
    ("pdf-page-numbers", f"{BODY}\n- 12 -\n{BODY}\n— 13 —\n第14页 共30页\n"),
    ("running-header-on-every-page", "".join(f"{BODY}\n— {n} —\n某县教育事业发展规划文本\n" for n in (1, 2, 3))),
    ("items-after-a-colon-in-a-sentence", f"具体包括:(1)新建学校;(2)改扩建校舍;(3)配齐设备。{BODY}\n"),
    ("numbers-listed-in-a-quote", f"{BODY}实施“一、二、三”工程,{BODY}\n"),
    ("chrome-words-in-a-long-line", f"{BODY * 3}字体:大 中 小{BODY * 3}\n"),
    ("numerals-in-run-together-text", f"{BODY * 20}全县一、二级幼儿园占比达到八成,1、2号楼完成改造,{BODY * 20}\n"),
]


@pytest.mark.parametrize("text", [t[1] for t in TRAPS], ids=[t[0] for t in TRAPS])
def test_not_a_heading(text: str) -> None:
    assert sections(text) == []


@pytest.mark.parametrize(
    ("num", "value"),
    [("一", 1), ("十", 10), ("十四", 14), ("二十一", 21), ("07", 7), ("③", 3), ("", None)],
    ids=["one", "ten", "fourteen", "twenty-one", "zero-padded", "circled", "none"],
)
def test_ordinal(num: str, value: int | None) -> None:
    assert ordinal(num) == value


def test_record_takes_the_section_it_is_written_in() -> None:
    """Run-together text: a figure before a heading on the same line belongs to the section before."""
    text = ("一、发展成就\n全县幼儿园由六十所增加到八十所,教师学历达标率达到98%。"
            "二、发展目标到2027年,全县学前教育普惠率达到95%以上。\n")
    got = {(t.value, t.section, t.kind) for t in extract_text(text).targets}
    assert (98, "1", "baseline") in got and (95, "2", "target") in got


def test_ids_and_parents_form_a_tree() -> None:
    text = f"一、甲部分\n(一)甲一\n(二)甲二\n1.甲二一\n{BODY}\n二、乙部分\n(一)乙一\n"
    doc = prepare(read.RawText("<test>", text, "utf-8", "0"), default_rules())
    got = [(s.id, s.parent) for s in segment(doc, default_rules())]
    assert got == [("1", None), ("1.1", "1"), ("1.2", "1"), ("1.2.1", "1.2"), ("2", None), ("2.1", "2")]


PREDICATES = [
    ("adverb-opens-the-body", [("全面", "ad"), ("加强", "v"), ("师资", "n"), ("培训", "vn"), ("始终", "d"),
                               ("坚持", "v")], 8),
    ("verb-with-its-object-opens-the-body", [("扩大", "v"), ("学位", "n"), ("供给", "vn"), ("建立", "v"),
                                             ("长效", "n"), ("机制", "n")], 6),
    ("verb-before-a-preposition-ends-the-object", [("推进", "v"), ("老旧", "a"), ("校舍", "n"), ("改造", "v"),
                                                   ("对", "p"), ("危房", "n")], 8),
    ("adjective-before-a-verb-opens-the-body", [("营造", "v"), ("良好", "a"), ("育人", "vn"), ("氛围", "n"),
                                                ("广泛", "a"), ("动员", "v"), ("家长", "n")], 8),
    ("review-title-opens-with-a-noun", [("办学", "vn"), ("条件", "n"), ("显著", "a"), ("改善", "v"),
                                        ("全区", "n")], None),
    ("never-shorter-than-a-run-in-title", [("加强", "v"), ("党建", "n"), ("推进", "v"), ("改革", "vn")], None),
    ("one-character-verb-is-not-a-predicate", [("增强", "v"), ("优秀", "a"), ("人才", "n"), ("来", "v"),
                                               ("本区", "n"), ("任教", "v")], None),
]


@pytest.mark.parametrize(("words", "cut"), [c[1:] for c in PREDICATES], ids=[c[0] for c in PREDICATES])
def test_a_verb_object_title_ends_where_a_new_predicate_opens(words: list[tuple[str, str]], cut: int | None) -> None:
    assert predicate_end(compiled(default_rules()).rules.title, words) == cut
