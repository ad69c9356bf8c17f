"""Tune diff's ``match`` and ``uncertain`` thresholds against gold alignments.

For every gold alignment (``tests/gold/align/*.json``, ``tests/corpus/gold/align/*.json``
and any given on the command line) the two plans are read from the text folders
(``samples/``, ``tests/corpus/raw/`` and ``--texts DIR``), extracted once, and
aligned at every threshold from 0.50 to 1.00; the pairs are scored against the
gold groups (``tests/align_score.py``: a pair is right when both sides fall in one
group, recall counts groups with a right pair) and summed over all pairs. It prints
the precision/recall curve of the ``matched`` band, and the thresholds it suggests:

- ``match``: the middle of the widest run of thresholds with the best F1 (or within
  ``--f1-tolerance``, 0.01, of it) among those whose summed precision is at least
  ``--precision`` (0.9); the middle of a plateau, not its edge, so the figure does not hang
  on one pair;
- ``--at-least``: a floor under ``match``, for what the gold pairs cannot show: the wrong pairs of
  texts no rule has been written from yet (the held-out pairs before their rules scored up to 0.64);
- ``uncertain``: the lowest threshold at which the pairs scoring between it and
  ``match`` are right at least as often as wrong (worth a person's review).

Two sources of targets: plancmp's extraction of the texts (``extract``), and the gold
targets (``gold``: ``tests/gold/*.json``, ``tests/corpus/gold/*.json`` with the texts), which
measure alignment apart from extraction. ``both`` (the default) prints each curve and
suggests thresholds from their sum, so they suit plans extracted well and badly. The
figures go into README's Accuracy section.

    .venv/bin/python scripts/tune_align.py
    .venv/bin/python scripts/tune_align.py --source gold --texts ../corpus/raw
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from plancmp.comparison.align import align_targets  # noqa: E402
from plancmp.comparison.catalog import Catalog, default_catalog  # noqa: E402
from plancmp.comparison.diff import pair_dict  # noqa: E402
from plancmp.extract import scope, segment  # noqa: E402
from plancmp.extract.pipeline import extract_file, prepare  # noqa: E402
from plancmp.models import ExtractResult  # noqa: E402
from plancmp.prepare import read  # noqa: E402
from plancmp.prepare.document import section_at  # noqa: E402
from plancmp.ruleset import default_rules  # noqa: E402
from tests.align_score import member_of  # noqa: E402
from tests.samples import SEED_SAMPLES  # noqa: E402

HELDOUT_ALIGN = ROOT / "tests" / "heldout" / "align"  # texts and gold pairs together, no gold targets
GOLD_ALIGN_DIRS = [ROOT / "tests" / "gold" / "align", ROOT / "tests" / "corpus" / "gold" / "align", HELDOUT_ALIGN]
TEXT_DIRS = [ROOT / "samples", ROOT / "tests" / "corpus" / "raw", HELDOUT_ALIGN]
GOLD_DIRS = [ROOT / "tests" / "gold", ROOT / "tests" / "corpus" / "gold"]
THRESHOLDS = [round(0.5 + i / 100, 2) for i in range(51)]


def find(name: str, dirs: list[Path]) -> Path | None:
    """The file ``name`` in the first folder that has it (a gold file by the text's stem); a corpus
    name of a sample (004_…) is the sample's."""
    name = SEED_SAMPLES.get(name, name)
    for d in dirs:
        for cand in (d / name, d / (Path(name).stem + ".json")):
            if cand.is_file():
                return cand
    return None


def gold_targets(text: Path, gold: Path) -> ExtractResult:
    """An extract record holding the gold targets of ``gold`` (metric_clean where given), with
    spans at their numbers so the scope stage reads their sentences."""
    g = json.loads(gold.read_text(encoding="utf-8"))
    raw = read.read(str(text))
    lines = raw.text.splitlines(keepends=True)
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln))
    rules = default_rules()
    doc = prepare(raw, rules)
    sections = segment.segment(doc, rules)
    targets, taken = [], {}
    for t in g.get("targets", []):
        if t.get("optional"):
            continue
        line = int(t["line"])
        body = lines[line - 1] if 0 < line <= len(lines) else ""
        v = float(t["value"])
        vs = str(int(v)) if v.is_integer() else str(v)
        at = body.find(vs, taken.get(line, 0))
        at = body.find(vs) if at < 0 else at
        taken[line] = max(at, 0) + len(vs)
        rec: dict[str, Any] = {k: t[k] for k in ("value", "value_max", "comparator", "kind", "year", "binding")
                               if t.get(k) is not None}
        rec.update(metric=t.get("metric_clean") or t["metric"], unit=t.get("unit_clean") or t.get("unit") or "",
                   line=line, span={"start": starts[line - 1] + max(at, 0), "end": starts[line - 1] + len(body)},
                   match=vs, text=body.strip(), rule="gold", section=section_at(sections, line))
        targets.append(rec)
    meta = {k: v for k, v in (g.get("meta") or {}).items() if k != "optional_fields"}
    res = ExtractResult.model_validate({"source": {"path": str(text), "sha256": raw.sha256, "encoding": raw.encoding,
                                                   "lines": len(lines)}, "meta": meta, "targets": targets})
    scope.annotate(res.targets, doc, sections, rules)
    return res


def with_threshold(cat: Catalog, match: float) -> Catalog:
    """The catalog with ``match`` (and ``uncertain``) at one threshold: only the matched band counts."""
    scoring = cat.scoring.model_copy(update={"match": match, "uncertain": match})
    return dataclasses.replace(cat, table=cat.table.model_copy(update={"scoring": scoring}))


def score(gold: dict[str, Any], pairs: list[dict[str, Any]]) -> tuple[set[int], int, int]:
    """(groups hit, right pairs, wrong pairs) of ``pairs`` against one gold alignment; pairs inside an
    optional group count neither way."""
    groups, optional = gold.get("groups", []), gold.get("optional", [])
    hit, right, wrong = set(), 0, 0
    for p in pairs:
        i = next((k for k, g in enumerate(groups) if member_of(p["a"], g, "a") and member_of(p["b"], g, "b")), None)
        if i is not None:
            hit.add(i)
            right += 1
        elif not any(member_of(p["a"], g, "a") and member_of(p["b"], g, "b") for g in optional):
            wrong += 1
    return hit, right, wrong


def load_pairs(args: argparse.Namespace, source: str) -> list[tuple[str, dict[str, Any], ExtractResult, ExtractResult]]:
    files = sorted({*map(Path, args.gold), *(p for d in GOLD_ALIGN_DIRS if d.is_dir() for p in d.glob("*.json"))})
    text_dirs = [*map(Path, args.texts), *TEXT_DIRS]
    gold_dirs = [*map(Path, args.gold_dirs), *GOLD_DIRS]
    cache: dict[str, ExtractResult] = {}
    out = []
    for f in files:
        gold = json.loads(Path(f).read_text(encoding="utf-8"))
        docs = []
        for name in (gold["a"], gold["b"]):
            text = find(name, text_dirs)
            if text is None:
                print(f"skipped {Path(f).name}: no text {name} in {', '.join(map(str, text_dirs))}", file=sys.stderr)
                break
            if name not in cache:
                if source == "gold":
                    g = find(name, gold_dirs)
                    if g is None:
                        print(f"skipped {Path(f).name}: no gold annotation of {name}", file=sys.stderr)
                        break
                    cache[name] = gold_targets(text, g)
                else:
                    cache[name] = extract_file(str(text))
            docs.append(cache[name])
        if len(docs) == 2:
            out.append((Path(f).stem, gold, docs[0], docs[1]))
    return out


def curve(pairs: list[tuple[str, dict[str, Any], ExtractResult, ExtractResult]]) -> list[dict[str, Any]]:
    """Summed precision and recall of the matched band at every threshold."""
    base = default_catalog()
    fields = {id(r): base.plan_field(r.meta.title, r.targets) for _, _, a, b in pairs for r in (a, b)}
    rows = []
    for t in THRESHOLDS:
        cat = with_threshold(base, t)
        groups = hits = right = wrong = 0
        for _, gold, a, b in pairs:
            al = align_targets(a.targets, b.targets, cat, (fields[id(a)], fields[id(b)]))
            hit, r, w = score(gold, [pair_dict(p) for p in al.matched])
            groups += len(gold.get("groups", []))
            hits, right, wrong = hits + len(hit), right + r, wrong + w
        rows.append({"threshold": t, "precision": right / (right + wrong) if right + wrong else 1.0,
                     "recall": hits / groups if groups else 1.0, "right": right, "wrong": wrong,
                     "hits": hits, "groups": groups})
    return rows


def suggest(rows: list[dict[str, Any]], min_precision: float, at_least: float = 0.0,
            tolerance: float = 0.01) -> tuple[float, float]:
    """(match, uncertain) as the module docstring says; ``match`` among thresholds >= ``at_least``, an
    F1 within ``tolerance`` of the best counting as the best (one group more or less is no plateau)."""
    def f1(r: dict[str, Any]) -> float:
        p, q = r["precision"], r["recall"]
        return round(2 * p * q / (p + q), 6) if p + q else 0.0

    rows_all, rows = rows, [r for r in rows if r["threshold"] >= at_least]
    ok = [r for r in rows if r["precision"] >= min_precision]
    if not ok:
        return rows[-1]["threshold"], rows[-1]["threshold"]
    best = max(f1(r) for r in ok)
    runs, run = [], []
    for r in rows:
        if r["precision"] >= min_precision and f1(r) >= best - tolerance:
            run.append(r["threshold"])
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    widest = max(runs, key=len)
    match = widest[(len(widest) - 1) // 2]
    at = {r["threshold"]: r for r in rows_all}
    uncertain = match
    for r in rows_all:  # lowest first: the first threshold whose extra pairs are right at least half the time
        gained_right, gained_wrong = r["right"] - at[match]["right"], r["wrong"] - at[match]["wrong"]
        if r["threshold"] < match and gained_right >= gained_wrong:
            uncertain = r["threshold"]
            break
    return match, uncertain


def print_curve(rows: list[dict[str, Any]]) -> None:
    print("threshold  precision  recall  right  wrong")
    for r in rows:
        print(f"{r['threshold']:9.2f}  {r['precision']:9.3f}  {r['recall']:6.3f}  {r['right']:5d}  {r['wrong']:5d}")


def summed(rows: tuple[dict[str, Any], ...]) -> dict[str, Any]:
    """One threshold's figures summed over the sources (the pairs with gold targets count twice)."""
    right, wrong = sum(r["right"] for r in rows), sum(r["wrong"] for r in rows)
    hits, groups = sum(r["hits"] for r in rows), sum(r["groups"] for r in rows)
    return {"threshold": rows[0]["threshold"], "precision": right / (right + wrong) if right + wrong else 1.0,
            "recall": hits / groups if groups else 1.0, "right": right, "wrong": wrong, "hits": hits, "groups": groups}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="*", help="more gold alignment files")
    ap.add_argument("--texts", action="append", default=[], help="a folder of plan texts (repeatable)")
    ap.add_argument("--gold-dirs", action="append", default=[], help="a folder of gold annotations (for --source gold)")
    ap.add_argument("--source", choices=("extract", "gold", "both"), default="both")
    ap.add_argument("--precision", type=float, default=0.9, help="the least summed precision of the matched band")
    ap.add_argument("--f1-tolerance", type=float, default=0.01, help="an F1 this close to the best is as good")
    ap.add_argument("--at-least", type=float, default=0.0,
                    help="the least match threshold: above the scores of the wrong pairs of texts no rule was written "
                         "from (README, Accuracy)")
    args = ap.parse_args(argv)
    sources = ["extract", "gold"] if args.source == "both" else [args.source]
    curves = []
    for source in sources:
        pairs = load_pairs(args, source)
        if not pairs:
            print(f"no gold alignment with both texts found for source {source}; give --texts DIR", file=sys.stderr)
            return 2
        rows = curve(pairs)
        curves.append(rows)
        print(f"source {source}: {len(pairs)} pairs ({', '.join(n for n, *_ in pairs)})")
        print_curve(rows)
    if len(curves) > 1:
        rows = [summed(rs) for rs in zip(*curves)]
        print("summed over both sources")
        print_curve(rows)
    match, uncertain = suggest(rows, args.precision, args.at_least, args.f1_tolerance)
    print(f"suggested: match = {match}, uncertain = {uncertain}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
