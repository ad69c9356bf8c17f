"""A plan published as a PDF with a text layer: printed lines in reading order, ruled tables as tables.

Read with pdfplumber (over pdfminer.six, pure Python): it gives every
character with its position and finds ruled tables from the drawn lines.
The extracted text keeps one line per printed line, so a record's ``line``
and ``page`` name the line a person finds on the page; what the layout says
is handed on beside the text:

- **running headers and footers**: a line at the top or bottom of a page that
  recurs at the same height on other pages (digits aside: ``— 3 —``,
  ``第3页 共20页``), and a line there that is only a page number, are dropped;
- **ruled tables** (pdfplumber's table finder over the page's lines) of two
  columns or more: their characters leave the text flow and the table goes
  out as tab-separated rows at its place, and as a
  :class:`~plancmp.prepare.formats.SourceTable` (a one-column frame is a box
  whose lines stay text);
- **wraps**: a line that reaches the right margin, followed by one at the left
  margin (not indented as a new paragraph, same type size), only wraps its
  paragraph, across a page break too; so does a full line of a title (type
  larger than the body's) followed by a centred line of the same size; those line ends are listed in
  ``Extracted.wraps`` and the prepare stage joins them, so a sentence cut at
  the margin reads whole while every character keeps its printed line;
- **pages**: ``Extracted.page_starts``; a PDF without any text is a scan, and
  an error says to run OCR first.
"""
from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median
from typing import Any

from ...errors import InputError
from . import Extracted, LineWriter

#: share of the page height at the top and at the bottom where running headers and footers stand
MARGIN_BAND = 0.12
#: a running header or footer recurs on this share of the pages (and on two at least) ...
MIN_RECUR_SHARE = 0.3
#: ... at the same height within this many points
Y_TOLERANCE = 3.0
#: a gap of this many characters inside a line separates the columns of a table without rules ...
COLUMN_GAP = 2.0
#: ... and of this many is a space (a CJK font's half-width space is about a fifth of a character)
WORD_GAP = 0.15
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–_·•=]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*[,，]?\s*共\s*\d{1,4}\s*页)?[\s\-—–_·•=]*$"
    r"|^(?:page\s*)?\d{1,4}(?:\s*of\s*\d{1,4})?$", re.IGNORECASE)
_SENTENCE_END = "。；;！!？?：:"
_HEADING_START = re.compile(r"^(?:第[一二三四五六七八九十百\d]+[章节篇部分条]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|专栏|附件)")
_OCR = "ocrmypdf -l chi_sim"
#: above this share of unmapped glyphs, ``(cid:123)``, the text layer is unreadable
MAX_UNMAPPED_SHARE = 0.3
#: what pdfminer raises on a damaged page (the other pages are still read)
_PAGE_ERRORS = frozenset({"PDFSyntaxError", "PSEOF", "PSSyntaxError", "PdfminerException", "PDFValueError",
                          "PDFTypeError", "PDFNotImplementedError"})


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    row: list[str | None] | None = None  # a table row (its cells) instead of a text line
    table: int = -1  # index of the table the row belongs to on its page


def read_pdf(data: bytes, path: str) -> Extracted:
    """Read a PDF's text layer: printed lines, ruled tables, pages and wraps."""
    import pdfplumber

    pdf = _open(pdfplumber, data, path)
    pages: list[list[_Line]] = []
    heights: list[float] = []
    scanned: list[int] = []  # pages with images and no text
    damaged: list[int] = []
    try:
        for number, page in enumerate(pdf.pages, 1):
            try:
                lines = _page_lines(page)
                if not lines and page.images:
                    scanned.append(number)
            except Exception as e:  # a damaged page: the others are still read
                if type(e).__name__ not in _PAGE_ERRORS:
                    raise
                lines = []
                damaged.append(number)
            finally:
                page.close()
            pages.append(lines)
            heights.append(float(page.height))
    except InputError:
        raise
    except Exception as e:
        if os.environ.get("PLANCMP_DEBUG"):
            raise
        raise _damaged(path, e) from None
    finally:
        pdf.close()
    if not any(pages):
        if damaged:
            raise _damaged(path, ValueError("no page could be read"))
        raise InputError(f"{path} has no text layer (a scanned PDF?): there is no text to read; run an OCR tool "
                         f"on it first, e.g. `{_OCR} {path} ocr.pdf`, then give plancmp ocr.pdf")
    if _unmapped_share(pages) > MAX_UNMAPPED_SHARE:
        raise InputError(f"{path} draws its text in fonts without a Unicode map, so its characters cannot be "
                         f"read; run an OCR tool on it, e.g. `{_OCR} --force-ocr {path} ocr.pdf`, then give "
                         "plancmp ocr.pdf")
    _drop_running_lines(pages, heights)
    return _write(pages, scanned, damaged, _version(pdfplumber))


def _version(pdfplumber: Any) -> str:
    return f"pdfplumber {getattr(pdfplumber, '__version__', '?')}"


def _open(pdfplumber: Any, data: bytes, path: str) -> Any:
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as e:
        raise _damaged(path, e) from None


def _damaged(path: str, e: BaseException) -> InputError:
    names = {type(e).__name__} | {type(c).__name__ for c in (e.__cause__, e.__context__) if c is not None}
    text = str(e)
    if names & {"PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"} or "password" in text.lower():
        return InputError(f"{path} is encrypted with a password; plancmp cannot open it: save an unprotected copy "
                          f"(e.g. `qpdf --password=PASSWORD --decrypt {path} open.pdf`) and give plancmp that")
    return InputError(f"{path} is not a readable PDF (damaged or cut short); "
                      "download it again, or open it in a PDF viewer and print it to a new PDF")


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _page_lines(page: Any) -> list[_Line]:
    """The page's text lines and table rows, top to bottom. Characters drawn twice a little apart
    (a bold face faked by overprinting, common in headings) count once."""
    if _overprinted(page.chars):
        page = page.dedupe_chars()  # costly (it sorts every character): only when needed
    tables = [t for t in page.find_tables() if _is_grid(t)]
    boxes = [tuple(t.bbox) for t in tables]
    flow = page.filter(lambda o: o.get("object_type") != "char" or not _inside(o, boxes)) if boxes else page
    out: list[_Line] = []
    for ln in flow.extract_text_lines(return_chars=True):
        chars = ln.get("chars") or ()
        size = median(c.get("size", 0.0) for c in chars) if chars else 0.0
        text = (_spaced(chars, size) if chars else ln["text"]).strip()
        if text:
            out.append(_Line(text, ln["top"], ln["bottom"], ln["x0"], ln["x1"], size))
    for k, t in enumerate(tables):
        x0, top, x1, bottom = t.bbox
        rows = t.extract()
        step = (bottom - top) / max(len(rows), 1)
        for i, row in enumerate(rows):
            out.append(_Line("", top + i * step, top + (i + 1) * step, x0, x1, 0.0, row=list(row), table=k))
    out.sort(key=lambda ln: (ln.top, ln.x0))
    return out


def _overprinted(chars: Sequence[dict[str, Any]]) -> bool:
    """Whether some character is drawn again within a point of itself."""
    seen: set[tuple[str, int, int]] = set()
    for c in chars:
        x, y = int(c["x0"]), int(c["top"])
        if any((c["text"], x + dx, y + dy) in seen for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
            return True
        seen.add((c["text"], x, y))
    return False


def _spaced(chars: Sequence[dict[str, Any]], size: float) -> str:
    """A line's text from its characters. Gaps are measured beyond the line's usual gap between
    characters (a justified line spreads all of them): :data:`WORD_GAP` characters more is a space,
    :data:`COLUMN_GAP` characters more two spaces (the columns of a table drawn without rules,
    which the table reader splits at two spaces)."""
    gaps = [b["x0"] - a["x1"] for a, b in zip(chars, chars[1:])]
    usual = max(median(gaps), 0.0) if gaps else 0.0
    out = [chars[0]["text"]] if chars else []
    for gap, prev, c in zip(gaps, chars, chars[1:]):
        extra = gap - usual
        if size and extra >= COLUMN_GAP * size:
            out.append("  ")
        elif size and extra > WORD_GAP * size and c["text"] != " " and prev["text"] != " ":
            out.append(" ")
        out.append(c["text"])
    return re.sub(r" {3,}", "  ", "".join(out))


def _is_grid(table: Any) -> bool:
    """A table of two columns or more (one row is enough: a table's last row carried over to a new page)."""
    return max((len(r) for r in table.extract()), default=0) >= 2


_UNMAPPED = re.compile(r"\(cid:\d+\)")


def _unmapped_share(pages: list[list[_Line]]) -> float:
    """The share of characters pdfminer could only name by glyph number, ``(cid:123)``."""
    text = "".join(ln.text for lines in pages for ln in lines if ln.row is None)
    found = _UNMAPPED.findall(text)
    return len(found) / max(len(text) - sum(map(len, found)) + len(found), 1)


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _drop_running_lines(pages: list[list[_Line]], heights: list[float]) -> None:
    """Drop running headers and footers, in place: a line among the first or last two of a page,
    in the margin band, whose text (digits aside) recurs within :data:`Y_TOLERANCE` of the same
    height on other pages. A lone page number counts only when it recurs too (a table's row
    number can end a page); in a one-page PDF, when a gap sets it apart from the text."""
    seen: dict[tuple[str, str], list[tuple[int, float]]] = {}
    bands: list[list[tuple[str, float, _Line]]] = []
    for p, (lines, height) in enumerate(zip(pages, heights)):
        band: list[tuple[str, float, _Line]] = []
        texts = [ln for ln in lines if ln.row is None]
        band.extend(("top", ln.top, ln) for ln in texts[:2] if ln.bottom <= MARGIN_BAND * height)
        band.extend(("bottom", ln.bottom, ln) for ln in texts[-2:]
                    if ln.top >= (1 - MARGIN_BAND) * height and all(ln is not b[2] for b in band))
        for where, y, ln in band:
            seen.setdefault((where, _key(ln.text)), []).append((p, y))
        bands.append(band)
    need = max(2, MIN_RECUR_SHARE * len(pages))
    for p, (lines, band) in enumerate(zip(pages, bands)):
        drop = set()
        for where, y, ln in band:
            recurs = len({q for q, y2 in seen[(where, _key(ln.text))] if abs(y2 - y) <= Y_TOLERANCE}) >= need
            if recurs or (len(pages) == 1 and _PAGE_NUMBER.match(ln.text) and _isolated(lines, ln)):
                drop.add(id(ln))
        lines[:] = [ln for ln in lines if id(ln) not in drop]


def _isolated(lines: list[_Line], ln: _Line) -> bool:
    """Whether a gap of three line heights or more sets ``ln`` apart from the page's other lines."""
    gap = 3 * (ln.bottom - ln.top)
    return all(other is ln or other.bottom + gap <= ln.top or ln.bottom + gap <= other.top for other in lines)


def _left_edge(values: list[float]) -> float:
    """The leftmost x that at least two lines (and 2% of them) start at, within a point: the
    margin the text block is set to, not one stray line beyond it."""
    need = max(2, len(values) // 50)
    ordered = sorted(values)
    for i, v in enumerate(ordered):
        if sum(1 for w in ordered[i:i + need * 4] if w - v <= 1.0) >= need:
            return v
    return ordered[0]


def _right_edge(values: list[float], size: float) -> float:
    """Where full lines end: the median end of the lines ending within three characters of the
    rightmost one (unjustified Chinese lines end a little short or beyond, by a character)."""
    far = max(values)
    return median(v for v in values if v >= far - 3 * size)


def _margins(pages: list[list[_Line]]) -> tuple[float, float, float]:
    """Left and right margin of the text block, and the body type size (over all pages)."""
    text = [ln for lines in pages for ln in lines if ln.row is None]
    if not text:
        return 0.0, 0.0, 0.0
    size = median(ln.size for ln in text)
    return _left_edge([ln.x0 for ln in text]), _right_edge([ln.x1 for ln in text], size), size


_LATIN_RUN = re.compile(r"[\x21-\x7e]+")


def _wraps(cur: _Line, nxt: _Line, left: float, right: float, size: float, same_page: bool) -> bool:
    """Whether ``cur``'s line end only wraps its paragraph into ``nxt``: ``cur`` reaches the right margin
    (or stops short because ``nxt``'s first run of Latin letters or digits, which is not broken, did not fit)."""
    if cur.row is not None or nxt.row is not None or not size:
        return False
    tol = 1.5 * size
    run = _LATIN_RUN.match(nxt.text)
    room = right - cur.x1
    if room > tol and not (run and room < 0.6 * nxt.size * len(run.group()) + tol):
        return False
    if abs(cur.size - nxt.size) > 0.5:
        return False
    if same_page and nxt.top - cur.bottom > 1.2 * max(size, cur.size):
        return False
    if nxt.x0 > left + 0.5 * size:  # indented: a new paragraph, unless a centred title goes on
        title = cur.size >= size + 1 and cur.x0 <= left + tol
        return title and abs((nxt.x0 + nxt.x1) - (left + right)) < 2 * cur.size
    return not (cur.text[-1] in _SENTENCE_END and _HEADING_START.match(nxt.text))


def _pages(numbers: list[int]) -> str:
    return f"page{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}"


def _write(pages: list[list[_Line]], scanned: list[int], damaged: list[int], reader: str) -> Extracted:
    left, right, size = _margins(pages)
    w = LineWriter()
    starts: list[int] = []
    wraps: list[int] = []
    prev: _Line | None = None
    prev_page = 0
    for p, lines in enumerate(pages, 1):
        starts.append(w.next_line)
        i = 0
        while i < len(lines):
            ln = lines[i]
            if ln.row is not None:
                j = i
                while j < len(lines) and lines[j].row is not None and lines[j].table == ln.table:
                    j += 1
                w.table([r.row or [] for r in lines[i:j]], page=p, carry_on=prev is not None and prev.row is not None)
                prev, prev_page, i = lines[j - 1], p, j
                continue
            if prev is not None and _wraps(prev, ln, left, right, size, prev_page == p) and w.lines:
                wraps.append(len(w.lines))
            w.line(ln.text)
            prev, prev_page, i = ln, p, i + 1
    warnings = []
    if scanned:
        many = len(scanned) > 1
        warnings.append(f"{_pages(scanned)} of the PDF {'are images' if many else 'is an image'} without a text "
                        f"layer (scanned?); {'their' if many else 'its'} text is missing: run OCR on the file "
                        f"(e.g. `{_OCR}`) to read {'them' if many else 'it'}")
    if damaged:
        warnings.append(f"{_pages(damaged)} of the PDF could not be read (damaged); "
                        f"{'their' if len(damaged) > 1 else 'its'} text is missing")
    return Extracted(lines=w.lines, reader=reader, tables=w.tables, page_starts=starts, wraps=wraps, warnings=warnings)
