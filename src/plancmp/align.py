"""Canonical indicators, and aligning the targets of plans on them.

The unit of comparison is the *canonical indicator* of ``rules/indicators.toml``
(学前教育毛入园率, 生均公用经费, …). Each target gets a :class:`Profile`: its
normalized metric name, the indicator it names (if any) and the education
levels it narrows to, its stage, unit base and scale, and its tokens. Two
profiles are scored from named components (:func:`score_pair`), and two plans
are aligned by a one-to-one optimal assignment over those scores
(:func:`align_targets`), so a weak pair is never forced.

``plancmp compare`` lines up N plans on the same :attr:`Profile.key`; targets
with no indicator can be clustered with :func:`score_pair`.

Nothing is loaded at import: the table is read and compiled on first use, once
per :class:`~plancmp.rules.RuleSet` (:func:`catalog`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Generic, Literal, Sequence, TypeVar

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from .errors import PlancmpError

if TYPE_CHECKING:
    from .compare import Canon
    from .models import Target
    from .rules import RuleSet

Relation = Literal["a_higher", "b_higher", "same", "incomparable"]
Band = Literal["matched", "uncertain", "none"]


# ---------------------------------------------------------------- the table

class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Scoring(_Rule):
    match: float = 0.88
    uncertain: float = 0.55
    same_indicator: float = 0.9
    nested_level_cap: float = 0.7
    one_sided_cap: float = 0.8
    common_weight: float = 0.25

    @model_validator(mode="after")
    def _order(self) -> "Scoring":
        if not 0 < self.uncertain <= self.match <= 1:
            raise ValueError("need 0 < uncertain <= match <= 1")
        return self


class LevelRule(_Rule):
    words: list[str]
    covers: list[str]


class StageRule(_Rule):
    name: str
    words: list[str] = []
    levels: list[str] = []
    by_level: bool = False


class UnitRule(_Rule):
    base: str
    scale: str = "1"

    @field_validator("scale")
    @classmethod
    def _decimal(cls, v: str) -> str:
        try:
            if Decimal(v) <= 0:
                raise ValueError
        except (InvalidOperation, ValueError):
            raise ValueError(f"scale {v!r} is not a positive number") from None
        return v


class NeverRule(_Rule):
    a: list[str]
    b: list[str]
    why: str


class Indicator(_Rule):
    id: str
    name: str
    stage: str
    unit: str
    direction: Literal["up", "down"] = "up"
    measures: str
    aliases: list[str]
    levels: list[str] | None = None


class IndicatorRules(_Rule):
    """``rules/indicators.toml``."""

    scoring: Scoring = Scoring()
    filler: list[str] = []
    synonyms: list[tuple[str, str]] = []
    neutral: list[str] = []
    neutral_suffix: list[str] = []
    common: list[str] = []
    level: list[LevelRule] = []
    stage: list[StageRule]
    units: dict[str, UnitRule] = {}
    never: list[NeverRule] = []
    indicator: list[Indicator]

    @model_validator(mode="after")
    def _consistent(self) -> "IndicatorRules":
        stages = {s.name for s in self.stage}
        seen: set[str] = set()
        for ind in self.indicator:
            if ind.id in seen:
                raise ValueError(f"indicator id {ind.id} is listed twice")
            seen.add(ind.id)
            if ind.stage not in stages:
                raise ValueError(f"indicator {ind.id} has unknown stage {ind.stage}")
            if not ind.aliases:
                raise ValueError(f"indicator {ind.id} has no aliases")
        return self


# ---------------------------------------------------------------- profiles

@dataclass(frozen=True)
class Profile:
    """What alignment knows about one target."""

    target: "Target"
    norm: str                     # normalized metric name
    indicator: Indicator | None   # the canonical indicator it names
    alias: str | None             # the alias that named it
    narrowed: frozenset[str]      # levels a qualifier narrows the indicator to (小学 生均公用经费)
    levels: frozenset[str]        # every education level the metric names
    stage: str
    unit_base: str
    scale: Decimal
    tokens: frozenset[str]

    @property
    def key(self) -> str:
        """The row this target belongs to when plans are lined up: the
        indicator id (with ``@levels`` when a qualifier narrows it), else
        ``~`` and the normalized metric."""
        if self.indicator is None:
            return "~" + self.norm
        if self.narrowed:
            return f"{self.indicator.id}@{'+'.join(sorted(self.narrowed))}"
        return self.indicator.id

    @property
    def label(self) -> str:
        """A name for the row: the canonical name (with its narrowing), else the metric."""
        if self.indicator is None:
            return self.target.metric
        if self.narrowed:
            return f"{self.indicator.name}({'、'.join(sorted(self.narrowed))})"
        return self.indicator.name

    def scaled(self, value: float | None) -> Decimal | None:
        """``value`` in the base unit (万元 → 元)."""
        return None if value is None else Decimal(str(value)) * self.scale


@dataclass(frozen=True)
class PairScore:
    """The score of one candidate pair, from named components."""

    total: float
    band: Band
    components: dict[str, float]
    indicator: str | None = None
    blocked: str | None = None
    notes: tuple[str, ...] = ()


_STRIP = re.compile(r"[（(][^（）()]*[)）]|[“”\"'‘’《》〈〉「」『』\s　]")


class Catalog:
    """The compiled indicator table: normalization, identification, scoring."""

    def __init__(self, table: IndicatorRules, rules: "RuleSet | None" = None) -> None:
        self.table = table
        self.rules = rules
        self.scoring = table.scoring
        self.indicators = {i.id: i for i in table.indicator}
        self.stage_names = [s.name for s in table.stage]
        self._stage_levels = {s.name: frozenset(s.levels) for s in table.stage}
        self._filler = sorted(set(table.filler), key=len, reverse=True)
        self._level_words = sorted(((w, frozenset(lv.covers)) for lv in table.level for w in lv.words),
                                   key=lambda x: -len(x[0]))
        self._prefix_words = sorted({*table.neutral, *(w for w, _ in self._level_words)}, key=len, reverse=True)
        self._level_of = dict(self._level_words)
        self._suffix_words = sorted(table.neutral_suffix, key=len, reverse=True)
        self._common = set(table.common)
        self._common_bigrams = {w[i:i + 2] for w in table.common if len(w) >= 2 for i in range(len(w) - 1)}
        # alias index: normalized alias -> indicator; by last character for suffix search
        self._aliases: dict[str, Indicator] = {}
        for ind in table.indicator:
            for a in (ind.name, *ind.aliases):
                n = self.normalize(a)
                if n and n not in self._aliases:
                    self._aliases[n] = ind
        self._by_last: dict[str, list[str]] = {}
        for n in sorted(self._aliases, key=len, reverse=True):
            self._by_last.setdefault(n[-1], []).append(n)
        self._tokenizer = _tokenizer(rules)
        self._info: dict[tuple[str, str], tuple] = {}
        self._tokens: dict[str, frozenset[str]] = {}

    # -- names
    def normalize(self, metric: str) -> str:
        """Metric name without brackets, quotes and filler, synonyms unified.

        >>> default_catalog().normalize("全区学前三年毛入园率（%）")
        '学前教育毛入园率'
        """
        s = _STRIP.sub("", metric)
        for a, b in self.table.synonyms:
            s = s.replace(a, b)
        for w in self._filler:
            s = s.replace(w, "")
        return s

    def levels_in(self, text: str) -> frozenset[str]:
        """Education levels ``text`` names: where its level words agree (中等教育
        … 双师型) their intersection, else their union (小学、初中)."""
        found: list[frozenset[str]] = []
        rest = text
        for w, covers in self._level_words:
            if w in rest:
                found.append(covers)
                rest = rest.replace(w, "\x00")
        if not found:
            return frozenset()
        common = frozenset.intersection(*found)
        return common if common else frozenset().union(*found)

    def identify(self, norm: str) -> tuple[Indicator, str, frozenset[str]] | None:
        """The indicator a normalized name names, its alias and the levels of
        the qualifier in front of the alias; None when it names none."""
        stem = norm
        changed = True
        while changed:
            changed = False
            for w in self._suffix_words:
                if stem.endswith(w) and len(stem) > len(w):
                    stem, changed = stem[: -len(w)], True
        if not stem:
            return None
        for alias in self._by_last.get(stem[-1], ()):
            if not stem.endswith(alias):
                continue
            levels = self._qualifier_levels(stem[: -len(alias)])
            if levels is None:
                continue
            ind = self._aliases[alias]
            default = frozenset(ind.levels) if ind.levels is not None else self._stage_levels.get(ind.stage, frozenset())
            narrowed = frozenset() if not levels or levels >= default and default else levels
            return ind, alias, narrowed
        return None

    def _qualifier_levels(self, prefix: str) -> frozenset[str] | None:
        """Levels named by a prefix made only of neutral and level words; None otherwise."""
        rest, words = prefix, []
        while rest:
            w = next((w for w in self._prefix_words if rest.startswith(w)), None)
            if w is None:
                return None
            if w in self._level_of:
                words.append(w)
            rest = rest[len(w):]
        return self.levels_in("、".join(words)) if words else frozenset()

    def stage_of(self, norm: str, levels: frozenset[str]) -> str:
        """The stage of a metric that names no indicator: the stage of the
        longest stage word in it, else of its education level, else the last."""
        best: tuple[int, int] | None = None
        for i, s in enumerate(self.table.stage):
            for w in s.words:
                if w in norm and (best is None or len(w) > best[0]):
                    best = (len(w), i)
        if best is not None:
            return self.table.stage[best[1]].name
        for s in self.table.stage:
            if s.by_level and levels and levels <= frozenset(s.levels):
                return s.name
        return self.stage_names[-1]

    def unit(self, unit: str) -> tuple[str, Decimal]:
        """Base unit and scale of ``unit`` (万元 → 元, 10000)."""
        u = unit.replace("％", "%").strip()
        rule = self.table.units.get(u)
        if rule is None:
            return (":" if u.startswith(":") else u), Decimal(1)
        return rule.base, Decimal(rule.scale)

    def tokens(self, norm: str) -> frozenset[str]:
        """The words of a normalized name (jieba over the domain dictionary, else
        character bigrams); each distinct name is tokenized once per catalog."""
        hit = self._tokens.get(norm)
        if hit is None:
            hit = self._tokens[norm] = self._tokenize(norm)
        return hit

    def _tokenize(self, norm: str) -> frozenset[str]:
        if self._tokenizer is not None:
            try:
                toks = [t for t in self._tokenizer(norm) if t.strip()]
                if toks:
                    return frozenset(toks)
            except PlancmpError:
                pass
        return _bigrams(norm)

    def profile(self, target: "Target") -> Profile:
        """The profile of a target (anything with Target's attributes)."""
        key = (target.metric, target.unit)
        info = self._info.get(key)
        if info is None:
            info = self._info[key] = self._metric_info(target.metric, target.unit)
        return Profile(target, *info)

    def _metric_info(self, metric: str, unit: str) -> tuple:
        norm = self.normalize(metric)
        hit = self.identify(norm)
        base, scale = self.unit(unit)
        ind, alias, narrowed = hit if hit else (None, None, frozenset())
        if ind is not None and self.unit(ind.unit)[0] != base:
            ind, alias, narrowed = None, None, frozenset()  # same words, other quantity (学习型社区 个 vs 创建率 %)
        levels = self.levels_in(norm)
        stage = ind.stage if ind else self.stage_of(norm, levels)
        return norm, ind, alias, narrowed, levels, stage, base, scale, self.tokens(norm)

    def profiles(self, targets: Sequence["Target"]) -> list[Profile]:
        return [self.profile(t) for t in targets]

    def stage_index(self, stage: str) -> int:
        try:
            return self.stage_names.index(stage)
        except ValueError:
            return len(self.stage_names)

    # -- scoring
    def never(self, x: str, y: str) -> NeverRule | None:
        """The never-match rule that keeps ``x`` and ``y`` apart, if any."""
        for rule in self.table.never:
            for p, q in ((x, y), (y, x)):
                if any(w in p for w in rule.a) and any(w in q for w in rule.b) and not any(w in q for w in rule.a):
                    return rule
        return None

    def token_overlap(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted Jaccard of two token sets; common words count ``common_weight``."""
        if a.isdisjoint(b):  # most pairs share no word: no weights to add up
            return 0.0
        union = a | b
        w = self._weight
        return sum(w(t) for t in a & b) / sum(w(t) for t in union)

    def _weight(self, token: str) -> float:
        if len(token) < 2 or token in self._common or (len(token) == 2 and token in self._common_bigrams):
            return self.scoring.common_weight
        return 1.0

    def band(self, total: float, blocked: str | None = None) -> Band:
        if blocked:
            return "none"
        if total >= self.scoring.match:
            return "matched"
        if total >= self.scoring.uncertain:
            return "uncertain"
        return "none"


def _tokenizer(rules: "RuleSet | None"):
    """``plancmp.tokenize.tokenize`` bound to ``rules`` when it exists, else None (bigrams)."""
    try:
        from .tokenize import tokenize  # written by the targets stage; optional here
    except ImportError:
        return None
    if rules is None:
        from .rules import default_rules

        rules = default_rules()
    return lambda text: tokenize(text, rules)


def _bigrams(s: str) -> frozenset[str]:
    if len(s) < 2:
        return frozenset([s]) if s else frozenset()
    return frozenset(s[i:i + 2] for i in range(len(s) - 1))


def level_relation(x: frozenset[str], y: frozenset[str]) -> Literal["same", "open", "nested", "disjoint"]:
    """How two sets of education levels relate; ``open`` when one names none."""
    if not x or not y:
        return "open"
    if x == y:
        return "same"
    if x <= y or y <= x:
        return "nested"
    return "disjoint" if not x & y else "nested"


def score_pair(pa: Profile, pb: Profile, cat: Catalog) -> PairScore:
    """Score two targets from named components.

    ``alias``: both name the same canonical indicator (1) or neither/one (0);
    ``chars``: rapidfuzz similarity of the normalized names; ``tokens``: token
    overlap with common words discounted; ``stage``: agreement of education
    levels (1 same, 0.5 one open or nested); ``unit``: compatible unit bases.
    Blocks (score 0): incompatible units, a never-match rule, disjoint levels,
    two different indicators.
    """
    from rapidfuzz.fuzz import ratio

    sc = cat.scoring
    chars = round(ratio(pa.norm, pb.norm) / 100, 3)
    tokens = round(cat.token_overlap(pa.tokens, pb.tokens), 3)
    comps = {"alias": 0.0, "chars": chars, "tokens": tokens, "stage": 0.0, "unit": 0.0}
    ind = pa.indicator.id if pa.indicator and pb.indicator and pa.indicator.id == pb.indicator.id else None

    def blocked(why: str) -> PairScore:
        return PairScore(0.0, "none", comps, ind, why)

    if pa.unit_base != pb.unit_base:
        return blocked(f"units differ: {pa.target.unit} vs {pb.target.unit}")
    comps["unit"] = 1.0
    if pa.indicator and pb.indicator and pa.indicator.id != pb.indicator.id:
        return blocked(f"different indicators: {pa.indicator.id} vs {pb.indicator.id}")
    notes: list[str] = []
    if ind:
        comps["alias"] = 1.0
        notes.append(f"same indicator {ind} ({pa.indicator.name}) via aliases {pa.alias!r} / {pb.alias!r}")
        rel = level_relation(pa.narrowed, pb.narrowed)
    else:
        rule = cat.never(pa.norm, pb.norm)
        if rule:
            return blocked(f"never paired: {rule.why}")
        rel = level_relation(pa.levels, pb.levels)
    if rel == "disjoint":
        return blocked(f"different education levels: {'、'.join(sorted(pa.levels | pa.narrowed))} vs "
                       f"{'、'.join(sorted(pb.levels | pb.narrowed))}")
    comps["stage"] = 1.0 if rel == "same" else 0.5
    if ind:
        total = sc.same_indicator + (1 - sc.same_indicator) * (chars + tokens) / 2
    elif pa.norm == pb.norm:
        total = 1.0
        notes.append("same normalized metric")
    else:
        total = (chars + tokens) / 2
        if pa.indicator or pb.indicator:
            total = min(total, sc.one_sided_cap)
            notes.append("only one side names a canonical indicator")
    if rel == "nested":
        total = min(total, sc.nested_level_cap)
        notes.append("education levels nest (one is part of the other)")
    total = round(total, 3)
    return PairScore(total, cat.band(total), comps, ind, None, tuple(notes))


# ---------------------------------------------------------------- relation

_FLOOR = {">=", ">"}
_CAP = {"<=", "<"}


def relation(pa: Profile, pb: Profile) -> Relation:
    """Who commits to the higher value, after unit scaling.

    Points (``=``, ``~``) and floors (``>=``, ``>``) compare by value, a strict
    ``>`` above ``>=`` at the same value; caps (``<=``, ``<``) compare with
    caps and points; a floor against a cap, or ranges that overlap without
    being equal, are ``incomparable``.
    """
    a, b = pa.target, pb.target
    if pa.unit_base != pb.unit_base:
        return "incomparable"
    ca, cb = a.comparator, b.comparator
    if (ca in _FLOOR and cb in _CAP) or (ca in _CAP and cb in _FLOOR):
        return "incomparable"
    lo_a, hi_a = _interval(pa)
    lo_b, hi_b = _interval(pb)
    if ca == "range" or cb == "range":
        if (lo_a, hi_a) == (lo_b, hi_b) and ca == cb:
            return "same"
        if lo_a > hi_b:
            return "a_higher"
        if lo_b > hi_a:
            return "b_higher"
        return "incomparable"
    if lo_a != lo_b:
        return "a_higher" if lo_a > lo_b else "b_higher"
    sa, sb = _strict(ca), _strict(cb)
    return "same" if sa == sb else ("a_higher" if sa > sb else "b_higher")


def _interval(p: Profile) -> tuple[Decimal, Decimal]:
    lo = p.scaled(p.target.value)
    hi = p.scaled(p.target.value_max) if p.target.comparator == "range" and p.target.value_max is not None else lo
    assert lo is not None and hi is not None
    return lo, hi


def _strict(comparator: str) -> int:
    """Order at equal values: < below <= and = below > ."""
    return {"<": -1, ">": 1}.get(comparator, 0)


# ---------------------------------------------------------------- alignment

@dataclass(frozen=True)
class Pair:
    a: Profile
    b: Profile
    score: PairScore
    relation: Relation
    restates: int | None = None  # a repeated mention: the line of the mention that was assigned


PairT = TypeVar("PairT")
OneT = TypeVar("OneT")


@dataclass
class Bands(Generic[PairT, OneT]):
    """The outcome of aligning two plans: matched and uncertain pairs, and what only one side has."""

    matched: list[PairT] = field(default_factory=list)
    uncertain: list[PairT] = field(default_factory=list)
    only_a: list[OneT] = field(default_factory=list)
    only_b: list[OneT] = field(default_factory=list)


@dataclass
class Alignment(Bands[Pair, Profile]):
    """Two plans' targets aligned."""

    @property
    def differ(self) -> bool:
        """The plans differ: something one-sided, uncertain, or a value not the same."""
        return bool(self.uncertain or self.only_a or self.only_b
                    or any(p.relation != "same" for p in self.matched))


def assign(utility: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """One-to-one assignment maximizing total utility; pairs of utility <= 0
    are left unmatched (the "unmatched" option, so weak pairs are never forced).

    Rows and columns may differ in number. Pairs come out by row; among
    equally good assignments the choice is deterministic (the one scipy's
    ``linear_sum_assignment`` makes, which diff used before, so no output moved).
    """
    if not utility or not utility[0]:
        return []
    # a utility <= 0 is "no match": worth nothing, so the optimum never needs it
    gain = [[x if x > 0 else 0.0 for x in row] for row in utility]
    tall = len(gain) > len(gain[0])
    cost = [[-x for x in col] for col in zip(*gain)] if tall else [[-x for x in row] for row in gain]
    col_of = min_cost_assignment(cost)
    pairs = sorted((c, r) for r, c in enumerate(col_of)) if tall else list(enumerate(col_of))
    return [(i, j) for i, j in pairs if gain[i][j] > 0]


def min_cost_assignment(cost: Sequence[Sequence[float]]) -> list[int]:
    """The column of each row in a minimum-cost assignment of a ``rows <= columns``
    matrix of finite costs: shortest augmenting paths with dual potentials
    (Jonker-Volgenant family, as in D. F. Crouse, "On implementing 2D rectangular
    assignment algorithms", IEEE TAES 52(4), 2016). O(rows² · columns).

    Ties are broken as scipy's ``linear_sum_assignment`` breaks them: columns
    are scanned from the last one down, and among equally short paths one that
    ends at a free column wins.
    """
    n_rows, n_cols = len(cost), len(cost[0]) if cost else 0
    if n_rows > n_cols:
        raise ValueError(f"min_cost_assignment needs rows <= columns, got {n_rows} x {n_cols}")
    inf = float("inf")
    u = [0.0] * n_rows                # row potentials
    v = [0.0] * n_cols                # column potentials
    col_of = [-1] * n_rows
    row_of = [-1] * n_cols
    via = [-1] * n_cols               # the row a column was reached from on the shortest path
    for start in range(n_rows):
        dist = [inf] * n_cols
        seen_rows: list[int] = []
        seen_cols: list[int] = []
        todo = list(range(n_cols - 1, -1, -1))
        reached, i, sink = 0.0, start, -1
        while sink < 0:
            seen_rows.append(i)
            row, ui = cost[i], u[i]
            best, at = inf, -1
            for k, j in enumerate(todo):
                d = reached + row[j] - ui - v[j]
                if d < dist[j]:
                    dist[j], via[j] = d, i
                d = dist[j]
                if d < best or (d == best and row_of[j] < 0):
                    best, at = d, k
            if best == inf:
                raise ValueError("min_cost_assignment needs finite costs")
            reached = best
            j = todo[at]
            seen_cols.append(j)
            todo[at] = todo[-1]
            todo.pop()
            if row_of[j] < 0:
                sink = j
            else:
                i = row_of[j]
        u[start] += reached
        for r in seen_rows:
            if r != start:
                u[r] += reached - dist[col_of[r]]
        for c in seen_cols:
            v[c] -= reached - dist[c]
        j = sink
        while True:                   # flip the path: every row on it takes the next column
            i = via[j]
            row_of[j] = i
            col_of[i], j = j, col_of[i]
            if i == start:
                break
    return col_of


def _tiebreak(pa: Profile, pb: Profile) -> float:
    """Tiny preferences among equally good pairs (repeated mentions): same
    value, same year, both from an indicator table."""
    t = 0.0
    if pa.scaled(pa.target.value) == pb.scaled(pb.target.value):
        t += 0.003
    if pa.target.year is not None and pa.target.year == pb.target.year:
        t += 0.002
    if (pa.target.binding is None) == (pb.target.binding is None):
        t += 0.001
    return t


def align_profiles(pa_list: Sequence[Profile], pb_list: Sequence[Profile], cat: Catalog) -> Alignment:
    """Align two plans' target profiles: matched pairs first (optimal
    assignment over pairs at or above ``match``), then uncertain pairs among
    the rest, then repeated mentions of an assigned indicator attached to its
    partner; everything else is one-sided. Deterministic."""
    scores = [[score_pair(pa, pb, cat) for pb in pb_list] for pa in pa_list]
    sc = cat.scoring
    free_a, free_b = set(range(len(pa_list))), set(range(len(pb_list)))
    out = Alignment()
    for band, floor in (("matched", sc.match), ("uncertain", sc.uncertain)):
        ia, ib = sorted(free_a), sorted(free_b)
        util = [[(scores[i][j].total - floor + 0.01 + _tiebreak(pa_list[i], pb_list[j]))
                 if scores[i][j].band != "none" and scores[i][j].total >= floor else 0.0
                 for j in ib] for i in ia]
        for r, c in assign(util):
            i, j = ia[r], ib[c]
            pair = Pair(pa_list[i], pb_list[j], scores[i][j], relation(pa_list[i], pb_list[j]))
            (out.matched if band == "matched" else out.uncertain).append(pair)
            free_a.discard(i)
            free_b.discard(j)
    # repeated mentions (the same indicator stated again in one plan) join their partner
    extra: list[Pair] = []
    for i in sorted(free_a):
        best = _restatement(pa_list[i], out.matched, side="a", cat=cat)
        if best:
            extra.append(best)
            free_a.discard(i)
    for j in sorted(free_b):
        best = _restatement(pb_list[j], out.matched, side="b", cat=cat)
        if best:
            extra.append(best)
            free_b.discard(j)
    out.matched.extend(extra)
    out.only_a = [pa_list[i] for i in sorted(free_a)]
    out.only_b = [pb_list[j] for j in sorted(free_b)]
    _sort(out, cat)
    return out


def _restatement(p: Profile, matched: list[Pair], side: str, cat: Catalog) -> Pair | None:
    best: Pair | None = None
    for pair in matched:
        if pair.restates is not None:
            continue
        mine = pair.a if side == "a" else pair.b
        if mine.key != p.key:
            continue
        other = pair.b if side == "a" else pair.a
        s = score_pair(p, other, cat) if side == "a" else score_pair(other, p, cat)
        if s.band != "matched":
            continue
        cand = (Pair(p, other, s, relation(p, other), restates=mine.target.line) if side == "a"
                else Pair(other, p, s, relation(other, p), restates=mine.target.line))
        if best is None or s.total > best.score.total:
            best = cand
    return best


def _sort(al: Alignment, cat: Catalog) -> None:
    def pair_key(p: Pair) -> tuple:
        return (cat.stage_index(p.a.stage), p.a.label, p.a.target.line, p.b.target.line, p.a.target.metric)

    def one_key(p: Profile) -> tuple:
        return (cat.stage_index(p.stage), p.target.line, p.target.span.start, p.target.metric)

    al.matched.sort(key=pair_key)
    al.uncertain.sort(key=pair_key)
    al.only_a.sort(key=one_key)
    al.only_b.sort(key=one_key)


def targets_only(targets: Sequence["Target"]) -> list["Target"]:
    """The commitments (kind target); baselines are context, not compared."""
    return [t for t in targets if t.kind == "target"]


def align_targets(a: Sequence["Target"], b: Sequence["Target"], cat: Catalog) -> Alignment:
    """Align the targets (kind ``target``) of two plans."""
    return align_profiles(cat.profiles(targets_only(a)), cat.profiles(targets_only(b)), cat)


def baseline_for(p: Profile, baselines: Sequence[Profile]) -> Profile | None:
    """The plan's baseline for the same indicator (or metric), latest year first."""
    same = [q for q in baselines if q.key == p.key and q.unit_base == p.unit_base]
    if not same:
        return None
    return max(same, key=lambda q: (q.target.year or 0, -q.target.line))


# ---------------------------------------------------------------- loading

def catalog(rules: "RuleSet | None" = None) -> Catalog:
    """The compiled indicator table of ``rules`` (built once per rule set)."""
    if rules is None:
        from .rules import default_rules

        rules = default_rules()
    return rules.cached("align.catalog", lambda: Catalog(rules.table("indicators", IndicatorRules), rules))


def default_catalog() -> Catalog:
    return catalog(None)


# ---------------------------------------------------------------- for compare

def _getter(rec: "dict | object"):
    """``rec.get`` for a dict record, attribute access for a Target."""
    return rec.get if isinstance(rec, dict) else (lambda k, d=None: getattr(rec, k, d))


@dataclass(frozen=True)
class RecordTarget:
    """A target record (a dict as extract prints it) seen with Target's attributes."""

    metric: str
    unit: str
    value: float
    value_max: float | None = None
    comparator: str = "="
    kind: str = "target"
    year: int | None = None
    binding: str | None = None
    line: int = 0
    span_start: int = 0

    @property
    def span(self) -> "RecordTarget._Span":
        return RecordTarget._Span(self.span_start)

    @dataclass(frozen=True)
    class _Span:
        start: int

    @staticmethod
    def metric_unit(rec: "dict | object") -> tuple[str, str]:
        """(metric, unit) of a record, as :meth:`of` reads them (cheaper than :meth:`of`)."""
        g = _getter(rec)
        return str(g("metric", "") or ""), str(g("unit", "") or "")

    @classmethod
    def of(cls, rec: "dict | object") -> "RecordTarget":
        g = _getter(rec)
        span = g("span") or {}
        start = span.get("start", 0) if isinstance(span, dict) else getattr(span, "start", 0)
        return cls(*cls.metric_unit(rec), float(g("value", 0) or 0),
                   g("value_max"), g("comparator", "=") or "=", g("kind", "target") or "target",
                   g("year"), g("binding"), int(g("line", 0) or 0), int(start or 0))


class CompareAligner:
    """diff's alignment as ``plancmp.compare.Aligner`` sees it: canonical
    indicator of a record, pair score of two records, metric normalization and
    unit scaling. Records are dicts as extract prints them; the canonical
    indicator is found once per distinct (metric, unit), as a corpus repeats
    its wordings."""

    def __init__(self, cat: Catalog) -> None:
        self.cat = cat
        self.threshold = cat.scoring.match
        self.stages = list(cat.stage_names)
        self._canon: dict[tuple[str, str], "Canon | None"] = {}

    def profile(self, rec: "dict | object") -> Profile:
        return self.cat.profile(RecordTarget.of(rec))  # type: ignore[arg-type]

    def canonical_of(self, target: "dict | object") -> "Canon | None":
        key = RecordTarget.metric_unit(target)
        if key not in self._canon:
            self._canon[key] = self._canonical(self.profile(target))
        return self._canon[key]

    @staticmethod
    def _canonical(p: Profile) -> "Canon | None":
        from .compare import Canon

        if p.indicator is None:
            return None
        return Canon(id=p.key, name=p.label, stage=p.stage, lower_is_better=p.indicator.direction == "down")

    def pair_score(self, a: "dict | object", b: "dict | object") -> float:
        s = score_pair(self.profile(a), self.profile(b), self.cat)
        return 0.0 if s.blocked else s.total

    def norm_metric(self, metric: str) -> str:
        return self.cat.normalize(metric)

    def unit_base(self, unit: str) -> tuple[str, Decimal]:
        return self.cat.unit(unit)


def compare_aligner(rules: "RuleSet | None" = None) -> CompareAligner:
    """The aligner ``plancmp compare`` lines N plans up with."""
    return CompareAligner(catalog(rules))
