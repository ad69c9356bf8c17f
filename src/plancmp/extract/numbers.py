"""Numbers as plans write them: Arabic, Chinese numerals, scales and comparators.

Values are exact :class:`~decimal.Decimal`; callers convert with ``float()``
only when they build a record.

``parse_number`` returns the value of the WHOLE token, scale included:
``1.2万`` → 12000, ``3541.07万`` → 35410700, ``百分之九十五`` → 95. The
target extractor keeps the scale in the unit instead (``1.3万人次`` → value
1.3, unit ``万人次``): use :func:`split_scale` for that.

>>> parse_number("8,000")
Decimal('8000')
>>> parse_number("一百二十")
Decimal('120')
>>> parse_number("1.2万")
Decimal('12000')
>>> parse_number("百分之九十五")
Decimal('95')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, Overflow

from pydantic import BaseModel, Field

from ..models import Comparator
from ..prepare.chars import FULLWIDTH_TO_ASCII, alternation
from ..prepare.normalize import normalize_str
from ..ruleset import Regex, RuleSet, compiled_once

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "俩": 2, "三": 3, "叁": 3,
             "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
             "九": 9, "玖": 9}
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
SCALES = {"万": Decimal(10**4), "亿": Decimal(10**8), "千": Decimal(1000), "百": Decimal(100)}

CN_NUM_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS) + "点"
_ARABIC = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_CN = re.compile(f"[{CN_NUM_CHARS}]+")


def _finite_decimal(s: str) -> Decimal | None:
    """``s`` as a finite Decimal, or None (Decimal also reads ``NaN`` and ``Infinity``)."""
    try:
        d = Decimal(s)
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def parse_chinese(s: str) -> Decimal | None:
    """Chinese numerals: ``十`` 10, ``二十`` 20, ``一百二十`` 120, ``三千`` 3000, ``一点五`` 1.5,
    ``二〇二五`` 2025 (digit by digit), zero gaps (``一千零十五`` 1015, ``两万零十`` 20010),
    a unit above a unit (``三万亿`` 3000000000000) and the spoken ellipsis of the last unit
    (``三万五`` 35000, ``一百二`` 120). ``1.2万`` is not handled here (see :func:`parse_number`)."""
    if not s or not _CN.fullmatch(s):
        return None
    return _parse_numeral(s)


def _parse_numeral(s: str) -> Decimal | None:
    """Chinese numerals, maybe with Arabic digit runs in place of their digits (``3万4000``)."""
    whole, dot, frac = s.partition("点")
    if dot:
        if not whole or not frac or any(c not in CN_DIGITS or c in "两俩" for c in frac):
            return None  # 点五, 一点两 (两 is no digit after the point)
        w = _parse_numeral(whole)
        if w is None:
            return None
        return w + Decimal("0." + "".join(str(CN_DIGITS[c]) for c in frac))
    if all(c in CN_DIGITS for c in s):
        if len(s) == 1:
            return Decimal(CN_DIGITS[s])
        if "两" in s or "俩" in s:
            return None
        return Decimal("".join(str(CN_DIGITS[c]) for c in s))  # 二〇二五 read digit by digit
    return _NumeralReader().read(_numeral_tokens(s))


_TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|.")


def _numeral_tokens(s: str) -> list[Decimal | str]:
    """Arabic digit runs as values (``4000``), every other character as itself."""
    return [Decimal(t.replace(",", "")) if t[0].isdigit() else t for t in _TOKEN.findall(s)]


class _NumeralReader:
    """Reads a numeral left to right: digits, small units (十百千) inside a group of four
    places, big units (万亿) closing a group. Returns None on what no numeral spells:
    two digits in a row (``二三十``), units out of order (``十一十二``, ``亿…亿``)."""

    def __init__(self) -> None:
        self.total = Decimal(0)  # the groups closed by a big unit
        self.section = Decimal(0)  # the group being read (below the next big unit)
        self.digit: Decimal | None = None  # a digit waiting for its unit
        self.digit_chinese = False  # whether that digit was a Chinese one (三万五, not 3万5)
        self.zero = False  # a 零 since the last unit: 一千零五, not the ellipsis of 一千五
        self.last_small = 10**9
        self.last_unit = 0  # the unit just read, for the ellipsis (两千六 = 2600)
        self.bigs: list[int] = []  # big units read so far

    def read(self, tokens: list[Decimal | str]) -> Decimal | None:
        for t in tokens:
            ok = self._value(t) if isinstance(t, Decimal) else self._char(t)
            if not ok:
                return None
        if self.digit is not None:
            if self.digit_chinese and not self.zero and self.last_unit >= 100:
                self.section += self.digit * (self.last_unit // 10)  # 三万五 = 35000, 一百二 = 120
            else:
                self.section += self.digit
        return self.total + self.section

    def _value(self, v: Decimal, chinese: bool = False) -> bool:
        if self.digit is not None:
            return False  # two digits in a row: 二三十
        self.digit, self.digit_chinese = v, chinese
        return True

    def _char(self, c: str) -> bool:
        if c in CN_DIGITS:
            d = CN_DIGITS[c]
            if d == 0:
                if self.digit is not None:
                    return False  # 五零 is no numeral (二〇二五 is read digit by digit before)
                self.zero = True
                return True
            return self._value(Decimal(d), chinese=True)
        if c in CN_SMALL_UNITS:
            return self._small(CN_SMALL_UNITS[c])
        if c in CN_BIG_UNITS:
            return self._big(CN_BIG_UNITS[c])
        return False

    def _small(self, u: int) -> bool:
        if u >= self.last_small:
            return False  # 十一十二, 一百一百
        self.section += (Decimal(1) if self.digit is None else self.digit) * u  # 十 = 一十, 零十 = 10
        self.last_small, self.last_unit, self.digit, self.zero = u, u, None, False
        return True

    def _big(self, u: int) -> bool:
        if self.digit is not None:
            self.section += self.digit
        self.digit = None
        if self.section == 0 and self.total == 0:
            return False  # 万 alone
        if not self.bigs or u < self.bigs[-1]:
            if self.section == 0:
                return False  # 亿万
            self.total += self.section * u
        elif u > self.bigs[-1] and max(self.bigs) < u:
            self.total = (self.total + self.section) * u  # 三万亿, 一万五千亿: 万 then 亿 multiply
        else:
            return False  # 万万, 亿…万…亿
        self.bigs.append(u)
        self.section, self.last_small, self.last_unit, self.zero = Decimal(0), 10**9, u, False
        return True


def split_scale(s: str) -> tuple[Decimal, str] | None:
    """``1.3万`` → (1.3, ``万``); ``3541.07`` → (3541.07, ``""``): the number and its scale word."""
    s = s.strip().replace(",", "").replace("，", "")
    if not s:
        return None
    scale = ""
    if len(s) > 1 and s[-1] in "万亿" and (s[-2].isdigit() or s[-2] in "万亿" or s[-2] in CN_NUM_CHARS):
        body = s[:-1]
        if body and body[-1] == "万" and s[-1] == "亿":
            body, scale = body[:-1], "万亿"
        else:
            scale = s[-1]
        v = _parse_unscaled(body)
        if v is not None and (body[-1].isdigit() or scale):
            # Chinese numerals keep 万 inside (三万 is 30000): only Arabic bodies split off a scale
            if not body[-1].isdigit():
                whole = parse_chinese(s)
                return (whole, "") if whole is not None else None
            return v, scale
    v = _parse_unscaled(s)
    return (v, "") if v is not None else None


def _parse_unscaled(s: str) -> Decimal | None:
    """An Arabic number (with thousands separators), other Unicode digits, or Chinese numerals."""
    s = s.strip()
    if not s:
        return None
    if _ARABIC.fullmatch(s):
        return _finite_decimal(s.replace(",", ""))
    if s.isdigit():  # other Unicode digits (full width and the like)
        try:
            return Decimal(int(s))
        except ValueError:
            return None
    return parse_chinese(s)


def parse_number(s: str) -> Decimal | None:
    """The value of a whole numeric token, or None when ``s`` is not one number.

    Arabic (``8,000``, ``99.02``, ``９５``), Chinese (``两``, ``一百二十``, ``一点五``),
    mixed scale (``1.2万`` → 12000, ``193.84亿`` → 19384000000, ``3万4000`` → 34000), percent
    words (``百分之九十五`` → 95, ``百分之百`` → 100), a trailing ``%``/``％`` (``95%`` → 95)
    and a sign word (``负三十二`` → -32).
    """
    s = s.strip().translate(FULLWIDTH_TO_ASCII)
    if not s:
        return None
    if s[0] in "负負" and len(s) > 1 and s[1] not in "负負+-":
        v = parse_number(s[1:])
        return -v if v is not None else None
    if s.startswith("百分之"):
        rest = s[3:]
        if rest == "百":
            return Decimal(100)
        return parse_number(rest) if rest and not rest.startswith("百分之") else None
    if s[-1] in "%％" and len(s) > 1:
        s = s[:-1]
    try:
        sp = split_scale(s)
        if sp is None:
            v = _MIXED_TOKENS.fullmatch(s) and _parse_numeral(s)
            return v if v is None else _integral(v)
        v, scale = sp
        for c in scale:
            v = v * SCALES[c]
    except Overflow:  # hundreds of thousands of digits before 亿: past what a Decimal holds
        return None
    return _integral(v)


#: a numeral written with digits and Chinese units, as the grammars find it: 3万4000, 5万4千6百,
#: 1千零20, 100万三千 (the value is read by :func:`parse_number`)
MIXED_NUMERAL = r"\d+(?:\.\d+)?(?:[万亿千百]零?(?:\d+|[一二三四五六七八九两]))+[万亿千百十]?(?![\d.])"

#: Arabic digit runs standing for the digits of a Chinese numeral: 3万4000, 5万4千6百, 2千零30万
_MIXED_TOKENS = re.compile(rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_NUM_CHARS.replace('点', '')}])+")


def _integral(v: Decimal) -> Decimal:
    return v.to_integral_value() if v == v.to_integral_value() else v


# --- comparators -------------------------------------------------------------------

class ComparatorWord(BaseModel):
    word: str
    op: Comparator


class Comparators(BaseModel):
    """``rules/comparators.toml``: words before and after a number that qualify it."""

    before: list[ComparatorWord] = Field(description="words written before the number (不低于 90%)")
    after: list[ComparatorWord] = Field(description="words written after the number and unit (90%以上)")
    inner: list[ComparatorWord] = Field(default=[], description="words between number and unit (150余人)")
    range_separators: list[str] = Field(description="characters or words joining a range (1-2所, 5至10个)")
    clause_before: list[ComparatorWord] = Field(default=[], description="adverbs earlier in the clause that qualify a bare value (至少吸纳3所)")
    shared: list[str] = Field(default=[], description="adverbs marking one value shared by several metrics (均, 都)")
    respectively: list[str] = Field(default=[], description="of shared, those giving one value to each metric in order (分别)")
    shared_links: list[str] = Field(default=[], description="link words a shared adverb may end its clause with (均达到)")
    before_links: list[str] = Field(default=[], description="link words between a comparator word and the number (控制在)")


def comparators(rules: RuleSet) -> Comparators:
    return rules.table("comparators", Comparators)


def op_of(word: str | None, words: list[ComparatorWord]) -> Comparator | None:
    if not word:
        return None
    for w in words:
        if w.word == word:
            return w.op
    return None


# --- the words around a metric (rules/numbers.toml) ----------------------------------

class MetricWords(BaseModel):
    lead: list[str] = Field(description="filler words dropped from the start of a metric")
    trail: list[str] = Field(description="link and comparator words dropped from its end")
    designation: list[str] = Field(description="被评为 …: the counted thing is what follows")
    after_stop: list[str] = Field(description="words ending the counted thing written after a number")
    modifier_verbs: list[str] = Field(default=[], description="a phrase with one of these before 的 is a modifier: 具有前瞻性的创新项目")
    attributes: list[str] = Field(default=[], description="words that measure the previous metric: 金额, 年均增长")
    lead_patterns: list[Regex] = Field(default=[], description="regexes of openings dropped from a metric: 通过…等方式")
    trail_patterns: list[Regex] = Field(default=[], description="regexes of closings dropped from a metric: 连续五年")
    noun_openers: list[str] = Field(default=[], description="stop words that may open a counted thing: 12所新建住宅小区配套学校")
    task_verbs: list[str] = Field(default=[], description="配备, 培养 …: end the opening before a counted thing")
    levels: list[str] = Field(default=[], description="levels and school stages: 省级, 小学 …")
    raise_verbs: list[str] = Field(default=[], description="提高至 …: a level after them is the subject")
    change_verbs: list[str] = Field(default=[], description="提高, 降低 …: between the two values of 由…到…")
    time_only: Regex = Field(default="(?!)", description="a clause that only says how often or how long: 每五年")
    standard_code: Regex = Field(default="(?!)", description="a standard's code in brackets, no part of a metric: （国标GB5749-2006）")
    list_joiners: list[str] = Field(description="words joining a list of metrics: 、 和 及 与")
    not_joining: list[str] = Field(default=[], description="a joiner opening one of these joins nothing: 及以上")
    includes: list[str] = Field(default=[], description="bracketed words saying what a figure includes: （含民办）")
    level_bounds: list[str] = Field(default=[], description="bounds of a level after a level word: 市级以上")
    level_suffix: str = Field(default="级", description="the ending of a level word: 市级")
    max_len: int = 24
    elliptic_max_len: int = 4


class YearWords(BaseModel):
    prepositions: list[str] = Field(default=[], description="dropped with a year phrase inside a metric: 到2025年")
    comparison: list[str] = Field(default=[], description="a year after one of these is not the record's year: 比2016年")


class NumbersTable(BaseModel):
    """``rules/numbers.toml``."""

    metric: MetricWords
    year: YearWords = YearWords()


def metric_words(rules: RuleSet) -> MetricWords:
    """The ``[metric]`` table of ``rules/numbers.toml``."""
    return rules.table("numbers", NumbersTable).metric


def year_words(rules: RuleSet) -> YearWords:
    """The ``[year]`` table of ``rules/numbers.toml``."""
    return rules.table("numbers", NumbersTable).year


@compiled_once
def dated_start(rules: RuleSet) -> re.Pattern[str]:
    """What follows the year of a dated starting value written without 由/从
    (重点楼宇2020年的30幢增长至40幢): ``年的`` + the value + a change verb + 到/至. Matched
    right after the year's digits; such a year is the starting value's, not the end value's."""
    verbs = alternation(metric_words(rules).change_verbs)
    return re.compile(rf"\s*年(?:底|末)?的\s*[\d.]+[^\d，,。；;、（(]{{0,6}}?(?:{verbs})(?:到|至)")


# --- table cells ---------------------------------------------------------------------

@dataclass(frozen=True)
class CompiledCells:
    """What :func:`parse_cell` derives from ``rules/comparators.toml``."""

    cell: re.Pattern[str]  # one value phrase: [comparator] number [range] [inner] [unit] [comparator]


@compiled_once
def compiled(rules: RuleSet) -> CompiledCells:
    comparator_words = comparators(rules)
    num = rf"(?:百分之)?(?:{MIXED_NUMERAL}|\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_NUM_CHARS}]+)[万亿]?"
    return CompiledCells(cell=re.compile(
        rf"^\s*(?P<pre>{alternation(w.word for w in comparator_words.before)})?\s*"
        rf"(?P<a>{num})\s*(?:%|％)?\s*"
        rf"(?:(?P<sep>{alternation(comparator_words.range_separators)})\s*(?P<b>{num}))?\s*"
        rf"(?P<inner>{alternation(w.word for w in comparator_words.inner)})?\s*(?P<scale>[万亿])?"
        rf"(?P<unit>%|％|[^\d\s%<>≥≤~/]{{0,4}}?(?:/[^\d\s%<>≥≤~/]{{1,4}})?)\s*"
        rf"(?P<post>{alternation(w.word for w in comparator_words.after)})?\s*$"
    ))


def parse_cell(s: str, rules: RuleSet) -> tuple[Comparator, Decimal, Decimal | None] | None:
    """A table cell or short value phrase: ``>85`` → ('>', 85, None), ``99%以上`` → ('>=', 99, None),
    ``1-2`` → ('range', 1, 2), ``约60%`` → ('~', 60, None), ``100`` → ('=', 100, None).

    The value is the number as written without its unit (``99%`` → 99; a
    scale word is applied: ``1.2万`` → 12000). Returns None when the cell is
    not one value.
    """
    text = normalize_str(s).strip()
    if not text:
        return None
    m = compiled(rules).cell.match(text)
    if not m:
        return None
    a = parse_number(m.group("a"))
    if a is None:
        return None
    if m.group("scale"):
        a = _integral(a * SCALES[m.group("scale")])  # 三千多万: the scale after 多
    comparator_words = comparators(rules)
    if m.group("b"):
        b = parse_number(m.group("b"))
        if b is None:
            return None
        return "range", a, b
    op = op_of(m.group("pre"), comparator_words.before) or op_of(m.group("post"), comparator_words.after) or op_of(m.group("inner"), comparator_words.inner)
    return op or "=", a, None


def parse_integer(text: str) -> int | None:
    """The whole-number part of :func:`parse_number`, for ordinals and years written in words.

    >>> parse_integer("十四"), parse_integer("二〇二二"), parse_integer("03"), parse_integer("第")
    (14, 2022, 3, None)
    """
    value = parse_number(text)
    return int(value) if value is not None else None
