"""Stage 4, segment: the heading tree of the plan (records.md §3)."""
from __future__ import annotations

from .document import Doc
from .models import Section
from .rules import RuleSet


def segment(doc: Doc, rules: RuleSet) -> list[Section]:
    """Stage ``segment``: sections sorted by line."""
    return []
