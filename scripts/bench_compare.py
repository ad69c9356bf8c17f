"""Benchmark `plancmp compare` on N plans: the seed plans repeated under other names.

The copies are byte-identical (as the issue allows): compare extracts each
distinct text once and still gives every file its own column, so the matrix
has N columns. ``--distinct`` adds a line naming the copy to each, so every
text is extracted (that measures extraction, N times). The whole command runs
in a fresh process, as a user would run it:

    .venv/bin/python scripts/bench_compare.py            # 100 plans
    .venv/bin/python scripts/bench_compare.py -n 40 --distinct --json

Two timings: from plan texts (extraction included, in parallel) and from
extract JSON (the corpus extracted once, compared many times). The issue's
bar is 100 plans in under 10 s. ``bench_compare(n)`` returns the figures for
another script (scripts/bench.py) to print.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANCMP = [sys.executable, "-m", "plancmp"]
LIMIT_SECONDS = 10.0


def make_corpus(folder: Path, n: int, distinct: bool = False) -> list[Path]:
    """``n`` plan texts made from the samples, round robin; ``distinct``: no two the same bytes."""
    seeds = sorted((ROOT / "samples").glob("*.txt"))
    out = []
    for i in range(n):
        seed = seeds[i % len(seeds)]
        p = folder / f"{i:03d}-{seed.stem}.txt"
        text = seed.read_text(encoding="utf-8")
        p.write_text(text.rstrip("\n") + f"\n(副本{i})\n" if distinct else text, encoding="utf-8")
        out.append(p)
    return out


def _run(args: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    done = subprocess.run(PLANCMP + args, capture_output=True, cwd=ROOT)
    return time.perf_counter() - t0, done


def bench_compare(n: int = 100, distinct: bool = False) -> dict[str, object]:
    """Seconds for `compare` on ``n`` plan texts and on their extract JSON, and the matrix size."""
    tmp = Path(tempfile.mkdtemp(prefix="plancmp-bench-"))
    try:
        texts = tmp / "texts"
        texts.mkdir()
        make_corpus(texts, n, distinct)
        secs_text, done = _run(["compare", str(texts), "--format", "json"])
        if done.returncode != 0:
            raise SystemExit(f"compare failed on texts: {done.stderr.decode(errors='replace').strip()}")
        matrix = json.loads(done.stdout)
        jsons = tmp / "json"
        _, ext = _run(["extract", str(texts), "-o", str(jsons)])
        if ext.returncode not in (0, 1):
            raise SystemExit(f"extract failed: {ext.stderr.decode(errors='replace').strip()}")
        secs_json, done_json = _run(["compare", str(jsons), "--format", "json"])
        if done_json.returncode != 0:
            raise SystemExit(f"compare failed on JSON: {done_json.stderr.decode(errors='replace').strip()}")
        return {"plans": len(matrix["plans"]), "rows": len(matrix["rows"]), "distinct": distinct,
                "seconds_from_text": round(secs_text, 2), "seconds_from_json": round(secs_json, 2),
                "limit_seconds": LIMIT_SECONDS}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=100, help="number of plans (default 100)")
    ap.add_argument("--distinct", action="store_true", help="make every copy a different text (extraction N times)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    r = bench_compare(args.n, args.distinct)
    if args.json:
        print(json.dumps(r))
    else:
        print(f"compare {r['plans']} plans -> {r['rows']} rows: {r['seconds_from_text']} s from texts, "
              f"{r['seconds_from_json']} s from extract JSON (limit {LIMIT_SECONDS:g} s)")
    ok = max(float(r["seconds_from_text"]), float(r["seconds_from_json"])) < LIMIT_SECONDS  # type: ignore[arg-type]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
