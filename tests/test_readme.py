"""README documents every command and every option of the CLI."""
from __future__ import annotations

from pathlib import Path

import pytest
import typer

from plancmp.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(COMMANDS), ids=sorted(COMMANDS))
def test_command_is_documented(name: str) -> None:
    assert f"### `plancmp {name}" in README


OPTIONS = sorted({(name, opt) for name, cmd in COMMANDS.items() for p in cmd.params
                  for opt in getattr(p, "opts", []) if opt.startswith("--") and opt != "--help"})


@pytest.mark.parametrize(("command", "option"), OPTIONS, ids=[f"{c}{o}" for c, o in OPTIONS])
def test_option_is_documented(command: str, option: str) -> None:
    section = README.split(f"### `plancmp {command}", 1)[1].split("\n### ", 1)[0]
    shared = README.split("## Commands", 1)[1].split("\n### ", 1)[0]  # options every command takes
    assert any(f"`{option}" in text or f" {option}" in text for text in (section, shared)), \
        f"{command} {option} missing from README"


PKG = Path(__file__).resolve().parent.parent / "src" / "plancmp"
RULES = Path(__file__).resolve().parent.parent / "rules"
LAYOUT = README.split("## Layout", 1)[1].split("\n## ", 1)[0]


def _named(module: str) -> bool:
    """``x.py`` and ``pkg/x.py`` by path, a package by its folder (``pkg/``), and the files of a
    sub-subpackage by name in its folder's row (``extract/projects/``: ``lists.py`` …)."""
    folder, _, name = module.rpartition("/")
    if name == "__init__.py" and folder:
        return f"`{folder}/`" in LAYOUT
    if f"`{module}`" in LAYOUT:
        return True
    rows = [line for line in LAYOUT.splitlines() if f"`{folder}/`" in line]
    return folder.count("/") >= 1 and any(f"`{name}`" in row for row in rows)


@pytest.mark.parametrize("module", sorted(p.relative_to(PKG).as_posix() for p in PKG.rglob("*.py")))
def test_layout_names_every_module(module: str) -> None:
    """A newcomer finds every module of the package in README's layout."""
    assert _named(module), module


@pytest.mark.parametrize("table", sorted(p.name for p in RULES.iterdir() if p.suffix in (".toml", ".csv", ".txt")))
def test_layout_says_which_module_reads_every_rule_table(table: str) -> None:
    assert f"`{table}`" in LAYOUT, table
