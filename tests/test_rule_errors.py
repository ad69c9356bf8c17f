"""A broken pattern in a ``--rules`` table is a user error that names the table and the field.

Each case runs ``plancmp extract`` in a fresh process with one table in a ``--rules``
folder whose pattern does not compile: exit 2, nothing on stdout, and exactly
one line on stderr, asserted word for word (never "internal error … report it").
"""
from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAN = "一、总体要求\n到2025年，学前教育毛入园率达到95%以上。\n"


def builtin_count(table: str, key: str) -> int:
    """How many entries the built-in table lists under ``key``: an extra table's entries are appended after them."""
    with (ROOT / "rules" / f"{table}.toml").open("rb") as f:
        return len(tomllib.load(f)[key])


def not_a_regex(why: str, pattern: str) -> str:
    return f"not a valid regular expression ({why}): {pattern!r}"


HEADINGS_KINDS = builtin_count("headings", "kinds")
NOISE_LINES = builtin_count("noise", "line")
EXCLUSIONS = builtin_count("exclusions", "rule")

CASES = {  # name: (table, its text in the --rules folder, the one line on stderr)
    "headings-scalar": (
        "headings", "[title]\nstop = '[。(;'\n",
        "Error: rules table headings.toml is invalid at title.stop: "
        + not_a_regex("unterminated character set at position 0", "[。(;")),
    "headings-list": (
        "headings", "[[kinds]]\nname = 'broken'\nrank = 9\npattern = '第(?P<num>\\d'\n",
        f"Error: rules table headings.toml is invalid at kinds.{HEADINGS_KINDS}.pattern: "
        + not_a_regex("missing ), unterminated subpattern at position 1", "第(?P<num>\\d")),
    "noise": (
        "noise", "[[line]]\nkind = 'x'\nlabel = 'x'\npattern = '分享(到'\n",
        f"Error: rules table noise.toml is invalid at line.{NOISE_LINES}.pattern: "
        + not_a_regex("missing ), unterminated subpattern at position 2", "分享(到")),
    "exclusions": (
        "exclusions", "[[rule]]\nname = 'school-code'\nbefore = '编号(\\s*$'\n",
        f"Error: rules table exclusions.toml is invalid at rule.{EXCLUSIONS}.before: "
        + not_a_regex("missing ), unterminated subpattern at position 2", "编号(\\s*$")),
}


def run_extract(folder: Path) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PLANCMP_DEBUG"}
    p = subprocess.run([sys.executable, "-m", "plancmp", "extract", "plan.txt", "--rules", str(folder)],
                       capture_output=True, cwd=folder.parent, env=env, timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str, str]]:
    d = tmp_path_factory.mktemp("rule-errors")
    (d / "plan.txt").write_text(PLAN, encoding="utf-8")
    for name, (table, text, _) in CASES.items():
        (d / name).mkdir()
        (d / name / f"{table}.toml").write_text(text, encoding="utf-8")
    with ThreadPoolExecutor(max_workers=4) as pool:  # fresh processes, at once: the suite stays fast
        futures = {name: pool.submit(run_extract, d / name) for name in CASES}
        return {name: f.result() for name, f in futures.items()}


@pytest.mark.parametrize("name", list(CASES))
def test_broken_pattern_names_table_and_field(ran: dict[str, tuple[int, str, str]], name: str) -> None:
    assert ran[name] == (2, "", CASES[name][2] + "\n")
