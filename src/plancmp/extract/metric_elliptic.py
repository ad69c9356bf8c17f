"""Metric strategies for elliptic metrics: a phrase that takes its subject from elsewhere.

A bare rate takes the subject of the rate before it (学业成绩合格率达98%,优秀率达
30% → 学业成绩优秀率), an attribute the metric before it or what the sentence is
about (公共停车场7个，总泊位数1615个 → 公共停车场总泊位数), a level the rest of
the metric before it (小学750元、初中950元), a qualifier or a place the thing counted
before it (小学45所(其中民办12所) → 民办小学), a share its subject (…共7处，仅占
总数的9.1%), a clause that only says how often the clause before it, a short rate
the full name its paragraph gave it earlier (提高老年人健康管理率，…健康管理率达到75%). Every
record named here says so in its doubts (``metric:elliptic``).
"""
from __future__ import annotations

import re

from ..ruleset import RuleSet
from . import clause_words as words
from .metric_context import ELLIPTIC, Choice, MetricContext, compiled, strategy
from .numbers import metric_words
from .phrase import compiled as phrase_rules
from .phrase import all_verbs, is_nominal, is_place_name, join_topic, leading_verbs
from .tokenize import tag


@strategy(reads="words")
def time_only_clause(ctx: MetricContext) -> Choice | None:
    """完成教师全员培训，每五年不少于360学时: a clause that only says how often takes the metric
    of the clause before it."""
    if not (compiled(ctx.line.rules).time_only.fullmatch(ctx.head) or (not ctx.head and ctx.q.unit)):
        return None
    earlier = _previous_clause(ctx)
    if not earlier:
        return None
    return Choice(metrics=[earlier], why=[f"clause before is only {ctx.head!r}: metric from the clause before it, {earlier!r}"],
                  doubt=ELLIPTIC)


@strategy(reads="words")
def quoted_subject(ctx: MetricContext) -> Choice | None:
    """推进“平安校园”建设,创建率达100%: a bare rate first on its line takes the quoted name before it."""
    if not words.is_bare_rate(ctx.head, ctx.line.rules, ctx.suffixes) or ctx.line.prev_metric:
        return None
    subj = ctx.quoted_subject
    if not subj:
        return None
    return Choice(metrics=[subj + ctx.head], why=[f"bare rate {ctx.head!r} takes subject {subj!r} quoted in the clause before"],
                  doubt=ELLIPTIC)


def _elliptic(ctx: MetricContext) -> bool:
    """A head of its own that does not repeat the metric before it."""
    return bool(ctx.line.prev_metric and ctx.head and not ctx.head.startswith(ctx.line.prev_metric))


@strategy(reads="words")
def elliptic_rate(ctx: MetricContext) -> Choice | None:
    """学业成绩合格率达98%,优秀率达30%: a bare rate takes its subject from the metric before it."""
    if not _elliptic(ctx) or not words.is_bare_rate(ctx.head, ctx.line.rules, ctx.suffixes):
        return None
    prev = ctx.line.prev_metric
    sp = words.rate_split(prev, ctx.line.rules, ctx.suffixes)
    if sp and not ctx.head.startswith(sp[0]):
        return Choice(metrics=[sp[0] + ctx.head], why=[f"elliptic rate {ctx.head!r} takes subject {sp[0]!r} from {prev!r}"],
                      doubt=ELLIPTIC)
    subj = _subject_before_verb(prev, ctx.line.rules) if not sp and ctx.between.startswith("、") else ""
    if subj:  # 平台接入泊位4.2万个、覆盖率85%: the subject of a count before its verb
        return Choice(metrics=[subj + ctx.head], why=[f"elliptic rate {ctx.head!r} takes subject {subj!r} of {prev!r}"],
                      doubt=ELLIPTIC)
    return None


def _subject_before_verb(metric: str, rules: RuleSet) -> str:
    """智慧停车平台接入泊位 → 智慧停车平台: the words before the verb governing the metric's last
    noun, when a noun ends them (a verb inside a name, 停车平台, stays), else ``""``."""
    tags = tag(metric, rules)
    n = next((i for i in range(len(tags) - 1, 0, -1) if tags[i][1].startswith("v") and tags[i][1] != "vn"), 0)
    subj = "".join(w for w, _ in tags[:n])
    if n == 0 or len(subj) < 2 or not is_nominal(tags[n - 1][1]) or not is_nominal(tags[-1][1]) or is_place_name(subj, rules):
        return ""
    return subj


@strategy(reads="words")
def listed_rate_subject(ctx: MetricContext) -> Choice | None:
    """非机动车停放设置规范率100%、秩序良好率95%: a rate listed right after another (、) and as
    long as the rate words ending it takes the subject before those (非机动车停放秩序良好率); so does
    an item ending in the same word (每名队员在线培训56学时、脱产培训50学时 → 每名队员脱产培训), or
    one after an item whose subject is given per head (每名队员每年集中培训…、岗位练兵…)."""
    prev, head, rules = ctx.line.prev_metric, ctx.stripped or ctx.head, ctx.line.rules  # the item whole: 在岗培训
    if not prev or not head or head.startswith(prev) or not ctx.between.startswith("、") or not ctx.between[1:].startswith(head):
        return None
    last, n = tag(head, rules)[-1][0], len(head)
    subj = _subject_before(prev, head)
    ends = ([s for s in ctx.suffixes if head.endswith(s) and prev.endswith(s)] or (len(last) > 1 and prev.endswith(last))
            or _per_subject(subj, rules))
    if not ends or n > phrase_rules(rules).listed_rate_max_len or len(subj) < 2 or prev.endswith(head):
        return None
    if not _word_ends_at(prev, len(subj), rules) or all_verbs(subj, rules) or is_place_name(subj, rules):
        return None  # 生活垃圾回收利用率、无害化处理率: no subject as long as that (elliptic_rate)
    return Choice(metrics=[subj + head], why=[f"rate {head!r} listed after {prev!r}: its subject {subj!r}"],
                  doubt=ELLIPTIC)


@strategy(reads="words")
def attribute_of_previous(ctx: MetricContext) -> Choice | None:
    """资助幼儿807人次、金额40.35万元: an attribute word measures the metric before it."""
    if not _elliptic(ctx) or words.is_bare_rate(ctx.head, ctx.line.rules, ctx.suffixes):
        return None
    if ctx.head not in metric_words(ctx.line.rules).attributes:
        return None
    prev = ctx.line.prev_metric
    return Choice(metrics=[prev + ctx.head], why=[f"attribute {ctx.head!r} of the metric before, {prev!r}"], doubt=ELLIPTIC)


@strategy(reads="words")
def attribute_of_topic(ctx: MetricContext) -> Choice | None:
    """公共停车场7个，总泊位数1615个: a short attribute phrase written alone measures what the
    sentence's first figure is about (学前教育投入资金…,建设面积… → 学前教育建设面积)."""
    p, topic, head = phrase_rules(ctx.line.rules), ctx.line.topic, ctx.head
    if not topic or not _elliptic(ctx) or len(head) > p.attribute_max_len or not head.endswith(p.attribute_endings):
        return None
    if head.startswith(topic) or topic.endswith(head):
        return None
    last = tag(head, ctx.line.rules)[-1][0]
    if len(last) > 1 and last in topic:
        return None  # 总泊位数531.9万，配建泊位占97.5%: the topic's own thing, counted apart
    metric = join_topic(topic, head)
    return Choice(metrics=[metric], why=[f"attribute {head!r} of what the sentence is about, {topic!r}: {metric!r}"], doubt=ELLIPTIC)


@strategy(reads="words")
def money_of_previous(ctx: MetricContext) -> Choice | None:
    """资助家庭经济困难幼儿807人次,共计40.35万元: money after a count, with only a total word
    before it, is the money of what was counted (资助家庭经济困难幼儿金额)."""
    p, prev = phrase_rules(ctx.line.rules), ctx.line.prev_metric
    if ctx.head or not prev or not ctx.q.unit.endswith(p.money_units) or ctx.clause.strip(" ,，") not in p.total_words:
        return None
    metric = prev + p.money_attribute
    return Choice(metrics=[metric], why=[f"money totalled after a count of {prev!r}: {metric!r}"], doubt=ELLIPTIC)


@strategy(reads="words")
def object_of_previous(ctx: MetricContext) -> Choice | None:
    """每年筹集公租房300套，五年累计筹集1500套: a verb alone, repeating the verb of the metric
    before it, counts the same thing (筹集公租房)."""
    prev, head = ctx.line.prev_metric, ctx.head
    if not head or not prev or len(prev) <= len(head) or not prev.startswith(head) or not all_verbs(head, ctx.line.rules):
        return None
    return Choice(metrics=[prev], why=[f"verb {head!r} alone repeats the metric before, {prev!r}"], doubt=ELLIPTIC)


@strategy(reads="words")
def topic_alone(ctx: MetricContext) -> Choice | None:
    """地区生产总值年均增长7%左右，到2025年突破300亿元: a value whose clause says only when (or
    nothing) measures what the sentence is about."""
    line, topic = ctx.line, ctx.line.topic
    if ctx.head or ctx.stripped or not topic or not ctx.q.unit:
        return None
    if words.strip_words(line.clause_before(ctx.start, 0), line.rules):
        return None  # its clause had words, read as the thing counted before it: not a clause of its own
    return Choice(metrics=[topic], why=[f"a clause with no metric words: what the sentence is about, {topic!r}"],
                  doubt=ELLIPTIC)


@strategy(reads="words")
def share_without_subject(ctx: MetricContext) -> Choice | None:
    """…路段共7处，仅占总停车场数量的9.1%: a share written without its subject is a share of
    the thing counted before it; the whole it is a share of is kept as written (总数, 数量)."""
    prev, head = ctx.line.prev_metric, ctx.head
    verbs = phrase_rules(ctx.line.rules).share_verbs
    if not prev or not head.startswith(verbs) or head.startswith(prev):
        return None
    raw = ctx.clause.strip()
    share = raw[min(i for i in (raw.find(v) for v in verbs) if i >= 0):].rstrip("的")
    return Choice(metrics=[prev + share], why=[f"share {share!r} without a subject: of the metric before, {prev!r}"], doubt=ELLIPTIC)


@strategy(reads="words")
def elliptic_level(ctx: MetricContext) -> Choice | None:
    """小学750元、初中950元: a level alone takes the rest of the metric before it."""
    w = metric_words(ctx.line.rules)
    if not _elliptic(ctx) or words.is_bare_rate(ctx.head, ctx.line.rules, ctx.suffixes) or ctx.head in w.attributes:
        return None
    if ctx.head not in w.levels:
        return None
    rest = words.after_level(ctx.line.prev_metric, ctx.line.rules)
    if not rest:
        return None
    return Choice(metrics=[ctx.head + rest], why=[f"elliptic level {ctx.head!r} takes the rest of the metric before, {rest!r}"],
                  doubt=ELLIPTIC)


@strategy(reads="words")
def part_of_previous(ctx: MetricContext) -> Choice | None:
    """小学45所(其中民办12所), 新建学校9所,其中:凉州区4所: a qualifier (民办, 农村) or a place
    written alone counts a part of the thing counted before it (民办小学, 凉州区新建学校), or
    gives its value for a wider region (去化周期20个月(全市18个月) → 全市去化周期)."""
    line, rules = ctx.line, ctx.line.rules
    cand = ctx.head or ctx.stripped  # a place alone is no noun phrase: it stays in the stripped words
    if not cand:  # 去化周期约20个月(全市约为18个月): a region word alone, which stripping drops
        cand = ctx.clause.strip(" (（、，,")
        cand = cand if is_place_name(cand, rules) else ""
    part = cand if cand in phrase_rules(rules).part_qualifiers or is_place_name(cand, rules) else ""
    base = line.part_base or line.prev_metric
    if not part or not base or base.startswith(part):
        return None
    line.part_base = base
    verbs = leading_verbs(base, rules)
    if verbs and all_verbs(part, rules):  # 建设学校10所,其中新建5所、改扩建5所: the part's verb replaces the whole's
        return Choice(metrics=[part + base[len(verbs):]], why=[f"{part!r} alone counts a part of {base!r}"], doubt=ELLIPTIC)
    return Choice(metrics=[part + base], why=[f"{part!r} alone counts a part of what was counted before, {base!r}"],
                  doubt=ELLIPTIC)


def _subject_before(prev: str, head: str) -> str:
    """What of ``prev`` stands before the part ``head`` is parallel to: where the head's own words
    (before the ending they share) begin in it (建设县级名校长工作室、名师工作室 → 建设县级), else a part as
    long as the head (非机动车停放设置规范率、管理覆盖率 → 非机动车停放)."""
    c = 0
    while c < min(len(prev), len(head)) and prev[-1 - c] == head[-1 - c]:
        c += 1
    own, pre = head[:len(head) - c], prev[:len(prev) - c]
    i = pre.rfind(own[0]) if own else -1  # a parallel part about as long as the head's own words
    return prev[:i] if i >= 2 and len(pre) - i <= len(own) + 2 else prev[:-len(head)]


def _per_subject(subj: str, rules: RuleSet) -> bool:
    """每名队员每年(集中培训…、岗位练兵…), 每所学校配备: a subject given per head, closed by a word
    that names no thing (a time, a verb), so what is listed after it is a whole item, not the rest
    of a noun (每所学校配备心理|教师、校医 is no such cut)."""
    toks = tag(subj, rules)
    return subj.startswith(phrase_rules(rules).per_openers) and bool(toks) and not is_nominal(toks[-1][1])


def _word_ends_at(text: str, pos: int, rules: RuleSet) -> bool:
    """Whether ``pos`` cuts ``text`` between two words: a word of ``text`` ends there, or one side,
    tagged alone, ends or opens with a word of two characters or more (生活垃圾|回收利用率, not
    生活垃|圾回收利用率)."""
    end = 0
    for w, _ in tag(text, rules):
        end += len(w)
        if end >= pos:
            break
    if end == pos:
        return True
    left, right = tag(text[:pos], rules), tag(text[pos:], rules)
    return bool(left and right) and (len(left[-1][0]) > 1 or len(right[0][0]) > 1)


def _previous_clause(ctx: MetricContext) -> str:
    """The metric words of the clause before this number's clause when it is in the same sentence
    and holds no number of its own (完成教师全员培训，每五年不少于360学时 → 教师全员培训)."""
    line, cstart = ctx.line, ctx.clause_start
    if cstart <= line.prev_end or cstart < 2 or line.text[cstart - 1] not in "，,":
        return ""
    clause = words.strip_list_marker(line.clause_before(cstart - 1, line.prev_end), line.rules)
    if re.search(r"\d", clause):
        return ""
    return words.strip_words(clause, line.rules)


#: how far back in its paragraph (line) a short rate looks for its full name: a bounded window,
#: so the cost stays linear in the line's length
PARAGRAPH_WINDOW = 300
#: longest short form of a rate that may take a full name from earlier in its paragraph
SHORT_RATE_MAX = 6
_SEGMENT_END = re.compile(r"[，,。；;：:、！!？?和与及]")
#: an item number opening a phrase: (六), （三）, 3., 二、
_ITEM_NUMBER = re.compile(r"^[（(]?[一二三四五六七八九十〇零\d]{1,3}[）)．.、]")


@strategy(reads="words")
def paragraph_full_name(ctx: MetricContext) -> Choice | None:
    """提高老年人健康管理率，…，到2025年健康管理率达到75%: a short rate takes the full name its
    paragraph gave it earlier, when ONE longer earlier mention ends with it (城镇…比例和农村…比例:
    two subjects, the short form stays); else, when the rate opens with an action whose object it
    does not name and that action closes an earlier phrase
    (推进家庭医生签约服务… → 签约覆盖率; a run-in title 加强共享单车停放管理。 → 管理覆盖率), the
    words before that word, without its verbs, give the subject (家庭医生签约覆盖率)."""
    head, rules = ctx.head, ctx.line.rules
    if not head or len(head) > SHORT_RATE_MAX or not any(head.endswith(s) for s in ctx.suffixes):
        return None
    cs = ctx.line.clause_start(ctx.start, 0)
    before = ctx.line.text[max(0, cs - PARAGRAPH_WINDOW):cs]
    subjects = _subjects_before(before, head, rules)
    how = "ends with it"
    if not subjects:
        first, pos = tag(head, rules)[0]
        if len(first) < 2 or len(first) == len(head) or pos not in ("v", "vn"):
            return None  # 初中巩固率 names its own subject; only an action (签约, 管理) lacks its object
        subjects, how = _subjects_before(before, first, rules), f"closes with its first word {first!r}"
    if len(subjects) != 1:
        return None
    subj = subjects.pop()
    return Choice(metrics=[subj + head], why=[f"short rate {head!r}: its paragraph named it in full before ({subj!r} {how})"],
                  doubt=ELLIPTIC)


def _subjects_before(text: str, word: str, rules: RuleSet) -> set[str]:
    """The subjects written before each mention of ``word`` in ``text``: the words of its phrase
    before it, without a list marker or the one verb governing it (推进|家庭医生, but 急救呼叫 whole);
    only phrases that hold a noun, end in a content word and hold no figure."""
    out: set[str] = set()
    i = text.find(word)
    while i >= 0:
        seg = _SEGMENT_END.split(text[:i])[-1].strip()
        seg = _ITEM_NUMBER.sub("", words.strip_list_marker(seg, rules)).strip()
        toks = tag(seg, rules) if len(seg) >= 2 and not re.search(r"\d", seg) else []
        if toks and toks[0][1] == "v" and any(is_nominal(t) for _, t in toks[1:]):
            toks = toks[1:]
        subj = "".join(w for w, _ in toks)
        if (len(subj) >= 2 and (len(toks) > 1 or is_nominal(toks[0][1])) and toks[-1][1][0] in "nvmbjax"
                and not is_place_name(subj, rules)):
            out.add(subj)
        i = text.find(word, i + len(word))
    return out
