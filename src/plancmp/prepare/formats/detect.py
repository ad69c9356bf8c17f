"""Which format a file is, from its content; the file name is only a hint.

- ``pdf``: ``%PDF-`` in the first kilobyte (the specification lets junk stand before it);
- ``docx``: a ZIP archive holding ``word/document.xml``;
- ``html``: markup (a doctype, or ``<html>``, ``<head>``, ``<body>``, ``<meta>`` …) at the start,
  or a web archive (MHTML: Word's "single file web page", often published as ``.doc``);
- ``text``: anything else, decoded as today (:mod:`plancmp.prepare.read`).

Files plancmp cannot read are refused with what to try: an old binary Word
``.doc`` (or another OLE file), RTF, other ZIP archives (an ``.odt``, an
``.xlsx``), and an empty file whose name says it is a PDF or Word file.
"""
from __future__ import annotations

import io
import re

from ...errors import InputError

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
#: markup that opens a web page; a plan text never starts with a tag like these
_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|link|script|style|div|p|table)\b",
    re.IGNORECASE | re.DOTALL)
_HTML_TAGS = re.compile(rb"<(?:html|head|body|meta|div|p|br|table|td|span|script)\b[^>]*>", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf",)

#: what each extension promises (a hint when the content does not decide)
EXTENSIONS = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
              ".txt": "text", ".text": "text"}
_CONVERT = "soffice --headless --convert-to docx"


def hinted(path: str) -> str | None:
    """The format a file's name promises, or None."""
    name = path.lower()
    for ext, fmt in EXTENSIONS.items():
        if name.endswith(ext):
            return fmt
    return None


def detect(data: bytes, path: str) -> str:
    """The format of ``data`` (``text``, ``html``, ``docx`` or ``pdf``), or :class:`InputError` for files
    no reader takes."""
    hint = hinted(path) or (".doc" if path.lower().endswith(".doc") else None)
    if not data:
        if hint in ("pdf", "docx", ".doc"):
            raise InputError(f"{path} is empty (0 bytes), not a {_name(hint)} file; download or export it again")
        return "text"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(_ZIP):
        return _zip_kind(data, path)
    if data.startswith(_OLE):
        raise InputError(f"{path} is an old binary Word .doc (or another Office 97-2003 file); plancmp reads .docx: "
                         f"save it as .docx in Word or WPS, or run `{_CONVERT} {path}`")
    if data.lstrip(b"".join(_BOMS)).startswith(b"{\\rtf"):
        raise InputError(f"{path} is an RTF file; save it as .docx in Word or WPS, or run `{_CONVERT} {path}`")
    if _is_html(data) or is_mhtml(data):
        return "html"
    if hint == "docx" or hint == "pdf":
        if _looks_binary(data) or not _decodes(data) or data.startswith(b"PK"):
            what = "a ZIP archive" if hint == "docx" else "a file that starts with %PDF-"
            raise InputError(f"{path} is not a {_name(hint)} file (a {_name(hint)} is {what}; this one is not): "
                             f"it may be damaged or cut short; download or export it again")
    return "text"


def _name(fmt: str | None) -> str:
    return {"pdf": "PDF", "docx": "Word .docx", ".doc": "Word .doc"}.get(fmt or "", fmt or "")


_MHTML = re.compile(rb"^(?:[\w-]+:[^\n]*\r?\n)*?MIME-Version:\s*1\.0", re.IGNORECASE)


def is_mhtml(data: bytes) -> bool:
    """Whether ``data`` is a web archive: MIME headers first, a multipart/related body."""
    head = data[:2048]
    return bool(_MHTML.match(head)) and b"multipart/related" in head.lower()


def _is_html(data: bytes) -> bool:
    head = data[:4096]
    for bom in _BOMS:
        head = head.removeprefix(bom)
    if _HTML_START.match(head):
        return True
    return len(set(m.group().split()[0].lower().rstrip(b">") for m in _HTML_TAGS.finditer(head))) >= 3


def _decodes(data: bytes) -> bool:
    """Whether ``data`` is text (a text saved under a .docx or .pdf name): valid UTF-8, or GB18030
    that gives Chinese (GB18030 decodes almost any bytes, so that alone says nothing)."""
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        pass
    try:
        text = data[:20000].decode("gb18030", errors="ignore")
    except LookupError:  # pragma: no cover - gb18030 ships with Python
        return False
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    return han >= 0.2 * max(sum(1 for c in text if not c.isspace()), 1)


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    return b"\x00" in head or sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27)) > 0.05 * len(head)


def _zip_kind(data: bytes, path: str) -> str:
    import zipfile  # only for ZIP input
    import zlib

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            mimetype = z.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError, zlib.error):
        raise InputError(f"{path} is a damaged or cut-short ZIP archive (a .docx is one); "
                         "download or export it again") from None
    if "word/document.xml" in names:
        return "docx"
    if "opendocument.text" in mimetype:
        return _refuse(path, "an OpenDocument text (.odt)")
    if "xl/workbook.xml" in names or "spreadsheet" in mimetype:
        return _refuse(path, "a spreadsheet, not a plan document")
    if "ppt/presentation.xml" in names:
        return _refuse(path, "a presentation, not a plan document")
    raise InputError(f"{path} is a ZIP archive without a Word document in it; unpack it and give the plan file inside")


def _refuse(path: str, what: str) -> str:
    raise InputError(f"{path} is {what}; plancmp reads text, .html, .docx and .pdf: "
                     f"save it as .docx, or run `{_CONVERT} {path}`")
