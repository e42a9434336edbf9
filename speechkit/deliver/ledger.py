"""Tracker items → the 督办台账 register: an .xlsx laid out like an office's printed one, or a .csv.

The first sheet is the register as it is printed: a title row (×××督办事项台账), the date and counts, the
office's columns in 仿宋 with 黑体 headers, A4 landscape at 100 %, rows as high as their wrapped text,
the header row repeated on every page, 第 N 页 in the footer, and the 红/黄/蓝 warnings (逾期/滞后/临期,
宿迁 三色预警单) as fills plus a 预警 word, so they survive a black-and-white printer. The second sheet,
明细, has every field with Chinese headers; ``speechkit tracker import-register`` reads it back.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from speechkit.deliver import write_atomic
from speechkit.deliver.cells import escape_formula, is_formula_like
from speechkit.errors import SpeechkitError, UsageError

# The printed register (紫阳 通报, 二连浩特 分工方案, 兴庆 责任领导): column and width in Excel units.
COLUMNS = (
    ("序号", 4), ("来源及编号", 11), ("督办事项", 27), ("牵头领导", 8), ("牵头单位", 11), ("配合单位", 11),
    ("完成时限", 11), ("进展情况", 20), ("状态", 6), ("预警", 5),
)  # fmt: skip
HEADERS = tuple(name for name, _ in COLUMNS)
BODY_FONT, HEADER_FONT, TITLE_FONT = "仿宋_GB2312", "黑体", "方正小标宋简体"
BODY_PT, HEADER_PT, TITLE_PT = 12, 12, 20  # 小四 body: readable on paper; 2号-ish title
# Fill (light, prints as a tint) and word colour per warning.
FILLS = {"逾期": ("FFC7CE", "9C0006"), "滞后": ("FFEB9C", "7F6000"), "临期": ("DDEBF7", "1F4E78")}
# A column unit is a digit of the default font, 12 pt 仿宋: 6 pt in Excel, ~6.7 pt with LibreOffice's Noto
# fallback; 114 units fill A4 landscape at 100 %. Lines are counted at the narrower 6 pt, so a row is never
# too low in either; a line of CJK text takes 1.45 em in the Noto CJK fonts (real 仿宋: ~1.2).
POINTS_PER_UNIT, CELL_PADDING_PT, LINE_EM = 6.0, 5.0, 1.45
HEADER_ROW = 3
A4 = 9  # openpyxl/Excel paperSize code


class LedgerItem(Protocol):
    """What the ledger reads from a tracker item (``speechkit.tracker.ItemView`` fits)."""

    # Read-only, so that a frozen dataclass fits.
    @property
    def id(self) -> int: ...
    @property
    def ref(self) -> str: ...
    @property
    def meeting(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def lead(self) -> str | None: ...
    @property
    def cooperating(self) -> tuple[str, ...]: ...
    @property
    def person(self) -> str | None: ...
    @property
    def deadline(self) -> str | None: ...
    @property
    def due_original(self) -> date | None: ...
    @property
    def due_current(self) -> date | None: ...
    @property
    def extension_reason(self) -> str | None: ...
    @property
    def status(self) -> str: ...
    @property
    def warning(self) -> str | None: ...
    @property
    def next_report(self) -> date | None: ...
    @property
    def last_report(self) -> str | None: ...
    @property
    def quote(self) -> str: ...

    def as_dict(self) -> dict[str, Any]: ...


def deadline_text(item: LedgerItem, today: date | None = None) -> str:
    """完成时限 as the meeting wrote it, the day it means when the words do not say it, and any extension:
    ``年底前（12月31日）`` / ``11月20日前`` + ``延期至12月15日：需待…``."""
    original = item.due_original or item.due_current
    text = item.deadline or ""
    if original and short_day(original, today) not in text:
        text = f"{text}（{short_day(original, today)}）" if text else short_day(original, today)
    if item.extension_reason and item.due_current and item.due_current != original:
        text += f"\n延期至{short_day(item.due_current, today)}：{item.extension_reason}"
    return text


def short_day(day: date, today: date | None = None) -> str:
    """12月31日, with the year when it is not this year's (2027年1月15日)."""
    year = "" if day.year == (today or date.today()).year else f"{day.year}年"
    return f"{year}{day.month}月{day.day}日"


def progress_text(item: LedgerItem) -> str:
    """进展情况: the latest report, then the 办结 note of a closed item."""
    parts = [item.last_report or ""]
    closing = getattr(item, "closing_note", None)
    if closing:
        parts.append(f"办结：{closing}")
    return "\n".join(p for p in parts if p)


def ledger_row(number: int, item: LedgerItem, today: date | None = None) -> list[Any]:
    """One printed register row, in ``HEADERS`` order."""
    leader = getattr(item, "leader", None) or getattr(item, "responsible_leader", None) or ""
    return [
        number, item.ref, item.text, leader, item.lead or "", "、".join(item.cooperating), deadline_text(item, today),
        progress_text(item), item.status, item.warning or "",
    ]  # fmt: skip


def detail_rows(items: Sequence[LedgerItem]) -> tuple[list[str], list[list[Any]]]:
    """The 明细 sheet / CSV: 序号 + every field of ``ItemView.as_dict`` under its Chinese name."""
    if not items:
        return ["序号", *DETAIL_HEADERS], []
    dicts = [item.as_dict() for item in items]
    headers = ["序号", *dicts[0].keys()]
    return headers, [[n, *d.values()] for n, d in enumerate(dicts, 1)]


DETAIL_HEADERS = (
    "ID", "编号", "来源", "督办事项", "牵头领导", "责任领导", "牵头单位", "配合单位", "责任人", "完成时限", "到期日",
    "原定到期日", "延期理由", "报送频次", "下次报送", "状态", "预警", "最新进展", "办结情况", "原文依据", "已移出原文",
)  # fmt: skip


def to_csv(items: Sequence[LedgerItem]) -> bytes:
    """Every field as CSV with a UTF-8 BOM, so that older Excel opens the Chinese text right."""
    headers, rows = detail_rows(items)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(_csv_cell(value) for value in row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else escape_formula(value)


def text_width(text: str) -> float:
    """Width in em: CJK and full-width characters 1, others ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def wrapped_lines(text: str, width_units: float, font_pt: float = BODY_PT) -> int:
    """How many lines ``text`` takes in a column ``width_units`` wide (openpyxl computes no row heights)."""
    per_line = max(1.0, (width_units * POINTS_PER_UNIT - CELL_PADDING_PT) / font_pt)
    return sum(max(1, math.ceil(text_width(line) / per_line)) for line in str(text).split("\n")) if text else 1


def row_height(cells: Sequence[Any], widths: Sequence[float], font_pt: float = BODY_PT) -> float:
    """The row height in points that shows every cell's wrapped text whole."""
    lines = max(wrapped_lines(str(v) if v is not None else "", w, font_pt) for v, w in zip(cells, widths, strict=True))
    return round(lines * font_pt * LINE_EM + CELL_PADDING_PT, 1)


def register_title(title: str, today: date, items: Sequence[LedgerItem]) -> str:
    """截至2026年12月5日，共12项：逾期2项，临期1项，滞后0项."""
    counts = "，".join(f"{w}{sum(1 for i in items if i.warning == w)}项" for w in FILLS)
    return f"截至{today.year}年{today.month}月{today.day}日，共{len(items)}项：{counts}"


def to_xlsx(items: Sequence[LedgerItem], title: str = "督办事项台账", today: date | None = None) -> bytes:
    """The register workbook: the printable sheet, then 明细 with every field."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    today = today or date.today()
    book = Workbook()
    # Column widths are counted in digits of the workbook's default font: make it the body font, so that
    # Excel (real 仿宋) and LibreOffice (its fallback) measure columns alike.
    book._named_styles["Normal"].font = Font(name=BODY_FONT, size=BODY_PT)
    _register_sheet(book.active, items, title, today)
    _detail_sheet(book.create_sheet("明细"), items)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _register_sheet(sheet: Any, items: Sequence[LedgerItem], title: str, today: date) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    sheet.title = "督办台账"
    last = get_column_letter(len(COLUMNS))
    widths = [w for _, w in COLUMNS]
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([title])
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(name=TITLE_FONT, size=TITLE_PT)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = TITLE_PT * 1.8
    sheet.append([register_title(title, today, items)])
    sheet.merge_cells(f"A2:{last}2")
    sheet["A2"].font = Font(name=BODY_FONT, size=BODY_PT)
    sheet["A2"].alignment = Alignment(horizontal="right", vertical="center")
    sheet.row_dimensions[2].height = BODY_PT * 2
    sheet.append(list(HEADERS))
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for cell in sheet[HEADER_ROW]:
        cell.font, cell.border, cell.alignment = Font(name=HEADER_FONT, size=HEADER_PT), border, centred
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
    sheet.row_dimensions[HEADER_ROW].height = row_height(HEADERS, widths, HEADER_PT)
    body, left = Font(name=BODY_FONT, size=BODY_PT), Alignment(vertical="center", wrap_text=True)
    middle = {HEADERS.index(h) for h in ("序号", "牵头领导", "状态", "预警")}
    for number, item in enumerate(items, 1):
        values = ledger_row(number, item, today)
        sheet.append(values)
        row = sheet.max_row
        fill = FILLS.get(item.warning or "")
        keep_as_text(sheet[row])
        for index, cell in enumerate(sheet[row]):
            cell.font, cell.border = body, border
            cell.alignment = centred if index in middle else left
            if fill:
                cell.fill = PatternFill("solid", fgColor=fill[0])
        if fill:
            sheet.cell(row, HEADERS.index("预警") + 1).font = Font(name=HEADER_FONT, size=BODY_PT, color=fill[1])
        sheet.row_dimensions[row].height = row_height(values, widths)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    setup = sheet.page_setup
    setup.paperSize, setup.orientation = A4, "landscape"
    setup.fitToWidth, setup.fitToHeight = 1, 0  # only ever shrinks, and only when a renderer's fonts are wider
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left = margins.right = 0.5
    margins.top, margins.bottom, margins.header, margins.footer = 0.6, 0.7, 0.3, 0.3
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.oddFooter.center.font = BODY_FONT
    sheet.oddFooter.center.size = 10


def keep_as_text(cells: Sequence[Any]) -> None:
    """A text that starts like a formula (``=HYPERLINK(…)``) is stored as text: openpyxl would write it live."""
    for cell in cells:
        if isinstance(cell.value, str) and (cell.data_type == "f" or is_formula_like(cell.value)):
            cell.data_type = "s"
            cell.quotePrefix = True  # and it stays text when someone edits the cell


def _detail_sheet(sheet: Any, items: Sequence[LedgerItem]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    headers, rows = detail_rows(items)
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(name=HEADER_FONT, bold=True)
    wide = {"督办事项", "原文依据", "最新进展", "来源", "完成时限"}
    for index, name in enumerate(headers, 1):
        sheet.column_dimensions[get_column_letter(index)].width = 40 if name in wide else 14
    for row in sheet.iter_rows(min_row=2):
        keep_as_text(row)
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A2"
    sheet.page_setup.paperSize, sheet.page_setup.orientation = A4, "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"


def check_ledger_path(path: Path, fmt: str) -> None:
    """A register written as ``fmt`` must be named so: ``--xlsx x.pdf`` would be a workbook named .pdf."""
    if Path(path).suffix.lower() != f".{fmt}":
        raise UsageError(f"--{fmt} writes a .{fmt} file: give a name ending in .{fmt}, not {path}")


def write_ledger(
    items: Sequence[LedgerItem], path: Path, fmt: str | None = None, title: str = "督办事项台账",
    today: date | None = None,
) -> Path:  # fmt: skip
    """Write the register atomically as .xlsx or .csv (by ``fmt`` or the file's suffix)."""
    path = Path(path)
    fmt = fmt or path.suffix.lower().lstrip(".")
    if fmt in ("xlsx", "csv"):
        check_ledger_path(path, fmt)
    if fmt == "xlsx":
        return write_atomic(path, to_xlsx(items, title, today))
    if fmt == "csv":
        return write_atomic(path, to_csv(items))
    raise SpeechkitError(f"cannot export a ledger as {fmt!r}: use .xlsx or .csv", path)
