"""Readers of the files plans are published as: web pages, Word ``.docx`` and PDF.

Each reader turns a file's bytes into an :class:`Extracted`: the text lines
every later stage reads (the *extracted text*, whose 1-based lines every
record's ``line`` counts, and which ``plancmp clean`` prints), the tables
found in the file's own structure as rows of cells, and for paged files the
page each line is on and the line ends that only wrap a paragraph.

- :mod:`.detect`: which format a file is, from its content (the name is a hint);
- :mod:`.html`: a page saved from a portal (lxml);
- :mod:`.docx`: Word's ``.docx`` with list numbering recovered (python-docx);
- :mod:`.pdf`: a PDF with a text layer (pdfplumber).

Only :mod:`.detect` is imported by the read stage; a reader's library is
loaded when a file needs it, so plain-text runs stay fast.
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: the formats plancmp reads, as ``--from`` names them
FORMATS = ("text", "html", "docx", "pdf")


@dataclass(frozen=True)
class Cell:
    """One cell of a table found in the file's structure: its text, the line of the
    extracted text it is written on (1-based; its row's line) and where its text starts
    there (an offset into the extracted text: ``text == extracted[start:start + len(text)]``)."""

    text: str
    line: int
    start: int = 0

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class SourceTable:
    """A table from the file's own structure (HTML ``<table>``, DOCX table, PDF ruled table).

    ``rows`` are the rows as the file has them, merged cells spread over the
    columns they span (the first column gets the text, the others ``""``).
    The extracted text holds the same rows, one line each, cells separated
    by tabs.
    """

    rows: tuple[tuple[Cell, ...], ...]
    page: int | None = None

    @property
    def lines(self) -> tuple[int, ...]:
        """The lines of the extracted text the rows are written on."""
        return tuple(r[0].line for r in self.rows if r)


@dataclass
class Extracted:
    """What a reader gives: the extracted text and what it knows of the file's structure."""

    lines: list[str]
    reader: str  # the library and version that read the file, e.g. "pdfplumber 0.11.10"
    tables: list[SourceTable] = field(default_factory=list)
    #: 1-based line where each page starts (paged formats), in page order
    page_starts: list[int] = field(default_factory=list)
    #: 1-based lines whose line end only wraps a paragraph (the next line continues it)
    wraps: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class LineWriter:
    """Builds the extracted text line by line, and the tables written into it."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.tables: list[SourceTable] = []
        self.size = 0  # characters written so far, line ends included (the next line's offset)

    @property
    def next_line(self) -> int:
        return len(self.lines) + 1

    def _write(self, text: str) -> int:
        self.lines.append(text)
        self.size += len(text) + 1
        return len(self.lines)

    def line(self, text: str) -> int:
        """Write one line (inner line breaks become spaces); its 1-based number."""
        return self._write(" ".join(text.splitlines()).replace("\t", " ").rstrip())

    def table(self, rows: list[list[str | None]], page: int | None = None, carry_on: bool = False) -> None:
        """Write a table: a row whose only text is its first cell, the rest empty (a caption
        or a title spanning the table), is a plain line; the others are tab-separated rows.
        ``carry_on``: the rows go on the table written just before (a table across a page
        break) when they have as many columns."""
        start = len(self.lines)
        width = max((len(r) for r in rows), default=0)
        out: list[tuple[Cell, ...]] = []
        for row in rows:
            cells = [_cell_text(c) for c in row] + [""] * (width - len(row))
            if not any(cells):
                continue
            if width > 1 and not any(cells[1:]):
                self.line(cells[0])
                continue
            offset = self.size
            n = self._write("\t".join(cells))
            starts = [offset + sum(len(c) + 1 for c in cells[:k]) for k in range(len(cells))]
            out.append(tuple(Cell(c, n, a) for c, a in zip(cells, starts)))
        if not out:
            return
        last = self.tables[-1] if self.tables else None
        if carry_on and last is not None and last.rows and last.rows[-1][0].line == start \
                and len(last.rows[-1]) == width:
            self.tables[-1] = SourceTable(rows=last.rows + tuple(out), page=last.page)
        else:
            self.tables.append(SourceTable(rows=tuple(out), page=page))


def _cell_text(text: str | None) -> str:
    """A cell's text on one line: CJK lines joined directly, Latin ones with a space."""
    if not text:
        return ""
    parts = [p.strip() for p in text.replace("\t", " ").splitlines() if p.strip()]
    out = ""
    for p in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            out += " "
        out += p
    return out
