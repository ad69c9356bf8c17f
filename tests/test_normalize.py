"""Stage normalize: each fixer alone, the whole chain, and properties of the map back."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plancmp.prepare.normalize import FIXERS, CharacterRules, is_traditional, normalize
from plancmp.prepare.textmap import MappedText
from plancmp.ruleset import default_rules


def run(fixer: str, text: str) -> str:
    return FIXERS[fixer](MappedText.from_original(text), default_rules()).text


FIXER_CASES = [
    ("line_ends", "第一行\r\n第二行\r第三行", "第一行\n第二行\n第三行"),
    ("zero_width", "教\u200b育\ufeff现代化\u00ad", "教育现代化"),
    ("fullwidth", "到２０２５年达到９５％以上（含）", "到2025年达到95%以上(含)"),
    ("fullwidth", "ＡＢＣ：１：１", "ABC:1:1"),
    ("spaces", "字体:\u3000大\u00a0中\u2002小", "字体: 大 中 小"),
    ("quotes_dashes", "「双减」—『五项管理』", "“双减”-“五项管理”"),
    ("quotes_dashes", "2021—2025年，3～5所", "2021-2025年，3~5所"),
    ("letter_spacing", "保 障 措 施\n目  录", "保障措施\n目录"),
    ("letter_spacing", "学宪法 讲宪法", "学宪法 讲宪法"),
    ("letter_spacing", "A B C D", "A B C D"),
    ("letter_spacing", "共 条评论", "共 条评论"),
    ("stray_spaces", "接受专业 教育比例达75%。提高专业教育比例", "接受专业教育比例达75%。提高专业教育比例"),
    ("stray_spaces", "一、发展背景 党的十八大以来", "一、发展背景 党的十八大以来"),
    ("stray_spaces", "学宪法 讲宪法。宪法讲座", "学宪法 讲宪法。宪法讲座"),
    ("stray_spaces", "Python 3 与 C 语言", "Python 3 与 C 语言"),
    ("stray_spaces", "工作目标 (一)推进改革。目标推进", "工作目标 (一)推进改革。目标推进"),
    ("stray_spaces", "健全工作机制 第二章 保障措施。机制第二", "健全工作机制 第二章 保障措施。机制第二"),
    ("doubled_chars", "要全面加强强学校建设。全面加强学校建设", "要全面加强学校建设。全面加强学校建设"),
    ("doubled_chars", "中小学学生学业。中小学生学业", "中小学学生学业。中小学生学业"),
    ("doubled_chars", "人人皆学、处处能学", "人人皆学、处处能学"),
    ("doubled_chars", "坚持教育育人为本,坚持立德树人", "坚持教育育人为本,坚持立德树人"),
    ("traditional", "推動學前教育普惠發展，辦好人民滿意的教育，實現教育現代化。" * 2,
     "推动学前教育普惠发展，办好人民满意的教育，实现教育现代化。" * 2),
    ("traditional", "推动学前教育普惠发展,办好人民满意的教育,实现教育现代化。",
     "推动学前教育普惠发展,办好人民满意的教育,实现教育现代化。"),
]


@pytest.mark.parametrize(("fixer", "text", "expected"), FIXER_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(FIXER_CASES)])
def test_fixer_alone(fixer: str, text: str, expected: str) -> None:
    assert run(fixer, text) == expected


@pytest.mark.parametrize("name", list(FIXERS), ids=list(FIXERS))
def test_fixer_leaves_clean_text_alone(name: str) -> None:
    clean = "到2025年,学前教育毛入园率达到95%以上。\n(一)完善教育治理体系"
    assert FIXERS[name](MappedText.from_original(clean), default_rules()).text == clean


@pytest.mark.parametrize(
    ("text", "traditional"),
    [("推動學前教育普惠發展，辦好人民滿意的教育，實現教育現代化", True),
     ("推动学前教育普惠发展,办好人民满意的教育,实现教育现代化", False),
     ("短", False)],
    ids=["traditional", "simplified", "too-short"],
)
def test_traditional_detection(text: str, traditional: bool) -> None:
    assert is_traditional(text) is traditional


def test_traditional_characters_exist_only_in_traditional_script() -> None:
    """rules/characters.toml is hand-listed: each traditional character must be one OpenCC simplifies."""
    from opencc import OpenCC

    t2s = OpenCC("t2s")
    table = default_rules().table("characters", CharacterRules)
    assert [c for c in "".join(table.traditional) if t2s.convert(c) == c] == []


def test_traditional_keeps_original_lines() -> None:
    t = normalize(MappedText.from_original("推動學前教育普惠發展\n辦好人民滿意的教育,實現教育現代化"))
    assert t.text.startswith("推动学前教育")
    assert t.line_of(t.text.index("办好")) == 2
    assert t.original.text.startswith("推動")  # the original stays for record text


def test_stray_space_position_maps_to_its_line() -> None:
    src = "指标\n接受专业 教育比例(%) 50\n接受专业教育比例达75%"
    t = normalize(MappedText.from_original(src))
    pos = t.text.index("专业教育比例(%)")
    assert t.line_of(pos) == 2
    assert t.original.text[t.to_original(t.text.index("教育比例(%)"))] == "教"


# -- properties over any input ---------------------------------------------------------

TEXT = st.text(
    alphabet=st.sampled_from(list("教育学校发展一二三、。,(（）)０１９%％ \u3000\u00a0\u200b\r\n\t「」—～A1")),
    max_size=80,
)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_normalize_never_fails_and_maps_every_position(text: str) -> None:
    t = normalize(MappedText.from_original(text))
    n = len(t.original.text)
    for pos in range(len(t.text) + 1):
        o = t.to_original(pos)
        assert 0 <= o <= n


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_original_lines_are_monotonic(text: str) -> None:
    t = normalize(MappedText.from_original(text))
    lines = [t.line_of(p) for p in range(len(t.text))]
    assert lines == sorted(lines)
    if lines:
        assert 1 <= lines[0] and lines[-1] <= max(t.original.n_lines, 1)
