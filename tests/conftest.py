"""Fixtures only; the samples, their gold and the helpers that read them are in tests/samples.py."""
from __future__ import annotations

import pytest

from .samples import SAMPLE_NAMES


@pytest.fixture(params=SAMPLE_NAMES)
def sample_name(request: pytest.FixtureRequest) -> str:
    return request.param
