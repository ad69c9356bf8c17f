"""plancmp's own scorer of `diff` pairs against gold alignment groups (tests/gold/align).

Independent of the reference tool in ../shared (tests never read it), built to
the same contract: a gold group lists, for each plan, the records (line,
value[, metric hint]) that state one commitment. A predicted pair from
``matched`` is right when both sides fall in one group, ignored when both fall
in an optional group, wrong otherwise. Precision = right / (right + wrong);
recall = groups with at least one right pair / groups.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def _bigram_dice(a: str, b: str) -> float:
    ga = {a[i:i + 2] for i in range(len(a) - 1)}
    gb = {b[i:i + 2] for i in range(len(b) - 1)}
    return 2 * len(ga & gb) / (len(ga) + len(gb)) if ga and gb else 0.0


def metric_like(metric: str, hint: str) -> bool:
    """A metric names what a gold hint names: one contains the other, or their bigrams overlap well."""
    m, h = (metric or "").replace("“", "").replace("”", ""), (hint or "").replace("“", "").replace("”", "")
    if not m or not h:
        return False
    return m in h or h in m or _bigram_dice(m, h) >= 0.4


def member_of(rec: dict[str, Any], group: dict[str, Any], side: str) -> bool:
    try:
        line, value = int(rec["line"]), round(float(rec["value"]), 6)
    except (KeyError, TypeError, ValueError):
        return False
    for m in group.get(side, []):
        if int(m[0]) == line and round(float(m[1]), 6) == value and (len(m) < 3 or metric_like(rec.get("metric", ""), m[2])):
            return True
    return False


@dataclass
class AlignScore:
    groups: int
    right: int = 0
    wrong: int = 0
    ignored: int = 0
    hit: set[int] = field(default_factory=set)
    wrong_pairs: list[tuple] = field(default_factory=list)

    @property
    def precision(self) -> float:
        n = self.right + self.wrong
        return self.right / n if n else (1.0 if not self.groups else 0.0)

    @property
    def recall(self) -> float:
        return len(self.hit) / self.groups if self.groups else 1.0


def score_alignment(gold: dict[str, Any], diff: dict[str, Any]) -> AlignScore:
    groups, optional = gold.get("groups", []), gold.get("optional", [])
    res = AlignScore(len(groups))
    for pair in diff.get("matched", []):
        a, b = pair["a"], pair["b"]
        found = next((i for i, g in enumerate(groups) if member_of(a, g, "a") and member_of(b, g, "b")), None)
        if found is not None:
            res.right += 1
            res.hit.add(found)
        elif any(member_of(a, g, "a") and member_of(b, g, "b") for g in optional):
            res.ignored += 1
        else:
            res.wrong += 1
            res.wrong_pairs.append((a.get("line"), a.get("metric"), b.get("line"), b.get("metric")))
    return res
