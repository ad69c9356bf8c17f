"""A project's status and year, from the clause around its first mention (``rules/projects.toml`` [status]).

``done`` (已建成, 投入使用, or named only in the review of the last period), ``ongoing`` (在建, 续建),
``planned`` (新建, 启动, 到2025年建成); ``None`` when the clause says nothing. The year is a single
year written in the clause (``2023年新建…``, ``到2025年建成``), never the year of a span (2016—2018年).
"""
from __future__ import annotations

import re

from ...models import Status
from .shared import CompiledProjects

#: a single year, not one end of a span: 2023年, 到2025年; not 2016—2018年 / 2016-2018年
_YEAR = re.compile(r"(?<![\d\-—~至])(?<!\d[\-—~])((?:19|20)\d\d)\s*年(?!\s*[\-—~至到])")
#: where a clause ends
_CLAUSE_END = re.compile(r"[。;!?\n]")


def clause_around(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` (to 。;!? or a line end)."""
    lo = max((m.end() for m in _CLAUSE_END.finditer(text, max(0, start - 200), start)), default=max(0, start - 200))
    m = _CLAUSE_END.search(text, end)
    return text[lo:m.start() if m else len(text)]


def status_of(clause: str, in_review: bool, compiled: CompiledProjects) -> Status | None:
    """What the clause says of the project; ``done`` when it is named in the review of the last period."""
    if in_review:
        return "done"
    s = compiled.rules.status
    for status, words in (("done", s.done), ("ongoing", s.ongoing), ("planned", s.planned)):
        if any(w in clause for w in words):
            return status  # type: ignore[return-value]
    return None


def year_of(clause: str) -> int | None:
    """The one year the clause gives, else None (two different years, or a span, give none)."""
    years = {int(m.group(1)) for m in _YEAR.finditer(clause)}
    return years.pop() if len(years) == 1 else None
