"""The metric of a number: the shortest phrase of its line naming what is measured.

:data:`METRIC_STRATEGIES` is an ordered list of small strategies, each
reading one :class:`MetricContext` (the number, its line, what the numbers
before it on the line left behind) and naming the metric(s), or passing.
The first that names one wins, as :data:`plancmp.prepare.normalize.FIXERS` run in
order; :func:`choose_metrics` runs them and keeps the trace ``--explain``
prints. A new way of reading a metric is a new entry in the list.

Most metrics are the noun phrase that ends the clause before the number
(:func:`plancmp.extract.clause_words.strip_words`, then
:func:`plancmp.extract.phrase.noun_phrase`); a count may name its thing after
the number (建成10所书香校园); the strategies for lists (入学率、巩固率均达100%)
are in :mod:`plancmp.extract.metric_lists`, those for elliptic metrics (学业成绩
合格率达98%,优秀率达30% → 学业成绩优秀率) in :mod:`plancmp.extract.metric_elliptic`,
and what they all read in :mod:`plancmp.extract.metric_context`.
"""
from __future__ import annotations

import re

from ..ruleset import RuleSet
from . import clause_words as words
from .metric_context import (CLAUSE_WINDOW, ELLIPTIC, FALLBACK, Choice, LineContext, MetricContext, MetricStrategy, compiled,
                             strategy)
from .metric_elliptic import (attribute_of_previous, attribute_of_topic, elliptic_level, elliptic_rate, listed_rate_subject,
                              money_of_previous, object_of_previous, paragraph_full_name, part_of_previous, quoted_subject,
                              share_without_subject, time_only_clause, topic_alone)
from .metric_lists import (listed_value, respectively, respectively_again, respectively_changes, shared_list,
                           verb_of_previous_item)
from .numbers import metric_words
from .phrase import (all_verbs, has_verb, is_enumeration, is_nominal, is_place_name, leading_verbs, noun_phrase,
                     trailing_verbs)
from .phrase import compiled as phrase_rules
from .quantities import find_quantities
from .tokenize import tag

__all__ = ["CLAUSE_WINDOW", "METRIC_STRATEGIES", "LineContext", "MetricContext", "MetricStrategy", "choose_metrics"]

#: longest fallback metric (the tail of the clause) when no metric words are found
_EMPTY_FALLBACK_MAX = 12


@strategy(reads="line")
def from_to_end_value(ctx: MetricContext) -> Choice | None:
    """The end value of 由2020年的88.5%提高到95% has the metric of its starting value."""
    start = ctx.line.from_metric
    if not start or not compiled(ctx.line.rules).to_value.fullmatch(ctx.between):
        return None
    return Choice(metrics=[start], why=[f"end value of 由…到…: metric of the starting value, {start!r}"])


@strategy(reads="clause")
def bracket_count(ctx: MetricContext) -> Choice | None:
    """20所(5所省级、15所市级)智慧校园示范校: the count in brackets takes its level and the thing after."""
    if ctx.q.unit not in ctx.line.units.count_nouns:
        return None
    found = words.bracket_counted(ctx.after_number[:words.BRACKET_WINDOW], ctx.line.rules)
    if not found:
        return None
    return Choice(metrics=[found], why=[f"count inside brackets, its level after it and the thing after the bracket: {found!r}"])


@strategy(reads="words")
def investment_purpose(ctx: MetricContext) -> Choice | None:
    """投入860万元完成2.1万平方米操场改造: money with only the spending verb before it is named
    by the purpose written after it (操场改造投入); the figures of the purpose stay their own."""
    rules = ctx.line.rules
    p = phrase_rules(rules)
    word = _investment_word(ctx.head, rules)
    if not ctx.q.unit.endswith(p.money_units) or not word:
        return None
    verb = next((v for v in p.purpose_verbs if ctx.after_number.startswith(v)), "")
    text = ctx.after_number[len(verb):]
    if not verb and word != ctx.head and ctx.after_number.startswith(p.use_verbs):
        # 县财政将投资…用于城区幼儿园建设: with the spender named, the purpose names the sum (not
        # 用于改善办学条件; a bare 累计投入…用于 keeps its qualifier, which says which sum it is)
        verb = next(v for v in p.use_verbs if ctx.after_number.startswith(v))
        text = ctx.after_number[len(verb):]
        first = tag(re.split(r"[，,。；;！!？?]", text, maxsplit=1)[0], rules)[:1]
        verb = verb if first and (first[0][1] == "vn" or not first[0][1].startswith("v")) else ""
    if not verb:
        return None
    text = re.split(r"[，,。；;！!？?]", text, maxsplit=1)[0]
    cut = list(text)
    for q in find_quantities(text, 0, rules):
        cut[q.start:q.end] = [""] * (q.end - q.start)
    purpose = noun_phrase(words.strip_words("".join(cut), rules), rules)
    metric = purpose + p.investment_words[word]
    if not purpose or len(metric) > metric_words(rules).max_len:
        return None
    return Choice(metrics=[metric], why=[f"money spent {verb!r} {purpose!r}: metric {metric!r}"])


def _investment_word(head: str, rules: RuleSet) -> str:
    """The investment word ``head`` is, or ends with after the body that spends (and adverbs):
    县财政将投资 → 投资, the spender is no part of the metric; else ``""``."""
    p = phrase_rules(rules)
    if head in p.investment_words:
        return head
    word = next((w for w in sorted(p.investment_words, key=len, reverse=True) if head.endswith(w)), "")
    before = tag(head[:-len(word)], rules) if word else []
    if not any(is_nominal(t) for _, t in before) or not all(is_nominal(t) or t in p.adverb or t == "zg" for _, t in before):
        return ""  # 已累计投入: a qualifier of the sum, kept (records.md: which sum it is)
    return word


@strategy(reads="clause")
def counted_thing_after(ctx: MetricContext) -> Choice | None:
    """建成10所书香校园: the thing counted is written after the number (with what the clause
    before adds to it); 80%以上中小学图书馆实现信息化管理: a number written first."""
    rules, head = ctx.line.rules, ctx.head
    if compiled(rules).change_to.match(ctx.after_number):  # 30幢增长至40幢: a starting value, named before it
        return None
    designated = False
    modified = ctx.after_number.startswith("的") and bool(trailing_verbs(head, rules))
    if ctx.q.unit in ctx.line.units.count_nouns or (ctx.q.unit and head and (
            all_verbs(head, rules) or is_enumeration(ctx.stripped, rules) or modified)):
        # a count, or a size after only a verb (新增19公里架空线入地…), after a list of names
        # (完成电四小区、鲁汇一村共计约1.4万平方米成套改造) or modifying a thing after a verb
        # (配建不少于200平方米的日间照料中心): its thing follows it
        skip = 1 if modified else 0
        after, used, designated = words.after_noun(ctx.after_number[skip:], rules)
        used += skip if used else 0
    elif ctx.q.unit and not head:
        after, used = words.clause_after(ctx.after_number, rules)
    else:
        return None
    if not after or is_place_name(after, rules):  # 新增学位:1400个碑林区: a heading glued after the value
        return None
    if find_quantities(after, 0, rules):  # 2020年的30幢增长至40幢: a metric never holds another quantity
        return None
    ctx.q.consumed_end = ctx.q.end - ctx.line.offset + ctx.after_length(used)
    why = [f"{'designation' if designated else 'counted thing'} after the number: {after!r}"]
    line = ctx.line
    if designated or not head:
        verb = line.count_verb if not designated and ctx.between in (*compiled(rules).joiners, ",", "，") else ""
        if verb and not after.startswith(verb):
            why.append(f"a count listed after one of {verb!r}: the verb holds for it too")
            return Choice(metrics=[verb + after], why=why, doubt=ELLIPTIC)
        verb = "" if designated else _count_verb(ctx.stripped, rules)
        if verb:  # 武汉这个区未来5年将建22所学校: a one-character verb is no phrase, but it is the count's
            why.append(f"the clause before ends with the verb of the count {verb!r}")
        return Choice(metrics=[verb + after], why=why)
    if is_enumeration(ctx.stripped, rules):
        verbs = leading_verbs(ctx.line.text[ctx.clause_start:ctx.start], rules)  # the whole clause: a long list opens it
        why.append(f"the clause before lists what is counted: metric = its verbs {verbs!r} + counted thing {after!r}")
        return Choice(metrics=[verbs + after], why=why)
    opening = words.after_task_verb(ctx.stripped, rules)
    if opening is not None:
        why.append(f"the clause before ends with a task verb: metric = {opening!r} + counted thing {after!r}")
        return Choice(metrics=[opening + after], why=why)
    verbs = _count_verb(head, rules)
    if verbs:
        line.count_verb = verbs
        why.append(f"the clause before ends with the verb of the count: metric = {verbs!r} + counted thing {after!r}")
        return Choice(metrics=[verbs + after], why=why)
    if len(head) + len(after) > metric_words(rules).max_len or all_verbs(head, rules):  # 加快推进其他5个乡镇
        return Choice(metrics=[after], why=why)
        return Choice(metrics=[after], why=why)
    why.append(f"metric = words before {head!r} + counted thing {after!r}")
    return Choice(metrics=[head + after], why=why)


def _count_verb(text: str, rules: RuleSet) -> str:
    """The verbs ending ``text`` when they are the count's (新建, 将建 → 建), without those governing
    the clause (加快推进其他8个乡镇 → ``""``), else ``""``."""
    verbs = trailing_verbs(text, rules) or (text if all_verbs(text, rules) else "")
    return leading_verbs(verbs, rules) if verbs else ""


@strategy(reads="words")
def share_of_whole(ctx: MetricContext) -> Choice | None:
    """全区建成区80%以上面积达到海绵城市建设要求: a share written right after the whole it is of
    (no link word between) measures what the rest of the clause says of that part."""
    rules, head = ctx.line.rules, ctx.head
    if ctx.q.unit not in ("%", "成") or not head or not ctx.clause.rstrip().endswith(head):
        return None
    text = ctx.after_number.lstrip("的")
    after, _ = words.clause_after(text, rules)
    if not after or not has_verb(after, rules):
        return None
    after = after.split("的")[0] if "的" in after and not has_verb(after.split("的")[-1], rules) else after
    metric = head + after
    if len(metric) > metric_words(rules).max_len:
        return None
    return Choice(metrics=[metric], why=[f"a share of {head!r}: what the clause after the number says of it, {after!r}"])


@strategy(reads="words")
def raise_verb_subject(ctx: MetricContext) -> Choice | None:
    """生均公用经费标准提高至小学750元: the level after the raise verb is the metric's subject."""
    subj = words.subject_after_raise(ctx.stripped, ctx.line.rules)
    return Choice(metrics=[subj], why=[f"level written after the raise verb: metric {subj!r}"]) if subj else None


@strategy(reads="words")
def fallback(ctx: MetricContext) -> Choice | None:
    """The metric words of the clause; never an empty metric: else the clause as written, a label
    before it (新增学位:1620个), the words after the number, or the line before the number; a
    number nothing names gives no record."""
    if ctx.head:
        return Choice(metrics=[ctx.head], why=[])
    line, start = ctx.line, ctx.start
    label = line.text[max(0, ctx.clause_start - _EMPTY_FALLBACK_MAX - 1):ctx.clause_start]
    candidates = [
        ("the clause before the number as written", ctx.clause),
        ("the label before it", label.rstrip(":：") if label.endswith((":", "：")) else ""),
        ("the words after the number", words.clause_after(ctx.after_number, line.rules)[0]),
        ("the line before the number", line.text[max(0, start - _EMPTY_FALLBACK_MAX):start]),
    ]
    for where, text in candidates:
        head = re.split(r"[，,。；;：:！!？?]", text)[-1].strip(" 、“”\"'（）()【】[]")[-_EMPTY_FALLBACK_MAX:]
        if head:
            return Choice(metrics=[head], why=[f"no metric words survived: {where}, {head!r}"], doubt=FALLBACK)
    return Choice(metrics=[], why=["nothing names the number: no record"], doubt=FALLBACK)


#: the ways to name a metric, tried in order: the first that names one wins
METRIC_STRATEGIES: list[MetricStrategy] = [
    from_to_end_value, respectively, respectively_again, respectively_changes, bracket_count, investment_purpose,
    counted_thing_after, shared_list, time_only_clause, share_of_whole, raise_verb_subject, quoted_subject, paragraph_full_name,
    listed_rate_subject, elliptic_rate, attribute_of_previous, attribute_of_topic, money_of_previous, object_of_previous,
    share_without_subject, elliptic_level, part_of_previous, verb_of_previous_item, listed_value, topic_alone, fallback,
]


#: a phrase written twice in a row inside a metric (a heading or table cell glued to its sentence)
_DOUBLED = re.compile(r"(\w{3,}?)\1")


def _once(metric: str, trace: list[str]) -> str:
    """老旧小区加装电梯老旧小区加装电梯完成率 → 老旧小区加装电梯完成率: a metric never repeats itself."""
    once = _DOUBLED.sub(r"\1", metric)
    if once != metric:
        trace.append(f"a phrase written twice in the metric, kept once: {once!r}")
    return once


def choose_metrics(ctx: MetricContext) -> list[str]:
    """The metric(s) of a quantity, with how they were chosen in ``ctx.q.trace``."""
    for s in METRIC_STRATEGIES:
        ctx.tell(s.reads)
        found = s.choose(ctx)
        if found is not None:
            ctx.chosen_by, ctx.doubt = s.name, found.doubt
            ctx.q.trace.extend(found.why)
            return [_once(m, ctx.q.trace) for m in found.metrics]
    raise AssertionError("the fallback strategy always names a metric")
