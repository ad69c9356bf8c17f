"""``plancmp diff A B``: two districts' commitments side by side, as data.

:func:`build_diff` aligns two :class:`~plancmp.models.ExtractResult` (targets
and projects, :mod:`plancmp.comparison.align`) into a :class:`DiffResult`, whose
:meth:`~DiffResult.to_dict` is the ``plancmp.diff/1`` JSON object;
:mod:`plancmp.output.diff_report` writes it in every other format.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..models import ExtractResult, Project, Target
from ..ruleset import RuleSet, default_rules
from .align import Alignment, Pair, ProjectAlignment, ProjectPair, align_projects, align_targets, baselines_of
from .catalog import Catalog, Profile, catalog

SCHEMA_DIFF = "plancmp.diff/1"


# ---------------------------------------------------------------- the result

@dataclass
class DiffResult:
    a: ExtractResult
    b: ExtractResult
    targets: Alignment
    projects: ProjectAlignment
    catalog: Catalog
    names: tuple[str, str]
    baselines: tuple[list[Profile], list[Profile]]
    fields: tuple[str | None, str | None] = (None, None)

    @property
    def differ(self) -> bool:
        p = self.projects
        return self.targets.differ or bool(p.uncertain or p.only_a or p.only_b)

    def to_dict(self) -> dict[str, Any]:
        """The ``plancmp.diff/1`` JSON object."""
        def side(r: ExtractResult, plan_field: str | None) -> dict[str, Any]:
            return {"source": r.source.model_dump(mode="json"), "meta": r.meta.model_dump(mode="json"), "field": plan_field}

        p = self.projects
        return {
            "schema": SCHEMA_DIFF,
            "a": side(self.a, self.fields[0]),
            "b": side(self.b, self.fields[1]),
            "matched": [pair_dict(x, self.baselines) for x in self.targets.matched],
            "uncertain": [pair_dict(x, self.baselines) for x in self.targets.uncertain],
            "only_a": [_rec(x.target) for x in self.targets.only_a],
            "only_b": [_rec(x.target) for x in self.targets.only_b],
            "projects": {
                "matched": [project_pair_dict(x) for x in p.matched],
                "uncertain": [project_pair_dict(x) for x in p.uncertain],
                "only_a": [_rec(x) for x in p.only_a],
                "only_b": [_rec(x) for x in p.only_b],
            },
        }


def _rec(r: Target | Project) -> dict[str, Any]:
    """A record exactly as ``plancmp extract`` prints it."""
    return r.model_dump(by_alias=True, mode="json")


def reasons(pair: Pair) -> dict[str, Any]:
    s = pair.score
    ind = pair.a.indicator if s.indicator else None
    out: dict[str, Any] = {
        "indicator": s.indicator,
        "indicator_name": ind.name if ind else None,
        "field": pair.a.field or pair.b.field,
        "stage": pair.a.stage,
        "alias": {"a": pair.a.alias, "b": pair.b.alias} if ind else None,
        "components": dict(s.components),
        "notes": list(s.notes),
    }
    if pair.restates is not None:
        out["restates"] = pair.restates
        out["notes"].append(f"repeats the commitment on line {pair.restates}")
    return out


def converted(pair: Pair) -> dict[str, Any] | None:
    """Both values in the base unit of their dimension, where the two plans write other units
    (50万平方米 against 300000平方米): what the relation was decided on."""
    a, b = pair.a, pair.b
    if a.target.unit == b.target.unit or a.unit_base != b.unit_base:
        return None
    va, vb = a.scaled(a.target.value), b.scaled(b.target.value)
    return {"unit": a.unit_base, "a": float(va) if va is not None else None, "b": float(vb) if vb is not None else None}


def pair_dict(pair: Pair, baselines: tuple[list[Profile], list[Profile]] = ([], [])) -> dict[str, Any]:
    """A pair as ``plancmp.diff/1`` writes it: both records, score, relation and reasons; the
    baselines of a common year, the same measure for other years (context) and the converted values
    where they apply."""
    out: dict[str, Any] = {"a": _rec(pair.a.target), "b": _rec(pair.b.target), "score": pair.score.total,
                           "relation": pair.relation, "reasons": reasons(pair)}
    conv = converted(pair)
    if conv:
        out["converted"] = conv
    ba, bb = baselines_of(pair, *baselines)
    if ba is not None or bb is not None:
        out["baseline"] = {"a": _rec(ba.target) if ba else None, "b": _rec(bb.target) if bb else None}
    if pair.context_a or pair.context_b:
        out["context"] = {"a": [_rec(q.target) for q in pair.context_a], "b": [_rec(q.target) for q in pair.context_b]}
    return out


def project_pair_dict(pair: ProjectPair) -> dict[str, Any]:
    return {"a": _rec(pair.a), "b": _rec(pair.b), "score": pair.score,
            "reasons": {"components": dict(pair.components)}}


def district_name(r: ExtractResult) -> str:
    """What a person calls the plan: its district (or city, province, title), else the file name."""
    reg = r.meta.region
    name = reg.district or reg.city or reg.province or r.meta.title
    return name or (Path(r.source.path).stem if r.source.path not in ("", "-", "<stdin>") else "stdin")


def build_diff(a: ExtractResult, b: ExtractResult, rules: RuleSet | None = None) -> DiffResult:
    """Align the targets and projects of two extracted plans."""
    cat = catalog(rules if rules is not None else default_rules())
    na, nb = district_name(a), district_name(b)
    if na == nb:
        na, nb = f"{na} (A)", f"{nb} (B)"
    fields = (cat.plan_field(a.meta.title, a.targets), cat.plan_field(b.meta.title, b.targets))
    base_a = cat.profiles([t for t in a.targets if t.kind == "baseline"], fields[0])
    base_b = cat.profiles([t for t in b.targets if t.kind == "baseline"], fields[1])
    return DiffResult(a=a, b=b, targets=align_targets(a.targets, b.targets, cat, fields),
                      projects=align_projects(a.projects, b.projects, cat), catalog=cat,
                      names=(na, nb), baselines=(base_a, base_b), fields=fields)
