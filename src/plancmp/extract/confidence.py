"""How sure a record's reading is: ``confidence`` from its ``doubts`` (``rules/doubts.toml``).

Each stage that reads a record names what a person should check about it, as
``field:reason`` (``metric:fallback``, ``kind:section-only``, ``year:inherited``);
:func:`confidence` turns them into a number between the table's floor and 1.0,
and :func:`review` orders records for a person to check, lowest confidence first.

>>> from plancmp.ruleset import default_rules
>>> confidence(["metric:fallback", "kind:default"], default_rules())
0.3
>>> confidence([], default_rules())
1.0
"""
from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from ..models import Target
from ..ruleset import RuleSet


class DoubtWeights(BaseModel):
    """``rules/doubts.toml``."""

    floor: float = Field(default=0.05, ge=0.0, le=1.0, description="the lowest confidence")
    weights: dict[str, float] = Field(default={}, description="how much each doubt lowers confidence")


#: the weight of a doubt the table does not name
UNKNOWN_WEIGHT = 0.1


def confidence(doubts: Iterable[str], rules: RuleSet) -> float:
    """1.0 less the weight of each doubt (rounded to 0.01), at least the table's floor."""
    table = rules.table("doubts", DoubtWeights)
    score = 1.0 - sum(table.weights.get(d, UNKNOWN_WEIGHT) for d in dict.fromkeys(doubts))
    return round(max(table.floor, score), 2)


def review(targets: Iterable[Target], limit: int | None = None) -> list[Target]:
    """The records a person should check first: those with doubts, lowest confidence first (then
    by line), at most ``limit``."""
    doubtful = sorted((t for t in targets if t.doubts or t.confidence < 1.0), key=lambda t: (t.confidence, t.line, t.span.start))
    return doubtful if limit is None else doubtful[:limit]
