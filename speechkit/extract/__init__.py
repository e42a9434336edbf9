"""Speech → Speech with tasks: action items (督办事项) with owner, deadline and recurrence."""

from __future__ import annotations

import re
from dataclasses import replace

from speechkit.document import Speech, Task
from speechkit.extract.action_items import action_item_tasks
from speechkit.extract.classifier import revise_verdicts
from speechkit.extract.deadlines import find_deadline, find_recurrence, resolve_deadline, to_rrule
from speechkit.extract.owner_tags import fill_tagged_owners
from speechkit.extract.tasks import (
    Candidate,
    fill_section_owners,
    find_tasks,
    heading_path,
    plausible_owner,
    whole_unit,
)

__all__ = ["extract_tasks", "find_deadline", "find_recurrence", "resolve_deadline", "to_rrule"]


def extract_tasks(speech: Speech) -> Speech:
    """Return the speech with its action items (督办事项) and its general exhortations (要求)."""
    judged, table = find_tasks(speech.text, inline_heading_starts(speech))
    revise_verdicts(judged, speech.text, speech.title)
    fill_tagged_owners(judged, speech.text, speech.headings)
    fill_section_owners(judged, speech.headings)
    items = [t for t in action_item_tasks(speech.text) if not _overlaps(t, table)]
    tasks = [
        _to_task(c) for c in judged if c.is_task and not _is_the_title(c, speech.title) and not _overlaps(c, items)
    ]
    tasks += table + items
    tasks = [_complete(t, speech) for t in sorted(tasks, key=lambda t: t.start)]
    requirements = tuple(c.text for c in judged if c.is_requirement)
    return replace(speech, tasks=tuple(tasks), requirements=requirements)


def _overlaps(found: Candidate | Task, others: list[Task]) -> bool:
    """Whether a task or candidate shares text with one of ``others`` (an action item is one task, however the
    rules cut its line)."""
    return any(o.start < found.end and found.start < o.end for o in others)


def _is_the_title(candidate: Candidate, title: str | None) -> bool:
    """Whether a candidate is the speech's title line ("关于做好国庆前安全自查工作的通知"): what the
    document is about, not work it gives."""
    return title is not None and _UNSPACED.sub("", candidate.text) == _UNSPACED.sub("", title)


_UNSPACED = re.compile(r"\s+")


def inline_heading_starts(speech: Speech) -> tuple[int, ...]:
    """Where a heading starts inside a line, as on a page that lost its line breaks: no sentence runs
    over it ("…我着重讲两个问题:一、周密部署…(一)开展…"). A spoken item the colon of a lead-in opens
    starts afresh too: "…安排部署了8月份各部门工作,会议要求:一是确保…" (what the meeting did is not the item)."""
    text = speech.text
    return tuple(
        sorted(
            h.start
            for h in speech.headings
            if 0 < h.start < len(text)
            and text[h.start - 1] != "\n"
            and (h.marker.endswith(_WRITTEN_MARK_ENDS) or text[h.start - 1] in _COLONS)
        )
    )


_COLONS = (":", "：")


# How a written heading's marker ends ("一、", "(一)", "1.", "①"): an inline 一要/第一 is part of its sentence.
_WRITTEN_MARK_ENDS = ("、", ".", "．", ")", "）", *"①②③④⑤⑥⑦⑧⑨⑩")


def _to_task(candidate: Candidate) -> Task:
    return Task(
        quote=candidate.text,
        owner=plausible_owner(whole_unit(candidate.text, candidate.owner)),
        deadline=candidate.deadline,
        recurrence=candidate.recurrence,
        lead=candidate.lead,
        cooperating=candidate.cooperating,
        person=candidate.person,
        start=candidate.start,
        end=candidate.end,
    )


def _complete(task: Task, speech: Speech) -> Task:
    """Resolve the date, the RRULE and the heading path of a task."""
    return replace(
        task,
        deadline_iso=resolve_deadline(task.deadline, speech.meeting_date),
        rrule=to_rrule(task.recurrence),
        heading_path=heading_path(speech.headings, task.start),
    )
