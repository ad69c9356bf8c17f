"""Stage 5b, tables: rows of main-indicator tables as baseline/target records."""
from __future__ import annotations

from .document import Doc
from .models import Section, Target
from .rules import RuleSet


def extract_tables(doc: Doc, sections: list[Section], rules: RuleSet) -> list[Target]:
    """Stage ``tables``."""
    return []


def table_lines(targets: list[Target]) -> set[int]:
    """Original lines covered by indicator tables, which the sentence extractor skips."""
    return {t.line for t in targets}
