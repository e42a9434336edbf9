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
from speechkit.lang import COMMON_SURNAMES

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


KEY_SEPARATOR = r"\s*(?:[:：]|——?|--)\s*"  # between a row's key and its value: "责任人：李凯", "责任人——候鹏飞"
TABLE_KEY = re.compile(
    r"(?P<key>牵头单位|牵头部门|责任单位|责任部门|主办单位|承办单位|承办部门|配合单位|协办单位|参与单位|责任人|责任领导"
    r"|完成时限|完成时间|时间节点|时限要求|办理期限|办理时限|办结时限)" + KEY_SEPARATOR
)
WORK_KEY = re.compile(r"(?:工作事项|工作任务|任务内容|督办事项|重点任务|事项)\s*[:：]\s*")
ITEM_MARKER = re.compile(
    r"^\s*(?:\d{1,2}[.、．](?!\d)|[(（]?\d{1,2}[)）]|[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)"
)


def table_tasks(text: str) -> tuple[list[Task], set[int], list[tuple[int, int]]]:
    """Items followed by 牵头单位:/责任单位:/完成时限: rows, and the rows of tables flattened to
    "1 | 工作任务 | 牵头单位 | … |" lines or run together, as tasks; the paragraphs they used, and the
    spans of the tables that run on from prose on their line."""
    run_together = "序号" in text or "编号" in text
    if not any(sign in text for sign in _CELL_SIGNS) and not TABLE_KEY.search(text) and not run_together:
        return [], set(), []  # no cell and no row key (most speeches): an item without rows is no task (issue 18)
    paragraphs = list(_lines(text))
    tasks: list[Task] = []
    used: set[int] = set()
    spans: list[tuple[int, int]] = []
    if run_together:
        tasks, spans = run_together_table_tasks(paragraphs)
    if any(sign in text for sign in _CELL_SIGNS):  # no cell separator anywhere: no flattened table to read
        vertical, vertical_used = vertical_table_tasks([p for p in paragraphs if p[1] not in used])
        piped, piped_used = piped_table_tasks([p for p in paragraphs if p[1] not in used | vertical_used])
        tasks, used = tasks + vertical + piped, used | vertical_used | piped_used
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
                # "1）输出…原型。--责任人：李凯 完成时间：4月30日": the dashes lead to the rows, not the work
                item = (para[marker.end() + lead : keys[0].start()].strip().rstrip("(（[【-—－ "), item[1])
                rows.update(_table_rows(para, keys))
        else:
            marker_kind = None
    flush()
    return tasks, used, spans


_CELL_SIGNS = "|｜\t"  # what separates the cells of a flattened table (``_CELL_SPLIT``, ``_ONE_CELL``)
_CELL_SPLIT = re.compile(r"[ \u3000]*[|｜\t][ \u3000]*")  # not \s: two tabs are an empty cell
_TASK_COLUMNS = (
    "工作任务", "任务内容", "督办事项", "工作事项", "重点任务", "重点工作", "具体任务", "工作内容", "任务", "事项",
    "主要任务", "整改任务", "目标任务", "目标与任务", "任务目标", "重点工作任务", "工作要点",
)  # fmt: skip
_TASK_COLUMN = re.compile(f"^(?:{'|'.join(_TASK_COLUMNS)})$")
# A row or column name → the key _table_task reads; where several name one key, the first given wins.
_COLUMN_KEYS = {
    "牵头单位": "牵头单位", "牵头部门": "牵头单位", "主办单位": "牵头单位",
    "责任单位": "责任单位", "责任部门": "责任单位", "承办单位": "责任单位", "承办部门": "责任单位",
    "配合单位": "配合单位", "协办单位": "配合单位", "参与单位": "配合单位", "配合部门": "配合单位",
    "牵头责任单位": "牵头单位",
    "责任人": "责任人", "责任领导": "责任人", "分管领导": "责任人", "牵头领导": "责任人", "分管县领导": "责任人",
    "分管市领导": "责任人", "分管区领导": "责任人",
    "完成时限": "完成时限", "完成时间": "完成时限", "时间节点": "完成时限", "时限要求": "完成时限",
    "办理期限": "完成时限", "办理时限": "完成时限", "办结时限": "完成时限", "工作时限": "完成时限",
    "完成期限": "完成时限", "承办责任人": "责任人", "具体责任人": "责任人",
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


# A table whose cells lost every separator on the way from a web page: "序号重点工作工作时限承办责任人1加强…
# 长期工作徐义东2落实…本周完成3…" (real26 b12). The header's column names are the only landmarks; the rows
# are cut where the next row number follows, each read from its end: who, then by when, then the work.
_COLUMN_NAMES = sorted({*_COLUMN_KEYS, *_TASK_COLUMNS}, key=len, reverse=True)  # the longest name first
_RUN_TOGETHER_HEADER = re.compile(rf"(?:序号|编号)(?P<columns>(?:{'|'.join(_COLUMN_NAMES)}){{2,6}})(?=1\D)")
_COLUMN_NAME = re.compile("|".join(_COLUMN_NAMES))
# What a 时限 cell holds: a span or a day, and what the clerk wrote after it ("本周完成", "两周工作", "长期工作").
# Not deadlines.DEADLINE_FORMS: in a 时限 column a bare "本周", "两周", "5月" is the limit, where running text
# would need 前/内/底 to make one; the cell is read from the row's end ($), where a form may stand anywhere.
_LIMIT_CELL = re.compile(
    r"(?P<limit>长期|常态化|本周|下周|本月|下月|本季度|本年度?|年内|年底前?|月底前?"
    r"|[一二三四五六七八九十两\d]{1,3}个?(?:周|月|天|日|工作日)(?:内)?"
    r"|(?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号]|底|中旬|上旬|下旬)?(?:前|之前|以前)?)"
    r"(?:工作|完成|办结|落实)?$"
)
_NO_LIMIT = ("长期", "常态化")
_PERSON_CELL = re.compile(rf"[{COMMON_SURNAMES}][\u4e00-\u9fff]{{1,2}}$")


def run_together_table_tasks(paragraphs: list[tuple[str, int]]) -> tuple[list[Task], list[tuple[int, int]]]:
    """Tables whose header and rows run together with no separator at all, each row a task (its
    work first, then by when and who as the header orders them; a blank 责任人 is the one above); and
    where each table stands (what comes before it on its line is prose still)."""
    tasks: list[Task] = []
    spans: list[tuple[int, int]] = []
    for para, p_start in paragraphs:
        header = _RUN_TOGETHER_HEADER.search(para)
        if header is None:
            continue
        columns = _COLUMN_NAME.findall(header["columns"])
        if not (_TASK_COLUMN.match(columns[0]) and all(c in _COLUMN_KEYS for c in columns[1:])):
            continue
        person = None
        for row, at in _numbered_rows(para, header.end()):
            quote, cells = _row_cells(row.strip(), columns[1:])
            if cells.get("责任人"):
                person = cells["责任人"]
            elif person:  # a merged cell: the name stands on its group's first row only
                cells["责任人"] = person
            tasks.append(_table_task((quote, p_start + at), cells))
        spans.append((p_start + header.start(), p_start + len(para)))
    return tasks, spans


# What follows a number inside a cell ("2号厂房", "10家企业", "3月15日"), never a row's first word.
_COUNTED = "号个家月日年项条名人次万千百亿元台户所座米天周批期类级倍季届辆份件栋间块宗笔场轮余多%％.、,，:："


def _numbered_rows(para: str, start: int) -> Iterator[tuple[str, int]]:
    """The rows 1, 2, 3… that follow a header. Row n + 1 starts at a lone number n + 1 (no digit on
    either side, no counted word after it), the first such place where row n ends as a cell can
    (a 时限 or a name), else the first such place at all."""
    number, at = 1, start
    while True:
        body = at + len(str(number))
        places = list(_row_starts(para, number + 1, body + 1))
        if not places:
            yield para[body:].rstrip("。 \n"), body
            return
        cut = next((p for p in places if _ends_a_row(para[body:p])), places[0])
        yield para[body:cut], body
        number, at = number + 1, cut


def _row_starts(para: str, number: int, start: int) -> Iterator[int]:
    label = str(number)
    at = para.find(label, start)
    while at >= 0:
        after = at + len(label)
        lone = not para[at - 1].isdigit() and after < len(para) and not para[after].isdigit()
        if lone and para[after] not in _COUNTED:
            yield at
        at = para.find(label, at + 1)


def _ends_a_row(row: str) -> bool:
    if _LIMIT_CELL.search(row):
        return True
    name = _PERSON_CELL.search(row)
    return name is not None and _LIMIT_CELL.search(row[: name.start()]) is not None


def _row_cells(row: str, columns: list[str]) -> tuple[str, dict[str, str]]:
    """A run-together row's work and its cells, read from the end: a 责任人 is a name (a surname and one
    or two characters; a cell left blank is allowed), a 时限 a span or a day."""
    cells: dict[str, str] = {}
    rest = row
    keys = [_COLUMN_KEYS[c] for c in columns]
    for i in range(len(keys) - 1, -1, -1):
        key = keys[i]
        # a name is taken only where the 时限 the header puts before it is found there too ("…本周完成" is no name)
        limit_before = "完成时限" in keys[:i]
        if (
            key == "责任人"
            and (m := _PERSON_CELL.search(rest))
            and (not limit_before or _LIMIT_CELL.search(rest[: m.start()]))
        ):
            cells[key], rest = m.group(0), rest[: m.start()]
        elif key == "完成时限" and (m := _LIMIT_CELL.search(rest)) and m.start() >= 2:
            if m["limit"] not in _NO_LIMIT:
                cells[key] = m["limit"]
            rest = rest[: m.start()]
        elif key not in ("责任人", "完成时限"):
            return row, {}  # a unit's name has no landmark to cut it at: the row as it stands
    return rest, cells


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
        rows[key.group("key")] = para[key.end() : end].strip(" ,，;；。)）]】|｜")
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
    limit_cell = _limit_alone(rows.get("完成时限"))
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


def _limit_alone(cell: str | None) -> str | None:
    """A 时限 cell without what follows its limit: "2022年3月28号，完成情况：目前确认…" → 2022年3月28号; a second
    limit stays ("实施方案10月15日前,工程2026年3月底前")."""
    if not cell:
        return None
    parts = _LIMIT_ENDS.split(cell, maxsplit=1)
    if len(parts) == 2 and parts[0].strip() and find_deadline(parts[1]) is None:
        return parts[0].strip()
    return cell


_LIMIT_ENDS = re.compile(r"[，,。;；]")
_MARKED_LEAD = re.compile(r"(?P<unit>[^，,、；;（(]+)[（(]牵头[)）]")
