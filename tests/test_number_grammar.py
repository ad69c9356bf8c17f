"""The number grammar, by category: plan-like phrases → value, unit, comparator.

The categories follow those of two public test suites of Chinese number reading
(cn2an's cn2an/transform tests; Microsoft Recognizers-Text Specs/Number/Chinese:
NumberModel, PercentModel, NumberRangeModel): integers, zero gaps, decimals,
scales, percent, 成, fractions, ranges, comparators and approximations. The cases
are our own plan sentences (invented places, other numbers, other fields), not
the suites' strings. Suite cases outside the plan genre are skipped, each with
the reason, in ``OUT_OF_GENRE``.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plancmp.extract.numbers import comparators, parse_number
from plancmp.prepare.normalize import normalize_str
from plancmp.extract.quantities import Units, find_quantities
from plancmp.ruleset import default_rules


def Q(value: float | str, unit: str, comparator: str = "=", value_max: float | str | None = None) -> tuple:
    """The reading expected of one quantity."""
    return (Decimal(str(value)), unit, comparator, None if value_max is None else Decimal(str(value_max)))


def read(text: str) -> list[tuple]:
    """Every quantity with a unit that the grammar reads in one line (normalized, as the pipeline does)."""
    line = normalize_str(text)
    return [(q.value, q.unit, q.comparator, q.value_max) for q in find_quantities(line, 0, default_rules()) if q.unit]


def table(cases: list[tuple[str, str, list[tuple]]]):
    return pytest.mark.parametrize(("text", "want"), [(t, w) for _, t, w in cases], ids=[i for i, _, _ in cases])


# --- integers ---------------------------------------------------------------------------

INTEGERS = [
    ("ten", "新建十所乡镇寄宿制学校。", [Q(10, "所")]),
    ("eleven", "培育十一个区级名师工作室。", [Q(11, "个")]),
    ("one-ten-one", "认定一十一家科普教育基地。", [Q(11, "家")]),
    ("two-liang", "每校配齐两名专职心理教师。", [Q(2, "名")]),
    ("hundred-twenty", "组建一百二十个学科教研组。", [Q(120, "个")]),
    ("thousands", "培训三千五百人次。", [Q(3500, "人次")]),
    ("liang-thousand", "招聘两千三百名新教师。", [Q(2300, "名")]),
    ("ten-thousand-group", "新增学位一万二千个。", [Q(12000, "个")]),
    ("formal-digits", "投入资金壹佰贰拾万元。", [Q(120, "万元")]),
    ("arabic-commas", "新增停车泊位12,500个。", [Q(12500, "个")]),
    ("fullwidth", "新建公园绿地１２座。", [Q(12, "座")]),
    ("spoken-ellipsis-thousand", "年接待研学学生两千六人次。", [Q(2600, "人次")]),
    ("spoken-ellipsis-wan", "服务老年人三万五人次。", [Q(35000, "人次")]),
]

ZERO_GAPS = [
    ("zero-then-ten", "累计培训教师一千零十五人。", [Q(1015, "人")]),
    ("zero-then-one-ten", "新增学位一千零一十个。", [Q(1010, "个")]),
    ("wan-zero-ten", "新增公办学位两万零十个。", [Q(20010, "个")]),
    ("hundred-zero-five", "建设一百零五个社区书院。", [Q(105, "个")]),
    ("wan-zero-hundreds", "改造老旧住房九万零四百套。", [Q(90400, "套")]),
    ("wan-zero-thousand", "新增就业岗位十万零一千个。", [Q(101000, "个")]),
    ("yi-zero", "全区社会融资五亿零六万元。", [Q(500060000, "元")]),
]


@table(INTEGERS + ZERO_GAPS)
def test_integers_and_zero_gaps(text: str, want: list[tuple]) -> None:
    assert read(text) == want


# --- the numeral reader on its own --------------------------------------------------------

NUMERALS = [
    ("一千零十五", "1015"), ("两万零十", "20010"), ("一万零百一十一", "10111"), ("零十", "10"),
    ("一百零十万三千", "1103000"), ("拾亿零六万零五百零六", "1000060506"), ("一亿一千万", "110000000"),
    ("三万亿", "3000000000000"), ("一万五千亿", "1500000000000"), ("二十一万亿", "21000000000000"),
    ("三万五", "35000"), ("两千六", "2600"), ("一百二", "120"), ("九十二万四", "924000"), ("两千三点一", "2300.1"),
    ("零点零一", "0.01"), ("十点二三三", "10.233"), ("一万零十二点一五", "10012.15"),
    ("3万4000", "34000"), ("5万4千6百", "54600"), ("2千零30万", "20300000"), ("1千零1", "1001"), ("1,100万", "11000000"),
    ("负三十二", "-32"), ("负0.2", "-0.2"), ("二〇二五", "2025"), ("一二三", "123"), ("一千〇五", "1005"), ("两", "2"),
]


@pytest.mark.parametrize(("text", "want"), NUMERALS, ids=[t for t, _ in NUMERALS])
def test_numeral(text: str, want: str) -> None:
    assert parse_number(text) == Decimal(want)


NOT_NUMERALS = ["万", "亿万", "万万", "十一十二", "二三十", "两两", "零点", "点零", "一点两", "负", "负负一", "十三五"]


@pytest.mark.parametrize("text", NOT_NUMERALS, ids=NOT_NUMERALS)
def test_not_a_numeral(text: str) -> None:
    assert parse_number(text) is None


# --- decimals -------------------------------------------------------------------------------

DECIMALS = [
    ("arabic-decimal", "生均绿地面积达到3.25平方米。", [Q("3.25", "平方米")]),
    ("arabic-leading-zero", "万元GDP能耗下降0.45吨标准煤。", [Q("0.45", "吨标准煤")]),
    ("chinese-zero-point", "人均体育场地面积增加零点四五平方米。", [Q("0.45", "平方米")]),
    ("chinese-point-size", "每生校舍面积不低于三点五平方米。", [Q("3.5", "平方米", ">=")]),
    ("chinese-point-count", "图书馆藏书二点五万册。", [Q("2.5", "万册")]),
    ("chinese-point-percent", "高中阶段毛入学率达到百分之九十五点五。", [Q("95.5", "%")]),
    ("trailing-zero-kept-exact", "管网漏损率降至9.50%。", [Q("9.5", "%")]),
]

# --- scales (万, 亿, 万亿; Chinese numerals keep their closing scale in the unit, like digits) ---

SCALES = [
    ("wan-arabic", "新增就业岗位1.2万个。", [Q("1.2", "万个")]),
    ("yi-arabic", "完成固定资产投资185.6亿元。", [Q("185.6", "亿元")]),
    ("wanyi-arabic", "地区生产总值突破1.05万亿元。", [Q("1.05", "万亿元", ">")]),
    ("wan-chinese", "服务居民十二万人次。", [Q(12, "万人次")]),
    ("wan-chinese-money", "资助困难学生三千万元。", [Q(3000, "万元")]),
    ("wanyi-chinese", "全市社会消费品零售总额三万亿元。", [Q(3, "万亿元")]),
    ("scale-inside-numeral", "一亿五千万元用于校舍改造。", [Q(150000000, "元")]),
    ("scale-bare-wan", "全市机动车保有量412.5万,", [Q("412.5", "万")]),
    ("scale-with-space", "计划投入2.9 亿元建设校舍。", [Q("2.9", "亿元")]),
    ("unit-with-space", "已有青山等9 个镇通过验收。", [Q(9, "个")]),
    ("mixed-wan-digits", "新增城镇就业3万4000人。", [Q(34000, "人")]),
    ("mixed-every-unit", "新增托位5万4千6百个。", [Q(54600, "个")]),
    ("mixed-zero-gap", "生均公用经费提高到1千零20元。", [Q(1020, "元")]),
    ("mixed-chinese-tail", "服务居民100万三千人次。", [Q(1003000, "人次")]),
    ("mixed-closing-scale", "投资2千零30万元。", [Q(2030, "万元")]),
    ("chinese-duo-scale-size", "改造老旧厂房十多万平方米。", [Q(10, "万平方米", ">")]),
    ("chinese-scale-size", "新增立体绿化三万平方米。", [Q(3, "万平方米")]),
]

# --- percent --------------------------------------------------------------------------------

PERCENT = [
    ("sign", "绿化覆盖率达到42%。", [Q(42, "%")]),
    ("fullwidth-sign", "污水集中处理率达到９８％。", [Q(98, "%")]),
    ("words", "垃圾分类覆盖率达到百分之百。", [Q(100, "%")]),
    ("words-tens", "公交出行分担率达到百分之四十五。", [Q(45, "%")]),
    ("words-arabic", "新能源车占比达到百分之35。", [Q(35, "%")]),
    ("points", "城镇化率提高2.5个百分点。", [Q("2.5", "个百分点")]),
    ("chinese-points", "森林覆盖率提高三个百分点。", [Q(3, "个百分点")]),
    ("per-mille", "婴儿死亡率控制在千分之四以下。", [Q(4, "‰", "<=")]),
    ("per-mille-sign", "人口自然增长率为3.5‰。", [Q("3.5", "‰")]),
]

# --- 成 (tenths) --------------------------------------------------------------------------------

CHENG = [
    ("cheng", "七成以上社区建成养老服务站。", [Q(7, "成", ">=")]),
    ("cheng-half", "三成半的村庄完成人居环境整治。", [Q("3.5", "成")]),
    ("cheng-arabic-decimal", "本地就业比例达到6.5成。", [Q("6.5", "成")]),
    ("cheng-liang", "两成以上公共机构建成节水单位。", [Q(2, "成", ">=")]),
]

# --- fractions: value and unit give back the text (三分之一 → 1 ``/3``) ---------------------------

FRACTIONS = [
    ("third", "三分之一的街道建成示范社区。", [Q(1, "/3")]),
    ("two-thirds-above", "三分之二以上的行政村通公交。", [Q(2, "/3", ">=")]),
    ("half", "二分之一的新建建筑采用装配式。", [Q(1, "/2")]),
    ("fifth-over", "超过五分之一的学校开设航模课程。", [Q(1, "/5", ">")]),
    ("per-ten-thousand", "万分之三的人口参与志愿服务。", [Q(3, "‱")]),
    ("slash-over", "超过1/2的社区建成睦邻点。", [Q(1, "/2", ">")]),
    ("slash-above", "1/3以上的街镇完成试点。", [Q(1, "/3", ">=")]),
    ("slash-after-shi", "达标街镇占比是1/2。", [Q(1, "/2")]),
]


@table(DECIMALS + SCALES + PERCENT + CHENG + FRACTIONS)
def test_decimals_scales_percent_cheng_fractions(text: str, want: list[tuple]) -> None:
    assert read(text) == want


# --- ranges -------------------------------------------------------------------------------------

RANGES = [
    ("dash", "每年新建3-5所学校。", [Q(3, "所", "range", 5)]),
    ("zhi-chinese", "每个街道建设三至五个社区食堂。", [Q(3, "个", "range", 5)]),
    ("dao-arabic", "培育3到5个特色小镇。", [Q(3, "个", "range", 5)]),
    ("wave", "新增5~10个口袋公园。", [Q(5, "个", "range", 10)]),
    ("fullwidth-wave", "改造8～12公里道路。", [Q(8, "公里", "range", 12)]),
    ("percent-both-signs", "共享泊位比例提高10%-15%。", [Q(10, "%", "range", 15)]),
    ("percent-one-sign", "增建比例为10-20%。", [Q(10, "%", "range", 20)]),
    ("percent-words", "节能率提高百分之十至十五。", [Q(10, "%", "range", 15)]),
    ("scaled", "年接待游客2-3万人次。", [Q(2, "万人次", "range", 3)]),
    ("chinese-scaled", "带动就业三至五万人。", [Q(3, "万人", "range", 5)]),
    ("emdash", "建设社区公园10—15座。", [Q(10, "座", "range", 15)]),
    ("liang-dao-san", "每镇建设两到三处停车场。", [Q(2, "处", "range", 3)]),
    ("er-zhi-san", "每校配备二至三名心理教师。", [Q(2, "名", "range", 3)]),
    ("yi-zhi-liang", "每个街道建设一至两所托育机构。", [Q(1, "所", "range", 2)]),
    ("year-range-is-no-range", "2016-2020年建成学校5所。", [Q(5, "所")]),
]


@table(RANGES)
def test_ranges(text: str, want: list[tuple]) -> None:
    assert read(text) == want


# --- comparators and approximations -------------------------------------------------------------

COMPARATORS = [
    ("chao", "主导产业税收占全区税收比重超六成。", [Q(6, "成", ">")]),
    ("chao-arabic", "新增充电桩超2000个。", [Q(2000, "个", ">")]),
    ("chaoguo", "绿色建筑占比超过90%。", [Q(90, "%", ">")]),
    ("yu-before", "年游客量逾500万人次。", [Q(500, "万人次", ">")]),
    ("tupo", "高新技术企业突破800家。", [Q(800, "家", ">")]),
    ("jin", "建成区绿地率近40%。", [Q(40, "%", "~")]),
    ("jin-bare-wan", "近万名志愿者参与垃圾分类。", [Q(1, "万名", "~")]),
    ("buzu", "低效用地占比不足5%。", [Q(5, "%", "<")]),
    ("budao", "平均通勤时间不到45分钟。", [Q(45, "分钟", "<")]),
    ("wei-chaoguo", "停车场饱和度尚未超过85%。", [Q(85, "%", "<=")]),
    ("buchao", "单班学生数不超45人。", [Q(45, "人", "<=")]),
    ("ge-huozhe", "普惠性学位数大于或者等于3000个。", [Q(3000, "个", ">=")]),
    ("ge-dengyu", "公共充电桩大于等于1500个。", [Q(1500, "个", ">=")]),
    ("le-huozhe", "细颗粒物浓度小于或者等于30微克/立方米。", [Q(30, "微克/立方米", "<=")]),
    ("bushaoyu", "每个街镇不少于2处社区食堂。", [Q(2, "处", ">=")]),
    ("yue", "约1.4万平方米完成成套改造。", [Q("1.4", "万平方米", "~")]),
    ("zuoyou", "就业人数1.7万人左右。", [Q("1.7", "万人", "~")]),
    ("yishang", "路网密度达到8公里/平方公里以上。", [Q(8, "公里/平方公里", ">=")]),
    ("yinei", "噪声控制在55分贝以内。", [Q(55, "分贝", "<=")]),
    ("huozhe-yishang", "每年开展演练3次或者以上。", [Q(3, "次", ">=")]),
    ("yu-inner", "改造老旧小区150余个。", [Q(150, "个", ">")]),
    ("chaoguo-le", "入住率超过了百分之零点九。", [Q("0.9", "%", ">")]),
    ("dengyu", "绿地率等于35%。", [Q(35, "%")]),
    ("zhishao-you", "每个街道至少有3处养老驿站。", [Q(3, "处", ">=")]),
    ("duo-inner", "惠及群众3000多户。", [Q(3000, "户", ">")]),
    ("duo-chinese-scale", "累计投入三千多万元。", [Q(3000, "万元", ">")]),
    ("duo-chinese-tens", "图书馆藏书二十多万册。", [Q(20, "万册", ">")]),
    ("yu-after-scale", "年处理生活垃圾7.12亿多元。", [Q("7.12", "亿元", ">")]),
    ("wan-yu", "新增就业岗位万余个。", [Q(1, "万个", ">")]),
    ("qian-yu", "培训社区工作者千余人次。", [Q(1000, "人次", ">")]),
]


@table(COMPARATORS)
def test_comparators_and_approximations(text: str, want: list[tuple]) -> None:
    assert read(text) == want


def test_a_comparator_word_belongs_to_the_quantity() -> None:
    """超/逾/大于或者等于 … before a number are part of the match, so no metric keeps them."""
    text = "主导产业税收占全区税收比重超六成。"
    q = [q for q in find_quantities(text, 0, default_rules()) if q.unit][0]
    assert text[q.start:q.end] == "超六成"


# --- units of other fields -------------------------------------------------------------------------

UNITS = [
    ("hectare", "新增公园绿地12公顷。", [Q(12, "公顷")]),
    ("mu", "盘活低效产业用地5000亩以上。", [Q(5000, "亩", ">=")]),
    ("square-km", "建成区面积达到35平方公里。", [Q(35, "平方公里")]),
    ("km-per-square-km", "路网密度达4.15公里/平方公里。", [Q("4.15", "公里/平方公里")]),
    ("cubic-m", "年节约用水120立方米。", [Q(120, "立方米")]),
    ("wan-cubic-m-per-day", "污水处理能力达到10万立方米/日。", [Q(10, "万立方米/日")]),
    ("ton-per-day", "湿垃圾处理能力500吨/日。", [Q(500, "吨/日")]),
    ("kilowatt", "新增光伏装机5000千瓦。", [Q(5000, "千瓦")]),
    ("megawatt", "光伏装机容量达到20兆瓦。", [Q(20, "兆瓦")]),
    ("vehicles", "更新新能源公交车200辆。", [Q(200, "辆")]),
    ("wan-vehicles", "停车需求增量近1万辆。", [Q(1, "万辆", "~")]),
    ("sets-rooms", "筹集保障性租赁住房3000套(间)。", [Q(3000, "套(间)")]),
    ("sites", "新建公共停车场16处。", [Q(16, "处")]),
    ("chinese-sites", "每个街道新建两处口袋公园。", [Q(2, "处")]),
    ("lines", "配合推进7条轨交线路建设。", [Q(7, "条")]),
    ("seats", "改建口袋公园9座。", [Q(9, "座")]),
    ("plots", "完成三幅安置房地块出让。", [Q(3, "幅")]),
    ("micrograms", "细颗粒物年均浓度控制在35微克/立方米以下。", [Q(35, "微克/立方米", "<=")]),
    ("decibels", "区域环境噪声低于55分贝。", [Q(55, "分贝", "<")]),
    ("metres", "服务半径不超过300m。", [Q(300, "m", "<=")]),
    ("visits-per-year", "门诊量稳定在1900万人次/年。", [Q(1900, "万人次/年")]),
    ("beds-per-thousand", "每千人口床位数达到6张/千人。", [Q(6, "张/千人")]),
    ("books-per-pupil", "小学生均图书不少于30册/生。", [Q(30, "册/生", ">=")]),
    ("area-per-head", "人均公园绿地面积达到11.5平方米/人。", [Q("11.5", "平方米/人")]),
    ("lifts", "既有多层住宅加装电梯700台。", [Q(700, "台")]),
    ("beds", "新增养老床位500床位。", [Q(500, "床位")]),
    ("berths", "新增公共停车泊位300泊位。", [Q(300, "泊位")]),
    ("berths-counted-after", "新建公共停车场提供1700个泊位。", [Q(1700, "个")]),
    ("pm25-in-the-metric", "PM2.5年均浓度控制在35微克/立方米以下。", [Q(35, "微克/立方米", "<=")]),
    ("5g-in-the-metric", "新建5G基站1200个。", [Q(1200, "个")]),
    ("dollars", "人均地区生产总值达到2.5万美元。", [Q("2.5", "万美元")]),
    ("celsius", "夏季室内空调温度不低于26℃。", [Q(26, "℃", ">=")]),
    ("sqm-short", "完成旧住房修缮80万平米。", [Q(80, "万平米")]),
    ("chinese-km", "新建绿道二十公里。", [Q(20, "公里")]),
    ("chinese-qianmi", "建设滨江步道三千米。", [Q(3, "千米")]),
    ("chinese-kilowatt", "新增屋顶光伏五十千瓦。", [Q(50, "千瓦")]),
    ("chinese-points-without-ge", "公交分担率提高三百分点。", [Q(3, "百分点")]),
]

# --- durations of the system (年, 岁) and the years that are dates ----------------------------------

DURATIONS = [
    ("schooling-years", "劳动年龄人口平均受教育年限达11.8年。", [Q("11.8", "年")]),
    ("schooling-years-bare", "新增劳动力受教育年限13.5年。", [Q("13.5", "年")]),
    ("schooling-years-in-list", "入园率和受教育年限分别达到95%和11.5年。", [Q(95, "%"), Q("11.5", "年")]),
    ("life-expectancy", "户籍人口平均预期寿命达到83.5岁。", [Q("83.5", "岁")]),
    ("cycle-range", "排水管道检测周期为3-5年。", [Q(3, "年", "range", 5)]),
    ("year-is-a-date", "到2025年,新增绿地20公顷。", [Q(20, "公顷")]),
    ("year-range-is-a-date", "2016-2020年累计投入35亿元。", [Q(35, "亿元")]),
    ("year-with-space", "自 2010 年以来累计建成23 所学校。", [Q(23, "所")]),
    ("span-not-a-duration", "力争5年内建成社区食堂30个。", [Q(30, "个")]),
    ("age-band-not-a-duration", "3-6岁儿童入园率达到98%。", [Q(98, "%")]),
]


@table(UNITS + DURATIONS)
def test_units_and_durations(text: str, want: list[tuple]) -> None:
    assert read(text) == want


# --- never quantities ----------------------------------------------------------------------------

NEVER = [
    ("hotline", "畅通12345市民服务热线。"),
    ("postcode", "邮编:200011。"),
    ("pm25-in-a-name", "PM2.5浓度持续下降。"),
    ("5g-network", "推进5G网络全覆盖。"),
    ("document-number", "根据沪府办〔2016〕52号文件。"),
    ("version", "建设城市大脑3.0版。"),
    ("ordinal", "第三届进博会顺利举办。"),
    ("life-circle", "打造15分钟社区生活圈。"),
    ("life-circle-chinese", "构建十五分钟就业服务圈。"),
    ("round-the-clock", "城市书房实行24小时开放。"),
    ("class-size-threshold", "全面消除66人及以上超大班额。"),
    ("secondary", "推进二次供水设施改造。"),
    ("dual-structure", "破除城乡二元结构。"),
    ("approximate-pair", "每个社区配备三五名网格员。"),
    ("order-of-magnitude", "吸引上千名志愿者,培训数百名骨干。"),
    ("formal-digit-in-a-name", "陆家浜路沿线改造。"),
    ("project-label", "加快推进安远路899项目。"),
    ("meeting-number", "经区政府第六届63次常务会议审议通过。"),
    ("quoted-count-slogan", "推行“5个一点”停车治理。"),
    ("last-kilometre", "打通服务群众最后一公里。"),
    ("many-ten-thousands", "每万人口拥有体育场地面积增加。"),
    ("year-alone", "2035年远景目标。"),
    ("slash-date", "3/15消费者权益日开展宣传。"),
    ("slash-full-date", "数据截至2021/12/31。"),
]


@pytest.mark.parametrize("text", [t for _, t in NEVER], ids=[i for i, _ in NEVER])
def test_never_a_quantity(text: str) -> None:
    assert read(text) == []


# --- suite cases outside the plan genre --------------------------------------------------------

OUT_OF_GENRE = [
    ("cheque-amounts", "壹拾壹元整, 壹佰捌拾壹圆柒角: cheque writing, with 角/分, never in a plan"),
    ("archaic-tens", "廿二: an archaic twenty; plans write 二十二"),
    ("spoken-one", "幺八九: the spoken one of phone numbers and codes, which are no quantities"),
    ("dozens-and-pairs", "一打, 五十打, 三双: 打 and 双 count goods, not what a plan measures"),
    ("discounts", "打对折, 九五折, 陆点五折: prices in shops"),
    ("exponents", "2^5, 2e5, -1.1^+23, 40k, 5k-20k: scientific and informal notations"),
    ("zhao-as-a-trillion", "五兆六十二亿: 兆 as 10^12; in plans 兆 is mega (兆瓦, 千兆)"),
    ("spaced-numerals", "一百 五 十 二, 7 万5 千4 百: spaces inside a numeral; plans keep numerals whole"),
    ("wan-wan", "四万万, 10万万: the old word for 亿"),
    ("vague-ji", "十几万, 二十几万, 一百零几万: 几 makes the amount vague, excluded by records.md"),
    ("word-ranges", "大于二十的同时小于等于三十五, 比四分之一大: open intervals in words, not plan phrasing"),
    ("negative-values", "负三十二, -22.2%: parse_number reads 负, but plans say 下降 and give the size"),
    ("ordinals-and-dates", "第零十刃, 1991年1月16日: ordinals and dates are excluded"),
    ("digit-codes", "零零三, 012: codes read digit by digit keep their zeros; no quantity"),
]


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.skip(reason=why)) for c, why in OUT_OF_GENRE],
                         ids=[c for c, _ in OUT_OF_GENRE])
def test_out_of_genre(case: str) -> None:
    raise AssertionError(case)  # skipped: kept to say which suite cases the grammar leaves out, and why


# --- properties: values written by a small independent speller read back -------------------------

_CN_DIGITS = "零一二三四五六七八九"


def spell(n: int, liang: bool = False, yi_shi: bool = False) -> str:
    """``n`` (n >= 0) in Chinese numerals, written the way plans write them: groups of four places
    closed by 万 and 亿 (a count of 亿 above 万 is itself a numeral: 三万亿, 一万零一亿), one 零
    for each gap (一千零十五, 两万零十, 三亿零五百), 两 for a leading 2 before 百/千/万/亿 when
    ``liang``, 一十 for a leading ten when ``yi_shi``."""
    out = _spell(n, liang) if n else "零"
    return out if yi_shi or not out.startswith("一十") else out[1:]


def _spell(n: int, liang: bool) -> str:
    for unit, p in (("亿", 10**8), ("万", 10**4)):
        if n >= p:
            high, low = divmod(n, p)
            head = _spell(high, liang)
            head = "两" if liang and head == "二" else head
            if not low:
                return head + unit
            return head + unit + ("零" if low < p // 10 else "") + _spell(low, liang)
    return _spell_group(n, liang)


def _spell_group(x: int, liang: bool) -> str:
    """0 < x < 10000: 一千零五, 两百一十, 十二."""
    out, gap = "", False
    for unit, p in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d = x // p % 10
        if d == 0:
            gap = bool(out)
            continue
        if gap:
            out += "零"
        out += ("两" if liang and d == 2 and (unit in ("千", "百") or x == 2) and not out else _CN_DIGITS[d]) + unit
        gap = False
    return out


def test_the_speller_writes_what_plans_write() -> None:
    """The speller itself, on forms a reader of plans knows (so the properties below test the parser)."""
    assert [spell(1015), spell(20010, liang=True), spell(300000500), spell(12), spell(10, yi_shi=True),
            spell(3 * 10**12), spell(105)] == ["一千零一十五", "两万零一十", "三亿零五百", "十二", "一十", "三万亿", "一百零五"]


_INTS = st.integers(min_value=0, max_value=10**16 - 1)


@given(_INTS, st.booleans(), st.booleans())
@settings(max_examples=400, deadline=None)
def test_spelled_integers_read_back(n: int, liang: bool, yi_shi: bool) -> None:
    assert parse_number(spell(n, liang, yi_shi)) == n


@given(st.integers(min_value=0, max_value=10**8), st.text(alphabet=_CN_DIGITS, min_size=1, max_size=4))
@settings(max_examples=200, deadline=None)
def test_spelled_decimals_read_back(n: int, frac: str) -> None:
    want = Decimal(f"{n}." + "".join(str(_CN_DIGITS.index(c)) for c in frac))
    assert parse_number(spell(n) + "点" + frac) == want


@given(st.integers(min_value=2, max_value=99_999), st.sampled_from(["所", "个", "名", "人次", "处", "家"]))
@settings(max_examples=200, deadline=None)
def test_spelled_counts_read_back_in_a_sentence(n: int, unit: str) -> None:
    if n % 10_000 == 0:
        want = [Q(n // 10_000, "万" + unit)]  # the closing scale stays in the unit
    else:
        want = [Q(n, unit)]
    assert read(f"全区新增{spell(n, liang=True)}{unit}。") == want


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万元", "亿元", "万人次"]))
def test_spelled_scaled_amounts_keep_their_scale(n: int, unit: str) -> None:
    assert read(f"累计投入{spell(n)}{unit}。") == [Q(n, unit)]


@given(st.integers(min_value=1, max_value=100), st.integers(min_value=0, max_value=9))
def test_percent_words_read_back(n: int, tenth: int) -> None:
    text = f"覆盖率达到百分之{spell(n)}" + (f"点{_CN_DIGITS[tenth]}" if tenth else "") + "。"
    assert read(text) == [Q(Decimal(n) + Decimal(tenth) / 10, "%")]


@given(st.integers(min_value=2, max_value=99), st.data())
def test_fractions_read_back(den: int, data: st.DataObject) -> None:
    num = data.draw(st.integers(min_value=1, max_value=den - 1))
    assert read(f"{spell(den)}分之{spell(num)}的社区建成驿站。") == [Q(num, f"/{den}")]


_RANGE_SEPARATORS = ["-", "~", "至", "到", "—"]


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6),
       st.sampled_from(_RANGE_SEPARATORS), st.sampled_from(["所", "个", "%", "公里", "万平方米"]))
@settings(max_examples=200, deadline=None)
def test_arabic_ranges_read_back(a: int, step: int, sep: str, unit: str) -> None:
    assert read(f"每年新建{a}{sep}{a + step}{unit}。") == [Q(a, unit, "range", a + step)]


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999), st.sampled_from(["至", "到"]))
def test_chinese_ranges_read_back(a: int, step: int, sep: str) -> None:
    assert read(f"每个街道建设{spell(a)}{sep}{spell(a + step)}个驿站。") == [Q(a, "个", "range", a + step)]


_BEFORE = [(w.word, w.op) for w in comparators(default_rules()).before if not w.word.isascii()]
_AFTER = [(w.word, w.op) for w in comparators(default_rules()).after]


@given(st.sampled_from(_BEFORE), st.decimals(min_value=1, max_value=10**5, places=1, allow_nan=False, allow_infinity=False))
@settings(max_examples=200, deadline=None)
def test_every_comparator_word_before_a_number(word_op: tuple[str, str], d: Decimal) -> None:
    word, op = word_op
    assert read(f"绿地面积{word}{d:f}公顷。") == [Q(d, "公顷", op)]


@given(st.sampled_from(_AFTER), st.integers(min_value=1, max_value=10**5))
def test_every_comparator_word_after_a_number(word_op: tuple[str, str], n: int) -> None:
    word, op = word_op
    assert read(f"绿地面积达到{n}公顷{word}。") == [Q(n, "公顷", op)]


# --- doubts: readings a person should check ------------------------------------------------------

DOUBTS = [
    ("spoken-ellipsis", "服务老年人三万五人次。", ["number:spoken-ellipsis"]),
    ("mixed", "新增城镇就业3万4000人。", ["number:mixed"]),
    ("scale-only", "全市机动车保有量412.5万,", ["unit:scale-only"]),
    ("after-space", "已有9 个镇通过验收。", ["unit:after-space"]),
    ("duration", "受教育年限达到11.8年。", ["unit:duration"]),
    ("slash-fraction", "超过1/2的社区建成睦邻点。", ["number:slash-fraction"]),
    ("plain-count", "新建学校12所。", []),
    ("zero-gap-is-no-ellipsis", "新增学位一千零五个。", []),
    ("plain-chinese", "新建一百二十五个驿站。", []),
]


@pytest.mark.parametrize(("text", "want"), [(t, w) for _, t, w in DOUBTS], ids=[i for i, _, _ in DOUBTS])
def test_doubtful_readings_say_so(text: str, want: list[str]) -> None:
    found = [q for q in find_quantities(normalize_str(text), 0, default_rules()) if q.unit]
    assert [q.doubts for q in found] == [want]




def _unit_table() -> tuple[list[str], list[str]]:
    u = default_rules().table("units", Units)
    return u.units, u.chinese


@pytest.mark.parametrize("unit", [u for u in _unit_table()[0] if u not in ("年", "岁")])
def test_every_unit_is_read_after_digits(unit: str) -> None:
    assert read(f"该项指标数值为37{unit}。") == [Q(37, unit)]


@pytest.mark.parametrize("unit", _unit_table()[1])
def test_every_measure_word_is_read_after_a_chinese_numeral(unit: str) -> None:
    assert read(f"该项指标数值为三十七{unit}。") == [Q(37, unit)]
