"""What both passes of the projects stage share: ``rules/projects.toml`` compiled once, and the
record a pass proposes (:class:`Candidate`) before the stage merges them (:mod:`plancmp.extract.projects`).

The list pass (:mod:`plancmp.extract.projects.lists`) and the running-text pass
(:mod:`plancmp.extract.projects.names`) read the same category words; heading markers
come from ``rules/headings.toml`` and the measure words that count things from
``rules/units.toml``, so each of those is written once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import BaseModel

from ...prepare.chars import HAN, alternation
from ...prepare.headings import HeadingRules
from ...ruleset import Regex, RuleSet, compiled_once

#: Chinese numerals of a count (两个中心, 百所学校, 几个项目): the writing system, not genre words
_NUMERALS = "一二三四五六七八九十两百几"
#: quote marks, dropped from a name to compare it with others
QUOTE_MARKS = "“”\"'‘’"
#: a name says more than its category word: 工程 alone, or 新工程, is no name
MIN_NAME_BEFORE_SUFFIX = 2
#: characters between a quote and its category word (“健康守门人”家庭医生签约服务提升计划)
QUOTE_TAIL_MAX = 12
#: a tail up to this long is read as the quote's own words; a longer one must be a noun phrase
QUOTE_TAIL_SHORT = 6


class ProjectWords(BaseModel):
    setup_verbs: list[str]
    external_verbs: list[str]
    left_stops: list[str]
    joiners: list[str]
    content_words: list[str]
    predicates: list[str]
    conjunctions: list[str]
    national: list[str]
    school_verbs: list[str]
    continuations: list[str]
    inside_longer_word: list[str]
    construction_words: list[str]
    construction_heads: list[str]
    programme_categories: list[str]
    not_names: list[str]
    not_name_context: list[str]
    rate_words: list[str]
    numbered_set_words: list[str]
    item_joiners: list[str]
    generic: list[str]
    generic_names: list[str]
    external_prefixes: list[str]
    bad_heads: list[str]
    own_place_suffixes: list[str]
    distributive: list[str] = []
    scopes: list[str] = []  # a subject before a quote ending in these is a scope, not part of the name


class ListRules(BaseModel):
    header: Regex
    header_cells: list[str]
    number_cell: str
    name_cells: list[str]
    content_cells: list[str]
    box: Regex
    heading_suffixes: list[str]
    title_verbs: list[str]
    review_titles: list[str]
    review_keep: list[str]


class JudgeRules(BaseModel):
    """``projects.toml`` [judge]: what the part-of-speech tags of a name's modifier say
    (:mod:`plancmp.extract.projects.judge`)."""

    proper_tags: list[str]  # a proper noun or a place: the modifier is specific
    place_tags: list[str]  # a place or an organisation: a name needs no verb to set it up
    qualifier_tags: list[str]  # a time, pronoun or locality word: the name is a category
    bad_first_tags: list[str]  # a name never starts with these (function words, adverbs)
    bad_first_verb_tags: list[str]  # ... nor with a verb of two characters or more
    qualifier_words: list[str]  # words of a modifier that make a category (设备类, 一批, 期间, 区内)
    place_suffixes: list[str]  # a suffix cut off after a name makes a place (愚园|路, 打浦桥|街道)
    division_suffixes: list[str]  # a noun of three characters or more ending in these is a place (凉州区)
    specific_heads: list[str]  # weak heads that need a proper name (项目): a content word is not enough
    works_heads: list[str]  # heads of works on a site (改造, 更新): they need a place and a site in it
    whole_city: list[str]  # what is left beside a place when works cover a whole city (城市)
    slogans: list[str]  # quotes that name a period or a slogan, never a project (十四五)
    verb_heads: list[str]  # heads that are also verbs (计划): followed by a verb, no name ends there
    tag_fixes: dict[str, str]  # words jieba tags wrongly, with the tag to read
    not_name_char_tags: list[str]  # tags of a function character: a frequent one ends a proper name
    function_char_min_freq: int  # ... when its frequency in jieba's dictionary is at least this
    description_char_tags: list[str]  # a run of characters all tagged so describes (老旧), names nothing


class StatusRules(BaseModel):
    """``projects.toml`` [status]: the words that say a project is done, going on or planned."""

    done: list[str]
    ongoing: list[str]
    planned: list[str]


class ProjectRules(BaseModel):
    """``rules/projects.toml``."""

    strong: dict[str, str]
    weak: dict[str, str]
    school: dict[str, str]
    quoted_only: dict[str, str]
    specific_min: dict[str, int]
    words: ProjectWords
    lists: ListRules
    judge: JudgeRules
    status: StatusRules


class ProjectCounters(BaseModel):
    """The key of ``rules/units.toml`` the projects stage reads."""

    project_counters: list[str]


@dataclass(frozen=True)
class HeadingMarker:
    """One marker kind of ``rules/headings.toml``, anchored at the start of a line."""

    rank: int  # smaller = outer
    item: bool  # numbers paragraphs (1. (1) ①) rather than sections
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class CompiledProjects:
    rules: ProjectRules
    category: dict[str, str]  # category word (any kind, quoted-only ones too) -> category
    markers: tuple[HeadingMarker, ...]  # by rank
    title: re.Pattern[str]  # the title part of a heading, up to its first stop
    suffix: re.Pattern[str]  # any category word
    quoted_suffix: re.Pattern[str]  # any category word, or one valid only in quotes
    header: re.Pattern[str]
    box: re.Pattern[str]
    heading_suffix: re.Pattern[str]
    title_verb: re.Pattern[str]
    left_stop: re.Pattern[str]
    joiner: re.Pattern[str]  # at the end of a name's modifier
    content_words: re.Pattern[str]  # words whose last character looks like a function word
    generic: re.Pattern[str]
    quoted: re.Pattern[str]
    setup: re.Pattern[str]
    suffix_end: re.Pattern[str]  # a name ending in a category word
    quoted_suffix_end: re.Pattern[str]  # … or in one valid only in quotes
    school_end: re.Pattern[str]  # a name ending like a school's
    school_verb_end: re.Pattern[str]  # a phrase ending in a school verb
    school_verb_head: re.Pattern[str]  # the last school verb, with no 、 after it
    enumeration_head: re.Pattern[str]  # the shared head after listed items (等…品牌, 12所中小学)
    construction: re.Pattern[str]  # after a name: it is being built (的项目建设, 投入使用)
    quantity: re.Pattern[str]  # a count of things: 3所, 两个, 10-15家
    counted: re.Pattern[str]  # a count inside a name: 五大工程, 12所中小学
    numbered_set: re.Pattern[str]  # a numbered set opening a quote: “三大”
    item_joiner: re.Pattern[str]  # between the items of an enumeration
    not_name_context: re.Pattern[str]
    inside_longer_word: tuple[str, ...]
    rate_words: tuple[str, ...]


def _heading_markers(rules: RuleSet) -> tuple[HeadingMarker, ...]:
    kinds = sorted(rules.table("headings", HeadingRules).kinds, key=lambda k: k.rank)
    return tuple(HeadingMarker(rank=k.rank, item=k.item, pattern=re.compile(rf"^\s*(?:{k.pattern})\s*"))
                 for k in kinds)


@compiled_once
def compiled(rules: RuleSet) -> CompiledProjects:
    """``rules/projects.toml`` with the heading markers and counters it relies on, compiled once."""
    r = rules.table("projects", ProjectRules)
    w = r.words
    category = {**r.school, **r.weak, **r.strong}
    suffix_alt = alternation(category)
    quoted_alt = alternation({**category, **r.quoted_only})
    school_verbs = alternation(w.school_verbs)
    programme_head = alternation(s for s, cat in r.strong.items() if cat in w.programme_categories)
    built_head = alternation([*r.school, *w.construction_heads])
    counter = alternation(rules.table("units", ProjectCounters).project_counters)
    set_word = alternation(w.numbered_set_words)
    numeral = f"[{_NUMERALS}\\d]"
    quantity = f"(?:\\d{{1,6}}(?:-\\d{{1,6}})?|[{_NUMERALS}]{{1,4}})(?:{counter})"
    counted = f"{numeral}{{1,6}}(?:{set_word}|{counter})"
    max_title = rules.table("headings", HeadingRules).title.max_len
    return CompiledProjects(
        rules=r,
        category={**category, **r.quoted_only},
        markers=_heading_markers(rules),
        title=re.compile(f"[^。:;!?]{{1,{max_title}}}"),
        suffix=re.compile(f"(?:{suffix_alt})"),
        quoted_suffix=re.compile(f"(?:{quoted_alt})"),
        header=re.compile(r.lists.header),
        box=re.compile(rf"^\s*(?:{r.lists.box})"),
        heading_suffix=re.compile(f"(?:{alternation(r.lists.heading_suffixes)})$"),
        title_verb=re.compile(f"^(?:{alternation(r.lists.title_verbs)})"),
        left_stop=re.compile(f"(?:{alternation(w.left_stops)})"),
        joiner=re.compile(f"(?:{alternation(w.joiners)})$"),
        content_words=re.compile(f"(?:{alternation(w.content_words)})"),
        generic=re.compile(f"(?:{alternation(w.generic)})"),
        # “X”, then up to twelve characters, then a category word: “领头雁”培育工程 (quoted.py reads a
        # tail over six characters only when it is a noun phrase)
        quoted=re.compile(f"“([^“”\\n]{{1,24}})”((?:等)?{HAN}{{0,{QUOTE_TAIL_MAX}}}?)({quoted_alt})"),
        setup=re.compile(f"(?:{alternation(w.setup_verbs)})"),
        suffix_end=re.compile(f"(?:{suffix_alt})$"),
        quoted_suffix_end=re.compile(f"(?:{quoted_alt})$"),
        school_end=re.compile(f"(?:{alternation(r.school)})$"),
        school_verb_end=re.compile(f"(?:{school_verbs})$"),
        school_verb_head=re.compile(f"(?:{school_verbs})(?=[^、]*$)"),
        # 等 or a count, maybe a second count (等3类12所), a short modifier, then the shared head
        enumeration_head=re.compile(
            f"(?:等|(?<!{numeral}){counted})(?:{quantity})?({HAN}{{0,8}}?)({programme_head}|{built_head})"
        ),
        construction=re.compile(f"(?:的)?(?:项目)?(?:{alternation(w.construction_words)})"),
        quantity=re.compile(quantity),
        counted=re.compile(counted),
        numbered_set=re.compile(f"{numeral}{{1,6}}(?:{set_word})"),
        item_joiner=re.compile(alternation(w.item_joiners)),
        not_name_context=re.compile(alternation(w.not_name_context)),
        inside_longer_word=tuple(w.inside_longer_word),
        rate_words=tuple(w.rate_words),
    )


# ------------------------------------------------------------------ records


@dataclass
class Candidate:
    """A project as one pass finds it; the stage merges candidates that name the same project."""

    name: str
    category: str | None
    tier: str  # "list" or "named"
    pos: int  # position in doc.text of the mention
    description: str | None = None
    rule: str = "list"
    positions: list[int] = field(default_factory=list)
    status: str | None = None  # when the list says it (1.韩森寨小学(新建)); else read from the text


def without_quotes(name: str) -> str:
    """The name without quote marks and spaces, to compare it with other mentions."""
    return re.sub(f"[{QUOTE_MARKS}\\s]", "", name)


def category_of(name: str, compiled: CompiledProjects) -> str | None:
    m = compiled.quoted_suffix_end.search(without_quotes(name))
    return compiled.category[m.group()] if m else None


def clean_name(name: str) -> str:
    """Without list markers, outer quotes and trailing punctuation."""
    s = name.strip().strip("、,.。:;　 ")
    if s.startswith("“") and s.endswith("”") and s.count("“") == 1:
        s = s[1:-1]
    return s.strip()


def is_national(name: str, words: ProjectWords) -> bool:
    """A national or provincial programme the district only takes part in (国培计划)."""
    return any(n in name for n in words.national)
