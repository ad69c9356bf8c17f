"""Projects, pass 2 (continued): quoted names in running text (tier ``named``).

- a quote and the category word after it (``“领头雁”培育工程``, ``“一巷一景”街区更新``);
- a name written whole inside quotes (``“丽泽终身教育学院”``);
- a quote after its subject and before 建设 (``竹溪村“乡愁长廊”建设``);
- a place or the plan's district written before the quote belongs to the name.
"""
from __future__ import annotations

import re

from ...prepare.chars import is_han
from .judge import placed, tagged
from .names import (
    MIN_MODIFIER_LEN,
    RunningText,
    cut_left,
    distributed,
    ends_with_joiner,
    is_name_ch,
    someone_elses,
)
from .shared import MIN_NAME_BEFORE_SUFFIX, QUOTE_TAIL_SHORT, Candidate, CompiledProjects, is_national, without_quotes

#: “X” alone, for names written whole inside quotes
_WHOLE_QUOTE = re.compile("“([^“”\\n]{2,24})”")
#: a place written right before a quote (迎泽区“尊师重教”专项资金) is at most this long
_MAX_PLACE_LEN = 8
#: a count this close before a quote (建设3个“…”) makes it a kind of thing
_COUNT_REACH_QUOTED = 4
#: a rate word this close after a quote (“X”工程达标率) makes it the subject of a rate
_RATE_REACH_QUOTED = 3


def _quote_names_nothing(ctx: RunningText, m: re.Match[str]) -> bool:
    """“X”…category word where the quote is no name: “…”的工程, “三大”工程, “十四五”重点工程,
    “X”工程达标率, “X”平台建设项目, a school not built."""
    content, tail, suf = m.groups()
    t, compiled, words = ctx.text, ctx.compiled, ctx.words
    if "的" in tail or compiled.numbered_set.match(content) or ctx.rate_after(m.end(), _RATE_REACH_QUOTED):
        return True
    if len(tail) > QUOTE_TAIL_SHORT and _a_clause(tail, compiled):
        return True
    if content in words.not_names and compiled.not_name_context.search(tail):
        return True
    if suf not in compiled.rules.strong and t.startswith(tuple(words.continuations), m.end()):
        return True
    return suf in compiled.rules.school and not compiled.construction.match(t, m.end())


def _a_clause(tail: str, compiled: CompiledProjects) -> bool:
    """A long tail between a quote and a category word that is a clause of its own, not the rest of
    the name: a verb or a joiner before its last word (“双减”落地见效推进…计划, “X”和…工程)."""
    body = tail[:-2]
    return bool(compiled.setup.search(body)) or any(w in body for w in compiled.rules.words.joiners if len(w) == 1)


def _counted_set_before(before: str, compiled: CompiledProjects) -> bool:
    """六大“卓越行动”, 三项“…”工程: the quote names a set of programmes, not one."""
    tail = before[-_COUNT_REACH_QUOTED:]
    m = compiled.numbered_set.search(tail)
    return m is not None and m.end() == len(tail)


def _quoted_with_category(ctx: RunningText, m: re.Match[str]) -> Candidate | None:
    """The name a quote and the category word after it make (“领头雁”培育工程), or None."""
    if _quote_names_nothing(ctx, m):
        return None
    content, tail, suf = m.groups()
    words = ctx.words
    before = ctx.clause_before(m.start())
    if someone_elses(before, words) or ctx.compiled.quantity.search(before[-_COUNT_REACH_QUOTED:]) \
            or _counted_set_before(before, ctx.compiled):
        return None
    if distributed(before, words):
        return None
    if "、" in content and not tail and suf in ctx.compiled.rules.strong:
        name, pos = m.group(), m.start()  # “一查、一改、一评”专项行动: the slogan names the programme
    elif "、" in content:  # “春苗、春雨、春风、春晖”四春计划 → 四春计划
        if len(tail) < 2 or tail.startswith("等"):
            return None
        name, pos = tail + suf, m.start(2)
    elif tail.startswith("等"):  # “名师成长”等系列项目
        name, pos = content, m.start(1)
    else:
        prefix = _quote_prefix(ctx.text, m.start(), ctx) or (_noun_subject(ctx, m.start()) if not tail else "")
        name, pos = prefix + m.group(), m.start() - len(prefix)
    if without_quotes(name).startswith(tuple(words.external_prefixes)) or is_national(name, words):
        return None
    return Candidate(name=name, category=ctx.compiled.category[suf], tier="named", pos=pos, rule="quoted")


def _whole_in_quotes(ctx: RunningText, m: re.Match[str]) -> Candidate | None:
    """A name written whole inside quotes, its category word included: “丽泽终身教育学院”."""
    t, compiled, words = ctx.text, ctx.compiled, ctx.words
    content = m.group(1)
    sm = compiled.quoted_suffix_end.search(content)
    if not sm or len(content) - len(sm.group()) < MIN_NAME_BEFORE_SUFFIX or "、" in content or compiled.numbered_set.match(content):
        return None
    if ends_with_joiner(content[:-len(sm.group())], compiled) or ctx.rate_after(m.end(), _RATE_REACH_QUOTED):
        return None
    if t.startswith(tuple(words.continuations), m.end()):
        return None
    before = ctx.clause_before(m.start())
    if someone_elses(before, words) or content.startswith(tuple(words.external_prefixes)) \
            or distributed(before, words) or is_national(content, words) or _counted_set_before(before, compiled):
        return None
    if sm.group() in compiled.rules.school and not compiled.construction.match(t, m.end()):
        return None
    prefix = _quote_prefix(t, m.start(), ctx)
    name = prefix + m.group() if prefix else content
    return Candidate(name=name, category=compiled.category[sm.group()], tier="named", pos=m.start() - len(prefix),
                     rule="quoted")


def quoted_names(ctx: RunningText) -> list[Candidate]:
    """Quoted names: “云端海教”品牌, “领头雁”培育工程, “丽泽终身教育学院”, *教育“云数据平台”."""
    out: list[Candidate] = []
    starts: set[int] = set()  # quotes already read with the category word after them
    for m in ctx.compiled.quoted.finditer(ctx.text):
        found = _quoted_with_category(ctx, m)
        if found:
            starts.add(m.start())
            out.append(found)
    for m in _WHOLE_QUOTE.finditer(ctx.text):
        found = None if m.start() in starts else _whole_in_quotes(ctx, m) or _subject_quote_built(ctx, m)
        if found:
            out.append(found)
    return out


def _a_noun(subject: str) -> bool:
    """The subject before a quote is a noun or a place (商业航天, 诸翟村), not a verb (巩固)."""
    words = tagged(subject)
    return bool(words) and words[0][1][0] in "nsj"


#: characters of a subject written right before a quote (诸翟村“文脉长廊”, 商业航天“火箭星城”)
_MAX_SUBJECT_LEN = 6


def _subject_quote_built(ctx: RunningText, m: re.Match[str]) -> Candidate | None:
    """A quoted name with its subject before it and being built after it, without a category word:
    诸翟村“文脉长廊”建设, 商业航天“火箭星城”建设."""
    t, compiled = ctx.text, ctx.compiled
    if not compiled.construction.match(t, m.end()) or compiled.numbered_set.match(m.group(1)):
        return None
    k = m.start()
    while k > 0 and m.start() - k < _MAX_SUBJECT_LEN and is_han(t[k - 1]):
        k -= 1
    run = t[k:m.start()]
    cut = cut_left(run, compiled, k == 0 or not is_han(t[k - 1]))
    subject = run[cut:] if cut is not None else ""
    if len(subject) < MIN_MODIFIER_LEN or not compiled.generic.sub("", subject) or not _a_noun(subject) \
            or compiled.left_stop.fullmatch(subject):
        return None  # 助力“…城市”建设: a verb, not the subject of the quote
    before = ctx.clause_before(k + (cut or 0))
    if someone_elses(before, ctx.words) or not compiled.setup.search(before + subject):
        return None
    return Candidate(name=subject + m.group(), category=compiled.category.get("项目"), tier="named",
                     pos=m.start() - len(subject), rule="quoted")


#: the tags of the words of a subject that belongs to a quoted name (乡村教师“暖心”工程): nouns
_SUBJECT_TAGS = ("n", "vn", "nz", "l")
#: a subject opening with these is a scope (全区, 我县, 各校), not a part of the name
_SCOPE_FIRST = "全我本该各每"


def _noun_subject(ctx: RunningText, qpos: int) -> str:
    """The nouns right before a quote that a category word follows at once: who the programme is for or
    about (乡村教师“暖心”工程, 教育督导“护苗”行动), a part of its name; a verb or a scope (全区) is not."""
    t = ctx.text
    k = qpos
    while k > 0 and qpos - k < _MAX_SUBJECT_LEN and is_han(t[k - 1]):
        k -= 1
    run = t[k:qpos]
    cut = cut_left(run, ctx.compiled, False)  # after a verb or a joiner (实施, 和): 上线“X”小程序 has no subject
    subject = run[cut:] if cut else ""
    if len(subject) < MIN_MODIFIER_LEN or subject[0] in _SCOPE_FIRST or ctx.compiled.left_stop.search(subject) \
            or subject.endswith(tuple(ctx.words.scopes)):
        return ""
    words = tagged(subject)
    return subject if words and all(f in _SUBJECT_TAGS for _, f in words) else ""


#: divisions that run their own programmes: a name after one of them is not the plan's
_DIVISIONS = ("省", "市", "区", "县")


def _quote_prefix(t: str, qpos: int, ctx: RunningText) -> str:
    """A place name written right before a quote: 迎泽区“尊师重教”专项资金, *教育“云数据平台”."""
    k = qpos
    while k > 0 and qpos - k < _MAX_PLACE_LEN and is_name_ch(t[k - 1]):
        k -= 1
    run = t[k:qpos]
    if not run:
        return ""
    cut = cut_left(run, ctx.compiled, True) or 0
    cand = run[cut:]
    if "*" in cand:
        return cand[cand.index("*"):]
    own = next((p for p in ctx.places if cand.endswith(p)), "")
    if own or ctx.judge is None or len(cand) < MIN_MODIFIER_LEN:
        return own
    # 召稼楼“一房一档”, 诸翟村“文脉长廊”: a site before the quote is part of the name; another
    # division (河东区“…”) is someone else's
    if cand.endswith(tuple(ctx.words.own_place_suffixes) + _DIVISIONS):
        return ""
    return cand if placed(cand, ctx.judge) else ""
