"""The typer app: each command is a few lines over the library functions."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TypeVar

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


def parse_date(value: str | None) -> date | None:
    """--date YYYY-MM-DD, or a usage error naming the value."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date: {value!r} is not a date of the form YYYY-MM-DD") from None


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
