"""Bring an office's existing 台账 (.xlsx or .csv) into the tracker: columns found by their Chinese headers,
the office's own numbering kept, importing the same file again changes nothing (and an exported register
imports back as it was)."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from speechkit.deliver.cells import unescape_formula
from speechkit.errors import TrackerError
from speechkit.tracker.importer import meeting_kind, meeting_number
from speechkit.tracker.models import Change, Item, Meeting, ProgressReport
from speechkit.tracker.queries import item_ref
from speechkit.tracker.rules import (
    CLOSED,
    IN_PROGRESS,
    NOT_STARTED,
    STATUS_ALIASES,
    STATUSES,
    normalize_text,
    split_units,
)
from speechkit.tracker.units import UnitList, canonical_units

# Header words offices use for each field (紫阳 通报, 二连浩特 分工方案, unionpay/xjs models, our own export);
# the first field a header matches wins, so 编号 beats 序号 for the item's number.
HEADERS: dict[str, tuple[str, ...]] = {
    "label": ("统一编号", "事项编号", "督办编号", "编号", "序号"),
    "text": ("督办事项", "工作任务", "任务内容", "督查内容", "督办内容", "事项名称", "任务名称", "重点任务",
             "议定事项", "工作事项", "主要任务", "任务要求", "工作目标及任务要求"),
    "quote": ("原文依据", "原文"),
    "meeting": ("来源会议", "来源", "任务来源", "事项来源", "会议名称", "交办来源", "会议"),
    "lead": ("牵头单位", "主办单位", "承办单位", "责任单位", "承办部门", "牵头部门", "责任部门"),
    "cooperating": ("配合单位", "协办单位", "配合部门", "协办部门"),
    "leader": ("牵头领导", "批示领导", "批示或出访领导", "交办领导"),
    "responsible_leader": ("责任领导", "分管领导"),
    "person": ("责任人", "联系人", "主办人", "具体责任人"),
    "deadline": ("完成时限", "办理时限", "办结时限", "拟办结时间", "完成时间", "时间节点", "时限"),
    "due": ("到期日", "当前到期日"),
    "due_original": ("原定到期日",),
    "extension_reason": ("延期理由",),
    "recurrence": ("报送频次", "反馈频次", "频次"),
    "progress": ("进展情况", "最新进展", "工作进度", "办理情况", "落实情况", "推进情况", "完成情况", "工作动态"),
    "status": ("状态", "推进状态", "办理状态", "事项状态", "完成状态"),
    "closing_note": ("办结情况",),
}  # fmt: skip
REGISTER_STATUS = {**STATUS_ALIASES, "正在办理": IN_PROGRESS, "进展滞后": IN_PROGRESS, "已启动": IN_PROGRESS,
                   "已办结": "已办结", "办结": "已办结", "已销号": CLOSED, "未启动": NOT_STARTED}  # fmt: skip
EXPORT_DATE = re.compile(r"（(\d{4}-\d{2}-\d{2})）$")  # 县政府第8次常务会议（2026-11-02）, as the export writes it
REPORT_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s+")
REPORT_PARTS = re.compile(r"(进展|问题|下一步)：(.*?)(?=；(?:进展|问题|下一步)：|$)")


def _header(cell: Any) -> str:
    return re.sub(r"\s+|（.*?）|\(.*?\)", "", str(cell or ""))


def map_headers(row: list[Any]) -> dict[str, int]:
    """Field → column index for a header row (first column naming a field wins)."""
    found: dict[str, int] = {}
    names = [_header(c) for c in row]
    for field, words in HEADERS.items():
        for word in words:
            if word in names and names.index(word) not in found.values():
                found[field] = names.index(word)
                break
    return found


@dataclass(frozen=True)
class RegisterTable:
    """The rows of the best sheet, with the header row's mapping."""

    columns: dict[str, int]
    rows: list[tuple[int, list[Any]]]  # (row number in the file, cells)


def _best_table(tables: list[list[list[Any]]], path: Path) -> RegisterTable:
    best: tuple[int, dict[str, int], int, list[list[Any]]] | None = None
    for rows in tables:
        for n, row in enumerate(rows[:12]):
            columns = map_headers(row)
            if "text" in columns and len(columns) >= 2 and (best is None or len(columns) > best[0]):
                best = (len(columns), columns, n, rows)
    if best is None:
        raise TrackerError("no 台账 header row found (督办事项 / 工作任务 / 任务内容 with 牵头单位, 时限 …)", path)
    _, columns, header_at, rows = best
    body = [(n + 1, row) for n, row in enumerate(rows) if n > header_at]
    return RegisterTable(columns, body)


def read_register(path: Path) -> RegisterTable:
    """The register's header mapping and rows, from .xlsx (every sheet is tried) or .csv (UTF-8/BOM or GB18030)."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True, data_only=True)
            tables = [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets]
            book.close()
        elif suffix == ".csv":
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("gb18030")
            tables = [list(csv.reader(io.StringIO(text)))]
        else:
            raise TrackerError("a 台账 to import must be .xlsx or .csv", path)
    except TrackerError:
        raise
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as e:
        raise TrackerError(f"cannot read this 台账 ({type(e).__name__}: {e})", path) from None
    except Exception as e:  # openpyxl raises zipfile/XML errors of its own on a corrupt file
        raise TrackerError(f"not a readable .xlsx file ({type(e).__name__})", path) from None
    return _best_table(tables, path)


def parse_day(value: Any, year: int) -> date | None:
    """A cell as a date: a real date, 2026-12-31, 2026/12/31, 2026年12月31日, or 12月31日 (of ``year``)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    match = re.search(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", text)
    if match:
        y, m, d = map(int, match.groups())
    else:
        match = re.search(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日", text)
        if not match:
            return None
        y, (m, d) = year, map(int, match.groups())
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _cell(row: list[Any], columns: Mapping[str, int], field: str) -> Any:
    index = columns.get(field)
    if index is None or index >= len(row):
        return None
    value = row[index]
    if isinstance(value, str):
        value = value.strip()
    return value if value not in ("", None) else None


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _parse_report(text: str, default_day: date) -> tuple[date, dict[str, str]]:
    """``2026-12-01 进展：…；问题：…`` (the export's form) or free text → day and 进展/问题/下一步."""
    day = default_day
    match = REPORT_DATE.match(text)
    if match:
        day, text = date.fromisoformat(match.group(1)), text[match.end() :]
    parts = {label: body.strip() for label, body in REPORT_PARTS.findall(text)}
    return day, parts or {"进展": text.strip()}


class RegisterImporter:
    """Applies one register's rows inside the caller's transaction and counts what changed."""

    def __init__(self, session: Session, by: str, now: datetime, today: date, units: UnitList | None) -> None:
        self.session, self.by, self.now, self.today, self.units = session, by, now, today, units
        self.counts = {"meetings": 0, "new": 0, "updated": 0, "unchanged": 0, "gone": 0}
        self.meetings: dict[str, Meeting] = {}

    def meeting(self, name: str, source: str) -> Meeting:
        held = EXPORT_DATE.search(name)
        name = EXPORT_DATE.sub("", name).strip() or name
        key = _digest("register", name)
        if key in self.meetings:
            return self.meetings[key]
        meeting = self.session.scalar(select(Meeting).where(Meeting.key == key))
        if meeting is None:
            meeting = Meeting(
                key=key, title=name, name=name, kind=meeting_kind(name) or "台账", number=meeting_number(name),
                held_on=date.fromisoformat(held.group(1)) if held else None, source=source, imported_at=self.now,
            )  # fmt: skip
            self.session.add(meeting)
            self.session.add(Change(meeting=meeting, at=self.now, by=self.by, action="register", note=f"来自{source}"))
            self.session.flush()
        self.meetings[key] = meeting
        self.counts["meetings"] += 1
        return meeting

    def row(self, table: RegisterTable, number: int, row: list[Any], source: str) -> None:
        cols = table.columns
        text = _cell(row, cols, "text")
        if not text:
            return  # a blank or sub-total line
        text = str(text)
        meeting = self.meeting(str(_cell(row, cols, "meeting") or Path(source).stem), source)
        year = meeting.held_on.year if meeting.held_on else self.today.year
        quote = str(_cell(row, cols, "quote") or text)
        lead, cooperating = canonical_units(
            str(_cell(row, cols, "lead") or "") or None, split_units(str(_cell(row, cols, "cooperating") or "")),
            self.units,
        )  # fmt: skip
        if lead and "、" in lead and not cooperating:  # 责任单位 "A、B": the first listed leads
            lead, *cooperating = split_units(lead)
        deadline = _cell(row, cols, "deadline")
        due = parse_day(_cell(row, cols, "due"), year) or parse_day(deadline, year)
        due_original = parse_day(_cell(row, cols, "due_original"), year) or due
        if isinstance(deadline, (date, datetime)):
            deadline = parse_day(deadline, year).isoformat()  # type: ignore[union-attr]
        status_text = str(_cell(row, cols, "status") or "")
        status = REGISTER_STATUS.get(status_text.lower(), status_text if status_text in STATUSES else None)
        progress = _cell(row, cols, "progress")
        fields = {
            "text": text, "quote": quote, "lead": lead, "cooperating": cooperating,
            "person": _cell(row, cols, "person"), "leader": _cell(row, cols, "leader"),
            "responsible_leader": _cell(row, cols, "responsible_leader"),
            "deadline": str(deadline) if deadline else None, "recurrence": _cell(row, cols, "recurrence"),
        }  # fmt: skip
        fields = {k: (str(v) if isinstance(v, (int, float)) else v) for k, v in fields.items()}
        key = _digest(meeting.key, normalize_text(quote))
        item = self.session.scalar(select(Item).where(Item.key == key))
        label, ordinal = self._numbering(meeting, _cell(row, cols, "label"))
        if item is None:
            item = Item(
                key=key, meeting=meeting, ordinal=ordinal, label=label, due_original=due_original, due_current=due,
                extension_reason=_cell(row, cols, "extension_reason"), status=status or NOT_STARTED,
                origin="register", created_at=self.now, updated_at=self.now, **fields,
            )  # fmt: skip
            if item.status == CLOSED:
                item.closed_at, item.closed_by = self.now, self.by
                item.closing_note = _cell(row, cols, "closing_note") or "台账中已销号"
            self.session.add(item)
            where = f"{source}第{number}行"
            self.session.add(Change(item=item, at=self.now, by=self.by, action="register", note=where))
            self.counts["new"] += 1
        else:
            changed = False
            for name, value in fields.items():
                if getattr(item, name) != value and value not in (None, []):
                    old, where = _text(getattr(item, name)), f"{source}第{number}行"
                    change = Change(item=item, at=self.now, by=self.by, action="edit", field=name, old=old)
                    change.new, change.note = _text(value), where
                    self.session.add(change)
                    setattr(item, name, value)
                    changed = True
            if changed:
                item.updated_at = self.now
            self.counts["updated" if changed else "unchanged"] += 1
        if progress:
            self._report(item, str(progress))

    def _numbering(self, meeting: Meeting, raw: Any) -> tuple[str | None, int]:
        """The office's number: a plain 3 becomes the item's ordinal; 第8次常务会议第3项 gives 3; any other
        number (督-2025-013) is kept as the item's label."""
        taken = self.session.scalar(select(func.max(Item.ordinal)).where(Item.meeting_id == meeting.id)) or 0
        text = str(raw).strip() if raw is not None else ""
        if isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        match = re.fullmatch(r"(?:.*第)?(\d+)项?", text)
        if match:
            wanted = int(match.group(1))
            exists = self.session.scalar(select(Item.id).where(Item.meeting_id == meeting.id, Item.ordinal == wanted))
            if not exists and wanted > 0:
                label = None if text.isdigit() or item_ref(meeting, wanted) == text else text
                return label, wanted
        return (text or None), taken + 1

    def _report(self, item: Item, text: str) -> None:
        day, parts = _parse_report(text, self.today)
        self.session.flush()
        last = self.session.scalar(
            select(ProgressReport).where(ProgressReport.item_id == item.id).order_by(ProgressReport.id.desc()).limit(1)
        )
        values = (parts.get("进展"), parts.get("问题"), parts.get("下一步"))
        if last is not None and (last.progress, last.problems, last.next_steps) == values:
            return
        self.session.add(ProgressReport(item=item, reported_on=day, progress=values[0], problems=values[1],
                                        next_steps=values[2], by=self.by, at=self.now))  # fmt: skip
        self.session.add(Change(item=item, at=self.now, by=self.by, action="report", note=text, new=day.isoformat()))
        if item.status == NOT_STARTED:
            item.status = IN_PROGRESS


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value))
    return unescape_formula(str(value))  # our own CSV export quotes a formula-like text


def import_register(
    session: Session, table: RegisterTable, source: str, by: str, now: datetime, today: date,
    units: UnitList | None = None,
) -> dict[str, int]:  # fmt: skip
    """Import one 台账 (``read_register``, read before the transaction) in the caller's transaction."""
    importer = RegisterImporter(session, by, now, today, units)
    for number, row in table.rows:
        importer.row(table, number, row, source)
    return importer.counts
