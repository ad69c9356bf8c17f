"""Stage 3, clean: drop page chrome and page markers, re-join pages, reverse spinning.

(Filled in by the noisy-input work; for now the document passes through.)
"""
from __future__ import annotations

from .document import Doc
from .rules import RuleSet


def clean(doc: Doc, rules: RuleSet) -> Doc:
    """Stage ``clean``."""
    return doc
