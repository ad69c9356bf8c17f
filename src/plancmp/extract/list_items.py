"""Numbered list items that are not headings (records.md §3): a task sentence under a number.

A heading is short: its title ends at the first sentence stop (``(二)基础建设持续加强。积极实施…``)
and carries no quantity. A numbered line whose first sentence runs on past a comma into a second
clause and holds a figure (``3.推进海绵城市达标评估,落实达标区面积占建成区50%的目标要求。``) is a
task sentence, an item of a list; when most of its siblings (same marker kind, same parent) are
such sentences or titles with a figure (``3.新建充电桩500个。``), the level is a list and none of
those is a section. A sentence whose part before the first comma is short and nominal, a subject
and how it went, without a figure (``(二)教育质量稳步提高,全县本科上线率…``, a review's run-in
heading), or a noun with a modifier (``(二)不符合规划的违法用地,其中…``), keeps that part as its
title. Decided from the shape of the line (part-of-speech tags of
the part before the comma) and of its siblings, never from words. An item that stays a heading
(most of its siblings are headings, or it has none: a list of one is no list) is titled by the
part before its first comma.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from ..prepare.headings import ListItemRule

#: where a heading's first sentence ends
_SENTENCE_END = re.compile(r"[。;!?\n]")
_DIGIT = re.compile(r"\d")
#: a figure in a title: digits that are not a date (2035年, 3月底前) and not part of a name (5G, G60)
_FIGURE = re.compile(r"(?<![A-Za-z\d])\d+(?![A-Za-z\d年月日])")

HEADING, RUN_IN, ITEM, FIGURE = "heading", "run-in", "item", "figure"


def run_together(text: str, s: int, limit: int) -> bool:
    """Whether position ``s`` is on a line longer than ``limit`` (reads at most ``limit`` each side)."""
    a = text.rfind("\n", max(0, s - limit), s)
    b = text.find("\n", s, s + limit)
    a = a if a != -1 else (-1 if s <= limit else s - limit - 1)
    b = b if b != -1 else (len(text) if len(text) - s <= limit else s + limit + 1)
    return b - a - 1 > limit


def shape(text: str, title: tuple[int, int], rule: ListItemRule,
          tags: Callable[[str], list[str]]) -> tuple[str, int]:
    """The shape of the numbered line whose title is ``title``: (HEADING or FIGURE, a title with a
    figure and no comma, -1), or (RUN_IN or ITEM, the first comma). Reads the first sentence only.
    A title already cut before the first comma, where the body opens (a region name, a heading
    word), is a heading's."""
    s = title[0]
    if run_together(text, s, rule.run_together_len):
        return HEADING, -1  # paragraphs run together: the title rules have cut it where the body opens
    m = _SENTENCE_END.search(text, s, s + rule.max_sentence)
    end = m.start() if m else min(len(text), s + rule.max_sentence)
    comma = text.find(",", s, end)
    if comma <= s:
        return (FIGURE if _FIGURE.search(text, s, title[1]) else HEADING), -1
    if title[1] < comma or not (
            _DIGIT.search(text, s, end) or text.count(",", s, end) + 1 >= rule.min_clauses):
        return HEADING, -1
    head = text[s:comma]
    if len(head) <= rule.nominal_max and not _DIGIT.search(head):
        words = tags(head)
        if not words:
            return ITEM, comma
        noun_phrase = rule.modifier_tag in words and (words[-1][:1] == "n" or words[-1] == "vn")
        subject = words[0] not in rule.clause_tags and words[-1][:1] in rule.predicate_tags
        if noun_phrase or subject:
            return RUN_IN, comma
    return ITEM, comma


def drop_list_items(headings: list, groups: Callable[[list], list[tuple]], text: str, rule: ListItemRule,
                    tags: Callable[[str], list[str]]) -> list:
    """``headings`` without the items of levels that are lists, and run-in titles cut at the comma.

    ``groups(headings)`` gives each heading's sibling group (a key: parent and marker kind)."""
    shapes = [shape(text, h.title, rule, tags) if h.rank is not None else (HEADING, -1)
              for h in headings]
    if all(kind == HEADING for kind, _ in shapes):
        return headings
    keys = groups(headings)
    size: dict[tuple, int] = {}
    items: dict[tuple, int] = {}
    for key, (kind, _) in zip(keys, shapes):
        size[key] = size.get(key, 0) + 1
        items[key] = items.get(key, 0) + (kind in (ITEM, FIGURE))
    out = []
    for h, key, (kind, comma) in zip(headings, keys, shapes):
        if kind in (ITEM, FIGURE) and size[key] >= rule.min_list and items[key] >= rule.list_share * size[key]:
            continue
        if h.title[0] < comma < h.title[1]:
            h = replace(h, title=(h.title[0], comma))
        out.append(h)
    return out
