"""The date of a meeting or speech, as its text gives it (see ../shared/eval/dev/SOURCES.md)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from speechkit.document import Document
from speechkit.lang import DAY_NOT_A_LIMIT, DOCUMENT_KIND, HELD, PART_OF_DAY

# Dates (see ../shared/eval/dev/SOURCES.md: the year of a month/day comes from the page's date).
_MASKED_YEAR = r"(?:[*＊xX×X○]{2,4}|\d{2,3}[xX*])年"
PAREN_DATE = re.compile(r"^[(（]\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[)）]$")
_LEAD_DATE = re.compile(
    rf"^(?:[^,，。;；\n]{{1,20}}?[:：)）]\s*)?(?:(?P<masked>{_MASKED_YEAR})|(?P<y>\d{{4}})年)?(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日"
    r"(?:上午|下午|晚上|晚|早上|中午|凌晨)?[,，、\s]"
)
_LABEL_DATE = re.compile(
    rf"^(?:会议|开会|召开|转写|录音)?(?:时间|日期)[:：]\s*(?:(?P<masked>{_MASKED_YEAR})|(?P<y>\d{{4}})年)?(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日"
)
_LABEL_ISO_DATE = re.compile(
    r"^(?:会议|开会|召开|转写|录音|录制)?(?:时间|日期)[:：]\s*(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
)
# "2025年3月13日，县政府召开专题会议…": the day a notice's meeting was held
_HELD_ON = re.compile(
    rf"(?P<y>\d{{4}})年(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日{DAY_NOT_A_LIMIT}{PART_OF_DAY}(?:\d{{1,2}}[:：]\d{{2}})?"
    rf"[,，]?\s*[^。；;\n]{{0,30}}?{HELD}"
)
# "…。2月27日下午县政府组织召开…": a month and day the meeting was held on, anywhere in a report's head
# (Its month's first digit, then the lookbehind that it follows no digit or 年: a pattern opening with a digit
# skips to the digits of the head, one opening with a lookbehind was tried at every character; the same matches.)
_HELD_ON_DAY = re.compile(
    rf"(?P<m>\d(?<![\d年]\d)\d?)月(?P<d>\d{{1,2}})日{DAY_NOT_A_LIMIT}{PART_OF_DAY}[,，]?[^。；;\n,，]{{0,20}}?{HELD}"
)
# "经2025年3月18日市政府第12次常务会议研究同意": the meeting that decided what a notice passes on
_DECIDED_ON = re.compile(
    r"经(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日[^。；;\n]{0,40}?会议?(?:研究|审议|讨论|审定|通过)"
)
_BARE_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
# "(二○一八年十二月二十九日)同志们:" in a page run into one line (dev2 e23)
_DATELINE_IN_RUN = re.compile(r"[(（]\s*(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*[)）]\s*(?:同志们|各位)")
_LABEL_ALONE_DATE = re.compile(r"^(?:会议|开会|召开)?(?:时间|日期)[:：]\s*\n", re.M)  # "会议时间:" over the date
_LABELS = ("时间:", "时间：", "日期:", "日期：")  # what every match of it holds
_WEEKDAY_NOTE = re.compile(r"(?<=日)\s*[(（](?:星期|周|礼拜)[一二三四五六日天][)）]")  # 6月10日（星期二）
_FULL_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_HAN_DATE = re.compile(
    r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)
_HAN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})(?!\d)")
_PAGE_HEAD = 600  # characters of a page where its own date stands
_FLAT_HEAD = 600  # characters of a page run into one line where its dateline stands


def find_meeting_date(text: str, document: Document | None = None) -> date | None:
    """The date of the meeting or speech, where the text gives it.

    "(2016年9月2日)" under a title, or a report's opening "12月18日晚,…". A month and day
    alone take the year of the page's own date (发布时间, or the document's date line); a
    masked year ("***年", "xx年") gives None.
    """
    if any(label in text for label in _LABELS):  # "会议时间:" may stand over the date: join them
        all_lines = _LABEL_ALONE_DATE.sub(lambda m: m[0].rstrip("\n"), text).split("\n")
    else:  # no label (most speeches): only the first lines are read, not the whole speech rewritten and split
        all_lines = text.split("\n", 8)
    lines = [_plain_dates(line) for line in all_lines[:8]]
    for line in lines:
        m = PAREN_DATE.match(line) or _LABEL_ISO_DATE.match(line)
        if m:
            return _date(int(m[1]), int(m[2]), int(m[3]))
    shown = [line.strip() for line in lines if line.strip()]
    for i, line in enumerate(shown[1:5], start=1):
        m = _BARE_DATE.match(line)
        if m and _under_a_title(shown[:i]):
            return _date(int(m[1]), int(m[2]), int(m[3]))
    for line in lines:
        m = _LEAD_DATE.match(line) or _LABEL_DATE.match(line)
        if not m:
            continue
        if m["masked"]:
            return None
        month, day = int(m["m"]), int(m["d"])
        if m["y"]:
            return _date(int(m["y"]), month, day)
        return _with_year(month, day, _page_date(text, document))
    head = _plain_dates(text[:2000])
    held = _HELD_ON.search(head) or _DECIDED_ON.search(head) or _DATELINE_IN_RUN.search(head[:_FLAT_HEAD])
    if held:
        return _date(int(held["y"]), int(held["m"]), int(held["d"]))
    held_day = _HELD_ON_DAY.search(head)
    return _with_year(int(held_day["m"]), int(held_day["d"]), _page_date(text, document)) if held_day else None


def _under_a_title(above: list[str]) -> bool:
    """Whether a date line stands under a speech's title ("…上的讲话"), one line that is no sentence (a
    page's badge) allowed between them; not under an issuer, nor at the foot of a notice's text."""
    if DOCUMENT_KIND.search(above[-1].lstrip("#—－- ")):
        return True
    return (
        len(above) >= 2
        and not _SENTENCE_STOP.search(above[-1])
        and bool(DOCUMENT_KIND.search(above[-2].lstrip("#—－- ")))
    )


_SENTENCE_STOP = re.compile(r"[。！？；]")


def _plain_dates(text: str) -> str:
    """二〇二五年四月十日 → 2025年4月10日, 6月10日（星期二） → 6月10日: one set of patterns reads all."""
    text = _HAN_DATE.sub(
        lambda m: f"{''.join(str(_HAN_DIGIT[c]) for c in m[1])}年{_han_number(m[2])}月{_han_number(m[3])}日", text
    )
    return _WEEKDAY_NOTE.sub("", text)


def _page_date(text: str, document: Document | None) -> date | None:
    if document is not None and document.published:
        return document.published
    source = document.text if document is not None else text
    m = _FULL_DATE.search(source)
    if m:
        return _date(int(m[1]), int(m[2]), int(m[3]))
    m = _HAN_DATE.search(source)
    if m:
        year = int("".join(str(_HAN_DIGIT[c]) for c in m[1]))
        return _date(year, _han_number(m[2]), _han_number(m[3]))
    m = _ISO_DATE.search(source, 0, _PAGE_HEAD)  # "岳阳县人民政府办公室 2016-4-13", "时间: 2022-12-13 08:47"
    return _date(int(m[1]), int(m[2]), int(m[3])) if m else None


def _han_number(text: str) -> int:
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_HAN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_HAN_DIGIT.get(ones, 0) if ones else 0)
    return _HAN_DIGIT.get(text, 0)


def _with_year(month: int, day: int, page: date | None) -> date | None:
    if page is None:
        return None
    found = _date(page.year, month, day)
    if found is not None and found > page + timedelta(days=31):  # a December meeting on a January page
        found = _date(page.year - 1, month, day)
    return found


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
