"""A diff as output: JSON, JSON lines, CSV, TSV, Markdown, the terminal's tables as
plain data (drawn by the CLI's :mod:`plancmp.cli.terminal`), and the explanation
of why targets were or were not paired (``plancmp diff --explain``).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..comparison.align import Pair, baseline_for, baselines_of
from ..comparison.catalog import Profile
from ..comparison.diff import SCHEMA_DIFF, DiffResult
from ..comparison.scoring import score_pair
from ..errors import UsageError
from . import writers
from .values import format_number, value_text
from .writers import OutputColumn, TextTable, text_table

FORMATS = ("table", "json", "jsonl", "csv", "tsv", "md")


def _side_text(p: Profile, base: Profile | None, context: Sequence[Profile] = (), other: Profile | None = None) -> str:
    """One plan's side of a row: the value as written (with its year and line), the value in the other
    side's unit where the two write other units of one dimension, the baseline, and the same
    measure for other years."""
    txt = f"{value_text(p.target, with_year=True)} L{p.target.line}"
    if other is not None and other.target.unit != p.target.unit and other.unit_base == p.unit_base and other.scale:
        v = p.scaled(p.target.value)
        if v is not None:
            txt += f" ≈{format_number(float(v / other.scale))}{other.target.unit}"
    if p.target.baseline is not None:
        b = p.target.baseline
        txt += f"; 基线 {format_number(b.value)}{b.unit or p.target.unit}" + (f" ({b.year})" if b.year else "")
    elif base is not None:
        txt += f"; 基线 {value_text(base.target, with_year=True)}"
    if context:
        txt += "; 另 " + ", ".join(f"{value_text(q.target, with_year=True)} L{q.target.line}" for q in context)
    return txt


def _name(p: Profile) -> str:
    """A target's name as a person reads it: the metric with the scope extract gave it."""
    return getattr(p.target, "metric_full", None) or p.target.metric


def _more(pair: Pair, names: tuple[str, str]) -> str:
    """Who commits to more: the higher value, or the lower where lower is better."""
    rel = pair.relation
    if rel in ("same", "incomparable"):
        return {"same": "=", "incomparable": "?"}[rel]
    down = pair.a.indicator is not None and pair.a.indicator.direction == "down" and pair.score.indicator
    a_more = (rel == "a_higher") != bool(down)
    return names[0] if a_more else names[1]


def target_rows(res: DiffResult) -> list[dict[str, Any]]:
    """One flat row per target item: matched, uncertain, only_a, only_b."""
    rows: list[dict[str, Any]] = []
    ba, bb = res.baselines
    for band, pairs in (("matched", res.targets.matched), ("uncertain", res.targets.uncertain)):
        for p in pairs:
            base_a, base_b = baselines_of(p, ba, bb)
            rows.append({
                "part": "targets", "band": band, "stage": p.a.stage,
                "indicator": p.score.indicator or "", "name": p.a.label if p.score.indicator else _name(p.a),
                "a_metric": _name(p.a), "a_value": value_text(p.a.target, with_year=True), "a_line": p.a.target.line,
                "a_text": _side_text(p.a, base_a, p.context_a, p.b),
                "b_metric": _name(p.b), "b_value": value_text(p.b.target, with_year=True), "b_line": p.b.target.line,
                "b_text": _side_text(p.b, base_b, p.context_b, p.a),
                "relation": p.relation, "more": _more(p, res.names), "score": p.score.total,
            })
    for band, ones, side, bases in (("only_a", res.targets.only_a, "a", ba), ("only_b", res.targets.only_b, "b", bb)):
        for q in ones:
            row = {"part": "targets", "band": band, "stage": q.stage,
                   "indicator": q.indicator.id if q.indicator else "", "name": q.label,
                   "a_metric": "", "a_value": "", "a_line": None, "a_text": "",
                   "b_metric": "", "b_value": "", "b_line": None, "b_text": "",
                   "relation": "", "more": "", "score": None}
            row.update({f"{side}_metric": _name(q), f"{side}_value": value_text(q.target, with_year=True),
                        f"{side}_line": q.target.line, f"{side}_text": _side_text(q, baseline_for(q, bases))})
            rows.append(row)
    return rows


def _kind(p: Any) -> str:
    """A project's category, marked when the plan reports it as done (not a commitment)."""
    return (p.category or "") + ("(已完成)" if getattr(p, "status", None) == "done" else "")


def project_rows(res: DiffResult) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    p = res.projects
    for band, pairs in (("matched", p.matched), ("uncertain", p.uncertain)):
        for x in pairs:
            rows.append({"part": "projects", "band": band, "stage": x.a.category or x.b.category or "",
                         "indicator": "", "name": x.a.name,
                         "a_metric": x.a.name, "a_value": _kind(x.a), "a_line": x.a.line, "a_text": x.a.name,
                         "b_metric": x.b.name, "b_value": _kind(x.b), "b_line": x.b.line, "b_text": x.b.name,
                         "relation": "", "more": "", "score": x.score})
    for band, ones, side in (("only_a", p.only_a, "a"), ("only_b", p.only_b, "b")):
        for y in ones:
            row = {"part": "projects", "band": band, "stage": y.category or "", "indicator": "", "name": y.name,
                   "a_metric": "", "a_value": "", "a_line": None, "a_text": "",
                   "b_metric": "", "b_value": "", "b_line": None, "b_text": "",
                   "relation": "", "more": "", "score": None}
            row.update({f"{side}_metric": y.name, f"{side}_value": _kind(y), f"{side}_line": y.line,
                        f"{side}_text": y.name})
            rows.append(row)
    return rows


FLAT_COLUMNS = ["part", "band", "stage", "indicator", "name", "a_metric", "a_value", "a_line",
                "b_metric", "b_value", "b_line", "relation", "more", "score"]


def _jsonl_items(res: DiffResult) -> list[dict[str, Any]]:
    d = res.to_dict()
    items: list[dict[str, Any]] = [{"schema": SCHEMA_DIFF, "a": d["a"], "b": d["b"]}]
    for part, src in (("targets", d), ("projects", d["projects"])):
        for band in ("matched", "uncertain"):
            items += [{"part": part, "band": band, **x} for x in src[band]]
        for band, side in (("only_a", "a"), ("only_b", "b")):
            items += [{"part": part, "band": band, side: x} for x in src[band]]
    return items


def render_diff(res: DiffResult, fmt: str) -> str:
    """The diff as text in ``fmt`` (one of :data:`FORMATS` but ``table``: the
    terminal table is drawn by the CLI from :func:`table_blocks`)."""
    if fmt == "json":
        return json.dumps(res.to_dict(), ensure_ascii=False, indent=1) + "\n"
    if fmt == "jsonl":
        return writers.to_jsonl(_jsonl_items(res))
    rows = target_rows(res) + project_rows(res)
    if fmt == "csv":
        return writers.to_csv(rows, FLAT_COLUMNS)
    if fmt == "tsv":
        return writers.to_tsv(rows, FLAT_COLUMNS)
    if fmt == "md":
        return to_markdown(res)
    if fmt == "table":
        raise UsageError("the table format is drawn by the command line (plancmp.cli.terminal.diff_table); "
                         "use md, csv, tsv, json or jsonl from the library")
    raise UsageError(f"unknown --format {fmt!r} for diff; use one of {', '.join(FORMATS)}")


def _sections(res: DiffResult) -> list[tuple[str, list[dict[str, Any]], list[Any]]]:
    """(title, rows, columns) of every part of the human renderings."""
    na, nb = res.names
    t_rows, p_rows = target_rows(res), project_rows(res)
    group = group_header(res)
    pair_cols = [OutputColumn("stage", group), OutputColumn("name", "指标"), OutputColumn("a_text", na), OutputColumn("b_text", nb),
                 OutputColumn("more", "更高承诺"), OutputColumn("score", "score")]
    out = []
    for band, title in (("matched", "Matched targets"), ("uncertain", "Uncertain pairs (review)")):
        rows = [r for r in t_rows if r["band"] == band]
        cols = pair_cols if band == "matched" else [
            pair_cols[0], OutputColumn("a_metric", f"{na} 指标"), pair_cols[2], OutputColumn("b_metric", f"{nb} 指标"),
            *pair_cols[3:]]
        out.append((f"{title} ({len(rows)})", rows, cols))
    for band, side, name in (("only_a", "a", na), ("only_b", "b", nb)):
        rows = [r for r in t_rows if r["band"] == band]
        out.append((f"Only {name} ({len(rows)})", rows,
                    [OutputColumn("stage", group), OutputColumn(f"{side}_metric", "指标"), OutputColumn(f"{side}_text", name)]))
    for band, title in (("matched", "Matched projects"), ("uncertain", "Uncertain projects (review)")):
        rows = [r for r in p_rows if r["band"] == band]
        out.append((f"{title} ({len(rows)})", rows,
                    [OutputColumn("a_metric", na), OutputColumn("a_line", "行"), OutputColumn("b_metric", nb), OutputColumn("b_line", "行"),
                     OutputColumn("score", "score")]))
    for band, side, name in (("only_a", "a", na), ("only_b", "b", nb)):
        rows = [r for r in p_rows if r["band"] == band]
        out.append((f"Projects only {name} ({len(rows)})", rows,
                    [OutputColumn(f"{side}_value", "类别"), OutputColumn(f"{side}_metric", "项目"), OutputColumn(f"{side}_line", "行")]))
    return out


def group_header(res: DiffResult) -> str:
    """The name of the grouping column: 阶段 (学前, 义务 …) when no plan is of another field than
    education, else 领域 (城市更新, 水务 …)."""
    return "阶段" if {f for f in res.fields if f} <= {"教育"} else "领域"


def _heading(res: DiffResult) -> list[str]:
    na, nb = res.names
    lines = []
    for label, name, r in (("A", na, res.a), ("B", nb, res.b)):
        title = f" — {r.meta.title}" if r.meta.title else ""
        lines.append(f"{label}: {name}: {r.source.path}{title}")
    return lines


def to_markdown(res: DiffResult) -> str:
    na, nb = res.names
    out = [f"# plancmp diff: {na} vs {nb}", ""]
    out += [f"- {x}" for x in _heading(res)]
    for title, rows, cols in _sections(res):
        out += ["", f"## {title}", ""]
        out.append(writers.to_markdown(rows, cols).rstrip("\n") if rows else "_none_")
    return "\n".join(out) + "\n"


def table_blocks(res: DiffResult) -> list[str | TextTable]:
    """The side-by-side tables a person reads at a terminal, as plain data:
    lines of text and :class:`~plancmp.output.writers.TextTable` s, in order (an empty
    string is a blank line). :func:`plancmp.cli.terminal.diff_table` draws them."""
    out: list[str | TextTable] = list(_heading(res))
    for title, rows, cols in _sections(res):
        out.append("")
        if not rows:
            out.append(f"{title}: none")
            continue
        group = "stage" if any(getattr(c, "key", c) == "stage" for c in cols) else None
        rows = _first_of_group(rows, group) if group else rows
        out.append(text_table(rows, cols, title=title, group_key="_group" if group else None))
    return out


def _first_of_group(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Rows with the group value printed on the first row of each group only."""
    out, prev = [], object()
    for r in rows:
        g = r.get(key)
        out.append({**r, "_group": g, key: g if g != prev else ""})
        prev = g
    return out


# ---------------------------------------------------------------- why pairs

def _facts(p: Profile) -> str:
    """What scoring reads of a target: its normalized name, core and head, scope, quantity and stage."""
    parts = [f"normalized {p.norm!r}", f"core {p.core!r}", f"head {p.head!r}"]
    if p.levels:
        parts.append("levels " + "、".join(sorted(p.levels)))
    if p.tiers:
        parts.append("tiers " + "、".join(sorted(p.tiers)))
    if p.quantity:
        parts.append("quantity " + "、".join(sorted(p.quantity)))
    parts.append(f"unit {p.target.unit or '-'} (base {p.unit_base or '-'})")
    parts.append(f"stage {p.stage}" + (f" of {p.field}" if p.field else ""))
    return "; ".join(parts)


def explain_pairs(res: DiffResult, lines: tuple[int | None, int | None] | None = None, top: int = 3) -> str:
    """Why targets were or were not paired: for each target of A (or those on
    line ``lines[0]``), the decision and the best candidates of B with their
    score components or the rule that blocked them."""
    cat = res.catalog
    al = res.targets
    partner: dict[int, tuple[str, Pair]] = {}
    for band, pairs in (("matched", al.matched), ("uncertain", al.uncertain)):
        for p in pairs:
            partner.setdefault(id(p.a.target), (band, p))
            partner.setdefault(id(p.b.target), (band, p))
    pa = [p for band in (al.matched, al.uncertain) for p in (x.a for x in band)] + list(al.only_a)
    pb = [p for band in (al.matched, al.uncertain) for p in (x.b for x in band)] + list(al.only_b)
    pa = list({id(p.target): p for p in sorted(pa, key=lambda p: (p.target.line, p.target.span.start))}.values())
    pb = list({id(p.target): p for p in sorted(pb, key=lambda p: (p.target.line, p.target.span.start))}.values())
    la, lb = lines if lines else (None, None)
    if la is not None:
        pa = [p for p in pa if p.target.line == la]
        if not pa:
            raise UsageError(f"no target (kind target) of A on line {la}; see `plancmp extract` for its lines")
    if lb is not None:
        pb_sel = [p for p in pb if p.target.line == lb]
        if not pb_sel:
            raise UsageError(f"no target (kind target) of B on line {lb}; see `plancmp extract` for its lines")
    else:
        pb_sel = pb
    na, nb = res.names
    out: list[str] = [f"A = {na} ({res.a.source.path}), B = {nb} ({res.b.source.path}); "
                      f"matched >= {cat.scoring.match}, uncertain >= {cat.scoring.uncertain}"]
    for p in pa:
        head = f"A:{p.target.line} {_name(p)} {value_text(p.target, with_year=True)}  [{p.key}; {_facts(p)}]"
        got = partner.get(id(p.target))
        if got:
            band, pair = got
            decision = (f"{band} with B:{pair.b.target.line} {pair.b.target.metric} {value_text(pair.b.target, with_year=True)}"
                        f" (score {pair.score.total}, {pair.relation})")
        else:
            decision = "only in A: no candidate reached the uncertain band"
        out += ["", head, f"  -> {decision}"]
        cands = sorted(((score_pair(p, q, cat), q) for q in pb_sel),
                       key=lambda x: (-x[0].total, x[0].blocked is not None, x[1].target.line))
        shown = cands if lb is not None else [c for c in cands if c[0].total > 0][:top] or cands[:1]
        for s, q in shown:
            comps = " ".join(f"{k}={v:g}" for k, v in s.components.items())
            why = f"blocked: {s.blocked}" if s.blocked else f"{s.band}: {'; '.join(s.notes) or 'similarity only'}"
            out.append(f"  B:{q.target.line} {q.target.metric} {value_text(q.target, with_year=True)}  score {s.total}  {comps}  {why}")
    return "\n".join(out) + "\n"
