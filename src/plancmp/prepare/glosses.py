"""Fixer ``glosses``: drop conversion glosses and injected spam from inside words.

Pages stored from conversion sites write the pinyin or the other script of a character right
after it (``學(xué)``, ``园[繁体:園]``, ``二(读:èr)``, ``中{拼音:zhōng}``, ``儿【ér】``, or bare:
``古浪làng 县``); spam sites inject casino names inside words (``华藏澳门新葡京寺村``). Both are
dropped, so metrics and project names read as the plan writes them; the original stays in each
record's ``text``. ``rules/glosses.toml`` lists the labels, extra brackets and spam phrases.

>>> from plancmp.prepare.normalize import normalize_str
>>> normalize_str("古浪县城chéng 关第四小学(xué)、华藏澳门新葡京寺村幼儿【ér】园")
'古浪县城关第四小学、华藏寺村幼儿园'
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from pydantic import BaseModel, Field

from ..ruleset import RuleSet, compiled_once
from .chars import HAN, alternation
from .textmap import Edit, MappedText

#: pinyin letters, with tone marks (a syllable is at most six letters: zhuang, chuang)
_PINYIN_CH = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
#: one pinyin syllable: an initial, then a final
_SYLLABLE = f"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[aeiouvü{_TONED}][{_PINYIN_CH}]{{0,4}}"
#: what a gloss inside brackets may say after its label (園, èr, zhōng)
_LABELLED_BODY = 8


class GlossRules(BaseModel):
    """``rules/glosses.toml``."""

    labels: list[str] = Field(description="words that open a gloss inside brackets (繁体, 拼音, 读)")
    brackets: list[str] = Field(description="bracket pairs besides ASCII ones, two characters each")
    spam: list[str] = Field(description="phrases injected by spam sites, dropped wherever they stand")


@dataclass(frozen=True)
class CompiledGlosses:
    pattern: re.Pattern[str]  # any gloss or spam phrase


@compiled_once
def compiled(rules: RuleSet) -> CompiledGlosses:
    r = rules.table("glosses", GlossRules)
    pairs = ["()", "[]", "{}", *(b for b in r.brackets if len(b) == 2)]
    opening = re.escape("".join(p[0] for p in pairs))
    closing = re.escape("".join(p[1] for p in pairs))
    labels = alternation(r.labels)
    labelled = f"[{opening}]\\s*(?:{labels})\\s*:\\s*[^{closing}\\n]{{1,{_LABELLED_BODY}}}[{closing}]"
    # a bracketed syllable right after a Han character: 學(xué), 儿【ér】
    bracketed = f"(?<={HAN})[{opening}]\\s*{_SYLLABLE}\\s*[{closing}]"
    # a toned syllable inside a word, between two Han characters: 古浪làng 县
    # (a toned letter is a word character outside A-Z: HAN holds it, so it is kept out on both sides)
    han = f"(?![{_PINYIN_CH}]){HAN}"
    bare = f"(?<={HAN})(?<![{_PINYIN_CH}])(?=[{_PINYIN_CH}]*[{_TONED}]){_SYLLABLE} ?(?={han})"
    parts = [labelled, bracketed, bare]
    if r.spam:
        parts.append(alternation(r.spam))
    return CompiledGlosses(pattern=re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE))


def fix_glosses(t: MappedText, rules: RuleSet) -> MappedText:
    """Conversion glosses and spam phrases inside words are dropped: ``學(xué)`` → ``學``.

    In a page that shows glosses, a hard wrap may cut one anywhere (``目標(biā`` ⏎ ``o)``, ``古浪là``
    ⏎ ``ng 县``, ``學`` ⏎ ``(xué)``, ``城chéng `` ⏎ ``关``): the glosses are looked for again with the
    line ends taken out, and one that a line end cuts (or stands right beside) goes with that line
    end, so the word cut with it is whole again."""
    pattern = compiled(rules).pattern
    text = t.text
    spans = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if spans and "\n" in text:
        spans = sorted(spans + _cut_glosses(text, pattern, spans))
    return t.apply([Edit(a, b, "") for a, b in spans], "glosses")


def _cut_glosses(text: str, pattern: re.Pattern[str], whole: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in ``text`` of the glosses that only the text without its line ends shows, each with the
    line ends inside it and right around it."""
    breaks = [m.start() for m in re.finditer("\n", text)]
    shifted = [p - i for i, p in enumerate(breaks)]  # where each line end would be in the joined text

    def real(j: int) -> int:  # position in ``text`` of the character at ``j`` of the joined text
        return j + bisect_right(shifted, j)

    taken = sorted(whole)
    out: list[tuple[int, int]] = []
    for m in pattern.finditer(text.replace("\n", "")):
        if m.end() == m.start():
            continue
        a, b = real(m.start()), real(m.end() - 1) + 1
        if a > 0 and text[a - 1] == "\n":
            a -= 1
        if b < len(text) and text[b] == "\n":
            b += 1
        if "\n" not in text[a:b]:
            continue  # no line end cuts it: the first pass has it
        k = bisect_right(taken, (a, len(text)))
        if (k and taken[k - 1][1] > a) or (k < len(taken) and taken[k][0] < b) or (out and out[-1][1] > a):
            continue  # overlaps a gloss found whole, or the one before it
        out.append((a, b))
    return out
