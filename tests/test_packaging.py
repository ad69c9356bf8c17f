"""The wheel ships the rules: ``plancmp/rules/*`` in the wheel equals ``rules/`` byte for byte."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
IGNORED = {"__pycache__", ".DS_Store"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from this checkout with hatchling (the build backend of pyproject.toml)."""
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    p = subprocess.run([sys.executable, "-c", "import sys; from hatchling.build import build_wheel; "
                        "print(build_wheel(sys.argv[1]))", str(out)],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return out / p.stdout.strip().splitlines()[-1]


def repo_rules() -> dict[str, bytes]:
    return {p.relative_to(RULES).as_posix(): p.read_bytes() for p in sorted(RULES.rglob("*"))
            if p.is_file() and not IGNORED & set(p.relative_to(RULES).parts)}


def test_packaged_rules_equal_the_rules_folder(wheel: Path) -> None:
    prefix = "plancmp/rules/"
    with zipfile.ZipFile(wheel) as z:
        packaged = {n[len(prefix):]: z.read(n) for n in z.namelist() if n.startswith(prefix) and not n.endswith("/")}
    repo = repo_rules()
    assert sorted(packaged) == sorted(repo)
    assert [n for n in repo if packaged[n] != repo[n]] == []


def test_wheel_holds_the_package_and_the_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        entry_points = next(z.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert {"plancmp/__init__.py", "plancmp/cli/__init__.py", "plancmp/extract/pipeline.py", "plancmp/extract/batch.py"} <= names
    assert "plancmp = plancmp.cli:main" in entry_points
