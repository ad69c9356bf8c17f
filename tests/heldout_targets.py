"""The target figures of the hand-written held-out excerpts (``tests/heldout/PREFIX-*.txt`` and
their gold ``.json``), shared by the held-out tests of each batch family (targets, genre, tables):
each test module keeps its own docstring, first-run figures and floors."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .scoring import score_targets

HELDOUT = Path(__file__).resolve().parent / "heldout"


def names(prefix: str) -> list[str]:
    """The excerpts of one family: ``tests/heldout/{prefix}-*.json``."""
    return sorted(p.stem for p in HELDOUT.glob(f"{prefix}-*.json"))


@lru_cache(maxsize=None)
def scored(name: str) -> tuple[float, float]:
    """(strict F1, found F1) of plancmp's targets on one excerpt against its gold."""
    from plancmp.extract.pipeline import extract_file

    gold = json.loads((HELDOUT / f"{name}.json").read_text(encoding="utf-8"))
    pred = extract_file(str(HELDOUT / f"{name}.txt")).to_dict()
    s = score_targets(gold["targets"], pred["targets"])
    return s.strict_f1, s.found_f1


def check_file(name: str, floor: float) -> None:
    strict, _ = scored(name)
    assert strict >= floor, f"{name}: strict F1 {strict:.3f} < {floor}"


def check_macro(family: list[str], strict_floor: float, found_floor: float) -> None:
    strict = sum(scored(n)[0] for n in family) / len(family)
    found = sum(scored(n)[1] for n in family) / len(family)
    assert strict >= strict_floor, f"macro strict F1 {strict:.3f} < {strict_floor}"
    assert found >= found_floor, f"macro found F1 {found:.3f} < {found_floor}"
