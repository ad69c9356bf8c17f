"""Stage 5c, targets: numeric targets in running text (records.md §1).

Each quantity of a line (:mod:`plancmp.extract.quantities`) gets its metric
(:mod:`plancmp.extract.metric`), its kind and year (:mod:`plancmp.extract.kind`), and its
provenance through the document's text map; this module walks the lines and
assembles the records.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Meta, Section, Span, Target
from ..prepare.document import Doc, section_at
from ..ruleset import RuleSet
from .confidence import confidence
from .kind import KindContext, SentenceFacts, decide_kind
from .metric import CLAUSE_WINDOW, LineContext, MetricContext, choose_metrics
from .numbers import CN_NUM_CHARS, comparators, dated_start
from .phrase import topic_of
from .quantities import Quantity, compiled, find_quantities, unit_as_written

_HAS_NUMBER = re.compile(rf"[\d{CN_NUM_CHARS}]")

#: the starting value of a change, right before the number: 由2020年的 / 由2015年底的 / 由
_FROM_VALUE = re.compile(r"由(?:((?:19|20)\d{2})年(?:底|末)?)?的?$")

#: a dated starting value without 由 (重点楼宇2020年的30幢增长至40幢), right before the number
_DATED_VALUE = re.compile(r"((?:19|20)\d{2})\s*年(?:底|末)?的$")

#: 由…的 is looked for this far before a number: 由2015年底的 is 9 characters, with room for spaces
_FROM_VALUE_WINDOW = 16

#: characters that may follow a bare number that is a rate whose % sign was lost (巩固率保持100，)
_AFTER_BARE_RATE = "，,。；;、)）"

#: a bare number above this is no rate whose % sign was lost
_RATE_MAX = 100

#: the doubt of a kind decided by each source (a cue word or the year of the sentence: none)
_KIND_DOUBTS = {"section": "kind:section-only", "default": "kind:default", "document": "kind:document"}


def extract_targets(doc: Doc, sections: list[Section], rules: RuleSet, skip_lines: set[int] | None = None,
                    traces: dict[int, list[tuple[Target, list[str]]]] | None = None, meta: Meta | None = None) -> list[Target]:
    """Stage ``targets``: a Target for every quantity in running text.

    Lines in ``skip_lines`` (original numbers) belong to indicator tables and are
    left to :mod:`plancmp.extract.tables`. With ``traces``, how each record was read is
    collected per original line (for ``--explain``). ``meta`` (the plan period, the date issued,
    the title) tells which years are past and whether the document reports work done.
    """
    plan = _Plan(doc=doc, sections=sections, rules=rules, kinds=KindContext(doc, sections, rules, meta))
    units = compiled(rules).units
    skip = skip_lines or set()
    out: list[Target] = []
    for s, _e, text in doc.lines():
        if not _HAS_NUMBER.search(text):
            continue
        log: list[str] = []
        line = LineContext.of(text, s, rules, units)
        for q in find_quantities(text, s, rules, log):
            ln = doc.line_of(q.num_start)
            if ln in skip:
                continue
            sent = plan.enter_sentence(line, q)
            recs = plan.records(line, q, ln)
            if recs:
                if line.topic is None:
                    line.topic = topic_of(recs[0].metric, rules, units.rate_suffixes)
                line.prev_end = max(q.consumed_end, q.end - s)
                line.prev_metric, line.prev_sentence = recs[-1].metric, sent
                line.sentence_metrics.extend(r.metric for r in recs)
                out.extend(recs)
                if traces is not None:
                    for r in recs:
                        traces.setdefault(ln, []).append((r, log + q.trace))
    return out


def _sentence_before_line(doc: Doc, s: int) -> str:
    """The last sentence of the line before the one that starts at ``s`` ("" after a blank line): a
    sentence that continues it (其中…) reads it whether a Word export ran the two into one line or not."""
    if s == 0:
        return ""
    line_start = doc.text.rfind("\n", 0, s - 1) + 1
    end = s - 1
    while end > line_start and doc.text[end - 1].isspace():
        end -= 1
    return doc.text[slice(*doc.sentence_bounds(end - 1))] if end > line_start else ""


@dataclass(frozen=True)
class _Plan:
    """The document whose targets are read, with what every line's records need of it."""

    doc: Doc
    sections: list[Section]
    rules: RuleSet
    kinds: KindContext

    def enter_sentence(self, line: LineContext, q: Quantity) -> int:
        """Start of the sentence of ``q`` in ``doc.text``; a new sentence forgets the metric before
        and gets its own years and kind cues."""
        doc, s = self.doc, line.offset
        start, end = doc.sentence_bounds(q.num_start)
        if start != line.prev_sentence:
            line.prev_metric, line.pending, line.topic, line.count_verb = "", [], None, ""
            line.sentence_metrics, line.part_base = [], ""
        if line.facts is None or line.facts.start != start:
            stop = max(line.text.rfind(x, max(0, start - s - CLAUSE_WINDOW), start - s) for x in "。！？!?")
            lead_start = s + stop + 1 if stop >= 0 else max(s, start - CLAUSE_WINDOW)
            previous = doc.text[slice(*doc.sentence_bounds(start - 1))] if start > s else _sentence_before_line(doc, s)
            line.facts = SentenceFacts(start, doc.text[start:end], self.kinds.compiled, doc.text[lead_start:start], previous,
                                       self.kinds.time)
        return start

    def records(self, line: LineContext, q: Quantity, ln: int) -> list[Target]:
        """The records of quantity ``q`` on original line ``ln``: one per metric, or none for a
        bare number that is no rate."""
        unit = q.unit
        nxt = line.text[q.end - line.offset: q.end - line.offset + 1]
        if not unit and (q.value > _RATE_MAX or (nxt and nxt not in _AFTER_BARE_RATE)):
            return []  # a bare number that cannot be a rate: no metric walk for it
        mctx = MetricContext(line=line, q=q)
        metrics = choose_metrics(mctx)
        if not metrics:
            return []
        if mctx.chosen_by != "counted_thing_after":
            line.count_verb = ""
        if not unit:
            # a rate whose % sign was lost: 巩固率保持100
            suffixes = line.units.rate_suffixes
            if q.value <= _RATE_MAX and metrics and all(any(m.endswith(sf) for sf in suffixes) for m in metrics) and (not nxt or nxt in _AFTER_BARE_RATE):
                unit = "%"
                q.rule = "rate-without-sign"
                q.trace.append("no unit, but the metric is a rate: unit %")
            else:
                return []
        start = q.start - line.offset
        if q.comparator == "=":
            clause = line.clause_before(start, 0)
            for w in comparators(self.rules).clause_before:
                if w.word in clause:
                    q.comparator = w.op
                    q.trace.append(f"comparator {w.op} from {w.word!r} earlier in the clause")
                    break
        facts = line.facts
        assert facts is not None  # enter_sentence read the sentence
        offset = self.doc.mapped.to_original(q.num_start)
        year, inherited = facts.year_before(q.num_start)
        if year is None:  # 二、2024年工作计划: a section title stating one year gives it
            year = self.kinds.section_year(ln, offset)
            inherited = year is not None
        decision = decide_kind(self.kinds, ln, lambda cue: facts.cue_before(cue, q.num_start), q.comparator, year,
                               facts.compared_before(q.num_start), offset)
        kind, kind_why, kind_source = decision.kind, decision.why, decision.source
        from_value = _FROM_VALUE.search(line.text, max(0, start - _FROM_VALUE_WINDOW), start) or _dated_from(line.text, start, self.rules)
        line.from_metric = ""
        if from_value and q.comparator == "=":
            # 由2020年的88.5%提高到95%: the starting value is the state the plan starts from
            kind, kind_why, kind_source = "baseline", "starting value of 由…到… (from … to)", "cue"
            year = int(from_value.group(1)) if from_value.group(1) else year
            line.from_metric = metrics[0] if len(metrics) == 1 else ""
        q.trace.append(f"kind {kind}: {kind_why}")
        if year:
            q.trace.append(f"year {year} stated {'before the clause' if inherited else 'in the sentence'}")
        doubts = [d for d in (mctx.doubt, _KIND_DOUBTS.get(kind_source, ""), "year:inherited" if year and inherited else "")
                  if d]
        a, b = self.doc.span_of(q.start, q.end)
        section = section_at(self.sections, ln, offset)
        text = self.doc.sentence(q.num_start)
        match = self.doc.original.text[a:b]
        return [Target(metric=m, value=float(q.value), value_max=float(q.value_max) if q.value_max is not None else None,
                       unit=unit_as_written(unit, match), comparator=q.comparator, kind=kind, year=year, line=ln,
                       span=Span(start=a, end=b),
                       match=match, section=section, text=text, rule=q.rule,  # type: ignore[arg-type]
                       confidence=confidence(doubts, self.rules), doubts=doubts)
                for m in metrics]


def _dated_from(text: str, start: int, rules: RuleSet) -> re.Match[str] | None:
    """重点楼宇2020年的30幢增长至40幢: a value dated by the year before it and followed by a change
    to another value is a starting value though no 由/从 opens it."""
    m = _DATED_VALUE.search(text, max(0, start - _FROM_VALUE_WINDOW), start)
    return m if m and dated_start(rules).match(text, m.end(1)) else None
