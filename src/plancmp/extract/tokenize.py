"""Word segmentation over plancmp's small domain dictionary.

jieba's big default dictionary costs about a second to load, so plancmp
builds a :class:`jieba.Tokenizer` over ``rules/jieba_dict.txt`` only (a few
hundred domain terms: 毛入园率, 普惠性幼儿园, 双师型, 巩固率 …), with the HMM
off: unknown text falls apart into single characters, which is what the
metric walk wants. Built once per :class:`~plancmp.ruleset.RuleSet` (:func:`compiled`).
"""
from __future__ import annotations

import importlib
import logging
import sys
import types
from dataclasses import dataclass
from typing import Any

from ..ruleset import RuleSet, compiled_once
from .numbers import comparators, metric_words

_HMM = "jieba.finalseg"


class _LazyHMM(types.ModuleType):
    """Stands in for ``jieba.finalseg`` (the HMM tables, ~20 ms to load, which a Tokenizer with the
    HMM off never reads) and imports the real module the first time anything uses it, so other
    code in the process that runs jieba with the HMM on still gets it."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get(_HMM) is self:
            del sys.modules[_HMM]
        real = importlib.import_module(_HMM)
        return getattr(real, name)


def _import_jieba() -> Any:
    """Import jieba without pkg_resources (0.2 s of setuptools it only uses to open its HMM tables)
    and without loading its HMM tables until they are used."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes `import pkg_resources` fail
    lazy = _HMM not in sys.modules
    if lazy:
        sys.modules[_HMM] = _LazyHMM(_HMM)
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    return jieba


def _build(rules: RuleSet) -> Any:
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer(dictionary=None)
    # load the domain dictionary as the main one: no default dict is read
    words: dict[str, int] = {}
    with rules.path("jieba_dict.txt").open(encoding="utf-8") as f:
        for line in f:
            parts = line.strip().split()
            if not parts or parts[0].startswith("#"):
                continue
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1000
            words[parts[0]] = max(words.get(parts[0], 0), freq)
    for w in _rule_words(rules):
        words.setdefault(w, 500 + 100 * len(w))
    pfdict: dict[str, int] = {}
    for w, fr in words.items():
        pfdict[w] = fr
        for i in range(1, len(w)):
            pfdict.setdefault(w[:i], 0)
    tk.FREQ, tk.total = pfdict, sum(words.values()) or 1
    tk.initialized = True
    return tk


def _rule_words(rules: RuleSet) -> list[str]:
    """The words the metric walk drops or stops at (rules/numbers.toml, rules/comparators.toml):
    they must come out of the tokenizer whole."""
    w, comparator_words = metric_words(rules), comparators(rules)
    metric = [*w.lead, *w.trail, *w.designation, *w.after_stop, *w.attributes]
    return [x for x in [*metric, *(e.word for e in [*comparator_words.before, *comparator_words.after, *comparator_words.inner])] if len(x) > 1]


#: clauses whose words are remembered per rule set (the same clause is tokenized again by the
#: metric walk, and plans of one genre repeat their phrasings)
MEMO_SIZE = 20000


@dataclass(frozen=True)
class CompiledTokenizer:
    """The tokenizer of one rule set and the words it has given."""

    jieba: Any  # a jieba.Tokenizer over the domain dictionary
    memo: dict[str, tuple[str, ...]]  # clause -> its words, at most MEMO_SIZE clauses


@compiled_once
def compiled(rules: RuleSet) -> CompiledTokenizer:
    """The tokenizer of this rule set (built on first use)."""
    return CompiledTokenizer(jieba=_build(rules), memo={})


def tokenize(text: str, rules: RuleSet) -> list[str]:
    """Words of ``text``; domain terms stay whole, other text is split into characters.

    Joining the words gives back ``text`` exactly.
    """
    if not text:
        return []
    tk = compiled(rules)
    hit = tk.memo.get(text)
    if hit is None:
        if len(tk.memo) >= MEMO_SIZE:  # bounded: a batch of thousands of plans does not grow it forever
            tk.memo.clear()
        hit = tk.memo[text] = tuple(tk.jieba.cut(text, HMM=False))
    return list(hit)
