"""The tracker sub-app (督办台账): import tasks, follow progress, extend, 销号, remind, stats, export."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.table import Table

from speechkit.cli.app import app, console, parse_date, say
from speechkit.errors import TrackerError, UsageError

T = TypeVar("T")

tracker_app = typer.Typer(
    help="The supervision tracker (督办台账): import tasks, follow progress, extend, 销号, remind, export.",
    no_args_is_help=True,
)
app.add_typer(tracker_app, name="tracker")
DB_HELP = "Tracker database: a SQLAlchemy URL or a SQLite file (default: $SPEECHKIT_DB or the user data folder)."
BY_HELP = "Who makes the change, for the history (default: your login name)."
TODAY_HELP = "Judge due dates as of this day, YYYY-MM-DD (default: today)."
UNITS_HELP = "The office's list of units with aliases (县住房和城乡建设局 = 县住建局), default $SPEECHKIT_UNITS."
JSON_HELP = "Print JSON (Chinese keys) instead of a table."
CSV_HELP = "Print CSV (Chinese headers) instead of a table."
WARNING_STYLES = {"逾期": "bold red", "滞后": "yellow", "临期": "blue"}  # 红 / 黄 / 蓝 预警
RICH_TABLE_LIMIT = 200  # above this many rows the items are printed as plain tab-separated rows (issue 18)


def open_tracker(db: str | None, by: str | None = None, create: bool = False):  # -> speechkit.tracker.Tracker
    """The tracker at ``--db``; only import/add (or --create) make a new SQLite file: a typo is one line."""
    from speechkit.tracker import open_tracker as open_store

    return open_store(db, by, create=create)


def load_units(path: Path | None):  # -> speechkit.tracker.UnitList | None
    from speechkit.tracker.units import default_units, read_units

    return read_units(path) if path else default_units()


def emit_rows(rows: Sequence[dict[str, Any]], as_json: bool, as_csv: bool) -> bool:
    """Print ``rows`` as JSON or CSV on stdout when asked; False when the caller should draw its table."""
    if as_json and as_csv:
        raise UsageError("give --json or --csv, not both")
    if as_json:
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, indent=1, default=str) + "\n")
        return True
    if as_csv:
        buffer = io.StringIO()
        if rows:
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        sys.stdout.write(buffer.getvalue())
        return True
    return False


def print_import(counts: dict[str, int], url: str) -> None:
    say(
        f"tracker {url}: {counts['meetings']} meetings, {counts['new']} new items, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {counts['gone']} gone from their source (flagged)",
    )


REGISTER_SUFFIXES = (".xlsx", ".xlsm", ".csv")


@tracker_app.command("import")
def tracker_import(
    files: list[Path] = typer.Argument(
        ...,
        readable=False,
        help="Outline JSON files ('speechkit outline'/'process'), or an office's 台账 as .xlsx/.csv.",
    ),
    units: Path | None = typer.Option(None, "--units", readable=False, help=UNITS_HELP),
    today: str | None = typer.Option(None, "--today", help="Date for progress read from a 台账 without one."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """Import tasks as 督办事项 (JSON: all files in one transaction) or an existing 台账 (.xlsx/.csv, columns
    found by their Chinese headers, its numbering kept); importing again changes nothing."""
    unit_list = load_units(units)
    tracker = open_tracker(db, by, create=True)
    registers = [f for f in files if f.suffix.lower() in REGISTER_SUFFIXES]
    outlines = [f for f in files if f.suffix.lower() not in REGISTER_SUFFIXES]
    if outlines:
        print_import(tracker.import_files(outlines, unit_list), tracker.url)
    for path in registers:
        counts = tracker.import_register(path, parse_date(today, "--today"), unit_list)
        say(f"tracker {tracker.url}: {path.name}: {counts['new']} new items, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged")  # fmt: skip


def option_value(parse: Callable[[str], T], value: str | None, option: str) -> T | None:
    """Parse an option's value with a tracker rule; a bad value is a usage error (exit 2), as everywhere."""
    if value is None:
        return None
    try:
        return parse(value)
    except TrackerError as e:
        raise UsageError(f"{option}: {e.message}") from None


def parse_today(value: str | None) -> date:
    return parse_date(value, "--today") or date.today()


WIDE_LIST = 120  # columns from which every field has its own column; narrower terminals get four


PLAIN_COLUMNS = ("ID", "编号", "督办事项", "牵头单位", "责任人", "完成时限", "到期日", "状态", "预警")


def print_plain_items(items: list, title: str) -> None:
    """Tab-separated rows, one per item: fast for 10,000 items and for pipes (issue 18)."""
    out = [f"# {title}，共{len(items)}项", "\t".join(PLAIN_COLUMNS)]
    for item in items:
        d = item.as_dict()
        out.append("\t".join(str(d[c]).replace("\t", " ").replace("\n", " ") for c in PLAIN_COLUMNS))
    sys.stdout.write("\n".join(out) + "\n")


def print_items(items: list, title: str) -> None:  # list[speechkit.tracker.ItemView]
    """The items as a table: nine columns on a wide terminal, four at 80 columns; plain rows when long."""
    if len(items) > RICH_TABLE_LIMIT:
        print_plain_items(items, title)
        return
    wide = console.width >= WIDE_LIST
    table = Table(title=title, show_lines=True, expand=True)
    if wide:
        for name, ratio in (("ID", 0), ("编号", 2), ("督办事项", 6), ("牵头单位", 2), ("责任人", 1), ("时限", 2),
                            ("到期日", 2), ("状态", 0), ("预警", 0)):  # fmt: skip
            table.add_column(name, overflow="fold", ratio=ratio or None, no_wrap=not ratio)
    else:
        table.add_column("ID", no_wrap=True)
        table.add_column("督办事项", ratio=5, overflow="fold")
        table.add_column("牵头单位", ratio=2, overflow="fold", min_width=8)
        table.add_column("时限", ratio=2, overflow="fold", min_width=10)
        table.add_column("状态", no_wrap=True)
    for item in items:
        due = item.due_current.isoformat() if item.due_current else ""
        if item.due_original and item.due_current != item.due_original:
            due += f"（原{item.due_original.isoformat()}）"
        flag = item.warning or ("已移出原文" if item.missing else "")
        style = WARNING_STYLES.get(item.warning or "", "dim" if item.status in ("已办结", "已销号") else "")
        cells: tuple[str, ...]
        if wide:
            cells = (str(item.id), item.ref, item.text, item.lead or "", item.person or "", item.deadline or "", due,
                     item.status, flag)  # fmt: skip
        else:
            cells = (
                str(item.id), f"{item.ref}\n{item.text}", "\n".join(x for x in (item.lead, item.person) if x),
                "\n".join(x for x in (item.deadline, due) if x), "\n".join(x for x in (item.status, flag) if x),
            )  # fmt: skip
        table.add_row(*cells, style=style)
    counts = {w: sum(1 for i in items if i.warning == w) for w in WARNING_STYLES}
    table.caption = f"共{len(items)}项：" + "，".join(f"{w}{n}" for w, n in counts.items())
    console.print(table)


@tracker_app.command("list")
def tracker_list(
    owner: str | None = typer.Option(None, "--owner", help="Only items whose unit or person contains this."),
    status: str | None = typer.Option(None, "--status", help="未启动, 推进中, 已办结 or 已销号."),
    overdue: bool = typer.Option(False, "--overdue", help="Only items past their due date (逾期)."),
    due_within: str | None = typer.Option(None, "--due-within", help="Only items due within e.g. 7d."),
    meeting: str | None = typer.Option(None, "--meeting", help="Only items of meetings whose name contains this."),
    show_all: bool = typer.Option(False, "--all", help="Include closed (已销号) items."),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_csv: bool = typer.Option(False, "--csv", help=CSV_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """List items as a table coloured 红 overdue, 黄 behind (report late), 蓝 due soon (plain rows when long
    or piped)."""
    from speechkit.tracker import Filter
    from speechkit.tracker.rules import parse_days, parse_status

    filt = Filter(
        owner=owner, status=option_value(parse_status, status, "--status"), overdue=overdue,
        due_within=option_value(parse_days, due_within, "--due-within"), meeting=meeting, include_closed=show_all,
    )  # fmt: skip
    day = parse_today(today)
    items = open_tracker(db).list_items(day, filt)
    if not emit_rows([i.as_dict() for i in items], as_json, as_csv):
        print_items(items, f"督办台账 {day.isoformat()}")


@tracker_app.command("show")
def tracker_show(
    item_id: int = typer.Argument(..., help="The item's ID (first column of 'tracker list')."),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Show one item with its progress reports and full history (操作 in Chinese, local time)."""
    tracker = open_tracker(db)
    file = tracker.show(item_id, parse_today(today))
    history = tracker.history(item_id)
    item = file.item
    if as_json:
        progress = [{"日期": r.reported_on.isoformat(), "进展": r.progress or "", "问题": r.problems or "",
                     "下一步": r.next_steps or "", "报送人": r.by} for r in file.reports]  # fmt: skip
        record = {**item.as_dict(), "进展情况": progress, "变更记录": [h.as_dict() for h in history]}
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=1) + "\n")
        return
    facts = [
        ("编号", item.ref), ("来源会议", item.meeting), ("督办事项", item.text), ("所在标题", item.heading),
        ("牵头领导", item.leader), ("责任领导", item.responsible_leader),
        ("牵头单位", item.lead), ("配合单位", "、".join(item.cooperating)), ("责任人", item.person),
        ("完成时限", item.deadline), ("原定到期", item.due_original), ("当前到期", item.due_current),
        ("延期理由", item.extension_reason), ("报送频次", item.recurrence), ("下次报送", item.next_report),
        ("状态", item.status), ("办结情况", item.closing_note), ("预警", item.warning),
        ("原文", "已移出原文（保留）" if item.missing else None),
        ("原文依据", item.quote if item.quote != item.text else None),
    ]  # fmt: skip
    facts_table = Table(show_header=False, title=f"督办事项 {item.id}")
    for label, value in facts:
        if value:
            style = WARNING_STYLES.get(item.warning or "", "") if label == "预警" else ""
            facts_table.add_row(label, str(value), style=style)
    console.print(facts_table)
    if file.reports:
        reports = Table("日期", "进展", "问题", "下一步", "报送人", title="进展情况")
        for r in file.reports:
            reports.add_row(r.reported_on.isoformat(), r.progress or "", r.problems or "", r.next_steps or "", r.by)
        console.print(reports)
    table = Table("时间", "操作人", "操作", "字段", "原值", "新值", "说明", title="变更记录")
    for line in history:
        table.add_row(*line.as_dict().values())
    console.print(table)


@tracker_app.command("update")
def tracker_update(
    item_id: int = typer.Argument(..., help="The item's ID."),
    status: str | None = typer.Option(None, "--status", help="未启动, 推进中 or 已办结."),
    progress: str | None = typer.Option(None, "--progress", help="进展: what has been done."),
    problems: str | None = typer.Option(None, "--problems", help="问题: what is in the way."),
    next_steps: str | None = typer.Option(None, "--next", help="下一步: what comes next."),
    note: str | None = typer.Option(None, "--note", help="A note for the history."),
    on: str | None = typer.Option(None, "--date", help="Date of the progress report, YYYY-MM-DD (default today)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """Record a progress report (进展/问题/下一步), a note or a new status."""
    from speechkit.tracker.rules import parse_status

    if not any((status, progress, problems, next_steps, note)):
        raise UsageError("nothing to update: give --status, --progress, --problems, --next or --note")
    open_tracker(db, by).update(
        item_id, status=option_value(parse_status, status, "--status"), note=note, progress=progress,
        problems=problems, next_steps=next_steps, reported_on=parse_date(on, "--date"),
    )  # fmt: skip
    say(f"item {item_id} updated")


@tracker_app.command("extend")
def tracker_extend(
    item_id: int = typer.Argument(..., help="The item's ID."),
    to: str = typer.Option(..., "--to", help="The new due date, YYYY-MM-DD."),
    reason: str = typer.Option(..., "--reason", help="Why the deadline moves (kept in the history)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """Extend an item's due date; the original date and the reason are kept."""
    new_due = parse_date(to, "--to")
    assert new_due is not None  # --to is required
    open_tracker(db, by).extend(item_id, new_due, reason)
    say(f"item {item_id} now due {new_due.isoformat()}")


@tracker_app.command("close")
def tracker_close(
    item_id: int = typer.Argument(..., help="The item's ID."),
    note: str | None = typer.Option(
        None, "--note", help="办结情况: what was done, who signed it off (needed unless the item is 已办结)."
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """销号: close an item with its 办结 note; who and when are recorded ('tracker reopen' undoes it)."""
    open_tracker(db, by).close(item_id, note)
    say(f"item {item_id} closed (已销号)")


NOTICE_OUT_HELP = "Also write one 督办通知单/催办单 per unit here: .docx, .txt and .eml."
ORG_HELP = "The office that sends the notices and keeps the register (e.g. 县政府督查室)."
CONTACT_HELP = "The office's contact line on every notice (e.g. '县政府督查室 李明 0917-1234567')."


@tracker_app.command("remind")
def tracker_remind(
    within: str = typer.Option("3d", "--within", help="Count items and reports due within this window."),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    out: Path | None = typer.Option(None, "--out", "-o", help=NOTICE_OUT_HELP),
    org: str = typer.Option("督查室", "--org", help=ORG_HELP),
    contact: str | None = typer.Option(None, "--contact", help=CONTACT_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_csv: bool = typer.Option(False, "--csv", help=CSV_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Per unit: overdue items, items due soon, progress reports due, as text ready to send; with --out
    also a 催办单/督办通知单 .docx, .txt and .eml per unit."""
    from speechkit.tracker.rules import parse_days

    day = parse_today(today)
    reminders = open_tracker(db).remind(day, option_value(parse_days, within, "--within") or 0)
    rows = [
        {"单位": r.owner, "类别": label, **item.as_dict()}
        for r in reminders
        for label, views in (("已逾期", r.overdue), ("临近时限", r.due_soon), ("应报送进展", r.reports_due))
        for item in views
    ]
    if out is not None:
        from speechkit.deliver.notices import write_notices

        owed = {i.id: i for r in reminders for i in (*r.overdue, *r.due_soon, *r.reports_due)}
        paths = write_notices(list(owed.values()), out, day, org, contact, ("docx", "txt", "eml"))
        say(f"wrote {len(paths) // 3} notices to {out} (.docx, .txt, .eml)")
    if emit_rows(rows, as_json, as_csv):
        return
    if not reminders:
        say("nothing overdue or due soon")
    console.print("\n\n".join(r.text(day) for r in reminders), markup=False, highlight=False, soft_wrap=True)


@tracker_app.command("stats")
def tracker_stats(
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    units: Path | None = typer.Option(None, "--units", help=UNITS_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_csv: bool = typer.Option(False, "--csv", help=CSV_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Counts by lead unit (under the office's names with --units), by meeting and by status, with rates."""
    figures = open_tracker(db).stats(parse_today(today), load_units(units))
    titles = {"owner": "按牵头单位", "meeting": "按会议", "status": "按状态"}
    rows = [
        {"分组": titles[group], "名称": row["name"], "事项": row["total"], "已办结": row.get("done", ""),
         "完成率": f"{row['rate']:.1%}", "逾期": row.get("overdue", ""), "滞后": row.get("behind", ""),
         "临期": row.get("due_soon", "")}
        for group in titles for row in figures[group]
    ]  # fmt: skip
    if emit_rows(rows, as_json, as_csv):
        return
    for group, title in list(titles.items())[:2]:
        table = Table("名称", "事项", "已办结", "完成率", "逾期", "滞后", "临期", title=title)
        for row in figures[group]:
            cells = (row["total"], row["done"], f"{row['rate']:.0%}", row["overdue"], row["behind"], row["due_soon"])
            table.add_row(row["name"], *map(str, cells))
        console.print(table)
    status_table = Table("状态", "事项", "占比", title="按状态")
    for row in figures["status"]:
        status_table.add_row(row["name"], str(row["total"]), f"{row['rate']:.0%}")
    console.print(status_table)


@tracker_app.command("export")
def tracker_export(
    xlsx: Path | None = typer.Option(
        None, "--xlsx", readable=False, help="Write the register as an Excel workbook (A4, printable)."
    ),
    csv_path: Path | None = typer.Option(
        None, "--csv", readable=False, help="Write every field as CSV (UTF-8 with BOM)."
    ),
    notices: Path | None = typer.Option(
        None, "--notices", readable=False, help="Write a 督办通知单/催办单 .docx per unit here."
    ),
    show_all: bool = typer.Option(True, "--all/--open", help="Include closed (已销号) items (default) or not."),
    title: str | None = typer.Option(None, "--title", help="The register's title (default: ORG督办事项台账)."),
    org: str = typer.Option("督查室", "--org", help=ORG_HELP),
    contact: str | None = typer.Option(None, "--contact", help=CONTACT_HELP),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export the 督办台账 register (.xlsx laid out for print, .csv of every field) and/or the notices."""
    from speechkit.deliver.ledger import check_ledger_path, write_ledger
    from speechkit.tracker import Filter

    if xlsx is None and csv_path is None and notices is None:
        raise UsageError("give --xlsx FILE, --csv FILE and/or --notices DIR")
    for path, fmt in ((xlsx, "xlsx"), (csv_path, "csv")):
        if path is not None:
            check_ledger_path(path, fmt)  # before any is written
    day = parse_today(today)
    items = open_tracker(db).list_items(day, Filter(include_closed=show_all))
    for path, fmt in ((xlsx, "xlsx"), (csv_path, "csv")):
        if path is not None:
            write_ledger(items, path, fmt, title or f"{org}督办事项台账", day)
            say(f"wrote {path} ({len(items)} items)")
    if notices is not None:
        from speechkit.deliver.notices import write_notices

        paths = write_notices(items, notices, day, org, contact)
        say(f"wrote {len(paths)} notices to {notices}")


def split_list(value: str | None) -> list[str] | None:
    """``A、B，C`` → [A, B, C]; None stays None (not given), "" clears."""
    if value is None:
        return None
    from speechkit.tracker.rules import split_units

    return split_units(value)


@tracker_app.command("add")
def tracker_add(
    text: str = typer.Option(..., "--text", help="督办事项: the task as the office words it."),
    source: str = typer.Option(..., "--source", help="Where it comes from: 县长批示, 电话交办, a document's name."),
    on: str | None = typer.Option(None, "--date", help="Date of the 批示 or call, YYYY-MM-DD."),
    lead: str | None = typer.Option(None, "--lead", help="牵头单位."),
    cooperating: str | None = typer.Option(None, "--cooperating", help="配合单位, separated by 、"),
    leader: str | None = typer.Option(None, "--leader", help="牵头领导."),
    responsible_leader: str | None = typer.Option(None, "--responsible-leader", help="责任领导."),
    person: str | None = typer.Option(None, "--person", help="责任人."),
    deadline: str | None = typer.Option(None, "--deadline", help="完成时限 as written (12月底前)."),
    due: str | None = typer.Option(None, "--due", help="The due date, YYYY-MM-DD."),
    quote: str | None = typer.Option(None, "--quote", help="原文依据: the 批示's words, if not the text."),
    units: Path | None = typer.Option(None, "--units", help=UNITS_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """Add an item by hand: a 领导批示, a task from a phone call or a document."""
    item_id = open_tracker(db, by, create=True).add(
        text, source, parse_date(on, "--date"), load_units(units), lead=lead, cooperating=split_list(cooperating),
        leader=leader, responsible_leader=responsible_leader, person=person, deadline=deadline,
        due=parse_date(due, "--due"), quote=quote,
    )  # fmt: skip
    say(f"item {item_id} added")


@tracker_app.command("edit")
def tracker_edit(
    item_id: int = typer.Argument(..., help="The item's ID."),
    text: str | None = typer.Option(None, "--text", help="督办事项."),
    quote: str | None = typer.Option(None, "--quote", help="原文依据."),
    lead: str | None = typer.Option(None, "--lead", help="牵头单位."),
    cooperating: str | None = typer.Option(None, "--cooperating", help="配合单位, separated by 、 ('' clears)."),
    leader: str | None = typer.Option(None, "--leader", help="牵头领导."),
    responsible_leader: str | None = typer.Option(None, "--responsible-leader", help="责任领导."),
    person: str | None = typer.Option(None, "--person", help="责任人."),
    deadline: str | None = typer.Option(None, "--deadline", help="完成时限 as written."),
    due: str | None = typer.Option(None, "--due", help="Correct the due date, YYYY-MM-DD (needs --reason)."),
    label: str | None = typer.Option(None, "--label", help="The office's own number for the item."),
    reason: str | None = typer.Option(None, "--reason", help="Why (kept in the history; needed with --due)."),
    units: Path | None = typer.Option(None, "--units", help=UNITS_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """Correct an item: text, units, 牵头领导/责任领导, person, deadline; every change in the history."""
    open_tracker(db, by).edit(
        item_id, reason, parse_date(due, "--due"), load_units(units), text=text, quote=quote, lead=lead,
        cooperating=split_list(cooperating), leader=leader, responsible_leader=responsible_leader, person=person,
        deadline=deadline, label=label,
    )  # fmt: skip
    say(f"item {item_id} edited")


@tracker_app.command("reopen")
def tracker_reopen(
    item_id: int = typer.Argument(..., help="The item's ID."),
    reason: str = typer.Option(..., "--reason", help="Why it is open again (the leader asked for more …)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """重新打开 an item that was 已办结 or 已销号: back to 推进中."""
    open_tracker(db, by).reopen(item_id, reason)
    say(f"item {item_id} reopened (推进中)")


@tracker_app.command("split")
def tracker_split(
    item_id: int = typer.Argument(..., help="The item's ID."),
    into: list[str] = typer.Option(..., "--into", help="The text of each part, the first kept by the item."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """拆分 an item into several, each with the same units and dates."""
    ids = open_tracker(db, by).split(item_id, into)
    say(f"item {item_id} split into {', '.join(map(str, ids))}")


@tracker_app.command("merge")
def tracker_merge(
    item_ids: list[int] = typer.Argument(..., help="The IDs; the first is kept, the others go into it."),
    text: str | None = typer.Option(None, "--text", help="The merged item's new text."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """合并 items into the first; the others are 销号 with a note naming it."""
    kept = open_tracker(db, by).merge(item_ids, text)
    say(f"items {', '.join(map(str, item_ids[1:]))} merged into {kept}")


@tracker_app.command("units")
def tracker_units(
    units: Path | None = typer.Option(None, "--units", help=UNITS_HELP),
    apply: bool = typer.Option(False, "--apply", help="Rename the units the list knows to its names."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """Check every 牵头/配合单位 against the office's list: aliases, names not in it, junk (巷, 每个乡镇)."""
    unit_list = load_units(units)
    if unit_list is None:
        from speechkit.tracker.units import UnitList

        unit_list = UnitList()  # without a list: still flag what cannot be a unit
    checks = open_tracker(db, by).check_units(unit_list, apply)
    rows = [{"名称": c.name, "规范名称": c.canonical, "事项": n, "问题": c.problem or ""} for c, n in checks]
    if emit_rows(rows, as_json, False):
        return
    table = Table("名称", "规范名称", "事项", "问题", title="单位名称核对" + ("（已规范）" if apply else ""))
    for row in rows:
        table.add_row(*map(str, row.values()), style="yellow" if row["问题"] else "")
    console.print(table)
