"""Stage 5d, projects: named initiatives and key-project lists (records.md §2).

Two passes over the cleaned text, both driven by ``rules/projects.toml``
(:mod:`plancmp.extract.projects.shared`):

1. **lists** (tier ``list``, :mod:`plancmp.extract.projects.lists`): entries of explicit
   lists of key projects: a table laid out one cell per line or with ``|``
   (``序号 / 重点项目 / 内容提要``), numbered entries under a stand-alone header
   (``…重点工程``, ``附件``, a ``专栏`` box), and headings whose title is a
   programme (``(一)立德树人专项行动``, ``(二)X行动——subtitle``) when several siblings are,
   numbered school cards (``1.X小学(新建)``), and the ``extra`` entries another stage read;
2. **names in running text** (tier ``named``, :mod:`plancmp.extract.projects.names` and
   :mod:`plancmp.extract.projects.quoted`).

Every name found in running text then goes before the judge (:mod:`plancmp.extract.projects.judge`):
a category (``主体工程``, ``近期开工项目``) or a fragment is no project. This module merges what is
left: each project is recorded once, with every line that mentions it, its status and year
(:mod:`plancmp.extract.projects.status`); ``line`` is the first mention outside the review of the
last period (if any); its name is written as the plan writes it, glosses dropped.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ...models import Project, Section
from ...prepare.chars import FULLWIDTH_TO_ASCII
from ...prepare.document import Doc, section_at
from ...ruleset import RuleSet
from .. import tables
from ..gazetteer import gazetteer
from . import shared
from .judge import Name, is_category
from .judge import compiled as judge_rules
from .lists import TextLine, find_lists, programme_headings, school_cards, text_lines
from .names import CODE, RunningText, blank_titles, own_division, drop_nested, enumerated_names, unquoted_names
from .quoted import quoted_names
from .shared import Candidate, CompiledProjects, category_of, is_national, without_quotes
from .status import clause_around, status_of, year_of

#: a name this short (工程, 学校) is found everywhere: its other mentions are not searched for
_MIN_MENTION_LEN = 3
#: a project named as shortly as this (计划) is never taken for the plan itself
_MIN_OWN_NAME_LEN = 4
#: characters of context around a name that the judge reads
_JUDGE_CONTEXT = 6
_PERIOD_TAIL = re.compile(r"[(（][^()（）]*[)）]$")
#: a plan of a period, this plan's sibling (学前教育三年行动计划, 城市更新2026年度实施计划): a document, no
#: project of this plan
_A_DOCUMENT = re.compile("(?:[一二三四五两]年|\\d{4}年度?|年度)(?:实施|工作|专项)?(?:行动计划|计划|行动|方案)$")
#: a year or a date opening a name
_A_TIME = re.compile(r"(?:19|20)\d\d\s*(?:年|-|—)")
#: a box or annex heading taken for the title of an excerpt that opens with it
_BOX_TITLE = re.compile(r"\s*(?:专栏|附件|附表)")
#: the word that makes a title a document: 《…城市更新行动方案》 is the plan of the 城市更新行动
_DOCUMENT_WORD = re.compile("(?:实施方案|工作方案|方案|实施意见|意见|规划|纲要)$")


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
    keys = {without_quotes(f.name) for f in found}
    for f in found:
        key = _built_thing(without_quotes(f.name), keys)
        core = _quote_core(f.name)
        hit = by_key.get(key) or (by_core.get((core, f.category)) if core else None)
        if hit:
            hit.positions.append(f.pos)
            if hit.tier != "list" and f.tier == "list":
                hit.tier, hit.name, hit.pos, hit.description = "list", f.name, f.pos, f.description
            elif hit.tier == f.tier and key != without_quotes(f.name) and f.name.endswith(_WORKS_PROGRAMME):
                hit.name, hit.category = f.name, f.category  # 南塘泵闸 and 南塘泵闸建设工程: the works' own name
            continue
        f.positions.append(f.pos)
        by_key[key] = f
        if core:
            by_core[(core, f.category)] = f
        out.append(f)
    return out


#: a building tail that makes the works a programme with a name of its own (…泵闸建设工程), which the
#: record keeps over the bare thing's name; 项目 is a label (凉州区第一幼儿园建设项目 stays the school)
_WORKS_PROGRAMME = ("建设工程",)
#: what follows a name when the text speaks of building it: 凉州区第一幼儿园建设项目 is the school
_BUILDING_TAILS = ("建设项目", "项目建设", "建设工程", "项目")


def _built_thing(key: str, keys: set[str]) -> str:
    """The name of the thing a building project is about, when the text names that thing too."""
    for tail in _BUILDING_TAILS:
        if key.endswith(tail) and key[:-len(tail)] in keys:
            return key[:-len(tail)]
    return key


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
    """The name as the original file writes it, in its own script and with spun or masked words,
    without what cleaning dropped from inside it (a pinyin gloss, a spam phrase), when on one line."""
    at = doc.text.find(f.name, max(f.pos - 2, 0), f.pos + 2 + len(f.name))  # near pos: not a scan to the end
    if at == -1:
        return f.name
    offsets = sorted({doc.mapped.to_original(i) for i in range(at, at + len(f.name))})
    orig = "".join(doc.original.text[o] for o in offsets if 0 <= o < len(doc.original.text))
    if "\n" in orig or len(orig) > 2 * len(f.name):
        return f.name
    return orig.translate(FULLWIDTH_TO_ASCII)


def names_in_running_text(ctx: RunningText, keep: Callable[[Candidate], bool] = lambda f: True) -> list[Candidate]:
    """Every name the running text sets up that ``keep`` keeps, a name inside a longer one at the same
    place left out (a longer one that is no name does not hide the name inside it: G318线…工程|计划6月开工)."""
    return drop_nested([f for f in quoted_names(ctx) + enumerated_names(ctx) + unquoted_names(ctx) if keep(f)])


def _head_kind(name: str, compiled: CompiledProjects) -> tuple[str, str]:
    """The category word a name ends with and its kind: ``programme``, ``school`` or ``thing``."""
    m = compiled.quoted_suffix_end.search(without_quotes(name))
    if not m:
        return "", "thing"
    r = compiled.rules
    head = m.group()
    # a strong head that [judge] specific_heads lists (品牌) still needs a proper name or a place
    # when unquoted: 绿化市容品牌 is a function of the government, 江湾教研品牌 a brand
    named_by_content = head in r.strong and head not in r.judge.specific_heads
    return head, "school" if head in r.school else "programme" if named_by_content else "thing"


def _a_category(text: str, f: Candidate, compiled: CompiledProjects, rules: RuleSet) -> str | None:
    """Why a name found in running text names a category or is a fragment, or None (judge.py).
    An entry of a list or of a task table is a project by its place in the structure: not judged."""
    if f.rule in ("list", "table"):
        return None
    if _A_TIME.match(without_quotes(f.name)):
        return "time"  # 2030年全面完成…改造, 2025年教育提升工程 (of 2021-2025年…): a name never opens with a year
    if f.rule == "unquoted" and _A_DOCUMENT.search(f.name):
        return "document"  # a quoted nickname (“新三年行动”) is a name the plan gives its programme
    head, kind = _head_kind(f.name, compiled)
    end = f.pos + len(f.name)
    n = Name(name=f.name, head=head, before=text[max(0, f.pos - _JUDGE_CONTEXT):f.pos],
             after=text[end:end + _JUDGE_CONTEXT])
    why = is_category(n, kind, rules, f.rule)
    if why == "generic-modifier" and (CODE.search(f.name[:len(f.name) - len(head)]) or own_division(f.name)):
        return None  # 曹杨社区SJC1-0013单元城市更新项目, 县实验幼儿园: one site's, the division's own
    return why


def _own_place(district: str | None, compiled: CompiledProjects, rules: RuleSet) -> tuple[str, ...]:
    """The plan's own district in full and short, longest first (丰台区, 丰台), when its kind of
    division (projects.toml own_place_suffixes) names projects."""
    if not district or not district.endswith(tuple(compiled.rules.words.own_place_suffixes)):
        return ()
    return tuple(n for n in (district, gazetteer(rules).short_name(district)) if n)


def extract_projects(doc: Doc, sections: list[Section], rules: RuleSet, district: str | None = None,
                     extra: Sequence[Candidate] = ()) -> list[Project]:
    """Stage ``projects``: list entries first, then names in running text.

    ``district`` is the plan's own district as the meta stage found it (``region.district``): written
    before a name (丰台区教育发展中心, 丰台“尊师重教”专项资金) it belongs to the name and makes it specific.
    ``extra`` are list entries another stage read (the rows of an annex task table), merged with
    the others: a name they take is not looked for again in running text."""
    compiled = shared.compiled(rules)
    lines = text_lines(doc, compiled)
    lists = find_lists(lines, compiled)
    headed = [f for f in programme_headings(lines, lists.used, compiled)
              if f.tier == "list" or not is_national(f.name, compiled.rules.words)]
    # rows of task and project lists laid out as tables (重点任务清单 annexes), read by the tables stage
    tabled = [Candidate(name=e.name, category=e.category, tier="list", pos=e.pos, description=e.description,
                        rule="table") for e in tables.task_entries(doc, rules, lambda n: category_of(n, compiled))]
    structured = [*extra, *lists.entries, *tabled, *headed, *school_cards(lines, lists.used, compiled)]
    text = blank_titles(doc.text)
    ctx = RunningText(text=text, compiled=compiled, places=_own_place(district, compiled, rules),
                      judge=judge_rules(rules))
    for f in structured:
        ctx.taken.append((f.pos, f.pos + len(f.name)))
    found = structured + names_in_running_text(ctx, lambda f: not _a_category(doc.text, f, compiled, rules))
    review = _review_spans(lines, compiled)

    def in_review(p: int) -> bool:
        return any(a <= p < b for a, b in review)

    out: list[Project] = []
    programmes = set(compiled.rules.lists.review_keep)
    for f in _merge([f for f in found if not _a_category(doc.text, f, compiled, rules)]):
        mentions = _mention_positions(doc.text, f)
        committed = [p for p in mentions if not in_review(p)]
        if f.tier != "list" and not committed and f.category not in programmes:
            continue  # only reported as a past achievement: not a commitment of this plan
        first = f.pos if f.tier == "list" else (committed or mentions)[0]
        line = doc.line_of(first)
        clause = clause_around(doc.text, first, first + len(f.name))
        out.append(Project(
            name=_as_written(doc, f), category=f.category, tier=f.tier, line=line,
            lines=sorted({doc.line_of(p) for p in mentions}),
            section=section_at(sections, line, doc.mapped.to_original(first)), text=doc.sentence(first),
            description=f.description, status=f.status or status_of(clause, not committed, compiled),
            year=year_of(clause),
        ))
    out.sort(key=lambda p: (p.line, p.name))
    return out


def drop_the_plan_itself(projects: list[Project], title: str | None) -> list[Project]:
    """A plan named 《…三年行动计划》 is not one of its own initiatives: drop the project whose
    name ends the document's title (period in brackets aside)."""
    if not title or _BOX_TITLE.match(title):
        return projects  # an excerpt opening with a box (专栏1 …工程) has no title of its own
    core = _PERIOD_TAIL.sub("", title.strip()).strip()
    cores = {core, _DOCUMENT_WORD.sub("", core)}
    return [p for p in projects if not (len(p.name) >= _MIN_OWN_NAME_LEN and p.tier != "list"
                                        and any(c.endswith(p.name.strip("“”\"")) for c in cores))]
