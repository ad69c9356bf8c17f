"""Aligning two plans: their targets on canonical indicators, their projects by name.

Two plans are aligned by a one-to-one optimal assignment over pair scores
(:mod:`plancmp.comparison.scoring`, :mod:`plancmp.comparison.assignment`), band by band: pairs
that reach the ``match`` score first, then ``uncertain`` pairs among the
rest, so a weak pair is never forced. Everything else is one-sided.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Generic, TypeVar

from .assignment import assign_in_bands
from .catalog import Catalog, Profile
from .scoring import PairScore, Relation, relation, score_pair

if TYPE_CHECKING:
    from ..models import Project, Target

#: added to the utility of every pair that clears a band's floor, so a pair exactly at the floor
#: still has positive utility (assignment leaves pairs of utility <= 0 unmatched)
AT_FLOOR = 0.01


@dataclass(frozen=True)
class Pair:
    a: Profile
    b: Profile
    score: PairScore
    relation: Relation
    restates: int | None = None  # a repeated mention: the line of the mention that was assigned
    #: the same measure in each plan for other years (a 2035 target beside the 2025 pair): context, not pairs
    context_a: tuple[Profile, ...] = ()
    context_b: tuple[Profile, ...] = ()


PairT = TypeVar("PairT")
OneT = TypeVar("OneT")


@dataclass
class Bands(Generic[PairT, OneT]):
    """The outcome of aligning two plans: matched and uncertain pairs, and what only one side has."""

    matched: list[PairT] = field(default_factory=list)
    uncertain: list[PairT] = field(default_factory=list)
    only_a: list[OneT] = field(default_factory=list)
    only_b: list[OneT] = field(default_factory=list)


@dataclass
class Alignment(Bands[Pair, Profile]):
    """Two plans' targets aligned."""

    @property
    def differ(self) -> bool:
        """The plans differ: something one-sided, uncertain, or a value not the same."""
        return bool(self.uncertain or self.only_a or self.only_b
                    or any(p.relation != "same" for p in self.matched))


# ---------------------------------------------------------------- targets

#: small preferences that decide among pairs of equal (or all but equal) score, such as repeated
#: mentions of one indicator; strongest first: the same value, the same or closest year, both or
#: neither from a table
TIE_SAME_VALUE, TIE_YEAR, TIE_SAME_SOURCE = 0.003, 0.002, 0.001


def year_affinity(ya: int | None, yb: int | None) -> float:
    """How well two target years go together: 1 for the same year (or neither dated), 0.5 when one
    is undated, less the further apart they are (2025 with 2030 before 2025 with 2035).

    >>> year_affinity(2025, 2025), year_affinity(2025, None), year_affinity(2025, 2030), year_affinity(2025, 2035)
    (1.0, 0.5, 0.167, 0.091)
    """
    if ya == yb:
        return 1.0
    if ya is None or yb is None:
        return 0.5
    return round(1 / (1 + abs(ya - yb)), 3)


def years_compatible(ya: int | None, yb: int | None) -> bool:
    """Two mentions of one measure state one commitment only for the same year (or when one is undated)."""
    return ya is None or yb is None or ya == yb


def _tiebreak(pa: Profile, pb: Profile) -> float:
    """How much to prefer a pair among equally good ones (repeated mentions, targets of several years)."""
    t = TIE_YEAR * year_affinity(pa.target.year, pb.target.year)
    if pa.scaled(pa.target.value) == pb.scaled(pb.target.value):
        t += TIE_SAME_VALUE
    if (pa.target.binding is None) == (pb.target.binding is None):
        t += TIE_SAME_SOURCE
    return t


def align_profiles(pa_list: Sequence[Profile], pb_list: Sequence[Profile], cat: Catalog) -> Alignment:
    """Align two plans' target profiles: matched pairs first (optimal
    assignment over pairs at or above ``match``, like years preferred), then uncertain pairs among
    the rest; then a repeated mention of an assigned measure (the same figure, the same year or one
    undated, the same indicator or a name that matches) joins its partner, and a mention for another year becomes the pair's context;
    everything else (the same measure with another figure: a district's breakdown) is one-sided.
    Deterministic."""
    ra, rb = _representatives(pa_list), _representatives(pb_list)
    scores = {(i, j): score_pair(pa_list[i], pb_list[j], cat) for i in ra for j in rb}

    def utility(x: int, y: int, floor: float) -> float:
        i, j = ra[x], rb[y]
        s = scores[i, j]
        if s.band == "none" or s.total < floor:
            return 0.0
        return s.total - floor + AT_FLOOR + _tiebreak(pa_list[i], pb_list[j])

    def pair(i: int, j: int) -> Pair:
        return Pair(a=pa_list[i], b=pb_list[j], score=scores[i, j], relation=relation(pa_list[i], pb_list[j]))

    bands = assign_in_bands(len(ra), len(rb), (cat.scoring.match, cat.scoring.uncertain), utility)
    matched, uncertain = ([(ra[x], rb[y]) for x, y in band] for band in bands)
    out = Alignment(matched=[pair(i, j) for i, j in matched], uncertain=[pair(i, j) for i, j in uncertain])
    free_a = set(range(len(pa_list))) - {i for i, _ in matched + uncertain}
    free_b = set(range(len(pb_list))) - {j for _, j in matched + uncertain}
    extra: list[Pair] = []
    context: dict[int, tuple[list[Profile], list[Profile]]] = {}
    for side, free, profiles in (("a", free_a, pa_list), ("b", free_b, pb_list)):
        for i in sorted(free):
            best = _restatement(profiles[i], out.matched, side=side, cat=cat)
            if best is None:
                k = _same_measure(profiles[i], out.matched, side)
                if k is None:
                    continue
                context.setdefault(k, ([], []))[0 if side == "a" else 1].append(profiles[i])
            else:
                extra.append(best)
            free.discard(i)
    for k, (ca, cb) in context.items():
        p = out.matched[k]
        out.matched[k] = replace(p, context_a=tuple(ca), context_b=tuple(cb))
    out.matched.extend(extra)
    out.only_a = [pa_list[i] for i in sorted(free_a)]
    out.only_b = [pb_list[j] for j in sorted(free_b)]
    _sort(out, cat)
    return out


def _restates(first: Profile, p: Profile) -> bool:
    """``p`` states again what ``first`` states: the same measure, figure and kind, for the same year
    or with one undated (the table row and the sentence that restates it)."""
    a, b = first.target, p.target
    return first.key == p.key and first.unit_base == p.unit_base and a.kind == b.kind \
        and a.comparator == b.comparator and first.scaled(a.value) == p.scaled(b.value) \
        and years_compatible(a.year, b.year)


def _representatives(profiles: Sequence[Profile]) -> list[int]:
    """The mentions that enter the assignment: one of each figure a plan states more than once (a dated
    mention before an undated one, then the first); the others join its pair afterwards as
    restatements, so an undated restatement of a 2025 target cannot take the other plan's 2035
    target as its partner."""
    reps: list[int] = []
    for i in sorted(range(len(profiles)), key=lambda k: (profiles[k].target.year is None, k)):
        if not any(_restates(profiles[r], profiles[i]) for r in reps):
            reps.append(i)
    return sorted(reps)


def _same_measure(p: Profile, matched: list[Pair], side: str) -> int | None:
    """The first assigned pair whose ``side`` names the same measure as ``p`` for another year."""
    for k, pair in enumerate(matched):
        mine = pair.a if side == "a" else pair.b
        if pair.restates is None and mine.key == p.key and not years_compatible(mine.target.year, p.target.year):
            return k
    return None


def _restatement(p: Profile, matched: list[Pair], side: str, cat: Catalog) -> Pair | None:
    best: Pair | None = None
    for pair in matched:
        if pair.restates is not None:
            continue
        mine = pair.a if side == "a" else pair.b
        if not years_compatible(mine.target.year, p.target.year) or mine.unit_base != p.unit_base \
                or mine.scaled(mine.target.value) != p.scaled(p.target.value):
            continue
        if mine.key != p.key and score_pair(mine, p, cat).band != "matched":
            continue
        other = pair.b if side == "a" else pair.a
        a, b = (p, other) if side == "a" else (other, p)
        s = score_pair(a, b, cat)
        if s.band != "matched":
            continue
        if best is None or s.total > best.score.total:
            best = Pair(a=a, b=b, score=s, relation=relation(a, b), restates=mine.target.line)
    return best


def _sort(al: Alignment, cat: Catalog) -> None:
    def pair_key(p: Pair) -> tuple:
        return (cat.stage_index(p.a.stage), p.a.label, p.a.target.line, p.b.target.line, p.a.target.metric)

    def one_key(p: Profile) -> tuple:
        return (cat.stage_index(p.stage), p.target.line, p.target.span.start, p.target.metric)

    al.matched.sort(key=pair_key)
    al.uncertain.sort(key=pair_key)
    al.only_a.sort(key=one_key)
    al.only_b.sort(key=one_key)


def targets_only(targets: Sequence["Target"]) -> list["Target"]:
    """The commitments (kind target); baselines are context, not compared."""
    return [t for t in targets if t.kind == "target"]


def align_targets(a: Sequence["Target"], b: Sequence["Target"], cat: Catalog,
                  fields: tuple[str | None, str | None] = (None, None)) -> Alignment:
    """Align the targets (kind ``target``) of two plans, of the given fields (:meth:`Catalog.plan_field`)."""
    return align_profiles(cat.profiles(targets_only(a), fields[0]), cat.profiles(targets_only(b), fields[1]), cat)


def baseline_for(p: Profile, baselines: Sequence[Profile], years: Sequence[int | None] = ()) -> Profile | None:
    """The plan's baseline for the same indicator (or metric): of one of ``years`` where it has one
    (the other plan's baseline years, so 2020 faces 2020), else the latest."""
    same = [q for q in baselines if q.key == p.key and q.unit_base == p.unit_base]
    if not same:
        return None
    return max(same, key=lambda q: (q.target.year in years, q.target.year or 0, -q.target.line))


def baselines_of(pair: Pair, base_a: Sequence[Profile], base_b: Sequence[Profile]) -> tuple[Profile | None, Profile | None]:
    """The baselines of a pair's two sides, of a common year where both plans have one."""
    ya = {q.target.year for q in base_a if q.key == pair.a.key}
    yb = {q.target.year for q in base_b if q.key == pair.b.key}
    common = sorted((ya & yb) - {None}, reverse=True)
    return baseline_for(pair.a, base_a, common[:1]), baseline_for(pair.b, base_b, common[:1])


# ---------------------------------------------------------------- projects

#: weights of a project pair's score when the normalized names differ: the name counts most,
#: agreeing categories only tip the balance
NAME_CHARS_WEIGHT, NAME_TOKENS_WEIGHT, CATEGORY_WEIGHT = 0.45, 0.45, 0.1


@dataclass(frozen=True)
class ProjectPair:
    a: "Project"
    b: "Project"
    score: float
    components: dict[str, float]


class ProjectAlignment(Bands[ProjectPair, "Project"]):
    """Two plans' projects aligned."""


@dataclass(frozen=True)
class _ProjectName:
    """What project scoring needs of one project, computed once per project."""

    norm: str
    tokens: frozenset[str]
    category: str | None

    @classmethod
    def of(cls, p: "Project", cat: Catalog) -> "_ProjectName":
        norm = cat.normalize(p.name)
        return cls(norm=norm, tokens=cat.tokens(norm), category=p.category)


@dataclass(frozen=True)
class _NameScore:
    total: float
    components: dict[str, float]


def _score_names(a: _ProjectName, b: _ProjectName, cat: Catalog) -> _NameScore:
    """Name similarity (characters and tokens of the normalized names) and category agreement."""
    from rapidfuzz.fuzz import ratio

    chars = round(ratio(a.norm, b.norm) / 100, 3)
    tokens = round(cat.token_overlap(a.tokens, b.tokens), 3)
    if a.category and b.category:
        category = 1.0 if a.category == b.category else 0.0
    else:
        category = 0.5
    total = 1.0 if a.norm == b.norm else NAME_CHARS_WEIGHT * chars + NAME_TOKENS_WEIGHT * tokens + CATEGORY_WEIGHT * category
    return _NameScore(total=round(total, 3), components={"chars": chars, "tokens": tokens, "category": category})


def align_projects(a: Sequence["Project"], b: Sequence["Project"], cat: Catalog) -> ProjectAlignment:
    """One-to-one assignment of projects by name and category, band by band as targets are."""
    names_b = [_ProjectName.of(y, cat) for y in b]
    scores = [[_score_names(nx, ny, cat) for ny in names_b] for nx in (_ProjectName.of(x, cat) for x in a)]

    def utility(i: int, j: int, floor: float) -> float:
        return scores[i][j].total - floor + AT_FLOOR if scores[i][j].total >= floor else 0.0

    def pair(i: int, j: int) -> ProjectPair:
        return ProjectPair(a=a[i], b=b[j], score=scores[i][j].total, components=scores[i][j].components)

    matched, uncertain = assign_in_bands(len(a), len(b), (cat.scoring.match, cat.scoring.uncertain), utility)
    out = ProjectAlignment(matched=sorted((pair(i, j) for i, j in matched), key=lambda p: (p.a.line, p.b.line)),
                           uncertain=sorted((pair(i, j) for i, j in uncertain), key=lambda p: (p.a.line, p.b.line)))
    taken_a, taken_b = {i for i, _ in matched + uncertain}, {j for _, j in matched + uncertain}
    out.only_a = [x for i, x in enumerate(a) if i not in taken_a]
    out.only_b = [y for j, y in enumerate(b) if j not in taken_b]
    return out
