"""The tracker sub-app (督办台账): import tasks, follow progress, extend, 销号, remind, stats, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from speechkit.cli.app import app, console, parse_date, say
from speechkit.errors import UsageError

tracker_app = typer.Typer(
    help="The supervision tracker (督办台账): import tasks, follow progress, extend, 销号, remind, export.",
    no_args_is_help=True,
)
app.add_typer(tracker_app, name="tracker")
DB_HELP = "Tracker database: a SQLAlchemy URL or a SQLite file (default: $SPEECHKIT_DB or the user data folder)."
BY_HELP = "Who makes the change, for the history (default: your login name)."
TODAY_HELP = "Judge due dates as of this day, YYYY-MM-DD (default: today)."
WARNING_STYLES = {"逾期": "bold red", "滞后": "yellow", "临期": "blue"}  # 红 / 黄 / 蓝 预警

def open_tracker(db: str | None, by: str | None = None):  # -> speechkit.tracker.Tracker, imported lazily
    from speechkit.tracker import open_tracker as open_store

    return open_store(db, by)


def print_import(counts: dict[str, int], url: str) -> None:
    say(
        f"tracker {url}: {counts['meetings']} meetings, {counts['new']} new items, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {counts['gone']} gone from their source (flagged)",
    )

@tracker_app.command("import")
def tracker_import(
    files: list[Path] = typer.Argument(
        ..., readable=False, help="Outline JSON files written by 'speechkit outline' or 'process'."
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """Import tasks as 督办事项, all files in one transaction; importing again changes nothing."""
    tracker = open_tracker(db, by)
    print_import(tracker.import_files(files), tracker.url)


def parse_today(value: str | None) -> date:
    return parse_date(value, "--today") or date.today()


def print_items(items: list, title: str) -> None:  # list[speechkit.tracker.ItemView]
    table = Table(title=title, show_lines=True, expand=True)
    for name, ratio in (("ID", 0), ("编号", 2), ("督办事项", 6), ("牵头单位", 2), ("责任人", 1), ("时限", 2),
                        ("到期日", 2), ("状态", 0), ("预警", 0)):  # fmt: skip
        table.add_column(name, overflow="fold", ratio=ratio or None, no_wrap=not ratio)
    for item in items:
        due = item.due_current.isoformat() if item.due_current else ""
        if item.due_original and item.due_current != item.due_original:
            due += f"（原{item.due_original.isoformat()}）"
        flag = item.warning or ("已移出原文" if item.missing else "")
        style = WARNING_STYLES.get(item.warning or "", "dim" if item.status in ("已办结", "已销号") else "")
        table.add_row(
            str(item.id), item.ref, item.text, item.lead or "", item.person or "", item.deadline or "", due,
            item.status, flag, style=style,
        )  # fmt: skip
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
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """List items as a table coloured 红 overdue, 黄 behind (report late), 蓝 due soon."""
    from speechkit.tracker import Filter
    from speechkit.tracker.rules import parse_days, parse_status

    filt = Filter(
        owner=owner, status=parse_status(status) if status else None, overdue=overdue,
        due_within=parse_days(due_within) if due_within else None, meeting=meeting, include_closed=show_all,
    )  # fmt: skip
    day = parse_today(today)
    print_items(open_tracker(db).list_items(day, filt), f"督办台账 {day.isoformat()}")


@tracker_app.command("show")
def tracker_show(
    item_id: int = typer.Argument(..., help="The item's ID (first column of 'tracker list')."),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Show one item with its progress reports and full history."""
    file = open_tracker(db).show(item_id, parse_today(today))
    item = file.item
    facts = [
        ("编号", item.ref), ("来源会议", item.meeting), ("督办事项", item.text), ("所在标题", item.heading),
        ("牵头单位", item.lead), ("配合单位", "、".join(item.cooperating)), ("责任人", item.person),
        ("完成时限", item.deadline), ("原定到期", item.due_original), ("当前到期", item.due_current),
        ("延期理由", item.extension_reason), ("报送频次", item.recurrence), ("下次报送", item.next_report),
        ("状态", item.status), ("预警", item.warning), ("原文", "已移出原文（保留）" if item.missing else None),
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
    history = Table("时间 (UTC)", "人", "操作", "字段", "原值", "新值", "说明", title="变更记录")
    for c in file.changes:
        history.add_row(
            c.at.isoformat(timespec="seconds"), c.by, c.action, c.field or "", c.old or "", c.new or "", c.note or ""
        )
    console.print(history)


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

    open_tracker(db, by).update(
        item_id, status=parse_status(status) if status else None, note=note, progress=progress,
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
    note: str | None = typer.Option(None, "--note", help="Why it is closed, who signed it off."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """销号: close an item for good; who and when are recorded."""
    open_tracker(db, by).close(item_id, note)
    say(f"item {item_id} closed (已销号)")


@tracker_app.command("remind")
def tracker_remind(
    within: str = typer.Option("3d", "--within", help="Count items and reports due within this window."),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Per unit: overdue items, items due soon, progress reports due, as text ready to send."""
    from speechkit.tracker.rules import parse_days

    day = parse_today(today)
    reminders = open_tracker(db).remind(day, parse_days(within))
    if not reminders:
        say("nothing overdue or due soon")
    console.print("\n\n".join(r.text(day) for r in reminders), markup=False, highlight=False, soft_wrap=True)


@tracker_app.command("stats")
def tracker_stats(
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Counts by lead unit, by meeting and by status, with completion rates."""
    figures = open_tracker(db).stats(parse_today(today))
    titles = {"owner": "按牵头单位", "meeting": "按会议"}
    for group, title in titles.items():
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
    xlsx: Path | None = typer.Option(None, "--xlsx", readable=False, help="Write the register as an Excel workbook."),
    csv_path: Path | None = typer.Option(
        None, "--csv", readable=False, help="Write the register as CSV (UTF-8 with BOM)."
    ),
    show_all: bool = typer.Option(True, "--all/--open", help="Include closed (已销号) items (default) or not."),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export the 督办台账 register (序号, 督办事项, 来源会议, 牵头单位 … 状态) as .xlsx and/or .csv."""
    from speechkit.deliver.ledger import check_ledger_path, write_ledger
    from speechkit.tracker import Filter

    if xlsx is None and csv_path is None:
        raise UsageError("give --xlsx FILE and/or --csv FILE")
    for path, fmt in ((xlsx, "xlsx"), (csv_path, "csv")):
        if path is not None:
            check_ledger_path(path, fmt)  # before any is written
    items = open_tracker(db).list_items(parse_today(today), Filter(include_closed=show_all))
    for path, fmt in ((xlsx, "xlsx"), (csv_path, "csv")):
        if path is not None:
            write_ledger(items, path, fmt)
            say(f"wrote {path} ({len(items)} items)")
