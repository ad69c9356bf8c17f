"""The extract pipeline: read → normalize → clean (unwrap) → segment → split → extract (meta, tables, targets,
projects) → indicators (the scope of short metrics and the canonical indicator of every target).

Each stage is a named, typed function; :func:`extract_raw` runs them in order
and, given a :class:`Timings`, times each one (``scripts/bench.py`` reads it).
The library never imports typer or rich.
"""
from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..models import ExtractResult, Section, Source, Target
from ..prepare import clean, normalize, read, reflow
from ..prepare.document import Doc
from ..prepare.formats import SourceTable
from ..prepare.textmap import Edit, MappedText
from ..ruleset import RuleSet, default_rules
from . import meta, projects, scope, segment, tables, targets


@dataclass
class Timings:
    """Seconds spent in each stage (filled when a Timings is passed in)."""

    stages: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, seconds: float) -> None:
        self.stages[name] = self.stages.get(name, 0.0) + seconds


class _timer:
    def __init__(self, timings: Timings | None, name: str) -> None:
        self.timings, self.name = timings, name

    def __enter__(self) -> None:
        self.t0 = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        if self.timings is not None:
            self.timings.add(self.name, time.perf_counter() - self.t0)


def unwrap(raw: read.RawText, history: bool = True) -> MappedText:
    """The extracted text with the line ends a reader knows only wrap a paragraph (``raw.wraps``,
    from a PDF's layout) joined, every character keeping its printed line; else the text as it is."""
    mapped = MappedText.from_original(raw.text, history)
    if not raw.wraps:
        return mapped
    ends = mapped.original.line_starts
    edits: list[Edit] = []
    for line in raw.wraps:
        if line >= len(ends):
            continue
        nl = ends[line] - 1  # the newline that ends `line`
        before, after = raw.text[nl - 1:nl], raw.text[nl + 1:nl + 2]
        latin = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
        edits.append(Edit(nl, nl + 1, " " if latin else ""))
    return mapped.apply(edits, "unwrap")


def _cleaned(raw: read.RawText, rules: RuleSet, history: bool) -> Doc:
    mapped = normalize.normalize(unwrap(raw, history), rules)
    doc = Doc(path=raw.path, encoding=raw.encoding, sha256=raw.sha256, mapped=mapped, warnings=list(raw.warnings))
    return clean.clean(doc, rules)


def prepare(raw: read.RawText, rules: RuleSet, timings: Timings | None = None, history: bool = True) -> Doc:
    """Stages ``normalize`` and ``clean`` (hard-wrapped lines joined again): the Doc segment reads
    (``history``: keep what each stage changed, for ``plancmp clean --explain``)."""
    with _timer(timings, "normalize+clean"):
        return _cleaned(raw, rules, history)


def segmented(raw: read.RawText, rules: RuleSet, timings: Timings | None = None) -> tuple[Doc, list[Section]]:
    """Stages up to ``segment`` and ``split``: the Doc the extractors read, and its sections."""
    doc = prepare(raw, rules, timings, history=False)
    with _timer(timings, "segment"):
        sections = segment.segment(doc, rules)
        doc = reflow.split_at_headings(doc)
    doc.mapped.forget_history()  # one copy of the text per stage: only the maps are needed from here
    return doc, sections


def extract_raw(raw: read.RawText, rules: RuleSet | None = None, timings: Timings | None = None) -> ExtractResult:
    """Run every extraction stage on decoded text."""
    rules = rules or default_rules()
    doc, sections = segmented(raw, rules, timings)
    with _timer(timings, "meta"):
        md = meta.extract_meta(doc, sections, rules)
    with _timer(timings, "tables"):
        table_targets, in_tables = read_tables(doc, sections, rules, raw.tables, md.period.start)
    with _timer(timings, "targets"):
        found = targets.extract_targets(doc, sections, rules, skip_lines=in_tables, meta=md)
    with _timer(timings, "projects"):
        projs = projects.drop_the_plan_itself(projects.extract_projects(doc, sections, rules, md.region.district),
                                             md.title)
    all_targets = sorted(table_targets + found, key=lambda t: (t.line, t.span.start, t.metric))
    with _timer(timings, "indicators"):
        scope.annotate(all_targets, doc, sections, rules)
    source = Source(path=raw.path, sha256=raw.sha256, encoding=raw.encoding, lines=doc.original.n_lines,
                    format=raw.format, reader=raw.reader, pages=len(raw.page_starts) or None)
    if raw.page_starts:
        for rec in (*sections, *all_targets, *projs):
            rec.page = raw.page_of(rec.line)
    return ExtractResult(source=source, meta=md, sections=sections, targets=all_targets,
                         projects=projs, warnings=doc.warnings)


def read_tables(doc: Doc, sections: list[Section], rules: RuleSet, structured: Sequence[SourceTable],
                period_start: int | None = None) -> tuple[list[Target], set[int]]:
    """Stage ``tables``: the indicator-table records, and the cleaned lines tables cover (the
    sentence reader skips them).

    ``structured`` are the tables found in the file's own structure (HTML
    ``<table>``, DOCX table, PDF ruled table), as rows of cells with the line
    each is written on. The readers also write each one into the extracted
    text as tab-separated rows, one row per line, which the line reader of
    :mod:`.tables` reads today; this is the one place to hand the rows of
    cells to a reader of cells instead. ``period_start`` is the plan's first year (from meta).
    """
    return tables.extract_tables(doc, sections, rules, period_start), tables.table_lines(doc, rules)


def extract_text(text: str, path: str = "<text>", rules: RuleSet | None = None) -> ExtractResult:
    """Extract from a Python string (tests, notebooks)."""
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    raw = read.RawText(path=path, text=text, encoding="utf-8", sha256=sha256)
    return extract_raw(raw, rules)


def extract_file(path: str, encoding: str | None = None, rules: RuleSet | None = None,
                 timings: Timings | None = None, fmt: str | None = None) -> ExtractResult:
    """Stage ``read`` (the format from the content, or ``fmt``) then :func:`extract_raw`."""
    with _timer(timings, "read"):
        raw = read.read(path, encoding, fmt)
    return extract_raw(raw, rules, timings)
