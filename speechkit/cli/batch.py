"""batch: whole archives, resumable, on local workers or Ray."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from speechkit.batch.job import MB, BatchOptions
from speechkit.cli.app import (
    Format,
    app,
    console,
    err_console,
    file_arguments,
    is_quiet,
    parse_date,
    print_error,
    say_interrupted,
)
from speechkit.cli.audio import (
    COMPUTE_HELP,
    DEVICE_HELP,
    ENGINE_HELP,
    HOTWORDS_HELP,
    MODEL_HELP,
    Engine,
    whisper_options,
)
from speechkit.document import Options, Result
from speechkit.errors import SpeechkitError

if TYPE_CHECKING:
    from rich.table import Table

    from speechkit.batch.driver import BatchProgress, BatchSummary


class BatchExecutor(str, Enum):
    local = "local"
    ray = "ray"


@contextmanager
def batch_progress() -> Iterator[Callable[[BatchProgress], None]]:
    """A rich bar over megabytes (for the ETA) that also shows files and audio minutes done."""
    if not err_console.is_terminal or is_quiet():  # a log file gets the failures and the summary, not a bar
        yield lambda state: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

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
    from rich.table import Table

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


def batch_tracker(db: str | None) -> tuple[Callable[[Result], None], Callable[[], None]]:
    """Import one result into the tracker (one transaction per file), and how to close the store."""
    from speechkit.tracker import open_tracker

    tracker = open_tracker(db)

    def import_one(result: Result) -> None:
        tracker.import_results([result])

    return import_one, tracker.dispose


@app.command("batch")
def batch_cmd(
    sources: list[str] = typer.Argument(..., help="Folders, files or globs ('archive/**/*.docx')."),
    out: Path = typer.Option(
        ..., "--out", "-o", readable=False, help="Output folder: mirrors the input folders; holds the manifest."
    ),
    workers: int | None = typer.Option(
        None, "--workers", "-w", min=1, help="Worker processes; with --executor ray the CPUs it uses (default: all)."
    ),
    track: bool = typer.Option(False, "--track/--no-track", help="Import each file's tasks into the 督办台账 tracker."),
    minutes: bool = typer.Option(
        False, "--minutes/--no-minutes", help="Also write each file's 会议纪要 as <stem>.minutes.docx."
    ),
    executor: BatchExecutor = typer.Option(BatchExecutor.local, "--executor", help="local processes or ray."),
    ray_address: str | None = typer.Option(None, "--ray-address", help="Join this Ray cluster (default: a local Ray)."),
    fmt: Format = typer.Option(Format.both, "--format", "-f", help="json, md or both."),
    db: str | None = typer.Option(None, "--db", help="Tracker database URL for --track (default: SPEECHKIT_DB)."),
    max_mb: float = typer.Option(64.0, "--max-mb", min=0.001, help="Fail text/docx/html files larger than this."),
    meeting_date: str | None = typer.Option(None, "--date", help="Meeting date YYYY-MM-DD, when a text has none."),
    engine: Engine = typer.Option(Engine.faster_whisper, "--engine", help="Recordings: " + ENGINE_HELP),
    model: str = typer.Option("base", "--model", help="Recordings: " + MODEL_HELP),
    device: str = typer.Option("auto", "--device", help="Recordings: " + DEVICE_HELP),
    compute_type: str | None = typer.Option(None, "--compute-type", help="Recordings: " + COMPUTE_HELP),
    beam_size: int = typer.Option(5, "--beam-size", min=1, help="Recordings: beam search width."),
    language: str = typer.Option("zh", "--language", help="Recordings: spoken language code."),
    hotwords: Path | None = typer.Option(None, "--hotwords", help="Recordings: " + HOTWORDS_HELP),
) -> None:
    """Process whole folders of speeches, minutes and recordings in parallel; a rerun resumes."""
    sources = [str(p) for p in file_arguments([Path(s) for s in sources], ("--track", "--minutes"))]
    formats = ("json", "md") if fmt is Format.both else (fmt.value,)
    transcribe = whisper_options(engine, model, device, compute_type, beam_size, language, hotwords)
    options = Options(meeting_date=parse_date(meeting_date), transcribe=transcribe)
    settings = BatchOptions(options=options, formats=formats, minutes=minutes, track=track, max_bytes=int(max_mb * MB))
    importer, close_tracker = batch_tracker(db) if track else (None, lambda: None)
    from speechkit.batch.driver import run_batch

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
        say_interrupted("speechkit: interrupted; run the same command again to resume")
    raise typer.Exit(summary.exit_code)
