"""Stage 2, normalize: small named fixers, each a pure function on a MappedText.

Each fixer changes characters for matching only; positions still map back to
the original through :mod:`plancmp.textmap`. ``FIXERS`` lists them in the
order they run; ``normalize`` runs them all.

>>> normalize_str("到２０２５年达到９５％")
'到2025年达到95%'
"""
from __future__ import annotations

import re
from collections.abc import Callable

from .textmap import Edit, MappedText

Fixer = Callable[[MappedText], MappedText]

_LINE_END = re.compile(r"\r\n?")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

# full-width ASCII block U+FF01..U+FF5E -> U+0021..U+007E
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_SPACES = {cp: " " for cp in (0x3000, 0x00A0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
                                0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x1680)}
_QUOTES = {ord("「"): "“", ord("」"): "”", ord("『"): "“", ord("』"): "”", ord("〝"): "“", ord("〞"): "”",
           ord("＂"): '"'}
_DASHES = {ord(c): "-" for c in "‐‑‒–—―−﹣﹘"} | {ord(c): "~" for c in "～〜∼"}


def fix_line_ends(t: MappedText) -> MappedText:
    """CRLF and CR line ends become LF."""
    return t.apply([Edit(m.start(), m.end(), "\n") for m in _LINE_END.finditer(t.text)], "line_ends", record=False)


def fix_zero_width(t: MappedText) -> MappedText:
    """Zero-width characters, soft hyphens and stray BOMs are removed."""
    return t.apply([Edit(m.start(), m.end(), "") for m in _ZERO_WIDTH.finditer(t.text)], "zero_width")


def fix_fullwidth(t: MappedText) -> MappedText:
    """Full-width digits, letters and ASCII punctuation become half-width: ９５％ → 95%."""
    return t.translate(_FULLWIDTH, "fullwidth")


def fix_spaces(t: MappedText) -> MappedText:
    """Ideographic, no-break and other exotic spaces become a plain space."""
    return t.translate(_SPACES, "spaces")


def fix_quotes_dashes(t: MappedText) -> MappedText:
    """Corner brackets become “ ”; dash variants become -, wave dashes ~."""
    return t.translate(_QUOTES | _DASHES, "quotes_dashes")


FIXERS: dict[str, Fixer] = {
    "line_ends": fix_line_ends,
    "zero_width": fix_zero_width,
    "fullwidth": fix_fullwidth,
    "spaces": fix_spaces,
    "quotes_dashes": fix_quotes_dashes,
}


def normalize(t: MappedText) -> MappedText:
    """Stage ``normalize``: every fixer of ``FIXERS`` in order."""
    for fixer in FIXERS.values():
        t = fixer(t)
    return t


def normalize_str(s: str) -> str:
    """The normalized form of a plain string (for rules and tests)."""
    return normalize(MappedText.from_original(s)).text
