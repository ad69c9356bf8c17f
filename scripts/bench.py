#!/usr/bin/env python
"""Benchmark plancmp against jieba, in fresh processes, as a user runs it.

Prints, each figure the median of --runs runs:
- startup: ``plancmp --help``;
- extract: ``plancmp extract SAMPLE`` over a process that only runs
  ``import jieba; jieba.lcut(open(F).read())`` (dictionary cache warm) — target <= 0.5;
- diff: ``plancmp diff A B --format json`` over the same jieba process — target <= 1.0;
- samples (``--samples`` runs only these): each sample's ``plancmp extract``, the least wall time of
  --runs fresh processes and the peak RSS, and both over a bare ``import jieba; jieba.initialize()``
  process (jieba's default dictionary, cache built);
- formats: ``plancmp extract`` of the same excerpt as .txt, .docx, .pdf and .html
  (``tests/fixtures/formats/``), and the read stage alone in-process (``--formats`` runs only these);
- the time of each extract stage in a fresh process (pipeline.Timings);
- batch: plans per second of ``plancmp extract DIR --format jsonl --jobs 2`` over
  200 plans, over jieba tokenizing the same 200 texts in one process — target >= 2;
- big: wall time and peak RSS of ``plancmp extract`` on a 50 MB plan (--big-mb), its seconds per MB
  over those of one sample plan, and its peak RSS over its size;
- long lines: the samples' prose run into one line (a Word export) of 1.3M characters and of one
  eighth of that: wall time, peak RSS, and the ratio of the two (linear: about 8);
- shapes (--shapes): hostile inputs at scale (a line of a million characters …);
- tricks (--tricks): the figure behind each speed trick of docs/performance.md, measured
  inside fresh processes (with and without the trick where both can run);
- bounds: the sub-second figures that were wall-clock asserts in the tests, each with its
  bound (a test fails for the wrong reason on a loaded runner; a benchmark reports it):
  the tokenizer's first call in a fresh process (jieba imported, dictionary built) < 0.5 s and a
  cached call < 0.01 s; the projects stage on hostile texts of 20-30k characters < 1.5 s each.
  ``--bounds`` runs only these and exits 1 when one is over its bound.

Usage: .venv/bin/python scripts/bench.py [--runs 5] [--big-mb 50] [--line-chars 1300000] [--shapes] [--tricks]
       [--bounds] [--formats] [--samples] [--json]
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
FORMAT_FIXTURES = ROOT / "tests" / "fixtures" / "formats"
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


def min_time_rss(cmd: list[str], runs: int) -> tuple[float, int]:
    """The least wall seconds of ``runs`` fresh processes (the one least disturbed by other jobs)
    and the largest peak RSS (KiB) among them."""
    best, rss = float("inf"), 0
    for _ in range(runs):
        seconds, code, peak = timed(cmd)
        if code not in (0, 1):
            raise SystemExit(f"bench: {' '.join(cmd)} exited {code}")
        best, rss = min(best, seconds), max(rss, peak)
    return best, rss


#: a bare process that loads jieba's default dictionary, what plancmp's extract is compared with
JIEBA_INIT = [PY, "-c", "import jieba; jieba.initialize()"]


def per_sample(runs: int) -> dict[str, dict[str, float]]:
    """Each sample's ``plancmp extract``: least wall seconds and peak RSS (MB) of ``runs`` fresh
    processes, and both over those of a bare ``import jieba; jieba.initialize()`` process."""
    pc = plancmp_cmd()
    subprocess.run(JIEBA_INIT, check=True, capture_output=True)  # jieba's dictionary cache built
    jieba_s, jieba_rss = min_time_rss(JIEBA_INIT, runs)
    out = {"jieba.initialize()": {"s": jieba_s, "rss_mb": jieba_rss / 1024, "s_ratio": 1.0, "rss_ratio": 1.0}}
    for f in sorted(SAMPLES.glob("*.txt")):
        t, rss = min_time_rss([*pc, "extract", str(f)], runs)
        out[f.stem] = {"s": t, "rss_mb": rss / 1024, "s_ratio": t / jieba_s, "rss_ratio": rss / jieba_rss}
    return out


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


# the projects stage on texts built to make a backtracking pattern or a quadratic loop show
# (were tests/test_projects.py's test_hostile_text_is_linear, removed in commit c436f86)
HOSTILE_PROJECT_TEXTS = {
    "digits": "'9' * 20_000 + '个品牌'",
    "quotes": "'“' * 20_000 + '工程'",
    "enumeration": "'、'.join(['城南读书会'] * 4_000) + '等品牌'",
    "programme-headings": "'\\n'.join(f'({i})读书工程' for i in range(3_000))",
    "nested-names": "'实施“读书”工程' * 3_000",
    "category-words": "'建设中心' * 5_000",
}
BOUNDS_S = {"tokenize_first_s": 0.5, "tokenize_cached_s": 0.01, "projects_hostile_s": 1.5}

_BOUNDS_CODE = """
import json, time
from plancmp.extract.projects import extract_projects
from plancmp.extract.tokenize import tokenize
from plancmp.prepare.document import Doc
from plancmp.prepare.normalize import normalize
from plancmp.prepare.textmap import MappedText
from plancmp.ruleset import RuleSet
out = {}
rules = RuleSet()
t0 = time.perf_counter()
tokenize("学前教育毛入园率和普惠性幼儿园覆盖率,中职双师型教师比例,义务教育巩固率", rules)
out["tokenize_first_s"] = time.perf_counter() - t0
t0 = time.perf_counter()
tokenize("入学率", rules)
out["tokenize_cached_s"] = time.perf_counter() - t0
texts = {TEXTS}
hostile = {}
for name, text in texts.items():
    doc = Doc(path="<bench>", encoding="utf-8", sha256="", mapped=normalize(MappedText.from_original(text)))
    t0 = time.perf_counter()
    extract_projects(doc, [], rules)
    hostile[name] = time.perf_counter() - t0
out["projects_hostile_s"] = hostile
print(json.dumps(out))
"""


def bounds(runs: int) -> dict[str, object]:
    """The figures of BOUNDS_S, each the median over ``runs`` fresh processes."""
    texts = "{" + ", ".join(f"{k!r}: {v}" for k, v in HOSTILE_PROJECT_TEXTS.items()) + "}"
    code = _BOUNDS_CODE.replace("{TEXTS}", texts)
    got: list[dict] = []
    for _ in range(runs):
        out = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        got.append(json.loads(out.stdout))
    fig: dict[str, object] = {k: statistics.median(g[k] for g in got) for k in ("tokenize_first_s", "tokenize_cached_s")}
    fig["projects_hostile_s"] = {k: statistics.median(g["projects_hostile_s"][k] for g in got)
                                 for k in HOSTILE_PROJECT_TEXTS}
    return fig


def over_bounds(fig: dict[str, object]) -> list[str]:
    """The bound figures over their bound."""
    over = [k for k in ("tokenize_first_s", "tokenize_cached_s") if float(fig[k]) >= BOUNDS_S[k]]  # type: ignore[arg-type]
    hostile = fig["projects_hostile_s"]
    assert isinstance(hostile, dict)
    return over + [f"projects_hostile_s.{k}" for k, v in hostile.items() if v >= BOUNDS_S["projects_hostile_s"]]


# Each snippet runs in a fresh process and prints a JSON object of seconds (or counts); the
# figures are medians over --runs processes. SEED is sys.argv[1].
TRICKS = {
    # jieba stand-ins (extract/tokenize.py): the import without pkg_resources and the HMM tables,
    # and a tokenizer over the domain dictionary instead of jieba's default one
    "jieba_import_plain": "import time; t0 = time.perf_counter(); import jieba\n"
                          "out = {'s': time.perf_counter() - t0}",
    "jieba_import_plancmp": "import time; from plancmp.extract.tokenize import _import_jieba\n"
                            "t0 = time.perf_counter(); _import_jieba(); out = {'s': time.perf_counter() - t0}",
    "jieba_default_dictionary": "import logging, time, jieba; jieba.setLogLevel(logging.WARNING)\n"
                                "t0 = time.perf_counter(); jieba.initialize(); out = {'s': time.perf_counter() - t0}",
    "jieba_domain_dictionary": "import time; from plancmp.extract import tokenize; from plancmp.ruleset import RuleSet\n"
                               "r = RuleSet(); tokenize._import_jieba(); tokenize._rule_words(r)\n"
                               "t0 = time.perf_counter(); tokenize.compiled(r); out = {'s': time.perf_counter() - t0}",
    # one tagger for the pipeline (extract/projects/judge.py): the judge's tagger (jieba's frequent and
    # rarer words, the frequent one already built for the metric walk) against jieba.posseg's first
    # call (its full dictionary and HMM tables, what the judge loaded before), with peak memory
    "judge_tagger": "import resource, time; from plancmp.extract import tokenize; from plancmp.ruleset import RuleSet\n"
                    "r = RuleSet(); tokenize.tagger(r); m0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
                    "t0 = time.perf_counter(); tokenize.tag('新建洺河镇第三小学', r, rare=True)\n"
                    "out = {'s': time.perf_counter() - t0,"
                    " 'mb': (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - m0) / 1024}",
    "judge_posseg": "import logging, resource, time, jieba; jieba.setLogLevel(logging.WARNING)\n"
                    "m0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
                    "t0 = time.perf_counter(); import jieba.posseg as pseg; pseg.lcut('新建洺河镇第三小学')\n"
                    "out = {'s': time.perf_counter() - t0,"
                    " 'mb': (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - m0) / 1024}",
    # rule patterns compiled when a table loads (ruleset.Regex): time in that compile over one extract,
    # and how many distinct patterns there are (the stages' own re.compile then hits re's cache)
    "regex_on_load": "import re, sys, time; from plancmp import ruleset\n"
                     "acc = {'s': 0.0, 'n': 0}\n"
                     "class TimedRe:\n"
                     "    def __getattr__(self, name): return getattr(re, name)\n"
                     "    def compile(self, pattern, flags=0):\n"
                     "        t0 = time.perf_counter(); rx = re.compile(pattern, flags)\n"
                     "        acc['s'] += time.perf_counter() - t0; acc['n'] += 1; return rx\n"
                     "ruleset.re = TimedRe()\n"
                     "from plancmp.extract.quantities import Exclusions\n"
                     "ruleset.default_rules().table('exclusions', Exclusions)\n"
                     "out = {'exclusions_s': acc['s'], 'exclusions_patterns': acc['n']}\n"
                     "from plancmp.extract.pipeline import extract_file; extract_file(sys.argv[1])\n"
                     "out.update(s=acc['s'], patterns=acc['n'], re_cached=len(getattr(re, '_cache', ())), re_cache_size=re._MAXCACHE)",
    # translate (prepare/textmap.py): a table whose characters the text lacks costs one regex scan,
    # not a str.translate; the changed characters of a table are remembered
    "translate": "import sys, time; from plancmp.prepare import textmap; from plancmp.prepare.chars import FULLWIDTH_TO_ASCII\n"
                 "from plancmp.prepare.normalize import normalize_str\n"
                 "text = normalize_str(open(sys.argv[1], encoding='utf-8').read()); mt = textmap.MappedText.from_original(text)\n"
                 "def best(f, n=20):\n"
                 "    ts = []\n"
                 "    for _ in range(n): t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)\n"
                 "    return min(ts)\n"
                 "def cold(): textmap._changed_memo.clear(); textmap._changed_chars(FULLWIDTH_TO_ASCII)\n"
                 "out = {'str_translate_s': best(lambda: text.translate(FULLWIDTH_TO_ASCII)),\n"
                 "       'mapped_translate_s': best(lambda: mt.translate(FULLWIDTH_TO_ASCII, 'fw')),\n"
                 "       'changed_chars_cold_s': best(cold),\n"
                 "       'changed_chars_memo_s': best(lambda: textmap._changed_chars(FULLWIDTH_TO_ASCII)),\n"
                 "       'chars': len(text)}\n"
                 "calls = {'n': 0}; orig = textmap._changed_chars\n"
                 "def counting(table): calls['n'] += 1; return orig(table)\n"
                 "textmap._changed_chars = counting\n"
                 "from plancmp.extract.pipeline import extract_file; extract_file(sys.argv[1])\n"
                 "out['translate_calls_per_extract'] = calls['n']",
    # per-document caches (prepare/document.py, extract/tables.py): what one build costs and how
    # often an extract asks
    "doc_caches": "import sys, time; from plancmp.extract import pipeline, tables; from plancmp.prepare import read\n"
                  "from plancmp.prepare.document import Doc; from plancmp.ruleset import default_rules\n"
                  "rules = default_rules(); pipeline.extract_file(sys.argv[1], rules=rules)\n"
                  "doc = pipeline.prepare(read.read(sys.argv[1]), rules)\n"
                  "t0 = time.perf_counter(); tables._find_tables(doc, rules); find_s = time.perf_counter() - t0\n"
                  "for name in ('line_starts', '_lines', '_sentence_ends'): doc.__dict__.pop(name, None)\n"
                  "t0 = time.perf_counter(); doc.lines(); lines_s = time.perf_counter() - t0\n"
                  "t0 = time.perf_counter(); doc._sentence_ends; ends_s = time.perf_counter() - t0\n"
                  "calls = {'find_tables': 0, 'lines': 0, 'sentence_bounds': 0}\n"
                  "def counted(name, f):\n"
                  "    def g(*a, **k): calls[name] += 1; return f(*a, **k)\n"
                  "    return g\n"
                  "tables.find_tables = counted('find_tables', tables.find_tables)\n"
                  "Doc.lines = counted('lines', Doc.lines); Doc.sentence_bounds = counted('sentence_bounds', Doc.sentence_bounds)\n"
                  "pipeline.extract_file(sys.argv[1], rules=rules)\n"
                  "out = {'find_tables_s': find_s, 'lines_s': lines_s, 'sentence_ends_s': ends_s,\n"
                  "       **{k + '_calls': v for k, v in calls.items()}}",
    # batch warm-up before forking (extract/batch.py): the first plan of a cold process against the
    # first plan after _warm, and what _warm costs the parent once
    "warm_up": "import sys, time; from plancmp.extract import batch, pipeline; from plancmp.ruleset import RuleSet\n"
               "cold, warm = RuleSet(), RuleSet()\n"
               "t0 = time.perf_counter(); pipeline.extract_file(sys.argv[1], rules=cold); first_cold = time.perf_counter() - t0\n"
               "t0 = time.perf_counter(); batch._warm(warm); warm_s = time.perf_counter() - t0\n"
               "t0 = time.perf_counter(); pipeline.extract_file(sys.argv[1], rules=warm); first_warm = time.perf_counter() - t0\n"
               "t0 = time.perf_counter(); pipeline.extract_file(sys.argv[1], rules=warm); again = time.perf_counter() - t0\n"
               "out = {'first_plan_cold_s': first_cold, 'warm_s': warm_s, 'first_plan_after_warm_s': first_warm,\n"
               "       'second_plan_s': again}",
}


def tricks(runs: int) -> dict[str, dict[str, float]]:
    """Medians, over ``runs`` fresh processes, of every figure of :data:`TRICKS`."""
    fig: dict[str, dict[str, float]] = {}
    for name, code in TRICKS.items():
        got: list[dict[str, float]] = []
        for _ in range(runs):
            p = subprocess.run([PY, "-c", code + "\nimport json as _j; print(_j.dumps(out))", str(SEED)],
                               capture_output=True, text=True, cwd=ROOT)
            if p.returncode:
                raise SystemExit(f"bench: trick {name} failed: {p.stderr.strip()[-500:]}")
            got.append(json.loads(p.stdout.strip().splitlines()[-1]))
        fig[name] = {k: statistics.median(g[k] for g in got) for k in got[0]}
    return fig


def formats(runs: int) -> dict[str, dict[str, float]]:
    """Fresh-process extract time of each form of the format fixtures, and the read stage alone."""
    pc = plancmp_cmd()
    out: dict[str, dict[str, float]] = {}
    for sample in ("yingze", "fengtai"):
        for ext in ("txt", "docx", "pdf", "html"):
            path = FORMAT_FIXTURES / f"{sample}.{ext}"
            code = ("import sys, time; from plancmp.prepare.read import read; t0 = time.perf_counter(); "
                    "read(sys.argv[1]); print(time.perf_counter() - t0)")
            reads = [float(subprocess.run([PY, "-c", code, str(path)], capture_output=True, text=True, check=True,
                                          cwd=ROOT).stdout) for _ in range(runs)]
            out[path.name] = {"extract_s": median_time([*pc, "extract", str(path)], runs),
                              "read_s": statistics.median(reads)}
    return out


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
    ap.add_argument("--bounds", action="store_true", help="only the sub-second bounds; exit 1 when one is over")
    ap.add_argument("--tricks", action="store_true", help="only the figures behind each speed trick (docs/performance.md)")
    ap.add_argument("--formats", action="store_true", help="only the extract time of the .txt/.docx/.pdf/.html fixtures")
    ap.add_argument("--samples", action="store_true",
                    help="only each sample's extract: least time and peak RSS of --runs, over a bare jieba.initialize()")
    args = ap.parse_args()
    pc = plancmp_cmd()
    fig: dict[str, object] = {}

    def say(label: str, value: str) -> None:
        if not args.json:
            print(f"{label:<44} {value}", flush=True)

    def say_bounds() -> list[str]:
        b = bounds(args.runs)
        fig["bounds"] = b
        say("tokenize, first call (imports jieba)",
            f"{b['tokenize_first_s'] * 1000:7.1f} ms (bound < {BOUNDS_S['tokenize_first_s'] * 1000:.0f} ms)")
        say("tokenize, cached", f"{b['tokenize_cached_s'] * 1000:7.2f} ms (bound < {BOUNDS_S['tokenize_cached_s'] * 1000:.0f} ms)")
        hostile = b["projects_hostile_s"]
        assert isinstance(hostile, dict)
        for name, v in hostile.items():
            say(f"  projects, hostile text {name!r}", f"{v * 1000:7.1f} ms (bound < {BOUNDS_S['projects_hostile_s']:.1f} s)")
        over = over_bounds(b)
        if over:
            say("OVER BOUND", ", ".join(over))
        return over

    if args.tricks:
        subprocess.run(jieba_cmd([SEED]), check=True, capture_output=True)  # jieba's dictionary cache built
        fig["tricks"] = t = tricks(args.runs)
        ms = lambda v: f"{v * 1000:.2f} ms"  # noqa: E731
        say("jieba: import, plain / plancmp's", f"{ms(t['jieba_import_plain']['s'])} / {ms(t['jieba_import_plancmp']['s'])}")
        say("jieba: default dictionary / domain one", f"{ms(t['jieba_default_dictionary']['s'])} / {ms(t['jieba_domain_dictionary']['s'])}")
        jt, jp = t["judge_tagger"], t["judge_posseg"]
        say("judge's tagger / jieba.posseg, first call", f"{ms(jt['s'])}, {jt['mb']:.0f} MB / {ms(jp['s'])}, {jp['mb']:.0f} MB")
        r = t["regex_on_load"]
        say("rule patterns compiled on load: exclusions", f"{ms(r['exclusions_s'])} for {r['exclusions_patterns']:.0f} patterns")
        say("  every table an extract loads", f"{ms(r['s'])} for {r['patterns']:.0f} patterns "
            f"(re's cache then holds {r['re_cached']:.0f} of {r['re_cache_size']:.0f})")
        tr = t["translate"]
        say(f"translate, text lacking the table ({tr['chars']:.0f} chars)",
            f"{ms(tr['mapped_translate_s'])} (str.translate {ms(tr['str_translate_s'])})")
        say("translate: changed chars, built / remembered",
            f"{ms(tr['changed_chars_cold_s'])} / {ms(tr['changed_chars_memo_s'])}, "
            f"{tr['translate_calls_per_extract']:.0f} calls per extract")
        d = t["doc_caches"]
        say("tables found once", f"{ms(d['find_tables_s'])} per search, {d['find_tables_calls']:.0f} asks per extract")
        say("Doc.lines built once", f"{ms(d['lines_s'])} per build, {d['lines_calls']:.0f} calls per extract")
        say("sentence ends built once", f"{ms(d['sentence_ends_s'])} per build, {d['sentence_bounds_calls']:.0f} calls per extract")
        w = t["warm_up"]
        say("first plan: cold / after warm-up / again", f"{ms(w['first_plan_cold_s'])} / {ms(w['first_plan_after_warm_s'])} / "
            f"{ms(w['second_plan_s'])} (warm-up {ms(w['warm_s'])}, once before forking)")
        if args.json:
            print(json.dumps(fig, indent=1))
        return
    def say_formats() -> None:
        fig["formats"] = f = formats(args.runs)
        for name, v in f.items():
            say(f"extract {name}", f"{v['extract_s']:.3f} s (read stage {v['read_s'] * 1000:6.1f} ms)")

    def say_samples() -> None:
        fig["samples"] = per = per_sample(args.runs)
        for name, v in per.items():
            say(f"extract {name}" if name in {f.stem for f in SAMPLES.glob('*.txt')} else name,
                f"{v['s']:.3f} s ({v['s_ratio']:.2f}), peak RSS {v['rss_mb']:.0f} MB ({v['rss_ratio']:.2f})")

    if args.samples:
        say_samples()
        if args.json:
            print(json.dumps(fig, indent=1))
        return
    if args.formats:
        say_formats()
        if args.json:
            print(json.dumps(fig, indent=1))
        return
    if args.bounds:
        over = say_bounds()
        if args.json:
            print(json.dumps(fig, indent=1))
        raise SystemExit(1 if over else 0)

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
    say_formats()
    say_samples()
    stages = stage_profile(args.runs)
    fig["stages_s"] = stages
    for k, v in stages.items():
        say(f"  stage {k}", f"{v * 1000:7.1f} ms")
    say_bounds()

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
