"""Shared fixtures: the sample plans and their gold annotations, from this repo only."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

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


@pytest.fixture(params=SAMPLE_NAMES)
def sample_name(request: pytest.FixtureRequest) -> str:
    return request.param
