"""minutes: a meeting's 会议纪要 as a GB/T 9704-2012 .docx, or Markdown."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import typer

from speechkit.cli.app import app, file_arguments, parse_date, process_input, say
from speechkit.cli.config import STDIN
from speechkit.document import Options, Result
from speechkit.errors import UsageError


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
    """A JSON that speechkit wrote is read back; anything else (``-``: standard input) goes through the pipeline."""
    if path.suffix.lower() == ".json":
        from speechkit.deliver.outline import read_result_json

        return read_result_json(path)
    return process_input(path, options)


@app.command()
def minutes(
    source: Path = typer.Argument(
        ...,
        readable=False,
        help="A speech, minutes text or recording, or a JSON speechkit wrote; - reads standard input.",
    ),
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        readable=False,
        help="The file to write, or a folder to write it in [default: outputs/<stem>.minutes.docx, as batch names it].",
    ),
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
    send_to: list[str] | None = typer.Option(None, "--send-to", help="主送: units, comma-separated."),
    copy_to: list[str] | None = typer.Option(
        None, "--copy-to", help="分送: units, comma-separated [default: the units the 议定事项 name]."
    ),
    annex: bool = typer.Option(True, "--annex/--no-annex", help="Append the table of action items (附件)."),
    md: bool = typer.Option(False, "--md/--docx", help="Write Markdown instead [default: outputs/<stem>.minutes.md]."),
) -> None:
    """Write a meeting's 会议纪要 as a .docx laid out to GB/T 9704-2012 (or as Markdown)."""
    from speechkit.deliver import fit_stem, write_atomic
    from speechkit.deliver.minutes import MinutesMeta, minutes_markdown, minutes_name, write_minutes

    file_arguments([source], ("--annex", "--md"))
    when = minutes_date(meeting_date)
    md = md or (out is not None and out.suffix.lower() == ".md")
    if md and out is not None and out.suffix.lower() == ".docx":
        raise UsageError(f"--md writes Markdown: give -o a .md name, not {out}")
    stem = "stdin" if str(source) == STDIN else fit_stem(source.stem)  # a 253-byte name still fits the disk
    name = minutes_name(stem, "md" if md else "docx")
    # -o a folder, as outline, process and batch take it: the minutes go in it under their usual name
    target = out / name if out is not None and out.is_dir() else out or Path("outputs") / name
    if str(source) != STDIN:
        from speechkit.ingest.guard import stat_input

        stat_input(source)  # no such file, a broken link, a loop, a FIFO: said as such
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
        annex=annex,
        send_to=split_names(send_to),
        copy_to=split_names(copy_to) if copy_to else None,
    )
    from speechkit.deliver.minutes import compose_minutes

    for warning in compose_minutes(result, meta).warnings:
        say(f"speechkit: warning: {warning}")
    if md:
        write_atomic(target, minutes_markdown(result, meta))
    else:
        write_minutes(result, target, meta)
    say(f"wrote {target}")


# --- speechkit tasks (issue 4) -------------------------------------------------------------------
