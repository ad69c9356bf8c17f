"""Stage 5c, targets: numeric targets in running text (records.md §1).

A quantity is ``[comparator] number [range] [余/多] [万/亿] unit [以上 …]``
(the grammar is built from ``rules/units.toml`` and ``rules/comparators.toml``);
``rules/exclusions.toml`` drops the numbers that are never targets. Each
quantity then gets its metric (:mod:`plancmp.metric`), its kind from the
section and cue words (``rules/kind.toml``), the year its sentence states,
and its provenance through the document's text map.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from . import metric as metric_mod
from .document import Doc, section_at
from .models import Section, Span, Target
from .numbers import CN_NUM_CHARS, comparators, metric_words
from .kind import KindContext, KindCues, SentenceFacts, decide_kind
from .quantities import CompiledQuantities, Quantity, compiled, find_quantities
from .rules import RuleSet


# --- the stage ----------------------------------------------------------------------

_CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n]")


def _clause_ends(line: str) -> list[int]:
    """Offsets in ``line`` right after each clause-ending character (computed once per line)."""
    return [m.end() for m in _CLAUSE_END.finditer(line)]


def _clause_start(ends: list[int], pos: int, floor: int) -> int:
    """Start of the clause holding ``pos`` (bisect over the line's clause ends, never a walk back)."""
    i = bisect_right(ends, pos)
    return max(ends[i - 1] if i else 0, floor)


#: the metric walk reads at most this many characters back from a number: a real clause is far
#: shorter, and a bound keeps a line of thousands of comma-less numbers linear
_CLAUSE_WINDOW = 120


#: the starting value of a change, right before the number: 由2020年的 / 由2015年底的 / 由
_FROM_VALUE = re.compile(r"由(?:((?:19|20)\d{2})年(?:底|末)?)?的?$")
#: what stands between the starting value and the end value: 提高到 / 提升至2025年的 / 增至 (or nothing left,
#: when the comparator took the verb)
_TO_VALUE = re.compile(r"(?:提高|提升|增长|增加|上升|扩大|降低|下降|减少|缩小|增|升|降)?(?:到|至)?"
                       r"(?:(?:19|20)\d{2}年(?:底|末)?的?)?")

_QUOTED = re.compile(r"“([^”]{2,12})”[^，,。；;“]{0,6}[，,]?$")


def _quoted_subject(before: str) -> str:
    """A quoted name ending the clause before (推进“平安校园”建设,创建率… → 平安校园)."""
    m = _QUOTED.search(before.rstrip())
    return m.group(1) if m else ""


def _split_items(raw: str) -> list[str]:
    """Items of a list of metrics; 及 in 本科及以上 joins no items."""
    return [x for x in re.split(r"[、和与]|及(?!以上|以下|其)", raw) if x]


@dataclass
class _LineState:
    """What the quantities of one line pass on to the next one."""

    clause_ends: list[int] = field(default_factory=list)  # _clause_ends of the line
    prev_end: int = 0  # in the line: where the previous quantity (and its counted thing) ended
    prev_metric: str = ""
    prev_sentence: int = -1
    pending: list[str] = field(default_factory=list)  # 分别: metrics still waiting for their values
    from_metric: str = ""  # metric of the starting value of 由…的A提高到B, for B


def extract_targets(doc: Doc, sections: list[Section], rules: RuleSet, skip_lines: set[int] | None = None,
                    traces: dict[int, list[tuple[Target, list[str]]]] | None = None) -> list[Target]:
    """Stage ``targets``: a Target for every quantity in running text.

    Lines in ``skip_lines`` (original numbers) belong to indicator tables and are
    left to :mod:`plancmp.tables`. With ``traces``, how each record was read is
    collected per original line (for ``--explain``).
    """
    g = compiled(rules)
    cues = rules.table("kind", KindCues)
    ctx = KindContext(doc, sections, cues)
    skip = skip_lines or set()
    out: list[Target] = []
    has_num = re.compile(rf"[\d{CN_NUM_CHARS}]")
    for s, _e, line in doc.lines():
        if not has_num.search(line):
            continue
        log: list[str] = []
        st = _LineState(clause_ends=_clause_ends(line))
        facts: SentenceFacts | None = None
        for q in find_quantities(line, s, rules, log):
            ln = doc.line_of(q.num_start)
            if ln in skip:
                continue
            sb = doc.sentence_bounds(q.num_start)
            sent = sb[0]
            if sent != st.prev_sentence:
                st.prev_metric, st.pending = "", []
            if facts is None or facts.start != sent:
                stop = max(line.rfind(x, max(0, sent - s - _CLAUSE_WINDOW), sent - s) for x in "。！？!?")
                lead_start = s + stop + 1 if stop >= 0 else max(s, sent - _CLAUSE_WINDOW)
                facts = SentenceFacts(sent, doc.text[sb[0]:sb[1]], cues, doc.text[lead_start:sent])
            recs = _records(doc, q, line, s, st, ctx, g, rules, ln, sections, facts)
            if recs:
                st.prev_end = max(q.consumed_end, q.end - s)
                st.prev_metric, st.prev_sentence = recs[-1].metric, sent
                out.extend(recs)
                if traces is not None:
                    for r in recs:
                        traces.setdefault(ln, []).append((r, log + q.trace))
    return out


def _metrics(q: Quantity, line: str, s: int, st: _LineState, g: CompiledQuantities, rules: RuleSet) -> list[str]:
    """The metric(s) of a quantity, with the steps in ``q.trace``."""
    c = comparators(rules)
    w = metric_words(rules)
    suffixes = g.units.rate_suffixes
    lo = q.start - s  # in line
    between = line[st.prev_end:lo].strip()
    if st.from_metric and _TO_VALUE.fullmatch(between):
        q.trace.append(f"end value of 由…到…: metric of the starting value, {st.from_metric!r}")
        return [st.from_metric]
    if st.pending and between in ("、", "和", "及", "与", ""):
        m = st.pending.pop(0)
        q.trace.append(f"metric {m!r}: next of the metrics given values 分别 (respectively)")
        return [m]
    st.pending = []
    cstart = _clause_start(st.clause_ends, lo, st.prev_end)
    raw = line[max(cstart, lo - _CLAUSE_WINDOW):lo]
    q.trace.append(f"clause before the number: {raw!r}")
    for cw in c.clause_before:
        i = raw.rfind(cw.word)
        if len(cw.word) > 2 and i > 0 and len(raw) - i - len(cw.word) <= _BASE_MAX:
            q.trace.append(f"metric ends at {cw.word!r}; {raw[i + len(cw.word):]!r} is the base of the value")
            raw = raw[:i]
            break
    steps: list[str] = []
    head = metric_mod.strip_words(raw, rules, steps)
    after, used, designated = "", 0, False
    in_bracket = metric_mod.bracket_counted(line[q.end - s: q.end - s + 60], rules) if q.unit in g.units.count_nouns else ""
    if in_bracket:
        q.trace.append(f"count inside brackets, its level after it and the thing after the bracket: {in_bracket!r}")
        return [in_bracket]
    if q.unit in g.units.count_nouns:
        after, used, designated = metric_mod.after_noun(line[q.end - s:], rules)
    elif q.unit and not head:
        after, used = metric_mod.clause_after(line[q.end - s:], rules)
    if after:
        q.consumed_end = q.end - s + used
        q.trace.append(f"{'designation' if designated else 'counted thing'} after the number: {after!r}")
        if designated or not head or len(head) + len(after) > w.max_len:
            return [after]
        opening = metric_mod.after_task_verb(head, rules)
        if opening is not None:
            q.trace.append(f"the clause before ends with a task verb: metric = {opening!r} + counted thing {after!r}")
            return [opening + after]
        q.trace.append(f"metric = words before {head!r} + counted thing {after!r}")
        return [head + after]
    stripped = raw.strip()
    shared = [x for x, rx in _shared_words(rules) if rx.search(stripped)]
    items = [metric_mod.strip_words(x, rules) for x in _split_items(raw)]
    if q.unit.startswith(":"):
        suffixes = suffixes + g.units.ratio_suffixes
    if len(items) > 1 and all(items) and (shared or all(any(x.endswith(sf) for sf in suffixes) for x in items)):
        subj = _quoted_subject(line[max(0, cstart - 40):cstart]) if all(metric_mod.is_bare_rate(x, rules, suffixes) for x in items) else ""
        if subj:
            items = [subj + x for x in items]
            q.trace.append(f"bare rates take subject {subj!r} quoted in the clause before")
        metrics = _complete_items(items, rules, suffixes)
        if shared and shared[0] == "分别":
            st.pending = metrics[1:]
            q.trace.append(f"values given 分别 (respectively) to {metrics}")
            return metrics[:1]
        q.trace.append(f"one value shared by {len(metrics)} metrics: {metrics}")
        return metrics
    q.trace.extend(steps)
    if _TIME_ONLY.fullmatch(head) or (not head and q.unit):
        earlier = _previous_clause(line, cstart, st, rules)
        if earlier:
            q.trace.append(f"clause before is only {head!r}: metric from the clause before it, {earlier!r}")
            return [earlier]
    subj = metric_mod.subject_after_raise(head, rules)
    if subj:
        q.trace.append(f"level written after the raise verb: metric {subj!r}")
        return [subj]
    if metric_mod.is_bare_rate(head, rules, suffixes) and not st.prev_metric:
        subj = _quoted_subject(line[max(0, cstart - 40):cstart])
        if subj:
            q.trace.append(f"bare rate {head!r} takes subject {subj!r} quoted in the clause before")
            return [subj + head]
    # elliptic: a bare rate or an attribute takes its subject from the metric before it
    prev = st.prev_metric
    if prev and head and not head.startswith(prev):
        if metric_mod.is_bare_rate(head, rules, suffixes):
            sp = metric_mod.rate_split(prev, rules, suffixes)
            if sp and not head.startswith(sp[0]):
                q.trace.append(f"elliptic rate {head!r} takes subject {sp[0]!r} from {prev!r}")
                return [sp[0] + head]
        elif head in w.attributes:
            q.trace.append(f"attribute {head!r} of the metric before, {prev!r}")
            return [prev + head]
        elif head in w.levels:
            rest = metric_mod.after_level(prev, rules)
            if rest:
                q.trace.append(f"elliptic level {head!r} takes the rest of the metric before, {rest!r}")
                return [head + rest]
    if not head and prev and between in ("、", "和", "及", "与"):
        # a value listed after another with nothing of its own (…比例分别达到75%、90%): same metric
        q.trace.append(f"value listed after the one before with no words of its own: metric of the one before, {prev!r}")
        return [prev]
    if not head:
        # never an empty metric: the words of the clause before the number, as written
        head = raw.strip(" ,，;；、:：")[-_EMPTY_FALLBACK_MAX:]
        q.trace.append(f"no metric words survived: the clause before the number as written, {head!r}")
    return [head]


#: longest fallback metric (the tail of the clause) when no metric words are found
_EMPTY_FALLBACK_MAX = 12


def _shared_words(rules: RuleSet) -> list[tuple[str, re.Pattern[str]]]:
    """Each word that shares one value among a list of metrics (均, 分别 …), with the pattern of it
    ending a clause (compiled once per rule set)."""
    def build() -> list[tuple[str, re.Pattern[str]]]:
        return [(x, re.compile(f"{re.escape(x)}(?:达到|达|为|保持|稳定|保持在|超过|不低于|不少于|提高到|提升到)?$"))
                for x in comparators(rules).shared]
    return rules.cached("targets.shared", build)


#: longest base of a value written between a comparator word and the number (不低于每生每年1200元)
_BASE_MAX = 12


#: a clause before a number that only says how often or how long: 每五年不少于360学时
_TIME_ONLY = re.compile(r"(?:每|近|未来)?[一二三四五六七八九十两\d]{0,2}(?:年|学年|学期|周|月|天)(?:来|内|间)?")


def _previous_clause(line: str, cstart: int, st: _LineState, rules: RuleSet) -> str:
    """The metric words of the clause before ``cstart`` when it is in the same sentence and holds
    no number of its own (完成教师全员培训，每五年不少于360学时 → 教师全员培训)."""
    if cstart <= st.prev_end or cstart < 2 or line[cstart - 1] not in "，,":
        return ""
    start = _clause_start(st.clause_ends, cstart - 1, st.prev_end)
    clause = metric_mod.strip_list_marker(line[max(start, cstart - 1 - _CLAUSE_WINDOW):cstart - 1])
    if re.search(r"\d", clause):
        return ""
    return metric_mod.strip_words(clause, rules)


def _records(doc: Doc, q: Quantity, line: str, s: int, st: _LineState, ctx: KindContext,
             g: CompiledQuantities, rules: RuleSet, ln: int, sections: list[Section], facts: SentenceFacts) -> list[Target]:
    suffixes = g.units.rate_suffixes
    unit = q.unit
    nxt = line[q.end - s: q.end - s + 1]
    if not unit and (q.value > 100 or (nxt and nxt not in "，,。；;、)）")):
        return []  # a bare number that cannot be a rate: no metric walk for it
    metrics = _metrics(q, line, s, st, g, rules)
    if not unit:
        # a rate whose % sign was lost: 巩固率保持100
        if q.value <= 100 and metrics and all(any(m.endswith(sf) for sf in suffixes) for m in metrics) and (not nxt or nxt in "，,。；;、)）"):
            unit = "%"
            q.rule = "rate-without-sign"
            q.trace.append("no unit, but the metric is a rate: unit %")
        else:
            return []
    if q.comparator == "=":
        lo = q.start - s
        clause = line[max(_clause_start(st.clause_ends, lo, 0), lo - _CLAUSE_WINDOW):lo]
        for w in comparators(rules).clause_before:
            if w.word in clause:
                q.comparator = w.op
                q.trace.append(f"comparator {w.op} from {w.word!r} earlier in the clause")
                break
    kind, kind_why = decide_kind(ctx, ln, lambda cue: facts.has_cue(cue, q.num_start), q.comparator)
    year = facts.year_before(q.num_start)
    lo = q.start - s
    start = _FROM_VALUE.search(line, max(0, lo - 16), lo)
    st.from_metric = ""
    if start and q.comparator == "=":
        # 由2020年的88.5%提高到95%: the starting value is the state the plan starts from
        kind, kind_why = "baseline", "starting value of 由…到… (from … to)"
        year = int(start.group(1)) if start.group(1) else year
        st.from_metric = metrics[0] if len(metrics) == 1 else ""
    q.trace.append(f"kind {kind}: {kind_why}")
    if year:
        q.trace.append(f"year {year} stated in the sentence")
    a, b = doc.span_of(q.start, q.end)
    section = section_at(sections, ln)
    text = doc.sentence(q.num_start)
    match = doc.original.text[a:b]
    out = []
    for m in metrics:
        out.append(Target(metric=m, value=float(q.value), value_max=float(q.value_max) if q.value_max is not None else None,
                          unit=unit, comparator=q.comparator, kind=kind, year=year, line=ln, span=Span(start=a, end=b),
                          match=match, section=section, text=text, rule=q.rule))  # type: ignore[arg-type]
    return out


def _complete_items(items: list[str], rules: RuleSet, suffixes: list[str]) -> list[str]:
    """Give each item of a shared list its missing part.

    ``入学率、巩固率`` after ``义务教育`` (first item 义务教育入学率) → 义务教育巩固率;
    ``小学、初中适龄儿童入学率`` → 小学适龄儿童入学率, 初中适龄儿童入学率.
    """
    from .tokenize import tokenize

    first, last = items[0], items[-1]
    out = list(items)
    sp = metric_mod.rate_split(first, rules, suffixes)
    if sp:
        for i in range(1, len(items)):
            if metric_mod.is_bare_rate(items[i], rules, suffixes) and not items[i].startswith(sp[0]):
                out[i] = sp[0] + items[i]
    if any(last.endswith(sf) for sf in suffixes):
        lv = max((x for x in metric_words(rules).levels if last.startswith(x)), key=len, default="")
        toks = [lv, last[len(lv):]] if lv else tokenize(last, rules)
        if len(toks) >= 2:
            tail = "".join(toks[1:])
            for i in range(len(items) - 1):
                if not any(items[i].endswith(sf) for sf in suffixes):
                    out[i] = items[i] + tail
    return out
