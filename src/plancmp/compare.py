"""Many plans in one matrix: ``plancmp compare PLAN...``.

Rows are canonical indicators (from ``diff``'s alias table, via
:mod:`plancmp.align`) grouped by stage, then clusters of similar targets that
no canonical indicator covers, clustered with the same pair score as ``diff``;
columns are districts; a cell is one plan's commitment on that row, with its
baseline and source line. A second matrix counts the projects of each plan by
category.

The matrix is built from extract records (dicts exactly as ``plancmp extract``
prints them), so a corpus can be extracted once and compared many times.
Everything here is pure data; :func:`render_output` turns a :class:`Comparison`
into output, and :func:`terminal_tables` into plain tables that the CLI's
:mod:`plancmp.terminal` draws (the library never imports rich).
"""
from __future__ import annotations

import json
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel

from .batch import make_rules
from .catalog import Catalog, Profile, catalog
from .inputs import Plan, load_records, make_plans
from .errors import InputError, UsageError
from .rules import RuleSet, default_rules
from .scoring import score_pair
from .values import COMPARATOR_SIGNS, format_number, value_text

if TYPE_CHECKING:
    from .writers import TextTable

SCHEMA_COMPARE = "plancmp.compare/1"

Record = Mapping[str, Any]


# ------------------------------------------------------------------ rules

class CompareRules(BaseModel):
    """``rules/compare.toml``: presentation of the matrix."""

    cluster_group: str = "相似指标(无标准指标)"
    project_categories: list[str]
    project_other: str = "其他"
    file_name_mark: str = "†"


# ------------------------------------------------------------------ the aligner interface

@dataclass(frozen=True)
class Canon:
    """A canonical indicator a target belongs to."""

    id: str
    name: str
    stage: str
    lower_is_better: bool = False


class Aligner(Protocol):
    """What compare needs from diff's alignment (see :mod:`plancmp.align`)."""

    #: scores at or above this pair two targets (diff's ``matched`` band)
    threshold: float
    #: stage names in display order
    stages: Sequence[str]

    def canonical_of(self, target: Record) -> Canon | None: ...

    def pair_score(self, a: Record, b: Record) -> float: ...

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
        """(metric, unit) of a record, as :meth:`of` reads them (cheaper than :meth:`of`)."""
        g = _getter(rec)
        return str(g("metric", "") or ""), str(g("unit", "") or "")

    @classmethod
    def of(cls, rec: "dict | object") -> "RecordTarget":
        g = _getter(rec)
        span = g("span") or {}
        start = span.get("start", 0) if isinstance(span, dict) else getattr(span, "start", 0)
        metric, unit = cls.metric_unit(rec)
        return cls(metric=metric, unit=unit, value=float(g("value", 0) or 0), value_max=g("value_max"),
                   comparator=g("comparator", "=") or "=", kind=g("kind", "target") or "target", year=g("year"),
                   binding=g("binding"), line=int(g("line", 0) or 0), span_start=int(start or 0))


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
        return Canon(id=p.key, name=p.label, stage=p.stage, lower_is_better=p.indicator.direction == "down")

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


# ------------------------------------------------------------------ the matrix

@dataclass
class CellData:
    """One plan's commitment on one row."""

    target: dict[str, Any]
    baseline: dict[str, Any] | None = None  # inline baseline or a baseline record
    also: list[dict[str, Any]] = field(default_factory=list)  # more targets of the plan on this row


@dataclass
class Row:
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


@dataclass
class ProjectRow:
    category: str
    cells: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass
class Comparison:
    plans: list[Plan]
    rows: list[Row]
    projects: list[ProjectRow]
    rules: CompareRules

    def stage_groups(self) -> list[tuple[str, list[Row]]]:
        groups: dict[str, list[Row]] = {}
        for r in self.rows:
            groups.setdefault(r.stage, []).append(r)
        return list(groups.items())


def compare(plans: Sequence[Plan], aligner: Aligner, rules: CompareRules, min_plans: int = 1) -> Comparison:
    """The matrix of ``plans``: rows with at least ``min_plans`` plans."""
    canon_rows: dict[str, Row] = {}
    leftovers: list[tuple[Plan, list[dict[str, Any]]]] = []
    baselines_by_row: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for plan in plans:
        rest: list[dict[str, Any]] = []
        per_row: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for t in plan.targets:
            c = aligner.canonical_of(t)
            if c is None:
                if t.get("kind", "target") == "target":
                    rest.append(t)
                continue
            if c.id not in canon_rows:
                canon_rows[c.id] = Row("indicator", c.id, c.name, c.stage, c.lower_is_better)
            if t.get("kind", "target") == "target":
                per_row[c.id].append(t)
            else:
                baselines_by_row[(plan.key, c.id)].append(t)
        for rid, ts in per_row.items():
            canon_rows[rid].cells[plan.key] = _cell(ts, baselines_by_row.get((plan.key, rid), []))
        leftovers.append((plan, rest))
    ordered = sorted(canon_rows.values(), key=lambda r: (_stage_index(r.stage, aligner.stages), r.stage, r.id))
    clusters = cluster_rows(leftovers, aligner, rules)
    rows = [r for r in ordered + clusters if r.cells and len(r.cells) >= min_plans]
    for r in rows:
        _row_stats(r, aligner, plans)
    return Comparison(list(plans), rows, project_rows(plans, rules), rules)


def _stage_index(stage: str, stages: Sequence[str]) -> int:
    return stages.index(stage) if stage in stages else len(stages)


def _primary_key(t: Record) -> tuple:
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
    return CellData(primary, base or None, ts[1:])


# ------------------------------------------------------------------ clusters of uncovered targets

def cluster_rows(leftovers: Sequence[tuple[Plan, list[dict[str, Any]]]], aligner: Aligner,
                 rules: CompareRules) -> list[Row]:
    """Rows for the targets no canonical indicator covers.

    Targets of one plan with the same normalized metric and unit form one
    item; items with the same key across plans start as one group; groups
    are then merged, best score first, when every pair across them scores at
    least the aligner's threshold (complete linkage, so a chain of look-alikes
    never joins two different measures) and a plan in both states the same
    figure in both (else they are two measures of that plan).
    """
    groups: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}
    for plan, targets in leftovers:
        for t in targets:
            key = (aligner.norm_metric(t.get("metric") or ""), aligner.unit_base(t.get("unit") or "")[0])
            groups.setdefault(key, {}).setdefault(plan.key, []).append(t)
    keys = sorted(groups)
    reps = {k: _representative(groups[k]) for k in keys}
    merged = _merge_groups(keys, reps, groups, aligner)
    rows: list[Row] = []
    for members in merged:
        cells: dict[str, list[dict[str, Any]]] = {}
        for k in members:
            for pk, ts in groups[k].items():
                cells.setdefault(pk, []).extend(ts)
        wordings = Counter(t.get("metric") or "" for ts in cells.values() for t in ts)
        name = min(wordings, key=lambda m: (-wordings[m], len(m), m))
        row = Row("cluster", "cluster:" + "|".join(sorted(k[0] for k in members)), name, rules.cluster_group)
        row.cells = {pk: _cell(ts, []) for pk, ts in cells.items()}
        rows.append(row)
    rows.sort(key=lambda r: (-len(r.cells), r.name))
    return rows


def _representative(by_plan: Mapping[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return min((t for ts in by_plan.values() for t in ts), key=_primary_key)


def same_value(a: Record | None, b: Record | None) -> bool:
    """Whether two targets of ONE plan state the same figure (a summary and its
    table row): only then may two wordings of one plan share a row."""
    if a is None or b is None:
        return True
    return all(a.get(k) == b.get(k) for k in ("value", "value_max", "unit"))


def _merge_groups(keys: list[tuple[str, str]], reps: Mapping[tuple[str, str], Record],
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


def _candidate_pairs(keys: list[tuple[str, str]], reps: Mapping[tuple[str, str], Record],
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


def _comparable(t: Record, unit: str, aligner: Aligner) -> Decimal | None:
    base, factor = aligner.unit_base(t.get("unit") or "")
    if base != unit or t.get("value") is None:
        return None
    return Decimal(str(t["value"])) * factor


def _row_stats(row: Row, aligner: Aligner, plans: Sequence[Plan]) -> None:
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

def project_category(p: Record, rules: CompareRules) -> str:
    """The project's category, or the category word its name ends with."""
    cat = p.get("category")
    if cat:
        return str(cat)
    name = str(p.get("name") or "").rstrip("”\"'」』")
    for word in rules.project_categories:
        if name.endswith(word):
            return word
    return rules.project_other


def project_rows(plans: Sequence[Plan], rules: CompareRules) -> list[ProjectRow]:
    rows: dict[str, ProjectRow] = {}
    for plan in plans:
        for p in plan.projects:
            cat = project_category(p, rules)
            rows.setdefault(cat, ProjectRow(cat)).cells.setdefault(plan.key, []).append(dict(p))
    order = {c: i for i, c in enumerate(rules.project_categories)}
    return sorted(rows.values(), key=lambda r: (r.category == rules.project_other, order.get(r.category, len(order)), r.category))


# ------------------------------------------------------------------ cell text

def cell_text(c: CellData, sep: str = " ") -> str:
    """``≥90% (2025)`` then ``基线 85% (2020)`` and ``L136``, joined by ``sep``."""
    t = c.target
    parts = [value_text(t, with_year=True)]
    if c.baseline:
        parts.append(f"基线 {value_text(c.baseline, with_year=True)}")
    line = f"L{t.get('line')}"
    if c.also:
        line += " (另 " + ", ".join(f"L{a.get('line')}: {value_text(a)}" for a in c.also) + ")"
    parts.append(line)
    return sep.join(parts)


def cell_comment(c: CellData, plan: Plan) -> str:
    """The source sentence with its line, for a spreadsheet comment."""
    t = c.target
    lines = [f"{plan.source.get('path', '')}:{t.get('line')} {t.get('metric', '')}", str(t.get("text") or "")]
    if c.baseline and c.baseline.get("line"):
        lines.append(f"基线: line {c.baseline['line']}" + (f" {c.baseline.get('text')}" if c.baseline.get("text") else ""))
    for a in c.also:
        lines.append(f"另见 line {a.get('line')}: {a.get('text') or a.get('metric')}")
    return "\n".join(lines)


# ------------------------------------------------------------------ output

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "md", "xlsx")
BINARY_FORMATS = frozenset({"xlsx"})

FIXED_COLUMNS = ("group", "row", "unit", "plans", "min", "median", "max", "most_ambitious")


def plan_header(plan: Plan, rules: CompareRules) -> str:
    """A column header: the district, marked when it is only the file name."""
    return plan.key + (rules.file_name_mark if plan.name_from_file else "")


def row_title(row: Row) -> str:
    return ("≈ " if row.kind == "cluster" else "") + row.name


def _cell_dict(c: CellData) -> dict[str, Any]:
    return {"text": cell_text(c), "target": c.target, "baseline": c.baseline, "also": c.also}


def to_dict(cmp: Comparison) -> dict[str, Any]:
    """The JSON document ``plancmp.compare/1``; each cell carries the full target record."""
    return {
        "schema": SCHEMA_COMPARE,
        "plans": [_plan_dict(p) for p in cmp.plans],
        "rows": [_row_dict(r, cmp) for r in cmp.rows],
        "projects": [_project_dict(r, cmp) for r in cmp.projects],
    }


def _plan_dict(p: Plan) -> dict[str, Any]:
    return {"key": p.key, "name": p.name, "name_from": "file" if p.name_from_file else "meta",
            "source": p.source, "meta": p.meta, "targets": len(p.targets), "projects": len(p.projects)}


def _row_dict(r: Row, cmp: Comparison) -> dict[str, Any]:
    return {"type": r.kind, "id": r.id, "name": r.name, "stage": r.stage, "unit": r.unit,
            "lower_is_better": r.lower_is_better, "metrics": r.metrics,
            "plans": len(r.cells), "min": r.stats.get("min"), "median": r.stats.get("median"),
            "max": r.stats.get("max"), "most_ambitious": r.most_ambitious,
            "cells": {p.key: _cell_dict(r.cells[p.key]) for p in cmp.plans if p.key in r.cells}}


def _project_dict(r: ProjectRow, cmp: Comparison) -> dict[str, Any]:
    return {"type": "projects", "category": r.category, "plans": len(r.cells),
            "total": sum(len(v) for v in r.cells.values()),
            "cells": {p.key: r.cells[p.key] for p in cmp.plans if p.key in r.cells}}


def flat_rows(cmp: Comparison, sep: str = " ") -> tuple[list[Any], list[dict[str, Any]]]:
    """(columns, rows) of one rectangular table: the indicator rows, then one
    row per project category (group ``项目``; cells ``N: name；name``)."""
    from .writers import OutputColumn

    cols: list[Any] = [OutputColumn(k) for k in FIXED_COLUMNS]
    cols += [OutputColumn(p.key, plan_header(p, cmp.rules)) for p in cmp.plans]
    rows: list[dict[str, Any]] = []
    for r in cmp.rows:
        d: dict[str, Any] = {"group": r.stage, "row": row_title(r), "unit": r.unit, "plans": len(r.cells),
                             "min": r.stats.get("min"), "median": r.stats.get("median"), "max": r.stats.get("max"),
                             "most_ambitious": "、".join(r.most_ambitious)}
        d.update({pk: cell_text(c, sep) for pk, c in r.cells.items()})
        rows.append(d)
    for pr in cmp.projects:
        counts = [len(v) for v in pr.cells.values()]
        d = {"group": PROJECTS_GROUP, "row": pr.category, "unit": "个", "plans": len(pr.cells),
             "min": min(counts), "median": statistics.median(counts), "max": max(counts), "most_ambitious": ""}
        d.update({pk: project_cell_text(v) for pk, v in pr.cells.items()})
        rows.append(d)
    return cols, rows


PROJECTS_GROUP = "项目"


def project_cell_text(projects: Sequence[Record], limit: int | None = None) -> str:
    names = [str(p.get("name") or "") for p in projects]
    shown = names if limit is None or len(names) <= limit else names[:limit] + ["…"]
    return f"{len(names)}: " + "；".join(shown)


def to_text(cmp: Comparison, fmt: str, bom: bool = False) -> str:
    """The comparison as csv, tsv, md, json or jsonl text."""
    from . import writers

    if fmt == "json":
        return json.dumps(to_dict(cmp), ensure_ascii=False, indent=1) + "\n"
    if fmt == "jsonl":
        d = to_dict(cmp)
        return writers.to_jsonl([{"type": "plan", **p} for p in d["plans"]] + d["rows"] + d["projects"])
    cols, rows = flat_rows(cmp)
    if fmt == "csv":
        return writers.to_csv(rows, cols, bom=bom)
    if fmt == "tsv":
        return writers.to_tsv(rows, cols)
    if fmt == "md":
        return _markdown(cmp)
    raise UsageError(f"unknown --format {fmt!r} for compare; use one of {', '.join(FORMATS)}")


def _markdown(cmp: Comparison) -> str:
    from . import writers

    cols, rows = flat_rows(cmp, sep="<br>")
    out = [f"# 指标对比 ({len(cmp.plans)} plans)\n"]
    out += _legend(cmp)
    n_ind = len(cmp.rows)
    for title, part in ((None, rows[:n_ind]), ("项目(按类别)", rows[n_ind:])):
        if title:
            out.append(f"\n## {title}\n")
        out.append(writers.to_markdown(part, cols))
    return "\n".join(out)


def _legend(cmp: Comparison) -> list[str]:
    notes = []
    if any(p.name_from_file for p in cmp.plans):
        notes.append(f"{cmp.rules.file_name_mark} the plan names no district; its file name is shown.")
    if any(r.kind == "cluster" for r in cmp.rows):
        notes.append("≈ rows group similar targets that no canonical indicator covers.")
    return [n + "\n" for n in notes]


# ------------------------------------------------------------------ XLSX

def _quoted(s: str) -> str:
    return '"' + s.replace('"', "") + '"' if s else ""


def number_format(t: Record) -> str:
    """An Excel format that shows the stored number as the cell text: ``"≥"General"% (2025)"``."""
    year = f" ({t['year']})" if t.get("year") else ""
    if t.get("value_max") is not None:
        return "General" + _quoted(f"–{format_number(t['value_max'])}{t.get('unit') or ''}{year}")
    sign = COMPARATOR_SIGNS.get(t.get("comparator") or "=", "")
    return _quoted(sign) + "General" + _quoted(f"{t.get('unit') or ''}{year}")


def xlsx_sheets(cmp: Comparison) -> list[Any]:
    """One sheet per stage, one for the clusters, one for projects, one listing the plans."""
    from .writers import SheetCell, OutputColumn, Sheet

    by_key = {p.key: p for p in cmp.plans}
    plan_cols = [OutputColumn(p.key, plan_header(p, cmp.rules)) for p in cmp.plans]
    cols = [OutputColumn("row", "指标", 28), OutputColumn("unit", "unit"), OutputColumn("plans", "plans"), OutputColumn("min"),
            OutputColumn("median"), OutputColumn("max"), OutputColumn("most_ambitious", "most ambitious")] + plan_cols
    sheets = []
    for stage, rows in cmp.stage_groups():
        out = []
        for r in rows:
            d: dict[str, Any] = {"row": row_title(r), "unit": r.unit, "plans": len(r.cells),
                                 "min": r.stats.get("min"), "median": r.stats.get("median"),
                                 "max": r.stats.get("max"), "most_ambitious": "、".join(r.most_ambitious)}
            for pk, c in r.cells.items():
                d[pk] = SheetCell(c.target.get("value"), cell_text(c), cell_comment(c, by_key[pk]), number_format(c.target))
            out.append(d)
        sheets.append(Sheet(stage, cols, out, frozen_columns=1))
    prow = []
    for pr in cmp.projects:
        d = {"row": pr.category, "plans": len(pr.cells), "total": sum(len(v) for v in pr.cells.values())}
        for pk, v in pr.cells.items():
            d[pk] = SheetCell(len(v), project_cell_text(v), "\n".join(f"L{p.get('line')} {p.get('name')}" for p in v))
        prow.append(d)
    sheets.append(Sheet("项目", [OutputColumn("row", "类别", 12), OutputColumn("plans"), OutputColumn("total")] + plan_cols, prow, frozen_columns=1))
    plans = [{"column": plan_header(p, cmp.rules), "district": p.name, "name_from": "file" if p.name_from_file else "meta",
              "file": p.source.get("path"), "title": p.meta.get("title"),
              "period": "–".join(str(x) for x in ((p.meta.get("period") or {}).get("start"), (p.meta.get("period") or {}).get("end")) if x),
              "targets": len(p.targets), "projects": len(p.projects)} for p in cmp.plans]
    sheets.append(Sheet("plans", ["column", "district", "name_from", "file", "title", "period", "targets", "projects"], plans))
    return sheets


def write_xlsx(cmp: Comparison, path: str | Path) -> None:
    from .writers import to_xlsx

    to_xlsx(xlsx_sheets(cmp), path)


# ------------------------------------------------------------------ terminal

#: terminal column widths: indicator name, one district, the figures (n, min/median/max, most ambitious)
NAME_W, CELL_W, STATS_W = 20, 16, 42
#: above this many plans terminal cells show only value and year (one line), so more districts fit a page
COMPACT_OVER = 8
COMPACT_CELL_W = 12


def terminal_pages(n_plans: int, width: int, cell_w: int = CELL_W) -> list[tuple[range, bool]]:
    """Pages of district columns that fit ``width``, each with whether it carries
    the figures; when the figures leave room for fewer than two districts they
    get a page of their own."""
    per_page = max(1, (width - NAME_W - 4) // (cell_w + 3))
    first = (width - NAME_W - 4 - STATS_W) // (cell_w + 3)
    pages: list[tuple[range, bool]] = []
    i = 0
    if first >= min(2, n_plans):
        pages.append((range(0, min(first, n_plans)), True))
        i = pages[0][0].stop
    else:
        pages.append((range(0), True))
    while i < n_plans:
        pages.append((range(i, min(i + per_page, n_plans)), False))
        i += per_page
    return pages


def terminal_tables(cmp: Comparison, width: int) -> list[TextTable]:
    """Tables (plain data, drawn by :mod:`plancmp.terminal`) that fit ``width``:
    the districts split into pages of columns, the indicator column repeated on
    each page, the figures on the first."""
    from .writers import TableColumn, TableRow, TextTable

    compact = len(cmp.plans) > COMPACT_OVER
    cell_w = COMPACT_CELL_W if compact else CELL_W
    pages = terminal_pages(len(cmp.plans), width, cell_w)
    tables: list[TextTable] = []
    for cols, with_stats in pages:
        plans = [cmp.plans[i] for i in cols]
        title = f"指标对比: {len(cmp.plans)} plans"
        if len(pages) > 1:
            title += f", districts {cols.start + 1}–{cols.stop} of {len(cmp.plans)}" if plans else ", figures"
        columns = [TableColumn("指标", min_width=10, max_width=NAME_W, overflow="fold")]
        if with_stats:
            columns += [TableColumn("n", justify="right"),
                        TableColumn("min / median / max", max_width=18, overflow="fold"),
                        TableColumn("most ambitious", max_width=12, overflow="fold")]
        columns += [TableColumn(plan_header(p, cmp.rules), max_width=cell_w, overflow="fold") for p in plans]
        rows: list[TableRow] = []
        prev = None
        for r in cmp.rows:
            if r.stage != prev:
                rows.append(TableRow((r.stage,), section=prev is not None, heading=True))
            prev = r.stage
            lead = [row_title(r)]
            if with_stats:
                lead += [str(len(r.cells)), _stats_text(r), "、".join(r.most_ambitious)]
            rows.append(TableRow((*lead, *(_terminal_cell(r.cells.get(p.key), compact) for p in plans))))
        if cmp.projects:
            rows.append(TableRow(("项目(按类别)",), section=True, heading=True))
            for pr in cmp.projects:
                lead = [pr.category]
                if with_stats:
                    counts = [len(v) for v in pr.cells.values()]
                    lead += [str(len(pr.cells)), f"{min(counts)} / {format_number(statistics.median(counts))} / {max(counts)}", ""]
                rows.append(TableRow((*lead, *(_terminal_projects(pr.cells.get(p.key), compact) for p in plans))))
        tables.append(TextTable(title, tuple(columns), tuple(rows)))
    return tables


def terminal_note(cmp: Comparison) -> str:
    """The text printed (dimmed) under the terminal tables: the legend, and
    where to find what compact cells leave out."""
    note = legend(cmp)
    if len(cmp.plans) > COMPACT_OVER:
        note += ("Cells show value and year only; baselines, source lines and project names are in "
                 "--format md, xlsx (-o FILE) or json.\n")
    return note


def _terminal_cell(c: CellData | None, compact: bool) -> str:
    if c is None:
        return ""
    if compact:
        return value_text(c.target, with_year=True)
    return cell_text(c, "\n")


def _terminal_projects(projects: Sequence[Record] | None, compact: bool) -> str:
    if not projects:
        return ""
    return str(len(projects)) if compact else project_cell_text(projects, 3)


def _stats_text(r: Row) -> str:
    if "min" not in r.stats:
        return ""
    u = r.unit or ""
    return f"{format_number(r.stats['min'])} / {format_number(r.stats['median'])} / {format_number(r.stats['max'])}{u}"


def legend(cmp: Comparison) -> str:
    return "".join(_legend(cmp))


# ------------------------------------------------------------------ entry points

def default_aligner(rules: RuleSet) -> Aligner:
    """diff's alignment (:func:`compare_aligner`: rows keyed by the indicator a
    target names, narrowed by level; pairs scored by ``score_pair``; diff's
    ``matched`` band as threshold)."""
    return compare_aligner(rules)


def compare_rules(rules: Any) -> CompareRules:
    return rules.table("compare", CompareRules)


def build(inputs: Sequence[str], *, encoding: str | None = None, rule_dirs: Sequence[Path] = (),
          jobs: int | None = None, min_plans: int = 1, aligner: Aligner | None = None,
          warn: Callable[[str], None] | None = None) -> Comparison:
    """Read every input (texts extracted in parallel) and build the matrix."""
    rules = make_rules(tuple(rule_dirs))
    plans = make_plans(load_records(inputs, encoding, rule_dirs, jobs, warn), warn)
    if not plans:
        raise InputError("none of the inputs holds targets or projects; give plan texts or extract JSON")
    return compare(plans, aligner or default_aligner(rules), compare_rules(rules), min_plans)


def render_output(cmp: Comparison, fmt: str, bom: bool = False) -> str | bytes:
    """The comparison in ``fmt``: text for csv/tsv/json/jsonl/md, bytes for xlsx."""
    if fmt == "xlsx":
        import io

        buf = io.BytesIO()
        write_xlsx(cmp, buf)
        return buf.getvalue()
    return to_text(cmp, fmt, bom)


def write_file(path: Path, data: str | bytes) -> None:
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="")
    except OSError as e:
        raise UsageError(f"cannot write {path}: {e.strerror or e}; check the folder exists and is writable") from None


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
