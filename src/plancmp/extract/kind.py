"""Kind and year of a target: what the plan reports (baseline) or commits to (target), and when.

The default kind of a line comes from the titles of the sections around it
(``rules/kind.toml``: 发展基础 → baseline, 主要目标 → target); cue words in the
sentence before a number can flip it (现有, 累计 / 力争, 到2025). The year is
the last one the sentence states before the number, unless it is a comparison
(比2016年).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable

from pydantic import BaseModel, Field

from ..models import Section
from ..prepare.document import Doc, section_at
from ..prepare.headings import HeadingRules
from ..ruleset import RuleSet, compiled_once
from .numbers import year_words


class KindCues(BaseModel):
    baseline_sections: list[str]
    target_sections: list[str]
    baseline_cues: list[str]
    baseline_not: list[str] = Field(default=[])
    weak_baseline_cues: list[str] = Field(default=[])
    target_cues: list[str]


@dataclass(frozen=True)
class CompiledKind:
    """What the kind decision derives from ``rules/kind.toml`` and ``rules/headings.toml``."""

    cues: KindCues
    year_comparison: tuple[str, ...]  # a year right after one of these is not the record's year: 比2016年
    #: heading markers at a line start with their rank (smaller is outer), read only when the
    #: segmenter found no sections: the marker kinds and the box of ``rules/headings.toml``
    markers: list[tuple[int, re.Pattern[str]]]


@compiled_once
def compiled(rules: RuleSet) -> CompiledKind:
    h = rules.table("headings", HeadingRules)
    kinds = sorted(h.kinds, key=lambda k: k.rank)
    markers = [(k.rank, re.compile(rf"\s*({k.pattern})")) for k in kinds]
    # a box hangs under the nearest heading that is no item
    box_rank = min((k.rank for k in kinds if k.item), default=len(kinds))
    markers.append((box_rank, re.compile(rf"\s*({h.box.pattern})")))
    return CompiledKind(cues=rules.table("kind", KindCues), year_comparison=tuple(year_words(rules).comparison),
                        markers=markers)


#: the longest line read as a heading when the segmenter found no sections
_FALLBACK_HEADING_MAX = 60


class KindContext:
    """The default kind of each line, from the titles of the sections that contain it."""

    def __init__(self, doc: Doc, sections: list[Section], rules: RuleSet) -> None:
        kind = self.compiled = compiled(rules)
        self.cues = kind.cues
        self.sections = sections
        self.by_id = {s.id: s for s in sections}
        self.fallback: list[tuple[int, int, str]] = []  # (line, level, title)
        if not sections:
            for s, _e, text in doc.lines():
                if len(text.strip()) > _FALLBACK_HEADING_MAX:
                    continue
                for level, marker in kind.markers:
                    m = marker.match(text)
                    if m:
                        title = text.strip()[len(m.group(1).strip()):].split("。")[0]
                        self.fallback.append((doc.line_of(s), level, title))
                        break

    def titles(self, line: int, offset: int | None = None) -> list[str]:
        """Titles of the enclosing sections, innermost first (``offset``: the record's, in the original)."""
        if self.sections:
            sid = section_at(self.sections, line, offset)
            out = []
            while sid:
                s = self.by_id.get(sid)
                if s is None:
                    break
                out.append(s.title)
                sid = s.parent
            return out
        chain: dict[int, str] = {}
        for ln, level, title in self.fallback:
            if ln > line:
                break
            chain = {k: v for k, v in chain.items() if k < level}
            chain[level] = title
        return [chain[k] for k in sorted(chain, reverse=True)]

    def section_kind(self, line: int, offset: int | None = None) -> tuple[str, str]:
        """The outermost enclosing section with a cue decides: a review part keeps its
        sub-sections (教育保障能力显著增强) baseline, a tasks part keeps 夯实发展基础 target."""
        cues = self.cues
        for t in reversed(self.titles(line, offset)):
            for cue in cues.baseline_sections:
                if cue in t:
                    return "baseline", f"section {t!r} ({cue})"
            for cue in cues.target_sections:
                if cue in t:
                    return "target", f"section {t!r} ({cue})"
        return "target", "default (no section cue)"


def decide_kind(kinds: KindContext, line: int, has: Callable[[str], bool], comparator: str = "=",
                offset: int | None = None) -> tuple[str, str]:
    """Kind of a number from its section and the cue words of its sentence before it
    (``has``: whether a cue word occurs there, :meth:`SentenceFacts.has_cue`)."""
    cues = kinds.cues
    kind, why = kinds.section_kind(line, offset)
    if kind == "baseline":
        for cue in cues.target_cues:
            if has(cue):
                return "target", f"cue {cue!r} in a baseline {why}"
    else:
        for cue in cues.baseline_cues:
            if has(cue):
                if cue in cues.weak_baseline_cues and comparator in (">=", ">", "range"):
                    why = f"cue {cue!r} with a floor {comparator} is a commitment ({why})"
                    continue
                return "baseline", f"cue {cue!r} ({why})"
    return kind, why


_YEAR = re.compile(r"(?<![\d.\-~])((?:19|20)\d{2})\s*年(?!\s*[-~至到]\s*\d)")


class SentenceFacts:
    """Years and kind cues of one sentence, found once and looked up per number by position.

    ``year_before(pos)`` is the last year the sentence states before ``pos``, unless that year is
    a comparison (比2016年), and ``has_cue(cue, pos)`` whether a kind cue word (outside the
    ``baseline_not`` phrases) occurs before ``pos``, without re-scanning the sentence for every
    number of a long enumeration.
    """

    def __init__(self, start: int, text: str, kind: CompiledKind, lead: str = "") -> None:
        self.start = start
        # years are read from ``lead`` too: the clauses before the sentence up to the last full
        # stop (到2025年,A达到…;B达到… gives B its year as well)
        self.year_base = start - len(lead)
        ytext = lead + text
        self.years: list[tuple[int, int | None]] = []  # (end in ytext, year or None for 比2016年)
        for m in _YEAR.finditer(ytext):
            compared = ytext.endswith(kind.year_comparison, 0, m.start())
            self.years.append((m.end(), None if compared else int(m.group(1))))
        self.year_ends = [e for e, _ in self.years]
        cues = kind.cues
        masked = text
        for n in cues.baseline_not:
            masked = masked.replace(n, "\0" * len(n))
        self.cue_end: dict[str, int] = {}
        for cue in {*cues.baseline_cues, *cues.target_cues}:
            i = masked.find(cue)
            if i >= 0:
                self.cue_end[cue] = i + len(cue)

    def year_before(self, pos: int) -> int | None:
        i = bisect_right(self.year_ends, pos - self.year_base)
        return self.years[i - 1][1] if i else None

    def has_cue(self, cue: str, pos: int) -> bool:
        e = self.cue_end.get(cue)
        return e is not None and e <= pos - self.start
