"""Reflow: the line structure a person sees, whatever the layout.

The same plan reaches users hard-wrapped at a page width (a PDF's text layer),
with paragraphs run together (a Word export, a scraped page), or as written.
Like the cleaners, each step edits a :class:`~plancmp.prepare.textmap.MappedText`,
so every character keeps its original line and records still point at the line
their digits start on.

``unwrap``
    A hard-wrapped copy cuts every long line at the same width, in the middle of
    words and numbers (``…达到99.`` ⏎ ``5%``, ``20`` ⏎ ``25年``). Found from
    evidence (many lines as long as a width no line goes past, most of them
    stopping mid-sentence), each such full line is joined with the next one,
    unless it ends a sentence or the next line opens a heading. Short lines
    (table cells, list items, headings) and paragraph ends are never joined.
    It runs inside stage ``clean`` (:data:`plancmp.prepare.clean.CLEANERS`),
    before page markers are looked for at the starts of the printed lines.
``split_at_headings`` (stage ``split``, right after segment)
    Run-together text (a Word export, a page whose paragraphs collapsed) holds
    headings inside its lines; once segment has found them, each gets a line of
    its own, so the extractors after it read a heading apart from the sentences
    around it.

The rules are ``rules/layout.toml``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel

from ..models import DocWarning
from ..ruleset import Regex, RuleSet, compiled_once
from .document import Doc, Findings
from .headings import HeadingRules
from .textmap import Edit, MappedText

# -- rule tables -----------------------------------------------------------------


class WrapRules(BaseModel):
    """``[wrap]`` of ``rules/layout.toml``: the evidence of a hard-wrapped copy (see the table's comments)."""

    min_chars: int = 12
    min_width: int = 20
    max_width: int = 100
    min_lines: int = 2
    min_share: float = 0.1
    max_over: float = 0.15
    chars_short: int = 1
    chars_over: int = 1
    columns_short: float = 0.1
    columns_over: int = 2
    min_cut_share: float = 0.5
    exact_share: float = 0.1
    heading_full: float = 0.8
    heading_rest: int = 20
    sentence_end: Regex = "[。!?;:…]$"
    table_gaps: int = 2


class LayoutRules(BaseModel):
    """``rules/layout.toml``."""

    wrap: WrapRules = WrapRules()


@dataclass(frozen=True)
class CompiledLayout:
    """``rules/layout.toml`` and the heading markers of ``rules/headings.toml``, compiled (:func:`compiled`)."""

    rules: LayoutRules
    sentence_end: re.Pattern[str]
    lead: re.Pattern[str]  # what comes before a heading marker on its line (indentation, ## …)
    heading_markers: tuple[re.Pattern[str], ...]  # every heading marker kind, the box and the appendix


@compiled_once
def compiled(rules: RuleSet) -> CompiledLayout:
    """The layout table and the heading markers, once per rule set."""
    r = rules.table("layout", LayoutRules)
    h = rules.table("headings", HeadingRules)
    markers = [k.pattern for k in sorted(h.kinds, key=lambda k: k.rank)] + [h.box.pattern, h.appendix.pattern]
    return CompiledLayout(rules=r, sentence_end=re.compile(r.wrap.sentence_end), lead=re.compile(h.title.lead),
                          heading_markers=tuple(re.compile(m) for m in markers))


# -- unwrap ------------------------------------------------------------------------------


@dataclass
class _Line:
    start: int  # in the text
    end: int  # end of the text without trailing spaces
    lead: int  # first non-space character
    chars: int  # length without trailing spaces, as printed (:func:`_printed`)
    columns: int  # display width as printed: two columns for a character outside ASCII

    @property
    def blank(self) -> bool:
        return self.lead >= self.end


#: a line this long is never a wrapped line: its width as printed is not looked up
_MAX_WRAPPED = 200


def _printed(t: MappedText, start: int, end: int) -> tuple[int, int]:
    """``(characters, columns)`` of the original line that ``t.text[start:end]`` ends on, as the
    file writes it: a wrap cut the text as printed, before glosses, letter spacing or chrome were
    taken out (``學(xué)`` counts five characters) and before a cut gloss joined two printed lines.
    A character outside ASCII (Han, full-width marks) takes two columns, an ASCII one one."""
    if end <= start:
        return 0, 0
    o = t.original
    written = o.line_text(o.line_of(t.to_original(end - 1))).rstrip()
    return len(written), 2 * len(written) - len(written.encode("ascii", "ignore"))


def _lines(t: MappedText) -> list[_Line]:
    out, pos = [], 0
    for part in t.text.split("\n"):
        body = part.rstrip()
        lead = len(body) - len(body.lstrip())
        n = len(body)
        chars, columns = _printed(t, pos, pos + n) if n <= _MAX_WRAPPED else (n, 2 * n)
        out.append(_Line(pos, pos + n, pos + lead, chars, columns))
        pos += len(part) + 1
    return out


@dataclass(frozen=True)
class Wrap:
    """The width a hard-wrapped copy was cut at, in ``chars`` or in ``columns`` (its ``measure``):
    a full line is at most ``short`` narrower and ``over`` wider."""

    measure: str
    width: int
    short: int
    over: int

    def of(self, ln: _Line) -> int:
        return ln.chars if self.measure == "chars" else ln.columns

    def full(self, ln: _Line) -> bool:
        return self.width - self.short <= self.of(ln) <= self.width + self.over


def _ceiling(values: list[int], short: Callable[[int], int], over: int, min_lines: int,
             max_over: float) -> tuple[int, int]:
    """``(width, full)``: the widest ``v`` that at least ``min_lines`` values reach (``v - short(v)`` to
    ``v + over``) and at most ``max_over`` of that many pass; ``(0, 0)`` when no width is such a ceiling."""
    values = sorted(values)
    n = len(values)
    for v in sorted(set(values), reverse=True):
        lo = bisect_left(values, v - short(v))
        hi = bisect_right(values, v + over)
        full, wider = hi - lo, n - hi
        if full >= min_lines and wider <= max_over * full:
            return v, full
        if wider > max_over * max(full, 1) and full >= min_lines:
            break
    return 0, 0


#: a gap between the columns of a row of a spaced table: two spaces or more between two cells
#: (not after a sentence's end or a comma, where some writers type two spaces)
_COLUMN_GAP = re.compile(r"(?<=[^\s。．.;；!！?？:：,，])[ \u3000]{2,}(?=\S)")


def _spaced_row(text: str, ln: _Line, gaps: int) -> bool:
    """Whether line ``ln`` is a row of a table set in columns by runs of spaces (``1   森林覆盖率
    %   18.6   20``): a hard wrap cuts sentences, it does not open column gaps."""
    return len(_COLUMN_GAP.findall(text, ln.lead, ln.end)) >= gaps


def find_wrap(t: MappedText, rules: CompiledLayout, every: list[_Line] | None = None) -> Wrap | None:
    """The width ``t`` is hard-wrapped at, or None without evidence (see ``rules/layout.toml``)."""
    r = rules.rules.wrap
    text = t.text
    every = every if every is not None else _lines(t)
    lines = [ln for ln in every if ln.chars >= r.min_chars and "|" not in text[ln.start:ln.end]
             and "\t" not in text[ln.start:ln.end] and not _spaced_row(text, ln, r.table_gaps)]
    if len(lines) < r.min_lines:
        return None
    # a cut line goes on on the next line: a full line before a blank one (or the last) is no evidence
    goes_on = {id(a) for a, b in zip(every, every[1:]) if not b.blank}
    best: Wrap | None = None
    best_n = 0
    shapes: list[tuple[str, Callable[[int], int], int, int]] = [
        ("chars", lambda v: r.chars_short, r.chars_over, 1),
        ("columns", lambda v: max(2, round(r.columns_short * v)), r.columns_over, 2)]
    for measure, short, over, scale in shapes:
        values = [ln.chars if measure == "chars" else ln.columns for ln in lines]
        # the width is a ceiling: lines of every length, as written, have none
        width, n = _ceiling(values, short, over, r.min_lines, r.max_over)
        if not scale * r.min_width <= width <= scale * r.max_width or n < r.min_share * len(lines):
            continue
        wrap = Wrap(measure, width, short(width), over)
        if measure == "chars" and _exact(values, width, r.exact_share):
            wrap = Wrap(measure, width, 0, 0)  # cut at exactly so many characters: a line one short is whole
        full = [ln for ln in lines if wrap.full(ln)]
        cut = sum(1 for ln in full if id(ln) in goes_on and not rules.sentence_end.search(text, ln.start, ln.end))
        if cut < r.min_lines or cut < r.min_cut_share * len(full):
            continue
        if n > best_n:
            best, best_n = wrap, n
    return best


def _exact(values: list[int], width: int, share: float) -> bool:
    """Whether lines are cut at exactly ``width`` characters: hardly any line is one shorter or longer
    (an export that keeps a full stop or an opening bracket off a line's edge makes many)."""
    near = values.count(width - 1) + values.count(width + 1)
    return near <= max(1.0, share * values.count(width))


def _opens_heading(text: str, ln: _Line, rules: CompiledLayout) -> bool:
    lead = rules.lead.match(text, ln.start, ln.end)
    p = lead.end() if lead else ln.lead
    return any(m.match(text, p, ln.end) for m in rules.heading_markers)


def _joint(text: str, a: int, b: int) -> str:
    """What joins two pieces of a cut line (``text[a:b]`` is the break): nothing, or one space where
    the break holds one (a title set off from its body: ``(五)构建…体系 `` ⏎ ``建设…``) or parts two
    Latin words."""
    if text.count(" ", a, b) or text.count("\t", a, b):
        return " "
    if a > 0 and b < len(text) and text[a - 1].isascii() and text[a - 1].isalpha() \
            and text[b].isascii() and text[b].isalpha():
        return " "
    return ""


def _removed_between(t: MappedText, a: int, b: int) -> bool:
    """Whether cleaning took something out of the original between ``t.text[a]`` and ``t.text[b]``
    (only blank lines stand there now): a page's chrome, so a page break inside a paragraph."""
    o1, o2 = t.span_to_original(a, b)
    return bool(t.original.text[o1:o2].strip())


def unwrap(t: MappedText, ruleset: RuleSet) -> tuple[MappedText, Findings]:
    """Join the lines of a hard-wrapped copy where they were cut (see the module docstring).

    Runs in stage ``clean``, after web chrome is taken out and before page markers are looked for
    at the starts of the lines as printed.
    """
    f = Findings()
    rules = compiled(ruleset)
    text = t.text
    lines = _lines(t)
    wrap = find_wrap(t, rules, lines)
    if wrap is None:
        return t, f
    r = rules.rules.wrap
    edits: list[Edit] = []
    for i, ln in enumerate(lines[:-1]):
        if ln.blank or rules.sentence_end.search(text, ln.start, ln.end):
            continue
        full = wrap.full(ln)
        # a heading set in a larger font holds fewer characters: nearly full, its title goes on
        heading = not full and wrap.of(ln) >= r.heading_full * wrap.width and _opens_heading(text, ln, rules)
        if not (full or heading):
            continue
        j = i + 1
        while j < len(lines) and lines[j].blank:
            j += 1
        if j >= len(lines) or _opens_heading(text, lines[j], rules):
            continue
        if j > i + 1 and not _removed_between(t, ln.end, lines[j].lead):
            continue  # a paragraph ends here; a page's chrome between would be a page break
        nxt = lines[j]
        if _spaced_row(text, ln, r.table_gaps) or _spaced_row(text, nxt, r.table_gaps):
            continue  # rows of a table set in columns are whole lines
        if heading and (nxt.chars > r.heading_rest or rules.sentence_end.search(text, nxt.start, nxt.end)):
            continue  # the heading was whole: body text follows
        edits.append(Edit(ln.end, nxt.lead, _joint(text, ln.end, nxt.lead)))
    if not edits:
        return t, f
    out = t.apply(edits, "unwrap")
    unit = "characters" if wrap.measure == "chars" else "columns"
    f.warnings.append(DocWarning(code="hard-wrapped", line=t.line_of(edits[0].start),
                                 message=f"joined {len(edits)} lines cut at a width of {wrap.width} {unit} "
                                         "(a hard-wrapped copy, such as a PDF's text layer)"))
    return out, f


# -- split at headings -------------------------------------------------------------------

#: after a heading's title, one of these (or a space, or the line end) already parts it from the body
_PARTED = "。;!?:,、"
_SPACES = re.compile(r"\s*")


def split_at_headings(doc: Doc) -> Doc:
    """Stage ``split`` (after segment): a heading found inside a line of run-together text
    (``…稳步推进。(二)优化布局坚持…``) gets a line of its own, and a body run into its title
    without punctuation starts a new line, so the extractors after segment read the lines a
    person sees: a sentence, a clause or a metric never runs across a heading. Inserted line
    breaks map to the character after them; every record keeps its original line."""
    text, starts = doc.text, doc.line_starts
    at: set[int] = set()
    for start, title_end in doc.heading_spans:
        line_start = starts[bisect_right(starts, start) - 1]
        if _SPACES.match(text, line_start, start).end() < start:  # text before it on its line (no slice
            at.add(start)  # of the line: a line of run-together text holds thousands of headings)
        if title_end < len(text) and not text[title_end].isspace() and text[title_end] not in _PARTED:
            at.add(title_end)
    doc.heading_spans = []  # positions in the text before the split
    if at:
        doc.set_text(doc.mapped.apply([Edit(p, p, "\n") for p in sorted(at)], "split", record=False))
    return doc
