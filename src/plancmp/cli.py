"""The command line: thin commands over the library.

Every error reaches the user as one line, ``Error: …``, on stderr with exit
code 2; nothing is written to stdout until the whole output is ready.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import ExitCode, PlancmpError, UsageError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Extract and compare the numeric targets, projects and structure of Chinese education plans.")

RulesOpt = Annotated[Optional[list[Path]], typer.Option("--rules", help="Folder of extra rule tables (.toml) that extend the built-in rules; repeatable.")]
EncodingOpt = Annotated[Optional[str], typer.Option("--encoding", help="Input encoding (utf-8, gb18030, gbk, utf-16 …); detected when not given.")]


def _rules(dirs: list[Path] | None):
    from .rules import RuleSet, default_rules

    return RuleSet(dirs) if dirs else default_rules()


def dumps(obj: object) -> str:
    """JSON as plancmp prints it: Chinese kept as is, keys in model order."""
    return json.dumps(obj, ensure_ascii=False, indent=1)


def emit(text: str) -> None:
    """Write finished output to stdout in one go."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Plan text files; - reads stdin.", metavar="FILE...")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json (one object, or an array for several files) or jsonl (one object per line).")] = "json",
    encoding: EncodingOpt = None,
    rules: RulesOpt = None,
    explain: Annotated[Optional[int], typer.Option("--explain", help="Show how the targets on this original line were read, instead of JSON.", metavar="LINE")] = None,
) -> None:
    """Segment a plan and extract its metadata, sections, targets and projects as JSON."""
    from .pipeline import extract_file

    if fmt not in ("json", "jsonl"):
        raise UsageError(f"unknown --format {fmt!r} for extract; use json or jsonl")
    rs = _rules(rules)
    results = [extract_file(f, encoding=encoding, rules=rs) for f in files]
    for r in results:
        for w in r.warnings:
            if w.code in ("empty", "decode-replaced"):
                print(f"Warning: {w.message}", file=sys.stderr)
    if explain is not None:
        from .explain import explain_line

        emit("\n\n".join(explain_line(r, explain) for r in results))
        return
    if fmt == "jsonl":
        emit("\n".join(json.dumps(r.to_dict(), ensure_ascii=False) for r in results))
    elif len(results) == 1:
        emit(dumps(results[0].to_dict()))
    else:
        emit(dumps([r.to_dict() for r in results]))


@app.command()
def clean(
    file: Annotated[str, typer.Argument(help="Plan text file; - reads stdin.")] = "-",
    encoding: EncodingOpt = None,
    rules: RulesOpt = None,
    explain: Annotated[bool, typer.Option("--explain", help="List each fixer that changed something, with original line numbers.")] = False,
) -> None:
    """Print the cleaned, re-joined text that extraction sees."""
    from . import read
    from .pipeline import prepare

    raw = read.read(file, encoding)
    doc = prepare(raw, _rules(rules))
    if not explain:
        emit(doc.text)
        return
    from .clean import explain as explain_cleaning

    emit(explain_cleaning(doc))


@app.command()
def schema() -> None:
    """Print the JSON Schema of extract's output, generated from the models."""
    from .models import ExtractResult

    emit(dumps(ExtractResult.model_json_schema(by_alias=True)))


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
    from . import compare as cmp

    if fmt not in cmp.FORMATS:
        raise UsageError(f"unknown --format {fmt!r} for compare; use one of {', '.join(cmp.FORMATS)}")
    if fmt in cmp.BINARY_FORMATS and output is None and cmp.stdout_is_terminal():
        raise UsageError(f"{fmt.upper()} is a binary file and stdout is a terminal; write it with -o FILE.{fmt}")
    if fmt == "table" and output is not None:
        raise UsageError("the table format is for the terminal; with -o use --format md, csv or xlsx")
    result = cmp.build(plans, encoding=encoding, rule_dirs=rules or (), jobs=jobs, min_plans=2 if only_shared else 1,
                       warn=lambda m: print(f"Warning: {m}", file=sys.stderr))
    if fmt == "table":
        cmp.print_table(result)
        return
    data = cmp.render_output(result, fmt, bom=bom)
    if output is not None:
        cmp.write_file(output, data)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app, turning every failure into one line on stderr."""
    args = sys.argv[1:] if argv is None else argv
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


def _error(message: str) -> None:
    print(f"Error: {message}", file=sys.stderr)


def _quiet_pipe() -> None:
    """After a closed pipe (`| head`), point stdout at devnull so exit is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
