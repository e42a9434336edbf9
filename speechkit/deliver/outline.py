"""Result → the meeting's structured form as JSON (the gold form) and as readable Markdown."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

from speechkit.deliver import write_atomic
from speechkit.document import Heading, Result, Speech, Task
from speechkit.errors import InputError

SPEECH_FIELDS = ("title", "speaker", "speaker_role", "meeting", "meeting_date")
FACT_FIELDS = ("place", "chair", "attendees", "absent", "observers")  # speech facts, after the tasks


def to_dict(result: Result) -> dict[str, Any]:
    """The JSON form of ``../shared/eval/README.md``, with extra fields (offsets, paths, log)."""
    doc = result.document
    out: dict[str, Any] = {"source": result.source.name, "speeches": [_speech_dict(s) for s in result.speeches]}
    if doc is not None:
        out["input"] = {
            "path": str(doc.source),
            "sha256": doc.sha256,
            "kind": doc.kind,
            "encoding": doc.encoding,
            "cleaning_log": list(doc.cleaning_log),
        }
        if doc.segments:
            out["segments"] = [dataclasses.asdict(s) for s in doc.segments]
    return out


def _speech_dict(speech: Speech) -> dict[str, Any]:
    data = {name: _plain(getattr(speech, name)) for name in SPEECH_FIELDS}
    data["headings"] = [_plain(dataclasses.asdict(h)) for h in speech.headings]
    data["tasks"] = [_plain(dataclasses.asdict(t)) for t in speech.tasks]
    data["requirements"] = list(speech.requirements)
    data |= {name: _plain(getattr(speech, name)) for name in FACT_FIELDS}
    return data


def _plain(value: Any) -> Any:
    """Dates to ISO strings and tuples to lists, recursively."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def to_json(result: Result) -> str:
    """The result as pretty-printed UTF-8 JSON."""
    return json.dumps(to_dict(result), ensure_ascii=False, indent=1) + "\n"


def to_markdown(result: Result) -> str:
    """The result as a readable nested outline, one section per speech, with a task table."""
    lines = [f"# {result.source.name}", ""]
    for number, speech in enumerate(result.speeches, 1):
        lines += _speech_markdown(speech, number, len(result.speeches))
    return "\n".join(lines).rstrip() + "\n"


def _speech_markdown(speech: Speech, number: int, total: int) -> list[str]:
    title = speech.title or (f"讲话 {number}" if total > 1 else "讲话")
    lines = [f"## {title}", ""]
    facts = [
        ("讲话人", " ".join(x for x in (speech.speaker_role, speech.speaker) if x)),
        ("会议", speech.meeting),
        ("日期", speech.meeting_date.isoformat() if speech.meeting_date else None),
    ]
    lines += [f"- **{label}**: {value}" for label, value in facts if value]
    if any(value for _, value in facts):
        lines.append("")
    for heading in speech.headings:
        lines.append(f"{'  ' * (heading.level - 1)}- {heading.marker} {heading.text}")
    if speech.headings:
        lines.append("")
    if speech.tasks:
        lines += ["### 任务清单", "", "| # | 任务 | 责任单位 | 配合单位 | 时限 | 日期 | 频次 |", "|---" * 7 + "|"]
        for i, task in enumerate(speech.tasks, 1):
            cells = [
                str(i),
                task.quote,
                task.owner or "",
                "、".join(task.cooperating),
                task.deadline or "",
                task.deadline_iso.isoformat() if task.deadline_iso else "",
                task.recurrence or "",
            ]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    return lines


def write_outline(result: Result, out_dir: Path, fmt: str = "both") -> list[Path]:
    """Write ``<out_dir>/<stem>.json`` and/or ``.md`` atomically; return the paths written."""
    stem = result.source.stem
    written = []
    if fmt in ("json", "both"):
        written.append(write_atomic(out_dir / f"{stem}.json", to_json(result)))
    if fmt in ("md", "both"):
        written.append(write_atomic(out_dir / f"{stem}.md", to_markdown(result)))
    return written


def from_dict(data: dict[str, Any], source: Path | None = None) -> Result:
    """Turn the JSON form written by ``to_dict`` (or a gold file) back into a Result.

    The speech text is not in the JSON, so ``Speech.text`` comes back empty; unknown keys are ignored.
    """
    speeches = tuple(_speech_from_dict(s) for s in data.get("speeches", ()))
    return Result(source=source or Path(data.get("source") or "result.json"), speeches=speeches)


def read_result_json(path: Path) -> Result:
    """Read a JSON file that speechkit wrote (``speechkit outline``) as a Result."""
    data = read_outline_json(path)
    try:
        return from_dict(data, source=Path(data.get("source") or Path(path).name))
    except (TypeError, ValueError, AttributeError) as e:
        raise InputError(f"not a speechkit outline JSON file ({e})", path) from e


def read_outline_json(path: Path) -> dict[str, Any]:
    """The decoded outline JSON of ``path`` (its ``source`` filled in), or an InputError saying what is wrong."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(f"not a speechkit outline JSON file ({e})", path) from None
    if not isinstance(data, dict) or not isinstance(data.get("speeches"), list):
        raise InputError('not a speechkit outline JSON file (no "speeches" list)', path)
    data.setdefault("source", path.name)
    return data


def _speech_from_dict(data: dict[str, Any]) -> Speech:
    return Speech(
        text="",
        title=data.get("title"),
        speaker=data.get("speaker"),
        speaker_role=data.get("speaker_role"),
        meeting=data.get("meeting"),
        meeting_date=_date(data.get("meeting_date")),
        headings=tuple(_heading_from_dict(h) for h in data.get("headings") or ()),
        tasks=tuple(_task_from_dict(t) for t in data.get("tasks") or ()),
        requirements=tuple(data.get("requirements") or ()),
        place=data.get("place"),
        chair=data.get("chair"),
        attendees=tuple(data.get("attendees") or ()),
        absent=tuple(data.get("absent") or ()),
        observers=tuple(data.get("observers") or ()),
    )


def _heading_from_dict(data: dict[str, Any]) -> Heading:
    """A heading; gold files carry no offsets, so ``start`` defaults to 0."""
    fields = {"level": 1, "marker": "", "text": "", "start": 0, **_known(Heading, data)}
    return Heading(**fields)


def _task_from_dict(data: dict[str, Any]) -> Task:
    fields = _known(Task, data)
    fields.setdefault("quote", "")
    fields.setdefault("owner", None)
    fields.setdefault("deadline", None)
    fields["deadline_iso"] = _date(fields.get("deadline_iso"))
    for name in ("cooperating", "heading_path"):
        fields[name] = tuple(fields.get(name) or ())
    return Task(**fields)


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """The keys of ``data`` that are fields of the dataclass ``cls``."""
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None
