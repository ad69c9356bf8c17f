"""How a number and a target's value read in every output: the one number
formatter and the one value text, shared by ``diff``, ``compare`` and the writers.
"""
from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..models import Target

#: the sign written before a value for each comparator (a range is written ``1–2``)
COMPARATOR_SIGNS = {"=": "", ">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "约", "range": ""}

#: below this magnitude an integral number is written without its fraction (100.0 → 100);
#: above it a float no longer holds every integer exactly
_EXACT_INTEGERS = 1e15


def format_number(v: Any) -> str:
    """A number as a person writes it: ``100``, ``99.02``, ``0.00001``; None is ''.

    >>> format_number(100.0), format_number(99.02), format_number(None)
    ('100', '99.02', '')
    """
    if v is None:
        return ""
    f = float(v)
    return str(int(f)) if f.is_integer() and abs(f) < _EXACT_INTEGERS else format(Decimal(str(v)).normalize(), "f")


def value_text(t: "Target | Mapping[str, Any]", with_year: bool = False) -> str:
    """A target's value with its comparator and unit: ``≥90%``, ``1–2所``,
    ``约3000个``, ``1:1``; ``with_year`` adds `` (2025)``. ``t`` is a
    :class:`~plancmp.models.Target` or its record as ``plancmp extract`` prints it.

    >>> value_text({"value": 90, "comparator": ">=", "unit": "%", "year": 2025}, with_year=True)
    '≥90% (2025)'
    """
    get = t.get if isinstance(t, Mapping) else partial(getattr, t)
    unit = get("unit", None) or ""
    if get("value_max", None) is not None:
        text = f"{format_number(get('value', None))}–{format_number(get('value_max', None))}{unit}"
    else:
        text = f"{COMPARATOR_SIGNS.get(get('comparator', None) or '=', '')}{format_number(get('value', None))}{unit}"
    year = get("year", None) if with_year else None
    return f"{text} ({year})" if year else text
