"""Stage 5d, projects: named initiatives and key-project lists (records.md §2).

Two passes over the cleaned text, both driven by ``rules/projects.toml``:

1. **lists** (tier ``list``): entries of explicit lists of key projects: a
   table laid out one cell per line or with ``|`` (``序号 / 重点项目 / 内容提要``),
   numbered entries under a stand-alone header (``…重点工程``, ``附件``, a
   ``专栏`` box), and headings whose title is a programme
   (``(一)立德树人专项行动``) when several siblings are;
2. **names in running text** (tier ``named``): quoted names with or without a
   category word (``“云端海教”品牌``, ``“领头雁”培育工程``), unquoted names
   ending in a category word after a set-up verb (``实施美育质量提升工程``),
   enumerations before a shared category (``做强A、B等…品牌``) and schools or
   branches named for construction.

Each project is recorded once, with every line that mentions it; ``line`` is
the first mention outside the review of the last period (if any).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pydantic import BaseModel

from .document import Doc, section_at
from .models import Project, Section
from .patterns import HAN, is_han
from .rules import RuleSet

#: characters a name is made of besides Han (〇: 第一五〇中学; masked text uses *, programmes use +)
_NAME_EXTRA = frozenset("〇0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+*·")


def _is_name_ch(c: str) -> bool:
    return is_han(c) or c in _NAME_EXTRA


_QUOTE_CH = "“”\"'‘’"
#: a heading marker at the start of a line; the group name gives its rank
_MARKER = re.compile(
    r"^\s*(?:(?P<r0>第[一二三四五六七八九十百]+[章节篇部分])"
    r"|(?P<r1>[一二三四五六七八九十]+\s*、)"
    r"|(?P<r2>[(（][一二三四五六七八九十]+[)）])"
    r"|(?P<r3>\d{1,2}\s*[.．、](?!\d))"
    r"|(?P<r4>[(（]\d{1,2}[)）])"
    r"|(?P<r5>[①-⑳]))\s*"
)
_NUMBER_CELL = re.compile(r"^\s*(\d{1,2})\s*$")
_TITLE = re.compile(r"[^。:;!?]{1,40}")
_BOOK_TITLE = re.compile(r"《[^《》\n]{0,80}》")


class ProjectWords(BaseModel):
    setup_verbs: list[str]
    external_verbs: list[str]
    left_stops: list[str]
    joiners: list[str]
    content_words: list[str]
    predicates: list[str]
    conjunctions: list[str]
    national: list[str]
    school_verbs: list[str]
    continuations: list[str]
    not_names: list[str]
    generic: list[str]
    generic_names: list[str]
    external_prefixes: list[str]
    bad_heads: list[str]
    not_district: list[str]
    distributive: list[str] = []


class ListRules(BaseModel):
    header: str
    header_cells: list[str]
    box: str
    heading_suffixes: list[str]
    title_verbs: list[str]
    review_titles: list[str]
    review_keep: list[str]


class ProjectRules(BaseModel):
    """``rules/projects.toml``."""

    strong: dict[str, str]
    weak: dict[str, str]
    school: dict[str, str]
    quoted_only: dict[str, str]
    specific_min: dict[str, int]
    words: ProjectWords
    lists: ListRules


@dataclass
class _Compiled:
    rules: ProjectRules
    suffix: re.Pattern[str]  # any category word
    quoted_suffix: re.Pattern[str]  # any category word, or one valid only in quotes
    category: dict[str, str]
    header: re.Pattern[str]
    box: re.Pattern[str]
    heading_suffix: re.Pattern[str]
    title_verb: re.Pattern[str]
    left_stop: re.Pattern[str]
    joiner: re.Pattern[str]  # at the end of a name's modifier
    content_words: re.Pattern[str]  # words whose last character looks like a function word
    generic: re.Pattern[str]
    quoted: re.Pattern[str]
    setup: re.Pattern[str]
    suffix_end: re.Pattern[str]  # a name ending in a category word
    quoted_suffix_end: re.Pattern[str]  # … or in one valid only in quotes
    school_end: re.Pattern[str]  # a name ending like a school's
    school_verb_end: re.Pattern[str]  # a phrase ending in a school verb
    school_verb_head: re.Pattern[str]  # the last school verb, with no 、 after it
    enumeration_head: re.Pattern[str]  # the shared head after listed items (等…品牌, 12所中小学)


def _alt(words: list[str] | set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_SCHOOL_HEAD = "中小学|小学|中学|学校|幼儿园|分校|校区"


def _compile(rules: RuleSet) -> _Compiled:
    r = rules.table("projects", ProjectRules)
    category = {**r.school, **r.weak, **r.strong}
    suffix_alt = _alt(category)
    quoted_alt = _alt({**category, **r.quoted_only})
    school_verbs = _alt(r.words.school_verbs)
    programme_head = _alt([s for s, cat in r.strong.items() if cat in ("品牌", "工程", "计划", "行动")])
    return _Compiled(
        rules=r,
        suffix=re.compile(f"(?:{suffix_alt})"),
        quoted_suffix=re.compile(f"(?:{quoted_alt})"),
        category={**category, **r.quoted_only},
        header=re.compile(r.lists.header),
        box=re.compile(rf"^\s*(?:{r.lists.box})"),
        heading_suffix=re.compile(f"(?:{_alt(r.lists.heading_suffixes)})$"),
        title_verb=re.compile(f"^(?:{_alt(r.lists.title_verbs)})"),
        left_stop=re.compile(f"(?:{_alt(r.words.left_stops)})"),
        joiner=re.compile(f"(?:{_alt(r.words.joiners)})$"),
        content_words=re.compile(f"(?:{_alt(r.words.content_words)})"),
        generic=re.compile(f"(?:{_alt(r.words.generic)})"),
        # “X”, then up to six characters, then a category word: “领头雁”培育工程
        quoted=re.compile(f"“([^“”\\n]{{1,24}})”((?:等)?{HAN}{{0,6}}?)({quoted_alt})"),
        setup=re.compile(f"(?:{_alt(r.words.setup_verbs)})"),
        suffix_end=re.compile(f"(?:{suffix_alt})$"),
        quoted_suffix_end=re.compile(f"(?:{quoted_alt})$"),
        school_end=re.compile(f"(?:{_alt(r.school)})$"),
        school_verb_end=re.compile(f"(?:{school_verbs})$"),
        school_verb_head=re.compile(f"(?:{school_verbs})(?=[^、]*$)"),
        enumeration_head=re.compile(
            f"(?:等|(?<![一二三四五六七八九十两\\d])[一二三四五六七八九十两\\d]{{1,4}}[大个所类项])"
            f"(?:[一二三四五六七八九十两\\d]{{1,4}}[个所])?"
            f"({HAN}{{0,6}}?)({programme_head}|{_SCHOOL_HEAD}|项目)"
        ),
    )


# ------------------------------------------------------------------ records


@dataclass
class _Found:
    name: str
    category: str | None
    tier: str
    pos: int  # position in doc.text of the mention
    description: str | None = None
    rule: str = "list"
    positions: list[int] = field(default_factory=list)


def _bare(name: str) -> str:
    return re.sub(f"[{_QUOTE_CH}\\s]", "", name)


def _category_of(name: str, c: _Compiled) -> str | None:
    m = c.quoted_suffix_end.search(_bare(name))
    return c.category[m.group()] if m else None


def _clean_name(name: str) -> str:
    """Without list markers, outer quotes and trailing punctuation."""
    s = name.strip().strip("、,.。:;　 ")
    if s.startswith("“") and s.endswith("”") and s.count("“") == 1:
        s = s[1:-1]
    return s.strip()


# -------------------------------------------------------------------- lists


def _marker(line: str) -> tuple[int, int] | None:
    """(rank, end of marker) of a heading marker at the start of ``line``."""
    m = _MARKER.match(line)
    if not m:
        return None
    rank = int(next(k for k, v in m.groupdict().items() if v)[1])
    return rank, m.end()


def _title(rest: str, c: _Compiled) -> str:
    """The heading part of a marked line: up to the first 。/:/; (at most 40 characters)."""
    m = _TITLE.match(rest.strip())
    if not m:
        return ""
    t = _clean_name(m.group())
    return c.title_verb.sub("", t) if c.heading_suffix.search(t) else t


@dataclass
class _Line:
    start: int
    text: str

    @property
    def s(self) -> str:
        return self.text.strip()


def _lines(doc: Doc) -> list[_Line]:
    return [_Line(s, t) for s, _, t in doc.lines()]


def _is_header(line: str, c: _Compiled) -> bool:
    s = line.strip()
    if not s or len(s) > 40 or "。" in s or "," in s:
        return False
    return bool(c.header.search(s) or (c.box.match(s) and c.heading_suffix.search(s.rstrip(" |"))))


def _cell_table(lines: list[_Line], i: int, c: _Compiled) -> tuple[list[_Found], int]:
    """Rows of a table laid out one cell per line: 序号 / 名称 / 内容 (other columns skipped)."""
    known = set(c.rules.lists.header_cells)
    j, n = i + 1, len(lines)
    head: list[str] = []
    while j < n and (not lines[j].s or (len(lines[j].s) <= 8 and not _NUMBER_CELL.match(lines[j].s))):
        if lines[j].s:
            head.append(lines[j].s)
        j += 1
    if sum(h in known for h in head) < 2:
        return [], i
    num_idx = head.index("序号") if "序号" in head else 0
    name_idx = next((k for k, h in enumerate(head) if k != num_idx and re.search("名称|项目|工程|行动", h)), num_idx + 1)
    skip = max(name_idx - num_idx - 1, 0)
    cells = [k for k in range(j, n) if lines[k].s]
    out: list[_Found] = []
    expect, ci = 1, 0
    while ci < len(cells):
        s = lines[cells[ci]].s
        m = _NUMBER_CELL.match(s)
        if m and int(m.group(1)) == expect and ci + 1 + skip < len(cells):
            row = lines[cells[ci + 1 + skip]]
            name = _clean_name(row.s)
            out.append(_Found(name, _category_of(name, c), "list", row.start + row.text.find(row.s)))
            expect += 1
            ci += 2 + skip
            continue
        if not out or _marker(s) and _marker(s)[0] <= 2 or _is_header(s, c):
            break
        upcoming = [lines[k].s for k in cells[ci + 1:ci + 5]]
        if _looks_like_prose(s) or str(expect) in upcoming:
            out[-1].description = ((out[-1].description or "") + "\n" + s).strip()
            ci += 1
            continue
        break
    end = cells[ci] if ci < len(cells) else n
    return out, end


def _looks_like_prose(s: str) -> bool:
    return len(s) >= 20 or s.endswith(("。", ";", "；"))


def _pipe_table(lines: list[_Line], i: int, c: _Compiled) -> tuple[list[_Found], int]:
    """Rows of a ``|`` table: the name column is the one headed 名称/项目/工程/行动."""
    j, n = i + 1, len(lines)
    while j < n and not lines[j].s:
        j += 1
    if j >= n or "|" not in lines[j].s:
        return [], i
    head = [x.strip() for x in lines[j].s.strip("|").split("|")]
    name_col = next((k for k, h in enumerate(head) if re.search("名称|项目|工程|行动", h)), None)
    desc_col = next((k for k, h in enumerate(head) if re.search("内容|提要|任务", h)), None)
    if name_col is None:
        return [], i
    out: list[_Found] = []
    j += 1
    while j < n and "|" in lines[j].s:
        row = [x.strip() for x in lines[j].s.strip("|").split("|")]
        if len(row) > name_col and row[name_col]:
            name = _clean_name(row[name_col])
            pos = lines[j].start + lines[j].text.find(row[name_col])
            desc = row[desc_col] if desc_col is not None and len(row) > desc_col else None
            out.append(_Found(name, _category_of(name, c), "list", pos, desc))
        j += 1
    return out, j


def _numbered(lines: list[_Line], i: int, c: _Compiled) -> tuple[list[_Found], int]:
    """Marked entries (一、/1./(1)) under a header, or ``名称:内容`` lines in a box."""
    hm = _marker(lines[i].text)
    header_rank = hm[0] if hm else -1
    entry_rank: int | None = None
    out: list[_Found] = []
    prose_before = 0
    j, n = i + 1, len(lines)
    while j < n:
        line = lines[j]
        s = line.s
        if not s:
            j += 1
            continue
        m = _marker(line.text)
        if m:
            rank = m[0]
            if rank <= header_rank or (entry_rank is not None and rank < entry_rank):
                break
            if out and entry_rank is None:
                break  # a heading after 名称:内容 entries ends the box
            if entry_rank is None:
                entry_rank = rank
            if rank == entry_rank:
                rest = line.text[m[1]:]
                name = _title(rest, c)
                if not name:
                    break
                pos = line.start + m[1] + rest.find(name[:2]) if name[:2] in rest else line.start + m[1]
                desc = rest.strip()[len(_TITLE.match(rest.strip()).group()):].lstrip("。:;") or None
                out.append(_Found(name, _category_of(name, c), "list", pos, desc))
                j += 1
                continue
        elif _is_header(s, c) or (c.box.match(s)):
            break
        else:
            inline = _inline_entry(s, c)
            if inline and entry_rank is None:
                name, desc = inline
                out.append(_Found(name, _category_of(name, c), "list", line.start + line.text.find(name), desc))
                j += 1
                continue
            if not out:
                prose_before += 1
                if prose_before > 2:
                    break
                j += 1
                continue
        if out:  # content of the current entry
            out[-1].description = ((out[-1].description or "") + "\n" + s).strip()
        j += 1
    return out, j


def _inline_entry(s: str, c: _Compiled) -> tuple[str, str] | None:
    """``XX工程:内容`` or ``XX工程。内容`` on one line (entries of a box)."""
    m = re.match(r"([^。:;,]{2,30})[。:;]", s)
    if not m:
        return None
    name = _clean_name(m.group(1))
    if not c.heading_suffix.search(name):
        return None
    return c.title_verb.sub("", name), s[m.end():].strip()


def _box_programme(line: _Line, c: _Compiled) -> list[_Found]:
    """A 专栏 box titled with a programme of its own (专栏2 教师素质提升工程), not a list title (重点工程)."""
    s = line.text.strip()
    m = c.box.match(s)
    if not m:
        return []
    title = _clean_name(s[m.end():].strip(" |:"))
    suf = c.heading_suffix.search(title)
    if not suf or c.header.search(title) or len(title) - len(suf.group()) < 2 or len(title) > 30:
        return []
    return [_Found(title, _category_of(title, c), "named", line.start + line.text.find(title))]


def _lists(lines: list[_Line], c: _Compiled) -> tuple[list[_Found], set[int]]:
    """Entries of every explicit list; the indexes of the lines they take up."""
    out: list[_Found] = []
    used: set[int] = set()
    i = 0
    while i < len(lines):
        if not _is_header(lines[i].text, c):
            i += 1
            continue
        for parse in (_cell_table, _pipe_table, _numbered):
            found, end = parse(lines, i, c)
            if found:
                out.extend(_box_programme(lines[i], c))
                out.extend(found)
                used.update(range(i, end))
                i = end
                break
        else:
            i += 1
    return out, used


def _programme_headings(lines: list[_Line], used: set[int], c: _Compiled) -> list[_Found]:
    """Headings whose title is a programme: list entries when siblings are too."""
    cands: list[tuple[int, str, _Found]] = []
    for idx, line in enumerate(lines):
        if idx in used:
            continue
        m = _marker(line.text)
        if not m:
            continue
        rest = line.text[m[1]:]
        name = _title(rest, c)
        suf = c.heading_suffix.search(name)
        if not suf or len(name) - len(suf.group()) < 2 or len(name) > 30:
            continue
        pos = line.start + m[1] + max(rest.find(name), 0)
        desc = _body_after(lines, idx, m[0])
        cands.append((m[0], suf.group(), _Found(name, _category_of(name, c), "named", pos, desc)))
    siblings = Counter((rank, suf) for rank, suf, _ in cands)
    for rank, suf, f in cands:
        if siblings[(rank, suf)] >= 3:
            f.tier = "list"
    return [f for _, _, f in cands]


def _body_after(lines: list[_Line], idx: int, rank: int, limit: int = 1000) -> str | None:
    """The text under a heading: its own line's rest and the lines up to the next heading of its rank or higher."""
    parts: list[str] = []
    m = _marker(lines[idx].text)
    if m:
        rest = lines[idx].text[m[1]:].strip()
        t = _TITLE.match(rest)
        if t and len(t.group()) < len(rest):
            parts.append(rest[len(t.group()):].lstrip("。:;"))
    size = sum(map(len, parts))
    for line in lines[idx + 1:]:
        mm = _marker(line.text)
        if mm and mm[0] <= rank:
            break
        if line.s:
            parts.append(line.s)
            size += len(line.s)
        if size > limit:
            break
    body = "\n".join(p for p in parts if p).strip()
    return body[:limit] or None


# ------------------------------------------------------------ running text

_QUANTITY_BEFORE = re.compile(r"(?:\d{1,6}(?:-\d{1,6})?|[一二三四五六七八九十两百几]{1,4})[个所家项批类支座套台间]")
_SENT_START = re.compile(r"[。;!?\n]")
_COUNT_AFTER = re.compile(r"(?:\d{1,6}|[一二三四五六七八九十两百]{1,4})(?:[个所家项批类支座套台间])")


@dataclass
class _Context:
    doc: Doc
    text: str  # doc.text with 《…》 blanked (same length)
    c: _Compiled
    districts: set[str]
    taken: list[tuple[int, int]] = field(default_factory=list)  # spans already named by a list

    def clause_before(self, pos: int, limit: int = 80) -> str:
        lo = max(0, pos - limit)
        seg = self.text[lo:pos]
        cut = max((m.end() for m in _SENT_START.finditer(seg)), default=0)
        return seg[cut:]

    def overlaps_taken(self, a: int, b: int) -> bool:
        return any(a < y and x < b for x, y in self.taken)


def _blank_titles(text: str) -> str:
    """Laws and documents in 《》 are never projects: blank them, keeping offsets."""
    return _BOOK_TITLE.sub(lambda m: " " * len(m.group()), text)


def _districts(text: str, c: _Compiled) -> set[str]:
    """The plan's own district, by frequency of ``XX区`` (and its short form ``XX``)."""
    bad = set(c.rules.words.not_district)
    stops = set(c.rules.words.left_stops) | set(c.rules.words.generic) | bad
    counts: dict[str, int] = {}
    for m in re.finditer(f"({HAN}{{2}})区", text):
        word = m.group()
        if word in bad or m.group(1) in stops or word[1:] in bad:
            continue
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if not counts:
        return set()
    best = max(counts.values())
    return {k for k, v in counts.items() if v >= 3 and v * 2 >= best}


def _place_prefix(name: str, ctx: _Context) -> str:
    """The leading place part of a name (``迎泽区``, ``丰台``, masked ``*``), or ''."""
    if name.startswith("*"):
        return "*"
    for d in sorted(ctx.districts, key=len, reverse=True):
        if name.startswith(d + "区"):
            return d + "区"
        if name.startswith(d):
            return d
    return ""


def _specific(name: str, suffix: str, ctx: _Context) -> bool:
    """The name is more than generic words around its category word."""
    r = ctx.c.rules
    need = r.specific_min.get(suffix, 0 if suffix in r.strong else 2)
    if need == 0:
        return True
    core = name[len(_place_prefix(name, ctx)):-len(suffix) or None]
    core = re.sub(f"[{_QUOTE_CH}]", "", core)
    return len(ctx.c.generic.sub("", core)) >= need


_COUNTED = re.compile(r"[一二三四五六七八九十两百\d]{1,6}[大个所项类]")
_ORDINAL_IS = re.compile(r"(?:[一二三四五六七八九十]是|其[一二三四五六七八九十])$")
_N_BIG = re.compile(r"[一二三四五六七八九十两百\d]+大")


def _distributed(before: str, w: ProjectWords) -> bool:
    """'每所学校形成“一校一特色”项目': a kind of thing every school has, not one initiative of the plan."""
    clause = re.split(r"[,;:]", before)[-1]
    return any(d in clause for d in w.distributive)


def _national(name: str, w: ProjectWords) -> bool:
    """A national or provincial programme the district only takes part in (国培计划)."""
    return any(n in name for n in w.national)


def _drop_nested(found: list[_Found]) -> list[_Found]:
    """A name found inside a longer name at the same place is part of it: 江湾区少年宫改扩建工程."""
    order = sorted(range(len(found)), key=lambda i: (found[i].pos, -len(found[i].name)))
    nested: set[int] = set()
    widest: tuple[int, int] = (-1, -1)  # the span reaching furthest right among those starting earlier
    for i in order:
        a, b = found[i].pos, found[i].pos + len(found[i].name)
        if widest[0] <= a and b <= widest[1] and widest != (a, b):
            nested.add(i)
        if b > widest[1]:
            widest = (a, b)
    return [f for i, f in enumerate(found) if i not in nested]


def _inside_words(mod: str, c: _Compiled) -> set[int]:
    """Positions inside content words that end like a function word (普及, 参与, 平等): no cut there."""
    return {i for m in c.content_words.finditer(mod) for i in range(m.start() + 1, m.end())}


def _ends_with_joiner(mod: str, c: _Compiled) -> bool:
    m = c.joiner.search(mod)
    return m is not None and m.start() not in _inside_words(mod, c)


def _cut_left(mod: str, c: _Compiled, bounded: bool) -> int | None:
    """Where the name starts inside ``mod`` (the characters left of its category word)."""
    inside = _inside_words(mod, c)
    ends = sorted({m.end() for i in range(len(mod)) if i not in inside and (m := c.left_stop.match(mod, i))},
                  reverse=True)
    for e in ends:
        if len(mod) - e >= 2:
            return e
    return 0 if bounded and len(mod) >= 2 else None


def _strip_verbs(name: str, c: _Compiled) -> str:
    m = c.setup.match(name)
    while m and len(name) - m.end() >= 4:
        name = name[m.end():]
        m = c.setup.match(name)
    return name


def _unquoted(ctx: _Context) -> list[_Found]:
    """Names ending in a category word, after a set-up verb: 实施美育质量提升工程."""
    c, t, w = ctx.c, ctx.text, ctx.c.rules.words
    out: list[_Found] = []
    school = set(c.rules.school)
    for m in c.suffix.finditer(t):
        cs, ce = m.span()
        nxt = t[ce:ce + 2]
        if nxt[:1] and nxt[0] in "师式校城性化员长区" or nxt in ("学习", "指南", "生育", "建设项目"):
            continue
        k = cs
        while k > 0 and cs - k < 20 and _is_name_ch(t[k - 1]):
            k -= 1
        bounded = k == 0 or not _is_name_ch(t[k - 1])
        if k > 0 and t[k - 1] in "”)":
            continue
        if _ends_with_joiner(t[k:cs], c):
            continue
        cut = _cut_left(t[k:cs], c, bounded)
        if cut is None:
            continue
        start = k + cut
        ordinal = _ORDINAL_IS.search(t[max(0, start - 3):start]) is not None  # 一是…工程, 二是…计划
        if t[k:start].endswith(tuple(w.predicates)) and not ordinal:
            continue  # 教育是基础工程: a predicate, not a name
        conj = next((j for j in w.conjunctions if t[k:start].endswith(j)), None)
        if conj and not c.suffix.search(t[max(0, start - len(conj) - 4):start - len(conj)] + "$"):
            continue  # 薄弱环节改善与能力提升工程: the second half of a longer name
        name = _strip_verbs(t[start:ce], c)
        start = ce - len(name)
        if start > 0 and t[start - 1] in "”)":
            continue
        if ctx.overlaps_taken(start, ce) or name in w.generic_names or _COUNTED.search(name) or _national(name, w):
            continue
        if c.setup.match(name) or t[ce:ce + 1] == "率" or t.startswith(tuple(w.continuations), ce):
            continue
        if _COUNT_AFTER.match(t, ce):
            continue  # 组建名师工作室50个: a kind of thing, counted
        before = ctx.clause_before(start)
        phrase = re.split(r"[,:、\s]", before)[-1]
        if _QUANTITY_BEFORE.search(phrase[-6:]) or before.endswith(tuple(w.bad_heads)):
            continue
        if before.rstrip("“\"‘").endswith(tuple(w.external_verbs) + tuple(w.external_prefixes)):
            continue
        suf = m.group()
        is_school = suf in school
        after = t[ce:ce + 8]
        builds = re.match(r"(?:的)?(?:项目)?(?:建设|建成|投入使用|落成)", after) is not None
        if is_school:
            opened = c.school_verb_end.search(phrase) is not None or _school_chain(before, c)
            if not (builds or opened) or not _specific(name, suf, ctx):
                continue
        else:
            if name.startswith(tuple(w.external_prefixes)):
                continue
            if not (c.setup.search(before) or builds or ordinal):
                continue
            weak_place = suf in c.rules.weak and _place_prefix(name, ctx)
            if not (weak_place or _specific(name, suf, ctx)):
                continue
        out.append(_Found(name, c.category[suf], "named", start, rule="unquoted"))
    return out


def _quoted(ctx: _Context) -> list[_Found]:
    """Quoted names: “云端海教”品牌, “领头雁”培育工程, “丽泽终身教育学院”, *教育“云数据平台”."""
    c, t, w = ctx.c, ctx.text, ctx.c.rules.words
    out: list[_Found] = []
    starts: set[int] = set()
    for m in c.quoted.finditer(t):
        content, tail, suf = m.groups()
        if "的" in tail or "\n" in content or _N_BIG.match(content) or "率" in t[m.end():m.end() + 3]:
            continue
        if content in w.not_names and re.search("重点|重大|主要|规划", tail):
            continue
        if suf not in c.rules.strong and t.startswith(tuple(w.continuations), m.end()):
            continue
        if suf in c.rules.school and not re.match(r"(?:的)?(?:项目)?建设", t[m.end():m.end() + 6]):
            continue
        before = ctx.clause_before(m.start())
        if before.endswith(tuple(w.external_verbs) + tuple(w.external_prefixes)) or _QUANTITY_BEFORE.search(before[-4:]):
            continue
        if _distributed(before, w):
            continue
        if "、" in content:  # “春苗、春雨、春风、春晖”四春计划 → 四春计划
            if len(tail) < 2 or tail.startswith("等"):
                continue
            name, pos = tail + suf, m.start(2)
        elif tail.startswith("等"):  # “名师成长”等系列项目
            name, pos = content, m.start(1)
        else:
            prefix = _quote_prefix(t, m.start(), ctx)
            name, pos = prefix + m.group(), m.start() - len(prefix)
        if _bare(name).startswith(tuple(w.external_prefixes)) or _national(name, w):
            continue
        starts.add(m.start())
        out.append(_Found(name, c.category[suf], "named", pos, rule="quoted"))
    for m in re.finditer("“([^“”\\n]{2,24})”", t):
        if m.start() in starts:
            continue
        content = m.group(1)
        sm = c.quoted_suffix_end.search(content)
        if not sm or len(content) - len(sm.group()) < 2 or "、" in content or _N_BIG.match(content):
            continue
        if _ends_with_joiner(content[:-len(sm.group())], c) or "率" in t[m.end():m.end() + 3]:
            continue
        if t.startswith(tuple(w.continuations), m.end()):
            continue
        before = ctx.clause_before(m.start())
        if before.endswith(tuple(w.external_verbs) + tuple(w.external_prefixes)) \
                or content.startswith(tuple(w.external_prefixes)) or _distributed(before, w):
            continue
        if _national(content, w):
            continue
        if sm.group() in c.rules.school and not re.match(r"(?:的)?(?:项目)?建设", t[m.end():m.end() + 6]):
            continue
        prefix = _quote_prefix(t, m.start(), ctx)
        name = prefix + m.group() if prefix else content
        out.append(_Found(name, c.category[sm.group()], "named", m.start() - len(prefix), rule="quoted"))
    return out


def _quote_prefix(t: str, qpos: int, ctx: _Context) -> str:
    """A place name written right before a quote: 迎泽区“尊师重教”专项资金, *教育“云数据平台”."""
    k = qpos
    while k > 0 and qpos - k < 8 and _is_name_ch(t[k - 1]):
        k -= 1
    run = t[k:qpos]
    if not run:
        return ""
    cut = _cut_left(run, ctx.c, True) or 0
    cand = run[cut:]
    if "*" in cand:
        return cand[cand.index("*"):]
    for d in ctx.districts:
        for form in (d + "区", d):
            if cand.endswith(form):
                return form
    return ""


def _school_chain(before: str, c: _Compiled) -> bool:
    """A school named after others in a chain opened by a school verb: 新建A小学、B中学、|C学校."""
    chain = re.split(r"[,:;。\s]", before)[-1]
    items = chain.split("、")
    if len(items) < 2 or items[-1]:
        return False
    head = c.school_verb_head.search(items[0])
    if not head:
        return False
    first = items[0][head.end():]
    return all(c.school_end.search(x) for x in [first, *items[1:-1]])


def _enumerations(ctx: _Context) -> list[_Found]:
    """Items listed before a shared head: 做强A、B等…品牌; 完成A分校、B附属小学等12所中小学的项目建设."""
    c, t = ctx.c, ctx.text
    out: list[_Found] = []
    for m in c.enumeration_head.finditer(t):
        clause = ctx.clause_before(m.start(), 200)
        items_text = re.split(r"[,:]", clause)[-1]
        items = re.split("、|和|及", items_text)
        if len(items) < 2 or len(items[-1].strip()) < 2:
            continue
        suf = m.group(2)
        schools = re.fullmatch(f"{_SCHOOL_HEAD}|项目", suf) is not None
        if schools and not re.match(r"(?:的)?(?:项目)?(?:建设|新建|投入使用)", t[m.end():m.end() + 8]):
            continue
        if not schools and not c.setup.search(clause):
            continue
        first = items[0]
        cut = _cut_left(first, c, True)
        if _QUANTITY_BEFORE.search(first[:cut or 0][-6:]):
            continue
        items[0] = _strip_verbs(first[cut or 0:], c)
        base = m.start() - len(items_text)
        offset = 0
        for item in items:
            name = item.strip()
            pos = base + items_text.find(name, offset)
            offset = pos - base + len(name)
            if len(name) < 3 or len(name) > 20 or _COUNTED.match(name) or name[0].isdigit():
                continue
            own = c.suffix_end.search(name)
            if schools:
                if not own or own.group() not in c.rules.school or not _specific(name, own.group(), ctx):
                    continue
                cat = "学校"
            else:
                cat = c.category[own.group()] if own else c.category.get(suf)
            out.append(_Found(name, cat, "named", pos, rule="enumeration"))
    return out


# ----------------------------------------------------------------- assembly


def _review_spans(lines: list[_Line], c: _Compiled) -> list[tuple[int, int]]:
    """Text spans of the review of the last period (十三五 / 发展基础 parts)."""
    words = tuple(c.rules.lists.review_titles)
    spans: list[tuple[int, int]] = []
    for idx, line in enumerate(lines):
        m = _marker(line.text)
        if not m or m[0] > 2:
            continue
        title = _TITLE.match(line.text[m[1]:].strip() or " ")
        if not title or not any(wd in title.group() for wd in words):
            continue
        end = len(lines)
        for j in range(idx + 1, len(lines)):
            mm = _marker(lines[j].text)
            if mm and mm[0] <= m[0]:
                end = j
                break
        stop = lines[end].start if end < len(lines) else lines[-1].start + len(lines[-1].text)
        spans.append((line.start, stop))
    return spans


def _quote_core(name: str) -> str | None:
    m = re.search("“([^“”]+)”", name)
    return m.group(1) if m else None


def _merge(found: list[_Found]) -> list[_Found]:
    """One record per project: same bare name, or same quoted core and category."""
    out: list[_Found] = []
    by_key: dict[str, _Found] = {}
    by_core: dict[tuple[str, str | None], _Found] = {}
    for f in found:
        key = _bare(f.name)
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


def _mentions(text: str, f: _Found) -> list[int]:
    """Every position where the project is named (as found, and without quotes)."""
    pos = set(f.positions)
    for needle in {f.name, _bare(f.name)}:
        if len(needle) < 3:
            continue
        i = text.find(needle)
        while i != -1:
            pos.add(i)
            i = text.find(needle, i + 1)
    return sorted(pos)


def _as_written(doc: Doc, f: _Found) -> str:
    """The name as the original file writes it (spun or masked words included), when it is on one line."""
    at = doc.text.find(f.name, max(f.pos - 2, 0))
    if at == -1 or at > f.pos + 2:
        return f.name
    orig = doc.original_text(at, at + len(f.name))
    if "\n" in orig or len(orig) > 2 * len(f.name):
        return f.name
    return orig.translate(_HALF)


_HALF = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}


def extract_projects(doc: Doc, sections: list[Section], rules: RuleSet) -> list[Project]:
    """Stage ``projects``: list entries first, then names in running text."""
    c: _Compiled = rules.cached("projects", lambda: _compile(rules))
    lines = _lines(doc)
    listed, used = _lists(lines, c)
    headed = [f for f in _programme_headings(lines, used, c)
              if f.tier == "list" or not _national(f.name, c.rules.words)]
    text = _blank_titles(doc.text)
    ctx = _Context(doc, text, c, _districts(text, c))
    for f in listed + headed:
        n = len(f.name)
        ctx.taken.append((f.pos, f.pos + n))
    found = listed + headed + _drop_nested(_quoted(ctx) + _enumerations(ctx) + _unquoted(ctx))
    review = _review_spans(lines, c)

    def in_review(p: int) -> bool:
        return any(a <= p < b for a, b in review)

    out: list[Project] = []
    programmes = set(c.rules.lists.review_keep)
    for f in _merge(found):
        mentions = _mentions(doc.text, f)
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
            section=section_at(sections, line), text=doc.sentence(first),
            description=f.description,
        ))
    out.sort(key=lambda p: (p.line, p.name))
    return out


_PERIOD_TAIL = re.compile(r"[(（][^()（）]*[)）]$")


def drop_the_plan_itself(projects: list[Project], title: str | None) -> list[Project]:
    """A plan named 《…三年行动计划》 is not one of its own initiatives: drop the project whose
    name ends the document's title (period in brackets aside)."""
    if not title:
        return projects
    core = _PERIOD_TAIL.sub("", title.strip()).strip()
    return [p for p in projects if not (len(p.name) >= 4 and core.endswith(p.name.strip("“”\""))
                                        and p.tier != "list")]
