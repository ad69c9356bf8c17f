"""Text with a map back to the original.

Every stage that changes the text (normalizing characters, dropping page
markers, re-joining pages, reversing spun words) produces a new
:class:`MappedText` from a list of :class:`Edit` s on its parent. Positions in
any derived text map back to offsets of the decoded original, and from there
to 1-based original line numbers, so every record can point at the line a
person sees with ``sed -n Np``. Offsets are computed, never patched.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

_NEWLINE = re.compile(r"\r\n|\r|\n")


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``repl`` (``repl`` may be empty: a deletion)."""

    start: int
    end: int
    repl: str


@dataclass(frozen=True)
class Change:
    """One applied edit, reported by ``plancmp clean --explain``."""

    stage: str
    line: int  # original line
    before: str
    after: str


class Original:
    """The decoded input, with the offsets where its lines start."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        starts.extend(m.end() for m in _NEWLINE.finditer(text))
        # a final newline does not open a new line (as `wc -l`/`sed` count)
        if len(starts) > 1 and starts[-1] == len(text):
            starts.pop()
        self.line_starts = starts

    @property
    def n_lines(self) -> int:
        return 0 if not self.text else len(self.line_starts)

    def line_of(self, offset: int) -> int:
        """1-based line of an original offset."""
        return bisect_right(self.line_starts, max(offset, 0))

    def line_text(self, line: int) -> str:
        """The original line (1-based), without its line end."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


_changed_memo: list[tuple[dict[int, str | int | None], str]] = []


def _changed_chars(table: dict[int, str | int | None]) -> str:
    """The characters ``table`` changes, escaped for a regex class (remembered per table:
    the metadata stage normalizes line by line with the same few tables)."""
    for known, chars in _changed_memo:
        if known == table:
            return chars
    chars = "".join(re.escape(chr(k)) for k, v in table.items() if v != chr(k) and v != k)
    if len(_changed_memo) < 16:
        _changed_memo.append((dict(table), chars))
    return chars


class MappedText:
    """A text derived from an :class:`Original`, mapping positions back to it.

    The map is piecewise: ``_new[i]`` is where segment *i* starts in this text,
    ``_old[i]`` where it starts in the parent; a copy segment maps one to one,
    a replaced segment maps every position to the start of what it replaced.
    """

    __slots__ = ("text", "original", "parent", "stage", "_new", "_old", "_copy", "_old_len", "_identity",
                 "_pending", "history")

    def __init__(self, original: Original, text: str | None = None, parent: MappedText | None = None,
                 stage: str = "original", history: bool = True) -> None:
        self.original = original
        #: whether the stages' texts are kept for :attr:`changes` (``plancmp clean --explain``); without,
        #: a text is let go as soon as the stage after next is made, so at most three copies of a
        #: document are alive however many stages change it
        self.history = parent.history if parent is not None else history
        self.text = original.text if text is None else text
        self.parent = parent
        self.stage = stage
        self._new: list[int] = [0]
        self._old: list[int] = [0]
        self._copy: list[bool] = [True]
        self._old_len: list[int] = [len(self.text)]
        self._identity = True  # every position maps to itself in the parent: mapping skips this node
        # what made this text from its parent, turned into Change records only on demand:
        # (edits on the parent) or (parent text, changed characters)
        self._pending: list[Edit] | tuple[str, str] | None = None

    @classmethod
    def from_original(cls, text: str, history: bool = True) -> MappedText:
        return cls(Original(text), history=history)

    def _derived(self, child: MappedText, pending: list[Edit] | tuple[str, str] | None) -> MappedText:
        """``child`` made from this text: what made it is kept with history; without, the text this
        one was made from is let go (nothing reads it any more)."""
        if self.history:
            child._pending = pending
        elif self.parent is not None:
            self._pending = None
            if self.parent.parent is not None:
                self.parent.text = ""
        return child

    @property
    def changes(self) -> list[Change]:
        """The edits that made this text from its parent, as :class:`Change` s (built on each call:
        only ``clean --explain`` reads them, so extraction never pays for one record per changed character)."""
        pending, parent = self._pending, self.parent
        if pending is None or parent is None:
            return []
        if isinstance(pending, tuple):
            before, changed = pending
            return [Change(self.stage, parent.line_of(m.start()), m.group(), self.text[m.start()])
                    for m in re.finditer(f"[{changed}]", before)]
        return [Change(self.stage, parent.line_of(e.start), parent.text[e.start:e.end], e.repl) for e in pending]

    # -- deriving -----------------------------------------------------------
    def apply(self, edits: list[Edit], stage: str, record: bool = True) -> MappedText:
        """A new text with ``edits`` applied; edits must not overlap."""
        if not edits:
            return self
        edits = sorted(edits)
        child = MappedText(self.original, "", self, stage)
        new, old, copy, old_len = [], [], [], []
        pieces: list[str] = []
        pos = 0  # in parent
        out = 0  # in child
        for e in edits:
            if e.start < pos or e.end < e.start or e.end > len(self.text):
                raise ValueError(f"{stage}: overlapping or out-of-range edit {e}")
            if e.start > pos:
                new.append(out)
                old.append(pos)
                copy.append(True)
                old_len.append(e.start - pos)
                pieces.append(self.text[pos:e.start])
                out += e.start - pos
            if e.repl:
                new.append(out)
                old.append(e.start)
                same = len(e.repl) == e.end - e.start
                copy.append(same)
                old_len.append(e.end - e.start)
                pieces.append(e.repl)
                out += len(e.repl)
            pos = e.end
        if pos < len(self.text) or not new:
            new.append(out)
            old.append(pos)
            copy.append(True)
            old_len.append(len(self.text) - pos)
            pieces.append(self.text[pos:])
        child.text = "".join(pieces)
        child._new, child._old, child._copy, child._old_len = new, old, copy, old_len
        child._identity = all(copy) and new == old
        return self._derived(child, edits if record else None)

    def translate(self, table: dict[int, str | int | None], stage: str) -> MappedText:
        """Apply a one-to-one character table (``str.translate`` that keeps length)."""
        changed = _changed_chars(table)
        # most plans hold none of a table's characters: one regex scan in C says so, where
        # str.translate would look every character up in the table (3 ms on a 60 KB plan)
        if not changed or re.search(f"[{changed}]", self.text) is None:
            return self
        text = self.text.translate(table)
        if len(text) != len(self.text):
            raise ValueError(f"{stage}: translate must keep the length")
        # same length, one character for one: every position maps to itself, so the child needs no map
        # (identity); the changed characters are found again only if someone asks for the changes
        child = MappedText(self.original, text, self, stage)
        return self._derived(child, (self.text, changed))

    # -- mapping back ---------------------------------------------------------
    def _to_parent(self, pos: int) -> int:
        i = bisect_right(self._new, pos) - 1
        if i < 0:
            return 0
        delta = pos - self._new[i]
        if self._copy[i]:
            return self._old[i] + delta
        return self._old[i] + min(delta, max(self._old_len[i] - 1, 0))

    def to_original(self, pos: int) -> int:
        """Offset in the decoded original of position ``pos`` of this text."""
        node: MappedText | None = self
        while node is not None and node.parent is not None:
            if not node._identity or pos < 0:
                pos = node._to_parent(pos)
            node = node.parent
        return pos

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original half-open span covering ``text[start:end]``."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1

    def line_of(self, pos: int) -> int:
        """1-based original line of position ``pos`` of this text."""
        return self.original.line_of(self.to_original(pos))

    def forget_history(self) -> None:
        """Let go of the texts of every stage between the original and this one (one copy of the
        document per stage that changed it): positions still map back, but :attr:`changes` and
        :meth:`all_changes` say nothing of those stages any more. Extraction calls it once the text
        is prepared; ``plancmp clean --explain`` does not."""
        self._pending = None
        node = self.parent
        while node is not None and node.parent is not None:
            node.text = ""
            node._pending = None
            node = node.parent

    def all_changes(self) -> list[Change]:
        """Every change from the original to this text, oldest stage first."""
        chain: list[MappedText] = []
        node: MappedText | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        out: list[Change] = []
        for n in reversed(chain):
            out.extend(n.changes)
        return out
