"""Word segmentation over plancmp's small domain dictionary, and part-of-speech tags.

jieba's big default dictionary costs about a second to load, so plancmp
builds a :class:`jieba.Tokenizer` over ``rules/jieba_dict.txt`` only (a few
hundred domain terms: 毛入园率, 普惠性幼儿园, 双师型, 巩固率 …), with the HMM
off: unknown text falls apart into single characters, which is what the
metric walk wants. Built once per :class:`~plancmp.ruleset.RuleSet` (:func:`compiled`).

:func:`tag` reads the same text with part-of-speech tags (jieba's tag set and its
route through a sentence, without jieba's prefix table, which would cost more to build: n
noun, v verb, d adverb, p preposition, r pronoun, t time, f locality, ns place
…) over ``rules/pos_lexicon.txt`` (the frequent words of jieba's own
dictionary with their tags, a few milliseconds to load), the domain dictionary
(whose tags win) and the county-level place names of the gazetteer; words it
does not know are single characters tagged ``x``, numbers ``m``, punctuation ``w``.
"""
from __future__ import annotations

import importlib
import logging
import math
import re
import sys
import types
from dataclasses import dataclass
from typing import Any

from ..errors import RulesError
from ..ruleset import RuleSet, compiled_once
from .gazetteer import gazetteer
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
    # load the domain dictionary as the main one: no default dict is read
    words: dict[str, int] = {}
    _read_dictionary(rules.path("jieba_dict.txt"), words, 1000)
    for w in _rule_words(rules):
        words.setdefault(w, 500 + 100 * len(w))
    return _tokenizer(words)


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


def _read_dictionary(path: Any, words: dict[str, int], default_freq: int) -> None:
    """Add the ``word [freq] [tag]`` lines of ``path``: the highest frequency wins."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else default_freq
            words[parts[0]] = max(words.get(parts[0], 0), freq)


def _tokenizer(words: dict[str, int]) -> Any:
    """A jieba Tokenizer whose whole dictionary is ``words`` (no default dictionary is read)."""
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer(dictionary=None)
    pfdict = dict.fromkeys({w[:i] for w in words for i in range(1, len(w))}, 0)
    pfdict.update(words)
    tk.FREQ, tk.total = pfdict, sum(words.values()) or 1
    tk.initialized = True
    return tk


def _read_lexicon(path: Any, lexicon: dict[str, tuple[int, str]]) -> None:
    """Add the lines ``tag freq word word ...`` of the generated lexicon (36,000 words, read a line
    at a time: no step per word in Python)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line[0] == "#":
            continue
        tag_, freq, *ws = line.split()
        if not freq.isdigit():
            raise RulesError(f"rules file {path} must hold 'tag freq word ...' lines; regenerate it with "
                             "scripts/make_pos_lexicon.py")
        lexicon.update(dict.fromkeys(ws, (int(freq), tag_)))


def _add_domain_words(path: Any, lexicon: dict[str, tuple[int, str]]) -> None:
    """The ``word [freq] [tag]`` lines of the domain dictionary: the highest frequency wins, a tag
    given wins, and an untagged term the lexicon lacks or tags as a name is a noun."""
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        w = parts[0]
        old_freq, old_tag = lexicon.get(w, (0, "nr"))
        freq = max(old_freq, int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1000)
        lexicon[w] = (freq, parts[2] if len(parts) > 2 else "n" if old_tag in _NAME_TAGS else old_tag)


#: jieba's tags of names and set phrases: a domain term the lexicon tags so is a noun of the genre
#: (幼儿园 nr, 义务教育 l, 中小学 j, 满意度 ns)
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "nz", "ns", "l", "i", "j"})

#: frequency given to a place name of the gazetteer that the lexicon lacks
_PLACE_FREQ = 1000


#: the longest word the tagger looks up (longer dictionary words are never matched whole)
_MAX_WORD = 10

_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True)
class CompiledTagger:
    """The part-of-speech dictionary of one rule set (word → frequency and tag) and the tagged words
    it has given."""

    lexicon: dict[str, tuple[int, str]]
    log_total: float
    memo: dict[str, tuple[tuple[str, str], ...]]

    def cut(self, text: str) -> list[str]:
        """The most probable split of ``text`` into dictionary words (jieba's route without its HMM:
        a word's weight is its frequency, an unknown character's 1); a run of ASCII letters and
        digits stays one word. No prefix table is built: a word is looked up at most
        :data:`_MAX_WORD` characters long."""
        n, lex = len(text), self.lexicon
        best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
        for i in range(n - 1, -1, -1):
            m = _ASCII_WORD.match(text, i) if text[i].isascii() else None
            if m:
                best[i] = (best[m.end()][0] - self.log_total, m.end())
                continue
            options = [(math.log(lex[text[i:j]][0] if text[i:j] in lex else 1) - self.log_total + best[j][0], j)
                       for j in range(i + 1, min(n, i + _MAX_WORD) + 1) if j == i + 1 or text[i:j] in lex]
            best[i] = max(options)
        out, i = [], 0
        while i < n:
            j = best[i][1]
            out.append(text[i:j])
            i = j
        return out


@compiled_once
def tagger(rules: RuleSet) -> CompiledTagger:
    """The tagging tokenizer of this rule set (built on first use): jieba's frequent words, the
    gazetteer's places and the domain words."""
    lexicon = dict(_jieba_words(rules))
    _add_domain(rules, lexicon)
    return _compiled_tagger(lexicon)


@compiled_once
def rich_tagger(rules: RuleSet) -> CompiledTagger:
    """jieba's vocabulary alone, with its rarer words (``rules/pos_lexicon_rare.txt``, 79,000 words),
    and the gazetteer's places: the project judge reads a name's modifier with it, so that a compound
    of the genre (光伏, 老街, 底账) is a word rather than characters taken for an unknown proper name,
    and a domain term of the metric walk (名校长) is read in its parts, as jieba reads it. The metric
    walk keeps the frequent words and the domain dictionary."""
    lexicon = dict(_jieba_words(rules))
    _read_lexicon(rules.path("pos_lexicon_rare.txt"), lexicon)
    return _compiled_tagger(lexicon)


@compiled_once
def _jieba_words(rules: RuleSet) -> dict[str, tuple[int, str]]:
    """jieba's frequent words and the gazetteer's places: what both taggers start from (read once)."""
    lexicon: dict[str, tuple[int, str]] = {}
    _read_lexicon(rules.path("pos_lexicon.txt"), lexicon)
    for name in gazetteer(rules).by_name:
        lexicon.setdefault(name, (_PLACE_FREQ, "ns"))
    return lexicon


def _compiled_tagger(lexicon: dict[str, tuple[int, str]]) -> CompiledTagger:
    total = sum(f for f, _ in lexicon.values())
    return CompiledTagger(lexicon=lexicon, log_total=math.log(total or 1), memo={})


def _add_domain(rules: RuleSet, lexicon: dict[str, tuple[int, str]]) -> None:
    mw = metric_words(rules)
    for w in (*mw.designation, *mw.after_stop):  # the counted thing after a number stops at them whole
        if len(w) > 1:
            lexicon.setdefault(w, (500 + 100 * len(w), "v"))
    _add_domain_words(rules.path("jieba_dict.txt"), lexicon)


def _tag_of(word: str, lexicon: dict[str, tuple[int, str]]) -> str:
    entry = lexicon.get(word)
    if entry is not None:
        return entry[1]
    if word[:1].isdigit():
        return "m"
    return "x" if word[:1].isalpha() else "w"


def tag(text: str, rules: RuleSet, rare: bool = False) -> list[tuple[str, str]]:
    """Words of ``text`` with their part-of-speech tags; joining the words gives back ``text``.
    ``rare``: with jieba's rarer words too (:func:`rich_tagger`).

    >>> from plancmp.ruleset import default_rules
    >>> tag("滨海新区将新建幼儿园", default_rules())
    [('滨海新区', 'ns'), ('将', 'd'), ('新建', 'v'), ('幼儿园', 'n')]
    """
    if not text:
        return []
    tk = rich_tagger(rules) if rare else tagger(rules)
    hit = tk.memo.get(text)
    if hit is None:
        if len(tk.memo) >= MEMO_SIZE:
            tk.memo.clear()
        hit = tk.memo[text] = tuple((w, _tag_of(w, tk.lexicon)) for w in tk.cut(text))
    return list(hit)


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
