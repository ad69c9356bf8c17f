"""Held-out targets of the genre beyond education: excerpts written after the rules, by helper G1.

``tests/heldout/genre-*.txt`` are plan excerpts written by hand in December 2026,
after the running-text rules existed, in fields and phrasings the corpus lacks,
by helper G1; ``genre-*.json`` annotate them in the gold format (docs/records.md
§1) and were written BEFORE plancmp was run on the texts.

- First batch (8: water, greening news, housing annual plan, urban management,
  health, elderly care, 十五五 纲要, a county education plan of another
  province): macro strict 0.845 (found 0.963), lowest file 0.53, before any rule
  was written from their misses; 0.945 after.
- Second batch (4: transport, culture and sports news, rural revitalization, a
  county education news report), written after the first batch's rules: 0.872
  at first, the same with and without those rules (they had not generalized to
  it); 0.931 after the rules its misses taught (units 片/场次, class-size
  thresholds, a distance inside a rate's name).

- Third batch (3: ecology and environment, employment news, a county
  education 2035 plan), written after the second batch's rules: 0.869 at first
  (0.889 with the code of the round's start: a listed-item rule had misread
  名校长工作室、名师工作室), 1.000 after (parallel parts aligned by their own
  words, 去年/上年 as past).

- Fourth batch (3: commerce/楼宇经济 news, water quality, elderly-care news), by helper
  H1 in the last round of issue 13; the first two written before any H1 rule: 0.706
  and 0.815 at first (a dated start without 由: 楼宇2020年的30幢增长至40幢; a standard
  code in brackets as metric; 15分钟 inside a rate's name), 1.000 after; the third,
  written after those rules, 0.929 at first (、共计1.2万平方米 named 共计), 1.000 after;
  a fourth (parking news), after all of them: 0.700 at first (接入泊位…、覆盖率85% named
  覆盖率 alone; two kinds of a news report without a plan period, left), 0.800 after.

- Fifth batch (3: health, city appearance, county education; numbered task items whose
  goal clause names a rate by its short form), by helper H4, gold written before the
  run: 0.600, 0.500 and 0.800 at first (健康管理率…、签约覆盖率 named 健康管理签约覆盖率;
  满足率, 管理覆盖率, 覆盖率 left short), 1.000 each after the paragraph-full-name rule.

All five now guard the rules written from them; new texts, written without looking
at the rules, are what measures generalization next.
"""
from __future__ import annotations

import pytest

from .heldout_targets import check_file, check_macro, names

NAMES = names("genre")

STRICT_FLOOR = 0.93  # macro strict F1 over these files (0.961 when set)
FOUND_FLOOR = 0.98  # macro found F1 (1.000 when set)
DOC_STRICT_FLOOR = 0.70  # no single file below this (lowest 0.733 when set: a housing plan whose period meta misreads)


def test_genre_files_exist() -> None:
    assert len(NAMES) >= 15, NAMES


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_each_genre_file_meets_floor(name: str) -> None:
    check_file(name, DOC_STRICT_FLOOR)


def test_genre_macro_meets_floor() -> None:
    check_macro(NAMES, STRICT_FLOOR, FOUND_FLOOR)
