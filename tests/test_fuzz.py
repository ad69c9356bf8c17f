"""No input breaks extraction: hypothesis over the whole pipeline, and pathological shapes.

Properties of ``pipeline.extract_text`` on any text: no exception; every
reported line exists in the input; every target's ``match`` is the input at
its ``span`` and the span lies on (or spans across) its ``line``; sections
form a tree whose parents come first. The inputs mix fragments of the genre
(heading markers, numbers with units and comparators, page chrome, tables)
with arbitrary characters, so every stage sees both plausible and hostile text.
"""
from __future__ import annotations

import signal
import sys
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancmp.extract.pipeline import extract_text
from plancmp.models import ExtractResult
from plancmp.prepare.textmap import Original

from . import layout
from .samples import SAMPLES

FRAGMENTS = [
    # heading markers, alone and with titles
    "一、", "二、", "十四、", "（一）", "(二)", "（十四）", "1.", "2．", "10、", "（1）", "(2)", "①", "⑳", "01.", "第一章",
    "第十二章 ", "第一节", "专栏1", "专栏 ", "附件", "附：", "一览表", "总体要求", "发展目标", "保障措施", "主要任务\n",
    # numbers, units, comparators, years
    "95%", "９５％", "99.02", "1.3万人次", "10所", "1-2所", "5—10个", "百分之九十", "两个", "十所", "1:1", "40G",
    "193.84亿元", "500元/人•月", "七成", "100%", "0.5", "3.0版", "2035", "十四五", "1+3+N", "第一", "一批",
    "到2025年", "2020年", "2022年底", "2021-12-31", "（2021—2025年）", "以上", "不低于", "不少于", "至少", "≥", "≤",
    "超过", "低于", "不足", "约", "左右", "近", "余", "达到", "保持", "实现", "控制在", "以内", "均", "和", "、",
    # metrics, projects, chrome
    "学前教育毛入园率", "义务教育巩固率", "普惠性幼儿园覆盖率", "新增学位", "新建", "改扩建", "学校", "幼儿园",
    "“领头雁”培育工程", "“云端海教”品牌", "工程", "计划", "行动", "工作室", "基地", "现有", "累计", "已", "力争", "确保",
    "预期性", "约束性", "指标", "2020年 | 2025年 | 属性", "|", "\t", "- 3 -", "— 12 —", "第 5 页", "字体：大 中 小",
    "京ICP备05060933号", "京公网安备 11010602060028号", "本文地址", "移动版", "北京市", "丰台区", "教育委员会",
    "北京市丰台区“十四五”时期教育改革和发展规划", "印发", "2021年12月31日",
    # punctuation and whitespace of every kind
    "，", "。", "；", "：", "“", "”", "《", "》", "（", "）", "(", ")", "【", "】", "\n", "\r\n", "\r", "\n\n", " ",
    "\u3000", "\xa0", "\u200b", "\ufeff", "\u00ad", "～", "—", "·", "•",
]

plan_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=60).map("".join)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_provenance(text: str, result: ExtractResult) -> None:
    """The invariants every result must keep, whatever the input."""
    orig = Original(text)
    n = orig.n_lines

    def exists(line: int | None) -> bool:
        return line is None or 1 <= line <= n

    for t in result.targets:
        assert 0 <= t.span.start < t.span.end <= len(text), t
        assert text[t.span.start:t.span.end] == t.match, t
        assert orig.line_of(t.span.start) <= t.line <= orig.line_of(t.span.end - 1), t
        assert t.baseline is None or exists(t.baseline.line), t
    assert all(exists(s.line) for s in result.sections), result.sections
    assert all(exists(p.line) and all(exists(x) for x in p.lines) for p in result.projects), result.projects
    assert all(exists(w.line) for w in result.warnings), result.warnings
    seen: set[str] = set()
    for s in result.sections:
        assert s.id not in seen and (s.parent is None or s.parent in seen), (s, seen)
        seen.add(s.id)
    assert result.source.lines == n
    result.to_dict()  # serializable


@FUZZ
@given(plan_text)
def test_any_plan_like_text_extracts_with_provenance(text: str) -> None:
    check_provenance(text, extract_text(text))


@FUZZ
@given(st.text(max_size=300))
def test_any_unicode_text_extracts_with_provenance(text: str) -> None:
    check_provenance(text, extract_text(text))


@settings(max_examples=15, deadline=None)
@given(plan_text)
def test_extraction_is_deterministic(text: str) -> None:
    assert extract_text(text).to_dict() == extract_text(text).to_dict()


LIMIT = 10  # CPU seconds: far below what quadratic work takes here, and blind to the machine's load


@pytest.fixture
def time_limit() -> Iterator[None]:
    """Turn a hang into a failure: LIMIT seconds of this process's CPU time per case (a profiling
    timer, so other processes competing for the cores cannot make a linear case fail)."""
    if not sys.platform.startswith("linux"):
        yield
        return

    def hang(signum: int, frame: object) -> None:
        raise TimeoutError(f"extraction used over {LIMIT} s of CPU: quadratic work, a hang or a runaway regex")

    old = signal.signal(signal.SIGPROF, hang)
    signal.setitimer(signal.ITIMER_PROF, LIMIT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


#: hostile shapes of about 20,000 characters (real plans are 10,000-60,000): linear code reads each in
#: about a second at most, while the quadratic spots found so far (a regex rescanning a digit run, a
#: walk back to the sentence start per number, a scan of all sections or lines per record) took
#: from 20 s to minutes. scripts/bench.py runs the same shapes at 50 MB-scale sizes.
PATHOLOGICAL = {
    "long-han-line": "教育" * 25_000,
    "long-digit-line": "9" * 50_000,
    "long-number-list": "、".join(f"{i}%" for i in range(4_000)),
    "long-sentence-of-targets": "，".join(f"学前教育毛入园率达到{i % 100}%以上" for i in range(1_000)),
    "many-lines-of-targets": "\n".join(["一、总体要求", "到2025年，毛入园率达到95%以上。"] * 600),
    "cr-only": "\r".join(["（一）发展目标", "新建学校10所，新增学位2000个。"] * 600),
    "markers-only": "\n".join(["一、", "（一）", "1.", "（1）", "①", "01.", "第一章", "第一节"] * 400),
    "deep-marker-chain": "".join(f"（{i}）" for i in range(3_000)),
    "nested-brackets": "（" * 10_000 + "95%" + "）" * 10_000,
    "unbalanced-quotes": "“" * 20_000 + "工程",
    "many-comparators": "不低于" * 6_000 + "95%",
    "blank-lines": "\n" * 20_000 + "到2025年达到95%",
    "table-of-pipes": "\n".join("|" * 20 + f"{i}|{i}%|" for i in range(800)),
    "chrome-flood": "\n".join(["字体：大 中 小", "- 3 -", "京ICP备05060933号", "移动版"] * 1_000),
    "many-ratios-on-a-line": "，".join(f"生师比{i % 20 + 1}:1" for i in range(3_000)),
    "run-together-headings": "".join(f"（{i}）优化资源布局坚持公益普惠，新建学校{i}所。" for i in range(1_500)),
    "programme-headings": "\n".join(f"({i})读书工程" for i in range(12_000)),
    "label-rows-in-pipes": "\n".join(f"|书香校园{i}|阅读中心{i}|" for i in range(1_500)),
    "repeated-header-words": "\n".join(["主要指标", "2021年", "2026年", "指标属性"] * 750),
    "hard-wrapped-digits": "\n".join(("到2025年毛入园率达到99.5%以上" * 1_100)[i:i + 30] for i in range(0, 20_000, 30)),
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL), ids=list(PATHOLOGICAL))
def test_pathological_input_finishes(name: str, time_limit: None) -> None:
    text = PATHOLOGICAL[name]
    check_provenance(text, extract_text(text))


# -- any layout of a sample -------------------------------------------------------------------

_SAMPLE_LINES = [p.read_text(encoding="utf-8").split("\n") for p in sorted(SAMPLES.glob("*.txt"))]
_LAYOUTS = st.sampled_from(sorted(layout.TRANSFORMS))


@st.composite
def laid_out_sample(draw: st.DrawFn) -> str:
    """A stretch of a sample plan laid out by one to three transforms in a row (a wrap at any width)."""
    lines = draw(st.sampled_from(_SAMPLE_LINES))
    start = draw(st.integers(0, len(lines) - 1))
    text = "\n".join(lines[start:start + draw(st.integers(1, 80))])
    for name in draw(st.lists(st.one_of(_LAYOUTS, st.integers(8, 120)), min_size=1, max_size=3)):
        text = layout.wrap_chars(text, name) if isinstance(name, int) else layout.TRANSFORMS[name](text)
    return text


@FUZZ
@given(laid_out_sample())
def test_any_layout_of_a_sample_extracts_with_provenance(text: str) -> None:
    check_provenance(text, extract_text(text))
