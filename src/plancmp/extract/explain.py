"""`plancmp extract FILE --explain LINE`: how the targets on one line were read.

For each record on the line: the rule that matched, how the number, the
comparator, the metric and the kind were decided, and which numbers of the
line were dropped by an exclusion rule. The sentence extractor is re-run on
the file with tracing on; records from indicator tables name their rule.
"""
from __future__ import annotations

from ..errors import InputError
from ..models import ExtractResult, Target
from ..prepare import read
from ..ruleset import RuleSet, default_rules
from .pipeline import segmented
from .quantities import find_quantities
from .targets import extract_targets


def _head(t: Target) -> str:
    rng = f"-{t.value_max:g}" if t.value_max is not None else ""
    return (f"  {t.match!r} -> {t.comparator} {t.value:g}{rng} {t.unit}  metric={t.metric!r} kind={t.kind}"
            f" year={t.year} binding={t.binding} section={t.section} rule={t.rule or '-'}")


def trace_line(result: ExtractResult, line: int, rules: RuleSet | None = None) -> tuple[list[tuple[Target, list[str]]], list[str]]:
    """Traced sentence records of ``line`` and the exclusions applied on it (empty when the file cannot be re-read)."""
    rules = rules or default_rules()
    if result.source.path in ("-", "<text>", ""):
        return [], []
    try:
        src = result.source
        raw = read.read(src.path, src.encoding if src.format in ("text", "html") else None, src.format)
    except InputError:  # the file moved or changed since it was extracted: the listing still prints
        return [], []
    doc, _ = segmented(raw, rules)  # the text the extractors read (headings of run-together text split off)
    traces: dict[int, list[tuple[Target, list[str]]]] = {}
    extract_targets(doc, result.sections, rules, skip_lines=set(), traces=traces, meta=result.meta)
    dropped: list[str] = []
    for s, e, text in doc.lines():
        if doc.line_of(s) <= line <= doc.line_of(max(s, e - 1)):
            find_quantities(text, s, rules, dropped)
    return traces.get(line, []), dropped


def explain_line(result: ExtractResult, line: int, rules: RuleSet | None = None) -> str:
    """A readable account of every target record on original ``line``."""
    found = [t for t in result.targets if t.line == line]
    head = f"{result.source.path}:{line}"
    traced, dropped = trace_line(result, line, rules)
    out = [head] if found else [f"{head}: no target on this line"]
    for t in found:
        out.append(_head(t))
        steps = next((tr for rec, tr in traced if rec.span == t.span and rec.metric == t.metric), None)
        if steps is None:
            out.append("      read from an indicator table" if t.rule.startswith("table") else "      (no trace)")
            continue
        out.extend(f"      {s}" for s in steps if "excluded by" not in s)
        if t.doubts:
            out.append(f"      confidence {t.confidence:g}: check {', '.join(t.doubts)}")
    for d in dict.fromkeys(dropped):
        out.append(f"  not a target: {d}")
    return "\n".join(out)
