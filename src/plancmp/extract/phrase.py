"""The noun phrase that names what a number measures, read with part-of-speech tags.

:func:`plancmp.extract.clause_words.strip_words` leaves the words of the clause
before a number without its known filler; :func:`noun_phrase` then finds where
the phrase naming the measured thing begins, from the tags of its words
(:func:`plancmp.extract.tokenize.tag`), not from lists of phrases:

- it begins after the last word that cannot be inside a metric: an adverb
  (滨海新区将|新建幼儿园), a preposition (对|…), a pronoun (该县|…), a time word
  opening a phrase (今年|…) or a locality closing a time or scope phrase
  (“十三五”期间|累计新增学位, 三年计划中|新建学校);
- a place name opening what is left is the clause's subject (东西湖区|公办中小学);
- a verb that governs the clause opening it is dropped (加快推进|建设充电桩), and
  adverbs of a total inside it go (学前教育|累计|投入资金);
- words that name nothing are dropped from its end (新建学校|只).

The exceptions (每, 各类, 和 …) are ``rules/phrase.toml``.

>>> from plancmp.ruleset import default_rules
>>> noun_phrase("滨海新区还将新建幼儿园", default_rules())
'新建幼儿园'
>>> noun_phrase("“十三五”期间累计新增学位", default_rules())
'新增学位'
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, Field

from ..ruleset import Regex, RuleSet, compiled_once
from .gazetteer import gazetteer
from .numbers import metric_words
from .tokenize import tag


class PhraseRules(BaseModel):
    """``rules/phrase.toml``."""

    breaking_tags: list[str] = Field(description="tags of words that cannot be inside a metric")
    breaking_unless_noun_follows: list[str] = Field(default=[], description="of those, tags that break only before a non-noun")
    not_breaking: list[str] = Field(default=[], description="words of those tags that can: 每, 各类, 和")
    time_tags: list[str] = Field(default=[], description="time words: they break unless a noun stands before them")
    locality_tags: list[str] = Field(default=[], description="localities: they break unless a noun follows them")
    locality_inside_before: list[str] = Field(default=[], description="tags a locality may precede and stay inside")
    time_inside_after: list[str] = Field(default=[], description="tags a time word may follow and stay inside")
    place_tags: list[str] = Field(default=[], description="a word of these tags opening the phrase is its subject")
    division_words: list[str] = Field(default=[], description="endings of a place name: 区, 县 …")
    region_openers: list[str] = Field(default=[], description="openings of a region word: 全 (全区), 本 (本县)")
    breaking_words: list[str] = Field(default=[], description="words of having: the metric is what follows (现有)")
    dropped_inside: list[str] = Field(default=[], description="adverbs left out from inside a phrase: 累计")
    support_verbs: list[str] = Field(default=[], description="verbs governing the clause: dropped when they open it")
    done_to: list[str] = Field(default=[], description="进行: after a counted thing, what is done to it follows")
    per_base: Regex = Field(default="(?!)", description="a per-capita base right before a value: 每千人口")
    verb_tags: list[str] = Field(default=[], description="tags of verbs")
    adverb_tags: list[str] = Field(default=["d"], description="tags of adverbs: after a verb inside a phrase they stay")
    sandwiched_tags: list[str] = Field(default=[], description="tags of one-character words that, between content words, "
                                                               "are part of a word the lexicon lacks")
    trailing_tags: list[str] = Field(default=[], description="tags of words dropped from the end of the phrase")
    min_len: int = Field(default=2, description="shortest phrase kept after a cut")
    max_len: int = Field(default=24, description="a longer phrase ending a list closed by 等 keeps what follows 等")
    attribute_endings: list[str] = Field(default=[], description="endings of an elliptic attribute: 面积, 资金")
    attribute_max_len: int = Field(default=5, description="the longest elliptic attribute")
    listed_rate_max_len: int = Field(default=6, description="the longest rate listed after another that takes its subject")
    per_openers: list[str] = Field(default=[], description="每: a subject opening with it is given per head (每名队员)")
    share_verbs: list[str] = Field(default=[], description="占: a share written without its subject")
    part_qualifiers: list[str] = Field(default=[], description="民办, 农村: alone, they count a part of the thing before")
    investment_words: dict[str, str] = Field(default={}, description="投入: money with only these before it is named by "
                                                                      "its purpose and what the word is called in a metric")
    purpose_verbs: list[str] = Field(default=[], description="完成: what the money is spent on follows them")
    use_verbs: list[str] = Field(default=[], description="用于: a purpose follows them when it opens with no verb")
    money_units: list[str] = Field(default=["元"], description="endings of a unit of money")
    total_words: list[str] = Field(default=[], description="共计: alone before money, it totals what was counted")
    money_attribute: str = Field(default="金额", description="the attribute naming money of a thing counted")


class GlossRules(BaseModel):
    """The ``gloss`` pattern of ``rules/phrase.toml`` (read by :mod:`plancmp.extract.clause_words`)."""

    gloss: Regex = Field(default="(?!)", description="a conversion site's gloss inside a word: (xué), [繁体:園]")


@dataclass(frozen=True)
class CompiledPhrase:
    """``rules/phrase.toml`` as sets."""

    breaking: frozenset[str]
    breaking_unless_noun: frozenset[str]
    not_breaking: frozenset[str]
    time: frozenset[str]
    locality: frozenset[str]
    locality_inside_before: frozenset[str]
    time_inside_after: frozenset[str]
    place: frozenset[str]
    division_words: tuple[str, ...]
    region_openers: tuple[str, ...]
    places: frozenset[str]  # full names of the gazetteer
    breaking_words: frozenset[str]
    dropped_inside: frozenset[str]
    support_verbs: frozenset[str]
    done_to: frozenset[str]
    per_base: re.Pattern[str]
    verb: frozenset[str]
    adverb: frozenset[str]
    sandwiched: frozenset[str]
    trailing: frozenset[str]
    min_len: int
    max_len: int
    attribute_endings: tuple[str, ...]
    attribute_max_len: int
    listed_rate_max_len: int
    per_openers: tuple[str, ...]
    share_verbs: tuple[str, ...]
    part_qualifiers: frozenset[str]
    investment_words: dict[str, str]
    purpose_verbs: tuple[str, ...]
    use_verbs: tuple[str, ...]
    money_units: tuple[str, ...]
    total_words: frozenset[str]
    money_attribute: str


@compiled_once
def compiled(rules: RuleSet) -> CompiledPhrase:
    r = rules.table("phrase", PhraseRules)
    return CompiledPhrase(
        breaking=frozenset(r.breaking_tags), breaking_unless_noun=frozenset(r.breaking_unless_noun_follows),
        not_breaking=frozenset(r.not_breaking), time=frozenset(r.time_tags),
        locality=frozenset(r.locality_tags), locality_inside_before=frozenset(r.locality_inside_before),
        time_inside_after=frozenset(r.time_inside_after), place=frozenset(r.place_tags),
        division_words=tuple(r.division_words), region_openers=tuple(r.region_openers),
        places=frozenset(gazetteer(rules).by_name), breaking_words=frozenset(r.breaking_words),
        dropped_inside=frozenset(r.dropped_inside), support_verbs=frozenset(r.support_verbs),
        done_to=frozenset(r.done_to), per_base=re.compile(r.per_base),
        verb=frozenset(r.verb_tags), adverb=frozenset(r.adverb_tags), sandwiched=frozenset(r.sandwiched_tags), trailing=frozenset(r.trailing_tags),
        min_len=r.min_len, max_len=r.max_len,
        attribute_endings=tuple(r.attribute_endings), attribute_max_len=r.attribute_max_len,
        listed_rate_max_len=r.listed_rate_max_len, per_openers=tuple(r.per_openers),
        share_verbs=tuple(r.share_verbs), part_qualifiers=frozenset(r.part_qualifiers),
        investment_words=dict(r.investment_words), purpose_verbs=tuple(sorted(r.purpose_verbs, key=len, reverse=True)),
        use_verbs=tuple(r.use_verbs),
        money_units=tuple(r.money_units), total_words=frozenset(r.total_words), money_attribute=r.money_attribute,
    )


Tagged = list[tuple[str, str]]

#: closing brackets and quotes left at the start of a phrase by a cut inside them (…等)筹集资金)
_CLOSERS = frozenset(")）”’》")


def is_nominal(tag_: str) -> bool:
    """A tag of a word that can name a thing: nouns, verbal and adjectival nouns, abbreviations,
    distinguishing words (公办), and words the lexicon lacks (``x``: mostly rare nouns)."""
    return tag_.startswith("n") or tag_ in ("vn", "an", "j", "b", "x", "eng")


def _content(tag_: str) -> bool:
    """A tag of a word that names or describes: nominal or adjective."""
    return is_nominal(tag_) or tag_ in ("a", "ad", "ag")


def _breaks(toks: Tagged, i: int, p: CompiledPhrase) -> bool:
    """Whether word ``i`` cannot be inside the metric that ends the phrase."""
    w, t = toks[i]
    if w in p.breaking_words:
        return True
    if w in p.not_breaking:
        return False
    if t == "w":
        return True
    if len(w) == 1 and t in p.sandwiched and 0 < i < len(toks) - 1 and _content(toks[i - 1][1]) and _content(toks[i + 1][1]):
        return False  # 高效|节|水, 生产总值|用|水量: one character between content words is part of a word
    if t in p.adverb and i and i + 1 < len(toks) and (
            is_nominal(toks[i + 1][1]) or (toks[i - 1][1] in p.verb and toks[i + 1][1] != "w")):
        return False  # 子女|就近|入学率, 免试|就近|入学率: an adverb inside the phrase modifies what follows
    if t in p.breaking:
        return t not in p.breaking_unless_noun or i + 1 == len(toks) or toks[i + 1][1] == "w"
    if t in p.time:
        return i == 0 or toks[i - 1][1] not in p.time_inside_after
    if t in p.locality:  # opening the phrase it cuts nothing off (外来务工人员)
        return (i + 1 == len(toks) or toks[i + 1][1] not in p.locality_inside_before) and (i > 0 or i + 1 == len(toks))
    return False


def _is_place(tok: tuple[str, str], p: CompiledPhrase) -> bool:
    """A place name: a word tagged as one that the gazetteer knows (滨海新区), or a region word (全县,
    本区); not 中考 or 城镇, which jieba also tags ns."""
    w, t = tok
    return t in p.place and (w in p.places or (len(w) <= 3 and w.startswith(p.region_openers) and w.endswith(p.division_words)))


def is_place_name(text: str, rules: RuleSet) -> bool:
    """Whether ``text`` is only a place name (凉州区, 全县), or the short name of a division with a
    division word (天祝县: the gazetteer has 天祝藏族自治县)."""
    p = compiled(rules)
    toks = tag(text, rules)
    if toks and all(_is_place(t, p) for t in toks):
        return True
    stem = next((text[:-len(d)] for d in p.division_words if text.endswith(d)), "")
    return bool(stem) and stem in gazetteer(rules).by_short


def noun_phrase(head: str, rules: RuleSet, steps: list[str] | None = None) -> str:
    """The phrase that ends ``head`` and names a thing (see the module); ``""`` when what is left
    after the cut is shorter than ``min_len`` or only function words (东西湖区还将有 → ``""``)."""
    p = compiled(rules)
    toks = tag(head, rules)
    while toks and toks[-1][1] in p.trailing and toks[-1][0] not in p.not_breaking:
        toks.pop()
    start = next((i + 1 for i in range(len(toks) - 1, -1, -1) if _breaks(toks, i, p)), 0)
    rest = toks[start:]
    while rest and (_is_place(rest[0], p) or rest[0][0] in _CLOSERS or rest[0][0] == "、"
                    or (rest[0][0] in p.support_verbs and any(is_nominal(t) for _, t in rest[1:]))):
        rest = rest[1:]
    rest = [x for x in rest if x[0] not in p.dropped_inside] or rest
    out = "".join(w for w, _ in rest)
    if "等" in out[:-1] and (len(out) > p.max_len or _proper_members(out[:out.rindex("等")], rules)):
        # a list closed by 等 names its members (华山路、斑马绿地等口袋公园): what follows names the thing
        # (not a list of kinds that qualify it: 医院、学校等配建停车场)
        tail, verbs = out[out.rindex("等") + 1:], leading_verbs(out, rules)
        out = (verbs + tail if verbs and not tail.startswith(verbs) else tail) if len(tail) >= p.min_len else out
    if len(out) < p.min_len or all(t in p.breaking or t in p.trailing or t == "w" for _, t in rest):
        out = ""
    if steps is not None and out != head:
        steps.append(f"noun phrase by part of speech: {' '.join(f'{w}/{t}' for w, t in toks)} → {out!r}")
    return out


#: tags of proper names: places, persons, other names
_PROPER_TAGS = ("ns", "nr", "nz", "nrt", "nt")


def _proper_members(text: str, rules: RuleSet) -> bool:
    """Whether a list (A、B) holds proper names: a member with a name's tag, or with two
    one-character words in a row (a name the lexicon lacks: 斑|马|绿地), not only kinds of thing."""
    if "、" not in text:
        return False
    for member in text.split("、"):
        toks = tag(member, rules)
        if any(t in _PROPER_TAGS for _, t in toks):
            return True
        if any(len(a) == 1 and len(b) == 1 for (a, _), (b, _) in zip(toks, toks[1:])):
            return True
    return False


def trailing_verbs(head: str, rules: RuleSet) -> str:
    """The verbs that end ``head`` when words of another kind stand before them: the verb of a
    count written after it (接入…服务提供|30个预约泊位 → 提供); ``""`` otherwise."""
    p = compiled(rules)
    toks = tag(head, rules)
    i = len(toks)
    while i > 0 and toks[i - 1][1] in p.verb:
        i -= 1
    return "".join(w for w, _ in toks[i:]) if 0 < i < len(toks) else ""


def leading_verbs(text: str, rules: RuleSet) -> str:
    """The verbs (and the enumeration commas between them) opening ``text``: 新建、改扩建泗县一中… →
    新建、改扩建."""
    p = compiled(rules)
    out: list[str] = []
    for w, t in tag(text, rules):
        if t not in p.verb and t != "vn" and w != "、":
            break
        if out or w not in p.support_verbs:  # 完成东苑小区…: a verb governing the clause is none of the count's
            out.append(w)
    return "".join(out).strip("、")


def is_enumeration(text: str, rules: RuleSet) -> bool:
    """Whether ``text`` lists things by name before a count of them (新建泗县一中、二中…等19所学校,
    凉州区祁连路小学等5所学校): it ends with 等 or holds an enumeration comma, and is not only verbs."""
    return bool(text) and (text.endswith("等") or "、" in text) and not all_verbs(text.replace("、", ""), rules)


def has_verb(text: str, rules: RuleSet) -> bool:
    """Whether a word of ``text`` is a verb."""
    verb = compiled(rules).verb
    return any(t in verb for _, t in tag(text, rules))


def all_verbs(text: str, rules: RuleSet) -> bool:
    """Whether every word of ``text`` is a verb (新建, 新改扩建; 培育, which jieba tags as a verb
    used as a noun, is a verb when nothing else stands with it)."""
    verb = compiled(rules).verb
    toks = tag(text, rules)
    return bool(toks) and all(t in verb or t == "vn" for _, t in toks)


def topic_of(metric: str, rules: RuleSet, suffixes: list[str]) -> str:
    """What a metric is about, for the elliptic attributes after it in its sentence: what is before
    a change word ending it (地区生产总值年均增长 → 地区生产总值), the nouns
    before its first verb when a noun follows that verb (学前教育投入资金 → 学前教育), else the
    whole of a metric that is no rate (公共停车场, 校舍维修改造); ``""`` when it opens with a verb
    (新增学位) or is a rate."""
    p = compiled(rules)
    attribute = max((a for a in metric_words(rules).attributes if metric.endswith(a) and len(a) < len(metric)), key=len,
                    default="")
    if attribute and tag(attribute, rules)[-1][1] in p.verb:  # a change: 地区生产总值年均增长 is about 地区生产总值
        return metric[:-len(attribute)]
    toks = tag(metric, rules)
    if toks and (toks[0][1] == "vn" or toks[0][1] in p.verb):  # an action opening it (资助困难学生, 新增学位)
        return ""
    i = 0
    while i < len(toks) and toks[i][1] not in p.verb:
        i += 1
    if not any(is_nominal(t) for _, t in toks[i:]):
        return "" if any(metric.endswith(s) for s in suffixes) else metric
    return "".join(w for w, _ in toks[:i])


def join_topic(topic: str, head: str) -> str:
    """``topic`` + ``head`` without repeating the words they share at the seam
    (义务教育学校建设 + 建设项目 → 义务教育学校建设项目)."""
    for k in range(min(len(topic), len(head)), 0, -1):
        if topic.endswith(head[:k]):
            return topic + head[k:]
    return topic + head
