"""`plancmp diff`: inputs, every output format, exit codes, --explain, golden renderings."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from plancmp.cli import main
from plancmp.comparison.catalog import catalog
from plancmp.ruleset import default_rules

from .samples import GOLD, SAMPLES
from .gold_extract import extract_json

GOLDEN = Path(__file__).resolve().parent / "golden"
PAIR = ("beijing-fengtai-2021", "shanxi-taiyuan-yingze-2021")


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed pair as extract JSON built from the gold targets."""
    d = tmp_path_factory.mktemp("plans")
    out = []
    for name in PAIR:
        p = d / f"{name}.json"
        p.write_text(json.dumps(extract_json(GOLD / f"{name}.json"), ensure_ascii=False), encoding="utf-8")
        out.append(p)
    return out[0], out[1]


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    cap = capsys.readouterr()
    return int(e.value.code), cap.out, cap.err


# ---------------------------------------------------------------- formats

def test_json(capsys, plans) -> None:
    code, out, err = run(capsys, "diff", *plans, "--format", "json")
    d = json.loads(out)
    assert code == 0 and err == ""
    assert list(d) == ["schema", "a", "b", "matched", "uncertain", "only_a", "only_b", "projects"]
    assert d["schema"] == "plancmp.diff/1"
    assert set(d["a"]) == {"source", "meta", "field"} and d["a"]["meta"]["region"]["district"] == "丰台区"
    assert d["a"]["field"] == d["b"]["field"] == "教育"
    pair = d["matched"][0]
    assert list(pair)[:5] == ["a", "b", "score", "relation", "reasons"]
    assert set(pair) <= {"a", "b", "score", "relation", "reasons", "converted", "baseline", "context"}
    assert {"line", "metric", "value", "unit", "span", "text"} <= set(pair["a"])  # records as extract prints them
    assert pair["reasons"]["indicator"] and set(pair["reasons"]["components"]) >= {"alias", "chars", "tokens"}
    assert all(r["kind"] == "target" for r in d["only_a"] + d["only_b"])
    assert set(d["projects"]) == {"matched", "uncertain", "only_a", "only_b"}


def test_json_is_the_default_when_piped(capsys, plans) -> None:
    _, out, _ = run(capsys, "diff", *plans)
    assert json.loads(out)["schema"] == "plancmp.diff/1"


def test_jsonl(capsys, plans) -> None:
    code, out, _ = run(capsys, "diff", *plans, "-f", "jsonl")
    items = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and items[0]["schema"] == "plancmp.diff/1"
    bands = {(i["part"], i["band"]) for i in items[1:]}
    assert ("targets", "matched") in bands and ("targets", "only_a") in bands and ("projects", "only_b") in bands


@pytest.mark.parametrize("fmt,sep", [("csv", ","), ("tsv", "\t")], ids=["csv", "tsv"])
def test_csv_tsv(capsys, plans, fmt: str, sep: str) -> None:
    code, out, _ = run(capsys, "diff", *plans, "-f", fmt)
    rows = list(csv.DictReader(io.StringIO(out), delimiter=sep))
    assert code == 0 and rows[0]["band"] == "matched"
    assert {"part", "band", "stage", "a_metric", "a_value", "a_line", "b_metric", "b_value", "relation"} <= set(rows[0])
    assert any(r["a_value"] == ">90%" and r["b_value"].startswith("99.02%") for r in rows)


def test_md_and_table(capsys, plans) -> None:
    _, md, _ = run(capsys, "diff", *plans, "-f", "md")
    assert md.startswith("# plancmp diff: 丰台区 vs 迎泽区") and "## Matched targets (10)" in md
    _, table, _ = run(capsys, "diff", *plans, "-f", "table", "--width", "100")
    assert "丰台区" in table and "学前教育毛入园率" in table and "\x1b[" not in table


def test_json_output_does_not_import_rich(plans) -> None:
    code = ("import sys; from plancmp.comparison.diff import build_diff; from plancmp.output.diff_report import render_diff; "
            "from plancmp.comparison.inputs import load_plan; "
            f"r = build_diff(load_plan({str(plans[0])!r}), load_plan({str(plans[1])!r})); render_diff(r, 'json'); "
            "print('rich' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


# ---------------------------------------------------------------- golden renderings

@pytest.mark.parametrize("fmt,name", [("table", "diff.table.txt"), ("md", "diff.md")], ids=["table", "md"])
def test_golden(capsys, monkeypatch, plans, fmt: str, name: str) -> None:
    # Relative paths: a path's length must not move where the heading wraps.
    monkeypatch.chdir(plans[0].parent)
    _, out, _ = run(capsys, "diff", *(p.name for p in plans), "-f", fmt, "--width", "120")
    path = GOLDEN / name
    if os.environ.get("PLANCMP_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8"), f"rendering changed; see tests/golden/README.md to refresh {name}"


# ---------------------------------------------------------------- determinism

def test_output_does_not_depend_on_the_hash_seed() -> None:
    """Two processes with different PYTHONHASHSEED print the same diff of two sample texts
    (word lists built from sets must not come out in hash order)."""
    args = [sys.executable, "-m", "plancmp", "diff", *(str(SAMPLES / f"{n}.txt") for n in PAIR), "--format", "json"]
    procs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**os.environ, "PYTHONHASHSEED": seed}) for seed in ("1", "2")]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0] and [err for _, err in outs] == [b"", b""]
    assert outs[0][0] == outs[1][0] and json.loads(outs[0][0])["matched"]


def test_catalog_word_lists_break_length_ties_by_text() -> None:
    cat = catalog(default_rules())
    for words in (cat.filler, cat.prefix_words):
        assert list(words) == sorted(set(words), key=lambda w: (-len(w), w))


CORPUS_RAW = Path(__file__).resolve().parent / "corpus" / "raw"
URBAN = ("s01_minhang_chengshigengxin_shiwuwu.txt", "s02_huangpu_chengshigengxin_shiwuwu.txt")


@pytest.mark.skipif(not all((CORPUS_RAW / n).is_file() for n in URBAN), reason="the corpus texts are not in tests/corpus/raw")
@pytest.mark.parametrize("fmt,name", [("table", "diff-urban.table.txt"), ("md", "diff-urban.md")], ids=["table", "md"])
def test_golden_urban_renewal(capsys, monkeypatch, fmt: str, name: str) -> None:
    """Two district plans of another field than education (城市更新, 闵行 and 黄浦), from their texts:
    rows grouped by field, values in other units shown in the other side's unit too."""
    # Relative paths: a path's length must not move where the heading wraps.
    monkeypatch.chdir(CORPUS_RAW)
    _, out, _ = run(capsys, "diff", *URBAN, "-f", fmt, "--width", "140")
    path = GOLDEN / name
    if os.environ.get("PLANCMP_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8"), f"rendering changed; see tests/golden/README.md to refresh {name}"


# ---------------------------------------------------------------- exit codes

def test_exit_code_when_plans_differ(capsys, plans) -> None:
    assert run(capsys, "diff", *plans, "--exit-code")[0] == 1
    assert run(capsys, "diff", *plans)[0] == 0


def test_exit_code_when_plans_agree(capsys, plans) -> None:
    assert run(capsys, "diff", plans[0], plans[0], "--exit-code", "-f", "json")[0] == 0


def test_plan_text_input(capsys, tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("一、发展目标\n到2025年，学前三年毛入园率达到95%以上，普惠性幼儿园覆盖率达到85%。\n", encoding="utf-8")
    b.write_text("一、发展目标\n到2025年，学前教育毛入园率达到98%。\n", encoding="utf-8")
    code, out, _ = run(capsys, "diff", a, b, "-f", "json", "--exit-code")
    d = json.loads(out)
    assert code == 1
    assert [(p["a"]["value"], p["b"]["value"], p["relation"]) for p in d["matched"]] == [(95, 98, "b_higher")]
    assert [t["metric"] for t in d["only_a"]] == ["普惠性幼儿园覆盖率"]


ERRORS = [
    (["diff", "{a}", "{missing}"], "no such file"),
    (["diff", "{a}", "{b}", "-f", "xml"], "unknown --format 'xml' for diff"),
    (["diff", "{a}", "{other}"], "is JSON but not `plancmp extract` output"),
    (["diff", "{a}", "{broken}"], "looks like JSON but does not parse"),
    (["diff", "{a}", "{b}", "--pair", "x"], "--pair takes LINE_A:LINE_B"),
    (["diff", "{a}", "{b}", "--pair", "7:"], "no target (kind target) of A on line 7"),
    (["diff", "{a}"], "Missing argument"),
]


@pytest.mark.parametrize("args,message", ERRORS, ids=[m for _, m in ERRORS])
def test_errors_exit_2_with_one_line(capsys, plans, tmp_path: Path, args: list[str], message: str) -> None:
    other, broken = tmp_path / "other.json", tmp_path / "broken.json"
    other.write_text('{"schema": "something/1"}', encoding="utf-8")
    broken.write_text('{"schema": ', encoding="utf-8")
    files = {"a": plans[0], "b": plans[1], "missing": tmp_path / "nope.txt", "other": other, "broken": broken}
    code, out, err = run(capsys, *(x.format(**files) for x in args))
    assert code == 2 and out == ""
    assert err.startswith("Error: ") and message in err and err.count("\n") == 1 and "Traceback" not in err


# ---------------------------------------------------------------- explain

def test_explain_all(capsys, plans) -> None:
    code, out, _ = run(capsys, "diff", *plans, "--explain")
    assert code == 0
    assert "A:99 入园率 >90%" in out and "matched with B:" in out
    assert "blocked: different indicators" in out or "blocked: never paired" in out


def test_explain_one_pair(capsys, plans) -> None:
    code, out, _ = run(capsys, "diff", *plans, "--pair", "101:44")
    assert code == 0
    assert "A:101 就近入学率" in out and "B:44 义务教育入学率" in out and "blocked" in out


def test_rows_of_other_fields_and_units(tmp_path: Path) -> None:
    """A diff of two plans of another field: the group column says 领域, a restatement joins its pair,
    a value in another unit of the same dimension is shown in the other side's unit too."""
    from plancmp.comparison.diff import build_diff
    from plancmp.extract.pipeline import extract_text
    from plancmp.output.diff_report import render_diff

    a = extract_text("甲区绿化市容“十五五”规划\n到2030年,新增绿地面积45公顷,人均公园绿地面积达到9.5平方米。\n", "a.txt")
    b = extract_text("乙区绿化市容“十五五”规划\n到2030年,新增绿地面积60万平方米,人均公园绿地面积达到10平方米。\n", "b.txt")
    md = render_diff(build_diff(a, b), "md")
    assert "| 领域 | 指标 |" in md and "| 绿化市容 |" in md
    assert "45公顷 (2030) L2 ≈45万平方米" in md and "60万平方米 (2030) L2 ≈60公顷" in md
