"""Assignments (督办事项) in a speech: which clause gives whom what work, by when, how often.

The text is cut into paragraphs, sentences (。！？), clauses (；) and comma chunks. Chunks are
grouped into candidate tasks: a new group starts where a new party takes the floor
("…，丁庄办事处抓紧完成…") or where a second time limit starts ("…7月中旬前进场施工，11月底初具规模").
Each candidate that carries a directive is run through the spaCy pipeline (``nlp.py``), which
finds its directive words, parties and times; the rules below then tell a trackable task (a
party with concrete work or a time limit) from a general exhortation (要加强学习).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from speechkit.document import Heading, Task
from speechkit.extract.deadlines import (
    cadence_limit,
    find_deadline,
    find_recurrence,
    has_fixed_day,
    may_hold_deadline,
    may_open_with_time,
)
from speechkit.extract.nlp import (
    PARTY_END,
    Token,
    directive_regions,
    directives_in,
    ends_a_word,
    leading_nominal,
    name_prefixes,
    opening_word,
    opens_as_a_clause,
    parse,
    person_name,
    subject_then_act,
    without_modal,
)
from speechkit.extract.tables import table_tasks
from speechkit.extract.words import (
    ACT_ADVERBS,
    ACTION_VERBS,
    ADDRESSEES,
    CARRIER_VERBS,
    CHAIN_DIRECTIVES,
    DEMONSTRATIVES,
    DIRECTIVE_WORDS,
    FUNCTION_UNITS,
    NOT_A_LABEL,
    NOT_UNITS,
    ONE_CHARACTER_UNITS,
    PARTNER_PREPOSITIONS,
    SCOPE_PREPOSITIONS,
    STRONG_DIRECTIVES,
    UNIT_SUFFIXES,
    alternation,
)
from speechkit.lang import ASKS, COMMON_SURNAMES, DAY_NOT_A_LIMIT, HELD, ROLE_TITLES, roles_pattern
from speechkit.lexicon import pos_cut

__all__ = [
    "Candidate",
    "fill_section_owners",
    "find_tasks",
    "given_at_the_end",
    "heading_path",
    "is_bare_time",
    "is_minutes",
    "opening_party",
    "whole_unit",
]

# How a party ends, as a regex: the first-character lookahead lets the engine pass over most places
# without trying each of the hundred endings (the same matches, 3× faster where it runs most; issue 18).
_PARTY_END_STARTS = re.escape("".join(sorted({s[0] for s in PARTY_END})))
_PARTY_END_RE = (
    rf"(?=[{_PARTY_END_STARTS}])"
    rf"(?:{alternation(PARTY_END)})"  # PARTY_END is longest first already: the same order
    r"(?!(?<=委)[派托])"  # "由公司委派": 委 there begins a verb
    r"(?!分(?:校|局|院|会|行|公司|中心|所|站|厂|社|队))"  # "各党校|分校", "市场监管局|分局": a branch goes on
)
# Behind a lookahead of the words' first characters: one test a place, not two dozen branches (issue 18).
_DIRECTIVE_RE = (
    r"(?=[都也还均一务必要须需应负牵将抓加尽立迅马着全])"
    r"(?:都|也|还|均|一定|务必|必须|要|须|需|应当?|负责|牵头|将|抓紧|加紧|加快|尽快|立即|迅速|马上|着手|全力)"
)
# "入园企业要…", "各镇(办)抓紧…", "园区办、国土、交通等部门要…": a party opening the chunk, then a directive.
_PARTY_OPENS = re.compile(rf"^(?P<party>[^,，:：;；]{{1,30}}?(?:{_PARTY_END_RE}))(?:[)）])?\s*{_DIRECTIVE_RE}")
_LEADING_PARTY = rf"^(?:请)?(?P<party>[^,，:：;；的]{{1,20}}?(?:{_PARTY_END_RE}))(?:[)）])?"  # "县住建局", "请各镇(办)"
_PARTY_LEAD = re.compile(_LEADING_PARTY)
_PARTY_END_AT = re.compile(_PARTY_END_RE)  # a party's last word, where a match ends: it may go on with another
_PARTY_DE_OPENS = re.compile(
    rf"^(?:特别是|尤其是)?(?P<party>[^,，:：;；的]{{2,20}}?(?:{_PARTY_END_RE}))(?:承担|负责|牵头|分管)?的"
)

# An inline item marker: 一是, 二要, 第三, 一 (read aloud, then a pause) — never the numeral of a name
# ("十九中学", "二次装修", "第一中学", "五保户", "三要素": issue 12).
_NUMERAL_ITEM = (
    r"[一二三四五六七八九十]{1,3}(?:是|要(?!素|件|求|点|害|闻))|[一二三四五六七八九十]{1,3}(?=[\s,，:：])"
    r"|第[一二三四五六七八九十]{1,3}(?=[\s,，、:：是要])"
)
LEAD_IN = re.compile(
    r"^(?:"
    r"会议(?:议定|决定|明确|要求|强调|指出|认为|提出|研究|确定)(?:了)?"
    r"|(?:[\u4e00-\u9fff]{2,4})?(?:强调|要求|指出)(?=[,，:：])"  # 张阳强调: / 郑建军要求,
    r"|[他她](?:还|又|同时|进一步|再次|最后)?(?:强调|要求|指出)"  # "他强调各主管院领导要…": the report's speaker
    r"|其中|同时|另外|此外|特别是|尤其是|目前|当前|下一步|今后|最后|首先|其次|再次|并且|并|而且"
    rf"|{_NUMERAL_ITEM}"
    r"|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d)|[一二三四五六七八九十]{1,3}、"
    r")\s*[,，:：]?\s*"
)
_APPROVES = r"(?:会议)?(?:原则)?同意"  # how minutes open an approval
# 会议原则同意县财政局关于…的意见 / 拟草的《…》: the unit whose proposal was approved owns the follow-up.
APPROVED = re.compile(
    _APPROVES + r"(?P<party>[^,，;；。《》的]{2,30}?)(?:对[^,，;；。《》]{2,60}?后)?"
    r"(?:关于|提交|报送|提出|报来|上报|拟草|拟定|拟订|起草|制定|编制|修订)"
    r"[^。;；]*?(?:意见|建议|方案|请示|报告|办法|》)"
)
APPROVED_THIS = re.compile(_APPROVES + r"(?:该|此|上述|这一?)(?:意见|建议|方案|汇报)")
# 由市旅游集团负责…, 交由县法制办审查, 由村集体统一托管经营 (but not "由县民政局负责的第1件")
BY_PARTY = re.compile(
    # 资金由县财政局从…中统筹解决: a unit, then where or how it acts
    # (not over its 负责: "由机电队负责安排风井值班人员对…" is 机电队's work)
    rf"(?<!都|均|全|也)(?:交)?由(?P<unit>(?:(?!负责|牵头)[^,，;；。由的从在按向]){{2,20}}?(?:{_PARTY_END_RE}))(?=(?:依法|依规|按程序|按规定|共同|统一)?(?:从|在|按|向|会同|根据|派|安排|指导|督导|督促|对|制定|起草|拟定|修改|完善|汇总|整理|拍摄|制作|提出具体|跟进|跟踪|"
    + alternation(ACTION_VERBS + CARRIER_VERBS)  # 由综管办汇报…, 由X依法办理…
    + r"))"
    r"|(?<!都|均|全|也)(?:交)?由(?P<party>[^,，;；。由的]{2,30}?)"
    r"(?:负责|牵头|组织|办理|落实|承担|统一|具体|实施|审查|配合|统筹|协调)(?!的)"
)
LEAD_PARTY = re.compile(
    rf"(?P<party>[^,，;；。的要]{{2,30}}?(?:{_PARTY_END_RE})|(?<=由)[\u4e00-\u9fff]{{2,3}})牵头(?!作用|性|的)"
)
COOPERATING = re.compile(
    rf"(?P<party>[^,，;；。牵头]{{2,40}}?(?:{_PARTY_END_RE}))(?:等单位|等部门)?(?:(?:要|将|应|须)[^,，;；。]{{0,10}}?)?"
    r"(?:协助|配合)"
)
JOINTLY = re.compile(rf"(?:会同|联合|协同)(?P<party>[^,，;；。]{{1,30}}?(?:{_PARTY_END_RE}))")
_ASKED_WITHOUT_PARTY = re.compile(r"(?:^|[,，])请(?:加速|尽速|尽快|抓紧|及时|立即|研议|依)")
# The further parties of a list: "请教务处、研究生院、各学院…", "要求各乡镇和重要防指成员单位…".
_LIST_JOINS = ("、", "和", "及", "与")
# "、县住建局" of a list; "、企业", an ending of two characters or more alone (not "、县" of "、县住建局")
_WHOLE_ENDINGS = alternation(tuple(end for end in PARTY_END if len(end) >= 2))
_NEXT_PARTY = (
    rf"[{''.join(_LIST_JOINS)}](?:[^,，;；。:：、的]{{1,15}}?(?:{_PARTY_END_RE})"
    rf"|(?:{_WHOLE_ENDINGS})(?![\u4e00-\u9fff]{{0,3}}(?:{_PARTY_END_RE})))"
)
_MORE_PARTIES = rf"(?:{_NEXT_PARTY})*"
# not 请假：…, 请教 (but 请教务处…); not 请加速办理, 请尽速汇整, 请邀…参加 (an adverb or a verb where the
# party would stand)
PLEASE = re.compile(
    rf"^(?:现|特|敬|[^,，。请]{{2,16}}?(?:期间|之前|以前|前|后|[日号])\s*[,，]?\s*)?请(?!假|示|求|教(?![务育研学委])|柬|销假|加速|尽速|尽快|抓紧|及时|立即|迅速|马上|研议|研究|安排|依|按|邀|先|再|于|在|将|把|对|注明|勿|点击|登录|关注)"
    rf"(?P<party>[^,，;；。:：]{{1,30}}?(?:{_PARTY_END_RE}){_MORE_PARTIES})"
)
# Parties named by kind, not by name ("各地", "办公室", "各级办公室", "办公室同志"): in a speech they
# are mostly exhorted, so they need concrete work or a time limit to make a task.
# The audience by kind ("办公室", "办公室同志", "各级领导"): in a speech the room is exhorted.
_AUDIENCE = r"^(?:办公室|单位|部门|政府|机关|领导|同志|干部)$|(?:同志|人员|干部|主任|领导|负责人)$"
AUDIENCE = re.compile(_AUDIENCE)
BROAD_PARTY = re.compile(r"各|每个|所有|^(?:全体|相关|有关|我|本|该|这|全)|" + _AUDIENCE)
# Words that make a would-be subject a clause instead: "这就要求办公室", "作为教委办公室", "参加上级举办".
_NOT_A_SUBJECT = re.compile(
    r"要求|决定|作为|感受|参加|举办|按照|严格|认真|是|把|向|了|将|就|我特意|希望|力争|提出|深切|之|没有|满足|专家|来|给|(?<!重)要|发挥|充分"
    r"|大家|跟"
    r"|(?<![职功智效技体])能(?!源)|不(?!动产)"  # a modal, not the 能 of 各职能部门 or the 不 of 不动产登记中心
    r"|^并"  # "…要亲自抓…,并指导当地公司做好…": 并 joins another act of the same party
)
ENUMERATION = re.compile(
    rf"^(?:{_NUMERAL_ITEM}"
    r"|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d)|[一二三四五六七八九十]{1,3}、|首先|其次|最后)"
)
# The speaker's own organisation promising concrete work: "(下一步,)我们将…".
COMMITMENT = re.compile(r"^(?P<party>我们|我局|我委|我办|我厅|我部|我市|我县|我区)(?:还|也)?(?:将|正在)")
# Who asks, in a report: "该县要求各乡镇…", "县政府要求…", "学校要求…".
_REPORTED_SUBJECT = rf"(?:该|本|我)[县市区乡镇局院校厂]|[\u4e00-\u9fff]{{1,10}}?(?:{_PARTY_END_RE})"
# 要求/责令X… opening the clause; 责成/安排X… (the 纪要's words for handing work over) also after a
# scene-setting chunk: "会议责成县交通局…", "9月7日第一个工作日，安排工程部人员设立临时报修点".
REQUIRE_PARTY = re.compile(
    rf"(?:^(?:{_REPORTED_SUBJECT})?(?:现|特|并|同时|还)?(?:要求|责令)|(?:^|(?<=[,，]))(?:会议)?(?:责成|安排(?!部署)))"
    rf"(?P<party>[^,，;；。的]{{1,20}}?(?:{_PARTY_END_RE}){_MORE_PARTIES})(?=[\u4e00-\u9fff])"
)
_REQUIRE_VERB = re.compile(r"要求|责令|责成|安排")  # one of them is in every match of REQUIRE_PARTY


# The party asked before the series of its work, or before the colon the series follows: "要求相关部门,一要…"
_ADDRESSED = re.compile(
    rf"(?:^[^,，;；。:：]{{0,20}}?|(?<=[,，]))(?:要求|责成)(?P<party>[^,，;；。的:：]{{1,20}}?(?:{_PARTY_END_RE}){_MORE_PARTIES})"
    r"(?:$|[,，:：]\s*(?=一[是要]|第一|首先))"
)


def _addressee(text: str) -> str | None:
    """The party a clause asks to do the work a series after it lists ("…作了强调,要求相关部门,一要…")."""
    if "要求" not in text and "责成" not in text:
        return None
    m = _ADDRESSED.search(text)
    return m.group("party") if m is not None and _is_party(m.group("party")) else None


def _required_party(text: str) -> re.Match[str] | None:
    """REQUIRE_PARTY's match, searched for only in a text that holds one of its verbs: most hold none, and
    the pattern, which may match after any comma, is tried at every character (issue 18)."""
    return REQUIRE_PARTY.search(text) if _REQUIRE_VERB.search(text) else None


DECIDED = re.compile(r"^会议(?:议定|决定|确定|商定)")
ABOVE_UNITS = re.compile(r"以上(?:责任)?(?:单位|部门)")
RESPONSIBLE_FOR = re.compile(rf"(?P<party>[\u4e00-\u9fff]{{2,12}}?(?:{_PARTY_END_RE}))负责的")
HEARD_FROM = re.compile(rf"听取了?(?P<party>[\u4e00-\u9fff]{{1,10}}?(?:{_PARTY_END_RE}))")

# Parties too general to own a tracked task on their own ("我们要加强学习", "各级各部门要高度重视").
GENERIC_PARTY = re.compile(
    r"^(?:我们|大家|同志们|全体|政府|党委|全市|全县|全区|全省|全镇|全乡|各级各部门|各级各类|各级|各部门各单位|各相关部门|各有关部门|各级领导干部|广大[\u4e00-\u9fff]+|"
    r"[\u4e00-\u9fff]{0,4}工作人员|[\u4e00-\u9fff]{0,4}干部|领导干部|办公室工作)$"
)
# A predicate that asks for an attitude, not a deliverable: 加强学习, 高度重视, 增强意识, 各司其职.
ABSTRACT_PREDICATE = re.compile(
    r"^(?:进一步|切实|不断|始终|更加|认真|充分|积极|主动|自觉|努力|继续|全面|大力|要|把|一如既往地?)*"
    r"(?:加强|提高|增强|强化|重视|高度重视|树立|坚持|发挥|深化|转变|统一|端正|牢记|认清|把握|关心|关注|注重|注意|"
    r"严格|提升|改进|保持|完善|健全|规范|弘扬|发扬|克服|防止|杜绝|避免|克服|做到|当好|成为|争做|学习|领会|理解|认识|明确|"
    r"各司其职|各负其责|履行|尽到|予以|以身作则|带头|服从|服务|围绕|紧扣|着眼|立足|善于|勇于|敢于|甘于|"
    r"心中有数|同心协力|齐心协力|守住|筑牢|树牢|练就|锤炼|磨练|养成|解放思想|更新观念|创新|开拓|拓展|夯实|"
    r"推动|推进|促进|把好|搞好|抓好|做好|确保|落实|贯彻)"
)
QUANTITY = re.compile(
    r"(?<![第\d.])\d+(?:\.\d+)?\s*(?:个|万|亩|吨|名|批次|家|项|件|台|套|人|次|条|处|公里|千米|米|元|户|所|座|部|辆|场|期|班)"
)  # digits only: "三件实事", "四个转变" are names of campaigns, not amounts


def _has_quantity(text: str) -> bool:
    """Whether ``QUANTITY`` finds an amount: only in a text with a digit, which every match opens with (the
    pattern opens with a lookbehind, which the engine tries at every character; issue 18)."""
    return _DIGIT.search(text) is not None and QUANTITY.search(text) is not None


# Setting up a *named* rule: "建立重大事件报告制度" (not "建立一套好制度", "建立科学规范的工作制度").
INSTITUTE = re.compile(
    r"(?:建立|制定|出台|印发)(?:一套|一个|一批)?(?![^,，;；。]{0,6}?(?:好|科学|完善|健全|规范|有效|长效))"
    r"[^,，;；。的]{2,16}?(?:制度|机制|台账|方案|办法|预案|清单)"
)
# "…,成立迎复审工作领导小组": a body to set up is work in any chunk of the demand.
SET_UP_BODY = re.compile(r"(?:成立|组建)[^,，;；。]{0,20}?(?:领导小组|工作小组|工作组|专班|指挥部|班子|委员会)")
# Attitudes, not work: a clause asking only for these is an exhortation (要求), not a task.
ATTITUDE = re.compile(
    r"高度重视|思想认识|提高认识|统一思想|各司其职|各负其责|心中有数|责任感|使命感|紧迫感|荣誉感|"
    r"(?:增强|强化|提高|树立|牢固树立)[\u4e00-\u9fff]{0,6}(?:意识|观念|理念)|加强学习|不断学习|以身作则|"
    r"发挥[\u4e00-\u9fff]{0,8}作用|尽到责任|履行[\u4e00-\u9fff]{0,4}职责|严肃[\u4e00-\u9fff]{0,2}纪律|同心协力|齐心协力|习惯|素质|能力|水平|作风"
)
# A report of results: "目前已完成", "同比增长11.2%", "柳溪村被评为…".
REPORTED = re.compile(
    r"已(?:经)?(?:完成|实现|建成|开工|达到|签约|落地|投产)|(?:完成|实现|新增|建成|引进)了|同比(?:增长|下降|提高)|被评为|累计(?:完成|实现)"
)
# Concrete deliverables and acts a tracker can tick off.
CONCRETE = re.compile(
    r"方案|制度|台账|清单|报告|计划|预案|办法|文件|资料|简报|通报|名单|手续|协议|规划|标准|细则|调研报告|"
    r"报送|上报|报请|报批|提交|印发|下发|出台|建立|召开|组织召开|验收|清运|清理|拆除|开工|竣工|进场|施工|"
    r"签约|签订|征地|征迁|招投标|发放|装订|办结|销号|改版|审批|汇总|统计|建成|新建|改建|配备|"
    r"派出|值守|抽调|组成|复核|组卷|托管|追溯|检测|申报"
)

# A comma chunk whose head is an act: "继续依法关闭…小煤矿", "对所有煤矿逐个进行审核", "严格做好体温检测、…工作".
_ACT_ADVERB = rf"(?:{alternation(ACT_ADVERBS)})*"
_ACT = rf"(?:{alternation(ACTION_VERBS)})"
_CARRIED_ACT = rf"(?:{alternation(CARRIER_VERBS)})[^,，;；。]{{0,20}}?{_ACT}"
_OBJECT_FIRST = r"(?:对|向|给|为|把|将|在)(?:(?!作为|成为|当作|当成|看作|视为)[^,，;；。]){1,30}?"
ACT_HEAD = re.compile(
    rf"^{_ACT_ADVERB}(?:{_OBJECT_FIRST}{_ACT_ADVERB}(?:{_ACT}|{_CARRIED_ACT})"
    # heading a chunk, an act followed by 期限/情况/结果 is a noun: "办理期限：", "考核结果与…挂钩"
    rf"|{_ACT}(?!期限|时限|时间|情况|结果|[:：])|{_CARRIED_ACT})"
)


def has_act(predicate: str) -> bool:
    """Whether one comma chunk of ``predicate`` is headed by an act (see ``ACT_HEAD``). Every match of it
    holds an action verb: a predicate with none (nine in ten on the samples) is not cut into chunks (issue 18)."""
    if _ANY_ACT.search(predicate) is None:
        return False
    predicate = _EXAMPLES.split(predicate, maxsplit=1)[0]
    heads = (ACT_HEAD.match(chunk.strip()) for chunk in _CLAUSE_CHUNKS.split(predicate))
    return any(m and not _NEGATED.search(m.group(0)) for m in heads)


_CLAUSE_CHUNKS = re.compile(r"[,，;；]")
_NEGATED = re.compile(r"不|没|勿|禁止|严禁")  # "…不能光登记": what not to do is no act to track


# "…工作质量,如不断提高…,及时维修…": what follows 如 illustrates the demand, it assigns nothing more.
_EXAMPLES = re.compile(r"[,，:：]\s*(?:如|比如|例如|譬如|诸如)")


@dataclass(slots=True)
class Candidate:
    """A group of comma chunks that may be one task, with its place in ``Speech.text``."""

    text: str
    start: int
    end: int
    sentence_start: int
    paragraph_start: int
    owner: str | None = None
    owner_explicit: bool = False
    lead: str | None = None
    cooperating: tuple[str, ...] = ()
    deadline: str | None = None
    recurrence: str | None = None
    is_task: bool = False
    is_requirement: bool = False
    person: str | None = None
    sentence: str = ""
    extra: dict[str, str] = field(default_factory=dict)


# --- cutting the text ---------------------------------------------------------------------------

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")
_CLAUSE = re.compile(r"[^;；]+[;；]?")
# A transcript has pauses (spaces) where writing has commas: between two Han characters they cut too.
_CHUNK = re.compile(r"(?:[^,，:：\s]+|\s(?![\u4e00-\u9fff])|(?<![\u4e00-\u9fff])\s)+(?:[,，:：]|\s+)?")
# The same where a clause holds a clock, whose colon ends no chunk: "5月3日21:00前，请班主任…"
_CHUNK_OVER_CLOCKS = re.compile(
    r"(?:[^,，:：\s]+|\s(?![\u4e00-\u9fff])|(?<![\u4e00-\u9fff])\s|(?<=\d)[:：](?=\d))+(?:[,，:：]|\s+)?"
)
_CLOCK = re.compile(r"\d[:：]\d")
_CHUNK_BREAK = re.compile(r"[,，:：\s]")  # without one, a clause is one chunk


def _spans(pattern: re.Pattern[str], text: str, offset: int) -> Iterator[tuple[str, int]]:
    for m in pattern.finditer(text):
        if m.group(0).strip():
            yield m.group(0), offset + m.start()


def strip_lead_in(text: str) -> tuple[str, int]:
    """Drop lead-ins (会议要求, 一是, 其中, (三)…) and return the rest with how much was cut."""
    cut = 0
    while True:
        m = LEAD_IN.match(text[cut:])
        if not m or not m.group(0):
            break
        cut += m.end()
    while cut < len(text) and text[cut] in " \t\u3000":
        cut += 1
    return text[cut:], cut


# What a chunk that opens with a party holds: a directive, 请/由/同意, a time; as words and digits apart, so
# that each pattern is skipped along (a digit class among the words made the engine try every branch at
# every character; issue 18).
_MAY_OPEN = re.compile(
    r"要|必须|务必|负责|牵头|将|须|需|应|抓紧|加紧|加快|尽快|立即|迅速|马上|着手|全力|请|由|同意|每|月|年|周|季度|前|内|底|责成|安排"
)
_DIGIT = re.compile(r"\d")


_COMMA_OR_COLON = re.compile(r"[,，:：]")
_ANY_PARTY_THEN_DIRECTIVE = re.compile(rf"^(?P<party>[^,，:：;；]{{2,30}}?)\s*{_DIRECTIVE_RE}")


def _names_its_party(text: str) -> bool:
    """ "梁华要…", "内控BC负责…": a party the suffix test misses (a name, an acronym) opens the text."""
    for chunk in _COMMA_OR_COLON.split(text):  # "对于…的流程,相关流程Owner应…": after a scene-setting chunk too
        m = _ANY_PARTY_THEN_DIRECTIVE.match(chunk)
        if m is not None and _is_party(m.group("party")):
            return True
    return False


_MODAL_OPENING = re.compile(r"务必|必须|一定要|应当|要(?!求|素|点|件|害|闻)|切实")


def _opens_with_party(chunk: str) -> bool:
    if not (_MAY_OPEN.search(chunk) or _DIGIT.search(chunk)):  # most chunks: no directive, no time, no test
        return False
    body, _ = strip_lead_in(chunk)
    if _MODAL_OPENING.match(body):  # "请…的单位,务必于12月17日前将…上报": the chunk names no party of its own
        return False
    if _urges_a_party(body):  # "…完成专项检查,督促机构将预收费…": the same party's work goes on
        return False
    # PLEASE, APPROVED and BY_PARTY only where their 请, 同意, 由 are: each tried several openings first
    if (
        _PARTY_OPENS.match(body)
        or ("请" in body and PLEASE.match(body))
        or ("同意" in body and APPROVED.match(body))
        or _required_party(body)
    ):
        return True
    if "由" in body and BY_PARTY.match(body):
        return True
    if _party_then_time(body):  # "县住建局每季度向县政府报告一次", "县发改局下周五前报送…"
        return True
    # "各指挥部、各大垸要…", "特别是机械抢险队伍的车、船储备一定要到位"
    m = _ANY_PARTY_THEN_DIRECTIVE.match(body)
    if not m:
        return False
    party = m.group("party")
    de = _PARTY_DE_OPENS.match(party)
    return _is_party(party) or (de is not None and len(party) - de.end() <= 8)


# Verbs that take a party as their object: "督促机构将…", "指导和督促各县市区…", "联系各村做好…" is work the
# clause's own party does to another (not 组织/协调/监督: 组织人事部, 协调办, 监督科 are units).
_URGES = re.compile(r"(?:督促|指导|帮助|推动|引导|动员|鼓励|支持|带领|联系)(?:和|并)?")


def _urged(text: str) -> str | None:
    """What follows a verb whose object is a party ("督促机构…" → 机构…), None where ``text`` opens with
    no such verb or is a unit named after one ("指导组": less than two characters follow)."""
    m = _URGES.match(text)
    return text[m.end() :] if m is not None and len(text) - m.end() >= 2 else None


def _urges_a_party(text: str) -> bool:
    """Whether ``text`` opens with a verb whose object is a party given work ("督促机构将…")."""
    return (urged := _urged(text)) is not None and bool(_ANY_PARTY_THEN_DIRECTIVE.match(urged))


# A chunk that only sets the scene ("对条件已基本成熟的,", "对连续两年未耕种地块,") waits for its verb.
# Cheap test before segmenting: could any party here be given work? (a suffix, then a directive)
# Behind a lookahead of every branch's first character: one test a place instead of ten branches.
_MAY_HAVE_SUBJECT = re.compile(
    rf"(?=[{_PARTY_END_STARTS}各每所请由重\d])(?:"
    rf"(?:{_PARTY_END_RE})[)）]?[^,，;；。]{{0,4}}?(?:要|必须|务必|负责|牵头|将|须|需|应|抓紧|加紧|组织|完成|做好|抓好|正在)"
    rf"|(?:{_PARTY_END_RE})的[^,，;；。]{{0,8}}?要|(?:{_PARTY_END_RE})[)）]?[,，]要|^各|每个|所有|\d|请|由|^重点)"
)
# The same places, with a party's ending tried once a place for its three continuations, not once each (a
# third faster). Which match a place gives depends on the order of the tries, so the match found is then
# _MAY_HAVE_SUBJECT's own at that place (``_subject_hint``; issue 18).
_MAY_HAVE_SUBJECT_AT = re.compile(
    rf"(?=[{_PARTY_END_STARTS}各每所请由重\d])(?:(?:{_PARTY_END_RE})"
    r"(?:[)）]?[^,，;；。]{0,4}?(?:要|必须|务必|负责|牵头|将|须|需|应|抓紧|加紧|组织|完成|做好|抓好|正在)"
    r"|的[^,，;；。]{0,8}?要|[)）]?[,，]要)"
    r"|^各|每个|所有|\d|请|由|^重点)"
)


def _subject_hint(text: str) -> re.Match[str] | None:
    """``_MAY_HAVE_SUBJECT.search(text)``: its first match, where ``_MAY_HAVE_SUBJECT_AT`` finds one."""
    at = _MAY_HAVE_SUBJECT_AT.search(text)
    return _MAY_HAVE_SUBJECT.match(text, at.start()) if at else None


_STRONG_DIRECTIVE = alternation(STRONG_DIRECTIVES)
_STRONG_DIRECTIVE_RE = re.compile(_STRONG_DIRECTIVE)
_DANGLING = re.compile(r"^(?:对于?|针对|凡|关于|在|为了?|根据|按照|随着)[^,，]*[,，]?$")


# Said between the party and the limit: "张科长你那边 三天之内 把…", "各大队 下个月十号之前…"
_SPOKEN_FILLER = re.compile(
    r"^(?:[\s,，]*(?:(?:你们?|咱们?)?(?:那边|这边|那里|这块|这一块)|你们?|咱们?|那个|这个|嗯|啊|呃))*[\s,，]*"
)


# The party grown up to where a time starts: "经营管理部李建华同志|每季度…", "各乡镇、各部门|每季度…"
_PARTY_BEFORE_TIME = re.compile(
    _LEADING_PARTY
    + r"(?=\s*(?:于|在)?\s*(?:\d|[一二三四五六七八九十两]|本|下个?|这|今|明|每|全年|上半年|下半年|年|月"
    + r"|春节|元旦|国庆))"
)


# "各单位联系电话于4月15日前报送…": a party named by kind, what of theirs is due, then when.
_PARTY_THING_BEFORE_TIME = re.compile(
    rf"^(?P<party>(?:各|每个|所有)[\u4e00-\u9fff]{{0,6}}(?:{_PARTY_END_RE}))[^要须应将必负\W]{{2,8}}?(?=(?:于|在))"
)


def _party_then_time(body: str) -> str | None:
    """The party opening ``body`` when a time limit or cadence follows it directly."""
    # A limit needs what may_hold_deadline looks for, a cadence 每, 定期 or 一…(周|月|季|年)一… (which that
    # finds too): a body with none, most of them, has no party to look for (issue 18).
    if not (may_hold_deadline(body) or "每" in body or "定期" in body):
        return None
    lead = _PARTY_LEAD.match(body)
    if lead and (party := _time_follows(body, lead)):
        return party
    # _PARTY_BEFORE_TIME is _PARTY_LEAD's pattern with a time after it: no match of the one, none of the
    # other (most bodies open with no party: one match tried, not two)
    if lead and (m := _PARTY_BEFORE_TIME.match(body)) and (party := _time_follows(body, m)):
        return party
    m = _PARTY_THING_BEFORE_TIME.match(body) if body.startswith(_GROUP_OPENERS) else None  # 各, 每个, 所有
    return (_time_follows(body, m) or None) if m else None


_PARTNER = re.compile(r"(?:会同|联合|协同|配合|协助|和|与|同|及)")


def _time_follows(body: str, m: re.Match[str]) -> str | None:
    if _PARTNER.match(m.group("party")):
        return None  # "…牵头，会同销售部于下周三前…": a partner, not a new party
    rest = body[m.end() :]
    # the filler's one match is at the start (^, so not at a pos given to match): cut off, not tried at every
    # character as sub does; it may be empty
    filler = _SPOKEN_FILLER.match(rest)
    rest = rest[filler.end() if filler else 0 :].lstrip("于在")
    if not may_open_with_time(rest):
        return None
    deadline, cadence = find_deadline(rest), find_recurrence(rest)
    if deadline and deadline.start == 0:
        return _clean_party(m.group("party"))
    # "县住建局每季度向县政府报告一次" sets work; "督查室一月一调度," only names a cadence
    if cadence and rest.startswith(cadence) and re.match(r"[^,，;；。]{2,}", rest[len(cadence) :]):
        return _clean_party(m.group("party"))
    return None


def _opens_with_deadline(chunk: str) -> bool:
    if not may_hold_deadline(chunk):  # most chunks (what follows the lead-in is part of the chunk)
        return False
    body, _ = strip_lead_in(chunk)
    found = find_deadline(body)
    return found is not None and found.start == 0


def group_chunks(clause: str, start: int) -> Iterator[tuple[str, int]]:
    """Comma chunks of a clause grouped into candidate tasks (see the module docstring).

    A scene-setting chunk ("对连续两年未耕种地块,") goes with the party that follows it.
    """
    if not _CHUNK_BREAK.search(clause):  # one chunk, the whole clause: nothing to group
        yield clause, start
        return
    chunks: list[tuple[str, int]] = []  # the current group
    for m in (_CHUNK_OVER_CLOCKS if _CLOCK.search(clause) else _CHUNK).finditer(clause):
        chunk = m.group(0)
        if not chunk.strip():
            continue
        chunk_start = start + m.start()
        # Only a chunk after the first can start a group (most clauses are one group: issue 18).
        if chunks:
            # "…召开办公例会,院领导主持,各科室负责人参加,汇报…": who attends belongs to the meeting set
            opens = (
                _opens_with_party(chunk) or _after_a_topic(chunks[-1][0], chunk) or _another_assignment(chunk, chunks)
            )
            new_party = opens and not _ATTENDANCE.match(chunk)
            # "筹备工作由区人大常委会牵头，区委组织部…要全力配合": the partners join the lead's task
            partner = new_party and _COOPERATES.search(chunk) is not None and any("牵头" in c for c, _ in chunks)
            if (new_party and not partner) or _second_limit(chunk, chunks):
                # "对…的," and "主汛期到来之前," go with the party that follows them; so does an approval
                leads_in = _is_dangling(chunks[-1][0]) or (
                    new_party and (is_bare_time(chunks[-1][0]) or _is_approval(chunks[-1][0]))
                )
                keep = chunks[:-1] if leads_in else chunks
                if keep:
                    yield "".join(c for c, _ in keep), keep[0][1]
                chunks = chunks[len(keep) :]
        chunks.append((chunk, chunk_start))
    if chunks:
        yield "".join(c for c, _ in chunks), chunks[0][1]


def _after_a_topic(previous: str, chunk: str) -> bool:
    """ "先进通联人员评选:各县(市、区)协会按照标准…报市协会": a party after a topic's colon starts the work."""
    return previous.rstrip().endswith((":", "：")) and opening_party(chunk) is not None


def _another_assignment(chunk: str, group: list[tuple[str, int]]) -> bool:
    """ "两场建设由辛泽涛牵头,住建局落实,香花、九重污水处理厂由住建局派驻专人…": after a group that gave its work
    by 由, a chunk that gives another piece of work by 由 starts a task of its own; who pays for the work
    ("所有试卷由…统一印制,费用由各系承担") is part of it."""
    return (
        "由" in chunk
        and not _COST.match(chunk)
        and BY_PARTY.search(chunk) is not None
        and any("由" in c and BY_PARTY.search(c) is not None for c, _ in group)
    )


_COST = re.compile(r"(?:所需|相关|有关)?(?:费用|经费|资金|开支|支出)")
_COOPERATES = re.compile(r"配合|协助|协同")
_ATTENDANCE = re.compile(r"[^,，:：;；。要须应将请派]{2,40}?(?:参加|出席|列席|参会)(?:会议)?[,，;；。]?$")


def _second_limit(chunk: str, group: list[tuple[str, int]]) -> bool:
    """ "…每月组织一次对接活动，年底前新增授信…": a chunk opening with a limit after a group with a limit or
    a cadence starts a new task. The group's times are looked for only then, not in every chunk as it
    comes (few chunks open with a limit; issue 18)."""
    ensures = chunk.startswith("确保") and _COMPLETES.match(chunk) is not None and find_deadline(chunk) is not None
    if not (_opens_with_deadline(chunk) or ensures):
        return False
    return any(find_deadline(c) is not None or find_recurrence(c) is not None for c, _ in group)


_COMPLETES = re.compile(r"确保[^,，;；]{0,20}?(?:于|在)")  # "…前完成衔接工作，确保电线杆迁移问题于7月底完成"


def is_bare_time(chunk: str) -> bool:
    """A chunk that is only a time limit or cadence: "主汛期到来之前,", "每天早上八点前,", "从六月一号起,"."""
    body = strip_lead_in(chunk)[0].strip(" ,，:：").removeprefix("从").removesuffix("起").removesuffix("开始")
    body = _FROM_NOW_ON.sub("", body)
    if body in ("今年", "明年"):  # "今年,…要建成…3个": the year of the target that follows
        return True
    found = find_deadline(body)
    if found is None and _DAY_AT_HALF_DAY.fullmatch(body):
        return True  # "29日上午,": alone, a date; before a party that acts, when it acts (real3 r04)
    return (found is not None and found.text == body.lstrip("在于")) or find_recurrence(body) == body


_DAY = r"(?:\d{1,2}月)?\d{1,2}[日号]"
_HALF_DAY_RE = "(?:上午|下午|晚上|早上)"
_DAY_AT_HALF_DAY = re.compile(rf"{_DAY}{_HALF_DAY_RE}")
_FROM_NOW_ON = re.compile(r"^(?:会后|此后|今后|即日起)")


# "会议原则同意X编制的《…》,由Y牵头…修改完善": the approval goes with the party it hands the work to.
_APPROVAL = re.compile(_APPROVES)


def _is_approval(chunk: str) -> bool:
    return bool(_APPROVAL.match(strip_lead_in(chunk)[0]))


def _is_dangling(chunk: str) -> bool:
    return bool(_DANGLING.match(strip_lead_in(chunk)[0])) and not _STRONG_DIRECTIVE_RE.search(chunk)


def candidates(text: str, breaks: Sequence[int] = ()) -> Iterator[Candidate]:
    """Every candidate group of the text, in order, with sentence and paragraph offsets; a sentence ends
    at each offset of ``breaks`` too (where a heading starts on a page that lost its line breaks)."""
    sentences = _broken_at(_sentences(text), breaks) if breaks else _sentences(text)
    for sentence, s_start, p_start in sentences:
        if not _WORTH_PARSING.search(sentence):  # nothing in it could direct anyone: no need to cut it up
            yield Candidate(sentence, s_start, s_start + len(sentence), s_start, p_start, sentence=sentence)
            continue
        for clause, c_start in _clauses(sentence, s_start):
            for group, g_start in group_chunks(clause, c_start):
                yield Candidate(group, g_start, g_start + len(group), s_start, p_start, sentence=sentence)


def _sentences(text: str) -> Iterator[tuple[str, int, int]]:
    """Each sentence of the text with where it and its paragraph (line) start: one pass over the whole
    text (a sentence never runs over a line break), each paragraph's start found once."""
    p_start, p_end = 0, text.find("\n")
    for m in _SENTENCE.finditer(text):
        sentence, s_start = m.group(0), m.start()
        if not sentence.strip():
            continue
        if 0 <= p_end < s_start:  # a later paragraph
            p_start, p_end = text.rfind("\n", 0, s_start) + 1, text.find("\n", s_start)
        yield sentence, s_start, p_start


def _broken_at(sentences: Iterator[tuple[str, int, int]], breaks: Sequence[int]) -> Iterator[tuple[str, int, int]]:
    """The sentences, each cut where a break falls inside it: "…我着重讲两个问题:|一、周密部署…|(一)…".
    Both come in order: one pass over the breaks (most sentences hold none)."""
    at = 0
    for sentence, s_start, p_start in sentences:
        s_end = s_start + len(sentence)
        while at < len(breaks) and breaks[at] <= s_start:
            at += 1
        if at == len(breaks) or breaks[at] >= s_end:
            yield sentence, s_start, p_start
            continue
        inside = breaks[at : bisect_left(breaks, s_end, at)]
        for start, end in zip((s_start, *inside), (*inside, s_end), strict=True):
            if sentence[start - s_start : end - s_start].strip():
                yield sentence[start - s_start : end - s_start], start, p_start


def _clauses(sentence: str, start: int) -> Iterable[tuple[str, int]]:
    """The clauses (；) of a sentence with their offsets; most sentences are one."""
    if ";" not in sentence and "；" not in sentence:
        return ((sentence, start),)
    return _spans(_CLAUSE, sentence, start)


# --- judging one candidate ----------------------------------------------------------------------

_WORTH_PARSING = re.compile(
    r"要|必须|务必|确保|负责|牵头|抓紧|加紧|尽快|请|由|同意|将|须|需|应|力争|争取|完成|前|内|底|每|全年|重点|正在|责令|责成|安排"
    r"|于\d"  # "学校安全工作小组于9月29日…进行抽查": the day set for the work
)


def judge(
    candidate: Candidate, above_units: tuple[str, ...], carried: str | None = None, minutes: bool = False
) -> Candidate:
    """Decide whether a candidate is a task, an exhortation or neither, and find its owner and times.
    In ``minutes`` (a record of what was decided) a subjectless act is work; in a speech it is exhortation."""
    raw = candidate.text
    stripped = raw.strip(" ,，:：;；。")
    body, cut = strip_lead_in(stripped)
    candidate.extra["decided"] = "1" if stripped.startswith("会议") and DECIDED.match(stripped) else ""
    candidate.start += cut + (len(raw) - len(raw.lstrip(" ,，:：;；。")))
    candidate.text = body.rstrip(" ,，:：;；。!！?？")
    candidate.end = candidate.start + len(candidate.text)
    if len(candidate.text) < 4 or not _WORTH_PARSING.search(candidate.text) or _is_label(candidate):
        return candidate
    if tells_what_the_meeting_did(candidate.text):
        return candidate  # "会议通报了各单位一季度经营指标完成情况": what the meeting heard, its time no limit
    _find_times(candidate)
    _find_minutes_owner(candidate, above_units)
    if not candidate.is_task and "请" in candidate.text and _ASKED_WITHOUT_PARTY.search(candidate.text):
        candidate.is_task = True  # "…检讨委办案，请加速办理": a record asks the unit in charge, unnamed
    if candidate.is_task:
        return candidate
    promise = COMMITMENT.match(candidate.text) if candidate.text.startswith("我") else None
    if promise and CONCRETE.search(candidate.text, promise.end()):  # "我们将…对办公自动化系统进行改版"
        candidate.owner, candidate.owner_explicit, candidate.is_task = promise.group("party"), True, True
        return candidate
    text = candidate.text
    subject_hint = _subject_hint(text)  # searched once: _window needs it whenever this does not
    can_be_task = (
        candidate.deadline
        or candidate.recurrence
        or candidate.extra["decided"]
        or subject_hint
        or _has_quantity(text)
        or (carried and CONCRETE.search(text))
        or INSTITUTE.search(text)
        or (("成立" in text or "组建" in text) and SET_UP_BODY.search(text))
        or _names_its_party(text)
        or ((carried or minutes) and has_act(text))
    )
    if not can_be_task:
        candidate.is_requirement = bool(_STRONG_DIRECTIVE_RE.search(candidate.text))
        return candidate  # nobody to give it to and no time limit: no task, so no need to segment it
    first, named, subject = _directive_and_subject(candidate.text, _window(candidate.text, subject_hint))
    party = _party_then_time(candidate.text)
    if party and (candidate.deadline or candidate.recurrence) and not _NOT_A_SUBJECT.search(party):
        candidate.owner, candidate.owner_explicit, candidate.is_task = party, True, True
        return candidate
    if first is None:  # no directive word
        decided = bool(candidate.extra["decided"]) and bool(candidate.recurrence or CONCRETE.search(candidate.text))
        recorded = minutes and _records_work(text) and not ATTITUDE.search(text)  # "一要对…开展全面排查" (一要 cut)
        candidate.is_task = decided or recorded or _is_concrete_without_directive(candidate)
        if candidate.is_task and not candidate.owner and candidate.recurrence:
            candidate.owner = _actor(text)
            candidate.owner_explicit = candidate.owner is not None
        return candidate
    if named is not None:
        candidate.owner, candidate.owner_explicit, first = subject, True, named
    predicate = candidate.text[first.start_char :]
    _find_lead(candidate)
    # 定期 and a cadence in a report ("办事人员每天接触…") set no limit; a cadence with a directive does.
    recurrence = candidate.recurrence
    cadence = (
        recurrence is not None
        and recurrence != "定期"
        and _governs(candidate.text, candidate.text.find(recurrence), candidate.text.find(recurrence) + 1)
    )
    timed = bool(candidate.deadline) or cadence
    # With a time limit, only the limit's own chunk can turn it into a slogan (d05 "…履行职责,…要在3月25日前解决").
    limit = candidate.deadline or (candidate.recurrence if cadence else None)
    # "…设立PC团队以快速提升管理水平": the purpose after 以便/从而 is no attitude asked for
    attitude = bool(ATTITUDE.search(_chunk_of(candidate.text, limit) if limit else _PURPOSE.split(predicate)[0]))
    bare = _DIRECTIVE_OPENING.sub("", predicate)
    abstract = bool(ABSTRACT_PREDICATE.match(bare))
    # A named unit asked to 做好/抓好/落实 something is given work; "各地要做好…" is still a slogan.
    routine = bool(_ROUTINE.match(bare))
    generic = candidate.owner is not None and bool(GENERIC_PARTY.match(candidate.owner))
    quantity = _has_quantity(candidate.text)
    concrete_object = bool(CONCRETE.search(predicate))
    concrete = concrete_object and not abstract
    broad = bool(BROAD_PARTY.search(candidate.owner or "")) and not _is_named_person(candidate.owner or "")
    act = has_act(predicate)
    if candidate.owner_explicit and not generic and not broad:
        slogan = abstract and not (routine or concrete_object or act)
        candidate.is_task = timed or quantity or not (attitude or slogan)
    elif candidate.owner_explicit and not generic:
        candidate.is_task = (timed or quantity or concrete or act) and not attitude
    elif carried and not GENERIC_PARTY.match(carried):
        act = act and not AUDIENCE.search(carried)  # "办公室", "办公室同志": the room is exhorted, not given work
        work = timed or quantity or concrete_object or act
        candidate.is_task = work and not attitude and not (abstract and not (timed or act))
    else:
        # Nobody named: a limit, an amount, or a rule to set up ("要建立重大事件报告制度") makes it trackable.
        instituted = bool(INSTITUTE.match(bare)) or (
            ("成立" in bare or "组建" in bare) and any(SET_UP_BODY.match(c) for c in re.split(r"[,，]", bare))
        )
        target = quantity and bool(_AIMS.search(text))  # an amount to reach, not one reached ("新改建完成412公里")
        candidate.is_task = (timed or target or instituted or (minutes and _records_work(text))) and not attitude
    if candidate.is_task and _DESCRIBES.match(predicate):
        candidate.is_task = False  # "将会有…", "要像…一样", "一定要有…经验": a forecast or a picture, not work
        return candidate
    if candidate.is_task and not candidate.deadline and REPORTED.search(text):
        candidate.is_task = False  # "目前已完成", "同比增长11.2%": what was done, not what is to be done
        return candidate
    candidate.is_requirement = not candidate.is_task
    return candidate


def _directive_and_subject(text: str, window: str) -> tuple[Token | None, Token | None, str | None]:
    """The first word of the window that directs, and the first one a party is named before, with that
    party (``_subject_before``), or Nones. 将/正在 direct only after a named party ("县督查室将…"; alone
    they narrate: "16件正在办理"), 组织 not as a noun ("地区部的组织应该是…"), 重点 opening a clause does
    ("重点打造10个…基地").

    Each region around possible directive words is cut only when its answer can matter: while no word
    that directs is known, or when a party is named before one of its places; most candidates name none
    after their first directive, and the cuts were the costliest part of judging (issue 18)."""
    head = opening_word(window)
    if head is not None and (subject := _subject_before(text, head.start_char)):
        return head, head, subject
    for region in directive_regions(window):
        subjects = {at: _subject_before(text, at) for at in region.starts} if head is not None else None
        if subjects is not None and not any(subjects.values()):
            continue  # no word here can be the first, nor one after a party
        for word in directives_in(window, region):
            subject = subjects[word.start_char] if subjects is not None else _subject_before(text, word.start_char)
            if (word.text in ("将", "正在") and not subject) or (
                word.text == "组织" and _ORGANISATION.match(text, word.start_char)
            ):
                continue
            head = head or word
            if subject:
                return head, word, subject
    return head, None, None


def _records_work(text: str) -> bool:
    """Minutes record work: an act with no party named is still work to do ("对辖区内…开展全面排查");
    "进行了部署" and "完成河道治理47公里" (an amount, no aim) record what was done."""
    if _DONE.search(text) or (_has_quantity(text) and not _AIMS.search(text)):
        return False
    return has_act(text)


def _actor(text: str) -> str | None:
    """Who does the act of a standing duty with no directive word: the chair of a meeting ("每周一召开例会,院领导主持")
    or a party opening a chunk with an act ("每周一的调度会 安全部第一个汇报")."""
    chair = _CHAIRED_BY.search(text)
    if chair and _is_party(chair["party"]):
        return _clean_party(chair["party"])
    for chunk in re.split(r"[,，;；]|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", text):
        m = _PARTY_LEAD.match(chunk)
        if m and _ANY_ACT.search(chunk, m.end()) and _is_party(m["party"]) and not _NOT_A_SUBJECT.search(m["party"]):
            return _clean_party(m["party"])
    return None


_DIRECTIVE_OPENING = re.compile(r"^(?:重点|要|将|须|需|应当?|必须|务必|一定)+")
_ROUTINE = re.compile(r"^(?:进一步|切实|认真|全力|积极|主动)*(?:做好|抓好|搞好|落实|推进|推动|确保)")
_JOINT_VERB = re.compile(r"会同|联合|协同")
_ORGANISATION = re.compile(
    r"(?<=[的党])组织|组织(?=[要应是的和与及、,，]|要求|架构|建设|变革|调整|能力|体系|机构|结构|形式|保障|领导|发布|设计)"
)
_CHAIRED_BY = re.compile(r"(?:^|[,，])(?P<party>[^,，]{2,12}?)主持(?=[,，]|$)")
_PURPOSE = re.compile(r"以便|以(?=更好|快速|确保|进一步|切实|有效)|从而|进而|为了")
# A directive that predicts, compares or says what someone is: 将会有, 要像…一样, 一定要有…经验, 应该是.
_DESCRIBES = re.compile(
    r"^(?:将|要|应该?|应当|须|需|必须|一定要?|都要?|也要?)*"
    r"(?:会(?![同议商签审])|是|有(?![关序效力针计步重])|像[^,，]*一样|可能)"
)
_AIMS = re.compile(r"要|必须|务必|确保|力争|争取|不少于|不低于|至少")  # words that set an amount as a target


def _is_label(candidate: Candidate) -> bool:
    """A short line with no verb of work and no time: a table's or an annex's title (重点问题督办清单)."""
    text = candidate.text
    return (
        len(text) <= 16
        and candidate.sentence.strip(" 。") == text
        and not _ANY_DIRECTIVE.search(text)
        and find_deadline(text) is None
        and find_recurrence(text) is None
    )


_ANY_DIRECTIVE = re.compile(alternation(DIRECTIVE_WORDS))


def _window(text: str, subject_hint: re.Match[str] | None) -> str:
    """The head of a candidate that can hold its subject and first directives: segmenting only this
    keeps the text stage faster than jieba over the whole text. It runs to the end of the chunk after
    the one with the first directive (or the first party + directive, ``_MAY_HAVE_SUBJECT``'s match)."""
    ends = [m.end() for m in (_ANY_DIRECTIVE.search(text), subject_hint) if m]
    end = max(ends) if ends else len(text)
    for _ in range(2):
        end = min(_chunk_end(text, end) + 1, len(text))
    return text[:end]


_BREAK = re.compile(r"[,，:：]")  # what ends a comma chunk
_UP_TO_LAST_BREAK = re.compile(r".*[,，:：]", re.S)


def _chunk_start(text: str, at: int) -> int:
    """Where the comma chunk holding ``text[at]`` starts: after the last comma or colon before ``at``, else 0
    (one search, not a search for each of the four marks)."""
    m = _UP_TO_LAST_BREAK.match(text, 0, at)
    return m.end() if m else 0


def _chunk_end(text: str, at: int) -> int:
    """Where the comma chunk holding ``text[at]`` ends: at the first comma or colon from ``at`` on, else the
    text's end."""
    m = _BREAK.search(text, at)
    return m.start() if m else len(text)


def _chunk_of(text: str, phrase: str) -> str:
    """The comma chunk of ``text`` holding ``phrase``."""
    at = max(text.find(phrase), 0)
    return text[_chunk_start(text, at) : _chunk_end(text, at)]


def _find_times(candidate: Candidate) -> None:
    """The deadline and cadence of a candidate; a limit must govern an act ("7月初接受省检" does not)."""
    text = candidate.text
    deadline = find_deadline(text)
    if deadline and not _governs(text, deadline.start, deadline.end):
        deadline = None
    if deadline and deadline.text == "全年" and not QUANTITY.search(text):
        deadline = None
    candidate.deadline = deadline.text if deadline else None
    if not deadline and text.startswith("今年") and QUANTITY.search(text) and _AIMS.search(text):
        candidate.deadline = "今年"  # "今年,…要建成…3个": a target for this year
    candidate.recurrence = find_recurrence(text)
    if candidate.recurrence and candidate.deadline and candidate.deadline in candidate.recurrence:
        candidate.deadline = None
    if (
        candidate.recurrence
        and not candidate.deadline
        and not _STANDING_MEETING.search(_chunk_of(text, candidate.recurrence))
    ):
        candidate.deadline = cadence_limit(candidate.recurrence)


# A meeting convened on the cadence's day ("每周一上午九点半召开办公例会"): the day is when it meets, a
# recurrence, not a limit to deliver by (the task conventions; "每周五报送周报" keeps 每周五 as its limit).
_STANDING_MEETING = re.compile(r"召开[^,，;；。]{0,12}会|例会")


_MODIFIED_NOUN = re.compile(r"的?(?:工作(?:部署|安排|会|总结|计划)|考核|指标|会议|任务|计划|目标|情况|总结)")


def _governs(text: str, start: int, end: int) -> bool:
    """A time limit counts when its chunk holds a directive or an act of completion, or is the limit alone."""
    if _MODIFIED_NOUN.match(text, end) and text[start - 1 : start] not in ("在", "于"):
        return False  # "春节前工作部署会议", "第一季度考核指标完成情况": the time qualifies a thing
    chunk = text[_chunk_start(text, start) : _chunk_end(text, end)]
    if chunk.strip(" 在于到") == text[start:end] or text[start:end].endswith(("前", "内", "底", "后")):
        return True
    if "“" in chunk or "《" in chunk:  # "…于5月15日发“关于组织实施…的通知”": a title's words are no act
        chunk = _QUOTED.sub("", chunk)
    at = chunk.find(text[start:end])
    after = chunk[at + end - start :] if at >= 0 else ""
    if text[start - 1 : start] == "于" and _SCHEDULED_ACT.search(after) and not _DONE.search(chunk):
        return True  # "学校安全工作小组于9月29日对…进行抽查": the day set for the work (not 于…开展了)
    return bool(_GOVERNED_BY.search(chunk))


_QUOTED = re.compile(r"“[^”]*”|《[^》]*》")
_SCHEDULED_ACT = re.compile(r"开展|进行|组织|抽查|检查|督查|验收|培训|演练")
_GOVERNED_BY = re.compile(
    r"要|必须|务必|争取|力争|确保|完成|到位|开工|竣工|进场|施工|建成|规模|办结|开街|报送|上报|提交|做好|准备|启动|实施"
    r"|坚持|做到|实行|至少|不低于|不少于|达到|新增|引进"  # a target set for the period: 全年至少引进…2个
    r"|请(?=于|在)|(?<=[日号前])交"  # "自查表请于9月27日交保卫处备案": a notice asks
)


def _find_lead(candidate: Candidate) -> None:
    """X牵头、Y配合: the lead unit owns the task (when no subject did); Y配合, 会同Y: cooperating units."""
    lead = _lead_party(candidate.text)
    after = 0
    if lead:
        candidate.lead = re.sub(r"^[^由]*?(?<!自)由", "", _clean_party(lead.group("party")))  # 筹备工作由X牵头
        if not candidate.owner_explicit:
            candidate.owner, candidate.owner_explicit = candidate.lead, True
        after = lead.end()
    elif candidate.owner:  # "由X负责…，Y配合": Y comes after the owner
        at = candidate.text.find(candidate.owner)
        after = at + len(candidate.owner) if at >= 0 else 0
    text = candidate.text
    coop = COOPERATING.search(text, after) if "配合" in text or "协助" in text else None
    jointly = JOINTLY.search(text) if _JOINT_VERB.search(text) else None
    partners = [m.group("party") for m in (coop, jointly) if m and (lead or candidate.owner)]
    names = [p for party in partners for p in re.split(r"[、和及与,，]", _clean_party(party)) if p]
    candidate.cooperating = tuple(dict.fromkeys(n for n in names if n != candidate.owner))


def _lead_party(text: str) -> re.Match[str] | None:
    """``LEAD_PARTY``'s first match, searched for from where it can start at the earliest: its party (lazily
    matched, tried at every character) ends at a 牵头 and holds at most ``_LEAD_REACH`` characters."""
    first = text.find("牵头")
    return LEAD_PARTY.search(text, max(first - _LEAD_REACH, 0)) if first >= 0 else None


_LEAD_REACH = 30 + max(map(len, PARTY_END))  # LEAD_PARTY's longest party


def _find_minutes_owner(candidate: Candidate, above_units: tuple[str, ...]) -> None:
    """Minutes phrasing: 会议原则同意X…, 由X负责, 请X…, 要求X…, 请以上责任单位… — each makes a task for X."""
    text = candidate.text
    m = APPROVED.search(text) if "同意" in text else None
    by = BY_PARTY.search(text, m.end()) if m and "由" in text else None
    if asked := _asked_after_approval(text):  # 同意X的方案，请Y按程序组织听证: the work is Y's
        candidate.owner, candidate.is_task = asked, True
    elif by and _is_party(_by_whom(by)):  # 同意X的意见，所需资金由Y…解决: the work is Y's
        candidate.owner, candidate.is_task = _clean_party(_by_whom(by)), True
    elif m and not re.search(r"审议通过", text):
        candidate.owner, candidate.is_task = _clean_party(m.group("party")), True
    elif "同意" in text and APPROVED_THIS.search(text):
        heard = HEARD_FROM.search(candidate.extra.get("paragraph", ""))
        if heard:  # 会议听取了X的汇报…原则同意该方案: X carries it out; with nobody named it is a bare approval
            candidate.owner, candidate.is_task = heard.group("party"), True
    elif "由" in text and (m := BY_PARTY.search(text)) is not None and _is_party(_by_whom(m)):
        candidate.owner, candidate.is_task = _clean_party(_by_whom(m)), True
    elif (m := ("请" in text and PLEASE.match(text)) or _required_party(text)) is not None and not (
        (m.re is REQUIRE_PARTY and BROAD_PARTY.search(m.group("party")) and not _asks_for_work(candidate, m))
        or _NOT_A_SUBJECT.search(m.group("party"))
    ):
        party = _extend_party(text, m.start("party"), m.end("party"))
        if _CEREMONY.match(text, m.start("party") + len(party)):
            return  # the chair calling the next item of the agenda
        if ABOVE_UNITS.search(party) and above_units:
            party = "、".join(above_units)
        candidate.owner, candidate.is_task = _clean_party(party), True
    if candidate.is_task:
        candidate.owner_explicit = candidate.owner is not None
        _find_lead(candidate)


def _asks_for_work(candidate: Candidate, asked: re.Match[str]) -> bool:
    """Whether what a broad party is asked to do is work: a limit, or a concrete thing and no attitude
    ("要求各乡镇实行24小时值班制度"; not "要求各部门高度重视…")."""
    text = candidate.text
    rest = text[asked.start("party") + len(_extend_party(text, asked.start("party"), asked.end("party"))) :]
    if _CARRY_OUT_THE_SPIRIT.match(rest):
        return bool(candidate.deadline)  # "要求公司各处室认真贯彻落实，科学制定计划…": the spirit of a document
    return bool(candidate.deadline) or bool(CONCRETE.search(rest) and not ATTITUDE.search(rest))


_CARRY_OUT_THE_SPIRIT = re.compile(r"(?:认真|切实|全面|坚决)?贯彻")


def _asked_after_approval(text: str) -> str | None:
    """The party a later chunk of an approval asks to act: "会议原则同意《…》，请县林业局…印发"."""
    if "请" not in text or not _is_approval(text):
        return None
    for comma in re.finditer(r"[,，]\s*", text):
        rest = text[comma.end() :]
        if (m := PLEASE.match(rest)) is not None and not _NOT_A_SUBJECT.search(m.group("party")):
            return _clean_party(_extend_party(rest, m.start("party"), m.end("party")))
    return None


# A connective a spoken clause opens with, before its party: "那么IRB应沿着整条产业链…".
_OPENING_CONNECTIVE = re.compile(r"^(?:所以|因此|那么|当然|同时|另外|而且|但是|可是|然后|此外|其次|最后)[,，]?\s*")


_OPENING_DAY = re.compile(r"(?:\d{1,4}(?:年|月份?|日|号))+(?:上午|下午|晚上|起)?(?![\d,，、])")
_MODAL_CHARACTERS = frozenset("将要须应")
_OPENING_CADENCE = re.compile(r"每(?:日|天|周|月|季度?|年)(?:至少)?")


def opening_party(text: str) -> str | None:
    """The party a clause opens with when no directive word points to it ("通化镇政府派出机关工作人员…"):
    the nouns before its first verb, when they name a party (not 全县, not 会议)."""
    body = strip_lead_in(text)[0]
    if (connective := _OPENING_CONNECTIVE.match(body)) is not None:
        body = body[connective.end() :]
    if body[:1].isdigit() and (day := _OPENING_DAY.match(body)) is not None:
        limit = find_deadline(body)
        if limit is not None and limit.start == 0 and len(limit.text) > day.end():
            body = body[len(limit.text) :]  # "9月30日下午下班前行政部将…": the party after its limit
        else:
            body = body[day.end() :]  # "7月份检查督促组将开展…": the party after the day it acts on
    elif body.startswith("每") and (cadence := _OPENING_CADENCE.match(body)) is not None:
        body = body[cadence.end() :]  # "每季度总链长将调度…": the party after how often it acts
    if _CHUNK_BREAK.split(body, maxsplit=1)[0].endswith("方面"):
        return None  # "老旧小区改造方面:按照…完成": the matter the clause is on, not who does it
    nominal = _TIME_AFTER_PARTY.split(leading_nominal(body), maxsplit=1)[0]  # "各社区今天下午把…" → 各社区
    if body.startswith(_LEVELS, len(nominal)) and body.startswith(nominal):  # "乡村两级均实行…": a numeral to jieba
        nominal = body[: len(nominal) + 2]
    elif nominal == "各" and (group := _PARTY_LEAD.match(body)) and ends_a_word(body, group.end("party")):
        nominal = group["party"]  # "各工作小组必须…", "各相关单位提前…": jieba cut a verb off after 各
        while end := _PARTY_END_AT.match(body, len(nominal)):  # "各承办|单位在…": 承办 ends as 办 does
            nominal = body[: end.end()]
    elif len(nominal) >= 3 and nominal[-1] in _MODAL_CHARACTERS and _is_party(nominal[:-1]):
        nominal = nominal[:-1]  # "行政|部将|进行…": jieba's 部将 (a general's officer) holds the modal 将
    elif nominal and (len(nominal) < 2 or not _is_party(nominal)):  # "学校安全|工作小组于…", "县|供电|分公司保障…"
        nominal = _grown_to_a_party(body, nominal) or nominal
    if len(nominal) < 2 or not _is_party(nominal) or GENERIC_PARTY.match(nominal) or _NOT_A_SUBJECT.search(nominal):
        return None
    if body.startswith(_TIME_AFTER_NOUN, len(nominal)):
        return None  # "秋收前完成…": a time said by its event
    if _SPEAKS.match(body, len(nominal)) or nominal.endswith(_LEADS_A_VISIT):
        return None  # "县委书记王秋芳强调，一是…", "局长孙秀清带队到…": who speaks or visits, not who acts
    if _DONE.search(_CHUNK_BREAK.split(body, maxsplit=1)[0], len(nominal)):
        return None  # "公司已经明确可以奖励外包员工，行政可以先做起来": what the party did, not its work
    return _clean_party(nominal)


def _grown_to_a_party(body: str, nominal: str) -> str | None:
    """The unit a clause opens with whose name holds a verb or an adjective ("学校安全工作小组于…",
    "野生动物保护科根据…": jieba's nouns stop at 工作, 保护): the longest of its opening names
    (``nlp.name_prefixes``) past its nouns that ends as a unit does."""
    grown = [p for p in name_prefixes(body) if len(p) > len(nominal) and _ends_with_party_end(p) and _is_party(p)]
    return grown[-1] if grown else None


def acting_party(text: str) -> str | None:
    """The party that acts further into a clause that opens with none: "…由片联负责", the party asked
    after the speaker's view ("我认为片联要重点来抓"), or the party
    before the directive word of a later chunk ("先从…称起，片联也要拿出评价意见"), not one told not to."""
    if "由" in text and (by := BY_PARTY.search(text)) is not None and _is_party(_by_whom(by)):
        return _clean_party(_by_whom(by))
    framed = _FRAMING.match(strip_lead_in(text)[0]) is not None
    for i, chunk in enumerate(_CHUNK_BREAK.split(text)):
        view = _SPEAKERS_VIEW.match(chunk)
        if view is not None:
            rest = chunk[view.end() :]
            party = opening_party(rest) or addressed_party(rest)
        elif i and not _FORBIDS.search(chunk):
            party = addressed_party(chunk) or _later_party(chunk, framed)
        else:
            party = None
        if party:
            return party
    return None


def _later_party(chunk: str, framed: bool) -> str | None:
    """The party a later chunk opens with and acts on: after a framing, or standing as the chunk's
    subject (``_subject_opens``, asked only once a party is found: most chunks open on none)."""
    if not framed and _PARTY_CHARACTERS.isdisjoint(chunk):
        return None  # no character a party that stands as a subject could end or open with (issue 18)
    party = _party_acting(chunk)
    return party if party and (framed or _subject_opens(chunk)) else None


# The characters a party that stands as a subject holds (``_is_party``): the last of a unit or a role
# (局, 长…), of a function (行政, 财务…), an addressee's first (你们), a group's first (各, 全体…), a capital
# (CFO). Not a person's bare name: jieba tags it nr, and ``_subject_opens`` takes no nr first.
_PARTY_CHARACTERS = frozenset(
    "".join(w[-1] for w in (*PARTY_END, *FUNCTION_UNITS))  # PARTY_END holds the one-character units
    + "".join(w[0] for w in ADDRESSEES)
    + "各每所全"
    + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
)


def _subject_opens(chunk: str) -> bool:
    """Whether a later chunk of a clause opens on its own subject, a noun an act follows (not "军队和作战的
    正规性", not "辖区单位的力量"), in a chunk that sets work, not one that records
    it ("区长在…所作的《政府工作报告》安排部署了…")."""
    chunk = strip_lead_in(chunk)[0]  # "一是各相关单位提前…"
    nominal = leading_nominal(chunk)
    return bool(nominal) and subject_then_act(chunk, nominal) and not _DONE.search(chunk) and not _ATTENDS.search(chunk)


_ATTENDS = re.compile(r"(?:参加|出席|列席|陪同)[。；;]?$")  # "…副局长刘义发一同参加": who came along


def _party_acting(chunk: str) -> str | None:
    """The party a chunk opens with when what follows is something it does ("县、乡、村严格落实…责任制"),
    not what it must not."""
    party = opening_party(chunk)
    at = chunk.find(party) if party else -1
    return party if party and at >= 0 and not _NEGATED.search(chunk, at + len(party), at + len(party) + 4) else None


_FORBIDS = re.compile(r"不(?:要|必|用|能|得|应)")
# What a clause may open with before its party: "要按照“谁主管、谁负责”的原则,县、乡、村严格落实…", or the
# end it serves: "确保公司管理体系正常运转,公司各处室严格执行…" (dev2 e14)
_FRAMING = re.compile(r"^(?:要|必须|应)?(?:按照|根据|依照|对照|围绕|针对|结合|为了|为|确保)")
# The speaker's view a clause opens with, before whom it asks: "我认为片联要重点来抓", "我主张洪天峰组织一下",
# or a report's word for what the speaker asked: "丁华…同时要求各供电所要学习…", "他要求全体教师要…",
# "张宝宁副局长要求各工作小组…", "希望园区各企业按要求…".
_SPEAKERS_VIEW = re.compile(
    r"^(?:所以|因此|那么|当然)?(?:我们?(?:也|还)?(?:认为|主张|建议|希望|提议|觉得|要求)"
    r"|(?:[\u4e00-\u9fff]{1,3}(?:同志)?|[\u4e00-\u9fff]{2,4}?" + roles_pattern() + r")?"
    r"(?:同时|并|还|也)?(?:要求|希望|提议|鼓励|号召|倡议))"
)


def asks_only_an_attitude(text: str) -> bool:
    """One clause that asks for an attitude and nothing a tracker could tick off, the conventions' "要加强
    学习": "镇村两级干部一定要高度重视", "各乡镇要把…作为当前的重要工作来抓" (examples after 如 aside)."""
    demand = _EXAMPLES.split(text, maxsplit=1)[0].rstrip("。；;，, ")
    if re.search(r"[，,；;]", demand) or CONCRETE.search(demand) or find_deadline(demand):
        return False
    return bool(ATTITUDE.search(demand) or _TAKEN_UP_AS.search(demand))


def introduces_what_follows(text: str) -> bool:
    """A notice's preamble, which announces the work below it and gives none of its own: "为确保在今年8月底前全面
    完成办理工作,现将有关事项通知如下", "为明确任务,及早筹备,确保成功,特制定本实施方案"."""
    return _PREAMBLE.search(text) is not None


_PREAMBLE = re.compile(
    r"(?:现将|现就|现对|特将|特)[^。；;]{0,30}?"
    r"(?:(?:通知|安排|要求|说明|明确|部署)如下|制定本[^。，,；;]{0,10}(?:方案|办法|制度|细则|计划|规定))[:：]?$"
)


def narrates_the_meeting(text: str) -> bool:
    """The sentence that reports the meeting itself: "1月28日上午,县文旅局组织召开春节前工作部署会议,会议由
    局长王茜主持" (its day, then 召开…会; or who chaired it), not "各乡镇要于3月1日前召开专题会议"; or
    what it did (``tells_what_the_meeting_did``)."""
    held = _HELD_THE_MEETING.search(text) or _CHAIRED.search(text) or _HELD_WITH_ATTENDANCE.search(text)
    if held is not None and not ASKS.search(text, 0, held.end()):
        return True
    points = _ANNOUNCES_POINTS.search(text) if "提出" in text else None
    announces = points is not None and not ASKS.search(text, 0, points.start())  # not "各单位要…提出三条意见"
    return tells_what_the_meeting_did(text) or announces


# "邵玲就加快推进…重点工作提出三点要求": the sentence that announces the points, which follow it
_ANNOUNCES_POINTS = re.compile(
    r"提出(?:了)?[^,，。；;]{0,4}?[一二三四五六七八九十两几\d]{1,2}(?:点|项|条)(?:具体|工作)?(?:要求|意见)[。:：]?$"
)


def tells_what_the_meeting_did(text: str) -> bool:
    """ "会议通报了…", "局长…汇报了…", "安全科组织召开了…会议": what was done, with nothing asked or
    decided after it."""
    if _AGENDA_STEP.match(text):
        return True  # "会议首先由…负责人部署…,随后…": the order of the meeting's business, told
    event = _MEETING_EVENT.search(text)
    if "了" in text and (done := _ACT_DONE.search(text)) and (event is None or done.start() < event.start()):
        event = done
    return event is not None and not _ASKED_AFTER.search(text, event.end())


_AGENDA_STEP = re.compile(r"会议(?:首先|随后|接着|然后|最后)由")


def reports_a_result(text: str) -> bool:
    """ "普通国省道新改建完成412公里": what a subject reached, an amount after its 完成/实现/新增/建成, with
    nothing asked and no time limit: a report, not work (not "完成老旧小区改造30个", whose act opens it)."""
    return _RESULT.search(text) is not None and not ASKS.search(text) and find_deadline(text) is None


# an amount, not a year ("努力完成2020年总目标")
_RESULT = re.compile(r"[^\d\s,，。；;:：]{2}(?:完成|实现|新增|建成)(?:投资|产值|营收|任务)?\d[\d.]*(?![\d.]*年)")
_MEETING_EVENT = re.compile(
    r"(?:通报|汇报|听取|召开|传达|学习|主持|介绍|总结|宣读|解读|点评|观看|抽查|视察|调研|交流|分析|讨论|审议|回顾|分享|演示)了"
)
# "会议对…进行了详细分析", "…作了具体的安排部署": what was done, the act after 进行了/作了 (a pattern of its own:
# one alternation of both ran five times slower, on every judged candidate)
_ACT_DONE = re.compile(
    r"(?:进行|作|做)了[^,，。;；]{0,6}?(?:通报|汇报|部署|安排|分析|讨论|总结|交流|点评|解读|说明|研究|培训)"
)
# what the meeting asked or decided after it ("会议听取了…汇报,同意市公交集团启动…"); not 应收账款, 应急, 应对, 主要.
# Not lang.ASKS: after what a meeting did, 需 tells a need ("提出了…需总行协助解决的问题"), while 确保 and
# a decision (同意, 决定, 议定) still ask.
_ASKED_AFTER = re.compile(r"(?<![主重必只纲摘概])要|须|务必|请|确保|同意|决定|议定|应(?![收付用急对届])")  # not 主要


_HELD_THE_MEETING = re.compile(
    rf"\d{{1,2}}月\d{{1,2}}日{DAY_NOT_A_LIMIT}[^。；;]{{0,30}}?{HELD}了?[^,，。；;]{{0,40}}?会"
)
# "典礼由党委组织宣传部长李国之主持": who chaired a ceremony or a forum, as a meeting
_CHAIRED = re.compile(r"(?:会议|会|典礼|仪式|开幕式|闭幕式|论坛|活动)由[^,，。；;]{2,30}?主持")
# "省血液中心组织召开全省…调度会线上会议,全省16所中心血站…负责人参加会议": the meeting held and who came
_HELD_WITH_ATTENDANCE = re.compile(
    rf"{HELD}了?[^,，。；;]{{0,40}}?会议?[,，][^。；;]{{0,60}}?(?:参加|出席|列席)了?(?:会议|本次会议|此次会议)"
)


# "把…作为当前的重要工作来抓", "把…摆在突出位置": how seriously to take work, not the work
_TAKEN_UP_AS = re.compile(r"把[^,，;；。]{1,30}?(?:作为|当作|摆在)[^,，;；。]{0,20}?(?:来抓|工作|位置|任务|大事)")


def addressed_party(text: str) -> str | None:
    """Who a clause asks when the rules named nobody: the side the speaker addresses or speaks for
    ("你们自己一定要排A、B、C" → 你们), or the party before its first directive word ("财务部门也要拿出…")."""
    body = strip_lead_in(text)[0]
    if (pronoun := _ADDRESSED_SIDE.match(body)) is not None:
        return pronoun.group("side")
    if (asked := _required_party(body)) is not None and _is_party(asked["party"]):
        return _clean_party(asked["party"])  # "…开具转办单,要求相关部门签字、限时办理": the party asked
    first_chunk = _CHUNK_BREAK.split(body, maxsplit=1)[0]
    directive = _DIRECTIVE_WORD.search(first_chunk)
    return _subject_before(first_chunk, directive.start()) if directive else None


_LEVELS = ("两级", "三级")
_TIME_AFTER_NOUN = ("前", "后", "期间", "以前", "以后", "之前", "之后")
_DIRECTIVE_WORD = re.compile(rf"(?<![主重需必只想紧首纲]){_DIRECTIVE_RE}(?![求素点害闻])")  # not 主要, 要求
_ADDRESSED_SIDE = re.compile(
    # after a scene it sets or a connective ("在跨过这个世纪的时候，我们要…", "现在我们要…")
    r"^(?:[^,，。;；]{1,16}[,，]\s*)?(?:现在|所以|因此|今后|同时|另外|当然|那么)?"
    r"(?P<side>(?:你们|我们|咱们)(?:大家)?|大家)(?:自己)?(?:也|都|还|一定)*(?:要|将|必须|可以|来|去)"
)
_LEADS_A_VISIT = ("带队", "率队")  # jieba tags them nouns: the party's nominal may take them in
_SPEAKS = re.compile(rf"(?:在[^,，]{{0,12}})?(?:强调|指出|要求|表示|认为|主持|讲话|说|{'|'.join(_LEADS_A_VISIT)})")
# A time said right after the party, which jieba may tag as a noun ("今天下午" nr).
_TIME_AFTER_PARTY = re.compile(
    r"(?<=..)(?:今天|明天|今日|明日|当天|本周|下周|这周|本月|下个?月|近期|上午|下午|晚上|周[一二三四五六日]"
    r"|每(?:日|天|周|月|季度?|年))"
)


def _is_named_person(party: str) -> bool:
    """ "张三同志", "王光玲": a person by name (not 各级领导干部, not 办公室同志)."""
    name = party.removesuffix("同志")
    return 2 <= len(name) <= 3 and person_name(name) == name


def given_at_the_end(text: str) -> str | None:
    """The party a clause hands its work to at its end: "运动会比赛秩序册、运动器材…由体育系负责" → 体育系
    (the nouns it opens with are the work, not who does it)."""
    if "由" not in text:
        return None
    body = text.rstrip(" 。;；,，")
    for m in BY_PARTY.finditer(body):
        rest = body[m.end() :]
        party = _by_whom(m)
        # at the clause's end, 由…负责 names its party whatever it ends with ("由体育系负责", "由校办负责")
        if len(rest) <= _AFTER_THE_GIVING and not _COMMA.search(rest) and (len(party) <= 8 or _is_party(party)):
            return _clean_party(party)
    return None


_AFTER_THE_GIVING = 4  # characters after 由X负责 that still end the clause: "…由体育系负责实施"


def _by_whom(m: re.Match[str]) -> str:
    """The party of a BY_PARTY match, whichever of its two forms matched."""
    return m["party"] or m["unit"]


# The chair calling the next item (主持词): "请县委书记孟庆林同志讲话", "请…副主任宣读表彰决定".
_CEREMONY = re.compile(
    r"(?:副?[\u4e00-\u9fff]{0,4}?(?:主任|书记|局长|部长|主席|秘书长|县长|市长|区长|镇长|经理))?(?:[\u4e00-\u9fff]{2,3}同志|[xX×＊*]{2,3})?\s*"
    r"(?:做?重要讲话|讲话|致辞|发言|宣读|传达|汇报|通报[^,，。]{0,30}情况|介绍|作[^,，。]{0,20}(?:报告|发言|说明)|主持|颁奖|上台|领誓|领读|宣布|入座|就座)"
)


_ADVERB_WORDS = (
    "都", "也", "还", "均", "一定", "务必", "必须", "要", "主要", "重点", "切实", "认真", "进一步", "积极", "全力",
    "努力", "首先", "必需", "应该", "须", "现在", "今后", "目前", "按程序", "按规定", "按要求", "依法", "依规", "严格",
    "及时", "立即", "继续", "既", "提前", "想方设法", "千方百计", "切勿",
)  # fmt: skip
_ADVERBS = re.compile(rf"(?:{'|'.join(_ADVERB_WORDS)})+$")  # 机构编制部门按程序做好…
_TRAILING_TIME = re.compile(
    r"(?:(?:在|于)?(?:会后|会议结束后|回去后|近期|今后|下一步))?"  # "各负责人在会后将…": 会后 is the limit
    r"(?:每(?:个)?(?:天|日|周|月|季度?|年)[初底末]?|(?:本|今|下)?(?:月|年|周)(?:底|末|初|内)?"
    r"|(?:今年|明年|年内)?\d{1,2}月(?:\d{1,2}日)?(?:[上中下]旬)?[底末]?前?"  # "该市今年10月前要开工…"
    r"|(?:在|于)[\u4e00-\u9fff]{1,8}?期间)?$"  # "各子公司在春节期间要…"
)
# The characters a match of each ends with: a text ending otherwise has none to drop, and is not searched
# (both are anchored at its end but tried from every character; issue 18).
_ADVERB_ENDS = tuple(sorted({word[-1] for word in _ADVERB_WORDS}))
_TRAILING_TIME_ENDS = tuple("后期步天日周月季度年初底末内前旬间")


def _drop_at_end(pattern: re.Pattern[str], ends: tuple[str, ...], text: str) -> str:
    """``pattern.sub("", text)`` for a pattern anchored at the end ($, which also matches before a final
    line break), whose matches end with one of ``ends``."""
    return pattern.sub("", text) if text.removesuffix("\n").endswith(ends) else text


# ... and 协助/配合/会同 X: X is the partner of the work, not its subject ("同时,协助县国土资源局完成…")
_PREPOSITION = re.compile(rf"^(?!对[外口])(?:{alternation(SCOPE_PREPOSITIONS + PARTNER_PREPOSITIONS)})")


def _subject_before(text: str, start: int) -> str | None:
    """The party named before the directive word at ``start``: "各镇(办)要…" → 各镇(办); None if it is no party."""
    left = _chunk_start(text, start)
    subject = _drop_at_end(
        _ADVERBS, _ADVERB_ENDS, _drop_at_end(_TRAILING_TIME, _TRAILING_TIME_ENDS, text[left:start].strip())
    )
    numbered = _NUMBERED.fullmatch(subject)
    if numbered and not numbered[1].endswith("第") and _is_party(numbered[1]):
        subject = numbered[1]  # "各乡镇一要…二要…": the party, then the item's number
    if not subject and left > 0:  # "责任部门和项目主体,要…": the party stands alone before the comma
        before = text[: left - 1]
        previous = before[max(before.rfind(c) for c in ",，:：") + 1 :]
        subject = previous if _is_party(previous) and not re.search(r"[,，:：]", before) else ""
    m = _PARTY_DE_OPENS.match(subject)
    if m and not _is_party(subject):
        subject = m.group("party")  # "县发改局承担的固定资产投资增速指标要…": the party whose thing it is
    if (len(subject) < 2 and subject not in _ONE_CHARACTER_UNITS) or (
        len(subject) > 30 and not _lists_parties(subject)
    ):
        return None
    subject = _SUBJECT_OPENER.sub("", subject)
    if not _is_party(subject) or _NOT_A_SUBJECT.search(subject) or _PREPOSITION.match(subject):
        return None
    return _clean_party(subject)


_NUMBERED = re.compile(r"(.{2,}?)[一二三四五六七八九十]{1,2}是?")
_SUBJECT_OPENER = re.compile(r"^(?:特别是|尤其是|重点是?|同时|另外|其中|目前|希望|会后|[\u4e00-\u9fff]{1,6}期间)")
# A township's own minutes call it 镇 ("镇要在月底前…"): one character that is a unit on its own.
_ONE_CHARACTER_UNITS = frozenset(ONE_CHARACTER_UNITS)
_ADDRESSEES = frozenset(ADDRESSEES)


def _ends_with_party_end(text: str) -> bool:
    """Whether ``text`` ends as a party does (局, 办公室, 各镇(办)), a closing bracket allowed after it."""
    if text.endswith(NOT_UNITS):
        return False
    return text.endswith(PARTY_END) or (text[-1:] in (")", "）") and text[:-1].endswith(PARTY_END))


@lru_cache(maxsize=4096)  # a group's chunks are asked again when the group is judged (_names_its_party)
def _is_party(text: str) -> bool:
    """ "区住建局", "各指挥部、各大垸", "所有涉堤、涉水工程": a unit, role or group of them."""
    text = text.strip()
    if len(text) > 30:
        return _lists_parties(text)
    if not text or _DATED.search(text) or find_deadline(text):
        return False
    if _ends_with_party_end(text) or text in _ONE_CHARACTER_UNITS or text in _ADDRESSEES:
        return True
    if _FUNCTION_UNIT.fullmatch(text):  # "行政", "所有HR", "工程稽查": a department named by its function
        return True
    if 2 <= len(text) <= 3 and person_name(text) == text:  # "由王光玲牵头": a person by name
        return True
    if _ENDS_WITH_NAME.search(text[-_NAME_REACH:]) and person_name(text):  # "销售部刘洋", "财务总监陈静"
        return True
    if (text.endswith("Owner") or _TWO_CAPITALS.fullmatch(text[-2:])) and not _NOT_IN_AN_ACRONYM.search(text):
        return True  # "各级CFO", "内控BC", "全球流程Owner": a company's units and roles by their acronyms
    if text.startswith(_GROUP_OPENERS) and _GROUP.fullmatch(text) and not _KINDS.match(text):
        return True
    if "、" in text:  # "李杰、梁华", "行政、财务", "财务资产处、学生工作处和各系"
        return all(_is_party(item) or _joins_parties(item) for item in text.split("、"))
    return _joins_parties(text)  # "网格长及单位", "院领导以及行政职能科室负责人"


_JOINED = re.compile(r"以及|和|及")


def _joins_parties(text: str) -> bool:
    """ "学生工作处和各系": parties joined by 和/及/以及 (not a 和 inside one name: 县人力资源和社会保障局)."""
    if "和" not in text and "及" not in text:  # most texts join nothing: no split, no search (issue 18)
        return False
    parts = _JOINED.split(text)
    return len(parts) > 1 and all(len(part) >= 2 and _is_party(part) for part in parts)


def _lists_parties(text: str) -> bool:
    """ "开江生态环境局、县住建局、…、县水务局等部门": a list of units too long for one party's name."""
    items = text.split("、")
    return len(text) <= 100 and len(items) >= 3 and all(2 <= len(i) <= 20 and _ends_with_party_end(i) for i in items)


_DATED = re.compile(r"\d{1,2}月|\d{1,2}日|\d{4}年")
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")
_NOT_IN_AN_ACRONYM = re.compile(r"[的了是在把]")
_GROUP_OPENERS = ("各", "每个", "所有", "全体")
# "各类组织调整…", "各项活动一定要…": kinds of things, no group of parties (各类企业 ends as a party does;
# 各项目 is each project, 各个村委会 each committee); "每个季度要将…汇总": how often, not who
_KINDS = re.compile(r"各(?:项(?!目)|类|种)|每个?(?:月|季度?|星期|周|年|工作日|学期|阶段)")
_GROUP = re.compile(r"(?:各|每个|所有|全体)[\u4e00-\u9fff、]{1,10}")


# A function word alone or after a short qualifier that is no verb of work (not 依法行政, 加强审计).
_FUNCTION_UNIT = re.compile(
    rf"(?:各级|所有|(?!依法|加强|强化|严格|规范|做好|搞好|开展|进行|接受|配合)[\u4e00-\u9fff]{{2}})?(?:{alternation(FUNCTION_UNITS)})"
)
_ENDS_WITH_NAME = re.compile(rf"(?:{_PARTY_END_RE}|总监|经理|部长|主管|总)[\u4e00-\u9fff]{{2,3}}$")
# where a match of it starts at the earliest: a party's ending (or a title), a name, a final line break
_NAME_REACH = max(map(len, PARTY_END)) + 3 + 1


_NOT_GROWN = ("会同", "会议", "会上", "组织", "部署", "处理", "办理", "院内", "所需", "所在")  # verbs, not suffixes


def _extend_party(text: str, start: int, end: int) -> str:
    """A lazily matched party grown over the suffixes that follow (通化镇|政府 → 通化镇政府), over the
    units in brackets it names itself by (各科室|(部门), 各区|(市)|科协), over the list it heads (各区(市)科协|、
    枣庄高新区科协), and over the units within it that follow (全院|各医疗医技科室做好排班 → 全院各医疗医技科室)."""
    end = _grown(text, end)
    while text.startswith(_LIST_JOINS, end) and (item := _LIST_ITEM.match(text, end)) is not None:
        end = _grown(text, item.end())
    party = text[start:end]
    if text.startswith(_GROUP_OPENERS, end):  # "全院|各医疗医技科室…": the units within it
        nominal = leading_nominal(text[start : start + _NOMINAL_REACH], reach=_NOMINAL_REACH)
        if len(nominal) > len(party) and nominal.startswith(party) and _ends_with_party_end(nominal):
            return nominal
    return party


def _grown(text: str, end: int) -> int:
    """Where a party ending at ``end`` ends once grown over the suffixes and brackets that follow it."""
    grown = True
    while grown:
        grown = False
        for suffix in PARTY_END:
            if text.startswith(suffix, end) and not text.startswith(_NOT_GROWN, end):
                end, grown = end + len(suffix), True
                break
        if not grown and (bracket := _BRACKETED_UNIT.match(text, end)) is not None:
            end, grown = bracket.end(), True  # "各区|(市)|科协": a bracket, then what it names goes on
    return end


_BRACKETED_UNIT = re.compile(r"[(（][\u4e00-\u9fff、]{1,6}[)）]")  # "各科室(部门)", "各镇（办）"
_LIST_ITEM = re.compile(_NEXT_PARTY)
_NOMINAL_REACH = 24


def _clean_party(party: str) -> str:
    """The party alone: no pause before it, no connective or preposition it was said with
    ("所以公司" → 公司, "由县民政局" → 县民政局, "协助县国土资源局" → 县国土资源局)."""
    party = _PAUSE.split(party.strip())[-1]  # a transcript's pause: the party is what was said last
    party = _COMMA.split(party)[-1]  # "会上,毛主任": a party holds no comma
    party = _PAGE_NOTE.sub("", party.strip())  # "(接上)局安全股": a page's own note
    party = _ITEM_NUMBER.sub("", party)  # "1.2 、机关各行业线…": an item's number
    party = _OWNER_OPENER.sub("", party.strip(" ,，:：;；。、"))
    if "派" in party and (sends := _SENDS_SOMEONE.match(party)):
        party = sends["unit"]  # "报社派一名领导负责联络": the unit that sends someone
    return party.strip(" ,，:：;；。、")


_SENDS_SOMEONE = re.compile(
    rf"^(?P<unit>[^,，]{{1,20}}?(?:{_PARTY_END_RE}))(?:选|委)?派(?:出)?(?:一名|专人|人员|[一二两三四五\d]{{1,2}}名)[\u4e00-\u9fff]{{0,6}}$"
)


_PAGE_NOTE = re.compile(r"^[(（][^)）]{1,4}[)）]")
_COMMA = re.compile(r"[,，]")
_ITEM_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\s*[、.．]?\s*(?=\D)")
# Said before a party but no part of it (issue 12: the tracker's stats listed "由县民政局").
_OWNER_OPENER = re.compile(
    r"^(?:(?:所以|因此|现在|目前|但是?|而且|并且|以及|同时|随着|另外|此外|限定|希望|建议|交由|由|请)(?=..))+"
)


def whole_unit(text: str, owner: str | None) -> str | None:
    """The owner as the text names it in full where a shorter ending was taken for its end: "各区县|安全站、总站
    各监督科进一步…", "镇社会|事务办抓紧…", "各市|农委,…": the name goes on to a further ending with no word of
    its own between, and what follows the longer name is its work or the list it opens."""
    if not owner or (at := text.find(owner)) < 0:
        return owner
    end = _name_goes_on(text, at + len(owner))
    if end is None:
        return owner
    while (more := _LIST_ITEM.match(text, end)) is not None:  # the list it opens, each name in full
        end = _name_goes_on(text, more.end()) or more.end()
    return text[at:end]


def _name_goes_on(text: str, end: int) -> int | None:
    """Where a unit's name that seemed to end at ``end`` really ends, if it goes on (``_UNIT_GOES_ON``)."""
    longer = _UNIT_GOES_ON.match(text, end)
    return longer.end() if longer is not None and _reads_as_a_name(longer.group(0)) else None


def _reads_as_a_name(words: str) -> bool:
    """Whether the words after a party's first ending go on with its name ("安全站", "社会事务办", "农委"), not
    with what it does ("成立…领导小组", "派一名领导", "向监区长", "立即下村", "安排好值班人员")."""
    return not any(
        w.flag[:1] in "pdmcu" or (w.flag.startswith("v") and len(w.word) >= 2) or w.word in _ONE_CHARACTER_ACTS
        for w in pos_cut(words, hmm=False)
    )


_ONE_CHARACTER_ACTS = frozenset("派下到去向")
# Up to six more characters, none a word a unit's name never holds, to a further ending; then a directive,
# a stop, a list's next party, or how, when or on what it works ("进一步…", "围绕…", "按程序…", "于…前")
_UNIT_GOES_ON = re.compile(
    r"(?:(?!要|将|应|须|需|负责|牵头|的|在|对|和|与|及|请|由|把|已|正在|会同|配合|协助|进一步|围绕|根据|按照)"
    rf"[\u4e00-\u9fff]){{1,6}}?(?:{_PARTY_END_RE})(?=\s*(?:{_DIRECTIVE_RE}|[,，、:：]|进一步|围绕|提出|抓紧|按|于|对))"
)


def plausible_owner(owner: str | None) -> str | None:
    """An owner a tracker can file work under, else None: a clause that only looked like one
    ("他们在一个地区部", "吃喝拉撒睡、上厕所怎么擦屁股") names nobody."""
    owner = _unbalanced_brackets_dropped(owner.strip(_BULLETS)) if owner else owner
    if owner and (said := _SAID_BEFORE_OWNER.match(owner)) is not None:
        rest = owner[said.end() :]
        if (when := _WHEN_BEFORE_OWNER.match(rest)) is not None and _is_party(rest[when.end() :]):
            rest = rest[when.end() :]
        if _is_party(rest):
            owner = rest  # "徐校长强调寒假开始前总务处要…": the party asked, not who asked it nor when
    if owner and (when := _TIME_BEFORE_OWNER.match(owner)) is not None and _is_party(owner[when.end() :]):
        owner = owner[when.end() :]  # "近期省环保厅按照…": when the party acts, then the party
    if owner and (subject := without_modal(owner)) != owner:
        owner = subject if _is_party(subject) else None  # "各位工程师可将…": the party before its modal
    if owner and (joint := owner.find("会同")) > 0 and _is_party(owner[:joint]):
        owner = owner[:joint]  # "行政部会同工会按方案做好…": the one who leads the joint work
    if owner and (by := owner.rfind("由")) > 0 and _is_party(owner[by + 1 :]):
        owner = owner[by + 1 :]  # "其他课程由课程承担系部负责…": the work is the party's it is given to
    if not owner:
        return None
    if (where := owner.find("在")) >= 2 and owner[where - 1] not in "所驻存" and _is_party(owner[:where]):
        owner = owner[:where]  # "各单位在工作中要…": who acts, not where or when
    too_long = len(owner) > 40 and not (len(owner) <= _LIST_OF_UNITS_MAX and _LIST_OF_UNITS.fullmatch(owner))
    if _NOT_IN_A_NAME.search(owner) or too_long or _PARTNER_OPENER.match(owner):
        return None  # "协助县国土资源局…", "与各村": a partner, not the owner
    if _urged(owner) is not None:
        return None  # "督促机构", "联系各村": the one the work is done to
    if _SCOPE_OPENER.match(owner):
        return None  # "对重点水文站…进行再检查", "请结合本单位实际…": what the work is on or after, not who
    toward = owner.find("对")
    if toward >= 2 and _is_party(owner[:toward]):
        return owner[:toward]  # "各责任单位对整改…", "工程部部长马艳春对各实体单位": who acts, not on whom
    acts = _ACTS_IN_A_NAME.search(owner) is not None and not _GROUP_OF_UNITS.fullmatch(owner)
    if acts or owner in _NOT_AN_OWNER or opens_as_a_clause(owner):
        return None  # "确保市上交办", "团学活动举行前先确定教室", "与会": a clause's words, not a party
    return owner


# "徐校长强调寒假开始前总务处": who asked, then maybe when, run into the party asked
_SAID_BEFORE_OWNER = re.compile(r"^[^,，:：]{1,12}?(?:还|也|又|再次)?(?:强调|指出|要求|提出)[,，:：]?")
_WHEN_BEFORE_OWNER = re.compile(r"^[^,，]{1,8}?(?:之前|以前|前|之后|以后|后|期间)")
# "节日期间各社区安排两人值班", "汛期各乡镇实行24小时值班": the time of the work said before its party
_TIME_BEFORE_OWNER = re.compile(r"近期|近日|日前|目前|当前|今后|同时|随后|后续|下一步|[\u4e00-\u9fff]{1,5}?期间|汛期")
_NOT_IN_A_NAME = re.compile(r"(?<![所驻存])在|[把是了吗呢么啊]|怎么|什么|如何|可能|不能|没有")
# "国家发展改革委、教育部、…、体育总局等国务院相关部门及各地区": the units an item is given to, each named
_LIST_OF_UNITS = re.compile(r"[^、,，;；。\s]{2,20}(?:(?:、|和|及|等)[^、,，;；。\s]{2,20}){2,}")
_LIST_OF_UNITS_MAX = 160
_PARTNER_OPENER = re.compile(r"(?:积极|主动|全力|认真)?(?:协助|配合|会同|与(?!会)|和(?![平县]))")
# What opens a phrase of what or how, never a party: 对 (not 对外联络部, 对口支援办公室), 针对, 结合, 根据, 按照…
_SCOPE_OPENER = re.compile(rf"(?!对[外口])(?:{alternation(SCOPE_PREPOSITIONS)})")
_BULLETS = " \t·•●◆◇■□▪▶►★☆※-—"  # a list's bullet or a page's dot left before a unit ("·区财政局")


def _unbalanced_brackets_dropped(owner: str) -> str:
    """ "(市残联" → 市残联, "县住建局)" → 县住建局: a bracket the owner does not close (or open) is the
    page's, cut with the clause; "各镇(办)" keeps its pair."""
    opened = owner.count("(") + owner.count("（")
    closed = owner.count(")") + owner.count("）")
    if opened > closed and owner[:1] in "(（":
        owner = owner[1:]
    elif opened > closed and (inside := max(owner.rfind("("), owner.rfind("（"))) > 0:
        # "幼儿园(含民办)": the bracket says more of the party; "部分律师(律公科负责邀请)": it names who acts
        before, named = owner[:inside], owner[inside + 1 :]
        owner = named if not _is_party(before) and _is_party(named) else before
    elif closed > opened and owner[-1:] in ")）":
        owner = owner[:-1]
    return owner.strip()


# "制定《创建…", "所有试卷由", "抓紧时间组织人员": a clause's words, never a name's
_ACTS_IN_A_NAME = re.compile(r"确保|举行|确定|加强|进行|开展|制定|必须|担任|安排|抓紧|加紧|尽快|立即|《|由$")
# "各活动开展单位", "存在消防隐患责任单位": a verb that only says which units, in a group's name
_GROUP_OF_UNITS = re.compile(r"各[^,，;；。《]{1,12}(?:单位|部门)")
_NOT_AN_OWNER = frozenset({"开会", "与会", "其他", "其中", "此外", "文明", "各自"})


_PAUSE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def _is_concrete_without_directive(candidate: Candidate) -> bool:
    """ "11月底初具规模": a time limit plus an act, with no directive token."""
    acts = r"完成|开工|竣工|进场|施工|到位|建成|规模|办结|开街|报告|报送|上报|提交|新增|不少于|不低于"
    # a cadence with an act is a standing duty ("每周一上午九点半召开办公例会"); a date with one may be history
    cadence_act = has_fixed_day(candidate.recurrence) and bool(_ANY_ACT.search(candidate.text))
    return (bool(candidate.deadline) and bool(re.search(acts, candidate.text))) or cadence_act


# --- the whole speech ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Chain:
    """Whose work a subjectless clause is: the party named last, as far as its chain goes on (``find_tasks``)."""

    carried: str | None = None  # the party the chain goes on with
    continues: bool = False  # whether the next sentence may go on with it: this one named it, or opened on 要…
    named_in_item: bool = False  # whether the carried party was named inside an inline item (四是…)
    directed: bool = False  # whether a candidate of the current sentence directs anyone (task or exhortation)
    lapsed: bool = False  # whether a sentence directing nobody came after the carried party was named
    label: str | None = None  # the party an item label of the current paragraph names ("1、旅游职专：")
    colon: bool = False  # whether the last candidate's sentence ended with a colon (a list runs in after it)
    in_list: bool = False  # whether the current sentence is one of them
    list_party: str | None = None  # the party the lead-in of that list named
    series_party: str | None = None  # the party a series' lead-in named ("各股室要…。一是…二是…")
    sentence: int = -1  # where the last candidate's sentence and paragraph start
    paragraph: int = -1

    def enter(self, cand: Candidate, paragraph: str) -> bool:
        """Move on to ``cand``: a new topic, sentence or item ends the chain; an item label restarts it.
        True where ``cand`` is the first item of a list run in after a colon (its lead-in is no task)."""
        new_paragraph = cand.paragraph_start != self.paragraph
        new_sentence = cand.sentence_start != self.sentence
        opening = cand.text.lstrip(" ,，;；")
        # both patterns only where a marker can open (most candidates open with none; issue 18)
        first = opening[:1]
        inline = first in _INLINE_FIRST and bool(_INLINE_ITEM.match(opening))
        enumerates = (first in _ENUMERATION_FIRST or first.isdecimal()) and bool(ENUMERATION.match(opening))
        # "由局建设管理科牵头,协调…单位:(一)8月15日前完成…;(二)…": items run in after a colon are the party's
        listed = enumerates and not new_paragraph and new_sentence and (self.colon or self.in_list)
        first_listed = listed and self.colon
        if new_sentence:
            self.in_list = listed
        if listed:  # each item goes on with the party of the lead-in, not one named inside an item before it
            if self.colon:
                self.list_party = self.carried if self.continues else None
            self.carried, self.continues = self.list_party, self.list_party is not None
        # A paragraph continues the last one's party only when that one ended naming it and this one
        # opens no new item (one-sentence paragraphs of a .docx speech; d01's 会议指出… starts afresh).
        if (new_paragraph and LEAD_IN.match(cand.text.lstrip())) or (
            new_sentence and not self.continues and not listed
        ):
            self._end()
        # "区财政部门要…。会议讨论并通过了…办法。要从严…": a sentence directing nobody ends the party's
        # chain; the work after it is still judged as the chain's, but the party no longer owns it
        if new_sentence:
            self.lapsed = (self.lapsed or not self.directed) and self.carried is not None
            self.directed = False
        # A series opening on 一是/第一 after a sentence that named its party ("各股室要…。一是…") is that party's
        if inline and new_sentence and opening.startswith(("一", "第一")):
            self.series_party = self.carried if self.continues else None
        elif new_paragraph and not inline:
            self.series_party = None
        # "(三)…", "2.…" opening a paragraph: a new item, a new topic; "二要…" inside one goes on, unless
        # the party was named inside the item before, in this sentence or the last ("一是县政府各分管领导要…；
        # 二是教育方面,要…": real6 t11)
        if ((new_paragraph or not inline) and enumerates and not listed) or (inline and self.named_in_item):
            self._end()
        if inline and new_sentence and self.series_party:  # each item of the series is the lead-in party's
            self.carried, self.continues, self.named_in_item, self.lapsed = self.series_party, True, False, False
        if new_paragraph:
            self.label = item_label(paragraph)
            if self.label:
                self.carried, self.continues, self.named_in_item, self.lapsed = self.label, True, False, False
        self.sentence, self.paragraph = cand.sentence_start, cand.paragraph_start
        if new_sentence:  # its candidates share the sentence: asked once a sentence
            self.colon = cand.sentence.rstrip().endswith((":", "："))
        return first_listed

    def follow(self, cand: Candidate) -> None:
        """Take in a judged candidate: the party it names carries on; a subjectless task takes the chain's."""
        self.directed = self.directed or cand.is_task or cand.is_requirement or cand.owner_explicit
        if cand.owner_explicit:
            self.carried, self.continues, self.lapsed = cand.owner, True, False
            self.named_in_item = _opens_an_item(cand.sentence)
        elif (addressee := _addressee(cand.text)) is not None:
            self.carried, self.continues, self.lapsed = addressee, True, False  # "要求各乡镇:一要…;二要…"
            self.named_in_item = False
            if cand.is_task:
                cand.owner = addressee  # "要求相关部门,一要及时…汇报": the first item is in the asking clause
            cand.extra["carried"] = addressee  # the party of the task the model may make of it
        elif cand.is_task or cand.is_requirement:
            # only a sentence that opens on its directive ("要…", "二要…") goes on with the chain's party
            self.continues = self.continues and bool(_OPENS_WITH_DIRECTIVE.match(cand.text))
            if cand.is_task and self.carried and not self.lapsed:
                cand.owner = self.carried

    def _end(self) -> None:
        self.carried, self.continues = None, False


def find_tasks(text: str, breaks: Sequence[int] = ()) -> tuple[list[Candidate], list[Task]]:
    """Judged candidates (tasks and exhortations) of a text, plus the tasks of its task tables.

    A clause without a subject takes the party of the clause before it in the same sentence, or
    of the previous sentence when that one named its party outright (d01 指挥部, d11); a chain of
    subjectless sentences in one paragraph keeps the party named at its head ("各乡镇一要…。二要…",
    the eval's task conventions); a new paragraph starts afresh, unless an item label names its
    party ("1、旅游职专：会议要求…").
    """
    _is_party.cache_clear()  # its hits are one text's chunks asked again; across texts it would only fill up
    table, used, spans = table_tasks(text)
    # A clause a table already gave as an item's task is that task, not a second one (a flattened notice's
    # "3.推进村村通工程…(责任单位:交通局)", cut at its item number)
    spans = spans + [(t.start, t.end) for t in table]
    minutes = is_minutes(text)
    paragraph_of = _paragraphs(text)
    judged: list[Candidate] = []
    chain = _Chain()
    for cand in candidates(text, breaks):
        if cand.paragraph_start in used or (spans and any(s < cand.end and cand.start < e for s, e in spans)):
            continue
        paragraph = paragraph_of(cand.paragraph_start)
        if chain.enter(cand, paragraph):
            _leave_the_work_to_the_items(judged)
        cand.extra["paragraph"] = paragraph
        above: tuple[str, ...] = ()
        # "请以上责任单位…": the units named with 负责的 before
        if "以上" in cand.text and ABOVE_UNITS.search(cand.text):
            above = tuple(dict.fromkeys(m.group("party") for m in RESPONSIBLE_FOR.finditer(cand.sentence)))
        judge(cand, above, chain.carried, minutes)
        cand.extra["carried"] = chain.carried or ""  # whose work a subjectless clause here would be
        chain.follow(cand)
        if minutes and not cand.is_task and _is_minutes_item(cand):
            cand.is_task, cand.is_requirement, cand.owner = True, False, chain.label
            if cand.deadline is None and cand.recurrence is None:
                _find_times(cand)
        if cand.is_task and cand.owner in _DEMONSTRATIVES and chain.label:  # "1、旅游职专：…该校要…" → 旅游职专
            cand.owner = chain.label
        if cand.is_task and cand.owner:
            _name_the_person(cand)
        judged.append(cand)
    return judged, table


# The words that make a text a meeting's minutes (纪要): who chaired and attended, what was decided.
MINUTES = re.compile(r"主持召开|出席会议|列席会议|会议纪要|议定事项|会议议定|会议决定")


@lru_cache(maxsize=1)  # the model asks again of the same speech (classifier.document_kind): one search a speech
def is_minutes(text: str) -> bool:
    """Whether a text is a meeting's minutes (``MINUTES``)."""
    return MINUTES.search(text) is not None


# A numbered item opening a paragraph: 1. 2、 (三) 四、
_ITEM_MARK = re.compile(
    r"^\s*(?:\d{1,2}[.、．](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)"
)
# A report of what was done, not work to do: 了, 已, 正在, 曾.
_DONE = re.compile(r"(?<![为除])了(?!解)|已(?!有)|正在|曾")


# How an item states a fact instead of setting work: "…是重要的民生工程", "进入调试阶段", "同比上涨4%".
_STATUS = re.compile(r"是|进入|同比|上涨|下降|增长|%|％")
# A standing rule for cases, not one piece of work: "对考核不合格的,一律暂停…", "能自行解决的要立即解决".
_RULE_FOR_CASES = re.compile(r"的[,，]|的要|一律")
_AGENDA = re.compile(r"(?:会议)?(?:审议|听取|研究|讨论|通报|关于|原则同意|同意)")
_ANY_ACT = re.compile(alternation(ACTION_VERBS))


def _is_minutes_item(cand: Candidate) -> bool:
    """A numbered item of minutes that sets work without naming its party ("4、校园道路全面检查清理，…"):
    the minutes list what was decided, so an item with an act or a deliverable is a task."""
    paragraph = cand.extra.get("paragraph", "")
    if cand.owner_explicit or not _ITEM_MARK.match(paragraph):
        return False  # a party named and judged already
    if re.search(r"[。！？!?；;].", paragraph.strip()):
        return False  # a list of work items gives one sentence each; a longer paragraph argues or reports
    # an agenda line ("审议《…方案》", "关于信息报送") is one phrase; an item of work is a sentence with an act
    text = cand.text
    if not re.search(r"[,，;；]", text) or _AGENDA.match(text) or _RULE_FOR_CASES.search(text):
        return False
    if not _ANY_ACT.search(text) or _DONE.search(text) or _STATUS.search(text):
        return False
    return not (REPORTED.search(text) or ATTITUDE.search(text))


_OPENS_WITH_DIRECTIVE = re.compile(rf"(?:还|也|都|同时|并|更)?(?:{alternation(CHAIN_DIRECTIVES)})")
_INLINE_ITEM = re.compile(r"[一二三四五六七八九十]{1,3}(?:是|要)|第[一二三四五六七八九十]{1,3}|其次|再次|最后")
_INLINE_FIRST = frozenset("一二三四五六七八九十第其再最")  # the characters its matches open with
_ENUMERATION_FIRST = frozenset("一二三四五六七八九十第(（首其最")  # ENUMERATION's, and a digit (\d: isdecimal)
# "1、旅游职专：…", "(二)县财政局：…": a paragraph whose item is labelled with the party it concerns.
_ITEM_LABEL = re.compile(
    r"^\s*(?:\d{1,2}[.、．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)\s*"
    r"(?P<label>[\u4e00-\u9fff（）()、]{2,14})[:：]"
)
_NOT_A_LABEL = re.compile(alternation(NOT_A_LABEL))
_DEMONSTRATIVES = frozenset(DEMONSTRATIVES)


def _opens_an_item(sentence: str) -> bool:
    """Whether an inline item marker opens the sentence, after any lead-in ("县长强调：一是…", "二要…")."""
    _, cut = strip_lead_in(sentence.lstrip(" ,，;；\u3000"))
    return bool(_INLINE_ITEM.search(sentence.lstrip(" ,，;；\u3000")[:cut]))


def item_label(paragraph: str) -> str | None:
    """The party an item's label names ("1、旅游职专：会议要求…" → 旅游职专), else None."""
    m = _ITEM_LABEL.match(paragraph)
    if not m or _NOT_A_LABEL.search(m["label"]):
        return None
    if "、" in m["label"] and not _is_party(m["label"]):
        return None  # "1、自主创新十佳、产品质量十佳:": a list of kinds (awards, matters), not of parties
    return m["label"]


def _leave_the_work_to_the_items(judged: list[Candidate]) -> None:
    """The sentence before a run-in list ("由局建设管理科牵头,协调…等单位:(一)…;(二)…") leads into the
    items, which are the work: its own candidates are no tasks, whatever the model makes of them."""
    lead_in = judged[-1].sentence_start if judged else -1
    for cand in reversed(judged):
        if cand.sentence_start != lead_in:
            break
        cand.is_task = cand.is_requirement = False
        cand.extra["leads_in"] = "1"


def _paragraphs(text: str) -> Callable[[int], str]:
    """The paragraph starting at an offset, each cut once: candidates of one paragraph share it
    (searching for its end and copying it per candidate was quadratic in paragraph length, issue 18)."""
    cache: dict[int, str] = {}

    def paragraph_of(start: int) -> str:
        if start not in cache:
            cache.clear()  # candidates come in order: only the current paragraph is ever asked again
            end = text.find("\n", start)
            cache[start] = text[start : end if end >= 0 else len(text)]
        return cache[start]

    return paragraph_of


def _name_the_person(cand: Candidate) -> None:
    """A person owns the task by name, without unit, title or 同志: "财务部张明同志负责" → 张明, and
    the unit before the name (财务部) leads it, for the 台账's 责任单位 column."""
    owner = cand.owner or ""
    name = person_name(owner) if len(owner) <= 20 and not _NAMES.fullmatch(owner) else None  # not 梁华 of 李杰、梁华
    if not name and (titled := _TITLE_AFTER_NAME.search(owner)) is not None:
        name = _name_before_title(owner[: titled.start()])
        owner = owner[: titled.start()] if name else owner  # "基金监管科李卫东科长": unit, name, title
    addressed = _SURNAME_TITLE.match(owner) if not name else None
    if addressed and addressed["unit"].endswith(UNIT_SUFFIXES):  # "城管科张科长" → 张科长, as he is called
        name = addressed["who"]
    cand.person = name or person_in(owner)
    if not name:
        return
    unit = owner.removesuffix("同志").removesuffix(name)
    if unit.endswith(UNIT_SUFFIXES) and not cand.lead:
        cand.lead = unit
    cand.owner = name


_NAMES = re.compile(r"[\u4e00-\u9fff]{2,3}(?:、[\u4e00-\u9fff]{2,3})+")


def _name_before_title(unit_and_name: str) -> str | None:
    """The full name a unit's name runs into before a title ("基金监管科李卫东" → 李卫东): a common
    surname opening the last three (else two) characters, after a unit's ending."""
    for size in (3, 2):
        name, unit = unit_and_name[-size:], unit_and_name[:-size]
        if (
            len(unit_and_name) > size
            and name[0] in COMMON_SURNAMES
            and unit.endswith(UNIT_SUFFIXES)
            and not _ends_with_party_end(name)  # "各村党支部书记": 党支部 is a unit
        ):
            return name
    return None


_TITLE_AFTER_NAME = re.compile(rf"(?<=[\u4e00-\u9fff]{{3}})副?(?:{alternation(ROLE_TITLES)})(?:同志)?$")
_SURNAME_TITLE = re.compile(
    r"^(?P<unit>.+?)(?P<who>[^区县市镇乡村局委办部科处室所站队组院校社团司厅省州旗场中心\W\d]"
    r"副?(?:科长|主任|局长|处长|所长|站长|部长|组长|队长|经理|总监|书记|总))$"
)


def person_in(owner: str) -> str | None:
    """The person or role an owner names (张三同志, 分管领导), from the pipeline's entities."""
    for ent in parse(owner).ents:
        if ent.label_ == "PERSON":  # "副县长张三同志": the title before the name is not the person
            return re.sub(r"^[\u4e00-\u9fff]*?(?:长|书记|主任|主席|委员)(?=[\u4e00-\u9fff]{2,3}同志$)", "", ent.text)
        if ent.label_ == "ROLE":
            return ent.text
    return None


def fill_section_owners(judged: list[Candidate], headings: tuple[Heading, ...]) -> None:
    """A task that names nobody goes to the party the section last addressed ("二要…信息报送工作。…
    各地各学校要及时报送…。…要建立重大事件报告制度" → 各地各学校). Sections are the speech's two
    outer heading levels; text before any heading has no addressee to fall back on."""
    sections = sorted(h.start for h in headings if h.level <= 2)
    if not sections:
        return
    # One pass (the backward search per task was quadratic in a long speech's candidates, issue 18):
    # the latest explicit owner so far, and where it was named.
    owner, named_at = None, -1
    for cand in judged:
        if cand.is_task and not cand.owner:
            opened = bisect_right(sections, cand.start)
            if opened and owner is not None and named_at >= sections[opened - 1]:
                cand.owner = owner
        if cand.owner_explicit and cand.owner and not GENERIC_PARTY.match(cand.owner):
            owner, named_at = cand.owner, cand.start


def heading_path(headings: tuple[Heading, ...], offset: int) -> tuple[str, ...]:
    """The texts of the headings above an offset, outermost first."""
    stack: list[Heading] = []
    for heading in headings:
        if heading.start > offset:
            break
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        stack.append(heading)
    return tuple(h.text for h in stack)
