"""Change items by hand: progress, status, edits, extension, 销号, reopen, add, split, merge; each recorded."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from speechkit.errors import TrackerError
from speechkit.tracker.models import Change, Item, Meeting, ProgressReport
from speechkit.tracker.queries import get_item, item_ref
from speechkit.tracker.rules import CLOSED, DONE, IN_PROGRESS, NOT_STARTED, history_text, split_units
from speechkit.tracker.units import UnitCheck, UnitList, canonical_units

# What ``tracker edit`` may change; due dates go through ``due`` (with a reason), status through update/close.
EDITABLE = ("text", "quote", "heading", "lead", "cooperating", "person", "leader", "responsible_leader",
            "deadline", "recurrence", "label")  # fmt: skip


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
    """销号: the office signs the item off with its 办结 note; who and when are kept, and it leaves the open lists.

    An item not yet reported 已办结 needs the note (淮南: 办结 needs the leader's sign-off), so a mistyped ID
    cannot close an item nobody has touched."""
    item = _open_item(session, item_id)
    note = (note or "").strip() or None
    if note is None and item.status != DONE:
        raise TrackerError(
            f'item {item_id} is still {item.status}: give the 办结 note to close it (--note "已完成，领导同意销号")'
        )
    _record(session, item, by, now, "close", field="status", old=item.status, new=CLOSED, note=note)
    item.status, item.closed_at, item.closed_by = CLOSED, now, by
    item.closing_note = note
    return item


def edit_item(
    session: Session,
    item_id: int,
    by: str,
    now: datetime,
    reason: str | None = None,
    due: date | None = None,
    units: UnitList | None = None,
    **fields: Any,
) -> Item:
    """Correct an item: its text, units, leaders, person, deadline… (``EDITABLE``); each field one history row.

    A new due date needs ``reason`` (a later one is an extension, see ``extend_item``); a new 牵头单位 or
    配合单位 is written under its name in the office's list of units."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TrackerError(f"cannot edit {', '.join(sorted(unknown))}; editable: {', '.join(EDITABLE)}")
    changes = {k: v for k, v in fields.items() if v is not None}
    if not changes and due is None:
        raise TrackerError("nothing to edit: give --text, --lead, --cooperating, --leader, --due … ")
    item = _open_item(session, item_id)
    if "lead" in changes or "cooperating" in changes:
        lead = changes.get("lead", item.lead)
        cooperating = changes.get("cooperating", item.cooperating or [])
        if isinstance(cooperating, str):
            cooperating = split_units(cooperating)
        lead, cooperating = canonical_units(lead, [c for c in cooperating if c != lead], units)
        if "lead" in changes:
            changes["lead"] = lead
        changes["cooperating"] = cooperating
    note = reason.strip() if reason and reason.strip() else None
    for name, value in changes.items():
        old = getattr(item, name)
        if isinstance(value, str):
            value = value.strip() or None
        if old == value or (name == "cooperating" and list(old or []) == list(value or [])):
            continue
        _record(session, item, by, now, "edit", field=name, old=history_text(old), new=history_text(value), note=note)
        setattr(item, name, value if name != "cooperating" else list(value or []))
    if due is not None and due != item.due_current:
        if note is None:
            raise TrackerError("a new due date needs a reason (--reason)")
        old_due = item.due_current
        _record(
            session,
            item,
            by,
            now,
            "edit",
            field="due_current",
            old=history_text(old_due),
            new=due.isoformat(),
            note=note,
        )
        item.due_current = due
        if item.due_original is None:
            item.due_original = due
    return item


def reopen_item(session: Session, item_id: int, by: str, now: datetime, reason: str) -> Item:
    """重新打开 an item that was 已办结 or 已销号 (the leader asked for more): back to 推进中, with the reason."""
    if not reason or not reason.strip():
        raise TrackerError("reopening needs a reason (--reason)")
    item = get_item(session, item_id)
    if item.status not in (DONE, CLOSED):
        raise TrackerError(f"item {item_id} is {item.status}, not 已办结 or 已销号: nothing to reopen")
    _record(session, item, by, now, "reopen", field="status", old=item.status, new=IN_PROGRESS, note=reason.strip())
    # the 办结 note no longer describes the item (it stays in the history)
    item.status, item.closed_at, item.closed_by, item.closing_note = IN_PROGRESS, None, None, None
    return item


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _next_ordinal(session: Session, meeting_id: int) -> int:
    return (session.scalar(select(func.max(Item.ordinal)).where(Item.meeting_id == meeting_id)) or 0) + 1


def hand_meeting(session: Session, source: str, on: date | None, now: datetime, by: str) -> Meeting:
    """The source of hand-added items: one 'meeting' per 批示 / 电话 / 文件 and day (县长批示 2026-12-03)."""
    key = _digest("hand", source, on.isoformat() if on else "")
    meeting = session.scalar(select(Meeting).where(Meeting.key == key))
    if meeting is None:
        kind = "领导批示" if "批示" in source else "交办"
        meeting = Meeting(key=key, title=source, name=source, kind=kind, held_on=on, source=source, imported_at=now)
        session.add(meeting)
        session.add(Change(meeting=meeting, at=now, by=by, action="add", note=f"来源：{source}"))
        session.flush()
    return meeting


def add_item(
    session: Session,
    by: str,
    now: datetime,
    text: str,
    source: str,
    source_date: date | None = None,
    units: UnitList | None = None,
    **fields: Any,
) -> Item:
    """A 督办事项 added by hand: a 领导批示, a task from a phone call or a document, under its source."""
    text = text.strip()
    if not text:
        raise TrackerError("an item needs its text (--text)")
    if not source.strip():
        raise TrackerError("an item needs its source (--source 县长批示 / 电话交办 / 文件名)")
    unknown = set(fields) - {*EDITABLE, "due"}
    if unknown:
        raise TrackerError(f"unknown fields: {', '.join(sorted(unknown))}")
    meeting = hand_meeting(session, source.strip(), source_date, now, by)
    due = fields.pop("due", None)
    given = fields.pop("cooperating", None) or []
    given = split_units(given) if isinstance(given, str) else list(given)
    lead, cooperating = canonical_units(fields.pop("lead", None), given, units)
    item = Item(
        key=_digest(meeting.key, text, now.isoformat()), meeting=meeting, ordinal=_next_ordinal(session, meeting.id),
        text=text, quote=fields.pop("quote", None) or text, lead=lead, cooperating=cooperating,
        due_original=due, due_current=due, status=NOT_STARTED, origin="hand", created_at=now, updated_at=now,
        **{k: v for k, v in fields.items() if v is not None},
    )  # fmt: skip
    session.add(item)
    _record(session, item, by, now, "add", note=f"来源：{source.strip()}")
    session.flush()
    return item


def split_item(session: Session, item_id: int, parts: Sequence[str], by: str, now: datetime) -> list[Item]:
    """拆分: the item keeps the first text, each further text becomes a new item of the same meeting with the
    same units, leaders and dates; the history of each says where it came from."""
    texts = [p.strip() for p in parts if p and p.strip()]
    if len(texts) < 2:
        raise TrackerError("a split needs at least two texts (--into … --into …)")
    item = _open_item(session, item_id)
    ref = item_ref(item.meeting, item.ordinal)
    _record(session, item, by, now, "split", field="text", old=item.text, new=texts[0], note=f"拆分为{len(texts)}项")
    item.text = texts[0]
    made = [item]
    for n, text in enumerate(texts[1:], 2):
        child = Item(
            key=_digest(item.key, "split", str(n), text), meeting=item.meeting,
            ordinal=_next_ordinal(session, item.meeting_id), text=text, quote=item.quote, heading=item.heading,
            owner=item.owner, lead=item.lead, cooperating=list(item.cooperating or []), person=item.person,
            leader=item.leader, responsible_leader=item.responsible_leader, deadline=item.deadline,
            due_original=item.due_original, due_current=item.due_current, extension_reason=item.extension_reason,
            recurrence=item.recurrence, rrule=item.rrule, status=item.status, origin="split",
            created_at=now, updated_at=now,
        )  # fmt: skip
        session.add(child)
        _record(session, child, by, now, "split", note=f"由{ref}拆分")
        session.flush()
        made.append(child)
    return made


def merge_items(session: Session, item_ids: Sequence[int], by: str, now: datetime, text: str | None = None) -> Item:
    """合并: the first item takes the others' 配合单位 (and ``text`` if given); the others are 销号
    with a note naming the item they went into, so nothing is counted twice."""
    if len(set(item_ids)) < 2:
        raise TrackerError("a merge needs two or more different item IDs")
    keep, *others = [_open_item(session, i) for i in dict.fromkeys(item_ids)]
    ref = item_ref(keep.meeting, keep.ordinal)
    units = list(keep.cooperating or [])
    for other in others:
        for unit in [other.lead, *(other.cooperating or [])]:
            if unit and unit != keep.lead and unit not in units:
                units.append(unit)
    merged_refs = "、".join(item_ref(o.meeting, o.ordinal) for o in others)
    if units != list(keep.cooperating or []):
        _record(
            session,
            keep,
            by,
            now,
            "merge",
            field="cooperating",
            old=history_text(keep.cooperating),
            new=history_text(units),
        )
        keep.cooperating = units
    if text and text.strip() and text.strip() != keep.text:
        _record(session, keep, by, now, "merge", field="text", old=keep.text, new=text.strip())
        keep.text = text.strip()
    _record(session, keep, by, now, "merge", note=f"并入{merged_refs}")
    for other in others:
        note = f"已并入{ref}"
        _record(session, other, by, now, "merge", field="status", old=other.status, new=CLOSED, note=note)
        other.status, other.closed_at, other.closed_by, other.closing_note = CLOSED, now, by, note
    return keep


def check_units(session: Session, units: UnitList, apply: bool, by: str, now: datetime) -> list[tuple[UnitCheck, int]]:
    """Each 牵头/配合单位 name in use → its check against the office's list and its number of items; with
    ``apply`` the names the list knows are rewritten to their canonical form, one history row per item."""
    counts: dict[str, int] = {}
    items = list(session.scalars(select(Item)))
    for item in items:
        for name in {n for n in (item.lead, *(item.cooperating or [])) if n}:
            counts[name] = counts.get(name, 0) + 1
    checks = {name: units.check(name) for name in counts}
    if apply:
        for item in items:
            lead, cooperating = canonical_units(item.lead, list(item.cooperating or []), units)
            note = "按单位名录规范"
            if lead != item.lead:
                _record(session, item, by, now, "unit", field="lead", old=item.lead, new=lead, note=note)
                item.lead = lead
            if cooperating != list(item.cooperating or []):
                old = history_text(item.cooperating)
                _record(
                    session,
                    item,
                    by,
                    now,
                    "unit",
                    field="cooperating",
                    old=old,
                    new=history_text(cooperating),
                    note=note,
                )
                item.cooperating = cooperating
    order = sorted(counts, key=lambda n: (checks[n].problem is None, -counts[n], n))
    return [(checks[name], counts[name]) for name in order]
