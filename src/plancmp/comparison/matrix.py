"""Many plans in one matrix: ``plancmp compare PLAN...``, as data.

Rows are canonical indicators (diff's indicator catalog, through
:class:`~plancmp.comparison.aligner.CompareAligner`) grouped by stage, then clusters of similar targets
that no canonical indicator covers, clustered with the same pair score as
``diff``; columns are districts (:class:`~plancmp.comparison.inputs.Plan`); a cell is
one plan's commitment on that row, with its baseline and source line. A
second matrix lists the projects of each plan by category.

The matrix is built from extract records (dicts exactly as ``plancmp extract``
prints them), so a corpus can be extracted once and compared many times.
:mod:`plancmp.output.matrix_report` turns a :class:`Comparison` into output.
"""
from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..errors import InputError, RulesError
from ..extract.batch import make_rules
from ..ruleset import RuleSet, compiled_once
# the aligner interface lives in .aligner; its names stay importable from here, as before the split
from .aligner import Aligner, Canon, CompareAligner, JsonRecord, RecordTarget, compare_aligner  # noqa: F401
from .inputs import Plan, load_records, make_plans


# ------------------------------------------------------------------ rules

class CompareRules(BaseModel):
    """``rules/compare.toml``: presentation of the matrix."""

    model_config = ConfigDict(extra="forbid")

    cluster_group: str = "相似指标(无标准指标)"
    project_order: list[str]
    extra_categories: list[str] = []
    project_other: str = "其他"
    file_name_mark: str = "†"


class ProjectCategories(BaseModel):
    """The category tables of ``rules/projects.toml`` (name suffix -> category),
    which the project finder files projects by; compare reads them too."""

    model_config = ConfigDict(extra="ignore")

    strong: dict[str, str]
    weak: dict[str, str]
    school: dict[str, str]


@dataclass(frozen=True)
class CompiledCompare:
    """compare.toml with the category words of projects.toml, ready to use."""

    cluster_group: str
    project_other: str
    file_name_mark: str
    #: name suffix -> category, longest suffix first: projects.toml's, then compare's extra categories
    category_suffixes: dict[str, str]
    #: category -> its place among the project rows
    category_order: dict[str, int]


@compiled_once
def compare_rules(rules: RuleSet) -> CompiledCompare:
    """compare.toml and the category tables of projects.toml (once per rule set)."""
    r = rules.table("compare", CompareRules)
    p = rules.table("projects", ProjectCategories)
    by_suffix = {**p.school, **p.weak, **p.strong}
    unknown = [c for c in r.project_order if c not in by_suffix.values()]
    if unknown:
        raise RulesError(f"rules table compare.toml is invalid at project_order: {'、'.join(unknown)} is no category "
                         "of projects.toml (the values of its strong, weak and school tables); "
                         "list a category of compare's own under extra_categories")
    suffixes = sorted(by_suffix, key=lambda w: (-len(w), w))
    return CompiledCompare(
        cluster_group=r.cluster_group,
        project_other=r.project_other,
        file_name_mark=r.file_name_mark,
        category_suffixes={**{w: by_suffix[w] for w in suffixes}, **{w: w for w in r.extra_categories if w not in by_suffix}},
        category_order={c: i for i, c in enumerate([*r.project_order, *r.extra_categories])},
    )


# ------------------------------------------------------------------ the matrix

@dataclass
class CellData:
    """One plan's commitment on one row."""

    target: dict[str, Any]
    baseline: dict[str, Any] | None = None  # inline baseline or a baseline record
    also: list[dict[str, Any]] = field(default_factory=list)  # more targets of the plan on this row
    #: the target in the row's unit where the plan wrote another unit of the dimension (value, value_max, unit)
    converted: dict[str, Any] | None = None


@dataclass
class MatrixRow:
    """One row of the matrix: a canonical indicator or a cluster of similar targets."""

    kind: str  # "indicator" | "cluster"
    id: str
    name: str
    stage: str
    lower_is_better: bool = False
    cells: dict[str, CellData] = field(default_factory=dict)  # plan key -> cell
    unit: str | None = None
    stats: dict[str, Any] = field(default_factory=dict)
    most_ambitious: list[str] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)  # the plans' own wordings
    field: str | None = None  # the field of policy of the stage (教育, 城市更新 …); last: it shadows dataclasses.field


@dataclass
class CategoryRow:
    category: str
    cells: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass
class Comparison:
    plans: list[Plan]
    rows: list[MatrixRow]
    projects: list[CategoryRow]
    rules: CompiledCompare

    def stage_groups(self) -> list[tuple[str, list[MatrixRow]]]:
        groups: dict[str, list[MatrixRow]] = {}
        for r in self.rows:
            groups.setdefault(r.stage, []).append(r)
        return list(groups.items())


def compare(plans: Sequence[Plan], aligner: Aligner, rules: CompiledCompare, min_plans: int = 1) -> Comparison:
    """The matrix of ``plans``: rows with at least ``min_plans`` plans, grouped by stage (the field
    of each plan decides the stage of the targets no indicator covers)."""
    canon_rows: dict[str, MatrixRow] = {}
    leftovers: list[tuple[Plan, list[dict[str, Any]]]] = []
    baselines_by_row: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for plan in plans:
        plan.field = aligner.plan_field(plan.meta.get("title"), plan.targets)
        rest: list[dict[str, Any]] = []
        per_row: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for t in plan.targets:
            c = aligner.canonical_of(t)
            if c is None:
                if t.get("kind", "target") == "target":
                    rest.append(t)
                continue
            if c.id not in canon_rows:
                canon_rows[c.id] = MatrixRow(kind="indicator", id=c.id, name=c.name, stage=c.stage,
                                             lower_is_better=c.lower_is_better, field=c.field)
            if t.get("kind", "target") == "target":
                per_row[c.id].append(t)
            else:
                baselines_by_row[(plan.key, c.id)].append(t)
        for rid, ts in per_row.items():
            canon_rows[rid].cells[plan.key] = _cell(ts, baselines_by_row.get((plan.key, rid), []))
        leftovers.append((plan, rest))
    rows = [r for r in list(canon_rows.values()) + cluster_rows(leftovers, aligner, rules)
            if r.cells and len(r.cells) >= min_plans]
    rows.sort(key=lambda r: _row_order(r, aligner.stages, rules))
    for r in rows:
        _row_stats(r, aligner, plans)
    return Comparison(plans=list(plans), rows=rows, projects=projects_by_category(plans, rules), rules=rules)


def _row_order(r: MatrixRow, stages: Sequence[str], rules: CompiledCompare) -> tuple:
    """Stages in rule order (the clusters of no stage last); in a stage, indicators by id, then clusters
    (most plans first)."""
    if r.kind == "indicator":
        return (r.stage == rules.cluster_group, _stage_index(r.stage, stages), r.stage, 0, 0, r.id)
    return (r.stage == rules.cluster_group, _stage_index(r.stage, stages), r.stage, 1, -len(r.cells), r.name)


def _stage_index(stage: str, stages: Sequence[str]) -> int:
    return stages.index(stage) if stage in stages else len(stages)


def _primary_key(t: JsonRecord) -> tuple:
    """Which of a plan's targets on one row to show: a dated one (indicator
    table or 到2025年…), one with a binding, then the first in the text."""
    return (t.get("year") is None, t.get("binding") is None, t.get("line") or 0)


def _cell(targets: list[dict[str, Any]], baselines: list[dict[str, Any]]) -> CellData:
    ts = sorted(targets, key=_primary_key)
    primary = ts[0]
    base = primary.get("baseline")
    if not base and baselines:
        base = min(baselines, key=lambda b: (b.get("year") is None, abs((b.get("line") or 0) - (primary.get("line") or 0))))
    if base:
        base = dict(base)
        base["unit"] = base.get("unit") or primary.get("unit")
    return CellData(target=primary, baseline=base or None, also=ts[1:])


# ------------------------------------------------------------------ clusters of uncovered targets

def cluster_rows(leftovers: Sequence[tuple[Plan, list[dict[str, Any]]]], aligner: Aligner,
                 rules: CompiledCompare) -> list[MatrixRow]:
    """Rows for the targets no canonical indicator covers, each in the stage of its first target (in
    its plan's field; ``cluster_group`` when it has none).

    Targets of one plan with the same normalized metric and unit form one
    item; items with the same key across plans start as one group; groups
    are then merged, best score first, when every pair across them scores at
    least the aligner's threshold (complete linkage, so a chain of look-alikes
    never joins two different measures) and a plan in both states the same
    figure in both (else they are two measures of that plan).
    """
    groups: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}
    fields = {plan.key: plan.field for plan, _ in leftovers}
    for plan, targets in leftovers:
        for t in targets:
            key = (aligner.norm_metric(RecordTarget.metric_unit(t)[0]), aligner.unit_base(t.get("unit") or "")[0])
            groups.setdefault(key, {}).setdefault(plan.key, []).append(t)
    keys = sorted(groups)
    reps = {k: _representative(groups[k]) for k in keys}
    merged = _merge_groups(keys, reps, groups, aligner)
    rows: list[MatrixRow] = []
    for members in merged:
        cells: dict[str, list[dict[str, Any]]] = {}
        for k in members:
            for pk, ts in groups[k].items():
                cells.setdefault(pk, []).extend(ts)
        wordings = Counter(RecordTarget.metric_unit(t)[0] for ts in cells.values() for t in ts)
        name = min(wordings, key=lambda m: (-wordings[m], len(m), m))
        pk, first = min(((pk, min(ts, key=_primary_key)) for pk, ts in cells.items()), key=lambda x: _primary_key(x[1]))
        stage = aligner.stage_of(first, fields.get(pk)) or rules.cluster_group
        row = MatrixRow(kind="cluster", id="cluster:" + "|".join(sorted(k[0] for k in members)), name=name,
                        stage=stage, field=fields.get(pk))
        row.cells = {pk: _cell(ts, []) for pk, ts in cells.items()}
        rows.append(row)
    return rows


def _representative(by_plan: Mapping[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return min((t for ts in by_plan.values() for t in ts), key=_primary_key)


def same_value(a: JsonRecord | None, b: JsonRecord | None) -> bool:
    """Whether two targets of ONE plan state the same figure (a summary and its
    table row): only then may two wordings of one plan share a row."""
    if a is None or b is None:
        return True
    return all(a.get(k) == b.get(k) for k in ("value", "value_max", "unit"))


def _merge_groups(keys: list[tuple[str, str]], reps: Mapping[tuple[str, str], JsonRecord],
                  groups: Mapping[tuple[str, str], Mapping[str, list[dict[str, Any]]]],
                  aligner: Aligner) -> list[list[tuple[str, str]]]:
    pairs = _candidate_pairs(keys, reps, aligner)
    values = {k: {pk: min(ts, key=_primary_key) for pk, ts in groups[k].items()} for k in keys}
    plans_of = {k: set(groups[k]) for k in keys}
    score = {(a, b): s for s, a, b in pairs}
    cluster_of = {k: i for i, k in enumerate(keys)}
    members: dict[int, list[tuple[str, str]]] = {i: [k] for i, k in enumerate(keys)}
    plan_sets: dict[int, set[str]] = {i: set(plans_of[k]) for i, k in enumerate(keys)}
    for _s, a, b in pairs:
        ca, cb = cluster_of[a], cluster_of[b]
        if ca == cb or not all(same_value(values[k].get(pk), values[o].get(pk))
                               for pk in plan_sets[ca] & plan_sets[cb] for k in members[ca] for o in members[cb]):
            continue
        if not all(score.get((x, y), score.get((y, x), 0.0)) >= aligner.threshold
                   for x in members[ca] for y in members[cb]):
            continue
        for k in members[cb]:
            cluster_of[k] = ca
        members[ca].extend(members.pop(cb))
        plan_sets[ca] |= plan_sets.pop(cb)
    return [sorted(m) for _, m in sorted(members.items())]


def _candidate_pairs(keys: list[tuple[str, str]], reps: Mapping[tuple[str, str], JsonRecord],
                     aligner: Aligner) -> list[tuple[float, tuple[str, str], tuple[str, str]]]:
    """(score, a, b) for the groups worth scoring, best first, deterministic.

    Only groups with the same unit family and some shared characters are
    scored with the (slower) pair score: a C-speed similarity of the
    normalized names picks the candidates.
    """
    from rapidfuzz import fuzz, process

    by_unit: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k in keys:
        by_unit[k[1]].append(k)
    out: list[tuple[float, tuple[str, str], tuple[str, str]]] = []
    for ks in by_unit.values():
        if len(ks) < 2:
            continue
        names = [k[0] for k in ks]
        for i in range(len(ks)):
            # process.extract, not cdist: cdist returns a numpy matrix, and numpy is no dependency
            hits = process.extract(names[i], names[i + 1:], scorer=fuzz.ratio,
                                   score_cutoff=PREFILTER_CUTOFF, limit=None)
            for j in sorted(h[2] for h in hits):
                a, b = ks[i], ks[i + 1 + j]
                s = aligner.pair_score(reps[a], reps[b])
                if s >= aligner.threshold:
                    out.append((s, a, b))
    out.sort(key=lambda x: (-x[0], x[1], x[2]))
    return out


#: names less similar than this (rapidfuzz ratio, 0-100) are never scored as a pair
PREFILTER_CUTOFF = 40


# ------------------------------------------------------------------ per-row figures

_STRENGTH = {">": 3, ">=": 2, "=": 1, "range": 1, "~": 0, "<=": -2, "<": -3}


def _comparable(t: JsonRecord, unit: str, aligner: Aligner) -> Decimal | None:
    base, factor = aligner.unit_base(t.get("unit") or "")
    if base != unit or t.get("value") is None:
        return None
    return Decimal(str(t["value"])) * factor


def _converted(t: JsonRecord, base: str, factor: Decimal, unit: str, aligner: Aligner) -> dict[str, Any] | None:
    """``t`` in the row's unit (30公顷 in a row of 亩: 450亩), or None when it is written in it."""
    if (t.get("unit") or "") == unit:
        return None
    v, hi = _comparable(t, base, aligner), None
    if v is None:
        return None
    if t.get("value_max") is not None:
        hi = _comparable({**t, "value": t["value_max"]}, base, aligner)
    return {"value": float(v / factor), "value_max": float(hi / factor) if hi is not None else None, "unit": unit}


def _row_stats(row: MatrixRow, aligner: Aligner, plans: Sequence[Plan]) -> None:
    """Commitment count, min / median / max in the row's unit, the most ambitious plans.

    A range counts with its lower end (what the plan guarantees). Values in
    another unit family (``%`` against ``所``) stay out of the figures.
    """
    units = Counter(aligner.unit_base(c.target.get("unit") or "") for c in row.cells.values())
    (unit, factor), _ = max(units.items(), key=lambda kv: (kv[1], kv[0][1] == 1, kv[0][0]))
    shown_unit = next((c.target.get("unit") for c in row.cells.values()
                       if aligner.unit_base(c.target.get("unit") or "") == (unit, factor)), unit)
    row.unit = shown_unit
    row.metrics = sorted({c.target.get("metric") or "" for c in row.cells.values()})
    vals: dict[str, Decimal] = {}
    for pk, c in row.cells.items():
        v = _comparable(c.target, unit, aligner)
        if v is not None:
            vals[pk] = v / factor
    for pk, c in row.cells.items():
        c.converted = _converted(c.target, unit, factor, shown_unit, aligner) if pk in vals else None
    row.stats = {"plans": len(row.cells), "compared": len(vals)}
    if len(vals) < 2:
        return
    nums = sorted(vals.values())
    row.stats.update(min=float(nums[0]), median=float(statistics.median(nums)), max=float(nums[-1]))
    sign = -1 if row.lower_is_better else 1
    order = {pk: (sign * v, sign * _STRENGTH.get(row.cells[pk].target.get("comparator") or "=", 1)) for pk, v in vals.items()}
    best = max(order.values())
    leaders = [p.key for p in plans if order.get(p.key) == best]
    row.most_ambitious = leaders if len(vals) > 1 and len(leaders) < len(vals) else []


# ------------------------------------------------------------------ projects

def project_category(p: JsonRecord, rules: CompiledCompare) -> str:
    """The project's category, or the category of the suffix its name ends with
    (a list item the project finder filed under none), else ``project_other``."""
    cat = p.get("category")
    if cat:
        return str(cat)
    name = str(p.get("name") or "").rstrip("”\"'」』")
    return next((c for w, c in rules.category_suffixes.items() if name.endswith(w)), rules.project_other)


def projects_by_category(plans: Sequence[Plan], rules: CompiledCompare) -> list[CategoryRow]:
    """One row per category, in compare.toml's order (others by name, ``project_other`` last)."""
    rows: dict[str, CategoryRow] = {}
    for plan in plans:
        for p in plan.projects:
            cat = project_category(p, rules)
            rows.setdefault(cat, CategoryRow(category=cat)).cells.setdefault(plan.key, []).append(dict(p))
    order = rules.category_order
    return sorted(rows.values(), key=lambda r: (r.category == rules.project_other, order.get(r.category, len(order)), r.category))


# ------------------------------------------------------------------ entry points

def default_aligner(rules: RuleSet) -> Aligner:
    """diff's alignment (:func:`compare_aligner`: rows keyed by the indicator a
    target names, narrowed by level; pairs scored by ``score_pair``; diff's
    ``matched`` band as threshold)."""
    return compare_aligner(rules)


def build_comparison(inputs: Sequence[str], *, encoding: str | None = None, rule_dirs: Sequence[Path] = (),
          jobs: int | None = None, min_plans: int = 1, aligner: Aligner | None = None,
          warn: Callable[[str], None] | None = None) -> Comparison:
    """Read every input (texts extracted in parallel) and build the matrix."""
    rules = make_rules(tuple(rule_dirs))
    plans = make_plans(load_records(inputs, encoding, rule_dirs, jobs, warn), warn)
    if not plans:
        raise InputError("none of the inputs holds targets or projects; give plan texts or extract JSON")
    return compare(plans, aligner or default_aligner(rules), compare_rules(rules), min_plans)
