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
from ..prepare.chars import alternation
from ..ruleset import Regex, RuleSet, compiled_once
from .numbers import CN_NUM_CHARS, Comparators, comparators, op_of, parse_number

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
_CN = f"[{CN_NUM_CHARS.replace('点', '')}]+(?:点[零〇一二三四五六七八九]+)?"


@compiled_once
def compiled(rules: RuleSet) -> CompiledQuantities:
    u = rules.table("units", Units)
    comparator_words = comparators(rules)
    units = "|".join([*u.compound, alternation(u.units + u.chinese)])
    num = rf"(?:{_ARABIC}|{_CN})"
    inner = alternation(w.word for w in comparator_words.inner)
    quantity = re.compile(
        rf"""
        (?:(?<![\d.A-Za-z])|(?<=\d[.．])(?=[{CN_NUM_CHARS}]))
        (?P<pct>百分之)?
        (?P<a>{num})
        (?P<apct>%(?=\s*(?:{alternation(comparator_words.range_separators)})))?
        (?:\s*(?P<sep>{alternation(comparator_words.range_separators)})\s*(?:百分之)?(?P<b>{num}))?
        (?P<in1>{inner})?
        (?P<scale>万亿|万|亿)?
        (?P<in2>{inner})?
        (?P<unit>{units})?
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
        ratio=re.compile(r"(?<![\d.:])(?P<a>\d+(?:\.\d+)?)\s*[:：]\s*(?P<b>\d+(?:\.\d+)?)(?![\d:])"),
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


#: exclusion patterns look at most this far around a number (a 《title》, a phone label): bounded
#: windows keep a line of thousands of numbers linear
_EXCLUSION_WINDOW = 80

#: comparator words are looked for this far before a number: the longest (大于或等于) with a link word
_COMPARATOR_WINDOW = 8

#: a ratio's second term is at most this: 生师比 18:1, 1:15; 1:5000 is a map scale or a code
_RATIO_MAX_TERM = 1000

#: a scale written alone before a measure word, after 近/约/超过: 近万名 is about 1 万名
_BARE_SCALES = ("万", "萬", "亿", "億")


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
    """A ratio ``18:1``: value 18, unit ``:1``; a comparator after it wins over one before it."""
    a, b = parse_number(m.group("a")), parse_number(m.group("b"))
    if a is None or b is None or b == 0 or b > _RATIO_MAX_TERM:
        return None
    unit = ":" + m.group("b")
    if _excluded(grammar, m.group("a"), unit, line, m, log):
        return None
    comparator_words = grammar.comparators
    start, end, op = m.start(), m.end(), "="
    trace = [f"ratio {m.group(0)!r} -> {a}, unit {unit}"]
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
    return Quantity(start=offset + start, end=offset + end, num_start=offset + m.start(), value=a, value_max=None,
                    unit=unit, comparator=op, rule="ratio", number_text=m.group(0), trace=trace)  # type: ignore[arg-type]


def _unit(m: re.Match[str], line: str, grammar: CompiledQuantities) -> tuple[str, bool] | None:
    """The unit of quantity ``m`` and whether its number is a bare scale (近万名); None when the
    match is no quantity (a Chinese numeral without a measure word, a scale without a unit …)."""
    a_txt, unit = m.group("a"), m.group("unit") or ""
    chinese = not a_txt[0].isdigit()
    pct = bool(m.group("pct"))
    if pct:
        unit = "%"
    if m.group("scale"):
        if chinese:
            return None
        unit = m.group("scale") + unit if unit and unit not in ("%",) else ""
        if not unit:
            return None
    if chinese and not pct and unit not in grammar.units.chinese:
        return None
    bare_scale = chinese and a_txt in _BARE_SCALES and bool(unit) and not m.group("b")
    if bare_scale and not _comparator_before(grammar, line, m.start()):
        return None  # 万人 without 近/约/超过 before it (每万人口, 数万名) counts nothing
    if m.group("b") and (m.group("b")[0].isdigit() != a_txt[0].isdigit()):
        return None
    if m.group("apct") and unit != "%":
        return None
    return unit, bare_scale


def _quantity(m: re.Match[str], line: str, offset: int, grammar: CompiledQuantities, log: list[str] | None) -> Quantity | None:
    """A match of the quantity grammar as a Quantity, or None when it is none or excluded.

    The comparator: range > 余/多 > words after > words before > bare.
    """
    found = _unit(m, line, grammar)
    if found is None:
        return None
    unit, bare_scale = found
    a_txt = m.group("a")
    if _excluded(grammar, a_txt, unit, line, m, log):
        return None
    value = Decimal(1) if bare_scale else parse_number(a_txt)
    if value is None:
        return None
    if bare_scale:
        unit = a_txt + unit  # 近万名 → about 1 万名
    value_max = parse_number(m.group("b")) if m.group("b") else None
    if m.group("b") and value_max is None:
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
    chinese = not a_txt[0].isdigit()
    rule = "percent-words" if m.group("pct") else "chinese-count" if chinese else "range" if value_max is not None else "quantity"
    return Quantity(start=offset + start, end=offset + end, num_start=offset + m.start(), value=value, value_max=value_max,
                    unit=unit, comparator=op, rule=rule, number_text=m.group(0), trace=trace)
