"""Write the format fixtures of tests/test_formats.py: two samples' own text as .txt, .docx, .pdf and .html.

    .venv/bin/python scripts/make_fixtures.py          # rewrites tests/fixtures/formats/

Needs the test extras (python-docx, reportlab: ``pip install -e '.[test]'``).
Each sample is an excerpt of a plan in ``samples/``: its title, a heading
tree, paragraphs with targets and its indicator table. The ``.txt`` is the
excerpt as the sample has it (the table in the sample's own layout); the
other forms publish the same excerpt as a district would:

- ``.docx``: headings numbered by Word list numbering (``一、``, ``（一）``, ``1.``
  are not in the text but drawn from ``numbering.xml``), the table as a Word table;
- ``.pdf``: A4 pages in reportlab's built-in ``STSong-Light`` CID font (no font file),
  paragraphs indented and wrapped at the margin, a running header and a
  ``— N —`` footer on every page, the table ruled, at least two pages;
- ``.html``: a portal page in GB18030 that says ``charset=gb2312``, with a
  navigation bar, breadcrumbs, a share bar and a footer around the content.

Also ``fake-bold.pdf`` (a heading overprinted to look bold), ``scan.pdf`` (a page
with an image and no text layer), ``partly-scanned.pdf``
(a page of text, then such a page) and ``encrypted.pdf`` (the yingze PDF behind a
user password). ``layout-tables.html`` is written by hand (an old portal page laid
out in nested tables).
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "formats"

_MARKERS = [  # (level, regex of the marker, Word number format, Word level text)
    (0, re.compile(r"^([一二三四五六七八九十]+)、"), "chineseCounting", "%1、"),
    (1, re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]"), "chineseCounting", "（%2）"),
    (2, re.compile(r"^(\d+)[.．]"), "decimal", "%3."),
]
_CN = "一二三四五六七八九十"


@dataclass
class Block:
    kind: str  # title, heading, para, caption, table
    text: str = ""
    level: int = -1
    number: int = 0
    rows: list[list[str]] = field(default_factory=list)
    merged_caption: bool = False  # the caption is the table's first row, spanning it


@dataclass
class Excerpt:
    name: str
    sample: str
    lines: list[int]  # the sample's lines, in order (1-based)
    table: tuple[int, int]  # first and last line of the table in the sample
    table_layout: str  # "pipes" or "cell-per-line"
    columns: int = 0  # cell-per-line: cells per row
    drop_rows: tuple[str, ...] = ()  # cell-per-line: row numbers whose cells the sample lost
    header: str = ""


EXCERPTS = [
    Excerpt("yingze", "shanxi-taiyuan-yingze-2021.txt", [1, 2, 31, 41, 42, 43, 44, 45, 46], (52, 59), "pipes",
            header="迎泽区“十四五”教育事业发展规划"),
    Excerpt("fengtai", "beijing-fengtai-2021.txt", [13, 78, 93, 95, 97, 99, 101, 105, 109, 111], (114, 200),
            "cell-per-line", columns=4, drop_rows=("4", "8", "9", "10"), header="丰台区教育改革和发展规划"),
]
TAIL = {"yingze": [60, 61, 62], "fengtai": [203, 204, 206, 208, 210]}


def _clean(line: str) -> str:
    """A sample line as published: no cut-off replacement character, no bullet of the portal copy."""
    return line.replace("\ufffd", "").strip().lstrip("• ").strip()


def _number(text: str) -> int:
    """一 … 九十九 as a number."""
    tens, _, ones = text.rpartition("十") if "十" in text else ("", "", text)
    if "十" not in text:
        return _CN.index(ones) + 1
    return (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(ones) + 1 if ones else 0)


def _block(line: str) -> Block:
    for level, rx, _, _ in _MARKERS:
        m = rx.match(line)
        if m:
            num = int(m.group(1)) if m.group(1).isdigit() else _number(m.group(1))
            return Block("heading", line[m.end():], level, num)
    return Block("para", line)


def _table(ex: Excerpt, lines: list[str]) -> Block:
    a, b = ex.table
    body = [ln.strip() for ln in lines[a - 1:b]]
    if ex.table_layout == "pipes":
        rows = [[c.strip() for c in ln.rstrip("|").split("|")] for ln in body]
        caption = rows.pop(0)[0]
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        return Block("table", caption, rows=rows, merged_caption=True)
    cells = [c for c in body if c]
    caption = cells.pop(0)
    header = [""] + cells[:ex.columns - 1]
    cells = cells[ex.columns - 1:]
    rows, row = [header], []
    for c in cells:
        if row and c.isdigit() and int(c) == int(row[0]) + 1 and len(row) > 2:
            rows.append(row)
            row = []
        row.append(c)
    rows.append(row)
    rows = [r for r in rows if r[0] not in ex.drop_rows and (r is header or len(r) == ex.columns)]
    return Block("table", caption, rows=rows)


def excerpt(ex: Excerpt) -> tuple[str, list[Block]]:
    """The excerpt's text (the sample's own lines and layout) and its blocks."""
    lines = (ROOT / "samples" / ex.sample).read_text(encoding="utf-8").splitlines()
    txt: list[str] = []
    blocks: list[Block] = []
    for i, n in enumerate(ex.lines + ["table"] + TAIL[ex.name]):
        if n == "table":
            t = _table(ex, lines)
            blocks.append(t)
            txt.extend(_table_text(ex, t))
            continue
        line = _clean(lines[n - 1])
        txt.append(line)
        blocks.append(Block("title", line) if i == 0 else _block(line))
    return "\n".join(txt) + "\n", blocks


def _table_text(ex: Excerpt, t: Block) -> list[str]:
    if ex.table_layout == "pipes":
        return [t.text + " | ||||"] + [" | ".join(r) + " |" for r in t.rows]
    out = [t.text, ""]
    for r in t.rows:
        for c in r:
            if c:
                out += [c, ""]
    return out


# ------------------------------------------------------------------ .docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def write_docx(blocks: list[Block], path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Pt

    d = docx.Document()
    numbering = d.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{lv}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/></w:lvl>' for lv, _, fmt, text in _MARKERS)
    abstract = parse_xml(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">'
                         f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
    first_num = numbering.find(_w("num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num_ids = [90]

    def new_num(overrides: str = "") -> int:
        num_id = 90 + len(num_ids) if overrides else 90
        numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="90"/>'
                                   f'{overrides}</w:num>'))
        num_ids.append(num_id)
        return num_id

    current = new_num()
    counters: dict[int, int] = {}
    for b in blocks:
        if b.kind == "title":
            p = d.add_paragraph()
            p.add_run(b.text).font.size = Pt(16)
        elif b.kind == "heading":
            expected = counters.get(b.level, 0) + 1
            if expected != b.number:  # the excerpt starts mid-list: restart the level at its number
                current = new_num(f'<w:lvlOverride w:ilvl="{b.level}"><w:startOverride w:val="{b.number}"/>'
                                  f'</w:lvlOverride>')
            counters[b.level] = b.number
            for deeper in [lv for lv in counters if lv > b.level]:
                del counters[deeper]
            p = d.add_paragraph(b.text)
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = b.level
            num_pr.get_or_add_numId().val = current
        elif b.kind == "table":
            width = len(b.rows[0])
            if not b.merged_caption:
                d.add_paragraph(b.text)
            table = d.add_table(rows=0, cols=width)
            table.style = "Table Grid"
            if b.merged_caption:
                cells = table.add_row().cells
                cells[0].merge(cells[-1]).text = b.text
            for r in b.rows:
                cells = table.add_row().cells
                for c, text in zip(cells, r):
                    c.text = text
        else:
            d.add_paragraph(b.text)
    when = datetime(2021, 12, 31)
    d.core_properties.created = d.core_properties.modified = when
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(_fixed_zip(buf.getvalue(), when))


def _fixed_zip(data: bytes, when: datetime) -> bytes:
    """The same archive with every entry dated ``when``, so a rerun writes the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, when.timetuple()[:6]), src.read(info.filename),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# ------------------------------------------------------------------ .pdf

def write_pdf(blocks: list[Block], path: Path, header: str, password: str | None = None) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=18, wordWrap="CJK",
                          firstLineIndent=22)
    heading = ParagraphStyle("heading", parent=body, firstLineIndent=0, spaceBefore=6)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=24, alignment=1, firstLineIndent=0,
                           spaceAfter=12)
    cell = ParagraphStyle("cell", parent=body, fontSize=10, leading=14, firstLineIndent=0)

    def page(canvas, doc) -> None:  # running header and footer
        canvas.saveState()
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, header)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"— {doc.page} —")
        canvas.restoreState()

    story = []
    for b in blocks:
        if b.kind == "title":
            story.append(Paragraph(b.text, title))
        elif b.kind == "heading":
            marker = _MARKERS[b.level][3].replace(f"%{b.level + 1}", _cn(b.number) if b.level < 2 else str(b.number))
            story.append(Paragraph(marker + b.text, heading))
        elif b.kind == "table":
            width = len(b.rows[0])
            rows = [[Paragraph(c, cell) for c in r] for r in b.rows]
            style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            if b.merged_caption:
                rows.insert(0, [Paragraph(b.text, cell)] + [""] * (width - 1))
                style.append(("SPAN", (0, 0), (-1, 0)))
            else:
                story.append(Paragraph(b.text, heading))
            widths = [14 * mm] + [None] * (width - 1)
            name_col = 1
            rest = (A4[0] - 50 * mm - 14 * mm) / (width - 1)
            widths = [14 * mm] + [rest * (2.2 if i == name_col else 0.8) for i in range(1, width)]
            scale = (A4[0] - 50 * mm) / sum(widths)
            story.append(Spacer(1, 4))
            story.append(Table(rows, colWidths=[w * scale for w in widths], style=TableStyle(style)))
            story.append(Spacer(1, 6))
        else:
            story.append(Paragraph(b.text, body))
    buf = io.BytesIO()
    kwargs = {}
    if password:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kwargs["encrypt"] = StandardEncryption(password, canPrint=0)
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=25 * mm,
                            bottomMargin=22 * mm, title=header, author="plancmp fixtures", invariant=1, **kwargs)
    doc.build(story, onFirstPage=page, onLaterPages=page)
    path.write_bytes(buf.getvalue())


def _cn(n: int) -> str:
    return _CN[n - 1] if n <= 10 else ("十" + _CN[n - 11] if n < 20 else str(n))


def write_scan(path: Path, text_first: str | None = None) -> None:
    """A page that is only an image (a scan without OCR): no text layer; with ``text_first``,
    after a page that has that text (a PDF scanned in part)."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    img = Image.new("L", (300, 400), 255)
    draw = ImageDraw.Draw(img)
    for y in range(40, 380, 16):
        draw.rectangle((30, y, 270 - (y % 48), y + 8), fill=40)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    if text_first:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        c.setFont("STSong-Light", 11)
        c.drawString(72, 760, text_first)
        c.showPage()
    c.drawImage(ImageReader(img), 40, 100, width=500, height=660)
    c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())


# ------------------------------------------------------------------ .html

def write_html(blocks: list[Block], path: Path) -> None:
    from html import escape

    out = ['<!DOCTYPE html>', '<html><head>',
           '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
           f'<title>{escape(blocks[0].text)}_规划计划_区人民政府门户网站</title>',
           '<script>var nav = "首页 政务公开 2025年目标达到100%";</script>',
           '<style>.nav li{float:left}</style></head><body>',
           '<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
           '<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li>'
           '<li><a href="/zjqq/">走进本区</a></li></ul></div>',
           '<div class="main"><div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a>'
           ' &gt; <a href="/zwgk/ghjh/">规划计划</a></div>',
           f'<h1 class="title">{escape(blocks[0].text)}</h1>',
           '<div class="info">发布时间：2021-12-31　来源：区教育局　字体：<a href="#">大</a> <a href="#">中</a> '
           '<a href="#">小</a></div>',
           '<div class="content" id="zoom">']
    for b in blocks[1:]:
        if b.kind == "heading":
            marker = _MARKERS[b.level][3].replace(f"%{b.level + 1}", _cn(b.number) if b.level < 2 else str(b.number))
            out.append(f'<p style="text-indent:2em"><strong>{escape(marker + b.text)}</strong></p>')
        elif b.kind == "table":
            width = len(b.rows[0])
            if not b.merged_caption:
                out.append(f'<p align="center">{escape(b.text)}</p>')
            out.append('<table border="1" cellspacing="0" cellpadding="4" width="100%"><tbody>')
            if b.merged_caption:
                out.append(f'<tr><td colspan="{width}" align="center"><p>{escape(b.text)}</p></td></tr>')
            for r in b.rows:
                out.append("<tr>" + "".join(f"<td><p>{escape(c)}</p></td>" for c in r) + "</tr>")
            out.append("</tbody></table>")
        else:
            out.append(f'<p style="text-indent:2em">{escape(b.text)}</p>')
    out += ['</div>',
            '<div class="share">分享到：<a href="#" class="wx"></a><a href="#" class="wb"></a>'
            '<a href="#" class="qq"></a></div>',
            '<div class="related"><h3>相关文件</h3><ul><li><a href="/a.html">关于做好2021年教育工作的通知</a></li>'
            '<li><a href="/b.html">区教育局2020年工作总结</a></li><li><a href="/c.html">政策解读</a></li></ul></div>',
            '</div>',
            '<div class="footer"><p>主办单位：区人民政府办公室　承办：区政务服务数据管理局</p>'
            '<p>网站标识码：1101060001　京ICP备05060933号　京公网安备11010602000001号</p></div>',
            '</body></html>']
    path.write_bytes("\n".join(out).encode("gb18030"))


def write_fake_bold(path: Path) -> None:
    """A heading drawn twice, 0.3 pt apart (a bold face faked by overprinting), over a sentence."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setFont("STSong-Light", 14)
    for dx in (0, 0.3):
        c.drawString(72 + dx, 760, "一、发展目标")
    c.setFont("STSong-Light", 11)
    c.drawString(72, 730, "到2025年,学前教育毛入园率达到95%以上。")
    c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for ex in EXCERPTS:
        text, blocks = excerpt(ex)
        (OUT / f"{ex.name}.txt").write_text(text, encoding="utf-8")
        write_docx(blocks, OUT / f"{ex.name}.docx")
        write_pdf(blocks, OUT / f"{ex.name}.pdf", ex.header)
        write_html(blocks, OUT / f"{ex.name}.html")
        if ex.name == "yingze":
            write_pdf(blocks, OUT / "encrypted.pdf", ex.header, password="plancmp")
    write_scan(OUT / "scan.pdf")
    write_fake_bold(OUT / "fake-bold.pdf")
    write_scan(OUT / "partly-scanned.pdf", text_first="到2025年,学前教育毛入园率达到95%以上。")
    for p in sorted(OUT.iterdir()):
        print(f"{p.relative_to(ROOT)}  {p.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
