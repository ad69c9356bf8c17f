"""Stage 5d, projects: named initiatives and key-project lists (records.md §2).

Two passes over the cleaned text, both driven by ``rules/projects.toml``
(:mod:`plancmp.extract.projects.shared`):

1. **lists** (tier ``list``, :mod:`plancmp.extract.projects.lists`): entries of explicit
   lists of key projects: a table laid out one cell per line or with ``|``
   (``序号 / 重点项目 / 内容提要``), numbered entries under a stand-alone header
   (``…重点工程``, ``附件``, a ``专栏`` box), and headings whose title is a
   programme (``(一)立德树人专项行动``) when several siblings are;
2. **names in running text** (tier ``named``, :mod:`plancmp.extract.projects.names`):
   quoted names with or without a category word (``“云端海教”品牌``,
   ``“领头雁”培育工程``), unquoted names ending in a category word after a
   set-up verb (``实施美育质量提升工程``), enumerations before a shared category
   (``做强A、B等…品牌``) and schools or branches named for construction.

This module merges what they find: each project is recorded once, with every
line that mentions it; ``line`` is the first mention outside the review of the
last period (if any).
"""
from __future__ import annotations

import re

from ...models import Project, Section
from ...prepare.chars import FULLWIDTH_TO_ASCII
from ...prepare.document import Doc, section_at
from ...ruleset import RuleSet
from ..gazetteer import gazetteer
from . import shared
from .lists import TextLine, find_lists, programme_headings, text_lines
from .names import RunningText, blank_titles, names_in_running_text
from .shared import Candidate, CompiledProjects, is_national, without_quotes

#: a name this short (工程, 学校) is found everywhere: its other mentions are not searched for
_MIN_MENTION_LEN = 3
#: a project named as shortly as this (计划) is never taken for the plan itself
_MIN_OWN_NAME_LEN = 4
_PERIOD_TAIL = re.compile(r"[(（][^()（）]*[)）]$")


def _review_spans(lines: list[TextLine], compiled: CompiledProjects) -> list[tuple[int, int]]:
    """Text spans of the review of the last period (十三五 / 发展基础 parts): sections, not numbered items."""
    words = tuple(compiled.rules.lists.review_titles)
    spans: list[tuple[int, int]] = []
    for idx, line in enumerate(lines):
        m = line.marker
        if not m or m.item:
            continue
        title = compiled.title.match(line.text[m.end:].strip() or " ")
        if not title or not any(wd in title.group() for wd in words):
            continue
        end = len(lines)
        for j in range(idx + 1, len(lines)):
            mm = lines[j].marker
            if mm and mm.rank <= m.rank:
                end = j
                break
        stop = lines[end].start if end < len(lines) else lines[-1].start + len(lines[-1].text)
        spans.append((line.start, stop))
    return spans


def _quote_core(name: str) -> str | None:
    m = re.search("“([^“”]+)”", name)
    return m.group(1) if m else None


def _merge(found: list[Candidate]) -> list[Candidate]:
    """One record per project: same name without quotes, or same quoted core and category."""
    out: list[Candidate] = []
    by_key: dict[str, Candidate] = {}
    by_core: dict[tuple[str, str | None], Candidate] = {}
    for f in found:
        key = without_quotes(f.name)
        core = _quote_core(f.name)
        hit = by_key.get(key) or (by_core.get((core, f.category)) if core else None)
        if hit:
            hit.positions.append(f.pos)
            if hit.tier != "list" and f.tier == "list":
                hit.tier, hit.name, hit.pos, hit.description = "list", f.name, f.pos, f.description
            continue
        f.positions.append(f.pos)
        by_key[key] = f
        if core:
            by_core[(core, f.category)] = f
        out.append(f)
    return out


def _mention_positions(text: str, f: Candidate) -> list[int]:
    """Every position where the project is named (as found, and without quotes)."""
    pos = set(f.positions)
    for needle in {f.name, without_quotes(f.name)}:
        if len(needle) < _MIN_MENTION_LEN:
            continue
        i = text.find(needle)
        while i != -1:
            pos.add(i)
            i = text.find(needle, i + 1)
    return sorted(pos)


def _as_written(doc: Doc, f: Candidate) -> str:
    """The name as the original file writes it (spun or masked words included), when it is on one line."""
    at = doc.text.find(f.name, max(f.pos - 2, 0), f.pos + 2 + len(f.name))  # near pos: not a scan to the end
    if at == -1:
        return f.name
    orig = doc.original_text(at, at + len(f.name))
    if "\n" in orig or len(orig) > 2 * len(f.name):
        return f.name
    return orig.translate(FULLWIDTH_TO_ASCII)


def _own_place(district: str | None, compiled: CompiledProjects, rules: RuleSet) -> tuple[str, ...]:
    """The plan's own district in full and short, longest first (丰台区, 丰台), when its kind of
    division (projects.toml own_place_suffixes) names projects."""
    if not district or not district.endswith(tuple(compiled.rules.words.own_place_suffixes)):
        return ()
    return tuple(n for n in (district, gazetteer(rules).short_name(district)) if n)


def extract_projects(doc: Doc, sections: list[Section], rules: RuleSet, district: str | None = None) -> list[Project]:
    """Stage ``projects``: list entries first, then names in running text.

    ``district`` is the plan's own district as the meta stage found it (``region.district``): written
    before a name (丰台区教育发展中心, 丰台“尊师重教”专项资金) it belongs to the name and makes it specific."""
    compiled = shared.compiled(rules)
    lines = text_lines(doc, compiled)
    lists = find_lists(lines, compiled)
    headed = [f for f in programme_headings(lines, lists.used, compiled)
              if f.tier == "list" or not is_national(f.name, compiled.rules.words)]
    text = blank_titles(doc.text)
    ctx = RunningText(text=text, compiled=compiled, places=_own_place(district, compiled, rules))
    for f in lists.entries + headed:
        ctx.taken.append((f.pos, f.pos + len(f.name)))
    found = lists.entries + headed + names_in_running_text(ctx)
    review = _review_spans(lines, compiled)

    def in_review(p: int) -> bool:
        return any(a <= p < b for a, b in review)

    out: list[Project] = []
    programmes = set(compiled.rules.lists.review_keep)
    for f in _merge(found):
        mentions = _mention_positions(doc.text, f)
        if f.tier == "list":
            first = f.pos
        else:
            committed = [p for p in mentions if not in_review(p)]
            if not committed and f.category not in programmes:
                continue  # only reported as a past achievement
            first = committed[0] if committed else mentions[0]
        line = doc.line_of(first)
        out.append(Project(
            name=_as_written(doc, f), category=f.category, tier=f.tier, line=line,
            lines=sorted({doc.line_of(p) for p in mentions}),
            section=section_at(sections, line, doc.mapped.to_original(first)), text=doc.sentence(first),
            description=f.description,
        ))
    out.sort(key=lambda p: (p.line, p.name))
    return out


def drop_the_plan_itself(projects: list[Project], title: str | None) -> list[Project]:
    """A plan named 《…三年行动计划》 is not one of its own initiatives: drop the project whose
    name ends the document's title (period in brackets aside)."""
    if not title:
        return projects
    core = _PERIOD_TAIL.sub("", title.strip()).strip()
    return [p for p in projects if not (len(p.name) >= _MIN_OWN_NAME_LEN and core.endswith(p.name.strip("“”\""))
                                        and p.tier != "list")]
