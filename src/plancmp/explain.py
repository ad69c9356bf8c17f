"""`plancmp extract FILE --explain LINE`: how the targets on one line were read."""
from __future__ import annotations

from .models import ExtractResult


def explain_line(result: ExtractResult, line: int) -> str:
    """A readable account of every target record on original ``line``."""
    found = [t for t in result.targets if t.line == line]
    head = f"{result.source.path}:{line}"
    if not found:
        return f"{head}: no target on this line"
    out = [head]
    for t in found:
        rng = f"-{t.value_max:g}" if t.value_max is not None else ""
        out.append(f"  {t.match!r} -> {t.comparator} {t.value:g}{rng} {t.unit}  metric={t.metric!r} kind={t.kind}"
                   f" year={t.year} binding={t.binding} section={t.section} rule={t.rule}")
    return "\n".join(out)
