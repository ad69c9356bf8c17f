"""The metric of a number: the shortest phrase of its line naming what is measured.

:data:`METRIC_STRATEGIES` is an ordered list of small strategies, each
reading one :class:`MetricContext` (the number, its line, what the numbers
before it on the line left behind) and naming the metric(s), or passing.
The first that names one wins, as :data:`plancmp.prepare.normalize.FIXERS` run in
order; :func:`choose_metrics` runs them and keeps the trace ``--explain``
prints. A new way of reading a metric is a new entry in the list.

Most metrics are the words of the clause before the number
(:func:`plancmp.extract.clause_words.strip_words`); a count may name its thing after
the number (建成10所书香校园), a list shares one value (入学率、巩固率均达
100%), and a bare rate word takes its subject back from the metric before it
(学业成绩合格率达98%,优秀率达30% → 学业成绩优秀率).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from ..prepare.chars import alternation
from ..ruleset import RuleSet, compiled_once
from . import clause_words as words
from .kind import SentenceFacts
from .numbers import comparators, metric_words
from .phrase import compiled as phrase_rules
from .phrase import all_verbs, join_topic, noun_phrase, trailing_verbs
from .quantities import Quantity, Units
from .tokenize import tokenize

# --- the line and the number ---------------------------------------------------------

_CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n]")

#: the metric walk reads at most this many characters back from a number: a real clause is far
#: shorter, and a bound keeps a line of thousands of comma-less numbers linear
CLAUSE_WINDOW = 120


@dataclass
class LineContext:
    """One line of running text while its quantities are read left to right, with what each
    passes on to the next (positions are in the line unless named otherwise)."""

    text: str
    offset: int  # where the line starts in doc.text
    rules: RuleSet
    units: Units
    clause_ends: list[int]  # right after each clause-ending character
    facts: SentenceFacts | None = None  # years and kind cues of the sentence being read
    prev_end: int = 0  # where the previous quantity (and its counted thing) ended
    prev_metric: str = ""
    prev_sentence: int = -1  # in doc.text
    pending: list[str] = field(default_factory=list)  # 分别: metrics still waiting for their values
    from_metric: str = ""  # metric of the starting value of 由…的A提高到B, for B
    topic: str | None = None  # what the sentence's first figure is about (None: no figure yet)
    count_verb: str = ""  # the verb of the count before (新建44所幼儿园,13所小学: 新建 holds for 13所)

    @classmethod
    def of(cls, text: str, offset: int, rules: RuleSet, units: Units) -> LineContext:
        return cls(text=text, offset=offset, rules=rules, units=units,
                   clause_ends=[m.end() for m in _CLAUSE_END.finditer(text)])

    def clause_start(self, pos: int, floor: int) -> int:
        """Start of the clause holding ``pos``, not before ``floor`` (a bisect, never a walk back)."""
        i = bisect_right(self.clause_ends, pos)
        return max(self.clause_ends[i - 1] if i else 0, floor)

    def clause_before(self, pos: int, floor: int) -> str:
        """The clause before ``pos`` (at most :data:`CLAUSE_WINDOW` characters)."""
        return self.text[max(self.clause_start(pos, floor), pos - CLAUSE_WINDOW):pos]


#: longest base of a value written between a comparator word and the number (不低于每生每年1200元)
_BASE_MAX = 12

#: a quoted name that is a bare rate's subject is looked for this far before the clause
_QUOTED_SUBJECT_WINDOW = 40

#: longest fallback metric (the tail of the clause) when no metric words are found
_EMPTY_FALLBACK_MAX = 12

#: what a strategy reads, so the trace tells it first: nothing of the number's own clause
#: ("line"), the clause ("clause"), or the clause and the words dropped from it ("words")
Reads = Literal["line", "clause", "words"]


@dataclass
class MetricContext:
    """One quantity as the metric strategies see it; what they read of its clause is derived once."""

    line: LineContext
    q: Quantity
    told: set[str] = field(default_factory=set)  # what of the clause the trace has told
    chosen_by: str = ""  # the name of the strategy that named the metric
    doubt: str = ""  # what of the metric a person should check (Choice.doubt)

    @cached_property
    def start(self) -> int:
        """Where the quantity (with its comparator words) starts in the line."""
        return self.q.start - self.line.offset

    @cached_property
    def after_number(self) -> str:
        """The rest of the line after the quantity."""
        return self.line.text[self.q.end - self.line.offset:]

    @cached_property
    def between(self) -> str:
        """What stands between the previous quantity of the line and this one."""
        return self.line.text[self.line.prev_end:self.start].strip()

    @cached_property
    def clause_start(self) -> int:
        return self.line.clause_start(self.start, self.line.prev_end)

    @cached_property
    def _clause(self) -> tuple[str, list[str]]:
        raw = self.line.text[max(self.clause_start, self.start - CLAUSE_WINDOW):self.start]
        notes = [f"clause before the number: {raw!r}"]
        for cw in comparators(self.line.rules).clause_before:
            i = raw.rfind(cw.word)
            if len(cw.word) > 2 and i > 0 and len(raw) - i - len(cw.word) <= _BASE_MAX:
                notes.append(f"metric ends at {cw.word!r}; {raw[i + len(cw.word):]!r} is the base of the value")
                raw = raw[:i]
                break
        return raw, notes

    @property
    def clause(self) -> str:
        """The clause before the number, up to a comparator word with a base (不低于每生每年)."""
        return self._clause[0]

    @cached_property
    def _stripped(self) -> tuple[str, list[str]]:
        steps: list[str] = []
        return words.strip_words(self.clause, self.line.rules, steps), steps

    @property
    def stripped(self) -> str:
        """The words of the clause without leading filler and trailing link words."""
        return self._stripped[0]

    @cached_property
    def _head(self) -> tuple[str, list[str]]:
        rules, steps = self.line.rules, list(self._stripped[1])
        phrase = noun_phrase(self.stripped, rules, steps)
        return (words.strip_words(phrase, rules, steps) if phrase != self.stripped else phrase), steps

    @property
    def head(self) -> str:
        """The metric words of the clause: :attr:`stripped` from where its noun phrase begins
        (:func:`plancmp.extract.phrase.noun_phrase`)."""
        return self._head[0]

    @cached_property
    def suffixes(self) -> list[str]:
        """Endings of a rate metric (of a ratio too, for a ratio's value)."""
        u = self.line.units
        return u.rate_suffixes + u.ratio_suffixes if self.q.unit.startswith(":") else u.rate_suffixes

    @property
    def quoted_subject(self) -> str:
        """A quoted name ending the clause before this one (推进“平安校园”建设,创建率… → 平安校园)."""
        m = _QUOTED.search(self.line.text[max(0, self.clause_start - _QUOTED_SUBJECT_WINDOW):self.clause_start].rstrip())
        return m.group(1) if m else ""

    def tell(self, reads: Reads) -> None:
        """Put in the trace what a strategy reads, the first time one reads it."""
        if reads != "line" and "clause" not in self.told:
            self.told.add("clause")
            self.q.trace.extend(self._clause[1])
        if reads == "words" and "words" not in self.told:
            self.told.add("words")
            self.q.trace.extend(self._head[1])


_QUOTED = re.compile(r"“([^”]{2,12})”[^，,。；;“]{0,6}[，,]?$")


# --- the strategies ------------------------------------------------------------------

#: the doubt of a metric whose subject was taken from elsewhere in the sentence
ELLIPTIC = "metric:elliptic"

#: the doubt of a metric no strategy found a phrase for: the clause as written
FALLBACK = "metric:fallback"

@dataclass(frozen=True)
class Choice:
    """The metric(s) a strategy names, why (for the trace), and what a person should check
    (``metric:elliptic``: a subject taken from elsewhere; ``metric:fallback``: no phrase found)."""

    metrics: list[str]
    why: list[str]
    doubt: str = ""


@dataclass(frozen=True)
class MetricStrategy:
    """One way to name a metric: ``choose`` names it or returns None."""

    name: str
    reads: Reads
    choose: Callable[[MetricContext], Choice | None]


def strategy(reads: Reads) -> Callable[[Callable[[MetricContext], Choice | None]], MetricStrategy]:
    """Make the decorated function a :class:`MetricStrategy` (named after it) that reads ``reads``."""
    def register(choose: Callable[[MetricContext], Choice | None]) -> MetricStrategy:
        return MetricStrategy(name=choose.__name__, reads=reads, choose=choose)
    return register


@strategy(reads="line")
def from_to_end_value(ctx: MetricContext) -> Choice | None:
    """The end value of 由2020年的88.5%提高到95% has the metric of its starting value."""
    start = ctx.line.from_metric
    if not start or not compiled(ctx.line.rules).to_value.fullmatch(ctx.between):
        return None
    return Choice(metrics=[start], why=[f"end value of 由…到…: metric of the starting value, {start!r}"])


@strategy(reads="line")
def respectively(ctx: MetricContext) -> Choice | None:
    """入学率、巩固率分别达到98%、95%: the next value takes the next metric of the list."""
    if ctx.line.pending and ctx.between in (*compiled(ctx.line.rules).joiners, ""):
        m = ctx.line.pending.pop(0)
        return Choice(metrics=[m], why=[f"metric {m!r}: next of the metrics given values 分别 (respectively)"])
    ctx.line.pending = []  # anything else between: the list is done
    return None


@strategy(reads="clause")
def bracket_count(ctx: MetricContext) -> Choice | None:
    """20所(5所省级、15所市级)智慧校园示范校: the count in brackets takes its level and the thing after."""
    if ctx.q.unit not in ctx.line.units.count_nouns:
        return None
    found = words.bracket_counted(ctx.after_number[:words.BRACKET_WINDOW], ctx.line.rules)
    if not found:
        return None
    return Choice(metrics=[found], why=[f"count inside brackets, its level after it and the thing after the bracket: {found!r}"])


@strategy(reads="clause")
def counted_thing_after(ctx: MetricContext) -> Choice | None:
    """建成10所书香校园: the thing counted is written after the number (with what the clause
    before adds to it); 80%以上中小学图书馆实现信息化管理: a number written first."""
    rules, head = ctx.line.rules, ctx.head
    designated = False
    if ctx.q.unit in ctx.line.units.count_nouns:
        after, used, designated = words.after_noun(ctx.after_number, rules)
    elif ctx.q.unit and not head:
        after, used = words.clause_after(ctx.after_number, rules)
    else:
        return None
    if not after:
        return None
    ctx.q.consumed_end = ctx.q.end - ctx.line.offset + used
    why = [f"{'designation' if designated else 'counted thing'} after the number: {after!r}"]
    line = ctx.line
    if designated or not head:
        verb = line.count_verb if not designated and ctx.between in (*compiled(rules).joiners, ",", "，") else ""
        if verb and not after.startswith(verb):
            why.append(f"a count listed after one of {verb!r}: the verb holds for it too")
            return Choice(metrics=[verb + after], why=why, doubt=ELLIPTIC)
        return Choice(metrics=[after], why=why)
    opening = words.after_task_verb(ctx.stripped, rules)
    if opening is not None:
        why.append(f"the clause before ends with a task verb: metric = {opening!r} + counted thing {after!r}")
        return Choice(metrics=[opening + after], why=why)
    verbs = trailing_verbs(head, rules) or (head if all_verbs(head, rules) else "")
    if verbs:
        line.count_verb = verbs
        why.append(f"the clause before ends with the verb of the count: metric = {verbs!r} + counted thing {after!r}")
        return Choice(metrics=[verbs + after], why=why)
    if len(head) + len(after) > metric_words(rules).max_len:
        return Choice(metrics=[after], why=why)
    why.append(f"metric = words before {head!r} + counted thing {after!r}")
    return Choice(metrics=[head + after], why=why)


@strategy(reads="clause")
def shared_list(ctx: MetricContext) -> Choice | None:
    """入学率、巩固率均达到100%: one value for each metric of a list (分别: one each, in order)."""
    rules, suffixes = ctx.line.rules, ctx.suffixes
    stripped = ctx.clause.strip()
    shared = [x for x, rx in compiled(rules).shared if rx.search(stripped)]
    items = [words.strip_words(x, rules) for x in _split_items(ctx.clause, rules)]
    if not (len(items) > 1 and all(items) and (shared or all(any(x.endswith(sf) for sf in suffixes) for x in items))):
        return None
    why = []
    subj = ctx.quoted_subject if all(words.is_bare_rate(x, rules, suffixes) for x in items) else ""
    if subj:
        items = [subj + x for x in items]
        why.append(f"bare rates take subject {subj!r} quoted in the clause before")
    metrics = _complete_items(items, rules, suffixes)
    if shared and shared[0] in compiled(rules).respectively:
        ctx.line.pending = metrics[1:]
        why.append(f"values given 分别 (respectively) to {metrics}")
        return Choice(metrics=metrics[:1], why=why)
    why.append(f"one value shared by {len(metrics)} metrics: {metrics}")
    return Choice(metrics=metrics, why=why)


@strategy(reads="words")
def time_only_clause(ctx: MetricContext) -> Choice | None:
    """完成教师全员培训，每五年不少于360学时: a clause that only says how often takes the metric
    of the clause before it."""
    if not (compiled(ctx.line.rules).time_only.fullmatch(ctx.head) or (not ctx.head and ctx.q.unit)):
        return None
    earlier = _previous_clause(ctx)
    if not earlier:
        return None
    return Choice(metrics=[earlier], why=[f"clause before is only {ctx.head!r}: metric from the clause before it, {earlier!r}"],
                  doubt=ELLIPTIC)


@strategy(reads="words")
def raise_verb_subject(ctx: MetricContext) -> Choice | None:
    """生均公用经费标准提高至小学750元: the level after the raise verb is the metric's subject."""
    subj = words.subject_after_raise(ctx.stripped, ctx.line.rules)
    return Choice(metrics=[subj], why=[f"level written after the raise verb: metric {subj!r}"]) if subj else None


@strategy(reads="words")
def quoted_subject(ctx: MetricContext) -> Choice | None:
    """推进“平安校园”建设,创建率达100%: a bare rate first on its line takes the quoted name before it."""
    if not words.is_bare_rate(ctx.head, ctx.line.rules, ctx.suffixes) or ctx.line.prev_metric:
        return None
    subj = ctx.quoted_subject
    if not subj:
        return None
    return Choice(metrics=[subj + ctx.head], why=[f"bare rate {ctx.head!r} takes subject {subj!r} quoted in the clause before"],
                  doubt=ELLIPTIC)


def _elliptic(ctx: MetricContext) -> bool:
    """A head of its own that does not repeat the metric before it."""
    return bool(ctx.line.prev_metric and ctx.head and not ctx.head.startswith(ctx.line.prev_metric))


@strategy(reads="words")
def elliptic_rate(ctx: MetricContext) -> Choice | None:
    """学业成绩合格率达98%,优秀率达30%: a bare rate takes its subject from the metric before it."""
    if not _elliptic(ctx) or not words.is_bare_rate(ctx.head, ctx.line.rules, ctx.suffixes):
        return None
    prev = ctx.line.prev_metric
    sp = words.rate_split(prev, ctx.line.rules, ctx.suffixes)
    if sp and not ctx.head.startswith(sp[0]):
        return Choice(metrics=[sp[0] + ctx.head], why=[f"elliptic rate {ctx.head!r} takes subject {sp[0]!r} from {prev!r}"],
                      doubt=ELLIPTIC)
    return None


@strategy(reads="words")
def attribute_of_previous(ctx: MetricContext) -> Choice | None:
    """资助幼儿807人次、金额40.35万元: an attribute word measures the metric before it."""
    if not _elliptic(ctx) or words.is_bare_rate(ctx.head, ctx.line.rules, ctx.suffixes):
        return None
    if ctx.head not in metric_words(ctx.line.rules).attributes:
        return None
    prev = ctx.line.prev_metric
    return Choice(metrics=[prev + ctx.head], why=[f"attribute {ctx.head!r} of the metric before, {prev!r}"], doubt=ELLIPTIC)


@strategy(reads="words")
def attribute_of_topic(ctx: MetricContext) -> Choice | None:
    """公共停车场7个，总泊位数1615个: a short attribute phrase written alone measures what the
    sentence's first figure is about (学前教育投入资金…,建设面积… → 学前教育建设面积)."""
    p, topic, head = phrase_rules(ctx.line.rules), ctx.line.topic, ctx.head
    if not topic or not _elliptic(ctx) or len(head) > p.attribute_max_len or not head.endswith(p.attribute_endings):
        return None
    if head.startswith(topic) or topic.endswith(head):
        return None
    metric = join_topic(topic, head)
    return Choice(metrics=[metric], why=[f"attribute {head!r} of what the sentence is about, {topic!r}: {metric!r}"], doubt=ELLIPTIC)


@strategy(reads="words")
def share_without_subject(ctx: MetricContext) -> Choice | None:
    """…路段共7处，仅占总停车场数量的9.1%: a share written without its subject is a share of
    the thing counted before it; the whole it is a share of is kept as written (总数, 数量)."""
    prev, head = ctx.line.prev_metric, ctx.head
    verbs = phrase_rules(ctx.line.rules).share_verbs
    if not prev or not head.startswith(verbs) or head.startswith(prev):
        return None
    raw = ctx.clause.strip()
    share = raw[min(i for i in (raw.find(v) for v in verbs) if i >= 0):].rstrip("的")
    return Choice(metrics=[prev + share], why=[f"share {share!r} without a subject: of the metric before, {prev!r}"], doubt=ELLIPTIC)


@strategy(reads="words")
def elliptic_level(ctx: MetricContext) -> Choice | None:
    """小学750元、初中950元: a level alone takes the rest of the metric before it."""
    w = metric_words(ctx.line.rules)
    if not _elliptic(ctx) or words.is_bare_rate(ctx.head, ctx.line.rules, ctx.suffixes) or ctx.head in w.attributes:
        return None
    if ctx.head not in w.levels:
        return None
    rest = words.after_level(ctx.line.prev_metric, ctx.line.rules)
    if not rest:
        return None
    return Choice(metrics=[ctx.head + rest], why=[f"elliptic level {ctx.head!r} takes the rest of the metric before, {rest!r}"], doubt=ELLIPTIC)


@strategy(reads="words")
def listed_value(ctx: MetricContext) -> Choice | None:
    """…比例分别达到75%、90%: a value listed after another with no words of its own has its metric."""
    prev = ctx.line.prev_metric
    if ctx.head or not prev or ctx.between not in compiled(ctx.line.rules).joiners:
        return None
    return Choice(metrics=[prev],
                  why=[f"value listed after the one before with no words of its own: metric of the one before, {prev!r}"], doubt=ELLIPTIC)


@strategy(reads="words")
def fallback(ctx: MetricContext) -> Choice | None:
    """The metric words of the clause; never an empty metric: else the clause as written, a label
    before it (新增学位:1620个), the words after the number, or the line before the number."""
    if ctx.head:
        return Choice(metrics=[ctx.head], why=[])
    line, start = ctx.line, ctx.start
    label = line.text[max(0, ctx.clause_start - _EMPTY_FALLBACK_MAX - 1):ctx.clause_start]
    candidates = [
        ("the clause before the number as written", ctx.clause),
        ("the label before it", label.rstrip(":：") if label.endswith((":", "：")) else ""),
        ("the words after the number", words.clause_after(ctx.after_number, line.rules)[0]),
        ("the line before the number", line.text[max(0, start - _EMPTY_FALLBACK_MAX):start]),
    ]
    for where, text in candidates:
        head = re.split(r"[，,。；;：:！!？?]", text)[-1].strip(" 、“”\"'（）()【】[]")[-_EMPTY_FALLBACK_MAX:]
        if head:
            return Choice(metrics=[head], why=[f"no metric words survived: {where}, {head!r}"], doubt=FALLBACK)
    return Choice(metrics=[ctx.q.unit or ctx.q.number_text], why=["nothing names the number: its unit"], doubt=FALLBACK)


#: the ways to name a metric, tried in order: the first that names one wins
METRIC_STRATEGIES: list[MetricStrategy] = [
    from_to_end_value, respectively, bracket_count, counted_thing_after, shared_list, time_only_clause,
    raise_verb_subject, quoted_subject, elliptic_rate, attribute_of_previous, attribute_of_topic, share_without_subject,
    elliptic_level, listed_value, fallback,
]


def choose_metrics(ctx: MetricContext) -> list[str]:
    """The metric(s) of a quantity, with how they were chosen in ``ctx.q.trace``."""
    for s in METRIC_STRATEGIES:
        ctx.tell(s.reads)
        found = s.choose(ctx)
        if found is not None:
            ctx.chosen_by, ctx.doubt = s.name, found.doubt
            ctx.q.trace.extend(found.why)
            return found.metrics
    raise AssertionError("the fallback strategy always names a metric")


# --- what the strategies derive from the rules; lists of metrics -----------------------

@dataclass(frozen=True)
class CompiledMetric:
    """What the strategies derive from ``rules/numbers.toml`` and ``rules/comparators.toml``."""

    to_value: re.Pattern[str]  # what stands between the starting value and the end value of 由…到…
    shared: list[tuple[str, re.Pattern[str]]]  # each word sharing a value (均, 分别 …) ending a clause
    respectively: frozenset[str]  # of those, the ones giving one value to each metric (分别)
    joiners: tuple[str, ...]  # words joining a list of metrics
    item_joiner: re.Pattern[str]  # where a list of metrics splits into its items
    time_only: re.Pattern[str]  # a clause that only says how often or how long: 每五年


@compiled_once
def compiled(rules: RuleSet) -> CompiledMetric:
    w, comparator_words = metric_words(rules), comparators(rules)
    links = alternation(comparator_words.shared_links)
    return CompiledMetric(
        # 提高到 / 提升至2025年的 / 增至 (or nothing left, when the comparator took the verb)
        to_value=re.compile(rf"(?:{alternation(w.change_verbs)})?(?:到|至)?(?:(?:19|20)\d{{2}}年(?:底|末)?的?)?"),
        shared=[(x, re.compile(f"{re.escape(x)}(?:{links})?$")) for x in comparator_words.shared],
        respectively=frozenset(comparator_words.respectively),
        joiners=tuple(w.list_joiners),
        item_joiner=re.compile(f"(?!{alternation(w.not_joining)})(?:{alternation(w.list_joiners)})"),
        time_only=re.compile(w.time_only),
    )


def _split_items(raw: str, rules: RuleSet) -> list[str]:
    """Items of a list of metrics; 及 in 本科及以上 joins no items."""
    return [x for x in compiled(rules).item_joiner.split(raw) if x]


def _previous_clause(ctx: MetricContext) -> str:
    """The metric words of the clause before this number's clause when it is in the same sentence
    and holds no number of its own (完成教师全员培训，每五年不少于360学时 → 教师全员培训)."""
    line, cstart = ctx.line, ctx.clause_start
    if cstart <= line.prev_end or cstart < 2 or line.text[cstart - 1] not in "，,":
        return ""
    clause = words.strip_list_marker(line.clause_before(cstart - 1, line.prev_end), line.rules)
    if re.search(r"\d", clause):
        return ""
    return words.strip_words(clause, line.rules)


def _complete_items(items: list[str], rules: RuleSet, suffixes: list[str]) -> list[str]:
    """Give each item of a shared list its missing part.

    ``入学率、巩固率`` after ``义务教育`` (first item 义务教育入学率) → 义务教育巩固率;
    ``小学、初中适龄儿童入学率`` → 小学适龄儿童入学率, 初中适龄儿童入学率.
    """
    first, last = items[0], items[-1]
    out = list(items)
    sp = words.rate_split(first, rules, suffixes)
    if sp:
        for i in range(1, len(items)):
            if words.is_bare_rate(items[i], rules, suffixes) and not items[i].startswith(sp[0]):
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
