"""Metric strategies for lists: several metrics sharing a value, or given values one each.

入学率、巩固率均达到100% gives each metric of the list the value
(:func:`shared_list`); 入学率、巩固率分别达到98%、95% gives them one value each, in
order (:func:`respectively`); a later 分别 with no metric words of its own
repeats the list (…分别达到95%、98%;2030年分别达到97%、99%: :func:`respectively_again`),
and 分别比2015年增加30所、25所 gives the change of each thing counted before it
in the sentence (:func:`respectively_changes`); a value listed after another with
no words of its own has its metric (:func:`listed_value`).
"""
from __future__ import annotations

from ..ruleset import RuleSet
from . import clause_words as words
from .metric_context import ELLIPTIC, Choice, MetricContext, compiled, strategy
from .numbers import metric_words
from .phrase import is_nominal, leading_verbs, noun_phrase
from .tokenize import tag, tokenize


@strategy(reads="line")
def respectively(ctx: MetricContext) -> Choice | None:
    """入学率、巩固率分别达到98%、95%: the next value takes the next metric of the list."""
    if ctx.line.pending and ctx.between in (*compiled(ctx.line.rules).joiners, ""):
        m = ctx.line.pending.pop(0)
        return Choice(metrics=[m], why=[f"metric {m!r}: next of the metrics given values 分别 (respectively)"],
                      doubt=ctx.line.pending_doubt)
    ctx.line.pending = []  # anything else between: the list is done
    return None


#: joiners of a list tight enough for its first item's verb to hold for the next (not a comma)
_TIGHT_JOINERS = ("、", "和", "及", "与", "以及")


def _respectively_in(ctx: MetricContext) -> bool:
    """Whether the clause before the number gives values one each (分别)."""
    return any(w in ctx.clause for w in compiled(ctx.line.rules).respectively)


@strategy(reads="words")
def respectively_again(ctx: MetricContext) -> Choice | None:
    """…分别达到95%、98%;2030年分别达到97%、99%: a 分别 clause with no metric words of its own
    gives its values to the metrics of the list given values 分别 before it on the line."""
    last = ctx.line.last_list
    if ctx.head or not last or not _respectively_in(ctx):
        return None
    ctx.line.pending, ctx.line.pending_doubt = last[1:], ELLIPTIC
    return Choice(metrics=last[:1], why=[f"分别 without metric words: the list given values 分别 before, {last}"],
                  doubt=ELLIPTIC)


@strategy(reads="words")
def respectively_changes(ctx: MetricContext) -> Choice | None:
    """有幼儿园120所、小学80所,分别比2015年增加30所、25所: the changes given 分别 belong, in
    order, to the things counted before them in the sentence."""
    counted = ctx.line.sentence_metrics
    changes = metric_words(ctx.line.rules).change_verbs
    if len(counted) < 2 or ctx.head not in changes or not _respectively_in(ctx):
        return None
    metrics = [m + ctx.head for m in counted]
    ctx.line.pending, ctx.line.pending_doubt = metrics[1:], ELLIPTIC
    return Choice(metrics=metrics[:1], why=[f"changes given 分别 to the things counted before: {metrics}"], doubt=ELLIPTIC)


@strategy(reads="clause")
def shared_list(ctx: MetricContext) -> Choice | None:
    """入学率、巩固率均达到100%: one value for each metric of a list (分别: one each, in order)."""
    rules, suffixes = ctx.line.rules, ctx.suffixes
    stripped = ctx.clause.strip()
    shared = [x for x, rx in compiled(rules).shared if rx.search(stripped)]
    items = [words.strip_words(x, rules) for x in _split_items(ctx.clause, rules)]
    if items:  # the subject of the clause stands before the first item: 全县入园率、巩固率
        items[0] = noun_phrase(items[0], rules) or items[0]
    if not (len(items) > 1 and all(items)):
        return None
    if not shared and not all(any(x.endswith(sf) for sf in suffixes) for x in items):
        two = _shared_head(items, rules) if any(items[-1].endswith(sf) for sf in suffixes) else None
        if two is None:
            return None
        return Choice(metrics=two, why=[f"two things with one head noun share the rate after it: {two}"])
    why = []
    subj = ctx.quoted_subject if all(words.is_bare_rate(x, rules, suffixes) for x in items) else ""
    if subj:
        items = [subj + x for x in items]
        why.append(f"bare rates take subject {subj!r} quoted in the clause before")
    metrics = _complete_items(items, rules, suffixes)
    if shared and shared[0] in compiled(rules).respectively:
        ctx.line.pending, ctx.line.last_list, ctx.line.pending_doubt = metrics[1:], metrics, ""
        why.append(f"values given 分别 (respectively) to {metrics}")
        return Choice(metrics=metrics[:1], why=why)
    why.append(f"one value shared by {len(metrics)} metrics: {metrics}")
    return Choice(metrics=metrics, why=why)


@strategy(reads="words")
def verb_of_previous_item(ctx: MetricContext) -> Choice | None:
    """新增公立幼儿园园位1000个、中小学学位4000个: an item listed right after one that opens with a
    verb, with no verb of its own, takes that verb (新增中小学学位)."""
    rules, prev, head = ctx.line.rules, ctx.line.prev_metric, ctx.head
    if not prev or not head or not ctx.between.startswith(_TIGHT_JOINERS) or leading_verbs(head, rules):
        return None
    verbs = leading_verbs(prev, rules)
    if not verbs or verbs == prev or head.startswith(verbs):
        return None
    return Choice(metrics=[verbs + head], why=[f"item listed after {prev!r}: its verbs {verbs!r} hold for it too"],
                  doubt=ELLIPTIC)


#: the longest words between two listed values of one metric (、共计, 、累计约) when none is kept in a metric
_LISTED_BETWEEN_MAX = 5


@strategy(reads="words")
def listed_value(ctx: MetricContext) -> Choice | None:
    """…比例分别达到75%、90%: a value listed after another with no words of its own has its metric,
    also after a joiner and only comparator or filler words (综合体3个、共计1.2万平方米)."""
    prev, joiners = ctx.line.prev_metric, compiled(ctx.line.rules).joiners
    between = ctx.between.strip()
    if ctx.head or not prev or not (between in joiners or between.startswith(joiners) and len(between) <= _LISTED_BETWEEN_MAX):
        return None
    return Choice(metrics=[prev],
                  why=[f"value listed after the one before with no words of its own: metric of the one before, {prev!r}"])


def _shared_head(items: list[str], rules: RuleSet) -> list[str] | None:
    """新建机关办公建筑和教育建筑屋顶安装太阳能光伏面积比例: two things ending with the same noun
    (建筑) share what follows it in the second, and the verbs opening the first."""
    if len(items) != 2:
        return None
    first, second = items
    last_word, last_tag = tag(first, rules)[-1]
    i = second.find(last_word)
    if len(last_word) < 2 or not is_nominal(last_tag) or i < 0 or i + len(last_word) == len(second):
        return None
    verbs = leading_verbs(first, rules)
    return [first + second[i + len(last_word):], second if second.startswith(verbs) else verbs + second]


def _split_items(raw: str, rules: RuleSet) -> list[str]:
    """Items of a list of metrics, split at joining words (not inside a word: 普及率 is one item;
    及 in 本科及以上 joins no items)."""
    w = metric_words(rules)
    joiners, not_joining = set(w.list_joiners), tuple(w.not_joining)
    items: list[str] = []
    cur: list[str] = []
    pos = 0
    for word, _ in tag(raw, rules):
        if word in joiners and not raw.startswith(not_joining, pos):
            items.append("".join(cur))
            cur = []
        else:
            cur.append(word)
        pos += len(word)
    items.append("".join(cur))
    return [x for x in items if x]


def _complete_items(items: list[str], rules: RuleSet, suffixes: list[str]) -> list[str]:
    """Give each item of a shared list its missing part.

    ``入学率、巩固率`` after ``义务教育`` (first item 义务教育入学率) → 义务教育巩固率;
    ``小学、初中适龄儿童入学率`` → 小学适龄儿童入学率, 初中适龄儿童入学率.
    """
    first, last = items[0], items[-1]
    out = list(items)
    sp = words.rate_split(first, rules, suffixes)
    if sp and all(words.is_bare_rate(x, rules, suffixes) for x in items[1:]):  # not: 绿化覆盖率、林荫道路比例和水面率
        for i in range(1, len(items)):
            if words.is_bare_rate(items[i], rules, suffixes) and not items[i].startswith(sp[0]):
                out[i] = sp[0] + items[i]
    tail = _parallel_tail(items)
    if tail:  # 数字城管、智慧环卫和应急指挥系统运行率: the names are as long as each other
        return [x + tail for x in items[:-1]] + [last]
    if any(last.endswith(sf) for sf in suffixes):
        lv = max((x for x in metric_words(rules).levels if last.startswith(x)), key=len, default="")
        toks = [lv, last[len(lv):]] if lv else tokenize(last, rules)
        if len(toks) >= 2:
            tail = "".join(toks[1:])
            for i in range(len(items) - 1):
                if not any(items[i].endswith(sf) for sf in suffixes):
                    out[i] = items[i] + tail
    return out


def _parallel_tail(items: list[str]) -> str:
    """What the last item adds after a name as long as each of the items before it, when those
    are all of one length (A系统、B系统和C中心运用 → 运用; 数字城管、智慧环卫和应急指挥系统运行率 →
    系统运行率): a list of parallel names shares the words after the last; else ``""``."""
    n = len(items[0])
    if n < 2 or any(len(x) != n for x in items[:-1]) or len(items[-1]) < n + 2:
        return ""
    tail = items[-1][n:]
    return "" if any(x.endswith(tail) for x in items[:-1]) else tail
