"""outline, eval, process and tasks: a file's structured form, its score, its action items."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import typer
from rich.table import Table

from speechkit.cli.app import Format, app, console, parse_date, run_files, say
from speechkit.cli.tracker import BY_HELP, DB_HELP, open_tracker, print_import
from speechkit.document import Options
from speechkit.errors import SpeechkitError


def outline_job(
    path: Path, out: Path, fmt: Format, options: Options, stems: dict[Path, str] | None = None
) -> list[Path]:
    """Process one file and write its outline; module-level so workers can pickle it."""
    from speechkit.deliver.outline import write_outline
    from speechkit.pipeline import process_file

    return write_outline(process_file(path, options), out, fmt.value, (stems or {}).get(path))


def output_stems(files: list[Path]) -> dict[Path, str]:
    """Each input's output stem; an input renamed because another has its name is said on stderr."""
    from speechkit.deliver.outline import output_stems as plan

    stems = plan(files)
    for path, stem in stems.items():
        if stem != path.stem:
            say(f"{path}: written as {stem}.* (another input is also named {path.stem})")
    return stems


@app.command()
def outline(
    files: list[Path] = typer.Argument(
        ..., readable=False, help="Speech or minutes files: txt, md, docx, html, or audio."
    ),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", readable=False, help="Folder for the results."),
    fmt: Format = typer.Option(Format.both, "--format", "-f", help="json, md or both."),
    meeting_date: str | None = typer.Option(None, "--date", help="Meeting date YYYY-MM-DD, when the text has none."),
) -> None:
    """Rebuild each speech's outline (and action items) and write it as JSON and/or Markdown."""
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
    columns = list(report["ALL"])
    table = Table("file", *columns, title="speechkit eval", show_lines=False)
    for name, figures in report.items():
        table.add_row(name, *(str(figures[c]) if figures[c] is not None else "—" for c in columns))
    console.print(table)

def process_job(
    path: Path, out: Path, fmt: Format, options: Options, stems: dict[Path, str] | None = None
) -> tuple[list[Path], dict[str, object]]:
    """Run the whole text pipeline on one file, write its JSON/MD; return the paths and the outline dict."""
    from speechkit.deliver.outline import to_dict, write_outline
    from speechkit.pipeline import process_file

    result = process_file(path, options)
    return write_outline(result, out, fmt.value, (stems or {}).get(path)), to_dict(result)

@app.command()
def process(
    files: list[Path] = typer.Argument(
        ..., readable=False, help="Speech or minutes files: txt, md, docx, html, or audio."
    ),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", readable=False, help="Folder for the results."),
    fmt: Format = typer.Option(Format.both, "--format", "-f", help="json, md or both."),
    meeting_date: str | None = typer.Option(None, "--date", help="Meeting date YYYY-MM-DD, when the text has none."),
    track: bool = typer.Option(False, "--track", help="Also import the tasks into the tracker (督办台账)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help=BY_HELP),
) -> None:
    """Run the whole pipeline on each file, write JSON/Markdown, and with --track feed the tracker."""
    options = Options(meeting_date=parse_date(meeting_date))
    tracker = open_tracker(db, by) if track else None
    job = partial(process_job, out=out, fmt=fmt, options=options, stems=output_stems(files))
    report = run_files(files, job, "process")
    for _, (written, _outline) in report.done:
        for path in written:
            say(f"wrote {path}")
    if tracker is not None and report.done:
        print_import(tracker.import_outlines([outline for _, (_, outline) in report.done]), tracker.url)
    raise typer.Exit(report.exit_code)

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
    files: list[Path] = typer.Argument(
        ..., readable=False, help="Speech or minutes files: txt, md, docx, html, or audio."
    ),
    meeting_date: str | None = typer.Option(None, "--date", help="Meeting date YYYY-MM-DD, when the text has none."),
    csv_path: Path | None = typer.Option(
        None, "--csv", readable=False, help="Also write all tasks to this CSV file (UTF-8 with BOM)."
    ),
) -> None:
    """List the action items (督办事项) of each file: owner, deadline and its date, recurrence."""
    import csv
    import io

    from speechkit.deliver import write_atomic
    from speechkit.deliver.cells import escape_formula

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
        writer.writerows({k: escape_formula(v) for k, v in row.items()} for row in rows)
        write_atomic(csv_path, "\ufeff" + buffer.getvalue())  # the BOM lets Excel read it as UTF-8
        say(f"wrote {csv_path}")
    raise typer.Exit(report.exit_code)
