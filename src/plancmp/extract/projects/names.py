"""Projects, pass 2: names in running text (tier ``named``); quoted names are in
:mod:`plancmp.extract.projects.quoted`, and :mod:`plancmp.extract.projects.judge` tells names from
categories afterwards.

- unquoted names ending in a category word after a set-up verb
  (``实施美育质量提升工程``), or named by a place without one (``安远路899项目年内开工``);
- enumerations before a shared head (``做强A、B等…品牌``), and sites before a count that
  matches them (``A村、B老街等2个…改造项目``);
- schools and branches named for construction (``新建江湾第二小学``).

Laws and documents in 《》 are blanked first, and spans already taken by a
list are not named again.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from dataclasses import dataclass, field

from ...prepare.chars import is_han
from ..numbers import parse_integer
from .judge import CompiledJudge, placed, specific_thing, tagged
from .shared import QUOTE_MARKS, Candidate, CompiledProjects, ProjectWords, is_national

#: characters a name is made of besides Han (〇: 第一五〇中学; masked text uses *, programmes use +)
_NAME_EXTRA = frozenset("〇0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+*·")
_BOOK_TITLE = re.compile(r"《[^《》\n]{0,80}》")
_SENT_START = re.compile(r"[。;!?\n]")
#: 一是…工程, 二是…计划, 其三…: the enumeration, not a verb, sets the programme up
_ORDINAL_IS = re.compile(r"(?:[一二三四五六七八九十]是|其[一二三四五六七八九十])$")

#: how far back the clause before a name is read (a sentence end stops it sooner)
_CLAUSE_LEN = 80
#: an enumeration's items run longer: 完成A分校、B附属小学、…等12所中小学的项目建设
_ENUMERATION_CLAUSE_LEN = 200
#: the modifier of an unquoted name, left of its category word, is at most this long
_MAX_MODIFIER_LEN = 20
#: a name keeps at least this many characters before its category word when it is cut on the left
MIN_MODIFIER_LEN = 2
#: a name cut after 和/与 is the second conjunct only when a category word ends within this many
#: characters before the conjunction (A中心和B中心), not when it halves one name (改善与提升工程)
_CONJUNCT_REACH = 4
#: how many characters of a weak or school name must be more than generic words, unless
#: projects.toml specific_min says otherwise (strong category words need none)
_SPECIFIC_MIN = 2
#: a set-up verb is cut from the start of a name only while this many characters remain
_MIN_NAME_AFTER_VERB = 4
#: a count this close before a name (建设3所…) makes it a kind of thing; right before a quote, closer
_COUNT_REACH = 6
#: a rate word right after a name (工程达标率), or this close after a quote (“X”工程达标率), makes it
#: the subject of a rate
_RATE_REACH = 1
#: an enumerated item (A、B等…品牌) shorter or longer than this is a word or a clause, not a name
_MIN_ITEM_LEN = 3
_MAX_ITEM_LEN = 20


def is_name_ch(c: str) -> bool:
    return is_han(c) or c in _NAME_EXTRA


#: the letters and digits of a code before a hyphen inside it (SJC1-0013, HK-0305), never a span of years
_CODE_HEAD = re.compile(r"[A-Za-z][A-Za-z0-9]*$")


#: a part named in brackets inside a name, after a word of it: 沿江通道(北段)工程, 图书馆(北馆)扩建工程
_INNER_BRACKET = re.compile("(?<=[\u4e00-\u9fff])\\([\u4e00-\u9fff\\d]{1,5}\\)$")


def _step_back(t: str, k: int) -> int:
    """How many characters before ``k`` still belong to a name's modifier (0: it starts at ``k``)."""
    if is_name_ch(t[k - 1]) or _code_hyphen(t, k - 1):
        return 1
    if t[k - 1] == ")" and (m := _INNER_BRACKET.search(t, max(0, k - 8), k)):
        return k - m.start()
    return 0


def _code_hyphen(t: str, i: int) -> bool:
    """``t[i]`` is the hyphen inside a site code (SJC1-0013单元): letters before it, a digit after it."""
    return t[i] == "-" and i + 1 < len(t) and t[i + 1].isdigit() and _CODE_HEAD.search(t, max(0, i - 8), i) is not None


def _clause_before(text: str, pos: int, limit: int = _CLAUSE_LEN) -> str:
    """The text before ``pos`` back to the start of its sentence (at most ``limit`` characters)."""
    lo = max(0, pos - limit)
    seg = text[lo:pos]
    cut = max((m.end() for m in _SENT_START.finditer(seg)), default=0)
    return seg[cut:]


@dataclass
class RunningText:
    """The text the name finders read, and what they share."""

    text: str  # the document's text with 《…》 blanked (same length)
    compiled: CompiledProjects
    places: tuple[str, ...]  # the plan's own district, in full and short (丰台区, 丰台)
    taken: list[tuple[int, int]] = field(default_factory=list)  # spans already named by a list
    judge: CompiledJudge | None = None  # part-of-speech judgments (judge.py), when the stage has them
    words: ProjectWords = field(init=False)
    _taken_index: tuple[list[int], list[int]] = field(init=False, default=([], []))  # starts, running max ends

    def __post_init__(self) -> None:
        self.words = self.compiled.rules.words

    def clause_before(self, pos: int, limit: int = _CLAUSE_LEN) -> str:
        return _clause_before(self.text, pos, limit)

    def overlaps_taken(self, a: int, b: int) -> bool:
        """Whether ``[a, b)`` overlaps a taken span (a bisect: called per candidate, on a plan of any size)."""
        if len(self._taken_index[0]) != len(self.taken):
            spans = sorted(self.taken)
            ends = list(accumulate((y for _, y in spans), max))
            self._taken_index = ([x for x, _ in spans], ends)
        starts, ends = self._taken_index
        i = bisect_left(starts, b)  # the spans that start before b; one of them reaches past a?
        return i > 0 and ends[i - 1] > a

    def rate_after(self, end: int, reach: int) -> bool:
        return any(w in self.text[end:end + reach] for w in self.compiled.rate_words)


def blank_titles(text: str) -> str:
    """Laws and documents in 《》 are never projects: blank them, keeping offsets."""
    return _BOOK_TITLE.sub(lambda m: " " * len(m.group()), text)


#: a division written alone before a name: the plan's own (县实验幼儿园, 区妇幼保健院)
_LONE_DIVISIONS = "县区市"


def own_division(name: str) -> bool:
    """The name opens with the plan's own division written alone (县|实验幼儿园, not 区域/市民/县城): it
    is that division's one school or institution."""
    if len(name) < 3 or name[0] not in _LONE_DIVISIONS:
        return False
    words = tagged(name[:4])
    return bool(words) and words[0][0] == name[0]


def _place_prefix(name: str, ctx: RunningText) -> str:
    """The leading place part of a name (``迎泽区``, ``丰台``, masked ``*``), or ''."""
    if name.startswith("*"):
        return "*"
    return next((p for p in ctx.places if name.startswith(p)), "")


def _specific(name: str, suffix: str, ctx: RunningText) -> bool:
    """The name is more than generic words around its category word."""
    r = ctx.compiled.rules
    need = r.specific_min.get(suffix, 0 if suffix in r.strong else _SPECIFIC_MIN)
    if need == 0 or own_division(name):
        return True
    core = name[len(_place_prefix(name, ctx)):-len(suffix) or None]
    core = re.sub(f"[{QUOTE_MARKS}]", "", core)
    return len(ctx.compiled.generic.sub("", core)) >= need


def distributed(before: str, words: ProjectWords) -> bool:
    """'每所学校形成“一校一特色”项目': a kind of thing every school has, not one initiative of the plan."""
    clause = re.split(r"[,;:]", before)[-1]
    return any(d in clause for d in words.distributive)


#: how many characters may stand between a verb of using (参照) and the name it uses (参照新一轮…)
_EXTERNAL_GAP = 3


def someone_elses(before: str, words: ProjectWords) -> bool:
    """The clause before the name uses or joins a programme of someone else's (落实国家…, 全国…,
    参照新一轮…)."""
    if before.endswith(tuple(words.external_verbs) + tuple(words.external_prefixes)):
        return True
    tail = before[-(_EXTERNAL_GAP + max(map(len, words.external_verbs), default=0)):]
    return any(0 <= len(tail) - (tail.rfind(v) + len(v)) <= _EXTERNAL_GAP and v in tail and
               all(is_han(c) for c in tail[tail.rfind(v) + len(v):]) for v in words.external_verbs)


def drop_nested(found: list[Candidate]) -> list[Candidate]:
    """A name found inside a longer name at the same place is part of it: 江湾区少年宫改扩建工程."""
    order = sorted(range(len(found)), key=lambda i: (found[i].pos, -len(found[i].name)))
    nested: set[int] = set()
    widest: tuple[int, int] = (-1, -1)  # the span reaching furthest right among those starting earlier
    for i in order:
        a, b = found[i].pos, found[i].pos + len(found[i].name)
        if widest[0] <= a and b <= widest[1] and widest != (a, b):
            nested.add(i)
        if b > widest[1]:
            widest = (a, b)
    return [f for i, f in enumerate(found) if i not in nested]


def _inside_words(mod: str, compiled: CompiledProjects) -> set[int]:
    """Positions inside content words that end like a function word (普及, 参与, 平等): no cut there."""
    return {i for m in compiled.content_words.finditer(mod) for i in range(m.start() + 1, m.end())}


def ends_with_joiner(mod: str, compiled: CompiledProjects) -> bool:
    m = compiled.joiner.search(mod)
    return m is not None and m.start() not in _inside_words(mod, compiled)


def cut_left(mod: str, compiled: CompiledProjects, bounded: bool) -> int | None:
    """Where the name starts inside ``mod`` (the characters left of its category word)."""
    inside = _inside_words(mod, compiled)
    ends = sorted({m.end() for i in range(len(mod))
                   if i not in inside and (m := compiled.left_stop.match(mod, i)) and m.end() not in inside},
                  reverse=True)  # nor a cut that ends inside one (保障|性住房)
    for e in ends:
        if len(mod) - e >= MIN_MODIFIER_LEN:
            return e
    return 0 if bounded and len(mod) >= MIN_MODIFIER_LEN else None


def _strip_verbs(name: str, compiled: CompiledProjects) -> str:
    m = compiled.setup.match(name)
    while m and len(name) - m.end() >= _MIN_NAME_AFTER_VERB:
        name = name[m.end():]
        m = compiled.setup.match(name)
    return name


# ------------------------------------------------------------ unquoted names


@dataclass
class _UnquotedName:
    """A name ending in a category word, cut out of running text, before the checks that it is a project."""

    text: str = field(repr=False)  # the running text
    start: int
    end: int
    name: str
    suffix: str  # its category word
    ordinal: bool  # after 一是/其一: set up by the enumeration rather than by a verb
    # read only by the later checks, so found when first asked for (most candidates never get there)
    _before: str | None = field(default=None, init=False, repr=False)

    @property
    def before(self) -> str:
        """The clause before the name."""
        if self._before is None:
            self._before = _clause_before(self.text, self.start)
        return self._before

    @property
    def phrase(self) -> str:
        """The last phrase of the clause before the name."""
        return re.split(r"[,:、\s]", self.before)[-1]


def _unquoted_name(ctx: RunningText, m: re.Match[str]) -> _UnquotedName | None:
    """The name ending in the category word ``m``, or None when no name ends there."""
    t, compiled, words = ctx.text, ctx.compiled, ctx.words
    cs, ce = m.span()
    if t.startswith(compiled.inside_longer_word, ce):
        return None
    k, coded = cs, 0  # the characters of a site code (SJC1-0013) do not count to the length
    while k > 0 and cs - k - coded < _MAX_MODIFIER_LEN and (step := _step_back(t, k)):
        k -= step
        coded += step if step > 1 else t[k].isascii() and t[k] not in "+*"
    bounded = k == 0 or not _step_back(t, k)
    if k > 0 and t[k - 1] in "”)":
        return None
    if ends_with_joiner(t[k:cs], compiled):
        return None
    cut = cut_left(t[k:cs], compiled, bounded)
    if cut is None:
        return None
    start = k + cut
    ordinal = _ORDINAL_IS.search(t[max(0, start - 3):start]) is not None
    if t[k:start].endswith(tuple(words.predicates)) and not ordinal:
        return None  # 教育是基础工程: a predicate, not a name
    conj = next((j for j in words.conjunctions if t[k:start].endswith(j)), None)
    if conj and not compiled.suffix.search(t[max(0, start - len(conj) - _CONJUNCT_REACH):start - len(conj)] + "$"):
        return None  # 薄弱环节改善与能力提升工程: the second half of a longer name
    name = _strip_verbs(t[start:ce], compiled)
    start = ce - len(name)
    if start > 0 and t[start - 1] in "”)":
        return None
    if start > 0 and t[start - 1] == "“" and t.startswith("”", ce):
        return None  # “卓越行动”: written whole in quotes, the quoted pass judges it
    return _UnquotedName(text=t, start=start, end=ce, name=name, suffix=m.group(), ordinal=ordinal)


def _already_listed(ctx: RunningText, n: _UnquotedName) -> bool:
    return ctx.overlaps_taken(n.start, n.end)


def _a_type_or_national(ctx: RunningText, n: _UnquotedName) -> bool:
    """家长学校 (a type), 五大工程 (a counted set), 国培计划 (someone else's)."""
    return n.name in ctx.words.generic_names or bool(ctx.compiled.counted.search(n.name)) \
        or is_national(n.name, ctx.words)


def _verb_rate_or_longer_noun(ctx: RunningText, n: _UnquotedName) -> bool:
    """推进…工程 (a verb phrase), 工程达标率 (a rate), 平台建设项目 (a longer noun)."""
    return bool(ctx.compiled.setup.match(n.name)) or ctx.rate_after(n.end, _RATE_REACH) \
        or ctx.text.startswith(tuple(ctx.words.continuations), n.end) or _ZONE_AFTER.match(ctx.text, n.end) is not None


#: a zone named after the thing: 创智中心活力区, 金融中心功能区 (the name is the zone's, not a project's)
_ZONE_AFTER = re.compile("[\\u4e00-\\u9fff]{2,3}区")


def _counted_after(ctx: RunningText, n: _UnquotedName) -> bool:
    """组建名师工作室50个: a kind of thing, counted."""
    return ctx.compiled.quantity.match(ctx.text, n.end) is not None


def _counted_before(ctx: RunningText, n: _UnquotedName) -> bool:
    """建设3所…学校, 一批…基地: a kind of thing, counted, or a status."""
    return bool(ctx.compiled.quantity.search(n.phrase[-_COUNT_REACH:])) \
        or n.before.endswith(tuple(ctx.words.bad_heads))


def _used_not_set_up(ctx: RunningText, n: _UnquotedName) -> bool:
    """落实…计划, 依托“…”平台: the plan uses someone else's programme."""
    return someone_elses(n.before.rstrip("“\"‘"), ctx.words)


def _builds(ctx: RunningText, n: _UnquotedName) -> bool:
    return ctx.compiled.construction.match(ctx.text, n.end) is not None


def _school_not_built(ctx: RunningText, n: _UnquotedName) -> bool:
    """A school counts only when it is built or opened (新建A小学, A小学建设) and named specifically."""
    if n.suffix not in ctx.compiled.rules.school:
        return False
    opened = ctx.compiled.school_verb_end.search(n.phrase) is not None or _school_chain(n.before, ctx.compiled)
    return not (_builds(ctx, n) or opened) or not _specific(n.name, n.suffix, ctx)


def _names_a_place(ctx: RunningText, n: _UnquotedName) -> bool:
    """锦江乐园哈利·波特项目, 安远路899项目: a name made specific by a place, a proper noun or an
    address needs no verb to set it up."""
    if ctx.judge is None:
        return False
    mod = n.name[:-len(n.suffix)]
    return CODE.search(mod) is not None or placed(mod, ctx.judge)


#: a route, plot or unit code in a name (G318线, C050301单元, R2-15地块): it names one site
CODE = re.compile(r"(?<![A-Za-z])[A-Z]{1,4}-?\d{1,7}(?:-\d{1,5})?")


def _programme_not_set_up(ctx: RunningText, n: _UnquotedName) -> bool:
    """A programme counts when a set-up verb, construction or an ordinal introduces it, and it is
    specific (or a weak category word after the district's name)."""
    if n.suffix in ctx.compiled.rules.school:
        return False
    if n.name.startswith(tuple(ctx.words.external_prefixes)):
        return True
    if not (ctx.compiled.setup.search(n.before) or _builds(ctx, n) or n.ordinal or _names_a_place(ctx, n)):
        return True
    weak_place = n.suffix in ctx.compiled.rules.weak and _place_prefix(n.name, ctx)
    return not (weak_place or _specific(n.name, n.suffix, ctx))


#: why a name ending in a category word is not a project of the plan, in the order checked
_NOT_A_PROJECT = (_already_listed, _a_type_or_national, _verb_rate_or_longer_noun, _counted_after,
                  _counted_before, _used_not_set_up, _school_not_built, _programme_not_set_up)


def unquoted_names(ctx: RunningText) -> list[Candidate]:
    """Names ending in a category word, after a set-up verb: 实施美育质量提升工程."""
    out: list[Candidate] = []
    for m in ctx.compiled.suffix.finditer(ctx.text):
        n = _unquoted_name(ctx, m)
        if n is None:
            continue
        for not_a_project in _NOT_A_PROJECT:
            if not_a_project(ctx, n):
                break
        else:
            out.append(Candidate(name=n.name, category=ctx.compiled.category[n.suffix], tier="named",
                                 pos=n.start, rule="unquoted"))
    return out


# -------------------------------------------------------------- enumerations


def _school_chain(before: str, compiled: CompiledProjects) -> bool:
    """A school named after others in a chain opened by a school verb: 新建A小学、B中学、|C学校."""
    chain = re.split(r"[,:;。\s]", before)[-1]
    items = chain.split("、")
    if len(items) < 2 or items[-1]:
        return False
    head = compiled.school_verb_head.search(items[0])
    if not head:
        return False
    first = items[0][head.end():]
    return all(compiled.school_end.search(x) for x in [first, *items[1:-1]])


def _split_items(items_text: str, compiled: CompiledProjects) -> list[str]:
    """The items of an enumeration, split at 、 and at a 和/及 that is a conjunction, outside quotes
    (“文化和自然遗产日” is one item, and so is 共和村)."""
    items, start, depth = [], 0, 0
    for m in re.finditer(f"[“”]|{compiled.item_joiner.pattern}", items_text):
        g = m.group()
        if g in "“”":
            depth = max(depth + (1 if g == "“" else -1), 0)
        elif depth == 0 and (g == "、" or _a_conjunction(items_text, m.start(), g)):
            items.append(items_text[start:m.start()])
            start = m.end()
    items.append(items_text[start:])
    return items


def _a_conjunction(text: str, at: int, word: str) -> bool:
    """The joiner at ``at`` is a word of its own, a conjunction, in its phrase (not 共和, 普及)."""
    lo = max(text.rfind("、", 0, at) + 1, at - _CONJUNCTION_CONTEXT)
    pos = lo
    for w, f in tagged(text[lo:at + len(word) + _CONJUNCTION_CONTEXT]):
        if pos == at:
            return w == word and f.startswith("c")
        if pos > at:
            return False
        pos += len(w)
    return False


#: characters read around a 和/及 to see whether it is a conjunction
_CONJUNCTION_CONTEXT = 6


#: a count in an enumeration's head: 等8个…项目, 6所学校…
_STATED_COUNT = re.compile("\\d{1,3}|[一二三四五六七八九十两]{1,3}")


def _stated_count(head_text: str) -> int | None:
    m = _STATED_COUNT.search(head_text)
    return parse_integer(m.group()) if m else None


def enumerated_names(ctx: RunningText) -> list[Candidate]:
    """Items listed before a shared head: 做强A、B等…品牌; 完成A分校、B附属小学等12所中小学的项目建设;
    重点聚焦A村、B老街…等8个城中村整体改造项目 (as many sites as the count says: one project each)."""
    t, compiled = ctx.text, ctx.compiled
    out: list[Candidate] = []
    for m in compiled.enumeration_head.finditer(t):
        clause = ctx.clause_before(m.start(), _ENUMERATION_CLAUSE_LEN)
        items_text = re.split(r"[,:;]", clause)[-1]
        items = _split_items(items_text, compiled)
        if len(items) < 2 or len(items[-1].strip()) < 2:
            continue
        head = m.group(2)
        sites = _stated_count(m.group()) == len(items)
        schools = not sites and (head in compiled.rules.school or head in ctx.words.construction_heads)
        built = compiled.construction.match(t, m.end()) or compiled.school_verb_head.search(items[0])
        # 重点建设A园、B枢纽等一批标志性项目: sites set up by a verb, each named by a place or a code
        sites_only = schools and not built and head not in compiled.rules.school
        if schools and not built and not sites_only:
            continue
        schools = schools and not sites_only
        if not (schools or sites) and not compiled.setup.search(clause):
            continue
        first = items[0]
        cut = cut_left(first, compiled, True)
        if compiled.quantity.search(first[:cut or 0][-_COUNT_REACH:]):
            continue
        items[0] = _strip_verbs(first[cut or 0:], compiled)
        found = _enumerated_items(ctx, items, base=m.start() - len(items_text), items_text=items_text,
                                  head=head, schools=schools)
        out.extend(f for f in found if not sites_only or _one_site(f.name, ctx))
    return out


def _one_site(name: str, ctx: RunningText) -> bool:
    """An enumerated item that names one site: a place, a proper name, an address, an ordinal or a code
    (高铁新城综合交通枢纽, 市第一人民医院新院区, 滨湖CBD), not a kind of thing (城市书房)."""
    return bool(CODE.search(name) or _LETTERS.search(name) or own_division(name)
                or (ctx.judge is not None and specific_thing(name, ctx.judge)))


#: a name in Latin letters inside a Chinese one (滨湖CBD, 临空MALL)
_LETTERS = re.compile("[A-Z]{2,}")


def _enumerated_items(ctx: RunningText, items: list[str], base: int, items_text: str, head: str,
                      schools: bool) -> list[Candidate]:
    """The items of one enumeration that are names, each with its own category word or the shared head's."""
    compiled = ctx.compiled
    out: list[Candidate] = []
    offset = 0
    for item in items:
        name = item.strip()
        pos = base + items_text.find(name, offset)
        offset = pos - base + len(name)
        if len(name) < _MIN_ITEM_LEN or len(name) > _MAX_ITEM_LEN or compiled.counted.match(name) or name[0].isdigit():
            continue
        own = compiled.suffix_end.search(name)
        if schools:
            if not own or own.group() not in compiled.rules.school or not _specific(name, own.group(), ctx):
                continue
            cat = compiled.category[own.group()]
        else:
            cat = compiled.category[own.group()] if own else compiled.category.get(head)
        out.append(Candidate(name=name, category=cat, tier="named", pos=pos, rule="enumeration"))
    return out
