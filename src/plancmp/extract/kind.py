"""Kind and year of a target: what the plan reports (baseline) or commits to (target), and when.

The default kind of a line comes from the titles of the sections around it
(``rules/kind.toml``: 发展基础 → baseline, 主要目标 → target), else from the
document (a report of work done, 实施情况汇报, is baseline); cue words in the
sentence before a number flip it (现有, 累计, 截至, 至今 / 力争, 将, 到2025),
and so does the year the sentence states, read against the document's time
(:class:`DocTime`): a year before the plan period, before the document was
issued, or up to the latest 截至 date it reports is past, a baseline; a year
at or after the plan's end is a target.

The year is the last one the sentence states before the number, unless it is a
comparison (比2016年), a starting point (2011年…至今) or one end of a span
(2016—2018年, 2026年至2030年). A sentence opening with 其中 continues the one
before it: its cues and year hold for it too (the year then says so in doubts).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from collections.abc import Callable, Iterable

from pydantic import BaseModel, Field

from ..models import Meta, Section
from ..prepare.document import Doc, section_at
from ..prepare.headings import HeadingRules
from ..ruleset import Regex, RuleSet, compiled_once
from .meta import compiled as meta_rules
from .meta import five_year_period, page_dated
from .numbers import dated_start, parse_integer, year_words


class KindCues(BaseModel):
    baseline_sections: list[str]
    target_sections: list[str]
    baseline_cues: list[str]
    baseline_not: list[str] = Field(default=[])
    weak_baseline_cues: list[str] = Field(default=[])
    target_cues: list[str]
    review_titles: list[str] = Field(default=[], description="titles of documents that report work done: 汇报")
    since_words: list[str] = Field(default=[], description="after a year, make it a starting point: 至今, 以来")
    present_words: list[str] = Field(default=[], description="before a year, say the document has reached it: 截至")
    continuing: list[str] = Field(default=[], description="a sentence opening with these continues the one before: 其中")
    plan_total: Regex = Field(default="(?!)", description="before a weak cue, makes it the total of a span: 五年累计")
    past_span: Regex = Field(default="(?!)", description="a span of the past (近三年, 五年来): a baseline cue")
    assumed_period_start: int | None = Field(default=None, description=(
        "the first year of the five-year period a text is assumed to belong to when neither its title nor "
        "its issue date says (a lone sentence): an earlier period named in it is the past"))


@dataclass(frozen=True)
class CompiledKind:
    """What the kind decision derives from ``rules/kind.toml`` and ``rules/headings.toml``."""

    cues: KindCues
    plan_total: re.Pattern[str]  # a span before a weak cue: 五年累计
    past_span: re.Pattern[str]  # 近三年, 五年来
    year_comparison: tuple[str, ...]  # a year right after one of these is not the record's year: 比2016年
    dated_start: re.Pattern[str]  # after a year of a starting value without 由: 楼宇2020年的30幢增长至40幢
    five_year: re.Pattern[str]  # a five-year period named (十三五, 第十四个五年): meta.toml's pattern
    five_year_years: Callable[[int], tuple[int, int]]  # the years of the n-th five-year plan
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
    cues = rules.table("kind", KindCues)
    mr = meta_rules(rules)
    return CompiledKind(cues=cues, plan_total=re.compile(cues.plan_total), past_span=re.compile(cues.past_span),
                        year_comparison=tuple(year_words(rules).comparison), dated_start=dated_start(rules),
                        five_year=mr.five_year, five_year_years=lambda n: five_year_period(mr, n),
                        markers=markers)


#: the longest line read as a heading when the segmenter found no sections
_FALLBACK_HEADING_MAX = 60

_ISSUED_YEAR = re.compile(r"^((?:19|20)\d{2})")
#: a title naming a five-year plan (“十四五”, 第十五个五年) dates the document by itself
_FIVE_YEAR_WORD = re.compile(r"[一二三四五六七八九十]五|个五年")


@dataclass(frozen=True)
class DocTime:
    """What the document says about time, for reading the year of a figure.

    ``start``/``end``: the plan period (meta); ``issued``: the year it was issued (meta);
    ``present``: the latest year it reports as reached (截至2019年底) that is before the plan's
    end; ``review``: its title says it reports work done (实施情况汇报).
    """

    start: int | None = None
    end: int | None = None
    issued: int | None = None
    present: int | None = None
    review: str = ""  # the review word of the title, "" when none
    anchored: bool = False  # the plan period is read from the title or dated by the issue date
    assumed_start: int | None = None  # the first year of the period assumed when nothing anchors it

    def past(self, year: int) -> str:
        """Why ``year`` is past for this document, or ``""``."""
        if self.start and year < self.start:
            return f"before the plan period ({self.start}-)"
        if self.issued and year < self.issued:
            return f"before the document was issued ({self.issued})"
        if self.present and year <= self.present:
            return f"up to the date the document reports ({self.present})"
        return ""

    def future(self, year: int) -> str:
        """Why ``year`` is a target year for this document, or ``""``."""
        if self.end and year >= self.end and not self.past(year):
            return f"at or after the plan's end ({self.end})"
        return ""

    def period_kind(self, first: int, last: int) -> str:
        """What a five-year period named in the text (its years ``first``-``last``) is to this
        document: ``baseline`` when it ended before the plan's period, ``target`` when it is the
        plan's own or later. A 十三五 plan's 十三五期间 is its own period; a 十四五 plan's is the
        last one. The plan's period counts when the title or the issue date gives the document's
        time; otherwise (a period read from the body alone, a lone sentence) the period of
        ``kind.toml`` ``assumed_period_start`` stands for it."""
        start = self.start if self.anchored else self.assumed_start
        if not start:
            return ""
        return "baseline" if last < start else "target"


def doc_time(doc: Doc, meta: Meta | None, cues: KindCues) -> DocTime:
    """The :class:`DocTime` of ``doc`` from its metadata and the 截至 dates of its text."""
    if meta is None:
        return DocTime()
    start, end = meta.period.start, meta.period.end
    # a web page's date is not the document's time: a plan for 2020 reposted in 2023 still sets targets
    m = None if page_dated(doc) else _ISSUED_YEAR.match(meta.issued or "")
    issued = int(m.group(1)) if m else None
    present = None
    if cues.present_words:
        words = "|".join(re.escape(w) for w in cues.present_words)
        for y in re.finditer(rf"(?:{words})(?:到|至)?\s*((?:19|20)\d{{2}})\s*年", doc.text):
            year = int(y.group(1))
            if (end is None or year < end) and (issued is None or year <= issued):
                present = max(present or year, year)
    review = next((w for w in cues.review_titles if w in (meta.title or "")), "")
    title = meta.title or ""
    anchored = bool(start) and (issued is not None or str(start) in title or _FIVE_YEAR_WORD.search(title) is not None)
    return DocTime(start=start, end=end, issued=issued, present=present, review=review, anchored=anchored,
                   assumed_start=cues.assumed_period_start)


class KindContext:
    """The default kind of each line, from the titles of the sections that contain it, and the
    time of the document."""

    def __init__(self, doc: Doc, sections: list[Section], rules: RuleSet, meta: Meta | None = None) -> None:
        kind = self.compiled = compiled(rules)
        self.cues = kind.cues
        self.sections = sections
        self.time = doc_time(doc, meta, kind.cues)
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

    def five_year_kind(self, text: str) -> tuple[str, str] | None:
        """(kind, the period's name) of the five-year period ``text`` names, when the plan's time
        says what it is (:meth:`DocTime.period_kind`); the first period named decides."""
        for first, last, name in five_year_periods(text, self.compiled):
            kind = self.time.period_kind(first, last)
            if kind:
                return kind, name
        return None

    def section_year(self, line: int, offset: int | None = None) -> int | None:
        """The year the innermost section title stating one year gives (2024年工作计划), or None."""
        for t in self.titles(line, offset):
            years = [m for m in _YEAR.finditer(t)]
            if len(years) == 1 and not _SPAN_BEFORE.search(t[:years[0].start()]):
                return int(years[0].group(1))
            if years:
                return None
        return None

    def section_kind(self, line: int, offset: int | None = None) -> tuple[str, str, str]:
        """Kind, why, and where it comes from (``section``, ``document`` or ``default``).

        The outermost enclosing section with a cue decides: a review part keeps its
        sub-sections (教育保障能力显著增强) baseline, a tasks part keeps 夯实发展基础 target;
        without one, a document that reports work done is baseline."""
        cues = self.cues
        for t in reversed(self.titles(line, offset)):
            named = self.five_year_kind(t)
            if named and named[0] == "baseline":  # (“十三五”发展回顾; the plan's own period in a
                # heading, such as the plan's title standing as one, says nothing of its part)
                return "baseline", f"section {t!r} ({named[1]}, an earlier period)", "section"
            for cue in cues.baseline_sections:
                if cue in t:
                    return "baseline", f"section {t!r} ({cue})", "section"
            for cue in cues.target_sections:
                if cue in t:
                    return "target", f"section {t!r} ({cue})", "section"
        if self.time.review:
            return "baseline", f"the document reports work done ({self.time.review!r} in its title)", "document"
        return "target", "default (no section cue)", "default"


@dataclass(frozen=True)
class KindDecision:
    """A record's kind, why, and what decided it: ``cue`` (a word of its sentence), ``year``,
    ``section``, ``document`` or ``default``."""

    kind: str
    why: str
    source: str


def _nearest(names: Iterable[str], cue_at: Callable[[str], int | None]) -> tuple[str, int] | None:
    """The cue of ``names`` that ends last before the number (the nearest), with where it ends."""
    found = [(e, c) for c in names if (e := cue_at(c)) is not None]
    return (max(found)[1], max(found)[0]) if found else None


def decide_kind(kinds: KindContext, line: int, cue_at: Callable[[str], int | None], comparator: str = "=",
                year: int | None = None, compared: int | None = None, offset: int | None = None) -> KindDecision:
    """Kind of a number from the cue words of its sentence before it (``cue_at``: where a cue word
    ends before the number, or None, :meth:`SentenceFacts.cue_before`; the nearest cue wins:
    截至目前…已有…，今年计划投入 is a target), else the year it states (or the year it is compared
    with: 比2015年增加, a change over the period before the plan's), else its section."""
    cues = kinds.cues
    kind, why, source = kinds.section_kind(line, offset)
    future = kinds.time.future(year) if year is not None else ""
    floor = comparator in (">=", ">", "range")
    # 累计…不少于 (a floor), 到2030年，累计盘活 (a total by the plan's end), 累计达到 in 主要目标: commitments
    weak = set(cues.weak_baseline_cues) if kind == "target" and (floor or future or source == "section") else set()
    base = _nearest([c for c in (*cues.baseline_cues, PAST_SPAN, EARLIER_PERIOD) if c not in weak], cue_at)
    target = _nearest([*cues.target_cues, OWN_PERIOD], cue_at)
    if kind == "target" and base and (target is None or base[1] >= target[1]):
        return KindDecision("baseline", f"cue {base[0]!r} ({why})", "cue")
    if kind == "baseline" and target and (base is None or target[1] > base[1]):
        return KindDecision("target", f"cue {target[0]!r} in a baseline {why}", "cue")
    if any(cue_at(c) is not None for c in weak):
        why = f"a total with {'a floor' if floor else future or 'a goals section'} is a commitment ({why})"
    if year is not None:
        past = kinds.time.past(year)
        if kind == "target" and past:
            return KindDecision("baseline", f"year {year} is {past}", "year")
        if kind == "baseline" and future:
            return KindDecision("target", f"year {year} is {future}", "year")
        if past or future:
            source = "year"
    start = kinds.time.start
    if year is None and compared is not None and start and compared < start - 1 and kind == "target":
        return KindDecision("baseline", f"a change since {compared}, before the plan period ({start}-)", "year")
    agreeing = target if kind == "target" else base
    if agreeing and source != "year":  # 将新建…: the sentence says what the section or default says
        return KindDecision(kind, f"cue {agreeing[0]!r} ({why})", "cue")
    return KindDecision(kind, why, source)


_YEAR = re.compile(r"(?<![\d.\-~])((?:19|20)\d{2})\s*年(?!\s*[-~至到—–]\s*\d)")

#: a year ending a span: 2016—2018年, 2026年至2030年
_SPAN_BEFORE = re.compile(r"(?:19|20)\d{2}\s*年?\s*[-~至到—–]\s*$")

#: the cue name of a span of the past (近三年, 五年来), found by ``past_span``
PAST_SPAN = "<past span>"

#: the cue names of a five-year period named in the sentence (十三五期间), by what it is to the plan
EARLIER_PERIOD, OWN_PERIOD = "<an earlier five-year period>", "<the plan's own five-year period>"


def five_year_periods(text: str, kind: CompiledKind, comparison: bool = False) -> list[tuple[int, int, str]]:
    """(first year, last year, name) of each five-year period ``text`` names (“十三五”, 十四五时期,
    第十五个五年), in order; a period a figure is compared with (比“十三五”末) only with ``comparison``."""
    out = []
    plain = "".join(c for c in text if c not in _QUOTES)
    for m in kind.five_year.finditer(plain):
        n = parse_integer(m.group("n") or m.group("n2") or "")
        if not n or n < 3:
            continue
        if not comparison and plain.endswith(kind.year_comparison, 0, m.start()):
            continue
        first, last = kind.five_year_years(n)
        out.append((first, last, m.group(0)))
    return out

#: quotes a cue word may be written with: “十三五”期间
_QUOTES = frozenset("“”\"'‘’")

#: a starting-point word is looked for this far after a year (2011年出台了《…》至今)
_SINCE_WINDOW = 30


class SentenceFacts:
    """Years and kind cues of one sentence, found once and looked up per number by position.

    ``year_before(pos)`` is the last year the sentence states before ``pos``, unless that year is
    a comparison (比2016年), a starting point (…以来, …至今) or one end of a span, and
    ``cue_before(cue, pos)`` where a kind cue word (outside the ``baseline_not`` phrases) occurs
    before ``pos``, without re-scanning the sentence for every number of a long enumeration.
    ``previous``: the sentence before, when this one opens with a continuing word (其中).
    """

    def __init__(self, start: int, text: str, kind: CompiledKind, lead: str = "", previous: str = "",
                 time: DocTime | None = None) -> None:
        self.start = start
        cues = kind.cues
        self.continues = bool(previous) and text.lstrip().startswith(tuple(cues.continuing))
        # years are read from ``lead`` too: the clauses before the sentence up to the last full
        # stop (到2025年,A达到…;B达到… gives B its year as well)
        self.year_base = start - len(lead)
        self.lead_len = len(lead)
        self.years = self._years(lead + text, kind)
        self.year_ends = [e for e, _ in self.years]
        self.compared = [(e, int(m.group(1))) for m in _YEAR.finditer(text)
                         for e in [m.end()] if text.endswith(kind.year_comparison, 0, m.start())]
        # cues are looked for without quotes (“十三五”期间 is 十三五期间); ends map back to ``text``
        kept = [i for i, c in enumerate(text) if c not in _QUOTES]
        masked = "".join(text[i] for i in kept)
        # a sentence that names its own period (其中,“十四五”期间新建…) does not take the year before
        own_time = kind.five_year.search(masked) is not None
        self.previous_year = next((y for _, y in reversed(self._years(previous, kind)) if y), None) \
            if self.continues and not own_time else None
        for n in cues.baseline_not:
            masked = masked.replace(n, "\0" * len(n))
        kept.append(len(text))
        self.cue_end: dict[str, int] = {}
        past = kind.past_span.search(masked)
        if past:
            self.cue_end[PAST_SPAN] = kept[past.end() - 1] + 1
        # a five-year period named (“十三五”期间) is a cue by what it is to the plan: an earlier
        # period a baseline, the plan's own a target (DocTime.period_kind)
        if time is not None:
            for m in kind.five_year.finditer(masked):
                n = parse_integer(m.group("n") or m.group("n2") or "")
                if not n or n < 3 or masked.endswith(kind.year_comparison, 0, m.start()):
                    continue
                named = time.period_kind(*kind.five_year_years(n))
                if named:
                    name = EARLIER_PERIOD if named == "baseline" else OWN_PERIOD
                    self.cue_end[name] = kept[m.end() - 1] + 1
        total = kind.plan_total
        for cue in {*cues.baseline_cues, *cues.target_cues}:
            i = masked.find(cue)
            if i >= 0 and cue in cues.weak_baseline_cues and total.search(masked, 0, i):
                continue  # 五年累计筹集1500套: the total of a span, not what was done
            if i >= 0:
                self.cue_end[cue] = kept[i + len(cue) - 1] + 1
            elif self.continues and cue in previous:
                self.cue_end[cue] = 0  # a cue of the sentence continued holds from its start

    @staticmethod
    def _years(text: str, kind: CompiledKind) -> list[tuple[int, int | None]]:
        """(end in ``text``, year or None for a year that is no record's year) of each year."""
        out: list[tuple[int, int | None]] = []
        since = tuple(kind.cues.since_words)
        for m in _YEAR.finditer(text):
            before = text[:m.start()]
            after = text[m.end():m.end() + _SINCE_WINDOW]
            after = after[:min((after.find(c) for c in "，,。；;" if c in after), default=len(after))]
            not_its = (before.endswith(kind.year_comparison) or bool(_SPAN_BEFORE.search(before))
                       or bool(kind.dated_start.match(text, m.end(1)))
                       or any(w in after for w in since))
            out.append((m.end(), None if not_its else int(m.group(1))))
        return out

    def year_before(self, pos: int) -> tuple[int | None, bool]:
        """The year of a number at ``pos`` and whether it is inherited (from a clause or a
        sentence before the number's own): the last year stated before it that is the year of
        a figure (到2025年,入园率比2020年提高…: 2025)."""
        i = bisect_right(self.year_ends, pos - self.year_base)
        while i and self.years[i - 1][1] is None:
            i -= 1
        if i:
            end, year = self.years[i - 1]
            return year, end <= self.lead_len
        return self.previous_year, self.previous_year is not None

    def compared_before(self, pos: int) -> int | None:
        """The last year a figure before ``pos`` in the sentence is compared with (比2015年)."""
        return next((y for e, y in reversed(self.compared) if e <= pos - self.start), None)

    def cue_before(self, cue: str, pos: int) -> int | None:
        """Where ``cue`` ends in the sentence when it occurs before ``pos``, else None."""
        e = self.cue_end.get(cue)
        return e if e is not None and e <= pos - self.start else None
