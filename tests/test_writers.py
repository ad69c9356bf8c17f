"""The shared tabular writers: every format read back by its own parser."""
from __future__ import annotations

import csv
import io
import json
import sys

import pytest

from plancmp.output.writers import (
    OutputColumn,
    Sheet,
    SheetCell,
    format_value,
    text_table,
    to_csv,
    to_jsonl,
    to_markdown,
    to_tsv,
    to_xlsx,
    xlsx_sheet_name,
)

COLUMNS = ["指标", "甲区", "乙区"]
ROWS = [
    {"指标": "学前教育毛入园率", "甲区": SheetCell(90, "≥90% (2025)", "到2025年毛入园率达到90%以上。"), "乙区": 95.5},
    {"指标": "含,逗号|竖线", "甲区": "两行\n文字", "乙区": None},
    {"指标": "新增学位", "甲区": 8000.0, "乙区": [1, "二"]},
]


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (100.0, "100"), (99.02, "99.02"), (True, "true"), ([1, 2.5], "1; 2.5"),
     (SheetCell(90, "≥90%"), "≥90%"), (SheetCell(90), "90"), ("文字", "文字")],
    ids=["none", "integral-float", "decimal", "bool", "list", "cell-text", "cell-value", "str"],
)
def test_format_value(value, text):
    assert format_value(value) == text


def test_csv_round_trips_through_csv_reader():
    out = to_csv(ROWS, COLUMNS)
    got = list(csv.reader(io.StringIO(out, newline="")))
    assert got == [
        COLUMNS,
        ["学前教育毛入园率", "≥90% (2025)", "95.5"],
        ["含,逗号|竖线", "两行\n文字", ""],
        ["新增学位", "8000", "1; 二"],
    ]


def test_csv_bom_only_when_asked():
    assert to_csv(ROWS, COLUMNS, bom=True).startswith("\ufeff指标,")
    assert to_csv(ROWS, COLUMNS).startswith("指标,")


def test_csv_uses_column_headers():
    out = to_csv([{"k": 1}], [OutputColumn("k", "标题")])
    assert out == "标题\r\n1\r\n"


def test_tsv_one_line_per_row_without_tabs_in_cells():
    out = to_tsv(ROWS + [{"指标": "a\tb"}], COLUMNS)
    lines = out.splitlines()
    assert len(lines) == 5
    assert lines[2] == "含,逗号|竖线\t两行 文字\t"
    assert lines[4] == "a b\t\t"
    assert all(line.count("\t") == 2 for line in lines)


def test_markdown_escapes_pipes_and_newlines():
    out = to_markdown(ROWS, COLUMNS)
    lines = out.splitlines()
    assert lines[0] == "| 指标 | 甲区 | 乙区 |"
    assert lines[1] == "| --- | --- | --- |"
    assert lines[3] == "| 含,逗号\\|竖线 | 两行<br>文字 |  |"
    assert all(line.count(" | ") == 2 for line in lines[2:] if "\\|" not in line)


def test_jsonl_one_object_per_line_with_chinese_kept():
    out = to_jsonl([{"a": "甲"}, {"b": SheetCell(1.5, "x")}])
    assert out == '{"a": "甲"}\n{"b": 1.5}\n'
    assert [json.loads(line) for line in out.splitlines()] == [{"a": "甲"}, {"b": 1.5}]


def test_jsonl_empty_is_empty():
    assert to_jsonl([]) == ""


def test_xlsx_reopened_has_numbers_comments_and_frozen_header(tmp_path):
    import openpyxl

    path = tmp_path / "out.xlsx"
    fmt = '"≥"0.##"%"'
    rows = [dict(ROWS[0], 甲区=SheetCell(90, "≥90% (2025)", "到2025年毛入园率达到90%以上。", fmt))] + ROWS[1:]
    to_xlsx([Sheet("学前", COLUMNS, rows, frozen_columns=1), Sheet("义务/高中", COLUMNS, [])], path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["学前", "义务_高中"]
    ws = wb["学前"]
    assert [c.value for c in ws[1]] == COLUMNS
    assert ws.freeze_panes == "B2" and wb["义务_高中"].freeze_panes == "A2"
    assert ws["B2"].value == 90 and isinstance(ws["B2"].value, int)
    assert ws["B2"].number_format == fmt
    assert ws["B2"].comment is not None and ws["B2"].comment.text == "到2025年毛入园率达到90%以上。"
    assert ws["C2"].value == 95.5
    assert ws["C3"].value is None
    assert ws["B3"].value == "两行\n文字"
    assert ws["B4"].value == 8000 and ws["C4"].value == "1; 二"
    assert ws["A1"].font.bold


def test_xlsx_into_missing_folder_is_a_user_error(tmp_path):
    from plancmp.errors import PlancmpError

    with pytest.raises(PlancmpError, match="cannot write"):
        to_xlsx([Sheet("s", ["a"], [{"a": 1}])], tmp_path / "no" / "such" / "dir.xlsx")


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [("学前", set(), "学前"), ("a/b:c", set(), "a_b_c"), ("x" * 40, set(), "x" * 31),
     ("学前", {"学前"}, "学前 (2)"), ("", set(), "Sheet")],
    ids=["plain", "bad-chars", "too-long", "duplicate", "empty"],
)
def test_sheet_names_are_valid_and_unique(name, taken, expected):
    assert xlsx_sheet_name(name, set(taken)) == expected


def test_text_table_has_sections_between_groups():
    rows = [{"g": "学前", "m": "入园率"}, {"g": "学前", "m": "普惠率"}, {"g": "义务", "m": "巩固率"}]
    t = text_table(rows, ["g", OutputColumn("m", "指标")], title="t", group_key="g")
    assert [c.title for c in t.columns] == ["g", "指标"]
    assert [r.cells for r in t.rows] == [("学前", "入园率"), ("学前", "普惠率"), ("义务", "巩固率")]
    assert [r.section for r in t.rows] == [False, False, True]


def test_importing_render_loads_no_heavy_library():
    import subprocess

    code = "import plancmp.output.writers, sys; print(any(m in sys.modules for m in ('openpyxl', 'rich.table')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
