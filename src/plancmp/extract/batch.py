"""Batch extraction: many plans, in parallel, results in input order.

Inputs are files, ``-`` (stdin) and folders. A folder stands for every plan
file below it: each ``*.txt``, ``*.html``/``*.htm``, ``*.docx`` and ``*.pdf``
file (any letter case), recursively, hidden files and folders skipped,
symbolic links to folders not followed, sorted by path. Not ``.json``: JSON
files in such a folder are usually plancmp's own output.

:func:`run` yields one :class:`Outcome` per input **in input order**, each as
soon as it and the ones before it are done, so output is byte-identical from
run to run whatever ``jobs`` is. With ``jobs > 1`` and more than one input the
work runs in worker processes (``concurrent.futures``); a single input never
pays for starting a pool. A file that cannot be read (or that trips an
internal error) becomes an Outcome with ``error`` set: it never stops the
batch.

Outcomes carry the rendered JSON text, so the workers also do the
serializing. An error record has the shape
``{"schema": "plancmp.extract/1", "source": {"path": …}, "error": "…"}``.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError, PlancmpError, UsageError
from ..models import SCHEMA_EXTRACT
from ..prepare import read
from ..prepare.clean import compiled_spinning
from ..ruleset import RuleSet, default_rules
from . import pipeline

Style = Literal["pretty", "line"]

#: file name endings (lower case) that a folder contributes: plan texts, web pages, Word and PDF files
PLAN_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
#: warning codes worth a line on stderr (the others are in the JSON)
STDERR_WARNINGS = frozenset({"empty", "decode-replaced", "mixed-encoding", "reader"})
#: how many jobs per worker may be queued ahead of the one being written
AHEAD_PER_WORKER = 4


def dump_json(obj: Any, style: Style) -> str:
    """JSON as plancmp prints it, Chinese kept as is: ``pretty`` (indent 1) or one ``line``."""
    if style == "pretty":
        return json.dumps(obj, ensure_ascii=False, indent=1)
    return json.dumps(obj, ensure_ascii=False)


def error_record(path: str, message: str) -> dict[str, Any]:
    """The record that stands in a batch's output for an input that failed."""
    return {"schema": SCHEMA_EXTRACT, "source": {"path": path}, "error": message}


@dataclass(frozen=True)
class Job:
    """One input of a batch."""

    index: int
    path: str  # as given or found in a folder; ``-`` is stdin
    out_name: str  # file name under ``-o DIR``
    data: bytes | None = None  # stdin, read by the parent process


@dataclass(frozen=True)
class Outcome:
    """What became of one input: rendered JSON, or an error message (then ``text`` is the error record)."""

    index: int
    path: str
    text: str
    error: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Settings:
    """What every job of one run shares; picklable, sent once to each worker."""

    style: Style = "pretty"
    encoding: str | None = None
    fmt: str | None = None  # the input format (``--from``); None: detected per file
    rule_dirs: tuple[Path, ...] = ()
    out_dir: Path | None = None


# ------------------------------------------------------------------ inputs

def plan_files(folder: Path, suffixes: tuple[str, ...] = PLAN_SUFFIXES) -> list[Path]:
    """The files below ``folder`` whose names end in ``suffixes`` (any letter case), hidden
    files and folders skipped, symbolic links to folders not followed, sorted by path.
    The one folder walk: extract asks for plan texts, compare for texts and extract JSON."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root, f) for f in files
                     if not f.startswith(".") and f.lower().endswith(suffixes))
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def expand(args: Sequence[str]) -> tuple[list[Job], bool]:
    """Jobs for the command-line inputs, and whether the output is ONE document.

    One document means a single argument that is not a folder: it prints as
    one object and a failure is a plain error. A folder always gives a
    stream (or array), however many files it holds.
    """
    jobs: list[Job] = []
    single = len(args) == 1 and not Path(args[0]).is_dir()
    for arg in args:
        if arg == "-":
            jobs.append(Job(index=len(jobs), path="-", out_name="stdin.json"))
            continue
        p = Path(arg)
        if p.is_dir():
            for f in plan_files(p):
                rel = f.relative_to(p).with_suffix(".json").as_posix()
                jobs.append(Job(index=len(jobs), path=str(f), out_name=rel))
            continue
        jobs.append(Job(index=len(jobs), path=arg, out_name=p.with_suffix(".json").name or "input.json"))
    if not jobs:
        shown = ", ".join(args)
        raise UsageError(f"no plan files (*.txt, *.html, *.docx, *.pdf) in {shown}; "
                         "give plan files or a folder that holds them")
    _check_out_names(jobs)
    return jobs, single


def _check_out_names(jobs: list[Job]) -> None:
    seen: dict[str, str] = {}
    for j in jobs:
        other = seen.setdefault(j.out_name, j.path)
        if other != j.path:
            raise UsageError(f"{other} and {j.path} would both be written as {j.out_name} under -o; "
                             "run them in separate batches or rename one")


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# ------------------------------------------------------------------ one job

def process(job: Job, settings: Settings, rules: RuleSet) -> Outcome:
    """Extract one input; never raises for bad input or a failing stage."""
    shown = "<stdin>" if job.path == "-" else job.path
    try:
        data = job.data if job.data is not None else read.read_bytes(job.path)
        raw = read.read_data(data, shown, settings.encoding, settings.fmt)
        result = pipeline.extract_raw(raw, rules).to_dict()
    except PlancmpError as e:
        return _failed(job, shown, e.message, settings)
    except RecursionError:
        return _failed(job, shown, "input too deeply nested to process; report it with the input file", settings)
    except Exception as e:  # a bug in a stage must not lose the other files
        if os.environ.get("PLANCMP_DEBUG"):
            raise
        return _failed(job, shown, f"internal error on {shown} ({type(e).__name__}: {e}); "
                                   "rerun with PLANCMP_DEBUG=1 and report it with the input file", settings)
    text = dump_json(result, settings.style)
    if settings.out_dir is not None:
        try:
            write_atomic(settings.out_dir / job.out_name, text + "\n")
        except PlancmpError as e:
            return _failed(job, shown, e.message, settings)
    warnings = tuple(w["message"] for w in result["warnings"] if w["code"] in STDERR_WARNINGS)
    return Outcome(index=job.index, path=shown, text=text, warnings=warnings)


def _failed(job: Job, shown: str, message: str, settings: Settings) -> Outcome:
    return Outcome(index=job.index, path=shown, text=dump_json(error_record(shown, message), settings.style), error=message)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` so that ``path`` is never seen half written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {e.strerror}; check -o DIR") from None


# ------------------------------------------------------------------ workers

_worker_rules: RuleSet | None = None
_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    """Per-worker set-up: ignore Ctrl-C (the parent handles it) and load the rules once."""
    global _worker_rules, _worker_settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_settings = settings
    if _worker_rules is None:  # not inherited from the parent by fork
        _worker_rules = make_rules(settings.rule_dirs)


def _work(job: Job) -> Outcome:
    assert _worker_rules is not None and _worker_settings is not None
    return process(job, _worker_settings, _worker_rules)


def make_rules(dirs: Sequence[Path]) -> RuleSet:
    """The rule set of a run: the built-in rules extended by ``dirs``."""
    return RuleSet(tuple(dirs)) if dirs else default_rules()


#: a small plan that takes every stage through its lazily built rules (headings, a sentence of
#: targets, an indicator table, a project) so the forked workers inherit them built
_WARM_TEXT = ("一、总体目标\n到2025年，学前教育毛入园率达到95%，新建学校10所，义务教育巩固率保持在99%以上。\n"
              "指标\t2020年\t2025年\t属性\n学前教育毛入园率(%)\t90\t≥95\t预期性\n"
              "二、主要任务\n（一）实施“强师工程”。每年培训教师1000人次。\n")


def _warm(rules: RuleSet) -> None:
    """Load the rules, dictionaries and compiled patterns once, before forking workers."""
    try:
        pipeline.extract_text(_WARM_TEXT, rules=rules)
        compiled_spinning(rules)  # compiled only when a plan shows spinning: compile it once here, not per worker
    except Exception:  # a failing stage shows up, per file, in the real run
        pass


def _pool(workers: int, settings: Settings, rules: RuleSet):  # -> ProcessPoolExecutor
    # stdlib, but ~15 ms to import: only a parallel run pays for it
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _worker_rules
    ctx = None
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        # fork: workers inherit the warm rules and imported stages and start in milliseconds
        ctx = multiprocessing.get_context("fork")
        _worker_rules = rules
        _warm(rules)
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(settings,))


def run(jobs: Sequence[Job], settings: Settings, workers: int, rules: RuleSet | None = None) -> Iterator[Outcome]:
    """Process ``jobs``; yield their outcomes in input order, each as soon as possible."""
    rules = rules if rules is not None else make_rules(settings.rule_dirs)
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield process(job, settings, rules)
        return
    yield from _run_parallel(jobs, settings, min(workers, len(jobs)), rules)


def _run_parallel(jobs: Sequence[Job], settings: Settings, workers: int, rules: RuleSet) -> Iterator[Outcome]:
    from concurrent.futures.process import BrokenProcessPool  # see _pool

    # stdin belongs to the parent: read it here, in input order
    jobs = [replace(j, data=read.read_bytes("-")) if j.path == "-" and j.data is None else j for j in jobs]
    pool = _pool(workers, settings, rules)
    pending: deque = deque()
    queue = iter(jobs)
    try:
        for job in queue:
            pending.append((job, pool.submit(_work, job)))
            if len(pending) >= workers * AHEAD_PER_WORKER:
                break
        while pending:
            job, fut = pending.popleft()
            try:
                out = fut.result()
            except BrokenProcessPool:
                # a worker died (killed, out of memory): this input fails, the others go on in a new pool
                out = _failed(job, job.path, "the worker process died while reading this file "
                                             "(out of memory?); try it alone with --jobs 1", settings)
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(workers, settings, rules)
                pending = deque((j, pool.submit(_work, j)) for j, _ in pending)
            yield out
            nxt = next(queue, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(_work, nxt)))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ------------------------------------------------------------------ records for compare

def extract_records(paths: Sequence[Path], encoding: str | None = None, rule_dirs: Sequence[Path] = (),
                    jobs: int | None = None, warn: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
    """The extract record of each plan text, in order, extracted in parallel; a
    text whose bytes repeat an earlier one's (the same plan under another name)
    is extracted once. A failure stops the run (InputError)."""
    unique: dict[str, int] = {}  # sha256 -> job index
    job_list: list[Job] = []
    job_of: list[int] = []  # per path: its job index
    for p in paths:
        data = read.read_bytes(str(p))
        sha = hashlib.sha256(data).hexdigest()
        if sha not in unique:
            unique[sha] = len(job_list)
            job_list.append(Job(index=len(job_list), path=str(p), out_name=f"{len(job_list)}.json", data=data))
        job_of.append(unique[sha])
    settings = Settings(style="line", encoding=encoding, rule_dirs=tuple(Path(d) for d in rule_dirs))
    results: dict[int, dict[str, Any]] = {}
    for out in run(job_list, settings, jobs if jobs is not None else default_jobs()):
        if out.error:
            raise InputError(out.error)
        for w in out.warnings:
            if warn:
                warn(w)
        results[out.index] = json.loads(out.text)
    if warn and len(job_list) < len(paths):
        warn(f"{len(paths) - len(job_list)} of {len(paths)} plan texts repeat an earlier one byte for byte; "
             "each still has its own column")
    return [{**results[j], "source": {**results[j]["source"], "path": str(p)}} for p, j in zip(paths, job_of)]
