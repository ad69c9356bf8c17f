"""The canonical indicators of ``rules/indicators.toml``, compiled: what a target's metric names.

The unit of comparison is the *canonical indicator* (学前教育毛入园率,
生均公用经费, …). :class:`Catalog` normalizes a metric name, finds the
indicator it names and the education levels it narrows to, its stage, unit
base and scale, and its tokens; together these are a target's
:class:`Profile`. ``plancmp compare`` lines N plans up on :attr:`Profile.key`;
:mod:`plancmp.comparison.scoring` scores two profiles.

Nothing is loaded at import: the table is read and compiled on first use, once
per :class:`~plancmp.ruleset.RuleSet` (:func:`catalog`).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from ..errors import PlancmpError
from ..ruleset import RuleSet, compiled_once, default_rules
from .tokenize import tokenize

if TYPE_CHECKING:
    from ..models import Target

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


@dataclass(frozen=True, eq=False)
class Catalog:
    """The compiled indicator table: normalization, identification, scoring
    helpers. Built once per rule set by :func:`catalog`; it memoizes the
    profile facts and the tokens of each distinct metric it meets."""

    table: IndicatorRules
    indicators: dict[str, Indicator]      # id -> indicator
    stage_names: tuple[str, ...]          # in display order
    stage_levels: dict[str, frozenset[str]]
    filler: list[str]                     # longest first
    level_words: list[tuple[str, frozenset[str]]]  # level word -> levels it covers, longest first
    level_of: dict[str, frozenset[str]]
    prefix_words: list[str]               # words a qualifier in front of an alias may consist of, longest first
    suffix_words: list[str]               # neutral suffixes stripped before identifying, longest first
    common: frozenset[str]                # words that weigh little in token overlap
    common_bigrams: frozenset[str]
    aliases: dict[str, Indicator]         # normalized alias -> indicator
    by_last: dict[str, list[str]]         # last character -> normalized aliases, longest first
    tokenizer: Callable[[str], list[str]]
    _facts: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    _tokens: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def scoring(self) -> Scoring:
        return self.table.scoring

    # -- names
    def normalize(self, metric: str) -> str:
        """Metric name without brackets, quotes and filler, synonyms unified.

        >>> default_catalog().normalize("全区学前三年毛入园率（%）")
        '学前教育毛入园率'
        """
        return _normalize(metric, self.table.synonyms, self.filler)

    def levels_in(self, text: str) -> frozenset[str]:
        """Education levels ``text`` names: where its level words agree (中等教育
        … 双师型) their intersection, else their union (小学、初中)."""
        found: list[frozenset[str]] = []
        rest = text
        for w, covers in self.level_words:
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
            for w in self.suffix_words:
                if stem.endswith(w) and len(stem) > len(w):
                    stem, changed = stem[: -len(w)], True
        if not stem:
            return None
        for alias in self.by_last.get(stem[-1], ()):
            if not stem.endswith(alias):
                continue
            levels = self._qualifier_levels(stem[: -len(alias)])
            if levels is None:
                continue
            ind = self.aliases[alias]
            default = frozenset(ind.levels) if ind.levels is not None else self.stage_levels.get(ind.stage, frozenset())
            narrowed = frozenset() if not levels or levels >= default and default else levels
            return ind, alias, narrowed
        return None

    def _qualifier_levels(self, prefix: str) -> frozenset[str] | None:
        """Levels named by a prefix made only of neutral and level words; None otherwise."""
        rest, words = prefix, []
        while rest:
            w = next((w for w in self.prefix_words if rest.startswith(w)), None)
            if w is None:
                return None
            if w in self.level_of:
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
        try:
            toks = [t for t in self.tokenizer(norm) if t.strip()]
            if toks:
                return frozenset(toks)
        except PlancmpError:
            pass
        return _bigrams(norm)

    def profile(self, target: "Target") -> Profile:
        """The profile of a target (anything with Target's attributes)."""
        key = (target.metric, target.unit)
        facts = self._facts.get(key)
        if facts is None:
            facts = self._facts[key] = self._metric_facts(target.metric, target.unit)
        return Profile(target=target, **facts)

    def _metric_facts(self, metric: str, unit: str) -> dict[str, Any]:
        """The fields of a :class:`Profile` that depend only on the metric and unit, by name."""
        norm = self.normalize(metric)
        hit = self.identify(norm)
        base, scale = self.unit(unit)
        ind, alias, narrowed = hit if hit else (None, None, frozenset())
        if ind is not None and self.unit(ind.unit)[0] != base:
            ind, alias, narrowed = None, None, frozenset()  # same words, other quantity (学习型社区 个 vs 创建率 %)
        levels = self.levels_in(norm)
        stage = ind.stage if ind else self.stage_of(norm, levels)
        return dict(norm=norm, indicator=ind, alias=alias, narrowed=narrowed, levels=levels, stage=stage,
                    unit_base=base, scale=scale, tokens=self.tokens(norm))

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
        if len(token) < 2 or token in self.common or (len(token) == 2 and token in self.common_bigrams):
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


_STRIP = re.compile(r"[（(][^（）()]*[)）]|[“”\"'‘’《》〈〉「」『』\s　]")


def _normalize(metric: str, synonyms: Sequence[tuple[str, str]], filler: Sequence[str]) -> str:
    s = _STRIP.sub("", metric)
    for a, b in synonyms:
        s = s.replace(a, b)
    for w in filler:
        s = s.replace(w, "")
    return s


def _bigrams(s: str) -> frozenset[str]:
    if len(s) < 2:
        return frozenset([s]) if s else frozenset()
    return frozenset(s[i:i + 2] for i in range(len(s) - 1))


@compiled_once
def catalog(rules: RuleSet) -> Catalog:
    """The compiled indicator table of ``rules`` (built once per rule set)."""
    table = rules.table("indicators", IndicatorRules)
    filler = sorted(set(table.filler), key=len, reverse=True)
    level_words = sorted(((w, frozenset(lv.covers)) for lv in table.level for w in lv.words), key=lambda x: -len(x[0]))
    aliases: dict[str, Indicator] = {}
    for ind in table.indicator:
        for a in (ind.name, *ind.aliases):
            n = _normalize(a, table.synonyms, filler)
            if n and n not in aliases:
                aliases[n] = ind
    by_last: dict[str, list[str]] = {}
    for n in sorted(aliases, key=len, reverse=True):
        by_last.setdefault(n[-1], []).append(n)
    return Catalog(
        table=table,
        indicators={i.id: i for i in table.indicator},
        stage_names=tuple(s.name for s in table.stage),
        stage_levels={s.name: frozenset(s.levels) for s in table.stage},
        filler=filler,
        level_words=level_words,
        level_of=dict(level_words),
        prefix_words=sorted({*table.neutral, *(w for w, _ in level_words)}, key=len, reverse=True),
        suffix_words=sorted(table.neutral_suffix, key=len, reverse=True),
        common=frozenset(table.common),
        common_bigrams=frozenset(w[i:i + 2] for w in table.common if len(w) >= 2 for i in range(len(w) - 1)),
        aliases=aliases,
        by_last=by_last,
        tokenizer=lambda text: tokenize(text, rules),
    )


def default_catalog() -> Catalog:
    """The catalog of the built-in rules."""
    return catalog(default_rules())
