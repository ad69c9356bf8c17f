"""Stage read: encoding detection, replacement of a few bad bytes, and what bad input raises."""
from __future__ import annotations

import codecs

import pytest

from plancmp.errors import InputError
from plancmp.prepare.read import decode

PLAN = "一、总体要求\n到2025年，学前教育毛入园率达到95%以上。\n"


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (PLAN.encode("utf-8"), "utf-8", PLAN),
        (codecs.BOM_UTF8 + PLAN.encode("utf-8"), "utf-8-sig", PLAN),
        (PLAN.encode("gbk"), "gb18030", PLAN),
        (PLAN.encode("gb18030"), "gb18030", PLAN),
        ("学校".encode("gbk"), "gb18030", "学校"),
        (PLAN.encode("utf-16"), "utf-16", PLAN),
        (codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"), "utf-16", PLAN),
        (PLAN.replace("\n", "\r\n").encode("utf-8"), "utf-8", PLAN.replace("\n", "\r\n")),
        (b"plain ascii\n", "utf-8", "plain ascii\n"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "gbk-two-chars", "utf16-le-bom", "utf16-be-bom", "crlf-kept", "ascii"],
)
def test_detects_encoding(data: bytes, encoding: str, text: str) -> None:
    raw = decode(data, "p.txt")
    assert (raw.encoding, raw.text, raw.warnings) == (encoding, text, [])


@pytest.mark.parametrize(
    ("data", "given", "text"),
    [
        (PLAN.encode("gbk"), "gbk", PLAN),
        ("教育".encode("big5"), "big5", "教育"),
        (PLAN.encode("utf-16-le"), "utf-16-le", PLAN),
    ],
    ids=["gbk", "big5", "utf16-no-bom"],
)
def test_encoding_option_overrides_detection(data: bytes, given: str, text: str) -> None:
    raw = decode(data, "p.txt", given)
    assert (raw.encoding, raw.text) == (given, text)


def test_a_few_bad_bytes_in_utf8_are_replaced_with_a_warning() -> None:
    body = (PLAN * 200).encode("utf-8")
    raw = decode(body[:100] + b"\xff" + body[100:], "p.txt")
    assert raw.encoding == "utf-8"
    assert raw.text.count("\ufffd") == 1
    assert [w.code for w in raw.warnings] == ["decode-replaced"]
    assert "try --encoding gb18030" in raw.warnings[0].message


def test_a_truncated_gbk_character_is_replaced_with_a_warning() -> None:
    raw = decode((PLAN * 200).encode("gbk") + "学".encode("gbk")[:1], "p.txt")
    assert raw.encoding == "gb18030"
    assert raw.text.endswith("\ufffd")
    assert [w.code for w in raw.warnings] == ["decode-replaced"]


def test_mixed_utf8_and_gbk_lines_decode_line_by_line() -> None:
    data = "第一行是UTF-8编码\n".encode("utf-8") + "第二行是GBK编码\n".encode("gbk")
    raw = decode(data, "p.txt")
    assert raw.text == "第一行是UTF-8编码\n第二行是GBK编码\n"
    assert raw.encoding == "utf-8+gb18030"
    assert [w.code for w in raw.warnings] == ["mixed-encoding"]


def test_empty_input_is_valid_with_a_warning() -> None:
    raw = decode(b"", "empty.txt")
    assert raw.text == ""
    assert [(w.code, w.message) for w in raw.warnings] == [("empty", "empty.txt is empty; nothing to extract")]


@pytest.mark.parametrize(
    ("data", "encoding", "message"),
    [
        (b"%PDF-1.7\n\x00\x01\x02\x03binary", None,
         "x.txt looks like a binary file, not a plan text, web page, .docx or PDF; convert it to one of these first"),
        (PLAN.encode("utf-16-le"), None, "x.txt looks like UTF-16 text without a byte-order mark; try --encoding utf-16-le"),
        (PLAN.encode("utf-16-be"), None, "x.txt looks like UTF-16 text without a byte-order mark; try --encoding utf-16-be"),
        ("café crème brûlée à la carte".encode("latin-1"), None,
         "cannot decode x.txt as UTF-8 or GB18030; try --encoding gbk, --encoding big5 or --encoding utf-16"),
        (PLAN.encode("gbk"), "utf-8", "x.txt is not valid utf-8 (byte 2); try --encoding utf-8 or --encoding gb18030"),
        (PLAN.encode("utf-8"), "no-such-codec", "unknown encoding 'no-such-codec'; try --encoding utf-8 or --encoding gb18030"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd" * 50, None,
         "x.txt starts with a utf-8-sig byte-order mark but is not valid utf-8-sig (byte 3); try --encoding gb18030"),
    ],
    ids=["binary", "utf16le-no-bom", "utf16be-no-bom", "latin1", "wrong-override", "unknown-codec", "bad-after-bom"],
)
def test_bad_input_says_what_to_try(data: bytes, encoding: str | None, message: str) -> None:
    with pytest.raises(InputError) as e:
        decode(data, "x.txt", encoding)
    assert e.value.message == message
