"""Stage 4, segment: the heading tree of the plan (records.md §3).

Headings are found line by line on the cleaned text:

* a marker of one of the kinds of ``rules/headings.toml`` at the start of a
  line (``一、`` ``(一)`` ``1.`` ``(1)`` ``①`` ``01.`` ``第一章`` …), or in the
  middle of a line after a sentence end and whitespace (pages joined into one
  line: ``…制定本文件。 一、发展背景 党的…``), right after a sentence end or
  right after another heading's title (run-together text:
  ``…稳步推进。(二)优化布局``, ``第一章规划背景第一节发展基础``);
* a 专栏 box or an appendix (``附件``, ``附:…一览表``) at the start of a line;
* a short line standing alone between a sentence end (or a heading) and body
  text (``工作目标``, ``保障措施``).

The title is the heading part only: up to whitespace, a sentence stop, the next
marker, or, for a run-in heading written without punctuation, the word that
opens the body (:mod:`.heading_titles`). A line longer than ``run_together_len``
holds paragraphs run together, where more words open a body.

Levels come from the order in which marker kinds appear (a stack of kinds),
not from a fixed table: under an unmarked level-1 heading the next kind is
level 2, a fragment whose first heading is ``(十四)`` gets a missing parent,
an appendix starts again at level 1, a box hangs under the nearest heading
that is not a numbered paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Section
from ..prepare.document import Doc
from ..ruleset import RuleSet
from .gazetteer import gazetteer
from . import tables
from .heading_titles import (CompiledHeadings, compiled, cut_run_in_predicates, title_end,
                             word_after_sentence)
from .list_items import drop_list_items
from .tokenize import tag
from .numbers import parse_integer

# -- finding headings -----------------------------------------------------------

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
BOX, APPENDIX, UNMARKED = "box", "appendix", "unmarked"


def ordinal(num: str) -> int | None:
    """The number of a marker: '十四' → 14, '03' → 3, '③' → 3; None when there is none."""
    if num and num in CIRCLED:
        return CIRCLED.index(num) + 1
    return parse_integer(num)


@dataclass
class Heading:
    """A heading found in the text (positions in ``doc.text``)."""

    kind: str
    rank: float | None
    item: bool
    num: int | None
    marker: tuple[int, int]
    title: tuple[int, int]
    outer: bool = False
    top: bool = False
    front: bool = False  # a preface (前言): the headings after it are its siblings


_SPACE = re.compile(r"\s+")
_TITLE_TRIM = " \t:,、"


def _marked(hr: CompiledHeadings, text: str, p: int, eol: int, names: frozenset[str],
            inline: bool = False, run_together: bool = False) -> Heading | None:
    """A marked heading whose marker starts at ``p``."""
    for kind, rx in hr.kinds:
        if inline and not kind.inline:
            continue
        m = rx.match(text, p, eol)
        if not m:
            continue
        s = _skip_spaces(text, m.end(), eol)
        if s >= eol or (hr.not_after.match(text, s, eol) and not _year_title(text, s)):
            return None
        e = title_end(hr, text, s, eol, names, run_together)
        e = _trim(text, s, e)
        if e <= s:
            return None
        return Heading(kind=kind.name, rank=kind.rank, item=kind.item, num=ordinal(m.group("num")),
                       marker=(p, m.end()), title=(s, e), outer=kind.outer, top=kind.top)
    return None


_YEAR_TITLE = re.compile(r"(?:19|20)\d\d年")


def _year_title(text: str, s: int) -> bool:
    return bool(_YEAR_TITLE.match(text, s))


def _skip_spaces(text: str, s: int, eol: int) -> int:
    while s < eol and text[s] in " \t":
        s += 1
    return s


def _trim(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in _TITLE_TRIM:
        e -= 1
    return e


def _word_after_sentence(hr: CompiledHeadings, text: str, q: int, eol: int) -> Heading | None:
    """An unmarked heading word of the genre right after a sentence end in run-together text."""
    e = word_after_sentence(hr, text, q, eol)
    if e is None:
        return None
    return Heading(kind=UNMARKED, rank=None, item=False, num=None, marker=(q, q), title=(q, e),
                   front=text[q:e] in hr.rules.standalone.front)


def _box_after_sentence(hr: CompiledHeadings, text: str, ln: _ScannedLine, p: int, q: int,
                        names: frozenset[str]) -> Heading | None:
    """A 专栏 box heading right after a sentence end inside a line (``…改革实验。专栏3:重大工程``):
    sentences run together (a Word export) carry the box's heading on the line of the text before it."""
    if text[p - 1] not in _INLINE_AFTER:
        return None
    h = _special(hr, text, q, ln.end, names, ln.run_together)
    return h if h is not None and h.kind == BOX else None


def _special(hr: CompiledHeadings, text: str, p: int, eol: int, names: frozenset[str],
             run_together: bool = False) -> Heading | None:
    """A 专栏 box or an appendix heading at ``p``."""
    for kind, rx in ((BOX, hr.box), (APPENDIX, hr.appendix)):
        m = rx.match(text, p, eol)
        if not m:
            continue
        s = _skip_spaces(text, m.end(), eol)
        if kind == BOX and s >= eol:
            return None
        e = _trim(text, s, title_end(hr, text, s, eol, names, run_together)) if s < eol else s
        num = m.groupdict().get("num") or ""
        return Heading(kind=kind, rank=None, item=False, num=ordinal(num), marker=(p, m.end()), title=(s, e))
    return None


@dataclass
class _ScannedLine:
    """A cleaned line as :func:`_scan` reads it: where its text starts and the headings on it."""

    start: int
    end: int
    text: str  # stripped
    lead: int  # offset of the first non-space character
    heading: Heading | None = None
    inline: list[Heading] = field(default_factory=list)
    noise: bool = False
    marked_up: bool = False  # set off as a heading by layout (## 发展目标, ▌发展目标)
    run_together: bool = False  # long enough to hold paragraphs run together (a Word export)

    @property
    def blank(self) -> bool:
        return not self.text


#: where a heading may open in the middle of a line: after whitespace, or right after a sentence end
_BREAK = re.compile(r"\s+|(?<=[。!?])(?=\S)")
#: ... and in run-together text before anything a marker may start with (taken when its number goes on)
_RUN_TOGETHER_BREAK = re.compile(r"\s+|(?<=[。!?])(?=\S)|(?=[第一二三四五六七八九十(\d①-⑳])")
_SENTENCE_STOP = "。!?"
_NUMERALS = "一二三四五六七八九十0123456789"
#: a marker right after one of these is part of the text (a quote, a list of numbers, a range)
_NOT_BEFORE_MARKER = "“\"、((《<-~第"
#: whitespace after one of these (or after a heading) may open a heading
_INLINE_AFTER = "。;!?”"


@dataclass
class _Numbering:
    """The headings found so far, as far as numbering goes: the last number of each marker kind, and
    the rank of the last heading."""

    last: dict[str, int] = field(default_factory=dict)
    rank: float = -1.0

    def saw(self, h: Heading) -> None:
        if h.num is not None and h.rank is not None:
            self.last[h.kind] = h.num
            self.rank = h.rank

    def goes_on(self, h: Heading) -> bool:
        """Whether ``h`` continues the numbering: the next number of its kind, or the first of a list
        under the last heading (``(一)`` after ``二、``)."""
        if h.num is None or h.rank is None:
            return False
        if h.num == 1:
            return h.kind not in self.last or h.rank > self.rank
        return self.last.get(h.kind) == h.num - 1


def _inline(hr: CompiledHeadings, text: str, ln: _ScannedLine, after: int, names: frozenset[str],
            numbering: _Numbering) -> list[Heading]:
    """Headings in the middle of a line, as pages joined into one line and run-together text have them:
    after whitespace that follows a sentence end or a heading (``…制定本文件。 一、发展背景``), right
    after a sentence end (``…稳步推进。(二)优化布局``), or right after a heading's title
    (``第一章规划背景第一节发展基础``); in run-together text also anywhere its number goes on from
    the headings before (``…JGJ 100-2015二、现状分析``)."""
    out: list[Heading] = []
    pos = after
    chained = after > ln.lead  # a heading on this line: another may follow its title directly
    breaks = _RUN_TOGETHER_BREAK if ln.run_together else _BREAK
    while pos < ln.end:
        if chained:
            chained = False
            h = _marked(hr, text, after, ln.end, names, inline=True, run_together=ln.run_together)
            if h:
                out.append(h)
                numbering.saw(h)
                pos = after = h.title[1]
                chained = True
                continue
        m = breaks.search(text, pos, ln.end)
        if not m:
            break
        p, q = m.start(), m.end()
        pos = max(q, p + 1)
        if q >= ln.end or p == 0:
            continue
        spaced = q > p and (text[p - 1] in _INLINE_AFTER or p == after)
        if q > p and not spaced:
            continue
        h = _marked(hr, text, q, ln.end, names, inline=True, run_together=ln.run_together) \
            or _box_after_sentence(hr, text, ln, p, q, names)
        if h is None and ln.run_together and q == p and text[p - 1] in _SENTENCE_STOP:
            h = _word_after_sentence(hr, text, q, ln.end)
        if h and q == p and text[p - 1] not in _SENTENCE_STOP and (
                text[p - 1] in _NOT_BEFORE_MARKER or (text[p - 1].isdigit() and text[p].isdigit())
                or text[h.marker[1]] in _NUMERALS or not numbering.goes_on(h)):
            h = None  # no sentence end before it: only a number that goes on makes a heading (一、二级: none)
        if h:
            out.append(h)
            numbering.saw(h)
            pos = after = h.title[1]
            chained = True
    return out


def _running(hr: CompiledHeadings, lines: list[tuple[int, int, str]]) -> frozenset[str]:
    """Lines repeated on every page of a PDF copy (running headers and footers)."""
    r = hr.rules.chrome
    counts: dict[str, int] = {}
    for _s, _e, raw in lines:
        t = raw.strip()
        if r.running_min_len <= len(t) <= r.running_max_len and "。" not in t:
            counts[t] = counts.get(t, 0) + 1
    return frozenset(t for t, k in counts.items() if k >= r.running_min_repeats)


#: a table row's cells are at most this long: a longer piece is text with a | in it
_MAX_CELL = 200


def _is_row(stripped: str) -> bool:
    """Whether a line is a table row: at least two cells between |, none of them a paragraph."""
    if "|" not in stripped:
        return False
    cells = [x for x in stripped.split("|") if x.strip()]
    return len(cells) >= 2 and max(map(len, cells)) <= _MAX_CELL


def _scan(doc: Doc, hr: CompiledHeadings, names: frozenset[str]) -> list[_ScannedLine]:
    text = doc.text
    out = []
    lines = list(doc.lines())
    running = _running(hr, lines)
    numbering = _Numbering()
    for s, e, raw in lines:
        lead = s + hr.lead.match(raw).end()
        stripped = text[lead:e].strip()
        ln = _ScannedLine(start=s, end=e, text=stripped, lead=lead,
                          marked_up=bool(hr.heading_mark.search(text, s, lead)),
                          run_together=e - s > hr.rules.title.run_together_len)
        out.append(ln)
        if not stripped:
            continue
        if (doc.noise_lines and doc.line_of(lead) in doc.noise_lines) or raw.strip() in running \
                or (len(stripped) <= hr.rules.chrome.max_len and hr.chrome.search(stripped)):
            ln.noise = True
            continue
        if _is_row(stripped):
            # a table row; only a box heading may carry empty cells after it
            ln.heading = _special(hr, text, lead, e, names)
            if ln.heading and ln.heading.kind != BOX:
                ln.heading = None
            continue
        ln.heading = _special(hr, text, lead, e, names, ln.run_together) \
            or _marked(hr, text, lead, e, names, run_together=ln.run_together)
        if ln.heading:
            numbering.saw(ln.heading)
        after = ln.heading.title[1] if ln.heading else lead
        ln.inline = _inline(hr, text, ln, after, names, numbering)
    return out


def _is_body(hr: CompiledHeadings, ln: _ScannedLine) -> bool:
    return len(ln.text) > hr.rules.standalone.max_len or "。" in ln.text


def _nonblank(lines: list[_ScannedLine], i: int, step: int) -> _ScannedLine | None:
    """The nearest non-blank line before (``step`` -1) or after (1) line ``i``; no copy of ``lines``."""
    j = i + step
    while 0 <= j < len(lines):
        if not lines[j].blank:
            return lines[j]
        j += step
    return None


def _standalone(hr: CompiledHeadings, lines: list[_ScannedLine], i: int, seen_heading: bool) -> bool:
    """Whether line ``i`` is an unmarked heading standing alone."""
    r = hr.rules.standalone
    t = lines[i].text
    if t.endswith(":"):
        if t.rstrip(":") not in hr.words:
            return False  # a lead-in to a list ('实现五个“10”:')
        t = t.rstrip(":")
    if not (r.min_len <= len(t) <= r.max_len) or hr.forbidden.search(t) or t[0].isdigit() or t.startswith("("):
        return False
    if "\t" in t.strip():
        return False  # a table row, cells separated by tabs (a table header: 指标 2020年 2025年)
    if t.startswith("“") and t.endswith("”") and "”" not in t[1:-1]:
        return False  # a quoted term alone (“十五五”): a sentence cut after its subject
    known = _SPACE.sub("", t) in hr.words
    prev = _nonblank(lines, i, -1)
    nxt = _nonblank(lines, i, 1)
    if prev is not None and prev.heading and prev.heading.kind == APPENDIX and (nxt is None or not nxt.noise) \
            and prev.heading.title[1] <= prev.heading.title[0]:
        return True  # the title of an appendix on the line under 附件1
    if nxt is None or nxt.noise or not (nxt.heading or _is_body(hr, nxt)):
        return False
    if nxt.heading and nxt.heading.kind == APPENDIX:
        return False
    if not seen_heading and hr.doc_title.search(t):
        return False  # the document's title
    if lines[i].marked_up:
        return True
    if prev is None or prev.noise:
        return known
    if prev.heading or prev.inline:
        return True
    ends = bool(hr.sentence_end.search(prev.text))
    if known and len(prev.text) <= r.max_len:
        return True  # after a short line (a title, a date), not inside a cut paragraph
    return ends and (known or len(prev.text) > r.max_len)


def find_headings(doc: Doc, hr: CompiledHeadings, names: frozenset[str] = frozenset()) -> list[Heading]:
    """Every heading of the document, in text order."""
    lines = _scan(doc, hr, names)
    out: list[Heading] = []
    seen = False
    for i, ln in enumerate(lines):
        if ln.blank or ln.noise:
            continue
        h = ln.heading
        if h and h.kind == APPENDIX:
            nxt = _nonblank(lines, i, 1)
            same_line_title = h.title[1] > h.title[0]
            if not same_line_title and (nxt is None or nxt.noise or hr.file_name.search(nxt.text)):
                h = None
        if h is None and not ln.inline and _standalone(hr, lines, i, seen):
            h = Heading(kind=UNMARKED, rank=None, item=False, num=None, marker=(ln.lead, ln.lead),
                        title=(ln.lead, ln.lead + len(ln.text.rstrip(":"))),
                        front=_SPACE.sub("", ln.text.rstrip(":")) in hr.rules.standalone.front)
            ln.heading = h
        if h:
            out.append(h)
        out.extend(ln.inline)
        seen = seen or bool(h or ln.inline)
    at = {id(ln.heading): i for i, ln in enumerate(lines) if ln.heading and ln.heading.kind == UNMARKED}
    return [h for h in out if id(h) not in at or not _label_with_siblings(hr, lines, at[id(h)])]


def _label_shaped(hr: CompiledHeadings, t: str) -> bool:
    r = hr.rules.standalone
    return r.min_len <= len(t) <= r.max_len and not hr.forbidden.search(t) and not t[0].isdigit() \
        and "\t" not in t and _SPACE.sub("", t) not in hr.words


def _label_with_siblings(hr: CompiledHeadings, lines: list[_ScannedLine], i: int) -> bool:
    """Whether an unmarked heading is the first of short labels set between body lines (``理念引领``
    / body / ``战略赋能`` / body): when a look-alike line after it, before the next heading, is no
    heading, neither is it (a box's or a list's labels)."""
    if lines[i].marked_up or not _label_shaped(hr, lines[i].text):
        return False
    for j in range(i + 1, len(lines)):
        ln = lines[j]
        if ln.heading or ln.inline:
            return False
        if not ln.blank and not ln.noise and _label_shaped(hr, ln.text):
            nxt = _nonblank(lines, j, 1)
            if nxt is not None and not nxt.noise and _is_body(hr, nxt):
                return True
    return False


# -- the tree -------------------------------------------------------------------


@dataclass
class _Frame:
    kind: str
    rank: float | None
    item: bool
    id: str
    level: int
    children: int = 0
    front: bool = False


def _child_id(stack: list[_Frame], roots: list[int]) -> str:
    if stack:
        stack[-1].children += 1
        return f"{stack[-1].id}.{stack[-1].children}"
    roots[0] += 1
    return str(roots[0])


def _pop_outer(stack: list[_Frame], h: Heading) -> None:
    """Close the frames a heading of a kind not on the stack does not nest in.

    A box's entries are its children only when they start a list of their own
    (``专栏1`` then ``1.``); a heading that continues a numbering (``3.`` after a
    box that followed ``2.``) closes the box.
    """
    while stack:
        top = stack[-1]
        if top.kind == BOX:
            if h.rank is not None and h.num in (None, 1):
                return
            stack.pop()
        elif h.rank is not None and top.rank is not None and top.rank > h.rank:
            stack.pop()
        else:
            return


@dataclass
class Placed:
    """A heading placed in the tree."""

    heading: Heading
    level: int
    id: str
    parent: str | None  # the id of the parent heading; None at the top and under a missing parent


def build_tree(headings: list[Heading]) -> list[Placed]:
    """Every heading placed in the tree, levels from the order of kinds."""
    stack: list[_Frame] = []
    roots = [0]
    out: list[Placed] = []
    for n, h in enumerate(headings):
        if stack and stack[-1].front:
            stack.pop()  # nothing nests under a preface
        if h.kind == APPENDIX:
            stack.clear()
        elif h.kind == BOX:
            box = next((j for j in range(len(stack) - 1, -1, -1) if stack[j].kind == BOX), None)
            if box is not None:
                del stack[box:]
            while stack and stack[-1].item:
                stack.pop()
        else:
            idx = next((j for j in range(len(stack) - 1, -1, -1) if stack[j].kind == h.kind), None)
            if idx is not None:
                del stack[idx:]
            else:
                _pop_outer(stack, h)
                if h.top:  # 第一部分 after 前言: parts and chapters never nest under an unmarked heading
                    while stack and (stack[-1].rank is None or stack[-1].rank > (h.rank or 0)):
                        stack.pop()
            if n == 0 and h.rank is not None and not h.outer and h.num and h.num > 1:
                # a fragment: its first heading's parent is not in the text
                stack.append(_Frame(kind="", rank=h.rank - 0.5, item=False, id="0", level=1))
        parent = stack[-1] if stack else None
        hid = _child_id(stack, roots)
        level = len(stack) + 1
        out.append(Placed(heading=h, level=level, id=hid, parent=parent.id if parent and parent.kind != "" else None))
        stack.append(_Frame(kind=h.kind, rank=h.rank, item=h.item, id=hid, level=level, front=h.front))
    return out


def _sibling_groups(headings: list[Heading]) -> list[tuple[str | None, str]]:
    """Each heading's group of siblings: its parent in the tree and its marker kind."""
    return [(p.parent, p.heading.kind) for p in build_tree(headings)]


def _tags(text: str, rules: RuleSet) -> list[str]:
    """The part-of-speech tags of the words of ``text``."""
    return [t for _w, t in tag(text, rules)]


def _marker_text(doc: Doc, h: Heading) -> str:
    a, b = h.marker
    if h.kind == UNMARKED:
        return ""
    return doc.kept_original(a, b).strip().replace(" ", "")


def segment(doc: Doc, rules: RuleSet) -> list[Section]:
    """Stage ``segment``: sections sorted by line."""
    hr = compiled(rules)
    names = gazetteer(rules).body_openers if hr.rules.title.region_opens_body else frozenset()
    in_tables = tables.body_lines_of(doc, rules)  # a table's rows are never sections
    headings = [h for h in find_headings(doc, hr, names) if doc.line_of(h.marker[0]) not in in_tables]
    headings = cut_run_in_predicates(hr, headings, doc.text, lambda title: tag(title, rules))
    headings = drop_list_items(headings, _sibling_groups, doc.text, hr.rules.list_item,
                               lambda head: _tags(head, rules))
    out = []
    doc.heading_spans = []
    for placed in build_tree(headings):
        h = placed.heading
        title = doc.kept_original(*h.title).strip() or (_marker_text(doc, h) if h.kind == APPENDIX else "")
        if not title:
            continue
        start = h.marker[0] if h.kind != UNMARKED else h.title[0]
        doc.heading_spans.append((start, h.title[1]))
        out.append(Section(id=placed.id, level=placed.level, marker=_marker_text(doc, h), title=title,
                           line=doc.line_of(start), parent=placed.parent).at(doc.mapped.to_original(start)))
    return out
