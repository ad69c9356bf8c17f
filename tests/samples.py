"""The five sample plans, the corpus (tests/corpus) and their gold annotations, from this repo only
(tests never read ../shared).

Helpers for test modules and ``python -m tests.report``; fixtures live in conftest.py.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLD = Path(__file__).resolve().parent / "gold"
SAMPLE_NAMES = sorted(p.stem for p in GOLD.glob("*.json"))


@lru_cache(maxsize=None)
def gold(name: str) -> dict:
    return json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def extracted(name: str) -> dict:
    """`plancmp extract` of a sample as JSON-ready dict (computed once per test run)."""
    from plancmp.extract.pipeline import extract_file

    return extract_file(str(SAMPLES / f"{name}.txt")).to_dict()


# ------------------------------------------------------------------ the corpus

CORPUS = Path(__file__).resolve().parent / "corpus"
CORPUS_GOLD = CORPUS / "gold"
CORPUS_NAMES = sorted(p.stem for p in CORPUS_GOLD.glob("*.json"))
#: the corpus's align gold names the samples by their names in ../shared/seeds (tests/corpus/README.md)
SEED_SAMPLES = {"004_c9edaaedf241fa52.txt": "fujian-fuzhou-gulou-2021.txt"}


def corpus_text(doc: str) -> Path:
    """The text a corpus gold file names in ``doc`` (or ``a``/``b``): a corpus text or a sample."""
    if doc in SEED_SAMPLES:
        return SAMPLES / SEED_SAMPLES[doc]
    return CORPUS / "raw" / doc


@lru_cache(maxsize=None)
def corpus_gold(name: str) -> dict:
    return json.loads((CORPUS_GOLD / f"{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def corpus_extracted(name: str) -> dict:
    """`plancmp extract` of a corpus text as a JSON-ready dict (computed once per test run)."""
    from plancmp.extract.pipeline import extract_file

    return extract_file(str(corpus_text(corpus_gold(name)["doc"]))).to_dict()


def corpus_plan(doc: str) -> dict:
    """The extract record of a text an align gold file names (a corpus text or a sample)."""
    if doc in SEED_SAMPLES:
        return extracted(Path(SEED_SAMPLES[doc]).stem)
    return corpus_extracted(Path(doc).stem)
