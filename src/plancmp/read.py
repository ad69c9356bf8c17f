"""Stage 1, read: bytes from a file or stdin, decoded to text.

Detects UTF-8 (with or without BOM), UTF-16 with BOM and GB18030 (a superset
of GBK and GB2312, common for government files); ``encoding`` overrides
detection. Binary and undecodable input raise :class:`InputError` with a
message that says what to try.
"""
from __future__ import annotations

import codecs
import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .models import DocWarning

#: a UTF-8 file with at most this many bad bytes is decoded with replacement and a warning
MAX_REPLACED_BYTES = 8
#: ... and at most this share of its bytes
MAX_REPLACED_SHARE = 0.001


@dataclass
class RawText:
    """Decoded input: the text as the file has it (line ends and all)."""

    path: str
    text: str
    encoding: str
    sha256: str
    warnings: list[DocWarning] = field(default_factory=list)


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


def _cjk_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    cjk = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    letters = sum(1 for c in sample if not c.isspace())
    return cjk / letters if letters else 0.0


def decode(data: bytes, path: str, encoding: str | None = None) -> RawText:
    """Decode ``data``; see the module doc for the detection order."""
    sha = hashlib.sha256(data).hexdigest()
    warnings: list[DocWarning] = []
    if not data:
        warnings.append(DocWarning(code="empty", message=f"{path} is empty; nothing to extract"))
        return RawText(path, "", encoding or "utf-8", sha, warnings)
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}; try --encoding utf-8 or --encoding gb18030") from None
        try:
            return RawText(path, data.decode(encoding), encoding, sha, warnings)
        except UnicodeDecodeError as e:
            raise InputError(f"{path} is not valid {encoding} (byte {e.start}); try --encoding utf-8 or --encoding gb18030") from None
    if data.startswith(codecs.BOM_UTF8):
        enc, body = "utf-8-sig", data
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        enc, body = "utf-16", data
    else:
        enc, body = "", data
    if enc:
        try:
            return RawText(path, body.decode(enc), enc, sha, warnings)
        except UnicodeDecodeError as e:
            raise InputError(f"{path} starts with a {enc} byte-order mark but is not valid {enc} (byte {e.start}); try --encoding gb18030") from None
    if _looks_binary(data):
        raise InputError(f"{path} looks like a binary file, not a plan text; convert it to text first (e.g. pdftotext or docx2txt)")
    try:
        return RawText(path, data.decode("utf-8"), "utf-8", sha, warnings)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _cjk_share(text) >= 0.2:
            return RawText(path, text, "gb18030", sha, warnings)
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if bad <= MAX_REPLACED_BYTES and bad / len(data) <= MAX_REPLACED_SHARE:
        warnings.append(DocWarning(code="decode-replaced",
                                   message=f"{bad} undecodable byte(s) in {path} replaced with U+FFFD; "
                                           "if the text looks wrong, try --encoding gb18030"))
        return RawText(path, text, "utf-8", sha, warnings)
    raise InputError(f"cannot decode {path} as UTF-8 or GB18030; try --encoding gbk, --encoding big5 or --encoding utf-16")


def read(path: str, encoding: str | None = None) -> RawText:
    """Stage ``read``: the decoded text of a file (``-`` for stdin)."""
    return decode(read_bytes(path), "<stdin>" if path == "-" else path, encoding)
