"""督办通知单 / 催办单: one .docx per unit with its open items and deadlines, plus the same as text and .eml.

A unit gets a 催办单 when one of its items is 逾期 or 滞后 (宿迁 红/黄单: 逾期未办结, 未达到序时进度),
otherwise a 督办通知单; both end with the office's contact line and are dated like a 公文.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from speechkit.deliver import write_atomic
from speechkit.deliver.ledger import LedgerItem, deadline_text
from speechkit.deliver.minutes.content import format_date
from speechkit.deliver.minutes.docx import set_fonts
from speechkit.deliver.minutes.gbt9704 import FANGSONG, HEITI, XIAOBIAOSONG

URGENT = ("逾期", "滞后")
BODY_PT, TABLE_PT, TITLE_PT = 16.0, 12.0, 22.0  # 3号 body, 小四 table, 2号 title
# Table columns and widths in cm: 15.6 cm of type width (GB/T 9704: 156 mm).
NOTICE_COLUMNS = (("序号", 1.3), ("编号", 3.0), ("督办事项", 5.8), ("角色", 1.5), ("完成时限", 2.5), ("预警", 1.5))


@dataclass
class Notice:
    """What one unit receives: its open items as 牵头 or 配合 unit."""

    unit: str
    items: list[tuple[str, LedgerItem]] = field(default_factory=list)  # (牵头 / 配合, item)

    @property
    def urgent(self) -> bool:
        return any(item.warning in URGENT for _, item in self.items)

    @property
    def kind(self) -> str:
        return "催办单" if self.urgent else "督办通知单"


def group_notices(items: Sequence[LedgerItem]) -> list[Notice]:
    """Per unit, its open items (未启动 / 推进中): first those it leads, then those it cooperates on."""
    notices: dict[str, Notice] = {}
    for role in ("牵头", "配合"):
        for item in items:
            if item.status not in ("未启动", "推进中"):
                continue
            units = [item.lead] if role == "牵头" else list(item.cooperating)
            for unit in units:
                if unit:
                    notices.setdefault(unit, Notice(unit)).items.append((role, item))
    return [notices[unit] for unit in sorted(notices)]


def notice_text(notice: Notice, today: date, org: str, contact: str | None) -> str:
    """The notice as plain text (the body of the .eml and the .txt)."""
    overdue = sum(1 for _, i in notice.items if i.warning == "逾期")
    lines = [notice.kind, "", f"{notice.unit}：", "    " + _opening(notice, today, overdue)]
    for n, (role, item) in enumerate(notice.items, 1):
        flag = f"【{item.warning}】" if item.warning else ""
        due = deadline_text(item, today).replace("\n", "；") or "未定"
        lines.append(f"    {n}. {flag}{item.ref}（{role}）：{item.text}（完成时限：{due}）")
    lines.append("    " + _closing())
    if contact:
        lines.append(f"    联系人：{contact}")
    lines += ["", f"{org}", format_date(today)]
    return "\n".join(lines) + "\n"


def _opening(notice: Notice, today: date, overdue: int) -> str:
    lead = sum(1 for role, _ in notice.items if role == "牵头")
    rest = len(notice.items) - lead
    counts = f"牵头{lead}项" + (f"、配合{rest}项" if rest else "")
    late = f"，其中已逾期{overdue}项" if overdue else ""
    total = len(notice.items)
    return f"截至{format_date(today)}，贵单位承办的督办事项尚未办结{total}项（{counts}）{late}，现通知如下："


def _closing() -> str:
    return "请抓紧办理，严格按时限完成；请于时限前报送进展情况、存在问题和下一步措施，已办结的请报送办结情况。"


def notice_docx(notice: Notice, today: date, org: str, contact: str | None) -> bytes:
    """The notice as an A4 .docx: 小标宋 title, 仿宋 body, a table of the items, contact line, office and date."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    set_fonts(doc.styles["Normal"], FANGSONG, BODY_PT)

    def paragraph(text: str, font: str = FANGSONG, size: float = BODY_PT, align: Any = None, indent: bool = False):
        p = doc.add_paragraph()
        p.alignment = align
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = Pt(size * 1.75)
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        set_fonts(p.add_run(text), font, size)
        return p

    paragraph(" ".join(notice.kind) if len(notice.kind) <= 3 else notice.kind, XIAOBIAOSONG, TITLE_PT,
              WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
    paragraph("")
    paragraph(f"{notice.unit}：")
    overdue = sum(1 for _, i in notice.items if i.warning == "逾期")
    paragraph(_opening(notice, today, overdue), indent=True)
    table = doc.add_table(rows=1, cols=len(NOTICE_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, (_, width) in zip(table.columns, NOTICE_COLUMNS, strict=True):
        column.width = Cm(width)  # the grid LibreOffice lays out by
    for cell, (name, width) in zip(table.rows[0].cells, NOTICE_COLUMNS, strict=True):
        cell.width = Cm(width)
        _cell_text(cell, name, HEITI, center=True)
    for n, (role, item) in enumerate(notice.items, 1):
        cells = table.add_row().cells
        values = (str(n), item.ref, item.text, role, deadline_text(item, today), item.warning or "")
        for cell, value, (_, width) in zip(cells, values, NOTICE_COLUMNS, strict=True):
            cell.width = Cm(width)
            _cell_text(cell, value, FANGSONG, center=value in (str(n), role, item.warning))
    paragraph(_closing(), indent=True)
    if contact:
        paragraph(f"联系人：{contact}", indent=True)
    paragraph("")
    paragraph(org, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(format_date(today), align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _cell_text(cell: Any, text: str, font: str, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else None
    p.paragraph_format.space_after = Pt(0)
    lines = text.split("\n")
    for n, line in enumerate(lines):
        run = p.add_run(line)
        set_fonts(run, font, TABLE_PT)
        if n + 1 < len(lines):
            run.add_break()


def notice_eml(notice: Notice, today: date, org: str, contact: str | None) -> bytes:
    """The notice as an e-mail draft (.eml, no recipient: the clerk's mail program fills it in)."""
    message = EmailMessage()
    message["Subject"] = f"{notice.kind}：{notice.unit}（{format_date(today)}）"
    message["From"] = org
    message["Date"] = format_datetime(datetime.now().astimezone())
    message.set_content(notice_text(notice, today, org, contact))
    return bytes(message)


def safe_name(unit: str) -> str:
    """A unit's name as a file name: no path separators or characters Windows refuses."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", unit).strip("._") or "未明确单位"


def write_notices(
    items: Sequence[LedgerItem], folder: Path, today: date, org: str = "督查室", contact: str | None = None,
    formats: Sequence[str] = ("docx",),
) -> list[Path]:  # fmt: skip
    """Write one notice per unit into ``folder`` as .docx and/or .txt and .eml (atomically); the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for notice in group_notices(items):
        stem = folder / f"{notice.kind}_{safe_name(notice.unit)}"
        for fmt in formats:
            if fmt == "docx":
                data: bytes | str = notice_docx(notice, today, org, contact)
            elif fmt == "txt":
                data = notice_text(notice, today, org, contact)
            elif fmt == "eml":
                data = notice_eml(notice, today, org, contact)
            else:
                raise ValueError(fmt)
            written.append(write_atomic(stem.with_suffix(f".{fmt}"), data))
    return written
