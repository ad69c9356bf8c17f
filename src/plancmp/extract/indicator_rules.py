"""The models of ``rules/indicators.toml``: canonical indicators by field, how metric names are
normalized, units by dimension, and the weights of a pair score (validated on load)."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from ..ruleset import Regex

#: the field a stage or indicator belongs to when the table does not say
DEFAULT_FIELD = "教育"


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Weights(_Rule):
    """Weights of the composite score of two targets that name no common indicator."""

    name: float = 0.6   # how alike the names are (characters and tokens)
    head: float = 0.25  # the names end in the same head noun
    scope: float = 0.15  # the education levels (or scope) agree; counts only where one side names some


class Scoring(_Rule):
    match: float = 0.72
    uncertain: float = 0.56
    same_indicator: float = 0.9
    nested_level_cap: float = 0.7
    one_sided_cap: float = 0.85
    bare_cap: float = 0.7
    other_classifier: float = 0.9  # factor on a pair whose counts use other classifiers (所 against 个)
    common_weight: float = 0.25
    weights: Weights = Weights()

    @model_validator(mode="after")
    def _order(self) -> "Scoring":
        if not 0 < self.uncertain <= self.match <= 1:
            raise ValueError("need 0 < uncertain <= match <= 1")
        return self


class LevelRule(_Rule):
    words: list[str]
    covers: list[str]
    #: longer strings in which a level word is part of another word (大学 in 扩大学位, 加大学校)
    not_within: list[str] = []


class FieldRule(_Rule):
    """A field of policy: a plan whose title holds one of ``title`` is of this field."""

    name: str
    title: list[str] = []


class StageRule(_Rule):
    name: str
    field: str = DEFAULT_FIELD
    words: list[str] = []
    levels: list[str] = []
    by_level: bool = False


def parse_scale(v: str) -> Decimal:
    """A unit's scale: a positive decimal (``10000``) or fraction (``2000/3``, one 亩 in 平方米)."""
    try:
        f = Fraction(v)
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"scale {v!r} is not a positive number") from None
    if f <= 0:
        raise ValueError(f"scale {v!r} is not a positive number")
    try:
        return Decimal(f.numerator) / Decimal(f.denominator)
    except InvalidOperation:
        raise ValueError(f"scale {v!r} is not a positive number") from None


class UnitRule(_Rule):
    """A unit: the base unit of its dimension and how many base units it is (万元 → 元, 10000)."""

    base: str
    scale: str = "1"

    @field_validator("scale")
    @classmethod
    def _positive(cls, v: str) -> str:
        parse_scale(v)
        return v


class QuantityRule(_Rule):
    """Words that say what kind of quantity a metric counts: an increment in the period (新增),
    a stock or running total (总量, 累计), or an amount per year (每年)."""

    increment: list[str] = []
    total: list[str] = []
    yearly: list[str] = []
    #: an amount per head or per thousand (人均, 生均, 每千…拥有): a density, never a count
    per_head: list[str] = []
    #: how many characters may stand between a metric and its number for a total word there to
    #: count as the metric's (养老床位总数达到6500张: 总数 is the head the metric left out)
    total_reach: int = 6


class MeasureRule(_Rule):
    """What a rate is a rate of. ``people`` and ``units`` are the nouns a share counts (幼儿,
    学生 against 县, 学校, 社区): a share of units is never a share of people. ``coverage`` are the
    rate words that, after an institution, still count the people it serves (普惠性幼儿园覆盖率).
    ``share`` are the rate words that say only "a part of" (占比, 比例, 覆盖率): two of them, or one
    and any other rate, may name one measure; two other rates (使用率, 纳控率) agree only when the
    character before 率 does, or both are in one group of ``same_rate`` (合格率, 达标率)."""

    people: list[str] = []
    units: list[str] = []
    coverage: list[str] = []
    share: list[str] = []
    same_rate: list[list[str]] = []
    #: rate words that say only how much is reached (完成率, 建成率), like ``share`` and ``same_rate``
    generic: list[str] = []
    #: the head a pair of rates scores when only the rate word agrees (覆盖率 of 明厨亮灶 against 覆盖率
    #: of 普惠性幼儿园): half a head, the objects before it differ
    rate_only_head: float = 0.5


class HeadRule(_Rule):
    """Words set aside at the end of a name before its head noun is compared: measure words
    (数量, 面积) and work done on the thing (改造, 更新), joined by connectors (或, 和); and at the
    start of a name before it is compared (``lead``: 新建, 推动, 拟)."""

    measure: list[str] = []
    action: list[str] = []
    connector: list[str] = []
    lead: list[str] = []


class TierRule(_Rule):
    """Tiers of government a name may be qualified by (区级, 省、市级, 市级以上): the one-character
    names and the tier each stands for, lowest first, and the words that add every tier above."""

    names: dict[str, str] = {}
    order: list[str] = []
    above: list[str] = []
    #: a tier name opening a name without 级 (区骨干教师, 市学科带头人) counts, unless one of these
    #: characters follows it (区域, 市场, 市民, 区属: words, not tiers)
    lead_not_before: str = ""

    @model_validator(mode="after")
    def _known(self) -> "TierRule":
        unknown = sorted(set(self.names.values()) - set(self.order))
        if unknown:
            raise ValueError(f"tiers {'、'.join(unknown)} are missing from order")
        return self


class WorkRule(_Rule):
    """A kind of work done to what a name counts (build, renew, inspect) and the words that say it."""

    name: str
    words: list[str]


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
    strip: list[Regex] = []
    filler: list[str] = []
    synonyms: list[tuple[str, str]] = []
    neutral: list[str] = []
    neutral_suffix: list[str] = []
    common: list[str] = []
    level: list[LevelRule] = []
    field: list[FieldRule] = []
    stage: list[StageRule]
    units: dict[str, UnitRule] = {}
    quantity: QuantityRule = QuantityRule()
    measure: MeasureRule = MeasureRule()
    head: HeadRule = HeadRule()
    tiers: TierRule = TierRule()
    work: list[WorkRule] = []
    never: list[NeverRule] = []
    indicator: list[Indicator]

    @model_validator(mode="after")
    def _consistent(self) -> "IndicatorRules":
        stages = {s.name for s in self.stage}
        fields = {f.name for f in self.field} | {DEFAULT_FIELD}
        for s in self.stage:
            if s.field not in fields:
                raise ValueError(f"stage {s.name} has unknown field {s.field}")
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
