"""Read the tracker: filtered item lists with warnings, one item's file, reminders, statistics, ledger rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import ColumnElement, String, cast, func, or_, select
from sqlalchemy.orm import Session

from speechkit.errors import TrackerError
from speechkit.tracker.models import Change, Item, Meeting, ProgressReport
from speechkit.tracker.rules import (
    BEHIND,
    CLOSED,
    DONE,
    DUE_SOON,
    DUE_SOON_DAYS,
    OPEN,
    OVERDUE,
    STATUSES,
    next_occurrence,
    warning,
)
from speechkit.tracker.units import UnitList


@dataclass(frozen=True)
class ItemView:
    """One item as the office reads it, with its warning computed for ``today``."""

    id: int
    ref: str  # 第8次常务会议第3项
    meeting: str
    text: str
    lead: str | None
    cooperating: tuple[str, ...]
    person: str | None
    deadline: str | None
    due_original: date | None
    due_current: date | None
    recurrence: str | None
    status: str
    warning: str | None
    next_report: date | None
    last_report: str | None  # the latest 进展, for the ledger's 进展情况
    missing: bool
    extension_reason: str | None = None
    quote: str = ""
    heading: str | None = None
    leader: str | None = None  # 牵头领导
    responsible_leader: str | None = None  # 责任领导
    label: str | None = None  # the office's own number, from an imported 台账
    origin: str = "import"  # import / register / hand / split
    closing_note: str | None = None  # 办结情况
    meeting_kind: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Chinese keys, as a clerk reads them (``--json``, ``--csv``); dates ISO."""
        return {
            "ID": self.id, "编号": self.ref, "来源": self.meeting, "督办事项": self.text, "牵头领导": self.leader or "",
            "责任领导": self.responsible_leader or "", "牵头单位": self.lead or "",
            "配合单位": "、".join(self.cooperating), "责任人": self.person or "", "完成时限": self.deadline or "",
            "到期日": _iso(self.due_current), "原定到期日": _iso(self.due_original),
            "延期理由": self.extension_reason or "", "报送频次": self.recurrence or "",
            "下次报送": _iso(self.next_report), "状态": self.status, "预警": self.warning or "",
            "最新进展": self.last_report or "", "办结情况": self.closing_note or "",
            "原文依据": self.quote, "已移出原文": "是" if self.missing else "",
        }  # fmt: skip


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


@dataclass(frozen=True)
class ItemFile:
    """``tracker show``: an item with all its reports and its history."""

    item: ItemView
    reports: tuple[ProgressReport, ...] = ()
    changes: tuple[Change, ...] = ()


@dataclass
class Filter:
    """What ``tracker list`` narrows to."""

    owner: str | None = None
    status: str | None = None
    overdue: bool = False
    due_within: int | None = None
    meeting: str | None = None
    include_closed: bool = False
    include_gone: bool = True


def meeting_label(meeting: Meeting) -> str:
    """县政府第8次常务会议 (2026-11-02) or the title or the file name."""
    label = meeting.name or meeting.title or meeting.source
    return f"{label}（{meeting.held_on.isoformat()}）" if meeting.held_on else label


def item_ref(meeting: Meeting, ordinal: int) -> str:
    """How reports cite an item: 第8次常务会议第3项."""
    if meeting.number and meeting.kind and meeting.kind != "会议":  # 第2次会议 alone says nothing
        return f"第{meeting.number}次{meeting.kind}第{ordinal}项"
    return f"{meeting.name or meeting.title or meeting.source}第{ordinal}项"


def report_due(item: Item, last_report: date | None) -> date | None:
    """The next report the cadence asks for, counted from the last report (or the meeting, or creation)."""
    if not item.rrule:
        return None
    since = last_report or item.meeting.held_on or item.created_at.date()
    return next_occurrence(item.rrule, since)


def view(item: Item, today: date, last: ProgressReport | None, within: int = DUE_SOON_DAYS) -> ItemView:
    """Build the read-only view of an item, computing its warning and next report date."""
    next_report = report_due(item, last.reported_on if last else None)
    started = item.meeting.held_on or item.created_at.date()
    return ItemView(
        id=item.id,
        ref=item.label or item_ref(item.meeting, item.ordinal),
        meeting=meeting_label(item.meeting),
        text=item.text,
        lead=item.lead,
        cooperating=tuple(item.cooperating or ()),
        person=item.person,
        deadline=item.deadline,
        due_original=item.due_original,
        due_current=item.due_current,
        recurrence=item.recurrence,
        status=item.status,
        warning=warning(item.status, item.due_current, today, next_report, started, within),
        next_report=next_report,
        last_report=_report_text(last),
        missing=item.missing_since is not None,
        extension_reason=item.extension_reason,
        quote=item.quote,
        heading=item.heading,
        leader=item.leader,
        responsible_leader=item.responsible_leader,
        label=item.label,
        origin=item.origin or "import",
        closing_note=item.closing_note,
        meeting_kind=item.meeting.kind,
    )


def _report_text(report: ProgressReport | None) -> str | None:
    if report is None:
        return None
    parts = [("进展", report.progress), ("问题", report.problems), ("下一步", report.next_steps)]
    body = "；".join(f"{label}：{text}" for label, text in parts if text)
    return f"{report.reported_on.isoformat()} {body}"


def _latest_reports(session: Session, item_ids: Sequence[int]) -> dict[int, ProgressReport]:
    latest: dict[int, ProgressReport] = {}
    for start in range(0, len(item_ids), 500):
        chunk = item_ids[start : start + 500]
        newest = (
            select(func.max(ProgressReport.id))
            .where(ProgressReport.item_id.in_(chunk))
            .group_by(ProgressReport.item_id)
        )
        for report in session.scalars(select(ProgressReport).where(ProgressReport.id.in_(newest))):
            latest[report.item_id] = report
    return latest


def list_items(session: Session, today: date, filt: Filter | None = None) -> list[ItemView]:
    """Items matching the filter, ordered by meeting and ordinal, each with its warning for ``today``."""
    filt = filt or Filter()
    query = select(*Item.__table__.c).join(Item.meeting)
    if filt.status:
        query = query.where(Item.status == filt.status)
    elif not filt.include_closed:
        query = query.where(Item.status != CLOSED)
    if filt.owner:
        like = f"%{filt.owner}%"
        units = (Item.lead, Item.owner, Item.person, cast(Item.cooperating, String))
        query = query.where(or_(*(column.like(like) for column in units)))
    if filt.overdue:
        query = query.where(Item.due_current < today, Item.status.in_(OPEN))
    if filt.due_within is not None:
        until = today + timedelta(days=filt.due_within)
        query = query.where(Item.due_current >= today, Item.due_current <= until, Item.status.in_(OPEN))
    if filt.meeting:
        like = f"%{filt.meeting}%"
        conditions: list[ColumnElement[bool]] = [Meeting.name.like(like), Meeting.title.like(like)]
        conditions.append(Meeting.source.like(like))
        if filt.meeting.isdigit():
            conditions.append(Meeting.id == int(filt.meeting))
        query = query.where(or_(*conditions))
    if not filt.include_gone:
        query = query.where(Item.missing_since.is_(None))
    rows = session.execute(query.order_by(Meeting.id, Item.ordinal)).mappings().all()
    # Plain rows, not ORM objects: building 10,000 tracked instances was most of 'list --overdue' (issue 18).
    meeting_ids = {row["meeting_id"] for row in rows}
    meetings = {m.id: m for m in session.scalars(select(Meeting).where(Meeting.id.in_(meeting_ids)))} if rows else {}
    items = [SimpleNamespace(**row, meeting=meetings[row["meeting_id"]]) for row in rows]
    latest = _latest_reports(session, [i.id for i in items])
    return [view(item, today, latest.get(item.id)) for item in items]  # type: ignore[arg-type]


def get_item(session: Session, item_id: int) -> Item:
    """The item with this ID, or a TrackerError saying there is none."""
    # An ID beyond 64 bits is no row: SQLite's driver would raise OverflowError on it (issue 14).
    item = session.get(Item, item_id) if 0 < item_id < 2**63 else None
    if item is None:
        raise TrackerError(f"no item with ID {item_id} (see speechkit tracker list)")
    return item


def show_item(session: Session, item_id: int, today: date) -> ItemFile:
    """One item with every progress report and every change."""
    item = get_item(session, item_id)
    reports = tuple(item.reports)
    return ItemFile(view(item, today, reports[-1] if reports else None), reports, tuple(item.changes))


@dataclass
class Reminder:
    """What one unit owes: overdue items, items due soon, progress reports due."""

    owner: str
    overdue: list[ItemView] = field(default_factory=list)
    due_soon: list[ItemView] = field(default_factory=list)
    reports_due: list[ItemView] = field(default_factory=list)

    def text(self, today: date) -> str:
        """The reminder as a message ready to send (督办提醒)."""
        lines = [f"【督办提醒】{self.owner}：", f"截至{today.year}年{today.month}月{today.day}日，"]
        sections = (
            ("已逾期事项", self.overdue, lambda v: _due_line(v, today)),
            ("临近时限事项", self.due_soon, lambda v: _due_line(v, today)),
            ("应报送进展事项", self.reports_due, lambda v: _report_line(v, today)),
        )
        for label, views, detail in sections:
            if views:
                lines.append(f"{label}{len(views)}项：")
                lines += [f"  {n}. {v.ref}：{_short(v.text)}（{detail(v)}）" for n, v in enumerate(views, 1)]
        lines.append("请抓紧办理，并按时报送进展情况、存在问题和下一步措施。")
        return "\n".join(lines)


def _due_line(item: ItemView, today: date) -> str:
    days = _days(item.due_current, today)
    state = f"已逾期{-days}天" if days < 0 else f"剩{days}天"
    return f"时限{_day(item.due_current, today)}，{state}"


def _report_line(item: ItemView, today: date) -> str:
    cadence = f"，{item.recurrence}" if item.recurrence else ""
    if item.next_report and item.next_report < today:
        return f"进展应于{_day(item.next_report, today)}前报送，已超期{_days(today, item.next_report)}天{cadence}"
    return f"进展应于{_day(item.next_report, today)}前报送{cadence}"


def _day(value: date | None, today: date) -> str:
    """11月20日, with the year when it is not this year's."""
    if value is None:
        return "未定"
    year = f"{value.year}年" if value.year != today.year else ""
    return f"{year}{value.month}月{value.day}日"


def _days(later: date | None, earlier: date | None) -> int:
    return (later - earlier).days if later and earlier else 0


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def reminders(session: Session, today: date, within: int = DUE_SOON_DAYS) -> list[Reminder]:
    """Per lead unit (or person when no unit): overdue items, items due within ``within`` days, reports due."""
    by_owner: dict[str, Reminder] = {}
    for item in list_items(session, today, Filter(include_gone=False)):
        if item.status not in OPEN:
            continue
        owner = item.lead or item.person or "（未明确责任单位）"
        reminder = by_owner.setdefault(owner, Reminder(owner))
        if item.due_current and item.due_current < today:
            reminder.overdue.append(item)
        elif item.due_current and (item.due_current - today).days <= within:
            reminder.due_soon.append(item)
        if item.next_report and item.next_report <= today + timedelta(days=within):
            reminder.reports_due.append(item)
    return [r for _, r in sorted(by_owner.items()) if r.overdue or r.due_soon or r.reports_due]


def stats(session: Session, today: date, units: UnitList | None = None) -> dict[str, list[dict[str, Any]]]:
    """Counts by lead unit (its canonical name when ``units`` is given), by meeting and by status, with
    completion rates (已办结 + 已销号 over all)."""
    groups: dict[str, dict[str, dict[str, int]]] = {"owner": defaultdict(_zero), "meeting": defaultdict(_zero)}
    by_status = {status: 0 for status in STATUSES}
    for item in list_items(session, today, Filter(include_closed=True)):
        by_status[item.status] += 1
        lead = (units.check(item.lead).canonical if units else item.lead) if item.lead else "（未明确）"
        for group, name in (("owner", lead), ("meeting", item.meeting)):
            counts = groups[group][name]
            counts["total"] += 1
            counts["done"] += item.status in (DONE, CLOSED)
            counts["overdue"] += item.warning == OVERDUE
            counts["behind"] += item.warning == BEHIND
            counts["due_soon"] += item.warning == DUE_SOON
    result: dict[str, list[dict[str, Any]]] = {
        group: [{"name": name, **c, "rate": c["done"] / c["total"]} for name, c in sorted(rows.items())]
        for group, rows in groups.items()
    }
    total = sum(by_status.values())
    result["status"] = [{"name": s, "total": n, "rate": n / total if total else 0.0} for s, n in by_status.items()]
    return result


def _zero() -> dict[str, int]:
    return {"total": 0, "done": 0, "overdue": 0, "behind": 0, "due_soon": 0}
