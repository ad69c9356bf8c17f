"""How alike two targets are, and who commits to more.

:func:`score_pair` scores two :class:`~plancmp.comparison.catalog.Profile` s from named
components (alias, characters, tokens, head noun, scope, unit) and names the
rule that blocks a pair; :func:`relation` says which of two paired targets
commits to the higher value, after converting both into the base unit of
their dimension (公顷 and 亩 into 平方米, 亿元 into 元).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ..extract.indicators import common_ending
from ..extract.measure_kind import generic_rate, other_rates, rate_suffix, same_rate_group
from .catalog import Band, Catalog, Profile

Relation = Literal["a_higher", "b_higher", "same", "incomparable"]

#: a normalized name shorter than this (力争全县 → '') names nothing a pair could rest on
MIN_NAME = 2

#: two heads agree when the names end in this many characters alike once measure and action
#: words are set aside (one character, 园 or 率, is a suffix, not a noun)
HEAD_CHARS = 2


@dataclass(frozen=True)
class PairScore:
    """The score of one candidate pair, from named components."""

    total: float
    band: Band
    components: dict[str, float]
    indicator: str | None = None
    blocked: str | None = None
    notes: tuple[str, ...] = ()


def level_relation(x: frozenset[str], y: frozenset[str]) -> Literal["same", "open", "nested", "disjoint"]:
    """How two sets of education levels relate; ``open`` when one names none."""
    if not x or not y:
        return "open"
    if x == y:
        return "same"
    if x <= y or y <= x:
        return "nested"
    return "disjoint" if not x & y else "nested"


def scope_agreement(x: frozenset[str], y: frozenset[str]) -> float | None:
    """How far two scopes (sets of education levels) agree: their Jaccard index, 0.5 when one
    side names none (unknown, not different), None when neither names any (nothing to weigh).

    >>> scope_agreement(frozenset({"小学", "初中"}), frozenset({"小学", "初中", "高中"}))
    0.667
    """
    if not x and not y:
        return None
    if not x or not y:
        return 0.5
    return round(len(x & y) / len(x | y), 3)


#: the endings of a rate or share: a name that is nothing but one of them (覆盖率, 比例) is bare
_RATE_ENDINGS = ("率", "比例", "比重", "占比", "比")


def _bare(p: Profile) -> bool:
    """A name that says too little to confirm a pair: a rate word with no scope to say what it is a
    rate of (覆盖率, 达标率, 比例), or one word of two characters (学校, 小学: a thing, not a measure
    of it, new or in all)."""
    if p.indicator is not None:
        return False
    return len(p.norm) <= BARE_WORD or (not p.levels and len(p.norm) <= BARE_CHARS and p.norm.endswith(_RATE_ENDINGS))


#: a rate name of this many characters or fewer, with no level, is bare (达标率 yes, 绿化覆盖率 no)
BARE_CHARS = 3
#: a name of this many characters or fewer is one word: bare
BARE_WORD = 2


def _product(*xs: float | None) -> float | None:
    """The product of the agreements that apply (None: nothing to weigh)."""
    known = [x for x in xs if x is not None]
    if not known:
        return None
    out = 1.0
    for x in known:
        out *= x
    return round(out, 3)


def _head(pa: Profile, pb: Profile, cat: Catalog) -> float:
    """1 when the names end in the same head noun. Two names ending in one rate word (or two of one
    group: 合格率, 达标率) agree when what they are rates of does (完整社区覆盖率 and 完整社区建设覆盖率);
    when only a generic rate word agrees (覆盖率 of 明厨亮灶 and of 普惠性幼儿园) they score
    ``rate_only_head``; a specific rate word (机扫率) is a head of its own."""
    m = cat.table.measure
    ka, kb = rate_suffix(pa.norm, m), rate_suffix(pb.norm, m)
    ra, rb = pa.norm[len(pa.norm) - ka:], pb.norm[len(pb.norm) - kb:]
    if ka and kb and (ra == rb or same_rate_group(ra, rb, m)):
        if common_ending(cat.head(pa.norm[:-ka]), cat.head(pb.norm[:-kb])) >= HEAD_CHARS:
            return 1.0
        return m.rate_only_head if generic_rate(ra, m) else 1.0
    return 1.0 if common_ending(pa.head, pb.head) >= HEAD_CHARS else 0.0


def _stock(p: Profile) -> bool:
    """A name that counts a total (…总量, 累计…) and no increment."""
    return "total" in p.quantity and "increment" not in p.quantity


def _blocking_rule(pa: Profile, pb: Profile, cat: Catalog) -> str | None:
    """Why two targets can never be one commitment, whatever their names say; None when nothing blocks."""
    if len(pa.norm) < MIN_NAME or len(pb.norm) < MIN_NAME:
        return "no name to compare: the metric says nothing once filler words are dropped"
    if pa.unit_base != pb.unit_base:
        return f"units of different dimensions: {pa.target.unit} vs {pb.target.unit}"
    if pa.indicator and pb.indicator and pa.indicator.id != pb.indicator.id:
        return f"different indicators: {pa.indicator.id} vs {pb.indicator.id}"
    qa, qb = pa.quantity, pb.quantity
    if ("increment" in qa and "total" in qb and "increment" not in qb) or \
            ("total" in qa and "increment" in qb and "increment" not in qa):
        return "an increment (新增) is not a total (总量, 累计)"
    if (_stock(pa) and pb.works and "total" not in qb) or (_stock(pb) and pa.works and "total" not in qa):
        return "work done in the period (建成, 改造, 筹集) is not a total (总量, 累计)"
    if pa.unit_base != "%" and ("yearly" in qa) != ("yearly" in qb):
        return "an amount per year (每年) is not an amount over the period"
    if pa.unit_base != "%" and ("per_head" in qa) != ("per_head" in qb):
        return "an amount per head (人均, 每千人) is not a count"
    if pa.works and pb.works and not pa.works & pb.works:
        return f"other work: {'、'.join(sorted(pa.works))} vs {'、'.join(sorted(pb.works))}"
    if pa.indicator and pb.indicator:
        return None  # one indicator (普惠性幼儿园覆盖率 and 在园幼儿占比: one coverage stated two ways)
    if pa.subject and pb.subject and pa.subject != pb.subject:
        return f"a share of {pa.subject} is not a share of {pb.subject}"
    if other_rates(pa.rate, pb.rate):
        return f"other rates of one object: {pa.norm[-3:]} vs {pb.norm[-3:]}"
    return None


def score_pair(pa: Profile, pb: Profile, cat: Catalog) -> PairScore:
    """Score two targets from named components.

    ``alias``: both name the same canonical indicator (1) or not (0);
    ``chars``: rapidfuzz similarity of the cores of the names (what is measured, scope,
    leading actions and measure words aside); ``tokens``: token overlap of the cores with
    common words discounted; ``head``: the names end in the same
    head noun (1) or not (0); ``scope``: agreement of the education levels
    (Jaccard; 0.5 when one side names none); ``unit``: 1 for the same unit word, less
    for another classifier of the same dimension (所 against 个).

    Two names of one canonical indicator score ``same_indicator`` and up (capped at
    ``nested_level_cap`` when each narrows it to other levels, which compare shows as other rows). Otherwise the
    total is the weighted mean of the name similarity (the mean of chars and tokens),
    the head and the scope (counted only where a side names a level), times the unit
    factor; a name only one side's indicator covers is capped at ``one_sided_cap``, a bare rate
    (覆盖率, with nothing to say of what) at ``bare_cap``.
    Blocks (score 0): a name empty once filler is dropped, units of different dimensions, two different indicators, an
    increment against a total, an amount per year against one over the period, other kinds
    of work (新建 against 改造, 修复 against 检测), a never-match rule, disjoint education levels.
    """
    from rapidfuzz.fuzz import ratio

    sc, w = cat.scoring, cat.scoring.weights
    chars = round(ratio(pa.core, pb.core) / 100, 3)
    tokens = round(cat.token_overlap(pa.tokens, pb.tokens), 3)
    head = _head(pa, pb, cat)
    comps = {"alias": 0.0, "chars": chars, "tokens": tokens, "head": head, "scope": 0.0, "unit": 0.0}
    ind = pa.indicator.id if pa.indicator and pb.indicator and pa.indicator.id == pb.indicator.id else None

    def blocked(why: str) -> PairScore:
        return PairScore(total=0.0, band="none", components=comps, indicator=ind, blocked=why)

    why = _blocking_rule(pa, pb, cat)
    if why:
        return blocked(why)
    comps["unit"] = 1.0 if pa.unit_word == pb.unit_word else sc.other_classifier
    notes: list[str] = []
    if ind:
        comps["alias"] = 1.0
        notes.append(f"same indicator {ind} ({pa.indicator.name}) via aliases {pa.alias!r} / {pb.alias!r}")
        xa, xb = pa.narrowed, pb.narrowed
    else:
        rule = cat.never(pa.norm, pb.norm)
        if rule:
            return blocked(f"never paired: {rule.why}")
        xa, xb = pa.levels, pb.levels
    if level_relation(xa, xb) == "disjoint":
        return blocked(f"different education levels: {'、'.join(sorted(pa.levels | pa.narrowed))} vs "
                       f"{'、'.join(sorted(pb.levels | pb.narrowed))}")
    if level_relation(pa.tiers, pb.tiers) == "disjoint":
        return blocked(f"different tiers of government: {'、'.join(sorted(pa.tiers))} vs {'、'.join(sorted(pb.tiers))}")
    scope = _product(scope_agreement(xa, xb), scope_agreement(pa.tiers, pb.tiers))
    comps["scope"] = 1.0 if scope is None else scope
    name = (chars + tokens) / 2
    if ind:
        total = sc.same_indicator + (1 - sc.same_indicator) * name
        if level_relation(xa, xb) == "nested":
            total = min(total, sc.nested_level_cap)
            notes.append("the indicator is narrowed to levels that nest (小学 against 义务教育): other rows")
    elif pa.norm == pb.norm and scope in (None, 1.0):
        total = 1.0
        notes.append("same normalized metric")
    else:
        parts = [(w.name, name), (w.head, head)] + ([(w.scope, scope)] if scope is not None else [])
        total = sum(x * v for x, v in parts) / sum(x for x, _ in parts)
        if pa.indicator or pb.indicator:
            total = min(total, sc.one_sided_cap)
            notes.append("only one side names a canonical indicator")
        if scope is not None and scope < 1:
            notes.append("education levels nest or one side names none")
    if not ind and (_bare(pa) or _bare(pb)):
        total = min(total, sc.bare_cap)
        notes.append("a bare name (覆盖率 of what? 学校: new or all?) cannot confirm a pair: for review")
    total = round(total * comps["unit"], 3)
    if comps["unit"] < 1:
        notes.append(f"counted in other units: {pa.target.unit} vs {pb.target.unit}")
    return PairScore(total=total, band=cat.band(total), components=comps, indicator=ind, notes=tuple(notes))


_FLOOR = {">=", ">"}
_CAP = {"<=", "<"}


def relation(pa: Profile, pb: Profile) -> Relation:
    """Who commits to the higher value, after converting into the base unit.

    Points (``=``, ``~``) and floors (``>=``, ``>``) compare by value, a strict
    ``>`` above ``>=`` at the same value; caps (``<=``, ``<``) compare with
    caps and points; a floor against a cap, or ranges that overlap without
    being equal, are ``incomparable``.
    """
    a, b = pa.target, pb.target
    if pa.unit_base != pb.unit_base:
        return "incomparable"
    ca, cb = a.comparator, b.comparator
    if (ca in _FLOOR and cb in _CAP) or (ca in _CAP and cb in _FLOOR):
        return "incomparable"
    lo_a, hi_a = _interval(pa)
    lo_b, hi_b = _interval(pb)
    if ca == "range" or cb == "range":
        if (lo_a, hi_a) == (lo_b, hi_b) and ca == cb:
            return "same"
        if lo_a > hi_b:
            return "a_higher"
        if lo_b > hi_a:
            return "b_higher"
        return "incomparable"
    if lo_a != lo_b:
        return "a_higher" if lo_a > lo_b else "b_higher"
    sa, sb = _strict(ca), _strict(cb)
    return "same" if sa == sb else ("a_higher" if sa > sb else "b_higher")


def _interval(p: Profile) -> tuple[Decimal, Decimal]:
    lo = p.scaled(p.target.value)
    hi = p.scaled(p.target.value_max) if p.target.comparator == "range" and p.target.value_max is not None else lo
    assert lo is not None and hi is not None
    return lo, hi


def _strict(comparator: str) -> int:
    """Order at equal values: < below <= and = below > ."""
    return {"<": -1, ">": 1}.get(comparator, 0)
