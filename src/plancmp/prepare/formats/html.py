"""A plan published as a web page: its main content as lines, its ``<table>`` s as tables.

Read with lxml (``lxml.html``): libxml2's HTML parser takes the broken markup
of portal pages as browsers do, and lxml is the XML library python-docx
needs anyway, so one C library serves both readers. What is kept:

1. the page is decoded in the encoding its bytes or ``<meta charset>`` say
   (GB2312 and GBK read as their superset GB18030), else as a plain text is;
2. what a reader never sees is dropped (scripts, styles, forms' controls,
   hidden elements), then navigation: ``<nav>``/``<aside>``, and any block
   whose text is mostly link text (menus, breadcrumbs, related-article lists);
3. the main content is the container that holds most of the page's
   remaining text, found by walking down from ``<body>`` while one child
   container holds :data:`MAIN_SHARE` of its parent's text and no other child
   holds a data table (an indicator table set apart from the text is
   content), so headers, sidebars and footers beside it stay out; the page's title (its ``<h1>``,
   else ``<title>``) goes first when the content does not hold it;
4. block elements and ``<br>`` end lines; white space is collapsed as a
   browser does; a source line break between two Chinese characters (inside
   a sentence) is dropped;
5. a ``<table>`` of short cells with no table inside is a data table: its
   rows go out as tab-separated lines (merged cells spread over the columns
   and rows they span) and as a :class:`~plancmp.prepare.formats.SourceTable`;
   a table that lays out the page is read as ordinary blocks.

Chrome lines left inside the content (``字体:大 中 小``, ``打印本页``) are the
clean stage's job, as in a page saved as text.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from typing import Any

from ...errors import InputError
from . import Extracted, LineWriter
from .detect import is_mhtml

#: a child container holding this share of its parent's text is where the main content is
MAIN_SHARE = 0.8
#: a block with this many links, whose text is at least LINK_SHARE link text, is navigation
MIN_LINKS = 3
LINK_SHARE = 0.5
#: the longest cell of a data table (longer cells: a table that lays out the page)
MAX_CELL_CHARS = 500

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w:.]+)""", re.IGNORECASE)
#: GB2312 and GBK pages often use GB18030 characters; GB18030 decodes both
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
              "iso-8859-1": "cp1252", "ascii": "utf-8", "us-ascii": "utf-8"}
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u3000]+")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
#: a source line break between two Chinese characters (white space around it included)
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \t\u00a0]*[\r\n]\\s*(?=[{_CJK}])")
_TITLE_SEP = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s)\s*")

_INVISIBLE = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
              "input", "select", "button", "textarea", "head", "map", "audio", "video")
_CHROME = ("nav", "aside")
_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr html li main menu nav ol p pre section summary table tbody "
    "td tfoot th thead tr ul".split())
_CONTAINERS = frozenset("article body center div form main section td tbody tr table blockquote".split())


def decode_page(data: bytes, path: str, encoding: str | None, decode: Callable[..., Any]) -> tuple[str, str]:
    """The page's text and encoding: ``encoding`` if given, a BOM, a ``<meta charset>`` the bytes agree with,
    else the plain-text detection (``decode``, :func:`plancmp.prepare.read.decode`)."""
    if encoding or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raw = decode(data, path, encoding)
        return raw.text, raw.encoding
    m = _META_CHARSET.search(data[:8192])
    if m:
        name = m.group(1).decode("ascii", "replace").lower()
        name = _SUPERSETS.get(name, name)
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass  # a page that says one encoding and is written in another: its bytes decide
    raw = decode(data, path, None)
    return raw.text, raw.encoding


def read_html(data: bytes, path: str, encoding: str | None, decode: Callable[..., Any]) -> tuple[Extracted, str]:
    """Read a web page: its main content's lines and data tables, and the encoding it was read in."""
    import lxml
    import lxml.etree
    import lxml.html

    if is_mhtml(data):
        data, charset = _archived_page(data, path)
        encoding = encoding or (_SUPERSETS.get(charset, charset) if charset else None)
    text, enc = decode_page(data, path, encoding, decode)
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return Extracted(lines=[], reader=f"lxml {lxml.__version__}"), enc
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as e:
        raise InputError(f"{path} is not a readable web page ({e}); save the page again or copy its text to a .txt") from None
    title = _page_title(root)
    for el in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        _remove(el)
    lxml.etree.strip_elements(root, *_INVISIBLE, with_tail=False)
    _drop_hidden_and_navigation(root)
    body = root.find("body")
    main = _main_content(body if body is not None else root)
    w = LineWriter()
    if title and not _holds_title(main, title):
        w.line(title)
    _Walker(w).block(main)
    return Extracted(lines=w.lines, reader=f"lxml {lxml.__version__}", tables=w.tables), enc


def _archived_page(data: bytes, path: str) -> tuple[bytes, str | None]:
    """The page inside a web archive (MHTML), transfer encoding undone, and the charset its part names."""
    import email
    import email.policy

    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            body = part.get_payload(decode=True)
            if isinstance(body, bytes):
                return body, part.get_content_charset()
    raise InputError(f"{path} is a web archive (MHTML) without a web page in it; open it in a browser or Word "
                     "and save it as .html or .docx")


def _remove(el: Any) -> None:
    """Remove ``el`` but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _squash(text: str) -> str:
    return _SPACES.sub(" ", _CJK_BREAK.sub("", text)).strip()


def _page_title(root: Any) -> str:
    """The page's own title: its first ``<h1>``, else the first part of ``<title>`` (before the site name)."""
    for h in root.iter("h1"):
        t = _squash(h.text_content())
        if t:
            return t
    el = root.find(".//title")
    if el is None:
        return ""
    parts = [p for p in _TITLE_SEP.split(_squash(el.text_content())) if p]
    return parts[0] if parts else ""


def _holds_title(main: Any, title: str) -> bool:
    return title in _squash(main.text_content())


def _hidden(el: Any) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return el.get("hidden") is not None or "display:none" in style or "visibility:hidden" in style


def _drop_hidden_and_navigation(root: Any) -> None:
    """Drop hidden elements, ``<nav>``/``<aside>``, and blocks whose text is mostly link text."""
    counts: dict[Any, tuple[int, int, int]] = {}  # element -> (characters, link characters, links)
    for el in _postorder(root):
        own = _chars(el.text) + sum(_chars(c.tail) for c in el)
        chars, link_chars, links = own, 0, 0
        for c in el:
            cc, cl, cn = counts.pop(c, (0, 0, 0))
            chars, link_chars, links = chars + cc, link_chars + cl, links + cn
        if el.tag == "a" and el.get("href") is not None:
            link_chars, links = chars, links + 1
        counts[el] = (chars, link_chars, links)
        if not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        if _hidden(el) or el.tag in _CHROME or el.get("role") in ("navigation", "banner", "contentinfo"):
            counts[el] = (0, 0, 0)
            _remove(el)
        elif el.tag in _BLOCK and links >= MIN_LINKS and link_chars >= LINK_SHARE * chars:
            counts[el] = (0, 0, 0)
            _remove(el)


def _postorder(root: Any) -> list[Any]:
    out: list[Any] = []
    stack = [(root, False)]
    while stack:
        el, done = stack.pop()
        if done:
            out.append(el)
            continue
        stack.append((el, True))
        stack.extend((c, False) for c in reversed(el))
    return out


def _chars(text: str | None) -> int:
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") if text else 0


def _text_len(el: Any) -> int:
    return _chars(el.text_content())


def _main_content(el: Any) -> Any:
    """Walk down while one child container holds :data:`MAIN_SHARE` of the text."""
    while True:
        total = _text_len(el)
        if not total:
            return el
        best = max((c for c in el if isinstance(c.tag, str) and c.tag in _CONTAINERS and not _is_data_table(c)),
                   key=_text_len, default=None)
        if best is None or _text_len(best) < MAIN_SHARE * total:
            return el
        if any(_holds_data_table(c) for c in el if c is not best and isinstance(c.tag, str)):
            return el  # an indicator table beside the text is content: never left behind
        el = best


def _holds_data_table(el: Any) -> bool:
    return _is_data_table(el) or any(_is_data_table(t) for t in el.iterdescendants("table"))


def _is_data_table(el: Any) -> bool:
    """A table of short cells with no table inside and some row of two cells or more."""
    if el.tag != "table" or next(el.iterdescendants("table"), None) is not None:
        return False
    wide = False
    for tr in el.iter("tr"):
        cells = [c for c in tr if c.tag in ("td", "th")]
        wide = wide or len(cells) >= 2
        if any(_text_len(c) > MAX_CELL_CHARS for c in cells):
            return False
    return wide


class _Walker:
    """Writes an element's text as lines: blocks and ``<br>`` end lines, inline text runs on."""

    def __init__(self, writer: LineWriter) -> None:
        self.w = writer
        self.buf: list[str] = []

    def flush(self) -> None:
        line = _squash("".join(self.buf))
        self.buf = []
        if line:
            self.w.line(line)

    def block(self, el: Any) -> None:
        self.flush()
        self.inline(el)
        self.flush()

    def inline(self, el: Any) -> None:
        if el.text:
            self.buf.append(el.text)
        for c in el:
            tag = c.tag if isinstance(c.tag, str) else ""
            if tag == "br":
                self.flush()
            elif tag == "table" and _is_data_table(c):
                self.flush()
                self.w.table(_rows(c))
            elif tag == "pre":
                self.flush()
                for part in c.text_content().splitlines():
                    self.buf.append(part)
                    self.flush()
            elif tag in _BLOCK:
                self.block(c)
            else:
                self.inline(c)
            if c.tail:
                self.buf.append(c.tail)


def _cell(el: Any) -> str:
    w = LineWriter()
    _Walker(w).block(el)
    return "\n".join(w.lines)


def _span(el: Any, name: str) -> int:
    try:
        return max(1, min(int(el.get(name, "1")), 100))
    except ValueError:
        return 1


def _rows(table: Any) -> list[list[str]]:
    """The table's rows, merged cells spread: the first column or row of a span gets the text."""
    caption = table.find("caption")
    rows: list[list[str]] = [[_squash(caption.text_content())]] if caption is not None else []
    below: dict[int, int] = {}  # column -> rows a cell above still spans
    for tr in table.iter("tr"):
        row: list[str] = []
        col = 0
        for td in (c for c in tr if c.tag in ("td", "th")):
            while below.get(col, 0) > 0:
                row.append("")
                below[col] -= 1
                col += 1
            text, wide, tall = _cell(td), _span(td, "colspan"), _span(td, "rowspan")
            for k in range(wide):
                row.append(text if k == 0 else "")
                if tall > 1:
                    below[col] = tall - 1
                col += 1
        while below.get(col, 0) > 0:
            row.append("")
            below[col] -= 1
            col += 1
        rows.append(row)
    return rows
