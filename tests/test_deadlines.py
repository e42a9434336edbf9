"""Deadline resolution (时限 → date) against fixed meeting dates, and cadences (频次 → RRULE)."""

from datetime import date

import pytest

from speechkit.extract.deadlines import (
    DEADLINE_FORMS,
    add_workdays,
    find_deadline,
    find_recurrence,
    resolve_deadline,
    to_rrule,
)

# fmt: off
CASES = [
    # absolute dates: that day, 底 = the month's last day, 中旬 = the 20th
    ("10月15日前", date(2024, 3, 5), date(2024, 10, 15)),
    ("2024年3月底", date(2024, 1, 10), date(2024, 3, 31)),
    ("9 月 20 前", date(2024, 9, 1), date(2024, 9, 20)),
    ("2016年3月底前", date(2015, 7, 2), date(2016, 3, 31)),
    ("今年7月中旬前", date(2015, 7, 2), date(2015, 7, 20)),
    ("11月底", date(2015, 7, 2), date(2015, 11, 30)),
    ("2月底前", date(2024, 1, 8), date(2024, 2, 29)),                  # leap year
    # month rollover into next year: a month already past means next year
    ("元月份", date(2017, 12, 18), date(2018, 1, 31)),
    ("3月25日前", date(2023, 12, 20), date(2024, 3, 25)),
    # relative to the meeting
    ("月底前", date(2024, 5, 20), date(2024, 5, 31)),
    ("本月底前", date(2024, 2, 3), date(2024, 2, 29)),
    ("下月底", date(2024, 12, 5), date(2025, 1, 31)),                  # year rollover
    ("年底前", date(2024, 4, 17), date(2024, 12, 31)),
    ("全年", date(2025, 4, 17), date(2025, 12, 31)),
    ("本周内", date(2024, 5, 22), date(2024, 5, 26)),                  # Wednesday → Sunday
    ("下周五前", date(2024, 5, 22), date(2024, 5, 31)),
    ("一季度", date(2024, 1, 10), date(2024, 3, 31)),
    ("第三季度末前", date(2024, 1, 10), date(2024, 9, 30)),
    ("一季度", date(2024, 11, 10), date(2025, 3, 31)),                 # next year's first quarter
    ("10日内", date(2024, 5, 25), date(2024, 6, 4)),
    ("明天早上8点以前", date(2024, 1, 27), date(2024, 1, 28)),
    # working days on the official calendar
    ("三个工作日内", date(2024, 5, 22), date(2024, 5, 27)),            # Wed → Thu, Fri, Mon
    ("3个工作日内", date(2024, 4, 30), date(2024, 5, 8)),              # 劳动节 1–5 May off
    ("两个工作日内", date(2024, 5, 10), date(2024, 5, 13)),            # Sat 11 May is a 调休 working day
    ("五个工作日内", date(2024, 2, 8), date(2024, 2, 21)),             # 9 Feb, then 春节 10–17 off, Sun 18 worked
]
# fmt: on


@pytest.mark.parametrize(("phrase", "meeting", "expected"), CASES)
def test_deadlines_resolve(phrase: str, meeting: date, expected: date) -> None:
    assert resolve_deadline(phrase, meeting) == expected


@pytest.mark.parametrize("phrase", ["事件发生后2小时内", "收到通知之日起5个工作日内", "春节前", "国庆节之前"])
def test_deadlines_event_relative_have_no_date(phrase: str) -> None:
    assert resolve_deadline(phrase, date(2024, 5, 22)) is None


def test_deadlines_need_a_meeting_date() -> None:
    assert resolve_deadline("月底前", None) is None


def test_deadlines_spring_festival_working_days() -> None:
    # 2024: 春节 holiday 10–17 February; Sunday 4 and Sunday 18 February are worked (调休).
    assert add_workdays(date(2024, 2, 3), 1) == date(2024, 2, 4)
    assert add_workdays(date(2024, 2, 9), 1) == date(2024, 2, 18)


def test_deadlines_outside_calendar_years_fall_back_to_weekdays() -> None:
    assert add_workdays(date(2030, 1, 4), 1) == date(2030, 1, 7)  # Friday → Monday


FOUND = [
    ("各镇(办)抓紧督促涉及的项目开发单位,在3月25日前清运完毕", "3月25日前"),
    ("各地要认真对照年初签订的目标责任书,逐项对照检查,年底结硬账", "年底"),
    ("凡各类重大紧急信息,必须在事件发生后2小时内报送市教育局", "事件发生后2小时内"),
    ("明天早上8点以前要发放到位", "明天早上8点以前"),
    ("市应急管理局要于春节前组织对全市人员密集场所开展一轮安全检查", "春节前"),
    ("各水库主汛期前完成除险加固", "主汛期前"),
    ("厅机关党委要于2025年6月20日（星期五）前印发", "2025年6月20日（星期五）前"),
    ("力争明年一季度具备投产条件", "明年一季度"),
    ("市市场监管局要在国庆假期前开展一次专项整治", "国庆假期前"),
]


@pytest.mark.parametrize(("clause", "phrase"), FOUND)
def test_deadlines_found_in_clause(clause: str, phrase: str) -> None:
    found = find_deadline(clause)
    assert found is not None and found.text == phrase


@pytest.mark.parametrize(
    "clause",
    [
        "3月19日上午,副区长带领各单位",
        "尽快制定申报方案",
        "抓紧予以解决",
        "如今年春节前的冰雪灾害突击活动",
        "三年前的老问题",
        # a year alone reports, frames a speech, dates a thing or is ending: no limit
        "2024年，全县实施重点项目126个",
        "2023年主要经济指标完成情况",
        "今年要重点抓好三件事",
        "要在2025年协议文本中增加进销存数据实时上传条款",
        "2020年度即将结束,所有民生工程项目要全部竣工",
        # digits with dots that are no date: a version, a share, an address
        "待项目完成后发布新的版本2.8.0",
        "营收同比增长3.5%",
        "服务器地址为192.168.1.1",
    ],
)
def test_deadlines_not_in_clause(clause: str) -> None:
    assert find_deadline(clause) is None


RECURRENCES = [
    ("每月25日前报送进展", "每月25日前", "FREQ=MONTHLY;BYMONTHDAY=25"),
    ("每周一上报", "每周一", "FREQ=WEEKLY;BYDAY=MO"),
    ("每季度通报一次", "每季度", "FREQ=MONTHLY;INTERVAL=3"),
    ("建立每天下午6时碰头工作机制", "每天下午6时", "FREQ=DAILY;BYHOUR=18"),
    ("坚持做到一月一督办,一月一调度,一季一汇报", "一月一督办,一月一调度,一季一汇报", "FREQ=MONTHLY"),
    ("每月", "每月", "FREQ=MONTHLY"),
    ("须于每周一9:30前向办公室报送活动安排", "每周一9:30前", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=30"),  # real7 u16
    ("并在每天18:00前报送当日工作信息", "每天18:00前", "FREQ=DAILY;BYHOUR=18;BYMINUTE=0"),  # real7 u09
]


@pytest.mark.parametrize(("clause", "recurrence", "rrule"), RECURRENCES)
def test_deadlines_recurrence_to_rrule(clause: str, recurrence: str, rrule: str) -> None:
    found = find_recurrence(clause)
    assert found == recurrence
    assert to_rrule(found) == rrule


@pytest.mark.parametrize("phrase", ["一十十个工作日内", "0000年3月底", "13月底前", "2月30日前", "2025.2.30"])
def test_deadlines_malformed_give_no_date(phrase: str) -> None:
    assert resolve_deadline(phrase, date(2024, 5, 22)) is None


# Every named deadline form's own examples: the phrase found in the clause and the date it resolves to.
FORM_EXAMPLES = [(form.name, *example) for form in DEADLINE_FORMS for example in form.examples]


@pytest.mark.parametrize(("form", "clause", "phrase", "meeting", "resolved"), FORM_EXAMPLES)
def test_deadlines_form_examples(
    form: str, clause: str, phrase: str, meeting: str | None, resolved: str | None
) -> None:
    found = find_deadline(clause)
    assert found is not None and found.text == phrase, form
    on = date.fromisoformat(meeting) if meeting else None
    assert resolve_deadline(phrase, on) == (date.fromisoformat(resolved) if resolved else None), form


# fmt: off
WHOLE_PHRASES = [  # issue 12: a limit is kept whole, not cut to its last part
    ("今年年内完成全部改造任务", "今年年内"),
    ("力争明年上半年建成投用", "明年上半年"),
    ("请各单位29日上午前报送区政府办", "29日上午前"),
]
# fmt: on


@pytest.mark.parametrize(("clause", "phrase"), WHOLE_PHRASES)
def test_deadlines_keep_the_whole_phrase(clause: str, phrase: str) -> None:
    found = find_deadline(clause)
    assert found is not None and found.text == phrase


def test_deadlines_with_their_own_year_need_no_meeting_date() -> None:
    assert resolve_deadline("2026年10月底前", None) == date(2026, 10, 31)
    assert resolve_deadline("4月15日前", None) is None  # no year written, no meeting: no date
    assert resolve_deadline("全年", None) is None


def test_deadlines_a_dated_report_is_no_limit() -> None:
    assert find_deadline("3月19日上午,县委召开常委会") is None


def test_deadlines_fast_pattern_finds_what_the_full_one_finds() -> None:
    """The pattern without the event-relative form, behind its first-character lookahead, is used on
    clauses with no event verb: it must find exactly what the full pattern finds there."""
    from speechkit.extract import deadlines

    clauses = [clause for form in DEADLINE_FORMS for clause, *_ in form.examples] + [c for c, _ in FOUND]
    clauses += [c for c, _ in WHOLE_PHRASES] + ["社会后果严重", "3月19日上午,县委召开常委会", "每月25日前报送进展"]
    for clause in clauses:
        if deadlines._EVENT_VERB.search(clause):
            continue
        full = [(m.start(), m.group(0)) for m in deadlines.DEADLINE_RE.finditer(clause)]
        fast = [(m.start(), m.group(0)) for m in deadlines._NO_EVENT_DEADLINE_RE.finditer(clause)]
        assert fast == full, clause


def test_deadlines_every_form_holds_a_time_word() -> None:
    """find_deadline skips clauses without ``_TIME_WORD`` (or a dotted date): every form's phrase must hold one."""
    from speechkit.extract import deadlines

    phrases = [phrase for form in DEADLINE_FORMS for _, phrase, *_ in form.examples]
    phrases += [p for _, p in FOUND] + [p for _, p in WHOLE_PHRASES]
    for phrase in phrases:
        assert deadlines._TIME_WORD.search(phrase) or deadlines._DOTTED_DATE.search(phrase), phrase
        assert deadlines.may_hold_deadline(phrase), phrase  # so does every text holding the phrase


def test_deadlines_a_time_at_the_start_is_announced_by_its_first_character() -> None:
    """``may_open_with_time`` lets the task rules skip a text where no limit or cadence can start."""
    from speechkit.extract.deadlines import find_recurrence, may_open_with_time

    clauses = [clause for form in DEADLINE_FORMS for clause, *_ in form.examples] + [c for c, _ in FOUND]
    clauses += [c for c, *_ in RECURRENCES]
    for clause in clauses:
        for at in range(len(clause)):
            rest = clause[at:]
            found, cadence = find_deadline(rest), find_recurrence(rest)
            if (found is not None and found.start == 0) or (cadence is not None and rest.startswith(cadence)):
                assert may_open_with_time(rest), rest
