"""Speech → Speech with tasks: action items with owner, deadline and recurrence."""

from __future__ import annotations

from dataclasses import replace

from speechkit.document import Speech

__all__ = ["extract_tasks"]


def extract_tasks(speech: Speech) -> Speech:
    """Return the speech with its action items (督办事项) found."""
    return replace(speech, tasks=())
