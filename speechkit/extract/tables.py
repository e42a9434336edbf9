"""Task tables (督办事项分解表): items with 牵头单位:/完成时限: rows, and tables flattened to lines of cells.

A 督办 notice or its annex lists the assignments as a table. Pasted into text it becomes either
key-value rows under each item ("1.工作事项… / 牵头单位：… / 完成时限：…") or one line of cells per row
("1 | 工作任务 | 牵头单位 | 配合单位 | 完成时限", with | or tabs, cells wrapping over lines). Each row is
one task, its columns giving the owner, partners and limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from speechkit.document import Task
from speechkit.extract.deadlines import cadence_limit, find_deadline, find_recurrence

__all__ = ["table_tasks"]


def _lines(text: str) -> Iterator[tuple[str, int]]:
    for m in re.finditer(r"[^\n]+", text):
        if m.group(0).strip():
            yield from _items_of(m.group(0), m.start())


# An item marker inside a line, after a stop or a bracket: "…模式。(责任单位:…) 2.全面开展…".
_INLINE_ITEM = re.compile(r"(?<=[。)）;；\s])\s*(?=\d{1,2}[.、．](?!\d)|[一二三四五六七八九十]{1,3}、)")


def _items_of(line: str, start: int) -> Iterator[tuple[str, int]]:
    """A line, or the items of a task list flattened into it, each with its 责任单位: (real9 w04)."""
    if len(TABLE_KEY.findall(line)) < 2:
        yield line, start
        return
    cut = 0
    for m in _INLINE_ITEM.finditer(line):
        if line[cut : m.start()].strip():
            yield line[cut : m.start()], start + cut
        cut = m.end()
    yield line[cut:], start + cut


TABLE_KEY = re.compile(
    r"(?P<key>牵头单位|牵头部门|责任单位|责任部门|主办单位|承办单位|承办部门|配合单位|协办单位|参与单位|责任人|责任领导"
    r"|完成时限|完成时间|时间节点|时限要求|办理期限|办理时限|办结时限)"
    r"\s*[:：]\s*"
)
WORK_KEY = re.compile(r"(?:工作事项|工作任务|任务内容|督办事项|重点任务|事项)\s*[:：]\s*")
ITEM_MARKER = re.compile(
    r"^\s*(?:\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）]|[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)"
)


def table_tasks(text: str) -> tuple[list[Task], set[int]]:
    """Items followed by 牵头单位:/责任单位:/完成时限: rows, and the rows of tables flattened to
    "1 | 工作任务 | 牵头单位 | … |" lines, as tasks; and the paragraphs they used."""
    if not any(sign in text for sign in _CELL_SIGNS) and not TABLE_KEY.search(text):
        return [], set()  # no cell and no row key (most speeches): an item without rows is no task (issue 18)
    paragraphs = list(_lines(text))
    tasks: list[Task] = []
    used: set[int] = set()
    if any(sign in text for sign in _CELL_SIGNS):  # no cell separator anywhere: no flattened table to read
        tasks, used = vertical_table_tasks(paragraphs)
        piped, piped_used = piped_table_tasks([p for p in paragraphs if p[1] not in used])
        tasks, used = tasks + piped, used | piped_used
    item: tuple[str, int] | None = None
    rows: dict[str, str] = {}
    marker_kind: str | None = None
    table_kinds: set[str] = set()
    item_paragraph = -1

    own_lines = False  # rows stood on lines of their own: a flattened table, whose later items are tasks too

    def flush() -> None:
        nonlocal item, rows, own_lines
        if item and (rows or (marker_kind in table_kinds)):
            tasks.append(_table_task(item, rows))
            used.add(item_paragraph)
            if rows and marker_kind and own_lines:
                table_kinds.add(marker_kind)
        item, rows, own_lines = None, {}, False

    for para, p_start in paragraphs:
        if p_start in used:
            continue
        keys = list(TABLE_KEY.finditer(para))
        if keys and keys[0].start() == 0 and item is not None:
            rows.update(_table_rows(para, keys))
            used.add(p_start)
            own_lines = True
            continue
        flush()
        work = WORK_KEY.search(para)
        if work and keys and work.start() < keys[0].start():  # "工作事项:X 牵头单位:Y 完成时限:Z" on one line
            item, item_paragraph = (para[work.end() : keys[0].start()].strip(), p_start + work.end()), p_start
            rows.update(_table_rows(para, keys))
            marker_kind = None
            flush()
            continue
        marker = ITEM_MARKER.match(para)
        if marker:
            marker_kind = re.sub(r"[\d一二三四五六七八九十]+", "N", marker.group(0).strip())
            body = para[marker.end() :]
            lead = len(body) - len(body.lstrip())
            item = (body.strip(), p_start + marker.end() + lead)
            item_paragraph = p_start
            if keys:  # one line: "1.工作事项 牵头单位:… 完成时限:…", "一、…。(责任单位:…;完成时限:…)"
                item = (para[marker.end() + lead : keys[0].start()].strip().rstrip("(（[【 "), item[1])
                rows.update(_table_rows(para, keys))
        else:
            marker_kind = None
    flush()
    return tasks, used


_CELL_SIGNS = "|｜\t"  # what separates the cells of a flattened table (``_CELL_SPLIT``, ``_ONE_CELL``)
_CELL_SPLIT = re.compile(r"[ \u3000]*[|｜\t][ \u3000]*")  # not \s: two tabs are an empty cell
_TASK_COLUMN = re.compile(
    r"^(?:工作任务|任务内容|督办事项|工作事项|重点任务|重点工作|具体任务|工作内容|任务|事项|主要任务|整改任务"
    r"|目标任务|目标与任务|任务目标|重点工作任务|工作要点)$"
)
# A row or column name → the key _table_task reads; where several name one key, the first given wins.
_COLUMN_KEYS = {
    "牵头单位": "牵头单位", "牵头部门": "牵头单位", "主办单位": "牵头单位",
    "责任单位": "责任单位", "责任部门": "责任单位", "承办单位": "责任单位", "承办部门": "责任单位",
    "配合单位": "配合单位", "协办单位": "配合单位", "参与单位": "配合单位", "配合部门": "配合单位",
    "牵头责任单位": "牵头单位",
    "责任人": "责任人", "责任领导": "责任人", "分管领导": "责任人", "牵头领导": "责任人", "分管县领导": "责任人",
    "分管市领导": "责任人", "分管区领导": "责任人",
    "完成时限": "完成时限", "完成时间": "完成时限", "时间节点": "完成时限", "时限要求": "完成时限",
    "办理期限": "完成时限", "办理时限": "完成时限", "办结时限": "完成时限",
}  # fmt: skip
_EMPTY_CELL = re.compile(r"^[—\-－/／无]*$")
_ROW_NUMBER = re.compile(r"^\s*\d{1,6}\s*[|｜\t]")  # a register may run past 999 rows
_TABLE_OVER = re.compile(r"^(?:注|说明|备注|抄送|附件|印发|联系人)[:：]|。\s*$")


@dataclass
class _PipedTable:
    """A table flattened to lines of cells, read line by line: its header, then rows that may wrap."""

    columns: list[str]
    numbered: bool
    row: str = ""  # the row read so far: a cell broken over lines is joined again
    row_line: str = ""  # the line the row starts on, and its offset
    row_start: int = -1
    header_open: bool = True  # the header's last cell may wrap too ("办结" / "时限")


def piped_table_tasks(paragraphs: list[tuple[str, int]]) -> tuple[list[Task], set[int]]:
    """Tables flattened to lines of cells ("序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限", or the
    same with tabs): each row under such a header is a task. A row runs until the next row number,
    so cells that wrap over several lines (a PDF's narrow columns) are joined again."""
    tasks: list[Task] = []
    used: set[int] = set()
    table: _PipedTable | None = None
    for para, p_start in paragraphs:
        cells = _CELL_SPLIT.split(para.strip().strip("|｜"))
        if _is_table_header(cells):
            table = _PipedTable(cells, numbered=cells[0] in ("序号", "编号"))
            used.add(p_start)
            continue
        if table is None:
            continue
        starts_row = bool(_ROW_NUMBER.match(para)) if table.numbered else len(cells) >= 2
        if table.header_open and not starts_row and len(cells) == 1 and len(para.strip()) <= 6:
            table.columns[-1] += para.strip()  # "办结" + "时限"
            used.add(p_start)
            continue
        table.header_open = False
        if starts_row or _TABLE_OVER.search(para) or (ITEM_MARKER.match(para) and len(cells) == 1):
            tasks += _finish_row(table)
        if starts_row:
            table.row, table.row_line, table.row_start = para.strip(), para, p_start
        elif table.row and not _TABLE_OVER.search(para) and not ITEM_MARKER.match(para):
            table.row += para.strip()
        elif not (ITEM_MARKER.match(para) and len(para) <= 30):  # a section row ("一、重大项目建设") goes on
            table = None
            continue
        else:
            continue
        used.add(p_start)
    if table is not None:
        tasks += _finish_row(table)
    return tasks, used


_ONE_CELL = re.compile(r"^\s*(?P<cell>[^|｜]*?)\s*[|｜]\s*$")  # "重点工作 |": a cell on a line of its own


def vertical_table_tasks(paragraphs: list[tuple[str, int]]) -> tuple[list[Task], set[int]]:
    """Tables whose every cell stands on a line of its own ("序号 |", "重点工作 |", …, "1 |", "坚持… |"),
    as a web page's table copied cell by cell gives them (dev2 e09): the header's cells, up to the
    first row number, say how many cells make a row."""
    tasks: list[Task] = []
    used: set[int] = set()
    i = 0
    while i < len(paragraphs):
        run: list[tuple[str, int]] = []
        while i + len(run) < len(paragraphs) and (m := _ONE_CELL.match(paragraphs[i + len(run)][0])):
            run.append((m["cell"], paragraphs[i + len(run)][1] + m.start("cell")))
        run = [(_as_column_name(cell), at) for cell, at in run]
        width = next((k for k, (cell, _) in enumerate(run) if not _is_column_name(cell)), len(run))
        header = [cell for cell, _ in run[:width]]
        if width < 3 or not _is_table_header(header):
            i += max(len(run), 1)
            continue
        if header[0] in ("序号", "编号") and not re.fullmatch(r"\d{1,6}", run[width][0] if width < len(run) else ""):
            header = header[1:]  # the row numbers were lost on the way (a cleaner took them for page numbers)
        for row_at in range(width, len(run) - len(header) + 1, len(header)):
            cells = dict(zip(header, run[row_at : row_at + len(header)], strict=True))
            task_column = next(c for c in header if _TASK_COLUMN.match(c))
            quote, start = cells[task_column]
            filled = {c: v for c, (v, _) in cells.items() if not _EMPTY_CELL.match(v)}
            if quote.strip():
                tasks.append(_table_task((quote.strip(), start), filled))
        used.update(p_start for p_start in (paragraphs[k][1] for k in range(i, i + len(run))))
        i += len(run)
    return tasks, used


_SPACED_NAME = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")  # "分管 县领导": a name laid out


def _as_column_name(cell: str) -> str:
    """A cell that is a column name laid out with spaces ("分 管 县领导"), joined; any other cell as it is."""
    joined = _SPACED_NAME.sub("", cell)
    return joined if _is_column_name(joined) else cell


def _is_column_name(cell: str) -> bool:
    return cell in ("序号", "编号", "备注") or bool(_TASK_COLUMN.match(cell)) or cell in _COLUMN_KEYS


def _is_table_header(cells: list[str]) -> bool:
    return len(cells) >= 3 and any(_TASK_COLUMN.match(c) for c in cells) and any(c in _COLUMN_KEYS for c in cells)


def _finish_row(table: _PipedTable) -> list[Task]:
    row, table.row = table.row, ""
    if not row:
        return []
    cells = dict(zip(table.columns, _CELL_SPLIT.split(row.strip("|｜")), strict=False))
    task_column = next(c for c in table.columns if _TASK_COLUMN.match(c))
    quote = cells.get(task_column, "").strip()
    if not quote:
        return []
    filled = {c: v for c, v in cells.items() if not _EMPTY_CELL.match(v)}
    start = table.row_start + max(table.row_line.find(quote[:6]), 0)
    return [_table_task((quote, start), filled)]


def _table_rows(para: str, keys: list[re.Match[str]]) -> dict[str, str]:
    rows = {}
    for i, key in enumerate(keys):
        end = keys[i + 1].start() if i + 1 < len(keys) else len(para)
        rows[key.group("key")] = para[key.end() : end].strip(" ,，;；。)）]】")
    return rows


def _by_key(rows: dict[str, str]) -> dict[str, str]:
    """Rows or cells by the key they fill (承办部门 → 责任单位), the first name given winning."""
    keyed: dict[str, str] = {}
    for name, key in _COLUMN_KEYS.items():
        if rows.get(name) and key not in keyed:
            keyed[key] = rows[name]
    return keyed


def _table_task(item: tuple[str, int], named_rows: dict[str, str]) -> Task:
    quote, start = item
    quote = quote.rstrip("。;；,， ")
    rows = _by_key(named_rows)
    lead = rows.get("牵头单位")
    responsible = rows.get("责任单位")
    marked = _MARKED_LEAD.search(responsible or "")
    if marked and not lead:  # "区行政审批局（牵头），区市场监管局、区住建局"
        lead, responsible = marked["unit"], _MARKED_LEAD.sub("", responsible or "").strip("，,、；; ")
    person = rows.get("责任人")
    cooperating = rows.get("配合单位")
    coop = tuple(p for p in re.split(r"[,，、;；]", cooperating or (responsible if lead else "") or "") if p)
    limit_cell = rows.get("完成时限")
    recurrence = find_recurrence(limit_cell or quote)
    deadline = limit_cell
    if deadline and recurrence == deadline:
        deadline = cadence_limit(deadline)  # a 时限 cell saying only "每季度": a cadence, no limit
    if not limit_cell and (found := find_deadline(quote)):  # "…，6月15日前报区委常委会审定" under 责任单位：…
        deadline = found.text
    return Task(
        quote=quote,
        owner=lead or responsible or person,
        deadline=deadline or cadence_limit(recurrence),
        lead=lead,
        cooperating=coop,
        person=person,
        start=start,
        end=start + len(quote),
        recurrence=recurrence,
    )


_MARKED_LEAD = re.compile(r"(?P<unit>[^，,、；;（(]+)[（(]牵头[)）]")
