"""Metric strategies for lists: several metrics sharing a value, or given values one each.

入学率、巩固率均达到100% gives each metric of the list the value
(:func:`shared_list`); 入学率、巩固率分别达到98%、95% gives them one value each, in
order (:func:`respectively`), and a value listed after another with no words
of its own has its metric (:func:`listed_value`).
"""
from __future__ import annotations

from ..ruleset import RuleSet
from . import clause_words as words
from .metric_context import Choice, MetricContext, compiled, strategy
from .numbers import metric_words
from .tokenize import tokenize


@strategy(reads="line")
def respectively(ctx: MetricContext) -> Choice | None:
    """入学率、巩固率分别达到98%、95%: the next value takes the next metric of the list."""
    if ctx.line.pending and ctx.between in (*compiled(ctx.line.rules).joiners, ""):
        m = ctx.line.pending.pop(0)
        return Choice(metrics=[m], why=[f"metric {m!r}: next of the metrics given values 分别 (respectively)"])
    ctx.line.pending = []  # anything else between: the list is done
    return None


@strategy(reads="clause")
def shared_list(ctx: MetricContext) -> Choice | None:
    """入学率、巩固率均达到100%: one value for each metric of a list (分别: one each, in order)."""
    rules, suffixes = ctx.line.rules, ctx.suffixes
    stripped = ctx.clause.strip()
    shared = [x for x, rx in compiled(rules).shared if rx.search(stripped)]
    items = [words.strip_words(x, rules) for x in _split_items(ctx.clause, rules)]
    if not (len(items) > 1 and all(items) and (shared or all(any(x.endswith(sf) for sf in suffixes) for x in items))):
        return None
    why = []
    subj = ctx.quoted_subject if all(words.is_bare_rate(x, rules, suffixes) for x in items) else ""
    if subj:
        items = [subj + x for x in items]
        why.append(f"bare rates take subject {subj!r} quoted in the clause before")
    metrics = _complete_items(items, rules, suffixes)
    if shared and shared[0] in compiled(rules).respectively:
        ctx.line.pending = metrics[1:]
        why.append(f"values given 分别 (respectively) to {metrics}")
        return Choice(metrics=metrics[:1], why=why)
    why.append(f"one value shared by {len(metrics)} metrics: {metrics}")
    return Choice(metrics=metrics, why=why)


@strategy(reads="words")
def listed_value(ctx: MetricContext) -> Choice | None:
    """…比例分别达到75%、90%: a value listed after another with no words of its own has its metric."""
    prev = ctx.line.prev_metric
    if ctx.head or not prev or ctx.between not in compiled(ctx.line.rules).joiners:
        return None
    return Choice(metrics=[prev],
                  why=[f"value listed after the one before with no words of its own: metric of the one before, {prev!r}"])


def _split_items(raw: str, rules: RuleSet) -> list[str]:
    """Items of a list of metrics; 及 in 本科及以上 joins no items."""
    return [x for x in compiled(rules).item_joiner.split(raw) if x]


def _complete_items(items: list[str], rules: RuleSet, suffixes: list[str]) -> list[str]:
    """Give each item of a shared list its missing part.

    ``入学率、巩固率`` after ``义务教育`` (first item 义务教育入学率) → 义务教育巩固率;
    ``小学、初中适龄儿童入学率`` → 小学适龄儿童入学率, 初中适龄儿童入学率.
    """
    first, last = items[0], items[-1]
    out = list(items)
    sp = words.rate_split(first, rules, suffixes)
    if sp:
        for i in range(1, len(items)):
            if words.is_bare_rate(items[i], rules, suffixes) and not items[i].startswith(sp[0]):
                out[i] = sp[0] + items[i]
    if any(last.endswith(sf) for sf in suffixes):
        lv = max((x for x in metric_words(rules).levels if last.startswith(x)), key=len, default="")
        toks = [lv, last[len(lv):]] if lv else tokenize(last, rules)
        if len(toks) >= 2:
            tail = "".join(toks[1:])
            for i in range(len(items) - 1):
                if not any(items[i].endswith(sf) for sf in suffixes):
                    out[i] = items[i] + tail
    return out
