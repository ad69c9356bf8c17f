"""plancmp compare: the matrix logic (with a small stand-in aligner, so these
tests do not depend on the alias table), every output format, and the CLI."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from plancmp import cli
from plancmp.comparison import inputs
from plancmp.comparison import matrix as M
from plancmp.errors import PlancmpError, RulesError
from plancmp.models import ExtractResult
from plancmp.output import matrix_report as R
from plancmp.ruleset import RuleSet, default_rules

GOLD = Path(__file__).parent / "gold"


# ------------------------------------------------------------------ fixtures

class StubAligner:
    """A tiny aligner: an alias table, filler words, fuzz ratio as the pair score."""

    threshold = 0.8
    stages = ("学前", "义务", "经费")
    filler = re.compile("全区|力争|达到")
    table = {
        "学前教育毛入园率": ("pre.gross", "学前教育毛入园率", "学前"),
        "毛入园率": ("pre.gross", "学前教育毛入园率", "学前"),
        "入园率": ("pre.gross", "学前教育毛入园率", "学前"),
        "学前教育入园率": ("pre.gross", "学前教育毛入园率", "学前"),
        "普惠性幼儿园覆盖率": ("pre.puhui", "普惠性幼儿园覆盖率", "学前"),
        "学前教育普惠率": ("pre.puhui", "普惠性幼儿园覆盖率", "学前"),
        "义务教育巩固率": ("com.keep", "义务教育巩固率", "义务"),
        "大班额比例": ("com.big", "大班额比例", "义务"),
        "教育经费": ("fin.total", "教育经费", "经费"),
    }

    def norm_metric(self, m: str) -> str:
        return self.filler.sub("", m)

    def canonical_of(self, t):
        hit = self.table.get(self.norm_metric(t["metric"]))
        if not hit:
            return None
        return M.Canon(*hit, lower_is_better=hit[0] == "com.big")

    def pair_score(self, a, b) -> float:
        return fuzz.ratio(self.norm_metric(a["metric"]), self.norm_metric(b["metric"])) / 100

    def unit_base(self, unit: str):
        return {"亿元": ("元", Decimal(10**8)), "万元": ("元", Decimal(10**4))}.get(unit, (unit, Decimal(1)))

    def plan_field(self, title, targets):
        return None

    def stage_of(self, target, plan_field):
        return None


RULES = M.compare_rules(default_rules())


def target(metric, value, unit="%", comparator="=", line=1, kind="target", **kw):
    t = {"metric": metric, "value": value, "unit": unit, "comparator": comparator, "kind": kind, "line": line,
         "span": {"start": 0, "end": 1}, "match": str(value), "section": None,
         "text": f"{metric}{value}{unit}。", "rule": "test"}
    t.update(kw)
    return t


def record(district, targets, projects=(), path=None):
    path = path or f"{district or 'nameless'}.txt"
    rec = {"schema": "plancmp.extract/1",
           "source": {"path": path, "sha256": hashlib.sha256(path.encode()).hexdigest(), "encoding": "utf-8", "lines": 9},
           "meta": {"title": f"{district}规划", "region": {"province": None, "city": None, "district": district},
                    "issuer": None, "issued": None, "period": {"start": 2021, "end": 2025}, "doc_number": None},
           "sections": [], "targets": list(targets), "projects": list(projects), "warnings": []}
    return ExtractResult.model_validate(rec).to_dict()  # the fixture honours the extract contract


def gold_record(path: Path) -> dict:
    """An extract record from a gold file: gold fields plus dummy span/match/text."""
    g = json.loads(path.read_text(encoding="utf-8"))
    meta = {k: v for k, v in g["meta"].items() if k != "optional_fields"}
    targets = [target(**{k: v for k, v in t.items() if k not in ("optional", "metric_clean")}) for t in g["targets"]]
    projects = [{"name": p["name"], "category": p.get("category"), "tier": p["tier"], "line": p["line"],
                 "lines": [p["line"]], "text": ""} for p in g["projects"]]
    rec = record(None, targets, projects, path=g["doc"])
    rec["meta"] = ExtractResult.model_validate({**rec, "meta": meta}).to_dict()["meta"]
    return rec


def matrix(*recs, min_plans=1):
    plans = inputs.make_plans([(r["source"]["path"], r) for r in recs])
    return M.compare(plans, StubAligner(), RULES, min_plans)


def row(cmp, name):
    return next(r for r in cmp.rows if r.name == name)


@pytest.fixture(scope="module")
def seeds():
    return matrix(*(gold_record(p) for p in sorted(GOLD.glob("*.json"))))


# ------------------------------------------------------------------ the matrix

def test_seed_columns_are_districts(seeds):
    assert [p.key for p in seeds.plans] == ["丰台区", "海淀区", "鼓楼区", "迎泽区", "和平区"]


def test_seed_shared_indicator_on_one_row(seeds):
    r = row(seeds, "学前教育毛入园率")
    assert set(r.cells) == {"丰台区", "迎泽区"}
    fengtai = r.cells["丰台区"]
    assert (fengtai.target["line"], fengtai.target["year"]) == (128, 2025)  # the dated table row wins
    assert [a["line"] for a in fengtai.also] == [99]
    assert R.cell_text(fengtai).startswith(">90% (2025)")
    assert r.stats["min"] == 90 and r.stats["max"] == 99.02
    assert r.most_ambitious == ["迎泽区"]


def test_baseline_record_of_the_plan_joins_its_cell(seeds):
    c = row(seeds, "普惠性幼儿园覆盖率").cells["迎泽区"]
    assert c.baseline is not None and c.baseline["kind"] == "baseline" and c.baseline["value"] == 92.63
    assert "基线 92.63% (2020)" in R.cell_text(c)


def test_stages_in_rule_order_then_clusters(seeds):
    stages = [r.stage for r in seeds.rows]
    assert stages[:3] == ["学前", "学前", "义务"]
    assert set(stages[3:]) == {RULES.cluster_group}


@pytest.mark.parametrize(
    ("plans", "shared"),
    [
        ({"甲区": [("区级书香校园", 10, "所")], "乙区": [("区级书香校园", 12, "所")]}, True),
        ({"甲区": [("区级书香校园", 10, "所")], "乙区": [("书香校园", 12, "所")]}, True),
        ({"甲区": [("区级书香校园", 10, "所")], "乙区": [("区级书香校园", 12, "个")]}, False),
        ({"甲区": [("新增学位", 8000, "个")], "乙区": [("新增校外活动场所", 3, "个")]}, False),
    ],
    ids=["same-wording", "similar-wording", "other-unit", "other-measure"],
)
def test_uncovered_targets_cluster_across_plans(plans, shared):
    cmp = matrix(*(record(d, [target(m, v, u) for m, v, u in ts]) for d, ts in plans.items()))
    assert (len(cmp.rows) == 1) is shared
    assert all(r.kind == "cluster" for r in cmp.rows)


def test_one_plan_two_figures_never_share_a_row():
    cmp = matrix(record("甲区", [target("市级智慧校园示范校", 10, "所"), target("区级智慧校园示范校", 20, "所")]),
                 record("乙区", [target("区级智慧校园示范校", 15, "所")]))
    rows = {r.name: set(r.cells) for r in cmp.rows}
    assert rows == {"区级智慧校园示范校": {"甲区", "乙区"}, "市级智慧校园示范校": {"甲区"}}


def test_one_plan_same_figure_twice_shares_a_row():
    cmp = matrix(record("甲区", [target("公共财政教育支出占公共财政支出比例", 16, line=3),
                                target("公共财政教育支出占公共财政支出的比例", 16, line=30, year=2025)]))
    assert len(cmp.rows) == 1
    c = cmp.rows[0].cells["甲区"]
    assert (c.target["line"], [a["line"] for a in c.also]) == (30, [3])


def test_complete_linkage_keeps_a_chain_apart():
    # A~B and B~C score above the threshold, A~C does not: no row may hold all three
    a, b, c = "区级骨干教师工作室", "区级骨干教师工作站", "区级骨干教研工作站"
    s = StubAligner()
    assert s.pair_score({"metric": a}, {"metric": b}) >= 0.8 and s.pair_score({"metric": b}, {"metric": c}) >= 0.8
    assert s.pair_score({"metric": a}, {"metric": c}) < 0.8
    cmp = matrix(record("甲区", [target(a, 5, "个")]), record("乙区", [target(b, 6, "个")]), record("丙区", [target(c, 7, "个")]))
    assert max(len(r.cells) for r in cmp.rows) == 2


def test_baselines_never_make_rows():
    cmp = matrix(record("甲区", [target("区级书香校园", 10, "所", kind="baseline")]))
    assert cmp.rows == []


def test_only_shared_keeps_rows_of_two_plans(seeds):
    shared = matrix(*(gold_record(p) for p in sorted(GOLD.glob("*.json"))), min_plans=2)
    assert shared.rows and all(len(r.cells) >= 2 for r in shared.rows)
    assert len(shared.rows) < len(seeds.rows)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"甲区": ("教育经费", 10, "亿元", "="), "乙区": ("教育经费", 50000, "万元", "=")}, ["甲区"]),
        ({"甲区": ("义务教育巩固率", 97, "%", ">="), "乙区": ("义务教育巩固率", 97, "%", ">")}, ["乙区"]),
        ({"甲区": ("义务教育巩固率", 100, "%", "="), "乙区": ("义务教育巩固率", 100, "%", "=")}, []),
        ({"甲区": ("大班额比例", 5, "%", "<="), "乙区": ("大班额比例", 2, "%", "<=")}, ["乙区"]),
        ({"甲区": ("义务教育巩固率", 99, "%", "="), "乙区": ("义务教育巩固率", 99, "%", "="),
          "丙区": ("义务教育巩固率", 98, "%", "=")}, ["甲区", "乙区"]),
    ],
    ids=["unit-scaled", "stricter-comparator", "all-equal", "lower-is-better", "tie"],
)
def test_most_ambitious(cells, expected):
    cmp = matrix(*(record(d, [target(m, v, u, comp)]) for d, (m, v, u, comp) in cells.items()))
    assert cmp.rows[0].most_ambitious == expected


def test_stats_in_the_row_unit_with_range_lower_end():
    cmp = matrix(record("甲区", [target("教育经费", 10, "亿元")]), record("乙区", [target("教育经费", 50000, "万元")]),
                 record("丙区", [target("教育经费", 6, "亿元", "range", value_max=8)]))
    r = cmp.rows[0]
    assert r.unit == "亿元"
    assert (r.stats["min"], r.stats["median"], r.stats["max"]) == (5, 6, 10)


@pytest.mark.parametrize(
    ("name", "category"),
    [("“名师”大讲堂", "课堂"), ("教师培训专项资金", "资金"), ("区域教育发展联盟", "联盟"), ("读书会", "其他")],
    ids=["projects-toml-suffix", "outside-project-order", "extra-category", "other"],
)
def test_a_project_without_category_is_filed_by_the_suffix_of_its_name(name, category):
    assert M.project_category({"name": name, "category": None}, RULES) == category


def test_project_order_names_only_categories_of_projects_toml(tmp_path):
    (tmp_path / "compare.toml").write_text('project_order = ["讲座"]\n', encoding="utf-8")
    with pytest.raises(RulesError, match="compare.toml is invalid at project_order: 讲座 is no category of projects.toml"):
        M.compare_rules(RuleSet([tmp_path]))


# ------------------------------------------------------------------ plans and names

def test_plan_without_district_is_named_by_file_and_marked():
    cmp = matrix(record(None, [target("区级书香校园", 1, "所")], path="some/dir/plan-x.txt"))
    assert cmp.plans[0].key == "plan-x" and cmp.plans[0].name_from_file
    assert R.plan_header(cmp.plans[0], RULES) == "plan-x" + RULES.file_name_mark


def test_same_district_twice_gets_distinct_columns():
    cmp = matrix(record("甲区", [target("区级书香校园", 1, "所")], path="a/2021.txt"),
                 record("甲区", [target("区级书香校园", 2, "所")], path="b/2035.txt"))
    assert [p.key for p in cmp.plans] == ["甲区 (2021)", "甲区 (2035)"]


def test_same_text_under_two_names_is_extracted_once_and_kept_twice(tmp_path, capsys):
    text = "一、发展目标\n到2025年，全区学前教育毛入园率达到95%以上。\n"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    warnings: list[str] = []
    recs = inputs.load_records([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], jobs=1, warn=warnings.append)
    assert [r["source"]["path"] for _, r in recs] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert recs[0][1]["source"]["sha256"] == recs[1][1]["source"]["sha256"]
    assert any("1 of 2 plan texts repeat" in w for w in warnings)


def test_file_without_findings_is_left_out():
    warnings: list[str] = []
    plans = inputs.make_plans([("README.md", record(None, [], path="README.md"))], warnings.append)
    assert plans == [] and "left out" in warnings[0]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (json.dumps(record("甲区", [])), 1),
        (json.dumps([record("甲区", []), record("乙区", [])]), 2),
        (json.dumps(record("甲区", [])) + "\n" + json.dumps(record("乙区", [])) + "\n", 2),
    ],
    ids=["object", "array", "json-lines"],
)
def test_read_extract_json(text, count):
    assert len(inputs.read_extract_json("x.json", text)) == count


@pytest.mark.parametrize(
    ("text", "message"),
    [('{"schema": "plancmp.diff/1"}', "not plancmp extract output"), ("{oops", "not valid JSON"),
     ('{"schema": "plancmp.extract/1", "source": {"path": "a.txt"}, "error": "no such file"}', "failed extraction")],
    ids=["other-schema", "broken", "error-record"],
)
def test_read_extract_json_errors(text, message):
    with pytest.raises(PlancmpError, match=message):
        inputs.read_extract_json("x.json", text)


# ------------------------------------------------------------------ formats

@pytest.fixture(scope="module")
def small():
    return matrix(
        record("甲区", [target("学前教育毛入园率", 90, comparator=">=", year=2025, line=12,
                               baseline={"value": 85, "year": 2020}),
                        target("区级书香校园", 10, "所", line=20)],
               [{"name": "“领航”工程", "line": 30}, {"name": "智慧教育平台", "line": 31}]),
        record("乙区", [target("学前教育毛入园率", 95, line=7), target("区级书香校园", 5, "所", "range", value_max=8, line=9)],
               [{"name": "名校长培养计划", "line": 40, "category": "计划"}]),
    )


def test_cell_text_shows_comparator_year_baseline_and_line(small):
    c = row(small, "学前教育毛入园率").cells["甲区"]
    assert R.cell_text(c) == "≥90% (2025) 基线 85% (2020) L12"


def test_csv_matrix(small):
    out = R.comparison_text(small, "csv", bom=True)
    assert out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out[1:], newline="")))
    assert list(rows[0])[:2] == ["group", "row"] and list(rows[0])[-2:] == ["甲区", "乙区"]
    by_row = {r["row"]: r for r in rows}
    assert by_row["学前教育毛入园率"]["甲区"] == "≥90% (2025) 基线 85% (2020) L12"
    assert by_row["学前教育毛入园率"]["most_ambitious"] == "乙区"
    assert by_row["≈ 区级书香校园"]["乙区"] == "5–8所 L9"
    assert by_row["工程"]["甲区"] == "1: “领航”工程" and by_row["计划"]["group"] == R.PROJECTS_GROUP


def test_tsv_matrix(small):
    lines = R.comparison_text(small, "tsv").splitlines()
    assert lines[0].split("\t")[-2:] == ["甲区", "乙区"]
    assert len({line.count("\t") for line in lines}) == 1


def test_markdown_matrix(small):
    out = R.comparison_text(small, "md")
    assert "| 学前 | 学前教育毛入园率 | % | 2 |" in out
    assert "≥90% (2025)<br>基线 85% (2020)<br>L12" in out
    assert "## 项目(按类别)" in out


def test_json_cells_carry_full_target_record(small):
    d = json.loads(R.comparison_text(small, "json"))
    assert d["schema"] == "plancmp.compare/1"
    assert [p["key"] for p in d["plans"]] == ["甲区", "乙区"]
    r = next(r for r in d["rows"] if r["name"] == "学前教育毛入园率")
    cell = r["cells"]["甲区"]
    assert set(cell["target"]) >= {"metric", "value", "unit", "comparator", "line", "span", "text", "rule"}
    assert cell["target"]["baseline"]["value"] == 85 and cell["baseline"]["unit"] == "%"
    assert (r["plans"], r["min"], r["max"], r["most_ambitious"]) == (2, 90, 95, ["乙区"])
    assert {p["category"] for p in d["projects"]} == {"工程", "平台", "计划"}


def test_jsonl_one_object_per_line(small):
    lines = R.comparison_text(small, "jsonl").splitlines()
    objs = [json.loads(line) for line in lines]
    assert [o["type"] for o in objs] == ["plan", "plan", "indicator", "cluster", "projects", "projects", "projects"]


def test_xlsx_sheets_numbers_and_comments(small, tmp_path):
    import openpyxl

    path = tmp_path / "m.xlsx"
    R.write_xlsx(small, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["学前", RULES.cluster_group, "项目", "plans"]
    ws = wb["学前"]
    assert ws.freeze_panes == "B2"
    header = [c.value for c in ws[1]]
    assert header[0] == "指标" and header[-2:] == ["甲区", "乙区"]
    cell = ws.cell(row=2, column=header.index("甲区") + 1)
    assert cell.value == 90 and isinstance(cell.value, int)
    assert cell.number_format == '"≥"General"% (2025)"'
    assert "学前教育毛入园率90%。" in cell.comment.text and ":12" in cell.comment.text
    assert ws.cell(row=2, column=header.index("max") + 1).value == 95
    ws2 = wb[RULES.cluster_group]
    rng = ws2.cell(row=2, column=header.index("乙区") + 1)
    assert rng.value == 5 and rng.number_format == 'General"–8所"'
    proj = wb["项目"]
    assert [c.value for c in proj[1]][-2:] == ["甲区", "乙区"]
    assert {proj.cell(row=r, column=1).value for r in range(2, proj.max_row + 1)} == {"工程", "平台", "计划"}


@pytest.mark.parametrize(
    ("t", "fmt"),
    [(target("x", 90, comparator=">=", year=2025), '"≥"General"% (2025)"'), (target("x", 10, "所"), 'General"所"'),
     (target("x", 1, "所", "range", value_max=2), 'General"–2所"'), (target("x", 3, 'a"b'), 'General"ab"')],
    ids=["comparator-year", "plain", "range", "quote-in-unit"],
)
def test_number_format(t, fmt):
    assert R.number_format(t) == fmt


def test_terminal_pages_fit_the_width():
    from plancmp.cli.terminal import print_compare

    recs = [record(f"{n}区", [target("义务教育巩固率", 90 + n, line=n)]) for n in range(9)]
    cmp = matrix(*recs)
    out = io.StringIO()
    print_compare(cmp, file=out, width=100)
    text = out.getvalue()
    assert max(len(line) for line in text.splitlines()) <= 100 * 2  # CJK cells are two columns wide
    assert text.count("指标对比") >= 2 and "8区" in text and "0区" in text


# ------------------------------------------------------------------ CLI

@pytest.fixture
def stub_cli(monkeypatch):
    monkeypatch.setattr(M, "default_aligner", lambda rules: StubAligner())


def run_cli(args, capsys):
    from plancmp.cli import main

    with pytest.raises(SystemExit) as e:
        main(args)
    out = capsys.readouterr()
    return e.value.code, out.out, out.err


@pytest.fixture
def json_inputs(tmp_path):
    paths = []
    for d, v in (("甲区", 90), ("乙区", 95)):
        p = tmp_path / f"{d}.json"
        p.write_text(json.dumps(record(d, [target("学前教育毛入园率", v, line=3)])), encoding="utf-8")
        paths.append(str(p))
    return paths


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl", "md", "table"])
def test_cli_text_formats(fmt, json_inputs, stub_cli, capsys):
    code, out, err = run_cli(["compare", *json_inputs, "--format", fmt], capsys)
    assert (code, err) == (0, "")
    assert "学前教育毛入园率" in out and "乙区" in out


def test_cli_xlsx_needs_a_file_at_a_terminal(json_inputs, stub_cli, capsys, monkeypatch):
    monkeypatch.setattr(cli, "stdout_is_terminal", lambda: True)
    code, out, err = run_cli(["compare", *json_inputs, "--format", "xlsx"], capsys)
    assert code == 2 and out == ""
    assert err.startswith("Error: ") and "-o FILE.xlsx" in err


def test_cli_xlsx_to_file(json_inputs, stub_cli, capsys, tmp_path):
    import openpyxl

    path = tmp_path / "out.xlsx"
    code, _, err = run_cli(["compare", *json_inputs, "-f", "xlsx", "-o", str(path)], capsys)
    assert (code, err) == (0, "")
    assert openpyxl.load_workbook(path)["学前"]["B1"].value is not None


def test_cli_folder_of_json(json_inputs, stub_cli, capsys):
    code, out, _ = run_cli(["compare", str(Path(json_inputs[0]).parent), "-f", "json"], capsys)
    assert code == 0 and [p["key"] for p in json.loads(out)["plans"]] == ["乙区", "甲区"]


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--format", "pdf"], "unknown --format"), (["--only-shared", "--format", "json", "missing.json"], "no such file")],
    ids=["bad-format", "missing-file"],
)
def test_cli_errors(args, message, json_inputs, stub_cli, capsys):
    code, out, err = run_cli(["compare", *json_inputs, *args], capsys)
    assert code == 2 and out == "" and message in err and err.startswith("Error: ")


# ------------------------------------------------------------------ with diff's indicator table

def test_seed_matrix_with_the_indicator_table():
    """The issue's bar: every shared indicator of the seeds on one row, no row
    mixing two measures (gold targets, the real alias table and pair score)."""
    from plancmp.ruleset import default_rules

    plans = inputs.make_plans([(p.name, gold_record(p)) for p in sorted(GOLD.glob("*.json"))])
    cmp = M.compare(plans, M.default_aligner(default_rules()), RULES, min_plans=2)
    shared = {r.name: set(r.cells) for r in cmp.rows}
    # 鼓楼's 普惠学额覆盖率 is Fujian's name of the 普惠 share (of places, not children)
    for name, districts in {"学前教育毛入园率": {"丰台区", "迎泽区"}, "普惠性幼儿园覆盖率": {"丰台区", "迎泽区", "鼓楼区"},
                            "学前教育专任教师接受专业教育比例": {"丰台区", "迎泽区"}}.items():
        assert shared[name] == districts
    assert any("巩固率" in n and d == {"鼓楼区", "迎泽区"} for n, d in shared.items())
    assert not any("就近" in m for r in cmp.rows for m in r.metrics)  # 就近入学率 is not 入学率


@pytest.mark.parametrize(
    ("n", "width", "pages"),
    [(5, 200, [(0, 5, True)]),
     (5, 80, [(0, 0, True), (0, 2, False), (2, 4, False), (4, 5, False)]),
     (12, 160, [(0, 4, True), (4, 11, False), (11, 12, False)])],
    ids=["all-on-one", "narrow-figures-apart", "wide-three-pages"],
)
def test_terminal_pages(n, width, pages):
    got = [(r.start, r.stop, stats) for r, stats in R.terminal_pages(n, width)]
    assert got == pages


# ------------------------------------------------------------------ fields, units and years (real aligner)

@pytest.fixture(scope="module")
def green():
    """Three invented greening plans: other units of one dimension, other target years, a target no
    indicator covers."""
    def plan(district, targets):
        return record(district, targets) | {"meta": {**record(district, [])["meta"], "title": f"{district}绿化市容规划"}}

    recs = [plan("甲区", [target("新增绿地面积", 45, "公顷", year=2030), target("新建社区花园", 12, "座", year=2030)]),
            plan("乙区", [target("新增绿地面积", 60, "万平方米", year=2025), target("新建社区花园", 8, "座", year=2025)]),
            plan("丙区", [target("新增绿地面积", 300, "亩", year=2030)])]
    plans = inputs.make_plans([(r["source"]["path"], r) for r in recs])
    return M.compare(plans, M.default_aligner(default_rules()), RULES)


def test_plans_and_rows_carry_their_field(green):
    assert {p.field for p in green.plans} == {"绿化市容"}
    assert [(r.kind, r.stage, r.field) for r in green.rows] == [("indicator", "绿化市容", "绿化市容"),
                                                              ("cluster", "绿化市容", "绿化市容")]


def test_one_unit_per_row_converted_in_the_cell_written_in_the_comment(green):
    r = green.rows[0]
    assert r.unit == "公顷" and (r.stats["min"], r.stats["max"]) == (20, 60)  # 300亩 = 20公顷, 60万平方米 = 60公顷
    yi = r.cells["乙区"]
    assert yi.converted == {"value": 60.0, "value_max": None, "unit": "公顷"}
    assert R.cell_text(yi).startswith("≈60公顷 (2025)") and "原文 60万平方米 (2025)" in R.cell_comment(yi, green.plans[1])
    assert r.cells["甲区"].converted is None and r.most_ambitious == ["乙区"]


def test_year_columns_where_plans_differ(green):
    cols, rows = R.flat_rows(green)
    headers = [getattr(c, "header", None) or c.key for c in cols]
    assert "甲区 年份" in headers and "乙区 年份" in headers
    assert rows[0][R.year_key("乙区")] == 2025 and rows[0][R.year_key("甲区")] == 2030


def test_no_year_columns_when_plans_agree(small):
    assert not R.years_differ(small)
