"""Plans as published: web pages, Word .docx and PDF read like their plain text (issue 15).

The fixtures in ``tests/fixtures/formats/`` are written by ``scripts/make_fixtures.py``
from two samples' own text; the same excerpt in four forms must give the same
targets and the same section titles. The other cases use sentences of their own.
"""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from plancmp.errors import InputError
from plancmp.extract.pipeline import extract_file, extract_raw, unwrap
from plancmp.prepare.formats import LineWriter
from plancmp.prepare.formats.detect import detect
from plancmp.prepare.formats.numbering import chinese, number_text
from plancmp.prepare.formats.pdf import _drop_running_lines, _Line, _margins, _spaced, _unmapped_share, _wraps
from plancmp.prepare.read import RawText, read, read_data

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ("yingze", "fengtai")
FORMS = ("docx", "pdf", "html")


def _targets(result) -> list[tuple]:
    return sorted((t.metric, t.value, t.unit, t.comparator, t.kind, str(t.year)) for t in result.targets)


@pytest.fixture(scope="module")
def extracted() -> dict[str, object]:
    return {f"{s}.{ext}": extract_file(str(FIXTURES / f"{s}.{ext}")) for s in SAMPLES for ext in ("txt", *FORMS)}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("sample", SAMPLES)
def test_same_targets_and_sections_as_the_text(extracted: dict, sample: str, form: str) -> None:
    text, other = extracted[f"{sample}.txt"], extracted[f"{sample}.{form}"]
    assert len(text.targets) >= 15 and len(text.sections) >= 5  # the excerpt holds a plan's worth
    assert _targets(other) == _targets(text)
    assert [s.title for s in other.sections] == [s.title for s in text.sections]
    assert [s.level for s in other.sections] == [s.level for s in text.sections]
    assert other.meta.title == text.meta.title


@pytest.mark.parametrize(("form", "reader", "pages"), [
    ("txt", "plancmp", None), ("docx", "python-docx ", None), ("pdf", "pdfplumber ", 2), ("html", "lxml ", None)])
def test_source_says_what_read_the_file(extracted: dict, form: str, reader: str, pages: int | None) -> None:
    src = extracted[f"yingze.{form}"].source
    assert (src.format, src.reader.startswith(reader), src.pages) == (
        "text" if form == "txt" else form, True, pages)


@pytest.mark.parametrize("form", ("txt", *FORMS))
def test_every_record_points_at_a_line_of_the_extracted_text(extracted: dict, form: str) -> None:
    """`plancmp clean FILE | sed -n Np` shows the line a record points to."""
    path = FIXTURES / f"fengtai.{form}"
    raw = read(str(path))
    lines = raw.text.splitlines()
    result = extracted[f"fengtai.{form}"]
    assert result.source.lines == len(lines)
    for t in result.targets:
        assert t.match.splitlines()[0] in lines[t.line - 1], (t.line, t.match)
    for s in result.sections:
        assert s.title[:4] in lines[s.line - 1]


@pytest.mark.parametrize("name", ["yingze.docx", "yingze.pdf", "fengtai.html", "fengtai.pdf", "layout-tables.html"])
def test_every_cell_of_a_source_table_points_at_its_text(name: str) -> None:
    raw = read(str(FIXTURES / name))
    lines = raw.text.splitlines()
    cells = [c for t in raw.tables for row in t.rows for c in row]
    assert len(cells) >= 8
    for c in cells:
        assert raw.text[c.start:c.end] == c.text and c.text in lines[c.line - 1].split("\t")


def test_clean_prints_one_line_per_extracted_line() -> None:
    out = subprocess.run([sys.executable, "-m", "plancmp", "clean", str(FIXTURES / "yingze.pdf")],
                         capture_output=True, text=True, check=True).stdout
    raw = read(str(FIXTURES / "yingze.pdf"))
    assert len(out.splitlines()) == len(raw.text.splitlines())
    result = extract_raw(raw)
    table = next(t for t in result.targets if t.rule.startswith("table") and t.value == 99.01)
    assert out.splitlines()[table.line - 1].split("\t")[:3] == ["1", "学前教育毛入园率(%)", "99.01"]


def test_pdf_records_carry_their_page(extracted: dict) -> None:
    result = extracted["yingze.pdf"]
    pages = {t.page for t in result.targets} | {s.page for s in result.sections}
    assert pages == {1, 2}
    assert all(t.page is None for t in extracted["yingze.txt"].targets)
    raw = read(str(FIXTURES / "yingze.pdf"))
    assert raw.page_of(1) == 1 and raw.page_of(len(raw.text.splitlines())) == 2


def test_pdf_drops_running_header_footer_and_joins_wrapped_lines() -> None:
    raw = read(str(FIXTURES / "yingze.pdf"))
    lines = raw.text.splitlines()
    assert lines.count("迎泽区“十四五”教育事业发展规划") == 1  # the title; the running header is gone
    assert not any(ln.startswith("—") for ln in lines)
    assert raw.wraps
    joined = unwrap(raw).text
    assert "学前教育毛入园率达99.02%,普惠性幼儿园在园幼儿占比达95%" in joined


@pytest.mark.parametrize("sample", SAMPLES)
def test_docx_numbering_is_recovered_from_the_numbering_definitions(sample: str) -> None:
    xml = zipfile.ZipFile(FIXTURES / f"{sample}.docx").read("word/document.xml").decode("utf-8")
    assert "二、" not in xml and "（三）" not in xml  # the markers are list numbering, not text
    lines = read(str(FIXTURES / f"{sample}.docx")).text.splitlines()
    markers = [ln[:3] for ln in lines if ln[:1] in "二三（"]
    assert markers == ["二、“" if sample == "yingze" else "二、指", "（三）", "三、“" if sample == "yingze" else "三、主",
                       "（一）"]


def test_html_keeps_the_content_and_drops_the_chrome() -> None:
    raw = read(str(FIXTURES / "yingze.html"))
    assert (raw.format, raw.encoding) == ("html", "gb18030")  # the page says gb2312; GB18030 reads it
    for chrome in ("首页", "政务公开", "分享到", "京ICP备", "相关文件", "2025年目标达到100%"):
        assert chrome not in raw.text, chrome
    assert raw.text.splitlines()[0] == "迎泽区“十四五”教育事业发展规划"
    assert len(raw.tables) == 1 and len(raw.tables[0].rows) == 7


# --- HTML structure, in pages of our own ----------------------------------------------------

def _page(body: str, head: str = "") -> bytes:
    return f"<html><head>{head}<title>示例区规划_示例区政府网</title></head><body>{body}</body></html>".encode()


@pytest.mark.parametrize(("body", "lines"), [
    ("<p>一、总体目标</p><p>到2025年，新建幼儿园5所。</p>", ["示例区规划", "一、总体目标", "到2025年，新建幼儿园5所。"]),
    ("<div>第一行<br>第二行</div>", ["示例区规划", "第一行", "第二行"]),
    ("<p>义务教育巩固率\n  达到99%</p>", ["示例区规划", "义务教育巩固率达到99%"]),
    ("<p>专栏一 主要指标</p>", ["示例区规划", "专栏一 主要指标"]),
    ("<h1>某县教育规划</h1><p>正文</p>", ["某县教育规划", "正文"]),
    ("<table><tr><td><p>只有一格的版式表格</p><p>第二段</p></td></tr></table>",
     ["示例区规划", "只有一格的版式表格", "第二段"]),
    ("<ul><li><a href='/a'>首页</a></li><li><a href='/b'>新闻</a></li><li><a href='/c'>公开</a></li></ul><p>正文</p>",
     ["示例区规划", "正文"]),
    ("<p style='display:none'>隐藏的10%</p><p>正文</p>", ["示例区规划", "正文"]),
], ids=["paragraphs", "br", "source-line-break-inside-a-sentence", "space-kept", "h1-title",
        "layout-table", "link-list-dropped", "hidden-dropped"])
def test_html_lines(body: str, lines: list[str]) -> None:
    assert read_data(_page(body), "p.html").text.splitlines() == lines


def test_html_indicator_table_beside_the_text_is_kept() -> None:
    text = "<p>" + "到2025年，全镇义务教育巩固率保持在99%以上，学前教育普及普惠水平持续提高。" * 12 + "</p>"
    table = "<table><tr><td>指标</td><td>2025年</td></tr><tr><td>巩固率(%)</td><td>99</td></tr></table>"
    page = _page(f"<div class='article'><div class='text'>{text}</div><div class='att'>{table}</div></div>"
                 "<div class='foot'>主办单位：某镇人民政府</div>")
    assert read_data(page, "p.html").text.splitlines()[-2:] == ["指标\t2025年", "巩固率(%)\t99"]


def test_html_table_spans_are_spread_over_their_columns_and_rows() -> None:
    table = ("<table><tr><th>类别</th><th>指标</th><th>2020年</th><th>2025年</th></tr>"
             "<tr><td rowspan='2'>学前</td><td>毛入园率(%)</td><td>88</td><td>92</td></tr>"
             "<tr><td>普惠率(%)</td><td colspan='2'>85</td></tr></table>")
    raw = read_data(_page(table), "t.html")
    assert raw.text.splitlines()[1:] == ["类别\t指标\t2020年\t2025年", "学前\t毛入园率(%)\t88\t92",
                                         "\t普惠率(%)\t85\t"]
    assert [[c.text for c in r] for r in raw.tables[0].rows][2] == ["", "普惠率(%)", "85", ""]
    assert [c.line for c in raw.tables[0].rows[1]] == [3, 3, 3, 3]


@pytest.mark.parametrize(("head", "data_encoding"), [
    ('<meta charset="gbk">', "gbk"), ('<meta http-equiv="Content-Type" content="text/html; charset=GB2312">', "gb18030"),
    ('<meta charset="utf-8">', "gbk"),  # says UTF-8, written in GBK: the bytes decide
], ids=["meta-gbk", "http-equiv-gb2312", "wrong-meta"])
def test_html_encoding_from_meta_or_bytes(head: str, data_encoding: str) -> None:
    data = _page("<p>到2025年，某县学前教育毛入园率达到95%。</p>", head).decode().encode(data_encoding)
    assert "学前教育毛入园率达到95%" in read_data(data, "p.html").text


# --- detection and refusals ------------------------------------------------------------------

def _zip(names: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n, text in names.items():
            z.writestr(n, text)
    return buf.getvalue()


@pytest.mark.parametrize(("data", "name", "fmt"), [
    (b"%PDF-1.4\n", "plan.txt", "pdf"),
    (b"\xef\xbb\xbf<!DOCTYPE html><html>", "plan.doc", "html"),  # portals serve web pages as .doc
    (_zip({"word/document.xml": "<w:document/>"}), "plan.zip", "docx"),
    ("一、总体目标\n生师比<15:1\n".encode(), "plan.html", "text"),
    ("<5%的学校\n".encode(), "plan.txt", "text"),
    (b"", "plan.txt", "text"),
], ids=["pdf-named-txt", "html-named-doc", "docx-named-zip", "text-named-html", "text-starting-with-lt", "empty-txt"])
def test_format_is_detected_from_the_content(data: bytes, name: str, fmt: str) -> None:
    assert detect(data, name) == fmt


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"", "plan.pdf", "plan.pdf is empty (0 bytes), not a PDF file"),
    (b"", "plan.docx", "plan.docx is empty (0 bytes), not a Word .docx file"),
    (b"\x89\x01\x02\x00garbage" * 10, "plan.docx", "plan.docx is not a Word .docx file (a Word .docx is a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "plan.doc", "plan.doc is an old binary Word .doc"),
    (b"{\\rtf1\\ansi plan}", "plan.rtf", "plan.rtf is an RTF file"),
    (_zip({"mimetype": "application/vnd.oasis.opendocument.text"}), "plan.odt", "an OpenDocument text"),
    (_zip({"xl/workbook.xml": "<x/>"}), "plan.xlsx", "a spreadsheet"),
    (_zip({"a.txt": "x"}), "plan.zip", "a ZIP archive without a Word document"),
    (b"PK\x03\x04broken", "plan.docx", "damaged or cut-short ZIP archive"),
], ids=["empty-pdf", "empty-docx", "docx-not-a-zip", "old-doc", "rtf", "odt", "xlsx", "other-zip", "broken-zip"])
def test_unreadable_files_say_what_to_do(data: bytes, name: str, message: str) -> None:
    with pytest.raises(InputError) as e:
        read_data(data, name)
    assert message in e.value.message


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plancmp", *args], capture_output=True, text=True, cwd=FIXTURES)


@pytest.mark.parametrize(("make", "message"), [
    (lambda: (FIXTURES / "scan.pdf").read_bytes(), "has no text layer (a scanned PDF?): there is no text to read; "
                                                   "run an OCR tool on it first, e.g. `ocrmypdf"),
    (lambda: (FIXTURES / "encrypted.pdf").read_bytes(), "is encrypted with a password"),
    (lambda: (FIXTURES / "yingze.pdf").read_bytes()[:2500], "is not a readable PDF (damaged or cut short)"),
    (lambda: b"", "is empty (0 bytes), not a PDF file"),
], ids=["scanned", "encrypted", "truncated", "zero-bytes"])
def test_bad_pdfs_end_with_one_error_line_and_exit_2(tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(make())
    r = subprocess.run([sys.executable, "-m", "plancmp", "extract", str(path)], capture_output=True, text=True)
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"Error: {path} ") and message in r.stderr
    assert "Traceback" not in r.stderr


def test_a_scan_in_a_batch_fails_alone() -> None:
    r = _cli("extract", "scan.pdf", "yingze.docx", "--format", "jsonl", "--jobs", "1")
    assert r.returncode == 1
    records = [line for line in r.stdout.splitlines() if line]
    assert len(records) == 2 and '"error"' in records[0] and '"targets"' in records[1]
    assert "scan.pdf has no text layer" in r.stderr


def test_from_overrides_detection(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(_page("<p>到2025年，新建学校3所。</p>"))
    as_text = read(str(page), fmt="text")
    assert as_text.format == "text" and "<p>" in as_text.text
    r = subprocess.run([sys.executable, "-m", "plancmp", "clean", "--from", "docx", str(page)],
                       capture_output=True, text=True)
    assert r.returncode == 2 and r.stdout == "" and "is a damaged .docx" in r.stderr
    r = subprocess.run([sys.executable, "-m", "plancmp", "clean", "--from", "odt", str(page)],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "unknown input format 'odt'" in r.stderr


def test_text_runs_never_load_the_format_libraries() -> None:
    code = ("import sys; from plancmp.extract.pipeline import extract_file; "
            "extract_file('samples/shanxi-taiyuan-yingze-2021.txt'); "
            "print(sorted(m for m in ('lxml', 'docx', 'pdfplumber', 'pdfminer') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip() == "[]"


# --- the parts, in cases of our own ----------------------------------------------------------

@pytest.mark.parametrize(("n", "fmt", "text"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCounting", "十二"),
    (30, "chineseCountingThousand", "三十"), (101, "chineseCounting", "一百零一"),
    (3, "ideographTraditional", "丙"), (2, "chineseLegalSimplified", "贰"), (5, "decimalEnclosedCircle", "⑤"),
    (7, "decimal", "7"), (3, "decimalZero", "03"), (9, "lowerRoman", "ix"), (2, "upperLetter", "B"),
    (4, "bullet", ""), (2, "ideographDigital", "二"),
], ids=lambda v: str(v))
def test_word_number_formats(n: int, fmt: str, text: str) -> None:
    assert number_text(n, fmt) == text


def test_chinese_counting_skips_the_leading_one_of_the_tens() -> None:
    assert [chinese(n) for n in (11, 19, 20, 99, 1010)] == ["十一", "十九", "二十", "九十九", "一千零一十"]


def _ln(text: str, x0: float, x1: float, top: float, size: float = 11.0) -> _Line:
    return _Line(text, top, top + size, x0, x1, size)


@pytest.mark.parametrize(("cur", "nxt", "wraps"), [
    (_ln("到2025年,全县学前教育毛入园率达", 70, 525, 100), _ln("到96%以上。", 70, 160, 118), True),
    (_ln("全县新建中小学12所,新增学位8000个。", 70, 525, 100), _ln("　　二段首行缩进两字。", 92, 400, 118), False),
    (_ln("短行结束。", 70, 200, 100), _ln("下一段顶格。", 70, 300, 118), False),
    (_ln("全县义务教育巩固率保持在99%以上。", 70, 525, 100), _ln("（二）主要任务", 70, 160, 118), False),
    (_ln("标题行字号较大铺满整行标题行字号较大", 70, 525, 100, 16), _ln("正文", 70, 100, 124), False),
    (_ln("到2025年,全县学前教育毛入园率达", 70, 525, 100), _ln("到96%以上。", 70, 160, 160), False),
    (_ln("某市某县“十四五”时期学前教育发展提升行动计划(2021—", 70, 525, 60, 16), _ln("2025年)", 270, 325, 84, 16), True),
    (_ln("全县新建中小学12所,新增学位8000个,改扩建", 70, 525, 100), _ln("专栏2 重点项目", 260, 335, 118), False),
    (_ln("2020年全县教育经费投入共计12.5亿元,年均增长", 70, 498, 100), _ln("7.35%,居全市前列。", 70, 200, 118), True),
    (_ln("2020年全县教育经费投入共计12.5亿元。", 70, 400, 100), _ln("7.35%的增幅居全市前列。", 70, 200, 118), False),
], ids=["full-then-flush", "next-indented", "short-line", "heading-after-sentence", "other-size", "gap",
        "title-goes-on-centred", "centred-body-line", "number-did-not-fit", "number-would-have-fit"])
def test_pdf_wrap_is_read_from_the_layout(cur: _Line, nxt: _Line, wraps: bool) -> None:
    assert _wraps(cur, nxt, left=70, right=525, size=11, same_page=True) is wraps


def test_running_lines_recur_at_the_same_height() -> None:
    def page(n: int) -> list[_Line]:
        return [_ln("某县教育局文件", 200, 400, 30, 9), _ln(f"正文第{n}页的内容。", 70, 525, 100),
                _ln("某县教育局文件", 200, 400, 300), _ln(f"- {n} -", 280, 310, 800, 9)]
    pages = [page(1), page(2), page(3)]
    _drop_running_lines(pages, [842.0] * 3)
    assert [[ln.text for ln in p] for p in pages] == [[f"正文第{n}页的内容。", "某县教育局文件"] for n in (1, 2, 3)]


def test_a_lone_number_ending_one_page_is_text_not_a_page_number() -> None:
    def page(last: str) -> list[_Line]:
        return [_ln("正文一行。", 70, 525, 700), _ln(last, 70, 90, 760)]
    pages = [page("12"), page("第二页正文。"), page("第三页正文。")]
    _drop_running_lines(pages, [842.0] * 3)
    assert [ln.text for ln in pages[0]] == ["正文一行。", "12"]


def test_margins_hold_when_most_lines_are_indented_one_line_paragraphs() -> None:
    lines = [_ln(f"{n}.某某小学(新建)", 92, 200, 100 + 18 * n) for n in range(40)]
    lines += [_ln("全县新建中小学12所,新增学位8000个,改扩建学校", 70, 525, 900 + 18 * n) for n in range(3)]
    left, right, size = _margins([lines])
    assert (left, right, size) == (70, 525, 11.0)


def test_table_rows_are_written_as_tab_separated_lines_with_their_cells() -> None:
    w = LineWriter()
    w.line("前文")
    w.table([["重点指标一览", None, None], ["指标", "2020年", "2025年"], ["巩固率\n(%)", "98", None]])
    assert w.lines == ["前文", "重点指标一览", "指标\t2020年\t2025年", "巩固率(%)\t98\t"]
    assert [(c.text, c.line) for c in w.tables[0].rows[1]] == [("巩固率(%)", 4), ("98", 4), ("", 4)]
    w.table([["入学率(%)", "99", "100"]], page=2, carry_on=True)  # the table goes on over a page break
    assert len(w.tables) == 1 and w.tables[0].lines == (3, 4, 5)
    w.line("后文")
    w.table([["指标", "2025年"], ["巩固率", "99"]], carry_on=True)
    assert len(w.tables) == 2


def test_unwrap_joins_listed_line_ends_and_keeps_each_character_on_its_line() -> None:
    raw = RawText(path="p.pdf", text="全县毛入园率达\n到95%。\nIndex of\nschools\n", encoding="pdf", sha256="",
                  format="pdf", wraps=[1, 3], page_starts=[1, 3])
    mapped = unwrap(raw)
    assert mapped.text == "全县毛入园率达到95%。\nIndex of schools\n"
    assert mapped.line_of(mapped.text.index("95")) == 2
    assert (raw.page_of(2), raw.page_of(3)) == (1, 2)


def test_readme_pdf_example_is_what_extract_gives(extracted: dict) -> None:
    import json
    import re

    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Formats", 1)[1].split("\n## ", 1)[0]
    shown = json.loads(re.findall(r"```json\n(.*?)```", section, re.DOTALL)[1])
    got = next(t.model_dump(mode="json") for t in extracted["yingze.pdf"].targets
               if t.line == shown["line"] and t.match == shown["match"] and t.kind == shown["kind"])
    assert {k: got[k] for k in shown} == shown


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbered_docx(paragraphs: list[tuple[str, str | None, int | None]]) -> bytes:
    """A .docx of (text, style, list level) paragraphs: the styles ``Chapter``/``Section`` number
    their paragraphs (一、 and （一）) through the style, a level numbers a paragraph directly
    (a level + 10 through a list that links to a list style)."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    d = docx.Document()
    numbering = d.part.numbering_part.element
    levels = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
                     for i, (fmt, text) in enumerate([("chineseCounting", "%1、"), ("chineseCounting", "（%2）"),
                                                      ("decimalEnclosedCircle", "%3")]))
    first = numbering.find(f"{{{W_NS}}}num")
    abstract = parse_xml(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="77">{levels}</w:abstractNum>')
    first.addprevious(abstract) if first is not None else numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    for name, level in (("Chapter", 0), ("Section", 1)):
        st = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.element.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr>'))
    d.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    # list 78 only links to the list style "PlanList", whose numbering is list 77
    linked = parse_xml(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="78"><w:numStyleLink w:val="PlanList"/>'
                       '</w:abstractNum>')
    numbering.find(f"{{{W_NS}}}num").addprevious(linked)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="78"><w:abstractNumId w:val="78"/></w:num>'))
    d.styles.add_style("PlanList", WD_STYLE_TYPE.LIST).element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W_NS}"><w:numId w:val="77"/></w:numPr>'))
    for text, style, level in paragraphs:
        p = d.add_paragraph(text, style=style)
        if level is not None:
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = level % 10
            num_pr.get_or_add_numId().val = 78 if level >= 10 else 77
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_numbering_through_styles_restarts_lower_levels_and_skips_the_toc() -> None:
    data = _numbered_docx([
        ("总体目标\t1", "toc 1", None), ("某县教育发展规划", None, None), ("总体目标", "Chapter", None),
        ("办学条件", "Section", None), ("新建学校5所。", None, 2), ("改扩建学校3所。", None, 2),
        ("师资队伍", "Section", None), ("培训教师800人次。", None, 2), ("保障措施", "Chapter", None),
        ("加强组织领导", "Section", None), ("落实经费保障", None, 11)])
    assert read_data(data, "plan.docx").text.splitlines() == [
        "某县教育发展规划", "一、总体目标", "（一）办学条件", "①新建学校5所。", "②改扩建学校3所。", "（二）师资队伍",
        "①培训教师800人次。", "二、保障措施", "（一）加强组织领导", "（二）落实经费保障"]


def test_an_old_portal_laid_out_in_nested_tables_gives_its_text_and_its_data_table() -> None:
    """Navigation and side menu in layout cells, the text in a cell of a nested table, a data table
    inside it, the footer in a table of its own (a page written for this test)."""
    raw = read(str(FIXTURES / "layout-tables.html"))
    lines = raw.text.splitlines()
    assert lines[:3] == ["某县教育事业发展“十四五”规划", "发布日期：2022-01-05 浏览次数：1024", "一、发展目标"]
    assert not any(word in raw.text for word in ("首页", "通知公告", "规划计划"))
    assert [[c.text for c in r] for r in raw.tables[0].rows] == [
        ["指标", "2020年", "2025年", "属性"], ["学前三年毛入园率（%）", "88.5", "92", "预期性"]]
    result = extract_raw(raw)
    assert {(t.metric, t.value, t.kind, t.year) for t in result.targets if t.rule.startswith("table")} == {
        ("学前三年毛入园率", 88.5, "baseline", 2020), ("学前三年毛入园率", 92, "target", 2025)}
    assert [s.title for s in result.sections] == ["发展目标", "学前教育", "保障措施"]


def _chars(*runs: tuple[str, float]) -> list[dict]:
    """Characters 10 points wide, each run of text starting at its x."""
    return [{"text": ch, "x0": x + 10 * i, "x1": x + 10 * (i + 1)} for text, x in runs for i, ch in enumerate(text)]


@pytest.mark.parametrize(("chars", "text"), [
    (_chars(("到2025年新建学校", 70)), "到2025年新建学校"),
    (_chars(("第一章", 70), ("总则", 108)), "第一章 总则"),
    (_chars(("普惠率(%)", 70), ("85", 200), ("90", 260)), "普惠率(%)  85  90"),
    (_chars(("Index", 70), (" of", 120)), "Index of"),
], ids=["solid", "word-gap", "columns-without-rules", "real-space"])
def test_pdf_line_text_keeps_column_gaps(chars: list[dict], text: str) -> None:
    assert _spaced(chars, 10.0) == text


def test_a_justified_line_spreads_its_characters_without_spaces() -> None:
    chars = [{"text": ch, "x0": 70 + 12.5 * i, "x1": 70 + 12.5 * i + 10} for i, ch in enumerate("学前教育毛入园率达到")]
    assert _spaced(chars, 10.0) == "学前教育毛入园率达到"


def test_a_pdf_scanned_in_part_is_read_with_a_warning_naming_the_pages() -> None:
    result = extract_file(str(FIXTURES / "partly-scanned.pdf"))
    assert [(t.value, t.page) for t in result.targets] == [(95, 1)]
    assert [w.message for w in result.warnings if w.code == "reader"] == [
        f"{FIXTURES / 'partly-scanned.pdf'}: page 2 of the PDF is an image without a text layer (scanned?); its text is missing: "
        "run OCR on the file (e.g. `ocrmypdf -l chi_sim`) to read it"]


def test_an_overprinted_bold_heading_reads_once() -> None:
    assert read(str(FIXTURES / "fake-bold.pdf")).text.splitlines() == ["一、发展目标", "到2025年,学前教育毛入园率达到95%以上。"]


@pytest.mark.parametrize(("texts", "share"), [
    (["(cid:1234)(cid:88)(cid:9)"], 1.0), (["学前教育(cid:12)毛入园率"], 1 / 9), (["学前教育"], 0.0)],
    ids=["all-unmapped", "one-unmapped", "mapped"])
def test_share_of_glyphs_without_a_unicode_map(texts: list[str], share: float) -> None:
    assert _unmapped_share([[_ln(t, 70, 300, 100) for t in texts]]) == pytest.approx(share)


def _mhtml(html: str, charset: str = "gb2312") -> bytes:
    """Word's "single file web page" (a web archive), as portals publish it under .doc."""
    import quopri

    body = quopri.encodestring(html.encode(charset)).decode("ascii")
    return ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01D8\"\r\n\r\n"
            "------=_NextPart_01D8\r\nContent-Location: file:///C:/plan.htm\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            f"Content-Type: text/html; charset=\"{charset}\"\r\n\r\n{body}\r\n------=_NextPart_01D8--\r\n").encode("ascii")


def test_a_web_archive_published_as_doc_is_read_as_its_page() -> None:
    data = _mhtml("<html><body><p>二、主要任务</p><p>到2025年，某乡新建幼儿园3所。</p></body></html>")
    assert detect(data, "plan.doc") == "html"
    raw = read_data(data, "plan.doc")
    assert (raw.format, raw.encoding, raw.text) == ("html", "gb18030", "二、主要任务\n到2025年，某乡新建幼儿园3所。\n")


# --- damaged files: an error for people, never a traceback ---------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SOURCES = {name: (FIXTURES / name).read_bytes() for name in ("yingze.pdf", "yingze.docx", "yingze.html")}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(_SOURCES)), cut=st.floats(0.0, 1.0),
       flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=4))
def test_a_damaged_published_file_reads_or_raises_an_input_error(name: str, cut: float,
                                                                 flips: list[tuple[float, int]]) -> None:
    data = bytearray(_SOURCES[name][: max(1, int(len(_SOURCES[name]) * cut))])
    for where, value in flips:
        data[min(int(where * len(data)), len(data) - 1)] = value
    try:
        raw = read_data(bytes(data), name)
    except InputError as e:
        assert name in e.message and "\n" not in e.message
        return
    extract_raw(raw)


def test_diff_and_compare_take_any_mix_of_formats(tmp_path: Path) -> None:
    import json
    import shutil

    r = _cli("diff", "yingze.pdf", "fengtai.docx", "--format", "json")
    assert r.returncode == 0, r.stderr
    diff = json.loads(r.stdout)
    assert len(diff["matched"]) >= 3
    for name in ("yingze.pdf", "fengtai.docx", "yingze.html"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    r = subprocess.run([sys.executable, "-m", "plancmp", "compare", str(tmp_path), "--format", "json"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["plans"]) == 3
