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
