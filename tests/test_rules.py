"""Rule tables: loading, validation, extension with --rules."""
from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from plancmp.errors import RulesError
from plancmp.ruleset import RuleSet, builtin_rules_dir, merge


class Words(BaseModel):
    words: list[str]
    weights: dict[str, int] = {}


@pytest.mark.parametrize(
    ("base", "extra", "want"),
    [([1], [2], [1, 2]), ({"a": 1}, {"b": 2}, {"a": 1, "b": 2}), ({"a": [1]}, {"a": [2]}, {"a": [1, 2]}), (1, 2, 2)],
    ids=["lists-append", "tables-merge", "nested-lists", "scalar-replaced"],
)
def test_merge(base, extra, want) -> None:
    assert merge(base, extra) == want


def test_every_builtin_table_is_valid_toml() -> None:
    rs = RuleSet()
    for p in sorted(builtin_rules_dir().glob("*.toml")):
        assert isinstance(rs.raw(p.stem), dict), p.name


def test_extra_dir_extends_a_table(tmp_path: Path) -> None:
    base = tmp_path / "base"
    extra = tmp_path / "extra"
    base.mkdir()
    extra.mkdir()
    (base / "w.toml").write_text('words = ["一"]\n', encoding="utf-8")
    (extra / "w.toml").write_text('words = ["二"]\n[weights]\n"二" = 2\n', encoding="utf-8")
    rs = RuleSet([extra])
    rs.__dict__["base_dir"] = base  # point the cached property at a test folder
    got = rs.table("w", Words)
    assert got.words == ["一", "二"] and got.weights == {"二": 2}


def test_invalid_table_says_where(tmp_path: Path) -> None:
    (tmp_path / "w.toml").write_text('words = "not a list"\n', encoding="utf-8")
    rs = RuleSet()
    rs.__dict__["base_dir"] = tmp_path
    with pytest.raises(RulesError, match=r"w\.toml is invalid at words"):
        rs.table("w", Words)


def test_missing_rules_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="rules folder not found"):
        RuleSet([tmp_path / "nope"])
