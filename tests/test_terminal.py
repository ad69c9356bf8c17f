"""The terminal layer: the library builds plain tables, only plancmp.cli.terminal (CLI) draws them with rich."""
from __future__ import annotations

import ast
import io
import subprocess
import sys
from pathlib import Path

import pytest

import plancmp
from plancmp.output.writers import TableColumn, TableRow, TextTable

SRC = Path(plancmp.__file__).parent


def test_library_imports_neither_rich_nor_typer() -> None:
    code = ("import sys\nimport plancmp.comparison.diff, plancmp.output.diff_report, plancmp.comparison.matrix,"
            " plancmp.output.matrix_report, plancmp.output.writers, plancmp.extract.pipeline\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'typer'}))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (p.returncode, p.stderr, p.stdout) == (0, "", "[]\n")


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize(("library", "allowed"), [("rich", {"cli/terminal.py"}), ("typer", {"cli/__init__.py"})],
                         ids=["rich-only-in-terminal", "typer-only-in-cli"])
def test_only_the_cli_layer_names_rich_or_typer(library: str, allowed: set[str]) -> None:
    users = {p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py") if library in _imported_roots(p)}
    assert users <= allowed


def test_terminal_is_imported_only_by_the_cli() -> None:
    users = {p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py") if p.name != "terminal.py"
             and any(isinstance(n, ast.ImportFrom) and n.module == "terminal" and n.level == 1
                     for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))}
    assert users == {"cli/__init__.py"}


def _draw(table: TextTable, width: int = 60) -> str:
    from rich.console import Console

    from plancmp.cli.terminal import rich_table

    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(rich_table(table))
    return console.file.getvalue()


def test_rich_table_keeps_sections_and_pads_heading_rows() -> None:
    from plancmp.cli.terminal import rich_table

    t = TextTable("标题", (TableColumn("指标", min_width=8, overflow="fold"), TableColumn("n", justify="right")),
                  (TableRow(("学前",), heading=True), TableRow(("入园率", "2")),
                   TableRow(("义务",), section=True, heading=True), TableRow(("巩固率", "3"))))
    rt = rich_table(t)
    assert rt.row_count == 4
    assert [r.end_section for r in rt.rows] == [False, True, False, False]
    assert [c.justify for c in rt.columns] == ["left", "right"]
    text = _draw(t)
    assert "巩固率" in text and "[bold]" not in text


def test_section_on_the_first_row_draws_no_rule() -> None:
    plain = TextTable(None, (TableColumn("a"),), (TableRow(("x",)), TableRow(("y",))))
    flagged = TextTable(None, (TableColumn("a"),), (TableRow(("x",), section=True), TableRow(("y",))))
    assert _draw(plain) == _draw(flagged)
