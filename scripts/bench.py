#!/usr/bin/env python
"""Benchmark plancmp against jieba, in fresh processes, as a user runs it.

Prints, each figure the median of --runs runs:
- startup: ``plancmp --help``;
- extract: ``plancmp extract SAMPLE`` over a process that only runs
  ``import jieba; jieba.lcut(open(F).read())`` (dictionary cache warm) — target <= 0.5;
- diff: ``plancmp diff A B --format json`` over the same jieba process — target <= 1.0;
- the time of each extract stage in a fresh process (pipeline.Timings);
- batch: plans per second of ``plancmp extract DIR --format jsonl --jobs 2`` over
  200 plans, over jieba tokenizing the same 200 texts in one process — target >= 2;
- big: wall time and peak RSS of ``plancmp extract`` on a 50 MB plan (--big-mb), its seconds per MB
  over those of one sample plan, and its peak RSS over its size;
- long lines: the samples' prose run into one line (a Word export) of 1.3M characters and of one
  eighth of that: wall time, peak RSS, and the ratio of the two (linear: about 8);
- shapes (--shapes): hostile inputs at scale (a line of a million characters …).

Usage: .venv/bin/python scripts/bench.py [--runs 5] [--big-mb 50] [--line-chars 1300000] [--shapes] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "beijing-fengtai-2021.txt"
OTHER = SAMPLES / "shanxi-taiyuan-yingze-2021.txt"
PY = sys.executable


def plancmp_cmd() -> list[str]:
    script = Path(PY).with_name("plancmp")
    return [str(script)] if script.exists() else [PY, "-m", "plancmp"]


def timed(cmd: list[str], stdin: int | None = None, timeout: float = 900) -> tuple[float, int, int]:
    """Wall seconds, exit code and peak RSS (KiB) of one fresh process; output discarded."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=stdin, cwd=ROOT)
    deadline = t0 + timeout
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            p.kill()
            pid, status, usage = os.wait4(p.pid, 0)
            return float("inf"), -9, usage.ru_maxrss
        time.sleep(0.002)
    p.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t0, p.returncode, usage.ru_maxrss


def median_time(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        seconds, code, _ = timed(cmd)
        if code not in (0, 1):
            raise SystemExit(f"bench: {' '.join(cmd)} exited {code}")
        times.append(seconds)
    return statistics.median(times)


def jieba_cmd(paths: list[Path]) -> list[str]:
    files = json.dumps([str(p) for p in paths])
    return [PY, "-c", f"import jieba, json\nfor f in json.loads({files!r}): jieba.lcut(open(f, encoding='utf-8').read())"]



def stage_profile(runs: int) -> dict[str, float]:
    """Median seconds per stage of extract in a fresh process (imports and rule loading included)."""
    code = ("import json, sys, time\nt0 = time.perf_counter()\nfrom plancmp.extract.pipeline import Timings, extract_file\n"
            "t = Timings()\nt.add('import', time.perf_counter() - t0)\nextract_file(sys.argv[1], timings=t)\n"
            "print(json.dumps(t.stages))")
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        out = subprocess.run([PY, "-c", code, str(SEED)], capture_output=True, text=True, check=True, cwd=ROOT)
        for k, v in json.loads(out.stdout).items():
            samples.setdefault(k, []).append(v)
    return {k: statistics.median(v) for k, v in samples.items()}


def corpus(d: Path, n: int) -> list[Path]:
    """``n`` plan files cycling through the samples (distinct names, same texts)."""
    seeds = sorted(SAMPLES.glob("*.txt"))
    out = []
    for i in range(n):
        src = seeds[i % len(seeds)]
        dst = d / f"{i:03d}-{src.name}"
        shutil.copyfile(src, dst)
        out.append(dst)
    return out


def big_file(path: Path, mb: int) -> Path:
    seeds = [p.read_bytes() for p in sorted(SAMPLES.glob("*.txt"))]
    size = 0
    with path.open("wb") as f:
        while size < mb * 1_000_000:
            for s in seeds:
                f.write(s + b"\n")
                size += len(s) + 1
    return path


def one_line(chars: int) -> str:
    """The samples' prose (table rows left out) run into one line of ``chars`` characters."""
    prose = "".join(line.strip() for p in sorted(SAMPLES.glob("*.txt"))
                    for line in p.read_text(encoding="utf-8").split("\n") if "|" not in line)
    return (prose * (chars // len(prose) + 1))[:chars]


#: RSS of ``plancmp extract`` on a tiny file: imports and rules, the base every figure sits on
def base_rss(pc: list[str], d: Path) -> int:
    p = d / "tiny.txt"
    p.write_text("到2025年,学前教育毛入园率达到95%。", encoding="utf-8")
    return timed([*pc, "extract", str(p)])[2]


SHAPES = {
    "one line of 1M Han characters": lambda: "教育" * 500_000,
    "one line of 1M characters of targets": lambda: "，".join(f"毛入园率达到{i % 100}%以上" for i in range(80_000)),
    "a line of 1M digits": lambda: "9" * 1_000_000,
    "100k nested markers": lambda: "".join(f"（{i}）" for i in range(100_000)),
    "200k lines of markers only": lambda: "\n".join(["一、", "（一）", "1.", "（1）", "①"] * 40_000),
    "1 MB of random bytes": lambda: os.urandom(1_000_000),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--plans", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--big-mb", type=int, default=50, help="size of the big file; 0 skips it")
    ap.add_argument("--line-chars", type=int, default=1_300_000, help="length of the long line; 0 skips it")
    ap.add_argument("--shapes", action="store_true", help="also time hostile inputs at scale")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args()
    pc = plancmp_cmd()
    fig: dict[str, object] = {}

    def say(label: str, value: str) -> None:
        if not args.json:
            print(f"{label:<44} {value}", flush=True)

    subprocess.run(jieba_cmd([SEED]), check=True, capture_output=True)  # build jieba's dictionary cache
    # bytecode as a normal install has it (pip compiles it; an editable install writes it on first
    # import unless PYTHONDONTWRITEBYTECODE is set): jieba's is cached, so plancmp's must be too
    import compileall

    import plancmp

    compileall.compile_dir(str(Path(plancmp.__file__).parent), quiet=1)
    fig["startup_s"] = median_time([*pc, "--help"], args.runs)
    say("startup (plancmp --help)", f"{fig['startup_s']:.3f} s")
    jieba_s = median_time(jieba_cmd([SEED]), args.runs)
    extract_s = median_time([*pc, "extract", str(SEED)], args.runs)
    fig.update(jieba_s=jieba_s, extract_s=extract_s, extract_ratio=extract_s / jieba_s)
    say(f"jieba.lcut({SEED.name})", f"{jieba_s:.3f} s")
    say("extract, fresh process", f"{extract_s:.3f} s   ratio {extract_s / jieba_s:.2f} (target <= 0.5)")
    diff_s = median_time([*pc, "diff", str(SEED), str(OTHER), "--format", "json"], args.runs)
    fig.update(diff_s=diff_s, diff_ratio=diff_s / jieba_s)
    say("diff, fresh process", f"{diff_s:.3f} s   ratio {diff_s / jieba_s:.2f} (target <= 1.0)")
    stages = stage_profile(args.runs)
    fig["stages_s"] = stages
    for k, v in stages.items():
        say(f"  stage {k}", f"{v * 1000:7.1f} ms")

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (d / "corpus").mkdir()
        files = corpus(d / "corpus", args.plans)
        batch_s = median_time([*pc, "extract", str(d / "corpus"), "--format", "jsonl", "--jobs", str(args.jobs)],
                              max(1, args.runs // 2))
        jieba_batch_s = median_time(jieba_cmd(files), max(1, args.runs // 2))
        fig.update(batch_s=batch_s, jieba_batch_s=jieba_batch_s, batch_ratio=jieba_batch_s / batch_s)
        say(f"batch of {args.plans} plans, --jobs {args.jobs}",
            f"{batch_s:.2f} s = {args.plans / batch_s:.1f} plans/s")
        say("jieba over the same plans, one process",
            f"{jieba_batch_s:.2f} s = {args.plans / jieba_batch_s:.1f} plans/s")
        say("batch throughput over jieba's", f"{jieba_batch_s / batch_s:.2f} x (target >= 2)")
        base_mb = base_rss(pc, d) / 1024
        fig["base_rss_mb"] = base_mb
        say("peak RSS of extract on a tiny file (base)", f"{base_mb:.0f} MB")
        if args.big_mb:
            big = big_file(d / "big.txt", args.big_mb)
            size_mb = big.stat().st_size / 1e6
            seconds, code, rss = timed([*pc, "extract", str(big), "--format", "jsonl"], timeout=args.timeout)
            plan_mb = SEED.stat().st_size / 1e6
            rate = (seconds / size_mb) / ((extract_s - fig["startup_s"]) / plan_mb)  # type: ignore[operator]
            fig.update(big_mb=args.big_mb, big_s=seconds, big_exit=code, big_peak_rss_mb=rss / 1024,
                       big_rate_over_plan=rate, big_rss_over_size=(rss / 1024 - base_mb) / size_mb)
            say(f"extract of a {args.big_mb} MB plan",
                f"{seconds:.1f} s, exit {code}, peak RSS {rss / 1024:.0f} MB")
            say("  seconds per MB over one sample plan's", f"{rate:.2f}")
            say("  peak RSS above the base over the size", f"{(rss / 1024 - base_mb) / size_mb:.1f} x")
        if args.line_chars:
            lines = {}
            for n in (args.line_chars // 8, args.line_chars):
                p = d / f"line{n}.txt"
                p.write_text(one_line(n), encoding="utf-8")
                seconds, code, rss = timed([*pc, "extract", str(p), "--format", "jsonl"], timeout=args.timeout)
                lines[n] = {"s": seconds, "exit": code, "peak_rss_mb": rss / 1024, "mb": p.stat().st_size / 1e6}
                say(f"one line of {n:,} characters ({lines[n]['mb']:.1f} MB)",
                    f"{seconds:.1f} s, exit {code}, peak RSS {rss / 1024:.0f} MB")
            small, large = lines[args.line_chars // 8], lines[args.line_chars]
            fig["long_lines"] = {str(k): v for k, v in lines.items()}
            fig["long_line_time_ratio"] = large["s"] / small["s"]
            say("  time of the long line over its eighth", f"{large['s'] / small['s']:.1f} (linear: 8)")
            say("  peak RSS above the base over the size",
                f"{(large['peak_rss_mb'] - base_mb) / large['mb']:.1f} x")
        if args.shapes:
            shapes: dict[str, object] = {}
            for name, make in SHAPES.items():
                data = make()
                p = d / "shape.txt"
                p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
                seconds, code, rss = timed([*pc, "extract", str(p), "--format", "jsonl"], timeout=args.timeout)
                shapes[name] = {"s": seconds, "exit": code, "peak_rss_mb": rss / 1024}
                say(f"  {name}", f"{seconds:.1f} s, exit {code}, peak RSS {rss / 1024:.0f} MB")
            fig["shapes"] = shapes
    if args.json:
        print(json.dumps(fig, indent=1))


if __name__ == "__main__":
    main()
