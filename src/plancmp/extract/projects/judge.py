"""Does a name found in running text name one thing, or a category of things? (issue 14)

A project name is a head (工程, 项目, 学校 …, the category word the finder matched) and a modifier.
It names one thing when the modifier is specific:

- a proper noun or a place (jieba part-of-speech ``ns``/``nr``/``nt``/``nz``), a quote
  (``“领头雁”培育工程``), an address or phase number (``愚园路627弄``, ``二期``), or an ordinal with
  a subject (``凉州区第一幼儿园``);
- for a programme head (工程, 计划, 行动 …, the ``strong`` table) also a content word that says what
  the programme does (``美育质量提升工程``): programmes are named by their content.

It names a category when nothing but generic words is left of the modifier (``主体工程``,
``设备类项目``, ``近期开工项目``), when a time, a pronoun or a locality word qualifies it
(``今年该县计划``, ``“十三五”期间教育项目``, ``战略预留区内优质项目``), and it is a fragment when it
starts inside a word or with a function word (``施主体工程`` of 实施主体工程, ``了我县农村薄弱学校``)
or leaves a quote open (``“文化``).

The words that are generic whatever their tag are ``projects.toml`` [words] ``generic``; the tags are
[judge]. The tags come from the pipeline's one tagger (:func:`plancmp.extract.tokenize.tag`, jieba's
frequent words with their tags, no HMM): a proper name it does not know falls apart into single
characters, and :func:`tagged` reads such a run of name characters back as one proper name
(:func:`_name_runs`), the way jieba's HMM would.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from ...ruleset import RuleSet, compiled_once, default_rules
from ..tokenize import MEMO_SIZE, tag, tagger
from .shared import QUOTE_MARKS, JudgeRules, ProjectRules

#: characters of context read before a name to see whether it starts at a word boundary
_CONTEXT = 6
#: an address or phase number in a modifier: 627弄, 500号, 二期, 121、155弄
_ADDRESS = re.compile(r"\d+(?:[、,]\d+)*(?:弄|号|街坊|栋|幢|期)|[一二三四五六七八九十]期")
#: an ordinal of a thing (第一幼儿园, 第二职业学校, 第一〇八中学): specific when a subject precedes it
_ORDINAL = re.compile("第[一二三四五六七八九十〇零百\\d]+")


@dataclass(frozen=True)
class CompiledJudge:
    rules: JudgeRules
    generic: frozenset[str]
    proper: frozenset[str]
    place: frozenset[str]
    qualifier: frozenset[str]
    qualifier_words: frozenset[str]
    bad_first: frozenset[str]
    bad_first_verb: frozenset[str]
    division_suffixes: tuple[str, ...]
    specific_heads: frozenset[str]
    any_modifier_heads: frozenset[str]  # specific_min 0 in projects.toml: any modifier makes a name
    function_chars: frozenset[str]  # characters that end a run of name characters (_name_runs)
    tag: Callable[[str], list[tuple[str, str]]]  # the pipeline's tagger, jieba's rarer words too
    words: Callable[[str], list[tuple[str, str]]]  # the pipeline's tagger with the domain words
    memo: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict, compare=False)  # text -> tagged words


@compiled_once
def compiled(rules: RuleSet) -> CompiledJudge:
    """``projects.toml`` [judge] with the generic words of [words], once per rule set."""
    p = rules.table("projects", ProjectRules)
    j = p.judge
    return CompiledJudge(rules=j, generic=frozenset(p.words.generic), proper=frozenset(j.proper_tags),
                         place=frozenset(j.place_tags),
                         qualifier=frozenset(j.qualifier_tags), qualifier_words=frozenset(j.qualifier_words),
                         bad_first=frozenset(j.bad_first_tags),
                         bad_first_verb=frozenset(j.bad_first_verb_tags), division_suffixes=tuple(j.division_suffixes),
                         specific_heads=frozenset(j.specific_heads),
                         any_modifier_heads=frozenset(h for h, k in p.specific_min.items() if k == 0),
                         function_chars=_function_chars(j, tagger(rules).lexicon),
                         tag=partial(tag, rules=rules, rare=True), words=partial(tag, rules=rules))


def _function_chars(j: JudgeRules, lexicon: dict[str, tuple[int, str]]) -> frozenset[str]:
    """The characters of the lexicon tagged as function words ([judge] ``not_name_char_tags``) and
    frequent enough (``function_char_min_freq``) to be read as one wherever they stand."""
    tags = frozenset(j.not_name_char_tags)
    return frozenset(w for w, (freq, f) in lexicon.items() if len(w) == 1 and f in tags
                     and freq >= j.function_char_min_freq)


def tagged(text: str, rules: RuleSet | CompiledJudge | None = None) -> tuple[tuple[str, str], ...]:
    """``(word, tag)`` of ``text``: the pipeline's tagger, with each run of name characters read as one
    proper name (:func:`_name_runs`). ``rules`` is the rule set (or its judge bundle); default: the
    built-in rules."""
    j = rules if isinstance(rules, CompiledJudge) else compiled(rules or default_rules())
    hit = j.memo.get(text)
    if hit is None:
        if len(j.memo) >= MEMO_SIZE:
            j.memo.clear()
        hit = j.memo[text] = tuple(_name_runs(j.tag(text), j))
    return hit


def _name_runs(words: list[tuple[str, str]], j: CompiledJudge) -> list[tuple[str, str]]:
    """Words a run of name characters joined: the tagger knows jieba's words, so a name it does not
    know (泗城, 雪枫, 华藏寺) falls apart into single characters. Two or more of them in a row, or one
    the tagger does not know at all, are one word (tagged by :func:`_run_tag`: mostly a proper name).
    A frequent function character ([judge] ``not_name_char_tags``: 了, 在, 该, 其 …) or a place suffix
    ends a run, and so does a count (a numeral before a measure word, 三|个; a measure word or a
    numeral after a number, 2024|年), whereas a numeral, a measure word or a rare function character
    of a name (七宝, 张园, 诸翟) stays in it. A word of ASCII letters is ``eng``, as jieba tags it."""
    out: list[tuple[str, str]] = []
    run: list[tuple[str, str]] = []

    def flush(next_word: str) -> None:
        if len(run) > 1 or (run and run[0][1] == "x"):
            out.append(("".join(w for w, _ in run), _run_tag(run, next_word, j)))
        else:
            out.extend(run)
        run.clear()

    for k, (w, f) in enumerate(words):
        nxt = words[k + 1][1] if k + 1 < len(words) else ""
        count = (f == "m" and nxt.startswith("q")) or (f[0] in "qm" and k and words[k - 1][1] == "m")
        if len(w) == 1 and _is_word_ch(w) and not count and w not in j.function_chars \
                and w not in j.rules.place_suffixes:
            run.append((w, f))
            continue
        flush(w)
        out.append((w, "eng" if f == "x" and w.isascii() else f))
    flush("")
    return out


def _run_tag(run: list[tuple[str, str]], next_word: str, j: CompiledJudge) -> str:
    """The tag of a run of name characters: ``ns`` before a place suffix; a description when every
    character of it is an adjective or a verb on its own ([judge] ``description_char_tags``: 老旧,
    新改扩建): ``a`` when all are adjectives, else ``v``; else a proper name, ``nz``."""
    if next_word in j.rules.place_suffixes:
        return "ns"
    tags = [f for _, f in run]
    if all(f in j.rules.description_char_tags for f in tags):
        return "a" if all(f.startswith("a") for f in tags) else "v"
    return "nz"


@dataclass(frozen=True)
class Name:
    """A name to judge, in its context."""

    name: str
    head: str  # the category word it ends with ('' when none)
    before: str  # up to a few characters of text right before it
    after: str  # a few characters right after it


def _tags(words: tuple[tuple[str, str], ...], j: CompiledJudge) -> list[tuple[str, str]]:
    fixes = j.rules.tag_fixes
    return [(w, fixes.get(w, f)) for w, f in words]


def _starts_mid_word(n: Name, j: CompiledJudge) -> bool:
    """施主体工程 (of 实施主体工程): the name does not start at a word boundary of its context, as
    both readings of it see it (with the genre's words, and with jieba's rarer words): a rare word
    across an unknown name's start (新|建安|平镇, 新|建平|川县) misleads one of them only."""
    if not n.before or not n.name or n.before[-1] in QUOTE_MARKS or not _is_word_ch(n.before[-1]):
        return False
    ctx = n.before + n.name
    return _crosses(j.words(ctx), len(n.before)) and _crosses(j.tag(ctx), len(n.before))


def _crosses(words: list[tuple[str, str]], at: int) -> bool:
    """A word of ``words`` runs across position ``at``."""
    pos = 0
    for w, _ in words:
        if pos >= at:
            return False
        if at < pos + len(w):
            return True
        pos += len(w)
    return False


def _is_word_ch(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _open_quote(n: Name, j: CompiledJudge) -> bool:
    """“文化 or 文化”: a quote left open, so the name was cut."""
    return n.name.count("“") != n.name.count("”")


def _modifier(n: Name) -> str:
    mod = n.name[:-len(n.head)] if n.head and n.name.endswith(n.head) else n.name
    return mod


def _plain_modifier(n: Name) -> str:
    """The modifier without its quoted parts."""
    return re.sub("“[^“”]*”", "", _modifier(n))


def _bad_start(n: Name, j: CompiledJudge) -> bool:
    """了我县农村薄弱学校, 已基本明确…计划, 保障重大项目, 制定本行动: a name starts with a content
    word (a masked place, ``*``, a quote or a place included). A one-character verb is left alone:
    jieba tags the first character of many unknown names as one (打浦桥街道)."""
    mod = _modifier(n)
    if not mod or mod[0] in "“\"*" or _leading_place(mod, j):
        return False
    words = _tags(tagged(mod, j), j)
    if not words or words[0][0] in j.generic:
        return False
    w, f = words[0]
    return f in j.bad_first or (f in j.bad_first_verb and len(w) > 1)


def _leading_place(mod: str, j: CompiledJudge) -> bool:
    """The modifier opens with a place: a few characters, not generic, then a division or street
    suffix (鼓楼区, 打浦桥街道, 蕃瓜弄)."""
    return any(mod.startswith(p) for p in _places(mod, j))


def _places(mod: str, j: CompiledJudge) -> list[str]:
    """Places in the modifier: a word of at least three characters ending in a division (鼓楼区,
    凉州区, 诸翟村), or a street or division suffix cut off after a name (愚园|路, 打|浦桥|街道)."""
    out: list[str] = []
    words = _tags(tagged(mod, j), j)
    pos = 0
    for k, (w, f) in enumerate(words):
        end = pos + len(w)
        if w not in j.generic and len(w) >= _MIN_PLACE_STEM + 1 and w.endswith(j.division_suffixes) \
                and f[0] in "ns":
            out.append(w)
        elif w in j.rules.place_suffixes and k:
            prev, tag = words[k - 1]
            if len(prev) >= _MIN_PLACE_STEM and prev not in j.generic and tag[0] in "nsj":
                out.append(prev + w)
        pos = end
    return out


def _qualified(n: Name, j: CompiledJudge) -> bool:
    """近期开工项目, 今年该县计划, “十三五”期间教育项目, 设备类项目, 一批学校: a time, a pronoun, a
    class or a vague count qualifies the head."""
    return any((f in j.qualifier and w not in j.generic) or w in j.qualifier_words
               for w, f in _tags(tagged(_plain_modifier(n), j), j))


def _slogan_quotes_only(n: Name, j: CompiledJudge) -> bool:
    """Every quote of the name is a period or a slogan (“十五五”城市更新): the quotes name nothing."""
    quotes = re.findall("“([^“”]*)”", n.name)
    return bool(quotes) and all(q in j.rules.slogans for q in quotes)


def _verb_head(n: Name, j: CompiledJudge) -> bool:
    """该县计划投入2.9亿元, 强县计划总投入…, 和平计划年内创成…: 计划 is the verb of the clause, not a head
    (a verb, a time or a number follows it, maybe after one short word such as 总)."""
    if n.head not in j.rules.verb_heads or not n.after:
        return False
    words = _tags(tagged(n.after[:_AFTER_HEAD], j), j)
    if not words:
        return False
    first = words[0]
    if _verb_like(first) or first[0][0].isdigit():
        return True
    return len(first[0]) == 1 and _is_word_ch(first[0]) and len(words) > 1 and _verb_like(words[1])


#: characters after a head read to see whether it is a verb
_AFTER_HEAD = 4


def _verb_like(word: tuple[str, str]) -> bool:
    return word[1].startswith(("v", "t", "d"))


def _content(mod: str, j: CompiledJudge) -> list[tuple[str, str]]:
    """The words of the modifier that are not generic."""
    return [(w, f) for w, f in _tags(tagged(mod, j), j) if w not in j.generic and not _punct(w)]


def _punct(w: str) -> bool:
    return not any(_is_word_ch(c) or c.isalnum() for c in w)


def specific_thing(mod: str, j: CompiledJudge) -> bool:
    """A proper noun, a place, an address or phase number, or an ordinal after a subject."""
    if _ADDRESS.search(mod):
        return True
    o = _ORDINAL.search(mod)
    if o and o.start() > 0:
        return True
    return any(f in j.proper for _, f in _content(mod, j)) or bool(_places(mod, j))


def placed(mod: str, j: CompiledJudge) -> bool:
    """A place or an address in the modifier (锦江乐园…, 安远路899): what lets a name stand without a
    verb that sets it up. Person-name tags do not count: jieba gives them to many unknown words."""
    return bool(_ADDRESS.search(mod)) or any(f in j.place for _, f in _content(mod, j)) or bool(_places(mod, j))


#: the name part of a place before its suffix (鼓楼|区, 愚园|路) is at least this long
_MIN_PLACE_STEM = 2


#: what a head asks of the modifier, by the kind of head
Check = Callable[[str, CompiledJudge], bool]


def _school_modifier(mod: str, j: CompiledJudge) -> bool:
    """A school is named by a place, a person or a word of its own (明德, 青石), not by its type."""
    return specific_thing(mod, j) or any(f.startswith("n") and len(w) >= 2 for w, f in _content(mod, j))


def _programme_modifier(mod: str, j: CompiledJudge) -> bool:
    """A programme is named by what it does: 美育质量提升工程, 青年骨干教师飞翔计划."""
    return specific_thing(mod, j) or any(len(w) >= 2 for w, _ in _content(mod, j))


def _institution_modifier(mod: str, j: CompiledJudge) -> bool:
    """A centre, platform or studio is named by a place or by what it does (航天科普教育平台), with
    more than generic words (市级平台, 区级商业中心)."""
    return _programme_modifier(mod, j)


def _works_modifier(mod: str, j: CompiledJudge) -> bool:
    """Works (改造, 更新, 修缮 …) are a project on a named site: a place and the site in it
    (静安公园改造, 大张园地区整体开发), not a place alone or a whole city (静安更新, 上海城市更新)."""
    places = _places(mod, j) + [w for w, f in _content(mod, j) if f in j.place]
    if not places and not _ADDRESS.search(mod):
        return False
    rest = mod
    for p in places:
        rest = rest.replace(p, "")
    return bool(rest) and rest not in j.rules.whole_city


#: what a modifier needs, by the kind of head
_NEEDS: dict[str, Check] = {"programme": _programme_modifier, "school": _school_modifier,
                            "institution": _institution_modifier, "thing": specific_thing,
                            "works": _works_modifier}

#: the checks every name found in running text passes, in order; quoted and enumerated names are
#: named by their quotes and their siblings, so they skip the last two
_FRAGMENT_CHECKS = ("_open_quote", "_starts_mid_word", "_verb_head", "_qualified")


def is_category(n: Name, kind: str, rules: RuleSet, rule: str = "unquoted") -> str | None:
    """Why the name is a category or a fragment rather than the name of one thing, or None.

    ``kind`` is ``programme`` (a strong head: 工程, 计划 …), ``school``, or ``thing`` (a weak head);
    a weak head outside [judge] ``specific_heads`` (中心, 平台 …) is read as an ``institution``.
    ``rule`` is how the finder found it (``quoted``, ``enumeration``, ``unquoted``, ``heading``)."""
    j = compiled(rules)
    if rule == "heading":  # a heading's title: named by its place in the text, unless it is a category
        return "qualified" if _qualified(n, j) else None if _programme_modifier(_plain_modifier(n), j) \
            else "generic-modifier"
    for check in (_open_quote, _starts_mid_word, _verb_head, _qualified):
        if check(n, j):
            return check.__name__.strip("_")
    if (rule in ("quoted", "enumeration") or "“" in n.name) and not _slogan_quotes_only(n, j):
        return None
    if _bad_start(n, j):
        return "bad_start"
    if j.any_modifier_heads and n.head in j.any_modifier_heads:
        return None  # projects.toml specific_min 0: 名师工作室 is a name
    if kind == "thing":
        kind = "works" if n.head in j.rules.works_heads else "thing" if n.head in j.specific_heads else "institution"
    return None if _NEEDS.get(kind, specific_thing)(_plain_modifier(n), j) else "generic-modifier"
