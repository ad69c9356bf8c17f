"""Confidence and doubts of running-text targets, and ``plancmp extract --review``.

Each doubt names what a person should check (``metric:fallback``,
``metric:elliptic``, ``kind:section-only``, ``kind:default``,
``kind:document``, ``year:inherited``) and lowers the record's confidence by
its weight in ``rules/doubts.toml``; ``--review`` lists the doubtful records,
lowest confidence first. Our own sentences.
"""
from __future__ import annotations

import csv
import io
import json

import pytest

from plancmp.extract.confidence import confidence, review
from plancmp.extract.pipeline import extract_text
from plancmp.output.review_report import render_review, review_rows
from plancmp.ruleset import RuleSet

from .test_cli import run

#: (id, text, metric of the record checked, the doubts it must carry)
DOUBT_CASES = [
    ("sure-sentence-cues", "一、主要目标\n到2025年,全区新增公办学位3000个。", "新增公办学位", []),
    ("kind-from-section-only", "一、主要目标\n新建社区食堂20家。", "新建社区食堂", ["kind:section-only"]),
    ("kind-by-default", "新建社区食堂20家。", "新建社区食堂", ["kind:default"]),
    ("kind-from-the-document", "东山县农村公路建设实施情况汇报\n新建农村公路86公里。", "新建农村公路", ["kind:document"]),
    ("kind-from-a-cue", "全县现有敬老院21所。", "敬老院", []),
    ("year-inherited-from-clause", "一、主要目标\n到2025年,公园达到80个;绿道达到100公里。", "绿道", ["year:inherited"]),
    ("year-inherited-continuing", "截至2021年底,全区共有养老床位5600张。其中护理型床位2100张。", "护理型床位", ["year:inherited"]),
    ("metric-elliptic-rate", "一、主要目标\n污水处理率达到95%,回收利用率达到40%。", "污水回收利用率", ["metric:elliptic", "kind:section-only"]),
    ("metric-elliptic-part", "全市现有医院36家(其中民营14家)。", "民营医院", ["metric:elliptic"]),
    ("metric-fallback-label", "一、主要目标\n办学性质:公办\n新增学位:1500个", "新增学位", ["metric:fallback", "kind:section-only"]),
]


@pytest.mark.parametrize(("text", "metric", "doubts"), [c[1:] for c in DOUBT_CASES], ids=[c[0] for c in DOUBT_CASES])
def test_a_record_says_what_to_check(text: str, metric: str, doubts: list[str]) -> None:
    recs = [t for t in extract_text(text).targets if t.metric == metric]
    assert recs, [t.metric for t in extract_text(text).targets]
    assert sorted(recs[0].doubts) == sorted(doubts)
    assert recs[0].confidence == confidence(doubts, RuleSet())


def test_confidence_falls_with_each_doubt_and_stays_above_the_floor() -> None:
    rules = RuleSet()
    assert confidence([], rules) == 1.0
    assert confidence(["kind:section-only"], rules) > confidence(["kind:section-only", "year:inherited"], rules)
    assert confidence(["metric:fallback"], rules) < confidence(["metric:elliptic"], rules)
    assert confidence(["metric:fallback", "kind:default", "year:inherited", "metric:elliptic", "x:y"] * 3, rules) >= 0.05


NEVER_EMPTY = [
    "新增学位:1500个",
    "1500个",
    "，，30%。",
    "(一)12所",
    "“”45个",
    "其中:凉州区4所,天祝县1所。",
]


@pytest.mark.parametrize("text", NEVER_EMPTY, ids=range(len(NEVER_EMPTY)))
def test_no_record_has_an_empty_metric(text: str) -> None:
    for t in extract_text(text).targets:
        assert t.metric.strip(), t
        if t.rule != "table":
            assert 0.0 < t.confidence <= 1.0


def test_review_lists_the_doubtful_records_lowest_confidence_first() -> None:
    res = extract_text("一、主要目标\n到2025年,全区新增公办学位3000个。\n办学性质:公办\n新增学位:1500个\n新建社区食堂20家。")
    picked = review(res.targets)
    assert [t.metric for t in picked] == ["新增学位", "新建社区食堂"]
    assert [t.confidence for t in picked] == sorted(t.confidence for t in picked)
    assert review(res.targets, limit=1) == picked[:1]
    rows = review_rows([res])
    assert rows[0]["doubts"] == ["metric:fallback", "kind:section-only"] and rows[0]["line"] == 4
    table = list(csv.DictReader(io.StringIO(render_review(rows, "csv"))))
    assert [r["metric"] for r in table] == ["新增学位", "新建社区食堂"]
    assert table[0]["doubts"] == "metric:fallback; kind:section-only"


def test_cli_review_writes_the_chosen_format(tmp_path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("一、主要目标\n到2025年,全区新增公办学位3000个。\n新建社区食堂20家。\n", encoding="utf-8")
    r = run("extract", plan, "--review", "--format", "jsonl")
    assert r.code == 0, r.err
    rows = [json.loads(x) for x in r.out.splitlines()]
    assert [(x["line"], x["metric"], x["doubts"]) for x in rows] == [(3, "新建社区食堂", ["kind:section-only"])]
    table = run("extract", plan, "--review", "--format", "md")
    assert table.code == 0 and table.out.startswith("| confidence | path | line |")


@pytest.mark.parametrize(("args", "message"), [
    (["--review", "--format", "xml"], "Error: unknown --format 'xml' for --review; use one of table, json, jsonl, csv, tsv, md"),
    (["--limit", "3"], "Error: --limit goes with --review"),
], ids=["bad-format", "limit-without-review"])
def test_cli_review_usage_errors(tmp_path, args: list[str], message: str) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("新建学校5所。\n", encoding="utf-8")
    r = run("extract", plan, *args)
    assert (r.code, r.out, r.err.strip()) == (2, "", message)
