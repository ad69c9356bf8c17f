"""The cheap-to-compile Han class, the rule placeholders, and the exact checks that replace big ranges."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from plancmp.prepare.chars import HAN, NOT_HAN, han_or, is_han
from plancmp.prepare.read import _HAN_UTF8
from plancmp.ruleset import RuleSet

_HAN_RX = re.compile(HAN)


@pytest.mark.parametrize("ch, want", [
    ("教", True), ("鿿", True), ("㐀", True), ("〇", True),  # 〇 counts: 第一五〇中学
    ("a", False), ("Z", False), ("7", False), ("_", False), ("，", False), ("、", False),
    (" ", False), ("%", False), ("*", False), ("“", False),
], ids=lambda v: repr(v))
def test_han_class(ch: str, want: bool) -> None:
    assert bool(_HAN_RX.fullmatch(ch)) is want
    assert bool(re.fullmatch(NOT_HAN, ch)) is not want


def test_han_covers_both_cjk_blocks_and_not_han_is_its_complement() -> None:
    for cp in list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0x9FF0)):
        assert _HAN_RX.fullmatch(chr(cp)), hex(cp)
        assert is_han(chr(cp))
    not_han = re.compile(NOT_HAN)
    for cp in range(0x0000, 0x10000, 7):
        assert bool(_HAN_RX.fullmatch(chr(cp))) != bool(not_han.fullmatch(chr(cp))), hex(cp)


def test_han_or_takes_the_extra_characters() -> None:
    rx = re.compile(f"(?<={han_or('“”')})x")
    assert rx.search("学x") and rx.search("”x") and not rx.search("1x")


def test_utf8_han_bytes_find_exactly_the_basic_block() -> None:
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        want = 0x4E00 <= cp <= 0x9FFF
        assert bool(_HAN_UTF8.search(("a" + chr(cp) + "b").encode())) is want, hex(cp)


def test_rule_tables_may_write_han_placeholders(tmp_path: Path) -> None:
    (tmp_path / "meta.toml").write_text("[extra]\nx = '^{han}{2}$'\ny = ['{not_han}+']\n", encoding="utf-8")
    raw = RuleSet([tmp_path]).raw("meta")
    assert raw["extra"]["x"] == f"^{HAN}{{2}}$"
    assert raw["extra"]["y"] == [f"{NOT_HAN}+"]
    assert re.fullmatch(raw["extra"]["x"], "规划") and not re.fullmatch(raw["extra"]["x"], "ab")
