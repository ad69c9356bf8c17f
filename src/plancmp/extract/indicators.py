"""The canonical indicators of ``rules/indicators.toml``, compiled: what a target's metric names.

The unit of comparison is the *canonical indicator* (学前教育毛入园率,
人均公园绿地面积, …), organised by field of policy (教育, 城市更新, 水务 …) and
stage within it. :class:`Catalog` normalizes a metric name, finds the
indicator it names and the education levels it narrows to, its field and
stage, the dimension and scale of its unit, its tokens, its head noun and the
kind of quantity it counts (an increment, a total, an amount per year);
together these are a target's :class:`Profile`. ``plancmp extract`` records
the indicator on every target (:mod:`plancmp.extract.scope`); ``plancmp
compare`` lines N plans up on :attr:`Profile.key`;
:mod:`plancmp.comparison.scoring` scores two profiles.

Nothing is loaded at import: the table is read and compiled on first use, once
per :class:`~plancmp.ruleset.RuleSet` (:func:`catalog`).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from ..errors import PlancmpError
from ..models import IndicatorRef
from ..ruleset import RuleSet, compiled_once, default_rules
from .indicator_rules import DEFAULT_FIELD, Indicator, IndicatorRules, NeverRule, Scoring, parse_scale
from .measure_kind import quantity, rate_word, share_of_what, subject, total_in_text, yearly_in_text
from .profile import Profile, metric_name
from .tokenize import tokenize

if TYPE_CHECKING:
    from ..models import Target

Band = Literal["matched", "uncertain", "none"]

#: the stage of a target whose metric names no stage word, no level and no indicator
OTHER_STAGE = "其他"

@dataclass(frozen=True, eq=False)
class Catalog:
    """The compiled indicator table: normalization, identification, scoring
    helpers. Built once per rule set by :func:`catalog`; it memoizes the
    profile facts and the tokens of each distinct metric it meets."""

    table: IndicatorRules
    indicators: dict[str, Indicator]      # id -> indicator
    stage_names: tuple[str, ...]          # in display order
    stage_levels: dict[str, frozenset[str]]
    stage_field: dict[str, str]           # stage -> its field
    filler: list[str]                     # longest first
    strip: tuple[re.Pattern[str], ...]    # the `strip` patterns, applied in order
    level_words: list[tuple[str, frozenset[str]]]  # level word -> levels it covers, longest first
    level_of: dict[str, frozenset[str]]
    false_levels: tuple[str, ...]         # strings in which a level word is part of another word
    prefix_words: list[str]               # words a qualifier in front of an alias may consist of, longest first
    suffix_words: list[str]               # neutral suffixes stripped before identifying, longest first
    common: frozenset[str]                # words that weigh little in token overlap
    common_bigrams: frozenset[str]
    aliases: dict[str, Indicator]         # normalized alias -> indicator
    by_last: dict[str, list[str]]         # last character -> normalized aliases, longest first
    head_measure: tuple[str, ...]         # longest first
    head_action: tuple[str, ...]          # longest first, connectors included
    lead_words: tuple[str, ...]           # actions and increment words set aside at the start of a core
    work_words: tuple[str, ...]           # every word of work, intent and increment, and the connectors
    scale_prefixes: tuple[str, ...]       # 万, 亿, 千 … that scale a unit
    tier_pattern: re.Pattern[str] | None  # a run of tier names before 级 (省、市、区级), 以上 after it
    tokenizer: Callable[[str], list[str]]
    _facts: dict[tuple[str, str, str | None], dict[str, Any]] = field(default_factory=dict)
    _tokens: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def scoring(self) -> Scoring:
        return self.table.scoring

    # -- names
    def normalize(self, metric: str) -> str:
        """Metric name without brackets, quotes and filler, synonyms unified.

        >>> default_catalog().normalize("全区学前三年毛入园率（%）")
        '学前教育毛入园率'
        """
        return _normalize(metric, self.table.synonyms, self.filler, self.strip)

    def levels_in(self, text: str) -> frozenset[str]:
        """Education levels ``text`` names: where its level words agree (中等教育
        … 双师型) their intersection, else their union (小学、初中)."""
        found: list[frozenset[str]] = []
        rest = self.mask_false_levels(text)
        for w, covers in self.level_words:
            if w in rest:
                found.append(covers)
                rest = rest.replace(w, "\x00")
        if not found:
            return frozenset()
        common = frozenset.intersection(*found)
        return common if common else frozenset().union(*found)

    def mask_false_levels(self, text: str) -> str:
        """``text`` with the strings in which a level word is part of another word (扩大学位: not 大学)
        blanked out, positions kept.

        >>> default_catalog().levels_in("扩大学位供给")
        frozenset()
        """
        for s in self.false_levels:
            if s in text:
                text = text.replace(s, "\x01" * len(s))
        return text

    def identify(self, norm: str) -> tuple[Indicator, str, frozenset[str]] | None:
        """The indicator a normalized name names, its alias and the levels of
        the qualifier in front of the alias; None when it names none."""
        stem = norm
        changed = True
        while changed:
            changed = False
            for w in self.suffix_words:
                if stem.endswith(w) and len(stem) > len(w):
                    stem, changed = stem[: -len(w)], True
        if not stem:
            return None
        for alias in self.by_last.get(stem[-1], ()):
            if not stem.endswith(alias):
                continue
            levels = self._qualifier_levels(stem[: -len(alias)])
            if levels is None:
                continue
            ind = self.aliases[alias]
            default = frozenset(ind.levels) if ind.levels is not None else self.stage_levels.get(ind.stage, frozenset())
            narrowed = frozenset() if not levels or levels >= default and default else levels
            return ind, alias, narrowed
        return None

    def _qualifier_levels(self, prefix: str) -> frozenset[str] | None:
        """Levels named by a prefix made only of neutral and level words; None otherwise."""
        rest, words = prefix, []
        while rest:
            w = next((w for w in self.prefix_words if rest.startswith(w)), None)
            if w is None:
                return None
            if w in self.level_of:
                words.append(w)
            rest = rest[len(w):]
        return self.levels_in("、".join(words)) if words else frozenset()

    # -- fields and stages
    def stage_of(self, norm: str, levels: frozenset[str], plan_field: str | None = None) -> str:
        """The stage of a metric that names no indicator: the stage of the longest stage word in it
        among the plan field's stages, else among the other fields' (education's only in an education
        plan, one of unknown field, or for a metric that names an education level); else the stage of
        its education levels; else the stage named after the plan's field (城市更新); else 其他."""
        stages = self.table.stage
        edu_plan = plan_field in (None, DEFAULT_FIELD)
        own = [s for s in stages if s.field == plan_field] if plan_field else []
        # a plan of another field reads the education stages' words (新建, 安全) only when the metric names
        # an education level: 应急 in an urban-renewal plan is 安全韧性, 新建社区花园 is its own field's
        others = [s for s in stages if s.field != plan_field and (edu_plan or s.field != DEFAULT_FIELD or levels)]
        for group in (own, others):
            found = max(((len(w), -i, s.name) for i, s in enumerate(group) for w in s.words if w in norm), default=None)
            if found is not None:
                return found[2]
        if edu_plan or levels:
            for s in stages:
                if s.by_level and levels and levels <= frozenset(s.levels):
                    return s.name
        return plan_field if plan_field in self.stage_field else OTHER_STAGE

    def field_of(self, stage: str) -> str | None:
        """The field a stage belongs to (None for 其他)."""
        return None if stage == OTHER_STAGE else self.stage_field.get(stage)

    def plan_field(self, title: str | None, targets: Iterable[Any] = ()) -> str | None:
        """The field of a plan: the first field whose title words its title holds, else the field
        most of the indicators its targets name belong to, else None."""
        t = title or ""
        for f in self.table.field:
            if any(w in t for w in f.title):
                return f.name
        votes: Counter[str] = Counter()
        for x in targets:
            hit = self.identify(self.normalize(metric_name(x)))
            if hit is not None:
                votes[self.stage_field[hit[0].stage]] += 1
        return votes.most_common(1)[0][0] if votes else None

    # -- units and quantities
    def unit(self, unit: str) -> tuple[str, Decimal]:
        """Base unit of the dimension and scale of ``unit`` (万元 → 元, 10000; 亩 → 平方米, 666.67)."""
        u = unit.replace("％", "%").strip()
        rule = self.table.units.get(u)
        if rule is None:
            return (":" if u.startswith(":") else u), Decimal(1)
        return rule.base, parse_scale(rule.scale)

    def unit_word(self, unit: str) -> str:
        """The unit without a scale prefix (万个 → 个, 万平方米 → 平方米); what a count counts in."""
        u = unit.replace("％", "%").strip()
        for p in self.scale_prefixes:
            if u.startswith(p) and len(u) > len(p) and u[len(p):] in self.table.units:
                return u[len(p):]
        return u

    def tiers_in(self, norm: str) -> frozenset[str]:
        """Tiers of government a name is qualified by: 区级 → {区}, 省、市级 → {省, 市}, 市级以上 → {市, 省, 国家},
        and a tier name opening the name without 级 (区骨干教师 → {区}).

        >>> c = default_catalog()
        >>> sorted(c.tiers_in("新增省、市、区级示范园")), sorted(c.tiers_in("区骨干教师")), sorted(c.tiers_in("市民终身学习"))
        (['区', '市', '省'], ['区'], [])
        """
        if self.tier_pattern is None:
            return frozenset()
        t = self.table.tiers
        out: set[str] = set()
        lead = next((n for n in t.names if norm.startswith(n)), None)
        if lead and len(norm) > len(lead) and norm[len(lead)] not in t.lead_not_before:
            out.add(t.names[lead])  # 区骨干教师: a tier without 级
        for m in self.tier_pattern.finditer(norm):
            found = {t.names[n] for n in re.findall(self._tier_names, m.group(1))}
            out |= found
            if m.group(2):
                low = min(t.order.index(x) for x in found)
                out |= set(t.order[low:])
        return frozenset(out)

    @property
    def _tier_names(self) -> str:
        return "|".join(sorted(map(re.escape, self.table.tiers.names), key=len, reverse=True))

    def works(self, norm: str) -> frozenset[str]:
        """The kinds of work a name says are done to what it counts (``[[work]]``: build, renew, inspect).

        >>> c = default_catalog()
        >>> sorted(c.works("新建或改建口袋公园")), sorted(c.works("排水主管检测")), sorted(c.works("口袋公园"))
        (['build', 'renew'], ['inspect'], [])
        """
        return frozenset(w.name for w in self.table.work if any(x in norm for x in w.words))

    def only_work(self, norm: str) -> bool:
        """Whether a name says only the work done, not the thing (修复或改造, 新增): its object is
        elsewhere in the sentence.

        >>> c = default_catalog()
        >>> c.only_work("修复或改造"), c.only_work("新增"), c.only_work("新增学位")
        (True, True, False)
        """
        return bool(norm) and not _strip_ends(norm, self.work_words, (), keep=0)

    def quantity(self, norm: str) -> frozenset[str]:
        """What kind of quantity a name counts: ``increment`` (新增), ``total`` (累计, 总量), ``yearly`` (每年)."""
        return quantity(norm, self.table.quantity, self.head_measure)

    def core(self, norm: str) -> str:
        """What a name says is measured once its scope (education levels, tiers of government: compared
        on their own), the work done in front (新增, 新改扩建, 推动) and the measure words at its end (数量,
        面积: the unit says them) are set aside; the name itself where nothing would be left.

        >>> c = default_catalog()
        >>> c.core("新改扩建义务教育学校"), c.core(c.normalize("新增省、市、区级示范园")), c.core("推动商务楼宇更新数量")
        ('学校', '示范性', '商务楼宇更新')
        """
        masked = self.mask_false_levels(norm)
        for w, _ in self.level_words:
            masked = masked.replace(w, "\x00" * len(w))
        if self.tier_pattern is not None:
            masked = self.tier_pattern.sub(lambda m: "\x00" * len(m.group(0)), masked)
        s = "".join(c for c, m in zip(norm, masked) if m != "\x00").strip("、和及与")
        s = _strip_ends(s, self.lead_words, self.head_measure)
        return s or norm

    def head(self, norm: str) -> str:
        """The name with the measure words (数量, 面积) and the work done (改造, 更新, 或) at its end set
        aside; Chinese noun phrases end in their head, so two names whose heads end alike name the same
        kind of thing (商务楼宇更新数量 → 商务楼宇)."""
        s = norm
        for words in (self.head_measure, self.head_action):
            changed = True
            while changed:
                changed = False
                for w in words:
                    if s.endswith(w) and len(s) > len(w):
                        s, changed = s[: -len(w)], True
                        break
        return s

    # -- tokens
    def tokens(self, norm: str) -> frozenset[str]:
        """The words of a normalized name (jieba over the domain dictionary, else
        character bigrams); each distinct name is tokenized once per catalog."""
        hit = self._tokens.get(norm)
        if hit is None:
            hit = self._tokens[norm] = self._tokenize(norm)
        return hit

    def _tokenize(self, norm: str) -> frozenset[str]:
        try:
            toks = [t for t in self.tokenizer(norm) if t.strip()]
            if toks:
                return frozenset(toks)
        except PlancmpError:
            pass
        return _bigrams(norm)

    # -- profiles
    def profile(self, target: "Target", plan_field: str | None = None) -> Profile:
        """The profile of a target (anything with Target's attributes) in a plan of ``plan_field``."""
        key = (metric_name(target), target.unit, plan_field)
        facts = self._facts.get(key)
        if facts is None:
            facts = self._facts[key] = self._metric_facts(*key)
        return Profile(target=target, **{**facts, **self._sentence_facts(target, facts)})

    def _sentence_facts(self, target: "Target", facts: dict[str, Any]) -> dict[str, Any]:
        """What the target's sentence adds to its name: a total word left between the metric and its
        number (养老床位总数达到…), a word of each year before it (每年拆除…), and what a share counts
        (85%的县…: units; 在园幼儿占比: people)."""
        out: dict[str, Any] = {}
        q = self.table.quantity
        found = set(facts["quantity"])
        if "total" not in found and total_in_text(target, target.metric, q):
            found = (found - {"increment"}) | {"total"}
        if "yearly" not in found and yearly_in_text(target, target.metric, q):
            found.add("yearly")
        if found != facts["quantity"]:
            out["quantity"] = frozenset(found)
        if facts["unit_base"] == "%":
            out["subject"] = subject(facts["norm"], self.table.measure, share_of_what(target, target.metric))
        return out

    def _metric_facts(self, metric: str, unit: str, plan_field: str | None) -> dict[str, Any]:
        """The fields of a :class:`Profile` that depend only on the metric, unit and plan field, by name."""
        norm = self.normalize(metric)
        hit = self.identify(norm)
        base, scale = self.unit(unit)
        ind, alias, narrowed = hit if hit else (None, None, frozenset())
        if ind is not None and self.unit(ind.unit)[0] != base:
            ind, alias, narrowed = None, None, frozenset()  # same words, other quantity (学习型社区 个 vs 创建率 %)
        levels = self.levels_in(norm)
        tiers = self.tiers_in(norm)
        stage = ind.stage if ind else self.stage_of(norm, levels, plan_field)
        return dict(norm=norm, indicator=ind, alias=alias, narrowed=narrowed, levels=levels, tiers=tiers, stage=stage,
                    field=self.field_of(stage), unit_base=base, unit_word=self.unit_word(unit), scale=scale,
                    core=(core := self.core(norm)), tokens=self.tokens(core), head=self.head(norm),
                    quantity=self.quantity(norm), works=self.works(norm),
                    rate=rate_word(norm, self.table.measure) if base == "%" else None)

    def profiles(self, targets: Sequence["Target"], plan_field: str | None = None) -> list[Profile]:
        return [self.profile(t, plan_field) for t in targets]

    def reference(self, p: Profile) -> IndicatorRef | None:
        """The ``indicator`` field of an extract record: the canonical indicator a profile names."""
        if p.indicator is None:
            return None
        return IndicatorRef(id=p.key, name=p.label, field=self.stage_field[p.indicator.stage], stage=p.indicator.stage)

    def stage_index(self, stage: str) -> int:
        try:
            return self.stage_names.index(stage)
        except ValueError:
            return len(self.stage_names)

    # -- scoring
    def never(self, x: str, y: str) -> NeverRule | None:
        """The never-match rule that keeps ``x`` and ``y`` apart, if any."""
        for rule in self.table.never:
            for p, q in ((x, y), (y, x)):
                if any(w in p for w in rule.a) and any(w in q for w in rule.b) and not any(w in q for w in rule.a):
                    return rule
        return None

    def token_overlap(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted Jaccard of two token sets; common words count ``common_weight``."""
        if a.isdisjoint(b):  # most pairs share no word: no weights to add up
            return 0.0
        union = a | b
        w = self._weight
        return sum(w(t) for t in a & b) / sum(w(t) for t in union)

    def _weight(self, token: str) -> float:
        if len(token) < 2 or token in self.common or (len(token) == 2 and token in self.common_bigrams):
            return self.scoring.common_weight
        return 1.0

    def band(self, total: float, blocked: str | None = None) -> Band:
        if blocked:
            return "none"
        if total >= self.scoring.match:
            return "matched"
        if total >= self.scoring.uncertain:
            return "uncertain"
        return "none"


_STRIP = re.compile(r"[（(][^（）()]*[)）]|[“”\"'‘’《》〈〉「」『』\s　]")


def _normalize(metric: str, synonyms: Sequence[tuple[str, str]], filler: Sequence[str],
               strip: Sequence[re.Pattern[str]] = ()) -> str:
    s = metric
    for p in strip:  # in order: what one removes may leave another at the end (达 before an unclosed bracket)
        s = p.sub("", s)
    s = _STRIP.sub("", s)
    for a, b in synonyms:
        s = s.replace(a, b)
    for w in filler:
        s = s.replace(w, "")
    return s


def _bigrams(s: str) -> frozenset[str]:
    if len(s) < 2:
        return frozenset([s]) if s else frozenset()
    return frozenset(s[i:i + 2] for i in range(len(s) - 1))


def _strip_ends(s: str, lead: Sequence[str], trail: Sequence[str], keep: int = 1) -> str:
    """``s`` without the words of ``lead`` at its start and of ``trail`` at its end (repeatedly), at least
    ``keep`` characters left (0: it may strip all)."""
    changed = True
    while changed and s:
        changed = False
        for w in lead:
            if s.startswith(w) and len(s) >= len(w) + keep:
                s, changed = s[len(w):], True
                break
        for w in trail:
            if s.endswith(w) and len(s) > len(w):
                s, changed = s[: -len(w)], True
                break
    return s


def common_ending(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` end alike.

    >>> common_ending("商务楼宇", "商办楼宇"), common_ending("覆盖率", "巩固率")
    (2, 1)
    """
    n = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        n += 1
    return n


def _tier_pattern(table: IndicatorRules) -> re.Pattern[str] | None:
    """A run of tier names joined by 、和及与 (each may carry its own 级) before 级, and 以上 after it."""
    t = table.tiers
    if not t.names:
        return None
    name = "(?:" + "|".join(sorted(map(re.escape, t.names), key=len, reverse=True)) + ")"
    above = "|".join(map(re.escape, t.above)) or "(?!)"
    return re.compile(f"({name}(?:级?[、和及与]{name})*)级({above})?")


@compiled_once
def catalog(rules: RuleSet) -> Catalog:
    """The compiled indicator table of ``rules`` (built once per rule set)."""
    table = rules.table("indicators", IndicatorRules)

    def longest_first(words: Iterable[str]) -> tuple[str, ...]:
        # ties by text: a set sorted by length alone leaves ties in hash order, so the normalized
        # metrics (and diff's output) would change with PYTHONHASHSEED
        return tuple(sorted(set(words), key=lambda w: (-len(w), w)))

    filler = list(longest_first(table.filler))
    level_words = sorted(((w, frozenset(lv.covers)) for lv in table.level for w in lv.words), key=lambda x: -len(x[0]))
    aliases: dict[str, Indicator] = {}
    for ind in table.indicator:
        for a in (ind.name, *ind.aliases):
            n = _normalize(a, table.synonyms, filler)
            if n and n not in aliases:
                aliases[n] = ind
    by_last: dict[str, list[str]] = {}
    for n in sorted(aliases, key=len, reverse=True):
        by_last.setdefault(n[-1], []).append(n)

    return Catalog(
        table=table,
        indicators={i.id: i for i in table.indicator},
        stage_names=tuple(s.name for s in table.stage),
        stage_levels={s.name: frozenset(s.levels) for s in table.stage},
        stage_field={s.name: s.field for s in table.stage},
        filler=filler,
        strip=tuple(re.compile(p) for p in table.strip),
        level_words=level_words,
        level_of=dict(level_words),
        false_levels=longest_first(s for lv in table.level for s in lv.not_within),
        prefix_words=list(longest_first([*table.neutral, *(w for w, _ in level_words)])),
        suffix_words=sorted(table.neutral_suffix, key=len, reverse=True),
        common=frozenset(table.common),
        common_bigrams=frozenset(w[i:i + 2] for w in table.common if len(w) >= 2 for i in range(len(w) - 1)),
        aliases=aliases,
        by_last=by_last,
        head_measure=longest_first(table.head.measure),
        head_action=longest_first([*table.head.action, *table.head.connector]),
        lead_words=longest_first([*table.head.lead, *table.head.connector, *table.quantity.increment]),
        work_words=longest_first([*table.head.lead, *table.head.action, *table.head.connector, *table.quantity.increment,
                                  *(w for k in table.work for w in k.words)]),
        scale_prefixes=("万", "亿", "千", "百"),
        tier_pattern=_tier_pattern(table),
        tokenizer=lambda text: tokenize(text, rules),
    )


def default_catalog() -> Catalog:
    """The catalog of the built-in rules."""
    return catalog(default_rules())
