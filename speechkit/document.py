"""The plain data classes passed between the pipeline stages, and nothing else.

ingest → ``Document`` → clean → ``Document`` (with ``paragraphs``) → structure → ``Speech``
→ extract → ``Speech`` with ``tasks`` → deliver (``Result``). Field names match the gold JSON
in ``samples/gold``, so the JSON output is ``dataclasses.asdict()`` plus ISO dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the annotation only: document.py imports no stage
    from speechkit.ingest.audio import TranscribeOptions


@dataclass(frozen=True, slots=True)
class Segment:
    """A timed stretch of a transcript (audio input only)."""

    start: float  # seconds from the start of the recording
    end: float
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One cleaned paragraph and where it came from in the source text."""

    text: str  # cleaned (and simplified) text
    start: int  # offset of ``text`` in ``Document.text``
    source_start: int  # offsets in ``Document.original``
    source_end: int


@dataclass(frozen=True, slots=True)
class Document:
    """A meeting as read from a file: text, and for audio the timed segments behind it.

    ``ingest`` fills ``text`` with the decoded source. ``clean`` returns a copy whose ``text``
    is the cleaned text (paragraphs joined by ``\\n``), keeps the source in ``original`` and
    maps each paragraph back to it.
    """

    source: Path
    text: str
    kind: str  # "txt" "md" "docx" "html" "audio"
    encoding: str | None = None
    segments: tuple[Segment, ...] = ()
    original: str | None = None  # the text as read, before cleaning
    paragraphs: tuple[Paragraph, ...] = ()
    cleaning_log: tuple[str, ...] = ()  # one line per kind of noise removed
    published: date | None = None  # a page's own publication date, where it shows one
    sections: tuple[int, ...] = ()  # offsets in ``text`` where a new forum post begins (thread pages)
    sha256: str | None = None  # of the input file's bytes: the identity of a meeting's source
    page_chunks_joined: bool = False  # clean rejoined a document site's numbered page chunks (sample 001)


@dataclass(frozen=True, slots=True)
class Heading:
    """One step of the speaker's outline (标题)."""

    level: int  # 1 = the outermost numbered level of this speech
    marker: str  # "一、" "(一)" "1." "(1)" "①" "一是" "第一" "首先"
    text: str  # the heading without its marker, as in the gold JSON
    start: int  # offset in Speech.text
    paragraph: str = ""  # the whole paragraph the heading opens
    time: float | None = None  # seconds into the recording (audio only)
    points: str = ""  # the first sentences of the section after the heading's paragraph (a 纪要 keeps them)


@dataclass(frozen=True, slots=True)
class Task:
    """One action item a supervision office tracks (督办事项)."""

    quote: str  # the source clause, lead-ins such as 会议要求 dropped
    owner: str | None  # 责任单位/责任人 as the text names it; the lead unit under 牵头
    deadline: str | None  # 时限 as written: "10月15日前", "本月底"
    deadline_iso: date | None = None  # the deadline resolved against the meeting date
    recurrence: str | None = None  # 频次 as written: "每月", "一月一督办"
    rrule: str | None = None  # the recurrence as an RFC 5545 rule: "FREQ=MONTHLY;BYMONTHDAY=25"
    lead: str | None = None  # 牵头单位
    cooperating: tuple[str, ...] = ()  # 配合单位
    person: str | None = None  # 责任人, where a person is named
    heading_path: tuple[str, ...] = ()  # the headings above the task, outermost first
    start: int = 0  # offset of the quote in Speech.text
    end: int = 0
    time: float | None = None  # seconds into the recording (audio only)


@dataclass(frozen=True, slots=True)
class Speech:
    """One speech or set of minutes within a file, with its outline and action items."""

    text: str
    title: str | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    meeting: str | None = None
    meeting_date: date | None = None
    headings: tuple[Heading, ...] = ()
    tasks: tuple[Task, ...] = ()
    requirements: tuple[str, ...] = ()  # general exhortations (要加强学习): kept, not tracked
    start: int = 0  # offset of ``text`` in the cleaned Document.text
    place: str | None = None  # 地点: "县委三楼会议室"
    chair: str | None = None  # 主持: "区长李朝锋"
    attendees: tuple[str, ...] = ()  # 出席/参会: names or groups ("区领导魏少峰、申健民、刘明")
    absent: tuple[str, ...] = ()  # 请假
    observers: tuple[str, ...] = ()  # 列席


@dataclass(frozen=True, slots=True)
class Options:
    """Settings of one pipeline run, from the command line to every stage (one object, as
    faster-whisper's ``TranscriptionOptions``): ingest reads ``transcribe``, structure the date."""

    meeting_date: date | None = None  # --date: used when the text gives none
    # Recordings only: ``speechkit.ingest.audio.TranscribeOptions`` (engine, model, beam size, hot-words …),
    # defined with the engines that read it; None = their defaults.
    transcribe: TranscribeOptions | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """Everything the pipeline learned from one input file: what ``deliver`` writes."""

    source: Path
    speeches: tuple[Speech, ...]
    document: Document | None = field(default=None, repr=False)  # the cleaned input behind them
