"""process_file(), outline_text(): the only place that knows the stage order.

ingest → clean → structure → extract; ``deliver`` then writes what comes out.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from pathlib import Path

from speechkit.clean import clean
from speechkit.document import Document, Options, Result, Speech
from speechkit.extract import extract_tasks
from speechkit.ingest import read
from speechkit.structure import structure

DEFAULT_OPTIONS = Options()
log = logging.getLogger(__name__)  # speechkit -v: one line per file; -vv: each stage's time


def process_document(document: Document, options: Options = DEFAULT_OPTIONS) -> Result:
    """Run clean → structure → extract over a document already read."""
    started = time.perf_counter()
    cleaned = clean(document)
    cleaned_at = time.perf_counter()
    speeches = structure(cleaned)
    structured_at = time.perf_counter()
    if options.meeting_date is not None:
        speeches = tuple(s if s.meeting_date else replace(s, meeting_date=options.meeting_date) for s in speeches)
    speeches = tuple(extract_tasks(s) for s in speeches)
    if cleaned.segments:  # a recording: point each heading and task at its time
        from speechkit.timing import add_times

        speeches = tuple(add_times(s, cleaned) for s in speeches)
    done_at = time.perf_counter()
    log.debug("%s: clean %.3f s, structure %.3f s, extract %.3f s", document.source,
              cleaned_at - started, structured_at - cleaned_at, done_at - structured_at)  # fmt: skip
    log.info("%s: %d speeches, %d headings, %d tasks", document.source, len(speeches),
             sum(len(s.headings) for s in speeches), sum(len(s.tasks) for s in speeches))  # fmt: skip
    return Result(source=document.source, speeches=speeches, document=cleaned)


def process_file(path: Path, options: Options = DEFAULT_OPTIONS) -> Result:
    """Read one meeting file (text, docx, html or audio) and return its speeches with outline and tasks."""
    return process_document(read(Path(path), options.transcribe), options)


def outline_text(text: str, options: Options = DEFAULT_OPTIONS) -> tuple[Speech, ...]:
    """The speeches, outlines and tasks of a text given as a string."""
    document = Document(source=Path("<text>"), text=text, kind="txt", encoding=None)
    return process_document(document, options).speeches
