"""speechkit: Chinese meeting speeches and minutes → outline, action items, 会议纪要 and 督办台账, offline."""

from speechkit.document import Document, Heading, Options, Paragraph, Result, Segment, Speech, Task
from speechkit.errors import InputError, MissingExtra, SpeechkitError, TrackerError, UsageError
from speechkit.pipeline import outline_text, process_file

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
