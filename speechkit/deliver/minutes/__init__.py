"""Result → 会议纪要 (meeting minutes): a .docx laid out to GB/T 9704-2012, or Markdown.

``content`` builds the ``Minutes`` data class from a Result (the seam); ``markdown`` and ``docx``
lay it out; ``gbt9704`` holds the standard's numbers. Batch and the ``minutes`` command name the
file alike: ``<stem>.minutes.docx`` (``minutes_name``).
"""

from speechkit.deliver.minutes.content import (
    NO_TASKS,
    Block,
    Minutes,
    MinutesMeta,
    chinese_numeral,
    compose_minutes,
    format_date,
    fullwidth_punctuation,
    gb_marker,
    task_line,
)
from speechkit.deliver.minutes.docx import (
    PPR_ORDER,
    RPR_ORDER,
    build_minutes_docx,
    minutes_docx_bytes,
    title_lines,
    write_minutes,
)
from speechkit.deliver.minutes.markdown import minutes_markdown

MINUTES_SUFFIX = ".minutes"  # the outline's <stem>.md and the minutes' <stem>.minutes.md never meet


def minutes_name(stem: str, fmt: str = "docx") -> str:
    """The file name of a meeting's minutes, the same in batch and in ``speechkit minutes``."""
    return f"{stem}{MINUTES_SUFFIX}.{fmt}"


__all__ = [
    "MINUTES_SUFFIX",
    "NO_TASKS",
    "PPR_ORDER",
    "RPR_ORDER",
    "Block",
    "Minutes",
    "MinutesMeta",
    "build_minutes_docx",
    "chinese_numeral",
    "compose_minutes",
    "format_date",
    "fullwidth_punctuation",
    "gb_marker",
    "minutes_docx_bytes",
    "minutes_markdown",
    "minutes_name",
    "task_line",
    "title_lines",
    "write_minutes",
]
