"""Build `plancmp extract` JSON from a gold annotation (tests/gold/*.json).

Alignment is developed and tested against the gold targets, so that its
figures do not depend on how well extraction does. The gold gives line,
metric, value, unit, comparator, kind (and year, binding); span, match and
text are filled from the sample text so the records validate as Targets.

    python tests/gold_extract.py tests/gold/beijing-fengtai-2021.json > /tmp/a.json
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_TARGET_KEYS = ("metric", "value", "value_max", "unit", "comparator", "kind", "year", "binding")


def sample_path(gold: dict, gold_path: Path) -> Path:
    return ROOT / "samples" / (gold_path.stem + ".txt")


def extract_json(gold_path: Path | str) -> dict:
    """The extract record (schema plancmp.extract/1) of a gold file, as a dict."""
    gold_path = Path(gold_path)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    src = sample_path(gold, gold_path)
    text = src.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln))
    targets = []
    for t in gold.get("targets", []):
        if t.get("optional"):
            continue
        line = int(t["line"])
        body = lines[line - 1].rstrip("\r\n") if 0 < line <= len(lines) else ""
        rec = {k: t[k] for k in _TARGET_KEYS if t.get(k) is not None}
        rec.update(line=line, span={"start": starts[line - 1], "end": starts[line - 1] + len(body)},
                   match=str(t["value"]) + t.get("unit", ""), text=body.strip(), rule="gold")
        targets.append(rec)
    projects = []
    for p in gold.get("projects", []):
        if p.get("optional") or p.get("tier") == "optional":
            continue
        line = int(p["line"])
        projects.append({"name": p["name"], "category": p.get("category"), "tier": p.get("tier", "named"),
                         "line": line, "lines": [line], "text": lines[line - 1].strip() if line <= len(lines) else ""})
    meta = {k: v for k, v in (gold.get("meta") or {}).items() if k != "optional_fields"}
    return {
        "schema": "plancmp.extract/1",
        "source": {"path": f"samples/{src.name}", "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                   "encoding": "utf-8", "lines": len(lines)},
        "meta": meta,
        "sections": [],
        "targets": targets,
        "projects": projects,
        "warnings": [],
    }


if __name__ == "__main__":
    print(json.dumps(extract_json(sys.argv[1]), ensure_ascii=False, indent=1))
