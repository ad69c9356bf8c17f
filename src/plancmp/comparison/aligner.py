"""How ``plancmp compare`` sees diff's alignment: the :class:`Aligner` interface and
:class:`CompareAligner`, which answers it from the indicator catalog and the pair score, over
target records as ``plancmp extract`` prints them (dicts, not models).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from ..extract.indicators import OTHER_STAGE
from ..ruleset import RuleSet, default_rules
from .catalog import Catalog, Profile, catalog
from .scoring import score_pair

#: a target or project record as ``plancmp extract`` prints it (a JSON object, not a model)
JsonRecord = Mapping[str, Any]

@dataclass(frozen=True)
class Canon:
    """A canonical indicator a target belongs to."""

    id: str
    name: str
    stage: str
    lower_is_better: bool = False
    field: str | None = None


class Aligner(Protocol):
    """What compare needs from diff's alignment (:class:`CompareAligner` over :mod:`plancmp.comparison.catalog`;
    tests stand in a small one)."""

    #: scores at or above this pair two targets (diff's ``matched`` band)
    threshold: float
    #: stage names in display order
    stages: Sequence[str]

    def canonical_of(self, target: JsonRecord) -> Canon | None: ...

    def plan_field(self, title: str | None, targets: Sequence[JsonRecord]) -> str | None: ...

    def stage_of(self, target: JsonRecord, plan_field: str | None) -> str | None: ...

    def pair_score(self, a: JsonRecord, b: JsonRecord) -> float: ...

    def norm_metric(self, metric: str) -> str: ...

    def unit_base(self, unit: str) -> tuple[str, Decimal]: ...


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
    metric_full: str | None = None
    comparator: str = "="
    kind: str = "target"
    year: int | None = None
    binding: str | None = None
    line: int = 0
    span_start: int = 0

    @property
    def span(self) -> "RecordTarget._Span":
        return RecordTarget._Span(start=self.span_start)

    @dataclass(frozen=True)
    class _Span:
        start: int

    @staticmethod
    def metric_unit(rec: "dict | object") -> tuple[str, str]:
        """(name, unit) of a record, as :meth:`of` reads them (cheaper than :meth:`of`): the name is
        ``metric_full`` where extract set it, else ``metric``."""
        get = _getter(rec)
        return str(get("metric_full", "") or get("metric", "") or ""), str(get("unit", "") or "")

    @classmethod
    def of(cls, rec: "dict | object") -> "RecordTarget":
        get = _getter(rec)
        span = get("span") or {}
        start = span.get("start", 0) if isinstance(span, dict) else getattr(span, "start", 0)
        unit = cls.metric_unit(rec)[1]
        metric = str(get("metric", "") or "")
        return cls(metric=metric, unit=unit, value=float(get("value", 0) or 0), value_max=get("value_max"),
                   metric_full=get("metric_full"),
                   comparator=get("comparator", "=") or "=", kind=get("kind", "target") or "target", year=get("year"),
                   binding=get("binding"), line=int(get("line", 0) or 0), span_start=int(start or 0))


class CompareAligner:
    """diff's alignment as :class:`Aligner` sees it: canonical
    indicator of a record, pair score of two records, metric normalization and
    unit scaling. Records are dicts as extract prints them; the canonical
    indicator is found once per distinct (metric, unit), as a corpus repeats
    its wordings."""

    def __init__(self, cat: Catalog) -> None:
        self.cat = cat
        self.threshold = cat.scoring.match
        self.stages = list(cat.stage_names)
        self._canon: dict[tuple[str, str], Canon | None] = {}

    def profile(self, rec: "dict | object") -> Profile:
        return self.cat.profile(RecordTarget.of(rec))  # type: ignore[arg-type]

    def canonical_of(self, target: "dict | object") -> Canon | None:
        key = RecordTarget.metric_unit(target)
        if key not in self._canon:
            self._canon[key] = self._canonical(self.profile(target))
        return self._canon[key]

    @staticmethod
    def _canonical(p: Profile) -> Canon | None:
        if p.indicator is None:
            return None
        return Canon(id=p.key, name=p.label, stage=p.stage, lower_is_better=p.indicator.direction == "down",
                     field=p.field)

    def plan_field(self, title: str | None, targets: Sequence[JsonRecord]) -> str | None:
        return self.cat.plan_field(title, [RecordTarget.of(t) for t in targets])

    def stage_of(self, target: "dict | object", plan_field: str | None) -> str | None:
        """The stage a target no indicator covers belongs to in a plan of ``plan_field``; None for 其他."""
        stage = self.cat.profile(RecordTarget.of(target), plan_field).stage  # type: ignore[arg-type]
        return None if stage == OTHER_STAGE else stage

    def pair_score(self, a: "dict | object", b: "dict | object") -> float:
        s = score_pair(self.profile(a), self.profile(b), self.cat)
        return 0.0 if s.blocked else s.total

    def norm_metric(self, metric: str) -> str:
        return self.cat.normalize(metric)

    def unit_base(self, unit: str) -> tuple[str, Decimal]:
        return self.cat.unit(unit)


def compare_aligner(rules: RuleSet | None = None) -> CompareAligner:
    """The aligner ``plancmp compare`` lines N plans up with."""
    return CompareAligner(catalog(rules if rules is not None else default_rules()))


