"""The map from derived text back to original lines and offsets."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plancmp.prepare.textmap import Edit, MappedText, Original


@pytest.mark.parametrize(
    ("text", "n_lines"),
    [("", 0), ("一行", 1), ("一行\n", 1), ("a\nb", 2), ("a\r\nb\r\n", 2), ("a\rb\rc", 3), ("\n\n", 2)],
    ids=["empty", "one-no-eol", "one-eol", "two-lf", "crlf", "cr", "blank-lines"],
)
def test_original_counts_lines_like_sed(text: str, n_lines: int) -> None:
    assert Original(text).n_lines == n_lines


def test_deletion_keeps_lines_of_following_text() -> None:
    t = MappedText.from_original("1、在以习近平同\n2、志为核心的党中央")
    # drop the page marker of line 2 and the line break before it: pages re-joined
    joined = t.apply([Edit(8, 11, "")], "pages")
    assert joined.text == "1、在以习近平同志为核心的党中央"
    pos = joined.text.index("志")
    assert joined.line_of(pos) == 2
    assert joined.line_of(joined.text.index("同")) == 1


def test_replacement_maps_inside_to_its_start() -> None:
    t = MappedText.from_original("老师队伍")
    d = t.apply([Edit(0, 2, "教师")], "despin")
    assert d.text == "教师队伍"
    assert d.span_to_original(0, 2) == (0, 2)
    assert d.all_changes()[0].before == "老师"


def test_chained_stages_map_to_the_original() -> None:
    t = MappedText.from_original("ａ\u200b\r\n达到９５％")
    t1 = t.apply([Edit(1, 2, "")], "zw")
    t2 = t1.apply([Edit(1, 3, "\n")], "eol")
    t3 = t2.translate({0xFF05: "%", 0xFF19: "9", 0xFF15: "5"}, "fw")
    assert t3.text == "ａ\n达到95%"
    a, b = t3.span_to_original(t3.text.index("95%"), len(t3.text))
    assert t.text[a:b] == "９５％"
    assert t3.line_of(t3.text.index("9")) == 2


def test_overlapping_edits_are_refused() -> None:
    t = MappedText.from_original("abcdef")
    with pytest.raises(ValueError):
        t.apply([Edit(0, 3, ""), Edit(2, 4, "")], "bad")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab\n教育0１ \r", max_size=40), st.data())
def test_every_position_maps_inside_the_original(text: str, data: st.DataObject) -> None:
    t = MappedText.from_original(text)
    n = len(text)
    cuts = sorted(data.draw(st.lists(st.integers(0, n), max_size=6, unique=True)))
    edits = [Edit(a, b, data.draw(st.sampled_from(["", "x", "教育"]))) for a, b in zip(cuts[::2], cuts[1::2])]
    d = t.apply(edits, "random")
    last = -1
    for i in range(len(d.text)):
        o = d.to_original(i)
        assert 0 <= o <= max(n - 1, 0)
        assert o >= last  # monotonic
        last = o
        assert 1 <= d.line_of(i) <= max(t.original.n_lines, 1)
