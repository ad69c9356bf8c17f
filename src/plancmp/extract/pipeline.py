"""The extract pipeline: read → normalize → clean → segment → extract (meta, targets, tables, projects).

Each stage is a named, typed function; :func:`extract_raw` runs them in order
and, given a :class:`Timings`, times each one (``scripts/bench.py`` reads it).
The library never imports typer or rich.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field

from ..models import ExtractResult, Source
from ..prepare import clean, normalize, read
from ..prepare.document import Doc
from ..prepare.textmap import MappedText
from ..ruleset import RuleSet, default_rules
from . import meta, projects, segment, tables, targets


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


def prepare(raw: read.RawText, rules: RuleSet) -> Doc:
    """Stages ``normalize`` and ``clean``: the Doc the extractors read."""
    mapped = normalize.normalize(MappedText.from_original(raw.text), rules)
    doc = Doc(path=raw.path, encoding=raw.encoding, sha256=raw.sha256, mapped=mapped, warnings=list(raw.warnings))
    return clean.clean(doc, rules)


def extract_raw(raw: read.RawText, rules: RuleSet | None = None, timings: Timings | None = None) -> ExtractResult:
    """Run every extraction stage on decoded text."""
    rules = rules or default_rules()
    with _timer(timings, "normalize+clean"):
        doc = prepare(raw, rules)
    with _timer(timings, "segment"):
        sections = segment.segment(doc, rules)
    with _timer(timings, "meta"):
        md = meta.extract_meta(doc, sections, rules)
    with _timer(timings, "tables"):
        table_targets = tables.extract_tables(doc, sections, rules)
    with _timer(timings, "targets"):
        found = targets.extract_targets(doc, sections, rules, skip_lines=tables.table_lines(doc, rules), meta=md)
    with _timer(timings, "projects"):
        projs = projects.drop_the_plan_itself(projects.extract_projects(doc, sections, rules, md.region.district),
                                             md.title)
    all_targets = sorted(table_targets + found, key=lambda t: (t.line, t.span.start, t.metric))
    source = Source(path=raw.path, sha256=raw.sha256, encoding=raw.encoding, lines=doc.original.n_lines)
    return ExtractResult(source=source, meta=md, sections=sections, targets=all_targets,
                         projects=projs, warnings=doc.warnings)


def extract_text(text: str, path: str = "<text>", rules: RuleSet | None = None) -> ExtractResult:
    """Extract from a Python string (tests, notebooks)."""
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    raw = read.RawText(path=path, text=text, encoding="utf-8", sha256=sha256)
    return extract_raw(raw, rules)


def extract_file(path: str, encoding: str | None = None, rules: RuleSet | None = None,
                 timings: Timings | None = None) -> ExtractResult:
    """Stage ``read`` then :func:`extract_raw`."""
    with _timer(timings, "read"):
        raw = read.read(path, encoding)
    return extract_raw(raw, rules, timings)
