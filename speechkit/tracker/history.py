"""The history (全程留痕) as a clerk reads it: operations and fields in Chinese, times in local time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

# Stored action codes stay English (old databases, the web app); this is what a reader sees.
ACTION_LABELS = {
    "import": "导入", "edit": "编辑", "gone": "移出原文", "back": "重回原文", "update": "改状态",
    "report": "报送进展", "extend": "延期", "close": "销号", "note": "备注", "add": "新增",
    "reopen": "重新打开", "split": "拆分", "merge": "合并", "unit": "规范单位名称", "register": "导入台账",
}  # fmt: skip
FIELD_LABELS = {
    "quote": "原文依据", "text": "督办事项", "heading": "所在标题", "owner": "责任单位（原文）", "lead": "牵头单位",
    "cooperating": "配合单位", "person": "责任人", "leader": "牵头领导", "responsible_leader": "责任领导",
    "deadline": "完成时限", "due_original": "原定到期日", "due_current": "到期日", "recurrence": "报送频次",
    "rrule": "报送规则", "status": "状态", "label": "编号", "title": "标题", "name": "会议名称",
    "kind": "会议类型", "number": "会议届次", "held_on": "会议日期", "sha256": "文件指纹",
    "extension_reason": "延期理由", "closing_note": "办结情况",
}  # fmt: skip
# Notes the importer writes in English (old rows) → Chinese.
NOTE_LABELS = {
    "source changed": "原文修改",
    "no longer in the source; kept, flagged": "原文中已无此项，保留并标记",
    "in the source again": "原文中重新出现",
}


def local_time(at: datetime) -> datetime:
    """A stored time (UTC without tzinfo, the same on SQLite and PostgreSQL) in the machine's local zone."""
    return at.replace(tzinfo=timezone.utc).astimezone().replace(tzinfo=None)


@dataclass(frozen=True)
class HistoryLine:
    """One change as shown: 时间 (local), 操作人, 操作, 字段, 原值, 新值, 说明."""

    at: datetime
    by: str
    action: str
    field: str
    old: str
    new: str
    note: str

    def as_dict(self) -> dict[str, str]:
        return {
            "时间": self.at.strftime("%Y-%m-%d %H:%M"), "操作人": self.by, "操作": self.action, "字段": self.field,
            "原值": self.old, "新值": self.new, "说明": self.note,
        }  # fmt: skip


def history_line(change: object) -> HistoryLine:
    """A ``models.Change`` in Chinese: 2026-12-05 15:42 张三 延期 到期日 2026-12-01 → 2026-12-31 需协调."""
    action = str(getattr(change, "action", ""))
    field = getattr(change, "field", None) or ""
    note = getattr(change, "note", None) or ""
    note = NOTE_LABELS.get(note, note)
    if action == "import" and note.startswith("item "):  # "item 3 of 纪要.txt" (rows before 0002)
        number, _, source = note.removeprefix("item ").partition(" of ")
        note = f"{source}第{number}项"
    elif action == "import" and note.startswith("meeting from "):
        note = f"会议来自{note.removeprefix('meeting from ')}"
    return HistoryLine(
        local_time(getattr(change, "at")),  # noqa: B009
        str(getattr(change, "by", "")),
        ACTION_LABELS.get(action, action),
        FIELD_LABELS.get(field, field),
        getattr(change, "old", None) or "",
        getattr(change, "new", None) or "",
        note,
    )
