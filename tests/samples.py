"""The five sample plans and their gold annotations, from this repo only (tests never read ../shared).

Helpers for test modules and ``python -m tests.report``; fixtures live in conftest.py.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLD = Path(__file__).resolve().parent / "gold"
SAMPLE_NAMES = sorted(p.stem for p in GOLD.glob("*.json"))


@lru_cache(maxsize=None)
def gold(name: str) -> dict:
    return json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def extracted(name: str) -> dict:
    """`plancmp extract` of a sample as JSON-ready dict (computed once per test run)."""
    from plancmp.extract.pipeline import extract_file

    return extract_file(str(SAMPLES / f"{name}.txt")).to_dict()
