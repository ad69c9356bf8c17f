"""Word list numbering: the marker (``一、``, ``（一）``, ``1.``, ``①``) Word draws before a paragraph.

A numbered paragraph names a list (``w:numId``) and a level (``w:ilvl``),
itself or through its paragraph style (and the styles that style is based
on). The list points at an abstract definition whose level gives the start
value, the number format (``chineseCounting``, ``decimal``,
``decimalEnclosedCircle`` …) and the text (``%1、``, ``（%2）``). Counters are
kept per abstract definition (lists that share one continue each other, as
Word numbers them); a list's ``startOverride`` restarts a level; using a level
restarts the levels below it.

>>> chinese(1), chinese(10), chinese(14), chinese(20), chinese(105)
('一', '十', '十四', '二十', '一百零五')
>>> number_text(3, "decimalEnclosedCircle"), number_text(2, "ideographTraditional"), number_text(4, "upperRoman")
('③', '乙', 'IV')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_PLACEHOLDER = re.compile(r"%([1-9])")


def chinese(n: int, digits: str = _DIGITS, units: tuple[str, str, str] = ("十", "百", "千")) -> str:
    """``n`` (1-9999) in Chinese counting: 十一, 二十, 一百零五."""
    if n <= 0 or n > 9999:
        return str(n)
    parts: list[str] = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d, n = divmod(n, power)
        if d:
            if zero and parts:
                parts.append(digits[0])
            parts.append(digits[d] + unit)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts)
    return text[1:] if text.startswith(digits[1] + units[0]) else text  # 十一, not 一十一


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _cycle(n: int, names: str) -> str:
    return names[(n - 1) % len(names)]


def number_text(n: int, fmt: str) -> str:
    """The counter ``n`` written in Word's number format ``fmt``."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        if fmt in ("ideographDigital", "taiwaneseDigital"):
            return "".join(_DIGITS[int(d)] if d != "0" else "〇" for d in str(n))
        return chinese(n)
    if fmt == "chineseLegalSimplified":
        return chinese(n, _LEGAL, ("拾", "佰", "仟"))
    if fmt == "ideographTraditional":
        return _cycle(n, _TIANGAN)
    if fmt == "ideographZodiac":
        return _cycle(n, _DIZHI)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # restart after this (1-based) level is used; 0: never
    legal: bool = False  # isLgl: every number of the marker in decimal


@dataclass
class Numbering:
    """The numbering definitions of one document and the counters of a reading pass."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> level -> start
    styles: dict[str, tuple[str | None, str | None, str | None]] = field(default_factory=dict)  # id -> numId, ilvl, basedOn
    links: dict[str, str] = field(default_factory=dict)  # abstractNumId -> the list style it takes its levels from
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)  # numIds whose overrides were applied

    @classmethod
    def of(cls, document: Any) -> Numbering:
        """The definitions of a python-docx ``Document`` (empty when it has no numbering part)."""
        nb = cls()
        part = document.part
        try:
            numbering_el = part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            numbering_el = None
        if numbering_el is not None:
            nb._read_numbering(numbering_el)
        try:
            styles_el = document.styles.element
        except (KeyError, AttributeError, NotImplementedError):
            styles_el = None
        if styles_el is not None:
            for st in styles_el.iter(W + "style"):
                num_pr = st.find(f"{W}pPr/{W}numPr")
                based = st.find(W + "basedOn")
                nb.styles[st.get(W + "styleId") or ""] = (
                    _val(num_pr, "numId"), _val(num_pr, "ilvl"), based.get(W + "val") if based is not None else None)
        return nb

    def _read_numbering(self, el: Any) -> None:
        for an in el.iter(W + "abstractNum"):
            levels: dict[int, Level] = {}
            for lvl in an.iter(W + "lvl"):
                levels[_int(lvl.get(W + "ilvl"), 0)] = _level(lvl)
            self.abstract[an.get(W + "abstractNumId") or ""] = levels
            link = _val(an, "numStyleLink")
            if link:
                self.links[an.get(W + "abstractNumId") or ""] = link
        for num in el.iter(W + "num"):
            num_id = num.get(W + "numId") or ""
            self.nums[num_id] = _val(num, "abstractNumId") or ""
            for ov in num.iter(W + "lvlOverride"):
                start = _val(ov, "startOverride")
                if start is not None:
                    self.overrides.setdefault(num_id, {})[_int(ov.get(W + "ilvl"), 0)] = _int(start, 1)

    def _num_pr(self, p: Any) -> tuple[str | None, int]:
        num_pr = p.find(f"{W}pPr/{W}numPr")
        num_id, ilvl = _val(num_pr, "numId"), _val(num_pr, "ilvl")
        style = p.find(f"{W}pPr/{W}pStyle")
        style_id = style.get(W + "val") if style is not None else None
        seen: set[str] = set()
        while num_id is None and style_id and style_id not in seen:
            seen.add(style_id)
            s_num, s_lvl, style_id = self.styles.get(style_id, (None, None, None))
            num_id, ilvl = s_num, ilvl if ilvl is not None else s_lvl
        return num_id, _int(ilvl, 0)

    def _definition(self, key: str) -> str:
        """The abstract definition that holds the levels: a list that only links to a list
        style (``numStyleLink``) takes the levels of the list that style names."""
        for _ in range(4):
            link = self.links.get(key)
            num_id = self.styles.get(link, (None, None, None))[0] if link else None
            if num_id is None or num_id not in self.nums:
                break
            key = self.nums[num_id]
        return key

    def marker(self, p: Any) -> str:
        """The list marker Word draws before paragraph ``p`` ("" when it is not numbered), counting it."""
        num_id, ilvl = self._num_pr(p)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        key = self._definition(self.nums[num_id])
        levels = self.abstract.get(key, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        counts = self.counters.setdefault(key, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in self.overrides.get(num_id, {}).items():
                counts[lv] = start - 1
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        for deeper in [lv for lv in counts if lv > ilvl]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart and ilvl < restart):
                del counts[deeper]
        if level.fmt == "bullet":
            return ""

        def fill(m: re.Match[str]) -> str:
            lv = int(m.group(1)) - 1
            spec = levels.get(lv, Level())
            n = counts.get(lv, spec.start)
            return str(n) if level.legal and lv != ilvl else number_text(n, spec.fmt)

        return _PLACEHOLDER.sub(fill, level.text).strip()


def _val(el: Any, name: str) -> str | None:
    if el is None:
        return None
    child = el.find(W + name)
    return child.get(W + "val") if child is not None else None


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _level(lvl: Any) -> Level:
    restart = _val(lvl, "lvlRestart")
    return Level(start=_int(_val(lvl, "start"), 1), fmt=_val(lvl, "numFmt") or "decimal",
                 text=_val(lvl, "lvlText") if _val(lvl, "lvlText") is not None else "",
                 restart=_int(restart, 0) if restart is not None else None,
                 legal=lvl.find(W + "isLgl") is not None)
