"""Phrase → target records for the patterns of the genre beyond education (issue 13, parts 2-3).

Our own sentences, written to the patterns and checked against docs/records.md,
never copied from a plan: where the metric phrase begins and ends (a time
phrase, the district that is the subject, an adverb, a comparator word before
the number), paired lists (分别), bracketed and listed parts, money and its
purpose, elliptic attributes, and kind and year from the sentence and the
document. Fields: housing, water, greening, urban renewal, parking, energy,
health, economy and education. A record lists only the fields it checks; an
empty list means no target at all.
"""
from __future__ import annotations

import pytest

from plancmp.extract.pipeline import extract_text

from .test_phrases import _check, _order


def R(metric: str, value: float, unit: str, comparator: str | None = None, **kw: object) -> dict:
    out: dict = {"metric": metric, "value": value, "unit": unit}
    if comparator:
        out["comparator"] = comparator
    return {**out, **kw}


#: known miss: the lead word 年 of rules/numbers.toml (kept for leftovers of year phrases) also
#: drops an annual qualifier opening a metric when the lexicon has no word for it (年接待游客)
LEAD_YEAR_CHAR = "lead-year-char"

#: known miss: a subject named with an aside (以下简称…) before the verb stays in the metric
SUBJECT_WITH_ASIDE = "subject-with-aside"

#: a plan title giving the period 2021-2025: years before 2021 are past, 2025 and after target years
PLAN = "临江区“十四五”城市建设发展规划(2021-2025年)\n"

CASES: list[tuple] = [  # (id, text, expected) or (id, text, expected, known miss)
    # --- where the metric phrase begins: time and scope phrases ---------------------------
    ("begin-after-plan-period-cumulative", "“十三五”期间累计新增停车泊位3600个。",
     [R("新增停车泊位", 3600, "个", kind="baseline")]),
    ("begin-after-plan-period-total", "“十三五”期间共增加学前教育学位4800个。",
     [R("增加学前教育学位", 4800, "个", kind="baseline")]),
    ("begin-after-next-period", "“十四五”期间新增公共绿地45公顷。", [R("新增公共绿地", 45, "公顷", kind="target")]),
    ("begin-after-future-span", "未来五年新建养老服务中心12所。", [R("新建养老服务中心", 12, "所")]),
    ("begin-after-deadline", "2023年底前完成燃气管道改造30公里。", [R("燃气管道改造", 30, "公里", year=2023)]),
    ("begin-after-target-year", "到2027年，全区公园绿地服务半径覆盖率达到90%。",
     [R("公园绿地服务半径覆盖率", 90, "%", "=", year=2027)]),
    ("begin-after-as-of", "截至2022年底，全市累计建成保障性租赁住房1.2万套。",
     [R("建成保障性租赁住房", 1.2, "万套", kind="baseline", year=2022)]),
    ("begin-after-past-five-years", "过去五年,全区新增就业岗位2.1万个。", [R("新增就业岗位", 2.1, "万个", kind="baseline")]),
    ("begin-after-year-end-locality", "年末常住人口达到86万人。", [R("年末常住人口", 86, "万人")]),
    ("no-cut-inside-a-word", "有序开展老旧电梯更新改造60台。", [R("开展老旧电梯更新改造", 60, "台")]),
    # --- the subject of the clause is no part of the metric --------------------------------
    ("subject-new-area-will", "临江新区将新建污水处理厂3座。", [R("新建污水处理厂", 3, "座")]),
    ("subject-district-also-will", "青山区还将新增公办学位4500个。", [R("新增公办学位", 4500, "个")]),
    ("subject-county-has", "南湖县现有敬老院21所。", [R("敬老院", 21, "所", kind="baseline")]),
    ("subject-pronoun-county", "该县计划投入1.6亿元。", [R("计划投入", 1.6, "亿元", kind="target")]),
    ("subject-our-district", "我区共有社区卫生服务中心14家。", [R("社区卫生服务中心", 14, "家", kind="baseline")]),
    ("subject-whole-town", "全镇农村自来水普及率达到99%。", [R("农村自来水普及率", 99, "%", "=")]),
    ("subject-this-district", "本区城镇登记失业率控制在4%以内。", [R("城镇登记失业率", 4, "%", "<=")]),
    ("subject-gazetteer-district", "东城区公办中小学增加到68所。", [R("公办中小学", 68, "所")]),
    ("subject-before-count-after", "西城区还将有6所公办幼儿园建成。", [R("公办幼儿园", 6, "所")]),
    # --- no verb or function word is left as the metric ------------------------------------
    ("no-bare-verb-implement", "实施雨污混接改造项目45个。", [R("雨污混接改造项目", 45, "个")]),
    ("no-bare-among", "其中，市级财政补助3000万元。", [R("市级财政补助", 3000, "万元")]),
    ("no-bare-complete", "有序开展危旧房屋改造,完成改造面积8万平方米。", [R("改造面积", 8, "万平方米")]),
    ("no-main-verb-chain", "加快推进建设公共充电桩1200个。", [R("建设公共充电桩", 1200, "个")]),
    ("no-trailing-adverb", "新城区三年计划中新建学校只有两所。", [R("新建学校", 2, "所")]),
    ("no-preposition-target", "对12座老旧泵站进行改造。", [R("老旧泵站改造", 12, "座")]),
    ("no-preposition-part", "实施排水管道检测约80公里,对其中的约15公里进行修复。", [R("排水管道检测", 80, "公里", "~"),
                                                                  R("修复", 15, "公里", "~")]),
    ("support-verbs-dropped", "各街镇至少建成1个综合为老服务中心。", [R("综合为老服务中心", 1, "个", ">=")]),
    ("task-verb-after-subject-community", "每个社区配备2名专职网格员。", [R("专职网格员", 2, "名")]),
    ("noun-opening-with-verb-char", "建成区绿地率达到38%。", [R("建成区绿地率", 38, "%")]),
    ("list-of-names-before-count", "新建、改扩建东湖小学、西湖中学、南湖幼儿园等3所学校。", [R("新建、改扩建学校", 3, "所")]),
    ("aside-after-count", "可提供的托位数为2400个(按设计规模计算)。", [R("可提供的托位数", 2400, "个")]),
    ("label-before-value", "办学性质:公办\n新增学位:1500个", [R("新增学位", 1500, "个")]),
    # --- comparator words after the metric are comparators --------------------------------
    ("cmp-chao-left", "新能源公交车占比超80%。", [R("新能源公交车占比", 80, "%")]),
    ("cmp-yu-left", "年接待游客逾500万人次。", [R("年接待游客", 500, "万人次")], LEAD_YEAR_CHAR),
    ("cmp-tupo-left", "棚户区改造户数突破1.2万户。", [R("棚户区改造户数", 1.2, "万户")]),
    ("cmp-buzu-left", "人均公园绿地面积不足8平方米。", [R("人均公园绿地面积", 8, "平方米", "<")]),
    ("cmp-jin-left", "新增就业岗位近3000个。", [R("新增就业岗位", 3000, "个", "~")]),
    ("cmp-ge-words-left", "普惠性托位数大于或者等于2500个。", [R("普惠性托位数", 2500, "个")]),
    ("cmp-baochi-zai", "城镇污水处理率保持在98%以上。", [R("城镇污水处理率", 98, "%", ">=")]),
    ("cmp-jun-one-item", "主要河湖水质优良比例均达到85%。", [R("主要河湖水质优良比例", 85, "%", "=")]),
    ("cmp-jiang-zhi-yixia", "城乡供水管网漏损率降至9%以下。", [R("城乡供水管网漏损率", 9, "%", "<=")]),
    ("cmp-tigao-dao", "森林覆盖率提高到21%。", [R("森林覆盖率", 21, "%", "=")]),
    ("cmp-base-per-thousand", "婴幼儿托位数达到每千人口4.5个。", [R("婴幼儿托位数", 4.5, "个")]),
    # --- paired lists: 分别 ---------------------------------------------------------------
    ("pair-three-then-year", "全区绿化覆盖率、林荫道路比例和水面率分别达到38%、60%和10%;2035年分别达到40%、65%和12%。",
     [R("绿化覆盖率", 38, "%"), R("林荫道路比例", 60, "%"), R("水面率", 10, "%"),
      R("绿化覆盖率", 40, "%", year=2035), R("林荫道路比例", 65, "%", year=2035), R("水面率", 12, "%", year=2035)]),
    ("pair-years-both", "2020年,小学和初中入学率分别达到99%和97%;2025年分别达到100%和99%。",
     [R("小学入学率", 99, "%", year=2020), R("初中入学率", 97, "%", year=2020),
      R("小学入学率", 100, "%", year=2025), R("初中入学率", 99, "%", year=2025)]),
    ("pair-changes-of-counts", "全区有养老机构25家、床位3200张,分别比2018年增加6家、900张。",
     [R("养老机构", 25, "家"), R("养老机构床位", 3200, "张"), R("养老机构增加", 6, "家"), R("养老机构床位增加", 900, "张")]),
    ("pair-shared-subject", "生活垃圾回收利用率和无害化处理率分别为35%、100%。",
     [R("生活垃圾回收利用率", 35, "%"), R("生活垃圾无害化处理率", 100, "%")]),
    ("pair-levels", "小学和初中专任教师本科以上学历比例分别达到80%和95%。",
     [R("小学专任教师本科以上学历比例", 80, "%"), R("初中专任教师本科以上学历比例", 95, "%")]),
    ("coord-shared-head-noun", "新建商业建筑和居住建筑屋顶绿化面积比例不低于30%。",
     [R("新建商业建筑屋顶绿化面积比例", 30, "%", ">="), R("新建居住建筑屋顶绿化面积比例", 30, "%", ">=")]),
    ("count-verb-one-character", "未来三年将建18所学校。", [R("建学校", 18, "所")]),
    ("size-after-verb-thing-after", "新增12公里架空线入地。", [R("新增架空线入地", 12, "公里")]),
    ("counted-thing-ends-at-bracket", "【重磅!全区将新建9所学校】记者获悉", [R("新建学校", 9, "所")]),
    ("long-list-closed-by-deng", "雨污分流、管网修复、泵站改造、河道清淤和调蓄设施建设等项目累计投入资金8.6亿元。",
     [R("项目投入资金", 8.6, "亿元", kind="baseline")]),
    ("aside-short-name", "新一轮城市更新行动(以下简称“新行动”)完成旧区改造12片。", [R("旧区改造", 12, "片")], SUBJECT_WITH_ASIDE),
    ("aside-short-name-count", "临江新区(以下简称“新区”)将新增公共绿地45公顷。", [R("新增公共绿地", 45, "公顷")]),
    ("list-verb-holds-for-next-item", "新增公办托位1200个、普惠托位800个。", [R("新增公办托位", 1200, "个"), R("新增普惠托位", 800, "个")]),
    ("list-verb-not-across-comma", "新增公办托位1200个,在园幼儿达到9000人。", [R("新增公办托位", 1200, "个"), R("在园幼儿", 9000, "人")]),
    ("topic-of-an-action", "农村危房改造投入2600万元。其中屋面修缮1200万元,改造户数340户。",
     [R("农村危房改造投入", 2600, "万元"), R("屋面修缮", 1200, "万元"), R("屋面修缮改造户数", 340, "户")]),
    ("gloss-with-colon-in-word", "新增中小学(繁:學)学位4000个。", [R("新增中小学学位", 4000, "个")]),
    ("size-after-list-of-names", "完成东苑小区、西岭一村共计约2.6万平方米成套改造。", [R("成套改造", 2.6, "万平方米", "~")]),
    ("money-totalled-after-count", "资助低保家庭学生1200人次,共计86.4万元。",
     [R("资助低保家庭学生", 1200, "人次"), R("资助低保家庭学生金额", 86.4, "万元")]),
    ("adverb-after-verb-inside", "外来务工人员子女就近入学率达到95%。", [R("外来务工人员子女就近入学率", 95, "%")]),
    ("plan-total-is-commitment", "一、主要任务\n每年筹集公租房300套,五年累计筹集1500套。",
     [R("筹集公租房", 300, "套", kind="target"), R("筹集公租房", 1500, "套", kind="target")]),
    ("past-span-total-is-baseline", "一、主要任务\n近三年累计建成公租房900套。", [R("建成公租房", 900, "套", kind="baseline")]),
    ("cumulative-in-goals-section", "二、主要目标\n湿地保护面积累计达到2.4万亩。", [R("湿地保护面积", 2.4, "万亩", kind="target")]),
    ("one-char-inside-unknown-word", "新增高效节水灌溉面积3万亩。", [R("新增高效节水灌溉面积", 3, "万亩")]),
    ("one-char-preposition-inside-word", "万元工业增加值用水量下降12%。", [R("万元工业增加值用水量下降", 12, "%")]),
    ("year-from-section-title", "二、2024年工作计划\n开工建设学校3所。力争垃圾分类覆盖率突破90%。",
     [R("开工建设学校", 3, "所", year=2024), R("垃圾分类覆盖率", 90, "%", year=2024)]),
    ("no-year-from-span-title", "二、2021-2025年建设任务\n开工建设学校3所。", [R("开工建设学校", 3, "所", year=None)]),
    ("from-down-to", "一、发展基础\n城区小学平均班额由52人降至46人。",
     [R("城区小学平均班额", 52, "人", kind="baseline"), R("城区小学平均班额", 46, "人", kind="baseline")]),
    ("kind-nearest-cue-wins", "截至目前,全县已有6个镇创成省级卫生镇,今年计划投入1.5亿元。",
     [R("省级卫生镇", 6, "个", kind="baseline"), R("计划投入", 1.5, "亿元", kind="target")]),
    ("count-with-support-verbs-only", "全面加快推进其他5个乡镇的污水管网建设。", [R("乡镇", 5, "个")]),
    ("value-with-only-a-year-takes-topic", "地区生产总值年均增长7%左右,到2025年突破300亿元。",
     [R("地区生产总值年均增长", 7, "%", "~"), R("地区生产总值", 300, "亿元", year=2025)]),
    ("part-verbs-replace-verb", "建设学校10所,其中新建6所、改扩建4所。",
     [R("建设学校", 10, "所"), R("新建学校", 6, "所"), R("改扩建学校", 4, "所")]),
    ("size-modifying-thing-after-verb", "每个小区配建不少于150平方米的养老服务用房。", [R("配建养老服务用房", 150, "平方米", ">=")]),
    ("list-verb-not-the-qualifier", "新增公立托位900个、民办托位600个。", [R("新增公立托位", 900, "个"), R("新增民办托位", 600, "个")]),
    ("pair-word-with-ji", "入园率、巩固率和普及率分别达到92%、96%和88%。",
     [R("入园率", 92, "%"), R("巩固率", 96, "%"), R("普及率", 88, "%")]),
    # --- parts of a count ------------------------------------------------------------------
    ("part-qualifier-in-brackets", "全市现有医院36家(其中民营14家)。",
     [R("医院", 36, "家", kind="baseline"), R("民营医院", 14, "家", kind="baseline")]),
    ("part-own-noun-in-brackets", "全区共有小区412个(其中老旧小区185个)。",
     [R("小区", 412, "个"), R("老旧小区", 185, "个")]),
    ("part-places-after-qiZhong", "新建学校9所,其中：东城区4所，西城区5所。",
     [R("新建学校", 9, "所"), R("东城区新建学校", 4, "所"), R("西城区新建学校", 5, "所")]),
    ("part-own-noun-after-qiZhong", "建成充电桩2400个,其中快充桩800个。", [R("建成充电桩", 2400, "个"), R("快充桩", 800, "个")]),
    ("part-qualifier-public", "新增停车泊位6000个(其中公共泊位2000个)。", [R("新增停车泊位", 6000, "个"), R("公共泊位", 2000, "个")]),
    ("part-rural", "新建学校10所,其中农村6所。", [R("新建学校", 10, "所"), R("农村新建学校", 6, "所")]),
    ("part-area", "全区森林面积达到12万亩,其中生态公益林4万亩。", [R("森林面积", 12, "万亩"), R("生态公益林", 4, "万亩")]),
    # --- money and its purpose --------------------------------------------------------------
    ("purpose-complete-area", "投入1200万元完成3.5万平方米屋面防水改造。",
     [R("屋面防水改造投入", 1200, "万元"), R("屋面防水改造", 3.5, "万平方米")]),
    ("purpose-implement", "投入资金2.3亿元实施老旧小区综合改造。", [R("老旧小区综合改造投入资金", 2.3, "亿元")]),
    ("purpose-build", "投资2.4亿元新建区体育中心。", [R("区体育中心投资", 2.4, "亿元")]),
    ("purpose-not-broad-use", "每年投入不少于500万元用于社区养老服务。", [R("投入", 500, "万元", ">=")]),
    ("purpose-spender-not-broad-use", "区财政每年投入不少于500万元用于改善社区养老条件。", [R("区财政每年投入", 500, "万元", ">=")]),
    ("purpose-spender-dropped", "今年镇财政将投资800万元用于集镇污水管网建设。", [R("集镇污水管网建设投资", 800, "万元")]),
    ("purpose-spender-bureau", "市水务局投入1500万元完成排涝泵站改造。", [R("排涝泵站改造投入", 1500, "万元")]),
    ("purpose-with-subject-kept", "农村供水工程投入资金5600万元,用于管网改造。", [R("农村供水工程投入资金", 5600, "万元")]),
    # --- elliptic attributes and shares ----------------------------------------------------
    ("attribute-total-spaces", "全区有公共停车场32个,总泊位数9800个。", [R("公共停车场", 32, "个"), R("公共停车场总泊位数", 9800, "个")]),
    ("attribute-topic-of-sentence", "农村供水工程累计投入资金5600万元,建设项目46个。",
     [R("农村供水工程投入资金", 5600, "万元", kind="baseline"), R("农村供水工程建设项目", 46, "个", kind="baseline")]),
    ("attribute-own-noun", "新建安置房2800套,受益群众9000人。", [R("新建安置房", 2800, "套"), R("受益群众", 9000, "人")]),
    ("share-without-subject", "全区口袋公园45个,仅占公园总数的30%。", [R("口袋公园", 45, "个"), R("口袋公园占公园总数", 30, "%")]),
    ("elliptic-rate-other-field", "城市生活垃圾无害化处理率达到100%,回收利用率达到60%。",
     [R("城市生活垃圾无害化处理率", 100, "%"), R("城市生活垃圾回收利用率", 60, "%")]),
    ("count-verb-holds-for-list", "将新建44所幼儿园,13所小学,9所中学。",
     [R("新建幼儿园", 44, "所"), R("新建小学", 13, "所"), R("新建中学", 9, "所")]),
    ("count-verb-holds-after-he", "新改扩建13所幼儿园和2所小学。", [R("新改扩建幼儿园", 13, "所"), R("新改扩建小学", 2, "所")]),
    ("share-of-whole-percent-first", "力争全区90%以上的中小学达到智慧校园标准。", [R("中小学达到智慧校园标准", 90, "%", ">=")]),
    # --- kind and year: from the sentence -------------------------------------------------
    ("kind-span-no-year", "2016—2020年累计完成旧区改造面积95万平方米。",
     [R("旧区改造面积", 95, "万平方米", kind="baseline", year=None)]),
    ("kind-span-future-no-year", "2026年至2030年,新增公共停车泊位1.5万个。", [R("新增公共停车泊位", 1.5, "万个", kind="target", year=None)]),
    ("kind-as-of-built", "截至2023年底,全区已建成新能源汽车充电桩3200个。",
     [R("建成新能源汽车充电桩", 3200, "个", kind="baseline", year=2023)]),
    ("kind-since-start", "自2018年实施以来,累计改造农村危房2100户。", [R("改造农村危房", 2100, "户", kind="baseline", year=None)]),
    ("kind-until-now", "2015年出台办法至今,全县共建成美丽乡村示范村40个。",
     [R("建成美丽乡村示范村", 40, "个", kind="baseline", year=None)]),
    ("kind-deadline-year", "2025年前,建成区级智慧停车平台1个。", [R("建成区级智慧停车平台", 1, "个", kind="target", year=2025)]),
    ("kind-continuing-sentence", "截至2021年底,全区共有养老床位5600张。其中护理型床位2100张。",
     [R("养老床位", 5600, "张", kind="baseline", year=2021), R("护理型床位", 2100, "张", kind="baseline", year=2021)]),
    ("kind-already-done", "已完成老旧小区改造45个。", [R("老旧小区改造", 45, "个", kind="baseline")]),
    ("kind-existing", "现有公办养老机构18家。", [R("公办养老机构", 18, "家", kind="baseline")]),
    ("kind-plan-to", "计划新建垃圾转运站6座。", [R("新建垃圾转运站", 6, "座", kind="target")]),
    ("kind-intend", "拟开办社区食堂20家。", [R("开办社区食堂", 20, "家", kind="target")]),
    ("kind-will", "全县将新增城镇就业岗位8000个。", [R("新增城镇就业岗位", 8000, "个", kind="target")]),
    ("kind-cumulative-floor-commitment", "三年累计完成投资不少于50亿元。", [R("投资", 50, "亿元", ">=", kind="target")]),
    # --- kind and year: against the document's time ---------------------------------------
    ("doc-year-before-plan", PLAN + "2020年全区新建商品住房面积达到180万平方米。",
     [R("新建商品住房面积", 180, "万平方米", kind="baseline", year=2020)]),
    ("doc-target-year", PLAN + "到2025年,新增保障性住房5000套。", [R("新增保障性住房", 5000, "套", kind="target", year=2025)]),
    ("doc-review-in-goals", PLAN + "一、发展目标\n2020年,全区共有公园58个。到2025年,公园达到80个。",
     [R("公园", 58, "个", kind="baseline", year=2020), R("公园", 80, "个", kind="target", year=2025)]),
    ("doc-change-since-before-plan", PLAN + "全区有体育场地1.2万个,比2015年增加3000个。",
     [R("体育场地", 1.2, "万个"), R("体育场地增加", 3000, "个", kind="baseline")]),
    ("doc-change-on-base-year", PLAN + "一、发展目标\n到2025年,绿化覆盖率比2020年提高3个百分点。",
     [R("绿化覆盖率提高", 3, "个百分点", kind="target", year=2025)]),
    ("doc-future-in-review-section", PLAN + "一、发展基础\n到2035年,人均体育场地面积达到3平方米。",
     [R("人均体育场地面积", 3, "平方米", kind="target", year=2035)]),
    ("doc-review-report", "东山县“十三五”期间农村公路建设实施情况汇报\n新建农村公路86公里,改造危桥12座。",
     [R("新建农村公路", 86, "公里", kind="baseline"), R("改造危桥", 12, "座", kind="baseline")]),
    ("doc-present-from-as-of", "临江区学前教育设施布局规划(2019-2035年)\n截至2019年底,全区有公办幼儿园80所。\n2019年,全区新建幼儿园12所。",
     [R("公办幼儿园", 80, "所", kind="baseline", year=2019), R("新建幼儿园", 12, "所", kind="baseline", year=2019)]),
    ("doc-after-present-is-target", "临江区学前教育设施布局规划(2019-2035年)\n截至2019年底,全区有公办幼儿园80所。\n2020年,全区新建幼儿园12所。",
     [R("公办幼儿园", 80, "所", kind="baseline", year=2019), R("新建幼儿园", 12, "所", kind="target", year=2020)]),
    # --- other fields: economy, health, housing, water, greening, renewal, energy ----------
    ("economy-growth-about", "地区生产总值年均增长6%左右。", [R("地区生产总值年均增长", 6, "%", "~")]),
    ("economy-intensity", "全社会研发经费投入强度达到3.2%。", [R("全社会研发经费投入强度", 3.2, "%")]),
    ("economy-above-scale", "规模以上工业增加值年均增长8%。", [R("规模以上工业增加值年均增长", 8, "%")]),
    ("economy-share-of-gdp", "服务业增加值占地区生产总值比重达到65%。", [R("服务业增加值占地区生产总值比重", 65, "%")]),
    ("economy-new-entities", "新增市场主体1.5万户。", [R("新增市场主体", 1.5, "万户")]),
    ("economy-projects-above", "引进亿元以上项目30个。", [R("引进亿元以上项目", 30, "个")]),
    ("economy-income", "居民人均可支配收入年均增长7%。", [R("居民人均可支配收入年均增长", 7, "%")]),
    ("economy-tourism-income", "旅游总收入突破300亿元。", [R("旅游总收入", 300, "亿元")]),
    ("economy-jobs-per-year", "年均新增城镇就业1.2万人。", [R("年均新增城镇就业", 1.2, "万人")]),
    ("health-per-thousand", "每千人口拥有执业医师3.2人。", [R("每千人口拥有执业医师", 3.2, "人")]),
    ("health-beds", "全区医疗卫生机构床位数达到6800张。", [R("医疗卫生机构床位数", 6800, "张")]),
    ("health-grade-in-name", "二级以上医院达到12家。", [R("二级以上医院", 12, "家")]),
    ("housing-rental", "筹集保障性租赁住房1.8万套。", [R("筹集保障性租赁住房", 1.8, "万套")]),
    ("housing-old-estates", "完成城镇老旧小区改造260个。", [R("城镇老旧小区改造", 260, "个")]),
    ("housing-lifts", "既有多层住宅加装电梯500台。", [R("既有多层住宅加装电梯", 500, "台")]),
    ("housing-finish-ratio", "新建住宅全装修比例达到100%。", [R("新建住宅全装修比例", 100, "%")]),
    ("housing-supply-floor", "住房租赁市场供应房源2万套以上。", [R("住房租赁市场供应房源", 2, "万套", ">=")]),
    ("water-collection", "城市污水集中收集率达到75%。", [R("城市污水集中收集率", 75, "%")]),
    ("water-storage-tanks", "新建雨水调蓄池8座。", [R("新建雨水调蓄池", 8, "座")]),
    ("water-area-ratio", "河湖水域面积率不低于10.5%。", [R("河湖水域面积率", 10.5, "%", ">=")]),
    ("water-river-works", "完成中小河道整治45公里。", [R("中小河道整治", 45, "公里")]),
    ("green-greenways", "新增绿道100公里。", [R("新增绿道", 100, "公里")]),
    ("green-pocket-parks", "建成口袋公园30个。", [R("建成口袋公园", 30, "个")]),
    ("green-per-capita", "人均公园绿地面积达到9.5平方米。", [R("人均公园绿地面积", 9.5, "平方米")]),
    ("green-urban-area", "新增城市绿地面积200万平方米。", [R("新增城市绿地面积", 200, "万平方米")]),
    ("renewal-overhead-lines", "完成架空线入地和合杆整治30公里。", [R("架空线入地和合杆整治", 30, "公里")]),
    ("renewal-villages", "实施城中村改造项目6个。", [R("城中村改造项目", 6, "个")]),
    ("renewal-land", "盘活低效产业用地1200亩。", [R("盘活低效产业用地", 1200, "亩")]),
    ("renewal-heritage-area", "历史风貌保护建筑修缮面积达到15万平方米。", [R("历史风貌保护建筑修缮面积", 15, "万平方米")]),
    ("parking-public-spaces", "新增公共停车泊位3000个。", [R("新增公共停车泊位", 3000, "个")]),
    ("energy-rooftop-pv", "新建公共建筑屋顶光伏覆盖率不低于50%。", [R("新建公共建筑屋顶光伏覆盖率", 50, "%", ">=")]),
    ("energy-intensity-drop", "单位地区生产总值能耗下降14%。", [R("单位地区生产总值能耗下降", 14, "%")]),
    ("energy-renewable-share", "可再生能源消费比重达到20%以上。", [R("可再生能源消费比重", 20, "%", ">=")]),
    ("sponge-city-zones", "建设海绵城市示范区3个。", [R("建设海绵城市示范区", 3, "个")]),
    ("greenway-built-before", "累计建成城市绿道150公里。", [R("建成城市绿道", 150, "公里", kind="baseline")]),
    # --- a subject shared by the items of a list (G1) ------------------------------------------
    ("listed-rates-share-subject", "共享单车停放入栏规范率98%、车辆完好率95%、调度及时率90%。",
     [R("共享单车停放入栏规范率", 98, "%"), R("共享单车停放车辆完好率", 95, "%"), R("共享单车停放调度及时率", 90, "%")]),
    ("listed-rates-share-subject-with-link", "城市道路桥梁检测覆盖率达到100%、维修及时率达到95%。",
     [R("城市道路桥梁检测覆盖率", 100, "%"), R("城市道路桥梁维修及时率", 95, "%")]),
    ("listed-rate-word-not-cut-inside", "餐厨垃圾资源化利用率达到60%、无害化处理率100%。",
     [R("餐厨垃圾资源化利用率", 60, "%"), R("餐厨垃圾无害化处理率", 100, "%")]),
    ("listed-full-rates-keep-own-subject", "城镇污水处理率97%、农村生活污水治理率80%。",
     [R("城镇污水处理率", 97, "%"), R("农村生活污水治理率", 80, "%")]),
    ("listed-item-same-last-word", "每名网格员岗前培训不少于40学时、在岗培训不少于24学时。",
     [R("每名网格员岗前培训", 40, "学时", ">="), R("每名网格员在岗培训", 24, "学时", ">=")]),
    ("listed-item-own-subject-kept", "新建公办幼儿园6所、民办幼儿园2所。",
     [R("新建公办幼儿园", 6, "所"), R("新建民办幼儿园", 2, "所")]),
    ("parallel-names-share-tail", "河长巡河、湖长巡湖和闸站巡查系统使用率均达到100%。",
     [R("河长巡河系统使用率", 100, "%"), R("湖长巡湖系统使用率", 100, "%"), R("闸站巡查系统使用率", 100, "%")]),
    # --- units of running text, a wider region's figure, what a figure includes (G1) ------------
    ("unit-months-duration", "新建商品住房去化周期控制在15个月以内。", [R("新建商品住房去化周期", 15, "个月", "<=")]),
    ("unit-months-region-in-bracket", "写字楼平均空置期约9个月（全省约为11个月）。",
     [R("写字楼平均空置期", 9, "个月", "~"), R("全省写字楼平均空置期", 11, "个月", "~")]),
    ("region-figure-after-comma", "全县农村自来水普及率92%，全市为95%。",
     [R("农村自来水普及率", 92, "%"), R("全市农村自来水普及率", 95, "%")]),
    ("unit-road-sections", "完成背街小巷架空线整治38条段。", [R("背街小巷架空线整治", 38, "条段")]),
    ("unit-sections", "整治黑臭水体14段。", [R("整治黑臭水体", 14, "段")]),
    ("unit-ascii-cubic-metres", "新建雨水调蓄设施容积2.4万m3。", [R("新建雨水调蓄设施容积", 2.4, "万m3")]),
    ("unit-money-per-head", "农村居民人均可支配收入达到3.2万元/人。", [R("农村居民人均可支配收入", 3.2, "万元/人")]),
    ("includes-bracket-part", "全镇现有村卫生室26个（含分室5个）。", [R("村卫生室", 26, "个"), R("分室", 5, "个")]),
    ("includes-bracket-part-full", "全区养老机构40家(包括公建民营机构9家)。",
     [R("养老机构", 40, "家"), R("公建民营机构", 9, "家")]),
    ("per-head-subject-listed-item", "每名社区医生每年集中轮训不少于30学时、下沉坐诊不少于60学时。",
     [R("每名社区医生每年集中轮训", 30, "学时", ">="), R("每名社区医生每年下沉坐诊", 60, "学时", ">=")]),
    ("per-head-subject-not-inside-noun", "每所学校配备心理教师1名、校医1名。",
     [R("每所学校配备心理教师", 1, "名"), R("校医", 1, "名")]),
    ("per-base-after-raise-verb", "高龄津贴标准提高到每人每月200元。", [R("高龄津贴标准", 200, "元")]),
    ("from-to-age-over-long-clause", "全县人均预期寿命由2020年的78.6岁提高到2025年的80.1岁。",
     [R("人均预期寿命", 78.6, "岁", kind="baseline", year=2020), R("人均预期寿命", 80.1, "岁", year=2025)]),
    ("rate-per-hundred-thousand", "孕产妇死亡率控制在10/10万以下。", [R("孕产妇死亡率", 10, "/10万", "<=")]),
    ("attribute-beds-after-count", "全区现有护理院6家，床位1500张。",
     [R("护理院", 6, "家", kind="baseline"), R("护理院床位", 1500, "张", kind="baseline")]),
    ("doubling-not-in-metric", "全区体育场地面积比“十三五”末翻一番，达到60万平方米。", [R("体育场地面积", 60, "万平方米")]),
    ("named-members-before-deng", "改造青松路、白鹭湾等街心花园8个。", [R("改造街心花园", 8, "个")]),
    ("kinds-before-deng-kept", "商场、医院等配建停车场40个。", [R("商场、医院等配建停车场", 40, "个")]),
    ("modifier-clause-yi-wei-de", "打造以滨江步道为骨架的绿色廊道4条。", [R("绿色廊道", 4, "条")]),
    ("unit-sessions", "每年送戏下乡不少于120场次。", [R("送戏下乡", 120, "场次", ">=")]),
    ("unit-pitches", "新建笼式足球场8片。", [R("新建笼式足球场", 8, "片")]),
    ("distance-inside-rate-name", "社区养老服务设施1公里覆盖率达到85%。", [R("社区养老服务设施1公里覆盖率", 85, "%")]),
    ("class-size-threshold-no-count", "全面消除56人以上大班额，大班额比例控制在5%以内。", [R("大班额比例", 5, "%", "<=")]),
    ("per-head-inside-metric", "社区医生每人每年参加轮训不少于40学时。", [R("社区医生每人每年参加轮训", 40, "学时", ">=")]),
    ("subject-county-colloquial", "今年，镇里计划再投入6000万元。", [R("计划投入", 6000, "万元")]),
    ("adverb-again-inside", "全区再新建公办幼儿园4所。", [R("新建公办幼儿园", 4, "所")]),
    ("parallel-part-shares-opening-char", "建设区级名校长工作室6个、名师工作室25个。",
     [R("建设区级名校长工作室", 6, "个"), R("建设区级名师工作室", 25, "个")]),
    ("last-year-is-past", "去年全县共培训家政服务人员3200人次。", [R("培训家政服务人员", 3200, "人次", kind="baseline")]),
    ("last-year-as-base-of-change", "今年县财政安排体育事业资金900万元，比上年增长15%。",
     [R("体育事业资金", 900, "万元", kind="target"), R("体育事业资金增长", 15, "%", kind="target")]),
    ("own-thing-of-topic-not-attribute", "据2024年停车普查，全区总泊位数40.6万，配建泊位占92%。",
     [R("总泊位数", 40.6, "万"), R("配建泊位", 92, "%")]),
    ("parallel-names-share-verb-tail", "甲平台、乙平台和丙中心接入均达到100%。",
     [R("甲平台接入", 100, "%"), R("乙平台接入", 100, "%"), R("丙中心接入", 100, "%")]),
    # --- a change from a dated starting value written without 由/从 (issue 13, last round) ------
    ("dated-start-without-from-count", "全县星级民宿2021年的45家增加到90家。",
     [R("星级民宿", 45, "家", kind="baseline", year=2021), R("星级民宿", 90, "家")]),
    ("dated-start-without-from-rate-target-year", "到2028年，城区公交分担率2023年底的38%提升至50%。",
     [R("城区公交分担率", 38, "%", kind="baseline", year=2023), R("城区公交分担率", 50, "%", kind="target", year=2028)]),
    ("dated-start-end-last-year", "全镇规上企业2019年的21家增长至去年的36家。",
     [R("规上企业", 21, "家", kind="baseline", year=2019), R("规上企业", 36, "家", kind="baseline")]),
    ("from-start-count-not-counted-after", "全区养老床位由2020年的2600张增加到3400张。",
     [R("养老床位", 2600, "张", kind="baseline", year=2020), R("养老床位", 3400, "张")]),
    ("dated-value-without-change-keeps-year", "全市2023年的旅游收入达到86亿元。",
     [R("旅游收入", 86, "亿元", year=2023)]),
    # --- a bare rate listed after a count takes the count's subject, before its verb ------------
    ("bare-rate-after-count-subject", "全市健康驿站平台注册居民38万人、签约率62%。",
     [R("健康驿站平台注册居民", 38, "万人"), R("健康驿站平台签约率", 62, "%")]),
    ("bare-rate-after-rate-keeps-rate-subject", "学生体质健康合格率达95%、优良率达50%。",
     [R("学生体质健康合格率", 95, "%"), R("学生体质健康优良率", 50, "%")]),
    # --- a heading or cell glued to its sentence: the metric never repeats itself ----------------
    ("doubled-phrase-kept-once", "背街小巷综合整治背街小巷综合整治完成率达到70%。",
     [R("背街小巷综合整治完成率", 70, "%")]),
    ("doubled-phrase-count", "社区卫生服务站社区卫生服务站新增8个。", [R("社区卫生服务站新增", 8, "个")]),
    # --- one metric, two quantities in different units, a comparator word between ------------
    ("two-units-total-between", "全镇改造背街小巷18条、共计4.6公里。",
     [R("改造背街小巷", 18, "条"), R("改造背街小巷", 4.6, "公里")]),
    ("two-units-cumulative-about-between", "新建口袋公园9个、累计约3.2万平方米。",
     [R("新建口袋公园", 9, "个"), R("新建口袋公园", 3.2, "万平方米", "~")]),
    ("two-units-plain-joiner", "建成滨河绿道7条、21公里。", [R("建成滨河绿道", 7, "条"), R("建成滨河绿道", 21, "公里")]),
    # --- a standard cited in brackets is no part of the metric; a figure naming a rate no value ----
    ("standard-code-bracket-after-rate", "城镇供水水质合格率（国标GB5749-2022）达到98%。",
     [R("城镇供水水质合格率", 98, "%")]),
    ("standard-code-with-slash-t", "新建住宅节能达标率（GB/T 50378）保持100%。",
     [R("新建住宅节能达标率", 100, "%")]),
    ("standard-inside-metric-stays", "防洪标准达到50年一遇的河堤长度达到26公里。",
     [R("防洪标准达到50年一遇的河堤长度", 26, "公里")]),
    ("time-distance-naming-long-rate", "10分钟步行可达的社区体育设施覆盖率达到85%。",
     [R("10分钟步行可达的社区体育设施覆盖率", 85, "%")]),
    ("reach-distance-inside-rate-name", "到2027年，全区公交站点300米覆盖率达到95%。",
     [R("公交站点300米覆盖率", 95, "%")]),
    ("reach-distance-in-rate-name-no-value", "优化公交线网，持续提高公交站点300米覆盖率。", []),
    ("reach-time-inside-rate-name", "到2027年，城区居民15分钟健身设施可达率达到90%。",
     [R("城区居民15分钟健身设施可达率", 90, "%")]),
    ("distance-then-comma-rate-is-a-value", "新建排水管网18公里，管网完好率达到96%。",
     [R("新建排水管网", 18, "公里"), R("管网完好率", 96, "%")]),
]


def _params() -> list:
    return [pytest.param(c[1], c[2], id=c[0], marks=[pytest.mark.xfail(strict=True, reason=c[3])] if len(c) > 3 else [])
            for c in CASES]


@pytest.mark.parametrize(("text", "expected"), _params())
def test_genre_phrase(text: str, expected: list[dict]) -> None:
    got = _order([t.model_dump() for t in extract_text(text).targets])
    expected = _order(expected)
    assert [_check(r, w) for r, w in zip(got, expected)] == expected
    assert len(got) == len(expected), [(r["metric"], r["value"], r["unit"]) for r in got]


def test_at_least_100_genre_cases() -> None:
    assert len(CASES) >= 100
    assert len({c[0] for c in CASES}) == len(CASES)
