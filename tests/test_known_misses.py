"""Known misses on the samples as named cases (tests/known_misses.toml).

Each miss is a strict xfail named after its pattern, so the day extraction gets it right the suite
turns red until the case moves to the passing table; every miss the scorer sees must have a case.
The figures of tests/test_gold.py say how much is missed; this file says what.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from .samples import SAMPLE_NAMES, extracted, gold
from .scoring import TargetScore, score_projects, score_targets

TABLE = tomllib.loads((Path(__file__).resolve().parent / "known_misses.toml").read_text(encoding="utf-8"))
Case = dict[str, Any]


def _cases(status: str, kind: str) -> list[Case]:
    return list(TABLE.get(status, {}).get(kind, []))


def _params(status: str, kind: str) -> list[Any]:
    mark = [pytest.mark.xfail(strict=True, reason="known miss")] if status == "missed" else []
    return [pytest.param(c, marks=mark, id=f"{c['case']} @{c['sample']}" + (f":{c['line']}" if "line" in c else f"#{i}"))
            for i, c in enumerate(_cases(status, kind))]


def _target_score(sample: str) -> TargetScore:
    return score_targets(gold(sample).get("targets", []), extracted(sample).get("targets", []))


def _gold_record(case: Case) -> dict:
    """The one gold record a target case names (sample, line, value and gold metric)."""
    found = [g for g in gold(case["sample"]).get("targets", [])
             if g["line"] == case["line"] and g["value"] == case["value"] and g["metric"] == case["metric"]]
    assert len(found) == 1, f"the case names {len(found)} gold records"
    return found[0]


def target_right(case: Case) -> bool:
    """Whether the extraction has what the case is about right, as tests/scoring.py judges it."""
    s = _target_score(case["sample"])
    if case.get("spurious"):
        return not any(p.get("line") == case["line"] and p.get("value") == case["value"] for p in s.spurious)
    g = _gold_record(case)
    return all(g is not m for m in s.missed) and all(g is not w for w, _ in s.wrong)


def project_right(case: Case) -> bool:
    s = score_projects(gold(case["sample"]).get("projects", []), extracted(case["sample"]).get("projects", []))
    return case["name"] not in s["spurious" if case.get("spurious") else "missed"]


@pytest.mark.parametrize("case", _params("missed", "target") + _params("passing", "target"))
def test_target_case(case: Case) -> None:
    assert target_right(case), case["why"]


@pytest.mark.parametrize("case", _params("missed", "project") + _params("passing", "project"))
def test_project_case(case: Case) -> None:
    assert project_right(case), case["why"]


def _key(sample: str, rec: dict, spurious: bool) -> tuple:
    if "name" in rec:
        return sample, rec["name"], spurious
    return sample, rec["line"], rec["value"], None if spurious else rec["metric"]


def test_every_miss_has_a_case() -> None:
    recorded = {_key(c["sample"], c, bool(c.get("spurious"))) for kind in ("target", "project")
                for c in _cases("missed", kind)}
    seen = set()
    for sample in SAMPLE_NAMES:
        t = _target_score(sample)
        seen |= {_key(sample, g, False) for g in t.missed} | {_key(sample, g, False) for g, _ in t.wrong}
        seen |= {_key(sample, p, True) for p in t.spurious}
        p = score_projects(gold(sample).get("projects", []), extracted(sample).get("projects", []))
        seen |= {(sample, n, False) for n in p["missed"]} | {(sample, n, True) for n in p["spurious"]}
    assert sorted(seen - recorded, key=str) == [], "misses without a case in tests/known_misses.toml"


def test_cases_are_well_formed() -> None:
    """Each case has its fields, names a sample and is named in plain ASCII (a test id to type after -k)."""
    for status in ("missed", "passing"):
        for kind, needed in (("target", {"case", "sample", "line", "value", "why"}), ("project", {"case", "sample", "name", "why"})):
            for c in _cases(status, kind):
                assert needed <= set(c) and c["sample"] in SAMPLE_NAMES and c["case"].isascii(), c
                assert kind == "project" or c.get("spurious") or "metric" in c, c
