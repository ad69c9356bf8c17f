"""plancmp's own scorer: extract output against gold annotations (tests/gold, tests/corpus/gold).

Independent of the reference tools in ../shared (tests never read them), but
built to the same contract (docs/records.md), and checked to give the same
figures on the corpus (tests/corpus/README.md):

- targets: a prediction matches a gold record on the same line (or line range)
  with the same value, value_max and unit once 万/亿 scales and 成 are folded
  in; "found" F1 counts matches, "strict" F1 also needs comparator, kind,
  year (when gold gives one) and a metric that names the same thing;
- sections: same line and a title that is the same or nearly so;
- projects: names that are the same or nearly so, recall per tier;
- meta: share of the gold's fields that are right; a field the gold lists in
  ``optional_fields`` counts only when the prediction gives one.

The gold format's extras:

- ``optional`` records are neither required nor held against a prediction;
- ``metric_clean`` / ``unit_clean`` give the cleaned form of a metric or unit
  written with damage in the text; either form is right;
- ``scope``: ``[[first, last], …]`` line ranges outside which nothing was
  annotated: records outside them are dropped on both sides (projects without
  a line are kept), sections too unless ``sections_scope`` is ``"all"``;
- metrics and units are compared without the pinyin or character glosses
  conversion sites leave (學(xué), [繁体:園], 二(读:èr), {拼音:zhōng}, 【ér】) and
  with traditional scale and measure words read as simplified (5萬個 = 5万个).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

_SCALES = (("亿", 100_000_000), ("万", 10_000), ("千", 1_000), ("百", 100))
_STRIP = re.compile(r"[\s“”\"'‘’《》〈〉「」『』【】]")
_PINYIN = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
#: a gloss a conversion site put after a character: a bracket around a labelled reading or form
#: (读:èr, 拼音:zhōng, pinyin:yuán, 繁体:園, 繁:學) or around bare pinyin (xué, ér)
GLOSS = re.compile(r"[(（\[【{]\s*(?:(?:读|讀|拼音|pinyin|繁体|繁體|繁)\s*[:：]\s*[^)）\]】}]{1,8}"
                   rf"|[{_PINYIN}]{{1,7}})\s*[)）\]】}}]")
#: traditional forms of the scale and measure words units are written with
_UNIT_SIMPLIFIED = str.maketrans("萬億個間項場臺張畝噸時門條級", "万亿个间项场台张亩吨时门条级")


def plain(s: str | None) -> str:
    """A metric as compared: no glosses, quotes or spaces.

    >>> plain("學(xué)前教育毛入學(xué)率")
    '學前教育毛入學率'
    >>> plain("幼儿【ér】园[繁体:園]“覆盖率”")
    '幼儿园覆盖率'
    """
    return _STRIP.sub("", GLOSS.sub("", s or ""))


def fold_unit(value: float | None, unit: str | None) -> tuple[float | None, str]:
    """(value, unit) with leading scale characters multiplied out: (1.3, 万人次) → (13000, 人次).

    >>> fold_unit(5, "萬個")
    (50000, '个')
    """
    u = GLOSS.sub("", unit or "").translate(_UNIT_SIMPLIFIED).replace("％", "%").replace(" ", "")
    v = value
    changed = True
    while changed and len(u) > 1:
        changed = False
        for ch, k in _SCALES:
            if u.startswith(ch):
                u, v = u[1:], (v * k if v is not None else None)
                changed = True
    if u == "成":
        u, v = "%", (v * 10 if v is not None else None)
    return v, u


def same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def bare(s: str | None) -> str:
    return _STRIP.sub("", s or "")


def dice(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of two metrics (containment counts as length ratio)."""
    a, b = plain(a), plain(b)
    if not a or not b:
        return 0.0
    if a in b or b in a:
        short, long_ = sorted((len(a), len(b)))
        return short / long_ if short >= 2 else 0.0
    ga = {a[i:i + 2] for i in range(len(a) - 1)} or {a}
    gb = {b[i:i + 2] for i in range(len(b) - 1)} or {b}
    return 2 * len(ga & gb) / (len(ga) + len(gb))


def metric_names_same(pred: str, gold: str) -> bool:
    """The predicted metric names what the gold one names, without much more around it."""
    p, g = plain(pred), plain(gold)
    if len(p) < 2 or len(g) < 2:
        return bool(p) and p == g
    if g in p:
        return len(p) <= 1.5 * len(g) + 2
    if p in g:
        return 2 * len(p) >= len(g)
    return dice(p, g) >= 0.6


def near_name(pred: str, gold: str) -> float:
    """How well two names agree: 1 equal, ~0.9 one inside the other, else a ratio ≥ 0.8 or 0."""
    p, g = bare(pred), bare(gold)
    if not p or not g:
        return float(p == g)
    if p == g:
        return 1.0
    if (p in g or g in p) and min(len(p), len(g)) / max(len(p), len(g)) >= 0.6:
        return 0.9
    r = SequenceMatcher(None, p, g).ratio()
    return r if r >= 0.8 else 0.0


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else float(n_gold == 0)
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _line_range(rec: dict) -> tuple[int, int]:
    ln = rec["line"]
    return (int(ln[0]), int(ln[-1])) if isinstance(ln, list) else (int(ln), int(ln))


def _flatten(pred_targets: list[dict]) -> list[dict]:
    """Predicted targets, with inline baselines as records of their own."""
    out = []
    for t in pred_targets:
        out.append(t)
        b = t.get("baseline")
        if isinstance(b, dict) and b.get("value") is not None:
            out.append({"metric": t.get("metric"), "value": b["value"], "value_max": b.get("value_max"),
                        "unit": b.get("unit") or t.get("unit"), "comparator": b.get("comparator", "="),
                        "kind": "baseline", "year": b.get("year"), "line": b.get("line") or t.get("line")})
    return out


def _greedy(cands: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


@dataclass
class TargetScore:
    n_gold: int
    n_pred: int
    found: int
    strict: int
    missed: list[dict]
    spurious: list[dict]
    wrong: list[tuple[dict, dict]]

    @property
    def found_f1(self) -> float:
        return f1(self.found, self.n_pred, self.n_gold)[2]

    @property
    def strict_f1(self) -> float:
        return f1(self.strict, self.n_pred, self.n_gold)[2]


def _strictly_right(g: dict, p: dict) -> bool:
    return ((p.get("comparator") or "=") == (g.get("comparator") or "=")
            and p.get("kind") == g.get("kind")
            and (g.get("year") is None or p.get("year") == g.get("year"))
            and any(metric_names_same(p.get("metric", ""), m) for m in (g.get("metric_clean"), g.get("metric")) if m))


def score_targets(gold: list[dict], pred_targets: list[dict]) -> TargetScore:
    pred = _flatten(pred_targets)
    cands = []
    for gi, g in enumerate(gold):
        lo, hi = _line_range(g)
        gv, gu = fold_unit(g.get("value"), g.get("unit"))
        gmax, _ = fold_unit(g.get("value_max"), g.get("unit"))
        units = {gu} | ({fold_unit(g.get("value"), g["unit_clean"])[1]} if g.get("unit_clean") else set())
        for pi, p in enumerate(pred):
            if not lo <= int(p.get("line", -1)) <= hi:
                continue
            pv, pu = fold_unit(p.get("value"), p.get("unit"))
            if pu not in units or not same_number(pv, gv):
                continue
            if g.get("value_max") is not None and not same_number(fold_unit(p.get("value_max"), p.get("unit"))[0], gmax):
                continue
            cands.append((dice(p.get("metric", ""), g.get("metric", "")) + (0.5 if p.get("kind") == g.get("kind") else 0), gi, pi))
    pairs = _greedy(cands)
    optional_hits = {pi for gi, pi in pairs if gold[gi].get("optional")}
    real = [(gi, pi) for gi, pi in pairs if not gold[gi].get("optional")]
    matched_g, matched_p = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
    return TargetScore(
        n_gold=sum(1 for g in gold if not g.get("optional")),
        n_pred=len(pred) - len(optional_hits),
        found=len(real),
        strict=sum(1 for gi, pi in real if _strictly_right(gold[gi], pred[pi])),
        missed=[g for i, g in enumerate(gold) if i not in matched_g and not g.get("optional")],
        spurious=[p for i, p in enumerate(pred) if i not in matched_p],
        wrong=[(gold[gi], pred[pi]) for gi, pi in real if not _strictly_right(gold[gi], pred[pi])],
    )


def score_sections(gold: list[dict], pred: list[dict]) -> dict[str, Any]:
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        best = max(((near_name(p.get("title", ""), g["title"]), pi) for pi, p in enumerate(pred)
                    if pi not in used and p.get("line") == g["line"]), default=(0.0, -1))
        if best[0] > 0:
            used.add(best[1])
            pairs.append((gi, best[1]))
    n_gold = sum(1 for g in gold if not g.get("optional"))
    tp = sum(1 for gi, _ in pairs if not gold[gi].get("optional"))
    n_pred = len(pred) - sum(1 for gi, _ in pairs if gold[gi].get("optional"))
    _, _, f = f1(tp, n_pred, n_gold)
    levels = sum(1 for gi, pi in pairs if pred[pi].get("level") == gold[gi].get("level"))
    return {"f1": f, "level_acc": levels / len(pairs) if pairs else 1.0,
            "missed": [(g["line"], g["title"]) for i, g in enumerate(gold) if i not in {a for a, _ in pairs}],
            "spurious": [(p.get("line"), p.get("title")) for i, p in enumerate(pred) if i not in used]}


def score_projects(gold: list[dict], pred: list[dict]) -> dict[str, Any]:
    cands = [(s, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
             if (s := near_name(p.get("name", ""), g["name"])) > 0]
    pairs = _greedy(cands)
    hit = {gi for gi, _ in pairs}

    def recall(tier: str) -> float:
        pool = [i for i, g in enumerate(gold) if g.get("tier") == tier and not g.get("optional")]
        return sum(1 for i in pool if i in hit) / len(pool) if pool else 1.0

    precision = len(pairs) / len(pred) if pred else float(not gold)
    return {"list_recall": recall("list"), "named_recall": recall("named"), "precision": precision,
            "missed": [g["name"] for i, g in enumerate(gold) if i not in hit and not g.get("optional")],
            "spurious": [p.get("name") for i, p in enumerate(pred) if i not in {b for _, b in pairs}]}


def score_meta(gold: dict, pred: dict) -> dict[str, Any]:
    """Share of the gold's fields the prediction has right; an optional field counts only when predicted."""
    optional = set(gold.get("optional_fields", []))
    fields: dict[str, tuple[Any, Any]] = {"title": (gold.get("title"), pred.get("title")),
                                          "issued": (gold.get("issued"), pred.get("issued"))}
    for group, keys in (("region", ("province", "city", "district")), ("period", ("start", "end"))):
        for k in keys:
            fields[f"{group}.{k}"] = ((gold.get(group) or {}).get(k), (pred.get(group) or {}).get(k))
    checks: dict[str, bool] = {}
    for name, (want, got) in fields.items():
        if want and (name not in optional or got):
            checks[name] = near_name(got or "", want) > 0 if name == "title" else got == want
    return {"acc": sum(checks.values()) / len(checks) if checks else 1.0,
            "wrong": sorted(k for k, ok in checks.items() if not ok)}


def in_scope(rec: dict, scope: list[list[int]] | None) -> bool:
    """Whether a record's line (or whole line range) lies inside one of the annotated ranges."""
    if not scope:
        return True
    lo, hi = _line_range(rec)
    return any(a <= lo and hi <= b for a, b in scope)


def restrict(doc: dict, scope: list[list[int]] | None, keys: tuple[str, ...]) -> dict:
    """``doc`` with only the records of ``keys`` inside ``scope`` (projects without a line stay)."""
    if not scope:
        return doc
    out = dict(doc)
    for key in keys:
        out[key] = [r for r in doc.get(key) or []
                    if (key == "projects" and r.get("line") is None) or in_scope(r, scope)]
    return out


def score_document(gold: dict, pred: dict) -> dict[str, Any]:
    """Every figure for one document, inside the gold's ``scope`` when it has one."""
    keys = ("targets", "projects") if gold.get("sections_scope") == "all" else ("targets", "projects", "sections")
    gold, pred = restrict(gold, gold.get("scope"), keys), restrict(pred, gold.get("scope"), keys)
    t = score_targets(gold.get("targets", []), pred.get("targets", []))
    return {"targets_strict_f1": t.strict_f1, "targets_found_f1": t.found_f1, "targets": t,
            "sections": score_sections(gold.get("sections", []), pred.get("sections", [])),
            "projects": score_projects(gold.get("projects", []), pred.get("projects", [])),
            "meta": score_meta(gold.get("meta", {}), pred.get("meta", {}))}


#: the figures of one document that floors are set on (the macro average of each is reported)
FIGURES = ("targets_strict_f1", "targets_found_f1", "sections_f1", "sections_level_acc", "meta_acc",
           "projects_list_recall", "projects_named_recall", "projects_precision")


def figures(gold: dict, pred: dict) -> dict[str, float]:
    """The :data:`FIGURES` of one document."""
    s = score_document(gold, pred)
    return {"targets_strict_f1": s["targets_strict_f1"], "targets_found_f1": s["targets_found_f1"],
            "sections_f1": s["sections"]["f1"], "sections_level_acc": s["sections"]["level_acc"],
            "meta_acc": s["meta"]["acc"], "projects_list_recall": s["projects"]["list_recall"],
            "projects_named_recall": s["projects"]["named_recall"], "projects_precision": s["projects"]["precision"]}
