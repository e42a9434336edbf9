"""The minutes as Markdown, for readers without Word."""

from __future__ import annotations

from speechkit.deliver.minutes.content import (
    NO_TASKS,
    MinutesMeta,
    annex_rows,
    compose_minutes,
    gb_marker,
    task_line,
)
from speechkit.document import Result


def minutes_markdown(result: Result, meta: MinutesMeta | None = None) -> str:
    """The same minutes as Markdown, for readers without Word."""
    minutes = compose_minutes(result, meta)
    lines = [f"# {minutes.mark}", ""]
    if minutes.number:
        lines += [minutes.number, ""]
    header = " · ".join(x for x in (minutes.org, minutes.date_text) if x)
    if header:
        lines += [header, ""]
    lines += ["---", ""]
    if minutes.title:
        lines += [f"## {minutes.title}", ""]
    lines += [minutes.opening, ""]
    for section in minutes.sections:
        text = f"{section.marker}{section.heading}"
        if section.level == 0:
            lines += [section.body, ""]
        elif section.level == 1:
            lines += [f"### {text}{section.rest}", ""]
            lines += [section.body, ""] if section.body else []
        else:
            lines += [f"{'**' + text + '**' if section.level == 2 else text}{section.rest}", ""]
    for item in [f"{gb_marker(2, i)}{task_line(t)}" for i, t in enumerate(minutes.tasks, 1)] or [NO_TASKS]:
        lines += [item, ""]
    for label, names in (*minutes.attendance, *minutes.distribution):
        lines += [f"**{label}**：{names}", ""]
    if minutes.annex:
        lines += ["## 附件：会议议定事项清单", ""]
        lines += ["| 序号 | 议定事项 | 责任单位 | 配合单位 | 完成时限 |", "|---" * 5 + "|"]
        for i, row in enumerate(annex_rows(minutes.tasks), 1):
            lines.append("| " + " | ".join([str(i), *(c.replace("|", "\\|") for c in row)]) + " |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
