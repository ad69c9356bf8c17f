"""Stage 3, clean: drop page chrome, join hard-wrapped lines, drop page markers and re-join pages, reverse spinning.

Four named cleaners run in the order of :data:`CLEANERS`, each a function
``(MappedText, RuleSet) -> (MappedText, findings)`` that can be tested alone:

``noise``
    Web-page and sharing-site chrome (``rules/noise.toml``): the line is
    taken out with its line end, as if never printed (a page number inside a
    table must not part its cells), the map still pointing at every original
    line; the line goes into ``doc.noise_lines`` and one warning per kind says
    which lines went.
``unwrap``
    A hard-wrapped copy (a PDF's text layer) has its cut lines joined again
    (:func:`plancmp.prepare.reflow.unwrap`), so page markers and headings are
    found at the starts of the lines as printed.
``page_markers``
    Copies from document-sharing sites open every page with ``N、`` (1, 2, 3 …
    at line starts) and cut words and numbers at page ends (``以习近平同`` |
    ``2、志为核心``). Found from evidence (a run of consecutive numbers over long
    lines that stop mid-sentence), the markers are deleted and the pages joined
    so words and numbers are whole; every character keeps its original line.
``spinning``
    Synonym spinning (``教化`` for 教育, ``老师`` for 教师 …) is reversed with the
    reviewed, context-bound table ``rules/spinning.toml``, only in a document
    that shows evidence of it. Records keep the original wording in ``text``.

:func:`explain_cleaning` lists what normalizing and cleaning changed (``plancmp clean --explain``).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from statistics import median

from pydantic import BaseModel, Field

from ..models import DocWarning
from ..ruleset import Regex, RuleSet, compiled_once
from . import reflow
from .document import Doc, Findings
from .textmap import Edit, MappedText

# -- rule tables -----------------------------------------------------------------


class NoiseLine(BaseModel):
    kind: str
    label: str
    pattern: Regex
    max_len: int = 300


class NoiseBlock(BaseModel):
    kind: str
    label: str
    start: Regex
    more: Regex
    max_len: int = 300


class NoisePair(BaseModel):
    kind: str
    label: str
    field: Regex
    value: Regex


class NoiseRules(BaseModel):
    line: list[NoiseLine] = Field(default=[])
    block: list[NoiseBlock] = Field(default=[])
    pair: list[NoisePair] = Field(default=[])


class Evidence(BaseModel):
    spun: str = Field(min_length=1)
    plain: str = Field(min_length=1)
    min: int = 5
    ratio: float = 2.0
    weight: float = 1.0


class Sub(BaseModel):
    spun: str = Field(min_length=1)
    plain: str = Field(min_length=1)
    only_in: list[str] = Field(default=[])
    not_in: list[str] = Field(default=[])
    left: Regex = ""
    not_left: Regex = ""
    right: Regex = ""
    not_right: Regex = ""


class SpinningEvidence(BaseModel):
    """The evidence part of ``rules/spinning.toml``: read for every document, so it is validated
    without the substitutions, whose patterns are compiled only for a spun document."""

    threshold: float = 1.0
    evidence: list[Evidence] = Field(default=[])


class SpinningRules(SpinningEvidence):
    """``rules/spinning.toml``."""

    sub: list[Sub] = Field(default=[])


@dataclass(frozen=True)
class CompiledNoise:
    """``rules/noise.toml`` compiled (:func:`compiled_noise`): one pattern per rule, in table order."""

    rules: NoiseRules
    line: tuple[re.Pattern[str], ...]  # the pattern of each [[line]] rule
    block_start: tuple[re.Pattern[str], ...]  # the start of each [[block]] rule
    block_more: tuple[re.Pattern[str], ...]  # ... and what continues it
    pair_field: tuple[re.Pattern[str], ...]  # the field line of each [[pair]] rule
    pair_value: tuple[re.Pattern[str], ...]  # ... and the value line after it


@compiled_once
def compiled_noise(rules: RuleSet) -> CompiledNoise:
    """The noise table, validated and compiled once per rule set."""
    table = rules.table("noise", NoiseRules)
    return CompiledNoise(
        rules=table,
        line=tuple(re.compile(r.pattern) for r in table.line),
        block_start=tuple(re.compile(b.start) for b in table.block),
        block_more=tuple(re.compile(b.more) for b in table.block),
        pair_field=tuple(re.compile(p.field) for p in table.pair),
        pair_value=tuple(re.compile(p.value) for p in table.pair),
    )


@dataclass(frozen=True)
class CompiledSub:
    """One substitution of ``rules/spinning.toml`` with its context conditions compiled (None: no condition)."""

    sub: Sub
    left: re.Pattern[str] | None
    not_left: re.Pattern[str] | None
    right: re.Pattern[str] | None
    not_right: re.Pattern[str] | None


@dataclass(frozen=True)
class CompiledSpinning:
    """``rules/spinning.toml`` compiled (:func:`compiled_spinning`)."""

    rules: SpinningRules
    subs: tuple[CompiledSub, ...]  # longest spun form first; table order among equal lengths


def _context(pattern: str, before: bool = False) -> re.Pattern[str] | None:
    """A context condition of a substitution: ``before`` the spun form (matched at the end of the text
    before it) or after it (matched at its end); None when the table gives none."""
    if not pattern:
        return None
    return re.compile(f"(?:{pattern})$") if before else re.compile(pattern)


@compiled_once
def compiled_spinning(rules: RuleSet) -> CompiledSpinning:
    """The spinning table, its substitutions compiled once per rule set (only when a plan shows spinning)."""
    table = rules.table("spinning", SpinningRules)
    subs = [CompiledSub(sub=s, left=_context(s.left, before=True), not_left=_context(s.not_left, before=True),
                        right=_context(s.right), not_right=_context(s.not_right))
            for s in table.sub]
    subs.sort(key=lambda c: -len(c.sub.spun))  # stable: table order among equal lengths
    return CompiledSpinning(rules=table, subs=tuple(subs))


# -- findings ----------------------------------------------------------------------


Cleaner = Callable[[MappedText, RuleSet], tuple[MappedText, Findings]]


def _line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``text`` (end excludes the newline)."""
    out, pos = [], 0
    for part in text.split("\n"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 1
    return out


def _ranges(lines: list[int]) -> str:
    """``[3, 4, 5, 9]`` → ``3-5, 9``."""
    out: list[str] = []
    lines = sorted(set(lines))
    i = 0
    while i < len(lines):
        j = i
        while j + 1 < len(lines) and lines[j + 1] == lines[j] + 1:
            j += 1
        out.append(str(lines[i]) if i == j else f"{lines[i]}-{lines[j]}")
        i = j + 1
    return ", ".join(out)


# -- noise ---------------------------------------------------------------------------


def find_noise(text: str, rules: RuleSet) -> dict[int, str]:
    """Index of every chrome line of ``text`` (0-based, by ``\\n``) → its kind."""
    noise = compiled_noise(rules)
    table = noise.rules
    spans = _line_spans(text)
    lines = [text[a:b].strip() for a, b in spans]
    found: dict[int, str] = {}
    line_rules = [(r.max_len, pattern.search, r.kind) for r, pattern in zip(table.line, noise.line)]
    for i, ln in enumerate(lines):
        if not ln:
            continue
        n = len(ln)
        for max_len, search, kind in line_rules:
            if n <= max_len and search(ln):
                found[i] = kind
                break
    for b, start, more in zip(table.block, noise.block_start, noise.block_more):
        i = 0
        while i < len(lines):
            if len(lines[i]) > b.max_len or not start.search(lines[i]):
                i += 1
                continue
            found[i] = b.kind
            j = i + 1
            while j < len(lines) and (not lines[j] or (len(lines[j]) <= b.max_len and more.search(lines[j]))):
                if lines[j]:
                    found[j] = b.kind
                j += 1
            i = j
    nonblank = [i for i, ln in enumerate(lines) if ln]
    for p, fld, val in zip(table.pair, noise.pair_field, noise.pair_value):
        for a, b in zip(nonblank, nonblank[1:]):
            if fld.search(lines[a]) and val.search(lines[b]):
                found[a] = found[b] = p.kind
    return found


_FIRST_SENTENCE = re.compile(r"[^。!?]*[。!?]")


def find_noise_openings(text: str, rules: RuleSet) -> dict[int, tuple[str, int]]:
    """Chrome run together with the text after it: index of each line too long to be chrome whose
    first sentence is a chrome line of ``rules/noise.toml`` → ``(kind, length of that sentence)``.
    (``…请在某某网上搜索。1、关于印发…``: paragraphs run together, as in a Word export.)"""
    noise = compiled_noise(rules)
    line_rules = [(r.max_len, pattern.search, r.kind) for r, pattern in zip(noise.rules.line, noise.line)]
    longest = max((r.max_len for r in noise.rules.line), default=0)
    out: dict[int, tuple[str, int]] = {}
    for i, (a, b) in enumerate(_line_spans(text)):
        if b - a <= longest:
            continue  # a whole line: find_noise's
        m = _FIRST_SENTENCE.match(text, a, min(b, a + longest + 1))
        if not m or m.end() >= b:
            continue
        first = m.group().strip()
        for max_len, search, kind in line_rules:
            if len(first) <= max_len and search(first):
                out[i] = (kind, m.end() - a)
                break
    return out


def _drop_line(text: str, span: tuple[int, int]) -> Edit:
    """The edit that takes a chrome line out with its line end, as if it had never been printed:
    a page number inside a table laid out one cell per line, or inside a cell that runs over two
    lines, must not add a blank line that parts cells or rows (the map still points at every
    original line). The last line, without a line end, is blanked."""
    a, b = span
    return Edit(a, b + 1 if b < len(text) else b, "")


def clean_noise(t: MappedText, rules: RuleSet) -> tuple[MappedText, Findings]:
    """Take every chrome line out with its line end (the map keeps every original line) and say
    which lines went, one warning per kind.

    Chrome that opens a line of run-together text is blanked up to its sentence end; the rest of
    the line stays, so the line is not a noise line (``doc.noise_lines``)."""
    table = compiled_noise(rules).rules
    labels = {r.kind: r.label for r in (*table.line, *table.block, *table.pair)}
    spans = _line_spans(t.text)
    found = find_noise(t.text, rules)
    openings = find_noise_openings(t.text, rules)
    edits = [_drop_line(t.text, spans[i]) for i in sorted(found) if spans[i][1] > spans[i][0]]
    edits += [Edit(spans[i][0], spans[i][0] + n, "") for i, (_, n) in openings.items() if i not in found]
    out = t.apply(edits, "noise")
    f = Findings()
    for i in sorted(found):
        f.noise.setdefault(found[i], []).append(t.line_of(spans[i][0]))
    peeled: dict[str, list[int]] = {}
    for i, (kind, _) in sorted(openings.items()):
        if i not in found:
            peeled.setdefault(kind, []).append(t.line_of(spans[i][0]))
    for kind, lines in [*f.noise.items(), *peeled.items()]:
        f.warnings.append(DocWarning(code="noise", line=lines[0],
                                     message=f"dropped {labels.get(kind, kind)} ({kind}) on line{'s' if len(lines) > 1 else ''} {_ranges(lines)}"))
    return out, f


# -- page markers -------------------------------------------------------------------

_PAGE_MARK = re.compile(r"[ \t]*(\d{1,4})、")
#: a page is this long at least (median over pages), in characters
MIN_PAGE_CHARS = 200
#: ... and at least this share of page breaks cut a sentence (no 。；！？： at the page end)
MIN_CUT_SHARE = 0.25
MIN_PAGES = 3
#: ... and the markers open at least this share of the non-blank lines from the first one on (a
#: hard-wrapped copy joined again keeps a line break where a cut fell right after a full stop)
MIN_MARKED_SHARE = 0.7
_SENTENCE_END = "。;!?:”\"》)"


def find_page_markers(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of page markers ``N、`` at line starts, or ``[]`` without evidence.

    Evidence: at least three lines open with consecutive numbers 1, 2, 3 … (or
    k, k+1 … for a copy that starts mid-document), they are most of the
    non-blank lines from the first one on, the pages are long, and many page
    ends cut a sentence, which list items and headings never do.
    """
    spans = _line_spans(text)
    marks: list[tuple[int, int, int, int]] = []  # (line index, number, start, end)
    for i, (a, b) in enumerate(spans):
        m = _PAGE_MARK.match(text, a, b)
        if m:
            marks.append((i, int(m.group(1)), m.start(1), m.end()))
    # the longest run of consecutive numbers, in document order
    best: list[tuple[int, int, int, int]] = []
    run: list[tuple[int, int, int, int]] = []
    for mk in marks:
        if run and mk[1] == run[-1][1] + 1:
            run.append(mk)
        else:
            run = [mk]
        if len(run) > len(best):
            best = list(run)
    if len(best) < MIN_PAGES:
        return []
    first = best[0][0]
    nonblank = [i for i in range(first, len(spans)) if text[spans[i][0]:spans[i][1]].strip()]
    if len(best) < MIN_MARKED_SHARE * len(nonblank):
        return []
    lengths = [spans[i][1] - spans[i][0] for i, *_ in best]
    if median(lengths) < MIN_PAGE_CHARS:
        return []
    ends = [text[spans[i][0]:spans[i][1]].rstrip() for i, *_ in best[:-1]]
    cut = sum(1 for e in ends if e and e[-1] not in _SENTENCE_END)
    if cut < MIN_CUT_SHARE * len(ends):
        return []
    return [(s, e) for _, _, s, e in best]


def clean_page_markers(t: MappedText, rules: RuleSet) -> tuple[MappedText, Findings]:
    """Delete page markers and the line breaks between pages, so cut words and numbers join again."""
    marks = find_page_markers(t.text)
    f = Findings()
    if not marks:
        return t, f
    edits: list[Edit] = []
    for k, (s, e) in enumerate(marks):
        if k == 0:
            edits.append(Edit(s, e, ""))
            continue
        # the page break: newlines (and blank lines) before the marker go with it
        a = s
        while a > 0 and t.text[a - 1] in "\n \t" and t.text[a - 1:s].count("\n") < 50:
            a -= 1
        a = max(a, marks[k - 1][1])
        # keep spaces that end the previous page: only newlines are page structure
        while a < s and t.text[a] in " \t":
            a += 1
        if a < s:
            edits.append(Edit(a, s, ""))  # the page break
        edits.append(Edit(s, e, ""))  # the marker
    out = t.apply(edits, "page_markers")
    lines = [t.line_of(s) for s, _ in marks]
    f.warnings.append(DocWarning(code="page-markers", line=lines[0],
                                 message=f"removed {len(marks)} page markers (N、 at line starts, lines {_ranges(lines)}) "
                                         "and joined the pages of a document-sharing copy"))
    return out, f


# -- spinning -----------------------------------------------------------------------


def spinning_evidence(text: str, rules: RuleSet) -> list[tuple[Evidence, int, int]]:
    """The evidence entries that fire on ``text``, with spun and plain counts."""
    table = rules.table("spinning", SpinningEvidence)
    out = []
    for ev in table.evidence:
        n_spun, n_plain = text.count(ev.spun), text.count(ev.plain)
        if n_spun >= ev.min and n_spun >= ev.ratio * n_plain:
            out.append((ev, n_spun, n_plain))
    return out


def _enough(fired: list[tuple[Evidence, int, int]], rules: RuleSet) -> bool:
    return sum(ev.weight for ev, _, _ in fired) >= rules.table("spinning", SpinningEvidence).threshold


def is_spun(text: str, rules: RuleSet) -> bool:
    """Whether ``text`` shows enough evidence of synonym spinning to reverse it."""
    return _enough(spinning_evidence(text, rules), rules)


def _in_compound(text: str, pos: int, spun: str, compounds: list[str]) -> bool:
    for c in compounds:
        k = c.find(spun)
        while k != -1:
            if pos - k >= 0 and text.startswith(c, pos - k):
                return True
            k = c.find(spun, k + 1)
    return False


def sub_applies(c: CompiledSub, text: str, pos: int) -> bool:
    """Whether substitution ``c`` reverses the spun form at ``pos`` of ``text`` (its context conditions hold)."""
    s = c.sub
    end = pos + len(s.spun)
    if s.only_in and not _in_compound(text, pos, s.spun, s.only_in):
        return False
    if s.not_in and _in_compound(text, pos, s.spun, s.not_in):
        return False
    before = text[max(0, pos - 24):pos]
    if c.left and not c.left.search(before):
        return False
    if c.not_left and c.not_left.search(before):
        return False
    if c.right and not c.right.match(text, end):
        return False
    if c.not_right and c.not_right.match(text, end):
        return False
    return True


def despin_edits(text: str, rules: RuleSet) -> list[Edit]:
    """Edits reversing every spun form of ``text`` whose context conditions hold (no evidence check)."""
    subs = compiled_spinning(rules).subs
    taken = bytearray(len(text))
    edits: list[Edit] = []
    for c in subs:
        spun = c.sub.spun
        i = text.find(spun)
        while i != -1:
            j = i + len(spun)
            if not any(taken[i:j]) and sub_applies(c, text, i):
                edits.append(Edit(i, j, c.sub.plain))
                taken[i:j] = b"\x01" * len(spun)
            i = text.find(spun, i + 1)
    return edits


def clean_spinning(t: MappedText, rules: RuleSet) -> tuple[MappedText, Findings]:
    """Reverse synonym spinning in a document that shows evidence of it; say what was done."""
    f = Findings()
    fired = spinning_evidence(t.text, rules)
    if not _enough(fired, rules):
        return t, f
    edits = despin_edits(t.text, rules)
    if not edits:
        return t, f
    out = t.apply(edits, "spinning")
    counts = Counter(f"{t.text[e.start:e.end]}→{e.repl}" for e in edits)
    top = ", ".join(f"{k} {n}" for k, n in counts.most_common(12))
    more = f" and {len(counts) - 12} more kinds" if len(counts) > 12 else ""
    why = "; ".join(f"{ev.spun} {n}× vs {ev.plain} {p}×" for ev, n, p in fired)
    f.warnings.append(DocWarning(code="spinning", line=t.line_of(edits[0].start),
                                 message=f"reversed synonym spinning: {len(edits)} replacements ({top}{more}); "
                                         f"evidence: {why}; records keep the original wording in text"))
    return out, f


CLEANERS: dict[str, Cleaner] = {
    "noise": clean_noise,
    "unwrap": reflow.unwrap,  # before page markers: they are found at the starts of the lines a page printed
    "page_markers": clean_page_markers,
    "spinning": clean_spinning,
}


def clean(doc: Doc, rules: RuleSet) -> Doc:
    """Stage ``clean``: every cleaner of :data:`CLEANERS` in order."""
    t = doc.mapped
    for cleaner in CLEANERS.values():
        t, found = cleaner(t, rules)
        for lines in found.noise.values():
            doc.noise_lines.update(lines)
        doc.warnings.extend(found.warnings)
    doc.set_text(t)
    return doc


def _show(s: str, width: int = 40) -> str:
    s = s.replace("\n", "⏎")
    return repr(s if len(s) <= width else s[:width - 1] + "…")


def explain_cleaning(doc: Doc) -> str:
    """What normalizing and cleaning changed, grouped by fixer, with original line numbers."""
    groups: dict[str, dict[tuple[str, str], list[int]]] = {}
    for ch in doc.mapped.all_changes():
        # short changes group by shape: page markers 1、 2、 … show as one row N、
        before = re.sub(r"\d+", "N", ch.before) if len(ch.before) <= 8 else ch.before
        groups.setdefault(ch.stage, {}).setdefault((before, ch.after), []).append(ch.line)
    out: list[str] = []
    for stage, pairs in groups.items():
        n = sum(len(v) for v in pairs.values())
        out.append(f"{stage}: {n} change{'s' if n != 1 else ''}")
        for (before, after), lines in sorted(pairs.items(), key=lambda kv: (-len(kv[1]), kv[1][0])):
            times = f" ×{len(lines)}" if len(lines) > 1 else ""
            where = _ranges(lines)
            if len(where) > 70:
                where = where[:69].rsplit(",", 1)[0] + ", …"
            out.append(f"  {_show(before)} → {_show(after)}{times}  line{'s' if len(set(lines)) > 1 else ''} {where}")
    if doc.warnings:
        out.append("warnings:")
        out.extend(f"  line {w.line or '-'}: [{w.code}] {w.message}" for w in doc.warnings)
    return "\n".join(out) if out else "no changes: the text is read as it is"
