"""How alike two targets are, and who commits to more.

:func:`score_pair` scores two :class:`~plancmp.comparison.catalog.Profile` s from named
components (alias, characters, tokens, education levels, unit) and names the
rule that blocks a pair; :func:`relation` says which of two paired targets
commits to the higher value, after unit scaling.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .catalog import Band, Catalog, Profile

Relation = Literal["a_higher", "b_higher", "same", "incomparable"]


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


def score_pair(pa: Profile, pb: Profile, cat: Catalog) -> PairScore:
    """Score two targets from named components.

    ``alias``: both name the same canonical indicator (1) or neither/one (0);
    ``chars``: rapidfuzz similarity of the normalized names; ``tokens``: token
    overlap with common words discounted; ``stage``: agreement of education
    levels (1 same, 0.5 one open or nested); ``unit``: compatible unit bases.
    Blocks (score 0): incompatible units, a never-match rule, disjoint levels,
    two different indicators.
    """
    from rapidfuzz.fuzz import ratio

    sc = cat.scoring
    chars = round(ratio(pa.norm, pb.norm) / 100, 3)
    tokens = round(cat.token_overlap(pa.tokens, pb.tokens), 3)
    comps = {"alias": 0.0, "chars": chars, "tokens": tokens, "stage": 0.0, "unit": 0.0}
    ind = pa.indicator.id if pa.indicator and pb.indicator and pa.indicator.id == pb.indicator.id else None

    def blocked(why: str) -> PairScore:
        return PairScore(total=0.0, band="none", components=comps, indicator=ind, blocked=why)

    if pa.unit_base != pb.unit_base:
        return blocked(f"units differ: {pa.target.unit} vs {pb.target.unit}")
    comps["unit"] = 1.0
    if pa.indicator and pb.indicator and pa.indicator.id != pb.indicator.id:
        return blocked(f"different indicators: {pa.indicator.id} vs {pb.indicator.id}")
    notes: list[str] = []
    if ind:
        comps["alias"] = 1.0
        notes.append(f"same indicator {ind} ({pa.indicator.name}) via aliases {pa.alias!r} / {pb.alias!r}")
        rel = level_relation(pa.narrowed, pb.narrowed)
    else:
        rule = cat.never(pa.norm, pb.norm)
        if rule:
            return blocked(f"never paired: {rule.why}")
        rel = level_relation(pa.levels, pb.levels)
    if rel == "disjoint":
        return blocked(f"different education levels: {'、'.join(sorted(pa.levels | pa.narrowed))} vs "
                       f"{'、'.join(sorted(pb.levels | pb.narrowed))}")
    comps["stage"] = 1.0 if rel == "same" else 0.5
    if ind:
        total = sc.same_indicator + (1 - sc.same_indicator) * (chars + tokens) / 2
    elif pa.norm == pb.norm:
        total = 1.0
        notes.append("same normalized metric")
    else:
        total = (chars + tokens) / 2
        if pa.indicator or pb.indicator:
            total = min(total, sc.one_sided_cap)
            notes.append("only one side names a canonical indicator")
    if rel == "nested":
        total = min(total, sc.nested_level_cap)
        notes.append("education levels nest (one is part of the other)")
    total = round(total, 3)
    return PairScore(total=total, band=cat.band(total), components=comps, indicator=ind, notes=tuple(notes))


_FLOOR = {">=", ">"}
_CAP = {"<=", "<"}


def relation(pa: Profile, pb: Profile) -> Relation:
    """Who commits to the higher value, after unit scaling.

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
