"""Status rules of the tracker: the stored status words, the 逾期/滞后/临期 warnings, reporting dates."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from typing import Any

from speechkit.errors import TrackerError

NOT_STARTED, IN_PROGRESS, DONE, CLOSED = "未启动", "推进中", "已办结", "已销号"
STATUSES = (NOT_STARTED, IN_PROGRESS, DONE, CLOSED)
OPEN = (NOT_STARTED, IN_PROGRESS)
STATUS_ALIASES = {
    "todo": NOT_STARTED, "new": NOT_STARTED, "尚未落实": NOT_STARTED, "未开始": NOT_STARTED,
    "doing": IN_PROGRESS, "started": IN_PROGRESS, "正在办理": IN_PROGRESS, "进行中": IN_PROGRESS,
    "done": DONE, "完成": DONE, "已完成": DONE,
    "closed": CLOSED, "销号": CLOSED,
}  # fmt: skip
OVERDUE, BEHIND, DUE_SOON = "逾期", "滞后", "临期"  # 红 / 黄 / 蓝 (宿迁 三色预警单)
COLOURS = {OVERDUE: "red", BEHIND: "yellow", DUE_SOON: "blue"}
DUE_SOON_DAYS = 3  # 西安市纪委: items within 3 days of the deadline are pushed to everyone


def parse_status(value: str) -> str:
    """One of 未启动 推进中 已办结 已销号 (or an English alias), else a TrackerError listing them."""
    value = value.strip()
    if value in STATUSES:
        return value
    if value.lower() in STATUS_ALIASES:
        return STATUS_ALIASES[value.lower()]
    raise TrackerError(f"unknown status {value!r}; use one of {' '.join(STATUSES)}")


def parse_days(value: str) -> int:
    """A window like ``7d``, ``7``, ``7天`` or ``2w`` → days."""
    match = re.fullmatch(r"\s*(\d+)\s*(d|天|日|w|周)?\s*", value, re.IGNORECASE)
    if not match:
        raise TrackerError(f"not a number of days: {value!r} (write 7d, 3天 or 2w)")
    days = int(match.group(1))
    return days * 7 if (match.group(2) or "").lower() in ("w", "周") else days


def warning(
    status: str,
    due: date | None,
    today: date,
    report_due: date | None = None,
    started_on: date | None = None,
    within: int = DUE_SOON_DAYS,
) -> str | None:
    """逾期 past the (extended) due date; 滞后 a progress report late, or not started past half the time;
    临期 due within ``within`` days. None for closed items and items on track."""
    if status not in OPEN:
        return None
    if due is not None and due < today:
        return OVERDUE
    if report_due is not None and report_due < today:
        return BEHIND
    started = status == NOT_STARTED and due is not None and started_on is not None and started_on < due
    if started and (today - started_on) * 2 > (due - started_on):  # type: ignore[operator]
        return BEHIND
    if due is not None and (due - today).days <= within:
        return DUE_SOON
    return None


@functools.cache
def _drop_table() -> dict[int, None]:
    """Every whitespace and punctuation code point of the BMP, for ``str.translate``."""
    return {cp: None for cp in range(0x10000) if chr(cp).isspace() or unicodedata.category(chr(cp)).startswith("P")}


def normalize_text(text: str) -> str:
    """Text for identity: NFKC, no whitespace or punctuation, so reflowed or re-punctuated quotes match."""
    return unicodedata.normalize("NFKC", text).translate(_drop_table())


# A unit's name ends in one of these; 和 splits only between two such names (经济开发区和国土局),
# never inside one (住房和城乡建设局: 住房 is no unit).
UNIT_END = re.compile(r"(局|委|办|厅|处|科|室|院|所|站|队|部|中心|公司|集团|政府|区|县|镇|乡|街道|银行|小组)$")


def split_units(owner: str | None) -> list[str]:
    """``A、B、C`` → [A, B, C]; ``A和B`` only when both read as units."""
    if not owner:
        return []
    units = []
    for part in (p.strip() for p in re.split(r"[、，,;；]", owner)):
        pieces = [x.strip() for x in re.split(r"和|及|与", part)] if part else []
        if len(pieces) > 1 and all(len(x) >= 2 and UNIT_END.search(x) for x in pieces):
            units += pieces
        elif part:
            units.append(part)
    return units


def lead_and_cooperating(owner: str | None, lead: str | None, cooperating: list[str]) -> tuple[str | None, list[str]]:
    """The first listed unit leads (杭州市政府办公厅 2020: 列第一位的责任单位为牵头单位); the rest cooperate."""
    units = split_units(owner)
    if lead:
        rest = [u for u in units if u != lead]
    else:
        lead, rest = (units[0], units[1:]) if units else (None, [])
    seen: list[str] = []
    for unit in [*cooperating, *rest]:
        if unit and unit != lead and unit not in seen:
            seen.append(unit)
    return lead, seen


@functools.lru_cache(maxsize=4096)  # items of one meeting share rule and start: 10,000 items, a few dozen calls
def next_occurrence(rule: str | None, after: date) -> date | None:
    """The first day strictly after ``after`` on which a report is due under ``rule``; None if none in a year.

    RFC 5545 through ``dateutil.rrule``: with BYMONTH / BYMONTHDAY / BYDAY (每月25日前, 每周二,
    每季度末) the next matching day; a bare FREQ with INTERVAL (一季一汇报 = MONTHLY;INTERVAL=3) counts
    that period on from ``after``, the last report (a month on from 31 Jan is 28 Feb, not 31 Mar)."""
    if not rule:
        return None
    from dateutil.relativedelta import relativedelta
    from dateutil.rrule import rrulestr

    text = rule.strip().upper().removeprefix("RRULE:")
    start = datetime.combine(after, time())
    try:
        parsed = rrulestr(text, dtstart=start)
    except (ValueError, TypeError):  # not a rule dateutil can read: no report date rather than a crash
        return None
    if not re.search(r"\bBY(?:MONTH|MONTHDAY|DAY)=", text):
        steps = {"DAILY": "days", "WEEKLY": "weeks", "MONTHLY": "months", "YEARLY": "years"}
        unit = next((u for f, u in steps.items() if f"FREQ={f}" in text), None)
        interval = re.search(r"\bINTERVAL=(\d+)", text)
        return after + relativedelta(**{unit: int(interval[1]) if interval else 1}) if unit else None
    found = parsed.replace(until=start + timedelta(days=366)).after(start)
    return found.date() if found else None


def history_text(value: Any) -> str | None:
    """A field's value as the text a history row keeps: dates ISO, lists joined by 、."""
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)
