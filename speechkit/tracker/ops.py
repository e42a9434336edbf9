"""Change items by hand: progress and status (update), extension (extend), 销号 (close), each recorded."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from speechkit.errors import TrackerError
from speechkit.tracker.models import Change, Item, ProgressReport
from speechkit.tracker.queries import get_item
from speechkit.tracker.rules import CLOSED, IN_PROGRESS, NOT_STARTED


def _open_item(session: Session, item_id: int) -> Item:
    item = get_item(session, item_id)
    if item.status == CLOSED:
        raise TrackerError(f"item {item_id} is closed (已销号); it can no longer change")
    return item


def _record(session: Session, item: Item, by: str, now: datetime, action: str, **kw: str | None) -> None:
    session.add(Change(item=item, at=now, by=by, action=action, **kw))
    item.updated_at = now


def update_item(
    session: Session,
    item_id: int,
    by: str,
    now: datetime,
    status: str | None = None,
    note: str | None = None,
    progress: str | None = None,
    problems: str | None = None,
    next_steps: str | None = None,
    reported_on: date | None = None,
) -> Item:
    """Add a progress report (进展/问题/下一步), a note, and/or a new status; a report starts an item."""
    if not any((status, note, progress, problems, next_steps)):
        raise TrackerError("nothing to update: give --status, --progress, --problems, --next or --note")
    if status == CLOSED:
        raise TrackerError("use 'speechkit tracker close' to 销号 an item")
    item = _open_item(session, item_id)
    if progress or problems or next_steps:
        day = reported_on or now.date()
        session.add(
            ProgressReport(
                item=item, reported_on=day, progress=progress, problems=problems, next_steps=next_steps, by=by, at=now
            )
        )
        _record(session, item, by, now, "report", note=progress or problems or next_steps, new=day.isoformat())
        if status is None and item.status == NOT_STARTED:
            status = IN_PROGRESS
    if status and status != item.status:
        _record(session, item, by, now, "update", field="status", old=item.status, new=status)
        item.status = status
    if note:
        _record(session, item, by, now, "note", note=note)
    return item


def extend_item(session: Session, item_id: int, to: date, reason: str, by: str, now: datetime) -> Item:
    """Move the current due date later, keeping the original one (逾期 is judged on the current)."""
    if not reason.strip():
        raise TrackerError("an extension needs a reason (--reason)")
    item = _open_item(session, item_id)
    if item.due_current is not None and to <= item.due_current:
        current = item.due_current.isoformat()
        raise TrackerError(f"--to {to.isoformat()} is not later than the current due date {current}")
    # Without a due date, a date before the meeting (or, without one, the import) is a typo (issue 14).
    floor = item.meeting.held_on or item.created_at.date()
    if to < floor:
        raise TrackerError(f"--to {to.isoformat()} is before the item existed ({floor.isoformat()})")
    old = item.due_current
    item.due_current = to
    item.extension_reason = reason.strip()
    _record(
        session, item, by, now, "extend", field="due_current",
        old=old.isoformat() if old else None, new=to.isoformat(), note=reason.strip(),
    )  # fmt: skip
    return item


def close_item(session: Session, item_id: int, by: str, now: datetime, note: str | None = None) -> Item:
    """销号: the office signs the item off; who and when are kept, and it leaves the open lists."""
    item = _open_item(session, item_id)
    _record(session, item, by, now, "close", field="status", old=item.status, new=CLOSED, note=note)
    item.status, item.closed_at, item.closed_by = CLOSED, now, by
    return item
