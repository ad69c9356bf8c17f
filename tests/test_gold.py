"""Gold-file tests: extraction on the five sample plans, scored with tests/scoring.py.

The figures are macro averages over the samples; the floors are the
acceptance figures of the extraction issues. ``python -m tests.report``
prints the per-document figures and misses.
"""
from __future__ import annotations

import pytest

from .samples import SAMPLE_NAMES, extracted, gold
from .scoring import score_document

FLOORS = {
    # today's figures less a margin (issue 13: the samples stay >= 0.95 strict)
    "targets_strict_f1": 0.95,  # 0.971 on 2026-12-05
    "targets_found_f1": 0.98,  # 1.000
    "sections_f1": 0.98,  # 1.000
    "sections_level_acc": 0.98,  # 1.000
    "meta_acc": 0.98,  # 1.000
    "projects_list_recall": 0.98,  # 1.000
    "projects_named_recall": 0.93,  # 0.953
    "projects_precision": 0.95,  # 0.975
}


def figures(name: str) -> dict[str, float]:
    s = score_document(gold(name), extracted(name))
    return {
        "targets_strict_f1": s["targets_strict_f1"],
        "targets_found_f1": s["targets_found_f1"],
        "sections_f1": s["sections"]["f1"],
        "sections_level_acc": s["sections"]["level_acc"],
        "meta_acc": s["meta"]["acc"],
        "projects_list_recall": s["projects"]["list_recall"],
        "projects_named_recall": s["projects"]["named_recall"],
        "projects_precision": s["projects"]["precision"],
    }


def macro() -> dict[str, float]:
    rows = [figures(n) for n in SAMPLE_NAMES]
    return {k: sum(r[k] for r in rows) / len(rows) for k in FLOORS}


@pytest.mark.parametrize("key", sorted(FLOORS), ids=sorted(FLOORS))
def test_macro_average_meets_floor(key: str) -> None:
    assert macro()[key] >= FLOORS[key], f"{key} averaged {macro()[key]:.3f} < {FLOORS[key]}"


def test_every_record_points_at_a_real_line(sample_name: str) -> None:
    doc = extracted(sample_name)
    n = doc["source"]["lines"]
    for key in ("targets", "projects", "sections"):
        for rec in doc[key]:
            assert 1 <= rec["line"] <= n, (key, rec)
