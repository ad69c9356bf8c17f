"""Stage meta: title, region, issuer, issue date and period, on texts written for these tests."""
from __future__ import annotations

import pytest

from plancmp.extract.gazetteer import gazetteer
from plancmp.extract.meta import extract_meta
from plancmp.extract.numbers import parse_integer
from plancmp.extract.pipeline import prepare
from plancmp.extract.segment import segment
from plancmp.models import Meta
from plancmp.prepare import read
from plancmp.ruleset import default_rules

BODY = "全面落实本规划的各项任务,确保各项措施落到实处,形成上下联动、齐抓共管的工作格局。"


def meta(text: str) -> Meta:
    rules = default_rules()
    doc = prepare(read.RawText("<test>", text, "utf-8", "0"), rules)
    return extract_meta(doc, segment(doc, rules), rules)


def test_portal_fields() -> None:
    m = meta("• [标  题] 上海市普陀区“十四五”教育发展规划(2021—2025年)\n  • [发文机构] 上海市普陀区教育局\n"
             "  • [发文编号] - - - -\n  • [成文日期] 2022-03-15\n\n一、发展基础\n" + BODY + "\n")
    assert m.title == "上海市普陀区“十四五”教育发展规划(2021—2025年)"
    assert (m.region.province, m.region.city, m.region.district) == ("上海市", "上海市", "普陀区")
    assert m.issuer == "上海市普陀区教育局"
    assert m.issued == "2022-03-15"
    assert (m.period.start, m.period.end) == (2021, 2025)
    assert m.doc_number is None


def test_portal_fields_run_together_on_one_line() -> None:
    """A copy whose line breaks were lost keeps the portal's fields on one line: each value ends
    where the next "• [" field opens, and the title's own period wins over years in the body."""
    m = meta("• [标  题] 江东区学前教育发展规划(2022—2026年)• [发文机构] 江东区教育局• [发文编号] - - - -"
             "• [成文日期] 2022-05-10• 正文:“十三五”期间(2016-2020年),全区新增学位3000个。" + BODY + "\n")
    assert m.title == "江东区学前教育发展规划(2022—2026年)"
    assert m.issuer == "江东区教育局"
    assert m.issued == "2022-05-10"
    assert (m.period.start, m.period.end) == (2022, 2026)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (f"长沙市岳麓区教育事业发展第十四个五年规划\n{BODY}\n一、总体要求\n", "长沙市岳麓区教育事业发展第十四个五年规划"),
        (f"(浙江省)杭州市西湖区教育现代化实施方案\n\n{BODY}\n", "杭州市西湖区教育现代化实施方案"),
        (f"关于印发《东城区教育高质量发展行动计划》的通知\n{BODY}\n", "东城区教育高质量发展行动计划"),
        (f"办好家门口的每一所学校!未来三年这样干\n{BODY}\n一、总体目标\n", "办好家门口的每一所学校!未来三年这样干"),
    ],
    ids=["first-line", "site-region-tag", "notice", "article-headline"],
)
def test_title(text: str, title: str) -> None:
    assert meta(text).title == title


@pytest.mark.parametrize(
    ("text", "region"),
    [
        (f"太原市小店区教育发展规划\n{BODY}\n", ("山西省", "太原市", "小店区")),
        (f"迎泽区教育发展规划\n{BODY}\n", ("山西省", "太原市", "迎泽区")),
        (f"朝阳区教育发展规划\n{BODY}\n", (None, None, "朝阳区")),
        (f"朝阳区教育发展规划\n根据吉林省的部署,{BODY}\n", ("吉林省", "长春市", "朝阳区")),
        (f"朝阳区教育发展规划\n按照北京市的要求,{BODY}\n", ("北京市", "北京市", "朝阳区")),
        (f"新华区教育发展规划\n依据《石家庄市教育发展规划》,{BODY}\n", ("河北省", "石家庄市", "新华区")),
        (f"太原市教育发展规划\n{BODY}\n", ("山西省", "太原市", None)),
        (f"太原市教育发展规划\n支持小店区、迎泽区、小店区建设新校,{BODY}\n", ("山西省", "太原市", None)),
        (f"教育发展规划\n我区(迎泽区)将{BODY}迎泽区教育局\n", ("山西省", "太原市", "迎泽区")),
        (f"{BODY}\n一、总体要求\n全区学校{BODY}\n", (None, None, None)),
    ],
    ids=["full-path", "unique-district", "ambiguous-district-alone", "ambiguous-resolved-by-province",
         "ambiguous-resolved-by-municipality", "ambiguous-resolved-by-city", "city-plan",
         "city-plan-naming-its-districts", "district-from-body", "no-place"],
)
def test_region(text: str, region: tuple[str | None, str | None, str | None]) -> None:
    r = meta(text).region
    assert (r.province, r.city, r.district) == region


def test_masked_copy() -> None:
    text = ("2020年河西教育现代化2035 津河教发202003号 中共*市*区委员会 *市*区人民政府 2020年3月2日 "
            f"为加快推进*区教育现代化,制定本文件。 一、发展背景 {BODY}\n")
    m = meta(text)
    assert (m.region.province, m.region.city, m.region.district) == ("天津市", "天津市", "河西区")
    assert m.issuer == "中共天津市河西区委员会、天津市河西区人民政府"
    assert m.issued == "2020-03-02"
    assert m.doc_number == "津河教发202003号"
    assert (m.period.start, m.period.end) == (None, 2035)


@pytest.mark.parametrize(
    ("text", "issued"),
    [
        (f"某区教育发展规划\n某区教育局\n二〇二二年五月十日\n一、总体要求\n{BODY}\n", "2022-05-10"),
        (f"某区教育发展规划\n区教育局 2023年1月9日\n一、总体要求\n{BODY}\n", "2023-01-09"),
        (f"某区教育发展规划\n成文日期:2021-11-30\n一、总体要求\n{BODY}\n", "2021-11-30"),
        (f"某区教育发展规划\n一、总体要求\n{BODY}\n- 区领导调研学校(2021-04-18 14:39:43)\n", None),
        (f"某区教育发展规划\n一、总体要求\n到2025年9月1日前建成新校区,{BODY}\n", None),
        (f"某区教育发展规划\n某区教育局\n2022年03月05日\n一、总体要求\n{BODY}\n", "2022-03-05"),
        (f"某区教育发展规划\n某区教育局\n２０２２年３月１５日\n一、总体要求\n{BODY}\n", "2022-03-15"),
        (f"某区教育发展规划\n某区教育局\n二○二二年十二月三十日\n一、总体要求\n{BODY}\n", "2022-12-30"),
        (f"某区教育发展规划\n某区教育局\n2022.3.15\n一、总体要求\n{BODY}\n", "2022-03-15"),
        (f"某区教育发展规划\n一、总体要求\n{BODY}\n某区人民政府办公室  2022年3月16日印发\n", None),
        (f"发布日期: 2019-08-20\n某县关于印发某县体育设施规划的通知\n某县人民政府\n2019年8月14日\n"
         f"一、总体要求\n{BODY}\n", "2019-08-14"),
        (f"• [成文日期] 2020-06-01\n• [发布日期] 2020-06-09\n某县养老服务规划\n一、总体要求\n{BODY}\n",
         "2020-06-01"),
        (f"发布日期:2024-02-02 08:15  来源:某镇政府\n某镇农田水利规划\n一、总体要求\n{BODY}\n", "2024-02-02"),
    ],
    ids=["gb-hanzi-date", "date-after-issuer", "colon-field", "news-timestamp", "date-in-body",
         "zero-padded", "full-width-digits", "circle-zero", "dotted", "print-date-only",
         "own-date-before-page-date", "document-field-before-page-field", "page-date-alone"],
)
def test_issued(text: str, issued: str | None) -> None:
    assert meta(text).issued == issued


@pytest.mark.parametrize(
    ("text", "period"),
    [
        (f"某县“十五五”教育发展规划\n{BODY}\n", (2026, 2030)),
        (f"某县教育发展规划(2022-2026年)\n{BODY}\n", (2022, 2026)),
        (f"某县教育现代化2035\n{BODY}\n", (None, 2035)),
        (f"某县教育发展规划\n“十四五”时期是关键五年。回顾“十三五”,{BODY}\n", (2021, 2025)),
        (f"建设教育强县!我们这样做\n到2027年,{BODY}\n", (None, 2027)),
        (f"某县教育事业发展第十四个五年规划\n{BODY}\n", (2021, 2025)),
        (f"某区教育规划(2021-2025)\n{BODY}\n", (2021, 2025)),
        (f"某区教育现代化实施方案\n到二〇三五年,{BODY}\n", (None, 2035)),
        (f"某区教育现代化2035实施方案\n到2025年,学位更加充足。到2035年,{BODY}\n", (None, 2035)),
        (f"某县“十四五”教育发展规划\n对标2035年远景目标,{BODY}\n", (2021, 2025)),
    ],
    ids=["fifteenth-five-year", "year-range", "long-range-2035", "five-year-in-body", "target-year-only",
         "fourteenth-in-words", "range-without-year-word", "hanzi-target-year", "2035-with-interim-2025",
         "five-year-plan-citing-2035"],
)
def test_period(text: str, period: tuple[int | None, int | None]) -> None:
    p = meta(text).period
    assert (p.start, p.end) == period


@pytest.mark.parametrize(
    ("s", "n"), [("十四", 14), ("十", 10), ("二十一", 21), ("二〇二二", 2022), ("12", 12)],
    ids=["fourteen", "ten", "twenty-one", "digit-by-digit-year", "arabic"],
)
def test_parse_integer(s: str, n: int) -> None:
    assert parse_integer(s) == n


@pytest.mark.parametrize(
    ("name", "short"),
    [("丰台区", "丰台"), ("广西壮族自治区", "广西"), ("新疆维吾尔自治区", "新疆"), ("湘西土家族苗族自治州", "湘西"),
     ("北京市", "北京"), ("沙县", "")],
    ids=["district", "autonomous-region", "autonomous-region-no-zu", "two-nations", "municipality", "too-short"],
)
def test_short_name(name: str, short: str) -> None:
    assert gazetteer(default_rules()).short_name(name) == short


def test_gazetteer_is_the_full_table() -> None:
    g = gazetteer(default_rules())
    assert len(g.names) > 3000
    assert len([c for c in g.by_name["鼓楼区"] if g.level(c) == "county"]) >= 3
    assert g.city(g.by_name["海淀区"][0]) == "北京市"


# -- layouts of the genre beyond the seeds (held-out style, own sentences) -------------

@pytest.mark.parametrize(
    ("text", "title"),
    [
        (f"某县“十四五”教育事业发展规划\n(2021—2025年)\n\n某县教育局\n{BODY}\n一、发展基础\n",
         "某县“十四五”教育事业发展规划(2021—2025年)"),
        (f"# 某旗教育事业发展规划(节选)\n\n{BODY}\n## 一、发展基础\n", "某旗教育事业发展规划"),
        (f"**某区教育高质量发展三年行动方案**\n\n{BODY}\n一、总体要求\n", "某区教育高质量发展三年行动方案"),
        (f"某县人民政府文件\n\n某政发〔2022〕8号\n\n某县人民政府\n关于印发某县教育强县建设方案的通知\n\n各乡镇人民政府:\n"
         f"{BODY}\n", "某县教育强县建设方案"),
    ],
    ids=["period-on-the-next-line", "markdown-heading-and-excerpt-tag", "markdown-bold", "notice-without-book-marks"],
)
def test_title_layouts(text: str, title: str) -> None:
    assert meta(text).title == title


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (f"某县教育发展规划\n\n某县人民政府办公室\n2022年3月15日\n\n一、总体要求\n{BODY}\n", "某县人民政府办公室"),
        (f"某区教育发展规划\n一、总体要求\n{BODY}\n\n某区教育局\n2022-03-15\n", "某区教育局"),
        (f"某旗教育发展规划\n一、总体要求\n{BODY}\n\n某旗教育体育局\n二〇二二年三月十五日\n", "某旗教育体育局"),
        (f"某区教育发展规划\n一、总体要求\n{BODY}\n\n中共某区委教育工作领导小组\n2022年3月15日\n", "中共某区委教育工作领导小组"),
        (f"关于印发某区教育规划的通知\n某区人民政府\n2022年3月15日\n一、总体要求\n{BODY}\n"
         "抄送:区委各部门。\n某区人民政府办公室  2022年3月16日印发\n", "某区人民政府"),
        (f"某区教育发展规划\n一、总体要求\n{BODY}\n全区各学校要认真组织实施\n2022年秋季学期起执行\n", None),
        (f"某区教育发展规划\n一、总体要求\n{BODY}\n中共某区委员会\n某区人民政府\n2022年3月15日\n",
         "中共某区委员会、某区人民政府"),
        (f"某县人民政府办公室关于印发某县教育发展规划的通知\n各乡镇:\n{BODY}\n一、总体要求\n{BODY}\n",
         "某县人民政府办公室"),
    ],
    ids=["cover-signature", "end-signature-iso-date", "education-and-sports-bureau", "leading-group",
         "signature-not-print-line", "no-organisation", "joint-signature",
         "org-heading-the-notice"],
)
def test_issuer_signature(text: str, issuer: str | None) -> None:
    assert meta(text).issuer == issuer


@pytest.mark.parametrize(
    ("text", "region"),
    [
        (f"慈溪市教育事业发展规划\n{BODY}\n", ("浙江省", "宁波市", "慈溪市")),
        (f"准格尔旗教育事业发展规划\n{BODY}\n", ("内蒙古自治区", "鄂尔多斯市", "准格尔旗")),
        (f"长阳土家族自治县教育发展规划\n{BODY}\n", ("湖北省", "宜昌市", "长阳土家族自治县")),
        (f"朝阳区教育现代化2035实施方案\n长春市朝阳区人民政府\n2022年3月15日\n{BODY}\n", ("吉林省", "长春市", "朝阳区")),
        (f"建设教育强区!鼓楼这样干\n{BODY}鼓楼区将新建学校。南京市教育局指导。\n", ("江苏省", "南京市", "鼓楼区")),
        (f"和平教育现代化2035\n{BODY}\n", (None, None, "和平区")),
        (f"长安之路:教育发展规划\n{BODY}\n", (None, None, None)),
        (f"宁乡市“十四五”教育发展规划\n{BODY}\n", ("湖南省", "长沙市", "宁乡市")),
        (f"钱塘区教育发展规划\n{BODY}\n", ("浙江省", "杭州市", "钱塘区")),
        (f"龙华区教育发展规划\n{BODY}\n", (None, None, "龙华区")),
        (f"深圳市龙华区教育发展规划\n{BODY}\n", ("广东省", "深圳市", "龙华区")),
        (f"下城区教育发展规划(2016-2020年)\n{BODY}\n", ("浙江省", "杭州市", "下城区")),
    ],
    ids=["county-level-city", "banner", "autonomous-county", "ambiguous-resolved-by-signature",
         "short-name-with-full-name-in-body", "short-name-before-education", "short-name-as-a-word",
         "county-level-city-since-2017", "district-since-2021", "ambiguous-new-district", "new-district-with-city",
         "district-merged-away-in-2021"],
)
def test_region_county_level(text: str, region: tuple[str | None, str | None, str | None]) -> None:
    r = meta(text).region
    assert (r.province, r.city, r.district) == region


@pytest.mark.parametrize(
    ("text", "region"),
    [
        (f"关于推进城市更新的实施意见\n加快老城区改造,{BODY}\n", (None, None, None)),
        (f"洛阳市老城区教育发展规划\n{BODY}\n", ("河南省", "洛阳市", "老城区")),
        (f"旧区改造三年行动方案\n老城区改造和新城区建设并举,全区{BODY}\n", (None, None, None)),
        (f"学校建设项目库公布\n记者从东西湖区教育局获悉,{BODY}\n", ("湖北省", "武汉市", "东西湖区")),
        (f"教育发展情况\n该县将{BODY}。苍南县基础教育发展大会召开。\n", ("浙江省", "温州市", "苍南县")),
        (f"新建学校名单\n凉州区新建2所,古浪县新建1所,天祝县新建1所,{BODY}\n", ("甘肃省", "武威市", None)),
        (f"特教工作要点\n依托平和县特殊教育资源中心,{BODY}\n", (None, None, None)),
        (f"“十四五”规划\n根据《贵州省规划》和《毕节市纲要》,{BODY}\n", ("贵州省", "毕节市", None)),
        (f"“十四五”规划\n根据《贵州省规划》,{BODY}\n", ("贵州省", None, None)),
    ],
    ids=["common-noun-in-body", "common-noun-after-its-city", "common-nouns-with-self-reference-elsewhere",
         "body-name-with-its-organ", "body-name-with-self-reference", "several-counties-of-one-city",
         "one-unsupported-county", "city-within-named-province", "province-is-no-city"],
)
def test_region_needs_support(text: str, region: tuple[str | None, str | None, str | None]) -> None:
    r = meta(text).region
    assert (r.province, r.city, r.district) == region
