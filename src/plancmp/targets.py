"""Stage 5c, targets: numeric targets in running text (records.md §1)."""
from __future__ import annotations

from .document import Doc
from .models import Section, Target
from .rules import RuleSet


def extract_targets(doc: Doc, sections: list[Section], rules: RuleSet, skip_lines: set[int] | None = None) -> list[Target]:
    """Stage ``targets``."""
    return []
