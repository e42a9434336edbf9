"""时限 and 频次: find a deadline phrase, resolve it to a date, turn a cadence into an RRULE.

Why not JioNLP's ``parse_time``: it was tried (1.5.31, 70 MB installed). It returns a *blur* span
for 底 ("2024年3月底" → 25–31) where a deadline means the last day, raises on "月底前", "元月份"
and "9 月 20 前", counts 工作日 without the official 调休 schedule, and never rolls a month that
has already passed over to next year. Every one of those is deadline semantics, so the thin rule
layer below is all we need: cn2an for Chinese numerals, chinesecalendar for working days.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from speechkit.extract.words import ACT_ADVERBS, ACTION_VERBS, CARRIER_VERBS, alternation

__all__ = [
    "DEADLINE_FORMS", "Deadline", "DeadlineForm", "cadence_limit", "find_deadline", "find_recurrence", "has_fixed_day",
    "may_hold_deadline", "may_open_with_time", "resolve_deadline", "to_rrule",
]  # fmt: skip

NUM = r"[0-9０-９一二三四五六七八九十两〇零]{1,3}"
# Festivals, holidays and seasons a limit is set against: 春节前, 国庆假期前, 暑期来临前, 春耕前
_EVENTS = (
    r"(?:春节|元旦|国庆|中秋|端午|五一|清明)(?:节|假期|长假|放假)?|主?汛期|入汛|汛前|开学|入冬|雨季|冬季|台风季"
    r"|春耕|夏收|秋收|三夏|三秋|暑期|暑假|寒假|假期|供暖季|采暖季|供暖期|迎检"
)
_HAN_YEAR = r"[〇○零一二三四五六七八九]{4}"  # 二〇二五年
_NAMED_MONTH = r"(?:下个?月|次月|本月|这个月|当月)"  # the month of 下个月十号, 本月15日
_WEEKDAY = r"(?:\s*[(（](?:星期|周|礼拜)[一二三四五六日天][)）])?"  # 6月20日（星期五）前
_SP = r"\s*"
_TO = r"(?:至|到|—|－|-|～|~)"  # between a window's first and last day: 10月15日—11月14日, 即日起至9月26日
BEFORE = r"(?:之前|以前|前|为止|内|之内)"

_YEAR = rf"(?:(?:\d{{4}}|{_HAN_YEAR}|[今明])\s*年\s*)"  # 2026年, 二〇二五年, 今年, 明年
_HALF_DAY = r"(?:上午|下午|中午|晚上|早上)"
_FIRST_WORKDAY = r"(?:第[一1]个工作日)"  # 9月7日第一个工作日: the day itself, said as the term's first working day
# 18:00, 9：30, 5点, 五点半, 17时 after a day: "6月20日18：00前", "3月5日下午5点前"
_CLOCK = rf"(?:\s*\d{{1,2}}\s*[:：]\s*\d{{2}}(?:\s*点)?|\s*{NUM}\s*[点时](?:\s*{NUM}\s*分|半|整)?)"
_WORK_BELL = r"(?:下班|上班|放学)(?=之前|以前|前)"  # "9月30日下午下班前": the end of that working day


@dataclass(frozen=True, slots=True)
class DeadlineForm:
    """One way a time limit is written (时限的一种写法): its name, its pattern, the rule that turns it
    into a date, and examples ``(clause, phrase found, meeting date, date)`` that run as tests
    (``tests/test_deadlines.py``). One new form is one new row of ``DEADLINE_FORMS``."""

    name: str
    pattern: str
    resolver: str  # the name of the function below that resolves it ("" = no date can be computed)
    examples: tuple[tuple[str, str, str | None, str | None], ...]


# The first form that matches (leftmost, then longest) wins in find_deadline.
DEADLINE_FORMS: tuple[DeadlineForm, ...] = (
    DeadlineForm(
        "event-relative",  # 事件发生后2小时内: a limit, but no date can be computed
        rf"(?:[\u4e00-\u9fff]{{0,2}}(?:发生|接到|收到|结束|下发|印发|发现|到达|之日|反馈|验收|批复|公布|签订|办结))"
        rf"(?:后|起){NUM}{_SP}(?:个)?(?:小时|天|日|个?工作日|周|个月){BEFORE}",
        "",
        (("必须在事件发生后2小时内报送市教育局", "事件发生后2小时内", "2024-05-22", None),),
    ),
    DeadlineForm(
        "date-range",  # 10月15日—11月14日, 自即日起至9月26日: a window whose last day is the limit
        rf"(?:自?即日起|{_YEAR}?{NUM}{_SP}月{_SP}{NUM}{_SP}[日号]{_SP}(?:起)?){_SP}{_TO}{_SP}"
        rf"(?:{NUM}{_SP}月{_SP})?{NUM}{_SP}[日号](?:{_HALF_DAY}?{_CLOCK})?(?:止|{BEFORE})?",
        "resolve_range",
        (
            (
                "10月15日—11月14日,各二级学院要加强宣传,积极发动学生进行申报",
                "10月15日—11月14日",
                "2021-10-10",
                "2021-11-14",
            ),
            ("自即日起至9月26日,各部门要组织一次全面的安全自查", "自即日起至9月26日", "2024-09-20", "2024-09-26"),
            ("2019年5月6日至6月6日,公司开展消防安全专项大检查", "2019年5月6日至6月6日", None, "2019-06-06"),
        ),
    ),
    DeadlineForm(
        "month-and-day",  # 2016年3月底前, 今年7月中旬前, 10月15日前, 9 月 20 前, 元月份, 29日上午前 of a month
        rf"{_YEAR}?(?:{NUM}|元){_SP}月{_SP}"
        rf"(?:(?:{NUM}){_SP}[日号]?{_WEEKDAY}(?:{_HALF_DAY}|{_FIRST_WORKDAY})?(?:{_CLOCK}|{_WORK_BELL})?"
        rf"|底|末|初|上旬|中旬|下旬|份|中)?{_SP}{BEFORE}?",
        "resolve_month",
        (
            ("9月7日第一个工作日，安排工程部人员设立临时报修点", "9月7日第一个工作日", "2017-08-28", "2017-09-07"),
            ("在3月25日前清运完毕", "3月25日前", "2023-12-20", "2024-03-25"),  # a month past: next year
            ("2016年3月底前完成", "2016年3月底前", "2015-07-02", "2016-03-31"),
            ("2026年10月底前完成验收", "2026年10月底前", None, "2026-10-31"),  # its own year: no meeting needed
            ("今年7月中旬前进场施工", "今年7月中旬前", "2015-07-02", "2015-07-20"),
            ("于2025年6月20日（星期五）前印发", "2025年6月20日（星期五）前", None, "2025-06-20"),
            ("4月29日下午前报送", "4月29日下午前", "2024-04-20", "2024-04-29"),
            ("于6月20日18：00前报送自查报告", "6月20日18：00前", "2014-06-10", "2014-06-20"),
            ("请于3月5日下午5点前报送", "3月5日下午5点前", "2024-03-01", "2024-03-05"),
            ("请于1月7日上午九点半前报名", "1月7日上午九点半前", "2023-12-28", "2024-01-07"),
            ("请各位同事在9月30日下午下班前关闭电源", "9月30日下午下班前", "2024-09-25", "2024-09-30"),
        ),
    ),
    DeadlineForm(
        "day-of-this-month",  # 29日上午前, 29日前: a day of the meeting's month (the next month once past)
        rf"(?<![月\d０-９一二三四五六七八九十两〇零]){NUM}{_SP}[日号](?:{_HALF_DAY}?{_CLOCK}?(?:之前|以前|前)|{_HALF_DAY})",
        "resolve_day_of_month",
        (
            ("29日上午前报送区政府办", "29日上午前", "2024-05-20", "2024-05-29"),
            ("各单位于29日上午前报送", "29日上午前", "2024-05-30", "2024-06-29"),
        ),
    ),
    DeadlineForm(
        "quarter-or-half",  # 一季度, 第三季度末前, 上半年, 明年上半年, 2025年下半年
        rf"{_YEAR}?(?:第?[一二三四1-4]季度|[上下]半年)(?:末|底)?{BEFORE}?",
        "resolve_quarter",
        (
            ("力争明年一季度具备投产条件", "明年一季度", "2024-05-22", "2025-03-31"),
            ("明年上半年完成改造", "明年上半年", "2024-05-22", "2025-06-30"),
            ("第三季度末前完成", "第三季度末前", "2024-01-10", "2024-09-30"),
        ),
    ),
    DeadlineForm(
        "named-month-day",  # 下个月十号之前, 本月15日前
        rf"{_NAMED_MONTH}{_SP}{NUM}{_SP}[日号]{BEFORE}?",
        "resolve_relative",
        (("下个月十号之前报上来", "下个月十号之前", "2024-05-22", "2024-06-10"),),
    ),
    DeadlineForm(
        "this-or-next-period",  # 本月底前, 月底前, 年底前, 今年年内, 明年年底, 本周内, 下周五前, 本季度末
        rf"(?:今年|明年)?(?:本|这个?|下个?|今|明|当)?(?:(?:月|年|季度)(?:底|末|[上中下]旬|中|内|初)?"
        rf"|(?:周|星期)(?:末|内|[一二三四五六日天])?){BEFORE}?",
        "resolve_relative",
        (
            ("年底前全部完成", "年底前", "2024-04-17", "2024-12-31"),
            ("今年年内完成全部改造", "今年年内", "2024-04-17", "2024-12-31"),
            ("明年年底前建成", "明年年底前", "2024-04-17", "2025-12-31"),
            ("下周五前报送", "下周五前", "2024-05-22", "2024-05-31"),
            ("所有项目下月中旬要全部竣工", "下月中旬", "2020-11-27", "2020-12-20"),
            ("凡未认真实行减租的，必须于今年一律减租", "今年", "1943-10-01", "1943-12-31"),  # the year, asked
        ),
    ),
    DeadlineForm(
        "year-of-its-own",  # 2017年底, 2018年年底, 1996年内, 2025年前: a year written out, its end; the year
        # alone where the work is planned in it (1996年要完成…, 务必在一九四六年…; _is_time_limit)
        rf"(?:\d{{4}}|{_HAN_YEAR})\s*年\s*(?:年\s*)?(?:(?:底|末|内|中)(?:之前|以前|前)?|前(?!后))?",
        "resolve_own_year",
        (
            ("希望2017年底，至少在每个国家有一两个样板点", "2017年底", None, "2017-12-31"),
            ("2018年年底，所有的会议室都要完成改造", "2018年年底", "2016-05-01", "2018-12-31"),
            ("要在1996年内实现正规化", "1996年内", "1995-12-01", "1996-12-31"),
            ("1996年要完成以片区工程部、办事处为基础的销售平台的建设", "1996年", "1995-12-01", "1996-12-31"),
            ("各地务必在一九四六年，在一切新解放区发动减租", "一九四六年", None, "1946-12-31"),
            ("争取2019年做好申报工作", "2019年", "2018-12-20", "2019-12-31"),
        ),
    ),
    DeadlineForm(
        "counted",  # 三个工作日内, 10日内, 15天之内, 两周内, 会后十天内 (counted from the meeting all the same)
        rf"(?:会后|会议结束后)?{NUM}{_SP}(?:个)?(?:工作日|自然日|日|天|周|星期|个月){BEFORE}",
        "resolve_counted",
        (
            ("三个工作日内报送", "三个工作日内", "2024-05-22", "2024-05-27"),
            ("各位副会长在会后十天内返回书面修改意见", "会后十天内", "2013-03-09", "2013-03-19"),
        ),
    ),
    DeadlineForm(
        "span-of-years",  # 3—5年内, 2-3年内: a range of years the work may take (no date; not 年内, this year)
        rf"{NUM}{_SP}[-—–~～至到]{_SP}{NUM}{_SP}(?:个)?年(?:之内|以内|内)",
        "",
        (
            ("力争2-3年内缓控释肥产销量达到50万吨", "2-3年内", "2023-09-01", None),
            ("所以3—5年内把LTC作为重点", "3—5年内", "2014-05-01", None),
        ),
    ),
    DeadlineForm(
        "clock-time",  # 明天早上8点以前, 每天晚上八点前 (a daily limit)
        rf"(?:今天|明天|明日|当天|当日|每天|每日){_HALF_DAY}?(?:{NUM}(?:点|时)半?{BEFORE}?|{BEFORE})",
        "resolve_day",
        (("明天早上8点以前要发放到位", "明天早上8点以前", "2024-01-27", "2024-01-28"),),
    ),
    DeadlineForm(
        "whole-year", r"全年", "resolve_quarter", (("全年新增就业1000人", "全年", "2025-04-17", "2025-12-31"),)
    ),
    DeadlineForm(
        "after-the-meeting",  # 会后, 回去后: as soon as the meeting is over (no date: how soon is not said)
        r"(?<=[在于])(?:会后|会议结束后)|(?<=[\u4e00-\u9fff])回去后",
        "",
        (  # said after the party; "…的意见，会后提交…" in an approval is the procedure, not a limit (dev d02)
            ("各负责人在会后将工作计划纸质版交至综管办", "会后", "2021-04-01", None),
            ("各单位回去后要认真学习落实", "回去后", None, None),
        ),
    ),
    DeadlineForm(
        "span-of-time",  # 用三年时间, 通过一二年时间, 力争用两个月左右的时间: how long the work may take (no date:
        # a span is an estimate, often a range)
        rf"(?:通过|利用|用|花)(?:{NUM}|[一二三四五六七八九十两]{{2}})(?:个)?(?:年|月|周|星期)(?:左右)?(?:的)?时间(?!的|里|中)",
        "",
        (
            ("梁华要抓紧通过一二年时间，将有偿服务试验出成果来", "通过一二年时间", "2024-05-22", None),
            ("力争用三年时间基本完成老旧小区改造", "用三年时间", "2024-05-22", None),
        ),
    ),
    DeadlineForm(
        "before-an-event",  # 春节前, 国庆节前, 汛期前, 开学前, “五一”前: a limit, but no date without a calendar
        # of events
        rf"(?:今年|明年)?(?:秋季|春季)?[“\"]?(?:{_EVENTS})[”\"]?(?:来临|到来|开始)?{BEFORE}",
        "",
        (
            ("要于春节前组织对全市人员密集场所开展一轮安全检查", "春节前", "2024-05-22", None),
            ("各村要在清明前完成水毁沟渠修复", "清明前", "2024-03-05", None),
            ("各地要在国庆前完成整改", "国庆前", "2024-05-22", None),
            ("抢抓时点，“五一”前完成早稻机插", "“五一”前", "2024-04-02", None),
            ("秋季开学前开通中小学校定制公交线路8条", "秋季开学前", "2025-07-10", None),
            ("元旦放假前,教务处要督促各教学单位做好期末考试安排", "元旦放假前", "2024-12-20", None),
            ("县市场监管局要在供暖季开始前完成对供热企业收费行为的专项检查", "供暖季开始前", "2024-09-20", None),
            ("寒假开始前总务处要集中开展一次安全大检查", "寒假开始前", "2024-12-20", None),
            ("市交通运输局要在迎检前完成全部公交站亭的维修更新", "迎检前", "2024-05-10", None),
        ),
    ),
    DeadlineForm(
        "before-a-short-event",  # 会前, 节前, 节日前, 考前, 汛前, 放假前, 期末之前: an event said by one word
        # and 前 (not 三年前, 目前, 当前: no numeral or 目/当 before it), then the act to be done by then (not
        # 汛前准备, 节前各项工作: a kind of work; not "会前,我们组织…参观了": a meeting's own story; not
        # "会前要认真开展调查研究": how to prepare any meeting)
        r"(?<![0-9０-９一二三四五六七八九十两几多数目当此之以提社机])(?:节日|节|会|考|汛|放假|期末)(?:之前|以前|前)"
        r"(?=\s*[,，]?\s*(?:要|应|须|需|必须|务必|一定)?(?:及时|全面)?"
        r"(?:对|将|把|向|交|报|上报|报送|提交|完成|竣工|做好|组织|召开|开展|进行|落实|检查|整改)"
        # "开展节前安全生产大检查", "做好节日前的安全检查": the check to be made before the holiday
        r"|的?[^,，。;；]{0,6}?(?:大检查|检查|排查|巡查|大扫除|演练))",
        "",
        (
            ("请将汇报材料纸质版会前交市科协组织部", "会前", "2019-10-09", None),
            ("各系务必于考前做好考风考纪教育", "考前", "2021-06-01", None),
            ("各大中型水库汛前应及时做好报汛业务培训", "汛前", "2022-03-01", None),
            ("节日前全面完成安全检查", "节日前", "2008-01-20", None),
            ("统战部门要在期末之前组织一次专题学习", "期末之前", "2015-05-20", None),
            ("各班级在放假前组织开展幼儿安全教育", "放假前", "2024-01-10", None),
            ("要组织开展节前安全生产大检查", "节前", "2024-09-20", None),
            ("下属公司要做好节日前的安全检查", "节日前", "2024-01-20", None),
            ("各企业在节前,组织一次全覆盖的安全生产检查", "节前", "2024-01-20", None),
        ),
    ),
    DeadlineForm(
        "dotted-date",  # 2025.4.30, 2024/6/15前: a whole date written with dots or slashes, its year first
        rf"(?<![\d.．/])(?:19|20)\d{{2}}[.．/](?:1[0-2]|0?[1-9])[.．/](?:3[01]|[12]\d|0?[1-9])(?![\d.．/%]){BEFORE}?",
        "resolve_dotted",
        (
            ("PMC流程再次上会，下次PMC会议（2025.4.30）", "2025.4.30", None, "2025-04-30"),
            ("请于2024/6/15前提交自查报告", "2024/6/15前", "2024-06-01", "2024-06-15"),
        ),
    ),
    DeadlineForm(
        "start-of-term",  # 开学第一天, 开学初, 开学第一周: the school year's first days, a date no calendar here has
        r"(?:秋季|春季)?开学(?:第一天|第一周|初|当天)",
        "",
        (
            ("开学第一天教师要到岗", "开学第一天", "2024-08-20", None),
            ("各校要在开学第一周对本学校安全情况进行一次全面排查", "开学第一周", "2014-02-10", None),
        ),
    ),
    DeadlineForm(
        "after-an-event",  # 开学后两周内: counted from an event whose date is not known
        rf"(?:{_EVENTS})(?:后|以后|之后){NUM}{_SP}(?:个)?(?:小时|天|日|个?工作日|周|个?星期|个月){BEFORE}",
        "",
        (("开学后两周内,各学校要组织开展一次应急疏散演练", "开学后两周内", "2025-08-20", None),),
    ),
)
DEADLINE_PATTERNS: tuple[str, ...] = tuple(form.pattern for form in DEADLINE_FORMS)
DEADLINE_RE = re.compile("|".join(f"(?:{p})" for p in DEADLINE_PATTERNS))
# The same forms less the event-relative one, for clauses with none of its verbs, behind a lookahead of
# the characters every other form can start with: the engine passes over most places without trying
# the forms one by one (the same matches; deadlines were the text stage's costliest pattern, issue 18).
_EVENT_VERB = re.compile(r"发生|接到|收到|结束|下发|印发|发现|到达|之日|反馈|验收|批复|公布|签订|办结")
_FORM_STARTS = (
    "0-9０-９一二三四五六七八九十两〇○零元今明本这下当次月年季周星第上全每"
    '春国中端清主汛入开雨冬台夏秋三暑寒假会回通利用花“"节考放期自即供采迎'
)
_NO_EVENT_FORMS = "|".join(f"(?:{f.pattern})" for f in DEADLINE_FORMS if f.name != "event-relative")
_NO_EVENT_DEADLINE_RE = re.compile(rf"(?=[{_FORM_STARTS}])(?:{_NO_EVENT_FORMS})")
# All the forms, for a clause with one of those verbs, behind a lookahead of where a match can start: a
# character the other forms start with, or up to two characters before an event's verb (the event-relative
# form's opening). DEADLINE_RE itself opens with that form's [\u4e00-\u9fff]{0,2}, so every form was tried
# at every character (38 -> 11 µs a clause with such a verb in the eval texts; the same matches).
_EVENT_FORM_START = rf"[\u4e00-\u9fff]{{0,2}}(?:{_EVENT_VERB.pattern})"
_EVENT_DEADLINE_RE = re.compile(rf"(?=[{_FORM_STARTS}]|\d|{_EVENT_FORM_START})(?:{DEADLINE_RE.pattern})")
_OPENS_WITH_TIME = re.compile(rf"[{_FORM_STARTS}每一定]")  # a form's first character, or a cadence's
# A bare 月/年/周 with nothing before or after ("年"): not a deadline; 每月/每年 are recurrences.
_TRIVIAL = re.compile(r"^(?:本|这个|下个?|今|明|当)?(?:月|年|周|星期|季度)$|^[今明]年$")
_NOT_AFTER_EVERY = re.compile(r"[每逐]$")
# 清明, 端午, 国庆, 迎检
_MAY_HOLD_TIME = re.compile(r"[月年周星季天日时\d０-９节旦汛学冬一雨耕收夏秋暑寒假后明午庆会考期迎]")
# What every form's match holds: a unit of time (月 年 周 星期 季度 天 日 号 小时), the 后 of 会后/回去后,
# or the event of before-an-event. Most clauses that pass the test above (一, 时 of 同时) hold none of
# these: they need no search at all (issue 18). One literal opening each branch (not a class): the engine
# then skips to the characters a match can start with (0.9 → 0.12 µs a chunk; the same matches).
_TIME_WORD = re.compile(
    r"月|年|周|星|季|天|日|号|后|汛"
    r"|小时|春节|元旦|国庆|中秋|端午|五一|清明|开学|入冬|雨季|春耕|夏收|秋收|三夏|三秋|暑期|暑假|寒假|假期"
    r"|节前|节日前|会前|考前|期末|放假|迎检|供暖期"
)
_DOTTED_DATE = re.compile(r"\d[.．/]\d{1,2}[.．/]\d")  # 2025.4.30: no unit of time, its dots instead


_EVENT = re.compile(rf"^(?:今年|明年)?(?:{_EVENTS})")


@dataclass(frozen=True, slots=True)
class Deadline:
    """A time limit as written, with its place in the clause."""

    text: str
    start: int
    end: int


def may_open_with_time(text: str) -> bool:
    """Whether a deadline or cadence can start at ``text``'s first character; if not, neither
    ``find_deadline`` nor ``find_recurrence`` finds one there. (An event-relative limit opens with any
    character before its verb: a text with such a verb may.)"""
    return _OPENS_WITH_TIME.match(text) is not None or _EVENT_VERB.search(text) is not None


def may_hold_deadline(text: str) -> bool:
    """Whether ``find_deadline`` can find a limit in ``text`` or in any part of it: every form's phrase
    holds one of ``_MAY_HOLD_TIME``'s characters and a unit of time, 后 or an event (``_TIME_WORD``)."""
    # _TIME_WORD first: three texts in ten hold a character of the first, one in ten a word of the second. A
    # dotted date is looked for only where a dot or a slash is (a digit class among _TIME_WORD's literals made
    # the engine try every character).
    if _TIME_WORD.search(text) is None:
        return ("." in text or "/" in text or "．" in text) and _DOTTED_DATE.search(text) is not None
    return _MAY_HOLD_TIME.search(text) is not None


@lru_cache(maxsize=1024)  # the same chunk is tested several times while grouping
def find_deadline(clause: str) -> Deadline | None:
    """The deadline phrase of a clause: the first limit (…前, …内, …底), else the first time.

    尽快/抓紧 are not deadlines; "对照年初签订的…，年底结硬账" → 年底, not 年初.
    """
    if not may_hold_deadline(clause):
        return None
    found = list(_time_phrases(clause))
    limits = [d for d in found if _ENDS_AS_LIMIT.search(d.text)]
    chosen = limits or found
    return chosen[0] if chosen else None


def _time_phrases(clause: str) -> Iterator[Deadline]:
    cadences = [(c.start(), c.end()) for c in RECURRENCE_RE.finditer(clause)]
    pattern = _EVENT_DEADLINE_RE if _EVENT_VERB.search(clause) else _NO_EVENT_DEADLINE_RE
    for m in pattern.finditer(clause):
        if cadences and any(a <= m.start() < b for a, b in cadences) and not _ENDS_AS_POINT.search(m.group(0)):
            continue  # "一月一调度" is a cadence, not January
        text = m.group(0).strip()
        if not text or _NOT_AFTER_EVERY.search(clause, 0, m.start()):  # what comes before, not copied out
            continue
        if _TRIVIAL.match(text) and not _BARE_YEAR.fullmatch(text):
            continue  # a bare 月/年; 今年 is a limit where work is planned in it (_is_time_limit)
        if not _is_time_limit(clause, m.start(), m.end(), text):
            continue
        yield Deadline(text, m.start(), m.start() + len(m.group(0).rstrip()))


def _is_time_limit(clause: str, start: int, end: int, text: str) -> bool:
    """Drop date mentions that are not limits: "10月10日下午,市政府召开…", "2022年第八次"."""
    if _A_RANGE.search(text):
        return True  # "10月15日—11月14日,各二级学院要…": a window the work is done in
    delivers = _DELIVERS.match(clause, end)
    planned = _PLANNED.match(clause, end)
    if _ENDS_AS_HALF_DAY.search(text) and not (delivers or planned):
        return False  # "3月19日上午,…" dates an event; "29日上午报送", "29日上午，医院将组织…" set a limit
    if _ENDS_AS_DAY.search(text) and not _YEAR_OR_WORKDAY.search(text):
        after = clause[end : end + 3]
        # "3月19日上午,…" reports when something happened; "3月25日完成" sets a limit.
        if _EVENT_AFTER_DAY.match(after):
            return False
    if not _ENDS_AS_BOUND.search(text) and _DATES_A_THING.match(clause, end):
        return False  # "对照年初签订的目标责任书": a time that dates a thing, not a limit
    if _BARE_YEAR.fullmatch(text):
        return _work_planned_in(clause, start, end)  # "2024年，全县实施…" reports; "1996年要完成…" sets a limit
    if _EVENT.match(text) and clause[end:].lstrip().startswith("的"):
        return False  # "今年春节前的冰雪灾害": when something happened
    if _OPENS_AS_SPAN.match(text) and text.endswith("前") and _COUNT_BEFORE.search(clause, 0, start):
        return False  # "三年前", "两个月前": ago, not before
    before = clause[max(0, start - 2) : start]
    return not _SINCE.search(before) or text.endswith(("前", "内"))


_A_RANGE = re.compile(rf"[日号起]\s*{_TO}\s*\S")
# _is_time_limit's tests, compiled once (each was looked up in the module's cache at every time phrase).
_ENDS_AS_LIMIT = re.compile(r"(?:前|内|底|末|为止)$")
_ENDS_AS_POINT = re.compile(r"[初底末前]$")
_DELIVERS = re.compile(r"\s*(?:报送|报|提交|上报|完成|交|到位)")
_PLANNED = re.compile(r"[,，]?\s*[\u4e00-\u9fff]{0,8}?(?:将|要|须|务必)")
_ENDS_AS_HALF_DAY = re.compile(rf"[日号]{_HALF_DAY}$")
_ENDS_AS_DAY = re.compile(r"[日号]$")
_YEAR_OR_WORKDAY = re.compile(r"\d{4}\s*年|工作日$")
_EVENT_AFTER_DAY = re.compile(r"\s*(?:上午|下午|晚|早|[,，、]|全|各|[市县区镇乡]政府|召开|举行)")
_ENDS_AS_BOUND = re.compile(r"[前内底末]$")
_DATES_A_THING = re.compile(r"[\u4e00-\u9fff]{1,3}的")
_OPENS_AS_SPAN = re.compile(r"[年月周]")
_COUNT_BEFORE = re.compile(rf"{NUM}个?$")
_SINCE = re.compile(r"(?:截至|截止|自|从|于是)$")


_BARE_YEAR = re.compile(rf"(?:\d{{4}}|{_HAN_YEAR}|[今明])\s*年(?:度)?")
# What makes a year alone the limit of the work: the work asked or aimed at in it ("1996年要…", "争取2019年
# 做好…", "务必在一九四六年，…", "必须于今年一律减租"), not 主要/重要/即将 or a report of it, nor the year
# of a thing ("在2025年协议文本中…"). 今年/明年 only after the ask: "今年要重点抓好…" frames a speech.
_PLANNED_AFTER = re.compile(
    r"\s*[\u4e00-\u9fff]{0,6}?(?<![主重需只想紧即])(?:要|将|须|务必|必须|力争|争取)(?![求点素])"
)
_PLANNED_BEFORE = re.compile(r"(?:(?:务必|必须|要|将|须|争取|力争|务使)[在于]?|(?<![主重需])要在|必须于)$")
_WORK_FOLLOWS = re.compile(
    rf"[,，、;；\s]|{alternation(ACT_ADVERBS + ACTION_VERBS + CARRIER_VERBS)}|全面|实现|达到|建成|拿出"
)


def _work_planned_in(clause: str, start: int, end: int) -> bool:
    """Whether a year alone (1996年, 一九四六年, 今年) is when the clause's work is to be done."""
    asked_before = _PLANNED_BEFORE.search(clause[max(0, start - 4) : start]) and _WORK_FOLLOWS.match(clause, end)
    if clause[start] in "今明":
        return bool(asked_before)
    return bool(asked_before or _PLANNED_AFTER.match(clause, end))


def _number(text: str) -> int:
    """'15' '十五' '两' '１２' → int (cn2an's smart mode reads both scripts); 0 when it is no number."""
    import cn2an

    text = text.strip()
    if text in ("两", "俩"):
        return 2
    try:
        return int(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError):  # cn2an raises KeyError on malformed numerals ("一十十")
        return 0


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def is_workday(day: date) -> bool:
    """Official Chinese working day (调休 included); Monday–Friday outside chinesecalendar's years."""
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def add_workdays(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (三个工作日内 from a Friday → next Wednesday)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_workday(day):
            count -= 1
    return day


def _year_for_month(month: int, meeting: date | None, explicit_year: int | None) -> int:
    """A month already past in the meeting's year means next year (meeting in December, 元月份)."""
    if explicit_year is not None or meeting is None:
        return explicit_year if explicit_year is not None else 0  # year 0: no calendar date
    return meeting.year + 1 if month < meeting.month else meeting.year


_ABSOLUTE = re.compile(
    rf"(?:(?P<year>\d{{4}}|{_HAN_YEAR}|[今明]){_SP}年{_SP})?(?P<month>{NUM}|元){_SP}月{_SP}"
    rf"(?:(?P<day>{NUM}){_SP}[日号]?|(?P<part>底|末|初|上旬|中旬|下旬|份|中))?"
)
_HAN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
_COUNTED = re.compile(rf"(?P<n>{NUM}){_SP}(?:个)?(?P<unit>工作日|自然日|日|天|周|星期|个月)")
_WEEKDAYS = "一二三四五六日天"


def resolve_deadline(text: str | None, meeting_date: date | None) -> date | None:
    """The last day a deadline phrase allows, counted from the meeting date; None if it has none.

    The phrase's form (``DEADLINE_FORMS``) says how: "10月15日前" → that day; "3月底" → the month's
    last day; "中旬前" → the 20th; "年底前"/"全年" → 31 December; "一季度" → 31 March; "三个工作日内"
    → on the official working-day calendar; "下周五前" → Friday of next week. Event-relative limits
    (事件发生后2小时内) give None. Without a meeting date only a phrase with its own year
    ("2026年10月底前") has a date.
    """
    if not text:
        return None
    text = re.sub(r"\s+", "", text)
    if text.startswith(("每", "定期")):  # a recurring limit has no single date; see Task.rrule
        return None
    text = re.sub(r"^(?:会后|会议结束后)(?=.)", "", text)  # "会后十天内": counted from the meeting all the same
    after_event = rf"[\u4e00-\u9fff](?:后|起){NUM}|发生后|之日起|收到|^(?:会后|会议结束后|回去后)$"
    if re.search(after_event, text) or _EVENT.match(text):
        return None
    form = next((f for f in DEADLINE_FORMS if re.fullmatch(f.pattern, text)), None)
    rules: tuple[Resolver, ...]
    if form is not None:
        rules = (_RESOLVERS[form.resolver],) if form.resolver else ()
    elif _ABSOLUTE.search(text):  # a cell or phrase with more around it: "9月7日第一个工作日"
        rules = (resolve_month,)
    else:
        rules = (resolve_counted, resolve_quarter, resolve_relative, resolve_day)
    for rule in rules:
        try:
            found = rule(text, meeting_date)
        except (ValueError, OverflowError):  # "0000年3月底", "9999年12月底后一个月": no calendar date
            return None
        if found is not None:
            return found
    return None


def resolve_month(text: str, meeting: date | None) -> date | None:
    """A month, its day or part, in the meeting's year or the year written: 3月底 → 31 March."""
    m = _ABSOLUTE.search(text)
    if not m:
        return None
    month = 1 if m["month"] == "元" else _number(m["month"])
    if not 1 <= month <= 12:
        return None
    year_text = m["year"]
    explicit: int | None = None
    if year_text in ("今", "明"):
        if meeting is None:
            return None
        explicit = meeting.year + (year_text == "明")
    elif year_text:
        explicit = int(year_text.translate(_HAN_DIGITS))
    if explicit is None and meeting is None:
        return None
    year = _year_for_month(month, meeting, explicit)
    if m["day"]:
        day = _number(m["day"])
        try:
            return date(year, month, day)
        except ValueError:
            return None
    part = m["part"]
    if part == "上旬" or part == "初":
        return date(year, month, 10)
    if part in ("中旬", "中"):
        return date(year, month, 20)
    return _last_day(year, month)


def resolve_counted(text: str, meeting: date | None) -> date | None:
    """N days, weeks, months or working days after the meeting: 三个工作日内."""
    m = _COUNTED.search(text)
    if not m or meeting is None:
        return None
    n, unit = _number(m["n"]), m["unit"]
    if n <= 0:
        return None
    if unit == "工作日":
        return add_workdays(meeting, n)
    if unit in ("日", "天", "自然日"):
        return meeting + timedelta(days=n)
    if unit in ("周", "星期"):
        return meeting + timedelta(weeks=n)
    month = meeting.month - 1 + n
    year, month = meeting.year + month // 12, month % 12 + 1
    return min(_last_day(year, month), date(year, month, min(meeting.day, _last_day(year, month).day)))


def resolve_relative(text: str, meeting: date | None) -> date | None:
    """This or the next month, year, quarter or week of the meeting: 月底前, 明年年底, 下周五前."""
    if meeting is None:
        return None
    m = re.search(r"(本|这个?|下个?|今|明|当|次)?(月|年|季度|周|星期)(底|末|上旬|中|内|初|[一二三四五六日天])?", text)
    if not m:
        return None
    which, unit, part = m.group(1) or "", m.group(2), m.group(3) or ""
    step = 1 if which.startswith("下") or which in ("明", "次") else 0
    day = re.search(rf"月\s*({NUM})\s*[日号]", text)
    if unit == "月" and day:  # 下个月十号之前
        month = meeting.month - 1 + step
        return date(meeting.year + month // 12, month % 12 + 1, _number(day.group(1)))
    if unit == "月":
        month = meeting.month - 1 + step
        year, month = meeting.year + month // 12, month % 12 + 1
        if part == "中":
            return date(year, month, 20)
        if part in ("初", "上旬"):
            return date(year, month, 10)
        return _last_day(year, month)
    if unit == "年":
        year = meeting.year + step
        return date(year, 6, 30) if part == "中" else date(year, 12, 31)
    if unit == "季度":
        quarter = (meeting.month - 1) // 3 + step
        year, quarter = meeting.year + quarter // 4, quarter % 4
        return _last_day(year, quarter * 3 + 3)
    monday = meeting - timedelta(days=meeting.weekday()) + timedelta(weeks=step)
    if part and part in _WEEKDAYS:
        return monday + timedelta(days=min(_WEEKDAYS.index(part), 6))
    return monday + timedelta(days=6)  # 本周内: the week's Sunday


def resolve_quarter(text: str, meeting: date | None) -> date | None:
    """A quarter's or a half's last day, this year's or the year written: 一季度, 明年上半年, 全年."""
    written = re.match(rf"({_HAN_YEAR}|\d{{4}})年", text)
    if written:
        year: int | None = int(written.group(1).translate(_HAN_DIGITS))
    elif meeting is None:
        return None
    else:
        year = meeting.year + 1 if text.startswith("明年") else None
    m = re.search(r"第?([一二三四1-4])季度", text)
    if m:
        quarter = "一二三四".index(m.group(1)) + 1 if m.group(1) in "一二三四" else int(m.group(1))
        if year is None and meeting is not None:
            year = meeting.year + (quarter * 3 < meeting.month and not text.startswith("今年"))
        return _last_day(year or 1, quarter * 3)
    if "上半年" in text:
        if year is None and meeting is not None:
            year = meeting.year + (meeting.month > 6 and not text.startswith("今年"))
        return date(year or 1, 6, 30)
    if "下半年" in text or "全年" in text:
        return date(year or (meeting.year if meeting else 1), 12, 31)
    return None


def resolve_own_year(text: str, meeting: date | None) -> date | None:
    """The end of the year a limit writes out (2017年底, 1996年内), its middle for 年中."""
    m = re.match(rf"({_HAN_YEAR}|\d{{4}})\s*年", text)
    if not m:
        return None
    year = int(m.group(1).translate(_HAN_DIGITS))
    return date(year, 6, 30) if re.search(r"年\s*中", text) else date(year, 12, 31)


def resolve_day_of_month(text: str, meeting: date | None) -> date | None:
    """A day of the meeting's month, or of the next month once it is past: 29日上午前."""
    m = re.match(rf"({NUM})[日号]", text)
    if not m or meeting is None:
        return None
    day = _number(m.group(1))
    month, year = meeting.month, meeting.year
    if day < meeting.day:
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
    return date(year, month, day)


def resolve_day(text: str, meeting: date | None) -> date | None:
    """Today or tomorrow, said as such: 明天早上8点以前."""
    if meeting is None:
        return None
    if re.match(r"(?:明天|明日)", text):
        return meeting + timedelta(days=1)
    if re.match(r"(?:今天|当天|当日)", text):
        return meeting
    return None


Resolver = Callable[[str, date | None], date | None]  # a deadline's text and the meeting's date → its date
_RANGE_END = re.compile(_TO + r"\s*(?:(?P<month>[^月至到—－\-～~]{1,3})\s*月)?\s*(?P<day>[^日号]{1,3})\s*[日号]")


def resolve_range(text: str, meeting: date | None) -> date | None:
    """A window's last day (10月15日—11月14日 → 14 November), in the year and month its first day gives."""
    end = _RANGE_END.search(text)
    if end is None:
        return None
    start = _ABSOLUTE.search(text, 0, end.start())
    month = end["month"] or (start["month"] if start else None)
    if month is None:
        month = str(meeting.month) if meeting is not None else None  # 自即日起至26日: this month
    if month is None:
        return None
    year = f"{start['year']}年" if start and start["year"] else ""
    return resolve_month(f"{year}{month}月{end['day']}日", meeting)


_DOTTED = re.compile(r"(\d{4})[.．/](\d{1,2})[.．/](\d{1,2})")


def resolve_dotted(text: str, meeting: date | None) -> date | None:
    """The day a dotted date writes out: 2025.4.30 → 30 April 2025."""
    m = _DOTTED.match(text)
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


_RESOLVERS: dict[str, Resolver] = {
    "resolve_month": resolve_month, "resolve_day_of_month": resolve_day_of_month, "resolve_quarter": resolve_quarter,
    "resolve_relative": resolve_relative, "resolve_counted": resolve_counted, "resolve_day": resolve_day,
    "resolve_own_year": resolve_own_year, "resolve_range": resolve_range, "resolve_dotted": resolve_dotted,
}  # fmt: skip


# 频次: 每月, 每季度, 每周一, 每天下午6时, 一月一督办, 每月25日前报送, 定期
RECURRENCE_RE = re.compile(
    r"每(?:个)?(?:天|日|周|星期|月|季度?|半年|年)(?:[一二三四五六日天]|\d{1,2}(?:[日号]|(?=前))|初|底|末)?"
    r"(?:(?:上午|下午|晚上|早上)?\d{1,2}(?:时|点|[:：]\d{2})|(?<=[周期][一二三四五六日天])(?:上午|下午|晚上|早上))?(?:前|以前)?"
    r"|(?:[一每](?:周|月|季|年)一(?:督办|调度|汇报|通报|报告|报送|总结|考核))"
    r"(?:[,，、](?:[一每](?:周|月|季|年)一(?:督办|调度|汇报|通报|报告|报送|总结|考核)))*"
    r"|定期"
)


@lru_cache(maxsize=1024)  # the same chunk is tested several times while grouping
def find_recurrence(clause: str) -> str | None:
    """The cadence a clause sets (每月, 一月一督办, 每天下午6时), as written."""
    m = RECURRENCE_RE.search(clause)
    return m.group(0) if m else None


_FREQ = {
    "天": "DAILY",
    "日": "DAILY",
    "周": "WEEKLY",
    "星期": "WEEKLY",
    "月": "MONTHLY",
    "季": "MONTHLY",
    "季度": "MONTHLY",
    "半年": "MONTHLY",
    "年": "YEARLY",
}
_BYDAY = dict(zip("一二三四五六日天", ("MO", "TU", "WE", "TH", "FR", "SA", "SU", "SU"), strict=True))


def cadence_limit(recurrence: str | None) -> str | None:
    """A cadence with a fixed day in each period is also the limit: 每周五, 每月10日, 每日17时前,
    每年初; 每季度, 每月 or 每天下午6时 (a mechanism's hour, d05) set none. (A standing meeting's day,
    "每周一上午九点半召开办公例会", is when it meets, not a limit: see ``tasks._find_times``.)"""
    return recurrence if has_fixed_day(recurrence) else None


def has_fixed_day(recurrence: str | None) -> bool:
    """Whether a cadence names its day in each period (每周一, 每月10日, 每年初, 每日17时前)."""
    fixed = r"(?:初|底|末|前)$|每(?:周|星期)[一二三四五六日天]|\d{1,2}\s*[日号]"
    return bool(recurrence and re.search(fixed, recurrence))


def to_rrule(recurrence: str | None) -> str | None:
    """频次 → RFC 5545 RRULE: 每月25日前 → FREQ=MONTHLY;BYMONTHDAY=25; 每周一 → FREQ=WEEKLY;BYDAY=MO."""
    if not recurrence:
        return None
    m = re.search(r"[每一](?:个)?(天|日|星期|周|季度|季|半年|月|年)", recurrence)
    if not m:
        return None
    unit = m.group(1)
    parts = [f"FREQ={_FREQ[unit]}"]
    if unit in ("季", "季度"):
        parts.append("INTERVAL=3")
    elif unit == "半年":
        parts.append("INTERVAL=6")
    rest = recurrence[m.end() :]
    day = re.match(r"(\d{1,2})[日号]?", rest)
    if unit in ("周", "星期") and rest[:1] and rest[:1] in _BYDAY:
        parts.append(f"BYDAY={_BYDAY[rest[:1]]}")
    elif unit in ("月", "季", "季度") and day:
        parts.append(f"BYMONTHDAY={int(day.group(1))}")
    elif unit in ("月", "季", "季度") and rest.startswith(("底", "末")):
        parts.append("BYMONTHDAY=-1")
    hour = re.search(r"(上午|下午|晚上|早上)?(\d{1,2})(?:时|点|[:：](\d{2}))", recurrence)
    if hour:
        h = int(hour.group(2)) + (12 if hour.group(1) in ("下午", "晚上") and int(hour.group(2)) < 12 else 0)
        parts.append(f"BYHOUR={h}")
        if hour.group(3):
            parts.append(f"BYMINUTE={int(hour.group(3))}")  # 每周一9:30前
    return ";".join(parts)
