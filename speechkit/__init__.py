"""speechkit: Chinese meeting speeches and minutes → outline, action items, 会议纪要 and 督办台账, offline."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = [
    "Document",
    "Heading",
    "InputError",
    "MissingExtra",
    "Options",
    "Paragraph",
    "Result",
    "Segment",
    "Speech",
    "SpeechkitError",
    "Task",
    "TrackerError",
    "UsageError",
    "outline_text",
    "process_file",
]
__version__ = "0.1.0"

# Loaded on first use (PEP 562): `import speechkit` and `speechkit --help` do not compile the
# pipeline's rules; `speechkit.process_file` still works as before.
_HOMES = dict.fromkeys(("Document", "Heading", "Options", "Paragraph", "Result", "Segment", "Speech", "Task"),
                       "speechkit.document")  # fmt: skip
_ERRORS = ("InputError", "MissingExtra", "SpeechkitError", "TrackerError", "UsageError")
_HOMES |= dict.fromkeys(_ERRORS, "speechkit.errors")
_HOMES |= dict.fromkeys(("outline_text", "process_file"), "speechkit.pipeline")


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from speechkit.document import Document, Heading, Options, Paragraph, Result, Segment, Speech, Task
    from speechkit.errors import InputError, MissingExtra, SpeechkitError, TrackerError, UsageError
    from speechkit.pipeline import outline_text, process_file
