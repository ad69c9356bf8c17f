"""The gazetteer: China's administrative divisions, and how their names read in running text.

The divisions are ``rules/gazetteer.csv`` (code, official name; source and
license in ``rules/README-gazetteer.md``) and the ethnic-group names
``rules/gazetteer-nations.txt``; how a name is shortened and when a name is
only part of another word is ``rules/gazetteer.toml``. :func:`region_of` says
which division a plan is about (for ``meta``); ``segment`` asks which names may
open a sentence.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from pydantic import BaseModel, Field

from ..models import Region
from ..prepare.chars import alternation
from ..ruleset import RuleSet, compiled_once


class GazetteerRules(BaseModel):
    """``rules/gazetteer.toml``."""

    placeholders: list[str] = Field(description="names of the code table that are not places (市辖区)")
    suffixes: list[str] = Field(description="unit words a division's name ends with (区, 自治州)")
    autonomous: list[str] = Field(description="unit words of autonomous divisions, whose names carry ethnic groups")
    not_after_district: str = Field(description="characters that make a name ending in 区 part of another word")
    organs: list[str] = Field(default=[], description="organs whose name follows a district's (教育局): the plan's own")
    self_reference: list[str] = Field(default=[], description="我, 全, 本: before a unit word, the plan speaking of its district")
    support_window: int = Field(default=60, description="how near a self-reference must be to a district name")
    common_nouns: list[str] = Field(default=[], description="district names that are common nouns too (老城区)")


def nations_pattern(nations: list[str]) -> re.Pattern[str]:
    """A run of ethnic-group names, with or without 族, at the end of a name."""
    forms = {n for n in nations} | {n.removesuffix("族") for n in nations if len(n.removesuffix("族")) >= 2}
    forms |= {n for n in nations if len(n) == 2}  # 壮族, 回族: only with 族
    return re.compile(f"(?:{alternation(forms)})+$")


@dataclass(frozen=True)
class Gazetteer:
    """Divisions by 6-digit code; names to codes."""

    names: dict[str, str]  # code -> name, as gazetteer.csv lists them
    placeholders: frozenset[str]
    suffix: re.Pattern[str]  # a unit word at the end of a name
    autonomous: re.Pattern[str]  # the unit word of an autonomous division at the end of a name
    nations: re.Pattern[str]  # ethnic-group names at the end of a name without its unit word
    not_after_district: frozenset[str]
    organs: tuple[str, ...] = ()
    self_reference: tuple[str, ...] = ()
    support_window: int = 60
    common_nouns: frozenset[str] = frozenset()

    def short_name(self, name: str) -> str:
        """The name without its unit word: 丰台区 → 丰台, 广西壮族自治区 → 广西; '' when too short."""
        s = self.suffix.sub("", name)
        if self.autonomous.search(name):
            m = self.nations.search(s, 2)
            if m:
                s = s[: m.start()]
        return s if len(s) >= 2 else ""

    @cached_property
    def by_name(self) -> dict[str, list[str]]:
        """Full name -> codes (a name several divisions share, 鼓楼区, has several)."""
        out: dict[str, list[str]] = {}
        for code, name in self._places:
            out.setdefault(name, []).append(code)
        return out

    @cached_property
    def by_short(self) -> dict[str, list[str]]:
        """Short name (:meth:`short_name`) -> codes."""
        out: dict[str, list[str]] = {}
        for code, name in self._places:
            s = self.short_name(name)
            if s:
                out.setdefault(s, []).append(code)
        return out

    @property
    def _places(self) -> list[tuple[str, str]]:
        """(code, name) of the divisions a text can name: not the placeholders, and not 城区, 郊区,
        矿区 (two-character districts are common words before they are names)."""
        return [(code, name) for code, name in self.names.items()
                if name not in self.placeholders and not (len(name) == 2 and name.endswith("区"))]

    @staticmethod
    def level(code: str) -> str:
        if code.endswith("0000"):
            return "province"
        if code.endswith("00"):
            return "city"
        return "county"

    def province(self, code: str) -> str | None:
        return self.names.get(code[:2] + "0000")

    def city(self, code: str) -> str | None:
        """The prefecture-level city of a code; for a municipality, the municipality itself."""
        if self.level(code) == "province":
            return None
        name = self.names.get(code[:4] + "00")
        if name is None or name in self.placeholders:
            prov = self.province(code)
            return prov if prov and prov.endswith("市") else None
        return name

    @cached_property
    def body_openers(self) -> frozenset[str]:
        """Names that may open a sentence: full names, and short names of provinces and cities."""
        out = set(self.by_name)
        for s, codes in self.by_short.items():
            if any(self.level(c) != "county" for c in codes):
                out.add(s)
        return frozenset(out)

    @cached_property
    def max_len(self) -> int:
        return max(len(n) for n in self.by_name)

    @cached_property
    def _ends(self) -> re.Pattern[str]:
        return re.compile("[" + "".join(sorted({n[-1] for n in self.by_name})) + "]")

    def find(self, text: str) -> list[tuple[int, str]]:
        """(position, full name) of every division named in ``text``, longest match first."""
        out: list[tuple[int, str]] = []
        taken = 0
        for m in self._ends.finditer(text):
            end = m.end()
            for k in range(min(self.max_len, end - taken), 1, -1):
                cand = text[end - k:end]
                if cand in self.by_name and not self._part_of_word(text, end):
                    out.append((end - k, cand))
                    taken = end
                    break
        return out

    def supported(self, text: str, pos: int, name: str) -> bool:
        """Whether the mention of ``name`` at ``pos`` of ``text`` is the plan speaking of its own
        division: an organ right after it (东西湖区教育局), or a self-reference (我区, 全区) nearby."""
        if self.organ_after(text, pos, name):
            return True
        end = pos + len(name)
        unit = name[-1]
        near = text[max(0, pos - self.support_window):end + self.support_window]
        return any(f"{w}{unit}" in near for w in self.self_reference)

    def organ_after(self, text: str, pos: int, name: str) -> bool:
        """Whether an organ's name follows ``name`` at ``pos`` (东西湖区教育局, 闵行区人民政府)."""
        return any(text.startswith(o, pos + len(name)) for o in self.organs)

    def after_its_city(self, text: str, pos: int, name: str) -> bool:
        """Whether ``name`` at ``pos`` follows the name of its city or province (洛阳市老城区)."""
        for code in self.by_name.get(name, []):
            for upper in (self.city(code), self.province(code)):
                if upper and text.endswith(upper, 0, pos):
                    return True
        return False

    def _part_of_word(self, text: str, end: int) -> bool:
        """'和平区域' is not 和平区: a name followed by a character that makes another word."""
        return end < len(text) and text[end - 1] == "区" and text[end] in self.not_after_district


@compiled_once
def gazetteer(rules: RuleSet) -> Gazetteer:
    """The gazetteer of ``rules/gazetteer.csv`` read with ``rules/gazetteer.toml``, once per rule set."""
    r = rules.table("gazetteer", GazetteerRules)
    rows = rules.path("gazetteer.csv").read_text(encoding="utf-8").splitlines()[1:]
    nations = rules.path("gazetteer-nations.txt").read_text(encoding="utf-8").split()
    return Gazetteer(
        names=dict(row.split(",", 1) for row in rows if row),
        placeholders=frozenset(r.placeholders),
        suffix=re.compile(f"(?:{alternation(r.suffixes)})$"),
        autonomous=re.compile(f"(?:{alternation(r.autonomous)})$"),
        nations=nations_pattern(nations),
        not_after_district=frozenset(r.not_after_district),
        organs=tuple(sorted(r.organs, key=len, reverse=True)),
        self_reference=tuple(r.self_reference),
        support_window=r.support_window,
        common_nouns=frozenset(r.common_nouns),
    )


# -- the region of a plan ---------------------------------------------------------


@dataclass
class _Mentions:
    full: Counter[str]
    first: dict[str, int]


def _divisions_named(gaz: Gazetteer, s: str, need_support: bool = False) -> _Mentions:
    """How often each division is named in ``s``, and where first. A name that is a common noun too
    (老城区) counts only after its city (洛阳市老城区) or before its organ (老城区人民政府); with
    ``need_support`` (the body) every county-level name needs support (:meth:`Gazetteer.supported`)."""
    full: Counter[str] = Counter()
    first: dict[str, int] = {}
    for pos, name in gaz.find(s):
        if name in gaz.common_nouns and not (gaz.after_its_city(s, pos, name) or gaz.organ_after(s, pos, name)):
            continue
        county = any(gaz.level(x) == "county" for x in gaz.by_name[name])
        if county and need_support and not gaz.supported(s, pos, name):
            continue
        full[name] += 1
        first.setdefault(name, pos)
    return _Mentions(full=full, first=first)


def region_of(gaz: Gazetteer, *, title: str, issuer: str, body: str, doc_province: str | None,
              short_before: re.Pattern[str]) -> Region:
    """The division a plan is about, from the divisions its title, issuer and body name.

    A district several cities share (鼓楼区) gets its city and province only when the
    text names one of them or ``doc_province`` (the province of a document number's
    abbreviation, 闽教〔2021〕3号) does. ``short_before``: see :func:`_short_in_title`.
    """
    in_title = _divisions_named(gaz, title)
    in_issuer = _divisions_named(gaz, issuer)
    in_body = _divisions_named(gaz, body)
    own_in_body = _divisions_named(gaz, body, need_support=True)

    def counties(m: _Mentions) -> list[str]:
        names = [n for n in m.full if any(gaz.level(x) == "county" for x in gaz.by_name[n])]
        return sorted(names, key=lambda n: (-m.full[n], m.first[n]))

    district = next(iter(counties(in_title) or counties(in_issuer)), None)
    if district is None:
        district = _short_in_title(gaz, title, in_body.full, short_before)
    title_names_upper = any(gaz.level(x) != "county" for n in in_title.full for x in gaz.by_name[n])
    if district is None and not title_names_upper:
        # a city's or province's own plan names its districts in the body, but is not theirs; a body
        # name counts only where the plan speaks of it as its own (我区, 全区 nearby; its 教育局)
        cs = counties(own_in_body)
        district = cs[0] if cs else None

    # provinces and cities the text names, and the province of a document number
    upper = Counter({n: k for n, k in (in_title.full + in_issuer.full + in_body.full).items()
                     if any(gaz.level(x) != "county" for x in gaz.by_name[n])})
    hints = [gaz.by_name[n][0] for n, _ in upper.most_common() if gaz.by_name[n]]
    if doc_province and doc_province in gaz.by_name:
        hints.append(gaz.by_name[doc_province][0])

    if district:
        codes = [x for x in gaz.by_name[district] if gaz.level(x) == "county"]
        if len(codes) > 1:
            for h in hints:
                narrowed = [x for x in codes if x.startswith(h[:4] if gaz.level(h) == "city" else h[:2])]
                if narrowed:
                    codes = narrowed
                    break
        if len(codes) == 1:
            return Region(province=gaz.province(codes[0]), city=gaz.city(codes[0]), district=district)
        return Region(district=district)
    if not hints:
        hints = _city_of_counties(gaz, counties(in_body))
    if hints:
        h = hints[0] if title_names_upper else _most_specific(gaz, hints)
        prov = gaz.province(h)
        city = gaz.names[h] if gaz.level(h) == "city" else (prov if prov and prov.endswith("市") else None)
        return Region(province=prov, city=city)
    return Region()


def _most_specific(gaz: Gazetteer, hints: list[str]) -> str:
    """The first city among ``hints`` that lies in every province they name (贵州省 and 毕节市: 毕节市),
    else the first hint."""
    provinces = {h[:2] for h in hints if gaz.level(h) == "province"}
    return next((h for h in hints if gaz.level(h) == "city" and {h[:2]} >= provinces), hints[0])


def _city_of_counties(gaz: Gazetteer, names: list[str]) -> list[str]:
    """The city of the counties a text lists when they are several and all lie in one (凉州区, 古浪县 and
    天祝县: 武威市): a news item on a city's districts is that city's, though no district's."""
    cities = {x[:4] for n in names for x in gaz.by_name[n] if gaz.level(x) == "county"}
    if len(names) < 2 or len(cities) != 1 or any(len([x for x in gaz.by_name[n] if gaz.level(x) == "county"]) != 1 for n in names):
        return []
    code = next(iter(cities)) + "00"
    return [code] if code in gaz.names and gaz.names[code] not in gaz.placeholders else []


def _short_in_title(gaz: Gazetteer, title: str, named: Counter[str], short_before: re.Pattern[str]) -> str | None:
    """A county named by its short form in the title: '和平教育现代化2035' → 和平区.

    Short names are often words too (长安, 和平), so one counts only with evidence:
    a word right after it that ``short_before`` matches (教育), or the full name
    somewhere in the text (``named``).
    """
    t = re.sub(r"^\s*(?:19|20)\d\d年", "", title)
    for i in range(len(t)):
        for k in (4, 3, 2):
            s = t[i:i + k]
            codes = [x for x in gaz.by_short.get(s, []) if gaz.level(x) == "county"]
            if not codes:
                continue
            full = [gaz.names[x] for x in codes if named[gaz.names[x]]]
            if full:
                return full[0]
            if short_before.match(t, i + k):
                return gaz.names[codes[0]]
    return None
