"""Print the gold figures per sample: `python -m tests.report [--misses]`."""
from __future__ import annotations

import json
import sys

from .samples import SAMPLE_NAMES, extracted, gold
from .scoring import score_document
from .test_gold import FLOORS, figures


def main(argv: list[str]) -> int:
    rows = {}
    for name in SAMPLE_NAMES:
        rows[name] = figures(name)
        print(f"{name:32s} " + " ".join(f"{k.split('_', 1)[1][:12]}={v:.3f}" for k, v in rows[name].items()))
        if "--misses" in argv:
            s = score_document(gold(name), extracted(name))
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
    avg = {k: sum(r[k] for r in rows.values()) / len(rows) for k in FLOORS}
    print("macro " + " ".join(f"{k}={v:.3f}{'' if v >= FLOORS[k] else '(<' + str(FLOORS[k]) + ')'}" for k, v in avg.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
