"""Batch extraction: folders, order, parallel workers, failures that never stop the batch."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from plancmp.errors import UsageError
from plancmp.extract import batch
from plancmp.extract.batch import Job, Settings, expand, plan_files

from .test_cli import PLAN, Run, run_all


def _tree(d: Path) -> Path:
    """A corpus folder: nested plans, a hidden file, a non-plan file, an upper-case suffix."""
    (d / "b-district").mkdir(parents=True)
    (d / ".git").mkdir()
    (d / "a.txt").write_text(PLAN, encoding="utf-8")
    (d / "b-district" / "plan.TXT").write_bytes(PLAN.encode("gbk"))
    (d / "b-district" / "notes.json").write_text("{}", encoding="utf-8")
    (d / ".hidden.txt").write_text(PLAN, encoding="utf-8")
    (d / ".git" / "x.txt").write_text(PLAN, encoding="utf-8")
    (d / "c.txt").write_text("第二份" + PLAN, encoding="utf-8")
    return d


def test_folder_expands_to_its_plan_files_sorted(tmp_path: Path) -> None:
    d = _tree(tmp_path / "corpus")
    (d / "loop").symlink_to(d, target_is_directory=True)
    assert [p.relative_to(d).as_posix() for p in plan_files(d)] == ["a.txt", "b-district/plan.TXT", "c.txt"]


@pytest.mark.parametrize(
    ("args", "single", "names"),
    [
        (["corpus/a.txt"], True, ["a.json"]),
        (["-"], True, ["stdin.json"]),
        (["corpus"], False, ["a.json", "b-district/plan.json", "c.json"]),
        (["corpus/c.txt", "corpus/a.txt"], False, ["c.json", "a.json"]),
        (["missing.txt"], True, ["missing.json"]),
    ],
    ids=["one-file", "stdin", "folder", "files-in-given-order", "missing-file-is-still-a-job"],
)
def test_expand_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], single: bool,
                       names: list[str]) -> None:
    _tree(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    jobs, one = expand(args)
    assert (one, [j.out_name for j in jobs], [j.index for j in jobs]) == (single, names, list(range(len(names))))


def test_two_inputs_writing_the_same_json_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path / "x")
    _tree(tmp_path / "y")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match=r"^x/a.txt and y/a.txt would both be written as a.json under -o"):
        expand(["x/a.txt", "y/a.txt"])


def test_results_stream_before_later_inputs_are_read(tmp_path: Path) -> None:
    first, second = tmp_path / "1.txt", tmp_path / "2.txt"
    first.write_text(PLAN, encoding="utf-8")
    outcomes = batch.run([Job(0, str(first), "1.json"), Job(1, str(second), "2.json")], Settings(style="line"), 1)
    assert next(outcomes).ok
    second.write_text(PLAN, encoding="utf-8")  # exists only after the first result came out
    assert next(outcomes).ok


def test_an_internal_error_in_one_file_becomes_its_error_record(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from plancmp.extract import pipeline

    def broken(raw, rules=None, timings=None):  # noqa: ANN001, ANN202
        raise ValueError("stage exploded")

    monkeypatch.delenv("PLANCMP_DEBUG", raising=False)
    monkeypatch.setattr(pipeline, "extract_raw", broken)
    (tmp_path / "a.txt").write_text(PLAN, encoding="utf-8")
    out = batch.process(Job(0, str(tmp_path / "a.txt"), "a.json"), Settings(style="line"), batch.make_rules(()))
    message = (f"internal error on {tmp_path / 'a.txt'} (ValueError: stage exploded); "
               "rerun with PLANCMP_DEBUG=1 and report it with the input file")
    assert out.error == message
    assert json.loads(out.text) == {"schema": "plancmp.extract/1", "source": {"path": str(tmp_path / "a.txt")},
                                    "error": message}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="worker inherits the patched stage through fork")
def test_a_worker_that_dies_fails_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plancmp.extract import pipeline

    real = pipeline.extract_raw

    def dies_on_poison(raw, rules=None, timings=None):  # noqa: ANN001, ANN202
        if raw.path.endswith("poison.txt"):
            os._exit(9)  # like the kernel's OOM killer
        return real(raw, rules, timings)

    monkeypatch.setattr(pipeline, "extract_raw", dies_on_poison)
    names = ["a.txt", "poison.txt", "c.txt", "d.txt"]
    for n in names:
        (tmp_path / n).write_text(PLAN, encoding="utf-8")
    jobs = [Job(i, str(tmp_path / n), n) for i, n in enumerate(names)]
    outcomes = list(batch.run(jobs, Settings(style="line"), 2))
    assert [o.index for o in outcomes] == [0, 1, 2, 3]
    assert [o.ok for o in outcomes][1] is False
    assert "worker process died" in (outcomes[1].error or "")


def test_parallel_run_gives_the_same_outcomes_in_input_order(tmp_path: Path) -> None:
    d = _tree(tmp_path / "corpus")
    jobs, _ = expand([str(d), str(tmp_path / "missing.txt"), str(d / "a.txt")])
    one = list(batch.run(jobs, Settings(style="line"), 1))
    two = list(batch.run(jobs, Settings(style="line"), 2))
    assert [(o.index, o.text, o.error) for o in two] == [(o.index, o.text, o.error) for o in one]
    assert [o.ok for o in two] == [True, True, True, False, True]


# ------------------------------------------------------------------ through the command line

@pytest.fixture(scope="module")
def corpus_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    d = tmp_path_factory.mktemp("batch")
    _tree(d / "corpus")
    (d / "corpus" / "z-binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    return run_all({
        "jsonl-1": ("extract", "corpus", "missing.txt", "--format", "jsonl", "--jobs", "1"),
        "jsonl-2": ("extract", "corpus", "missing.txt", "--format", "jsonl", "--jobs", "2"),
        "json-1": ("extract", "corpus", "--jobs", "1"),
        "json-2": ("extract", "corpus", "--jobs", "2"),
        "out-dir": ("extract", "corpus", "-o", "out", "--jobs", "2"),
        "single": ("extract", "corpus/b-district/plan.TXT"),
    }, d) | {"dir": Run(0, str(d), "")}


BATCH_ERRORS = (
    "Error: corpus/z-binary.txt looks like a binary file, not a plan text, web page, .docx or PDF; "
    "convert it to one of these first\n"
    "Error: no such file: missing.txt; check the path\n"
    'Error: 2 of 5 inputs failed (their records carry an "error" field); exit code 1\n'
)


def test_jsonl_batch_has_one_record_per_input_in_order_and_exit_1(corpus_runs: dict[str, Run]) -> None:
    r = corpus_runs["jsonl-1"]
    assert (r.code, r.err) == (1, BATCH_ERRORS)
    records = [json.loads(line) for line in r.out.splitlines()]
    assert [d["source"]["path"] for d in records] == [
        "corpus/a.txt", "corpus/b-district/plan.TXT", "corpus/c.txt", "corpus/z-binary.txt", "missing.txt"]
    assert [d.get("error") is not None for d in records] == [False, False, False, True, True]
    assert records[4] == {"schema": "plancmp.extract/1", "source": {"path": "missing.txt"},
                          "error": "no such file: missing.txt; check the path"}


@pytest.mark.parametrize("fmt", ["jsonl", "json"], ids=["jsonl", "json"])
def test_output_is_byte_identical_whatever_the_number_of_jobs(corpus_runs: dict[str, Run], fmt: str) -> None:
    one, two = corpus_runs[f"{fmt}-1"], corpus_runs[f"{fmt}-2"]
    assert (two.code, two.out, two.err) == (one.code, one.out, one.err)


def test_folder_in_json_format_is_one_array(corpus_runs: dict[str, Run]) -> None:
    r = corpus_runs["json-1"]
    docs = json.loads(r.out)
    assert r.code == 1
    assert [d["source"]["path"] for d in docs] == [
        "corpus/a.txt", "corpus/b-district/plan.TXT", "corpus/c.txt", "corpus/z-binary.txt"]


def test_out_dir_gets_one_json_per_input_equal_to_single_extract(corpus_runs: dict[str, Run]) -> None:
    r, d = corpus_runs["out-dir"], Path(corpus_runs["dir"].out)
    assert (r.code, r.out) == (1, "")
    written = sorted(p.relative_to(d / "out").as_posix() for p in (d / "out").rglob("*.json"))
    assert written == ["a.json", "b-district/plan.json", "c.json"]
    assert (d / "out" / "b-district" / "plan.json").read_text(encoding="utf-8") == corpus_runs["single"].out
