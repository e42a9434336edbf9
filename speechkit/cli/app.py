"""The typer app and what every command shares: consoles, one-line errors, dates, progress over files."""

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

from speechkit.batch import Report, run_each
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
    """One line on stderr: ``speechkit: error: <file>: <reason>``; a line break in a file name is shown as \\n."""
    say(f"speechkit: error: {error}".replace("\r", "\\r").replace("\n", "\\n"))


def say(message: str) -> None:
    """A plain line on stderr (wrote …, item 3 updated): no rich markup, never wrapped mid-path."""
    err_console.print(message, markup=False, highlight=False, soft_wrap=True)


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


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``speechkit`` console script."""
    import speechkit.cli  # noqa: F401  (registers every command on the app)

    try:
        app(args=argv)
    except SpeechkitError as e:
        print_error(e)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        say("speechkit: interrupted")
        sys.exit(130)
