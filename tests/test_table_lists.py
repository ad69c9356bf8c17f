"""Task and project lists read as tables, and table rows that are never sections."""
from __future__ import annotations

import pytest

from plancmp.extract import pipeline, tables
from plancmp.extract.table_cells import compiled
from plancmp.extract.table_lists import lead_clause
from plancmp.ruleset import default_rules

from .tables_common import doc_of
from .test_table_layouts import GROUP_ROWS_EMPTY_CELL, NUMBERED_NAMES_BLANK_LINES
from .test_tables import NOT_TABLES, ONE_CELL_PER_LINE, PIPES

DUTY_LIST = """附件2
成员单位职责分工

单位

职责分工

区住房保障局

牵头制定年度计划，统筹推进各项任务。

区财政局

负责落实资金保障。

各街镇

落实属地责任。
"""

ROWS_NOT_SECTIONS = [
    ("numbered-row-names", NUMBERED_NAMES_BLANK_LINES, {"四、"}, {"1.", "2.", "3."}),
    ("group-rows", "一、发展目标\n" + GROUP_ROWS_EMPTY_CELL, {"一、", "三、"}, {"二、"}),
    ("duty-list-cells", DUTY_LIST, {"附件2"}, set()),
]


@pytest.mark.parametrize(("text", "kept", "dropped"), [c[1:] for c in ROWS_NOT_SECTIONS],
                         ids=[c[0] for c in ROWS_NOT_SECTIONS])
def test_table_rows_are_never_sections(text: str, kept: set[str], dropped: set[str]) -> None:
    sections = pipeline.extract_text(text).sections
    markers = {s.marker for s in sections}
    titles = {s.title for s in sections}
    assert kept <= markers
    assert not dropped & markers
    assert not {"区住房保障局", "区财政局", "各街镇", "单位", "职责分工"} & titles


# --- task and project lists: their rows become project list entries --------------------------

TASK_LIST = """附件
西江区“美好家园”三年行动重点任务清单（2025-2027年）

任务类型

序号

工作任务

责任单位

行动一：居住品质提升行动

老旧小区改造

1

滨河片区：整体推进滨河新村成片改造，打造宜居样板社区

区房管局、滨河街道

2

完成多层住宅加装电梯300台

区房管局

公共空间优化

3

参照全市“口袋公园”建设导则，新建改建口袋公园12座。

区绿化局

4

各街道全面推进“一刻钟便民生活圈”建设，建成示范街道2个。

行动二：城市安全韧性行动

5

更新老旧燃气管道约20公里
"""

TASK_LIST_EXPECTED = [
    ("整体推进滨河新村成片改造", "滨河片区:整体推进滨河新村成片改造,打造宜居样板社区", "任务"),
    ("完成多层住宅加装电梯300台", "完成多层住宅加装电梯300台", "任务"),
    ("新建改建口袋公园12座", "参照全市“口袋公园”建设导则,新建改建口袋公园12座。", "任务"),
    ("各街道全面推进“一刻钟便民生活圈”建设", "各街道全面推进“一刻钟便民生活圈”建设,建成示范街道2个。", "任务"),
    ("更新老旧燃气管道约20公里", "更新老旧燃气管道约20公里", "任务"),
]


def test_task_list_rows_are_list_entries() -> None:
    """Name: the task's lead clause (no topic before a colon, no basis clause); description: the
    whole task cell, as the cleaned text writes it (ASCII punctuation)."""
    doc = doc_of(TASK_LIST)
    got = [(e.name, e.description, e.category) for e in tables.task_entries(doc, default_rules(), lambda n: None)]
    assert got == TASK_LIST_EXPECTED


def test_task_list_projects_in_the_pipeline() -> None:
    projects = pipeline.extract_text(TASK_LIST).projects
    listed = {(p.name, p.line) for p in projects if p.tier == "list"}
    assert {("整体推进滨河新村成片改造", 18), ("完成多层住宅加装电梯300台", 24)} <= listed


def test_task_list_quantities_stay_running_text() -> None:
    """The cells of a task list are sentences: their quantities are read as running text."""
    targets = pipeline.extract_text(TASK_LIST).targets
    assert {(t.line, t.value) for t in targets} >= {(24, 300), (32, 12), (38, 2), (44, 20)}
    assert not any(t.rule.startswith("table") for t in targets)


LEAD_CLAUSES = [
    ("topic-before-colon", "北岸片区：推进旧厂房改造，建设创意园区", "推进旧厂房改造"),
    ("basis-clause-skipped", "按照市级标准，建成5个示范社区", "建成5个示范社区"),
    ("one-clause", "完成雨水管网改造18公里", "完成雨水管网改造18公里"),
    ("short-lead-takes-next", "抓好，落实属地责任", "抓好，落实属地责任"),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in LEAD_CLAUSES], ids=[c[0] for c in LEAD_CLAUSES])
def test_lead_clause(text: str, want: str) -> None:
    assert lead_clause(text, compiled(default_rules())) == want


TABLE_KINDS = [
    ("indicator-one-cell-per-line", ONE_CELL_PER_LINE, ["indicator"]),
    ("indicator-pipes", PIPES, ["indicator"]),
    ("task-list", TASK_LIST, ["list"]),
    ("duty-list", DUTY_LIST, ["list"]),
    ("prose", NOT_TABLES[0][1], []),
]


@pytest.mark.parametrize(("text", "kinds"), [c[1:] for c in TABLE_KINDS], ids=[c[0] for c in TABLE_KINDS])
def test_find_tables_kinds(text: str, kinds: list[str]) -> None:
    assert [t.kind for t in tables.find_tables(doc_of(text), default_rules())] == kinds
