"""Where a heading's title ends: the rules of ``rules/headings.toml`` compiled, and the title cut.

A title is the heading part of its line only: up to whitespace, a sentence stop or
the next heading's marker; a heading word of the genre run into its body
(``主要任务到2027年…``) ends after the word; a title run into its body without
punctuation is cut where the body opens (openers, region names, and in
run-together text a time, a subject, a clause after a noun of the genre, or
after a review title's "how it went": ``…切实加强``). Only ``max_len + 1``
characters after the title's start are ever read, so the cost does not grow
with the line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from ..prepare.chars import any_of
from ..prepare.headings import HeadingRules, MarkerKind, TitleRule
from ..ruleset import RuleSet, compiled_once
from .list_items import run_together as _run_together

# -- rules --------------------------------------------------------------------


@dataclass(frozen=True)
class CompiledHeadings:
    """``rules/headings.toml`` compiled (:func:`compiled`)."""

    rules: HeadingRules
    kinds: tuple[tuple[MarkerKind, re.Pattern[str]], ...]  # by rank, each with its compiled pattern
    box: re.Pattern[str]
    appendix: re.Pattern[str]
    file_name: re.Pattern[str]
    stop: re.Pattern[str]
    openers: re.Pattern[str]
    run_in_openers: re.Pattern[str]
    clause_starts: re.Pattern[str]
    closers: re.Pattern[str]
    not_after: re.Pattern[str]
    forbidden: re.Pattern[str]
    sentence_end: re.Pattern[str]
    doc_title: re.Pattern[str]
    chrome: re.Pattern[str]
    words: frozenset[str]
    longest_word: int
    lead: re.Pattern[str]
    heading_mark: re.Pattern[str]


@compiled_once
def compiled(rules: RuleSet) -> CompiledHeadings:
    """The heading rules, validated and compiled once per rule set."""
    r = rules.table("headings", HeadingRules)
    return CompiledHeadings(
        rules=r,
        kinds=tuple((k, re.compile(k.pattern)) for k in sorted(r.kinds, key=lambda k: k.rank)),
        box=re.compile(r.box.pattern),
        appendix=re.compile(r.appendix.pattern),
        file_name=re.compile(r.appendix.file_name, re.I),
        stop=re.compile(r.title.stop),
        openers=re.compile(any_of(r.title.openers)),
        run_in_openers=re.compile(any_of(r.title.openers + r.title.run_in_openers)),
        clause_starts=re.compile(any_of(r.title.clause_starts)),
        closers=re.compile(any_of(r.title.closers)),
        not_after=re.compile(any_of(r.title.not_after_marker)),
        forbidden=re.compile(r.standalone.forbidden),
        sentence_end=re.compile(r.standalone.sentence_end),
        doc_title=re.compile(r.standalone.doc_title),
        chrome=re.compile(any_of(r.chrome.patterns)),
        words=frozenset(r.standalone.words),
        longest_word=max(map(len, r.standalone.words), default=0),
        lead=re.compile(r.title.lead),
        heading_mark=re.compile(r.title.heading_mark),
    )


_SPACE = re.compile(r"\s+")
#: a heading marker right after one of these is part of the text (a quote, a list of numbers)
_NOT_BEFORE_MARKER = "“\"、((《<-"
#: after a heading word, the title goes on: 发展目标和主要任务, 指导思想、基本原则
_TITLE_GOES_ON = "和与及、,("


def _next_marker(hr: CompiledHeadings, text: str, s: int, end: int) -> int:
    """Where the next heading's marker starts in ``text[s+1:end]`` (run-together headings:
    ``第一章规划背景第一节发展基础``), or ``end``. A marker inside quotes or a list of numbers
    (``“一、二、三”工程``) does not count."""
    best = end
    for kind, rx in hr.kinds:
        if not kind.inline:
            continue
        for m in rx.finditer(text, s + 1, best):
            if text[m.start() - 1] not in _NOT_BEFORE_MARKER:
                best = m.start()
                break
    return best


def _known_word_end(hr: CompiledHeadings, text: str, s: int, end: int) -> int | None:
    """End of a heading word of the genre (``主要任务``) that opens ``text[s:end]`` and is followed by the
    body run in without punctuation (``主要任务到2025年…``); None when none is, or a title goes on
    (``发展目标和主要任务``, or a short rest: ``主要任务完成情况``)."""
    for k in range(min(hr.longest_word, end - s), 1, -1):
        if text[s:s + k] in hr.words:
            rest = s + k
            if end - rest >= hr.rules.title.min_run_in and text[rest] not in _TITLE_GOES_ON:
                return rest
            return None
    return None


def word_after_sentence(hr: CompiledHeadings, text: str, s: int, eol: int) -> int | None:
    """End of a heading word of the genre that opens ``text[s:eol]`` right after a sentence end in
    run-together text, its body run in (``保障措施1.加强…``); None when none does, or the word is the
    subject of the sentence (``主要任务是…``)."""
    end = _known_word_end(hr, text, s, min(eol, s + hr.longest_word + hr.rules.title.min_run_in))
    if end is None or text[end] in hr.rules.standalone.sentence_goes_on:
        return None
    return end


def title_end(hr: CompiledHeadings, text: str, s: int, eol: int, names: frozenset[str],
               run_together: bool = False) -> int:
    """End of the heading part of a line whose title starts at ``s`` (``run_together``: the line holds
    paragraphs run together, see :func:`_run_in_end`).

    Only the next ``max_len + 1`` characters are read: a longer title is cut at ``max_len`` anyway,
    so the cost stays the same on a line of a million characters.
    """
    max_len = hr.rules.title.max_len
    eol = min(eol, s + max_len + 1)
    ws = _SPACE.search(text, s, eol)
    stop = hr.stop.search(text, s, eol)
    end = min(ws.start() if ws else eol, stop.start() if stop else eol)
    end = _next_marker(hr, text, s, end)
    word = _known_word_end(hr, text, s, end)
    if word is not None:
        return word
    spaced = ws is not None and ws.start() == end  # a space sets the title off: it ends there
    if end - s <= max_len and (spaced or not run_together):
        comma = text.find(",", s, end)
        if comma != -1:
            # '…变革创新以数据驱动为特征的…,…': the body opens before the first comma
            m = hr.openers.search(text, s + hr.rules.title.min_run_in, comma)
            if m:
                return m.start()
        return end
    return _run_in_end(hr, text, s, end, names, run_together)


def _run_in_end(hr: CompiledHeadings, text: str, s: int, end: int, names: frozenset[str], run_together: bool) -> int:
    """End of a title run into its body without punctuation: cut where the body opens. In
    run-together text more words open a body (a time, a subject, a clause after a noun of the genre)
    and a review title ends after how it went (``…切实加强``)."""
    comma = text.find(",", s, end)
    if comma != -1:
        end = comma
    lo = s + hr.rules.title.min_run_in
    cut = end
    m = (hr.run_in_openers if run_together else hr.openers).search(text, lo, end)
    if m:
        cut = m.start()
    if run_together:
        m = hr.clause_starts.search(text, s + 2, cut)
        if m:
            cut = m.start()
        for c in hr.closers.finditer(text, s, end):
            if c.end() >= lo and c.start() <= cut:
                cut = c.end()  # also when the opener found starts inside it (…改革深入推进推进…)
                break
    if names:
        for i in range(lo, cut):
            if any(text[i:i + k] in names for k in range(2, 9)):
                cut = i
                break
    return min(cut, s + hr.rules.title.max_len)


# -- a verb-object title run into its body ----------------------------------------------------


def predicate_end(rule: TitleRule, words: list[tuple[str, str]]) -> int | None:
    """Where the body opens in a title run into it without punctuation (``words``: the title's words
    and part-of-speech tags), when the title is a verb-object phrase and the body opens a new
    predicate right after the object (``全面加强师资培训始终坚持…``); None when it does not. Verbs
    right after the object's nouns carry it on (``推进校舍改造对…``, ``依法治教``): an adverb, a
    preposition or a verb with its own object after them opens the body. Tags are noisy: a noun
    compound tagged as verbs (``支撑保障能力``) may be cut."""
    if not any(t in rule.predicate_head_tags for _w, t in words[:2]):
        return None
    pos = len(words[0][0]) if words else 0
    in_object = False
    for i in range(1, len(words)):
        w, t = words[i]
        prev = words[i - 1][1]
        in_object = in_object or any(prev.startswith(o) for o in rule.predicate_object_tags)
        after = words[i + 1][1] if i + 1 < len(words) else ""
        if pos >= rule.min_run_in and in_object:
            if (t in rule.predicate_open_tags
                    or (t in rule.predicate_adverbial_tags and after.startswith("v"))):
                return pos
            if (t in rule.predicate_verb_tags and len(w) >= rule.predicate_verb_min
                    and after and after not in rule.predicate_open_tags):
                return pos
        in_object = in_object and t in rule.predicate_verb_tags  # verbs after the object carry it on
        pos += len(w)
    return None


def cut_run_in_predicates(hr: CompiledHeadings, headings: list, text: str,
                          tagged: Callable[[str], list[tuple[str, str]]]) -> list:
    """``headings`` (each with a ``title`` span) with the titles that ran on into their body in
    run-together text (to a punctuation mark or to ``max_len``: no rule found where the body opens)
    cut where the body's predicate opens (:func:`predicate_end`). A title set off by a space or
    ended by the next heading's marker is whole; only a line longer than ``run_together_len`` is
    read so."""
    rule = hr.rules.title
    markers = {h.marker[0] for h in headings}
    out = []
    for h in headings:
        s, e = h.title
        ran_on = e - s >= rule.max_len or (e < len(text) and not text[e].isalnum() and not text[e].isspace())
        if (e - s > rule.min_run_in and ran_on and e not in markers
                and _run_together(text, s, rule.run_together_len)):
            cut = predicate_end(rule, tagged(text[s:e]))
            if cut is not None:
                h = replace(h, title=(s, s + cut))
        out.append(h)
    return out

