"""Layout transforms for the metamorphic tests (``tests/test_layout.py``, ``tests/test_fuzz.py``).

Each transform lays the same plan out differently, as users receive it, without
changing a word of it: CR LF line ends; full-width or half-width punctuation and
digits; a hard wrap at a fixed number of characters (a fixed-width export) or of
display columns (a PDF's text layer, where a Han character takes two columns);
sentences run together as a Word export does; every prose line run into one
paragraph; page numbers printed every N lines; a web portal's header and footer
around the text. :func:`records` and :func:`titles` are what must not change.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from plancmp.models import ExtractResult

from .scoring import near_name

_TO_FULL = {**{chr(c): chr(c + 0xFEE0) for c in range(ord("0"), ord("9") + 1)},
            ",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "%": "％", "!": "！", "?": "？"}
_TO_HALF = {v: k for k, v in _TO_FULL.items()}
_SENTENCE_END = ("。", "；", "！", "？", ";", "!", "?")


def crlf(t: str) -> str:
    return t.replace("\r\n", "\n").replace("\n", "\r\n")


def fullwidth(t: str) -> str:
    return "".join(_TO_FULL.get(c, c) for c in t)


def halfwidth(t: str) -> str:
    return "".join(_TO_HALF.get(c, c) for c in t)


def wrap_chars(t: str, width: int) -> str:
    """Every line longer than ``width`` characters cut into pieces of ``width`` (words and numbers split)."""
    out = []
    for line in t.split("\n"):
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return "\n".join(out)


def _columns(c: str) -> int:
    return 1 if c.isascii() else 2


def wrap_columns(t: str, width: int) -> str:
    """Every line cut where it would pass ``width`` display columns (a Han character or a full-width
    mark takes two, a digit or a Latin letter one), as a PDF's text layer comes."""
    out = []
    for line in t.split("\n"):
        piece, used = [], 0
        for c in line:
            if used + _columns(c) > width and piece:
                out.append("".join(piece))
                piece, used = [], 0
            piece.append(c)
            used += _columns(c)
        out.append("".join(piece))
    return "\n".join(out)


def joined(t: str) -> str:
    """A line that ends a sentence (。；！？) run together with the next non-blank line, as a Word export does."""
    out: list[str] = []
    buf = ""
    for line in t.split("\n"):
        s = line.strip()
        if buf and s:
            buf += s
            if not buf.endswith(_SENTENCE_END):
                out.append(buf)
                buf = ""
            continue
        if buf:
            out.append(buf)
            buf = ""
        if s.endswith(_SENTENCE_END):
            buf = s
        else:
            out.append(line)
    if buf:
        out.append(buf)
    return "\n".join(out)


_TABLE_CELL = re.compile(r"^[\s>≥<≤~约\d.,%-]*\d[\s>≥<≤~\d.,%-]*$")
#: a run of short lines with at least this many number-only cells is a table laid out one cell per line
_MIN_TABLE_CELLS = 4
_SHORT = 40


def table_lines(t: str) -> set[int]:
    """Indices of the lines of tables: rows with ``|``, and runs of short lines holding number-only cells
    (a table laid out one cell per line). A one-paragraph layout keeps them: a table run into prose is
    not the same plan any more."""
    lines = t.split("\n")
    keep = {i for i, ln in enumerate(lines) if "|" in ln}
    i = 0
    while i < len(lines):
        if not lines[i].strip() or len(lines[i].strip()) > _SHORT:
            i += 1
            continue
        j = i
        while j < len(lines) and len(lines[j].strip()) <= _SHORT:
            j += 1
        if sum(1 for k in range(i, j) if _TABLE_CELL.match(lines[k])) >= _MIN_TABLE_CELLS:
            keep.update(range(i, j))
        i = j
    return keep


def one_paragraph(t: str) -> str:
    """Every prose line, headings included, run into one paragraph; tables keep their lines."""
    lines = t.split("\n")
    keep = table_lines(t)
    out: list[str] = []
    buf = ""
    for i, ln in enumerate(lines):
        if i in keep:
            if buf:
                out.append(buf)
                buf = ""
            out.append(ln)
        else:
            buf += ln.strip()
    if buf:
        out.append(buf)
    return "\n".join(out)


def pages(t: str, every: int = 30) -> str:
    """A page number line (``- 7 -``) after every ``every`` lines."""
    out = []
    for i, line in enumerate(t.split("\n"), 1):
        out.append(line)
        if i % every == 0:
            out.append(f"- {i // every + 1} -")
    return "\n".join(out)


def chrome(t: str) -> str:
    """A web portal's header and footer around the text."""
    head = ("网站首页 | 信息公开 | 办事服务 | 政民互动\n当前位置：首页 > 信息公开 > 发展规划\n"
            "发布日期：2023-05-08 10:12  信息来源：区教育局  浏览次数：876  【字体：大 中 小】 打印本页\n")
    foot = ("\n扫一扫在手机上查看当前页面\n【打印本页】【关闭窗口】\n主办单位：区人民政府办公室  "
            "政府网站标识码：3301020003  ICP备案号：浙ICP备13016451号\n")
    return head + t + foot


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "crlf": crlf,
    "fullwidth": fullwidth,
    "halfwidth": halfwidth,
    **{f"wrap-{w}-chars": (lambda t, w=w: wrap_chars(t, w)) for w in (30, 38, 50, 64, 80)},
    **{f"wrap-{w}-columns": (lambda t, w=w: wrap_columns(t, w)) for w in (60, 90, 120, 160)},
    "joined": joined,
    "pages": pages,
    "chrome": chrome,
    "one-paragraph": one_paragraph,
}


def records(result: ExtractResult) -> Counter[tuple]:
    """The target records as a multiset, lines left out: what no layout may change."""
    return Counter((t.metric, round(t.value, 6), None if t.value_max is None else round(t.value_max, 6),
                    halfwidth(t.unit), t.comparator, t.kind, t.year) for t in result.targets)


def titles(result: ExtractResult) -> list[str]:
    """The section titles, in order (written half-width: full-width variants keep them as written)."""
    return [halfwidth(s.title) for s in result.sections]


def share(base: Counter, variant: Counter) -> float:
    """The share of the records ``base`` that ``variant`` gives back (1.0 for an empty base)."""
    n = sum(base.values())
    return sum((base & variant).values()) / n if n else 1.0


def title_share(base: list[str], variant: list[str]) -> float:
    """The share of the titles ``base`` that ``variant`` gives back, one for one, a title matched as the
    scorer matches one (equal, one inside the other, or nearly the same: :func:`tests.scoring.near_name`)."""
    if not base:
        return 1.0
    left = Counter(variant)
    kept = 0
    for t in base:
        if left[t] > 0:
            left[t] -= 1
            kept += 1
            continue
        near = next((v for v in left if left[v] > 0 and near_name(v, t) > 0), None)
        if near is not None:
            left[near] -= 1
            kept += 1
    return kept / len(base)
