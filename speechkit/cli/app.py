"""The typer app and what every command shares: consoles, one-line errors, dates, progress over files,
the global -v/-q/--version options and the config file that sets option defaults."""

from __future__ import annotations

import logging
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

from speechkit.batch.report import Report, run_each
from speechkit.cli.config import STDIN, config_default_map
from speechkit.document import Options, Result
from speechkit.errors import SpeechkitError, UsageError

app = typer.Typer(
    help="speechkit: meeting speeches and minutes → outline, action items, 会议纪要 and 督办台账, offline.",
    no_args_is_help=True,
    rich_markup_mode=None,  # plain click help: flags as --track, not --track <bool>; no rich at --help
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
console = Console()
err_console = Console(stderr=True)
T = TypeVar("T")
QUIET = False  # -q: no "wrote …" lines and no progress bars; errors still show
EXIT_INTERRUPTED = 130
_interrupt_told = False  # a command already said it was interrupted (batch: "run the same command again")


def say_interrupted(message: str = "speechkit: interrupted") -> None:
    """The one line a Ctrl-C leaves, said once whether a command or ``main`` notices it."""
    global _interrupt_told
    if not _interrupt_told:
        _print_plain(message)
        _interrupt_told = True


def is_quiet() -> bool:
    """-q was given: commands print no "wrote …" lines and no progress bars."""
    return QUIET


def _print_version(value: bool) -> None:
    if value:
        from speechkit import __version__

        typer.echo(f"speechkit {__version__}")
        raise typer.Exit()


@app.callback()
def global_options(
    verbose: int = typer.Option(
        0, "--verbose", "-v", count=True, show_default=False, help="Log what the stages do (-vv: debug)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors on stderr: no 'wrote …' lines, no bars."),
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """speechkit: meeting speeches and minutes → outline, action items, 会议纪要 and 督办台账, offline.

    Option defaults can be set in ./speechkit.toml or the user config file (see `speechkit config`).
    """
    global QUIET
    if verbose and quiet:
        raise UsageError("-v and -q contradict each other: give one")
    QUIET = quiet
    if verbose:
        handler = logging.StreamHandler(sys.stderr)  # speechkit's own loggers; libraries stay quiet
        handler.setFormatter(logging.Formatter("speechkit: %(levelname)s: %(name)s: %(message)s"))
        logger = logging.getLogger("speechkit")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG if verbose > 1 else logging.INFO)


class Format(str, Enum):
    json = "json"
    md = "md"
    both = "both"


def print_error(error: SpeechkitError) -> None:
    """One line on stderr: ``speechkit: error: <file>: <reason>`` (also with -q); a line break in a file name
    is shown as \\n."""
    _print_plain(f"speechkit: error: {error}".replace("\r", "\\r").replace("\n", "\\n"))


def say(message: str) -> None:
    """A plain line on stderr (wrote …, item 3 updated): no rich markup, never wrapped mid-path; not with -q."""
    if not QUIET:
        _print_plain(message)


def _print_plain(message: str) -> None:
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
    if total < 2 or QUIET:
        yield lambda path: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

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
    from speechkit.cli import load_commands

    load_commands()
    try:
        default_map = config_default_map(typer.main.get_command(app))
        # Not standalone: typer's own usage errors and a Ctrl-C come here, so that a Ctrl-C at any
        # moment (while parsing, importing, starting workers) exits 130 with one line, never click's
        # "Aborted!" and exit 1.
        code = app(args=argv, prog_name="speechkit", default_map=default_map, standalone_mode=False)
    except SpeechkitError as e:
        print_error(e)
        sys.exit(e.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        say_interrupted()
        sys.exit(EXIT_INTERRUPTED)
    except typer.TyperException as e:  # click's usage errors (exit 2), shown as click shows them
        e.show()  # type: ignore[attr-defined]
        sys.exit(getattr(e, "exit_code", 2))
    if code == EXIT_INTERRUPTED:  # typer turns a Ctrl-C inside a command into a silent Exit(130)
        say_interrupted()
    sys.exit(code if isinstance(code, int) else 0)


def file_arguments(files: list[Path], flags: tuple[str, ...] = ()) -> list[Path]:
    """Check the FILE arguments: ``-`` (standard input) at most once; "true"/"false" after a flag is
    a usage error (``--track true``: the flag takes no value), not a missing file."""
    if sum(1 for f in files if str(f) == STDIN) > 1:
        raise UsageError("- (standard input) can be given only once")
    for f in files:
        if str(f).lower() in ("true", "false", "yes", "no", "1", "0") and not f.exists():
            named = " or ".join(flags) or "a flag"
            raise UsageError(f"{named} takes no value: write the flag alone, not followed by {str(f)!r}")
    return files


def process_input(path: Path, options: Options) -> Result:
    """Run the pipeline on one FILE argument; ``-`` reads standard input (a text, .docx or page)."""
    from speechkit.pipeline import process_document, process_file

    if str(path) != STDIN:
        return process_file(path, options)
    from speechkit.cli.config import sniff_name
    from speechkit.ingest import read_bytes

    data = sys.stdin.buffer.read()
    return process_document(read_bytes(sniff_name(data), data), options)


def config_cmd() -> None:
    """Show the config files read (option defaults in TOML) and the settings they hold."""
    from speechkit.cli.config import config_paths, load_config

    settings, found = load_config()
    for path in config_paths():
        typer.echo(f"{path}  ({'read' if path in found else 'not present'})")
    if settings:
        import json

        typer.echo(json.dumps(settings, ensure_ascii=False, indent=2, default=str))
