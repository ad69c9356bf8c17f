"""Print the gold figures per document: `python -m tests.report [--corpus] [--misses]`.

Without ``--corpus`` the five samples (floors of tests/test_gold.py), with it the corpus
(tests/corpus, floors of tests/test_corpus.py).
"""
from __future__ import annotations

import json
import sys

from .samples import CORPUS_NAMES, SAMPLE_NAMES, corpus_extracted, corpus_gold, extracted, gold
from .scoring import figures, score_document


def print_misses(s: dict) -> None:
    t = s["targets"]
    for g in t.missed:
        print("  target missed  ", json.dumps(g, ensure_ascii=False))
    for p in t.spurious:
        print("  target spurious", json.dumps({k: p.get(k) for k in ("line", "metric", "value", "unit", "kind")}, ensure_ascii=False))
    for g, p in t.wrong:
        print("  target wrong   ", g["line"], g["metric"], "|", p.get("metric"), p.get("comparator"), p.get("kind"), p.get("year"))
    for key in ("sections", "projects"):
        for kk in ("missed", "spurious"):
            for item in s[key][kk]:
                print(f"  {key} {kk}", item)


def main(argv: list[str]) -> int:
    if "--corpus" in argv:
        from .test_corpus import FLOORS

        names, gold_of, pred_of = CORPUS_NAMES, corpus_gold, corpus_extracted
    else:
        from .test_gold import FLOORS

        names, gold_of, pred_of = SAMPLE_NAMES, gold, extracted
    rows = {}
    width = max(map(len, names))
    for name in names:
        rows[name] = {k: v for k, v in figures(gold_of(name), pred_of(name)).items() if k in FLOORS}
        print(f"{name:{width}s} " + " ".join(f"{k.split('_', 1)[1][:12]}={v:.3f}" for k, v in rows[name].items()))
        if "--misses" in argv:
            print_misses(score_document(gold_of(name), pred_of(name)))
    avg = {k: sum(r[k] for r in rows.values()) / len(rows) for k in FLOORS}
    print("macro " + " ".join(f"{k}={v:.3f}{'' if v >= FLOORS[k] else '(<' + str(FLOORS[k]) + ')'}" for k, v in avg.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
