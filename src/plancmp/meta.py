"""Stage 5a, meta: title, region, issuer, issue date and period, from the text only."""
from __future__ import annotations

from .document import Doc
from .models import Meta, Section
from .rules import RuleSet


def extract_meta(doc: Doc, sections: list[Section], rules: RuleSet) -> Meta:
    """Stage ``meta``."""
    return Meta()
