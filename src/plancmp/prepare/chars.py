"""Regex building blocks shared by every stage (plain strings: importing this compiles nothing).

Why not ``[\\u4e00-\\u9fff]``: Python's ``re`` compiles a character class with a
large range by filling a 65536-entry map in a Python loop, ~2-3 ms per pattern;
with ~30 such patterns that was a tenth of a fresh ``plancmp extract``.
:data:`HAN` is written with categories only and compiles in ~0.04 ms.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

#: One Han character: a word character that is not an ASCII letter, a decimal digit or ``_``.
#: Broader than the CJK blocks on purpose (it also takes 〇, ①, Ⅳ, kana, Cyrillic, é …):
#: the price of compiling without a range; use :func:`is_han` where the exact block matters.
HAN = r"[^\W\d_A-Za-z]"

#: Any character :data:`HAN` does not match (its exact complement).
NOT_HAN = r"[\W\d_A-Za-z]"

#: Placeholders a rule table may write in any string; substituted when the table is read.
PLACEHOLDERS = {"{han}": HAN, "{not_han}": NOT_HAN}


def han_or(chars: str) -> str:
    """A Han character or one of ``chars`` (already escaped for a character class)."""
    return f"(?:{HAN}|[{chars}])"


def is_han(c: str) -> bool:
    """Whether the single character ``c`` is in the CJK Unified Ideographs blocks (basic or extension A)."""
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


#: Full-width ASCII (U+FF01..U+FF5E) to its half-width form, for ``str.translate``.
#: The one copy of this table: normalization, the number parser and project names use it.
FULLWIDTH_TO_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal ``words``, longest first, so 不低于 wins over 不低.

    Empty input gives ``(?!)``, a pattern that never matches.

    >>> alternation(["以上", "及以上", "以上"])
    '及以上|以上'
    >>> alternation([])
    '(?!)'
    """
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) or "(?!)"


def any_of(patterns: Iterable[str]) -> str:
    """A regex alternation of ``patterns`` (regex source, each kept whole), in the order given.

    Empty input gives ``(?!)``, a pattern that never matches.

    >>> any_of(["第.章", "目标"])
    '(?:第.章)|(?:目标)'
    """
    return "|".join(f"(?:{p})" for p in patterns) or "(?!)"
