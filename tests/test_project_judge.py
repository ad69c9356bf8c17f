"""Names against categories (issue 14): a project name names one thing.

Every sentence below is written for these tests, with invented districts, places and figures:
one row per pattern.
"""
from __future__ import annotations

import pytest

from plancmp.extract.projects.judge import Name, is_category, tagged
from plancmp.ruleset import RuleSet

from .scoring import bare
from .test_projects import run

RULES = RuleSet()

# (id, sentence, the name that must be found)
NAMES = [
    ("quoted-brand-before-head", "深入实施“春芽”护航工程,关爱农村留守儿童。", "春芽护航工程"),
    ("street-address-project", "加快推进桂林路1289弄成套改造项目,改善居住条件。", "桂林路1289弄成套改造项目"),
    ("district-ordinal-kindergarten", "新建临河区第三幼儿园,增加学前学位。", "临河区第三幼儿园"),
    ("town-school-with-ordinal", "2024年新建安平镇第二小学,缓解城区入学压力。", "安平镇第二小学"),
    ("programme-named-by-content", "实施青少年体质健康促进工程,保障每天锻炼一小时。", "青少年体质健康促进工程"),
    ("place-and-phase-project", "加快推进滨湖新城二期项目,完善片区功能。", "滨湖新城二期项目"),
    ("place-centre", "建成云溪区青少年活动中心,丰富课外生活。", "云溪区青少年活动中心"),
    ("place-street-renewal-project", "推进长宁路历史风貌街区更新项目,延续城市文脉。", "长宁路历史风貌街区更新项目"),
    ("place-project-without-a-verb", "滨江区域以锦江乐园摩天轮项目为核心,打造文旅地标。", "锦江乐园摩天轮项目"),
    ("address-project-without-a-verb", "同时,安平路899号项目年内开工。", "安平路899号项目"),
    ("works-on-a-named-park", "推进临江公园改造和滨河绿地改造,提升公共空间品质。", "临江公园改造"),
    ("works-on-a-named-area", "推进北塘地区整体开发,打造特色街区。", "北塘地区整体开发"),
    ("quoted-slogan-programme", "滚动推进“一查、一改、一评”专项行动,盘活低效用地。", "一查、一改、一评专项行动"),
    ("quoted-works", "实施“一巷一景”街区更新,彰显里弄风貌。", "一巷一景街区更新"),
    ("quoted-restoration", "以老旧小区为重点,实施“安居家园”综合修缮。", "安居家园综合修缮"),
    ("site-before-quote-being-built", "开展竹溪村“乡愁长廊”建设,延续文脉。", "竹溪村乡愁长廊"),
    ("sector-before-quote-being-built", "系统推进低空经济“飞鸟新城”建设,构建产业生态。", "低空经济飞鸟新城"),
    # names no dictionary knows: the tagger reads them as runs of single characters (judge._name_runs)
    ("unknown-town-before-school-after-year", "2025年新建洺河镇第三小学,满足就近入学需求。", "洺河镇第三小学"),
    ("unknown-village-before-quote", "加快推进翟洼村“稻香长廊”建设,延续乡村文脉。", "翟洼村稻香长廊"),
    ("unknown-road-address-project", "同时,沣泽路316号项目年内开工。", "沣泽路316号项目"),
    ("unknown-river-park-works", "推进滹沱河湿地公园改造,提升生态品质。", "滹沱河湿地公园改造"),
    ("unknown-name-school", "新建槐荫小学,缓解入学压力。", "槐荫小学"),
    ("pumping-sluice-works", "加快推进石桥港泵闸建设工程,提升排涝能力。", "石桥港泵闸建设工程"),
    ("quoted-app", "上线“社区通”小程序,方便居民报修。", "社区通小程序"),
    ("quoted-app-by-letters", "推广“智慧停车”APP,实现泊位预约。", "智慧停车APP"),
    ("quote-then-long-noun-phrase", "实施“银发守护”居家养老服务能力提升计划,惠及独居老人。",
     "银发守护居家养老服务能力提升计划"),
    ("place-named-industrial-park", "建设清江国际航空航天产业园,集聚龙头企业。", "清江国际航空航天产业园"),
    ("quoted-industrial-zone", "推进“绿芯谷”数字产业园区建设,引进头部企业。", "绿芯谷数字产业园区"),
    ("hospital-to-build", "新建松林区第三人民医院,缓解看病难。", "松林区第三人民医院"),
    ("route-code-works-without-a-verb", "其中,S226线城北段改建工程计划8月开工。", "S226线城北段改建工程"),
    ("phase-of-a-plant", "建设北郊净水厂二期工程,提高供水能力。", "北郊净水厂二期工程"),
    ("box-title-over-prose", "专栏3 乡村教师关爱工程\n为乡村教师建设周转宿舍。\n第六章 保障措施\n加强组织领导。",
     "乡村教师关爱工程"),
    ("whom-a-quoted-programme-is-for", "启动社区医生“暖阳”行动,上门服务到户。", "社区医生暖阳行动"),
    ("pumping-stations-being-built", "今年将开工建设西塘泵闸、北港泵站等4座泵闸泵站。", "北港泵站"),
    ("works-named-after-the-thing", "开工建设西塘泵闸、北港泵站等4座泵闸泵站,其中西塘泵闸建设工程已获批。", "西塘泵闸建设工程"),
    ("venue-to-build", "新建城西体育馆,满足群众健身需求。", "城西体育馆"),
    ("site-code-in-running-text", "加快推进江川社区JC2-0107单元城市更新项目。", "江川社区JC2-0107单元城市更新项目"),
    ("the-countys-own-school", "改扩建县实验小学,新增学位900个。", "县实验小学"),
    ("enumerated-sites-before-a-kind-of-projects", "重点建设临空新材料产业园、北站新城综合交通枢纽等一批标志性项目。",
     "北站新城综合交通枢纽"),
    ("enumerated-ordinal-site", "加快推进县第二人民医院新院区、城市书房等民生项目。", "县第二人民医院新院区"),
    ("verb-cut-before-enumerated-sites", "推动B05地块开发,保障东湖区航天博物馆、东海科研基地等重大项目推进。", "东湖区航天博物馆"),
    ("no-cut-inside-a-content-word", "推进塘西社区保障性住房项目建设。", "塘西社区保障性住房项目"),
    ("school-moved-or-enlarged-after-its-name", "加快推进县实验中学迁建,改善办学条件。", "县实验中学"),
    ("hub-named-by-its-place", "建设临港新城综合交通枢纽,方便换乘。", "临港新城综合交通枢纽"),
    ("section-in-brackets-inside-a-name", "加快建设滨海大道(南段)工程,年内通车。", "滨海大道(南段)工程"),
    ("brand-of-a-district", "做强临河区研学旅行品牌,拓展实践课堂。", "临河区研学旅行品牌"),
    ("centre-named-by-what-it-recycles", "建成西部再生资源回收利用中心,提高回收率。", "西部再生资源回收利用中心"),
]

# (id, sentence, a phrase that must not come out as a project)
CATEGORIES = [
    ("bare-head-main-works", "年内全面完成主体工程,确保秋季开学。", "主体工程"),
    ("bare-head-foundation-works", "三所学校建设项目实施基础工程。", "基础工程"),
    ("key-works", "加快推进机场快线等重大工程建设。", "重大工程"),
    ("highlight-works", "打造一批有本区特色的亮点工程。", "亮点工程"),
    ("class-of-projects", "设备类项目全部完成采购并投入使用。", "设备类项目"),
    ("near-term-projects", "项目分为在建项目、近期开工项目和远期谋划项目。", "近期开工项目"),
    ("long-term-projects", "项目分为在建项目、近期开工项目和远期谋划项目。", "远期谋划项目"),
    ("county-plans-to-invest", "今年,该县计划投入3.5亿元,改善办学条件。", "该县计划"),
    ("this-year-county-plans", "今年该镇计划加快标准化学校建设。", "今年该镇计划"),
    ("a-batch-of-schools", "新城区新建一批学校,缓解入学压力。", "一批学校"),
    ("which-schools", "全市今年新建哪些学校?", "哪些学校"),
    ("period-education-projects", "全县“十二五”期间教育项目全部完工。", "十二五期间教育项目"),
    ("generic-renewal-projects", "有序推进城市更新项目,提升城区品质。", "城市更新项目"),
    ("generic-solar-projects", "鼓励社会资本投资建设光伏项目。", "光伏项目"),
    ("generic-land-projects", "加快推进土地开发项目,盘活存量用地。", "土地开发项目"),
    ("verb-before-generic-projects", "保障重大项目用地,稳定产业规模。", "保障重大项目"),
    ("generic-rebuild-works", "鼓励老旧厂区实施新改扩建工程实现提质增效。", "新改扩建工程"),
    ("generic-boarding-school", "推动特殊教育寄宿制学校建设。", "特殊教育寄宿制学校"),
    ("pronoun-this-action", "为此,制定本行动方案。", "本行动"),
    ("area-qualified-projects", "开展预留区内优质项目认定工作。", "预留区内优质项目"),
    ("plan-before-a-time", "清河计划年内创成省教育强县", "清河计划"),
    ("plan-before-total-investment", "创建省教育强县计划总投入8.5亿多元。", "强县计划"),
    ("heading-near-term-plan", "五、近期建设计划\n近期新建公共泊位500个。", "近期建设计划"),
    ("heading-generic-plan", "1.公共停车设施建设计划\n新建停车场10处。", "公共停车设施建设计划"),
    ("person-tag-is-no-place", "全力打造世界级创智中心活力区,集聚人才。", "创智中心"),
    ("generic-works-on-old-blocks", "有序推进老旧街区改造,完善配套设施。", "老旧街区改造"),
    ("works-of-a-whole-city", "深入推进临江城市更新,提升城市能级。", "临江城市更新"),
    ("works-on-a-type-of-facility", "推进城市生活垃圾处置设施更新。", "处置设施更新"),
    ("period-quote-before-works", "全面推进“十五五”城市更新,提升城区品质。", "十五五城市更新"),
    ("verb-before-a-quote", "持续巩固“安居家园”建设成果。", "巩固安居家园"),
    ("count-of-schools-is-no-name", "新建三所学校,缓解入学压力。", "三所学校"),
    ("a-mode-of-service-names-no-hospital", "加快智慧医疗建设,推进互联网医院建设。", "互联网医院"),
    ("kind-of-classroom-in-a-list", "积极推广同步课堂和专递课堂,共享优质资源。", "专递课堂"),
    ("described-kind-of-works-projects", "有序推进老旧厂房改造项目,盘活存量空间。", "老旧厂房改造项目"),
    ("light-verb-inside-works", "老旧小区进行燃气管道改造,消除安全隐患。", "进行燃气管道改造"),
    ("someone-elses-aim-after-help", "完善沿河景观,助力“国际旅游名城”建设。", "国际旅游名城"),
    ("a-series-of-works", "实施一系列便民工程,改善群众生活。", "一系列便民工程"),
    ("works-of-the-government", "统筹推进政府民生工程和惠民工程。", "政府民生工程"),
    ("levels-of-platforms", "搭建市区两级平台,贯通业务数据。", "两级平台"),
    ("a-list-title-is-no-entry", "附件\n松林区城市更新重点项目清单\n推进项目建设。", "松林区城市更新重点项目"),
    ("unquoted-app-is-a-type", "开发微信小程序,方便群众查询。", "微信小程序"),
    ("quote-before-a-clause", "围绕“双减”全面推进课后服务提升计划。", "双减全面推进课后服务提升计划"),
    ("chapter-after-a-box-is-no-entry", "专栏3 乡村教师关爱工程\n为乡村教师建设周转宿舍。\n第六章 保障措施\n加强组织领导。",
     "保障措施"),
    ("scope-before-a-quote", "实施全区“书香”工程,建设阅读空间。", "全区书香工程"),
    ("verb-before-a-quoted-app", "上线“邻里帮”小程序,方便居民互助。", "上线邻里帮小程序"),
    ("management-of-a-kind-of-works", "实施文明施工行动,工地工程管理水平持续提升。", "工地工程"),
    ("a-sibling-plan-of-a-period", "启动实施义务教育优质均衡发展三年行动计划,补齐短板。", "三年行动计划"),
    ("a-yearly-plan", "各街镇制定2026年度城市更新工作计划,报区备案。", "年度城市更新工作计划"),
    ("a-type-of-plant-to-build", "各镇新建污水处理厂,提高收集率。", "新建污水处理厂"),
    ("a-year-opens-no-name", "实施2026-2030年乡村教育振兴工程,补齐短板。", "2030年乡村教育振兴工程"),
    ("a-region-is-no-own-division", "推进区域教育研究中心建设。", "区域教育研究中心"),
    ("a-kind-among-enumerated-sites", "加快推进县第二人民医院新院区、城市书房等民生项目。", "城市书房"),
    ("any-site-of-works", "加强工地工程扬尘管控。", "工地工程"),
    ("a-hub-of-no-place", "规划建设综合交通枢纽,方便换乘。", "综合交通枢纽"),
    ("a-list-number-in-brackets-is-no-part", "(二)实施乡村教师关爱工程\n建设周转宿舍。", "(二)实施乡村教师关爱工程"),
    ("brand-of-a-government-function", "持续擦亮城市管理品牌和市容环境品牌。", "市容环境品牌"),
    ("box-titled-by-a-kind-of-project", "专栏4 重大文旅项目\n1.青峰古镇:修缮古建筑群。\n2.白沙湾度假区:建设滨海步道。",
     "重大文旅项目"),
]


@pytest.mark.parametrize(("text", "name"), [r[1:] for r in NAMES], ids=[r[0] for r in NAMES])
def test_a_name_of_one_thing_is_a_project(text: str, name: str) -> None:
    assert name in {bare(p.name) for p in run(text)}


@pytest.mark.parametrize(("text", "phrase"), [r[1:] for r in CATEGORIES], ids=[r[0] for r in CATEGORIES])
def test_a_category_is_not_a_project(text: str, phrase: str) -> None:
    found = {bare(p.name) for p in run(text)}
    assert not any(phrase in f for f in found), sorted(found)


# (id, text, a word the judge reads in it, its tag): a name the tagger does not know falls apart into
# single characters, and a run of them is one proper name, ended by a frequent function character,
# a place suffix or a count
NAME_RUNS = [
    ("unknown-name", "推进洺溪建设", "洺溪", "nz"),
    ("unknown-name-before-a-place-suffix", "洺溪镇", "洺溪", "ns"),
    ("rare-pronoun-inside-a-name", "推进诸洼村改造", "诸洼", "ns"),
    ("frequent-pronoun-is-no-name", "了我县", "我", "r"),
    ("numeral-before-a-measure-word-is-a-count", "新建三所学校", "三", "m"),
    ("numeral-after-a-number-is-a-count", "2025年新建", "年", "m"),
    ("ascii-word", "天元TODTOWN项目", "TODTOWN", "eng"),
    ("rare-verb-is-a-word", "专递课堂", "专递", "v"),
    ("adjectives-describe", "推进老旧厂房改造", "老旧", "a"),
]


@pytest.mark.parametrize(("text", "word", "tag"), [r[1:] for r in NAME_RUNS], ids=[r[0] for r in NAME_RUNS])
def test_a_run_of_name_characters_is_one_proper_name(text: str, word: str, tag: str) -> None:
    assert (word, tag) in tagged(text, RULES)


# (id, name, its head, kind of head, text right before it, text right after it, why it is no name)
FRAGMENTS = [
    ("cut-inside-a-verb", "施主体工程", "工程", "programme", "项目实", "。", "starts_mid_word"),
    ("starts-with-a-particle", "了农村薄弱学校", "学校", "school", "推进", "建设", "bad_start"),
    ("quote-left-open", "“科技", "", "thing", "依托", "和", "open_quote"),
    ("plan-as-a-verb", "该区计划", "计划", "programme", "今年,", "投入5亿元", "verb_head"),
    ("year-and-pronoun-before-schools", "2019年该区义务教育学校", "学校", "school", ":", "建设", "qualified"),
]


@pytest.mark.parametrize(("name", "head", "kind", "before", "after", "why"), [r[1:] for r in FRAGMENTS],
                         ids=[r[0] for r in FRAGMENTS])
def test_a_fragment_is_no_name(name: str, head: str, kind: str, before: str, after: str, why: str) -> None:
    assert is_category(Name(name=name, head=head, before=before, after=after), kind, RULES) == why


@pytest.mark.parametrize(("name", "head", "kind"), [
    ("金桥广场改造项目", "项目", "thing"),
    ("城关第四小学", "小学", "school"),
    ("乡村教师素养提升工程", "工程", "programme"),
], ids=["proper-place-project", "place-ordinal-school", "content-programme"])
def test_a_name_passes_the_judge(name: str, head: str, kind: str) -> None:
    assert is_category(Name(name=name, head=head, before="推进", after=","), kind, RULES) is None


# ------------------------------------------------------------------ list forms

ACTIONS = """二、重点任务

围绕目标，开展四大“焕新行动”：

（一）织补城市绿脉行动——生态空间提质

推进滨水绿道贯通。

（二）唤醒老城街巷行动——街区风貌更新

推进老街修缮。

（三）激活滨江产业行动——园区转型升级

推进园区转型。
"""


@pytest.mark.parametrize(("name", "description"), [
    ("织补城市绿脉行动", "生态空间提质"),
    ("唤醒老城街巷行动", "街区风貌更新"),
    ("激活滨江产业行动", "园区转型升级"),
], ids=["first-action", "second-action", "third-action"])
def test_numbered_action_headings_with_a_subtitle_are_a_list(name: str, description: str) -> None:
    found = {bare(p.name): p for p in run(ACTIONS)}
    assert found[name].tier == "list"
    assert found[name].description == description


def test_a_counted_set_of_actions_is_no_project() -> None:
    assert "焕新行动" not in {bare(p.name) for p in run(ACTIONS)}


SITES = [
    ("count-matches-sites", "重点聚焦河西新村、城北老街、青石共和村、东湖渔村等4个城中村整体改造项目,加快推进。",
     ["河西新村", "城北老街", "青石共和村", "东湖渔村"]),
    ("schools-before-more-projects", "今年还将开工建设县明远高中、县第三职业学校、滨江新城启明小学等12个新建项目。",
     ["县明远高中", "县第三职业学校", "滨江新城启明小学"]),
    ("schools-counted-without-deng", "4月,临川区桂花路小学、临川区第二幼儿园2所学校建设项目开工。",
     ["临川区桂花路小学", "临川区第二幼儿园"]),
]


@pytest.mark.parametrize(("text", "want"), [r[1:] for r in SITES], ids=[r[0] for r in SITES])
def test_enumerated_sites_are_one_project_each(text: str, want: list[str]) -> None:
    found = {bare(p.name) for p in run(text)}
    assert set(want) <= found, sorted(found)


def test_a_conjunction_inside_a_word_does_not_split_a_site() -> None:
    found = {bare(p.name) for p in run("重点聚焦河西新村、青石共和村等2个城中村整体改造项目。")}
    assert "青石共和村" in found and "青石共" not in found


def test_and_inside_quotes_does_not_split_an_item() -> None:
    found = {bare(p.name) for p in run("打响“山水和人文节”、“书香季”等文化品牌。")}
    assert not any(f in ("山水", "人文节") for f in found), sorted(found)


def test_a_plan_referred_to_by_a_verb_of_following_is_not_a_project() -> None:
    found = {bare(p.name) for p in run("参照新一轮“整洁街巷”三年行动计划,打造3个示范街区。")}
    assert not any("三年行动计划" in f for f in found), sorted(found)


# ------------------------------------------------------------------ clean names

CLEAN = [
    ("bare-pinyin-inside-a-name", "3月,新建平川县城chéng 西第二小学、平川县第三幼儿园2所学校建设项目开工。",
     "平川县城西第二小学"),
    ("spam-inside-a-name", "4月,新建河口镇澳门新葡京东岭村幼儿园、河口镇第一小学2所学校建设项目开工。",
     "河口镇东岭村幼儿园"),
    ("bracketed-gloss-inside-a-name", "5月,新建临川区桂花路小学、临川区第二幼儿【ér】园2所学校建设项目开工。",
     "临川区第二幼儿园"),
    ("labelled-gloss-inside-a-name", "新建云溪区学[繁体:學]府路小学、云溪区第五幼儿园2所学校建设项目开工。",
     "云溪区学府路小学"),
]


@pytest.mark.parametrize(("text", "name"), [r[1:] for r in CLEAN], ids=[r[0] for r in CLEAN])
def test_a_name_is_clean_and_its_text_is_the_original(text: str, name: str) -> None:
    found = {p.name: p for p in run(text)}
    assert name in found, sorted(found)
    assert found[name].text in text


def test_a_traditional_name_keeps_its_script_without_glosses() -> None:
    text = ("今年還將開工建設縣明遠高(gāo)中、縣第三職業學(xué)校、濱江新城啟明小學(xué)等12個(gè)新建項(xiàng)目,"
            "到2020年完成新建、改擴(kuò)建中小學(xué)53所,基本解決城區(qū)教育資源緊缺問(wèn)題。")
    assert {"縣明遠高中", "縣第三職業學校", "濱江新城啟明小學"} <= {p.name for p in run(text)}


BOX = """专栏2:城乡教育优质均衡重大工程
学前教育普惠
扩容提质计划 新增公办园10所,到2026年普惠性幼儿园覆盖率达到92%。
县域义务教育优质均衡和
城乡学校共同体推进计划 推进城乡学校结对帮扶,建设乡村温馨校园。
"""


@pytest.mark.parametrize(("name", "start"), [
    ("学前教育普惠扩容提质计划", "新增公办园"),
    ("县域义务教育优质均衡和城乡学校共同体推进计划", "推进城乡学校"),
], ids=["label-over-two-lines", "label-over-two-lines-ending-in-and"])
def test_a_box_row_label_split_over_two_lines_is_one_entry(name: str, start: str) -> None:
    found = {p.name: p for p in run(BOX)}
    assert found[name].tier == "list" and found[name].line in (2, 4)
    assert (found[name].description or "").startswith(start)


CARDS = """学校建设清单
1.南湖小学(新建)
地址:南湖大道东段
新增学位:1350个
2.北苑中学(改扩建)
地址:北苑路18号
新增学位:900个
"""


def test_numbered_school_cards_are_a_list_with_their_fields() -> None:
    found = {p.name: p for p in run(CARDS)}
    assert found["南湖小学"].tier == "list" and found["南湖小学"].status == "planned"
    assert found["南湖小学"].description == "新建;地址:南湖大道东段;新增学位:1350个"
    assert found["北苑中学"].line == 5


def test_a_building_project_of_a_named_school_is_the_school() -> None:
    text = ("3月,新建临川区桂花路小学、临川区第二幼儿园2所学校建设项目开工。"
            "6月,临川区第二幼儿园建设项目完成主体工程。")
    found = [p.name for p in run(text)]
    assert "临川区第二幼儿园" in found and "临川区第二幼儿园建设项目" not in found


# ------------------------------------------------------------------ status and year

STATUS = [
    ("planned-with-year", "2025年新建江畔区第四小学,缓解学位压力。", "江畔区第四小学", "planned", 2025),
    ("planned-by-a-deadline", "到2027年建成青松路1号综合改造项目。", "青松路1号综合改造项目", "planned", 2027),
    ("ongoing", "继续推进江畔区体育中心建设,该项目在建,年内封顶。", "江畔区体育中心", "ongoing", None),
    ("ongoing-campus", "续建江畔区职业技术学校新校区,2026年投入使用。", "江畔区职业技术学校新校区", "ongoing", 2026),
    ("expanded-school", "改扩建江畔区实验中学,增加学位800个。", "江畔区实验中学", "planned", None),
    ("done", "全面完成江畔区第二中学新建工程,已建成投用。", "江畔区第二中学新建工程", "done", None),
    ("span-gives-no-year", "2016—2018年新建南山镇中心小学,改善办学条件。", "南山镇中心小学", "planned", None),
]


@pytest.mark.parametrize(("text", "name", "status", "year"), [r[1:] for r in STATUS], ids=[r[0] for r in STATUS])
def test_status_and_year(text: str, name: str, status: str, year: int | None) -> None:
    found = {p.name: p for p in run(text)}
    assert (found[name].status, found[name].year) == (status, year)


def test_a_review_programme_is_done() -> None:
    text = "一、“十四五”发展回顾\n实施了青蓝教师成长工程,成效明显。\n二、主要任务\n加强师德建设。\n"
    found = {p.name: p for p in run(text)}
    assert found["青蓝教师成长工程"].status == "done"


def test_compare_marks_a_project_reported_as_done() -> None:
    from plancmp.output.matrix_report import project_cell_text

    cell = project_cell_text([{"name": "青蓝工程", "status": "done"}, {"name": "启明计划", "status": "planned"}])
    assert cell == "2: 青蓝工程(已完成)；启明计划"
