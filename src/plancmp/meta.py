"""Stage 5a, meta: title, region, issuer, issue date and period, from the text only.

Never from the file name. Region names come from the gazetteer of China's
administrative divisions shipped as ``rules/gazetteer.csv`` (source and
license in ``rules/README-gazetteer.md``); a district name that several
cities share (鼓楼区) is resolved to its city and province only when the text
names one of them (or the province abbreviation of a document number does).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pydantic import BaseModel

from .document import Doc
from .gazetteer import Gazetteer, gazetteer
from .models import Meta, Period, Region, Section
from .normalize import normalize
from .numbers import parse_number
from .rules import RuleSet
from .textmap import MappedText

# -- rules ------------------------------------------------------------------------


class FieldRules(BaseModel):
    line: str
    line_colon: str
    title: list[str]
    issuer: list[str]
    issued: list[str]
    doc_number: list[str]
    empty: str


class TitleRules(BaseModel):
    words: str
    max_len: int = 60
    region_tag: str
    notice: str
    lead_marks: str
    trail_marks: str
    period_line: str


class IssuerRules(BaseModel):
    org: str
    signature: str


class DateRules(BaseModel):
    iso: str
    cn: str
    hanzi: str
    time_after: str


class PeriodRules(BaseModel):
    range: str
    five_year: str
    five_year_base: int = 1966
    long_range: str
    target_year: str
    hanzi_year: str


class DocNumberRules(BaseModel):
    pattern: str


class RegionRules(BaseModel):
    mask: str
    short_before: str
    abbreviations: dict[str, str] = {}


class MetaRules(BaseModel):
    """``rules/meta.toml``."""

    fields: FieldRules
    title: TitleRules
    issuer: IssuerRules
    dates: DateRules
    period: PeriodRules
    doc_number: DocNumberRules
    region: RegionRules


@dataclass
class _C:
    r: MetaRules
    field_line: re.Pattern[str]
    field_colon: re.Pattern[str]
    empty: re.Pattern[str]
    title_words: re.Pattern[str]
    region_tag: re.Pattern[str]
    notice: re.Pattern[str]
    org: re.Pattern[str]
    dates: list[re.Pattern[str]]
    time_after: re.Pattern[str]
    range: re.Pattern[str]
    five_year: re.Pattern[str]
    long_range: re.Pattern[str]
    target_year: re.Pattern[str]
    doc_number: re.Pattern[str]
    mask: re.Pattern[str]
    lead_marks: re.Pattern[str]
    trail_marks: re.Pattern[str]
    period_line: re.Pattern[str]
    signature: re.Pattern[str]
    hanzi_year: re.Pattern[str]
    short_before: re.Pattern[str]


def _compiled(rules: RuleSet) -> _C:
    def build() -> _C:
        r = rules.table("meta", MetaRules)
        return _C(
            r, re.compile(r.fields.line), re.compile(r.fields.line_colon), re.compile(r.fields.empty),
            re.compile(r.title.words), re.compile(r.title.region_tag), re.compile(r.title.notice),
            re.compile(r.issuer.org),
            [re.compile(r.dates.iso), re.compile(r.dates.cn), re.compile(r.dates.hanzi)],
            re.compile(r.dates.time_after), re.compile(r.period.range), re.compile(r.period.five_year),
            re.compile(r.period.long_range), re.compile(r.period.target_year),
            re.compile(r.doc_number.pattern), re.compile(r.region.mask),
            lead_marks=re.compile(r.title.lead_marks), trail_marks=re.compile(r.title.trail_marks),
            period_line=re.compile(r.title.period_line), signature=re.compile(r.issuer.signature),
            hanzi_year=re.compile(r.period.hanzi_year), short_before=re.compile(r.region.short_before),
        )

    return rules.cached("meta.compiled", build)


# -- helpers ----------------------------------------------------------------------


def cn_number(s: str) -> int | None:
    """十四 → 14, 二〇二二 → 2022 (digit by digit when there is no 十), 12 → 12."""
    value = parse_number(s)
    return int(value) if value is not None else None


def parse_date(c: _C, s: str) -> tuple[str, int, int] | None:
    """ISO date of the first date token in ``s`` with its span."""
    for rx in c.dates:
        m = rx.search(s)
        if m:
            y, mo, d = cn_number(m.group("y")), cn_number(m.group("m")), cn_number(m.group("d"))
            if y and mo and d and 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}", m.start(), m.end()
    return None


def five_year_period(c: _C, n: int) -> tuple[int, int]:
    """The years of the n-th five-year plan (n >= 3): 十四五 → 2021-2025."""
    start = c.r.period.five_year_base + 5 * (n - 3)
    return start, start + 4


@dataclass
class _Text:
    """The lines meta reads: (original line, cleaned text) without page chrome."""

    lines: list[tuple[int, int, str]]  # (start in doc.text, original line, text)
    head_end: int  # position in doc.text of the first section heading

    def head(self) -> list[tuple[int, int, str]]:
        return [x for x in self.lines if x[0] < self.head_end]


def _read(doc: Doc, sections: list[Section]) -> _Text:
    first_line = min((s.line for s in sections), default=None)
    lines = []
    head_end = len(doc.text)
    for s, _e, t in doc.lines():
        if not t.strip():
            continue
        ln = doc.line_of(s)
        if ln in doc.noise_lines:
            continue
        lines.append((s, ln, t))
    if first_line is not None:
        # the position of the first heading: its marker, within its line
        for s, ln, t in lines:
            if ln >= first_line:
                head_end = s + _first_heading_col(t, sections[0].marker, sections[0].title)
                break
    return _Text(lines, head_end)


def _first_heading_col(t: str, marker: str, title: str) -> int:
    for probe in (marker + title, title):
        i = t.find(probe) if probe else -1
        if i >= 0:
            return i
    return 0


def _fields(c: _C, doc: Doc) -> dict[str, str]:
    """Portal metadata fields by canonical name (title, issuer, issued, doc_number).

    Read from the original lines (normalized for matching), since cleaning
    blanks the portal block as page chrome; values are returned as written.
    """
    out: dict[str, str] = {}
    groups = {"title": c.r.fields.title, "issuer": c.r.fields.issuer,
              "issued": c.r.fields.issued, "doc_number": c.r.fields.doc_number}
    for n in range(1, min(doc.original.n_lines, 60) + 1):
        raw = doc.original.line_text(n)
        if "[" not in raw and "【" not in raw and ":" not in raw and "：" not in raw and "［" not in raw:
            continue
        mt = normalize(MappedText.from_original(raw))
        m = c.field_line.match(mt.text) or c.field_colon.match(mt.text)
        if not m:
            continue
        name = re.sub(r"\s+", "", m.group("name"))
        a, b = mt.span_to_original(m.start("value"), m.end("value"))
        value = raw[a:b].strip()
        if c.empty.match(m.group("value")):
            continue
        for key, names in groups.items():
            if name in names and key not in out:
                out[key] = value
    return out


# -- fields ---------------------------------------------------------------------


def _title(c: _C, doc: Doc, text: _Text, fields: dict[str, str]) -> str | None:
    if "title" in fields:
        return fields["title"]
    candidates = [(s, t) for s, _ln, t in text.head() if not c.field_line.match(t) and not c.field_colon.match(t)]
    for i, (s, t) in enumerate(candidates):
        lead = len(t) - len(t.lstrip())
        lead += c.lead_marks.match(t, lead).end() - lead if c.lead_marks.match(t, lead) else 0
        chunk = t[lead:].strip().split()[0] if t[lead:].strip() else ""
        if not chunk or len(chunk) > c.r.title.max_len or chunk.startswith("《") or "。" in chunk:
            continue
        notice = c.notice.search(chunk)
        if notice:
            return _orig(doc, s + lead + notice.start("plan"), s + lead + notice.end("plan"))
        if c.title_words.search(chunk):
            tag = c.region_tag.match(chunk)
            off = tag.end() if tag else 0
            return _title_span(c, doc, candidates[i + 1:], s + lead + off, s + lead + _unmarked_len(c, chunk))
    for s, t in candidates[:1]:
        t2 = t.strip()
        if t2 and len(t2) <= c.r.title.max_len and not t2.endswith("。"):
            lead = len(t) - len(t.lstrip())
            return _orig(doc, s + lead, s + lead + len(t2))
    return None


def _unmarked_len(c: _C, chunk: str) -> int:
    """Length of a title chunk without trailing marks ('**', '(节选)')."""
    m = c.trail_marks.search(chunk)
    return m.start() if m and m.start() > 0 else len(chunk)


def _title_span(c: _C, doc: Doc, rest: list[tuple[int, str]], a: int, b: int) -> str:
    """The title from ``a`` to ``b``, with its period when that stands on the next line."""
    if rest:
        s, t = rest[0]
        nxt = t.strip()
        if c.period_line.match(nxt) and doc.text[b:s].strip() == "":
            lead = len(t) - len(t.lstrip())
            b = s + lead + len(nxt)
    return _orig(doc, a, b)


def _orig(doc: Doc, a: int, b: int) -> str:
    return doc.kept_original(a, b).strip()


def _period(c: _C, title: str | None, text: _Text) -> Period:
    def five(s: str) -> tuple[int, int] | None:
        ns = [cn_number(m.group("n") or m.group("n2")) for m in c.five_year.finditer(s)]
        ns = [n for n in ns if n and n >= 3]
        return five_year_period(c, max(ns)) if ns else None

    def rng(s: str) -> tuple[int, int] | None:
        for m in c.range.finditer(s):
            a, b = int(m.group("a")), int(m.group("b"))
            if 0 < b - a <= 20:
                return a, b
        return None

    def long_range(s: str) -> int | None:
        ys = [int(m.group("y") or m.group("y2")) for m in c.long_range.finditer(s)]
        return max(ys) if ys else None

    t = _arabic_years(c, title or "")
    text = _Text([(s, ln, _arabic_years(c, x)) for s, ln, x in text.lines], text.head_end)
    got = rng(t) or five(t)
    if got:
        return Period(start=got[0], end=got[1])
    end = long_range(t)
    if end:
        return Period(start=None, end=end)
    head = "\n".join(x[2] for x in text.head()) or "\n".join(x[2] for x in text.lines[:5])
    got = rng(head)
    if got:
        return Period(start=got[0], end=got[1])
    body = "\n".join(x[2] for x in text.lines)
    got = five(body)
    if got:
        return Period(start=got[0], end=got[1])
    end = long_range(body)
    if end:
        return Period(start=None, end=end)
    years = Counter(int(m.group("y")) for m in c.target_year.finditer(body))
    if years:
        return Period(start=None, end=max(y for y, _ in years.most_common(2)))
    return Period()


def _arabic_years(c: _C, s: str) -> str:
    """二〇三五年 → 2035年, so the period rules read years in one form."""
    return c.hanzi_year.sub(lambda m: str(cn_number(m.group(0).replace("○", "〇"))), s) if s else s


def _dates_in(c: _C, t: str) -> list[tuple[str, int, int]]:
    out = []
    pos = 0
    while True:
        got = parse_date(c, t[pos:])
        if not got:
            return out
        iso, a, b = got
        a, b = a + pos, b + pos
        if not c.time_after.match(t[b:]):
            out.append((iso, a, b))
        pos = b


def _issued(c: _C, text: _Text, fields: dict[str, str]) -> str | None:
    if "issued" in fields:
        got = parse_date(c, fields["issued"])
        if got:
            return got[0]
    # a date standing as its own token in the head of the document or in the
    # signature after the last line of text
    tail = [x for x in text.lines[-6:] if x[0] >= text.head_end]
    for s, _ln, t in text.head() + tail:
        for iso, a, b in _dates_in(c, t):
            before, after = t[:a].rstrip(), t[b:].lstrip()
            alone_left = not before or t[a - 1].isspace() or c.org.search(before[-30:]) is not None
            alone_right = not after or t[b:b + 1].isspace() or after[0] in "。)"
            if alone_left and alone_right:
                return iso
    return None


def _doc_number(c: _C, text: _Text, fields: dict[str, str]) -> str | None:
    if "doc_number" in fields:
        return fields["doc_number"]
    for _s, _ln, t in text.head()[:10]:
        m = c.doc_number.search(t)
        if m:
            return m.group(0)
    return None


def _signature(c: _C, lines: list[tuple[int, int, str]]) -> str | None:
    """Organisations alone on their lines with a date alone on the next: the signature.

    Joint issuers sign one under the other (中共某区委员会 / 某区人民政府 / date).
    """
    for i in range(len(lines) - 1):
        nxt = lines[i + 1][2]
        dates = _dates_in(c, nxt)
        if not (len(dates) == 1 and dates[0][1] == len(nxt) - len(nxt.lstrip()) and not nxt[dates[0][2]:].strip()):
            continue
        orgs: list[str] = []
        j = i
        while j >= 0 and len(orgs) < 4 and c.signature.match(lines[j][2].strip()):
            orgs.insert(0, lines[j][2].strip())
            j -= 1
        if orgs:
            return "、".join(_dedupe(orgs))
    return None


def _issuer(c: _C, text: _Text, fields: dict[str, str]) -> str | None:
    if "issuer" in fields:
        return fields["issuer"]
    tail = [x for x in text.lines[-8:] if x[0] >= text.head_end]
    sig = _signature(c, text.head()) or _signature(c, tail)
    if sig:
        return sig
    for _s, _ln, t in text.head():
        for iso, a, _b in _dates_in(c, t):
            orgs = [m.group(0) for m in c.org.finditer(t[:a][-80:])]
            orgs = [o.strip() for o in orgs if o.strip()]
            if orgs:
                # the signature: the organisations just before the date
                seg = t[:a][-80:]
                last = seg.rfind(orgs[-1])
                sig = [o for o in orgs if seg.rfind(o) >= last - 40]
                return "、".join(_dedupe(sig))
    for _s, _ln, t in text.head():
        # no signature: the organisation that heads the notice issuing the plan
        notice = c.notice.search(t)
        if notice:
            org = t[:notice.start()].strip()
            if c.signature.match(org):
                return org
    return None


def _from_first_han(x: str) -> str:
    """``x`` from its first character of U+4E00..U+9FFF or ``*`` (a masked character) on."""
    i = 0
    while i < len(x) and not (x[i] == "*" or "\u4e00" <= x[i] <= "\u9fff"):
        i += 1
    return x[i:]


def _dedupe(xs: list[str]) -> list[str]:
    seen: list[str] = []
    for x in xs:
        x = _from_first_han(x)
        if x and x not in seen:
            seen.append(x)
    return seen


@dataclass
class _Mentions:
    full: Counter[str]
    first: dict[str, int]


def _mentions(g: Gazetteer, s: str) -> _Mentions:
    full: Counter[str] = Counter()
    first: dict[str, int] = {}
    for pos, name in g.find(s):
        full[name] += 1
        first.setdefault(name, pos)
    return _Mentions(full, first)


def _region(c: _C, g: Gazetteer, title: str | None, issuer: str | None, doc_number: str | None,
            text: _Text) -> Region:
    body = "\n".join(x[2] for x in text.lines)
    t = title or ""
    in_title = _mentions(g, t)
    in_issuer = _mentions(g, issuer or "")
    in_body = _mentions(g, body)

    def counties(m: _Mentions) -> list[str]:
        names = [n for n in m.full if any(g.level(x) == "county" for x in g.by_name[n])]
        return sorted(names, key=lambda n: (-m.full[n], m.first[n]))

    district = next(iter(counties(in_title) or counties(in_issuer)), None)
    if district is None:
        district = _short_in_title(c, g, t, in_body.full)
    title_names_upper = any(g.level(x) != "county" for n in in_title.full for x in g.by_name[n])
    if district is None and not title_names_upper:
        # a city's or province's own plan names its districts in the body, but is not theirs
        cs = counties(in_body)
        district = cs[0] if cs else None

    # provinces and cities the text names, and the province of a document number
    upper = Counter({n: k for n, k in (in_title.full + in_issuer.full + in_body.full).items()
                     if any(g.level(x) != "county" for x in g.by_name[n])})
    hints = [g.by_name[n][0] for n, _ in upper.most_common() if g.by_name[n]]
    if doc_number:
        prov = c.r.region.abbreviations.get(doc_number[0])
        if prov and prov in g.by_name:
            hints.append(g.by_name[prov][0])

    if district:
        codes = [x for x in g.by_name[district] if g.level(x) == "county"]
        if len(codes) > 1:
            for h in hints:
                narrowed = [x for x in codes if x.startswith(h[:4] if g.level(h) == "city" else h[:2])]
                if narrowed:
                    codes = narrowed
                    break
        if len(codes) == 1:
            return Region(province=g.province(codes[0]), city=g.city(codes[0]), district=district)
        return Region(district=district)
    if hints:
        h = hints[0]
        return Region(province=g.province(h), city=g.names[h] if g.level(h) == "city" else g.city(h + "01"))
    return Region()


def _short_in_title(c: _C, g: Gazetteer, title: str, named: Counter[str]) -> str | None:
    """A county named by its short form in the title: '和平教育现代化2035' → 和平区.

    Short names are often words too (长安, 和平), so one counts only with evidence:
    an education word right after it, or the full name somewhere in the text (``named``).
    """
    t = re.sub(r"^\s*(?:19|20)\d\d年", "", title)
    for i in range(len(t)):
        for k in (4, 3, 2):
            s = t[i:i + k]
            codes = [x for x in g.by_short.get(s, []) if g.level(x) == "county"]
            if not codes:
                continue
            full = [g.names[x] for x in codes if named[g.names[x]]]
            if full:
                return full[0]
            if c.short_before.match(t, i + k):
                return g.names[codes[0]]
    return None


def _demask(c: _C, s: str | None, region: Region) -> str | None:
    """'中共*市*区委员会' → '中共天津市和平区委员会' when the region is known."""
    if not s or not c.mask.search(s):
        return s
    if region.city:
        s = re.sub(c.mask.pattern + "市", region.city, s)
    if region.district:
        s = re.sub(c.mask.pattern + "区", region.district, s)
    return s


def extract_meta(doc: Doc, sections: list[Section], rules: RuleSet) -> Meta:
    """Stage ``meta``."""
    c = _compiled(rules)
    g = gazetteer(rules)
    text = _read(doc, sections)
    fields = _fields(c, doc)
    title = _title(c, doc, text, fields)
    doc_number = _doc_number(c, text, fields)
    issuer = _issuer(c, text, fields)
    region = _region(c, g, title, issuer, doc_number, text)
    return Meta(title=title, region=region, issuer=_demask(c, issuer, region),
                issued=_issued(c, text, fields), period=_period(c, title, text), doc_number=doc_number)
