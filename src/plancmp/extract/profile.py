"""What alignment knows about one target: its :class:`Profile`, built by
:meth:`plancmp.extract.indicators.Catalog.profile`."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .indicator_rules import Indicator

if TYPE_CHECKING:
    from ..models import Target


@dataclass(frozen=True)
class Profile:
    """What alignment knows about one target."""

    target: "Target"
    norm: str                     # normalized metric name (of metric_full where extract set it)
    indicator: Indicator | None   # the canonical indicator it names
    alias: str | None             # the alias that named it
    narrowed: frozenset[str]      # levels a qualifier narrows the indicator to (小学 生均公用经费)
    levels: frozenset[str]        # every education level the metric names
    tiers: frozenset[str]         # the tiers of government it is qualified by (区级 → 区)
    stage: str
    field: str | None             # the field of the stage (None for 其他)
    unit_base: str                # the base unit of the unit's dimension: 平方米 for 万平方米, 个 for 所
    unit_word: str                # the unit without its scale: 个 for 万个, 所 for 所
    scale: Decimal
    core: str                     # the name without levels, tiers, leading actions and trailing measure words
    tokens: frozenset[str]        # the words of the core
    head: str                     # the name with its measure and action words set aside (商务楼宇)
    quantity: frozenset[str]      # increment / total / yearly, as the name says
    works: frozenset[str]         # the kinds of work the name says are done (build, renew, inspect)
    rate: str | None = None       # which rate a % name is: "share" (比例, 覆盖率), else its rate word (用 of 使用率)
    subject: str | None = None    # what a share counts: "people" (在园幼儿占比) or "units" (85%的县…), None unknown

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
        """A name for the row: the canonical name (with its narrowing), else the metric with its scope."""
        if self.indicator is None:
            return getattr(self.target, "metric_full", None) or self.target.metric
        if self.narrowed:
            return f"{self.indicator.name}({'、'.join(sorted(self.narrowed))})"
        return self.indicator.name

    def scaled(self, value: float | None) -> Decimal | None:
        """``value`` in the base unit (万元 → 元, 亩 → 平方米)."""
        return None if value is None else Decimal(str(value)) * self.scale


def metric_name(target: Any) -> str:
    """The name a target is compared under: ``metric_full`` where extract set it, else ``metric``."""
    return getattr(target, "metric_full", None) or target.metric
