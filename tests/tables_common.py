"""What the table tests share: a document from a string and the records its tables give."""
from __future__ import annotations

from plancmp.extract import pipeline, tables
from plancmp.prepare import read
from plancmp.prepare.document import Doc
from plancmp.ruleset import default_rules

# (line, metric, value, value_max, comparator, unit, kind, year, binding)
Rec = tuple[int, str, float, float | None, str, str, str, int | None, str | None]


def doc_of(text: str) -> Doc:
    raw = read.RawText("<table>", text, "utf-8", "0" * 64)
    return pipeline.prepare(raw, default_rules())


def records(text: str) -> set[Rec]:
    doc = doc_of(text)
    return {(t.line, t.metric, t.value, t.value_max, t.comparator, t.unit, t.kind, t.year, t.binding)
            for t in tables.extract_tables(doc, [], default_rules())}


def content(text: str) -> set[tuple]:
    """The records without their lines: what a change of layout must keep."""
    return {(m, v, vm, op, u, k, y, b) for _, m, v, vm, op, u, k, y, b in records(text)}
