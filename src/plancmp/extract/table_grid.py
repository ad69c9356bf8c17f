"""Tables, part 6: grids whose rows are places and whose columns are categories and years."""
from __future__ import annotations


def find_grid(lines, i, tr, rules):  # type: ignore[no-untyped-def]
    return None


def grid_records(doc, table, sections, rules):  # type: ignore[no-untyped-def]
    return []
