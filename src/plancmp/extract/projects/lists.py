"""Projects, pass 1: entries of explicit lists of key projects (tier ``list``).

A list starts at a stand-alone header line (``…重点工程``, ``项目一览表``, a
``专栏`` box) and is read as the first layout that fits:

- a table laid out one cell per line (``序号 / 重点项目 / 内容提要``);
- a ``|`` table, whose name column is the one headed 名称/项目/工程/行动;
- marked entries (``一、`` ``1.`` ``(1)``) or ``名称:内容`` lines under the header.

Headings whose title is a programme (``(一)立德树人专项行动``) are list entries
too when at least three siblings are, and named projects otherwise.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ...prepare.document import Doc
from .shared import MIN_NAME_BEFORE_SUFFIX, Candidate, CompiledProjects, category_of, clean_name

_NUMBER_CELL = re.compile(r"^\s*(\d{1,2})\s*$")

#: a list header is a title line, not a sentence
_MAX_HEADER_LEN = 40
#: a cell of a table header (序号, 项目名称, 责任单位) is a short label
_MAX_HEADER_CELL_LEN = 8
#: short lines after a list header are a table header when this many are known header cells
_MIN_KNOWN_HEADER_CELLS = 2
#: a cell this long (or ending a sentence) is the text of an entry, not its name
_PROSE_LEN = 20
#: an entry number among the next cells shows the text before it still belongs to the current entry
_NUMBER_LOOKAHEAD = 4
#: prose lines between a header and its first entry: more, and the header announced no list
_MAX_PROSE_BEFORE = 2
#: a longer heading or box title is a sentence, not the name of a programme
_MAX_PROGRAMME_LEN = 30
#: headings of one rank ending in one category word (专项行动) that make a list rather than loose names
_MIN_SIBLINGS = 3
#: the description of a programme heading: the text under it, cut at this many characters
_MAX_DESCRIPTION = 1000


@dataclass(frozen=True)
class Marker:
    """A heading marker at the start of a line (一、 (二) 3. ①)."""

    rank: int  # of its kind in rules/headings.toml: smaller = outer
    item: bool  # a numbered paragraph, not a section
    end: int  # where the marker (and the space after it) ends


@dataclass(frozen=True)
class TextLine:
    """One line of the cleaned text, with where it starts and its heading marker, if any."""

    start: int
    text: str
    marker: Marker | None

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(frozen=True)
class ListBlock:
    """The entries one layout read under a header, and the index of the first line after them."""

    entries: list[Candidate]
    end: int


@dataclass
class Lists:
    """Every list entry of the document, and the indexes of the lines the lists take up."""

    entries: list[Candidate] = field(default_factory=list)
    used: set[int] = field(default_factory=set)


def _marker(text: str, compiled: CompiledProjects) -> Marker | None:
    for kind in compiled.markers:
        m = kind.pattern.match(text)
        if m:
            return Marker(rank=kind.rank, item=kind.item, end=m.end())
    return None


def text_lines(doc: Doc, compiled: CompiledProjects) -> list[TextLine]:
    return [TextLine(start=s, text=t, marker=_marker(t, compiled)) for s, _, t in doc.lines()]


#: a dash between words parts a heading's name from its subtitle: 再造发展新极行动——综合区域整体焕新
_SUBTITLE_DASH = re.compile(r"(?<=[\u4e00-\u9fff”])\s*-{1,2}\s*(?=[\u4e00-\u9fff“])")


def split_subtitle(title: str) -> tuple[str, str | None]:
    """A heading title and its subtitle after a dash (``X行动——Y`` → ``X行动``, ``Y``)."""
    m = _SUBTITLE_DASH.search(title)
    return (title[:m.start()], title[m.end():]) if m else (title, None)


def heading_title(rest: str, compiled: CompiledProjects) -> str:
    """The heading part of a marked line: up to the first 。/:/; (at most 40 characters) or a dash
    before a subtitle, without the verb that sets the programme up (实施校长培养提升工程 → 校长培养提升工程)."""
    m = compiled.title.match(rest.strip())
    if not m:
        return ""
    t = clean_name(split_subtitle(m.group())[0])
    return compiled.title_verb.sub("", t) if compiled.heading_suffix.search(t) else t


def _is_header(line: str, compiled: CompiledProjects) -> bool:
    s = line.strip()
    if not s or len(s) > _MAX_HEADER_LEN or "。" in s or "," in s:
        return False
    return bool(compiled.header.search(s)
                or (compiled.box.match(s) and compiled.heading_suffix.search(s.rstrip(" |"))))


def _looks_like_prose(s: str) -> bool:
    return len(s) >= _PROSE_LEN or s.endswith(("。", ";", "；"))


def _cell_table(lines: list[TextLine], i: int, compiled: CompiledProjects) -> ListBlock:
    """Rows of a table laid out one cell per line: 序号 / 名称 / 内容 (other columns skipped)."""
    lists = compiled.rules.lists
    j, n = i + 1, len(lines)
    head: list[str] = []
    while j < n and (not lines[j].stripped
                     or (len(lines[j].stripped) <= _MAX_HEADER_CELL_LEN and not _NUMBER_CELL.match(lines[j].stripped))):
        if lines[j].stripped:
            head.append(lines[j].stripped)
        j += 1
    if sum(h in lists.header_cells for h in head) < _MIN_KNOWN_HEADER_CELLS:
        return ListBlock(entries=[], end=i)
    num_idx = head.index(lists.number_cell) if lists.number_cell in head else 0
    name_idx = next((k for k, h in enumerate(head) if k != num_idx and any(w in h for w in lists.name_cells)),
                    num_idx + 1)
    skip = max(name_idx - num_idx - 1, 0)
    cells = [k for k in range(j, n) if lines[k].stripped]
    out: list[Candidate] = []
    expect, ci = 1, 0
    while ci < len(cells):
        cell = lines[cells[ci]]
        s = cell.stripped
        m = _NUMBER_CELL.match(s)
        if m and int(m.group(1)) == expect and ci + 1 + skip < len(cells):
            row = lines[cells[ci + 1 + skip]]
            name = clean_name(row.stripped)
            out.append(Candidate(name=name, category=category_of(name, compiled), tier="list",
                                 pos=row.start + row.text.find(row.stripped)))
            expect += 1
            ci += 2 + skip
            continue
        if not out or (cell.marker and not cell.marker.item) or _is_header(s, compiled):
            break
        upcoming = [lines[k].stripped for k in cells[ci + 1:ci + 1 + _NUMBER_LOOKAHEAD]]
        if _looks_like_prose(s) or str(expect) in upcoming:
            out[-1].description = ((out[-1].description or "") + "\n" + s).strip()
            ci += 1
            continue
        break
    end = cells[ci] if ci < len(cells) else n
    return ListBlock(entries=out, end=end)


def _pipe_table(lines: list[TextLine], i: int, compiled: CompiledProjects) -> ListBlock:
    """Rows of a ``|`` table: the name column is the one headed 名称/项目/工程/行动."""
    lists = compiled.rules.lists
    j, n = i + 1, len(lines)
    while j < n and not lines[j].stripped:
        j += 1
    if j >= n or "|" not in lines[j].stripped:
        return ListBlock(entries=[], end=i)
    head = [x.strip() for x in lines[j].stripped.strip("|").split("|")]
    name_col = next((k for k, h in enumerate(head) if any(w in h for w in lists.name_cells)), None)
    desc_col = next((k for k, h in enumerate(head) if any(w in h for w in lists.content_cells)), None)
    if name_col is None:
        return ListBlock(entries=[], end=i)
    out: list[Candidate] = []
    j += 1
    while j < n and "|" in lines[j].stripped:
        row = [x.strip() for x in lines[j].stripped.strip("|").split("|")]
        if len(row) > name_col and row[name_col]:
            name = clean_name(row[name_col])
            pos = lines[j].start + lines[j].text.find(row[name_col])
            desc = row[desc_col] if desc_col is not None and len(row) > desc_col else None
            out.append(Candidate(name=name, category=category_of(name, compiled), tier="list", pos=pos,
                                 description=desc))
        j += 1
    return ListBlock(entries=out, end=j)


def _numbered(lines: list[TextLine], i: int, compiled: CompiledProjects) -> ListBlock:
    """Marked entries (一、/1./(1)) under a header, or ``名称:内容`` lines in a box."""
    header_rank = lines[i].marker.rank if lines[i].marker else -1
    in_box = compiled.box.match(lines[i].text) is not None
    entry_rank: int | None = None
    out: list[Candidate] = []
    prose_before = 0
    j, n = i + 1, len(lines)
    while j < n:
        line = lines[j]
        s = line.stripped
        if not s:
            j += 1
            continue
        m = line.marker
        if m:
            if m.rank <= header_rank or (entry_rank is not None and m.rank < entry_rank):
                break
            if in_box and not m.item:
                break  # a box's entries are numbered paragraphs: a chapter or section heading ends it
            if out and entry_rank is None:
                break  # a heading after 名称:内容 entries ends the box
            if entry_rank is None:
                entry_rank = m.rank
            if m.rank == entry_rank:
                rest = line.text[m.end:]
                name = heading_title(rest, compiled)
                if not name:
                    break
                pos = line.start + m.end + rest.find(name[:2]) if name[:2] in rest else line.start + m.end
                desc = rest.strip()[len(compiled.title.match(rest.strip()).group()):].lstrip("。:;") or None
                out.append(Candidate(name=name, category=category_of(name, compiled), tier="list", pos=pos,
                                     description=desc))
                j += 1
                continue
        elif _is_header(s, compiled) or (compiled.box.match(s)):
            break
        else:
            inline = _inline_entry(s, compiled)
            if inline and entry_rank is None:
                name, desc = inline
                pos = line.start + line.text.find(name)
                half = _label_half(lines, j, compiled)
                if half is not None:  # 义务教育均衡发展和 | 城乡一体化推动计划 内容: a label over two lines
                    name, pos = half.stripped + name, half.start + half.text.find(half.stripped)
                    if out and out[-1].description and out[-1].description.endswith(half.stripped):
                        out[-1].description = out[-1].description[:-len(half.stripped)].strip() or None
                out.append(Candidate(name=name, category=category_of(name, compiled), tier="list",
                                     pos=pos, description=desc))
                j += 1
                continue
            if not out:
                prose_before += 1
                if prose_before > _MAX_PROSE_BEFORE:
                    break
                j += 1
                continue
        if out:  # content of the current entry
            out[-1].description = ((out[-1].description or "") + "\n" + s).strip()
        j += 1
    return ListBlock(entries=out, end=j)


_INLINE_ENTRY = re.compile(f"([^。:;,]{{2,{_MAX_PROGRAMME_LEN}}})[。:;]")
#: a box row flattened to one line: the name, a space, the cell text (巩固提升行动计划 增加…)
_SPACED_ENTRY = re.compile(f"(\\S{{2,{_MAX_PROGRAMME_LEN}}}?)\\s+(\\S.*)")
#: the first half of a row label split over two lines is short and no sentence
_MAX_LABEL_HALF = 16


def _inline_entry(s: str, compiled: CompiledProjects) -> tuple[str, str] | None:
    """``XX工程:内容``, ``XX工程。内容`` or ``XX工程 内容`` on one line (entries of a box): its name
    and content."""
    for pattern in (_INLINE_ENTRY, _SPACED_ENTRY):
        m = pattern.match(s)
        if not m:
            continue
        name = clean_name(m.group(1))
        if compiled.heading_suffix.search(name):
            return compiled.title_verb.sub("", name), s[m.end(1):].strip().lstrip("。:;").strip()
    return None


def _label_half(lines: list[TextLine], j: int, compiled: CompiledProjects) -> TextLine | None:
    """The line before an entry when it is the first half of the entry's label: short, unmarked, no
    sentence, and no entry of its own (普惠性学前教育 | 巩固提升行动计划 …)."""
    k = j - 1
    while k >= 0 and not lines[k].stripped:
        k -= 1
    if k < 0:
        return None
    prev = lines[k]
    t = prev.stripped
    if prev.marker or len(t) > _MAX_LABEL_HALF or any(c in t for c in "。,;:!? ") or _is_header(t, compiled) \
            or compiled.box.match(t) or _inline_entry(t, compiled):
        return None
    return prev


def _box_programme(line: TextLine, compiled: CompiledProjects) -> list[Candidate]:
    """A 专栏 box titled with a programme of its own (专栏2 教师素质提升工程), not a list title (重点工程)."""
    s = line.text.strip()
    m = compiled.box.match(s)
    if not m:
        return []
    title = clean_name(s[m.end():].strip(" |:"))
    suf = compiled.heading_suffix.search(title)
    if (not suf or compiled.header.search(title) or len(title) - len(suf.group()) < MIN_NAME_BEFORE_SUFFIX
            or len(title) > _MAX_PROGRAMME_LEN):
        return []
    # judged as a heading is: 专栏3 重大产业项目 titles a list of projects, it is none of them
    return [Candidate(name=title, category=category_of(title, compiled), tier="named", rule="heading",
                      pos=line.start + line.text.find(title))]


def find_lists(lines: list[TextLine], compiled: CompiledProjects) -> Lists:
    """Entries of every explicit list; the indexes of the lines they take up."""
    found = Lists()
    i = 0
    while i < len(lines):
        if not _is_header(lines[i].text, compiled):
            i += 1
            continue
        for parse in (_cell_table, _pipe_table, _numbered):
            block = parse(lines, i, compiled)
            if block.entries:
                found.entries.extend(_box_programme(lines[i], compiled))
                found.entries.extend(block.entries)
                found.used.update(range(i, block.end))
                i = block.end
                break
        else:
            # a box with prose only (专栏1 学前教育普惠发展工程 / 新建…): its title is still a programme
            found.entries.extend(_box_programme(lines[i], compiled))
            i += 1
    return found


def programme_headings(lines: list[TextLine], used: set[int], compiled: CompiledProjects) -> list[Candidate]:
    """Headings whose title is a programme: list entries when siblings are too."""
    cands: list[tuple[int, str, Candidate]] = []
    for idx, line in enumerate(lines):
        m = line.marker
        if idx in used or not m:
            continue
        rest = line.text[m.end:]
        name = heading_title(rest, compiled)
        suf = compiled.heading_suffix.search(name)
        if not suf or len(name) - len(suf.group()) < MIN_NAME_BEFORE_SUFFIX or len(name) > _MAX_PROGRAMME_LEN:
            continue
        pos = line.start + m.end + max(rest.find(name), 0)
        title = compiled.title.match(rest.strip())
        desc = (split_subtitle(title.group())[1] if title else None) or _body_after(lines, idx, m.rank, compiled)
        cands.append((m.rank, suf.group(), Candidate(name=name, category=category_of(name, compiled), tier="named",
                                                      rule="heading",
                                                      pos=pos, description=desc)))
    siblings = Counter((rank, suf) for rank, suf, _ in cands)
    for rank, suf, f in cands:
        if siblings[(rank, suf)] >= _MIN_SIBLINGS:
            f.tier = "list"
    return [f for _, _, f in cands]


#: a school card's title: the school, then what is done to it in brackets (韩森寨小学(新建))
_CARD_STATUS = re.compile(r"^(?P<name>.{2,24}?)\s*\((?P<status>[^()]{1,6})\)$")


def school_cards(lines: list[TextLine], used: set[int], compiled: CompiledProjects) -> list[Candidate]:
    """Numbered lines that each name a school and what is done to it, with its fields below
    (``1.韩森寨小学(新建)`` / ``地址:…`` / ``新增学位:…``): a list of the schools to build."""
    out: list[Candidate] = []
    verbs = compiled.rules.status
    for idx, line in enumerate(lines):
        m = line.marker
        if idx in used or not m:
            continue
        title = line.text[m.end:].strip()
        card = _CARD_STATUS.match(title)
        if not card or not compiled.school_end.search(card.group("name")):
            continue
        work = card.group("status")
        status = "done" if work in verbs.done else "ongoing" if work in verbs.ongoing else \
            "planned" if any(w in work for w in verbs.planned) else None
        if status is None:
            continue
        fields = [work]
        for nxt in lines[idx + 1:]:
            if nxt.marker or ":" not in nxt.stripped or len(fields) > _MAX_CARD_FIELDS:
                break  # a card's fields are 'label:value' lines
            fields.append(nxt.stripped)
        name = card.group("name")
        out.append(Candidate(name=name, category=category_of(name, compiled), tier="list",
                             pos=line.start + line.text.find(name), description=";".join(fields), status=status))
    return out


#: the field lines of a school card (地址, 办学性质, 新增学位 …) read into its description
_MAX_CARD_FIELDS = 6


def _body_after(lines: list[TextLine], idx: int, rank: int, compiled: CompiledProjects) -> str | None:
    """The text under a heading: its own line's rest and the lines up to the next heading of its rank or higher."""
    parts: list[str] = []
    m = lines[idx].marker
    if m:
        rest = lines[idx].text[m.end:].strip()
        t = compiled.title.match(rest)
        if t and len(t.group()) < len(rest):
            parts.append(rest[len(t.group()):].lstrip("。:;"))
    size = sum(map(len, parts))
    for line in lines[idx + 1:]:
        if line.marker and line.marker.rank <= rank:
            break
        if line.stripped:
            parts.append(line.stripped)
            size += len(line.stripped)
        if size > _MAX_DESCRIPTION:
            break
    body = "\n".join(p for p in parts if p).strip()
    return body[:_MAX_DESCRIPTION] or None
