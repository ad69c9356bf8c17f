"""The assumptions behind the speed tricks of docs/performance.md, one test each (no wall-clock
figures: those are in scripts/bench.py, which a loaded runner cannot make fail)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from plancmp.extract import batch, pipeline, tables
from plancmp.prepare import textmap
from plancmp.prepare.chars import FULLWIDTH_TO_ASCII
from plancmp.prepare.read import read
from plancmp.prepare.textmap import MappedText
from plancmp.ruleset import RuleSet, default_rules

from .samples import CORPUS, SAMPLES


def fresh_python(code: str) -> str:
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert (p.returncode, p.stderr) == (0, ""), p.stderr
    return p.stdout


# ------------------------------------------------------------------ jieba stand-ins (extract/tokenize.py)

def test_tokenizing_loads_neither_pkg_resources_nor_the_hmm_tables_nor_the_default_dictionary() -> None:
    """The tokenizer runs with the HMM off over the domain dictionary: jieba.finalseg stays a stand-in,
    pkg_resources is never imported and jieba's default tokenizer is never initialized; the stand-in
    still gives the real module to code that uses it afterwards."""
    out = fresh_python(
        "import sys\nfrom plancmp.extract.tokenize import tokenize\nfrom plancmp.ruleset import RuleSet\n"
        "words = tokenize('到2025年学前教育毛入园率达到95%以上', RuleSet())\n"
        "import jieba\n"
        "print('毛入园率' in words, 'pkg_resources' in sys.modules, type(sys.modules['jieba.finalseg']).__name__,"
        " jieba.dt.initialized)\n"
        "cut = list(jieba.finalseg.cut('我来到北京'))\n"
        "print(''.join(cut) == '我来到北京', type(sys.modules['jieba.finalseg']).__name__)\n")
    assert out == "True False _LazyHMM False\nTrue module\n"


def test_extracting_a_plan_loads_neither_posseg_nor_the_default_dictionary() -> None:
    """The project judge tags names with the pipeline's tagger (extract/tokenize.py, rich_tagger):
    extracting a plan with named projects never imports jieba.posseg (its HMM tables) and never
    builds jieba's default dictionary (about a second and 120 MB per process)."""
    out = fresh_python(
        "import sys\nfrom plancmp.extract.pipeline import extract_file\n"
        f"r = extract_file({str(SAMPLES / 'shanxi-taiyuan-yingze-2021.txt')!r})\n"
        "import jieba\n"
        "print(len(r.projects) > 0, 'jieba.posseg' in sys.modules, jieba.dt.initialized,"
        " type(sys.modules['jieba.finalseg']).__name__)\n")
    assert out == "True False False _LazyHMM\n"


# ------------------------------------------------------------------ rule patterns compiled on load (ruleset.Regex)

# ------------------------------------------------------------------ translate (prepare/textmap.py)

def test_translate_returns_the_same_text_when_the_text_lacks_the_tables_characters() -> None:
    t = MappedText.from_original("到2025年,学前教育毛入园率达到95%。")
    assert t.translate(FULLWIDTH_TO_ASCII, "fw") is t
    d = MappedText.from_original("达到９５％").translate(FULLWIDTH_TO_ASCII, "fw")
    assert d.text == "达到95%" and [c.before for c in d.changes] == ["９", "５", "％"]


def test_the_changed_characters_are_remembered_by_table_content_and_bounded() -> None:
    table = {ord("Ａ"): "A"}
    assert MappedText.from_original("Ｂ").translate(table, "t").text == "Ｂ"
    table[ord("Ｂ")] = "B"  # the same dict, changed: the memo compares content, not identity
    assert MappedText.from_original("Ｂ").translate(table, "t").text == "B"
    for i in range(40):
        textmap._changed_chars({0x4E00 + i: "x"})
    assert len(textmap._changed_memo) <= 16


# ------------------------------------------------------------------ per-document caches (prepare/document.py, tables)

def test_tables_are_found_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once per text the stages read: segment reads the text before a heading run into its body
    gets its own line (stage split), the tables, targets and projects stages read it after; each
    asks find_tables, which reads each text once."""
    calls = []
    find = tables._find_tables
    monkeypatch.setattr(tables, "_find_tables", lambda doc, rules: calls.append(1) or find(doc, rules))
    result = pipeline.extract_file(str(SAMPLES / "beijing-fengtai-2021.txt"))
    assert calls == [1, 1] and any(t.rule and t.rule.startswith("table") for t in result.targets)


def test_a_new_text_forgets_every_cache_of_the_old_one() -> None:
    rules = default_rules()
    doc = pipeline.prepare(read(str(SAMPLES / "beijing-haidian-2021-fragment.txt")), rules)
    lines, ends = doc.lines(), doc.sentence_bounds(len(doc.text) // 2)
    assert doc.lines() is lines  # shared, not rebuilt per call
    tables.find_tables(doc, rules)
    assert doc.derived
    doc.set_text(MappedText.from_original("一、总体要求\n新建学校10所。"))
    assert [t for _, _, t in doc.lines()] == ["一、总体要求", "新建学校10所。"]
    assert doc.derived == {} and doc.sentence_bounds(3) != ends


# ------------------------------------------------------------------ batch warm-up before forking (extract/batch.py)

def test_the_warm_up_builds_everything_a_plan_needs() -> None:
    """After ``_warm`` a forked worker inherits every table and compiled bundle: extracting the
    samples and the corpus builds nothing more on the rule set."""
    rules = RuleSet()
    batch._warm(rules)
    built = (set(rules._extras), set(rules._cache), set(rules._raw))
    assert len(built[0]) > 5
    for f in sorted(SAMPLES.glob("*.txt")) + sorted((CORPUS / "raw").glob("*.txt")):
        pipeline.extract_file(str(f), rules=rules)
    assert (set(rules._extras), set(rules._cache), set(rules._raw)) == built


def test_bench_measures_every_trick() -> None:
    """scripts/bench.py --tricks has a figure for each trick this file pins."""
    bench = (Path(__file__).resolve().parent.parent / "scripts" / "bench.py").read_text(encoding="utf-8")
    for name in ("jieba_import_plancmp", "jieba_domain_dictionary", "regex_on_load", "translate", "doc_caches", "warm_up"):
        assert f'"{name}":' in bench
