"""Result → the meeting's structured form as JSON (the gold form) and as readable Markdown."""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from speechkit.deliver import fit_stem, unique_stems, write_atomic
from speechkit.document import Document, Heading, Result, Speech, Task
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
    return "".join(json_pieces(result))


def json_pieces(result: Result) -> Iterator[str]:
    """``to_json`` piece by piece, for writing a long document's JSON without holding it whole."""
    yield from json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(to_dict(result))
    yield "\n"


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


def write_outline(result: Result, out_dir: Path, fmt: str = "both", stem: str | None = None) -> list[Path]:
    """Write ``<out_dir>/<stem>.json`` and/or ``.md`` atomically; return the paths written."""
    stem = stem or fit_stem(result.source.stem)
    written = []
    if fmt in ("json", "both"):
        written.append(write_atomic(out_dir / f"{stem}.json", json_pieces(result)))
    if fmt in ("md", "both"):
        written.append(write_atomic(out_dir / f"{stem}.md", to_markdown(result)))
    return written


def output_stems(sources: Sequence[Path]) -> dict[Path, str]:
    """The output stem of each input of one run, so that no input's output overwrites another's.

    An input's stem, unless another input has it too: then its file name (纪要.txt, 纪要.docx), its
    folders (2023_纪要, 2024_纪要), both, and at last ``~2``. The same file named twice is one input.
    """
    paths = list(dict.fromkeys(Path(p) for p in sources))
    real = {p: os.path.realpath(p) for p in paths}
    files = list(dict.fromkeys(real.values()))
    parents = [os.path.dirname(f) for f in files]
    base = os.path.commonpath(parents) if parents else ""
    choices = []
    for file in files:
        folders = os.path.relpath(os.path.dirname(file), base).replace(os.sep, "_").strip("._")
        name, stem = os.path.basename(file), Path(file).stem
        choices.append([stem, name, f"{folders}_{stem}" if folders else name, f"{folders}_{name}" if folders else name])
    level = [0] * len(files)
    for _ in range(3):
        counts = Counter(c[lv] for c, lv in zip(choices, level, strict=True))
        clashes = [i for i, (c, lv) in enumerate(zip(choices, level, strict=True)) if counts[c[lv]] > 1]
        if not clashes:
            break
        for i in clashes:
            level[i] = min(level[i] + 1, 3)
    stems = unique_stems([fit_stem(c[lv]) for c, lv in zip(choices, level, strict=True)])
    by_file = dict(zip(files, stems, strict=True))
    return {p: by_file[real[p]] for p in paths}


def from_dict(data: dict[str, Any], source: Path | None = None) -> Result:
    """Turn the JSON form written by ``to_dict`` (or a gold file) back into a Result.

    The speech text is not in the JSON, so ``Speech.text`` comes back empty; unknown keys are ignored.
    The ``input`` block (path, sha256, kind, encoding, cleaning log: what identifies a meeting's file
    in the tracker) comes back as a ``Document`` without text or segments.
    """
    speeches = tuple(_speech_from_dict(s) for s in data.get("speeches", ()))
    source = source or Path(data.get("source") or "result.json")
    return Result(source=source, speeches=speeches, document=_document_from_dict(data.get("input")))


def _document_from_dict(data: dict[str, Any] | None) -> Document | None:
    """The input file's facts as ``to_dict`` writes them under ``input``; None without a path."""
    if not data or not data.get("path"):
        return None
    sha256, kind, encoding, log = (data.get(name) for name in ("sha256", "kind", "encoding", "cleaning_log"))
    return Document(
        source=Path(str(data["path"])),
        text="",
        kind=kind if isinstance(kind, str) else "",
        encoding=encoding if isinstance(encoding, str) else None,
        cleaning_log=tuple(str(line) for line in log) if isinstance(log, list) else (),
        sha256=sha256 if isinstance(sha256, str) else None,
    )


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
    from speechkit.ingest.guard import read_input

    raw = read_input(path)  # a directory, a FIFO, a loop: one line
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(f"not a speechkit outline JSON file ({e})", path) from None
    except RecursionError:
        raise InputError("not a speechkit outline JSON file (nested too deeply)", path) from None
    if not isinstance(data, dict) or not isinstance(data.get("speeches"), list):
        raise InputError('not a speechkit outline JSON file (no "speeches" list)', path)
    problem = outline_shape_problem(data)
    if problem:
        raise InputError(f"not a speechkit outline JSON file ({problem})", path)
    data.setdefault("source", path.name)
    return data


_TEXT_FIELDS = {
    "speech": ("title", "speaker", "speaker_role", "meeting", "meeting_date"),
    "task": ("quote", "owner", "deadline", "deadline_iso", "recurrence", "rrule", "lead", "person"),
    "heading": ("marker", "text"),
}
_LIST_FIELDS = {"speech": ("requirements",), "task": ("cooperating", "heading_path"), "heading": ()}
_INT_FIELDS = {"speech": (), "task": ("start", "end"), "heading": ("level", "start")}


def outline_shape_problem(data: dict[str, Any]) -> str | None:
    """What makes a decoded JSON no outline (``"tasks": 5``, ``"meeting": 5``, a lone surrogate), or None."""
    for name in ("source",):
        if data.get(name) is not None and not isinstance(data[name], str):
            return f'"{name}" is not a string'
    if data.get("input") is not None and not isinstance(data["input"], dict):
        return '"input" is not an object'
    for i, speech in enumerate(data["speeches"], 1):
        where = f"speech {i}"
        if not isinstance(speech, dict):
            return f"{where} is not an object"
        problem = _fields_problem(speech, "speech", where)
        if problem:
            return problem
        for part in ("headings", "tasks"):
            entries = speech.get(part)
            if entries is None:
                continue
            if not isinstance(entries, list):
                return f'{where}: "{part}" is not a list'
            for j, entry in enumerate(entries, 1):
                kind = part[:-1]
                if not isinstance(entry, dict):
                    return f"{where}, {kind} {j} is not an object"
                problem = _fields_problem(entry, kind, f"{where}, {kind} {j}")
                if problem:
                    return problem
    bad = _lone_surrogate(data)
    return f"a string holds a lone surrogate ({bad!r})" if bad else None


def _fields_problem(entry: dict[str, Any], kind: str, where: str) -> str | None:
    for name in _TEXT_FIELDS[kind]:
        if entry.get(name) is not None and not isinstance(entry[name], str):
            return f'{where}: "{name}" is not a string'
    for name in _LIST_FIELDS[kind]:
        value = entry.get(name)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return f'{where}: "{name}" is not a list of strings'
    for name in _INT_FIELDS[kind]:
        value = entry.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            return f'{where}: "{name}" is not a whole number'
    return None


def _lone_surrogate(data: Any) -> str | None:
    """The first string (key or value) that cannot be written as UTF-8, walked without recursion."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return value[:40]
    return None


def _speech_from_dict(data: dict[str, Any]) -> Speech:
    return Speech(
        text="",
        title=data.get("title"),
        speaker=data.get("speaker"),
        speaker_role=data.get("speaker_role"),
        meeting=data.get("meeting"),
        meeting_date=_date(data.get("meeting_date"), "meeting_date"),
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
    fields["deadline_iso"] = _date(fields.get("deadline_iso"), "deadline_iso")
    for name in ("cooperating", "heading_path"):
        fields[name] = tuple(fields.get(name) or ())
    return Task(**fields)


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """The keys of ``data`` that are fields of the dataclass ``cls``."""
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _date(value: Any, name: str) -> date | None:
    """An ISO date; any other string is a ValueError naming the field (``read_result_json`` shows it)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f'"{name}" is not a date of the form YYYY-MM-DD: {value[:40]!r}') from None
