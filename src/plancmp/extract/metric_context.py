"""What the metric strategies read: a line of running text, one number of it, and its clause.

:class:`LineContext` is a line while its quantities are read left to right, with
what each passes on to the next (the metric before, a list still waiting for
its values, what the sentence is about); :class:`MetricContext` is one
quantity, with what its strategies read of its clause derived once (the
clause, its words, the noun phrase that ends it). A strategy is a
:class:`MetricStrategy` (made with :func:`strategy`) that returns a
:class:`Choice` or passes; :mod:`plancmp.extract.metric` lists them in order.
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
from .phrase import noun_phrase
from .quantities import Quantity, Units

#: how far after a number the strategies read (the counted thing, a purpose, a bracket): a clause
#: is far shorter; bounding it keeps a line of thousands of figures without a full stop linear
AFTER_WINDOW = 300

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
    pending_doubt: str = ""  # what a person should check of the metrics waiting
    from_metric: str = ""  # metric of the starting value of 由…的A提高到B, for B
    topic: str | None = None  # what the sentence's first figure is about (None: no figure yet)
    last_list: list[str] = field(default_factory=list)  # the metrics last given values 分别 on the line
    sentence_metrics: list[str] = field(default_factory=list)  # metrics of the sentence's records so far
    part_base: str = ""  # the thing whose parts are being counted (小学45所(其中民办12所): 小学)
    count_verb: str = ""  # the verb of the count before (新建44所幼儿园,13所小学: 新建 holds for 13所)

    @classmethod
    def of(cls, text: str, offset: int, rules: RuleSet, units: Units) -> LineContext:
        glosses = [m.span() for m in words.compiled(rules).gloss.finditer(text)]  # 学(繁:學): no clause end
        ends = [m.end() for m in _CLAUSE_END.finditer(text)]
        if glosses:
            ends = [e for e in ends if not any(a < e <= b for a, b in glosses)]
        return cls(text=text, offset=offset, rules=rules, units=units, clause_ends=ends)

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
    def _after(self) -> tuple[str, list[int]]:
        end = self.q.end - self.line.offset
        return words.strip_glosses(self.line.text[end:end + AFTER_WINDOW], self.line.rules)

    @property
    def after_number(self) -> str:
        """The rest of the line after the quantity, without conversion glosses (學(xué))."""
        return self._after[0]

    def after_length(self, n: int) -> int:
        """How many characters of the line the first ``n`` of :attr:`after_number` take."""
        return self._after[1][n]

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
        raw = words.strip_glosses(raw, self.line.rules)[0]
        for cw in comparators(self.line.rules).clause_before:
            i = raw.rfind(cw.word)
            if len(cw.word) > 2 and i > 0 and len(raw) - i - len(cw.word) <= _BASE_MAX:
                notes.append(f"metric ends at {cw.word!r}; {raw[i + len(cw.word):]!r} is the base of the value")
                raw = raw[:i]
                break
        base = phrase_rules(self.line.rules).per_base.search(raw)
        if base and base.start() > 0:
            notes.append(f"{base.group()!r} is the base the value is given per")
            raw = raw[:base.start()]
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


# --- what the strategies derive from the rules ---------------------------------------

@dataclass(frozen=True)
class CompiledMetric:
    """What the strategies derive from ``rules/numbers.toml`` and ``rules/comparators.toml``."""

    to_value: re.Pattern[str]  # what stands between the starting value and the end value of 由…到…
    change_to: re.Pattern[str]  # a change to an end value opening the words after a number: 增长至
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
        # (去年的 / 上年底的: the end value dated relative to the report)
        to_value=re.compile(rf"(?:{alternation(w.change_verbs)})?(?:到|至)?(?:(?:(?:19|20)\d{{2}}|去|上|前)年(?:底|末)?的?)?"),
        change_to=re.compile(rf"(?:{alternation(w.change_verbs)})(?:到|至)"),
        shared=[(x, re.compile(f"{re.escape(x)}(?:{links})?$")) for x in comparator_words.shared],
        respectively=frozenset(comparator_words.respectively),
        joiners=tuple(w.list_joiners),
        item_joiner=re.compile(f"(?!{alternation(w.not_joining)})(?:{alternation(w.list_joiners)})"),
        time_only=re.compile(w.time_only),
    )
