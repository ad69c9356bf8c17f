"""What ``diff`` and ``compare`` read: plan texts and the JSON ``plancmp extract`` saved.

:func:`read_extract_json` is the one reader of extract JSON (one object, an
array, or JSON lines). :func:`load_plan` gives ``diff`` one plan, from a text
(extracted now) or from extract JSON; :func:`load_records` gives ``compare``
the records of every input, texts extracted in parallel by
:mod:`plancmp.extract.batch`, and :func:`make_plans` turns them into the matrix's
columns (:class:`Plan`). Folders are walked by :func:`plancmp.extract.batch.plan_files`.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InputError, UsageError
from ..extract.batch import PLAN_SUFFIXES, extract_records, plan_files
from ..extract.pipeline import extract_raw
from ..models import SCHEMA_EXTRACT, ExtractResult
from ..prepare import read
from ..ruleset import RuleSet

Warn = Callable[[str], None]

#: file name endings (lower case) that hold extract JSON
JSON_SUFFIXES = (".json", ".jsonl")
#: suffixes compare reads: plan texts and extract JSON (a file without a suffix counts as text)
INPUT_SUFFIXES = frozenset({*PLAN_SUFFIXES, *JSON_SUFFIXES, ""})


# ------------------------------------------------------------------ extract JSON

def read_extract_json(path: str, text: str, *, sniffed: bool = False) -> list[dict[str, Any]]:
    """The extract records in a JSON text: one object, an array, or JSON lines;
    each must carry extract's schema and no error.

    ``sniffed``: the text was taken for JSON by its first character (``diff``
    reads any file), not by a ``.json`` suffix; the messages then say so.
    """
    try:
        data: Any = json.loads(text)
        records = data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        try:
            records = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as e:
            where = f"(line {e.lineno}: {e.msg})"
            if sniffed:
                raise InputError(f"{path} looks like JSON but does not parse {where}; "
                                 "give a plan text or the JSON `plancmp extract` wrote") from None
            raise InputError(f"{path} is not valid JSON {where}; "
                             "save extract output with `plancmp extract PLAN > FILE.json`") from None
    for r in records:
        schema = r.get("schema") if isinstance(r, dict) else None
        if schema != SCHEMA_EXTRACT:
            found = f"(schema {schema!r}, expected {SCHEMA_EXTRACT!r})"
            if sniffed:
                raise InputError(f"{path} is JSON but not `plancmp extract` output {found}; "
                                 "re-run `plancmp extract` on the plan text")
            raise InputError(f"{path} is JSON but not plancmp extract output {found}; "
                             "save it with `plancmp extract PLAN > FILE.json`")
        if r.get("error"):
            raise InputError(f"{path} holds a failed extraction of {(r.get('source') or {}).get('path')}: {r['error']}")
    return records


def load_plan(path: str, encoding: str | None = None, rules: RuleSet | None = None) -> ExtractResult:
    """One plan for ``diff``: a plan text (extracted now) or JSON saved from ``plancmp extract``."""
    raw = read.read(path, encoding)
    if raw.format != "text" or raw.text.lstrip("\ufeff \t\r\n")[:1] not in ("{", "["):
        return extract_raw(raw, rules)
    records = read_extract_json(raw.path, raw.text.lstrip("\ufeff"), sniffed=True)
    if len(records) != 1:
        raise InputError(f"{raw.path} holds {len(records)} extract results; diff compares one plan with one plan "
                         "(use `plancmp compare` for many)")
    try:
        return ExtractResult.model_validate(records[0])
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first.get("loc", ()))
        raise InputError(f"{raw.path}: extract JSON is invalid at {where}: {first.get('msg')}; "
                         "re-run `plancmp extract` with this version of plancmp") from None


# ------------------------------------------------------------------ compare's inputs

def _is_json_path(p: Path) -> bool:
    return p.suffix.lower() in JSON_SUFFIXES


def expand_inputs(args: Sequence[str], warn: Warn | None = None) -> list[Path]:
    """Files for compare's command-line inputs: a folder gives its plan texts and
    extract JSON (:func:`plancmp.extract.batch.plan_files`); a named file of another kind
    (the ``README.md`` that ``samples/*`` brings along, a .docx) is skipped with a warning."""
    out: list[Path] = []
    for arg in args:
        p = Path(arg)
        if p.is_file() and p.suffix.lower() not in INPUT_SUFFIXES:
            if warn:
                warn(f"{arg} is neither a plan (.txt, .html, .docx, .pdf) nor extract JSON; skipped")
            continue
        if p.is_dir():
            found = plan_files(p, (*PLAN_SUFFIXES, *JSON_SUFFIXES))
            if not found:
                raise UsageError(f"no plan files (*.txt, *.html, *.docx, *.pdf, *.json) in {arg}; "
                                 "give plans, extract JSON or a folder of them")
            out.extend(found)
        elif not p.exists():
            raise InputError(f"no such file: {arg}; check the path")
        else:
            out.append(p)
    return out


def load_records(args: Sequence[str], encoding: str | None = None, rule_dirs: Sequence[Path] = (),
                 jobs: int | None = None, warn: Warn | None = None) -> list[tuple[str, dict[str, Any]]]:
    """(path, extract record) for every input, in input order; texts are extracted in parallel."""
    paths = expand_inputs(args, warn)
    if not paths:
        raise UsageError("no plans (.txt, .html, .docx, .pdf) or extract JSON among the inputs; "
                         "give plan files or a folder of them")
    saved: dict[int, list[dict[str, Any]]] = {}  # JSON first: a bad file fails before any extraction
    for i, p in enumerate(paths):
        if _is_json_path(p):
            try:
                text = p.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as e:
                raise InputError(f"cannot read {p}: {e}; give extract JSON in UTF-8") from None
            saved[i] = read_extract_json(str(p), text)
    texts = [p for i, p in enumerate(paths) if i not in saved]
    extracted = iter(extract_records(texts, encoding, rule_dirs, jobs, warn) if texts else [])
    records: list[tuple[str, dict[str, Any]]] = []
    for i, p in enumerate(paths):
        if i in saved:
            records.extend((str(p), r) for r in saved[i])
        else:
            records.append((str(p), next(extracted)))
    return records


@dataclass
class Plan:
    """One column: a plan's extract record and the name it is shown under."""

    key: str  # unique column name
    name: str  # district (or file stem when the metadata has none)
    name_from_file: bool
    source: dict[str, Any]
    meta: dict[str, Any]
    targets: list[dict[str, Any]]
    projects: list[dict[str, Any]]
    field: str | None = None  # the plan's field of policy (教育, 城市更新 …), set by compare


def plan_from_record(rec: Mapping[str, Any], path: str) -> Plan:
    """A :class:`Plan` from one extract record; named by its district."""
    meta = dict(rec.get("meta") or {})
    region = meta.get("region") or {}
    name = region.get("district") or region.get("city")
    source = dict(rec.get("source") or {"path": path})
    from_file = not name
    if from_file:
        name = Path(source.get("path") or path).stem or path
    return Plan(key=name, name=name, name_from_file=from_file, source=source, meta=meta,
                targets=list(rec.get("targets") or []), projects=list(rec.get("projects") or []))


def make_plans(records: Iterable[tuple[str, Mapping[str, Any]]], warn: Warn | None = None) -> list[Plan]:
    """One plan per record, with unique column names; a file with neither
    targets nor projects (a README, say) is left out."""
    plans: list[Plan] = []
    for path, rec in records:
        plan = plan_from_record(rec, path)
        if not plan.targets and not plan.projects:
            if warn:
                warn(f"{path}: no targets or projects found; left out of the matrix")
            continue
        plans.append(plan)
    _unique_keys(plans)
    return plans


def _unique_keys(plans: list[Plan]) -> None:
    counts = Counter(p.name for p in plans)
    used: set[str] = set()
    for p in plans:
        key = p.name
        if counts[p.name] > 1:
            key = f"{p.name} ({Path(p.source.get('path') or '').stem or '?'})"
        base, n = key, 2
        while key in used:
            key, n = f"{base} #{n}", n + 1
        used.add(key)
        p.key = key
