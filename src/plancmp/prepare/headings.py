"""The schema of ``rules/headings.toml``: heading markers, boxes, appendices, titles, page chrome.

The one home of what a heading looks like in the genre. ``segment`` finds the
headings with it; ``normalize`` reads the marker kinds too, since a gap before
a heading marker separates the heading from the text before it and is never
damage to join (see :func:`plancmp.prepare.normalize.fix_stray_spaces`).
"""
from __future__ import annotations

from pydantic import BaseModel

from ..ruleset import Regex


class MarkerKind(BaseModel):
    name: str
    rank: int
    pattern: Regex
    inline: bool = False
    item: bool = False
    outer: bool = False
    top: bool = False


class BoxRule(BaseModel):
    pattern: Regex


class AppendixRule(BaseModel):
    pattern: Regex
    file_name: Regex


class TitleRule(BaseModel):
    lead: Regex
    heading_mark: Regex
    stop: Regex
    max_len: int = 40
    min_run_in: int = 6
    run_together_len: int = 1200
    openers: list[Regex] = []
    run_in_openers: list[Regex] = []
    clause_starts: list[Regex] = []
    closers: list[Regex] = []
    region_opens_body: bool = True
    not_after_marker: list[Regex] = []
    # a verb-object title run into its body (see rules/headings.toml [title] predicate_*)
    predicate_head_tags: list[str] = []
    predicate_object_tags: list[str] = []
    predicate_open_tags: list[str] = []
    predicate_verb_tags: list[str] = []
    predicate_verb_min: int = 2
    predicate_adverbial_tags: list[str] = []


class StandaloneRule(BaseModel):
    max_len: int = 20
    min_len: int = 2
    words: list[str] = []
    front: list[str] = []
    sentence_goes_on: str = ""
    forbidden: Regex
    sentence_end: Regex
    doc_title: Regex


class ChromeRule(BaseModel):
    patterns: list[Regex] = []
    running_min_repeats: int = 3
    running_min_len: int = 8
    running_max_len: int = 40
    max_len: int = 120


class ListItemRule(BaseModel):
    """A numbered task sentence is a list item, not a heading (:mod:`plancmp.extract.list_items`)."""

    # the first sentence is read this far at most
    max_sentence: int = 200
    # a heading on a line running on longer than this is in paragraphs run together, not judged
    run_together_len: int = 1200
    # a run-in title before the first comma is at most this long ...
    nominal_max: int = 12
    # ... does not open with a word of these part-of-speech tags (a verb: a task clause) ...
    clause_tags: list[str] = ["v"]
    # ... and ends with a word whose tag starts with one of these (how it went: 稳步提高, 更加均衡)
    predicate_tags: str = "va"
    # ... or is a noun phrase: ends with a noun and holds this tag (的: a modifier and its noun)
    modifier_tag: str = "uj"
    # a first sentence of this many clauses (between commas) is a sentence, figure or not
    min_clauses: int = 3
    # a level is a list when at least this share of its siblings are task sentences
    list_share: float = 0.5
    # ... and has at least this many siblings (one numbered sentence alone is no list)
    min_list: int = 2


class HeadingRules(BaseModel):
    """``rules/headings.toml``."""

    kinds: list[MarkerKind]
    box: BoxRule
    appendix: AppendixRule
    title: TitleRule
    standalone: StandaloneRule
    chrome: ChromeRule
    list_item: ListItemRule = ListItemRule()
