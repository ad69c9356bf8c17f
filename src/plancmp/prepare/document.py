"""The document every extraction stage reads: cleaned text plus its map back."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from ..models import DocWarning, Section
from .textmap import MappedText, Original

# sentence ends for `text` fields: Chinese full stop, semicolons, exclamation and question marks
_SENT_END = re.compile(r"[。;；!！?？\n]")
#: a record's ``text`` is at most about this long (see :meth:`Doc.sentence`)
MAX_TEXT = 400
_CLAUSE_END = re.compile(r"[,，、:：\s]")


@dataclass
class Findings:
    """What a cleaning or reflowing step found: lines it blanked (by kind) and warnings to report."""

    noise: dict[str, list[int]] = field(default_factory=dict)  # kind -> original lines
    warnings: list[DocWarning] = field(default_factory=list)


@dataclass
class Doc:
    """A plan after read → normalize → clean.

    ``text`` is what the extractors match on: half-width digits and
    punctuation, page markers and web chrome removed, pages re-joined, spun
    words reversed. Use :meth:`line_of` and :meth:`span_of` for provenance and
    :meth:`original_text` for the ``text`` field of records.
    """

    path: str
    encoding: str
    sha256: str
    mapped: MappedText
    warnings: list[DocWarning] = field(default_factory=list)
    noise_lines: set[int] = field(default_factory=set)  # original lines recognised as page chrome
    #: where each section's heading starts and its title ends in ``text`` (set by segment; reflow's
    #: split_at_headings gives a heading inside a line of run-together text its own line)
    heading_spans: list[tuple[int, int]] = field(default_factory=list)
    #: what a stage derived from the text and another stage reads again (tables found once for
    #: the tables and the targets stage); keys name the stage; emptied when cleaning changes the text
    derived: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.mapped.text

    def set_text(self, mapped: MappedText) -> None:
        """Replace the text (the clean stage does), forgetting everything cached on the old one."""
        self.mapped = mapped
        for name, attr in vars(Doc).items():
            if isinstance(attr, cached_property):
                self.__dict__.pop(name, None)
        self.__dict__.pop("_last_sentence", None)
        self.derived.clear()

    @property
    def original(self) -> Original:
        return self.mapped.original

    @cached_property
    def line_starts(self) -> list[int]:
        """Offsets in ``text`` where each cleaned line starts."""
        starts = [0]
        starts.extend(m.end() for m in re.finditer("\n", self.text))
        return starts

    def lines(self) -> list[tuple[int, int, str]]:
        """``(start, end, line_text)`` for every line of the cleaned text.

        Computed once and shared by every caller (stages call it per record): do not modify it.
        """
        return self._lines

    @cached_property
    def _lines(self) -> list[tuple[int, int, str]]:
        t = self.text
        out = []
        for i, s in enumerate(self.line_starts):
            e = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(t)
            out.append((s, e, t[s:e]))
        return out

    def on_original_lines(self) -> str:
        """The cleaned text laid out on the original's lines (what ``plancmp clean`` prints): line N
        holds what extraction reads from line N of the original (or of the text a reader extracted
        from a web page, .docx or PDF), so ``sed -n Np`` on it shows the line a record points to.
        Chrome lines are blank; a line end that cleaning joined (a page break, a wrapped PDF line)
        shows as the line end it was."""
        out: list[list[str]] = [[] for _ in range(self.original.n_lines)]
        for s, e, line in self.lines():
            if s == e:
                continue
            first, last = self.line_of(s), self.line_of(e - 1)
            if first == last:
                out[first - 1].append(line)
                continue
            for i in range(s, e):  # a re-joined line: character by character, only here
                out[self.line_of(i) - 1].append(self.text[i])
        return "".join("".join(parts).rstrip("\r") + "\n" for parts in out)

    def line_of(self, pos: int) -> int:
        """Original 1-based line of a position in ``text``."""
        return self.mapped.line_of(pos)

    def span_of(self, start: int, end: int) -> tuple[int, int]:
        """Original half-open span of ``text[start:end]``."""
        return self.mapped.span_to_original(start, end)

    def original_text(self, start: int, end: int) -> str:
        """The original text behind ``text[start:end]``."""
        a, b = self.span_of(start, end)
        return self.original.text[a:b]

    def kept_original(self, start: int, end: int) -> str:
        """The original characters behind ``text[start:end]``, without what cleaning removed between them
        (a page marker and the page break around it inside a heading)."""
        if end <= start:
            return ""
        a, b = self.span_of(start, end)
        orig = self.original.text[a:b]
        if "\n" not in orig and "\r" not in orig:
            return orig
        offs = sorted({self.mapped.to_original(i) for i in range(start, end)})
        return "".join(self.original.text[o] for o in offs if self.original.text[o] not in "\r\n")

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """Bounds in ``text`` of the sentence around ``pos`` (to 。；！？ or line end)."""
        ends = self._sentence_ends  # bisect, not a walk back: called once per number, even on a 1 MB line
        i = bisect_right(ends, pos)
        lo = ends[i - 1] if i else 0
        if i == len(ends):
            return lo, len(self.text)
        hi = ends[i]
        return lo, hi - 1 if self.text[hi - 1] == "\n" else hi

    @cached_property
    def _sentence_ends(self) -> list[int]:
        """Offsets just after each sentence end (or line end) of ``text``."""
        return [m.end() for m in _SENT_END.finditer(self.text)]

    def sentence(self, pos: int) -> str:
        """The original sentence around ``pos`` (for a record's ``text``), stripped.

        A sentence longer than :data:`MAX_TEXT` (figures listed without a full stop, a page run
        together without punctuation) gives the clauses around ``pos`` instead: one record per figure
        must not each carry the whole run, which would make the output grow with its square.
        """
        lo, hi = self.sentence_bounds(pos)
        if hi - lo > MAX_TEXT:
            lo, hi = self._clauses_around(pos, lo, hi)
        last = self.__dict__.get("_last_sentence")
        if last is not None and last[0] == (lo, hi):
            return last[1]  # the records of one sentence share its text: one copy, not one per figure
        text = self.original_text(lo, hi).strip()
        self.__dict__["_last_sentence"] = ((lo, hi), text)
        return text

    def _clauses_around(self, pos: int, lo: int, hi: int) -> tuple[int, int]:
        """Bounds of the whole clauses of ``text[lo:hi]`` within ``MAX_TEXT / 2`` of ``pos``."""
        a, b = max(lo, pos - MAX_TEXT // 2), min(hi, pos + MAX_TEXT // 2)
        first = _CLAUSE_END.search(self.text, a, pos)
        if first and a > lo:
            a = first.end()
        if b < hi:
            last = None
            for last in _CLAUSE_END.finditer(self.text, pos, b):
                pass
            if last:
                b = last.start()
        return a, b


def section_at(sections: list[Section], line: int, offset: int | None = None) -> str | None:
    """Id of the innermost section that contains original ``line`` (sections sorted by line).

    Given the record's ``offset`` in the original, the section is the one whose heading comes last
    before it, so a line that holds several headings (run-together text: ``…达到95%。二、主要任务…``)
    gives each record the section it is written in.
    """
    if offset is not None and sections and all(s.offset is not None for s in (sections[0], sections[-1])):
        i = bisect_right(sections, offset, key=lambda s: s.offset)  # O(log n): called once per record
    else:
        i = bisect_right(sections, line, key=lambda s: s.line)
    return sections[i - 1].id if i else None
