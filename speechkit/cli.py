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

from speechkit.batch import Report, run_each
from speechkit.document import Options
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
