"""``plancmp extract FILE --review``: the records a person should check first.

:func:`plancmp.extract.confidence.review` picks them (lowest confidence first);
this module lays them out as rows for every text format, and as a
:class:`~plancmp.output.writers.TextTable` the command line draws at a terminal.

>>> from plancmp.extract.pipeline import extract_text
>>> rows = review_rows([extract_text("新建学校5所。")])
>>> [(r["line"], r["metric"], r["confidence"], r["doubts"]) for r in rows]
[(1, '新建学校', 0.75, ['kind:default'])]
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..errors import UsageError
from ..extract.confidence import review
from ..models import ExtractResult
from . import writers
from .writers import OutputColumn

#: the formats of ``--review`` (``table`` is drawn by the command line)
FORMATS = ("table", "json", "jsonl", "csv", "tsv", "md")

COLUMNS = [OutputColumn("confidence"), OutputColumn("path"), OutputColumn("line"), OutputColumn("match"),
           OutputColumn("metric"), OutputColumn("value"), OutputColumn("unit"), OutputColumn("kind"),
           OutputColumn("year"), OutputColumn("doubts"), OutputColumn("text")]


def review_rows(results: Sequence[ExtractResult], limit: int | None = None) -> list[dict[str, Any]]:
    """One row per record to check, over all ``results``, lowest confidence first."""
    by_target = [(r.source.path, t) for r in results for t in r.targets]
    order = {id(t): path for path, t in by_target}
    rows = []
    for t in review([t for _, t in by_target], limit):
        rows.append({"confidence": t.confidence, "path": order[id(t)], "line": t.line, "match": t.match,
                     "metric": t.metric, "value": t.value, "unit": t.unit, "kind": t.kind, "year": t.year,
                     "doubts": list(t.doubts), "text": t.text})
    return rows


def review_table(rows: Sequence[dict[str, Any]], title: str = "Records to check first") -> writers.TextTable:
    """The rows as a terminal table (without the sentence, which does not fit)."""
    cols = [c for c in COLUMNS if c.key not in ("text", "path")] if len({r["path"] for r in rows}) <= 1 else \
        [c for c in COLUMNS if c.key != "text"]
    return writers.text_table(rows, cols, title=f"{title} ({len(rows)})")


def render_review(rows: Sequence[dict[str, Any]], fmt: str) -> str:
    """The rows as text in ``fmt`` (one of :data:`FORMATS` but ``table``)."""
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=1) + "\n"
    if fmt == "jsonl":
        return writers.to_jsonl(rows)
    if fmt == "csv":
        return writers.to_csv(rows, COLUMNS)
    if fmt == "tsv":
        return writers.to_tsv(rows, COLUMNS)
    if fmt == "md":
        return writers.to_markdown(rows, COLUMNS)
    raise UsageError(f"unknown --format {fmt!r} for --review; use one of {', '.join(FORMATS)}")
