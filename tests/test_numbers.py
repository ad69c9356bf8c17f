"""The number parser: exact values, every spelling."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plancmp.extract.numbers import comparators, parse_cell, parse_chinese, parse_number, split_scale
from plancmp.ruleset import default_rules

NUMBERS = [
    ("8,000", "8000"), ("99.02", "99.02"), ("９５", "95"), ("十", "10"), ("两", "2"), ("二十", "20"),
    ("一百二十", "120"), ("三千", "3000"), ("一点五", "1.5"), ("〇", "0"), ("零", "0"), ("十五", "15"),
    ("一百零五", "105"), ("两千零二十", "2020"), ("一万二千", "12000"), ("1.2万", "12000"), ("3541.07万", "35410700"),
    ("193.84亿", "19384000000"), ("百分之九十五", "95"), ("百分之百", "100"), ("95%", "95"), ("二〇二五", "2025"),
]


@pytest.mark.parametrize(("text", "want"), NUMBERS, ids=[t for t, _ in NUMBERS])
def test_parse_number(text: str, want: str) -> None:
    assert parse_number(text) == Decimal(want)


@pytest.mark.parametrize("text", ["", "abc", "十三五", "二三十", "1.2.3", "百分之", "万", "%", "1+3"], ids=lambda t: t or "empty")
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_values_stay_exact() -> None:
    assert float(parse_number("99.02")) == 99.02  # type: ignore[arg-type]
    assert split_scale("1.3万") == (Decimal("1.3"), "万")


CELLS = [
    (">85", (">", "85", None)), ("≥90", (">=", "90", None)), ("99%以上", (">=", "99", None)), ("100", ("=", "100", None)),
    ("1-2", ("range", "1", "2")), ("约60%", ("~", "60", None)), ("≤5%", ("<=", "5", None)), ("<1", ("<", "1", None)),
    ("5至10个", ("range", "5", "10")), ("两到三所", ("range", "2", "3")), ("150余人", (">", "150", None)),
    ("不低于90%", (">=", "90", None)), ("20%-30%", ("range", "20", "30")), ("90左右", ("~", "90", None)),
    ("达到95%", ("=", "95", None)), ("10以内", ("<=", "10", None)),
    ("三千多万", (">", "30000000", None)), ("3万4000", ("=", "34000", None)), ("11.5平方米/人", ("=", "11.5", None)),
    ("4.15公里/平方公里", ("=", "4.15", None)), ("超六成", (">", "6", None)), ("大于或者等于3000", (">=", "3000", None)),
    ("两万零十", ("=", "20010", None)),
]


@pytest.mark.parametrize(("cell", "want"), CELLS, ids=[c for c, _ in CELLS])
def test_parse_cell(cell: str, want: tuple) -> None:
    op, a, b = want
    assert parse_cell(cell, default_rules()) == (op, Decimal(a), Decimal(b) if b else None)


@pytest.mark.parametrize("cell", ["", "预期性", "—", "指标", "2020年"], ids=lambda c: c or "empty")
def test_cell_without_value(cell: str) -> None:
    assert parse_cell(cell, default_rules()) is None or cell == "2020年"


# --- properties ------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """A plain Chinese spelling of 0 <= n < 10**8 (一千零五, 十二, 三万零二十)."""
    if n == 0:
        return "零"

    def below_10k(x: int) -> str:
        out, zero = "", False
        for unit, p in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d = x // p % 10
            if d:
                if zero:
                    out += "零"
                out += _DIGITS[d] + unit
                zero = False
            elif out:
                zero = True
        return out

    hi, lo = divmod(n, 10_000)
    s = (below_10k(hi) + "万" if hi else "") + ("零" if hi and 0 < lo < 1000 else "") + (below_10k(lo) if lo else "")
    return s[1:] if s.startswith("一十") else s


@given(st.text(max_size=30))
@settings(max_examples=300, deadline=None)
def test_any_value_read_reads_back_from_arabic(s: str) -> None:
    """Whatever text gives a value, that value written in Arabic digits gives it again."""
    v = parse_number(s)
    if v is not None:
        assert parse_number(f"{v:f}") == v


_VALUES = st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False, allow_infinity=False)
_TO_FULLWIDTH = {cp - 0xFEE0: cp for cp in range(0xFF01, 0xFF5F)}


@given(_VALUES)
@settings(max_examples=300, deadline=None)
def test_arabic_round_trip(d: Decimal) -> None:
    assert parse_number(f"{d:f}") == d
    assert parse_number(f"{d:,f}") == d
    assert parse_number(f"{d:f}".translate(_TO_FULLWIDTH)) == d
    assert parse_number(f"{d:f}%") == d


@given(st.decimals(min_value=0, max_value=10**5, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from([("万", 10**4), ("亿", 10**8), ("万亿", 10**12)]))
def test_scale_words_multiply(d: Decimal, scale: tuple[str, int]) -> None:
    word, factor = scale
    assert parse_number(f"{d:f}{word}") == d * factor
    assert split_scale(f"{d:f}{word}") == (d, word)


@given(st.text(alphabet="0123456789", min_size=1, max_size=12))
def test_chinese_digits_read_digit_by_digit(digits: str) -> None:
    chinese = "".join("〇一二三四五六七八九"[int(c)] for c in digits)
    assert parse_chinese(chinese) == parse_number(chinese) == Decimal(int(digits))


_CELL_VALUES = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
_COMPARATORS = comparators(default_rules())


@given(_CELL_VALUES, st.sampled_from([(w.word, w.op) for w in _COMPARATORS.before]))
@settings(max_examples=300, deadline=None)
def test_cell_comparator_before_and_value(d: Decimal, word_op: tuple[str, str]) -> None:
    word, op = word_op
    assert parse_cell(f"{word}{d:f}%", default_rules()) == (op, d, None)


@given(_CELL_VALUES, st.sampled_from([(w.word, w.op) for w in _COMPARATORS.after]))
@settings(max_examples=300, deadline=None)
def test_cell_comparator_after_and_value(d: Decimal, word_op: tuple[str, str]) -> None:
    word, op = word_op
    assert parse_cell(f"{d:f}%{word}", default_rules()) == (op, d, None)


@given(_CELL_VALUES, _CELL_VALUES, st.sampled_from(_COMPARATORS.range_separators))
def test_cell_range(a: Decimal, b: Decimal, sep: str) -> None:
    assert parse_cell(f"{a:f}{sep}{b:f}", default_rules()) == ("range", a, b)


@given(st.integers(min_value=0, max_value=99_999_999))
@settings(max_examples=300, deadline=None)
def test_arabic_and_chinese_agree(n: int) -> None:
    assert parse_number(to_chinese(n)) == parse_number(str(n)) == Decimal(n)


@given(st.integers(min_value=1, max_value=100))
def test_percent_words_agree(n: int) -> None:
    assert parse_number("百分之" + to_chinese(n)) == parse_number(f"{n}%") == Decimal(n)


@given(st.integers(min_value=1000, max_value=10**9))
def test_thousands_separators(n: int) -> None:
    assert parse_number(f"{n:,}") == Decimal(n)
