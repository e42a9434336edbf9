"""outline, eval, process and tasks: a file's structured form, its score, its action items."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import typer
from rich import box
from rich.table import Table

from speechkit.cli.app import Format, app, console, file_arguments, parse_date, process_input, run_files, say
from speechkit.cli.config import STDIN
from speechkit.cli.tracker import BY_HELP, DB_HELP, open_tracker, print_import
from speechkit.document import Options, Result
from speechkit.errors import SpeechkitError

FILES_HELP = "Speech or minutes files: txt, md, docx, html, or audio; - reads standard input."


def outline_job(
    path: Path, out: Path, fmt: Format, options: Options, stems: dict[Path, str] | None = None
) -> list[Path]:
    """Process one file and write its outline; module-level so workers can pickle it."""
    from speechkit.deliver.outline import write_outline

    return write_outline(process_input(path, options), out, fmt.value, (stems or {}).get(path))


def output_stems(files: list[Path]) -> dict[Path, str]:
    """Each input's output stem; an input renamed because another has its name is said on stderr."""
    from speechkit.deliver.outline import output_stems as plan

    stems = plan([f for f in files if str(f) != STDIN])  # standard input is written as stdin.*
    for path, stem in stems.items():
        if stem != path.stem:
            say(f"{path}: written as {stem}.* (another input is also named {path.stem})")
    return stems


@app.command()
def outline(
    files: list[Path] = typer.Argument(..., readable=False, help=FILES_HELP),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", readable=False, help="Folder for the results."),
    fmt: Format = typer.Option(Format.both, "--format", "-f", help="json, md or both."),
    meeting_date: str | None = typer.Option(None, "--date", help="Meeting date YYYY-MM-DD, when the text has none."),
) -> None:
    """Rebuild each speech's outline (and action items) and write it as JSON and/or Markdown."""
    files = file_arguments(files)
    options = Options(meeting_date=parse_date(meeting_date))
    job = partial(outline_job, out=out, fmt=fmt, options=options, stems=output_stems(files))
    report = run_files(files, job, "outline")
    for _, written in report.done:
        for path in written:
            say(f"wrote {path}")
    raise typer.Exit(report.exit_code)


@app.command("eval")
def evaluate_cmd(
    pred: Path = typer.Argument(..., readable=False, help="A prediction JSON, or a folder of them."),
    gold: Path = typer.Argument(
        ..., readable=False, help="The gold JSON, or a folder of gold files with the same names."
    ),
) -> None:
    """Score predictions against gold annotations: headings, tasks, speeches, titles, speakers."""
    from speechkit.evaluate import evaluate

    for path in (pred, gold):
        if not path.exists() and not path.is_symlink():  # a loop or a broken link is said as such below
            raise SpeechkitError("no such file or folder", path)
    report = evaluate(pred, gold)
    if not report.get("ALL"):
        raise SpeechkitError("no gold *.json files found", gold)
    console.print(scores_table(report, console.width))


# What ``eval`` shows in a narrow terminal, with headers that fit; the full set from WIDE_EVAL columns.
EVAL_COLUMNS = {
    "heading_f1": "head-\nings\nF1",
    "task_p": "task\nP",
    "task_r": "task\nR",
    "task_f1": "task\nF1",
    "owner_acc": "owner",
    "deadline_acc": "dead-\nline",
    "deadline_iso_acc": "date",
    "title_acc": "title",
    "speaker_acc": "spea-\nker",
    "speeches": "spee-\nches",
}
WIDE_EVAL = 160


def scores_table(report: dict[str, dict[str, object]], width: int) -> Table:
    """One row per file and ALL; every figure from WIDE_EVAL columns, else the ten a reader looks at first.
    The figures keep their width; file names are cut to what is left."""
    wide = width >= WIDE_EVAL
    columns = list(report["ALL"]) if wide else [c for c in EVAL_COLUMNS if c in report["ALL"]]
    headers = columns if wide else [EVAL_COLUMNS[c] for c in columns]
    cells = [[_figure(figures[c]) for c in columns] for figures in report.values()]
    widths = [max(len(line) for line in [*h.splitlines(), *(row[i] for row in cells)]) for i, h in enumerate(headers)]
    table = Table(title="speechkit eval", box=box.SIMPLE_HEAD, show_edge=False, padding=0)
    left = width - sum(w + 1 for w in widths)  # each figure and the space before it
    table.add_column("file", max_width=max(left, 8), overflow="ellipsis", no_wrap=True)
    for header, widest in zip(headers, widths, strict=True):
        table.add_column(header, justify="right", no_wrap=True, min_width=widest)
    for name, row in zip(report, cells, strict=True):
        table.add_row(name, *row, end_section=name == list(report)[-2])
    return table


def _figure(value: object) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def process_job(
    path: Path, out: Path, fmt: Format, options: Options, stems: dict[Path, str] | None = None
) -> tuple[list[Path], Result]:
    """Run the whole text pipeline on one file, write its JSON/MD; return the paths and the result."""
    from speechkit.deliver.outline import write_outline

    result = process_input(path, options)
    return write_outline(result, out, fmt.value, (stems or {}).get(path)), result


@app.command()
def process(
    files: list[Path] = typer.Argument(..., readable=False, help=FILES_HELP),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", readable=False, help="Folder for the results."),
    fmt: Format = typer.Option(Format.both, "--format", "-f", help="json, md or both."),
    meeting_date: str | None = typer.Option(None, "--date", help="Meeting date YYYY-MM-DD, when the text has none."),
    track: bool = typer.Option(False, "--track/--no-track", help="Also import the tasks into the tracker (督办台账)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """Run the whole pipeline on each file, write JSON/Markdown, and with --track feed the tracker."""
    files = file_arguments(files, ("--track",))
    options = Options(meeting_date=parse_date(meeting_date))
    tracker = open_tracker(db, by, create=True) if track else None
    job = partial(process_job, out=out, fmt=fmt, options=options, stems=output_stems(files))
    report = run_files(files, job, "process")
    for _, (written, _result) in report.done:
        for path in written:
            say(f"wrote {path}")
    if tracker is not None and report.done:
        print_import(tracker.import_results([result for _, (_, result) in report.done]), tracker.url)
    raise typer.Exit(report.exit_code)


TASK_COLUMNS = (
    "file", "quote", "owner", "person", "deadline", "deadline_iso", "recurrence", "rrule", "cooperating", "heading",
)  # fmt: skip
# What a clerk reads in the table and the CSV header (issue 15); the row keys stay the JSON field names.
TASK_HEADERS = {
    "file": "文件", "quote": "原文依据", "owner": "责任单位", "person": "责任人", "deadline": "完成时限",
    "deadline_iso": "到期日", "recurrence": "报送频次", "rrule": "报送规则", "cooperating": "配合单位",
    "heading": "所在标题",
}  # fmt: skip


def tasks_job(path: Path, options: Options) -> list[dict[str, str]]:
    """The action items of one file as flat rows; module-level so workers can pickle it."""
    rows = []
    for speech in process_input(path, options).speeches:
        for task in speech.tasks:
            rows.append({
                "file": path.name, "quote": task.quote, "owner": task.owner or "", "person": task.person or "",
                "deadline": task.deadline or "",
                "deadline_iso": task.deadline_iso.isoformat() if task.deadline_iso else "",
                "recurrence": task.recurrence or "", "rrule": task.rrule or "",
                "cooperating": "、".join(task.cooperating), "heading": " / ".join(task.heading_path),
            })  # fmt: skip
    return rows


def tasks_table(rows: list[dict[str, str]], several_files: bool) -> Table:
    """The tasks as a table that stays readable in 80 columns: the quote takes the room, the rest wraps."""
    table = Table(title="督办事项（speechkit tasks）", show_lines=True, expand=True)
    if several_files:
        table.add_column(TASK_HEADERS["file"], no_wrap=True, overflow="ellipsis", max_width=14)
    table.add_column(TASK_HEADERS["owner"], ratio=2, overflow="fold")
    table.add_column(TASK_HEADERS["deadline"], ratio=2, overflow="fold")
    table.add_column(TASK_HEADERS["quote"], ratio=5, overflow="fold")
    for row in rows:
        when = "\n".join(x for x in (row["deadline"], row["deadline_iso"]) if x)
        if row["recurrence"] and row["recurrence"] != row["deadline"]:
            when += ("\n" if when else "") + row["recurrence"]
        cells = (row["owner"], when, row["quote"])
        table.add_row(*((row["file"],) if several_files else ()), *cells)
    return table


@app.command("tasks")
def tasks_cmd(
    files: list[Path] = typer.Argument(..., readable=False, help=FILES_HELP),
    meeting_date: str | None = typer.Option(None, "--date", help="Meeting date YYYY-MM-DD, when the text has none."),
    csv_path: Path | None = typer.Option(
        None, "--csv", readable=False, help="Also write all tasks to this CSV file (UTF-8 with BOM)."
    ),
) -> None:
    """List the action items (督办事项) of each file: owner, deadline and its date, recurrence."""
    files = file_arguments(files)
    import csv
    import io

    from speechkit.deliver import write_atomic
    from speechkit.deliver.cells import escape_formula

    options = Options(meeting_date=parse_date(meeting_date))
    report = run_files(files, partial(tasks_job, options=options), "tasks")
    rows = [row for _, found in report.done for row in found]
    table = tasks_table(rows, several_files=len(report.done) > 1)
    if report.done:
        console.print(table)
    if csv_path is not None:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([TASK_HEADERS[key] for key in TASK_COLUMNS])
        writer.writerows([escape_formula(row[key]) for key in TASK_COLUMNS] for row in rows)
        write_atomic(csv_path, "\ufeff" + buffer.getvalue())  # the BOM lets Excel read it as UTF-8
        say(f"wrote {csv_path}")
    raise typer.Exit(report.exit_code)
