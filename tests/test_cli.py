"""The command line through its real entry point (a fresh ``python -m plancmp`` process).

Every bad input gives exactly one line on stderr, a non-zero exit code and
nothing on stdout; the messages are asserted word for word.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "beijing-haidian-2021-fragment.txt"
PLAN = "一、总体要求\n到2025年，学前教育毛入园率达到95%以上。\n二、主要任务\n新建中小学10所。\n"


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run(*args: str | Path, stdin: bytes | None = None, cwd: Path | None = None) -> Run:
    """``plancmp ARGS`` in a fresh process, as a user would run it."""
    env = {k: v for k, v in os.environ.items() if k != "PLANCMP_DEBUG"}
    p = subprocess.run([sys.executable, "-m", "plancmp", *map(str, args)], input=stdin if stdin is not None else b"",
                       capture_output=True, cwd=cwd, env=env, timeout=120)
    return Run(p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8"))


def run_all(cases: dict[str, tuple[str, ...]], cwd: Path) -> dict[str, Run]:
    """Run many command lines at once (each a fresh process); the suite stays fast."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(run, *args, cwd=cwd) for name, args in cases.items()}
        return {name: f.result() for name, f in futures.items()}


def make_inputs(d: Path) -> Path:
    """The files the cases below read, in folder ``d``."""
    (d / "empty-dir").mkdir()
    (d / "json-only").mkdir()
    (d / "json-only" / "a.json").write_text("{}", encoding="utf-8")
    (d / "scan.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00\x01\x02stream")
    (d / "latin1.txt").write_bytes("café crème brûlée à la carte".encode("latin-1"))
    (d / "utf16.txt").write_bytes(PLAN.encode("utf-16-le"))
    (d / "gbk.txt").write_bytes(PLAN.encode("gbk"))
    (d / "ok.txt").write_text(PLAN, encoding="utf-8")
    (d / "规划.txt").write_text(PLAN, encoding="utf-8")
    (d / "out-file").write_text("", encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    body = (PLAN * 100).encode("utf-8")
    cut = body.index("年".encode("utf-8"))
    (d / "few-bad.txt").write_bytes(body[:cut] + b"\xff" + body[cut:])
    return d


BAD = {  # name: (command line, the one line on stderr); exit 2 and nothing on stdout
    "missing": (("extract", "nope.txt"), "no such file: nope.txt; check the path"),
    "empty-dir": (("extract", "empty-dir"),
                  "no plan files (*.txt, *.html, *.docx, *.pdf) in empty-dir; give plan files or a folder that holds them"),
    "dir-without-txt": (("extract", "json-only"),
                        "no plan files (*.txt, *.html, *.docx, *.pdf) in json-only; give plan files or a folder that holds them"),
    "damaged-pdf": (("extract", "scan.pdf"),
               "scan.pdf is not a readable PDF (damaged or cut short); download it again, or open it in a PDF viewer and print it to a new PDF"),
    "wrong-encoding": (("extract", "gbk.txt", "--encoding", "utf-8"),
                       "gbk.txt is not valid utf-8 (byte 2); try --encoding utf-8 or --encoding gb18030"),
    "unknown-encoding": (("extract", "ok.txt", "--encoding", "klingon"),
                         "unknown encoding 'klingon'; try --encoding utf-8 or --encoding gb18030"),
    "bad-format": (("extract", "ok.txt", "--format", "xml"), "unknown --format 'xml' for extract; use json or jsonl"),
    "negative-jobs": (("extract", "ok.txt", "--jobs", "-1"), "--jobs must be 0 (one per core) or more, not -1"),
    "o-with-jsonl": (("extract", "ok.txt", "-o", "out", "--format", "jsonl"),
                     "-o writes one .json file per input; drop --format jsonl, or drop -o to stream JSON lines"),
    "o-is-a-file": (("extract", "ok.txt", "-o", "out-file"), "-o out-file is a file; give a folder for the JSON files"),
    "rules-missing": (("extract", "ok.txt", "--rules", "no-rules-here"),
                      "rules folder not found: no-rules-here; pass a folder of .toml rule tables to --rules"),
    "no-file": (("extract",), "Missing argument 'FILE_OR_DIR'; see `plancmp extract --help`"),
    "jobs-not-int": (("extract", "ok.txt", "--jobs", "many"),
                     "Invalid value for '--jobs' / '-j': Input should be a valid integer, unable to parse string as "
                     "an integer; see `plancmp extract --help`"),
    "unknown-command": (("frobnicate",), "No such command 'frobnicate'; see `plancmp --help`"),
}

GOOD = {  # name: command line
    "chinese-name": ("extract", "规划.txt"),
    "warnings": ("extract", "empty.txt", "few-bad.txt", "--format", "jsonl", "--jobs", "1"),
    "read-errors": ("extract", "nope.txt", "scan.pdf", "latin1.txt", "utf16.txt", "ok.txt", "--format", "jsonl",
                    "--jobs", "1"),
    "schema": ("schema",),
    "help": (),
    "version": ("--version",),
    "encoding-gbk": ("extract", "gbk.txt", "--encoding", "gbk"),
}


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    d = make_inputs(tmp_path_factory.mktemp("cli"))
    return run_all({**{k: v[0] for k, v in BAD.items()}, **GOOD}, d)


@pytest.mark.parametrize("name", list(BAD), ids=list(BAD))
def test_bad_input_is_one_line_on_stderr_and_nothing_on_stdout(ran: dict[str, Run], name: str) -> None:
    r = ran[name]
    assert (r.code, r.out, r.err) == (2, "", f"Error: {BAD[name][1]}\n")


def test_extract_prints_one_object_keeping_chinese(ran: dict[str, Run]) -> None:
    r = ran["chinese-name"]
    assert (r.code, r.err) == (0, "")
    assert "规划.txt" in r.out and "\\u" not in r.out
    doc = r.json()
    assert doc["schema"] == "plancmp.extract/1"
    assert doc["source"] == {"path": "规划.txt", "sha256": hashlib.sha256(PLAN.encode()).hexdigest(),
                             "encoding": "utf-8", "lines": 4, "format": "text", "reader": "plancmp", "pages": None}
    assert list(doc) == ["schema", "source", "meta", "sections", "targets", "projects", "warnings"]


def test_encoding_option_overrides_detection(ran: dict[str, Run]) -> None:
    r = ran["encoding-gbk"]
    assert (r.code, r.err) == (0, "")
    assert (r.json()["source"]["encoding"], r.json()["source"]["lines"]) == ("gbk", 4)


READ_ERRORS = [
    "no such file: nope.txt; check the path",
    "scan.pdf is not a readable PDF (damaged or cut short); download it again, or open it in a PDF viewer and print it to a new PDF",
    "cannot decode latin1.txt as UTF-8 or GB18030; try --encoding gbk, --encoding big5 or --encoding utf-16",
    "utf16.txt looks like UTF-16 text without a byte-order mark; try --encoding utf-16-le",
]


def test_every_unreadable_file_is_one_error_line_and_one_error_record(ran: dict[str, Run]) -> None:
    """The same messages as for a single input, in a batch: stderr lines, records with ``error``, exit 1."""
    r = ran["read-errors"]
    assert r.code == 1
    assert r.err.splitlines() == [f"Error: {m}" for m in READ_ERRORS] + [
        'Error: 4 of 5 inputs failed (their records carry an "error" field); exit code 1']
    records = [json.loads(line) for line in r.out.splitlines()]
    assert [d.get("error") for d in records] == [*READ_ERRORS, None]


ENCODED = [
    ("utf8.txt", PLAN.encode("utf-8"), "utf-8"),
    ("utf8-bom.txt", codecs.BOM_UTF8 + PLAN.encode("utf-8"), "utf-8-sig"),
    ("gbk.txt", PLAN.encode("gbk"), "gb18030"),
    ("gb18030.txt", (PLAN + "𠀀\n").encode("gb18030"), "gb18030"),
    ("utf16-le-bom.txt", PLAN.encode("utf-16"), "utf-16"),
    ("utf16-be-bom.txt", codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"), "utf-16"),
    ("crlf.txt", PLAN.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ("cr.txt", PLAN.replace("\n", "\r").encode("utf-8"), "utf-8"),
]


@pytest.fixture(scope="module")
def encoded(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """One batch over a file in each encoding (one process for all of them)."""
    d = tmp_path_factory.mktemp("enc")
    for name, data, _ in ENCODED:
        (d / name).write_bytes(data)
    return run("extract", *(n for n, _, _ in ENCODED), "--format", "jsonl", "--jobs", "1", cwd=d)


@pytest.mark.parametrize(("name", "encoding"), [(n, e) for n, _, e in ENCODED], ids=[n for n, _, _ in ENCODED])
def test_extract_detects_encodings_and_line_ends(encoded: Run, name: str, encoding: str) -> None:
    assert (encoded.code, encoded.err) == (0, "")
    docs = {d["source"]["path"]: d for d in map(json.loads, encoded.out.splitlines())}
    lines = 5 if name == "gb18030.txt" else 4
    assert (docs[name]["source"]["encoding"], docs[name]["source"]["lines"]) == (encoding, lines)


def test_dash_reads_stdin() -> None:
    r = run("extract", "-", stdin=PLAN.encode("gbk"))
    assert (r.code, r.err) == (0, "")
    assert (r.json()["source"]["path"], r.json()["source"]["encoding"]) == ("<stdin>", "gb18030")


def test_empty_file_and_a_few_bad_bytes_are_valid_results_with_a_warning(ran: dict[str, Run]) -> None:
    r = ran["warnings"]
    assert (r.code, r.err) == (0, "Warning: empty.txt is empty; nothing to extract\n"
                                  "Warning: 1 undecodable byte(s) in few-bad.txt replaced with U+FFFD; "
                                  "if the text looks wrong, try --encoding gb18030\n")
    empty, few_bad = map(json.loads, r.out.splitlines())
    assert (empty["source"]["lines"], empty["sections"], empty["targets"]) == (0, [], [])
    assert [w["code"] for w in empty["warnings"]] == ["empty"]
    assert [w["code"] for w in few_bad["warnings"]] == ["decode-replaced"]


def test_schema_prints_the_json_schema_of_extract(ran: dict[str, Run]) -> None:
    r = ran["schema"]
    assert (r.code, r.err) == (0, "")
    schema = r.json()
    assert schema["title"] == "ExtractResult"
    assert {"schema", "source", "meta", "sections", "targets", "projects", "warnings"} <= set(schema["properties"])
    assert {"Target", "Project", "Section", "Meta"} <= set(schema["$defs"])


def test_no_arguments_prints_help(ran: dict[str, Run]) -> None:
    assert (ran["help"].code, ran["help"].err) == (0, "")
    assert ran["help"].out.startswith("Usage: plancmp")


def test_version_prints_the_package_version(ran: dict[str, Run]) -> None:
    import importlib.metadata

    import plancmp

    assert (ran["version"].code, ran["version"].err, ran["version"].out) == (0, "", "plancmp 0.1.0\n")
    assert plancmp.__version__ == importlib.metadata.version("plancmp") == "0.1.0"  # one source: pyproject reads it


def test_closed_pipe_ends_quietly() -> None:
    p = subprocess.Popen([sys.executable, "-m", "plancmp", "extract", str(ROOT / "samples"), "--jobs", "1"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout is not None and p.stderr is not None
    p.stdout.readline()
    p.stdout.close()  # like `| head -1`
    err = p.stderr.read().decode("utf-8")
    p.wait(timeout=60)
    assert err == ""


def test_console_script_runs() -> None:
    script = Path(sys.executable).with_name("plancmp")
    if not script.exists():
        pytest.skip("plancmp console script not installed next to this python")
    p = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert (p.returncode, p.stderr) == (0, "")
    assert "extract" in p.stdout


def test_imports_load_nothing_heavy() -> None:
    """``import plancmp`` loads no library, no rules, no dictionary and no plancmp submodule; the CLI
    module adds only typer; the front door imports its module on first use."""
    code = ("import sys\nbefore = set(sys.modules)\nimport plancmp\nnew = set(sys.modules) - before\n"
            "import plancmp.cli\nheavy = {m.split('.')[0] for m in sys.modules} & {'jieba', 'pydantic', 'rich', "
            "'rapidfuzz', 'openpyxl'}\nprint(sorted(new), sorted(heavy))\n"
            "plancmp.build_diff\nprint('plancmp.comparison.diff' in sys.modules)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (p.returncode, p.stderr, p.stdout) == (0, "", "['plancmp'] []\nTrue\n")


FRONT_DOOR = [("extract_file", "plancmp.extract.pipeline"), ("extract_text", "plancmp.extract.pipeline"),
              ("load_plan", "plancmp.comparison.inputs"), ("build_diff", "plancmp.comparison.diff"),
              ("build_comparison", "plancmp.comparison.matrix")]


@pytest.mark.parametrize(("name", "module"), FRONT_DOOR, ids=[n for n, _ in FRONT_DOOR])
def test_the_front_door_names_the_library_functions(name: str, module: str) -> None:
    import importlib

    import plancmp

    assert getattr(plancmp, name) is getattr(importlib.import_module(module), name)
    assert name in dir(plancmp) and name in plancmp.__all__


def test_the_front_door_refuses_other_names() -> None:
    import plancmp

    with pytest.raises(AttributeError, match="no attribute 'segment'"):
        plancmp.segment  # noqa: B018
