"""Stage ``indicators``: the scope a short metric leaves to its context, and the canonical
indicator of every target.

A plan writes ``义务教育入学率100%、巩固率97%`` or, under a heading about 学前教育,
``新增学位3000个``: the metric as written (巩固率, 新增学位) leaves its education
level to the sentence or the section. :func:`scope_of` finds it: the nearest
level word of the sentence before the metric (its own clause or the one before,
book titles aside), else the innermost section heading that names one level.
:func:`annotate` then sets ``metric_full`` (the scope and the metric:
义务教育巩固率; a metric that says only the work done, 修复或改造, takes the thing the target
before it in its sentence counts, 排水主管修复或改造) and ``indicator`` (the canonical indicator ``metric_full`` names,
:mod:`plancmp.extract.indicators`) on every target; ``metric`` stays as written.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..models import Section, Target
from ..prepare.document import Doc
from ..ruleset import RuleSet
from .indicators import Catalog, catalog

#: a metric of this many characters or fewer (normalized) may leave its scope to the context
SHORT_METRIC = 4
#: how many clauses of the sentence, counting back from the number, are searched for a scope
CLAUSES = 2
#: a target's confidence is multiplied by this when its scope comes from a heading, not its sentence
HEADING_CONFIDENCE = 0.9

_CLAUSE_END = re.compile(r"[,，;；:：。]")
#: comparator words that may follow a number and its unit (以上, 左右), and the particle 的
_AFTER_NUMBER = re.compile(r"^\s*(?:及以上|以上|以下|以内|左右|之内|余|多)?(?:的)?")
#: the longest object taken after a number (a clause runs on; a name of work rarely does)
MAX_OBJECT = 16
_TITLE = re.compile(r"《[^《》]*》|“[^“”]*”")


def needs_scope(norm: str, cat: Catalog) -> bool:
    """A normalized metric of two to four characters that names no education level (巩固率, 新增学位)."""
    return 2 <= len(norm) <= SHORT_METRIC and not cat.levels_in(norm)


def level_words_in(text: str, cat: Catalog) -> list[str]:
    """The level words of ``text`` in their order, as written, each character used once (longest
    words first, as :meth:`~plancmp.extract.indicators.Catalog.levels_in` reads them)."""
    rest = cat.mask_false_levels(text)
    found: list[tuple[int, str]] = []
    for w, _ in cat.level_words:
        i = rest.find(w)
        while i >= 0:
            found.append((i, w))
            rest = rest[:i] + "\x00" * len(w) + rest[i + len(w):]
            i = rest.find(w, i + len(w))
    return [w for _, w in sorted(found)]


def sentence_scope(before: str, cat: Catalog) -> str | None:
    """The level words of the nearest clause that names any, among the last :data:`CLAUSES` clauses
    of ``before`` (the sentence up to the number; book titles and quoted names aside), joined with
    、 when several (幼儿园和2所小学 → 幼儿园、小学)."""
    clauses = _CLAUSE_END.split(_TITLE.sub("", before))
    for clause in reversed(clauses[-CLAUSES:]):
        words = level_words_in(clause, cat)
        if words:
            return "、".join(dict.fromkeys(words))
    return None


def heading_scope(section_id: str | None, sections: dict[str, Section], cat: Catalog) -> str | None:
    """The level word of the innermost heading (of the section and its parents) that names
    levels that agree (one level word, or words of one level)."""
    while section_id is not None:
        sec = sections.get(section_id)
        if sec is None:
            return None
        found = level_words_in(_TITLE.sub("", sec.title), cat)
        if found and len({cat.level_of[w] for w in found}) == 1:
            return max(found, key=len)
        section_id = sec.parent
    return None


def clean_pos(doc: Doc, original: int) -> int:
    """The position in the cleaned text whose original offset is ``original`` (or the first after it)."""
    return bisect_left(range(len(doc.text)), original, key=doc.mapped.to_original)


def scope_of(t: Target, doc: Doc, sections: dict[str, Section], cat: Catalog) -> tuple[str | None, str]:
    """The scope of a short metric and where it came from: its sentence (a table row: the row), else
    its headings (``sentence``, ``heading``; ``""`` when neither names a level)."""
    if t.rule.startswith("table"):
        i = t.text.find(t.metric)
        found = sentence_scope(t.text[:i] if i >= 0 else "", cat)
    else:
        pos = clean_pos(doc, t.span.start)
        lo, _ = doc.sentence_bounds(pos)
        found = sentence_scope(doc.text[lo:pos], cat)
    if found:
        return found, "sentence"
    found = heading_scope(t.section, sections, cat)
    return (found, "heading") if found else (None, "")


def object_of(t: Target, prev: Target | None, doc: Doc, cat: Catalog) -> str | None:
    """The thing a metric that says only the work done (修复或改造 in 实施排水主管检测约123公里,
    对其中的约24公里进行修复或改造) is done to: the head of the target before it in its sentence."""
    if prev is None or prev.line != t.line or prev.span.start >= t.span.start:
        return None
    if doc.sentence_bounds(clean_pos(doc, prev.span.start)) != doc.sentence_bounds(clean_pos(doc, t.span.start)):
        return None
    head = cat.head(cat.normalize(prev.metric_full or prev.metric))
    return head if len(head) >= 2 and not cat.only_work(head) else None


def object_after(t: Target, doc: Doc, cat: Catalog) -> str | None:
    """The thing a metric that says only the work done is done to, written after the number
    (至2030年,新增19公里架空线入地和杆箱整治): the rest of the clause after the unit, without the
    comparator words that may follow a number (以上, 左右)."""
    end = clean_pos(doc, t.span.end)
    _, hi = doc.sentence_bounds(end)
    after = _CLAUSE_END.split(doc.text[end:hi], 1)[0]
    after = _AFTER_NUMBER.sub("", after.removeprefix(t.unit) if t.unit else after).strip("。.")
    after = after[:MAX_OBJECT]
    return after if len(after) >= 2 and not cat.only_work(cat.normalize(after)) else None


def annotate(targets: list[Target], doc: Doc | None, sections: list[Section], rules: RuleSet) -> list[Target]:
    """Set ``metric_full`` and ``indicator`` on every target (in place); returns ``targets`` (sorted by
    line and position, as the pipeline gives them)."""
    cat = catalog(rules)
    by_id = {s.id: s for s in sections}
    prev: Target | None = None
    for t in targets:
        full = t.metric
        norm = cat.normalize(t.metric)
        if doc is not None and cat.only_work(norm):
            thing = object_of(t, prev, doc, cat)
            if thing:
                full = thing + t.metric
            else:
                thing = object_after(t, doc, cat)
                full = t.metric + thing if thing else full
        elif doc is not None and needs_scope(norm, cat):
            scope, source = scope_of(t, doc, by_id, cat)
            if scope:
                full = scope + t.metric
            if source == "heading":  # a heading scopes its whole section: likely, not certain
                t.doubts = [*t.doubts, "metric_full:from-heading"]
                t.confidence = round(t.confidence * HEADING_CONFIDENCE, 3)
        t.metric_full = full
        t.indicator = cat.reference(cat.profile(t))
        prev = t
    return targets
