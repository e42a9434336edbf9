"""minutes: a meeting's 会议纪要 as a GB/T 9704-2012 .docx, or Markdown."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import typer

from speechkit.cli.app import app, parse_date, say
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
    """A JSON that speechkit wrote is read back; anything else goes through the pipeline."""
    if path.suffix.lower() == ".json":
        from speechkit.deliver.outline import read_result_json

        return read_result_json(path)
    from speechkit.pipeline import process_file

    return process_file(path, options)


@app.command()
def minutes(
    source: Path = typer.Argument(
        ..., readable=False, help="A speech, minutes text or recording, or a JSON speechkit wrote."
    ),
    out: Path | None = typer.Option(
        None, "--out", "-o", readable=False, help="The file to write [default: outputs/<stem>.docx]."
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
    no_annex: bool = typer.Option(False, "--no-annex", help="Leave out the table of action items (附件)."),
    md: bool = typer.Option(False, "--md", help="Write Markdown instead [default: outputs/<stem>.minutes.md]."),
) -> None:
    """Write a meeting's 会议纪要 as a .docx laid out to GB/T 9704-2012 (or as Markdown)."""
    from speechkit.deliver import fit_stem, write_atomic
    from speechkit.deliver.minutes import MinutesMeta, minutes_markdown, write_minutes

    when = minutes_date(meeting_date)
    md = md or (out is not None and out.suffix.lower() == ".md")
    if md and out is not None and out.suffix.lower() == ".docx":
        raise UsageError(f"--md writes Markdown: give -o a .md name, not {out}")
    stem = fit_stem(source.stem)  # a 253-byte input name still gives a name the disk takes
    target = out or Path("outputs") / (f"{stem}.minutes.md" if md else f"{stem}.docx")
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
        annex=not no_annex,
    )
    if md:
        write_atomic(target, minutes_markdown(result, meta))
    else:
        write_minutes(result, target, meta)
    say(f"wrote {target}")


# --- speechkit tasks (issue 4) -------------------------------------------------------------------
