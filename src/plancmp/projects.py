"""Stage 5d, projects: named initiatives and key-project lists (records.md §2)."""
from __future__ import annotations

from .document import Doc
from .models import Project, Section
from .rules import RuleSet


def extract_projects(doc: Doc, sections: list[Section], rules: RuleSet) -> list[Project]:
    """Stage ``projects``."""
    return []
