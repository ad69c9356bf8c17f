"""Stage 1, read: bytes from a file or stdin, turned into text.

The format is found from the content (:mod:`.formats.detect`): a web page,
a Word ``.docx`` or a PDF goes to its reader (:mod:`.formats`), which gives
the extracted text and the tables of the file's own structure; anything
else is a plain text, decoded here. ``fmt`` overrides the detection.

A plain text's encoding is detected: UTF-8 (with or without BOM), UTF-16 with BOM and GB18030 (a superset
of GBK and GB2312, common for government files); ``encoding`` overrides
detection. Binary and undecodable input raise :class:`InputError` with a
message that says what to try.
"""
from __future__ import annotations

import codecs
import hashlib
import re
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, UsageError
from ..models import DocWarning
from .formats import FORMATS, Extracted, SourceTable, docx, html, pdf
from .formats.detect import detect

#: a UTF-8 file with at most this many bad bytes is decoded with replacement and a warning
MAX_REPLACED_BYTES = 8
#: ... and at most this share of its bytes
MAX_REPLACED_SHARE = 0.001
#: ... and with this many non-ASCII characters per bad byte: the rest is clearly UTF-8 text
MIN_DECODED_PER_BAD = 10
#: GB18030 decodes almost any bytes: its text is taken when this share of it is CJK
MIN_GB18030_CJK_SHARE = 0.2
#: bytes valid as both UTF-8 and GB18030 are GB18030 when its text is mostly Han characters
GB18030_OVER_UTF8_SHARE = 0.5

#: a character of U+4E00..U+9FFF (basic CJK Unified Ideographs) in valid UTF-8: lead byte
#: E4 with B8..BF after it, or lead byte E5..E9 (a bytes class compiles in microseconds,
#: the str class [\u4e00-\u9fff] takes ~2 ms)
_HAN_UTF8 = re.compile(rb"\xe4[\xb8-\xbf]|[\xe5-\xe9]")


@dataclass
class RawText:
    """Decoded input: the text as the file has it (line ends and all), or the text a reader
    extracted from a web page, a .docx or a PDF (then ``format`` says which, and ``reader`` with what)."""

    path: str
    text: str
    encoding: str
    sha256: str
    warnings: list[DocWarning] = field(default_factory=list)
    format: str = "text"
    reader: str = "plancmp"
    #: tables of the file's own structure, each also written into ``text`` as tab-separated rows
    tables: list[SourceTable] = field(default_factory=list)
    #: 1-based line where each page starts (paged formats)
    page_starts: list[int] = field(default_factory=list)
    #: 1-based lines whose line end only wraps a paragraph (known from the page layout)
    wraps: list[int] = field(default_factory=list)

    def page_of(self, line: int) -> int | None:
        """The page ``line`` is on, or None when the source has no pages."""
        if not self.page_starts:
            return None
        return max(bisect_right(self.page_starts, line), 1)


def check_encoding(name: str) -> None:
    """Raise :class:`InputError` unless Python knows the encoding ``name``."""
    try:
        codecs.lookup(name)
    except LookupError:
        raise InputError(f"unknown encoding {name!r}; try --encoding utf-8 or --encoding gb18030") from None


def read_bytes(path: str) -> bytes:
    """The bytes of ``path`` (``-`` is stdin)."""
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{path} is a directory; give a plan file, or the files inside it (e.g. {path}/*.txt)")
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file: {path}; check the path") from None
    except PermissionError:
        raise InputError(f"permission denied reading {path}; check the file's permissions") from None
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror}") from None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / len(head) > 0.05


def _utf16_guess(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the NULs sit where UTF-16 without a BOM puts them (ASCII characters)."""
    head = data[:8192]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for codec, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= 2 and others * 8 <= zeros:
            try:
                text = data[: len(head) & ~1].decode(codec)
            except UnicodeDecodeError:
                continue
            if sum(c.isprintable() or c.isspace() for c in text) >= 0.95 * len(text):
                return codec
    return None


def _cjk_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    cjk = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    letters = sum(1 for c in sample if not c.isspace())
    return cjk / letters if letters else 0.0


def _replaced(data: bytes, encoding: str) -> tuple[str, int]:
    """``data`` decoded with U+FFFD for bad bytes, and how many replacements that took."""
    text = data.decode(encoding, errors="replace")
    return text, text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")


def _few_bad_bytes(bad: int, size: int) -> bool:
    """Whether ``bad`` replaced bytes out of ``size`` are few enough to decode with a warning."""
    return 0 < bad <= MAX_REPLACED_BYTES and bad / size <= MAX_REPLACED_SHARE


def _mixed_lines(data: bytes) -> str | None:
    """Decode line by line when some lines are UTF-8 and others GB18030 (pasted-together files)."""
    utf8 = other = 0
    decoded: list[str] = []
    for line in data.splitlines(keepends=True):
        try:
            text = line.decode("utf-8")
            decoded.append(text)
            utf8 += _HAN_UTF8.search(line) is not None
        except UnicodeDecodeError:
            decoded.append(line.decode("gb18030", errors="replace"))
            other += 1
    return "".join(decoded) if utf8 and other else None


def _gb18030_han(data: bytes) -> bool:
    """GB18030 bytes that happen to be valid UTF-8 (``学校`` → ``ѧУ``): GB18030 gives Han characters, UTF-8 none."""
    try:
        return _cjk_share(data.decode("gb18030")) >= GB18030_OVER_UTF8_SHARE
    except UnicodeDecodeError:
        return False


def decode(data: bytes, path: str, encoding: str | None = None) -> RawText:
    """Decode ``data``; see the module doc for the detection order.

    Without a BOM or ``encoding``: UTF-8; else UTF-8 with a few bad bytes
    replaced (warning) when the rest is clearly UTF-8 text; else GB18030 when
    it gives Chinese text. Lines of both kinds in one file (pasted-together
    files) are decoded line by line (warning). Else GB18030 with a few bad bytes replaced (warning).
    """
    sha = hashlib.sha256(data).hexdigest()
    warnings: list[DocWarning] = []

    def ok(text: str, enc: str) -> RawText:
        return RawText(path=path, text=text, encoding=enc, sha256=sha, warnings=warnings)

    if not data:
        warnings.append(DocWarning(code="empty", message=f"{path} is empty; nothing to extract"))
        return ok("", encoding or "utf-8")
    if encoding:
        check_encoding(encoding)
        try:
            return ok(data.decode(encoding), encoding)
        except UnicodeDecodeError as e:
            raise InputError(f"{path} is not valid {encoding} (byte {e.start}); try --encoding utf-8 or --encoding gb18030") from None
    for bom, enc, codec in ((codecs.BOM_UTF8, "utf-8-sig", "utf-8"), (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
                            (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be")):
        if data.startswith(bom):
            try:
                return ok(data[len(bom):].decode(codec), enc)
            except UnicodeDecodeError as e:
                raise InputError(f"{path} starts with a {enc} byte-order mark but is not valid {enc} "
                                 f"(byte {e.start + len(bom)}); try --encoding gb18030") from None
    if _looks_binary(data):
        utf16 = _utf16_guess(data)
        if utf16:
            raise InputError(f"{path} looks like UTF-16 text without a byte-order mark; try --encoding {utf16}")
        raise InputError(f"{path} looks like a binary file, not a plan text, web page, .docx or PDF; "
                         "convert it to one of these first")
    try:
        text = data.decode("utf-8")
        if text.isascii() or _HAN_UTF8.search(data) or not _gb18030_han(data):
            return ok(text, "utf-8")
    except UnicodeDecodeError:
        pass
    text, bad = _replaced(data, "utf-8")
    if _few_bad_bytes(bad, len(data)) and sum(1 for c in text if ord(c) > 127) > MIN_DECODED_PER_BAD * bad:
        warnings.append(DocWarning(code="decode-replaced",
                                   message=f"{bad} undecodable byte(s) in {path} replaced with U+FFFD; "
                                           "if the text looks wrong, try --encoding gb18030"))
        return ok(text, "utf-8")
    mixed = _mixed_lines(data)  # before GB18030: UTF-8 Chinese often decodes as GB18030 mojibake
    if mixed is not None:
        warnings.append(DocWarning(code="mixed-encoding",
                                   message=f"{path} mixes UTF-8 and GB18030 lines; each line was decoded on its own"))
        return ok(mixed, "utf-8+gb18030")
    try:
        text = data.decode("gb18030")
        if _cjk_share(text) >= MIN_GB18030_CJK_SHARE:
            return ok(text, "gb18030")
    except UnicodeDecodeError:
        pass
    text, bad = _replaced(data, "gb18030")
    if _few_bad_bytes(bad, len(data)) and _cjk_share(text) >= MIN_GB18030_CJK_SHARE:
        warnings.append(DocWarning(code="decode-replaced",
                                   message=f"{bad} undecodable byte(s) in {path} replaced with U+FFFD; "
                                           "if the text looks wrong, try --encoding utf-8"))
        return ok(text, "gb18030")
    raise InputError(f"cannot decode {path} as UTF-8 or GB18030; try --encoding gbk, --encoding big5 or --encoding utf-16")


def read(path: str, encoding: str | None = None, fmt: str | None = None) -> RawText:
    """Stage ``read``: the text of a file (``-`` for stdin), in the format its content shows or ``fmt``."""
    return read_data(read_bytes(path), "<stdin>" if path == "-" else path, encoding, fmt)


def check_format(fmt: str | None) -> None:
    """Raise :class:`UsageError` unless ``fmt`` is None or a format plancmp reads."""
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown input format {fmt!r}; use one of {', '.join(FORMATS)} (or leave it out to detect it)")


def read_data(data: bytes, path: str, encoding: str | None = None, fmt: str | None = None) -> RawText:
    """The text of ``data``: decoded when it is a plain text, else extracted by the reader of its format."""
    check_format(fmt)
    fmt = fmt or detect(data, path)
    if fmt == "text":
        return decode(data, path, encoding)
    if not data:
        raise InputError(f"{path} is empty (0 bytes), not a {fmt} file; download or export it again")
    if fmt == "html":
        got, enc = html.read_html(data, path, encoding, decode)
    elif fmt == "docx":
        got, enc = docx.read_docx(data, path), "utf-8"
    else:
        got, enc = pdf.read_pdf(data, path), "pdf"
    return _from_reader(got, data, path, enc, fmt)


def _from_reader(got: Extracted, data: bytes, path: str, encoding: str, fmt: str) -> RawText:
    text = "\n".join(got.lines) + ("\n" if got.lines else "")
    warnings = [DocWarning(code="reader", message=f"{path}: {m}") for m in got.warnings]
    if not text.strip():
        warnings.append(DocWarning(code="empty", message=f"{path} holds no text; nothing to extract"))
    return RawText(path=path, text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest(),
                   warnings=warnings, format=fmt, reader=got.reader, tables=got.tables,
                   page_starts=got.page_starts, wraps=got.wraps)
