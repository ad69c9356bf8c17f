"""A plan published as a Word ``.docx``: paragraphs in document order, tables as tables.

python-docx opens the package (it checks the parts and their relations);
the body is then read from its XML, because python-docx's ``text`` leaves
out tracked insertions and text boxes, and knows nothing of list numbering:

- a paragraph is one line (a manual line break ``<w:br/>`` starts another);
  text boxes anchored in it follow it as lines of their own;
- Word list numbering is recovered: ``一、``, ``（一）``, ``1.``, ``（1）``,
  ``①``, ``第一章`` are often not in the text but drawn from the numbering
  definitions (``numbering.xml``) of the paragraph or of its style; the
  counters are kept per list, lower levels restart when a higher one moves,
  and the marker is written before the paragraph's text so the heading tree
  reads as it prints;
- a table of two columns or more is a table (rows of cells; merged cells
  spread over the columns and rows they span); a one-column table is a box
  (专栏) whose paragraphs are lines.

Headers, footers, footnotes, comments and a Word table of contents (paragraphs
in the ``toc N`` styles) are not the plan's text and are left out.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from ...errors import InputError
from . import Extracted, LineWriter
from .numbering import Numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: a marker ending in a letter, digit, Chinese numeral or 章/节 (``第一章``, ``1``) is set off by a space;
#: one ending in punctuation or an enclosed number (``一、``, ``（一）``, ``1.``, ``①``) runs into the text
_SPACED = re.compile(r"[A-Za-z0-9一二三四五六七八九十百千零〇章节篇条部编]")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(data: bytes, path: str) -> Extracted:
    """Read a ``.docx``: its body's lines, with list numbers, and its tables."""
    import zlib

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
        numbering = Numbering.of(document)
    except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError, OSError, zlib.error) as e:
        raise InputError(f"{path} is not a readable Word .docx ({type(e).__name__}: {e}); "
                         "open it in Word or WPS and save it again as .docx") from None
    except Exception as e:  # zipfile.BadZipFile and other damage inside the package
        if type(e).__name__ in ("BadZipFile", "LargeZipFile"):
            raise InputError(f"{path} is a damaged .docx (its ZIP archive is broken); download or export it again") from None
        raise
    w = LineWriter()
    _Body(w, numbering, _toc_styles(document)).blocks(document.element.body)
    return Extracted(lines=w.lines, reader=f"python-docx {docx.__version__}", tables=w.tables)


def _toc_styles(document: Any) -> frozenset[str]:
    """The ids of the table-of-contents styles (``toc 1`` …, ``TOC Heading``): a Word TOC repeats
    the headings with page numbers, so its entries are not read as the plan's text."""
    found = set()
    for st in document.styles.element.iter(W + "style"):
        name = st.find(W + "name")
        if name is not None and (name.get(W + "val") or "").lower().startswith("toc"):
            found.add(st.get(W + "styleId") or "")
    return frozenset(found)


class _Body:
    def __init__(self, writer: LineWriter, numbering: Numbering, skip_styles: frozenset[str] = frozenset()) -> None:
        self.w = writer
        self.numbering = numbering
        self.skip_styles = skip_styles

    def blocks(self, parent: Any) -> None:
        for el in _blocks(parent):
            if el.tag == W + "p":
                self.paragraph(el)
            else:
                self.table(el)

    def paragraph(self, p: Any) -> None:
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(W + "val") in self.skip_styles:
            return
        marker = self.numbering.marker(p)
        boxes: list[Any] = []
        lines = _paragraph_lines(p, boxes)
        if marker and lines and lines[0].strip():
            first = lines[0].lstrip()
            lines[0] = marker + (" " if _SPACED.match(marker[-1]) else "") + first
        for line in lines:
            self.w.line(line)
        for box in boxes:
            self.blocks(box)

    def table(self, tbl: Any) -> None:
        rows = _table_rows(tbl)
        if max((len(r) for r in rows), default=0) <= 1:  # a box: its paragraphs are lines
            for tc in tbl.iter(W + "tc"):
                self.blocks(tc)
            return
        self.w.table([[_cell_text(tc, self.numbering) if tc is not None else "" for tc in r] for r in rows])


def _blocks(parent: Any) -> Iterator[Any]:
    """The paragraphs and tables of ``parent`` in document order (content controls opened)."""
    for el in parent:
        if el.tag in (W + "p", W + "tbl"):
            yield el
        elif el.tag == W + "sdt":
            content = el.find(W + "sdtContent")
            if content is not None:
                yield from _blocks(content)
        elif el.tag in (W + "customXml", W + "ins"):
            yield from _blocks(el)


def _paragraph_lines(p: Any, boxes: list[Any]) -> list[str]:
    """The text of a paragraph as lines (split at manual breaks); text boxes go into ``boxes``."""
    lines: list[str] = [""]

    def walk(el: Any) -> None:
        for c in el:
            tag = c.tag
            if tag == W + "t":
                lines[-1] += c.text or ""
            elif tag == W + "tab":
                lines[-1] += "\t"
            elif tag in (W + "br", W + "cr"):
                if c.get(W + "type") != "page":
                    lines.append("")
            elif tag == W + "noBreakHyphen":
                lines[-1] += "-"
            elif tag == W + "txbxContent":
                boxes.append(c)
            elif tag in (W + "del", W + "pPr", W + "rPr", _MC_FALLBACK, W + "instrText"):
                continue
            elif isinstance(tag, str):
                walk(c)

    walk(p)
    return lines


def _table_rows(tbl: Any) -> list[list[Any]]:
    """The grid of a table: each row's cells (``w:tc``), a spanned column or a merged-away cell as None."""
    rows: list[list[Any]] = []
    for tr in (c for c in tbl if c.tag == W + "tr"):
        row: list[Any] = []
        for tc in (c for c in tr if c.tag in (W + "tc", W + "sdt")):
            if tc.tag == W + "sdt":
                tc = next(tc.iter(W + "tc"), None)
                if tc is None:
                    continue
            pr = tc.find(W + "tcPr")
            span = 1
            merged = False
            if pr is not None:
                gs = pr.find(W + "gridSpan")
                if gs is not None and (gs.get(W + "val") or "1").isdigit():
                    span = max(1, min(int(gs.get(W + "val")), 100))
                vm = pr.find(W + "vMerge")
                merged = vm is not None and vm.get(W + "val") in (None, "continue")
            row.append(None if merged else tc)
            row.extend([None] * (span - 1))
        rows.append(row)
    return rows


def _cell_text(tc: Any, numbering: Numbering) -> str:
    """A cell's paragraphs (and nested tables' text) as lines joined by newlines."""
    w = LineWriter()
    body = _Body(w, numbering)
    body.blocks(tc)
    return "\n".join(line for line in w.lines if line.strip())
