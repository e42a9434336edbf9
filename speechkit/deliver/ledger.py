"""Tracker items → the 督办台账 register as .xlsx (frozen header, widths, TODAY() colours) or .csv."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from speechkit.deliver import write_atomic
from speechkit.deliver.cells import escape_formula, is_formula_like
from speechkit.errors import SpeechkitError, UsageError

# The register layout offices use (紫阳 通报, 二连浩特 分工方案), then what the colours and a reader need.
COLUMNS = (
    ("序号", 6), ("督办事项", 48), ("来源会议", 24), ("牵头单位", 16), ("配合单位", 20), ("责任人", 10),
    ("完成时限", 18), ("进展情况", 36), ("状态", 8), ("到期日", 12), ("原定时限", 12), ("下次报送", 12),
    ("事项编号", 22), ("ID", 6), ("原文依据", 48),
)  # fmt: skip
HEADERS = tuple(name for name, _ in COLUMNS)
OPEN_STATUSES = ("未启动", "推进中")
DUE_SOON_DAYS = 3
FILLS = {"red": ("FFC7CE", "9C0006"), "yellow": ("FFEB9C", "9C5700"), "blue": ("BDD7EE", "1F4E78")}


class LedgerItem(Protocol):
    """What the ledger reads from a tracker item (``speechkit.tracker.ItemView`` fits)."""

    id: int
    ref: str
    meeting: str
    text: str
    lead: str | None
    cooperating: tuple[str, ...]
    person: str | None
    deadline: str | None
    due_original: date | None
    due_current: date | None
    extension_reason: str | None
    status: str
    next_report: date | None
    last_report: str | None
    quote: str


def ledger_row(number: int, item: LedgerItem) -> list[Any]:
    """One register row, in ``HEADERS`` order; dates stay dates so Excel can compare them with TODAY()."""
    due = item.due_original if item.extension_reason else item.due_current
    deadline = item.deadline or (due.isoformat() if due else "")
    if item.extension_reason and item.due_current:
        deadline += f"（延期至{item.due_current.isoformat()}：{item.extension_reason}）"
    return [
        number, item.text, item.meeting, item.lead or "", "、".join(item.cooperating), item.person or "",
        deadline, item.last_report or "", item.status, item.due_current, item.due_original, item.next_report,
        item.ref, item.id, item.quote,
    ]  # fmt: skip


def to_csv(items: Sequence[LedgerItem]) -> bytes:
    """The register as CSV with a UTF-8 BOM, so that older Excel opens the Chinese text right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for number, item in enumerate(items, 1):
        writer.writerow(_csv_cell(value) for value in ledger_row(number, item))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else escape_formula(value)


def to_xlsx(items: Sequence[LedgerItem], title: str = "督办台账") -> bytes:
    """The register as an .xlsx workbook; overdue/behind/due-soon colours are formulas on TODAY()."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(HEADERS)
    for number, item in enumerate(items, 1):
        sheet.append(ledger_row(number, item))
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor="D9D9D9")
    for cell in sheet[1]:
        cell.font, cell.fill, cell.border = header_font, header_fill, border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment, cell.border = wrap, border
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, str) and (cell.data_type == "f" or is_formula_like(cell.value)):
                cell.data_type = "s"  # openpyxl writes a text starting with = as a live formula
                cell.quotePrefix = True  # and stays text when someone edits the cell
    for index, (_, width) in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    last_column = get_column_letter(len(COLUMNS))
    if items:
        sheet.auto_filter.ref = f"A1:{last_column}{len(items) + 1}"
        _add_warning_colours(sheet, f"A2:{last_column}{len(items) + 1}")
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def warning_formulas(row: int = 2) -> dict[str, str]:
    """Excel formulas for row ``row``: 红 overdue, 黄 a progress report late, 蓝 due within 3 days."""
    status, due, report = (f"${_letter(name)}{row}" for name in ("状态", "到期日", "下次报送"))
    is_open = "OR(" + ",".join(f'{status}="{s}"' for s in OPEN_STATUSES) + ")"
    return {
        "red": f'AND({is_open},{due}<>"",{due}<TODAY())',
        "yellow": f'AND({is_open},{report}<>"",{report}<TODAY())',
        "blue": f'AND({is_open},{due}<>"",{due}>=TODAY(),{due}-TODAY()<={DUE_SOON_DAYS})',
    }


def _letter(header: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(HEADERS.index(header) + 1)


def _add_warning_colours(sheet: Any, cells: str) -> None:
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill

    for colour, formula in warning_formulas().items():
        fill, font = FILLS[colour]
        solid = PatternFill(fill_type="solid", start_color=fill, end_color=fill)
        rule = FormulaRule(formula=[formula], stopIfTrue=True, fill=solid, font=Font(color=font))
        sheet.conditional_formatting.add(cells, rule)


def check_ledger_path(path: Path, fmt: str) -> None:
    """A register written as ``fmt`` must be named so: ``--xlsx x.pdf`` would be a workbook named .pdf."""
    if Path(path).suffix.lower() != f".{fmt}":
        raise UsageError(f"--{fmt} writes a .{fmt} file: give a name ending in .{fmt}, not {path}")


def write_ledger(items: Sequence[LedgerItem], path: Path, fmt: str | None = None) -> Path:
    """Write the register atomically as .xlsx or .csv (by ``fmt`` or the file's suffix)."""
    path = Path(path)
    fmt = fmt or path.suffix.lower().lstrip(".")
    if fmt in ("xlsx", "csv"):
        check_ledger_path(path, fmt)
    if fmt == "xlsx":
        return write_atomic(path, to_xlsx(items))
    if fmt == "csv":
        return write_atomic(path, to_csv(items))
    raise SpeechkitError(f"cannot export a ledger as {fmt!r}: use .xlsx or .csv", path)
