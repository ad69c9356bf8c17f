"""The words of a clause around a number: what a metric keeps and what it drops.

:func:`strip_words` tokenizes the stretch before a number with the domain
dictionary and drops filler words at its start and link words (达到, 保持在,
均 …) at its end; :func:`after_noun` reads the counted thing written after a
count (建成10所书香校园); :func:`rate_split` splits a rate into its subject and
its rate word (学业成绩合格率 → 学业成绩, 合格率). The strategies that choose a
metric from these are in :mod:`plancmp.extract.metric`. The word lists are
``[metric]`` in ``rules/numbers.toml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..prepare.chars import HAN, alternation
from ..prepare.headings import HeadingRules
from ..ruleset import RuleSet, compiled_once
from .numbers import comparators, metric_words, year_words
from .phrase import GlossRules
from .phrase import compiled as phrase_rules
from .quantities import Units
from .tokenize import tag, tokenize

#: a five-year period written as a time (“十三五”, 十四五): the writing system of plan periods
_FIVE_YEAR = r"[“\"]?[一二三四五六七八九十]{1,3}五[”\"]?"


@dataclass(frozen=True)
class CompiledMetricWords:
    """The word lists of :class:`~plancmp.extract.numbers.MetricWords` as sets, its patterns compiled."""

    lead: frozenset[str]
    trail: frozenset[str]
    after_stop: frozenset[str]
    level_bounds: frozenset[str]
    lead_patterns: list[re.Pattern[str]]
    trail_patterns: list[re.Pattern[str]]
    list_markers: list[re.Pattern[str]]  # a list marker opening a clause: 5.小学…, (3)…, ①…
    year_phrase: re.Pattern[str]  # a year phrase inside a metric: 到2025年, 2020年底, 至2020年
    includes: re.Pattern[str]  # what a figure includes, in brackets: （含民办）
    includes_open: re.Pattern[str]  # a bracket opening on what a figure includes: 56所(含教学点87个)
    standard_code: re.Pattern[str]  # a standard cited in brackets: （国标GB5749-2006）
    clause_end_after: re.Pattern[str]  # where the clause after a number ends: punctuation, a next count
    gloss: re.Pattern[str]  # a conversion site's gloss: (xué), [繁体:園]


@compiled_once
def compiled(rules: RuleSet) -> CompiledMetricWords:
    w = metric_words(rules)
    years = year_words(rules)
    includes = alternation(w.includes)
    counted = alternation(rules.table("units", Units).count_nouns)
    before = alternation(c.word for c in comparators(rules).before)
    return CompiledMetricWords(
        lead=frozenset(w.lead), trail=frozenset(w.trail), after_stop=frozenset(w.after_stop), level_bounds=frozenset(w.level_bounds),
        lead_patterns=[re.compile(p) for p in w.lead_patterns],
        trail_patterns=[re.compile(p) for p in w.trail_patterns],
        list_markers=[re.compile(rf"\s*(?:{k.pattern})") for k in rules.table("headings", HeadingRules).kinds if k.item],
        # also a five-year period as a time: “十三五”期间, 十四五末, 比“十三五”末 (not the 十四五 of a name)
        year_phrase=re.compile(rf"(?:{alternation(years.prepositions)})?(?:(?:19|20)\d{{2}}\s*[-~至到—]\s*)?(?:19|20)\d{{2}}年"
                               r"(?:底|末|前|初|内|以前|以来|时|度)?"
                               rf"|(?:{alternation(years.prepositions)})?{_FIVE_YEAR}(?:期间|时期|期末|末|初|以来)"
                               rf"|(?:{alternation(years.prepositions)}){_FIVE_YEAR}"),
        includes=re.compile(rf"[(（](?:{includes})[^)）]{{0,12}}[)）]"),
        includes_open=re.compile(rf"^\s*[(（]\s*(?:{includes})[:：]?"),
        standard_code=re.compile(w.standard_code),
        # a joiner before the next count ends the counted thing: 10所学校和三所幼儿园, 3个园区和至少1个…
        clause_end_after=re.compile(rf"[，,。；;：:！!？?\n】」』》]|(?:{alternation(w.list_joiners)})"
                                    rf"(?=\s*(?:{before})?\s*(?:\d|[一二两三四五六七八九十]+(?:{counted})))"
                                    rf"|[(（](?=\s*(?:\d|{includes}))"),
        gloss=re.compile(rules.table("phrase", GlossRules).gloss),
    )


_EDGE_PUNCT = "，,。；;：:、 \t“”\"'‘’（）()【】[]《》—-~"

#: a share written inside the thing counted (两次增加20%绩效工资): left out of its name
_EMBEDDED_SHARE = re.compile(r"\d+(?:\.\d+)?\s*%")

#: the longest action kept after a counted thing (对12座泵站进行改造 → 泵站改造; not 防洪能力达标建设)
_DONE_MAX = 5

#: a count in brackets after a number is looked for this far: 20所(5所省级、15所市级)书香示范校
BRACKET_WINDOW = 60

#: words before 的 longer than this are a modifier of the counted thing, not part of its name
#: (建成50个具有前瞻性的创新项目 → 创新项目)
_MODIFIER_MIN = 6


def strip_glosses(text: str, rules: RuleSet) -> tuple[str, list[int]]:
    """``text`` without the pinyin and character glosses of conversion sites (學(xué) → 學,
    園[繁体:園] → 園), and for each of its positions (and its end) the position in ``text``."""
    gloss = compiled(rules).gloss
    out: list[str] = []
    pos: list[int] = []
    last = 0
    for m in gloss.finditer(text):
        out.append(text[last:m.start()])
        pos.extend(range(last, m.start()))
        last = m.end()
    out.append(text[last:])
    pos.extend(range(last, len(text) + 1))
    return "".join(out), pos


def strip_list_marker(text: str, rules: RuleSet) -> str:
    """``text`` without a list marker opening it (24.完成… → 完成…): the item kinds of
    ``rules/headings.toml``."""
    for marker in compiled(rules).list_markers:
        m = marker.match(text)
        if m:
            return text[m.end():]
    return text


def _clean_raw(raw: str, rules: RuleSet) -> str:
    words = compiled(rules)
    raw = strip_list_marker(raw, rules)
    raw = words.year_phrase.sub("", raw)
    for p in words.lead_patterns:
        raw = p.sub("", raw)
    raw = words.includes.sub("", words.standard_code.sub("", raw))
    return words.includes_open.sub("", raw)


def _balance(s: str) -> str:
    """Drop an unmatched opening quote or bracket at the start or a closing one at the end."""
    pairs = {"“": "”", "(": ")", "（": "）", "《": "》", "‘": "’"}
    for o, c in pairs.items():
        if s.count(o) > s.count(c) and s.startswith(o):
            s = s[1:]
        if s.count(c) > s.count(o) and s.endswith(c):
            s = s[:-1]
    return s


_LEADING_JUNK = re.compile(r"^[^\w“\"(（]+")  # Han characters are word characters


def strip_words(raw: str, rules: RuleSet, steps: list[str] | None = None) -> str:
    """``raw`` without leading filler and trailing link words (token by token)."""
    ws = compiled(rules)
    lead, trail = ws.lead, ws.trail
    text = _clean_raw(raw, rules)
    text = _LEADING_JUNK.sub("", text).strip(_EDGE_PUNCT)
    toks = [t for t in tokenize(text, rules) if t.strip()]
    changed = True
    while changed and toks:
        changed = False
        while toks and (toks[0] in _EDGE_PUNCT or (toks[0] in lead and not _opens_word(toks, rules))):
            if steps is not None:
                steps.append(f"drop lead {toks[0]!r}")
            toks.pop(0)
            changed = True
        while toks and (toks[-1] in _EDGE_PUNCT or (toks[-1] in trail and not _closes_word(toks, rules))):
            if steps is not None:
                steps.append(f"drop trail {toks[-1]!r}")
            toks.pop()
            changed = True
    out = _balance("".join(toks).strip(_EDGE_PUNCT))
    for p in ws.trail_patterns:
        cut = p.sub("", out)
        if cut != out and cut:
            if steps is not None:
                steps.append(f"drop closing {out[len(cut):]!r}")
            return strip_words(cut, rules, steps)
    return out


def _opens_word(toks: list[str], rules: RuleSet) -> bool:
    """Whether the one-character first token opens a longer word of the lexicon (有 in 有序开展,
    年 in 年末常住人口): then it is no filler to drop."""
    if len(toks[0]) != 1 or len(toks) < 2:
        return False
    first = tag("".join(toks[:4]), rules)[0][0]
    return len(first) > 1


def _closes_word(toks: list[str], rules: RuleSet) -> bool:
    """Whether the one-character last token closes a longer word of the lexicon (计 in 设计):
    then it is no link word to drop."""
    if len(toks[-1]) != 1 or len(toks) < 2:
        return False
    last = tag("".join(toks[-4:]), rules)[-1][0]
    return len(last) > 1


def after_task_verb(head: str, rules: RuleSet) -> str | None:
    """What follows the last building/equipping verb of ``head`` (每所学校至少配备 → ``""``,
    每三年重点培养市级 → ``市级``), or None when ``head`` has no such verb
    after some words of its own."""
    best = -1
    for v in metric_words(rules).task_verbs:
        i = head.rfind(v)
        if i > 0:  # a verb alone (建成十所…) stays part of the metric
            best = max(best, i + len(v))
    return None if best < 0 else head[best:]


def after_level(metric: str, rules: RuleSet) -> str:
    """What follows the first level or school-stage word of ``metric`` (建设县级以上课程改革示范校 →
    课程改革示范校, 小学生均公用经费标准 → 生均公用经费标准); a metric without a level gives what
    follows its opening task verb (认定特色示范校 → 特色示范校), else ``""``. A level after
    words other than verbs is part of a noun (适龄学前儿童): ``""``."""
    best: tuple[int, int] | None = None
    for lv in metric_words(rules).levels:
        i = metric.find(lv)
        if i >= 0 and (best is None or (i, -len(lv)) < (best[0], -best[1])):
            best = (i, len(lv))
    if best:
        before = tag(metric[:best[0]], rules)
        return metric[best[0] + best[1]:] if all(t.startswith("v") for _, t in before) else ""
    verb = next((v for v in metric_words(rules).task_verbs if metric.startswith(v)), "")
    return metric[len(verb):] if verb and len(metric) > len(verb) + 1 else ""


def subject_after_raise(head: str, rules: RuleSet) -> str | None:
    """``生均公用经费标准提高至小学`` → ``小学生均公用经费标准``: a level written after the raise
    verb is the subject of the metric before it; None when ``head`` does not end that way."""
    w = metric_words(rules)
    for v in sorted(w.raise_verbs, key=len, reverse=True):
        i = head.rfind(v)
        if i <= 0:
            continue
        tail = head[i + len(v):]
        if tail and tail in w.levels:
            body = strip_words(head[:i], rules)
            return tail + body if body and not body.startswith(tail) else None
    return None


def after_noun(text: str, rules: RuleSet) -> tuple[str, int, bool]:
    """The counted thing written right after a count (``所书香校园，`` → ``书香校园``) and its length in ``text``.

    The rest of the clause, cut at the first stop word; a modifier ending in
    的 is dropped (建成50个具有前瞻性的创新项目 → 创新项目); a designation
    wins (28所学校被评为“示范校” → 示范校). Empty when no noun follows.
    """
    w = metric_words(rules)
    skip = 0
    if text[:1] in ("(", "（"):  # 20所(5所省级、15所市级)书香示范校: the thing follows the bracket
        close = re.search(r"[)）]", text[:BRACKET_WINDOW])
        if not close or not re.search(r"\d", text[:close.start()]):
            return "", 0, False  # an aside after the number (按实际建设规模计算) counts nothing
        skip = close.end()
        text = text[skip:]
    if not text or not _is_word_char(text[0]):
        return "", 0, False
    m = compiled(rules).clause_end_after.search(text)
    clause = text[: m.start()] if m else text
    toks = [w for w, _ in tag(clause, rules)]  # the lexicon's words: 高等 is no 高 + 等
    stops, level_bounds = compiled(rules).after_stop, compiled(rules).level_bounds
    out: list[str] = []
    for i, t in enumerate(toks):
        if t in w.designation:
            rest = "".join(toks[i + 1:]).strip()
            if rest.startswith("“") and rest.endswith("”") and rest.count("“") == 1:
                rest = rest[1:-1]
            if rest:
                return rest, len(clause), True
            break
        if t in level_bounds and out and out[-1].endswith(w.level_suffix):
            out.append(t)  # 市级以上骨干教师: a level, not a comparator
            continue
        if t in phrase_rules(rules).done_to and out and i + 1 < len(toks):  # 对12座泵站进行改造: the thing and what is done to it
            done = strip_words("".join(toks[i + 1:]), rules)
            if 0 < len(done) <= _DONE_MAX:
                out.append(done)
            break
        if t in stops and not (i == 0 and t in w.noun_openers):
            if t == "的" and i + 1 < len(toks):
                before = "".join(out)
                if len(before) > _MODIFIER_MIN or any(v in before for v in w.modifier_verbs):
                    out = []
                    continue
            break
        out.append(t)
    noun = "".join(out).strip()
    if len(noun) > w.max_len:
        noun = ""
    used = skip + text.find(noun) + len(noun) if noun else 0
    return _EMBEDDED_SHARE.sub("", noun), used, False  # 两次增加20%绩效工资: the share is a figure of its own


_IN_BRACKET = re.compile(f"({HAN}{{2,5}})[^()（）。；;，,]{{0,40}}?[)）]")


def bracket_counted(text: str, rules: RuleSet) -> str:
    """A count inside brackets whose level is written after it and whose thing follows the
    bracket: ``2所省级、10所市级)智慧校园示范校`` → ``省级智慧校园示范校``; else ``""``."""
    m = _IN_BRACKET.match(text)
    if not m or m.group(1) not in metric_words(rules).levels:
        return ""
    noun, _, _ = after_noun(text[m.end():], rules)
    return m.group(1) + noun if noun else ""


def clause_after(text: str, rules: RuleSet) -> tuple[str, int]:
    """The rest of the clause after a number, as the metric of a number written first
    (80%以上中小学图书馆实现信息化管理 → 中小学图书馆实现信息化管理)."""
    if not text or not _is_word_char(text[0]):
        return "", 0
    ws = compiled(rules)
    masked = ws.includes.sub(lambda b: "\0" * len(b.group()), text)  # （不含…） inside the clause ends nothing
    m = ws.clause_end_after.search(masked)
    clause = text[: m.start()] if m else text
    out = strip_words(clause, rules)
    if not out or len(out) > metric_words(rules).max_len:
        return "", 0
    return _EMBEDDED_SHARE.sub("", out), len(clause)


def _is_word_char(c: str) -> bool:
    """A character that can open a counted thing: a letter, digit or Han character (all
    ``isalnum``), an opening quote or bracket."""
    return c.isalnum() or c in "“\"(（"


def rate_split(metric: str, rules: RuleSet, suffixes: list[str]) -> tuple[str, str] | None:
    """``学业成绩合格率`` → (``学业成绩``, ``合格率``): the subject and the rate word at the end. The
    rate word takes back the verbs and lone characters before it (生活垃圾|回收利用率,
    城市生活垃圾|无害化处理率), not a verbal noun (学生体质测试|合格率)."""
    toks = tag(metric, rules)
    if len(toks) < 2 or not any(toks[-1][0].endswith(s) for s in suffixes):
        return None
    i = len(toks) - 1
    while i > 0 and (toks[i - 1][1] == "v" or len(toks[i - 1][0]) == 1):
        i -= 1
    subject, word = "".join(w for w, _ in toks[:i]), "".join(w for w, _ in toks[i:])
    return (subject, word) if subject else None


def is_bare_rate(metric: str, rules: RuleSet, suffixes: list[str]) -> bool:
    """A rate word without a subject: 优秀率, 巩固率, 达标率 (short), 无害化处理率 (nothing but the
    rate word, :func:`rate_split`)."""
    if not metric or not any(metric.endswith(s) for s in suffixes):
        return False
    return len(metric) <= metric_words(rules).elliptic_max_len or rate_split(metric, rules, suffixes) is None
