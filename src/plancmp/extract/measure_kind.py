"""What a metric measures beyond its words' likeness: whether it counts a total or an increment,
what a rate is a rate of (units or people), and which rate it is.

Read by :meth:`plancmp.extract.indicators.Catalog.profile`; the words are ``[quantity]`` and
``[measure]`` of ``rules/indicators.toml``. The rules are of the genre's grammar: a Chinese noun
phrase ends in its head (``…提升和新建总量`` is a total whatever verbs it holds); ``N%的X…`` counts
X's (``85%的县（市、区）创建成…``: a share of counties); a rate word names the measure
(``使用率`` and ``纳控率`` of one object are two measures).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .indicator_rules import MeasureRule, QuantityRule

Subject = str  # "people" or "units"


def quantity(norm: str, q: QuantityRule, measures: Sequence[str] = ()) -> frozenset[str]:
    """``increment`` (新增), ``total`` (累计, 总量), ``yearly`` (每年), ``per_head`` (人均, 每千), as the name says; a name that
    ends in a total word is a total only, whatever build words stand before it (the head decides),
    unless it opens with one (新增…总面积: the total of what is added). 总 before a measure word of
    ``measures`` (总里程, 总长度) is a total word too.

    >>> q = QuantityRule(increment=["新增", "新建"], total=["总量"], yearly=["每年"])
    >>> sorted(quantity("美丽街区提升和新建总量", q)), sorted(quantity("新增美丽街区", q))
    (['total'], ['increment'])
    >>> sorted(quantity("新增绿地总量", q)), sorted(quantity("公交专用道总里程", q, ["里程"]))
    (['increment', 'total'], ['total'])
    """
    totals = [*q.total, *("总" + m for m in measures if not m.startswith("总"))]
    found = {k for k, words in (("increment", q.increment), ("total", totals), ("yearly", q.yearly),
                                ("per_head", q.per_head)) if any(w in norm for w in words)}
    if any(norm.endswith(w) for w in totals) and not any(norm.startswith(w) for w in q.increment):
        found.discard("increment")  # 新增…总量 is still the total of what is added
    return frozenset(found)


def _mention(target: Any, metric: str) -> tuple[str, str] | None:
    """(the few characters before the metric, the text between the metric and its number) at the
    mention of the metric nearest its number (新增泊位6000个，泊位总数达到3.2万个: the second); None when
    the metric is not written before its number."""
    text, match = getattr(target, "text", "") or "", getattr(target, "match", "") or ""
    if not metric or not match:
        return None
    best: tuple[str, str] | None = None
    i = text.find(metric)
    while i >= 0:
        j = text.find(match, i + len(metric))
        if j < 0:
            break
        if best is None or j - i - len(metric) < len(best[1]):
            best = (text[max(0, i - _BEFORE):i], text[i + len(metric):j])
        i = text.find(metric, i + 1)
    return best


#: how many characters before a metric may hold a word that says how its number counts (每年拆除…)
_BEFORE = 4


def total_in_text(target: Any, metric: str, q: QuantityRule) -> bool:
    """A total word between the metric and its number (养老床位总数达到6500张): the metric left out
    its head, which says the number is a total."""
    found = _mention(target, metric)
    if found is None:
        return False
    gap = found[1]
    return len(gap) <= q.total_reach + 4 and any(w in gap for w in q.total) and not any(w in gap for w in q.increment)


def yearly_in_text(target: Any, metric: str, q: QuantityRule) -> bool:
    """A word of each year just before the metric or between it and its number (每年拆除违法建设20万平方米):
    the number is an amount per year though the metric does not say so."""
    found = _mention(target, metric)
    return found is not None and any(w in found[0] or w in found[1] for w in q.yearly)


def share_of_what(target: Any, metric: str) -> bool:
    """The number is a share written before what it counts: ``85%的县（市、区）创建成…``, metric after
    ``N%的``."""
    text, match, unit = getattr(target, "text", "") or "", getattr(target, "match", "") or "", target.unit or ""
    if not metric or not match:
        return False
    k = text.find(match)
    while k >= 0:
        rest = text[k + len(match):]
        if unit and rest.startswith(unit):
            rest = rest[len(unit):]
        if rest.startswith("的" + metric[0]):
            return True
        k = text.find(match, k + 1)
    return False


def _words_at_end(norm: str, end: int, words: Sequence[str]) -> str | None:
    return next((w for w in words if norm.endswith(w, 0, end)), None)


def subject(norm: str, m: MeasureRule, counted_first: bool) -> Subject | None:
    """What a share counts: ``people`` or ``units``; None when the name does not say, or says a
    coverage of an institution (普惠性幼儿园覆盖率: the children it serves).

    ``counted_first``: the name follows ``N%的`` and opens with what is counted (县（市、区）创建成…);
    otherwise the last noun of people or units before the rate word decides (一二级幼儿园在园幼儿覆盖面:
    幼儿), single characters (县, 园) aside, as they are parts of other words there.
    """
    people = sorted(m.people, key=len, reverse=True)
    units = sorted(m.units, key=len, reverse=True)
    if counted_first:
        for w in sorted([*people, *units], key=len, reverse=True):
            if norm.startswith(w):
                return "people" if w in m.people else "units"
        return None
    if not any(norm.endswith(w) for w in ("率", *m.share)):
        return None
    for end in range(len(norm), 0, -1):
        w = _words_at_end(norm, end, [x for x in sorted([*people, *units], key=len, reverse=True) if len(x) > 1])
        if w is None:
            continue
        if w in m.people:
            return "people"
        return None if any(norm.endswith(c) for c in m.coverage) else "units"
    return None


def rate_word(norm: str, m: MeasureRule) -> str | None:
    """Which rate a name is: ``share`` for the words that say only "a part of" (比例, 覆盖率), the
    group of ``same_rate`` it belongs to, else the character before 率 (使用率 → 用); None for a
    name that is no rate.

    >>> m = MeasureRule(share=["比例", "覆盖率"], same_rate=[["合格率", "达标率"]])
    >>> rate_word("节能灯具使用率", m), rate_word("集中控制纳控率", m), rate_word("卫生保健达标率", m)
    ('用', '控', '合格率')
    """
    if any(norm.endswith(w) for w in m.share):
        return "share"
    for group in m.same_rate:
        if any(norm.endswith(w) for w in group):
            return group[0]
    if len(norm) >= 3 and norm.endswith("率"):
        return norm[-2]
    return None


def other_rates(x: str | None, y: str | None) -> bool:
    """Two rates that are surely other measures: both specific (not ``share``) and unlike."""
    return x is not None and y is not None and "share" not in (x, y) and x != y


def rate_suffix(norm: str, m: MeasureRule) -> int:
    """How many characters of a rate name are its rate word (比例: 2, 覆盖率, 使用率: 3); 0 for no rate."""
    share = next((w for w in sorted(m.share, key=len, reverse=True) if norm.endswith(w)), None)
    if share:
        return len(share)
    return 3 if len(norm) > 3 and norm.endswith("率") else 0


def same_rate_group(x: str, y: str, m: MeasureRule) -> bool:
    """Two rate words of one group of ``same_rate`` (合格率, 达标率)."""
    return any(x in g and y in g for g in m.same_rate)


def generic_rate(word: str, m: MeasureRule) -> bool:
    """A rate word that says only how much of something is reached (覆盖率, 比例, 达标率, 完成率), not
    which measure: what it is a rate of must agree too."""
    return word in m.share or word in m.generic or any(word in g for g in m.same_rate)
