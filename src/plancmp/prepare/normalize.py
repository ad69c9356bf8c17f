"""Stage 2, normalize: small named fixers, each a pure function on a MappedText.

Each fixer changes characters for matching only; positions still map back to
the original through :mod:`plancmp.prepare.textmap`. ``FIXERS`` lists them in the
order they run; ``normalize`` runs them all. A fixer is
``(MappedText, RuleSet) -> MappedText``: the character judgments it needs are
``rules/characters.toml``, and the heading markers ``rules/headings.toml``.

>>> normalize_str("到２０２５年达到９５％")
'到2025年达到95%'

Besides character forms, three fixers repair conversion and OCR damage, each
only on evidence: ``letter_spacing`` joins letter-spaced headings
(``保 障 措 施``), ``stray_spaces`` joins a space inside a word when the joined
word is written elsewhere in the same document (``专业 教育比例`` next to
``专业教育比例``), ``doubled_chars`` drops a doubled character the same way, and
``traditional`` converts a document written in traditional characters to
simplified ones with OpenCC (loaded only for such a document).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from pydantic import BaseModel, Field

from ..ruleset import RuleSet, compiled_once, default_rules
from .chars import FULLWIDTH_TO_ASCII, HAN, alternation, is_han
from .glosses import fix_glosses
from .headings import HeadingRules
from .textmap import Edit, MappedText

Fixer = Callable[[MappedText, RuleSet], MappedText]


class CharacterRules(BaseModel):
    """``rules/characters.toml``."""

    reduplicating: list[str] = Field(description="characters whose doubling is a word (人人) or too common to judge")
    traditional: list[str] = Field(description="frequent characters that exist only in traditional script")


@dataclass(frozen=True)
class CompiledCharacters:
    """What the fixers read from the rules (:func:`compiled`)."""

    reduplicating: frozenset[str]
    traditional: re.Pattern[str]  # one traditional-only character
    heading_markers: tuple[re.Pattern[str], ...]  # the marker kinds of rules/headings.toml


@compiled_once
def compiled(rules: RuleSet) -> CompiledCharacters:
    """The character tables and the heading markers, once per rule set."""
    r = rules.table("characters", CharacterRules)
    headings = rules.table("headings", HeadingRules)
    return CompiledCharacters(
        reduplicating=frozenset("".join(r.reduplicating)),
        traditional=re.compile("[" + "".join(sorted(set("".join(r.traditional)))) + "]"),
        heading_markers=tuple(re.compile(k.pattern) for k in sorted(headings.kinds, key=lambda k: k.rank)),
    )

_LINE_END = re.compile(r"\r\n?")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

_SPACES = {cp: " " for cp in (0x3000, 0x00A0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
                                0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x1680)}
_QUOTES = {ord("「"): "“", ord("」"): "”", ord("『"): "“", ord("』"): "”", ord("〝"): "“", ord("〞"): "”",
           ord("＂"): '"'}
_DASHES = {ord(c): "-" for c in "‐‑‒–—―−﹣﹘"} | {ord(c): "~" for c in "～〜∼"}
_QUOTES_DASHES = _QUOTES | _DASHES


def fix_line_ends(t: MappedText, rules: RuleSet) -> MappedText:
    """CRLF and CR line ends become LF."""
    return t.apply([Edit(m.start(), m.end(), "\n") for m in _LINE_END.finditer(t.text)], "line_ends", record=False)


def fix_zero_width(t: MappedText, rules: RuleSet) -> MappedText:
    """Zero-width characters, soft hyphens and stray BOMs are removed."""
    return t.apply([Edit(m.start(), m.end(), "") for m in _ZERO_WIDTH.finditer(t.text)], "zero_width")


def fix_fullwidth(t: MappedText, rules: RuleSet) -> MappedText:
    """Full-width digits, letters and ASCII punctuation become half-width: ９５％ → 95%."""
    return t.translate(FULLWIDTH_TO_ASCII, "fullwidth")


def fix_spaces(t: MappedText, rules: RuleSet) -> MappedText:
    """Ideographic, no-break and other exotic spaces become a plain space."""
    return t.translate(_SPACES, "spaces")


def fix_quotes_dashes(t: MappedText, rules: RuleSet) -> MappedText:
    """Corner brackets become “ ”; dash variants become -, wave dashes ~."""
    return t.translate(_QUOTES_DASHES, "quotes_dashes")


_CJK_RUN = re.compile(f"{HAN}+")
# a run of at least three CJK characters each followed by one or two spaces: 保 障 措 施
_LETTER_SPACED = re.compile(f"(?<!\\w){HAN}(?: {{1,2}}{HAN}){{2,7}}(?!\\w)")  # Han is \w
# a line of two CJK characters spaced apart: 目  录, 前 言
_SPACED_PAIR = re.compile(f"(?m)^[ \\t]*{HAN}( {{1,4}}){HAN}[ \\t]*$")
# one space (or a few) between two CJK characters
_CJK_GAP = re.compile(f"(?<={HAN}) {{1,2}}(?={HAN})")
_DOUBLED = re.compile(f"({HAN})\\1")
#: a document is traditional when this share of its CJK characters is traditional-only
TRADITIONAL_SHARE = 0.03


def fix_letter_spacing(t: MappedText, rules: RuleSet) -> MappedText:
    """Letter-spaced words lose their spaces: ``保 障 措 施`` → ``保障措施``, a line ``目  录`` → ``目录``."""
    edits = []
    for m in _LETTER_SPACED.finditer(t.text):
        base = m.start()
        edits.extend(Edit(base + g.start(), base + g.end(), "") for g in re.finditer(" +", m.group()))
    edits.extend(Edit(m.start(1), m.end(1), "") for m in _SPACED_PAIR.finditer(t.text))
    return t.apply(edits, "letter_spacing")


def _occurrences(text: str, words: set[str]) -> dict[str, int]:
    """How often each of ``words`` occurs in ``text`` (overlaps counted), in one pass.

    One regex over the candidates instead of a ``find``/``count`` scan of the
    whole text per candidate: linear in the text, however many candidates.
    """
    counts = dict.fromkeys(words, 0)
    if not words:
        return counts
    # longest first, inside a lookahead so overlapping occurrences all count
    rx = re.compile(f"(?=({alternation(words)}))")
    lengths = sorted({len(w) for w in words}, reverse=True)
    for m in rx.finditer(text):
        i = m.start()
        for n in lengths:  # every candidate starting here, not only the longest
            w = text[i:i + n]
            if w in counts:
                counts[w] += 1
    return counts


def _cjk_window(text: str, start: int, end: int, k: int) -> tuple[str, str]:
    """Up to ``k`` CJK characters left of ``start`` and right of ``end``."""
    lo = start
    while lo > 0 and start - lo < k and is_han(text[lo - 1]):
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < k and is_han(text[hi]):
        hi += 1
    return text[lo:start], text[end:hi]


def fix_stray_spaces(t: MappedText, rules: RuleSet) -> MappedText:
    """A space inside a Chinese word goes when the document writes the word without it elsewhere.

    ``专业 教育比例`` becomes ``专业教育比例`` only if ``专业教育`` (two characters on
    each side) occurs somewhere else in the text; spaces that separate a
    heading from its body (a gap before a heading marker: ``…机制 第二章…``), or
    phrases (``学宪法 讲宪法``), stay.
    """
    text = t.text
    gaps = []
    for m in _CJK_GAP.finditer(text):
        left, right = _cjk_window(text, m.start(), m.end(), 2)
        if len(left) < 2 or len(right) < 2:
            continue
        gaps.append((m, left + right))
    counts = _occurrences(text, {w for _, w in gaps})
    markers = compiled(rules).heading_markers  # tried last: only on the gaps that would go
    edits = [Edit(m.start(), m.end(), "") for m, w in gaps
             if counts[w] >= 1 and not any(marker.match(text, m.end()) for marker in markers)]
    return t.apply(edits, "stray_spaces")


def fix_doubled_chars(t: MappedText, rules: RuleSet) -> MappedText:
    """A doubled character goes when the single form is written elsewhere and the doubled one nowhere.

    ``全面加强强学校建设`` loses one 强 in a document that also writes
    ``全面加强学校建设`` (three characters each side);
    reduplicated words (``人人``, ``层层``) and numerals are never touched.
    """
    text = t.text
    reduplicating = compiled(rules).reduplicating
    found = []
    for m in _DOUBLED.finditer(text):
        ch = m.group(1)
        if ch in reduplicating:
            continue
        left, right = _cjk_window(text, m.start(), m.end(), 3)
        if len(left) < 3 or len(right) < 3:  # 中小学学生 is two words; only a long window is evidence
            continue
        found.append((m, left + ch + right, left + ch + ch + right))
    counts = _occurrences(text, {w for _, a, b in found for w in (a, b)})
    edits = [Edit(m.start() + 1, m.end(), "") for m, single, doubled in found
             if counts[single] >= 1 and counts[doubled] == 1]
    return t.apply(edits, "doubled_chars")


def is_traditional(text: str, rules: RuleSet | None = None, sample: int = 20000) -> bool:
    """Whether ``text`` is written in traditional characters (cheap: no OpenCC; counted by regex scans in C)."""
    head = text[:sample]
    cjk = sum(map(len, _CJK_RUN.findall(head)))  # runs, not one match per character
    if cjk < 20:
        return False
    traditional = compiled(rules or default_rules()).traditional
    return len(traditional.findall(head)) / cjk >= TRADITIONAL_SHARE


def fix_traditional(t: MappedText, rules: RuleSet) -> MappedText:
    """A document in traditional characters is converted to simplified (OpenCC t2s); others are left alone."""
    if not is_traditional(t.text, rules):
        return t
    from opencc import OpenCC  # only for a traditional document

    converted = OpenCC("t2s").convert(t.text)
    if len(converted) == len(t.text):
        return t.apply([Edit(i, i + 1, c) for i, (a, c) in enumerate(zip(t.text, converted)) if a != c], "traditional")
    ops = SequenceMatcher(None, t.text, converted, autojunk=False).get_opcodes()
    return t.apply([Edit(i1, i2, converted[j1:j2]) for op, i1, i2, j1, j2 in ops if op != "equal"], "traditional")


FIXERS: dict[str, Fixer] = {
    "line_ends": fix_line_ends,
    "zero_width": fix_zero_width,
    "fullwidth": fix_fullwidth,
    "spaces": fix_spaces,
    "quotes_dashes": fix_quotes_dashes,
    "glosses": fix_glosses,
    "traditional": fix_traditional,
    "letter_spacing": fix_letter_spacing,
    "stray_spaces": fix_stray_spaces,
    "doubled_chars": fix_doubled_chars,
}


def normalize(t: MappedText, rules: RuleSet | None = None) -> MappedText:
    """Stage ``normalize``: every fixer of ``FIXERS`` in order (with the built-in rules by default)."""
    rules = rules or default_rules()
    for fixer in FIXERS.values():
        t = fixer(t, rules)
    return t


def normalize_str(s: str, rules: RuleSet | None = None) -> str:
    """The normalized form of a plain string (for rules and tests)."""
    return normalize(MappedText.from_original(s), rules).text
