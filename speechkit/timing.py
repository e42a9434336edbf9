"""Recording times for what the pipeline found: each heading and task of a transcribed speech → seconds.

It runs after extract (tasks need their times too), so it lives beside the pipeline rather than in
ingest: it reads only the Document's segments and the paragraph map ``clean`` made.
"""

from __future__ import annotations

from dataclasses import replace

from speechkit.document import Document, Speech


def time_at(document: Document, offset: int) -> float | None:
    """Seconds into the recording at which an offset of the cleaned ``document.text`` was said.

    ``clean`` maps each paragraph back to the transcript (``Paragraph.source_start``); the transcript
    is the segments' texts joined, so the source offset falls in one segment.
    """
    if not document.segments:
        return None
    from speechkit.ingest.transcript import segment_offsets  # the transcript's own joining rule

    source = offset
    for paragraph in document.paragraphs:
        if paragraph.start <= offset <= paragraph.start + len(paragraph.text):
            source = min(paragraph.source_start + offset - paragraph.start, max(paragraph.source_end - 1, 0))
            break
    time = document.segments[0].start
    for start, segment in segment_offsets(document.segments):
        if start > source:
            break
        time = segment.start
    return time


def add_times(speech: Speech, document: Document) -> Speech:
    """Each heading and task of a transcribed speech with the time its text was said."""
    if not document.segments:
        return speech
    headings = tuple(replace(h, time=time_at(document, speech.start + h.start)) for h in speech.headings)
    tasks = tuple(replace(t, time=time_at(document, speech.start + t.start)) for t in speech.tasks)
    return replace(speech, headings=headings, tasks=tasks)
