"""The command line: thin commands over the library.

Every error reaches the user as one line, ``Error: …``, on stderr with exit
code 2; for one input nothing is written to stdout until the whole output is
ready. A batch (several inputs, or a folder) streams one result per input, in
input order, and exits 1 when some inputs failed (see :mod:`plancmp.extract.batch`).
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from textwrap import indent
from typing import Annotated, Optional

import typer

from ..errors import ExitCode, InputError, PlancmpError, UsageError

# rich_markup_mode=None: plain click help; rich formatting would cost ~0.1 s on every `--help`
app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None,
                  help="Extract and compare the numeric targets, projects and structure of Chinese education plans.")

RulesOpt = Annotated[Optional[list[Path]], typer.Option("--rules", help="Folder of extra rule tables (.toml) that extend the built-in rules; repeatable.")]
EncodingOpt = Annotated[Optional[str], typer.Option("--encoding", help="Input encoding (utf-8, gb18030, gbk, utf-16 …); detected when not given.")]
FromOpt = Annotated[Optional[str], typer.Option("--from", help="Read the input as text, html, docx or pdf; detected from each file's content when not given.", metavar="FORMAT")]


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        print(f"plancmp {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print plancmp's version and exit.")] = False,
) -> None:
    """Options that come before the command (``plancmp --version``)."""


def _rules(dirs: list[Path] | None):
    from ..extract.batch import make_rules

    return make_rules(dirs or ())


def write_file(path: Path, data: str | bytes) -> None:
    """Write finished output (text as UTF-8, or bytes) to ``path``."""
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="")
    except OSError as e:
        raise UsageError(f"cannot write {path}: {e.strerror or e}; check the folder exists and is writable") from None


def stdout_is_terminal() -> bool:
    """Whether stdout is a terminal (False when it cannot tell)."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def emit(text: str) -> None:
    """Write finished output to stdout in one go."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Plan text files or folders (a folder stands for every *.txt file below it, sorted by path); - reads stdin.", metavar="FILE_OR_DIR")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json: one object for one file, an array for several files or a folder; jsonl: one object per line, each written as soon as it is ready.")] = "json",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write one NAME.json per input into this folder (created if needed; a folder's layout is kept) instead of stdout.", metavar="DIR")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Files processed in parallel (worker processes); default: the number of cores.", metavar="N")] = None,
    encoding: EncodingOpt = None,
    rules: RulesOpt = None,
    explain: Annotated[Optional[int], typer.Option("--explain", help="Show how the targets on this original line were read, instead of JSON.", metavar="LINE")] = None,
    from_: FromOpt = None,
    review: Annotated[bool, typer.Option("--review", help="List the target records a person should check first (lowest confidence first, with their doubts), instead of JSON; --format table (default at a terminal), json, jsonl, csv, tsv or md.")] = False,
    limit: Annotated[Optional[int], typer.Option("--limit", help="With --review: list at most N records.", metavar="N", min=1)] = None,
) -> int:
    """Segment plans and extract their metadata, sections, targets and projects as JSON.

    Several inputs run as a batch, output in input order: an input that
    cannot be read is reported on stderr and stands in the output as
    {"schema", "source": {"path"}, "error"}; the others go on.
    Exit codes: 0 all inputs read; 1 some inputs of a batch failed;
    2 bad usage, or the single input could not be read.
    """
    from ..extract import batch

    if review:
        _check_input_options(encoding, from_)
        return _review(files, fmt, encoding, rules, limit, from_)
    if limit is not None:
        raise UsageError("--limit goes with --review")
    if fmt not in ("json", "jsonl"):
        raise UsageError(f"unknown --format {fmt!r} for extract; use json or jsonl")
    if jobs is not None and jobs < 0:
        raise UsageError(f"--jobs must be 0 (one per core) or more, not {jobs}")
    if output is not None and fmt != "json":
        raise UsageError("-o writes one .json file per input; drop --format jsonl, or drop -o to stream JSON lines")
    _check_input_options(encoding, from_)
    if explain is not None:
        return _explain(files, encoding, rules, explain, from_)
    todo, single = batch.expand(files)
    rs = _rules(rules)
    if output is not None:
        _output_dir(output)
    settings = batch.Settings(style="line" if fmt == "jsonl" else "pretty", encoding=encoding, fmt=from_,
                              rule_dirs=tuple(rules or ()), out_dir=output)
    outcomes = batch.run(todo, settings, jobs or batch.default_jobs(), rs)
    if single:
        done = next(outcomes)
        if done.error is not None:
            raise InputError(done.error)
        _warn(done)
        if output is None:
            emit(done.text)
        return ExitCode.OK
    return _write_batch(outcomes, len(todo), fmt, to_stdout=output is None)


def _check_input_options(encoding: str | None, fmt: str | None) -> None:
    from ..prepare.read import check_encoding, check_format

    if encoding is not None:
        check_encoding(encoding)
    check_format(fmt)


def _explain(files: list[str], encoding: str | None, rules: list[Path] | None, line: int, fmt: str | None) -> int:
    from ..extract.explain import explain_line
    from ..extract.pipeline import extract_file

    rs = _rules(rules)
    emit("\n\n".join(explain_line(extract_file(f, encoding=encoding, rules=rs, fmt=fmt), line, rs) for f in files))
    return ExitCode.OK


def _review(files: list[str], fmt: str, encoding: str | None, rules: list[Path] | None, limit: int | None,
            from_: str | None = None) -> int:
    from ..extract.batch import expand
    from ..extract.pipeline import extract_file
    from ..output.review_report import FORMATS, render_review, review_rows, review_table

    tty = stdout_is_terminal()
    fmt = "table" if fmt == "json" and tty else fmt  # json is the default of extract: a terminal gets the table
    if fmt not in FORMATS:
        raise UsageError(f"unknown --format {fmt!r} for --review; use one of {', '.join(FORMATS)}")
    rs = _rules(rules)
    jobs, _ = expand(files)
    rows = review_rows([extract_file(j.path, encoding=encoding, rules=rs, fmt=from_) for j in jobs], limit)
    if fmt == "table":
        from .terminal import render_text_table

        emit(render_text_table(review_table(rows), width=os.get_terminal_size().columns if tty else 160, color=tty))
    else:
        emit(render_review(rows, fmt))
    return ExitCode.OK


def _output_dir(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise UsageError(f"-o {path} is a file; give a folder for the JSON files")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"cannot create {path}: {e.strerror}; give a folder you can write to") from None


def _warn(done) -> None:  # done: batch.Outcome
    for message in done.warnings:
        print(f"Warning: {message}", file=sys.stderr)


def _write_batch(outcomes, total: int, fmt: str, to_stdout: bool) -> int:
    """Write each outcome as it comes (a JSON line, or an element of one array); count failures."""
    failed = 0
    n = 0
    with _progress(total, to_stdout) as advance:
        for done in outcomes:
            if done.error is not None:
                failed += 1
                _error(done.error)
            _warn(done)
            if to_stdout:
                text = done.text + "\n" if fmt == "jsonl" else ("[\n" if n == 0 else ",\n") + indent(done.text, " ")
                sys.stdout.write(text)
                sys.stdout.flush()
            n += 1
            advance()
    if to_stdout and fmt == "json":
        emit("\n]" if n else "[]")
    if failed:
        _error(f"{failed} of {total} inputs failed (their records carry an \"error\" field); exit code 1")
        return ExitCode.DIFF_OR_FAILED
    return ExitCode.OK


@contextmanager
def _progress(total: int, to_stdout: bool):
    """A progress bar on stderr when stderr is a terminal (and stdout is not that terminal)."""
    try:
        show = total > 1 and sys.stderr.isatty() and not (to_stdout and sys.stdout.isatty())
    except (AttributeError, ValueError):
        show = False
    if not show:
        yield lambda: None
        return
    from .terminal import progress

    with progress("extract", total) as advance:
        yield advance


@app.command()
def clean(
    file: Annotated[str, typer.Argument(help="Plan file (text, web page, .docx or PDF); - reads stdin.")] = "-",
    encoding: EncodingOpt = None,
    rules: RulesOpt = None,
    explain: Annotated[bool, typer.Option("--explain", help="List each fixer that changed something, with original line numbers.")] = False,
    joined: Annotated[bool, typer.Option("--joined", help="Print the text as extraction reads it, with cut pages and wrapped lines re-joined (its lines no longer match records' line numbers).")] = False,
    from_: FromOpt = None,
) -> None:
    """Print the cleaned text that extraction reads, one line for each line records' `line` counts.

    For a web page, .docx or PDF this is the text plancmp extracted from the
    file, so `plancmp clean plan.pdf | sed -n 120p` shows the line a record
    with "line": 120 points to. Chrome lines are blank; --joined re-joins
    cut pages and wrapped lines as extraction reads them.
    """
    from ..extract.pipeline import prepare
    from ..prepare import read

    _check_input_options(encoding, from_)
    raw = read.read(file, encoding, from_)
    doc = prepare(raw, _rules(rules))
    if not explain:
        text = doc.text if joined else doc.on_original_lines()
        if text:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
            sys.stdout.flush()
        return
    from ..prepare.clean import explain_cleaning

    emit(explain_cleaning(doc))


@app.command()
def schema() -> None:
    """Print the JSON Schema of extract's output, generated from the models."""
    from ..extract.batch import dump_json
    from ..models import ExtractResult

    emit(dump_json(ExtractResult.model_json_schema(by_alias=True), "pretty"))


@app.command()
def compare(
    plans: Annotated[list[str], typer.Argument(help="Plan texts, extract JSON (plancmp.extract/1) or folders of them.", metavar="PLAN...")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table (for a terminal), csv, tsv, json, jsonl, md, or xlsx (one sheet per stage; needs -o FILE at a terminal).")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.", metavar="FILE")] = None,
    only_shared: Annotated[bool, typer.Option("--only-shared", help="Keep only the rows that at least two plans commit to.")] = False,
    bom: Annotated[bool, typer.Option("--bom", help="Start CSV/TSV with a UTF-8 byte-order mark, so Excel reads the Chinese correctly.")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Plan texts extracted in parallel; default: the number of cores.", metavar="N")] = None,
    encoding: EncodingOpt = None,
    rules: RulesOpt = None,
) -> None:
    """Line up many plans in one matrix: canonical indicators by stage, then clusters of similar targets; projects by category."""
    from ..comparison.matrix import build_comparison
    from ..output.matrix_report import BINARY_FORMATS, FORMATS, render_comparison

    if fmt not in FORMATS:
        raise UsageError(f"unknown --format {fmt!r} for compare; use one of {', '.join(FORMATS)}")
    if fmt in BINARY_FORMATS and output is None and stdout_is_terminal():
        raise UsageError(f"{fmt.upper()} is a binary file and stdout is a terminal; write it with -o FILE.{fmt}")
    if fmt == "table" and output is not None:
        raise UsageError("the table format is for the terminal; with -o use --format md, csv or xlsx")
    result = build_comparison(plans, encoding=encoding, rule_dirs=rules or (), jobs=jobs,
                              min_plans=2 if only_shared else 1, warn=lambda m: print(f"Warning: {m}", file=sys.stderr))
    if fmt == "table":
        from .terminal import print_compare

        print_compare(result)
        return
    data = render_comparison(result, fmt, bom=bom)
    if output is not None:
        write_file(output, data)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)


@app.command()
def diff(
    plan_a: Annotated[str, typer.Argument(help="Plan A: a plan text, or JSON saved from `plancmp extract`.", metavar="A")],
    plan_b: Annotated[str, typer.Argument(help="Plan B: a plan text, or JSON saved from `plancmp extract`.", metavar="B")],
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="table (default at a terminal), json (default otherwise), jsonl, csv, tsv or md.")] = None,
    exit_code: Annotated[bool, typer.Option("--exit-code", help="Exit 1 when the plans differ (as `git diff --exit-code`), 0 when they agree.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Show why targets were or were not paired, instead of the diff.")] = False,
    pair: Annotated[Optional[str], typer.Option("--pair", help="Explain the targets on these lines only: LINE_A:LINE_B (either may be empty).", metavar="LA:LB")] = None,
    width: Annotated[Optional[int], typer.Option("--width", help="Width of the table format (default: the terminal's).", min=40)] = None,
    encoding: EncodingOpt = None,
    rules: RulesOpt = None,
) -> int:
    """Align two districts' commitments side by side: matched, uncertain, and what only one plan has."""
    from ..comparison.diff import build_diff
    from ..comparison.inputs import load_plan
    from ..output.diff_report import FORMATS, explain_pairs, render_diff

    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown --format {fmt!r} for diff; use one of {', '.join(FORMATS)}")
    lines = _pair_lines(pair) if pair is not None else None
    rs = _rules(rules)
    result = build_diff(load_plan(plan_a, encoding, rs), load_plan(plan_b, encoding, rs), rs)
    if explain or lines is not None:
        emit(explain_pairs(result, lines))
    else:
        tty = sys.stdout.isatty()
        fmt = fmt or ("table" if tty else "json")
        if fmt == "table":
            from .terminal import diff_table

            emit(diff_table(result, width=width or (os.get_terminal_size().columns if tty else 120), color=tty))
        else:
            emit(render_diff(result, fmt))
    return ExitCode.DIFF_OR_FAILED if exit_code and result.differ else ExitCode.OK


def _pair_lines(spec: str) -> tuple[int | None, int | None]:
    a, sep, b = spec.partition(":")
    try:
        la, lb = (int(a) if a.strip() else None), (int(b) if b.strip() else None)
    except ValueError:
        la = lb = None
    if not sep or (la is None and lb is None):
        raise UsageError(f"--pair takes LINE_A:LINE_B (e.g. 99:43, 99: or :43), not {spec!r}")
    return la, lb


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app, turning every failure into one line on stderr."""
    args = sys.argv[1:] if argv is None else argv
    _utf8_streams()
    # plancmp uses no pydantic plugins: skip pydantic's scan of every installed package's entry points
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    command = typer.main.get_command(app)
    try:
        code = command.main(args=args, prog_name="plancmp", standalone_mode=False)
        code = code if isinstance(code, int) else ExitCode.OK
    except PlancmpError as e:
        _error(e.message)
        code = e.exit_code
    except typer.Exit as e:
        code = e.exit_code
    except typer.Abort:
        _error("aborted")
        code = ExitCode.ERROR
    except Exception as e:
        # typer's (vendored click's) usage errors carry format_message and a ctx
        if type(e).__name__ == "NoArgsIsHelpError":
            ctx = getattr(e, "ctx", None)
            print(ctx.get_help() if ctx else "Usage: plancmp --help")
            code = ExitCode.OK
        elif hasattr(e, "format_message") and hasattr(e, "exit_code"):
            ctx = getattr(e, "ctx", None)
            name = f" {ctx.info_name}" if ctx is not None and ctx.parent is not None else ""
            _error(f"{e.format_message().rstrip('.')}; see `plancmp{name} --help`")
            code = ExitCode.ERROR
        elif isinstance(e, BrokenPipeError):
            _quiet_pipe()
            code = ExitCode.OK
        elif isinstance(e, KeyboardInterrupt):
            code = 130
        elif os.environ.get("PLANCMP_DEBUG"):
            raise
        else:  # no traceback ever reaches the user
            _error(f"internal error ({type(e).__name__}: {e}); rerun with PLANCMP_DEBUG=1 and report it with the input file")
            code = ExitCode.ERROR
    except KeyboardInterrupt:
        code = 130
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_pipe()
    sys.exit(int(code))


def _utf8_streams() -> None:
    """Output is UTF-8 whatever the locale says (JSON keeps Chinese as is)."""
    for stream, errors in ((sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        enc = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if enc not in ("utf-8", "utf8") and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors=errors)
            except (ValueError, OSError):
                pass


def _error(message: str) -> None:
    print(f"Error: {message}", file=sys.stderr)


def _quiet_pipe() -> None:
    """After a closed pipe (`| head`), point stdout at devnull so exit is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
