"""Stage 5a, meta: title, region, issuer, issue date and period, from the text only.

Never from the file name. The patterns are ``rules/meta.toml``; the region
is the division of China's gazetteer that the title, issuer and body name
(:func:`plancmp.extract.gazetteer.region_of`: a district name that several cities share,
鼓楼区, gets its city and province only when the text names one of them).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from pydantic import BaseModel

from ..models import Meta, Period, Region, Section
from ..prepare.document import Doc
from ..prepare.normalize import normalize
from ..prepare.textmap import MappedText
from ..ruleset import Regex, RuleSet, compiled_once
from .gazetteer import gazetteer, region_of
from .numbers import parse_integer

# -- rules ------------------------------------------------------------------------


class FieldRules(BaseModel):
    line: Regex
    line_colon: Regex
    title: list[str]
    issuer: list[str]
    issued: list[str]
    published: list[str] = []  # the page's date, not the document's: see _issued
    doc_number: list[str]
    empty: Regex


class TitleRules(BaseModel):
    words: Regex
    max_len: int = 60
    region_tag: Regex
    notice: Regex
    lead_marks: Regex
    trail_marks: Regex
    period_line: Regex


class IssuerRules(BaseModel):
    org: Regex
    signature: Regex


class DateRules(BaseModel):
    iso: Regex
    cn: Regex
    hanzi: Regex
    time_after: Regex


class PeriodRules(BaseModel):
    range: Regex
    five_year: Regex
    five_year_base: int = 1966
    long_range: Regex
    target_year: Regex
    hanzi_year: Regex


class DocNumberRules(BaseModel):
    pattern: Regex


class RegionRules(BaseModel):
    mask: Regex
    short_before: Regex
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


@dataclass(frozen=True)
class CompiledMeta:
    """``rules/meta.toml`` compiled (:func:`compiled`)."""

    rules: MetaRules
    field_line: re.Pattern[str]
    field_colon: re.Pattern[str]
    empty: re.Pattern[str]
    title_words: re.Pattern[str]
    region_tag: re.Pattern[str]
    notice: re.Pattern[str]
    lead_marks: re.Pattern[str]
    trail_marks: re.Pattern[str]
    period_line: re.Pattern[str]
    org: re.Pattern[str]
    signature: re.Pattern[str]
    dates: tuple[re.Pattern[str], ...]  # tried in order: ISO, Arabic 年月日, Chinese numerals
    time_after: re.Pattern[str]
    range: re.Pattern[str]
    five_year: re.Pattern[str]
    long_range: re.Pattern[str]
    target_year: re.Pattern[str]
    hanzi_year: re.Pattern[str]
    doc_number: re.Pattern[str]
    masked_city: re.Pattern[str]  # a masked name before 市 (*市)
    masked_district: re.Pattern[str]  # ... and before 区
    mask: re.Pattern[str]
    short_before: re.Pattern[str]


@compiled_once
def compiled(rules: RuleSet) -> CompiledMeta:
    """The meta rules, validated and compiled once per rule set."""
    r = rules.table("meta", MetaRules)
    return CompiledMeta(
        rules=r,
        field_line=re.compile(r.fields.line),
        field_colon=re.compile(r.fields.line_colon),
        empty=re.compile(r.fields.empty),
        title_words=re.compile(r.title.words),
        region_tag=re.compile(r.title.region_tag),
        notice=re.compile(r.title.notice),
        lead_marks=re.compile(r.title.lead_marks),
        trail_marks=re.compile(r.title.trail_marks),
        period_line=re.compile(r.title.period_line),
        org=re.compile(r.issuer.org),
        signature=re.compile(r.issuer.signature),
        dates=(re.compile(r.dates.iso), re.compile(r.dates.cn), re.compile(r.dates.hanzi)),
        time_after=re.compile(r.dates.time_after),
        range=re.compile(r.period.range),
        five_year=re.compile(r.period.five_year),
        long_range=re.compile(r.period.long_range),
        target_year=re.compile(r.period.target_year),
        hanzi_year=re.compile(r.period.hanzi_year),
        doc_number=re.compile(r.doc_number.pattern),
        masked_city=re.compile(f"(?:{r.region.mask})市"),
        masked_district=re.compile(f"(?:{r.region.mask})区"),
        mask=re.compile(r.region.mask),
        short_before=re.compile(r.region.short_before),
    )


# -- where meta looks ---------------------------------------------------------------

#: a portal's metadata block (``[发文机构] …``) stands above the plan: only its first lines are read
PORTAL_LINES = 60
#: a document number stands in the letterhead, among the first lines of the head
DOC_NUMBER_LINES = 10
#: the signature after the text: its date stands in the last lines ...
SIGNED_DATE_LINES = 6
#: ... and its organisations, one a line, above the date
SIGNATURE_LINES = 8
#: joint issuers sign one under the other; more organisations than this are a list, not a signature
MAX_SIGNERS = 4
#: an organisation this close before a date signs it (中共某区委员会 某区人民政府 2021年12月31日)
SIGNER_BEFORE_DATE = 30
#: a signature on one line: the organisations in the characters before its date ...
SIGNATURE_CHARS = 80
#: ... that stand within this many characters of the last of them (the rest is text before it)
JOINT_SIGNERS_CHARS = 40
#: a period runs at most this many years (2021-2035); a longer range is history (1949-2019)
MAX_PERIOD_YEARS = 20
#: a plan without headings: its period is looked for in its first lines
HEADLESS_HEAD_LINES = 5


# -- helpers ----------------------------------------------------------------------


class _Date(NamedTuple):
    iso: str  # YYYY-MM-DD
    start: int
    end: int


def parse_date(mr: CompiledMeta, s: str) -> _Date | None:
    """ISO date of the first date token in ``s`` with its span."""
    for date in mr.dates:
        m = date.search(s)
        if m:
            y, mo, d = parse_integer(m.group("y")), parse_integer(m.group("m")), parse_integer(m.group("d"))
            if y and mo and d and 1 <= mo <= 12 and 1 <= d <= 31:
                return _Date(iso=f"{y:04d}-{mo:02d}-{d:02d}", start=m.start(), end=m.end())
    return None


def five_year_period(mr: CompiledMeta, n: int) -> tuple[int, int]:
    """The years of the n-th five-year plan (n >= 3): 十四五 → 2021-2025."""
    start = mr.rules.period.five_year_base + 5 * (n - 3)
    return start, start + 4


class _PlanLine(NamedTuple):
    start: int  # in doc.text
    line: int  # original line
    text: str


@dataclass
class _PlanLines:
    """The lines meta reads: the non-blank lines of the cleaned text, page chrome left out."""

    lines: list[_PlanLine]
    head_end: int  # position in doc.text of the first section heading

    def head(self) -> list[_PlanLine]:
        """The lines before the first heading: title, issuer, date, document number."""
        return [x for x in self.lines if x.start < self.head_end]


def _plan_lines(doc: Doc, sections: list[Section]) -> _PlanLines:
    first_line = min((s.line for s in sections), default=None)
    lines: list[_PlanLine] = []
    head_end = len(doc.text)
    for s, _e, t in doc.lines():
        if not t.strip():
            continue
        ln = doc.line_of(s)
        if ln in doc.noise_lines:
            continue
        lines.append(_PlanLine(start=s, line=ln, text=t))
    if first_line is not None:
        # the position of the first heading: its marker, within the first line from its original
        # line on that holds it (run-together text split at headings: several lines share one)
        after = [(s, t) for s, ln, t in lines if ln >= first_line]
        for s, t in after:
            col = _first_heading_col(t, sections[0].marker, sections[0].title)
            if col >= 0:
                head_end = s + col
                break
        else:
            if after:
                head_end = after[0][0]
    return _PlanLines(lines=lines, head_end=head_end)


def _first_heading_col(t: str, marker: str, title: str) -> int:
    """Where the heading starts in ``t``, or -1."""
    for probe in (marker + title, title):
        i = t.find(probe) if probe else -1
        if i >= 0:
            return i
    return -1


def _portal_fields(mr: CompiledMeta, doc: Doc, rules: RuleSet) -> dict[str, str]:
    """Portal metadata fields by canonical name (title, issuer, issued, doc_number).

    Read from the original lines (normalized for matching), since cleaning
    blanks the portal block as page chrome; values are returned as written.
    """
    out: dict[str, str] = {}
    groups = {"title": mr.rules.fields.title, "issuer": mr.rules.fields.issuer,
              "issued": mr.rules.fields.issued, "published": mr.rules.fields.published,
              "doc_number": mr.rules.fields.doc_number}
    for n in range(1, min(doc.original.n_lines, PORTAL_LINES) + 1):
        raw = doc.original.line_text(n)
        if "[" not in raw and "【" not in raw and ":" not in raw and "：" not in raw and "［" not in raw:
            continue
        mt = normalize(MappedText.from_original(raw), rules)
        colon = mr.field_colon.match(mt.text)
        for m in [colon] if colon else mr.field_line.finditer(mt.text):  # fields may run together
            name = re.sub(r"\s+", "", m.group("name"))
            a, b = mt.span_to_original(m.start("value"), m.end("value"))
            value = raw[a:b].strip()
            if mr.empty.match(m.group("value")):
                continue
            for key, names in groups.items():
                if name in names and key not in out:
                    out[key] = value
    return out


# -- fields ---------------------------------------------------------------------


def _plan_title(mr: CompiledMeta, doc: Doc, text: _PlanLines, fields: dict[str, str]) -> str | None:
    if "title" in fields:
        return fields["title"]
    candidates = [(s, t) for s, _ln, t in text.head() if not mr.field_line.match(t) and not mr.field_colon.match(t)]
    for i, (s, t) in enumerate(candidates):
        lead = len(t) - len(t.lstrip())
        lead += mr.lead_marks.match(t, lead).end() - lead if mr.lead_marks.match(t, lead) else 0
        chunk = t[lead:].strip().split()[0] if t[lead:].strip() else ""
        if not chunk or len(chunk) > mr.rules.title.max_len or chunk.startswith("《") or "。" in chunk:
            continue
        notice = mr.notice.search(chunk)
        if notice:
            return _orig(doc, s + lead + notice.start("plan"), s + lead + notice.end("plan"))
        if mr.title_words.search(chunk):
            tag = mr.region_tag.match(chunk)
            off = tag.end() if tag else 0
            return _title_span(mr, doc, candidates[i + 1:], s + lead + off, s + lead + _unmarked_len(mr, chunk))
    for s, t in candidates[:1]:
        t2 = t.strip()
        if t2 and len(t2) <= mr.rules.title.max_len and not t2.endswith("。"):
            lead = len(t) - len(t.lstrip())
            return _orig(doc, s + lead, s + lead + len(t2))
    return None


def _unmarked_len(mr: CompiledMeta, chunk: str) -> int:
    """Length of a title chunk without trailing marks ('**', '(节选)')."""
    m = mr.trail_marks.search(chunk)
    return m.start() if m and m.start() > 0 else len(chunk)


def _title_span(mr: CompiledMeta, doc: Doc, rest: list[tuple[int, str]], a: int, b: int) -> str:
    """The title from ``a`` to ``b``, with its period when that stands on the next line."""
    if rest:
        s, t = rest[0]
        nxt = t.strip()
        if mr.period_line.match(nxt) and doc.text[b:s].strip() == "":
            lead = len(t) - len(t.lstrip())
            b = s + lead + len(nxt)
    return _orig(doc, a, b)


def _orig(doc: Doc, a: int, b: int) -> str:
    return doc.kept_original(a, b).strip()


def _period(mr: CompiledMeta, title: str | None, text: _PlanLines) -> Period:
    def five(s: str) -> tuple[int, int] | None:
        ns = [parse_integer(m.group("n") or m.group("n2")) for m in mr.five_year.finditer(s)]
        ns = [n for n in ns if n and n >= 3]
        return five_year_period(mr, max(ns)) if ns else None

    def rng(s: str) -> tuple[int, int] | None:
        for m in mr.range.finditer(s):
            a, b = int(m.group("a")), int(m.group("b"))
            if 0 < b - a <= MAX_PERIOD_YEARS:
                return a, b
        return None

    def long_range(s: str) -> int | None:
        ys = [int(m.group("y") or m.group("y2")) for m in mr.long_range.finditer(s)]
        return max(ys) if ys else None

    t = _arabic_years(mr, title or "")
    text = _PlanLines(lines=[x._replace(text=_arabic_years(mr, x.text)) for x in text.lines], head_end=text.head_end)
    got = rng(t) or five(t)
    if got:
        return Period(start=got[0], end=got[1])
    end = long_range(t)
    if end:
        return Period(start=None, end=end)
    head = "\n".join(x.text for x in text.head()) or "\n".join(x.text for x in text.lines[:HEADLESS_HEAD_LINES])
    got = rng(head)
    if got:
        return Period(start=got[0], end=got[1])
    body = "\n".join(x.text for x in text.lines)
    got = five(body)
    if got:
        return Period(start=got[0], end=got[1])
    end = long_range(body)
    if end:
        return Period(start=None, end=end)
    years = Counter(int(m.group("y")) for m in mr.target_year.finditer(body))
    if years:
        return Period(start=None, end=max(y for y, _ in years.most_common(2)))
    return Period()


def _arabic_years(mr: CompiledMeta, s: str) -> str:
    """二〇三五年 → 2035年, so the period rules read years in one form."""
    return mr.hanzi_year.sub(lambda m: str(parse_integer(m.group(0).replace("○", "〇"))), s) if s else s


def _dates_in(mr: CompiledMeta, t: str) -> list[_Date]:
    """Every date of ``t`` that is not followed by a clock time (a news item's timestamp)."""
    out = []
    pos = 0
    while True:
        got = parse_date(mr, t[pos:])
        if not got:
            return out
        date = got._replace(start=got.start + pos, end=got.end + pos)
        if not mr.time_after.match(t[date.end:]):
            out.append(date)
        pos = date.end


def _issued(mr: CompiledMeta, text: _PlanLines, fields: dict[str, str]) -> tuple[str | None, bool]:
    """The date the document was issued, and whether it is only the date a web page went up.

    The document's own date wins: a 成文日期 field, else a date standing alone in its head or its
    signature. A page's 发布日期 (a portal's, a repost's, years later) stands in only when the
    document dates itself nowhere, and then it says nothing of the document's time (a repost of a
    plan for 2020 is not a plan issued in 2023): :func:`page_dated` tells kind so."""
    if "issued" in fields:
        got = parse_date(mr, fields["issued"])
        if got:
            return got.iso, False
    # a date standing as its own token in the head of the document or in the
    # signature after the last line of text
    tail = [x for x in text.lines[-SIGNED_DATE_LINES:] if x.start >= text.head_end]
    for s, _ln, t in text.head() + tail:
        field = mr.field_colon.match(t)
        if field and re.sub(r"\s+", "", field.group("name")) in mr.rules.fields.published:
            continue  # a page's date written in the text's head
        for iso, a, b in _dates_in(mr, t):
            before, after = t[:a].rstrip(), t[b:].lstrip()
            alone_left = not before or t[a - 1].isspace() or mr.org.search(before[-SIGNER_BEFORE_DATE:]) is not None
            alone_right = not after or t[b:b + 1].isspace() or after[0] in "。)"
            if alone_left and alone_right:
                return iso, False
    got = parse_date(mr, fields.get("published", ""))
    return (got.iso, True) if got else (None, False)


#: ``doc.derived`` key: meta's issued date is only a web page's date (:func:`_issued`)
PAGE_DATED = "meta.page-dated"


def page_dated(doc: Doc) -> bool:
    """Whether meta read the document's issue date only from the date its web page went up."""
    return bool(doc.derived.get(PAGE_DATED))


def _doc_number(mr: CompiledMeta, text: _PlanLines, fields: dict[str, str]) -> str | None:
    if "doc_number" in fields:
        return fields["doc_number"]
    for _s, _ln, t in text.head()[:DOC_NUMBER_LINES]:
        m = mr.doc_number.search(t)
        if m:
            return m.group(0)
    return None


def _signature(mr: CompiledMeta, lines: list[_PlanLine]) -> str | None:
    """Organisations alone on their lines with a date alone on the next: the signature.

    Joint issuers sign one under the other (中共某区委员会 / 某区人民政府 / date).
    """
    for i in range(len(lines) - 1):
        nxt = lines[i + 1].text
        dates = _dates_in(mr, nxt)
        alone = len(dates) == 1 and dates[0].start == len(nxt) - len(nxt.lstrip()) and not nxt[dates[0].end:].strip()
        if not alone:
            continue
        orgs: list[str] = []
        j = i
        while j >= 0 and len(orgs) < MAX_SIGNERS and mr.signature.match(lines[j].text.strip()):
            orgs.insert(0, lines[j].text.strip())
            j -= 1
        if orgs:
            return "、".join(_dedupe(orgs))
    return None


def _issuer(mr: CompiledMeta, text: _PlanLines, fields: dict[str, str]) -> str | None:
    if "issuer" in fields:
        return fields["issuer"]
    tail = [x for x in text.lines[-SIGNATURE_LINES:] if x.start >= text.head_end]
    sig = _signature(mr, text.head()) or _signature(mr, tail)
    if sig:
        return sig
    for _s, _ln, t in text.head():
        for iso, a, _b in _dates_in(mr, t):
            orgs = [m.group(0) for m in mr.org.finditer(t[:a][-SIGNATURE_CHARS:])]
            orgs = [o.strip() for o in orgs if o.strip()]
            if orgs:
                # the signature: the organisations just before the date
                seg = t[:a][-SIGNATURE_CHARS:]
                last = seg.rfind(orgs[-1])
                sig = [o for o in orgs if seg.rfind(o) >= last - JOINT_SIGNERS_CHARS]
                return "、".join(_dedupe(sig))
    for _s, _ln, t in text.head():
        # no signature: the organisation that heads the notice issuing the plan
        notice = mr.notice.search(t)
        if notice:
            org = t[:notice.start()].strip()
            if mr.signature.match(org):
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


def _demask(mr: CompiledMeta, s: str | None, region: Region) -> str | None:
    """'中共*市*区委员会' → '中共天津市和平区委员会' when the region is known."""
    if not s or not mr.mask.search(s):
        return s
    if region.city:
        s = mr.masked_city.sub(region.city, s)
    if region.district:
        s = mr.masked_district.sub(region.district, s)
    return s


def extract_meta(doc: Doc, sections: list[Section], rules: RuleSet) -> Meta:
    """Stage ``meta``."""
    mr = compiled(rules)
    gaz = gazetteer(rules)
    text = _plan_lines(doc, sections)
    fields = _portal_fields(mr, doc, rules)
    title = _plan_title(mr, doc, text, fields)
    doc_number = _doc_number(mr, text, fields)
    issuer = _issuer(mr, text, fields)
    doc_province = mr.rules.region.abbreviations.get(doc_number[0]) if doc_number else None
    region = region_of(gaz, title=title or "", issuer=issuer or "", body="\n".join(x.text for x in text.lines),
                       doc_province=doc_province, short_before=mr.short_before)
    issued, doc.derived[PAGE_DATED] = _issued(mr, text, fields)
    return Meta(title=title, region=region, issuer=_demask(mr, issuer, region),
                issued=issued, period=_period(mr, title, text), doc_number=doc_number)
