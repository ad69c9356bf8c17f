"""Quantities: the numbers of a line that measure something (records.md §1).

A quantity is ``[comparator] number [range] [余/多] [万/亿] unit [以上 …]``, or a
ratio ``18:1``. The grammar is built from ``rules/units.toml`` and
``rules/comparators.toml``; ``rules/exclusions.toml`` drops the numbers that
are never targets (ordinals, slogans, clock times …). What the number measures
is decided later (:mod:`plancmp.extract.metric`).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from ..models import Comparator
from ..prepare.chars import alternation, is_han
from ..ruleset import Regex, RuleSet, compiled_once
from .numbers import CN_NUM_CHARS, MIXED_NUMERAL, Comparators, comparators, op_of, parse_number

# --- rule tables ---------------------------------------------------------------------


class Units(BaseModel):
    units: list[str] = Field(description="units after an Arabic number")
    compound: list[Regex] = Field(default=[], description="regexes of slash units: 元/人•月")
    chinese: list[str] = Field(description="measure words after a Chinese numeral")
    count_nouns: list[str] = Field(description="units whose counted thing may follow the number")
    rate_suffixes: list[str] = Field(description="metric endings that mean a rate (unit % when the sign is lost)")
    ratio_suffixes: list[str] = Field(default=[], description="metric endings of a ratio (生师比): a list shares them")


class Exclusion(BaseModel):
    name: str
    number: Regex | None = None
    unit: Regex | None = None
    before: Regex | None = None
    after: Regex | None = None
    script: Literal["chinese", "arabic"] | None = None


class Exclusions(BaseModel):
    rule: list[Exclusion]


# --- the grammar -----------------------------------------------------------------------

@dataclass(frozen=True)
class CompiledExclusion:
    """One rule of ``rules/exclusions.toml`` with its patterns (only those it gives)."""

    rule: Exclusion
    patterns: dict[str, re.Pattern[str]]  # "number" / "unit" / "before" / "after"


@dataclass(frozen=True)
class CompiledQuantities:
    """What :func:`find_quantities` derives from the units, comparator and exclusion tables."""

    quantity: re.Pattern[str]
    ratio: re.Pattern[str]
    comparator_before: re.Pattern[str]  # comparator words (and a link word) ending the text before a number
    comparator_after: re.Pattern[str]  # comparator words of two or more characters right after a ratio
    exclusions: list[CompiledExclusion]
    units: Units
    comparators: Comparators


_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN_CHAR = f"[{CN_NUM_CHARS.replace('点', '')}]"
_CN_DECIMAL = "(?:点[零〇一二三四五六七八九]+)?"


def _chinese_number(u: Units) -> str:
    """A Chinese numeral that stops before a unit opening with 十/百/千 (三十七百分点, 五十千瓦),
    so the unit is not read as a place of the numeral; 千元 and the 万/亿 units stay inside
    (五千元, 三千万元: the closing scale is split off later)."""
    units = [w for w in u.units + u.chinese if len(w) > 1 and w[0] in "十百千" and w != "千元"]
    return f"(?:(?!{alternation(units)}){_CN_CHAR})+{_CN_DECIMAL}"


@compiled_once
def compiled(rules: RuleSet) -> CompiledQuantities:
    u = rules.table("units", Units)
    comparator_words = comparators(rules)
    units = "|".join([*u.compound, alternation(u.units + u.chinese)])
    num = rf"(?:{MIXED_NUMERAL}|{_ARABIC}|{_chinese_number(u)})"
    inner = alternation(w.word for w in comparator_words.inner)
    separators = alternation(comparator_words.range_separators)
    gap = "[ \u00a0\u3000]?"  # one stray space before a scale or unit: 9 个镇, 2.9 亿元
    quantity = re.compile(
        rf"""
        (?:(?<![\d.A-Za-z])|(?<=\d[.．])(?=[{CN_NUM_CHARS}]))
        (?:(?P<pct>百分之)|(?P<den>{num})分之)?
        (?P<a>{num})
        (?P<apct>%(?=\s*(?:{separators})))?
        (?:\s*(?P<sep>{separators})\s*(?:百分之)?(?P<b>{num}))?
        (?P<in1>{inner})?
        (?:{gap}(?P<scale>万亿|萬億|[万萬亿億]))?
        (?P<in2>{inner})?
        (?:{gap}(?P<unit>{units}))?
        (?P<half>(?<=成)半)?
        (?P<post>{alternation(w.word for w in comparator_words.after)})?
        """,
        re.VERBOSE,
    )
    # validating the table compiled each pattern already (rules.Regex): these come from re's cache
    exclusions = [CompiledExclusion(rule=r, patterns={k: re.compile(getattr(r, k)) for k in ("number", "unit", "before", "after")
                                                      if getattr(r, k)})
                  for r in rules.table("exclusions", Exclusions).rule]
    return CompiledQuantities(
        quantity=quantity,
        ratio=re.compile(r"(?<![\d.:/])(?P<a>\d+(?:\.\d+)?)\s*(?P<sep>[:：/])\s*(?P<b>\d+(?:\.\d+)?)(?![\d:/])"),
        comparator_before=re.compile(rf"(?P<w>{alternation(w.word for w in comparator_words.before)})"
                                     rf"(?P<link>{alternation(comparator_words.before_links)})?\s*$"),
        comparator_after=re.compile(alternation(w.word for w in comparator_words.after if len(w.word) > 1)),
        exclusions=exclusions,
        units=u,
        comparators=comparator_words,
    )


# --- one quantity ----------------------------------------------------------------------

@dataclass
class Quantity:
    """A number found in a line, before it becomes a Target (positions are in ``doc.text``)."""

    start: int  # with comparator words
    end: int
    num_start: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    comparator: Comparator
    rule: str
    number_text: str
    trace: list[str] = field(default_factory=list)
    consumed_end: int = 0  # end of the counted thing written after the number
    doubts: list[str] = field(default_factory=list)  # readings a person should check: "number:spoken-ellipsis" …


#: exclusion patterns look at most this far around a number (a 《title》, a phone label): bounded
#: windows keep a line of thousands of numbers linear
_EXCLUSION_WINDOW = 80

#: comparator words are looked for this far before a number: the longest (大于或等于) with a link word
_COMPARATOR_WINDOW = 8

#: a ratio's second term is at most this: 生师比 18:1, 1:15; 1:5000 is a map scale or a code
_RATIO_MAX_TERM = 1000


def _excluded(grammar: CompiledQuantities, number: str, unit: str, line: str, m: re.Match[str],
              log: list[str] | None) -> bool:
    """Whether an exclusion rule drops the quantity ``m`` of ``line`` (logged by rule name)."""
    before = line[max(0, m.start() - _EXCLUSION_WINDOW): m.start()]
    after = line[m.end(): m.end() + _EXCLUSION_WINDOW]
    script = "arabic" if number[:1].isdigit() else "chinese"
    for ex in grammar.exclusions:
        r, pats = ex.rule, ex.patterns
        if r.script and r.script != script:
            continue
        if "number" in pats and not pats["number"].fullmatch(number):
            continue
        if "unit" in pats and not pats["unit"].fullmatch(unit):
            continue
        if "before" in pats and not pats["before"].search(before):
            continue
        if "after" in pats and not pats["after"].search(after):
            continue
        if log is not None:
            log.append(f"{m.group(0)!r}: excluded by {r.name}")
        return True
    return False


def _comparator_before(grammar: CompiledQuantities, line: str, pos: int) -> re.Match[str] | None:
    return grammar.comparator_before.search(line[max(0, pos - _COMPARATOR_WINDOW): pos])


def find_quantities(line: str, offset: int, rules: RuleSet, log: list[str] | None = None) -> list[Quantity]:
    """Every quantity of one cleaned line; ``offset`` is where the line starts in ``doc.text``.

    With ``log``, each number an exclusion rule drops is noted there.
    """
    grammar = compiled(rules)
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []  # ratios: their numbers are not read again as quantities
    for m in grammar.ratio.finditer(line):
        q = _ratio(m, line, offset, grammar, log)
        if q is not None:
            out.append(q)
            taken.append(m.span())
    starts = [s for s, _ in taken]  # in order, not overlapping: a bisect, not a scan per number
    for m in grammar.quantity.finditer(line):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < taken[i][1]:
            continue
        q = _quantity(m, line, offset, grammar, log)
        if q is not None:
            out.append(q)
    out.sort(key=lambda q: q.num_start)
    return out


def _ratio(m: re.Match[str], line: str, offset: int, grammar: CompiledQuantities, log: list[str] | None) -> Quantity | None:
    """A ratio ``18:1``: value 18, unit ``:1``, or a part of a whole ``1/3``: value 1, unit ``/3``
    (like 三分之一); a comparator after it wins over one before it."""
    a, b = parse_number(m.group("a")), parse_number(m.group("b"))
    if a is None or b is None or b == 0 or b > _RATIO_MAX_TERM:
        return None
    fraction = m.group("sep") == "/"
    per_scale = line[m.end():m.end() + 1] if fraction and line[m.end():m.end() + 1] in _PER_SCALES else ""
    if fraction and not per_scale and not _slash_fraction(a, b, line, m, grammar):
        return None
    unit = ("/" if fraction else ":") + m.group("b") + per_scale  # 8/10万: a rate per 100,000
    if _excluded(grammar, m.group("a"), unit, line, m, log):
        return None
    comparator_words = grammar.comparators
    start, end, op = m.start(), m.end() + len(per_scale), "="
    trace = [f"{'fraction' if fraction else 'ratio'} {m.group(0)!r} -> {a}, unit {unit}"]
    post = grammar.comparator_after.match(line, end)
    pre = _comparator_before(grammar, line, start)
    if post:
        op, end = op_of(post.group(0), comparator_words.after) or "=", post.end()
        trace.append(f"comparator {op} from {post.group(0)!r} after the ratio")
    elif pre:
        op = op_of(pre.group("w"), comparator_words.before) or "="
        trace.append(f"comparator {op} from {pre.group('w')!r} before the ratio")
    if pre:
        start -= len(pre.group(0))
    return Quantity(start=offset + start, end=offset + end, num_start=offset + m.start(), value=a, value_max=None, unit=unit,
                    comparator=op, rule="fraction" if fraction else "ratio", number_text=m.group(0), trace=trace,  # type: ignore[arg-type]
                    doubts=["number:slash-fraction"] if fraction else [])


#: scale words after the slash of a rate per so many (孕产妇死亡率8/10万, 5.2/万)
_PER_SCALES = ("万", "千", "亿")

#: what follows a part of a whole written with a slash: 1/3的学校, 1/2以上
_AFTER_FRACTION = re.compile(r"\s*(?:的|以上|以下|以内|左右|及以上)")


def _slash_fraction(a: Decimal, b: Decimal, line: str, m: re.Match[str], grammar: CompiledQuantities) -> bool:
    """Whether ``a/b`` is a part of a whole (超过1/3, 1/2的学校), not a date (3/15) or a code: whole
    numbers, a below b, and a comparator or 的 around it."""
    if a != a.to_integral_value() or b != b.to_integral_value() or not 0 < a < b:
        return False
    return bool(_AFTER_FRACTION.match(line, m.end()) or _comparator_before(grammar, line, m.start()))


@dataclass
class _Reading:
    """What a match of the quantity grammar says, before comparators and exclusions."""

    number: str  # the number as written, scale word dropped, a range whole (for the exclusion rules)
    value: Decimal
    value_max: Decimal | None
    unit: str


def _split_chinese_scale(num: str) -> tuple[str, str]:
    """``三千万`` → (``三千``, ``万``): a Chinese numeral's closing scale word, kept in the unit
    like an Arabic number's (``3000万元`` is 3000 ``万元``); none when a scale word is inside
    (``两万零十``, ``一亿五千万`` are one number)."""
    for scale in ("万亿", "萬億", "亿", "億", "万", "萬"):
        body = num[: -len(scale)]
        if num.endswith(scale) and not any(c in "万萬亿億" for c in body):
            return body, scale
    return num, ""


def _read(m: re.Match[str], line: str, grammar: CompiledQuantities) -> _Reading | None:
    """The value and unit of quantity ``m``; None when the match is no quantity (a Chinese
    numeral without a measure word, a scale without a unit, a bare 万 …)."""
    a_txt, b_txt, unit = m.group("a"), m.group("b") or "", m.group("unit") or ""
    chinese = not a_txt[0].isdigit()
    if b_txt and b_txt[0].isdigit() != (not chinese):
        return None
    scale = m.group("scale") or ""
    if not scale and not re.fullmatch(_ARABIC, a_txt):  # Chinese or mixed: 三千万, 2千零30万
        a_txt, scale = _split_chinese_scale(a_txt)
        b_txt, b_scale = _split_chinese_scale(b_txt)
        scale = scale or b_scale
    if m.group("pct") or m.group("den"):
        unit = _fraction_unit(m.group("den"))
        if unit is None or scale:
            return None
    elif not _unit_fits(a_txt, unit, chinese, grammar, bool(scale or m.group("in1") or m.group("in2"))):
        return None
    if scale:
        after = line[m.end(): m.end() + 1]
        if unit == "%" or (not unit and after and is_han(after)):
            return None  # 1.2万字: the scale of a word we do not know as a unit
        unit = scale + unit
    if m.group("apct") and unit != "%":
        return None
    if not a_txt:  # a scale alone: 近万名, 万余人
        if b_txt or not (m.group("in1") or m.group("in2") or _comparator_before(grammar, line, m.start())):
            return None  # 万人 without 近/约/超过/余 (每万人口, 数万名) counts nothing
        return _Reading(number=scale, value=Decimal(1), value_max=None, unit=unit)
    value = parse_number(a_txt)
    value_max = parse_number(b_txt) if b_txt else None
    if value is None or (b_txt and value_max is None):
        return None
    if m.group("half"):
        value += Decimal("0.5")  # 三成半
    number = f"{a_txt}{m.group('sep')}{b_txt}" if b_txt else a_txt  # 二至三个 is a count, 二个 is not
    return _Reading(number=number, value=value, value_max=value_max, unit=unit)


def _unit_fits(num: str, unit: str, chinese: bool, grammar: CompiledQuantities, scaled: bool) -> bool:
    """Whether ``unit`` may follow the number: any unit after Arabic digits; after a Chinese
    numeral a measure word, or a unit of size after a numeral of two characters or more or
    with a scale or 多/余 (三点五平方米, 二十公里, 十多万平方米; not 一公里, 一米: set phrases)."""
    if not chinese:
        return True
    if unit in grammar.units.chinese:
        return True
    places = len(num) + (unit[:1] in "十百千")  # 三千米 is 3 千米: a numeral of two characters
    return (places >= 2 or scaled) and any(is_han(c) for c in unit) and unit in grammar.units.units


def _fraction_unit(den: str | None) -> str | None:
    """The unit of a number written as a part of a whole: 百分之 %, 千分之 ‰, 万分之 ‱, and
    ``/N`` for any other whole (三分之一 → 1 ``/3``), so that value and unit give back the text."""
    if den is None:
        return "%"
    special = {"百": "%", "千": "‰", "万": "‱", "萬": "‱"}
    if den in special:
        return special[den]
    d = parse_number(den)
    return f"/{d}" if d is not None and d > 1 else None


def _quantity(m: re.Match[str], line: str, offset: int, grammar: CompiledQuantities, log: list[str] | None) -> Quantity | None:
    """A match of the quantity grammar as a Quantity, or None when it is none or excluded.

    The comparator: range > 余/多 > words after > words before > bare.
    """
    found = _read(m, line, grammar)
    if found is None:
        return None
    a_txt, value, value_max, unit = found.number, found.value, found.value_max, found.unit
    if _excluded(grammar, a_txt, unit, line, m, log):
        return None
    trace = [f"number {a_txt!r} -> {value}" + (f", range to {m.group('b')!r} -> {value_max}" if value_max is not None else "")]
    comparator_words = grammar.comparators
    start = m.start()
    pre = _comparator_before(grammar, line, m.start())
    pre_op = None
    if pre:
        pre_op = op_of(pre.group("w"), comparator_words.before)
        start = m.start() - (len(pre.group(0)))
    inner = m.group("in1") or m.group("in2")
    post_op = op_of(m.group("post"), comparator_words.after)
    if value_max is not None:
        op: Comparator = "range"
        src = f"range separator {m.group('sep')!r}"
    elif inner:
        op = op_of(inner, comparator_words.inner) or ">"
        src = f"{inner!r} after the number"
    elif post_op:
        op, src = post_op, f"{m.group('post')!r} after the number"
    elif pre_op:
        op, src = pre_op, f"{pre.group('w')!r} before the number"  # type: ignore[union-attr]
    else:
        op, src = "=", "bare value"
    trace.append(f"comparator {op} from {src}")
    end = m.end()
    if not unit and m.group("post"):
        end -= len(m.group("post"))  # 以上 without a unit is not ours to keep
        op = pre_op or "="
    chinese = not m.group("a")[0].isdigit()
    rule = "percent-words" if m.group("pct") else "fraction" if m.group("den") else "chinese-count" if chinese else "range" if value_max is not None else "quantity"
    doubts = _doubts(m, unit)
    trace.extend(f"doubt {d}" for d in doubts)
    return Quantity(start=offset + start, end=offset + end, num_start=offset + m.start(), value=value, value_max=value_max,
                    unit=unit, comparator=op, rule=rule, number_text=m.group(0), trace=trace, doubts=doubts)


#: a Chinese numeral whose last unit is left unsaid (三万五 = 35000, not 30005)
_ELLIPSIS = re.compile(r"[百千万亿萬億佰仟][一二三四五六七八九两]$")


def _doubts(m: re.Match[str], unit: str) -> list[str]:
    """What a person should check in the reading of ``m`` (Target.doubts): the spoken ellipsis, a
    numeral mixing digits and Chinese units, a scale without a unit, a space inside, a duration."""
    a_txt = m.group("a")
    checks = [
        ("number:spoken-ellipsis", bool(_ELLIPSIS.search(a_txt))),
        ("number:mixed", bool(re.fullmatch(MIXED_NUMERAL, a_txt))),
        ("unit:scale-only", unit in ("万", "亿", "万亿", "萬", "億")),
        ("unit:after-space", any(c in m.group(0) for c in " \u00a0\u3000")),
        ("unit:duration", unit in ("年", "岁")),
    ]
    return [name for name, found in checks if found]


#: brackets the normalizer writes as ASCII, and the forms a text may have written them in
_WRITTEN_BRACKETS = str.maketrans({"（": "(", "）": ")"})


def unit_as_written(unit: str, written: str) -> str:
    """``unit`` in the brackets the original text wrote it with (records.md: the unit as written):
    the normalizer reads ``套（间）`` as ``套(间)``; ``written`` is the original text of the match.

    >>> unit_as_written("套(间)", "4459套（间）")
    '套（间）'
    >>> unit_as_written("套(间)", "4459套(间)"), unit_as_written("%", "95％")
    ('套(间)', '%')
    """
    if "(" not in unit and ")" not in unit:
        return unit
    n = len(unit)
    for i in range(len(written) - n + 1):
        piece = written[i:i + n]
        if piece.translate(_WRITTEN_BRACKETS) == unit:
            return piece
    return unit
